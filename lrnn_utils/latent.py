"""Rank-R mean-field theory for zero-mean Gaussian vectors, and the latent κ-dynamics.

With zero-mean, jointly Gaussian entries of ``m_r, n_r, I`` (Mastrogiuseppe &
Ostojic 2018, rank-two sections), Stein's lemma gives for the stationary states

.. math::

    κ_r = [φ'](0, Δ_0) \\Big(\\sum_s σ_{rs} κ_s + σ_{n_r I}\\Big), \\qquad
    Δ_0 = g^2 [φ^2](0, Δ_0) + κ^T C_{mm} κ + 2 κ^T σ_{mI} + Σ_I^2,

with the overlap matrix ``σ_rs = σ_{n_r m_s}`` (``= n_rᵀ m_s / N`` for large N).
The latent dynamics

.. math::

    \\dot κ = -κ + [φ'](0, Δ(κ)) \\, (σ κ + σ_{nI})

is exact for ``g = 0`` as ``N → ∞`` and an adiabatic approximation for ``g > 0``,
where ``Δ(κ)`` solves the stationary variance equation at each κ.

Which κ? In this ODE ``κ_r(t)`` is the *coordinate* of the activity along
``m_r``: started in the plane, ``x(t) = Σ_r m_r κ_r(t) + I`` exactly (g = 0), and
``Δ(κ)`` is the variance of that field. The quantity ``n_rᵀφ(x)/N`` that
:func:`~lrnn_utils.simulate.simulate` records is the *drive*
``F_r(κ) = [φ'](σκ + σ_nI)_r``; the two coincide at fixed points, not during
transients or on a limit cycle. Compare the ODE with
:func:`lrnn_utils.analysis.project` of the simulated ``x`` onto ``m``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from ._newton import newton
from ._validate import check_array, check_int, check_scalar
from .gaussian import dphi, gauss_avg, solve_static_variance
from .meanfield import MeanFieldConvergenceWarning

__all__ = [
    "LowRankParams",
    "LowRankSolution",
    "low_rank_params",
    "population_gain",
    "latent_rhs",
    "integrate_latent",
    "solve_low_rank",
    "limit_cycle_theory",
]


@dataclass(frozen=True)
class LowRankParams:
    """Second-order statistics of zero-mean ``m_r, n_r, I`` (``R`` = rank).

    Attributes
    ----------
    g : float
    overlap : ndarray (R, R)
        ``σ_rs = Cov(n_r, m_s)``: row r is what ``n_r`` listens to in each ``m_s``.
    m_cov : ndarray (R, R)
        ``Cov(m_r, m_s)``; sets the structured variance ``κᵀ C_mm κ``.
    n_input_cov : ndarray (R,)
        ``σ_{n_r I}``: how strongly each ``κ_r`` is driven by the input.
    m_input_cov : ndarray (R,)
        ``σ_{m_r I}``.
    input_var : float
        ``Σ_I²``.
    """

    g: float
    overlap: np.ndarray
    m_cov: np.ndarray
    n_input_cov: np.ndarray
    m_input_cov: np.ndarray
    input_var: float

    @property
    def rank(self) -> int:
        return self.overlap.shape[0]

    def field_variance(self, kappa):
        """``Var_i(Σ_r m_ri κ_r + I_i)`` for ``kappa`` of shape ``(..., R)``."""
        kappa = np.asarray(kappa, dtype=float)
        quad = np.einsum("...r,rs,...s->...", kappa, self.m_cov, kappa)
        return quad + 2 * kappa @ self.m_input_cov + self.input_var


def low_rank_params(
    g, overlap, *, m_cov=None, n_input_cov=None, m_input_cov=None, input_var=0.0
) -> LowRankParams:
    """Validate and bundle rank-R parameters (defaults: ``m_cov = I``, no input)."""
    g = check_scalar(g, "g", minimum=0.0)
    overlap = check_array(overlap, "overlap", ndim=2)
    R = overlap.shape[0]
    if overlap.shape != (R, R) or R < 1:
        raise ValueError(f"overlap must be a square (R, R) matrix, got {overlap.shape}")
    m_cov = np.eye(R) if m_cov is None else check_array(m_cov, "m_cov", shape=(R, R))
    if not np.allclose(m_cov, m_cov.T) or np.linalg.eigvalsh(m_cov).min() < -1e-12:
        raise ValueError("m_cov must be a symmetric positive semi-definite (R, R) matrix")
    zeros = np.zeros(R)
    n_input_cov = (
        zeros if n_input_cov is None else check_array(n_input_cov, "n_input_cov", shape=(R,))
    )
    m_input_cov = (
        zeros if m_input_cov is None else check_array(m_input_cov, "m_input_cov", shape=(R,))
    )
    input_var = check_scalar(input_var, "input_var", minimum=0.0)
    joint = np.block(
        [[m_cov, m_input_cov[:, None]], [m_input_cov[None, :], np.array([[input_var]])]]
    )
    if np.linalg.eigvalsh(joint).min() < -1e-10 * max(1.0, np.abs(joint).max()):
        raise ValueError(
            "the covariance of (m_1..m_R, I) from m_cov, m_input_cov, input_var is not "
            "positive semi-definite (|m_input_cov| too large for input_var?)"
        )
    return LowRankParams(g, overlap, m_cov, n_input_cov, m_input_cov, input_var)


def _delta_of_kappa(p: LowRankParams, kappa):
    """Total variance ``Δ(κ)``: ``Δ = g² [φ²](0, Δ) + Var(mκ + I)``, vectorized over κ."""
    return solve_static_variance(p.g, 0.0, p.field_variance(kappa))


def population_gain(delta):
    """Average gain ``[φ'](0, Δ)``: how much a unit of input along a direction moves φ."""
    return gauss_avg(dphi, 0.0, delta)


def latent_rhs(kappa, p: LowRankParams):
    """Right-hand side ``dκ/dt = -κ + [φ'](0, Δ(κ)) (σ κ + σ_nI)``.

    Parameters
    ----------
    kappa : array_like, shape (..., R)
    p : LowRankParams

    Returns
    -------
    ndarray, shape (..., R)
    """
    if not isinstance(p, LowRankParams):
        raise TypeError("p must be LowRankParams (see low_rank_params)")
    kappa = np.asarray(kappa, dtype=float)
    if kappa.shape[-1:] != (p.rank,):
        raise ValueError(f"kappa must have last dimension R={p.rank}, got {kappa.shape}")
    gain = population_gain(_delta_of_kappa(p, kappa))
    return -kappa + gain[..., None] * (kappa @ p.overlap.T + p.n_input_cov)


def integrate_latent(kappa0, t_max: float, dt: float, p: LowRankParams):
    """Integrate the latent dynamics with classical Runge–Kutta (RK4).

    Parameters
    ----------
    kappa0 : array_like, shape (R,) or (B, R)
        Initial latent state(s); batches are integrated together.
    t_max, dt : float

    Returns
    -------
    t : ndarray, shape (T,)
    kappa : ndarray, shape (T, R) or (B, T, R)
    """
    k = check_array(kappa0, "kappa0", ndim=(1, 2))
    t_max = check_scalar(t_max, "t_max", strictly_positive=True)
    dt = check_scalar(dt, "dt", strictly_positive=True)
    n_steps = check_int(int(round(t_max / dt)), "t_max/dt", minimum=1)
    out = np.empty((n_steps + 1,) + k.shape)
    out[0] = k
    for i in range(n_steps):
        k1 = latent_rhs(k, p)
        k2 = latent_rhs(k + 0.5 * dt * k1, p)
        k3 = latent_rhs(k + 0.5 * dt * k2, p)
        k4 = latent_rhs(k + dt * k3, p)
        k = k + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out[i + 1] = k
    t = np.arange(n_steps + 1) * dt
    return t, (out if k.ndim == 1 else np.moveaxis(out, 0, 1))


@dataclass(frozen=True)
class LowRankSolution:
    """Stationary rank-R state: ``kappa`` (R,), ``delta0``, ``gain = [φ'](0, Δ0)``,
    ``converged``, ``residual``, ``stable`` (eigenvalues of the latent Jacobian < 0
    and bulk radius < 1), ``jacobian_eigvals``, ``bulk_radius``."""

    kappa: np.ndarray
    delta0: float
    gain: float
    converged: bool
    residual: float
    stable: bool
    jacobian_eigvals: np.ndarray
    bulk_radius: float
    message: str = ""


def solve_low_rank(g, overlap, *, kappa0, m_cov=None, n_input_cov=None, m_input_cov=None,
                   input_var=0.0) -> LowRankSolution:
    """Stationary state of the rank-R mean-field equations, by Newton from ``kappa0``.

    ``kappa0`` (shape (R,)) picks the solution: for a ring attractor every point
    of the ring solves the equations and Newton returns a nearby one.
    """
    p = low_rank_params(g, overlap, m_cov=m_cov, n_input_cov=n_input_cov,
                        m_input_cov=m_input_cov, input_var=input_var)
    kappa0 = check_array(kappa0, "kappa0", shape=(p.rank,))
    res = newton(lambda k: latent_rhs(k, p), kappa0, tol=1e-12)
    kappa = res.x
    delta0 = float(_delta_of_kappa(p, kappa))
    gain = float(population_gain(delta0))
    jac = _latent_jacobian(p, kappa)
    eig = np.linalg.eigvals(jac)
    radius = p.g * float(np.sqrt(gauss_avg(lambda x: dphi(x) ** 2, 0.0, delta0)))
    stable = bool(res.converged and np.all(eig.real < 1e-9) and radius < 1)
    if not res.converged:
        warnings.warn(f"rank-{p.rank} mean-field did not converge: {res.message}",
                      MeanFieldConvergenceWarning, stacklevel=2)
    return LowRankSolution(kappa, delta0, gain, bool(res.converged), float(res.residual),
                           stable, eig, radius, res.message)


def _latent_jacobian(p, kappa, h=1e-6):
    R = p.rank
    jac = np.empty((R, R))
    for s in range(R):
        e = np.zeros(R)
        e[s] = h
        jac[:, s] = (latent_rhs(kappa + e, p) - latent_rhs(kappa - e, p)) / (2 * h)
    return jac


def limit_cycle_theory(a: float, b: float, g: float = 0.0, m_var: float = 1.0):
    """Limit cycle of ``dκ/dt = -κ + [φ'](0, Δ) σ κ`` for ``σ = [[a, -b], [b, a]]``.

    In polar coordinates ``ṙ = r(-1 + a[φ'](0, Δ(r)))``, ``θ̇ = b[φ'](0, Δ(r))`` with
    ``Δ(r) = Σ_m² r² (+ g²[φ²])``, so for ``a > 1`` (Hopf bifurcation of κ = 0 at
    ``a = 1``) the cycle sits where the gain is ``[φ'] = 1/a``, and there

    * radius ``r*`` solves ``[φ'](0, Δ(r*)) = 1/a``;
    * angular frequency ``ω = b/a``, period ``2π a / b``.

    Returns
    -------
    radius, omega : float
    """
    from scipy.optimize import brentq

    a = check_scalar(a, "a")
    b = check_scalar(b, "b")
    m_var = check_scalar(m_var, "m_var", strictly_positive=True)
    if a <= 1:
        raise ValueError(f"a must be > 1 for a limit cycle (Hopf at a = 1), got {a}")
    p = low_rank_params(g, [[a, -b], [b, a]], m_cov=m_var * np.eye(2))

    def gap(r):
        return float(population_gain(_delta_of_kappa(p, np.array([r, 0.0])))) - 1 / a

    if gap(0.0) <= 0:
        raise ValueError("no limit cycle: the gain at κ = 0 is already below 1/a (g too large)")
    r_hi = 1.0
    while gap(r_hi) > 0:
        r_hi *= 2
    radius = brentq(gap, 0.0, r_hi, xtol=1e-13)
    return radius, b / a
