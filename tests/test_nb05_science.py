"""Science claimed in notebook 05 (inputs, bistability, selectivity), checked against finite-N
simulations and against the mean-field equations.

The network: m = w + ρ y, n = I + ρ y (independent Gaussian w, I, y; Σ_w = Σ_I = 1.2), random
bulk g = 0.8, vectors with exact empirical statistics. Tolerances come from finite-size
scaling: across networks κ scatters with sd a/√N (a ≈ 1 for m ⟂ n, ≈ 0.8 on the upper branch
and up to ≈ 2 on the lower branch near the saddle-node at ρ = 2, measured over 6 networks), and
a network's own switching threshold differs from c* with sd ≈ 0.032 at N = 500 (≈ 0.7/√N,
6 networks). We allow 4 standard deviations (3 for means over several networks).
"""

from __future__ import annotations

import numpy as np

from lrnn_utils import gaussian_vectors, readout_theory, simulate, solve_rank_one
from lrnn_utils.checks.nb05 import saddle_node
from lrnn_utils.meanfield import stationary_solutions

G, SI, SW, DT = 0.8, 1.2, 1.2, 0.1


def task_network(N, rho, seed):
    r = np.random.default_rng(seed)
    a = gaussian_vectors(N, np.zeros(4), np.eye(4), r, exact=True)
    w, I, y, I_perp = SW * a[:, 0], SI * a[:, 1], a[:, 2], SI * a[:, 3]
    chi = r.standard_normal((N, N), dtype=np.float32) / np.float32(np.sqrt(N))
    return dict(chi=chi, m=w + rho * y, n=I + rho * y, I=I, I_perp=I_perp, w=w)


def mf(c, rho, go=True, extra_var=0.0):
    return dict(m_var=SW**2 + rho**2, n_var=SI**2 + rho**2, mn_cov=rho**2,
                n_input_cov=c * SI**2 if go else 0.0, input_var=c**2 * SI**2 + extra_var)


def test_input_along_n_drives_kappa_when_m_perp_n():
    N = 800
    net = task_network(N, 0.0, seed=1)
    cs = np.array([0.0, 0.5, 1.0, 2.0])
    res = simulate(np.zeros((cs.size, N)), 30.0, DT, J0=G * net["chi"], m=net["m"], n=net["n"],
                   inputs=cs[:, None] * net["I"], record_every=100, dtype=np.float32)
    th = np.array([solve_rank_one(G, **mf(c, 0.0)).kappa for c in cs])
    assert np.allclose(res.kappa[:, -1, 0], th, atol=4 / np.sqrt(N))
    # the response is along m, a direction the input does not contain
    x = res.x[:, -1].astype(float)
    assert np.allclose(x @ net["m"] / (net["m"] @ net["m"]), th, atol=4 / np.sqrt(N))
    assert abs(net["I"] @ net["m"]) < 1e-8 * N  # exact orthogonality of the sampled vectors
    # κ saturates: the input's variance lowers the gain
    assert th[3] < 2 * th[2] < 4 * th[1]


def test_linear_susceptibility():
    """κ/c → Σ_I²/(1 - ρ²) for small c below the pitchfork (theory, and 4 networks N = 800)."""
    rho2 = 0.5
    c = 1e-3
    k = solve_rank_one(G, **mf(c, np.sqrt(rho2))).kappa
    assert abs(k / c - SI**2 / (1 - rho2)) < 1e-3 * SI**2 / (1 - rho2)
    N, vals = 800, []
    for seed in range(4):
        net = task_network(N, np.sqrt(rho2), seed=20 + seed)
        res = simulate(np.zeros(N), 40.0, DT, J0=G * net["chi"], m=net["m"], n=net["n"],
                       inputs=0.02 * net["I"], record_x=False, record_every=100)
        vals.append(res.kappa[-1, 0] / 0.02)
    # one network scatters by ≈ 0.3 (amplified by 1/(1 - ρ²) and the bulk); mean of 4: 3 sd
    assert abs(np.mean(vals) - SI**2 / (1 - rho2)) < 3 * 0.35 / 2


def test_saddle_node():
    cs = saddle_node(2.0)
    assert abs(cs - 0.6608) < 2e-3
    assert len(stationary_solutions(G, **mf(cs - 0.01, 2.0))) == 3
    assert len(stationary_solutions(G, **mf(cs + 0.01, 2.0))) == 1
    # weaker overlap, lower threshold; below overlap 1 there is no bistability at all
    assert saddle_node(1.6) < cs and abs(saddle_node(1.6) - 0.2575) < 3e-3
    assert len(stationary_solutions(G, **mf(0.0, 0.9))) == 1
    # the private noise's variance σ²/2 moves c* by less than 0.01 (σ = 0.3)
    assert 0 < cs - saddle_node_extra(2.0, 0.3**2 / 2) < 0.01


