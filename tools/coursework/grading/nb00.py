"""Grading tests of notebook 00 (why low rank?). See :mod:`tools.coursework.grading`.

Exercise 2 also has written points (graded by hand), Exercises 3 and 4 too.
"""

from . import Mistake, Test

TESTS = {
    1: Test(
        visible="assert callable(participation_ratio), 'define participation_ratio(x)'",
        hidden='''
_r = np.random.default_rng(20261)
_x1 = _r.standard_normal((200, 12)) * np.linspace(2.0, 0.2, 12) + 3.0
_x2 = _r.standard_normal((30, 50)) + np.linspace(-1, 1, 50)
for _x, _ref in ((_x1, 7.197997152162), (_x2, 17.757107843807)):
    _pr = float(participation_ratio(_x.copy()))
    assert abs(_pr - _ref) < 1e-6 * _ref, f"participation_ratio on shape {_x.shape}"
''',
        mistakes=(
            Mistake("axis", "x.mean(axis=0)", "x.mean(axis=1, keepdims=True)"),
            Mistake("formula", "np.linalg.eigvalsh(cov)",
                    "np.sqrt(np.abs(np.linalg.eigvalsh(cov)))",
                    note="standard deviations instead of variances"),
        ),
    ),
    2: Test(
        visible="assert callable(ellipse_pr), 'define ellipse_pr(eps)'",
        hidden='''
for _eps, _ref in ((0.3, 1.178553714909), (1.7, 1.618043006384)):
    assert abs(float(ellipse_pr(_eps)) - _ref) < 1e-6 * _ref, f"ellipse_pr({_eps})"
''',
        mistakes=(
            Mistake("formula", "eps**4", "eps**2",
                    note="amplitudes instead of variances in the denominator"),
            Mistake("constant", "return (1 + eps**2) ** 2 / (1 + eps**4)",
                    "return 1.4705882352941178", note="the value at eps = 0.5 only"),
        ),
    ),
    3: Test(
        visible="assert callable(spectral_moments), 'define spectral_moments(J)'",
        hidden='''
_r = np.random.default_rng(20263)
_J1 = _r.standard_normal((20, 20)) / np.sqrt(20)
_J2 = np.triu(_r.standard_normal((6, 6)))
for _J, _ref in ((_J1, (16.99451153069, 31.048140605916)),
                 (_J2, (19.859005611097, 166.094864474174))):
    _S2, _S4 = (float(v) for v in spectral_moments(_J.copy()))
    assert abs(_S2 - _ref[0]) < 1e-6 * _ref[0], f"S2 of a {_J.shape} matrix"
    assert abs(_S4 - _ref[1]) < 1e-6 * _ref[1], f"S4 of a {_J.shape} matrix"
''',
        mistakes=(
            Mistake("transpose", "J @ J.T", "J @ J", note="J² instead of J Jᵀ"),
            Mistake("formula", "np.sum(gram**2)", "np.sum(J**4)"),
        ),
    ),
    4: Test(
        visible="assert callable(io_alignment), 'define io_alignment(...)'",
        hidden='''
_r = np.random.default_rng(20264)
_u = np.linalg.qr(_r.standard_normal((40, 3)))[0]
_v = np.linalg.qr(_r.standard_normal((40, 3)))[0]
_dJ = (_u * [3.0, 2.0, 1.0]) @ _v.T + 0.05 * _r.standard_normal((40, 40))
_w_in = _v[:, 1] + 0.5 * _r.standard_normal(40) / np.sqrt(40)
_w_out = _u[:, 0] + _u[:, 2] + 0.5 * _r.standard_normal(40) / np.sqrt(40)
_f_in, _f_out = (float(v) for v in io_alignment(_dJ, _w_in, _w_out, 2))
assert abs(_f_in - 0.889515606643) < 1e-6, "frac_in"
assert abs(_f_out - 0.680864203827) < 1e-6, "frac_out"
''',
        mistakes=(
            Mistake("transpose", "Vt_[:R] @ w_in", "U_[:, :R].T @ w_in",
                    note="left and right singular vectors swapped"),
            Mistake("axis", "U_[:, :R].T @ w_out", "U_[:R] @ w_out",
                    note="rows of U instead of its columns"),
        ),
    ),
}
