"""All branches of the rank-one DMFT along one parameter (bifurcation diagrams).

At every parameter value the stationary solutions are found by a grid scan of
``F(κ) - κ`` (so no branch is missed where it appears mid-sweep) and polished by
Newton. They are placed in three *slots*, ``lower``, ``middle``, ``upper`` (κ
order when there are three; a lone solution takes the slot of the solution it
continues). Chaotic solutions are sought from every bulk-unstable stationary
solution, warm-started from the previous parameter value on the same slot, and
dropped when they coincide with another slot's chaotic solution.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from ._validate import check_array
from .meanfield import (
    MeanFieldConvergenceWarning,
    RankOneSolution,
    all_stationary,
    chaotic_from,
)
from .models import RankOne

__all__ = ["Branches", "BranchSlot", "RankOneSweep", "sweep", "sweep_rank_one", "SLOTS"]

SLOTS = ("lower", "middle", "upper")


@dataclass(frozen=True)
class _BranchArrays:
    """The quantities recorded along a sweep (one field list for slots and branches)."""

    kappa: np.ndarray
    mu: np.ndarray
    delta0: np.ndarray
    delta_inf: np.ndarray
    stable: np.ndarray
    exists: np.ndarray
    bulk_radius: np.ndarray
    outlier_slope: np.ndarray


@dataclass(frozen=True)
class BranchSlot(_BranchArrays):
    """One slot of :class:`Branches` along the sweep: arrays of shape (P,).

    ``slot["kappa"]`` (item access) is kept for compatibility; prefer ``slot.kappa``.
    """

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self.__dataclass_fields__:
            raise KeyError(name)
        return getattr(self, name)


@dataclass(frozen=True)
class Branches(_BranchArrays):
    """Solutions on the three slots along the sweep; arrays of shape (P, 3).

    ``exists`` is False (and the numbers NaN) where a slot has no converged
    solution; failed solves are never drawn.
    """

    def slot(self, name: str) -> BranchSlot:
        """Arrays (P,) of one slot, e.g. ``sweep.chaotic.slot("upper").kappa``."""
        if name not in SLOTS:
            raise ValueError(f"name must be one of {SLOTS}, got {name!r}")
        j = SLOTS.index(name)
        return BranchSlot(**{k: getattr(self, k)[:, j] for k in self.__dataclass_fields__})


@dataclass(frozen=True)
class RankOneSweep:
    """Result of :func:`sweep_rank_one`: ``values`` (P,), ``stationary``, ``chaotic``."""

    name: str
    values: np.ndarray
    stationary: Branches
    chaotic: Branches


def _empty(P):
    nan = np.full((P, 3), np.nan)
    return {
        "kappa": nan.copy(), "mu": nan.copy(), "delta0": nan.copy(),
        "delta_inf": nan.copy(), "stable": np.zeros((P, 3), bool),
        "exists": np.zeros((P, 3), bool), "bulk_radius": nan.copy(),
        "outlier_slope": nan.copy(),
    }


def _store(arrs, i, j, s: RankOneSolution):
    arrs["kappa"][i, j] = s.kappa
    arrs["mu"][i, j] = s.mu
    arrs["delta0"][i, j] = s.delta0
    arrs["delta_inf"][i, j] = s.delta_inf
    arrs["stable"][i, j] = s.stable
    arrs["exists"][i, j] = True
    arrs["bulk_radius"][i, j] = s.bulk_radius
    arrs["outlier_slope"][i, j] = s.outlier_slope


def _assign_slots(roots_per_point):
    """Slot index for every root: κ order for three roots, continuation otherwise."""
    P = len(roots_per_point)
    slots = [None] * P
    for i, roots in enumerate(roots_per_point):
        if len(roots) == 3:
            slots[i] = [0, 1, 2]
        elif len(roots) == 2:  # at a saddle-node: lower/upper pair
            slots[i] = [0, 2]
    # lone roots (or pairs without a 3-root neighbour): nearest slot of a neighbour
    for i, roots in enumerate(roots_per_point):
        if slots[i] is not None:
            continue
        ref = None
        for j in sorted(range(P), key=lambda j: abs(j - i)):
            if slots[j] is not None and len(roots_per_point[j]) == 3:
                ref = j
                break
        if ref is None:
            slots[i] = [1] * len(roots) if len(roots) == 1 else list(range(len(roots)))[:3]
            continue
        ref_k = [s.kappa for s in roots_per_point[ref]]
        slots[i] = [int(np.argmin([abs(r.kappa - k) for k in ref_k])) for r in roots]
    return slots


def sweep(model: RankOne, name: str, values, *, chaotic: bool = True,
          **dependent) -> RankOneSweep:
    """Stationary and chaotic branches of the rank-one DMFT along one field of ``model``.

    Parameters
    ----------
    model : RankOne
        The fixed parameters.
    name : str
        The swept field (``"g"``, ``"m_mean"``, ``"mn_cov"``, ``"n_input_cov"``, ...).
    values : array_like, shape (P,)
        Values of that field, in continuation order.
    chaotic : bool
        Also solve for chaotic states (slower).
    **dependent
        Other fields given as functions of the swept value, for inputs that change
        several statistics at once: an input ``c·I`` has ``n_input_cov = c σ_nI`` and
        ``input_var = c² Σ_I²``, i.e. ``model.sweep("n_input_cov", c * s,
        input_var=lambda v: (v / s) ** 2 * var_I)``.

    Returns
    -------
    RankOneSweep
    """
    if not isinstance(model, RankOne):
        raise TypeError("model must be a RankOne")
    values = check_array(values, "values", ndim=1)
    fields = set(RankOne.__dataclass_fields__)
    if name not in fields:
        raise ValueError(f"name must be one of {sorted(fields)}, got {name!r}")
    for k, f in dependent.items():
        if k not in fields or not callable(f):
            raise ValueError(f"{k!r} must be a field of RankOne given as a function of the "
                             "swept value")
    plist = [model.with_(**{name: float(v)}, **{k: f(v) for k, f in dependent.items()})
             for v in values]
    P = values.size
    cache: dict = {}  # Δ0 on the scan grid, carried from one value to the next
    roots = [all_stationary(p, cache) for p in plist]
    slots = _assign_slots(roots)
    stat = _empty(P)
    for i, (rs, sl) in enumerate(zip(roots, slots)):
        for s, j in zip(rs, sl):
            _store(stat, i, j, s)
    chao = _empty(P)
    if chaotic:
        _chaotic_branches(plist, stat, chao)
    return RankOneSweep(name, values, Branches(**stat), Branches(**chao))


def sweep_rank_one(name: str, values, *, chaotic: bool = True, **params) -> RankOneSweep:
    """Stationary and chaotic branches of the rank-one DMFT over one parameter.

    Compatibility wrapper; prefer ``RankOne(...).sweep(name, values)`` (:func:`sweep`).
    ``**params`` are the fixed fields (``g`` included unless swept); a field may be a
    function of the swept value.
    """
    values = check_array(values, "values", ndim=1)
    allowed = {"g", "m_mean", "n_mean", "m_var", "n_var", "mn_cov", "input_mean",
               "input_var", "m_input_cov", "n_input_cov"}
    if name not in allowed:
        raise ValueError(f"name must be one of {sorted(allowed)}, got {name!r}")
    if name in params:
        raise ValueError(f"{name!r} is swept; do not also pass it as a fixed parameter")
    if name != "g" and "g" not in params:
        raise ValueError("g must be given when it is not the swept parameter")
    unknown = set(params) - allowed
    if unknown:
        raise TypeError(f"unknown parameter(s) {sorted(unknown)}")
    fixed = {k: v for k, v in params.items() if not callable(v)}
    dependent = {k: v for k, v in params.items() if callable(v)}
    first = {name: float(values[0])} if values.size else {}
    base = RankOne(**{"g": 0.0, **fixed, **first,
                      **{k: f(values[0]) for k, f in dependent.items()}} if values.size
                   else {"g": 0.0, **fixed})
    return sweep(base, name, values, chaotic=chaotic, **dependent)


def _chaotic_branches(plist, stat, chao):
    warm = [None, None, None]
    warm_jac = [None, None, None]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MeanFieldConvergenceWarning)
        for i, p in enumerate(plist):
            found = {}
            for j in (1, 0, 2):  # middle first: a collapsed ±κ branch is its duplicate
                seed_ok = stat["exists"][i, j] and stat["bulk_radius"][i, j] >= 1
                if warm[j] is None and not seed_ok:
                    continue
                kappa0 = warm[j][0] if warm[j] is not None else stat["kappa"][i, j]
                sol = chaotic_from(p, kappa0, warm[j], warm_jac[j])
                if not sol.converged:
                    warm[j] = None
                    continue
                duplicate = any(abs(sol.kappa - o.kappa) < 1e-6 for o in found.values())
                if duplicate:
                    warm[j] = None
                    continue
                found[j] = sol
                warm[j] = np.array([sol.kappa, sol.delta0, sol.delta0 - sol.delta_inf])
                warm_jac[j] = sol.jacobian
            for j, sol in found.items():
                _store(chao, i, j, sol)
