"""The grading specs (tools/coursework/grading) and the pieces of their self-check.

Executing the graded notebooks is the job of the nbgrader end-to-end test (slow); these
tests are static and fast: the points lines parse, every mistake applies to its notebook's
solution code exactly once, the graded notebook has its test cells in the right places.
"""

from __future__ import annotations

import pytest

from tools.coursework.gradecheck import (
    TEST_TAG,
    apply_mistakes,
    graded_notebook,
    points_problems,
)
from tools.coursework.grading import Mistake, Points, Test, exercise_points, load_tests
from tools.coursework.pattern import find_exercises
from tools.coursework.student import REPO, read_notebook

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _md(src, tags=()):
    return {"cell_type": "markdown", "metadata": {"tags": list(tags)}, "source": src}


def _code(src, tags=()):
    return {"cell_type": "code", "metadata": {"tags": list(tags)}, "source": src,
            "outputs": [], "execution_count": None}


def _toy():
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        _code("from lrnn_utils.checks import nb02 as checks"),
        _md("### Exercise 1: a sum\n**3 points** (2 autograded, 1 written) · "
            "difficulty 1/3 · about 5 min"),
        _code("def f(x):\n    return ...\n", ["raises-exception"]),
        _md("*Your answer:*", ["answer"]),
        _code("def f(x):\n    return x + 1\n", ["solution"]),
        _md("## Next section"),
        _code("y = 2"),
    ]}


@pytest.mark.parametrize("line, expected", [
    ("**3 points** (2 autograded, 1 written) · difficulty 2/3 · about 15 min",
     Points(3, 2, 1, 2, 15)),
    ("**2 points** (autograded) · difficulty 1/3 · about 10 min", Points(2, 2, 0, 1, 10)),
    ("**1 point** (written) · difficulty 3/3 · about 5 min", Points(1, 0, 1, 3, 5)),
])
def test_points_line_forms(line, expected):
    assert exercise_points(f"### Exercise 1: x\n{line}\n\nTask text") == expected


def test_points_line_must_add_up_and_may_be_missing():
    with pytest.raises(ValueError, match="2 \\+ 2 != 3"):
        exercise_points("**3 points** (2 autograded, 2 written) · difficulty 1/3 · about 5 min")
    assert exercise_points("### Exercise 1: no points here") is None
    assert exercise_points("**3 points** · difficulty 4/3 · about 5 min") is None


def test_mistake_and_test_validation():
    with pytest.raises(ValueError, match="kind"):
        Mistake("typo", "a", "b")
    with pytest.raises(ValueError, match="differ"):
        Mistake("sign", "a", "a")
    with pytest.raises(ValueError, match="checkers"):
        Test(hidden="checks.exercise_1(f)")
    with pytest.raises(SyntaxError):
        Test(hidden="assert (")


def test_apply_mistakes_and_graded_notebook_on_a_toy():
    nb = _toy()
    tests = {1: Test(hidden="assert f(1) == 2", visible="assert callable(f)",
                     mistakes=(Mistake("sign", "x + 1", "x - 1"),))}
    mutated, which = apply_mistakes(nb, tests, 1)
    assert which == {1}
    assert "x - 1" in mutated["cells"][4]["source"] and "x + 1" in nb["cells"][4]["source"]
    assert apply_mistakes(nb, tests, 2)[1] == set()  # no second mistake: nothing applied
    graded = graded_notebook(nb, tests)
    kinds = [(c["cell_type"], c["metadata"].get("tags", [])) for c in graded["cells"]]
    assert ("code", ["raises-exception"]) not in kinds  # the stub is gone
    test_index = next(i for i, c in enumerate(graded["cells"])
                      if TEST_TAG in c["metadata"].get("tags", []))
    assert graded["cells"][test_index - 1]["metadata"]["tags"] == ["solution"]
    assert graded["cells"][test_index]["source"].startswith("assert callable(f)\n")
    assert points_problems(nb) == []
    bad = {1: Test(hidden="assert True", mistakes=(Mistake("sign", "return", "yield"),))}
    with pytest.raises(ValueError, match="occurs 2 times"):
        nb2 = _toy()
        nb2["cells"][4]["source"] = "def f(x):\n    return x\n    return 1\n"
        apply_mistakes(nb2, bad, 1)


def test_points_problems_on_a_toy():
    nb = _toy()
    nb["cells"][1]["source"] = "### Exercise 1: a sum"
    assert points_problems(nb) == ["Exercise 1: no points line under the heading"]
    nb["cells"][1]["source"] = ("### Exercise 1: a sum\n**2 points** (autograded) · "
                                "difficulty 1/3 · about 5 min")
    assert points_problems(nb) == ["Exercise 1: answer cell(s) but no written points"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_every_notebook_has_points_and_specs_that_apply(path):
    """Every exercise states its points; every autograded one has a test whose mistakes apply."""
    nb = read_notebook(path)
    assert points_problems(nb) == []
    tests = load_tests(path.stem[:2])
    for ex in find_exercises(nb):
        pts = exercise_points(nb["cells"][ex.heading]["source"]
                              if isinstance(nb["cells"][ex.heading]["source"], str)
                              else "".join(nb["cells"][ex.heading]["source"]))
        assert (ex.number in tests) == bool(pts.autograded), f"Exercise {ex.number}"
        if pts.autograded:
            assert len(tests[ex.number].mistakes) >= 2, f"Exercise {ex.number}"
    for k in range(1, max((len(t.mistakes) for t in tests.values()), default=0) + 1):
        apply_mistakes(nb, tests, k)  # raises if a mistake does not apply exactly once


def test_structure_check_accepts_a_written_only_exercise():
    """An exercise with answer cells and no stub (all written) is a valid exercise."""
    from tools.coursework.pattern import structure_problems

    nb = _toy()
    nb["cells"][1]["source"] = ("### Exercise 1: explain\n**1 point** (written) · "
                                "difficulty 1/3 · about 5 min")
    del nb["cells"][2]  # the stub
    nb["cells"][3] = _md("*Model answer.*", ["solution"])
    problems = structure_problems(nb, "02_toy.ipynb", min_exercises=1)
    assert not [p for p in problems if "stub" in p.message], problems
