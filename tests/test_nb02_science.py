"""Science claimed in notebook 02 (the rank-one RNN), checked against finite-N networks.

Tolerances come from finite-size scaling: the network sees population averages
(1/N) Σ_j f(m_j, n_j, ...) instead of their N → ∞ values, whose sampling errors are
std(f)/√N; along a trajectory they are filtered by the stable dynamics. We therefore
assert |sim - theory| < C/√N with C a few times the r.m.s. prefactor, and check
separately that the deviations shrink like 1/√N.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import brentq

from lrnn_utils import dphi, gauss_avg, gaussian_vectors, phi, random_bulk, simulate
from lrnn_utils.models import RankOne

DT = 0.1


MEANS = RankOne(0.0, m_mean=1.0, n_mean=2.0, m_var=1.0, n_var=1.0)


def zero_mean(overlap, g=0.0):
    """The notebook's zero-mean model: m ~ N(0, 1), n = overlap·m + ν."""
    return RankOne(g, m_var=1.0, n_var=1.0 + overlap**2, mn_cov=overlap)


def sample_mn(model, N, rng):
    v = model.sample(N, rng)
    return v.m[:, 0], v.n[:, 0]


def latent_euler(k0, t_max, model):
    k = np.array(k0, float)
    out = [k]
    for _ in range(int(round(t_max / DT))):
        k = k + DT * (-k + model.self_consistency(k))
        out.append(k)
    return np.array(out)


@pytest.mark.parametrize("kind", ["covariance", "means"])
def test_F_is_population_average_by_stein(kind):
    """F(k) of RankOne.self_consistency (g = 0) = ⟨n φ(m k)⟩: both Stein mechanisms,
    within 5 s.e.m."""
    rng = np.random.default_rng(2)
    N = 50_000
    if kind == "covariance":
        model = zero_mean(2.0)
        mv = gaussian_vectors(N, [0, 0], [[1, 2], [2, 5]], rng)
    else:
        model = MEANS
        mv = gaussian_vectors(N, [1, 2], np.eye(2), rng)
    k = np.linspace(-2.5, 2.5, 11)
    terms = mv[None, :, 1] * phi(np.outer(k, mv[:, 0]))
    F = model.self_consistency(k)
    sem = terms.std(axis=1) / np.sqrt(N)
    assert np.all(np.abs(terms.mean(axis=1) - F) < 5 * sem + 1e-12)
    if kind == "covariance":
        np.testing.assert_allclose(F, 2.0 * k * gauss_avg(dphi, 0.0, k**2), atol=1e-12)
    else:
        np.testing.assert_allclose(F, 2.0 * gauss_avg(phi, k, k**2), atol=1e-12)


def test_latent_ode_error_scales_like_inverse_sqrt_N():
    """g = 0, start on the m line: |k_net - k_ODE| < 5/√N, and the error falls ~ 1/√N.

    Between N = 2000 and N = 32000 the mean error (over 4 draws) must shrink by √16 = 4;
    we accept 2.5…6.5 (four draws leave ~30 % scatter on each mean).
    """
    k0 = np.array([-2.5, -0.6, 0.05, 0.4, 3.0])
    k_ode = latent_euler(k0, 12.0, zero_mean(2.0))[::10].T
    mean_err = {}
    for N in (2000, 32000):
        errs = []
        for seed in range(4):
            m, n = sample_mn(zero_mean(2.0), N, np.random.default_rng(100 + seed))
            res = simulate(k0[:, None] * m, 12.0, DT, m=m, n=n, record_every=10)
            k_net = res.x @ m / (m @ m)
            err = np.abs(k_net - k_ode).max()
            assert err < 5 / np.sqrt(N)
            errs.append(err)
        mean_err[N] = np.mean(errs)
    ratio = mean_err[2000] / mean_err[32000]
    assert 2.5 < ratio < 6.5, ratio


