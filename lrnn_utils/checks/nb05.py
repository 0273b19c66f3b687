"""Exercise checkers for notebook 05 — inputs, bistability and selective responses.

Usage in the notebook: ``from lrnn_utils.checks import nb05 as checks`` then
``checks.exercise_1(kappa, c=1.0)``. Each checker prints feedback without revealing the
solution and returns a :class:`~lrnn_utils.checks._core.Feedback`; passing ``...``
raises ``NotImplementedError``.

The network of the notebook: ``m = w + ρ y``, ``n = I + ρ y`` with independent Gaussian
``w, I, y`` of standard deviations ``Σ_w = Σ_I = 1.2`` and 1, random bulk ``g = 0.8``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_callable, unfinished

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]

SIGMA_I = 1.2  # the s.d. of input_task's I and w (its defaults)
SIGMA_W = 1.2


def _text(answer, k: int, quiet: bool) -> Feedback | None:
    """A string is not a number, even if it spells one."""
    if isinstance(answer, (str, bytes)):
        return _say(False, f"Exercise {k}: the answer should be a number computed in "
                           "the "
                           "cell, not a string.", quiet)
    return None


def _fixed_point(f, k0: float = 0.5, n: int = 300) -> float:
    k = k0
    for _ in range(n):
        k = f(k)
    return float(k)


_EX1_C = (0.5, 1.0, 2.0)


def exercise_1(kappa_no_bulk, *, quiet: bool = False) -> Feedback:
    """Judge ``kappa_no_bulk(c)``: the self-consistent κ at g = 0, ρ = 0 for the input
    c·I, at input strengths the checker chooses."""
    unfinished(1, kappa_no_bulk)
    if not callable(kappa_no_bulk):
        return not_callable(1, "kappa_no_bulk", quiet)
    from ..gaussian import dphi, gauss_avg, phi
    from ..models import input_task

    s2, w2 = SIGMA_I**2, SIGMA_W**2
    for c in _EX1_C:
        answer = kappa_no_bulk(c)
        unfinished(1, answer)
        if (fb := _text(answer, 1, quiet)) is not None:
            return fb
        ref = input_task(c, 0.0, g=0.0).solve().kappa
        diagnoses = [
            (lambda r: c * s2, "That is the linear response c Σ_I², with gain 1. The "
                               "input "
                               "and κ add variance to x, which lowers the gain "
                               "[φ'](0, Δ0)."),
            (lambda r: c * s2 * float(gauss_avg(dphi, 0.0, c**2 * s2)),
             "You used Δ0 = c² Σ_I² only, i.e. one step from κ = 0. Iterate: Δ0 also "
             "contains Σ_m² κ² with the current κ."),
            (lambda r: _fixed_point(lambda k: c * s2 * float(
                gauss_avg(dphi, 0.0, w2 * k**2))),
             "Δ0 must include the input's own variance c² Σ_I²."),
            (lambda r: _fixed_point(lambda k: c * s2 * float(
                gauss_avg(dphi, 0.0, w2 * k**2 + s2))),
             "The input's variance is c² Σ_I²: it grows with c (your Δ0 leaves out "
             "c²)."),
            (lambda r: _fixed_point(lambda k: c * s2 * float(
                gauss_avg(phi, 0.0, w2 * k**2 + c**2 * s2))),
             "Stein's lemma gives [φ'] (the average slope), not [φ]."),
            (lambda r: _fixed_point(lambda k: c * SIGMA_I * float(
                gauss_avg(dphi, 0.0, w2 * k**2 + c**2 * s2))),
             "σ_nI = c Σ_I² is a covariance: Σ_I squared."),
        ]
        fb = check_close(answer, ref, exercise="Exercise 1", what=f"κ at c = {c:g}",
                         rtol=2e-3, diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 1: correct at every input strength the checker tried.",
                quiet)


_EX2_RHO2 = (0.2, 0.5, 0.8)


def exercise_2(susceptibility, *, quiet: bool = False) -> Feedback:
    """Judge ``susceptibility(rho2)``: κ/c for small c below the pitchfork, at overlaps
    ρ² < 1 the checker chooses."""
    unfinished(2, susceptibility)
    if not callable(susceptibility):
        return not_callable(2, "susceptibility", quiet)
    s2 = SIGMA_I**2
    for rho2 in _EX2_RHO2:
        answer = susceptibility(rho2)
        unfinished(2, answer)
        if (fb := _text(answer, 2, quiet)) is not None:
            return fb
        ref = s2 / (1 - rho2)
        diagnoses = [
            (lambda r: s2, "That is the feed-forward part only: κ also feeds back on "
                           "itself through the overlap, κ = σ_mn κ + c Σ_I² (with "
                           "[φ'] = 1)."),
            (lambda r: s2 * (1 + rho2), "That is the first-order expansion of the "
                                        "feedback; solve κ = σ_mn κ + c Σ_I² exactly."),
            (lambda r: s2 / (1 + rho2), "Check the sign: positive feedback (σ_mn > 0) "
                                        "amplifies."),
            (lambda r: 1 / (1 - rho2), "The drive is σ_nI = c Σ_I², not c."),
            (lambda r: SIGMA_I / (1 - rho2), "σ_nI = c Σ_I² contains Σ_I squared."),
            (lambda r: s2 / (1 - np.sqrt(rho2)), "The overlap σ_mn is ρ², not ρ: the "
                                                 "argument is already ρ²."),
        ]
        fb = check_close(answer, ref, exercise="Exercise 2",
                         what=f"the susceptibility at ρ² = {rho2:g}", rtol=5e-3,
                         diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 2: correct at every overlap the checker tried.", quiet)


def _n_states(c: float, rho: float) -> int:
    """Number of stationary states of the mean field for the input c·I, overlap ρ²."""
    from ..models import input_task

    return len(input_task(c, rho).solutions())


def _brackets_saddle_node(c: float, rho: float, half_width: float) -> bool:
    """Three states just below c, one just above: c is within half_width of c*."""
    return _n_states(c - half_width, rho) == 3 and _n_states(c + half_width, rho) == 1


def exercise_3(answer, *, rho=1.6, quiet: bool = False) -> Feedback:
    """Saddle-node input strength c* for the overlap ρ² (to ±0.005).

    Judged by the mean field at inputs the checker chooses: 0.006 below the answer the
    network must still have three stationary states, 0.006 above it only one.
    """
    unfinished(3, answer)
    if isinstance(answer, (str, bytes, bool)):
        return _say(False, "Exercise 3: c* should be a number computed in the cell, "
                           "not "
                           f"{type(answer).__name__}.", quiet)
    try:
        c = float(np.asarray(answer, dtype=float).reshape(()))
    except (TypeError, ValueError):
        return _say(False, "Exercise 3: c* should be one number.", quiet)
    rho = float(rho)
    if not np.isfinite(c) or c <= 0:
        return _say(False, "Exercise 3: c* is a positive input strength; c = 0 is the "
                           "symmetric point, c* is where the κ < 0 state disappears.",
                    quiet)
    if _brackets_saddle_node(c, rho, 0.006):
        return _say(True, "Exercise 3: correct, three states just below your c*, one "
                          "just "
                          "above.", quiet)
    if _brackets_saddle_node(c, 2.0, 0.006):
        hint = "that is c* for ρ = 2, the notebook's network; use ρ = 1.6."
    elif _brackets_saddle_node(c, np.sqrt(rho), 0.006):
        hint = f"you used ρ² = {rho:g}; the exercise has ρ = {rho:g}."
    elif _n_states(c + 0.006, rho) == 3:
        hint = "just above your value there are still three states: c* is larger."
    else:
        hint = "just below your value there is already only one state: c* is smaller."
    return _say(False, f"Exercise 3: {hint} Refine the bracket to ±0.005.", quiet)


_EX4_CASES = ((0.6, 0.6), (0.5, 1.0))  # (c, σ_p) chosen by the checker
_EX4_RHO, _EX4_SIGMA_C = 2.0, 0.2  # the notebook's detector


def _saddle_node(extra_var: float) -> float:
    """c* of the notebook's detector (ρ = 2) with extra input variance: where the
    minimum
    of F(κ) - κ on the κ < 0 side touches zero."""
    from scipy.optimize import brentq, minimize_scalar

    from ..models import input_task

    def h_min(c):
        model = input_task(c, _EX4_RHO, extra_var=extra_var)
        k = np.linspace(-np.sqrt(model.n_var), 0.0, 161)
        i = int(np.argmin(model.self_consistency(k) - k))
        lo, hi = k[max(i - 1, 0)], k[min(i + 1, k.size - 1)]
        return minimize_scalar(lambda kk: float(model.self_consistency(kk)) - kk,
                               bounds=(lo, hi), method="bounded",
                               options=dict(xatol=1e-9)).fun

    return brentq(h_min, 1e-3, 3.0, xtol=1e-7)


def exercise_4(p_yes_model, *, quiet: bool = False) -> Feedback:
    """Judge ``p_yes_model(c, sigma_p)``: Φ((c - c*(σ_p))/σ_c) with c* the saddle-node
    of
    the mean field with the private noise's variance σ_p²/2, at (c, σ_p) the checker
    chooses."""
    unfinished(4, p_yes_model)
    if not callable(p_yes_model):
        return not_callable(4, "p_yes_model", quiet)
    from scipy.special import ndtr

    sc = _EX4_SIGMA_C
    for c, sp in _EX4_CASES:
        answer = p_yes_model(c, sp)
        unfinished(4, answer)
        if (fb := _text(answer, 4, quiet)) is not None:
            return fb
        c_star = _saddle_node(sp**2 / 2)
        ref = float(ndtr((c - c_star) / sc))
        diagnoses = [
            (lambda r: float(ndtr((c_star - c) / sc)),
             "The sign inside Φ is flipped: a trial is a \"yes\" when "
             "c_trial = c + σ_c ζ > c*."),
            (lambda r: float(ndtr((c - _saddle_node(sp**2)) / sc)),
             "White noise of s.d. σ_p filtered by the leak adds the variance σ_p²/2 to "
             "each x_i, not σ_p²."),
            (lambda r: float(ndtr((c - _saddle_node(0.0)) / sc)),
             "Your threshold does not depend on σ_p: put the private noise's variance "
             "into the mean field (extra_var)."),
            (lambda r: float(ndtr((c - _saddle_node(0.3**2 / 2)) / sc)),
             "You used the notebook's σ_p = 0.3 (C_STAR_NOISY); use the argument "
             "sigma_p."),
            (lambda r: float(c > c_star), "That is the noise-free answer (a step at "
                                          "c*); "
                                          "the stimulus strength varies with sd σ_c."),
            (lambda r: float(ndtr((c - c_star) / sc**2)),
             "Divide by the standard deviation σ_c, not the variance."),
        ]
        fb = check_close(answer, ref, exercise="Exercise 4",
                         what=f"P(\"yes\") at c = {c:g}, σ_p = {sp:g}", rtol=1e-3,
                         atol=1e-4, diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 4: correct at every (c, σ_p) the checker tried.", quiet)
