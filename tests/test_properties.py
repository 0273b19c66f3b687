"""Property-based tests that can fail: wide strategies, independent references.

* Strategies are wide: all covariances of (m, n, I) including the input ones,
  float32 where offered, ``dt`` up to the limit of each function, magnitudes
  from 1e-14 to 1e8 where the argument is valid.
* Mean-field solutions are checked against an **independent** quadrature written
  here (a dense trapezoid, 801 nodes per axis, and ``scipy.integrate.quad``), not
  against the residual the solver reports.
* Runs are bounded (``max_examples``, ``deadline``) so the file takes < 60 s
  on an unloaded 2-core machine.
"""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from lrnn_utils.connectivity import gaussian_vectors, random_bulk
from lrnn_utils.gaussian import TanhMoments, gauss_avg, n_nodes, nested_tanh_terms
from lrnn_utils.meanfield import MeanFieldConvergenceWarning
from lrnn_utils.models import RankOne
from lrnn_utils.simulate import simulate

SETTINGS = settings(max_examples=40, deadline=2000,
                    suppress_health_check=[HealthCheck.too_slow])
finite = st.floats(-3, 3, allow_nan=False)
bad_float = st.sampled_from([np.nan, np.inf, -np.inf])
log_delta = st.one_of(st.just(0.0), st.floats(-14, 8).map(lambda e: 10.0**e))
wide_mu = st.one_of(
    st.floats(-30, 30), st.floats(-6, 6).map(lambda e: np.sign(e) * 10 ** abs(e))
)


