"""Gaussian averages against adaptive quadrature, and identities of nested averages."""

import warnings

import numpy as np
import pytest
from scipy.integrate import IntegrationWarning, quad

from lrnn_utils.gaussian import Phi, dphi, gauss_avg, nested_avg, nested_var, phi

FUNCS = {
    "phi": phi,
    "dphi": dphi,
    "phi2": lambda x: phi(x) ** 2,
    "dphi2": lambda x: dphi(x) ** 2,
    "Phi": Phi,
    "Phi2": lambda x: Phi(x) ** 2,
}


def reference(f, mu, delta):
    s = np.sqrt(delta)
    val, _ = quad(
        lambda z: f(mu + s * z) * np.exp(-z * z / 2) / np.sqrt(2 * np.pi),
        -12, 12, epsabs=1e-15, epsrel=1e-13, limit=2000, points=[-mu / s],
    )
    return val


@pytest.mark.parametrize(
    "mu,delta", [(0, 1), (0.5, 3), (1, 20), (0, 50), (2, 0.01), (3, 100)]
)
@pytest.mark.parametrize("name", sorted(FUNCS))
def test_single_average_matches_adaptive_quadrature(name, mu, delta):
    f = FUNCS[name]
    assert abs(gauss_avg(f, mu, delta) - reference(f, mu, delta)) < 1e-10


def test_gauss_hermite_would_not_be_accurate_enough():
    """Why we do not use Gauss–Hermite: 100 nodes give 1e-3 errors at Δ = 20."""
    z, w = np.polynomial.hermite_e.hermegauss(100)
    gh = dphi(1 + np.sqrt(20) * z) @ (w / w.sum())
    ref = reference(dphi, 1, 20)
    assert abs(gh - ref) > 1e-4
    assert abs(gauss_avg(dphi, 1, 20) - ref) < 1e-10


def test_vectorized_shapes():
    mu = np.linspace(-1, 1, 5)[:, None]
    delta = np.linspace(0.1, 4, 3)[None, :]
    out = gauss_avg(phi, mu, delta)
    assert out.shape == (5, 3)
    assert np.allclose(out[2, 1], gauss_avg(phi, 0.0, delta[0, 1]))


def test_nested_limits():
    """C_f(μ, Δ0, Δ0) = [f²] (frozen) and C_f(μ, Δ0, 0) = [f]² (independent)."""
    mu, d0 = 0.3, 2.5
    assert np.isclose(
        nested_avg(phi, mu, d0, d0),
        gauss_avg(lambda x: phi(x) ** 2, mu, d0),
        atol=1e-11,
    )
    assert np.isclose(
        nested_avg(phi, mu, d0, 0.0), gauss_avg(phi, mu, d0) ** 2, atol=1e-11
    )


def test_nested_var_is_difference_without_cancellation():
    mu, d0, dinf = 0.2, 3.0, 1.7
    diff = gauss_avg(lambda x: Phi(x) ** 2, mu, d0) - nested_avg(Phi, mu, d0, dinf)
    assert np.isclose(nested_var(Phi, mu, d0, dinf), diff, atol=1e-10)
    # small gap: Var_y f(a + √d y) ≈ d [f'²]
    d = 1e-6
    v = nested_var(phi, mu, d0, d0 - d)
    assert np.isclose(v / d, gauss_avg(lambda x: dphi(x) ** 2, mu, d0), rtol=1e-4)


def test_negative_variance_rejected():
    with pytest.raises(ValueError, match="delta"):
        gauss_avg(phi, 0.0, -1.0)
    with pytest.raises(ValueError, match="delta_inf"):
        nested_avg(phi, 0.0, 1.0, 2.0)


def test_static_variance_returns_the_largest_root_even_from_a_bad_warm_start():
    """For g > 1 and no quenched variance Δ = 0 (the silent state) is also a root."""
    from lrnn_utils.gaussian import solve_static_variance

    top = solve_static_variance(1.5, 0.0, 0.0)
    assert top > 0.5
    assert np.isclose(
        top, 1.5**2 * gauss_avg(lambda x: phi(x) ** 2, 0.0, top), atol=1e-12
    )
    # a warm start at the silent root would slide to Δ = 0 without the fallback
    assert np.isclose(solve_static_variance(1.5, 0.0, 0.0, start=0.0), top, atol=1e-12)
    # vectorized, and exact for g = 0
    ds = np.array([0.0, 0.5, 2.0])
    assert np.array_equal(solve_static_variance(0.0, 0.3, ds), ds)


