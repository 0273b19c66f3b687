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


def exercise_1(P, kappa, *, M, Nv, phi, quiet: bool = False) -> Feedback:
    """``P = M Nvᵀ / N`` (N, N) and ``κ = Nvᵀ φ / N`` (R,)."""
    _not_done(P, "Exercise 1")
    _not_done(kappa, "Exercise 1")
    M = np.asarray(M, dtype=float)
    Nv = np.asarray(Nv, dtype=float)
    phi = np.asarray(phi, dtype=float)
    N = M.shape[0]
    P_ref = M @ Nv.T / N
    P_ans = np.asarray(P, dtype=float)
    R = M.shape[1]
    if P_ans.shape == (R, R):
        return _say(False, f"❌ Exercise 1: your P has shape {P_ans.shape}: that is a product of the "
                           f"form (R × N)(N × R), the R × R overlap matrix. P = M Nᵀ/N needs "
                           "(N × R)(R × N).", quiet)
    fb = check_close(P, P_ref, exercise="Exercise 1", what="the matrix P = M Nᵀ/N", rtol=1e-8,
                     atol=1e-12, N=N, quiet=True)
    if not fb:
        return _say(False, fb.message, quiet)
    diagnoses = [
        (lambda r: M.T @ phi / N,
         "κ is read out along the n's (columns of Nv), not along the m's: κ = Nᵀφ/N."),
        (lambda r: M @ (Nv.T @ phi / N),
         "That is P φ = M κ, an N-vector; κ itself has only R entries."),
    ]
    fb = check_close(kappa, Nv.T @ phi / N, exercise="Exercise 1", what="κ = Nᵀφ/N", rtol=1e-8,
                     atol=1e-12, diagnoses=diagnoses, N=N, quiet=True)
    if not fb:
        return _say(False, fb.message, quiet)
    return _say(True, "✅ Exercise 1: correct — P = M Nᵀ/N and κ = Nᵀφ/N match (and P φ = M κ).",
                quiet)


def exercise_2(eigenvalues, *, M, Nv, quiet: bool = False) -> Feedback:
    """The R nonzero eigenvalues of ``M Nvᵀ / N``, i.e. those of ``Nvᵀ M / N`` (any order)."""
    _not_done(eigenvalues, "Exercise 2")
    M = np.asarray(M, dtype=float)
    Nv = np.asarray(Nv, dtype=float)
    N, R = M.shape
    try:
        ans = np.sort_complex(np.atleast_1d(np.asarray(eigenvalues, dtype=complex)).ravel())
    except (TypeError, ValueError):
        return _say(False, "❌ Exercise 2: give the eigenvalues as an array of numbers.", quiet)
    if ans.size == N:
        return _say(False, f"❌ Exercise 2: you computed all {N} eigenvalues of the N × N matrix; only "
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
    """``[‖A - A_R‖_F, ‖A - A_R‖_2] = [√(Σ_{k>R} s_k²), s_{R+1}]`` (1-based k)."""
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
    """Asymptotic outlier ``θ = M_m M_n + σ_mn`` of ``J0 + m nᵀ/N``."""
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


def exercise_5(cos, *, g: float, theta: float, quiet: bool = False) -> Feedback:
    """Alignment of the outlier eigenvector with m: ``√(1 - g²/θ²)``."""
    _not_done(cos, "Exercise 5")
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
    ]
    return check_close(cos, ref, exercise="Exercise 5", what="the predicted cos∠(v, m)", rtol=1e-4,
                       diagnoses=diagnoses, quiet=quiet)
