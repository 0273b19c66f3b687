"""Checkers of notebook 05 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import ndtr

from lrnn_utils import dphi, gauss_avg
from lrnn_utils.checks import nb05
from lrnn_utils.models import input_task

SI, SW = 1.2, 1.2


def test_stubs_raise():
    with pytest.raises(NotImplementedError):
        nb05.exercise_1(...)
    with pytest.raises(NotImplementedError):
        nb05.exercise_1(lambda c: ...)
    with pytest.raises(NotImplementedError):
        nb05.exercise_2(...)
    with pytest.raises(NotImplementedError):
        nb05.exercise_2(lambda rho2: ...)
    with pytest.raises(NotImplementedError):
        nb05.exercise_3(...)
    with pytest.raises(NotImplementedError):
        nb05.exercise_4(...)
    with pytest.raises(NotImplementedError):
        nb05.exercise_4(lambda c, sigma_p: ...)


def kappa_ref(c, var=lambda c, k: SW**2 * k**2 + c**2 * SI**2, f=dphi, drive=SI**2,
              n=200):
    k = 0.0
    for _ in range(n):
        k = c * drive * gauss_avg(f, 0.0, var(c, k))
    return float(k)


def ex1(f):
    return nb05.exercise_1(f, quiet=True)


def test_exercise_1_reference_and_alternatives():
    assert abs(kappa_ref(1.0) - input_task(1.0, 0.0, g=0.0).solve().kappa) < 1e-8
    assert ex1(kappa_ref)
    assert ex1(lambda c: input_task(c, 0.0, g=0.0).solve().kappa)  # the library's solve
    assert ex1(lambda c: np.float64(kappa_ref(c, n=60)))  # fewer iterations suffice


@pytest.mark.parametrize("wrong, words", [
    (lambda c: c * SI**2, "linear response"),
    (lambda c: c * SI**2 * gauss_avg(dphi, 0.0, c**2 * SI**2), "Iterate"),
    (lambda c: kappa_ref(c, var=lambda c, k: SW**2 * k**2), "own variance"),
    (lambda c: kappa_ref(c, var=lambda c, k: SW**2 * k**2 + SI**2), "leaves out c²"),
    (lambda c: kappa_ref(c, f=np.tanh), "[φ']"),
    (lambda c: kappa_ref(c, drive=SI), "Σ_I squared"),
])
def test_exercise_1_mistakes(wrong, words):
    fb = ex1(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_1_rejects_numbers():
    assert not ex1(kappa_ref(1.0))  # the value at c = 1, not the function
    assert not ex1(lambda c: kappa_ref(1.0))  # right at c = 1 only
    assert not ex1(lambda c: "0.9")


def ex2(f):
    return nb05.exercise_2(f, quiet=True)


def test_exercise_2_reference():
    assert ex2(lambda rho2: SI**2 / (1 - rho2))
    assert ex2(lambda rho2: np.float64(1.44) / (1.0 - rho2))


@pytest.mark.parametrize("wrong, words", [
    (lambda r: SI**2, "feed-forward"),
    (lambda r: SI**2 * (1 + r), "first-order"),
    (lambda r: SI**2 / (1 + r), "sign"),
    (lambda r: 1 / (1 - r), "σ_nI"),
    (lambda r: SI / (1 - r), "squared"),
    (lambda r: SI**2 / (1 - np.sqrt(r)), "ρ²"),
])
def test_exercise_2_mistakes(wrong, words):
    fb = ex2(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_2_rejects_numbers():
    assert not ex2(SI**2 / 0.5)
    assert not ex2(lambda r: SI**2 / 0.5)  # the value at ρ² = 0.5 only
    assert not ex2(lambda r: str(SI**2 / (1 - r)))


def _c_star(rho):
    """Saddle-node by bisection on the number of stationary states (written here)."""
    lo, hi = 0.0, 1.5
    while hi - lo > 1e-4:
        mid = 0.5 * (lo + hi)
        n_states = len(input_task(mid, rho).solutions())
        lo, hi = (mid, hi) if n_states == 3 else (lo, mid)
    return 0.5 * (lo + hi)


def test_exercise_3():
    ref = _c_star(1.6)
    assert 0.2 < ref < 0.3
    assert nb05.exercise_3(ref, rho=1.6, quiet=True)
    assert nb05.exercise_3(ref + 0.004, rho=1.6, quiet=True)  # ±0.005 is what is asked
    assert nb05.exercise_3(ref - 0.004, rho=1.6, quiet=True)
    fb = nb05.exercise_3(_c_star(2.0), rho=1.6, quiet=True)
    assert not fb and "ρ = 2" in fb.message
    fb = nb05.exercise_3(_c_star(np.sqrt(1.6)), rho=1.6, quiet=True)
    assert not fb and "ρ² = 1.6" in fb.message
    fb = nb05.exercise_3(ref + 0.05, rho=1.6, quiet=True)
    assert not fb and "smaller" in fb.message
    fb = nb05.exercise_3(ref - 0.05, rho=1.6, quiet=True)
    assert not fb and "larger" in fb.message
    for bad in (0.0, "0.26", [ref, ref]):
        assert not nb05.exercise_3(bad, rho=1.6, quiet=True)
    assert not hasattr(nb05, "saddle_node")  # no helper hands out the answer


def _sn(extra):
    """c* at ρ = 2 with extra input variance, by bisection (written here)."""
    lo, hi = 0.3, 1.0
    while hi - lo > 1e-6:
        mid = 0.5 * (lo + hi)
        n_states = len(input_task(mid, 2.0, extra_var=extra).solutions())
        lo, hi = (mid, hi) if n_states == 3 else (lo, mid)
    return 0.5 * (lo + hi)


def p_ref(c, sp, var=lambda sp: sp**2 / 2, sign=1.0, scale=0.2, sn=_sn):
    return float(ndtr(sign * (c - sn(var(sp))) / scale))


def ex4(f):
    return nb05.exercise_4(f, quiet=True)


def test_exercise_4_reference_and_mistakes():
    assert ex4(p_ref)  # the bisection on the number of states is as right
    for wrong, words in (
        (lambda c, sp: p_ref(c, sp, sign=-1.0), "sign inside Φ"),
        (lambda c, sp: p_ref(c, sp, var=lambda sp: sp**2), "σ_p²/2"),
        (lambda c, sp: p_ref(c, sp, var=lambda sp: 0.0), "does not depend on σ_p"),
        (lambda c, sp: p_ref(c, sp, var=lambda sp: 0.045), "σ_p = 0.3"),
        # steep: the bisection's c* (biased by ~1e-4 near the saddle-node) is too coarse
        (lambda c, sp: p_ref(c, sp, scale=0.04, sn=nb05._saddle_node),
         "standard deviation"),
    ):
        fb = ex4(wrong)
        assert not fb and words in fb.message, fb.message
    fb = ex4(lambda c, sp: float(c > _sn(sp**2 / 2)))
    assert not fb and "noise-free" in fb.message


def test_exercise_4_rejects_numbers():
    assert not ex4(0.42)
    assert not ex4(lambda c, sp: 0.42)
    assert not ex4(lambda c, sp: "0.42")
