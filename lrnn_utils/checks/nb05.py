"""Exercise checkers for notebook 05 — inputs, bistability and selective responses.

Usage in the notebook: ``from lrnn_utils.checks import nb05 as checks`` then
``checks.exercise_1(kappa, c=1.0)``. Each checker prints feedback without revealing the
solution and returns a :class:`~lrnn_utils.checks._core.Feedback`; passing ``...`` raises
``NotImplementedError``.

The network of the notebook: ``m = w + ρ y``, ``n = I + ρ y`` with independent Gaussian
``w, I, y`` of standard deviations ``Σ_w = Σ_I = 1.2`` and 1, random bulk ``g = 0.8``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_done

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]

G = 0.8
SIGMA_I = 1.2
SIGMA_W = 1.2


def _todo(answer, k: int) -> None:
    if not_done(answer):
        raise NotImplementedError(
            f"Exercise {k}: replace the `...` with your answer, then run the cell again"
        )


def _text(answer, k: int, quiet: bool) -> Feedback | None:
    """A string is not a number, even if it spells one."""
    if isinstance(answer, (str, bytes)):
        return _say(False, f"Exercise {k}: the answer should be a number computed in the "
                           "cell, not a string.", quiet)
    return None


def _params(c: float, rho: float) -> dict:
    return dict(m_var=SIGMA_W**2 + rho**2, n_var=SIGMA_I**2 + rho**2, mn_cov=rho**2,
                n_input_cov=c * SIGMA_I**2, input_var=c**2 * SIGMA_I**2)


def exercise_1(answer, *, c=1.0, quiet: bool = False) -> Feedback:
    """Self-consistent κ at g = 0, ρ = 0 for the input c·I: κ = cΣ_I²[φ'](0, Σ_m²κ² + c²Σ_I²)."""
    _todo(answer, 1)
    if (fb := _text(answer, 1, quiet)) is not None:
        return fb
    from ..gaussian import dphi, gauss_avg, phi
    from ..meanfield import solve_rank_one

    c = float(c)
    ref = solve_rank_one(0.0, **_params(c, 0.0)).kappa
    s2 = SIGMA_I**2
    diagnoses = [
        (lambda r: c * s2, "That is the linear response c Σ_I², with gain 1. The input and κ add "
                           "variance to x, which lowers the gain [φ'](0, Δ0)."),
        (lambda r: c * s2 * float(gauss_avg(dphi, 0.0, c**2 * s2)),
         "You used Δ0 = c² Σ_I² only, i.e. one step from κ = 0. Iterate: Δ0 also contains "
         "Σ_m² κ² with the current κ."),
        (lambda r: _fixed_point(lambda k: c * s2 * float(gauss_avg(dphi, 0.0, SIGMA_W**2 * k**2))),
         "Δ0 must include the input's own variance c² Σ_I²."),
        (lambda r: _fixed_point(lambda k: c * s2 * float(
            gauss_avg(phi, 0.0, SIGMA_W**2 * k**2 + c**2 * s2))),
         "Stein's lemma gives [φ'] (the average slope), not [φ]."),
        (lambda r: _fixed_point(lambda k: c * SIGMA_I * float(
            gauss_avg(dphi, 0.0, SIGMA_W**2 * k**2 + c**2 * s2))),
         "σ_nI = c Σ_I² is a covariance: Σ_I squared."),
    ]
    return check_close(answer, ref, exercise="Exercise 1", what="κ", rtol=2e-3,
                       diagnoses=diagnoses, quiet=quiet)


def _fixed_point(f, k0: float = 0.5, n: int = 300) -> float:
    k = k0
    for _ in range(n):
        k = f(k)
    return float(k)


def exercise_2(answer, *, rho2=0.5, quiet: bool = False) -> Feedback:
    """Susceptibility κ/c for small c below the pitchfork: Σ_I² / (1 - σ_mn), σ_mn = ρ²."""
    _todo(answer, 2)
    if (fb := _text(answer, 2, quiet)) is not None:
        return fb
    rho2 = float(rho2)
    if not 0 <= rho2 < 1:
        raise ValueError("exercise_2 needs 0 <= rho2 < 1 (below the pitchfork)")
    s2 = SIGMA_I**2
    ref = s2 / (1 - rho2)
    diagnoses = [
        (lambda r: s2, "That is the feed-forward part only: κ also feeds back on itself through "
                       "the overlap, κ = σ_mn κ + c Σ_I² (with [φ'] = 1)."),
        (lambda r: s2 * (1 + rho2), "That is the first-order expansion of the feedback; solve "
                                    "κ = σ_mn κ + c Σ_I² exactly."),
        (lambda r: s2 / (1 + rho2), "Check the sign: positive feedback (σ_mn > 0) amplifies."),
        (lambda r: 1 / (1 - rho2), "The drive is σ_nI = c Σ_I², not c."),
        (lambda r: SIGMA_I / (1 - rho2), "σ_nI = c Σ_I² contains Σ_I squared."),
        (lambda r: s2 / (1 - np.sqrt(rho2)), "The overlap σ_mn is ρ², not ρ."),
    ]
    return check_close(answer, ref, exercise="Exercise 2", what="the susceptibility κ/c",
                       rtol=5e-3, diagnoses=diagnoses, quiet=quiet)


def _n_states(c: float, rho: float) -> int:
    """Number of stationary states of the mean field for the input c·I and overlap ρ²."""
    from ..meanfield import stationary_solutions

    return len(stationary_solutions(G, **_params(c, rho)))


def _brackets_saddle_node(c: float, rho: float, half_width: float) -> bool:
    """Three states just below c, one just above: c is within half_width of c*."""
    return _n_states(c - half_width, rho) == 3 and _n_states(c + half_width, rho) == 1


def exercise_3(answer, *, rho=1.6, quiet: bool = False) -> Feedback:
    """Saddle-node input strength c* for the overlap ρ² (to ±0.005).

    Judged by the mean field at inputs the checker chooses: 0.006 below the answer the
    network must still have three stationary states, 0.006 above it only one.
    """
    _todo(answer, 3)
    if isinstance(answer, (str, bytes, bool)):
        return _say(False, "Exercise 3: c* should be a number computed in the cell, not "
                           f"{type(answer).__name__}.", quiet)
    try:
        c = float(np.asarray(answer, dtype=float).reshape(()))
    except (TypeError, ValueError):
        return _say(False, "Exercise 3: c* should be one number.", quiet)
    rho = float(rho)
    if not np.isfinite(c) or c <= 0:
        return _say(False, "Exercise 3: c* is a positive input strength; c = 0 is the "
                           "symmetric point, c* is where the κ < 0 state disappears.", quiet)
    if _brackets_saddle_node(c, rho, 0.006):
        return _say(True, "Exercise 3: correct, three states just below your c*, one just "
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


def exercise_4(answer, *, c, sigma_c, c_star, quiet: bool = False) -> Feedback:
    """Predicted P("yes") = Φ((c - c*)/σ_c) for a stimulus strength with trial-to-trial sd σ_c."""
    _todo(answer, 4)
    from scipy.special import ndtr

    c, sigma_c, c_star = float(c), float(sigma_c), float(c_star)
    ref = float(ndtr((c - c_star) / sigma_c))
    diagnoses = [
        (lambda r: 1 - r, "Your number is 1 − P(\"yes\"): the sign inside Φ is flipped. A trial "
                          "is a \"yes\" when c_trial = c + σ_c ζ > c*, i.e. ζ > (c* − c)/σ_c."),
        (lambda r: float(c > c_star), "That is the noise-free answer (a step at c*); the stimulus "
                                      "strength varies from trial to trial with sd σ_c."),
        (lambda r: float(ndtr((c - c_star) / sigma_c**2)),
         "Divide by the standard deviation σ_c, not the variance."),
        (lambda r: float(np.exp(-0.5 * ((c - c_star) / sigma_c) ** 2) / np.sqrt(2 * np.pi)),
         "That is the Gaussian density; the probability is its integral, the CDF Φ."),
    ]
    if isinstance(answer, (str, bytes)):
        return _say(False, "Exercise 4: P(\"yes\") should be a number computed in the cell, "
                           "not a string.", quiet)
    return check_close(answer, ref, exercise="Exercise 4", what='P("yes")', rtol=0.01,
                       atol=2e-3, diagnoses=diagnoses, quiet=quiet)
