"""Checkers of notebook 00 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils import orthogonal_vectors, random_bulk
from lrnn_utils.checks import nb00


@pytest.fixture(scope="module")
def activity():
    rng = np.random.default_rng(0)
    m = orthogonal_vectors(60, 3, rng)
    t = np.linspace(0, 30, 500)
    # three components with different variances plus an offset and a little noise
    x = (np.outer(np.cos(t), m[:, 0]) + 0.6 * np.outer(np.sin(1.3 * t), m[:, 1])
         + 0.3 * np.outer(np.cos(0.7 * t), m[:, 2]) + 0.8 + 0.01 * rng.standard_normal((500, 60)))
    return x


@pytest.fixture(scope="module")
def trained():
    """A matrix with a planted rank-3 structure whose vectors overlap w_in and w_out."""
    rng = np.random.default_rng(1)
    N = 80
    w_in = rng.standard_normal((N, 1))
    w_out = rng.standard_normal((N, 1)) / np.sqrt(N)
    u = np.linalg.qr(np.c_[w_out, rng.standard_normal((N, 2))])[0]
    v = np.linalg.qr(np.c_[rng.standard_normal((N, 1)), w_in, rng.standard_normal((N, 1))])[0]
    dJ = (u * [3.0, 2.0, 1.0]) @ v.T + 0.01 * rng.standard_normal((N, N))
    return dJ, w_in, w_out


def test_stubs_raise(activity, trained):
    with pytest.raises(NotImplementedError):
        nb00.exercise_1(..., x=activity)
    with pytest.raises(NotImplementedError):
        nb00.exercise_2(..., eps=0.5)
    with pytest.raises(NotImplementedError):
        nb00.exercise_3(..., J=np.eye(3))
    dJ, w_in, w_out = trained
    with pytest.raises(NotImplementedError):
        nb00.exercise_4([..., ...], dJ=dJ, w_in=w_in, w_out=w_out)


def test_exercise_1(activity):
    x = activity
    xc = x - x.mean(axis=0)
    lam = np.linalg.eigvalsh(xc.T @ xc / (x.shape[0] - 1))
    pr = lam.sum() ** 2 / np.sum(lam**2)
    assert nb00.exercise_1(pr, x=x, quiet=True)
    # the normalisation of the covariance (T or T - 1) does not matter
    lam_T = np.linalg.eigvalsh(xc.T @ xc / x.shape[0])
    assert nb00.exercise_1(lam_T.sum() ** 2 / np.sum(lam_T**2), x=x, quiet=True)
    lam_raw = np.linalg.eigvalsh(x.T @ x)
    fb = nb00.exercise_1(lam_raw.sum() ** 2 / np.sum(lam_raw**2), x=x, quiet=True)
    assert not fb and "centre" in fb.message
    sd = np.sqrt(np.clip(lam, 0, None))
    fb = nb00.exercise_1(sd.sum() ** 2 / np.sum(sd**2), x=x, quiet=True)
    assert not fb and "variances" in fb.message
    fb = nb00.exercise_1(np.sum(lam**2) / lam.sum() ** 2, x=x, quiet=True)
    assert not fb and "upside down" in fb.message


def test_exercise_2():
    eps = 0.5
    assert nb00.exercise_2((1 + eps**2) ** 2 / (1 + eps**4), eps=eps, quiet=True)
    fb = nb00.exercise_2((1 + eps) ** 2 / (1 + eps**2), eps=eps, quiet=True)
    assert not fb and "amplitudes" in fb.message
    fb = nb00.exercise_2(2.0, eps=eps, quiet=True)
    assert not fb and "circle" in fb.message
    assert not nb00.exercise_2(1.0, eps=eps, quiet=True)


def test_exercise_3():
    J = random_bulk(150, 1.3, np.random.default_rng(3))
    s = np.linalg.svd(J, compute_uv=False)
    assert nb00.exercise_3(np.sum(s**2) ** 2 / np.sum(s**4), J=J, quiet=True)
    # the same from the eigenvalues of J Jᵀ
    lam = np.linalg.eigvalsh(J @ J.T)
    assert nb00.exercise_3(lam.sum() ** 2 / np.sum(lam**2), J=J, quiet=True)
    fb = nb00.exercise_3(np.sum(s) ** 2 / np.sum(s**2), J=J, quiet=True)
    assert not fb and "squared" in fb.message
    fb = nb00.exercise_3(150, J=J, quiet=True)
    assert not fb and "rank" in fb.message
    fb = nb00.exercise_3(75.0, J=J, quiet=True)
    assert not fb and "N → ∞" in fb.message


def test_exercise_4(trained):
    dJ, w_in, w_out = trained
    U, _, Vt = np.linalg.svd(dJ)
    f_in = np.linalg.norm(Vt[:3] @ w_in) / np.linalg.norm(w_in)
    f_out = np.linalg.norm(U[:, :3].T @ w_out) / np.linalg.norm(w_out)
    assert f_in > 0.9 and f_out > 0.9  # the planted structure
    assert nb00.exercise_4([f_in, f_out], dJ=dJ, w_in=w_in, w_out=w_out, quiet=True)
    assert nb00.exercise_4(np.array([f_in, f_out]), dJ=dJ, w_in=w_in, w_out=w_out, quiet=True)
    swapped = [np.linalg.norm(U[:, :3].T @ w_in) / np.linalg.norm(w_in),
               np.linalg.norm(Vt[:3] @ w_out) / np.linalg.norm(w_out)]
    fb = nb00.exercise_4(swapped, dJ=dJ, w_in=w_in, w_out=w_out, quiet=True)
    assert not fb and "swapped" in fb.message
    fb = nb00.exercise_4([f_in**2, f_out**2], dJ=dJ, w_in=w_in, w_out=w_out, quiet=True)
    assert not fb and "squared" in fb.message
    rows = [np.linalg.norm(U[:3] @ w_in) / np.linalg.norm(w_in),
            np.linalg.norm(U[:3] @ w_out) / np.linalg.norm(w_out)]
    fb = nb00.exercise_4(rows, dJ=dJ, w_in=w_in, w_out=w_out, quiet=True)
    assert not fb and "columns" in fb.message


def test_degenerate_inputs_are_rejected_with_a_hint(activity):
    fb = nb00.exercise_1(1.0, x=np.zeros_like(activity), quiet=True)
    assert not fb and "x=x_ex" in fb.message
    fb = nb00.exercise_3(1.0, J=np.zeros((5, 5)), quiet=True)
    assert not fb and "J=J0_ex" in fb.message
