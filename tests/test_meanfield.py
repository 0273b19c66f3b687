"""Rank-one DMFT: exactness checks, the paper's critical couplings, failure
reporting."""

import warnings

import numpy as np
import pytest
from scipy.optimize import brentq

from lrnn_utils.gaussian import Phi, dphi, gauss_avg
from lrnn_utils.meanfield import (
    MeanFieldConvergenceWarning,
    autocorrelation_theory,
    readout_theory,
)
from lrnn_utils.models import PAPER_SPONTANEOUS, RankOne


def paper(g):
    """The paper's spontaneous example at bulk strength ``g``."""
    return PAPER_SPONTANEOUS.with_(g=g)


def _direct_kappa_g0(kappa, m_mean, n_mean, m_var, n_var, mn_cov):
    """⟨n tanh(m κ)⟩ by a 2-D product quadrature over (m, n) — no Stein's lemma."""
    z, w = np.polynomial.hermite_e.hermegauss(80)
    w = w / w.sum()
    cov = np.array([[m_var, mn_cov], [mn_cov, n_var]])
    L = np.linalg.cholesky(cov + 1e-15 * np.eye(2))
    z1, z2 = np.meshgrid(z, z, indexing="ij")
    m = m_mean + L[0, 0] * z1
    n = n_mean + L[1, 0] * z1 + L[1, 1] * z2
    return np.einsum("i,j,ij->", w, w, n * np.tanh(m * kappa))


@pytest.mark.parametrize("mn_cov", [0.0, 0.5, 0.9])
def test_stein_lemma_form_equals_direct_average_at_g0(mn_cov):
    kw = dict(m_mean=0.4, n_mean=1.2, m_var=1.0, n_var=1.0, mn_cov=mn_cov)
    for kappa in (-1.3, 0.2, 0.9):
        assert np.isclose(RankOne(0.0, **kw).self_consistency(kappa),
                          _direct_kappa_g0(kappa, **kw), atol=1e-10)


def test_stationary_solution_is_a_fixed_point_with_tiny_residual():
    sol = paper(0.5).solve(kappa0=1.0)
    assert sol.converged and sol.residual < 1e-10
    assert np.isclose(paper(0.5).self_consistency(sol.kappa), sol.kappa, atol=1e-10)
    assert np.isclose(sol.mu, 1.1 * sol.kappa)
    assert sol.delta_inf == sol.delta0
    assert sol.stable and sol.bulk_radius < 1 and sol.outlier_slope < 1


def test_symmetric_branches_and_unstable_trivial_state():
    sols = paper(0.5).solutions()
    assert len(sols) == 3
    lo, mid, hi = sols
    assert np.isclose(lo.kappa, -hi.kappa, atol=1e-9) and abs(mid.kappa) < 1e-9
    assert lo.stable and hi.stable and not mid.stable
    # the κ = 0 state is destabilised by the outlier:
    # slope (M_m M_n + σ_mn)[φ'] = 2.2 [φ'](0, Δ0)
    assert np.isclose(mid.outlier_slope, 2.2 * gauss_avg(dphi, 0.0, mid.delta0),
                      atol=1e-6)


def test_pitchfork_at_overlap_one_for_g_zero():
    """From κ = 0 a pair ±κ branches off where the overlap M_m M_n + σ_mn crosses 1."""
    assert len(RankOne(0.0, m_mean=1.0, n_mean=0.98).solutions()) == 1
    assert len(RankOne(0.0, m_mean=1.0, n_mean=1.02).solutions()) == 3
    assert len(RankOne(0.0, m_var=1.0, n_var=1.0, mn_cov=0.98).solutions()) == 1
    edge = RankOne(0.0, m_var=1.0, n_var=1.0, mn_cov=1.0 - 1e-9, n_mean=0.03)
    assert len(edge.solutions()) >= 1


def _scs_delta0(g):
    """Classical Sompolinsky–Crisanti–Sommers: ½Δ0² = g²([Φ²] - [Φ]²) at μ = 0, Δ∞ =
    0."""
    def f(d):
        var_Phi = (gauss_avg(lambda x: Phi(x) ** 2, 0.0, d)
                   - gauss_avg(Phi, 0.0, d) ** 2)
        return 0.5 * d**2 - g**2 * var_Phi

    return brentq(f, 1e-6, 10 * g**2)


@pytest.mark.parametrize("g", [1.2, 1.5, 2.0, 3.0])
def test_plain_random_network_reduces_to_scs(g):
    sol = RankOne(g).solve("chaotic", kappa0=0.0)
    assert sol.converged
    # Δ∞ = 0 exactly in theory; the Δ∞ equation is flat there near g = 1 (slope
    # ~1e-2), so a residual ≤ 1e-12 leaves Δ∞ ~ 1e-10 (1.2e-10 with numpy 1.24 at
    # g = 1.2)
    assert abs(sol.delta_inf) < 1e-9
    assert np.isclose(sol.delta0, _scs_delta0(g), rtol=1e-9)


def test_plain_random_network_below_one_is_silent():
    sol = RankOne(0.8).solve()
    assert sol.converged and sol.kappa == 0 and sol.delta0 < 1e-12


