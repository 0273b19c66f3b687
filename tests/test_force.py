"""Unit tests of lrnn_utils.force: RLS algebra, FORCE learning, rank of the learned
change."""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils import simulate
from lrnn_utils.force import (
    ForceResult,
    feedback_network,
    force_run,
    force_train,
    rls_update,
)


def _sum_of_sines(period=20.0):
    w = 2 * np.pi / period
    return lambda t: np.sin(w * t) + 0.5 * np.sin(2 * w * t + 0.4)


def test_rls_is_exact_ridge_regression():
    """After T updates, P = (αI + Σ r rᵀ)⁻¹ and w is the ridge solution around w0
    (exact)."""
    rng = np.random.default_rng(0)
    N, K, T, alpha = 30, 2, 80, 0.7
    R = np.tanh(rng.standard_normal((T, N)))
    F = rng.standard_normal((T, K))
    w0 = 0.1 * rng.standard_normal((N, K))
    P = np.eye(N) / alpha
    w = w0.copy()
    buf = np.empty((N, N))
    for t in range(T):
        err, dw = rls_update(P, w, R[t], F[t], buffer=buf if t % 2 else None)
        assert err.shape == (K,) and dw.shape == (N, K)
    A = alpha * np.eye(N) + R.T @ R
    np.testing.assert_allclose(P, np.linalg.inv(A), atol=1e-12)
    w_ridge = w0 + np.linalg.solve(A, R.T @ (F - R @ w0))
    np.testing.assert_allclose(w, w_ridge, atol=1e-10)
    np.testing.assert_allclose(P, P.T, atol=1e-14)


def test_rls_error_is_before_update_and_shrinks():
    """e⁻ uses the old weights; after the update the same sample is fitted better (e⁺ =
    c e⁻)."""
    rng = np.random.default_rng(1)
    N = 20
    P = np.eye(N)
    w = np.zeros((N, 1))
    r = np.tanh(rng.standard_normal(N))
    err, _ = rls_update(P, w, r, np.array([1.0]))
    assert err[0] == pytest.approx(-1.0)
    c = 1 / (1 + r @ r)  # P was the identity
    assert (w.T @ r - 1.0)[0] == pytest.approx(c * err[0], rel=1e-12)


def test_force_learns_sum_of_sines_and_change_is_rank_one():
    """N = 300, g = 1.5: 200 τ of training give a test NRMSE well below 0.1 (typically
    ~0.02).

    The learned change of the effective connectivity u Δwᵀ must have exactly one
    non-zero singular value, equal to ‖u‖‖Δw‖ (rounding: ~1e-15 relative).
    """
    rng = np.random.default_rng(3)
    N = 300
    J0, u = feedback_network(N, 1.5, rng)
    f = _sum_of_sines()
    res = force_train(f, 200.0, 0.1, J0=J0, u=u, rng=rng, record_every=5)
    assert isinstance(res, ForceResult)
    assert res.z.shape == res.target.shape == (res.t.size, 1)
    test = force_run(res.x, 80.0, 0.1, J0=J0, u=u, w=res.w)
    t = res.t[-1] + test.t
    z = test.kappa[:, 0]
    nrmse = np.sqrt(np.mean((z - f(t)) ** 2)) / np.std(f(t))
    assert nrmse < 0.1, nrmse
    s = np.linalg.svd(res.delta_J, compute_uv=False)
    assert s[1] < 1e-12 * s[0]
    assert s[0] == pytest.approx(
        np.linalg.norm(u) * np.linalg.norm(res.w - res.w0), rel=1e-10
    )
    # learning settles: the last updates are much smaller than the first ones
    assert res.dw_norm[-10:].mean() < 0.05 * res.dw_norm[1:11].max()


def test_two_outputs_give_rank_two_change():
    rng = np.random.default_rng(4)
    N = 120
    J0, u = feedback_network(N, 1.5, rng, n_outputs=2)
    t_max = 30.0

    def f(t):
        return np.stack([np.sin(t / 3), np.cos(t / 5)], axis=-1)

    res = force_train(f, t_max, 0.1, J0=J0, u=u, rng=rng)
    s = np.linalg.svd(res.delta_J, compute_uv=False)
    assert s[1] > 1e-6 * s[0]
    assert s[2] < 1e-12 * s[0]


def test_no_learning_matches_simulate():
    """Without updates the training loop is the Euler scheme of `simulate` with m = u, n
    = N w0."""
    rng = np.random.default_rng(5)
    N = 80
    J0, u = feedback_network(N, 1.2, rng)
    w0 = rng.standard_normal((N, 1)) / N
    x0 = rng.standard_normal(N)
    res = force_train(
        np.zeros(201), 20.0, 0.1, J0=J0, u=u, w0=w0, x0=x0, learn_every=10**6
    )
    sim = simulate(x0, 20.0, 0.1, J0=J0, m=u, n=N * w0)
    np.testing.assert_allclose(res.z[:, 0], sim.kappa[:, 0], atol=1e-12)
    np.testing.assert_allclose(res.x, sim.x[-1], atol=1e-12)
    np.testing.assert_array_equal(res.w, w0)


