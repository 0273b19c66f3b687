"""Gaussian averages against adaptive quadrature, and identities of nested averages."""

import numpy as np
import pytest
from scipy.integrate import quad

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


@pytest.mark.parametrize("mu,delta", [(0, 1), (0.5, 3), (1, 20), (0, 50), (2, 0.01), (3, 100)])
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
    assert np.isclose(nested_avg(phi, mu, d0, d0), gauss_avg(lambda x: phi(x) ** 2, mu, d0), atol=1e-11)
    assert np.isclose(nested_avg(phi, mu, d0, 0.0), gauss_avg(phi, mu, d0) ** 2, atol=1e-11)


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
    assert np.isclose(top, 1.5**2 * gauss_avg(lambda x: phi(x) ** 2, 0.0, top), atol=1e-12)
    # a warm start at the silent root would slide to Δ = 0 without the fallback
    assert np.isclose(solve_static_variance(1.5, 0.0, 0.0, start=0.0), top, atol=1e-12)
    # vectorized, and exact for g = 0
    ds = np.array([0.0, 0.5, 2.0])
    assert np.array_equal(solve_static_variance(0.0, 0.3, ds), ds)
