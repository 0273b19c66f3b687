"""Checkers of notebook 01 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils import gaussian_vectors, low_rank_matrix, random_bulk
from lrnn_utils.checks import nb01


@pytest.fixture(scope="module")
def vectors():
    rng = np.random.default_rng(0)
    N = 50
    M, Nv = rng.standard_normal((N, 2)), rng.standard_normal((N, 2))
    phi = np.tanh(rng.standard_normal(N))
    return M, Nv, phi


def test_stubs_raise(vectors):
    M, Nv, phi = vectors
    with pytest.raises(NotImplementedError):
        nb01.exercise_1(..., ..., M=M, Nv=Nv, phi=phi)
    with pytest.raises(NotImplementedError):
        nb01.exercise_1(M @ Nv.T / 50, ..., M=M, Nv=Nv, phi=phi)
    with pytest.raises(NotImplementedError):
        nb01.exercise_2(..., M=M, Nv=Nv)
    with pytest.raises(NotImplementedError):
        nb01.exercise_3([..., ...], A=np.eye(4), R=1)
    with pytest.raises(NotImplementedError):
        nb01.exercise_4(..., m_mean=1.0, n_mean=0.8, mn_cov=0.7)
    with pytest.raises(NotImplementedError):
        nb01.exercise_5(..., g=0.8, theta=1.5)


def test_exercise_1(vectors):
    M, Nv, phi = vectors
    N = M.shape[0]
    P, kappa = M @ Nv.T / N, Nv.T @ phi / N
    assert nb01.exercise_1(P, kappa, M=M, Nv=Nv, phi=phi, quiet=True)
    assert nb01.exercise_1(low_rank_matrix(M, Nv), kappa, M=M, Nv=Nv, phi=phi, quiet=True)
    fb = nb01.exercise_1(M @ Nv.T, kappa, M=M, Nv=Nv, phi=phi, quiet=True)
    assert not fb and "divide by N" in fb.message
    fb = nb01.exercise_1(Nv @ M.T / N, kappa, M=M, Nv=Nv, phi=phi, quiet=True)
    assert not fb and "transpose" in fb.message
    fb = nb01.exercise_1(Nv.T @ M / N, kappa, M=M, Nv=Nv, phi=phi, quiet=True)
    assert not fb and "overlap matrix" in fb.message
    fb = nb01.exercise_1(P, M.T @ phi / N, M=M, Nv=Nv, phi=phi, quiet=True)
    assert not fb and "n's" in fb.message
    fb = nb01.exercise_1(P, Nv.T @ phi, M=M, Nv=Nv, phi=phi, quiet=True)
    assert not fb and "divide by N" in fb.message


def test_exercise_2():
    rng = np.random.default_rng(1)
    N = 300
    M = gaussian_vectors(N, [0, 0], np.eye(2), rng, exact=True)
    Nv = M @ np.array([[0.5, -1.5], [1.0, 0.5]]).T + 0.3 * rng.standard_normal((N, 2))
    lam = np.linalg.eigvals(Nv.T @ M / N)
    assert np.iscomplexobj(lam) and abs(lam[0].imag) > 0.5  # a complex pair
    assert nb01.exercise_2(lam, M=M, Nv=Nv, quiet=True)
    assert nb01.exercise_2(lam[::-1], M=M, Nv=Nv, quiet=True)  # any order
    assert nb01.exercise_2(np.linalg.eigvals(M.T @ Nv / N), M=M, Nv=Nv, quiet=True)  # same spectrum
    fb = nb01.exercise_2(np.linalg.eigvals(Nv.T @ M), M=M, Nv=Nv, quiet=True)
    assert not fb and "too large" in fb.message
    fb = nb01.exercise_2(np.linalg.eigvals(M.T @ M / N), M=M, Nv=Nv, quiet=True)
    assert not fb and "MᵀM" in fb.message
    fb = nb01.exercise_2(np.linalg.eigvals(M @ Nv.T / N), M=M, Nv=Nv, quiet=True)
    assert not fb and "all 300 eigenvalues" in fb.message


def test_exercise_3():
    rng = np.random.default_rng(2)
    A = low_rank_matrix(*rng.standard_normal((2, 120, 4))) + random_bulk(120, 0.3, rng)
    s = np.linalg.svd(A, compute_uv=False)
    R = 4
    U, _, Vt = np.linalg.svd(A)
    A_R = (U[:, :R] * s[:R]) @ Vt[:R]
    assert nb01.exercise_3([np.sqrt(np.sum(s[R:] ** 2)), s[R]], A=A, R=R, quiet=True)
    assert nb01.exercise_3([np.linalg.norm(A - A_R), np.linalg.norm(A - A_R, 2)], A=A, R=R, quiet=True)
    fb = nb01.exercise_3([np.sqrt(np.sum(s[R - 1:] ** 2)), s[R - 1]], A=A, R=R, quiet=True)
    assert not fb and "Off by one" in fb.message
    fb = nb01.exercise_3([np.sum(s[R:] ** 2), s[R]], A=A, R=R, quiet=True)
    assert not fb and "square root" in fb.message
    fb = nb01.exercise_3([np.sum(s[R:]), s[R]], A=A, R=R, quiet=True)
    assert not fb and "quadrature" in fb.message


def test_exercise_4():
    kw = dict(m_mean=1.0, n_mean=0.8, mn_cov=0.7)
    assert nb01.exercise_4(1.5, **kw, quiet=True)
    fb = nb01.exercise_4(0.8, **kw, quiet=True)
    assert not fb and "correlated fluctuations" in fb.message
    fb = nb01.exercise_4(0.7, **kw, quiet=True)
    assert not fb and "aligned means" in fb.message
    fb = nb01.exercise_4(2.5, **kw, quiet=True)
    assert not fb and "product" in fb.message


def test_exercise_5():
    g, theta = 0.8, 1.5
    assert nb01.exercise_5(np.sqrt(1 - g**2 / theta**2), g=g, theta=theta, quiet=True)
    fb = nb01.exercise_5(1 - g**2 / theta**2, g=g, theta=theta, quiet=True)
    assert not fb and "square root" in fb.message
    fb = nb01.exercise_5(np.sqrt(1 - g / theta), g=g, theta=theta, quiet=True)
    assert not fb and "g²/θ²" in fb.message
    fb = nb01.exercise_5(1.0, g=g, theta=theta, quiet=True)
    assert not fb and "Not perfectly aligned" in fb.message