def saddle_node_extra(rho, extra):
    from scipy.optimize import brentq

    return brentq(lambda c: len(stationary_solutions(G, **mf(c, rho, extra_var=extra))) - 2,
                  0.3, 1.0, xtol=1e-4)


def test_threshold_and_branches_of_finite_networks():
    """Hysteresis at N = 500 over 4 networks: branches within 4·a/√N of the theory; each
    network's switching threshold within 4 sd (0.032) of c*, their mean within 3 sd/√4."""
    N, rho = 500, 2.0
    cstar = saddle_node(rho)
    cs = np.array([0.3, 0.45, 0.56, 0.6, 0.625, 0.65, 0.675, 0.7, 0.725, 0.76, 0.9])
    roots = [stationary_solutions(G, **mf(c, rho)) for c in cs]
    k_up = np.array([r[-1].kappa for r in roots])
    thresholds = []
    for seed in range(4):
        net = task_network(N, rho, seed=40 + seed)
        x0 = np.vstack([np.tile(-1.3 * net["m"], (cs.size, 1)), np.tile(1.3 * net["m"], (cs.size, 1))])
        res = simulate(x0, 80.0, DT, J0=G * net["chi"], m=net["m"], n=net["n"],
                       inputs=np.vstack([cs[:, None] * net["I"]] * 2), record_x=False,
                       record_every=200, dtype=np.float32)
        k_low, k_high = res.kappa[:cs.size, -1, 0], res.kappa[cs.size:, -1, 0]
        assert np.allclose(k_high, k_up, atol=4 * 1.2 / np.sqrt(N))  # a ≈ 0.8, rounded up
        jumped = k_low > 0
        assert np.all(np.diff(jumped.astype(int)) >= 0)  # once switched, switched for larger c
        i = int(np.argmax(jumped))
        assert jumped[i] and i > 0
        below = cs < cstar - 0.1
        k_lo_th = np.array([r[0].kappa for r, b in zip(roots, below) if b])
        assert np.allclose(k_low[below], k_lo_th, atol=4 * 2.0 / np.sqrt(N))
        thresholds.append(0.5 * (cs[i - 1] + cs[i]))
    thresholds = np.array(thresholds)
    assert np.all(np.abs(thresholds - cstar) < 4 * 0.032 + 0.02)  # + half the grid spacing
    assert abs(thresholds.mean() - cstar) < 3 * 0.032 / 2 + 0.02


def test_go_nogo_selectivity():
    """Started in the κ < 0 state, an input along I (overlaps n) flips the readout, an equally
    strong input along I_perp (⟂ n) does not; both readouts match readout_theory."""
    N, rho, c = 500, 2.0, 1.0
    net = task_network(N, rho, seed=5)
    rest = simulate(-1.3 * net["m"], 20.0, DT, J0=G * net["chi"], m=net["m"], n=net["n"],
                    record_every=200, dtype=np.float32)
    x0 = np.tile(rest.x[-1], (2, 1))
    res = simulate(x0, 40.0, DT, J0=G * net["chi"], m=net["m"], n=net["n"],
                   inputs=c * np.vstack([net["I"], net["I_perp"]]), record_every=400,
                   dtype=np.float32)
    z = np.tanh(res.x[:, -1].astype(float)) @ net["w"] / N
    z_go = readout_theory(stationary_solutions(G, **mf(c, rho))[-1], w_m_cov=SW**2)
    z_nogo = readout_theory(stationary_solutions(G, **mf(c, rho, go=False))[0], w_m_cov=SW**2)
    assert z[0] > 0 > z[1] and z_go > 0 > z_nogo
    tol = SW**2 * 4 * 2.0 / np.sqrt(N)
    assert abs(z[0] - z_go) < tol and abs(z[1] - z_nogo) < tol


def test_psychometric_prediction_is_a_probit():
    """With trial-to-trial stimulus noise σ_c and a deterministic threshold, P(yes) is
    Φ((c - c*)/σ_c): check on synthetic trials (the notebook checks the network)."""
    from scipy.special import ndtr

    rng = np.random.default_rng(0)
    cstar, sig = 0.66, 0.2
    c = np.repeat(np.linspace(0.3, 1.0, 8), 4000)
    yes = c + sig * rng.standard_normal(c.size) > cstar
    p = yes.reshape(8, -1).mean(1)
    assert np.allclose(p, ndtr((np.linspace(0.3, 1.0, 8) - cstar) / sig), atol=0.03)
