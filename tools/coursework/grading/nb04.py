"""Grading tests of notebook 04 (dynamical mean-field theory). See
:mod:`tools.coursework.grading`.

Reference values computed once from the reference solutions (deterministic code on
inputs the tests build with fixed seeds).
"""

from . import Mistake, Test

TESTS = {
    1: Test(
        visible="assert callable(predict_delta0), 'define predict_delta0(x, m, kappa, "
                "g)'",
        hidden='''
_r = np.random.default_rng(2024)
_m = 0.9 + 0.6 * _r.standard_normal(400)
_x = 0.8 * _m + 0.5 * _r.standard_normal(400)
# rtol 3e-3 also accepts Var(m) with ddof=1 (relative change < 1e-3 here)
for _k, _g, _ref in ((0.8, 1.3, 0.9259638029899325), (-0.5, 0.6, 0.23802100467546272)):
    _v = float(predict_delta0(_x.copy(), _m.copy(), _k, _g))
    assert abs(_v / _ref - 1) < 3e-3, f"predict_delta0(..., kappa={_k}, g={_g}) = {_v}"
''',
        mistakes=(
            Mistake("formula", "np.var(m) * kappa**2", "np.mean(m**2) * kappa**2",
                    "second moment of m instead of its variance"),
            Mistake("1/N", "g**2 * np.mean", "g * np.mean", "g instead of g²"),
        ),
    ),
    2: Test(
        visible="assert callable(stein_terms), 'define stein_terms(model, kappa, "
                "delta0)'",
        hidden='''
_cases = (
    (RankOne(0.7, m_mean=0.8, n_mean=1.3, m_var=1.0, n_var=2.0, mn_cov=0.7), 0.6, 1.4,
     (0.3334900258052241, 0.21634199892441539)),
    (RankOne(1.1, m_mean=-0.4, n_mean=0.9, m_var=2.0, n_var=1.5, mn_cov=1.2), -1.1, 0.5,
     (0.27955669121576243, -0.8795598760926086)),
)
for _model, _k, _d, _ref in _cases:
    _v = [float(t) for t in stein_terms(_model, _k, _d)]
    assert len(_v) == 2, "stein_terms returns two terms"
    for _a, _b in zip(_v, _ref):
        assert abs(_a - _b) < 1e-6 * abs(_b), f"stein_terms(..., {_k}, {_d}) = {_v}"
''',
        mistakes=(
            Mistake("transpose", "mu = model.m_mean * kappa",
                    "mu = model.n_mean * kappa",
                    "the population mean from the mean of n"),
            Mistake("formula", "model.mn_cov * kappa *", "model.mn_cov *",
                    "Cov(n, x) without the factor κ"),
            Mistake("formula", "gauss_avg(phi, mu, delta0)",
                    "gauss_avg(dphi, mu, delta0)",
                    "[φ'] in the mean term"),
        ),
    ),
    3: Test(
        visible="assert callable(critical_overlap), 'define critical_overlap(g)'",
        hidden='''
for _g, _ref in ((0.6, 1.0), (1.7, 1.732874319956967), (2.8, 2.915131663505215)):
    _v = float(critical_overlap(_g))
    assert abs(_v - _ref) < 1e-6 * _ref, f"critical_overlap({_g}) = {_v}"
''',
        mistakes=(
            Mistake("other-parameters", '"chaotic"', '"stationary"',
                    "Δ0 of the unstable stationary κ = 0 state"),
            Mistake("formula", "return 1 / gauss_avg(dphi, 0.0, d0)",
                    "return gauss_avg(dphi, 0.0, d0)",
                    "the gain instead of its inverse"),
        ),
    ),
    4: Test(
        visible="assert callable(quenched_variance), 'define quenched_variance(x)'",
        hidden='''
_r = np.random.default_rng(99)
_x = (0.5 + 0.8 * _r.standard_normal(250)
      + 0.3 * np.cos(np.linspace(0, 5, 90))[:, None]
      + 0.6 * _r.standard_normal((90, 250)))
_v = float(quenched_variance(_x.copy()))
_ref = 0.6095234652777133
# the ddof=1 estimator across neurons (factor N/(N-1)) is as right
assert min(abs(_v / _ref - 1), abs(_v / (_ref * 250 / 249) - 1)) < 1e-6, _v
''',
        mistakes=(
            Mistake("axis", "xbar = x.mean(axis=0)", "xbar = x.mean(axis=1)",
                    "time course of the population mean"),
            Mistake("formula", "np.mean((xbar - x.mean()) ** 2)", "np.mean(xbar**2)",
                    "population mean not subtracted"),
        ),
    ),
}
