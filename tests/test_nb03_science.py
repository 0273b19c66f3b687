"""Science claimed in notebook 03 (variance scaling), checked numerically.

Every quantity is an average of N independent terms, so its expectation is known
exactly (g²⟨φ²⟩, ⟨n²⟩⟨φ²⟩/N, ⟨nφ⟩, …) and its sampling error over R draws is known too;
the fits of log(magnitude) against log N use those errors, and slopes are accepted
within 4 standard errors. Network values deviate from mean-field theory by O(1/√N)
(relative r.m.s. deviations measured at g = 0.8, overlap 2: 0.8/√N for κ, 0.9/√N for
the r.m.s. random input; the tolerances below are looser).
"""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils import dphi, gauss_avg, random_bulk, simulate
from lrnn_utils.models import RankOne


def loglog_fit(N, y, sigma_log):
    x, v = np.log(N), np.log(y)
    w = 1.0 / np.asarray(sigma_log) ** 2
    xm, vm = np.sum(w * x) / w.sum(), np.sum(w * v) / w.sum()
    sxx = np.sum(w * (x - xm) ** 2)
    slope = np.sum(w * (x - xm) * (v - vm)) / sxx
    return slope, np.sqrt(1 / sxx)


def _phi2(delta):
    return float(gauss_avg(lambda x: np.tanh(x) ** 2, 0.0, delta))


def test_random_input_variance_is_g2_times_second_moment():
    """Var((J0 φ)_i) = g²⟨φ²⟩ exactly; differs from g² Var(φ) when ⟨φ⟩ ≠ 0."""
    rng = np.random.default_rng(0)
    N, g = 500, 0.7
    phi = np.tanh(0.8 + rng.standard_normal(N))
    h = np.vstack([random_bulk(N, g, rng) for _ in range(8)]) @ phi  # 4000 draws
    se = np.sqrt(2 / h.size)  # relative s.e. of a variance from Gaussian samples
    assert abs(h.var() / (g**2 * np.mean(phi**2)) - 1) < 4 * se
    assert abs(h.var() / (g**2 * np.var(phi)) - 1) > 10 * se
    assert abs(h.mean()) < 4 * h.std() / np.sqrt(h.size)


def _draw_stats(N, R, a, b, rng):
    n = rng.standard_normal((R, N))
    rates = np.tanh(a * n + b * rng.standard_normal((R, N)))
    n_ind = rng.standard_normal((R, N))
    J = rng.standard_normal((R, N)) / np.sqrt(N)
    return (np.einsum("rj,rj->r", J, rates), np.einsum("rj,rj->r", n_ind, rates) / N,
            np.einsum("rj,rj->r", n, rates) / N)


def test_scaling_slopes_random_independent_aligned():
    """Slopes 0 (random input), -1/2 (independent structured), 0 (aligned) over
    N = 10²…10⁴."""
    rng = np.random.default_rng(1)
    a, b, R = 1.0, 0.6, 200
    Ns = np.array([100, 316, 1000, 3162, 10000])
    out = {"h": [], "ind": [], "al": []}
    err = {"h": [], "ind": [], "al": []}
    for N in Ns:
        h, k_ind, k_al = _draw_stats(N, R, a, b, rng)
        for key, v in (("h", h), ("ind", k_ind)):
            v2 = v**2
            out[key].append(np.sqrt(v2.mean()))
            err[key].append(0.5 * v2.std() / (np.sqrt(R) * v2.mean()))
        out["al"].append(k_al.mean())
        err["al"].append(k_al.std() / (np.sqrt(R) * k_al.mean()))
    phi2 = _phi2(a**2 + b**2)
    k_lim = a * float(gauss_avg(dphi, 0.0, a**2 + b**2))
    expected = {"h": 0.0, "ind": -0.5, "al": 0.0}
    theory = {"h": np.sqrt(phi2) * np.ones(5), "ind": np.sqrt(phi2 / Ns),
              "al": k_lim * np.ones(5)}
    for key in out:
        s, se = loglog_fit(Ns, out[key], err[key])
        assert se < 0.03
        assert abs(s - expected[key]) < 4 * se, (key, s, se)
        dev = np.abs(np.log(np.array(out[key]) / theory[key]))
        assert np.all(dev < 4 * np.array(err[key]))


