"""Checkers of notebook 04 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils import dphi, gauss_avg, phi
from lrnn_utils.checks import nb04
from lrnn_utils.models import RankOne


def test_stubs_raise():
    with pytest.raises(NotImplementedError):
        nb04.exercise_1(...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_1(lambda x, m, kappa, g: ...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_2(...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_2(lambda model, kappa, delta0: ...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_3(...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_3(lambda g: ...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_4(...)
    with pytest.raises(NotImplementedError):
        nb04.exercise_4(lambda x: ...)


def ex1(f):
    return nb04.exercise_1(f, quiet=True)


def test_exercise_1_reference_and_alternatives():
    def ref(x, m, kappa, g):
        return np.var(m) * kappa**2 + g**2 * np.mean(np.tanh(x) ** 2)

    assert ex1(ref)
    # ddof=1 variance and φ written as lrnn_utils.phi are as right
    assert ex1(lambda x, m, k, g: np.var(m, ddof=1) * k**2
               + g**2 * np.mean(phi(x) ** 2))
    assert ex1(lambda x, m, k, g: ((m - m.mean()) * k).var()
               + np.mean((g * np.tanh(x)) ** 2))


@pytest.mark.parametrize("wrong, words", [
    (lambda x, m, k, g: np.mean(m**2) * k**2 + g**2 * np.mean(np.tanh(x) ** 2),
     "Var(m)"),
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
    assert not ex1(lambda x, m, k, g: 1.7)  # cannot be right on two test states


def stein_ref(model, kappa, delta0):
    mu = model.m_mean * kappa
    return (model.n_mean * gauss_avg(phi, mu, delta0),
            model.mn_cov * kappa * gauss_avg(dphi, mu, delta0))


def ex2(f):
    return nb04.exercise_2(f, quiet=True)


def test_exercise_2_reference_and_alternatives():
    assert ex2(stein_ref)
    assert ex2(lambda model, k, d: np.array(stein_ref(model, k, d)))  # an array is fine
    assert ex2(lambda model, k, d: list(stein_ref(model, k, d)))

    def via_tanh(model, k, d):  # the averages written with lrnn_utils.gaussian's tanh
        mu = model.m_mean * k
        return (model.n_mean * gauss_avg(np.tanh, mu, d),
                model.mn_cov * k * gauss_avg(lambda x: 1 - np.tanh(x) ** 2, mu, d))

    assert ex2(via_tanh)
    # the terms add up to κ at a solution of the notebook's model
    model = RankOne(0.5, m_mean=1.0, n_mean=0.6, m_var=1.0, n_var=1.0, mn_cov=0.5)
    s = model.solve()
    assert abs(sum(stein_ref(model, s.kappa, s.delta0)) - s.kappa) < 1e-9


def _terms(f_mean=phi, f_fluct=dphi, mu_of=lambda m, k: m.m_mean * k, mean=None,
           kappa_factor=True, var=lambda d: d):
    def f(model, k, d):
        mu = mu_of(model, k)
        Mn = model.n_mean if mean is None else getattr(model, mean)
        return (Mn * gauss_avg(f_mean, mu, var(d)),
                model.mn_cov * (k if kappa_factor else 1.0)
                * gauss_avg(f_fluct, mu, var(d)))
    return f


@pytest.mark.parametrize("wrong, words", [
    (lambda model, k, d: stein_ref(model, k, d)[::-1], "swapped"),
    (_terms(kappa_factor=False), "factor κ"),
    (_terms(mu_of=lambda m, k: 0.0), "population mean"),
    (_terms(mu_of=lambda m, k: m.n_mean * k), "mean of m"),
    (_terms(mean="m_mean"), "mean of n"),
    (_terms(f_mean=dphi, f_fluct=phi), "exchanged"),
    (_terms(var=np.sqrt), "variance Δ0"),
])
def test_exercise_2_mistakes(wrong, words):
    fb = ex2(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_2_rejects_values_and_shapes():
    assert not ex2((0.12, 0.1))  # numbers, not the function
    assert not ex2(lambda model, k, d: 0.2)  # one number
    assert not ex2(lambda model, k, d: (0.1, 0.2, 0.3))
    assert not ex2(lambda model, k, d: ("a", "b"))
    assert not ex2(lambda model, k, d: (0.124009, 0.100533))  # the notebook's values


def crit_ref(g):
    if g <= 1:
        return 1.0
    d0 = RankOne(g).solve("chaotic", kappa0=0.0).delta0
    return 1 / gauss_avg(dphi, 0.0, d0)


def test_exercise_3_reference():
    assert abs(crit_ref(2.5) - 2.592) < 2e-3
    assert nb04.exercise_3(crit_ref, quiet=True)
    # the chaotic solve written with np.where-style branching is as right
    assert nb04.exercise_3(
        lambda g: crit_ref(g) if g > 1 else 1 / gauss_avg(dphi, 0.0, 0.0), quiet=True)


def test_exercise_3_mistakes():
    fb = nb04.exercise_3(lambda g: 1.0, quiet=True)
    assert not fb and "silent" in fb.message

    def stationary(g):
        return 1 / gauss_avg(dphi, 0.0, RankOne(g).solve("stationary", 0.0).delta0)

    fb = nb04.exercise_3(stationary, quiet=True)
    assert not fb and "stationary" in fb.message
    fb = nb04.exercise_3(lambda g: 1 / crit_ref(g), quiet=True)
    assert not fb and "inverse" in fb.message

    def sd_not_var(g):
        d0 = RankOne(g).solve("chaotic", kappa0=0.0).delta0 if g > 1 else 0.0
        return 1 / gauss_avg(dphi, 0.0, np.sqrt(d0))

    fb = nb04.exercise_3(sd_not_var, quiet=True)
    assert not fb and "standard deviation" in fb.message

    def bulk(g):
        d0 = RankOne(g).solve("chaotic", kappa0=0.0).delta0 if g > 1 else 0.0
        return 1 / np.sqrt(gauss_avg(lambda x: dphi(x) ** 2, 0.0, d0))

    fb = nb04.exercise_3(bulk, quiet=True)
    assert not fb and "bulk" in fb.message
    fb = nb04.exercise_3(lambda g: crit_ref(2.5), quiet=True)  # ignores g: faked
    assert not fb and "argument g" in fb.message
    assert not nb04.exercise_3(2.592, quiet=True)


def qv_ref(x):
    return np.mean((x.mean(axis=0) - x.mean()) ** 2)


def ex4(f):
    return nb04.exercise_4(f, quiet=True)


def test_exercise_4_reference_and_alternatives():
    assert ex4(qv_ref)
    assert ex4(lambda x: np.var(x.mean(axis=0), ddof=1))  # ddof=1 is as good
    assert ex4(lambda x: np.var(x.mean(axis=0)))
    assert ex4(lambda x: float(np.mean((x.mean(0) - x.mean(0).mean()) ** 2)))


@pytest.mark.parametrize("wrong, words", [
    (lambda x: np.mean(x.mean(axis=0) ** 2), "population mean"),
    (lambda x: np.mean((x - x.mean()) ** 2), "total variance"),
    (lambda x: np.mean(x.var(axis=0)), "temporal variance"),
    (lambda x: np.mean((x.mean(axis=1) - x.mean()) ** 2), "axis 0"),
])
def test_exercise_4_mistakes(wrong, words):
    fb = ex4(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_4_rejects_a_number_and_a_constant():
    assert not ex4(0.8)  # a value, not the function
    assert not ex4(lambda x: 0.8)  # cannot be right on two different activities