def test_force_run_readout_is_kappa():
    rng = np.random.default_rng(6)
    N = 50
    J0, u = feedback_network(N, 1.0, rng)
    w = rng.standard_normal(N) / N
    x0 = rng.standard_normal(N)
    run = force_run(x0, 1.0, 0.1, J0=J0, u=u, w=w, record_x=True)
    np.testing.assert_allclose(run.kappa[:, 0], np.tanh(run.x) @ w, atol=1e-12)


def test_reproducible_with_seed():
    def once():
        rng = np.random.default_rng(9)
        J0, u = feedback_network(60, 1.5, rng)
        return force_train(np.sin, 5.0, 0.1, J0=J0, u=u, rng=rng).w

    np.testing.assert_array_equal(once(), once())


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(J0=np.zeros((5, 4))), "J0"),
        (dict(u=np.ones(4)), "u"),
        (dict(w0=np.ones((5, 2))), "w0"),
        (dict(x0=np.ones(3)), "x0"),
        (dict(alpha=0.0), "alpha"),
        (dict(alpha=-1.0), "alpha"),
        (dict(learn_every=0), "learn_every"),
        (dict(dt=2.5), "dt"),
        (dict(t_max=-1.0), "t_max"),
        (dict(record_every=0), "record_every"),
        (dict(target=np.zeros(7)), "target"),
        (dict(target=lambda t: np.zeros((t.size, 3))), "target"),
        (dict(x0=None, rng=None), "rng"),
    ],
)
def test_validation_names_the_argument(kwargs, name):
    rng = np.random.default_rng(0)
    args = dict(target=np.sin, t_max=1.0, dt=0.1, J0=np.zeros((5, 5)), u=np.ones(5),
                x0=np.zeros(5), rng=rng)
    args.update(kwargs)
    target = args.pop("target")
    t_max = args.pop("t_max")
    dt = args.pop("dt")
    with pytest.raises(ValueError, match=name):
        force_train(target, t_max, dt, **args)


def test_feedback_network_shapes_and_validation():
    rng = np.random.default_rng(0)
    J0, u = feedback_network(50, 1.5, rng, n_outputs=3)
    assert J0.shape == (50, 50) and u.shape == (50, 3)
    assert np.all(np.abs(u) <= 1)
    assert np.std(J0) * np.sqrt(50) == pytest.approx(1.5, rel=0.1)
    with pytest.raises(ValueError, match="g"):
        feedback_network(50, -1.0, rng)
    with pytest.raises(ValueError, match="n_outputs"):
        feedback_network(50, 1.0, rng, n_outputs=0)
    with pytest.raises(TypeError, match="rng"):
        feedback_network(50, 1.0, 42)


def _rls_args(N=6, K=1):
    rng = np.random.default_rng(3)
    return np.eye(N), np.zeros((N, K)), np.tanh(rng.standard_normal(N)), np.ones(K)


@pytest.mark.parametrize("bad,exc", [
    ("P_list", TypeError), ("w_list", TypeError), ("r_nan", ValueError),
    ("target_nan", ValueError), ("P_neg", ValueError), ("P_nan", ValueError),
    ("P_shape", ValueError), ("P_int", TypeError),
])
def test_rls_update_rejects_bad_arguments_and_changes_nothing(bad, exc):
    P, w, r, f = _rls_args()
    if bad == "P_list":
        P = P.tolist()
    elif bad == "w_list":
        w = w.tolist()
    elif bad == "r_nan":
        r[2] = np.nan
    elif bad == "target_nan":
        f[0] = np.nan
    elif bad == "P_neg":
        P = -P
    elif bad == "P_nan":
        P[0, 1] = np.nan
    elif bad == "P_shape":
        P = np.eye(5)
    elif bad == "P_int":
        P = np.eye(6, dtype=int)
    w_before = np.array(w, dtype=float, copy=True)
    P_before = np.array(P, dtype=float, copy=True)
    with pytest.raises(exc):
        rls_update(P, w, r, f)
    # never update w without P
    assert np.array_equal(np.array(w, dtype=float), w_before)
    assert np.array_equal(np.array(P, dtype=float), P_before, equal_nan=True)


def test_rls_update_rejects_indefinite_P_with_positive_diagonal():
    P, w, r, f = _rls_args(N=2)
    P = np.array([[1.0, 3.0], [3.0, 1.0]])  # eigenvalues 4, -2
    r = np.array([1.0, -1.0])  # along the negative direction: 1 + rᵀPr = -3
    with pytest.raises(ValueError, match="positive definite"):
        rls_update(P, w, r, f)
