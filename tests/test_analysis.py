"""Analysis helpers: overlaps, spectra, PCA, autocorrelation."""

import numpy as np
import pytest

from lrnn_utils.analysis import (
    autocorrelation,
    overlap_matrix,
    pca,
    participation_ratio,
    spectrum,
)
from lrnn_utils.connectivity import gaussian_vectors, low_rank_matrix, random_bulk


def test_overlap_matrix(rng):
    v = gaussian_vectors(
        1000,
        [0, 0, 0, 0],
        np.eye(4) + 0.3 * np.eye(4, k=2) + 0.3 * np.eye(4, k=-2),
        rng,
        exact=True,
    )
    m, n = v[:, :2], v[:, 2:]
    assert np.allclose(overlap_matrix(n, m), 0.3 * np.eye(2), atol=1e-12)
    one = overlap_matrix(n[:, 0], m[:, 0])  # one type whatever the input: a 2-D array
    assert isinstance(one, np.ndarray) and one.shape == (1, 1)


def test_outlier_of_rank_one_perturbation(rng):
    N, g = 600, 0.7
    v = gaussian_vectors(N, [1.0, 1.6], np.eye(2), rng, exact=True)
    J = random_bulk(N, g, rng) + low_rank_matrix(v[:, 0], v[:, 1])
    sp = spectrum(J, g)
    assert len(sp.outliers) == 1
    # outlier at nᵀm/N = 1.6 up to O(1/√N) fluctuations
    assert abs(sp.outliers[0] - 1.6) < 3 / np.sqrt(N) * 2


def test_pca_of_rank_one_activity(rng):
    t = np.linspace(0, 10, 200)
    u = rng.standard_normal(50)
    x = np.outer(np.sin(t), u) + 1e-3 * rng.standard_normal((200, 50))
    res = pca(x)
    assert res.explained[0] > 0.999
    assert abs(abs(res.components[0] @ u) / np.linalg.norm(u) - 1) < 1e-4
    assert participation_ratio(x) < 1.01
    iso = rng.standard_normal((5000, 10))
    assert participation_ratio(iso) > 9.5


def test_autocorrelation_of_ou_process(rng):
    """OU with unit time constant: Δ(τ) = (σ²/2) e^{-τ}."""
    dt, T, B = 0.05, 40000, 4
    x = np.zeros((B, T, 1))
    noise = rng.standard_normal((B, T, 1)) * np.sqrt(2 * dt)
    for k in range(1, T):
        x[:, k] = x[:, k - 1] * (1 - dt) + noise[:, k]
    tau, d = autocorrelation(x, dt, 3.0)
    expected = np.exp(-tau) / (1 - dt / 2)
    assert np.allclose(d, expected, atol=0.08)


def test_autocorrelation_rejects_long_lag():
    with pytest.raises(ValueError, match="max_lag"):
        autocorrelation(np.zeros((10, 3)), 1.0, 8.0)


def test_population_stats_accepts_1d_kappa():
    from lrnn_utils.analysis import population_stats

    x = np.ones((10, 4))
    assert population_stats(x, np.arange(10.0)).kappa == 4.5
    assert population_stats(x, np.ones((10, 2))).kappa.shape == (2,)


def test_population_stats_is_a_frozen_dataclass():
    import dataclasses

    from lrnn_utils.analysis import PopulationStats, population_stats

    s = population_stats(np.arange(20.0).reshape(4, 5))
    assert isinstance(s, PopulationStats) and s.kappa is None
    assert s.mu == 9.5
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.mu = 0.0
    with pytest.raises(TypeError):  # a result object, not the former dict
        s["mu"]


@pytest.mark.parametrize("call", [
    lambda: pca(np.zeros((0, 5))),
    lambda: pca(np.zeros((5, 0))),
    lambda: pca(np.zeros((1, 5))),
    lambda: overlap_matrix(np.zeros(0), np.zeros(0)),
    lambda: overlap_matrix(np.zeros((4, 0)), np.zeros((4, 2))),
    lambda: participation_ratio(np.zeros((0, 3))),
    lambda: participation_ratio(np.zeros((10, 3))),
    lambda: spectrum(np.eye(3), 1.0, margin=np.nan),
    lambda: spectrum(np.eye(3), 1.0, margin=-1.0),
    lambda: spectrum(np.zeros((0, 0)), 1.0),
    lambda: population_stats_(np.zeros((0, 3))),
    lambda: population_stats_(np.ones((3, 3)), kappa=[np.nan, 1, 2]),
    lambda: pca(np.full((4, 3), np.nan)),
])
def test_empty_or_nan_input_raises(call):
    with pytest.raises(ValueError):
        call()


def population_stats_(*a, **k):
    from lrnn_utils.analysis import population_stats

    return population_stats(*a, **k)


@pytest.mark.parametrize(
    "call,exc",
    [
        (lambda P: P.plot_spectrum([1, np.nan], 1.0), ValueError),
        (lambda P: P.plot_spectrum([1, 2j], np.nan), ValueError),
        (lambda P: P.plot_spectrum([1, 2j], 1.0, ax="left"), TypeError),
        (lambda P: P.plot_kappa(np.arange(3.0), np.ones(4)), ValueError),
        (lambda P: P.plot_kappa(np.arange(3.0), [1, np.nan, 2]), ValueError),
        (
            lambda P: P.plot_theory_vs_sim([0, 1], [0, 1], [0, 1], [0, np.nan]),
            ValueError,
        ),
        (lambda P: P.plot_theory_vs_sim([0, 1], [0, 1, 2], [0, 1], [0, 1]), ValueError),
        (
            lambda P: P.plot_theory_vs_sim(
                [0, 1], [0, 1], [0, 1], [0, 1], y_err=[-1, 1]
            ),
            ValueError,
        ),
        (
            lambda P: P.plot_bifurcation([0, 1], {"a": ([0, 1, 2], [True, True])}),
            ValueError,
        ),
        (
            lambda P: P.plot_bifurcation([0, np.nan], {"a": ([0, 1], [True, True])}),
            ValueError,
        ),
        (lambda P: P.plot_phase_plane(lambda k: k, lim=np.nan), ValueError),
        (lambda P: P.plot_phase_plane(lambda k: k * np.nan), ValueError),
        (lambda P: P.plot_phase_plane(lambda k: k[..., 0], n=5), ValueError),
        (lambda P: P.plot_phase_plane("rhs"), TypeError),
    ],
)
def test_plotting_helpers_validate(call, exc):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from lrnn_utils import plotting

    try:
        with pytest.raises(exc):
            call(plotting)
    finally:
        plt.close("all")


def test_plotting_helpers_accept_valid_input():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from lrnn_utils import plotting

    plotting.plot_spectrum(
        np.array([1 + 1j, 0.2]), 1.0, outlier=np.array([2 - 1j, 2 + 1j])
    )
    plotting.plot_kappa(np.arange(4.0), np.ones((2, 4, 2)), theory=[0.5, -0.5])
    plotting.plot_theory_vs_sim([0, 1, 2], [0, np.nan, 2], [0, 1], [0, 1], y_err=0.1)
    plotting.plot_bifurcation([0, 1], {"a": ([0, np.nan], [True, False])})
    plotting.plot_phase_plane(lambda k: -k, n=7, trajectories=[np.zeros((3, 2))])
    plt.close("all")
