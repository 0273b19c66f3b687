"""Exercise checkers for notebook 02 — the rank-one RNN.

Usage in the notebook: ``from lrnn_utils.checks import nb02 as checks`` then
``checks.exercise_1(heard)``. Each checker prints feedback without
revealing the solution and returns a :class:`~lrnn_utils.checks._core.Feedback`;
passing ``...`` raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_callable, not_done, unfinished

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"]


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

    The checker calls the student's function on states it chooses (two sizes, ``n`` with
    a non-zero mean), so an answer cannot be fitted to one state.
    """
    unfinished(1, heard)
    if not callable(heard):
        return not_callable(1, "heard", quiet)
    for x, m, n in _ex1_states():
        N = x.size
        answer = heard(x.copy(), m.copy(), n.copy())
        if not_done(answer):
            raise NotImplementedError("Exercise 1: your function still returns `...`")
        ref = float(n @ np.tanh(x) / N)
        diagnoses = [
            (lambda r: m @ np.tanh(x) / N,
             "You projected φ(x) on m. In κ = nᵀφ/N the network listens along n; m is "
             "where it talks."),
            (lambda r: n @ x / N,
             "You used the activation x instead of the rate φ(x) = tanh(x)."),
            (lambda r: n @ np.tanh(x) / np.sqrt(N),
             "Check the normalisation: the structured weights are m_i n_j / N, so κ "
             "carries 1/N."),
            (lambda r: np.mean(np.tanh(x)) * np.mean(n),
             "You multiplied two population averages; κ is the average of the product "
             "n_j φ(x_j)."),
        ]
        fb = check_close(answer, ref, exercise="Exercise 1", what="κ = nᵀφ(x)/N",
                         rtol=1e-6, atol=1e-9, diagnoses=diagnoses, N=N, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 1: correct: nᵀφ(x)/N on test states of other sizes.",
                quiet)


def _kappa_star_cov(overlap: float) -> float:
    """Non-zero fixed point of dκ/dt = -κ + σ κ [φ'](0, κ²) (g = 0, Σ_m = 1)."""
    from scipy.optimize import brentq

    from ..gaussian import dphi, gauss_avg

    if overlap <= 1:
        return 0.0
    return brentq(lambda k: float(gauss_avg(dphi, 0.0, k * k)) - 1.0 / overlap,
                  1e-9, 50.0, xtol=1e-14)


_EX2_OVERLAPS = (1.5, 2.0, 3.0)


def exercise_2(fixed_point, *, quiet: bool = False) -> Feedback:
    """Judge ``fixed_point(overlap)``: the non-zero fixed point κ* of the g = 0 network
    (zero-mean vectors, Σ_m² = 1, σ_mn = overlap), at overlaps the checker chooses.

    Either sign is accepted. A hint is given only if the same mistake explains the
    answers at every overlap (one value can agree with a wrong formula by coincidence).
    """
    unfinished(2, fixed_point)
    if not callable(fixed_point):
        return not_callable(2, "fixed_point", quiet)
    answers, refs = [], []
    for ov in _EX2_OVERLAPS:
        a = fixed_point(ov)
        if not_done(a):
            raise NotImplementedError("Exercise 2: your function still returns `...`")
        try:
            answers.append(abs(float(np.asarray(a, dtype=float))))
        except (TypeError, ValueError):
            return _say(False, "Exercise 2: fixed_point(overlap) should return one "
                               "number.", quiet)
        refs.append(_kappa_star_cov(ov))
    answers, refs = np.array(answers), np.array(refs)
    if np.allclose(answers, refs, rtol=2e-3):
        return _say(True, "Exercise 2: correct at every overlap the checker tried.",
                    quiet)
    if np.all(answers < 1e-6):
        return _say(False, "Exercise 2: κ = 0 is a fixed point, but for an overlap "
                           "above 1 it is unstable (slope F'(0) = overlap > 1). Look "
                           "for the other one.", quiet)
    hints = [
        (refs**2, "Your numbers are κ*², the variance Δ = Σ_m² κ² of the field. "
                  "Take the root."),
        (np.sqrt(refs), "Your numbers are √κ*: did you use κ instead of κ² as the "
                        "variance in [φ']?"),
        (refs / np.array(_EX2_OVERLAPS), "Your numbers are κ*/overlap: check where the "
                                         "overlap enters."),
    ]
    for wrong, hint in hints:
        if np.allclose(answers, wrong, rtol=2e-3):
            return _say(False, "Exercise 2: " + hint, quiet)
    ok = np.isclose(answers, refs, rtol=2e-3)
    bad = ", ".join(f"{ov:g}" for ov, good in zip(_EX2_OVERLAPS, ok) if not good)
    tried = ", ".join(f"{ov:g}" for ov in _EX2_OVERLAPS)
    return _say(False, f"Exercise 2: not right at overlap(s) {bad} (tried {tried}). "
                       "Does your function use its argument `overlap`, and solve "
                       "[φ'](0, κ²) = 1/overlap for κ > 0?", quiet)


