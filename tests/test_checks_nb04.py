"""Checkers of notebook 04 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils import dphi, gauss_avg, gaussian_vectors, phi
from lrnn_utils.checks import nb04
from lrnn_utils.meanfield import solve_rank_one


def test_stubs_raise():
    with pytest.raises(NotImplementedError):
        nb04.exercise_1(...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_1(lambda x, m, kappa, g: ...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_2((..., ...), g=0.5, params={})
    with pytest.raises(NotImplementedError):
        nb04.exercise_3(...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_3(lambda g: ...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_4(..., x=np.zeros((5, 3)))


def ex1(f):
    return nb04.exercise_1(f, quiet=True)


def test_exercise_1_reference_and_alternatives():
    def ref(x, m, kappa, g):
        return np.var(m) * kappa**2 + g**2 * np.mean(np.tanh(x) ** 2)

    assert ex1(ref)
    # ddof=1 variance and φ written as lrnn_utils.phi are as right
    assert ex1(lambda x, m, k, g: np.var(m, ddof=1) * k**2 + g**2 * np.mean(phi(x) ** 2))
    assert ex1(lambda x, m, k, g: ((m - m.mean()) * k).var() + np.mean((g * np.tanh(x)) ** 2))


@pytest.mark.parametrize("wrong, words", [
    (lambda x, m, k, g: np.mean(m**2) * k**2 + g**2 * np.mean(np.tanh(x) ** 2), "Var(m)"),
    (lambda x, m, k, g: np.var(m) * k**2 + np.mean(np.tanh(x) ** 2), "leaves out g"),
    (lambda x, m, k, g: np.var(m) * k**2 + g * np.mean(np.tanh(x) ** 2), "not g times"),
    (lambda x, m, k, g: np.std(m) * k**2 + g**2 * np.mean(np.tanh(x) ** 2),
     "standard deviation"),
    (lambda x, m, k, g: np.var(m) * k**2 + g**2 * np.mean(x**2), "tanh"),
    (lambda x, m, k, g: np.var(m) * k**2, "only the structured"),
    (lambda x, m, k, g: g**2 * np.mean(np.tanh(x) ** 2), "only the random"),
    (lambda x, m, k, g: np.var(m) * k + g**2 * np.mean(np.tanh(x) ** 2), "squared"),
    (lambda x, m, k, g: np.var(x), "measured variance"),
])
def test_exercise_1_mistakes(wrong, words):
    fb = ex1(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_1_rejects_a_number_and_a_constant():
    assert not ex1(1.7)  # a value, not the function
    assert not ex1(lambda x, m, k, g: 1.7)  # cannot be right on two different test states


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
    # the -κ branch (solve_rank_one(..., kappa0=-1)) is as right: both terms change sign
    s_neg = solve_rank_one(0.5, kappa0=-1.0, **p)
    assert s_neg.kappa < 0
    a_n, b_n = gauss_avg(phi, s_neg.mu, s_neg.delta0), gauss_avg(dphi, s_neg.mu, s_neg.delta0)
    fb = nb04.exercise_2((0.6 * a_n, 0.5 * s_neg.kappa * b_n), g=0.5, params=p, quiet=True)
    assert fb and "-κ branch" in fb.message
    # but not one term of each branch
    assert not nb04.exercise_2((ref[0], -ref[1]), g=0.5, params=p, quiet=True)


def crit_ref(g):
    if g <= 1:
        return 1.0
    d0 = solve_rank_one(g, regime="chaotic", kappa0=0.0).delta0
    return 1 / gauss_avg(dphi, 0.0, d0)


def test_exercise_3_reference():
    assert abs(crit_ref(2.5) - 2.592) < 2e-3
    assert nb04.exercise_3(crit_ref, quiet=True)
    # the chaotic solve written with np.where-style branching is as right
    assert nb04.exercise_3(lambda g: crit_ref(g) if g > 1 else 1 / gauss_avg(dphi, 0.0, 0.0),
                           quiet=True)


def test_exercise_3_mistakes():
    fb = nb04.exercise_3(lambda g: 1.0, quiet=True)
    assert not fb and "silent" in fb.message

    def stationary(g):
        return 1 / gauss_avg(dphi, 0.0, solve_rank_one(g, kappa0=0.0).delta0)

    fb = nb04.exercise_3(stationary, quiet=True)
    assert not fb and "stationary" in fb.message
    fb = nb04.exercise_3(lambda g: 1 / crit_ref(g), quiet=True)
    assert not fb and "inverse" in fb.message

    def sd_not_var(g):
        d0 = solve_rank_one(g, regime="chaotic", kappa0=0.0).delta0 if g > 1 else 0.0
        return 1 / gauss_avg(dphi, 0.0, np.sqrt(d0))

    fb = nb04.exercise_3(sd_not_var, quiet=True)
    assert not fb and "standard deviation" in fb.message

    def bulk(g):
        d0 = solve_rank_one(g, regime="chaotic", kappa0=0.0).delta0 if g > 1 else 0.0
        return 1 / np.sqrt(gauss_avg(lambda x: dphi(x) ** 2, 0.0, d0))

    fb = nb04.exercise_3(bulk, quiet=True)
    assert not fb and "bulk" in fb.message
    fb = nb04.exercise_3(lambda g: crit_ref(2.5), quiet=True)  # ignores g: a number faked
    assert not fb and "argument g" in fb.message
    assert not nb04.exercise_3(2.592, quiet=True)


def test_exercise_4():
    rng = np.random.default_rng(1)
    T, N = 200, 300
    static = 1.0 + 0.9 * rng.standard_normal(N)  # quenched offsets, population mean 1
    x = static + 0.7 * rng.standard_normal((T, N))
    xbar = x.mean(axis=0)
    ref = np.mean((xbar - x.mean()) ** 2)
    assert nb04.exercise_4(ref, x=x, quiet=True)
    assert nb04.exercise_4(np.var(xbar, ddof=1), x=x, quiet=True)  # ddof=1 is as good
    assert nb04.exercise_4(np.var(xbar), x=x, quiet=True)
    fb = nb04.exercise_4(np.mean(xbar**2), x=x, quiet=True)
    assert not fb and "population mean" in fb.message
    fb = nb04.exercise_4(np.mean((x - x.mean()) ** 2), x=x, quiet=True)
    assert not fb and "total variance" in fb.message
    fb = nb04.exercise_4(np.mean(x.var(axis=0)), x=x, quiet=True)
    assert not fb and "temporal variance" in fb.message
    fb = nb04.exercise_4(np.mean((x.mean(axis=1) - x.mean()) ** 2), x=x, quiet=True)
    assert not fb and "axis 0" in fb.message