# --------------------------------------------------------------------------- #
# bounded quadrature: accuracy on a wide (μ, Δ) grid, node counts, validation
# --------------------------------------------------------------------------- #
def wide_reference(f, mu, delta):
    """Adaptive quadrature in z with break points where x = μ + √Δ z crosses the
    core."""
    if delta == 0:
        return float(f(np.float64(mu)))
    s = np.sqrt(delta)
    pts = sorted(
        {float(np.clip((p - mu) / s, -12, 12)) for p in (-20, -5, -1, 0, 1, 5, 20)}
        - {-12.0, 12.0}
    )
    with warnings.catch_warnings():
        # quad asks for 1e-14 and says when round-off stops it short of that: the
        # reference is still far more accurate than the tolerances it is compared with
        warnings.simplefilter("ignore", IntegrationWarning)
        val, _ = quad(
            lambda z: f(mu + s * z) * np.exp(-z * z / 2) / np.sqrt(2 * np.pi),
            -12, 12, points=pts or None, limit=2000, epsabs=1e-16, epsrel=1e-14)
    return val


WIDE_MU = [0.0, 0.3, -1.0, 3.0, 19.5, -25.0, 100.0, 1e3, 1e6]
WIDE_DELTA = [0.0, 1e-14, 1e-6, 0.5, 4.0, 8.0, 9.0, 30.0, 1e3, 1e5, 1e8]


@pytest.mark.parametrize("name", ["phi", "dphi", "phi2", "dphi2", "Phi"])
def test_bounded_rule_matches_quad_on_a_wide_grid(name):
    f = FUNCS[name]
    mu, delta = np.meshgrid(WIDE_MU, WIDE_DELTA, indexing="ij")
    got = gauss_avg(f, mu, delta)  # one vectorized call: mixed small and large Δ
    for (i, j), g in np.ndenumerate(got):
        ref = wide_reference(f, mu[i, j], delta[i, j])
        scale = max(1.0, abs(mu[i, j]), np.sqrt(delta[i, j])) if name == "Phi" else 1.0
        assert abs(g - ref) < 1e-10 * scale, (name, mu[i, j], delta[i, j], g, ref)
        # and the scalar path agrees with the vectorized one
        assert abs(gauss_avg(f, mu[i, j], delta[i, j]) - g) < 1e-11 * scale


def test_node_count_is_bounded():
    from lrnn_utils.gaussian import n_nodes, nodes_for

    assert n_nodes(0.0) == 81
    assert max(n_nodes(d) for d in [1, 10, 1e4, 1e8, 1e300]) <= 216
    z, w = nodes_for(1e8, mu=3.0)
    assert z.shape == w.shape == (216,)
    assert (
        abs(np.sum(np.tanh(3.0 + 1e4 * z) * w) - wide_reference(phi, 3.0, 1e8)) < 1e-10
    )
    with pytest.raises(ValueError, match="mu"):
        nodes_for(1e4)


def dense_nested(f, mu, d0, dinf, n=801):
    """Independent nested reference: dense trapezoid on both axes (no shared code)."""
    z = np.linspace(-10, 10, n)
    w = np.exp(-z * z / 2)
    w /= w.sum()
    x = mu + np.sqrt(dinf) * z[:, None] + np.sqrt(d0 - dinf) * z[None, :]
    vals = f(x)
    inner = vals @ w
    return (inner * inner) @ w, (((vals - inner[:, None]) ** 2) @ w) @ w