# --------------------------------------------------------------------------- #
# independent references (no lrnn_utils code)
# --------------------------------------------------------------------------- #
def ref_avg(f, mu, delta):
    """``∫Dz f(μ + √Δ z)`` by adaptive quadrature with break points at the core."""
    if delta == 0:
        return float(f(np.float64(mu)))
    s = np.sqrt(delta)
    pts = sorted(
        {float(np.clip((p - mu) / s, -12, 12)) for p in (-20, -5, -1, 0, 1, 5, 20)}
        - {-12.0, 12.0}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        val, _ = quad(
            lambda z: f(mu + s * z) * np.exp(-z * z / 2) / np.sqrt(2 * np.pi),
            -12,
            12,
            points=pts or None,
            limit=2000,
            epsabs=1e-16,
            epsrel=1e-14,
        )
    return val


_Z = np.linspace(-10, 10, 801)
_W = np.exp(-_Z**2 / 2) / np.exp(-_Z**2 / 2).sum()


def dense_avg(f, mu, delta):
    """Trapezoid with spacing h√Δ ≤ 0.025 in x (error ~exp(-π²/(h√Δ)) < 1e-100): dense
    enough at every variance, independent of the library's bounded rule."""
    n = max(801, int(np.ceil(20 * np.sqrt(delta) / 0.025)) + 1)
    z = np.linspace(-10, 10, n) if n > 801 else _Z
    w = np.exp(-z**2 / 2) / np.exp(-z**2 / 2).sum()
    return f(mu + np.sqrt(delta) * z) @ w


def dense_nested(mu, d0, dinf):
    """``[φ²]-C_φ``, ``[Φ²]-C_Φ``, ``C_φ`` on a dense 801×801 trapezoid grid."""
    x = mu + np.sqrt(dinf) * _Z[:, None] + np.sqrt(d0 - dinf) * _Z[None, :]
    t = np.tanh(x)
    P = np.logaddexp(x, -x) - np.log(2)  # ln cosh
    inner_t, inner_P = t @ _W, P @ _W
    var_t = (((t - inner_t[:, None]) ** 2) @ _W) @ _W
    var_P = (((P - inner_P[:, None]) ** 2) @ _W) @ _W
    return var_t, var_P, (inner_t**2) @ _W


def independent_residual(sol, p):
    """Max residual of the DMFT equations of THEORY.md, with the dense quadrature."""
    k, d0, dinf = sol.kappa, sol.delta0, sol.delta_inf
    mu = p["m_mean"] * k + p["input_mean"]
    ds = p["m_var"] * k**2 + 2 * p["m_input_cov"] * k + p["input_var"]
    phi_avg = dense_avg(np.tanh, mu, d0)
    dphi_avg = dense_avg(lambda x: 1 - np.tanh(x) ** 2, mu, d0)
    r = [p["n_mean"] * phi_avg + (p["mn_cov"] * k + p["n_input_cov"]) * dphi_avg - k,
         abs(mu - sol.mu)]
    g2 = p["g"] ** 2
    if sol.regime == "stationary":
        r.append(g2 * dense_avg(lambda x: np.tanh(x) ** 2, mu, d0) + ds - d0)
    else:
        var_t, var_P, c_phi = dense_nested(mu, d0, dinf)
        r.append(dinf - ds - g2 * c_phi)
        # ½(Δ0² - Δ∞²) = g²([Φ²] - C_Φ) + Δs (Δ0 - Δ∞), divided by Δ0 - Δ∞
        r.append(0.5 * (d0 + dinf) - ds - g2 * var_P / (d0 - dinf))
    return float(np.max(np.abs(r)))


# --------------------------------------------------------------------------- #
# quadrature
# --------------------------------------------------------------------------- #
@settings(max_examples=60, deadline=2000)
@given(mu=wide_mu, delta=log_delta,
       which=st.sampled_from(["phi", "dphi", "phi2", "dphi2", "Phi"]))
def test_gauss_avg_is_accurate_and_bounded_everywhere(mu, delta, which):
    f = {
        "phi": np.tanh,
        "dphi": lambda x: 1 - np.tanh(x) ** 2,
        "phi2": lambda x: np.tanh(x) ** 2,
        "dphi2": lambda x: (1 - np.tanh(x) ** 2) ** 2,
        "Phi": lambda x: np.logaddexp(x, -x) - np.log(2),
    }[which]
    scale = max(1.0, abs(mu), np.sqrt(delta)) if which == "Phi" else 1.0
    assert abs(gauss_avg(f, mu, delta) - ref_avg(f, mu, delta)) < 1e-10 * scale
    assert n_nodes(delta) <= 216


@settings(max_examples=25, deadline=3000)
@given(mu=st.one_of(st.floats(-5, 5), st.floats(-6, 6).map(lambda e: 10.0**e)),
       d0=st.floats(-3, 8).map(lambda e: 10.0**e), frac=st.floats(0, 1))
def test_nested_terms_are_bounded_and_finite(mu, d0, frac):
    out = nested_tanh_terms(mu, d0, frac * d0)
    assert all(np.isfinite(v) for v in out)
    assert -1e-12 <= out[0] <= 1 and out[1] >= -1e-9 * d0
    assert abs(out[2] - TanhMoments(mu, d0).phi2) < 1e-9


@settings(max_examples=20, deadline=3000)
@given(mu=st.floats(-2, 2), d0=st.floats(0.01, 6), frac=st.floats(0, 1))
def test_nested_terms_match_a_dense_reference(mu, d0, frac):
    got = nested_tanh_terms(mu, d0, frac * d0)
    ref = dense_nested(mu, d0, frac * d0)
    # 1e-10: the accuracy the solvers promise for residuals (issue 16)
    assert abs(got[0] - ref[0]) < 1e-10
    assert abs(got[1] - ref[1]) < 1e-10 * max(1.0, d0)


@SETTINGS
@given(
    which=st.sampled_from(["mu", "delta"]),
    val=st.sampled_from([np.nan, None, np.inf, 1j]),
    shape=st.sampled_from([(), (3,)]),
)
def test_gauss_avg_never_returns_nan(which, val, shape):
    bad = np.array([0.5, val, 0.5]) if shape else val  # dtype float, object or complex
    args = {"mu": 0.3, "delta": 1.0, which: bad}
    with pytest.raises((ValueError, TypeError)):
        gauss_avg(np.tanh, args["mu"], args["delta"])
    with pytest.raises((ValueError, TypeError)):
        TanhMoments(args["mu"], args["delta"])


# --------------------------------------------------------------------------- #
# simulation
# --------------------------------------------------------------------------- #
@SETTINGS
@given(
    N=st.integers(2, 40),
    R=st.integers(1, 3),
    B=st.integers(1, 3),
    g=st.floats(0, 3),
    dt=st.floats(0.01, 1.99),
    every=st.integers(1, 5),
    seed=st.integers(0, 2**32 - 1),
    dtype=st.sampled_from([np.float64, np.float32]),
    method=st.sampled_from(["euler", "heun"]),
    amp=st.sampled_from([1e-6, 1.0, 1e3]),
)
def test_simulate_good_input_gives_finite_shapes(
    N, R, B, g, dt, every, seed, dtype, method, amp
):
    R = min(R, N)
    rng = np.random.default_rng(seed)
    m, n = amp * rng.standard_normal((N, R)), rng.standard_normal((N, R))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dt > 0.5 warns
        r = simulate(
            amp * rng.standard_normal((B, N)),
            2.0,
            dt,
            J0=random_bulk(N, g, rng),
            m=m,
            n=n,
            inputs=amp * rng.standard_normal(N),
            record_every=every,
            noise_std=0.1,
            rng=rng,
            dtype=dtype,
            method=method,
        )
    T = int(round(2.0 / dt)) // every + 1
    assert r.x.shape == (B, T, N) and r.kappa.shape == (B, T, R)
    assert np.all(np.isfinite(r.x)) and np.all(np.isfinite(r.kappa))


@SETTINGS
@given(
    N=st.integers(1, 20),
    which=st.sampled_from(["x0", "J0", "m", "inputs"]),
    val=bad_float,
)
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


# --------------------------------------------------------------------------- #
# covariances
# --------------------------------------------------------------------------- #
@SETTINGS
@given(K=st.integers(1, 4), seed=st.integers(0, 1000), log_scale=st.floats(-12, 12),
       rank=st.integers(0, 4), log_shift=st.floats(-6, 0.7))
@example(K=2, seed=0, log_scale=-11, rank=2, log_shift=0.0)
def test_gaussian_vectors_accepts_any_psd_and_rejects_indefinite(
    K, seed, log_scale, rank, log_shift
):
    """Any PSD covariance (also singular, at any scale) is sampled exactly; any
    indefinite one (an eigenvalue below -1e-6 of the largest) is rejected."""
    rng = np.random.default_rng(seed)
    scale = 10.0**log_scale
    A = rng.standard_normal((K, min(max(rank, 1), K)))
    psd = scale * (A @ A.T)
    v = gaussian_vectors(10 * K + 5, np.zeros(K), psd, rng, exact=True)
    assert np.all(np.isfinite(v))
    emp = v.T @ v / v.shape[0]
    assert np.allclose(emp, psd, rtol=0, atol=1e-8 * np.abs(psd).max())
    if K == 1:
        return
    shift = 10.0**log_shift  # relative to the largest eigenvalue
    evals = np.linalg.eigvalsh(psd)
    bad = psd - (evals.min() + shift * evals.max()) * np.eye(K)
    with pytest.raises(ValueError, match="positive semi-definite"):
        gaussian_vectors(20, np.zeros(K), bad, rng)


# --------------------------------------------------------------------------- #
# mean field
# --------------------------------------------------------------------------- #
@st.composite
def rank_one_point(draw, max_var=2.0, max_mean=3.0):
    """A parameter point with a random PSD covariance of (m, n, I)."""
    sd = np.array([draw(st.floats(0, np.sqrt(max_var))) for _ in range(3)])
    L = np.array([[draw(st.floats(-1, 1)) for _ in range(3)] for _ in range(3)])
    c = L @ L.T + 1e-9 * np.eye(3)
    c = c / np.sqrt(np.outer(np.diag(c), np.diag(c)))  # a correlation matrix
    cov = c * np.outer(sd, sd)
    return dict(g=draw(st.floats(0, 3)), m_mean=draw(st.floats(-max_mean, max_mean)),
                n_mean=draw(st.floats(-max_mean, max_mean)),
                input_mean=draw(st.floats(-max_mean, max_mean)),
                m_var=cov[0, 0], n_var=cov[1, 1], input_var=cov[2, 2], mn_cov=cov[0, 1],
                m_input_cov=cov[0, 2], n_input_cov=cov[1, 2])


def _check_solution(p, regime):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sol = RankOne(**p).solve(regime)
    if sol.converged:
        assert np.isfinite([sol.kappa, sol.mu, sol.delta0, sol.delta_inf]).all()
        assert 0 <= sol.delta_inf <= sol.delta0 + 1e-12
        res = independent_residual(sol, p)
        assert res < 1e-10 * max(1.0, sol.delta0), (res, sol)
    else:
        assert any(issubclass(w.category, MeanFieldConvergenceWarning) for w in caught)


@settings(max_examples=30, deadline=None)
@given(p=rank_one_point(), regime=st.sampled_from(["stationary", "chaotic"]))
def test_solver_never_returns_silent_nonsense(p, regime):
    """Converged solutions satisfy the equations to 1e-10 with a quadrature independent
    of the solver's; otherwise converged=False plus a warning."""
    _check_solution(p, regime)


@settings(max_examples=15, deadline=None)
@given(p=rank_one_point(max_var=1e4, max_mean=1e3), regime=st.sampled_from(
    ["stationary", "chaotic"]))
def test_solver_at_extreme_magnitudes(p, regime):
    _check_solution(p, regime)