def test_critical_couplings_of_the_paper_example():
    """The values quoted in the README and the closing note (3 digits)."""
    def radius_minus_one(g):
        return paper(g).solve(kappa0=1.0).bulk_radius - 1

    g_c1 = brentq(radius_minus_one, 1.5, 2.0, xtol=1e-10)

    def collapse(g):
        d0 = paper(g).solve("chaotic", kappa0=0.0).delta0
        return 2.2 * gauss_avg(dphi, 0.0, d0) - 1

    g_c2 = brentq(collapse, 1.9, 2.5, xtol=1e-10)
    assert round(g_c1, 3) == 1.796
    assert round(g_c2, 3) == 2.136
    # consistency: the chaotic ±κ branch is born at g_c1 from the stationary one ...
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MeanFieldConvergenceWarning)
        below = paper(g_c1 - 0.01).solve("chaotic", kappa0=0.6)
    above = paper(g_c1 + 0.01).solve("chaotic", kappa0=0.6)
    assert not below.converged
    assert above.converged and 0 < above.delta_temporal < 0.05
    # ... and dies at g_c2, where its κ goes to zero continuously
    near = paper(g_c2 - 0.01).solve("chaotic", kappa0=0.3)
    assert near.converged and 0 < near.kappa < 0.1


def test_no_chaos_below_transition_is_reported():
    with pytest.warns(MeanFieldConvergenceWarning, match="did not converge"):
        sol = paper(0.5).solve("chaotic", kappa0=1.0)
    assert not sol.converged and not sol.stable


def test_chaotic_solution_properties():
    sol = paper(2.0).solve("chaotic", kappa0=0.5)
    assert sol.converged and sol.residual < 1e-10
    assert 0 < sol.delta_inf < sol.delta0
    # the quenched variance is at least the structured part Σ_m² κ²
    assert sol.delta_inf >= sol.delta_structured
    tau = np.linspace(0, 30, 301)
    d = autocorrelation_theory(sol, tau)
    assert np.isclose(d[0], sol.delta0)
    assert np.all(np.diff(d) <= 1e-9)
    assert abs(d[-1] - sol.delta_inf) < 1e-3 * sol.delta0


def test_readout_selectivity():
    sol = RankOne(0.0, m_var=1.0, n_var=1.0, input_var=1.0, n_input_cov=0.6).solve()
    assert sol.kappa > 0
    assert readout_theory(sol, w_m_cov=1.0) > 0
    assert readout_theory(sol, w_m_cov=0.0) == 0


def test_sweep_branches_and_failed_points_not_drawn():
    sw = PAPER_SPONTANEOUS.sweep("g", np.array([0.5, 1.5, 2.0, 2.5]))
    st, ch = sw.stationary, sw.chaotic
    assert st.exists[0].all() and st.stable[0, [0, 2]].all() and not st.stable[0, 1]
    assert not ch.exists[0].any()  # no chaos at g = 0.5
    # chaotic ±κ at g = 2, homogeneous chaos at 2.5
    assert ch.exists[2, [0, 2]].all() and ch.stable[2, [0, 2]].all()
    assert ch.exists[3, 1] and not ch.exists[3, [0, 2]].any()
    assert np.all(np.isnan(ch.kappa[~ch.exists]))


def test_default_chaotic_solve_returns_the_stable_state_between_the_pitchforks():
    """At g = 2.1 (between the stationary pitchfork and g_c2 ≈ 2.136) the largest
    stationary κ is 0; the default chaotic solve used to return its unstable chaotic
    continuation instead of the stable +κ state."""
    sol = PAPER_SPONTANEOUS.with_(g=2.1).solve("chaotic")
    assert sol.converged and sol.stable and sol.kappa > 0.1
    ref = PAPER_SPONTANEOUS.with_(g=2.1).solve("chaotic", kappa0=0.3)
    assert abs(sol.kappa - ref.kappa) < 1e-8
    # where κ = 0 is the stable chaotic state, it is still what comes back
    above = PAPER_SPONTANEOUS.with_(g=2.5).solve("chaotic")
    assert above.stable and abs(above.kappa) < 1e-6


def test_sweep_keeps_branches_apart_just_below_the_chaotic_pitchfork():
    """Just below g_c2 ≈ 2.1358 the κ = 0 branch is degenerate (F'(0) → 1): the middle
    slot, warm-started at κ = 0, used to land on the ±κ solution, which then went
    missing from its own slot (and κ = 0 from the diagram)."""
    # (points of notebook 04's grid: the failure depended on the continuation path)
    g = np.array([0.02 + 3.38 * 20 / 35, 0.02 + 3.38 * 21 / 35, 2.1348, 2.1368, 2.2])
    ch = PAPER_SPONTANEOUS.sweep("g", g).chaotic
    lower, middle, upper = (ch.slot(s) for s in ("lower", "middle", "upper"))
    assert middle.exists.all() and np.all(np.abs(middle.kappa) < 1e-6)  # I = 0: κ = 0
    below = g < 2.1358
    assert lower.exists[below].all() and upper.exists[below].all()
    assert np.all(lower.kappa[below] < -1e-3) and np.all(upper.kappa[below] > 1e-3)
    assert np.allclose(lower.kappa[below], -upper.kappa[below], atol=1e-6)  # symmetry
    assert not middle.stable[below].any() and middle.stable[~below].all()
    assert not (lower.exists[~below].any() or upper.exists[~below].any())


