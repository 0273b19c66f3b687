"""The graded nbgrader course (``python -m tools.coursework course``), end to end.

Fast tests: the conversion of a synthetic notebook (cell metadata, solution regions,
points) and its release by ``nbgrader generate_assignment`` (no solution line, no hidden
test).

The slow test, per notebook with exercises: generate the course, release the assignment,
grade synthetic submissions with ``nbgrader autograde`` and ``nbgrader export``:

* ``reference``: every answer filled from the source -> full autograded points;
* ``mistakes-k``: the k-th typical mistake of every exercise applied
  (:func:`tools.coursework.gradecheck.apply_mistakes`) -> those exercises 0, the
  others full;
* ``tampered``: mistakes-1, every test cell replaced by ``pass`` and the checkers
  monkeypatched to print ``[correct]`` -> the same scores as mistakes-1 (which is
  therefore not submitted on its own);
* ``blank``: the released notebook as handed out -> 0 autograded points.

Set ``LRNN_NOTEBOOKS_DIR`` to grade another folder of full notebooks.
"""

from __future__ import annotations

import copy
import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tools.coursework import CourseworkError, find_exercises  # noqa: E402
from tools.coursework import course as crs  # noqa: E402
from tools.coursework.gradecheck import apply_mistakes  # noqa: E402
from tools.coursework import grading  # noqa: E402
from tools.coursework.grading import exercise_points, load_tests  # noqa: E402
from tools.coursework.pattern import _source, leaked_solution_lines  # noqa: E402

nbgrader = pytest.importorskip(
    "nbgrader", reason="nbgrader is in the course/test extras"
)

NOTEBOOK_DIR = Path(os.environ.get("LRNN_NOTEBOOKS_DIR", REPO / "notebooks"))
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def _env() -> dict:
    env = dict(os.environ)
    # nbgrader runs `alembic` from PATH: the venv's bin first
    env["PATH"] = os.pathsep.join(
        [str(Path(sys.executable).parent), env.get("PATH", "")]
    )
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    env["LRNN_STATIC_DEMOS"] = "first"
    env.pop("LRNN_EXPORT_FIGURES", None)
    return env


def nbgrader_cli(course: Path, *args: str, timeout: int = 3600) -> str:
    """Run ``python -m nbgrader ARGS`` in the course folder; fail with its log."""
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    log = proc.stdout + proc.stderr
    lines = log.splitlines()
    errors = [k for k, ln in enumerate(lines) if "| ERROR]" in ln or "[ERROR]" in ln]
    shown = "\n".join("\n".join(lines[max(k - 30, 0) : k + 5]) for k in errors[:3])
    if proc.returncode != 0:
        pytest.fail(
            f"nbgrader {' '.join(args)} failed (exit {proc.returncode}):\n"
            f"{shown or log[-6000:]}"
        )
    if errors:  # logged, exit 0: the scores asserted below decide
        print(f"nbgrader {' '.join(args)} logged errors:\n{shown}")
    return log


def read(path: Path):
    return nbformat.read(path, as_version=4)


