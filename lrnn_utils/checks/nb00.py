"""Exercise checkers for notebook 00 — why low rank?

Usage in the notebook: ``from lrnn_utils.checks import nb00 as checks`` then
``checks.exercise_1(participation_ratio)``. Every exercise asks for a function; its
checker calls it on inputs of its own choosing and compares the result with the
definition, printing feedback that names the mistake without revealing the solution.
Each returns a :class:`~lrnn_utils.checks._core.Feedback`; a function that is still a
stub (returns ``None`` or ``...``) raises ``NotImplementedError``.
"""

from __future__ import annotations

import numpy as np

from ._core import Feedback, _say, call_student, check_close

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _pr(values) -> float:
    v = np.asarray(values, dtype=float)
    return float(v.sum() ** 2 / np.sum(v**2))


def _activities():
    """Activity arrays (T, N): offsets, unequal variances, T < N and T > N."""
    rng = np.random.default_rng(1_000_001)
    out = []
    for T, N, k in ((400, 30, 3), (40, 60, 5), (300, 5, 5)):
        basis = np.linalg.qr(rng.standard_normal((N, k)))[0]
        latent = rng.standard_normal((T, k)) * np.linspace(2.0, 0.3, k)
        out.append(
            latent @ basis.T
            + rng.uniform(-1, 1, N)
            + 0.05 * rng.standard_normal((T, N))
        )
    return out


def exercise_1(func, *, quiet: bool = False) -> Feedback:
    """Judge ``func(x) -> PR`` (participation ratio of the covariance of ``x`` (T, N)).

    The checker calls ``func`` on activity arrays of its choosing (with nonzero means,
    more or fewer time points than neurons) and compares with ``(Σλ)²/Σλ²`` of the
    covariance eigenvalues; the normalisation of the covariance is free.
    """
    for x in _activities():
        T, N = x.shape
        where = f"on activity of shape (T, N) = ({T}, {N})"
        out, fb = call_student(
            func,
            (x,),
            exercise="Exercise 1",
            name="participation_ratio",
            where=where,
            quiet=quiet,
        )
        if fb is not None:
            return fb
        s = np.linalg.svd(x - x.mean(axis=0), compute_uv=False)
        ref = _pr(s**2)
        s_raw = np.linalg.svd(x, compute_uv=False)
        s_rows = np.linalg.svd(x - x.mean(axis=1, keepdims=True), compute_uv=False)
        diagnoses = [
            (
                lambda r: _pr(s_raw**2),
                "You did not centre the activity: subtract each neuron's time average "
                "first. "
                "Without it the mean activity counts as a 'dimension'.",
            ),
            (
                lambda r: _pr(s_rows**2),
                "You subtracted each time point's average over neurons; centre each "
                "neuron "
                "(column) over time instead: the mean along axis 0.",
            ),
            (
                lambda r: _pr(s),
                "You used square roots of the variances (singular values of the data, "
                "or "
                "standard deviations). The participation ratio uses the variances λ.",
            ),
            (
                lambda r: float(np.sum(s**4) / np.sum(s**2) ** 2),
                "Your ratio is upside down: PR = (Σλ)² / Σλ², which is ≥ 1.",
            ),
        ]
        fb = check_close(
            out,
            ref,
            exercise="Exercise 1",
            what=f"the participation ratio {where}",
            rtol=1e-6,
            diagnoses=diagnoses,
            quiet=True,
        )
        if not fb:
            return _say(False, fb.message, quiet)
    return _say(
        True,
        "Exercise 1: correct on every activity the checker tried.",
        quiet,
    )


def exercise_2(func, *, quiet: bool = False) -> Feedback:
    """Judge ``func(eps)``: the predicted PR of the ellipse ``m1 cos t + ε m2 sin t``.

    Evaluated at values of ε the checker chooses (below and above 1).
    """
    for eps in (0.3, 0.5, 1.0, 1.7):
        out, fb = call_student(
            func,
            (eps,),
            exercise="Exercise 2",
            name="ellipse_pr",
            where=f"with eps = {eps}",
            quiet=quiet,
        )
        if fb is not None:
            return fb
        ref = (1 + eps**2) ** 2 / (1 + eps**4)
        diagnoses = [
            (
                lambda r, e=eps: (1 + e) ** 2 / (1 + e**2),
                "You used the amplitudes 1 and ε as if they were the variances. The "
                "variance "
                "along m2 is proportional to ε², not ε.",
            ),
            (
                lambda r, e=eps: 1 + e**2,
                "1 + ε² is the total variance (up to a factor), not the participation "
                "ratio.",
            ),
            (
                lambda r, e=eps: (1 + e**4) / (1 + e**2) ** 2,
                "Your ratio is upside down: PR = (Σλ)² / Σλ², which is ≥ 1.",
            ),
        ]
        if eps != 1.0:
            diagnoses.append(
                (
                    lambda r: 2.0,
                    "2 is the value for a circle (ε = 1) only: with "
                    "ε ≠ 1 the two variances differ.",
                )
            )
        fb = check_close(
            out,
            ref,
            exercise="Exercise 2",
            what=f"the participation ratio at ε = {eps}",
            rtol=1e-6,
            diagnoses=diagnoses,
            quiet=True,
        )
        if not fb:
            return _say(False, fb.message, quiet)
    return _say(
        True,
        "Exercise 2: correct for every ε tried; compare with the PCA below.",
        quiet,
    )


