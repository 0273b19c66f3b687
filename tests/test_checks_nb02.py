"""Checkers of notebook 02 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import brentq

from lrnn_utils import dphi, gauss_avg, phi
from lrnn_utils.checks import nb02
from lrnn_utils.meanfield import self_consistency_map, solve_rank_one


def test_stubs_raise():
    with pytest.raises(NotImplementedError):
        nb02.exercise_1(...)
    with pytest.raises(NotImplementedError):
        nb02.exercise_1(lambda x, m, n: ...)
    with pytest.raises(NotImplementedError):
        nb02.exercise_2(lambda overlap: ...)
    for ex in (nb02.exercise_2, nb02.exercise_3, nb02.exercise_4):
        with pytest.raises(NotImplementedError):
            ex(...)
    with pytest.raises(NotImplementedError):
        nb02.exercise_5(..., np.ones(3), u=np.ones(3), w=np.ones(3))


def ex1(f):
    return nb02.exercise_1(f, quiet=True)


def test_exercise_1_reference_and_alternatives():
    assert ex1(lambda x, m, n: n @ np.tanh(x) / len(x))
    assert ex1(lambda x, m, n: np.mean(n * phi(x)))
    assert ex1(lambda x, m, n: float(np.dot(n, np.tanh(x))) / x.size)


@pytest.mark.parametrize("wrong, words", [
    (lambda x, m, n: m @ np.tanh(x) / len(x), "listens"),
    (lambda x, m, n: n @ np.tanh(x), "divide by N"),
    (lambda x, m, n: n @ x / len(x), "rate"),
    (lambda x, m, n: np.mean(np.tanh(x)) * np.mean(n), "two population averages"),
])
def test_exercise_1_mistakes(wrong, words):
    fb = ex1(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_1_cannot_be_faked():
    # the student's own inputs no longer count: a constant, or zero, is rejected
    fb = ex1(lambda x, m, n: 0.0)
    assert not fb and "two population averages" not in fb.message, fb.message
    assert not ex1(0.0)
    assert not ex1(lambda x, m, n: 0.25)


def k_star_ref(overlap):
    return brentq(lambda k: gauss_avg(dphi, 0.0, k**2) - 1 / overlap, 0.01, 10.0)


def test_exercise_2():
    assert nb02.exercise_2(k_star_ref)
    assert nb02.exercise_2(lambda ov: -k_star_ref(ov), quiet=True)  # both signs
    fb = nb02.exercise_2(lambda ov: k_star_ref(ov) ** 2, quiet=True)
    assert not fb and "κ*²" in fb.message
    fb = nb02.exercise_2(lambda ov: np.sqrt(k_star_ref(ov)), quiet=True)
    assert not fb and "√κ*" in fb.message
    fb = nb02.exercise_2(lambda ov: 0.0, quiet=True)
    assert not fb and "unstable" in fb.message
    assert not nb02.exercise_2(1.0, quiet=True)


def test_exercise_2_no_false_hint():
    # a function that ignores its argument and always answers for overlap 2 is wrong at
    # the other overlaps, and no formula hint is claimed (√κ*(2.5) = κ*(2) by coincidence)
    fb = nb02.exercise_2(lambda ov: k_star_ref(2.0), quiet=True)
    assert not fb and "Your numbers are" not in fb.message and "overlap" in fb.message
    fb = nb02.exercise_2(lambda ov: k_star_ref(2.5), quiet=True)
    assert not fb and "Your numbers are" not in fb.message


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
