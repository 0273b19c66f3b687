"""Exercise checkers for notebook 06 — rank two: latent dynamics, rings and oscillations.

Usage in the notebook: ``from lrnn_utils.checks import nb06 as checks`` then
``checks.exercise_1(sigma_hat, m=m, n=n)``. Each checker prints feedback without
revealing the solution and returns a :class:`~lrnn_utils.checks._core.Feedback`;
passing ``...`` raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_done

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _columns(a, name):
    arr = np.asarray(a, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(f"{name} must have shape (N, 2) (one column per vector), got {arr.shape}")
    return arr


def exercise_1(sigma_hat, *, m, n, quiet: bool = False) -> Feedback:
    """Empirical overlap matrix ``σ_rs = n_rᵀ m_s / N`` (row r: what n_r sees of m_1, m_2)."""
    if not_done(sigma_hat):
        raise NotImplementedError("Exercise 1: replace the `...` with your answer, then run the cell again")
    m, n = _columns(m, "m"), _columns(n, "n")
    N = m.shape[0]
    ref = n.T @ m / N
    diagnoses = [
        (lambda r: m.T @ m / N,
         "You computed the covariance of the m's with themselves; the overlap pairs n_r with m_s."),
        (lambda r: n.T @ n / N,
         "You computed nᵀn/N; the overlap pairs n_r (what listens) with m_s (what talks)."),
    ]
    # the common diagnoses of check_close include the transpose mᵀn/N and a forgotten 1/N
    return check_close(sigma_hat, ref, exercise="Exercise 1", what="the overlap matrix nᵀm/N",
                       rtol=1e-6, atol=1e-9, diagnoses=diagnoses, N=N, quiet=quiet)


def _ring_radius(a: float, m_var: float) -> float:
    from scipy.optimize import brentq

    from ..latent import population_gain

    if a <= 1:
        return 0.0
    return brentq(lambda r: float(population_gain(m_var * r * r)) - 1.0 / a, 0.0, 50.0,
                  xtol=1e-14)


def exercise_2(r_pred, *, a: float = 1.6, m_var: float = 2.0, quiet: bool = False) -> Feedback:
    """Ring radius for ``σ = a·1`` and ``Cov(m) = m_var·1``: ``[φ'](0, m_var r²) = 1/a``."""
    if not_done(r_pred):
        raise NotImplementedError("Exercise 2: replace the `...` with your answer, then run the cell again")
    ref = _ring_radius(a, m_var)
    r_unit = _ring_radius(a, 1.0)
    diagnoses = [
        (lambda r: r_unit,
         "That is the radius for Σ_m² = 1. The gain depends on the variance of the field, "
         "Δ = Σ_m² r², not on r² alone."),
        (lambda r: r * r * m_var,
         "You gave the variance Δ = Σ_m² r² at the ring; the question asks for the radius r."),
        (lambda r: r * r,
         "You gave r², not the radius r."),
        (lambda r: r_unit / m_var,
         "Close, but the radius scales as 1/Σ_m (the square root of the variance), not 1/Σ_m²."),
    ]
    return check_close(r_pred, ref, exercise="Exercise 2", what="the predicted ring radius",
                       rtol=1e-4, diagnoses=diagnoses, quiet=quiet)


def exercise_3(T_pred, T_meas, *, a: float = 1.5, b: float = 2.0, quiet: bool = False) -> Feedback:
    """Limit-cycle period: predicted ``2π a/b`` exactly; measured within 3 % of it."""
    if not_done(T_pred) or not_done(T_meas):
        raise NotImplementedError("Exercise 3: replace both `...` with your answers, then run the cell again")
    ref = 2 * np.pi * a / b
    if any(isinstance(v, (str, bytes, bool)) for v in (T_pred, T_meas)):
        return _say(False, "Exercise 3: T_pred and T_meas should be numbers computed in the "
                           "cell (periods in units of τ), not strings.", quiet)
    diagnoses = [
        (lambda r: 2 * np.pi / b,
         "2π/b is the period at the *onset* of the oscillation (the eigenvalue's imaginary part). "
         "On the cycle the rotation rate is b times the gain, and the gain there is fixed by the "
         "radius equation."),
        (lambda r: b / a, "That is the angular frequency ω, not the period T = 2π/ω."),
        (lambda r: a / b, "You forgot the 2π: the period of a rotation at rate ω is 2π/ω."),
        (lambda r: 2 * np.pi * b / a, "Upside down: check whether the gain on the cycle is a or 1/a."),
        (lambda r: 2 * np.pi / np.hypot(a, b),
         "|a + ib| is the growth-and-rotation factor of σ, not the rotation rate on the cycle."),
    ]
    fb = check_close(T_pred, ref, exercise="Exercise 3 (prediction)", what="the predicted period",
                     rtol=1e-3, diagnoses=diagnoses, quiet=quiet)
    if not fb.passed:
        return fb
    try:
        meas = float(np.asarray(T_meas, dtype=float).reshape(()))
    except (TypeError, ValueError):
        return _say(False, "Exercise 3: T_meas should be one number (the measured period in τ).",
                    quiet)
    if not np.isfinite(meas):
        return _say(False, "Exercise 3: T_meas is NaN or inf: were there at least two upward "
                           "zero crossings after the transient?", quiet)
    if abs(meas - float(T_pred)) <= 1e-9 * ref:
        # a finite network measured from zero crossings never hits 2πa/b to all digits
        return _say(False, "Exercise 3: T_meas equals your prediction to all digits: measure it "
                           "from your simulation (zero crossings of k_1 after the transient).",
                    quiet)
    rel = meas / ref - 1
    if abs(rel) <= 0.03:
        return _say(True, f"Exercise 3: prediction correct, and your measurement agrees to "
                          f"{100 * abs(rel):.1f} %.", quiet)
    if abs(meas / (ref / (2 * np.pi)) - 1) < 0.03:
        return _say(False, "Exercise 3: your measured number is T/2π — did you measure the "
                           "angular frequency's inverse instead of the time between crossings?", quiet)
    if abs(meas / (ref / 2) - 1) < 0.03:
        return _say(False, "Exercise 3: your measurement is half the period: count only *upward* "
                           "zero crossings (there are two crossings per period).", quiet)
    return _say(False, f"Exercise 3: the prediction is right but your measured period is off by "
                       f"{100 * rel:+.1f} %. Discard the transient, use method='heun' (forward Euler "
                       "at dt = 0.1 has its own, shifted cycle) and several periods.", quiet)


def exercise_4(r_kappa, lead, *, a: float = 2.0, b: float = 1.0, m_var: float = 1.0,
               quiet: bool = False) -> Feedback:
    """On the cycle ``κ = σk/a``: radius ``r*·√(a²+b²)/a`` and phase lead ``arctan(b/a)``."""
    if not_done(r_kappa) or not_done(lead):
        raise NotImplementedError("Exercise 4: replace both `...` with your answers, then run the cell again")
    r_star = _ring_radius(a, m_var)
    ref_r = r_star * np.hypot(a, b) / a
    diagnoses_r = [
        (lambda r: r_star, "That is the radius of the coordinates k. The drive κ = [φ']σk is a "
                           "different vector: what does σ do to the length of k?"),
        (lambda r: r_star * np.hypot(a, b),
         "You forgot the gain: on the cycle κ = [φ']σk with [φ'] = 1/a."),
        (lambda r: r_star * a, "σ = [[a, -b], [b, a]] scales lengths by |a + ib|, not by a."),
    ]
    fb = check_close(r_kappa, ref_r, exercise="Exercise 4 (radius)", what="the radius of κ",
                     rtol=1e-4, diagnoses=diagnoses_r, quiet=quiet)
    if not fb.passed:
        return fb
    ref_lead = float(np.arctan2(b, a))
    diagnoses_l = [
        (lambda r: np.arctan2(a, b), "Check the order: σ rotates by the angle whose tangent is b/a."),
        (lambda r: np.degrees(ref_lead), "Give the angle in radians, not degrees."),
        (lambda r: 0.0, "κ and k are not in phase: σ rotates as well as stretches."),
    ]
    return check_close(lead, ref_lead, exercise="Exercise 4 (phase lead)",
                       what="the phase lead of κ over k", rtol=1e-4, diagnoses=diagnoses_l,
                       quiet=quiet)
