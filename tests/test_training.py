"""The numpy RNN trainer: exact BPTT gradient, Adam/SGD, the flip-flop task,
validation."""

import numpy as np
import pytest

from lrnn_utils.connectivity import random_bulk
from lrnn_utils.training import (
    Adam,
    GradientDescent,
    Task,
    flipflop_task,
    loss_and_grad,
    run_rnn,
    task_loss,
    train_rnn,
)


def _small_net(rng, N=25, g=1.2):
    J = random_bulk(N, g, rng)
    w_in = rng.standard_normal((N, 1))
    w_out = rng.standard_normal((N, 1)) / np.sqrt(N)
    return J, w_in, w_out


def test_gradient_matches_finite_differences(rng):
    # Central differences have error O(h²·L''') ~ 1e-12 at h = 1e-5; the BPTT gradient
    # must agree to ~1e-7 relative (limited by round-off of the two loss evaluations,
    # ~1e-16/h).
    J, w_in, w_out = _small_net(rng)
    task = flipflop_task(3, rng, n_steps=40, pulse_rate=0.3)
    x0 = 0.3 * rng.standard_normal((3, J.shape[0]))
    loss, grad = loss_and_grad(J, w_in, w_out, task, x0=x0)
    assert loss == pytest.approx(task_loss(J, w_in, w_out, task, x0=x0), rel=1e-14)
    h = 1e-5
    num = np.empty_like(J)
    for i in range(J.shape[0]):
        for j in range(J.shape[1]):
            e = np.zeros_like(J)
            e[i, j] = h
            num[i, j] = (task_loss(J + e, w_in, w_out, task, x0=x0)
                         - task_loss(J - e, w_in, w_out, task, x0=x0)) / (2 * h)
    assert np.max(np.abs(num - grad)) < 1e-7 * np.max(np.abs(grad))


def test_gradient_with_several_channels_and_partial_mask(rng):
    N = 12
    J = random_bulk(N, 0.9, rng)
    w_in = rng.standard_normal((N, 2))
    w_out = rng.standard_normal((N, 3)) / N
    B, T = 2, 15
    mask = (rng.random((B, T, 3)) < 0.6).astype(float)
    mask[0, 0, 0] = 1.0
    task = Task(
        rng.standard_normal((B, T, 2)), rng.standard_normal((B, T, 3)), mask, 0.3
    )
    _, grad = loss_and_grad(J, w_in, w_out, task)
    h = 1e-6
    for (i, j) in [(0, 0), (3, 7), (11, 2)]:
        e = np.zeros_like(J)
        e[i, j] = h
        num = (
            task_loss(J + e, w_in, w_out, task) - task_loss(J - e, w_in, w_out, task)
        ) / (2 * h)
        assert num == pytest.approx(grad[i, j], rel=1e-6, abs=1e-10)


def test_forward_pass_is_the_euler_scheme(rng):
    J, w_in, w_out = _small_net(rng, N=10)
    u = rng.standard_normal((1, 5, 1))
    run = run_rnn(J, w_in, w_out, u, 0.2)
    x = np.zeros(10)
    for t in range(5):
        x = x + 0.2 * (-x + J @ np.tanh(x) + w_in[:, 0] * u[0, t, 0])
        assert np.allclose(run.x[0, t + 1], x, atol=1e-14)
        assert np.allclose(run.z[0, t], w_out[:, 0] @ np.tanh(x), atol=1e-14)
    assert run.x.shape == (1, 6, 10) and run.z.shape == (1, 5, 1)


@pytest.mark.parametrize("optimizer, lr", [("sgd", 0.05), ("adam", 3e-3)])
def test_loss_decreases_on_a_fixed_batch(rng, optimizer, lr):
    J, w_in, w_out = _small_net(rng, N=40, g=0.9)
    task = flipflop_task(8, rng, n_steps=50)
    res = train_rnn(J, w_in, w_out, task, rng, n_iter=60, lr=lr, optimizer=optimizer)
    assert res.loss.shape == (60,)
    assert res.loss[-5:].mean() < 0.5 * res.loss[0]
    assert task_loss(res.J, w_in, w_out, task) < 0.5 * task_loss(J, w_in, w_out, task)
    assert np.array_equal(res.J0, J) and np.allclose(res.delta_J, res.J - J)


