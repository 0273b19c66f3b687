"""The graded nbgrader course, generated from the full notebooks.

``python -m tools.coursework course [--out course/]`` writes::

    course/nbgrader_config.py             course id, CourseDirectory root = this folder
    course/source/NN_topic/NN_topic.ipynb one assignment per notebook

Each notebook is converted by :class:`CourseSource`, an nbconvert preprocessor, after
nbconvert's ``ClearOutputPreprocessor``:

* the stub and the solution code cell of each exercise part become one nbgrader
  *autograded answer* cell: the solution, with ``### BEGIN SOLUTION`` /
  ``### END SOLUTION`` around the lines where it differs from the stub (a ``difflib``
  alignment of their lines); the stub's replaced lines stay above each region as
  comments. ``nbgrader generate_assignment`` replaces a region by ``# YOUR CODE HERE``
  / ``raise NotImplementedError()``, so the released cell reads like the stub. If the
  regions cannot be placed (no common line, or the released cell would not parse), the
  whole solution is one region;
* after the exercise, a locked *autograder test* cell worth the exercise's autograded
  points: ``Test.visible``, then ``Test.hidden`` between ``### BEGIN HIDDEN TESTS`` and
  ``### END HIDDEN TESTS`` (:mod:`.grading`). Hidden tests compare with stored
  reference values and never use the checkers, so a student who replaces
  ``lrnn_utils.checks`` gains nothing, and nbgrader restores an edited test cell
  before autograding;
* each ``answer`` markdown cell becomes a *manually graded answer* cell; the
  exercise's written points are split evenly over them. A markdown ``solution`` cell
  (a model answer) goes into the solution region of the answer cell before it.

The self-study checker calls stay in the cells (feedback while working). Jupytext
metadata and saved widget state are dropped, ``# NBVAL_`` markers removed.
"""

from __future__ import annotations

import ast
import copy
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .grading import Points, Test, exercise_points, load_tests
from .pattern import (
    ANSWER_TAG,
    SOLUTION_TAG,
    STUB_TAG,
    CourseworkError,
    _source,
    _tags,
    find_exercises,
)
from .student import REPO, _dumps, _sources, _strip_test_markers, read_notebook

__all__ = [
    "COURSE_ID",
    "BEGIN",
    "END",
    "BEGIN_HIDDEN",
    "END_HIDDEN",
    "CourseSource",
    "course_notebook",
    "solution_regions",
    "solution_code",
    "released",
    "write_course",
    "points_table",
    "points_rows",
    "NotebookRow",
    "fill_answers",
]

COURSE_ID = "lowrank-rnn"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
_NBGRADER_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
_DROP_TAGS = {SOLUTION_TAG, STUB_TAG, ANSWER_TAG}
_NO_MODEL_ANSWER = "(Model answer: see the solution sheet of this notebook.)"

CONFIG = '''\
"""nbgrader configuration of the lowrank-rnn course (written by
``python -m tools.coursework course``). Run nbgrader from this folder."""

import os

c = get_config()  # noqa: F821 - provided by nbgrader
c.CourseDirectory.course_id = "{course_id}"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(c.CourseDirectory.root,
                                                      "gradebook.db")
# the notebooks simulate networks: allow minutes per cell, not nbgrader's 30 s
c.Execute.timeout = 600
c.ClearSolutions.code_stub = {{
    "python": "# YOUR CODE HERE\\nraise NotImplementedError()"}}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
'''


def _meta(
    grade_id: str,
    *,
    solution: bool,
    grade: bool,
    points: float = 0,
    locked: bool = False,
) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    return meta


