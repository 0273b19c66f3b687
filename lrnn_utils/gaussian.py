"""Gaussian averages by quadrature, and the transfer function.

Notation of the theory sheet:

* ``[f](μ, Δ) = ∫ Dz f(μ + √Δ z)``, ``Dz`` the standard Gaussian measure;
* ``C_f(μ, Δ0, Δ∞) = ∫ Dz [∫ Dy f(μ + √(Δ0-Δ∞) y + √Δ∞ z)]²`` (nested average).

Quadrature, with a node count bounded whatever ``μ`` and ``Δ``:

* **Small variance** (``√Δ ≤ 2.9``): the trapezoid rule in ``z`` on ``[-9, 9]`` with
  Gaussian weights and spacing ``h`` such that ``h·√Δ ≤ 0.25`` (at least 81 nodes).
  For the analytic integrands met here (``tanh`` and friends, poles at ``±iπ/2``)
  its error falls like ``exp(-π²/(h√Δ))`` < 1e-17. Gauss–Hermite is worse here
  (``tests/test_gaussian.py``): its nodes are too sparse where ``tanh(√Δ z)`` steps.
* **Large variance**: ``tanh`` is saturated beyond ``|x| = 20`` (``1 - tanh 20 =
  8e-18``), so only the *core* ``|μ + √Δ z| ≤ 20`` needs a fine rule. The ``z`` axis
  is cut at the two ends of the core into two tails and four core panels, each
  integrated by a 36-node Gauss–Legendre rule (216 nodes per point, whatever
  ``μ`` and ``Δ``; error < 1e-11 against adaptive quadrature up to ``Δ = 1e12``,
  ``|μ| = 1e6``, ``tests/test_gaussian.py``). This assumes that ``f`` is smooth on
  the scale of 1 and polynomial-like (constant, linear, quadratic) for ``|x| > 20``
  — true of ``φ, φ', φ'', Φ`` and their products, not of e.g. ``sin``.

Nested averages use the same rules on both axes: the outer one sees the inner
average as a function of ``μ + √Δ∞ z`` that is saturated beyond
``20 + 9√(Δ0-Δ∞)`` and smooth on the scale ``max(1, √(Δ0-Δ∞))`` (at most
288 × 216 nodes per point). Vectorized calls are evaluated in chunks of at most
``2**21`` nodes, so the memory of any call is bounded by a few tens of MB beyond
its input and output.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

__all__ = [
    "phi",
    "dphi",
    "Phi",
    "gauss_avg",
    "nested_avg",
    "nested_var",
    "TanhMoments",
    "nested_tanh_terms",
    "nodes_for",
    "n_nodes",
]

_Z_MAX = 9.0  # Gaussian tail beyond 9 standard deviations: < 1e-18
_X_SAT = 20.0  # |x| beyond which tanh, φ', Φ - |x| are constant to < 1e-16
_H_SQRT_DELTA = 0.25  # node spacing times √Δ: sets the error ~exp(-π²/0.25) ≈ 1e-17
_H_SQRT_DELTA_NESTED = 0.32  # nested 2-D grids: error ~exp(-π²/0.32) ≈ 4e-14
_MIN_NODES = 81
_MIN_NODES_NESTED = 41
_GL_NODES = 36  # Gauss–Legendre nodes per panel of the composite rule
_PANEL = 10.0  # core panel length in units of the integrand's scale
_N_COMPOSITE = 6 * _GL_NODES  # single averages: 4 core panels + 2 tails
# a user-given uniform rule: exact for Gaussian × low-degree polynomials
_MIN_ORDER = 41
_MAX_ORDER = 20001
_MAX_SHARED = 2001  # nodes_for without mu: shared grid, Δ <= 770
_CHUNK = 2**21  # nodes evaluated at once: bounds the memory of a vectorized call


# --------------------------------------------------------------------------- #
# argument checks (cheap scalar paths: the solvers call these in inner loops)
# --------------------------------------------------------------------------- #
def _real(x, name: str):
    """``x`` as a float (or float64 array): reject None, complex, non-numeric, NaN."""
    if isinstance(x, float):  # also np.float64: the solvers' scalar fast path
        if x != x:
            raise ValueError(f"{name} must not be NaN")
        return float(x)
    if isinstance(x, np.ndarray) and x.dtype == np.float64:
        if np.isnan(x).any():
            raise ValueError(f"{name} must not contain NaN")
        return x
    if x is None:
        raise TypeError(f"{name} must be a real number or array, got None")
    arr = np.asarray(x)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number)
                                   or np.issubdtype(arr.dtype, np.bool_)):
        raise TypeError(f"{name} must be a real number or array, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real, got a complex value")
    arr = arr.astype(np.float64, copy=False)
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not contain NaN")
    return arr


def _finite(x, name: str):
    x = _real(x, name)
    if type(x) is float:
        if x in (math.inf, -math.inf):
            raise ValueError(f"{name} must be finite, got {x}")
    elif not np.isfinite(x).all():
        raise ValueError(f"{name} must be finite (no inf)")
    return x


def _sqrt_nonneg(delta, name: str):
    """``√Δ`` after checking that ``Δ`` is a finite variance (``-1e-12`` tolerated)."""
    if isinstance(delta, (float, int, np.floating, np.integer)) and not isinstance(
        delta, bool
    ):
        d = float(delta)
        if not (d >= -1e-12) or d == math.inf:
            raise ValueError(f"{name} must be a finite variance >= 0, got {d:.3g}")
        return np.float64(math.sqrt(d) if d > 0 else 0.0)
    delta = _finite(delta, name)
    if np.any(delta < -1e-12):
        raise ValueError(
            f"{name} must be >= 0 (a variance), got min {np.min(delta):.3g}"
        )
    return np.sqrt(np.clip(delta, 0.0, None))


def _check_order(order):
    if order is None:
        return None
    if isinstance(order, bool) or not isinstance(order, (int, np.integer)):
        raise TypeError(f"order must be an integer or None, got {order!r}")
    if not _MIN_ORDER <= order <= _MAX_ORDER:
        raise ValueError(f"order must be in [{_MIN_ORDER}, {_MAX_ORDER}] (nodes of the "
                         f"uniform rule on [-9, 9]; fewer are not exact), got {order}")
    return int(order)


def _check_callable(f):
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")


# --------------------------------------------------------------------------- #
# the transfer function
# --------------------------------------------------------------------------- #
def phi(x):
    """Transfer function ``φ(x) = tanh(x)`` (real ``x``; NaN rejected)."""
    return np.tanh(_real(x, "x"))


def dphi(x):
    """Derivative ``φ'(x) = 1 - tanh²(x)``."""
    t = np.tanh(_real(x, "x"))
    return 1.0 - t * t


