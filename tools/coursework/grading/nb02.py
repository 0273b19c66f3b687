"""Grading tests of notebook 02 (the rank-one RNN). See :mod:`tools.coursework.grading`.

Reference values were computed once from the reference solutions (numpy 1.26, the
inputs built below with fixed seeds) and pasted here.
"""

from . import Mistake, Test

TESTS = {
    1: Test(
        visible="assert callable(heard), 'define heard(x, m, n)'",
        hidden='''
_r = np.random.default_rng(20261)
for _N, _ref in ((300, 0.4191160639222919), (50, 0.3078780410236562)):
    _m = _r.standard_normal(_N)
    _n = 0.6 + 0.5 * _m + _r.standard_normal(_N)
    _x = 0.2 + 0.9 * _m + _r.standard_normal(_N)
    _got = float(heard(_x, _m, _n))
    assert abs(_got - _ref) < 1e-6 * abs(_ref), f"heard at N = {_N}"
''',
        mistakes=(
            Mistake("formula", "n @ np.tanh(x)", "n @ x", "activation instead of rate"),
            Mistake("1/N", "/ x.size", "/ np.sqrt(x.size)"),
            Mistake("transpose", "return n @", "return m @", "listens along m"),
        ),
    ),
    2: Test(
        visible="assert callable(fixed_point), 'define fixed_point(overlap)'",
        hidden='''
for _overlap, _ref in ((1.5, 0.8434173989629309), (2.5, 1.7888655463677474),
                       (3.0, 2.222314069930314)):
    _got = abs(float(fixed_point(_overlap)))
    assert abs(_got - _ref) < 1e-6 * _ref, f"fixed_point({_overlap})"
''',
        mistakes=(
            Mistake("formula", "- 1 / overlap", "- overlap"),
            Mistake("formula", "dphi, 0.0, k**2", "dphi, 0.0, k", "variance k, not k²"),
        ),
    ),
    3: Test(
        visible="assert callable(mean_residual), "
                "'define mean_residual(k, m_mean, n_mean, m_var)'",
        hidden='''
for _args, _ref in (((0.8, 1.0, 2.0, 1.0), 0.2112542653059688),
                    ((1.6, 0.5, 3.0, 2.0), -0.8264704302301265),
                    ((-0.5, 1.5, 1.2, 0.5), -0.21071409782917694)):
    _got = float(mean_residual(*_args))
    assert abs(_got - _ref) < 1e-6 * abs(_ref), f"mean_residual{_args}"
''',
        mistakes=(
            Mistake("formula", "m_var * k**2", "m_var * k", "variance Σ²k, not Σ²k²"),
            Mistake("other-parameters", "n_mean * gauss_avg", "m_mean * gauss_avg"),
            Mistake("sign", "k**2) - k", "k**2) + k"),
        ),
    ),
    4: Test(
        visible="assert callable(structured_share), 'define structured_share(x, m)'",
        hidden='''
_r = np.random.default_rng(20264)
for _N, _a, _mu, _ref in ((400, 1.1, 0.0, 0.6592906289861831),
                          (150, -0.5, 0.6, 0.0973981542178001)):
    _m = 0.3 + _r.standard_normal(_N)
    _x = _a * _m + 0.8 * _r.standard_normal(_N) + _mu
    _got = float(structured_share(_x, _m))
    assert abs(_got - _ref) < 1e-6 * _ref, f"structured_share at N = {_N}"
''',
        mistakes=(
            Mistake("formula", "(x @ m) ** 2", "abs(x @ m)", "not squared"),
            Mistake("1/N", "(x @ x)", "x.size", "divided by N instead of |x|²"),
        ),
    ),
    5: Test(
        visible="assert callable(loop_vectors), 'define loop_vectors(u, w)'",
        hidden='''
_r = np.random.default_rng(20265)
for _N in (40, 90):
    _u = _r.uniform(-1, 1, _N)
    _w = _r.standard_normal(_N) / _N
    _m, _n = (np.ravel(np.asarray(_v, dtype=float)) for _v in loop_vectors(_u, _w))
    assert _m.shape == _n.shape == (_N,), "m and n must have length N"
    # any (c m, n / c) is right: compare the matrices m nᵀ/N and u wᵀ themselves
    assert np.allclose(np.outer(_m, _n) / _N, np.outer(_u, _w), rtol=1e-9,
                       atol=1e-12), f"m nᵀ/N = u wᵀ at N = {_N}"
''',
        mistakes=(
            Mistake("1/N", "u.size * w", "w", "forgot the 1/N convention"),
            Mistake("transpose", "return u, u.size * w", "return u.size * w, u"),
        ),
    ),
}