def _matrices():
    """Square matrices: random, low rank plus noise, and a small integer one."""
    rng = np.random.default_rng(1_000_003)
    a = rng.standard_normal((40, 40)) * 1.3 / np.sqrt(40)
    u, v = rng.standard_normal((2, 25, 2))
    b = u @ v.T / 5 + 0.1 * rng.standard_normal((25, 25))
    c = np.array([[2.0, -1.0, 0.0], [3.0, 1.0, 1.0], [0.0, 4.0, -2.0]])
    return a, b, c


def exercise_3(func, *, quiet: bool = False) -> Feedback:
    """Judge ``func(J) -> (S2, S4)``: sums of ``s²`` and ``s⁴`` over singular values."""
    for J in _matrices():
        where = f"on a {J.shape[0]} × {J.shape[0]} matrix"
        out, fb = call_student(
            func,
            (J,),
            exercise="Exercise 3",
            name="spectral_moments",
            where=where,
            quiet=quiet,
        )
        if fb is not None:
            return fb
        try:
            ans = np.asarray(out, dtype=float).ravel()
        except (TypeError, ValueError):
            ans = np.array([])
        if ans.size != 2:
            return _say(
                False,
                "Exercise 3: not yet. Return the pair (S2, S4): two numbers.",
                quiet,
            )
        s = np.linalg.svd(J, compute_uv=False)
        ref = np.array([np.sum(s**2), np.sum(s**4)])
        diagnoses = [
            (
                lambda r: np.array([r[0], np.sum(J**4)]),
                "S4 is not the sum of the entries to the fourth power: the s² are the "
                "eigenvalues of J Jᵀ, so S4 = tr[(J Jᵀ)²].",
            ),
            (
                lambda r: np.array([r[0], np.sum((J @ J) ** 2)]),
                "You squared J itself (J @ J); the s² are the eigenvalues of J Jᵀ "
                "(J @ J.T), which is not J² unless J is symmetric.",
            ),
            (
                lambda r: np.array([r[0], r[0] ** 2]),
                "S4 = Σ s⁴ is not (Σ s²)²: square each s² before you add.",
            ),
            (
                lambda r: np.array([np.sum(s), r[1]]),
                "S2 is the sum of the *squared* singular values, Σ_ij J_ij².",
            ),
            (lambda r: r[::-1], "The two numbers are in the wrong order: (S2, S4)."),
        ]
        fb = check_close(
            ans,
            ref,
            exercise="Exercise 3",
            what=f"(S2, S4) {where}",
            rtol=1e-8,
            diagnoses=diagnoses,
            quiet=True,
        )
        if not fb:
            return _say(False, fb.message, quiet)
    return _say(
        True,
        "Exercise 3: correct on every matrix the checker tried.",
        quiet,
    )


def _planted(N: int, R: int, rng):
    """A matrix with a planted rank-R structure whose vectors overlap w_in and w_out."""
    w_in = rng.standard_normal(N)
    w_out = rng.standard_normal(N) / np.sqrt(N)
    u = np.linalg.qr(
        np.c_[
            w_out + rng.standard_normal(N) / np.sqrt(N), rng.standard_normal((N, R - 1))
        ]
    )[0]
    v = np.linalg.qr(
        np.c_[
            rng.standard_normal((N, 1)),
            w_in + rng.standard_normal(N),
            rng.standard_normal((N, R - 2)),
        ]
    )[0]
    dJ = (u * np.linspace(3.0, 1.0, R)) @ v.T + 0.02 * rng.standard_normal((N, N))
    return dJ, w_in, w_out


def exercise_4(func, *, quiet: bool = False) -> Feedback:
    """Judge ``func(dJ, w_in, w_out, R) -> (frac_in, frac_out)`` on planted data."""
    rng = np.random.default_rng(1_000_004)
    for N, R in ((80, 3), (50, 2), (60, 4)):
        dJ, w_in, w_out = _planted(N, R, rng)
        where = f"with N = {N}, R = {R}"
        out, fb = call_student(
            func,
            (dJ, w_in, w_out, R),
            exercise="Exercise 4",
            name="io_alignment",
            where=where,
            quiet=quiet,
        )
        if fb is not None:
            return fb
        U, _, Vt = np.linalg.svd(dJ)

        def frac(vectors, w):  # vectors: (R, N) orthonormal rows
            return float(np.linalg.norm(vectors @ w) / np.linalg.norm(w))

        ref = np.array([frac(Vt[:R], w_in), frac(U[:, :R].T, w_out)])
        diagnoses = [
            (
                lambda r: np.array([frac(U[:, :R].T, w_in), frac(Vt[:R], w_out)]),
                "Left and right are swapped: in ΔJ = Σ s u vᵀ the right vectors v "
                "(rows of Vt) play the role of n (what is read), the left vectors u "
                "(columns of U) that of m.",
            ),
            (
                lambda r: r**2,
                "These are the squared fractions: take the norm, not the squared norm.",
            ),
            (
                lambda r: r[::-1],
                "The two numbers are in the wrong order: (frac_in, frac_out).",
            ),
            (
                lambda r: np.array([r[0], frac(U[:R], w_out)]),
                "U[:R] takes the first R *rows* of U; the left singular vectors are "
                "its "
                "*columns*, U[:, :R].",
            ),
            (
                lambda r: np.array([frac(Vt[:, :R].T, w_in), r[1]]),
                "Vt[:, :R] takes columns of Vt; the right singular vectors are its "
                "*rows*, "
                "Vt[:R].",
            ),
        ]
        fb = check_close(
            out,
            ref,
            exercise="Exercise 4",
            what=f"(frac_in, frac_out) {where}",
            rtol=1e-6,
            diagnoses=diagnoses,
            quiet=True,
        )
        if not fb:
            return _say(False, fb.message, quiet)
    return _say(
        True, "Exercise 4: correct on every planted structure the checker tried.", quiet
    )