def _Phi_from(x, t):
    """``ln cosh x = |x| - ln(1 + |tanh x|)``: exact, and no overflow for large
    ``|x|``."""
    return np.abs(x) - np.log1p(np.abs(t))


def Phi(x):
    """Primitive ``Φ(x) = ln cosh(x)``, computed without overflow for large ``|x|``."""
    x = _real(x, "x")
    return _Phi_from(x, np.tanh(x))


# --------------------------------------------------------------------------- #
# quadrature rules
# --------------------------------------------------------------------------- #
def _uniform_count(sd_max: float, h: float, n_min: int) -> int:
    n = max(int(2 * _Z_MAX * sd_max / h) + 1, n_min)
    return ((n + 6) // 8) * 8 + 1  # odd, 8k + 1 >= n: nearby Δ share cached nodes


def _n_panels(xc: float, scale: float) -> int:
    return max(1, int(math.ceil(2 * xc / scale / _PANEL - 1e-9)))


@lru_cache(maxsize=256)
def _nodes(order: int) -> tuple[np.ndarray, np.ndarray]:
    """Trapezoid nodes on [-9, 9] and Gaussian weights normalised to sum to 1."""
    z = np.linspace(-_Z_MAX, _Z_MAX, order)
    w = np.exp(-0.5 * z * z)
    w = w / w.sum()
    z.setflags(write=False)
    w.setflags(write=False)
    return z, w


@lru_cache(maxsize=4)
def _legendre(n: int):
    x, w = np.polynomial.legendre.leggauss(n)
    return 0.5 * (x + 1.0), 0.5 * w  # on [0, 1]


def _composite(mu, sd, xc, n_panels):
    """Per-point nodes ``z`` and weights, shape ``mu.shape + (n,)``: tails + core
    panels.

    The core ``|mu + sd z| <= xc`` (clipped to ``[-9, 9]``) is split into
    ``n_panels`` equal panels; ``[-9, core]`` and ``[core, 9]`` are one panel each.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        lo = np.where(sd > 0, (-xc - mu) / sd, np.where(mu >= -xc, -_Z_MAX, _Z_MAX))
        hi = np.where(sd > 0, (xc - mu) / sd, np.where(mu <= xc, _Z_MAX, -_Z_MAX))
    lo = np.clip(lo, -_Z_MAX, _Z_MAX)
    hi = np.clip(hi, lo, _Z_MAX)
    frac = np.arange(n_panels + 1) / n_panels
    edges = np.concatenate([np.full(lo.shape + (1,), -_Z_MAX),
                            lo[..., None] + (hi - lo)[..., None] * frac,
                            np.full(lo.shape + (1,), _Z_MAX)], axis=-1)
    a, b = edges[..., :-1, None], edges[..., 1:, None]  # (..., panels, 1)
    x01, w01 = _legendre(_GL_NODES)
    z = (a + (b - a) * x01).reshape(lo.shape + (-1,))
    w = ((b - a) * w01).reshape(lo.shape + (-1,)) * np.exp(-0.5 * z * z)
    return z, w / w.sum(axis=-1, keepdims=True)


def _is_small(sd, h=_H_SQRT_DELTA, n_min=_MIN_NODES):
    """Points whose uniform rule needs no more nodes than the composite one (216)."""
    return np.asarray(sd) <= (_N_COMPOSITE - 8) * h / (2 * _Z_MAX)


def _rule(mu, sd, *, xc=_X_SAT, scale=1.0, h=_H_SQRT_DELTA, n_min=_MIN_NODES,
          order=None):
    """Nodes ``z`` and weights for averages of ``f(mu + sd z)``.

    Shared 1-D ``(z, w)`` (uniform trapezoid) if every point is small
    (:func:`_is_small`), else per-point composite nodes ``mu.shape + (n,)``.
    """
    if order is not None:
        return _nodes(order)
    if np.all(_is_small(sd, h, n_min)):
        return _nodes(_uniform_count(float(np.max(sd, initial=0.0)), h, n_min))
    n_pan = _n_panels(
        float(np.max(xc, initial=0.0)), float(np.min(scale, initial=np.inf))
    )
    mu, sd, xc = np.broadcast_arrays(np.asarray(mu, float), np.asarray(sd, float),
                                     np.asarray(xc, float))
    return _composite(mu, sd, xc, n_pan)


def _groups(*small):
    """Index arrays of the points sharing one kind of rule (each flag small or not)."""
    key = sum(np.asarray(f, dtype=int) << i for i, f in enumerate(small))
    return [np.flatnonzero(key == k) for k in np.unique(key)]


def n_nodes(delta_max: float) -> int:
    """Nodes per point of a single average with variances up to ``delta_max``.

    Grows like ``√Δ`` (uniform rule) up to ``Δ ≈ 8.4``, then stays at the
    composite rule's 216 whatever ``Δ``.
    """
    sd = float(_sqrt_nonneg(delta_max, "delta_max"))
    return min(_uniform_count(sd, _H_SQRT_DELTA, _MIN_NODES), _N_COMPOSITE)


def nodes_for(delta, mu=None):
    """Nodes ``z`` and weights ``w`` such that ``[f](μ, Δ) ≈ Σ_k w_k f(μ + √Δ z_k)``.

    Without ``mu`` the nodes are a shared uniform grid (``h√Δ ≤ 0.25``): ``z, w``
    of shape ``(n,)`` and ``f(...) @ w`` is the average; ``n`` grows like ``√Δ``,
    so variances above 770 (2001 nodes) are refused. With ``mu`` the bounded rule
    is used: for ``Δ ≤ 8.4`` the same shared grid, for larger variances nodes
    that follow the core ``|μ + √Δ z| ≤ 20``, of shape
    ``broadcast(mu, delta).shape + (216,)``; average with
    ``np.sum(f(mu[..., None] + sqrt(delta)[..., None] * z) * w, -1)`` (right in
    both cases).

    Raises
    ------
    ValueError
        If a variance exceeds 770 and ``mu`` is not given.
    """
    s = _sqrt_nonneg(delta, "delta")
    if mu is None:
        n_uni = _uniform_count(float(np.max(s, initial=0.0)), _H_SQRT_DELTA, _MIN_NODES)
        if n_uni > _MAX_SHARED:
            raise ValueError(
                f"nodes_for: a variance of {float(np.max(s)) ** 2:.3g} > 770 "
                "needs mu (the nodes then follow the core "
                "|mu + sqrt(delta) z| <= 20)"
            )
        return _nodes(n_uni)
    return _rule(_finite(mu, "mu"), s)


def _chunks(n_points: int, nodes_per_point: int):
    step = max(1, _CHUNK // max(nodes_per_point, 1))
    for start in range(0, n_points, step):
        yield slice(start, min(start + step, n_points))


def _avg(vals, w):
    return vals @ w if w.ndim == 1 else np.einsum("...k,...k->...", vals, w)


def _single(fun, mu, s, order):
    """``fun(x, w)`` (x the nodes ``μ + √Δ z``, w the weights) chunk-wise over the
    points."""
    if np.ndim(mu) == 0 and np.ndim(s) == 0:  # scalar fast path (solver inner loops)
        mu, s = float(mu), float(s)
        n = order or _uniform_count(s, _H_SQRT_DELTA, _MIN_NODES)
        if order or n <= _N_COMPOSITE:
            z, w = _nodes(n)
            return list(fun(mu + s * z, w))
        z, w = _composite(np.array([mu]), np.array([s]), np.array([_X_SAT]), 4)
        return [np.float64(v[0]) for v in fun(mu + s * z, w)]
    mu, s = np.broadcast_arrays(np.asarray(mu, float), np.asarray(s, float))
    shape = mu.shape
    mu, s = mu.reshape(-1), s.reshape(-1)
    return _scatter(lambda idx: _single_block(fun, mu[idx], s[idx], order),
                    _groups(_is_small(s)) if order is None else [np.arange(mu.size)],
                    _N_COMPOSITE, shape)


def _single_block(fun, mu, s, order):
    z, w = _rule(mu, s, order=order)
    return fun(mu[:, None] + s[:, None] * z, w)


def _scatter(block, groups, nodes_per_point, shape):
    """Evaluate ``block(idx)`` over chunks of each group; results back in point
    order."""
    out = None
    for idx in groups:
        for sl in _chunks(idx.size, nodes_per_point):
            res = block(idx[sl])
            if out is None:
                out = [np.empty(int(np.prod(shape))) for _ in res]
            for o, r in zip(out, res):
                o[idx[sl]] = r
    return [o.reshape(shape) for o in out]


def _check_result(out, name="f"):
    if not np.all(np.isfinite(out)):
        raise ValueError(f"{name} returned non-finite values on the quadrature nodes")
    return out


def gauss_avg(f, mu, delta, order: int | None = None):
    """Gaussian average ``[f](μ, Δ) = ∫ Dz f(μ + √Δ z)``.

    Parameters
    ----------
    f : callable
        Vectorized function of one array; smooth on the scale of 1 and
        polynomial-like beyond ``|x| = 20`` (see the module docstring).
    mu, delta : array_like
        Mean (finite) and variance (finite, ``>= 0``); broadcast against each other.
    order : int, optional
        Number of nodes of a uniform trapezoid rule on ``z ∈ [-9, 9]``
        (``41 <= order <= 20001``; its error for ``tanh`` is about
        ``exp(-π²(order-1)/(18√Δ))``). By default the bounded rule of the module
        docstring is used.

    Returns
    -------
    ndarray
        Shape ``broadcast(mu, delta).shape``.
    """
    _check_callable(f)
    order = _check_order(order)
    s = _sqrt_nonneg(delta, "delta")
    mu = _finite(mu, "mu")
    (out,) = _single(
        lambda x, w: (_avg(np.asarray(f(x), dtype=float), w),), mu, s, order
    )
    return _check_result(out)


def _nested_eval(fun, mu, delta0, delta_inf, order, h, n_min):
    """``fun(x, w_slow, w_fast)`` on the nested grid, chunk-wise over the points.

    ``x = μ + √Δ∞ z_k + √(Δ0-Δ∞) y_l`` has shape ``(points, k, l)``; ``fun``
    returns a tuple of arrays of shape ``(points,)``.
    """
    if order is None and all(isinstance(v, float) for v in (mu, delta0, delta_inf)):
        # scalar fast path (Newton iterations of the chaotic solver): shared nodes
        mu, d0, dinf = (_finite(v, n) for v, n in ((mu, "mu"), (delta0, "delta0"),
                                                    (delta_inf, "delta_inf")))
        if not -1e-12 <= dinf <= d0 + 1e-12 * max(1.0, abs(d0)):
            raise ValueError(f"delta_inf must not exceed delta0 and be >= 0, got "
                             f"delta_inf={dinf:.3g}, delta0={d0:.3g}")
        sf, ss = math.sqrt(max(d0 - dinf, 0.0)), math.sqrt(max(dinf, 0.0))
        n_s, n_f = _uniform_count(ss, h, n_min), _uniform_count(sf, h, n_min)
        if n_s <= _N_COMPOSITE and n_f <= _N_COMPOSITE:
            (zs, ws), (zf, wf) = _nodes(n_s), _nodes(n_f)
            return list(fun((mu + ss * zs)[:, None] + sf * zf, ws, wf))
    mu, d0, dinf = np.broadcast_arrays(_finite(mu, "mu"), _finite(delta0, "delta0"),
                                       _finite(delta_inf, "delta_inf"))
    if np.any(dinf > d0 + 1e-12 * np.maximum(1.0, np.abs(d0))):
        raise ValueError("delta_inf must not exceed delta0")
    shape = mu.shape
    s_fast = np.asarray(_sqrt_nonneg(np.maximum(d0 - dinf, 0.0), "delta0 - delta_inf"))
    s_slow = np.asarray(_sqrt_nonneg(dinf, "delta_inf"))
    s_fast, s_slow = s_fast.reshape(-1), s_slow.reshape(-1)
    mu = np.asarray(mu, float).reshape(-1)

    def block(idx):
        m, sf, ss = mu[idx], s_fast[idx], s_slow[idx]
        # outer axis: the inner average is saturated beyond 20 + 9 s_fast and
        # smooth on the scale max(1, s_fast)
        zs, ws = _rule(m, ss, xc=_X_SAT + _Z_MAX * sf, scale=np.maximum(1.0, sf), h=h,
                       n_min=n_min, order=order)
        m_k = m[:, None] + ss[:, None] * zs  # (p, k)
        zf, wf = _rule(m_k, np.broadcast_to(sf[:, None], m_k.shape), h=h, n_min=n_min,
                       order=order)
        return fun(m_k[..., None] + sf[:, None, None] * zf, ws, wf)  # x: (p, k, l)

    groups = ([np.arange(mu.size)] if order is not None
              else _groups(_is_small(s_slow, h, n_min), _is_small(s_fast, h, n_min)))
    return _scatter(block, groups, 8 * _GL_NODES * _N_COMPOSITE, shape)


def _temporal_var(vals, w_s, w_f):
    """``∫Dz Var_y f`` from values on the nested grid: a sum of squares, no
    cancellation."""
    inner = _avg(vals, w_f)
    dev = vals - inner[..., None]
    return _avg(_avg(dev * dev, w_f), w_s)


def nested_avg(f, mu, delta0, delta_inf, order: int | None = None):
    """Nested average ``C_f(μ, Δ0, Δ∞) = ∫Dz [∫Dy f(μ + √(Δ0-Δ∞) y + √Δ∞ z)]²``.

    ``0 <= delta_inf <= delta0``, all finite; ``f`` and ``order`` as in
    :func:`gauss_avg` (``order`` then applies to both axes). Returns an array of
    the broadcast shape of the three arguments.
    """
    _check_callable(f)
    order = _check_order(order)

    def fun(x, ws, wf):
        # average over the fast variable y
        inner = _avg(np.asarray(f(x), dtype=float), wf)
        return (_avg(inner * inner, ws),)

    (out,) = _nested_eval(fun, mu, delta0, delta_inf, order, _H_SQRT_DELTA, _MIN_NODES)
    return _check_result(out)


def nested_var(f, mu, delta0, delta_inf, order: int | None = None):
    """``[f²](μ, Δ0) - C_f(μ, Δ0, Δ∞)``: the mean temporal variance of ``f``.

    Computed as ``∫Dz Var_y f(…)`` (a sum of squares), so it stays accurate when
    ``Δ0 - Δ∞`` is small, where the difference of the two averages would cancel.
    Arguments as in :func:`nested_avg`.
    """
    _check_callable(f)
    order = _check_order(order)

    def fun(x, ws, wf):
        return (_temporal_var(np.asarray(f(x), dtype=float), ws, wf),)

    (out,) = _nested_eval(fun, mu, delta0, delta_inf, order, _H_SQRT_DELTA, _MIN_NODES)
    return _check_result(out)


# --------------------------------------------------------------------------- #
# fused averages for the solvers: one tanh evaluation gives every moment needed
# --------------------------------------------------------------------------- #
class TanhMoments:
    """Gaussian averages of ``φ = tanh`` and its derivatives at ``(μ, Δ)``.

    Attributes (arrays of the broadcast shape): ``phi`` = [φ], ``dphi`` = [φ'],
    ``phi2`` = [φ²], ``d2phi`` = [φ''], ``d3phi`` = [φ'''], ``dphi2`` = [φ'²],
    ``phi_dphi`` = [φ φ'], ``phi_d2phi`` = [φ φ'']. Derivatives of averages
    follow from them: ``∂_μ [f] = [f']`` and ``∂_Δ [f] = ½ [f'']``.

    One ``tanh`` per node and four weighted sums: with ``t = tanh`` and
    ``d = 1 - t²`` every moment is a combination of ``[t], [d], [t d], [d²]``:
    ``[φ²] = 1 - [d]``, ``[φ''] = -2[t d]``, ``[φ'''] = 4[d] - 6[d²]`` and
    ``[φ φ''] = -2([d] - [d²])``.
    """

    __slots__ = (
        "phi",
        "dphi",
        "phi2",
        "d2phi",
        "d3phi",
        "dphi2",
        "phi_dphi",
        "phi_d2phi",
    )

    def __init__(self, mu, delta, order: int | None = None):
        order = _check_order(order)
        s = _sqrt_nonneg(delta, "delta")
        mu = _finite(mu, "mu")

        def fun(x, w):
            t = np.tanh(x)
            d = 1.0 - t * t
            if t.ndim == 1:  # one point: one matrix product for the four sums
                return tuple(np.stack((t, d, t * d, d * d)) @ w)
            return _avg(t, w), _avg(d, w), _avg(t * d, w), _avg(d * d, w)

        st, sd, std, sdd = _single(fun, mu, s, order)
        self.phi = st
        self.dphi = sd
        self.phi2 = 1.0 - sd
        self.d2phi = -2.0 * std
        self.d3phi = 4.0 * sd - 6.0 * sdd
        self.dphi2 = sdd
        self.phi_dphi = std
        self.phi_d2phi = -2.0 * (sd - sdd)


def nested_tanh_terms(mu, delta0, delta_inf, order: int | None = None):
    """Temporal variances ``[φ²] - C_φ`` and ``[Φ²] - C_Φ``, and ``[φ²]``, on one 2-D
    grid.

    The three quantities the chaotic DMFT needs, from one ``tanh`` per node of the
    grid ``μ + √(Δ0-Δ∞) y + √Δ∞ z`` (uniform nodes spaced so that ``h√Δ ≤ 0.32``,
    the bounded composite rule for large variances); ``Φ = |x| - ln(1 + |tanh x|)``
    is derived from the same ``tanh``.

    Returns
    -------
    var_phi, var_Phi, phi2 : ndarray
    """
    order = _check_order(order)

    def fun(x, ws, wf):
        t = np.tanh(x)
        return (_temporal_var(t, ws, wf), _temporal_var(_Phi_from(x, t), ws, wf),
                _avg(_avg(t * t, wf), ws))

    return tuple(_nested_eval(fun, mu, delta0, delta_inf, order, _H_SQRT_DELTA_NESTED,
                              _MIN_NODES_NESTED))


# below this nodes_for(delta) serves every point with one grid
_SHARED_MAX_DELTA = 700.0


def solve_static_variance(
    g: float, mu, structured_var, *, start=None, tol: float = 1e-13, max_iter: int = 50
):
    """Solve ``Δ = g² [φ²](μ, Δ) + Δs`` for ``Δ`` (vectorized over ``μ``, ``Δs``).

    Internal kernel (not exported): it reports no convergence. Use
    :func:`lrnn_utils.meanfield.static_variance`, which returns the residual and a
    ``converged`` flag.

    The variance of a stationary state: the random bulk contributes ``g²[φ²]``,
    the structure and the inputs the quenched ``Δs``. ``G(Δ) = g²[φ²] + Δs - Δ``
    is concave with ``G(Δs) ≥ 0 ≥ G(Δs + g²)``, so Newton's iteration from the
    upper bound ``Δs + g²`` decreases monotonically to the *largest* root (for
    ``g > 1`` and ``Δs = 0`` the silent root ``Δ = 0`` is not returned).
    ``start`` (e.g. the solution at a nearby parameter value) replaces the upper
    bound, nudged upwards; if Newton then ends on a lower root (``G' ≥ 0``
    there), the solve is repeated from the upper bound.

    Returns
    -------
    delta : ndarray, the broadcast shape of ``mu`` and ``structured_var``
    """
    mu, ds = np.broadcast_arrays(np.asarray(mu, dtype=float),
                                 np.asarray(structured_var, dtype=float))
    g2 = float(g) ** 2
    if g2 == 0:
        return np.array(ds, dtype=float)
    delta = ds + g2
    if start is not None:
        delta = np.clip(1.01 * np.asarray(start, dtype=float) + 1e-3, ds, ds + g2)
    slope = np.zeros_like(delta)
    for _ in range(max_iter):
        if np.max(delta, initial=0.0) <= _SHARED_MAX_DELTA:
            # one shared uniform grid: a single matrix product (the common, fast case)
            z, w = nodes_for(delta)
            t2 = np.tanh(mu[..., None] + np.sqrt(delta)[..., None] * z) ** 2
            phi2, dphi2 = t2 @ w, ((1.0 - t2) ** 2) @ w
        else:
            mo = TanhMoments(mu, delta)  # bounded quadrature whatever μ and Δ
            phi2, dphi2 = mo.phi2, mo.dphi2
        resid = g2 * phi2 + ds - delta
        # d/dΔ [φ²] = ½ [(φ²)''] = [φ'² - 2 φ² φ'], and [φ² φ'] = 1 - [φ²] - [φ'²]
        slope = g2 * (3.0 * dphi2 + 2.0 * phi2 - 2.0)
        delta = np.clip(delta + resid / (1.0 - slope), ds, ds + g2)
        if np.max(np.abs(resid), initial=0.0) < tol:
            break
    if start is not None and np.any(slope >= 1.0):
        return solve_static_variance(g, mu, ds, tol=tol, max_iter=max_iter)
    return delta
