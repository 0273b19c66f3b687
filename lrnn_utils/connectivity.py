"""Connectivity: the random bulk ``J0``, Gaussian structure vectors, low-rank matrices.

The model of the lecture is ``J = J0 + M Nᵀ / N`` with

* ``J0_ij ~ N(0, g²/N)`` i.i.d. (the random bulk, spectral radius ``g``), and
* the columns of ``M`` and ``N`` (the vectors ``m_r``, ``n_r``) drawn with i.i.d.
  entries across neurons from a joint Gaussian with prescribed means and
  covariance matrix.

Vectors are stored as columns: an array of ``R`` vectors of length ``N`` has
shape ``(N, R)``.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_columns, check_array, check_int, check_rng, check_scalar

__all__ = [
    "random_bulk",
    "gaussian_vectors",
    "low_rank_matrix",
    "orthogonal_vectors",
]


def random_bulk(N: int, g: float, rng: np.random.Generator) -> np.ndarray:
    """Random connectivity ``J0`` with i.i.d. entries ``N(0, g²/N)``.

    Parameters
    ----------
    N : int
        Number of neurons, ``N >= 1``.
    g : float
        Gain of the random part, ``g >= 0``. The eigenvalues of ``J0`` fill a disk of
        radius ``g`` as ``N → ∞`` (circular law).
    rng : numpy.random.Generator

    Returns
    -------
    J0 : ndarray, shape (N, N)
    """
    N = check_int(N, "N", minimum=1)
    g = check_scalar(g, "g", minimum=0.0)
    check_rng(rng)
    return rng.standard_normal((N, N)) * (g / np.sqrt(N))


def _covariance_factor(cov: np.ndarray) -> np.ndarray:
    """Return ``A`` with ``A Aᵀ = cov`` for a symmetric PSD ``cov`` (may be singular).

    Both checks are relative to the size of ``cov`` (an absolute tolerance would
    accept ``1e-11·[[1, 2], [2, 1]]``, a correlation of 2).
    """
    scale = float(np.max(np.abs(cov), initial=0.0))
    if not np.allclose(cov, cov.T, atol=1e-12 * scale, rtol=1e-10):
        raise ValueError("cov must be symmetric")
    evals, evecs = np.linalg.eigh(cov)
    tol = 1e-10 * float(np.max(np.abs(evals), initial=0.0))
    if np.any(evals < -tol):
        raise ValueError(
            "cov must be positive semi-definite; its smallest eigenvalue is "
            f"{evals.min():.3g}"
        )
    return evecs * np.sqrt(np.clip(evals, 0.0, None))


def gaussian_vectors(
    N: int,
    mean,
    cov,
    rng: np.random.Generator,
    *,
    exact: bool = False,
) -> np.ndarray:
    """Sample ``K`` vectors of length ``N`` whose entries are i.i.d. jointly Gaussian.

    Row ``i`` of the result is one draw ``(v_1i, …, v_Ki) ~ N(mean, cov)``. Use it for
    the structure vectors ``m, n``, inputs ``I`` and readouts ``w``, e.g. with
    ``mean = [M_m, M_n]`` and ``cov = [[Σ_m², σ_mn], [σ_mn, Σ_n²]]``; the overlap is
    then ``mᵀn/N → M_m M_n + σ_mn``.

    Parameters
    ----------
    N : int
        Length of each vector (number of neurons).
    mean : array_like, shape (K,)
        Population means of the ``K`` vectors.
    cov : array_like, shape (K, K)
        Covariance matrix across neurons (symmetric positive semi-definite).
    rng : numpy.random.Generator
    exact : bool, default False
        If True, remove the finite-size sampling error: the *empirical* means
        (``v.mean(0)``) and covariances (normalised by ``N``) equal ``mean`` and
        ``cov`` to machine precision, so overlaps take their ``N → ∞`` values.
        Requires ``N > K``.

    Returns
    -------
    vectors : ndarray, shape (N, K)
    """
    N = check_int(N, "N", minimum=1)
    mean = check_array(mean, "mean", ndim=1)
    K = mean.shape[0]
    if K < 1:
        raise ValueError("mean must contain at least one entry")
    cov = check_array(cov, "cov", shape=(K, K))
    check_rng(rng)
    factor = _covariance_factor(cov)
    z = rng.standard_normal((N, K))
    if exact:
        if N <= K:
            raise ValueError(f"exact=True needs N > K (N={N}, K={K})")
        z = z - z.mean(axis=0)
        # Whiten the sample so that zᵀz/N = identity exactly (Cholesky of the
        # empirical covariance), then colour it with the requested factor.
        emp = z.T @ z / N
        z = np.linalg.solve(np.linalg.cholesky(emp), z.T).T
    return mean + z @ factor.T


def orthogonal_vectors(
    N: int, K: int, rng: np.random.Generator, *, scale: float = 1.0
) -> np.ndarray:
    """``K`` mutually orthogonal zero-mean vectors with ``vᵀv/N = scale²`` exactly.

    Convenience for the rank-2 notebooks: the columns have empirical mean 0 and
    empirical covariance ``scale² · identity``.

    Returns
    -------
    vectors : ndarray, shape (N, K)
    """
    K = check_int(K, "K", minimum=1)
    scale = check_scalar(scale, "scale", minimum=0.0)
    return gaussian_vectors(N, np.zeros(K), scale**2 * np.eye(K), rng, exact=True)


def low_rank_matrix(m, n) -> np.ndarray:
    """Dense low-rank matrix ``P = M Nᵀ / N``, i.e. ``P_ij = Σ_r m_ri n_rj / N``.

    Only for teaching and spectra: the simulation never forms ``P`` and uses the
    factorized product ``M (Nᵀ φ) / N`` instead.

    Parameters
    ----------
    m, n : array_like, shape (N,) or (N, R)

    Returns
    -------
    P : ndarray, shape (N, N), of rank at most ``R``
    """
    m = as_columns(m, "m")
    n = as_columns(n, "n", n_rows=m.shape[0])
    if n.shape != m.shape:
        raise ValueError(
            f"m and n must have the same shape, got {m.shape} and {n.shape}"
        )
    if m.size == 0:
        raise ValueError(f"m and n must not be empty, got shape {m.shape}")
    return m @ n.T / m.shape[0]