def test_training_with_fresh_batches_is_reproducible(rng):
    J, w_in, w_out = _small_net(np.random.default_rng(0), N=30)
    make = lambda r: flipflop_task(4, r, n_steps=30)  # noqa: E731
    a = train_rnn(
        J,
        w_in,
        w_out,
        make,
        np.random.default_rng(1),
        n_iter=5,
        lr=0.01,
        optimizer="sgd",
    )
    b = train_rnn(
        J,
        w_in,
        w_out,
        make,
        np.random.default_rng(1),
        n_iter=5,
        lr=0.01,
        optimizer="sgd",
    )
    assert np.array_equal(a.J, b.J)
    snapshots = []
    train_rnn(J, w_in, w_out, make, np.random.default_rng(1), n_iter=3, lr=0.01,
              callback=lambda it, loss, Jc: snapshots.append((it, loss)))
    assert [s[0] for s in snapshots] == [0, 1, 2]


def test_gradient_clipping_bounds_the_first_step(rng):
    J, w_in, w_out = _small_net(rng, N=20)
    task = flipflop_task(4, rng, n_steps=30)
    res = train_rnn(J, w_in, w_out, task, rng, n_iter=1, lr=0.1, optimizer="sgd",
                    max_grad_norm=1e-3)
    assert np.linalg.norm(res.delta_J) == pytest.approx(0.1 * 1e-3, rel=1e-9)


def test_adam_and_sgd_minimise_a_quadratic():
    for opt in (Adam(lr=0.1), GradientDescent(lr=0.1, momentum=0.5)):
        w = np.array([1.0, -2.0, 0.5])
        for _ in range(300):
            w = opt.step(w, 2 * w)
        assert np.all(np.abs(w) < 1e-2)


def test_adam_first_step_is_lr_times_sign():
    # bias correction: the first Adam step is lr·g/(|g| + eps) = lr·sign(g)
    w = Adam(lr=0.01).step(np.zeros(3), np.array([3.0, -0.2, 1e-3]))
    assert np.allclose(w, -0.01 * np.array([1, -1, 1]), rtol=1e-4)


def test_flipflop_task_targets_follow_the_last_pulse(rng):
    task = flipflop_task(20, rng, n_steps=150, dt=0.2, pulse_rate=0.2, n_bits=2)
    assert task.inputs.shape == task.targets.shape == task.mask.shape == (20, 150, 2)
    width = 5
    for b in range(20):
        for k in range(2):
            u, y = task.inputs[b, :, k], task.targets[b, :, k]
            assert np.all(y[:width] == 0)  # first pulse at t = 1 τ = step 5
            assert u[5] != 0
            last = 0.0
            for t in range(150):
                if u[t] != 0:
                    last = u[t]
                    assert task.mask[b, t, k] == 0
                assert y[t] == last
    assert set(np.unique(task.inputs)) <= {-1.0, 0.0, 1.0}
    assert np.allclose(task.t, (np.arange(150) + 1) * 0.2)


@pytest.mark.parametrize("kwargs, name", [
    (dict(n_trials=0), "n_trials"),
    (dict(n_steps=3), "n_steps"),
    (dict(dt=1.5), "dt"),
    (dict(pulse_duration=-1.0), "pulse_duration"),
    (dict(n_bits=0), "n_bits"),
])
def test_flipflop_task_validates(rng, kwargs, name):
    args = dict(n_trials=2, n_steps=100)
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        flipflop_task(rng=rng, **args)


