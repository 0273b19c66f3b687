"""Grading tests of notebook 02 (the rank-one RNN). See :mod:`tools.coursework.grading`."""

from . import Mistake, Test

TESTS = {
    2: Test(
        visible="assert callable(fixed_point), 'define fixed_point(overlap)'",
        hidden='''
for _overlap, _ref in ((1.5, 0.8434173989629), (3.0, 2.2223140699303)):
    assert abs(fixed_point(_overlap) - _ref) < 1e-6, f"fixed_point({_overlap})"
''',
        mistakes=(Mistake("formula", "- 1 / overlap", "- overlap"),),
    ),
}
