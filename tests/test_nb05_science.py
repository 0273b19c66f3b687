"""Science claimed in notebook 05 beyond what the notebook itself asserts: properties of
the saddle-node c* in the mean field, and the hysteresis of several networks at N = 500
(the notebook simulates one network per section).

The network: m = w + ρ y, n = I + ρ y (independent Gaussian w, I, y; Σ_w = Σ_I = 1.2),
random bulk g = 0.8, vectors with exact empirical statistics. Tolerances come from
finite-size scaling: across networks κ scatters with sd a/√N (a ≈ 1 for m ⟂ n, ≈ 0.8 on
the upper branch and up to ≈ 2 on the lower branch near the saddle-node at ρ = 2,
measured over 6 networks), and a network's own switching threshold differs from c* with
sd ≈ 0.032 at N = 500 (≈ 0.7/√N, 6 networks). We allow 4 standard deviations (3 for
means over several networks).
"""

from __future__ import annotations

import numpy as np

from lrnn_utils import gaussian_vectors, simulate
from lrnn_utils.models import PAPER_INPUT, input_task

G, SI, SW, DT = PAPER_INPUT.g, 1.2, 1.2, 0.1


def task_network(N, rho, seed):
    r = np.random.default_rng(seed)
    a = gaussian_vectors(N, np.zeros(4), np.eye(4), r, exact=True)
    w, I, y, I_perp = SW * a[:, 0], SI * a[:, 1], a[:, 2], SI * a[:, 3]
    chi = r.standard_normal((N, N), dtype=np.float32) / np.float32(np.sqrt(N))
    return dict(chi=chi, m=w + rho * y, n=I + rho * y, I=I, I_perp=I_perp, w=w)


def n_states(c, rho, extra_var=0.0):
    return len(input_task(c, rho, extra_var=extra_var).solutions())


def test_saddle_node():
    cs = saddle_node(2.0)
    assert abs(cs - 0.6608) < 2e-3
    assert n_states(cs - 0.01, 2.0) == 3
    assert n_states(cs + 0.01, 2.0) == 1
    # weaker overlap, lower threshold; below overlap 1 there is no bistability at all
    assert saddle_node(1.6) < cs and abs(saddle_node(1.6) - 0.2575) < 3e-3
    assert n_states(0.0, 0.9) == 1
    # the private noise's variance σ²/2 moves c* by less than 0.01 (σ = 0.3)
    assert 0 < cs - saddle_node_extra(2.0, 0.3**2 / 2) < 0.01


def saddle_node_extra(rho, extra, lo=0.05, hi=1.5):
    """c* by bisection on the number of stationary states (three below, one above)."""
    while hi - lo > 1e-5:
        mid = 0.5 * (lo + hi)
        n = n_states(mid, rho, extra_var=extra)
        lo, hi = (mid, hi) if n == 3 else (lo, mid)
    return 0.5 * (lo + hi)


def saddle_node(rho):
    return saddle_node_extra(rho, 0.0)


def test_threshold_and_branches_of_finite_networks():
    """Hysteresis at N = 500 over 4 networks: branches within 4·a/√N of the theory; each
    network's switching threshold within 4 sd (0.032) of c*, their mean within 3
    sd/√4."""
    N, rho = 500, 2.0
    cstar = saddle_node(rho)
    cs = np.array([0.3, 0.45, 0.56, 0.6, 0.625, 0.65, 0.675, 0.7, 0.725, 0.76, 0.9])
    roots = [input_task(c, rho).solutions() for c in cs]
    k_up = np.array([r[-1].kappa for r in roots])
    thresholds = []
    for seed in range(4):
        net = task_network(N, rho, seed=40 + seed)
        x0 = np.vstack([np.tile(s * 1.3 * net["m"], (cs.size, 1)) for s in (-1, 1)])
        res = simulate(x0, 80.0, DT, J0=G * net["chi"], m=net["m"], n=net["n"],
                       inputs=np.vstack([cs[:, None] * net["I"]] * 2), record_x=False,
                       record_every=200, dtype=np.float32)
        k_low, k_high = res.kappa[:cs.size, -1, 0], res.kappa[cs.size:, -1, 0]
        # a ≈ 0.8, rounded up
        assert np.allclose(k_high, k_up, atol=4 * 1.2 / np.sqrt(N))
        jumped = k_low > 0
        # once switched, switched for every larger c
        assert np.all(np.diff(jumped.astype(int)) >= 0)
        i = int(np.argmax(jumped))
        assert jumped[i] and i > 0
        below = cs < cstar - 0.1
        k_lo_th = np.array([r[0].kappa for r, b in zip(roots, below) if b])
        assert np.allclose(k_low[below], k_lo_th, atol=4 * 2.0 / np.sqrt(N))
        thresholds.append(0.5 * (cs[i - 1] + cs[i]))
    thresholds = np.array(thresholds)
    # + half the grid spacing
    assert np.all(np.abs(thresholds - cstar) < 4 * 0.032 + 0.02)
    assert abs(thresholds.mean() - cstar) < 3 * 0.032 / 2 + 0.02
