"""Grading tests of notebook 01 (rank, outer products and the SVD).

See :mod:`tools.coursework.grading`. Exercises 1, 2, 4 and 5 also have written points
(graded by hand).
"""

from . import Mistake, Test

TESTS = {
    1: Test(
        visible="assert callable(low_rank_velocity), "
                "'define low_rank_velocity(x, M, Nv)'",
        hidden='''
_r = np.random.default_rng(20271)
_M, _Nv = _r.standard_normal((2, 50, 2))
_x = _r.standard_normal(50)
_v = np.asarray(low_rank_velocity(_x.copy(), _M.copy(), _Nv.copy()), dtype=float)
assert _v.shape == (50,), "low_rank_velocity must return an N-vector"
assert abs(_v[0] - 0.184200714040) < 1e-6, "entry 0"
assert abs(_v[17] - 2.006655283483) < 1e-6, "entry 17"
assert abs(np.sum(_v**2) - 51.313414176734) < 1e-6 * 51.3, "norm"
''',
        mistakes=(
            Mistake("1/N", "/ len(x)", "", note="κ without the 1/N"),
            Mistake("formula", "np.tanh(x)", "x", note="P applied to x, not to φ(x)"),
        ),
    ),
    2: Test(
        visible="assert callable(overlap_eigenvalues), "
                "'define overlap_eigenvalues(M, Nv)'",
        hidden='''
_r = np.random.default_rng(20272)
_M = _r.standard_normal((40, 2))
_Nv = _M @ np.array([[0.3, -1.0], [0.8, 0.2]]) + 0.5 * _r.standard_normal((40, 2))
_lam = np.sort_complex(np.asarray(overlap_eigenvalues(_M, _Nv), dtype=complex).ravel())
assert _lam.size == 2, "two nonzero eigenvalues for R = 2"
assert np.allclose(_lam.real, 0.197485776701, atol=1e-6), "real parts"
assert np.allclose(np.abs(_lam.imag), 0.840660612914, atol=1e-6), "imaginary parts"
_r = np.random.default_rng(20273)
_M1 = _r.standard_normal((25, 1))
_N1 = 0.6 * _M1 + _r.standard_normal((25, 1))
_lam1 = np.asarray(overlap_eigenvalues(_M1, _N1), dtype=complex).ravel()
assert _lam1.size == 1 and abs(_lam1[0] - 0.622838476061) < 1e-6, "rank one"
''',
        mistakes=(
            Mistake("formula", "Nv.T @ M", "M.T @ M", note="the m's with themselves"),
            Mistake("1/N", "/ M.shape[0]", "", note="overlap matrix without the 1/N"),
        ),
    ),
    3: Test(
        visible="assert callable(best_rank), 'define best_rank(s, rel_err)'",
        hidden='''
_s = np.array([4.0, 2.0, 1.0, 0.5, 0.25, 0.1])
for _e, _ref in ((0.9, 1), (0.25, 2), (0.1, 4), (0.03, 5)):
    assert best_rank(_s.copy(), _e) == _ref, f"best_rank(s, {_e})"
''',
        mistakes=(
            Mistake("formula", "rel_err**2", "rel_err", note="rel_err not squared"),
            Mistake("formula", "s[R:]", "s[R + 1 :]", note="off by one"),
        ),
    ),
    4: Test(
        visible="assert callable(predicted_outlier), "
                "'define predicted_outlier(m_mean, n_mean, mn_cov)'",
        hidden='''
assert abs(predicted_outlier(1.5, -0.4, 0.9) - 0.3) < 1e-9, "means and covariance"
assert abs(predicted_outlier(0.0, 2.0, 1.3) - 1.3) < 1e-9, "covariance only"
assert abs(predicted_outlier(2.0, 0.5, 0.0) - 1.0) < 1e-9, "means only"
''',
        mistakes=(
            Mistake("formula", "m_mean * n_mean + mn_cov", "m_mean * n_mean",
                    note="the correlated-fluctuation term forgotten"),
            Mistake("sign", "+ mn_cov", "- mn_cov"),
        ),
    ),
    5: Test(
        visible="assert callable(outlier_residual), "
                "'define outlier_residual(lam, J0, m, n)'",
        hidden='''
_r = np.random.default_rng(20275)
_J0 = 0.9 * _r.standard_normal((30, 30)) / np.sqrt(30)
_m = 1.0 + _r.standard_normal(30)
_n = 0.7 * _m + _r.standard_normal(30)
for _lam, _ref in ((1.7, 0.072223975870), (-2.2, -1.826877905949)):
    _res = float(outlier_residual(_lam, _J0.copy(), _m.copy(), _n.copy()))
    assert abs(_res - _ref) < 1e-6, f"outlier_residual at λ = {_lam}"
''',
        mistakes=(
            Mistake("sign", "lam * np.eye(N) - J0", "J0 - lam * np.eye(N)"),
            Mistake("1/N", "n @ v / N - 1", "n @ v - 1"),
        ),
    ),
}
