"""Exercise checkers for notebook 07 — context-dependent responses.

Usage in the notebook: ``from lrnn_utils.checks import nb07 as checks`` then
``checks.exercise_2(gain_tonic, gain_variance, gamma=2.0, delta=0.5)``. Each checker prints
feedback without revealing the solution and returns a
:class:`~lrnn_utils.checks._core.Feedback`; passing ``...`` raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ..gaussian import dphi, gauss_avg
from ._core import Feedback, _say, check_close, not_done

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _unfinished(k: int, *answers) -> None:
    if any(not_done(a) for a in answers):
        raise NotImplementedError(f"Exercise {k}: replace the `...` with your answer(s), then run the cell again")


def _text_answer(k: int, answers, quiet: bool) -> Feedback | None:
    """A string is not a number, even if it spells one: reject it (else None)."""
    if any(isinstance(a, (str, bytes)) for a in answers):
        return _say(False, f"Exercise {k}: the answer should be a number computed in the cell, "
                           "not a string.", quiet)
    return None


def exercise_2(gain_tonic, gain_variance, *, gamma: float = 2.0, delta: float = 0.5,
               quiet: bool = False) -> Feedback:
    """Gain ``[φ'](γ, Δ)`` under a tonic cue and ``[φ'](0, Δ + γ²)`` under a variance cue."""
    _unfinished(2, gain_tonic, gain_variance)
    if (fb := _text_answer(2, (gain_tonic, gain_variance,), quiet)) is not None:
        return fb
    ref_t = float(gauss_avg(dphi, gamma, delta))
    ref_v = float(gauss_avg(dphi, 0.0, delta + gamma**2))
    diag_t = [
        (lambda r: ref_v, "That is the variance cue's gain. A tonic cue shifts the *mean* μ of the "
                          "field: [φ'](μ = γ, Δ)."),
        (lambda r: 1 - np.tanh(gamma) ** 2, "You evaluated φ'(γ) for a single neuron; the population "
                                             "gain averages φ' over the spread Δ of the fields."),
        (lambda r: float(gauss_avg(dphi, gamma, 0.0 + gamma**2)),
         "Only the mean moves with a tonic cue; the variance stays Δ."),
        (lambda r: float(gauss_avg(dphi, 0.0, delta)), "That is the gain without any cue."),
    ]
    fb = check_close(gain_tonic, ref_t, exercise="Exercise 2 (tonic cue)",
                     what="the gain [φ'](γ, Δ)", rtol=1e-4, diagnoses=diag_t, quiet=quiet)
    if not fb.passed:
        return fb
    diag_v = [
        (lambda r: ref_t, "That is the tonic cue's gain. A zero-mean cue vector adds variance γ²·1."),
        (lambda r: float(gauss_avg(dphi, 0.0, delta + gamma)),
         "A cue of amplitude γ along a unit-variance vector adds variance γ², not γ."),
        (lambda r: float(gauss_avg(dphi, 0.0, gamma**2)), "Keep the field's own variance Δ: the "
                                                            "variances of independent parts add."),
    ]
    return check_close(gain_variance, ref_v, exercise="Exercise 2 (variance cue)",
                       what="the gain [φ'](0, Δ + γ²)", rtol=1e-4, diagnoses=diag_v, quiet=quiet)


def _rest_gains(model, gamma, context):
    from ..context import population_gains

    u = np.zeros(model.n_inputs)
    u[2 if context == "A" else 3] = gamma
    return population_gains(model, np.zeros(model.rank), u)


def exercise_3(sigma_eff_A, *, model, gamma: float = 2.0, quiet: bool = False) -> Feedback:
    """``σ̃(n_1, I_A) = Σ_p α_p [φ']_p Cov_p(n_1, I_A)`` in context B (cue ``c_B`` of strength γ)."""
    _unfinished(3, sigma_eff_A)
    if (fb := _text_answer(3, (sigma_eff_A,), quiet)) is not None:
        return fb
    G = _rest_gains(model, gamma, "B")
    cov = model.n_input_cov[:, 0, 0]
    alpha = model.fractions
    ref = float(np.sum(alpha * G * cov))
    diagnoses = [
        (lambda r: float(np.sum(G * cov)),
         "Weight each population by its fraction α_p: the sum over neurons is an average."),
        (lambda r: float(np.sum(alpha * cov)),
         "That is the value without any gain reduction (the overall nᵀI/N — also what you get in "
         "context A, or with the gain of the wrong population). In context B the cue reaches "
         "population 1, which carries pathway A: multiply by each population's own [φ']."),
    ]
    return check_close(sigma_eff_A, ref, exercise="Exercise 3", what="the effective overlap σ̃(n₁, I_A)",
                       rtol=1e-4, diagnoses=diagnoses, quiet=quiet)


def exercise_4(slope_pred, *, model, gamma: float = 2.0, rho: float = 1.0, s: float = 2.0,
               beta: float = 1.0, quiet: bool = False) -> Feedback:
    """Small-signal slope ``dz/du_A`` at rest in context A, from the linearised mean field."""
    _unfinished(4, slope_pred)
    if (fb := _text_answer(4, (slope_pred,), quiet)) is not None:
        return fb
    from ..context import solve_stationary

    G1, G2 = _rest_gains(model, gamma, "A")
    dk1 = 0.5 * G1 * s / (1 - 0.5 * G1 * rho)
    ref = 0.5 * (G1 + G2) * beta * dk1
    # independent check of the formula on the full mean field (central difference)
    du = 1e-4
    U = np.zeros((2, 4))
    U[:, 2] = gamma
    U[:, 0] = [du, -du]
    z = solve_stationary(model, U).readout
    assert abs((z[0] - z[1]) / (2 * du) - ref) < 1e-4 * max(1.0, abs(ref))
    diagnoses = [
        (lambda r: 0.5 * (G1 + G2) * beta * 0.5 * G1 * s,
         "You left out the recurrent amplification: k₁ appears on both sides of its equation."),
        (lambda r: beta * dk1, "The readout passes through the gains too: z = ½(G₁+G₂)β(k₁+k₂)."),
        (lambda r: 0.5 * (G1 + G2) * beta * G1 * s / (1 - G1 * rho),
         "Forgot the population fraction ½: the within-population covariances enter weighted by α_p."),
        (lambda r: 0.5 * G1 * beta * dk1,
         "The readout averages over both populations: ½(G₁ + G₂), not ½G₁ — population 2 "
         "contributes through Cov(w, m₁) too."),
    ]
    return check_close(slope_pred, ref, exercise="Exercise 4", what="the slope dz/du_A",
                       rtol=1e-3, diagnoses=diagnoses, quiet=quiet)


_CUE_A = np.array([0.0, 0.0, 0.08, -0.14])  # the paper's cues in context A (c_A on, c_B off)
_T_CUE, _T_TRIAL, _DT = 15.0, 100.0, 0.2  # stimulus onset and trial end (units of τ)
_REL = 0.02  # the answer is judged at (1 ± 2 %) of the student's amplitude


def _readout_after_trial(model, start, amp):
    """z at the end of the 100-τ protocol (cue from t = 0, stimulus A from t = 15)."""
    from ..context import integrate_latent, readout

    stim = np.array([amp, 0.0, 0.0, 0.0])

    def v(t):  # what the neurons see: the steps after the leak's low-pass filter
        on = (1 - np.exp(-(t - _T_CUE))) if t >= _T_CUE else 0.0
        return _CUE_A * (1 - np.exp(-t)) + stim * on

    _, k = integrate_latent(model, start, v, _T_TRIAL, _DT)
    return float(readout(model, k[-1], v(_T_TRIAL)))


def _nogo_survives(model, start, amp) -> bool:
    """A stable No-Go fixed point exists under cue + stimulus, reached from the cue's No-Go
    state: then the network stays in No-Go however long the trial lasts."""
    from ..context import solve_stationary

    cue_state = solve_stationary(model, _CUE_A, k0=start)
    s = solve_stationary(model, _CUE_A + [amp, 0.0, 0.0, 0.0], k0=cue_state.k)
    return bool(s.converged and s.stable and s.readout < 0)


def _go_from_rest(model, amp) -> bool:
    """The fixed point reached from k = 0 under cue + stimulus is Go (the history mistake)."""
    from ..context import solve_stationary

    s = solve_stationary(model, _CUE_A + [amp, 0.0, 0.0, 0.0])
    return bool(s.readout > 0)


def exercise_1(u_threshold, *, model, start, quiet: bool = False) -> Feedback:
    """Go threshold of stimulus A in context A (the paper's network, from the No-Go state).

    Judged by behaviour, not against a stored number: slightly below the answer a
    100-τ trial must still end in No-Go, and slightly above it the No-Go state must be
    gone (else no trial, however long, ends in Go). Longer trials give a slightly lower
    threshold (the network lingers near the vanishing No-Go state); they are accepted.
    """
    _unfinished(1, u_threshold)
    try:
        if isinstance(u_threshold, (str, bytes, bool)):
            raise TypeError("not a number")
        u = float(np.asarray(u_threshold, dtype=float).reshape(()))
    except (TypeError, ValueError):
        return _say(False, "Exercise 1: u_threshold should be one number (an amplitude), got "
                           f"{type(u_threshold).__name__}.", quiet)
    if not np.isfinite(u) or u <= 0:
        return _say(False, "Exercise 1: the threshold is a positive amplitude (without a "
                           "stimulus the network stays in No-Go).", quiet)
    start = np.asarray(start, dtype=float)
    if _readout_after_trial(model, start, (1 - _REL) * u) > 0:
        hint = ("1 is the amplitude used in the section, which gives Go; the question is the "
                "smallest one that still does." if abs(u - 1.0) < 1e-9 else
                "a 100-τ trial already ends in Go at a 2 % smaller amplitude: this is not the "
                "smallest one. Narrow your bracket (and keep the trial at least 100 τ long).")
        return _say(False, f"Exercise 1: {hint}", quiet)
    if _nogo_survives(model, start, (1 + _REL) * u):
        if _go_from_rest(model, (1 + _REL) * u) and not _go_from_rest(model, (1 - _REL) * u):
            hint = ("that is the threshold of the fixed point reached from k = 0; from k = 0 this amplitude ends in Go, but the network starts in the No-Go "
                    "state, and in a bistable network the outcome depends on where you start.")
        else:
            hint = ("even at a 2 % larger amplitude the No-Go state survives, so no trial "
                    "ends in Go: the threshold is higher.")
        return _say(False, f"Exercise 1: {hint}", quiet)
    return _say(True, "Exercise 1: correct, that is the Go threshold (within 2 %). A longer "
                      "trial lowers it slightly: near the threshold the network lingers where "
                      "the No-Go state disappears.", quiet)
