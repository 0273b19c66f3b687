"""The model objects: validation, sampling, and that each method reaches the one
implementation (results compared with independent computations, not with the
library)."""

import dataclasses

import numpy as np
import pytest

from lrnn_utils import dphi, gauss_avg, phi, random_bulk, simulate
from lrnn_utils.models import (
    PAPER_CONTEXT,
    PAPER_INPUT,
    PAPER_SPONTANEOUS,
    Mixture,
    NetworkVectors,
    RankOne,
    rank_r,
)


def test_rank_one_is_frozen_and_validated():
    m = RankOne(0.5, m_mean=1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.g = 1.0
    with pytest.raises(ValueError, match="m_var"):
        RankOne(0.5, m_var=-1.0)
    with pytest.raises(ValueError, match="g"):
        RankOne(float("nan"))
    with pytest.raises(ValueError, match="positive semi-definite"):
        RankOne(0.5, m_var=1.0, n_var=1.0, mn_cov=2.0)
    with pytest.raises(ValueError, match="positive semi-definite"):
        m.with_(m_var=1.0, n_var=1.0, mn_cov=1.5)
    assert m.with_(g=2.0).g == 2.0 and m.g == 0.5


def test_paper_constants_are_the_papers_numbers():
    assert (PAPER_SPONTANEOUS.m_mean, PAPER_SPONTANEOUS.n_mean) == (1.1, 2.0)
    assert (PAPER_SPONTANEOUS.m_var, PAPER_SPONTANEOUS.n_var) == (1.0, 1.0)
    assert np.isclose(PAPER_SPONTANEOUS.total_overlap, 2.2)
    assert np.allclose(PAPER_CONTEXT.overlap[0], [[5.4, 0.6], [0.6, 5.4]])
    # input task: m = w + ρy, n = I + ρy (ρ = 2, Σ_I = Σ_w = 1.2), input c·I with c = 1
    assert np.isclose(PAPER_INPUT.mn_cov, 4.0) and np.isclose(
        PAPER_INPUT.n_input_cov, 1.44
    )


def test_rank_one_sample_has_the_model_statistics(rng):
    model = PAPER_INPUT
    vec = model.sample(4000, rng)
    assert isinstance(vec, NetworkVectors)
    assert vec.m.shape == vec.n.shape == vec.inputs.shape == (4000, 1)
    V = np.column_stack([vec.m[:, 0], vec.n[:, 0], vec.I, vec.w])
    assert np.allclose(V.mean(0), model.means(readout=True), atol=1e-12)
    assert np.allclose(
        np.cov(V.T, bias=True), model.covariance(readout=True), atol=1e-10
    )
    assert set(vec.structure) == {"m", "n"}


def test_rank_one_methods_agree_with_direct_quadrature():
    """At g = 0, F(κ) = M_n tanh-average + ...: check solve() against an explicit fixed
    point iteration written from the equation (no library solver)."""
    model = PAPER_SPONTANEOUS.with_(g=0.0)
    k = 1.0
    for _ in range(500):  # κ = M_n [φ](M_m κ, Σ_m² κ²)
        k = 2.0 * float(gauss_avg(phi, 1.1 * k, k * k))
    sol = model.solve()
    assert sol.converged and abs(sol.kappa - k) < 1e-9
    assert np.isclose(model.self_consistency(sol.kappa), sol.kappa, atol=1e-10)
    kappas = [s.kappa for s in model.solutions()]
    assert kappas == sorted(kappas)


def test_rank_one_readout_formula():
    sol = PAPER_INPUT.solve()
    expected = (
        PAPER_INPUT.w_m_cov * sol.kappa * float(gauss_avg(dphi, sol.mu, sol.delta0))
    )
    assert np.isclose(PAPER_INPUT.readout(sol), expected, rtol=1e-12)


def test_sweep_method_matches_pointwise_solutions():
    sw = PAPER_SPONTANEOUS.sweep("g", np.array([0.5, 0.8]), chaotic=False)
    up = sw.stationary.slot("upper")
    for g, k in zip(sw.values, up.kappa):
        assert np.isclose(
            k, PAPER_SPONTANEOUS.with_(g=g).solve(kappa0=1.0).kappa, atol=1e-9
        )
    with pytest.raises(ValueError, match="name"):
        PAPER_SPONTANEOUS.sweep("nope", [1.0])


def test_rank_r_defaults_and_validation(rng):
    sigma = np.array([[2.0, -1.0], [1.0, 2.0]])
    model = rank_r(0.0, sigma, m_cov=2.0 * np.eye(2))
    assert isinstance(model, Mixture) and model.fractions.size == 1
    # n_var default: ‖σ‖²/Σ_m² + 1, the rule notebook 06 used
    assert np.isclose(model.cov[0, 2, 2], np.linalg.norm(sigma, 2) ** 2 / 2.0 + 1.0)
    vec = model.sample(3000, rng)
    assert np.allclose(vec.n.T @ vec.m / 3000, sigma, atol=1e-10)
    with pytest.raises(ValueError, match="overlap"):
        rank_r(0.0, np.ones((2, 3)))
    with pytest.raises(ValueError, match="g"):
        rank_r(-1.0, np.eye(2))
    assert model.with_(g=0.5).g == 0.5


def test_sampled_network_runs_in_simulate(rng):
    model = PAPER_SPONTANEOUS
    vec = model.sample(300, rng)
    res = simulate(
        vec.m[:, 0], 5.0, 0.1, J0=random_bulk(300, model.g, rng), **vec.structure
    )
    assert res.kappa.shape == (51, 1)
