"""Grading tests of notebook 03 (variance scaling). See :mod:`tools.coursework.grading`.

Reference values were computed once from the reference solutions (inputs built below
with fixed seeds) and pasted here. Exercise 3 returns random draws: its test compares
the mean over 400 calls with the stored large-N value ``⟨nφ⟩ √N`` (``⟨nφ⟩ =
0.5495640548781355`` for ``a, b = 1, 0.6``; per-call s.d. 0.6457) within 5 standard
errors, so that any legitimate order of drawing ``n`` and ``z`` passes.
"""

from . import Mistake, Test

TESTS = {
    1: Test(
        visible="assert callable(input_std), 'define input_std(phi, g)'",
        hidden='''
_r = np.random.default_rng(20263)
for _N, _mu, _sd, _g, _ref in ((250, 0.7, 1.2, 0.8, 0.565192584423005),
                                (600, -0.9, 0.6, 1.4, 0.9835092698236498)):
    _p = np.tanh(_mu + _sd * _r.standard_normal(_N))
    _got = float(input_std(_p, _g))
    assert abs(_got - _ref) < 1e-6 * _ref, f"input_std at N = {_N}"
''',
        mistakes=(
            Mistake("formula", "np.mean(phi**2)", "np.var(phi)", "Var(φ), not ⟨φ²⟩"),
            Mistake("1/N", "g * np.sqrt", "g**2 * np.sqrt", "g² instead of g"),
        ),
    ),
    2: Test(
        visible="assert callable(kappa_limit), 'define kappa_limit(n_mean, mu, delta)'",
        hidden='''
for _args, _ref in (((1.5, 0.3, 0.8), 0.2876840994690584),
                    ((-0.6, 1.1, 2.0), -0.2947880131038665)):
    _got = float(kappa_limit(*_args))
    assert abs(_got - _ref) < 1e-6 * abs(_ref), f"kappa_limit{_args}"
''',
        mistakes=(
            Mistake("formula", "gauss_avg(phi, mu, delta)", "np.tanh(mu)", "φ(μ)"),
            Mistake("formula", "phi, mu, delta)", "phi, mu, np.sqrt(delta))", "s.d."),
        ),
    ),
    3: Test(
        visible="assert callable(input_sqrt), 'define input_sqrt(N, rng)'",
        hidden='''
_r = np.random.default_rng(20266)
for _N in (400, 1600):
    _v = np.array([float(np.ravel(input_sqrt(_N, _r))[0]) for _ in range(400)])
    _ref = 0.5495640548781355 * np.sqrt(_N)  # ⟨nφ⟩ √N
    assert abs(_v.mean() - _ref) < 5 * 0.6457 / np.sqrt(400), f"mean at N = {_N}"
    assert abs(_v.std() / 0.6457 - 1) < 0.2, f"spread at N = {_N}"
''',
        mistakes=(
            Mistake("1/N", "/ np.sqrt(N)", "/ N", "the lecture's 1/N scaling"),
            Mistake("formula", "np.tanh(a * n_d", "(a * n_d", "x instead of φ(x)"),
        ),
    ),
    4: Test(
        visible="assert callable(n_cross), "
                "'define n_cross(ratio, sigma_m, sigma_n, g)'",
        hidden='''
for _args, _ref in (((0.02, 1.2, 0.9, 0.7), 5951.020408163266),
                    ((0.1, 0.5, 2.0, 1.5), 44.444444444444436)):
    _got = float(n_cross(*_args))
    assert abs(_got - _ref) < 1e-6 * _ref, f"n_cross{_args}"
''',
        mistakes=(
            Mistake("formula", " ** 2  # ratio", "  # ratio", "forgot the square"),
            Mistake("1/N", "(ratio * g)", "(ratio * g**2)", "g² instead of g"),
        ),
    ),
}
