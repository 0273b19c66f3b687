"""Exercise checkers for notebook 03 — variance scaling.

Usage in the notebook: ``from lrnn_utils.checks import nb03 as checks`` then
``checks.exercise_1(answer, phi=phi, g=g)``. Each checker prints feedback without
revealing the solution and returns a :class:`~lrnn_utils.checks._core.Feedback`;
passing ``...`` raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_done

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def exercise_1(std_pred, *, phi, g: float, quiet: bool = False) -> Feedback:
    """Predicted standard deviation of ``(J0 φ)_i`` over random bulks, ``g √(⟨φ²⟩)``."""
    if not_done(std_pred):
        raise NotImplementedError("Exercise 1: replace the `...` with your answer, then run the cell again")
    phi = np.asarray(phi, dtype=float).reshape(-1)
    N = phi.size
    ms = float(np.mean(phi**2))
    ref = g * np.sqrt(ms)
    diagnoses = [
        (lambda r: g * np.std(phi),
         "You used the standard deviation of φ. The weights have zero mean, so what adds up is "
         "the second moment ⟨φ²⟩ = (1/N) Σ φ_j² — it includes the mean of φ."),
        (lambda r: g**2 * ms, "That is the variance; the question asks for the standard deviation."),
        (lambda r: g**2 * np.var(phi),
         "That is g² Var(φ): a variance instead of a standard deviation, and Var(φ) instead of ⟨φ²⟩."),
        (lambda r: g * np.sqrt(np.sum(phi**2)),
         "Your number is √N times too large: each weight has variance g²/N, not g²."),
        (lambda r: g * np.mean(np.abs(phi)), "Use the root mean square of φ, not the mean absolute value."),
    ]
    return check_close(std_pred, ref, exercise="Exercise 1",
                       what="the standard deviation of the random input", rtol=1e-3,
                       diagnoses=diagnoses, N=N, quiet=quiet)


def _mean_phi(mu: float, delta: float) -> float:
    from ..gaussian import gauss_avg, phi

    return float(gauss_avg(phi, mu, delta))


def exercise_2(kappa_limit, *, n_mean: float, phi_mu: float, phi_delta: float,
               quiet: bool = False) -> Feedback:
    """Large-N limit of ``κ = nᵀφ/N`` for ``n`` with mean ``n_mean`` independent of ``φ = tanh(x)``,
    ``x ~ N(phi_mu, phi_delta)``: ``M_n [φ](μ, Δ)`` (the mean mechanism)."""
    if not_done(kappa_limit):
        raise NotImplementedError("Exercise 2: replace the `...` with your answer, then run the cell again")
    ref = n_mean * _mean_phi(phi_mu, phi_delta)
    from ..gaussian import gauss_avg

    diagnoses = [
        (lambda r: 0.0 * r,
         "Independent is not the same as 'averages to zero': n and φ both have non-zero means, "
         "and the product of the means survives the average over N terms."),
        (lambda r: n_mean * np.tanh(phi_mu),
         "You used φ(μ); average φ over the spread of x instead: [φ](μ, Δ) ≠ φ(μ)."),
        (lambda r: n_mean * float(gauss_avg(lambda x: np.tanh(x) ** 2, phi_mu, phi_delta)),
         "You used ⟨φ²⟩; the limit involves the mean ⟨φ⟩."),
    ]
    return check_close(kappa_limit, ref, exercise="Exercise 2", what="the limit of κ",
                       rtol=1e-3, atol=1e-9, diagnoses=diagnoses, quiet=quiet)


def exercise_3(slope, *, quiet: bool = False) -> Feedback:
    """Fitted log–log slope of the aligned structured input when ``P_ij = m_i n_j/√N``: ``+1/2``."""
    if not_done(slope):
        raise NotImplementedError("Exercise 3: replace the `...` with your answer, then run the cell again")
    try:
        s = float(np.asarray(slope, dtype=float))
    except (TypeError, ValueError):
        return _say(False, "❌ Exercise 3: the slope should be a single number.", quiet)
    if abs(s - 0.5) < 0.1:
        return _say(True, f"✅ Exercise 3: correct — slope {s:.2f}: with 1/√N structured weights the "
                          "aligned input grows like √N and would swamp everything at large N.", quiet)
    if abs(s + 0.5) < 0.1:
        return _say(False, "❌ Exercise 3: the sign is flipped — did you fit log N against log(input), "
                           "or divide by √N twice (that is the independent case with 1/N weights)?", quiet)
    if abs(s) < 0.1:
        return _say(False, "❌ Exercise 3: slope 0 is what the lecture's 1/N weights give for aligned "
                           "rates (or 1/√N weights for *independent* rates). With 1/√N weights and "
                           "aligned rates there is one factor √N more.", quiet)
    return _say(False, f"❌ Exercise 3: a slope of {s:.2f} is not what the scaling predicts. Fit "
                       "log(|input|) against log(N), over N = 10² … 10⁴.", quiet)


def exercise_4(N_cross, *, sigma_m: float, sigma_n: float, g: float, ratio: float = 0.01,
               quiet: bool = False) -> Feedback:
    """Network size at which the structured input from an *independent* ``n`` falls to
    ``ratio`` times the random input: ``N = (Σ_m Σ_n / (ratio · g))²``."""
    if not_done(N_cross):
        raise NotImplementedError("Exercise 4: replace the `...` with your answer, then run the cell again")
    ref = (sigma_m * sigma_n / (ratio * g)) ** 2
    diagnoses = [
        (lambda r: np.sqrt(r), "You forgot to square: the ratio falls like 1/√N, so N grows like 1/ratio²."),
        (lambda r: r * ratio, "The ratio falls like 1/√N, not like 1/N: square the factor."),
        (lambda r: (sigma_m * sigma_n / (ratio * g**2)) ** 2 if g != 1 else -r,
         "The random input has standard deviation g√⟨φ²⟩ — g, not g²."),
    ]
    return check_close(N_cross, ref, exercise="Exercise 4", what="the crossover size N",
                       rtol=2e-2, diagnoses=diagnoses, quiet=quiet)
