"""All branches of the rank-one DMFT along one parameter (bifurcation diagrams).

At every parameter value the stationary solutions are found by a grid scan of
``F(κ) - κ`` (so no branch is missed where it appears mid-sweep) and polished by
Newton. They are placed in three *slots*, ``lower``, ``middle``, ``upper`` (κ
order when there are three; a lone solution takes the slot of the solution it
continues). Chaotic solutions are sought from every bulk-unstable stationary
solution, warm-started from the previous parameter value on the same slot. When two
slots reach the same solution, both are solved again from cold starts at their own
reference κ (a warm Newton step can jump branches near a pitchfork); only a solution
they still share (branches merged) is kept once, on the slot it continues.
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

__all__ = ["Branches", "BranchSlot", "RankOneSweep", "sweep", "SLOTS"]

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
    """One slot of :class:`Branches` along the sweep: arrays of shape (P,)."""


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
        return BranchSlot(
            **{k: getattr(self, k)[:, j] for k in self.__dataclass_fields__}
        )


@dataclass(frozen=True)
class RankOneSweep:
    """Result of :func:`sweep`: ``values`` (P,), ``stationary``, ``chaotic``."""

    name: str
    values: np.ndarray
    stationary: Branches
    chaotic: Branches


def _empty(P) -> Branches:
    """Branches with no solution yet (NaN, ``exists`` False), filled by
    :func:`_store`."""
    flags = ("stable", "exists")
    return Branches(
        **{
            k: np.zeros((P, 3), bool) if k in flags else np.full((P, 3), np.nan)
            for k in Branches.__dataclass_fields__
        }
    )


def _store(br: Branches, i, j, s: RankOneSolution):
    for k in Branches.__dataclass_fields__:
        getattr(br, k)[i, j] = True if k == "exists" else getattr(s, k)


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
            slots[i] = (
                [1] * len(roots) if len(roots) == 1 else list(range(len(roots)))[:3]
            )
            continue
        ref_k = [s.kappa for s in roots_per_point[ref]]
        slots[i] = [int(np.argmin([abs(r.kappa - k) for k in ref_k])) for r in roots]
    return slots


def sweep(model: RankOne, name: str, values, *, chaotic: bool = True,
          **dependent) -> RankOneSweep:
    """Stationary and chaotic branches of the rank-one DMFT along one field of
    ``model``.

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
            raise ValueError(
                f"{k!r} must be a field of RankOne given as a function of the "
                "swept value"
            )
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
    return RankOneSweep(name, values, stat, chao)


def _chaotic_branches(plist, stat, chao):
    warm = [None, None, None]
    warm_jac = [None, None, None]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MeanFieldConvergenceWarning)
        for i, p in enumerate(plist):
            found, ref = {}, {}
            for j in (1, 0, 2):  # middle first: a collapsed ±κ branch is its duplicate
                seed_ok = stat.exists[i, j] and stat.bulk_radius[i, j] >= 1
                if warm[j] is None and not seed_ok:
                    continue
                ref[j] = warm[j][0] if warm[j] is not None else stat.kappa[i, j]
                sol = chaotic_from(p, ref[j], warm[j], warm_jac[j])
                if sol.converged:
                    _add_distinct(p, found, ref, j, sol)
            for j in range(3):
                sol = found.get(j)
                warm[j] = None if sol is None else np.array(
                    [sol.kappa, sol.delta0, sol.delta0 - sol.delta_inf])
                warm_jac[j] = None if sol is None else sol.jacobian
            for j, sol in found.items():
                _store(chao, i, j, sol)


def _same(a: RankOneSolution, b: RankOneSolution) -> bool:
    return abs(a.kappa - b.kappa) < 1e-6


def _add_distinct(p, found: dict, ref: dict, j: int, sol: RankOneSolution) -> None:
    """Put slot ``j``'s solution into ``found`` unless another slot holds it already.

    Near a pitchfork a warm-started Newton step can jump branches: just below g_c2
    the κ = 0 branch is degenerate (F'(0) → 1), and the middle slot, warm-started
    at κ = 0, lands on the ±κ solution that the lower or upper slot then finds too.
    Dropping the later slot would leave the middle slot with the wrong branch
    (stable, κ ≠ 0) and lose the κ = 0 one.  So on a duplicate both slots are solved
    again from cold starts at their own reference κ (previous point or stationary
    seed): distinct results are both kept; if they coincide again, the branches have
    merged and the solution stays with the slot whose reference is nearest.
    """
    k = next((k for k, o in found.items() if _same(sol, o)), None)
    if k is None:
        found[j] = sol
        return
    cold_k, cold_j = chaotic_from(p, ref[k]), chaotic_from(p, ref[j])
    if cold_k.converged and cold_j.converged and not _same(cold_k, cold_j):
        others = [o for m, o in found.items() if m != k]
        if not any(_same(cold_k, o) or _same(cold_j, o) for o in others):
            found[k], found[j] = cold_k, cold_j
            return
    if abs(ref[j] - sol.kappa) < abs(ref[k] - sol.kappa):
        found[j] = found.pop(k)
