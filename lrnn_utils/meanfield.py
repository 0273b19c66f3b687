"""Dynamical mean-field theory (DMFT) of the rank-one network.

Model: ``dx/dt = -x + g χ φ(x) + m nᵀφ(x)/N + I``, ``χ_ij ~ N(0, 1/N)``, with the
entries of ``m, n, I`` i.i.d. jointly Gaussian across neurons (means ``M_m, M_n,
M_I``, variances ``Σ²``, covariances ``σ``). Mastrogiuseppe & Ostojic (2018).

Unknowns: ``κ = ⟨n_j φ(x_j)⟩``, ``μ = ⟨x_i⟩ = M_m κ + M_I``, the total variance
``Δ0`` and, in the chaotic state, the long-lag covariance ``Δ∞``. With the
structured (quenched) variance ``Δs(κ) = Σ_m² κ² + 2σ_mI κ + Σ_I²``:

* ``κ = M_n [φ](μ, Δ0) + (σ_mn κ + σ_nI) [φ'](μ, Δ0)``   (Stein's lemma: the mean
  overlap and the correlated fluctuations are two separate terms);
* stationary: ``Δ0 = g² [φ²](μ, Δ0) + Δs``, ``Δ∞ = Δ0``;
* chaotic:    ``Δ∞ = Δs + g² C_φ(μ, Δ0, Δ∞)`` and
  ``½(Δ0² - Δ∞²) = g² ([Φ²](μ, Δ0) - C_Φ(μ, Δ0, Δ∞)) + Δs (Δ0 - Δ∞)``.

Numerics of the chaotic system. ``Δ∞ = Δ0`` (the stationary solution) solves the
two chaotic equations too, so a naive root finder happily returns it. We solve in
the unknowns ``(κ, Δ0, d = Δ0 - Δ∞)`` with the second equation divided by ``d``
and the difference of the two divided by ``d`` again; the temporal variances
``[f²] - C_f`` are evaluated as ``∫Dz Var_y f`` (no cancellation). Expanding in
``d`` shows that the third residual tends to ``½(g²[φ'²] - 1)`` as ``d → 0``: the
spurious root is gone except exactly at the transition to chaos, where the bulk
radius ``g √[φ'²]`` crosses one — as it should.

Stability. The random bulk of the linearised dynamics around a stationary state
has radius ``g √[φ'²](μ, Δ0)``; the structured direction is stable when the slope
``dF/dκ`` of the self-consistency map ``κ ↦ F(κ)`` (with Δ0 eliminated) is below
one. The outlier eigenvalue of the linearisation crosses zero exactly where this
slope crosses one (the Jacobian of the fixed-point equations is then singular),
so the slope decides stability but is not itself the eigenvalue.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace

import numpy as np

from ._newton import fd_jacobian, newton
from ._validate import check_scalar
from .gaussian import (
    TanhMoments,
    dphi,
    gauss_avg,
    nested_avg,
    n_nodes,
    _SHARED_MAX_DELTA,
    nested_tanh_terms,
    nodes_for,
    phi,
    solve_static_variance,
)
from .models import RankOne

__all__ = [
    "MeanFieldConvergenceWarning",
    "RankOneSolution",
    "StaticVariance",
    "static_variance",
    "stationary_delta0",
    "kappa_map",
    "kappa_equation",
    "bulk_radius",
    "outlier_slope",
    "all_stationary",
    "chaotic_from",
    "solve",
    "autocorrelation_theory",
    "readout_theory",
]

TOL = 1e-12  # residual (max-norm) accepted as converged
_SCAN_GRID = 121  # κ points of the stationary scan (odd: contains κ = 0)
_SCAN_BUDGET = 4_000_000  # quadrature values per array in one scan (~32 MB)
_MAX_NODES = 100_001  # one quadrature of a solve: variances up to ~2e7 (bounded memory)
# chaotic: residual re-measured on a 1.5x finer nested grid must be below
_FINE_TOL = 1e-10
_MIN_GAP = 1e-7  # a chaotic solution needs Δ0 - Δ∞ above this (relative to Δ0)


class MeanFieldConvergenceWarning(RuntimeWarning):
    """A mean-field solve did not converge; the returned solution has
    ``converged=False``."""


@dataclass(frozen=True)
class StaticVariance:
    """Solution of the stationary variance equation ``Δ = g²[φ²](μ, Δ) + Δs``.

    ``delta`` has the broadcast shape of the inputs; ``residual`` is the max-norm of
    the equation at ``delta`` re-evaluated with :func:`lrnn_utils.gaussian.gauss_avg`
    (an independent quadrature call); ``converged`` is ``residual <= tol · max(1, Δ)``.
    """

    delta: np.ndarray
    converged: bool
    residual: float


def static_variance(g: float, mu, structured_var, *, start=None, max_iter: int = 50,
                    tol: float = 1e-10, check: bool = True) -> StaticVariance:
    """Total variance of a stationary state: ``Δ = g² [φ²](μ, Δ) + Δs`` (largest root).

    Newton from the upper bound ``Δs + g²`` (see
    :func:`lrnn_utils.gaussian.solve_static_variance`). Where ``Δs = 0``, ``μ = 0`` and
    ``g ≤ 1`` the only root is ``Δ = 0`` (``g²[φ²](0, Δ) < Δ`` for ``Δ > 0``) and it is
    returned exactly (Newton converges only linearly to this double root at ``g = 1``).

    Parameters
    ----------
    g : float
    mu, structured_var : array_like
        ``μ`` and ``Δs``, broadcast together.
    start : array_like, optional
        Warm start (a nearby solution).
    check : bool, default True
        Compute ``residual``/``converged`` (one more quadrature). Only callers that
        re-check the result themselves (the solvers' hot loops) pass False; then
        ``converged`` is True and ``residual`` NaN.

    Returns
    -------
    StaticVariance
    """
    mu = np.asarray(mu, dtype=float)
    ds = np.asarray(structured_var, dtype=float)
    if not (np.all(np.isfinite(mu)) and np.all(np.isfinite(ds))):
        raise ValueError("mu and structured_var must be finite (got NaN or inf)")
    delta = np.asarray(solve_static_variance(g, mu, ds, start=start, max_iter=max_iter))
    if g <= 1:
        delta = np.where((ds == 0) & (mu == 0), 0.0, delta)
    if not check:
        return StaticVariance(delta, True, float("nan"))
    resid = g**2 * gauss_avg(lambda x: phi(x) ** 2, mu, delta) + ds - delta
    r = float(np.max(np.abs(resid) / np.maximum(1.0, delta), initial=0.0))
    return StaticVariance(delta, bool(r <= tol), r)


@dataclass(frozen=True)
class RankOneSolution:
    """One solution of the rank-one mean-field equations.

    Attributes
    ----------
    kappa, mu, delta0, delta_inf : float
        Latent variable, mean activation, total variance, long-lag covariance
        (``delta_inf == delta0`` for a stationary state).
    regime : {"stationary", "chaotic"}
    converged : bool
        Residual below ``TOL`` (1e-12); for "chaotic" also ``Δ0 - Δ∞ > 0`` and the
        residual re-measured on a 1.5x finer nested grid below 1e-10. Never use a
        solution with ``converged=False`` as a result.
    residual : float
        Max-norm of the residual of the equations (chaotic: the larger of the solver's
        and the finer grid's).
    stable : bool
        Stationary: bulk radius < 1 and outlier slope < 1. Chaotic: outlier slope < 1.
    bulk_radius : float
        ``g √[φ'²](μ, Δ0)``, radius of the random part of the stability spectrum.
    outlier_slope : float
        ``dF/dκ`` at the solution (structured direction stable iff < 1).
    message : str
    params : RankOne
    """

    kappa: float
    mu: float
    delta0: float
    delta_inf: float
    regime: str
    converged: bool
    residual: float
    stable: bool
    bulk_radius: float
    outlier_slope: float
    message: str = ""
    params: RankOne = field(default=None, repr=False)
    # last Newton Jacobian (chaotic solves): warm start of the next point of a sweep
    jacobian: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def delta_temporal(self) -> float:
        """``Δ0 - Δ∞``: the variance of the temporal fluctuations (0 if stationary)."""
        return self.delta0 - self.delta_inf

    @property
    def delta_structured(self) -> float:
        """``Δs = Σ_m² κ² + 2σ_mI κ + Σ_I²``: the quenched variance from structure."""
        return float(self.params.structured_variance(self.kappa))


# --------------------------------------------------------------------------- #
# stationary states
# --------------------------------------------------------------------------- #
def stationary_delta0(p: RankOne, kappa, *, start=None):
    """Total variance ``Δ0(κ)`` of the stationary state:
    ``Δ0 = g² [φ²](μ(κ), Δ0) + Δs(κ)``.

    Vectorized over ``κ``; see :func:`static_variance`
    (largest root; ``start`` warm-starts a sweep).

    Returns
    -------
    delta0 : ndarray, shape of ``kappa``
    """
    kappa = np.asarray(kappa, dtype=float)
    # check=False: every root found from it is polished and re-checked by the solvers
    return static_variance(p.g, p.mean_input(kappa), p.structured_variance(kappa),
                           start=start, check=False).delta


def kappa_equation(p: RankOne, kappa, phi_avg, dphi_avg):
    """Right-hand side of the rank-one κ self-consistency, from its two averages.

    ``F = M_n [φ](μ, Δ0) + (σ_mn κ + σ_nI) [φ'](μ, Δ0)`` (Stein's lemma: the mean
    overlap and the correlated fluctuations). Every evaluation of ``F`` in the package
    goes through this function.
    """
    return p.n_mean * phi_avg + (p.mn_cov * kappa + p.n_input_cov) * dphi_avg


def _kappa_rhs(p: RankOne, kappa, mu, delta0, moments=None):
    mo = moments if moments is not None else TanhMoments(mu, delta0)
    return kappa_equation(p, kappa, mo.phi, mo.dphi)


def kappa_map(p: RankOne, kappa):
    """``F(κ) = M_n [φ](μ, Δ0) + (σ_mn κ + σ_nI) [φ'](μ, Δ0)``, ``Δ0 = Δ0(κ)``
    eliminated.

    Parameters
    ----------
    p : RankOne
    kappa : array_like

    Returns
    -------
    F : ndarray, shape of ``kappa``
    """
    if not isinstance(p, RankOne):
        raise TypeError("p must be a RankOne model")
    kappa = np.asarray(kappa, dtype=float)
    if not np.all(np.isfinite(kappa)):
        raise ValueError("kappa must be finite (got NaN or inf)")
    d0 = stationary_delta0(p, kappa)
    return _kappa_rhs(p, kappa, p.mean_input(kappa), d0)


def _stationary_residual(p: RankOne):
    def fun(v):
        kappa, d0 = v
        mu = p.mean_input(kappa)
        mo = TanhMoments(mu, d0)
        r1 = _kappa_rhs(p, kappa, mu, d0, mo) - kappa
        r2 = p.g**2 * mo.phi2 + p.structured_variance(kappa) - d0
        return np.array([r1, r2], dtype=float)

    return fun


def _stationary_jacobian(p: RankOne):
    """Analytic Jacobian of the stationary residual (``∂_μ[f] = [f']``,
    ``∂_Δ[f] = ½[f'']``)."""

    def jac(v):
        kappa, d0 = v
        mo = TanhMoments(p.mean_input(kappa), d0)
        drive = p.mn_cov * kappa + p.n_input_cov
        g2 = p.g**2
        return np.array(
            [
                [
                    p.n_mean * mo.dphi * p.m_mean
                    + p.mn_cov * mo.dphi
                    + drive * mo.d2phi * p.m_mean
                    - 1.0,
                    0.5 * p.n_mean * mo.d2phi + 0.5 * drive * mo.d3phi,
                ],
                [
                    g2 * 2.0 * mo.phi_dphi * p.m_mean
                    + 2 * p.m_var * kappa
                    + 2 * p.m_input_cov,
                    g2 * (mo.dphi2 + mo.phi_d2phi) - 1.0,
                ],
            ]
        )

    return jac


def _stationary_solution(p: RankOne, kappa0: float, d0_guess=None) -> RankOneSolution:
    fun = _stationary_residual(p)
    valid = lambda v: v[1] >= 0  # noqa: E731
    project = lambda v: np.array([v[0], max(v[1], 0.0)])  # noqa: E731
    d0 = float(stationary_delta0(p, kappa0)) if d0_guess is None else float(d0_guess)
    start = np.array([kappa0, d0])
    # residuals are sums of O(Δ0) and O(κ) terms: ask for TOL relative to their scale
    # (an absolute 1e-12 is below float64 resolution once Δ0 ~ 1e4 or more)
    tol = TOL * max(1.0, abs(d0), abs(float(kappa0)))
    res = newton(fun, start, valid=valid, project=project, tol=tol,
                 jacobian=_stationary_jacobian(p))
    kappa, d0 = res.x
    return _finish(p, "stationary", kappa, d0, d0, res, fun, res.x, valid,
                   jacobian=_stationary_jacobian(p))


def bulk_radius(g: float, mu, delta0):
    """Radius ``g √[φ'²](μ, Δ0)`` of the random bulk of the linearised dynamics.

    A stationary state is stable along the bulk iff this is below one (the
    transition to chaos of a stationary branch is where it crosses one).
    """
    return g * np.sqrt(TanhMoments(mu, delta0).dphi2)


def _finish(
    p, regime, kappa, d0, dinf, res, fun, v, valid, jacobian=None
) -> RankOneSolution:
    mu = float(p.mean_input(kappa))
    if (
        regime == "stationary"
        and p.g <= 1
        and mu == 0
        and p.structured_variance(kappa) == 0
    ):
        # the exact (double at g = 1) root; Newton reaches it only linearly
        d0 = dinf = 0.0
    radius = float(bulk_radius(p.g, mu, d0))
    slope = outlier_slope(fun, v, valid, jacobian) if res.converged else np.nan
    if regime == "stationary":
        stable = bool(radius < 1 and slope < 1)
    else:
        stable = bool(slope < 1)
    return RankOneSolution(
        kappa=float(kappa),
        mu=mu,
        delta0=float(d0),
        delta_inf=float(dinf),
        regime=regime,
        converged=bool(res.converged),
        residual=float(res.residual),
        stable=stable and bool(res.converged),
        bulk_radius=float(radius),
        outlier_slope=float(slope),
        message=res.message,
        params=p,
    )


def outlier_slope(fun, v, valid=lambda x: True, jacobian=None) -> float:
    """Slope ``dF/dκ`` of the self-consistency map at a solution ``v = (κ, Δ0[, d])``.

    With ``fun = (F(κ, …) - κ, other equations)``, eliminating the other unknowns
    gives ``dF/dκ = 1 + J_κκ - J_κ,rest J_rest,rest⁻¹ J_rest,κ`` (a Schur complement of
    the Jacobian). The structured direction is stable iff it is below one.
    """
    if jacobian is not None:
        jac = jacobian(v)
    else:
        jac = fd_jacobian(fun, v, fun(v), valid, rel_step=1e-6)
    a, b, c, d = jac[0, 0], jac[0, 1:], jac[1:, 0], jac[1:, 1:]
    try:
        schur = a - b @ np.linalg.solve(d, c)
    except np.linalg.LinAlgError:
        return np.nan
    return float(1.0 + schur)


def _kappa_bound(p: RankOne) -> float:
    """``|κ| = |⟨n φ⟩| ≤ √⟨n²⟩ = √(M_n² + Σ_n²)`` because ``|φ| ≤ 1``."""
    return float(np.sqrt(p.n_mean**2 + p.n_var))


def _bracket_roots(p: RankOne, n_grid: int = 121, cache: dict | None = None):
    """Grid scan of ``h(κ) = F(κ) - κ``: list of (lo, hi, κ_guess, Δ0_guess) brackets.

    ``cache`` (a dict kept along a sweep) carries the Δ0 grid of the previous
    parameter value as the starting point of the next one.
    """
    bound = 1.02 * _kappa_bound(p) + 1e-9
    grid = np.linspace(-bound, bound, n_grid)  # odd: contains κ = 0 exactly
    start = None
    if cache is not None and cache.get("bound") == bound:
        start = cache["delta0"]
    d0 = stationary_delta0(p, grid, start=start)
    if cache is not None:
        cache.update(bound=bound, delta0=d0)
    # F(κ) on the grid with one tanh evaluation ([φ] and [φ'] only)
    mu = p.mean_input(grid)
    if np.max(d0) <= _SHARED_MAX_DELTA:  # one shared grid, one tanh per node: fast
        z, w = nodes_for(d0)
        t = np.tanh(mu[:, None] + np.sqrt(d0)[:, None] * z)
        h = kappa_equation(p, grid, t @ w, (1 - t * t) @ w) - grid
    else:  # bounded quadrature whatever the variance
        mo = TanhMoments(mu, d0)
        h = kappa_equation(p, grid, mo.phi, mo.dphi) - grid
    brackets = []
    for i in range(n_grid - 1):
        if h[i] == 0 or np.sign(h[i]) != np.sign(h[i + 1]):
            # secant estimate of the root inside the bracket, and Δ0 there
            w = h[i] / (h[i] - h[i + 1]) if h[i] != h[i + 1] else 0.5
            brackets.append(
                (
                    grid[i],
                    grid[i + 1],
                    grid[i] + w * (grid[i + 1] - grid[i]),
                    d0[i] + w * (d0[i + 1] - d0[i]),
                )
            )
    return brackets


def _refine(p, lo, hi, kappa_guess=None, d0_guess=None) -> RankOneSolution:
    """Root in [lo, hi]: Newton from the secant estimate, bisection-safeguarded."""
    if kappa_guess is None:
        kappa_guess = 0.5 * (lo + hi)
    sol = _stationary_solution(p, kappa_guess, d0_guess)
    span = hi - lo
    if sol.converged and lo - 1e-6 * span <= sol.kappa <= hi + 1e-6 * span:
        return sol
    from scipy.optimize import brentq

    kappa = brentq(lambda k: float(kappa_map(p, k)) - k, lo, hi, xtol=1e-14)
    return _stationary_solution(p, kappa)


def all_stationary(p: RankOne, cache: dict | None = None) -> list[RankOneSolution]:
    """All stationary solutions of the model ``p``, sorted by κ.

    A grid scan of ``h(κ) = F(κ) - κ`` over ``|κ| ≤ √(M_n² + Σ_n²)`` (``|φ| ≤ 1``)
    brackets the roots; each is polished by Newton on ``(κ, Δ0)``. ``cache`` (a dict
    kept along a sweep) warm-starts the Δ0 grid from the previous parameter value.

    The scan is bounded: if the variance at the edge of the κ range needs more than
    ``_SCAN_BUDGET`` quadrature values over the grid (Δ0 above ~2e5), no scan is made,
    a :class:`MeanFieldConvergenceWarning` is emitted and ``[]`` is returned (instead
    of minutes of computation and gigabytes of memory).
    """
    bound = 1.02 * _kappa_bound(p) + 1e-9
    d_max = float(np.max(p.structured_variance(np.array([-bound, bound])))) + p.g**2
    if _SCAN_GRID * n_nodes(d_max) > _SCAN_BUDGET:
        warnings.warn(
            f"rank-one stationary scan skipped for {p}: variances up to {d_max:.3g} "
            "need "
            f"{n_nodes(d_max)} quadrature nodes at each of {_SCAN_GRID} scan points "
            "(budget exceeded); no solution returned",
            MeanFieldConvergenceWarning,
            stacklevel=2,
        )
        return []
    sols: list[RankOneSolution] = []
    for lo, hi, k_guess, d_guess in _bracket_roots(p, _SCAN_GRID, cache=cache):
        s = _refine(p, lo, hi, k_guess, d_guess)
        if s.converged and all(abs(s.kappa - o.kappa) > 1e-9 for o in sols):
            sols.append(s)
    return sorted(sols, key=lambda s: s.kappa)


# --------------------------------------------------------------------------- #
# chaotic states
# --------------------------------------------------------------------------- #
def _chaotic_residual(p: RankOne, order=None):
    """Residual of the chaotic system; ``order`` fixes the nested grid (a finer
    check)."""
    g2 = p.g**2

    def fun(v):
        kappa, d0, gap = v
        mu = p.mean_input(kappa)
        ds = p.structured_variance(kappa)
        dinf = max(d0 - gap, 0.0)  # finite-difference steps may touch Δ∞ = 0
        # [φ²] - C_φ, [Φ²] - C_Φ and [φ²] from one 2-D grid
        var_phi, var_Phi, phi2 = nested_tanh_terms(mu, d0, dinf, order)
        r1 = _kappa_rhs(p, kappa, mu, d0) - kappa
        # ½(Δ0² - Δ∞²) = g²([Φ²] - C_Φ) + Δs (Δ0 - Δ∞), divided by d = Δ0 - Δ∞
        r2 = d0 - 0.5 * gap - ds - g2 * var_Phi / gap
        # [(Δ∞ - Δs - g² C_φ) - r2] / d: no root at d = 0 except at the transition
        r3 = -0.5 + g2 * var_phi / gap - g2 * (phi2 - var_Phi / gap) / gap
        return np.array([r1, r2, r3], dtype=float)

    return fun


def _chaotic_solution(p: RankOne, start, jac0=None) -> RankOneSolution:
    fun = _chaotic_residual(p)

    def valid(v):
        return v[1] > 0 and 0 < v[2] <= v[1]

    def project(v):
        d0 = max(v[1], 1e-12)
        return np.array([v[0], d0, min(max(v[2], 1e-3 * _MIN_GAP * d0), d0)])

    res = newton(fun, start, valid=valid, project=project, tol=TOL, broyden=True,
                 jac0=jac0, max_iter=40)
    kappa, d0, gap = res.x
    if res.converged and gap <= _MIN_GAP * d0:
        res = replace(
            res, converged=False, message="collapsed onto the stationary state"
        )
    if res.converged:
        # The residual a user measures with a finer quadrature (1.5x the nodes per axis,
        # h√Δ ≤ 0.27) can exceed the solver's own; where it does, polish on that grid.
        order = max(
            161, 20 * int(np.ceil(2 * 9.0 * np.sqrt(max(d0, 1e-12)) / 0.27 / 20)) + 1
        )
        fine_fun = _chaotic_residual(p, order)
        fine = float(np.max(np.abs(fine_fun(res.x))))
        if fine > _FINE_TOL:
            res = newton(fine_fun, res.x, valid=valid, project=project, tol=_FINE_TOL,
                         broyden=True, jac0=res.jac, max_iter=10)
            kappa, d0, gap = res.x
            fine = float(res.residual)
            if res.converged and gap <= _MIN_GAP * d0:
                res = replace(res, converged=False,
                              message="collapsed onto the stationary state")
        res = replace(res, residual=max(fine, float(res.residual)))
    sol = _finish(p, "chaotic", kappa, d0, d0 - gap, res, fun, res.x, valid)
    return replace(sol, jacobian=res.jac)


def _chaotic_starts(p: RankOne, kappa0: float):
    d_stat = float(stationary_delta0(p, kappa0))
    ds = float(p.structured_variance(kappa0))
    base = max(d_stat, ds + p.g**2 * 0.5, 1e-3)
    # near g = 1 the chaotic variance vanishes like (g - 1): start small too
    small = max(ds + 2.0 * max(p.g - 1.0, 0.0) * p.g**2, 1e-4)
    for d0 in (1.2 * base, small, 1.6 * base, 1.05 * base):
        for frac in (0.9, 0.5, 0.99):
            yield np.array([kappa0, d0, frac * max(d0 - ds, 1e-3 * d0)])


def chaotic_from(p: RankOne, kappa0, warm=None, warm_jac=None) -> RankOneSolution:
    """Chaotic solution near ``κ0``: from ``warm`` = ``(κ, Δ0, Δ0 - Δ∞)`` of the
    previous continuation point (with its Jacobian ``warm_jac``), else from cold starts.

    Solves, in ``(κ, Δ0, d = Δ0 - Δ∞)``, ``κ = F(κ)``,
    ``½(Δ0² - Δ∞²) = g²([Φ²] - C_Φ) + Δs d`` and ``Δ∞ = Δs + g² C_φ`` (module
    docstring). No warning is emitted; check ``converged``.
    """
    best = None
    starts = ([np.asarray(warm, float)] if warm is not None else []) + list(
        _chaotic_starts(p, kappa0)
    )
    for i, start in enumerate(starts):
        sol = _chaotic_solution(
            p, start, jac0=warm_jac if (i == 0 and warm is not None) else None
        )
        if sol.converged:
            return sol
        if best is None or sol.residual < best.residual:
            best = sol
    return best


# --------------------------------------------------------------------------- #
# public solver
# --------------------------------------------------------------------------- #
def _unsolved(p: RankOne, regime: str, message: str) -> RankOneSolution:
    nan = float("nan")
    return RankOneSolution(
        kappa=nan,
        mu=nan,
        delta0=nan,
        delta_inf=nan,
        regime=regime,
        converged=False,
        residual=float("inf"),
        stable=False,
        bulk_radius=nan,
        outlier_slope=nan,
        message=message,
        params=p,
    )


def _stable_chaotic_above(p: RankOne, unstable: RankOneSolution) -> RankOneSolution:
    """A stable chaotic solution from starts at larger κ (1/4, 1/2 and all of the
    bound on |κ|), else ``unstable`` itself."""
    for frac in (0.25, 0.5, 1.0):
        sol = chaotic_from(p, frac * _kappa_bound(p))
        if sol.converged and sol.stable:
            return sol
    return unstable


def solve(p: RankOne, regime: str = "stationary", kappa0=None,
          warm=None) -> RankOneSolution:
    """One solution of the rank-one DMFT for ``κ, μ, Δ0, Δ∞`` (module docstring).

    Usually called as ``model.solve(regime, kappa0)``
    (:meth:`lrnn_utils.models.RankOne.solve`).

    Parameters
    ----------
    p : RankOne
        The model: ``g`` and the statistics of ``m, n, I``.
    regime : {"stationary", "chaotic"}
    kappa0 : float, optional
        Starting point, which selects the branch (e.g. its sign). Default: for
        "stationary" the largest-κ stationary solution (all are found by a grid
        scan, :func:`all_stationary`); for "chaotic" a start at that same κ and, if
        the state found there is unstable, starts at larger κ, so that a stable
        chaotic state is returned where one exists (between the stationary and the
        chaotic pitchfork the largest stationary κ is 0, whose chaotic continuation
        is unstable, while the stable ±κ pair lies above it).
    warm : array_like (3,), optional
        Chaotic only: ``(κ, Δ0, Δ0 - Δ∞)`` of a nearby solution (continuation).

    Returns
    -------
    RankOneSolution
        Check ``converged``; a failed solve also emits
        :class:`MeanFieldConvergenceWarning`. Where the variances would need more
        than ``_MAX_NODES`` quadrature nodes nothing is solved (``converged=False``).
    """
    if not isinstance(p, RankOne):
        raise TypeError("p must be a RankOne model")
    if regime not in ("stationary", "chaotic"):
        raise ValueError(
            f'regime must be "stationary" or "chaotic", got {regime!r}')
    if kappa0 is not None:
        kappa0 = check_scalar(kappa0, "kappa0")
    edge = _kappa_bound(p) if kappa0 is None else abs(kappa0)
    d_max = (float(p.structured_variance(edge) + p.structured_variance(-edge))
             + p.g**2)
    if n_nodes(d_max) > _MAX_NODES:
        sol = _unsolved(p, regime, f"variances up to {d_max:.3g} exceed the "
                        f"quadrature's budget ({_MAX_NODES} nodes); not solved")
    else:
        default_start = kappa0 is None
        if default_start:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", MeanFieldConvergenceWarning)
                roots = all_stationary(p)
            if regime == "stationary" and roots:
                return roots[-1]
            kappa0 = roots[-1].kappa if roots else _kappa_bound(p)
        if regime == "stationary":
            sol = _stationary_solution(p, kappa0)
        else:
            sol = chaotic_from(p, kappa0, warm)
            if default_start and sol.converged and not sol.stable:
                sol = _stable_chaotic_above(p, sol)
    if not sol.converged:
        warnings.warn(
            f"rank-one mean-field ({regime}) did not converge for {p}: "
            f"{sol.message}; residual {sol.residual:.2g}",
            MeanFieldConvergenceWarning,
            stacklevel=3,
        )
    return sol


# --------------------------------------------------------------------------- #
# autocorrelation and readout
# --------------------------------------------------------------------------- #
def autocorrelation_theory(sol: RankOneSolution, tau) -> np.ndarray:
    """Autocorrelation ``Δ(τ)`` of the chaotic state from the DMFT.

    Integrates ``Δ'' = Δ - Δs - g² C_φ(μ, Δ0, Δ)`` with ``Δ(0) = Δ0``, ``Δ'(0) = 0``
    (the motion of a particle in the SCS potential, from rest at ``Δ0`` down to
    ``Δ∞``). The orbit is a separatrix, so the integration is stopped once ``Δ`` is
    within 1e-6·Δ0 of ``Δ∞`` or turns back, and continued with ``Δ∞``.

    Parameters
    ----------
    sol : RankOneSolution
        A converged solution (for a stationary one ``Δ(τ) = Δ0`` for all τ).
    tau : array_like, shape (T,)
        Non-negative lags.

    Returns
    -------
    delta : ndarray, shape (T,)
    """
    from scipy.integrate import solve_ivp

    if not isinstance(sol, RankOneSolution):
        raise TypeError("sol must be a RankOneSolution")
    if not sol.converged:
        raise ValueError("sol must be a converged solution (sol.converged is False)")
    tau = np.asarray(tau, dtype=float)
    if tau.ndim != 1 or np.any(tau < 0):
        raise ValueError("tau must be a 1-D array of non-negative lags")
    if sol.regime == "stationary" or sol.delta_temporal <= 0:
        return np.full(tau.shape, sol.delta0)
    p, d0, dinf, mu = sol.params, sol.delta0, sol.delta_inf, sol.mu
    ds = sol.delta_structured

    def rhs(_, y):
        delta = min(max(y[0], dinf), d0)
        return [y[1], delta - ds - p.g**2 * float(nested_avg(phi, mu, d0, delta))]

    near = lambda _, y: y[0] - dinf - 1e-6 * d0  # noqa: E731
    near.terminal = True
    turn = lambda t, y: y[1] if t > 1e-3 else -1.0  # noqa: E731
    turn.terminal = True
    turn.direction = 1
    t_end = float(tau.max(initial=0.0))
    out = np.full(tau.shape, dinf)
    if t_end == 0:
        return np.full(tau.shape, d0)
    ivp = solve_ivp(
        rhs, (0.0, t_end), [d0, 0.0], events=(near, turn), dense_output=True,
        rtol=1e-9, atol=1e-12, method="DOP853",
    )
    t_stop = ivp.t[-1]
    inside = tau <= t_stop
    out[inside] = ivp.sol(tau[inside])[0]
    return np.clip(out, dinf, d0)


def readout_theory(sol: RankOneSolution, *, w_mean=0.0, w_m_cov=0.0, w_input_cov=0.0):
    """Population readout ``z = ⟨w_i φ(x_i)⟩ = M_w [φ] + (σ_wm κ + σ_wI) [φ']``.

    Selective when the input overlaps ``n`` (so that ``κ`` moves) and the readout
    overlaps ``m`` (``σ_wm ≠ 0``).
    """
    for name, val in (
        ("w_mean", w_mean),
        ("w_m_cov", w_m_cov),
        ("w_input_cov", w_input_cov),
    ):
        check_scalar(val, name)
    if not sol.converged:
        raise ValueError("sol must be a converged solution (sol.converged is False)")
    return float(
        w_mean * gauss_avg(phi, sol.mu, sol.delta0)
        + (w_m_cov * sol.kappa + w_input_cov) * gauss_avg(dphi, sol.mu, sol.delta0)
    )
