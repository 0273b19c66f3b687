"""Exercise checkers for notebook 06 — rank two: latent dynamics, rings, oscillations.

Usage in the notebook: ``from lrnn_utils.checks import nb06 as checks`` then
``checks.exercise_1(overlap_matrix)``. Each checker prints feedback without revealing
the solution and returns a :class:`~lrnn_utils.checks._core.Feedback`; passing ``...``
(or a function that still returns ``...``) raises ``NotImplementedError``. Functions
are judged on inputs the checker chooses.
"""

from __future__ import annotations

import numpy as np

from ..gaussian import dphi, gauss_avg
from ._core import Feedback, _say, check_close, not_callable, student_output, unfinished

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _test_vectors(N: int, R: int, seed: int):
    """Vectors (N, R) with asymmetric overlaps, so that a transpose is visible."""
    rng = np.random.default_rng([606, seed])
    m = rng.standard_normal((N, R))
    n = 0.7 * m @ rng.standard_normal((R, R)) + rng.standard_normal((N, R))
    return m, n


def exercise_1(overlap_matrix, *, quiet: bool = False) -> Feedback:
    """Judge ``overlap_matrix(m, n)`` on vectors the checker draws."""
    unfinished(1, overlap_matrix)
    if not callable(overlap_matrix):
        return not_callable(1, "overlap_matrix", quiet)
    fb = None
    for N, R, seed in ((400, 2, 1), (300, 3, 2)):
        m, n = _test_vectors(N, R, seed)
        ans = student_output(1, overlap_matrix, "overlap_matrix(m, n)", m, n)
        diagnoses = [
            (lambda r, m=m, N=N: m.T @ m / N,
             "You paired the m's with themselves; the overlap pairs n_r with m_s."),
            (lambda r, n=n, N=N: n.T @ n / N,
             "You computed nᵀn/N; the overlap pairs n_r (listens) with m_s (talks)."),
        ]
        # the common diagnoses of check_close include the transpose and a forgotten 1/N
        fb = check_close(ans, n.T @ m / N, exercise="Exercise 1",
                         what=f"the overlap matrix of ({N}, {R}) vectors", rtol=1e-6,
                         atol=1e-9, diagnoses=diagnoses, N=N, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 1: correct on every pair of vectors the checker tried.",
                quiet)


def _ring_radius(a: float, m_var: float) -> float:
    from scipy.optimize import brentq

    if a <= 1:
        return 0.0
    return brentq(lambda r: float(gauss_avg(dphi, 0.0, m_var * r * r)) - 1.0 / a, 0.0,
                  50.0, xtol=1e-14)


_EX2_CASES = ((1.6, 2.0), (2.5, 0.5), (1.3, 1.0))


def exercise_2(ring_radius, *, quiet: bool = False) -> Feedback:
    """Judge ``ring_radius(a, m_var)`` at ``(a, m_var)`` the checker chooses."""
    unfinished(2, ring_radius)
    if not callable(ring_radius):
        return not_callable(2, "ring_radius", quiet)
    for a, m_var in _EX2_CASES:
        ans = student_output(2, ring_radius, "ring_radius(a, m_var)", a, m_var)
        ref, r_unit = _ring_radius(a, m_var), _ring_radius(a, 1.0)
        diagnoses = [
            (lambda r, r_unit=r_unit: r_unit,
             "Your radius does not change with m_var. The gain depends on the variance "
             "of the field, Δ = Σ_m² r², not on r² alone."),
            (lambda r, m_var=m_var: r * r * m_var,
             "You gave the variance Δ = Σ_m² r² at the ring; the question asks for r."),
            (lambda r: r * r, "You gave r², not the radius r."),
            (lambda r, r_unit=r_unit, m_var=m_var: r_unit / m_var,
             "Close, but the radius scales as 1/Σ_m (the square root of the variance), "
             "not 1/Σ_m²."),
        ]
        fb = check_close(ans, ref, exercise="Exercise 2",
                         what=f"the ring radius at a = {a}, m_var = {m_var}", rtol=1e-4,
                         diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 2: correct at every (a, m_var) the checker tried.",
                quiet)


_EX3_CASES = ((1.5, 2.0), (3.0, 0.5), (1.2, 1.0))


def _period_hint(ans, a, b):
    wrong = [
        (2 * np.pi / b, "2π/b is the period at the *onset* of the oscillation. On the "
                        "cycle the rotation rate is b times the gain there."),
        (b / a, "That is the angular frequency ω, not the period T = 2π/ω."),
        (a / b, "You forgot the 2π: the period of a rotation at rate ω is 2π/ω."),
        (2 * np.pi * b / a, "Upside down: is the gain on the cycle a or 1/a?"),
        (2 * np.pi / np.hypot(a, b),
         "|a + ib| is the growth-and-rotation factor of σ, not the rotation rate."),
    ]
    for value, hint in wrong:
        if np.isclose(ans, value, rtol=1e-3):
            return hint
    return "use the angular equation on the cycle, θ̇ = b [φ'], where [φ'] = 1/a."