@pytest.mark.parametrize("overlap", [0.5, 1.5, 2.5])
def test_fixed_points_gain_condition_and_stability(overlap):
    sols = zero_mean(overlap).solutions()
    zero = [s for s in sols if abs(s.kappa) < 1e-9]
    assert len(zero) == 1 and zero[0].stable == (overlap < 1)
    assert zero[0].outlier_slope == pytest.approx(overlap, rel=1e-4)  # F'(0) = σ_mn
    nonzero = [s for s in sols if abs(s.kappa) > 1e-9]
    if overlap < 1:
        assert not nonzero
        return
    k_star = brentq(lambda k: gauss_avg(dphi, 0.0, k * k) - 1 / overlap, 1e-6, 10.0,
                    xtol=1e-14)
    kappas = sorted(s.kappa for s in nonzero)
    assert kappas == pytest.approx([-k_star, k_star], abs=1e-9)
    assert all(s.stable and s.outlier_slope < 1 for s in nonzero)
    # the network (N = 10⁴) settles there from ± initial conditions
    m, n = sample_mn(zero_mean(overlap), 10_000, np.random.default_rng(7))
    res = simulate(np.outer([1.0, -1.0], m), 60.0, DT, m=m, n=n, record_x=False,
                   record_every=600)
    np.testing.assert_allclose(res.kappa[:, -1, 0], [k_star, -k_star],
                               atol=5 / np.sqrt(10_000))


def test_mean_mechanism_differs_from_covariance_mechanism():
    """Same overlap 2, different F: the fixed points differ by far more than finite-N
    error; the mean-mechanism root is that of M_n [φ](M_m k, Σ_m² k²) - k (Ex. 3)."""
    k_cov = zero_mean(2.0).solutions()[-1].kappa
    k_mean = MEANS.solutions()[-1].kappa
    assert k_cov - k_mean > 0.15
    k_ex3 = brentq(lambda k: 2.0 * gauss_avg(phi, k, k * k) - k, 0.05, 5.0, xtol=1e-14)
    assert k_mean == pytest.approx(k_ex3, abs=1e-9)
    m, n = sample_mn(MEANS, 10_000, np.random.default_rng(8))
    res = simulate(0.5 * m, 40.0, DT, m=m, n=n, record_every=400)
    assert abs(res.kappa[-1, 0] - k_mean) < 5 / np.sqrt(10_000)
    assert abs(res.x[-1].mean() - k_mean) < 5 / np.sqrt(10_000)  # μ = M_m κ, M_m = 1


def _fixed_point_deviations(N, seed, g=0.8, overlap=2.0):
    rng = np.random.default_rng(seed)
    m, n = sample_mn(zero_mean(overlap), N, rng)
    J0 = random_bulk(N, g, rng)
    res = simulate(m, 20.0, DT, J0=J0, m=m, n=n, record_every=200)
    sol = zero_mean(overlap, g).solve(kappa0=1.0)
    x = res.x[-1]
    k = x @ m / (m @ m)
    xi = x - k * m
    frac = k**2 * (m @ m) / (x @ x)
    return np.array([res.kappa[-1, 0] - sol.kappa, k - sol.kappa,
                     xi.var() - (sol.delta0 - sol.kappa**2),
                     frac - sol.kappa**2 / sol.delta0])


def test_structure_plus_random_part_matches_mean_field_and_scales():
    """g = 0.8, overlap 2: κ, projection, random-part variance, share along m vs DMFT.

    The notebook asserts 4, 5, 3.5 /√N for the first three (≈ 4 × the r.m.s. prefactors
    0.9, 1.3, 0.8 measured over 24 networks at N = 250, 1000, 4000; 0.3 for the share,
    bound 1.2). Here: the same bounds for 10 networks at N = 1000, and the deviations
    (scaled by those prefactors) shrink between N = 250 and N = 1000 by the expected
    factor 2 — accepted above 1.3, since an r.m.s. over 10 networks carries ~20 %
    sampling error.
    """
    sol = zero_mean(2.0, 0.8).solve(kappa0=1.0)
    # closed form for zero-mean vectors: random part g²[φ²] = g² (1 - 1/σ_mn)
    assert sol.delta0 - sol.kappa**2 == pytest.approx(0.8**2 * (1 - 1 / 2.0), abs=1e-10)
    bounds = np.array([4.0, 5.0, 3.5, 1.2])
    prefactors = bounds / 4
    dev = {N: np.array([_fixed_point_deviations(N, 10 + s) for s in range(10)])
           for N in (250, 1000)}
    assert np.all(np.abs(dev[1000]) < bounds / np.sqrt(1000))
    rms = {N: np.sqrt(np.mean((d / prefactors) ** 2)) for N, d in dev.items()}
    assert rms[250] / rms[1000] > 1.3, rms
