"""Simulation: factorized = dense, batching, inputs, noise, recording, errors."""

import tracemalloc

import numpy as np
import pytest

from lrnn_utils.connectivity import gaussian_vectors, random_bulk
from lrnn_utils.simulate import simulate


def _net(rng, N=200, g=0.8, R=1):
    J0 = random_bulk(N, g, rng)
    v = gaussian_vectors(N, np.r_[np.full(R, 1.0), np.full(R, 1.5)], np.eye(2 * R), rng)
    return J0, v[:, :R], v[:, R:]


def test_factorized_equals_dense_connectivity(rng):
    J0, m, n = _net(rng)
    x0 = rng.standard_normal(200)
    a = simulate(x0, 5.0, 0.1, J0=J0, m=m, n=n)
    b = simulate(x0, 5.0, 0.1, J0=J0 + m @ n.T / 200)
    assert np.allclose(a.x, b.x, atol=1e-12)
    assert np.allclose(a.kappa[:, 0], np.tanh(a.x) @ n[:, 0] / 200)


def test_batch_equals_single_trials(rng):
    J0, m, n = _net(rng)
    x0 = rng.standard_normal((3, 200))
    batch = simulate(x0, 3.0, 0.1, J0=J0, m=m, n=n, record_every=3)
    for b in range(3):
        single = simulate(x0[b], 3.0, 0.1, J0=J0, m=m, n=n, record_every=3)
        assert np.allclose(batch.x[b], single.x, atol=1e-12)
        assert np.allclose(batch.kappa[b], single.kappa, atol=1e-12)
    assert batch.x.shape == (3, 11, 200)
    assert batch.kappa.shape == (3, 11, 1)
    assert np.allclose(batch.t, np.arange(11) * 0.3)


def test_euler_step_by_hand(rng):
    J0, m, n = _net(rng, N=30)
    x0 = rng.standard_normal(30)
    I = rng.standard_normal(30)
    r = simulate(x0, 0.1, 0.1, J0=J0, m=m, n=n, inputs=I)
    phi = np.tanh(x0)
    expected = x0 + 0.1 * (-x0 + J0 @ phi + m[:, 0] * (n[:, 0] @ phi) / 30 + I)
    assert np.allclose(r.x[1], expected, atol=1e-13)


def test_time_dependent_input(rng):
    N = 50
    x0 = np.zeros(N)
    u = rng.standard_normal(N)
    r = simulate(x0, 20.0, 0.01, inputs=lambda t: u * (t >= 10.0))
    assert np.allclose(r.x[r.t <= 10.0], 0.0)
    # without recurrence x relaxes to the input: x(t) = u (1 - e^{-(t-10)})
    assert np.allclose(r.x[-1], u * (1 - np.exp(-10.0)), atol=2e-3)


def test_euler_error_below_figure_precision(rng):
    """Halving dt changes the stationary κ by less than 1 % (dt = 0.1 is enough)."""
    N = 400
    J0 = random_bulk(N, 0.5, rng)
    v = gaussian_vectors(N, [1.1, 2.0], np.eye(2), rng, exact=True)
    x0 = v[:, 0].copy()
    k1 = simulate(x0, 30.0, 0.1, J0=J0, m=v[:, 0], n=v[:, 1], record_x=False).kappa[
        -1, 0
    ]
    k2 = simulate(x0, 30.0, 0.05, J0=J0, m=v[:, 0], n=v[:, 1], record_x=False).kappa[
        -1, 0
    ]
    assert abs(k1 - k2) < 0.01 * abs(k2)


def test_heun_is_second_order(rng):
    """Halving dt cuts Heun's error ~4× (Euler's ~2×) on a transient trajectory."""
    J0, m, n = _net(rng, N=100, g=1.2)
    x0 = rng.standard_normal(100)
    ref = simulate(x0, 4.0, 0.0025, J0=J0, m=m, n=n, method="heun").x[-1]
    errs = {}
    for method in ("euler", "heun"):
        e = [
            np.abs(
                simulate(x0, 4.0, dt, J0=J0, m=m, n=n, method=method).x[-1] - ref
            ).max()
            for dt in (0.1, 0.05)
        ]
        errs[method] = e[0] / e[1]
    assert 1.6 < errs["euler"] < 2.5
    assert 3.2 < errs["heun"] < 5.0


