"""Checkers of notebook 01 accept the reference solutions, reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils.checks import nb01


def msg(fb):
    assert not fb
    return fb.message


def test_stubs_raise():
    def stub(*args): ...

    for k in (1, 2, 3, 4, 5):
        with pytest.raises(NotImplementedError):
            getattr(nb01, f"exercise_{k}")(...)
        with pytest.raises(NotImplementedError):
            getattr(nb01, f"exercise_{k}")(stub)


def test_result_instead_of_function_and_raising_function():
    assert "function itself" in msg(nb01.exercise_1(np.zeros(3), quiet=True))

    def broken(*args):
        raise ValueError("shapes")

    assert "raised ValueError: shapes" in msg(nb01.exercise_5(broken, quiet=True))


def test_exercise_1():
    def ref(x, M, Nv):
        return -x + M @ (Nv.T @ np.tanh(x) / len(x))

    assert nb01.exercise_1(ref, quiet=True)
    assert nb01.exercise_1(
        lambda x, M, Nv: -x + (M @ Nv.T / len(x)) @ np.tanh(x), quiet=True
    )  # dense, but right
    assert "leak" in msg(
        nb01.exercise_1(lambda x, M, Nv: ref(x, M, Nv) + x, quiet=True)
    )
    assert "rates" in msg(
        nb01.exercise_1(lambda x, M, Nv: -x + M @ (Nv.T @ x / len(x)), quiet=True)
    )
    assert "swapped" in msg(
        nb01.exercise_1(
            lambda x, M, Nv: -x + Nv @ (M.T @ np.tanh(x) / len(x)), quiet=True
        )
    )
    assert "1/N is missing" in msg(
        nb01.exercise_1(lambda x, M, Nv: -x + M @ (Nv.T @ np.tanh(x)), quiet=True)
    )
    assert "once" in msg(
        nb01.exercise_1(
            lambda x, M, Nv: -x + M @ (Nv.T @ np.tanh(x)) / len(x) ** 2, quiet=True
        )
    )


def test_exercise_2():
    assert nb01.exercise_2(
        lambda M, Nv: np.linalg.eigvals(Nv.T @ M / len(M)), quiet=True
    )
    # MᵀNv/N has the same eigenvalues (its transpose): accepted
    assert nb01.exercise_2(
        lambda M, Nv: np.linalg.eigvals(M.T @ Nv / len(M)), quiet=True
    )
    assert "all" in msg(
        nb01.exercise_2(lambda M, Nv: np.linalg.eigvals(M @ Nv.T / len(M)), quiet=True)
    )
    assert "m's with themselves" in msg(
        nb01.exercise_2(lambda M, Nv: np.linalg.eigvals(M.T @ M / len(M)), quiet=True)
    )
    assert "too large" in msg(
        nb01.exercise_2(lambda M, Nv: np.linalg.eigvals(Nv.T @ M), quiet=True)
    )


def best_rank(s, rel_err):
    total = np.sum(s**2)
    for R in range(len(s) + 1):
        if np.sum(s[R:] ** 2) <= rel_err**2 * total:
            return R


def test_exercise_3():
    assert nb01.exercise_3(best_rank, quiet=True)

    def via_cumsum(s, rel_err):
        err = np.sqrt(np.maximum(np.sum(s**2) - np.r_[0, np.cumsum(s**2)], 0))
        return int(np.flatnonzero(err <= rel_err * np.linalg.norm(s) * (1 + 1e-12))[0])

    assert nb01.exercise_3(via_cumsum, quiet=True)
    assert "Off by one" in msg(
        nb01.exercise_3(lambda s, e: best_rank(s, e) + 1, quiet=True)
    )

    def no_square(s, rel_err):
        for R in range(len(s) + 1):
            if np.sum(s[R:] ** 2) <= rel_err * np.sum(s**2):
                return R

    assert "Square rel_err" in msg(nb01.exercise_3(no_square, quiet=True))
    assert "one integer" in msg(nb01.exercise_3(lambda s, e: "three", quiet=True))


def test_exercise_4():
    assert nb01.exercise_4(lambda a, b, c: a * b + c, quiet=True)
    assert "correlated fluctuations σ_mn:" in msg(
        nb01.exercise_4(lambda a, b, c: a * b, quiet=True)
    )
    assert "aligned means M_m M_n:" in msg(
        nb01.exercise_4(lambda a, b, c: c, quiet=True)
    )
    assert "product" in msg(nb01.exercise_4(lambda a, b, c: a + b + c, quiet=True))
    assert not nb01.exercise_4(lambda a, b, c: 1.5, quiet=True)  # the value of one case


def residual(lam, J0, m, n):
    return n @ np.linalg.solve(lam * np.eye(len(m)) - J0, m) / len(m) - 1


def test_exercise_5():
    assert nb01.exercise_5(residual, quiet=True)
    assert nb01.exercise_5(
        lambda lam, J0, m, n: (
            n @ np.linalg.inv(lam * np.eye(len(m)) - J0) @ m / len(m) - 1
        ),
        quiet=True,
    )
    assert "'- 1' is missing" in msg(
        nb01.exercise_5(lambda *a: residual(*a) + 1, quiet=True)
    )
    assert "Sign" in msg(
        nb01.exercise_5(
            lambda lam, J0, m, n: (
                n @ np.linalg.solve(J0 - lam * np.eye(len(m)), m) / len(m) - 1
            ),
            quiet=True,
        )
    )
    assert "broadcasting" in msg(
        nb01.exercise_5(
            lambda lam, J0, m, n: n @ np.linalg.solve(lam - J0, m) / len(m) - 1,
            quiet=True,
        )
    )
    assert "transposed" in msg(
        nb01.exercise_5(
            lambda lam, J0, m, n: (
                m @ np.linalg.solve(lam * np.eye(len(m)) - J0, n) / len(m) - 1
            ),
            quiet=True,
        )
    )
    assert "1/N" in msg(
        nb01.exercise_5(
            lambda lam, J0, m, n: n @ np.linalg.solve(lam * np.eye(len(m)) - J0, m) - 1,
            quiet=True,
        )
    )
