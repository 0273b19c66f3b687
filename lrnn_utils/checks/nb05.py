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

from ._core import Feedback, check_close, not_done

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]

G = 0.8
SIGMA_I = 1.2
SIGMA_W = 1.2


def _todo(answer, k: int) -> None:
    if not_done(answer):
        raise NotImplementedError(
            f"Exercise {k}: replace the `...` with your answer, then run the cell again"
        )


def _params(c: float, rho: float) -> dict:
    return dict(m_var=SIGMA_W**2 + rho**2, n_var=SIGMA_I**2 + rho**2, mn_cov=rho**2,
                n_input_cov=c * SIGMA_I**2, input_var=c**2 * SIGMA_I**2)


def exercise_1(answer, *, c=1.0, quiet: bool = False) -> Feedback:
    """Self-consistent κ at g = 0, ρ = 0 for the input c·I: κ = cΣ_I²[φ'](0, Σ_m²κ² + c²Σ_I²)."""
    _todo(answer, 1)
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


def saddle_node(rho: float, g: float = G) -> float:
    """Input strength c* > 0 at which the κ < 0 stationary state disappears (reference)."""
    from scipy.optimize import brentq, minimize_scalar

    from ..meanfield import self_consistency_map

    def h_min(c):
        p = _params(c, rho)
        k = np.linspace(-np.sqrt(p["n_var"]), 0.0, 161)
        h = self_consistency_map(k, g, **p) - k
        i = int(np.argmin(h))
        lo, hi = k[max(i - 1, 0)], k[min(i + 1, k.size - 1)]
        return minimize_scalar(lambda kk: float(self_consistency_map(kk, g, **p)) - kk,
                               bounds=(lo, hi), method="bounded", options=dict(xatol=1e-9)).fun

    return float(brentq(h_min, 1e-3, 3.0, xtol=1e-7))


def exercise_3(answer, *, rho=1.6, quiet: bool = False) -> Feedback:
    """Saddle-node input strength c* for the overlap ρ²."""
    _todo(answer, 3)
    rho = float(rho)
    ref = saddle_node(rho)
    diagnoses = [
        (lambda r: saddle_node(2.0), "That is c* for ρ = 2, the notebook's network; use ρ = 1.6."),
        (lambda r: saddle_node(np.sqrt(rho)), "You used ρ² = 1.6; the exercise has ρ = 1.6."),
        (lambda r: 0.0, "c = 0 is the symmetric point; c* is where the κ < 0 state disappears."),
    ]
    return check_close(answer, ref, exercise="Exercise 3", what="the saddle-node c*",
                       rtol=0.0, atol=0.006, diagnoses=diagnoses, quiet=quiet)


def exercise_4(answer, *, c, sigma_c, c_star, quiet: bool = False) -> Feedback:
    """Predicted P("yes") = Φ((c - c*)/σ_c) for a stimulus strength with trial-to-trial sd σ_c."""
    _todo(answer, 4)
    from scipy.special import ndtr

    c, sigma_c, c_star = float(c), float(sigma_c), float(c_star)
    ref = float(ndtr((c - c_star) / sigma_c))
    diagnoses = [
        (lambda r: 1 - r, "That is P(\"no\"): a trial is a \"yes\" when c_trial > c*."),
        (lambda r: float(c > c_star), "That is the noise-free answer (a step at c*); the stimulus "
                                      "strength varies from trial to trial with sd σ_c."),
        (lambda r: float(ndtr((c - c_star) / sigma_c**2)),
         "Divide by the standard deviation σ_c, not the variance."),
        (lambda r: float(np.exp(-0.5 * ((c - c_star) / sigma_c) ** 2) / np.sqrt(2 * np.pi)),
         "That is the Gaussian density; the probability is its integral, the CDF Φ."),
    ]
    return check_close(answer, ref, exercise="Exercise 4", what='P("yes")', rtol=0.0,
                       atol=5e-3, diagnoses=diagnoses, quiet=quiet)
