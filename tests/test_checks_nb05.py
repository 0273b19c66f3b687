"""Checkers of notebook 05 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import ndtr

from lrnn_utils import dphi, gauss_avg
from lrnn_utils.checks import nb05
from lrnn_utils.meanfield import solve_rank_one

SI, SW = 1.2, 1.2


def test_stubs_raise():
    with pytest.raises(NotImplementedError):
        nb05.exercise_1(...)
    with pytest.raises(NotImplementedError):
        nb05.exercise_2(...)
    with pytest.raises(NotImplementedError):
        nb05.exercise_3(...)
    with pytest.raises(NotImplementedError):
        nb05.exercise_4(..., c=0.5, sigma_c=0.2, c_star=0.66)


def test_exercise_1():
    k = 0.0
    for _ in range(200):
        k = SI**2 * gauss_avg(dphi, 0.0, SW**2 * k**2 + SI**2)
    ref = solve_rank_one(0.0, m_var=SW**2, n_var=SI**2, n_input_cov=SI**2, input_var=SI**2).kappa
    assert abs(k - ref) < 1e-8
    assert nb05.exercise_1(k, c=1.0, quiet=True)
    fb = nb05.exercise_1(SI**2, c=1.0, quiet=True)
    assert not fb and "linear response" in fb.message
    fb = nb05.exercise_1(SI**2 * gauss_avg(dphi, 0.0, SI**2), c=1.0, quiet=True)
    assert not fb and "Iterate" in fb.message
    k_nov = 0.5
    for _ in range(300):
        k_nov = SI**2 * gauss_avg(dphi, 0.0, SW**2 * k_nov**2)
    fb = nb05.exercise_1(k_nov, c=1.0, quiet=True)
    assert not fb and "own variance" in fb.message


def test_exercise_2():
    assert nb05.exercise_2(SI**2 / 0.5, rho2=0.5, quiet=True)
    assert not nb05.exercise_2(str(SI**2 / 0.5), rho2=0.5, quiet=True)
    fb = nb05.exercise_2(SI**2, rho2=0.5, quiet=True)
    assert not fb and "feed-forward" in fb.message
    fb = nb05.exercise_2(SI**2 * 1.5, rho2=0.5, quiet=True)
    assert not fb and "first-order" in fb.message
    fb = nb05.exercise_2(1 / 0.5, rho2=0.5, quiet=True)
    assert not fb and "σ_nI" in fb.message
    fb = nb05.exercise_2(SI**2 / (1 - np.sqrt(0.5)), rho2=0.5, quiet=True)
    assert not fb and "ρ²" in fb.message


def _c_star(rho):
    """Saddle-node by bisection on the number of stationary states (written here)."""
    from lrnn_utils import stationary_solutions

    lo, hi = 0.0, 1.5
    while hi - lo > 1e-4:
        mid = 0.5 * (lo + hi)
        p = dict(m_var=SW**2 + rho**2, n_var=SI**2 + rho**2, mn_cov=rho**2,
                 n_input_cov=mid * SI**2, input_var=mid**2 * SI**2)
        lo, hi = (mid, hi) if len(stationary_solutions(0.8, **p)) == 3 else (lo, mid)
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


def test_exercise_4():
    c, s, cs = 0.55, 0.2, 0.656
    ref = ndtr((c - cs) / s)
    assert nb05.exercise_4(ref, c=c, sigma_c=s, c_star=cs, quiet=True)
    assert nb05.exercise_4(ref * 1.005, c=c, sigma_c=s, c_star=cs, quiet=True)
    fb = nb05.exercise_4(1 - ref, c=c, sigma_c=s, c_star=cs, quiet=True)
    assert not fb and "sign inside Φ" in fb.message
    assert not nb05.exercise_4(str(ref), c=c, sigma_c=s, c_star=cs, quiet=True)
    fb = nb05.exercise_4(ref + 0.05, c=c, sigma_c=s, c_star=cs, quiet=True)
    assert not fb and "0 %" not in fb.message
    fb = nb05.exercise_4(ndtr((0.6 - cs) / s**2), c=0.6, sigma_c=s, c_star=cs, quiet=True)
    assert not fb and "variance" in fb.message
    fb = nb05.exercise_4(0.0, c=c, sigma_c=s, c_star=cs, quiet=True)
    assert not fb and "noise-free" in fb.message
