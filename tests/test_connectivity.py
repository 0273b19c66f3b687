"""Connectivity: shapes, statistics, exact sampling, and argument validation."""

import numpy as np
import pytest

from lrnn_utils.connectivity import (
    gaussian_vectors,
    low_rank_matrix,
    orthogonal_vectors,
    random_bulk,
)


def test_random_bulk_statistics(rng):
    N, g = 400, 1.5
    J0 = random_bulk(N, g, rng)
    assert J0.shape == (N, N)
    # entry variance g²/N: relative standard error of a variance over N² samples is
    # √(2)/N
    assert abs(J0.var() * N / g**2 - 1) < 5 * np.sqrt(2) / N
    # circular law: spectral radius → g, edge fluctuations O(N^-1/4) at most
    radius = np.abs(np.linalg.eigvals(J0)).max()
    assert abs(radius - g) < 3 * g * N**-0.5 + 0.05 * g


def test_gaussian_vectors_moments(rng):
    mean = [1.1, 2.0, 0.0]
    cov = [[1.0, 0.3, 0.0], [0.3, 1.0, -0.2], [0.0, -0.2, 0.5]]
    N = 20000
    v = gaussian_vectors(N, mean, cov, rng)
    assert v.shape == (N, 3)
    # sampling error of means and covariances is O(1/√N)
    assert np.allclose(v.mean(0), mean, atol=5 / np.sqrt(N) * 2)
    assert np.allclose(np.cov(v.T), cov, atol=5 * 2 / np.sqrt(N))


def test_exact_sampling_removes_sampling_error(rng):
    mean = [1.1, 2.0]
    cov = [[1.0, 0.4], [0.4, 0.8]]
    v = gaussian_vectors(300, mean, cov, rng, exact=True)
    m, n = v[:, 0], v[:, 1]
    assert np.allclose(v.mean(0), mean, atol=1e-12)
    emp = (v - v.mean(0)).T @ (v - v.mean(0)) / 300
    assert np.allclose(emp, cov, atol=1e-12)
    # the overlap takes its N → ∞ value M_m M_n + σ_mn exactly
    assert np.isclose(m @ n / 300, 1.1 * 2.0 + 0.4, atol=1e-12)


def test_singular_covariance_allowed(rng):
    # m = n exactly: covariance of rank one
    v = gaussian_vectors(100, [0, 0], [[1, 1], [1, 1]], rng)
    assert np.allclose(v[:, 0], v[:, 1])


def test_orthogonal_vectors(rng):
    v = orthogonal_vectors(500, 3, rng, scale=2.0)
    assert np.allclose(v.T @ v / 500, 4 * np.eye(3), atol=1e-12)


def test_low_rank_matrix_is_rank_R(rng):
    m = rng.standard_normal((50, 2))
    n = rng.standard_normal((50, 2))
    P = low_rank_matrix(m, n)
    assert P.shape == (50, 50)
    assert np.linalg.matrix_rank(P) == 2
    assert np.allclose(P, m @ n.T / 50)


def test_same_seed_same_numbers():
    a = gaussian_vectors(50, [0, 1], np.eye(2), np.random.default_rng(7), exact=True)
    b = gaussian_vectors(50, [0, 1], np.eye(2), np.random.default_rng(7), exact=True)
    assert np.array_equal(a, b)


@pytest.mark.parametrize(
    "call, exc, word",
    [
        (lambda r: random_bulk(0, 1.0, r), ValueError, "N"),
        (lambda r: random_bulk(10.5, 1.0, r), TypeError, "N"),
        (lambda r: random_bulk(10, -1.0, r), ValueError, "g"),
        (lambda r: random_bulk(10, np.nan, r), ValueError, "g"),
        (lambda r: random_bulk(10, 1.0, 42), TypeError, "rng"),
        (
            lambda r: gaussian_vectors(10, [0, 0], [[1, 2], [2, 1]], r),
            ValueError,
            "positive semi-definite",
        ),
        (
            lambda r: gaussian_vectors(10, [0, 0], [[1, 0.5], [0.4, 1]], r),
            ValueError,
            "symmetric",
        ),
        (lambda r: gaussian_vectors(10, [0, 0], np.eye(3), r), ValueError, "cov"),
        (
            lambda r: gaussian_vectors(2, [0, 0], np.eye(2), r, exact=True),
            ValueError,
            "N > K",
        ),
        (lambda r: gaussian_vectors(10, [np.inf], [[1]], r), ValueError, "mean"),
        (
            lambda r: low_rank_matrix(np.ones((5, 2)), np.ones((4, 2))),
            ValueError,
            "rows",
        ),
    ],
)
def test_bad_arguments_are_named(rng, call, exc, word):
    with pytest.raises(exc, match=word):
        call(rng)


@pytest.mark.parametrize("scale", [1e-11, 1.0, 1e8])
def test_psd_check_is_relative(rng, scale):
    """A correlation of 2 is rejected at every scale; a valid tiny covariance is
    accepted."""
    from lrnn_utils.connectivity import gaussian_vectors

    with pytest.raises(ValueError, match="positive semi-definite"):
        gaussian_vectors(10, [0, 0], scale * np.array([[1, 2], [2, 1]]), rng)
    with pytest.raises(ValueError, match="symmetric"):
        gaussian_vectors(10, [0, 0], scale * np.array([[1, 0.5], [0.1, 1]]), rng)
    v = gaussian_vectors(
        2000, [0, 0], scale * np.array([[1, 0.5], [0.5, 1]]), rng, exact=True
    )
    assert np.allclose(
        v.T @ v / 2000, scale * np.array([[1, 0.5], [0.5, 1]]), rtol=1e-10
    )
