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
    nested_tanh_terms,
    nodes_for,
    phi,
    solve_static_variance,
)

__all__ = [
    "MeanFieldConvergenceWarning",
    "RankOneParams",
    "RankOneSolution",
    "rank_one_params",
    "stationary_delta0",
    "self_consistency_map",
    "stationary_solutions",
    "solve_rank_one",
    "autocorrelation_theory",
    "readout_theory",
]

TOL = 1e-12  # residual (max-norm) accepted as converged
_MIN_GAP = 1e-7  # a chaotic solution needs Δ0 - Δ∞ above this (relative to Δ0)


class MeanFieldConvergenceWarning(RuntimeWarning):
    """A mean-field solve did not converge; the returned solution has ``converged=False``."""


@dataclass(frozen=True)
class RankOneParams:
    """Parameters of the rank-one mean-field problem (see :func:`solve_rank_one`)."""

    g: float
    m_mean: float = 0.0
    n_mean: float = 0.0
    m_var: float = 0.0
    n_var: float = 0.0
    mn_cov: float = 0.0
    input_mean: float = 0.0
    input_var: float = 0.0
    m_input_cov: float = 0.0
    n_input_cov: float = 0.0

    @property
    def overlap(self) -> float:
        """``mᵀn/N → M_m M_n + σ_mn`` as ``N → ∞``."""
        return self.m_mean * self.n_mean + self.mn_cov

    def structured_variance(self, kappa):
        """``Δs(κ) = Var_i(m_i κ + I_i) = Σ_m² κ² + 2 σ_mI κ + Σ_I²``."""
        kappa = np.asarray(kappa, dtype=float)
        return self.m_var * kappa**2 + 2 * self.m_input_cov * kappa + self.input_var

    def covariance(self) -> np.ndarray:
        """Covariance matrix of the entries of ``(m, n, I)`` across neurons, (3, 3)."""
        return np.array(
            [
                [self.m_var, self.mn_cov, self.m_input_cov],
                [self.mn_cov, self.n_var, self.n_input_cov],
                [self.m_input_cov, self.n_input_cov, self.input_var],
            ]
        )

    def means(self) -> np.ndarray:
        """Means ``(M_m, M_n, M_I)``."""
        return np.array([self.m_mean, self.n_mean, self.input_mean])

    def mean_input(self, kappa):
        """``μ(κ) = M_m κ + M_I``."""
        return self.m_mean * np.asarray(kappa, dtype=float) + self.input_mean


