"""Exercise checkers for notebook 03 — variance scaling.

Usage in the notebook: ``from lrnn_utils.checks import nb03 as checks`` then
``checks.exercise_1(input_std)``. Each checker prints feedback without
revealing the solution and returns a :class:`~lrnn_utils.checks._core.Feedback`;
passing ``...`` raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_callable, not_done, unfinished

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _ex1_cases():
    """Rates and bulk strengths chosen by the checker (rates with non-zero means)."""
    r = np.random.default_rng(31)
    return [(np.tanh(mu + sd * r.standard_normal(N)), g)
            for N, mu, sd, g in ((300, 0.6, 1.0, 0.9), (800, -1.1, 0.5, 1.6),
                                 (150, 0.2, 2.0, 0.4))]


def exercise_1(input_std, *, quiet: bool = False) -> Feedback:
    """Judge ``input_std(phi, g)``: the standard deviation of ``(J0 φ)_i`` over random
    bulks ``J0_ij ~ N(0, g²/N)`` for rates ``phi`` (N,), on rates the checker
    chooses."""
    unfinished(1, input_std)
    if not callable(input_std):
        return not_callable(1, "input_std", quiet)
    for p, g in _ex1_cases():
        ans = input_std(p.copy(), g)
        if not_done(ans):
            raise NotImplementedError("Exercise 1: your function still returns `...`")
        ms = float(np.mean(p**2))
        diagnoses = [
            (lambda r: g * np.std(p),
             "You used the standard deviation of φ. The weights have zero mean, so "
             "what adds up is the second moment ⟨φ²⟩ = (1/N) Σ φ_j², mean included."),
            (lambda r: g**2 * ms,
             "That is the variance; the question asks for the standard deviation."),
            (lambda r: g**2 * np.var(p),
             "That is g² Var(φ): a variance instead of a standard deviation, and "
             "Var(φ) instead of ⟨φ²⟩."),
            (lambda r: g * np.sqrt(np.sum(p**2)),
             "Your number is √N times too large: each weight has variance g²/N, "
             "not g²."),
            (lambda r: g * np.mean(np.abs(p)),
             "Use the root mean square of φ, not the mean absolute value."),
        ]
        fb = check_close(ans, g * np.sqrt(ms), exercise="Exercise 1",
                         what="the standard deviation of the random input", rtol=1e-6,
                         diagnoses=diagnoses, N=p.size, quiet=True)
        if not fb.passed:
            return _say(False, fb.message, quiet)
    return _say(True, "Exercise 1: correct for every set of rates the checker tried.",
                quiet)


_EX2_PARAMS = ((1.0, 0.5, 1.0), (-0.7, 1.2, 0.3), (2.0, -0.4, 2.5))  # (M_n, μ, Δ)


def exercise_2(kappa_limit, *, quiet: bool = False) -> Feedback:
    """Judge ``kappa_limit(n_mean, mu, delta)``: the large-N limit of ``κ = nᵀφ/N`` for
    ``n`` with mean ``n_mean`` drawn independently of ``φ = tanh(x)``,
    ``x ~ N(mu, delta)``, at parameters the checker chooses."""
    unfinished(2, kappa_limit)
    if not callable(kappa_limit):
        return not_callable(2, "kappa_limit", quiet)
    from ..gaussian import gauss_avg, phi

    for n_mean, mu, delta in _EX2_PARAMS:
        ans = kappa_limit(n_mean, mu, delta)
        if not_done(ans):
            raise NotImplementedError("Exercise 2: your function still returns `...`")
        ref = n_mean * float(gauss_avg(phi, mu, delta))
        diagnoses = [
            (lambda r: 0.0 * r,
             "Independent is not the same as 'averages to zero': n and φ both have "
             "non-zero means, and the product of the means survives the average."),
            (lambda r: n_mean * np.tanh(mu),
             "You used φ(μ); average φ over the spread of x instead: "
             "[φ](μ, Δ) ≠ φ(μ)."),
            (lambda r: n_mean * float(gauss_avg(lambda x: np.tanh(x) ** 2, mu, delta)),
             "You used ⟨φ²⟩; the limit involves the mean ⟨φ⟩."),
            (lambda r: n_mean * float(gauss_avg(phi, mu, np.sqrt(delta))),
             "delta is the variance of x: pass it as the variance, not its square "
             "root."),
        ]
        fb = check_close(ans, ref, exercise="Exercise 2", what="the limit of κ",
                         rtol=1e-6, atol=1e-9, diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message + f" (tried M_n = {n_mean}, μ = {mu}, "
                                            f"Δ = {delta})", quiet)
    return _say(True, "Exercise 2: correct at every parameter set the checker tried.",
                quiet)


def _ex3_moments(a: float, b: float):
    """⟨nφ⟩ (Stein's lemma) and sd(nφ) (grid over (n, z)) for φ = tanh(a n + b z)."""
    from ..gaussian import gauss_avg

    c = float(a) * float(gauss_avg(lambda x: 1 - np.tanh(x) ** 2, 0.0, a**2 + b**2))
    zz = np.linspace(-8, 8, 321)
    w = np.exp(-zz**2 / 2)
    w /= w.sum()
    ng, zg = np.meshgrid(zz, zz, indexing="ij")
    second = np.einsum("i,j,ij->", w, w, (ng * np.tanh(a * ng + b * zg)) ** 2)
    return c, float(np.sqrt(second - c**2))


def _ex3_values(func, sizes, K, quiet):
    """K calls of ``func(N, rng)`` at each size (checker's generator), or a Feedback."""
    rng = np.random.default_rng(20_240_303)
    try:
        first = func(int(sizes[0]), rng)
        if first is None or not_done(first):
            raise NotImplementedError("Exercise 3: your function returns nothing yet")
        return np.array([[float(np.ravel(np.asarray(func(int(N), rng), dtype=float))[0])
                          for _ in range(K)] for N in sizes])
    except NotImplementedError:
        raise
    except Exception as err:  # the student's code raised: say so, do not crash
        return _say(False, f"Exercise 3: calling input_sqrt(N, rng) raised "
                           f"{type(err).__name__}: {err}", quiet)


def exercise_3(func, *, a: float, b: float, quiet: bool = False) -> Feedback:
    """Judge ``func(N, rng)``, the structured input under a 1/√N scaling of the weights.

    The checker calls ``func`` itself, 200 times at each of three sizes N with its own
    generator, for rates ``tanh(a n + b z)`` aligned with ``n``, and compares the mean
    and the spread of the returned values with their large-N behaviour.
    """
    unfinished(3, func, what="function")
    if not callable(func):
        return not_callable(3, "input_sqrt", quiet)
    c, sd = _ex3_moments(a, b)
    sizes, K = np.array([100, 400, 1600]), 200
    vals = _ex3_values(func, sizes, K, quiet)
    if isinstance(vals, Feedback):
        return vals
    if not np.all(np.isfinite(vals)):
        return _say(False, "Exercise 3: input_sqrt returned NaN or infinity.", quiet)
    if np.all(vals.std(axis=1) == 0):
        return _say(False, "Exercise 3: not yet. Your function returns the same number "
                           "on every call: each call must draw fresh n and z from the "
                           "rng it is given.", quiet)
    mean, spread = vals.mean(axis=1), vals.std(axis=1, ddof=1)
    sem = spread / np.sqrt(K)

    def matches(target):  # within 5 standard errors at every size
        return bool(np.all(np.abs(mean - target) < 5 * sem + 1e-12))

    if matches(c * np.sqrt(sizes)) and np.all(np.abs(spread / sd - 1) < 0.3):
        return _say(True, "Exercise 3: correct: mean ∝ √N, spread fixed. Now fit the "
                          "slope.", quiet)
    hints = (
        (c * np.ones(3), "Your input does not grow with N: that is the lecture's 1/N "
                         "scaling. Here the weights are m_i n_j/√N."),
        (c * sizes, "Your input grows like N: divide nᵀφ by √N."),
        (np.zeros(3), "Your input averages to zero: the rates must be aligned with the "
                      "n you read them with, φ = tanh(a n + b z) with the same n."),
    )
    for target, hint in hints:
        if matches(target):
            return _say(False, "Exercise 3: not yet. " + hint, quiet)
    return _say(False, "Exercise 3: not yet. The values your function returns do not "
                       "have the mean and spread of nᵀφ/√N for rates tanh(a n + b z); "
                       "check a, b and the normalisation.", quiet)


_EX4_PARAMS = ((0.01, 1.0, 1.0, 0.5), (0.05, 1.5, 0.8, 1.2), (0.2, 0.7, 2.0, 0.3))


def exercise_4(n_cross, *, quiet: bool = False) -> Feedback:
    """Judge ``n_cross(ratio, sigma_m, sigma_n, g)``: the network size at which the
    structured input from an *independent* ``n`` falls to ``ratio`` times the random
    input, at parameters the checker chooses."""
    unfinished(4, n_cross)
    if not callable(n_cross):
        return not_callable(4, "n_cross", quiet)
    for ratio, sm, sn, g in _EX4_PARAMS:
        ans = n_cross(ratio, sm, sn, g)
        if not_done(ans):
            raise NotImplementedError("Exercise 4: your function still returns `...`")
        ref = (sm * sn / (ratio * g)) ** 2
        diagnoses = [
            (lambda r: np.sqrt(r), "You forgot to square: the ratio falls like 1/√N, "
                                   "so N grows like 1/ratio²."),
            (lambda r: (sm * sn / (ratio * g**2)) ** 2,
             "The random input has standard deviation g√⟨φ²⟩ — g, not g²."),
            (lambda r: (sm * sn * g / ratio) ** 2,
             "g is in the random input, the denominator of the ratio: N grows as g "
             "falls."),
            (lambda r: (sm**2 * sn**2 / (ratio * g)) ** 2,
             "Σ_m and Σ_n are standard deviations here, not variances."),
        ]
        fb = check_close(ans, ref, exercise="Exercise 4", what="the crossover size N",
                         rtol=1e-6, diagnoses=diagnoses, quiet=True)
        if not fb.passed:
            return _say(False, fb.message + f" (tried ratio = {ratio}, Σ_m = {sm}, "
                                            f"Σ_n = {sn}, g = {g})", quiet)
    return _say(True, "Exercise 4: correct at every parameter set the checker tried.",
                quiet)
