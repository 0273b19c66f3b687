"""Grading tests of notebook 06 (rank two). See :mod:`tools.coursework.grading`."""

from . import Mistake, Test

TESTS = {
    1: Test(
        visible="assert callable(overlap_matrix), 'define overlap_matrix(m, n)'",
        hidden='''
import numpy as _np
_rng = _np.random.default_rng(20261202)
_m = _rng.standard_normal((40, 3))
_n = _rng.standard_normal((40, 3)) + 0.5 * _m[:, ::-1]
_got = _np.asarray(overlap_matrix(_m, _n), dtype=float)
_ref = _np.array([[-0.196098897005, -0.290511981692, 0.455109820993],
                  [0.134694083448, 0.412338142386, -0.099852496499],
                  [0.523584416376, -0.357940172947, -0.21827749201]])
assert _got.shape == (3, 3), f"overlap_matrix returns shape {_got.shape}, not (R, R)"
assert _np.allclose(_got, _ref, rtol=1e-6, atol=1e-11), "overlap_matrix(m, n)"
''',
        mistakes=(
            Mistake("transpose", "n.T @ m", "m.T @ n"),
            Mistake("1/N", " / m.shape[0]", ""),
        ),
    ),
    2: Test(
        visible="assert callable(ring_radius), 'define ring_radius(a, m_var)'",
        hidden='''
for (_a, _v), _ref in (((1.6, 2.0), 0.670432205455), ((2.5, 0.5), 2.52983791693),
                       ((1.3, 1.0), 0.616136486584)):
    _got = float(ring_radius(_a, _v))
    assert abs(_got / _ref - 1) < 1e-6, f"ring_radius({_a}, {_v})"
''',
        mistakes=(
            Mistake("other-parameters", "m_var * r * r", "r * r"),
            Mistake("formula", "- 1 / a", "- a"),
        ),
    ),
    3: Test(
        visible="assert callable(cycle_period), 'define cycle_period(a, b)'\n"
                "float(T_meas)",
        hidden='''
for (_a, _b), _ref in (((1.5, 2.0), 4.71238898038), ((3.0, 0.5), 37.6991118431),
                       ((1.2, 1.0), 7.53982236862)):
    _got = float(cycle_period(_a, _b))
    assert abs(_got / _ref - 1) < 1e-6, f"cycle_period({_a}, {_b})"
# measured period of a finite network (N = 3000, Heun): within 3 % of 2π·1.5/2
assert abs(float(T_meas) / 4.71238898038 - 1) < 0.03, "T_meas"
''',
        mistakes=(
            Mistake("formula", "* a / b", "/ b"),
            Mistake("transpose", "2 * np.pi * a / b", "2 * np.pi * b / a"),
            Mistake("other-parameters", 'T_meas = periods["heun"]',
                    'T_meas = periods["euler"]'),
        ),
    ),
    4: Test(
        visible="float(r_kappa), float(lead)",
        hidden='''
assert abs(float(r_kappa) / 1.49493319228 - 1) < 1e-6, "r_kappa"
assert abs(float(lead) / 0.463647609001 - 1) < 1e-6, "lead"
''',
        mistakes=(
            Mistake("formula", "np.hypot(2.0, 1.0) / 2.0", "np.hypot(2.0, 1.0)"),
            Mistake("transpose", "np.arctan2(1.0, 2.0)", "np.arctan2(2.0, 1.0)"),
        ),
    ),
}