def exercise_3(cycle_period, T_meas, *, a: float = 1.5, b: float = 2.0,
               quiet: bool = False) -> Feedback:
    """Judge ``cycle_period(a, b)`` (``2π a/b``) at checker-chosen values and ``T_meas``
    (the measured period at ``a, b``) within 3 % of the prediction."""
    unfinished(3, cycle_period, T_meas)
    if not callable(cycle_period):
        return not_callable(3, "cycle_period", quiet)
    for a_, b_ in _EX3_CASES:
        ans = student_output(3, cycle_period, "cycle_period(a, b)", a_, b_)
        try:
            if isinstance(ans, (str, bytes)):
                raise TypeError("a string")
            ans = float(np.asarray(ans, dtype=float).reshape(()))
        except (TypeError, ValueError):
            return _say(False, "Exercise 3: cycle_period(a, b) should return one "
                               "number.", quiet)
        if not np.isclose(ans, 2 * np.pi * a_ / b_, rtol=1e-6):
            return _say(False, f"Exercise 3: cycle_period({a_}, {b_}) is off: "
                               + _period_hint(ans, a_, b_), quiet)
    if isinstance(T_meas, (str, bytes, bool)):
        return _say(False, "Exercise 3: T_meas should be a number computed in the cell "
                           "(a period in units of τ), not a string.", quiet)
    try:
        meas = float(np.asarray(T_meas, dtype=float).reshape(()))
    except (TypeError, ValueError):
        return _say(False, "Exercise 3: T_meas should be one number (the measured "
                           "period).", quiet)
    ref = 2 * np.pi * a / b
    if not np.isfinite(meas):
        return _say(False, "Exercise 3: T_meas is NaN or inf: were there at least two "
                           "upward zero crossings after the transient?", quiet)
    if abs(meas - ref) <= 1e-9 * ref:
        # a finite network measured from zero crossings never hits 2πa/b to all digits
        return _say(False, "Exercise 3: T_meas equals the prediction to all digits: "
                           "measure it from your simulation.", quiet)
    rel = meas / ref - 1
    if abs(rel) <= 0.03:
        return _say(True, f"Exercise 3: prediction correct, and your measurement "
                          f"agrees to {100 * abs(rel):.1f} %.", quiet)
    if abs(meas / (ref / (2 * np.pi)) - 1) < 0.03:
        return _say(False, "Exercise 3: your T_meas is T/2π: measure the time between "
                           "crossings, not an inverse angular frequency.", quiet)
    if abs(meas / (ref / 2) - 1) < 0.03:
        return _say(False, "Exercise 3: your T_meas is half the period: count only "
                           "*upward* zero crossings.", quiet)
    return _say(False, f"Exercise 3: the prediction is right but T_meas is off by "
                       f"{100 * rel:+.1f} %. Discard the transient, use method='heun' "
                       "(Euler at dt = 0.1 has its own cycle) and several periods.",
                quiet)


def exercise_4(r_kappa, lead, *, a: float = 2.0, b: float = 1.0, m_var: float = 1.0,
               quiet: bool = False) -> Feedback:
    """Radius ``r_kappa`` of the drive κ on the cycle and its phase ``lead`` over k."""
    unfinished(4, r_kappa, lead)
    r_star = _ring_radius(a, m_var)
    ref_r = r_star * np.hypot(a, b) / a
    diagnoses_r = [
        (lambda r: r_star, "That is the radius of the coordinates k. The drive "
                           "κ = [φ']σk is a different vector: what does σ do to "
                           "the length of k?"),
        (lambda r: r_star * np.hypot(a, b),
         "You forgot the gain: on the cycle κ = [φ']σk with [φ'] = 1/a."),
        (lambda r: r_star * a, "σ = [[a, -b], [b, a]] scales lengths by |a + ib|, "
                               "not a."),
    ]
    fb = check_close(r_kappa, ref_r, exercise="Exercise 4 (radius)",
                     what="the radius of κ", rtol=1e-4, diagnoses=diagnoses_r,
                     quiet=quiet)
    if not fb.passed:
        return fb
    ref_lead = float(np.arctan2(b, a))
    diagnoses_l = [
        (lambda r: np.arctan2(a, b), "Check the order: σ rotates by the angle whose "
                                     "tangent is b/a."),
        (lambda r: np.degrees(ref_lead), "Give the angle in radians, not degrees."),
        (lambda r: 0.0, "κ and k are not in phase: σ rotates as well as stretches."),
    ]
    return check_close(lead, ref_lead, exercise="Exercise 4 (phase lead)",
                       what="the phase lead of κ over k", rtol=1e-4,
                       diagnoses=diagnoses_l, quiet=quiet)
