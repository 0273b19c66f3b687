"""FORCE learning with recursive least squares (Sussillo & Abbott 2009).

The network of FORCE "architecture A" (time in units of τ, ``φ = tanh``) is

.. math::

    \\dot x = -x + J_0\\,\\phi(x) + U z, \\qquad z = W^T \\phi(x),

with a random bulk ``J0`` (entries ``N(0, g²/N)``, usually ``g ≈ 1.5``, chaotic),
``K`` readouts ``z`` (columns of ``W``, shape ``(N, K)``) fed back along the ``K``
columns of ``U``. Substituting ``z`` shows that the feedback loop is a low-rank term:

.. math::

    \\dot x = -x + (J_0 + U W^T)\\,\\phi(x),

so for one output (``K = 1``) the network is the rank-one RNN of the lecture with
``m = u``, ``n = N w`` and ``κ = nᵀφ/N = z``. Training changes only ``W``; the
effective connectivity changes by ``ΔJ = U (W - W0)ᵀ``, of rank at most ``K``.

Recursive least squares (RLS). Every ``learn_every`` steps, with ``r = φ(x)``:

.. math::

    e^- &= W^T r - f(t)                  &&\\text{error before the update, } (K,)\\\\
    k   &= P r,\\qquad c = 1/(1 + r^T k) &&\\\\
    P   &\\leftarrow P - c\\, k k^T        &&\\text{(Sherman–Morrison)}\\\\
    W   &\\leftarrow W - c\\, k\\, (e^-)^T  &&(= W - P_{new} r\\,(e^-)^T)

with ``P(0) = I/α``. After updates with rates ``r_1 … r_T`` and targets ``f_1 … f_T``,
exactly (whatever the order and the dynamics that produced the ``r_t``)

.. math::

    P_T = \\Big(\\alpha I + \\sum_t r_t r_t^T\\Big)^{-1}, \\qquad
    W_T = \\arg\\min_W \\sum_t \\|W^T r_t - f_t\\|^2 + \\alpha\\,\\|W - W_0\\|_F^2 ,

i.e. ``P`` is a running estimate of the inverse correlation matrix of the rates
(plus the regulariser ``α I``) and ``W`` the ridge-regression readout; ``α`` sets
the learning rate (small ``α``: fast, aggressive learning). The error is kept
small from the first updates on, so the fed-back ``z`` is always close to the
target: this is what lets FORCE train a chaotic network without the feedback
driving it astray.

Cost per update: one ``N × N`` matrix–vector product and one rank-one update of
``P`` (``O(N²)``), done in place with preallocated buffers; the readout error and
weight update are batched over the ``K`` outputs (one ``P`` serves all outputs,
because it depends on the rates only).

Reference: D. Sussillo and L. F. Abbott (2009), Generating coherent patterns of
activity from chaotic neural networks, *Neuron* 63:544–557.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import as_columns, check_array, check_int, check_rng, check_scalar
from .simulate import SimulationResult, simulate

__all__ = [
    "ForceResult",
    "feedback_network",
    "rls_update",
    "force_train",
    "force_run",
]


@dataclass(frozen=True)
class ForceResult:
    """Outcome of :func:`force_train`.

    Attributes
    ----------
    t : ndarray, shape (T,)
        Recording times (``t[0] = 0``).
    z : ndarray, shape (T, K)
        Readout ``Wᵀφ(x)`` during training, with the weights *before* the update
        of that step (the signal that was fed back).
    target : ndarray, shape (T, K)
        Target ``f(t)`` at the same times.
    w : ndarray, shape (N, K)
        Trained readout weights.
    w0 : ndarray, shape (N, K)
        Initial readout weights.
    u : ndarray, shape (N, K)
        Feedback vectors.
    x : ndarray, shape (N,)
        Final state (start the test run from here).
    P : ndarray, shape (N, N)
        Final RLS matrix ``(α I + Σ r rᵀ)⁻¹``.
    dw_norm : ndarray, shape (T,)
        ``‖ΔW‖_F`` of the last update before each recording time (0 if none):
        it decays as the readout converges.
    """

    t: np.ndarray
    z: np.ndarray
    target: np.ndarray
    w: np.ndarray
    w0: np.ndarray
    u: np.ndarray
    x: np.ndarray
    P: np.ndarray
    dw_norm: np.ndarray

    @property
    def delta_J(self) -> np.ndarray:
        """Learned change of the effective connectivity, ``U (W - W0)ᵀ`` (N, N), rank ≤
        K."""
        return self.u @ (self.w - self.w0).T


def feedback_network(N: int, g: float, rng: np.random.Generator, *, n_outputs: int = 1):
    """Random bulk and feedback vectors for FORCE, as in Sussillo & Abbott (2009).

    Parameters
    ----------
    N : int
        Number of neurons.
    g : float
        Gain of the bulk ``J0_ij ~ N(0, g²/N)``; ``g ≈ 1.5`` (chaotic) learns best.
    rng : numpy.random.Generator
    n_outputs : int, default 1
        Number ``K`` of readouts.

    Returns
    -------
    J0 : ndarray, shape (N, N)
    u : ndarray, shape (N, K)
        Feedback vectors with entries uniform in ``[-1, 1]``.
    """
    N = check_int(N, "N", minimum=2)
    g = check_scalar(g, "g", minimum=0.0)
    K = check_int(n_outputs, "n_outputs", minimum=1)
    check_rng(rng)
    J0 = rng.standard_normal((N, N)) * (g / np.sqrt(N))
    u = rng.uniform(-1.0, 1.0, size=(N, K))
    return J0, u


def _inplace_array(value, name: str, ndim: int) -> np.ndarray:
    """A writeable float64 ndarray of ``ndim`` dimensions (updated in place), finite."""
    if not isinstance(value, np.ndarray):
        raise TypeError(
            f"{name} must be a numpy float64 array (it is updated in place), "
            f"got {type(value).__name__}"
        )
    if value.dtype != np.float64 or value.ndim != ndim or not value.flags.writeable:
        raise TypeError(f"{name} must be a writeable {ndim}-D float64 array, got dtype "
                        f"{value.dtype}, shape {value.shape}")
    if not np.all(np.isfinite(value)):
        raise ValueError(f"{name} contains non-finite values (NaN or inf)")
    return value


def rls_update(P: np.ndarray, w: np.ndarray, r: np.ndarray, target, *, buffer=None):
    """One recursive-least-squares step, in place on ``P`` and ``w``.

    ``e⁻ = wᵀr - f``, ``k = P r``, ``c = 1/(1 + rᵀk)``, ``P ← P - c k kᵀ``,
    ``w ← w - c k e⁻ᵀ``.

    Parameters
    ----------
    P : ndarray, shape (N, N), float64, modified in place
        Running inverse correlation matrix (start with ``I/α``); symmetric
        positive definite. Checked cheaply (``O(N)`` beyond the update): a
        positive diagonal and ``1 + rᵀPr > 0``; a list raises ``TypeError``
        (it could not be updated in place).
    w : ndarray, shape (N, K), float64, modified in place
        Readout weights.
    r : array_like, shape (N,)
        Rates ``φ(x)`` at this step (finite).
    target : array_like, shape (K,)
        Target output ``f`` at this step (finite).
    buffer : ndarray, shape (N, N), optional
        Scratch space for ``c k kᵀ`` (avoids an allocation per step).

    Returns
    -------
    error : ndarray, shape (K,)
        The error ``e⁻`` before the update.
    dw : ndarray, shape (N, K)
        The weight change ``-c k e⁻ᵀ``.

    Raises
    ------
    TypeError, ValueError
        On bad arguments; nothing is modified then.
    """
    P = _inplace_array(P, "P", 2)
    w = _inplace_array(w, "w", 2)
    N, K = w.shape
    if P.shape != (N, N):
        raise ValueError(
            f"P must have shape ({N}, {N}) to match w {w.shape}, got {P.shape}"
        )
    r = check_array(r, "r", shape=(N,))
    target = check_array(target, "target", ndim=(0, 1)).reshape(-1)
    if target.shape != (K,):
        raise ValueError(
            f"target must have shape ({K},) to match w, got {target.shape}"
        )
    if buffer is not None:
        # scratch space: only its type and shape matter (its content is overwritten)
        if (not isinstance(buffer, np.ndarray) or buffer.dtype != np.float64
                or buffer.shape != (N, N) or buffer is P):
            raise TypeError(
                f"buffer must be a separate float64 array of shape ({N}, {N})"
            )
    if not np.all(np.diagonal(P) > 0):
        raise ValueError("P must be positive definite (its diagonal is not positive)")
    return _rls_step(P, w, r, target, buffer)


def _rls_step(P, w, r, target, buffer=None):
    """The RLS step of :func:`rls_update` without checks (the FORCE inner loop)."""
    k = P @ r
    denom = 1.0 + r @ k
    if not denom > 0:  # also NaN: P is not positive definite along r
        raise ValueError(f"P must be positive definite: 1 + rᵀPr = {denom:.3g} <= 0")
    c = 1.0 / denom
    error = w.T @ r - target
    if buffer is None:
        P -= c * np.outer(k, k)
    else:
        np.multiply.outer(k, c * k, out=buffer)
        P -= buffer
    dw = np.multiply.outer(k, -c * error)
    w += dw
    return error, dw


def _target_samples(target, t_grid: np.ndarray, K: int) -> np.ndarray:
    """Targets at every step as an array (n_steps + 1, K)."""
    if callable(target):
        try:
            values = target(t_grid)
        except Exception as exc:  # a scalar-only callable
            raise ValueError(
                "target must be a vectorized function of an array of times "
                "(e.g. lambda t: np.sin(t)), or an array of samples"
            ) from exc
        name = "target(t)"
    else:
        values = target
        name = "target"
    arr = check_array(values, name, ndim=(1, 2))
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.shape != (t_grid.size, K):
        raise ValueError(
            f"{name} must have shape ({t_grid.size},) or ({t_grid.size}, {K}) "
            f"(one value per time step and output), got {np.shape(values)}"
        )
    return arr


def force_train(
    target: np.ndarray | Callable[[np.ndarray], np.ndarray],
    t_max: float,
    dt: float,
    *,
    J0,
    u,
    w0=None,
    x0=None,
    alpha: float = 1.0,
    learn_every: int = 2,
    rng: np.random.Generator | None = None,
    record_every: int = 1,
) -> ForceResult:
    """Train the readout ``W`` of ``ẋ = -x + J0 φ + U Wᵀφ`` with FORCE (RLS).

    Forward Euler with step ``dt`` as in :func:`lrnn_utils.simulate.simulate`; at
    every ``learn_every``-th step ``W`` and ``P`` get one RLS update (module
    docstring). The feedback uses the readout before the update.

    Parameters
    ----------
    target : callable or array_like
        Either a vectorized function ``f(t)`` of the array of step times
        ``dt * arange(n_steps + 1)``, returning shape ``(T,)`` or ``(T, K)``, or those
        samples directly.
    t_max : float
        Training duration (units of τ).
    dt : float
        Euler step, ``0 < dt < 2`` (``dt ≤ 0.1`` recommended).
    J0 : array_like, shape (N, N)
        Random bulk.
    u : array_like, shape (N,) or (N, K)
        Feedback vector(s).
    w0 : array_like, shape (N,) or (N, K), optional
        Initial readout (default zero).
    x0 : array_like, shape (N,), optional
        Initial state; default ``0.5 · N(0, 1)`` drawn from ``rng``.
    alpha : float, default 1
        Regulariser / inverse learning rate: ``P(0) = I/α``.
    learn_every : int, default 2
        Steps between RLS updates.
    rng : numpy.random.Generator, optional
        Needed only if ``x0`` is not given.
    record_every : int, default 1
        Record every ``record_every``-th step.

    Returns
    -------
    ForceResult

    Raises
    ------
    ValueError
        For a bad argument (the message names it).
    FloatingPointError
        If the state becomes non-finite.
    """
    J0 = check_array(J0, "J0", ndim=2)
    N = J0.shape[0]
    if J0.shape != (N, N):
        raise ValueError(f"J0 must be a square (N, N) matrix, got shape {J0.shape}")
    u = as_columns(u, "u", n_rows=N)
    K = u.shape[1]
    if w0 is None:
        w = np.zeros((N, K))
    else:
        w = as_columns(w0, "w0", n_rows=N).copy()
        if w.shape != u.shape:
            raise ValueError(f"w0 must have the shape of u {u.shape}, got {w.shape}")
    w_init = w.copy()
    if x0 is None:
        if rng is None:
            raise ValueError(
                "rng is required when x0 is not given (to draw the initial state)"
            )
        check_rng(rng)
        x = 0.5 * rng.standard_normal(N)
    else:
        x = check_array(x0, "x0", shape=(N,)).copy()
    t_max = check_scalar(t_max, "t_max", strictly_positive=True)
    dt = check_scalar(dt, "dt", strictly_positive=True)
    if dt >= 2.0:
        raise ValueError(f"dt={dt} must be < 2 (forward Euler on the leak is unstable)")
    n_steps = int(round(t_max / dt))
    if n_steps < 1:
        raise ValueError(f"t_max={t_max} must be at least one step dt={dt}")
    alpha = check_scalar(alpha, "alpha", strictly_positive=True)
    learn_every = check_int(learn_every, "learn_every", minimum=1)
    record_every = check_int(record_every, "record_every", minimum=1)

    t_grid = np.arange(n_steps + 1) * dt
    f = _target_samples(target, t_grid, K)

    P = np.eye(N) / alpha
    buffer = np.empty((N, N))
    n_rec = n_steps // record_every + 1
    z_rec = np.empty((n_rec, K))
    dw_rec = np.zeros(n_rec)
    last_dw = 0.0
    r = np.empty(N)
    for step in range(n_steps + 1):
        np.tanh(x, out=r)
        z = w.T @ r  # fed back: the readout before this step's update
        if step % learn_every == 0 and step > 0:
            _, dw = _rls_step(P, w, r, f[step], buffer)
            last_dw = float(np.sqrt(np.sum(dw * dw)))
        if step % record_every == 0:
            z_rec[step // record_every] = z
            dw_rec[step // record_every] = last_dw
        if step == n_steps:
            break
        x += dt * (-x + J0 @ r + u @ z)
        if step % 64 == 0 and not np.all(np.isfinite(x)):
            raise FloatingPointError(
                f"FORCE training became non-finite by t={step * dt:.4g}"
            )
    if not np.all(np.isfinite(x)):
        raise FloatingPointError("FORCE training became non-finite")
    rec = slice(None, None, record_every)
    return ForceResult(
        t=t_grid[rec],
        z=z_rec,
        target=f[rec],
        w=w,
        w0=w_init,
        u=u,
        x=x,
        P=P,
        dw_norm=dw_rec,
    )


def force_run(x0, t_max: float, dt: float, *, J0, u, w, record_every: int = 1,
              record_x=False) -> SimulationResult:
    """Run the trained network with frozen readout: ``ẋ = -x + (J0 + U Wᵀ) φ(x)``.

    This *is* a rank-K network of the lecture, so it is simulated with
    :func:`lrnn_utils.simulate.simulate` with ``m = U``, ``n = N W``; the recorded
    ``kappa = nᵀφ/N = Wᵀφ`` is the readout ``z``.

    Parameters
    ----------
    x0 : array_like, shape (N,) or (B, N)
        Initial state(s), e.g. ``result.x`` from :func:`force_train`.
    t_max, dt : float
    J0 : array_like, shape (N, N)
    u, w : array_like, shape (N,) or (N, K)
    record_every : int
    record_x : bool or array of int
        As in :func:`~lrnn_utils.simulate.simulate`.

    Returns
    -------
    SimulationResult
        ``kappa`` holds ``z(t)``, shape (T, K) (or (B, T, K)).
    """
    J0 = check_array(J0, "J0", ndim=2)
    N = J0.shape[0]
    u = as_columns(u, "u", n_rows=N)
    w = as_columns(w, "w", n_rows=N)
    if w.shape != u.shape:
        raise ValueError(f"w must have the shape of u {u.shape}, got {w.shape}")
    return simulate(x0, t_max, dt, J0=J0, m=u, n=N * w, record_every=record_every,
                    record_x=record_x)