@pytest.mark.parametrize("a", [0.0, 0.03, 0.3])
def test_crossover_formula(a):
    """E[κ²] = ⟨nφ⟩² + Var(nφ)/N exactly (κ = average of N i.i.d. terms)."""
    rng = np.random.default_rng(2)
    b, R = 1.0, 2000
    z = np.linspace(-8, 8, 401)
    w = np.exp(-z**2 / 2)
    w /= w.sum()
    ng, zg = np.meshgrid(z, z, indexing="ij")
    k_lim = a * float(gauss_avg(dphi, 0.0, a**2 + b**2))
    var = np.einsum("i,j,ij->", w, w, (ng * np.tanh(a * ng + b * zg)) ** 2) - k_lim**2
    for N in (30, 300):
        n = rng.standard_normal((R, N))
        rates = np.tanh(a * n + b * rng.standard_normal((R, N)))
        k = np.einsum("rj,rj->r", n, rates) / N
        expect = k_lim**2 + var / N
        se = (k**2).std() / np.sqrt(R)
        assert abs(np.mean(k**2) - expect) < 4 * se


def test_random_input_along_a_fixed_direction_is_small():
    """vᵀJ0φ/N has std g √⟨φ²⟩ √(vᵀv/N) / √N with full random matrices: the random
    input's component along the unit vector v/|v| is O(1); the 1/√N comes from dividing
    by N."""
    rng = np.random.default_rng(3)
    N, g, R = 300, 1.0, 300
    phi = np.tanh(rng.standard_normal(N) + 0.3)
    v = 1.0 + rng.standard_normal(N)
    proj = np.array([v @ (random_bulk(N, g, rng) @ phi) / N for _ in range(R)])
    pred = g * np.sqrt(np.mean(phi**2)) * np.sqrt(v @ v / N) / np.sqrt(N)
    assert abs(proj.std() / pred - 1) < 4 / np.sqrt(2 * R)
    assert abs(proj.mean()) < 4 * pred / np.sqrt(R)


def test_network_inputs_at_fixed_point():
    """g = 0.8, overlap 2: random input and κ are O(1) and match DMFT; n'ᵀφ/N is
    O(1/√N)."""
    g, overlap = 0.8, 2.0
    model = RankOne(g, m_var=1.0, n_var=1 + overlap**2, mn_cov=overlap)
    sol = model.solve(kappa0=1.0)
    phi2 = _phi2(sol.delta0)
    probes = []
    for N in (250, 1000):
        rng = np.random.default_rng(N)
        vec = model.sample(N, rng)
        m, n = vec.m[:, 0], vec.n[:, 0]
        J0 = random_bulk(N, g, rng)
        res = simulate(m, 25.0, 0.1, J0=J0, m=m, n=n, record_every=250)
        r = np.tanh(res.x[-1])
        h_rms = np.sqrt(np.mean((J0 @ r) ** 2))
        assert abs(h_rms / (g * np.sqrt(phi2)) - 1) < 4 * 1.3 / np.sqrt(N)
        assert abs(res.kappa[-1, 0] - sol.kappa) < 4 / np.sqrt(N)
        probe = np.sqrt(np.mean((rng.standard_normal((400, N)) @ r / N) ** 2))
        assert abs(probe / np.sqrt(phi2 / N) - 1) < 4 * np.sqrt(1 / 800 + 1.3**2 / N)
        probes.append(probe)
    assert probes[0] / probes[1] == pytest.approx(2.0, rel=0.2)  # √(1000/250)
