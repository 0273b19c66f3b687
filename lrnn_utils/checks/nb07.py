"""Exercise checkers for notebook 07 — context-dependent responses.

Usage in the notebook: ``from lrnn_utils.checks import nb07 as checks`` then
``checks.exercise_1(gain_tonic, gain_variance, gamma=2.0, delta=0.5)``. Each checker prints
feedback without revealing the solution and returns a
:class:`~lrnn_utils.checks._core.Feedback`; passing ``...`` raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ..gaussian import dphi, gauss_avg
from ._core import Feedback, check_close, not_done

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _unfinished(k: int, *answers) -> None:
    if any(not_done(a) for a in answers):
        raise NotImplementedError(f"Exercise {k}: replace the `...` with your answer(s), then run the cell again")


def exercise_1(gain_tonic, gain_variance, *, gamma: float = 2.0, delta: float = 0.5,
               quiet: bool = False) -> Feedback:
    """Gain ``[φ'](γ, Δ)`` under a tonic cue and ``[φ'](0, Δ + γ²)`` under a variance cue."""
    _unfinished(1, gain_tonic, gain_variance)
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
    fb = check_close(gain_tonic, ref_t, exercise="Exercise 1 (tonic cue)",
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
    return check_close(gain_variance, ref_v, exercise="Exercise 1 (variance cue)",
                       what="the gain [φ'](0, Δ + γ²)", rtol=1e-4, diagnoses=diag_v, quiet=quiet)


def _rest_gains(model, gamma, context):
    from ..context import population_gains

    u = np.zeros(model.n_inputs)
    u[2 if context == "A" else 3] = gamma
    return population_gains(model, np.zeros(model.rank), u)


def exercise_2(sigma_eff_A, *, model, gamma: float = 2.0, quiet: bool = False) -> Feedback:
    """``σ̃(n_1, I_A) = Σ_p α_p [φ']_p Cov_p(n_1, I_A)`` in context B (cue ``c_B`` of strength γ)."""
    _unfinished(2, sigma_eff_A)
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
    return check_close(sigma_eff_A, ref, exercise="Exercise 2", what="the effective overlap σ̃(n₁, I_A)",
                       rtol=1e-4, diagnoses=diagnoses, quiet=quiet)


def exercise_3(slope_pred, *, model, gamma: float = 2.0, rho: float = 1.0, s: float = 2.0,
               beta: float = 1.0, quiet: bool = False) -> Feedback:
    """Small-signal slope ``dz/du_A`` at rest in context A, from the linearised mean field."""
    _unfinished(3, slope_pred)
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
    return check_close(slope_pred, ref, exercise="Exercise 3", what="the slope dz/du_A",
                       rtol=1e-3, diagnoses=diagnoses, quiet=quiet)


_THRESHOLDS: dict = {}  # cache: the reference costs a few batched latent integrations


def _go_threshold(model, start, *, cue_on=0.08, cue_off=-0.14, t_cue=15.0, t_end=100.0,
                  dt=0.2, rounds=4):
    """Smallest stimulus-A amplitude that ends in Go (z > 0 at t_end), context A."""
    key = (model.cov.tobytes(), model.input_mean.tobytes(), np.asarray(start, float).tobytes(),
           cue_on, cue_off, t_cue, t_end, dt, rounds)
    if key not in _THRESHOLDS:
        _THRESHOLDS[key] = _compute_go_threshold(model, start, cue_on, cue_off, t_cue, t_end,
                                                 dt, rounds)
    return _THRESHOLDS[key]


def _compute_go_threshold(model, start, cue_on, cue_off, t_cue, t_end, dt, rounds):
    from ..context import integrate_latent, readout

    cue = np.array([0.0, 0.0, cue_on, cue_off])

    def z_end(amps):
        def v(t):
            stim = np.stack([amps, 0 * amps, 0 * amps, 0 * amps], axis=-1)
            return cue * (1 - np.exp(-t)) + stim * ((1 - np.exp(-(t - t_cue))) if t >= t_cue else 0.0)

        _, k = integrate_latent(model, np.tile(start, (amps.size, 1)), v, t_end, dt)
        return readout(model, k[:, -1], v(t_end))

    lo, hi = 0.0, 1.0
    z0 = z_end(np.array([lo, hi]))
    if z0[0] > 0 or z0[1] <= 0:
        return lo if z0[0] > 0 else np.nan
    for _ in range(rounds):
        grid = np.linspace(lo, hi, 9)
        j = int(np.argmax(z_end(grid) > 0))
        lo, hi = grid[j - 1], grid[j]
    return 0.5 * (lo + hi)


def exercise_4(u_threshold, *, model, start, quiet: bool = False) -> Feedback:
    """Go threshold of stimulus A in context A (the paper's network, from the No-Go state)."""
    _unfinished(4, u_threshold)
    start = np.asarray(start, dtype=float)
    ref = _go_threshold(model, start)
    diagnoses = [
        (lambda r: _go_threshold(model, np.zeros(model.rank)),
         "You started from k = 0. The network starts in the No-Go state, and in a bistable "
         "network the outcome depends on where you start."),
        (lambda r: 1.0, "1 is the amplitude used in the section, which gives Go; the question is "
                        "the smallest one that still does."),
    ]
    return check_close(u_threshold, ref, exercise="Exercise 4", what="the Go threshold",
                       rtol=0.02, diagnoses=diagnoses, quiet=quiet)
