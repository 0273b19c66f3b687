"""Self-check of the grading tests, without nbgrader: reference passes, mistakes fail.

``python -m tools.coursework.gradecheck 02 [04 ...]`` (from the repository root) builds, for
each notebook, the *graded* notebook -- the full notebook with each exercise's stubs removed
(the reference solution is the submission) and its test cell (visible + hidden tests)
inserted after the exercise -- and executes it with nbclient (errors allowed, as nbgrader's
autograder does):

* round 0, the reference: every test cell must pass;
* round k >= 1: the k-th mistake of every exercise that has one is applied; the test of each
  such exercise must fail, every other must pass.

It also checks the points line of every exercise (:func:`~.grading.exercise_points`) and that
an exercise with written points has ``answer`` cells. Exit status 1 if anything is off.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .grading import Points, Test, exercise_points, load_tests
from .pattern import _source, find_exercises
from .student import REPO, read_notebook

__all__ = ["GradeRound", "graded_notebook", "apply_mistakes", "run_round", "check_notebook"]

TEST_TAG = "grading-test"


@dataclass(frozen=True)
class GradeRound:
    """Outcome of one execution: which exercises' tests passed, and which were expected to."""

    round: int
    passed: dict[int, bool]
    expected: dict[int, bool]
    errors: dict[int, str]
    seconds: float

    @property
    def ok(self) -> bool:
        return self.passed == self.expected


def _notebook_path(number: str) -> Path:
    matches = sorted((REPO / "notebooks").glob(f"{int(number):02d}_*.ipynb"))
    if len(matches) != 1:
        raise SystemExit(f"no single notebook notebooks/{int(number):02d}_*.ipynb")
    return matches[0]


def apply_mistakes(nb: dict, tests: dict[int, Test], k: int) -> tuple[dict, set[int]]:
    """A copy of ``nb`` with the ``k``-th mistake (1-based) of every exercise applied.

    Returns the notebook and the set of exercise numbers that got a mistake.
    """
    nb = copy.deepcopy(nb)
    mutated = set()
    for ex in find_exercises(nb):
        test = tests.get(ex.number)
        if test is None or len(test.mistakes) < k:
            continue
        mistake = test.mistakes[k - 1]
        code = [i for i in ex.solutions if nb["cells"][i]["cell_type"] == "code"]
        hits = [i for i in code if mistake.old in _source(nb["cells"][i])]
        count = sum(_source(nb["cells"][i]).count(mistake.old) for i in code)
        if count != 1:
            raise ValueError(f"Exercise {ex.number}, mistake {k} ({mistake.kind}): "
                             f"{mistake.old!r} occurs {count} times in its solution code (need 1)")
        cell = nb["cells"][hits[0]]
        cell["source"] = _source(cell).replace(mistake.old, mistake.new)
        mutated.add(ex.number)
    return nb, mutated


def graded_notebook(nb: dict, tests: dict[int, Test]) -> dict:
    """The reference submission: stubs removed, a test cell after each tested exercise."""
    nb = copy.deepcopy(nb)
    exercises = find_exercises(nb)
    drop = {i for ex in exercises for i in ex.stubs}
    after: dict[int, int] = {}
    for ex in exercises:
        if ex.number in tests:
            after[max((*ex.solutions, *ex.answers, *ex.stubs, ex.heading))] = ex.number
    cells = []
    for i, cell in enumerate(nb["cells"]):
        if i not in drop:
            cells.append(cell)
        if i in after:
            t = tests[after[i]]
            cells.append({
                "cell_type": "code", "execution_count": None, "outputs": [],
                "metadata": {"tags": [TEST_TAG], "exercise": after[i]},
                "source": (t.visible.rstrip() + "\n" + t.hidden.strip() + "\n").lstrip(),
            })
    nb["cells"] = cells
    return nb


