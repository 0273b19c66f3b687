"""Exercise checkers for notebook 04 — dynamical mean-field theory for κ.

Usage in the notebook: ``from lrnn_utils.checks import nb04 as checks`` then
``checks.exercise_1(predict_delta0)``. Each checker prints feedback
without revealing the solution and returns a :class:`~lrnn_utils.checks._core.Feedback`;
passing ``...`` raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_done

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _todo(answer, k: int) -> None:
    if not_done(answer):
        raise NotImplementedError(
            f"Exercise {k}: replace the `...` with your answer, then run the cell again"
        )


def _vec(a, name: str) -> np.ndarray:
    arr = np.asarray(a, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array (one entry per neuron), got shape {arr.shape}")
    return arr


def _ex1_state(seed: int, g: float, m_sd: float, kappa: float):
    """A test state chosen by the checker: Var(m) ≠ 1 and g ≠ 1 so that mistakes differ."""
    r = np.random.default_rng(seed)
    N = 500
    m = 1.1 + m_sd * r.standard_normal(N)
    x = m * kappa + 0.7 * r.standard_normal(N)
    return x, m, kappa, g


def exercise_1(predict, *, quiet: bool = False) -> Feedback:
    """Judge ``predict(x, m, kappa, g)``, the mean-field prediction of the total variance.

    The checker calls the student's function on states it chooses (``g`` and ``Var(m)``
    different from 1, so that a forgotten ``g²`` or a standard deviation in place of a
    variance give different numbers) and compares with the variance decomposition of the
    notebook.
    """
    _todo(predict, 1)
    if not callable(predict):
        return _say(False, "Exercise 1: pass your function itself, e.g. "
                           "checks.exercise_1(predict_delta0), not its value.", quiet)
    fb = None
    for seed, g, m_sd, kappa in ((1, 0.7, 0.5, 0.9), (2, 1.3, 0.8, -0.6)):
        x, m, kappa, g = _ex1_state(seed, g, m_sd, kappa)
        answer = predict(x.copy(), m.copy(), kappa, g)
        _todo(answer, 1)
        phi2 = float(np.mean(np.tanh(x) ** 2))
        var_m = float(np.var(m))
        ref = var_m * kappa**2 + g**2 * phi2
        diagnoses = [
            (lambda r: np.mean(m**2) * kappa**2 + g**2 * phi2,
             "You used the mean of m² instead of Var(m). The variance is taken about the "
             "population mean μ = M_m κ, which absorbs the part M_m κ of the structured input."),
            (lambda r: var_m * kappa**2 + phi2,
             "The random part is g² times the mean of φ²: the bulk J0 has entries of "
             "variance g²/N. Your function leaves out g."),
            (lambda r: var_m * kappa**2 + g * phi2,
             "The random part is g² times the mean of φ² (a variance), not g times it."),
            (lambda r: np.std(m) * kappa**2 + g**2 * phi2,
             "The structured part needs the variance of m, not its standard deviation."),
            (lambda r: var_m * kappa**2,
             "That is only the structured part Σ_m² κ²; add the variance of the random input."),
            (lambda r: g**2 * phi2,
             "That is only the random part g² times the mean of φ²; add the structured "
             "part Σ_m² κ²."),
            (lambda r: var_m * kappa + g**2 * phi2,
             "The structured input is m_i κ, so its variance is Σ_m² κ², with κ squared."),
            (lambda r: var_m * kappa**2 + g**2 * float(np.mean(x**2)),
             "Use the rates φ(x) = tanh(x), not the activations x, in the mean of φ²."),
            (lambda r: float(np.var(x)),
             "That is the measured variance of x itself, not the mean-field prediction from "
             "its two parts (structured and random)."),
        ]
        # rtol 5e-3 accepts Var with ddof=1 (relative difference 1/N = 2e-3)
        fb = check_close(answer, ref, exercise="Exercise 1", what="the predicted Δ0",
                         rtol=5e-3, diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 1: correct. Your function gives Σ_m² κ² + g² ⟨φ²⟩ on test "
                      "states with other g and Var(m).", quiet)


def exercise_2(answer, *, g, params, quiet: bool = False) -> Feedback:
    """The two terms of Stein's lemma, ``(M_n [φ](μ, Δ0), σ_mn κ [φ'](μ, Δ0))``."""
    _todo(answer, 2)
    from ..gaussian import dphi, gauss_avg, phi
    from ..meanfield import solve_rank_one

    try:
        pair = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return _say(False, "Exercise 2: give the two terms as a pair of numbers "
                           "(term_mean, term_fluct).", quiet)
    if pair.shape != (2,):
        return _say(False, "Exercise 2: give exactly two numbers, (term_mean, term_fluct).", quiet)
    sol = solve_rank_one(g, **params)
    Mn, Mm, cov = params.get("n_mean", 0.0), params.get("m_mean", 0.0), params.get("mn_cov", 0.0)
    avg_phi = float(gauss_avg(phi, sol.mu, sol.delta0))
    avg_dphi = float(gauss_avg(dphi, sol.mu, sol.delta0))
    ref = np.array([Mn * avg_phi, cov * sol.kappa * avg_dphi])
    diagnoses = [
        (lambda r: r[::-1], "The two terms are swapped: the mean overlap goes with M_n, "
                            "the correlated fluctuations with σ_mn."),
        (lambda r: np.array([r[0], cov * avg_dphi]),
         "The fluctuation term is σ_mn κ [φ']: you forgot the factor κ (Cov(n, x) = σ_mn κ)."),
        (lambda r: np.array([Mn * float(gauss_avg(phi, 0.0, sol.delta0)), r[1]]),
         "[φ] must be taken at the population mean μ = M_m κ, not at 0 — "
         "that shift is the whole mean-overlap mechanism."),
        (lambda r: np.array([Mm * avg_phi, r[1]]),
         "The mean term reads the mean rate with the mean of n (M_n), not of m."),
        (lambda r: np.array([Mn * avg_dphi, cov * sol.kappa * avg_phi]),
         "[φ] and [φ'] are exchanged: Stein's lemma gives ⟨n φ(x)⟩ = M_n[φ] + Cov(n, x)[φ']."),
    ]
    # the network is odd: the -κ branch has both terms negated, and is as right
    for sign in (1.0, -1.0):
        if np.allclose(pair, sign * ref, rtol=1e-3, atol=1e-8):
            branch = "+κ" if sign > 0 else "-κ"
            return _say(True, f"Exercise 2: correct ({branch} branch). Both terms match, "
                              "and they add up to κ.", quiet)
    fb = check_close(pair, ref, exercise="Exercise 2", what="(term_mean, term_fluct)",
                     rtol=1e-3, atol=1e-8, diagnoses=diagnoses, quiet=True)
    return _say(False, fb.message, quiet)


def _chaotic_delta0(g: float) -> float:
    from ..meanfield import solve_rank_one

    return solve_rank_one(g, regime="chaotic", kappa0=0.0).delta0


_EX3_G = (0.5, 1.5, 2.5, 3.0)


def exercise_3(critical_overlap, *, quiet: bool = False) -> Feedback:
    """Judge ``critical_overlap(g)``: the overlap at which ±κ branch off the κ = 0 state,
    ``1/[φ'](0, Δ0)`` with the Δ0 of the state the network is in (silent for g < 1,
    chaotic for g > 1). The checker calls it at values of g it chooses.
    """
    _todo(critical_overlap, 3)
    if not callable(critical_overlap):
        return _say(False, "Exercise 3: pass your function itself, e.g. "
                           "checks.exercise_3(critical_overlap), not its value.", quiet)
    from ..gaussian import dphi, gauss_avg
    from ..meanfield import solve_rank_one

    answers = []
    for g in _EX3_G:
        a = critical_overlap(g)
        _todo(a, 3)
        try:
            answers.append(float(np.asarray(a, dtype=float)))
        except (TypeError, ValueError):
            return _say(False, "Exercise 3: critical_overlap(g) should return one number.",
                        quiet)
    answers = np.array(answers)
    d0_chaos = np.array([_chaotic_delta0(g) if g > 1 else 0.0 for g in _EX3_G])
    ref = 1.0 / np.array([float(gauss_avg(dphi, 0.0, d)) for d in d0_chaos])
    if np.allclose(answers, ref, rtol=2e-3):
        return _say(True, "Exercise 3: correct at every g the checker tried (below and "
                          "above the transition to chaos).", quiet)
    d0_stat = np.array([solve_rank_one(g, kappa0=0.0).delta0 for g in _EX3_G])
    hints = [
        (np.ones(len(_EX3_G)), "Overlap 1 holds for g < 1, where the κ = 0 state is silent "
                               "(Δ0 = 0). Above g = 1 it is chaotic: use its Δ0."),
        (1.0 / np.array([float(gauss_avg(dphi, 0.0, d)) for d in d0_stat]),
         "You used the Δ0 of the *stationary* κ = 0 state, which is unstable for g > 1. "
         "The network is in the chaotic κ = 0 state: use regime=\"chaotic\"."),
        (1.0 / np.sqrt([float(gauss_avg(lambda x: dphi(x) ** 2, 0.0, d)) for d in d0_chaos]),
         "You used [φ'²], the bulk-radius condition. The pitchfork needs the average gain [φ']."),
        (1.0 / ref, "That is the gain [φ'](0, Δ0) itself; the critical overlap is its inverse."),
        (1.0 / np.array([float(gauss_avg(dphi, 0.0, np.sqrt(d))) for d in d0_chaos]),
         "The second argument of [φ'] is the variance Δ0, not the standard deviation."),
    ]
    for wrong, hint in hints:
        if np.allclose(answers, wrong, rtol=2e-3):
            return _say(False, "Exercise 3: " + hint, quiet)
    bad = [f"{g:g}" for g, a, r in zip(_EX3_G, answers, ref) if not np.isclose(a, r, rtol=2e-3)]
    if bad == ["0.5"]:
        return _say(False, "Exercise 3: right above g = 1, wrong at g = 0.5: below the "
                           "transition the κ = 0 state is silent (Δ0 = 0); a chaotic solve "
                           "there has no chaotic solution to find.", quiet)
    return _say(False, f"Exercise 3: not right at g = {', '.join(bad)}. Does your function "
                       "use its argument g, and the Δ0 of the κ = 0 state the network is in?",
                quiet)


def exercise_4(answer, *, x, quiet: bool = False) -> Feedback:
    """Quenched variance: variance across neurons of the time averages, about the population mean.

    ``x`` has shape (T, N): time along axis 0, neurons along axis 1.
    """
    _todo(answer, 4)
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must have shape (T, N), got {x.shape}")
    xbar = x.mean(axis=0)
    mu = x.mean()
    ref = float(np.mean((xbar - mu) ** 2))
    diagnoses = [
        (lambda r: float(np.mean(xbar**2)),
         "Subtract the population mean μ before squaring: you computed ⟨x̄²⟩ = Δ∞ + μ²."),
        (lambda r: float(np.mean((x - mu) ** 2)),
         "That is the total variance Δ0 (over neurons and time). Average each neuron over time first."),
        (lambda r: float(np.mean((x.mean(axis=1) - mu) ** 2)),
         "You averaged over neurons (axis 1) first: that is the variance in time of the "
         "population mean. Average each neuron over time (axis 0)."),
        (lambda r: float(np.mean(x.var(axis=0))),
         "That is the temporal variance Δ0 - Δ∞ (each neuron's own mean subtracted)."),
    ]
    n_neurons = x.shape[1]
    # the ddof=1 estimator (factor N/(N-1) across neurons) is as good an estimate
    for alt in (ref, ref * n_neurons / (n_neurons - 1)):
        if np.isscalar(answer) or np.ndim(answer) == 0:
            if np.isclose(float(answer), alt, rtol=1e-4, atol=0.0):
                return _say(True, "Exercise 4: correct. That is the quenched variance "
                                  "of the time averages.", quiet)
    return check_close(answer, ref, exercise="Exercise 4", what="the quenched variance Δ∞",
                       rtol=1e-4, diagnoses=diagnoses, quiet=quiet)
