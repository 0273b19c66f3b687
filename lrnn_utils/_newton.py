"""A small damped Newton solver for the few-variable mean-field systems.

The mean-field equations have 2–4 unknowns and residuals that cost one
vectorized quadrature each, so a hand-written Newton iteration with a
finite-difference Jacobian and backtracking is both faster than
``scipy.optimize.root`` (no Python overhead per call) and lets us keep the
iterates inside the valid domain (variances >= 0, Δ∞ <= Δ0).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class NewtonResult:
    x: np.ndarray
    residual: float  # max-norm of the residual at x
    converged: bool
    iterations: int
    message: str
    jac: np.ndarray | None = None


def fd_jacobian(fun, x, f0, valid, rel_step=1e-7):
    """Forward-difference Jacobian; steps backwards where a forward step is invalid."""
    jac = np.empty((f0.size, x.size))
    for j in range(x.size):
        h = rel_step * max(1.0, abs(x[j]))
        xp = x.copy()
        for _ in range(6):  # forward, else backward; shrink near a domain corner
            xp[j] = x[j] + h
            if valid(xp):
                break
            xp[j] = x[j] - h
            if valid(xp):
                h = -h
                break
            h *= 1e-3
        jac[:, j] = (fun(xp) - f0) / h
    return jac


def newton(
    fun: Callable[[np.ndarray], np.ndarray],
    x0,
    *,
    valid: Callable[[np.ndarray], bool] = lambda x: True,
    project: Callable[[np.ndarray], np.ndarray] = lambda x: x,
    tol: float = 1e-12,
    max_iter: int = 60,
    jacobian: Callable[[np.ndarray], np.ndarray] | None = None,
    broyden: bool = False,
    jac0: np.ndarray | None = None,
) -> NewtonResult:
    """Solve ``fun(x) = 0`` by damped Newton steps from ``x0``.

    ``project`` maps a trial point back into the domain (e.g. clips a variance at
    zero) and ``valid`` says whether a point may be evaluated at all. The step is
    halved until the residual norm decreases (at most 20 halvings).

    The Jacobian is ``jacobian(x)`` if given (analytic), else by forward
    differences; with ``broyden=True`` it is computed once (or taken from
    ``jac0``, e.g. the previous point of a continuation) and then updated by
    Broyden's rank-one formula, recomputed only when a step fails to decrease
    the residual. The result's ``jac`` is the last Jacobian used.
    """
    x = project(np.array(x0, dtype=float))
    f = fun(x)
    norm = np.max(np.abs(f)) if np.all(np.isfinite(f)) else np.inf
    if not np.isfinite(norm):
        return NewtonResult(x, np.inf, False, 0, "residual not finite at the start")
    def exact_jac(x, f):
        return jacobian(x) if jacobian is not None else fd_jacobian(fun, x, f, valid)

    jac = jac0 if (broyden and jac0 is not None) else None
    fresh = False
    for it in range(1, max_iter + 1):
        if norm < tol:
            return NewtonResult(x, norm, True, it - 1, "converged", jac)
        if jac is None:
            jac, fresh = exact_jac(x, f), True
        try:
            step = np.linalg.solve(jac, -f)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(jac, -f, rcond=None)[0]
        if not np.all(np.isfinite(step)):
            if not fresh:
                jac = None
                continue
            return NewtonResult(x, norm, False, it, "singular Jacobian", jac)
        lam = 1.0
        for _ in range(20 if fresh else 4):
            xt = project(x + lam * step)
            if valid(xt):
                ft = fun(xt)
                nt = np.max(np.abs(ft)) if np.all(np.isfinite(ft)) else np.inf
                if nt < norm or nt < tol:
                    break
            lam *= 0.5
        else:
            if not fresh:  # a stale Broyden Jacobian: recompute and retry
                jac = None
                continue
            return NewtonResult(x, norm, False, it, "line search failed (no decrease)", jac)
        dx, df = xt - x, ft - f
        x, f, norm = xt, ft, nt
        if broyden:
            jac = jac + np.outer(df - jac @ dx, dx) / (dx @ dx)
            fresh = False
        else:
            jac = None
    converged = norm < tol
    return NewtonResult(
        x, norm, converged, max_iter, "converged" if converged else "max_iter reached", jac
    )
