"""Exercise checkers for coursework.

Each notebook has a module ``lrnn_utils.checks.nbNN`` with one function per
exercise, e.g. ``from lrnn_utils.checks import nb02 as checks`` then
``checks.exercise_1(answer)``. A checker prints plain-language feedback — what is
right, or what to look at — without revealing the solution, and returns True or
False. Passing ``...`` (an unfinished stub) raises ``NotImplementedError``.

The shared machinery is in :mod:`lrnn_utils.checks._core`.
"""

from ._core import Feedback, check_close, not_done

__all__ = ["Feedback", "check_close", "not_done"]
