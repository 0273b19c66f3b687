"""Rank-R mean field with one zero-mean Gaussian population: compatibility layer.

The equations are implemented once, for mixtures of populations, in
:mod:`lrnn_utils.lowrank`; the rank-R model with one population is
:func:`lrnn_utils.models.rank_r`. The functions here keep the earlier call
signatures (``latent_rhs(kappa, p)``, ``integrate_latent(kappa0, t_max, dt, p)``)
and delegate; ``limit_cycle_theory`` is the one result specific to this module.

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

from ._validate import check_array, check_scalar
from .gaussian import dphi, gauss_avg
from .lowrank import fixed_points, integrate, population_gains, velocity
from .meanfield import MeanFieldConvergenceWarning
from .models import Mixture, rank_r

__all__ = [
    "LowRankParams",
    "LowRankSolution",
    "LimitCycle",
    "low_rank_params",
    "population_gain",
    "latent_rhs",
    "integrate_latent",
    "solve_low_rank",
    "limit_cycle_theory",
]

#: Compatibility name: rank-R parameters are a one-population :class:`~lrnn_utils.models.Mixture`.
LowRankParams = Mixture


def low_rank_params(g, overlap, *, m_cov=None, n_input_cov=None, m_input_cov=None,
                    input_var=0.0) -> Mixture:
    """Validate and bundle rank-R parameters (defaults: ``m_cov = I``, no input).

    Compatibility wrapper; prefer :func:`lrnn_utils.models.rank_r` (same arguments).
    """
    return rank_r(g, overlap, m_cov=m_cov, n_input_cov=n_input_cov,
                  m_input_cov=m_input_cov, input_var=input_var)


def _check_p(p):
    if not isinstance(p, Mixture) or p.fractions.size != 1 or p.n_inputs != 1:
        raise TypeError("p must come from low_rank_params / models.rank_r")


def population_gain(delta):
    """Average gain ``[φ'](0, Δ)``: how much a unit of input along a direction moves φ.

    Parameters
    ----------
    delta : array_like
        Variance(s) ``Δ >= 0``.

    Compatibility wrapper; prefer :func:`lrnn_utils.lowrank.population_gains` (the gains
    of a model's populations at a latent state).
    """
    delta = np.asarray(delta, dtype=float)
    if not np.all(np.isfinite(delta)):
        raise ValueError("delta must be finite (got NaN or inf)")
    return gauss_avg(dphi, 0.0, delta)


def latent_rhs(kappa, p: Mixture):
    """Right-hand side ``dk/dt = -k + [φ'](0, Δ(k)) (σ k + σ_nI)``, shape (..., R).

    Compatibility wrapper; prefer ``model.velocity(k, u=[1.0])``
    (:func:`lrnn_utils.lowrank.velocity`, input switched on).
    """
    _check_p(p)
    kappa = np.asarray(kappa, dtype=float)
    if kappa.shape[-1:] != (p.rank,):
        raise ValueError(f"kappa must have last dimension R={p.rank}, got {kappa.shape}")
    return velocity(p, kappa, np.ones(1))


def integrate_latent(kappa0, t_max: float, dt: float, p: Mixture):
    """Integrate the latent dynamics with RK4 (``0 < dt <= 0.5``; raises on divergence).

    Compatibility wrapper; prefer ``model.integrate(k0, t_max, dt, u=[1.0])``
    (:func:`lrnn_utils.lowrank.integrate`), which returns a ``LatentTrajectory``.

    Returns
    -------
    t : ndarray, shape (T,)
    kappa : ndarray, shape (T, R) or (B, T, R)
    """
    _check_p(p)
    traj = integrate(p, kappa0, t_max, dt, np.ones(1))
    return traj.t, traj.k


@dataclass(frozen=True)
class LowRankSolution:
    """Stationary rank-R state: ``kappa`` (R,), ``delta0``, ``gain = [φ'](0, Δ0)``,
    ``converged``, ``residual``, ``stable`` (eigenvalues of the latent Jacobian < 1e-9
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


@dataclass(frozen=True)
class LimitCycle:
    """Result of :func:`limit_cycle_theory`: ``radius`` r* and angular frequency ``omega``."""

    radius: float
    omega: float

    def __iter__(self):  # ``r, w = limit_cycle_theory(a, b)``
        return iter((self.radius, self.omega))

    def __getitem__(self, i):
        return (self.radius, self.omega)[i]

    def __len__(self):  # so that np.array([...]) of results is a (n, 2) float array
        return 2


def solve_low_rank(g, overlap, *, kappa0, m_cov=None, n_input_cov=None, m_input_cov=None,
                   input_var=0.0) -> LowRankSolution:
    """Stationary state of the rank-R mean-field equations, by Newton from ``kappa0``.

    ``kappa0`` (shape (R,)) picks the solution: for a ring attractor every point
    of the ring solves the equations and Newton returns a nearby one.

    Compatibility wrapper; prefer ``rank_r(...).solve(u=[1.0], k0=kappa0, t_relax=0)``
    (:func:`lrnn_utils.lowrank.fixed_points`).
    """
    p = rank_r(g, overlap, m_cov=m_cov, n_input_cov=n_input_cov,
               m_input_cov=m_input_cov, input_var=input_var)
    kappa0 = check_array(kappa0, "kappa0", shape=(p.rank,))
    st = fixed_points(p, np.ones(1), k0=kappa0, t_relax=0.0, tol=1e-12, max_iter=60)
    from .lowrank import field_variances

    delta0 = float(field_variances(p, st.k, np.ones(1))[0])
    radius = p.g * float(np.sqrt(gauss_avg(lambda x: dphi(x) ** 2, 0.0, delta0)))
    converged = bool(st.converged)
    stable = bool(converged and np.all(st.eigvals.real < 1e-9) and radius < 1)
    msg = "converged" if converged else "Newton did not converge"
    if not converged:
        warnings.warn(f"rank-{p.rank} mean-field did not converge: {msg}",
                      MeanFieldConvergenceWarning, stacklevel=2)
    return LowRankSolution(st.k, delta0, float(st.gains[0]), converged, float(st.residual),
                           stable, st.eigvals, radius, msg)


def limit_cycle_theory(a: float, b: float, g: float = 0.0, m_var: float = 1.0):
    """Limit cycle of ``dκ/dt = -κ + [φ'](0, Δ) σ κ`` for ``σ = [[a, -b], [b, a]]``.

    In polar coordinates ``ṙ = r(-1 + a[φ'](0, Δ(r)))``, ``θ̇ = b[φ'](0, Δ(r))`` with
    ``Δ(r) = Σ_m² r² (+ g²[φ²])``, so for ``a > 1`` (Hopf bifurcation of κ = 0 at
    ``a = 1``) the cycle sits where the gain is ``[φ'] = 1/a``, and there

    * radius ``r*`` solves ``[φ'](0, Δ(r*)) = 1/a``;
    * angular frequency ``ω = b/a``, period ``2π a / b``.

    Returns
    -------
    LimitCycle
        ``radius``, ``omega`` (unpacks as ``radius, omega = limit_cycle_theory(a, b)``).
    """
    from scipy.optimize import brentq

    a = check_scalar(a, "a")
    b = check_scalar(b, "b")
    m_var = check_scalar(m_var, "m_var", strictly_positive=True)
    if a <= 1:
        raise ValueError(f"a must be > 1 for a limit cycle (Hopf at a = 1), got {a}")
    p = rank_r(g, [[a, -b], [b, a]], m_cov=m_var * np.eye(2))

    def gap(r):
        return float(population_gains(p, np.array([r, 0.0]))[0]) - 1 / a

    if gap(0.0) <= 0:
        raise ValueError("no limit cycle: the gain at κ = 0 is already below 1/a (g too large)")
    r_hi = 1.0
    while gap(r_hi) > 0:
        r_hi *= 2
    radius = brentq(gap, 0.0, r_hi, xtol=1e-13)
    return LimitCycle(float(radius), float(b / a))
