"""Exercise checkers for notebook 01 — rank, outer products and the SVD.

Usage in the notebook: ``from lrnn_utils.checks import nb01 as checks`` then
``checks.exercise_1(P, kappa, M=M, Nv=Nv, phi=phi)``. Each checker prints feedback
without revealing the solution and returns a :class:`~lrnn_utils.checks._core.Feedback`;
passing ``...`` raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_done

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"]


def _not_done(answer, exercise: str) -> None:
    if not_done(answer):
        raise NotImplementedError(f"{exercise}: replace the `...` with your answer, then run the cell again")


def exercise_1(func, *, quiet: bool = False) -> Feedback:
    """Judge ``func(M, Nv, phi) -> (kappa, P_phi)`` on networks the checker chooses.

    The checker draws structure vectors ``M``, ``Nv`` (N, R) and rates ``phi`` (N,) for
    several N and R and compares the returned pair with the definitions of κ and P φ.
    """
    if not_done(func):
        raise NotImplementedError("Exercise 1: replace the `...` with your function, then run the cell again")
    if not callable(func):
        return _say(False, "Exercise 1: not yet. Pass your function itself, low_rank_input (not "
                           "its result): the checker calls it on networks it chooses.", quiet)
    rng = np.random.default_rng(1_010_101)
    for N, R in ((37, 1), (120, 2), (300, 3)):
        M, Nv = rng.standard_normal((2, N, R))
        phi = np.tanh(rng.standard_normal(N))
        try:
            out = func(M.copy(), Nv.copy(), phi.copy())
        except Exception as err:  # the student's code raised: report it, do not crash
            return _say(False, f"Exercise 1: calling low_rank_input(M, Nv, phi) with N = {N}, "
                               f"R = {R} raised {type(err).__name__}: {err}", quiet)
        if out is None or not_done(out):
            raise NotImplementedError("Exercise 1: your function returns nothing yet: finish it, "
                                      "then run the cell again")
        try:
            kappa, P_phi = (np.asarray(v, dtype=float) for v in out)
        except (TypeError, ValueError):
            return _say(False, "Exercise 1: not yet. Return the pair (kappa, P_phi): two arrays.",
                        quiet)
        msg = _judge_low_rank(kappa, P_phi, M, Nv, phi)
        if msg:
            return _say(False, f"Exercise 1: not yet (N = {N}, R = {R}). {msg}", quiet)
    return _say(True, "Exercise 1: correct. Your function reads κ = Nᵀφ/N and writes P φ = M κ "
                      "for every network the checker tried.", quiet)


def _judge_low_rank(kappa, P_phi, M, Nv, phi) -> str:
    """An empty string if (kappa, P_phi) are right, else a hint naming the mistake."""
    N, R = M.shape
    k_ref = Nv.T @ phi / N
    close = lambda a, b: a.shape == b.shape and np.allclose(a, b, rtol=1e-8, atol=1e-12)  # noqa: E731
    if kappa.size == N and R != N:
        return "Your kappa has N entries: κ has one entry per rank, R in all."
    kappa = kappa.reshape(-1)
    if close(kappa, M.T @ phi / N):
        return "κ is read out along the n's (columns of Nv), not along the m's: κ = Nᵀφ/N."
    if close(kappa, Nv.T @ phi):
        return "κ is missing the factor 1/N: κ = Nᵀφ/N."
    if not close(kappa, k_ref):
        return "κ does not match Nᵀφ/N."
    P_phi = P_phi.reshape(-1)
    if P_phi.size != N:
        return f"P φ must be an N-vector (length {N}), got {P_phi.size} entries."
    if close(P_phi, Nv @ k_ref):
        return "P φ is written along the m's (columns of M), not along the n's: P φ = M κ."
    if close(P_phi, M @ k_ref * N) or close(P_phi, M @ k_ref / N):
        return "P φ = M κ carries the 1/N once, inside κ."
    if not close(P_phi, M @ k_ref):
        return "P φ does not match M κ."
    return ""


def exercise_2(eigenvalues, *, M, Nv, quiet: bool = False) -> Feedback:
    """Judge the R nonzero eigenvalues of ``M Nvᵀ / N`` (any order)."""
    _not_done(eigenvalues, "Exercise 2")
    M = np.asarray(M, dtype=float)
    Nv = np.asarray(Nv, dtype=float)
    N, R = M.shape
    try:
        ans = np.sort_complex(np.atleast_1d(np.asarray(eigenvalues, dtype=complex)).ravel())
    except (TypeError, ValueError):
        return _say(False, "Exercise 2: not yet. Give the eigenvalues as an array of numbers.", quiet)
    if ans.size == N:
        return _say(False, f"Exercise 2: not yet. You computed all {N} eigenvalues of the N × N matrix; only "
                           f"{R} are nonzero. Get them from the {R} × {R} overlap matrix instead.",
                    quiet)

    def ev(A):
        return np.sort_complex(np.linalg.eigvals(A).astype(complex))

    ref = ev(Nv.T @ M / N)
    diagnoses = [
        (lambda r: ev(M.T @ M / N),
         "These are the eigenvalues of MᵀM/N: the m's with themselves. The overlap matrix pairs "
         "each n_r with each m_s: σ_rs = n_rᵀ m_s / N."),
        (lambda r: ev(Nv.T @ Nv / N),
         "These are the eigenvalues of NᵀN/N: the n's with themselves. Use σ_rs = n_rᵀ m_s / N."),
        (lambda r: ev(Nv.T @ M),
         f"The eigenvalues are N = {N} times too large: divide the overlap matrix by N."),
        (lambda r: np.sort_complex(np.linalg.svd(Nv.T @ M / N, compute_uv=False).astype(complex)),
         "These are singular values of the overlap matrix, not its eigenvalues."),
    ]
    return check_close(ans, ref, exercise="Exercise 2", what="the nonzero eigenvalues", rtol=1e-6,
                       atol=1e-10, diagnoses=diagnoses, quiet=quiet)


def exercise_3(errors, *, A, R: int, quiet: bool = False) -> Feedback:
    """Judge the errors ``[‖A - A_R‖_F, ‖A - A_R‖_2]`` of the best rank-R approximation."""
    _not_done(errors, "Exercise 3")
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    ref = np.array([np.sqrt(np.sum(s[R:] ** 2)), s[R]])
    diagnoses = [
        (lambda r: np.array([np.sqrt(np.sum(s[R - 1:] ** 2)), s[R - 1]]),
         "Off by one: the first R singular values are s[0] ... s[R-1] in Python; the error starts "
         "at s[R] (s_{R+1} in the theorem's numbering)."),
        (lambda r: np.array([np.sum(s[R:] ** 2), s[R]]),
         "The Frobenius error is the square root of the sum of the squared remaining singular values."),
        (lambda r: np.array([np.sum(s[R:]), s[R]]),
         "The Frobenius error adds the remaining singular values in quadrature: √(Σ s²), not Σ s."),
        (lambda r: np.array([np.sqrt(np.sum(s[R + 1:] ** 2)), s[R + 1]]),
         "Off by one the other way: the error includes s[R] (the first discarded term)."),
        (lambda r: r[::-1], "The two numbers are in the wrong order: [Frobenius, spectral]."),
    ]
    return check_close(errors, ref, exercise="Exercise 3",
                       what="the errors [Frobenius, spectral]", rtol=1e-8, diagnoses=diagnoses,
                       quiet=quiet)


def exercise_4(theta, *, m_mean: float, n_mean: float, mn_cov: float, quiet: bool = False) -> Feedback:
    """Judge the predicted asymptotic outlier of ``J0 + m nᵀ/N``."""
    _not_done(theta, "Exercise 4")
    ref = m_mean * n_mean + mn_cov
    diagnoses = [
        (lambda r: m_mean * n_mean,
         "You have the aligned-means mechanism M_m M_n but not the correlated fluctuations σ_mn: "
         "E[m_i n_i] = E[m_i] E[n_i] + Cov(m_i, n_i)."),
        (lambda r: mn_cov,
         "You have the correlated fluctuations σ_mn but not the aligned means M_m M_n: "
         "E[m_i n_i] = E[m_i] E[n_i] + Cov(m_i, n_i)."),
        (lambda r: m_mean + n_mean + mn_cov,
         "The means enter as a product: E[m_i] E[n_i] = M_m M_n."),
    ]
    return check_close(theta, ref, exercise="Exercise 4", what="the predicted outlier", rtol=1e-6,
                       diagnoses=diagnoses, quiet=quiet)


def exercise_5(cos, *, g: float, m_mean: float, n_mean: float, mn_cov: float,
               quiet: bool = False) -> Feedback:
    """Judge the predicted alignment of the outlier eigenvector with m, as N → ∞, for
    vectors with the given population means and covariance and a bulk of gain g."""
    _not_done(cos, "Exercise 5")
    theta = m_mean * n_mean + mn_cov  # the outlier of Exercise 4, recomputed here
    if abs(theta) <= g:
        raise ValueError(f"exercise_5 needs an outlier outside the bulk: |θ| = {abs(theta):g} <= g = {g:g}")
    ref = np.sqrt(1 - g**2 / theta**2)
    diagnoses = [
        (lambda r: 1 - g**2 / theta**2,
         "That is cos², the fraction of the squared norm along m: take the square root."),
        (lambda r: np.sqrt(1 - g / theta),
         "The bulk terms have squared norms (g/λ)^{2k}: the ratio that enters is g²/θ², not g/θ."),
        (lambda r: g / theta,
         "g/θ is the size of the first bulk term relative to the m term, not the cosine."),
        (lambda r: 1.0,
         "Not perfectly aligned: the eigenvector is m plus J0 m/λ + J0² m/λ² + ..., and those "
         "terms are orthogonal to m."),
        (lambda r: np.sqrt(1 - g**2 / (m_mean * n_mean) ** 2) if abs(m_mean * n_mean) > g else -9.0,
         "Your outlier misses the correlated-fluctuation term σ_mn (Exercise 4)."),
    ]
    return check_close(cos, ref, exercise="Exercise 5", what="the predicted cos∠(v, m)", rtol=1e-4,
                       diagnoses=diagnoses, quiet=quiet)
