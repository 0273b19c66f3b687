"""Exercise checkers for notebook 02 — the rank-one RNN.

Usage in the notebook: ``from lrnn_utils.checks import nb02 as checks`` then
``checks.exercise_1(heard)``. Each checker prints feedback without
revealing the solution and returns a :class:`~lrnn_utils.checks._core.Feedback`;
passing ``...`` raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_done

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"]


def _vec(a, name):
    arr = np.asarray(a, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array (one entry per neuron), got shape {arr.shape}")
    return arr


def _ex1_states():
    """Test states chosen by the checker: n with a non-zero mean, x not along m."""
    r = np.random.default_rng(2)
    out = []
    for N, n_mean, x_mean in ((400, 0.7, 0.3), (250, -0.4, -0.5)):
        m = r.standard_normal(N)
        n = n_mean + 0.5 * m + r.standard_normal(N)
        x = x_mean + 0.8 * m + r.standard_normal(N)
        out.append((x, m, n))
    return out


def exercise_1(heard, *, quiet: bool = False) -> Feedback:
    """Judge ``heard(x, m, n)``, which must return κ = nᵀφ(x)/N for the state ``x``.

    The checker calls the student's function on states it chooses (two sizes, ``n`` with a
    non-zero mean), so an answer cannot be fitted to one state.
    """
    if not_done(heard):
        raise NotImplementedError("Exercise 1: replace the `...` with your answer, then run the cell again")
    if not callable(heard):
        return _say(False, "Exercise 1: pass your function itself, e.g. "
                           "checks.exercise_1(heard), not its value.", quiet)
    for x, m, n in _ex1_states():
        N = x.size
        answer = heard(x.copy(), m.copy(), n.copy())
        if not_done(answer):
            raise NotImplementedError("Exercise 1: your function still returns `...`")
        ref = float(n @ np.tanh(x) / N)
        diagnoses = [
            (lambda r: m @ np.tanh(x) / N,
             "You projected φ(x) on m. In κ = nᵀφ/N the network listens along n; m is where "
             "it talks."),
            (lambda r: n @ x / N,
             "You used the activation x instead of the rate φ(x) = tanh(x)."),
            (lambda r: n @ np.tanh(x) / np.sqrt(N),
             "Check the normalisation: the structured weights are m_i n_j / N, so κ carries 1/N."),
            (lambda r: np.mean(np.tanh(x)) * np.mean(n),
             "You multiplied two population averages; κ is the average of the product "
             "n_j φ(x_j)."),
        ]
        fb = check_close(answer, ref, exercise="Exercise 1", what="κ = nᵀφ(x)/N",
                         rtol=1e-6, atol=1e-9, diagnoses=diagnoses, N=N, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 1: correct. Your function returns nᵀφ(x)/N on test states "
                      "of other sizes.", quiet)


def _kappa_star_cov(overlap: float) -> float:
    """Non-zero fixed point of dκ/dt = -κ + σ κ [φ'](0, κ²) (g = 0, Σ_m = 1)."""
    from scipy.optimize import brentq

    from ..gaussian import dphi, gauss_avg

    if overlap <= 1:
        return 0.0
    return brentq(lambda k: float(gauss_avg(dphi, 0.0, k * k)) - 1.0 / overlap, 1e-9, 50.0,
                  xtol=1e-14)


_EX2_OVERLAPS = (1.5, 2.0, 3.0)


def exercise_2(fixed_point, *, quiet: bool = False) -> Feedback:
    """Judge ``fixed_point(overlap)``: the non-zero fixed point κ* of the g = 0 network
    (zero-mean vectors, Σ_m² = 1, σ_mn = overlap), called at overlaps the checker chooses.

    Either sign is accepted. A hint is given only if the same mistake explains the answers
    at every overlap (one value can agree with a wrong formula by coincidence).
    """
    if not_done(fixed_point):
        raise NotImplementedError("Exercise 2: replace the `...` with your answer, then run the cell again")
    if not callable(fixed_point):
        return _say(False, "Exercise 2: pass your function itself, e.g. "
                           "checks.exercise_2(fixed_point), not its value.", quiet)
    answers, refs = [], []
    for ov in _EX2_OVERLAPS:
        a = fixed_point(ov)
        if not_done(a):
            raise NotImplementedError("Exercise 2: your function still returns `...`")
        try:
            answers.append(abs(float(np.asarray(a, dtype=float))))
        except (TypeError, ValueError):
            return _say(False, "Exercise 2: fixed_point(overlap) should return one number.",
                        quiet)
        refs.append(_kappa_star_cov(ov))
    answers, refs = np.array(answers), np.array(refs)
    if np.allclose(answers, refs, rtol=2e-3):
        return _say(True, "Exercise 2: correct at every overlap the checker tried.", quiet)
    if np.all(answers < 1e-6):
        return _say(False, "Exercise 2: κ = 0 is a fixed point, but for an overlap above 1 it "
                           "is unstable (slope F'(0) = overlap > 1). Look for the other one.",
                    quiet)
    hints = [
        (refs**2, "Your numbers are κ*², the variance Δ = Σ_m² κ² of the field. Take the root."),
        (np.sqrt(refs), "Your numbers are √κ*: did you use κ instead of κ² as the variance "
                        "in [φ']?"),
        (refs / np.array(_EX2_OVERLAPS), "Your numbers are κ*/overlap: check where the "
                                         "overlap enters."),
    ]
    for wrong, hint in hints:
        if np.allclose(answers, wrong, rtol=2e-3):
            return _say(False, "Exercise 2: " + hint, quiet)
    ok = np.isclose(answers, refs, rtol=2e-3)
    tried = ", ".join(f"{ov:g}" for ov in _EX2_OVERLAPS)
    return _say(False, f"Exercise 2: not right at overlap(s) "
                       f"{', '.join(f'{ov:g}' for ov, good in zip(_EX2_OVERLAPS, ok) if not good)}"
                       f" (tried {tried}). Does your function use its argument `overlap`, and "
                       "solve [φ'](0, κ²) = 1/overlap for κ > 0?", quiet)


def exercise_3(kappa_star, *, m_mean: float = 1.0, n_mean: float = 2.0,
               quiet: bool = False) -> Feedback:
    """Positive fixed point when the overlap comes from the means only
    (``M_m, M_n`` given, ``Σ_m² = Σ_n² = 1``, ``σ_mn = 0``)."""
    if not_done(kappa_star):
        raise NotImplementedError("Exercise 3: replace the `...` with your answer, then run the cell again")
    from ..meanfield import stationary_solutions

    sols = [s for s in stationary_solutions(0.0, m_mean=m_mean, n_mean=n_mean, m_var=1.0,
                                            n_var=1.0) if s.kappa > 1e-9]
    if not sols:
        raise ValueError("these means give no positive fixed point; choose M_m M_n > 1")
    ref = sols[-1].kappa
    cov_value = _kappa_star_cov(m_mean * n_mean)
    diagnoses = [
        (lambda r: cov_value,
         "That is the fixed point of the *covariance* mechanism with the same overlap. With "
         "aligned means F(κ) = M_n [φ](M_m κ, Σ_m² κ²) — a different function."),
        (lambda r: m_mean * r, "Your number is M_m κ* — the mean input μ, not κ."),
    ]
    naive = _naive_mean_root(m_mean, n_mean)
    if naive is not None and abs(naive - ref) > 1e-2 * ref:
        diagnoses.append((lambda r: naive,
                          "You solved κ = M_n φ(M_m κ), i.e. without the Gaussian average over "
                          "the spread of m (Σ_m² = 1). Use [φ](μ, Δ) with Δ = Σ_m² κ²."))
    try:
        ans = abs(float(np.asarray(kappa_star, dtype=float)))  # ±κ* are both fixed points
    except (TypeError, ValueError):
        return _say(False, "Exercise 3: κ* should be a single number.", quiet)
    return check_close(ans, ref, exercise="Exercise 3", what="the non-zero fixed point |κ*|",
                       rtol=2e-3, diagnoses=diagnoses, quiet=quiet)


def _naive_mean_root(m_mean: float, n_mean: float):
    """Positive root of κ = M_n tanh(M_m κ) (the mistake of forgetting the spread of m)."""
    from scipy.optimize import brentq

    if m_mean * n_mean <= 1:
        return None
    return brentq(lambda k: n_mean * np.tanh(m_mean * k) - k, 1e-6, abs(n_mean) + 1.0)


def exercise_4(fraction, *, g: float = 0.8, overlap: float = 2.0, quiet: bool = False) -> Feedback:
    """Fraction of ``|x*|²`` along ``m`` at the non-zero fixed point: ``κ² Σ_m² / Δ0``
    (zero-mean vectors, ``Σ_m² = 1``, ``Σ_n² = 1 + overlap²``)."""
    if not_done(fraction):
        raise NotImplementedError("Exercise 4: replace the `...` with your answer, then run the cell again")
    from ..meanfield import solve_rank_one

    sol = solve_rank_one(g, m_var=1.0, n_var=1.0 + overlap**2, mn_cov=overlap,
                         kappa0=max(_kappa_star_cov(overlap), 0.5))
    ref = sol.kappa**2 / sol.delta0
    random_part = 1.0 - ref
    diagnoses = [
        (lambda r: random_part,
         "That is the fraction of the *random* part g²[φ²] — the complement of what is asked."),
        (lambda r: np.sqrt(r),
         "That is the cosine between x* and m; the fraction of the squared norm is its square."),
        (lambda r: sol.kappa**2 / (sol.kappa**2 + g**2),
         "The random part has variance g²[φ²](0, Δ0), not g²: the rates saturate."),
        (lambda r: sol.kappa / sol.delta0, "Check the power of κ: the variance along m is κ² Σ_m²."),
    ]
    return check_close(fraction, ref, exercise="Exercise 4",
                       what="the fraction of |x*|² along m", rtol=1e-2, diagnoses=diagnoses,
                       quiet=quiet)


def exercise_5(m, n, *, u, w, quiet: bool = False) -> Feedback:
    """Vectors ``m, n`` with ``m nᵀ/N = u wᵀ``: the FORCE loop as a rank-one network."""
    if not_done(m) or not_done(n):
        raise NotImplementedError("Exercise 5: replace the `...` with your answer, then run the cell again")
    u = np.asarray(u, dtype=float).reshape(-1)
    w = np.asarray(w, dtype=float).reshape(-1)
    N = u.size
    try:
        m = np.asarray(m, dtype=float).reshape(-1)
        n = np.asarray(n, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return _say(False, "Exercise 5: m and n should be arrays of length N.", quiet)
    if m.size != N or n.size != N:
        return _say(False, f"Exercise 5: m and n should both have length N = {N}, "
                           f"got {m.size} and {n.size}.", quiet)
    # compare the action of both rank-one matrices on a few fixed probe vectors
    probes = np.random.default_rng(12345).standard_normal((N, 3))
    ans = np.outer(m, n @ probes) / N
    ref = np.outer(u, w @ probes)
    diagnoses = [
        (lambda r: np.outer(w, u @ probes),
         "m and n are swapped: the readout weights decide what the loop *listens* to (n), "
         "the feedback vector where it *talks* (m)."),
        (lambda r: np.outer(w * N, u @ probes) / N,
         "m and n are swapped: the readout weights decide what the loop *listens* to (n), "
         "the feedback vector where it *talks* (m)."),
    ]
    return check_close(ans, ref, exercise="Exercise 5", what="the rank-one matrix m nᵀ/N",
                       rtol=1e-6, atol=1e-12, diagnoses=diagnoses, N=N, quiet=quiet)
