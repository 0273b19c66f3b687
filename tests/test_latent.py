"""Rank-R mean field and latent κ-dynamics against networks."""

import numpy as np
import pytest

from lrnn_utils.analysis import project
from lrnn_utils.gaussian import dphi, gauss_avg
from lrnn_utils.lowrank import limit_cycle_theory
from lrnn_utils.models import rank_r
from lrnn_utils.simulate import simulate


def test_latent_ode_reproduces_network_for_g0(rng):
    """For g = 0 the latent dynamics is exact as N → ∞: trajectories coincide."""
    N = 20000
    overlap = [[1.6, -1.2], [1.2, 1.6]]  # complex eigenvalues 1.6 ± 1.2i: limit cycle
    model = rank_r(0.0, overlap)
    vec = model.sample(N, rng)  # exact Cov(n_r, m_s) = overlap
    m = vec.m
    k0 = np.array([0.3, -0.1])
    x0 = m @ k0  # start in the plane: the coordinates of x along m are k0
    sim = simulate(x0, 20.0, 0.1, **vec.structure, record_every=2, method="heun")
    k_lat = model.integrate(k0, 20.0, 0.05).k
    coords = project(sim.x, m)
    # Heun (network, O(dt²)) vs RK4 (latent); finite size adds O(1/√N) ≈ 0.007.
    # (Forward Euler at dt = 0.1 drifts in phase by 0.4 here: see simulate's docs.)
    err = np.max(np.abs(coords - k_lat[::4]))
    assert err < 0.03, err
    # the recorded n·φ/N is the drive F(κ), equal to the coordinate only at rest
    drive = model.drive(coords)
    assert np.allclose(drive, model.velocity(coords) + coords, atol=1e-13)
    assert np.max(np.abs(sim.kappa - drive)) < 0.02


def test_ring_radius(rng):
    """σ = a·I: a ring of fixed points at the radius where [φ'](0, r²) = 1/a."""
    from scipy.optimize import brentq

    a = 2.0
    radius_theory = brentq(lambda r: gauss_avg(dphi, 0.0, r * r) - 1 / a, 1e-6, 10)
    model = rank_r(0.0, a * np.eye(2))
    sol = model.solve(k0=[0.4, 0.3], t_relax=0.0, tol=1e-12)  # Newton only
    assert sol.converged
    assert np.isclose(np.linalg.norm(sol.k), radius_theory, rtol=1e-8)
    # one eigenvalue ~0 along the ring (marginal), the other negative
    ev = np.sort(sol.eigvals.real)
    assert abs(ev[1]) < 1e-5 and ev[0] < -0.1
    # the network relaxes onto the ring
    N = 20000
    vec = model.sample(N, rng)
    sim = simulate(vec.m @ np.array([0.1, 0.05]), 40.0, 0.1, **vec.structure,
                   record_x=False)
    # at rest the drive n·φ/N equals the coordinate: both sit on the ring
    assert abs(np.linalg.norm(sim.kappa[-1]) - radius_theory) < 0.02


def test_limit_cycle_radius_and_frequency(rng):
    a, b = 1.6, 1.2
    cycle = limit_cycle_theory(a, b)
    radius, omega = cycle.radius, cycle.omega
    assert np.isclose(omega, b / a)
    assert np.isclose(gauss_avg(dphi, 0.0, radius**2), 1 / a, atol=1e-12)
    traj = rank_r(0.0, [[a, -b], [b, a]]).integrate([0.1, 0.0], 80.0, 0.02)
    t, k = traj.t, traj.k
    late = k[t > 50]
    assert np.allclose(np.linalg.norm(late, axis=1), radius, atol=1e-4)
    phase = np.unwrap(np.arctan2(late[:, 1], late[:, 0]))
    assert np.isclose(np.polyfit(t[t > 50], phase, 1)[0], omega, rtol=1e-4)


def test_hopf_at_a_equal_one():
    with pytest.raises(ValueError, match="a must be > 1"):
        limit_cycle_theory(0.9, 1.0)
    traj = rank_r(0.0, [[0.9, -1.0], [1.0, 0.9]]).integrate([0.5, 0.0], 40.0, 0.05)
    assert np.linalg.norm(traj.k[-1]) < 0.05


def test_velocity_vectorized():
    model = rank_r(0.5, [[1.5, 0.0], [0.0, 0.5]], n_input_cov=[0.2, 0.0],
                   input_var=0.3)
    k = np.random.default_rng(0).standard_normal((4, 3, 2))
    out = model.velocity(k, [1.0])
    assert out.shape == (4, 3, 2)
    assert np.allclose(out[1, 2], model.velocity(k[1, 2], [1.0]))


@pytest.mark.parametrize(
    "call, word",
    [
        (lambda: rank_r(1.0, np.eye(3)[:2]), "overlap"),
        (lambda: rank_r(-1.0, np.eye(2)), "g"),
        (lambda: rank_r(1.0, np.eye(2), m_cov=[[1, 2], [2, 1]]), "m_cov"),
        (lambda: rank_r(1.0, np.eye(2), n_input_cov=[1.0]), "n_input_cov"),
        (lambda: rank_r(1.0, np.eye(2), m_input_cov=[3.0, 0], input_var=1.0),
         "positive semi-definite"),
        (lambda: rank_r(0.0, np.eye(2)).velocity(np.zeros(3)), "k must"),
        (lambda: rank_r(0.0, np.eye(2)).integrate([0.1, 0.1], 1.0, 0.0), "dt"),
    ],
)
def test_bad_arguments_are_named(call, word):
    with pytest.raises(ValueError, match=word):
        call()
