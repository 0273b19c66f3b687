"""Graded coursework: the hidden tests of every exercise, and the mistakes they must catch.

One module per notebook, ``tools/coursework/grading/nbNN.py``, defines ``TESTS``: a dict
``{exercise number: Test}``. The points come from the notebook itself: the first line under
each exercise heading reads (the canonical forms)::

    **3 points** (2 autograded, 1 written) · difficulty 2/3 · about 15 min
    **2 points** (autograded) · difficulty 1/3 · about 10 min
    **2 points** (written) · difficulty 1/3 · about 5 min

:func:`exercise_points` parses it. The autograded points are earned by the exercise's test
cell (``Test.visible`` then ``Test.hidden``, run right after the exercise's last solution
cell); the written points are split over the exercise's ``answer`` cells, graded by hand.

The hidden tests compare what the student's code produces with **stored reference values**
(literals in the test, computed once from the reference solution), on inputs the test
chooses. They never import ``lrnn_utils.checks`` (a student can replace it at run time) and
never call a library function that returns the answer.

``Test.mistakes`` are typical wrong answers, each a text replacement in the exercise's
solution code; the grading self-check (:mod:`tools.coursework.gradecheck`) applies each and
requires that the exercise's test then fails, and that the unmodified reference passes.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

__all__ = ["KINDS", "Mistake", "Test", "Points", "exercise_points", "load_tests"]

KINDS = frozenset({
    "sign",              # a flipped sign
    "1/N",               # a forgotten, extra or wrong normalisation (1/N, 1/sqrt(N), g vs g^2)
    "transpose",         # a transposed matrix / swapped vectors (m for n)
    "axis",              # a reduction over the wrong axis
    "constant",          # a hard-coded number instead of code (the answer for one input)
    "other-parameters",  # the right formula evaluated with other parameters than asked
    "formula",           # another wrong formula (x for phi(x), mean for variance, ...)
})
"""The kinds of typical mistakes a ``Mistake`` can stand for."""


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: ``old`` replaced by ``new`` in the exercise's solution code.

    ``old`` must occur exactly once in the exercise's solution code cells (checked).
    """

    kind: str
    old: str
    new: str
    note: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Mistake.kind must be one of {sorted(KINDS)}, got {self.kind!r}")
        if not self.old or self.old == self.new:
            raise ValueError("Mistake.old must be non-empty and differ from Mistake.new")


@dataclass(frozen=True)
class Test:
    """The autograded test of one exercise.

    Attributes
    ----------
    hidden : str
        Python source: asserts against stored reference values; removed from the released
        notebook (nbgrader ``### BEGIN/END HIDDEN TESTS``) and restored at autograding.
    visible : str
        Python source the student sees in the test cell (that the names exist, shapes,
        types): a quick sanity check, never the reference values.
    mistakes : tuple of Mistake
        Typical wrong answers the hidden test must reject.
    """

    __test__ = False  # not a pytest test class (tests/test_grading.py imports it)

    hidden: str
    visible: str = ""
    mistakes: tuple[Mistake, ...] = ()

    def __post_init__(self):
        if "lrnn_utils.checks" in self.hidden + self.visible or re.search(
            r"\bchecks\.", self.hidden + self.visible
        ):
            raise ValueError("a grading test must not use the student's checkers "
                             "(lrnn_utils.checks): compare with stored reference values")
        compile(self.visible + "\n" + self.hidden, "<grading test>", "exec")


@dataclass(frozen=True)
class Points:
    """What the line under an exercise heading states."""

    total: int
    autograded: int
    written: int
    difficulty: int
    minutes: int


_POINTS = re.compile(
    r"^\s*\*\*(?P<total>\d+)\s+points?\*\*\s*"
    r"\((?:(?P<auto>\d+)\s+autograded(?:,\s*(?P<written>\d+)\s+written)?"
    r"|(?P<auto_only>autograded)|(?P<written_only>written))\)\s*"
    r"·\s*difficulty\s+(?P<difficulty>[123])/3\s*·\s*about\s+(?P<minutes>\d+)\s+min\s*$",
    re.MULTILINE,
)


def exercise_points(heading_source: str) -> Points | None:
    """Parse the points line of an exercise heading cell (None if it has none).

    Raises
    ------
    ValueError
        If the parts do not add up to the total.
    """
    m = _POINTS.search(heading_source)
    if m is None:
        return None
    total = int(m["total"])
    if m["auto_only"]:
        auto, written = total, 0
    elif m["written_only"]:
        auto, written = 0, total
    else:
        auto = int(m["auto"])
        written = int(m["written"]) if m["written"] else 0
    if auto + written != total:
        raise ValueError(f"points line {m.group(0).strip()!r}: {auto} + {written} != {total}")
    return Points(total, auto, written, int(m["difficulty"]), int(m["minutes"]))


def load_tests(number: int | str) -> dict[int, Test]:
    """``TESTS`` of ``tools/coursework/grading/nbNN.py`` (``{}`` if there is no such module)."""
    name = f"{__name__}.nb{int(number):02d}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return {}
        raise
    tests = getattr(module, "TESTS")
    for k, t in tests.items():
        if not isinstance(k, int) or not isinstance(t, Test):
            raise TypeError(f"{name}.TESTS must map exercise numbers to Test, got {k!r}: {t!r}")
    return dict(tests)
