"""Property-based tests: random good input never raises, random bad input never passes silently."""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lrnn_utils.connectivity import gaussian_vectors, random_bulk
from lrnn_utils.meanfield import MeanFieldConvergenceWarning, solve_rank_one
from lrnn_utils.simulate import simulate

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
finite = st.floats(-3, 3, allow_nan=False)
bad_float = st.sampled_from([np.nan, np.inf, -np.inf])


@SETTINGS
@given(N=st.integers(2, 40), R=st.integers(1, 3), B=st.integers(1, 3), g=st.floats(0, 3),
       dt=st.floats(0.01, 0.5), every=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
def test_simulate_good_input_gives_finite_shapes(N, R, B, g, dt, every, seed):
    R = min(R, N)
    rng = np.random.default_rng(seed)
    m, n = rng.standard_normal((N, R)), rng.standard_normal((N, R))
    r = simulate(rng.standard_normal((B, N)), 2.0, dt, J0=random_bulk(N, g, rng), m=m, n=n,
                 record_every=every, noise_std=0.1, rng=rng)
    T = int(round(2.0 / dt)) // every + 1
    assert r.x.shape == (B, T, N) and r.kappa.shape == (B, T, R)
    assert np.all(np.isfinite(r.x)) and np.all(np.isfinite(r.kappa))


@SETTINGS
@given(N=st.integers(1, 20), which=st.sampled_from(["x0", "J0", "m", "inputs"]), val=bad_float)
def test_simulate_rejects_non_finite_input(N, which, val):
    args = dict(J0=np.zeros((N, N)), m=np.ones(N), n=np.ones(N), inputs=np.zeros(N))
    x0 = np.zeros(N)
    if which == "x0":
        x0[0] = val
    else:
        args[which] = np.array(args[which], dtype=float)
        args[which].flat[0] = val
    with pytest.raises(ValueError, match=which):
        simulate(x0, 1.0, 0.1, **args)


@SETTINGS
@given(N=st.integers(1, 20), wrong=st.integers(1, 20))
def test_simulate_rejects_wrong_shapes(N, wrong):
    if wrong == N:
        wrong += 1
    with pytest.raises(ValueError):
        simulate(np.zeros(N), 1.0, 0.1, J0=np.zeros((wrong, wrong)))
    with pytest.raises(ValueError):
        simulate(np.zeros(N), 1.0, 0.1, m=np.ones(wrong), n=np.ones(wrong))


@SETTINGS
@given(K=st.integers(1, 4), seed=st.integers(0, 1000), data=st.data())
def test_gaussian_vectors_accepts_any_psd_and_rejects_indefinite(K, seed, data):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((K, K))
    psd = A @ A.T
    v = gaussian_vectors(10 * K + 5, np.zeros(K), psd, rng, exact=True)
    assert np.all(np.isfinite(v))
    shift = data.draw(st.floats(0.1, 5))
    bad = psd - (np.linalg.eigvalsh(psd).min() + shift) * np.eye(K)
    with pytest.raises(ValueError, match="positive semi-definite"):
        gaussian_vectors(20, np.zeros(K), bad, rng)


@settings(max_examples=30, deadline=None)
@given(g=st.floats(0, 3), m_mean=finite, n_mean=finite, mv=st.floats(0, 2), nv=st.floats(0, 2),
       rho=st.floats(-0.95, 0.95), im=finite, regime=st.sampled_from(["stationary", "chaotic"]))
def test_solver_never_returns_silent_nonsense(g, m_mean, n_mean, mv, nv, rho, im, regime):
    """Either a converged solution with a tiny residual, or converged=False plus a warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sol = solve_rank_one(g, m_mean=m_mean, n_mean=n_mean, m_var=mv, n_var=nv,
                             mn_cov=rho * np.sqrt(mv * nv), input_mean=im, regime=regime)
    if sol.converged:
        assert sol.residual < 1e-10
        assert np.isfinite([sol.kappa, sol.mu, sol.delta0, sol.delta_inf]).all()
        assert 0 <= sol.delta_inf <= sol.delta0 + 1e-12
    else:
        assert any(issubclass(w.category, MeanFieldConvergenceWarning) for w in caught)
