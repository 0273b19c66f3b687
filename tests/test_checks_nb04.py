"""Checkers of notebook 04 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils import dphi, gauss_avg, gaussian_vectors, phi
from lrnn_utils.checks import nb04
from lrnn_utils.meanfield import solve_rank_one


@pytest.fixture(scope="module")
def state():
    rng = np.random.default_rng(0)
    N = 400
    mn = gaussian_vectors(N, [1.1, 2.0], np.eye(2), rng, exact=True)
    m = mn[:, 0]
    kappa, g = 1.05, 1.0
    x = m * kappa + 0.8 * rng.standard_normal(N)
    return x, m, kappa, g


def test_stubs_raise(state):
    x, m, kappa, g = state
    with pytest.raises(NotImplementedError):
        nb04.exercise_1(..., x=x, m=m, kappa=kappa, g=g)
    with pytest.raises(NotImplementedError):
        nb04.exercise_2((..., ...), g=0.5, params={})
    with pytest.raises(NotImplementedError):
        nb04.exercise_3(...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_4(..., x=np.zeros((5, 3)))


def test_exercise_1(state):
    x, m, kappa, g = state
    phi2 = np.mean(np.tanh(x) ** 2)
    assert nb04.exercise_1(np.var(m) * kappa**2 + g**2 * phi2, x=x, m=m, kappa=kappa, g=g,
                           quiet=True)
    # ddof=1 variance is fine too (relative difference 1/N)
    assert nb04.exercise_1(np.var(m, ddof=1) * kappa**2 + g**2 * phi2, x=x, m=m, kappa=kappa,
                           g=g, quiet=True)
    fb = nb04.exercise_1(np.mean(m**2) * kappa**2 + g**2 * phi2, x=x, m=m, kappa=kappa, g=g,
                         quiet=True)
    assert not fb and "Var(m)" in fb.message
    g2 = 1.5
    fb = nb04.exercise_1(np.var(m) * kappa**2 + phi2, x=x, m=m, kappa=kappa, g=g2, quiet=True)
    assert not fb and "g²" in fb.message
    fb = nb04.exercise_1(np.var(m) * kappa**2 + g**2 * np.mean(x**2), x=x, m=m, kappa=kappa,
                         g=g, quiet=True)
    assert not fb and "tanh" in fb.message
    fb = nb04.exercise_1(np.var(m) * kappa**2, x=x, m=m, kappa=kappa, g=g, quiet=True)
    assert not fb and "only the structured" in fb.message


def test_exercise_2():
    p = dict(m_mean=1.0, n_mean=0.6, m_var=1.0, n_var=1.0, mn_cov=0.5)
    s = solve_rank_one(0.5, **p)
    a, b = gauss_avg(phi, s.mu, s.delta0), gauss_avg(dphi, s.mu, s.delta0)
    ref = (0.6 * a, 0.5 * s.kappa * b)
    fb = nb04.exercise_2(ref, g=0.5, params=p, quiet=True)
    assert fb and "add up" in fb.message
    fb = nb04.exercise_2(ref[::-1], g=0.5, params=p, quiet=True)
    assert not fb and "swapped" in fb.message
    fb = nb04.exercise_2((ref[0], 0.5 * b), g=0.5, params=p, quiet=True)
    assert not fb and "factor κ" in fb.message
    fb = nb04.exercise_2((0.6 * gauss_avg(phi, 0.0, s.delta0), ref[1]), g=0.5, params=p,
                         quiet=True)
    assert not fb and "population mean" in fb.message
    fb = nb04.exercise_2((0.6 * b, 0.5 * s.kappa * a), g=0.5, params=p, quiet=True)
    assert not fb and "exchanged" in fb.message
    assert not nb04.exercise_2(1.0, g=0.5, params=p, quiet=True)


def test_exercise_3():
    d0 = solve_rank_one(2.5, regime="chaotic", kappa0=0.0).delta0
    ref = 1 / gauss_avg(dphi, 0.0, d0)
    assert abs(ref - 2.592) < 2e-3
    assert nb04.exercise_3(ref, g=2.5, quiet=True)
    fb = nb04.exercise_3(1.0, g=2.5, quiet=True)
    assert not fb and "silent" in fb.message
    d0s = solve_rank_one(2.5, kappa0=0.0).delta0
    fb = nb04.exercise_3(1 / gauss_avg(dphi, 0.0, d0s), g=2.5, quiet=True)
    assert not fb and "stationary" in fb.message
    fb = nb04.exercise_3(1 / np.sqrt(gauss_avg(lambda x: dphi(x) ** 2, 0.0, d0)), g=2.5,
                         quiet=True)
    assert not fb and "bulk" in fb.message
    fb = nb04.exercise_3(gauss_avg(dphi, 0.0, d0), g=2.5, quiet=True)
    assert not fb and "inverse" in fb.message


def test_exercise_4():
    rng = np.random.default_rng(1)
    T, N = 200, 300
    static = 1.0 + 0.9 * rng.standard_normal(N)  # quenched offsets, population mean 1
    x = static + 0.7 * rng.standard_normal((T, N))
    xbar = x.mean(axis=0)
    ref = np.mean((xbar - x.mean()) ** 2)
    assert nb04.exercise_4(ref, x=x, quiet=True)
    fb = nb04.exercise_4(np.mean(xbar**2), x=x, quiet=True)
    assert not fb and "population mean" in fb.message
    fb = nb04.exercise_4(np.mean((x - x.mean()) ** 2), x=x, quiet=True)
    assert not fb and "total variance" in fb.message
    fb = nb04.exercise_4(np.mean(x.var(axis=0)), x=x, quiet=True)
    assert not fb and "temporal variance" in fb.message
    fb = nb04.exercise_4(np.mean((x.mean(axis=1) - x.mean()) ** 2), x=x, quiet=True)
    assert not fb and "axis 0" in fb.message