def rank_one_params(g, **kwargs) -> RankOneParams:
    """Validate and bundle the parameters; ``ValueError`` names any bad argument."""
    g = check_scalar(g, "g", minimum=0.0)
    allowed = set(RankOneParams.__dataclass_fields__) - {"g"}
    unknown = set(kwargs) - allowed
    if unknown:
        raise TypeError(
            f"unknown parameter(s) {sorted(unknown)}; expected some of {sorted(allowed)}"
        )
    values = {k: check_scalar(v, k) for k, v in kwargs.items()}
    for name in ("m_var", "n_var", "input_var"):
        if values.get(name, 0.0) < 0:
            raise ValueError(f"{name} must be >= 0 (a variance), got {values[name]}")
    p = RankOneParams(g=g, **values)
    cov = p.covariance()
    smallest = np.linalg.eigvalsh(cov).min()
    if smallest < -1e-12 * max(1.0, np.abs(cov).max()):
        raise ValueError(
            "the covariance matrix of (m, n, I) built from m_var, n_var, input_var, "
            "mn_cov, m_input_cov, n_input_cov must be positive semi-definite; its "
            f"smallest eigenvalue is {smallest:.3g} (is |mn_cov| > sqrt(m_var*n_var)?)"
        )
    return p


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
        Residual below ``TOL``; for "chaotic" also ``Δ0 - Δ∞ > 0``. Never use a
        solution with ``converged=False`` as a result.
    residual : float
        Max-norm of the residual of the equations.
    stable : bool
        Stationary: bulk radius < 1 and outlier slope < 1. Chaotic: outlier slope < 1.
    bulk_radius : float
        ``g √[φ'²](μ, Δ0)``, radius of the random part of the stability spectrum.
    outlier_slope : float
        ``dF/dκ`` at the solution (structured direction stable iff < 1).
    message : str
    params : RankOneParams
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
    params: RankOneParams = field(default=None, repr=False)
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
def stationary_delta0(p: RankOneParams, kappa, *, start=None):
    """Total variance ``Δ0(κ)`` of the stationary state: ``Δ0 = g² [φ²](μ(κ), Δ0) + Δs(κ)``.

    Vectorized over ``κ``; see :func:`lrnn_utils.gaussian.solve_static_variance`
    (largest root; ``start`` warm-starts a sweep).

    Returns
    -------
    delta0 : ndarray, shape of ``kappa``
    """
    kappa = np.asarray(kappa, dtype=float)
    return solve_static_variance(p.g, p.mean_input(kappa), p.structured_variance(kappa),
                                 start=start)


def _kappa_rhs(p: RankOneParams, kappa, mu, delta0, moments=None):
    """``M_n [φ](μ, Δ0) + (σ_mn κ + σ_nI) [φ'](μ, Δ0)`` (Stein's lemma)."""
    mo = moments if moments is not None else TanhMoments(mu, delta0)
    return p.n_mean * mo.phi + (p.mn_cov * kappa + p.n_input_cov) * mo.dphi


def self_consistency_map(kappa, g, **params):
    """The map ``F(κ)`` whose fixed points are the stationary states.

    ``F(κ) = M_n [φ](μ, Δ0) + (σ_mn κ + σ_nI) [φ'](μ, Δ0)`` with ``μ = M_m κ + M_I``
    and ``Δ0 = Δ0(κ)`` from the stationary variance equation.

    Parameters
    ----------
    kappa : array_like
    g : float
    **params
        As for :func:`solve_rank_one` (``m_mean``, ``n_mean``, ...).

    Returns
    -------
    F : ndarray, shape of ``kappa``
    """
    p = rank_one_params(g, **params)
    kappa = np.asarray(kappa, dtype=float)
    d0 = stationary_delta0(p, kappa)
    return _kappa_rhs(p, kappa, p.mean_input(kappa), d0)


def _stationary_residual(p: RankOneParams):
    def fun(v):
        kappa, d0 = v
        mu = p.mean_input(kappa)
        mo = TanhMoments(mu, d0)
        r1 = _kappa_rhs(p, kappa, mu, d0, mo) - kappa
        r2 = p.g**2 * mo.phi2 + p.structured_variance(kappa) - d0
        return np.array([r1, r2], dtype=float)

    return fun


def _stationary_jacobian(p: RankOneParams):
    """Analytic Jacobian of the stationary residual (``∂_μ[f] = [f']``, ``∂_Δ[f] = ½[f'']``)."""

    def jac(v):
        kappa, d0 = v
        mo = TanhMoments(p.mean_input(kappa), d0)
        drive = p.mn_cov * kappa + p.n_input_cov
        g2 = p.g**2
        return np.array([
            [p.n_mean * mo.dphi * p.m_mean + p.mn_cov * mo.dphi + drive * mo.d2phi * p.m_mean - 1.0,
             0.5 * p.n_mean * mo.d2phi + 0.5 * drive * mo.d3phi],
            [g2 * 2.0 * mo.phi_dphi * p.m_mean + 2 * p.m_var * kappa + 2 * p.m_input_cov,
             g2 * (mo.dphi2 + mo.phi_d2phi) - 1.0],
        ])

    return jac


def _stationary_solution(p: RankOneParams, kappa0: float, d0_guess=None) -> RankOneSolution:
    fun = _stationary_residual(p)
    valid = lambda v: v[1] >= 0  # noqa: E731
    project = lambda v: np.array([v[0], max(v[1], 0.0)])  # noqa: E731
    d0 = float(stationary_delta0(p, kappa0)) if d0_guess is None else float(d0_guess)
    start = np.array([kappa0, d0])
    res = newton(fun, start, valid=valid, project=project, tol=TOL,
                 jacobian=_stationary_jacobian(p))
    kappa, d0 = res.x
    return _finish(p, "stationary", kappa, d0, d0, res, fun, res.x, valid,
                   jacobian=_stationary_jacobian(p))


def _finish(p, regime, kappa, d0, dinf, res, fun, v, valid, jacobian=None) -> RankOneSolution:
    mu = float(p.mean_input(kappa))
    mo = TanhMoments(mu, d0)
    radius = p.g * np.sqrt(mo.dphi2)
    slope = _outlier_slope(fun, v, valid, jacobian) if res.converged else np.nan
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


def _outlier_slope(fun, v, valid, jacobian=None) -> float:
    """``dF/dκ`` with the other unknowns eliminated: ``1 +`` a Schur complement."""
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


def _kappa_bound(p: RankOneParams) -> float:
    """``|κ| = |⟨n φ⟩| ≤ √⟨n²⟩ = √(M_n² + Σ_n²)`` because ``|φ| ≤ 1``."""
    return float(np.sqrt(p.n_mean**2 + p.n_var))


def _bracket_roots(p: RankOneParams, n_grid: int = 121, cache: dict | None = None):
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
    z, w = nodes_for(d0)
    t = np.tanh(p.mean_input(grid)[:, None] + np.sqrt(d0)[:, None] * z)
    h = p.n_mean * (t @ w) + (p.mn_cov * grid + p.n_input_cov) * ((1 - t * t) @ w) - grid
    brackets = []
    for i in range(n_grid - 1):
        if h[i] == 0 or np.sign(h[i]) != np.sign(h[i + 1]):
            # secant estimate of the root inside the bracket, and Δ0 there
            w = h[i] / (h[i] - h[i + 1]) if h[i] != h[i + 1] else 0.5
            brackets.append((grid[i], grid[i + 1], grid[i] + w * (grid[i + 1] - grid[i]),
                             d0[i] + w * (d0[i + 1] - d0[i])))
    return brackets


def self_consistency_map_p(p: RankOneParams, kappa):
    kappa = np.asarray(kappa, dtype=float)
    return _kappa_rhs(p, kappa, p.mean_input(kappa), stationary_delta0(p, kappa))


def _refine(p, lo, hi, kappa_guess=None, d0_guess=None) -> RankOneSolution:
    """Root in [lo, hi]: Newton from the secant estimate, bisection-safeguarded."""
    if kappa_guess is None:
        kappa_guess = 0.5 * (lo + hi)
    sol = _stationary_solution(p, kappa_guess, d0_guess)
    span = hi - lo
    if sol.converged and lo - 1e-6 * span <= sol.kappa <= hi + 1e-6 * span:
        return sol
    from scipy.optimize import brentq

    kappa = brentq(lambda k: float(self_consistency_map_p(p, k)) - k, lo, hi, xtol=1e-14)
    return _stationary_solution(p, kappa)


def stationary_solutions(g, **params) -> list[RankOneSolution]:
    """All stationary solutions, sorted by ``κ`` (found by a grid scan of ``F(κ) - κ``).

    Roots closer together than the scan step (``~|κ|_max/60``) can be missed;
    this only happens right at a saddle-node or pitchfork point.
    """
    p = rank_one_params(g, **params)
    return _stationary_solutions_p(p)


def _stationary_solutions_p(p: RankOneParams, cache: dict | None = None) -> list[RankOneSolution]:
    sols: list[RankOneSolution] = []
    for lo, hi, k_guess, d_guess in _bracket_roots(p, cache=cache):
        s = _refine(p, lo, hi, k_guess, d_guess)
        if s.converged and all(abs(s.kappa - o.kappa) > 1e-9 for o in sols):
            sols.append(s)
    return sorted(sols, key=lambda s: s.kappa)


# --------------------------------------------------------------------------- #
# chaotic states
# --------------------------------------------------------------------------- #
def _chaotic_residual(p: RankOneParams):
    g2 = p.g**2

    def fun(v):
        kappa, d0, gap = v
        mu = p.mean_input(kappa)
        ds = p.structured_variance(kappa)
        dinf = max(d0 - gap, 0.0)  # finite-difference steps may touch Δ∞ = 0
        # [φ²] - C_φ, [Φ²] - C_Φ and [φ²] from one 2-D grid
        var_phi, var_Phi, phi2 = nested_tanh_terms(mu, d0, dinf)
        r1 = _kappa_rhs(p, kappa, mu, d0) - kappa
        # ½(Δ0² - Δ∞²) = g²([Φ²] - C_Φ) + Δs (Δ0 - Δ∞), divided by d = Δ0 - Δ∞
        r2 = d0 - 0.5 * gap - ds - g2 * var_Phi / gap
        # [(Δ∞ - Δs - g² C_φ) - r2] / d: no root at d = 0 except at the transition
        r3 = -0.5 + g2 * var_phi / gap - g2 * (phi2 - var_Phi / gap) / gap
        return np.array([r1, r2, r3], dtype=float)

    return fun


def _chaotic_solution(p: RankOneParams, start, jac0=None) -> RankOneSolution:
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
        res = replace(res, converged=False, message="collapsed onto the stationary state")
    sol = _finish(p, "chaotic", kappa, d0, d0 - gap, res, fun, res.x, valid)
    return replace(sol, jacobian=res.jac)


def _chaotic_starts(p: RankOneParams, kappa0: float):
    d_stat = float(stationary_delta0(p, kappa0))
    ds = float(p.structured_variance(kappa0))
    base = max(d_stat, ds + p.g**2 * 0.5, 1e-3)
    # near g = 1 the chaotic variance vanishes like (g - 1): start small too
    small = max(ds + 2.0 * max(p.g - 1.0, 0.0) * p.g**2, 1e-4)
    for d0 in (1.2 * base, small, 1.6 * base, 1.05 * base):
        for frac in (0.9, 0.5, 0.99):
            yield np.array([kappa0, d0, frac * max(d0 - ds, 1e-3 * d0)])


def _chaotic_from_guess(p, kappa0, warm=None, warm_jac=None) -> RankOneSolution:
    """Chaotic solution from a warm start (previous continuation point) or cold starts."""
    best = None
    starts = ([np.asarray(warm, float)] if warm is not None else []) + list(
        _chaotic_starts(p, kappa0)
    )
    for i, start in enumerate(starts):
        sol = _chaotic_solution(p, start, jac0=warm_jac if (i == 0 and warm is not None) else None)
        if sol.converged:
            return sol
        if best is None or sol.residual < best.residual:
            best = sol
    return best


# --------------------------------------------------------------------------- #
# public solver
# --------------------------------------------------------------------------- #
def solve_rank_one(
    g: float,
    *,
    m_mean: float = 0.0,
    n_mean: float = 0.0,
    m_var: float = 0.0,
    n_var: float = 0.0,
    mn_cov: float = 0.0,
    input_mean: float = 0.0,
    input_var: float = 0.0,
    m_input_cov: float = 0.0,
    n_input_cov: float = 0.0,
    regime: str = "stationary",
    kappa0: float | None = None,
) -> RankOneSolution:
    """Solve the rank-one DMFT for ``κ, μ, Δ0, Δ∞`` (equations in the module docstring).

    Parameters
    ----------
    g : float
        Strength of the random bulk (``J0_ij ~ N(0, g²/N)``).
    m_mean, n_mean, m_var, n_var, mn_cov : float
        Means ``M_m, M_n``, variances ``Σ_m², Σ_n²`` and covariance ``σ_mn`` of the
        entries of ``m`` and ``n``.
    input_mean, input_var, m_input_cov, n_input_cov : float
        Mean ``M_I`` and variance ``Σ_I²`` of the input, covariances ``σ_mI, σ_nI``.
    regime : {"stationary", "chaotic"}
    kappa0 : float, optional
        Starting point, which selects the branch (e.g. its sign). Default: for
        "stationary" the largest-κ stationary solution (all are found by a grid
        scan); for "chaotic" a start at that same κ.

    Returns
    -------
    RankOneSolution
        Check ``converged``; a failed solve also emits
        :class:`MeanFieldConvergenceWarning`.
    """
    p = rank_one_params(
        g,
        m_mean=m_mean,
        n_mean=n_mean,
        m_var=m_var,
        n_var=n_var,
        mn_cov=mn_cov,
        input_mean=input_mean,
        input_var=input_var,
        m_input_cov=m_input_cov,
        n_input_cov=n_input_cov,
    )
    if regime not in ("stationary", "chaotic"):
        raise ValueError(f'regime must be "stationary" or "chaotic", got {regime!r}')
    if kappa0 is not None:
        kappa0 = check_scalar(kappa0, "kappa0")
    return _solve_p(p, regime, kappa0)


def _solve_p(p: RankOneParams, regime: str, kappa0=None, warm=None) -> RankOneSolution:
    if kappa0 is None:
        roots = _stationary_solutions_p(p)
        if regime == "stationary" and roots:
            return roots[-1]
        kappa0 = roots[-1].kappa if roots else _kappa_bound(p)
    if regime == "stationary":
        sol = _stationary_solution(p, kappa0)
    else:
        sol = _chaotic_from_guess(p, kappa0, warm)
    if not sol.converged:
        warnings.warn(
            f"rank-one mean-field ({regime}) did not converge for {p}: {sol.message}; "
            f"residual {sol.residual:.2g}",
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
    for name, val in (("w_mean", w_mean), ("w_m_cov", w_m_cov), ("w_input_cov", w_input_cov)):
        check_scalar(val, name)
    if not sol.converged:
        raise ValueError("sol must be a converged solution (sol.converged is False)")
    return float(
        w_mean * gauss_avg(phi, sol.mu, sol.delta0)
        + (w_m_cov * sol.kappa + w_input_cov) * gauss_avg(dphi, sol.mu, sol.delta0)
    )
