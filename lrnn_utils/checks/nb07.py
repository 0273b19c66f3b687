"""Exercise checkers for notebook 07 — context-dependent responses.

Usage in the notebook: ``from lrnn_utils.checks import nb07 as checks`` then
``checks.exercise_2(cue_gains)``. Each checker prints feedback without revealing the
solution and returns a :class:`~lrnn_utils.checks._core.Feedback`; passing ``...`` (or
a function that still returns ``...``) raises ``NotImplementedError``. Functions are
judged on inputs the checker chooses.
"""

from __future__ import annotations

import numpy as np

from ..gaussian import dphi, gauss_avg
from ._core import Feedback, _say, check_close, not_callable, student_output, unfinished

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _numbers(out, shape):
    """``out`` as a float array of ``shape``, or None (strings are not numbers)."""
    if isinstance(out, (str, bytes)) or np.asarray(out).dtype.kind in "USb":
        return None
    try:
        arr = np.asarray(out, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr if arr.shape == shape else None


_EX2_CASES = ((2.0, 0.5, 1.0), (1.0, 2.0, 0.5), (0.5, 0.2, 3.0))


def exercise_2(cue_gains, *, quiet: bool = False) -> Feedback:
    """Judge ``cue_gains(gamma, delta, cue_var)`` → ``([φ'](γ, Δ), [φ'](0, Δ + γ² "
      "v))``."""
    unfinished(2, cue_gains)
    if not callable(cue_gains):
        return not_callable(2, "cue_gains", quiet)
    for gamma, delta, var in _EX2_CASES:
        raw = student_output(2, cue_gains, "cue_gains", gamma, delta, var)
        out = _numbers(raw, (2,))
        if out is None:
            return _say(False, "Exercise 2: cue_gains should return two numbers, "
                               "(gain_tonic, gain_variance).", quiet)
        ref_t = float(gauss_avg(dphi, gamma, delta))
        ref_v = float(gauss_avg(dphi, 0.0, delta + gamma**2 * var))
        diag_t = [
            (lambda r, ref_v=ref_v: ref_v,
             "That is the variance cue's gain. A tonic cue shifts the *mean* μ of the "
             "field: [φ'](μ = γ, Δ)."),
            (lambda r, g=gamma: 1 - np.tanh(g) ** 2,
             "You evaluated φ'(γ) for a single neuron; the population gain averages φ' "
             "over the spread Δ of the fields."),
            (lambda r, d=delta: float(gauss_avg(dphi, 0.0, d)),
             "That is the gain without any cue."),
        ]
        fb = check_close(out[0], ref_t, exercise="Exercise 2 (tonic cue)",
                         what="the gain under a tonic cue", rtol=1e-4, diagnoses=diag_t,
                         quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
        diag_v = [
            (lambda r, ref_t=ref_t: ref_t,
             "That is the tonic cue's gain. A zero-mean cue vector adds variance."),
            (lambda r, g=gamma, d=delta, v=var: float(gauss_avg(dphi, 0.0, d + g * v)),
             "A cue of amplitude γ along a vector of variance v adds γ² v, not γ v."),
            (lambda r, g=gamma, d=delta: float(gauss_avg(dphi, 0.0, d + g**2)),
             "Include the variance cue_var of the cue vector: it adds γ²·cue_var."),
            (lambda r, g=gamma, v=var: float(gauss_avg(dphi, 0.0, g**2 * v)),
             "Keep the field's own variance Δ: the variances of independent parts "
             "add."),
        ]
        fb = check_close(out[1], ref_v, exercise="Exercise 2 (variance cue)",
                         what="the gain under a variance cue", rtol=1e-4,
                         diagnoses=diag_v, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 2: correct at every (γ, Δ, cue_var) the checker tried.",
                quiet)


def _ex3_cases():
    """(model, u) pairs of the checker: two mixtures, rest in several contexts."""
    from ..models import context_task_model

    tonic = context_task_model()
    other = context_task_model(input_overlap=1.5, overlap=0.8, cue="variance",
                               cue_var=2.0)
    return [(tonic, np.array([0.0, 0.0, 0.0, 2.0])),
            (tonic, np.array([0.3, 0.0, 1.5, 0.0])),
            (other, np.array([0.0, -0.4, 0.0, 1.0]))]


def exercise_3(effective_input_overlap, *, quiet: bool = False) -> Feedback:
    """Judge ``effective_input_overlap(model, u)`` → ``Σ_p α_p [φ']_p Cov_p(n, I)`` "
      "(R, K)."""
    unfinished(3, effective_input_overlap)
    if not callable(effective_input_overlap):
        return not_callable(3, "effective_input_overlap", quiet)
    for model, u in _ex3_cases():
        R, K = model.rank, model.n_inputs
        raw = student_output(3, effective_input_overlap, "effective_input_overlap",
                             model, u)
        out = _numbers(raw, (R, K))
        if out is None:
            got = np.shape(raw) if not isinstance(raw, (str, bytes)) else "a string"
            return _say(False, f"Exercise 3: the result should be an (R, K) = ({R}, "
                               f"{K}) "
                               f"array of numbers, got {got}.", quiet)
        G = model.gains(np.zeros(R), u)
        alpha, cov = model.fractions, model.n_input_cov
        ref = np.einsum("p,prk->rk", alpha * G, cov)
        diagnoses = [
            (lambda r, G=G, cov=cov: np.einsum("p,prk->rk", G, cov),
             "Weight each population by its fraction α_p: the sum over neurons is an "
             "average."),
            (lambda r, alpha=alpha, cov=cov: np.einsum("p,prk->rk", alpha, cov),
             "That is the value without any gain change (the overall nᵀI/N). Multiply "
             "each population's covariances by its own gain [φ']_p."),
            (lambda r, alpha=alpha, G=G, model=model: np.einsum(
                "p,prk->rk", alpha * G, model.m_input_cov),
             "You used Cov(m, I); the input overlap pairs n_r (listens) with I_k."),
        ]
        fb = check_close(out, ref, exercise="Exercise 3",
                         what="the effective input overlaps", rtol=1e-6, atol=1e-10,
                         diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 3: correct for every model and input the checker "
                      "tried.",
                quiet)


_EX4_CASES = ((0.98, 0.0707, 1.0, 2.0, 1.0), (0.6, 0.9, 0.5, 1.5, 2.0),
              (0.8, 0.3, 1.2, 0.7, 0.5))


def _slope(G1, G2, rho, s, beta):
    return 0.5 * (G1 + G2) * beta * 0.5 * G1 * s / (1 - 0.5 * G1 * rho)


def exercise_4(slope_at_rest, *, quiet: bool = False) -> Feedback:
    """Judge ``slope_at_rest(G1, G2, rho, s, beta)``, the linearised ``dz/du_A``."""
    unfinished(4, slope_at_rest)
    if not callable(slope_at_rest):
        return not_callable(4, "slope_at_rest", quiet)
    for G1, G2, rho, s, beta in _EX4_CASES:
        raw = student_output(4, slope_at_rest, "slope_at_rest", G1, G2, rho, s, beta)
        out = _numbers(raw, ())
        if out is None:
            return _say(False, "Exercise 4: slope_at_rest should return one number.",
                        quiet)
        amp = 0.5 * G1 * s / (1 - 0.5 * G1 * rho)
        diagnoses = [
            (lambda r, G1=G1, G2=G2, beta=beta, s=s:
             0.5 * (G1 + G2) * beta * 0.5 * G1 * s,
             "You left out the recurrent amplification: k₁ appears on both sides of "
             "its equation."),
            (lambda r, beta=beta, amp=amp: beta * amp,
             "The readout passes through the gains too: z = ½(G₁+G₂)β(k₁+k₂)."),
            (lambda r, G1=G1, G2=G2, beta=beta, s=s, rho=rho:
             0.5 * (G1 + G2) * beta * G1 * s / (1 - G1 * rho),
             "Forgot the population fraction ½ inside the loop: the within-population "
             "covariances enter weighted by α_p."),
            (lambda r, G1=G1, beta=beta, amp=amp: 0.5 * G1 * beta * amp,
             "The readout averages over both populations: ½(G₁ + G₂), not ½G₁."),
        ]
        fb = check_close(out, _slope(G1, G2, rho, s, beta), exercise="Exercise 4",
                         what="the slope dz/du_A", rtol=1e-6, diagnoses=diagnoses,
                         quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 4: correct for every set of gains the checker tried.",
                quiet)


_CUE_A = np.array([0.0, 0.0, 0.08, -0.14])  # the paper's cues in context A
_T_CUE, _T_TRIAL, _DT = 15.0, 100.0, 0.2  # stimulus onset and trial end (units of τ)
_REL = 0.02  # the answer is judged at (1 ± 2 %) of the student's amplitude


def _readout_after_trial(model, start, amp):
    """z at the end of the 100-τ protocol (cue from t = 0, stimulus A from t = 15)."""
    stim = np.array([amp, 0.0, 0.0, 0.0])

    def v(t):  # what the neurons see: the steps after the leak's low-pass filter
        on = (1 - np.exp(-(t - _T_CUE))) if t >= _T_CUE else 0.0
        return _CUE_A * (1 - np.exp(-t)) + stim * on

    k = model.integrate(start, _T_TRIAL, _DT, v).k
    return float(model.readout(k[-1], v(_T_TRIAL)))


def _nogo_survives(model, start, amp) -> bool:
    """A stable No-Go fixed point exists under cue + stimulus, reached from the cue's
    No-Go state: then the network stays in No-Go however long the trial lasts."""
    cue_state = model.solve(_CUE_A, k0=start)
    s = model.solve(_CUE_A + [amp, 0.0, 0.0, 0.0], k0=cue_state.k)
    return bool(s.converged and s.stable and s.readout < 0)


def _go_from_rest(model, amp) -> bool:
    """The fixed point reached from k = 0 under cue + stimulus is Go (the history
    mistake)."""
    return bool(model.solve(_CUE_A + [amp, 0.0, 0.0, 0.0]).readout > 0)


def exercise_1(u_threshold, *, model, start, quiet: bool = False) -> Feedback:
    """Go threshold of stimulus A in context A (paper's network, from the No-Go state).

    Judged by behaviour, not against a stored number: slightly below the answer a
    100-τ trial must still end in No-Go, and slightly above it the No-Go state must be
    gone (else no trial, however long, ends in Go). Longer trials give a slightly lower
    threshold (the network lingers near the vanishing No-Go state); they are accepted.
    """
    unfinished(1, u_threshold)
    try:
        if isinstance(u_threshold, (str, bytes, bool)):
            raise TypeError("not a number")
        u = float(np.asarray(u_threshold, dtype=float).reshape(()))
    except (TypeError, ValueError):
        return _say(False, "Exercise 1: u_threshold should be one number (an "
                           "amplitude), "
                           f"got {type(u_threshold).__name__}.", quiet)
    if not np.isfinite(u) or u <= 0:
        return _say(False, "Exercise 1: the threshold is a positive amplitude (without "
                           "a "
                           "stimulus the network stays in No-Go).", quiet)
    start = np.asarray(start, dtype=float)
    if _readout_after_trial(model, start, (1 - _REL) * u) > 0:
        hint = ("1 is the amplitude used in the section, which gives Go; the question "
                "is "
                "the smallest one that still does." if abs(u - 1.0) < 1e-9 else
                "a 100-τ trial already ends in Go at a 2 % smaller amplitude: this is "
                "not "
                "the smallest one. Narrow your bracket (keep the trial at least 100 "
                "τ).")
        return _say(False, f"Exercise 1: {hint}", quiet)
    if _nogo_survives(model, start, (1 + _REL) * u):
        from_rest = [_go_from_rest(model, f * u) for f in (1 + _REL, 1 - _REL)]
        if from_rest[0] and not from_rest[1]:
            hint = ("that is the threshold of the fixed point reached from k = 0, but "
                    "the "
                    "network starts in the No-Go state, and in a bistable network the "
                    "outcome depends on where you start.")
        else:
            hint = ("even at a 2 % larger amplitude the No-Go state survives, so no "
                    "trial "
                    "ends in Go: the threshold is higher.")
        return _say(False, f"Exercise 1: {hint}", quiet)
    return _say(True, "Exercise 1: correct, that is the Go threshold (within 2 %).",
                quiet)