def _cell_id(grade_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", grade_id)[:64]


# -- regions ---------------------------------------------------------------------------


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _as_hint(line: str) -> str:
    return f"{_indent(line)}# {line.strip()}"


def _parses(code: str) -> bool:
    code = "\n".join(
        ln for ln in code.splitlines() if not ln.lstrip().startswith(("%", "!"))
    )
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def released(code: str) -> str:
    """What ``nbgrader generate_assignment`` makes of a code cell's solution regions."""
    out, inside = [], False
    for line in code.splitlines():
        if line.strip() == BEGIN:
            inside = True
            out += [_indent(line) + s for s in _NBGRADER_STUB]
        elif line.strip() == END:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def _whole(solution: str, stub: str | None) -> str:
    hints = [_as_hint(ln) for ln in (stub or "").splitlines() if ln.strip()]
    return "\n".join([*hints, BEGIN, solution.rstrip("\n"), END])


def solution_regions(stub: str | None, solution: str) -> str:
    """The solution with ``### BEGIN/END SOLUTION`` where it differs from the stub.

    Parameters
    ----------
    stub : str or None
        The code the student gets (None: no stub, the whole solution is one region).
    solution : str
        The reference solution.

    Returns
    -------
    str
        Removing the delimiter lines and the hint comments (the stub's replaced lines,
        commented, above each region) gives ``solution`` back.
    """
    sol = solution.rstrip("\n").splitlines()
    if stub is None:
        return _whole(solution, None)
    old = stub.rstrip("\n").splitlines()
    matcher = difflib.SequenceMatcher(a=old, b=sol, autojunk=False)
    out: list[str] = []
    shared = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += sol[j1:j2]
            shared += sum(1 for ln in sol[j1:j2] if ln.strip())
            continue
        hints = [_as_hint(ln) for ln in old[i1:i2] if ln.strip()]
        new = sol[j1:j2]
        if not any(ln.strip() for ln in new):  # only blank lines, or a deletion
            out += hints + new
            continue
        first = next(k for k, ln in enumerate(new) if ln.strip())
        last = max(k for k, ln in enumerate(new) if ln.strip())
        body = new[first : last + 1]
        indent = min((_indent(ln) for ln in body if ln.strip()), key=len)
        out += (
            new[:first]
            + hints
            + [indent + BEGIN, *body, indent + END]
            + new[last + 1 :]
        )
    code = "\n".join(out)
    if not shared or not _parses(released(code)):
        return _whole(solution, stub)
    return code


def solution_code(cell_source: str) -> str:
    """A course cell's source without delimiter lines: a full submission."""
    keep = [ln for ln in cell_source.splitlines() if ln.strip() not in (BEGIN, END)]
    return "\n".join(keep)


# -- the preprocessor ------------------------------------------------------------------


def _points(nb, ex, name: str) -> Points:
    try:
        pts = exercise_points(_source(nb.cells[ex.heading]))
    except ValueError as exc:
        raise CourseworkError(f"{name}: Exercise {ex.number}: {exc}") from exc
    if pts is None:
        raise CourseworkError(
            f"{name}: Exercise {ex.number} has no points line under its heading "
            "(e.g. '**3 points** (2 autograded, 1 written) · difficulty 2/3 · "
            "about 15 min')"
        )
    return pts


def _check_spec(name: str, number: int, pts: Points, test: Test | None, n_answers: int):
    where = f"{name}: Exercise {number}"
    if pts.autograded and test is None:
        raise CourseworkError(
            f"{where} has {pts.autograded} autograded point(s) but no "
            f"grading test in tools/coursework/grading/nb{name[:2]}.py"
        )
    if test is not None and not pts.autograded:
        raise CourseworkError(f"{where} has a grading test but no autograded points")
    if pts.written and not n_answers:
        raise CourseworkError(
            f"{where} has {pts.written} written point(s) but no '{ANSWER_TAG}' cell"
        )
    if n_answers and not pts.written:
        raise CourseworkError(
            f"{where} has '{ANSWER_TAG}' cell(s) but no written points"
        )


def _split(total: int, parts: int) -> list[float | int]:
    if total % parts == 0:
        return [total // parts] * parts
    return [round(total / parts, 6)] * (parts - 1) + [
        round(total - (parts - 1) * round(total / parts, 6), 6)
    ]


def _answer_cell(cell, grade_id: str, points, model: list[str]):
    cell = copy.deepcopy(cell)
    text = _source(cell).rstrip("\n")
    body = "\n\n".join(model) if model else _NO_MODEL_ANSWER
    cell.source = f"{text}\n\n{BEGIN}\n\n{body}\n\n{END}"
    cell.metadata["nbgrader"] = _meta(
        grade_id, solution=True, grade=True, points=points
    )
    return cell


def _test_cell(nbformat, number: int, test: Test, points: int):
    parts = [test.visible.strip(), BEGIN_HIDDEN, test.hidden.strip("\n"), END_HIDDEN]
    cell = nbformat.v4.new_code_cell("\n".join(p for p in parts if p))
    grade_id = f"ex{number}_test"
    cell.id = _cell_id(grade_id)
    cell.metadata["nbgrader"] = _meta(
        grade_id, solution=False, grade=True, points=points, locked=True
    )
    cell.metadata["tags"] = ["grading-test"]
    return cell


def _clean_tags(cell) -> None:
    tags = [t for t in _tags(cell) if t not in _DROP_TAGS]
    if tags:
        cell.metadata["tags"] = tags
    else:
        cell.metadata.pop("tags", None)


def _new_comments(stub: str, solution: str) -> list[str]:
    """Comment lines of ``solution`` not in ``stub`` (model answers as comments)."""
    have = {ln.strip() for ln in stub.splitlines()}
    return [
        ln.strip().lstrip("#").strip() + "  "
        for ln in solution.splitlines()
        if ln.strip().startswith("#") and ln.strip() not in have
        and "NBVAL_" not in ln and ln.strip().lstrip("#").strip()
    ]


def _convert_exercise(nbformat, nb, ex, pts: Points, test: Test | None):
    """``{cell index: [cells that replace it]}`` for the cells of one exercise."""
    cells = nb.cells
    members = sorted({*ex.stubs, *ex.solutions, *ex.answers})
    replace: dict[int, list] = {i: [] for i in members}
    answers = list(ex.answers)
    shares = _split(pts.written, len(answers)) if answers else []
    models: dict[int, list[str]] = {a: [] for a in answers}
    pending_stub: int | None = None
    waiting: list[int] = []  # answer cells since the last solution cell
    comments: list[str] = []  # comment lines the solution code adds to the stubs
    part = 0
    for i in members:
        cell = cells[i]
        if i in ex.answers:
            waiting.append(i)
        elif i in ex.stubs:
            if pending_stub is not None:
                replace[pending_stub] = [
                    cells[pending_stub]
                ]  # a stub without a solution
            pending_stub = i
        elif cell.cell_type == "markdown":  # a model answer, for the answers before it
            targets = waiting or answers[-1:]
            for target in targets:
                models[target].append(_source(cell).strip())
            waiting = []
        else:  # a solution code cell
            part += 1
            stub = _source(cells[pending_stub]) if pending_stub is not None else None
            comments += _new_comments(stub or "", _source(cell))
            merged = copy.deepcopy(cell)
            merged.source = solution_regions(stub, _source(cell))
            grade_id = f"ex{ex.number}_code{part}"
            merged.id = _cell_id(grade_id)
            merged.metadata["nbgrader"] = _meta(grade_id, solution=True, grade=False)
            _clean_tags(merged)
            replace[pending_stub if pending_stub is not None else i] = [merged]
            pending_stub = None
    if pending_stub is not None:
        replace[pending_stub] = [cells[pending_stub]]
    for k, a in enumerate(answers):
        model = models[a] or (
            ["From the solution code:\n\n" + "\n".join(comments)] if comments else []
        )
        new = _answer_cell(cells[a], f"ex{ex.number}_answer{k + 1}", shares[k], model)
        _clean_tags(new)
        replace[a] = [new]
    if test is not None:
        last = max(members + [ex.heading])
        replace.setdefault(last, [cells[last]] if last == ex.heading else [])
        replace[last] = replace[last] + [
            _test_cell(nbformat, ex.number, test, pts.autograded)
        ]
    return replace


try:
    from nbconvert.preprocessors import Preprocessor as _Preprocessor
except ImportError:  # pragma: no cover - nbconvert is in the notebooks extra
    _Preprocessor = object


class CourseSource(_Preprocessor):
    """nbconvert preprocessor: a full notebook -> its nbgrader source notebook.

    ``resources["name"]`` is the notebook's file name ``NN_topic.ipynb``; the grading
    tests are ``resources["tests"]``, by default :func:`~.grading.load_tests` of its
    number.
    """

    def preprocess(self, nb, resources):
        import nbformat

        name = resources.get("name", "notebook.ipynb")
        tests = resources.get("tests")
        if tests is None:
            tests = load_tests(name[:2]) if name[:2].isdigit() else {}
        exercises = find_exercises(nb)
        unknown = sorted(set(tests) - {ex.number for ex in exercises})
        if unknown:
            raise CourseworkError(
                f"{name}: grading tests for exercises {unknown}, which "
                "the notebook does not have"
            )
        replace: dict[int, list] = {}
        for ex in exercises:
            pts = _points(nb, ex, name)
            test = tests.get(ex.number)
            _check_spec(name, ex.number, pts, test, len(ex.answers))
            replace.update(_convert_exercise(nbformat, nb, ex, pts, test))
        cells = []
        for i, cell in enumerate(nb.cells):
            cells += replace.get(i, [cell])
        nb.cells = cells
        nb = _strip_test_markers(nb)
        nb.metadata.pop("jupytext", None)
        nb.metadata.pop("widgets", None)
        nb.metadata.pop("lrnn_coursework", None)
        return nb, resources


def course_notebook(nb, name: str, tests: dict[int, Test] | None = None):
    """The nbgrader source version of a full notebook (a copy; outputs cleared).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The full notebook ``notebooks/NN_topic.ipynb``.
    name : str
        Its file name (the number ``NN`` selects ``tools/coursework/grading/nbNN.py``).
    tests : dict, optional
        ``{exercise: Test}`` instead of :func:`~.grading.load_tests`.

    Raises
    ------
    CourseworkError
        If an exercise lacks its points line, or points and grading tests disagree.
    """
    import nbformat
    from nbconvert.preprocessors import ClearOutputPreprocessor

    nb = nbformat.from_dict(copy.deepcopy(dict(nb)))
    resources = {"name": Path(name).name, "tests": tests}
    nb, resources = ClearOutputPreprocessor().preprocess(nb, resources)
    nb, resources = CourseSource().preprocess(nb, resources)
    for cell in nb.cells:
        for key in ("collapsed", "scrolled", "execution", "ExecuteTime"):
            cell.metadata.pop(key, None)
    return nb


def write_course(
    out: Path | None = None,
    notebooks: Sequence[Path] | Path | None = None,
    *,
    course_id: str = COURSE_ID,
) -> list[Path]:
    """Write ``nbgrader_config.py`` and ``source/<NN_topic>/<NN_topic>.ipynb``.

    Parameters
    ----------
    out : Path, optional
        The course folder (default: ``course/`` in the repository).
    notebooks : folder or list of .ipynb, optional
        The full notebooks (default: the repository's ``notebooks/``).

    Returns
    -------
    list of Path
        The files written.
    """
    out = Path(out) if out is not None else REPO / "course"
    if notebooks is None:
        paths = _sources(REPO / "notebooks")
    elif isinstance(notebooks, (str, Path)) and Path(notebooks).is_dir():
        paths = _sources(Path(notebooks))
    else:
        paths = (
            [Path(notebooks)] if isinstance(notebooks, (str, Path)) else list(notebooks)
        )
    converted = []
    for path in paths:  # convert all before writing anything
        nb = read_notebook(path)
        if find_exercises(nb):
            converted.append((path.stem, course_notebook(nb, path.name)))
    out.mkdir(parents=True, exist_ok=True)
    config = out / "nbgrader_config.py"
    config.write_text(CONFIG.format(course_id=course_id), encoding="utf-8")
    written = [config]
    for stem, nb in converted:
        target = out / "source" / stem / f"{stem}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_dumps(nb), encoding="utf-8")
        written.append(target)
    return written


# -- the points table ------------------------------------------------------------------


@dataclass(frozen=True)
class NotebookRow:
    notebook: str
    exercise: int
    title: str
    points: Points | None


def points_rows(notebooks: Path | None = None) -> list[NotebookRow]:
    rows = []
    for path in _sources(Path(notebooks) if notebooks else REPO / "notebooks"):
        nb = read_notebook(path)
        for ex in find_exercises(nb):
            try:
                pts = exercise_points(_source(nb.cells[ex.heading]))
            except ValueError:
                pts = None
            rows.append(NotebookRow(path.stem, ex.number, ex.title, pts))
    return rows


def points_table(notebooks: Path | None = None) -> str:
    """Markdown table of the exercises: points (auto + written), difficulty, minutes."""
    lines = [
        "| Notebook | Ex. | Title | Points (auto + written) | Difficulty | Minutes |",
        "|---|---|---|---|---|---|",
    ]
    total = auto = written = minutes = 0
    for row in points_rows(notebooks):
        title = row.title.replace("|", "\\|")
        p = row.points
        if p is None:
            head = f"| {row.notebook} | {row.exercise} | {title} |"
            lines.append(head + " — | — | — |")
            continue
        total, auto, written = total + p.total, auto + p.autograded, written + p.written
        minutes += p.minutes
        lines.append(
            f"| {row.notebook} | {row.exercise} | {title} | "
            f"{p.total} ({p.autograded} + {p.written}) | {p.difficulty}/3 | "
            f"{p.minutes} |"
        )
    lines.append(
        f"| **all** | | | **{total}** ({auto} + {written}) | | **{minutes}** |"
    )
    return "\n".join(lines)


# -- submissions -----------------------------------------------------------------------


def fill_answers(release, source):
    """A complete submission: ``release`` with every answer cell filled from ``source``.

    Parameters
    ----------
    release : nbformat.NotebookNode
        A notebook as ``nbgrader generate_assignment`` released it.
    source : nbformat.NotebookNode
        Its course source (:func:`course_notebook`), possibly of a modified full
        notebook
        (a synthetic submission with mistakes).

    Returns
    -------
    nbformat.NotebookNode
        A copy of ``release`` whose ``solution`` cells hold the source cells' code (the
        delimiter lines removed; the hint comments stay, as a student would leave them).
    """
    import nbformat

    by_id = {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in source.cells
        if "nbgrader" in c.metadata
    }
    filled = nbformat.from_dict(copy.deepcopy(dict(release)))
    for cell in filled.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            if meta["grade_id"] not in by_id:
                raise CourseworkError(f"no source cell {meta['grade_id']!r}")
            cell.source = solution_code(_source(by_id[meta["grade_id"]]))
    return filled
