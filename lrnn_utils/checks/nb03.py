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
    """Judge the predicted standard deviation of ``(J0 φ)_i`` over random bulks."""
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


def exercise_2(kappa_limit, *, n_mean: float, phi_mu: float, phi_delta: float,
               quiet: bool = False) -> Feedback:
    """Judge the large-N limit of ``κ = nᵀφ/N`` for ``n`` with mean ``n_mean``, independent of
    ``φ = tanh(x)``, ``x ~ N(phi_mu, phi_delta)``."""
    if not_done(kappa_limit):
        raise NotImplementedError("Exercise 2: replace the `...` with your answer, then run the cell again")
    from ..gaussian import gauss_avg, phi

    ref = n_mean * float(gauss_avg(phi, phi_mu, phi_delta))

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


def exercise_3(func, *, a: float, b: float, quiet: bool = False) -> Feedback:
    """Judge ``func(N, rng)``, the structured input under a 1/√N scaling of the weights.

    The checker calls ``func`` itself, 200 times at each of three sizes N with its own
    generator, for rates ``tanh(a n + b z)`` aligned with ``n``, and compares the mean and
    the spread of the returned values with their large-N behaviour.
    """
    if not_done(func):
        raise NotImplementedError("Exercise 3: replace the `...` with your function, then run the cell again")
    if not callable(func):
        return _say(False, "Exercise 3: not yet. Pass your function itself, input_sqrt (not a "
                           "number it returned): the checker calls it at sizes it chooses.", quiet)
    from ..gaussian import gauss_avg

    # ⟨nφ⟩ for φ = tanh(a n + b z) by Stein's lemma, Var(nφ) by a grid over (n, z)
    c = float(a) * float(gauss_avg(lambda x: 1 - np.tanh(x) ** 2, 0.0, a**2 + b**2))
    zz = np.linspace(-8, 8, 321)
    w = np.exp(-zz**2 / 2)
    w /= w.sum()
    ng, zg = np.meshgrid(zz, zz, indexing="ij")
    sd = float(np.sqrt(np.einsum("i,j,ij->", w, w, (ng * np.tanh(a * ng + b * zg)) ** 2) - c**2))
    rng = np.random.default_rng(20_240_303)
    sizes, K = np.array([100, 400, 1600]), 200
    try:
        first = func(int(sizes[0]), rng)
    except Exception as err:  # the student's code raised: say so, do not crash the checker
        return _say(False, f"Exercise 3: calling input_sqrt(N, rng) raised "
                           f"{type(err).__name__}: {err}", quiet)
    if first is None or not_done(first):
        raise NotImplementedError("Exercise 3: your function returns nothing yet: finish it, "
                                  "then run the cell again")
    try:
        vals = np.array([[float(np.asarray(func(int(N), rng), dtype=float).reshape(-1)[0])
                          for _ in range(K)] for N in sizes])
    except Exception as err:  # the student's code raised: say so, do not crash the checker
        return _say(False, f"Exercise 3: calling input_sqrt(N, rng) raised "
                           f"{type(err).__name__}: {err}", quiet)
    if not np.all(np.isfinite(vals)):
        return _say(False, "Exercise 3: input_sqrt returned NaN or infinity.", quiet)
    if np.all(vals.std(axis=1) == 0):
        return _say(False, "Exercise 3: not yet. Your function returns the same number on every "
                           "call: each call must draw fresh n and z from the rng it is given.", quiet)
    mean, spread = vals.mean(axis=1), vals.std(axis=1, ddof=1)
    sem = spread / np.sqrt(K)

    def matches(target):  # within 5 standard errors at every size
        return bool(np.all(np.abs(mean - target) < 5 * sem + 1e-12))

    if matches(c * np.sqrt(sizes)) and np.all(np.abs(spread / sd - 1) < 0.3):
        return _say(True, "Exercise 3: correct. Your function gives an input whose mean grows "
                          "like √N while its spread stays fixed. Now fit the slope.", quiet)
    if matches(c * np.ones(3)):
        return _say(False, "Exercise 3: not yet. Your input does not grow with N: that is the "
                           "lecture's 1/N scaling. Here the weights are m_i n_j/√N.", quiet)
    if matches(c * sizes):
        return _say(False, "Exercise 3: not yet. Your input grows like N: divide nᵀφ by √N.", quiet)
    if matches(np.zeros(3)):
        return _say(False, "Exercise 3: not yet. Your input averages to zero: the rates must be "
                           "aligned with the n you read them with, φ = tanh(a n + b z) with the "
                           "same n.", quiet)
    return _say(False, "Exercise 3: not yet. The values your function returns do not have the "
                       "mean and spread of nᵀφ/√N for rates tanh(a n + b z); check a, b and "
                       "the normalisation.", quiet)


def exercise_4(N_cross, *, sigma_m: float, sigma_n: float, g: float, ratio: float = 0.01,
               quiet: bool = False) -> Feedback:
    """Judge the network size at which the structured input from an *independent* ``n``
    falls to ``ratio`` times the random input."""
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
