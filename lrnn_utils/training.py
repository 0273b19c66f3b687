"""A small gradient-descent trainer for rate RNNs, written with numpy only.

Notebook 00 uses it to reproduce the observation of Schuessler et al. (2020): when
the recurrent connectivity ``J = J0 + ΔJ`` of a network with a random initial
``J0`` is trained by gradient descent on a simple task, the learned change ``ΔJ``
is approximately low rank.

Model (time in units of τ, Euler step ``dt``)

.. math::

    x_{t+1} = x_t + dt\\,\\big(-x_t + J\\,\\phi(x_t) + W_{in} u_t\\big), \\qquad
    z_t = W_{out}^T \\phi(x_{t+1}), \\qquad \\phi = \\tanh ,

i.e. the Euler discretisation of ``dx/dt = -x + J φ(x) + W_in u(t)``, read out
linearly. Only ``J`` is trained; ``W_in`` (N, N_in) and ``W_out`` (N, N_out) are
fixed, as in Schuessler et al. The loss is the mean squared error over the
entries selected by a mask,

.. math::

    L = \\frac{\\sum_{b,t,k} \\mathrm{mask}_{btk} (z_{btk} - y_{btk})^2}
             {\\sum_{b,t,k} \\mathrm{mask}_{btk}} ,

and its gradient with respect to ``J`` is computed exactly by back-propagation
through time (BPTT), written out by hand below; ``tests/test_training.py``
compares it with finite differences. The optimiser is Adam (Kingma & Ba 2015) or
plain gradient descent with momentum (:class:`GradientDescent`).

Shapes: a batch of ``B`` trials of ``T`` steps has inputs ``(B, T, N_in)``,
targets and mask ``(B, T, N_out)``, states ``(B, T + 1, N)`` (including the
initial state) and outputs ``(B, T, N_out)``.

References
----------
Schuessler F, Mastrogiuseppe F, Dubreuil A, Ostojic S, Barak O (2020). The interplay
between randomness and structure during learning in RNNs. NeurIPS 33.
Sussillo D, Barak O (2013). Opening the black box: low-dimensional dynamics in
high-dimensional recurrent neural networks. Neural Comput 25:626-649 (flip-flop task).
Kingma DP, Ba J (2015). Adam: a method for stochastic optimization. ICLR.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import check_array, check_int, check_rng, check_scalar

__all__ = [
    "Task",
    "RNNRun",
    "TrainingResult",
    "Adam",
    "GradientDescent",
    "flipflop_task",
    "run_rnn",
    "task_loss",
    "loss_and_grad",
    "train_rnn",
]


def _check_dt(dt, name: str = "dt") -> float:
    """The Euler step: a finite float with ``0 < dt < 1`` (units of τ)."""
    dt = check_scalar(dt, name, strictly_positive=True)
    if dt >= 1.0:
        raise ValueError(f"{name} must be < 1 (Euler step in units of τ), got {dt}")
    return dt


@dataclass(frozen=True)
class Task:
    """A batch of trials: what goes in, what should come out, and where it counts.

    Attributes
    ----------
    inputs : ndarray, shape (B, T, N_in)
        External input ``u_t`` at each step.
    targets : ndarray, shape (B, T, N_out)
        Desired output ``y_t``.
    mask : ndarray, shape (B, T, N_out)
        Non-negative weights of each entry in the loss (1 = counts, 0 = ignored).
    dt : float
        Euler step (units of τ) the trials are laid out for, ``0 < dt < 1`` (as
        for :func:`run_rnn`).

    All arrays must be finite; construction raises ``ValueError`` otherwise.
    """

    inputs: np.ndarray
    targets: np.ndarray
    mask: np.ndarray
    dt: float

    def __post_init__(self):
        inputs = check_array(self.inputs, "task.inputs", ndim=3)
        targets = check_array(self.targets, "task.targets", ndim=3)
        mask = check_array(self.mask, "task.mask", ndim=3)
        expected = inputs.shape[:2] + targets.shape[2:]
        if targets.shape[:2] != inputs.shape[:2]:
            raise ValueError(
                f"task.targets must have shape (B, T, N_out) = {expected[:2]} + "
                f"(N_out,) like task.inputs, got {targets.shape}"
            )
        if mask.shape != targets.shape:
            raise ValueError(
                f"task.mask must have the shape of task.targets {targets.shape}, "
                f"got {mask.shape}"
            )
        if np.any(mask < 0):
            raise ValueError("task.mask must be non-negative")
        object.__setattr__(self, "inputs", inputs)
        object.__setattr__(self, "targets", targets)
        object.__setattr__(self, "mask", mask)
        object.__setattr__(self, "dt", _check_dt(self.dt, "task.dt"))

    @property
    def n_trials(self) -> int:
        return self.inputs.shape[0]

    @property
    def n_steps(self) -> int:
        return self.inputs.shape[1]

    @property
    def t(self) -> np.ndarray:
        """Time of each output ``z_t`` (after step ``t``), shape (T,)."""
        return (np.arange(self.n_steps) + 1) * self.dt


@dataclass(frozen=True)
class RNNRun:
    """Forward pass of :func:`run_rnn`.

    Attributes
    ----------
    x : ndarray, shape (B, T + 1, N)
        States, ``x[:, 0]`` is the initial state.
    z : ndarray, shape (B, T, N_out)
        Outputs ``z_t = W_outᵀ φ(x_{t+1})``.
    """

    x: np.ndarray
    z: np.ndarray


@dataclass(frozen=True)
class TrainingResult:
    """Outcome of :func:`train_rnn`.

    Attributes
    ----------
    J : ndarray, shape (N, N)
        Trained connectivity.
    J0 : ndarray, shape (N, N)
        Initial connectivity (a copy).
    loss : ndarray, shape (n_iter,)
        Training loss at each iteration (on that iteration's batch, before the update).
    lr : float
        Adam learning rate used.
    """

    J: np.ndarray
    J0: np.ndarray
    loss: np.ndarray
    lr: float

    @property
    def delta_J(self) -> np.ndarray:
        """The learned change ``ΔJ = J - J0``, shape (N, N)."""
        return self.J - self.J0


# --------------------------------------------------------------------------------------
# task


def flipflop_task(
    n_trials: int,
    rng: np.random.Generator,
    *,
    n_steps: int = 150,
    dt: float = 0.2,
    pulse_rate: float = 0.08,
    pulse_duration: float = 1.0,
    first_pulse: float = 1.0,
    n_bits: int = 1,
) -> Task:
    """Flip-flop memory task (Sussillo & Barak 2013).

    Each input channel receives brief pulses of amplitude ±1 at random times; the
    corresponding output must report the sign of the most recent pulse and hold it
    until the next one (a one-bit memory per channel). Before the first pulse the
    target is 0. Every trial has a pulse at ``t = first_pulse`` (so that every trial
    asks for a memory), further pulse onsets form a Poisson process of rate
    ``pulse_rate`` (per τ) with onsets at least ``2 · pulse_duration`` apart.

    Parameters
    ----------
    n_trials : int
        Number of trials ``B``.
    rng : numpy.random.Generator
    n_steps : int, default 150
        Steps per trial ``T`` (duration ``T · dt``).
    dt : float, default 0.2
        Euler step (units of τ).
    pulse_rate : float, default 0.08
        Rate of the additional pulses, per τ.
    pulse_duration : float, default 1.0
        Duration of each pulse (τ); the target switches at the pulse onset.
    first_pulse : float, default 1.0
        Onset of the first pulse (τ).
    n_bits : int, default 1
        Number of independent channels (input and output dimension).

    Returns
    -------
    Task
        ``inputs`` (B, T, n_bits), ``targets`` (B, T, n_bits) in {-1, 0, 1} and
        ``mask`` (B, T, n_bits), which is 0 during each pulse (the network is given
        the pulse duration to switch) and 1 elsewhere.
    """
    n_trials = check_int(n_trials, "n_trials", minimum=1)
    check_rng(rng)
    n_steps = check_int(n_steps, "n_steps", minimum=2)
    dt = _check_dt(dt)
    pulse_rate = check_scalar(pulse_rate, "pulse_rate", minimum=0.0)
    pulse_duration = check_scalar(
        pulse_duration, "pulse_duration", strictly_positive=True
    )
    first_pulse = check_scalar(first_pulse, "first_pulse", minimum=0.0)
    n_bits = check_int(n_bits, "n_bits", minimum=1)
    width = max(1, int(round(pulse_duration / dt)))
    start = int(round(first_pulse / dt))
    if start + width > n_steps:
        raise ValueError(
            f"n_steps={n_steps} is too short for a pulse at first_pulse={first_pulse} "
            f"lasting pulse_duration={pulse_duration} (dt={dt})"
        )
    inputs = np.zeros((n_trials, n_steps, n_bits))
    targets = np.zeros((n_trials, n_steps, n_bits))
    mask = np.ones((n_trials, n_steps, n_bits))
    p_onset = 1.0 - np.exp(-pulse_rate * dt)  # Poisson onsets, one draw per step
    for b in range(n_trials):
        for k in range(n_bits):
            onsets = [start]
            t = start + 2 * width
            while t + width <= n_steps:
                if rng.random() < p_onset:
                    onsets.append(t)
                    t += 2 * width
                else:
                    t += 1
            signs = rng.choice([-1.0, 1.0], size=len(onsets))
            for t0, s in zip(onsets, signs):
                inputs[b, t0 : t0 + width, k] = s
                targets[b, t0:, k] = s
                mask[b, t0 : t0 + width, k] = 0.0
    return Task(inputs, targets, mask, dt)


# --------------------------------------------------------------------------------------
# forward pass, loss and gradient


def _validate_network(J, w_in, w_out):
    J = check_array(J, "J", ndim=2)
    N = J.shape[0]
    if J.shape != (N, N):
        raise ValueError(f"J must be square (N, N), got {J.shape}")
    w_in = check_array(w_in, "w_in", ndim=(1, 2))
    if w_in.ndim == 1:
        w_in = w_in[:, None]
    if w_in.shape[0] != N:
        raise ValueError(f"w_in must have N={N} rows, got shape {w_in.shape}")
    w_out = check_array(w_out, "w_out", ndim=(1, 2))
    if w_out.ndim == 1:
        w_out = w_out[:, None]
    if w_out.shape[0] != N:
        raise ValueError(f"w_out must have N={N} rows, got shape {w_out.shape}")
    return J, w_in, w_out


def _validate_x0(x0, B: int, N: int) -> np.ndarray:
    if x0 is None:
        return np.zeros((B, N))
    x0 = check_array(x0, "x0", ndim=(1, 2))
    if x0.shape not in ((N,), (B, N)):
        raise ValueError(f"x0 must have shape ({N},) or ({B}, {N}), got {x0.shape}")
    return np.broadcast_to(x0, (B, N)).copy()


def _forward(J, w_in, w_out, inputs, dt, x0):
    """Euler forward pass; returns states (B, T+1, N), rates (B, T+1, N), outputs."""
    B, T, _ = inputs.shape
    N = J.shape[0]
    x = np.empty((B, T + 1, N))
    r = np.empty((B, T + 1, N))
    x[:, 0] = x0
    r[:, 0] = np.tanh(x0)
    drive_in = inputs @ w_in.T  # (B, T, N)
    for t in range(T):
        x[:, t + 1] = (1.0 - dt) * x[:, t] + dt * (r[:, t] @ J.T + drive_in[:, t])
        r[:, t + 1] = np.tanh(x[:, t + 1])
    if not np.all(np.isfinite(r[:, -1])):
        raise FloatingPointError(
            "the RNN state became non-finite; reduce dt or the weights"
        )
    z = r[:, 1:] @ w_out  # (B, T, N_out)
    return x, r, z


def _validate_task(task: Task, n_in: int, n_out: int) -> Task:
    if not isinstance(task, Task):
        raise TypeError(
            f"task must be a Task (e.g. from flipflop_task), got {type(task).__name__}"
        )
    if task.inputs.ndim != 3 or task.inputs.shape[2] != n_in:
        raise ValueError(
            f"task.inputs must have shape (B, T, {n_in}) to match w_in, got "
            f"{task.inputs.shape}"
        )
    expected = task.inputs.shape[:2] + (n_out,)
    if task.targets.shape != expected:
        raise ValueError(
            f"task.targets must have shape {expected}, got {task.targets.shape}"
        )
    if task.mask.shape != expected:
        raise ValueError(f"task.mask must have shape {expected}, got {task.mask.shape}")
    if np.any(task.mask < 0) or task.mask.sum() <= 0:
        raise ValueError("task.mask must be non-negative with a positive sum")
    return task


def run_rnn(J, w_in, w_out, inputs, dt: float, *, x0=None) -> RNNRun:
    """Run the network on a batch of inputs.

    Parameters
    ----------
    J : array_like, shape (N, N)
        Recurrent connectivity.
    w_in : array_like, shape (N, N_in) or (N,)
        Input weights: neuron ``i`` receives ``Σ_k w_in[i, k] u_k(t)``.
    w_out : array_like, shape (N, N_out) or (N,)
        Readout weights: ``z_k = Σ_i w_out[i, k] φ(x_i)``. Include any ``1/N`` or
        ``1/√N`` scaling in ``w_out`` itself.
    inputs : array_like, shape (B, T, N_in)
    dt : float
        Euler step, ``0 < dt < 1``.
    x0 : array_like, shape (N,) or (B, N), optional
        Initial state (default zeros).

    Returns
    -------
    RNNRun
        ``x`` (B, T + 1, N) and ``z`` (B, T, N_out).
    """
    J, w_in, w_out = _validate_network(J, w_in, w_out)
    inputs = check_array(inputs, "inputs", ndim=3)
    if inputs.shape[2] != w_in.shape[1]:
        raise ValueError(
            f"inputs must have {w_in.shape[1]} channels (columns of w_in), got "
            f"{inputs.shape}"
        )
    dt = _check_dt(dt)
    x0 = _validate_x0(x0, inputs.shape[0], J.shape[0])
    x, _, z = _forward(J, w_in, w_out, inputs, dt, x0)
    return RNNRun(x, z)


def _loss_grad(J, w_in, w_out, task: Task, x0, want_grad: bool):
    dt = task.dt
    x, r, z = _forward(J, w_in, w_out, task.inputs, dt, x0)
    norm = task.mask.sum()
    err = task.mask * (z - task.targets)
    with np.errstate(over="ignore", invalid="ignore"):
        # a diverging run gives inf/nan here, which train_rnn reports as an error
        loss = float(np.sum(err * (z - task.targets)) / norm)
    if not want_grad:
        return loss, None
    B, T, _ = task.inputs.shape
    dz = 2.0 * err / norm  # dL/dz, (B, T, N_out)
    # dL/dx_{t+1} from the readout: (dz_t @ w_outᵀ) ⊙ φ'(x_{t+1})
    gain = 1.0 - r[:, 1:] ** 2  # φ'(x_{t+1}), (B, T, N)
    direct = (dz @ w_out.T) * gain  # (B, T, N)
    # a[:, t] = total dL/dx_{t+1}; back-propagate through
    # x_{t+1} = (1 - dt) x_t + dt (J φ(x_t) + ...)
    a = np.empty((B, T, J.shape[0]))
    a[:, T - 1] = direct[:, T - 1]
    for t in range(T - 1, 0, -1):
        a[:, t - 1] = (
            direct[:, t - 1]
            + (1.0 - dt) * a[:, t]
            + dt * (a[:, t] @ J) * gain[:, t - 1]
        )
    # dL/dJ = dt Σ_{b,t} a_t φ(x_t)ᵀ  (x_t is the state *before* step t → t+1)
    grad = dt * a.reshape(-1, a.shape[2]).T @ r[:, :-1].reshape(-1, r.shape[2])
    return loss, grad


def task_loss(J, w_in, w_out, task: Task, *, x0=None) -> float:
    """Masked mean squared error of the network's output on ``task``.

    Parameters as in :func:`loss_and_grad`.

    Returns
    -------
    float
    """
    J, w_in, w_out = _validate_network(J, w_in, w_out)
    task = _validate_task(task, w_in.shape[1], w_out.shape[1])
    x0 = _validate_x0(x0, task.n_trials, J.shape[0])
    return _loss_grad(J, w_in, w_out, task, x0, want_grad=False)[0]


def loss_and_grad(J, w_in, w_out, task: Task, *, x0=None):
    """Loss and its exact gradient with respect to ``J`` (back-propagation through
    time).

    Parameters
    ----------
    J : array_like, shape (N, N)
    w_in : array_like, shape (N, N_in) or (N,)
    w_out : array_like, shape (N, N_out) or (N,)
    task : Task
        Inputs, targets and mask; ``task.dt`` is the Euler step.
    x0 : array_like, shape (N,) or (B, N), optional
        Initial state (default zeros).

    Returns
    -------
    loss : float
        Masked mean squared error.
    grad : ndarray, shape (N, N)
        ``∂L/∂J``: ``dt Σ_{b,t} a_{b,t+1} φ(x_{b,t})ᵀ`` with ``a_{t} = ∂L/∂x_t`` the
        adjoint state, which obeys
        ``a_t = (1 - dt) a_{t+1} + dt φ'(x_t) ⊙ (Jᵀ a_{t+1}) + φ'(x_t) ⊙ (W_out
        ∂L/∂z)``.
    """
    J, w_in, w_out = _validate_network(J, w_in, w_out)
    task = _validate_task(task, w_in.shape[1], w_out.shape[1])
    x0 = _validate_x0(x0, task.n_trials, J.shape[0])
    return _loss_grad(J, w_in, w_out, task, x0, want_grad=True)


# --------------------------------------------------------------------------------------
# optimiser and training loop


class Adam:
    """The Adam optimiser (Kingma & Ba 2015) for one array parameter.

    Parameters
    ----------
    lr : float
        Step size (learning rate), > 0.
    beta1, beta2 : float, default 0.9, 0.999
        Decay rates of the first- and second-moment estimates, in [0, 1).
    eps : float, default 1e-8
        Regulariser of the denominator, > 0.

    Examples
    --------
    >>> opt = Adam(lr=0.1)
    >>> w = np.array([1.0, -2.0])
    >>> for _ in range(200):
    ...     w = opt.step(w, 2 * w)   # minimise |w|²
    >>> bool(np.all(np.abs(w) < 0.05))
    True
    """

    def __init__(
        self, lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ):
        self.lr = check_scalar(lr, "lr", strictly_positive=True)
        self.beta1 = check_scalar(beta1, "beta1", minimum=0.0)
        self.beta2 = check_scalar(beta2, "beta2", minimum=0.0)
        if self.beta1 >= 1 or self.beta2 >= 1:
            raise ValueError(f"beta1 and beta2 must be < 1, got {beta1}, {beta2}")
        self.eps = check_scalar(eps, "eps", strictly_positive=True)
        self.t = 0
        self._m = None
        self._v = None

    def step(self, param: np.ndarray, grad: np.ndarray) -> np.ndarray:
        """Return the updated parameter ``param - lr · m̂ / (√v̂ + eps)`` (finite
        arrays)."""
        param = check_array(param, "param")
        grad = check_array(grad, "grad")
        if self._m is None:
            self._m = np.zeros_like(grad)
            self._v = np.zeros_like(grad)
        if grad.shape != self._m.shape or np.shape(param) != grad.shape:
            raise ValueError(
                f"grad must have the parameter's shape {self._m.shape}, got "
                f"{grad.shape} "
                f"(param {np.shape(param)})"
            )
        self.t += 1
        self._m = self.beta1 * self._m + (1 - self.beta1) * grad
        self._v = self.beta2 * self._v + (1 - self.beta2) * grad**2
        m_hat = self._m / (1 - self.beta1**self.t)
        v_hat = self._v / (1 - self.beta2**self.t)
        return param - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class GradientDescent:
    """Plain (stochastic) gradient descent with optional heavy-ball momentum.

    Parameters
    ----------
    lr : float
        Step size, > 0.
    momentum : float, default 0
        Momentum coefficient in [0, 1): ``v ← momentum · v + grad``,
        ``param ← param - lr · v``.

    Unlike Adam, the update is a linear combination of past gradients, so it is
    invariant under rotations of the parameter space: the learned ``ΔJ`` is a sum of
    gradients, each a sum of outer products ``a_t φ(x_t)ᵀ``.
    """

    def __init__(self, lr: float, momentum: float = 0.0):
        self.lr = check_scalar(lr, "lr", strictly_positive=True)
        self.momentum = check_scalar(momentum, "momentum", minimum=0.0)
        if self.momentum >= 1:
            raise ValueError(f"momentum must be < 1, got {momentum}")
        self.t = 0
        self._v = None

    def step(self, param: np.ndarray, grad: np.ndarray) -> np.ndarray:
        """Return the updated parameter ``param - lr · v`` (finite arrays)."""
        param = check_array(param, "param")
        grad = check_array(grad, "grad")
        if self._v is None:
            self._v = np.zeros_like(grad)
        if grad.shape != self._v.shape or np.shape(param) != grad.shape:
            raise ValueError(
                f"grad must have the parameter's shape {self._v.shape}, got "
                f"{grad.shape} "
                f"(param {np.shape(param)})"
            )
        self.t += 1
        self._v = self.momentum * self._v + grad
        return param - self.lr * self._v


def train_rnn(
    J0,
    w_in,
    w_out,
    task: Task | Callable[[np.random.Generator], Task],
    rng: np.random.Generator,
    *,
    n_iter: int = 300,
    lr: float = 1e-3,
    optimizer: str = "adam",
    momentum: float = 0.9,
    x0=None,
    max_grad_norm: float | None = None,
    callback: Callable[[int, float, np.ndarray], None] | None = None,
) -> TrainingResult:
    """Train the recurrent connectivity ``J`` (starting from ``J0``) by BPTT and Adam or
    SGD.

    Parameters
    ----------
    J0 : array_like, shape (N, N)
        Initial connectivity, e.g. ``random_bulk(N, g, rng)``.
    w_in : array_like, shape (N, N_in) or (N,)
        Fixed input weights.
    w_out : array_like, shape (N, N_out) or (N,)
        Fixed readout weights (with their scaling, e.g. ``randn / √N``).
    task : Task or callable ``rng -> Task``
        A fixed batch, or a generator of a fresh batch at every iteration (stochastic
        gradient descent; e.g. ``lambda r: flipflop_task(32, r)``).
    rng : numpy.random.Generator
        Passed to ``task`` when it is a callable.
    n_iter : int, default 300
        Number of optimisation steps (one batch each).
    lr : float, default 1e-3
        Learning rate (step size).
    optimizer : {"adam", "sgd"}, default "adam"
        :class:`Adam`, or :class:`GradientDescent` with ``momentum``.
    momentum : float, default 0.9
        Momentum of ``"sgd"`` (ignored by Adam).
    x0 : array_like, shape (N,) or (B, N), optional
        Initial state of every trial (default zeros).
    max_grad_norm : float, optional
        If given, gradients with a larger Frobenius norm are rescaled to it.
    callback : callable ``(iteration, loss, J) -> None``, optional
        Called after every step (e.g. to record snapshots).

    Returns
    -------
    TrainingResult
        ``J``, ``J0``, ``loss`` (n_iter,), ``lr``; ``delta_J = J - J0``.
    """
    J0 = check_array(J0, "J0", ndim=2)
    J, w_in, w_out = _validate_network(J0, w_in, w_out)
    J = J.copy()
    check_rng(rng)
    n_iter = check_int(n_iter, "n_iter", minimum=1)
    if optimizer == "adam":
        opt = Adam(lr)
    elif optimizer == "sgd":
        opt = GradientDescent(lr, momentum)
    else:
        raise ValueError(f"optimizer must be 'adam' or 'sgd', got {optimizer!r}")
    if max_grad_norm is not None:
        max_grad_norm = check_scalar(
            max_grad_norm, "max_grad_norm", strictly_positive=True
        )
    if isinstance(task, Task):
        fixed = _validate_task(task, w_in.shape[1], w_out.shape[1])
        next_task = lambda: fixed  # noqa: E731
    elif callable(task):
        next_task = lambda: _validate_task(task(rng), w_in.shape[1], w_out.shape[1])  # noqa: E731
    else:
        raise TypeError(
            f"task must be a Task or a callable rng -> Task, got {type(task).__name__}"
        )
    losses = np.empty(n_iter)
    for it in range(n_iter):
        batch = next_task()
        x0_b = _validate_x0(x0, batch.n_trials, J.shape[0])
        loss, grad = _loss_grad(J, w_in, w_out, batch, x0_b, want_grad=True)
        if not (np.isfinite(loss) and np.all(np.isfinite(grad))):
            raise FloatingPointError(
                f"train_rnn: the loss or its gradient became non-finite "
                f"at iteration {it} (lower lr or set max_grad_norm)"
            )
        if max_grad_norm is not None:
            norm = np.linalg.norm(grad)
            if norm > max_grad_norm:
                grad *= max_grad_norm / norm
        J = opt.step(J, grad)
        losses[it] = loss
        if callback is not None:
            callback(it, loss, J)
    return TrainingResult(J=J, J0=np.array(J0, copy=True), loss=losses, lr=opt.lr)