_EX3_PARAMS = (  # (k, M_m, M_n, Σ_m²): other signs, means and spreads than the notebook
    (0.7, 1.0, 2.0, 1.0),
    (1.3, 0.5, 3.0, 2.0),
    (-0.4, 1.5, 1.2, 0.5),
    (2.2, -0.8, 1.7, 0.3),
)


def _mean_F(k, m_mean, n_mean, m_var):
    from ..gaussian import gauss_avg, phi

    return n_mean * float(gauss_avg(phi, m_mean * k, m_var * k * k))


def exercise_3(mean_residual, *, quiet: bool = False) -> Feedback:
    """Judge ``mean_residual(k, m_mean, n_mean, m_var)``: ``F(k) - k`` of the g = 0
    network whose overlap comes from aligned means (``σ_mn = 0``), called at parameters
    the checker chooses (several signs, means and variances)."""
    unfinished(3, mean_residual)
    if not callable(mean_residual):
        return not_callable(3, "mean_residual", quiet)
    from ..gaussian import gauss_avg, phi

    for k, mm, mn, mv in _EX3_PARAMS:
        ans = mean_residual(k, mm, mn, mv)
        if not_done(ans):
            raise NotImplementedError("Exercise 3: your function still returns `...`")
        ref = _mean_F(k, mm, mn, mv) - k
        diagnoses = [
            (lambda r: _mean_F(k, mm, mn, mv),
             "That is F(k) itself; the residual of the fixed-point equation is "
             "F(k) - k."),
            (lambda r: k - _mean_F(k, mm, mn, mv),
             "The sign is flipped: return F(k) - k (positive where k grows)."),
            (lambda r: mn * np.tanh(mm * k) - k,
             "You evaluated φ at the mean field only. Average over the spread of m: "
             "[φ](μ, Δ) with Δ = Σ_m² k²."),
            (lambda r: mn * float(gauss_avg(phi, mm * k, mv * abs(k))) - k,
             "Check the variance of the field m_i k: it is Σ_m² k², not Σ_m² k."),
            (lambda r: mm * float(gauss_avg(phi, mn * k, mv * k * k)) - k,
             "M_m and M_n are swapped: the network hears through n (the prefactor), "
             "the field m_i k has mean M_m k."),
        ]
        fb = check_close(ans, ref, exercise="Exercise 3", what="the residual F(k) - k",
                         rtol=1e-6, atol=1e-9, diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message + f" (tried k = {k}, M_m = {mm}, M_n = {mn}, "
                                             f"Σ_m² = {mv})", quiet)
    return _say(True, "Exercise 3: correct at every parameter set the checker tried.",
                quiet)


def _ex4_states():
    """States chosen by the checker: x = a m + noise (+ a population mean)."""
    r = np.random.default_rng(4)
    out = []
    for N, a, mean in ((500, 1.2, 0.0), (300, -0.6, 0.8), (800, 0.3, -0.5)):
        m = 0.4 + r.standard_normal(N)
        x = a * m + 0.7 * r.standard_normal(N) + mean
        out.append((x, m))
    return out