@pytest.mark.parametrize(
    "kwargs, exc, word",
    [
        (dict(g=-1.0), ValueError, "g"),
        (dict(g=np.inf), ValueError, "g"),
        (dict(g=1.0, m_var=-1.0), ValueError, "m_var"),
        (dict(g=1.0, m_var=1.0, n_var=1.0, mn_cov=2.0), ValueError,
         "positive semi-definite"),
        (dict(g=1.0, regime="chaos"), ValueError, "regime"),
        (dict(g="1"), TypeError, "g"),
    ],
)
def test_bad_arguments_are_named(kwargs, exc, word):
    regime = kwargs.pop("regime", "stationary")
    with pytest.raises(exc, match=word):
        RankOne(**kwargs).solve(regime)


def test_unknown_parameter_is_named():
    with pytest.raises(TypeError, match="rho"):
        RankOne(1.0, rho=0.5)


def test_sweep_parameter_as_function_of_swept_value():
    """An input c·I moves n_input_cov and input_var together."""
    c = np.array([0.0, 0.5, 1.0])
    base = RankOne(0.5, m_var=1.0, n_var=1.0)
    sw = base.sweep("n_input_cov", 0.6 * c, input_var=lambda v: (v / 0.6) ** 2,
                    chaotic=False)
    direct = base.with_(n_input_cov=0.6, input_var=1.0).solve()
    assert np.isclose(np.nanmax(sw.stationary.kappa[2]), direct.kappa)


# --------------------------------------------------------------------------- #
# issue 16: bounded time, exact double root, honest residuals
# --------------------------------------------------------------------------- #
def test_huge_variances_answer_quickly_and_correctly():
    """With the bounded quadrature, n_var = 1e8 is an ordinary problem: answered in
    well under 10 s (it used to scan for minutes), and the ±κ roots satisfy
    1 = σ_mn [φ'](0, Δ0), with [φ'](0, Δ) → sqrt(2/(π Δ)) for Δ → ∞ (checked against
    that asymptote independently)."""
    import time

    t0 = time.perf_counter()
    model = RankOne(1.0, m_var=1.0, n_var=1e8, mn_cov=9e3)
    roots = model.solutions()
    sol = model.solve()
    assert time.perf_counter() - t0 < 10.0
    kappas = sorted(r.kappa for r in roots)
    assert len(roots) == 3 and kappas[1] == 0.0 and sol.converged
    expected = 9e3 * np.sqrt(2 / np.pi)  # |κ| with Δ0 ≈ κ², to O(1/κ²)
    assert kappas[2] == pytest.approx(expected, rel=1e-3)
    assert kappas[0] == pytest.approx(-expected, rel=1e-3)
    assert abs(sol.kappa) == pytest.approx(expected, rel=1e-3)


def test_double_root_at_the_transition_is_exact():
    """At g = 1 without structure Δ0 = [φ²](0, Δ0) has the double root 0 only."""
    sol = RankOne(1.0).solve()
    assert sol.converged and sol.delta0 == 0.0


@pytest.mark.parametrize("g, kappa0", [(1.9, 0.6), (2.5, 0.0), (3.0, 0.0)])
def test_chaotic_residual_is_what_a_finer_quadrature_measures(g, kappa0):
    """Re-evaluate the chaotic equations with nested averages on a 3x finer grid
    (independent of the solver's grid) and compare with the reported residual."""
    from lrnn_utils.gaussian import nested_avg, nested_var, phi as tanh_phi

    sol = paper(g).solve("chaotic", kappa0=kappa0)
    assert sol.converged
    d0, dinf, mu, k = sol.delta0, sol.delta_inf, sol.mu, sol.kappa
    order = 20 * int(np.ceil(3 * 2 * 9.0 * np.sqrt(d0) / 0.4 / 20)) + 1
    ds = PAPER_SPONTANEOUS.m_var * k**2
    c_phi = float(nested_avg(tanh_phi, mu, d0, dinf, order=order))
    var_Phi = float(nested_var(Phi, mu, d0, dinf, order=order))
    r_dinf = dinf - ds - g**2 * c_phi
    r_energy = 0.5 * (d0**2 - dinf**2) - g**2 * var_Phi - ds * (d0 - dinf)
    assert max(abs(r_dinf), abs(r_energy)) < max(10 * sol.residual, 1e-10)


def test_static_variance_reports_non_convergence():
    """One Newton step does not reach the root (0.793 at g = 1.5): converged must say
    so."""
    from lrnn_utils.meanfield import static_variance

    full = static_variance(1.5, 0.0, 0.0)
    assert full.converged and full.residual < 1e-10
    short = static_variance(1.5, 0.0, 0.0, max_iter=1)
    assert not short.converged and short.residual > 1e-6
