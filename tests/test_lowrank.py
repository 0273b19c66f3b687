"""The one rank-R / mixture mean-field stack (lrnn_utils.lowrank), checked against
the equations written out here with plain quadrature."""

import numpy as np
import pytest

from lrnn_utils.gaussian import dphi, gauss_avg, phi
from lrnn_utils.lowrank import (
    drive,
    effective_overlaps,
    field_variances,
    fixed_points,
    integrate,
    limit_cycle_theory,
    population_gains,
    readout,
    velocity,
)
from lrnn_utils.models import PAPER_CONTEXT, RankOne, mixture, rank_r

SIGMA = np.array([[1.6, -1.2], [1.2, 1.6]])


def test_one_population_velocity_is_the_rank_r_equation():
    model = rank_r(0.0, SIGMA, n_input_cov=[0.5, 0.0], input_var=0.3,
                   m_input_cov=[0.2, 0.1])
    k = np.array([0.4, -0.7])
    var = k @ k + 2 * k @ np.array([0.2, 0.1]) + 0.3
    gain = float(gauss_avg(dphi, 0.0, var))
    expected = -k + gain * (SIGMA @ k + np.array([0.5, 0.0]))
    assert np.allclose(velocity(model, k, [1.0]), expected, atol=1e-13)
    assert np.allclose(drive(model, k, [1.0]), expected + k, atol=1e-13)
    eff = effective_overlaps(model, k, [1.0])  # a result object, not a tuple
    assert np.allclose(eff.sigma, gain * SIGMA, atol=1e-13)
    assert np.allclose(eff.sigma_input[:, 0], gain * np.array([0.5, 0.0]), atol=1e-13)
    with pytest.raises(TypeError):
        iter(eff)


def test_bulk_variance_solves_the_stationary_variance_equation():
    model = rank_r(0.8, SIGMA)
    k = np.array([0.3, 0.2])
    d = float(field_variances(model, k)[0])
    ds = k @ k
    phi2 = float(gauss_avg(lambda x: phi(x) ** 2, 0.0, d, order=2001))
    assert abs(0.64 * phi2 + ds - d) < 1e-11


def test_two_identical_populations_equal_one():
    one = PAPER_CONTEXT
    two = mixture([0.3, 0.7], np.stack([one.cov[0]] * 2), rank=2, n_inputs=4)
    k, u = np.array([0.2, -0.4]), np.array([0.5, 0.1, 0.2, 0.0])
    assert np.allclose(velocity(one, k, u), velocity(two, k, u), atol=1e-13)
    assert np.allclose(readout(one, k, u), readout(two, k, u), atol=1e-13)


def test_nan_inputs_are_named_errors():
    model = rank_r(0.0, SIGMA)
    for call in (lambda: velocity(model, [np.nan, 0.0]),
                 lambda: population_gains(PAPER_CONTEXT, [0.0, 0.0], [np.nan, 0, 0, 0]),
                 lambda: model.velocity([0.0, 0.0], [np.nan])):
        with pytest.raises(ValueError, match="finite"):
            call()
    with pytest.raises(ValueError, match="kappa"):
        RankOne(1.0, m_mean=1.0).self_consistency(np.nan)


def test_integration_steps_are_bounded():
    model = rank_r(0.0, np.zeros((2, 2)))
    with pytest.raises(ValueError, match="dt"):  # issue 16: diverged silently before
        model.integrate([0.5, 0], 300.0, 3.0)
    traj = integrate(model, [0.5, 0.0], 10.0, 0.1)
    assert np.allclose(traj.k[-1], [0.5 * np.exp(-10.0), 0.0], rtol=1e-6)  # k̇ = -k


def test_fixed_points_ring_and_limit_cycle_radius():
    ring = rank_r(0.0, 1.5 * np.eye(2))
    st = fixed_points(ring, k0=np.array([[1.0, 0.0], [0.0, -1.0]]), t_relax=0.0)
    assert np.all(st.converged)
    r = np.linalg.norm(st.k, axis=-1)
    # on the ring: 1.5 [φ'](0, r²) = 1
    assert np.allclose(1.5 * gauss_avg(dphi, 0.0, r**2), 1.0, atol=1e-10)
    cycle = limit_cycle_theory(1.6, 1.2)
    assert np.isclose(1.6 * float(gauss_avg(dphi, 0.0, cycle.radius**2)), 1.0,
                      atol=1e-10)
    assert np.isclose(cycle.omega, 1.2 / 1.6)


def test_limit_cycle_results_stack_into_a_float_array():
    rows = np.array([limit_cycle_theory(a, 1.0) if a > 1 else (0.0, np.nan)
                     for a in (0.5, 1.5, 2.0)])
    assert rows.dtype == float and rows.shape == (3, 2)
