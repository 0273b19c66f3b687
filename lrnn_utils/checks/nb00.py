"""Exercise checkers for notebook 00 — why low rank?

Usage in the notebook: ``from lrnn_utils.checks import nb00 as checks`` then
``checks.exercise_1(pr, x=x)``. Each checker prints feedback without revealing the
solution and returns a :class:`~lrnn_utils.checks._core.Feedback`; passing ``...``
raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, check_close, not_done

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _pr(values) -> float:
    v = np.asarray(values, dtype=float)
    return float(v.sum() ** 2 / np.sum(v**2))


def _not_done(answer, exercise: str) -> None:
    if not_done(answer):
        raise NotImplementedError(f"{exercise}: replace the `...` with your answer, then run the cell again")


def exercise_1(pr, *, x, quiet: bool = False) -> Feedback:
    """Participation ratio ``(Σλ)²/Σλ²`` of the covariance eigenvalues of ``x`` (T, N)."""
    _not_done(pr, "Exercise 1")
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must be a (T, N) array, got shape {x.shape}")
    xc = x - x.mean(axis=0)
    if not np.all(np.isfinite(x)) or np.allclose(xc, 0):
        return _say(False, "Exercise 1: not yet. Pass the activity of the exercise, x=x_ex: the "
                           "array you passed has no variance (or NaN).", quiet)
    s = np.linalg.svd(xc, compute_uv=False)
    ref = _pr(s**2)
    s_raw = np.linalg.svd(x, compute_uv=False)
    diagnoses = [
        (lambda r: _pr(s_raw**2),
         "You did not centre the activity: subtract each neuron's time average (axis 0) first. "
         "Without it the mean activity counts as a 'dimension'."),
        (lambda r: _pr(s),
         "You used square roots of the variances (singular values of the data, or standard "
         "deviations). The participation ratio uses the variances λ themselves."),
        (lambda r: float(np.sum(s**4) / np.sum(s**2) ** 2),
         "Your ratio is upside down: PR = (Σλ)² / Σλ², which is ≥ 1."),
    ]
    return check_close(pr, ref, exercise="Exercise 1", what="the participation ratio",
                       rtol=1e-6, diagnoses=diagnoses, quiet=quiet)


def exercise_2(pr, *, eps: float, quiet: bool = False) -> Feedback:
    """Judge the predicted participation ratio of the ellipse ``m1 cos t + ε m2 sin t``."""
    _not_done(pr, "Exercise 2")
    eps = float(eps)
    ref = (1 + eps**2) ** 2 / (1 + eps**4)
    diagnoses = [
        (lambda r: (1 + abs(eps)) ** 2 / (1 + eps**2),
         "You used the amplitudes 1 and ε as if they were the variances. The variance along m2 "
         "is proportional to ε², not ε."),
        (lambda r: 2.0,
         "2 is the value for a circle (ε = 1). With ε < 1 the two variances differ."),
        (lambda r: 1 + eps**2,
         "1 + ε² is the total variance (up to a factor), not the participation ratio."),
        (lambda r: (1 + eps**4) / (1 + eps**2) ** 2,
         "Your ratio is upside down: PR = (Σλ)² / Σλ², which is ≥ 1."),
    ]
    return check_close(pr, ref, exercise="Exercise 2", what="the participation ratio of the ellipse",
                       rtol=1e-3, diagnoses=diagnoses, quiet=quiet)


def exercise_3(r_eff, *, J, quiet: bool = False) -> Feedback:
    """Effective rank ``(Σ s²)² / Σ s⁴`` of the singular values of ``J``."""
    _not_done(r_eff, "Exercise 3")
    J = np.asarray(J, dtype=float)
    if J.ndim != 2 or not np.all(np.isfinite(J)) or np.allclose(J, 0):
        return _say(False, "Exercise 3: not yet. Pass the matrix of the exercise, J=J0_ex (a "
                           "non-zero square matrix).", quiet)
    N = J.shape[0]
    s = np.linalg.svd(J, compute_uv=False)
    ref = _pr(s**2)
    try:
        ans = float(np.asarray(r_eff, dtype=float))
    except (TypeError, ValueError):
        return _say(False, "Exercise 3: not yet. The effective rank should be a single number.", quiet)
    if not np.isclose(ans, ref, rtol=1e-6) and np.isclose(ans, N / 2, rtol=1e-9):
        return _say(False, f"Exercise 3: not yet. N/2 = {N / 2:g} is the N → ∞ prediction of part (a). "
                           "For part (b) compute the effective rank of this particular matrix from "
                           "its singular values, then compare.", quiet)
    diagnoses = [
        (lambda r: _pr(s),
         "You used s instead of s²: the effective rank is the participation ratio of the "
         "*squared* singular values, (Σ s²)² / Σ s⁴."),
        (lambda r: float(N),
         "N is the rank of the matrix (all singular values are non-zero); the effective rank "
         "weighs them by size."),
        (lambda r: _pr(np.linalg.eigvals(J)),
         "You used eigenvalues; use the singular values (np.linalg.svd)."),
    ]
    return check_close(ans, ref, exercise="Exercise 3", what="the effective rank of J0",
                       rtol=1e-6, diagnoses=diagnoses, quiet=quiet)


def exercise_4(fractions, *, dJ, w_in, w_out, R: int = 3, quiet: bool = False) -> Feedback:
    """``[‖V_Rᵀ w_in‖/‖w_in‖, ‖U_Rᵀ w_out‖/‖w_out‖]`` for the top-R singular vectors of ``dJ``."""
    _not_done(fractions, "Exercise 4")
    U, _, Vt = np.linalg.svd(np.asarray(dJ, dtype=float))
    w_in = np.asarray(w_in, dtype=float).ravel()
    w_out = np.asarray(w_out, dtype=float).ravel()

    def frac(vectors, w):  # vectors: (R, N) orthonormal rows
        return float(np.linalg.norm(vectors @ w) / np.linalg.norm(w))

    ref = np.array([frac(Vt[:R], w_in), frac(U[:, :R].T, w_out)])
    swapped = np.array([frac(U[:, :R].T, w_in), frac(Vt[:R], w_out)])
    diagnoses = [
        (lambda r: swapped,
         "Left and right are swapped: in ΔJ = Σ s u vᵀ the right vectors v (rows of Vt) play the "
         "role of n (what is read), the left vectors u (columns of U) that of m."),
        (lambda r: r**2,
         "These are the squared fractions: take the norm, not the squared norm."),
        (lambda r: r[::-1], "The two numbers are in the wrong order: [frac_in, frac_out]."),
        (lambda r: np.array([frac(U[:R], w_in), frac(U[:R], w_out)]),
         "U[:R] takes the first R *rows* of U; the singular vectors are its *columns*, U[:, :R]."),
        (lambda r: np.array([frac(Vt[:, :R].T, w_in), frac(U[:, :R].T, w_out)]),
         "Vt[:, :R] takes columns of Vt; the right singular vectors are its *rows*, Vt[:R]."),
    ]
    return check_close(fractions, ref, exercise="Exercise 4",
                       what="the fractions [frac_in, frac_out]", rtol=1e-4, diagnoses=diagnoses,
                       quiet=quiet)
