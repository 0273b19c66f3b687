"""Grading tests of notebook 05 (inputs and selectivity). See
:mod:`tools.coursework.grading`.

Reference values computed once from the reference solutions; the saddle-node of
Exercise 3 to the ±0.005 the exercise asks for (true value 0.25749 from the minimum of
F(κ) - κ).
"""

from . import Mistake, Test

TESTS = {
    1: Test(
        visible="assert callable(kappa_no_bulk), 'define kappa_no_bulk(c)'",
        hidden='''
for _c, _ref in ((0.3, 0.3463300431124595), (1.7, 0.8050482619876076)):
    _v = float(kappa_no_bulk(_c))
    assert abs(_v / _ref - 1) < 1e-6, f"kappa_no_bulk({_c}) = {_v}"
''',
        mistakes=(
            Mistake("formula", "+ c**2 * SIGMA_I**2", "+ SIGMA_I**2",
                    "the input's variance without c²"),
            Mistake("formula", "kappa = c * SIGMA_I**2 * gauss_avg",
                    "kappa = c * SIGMA_I * gauss_avg", "σ_nI with Σ_I instead of Σ_I²"),
        ),
    ),
    2: Test(
        visible="assert callable(susceptibility), 'define susceptibility(rho2)'",
        hidden='''
for _r2, _ref in ((0.3, 2.0571428571428574), (0.7, 4.799999999999999)):
    _v = float(susceptibility(_r2))
    assert abs(_v / _ref - 1) < 1e-6, f"susceptibility({_r2}) = {_v}"
''',
        mistakes=(
            Mistake("sign", "/ (1 - rho2)", "/ (1 + rho2)", "negative feedback"),
            Mistake("formula", "return SIGMA_I**2 /", "return SIGMA_I /",
                    "Σ_I instead of Σ_I²"),
        ),
    ),
    3: Test(
        visible="assert float(c_star_ex3) > 0, 'c_star_ex3 is a positive strength'",
        hidden='''
assert abs(float(c_star_ex3) - 0.2574946947822) < 0.005, f"c* = {c_star_ex3}"
''',
        mistakes=(
            Mistake("other-parameters", "input_task(mid, 1.6)", "input_task(mid, 2.0)",
                    "the notebook's ρ = 2 instead of 1.6"),
            Mistake("formula", "solutions()) == 3:", "solutions()) == 1:",
                    "bisection that moves the wrong end"),
        ),
    ),
    4: Test(
        visible="assert callable(p_yes_model), 'define p_yes_model(c, sigma_p)'",
        hidden='''
for _c, _sp, _ref in ((0.55, 0.45, 0.3097681187201526),
                      (0.75, 0.2, 0.6763108332171777)):
    _v = float(p_yes_model(_c, _sp))
    assert abs(_v - _ref) < 1e-4, f"p_yes_model({_c}, {_sp}) = {_v}"
''',
        mistakes=(
            Mistake("formula", "extra_var=sigma_p**2 / 2", "extra_var=sigma_p**2",
                    "the white noise's variance without the leak's 1/2"),
            Mistake("sign", "(c - c_star) / SIGMA_C", "(c_star - c) / SIGMA_C",
                    "1 - P(yes)"),
        ),
    ),
}
