"""Mean field of rank-R networks with Gaussian populations: the one latent stack.

Model (:class:`lrnn_utils.models.Mixture`). Neuron ``i`` belongs to population ``p``
(fraction ``α_p``); within ``p`` the entries of ``(m_1…m_R, n_1…n_R, I_1…I_K[, w])``
are jointly Gaussian with covariance ``C^p``; ``m, n, w`` have zero mean, input ``k``
may have a population mean ``M^p_k``. The network is
``ẋ = -x + g χ φ(x) + Σ_r m_r κ_r + Σ_k I_k u_k`` with ``κ_r = n_rᵀφ(x)/N``. Started
in ``span(m, I)`` it stays there (exactly for ``g = 0``):
``x = Σ_s m_s k_s + Σ_k I_k v_k``. Stein's lemma inside each population gives the
equations below; one Gaussian population (:func:`lrnn_utils.models.rank_r`, ``P = 1``)
is the special case ``κ = [φ'](0, Δ)(σ k + σ_nI u)`` of the notebooks 06 and 07 alike.

Two quantities, two names: ``k`` is the *coordinate* of ``x`` along the ``m_s`` (the
latent state), ``κ`` the *drive* ``nᵀφ(x)/N`` that :func:`lrnn_utils.simulate.simulate`
records; they coincide at fixed points only.

==============================  =====================================================
equation                        function
==============================  =====================================================
``μ_p = Σ_k M^p_k u_k``         :func:`field_means`
``Δ_p = g²[φ²](μ_p,Δ_p) +``     :func:`field_variances`
``Var_p(m k + I u)``
``G_p = [φ'](μ_p, Δ_p)``        :func:`population_gains`
``σ̃ = Σ_p α_p G_p σ^p``         :func:`effective_overlaps`
``κ = σ̃ k + σ̃_nI u``            :func:`drive`
``k̇ = -k + κ(k, u)``            :func:`velocity` (integrated by :func:`integrate`)
``0 = -k + κ(k, u)``            :func:`fixed_points`
``[φ'](0, Δ(r*)) = 1/a``,       :func:`limit_cycle_theory`
``ω = b/a``
``z = Σ_p α_p G_p (σ^p_wm k +`` :func:`readout`
``σ^p_wI u)``
==============================  =====================================================

For ``g = 0`` these are exact as ``N → ∞`` (finite-size errors ``O(1/√N_p)``); for
``g > 0`` they are the adiabatic approximation (``Δ`` follows ``k`` instantly).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._newton import fd_jacobian, newton, rk4
from ._validate import check_array, check_int, check_rng, check_scalar
from .connectivity import gaussian_vectors
from .gaussian import dphi, gauss_avg
from .meanfield import static_variance
from .models import Mixture, NetworkVectors, rank_r

__all__ = [
    "EffectiveOverlaps",
    "LatentTrajectory",
    "LimitCycle",
    "StationaryState",
    "sample_vectors",
    "field_means",
    "field_variances",
    "population_gains",
    "effective_overlaps",
    "drive",
    "velocity",
    "readout",
    "integrate",
    "fixed_points",
    "limit_cycle_theory",
]


@dataclass(frozen=True)
class LatentTrajectory:
    """Result of :func:`integrate`: ``t`` (T,), ``k`` (T, R) or (B, T, R)."""

    t: np.ndarray
    k: np.ndarray


@dataclass(frozen=True)
class EffectiveOverlaps:
    """Result of :func:`effective_overlaps`: ``sigma`` (..., R, R) and
    ``sigma_input`` (..., R, K)."""

    sigma: np.ndarray
    sigma_input: np.ndarray


@dataclass(frozen=True)
class StationaryState:
    """Fixed points for a batch of inputs: ``k`` (..., R) (= κ at a fixed point),
    ``gains`` (..., P), ``readout`` (...) or None, ``converged`` (...) bool,
    ``residual`` (...), ``stable`` (...) bool (all eigenvalues of the latent Jacobian
    have negative real part and, for ``g > 0``, every bulk radius
    ``g √[φ'²](μ_p, Δ_p)`` is below one), ``eigvals`` (..., R)."""

    k: np.ndarray
    gains: np.ndarray
    readout: np.ndarray | None
    converged: np.ndarray
    residual: np.ndarray
    stable: np.ndarray
    eigvals: np.ndarray | None = None


def _check_model(model):
    if not isinstance(model, Mixture):
        raise TypeError(
            "model must be a Mixture (see lrnn_utils.models.mixture / rank_r)"
        )


def _as_state(model, k, u):
    """``k`` (..., R) and ``u`` (..., K) as finite float arrays (default ``u = 0``)."""
    k = np.asarray(k, dtype=float)
    if k.shape[-1:] != (model.rank,):
        raise ValueError(
            f"k must have last dimension R={model.rank}, got shape {k.shape}"
        )
    if not np.all(np.isfinite(k)):
        raise ValueError("k must be finite (got NaN or inf)")
    if model.n_inputs == 0:
        return k, np.zeros(k.shape[:-1] + (0,))
    u = np.zeros(model.n_inputs) if u is None else np.asarray(u, dtype=float)
    if u.shape[-1:] != (model.n_inputs,):
        raise ValueError(
            f"u must have last dimension K={model.n_inputs}, got shape {u.shape}"
        )
    if not np.all(np.isfinite(u)):
        raise ValueError("u must be finite (got NaN or inf)")
    return k, u


def sample_vectors(
    model: Mixture, N: int, rng: np.random.Generator, *, exact: bool = True
) -> NetworkVectors:
    """Draw the vectors of an ``N``-neuron network from ``model``.

    Population ``p`` gets ``round(α_p N)`` consecutive neurons (the last one takes the
    remainder). With ``exact=True`` the *within-population* empirical covariances
    equal ``model.cov`` exactly (:func:`lrnn_utils.connectivity.gaussian_vectors`), so
    the overlaps take their ``N → ∞`` values and only the non-Gaussian finite-size
    fluctuations of nonlinear averages remain.
    """
    _check_model(model)
    N = check_int(N, "N", minimum=2)
    check_rng(rng)
    P = model.fractions.size
    sizes = np.round(model.fractions * N).astype(int)
    sizes[-1] = N - sizes[:-1].sum()
    if np.any(sizes <= model.cov.shape[1]):
        raise ValueError(f"N={N} is too small: every population needs more than "
                         f"{model.cov.shape[1]} neurons, got sizes {sizes.tolist()}")
    D = model.cov.shape[1]
    blocks = []
    for p, s in enumerate(sizes):
        mean = np.zeros(D)
        mean[model._i] = model.input_mean[p]
        blocks.append(gaussian_vectors(int(s), mean, model.cov[p], rng, exact=exact))
    V = np.concatenate(blocks, axis=0)
    labels = np.repeat(np.arange(P), sizes)
    w = V[:, -1].copy() if model.has_readout else None
    return NetworkVectors(
        V[:, model._m].copy(), V[:, model._n].copy(), V[:, model._i].copy(), w, labels
    )


def field_means(model: Mixture, k, u=None) -> np.ndarray:
    """``μ_p = Σ_k M^p_k u_k`` (the tonic drive of each population).

    Parameters
    ----------
    model : Mixture
    k : array_like (..., R)
    u : array_like (..., K), optional

    Returns
    -------
    ndarray (..., P)
    """
    _check_model(model)
    k, u = _as_state(model, k, u)
    mu = np.einsum("pk,...k->...p", model.input_mean, u)
    return np.broadcast_to(mu, k.shape[:-1] + (model.fractions.size,))


def _structured_variances(model, k, u):
    quad = np.einsum("...r,prs,...s->...p", k, model.m_cov, k)
    cross = 2 * np.einsum("...r,prk,...k->...p", k, model.m_input_cov, u)
    inp = np.einsum("...k,pkl,...l->...p", u, model.input_cov, u)
    return np.clip(quad + cross + inp, 0.0, None)


def field_variances(model: Mixture, k, u=None) -> np.ndarray:
    """Total variance ``Δ_p = g²[φ²](μ_p, Δ_p) + Var_p(Σ_s m_s k_s + Σ_k I_k u_k)``.

    For ``g = 0`` only the structured part; for ``g > 0`` the largest root of the
    stationary variance equation (:func:`lrnn_utils.meanfield.static_variance`).

    Returns
    -------
    ndarray (..., P)
    """
    _check_model(model)
    k, u = _as_state(model, k, u)
    ds = _structured_variances(model, k, u)
    if model.g == 0:
        return ds
    # check=False: latent fixed points are re-checked by their own residual
    return static_variance(model.g, field_means(model, k, u), ds, check=False).delta


def population_gains(model: Mixture, k, u=None) -> np.ndarray:
    """``G_p = [φ'](μ_p, Δ_p)`` for every population: shape (..., P)."""
    return gauss_avg(dphi, field_means(model, k, u), field_variances(model, k, u))


def effective_overlaps(model: Mixture, k, u=None):
    """Gain-weighted overlaps ``σ̃ = Σ_p α_p G_p σ^p`` and
    ``σ̃_nI = Σ_p α_p G_p σ^p_nI``.

    Returns
    -------
    EffectiveOverlaps
        ``sigma`` (..., R, R), ``sigma_input`` (..., R, K).
    """
    G = population_gains(model, k, u) * model.fractions  # (..., P)
    return EffectiveOverlaps(np.einsum("...p,prs->...rs", G, model.overlap),
                             np.einsum("...p,prk->...rk", G, model.n_input_cov))


def drive(model: Mixture, k, u=None) -> np.ndarray:
    """The recurrent drive ``κ = nᵀφ(x)/N → σ̃ k + σ̃_nI u`` at ``x = m k + I u``: (...,
    R)."""
    k, u = _as_state(model, k, u)
    eff = effective_overlaps(model, k, u)
    return (np.einsum("...rs,...s->...r", eff.sigma, k)
            + np.einsum("...rk,...k->...r", eff.sigma_input, u))


def velocity(model: Mixture, k, u=None) -> np.ndarray:
    """Latent ODE ``dk/dt = -k + κ(k, u)`` (``κ`` from :func:`drive`): shape (...,
    R)."""
    return -np.asarray(k, dtype=float) + drive(model, k, u)


def readout(model: Mixture, k, u=None) -> np.ndarray:
    """``z = wᵀφ(x)/N → Σ_p α_p G_p (Cov_p(w, m)·k + Cov_p(w, I)·u)``: shape (...)."""
    k, u = _as_state(model, k, u)
    G = population_gains(model, k, u) * model.fractions
    drv = (np.einsum("ps,...s->...p", model.w_m_cov, k)
           + np.einsum("pk,...k->...p", model.w_input_cov, u))
    return np.sum(G * drv, axis=-1)


def integrate(model: Mixture, k0, t_max: float, dt: float, u=None) -> LatentTrajectory:
    """Integrate ``dk/dt = -k + κ(k, u(t))`` with RK4 (:func:`lrnn_utils._newton.rk4`).

    Parameters
    ----------
    k0 : array_like (R,) or (B, R)
    t_max : float
    dt : float
        ``0 < dt <= 0.5``.
    u : array_like (K,) or (B, K), or callable ``t -> array``, optional
        Input amplitudes *as seen by the neurons* (for a step switched on at
        ``t = 0`` from rest that is ``v(t) = u (1 - e^{-t})``, not ``u``).

    Returns
    -------
    LatentTrajectory
        ``t`` (T,), ``k`` (T, R) or (B, T, R).

    Raises
    ------
    FloatingPointError
        If the trajectory diverges.
    """
    _check_model(model)
    k = check_array(k0, "k0", ndim=(1, 2))
    if callable(u):
        u_at: Callable = u
    else:
        _, u_c = _as_state(model, k, u)
        u_at = lambda t: u_c  # noqa: E731
    t, out = rk4(lambda t, y: velocity(model, y, u_at(t)), k, t_max, dt)
    return LatentTrajectory(t, out if k.ndim == 1 else np.moveaxis(out, 0, 1))


def latent_jacobian(model: Mixture, k, u=None) -> np.ndarray:
    """``∂(dk/dt)/∂k`` by central differences: shape (..., R, R)."""
    k, u = _as_state(model, k, u)
    return fd_jacobian(lambda x: velocity(model, x, u), k, rel_step=1e-6, central=True)


def fixed_points(model: Mixture, u=None, *, k0=None, t_relax: float = 30.0,
                 tol: float = 1e-10, max_iter: int = 30) -> StationaryState:
    """Stationary states ``0 = -k + κ(k, u)`` for constant inputs ``u`` ((K,) or (B,
    K)).

    Relaxes the latent dynamics from ``k0`` (default 0) for ``t_relax`` (RK4, dt = 0.1),
    which picks the attractor reached from there, then polishes with the package's
    Newton solver (:func:`lrnn_utils._newton.newton`, batched). ``converged`` is False
    where the residual stays above ``tol``; callers must check it.
    """
    _check_model(model)
    k_shape = (model.rank,) if k0 is None else np.shape(k0)
    _, u = _as_state(model, np.zeros(k_shape), u)
    batch = np.broadcast_shapes(u.shape[:-1], k_shape[:-1])
    k = np.zeros(batch + (model.rank,)) if k0 is None else np.broadcast_to(
        np.asarray(k0, dtype=float), batch + (model.rank,)).copy()
    u = np.broadcast_to(u, batch + (model.n_inputs,))
    t_relax = check_scalar(t_relax, "t_relax", minimum=0.0)
    if t_relax > 0:
        flat_k = k.reshape(-1, model.rank)
        flat_u = u.reshape(-1, model.n_inputs)
        k = integrate(model, flat_k, t_relax, 0.1, flat_u).k[:, -1].reshape(k.shape)
    flat_k = k.reshape(-1, model.rank)
    flat_u = u.reshape(-1, model.n_inputs)
    res = newton(
        lambda x: velocity(model, x, flat_u),
        flat_k,
        tol=tol,
        max_iter=max_iter,
        central=True,
    )
    k = res.x.reshape(k.shape)
    resid = np.asarray(res.residual).reshape(batch)
    eig = np.linalg.eigvals(latent_jacobian(model, k, u))
    stable = np.all(eig.real < 0, axis=-1)
    if model.g > 0:
        radius = model.g * np.sqrt(
            gauss_avg(
                lambda x: dphi(x) ** 2,
                field_means(model, k, u),
                field_variances(model, k, u),
            )
        )
        stable = stable & np.all(radius < 1, axis=-1)
    z = readout(model, k, u) if model.has_readout else None
    return StationaryState(
        k, population_gains(model, k, u), z, resid < tol, resid, stable, eig
    )


@dataclass(frozen=True)
class LimitCycle:
    """Result of :func:`limit_cycle_theory`: ``radius`` r* and angular frequency
    ``omega``.

    Also a sequence ``(radius, omega)`` (``r, w = limit_cycle_theory(a, b)``,
    ``np.array([...])`` of results is an (n, 2) float array), as notebook 06 uses it.
    """

    radius: float
    omega: float

    def __iter__(self):
        return iter((self.radius, self.omega))

    def __getitem__(self, i):
        return (self.radius, self.omega)[i]

    def __len__(self):
        return 2


def limit_cycle_theory(a: float, b: float, g: float = 0.0,
                       m_var: float = 1.0) -> LimitCycle:
    """Limit cycle of ``dk/dt = -k + [φ'](0, Δ(k)) σ k`` for ``σ = [[a, -b], [b, a]]``.

    The rank-two model is ``rank_r(g, σ, m_cov=m_var·1)`` (no input). In polar
    coordinates ``ṙ = r(-1 + a[φ'](0, Δ(r)))``, ``θ̇ = b[φ'](0, Δ(r))`` with
    ``Δ(r) = Σ_m² r² (+ g²[φ²])``, so for ``a > 1`` (Hopf bifurcation of k = 0 at
    ``a = 1``) the cycle sits where the gain is ``[φ'] = 1/a``, and there

    * the radius ``r*`` solves ``[φ'](0, Δ(r*)) = 1/a`` (gain from
      :func:`population_gains`, root by ``scipy.optimize.brentq``);
    * the angular frequency is ``ω = b/a``, the period ``2π a / b``.

    Parameters
    ----------
    a, b : float
        Symmetric and rotational part of the overlap matrix; ``a > 1``.
    g : float, default 0
        Random bulk (adiabatic approximation for ``g > 0``).
    m_var : float, default 1
        ``Σ_m²`` of both ``m_1, m_2``.

    Returns
    -------
    LimitCycle
    """
    from scipy.optimize import brentq

    a = check_scalar(a, "a")
    b = check_scalar(b, "b")
    m_var = check_scalar(m_var, "m_var", strictly_positive=True)
    if a <= 1:
        raise ValueError(f"a must be > 1 for a limit cycle (Hopf at a = 1), got {a}")
    model = rank_r(g, [[a, -b], [b, a]], m_cov=m_var * np.eye(2))

    def gap(r):
        return float(population_gains(model, np.array([r, 0.0]))[0]) - 1 / a

    if gap(0.0) <= 0:
        raise ValueError(
            "no limit cycle: the gain at k = 0 is already below 1/a (g too large)")
    r_hi = 1.0
    while gap(r_hi) > 0:
        r_hi *= 2
    radius = brentq(gap, 0.0, r_hi, xtol=1e-13)
    return LimitCycle(float(radius), float(b / a))
