"""Exercise checkers for notebook 01 — rank, outer products and the SVD.

Usage in the notebook: ``from lrnn_utils.checks import nb01 as checks`` then
``checks.exercise_1(low_rank_velocity)``. Every exercise asks for a function; its
checker calls it on inputs of its own choosing and compares the result with the
definition, printing feedback that names the mistake without revealing the solution.
Each returns a :class:`~lrnn_utils.checks._core.Feedback`; a function that is still a
stub (returns ``None`` or ``...``) raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, call_student, check_close

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"]


def _first_failure(cases, exercise: str, quiet: bool) -> Feedback | None:
    """The first failed ``check_close`` of ``cases`` (printed), or None if all pass."""
    for out, ref, what, diagnoses, rtol in cases:
        fb = check_close(
            out,
            ref,
            exercise=exercise,
            what=what,
            rtol=rtol,
            atol=1e-12,
            diagnoses=diagnoses,
            quiet=True,
        )
        if not fb:
            return _say(False, fb.message, quiet)
    return None


def exercise_1(func, *, quiet: bool = False) -> Feedback:
    """Judge ``func(x, M, Nv) -> ẋ = -x + M Nvᵀ tanh(x) / N`` on networks it chooses.

    Several N and R; states ``x`` of order one.
    """
    rng = np.random.default_rng(1_010_101)
    for N, R in ((37, 1), (120, 2), (300, 3)):
        M, Nv = rng.standard_normal((2, N, R))
        x = 1.5 * rng.standard_normal(N)
        where = f"with N = {N}, R = {R}"
        out, fb = call_student(
            func,
            (x, M, Nv),
            exercise="Exercise 1",
            name="low_rank_velocity",
            where=where,
            quiet=quiet,
        )
        if fb is not None:
            return fb
        phi = np.tanh(x)
        ref = -x + M @ (Nv.T @ phi) / N
        diagnoses = [
            (lambda r: r + x, "The leak is missing: ẋ = -x + P φ(x)."),
            (
                lambda r: -x + M @ (Nv.T @ x) / N,
                "You applied P to the state x; the network applies it to the rates "
                "φ(x) = tanh(x).",
            ),
            (
                lambda r: -x + Nv @ (M.T @ phi) / N,
                "m and n are swapped: κ is read along the n's (columns of Nv) and "
                "written "
                "along the m's (columns of M).",
            ),
            (lambda r: -x + M @ (Nv.T @ phi), "The factor 1/N is missing: κ = Nᵀφ/N."),
            (
                lambda r: -x + M @ (Nv.T @ phi) / N**2,
                "P φ = M κ carries the 1/N once, inside κ.",
            ),
        ]
        fail = _first_failure(
            [(out, ref, f"ẋ {where}", diagnoses, 1e-8)], "Exercise 1", quiet
        )
        if fail is not None:
            return fail
    return _say(
        True,
        "Exercise 1: correct: κ = Nᵀφ/N and ẋ = -x + M κ on every network tried.",
        quiet,
    )


def _sorted_eig(A) -> np.ndarray:
    return np.sort_complex(np.linalg.eigvals(A).astype(complex))


def exercise_2(func, *, quiet: bool = False) -> Feedback:
    """Judge ``func(M, Nv)``: the R nonzero eigenvalues of ``M Nvᵀ / N`` (any order)."""
    rng = np.random.default_rng(1_010_102)
    for N, R in ((50, 1), (200, 2), (120, 3)):
        M = rng.standard_normal((N, R))
        Nv = M @ rng.standard_normal((R, R)) + rng.standard_normal((N, R))
        where = f"with N = {N}, R = {R}"
        out, fb = call_student(
            func,
            (M, Nv),
            exercise="Exercise 2",
            name="overlap_eigenvalues",
            where=where,
            quiet=quiet,
        )
        if fb is not None:
            return fb
        try:
            ans = np.sort_complex(np.atleast_1d(np.asarray(out, dtype=complex)).ravel())
        except (TypeError, ValueError):
            return _say(
                False,
                "Exercise 2: not yet. Return the eigenvalues as an array of numbers.",
                quiet,
            )
        if ans.size == N:
            return _say(
                False,
                f"Exercise 2: not yet ({where}). You computed all {N} "
                f"eigenvalues of the N × N matrix; only {R} are nonzero. "
                f"Get them from the {R} × {R} overlap matrix instead.",
                quiet,
            )
        ref = _sorted_eig(Nv.T @ M / N)
        diagnoses = [
            (
                lambda r: _sorted_eig(M.T @ M / N),
                "These are the eigenvalues of MᵀM/N: the m's with themselves. The "
                "overlap "
                "matrix pairs each n_r with each m_s: σ_rs = n_rᵀ m_s / N.",
            ),
            (
                lambda r: _sorted_eig(Nv.T @ Nv / N),
                "These are the eigenvalues of NᵀN/N: the n's with themselves. Use "
                "σ_rs = n_rᵀ m_s / N.",
            ),
            (
                lambda r: _sorted_eig(Nv.T @ M),
                f"The eigenvalues are N = {N} times too large: divide the overlap "
                "matrix "
                "by N.",
            ),
            (
                lambda r: np.sort_complex(
                    np.linalg.svd(Nv.T @ M / N, compute_uv=False).astype(complex)
                ),
                "These are singular values of the overlap matrix, not its eigenvalues.",
            ),
        ]
        fail = _first_failure(
            [(ans, ref, f"the nonzero eigenvalues {where}", diagnoses, 1e-6)],
            "Exercise 2",
            quiet,
        )
        if fail is not None:
            return fail
    return _say(
        True,
        "Exercise 2: correct on every network the checker tried.",
        quiet,
    )


def _min_rank(s, rel_err) -> int:
    """Smallest R with Σ_{k>R} s_k² ≤ rel_err² Σ s_k² (0-based: sum over s[R:])."""
    tail = np.concatenate([np.cumsum((s**2)[::-1])[::-1], [0.0]])
    return int(np.argmax(tail <= rel_err**2 * tail[0] * (1 + 1e-12)))


def exercise_3(func, *, quiet: bool = False) -> Feedback:
    """Judge ``func(s, rel_err) -> R``: the smallest rank with relative Frobenius error
    at most ``rel_err``, on spectra and accuracies the checker chooses."""
    rng = np.random.default_rng(1_010_103)
    spectra = [
        np.array([5.0, 3.0, 1.0, 0.5, 0.1]),
        np.sort(rng.uniform(0, 1, 40))[::-1],
        np.r_[[4.0, 2.0, 1.5], 0.3 * np.sort(rng.uniform(0, 1, 30))[::-1]],
    ]
    cases, answers = [], []
    for s in spectra:
        for rel_err in (0.999, 0.6, 0.3, 0.1, 0.02, 0.004):
            where = f"for {s.size} singular values and rel_err = {rel_err}"
            out, fb = call_student(
                func,
                (s, rel_err),
                exercise="Exercise 3",
                name="best_rank",
                where=where,
                quiet=quiet,
            )
            if fb is not None:
                return fb
            try:
                answers.append(float(np.asarray(out, dtype=float)))
            except (TypeError, ValueError):
                return _say(
                    False, "Exercise 3: not yet. Return one integer, the rank R.", quiet
                )
            cases.append((s, rel_err, where))
    refs = [_min_rank(s, e) for s, e, _ in cases]
    if answers == refs:
        return _say(
            True,
            "Exercise 3: correct for every spectrum and accuracy tried.",
            quiet,
        )
    hypotheses = [
        (
            lambda s, e: _min_rank(s, np.sqrt(e)),
            "Square rel_err when you compare it with sums of s².",
        ),
        (
            lambda s, e: _min_rank(np.sqrt(s), np.sqrt(e)),
            "Compare squared quantities: ‖A - A_R‖_F² = Σ_{k>R} s_k² and "
            "‖A‖_F² = Σ s_k².",
        ),
        (
            lambda s, e: _min_rank(s, e) + 1,
            "Off by one: with R terms kept the error sums s² over s[R:] (Python's "
            "indices), so R itself can already be enough.",
        ),
        (
            lambda s, e: _min_rank(s, e) - 1,
            "Off by one the other way: the error of the rank-R approximation sums the "
            "singular values from s[R] on.",
        ),
    ]
    hint = next(
        (
            h
            for f, h in hypotheses
            if all(a == f(s, e) for a, (s, e, _) in zip(answers, cases))
        ),
        "Re-read the definition of the error of the best rank-R approximation.",
    )
    i = next(i for i, (a, r) in enumerate(zip(answers, refs)) if a != r)
    return _say(
        False,
        f"Exercise 3: not yet ({cases[i][2]}): R = {answers[i]:g} is not "
        f"the smallest rank with that accuracy. {hint}",
        quiet,
    )


def exercise_4(func, *, quiet: bool = False) -> Feedback:
    """Judge ``func(m_mean, n_mean, mn_cov)``: the N → ∞ outlier of ``J0 + m nᵀ/N``."""
    for m_mean, n_mean, mn_cov in (
        (1.0, 0.8, 0.7),
        (2.0, -0.5, 0.3),
        (0.0, 1.5, -1.2),
        (1.3, 1.1, 0.0),
    ):
        where = f"for M_m = {m_mean}, M_n = {n_mean}, σ_mn = {mn_cov}"
        out, fb = call_student(
            func,
            (m_mean, n_mean, mn_cov),
            exercise="Exercise 4",
            name="predicted_outlier",
            where=where,
            quiet=quiet,
        )
        if fb is not None:
            return fb
        ref = m_mean * n_mean + mn_cov
        diagnoses = []
        if mn_cov != 0:
            diagnoses.append(
                (
                    lambda r, a=m_mean * n_mean: a,
                    "You have the aligned-means mechanism M_m M_n but not the "
                    "correlated fluctuations σ_mn: E[m_i n_i] = E[m_i] E[n_i] + "
                    "Cov(m_i, n_i).",
                )
            )
        if m_mean * n_mean != 0:
            diagnoses.append(
                (
                    lambda r, c=mn_cov: c,
                    "You have the correlated fluctuations σ_mn but not the "
                    "aligned means M_m M_n: E[m_i n_i] = E[m_i] E[n_i] + "
                    "Cov(m_i, n_i).",
                )
            )
        diagnoses.append(
            (
                lambda r, v=m_mean + n_mean + mn_cov: v,
                "The means enter as a product: E[m_i] E[n_i] = M_m M_n.",
            )
        )
        fail = _first_failure(
            [(out, ref, f"the predicted outlier {where}", diagnoses, 1e-9)],
            "Exercise 4",
            quiet,
        )
        if fail is not None:
            return fail
    return _say(
        True,
        "Exercise 4: correct for every set of parameters tried.",
        quiet,
    )


def exercise_5(func, *, quiet: bool = False) -> Feedback:
    """Judge ``func(lam, J0, m, n) -> nᵀ(λ - J0)⁻¹m/N - 1`` on networks it chooses."""
    rng = np.random.default_rng(1_010_105)
    for N, g in ((60, 0.7), (25, 1.2)):
        J0 = g * rng.standard_normal((N, N)) / np.sqrt(N)
        m = 1.0 + rng.standard_normal(N)
        n = 0.5 * m + rng.standard_normal(N)
        for lam in (1.5 * g + 0.4, -2.0 * g, 3.1):
            where = f"with N = {N}, λ = {lam:g}"
            out, fb = call_student(
                func,
                (lam, J0, m, n),
                exercise="Exercise 5",
                name="outlier_residual",
                where=where,
                quiet=quiet,
            )
            if fb is not None:
                return fb
            eye = np.eye(N)
            q = n @ np.linalg.solve(lam * eye - J0, m) / N
            ref = q - 1
            diagnoses = [
                (
                    lambda r, q=q: q,
                    "The '- 1' is missing: the residual is zero at the "
                    "outlier, where nᵀ(λ - J0)⁻¹m/N = 1.",
                ),
                (
                    lambda r, q=q: -q - 1,
                    "Sign: the resolvent is (λ - J0)⁻¹, not (J0 - λ)⁻¹.",
                ),
                (lambda r, q=q: N * q - 1, "The factor 1/N is missing."),
                (
                    lambda r: n @ np.linalg.solve(lam - J0, m) / N - 1,
                    "lam - J0 subtracts every entry of J0 from λ (numpy broadcasting); "
                    "λ must multiply the identity matrix.",
                ),
                (
                    lambda r: n @ np.linalg.solve(lam * eye - J0.T, m) / N - 1,
                    "J0 is transposed, or m and n are swapped: the resolvent acts on m "
                    "and "
                    "n reads the result.",
                ),
            ]
            fail = _first_failure(
                [(out, ref, f"the residual {where}", diagnoses, 1e-8)],
                "Exercise 5",
                quiet,
            )
            if fail is not None:
                return fail
    return _say(
        True, "Exercise 5: correct on every network and λ the checker tried.", quiet
    )