def test_noise_scales_with_sqrt_dt(rng):
    """Ornstein–Uhlenbeck: dx = -x dt + σ dW has stationary variance σ²/2 for any dt."""
    sigma = 0.7
    for dt in (0.1, 0.02):
        r = simulate(np.zeros((20, 100)), 60.0, dt, noise_std=sigma, rng=rng,
                     record_every=int(round(1 / dt)))
        var = r.x[:, 10:].var()
        # Euler-Maruyama variance is σ²/(2 - dt); ~20·100·50 samples, correlation time 1
        assert abs(var - sigma**2 / (2 - dt)) < 0.03 * sigma**2


def test_pure_low_rank_never_allocates_n_by_n(rng):
    N = 200_000
    m = rng.standard_normal((N, 2))
    n = rng.standard_normal((N, 2))
    x0 = rng.standard_normal(N)
    tracemalloc.start()
    r = simulate(x0, 1.0, 0.1, m=m, n=n, record_x=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.x is None and r.kappa.shape == (11, 2)
    assert peak < 20 * N * 8  # a handful of (N,) and (N, 2) arrays, not N²


def test_record_subset_of_neurons(rng):
    J0, m, n = _net(rng)
    r = simulate(np.zeros(200), 1.0, 0.1, J0=J0, m=m, n=n, record_x=np.arange(5))
    assert r.x.shape == (11, 5)


def test_same_seed_same_trajectory():
    def run(seed):
        rng = np.random.default_rng(seed)
        J0, m, n = _net(rng)
        return simulate(rng.standard_normal(200), 5.0, 0.1, J0=J0, m=m, n=n,
                        noise_std=0.3, rng=rng).x
    assert np.array_equal(run(3), run(3))
    assert not np.array_equal(run(3), run(4))


def test_blowup_reports_time(rng):
    N = 20

    def bad_input(t):
        return np.full(N, np.nan if t > 1.0 else 0.0)

    with pytest.raises(FloatingPointError, match=r"t=\d"):
        simulate(np.zeros(N), 20.0, 0.1, inputs=bad_input)


def test_large_dt_warns_and_unstable_dt_raises():
    with pytest.warns(RuntimeWarning, match="dt"):
        simulate(np.zeros(5), 2.0, 1.0)
    with pytest.raises(ValueError, match="dt"):
        simulate(np.zeros(5), 4.0, 2.0)


@pytest.mark.parametrize(
    "kwargs, exc, word",
    [
        (dict(x0=np.zeros((2, 3, 4))), ValueError, "x0"),
        (dict(x0=np.array([np.nan, 0.0])), ValueError, "x0"),
        (dict(dt=0.0), ValueError, "dt"),
        (dict(dt=-0.1), ValueError, "dt"),
        (dict(t_max=0.0), ValueError, "t_max"),
        (dict(J0=np.zeros((4, 4))), ValueError, "J0"),
        (dict(m=np.ones(5)), ValueError, "m and n"),
        (dict(m=np.ones(5), n=np.ones(4)), ValueError, "n"),
        (dict(m=np.ones((5, 2)), n=np.ones((5, 1))), ValueError, "same shape"),
        (dict(inputs=np.ones(4)), ValueError, "inputs"),
        (dict(inputs=lambda t: np.ones(3)), ValueError, "inputs"),
        (dict(record_every=0), ValueError, "record_every"),
        (dict(noise_std=0.1), ValueError, "rng"),
        (dict(noise_std=-1.0), ValueError, "noise_std"),
        (dict(x0="abc"), TypeError, "x0"),
        (dict(method="rk4"), ValueError, "method"),
    ],
)
def test_bad_arguments_are_named(kwargs, exc, word):
    args = dict(x0=np.zeros(5), t_max=1.0, dt=0.1)
    args.update(kwargs)
    x0, t_max, dt = args.pop("x0"), args.pop("t_max"), args.pop("dt")
    with pytest.raises(exc, match=word):
        simulate(x0, t_max, dt, **args)
