"""Checkers of notebook 00 accept the reference solutions, reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils.checks import nb00


def pr_eig(x):
    xc = x - x.mean(axis=0)
    lam = np.linalg.eigvalsh(xc.T @ xc / (x.shape[0] - 1))
    return lam.sum() ** 2 / np.sum(lam**2)


def pr_gram_T(x):  # the T × T route and the 1/T normalisation: legitimate alternatives
    xc = x - x.mean(axis=0)
    lam = np.linalg.eigvalsh(xc @ xc.T / x.shape[0])
    return lam.sum() ** 2 / np.sum(lam**2)


def msg(fb):
    assert not fb
    return fb.message


def test_stubs_raise():
    def stub(*args): ...

    for k in (1, 2, 3, 4):
        with pytest.raises(NotImplementedError):
            getattr(nb00, f"exercise_{k}")(...)
        with pytest.raises(NotImplementedError):
            getattr(nb00, f"exercise_{k}")(stub)


def test_not_a_function_and_raising_function():
    assert "function itself" in msg(nb00.exercise_1(2.0, quiet=True))

    def broken(x):
        raise RuntimeError("boom")

    assert "raised RuntimeError: boom" in msg(nb00.exercise_1(broken, quiet=True))


def test_exercise_1():
    assert nb00.exercise_1(pr_eig, quiet=True)
    assert nb00.exercise_1(pr_gram_T, quiet=True)

    def raw(x):
        lam = np.linalg.eigvalsh(x.T @ x)
        return lam.sum() ** 2 / np.sum(lam**2)

    def sd(x):
        xc = x - x.mean(axis=0)
        s = np.linalg.svd(xc, compute_uv=False)
        return s.sum() ** 2 / np.sum(s**2)

    assert "centre" in msg(nb00.exercise_1(raw, quiet=True))

    def rows(x):
        xc = x - x.mean(axis=1, keepdims=True)
        lam = np.linalg.eigvalsh(xc.T @ xc)
        return lam.sum() ** 2 / np.sum(lam**2)

    assert "axis 0" in msg(nb00.exercise_1(rows, quiet=True))
    assert "variances" in msg(nb00.exercise_1(sd, quiet=True))
    assert "upside down" in msg(nb00.exercise_1(lambda x: 1 / pr_eig(x), quiet=True))


def test_exercise_2():
    assert nb00.exercise_2(lambda e: (1 + e**2) ** 2 / (1 + e**4), quiet=True)
    assert nb00.exercise_2(lambda e: (1 + e * e) ** 2 / (1 + e**4), quiet=True)
    assert "amplitudes" in msg(
        nb00.exercise_2(lambda e: (1 + e) ** 2 / (1 + e**2), quiet=True)
    )
    assert "circle" in msg(nb00.exercise_2(lambda e: 2.0, quiet=True))
    assert "total variance" in msg(nb00.exercise_2(lambda e: 1 + e**2, quiet=True))
    assert "upside down" in msg(
        nb00.exercise_2(lambda e: (1 + e**4) / (1 + e**2) ** 2, quiet=True)
    )
    # the value at one ε only (read off a plot) is not a function of ε
    assert not nb00.exercise_2(lambda e: 1.4705882352941178, quiet=True)


def test_exercise_3():
    assert nb00.exercise_3(lambda J: (np.sum(J**2), np.sum((J @ J.T) ** 2)), quiet=True)
    # the same via JᵀJ, traces, or an SVD: all accepted

    def via_trace(J):
        G = J.T @ J
        return np.trace(G), np.trace(G @ G)

    def via_svd(J):
        s = np.linalg.svd(J, compute_uv=False)
        return [np.sum(s**2), np.sum(s**4)]

    assert nb00.exercise_3(via_trace, quiet=True)
    assert nb00.exercise_3(via_svd, quiet=True)
    assert "fourth power" in msg(
        nb00.exercise_3(lambda J: (np.sum(J**2), np.sum(J**4)), quiet=True)
    )
    assert "J @ J.T" in msg(
        nb00.exercise_3(lambda J: (np.sum(J**2), np.sum((J @ J) ** 2)), quiet=True)
    )
    assert "square each" in msg(
        nb00.exercise_3(lambda J: (np.sum(J**2), np.sum(J**2) ** 2), quiet=True)
    )
    assert "wrong order" in msg(nb00.exercise_3(lambda J: via_svd(J)[::-1], quiet=True))
    assert "two numbers" in msg(nb00.exercise_3(lambda J: np.sum(J**2), quiet=True))


def fractions(dJ, w_in, w_out, R, *, left_in=False, rows=False, square=False):
    U, _, Vt = np.linalg.svd(dJ)
    V_R = U[:, :R].T if left_in else Vt[:R]
    U_R = U[:R] if rows else U[:, :R].T
    out = np.array(
        [
            np.linalg.norm(V_R @ w_in) / np.linalg.norm(w_in),
            np.linalg.norm(U_R @ w_out) / np.linalg.norm(w_out),
        ]
    )
    return out**2 if square else out


def test_exercise_4():
    assert nb00.exercise_4(fractions, quiet=True)
    assert nb00.exercise_4(lambda *a: tuple(fractions(*a)), quiet=True)

    def swapped(dJ, w_in, w_out, R):
        U, _, Vt = np.linalg.svd(dJ)
        return (
            np.linalg.norm(U[:, :R].T @ w_in) / np.linalg.norm(w_in),
            np.linalg.norm(Vt[:R] @ w_out) / np.linalg.norm(w_out),
        )

    assert "swapped" in msg(nb00.exercise_4(swapped, quiet=True))
    assert "squared" in msg(
        nb00.exercise_4(lambda *a: fractions(*a, square=True), quiet=True)
    )
    assert "columns" in msg(
        nb00.exercise_4(lambda *a: fractions(*a, rows=True), quiet=True)
    )
    assert "wrong order" in msg(
        nb00.exercise_4(lambda *a: fractions(*a)[::-1], quiet=True)
    )


def test_planted_structure_is_aligned():
    dJ, w_in, w_out = nb00._planted(80, 3, np.random.default_rng(0))
    f = fractions(dJ, w_in, w_out, 3)
    assert np.all(f > 0.6) and np.all(f < 1)  # clearly above chance √(3/80) ≈ 0.19
