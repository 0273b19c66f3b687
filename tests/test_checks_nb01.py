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
        nb01.exercise_1(...)
    with pytest.raises(NotImplementedError):
        nb01.exercise_1(lambda M, Nv, phi: None)
    with pytest.raises(NotImplementedError):
        nb01.exercise_2(..., M=M, Nv=Nv)
    with pytest.raises(NotImplementedError):
        nb01.exercise_3([..., ...], A=np.eye(4), R=1)
    with pytest.raises(NotImplementedError):
        nb01.exercise_4(..., m_mean=1.0, n_mean=0.8, mn_cov=0.7)
    with pytest.raises(NotImplementedError):
        nb01.exercise_5(..., g=0.8, m_mean=1.0, n_mean=0.8, mn_cov=0.7)


def _reference(M, Nv, phi):
    kappa = Nv.T @ phi / len(phi)
    return kappa, M @ kappa


def test_exercise_1_accepts_the_reference_and_alternatives():
    assert nb01.exercise_1(_reference, quiet=True)
    # the dense route is slower but right; lists and a (R, 1) kappa are fine too
    assert nb01.exercise_1(lambda M, Nv, phi: (Nv.T @ phi / len(phi),
                                               low_rank_matrix(M, Nv) @ phi), quiet=True)
    assert nb01.exercise_1(lambda M, Nv, phi: [list(Nv.T @ phi / len(phi)),
                                               M @ (Nv.T @ phi) / len(phi)], quiet=True)


def test_exercise_1_rejects_typical_mistakes():
    fb = nb01.exercise_1(lambda M, Nv, phi: (M.T @ phi / len(phi), M @ (M.T @ phi) / len(phi)),
                         quiet=True)
    assert not fb and "read out along the n's" in fb.message
    fb = nb01.exercise_1(lambda M, Nv, phi: (Nv.T @ phi, M @ (Nv.T @ phi)), quiet=True)
    assert not fb and "1/N" in fb.message
    fb = nb01.exercise_1(lambda M, Nv, phi: (Nv.T @ phi / len(phi), Nv @ (Nv.T @ phi) / len(phi)),
                         quiet=True)
    assert not fb and "written along the m's" in fb.message
    fb = nb01.exercise_1(lambda M, Nv, phi: (Nv.T @ phi / len(phi),
                                             M @ (Nv.T @ phi) / len(phi) ** 2), quiet=True)
    assert not fb and "1/N once" in fb.message
    fb = nb01.exercise_1(lambda M, Nv, phi: (M @ (Nv.T @ phi) / len(phi), phi), quiet=True)
    assert not fb and "one entry per rank" in fb.message
    fb = nb01.exercise_1(lambda M, Nv, phi: (np.zeros(M.shape[1]), np.zeros(len(phi))), quiet=True)
    assert not fb and "does not match" in fb.message
    fb = nb01.exercise_1(np.zeros(3), quiet=True)
    assert not fb and "function itself" in fb.message

    def raises(M, Nv, phi):
        raise ValueError("shapes")

    fb = nb01.exercise_1(raises, quiet=True)
    assert not fb and "ValueError" in fb.message


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
    g = 0.8
    kw = dict(g=g, m_mean=1.0, n_mean=0.8, mn_cov=0.7, quiet=True)
    theta = 1.0 * 0.8 + 0.7
    assert nb01.exercise_5(np.sqrt(1 - g**2 / theta**2), **kw)
    fb = nb01.exercise_5(1 - g**2 / theta**2, **kw)
    assert not fb and "cos²" in fb.message
    fb = nb01.exercise_5(np.sqrt(1 - g / theta), **kw)
    assert not fb and "g²/θ²" in fb.message
    fb = nb01.exercise_5(1.0, **kw)
    assert not fb and "orthogonal" in fb.message
    # forgot σ_mn: the outlier would be M_m M_n = 1
    fb = nb01.exercise_5(np.sqrt(1 - g**2), g=g, m_mean=1.0, n_mean=1.0, mn_cov=0.7, quiet=True)
    assert not fb and "σ_mn" in fb.message
    with pytest.raises(ValueError):
        nb01.exercise_5(0.5, g=2.0, m_mean=1.0, n_mean=0.8, mn_cov=0.7)