def exercise_4(structured_share, *, quiet: bool = False) -> Feedback:
    """Judge ``structured_share(x, m)``: the fraction of ``|x|²`` along the direction of
    ``m``, on states the checker chooses (with and without a population mean)."""
    unfinished(4, structured_share)
    if not callable(structured_share):
        return not_callable(4, "structured_share", quiet)
    for x, m in _ex4_states():
        ans = structured_share(x.copy(), m.copy())
        if not_done(ans):
            raise NotImplementedError("Exercise 4: your function still returns `...`")
        c = (x @ m) / (np.linalg.norm(x) * np.linalg.norm(m))
        xc, mc = x - x.mean(), m - m.mean()
        diagnoses = [
            (lambda r: abs(c), "That is the cosine between x and m; the share of the "
                               "squared norm is its square."),
            (lambda r: 1 - c**2, "That is the share of what is *orthogonal* to m."),
            (lambda r: (x @ m) ** 2 / (m @ m) / x.size,
             "You divided the squared norm along m by N, not by |x|²: a share is a "
             "fraction of the total."),
            (lambda r: (xc @ mc) ** 2 / ((mc @ mc) * (xc @ xc)),
             "You removed the population means (a correlation coefficient): the "
             "share is of the squared norm |x|², means included."),
            (lambda r: (x @ m) ** 2 / (x @ x) / m.size,
             "Normalise the direction: divide by |m|², not by N."),
        ]
        fb = check_close(ans, c**2, exercise="Exercise 4", what="the share along m",
                         rtol=1e-6, atol=1e-12, diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 4: correct on every state the checker tried.", quiet)


def exercise_5(loop_vectors, *, quiet: bool = False) -> Feedback:
    """Judge ``loop_vectors(u, w)``: vectors ``(m, n)`` with ``m nᵀ/N = u wᵀ`` (the
    FORCE loop as a rank-one network), on vectors the checker chooses. Any rescaling
    ``(c m, n/c)`` is accepted."""
    unfinished(5, loop_vectors)
    if not callable(loop_vectors):
        return not_callable(5, "loop_vectors", quiet)
    r = np.random.default_rng(5)
    for N in (50, 120):
        u = r.uniform(-1, 1, N)
        w = r.standard_normal(N) / N
        out = loop_vectors(u.copy(), w.copy())
        if not_done(out):
            raise NotImplementedError("Exercise 5: your function still returns `...`")
        try:
            m, n = (np.asarray(v, dtype=float).reshape(-1) for v in out)
        except (TypeError, ValueError):
            return _say(False, "Exercise 5: return two arrays, (m, n).", quiet)
        if m.size != N or n.size != N:
            return _say(False, f"Exercise 5: m and n should both have length N = {N}, "
                               f"got {m.size} and {n.size}.", quiet)
        # compare the action of both rank-one matrices on fixed probe vectors
        probes = r.standard_normal((N, 3))
        ans = np.outer(m, n @ probes) / N
        ref = np.outer(u, w @ probes)
        swapped = "m and n are swapped: the readout weights decide what the loop " \
                  "*listens* to (n), the feedback vector where it *talks* (m)."
        diagnoses = [
            (lambda q: np.outer(w, u @ probes), swapped),
            (lambda q: np.outer(N * w, u @ probes), swapped),
            (lambda q: np.outer(w, u @ probes) / N, swapped),
            (lambda q: ref / N, "m nᵀ/N carries a 1/N: n must be N times the readout "
                                "w."),
        ]
        fb = check_close(ans, ref, exercise="Exercise 5", what="the matrix m nᵀ/N",
                         rtol=1e-6, atol=1e-12, diagnoses=diagnoses, N=N, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 5: correct: m nᵀ/N = u wᵀ on vectors of other sizes.",
                quiet)