def test_arguments_are_validated(rng):
    J, w_in, w_out = _small_net(rng, N=10)
    task = flipflop_task(2, rng, n_steps=20)
    with pytest.raises(ValueError, match="J must be square"):
        loss_and_grad(J[:, :5], w_in, w_out, task)
    with pytest.raises(ValueError, match="w_in"):
        loss_and_grad(J, w_in[:5], w_out, task)
    with pytest.raises(ValueError, match="w_out"):
        loss_and_grad(J, w_in, w_out[:5], task)
    with pytest.raises(ValueError, match="x0"):
        loss_and_grad(J, w_in, w_out, task, x0=np.zeros(7))
    with pytest.raises(ValueError, match="task.inputs"):
        loss_and_grad(J, np.ones((10, 2)), w_out, task)
    with pytest.raises(TypeError, match="task"):
        loss_and_grad(J, w_in, w_out, task.inputs)
    with pytest.raises(ValueError, match="optimizer"):
        train_rnn(J, w_in, w_out, task, rng, optimizer="rmsprop")
    with pytest.raises(ValueError, match="n_iter"):
        train_rnn(J, w_in, w_out, task, rng, n_iter=0)
    with pytest.raises(TypeError, match="rng"):
        train_rnn(J, w_in, w_out, task, 1)
    with pytest.raises(ValueError, match="lr"):
        Adam(lr=0.0)
    with pytest.raises(ValueError, match="momentum"):
        GradientDescent(lr=0.1, momentum=1.0)
    with pytest.raises(ValueError, match="dt"):
        run_rnn(J, w_in, w_out, task.inputs, 1.0)
    with pytest.raises(ValueError, match="task.mask"):
        task_loss(
            J, w_in, w_out, Task(task.inputs, task.targets, 0 * task.mask, task.dt)
        )


def _task_arrays(rng, B=2, T=5):
    return (
        rng.standard_normal((B, T, 1)),
        rng.standard_normal((B, T, 1)),
        np.ones((B, T, 1)),
    )


@pytest.mark.parametrize("bad", ["nan_targets", "nan_mask", "nan_inputs", "neg_mask",
                                 "dt5", "dt_neg", "dt1", "dt_nan", "shape"])
def test_task_validates_at_construction(rng, bad):
    u, y, m = _task_arrays(rng)
    dt = 0.2
    if bad == "nan_targets":
        y[0, 1, 0] = np.nan
    elif bad == "nan_mask":
        m[1, 0, 0] = np.nan
    elif bad == "nan_inputs":
        u[0, 0, 0] = np.inf
    elif bad == "neg_mask":
        m[0, 0, 0] = -1
    elif bad == "shape":
        m = m[:, :3]
    else:
        dt = {"dt5": 5.0, "dt_neg": -0.2, "dt1": 1.0, "dt_nan": np.nan}[bad]
    with pytest.raises(ValueError):
        Task(u, y, m, dt)


def test_dt_limits_agree_between_task_and_run_rnn(rng):
    J, w_in, w_out = _small_net(rng, N=5)
    u, y, m = _task_arrays(rng)
    for dt in (0.999, 1e-6):
        Task(u, y, m, dt)
        run_rnn(J, w_in, w_out, u, dt)
    for dt in (1.0, 0.0):
        with pytest.raises(ValueError):
            Task(u, y, m, dt)
        with pytest.raises(ValueError):
            run_rnn(J, w_in, w_out, u, dt)


def test_train_rnn_with_nan_targets_raises_and_never_returns_nan(rng):
    J, w_in, w_out = _small_net(rng, N=5)
    u, y, m = _task_arrays(rng)
    y[0, 0, 0] = np.nan
    with pytest.raises(ValueError):
        train_rnn(J, w_in, w_out, lambda r: Task(u, y, m, 0.2), rng, n_iter=1)


def test_train_rnn_divergence_raises(rng):
    J, w_in, w_out = _small_net(rng, N=5)
    u, y, m = _task_arrays(rng)
    task = Task(u, 1e200 * np.ones_like(y), m, 0.2)
    with pytest.raises(FloatingPointError):
        train_rnn(J, w_in, w_out, task, rng, n_iter=1)