def _execute(nb: dict, timeout: int = 600) -> dict:
    import nbformat
    from nbclient import NotebookClient

    node = nbformat.from_dict(nb)
    for i, cell in enumerate(node.cells):
        cell.setdefault("id", f"graded-{i}")  # the inserted test cells have none
    env_keep = os.environ.get("LRNN_STATIC_DEMOS")
    os.environ["LRNN_STATIC_DEMOS"] = "first"
    try:
        NotebookClient(node, timeout=timeout, allow_errors=True, kernel_name="python3",
                       resources={"metadata": {"path": str(REPO / "notebooks")}}).execute()
    finally:
        if env_keep is None:
            os.environ.pop("LRNN_STATIC_DEMOS", None)
        else:
            os.environ["LRNN_STATIC_DEMOS"] = env_keep
    return node


def run_round(nb: dict, tests: dict[int, Test], k: int) -> GradeRound:
    """Execute round ``k`` (0 = the reference) and compare with what is expected."""
    mutated: set[int] = set()
    if k:
        nb, mutated = apply_mistakes(nb, tests, k)
    start = time.perf_counter()
    done = _execute(graded_notebook(nb, tests))
    passed, errors = {}, {}
    for cell in done.cells:
        if TEST_TAG in cell.metadata.get("tags", []):
            number = int(cell.metadata["exercise"])
            err = [o for o in cell.outputs if o.get("output_type") == "error"]
            passed[number] = not err
            if err:
                errors[number] = f"{err[0].get('ename')}: {err[0].get('evalue')}"[:200]
    expected = {n: n not in mutated for n in tests}
    return GradeRound(k, passed, expected, errors, time.perf_counter() - start)


def points_problems(nb: dict) -> list[str]:
    """Exercises whose points line is missing, inconsistent, or lacks its answer cells."""
    out = []
    for ex in find_exercises(nb):
        try:
            pts: Points | None = exercise_points(_source(nb["cells"][ex.heading]))
        except ValueError as exc:
            out.append(f"Exercise {ex.number}: {exc}")
            continue
        if pts is None:
            out.append(f"Exercise {ex.number}: no points line under the heading")
        elif pts.written and not ex.answers:
            out.append(f"Exercise {ex.number}: {pts.written} written point(s) but no answer cell")
        elif ex.answers and not pts.written:
            out.append(f"Exercise {ex.number}: answer cell(s) but no written points")
    return out


def check_notebook(number: str, *, verbose: bool = True) -> bool:
    """Run every round for notebook ``number``; print a report; True if all is as expected."""
    path = _notebook_path(number)
    nb = read_notebook(path)
    tests = load_tests(number)
    ok = True
    for problem in points_problems(nb):
        print(f"{path.name}: {problem}")
        ok = False
    for ex in find_exercises(nb):
        try:
            pts = exercise_points(_source(nb["cells"][ex.heading]))
        except ValueError:
            continue  # reported above
        if pts is not None and pts.autograded and ex.number not in tests:
            print(f"{path.name}: Exercise {ex.number} has {pts.autograded} autograded "
                  "point(s) but no grading test")
            ok = False
        if pts is not None and not pts.autograded and ex.number in tests:
            print(f"{path.name}: Exercise {ex.number} has a grading test but no "
                  "autograded points")
            ok = False
        if ex.number in tests and pts is not None and pts.autograded:
            if not tests[ex.number].mistakes:
                print(f"{path.name}: Exercise {ex.number}: its test lists no mistakes")
                ok = False
    rounds = max((len(t.mistakes) for t in tests.values()), default=0)
    for k in range(rounds + 1):
        r = run_round(nb, tests, k)
        label = "reference" if k == 0 else f"mistakes #{k}"
        if verbose or not r.ok:
            row = ", ".join(
                f"Ex {n}: {'pass' if r.passed.get(n) else 'FAIL'}"
                + ("" if r.passed.get(n) == r.expected[n] else " (unexpected!)")
                for n in sorted(r.expected)
            )
            print(f"{path.name} {label} ({r.seconds:.0f} s): {row}")
            for n, e in sorted(r.errors.items()):
                if r.expected[n]:
                    print(f"    Ex {n} failed: {e}")
        ok &= r.ok
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.coursework.gradecheck",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("numbers", nargs="+", help="notebook numbers, e.g. 02 04")
    args = parser.parse_args(argv)
    results = [check_notebook(n) for n in args.numbers]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
