"""Checkers of notebook 02 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import brentq

from lrnn_utils import dphi, gauss_avg, gaussian_vectors
from lrnn_utils.checks import nb02
from lrnn_utils.meanfield import self_consistency_map, solve_rank_one


@pytest.fixture(scope="module")
def vectors():
    rng = np.random.default_rng(0)
    N = 300
    mv = gaussian_vectors(N, [0, 0], np.eye(2), rng, exact=True)
    m, n = mv[:, 0], 2.0 * mv[:, 0] + mv[:, 1]
    x = 0.8 * m + 0.5 * rng.standard_normal(N)
    return x, m, n


def test_stubs_raise():
    with pytest.raises(NotImplementedError):
        nb02.exercise_1(..., x=np.zeros(3), m=np.ones(3), n=np.ones(3))
    for ex in (nb02.exercise_2, nb02.exercise_3, nb02.exercise_4):
        with pytest.raises(NotImplementedError):
            ex(...)
    with pytest.raises(NotImplementedError):
        nb02.exercise_5(..., np.ones(3), u=np.ones(3), w=np.ones(3))


def test_exercise_1(vectors):
    x, m, n = vectors
    N = x.size
    assert nb02.exercise_1(n @ np.tanh(x) / N, x=x, m=m, n=n, quiet=True)
    fb = nb02.exercise_1(m @ np.tanh(x) / N, x=x, m=m, n=n, quiet=True)
    assert not fb and "listens" in fb.message
    fb = nb02.exercise_1(n @ np.tanh(x), x=x, m=m, n=n, quiet=True)
    assert not fb and "divide by N" in fb.message
    fb = nb02.exercise_1(n @ x / N, x=x, m=m, n=n, quiet=True)
    assert not fb and "rate" in fb.message


def test_exercise_2():
    k_star = brentq(lambda k: gauss_avg(dphi, 0.0, k**2) - 0.5, 0.01, 10.0)
    assert nb02.exercise_2(k_star, quiet=True)
    assert nb02.exercise_2(-k_star, quiet=True)  # both signs are fixed points
    fb = nb02.exercise_2(k_star**2, quiet=True)
    assert not fb and "κ*²" in fb.message
    fb = nb02.exercise_2(0.0, quiet=True)
    assert not fb and "unstable" in fb.message
    assert not nb02.exercise_2(1.0, quiet=True)


def test_exercise_3():
    params = dict(m_mean=1.0, n_mean=2.0, m_var=1.0, n_var=1.0)
    k_ref = brentq(lambda k: self_consistency_map(k, 0.0, **params) - k, 0.05, 5.0)
    assert nb02.exercise_3(k_ref, quiet=True)
    fb = nb02.exercise_3(nb02._kappa_star_cov(2.0), quiet=True)
    assert not fb and "covariance" in fb.message
    fb = nb02.exercise_3(brentq(lambda k: 2 * np.tanh(k) - k, 0.1, 5), quiet=True)
    assert not fb and "Gaussian average" in fb.message


def test_exercise_4():
    sol = solve_rank_one(1.2, m_var=1.0, n_var=5.0, mn_cov=2.0, kappa0=1.0)
    frac = sol.kappa**2 / sol.delta0
    assert nb02.exercise_4(frac, g=1.2, quiet=True)
    fb = nb02.exercise_4(1 - frac, g=1.2, quiet=True)
    assert not fb and "random" in fb.message
    fb = nb02.exercise_4(np.sqrt(frac), g=1.2, quiet=True)
    assert not fb and "cosine" in fb.message


def test_exercise_5():
    rng = np.random.default_rng(1)
    N = 100
    u = rng.uniform(-1, 1, N)
    w = rng.standard_normal(N) / N
    assert nb02.exercise_5(u, N * w, u=u, w=w, quiet=True)
    assert nb02.exercise_5(2 * u, N * w / 2, u=u, w=w, quiet=True)  # only m nᵀ is defined
    fb = nb02.exercise_5(u, w, u=u, w=w, quiet=True)
    assert not fb and "N = 100 times too small" in fb.message
    fb = nb02.exercise_5(N * w, u, u=u, w=w, quiet=True)
    assert not fb and "swapped" in fb.message
