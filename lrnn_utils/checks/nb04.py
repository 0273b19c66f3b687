"""Exercise checkers for notebook 04 — dynamical mean-field theory for κ.

Usage in the notebook: ``from lrnn_utils.checks import nb04 as checks`` then
``checks.exercise_1(predict_delta0)``. Each checker prints feedback
without revealing the solution and returns a :class:`~lrnn_utils.checks._core.Feedback`;
passing ``...`` raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_callable, unfinished

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _vec(a, name: str) -> np.ndarray:
    arr = np.asarray(a, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array (one entry per neuron), "
                         f"got shape {arr.shape}")
    return arr


def _ex1_state(seed: int, g: float, m_sd: float, kappa: float):
    """A test state chosen by the checker: Var(m) ≠ 1 and g ≠ 1 so that mistakes
    differ."""
    r = np.random.default_rng(seed)
    N = 500
    m = 1.1 + m_sd * r.standard_normal(N)
    x = m * kappa + 0.7 * r.standard_normal(N)
    return x, m, kappa, g


def exercise_1(predict, *, quiet: bool = False) -> Feedback:
    """Judge ``predict(x, m, kappa, g)``, the mean-field prediction of the total
    variance.

    The checker calls the student's function on states it chooses (``g`` and ``Var(m)``
    different from 1, so that a forgotten ``g²`` or a standard deviation in place of a
    variance give different numbers) and compares with the variance decomposition of the
    notebook.
    """
    unfinished(1, predict)
    if not callable(predict):
        return not_callable(1, "predict_delta0", quiet)
    fb = None
    for seed, g, m_sd, kappa in ((1, 0.7, 0.5, 0.9), (2, 1.3, 0.8, -0.6)):
        x, m, kappa, g = _ex1_state(seed, g, m_sd, kappa)
        answer = predict(x.copy(), m.copy(), kappa, g)
        unfinished(1, answer)
        phi2 = float(np.mean(np.tanh(x) ** 2))
        var_m = float(np.var(m))
        ref = var_m * kappa**2 + g**2 * phi2
        diagnoses = [
            (lambda r: np.mean(m**2) * kappa**2 + g**2 * phi2,
             "You used the mean of m² instead of Var(m). The variance is taken about "
             "the "
             "population mean μ = M_m κ, which absorbs the part M_m κ of the "
             "structured input."),
            (lambda r: var_m * kappa**2 + phi2,
             "The random part is g² times the mean of φ²: the bulk J0 has entries of "
             "variance g²/N. Your function leaves out g."),
            (lambda r: var_m * kappa**2 + g * phi2,
             "The random part is g² times the mean of φ² (a variance), not g times "
             "it."),
            (lambda r: np.std(m) * kappa**2 + g**2 * phi2,
             "The structured part needs the variance of m, not its standard "
             "deviation."),
            (lambda r: var_m * kappa**2,
             "That is only the structured part Σ_m² κ²; add the variance of the "
             "random input."),
            (lambda r: g**2 * phi2,
             "That is only the random part g² times the mean of φ²; add the structured "
             "part Σ_m² κ²."),
            (lambda r: var_m * kappa + g**2 * phi2,
             "The structured input is m_i κ, so its variance is Σ_m² κ², with κ "
             "squared."),
            (lambda r: var_m * kappa**2 + g**2 * float(np.mean(x**2)),
             "Use the rates φ(x) = tanh(x), not the activations x, in the mean of φ²."),
            (lambda r: float(np.var(x)),
             "That is the measured variance of x itself, not the mean-field "
             "prediction from "
             "its two parts (structured and random)."),
        ]
        # rtol 5e-3 accepts Var with ddof=1 (relative difference 1/N = 2e-3)
        fb = check_close(answer, ref, exercise="Exercise 1", what="the predicted Δ0",
                         rtol=5e-3, diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 1: correct: Σ_m² κ² + g² ⟨φ²⟩ on states with other "
                      "g and Var(m).", quiet)


# models and trial values (κ, Δ0) of the checker: both terms non-zero, M_m ≠ M_n and
# [φ] ≠ [φ'], so that swapped means or averages give other numbers
_EX2_CASES = (
    (dict(g=0.5, m_mean=0.8, n_mean=1.3, m_var=1.0, n_var=2.0, mn_cov=0.7), 0.6, 1.4),
    (dict(g=1.2, m_mean=-0.5, n_mean=0.9, m_var=2.0, n_var=1.5, mn_cov=1.1), -0.9, 2.3),
)
# the reference pair of each case, stored (computed once from the reference solution),
# so that no function here returns the answer
_EX2_REFS = ((0.3334900258052, 0.2163419989244), (0.1824514949185, -0.4361213289707))


def _ex2_terms(model, kappa, delta0, *, mu, f_mean=None, f_fluct=None,
               n_mean=None, with_kappa=True):
    """The two Stein terms at the population mean ``mu`` (a typical mistake's, passed
    explicitly), with optional further changes that reproduce typical mistakes."""
    from ..gaussian import dphi, gauss_avg, phi

    a = float(gauss_avg(phi if f_mean is None else f_mean, mu, delta0))
    b = float(gauss_avg(dphi if f_fluct is None else f_fluct, mu, delta0))
    Mn = model.n_mean if n_mean is None else n_mean
    return np.array([Mn * a, model.mn_cov * (kappa if with_kappa else 1.0) * b])


def exercise_2(stein_terms, *, quiet: bool = False) -> Feedback:
    """Judge ``stein_terms(model, kappa, delta0)``: the pair of terms of the rank-one
    self-consistency (mean overlap, correlated fluctuations), on models and trial values
    of ``κ`` and ``Δ0`` the checker chooses.
    """
    unfinished(2, stein_terms)
    if not callable(stein_terms):
        return not_callable(2, "stein_terms", quiet)
    from ..gaussian import dphi, phi
    from ..models import RankOne

    for (fields, kappa, delta0), ref in zip(_EX2_CASES, _EX2_REFS):
        model = RankOne(**fields)
        mu = kappa * model.m_mean  # μ of the currents, for the diagnoses
        answer = stein_terms(model, kappa, delta0)
        unfinished(2, answer)
        try:
            pair = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            return _say(False, "Exercise 2: return the two terms as a pair of numbers "
                               "(term_mean, term_fluct).", quiet)
        if pair.shape != (2,):
            return _say(False, "Exercise 2: return exactly two numbers, "
                               "(term_mean, term_fluct).", quiet)
        ref = np.asarray(ref)
        diagnoses = [
            (lambda r: r[::-1], "The two terms are swapped: the mean overlap goes with "
                                "M_n, the correlated fluctuations with σ_mn."),
            (lambda r: _ex2_terms(model, kappa, delta0, mu=mu, with_kappa=False),
             "The fluctuation term is σ_mn κ [φ']: the factor κ is missing "
             "(Cov(n, x) = σ_mn κ)."),
            (lambda r: _ex2_terms(model, kappa, delta0, mu=0.0),
             "[φ] and [φ'] must be taken at the population mean μ = M_m κ, not at 0 — "
             "that shift is the whole mean-overlap mechanism."),
            (lambda r: _ex2_terms(model, kappa, delta0, mu=model.n_mean * kappa),
             "The population mean is μ = M_m κ: the input m κ has the mean of m."),
            (lambda r: _ex2_terms(model, kappa, delta0, mu=mu, n_mean=model.m_mean),
             "The mean term reads the mean rate with the mean of n (M_n), not of m."),
            (lambda r: _ex2_terms(model, kappa, delta0, mu=mu, f_mean=dphi,
                                  f_fluct=phi),
             "[φ] and [φ'] are exchanged: Stein's lemma gives "
             "⟨n φ(x)⟩ = M_n[φ] + Cov(n, x)[φ']."),
            (lambda r: _ex2_terms(model, kappa, np.sqrt(delta0), mu=mu),
             "The last argument of gauss_avg is the variance Δ0, not a standard "
             "deviation."),
        ]
        fb = check_close(pair, ref, exercise="Exercise 2",
                         what="(term_mean, term_fluct)", rtol=1e-6, atol=1e-10,
                         diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message + " (on a model chosen by the checker)",
                        quiet)
    return _say(True, "Exercise 2: correct on the checker's models, away from any "
                      "solution too.", quiet)


def _chaotic_delta0(g: float) -> float:
    from ..models import RankOne

    return RankOne(g).solve("chaotic", kappa0=0.0).delta0


_EX3_G = (0.5, 1.5, 2.5, 3.0)


def exercise_3(critical_overlap, *, quiet: bool = False) -> Feedback:
    """Judge ``critical_overlap(g)``: the overlap at which ±κ branch off the κ = 0
    state,
    ``1/[φ'](0, Δ0)`` with the Δ0 of the state the network is in (silent for g < 1,
    chaotic for g > 1). The checker calls it at values of g it chooses.
    """
    unfinished(3, critical_overlap)
    if not callable(critical_overlap):
        return not_callable(3, "critical_overlap", quiet)
    from ..gaussian import dphi, gauss_avg
    from ..models import RankOne

    answers = []
    for g in _EX3_G:
        a = critical_overlap(g)
        unfinished(3, a)
        try:
            answers.append(float(np.asarray(a, dtype=float)))
        except (TypeError, ValueError):
            return _say(False, "Exercise 3: critical_overlap(g) should return one "
                               "number.",
                        quiet)
    answers = np.array(answers)
    d0_chaos = np.array([_chaotic_delta0(g) if g > 1 else 0.0 for g in _EX3_G])
    ref = 1.0 / np.array([float(gauss_avg(dphi, 0.0, d)) for d in d0_chaos])
    if np.allclose(answers, ref, rtol=2e-3):
        return _say(True, "Exercise 3: correct at every g the checker tried (below and "
                          "above g = 1).", quiet)
    d0_stat = np.array([RankOne(g).solve("stationary", kappa0=0.0).delta0
                        for g in _EX3_G])
    hints = [
        (np.ones(len(_EX3_G)), "Overlap 1 holds for g < 1, where the κ = 0 state is "
                               "silent "
                               "(Δ0 = 0). Above g = 1 it is chaotic: use its Δ0."),
        (1.0 / np.array([float(gauss_avg(dphi, 0.0, d)) for d in d0_stat]),
         "You used the Δ0 of the *stationary* κ = 0 state, which is unstable for g > "
         "1. "
         "The network is in the chaotic κ = 0 state: use regime=\"chaotic\"."),
        (1.0 / np.sqrt([float(gauss_avg(lambda x: dphi(x) ** 2, 0.0, d))
                        for d in d0_chaos]),
         "You used [φ'²], the bulk-radius condition. The pitchfork needs the average "
         "gain [φ']."),
        (1.0 / ref, "That is the gain [φ'](0, Δ0) itself; the critical overlap is its "
                    "inverse."),
        (1.0 / np.array([float(gauss_avg(dphi, 0.0, np.sqrt(d))) for d in d0_chaos]),
         "The second argument of [φ'] is the variance Δ0, not the standard deviation."),
    ]
    for wrong, hint in hints:
        if np.allclose(answers, wrong, rtol=2e-3):
            return _say(False, "Exercise 3: " + hint, quiet)
    bad = [f"{g:g}" for g, a, r in zip(_EX3_G, answers, ref)
           if not np.isclose(a, r, rtol=2e-3)]
    if bad == ["0.5"]:
        return _say(False, "Exercise 3: right above g = 1, wrong at g = 0.5: below the "
                           "transition the κ = 0 state is silent (Δ0 = 0); a chaotic "
                           "solve "
                           "there has no chaotic solution to find.", quiet)
    return _say(False, f"Exercise 3: not right at g = {', '.join(bad)}. Does your "
                       "function "
                       "use its argument g, and the Δ0 of the κ = 0 state the network "
                       "is in?",
                quiet)


def _ex4_activity(seed: int, T: int = 120, N: int = 300) -> np.ndarray:
    """Activity (T, N) chosen by the checker: a frozen offset per neuron (quenched
    part),
    a common mean and temporal fluctuations, plus a population drift in time so that
    averaging over the wrong axis gives another number."""
    r = np.random.default_rng(seed)
    offsets = 0.9 * r.standard_normal(N)
    drift = 0.4 * np.sin(np.linspace(0, 6, T))[:, None]
    return 0.7 + offsets + drift + 0.8 * r.standard_normal((T, N))


def exercise_4(quenched_variance, *, quiet: bool = False) -> Feedback:
    """Judge ``quenched_variance(x)``: the variance across neurons of the time averages
    of ``x`` (T, N), about the population mean, on activity the checker chooses.
    """
    unfinished(4, quenched_variance)
    if not callable(quenched_variance):
        return not_callable(4, "quenched_variance", quiet)
    for seed in (11, 12):
        x = _ex4_activity(seed)
        answer = quenched_variance(x.copy())
        unfinished(4, answer)
        fb = _ex4_judge(answer, x)
        if not fb.passed:
            return _say(False, fb.message + " (on activity chosen by the checker)",
                        quiet)
    return _say(True, "Exercise 4: correct. That is the quenched variance of the time "
                      "averages.", quiet)


def _ex4_judge(answer, x) -> Feedback:
    x = np.asarray(x, dtype=float)
    xbar = np.mean(x, axis=0)  # time averages, one per neuron
    mu = x.mean()
    ref = float(np.mean((xbar - mu) ** 2))
    diagnoses = [
        (lambda r: float(np.mean(xbar**2)),
         "Subtract the population mean μ before squaring: you computed ⟨x̄²⟩ = Δ∞ + "
         "μ²."),
        (lambda r: float(np.mean((x - mu) ** 2)),
         "That is the total variance Δ0 (over neurons and time). Average each neuron "
         "over time first."),
        (lambda r: float(np.mean((x.mean(axis=1) - mu) ** 2)),
         "You averaged over neurons (axis 1) first: that is the variance in time of "
         "the "
         "population mean. Average each neuron over time (axis 0)."),
        (lambda r: float(np.mean(x.var(axis=0))),
         "That is the temporal variance Δ0 - Δ∞ (each neuron's own mean subtracted)."),
    ]
    n_neurons = x.shape[1]
    # the ddof=1 estimator (factor N/(N-1) across neurons) is as good an estimate
    for alt in (ref, ref * n_neurons / (n_neurons - 1)):
        if np.isscalar(answer) or np.ndim(answer) == 0:
            if np.isclose(float(answer), alt, rtol=1e-4, atol=0.0):
                return Feedback(True, "correct")
    return check_close(answer, ref, exercise="Exercise 4",
                       what="the quenched variance Δ∞",
                       rtol=1e-4, diagnoses=diagnoses, quiet=True)