def write(nb, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def grade_cells(nb) -> dict[str, dict]:
    return {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if "nbgrader" in c.metadata
    }


# -- a synthetic notebook --------------------------------------------------------------


def synthetic() -> tuple:
    """A full notebook with two exercises, and its grading tests."""
    cells = [
        new_markdown_cell("# 98 Synthetic"),
        new_code_cell("import numpy as np"),
        new_markdown_cell(
            "### Exercise 1: a mean\n\n"
            "**3 points** (2 autograded, 1 written) · difficulty 1/3 · "
            "about 5 min\n\nWrite `mean_of(x)`."
        ),
        new_code_cell(
            'def mean_of(x):\n    """The mean."""\n    return ...\n\n\n'
            "print(mean_of(np.arange(3.0)))",
            metadata={"tags": ["raises-exception"]},
        ),
        new_markdown_cell("*Your answer:*", metadata={"tags": ["answer"]}),
        new_code_cell(
            'def mean_of(x):\n    """The mean."""\n    return x.sum() / x.size'
            "\n\n\nprint(mean_of(np.arange(3.0)))\ncheck_value = 41 + 1",
            metadata={"tags": ["solution"]},
        ),
        new_markdown_cell(
            "Because the sum is divided by the size.", metadata={"tags": ["solution"]}
        ),
        new_markdown_cell("*Your answer:*", metadata={"tags": ["answer"]}),
        new_markdown_cell(
            "### Exercise 2: written only\n\n"
            "**2 points** (written) · difficulty 2/3 · about 10 min"
        ),
        new_markdown_cell("*Your answer:*", metadata={"tags": ["answer"]}),
        new_markdown_cell("## After"),
        new_code_cell("# NBVAL_IGNORE_OUTPUT\nprint('done')"),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    tests = {
        1: grading.Test(
            visible="assert callable(mean_of)",
            hidden="assert abs(mean_of(np.array([1.0, 5.0])) - 3.0) < 1e-12\n",
            mistakes=(grading.Mistake("1/N", "/ x.size", "/ (x.size - 1)"),),
        )
    }
    return nb, tests


def test_solution_regions_keep_the_stub_and_delimit_the_difference():
    stub = "def f(x):\n    return ...\n\n\nprint(f(1))"
    sol = "def f(x):\n    y = 2 * x\n    return y\n\n\nprint(f(1))\nz = f(2)"
    code = crs.solution_regions(stub, sol)
    assert code.splitlines() == [
        "def f(x):",
        "    # return ...",
        "    ### BEGIN SOLUTION",
        "    y = 2 * x",
        "    return y",
        "    ### END SOLUTION",
        "",
        "",
        "print(f(1))",
        "### BEGIN SOLUTION",
        "z = f(2)",
        "### END SOLUTION",
    ]
    released = crs.released(code)
    assert "y = 2 * x" not in released and "# return ..." in released
    assert "raise NotImplementedError()" in released
    # without the delimiters and hints, the solution
    assert [
        ln for ln in crs.solution_code(code).splitlines() if "# return" not in ln
    ] == sol.splitlines()


def test_solution_regions_wrap_the_whole_solution_when_nothing_aligns():
    code = crs.solution_regions("answer = ...", "value = 3\nprint(value)")
    assert code.splitlines() == [
        "# answer = ...",
        crs.BEGIN,
        "value = 3",
        "print(value)",
        crs.END,
    ]
    # a region inside a bracket would not parse once released: the whole is wrapped
    stub = "total = sum([\n    ...,\n])"
    sol = "total = sum([\n    1, 2,\n])"
    assert crs.solution_regions(stub, sol).splitlines()[0] == "# total = sum(["
    assert crs.solution_regions(None, "x = 1").splitlines() == [
        crs.BEGIN,
        "x = 1",
        crs.END,
    ]


def test_course_notebook_cells_points_and_metadata():
    nb, tests = synthetic()
    course = crs.course_notebook(nb, "98_synthetic.ipynb", tests)
    cells = grade_cells(course)
    assert list(cells) == [
        "ex1_code1",
        "ex1_answer1",
        "ex1_answer2",
        "ex1_test",
        "ex2_answer1",
    ]
    for cell in cells.values():
        assert cell.metadata["nbgrader"]["schema_version"] == 3
        assert not {"solution", "raises-exception", "answer"} & set(
            cell.metadata.get("tags", [])
        )
    code = cells["ex1_code1"]
    assert (
        code.metadata["nbgrader"]["solution"] and not code.metadata["nbgrader"]["grade"]
    )
    assert crs.BEGIN in code.source and "return x.sum() / x.size" in code.source
    test = cells["ex1_test"]
    meta = test.metadata["nbgrader"]
    assert (
        meta["grade"]
        and meta["locked"]
        and not meta["solution"]
        and meta["points"] == 2
    )
    assert test.source.splitlines()[:2] == [
        "assert callable(mean_of)",
        crs.BEGIN_HIDDEN,
    ]
    assert test.source.splitlines()[-1] == crs.END_HIDDEN
    # written points split over the answer cells; the model answer in the first one
    assert [
        cells[k].metadata["nbgrader"]["points"]
        for k in ("ex1_answer1", "ex1_answer2", "ex2_answer1")
    ] == [0.5, 0.5, 2]
    assert "Because the sum" in cells["ex1_answer1"].source
    total = sum(c.metadata["nbgrader"].get("points", 0) for c in cells.values())
    assert total == 5  # 3 + 2, the points lines
    # stub and solution cells are one cell; the markdown solution is gone
    assert not any("solution" in c.metadata.get("tags", []) for c in course.cells)
    assert len(course.cells) == len(nb.cells) - 1 + 1 - 1  # -stub, +test, -markdown sol
    assert "jupytext" not in course.metadata
    assert "NBVAL" not in course.cells[-1].source
    nbformat.validate(course)


@pytest.mark.parametrize(
    "breakage, message",
    [
        (
            lambda nb, t: nb.cells[2].update(source="### Exercise 1: a mean"),
            "no points line",
        ),
        (lambda nb, t: t.clear(), "no grading test"),
        (
            lambda nb, t: nb.cells[8].update(
                source=nb.cells[8].source.replace(
                    "(written)", "(1 autograded, 1 written)"
                )
            ),
            "grading test",
        ),
        (lambda nb, t: nb.cells.pop(9), "no 'answer' cell"),
    ],
)
def test_course_notebook_refuses_points_that_do_not_match(breakage, message):
    nb, tests = synthetic()
    breakage(nb, tests)
    with pytest.raises(CourseworkError, match=message):
        crs.course_notebook(nb, "98_synthetic.ipynb", tests)


def test_generate_assignment_releases_no_solution_and_no_hidden_test(tmp_path):
    nb, tests = synthetic()
    course = tmp_path / "course"
    crs.write_course(course, [])
    config = (course / "nbgrader_config.py").read_text()
    assert 'course_id = "lowrank-rnn"' in config and "CourseDirectory.root" in config
    source = crs.course_notebook(nb, "98_synthetic.ipynb", tests)
    write(source, course / "source" / "98_synthetic" / "98_synthetic.ipynb")
    nbgrader_cli(course, "generate_assignment", "98_synthetic", "--create", "--force")
    assert (course / "gradebook.db").exists()
    release = read(course / "release" / "98_synthetic" / "98_synthetic.ipynb")
    text = "\n".join(_source(c) for c in release.cells)
    assert "x.sum() / x.size" not in text and "check_value" not in text
    assert "mean_of(np.array([1.0, 5.0]))" not in text and "HIDDEN" not in text
    assert "Because the sum" not in text and "BEGIN SOLUTION" not in text
    assert leaked_solution_lines(nb, release) == []
    cells = grade_cells(release)
    assert cells["ex1_code1"].source.splitlines()[:4] == [
        "def mean_of(x):",
        '    """The mean."""',
        "    # return ...",
        "    # YOUR CODE HERE",
    ]
    assert cells["ex1_test"].source == "assert callable(mean_of)"
    # the reference submission holds the solution again
    filled = crs.fill_answers(release, source)
    assert "return x.sum() / x.size" in grade_cells(filled)["ex1_code1"].source


def test_table_command_and_readme_table_agree(capsys):
    from tools.coursework import main

    assert main(["table"]) == 0
    table = capsys.readouterr().out.strip()
    assert table.splitlines()[0].startswith("| Notebook | Ex. |")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- points-table:start -->", "<!-- points-table:end -->"
    assert start in readme and end in readme, (
        "README lacks the instructors' points table"
    )
    assert readme.split(start)[1].split(end)[0].strip() == table, (
        "README's points table is out of date: paste `python -m tools.coursework table`"
    )


def test_table_lists_every_exercise_with_its_points(tmp_path):
    nb, _ = synthetic()
    write(nb, tmp_path / "98_synthetic.ipynb")
    lines = crs.points_table(tmp_path).splitlines()
    assert lines[2] == "| 98_synthetic | 1 | a mean | 3 (2 + 1) | 1/3 | 5 |"
    assert lines[3] == "| 98_synthetic | 2 | written only | 2 (0 + 2) | 2/3 | 10 |"
    assert lines[-1] == "| **all** | | | **5** (2 + 3) | | **15** |"


def test_check_command_reports_points_problems(tmp_path, capsys):
    from tools.coursework import main

    nb, _ = synthetic()
    nb.cells[8].source = "### Exercise 2: written only"
    nb.cells.insert(10, new_code_cell("print('a stub')"))
    path = write(nb, tmp_path / "98_synthetic.ipynb")
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "98_synthetic.ipynb: Exercise 2: error: no points line" in out


# -- end to end: nbgrader generate_assignment, autograde, export -----------------------


def _checker_import(nb) -> int:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "lrnn_utils.checks" in _source(cell):
            return i
    raise AssertionError("no cell imports lrnn_utils.checks")


def tampered(submission, number: str):
    """Test cells replaced by ``pass``; a cell makes every checker say [correct]."""
    nb = copy.deepcopy(submission)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
            cell.source = "pass"
    patch = new_code_cell(
        f"import lrnn_utils.checks.nb{number} as _c\n"
        "for _k in range(1, 10):\n"
        "    setattr(_c, f'exercise_{_k}', lambda *a, **k: print('[correct]'))"
    )
    nb.cells.insert(_checker_import(nb) + 1, patch)
    return nb


@pytest.mark.slow
@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in NOTEBOOKS])
def test_nbgrader_course_end_to_end(path, tmp_path):
    from nbgrader.api import Gradebook

    full = read(path)
    exercises = find_exercises(full)
    if not exercises:
        pytest.skip(f"{path.name} has no exercises")
    number, name = path.name[:2], path.stem
    tests = load_tests(number)
    assert tests, (
        f"{path.name} has {len(exercises)} exercises but no grading spec: write "
        f"TESTS in tools/coursework/grading/nb{number}.py"
    )
    points = {
        ex.number: exercise_points(_source(full.cells[ex.heading])) for ex in exercises
    }
    assert all(points.values()), (
        f"{path.name}: exercises without a points line: "
        + str([k for k, p in points.items() if p is None])
    )
    course = tmp_path / "course"
    crs.write_course(course, [path])
    source = read(course / "source" / name / f"{name}.ipynb")
    nbgrader_cli(course, "generate_assignment", name, "--create", "--force")
    release = read(course / "release" / name / f"{name}.ipynb")

    auto = {k: p.autograded for k, p in points.items() if p.autograded}
    expected: dict[str, dict[int, float]] = {}
    subs = {"reference": crs.fill_answers(release, source), "blank": release}
    expected["reference"] = dict(auto)
    expected["blank"] = {k: 0 for k in auto}
    rounds = max((len(t.mistakes) for t in tests.values()), default=0)
    for k in range(1, rounds + 1):
        mutated, hit = apply_mistakes(full, tests, k)
        src_k = crs.course_notebook(mutated, path.name)
        subs[f"mistakes-{k}"] = crs.fill_answers(release, src_k)
        expected[f"mistakes-{k}"] = {n: 0 if n in hit else p for n, p in auto.items()}
    base = "mistakes-1" if rounds else "reference"
    subs["tampered"] = tampered(subs[base], number)
    expected["tampered"] = dict(expected[base])
    if rounds:
        # "tampered" is mistakes-1 with the test cells and the checkers tampered with: its
        # expected scores are those of mistakes-1, so mistakes-1 itself need not run twice
        # (each autograded submission executes the whole notebook).
        del subs["mistakes-1"], expected["mistakes-1"]
    for student, nb in subs.items():
        write(nb, course / "submitted" / student / name / f"{name}.ipynb")

    start = time.perf_counter()
    nbgrader_cli(course, "autograde", name, "--create", "--force")
    seconds = time.perf_counter() - start
    nbgrader_cli(course, "export")
    print(f"{name}: autograde of {len(subs)} submissions took {seconds:.0f} s")

    os.environ["PATH"] = _env()["PATH"]  # the Gradebook runs `alembic` too
    total = sum(p.total for p in points.values())
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student, want in expected.items():
            sub = gb.find_submission_notebook(name, name, student)
            got = {
                int(g.name[2:].split("_")[0]): g.score
                for g in sub.grades
                if g.name.endswith("_test")
            }
            assert got == pytest.approx(want), (
                f"{student}: test scores {got}, want {want}"
            )
            assert sub.max_score == pytest.approx(total)
    with (course / "grades.csv").open(newline="", encoding="utf-8") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert set(rows) == set(expected)
    for student, want in expected.items():
        assert float(rows[student]["score"]) == pytest.approx(sum(want.values())), (
            student
        )
        assert float(rows[student]["max_score"]) == pytest.approx(total), student
    shutil.rmtree(course / "autograded", ignore_errors=True)


def test_course_command_writes_the_course_or_names_what_is_missing(tmp_path, capsys):
    from tools.coursework import main

    nb, _ = synthetic()
    heading = nb.cells[2].source.replace("(2 autograded, 1 written)", "(written)")
    nb.cells[2].source = heading.replace("**3 points**", "**1 point**")
    path = write(nb, tmp_path / "nbs" / "98_synthetic.ipynb")
    out = tmp_path / "course"
    assert main(["course", "--out", str(out), "--notebooks", str(path.parent)]) == 0
    assert (out / "source" / "98_synthetic" / "98_synthetic.ipynb").exists()
    assert (out / "nbgrader_config.py").exists()
    # autograded points, but tools/coursework/grading/nb98.py does not exist
    nb, _ = synthetic()
    write(nb, path)
    c2 = tmp_path / "c2"
    assert main(["course", "--out", str(c2), "--notebooks", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Exercise 1 has 2 autograded point(s) but no grading test" in err
    assert not (tmp_path / "c2").exists()