@pytest.mark.parametrize(
    "mu,d0,dinf",
    [
        (0.3, 0.8, 0.5),
        (1.0, 5.0, 3.0),
        (0.0, 30.0, 20.0),
        (2.0, 40.0, 1.0),
        (-5.0, 100.0, 99.0),
        (0.5, 60.0, 0.0),
    ],
)
def test_nested_averages_match_a_dense_reference(mu, d0, dinf):
    from lrnn_utils.gaussian import nested_tanh_terms

    c_ref, v_ref = dense_nested(np.tanh, mu, d0, dinf)
    assert abs(nested_avg(phi, mu, d0, dinf) - c_ref) < 1e-10
    assert abs(nested_var(phi, mu, d0, dinf) - v_ref) < 1e-10
    var_phi, var_Phi, phi2 = nested_tanh_terms(mu, d0, dinf)
    _, vP_ref = dense_nested(lambda x: np.logaddexp(x, -x) - np.log(2), mu, d0, dinf)
    assert abs(var_phi - v_ref) < 1e-10
    assert abs(var_Phi - vP_ref) < 1e-10 * max(1.0, d0)
    assert abs(phi2 - wide_reference(lambda x: np.tanh(x) ** 2, mu, d0)) < 1e-10


def test_nested_memory_is_bounded_at_huge_variances():
    from lrnn_utils.gaussian import nested_tanh_terms

    out = nested_tanh_terms(1e6, 1e8, 5e7)
    assert all(np.isfinite(v) for v in out)
    assert abs(out[2] - 1.0) < 1e-12  # saturated: [φ²] = 1


def test_tanh_moments_match_single_averages():
    from lrnn_utils.gaussian import TanhMoments

    for mu, d in [(0.3, 0.7), (2.0, 50.0), (1e3, 1e8), (0.0, 0.0)]:
        mo = TanhMoments(mu, d)
        t = np.tanh
        refs = {
            "phi": t,
            "dphi": lambda x: 1 - t(x) ** 2,
            "phi2": lambda x: t(x) ** 2,
            "d2phi": lambda x: -2 * t(x) * (1 - t(x) ** 2),
            "d3phi": lambda x: (
                -2 * (1 - t(x) ** 2) ** 2 + 4 * t(x) ** 2 * (1 - t(x) ** 2)
            ),
            "dphi2": lambda x: (1 - t(x) ** 2) ** 2,
            "phi_dphi": lambda x: t(x) * (1 - t(x) ** 2),
            "phi_d2phi": lambda x: -2 * t(x) ** 2 * (1 - t(x) ** 2),
        }
        for name, f in refs.items():
            assert abs(getattr(mo, name) - wide_reference(f, mu, d)) < 1e-10, (
                name,
                mu,
                d,
            )


@pytest.mark.parametrize("call,exc", [
    (lambda: gauss_avg(phi, np.nan, 1.0), ValueError),
    (lambda: gauss_avg(phi, None, 1.0), TypeError),
    (lambda: gauss_avg(phi, 0.0, np.nan), ValueError),
    (lambda: gauss_avg(phi, 0.0, np.inf), ValueError),
    (lambda: gauss_avg(phi, np.inf, 1.0), ValueError),
    (lambda: gauss_avg(phi, 1j, 1.0), TypeError),
    (lambda: gauss_avg(lambda x: x**2, 0, 1, order=1), ValueError),
    (lambda: gauss_avg(lambda x: x**2, 0, 1, order=2.5), TypeError),
    (lambda: gauss_avg(lambda x: np.sqrt(np.abs(x)) * np.nan, 0.0, 1.0), ValueError),
    (lambda: gauss_avg("tanh", 0.0, 1.0), TypeError),
    (lambda: Phi(1j), TypeError),
    (lambda: phi(np.nan), ValueError),
    (lambda: nested_avg(phi, 0.0, np.nan, 0.0), ValueError),
    (lambda: nested_var(phi, 0.0, 1.0, -1.0), ValueError),
])
def test_bad_arguments_are_rejected_by_name(call, exc):
    with pytest.raises(exc):
        call()


def test_minimum_order_is_exact_for_polynomials():
    assert abs(gauss_avg(lambda x: x**2, 0, 1, order=41) - 1.0) < 1e-13
    assert (
        abs(gauss_avg(lambda x: x**4, 1.0, 2.0, order=41) - (1 + 6 * 2 + 3 * 4)) < 1e-11
    )
