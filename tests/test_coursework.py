"""Coursework: the student version of the notebooks, the exercise pattern, and the checkers' core.

Two kinds of tests:
- the machinery (``tools.coursework``, ``lrnn_utils.checks._core``) on small synthetic
  notebooks built with nbformat, including notebooks that are wrong on purpose, so each check
  is shown to be able to fail;
- every real ``notebooks/NN_topic.ipynb`` (skipped while there are none): no solution code in
  its student version, 3–5 exercises that follow the pattern, a checker module, and a student
  version whose first error, when executed cell by cell, is the ``NotImplementedError`` of
  exercise 1 (nothing fails before the student's first task);
- the distribution zip: no file of it holds a solution statement.

The execution tests (``-k execute``) start a Jupyter kernel per notebook; they are independent
and parametrized per notebook, so ``pytest -n auto`` spreads them over cores.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # tools/ is run from the repository root, not installed
    sys.path.insert(0, str(REPO))

import lrnn_utils.checks as checks_pkg  # noqa: E402
import tools.coursework as cw  # noqa: E402
from lrnn_utils.checks import Feedback, check_close, not_done  # noqa: E402
from lrnn_utils.checks._core import CORRECT, NOT_YET  # noqa: E402
from tools.coursework import dist  # noqa: E402

# verdict markers in outputs stored before the checkers printed plain text (re-executed
# notebooks show CORRECT / NOT_YET)
PASS_MARKS = (CORRECT, "\u2705")
FAIL_MARKS = (NOT_YET, "\u274c")
NOTEBOOK_DIR = Path(os.environ.get("LRNN_NOTEBOOKS_DIR", REPO / "notebooks"))  # as in site/build.sh
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
KERNEL_TIMEOUT = 120  # seconds per cell

per_notebook = pytest.mark.parametrize(
    "path",
    [pytest.param(p, id=p.stem) for p in NOTEBOOKS]
    or [pytest.param(None, id="no-notebooks", marks=pytest.mark.skip(reason="no notebooks/*.ipynb yet"))],
)


def read(path: Path):
    return nbformat.read(path, as_version=4)


# -- synthetic notebooks ----------------------------------------------------------------------

CHECKER_99 = '''\
"""Checkers of the synthetic test notebook 99 (written by tests/test_coursework.py)."""
from ._core import check_close


def exercise_1(answer, quiet=False):
    return check_close(answer, 2.0, exercise="Exercise 1", what="the answer", quiet=quiet)


def exercise_2(answer, quiet=False):
    return check_close(answer, 3.0, exercise="Exercise 2", what="the answer", quiet=quiet)


def exercise_3(answer, quiet=False):
    return check_close(answer, 4.0, exercise="Exercise 3", what="the answer", quiet=quiet)
'''


def tagged(cell, *tags):
    cell.metadata["tags"] = list(tags)
    return cell


def synthetic_notebook(checker_dir: Path | None = None, *, stub_1: str | None = None, n: int = 3):
    """A small instructor notebook with ``n`` exercises following the pattern.

    Exercise K asks for ``K + 1``; its solution computes it in a recognisable way. The set-up
    cell makes ``lrnn_utils.checks.nb99`` importable from ``checker_dir`` (inside the kernel).
    """
    setup = "import numpy as np\nimport lrnn_utils.checks as _pkg\n"
    if checker_dir is not None:
        setup += f"_pkg.__path__.append({str(checker_dir)!r})\n"
    setup += "from lrnn_utils.checks import nb99 as checks\n"
    cells = [
        new_markdown_cell("# 99 Synthetic\n\nA notebook for the tests."),
        new_code_cell(setup),
        new_markdown_cell("## A section\n\nSome text."),
        new_code_cell("base = np.arange(3.0)\nprint(base.sum())"),
    ]
    for k in range(1, n + 1):
        stub = stub_1 if (k == 1 and stub_1 is not None) else (
            f"scale_{k} = 1.0  # scaffold the student gets\n"
            f"answer_{k} = ...  # your code: the number {k + 1}\n"
            f"checks.exercise_{k}(answer_{k})"
        )
        cells += [
            new_markdown_cell(f"### Exercise {k}: compute {k + 1}\n\n**1 point** (autograded)"
                              " · difficulty 1/3 · about 5 min\n\nUse `base`."),
            tagged(new_code_cell(stub), "raises-exception"),
            tagged(new_code_cell(
                f"scale_{k} = 1.0  # scaffold the student gets\n"
                f"answer_{k} = scale_{k} * (base[1] * {k} + np.cos(0.0))\n"
                f"checks.exercise_{k}(answer_{k})"
            ), "solution"),
            new_code_cell(f"print('after exercise {k}:', answer_{k})"),
        ]
    cells.append(new_markdown_cell("## Summary\n\nDone."))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    return nb


def with_outputs(nb):
    """``nb`` as if executed: outputs and execution counts on every code cell."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = i + 1
        cell.outputs = [new_output("stream", name="stdout", text="answer = 2.0 (computed)\n")]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nb


@pytest.fixture
def checker_dir(tmp_path, monkeypatch):
    """Make ``lrnn_utils.checks.nb99`` importable (in this process) from a temporary folder."""
    d = tmp_path / "checkers"
    d.mkdir()
    (d / "nb99.py").write_text(CHECKER_99, encoding="utf-8")
    monkeypatch.setattr(checks_pkg, "__path__", [*checks_pkg.__path__, str(d)])
    yield d
    sys.modules.pop("lrnn_utils.checks.nb99", None)


def write_nb(nb, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


# -- strip_solutions / student_notebook --------------------------------------------------------


def test_strip_solutions_removes_solutions_and_outputs():
    src = with_outputs(synthetic_notebook())
    before = json.dumps(src, sort_keys=True)
    out = cw.strip_solutions(src)

    assert json.dumps(src, sort_keys=True) == before, "the input notebook must not be modified"
    assert isinstance(out, nbformat.NotebookNode)
    assert not [c for c in out.cells if "solution" in c.metadata.get("tags", [])]
    assert len(out.cells) == len(src.cells) - 3
    stubs = [c for c in out.cells if "raises-exception" in c.metadata.get("tags", [])]
    assert len(stubs) == 3 and all("..." in c.source for c in stubs)
    for cell in out.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert "widgets" not in out.metadata
    nbformat.validate(out)
    assert cw.strip_solutions(out) == out, "stripping twice changes nothing"


def test_strip_solutions_accepts_plain_json_and_can_keep_outputs():
    src = json.loads(nbformat.writes(with_outputs(synthetic_notebook())))  # sources are lists here
    out = cw.strip_solutions(src, clear_outputs=False)
    assert type(out) is dict
    assert sum(1 for c in out["cells"] if c["cell_type"] == "code" and c["outputs"]) > 0
    assert not any("solution" in c["metadata"].get("tags", []) for c in out["cells"])
    with pytest.raises(ValueError, match="cells"):
        cw.strip_solutions({"metadata": {}})


def test_student_notebook_drops_pairing_and_records_source():
    out = cw.student_notebook(synthetic_notebook(), source="notebooks/99_synthetic.ipynb")
    assert "jupytext" not in out.metadata, "the student copy must not be jupytext-paired"
    info = out.metadata["lrnn_coursework"]
    assert info["generated_from"] == "notebooks/99_synthetic.ipynb" and info["fingerprint"]
    nbformat.validate(out)


# -- finding leaked solution code -------------------------------------------------------------


def test_leak_detector_finds_solution_code_left_in_the_student_version():
    src = synthetic_notebook()
    clean = cw.strip_solutions(src)
    assert cw.leaked_solution_lines(src, clean) == []

    # the solution cells kept (e.g. a mistyped tag): every exercise leaks
    kept = json.loads(json.dumps(src))
    for cell in kept["cells"]:
        cell["metadata"]["tags"] = [t for t in cell["metadata"].get("tags", []) if t != "solution"]
    leaks = cw.leaked_solution_lines(src, kept)
    assert {k for k, _ in leaks} == {1, 2, 3}
    assert not [line for _, line in leaks if "exercise_" in line or line.startswith(("scale_1 =", "scale_2 =", "scale_3 ="))], \
        "checker calls and the stub's scaffold (scale_K = 1.0) are not solution code"

    # the answer given away in a stub's comment, or in a later cell
    hinted = cw.strip_solutions(src)
    stub = next(c for c in hinted.cells if "answer_2 = ..." in c.source)
    stub.source = stub.source.replace("# your code", "# hint: scale_2 * (base[1] * 2 + np.cos(0.0))")
    assert [k for k, _ in cw.leaked_solution_lines(src, hinted)] == [2]


def test_leak_detector_works_on_statements_not_physical_lines():
    src = synthetic_notebook()
    sol = next(c for c in src.cells if "answer_1 = scale_1" in c.source)
    sol.source = ("res = simulate(base, 100.0,\n               dt=0.05,\n               method='heun')\n"
                  + sol.source)
    # lecture cells that share a continuation line or a right-hand side are not a leak
    student = cw.strip_solutions(src)
    student.cells.insert(3, new_code_cell("other = run(base,\n            method='heun')\n"
                                          "x = scale_1 * (base[1] * 1 + np.cos(0.0))"))
    assert cw.leaked_solution_lines(src, student) == []
    # the whole statement, however it is wrapped, is
    student.cells.append(new_code_cell("res = simulate(base, 100.0, dt=0.05, method='heun')"))
    assert cw.leaked_solution_lines(src, student) == [(1, "res = simulate(base, 100.0, dt=0.05, method='heun')")]


# -- the exercise pattern ---------------------------------------------------------------------


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def test_find_exercises_locates_heading_stub_and_solution():
    nb = synthetic_notebook()
    exs = cw.find_exercises(nb)
    assert [e.number for e in exs] == [1, 2, 3]
    for e in exs:
        assert nb.cells[e.heading].source.startswith(f"### Exercise {e.number}")
        assert e.title == f"compute {e.number + 1}"
        gaps = [s for s in e.stubs if "raises-exception" in nb.cells[s].metadata.get("tags", [])]
        assert len(gaps) == 1 and gaps[0] == e.stubs[0]  # later code cells belong to the exercise
        assert len(e.solutions) == 1 and "solution" in nb.cells[e.solutions[0]].metadata.tags


def test_an_exercise_has_parts_and_answer_cells(checker_dir):
    """Predict/explain parts: an ``answer`` cell then a markdown solution, then a code part."""
    nb = new_notebook(cells=[
        new_code_cell("from lrnn_utils.checks import nb99 as checks"),
        new_markdown_cell("### Exercise 1: compute 2\n\n(a) predict; (b) compute."),
        new_markdown_cell("*Your answer:*", metadata={"tags": ["answer"]}),
        new_markdown_cell("**(a)** It is two, because one plus one.", metadata={"tags": ["solution"]}),
        new_code_cell("answer_1 = ...\nchecks.exercise_1(answer_1)",
                      metadata={"tags": ["raises-exception"]}),
        new_code_cell("answer_1 = 2\nchecks.exercise_1(answer_1)", metadata={"tags": ["solution"]}),
        new_markdown_cell("## Next section"),
    ])
    (ex,) = cw.find_exercises(nb)
    assert ex.answers == (2,) and ex.solutions == (3, 5) and ex.stubs == (4,)
    nb.cells[4].metadata["tags"] = ["answer"]  # no stub left: only the explain part
    nb.cells[4].cell_type, nb.cells[4].source = "markdown", "*Your answer:*"
    nb.cells[4].pop("outputs", None), nb.cells[4].pop("execution_count", None)
    (ex,) = cw.find_exercises(nb)
    assert ex.stubs == () and ex.answers == (2, 4)


def test_structure_problems_accepts_the_pattern(checker_dir):
    assert cw.structure_problems(synthetic_notebook(), "99_synthetic.ipynb") == []


def _break(nb, find: str, fn):
    cell = next(c for c in nb.cells if find in c.source)
    fn(cell)
    return nb


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda nb: _break(nb, "answer_2 = scale_2", lambda c: c.metadata.update(tags=["Solution"])),
         "would stay in the student version"),
        (lambda nb: _break(nb, "answer_2 = scale_2", lambda c: c.metadata.update(tags=[])),
         "Exercise 2 has no following cell tagged 'solution'"),
        (lambda nb: _break(nb, "answer_3 = ...", lambda c: c.metadata.update(tags=[])),
         "Exercise 3: the stub cell is not tagged 'raises-exception'"),
        (lambda nb: _break(nb, "answer_1 = ...", lambda c: setattr(c, "source", c.source.replace("...", "0.0"))),
         "Exercise 1: the stub has no '...' gap"),
        (lambda nb: _break(nb, "answer_2 = ...", lambda c: setattr(c, "source", c.source.replace("exercise_2", "exercise_1"))),
         "calls checks.exercise_1; expected exercise_2"),
        (lambda nb: _break(nb, "answer_3 = ...", lambda c: setattr(c, "source", "answer_3 = ...")),
         "Exercise 3: the stub does not call a checker"),
        (lambda nb: _break(nb, "### Exercise 3", lambda c: setattr(c, "source", "### Exercise 4: x")),
         "numbered [1, 2, 4]"),
        (lambda nb: _break(nb, "nb99 as checks", lambda c: setattr(c, "source", "import numpy as np")),
         "no cell imports the checkers"),
        (lambda nb: _break(nb, "after exercise 3", lambda c: c.metadata.update(tags=["solution"])) and
         _break(nb, "print(base.sum())", lambda c: c.metadata.update(tags=["solution"])),
         "does not directly follow an exercise's stub"),
        (lambda nb: nb.cells.__setitem__(slice(-5, -1), []) or nb, "has 2 exercise(s); expected 3-5"),
        (lambda nb: _break(nb, "answer_2 = scale_2", lambda c: setattr(c, "source", c.source + "\nextra = 1"))
         and _break(nb, "after exercise 3", lambda c: setattr(c, "source", "print(extra)")),
         "uses names that only a solution cell defines: extra"),
    ],
    ids=["near-miss-tag", "untagged-solution", "untagged-stub", "no-ellipsis", "wrong-checker",
         "no-checker-call", "numbering", "no-import", "stray-solution", "too-few",
         "solution-only-name"],
)
def test_structure_problems_reports_each_deviation(checker_dir, mutate, expected):
    nb = mutate(synthetic_notebook())
    found = [str(p) for p in errors(cw.structure_problems(nb, "99_synthetic.ipynb"))]
    assert any(expected in p for p in found), found


def test_structure_problems_reports_a_missing_checker_module():
    # no checker_dir fixture: lrnn_utils.checks.nb99 does not exist
    found = [str(p) for p in cw.structure_problems(synthetic_notebook(), "99_synthetic.ipynb")]
    assert any("checker module lrnn_utils.checks.nb99" in p and "does not exist" in p for p in found), found


def test_structure_problems_warns_when_the_solution_skips_its_checker(checker_dir):
    nb = _break(synthetic_notebook(), "answer_1 = scale_1", lambda c: setattr(c, "source", c.source.split("\nchecks")[0]))
    problems = cw.structure_problems(nb, "99_synthetic.ipynb")
    assert errors(problems) == []
    assert any("does not call exercise_1" in p.message and p.severity == "warning" for p in problems)


def test_check_command_exit_status(tmp_path, checker_dir, capsys):
    good = write_nb(synthetic_notebook(), tmp_path / "nbs" / "99_synthetic.ipynb")
    assert cw.main(["check", str(good)]) == 0
    assert "0 error(s)" in capsys.readouterr().out
    bad = _break(synthetic_notebook(), "answer_2 = scale_2", lambda c: c.metadata.update(tags=["solutions"]))
    bad = _break(bad, "answer_3 = ...", lambda c: setattr(c, "source", c.source.replace(
        "# your code", "# e.g. scale_3 * (base[1] * 3 + np.cos(0.0))")))
    write_nb(bad, good)
    assert cw.main(["check", "--notebooks", str(good.parent)]) == 1
    out = capsys.readouterr().out
    assert "99_synthetic.ipynb: cell" in out and "'solutions'" in out and "solution code readable" in out


# -- the command --------------------------------------------------------------------------------


def test_student_command_writes_student_notebooks_and_solution_sheets(tmp_path, capsys):
    src = write_nb(with_outputs(synthetic_notebook()), tmp_path / "notebooks" / "99_synthetic.ipynb")
    write_nb(new_notebook(cells=[new_markdown_cell("# 98 No exercises")]), tmp_path / "notebooks" / "98_plain.ipynb")
    out, sols = tmp_path / "out", tmp_path / "sols"

    assert cw.main(["student", "--notebooks", str(src.parent), "--out", str(out), "--solutions-out", str(sols)]) == 0
    assert sorted(p.name for p in out.glob("*.ipynb")) == ["98_plain.ipynb", "99_synthetic.ipynb"]
    student = read(out / "99_synthetic.ipynb")
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    assert all(c.outputs == [] and c.execution_count is None for c in student.cells if c.cell_type == "code")

    sheet = (sols / "99_synthetic_solutions.md").read_text(encoding="utf-8")
    for k in (1, 2, 3):
        assert f"## Exercise {k}: compute {k + 1}" in sheet
        assert f"answer_{k} = scale_{k} * (base[1] * {k} + np.cos(0.0))" in sheet
    assert not (sols / "98_plain_solutions.md").exists()

    # idempotent: nothing rewritten, same bytes
    snapshot = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert cw.main(["student", "--notebooks", str(src.parent), "--out", str(out), "--solutions-out", str(sols)]) == 0
    assert "0 file(s) written" in capsys.readouterr().out
    assert snapshot == {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file()}


def test_student_command_default_folders_keep_solutions_out_of_student(tmp_path):
    src = write_nb(synthetic_notebook(), tmp_path / "notebooks" / "99_synthetic.ipynb")
    report = cw.generate_student(src.parent)
    assert (tmp_path / "student" / "99_synthetic.ipynb").is_file()
    assert (tmp_path / "instructor" / "solutions" / "99_synthetic_solutions.md").is_file()
    assert [p.name for p in (tmp_path / "student").rglob("*")] == ["99_synthetic.ipynb"]
    assert {s for _, s in report.files} == {"created"}


@pytest.mark.parametrize("inside", ["solutions", "."])
def test_student_command_refuses_solutions_inside_the_student_folder(tmp_path, capsys, inside):
    src = write_nb(synthetic_notebook(), tmp_path / "notebooks" / "99_synthetic.ipynb")
    out = tmp_path / "out"
    args = ["student", "--notebooks", str(src.parent), "--out", str(out),
            "--solutions-out", str(out / inside)]
    assert cw.main(args) == 2
    assert "inside the student folder" in capsys.readouterr().err
    assert not out.exists()


def test_strip_solutions_uses_nbconvert_preprocessors(monkeypatch):
    """The student version is nbconvert's TagRemovePreprocessor + ClearOutputPreprocessor."""
    from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor

    calls = []
    for cls in (TagRemovePreprocessor, ClearOutputPreprocessor):
        original = cls.preprocess
        monkeypatch.setattr(cls, "preprocess", lambda self, nb, res, _o=original, _c=cls.__name__:
                            calls.append(_c) or _o(self, nb, res))
    cw.strip_solutions(with_outputs(synthetic_notebook()))
    assert calls == ["TagRemovePreprocessor", "ClearOutputPreprocessor"]


def test_student_command_protects_student_work(tmp_path, capsys):
    src = write_nb(synthetic_notebook(), tmp_path / "notebooks" / "99_synthetic.ipynb")
    args = ["student", "--notebooks", str(src.parent), "--out", str(tmp_path / "out")]
    assert cw.main(args) == 0
    dest = tmp_path / "out" / "99_synthetic.ipynb"

    # the source changes, the copy is untouched: it is updated
    nb = read(src)
    nb.cells[0].source += "\n\nA new sentence."
    write_nb(nb, src)
    assert cw.main(args) == 0
    assert "A new sentence." in dest.read_text(encoding="utf-8")

    # a student fills in a stub, then the source changes again: refuse, write nothing
    student = read(dest)
    stub = next(c for c in student.cells if "answer_1 = ..." in c.source)
    stub.source = stub.source.replace("answer_1 = ...", "answer_1 = 2.0")
    write_nb(student, dest)
    nb.cells[0].source += " And another."
    write_nb(nb, src)
    capsys.readouterr()
    assert cw.main(args) == 2
    err = capsys.readouterr().err
    assert "edited since they were generated" in err and "--force" in err and str(dest) in err
    assert "answer_1 = 2.0" in dest.read_text(encoding="utf-8")

    assert cw.main(args + ["--force"]) == 0
    assert "answer_1 = ..." in dest.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["missing-folder", "empty-folder", "bad-json", "out-is-source"])
def test_student_command_clear_errors(tmp_path, capsys, case):
    nbdir = tmp_path / "notebooks"
    args = ["student", "--notebooks", str(nbdir), "--out", str(tmp_path / "out")]
    if case != "missing-folder":
        nbdir.mkdir()
    if case == "bad-json":
        (nbdir / "01_broken.ipynb").write_text("{not json", encoding="utf-8")
    if case == "out-is-source":
        write_nb(synthetic_notebook(), nbdir / "99_synthetic.ipynb")
        args[-1] = str(nbdir)
    assert cw.main(args) == 2
    err = capsys.readouterr().err
    expected = {
        "missing-folder": "does not exist",
        "empty-folder": "no .ipynb notebooks",
        "bad-json": "cannot read notebook",
        "out-is-source": "refusing to write into the source folder",
    }[case]
    assert err.startswith("error: ") and expected in err, err
    if case == "bad-json":
        assert "01_broken.ipynb" in err
    assert not (tmp_path / "out").exists()


def _fresh_clone(dest: Path) -> Path:
    """Copy what a clone would hold: tracked and not-ignored files (uncommitted work included)."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO, check=True, capture_output=True,
        ).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    for rel in filter(None, listing):
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def test_cli_works_from_a_fresh_clone(tmp_path):
    clone = _fresh_clone(tmp_path / "clone")
    if not list((clone / "notebooks").glob("*.ipynb")):  # none written yet: exercise the CLI anyway
        write_nb(synthetic_notebook(), clone / "notebooks" / "99_synthetic.ipynb")
    sources = sorted(p.name for p in (clone / "notebooks").glob("*.ipynb"))
    env = {**os.environ, "PYTHONPATH": str(clone)}  # the clone's lrnn_utils, not the installed one
    out = tmp_path / "student-out"
    cmd = [sys.executable, "-m", "tools.coursework", "student", "--out", str(out),
           "--solutions-out", str(tmp_path / "sheets")]

    run = subprocess.run(cmd, cwd=clone, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.glob("*.ipynb")) == sources
    assert (tmp_path / "sheets").is_dir() and not (out / "solutions").exists()
    where = subprocess.run([sys.executable, "-c", "import lrnn_utils; print(lrnn_utils.__file__)"],
                           cwd=clone, env=env, capture_output=True, text=True)
    assert Path(where.stdout.strip()).is_relative_to(clone)

    again = subprocess.run(cmd, cwd=clone, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "0 file(s) written" in again.stdout, again.stdout + again.stderr
    assert not (clone / "student").exists(), "--out was given: nothing may be written elsewhere"
    assert not (clone / "instructor").exists()


# -- executing the student version ------------------------------------------------------------


def execute_until_first_error(nb, workdir: Path):
    """Execute ``nb`` cell by cell in a python3 kernel; stop at the first error.

    Returns ``(cell index, error output)`` or ``None`` if the whole notebook ran.
    Errors in cells tagged ``raises-exception`` that are not exercise stubs (deliberate
    demonstrations) are passed over.
    """
    from nbclient import NotebookClient

    stubs = {i for ex in cw.find_exercises(nb) for i in ex.stubs}
    client = NotebookClient(
        nb, timeout=KERNEL_TIMEOUT, kernel_name="python3", allow_errors=True,
        resources={"metadata": {"path": str(workdir)}},
    )
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, i)
            errs = [o for o in cell.outputs if o.output_type == "error"]
            if not errs:
                continue
            demo = "raises-exception" in cell.metadata.get("tags", []) and i not in stubs
            if not demo:
                return i, errs[0]
    return None


def stub_execution_problem(student_nb, workdir: Path) -> str | None:
    """Why the student version does not stop cleanly at exercise 1's NotImplementedError."""
    exercises = cw.find_exercises(student_nb)
    hit = execute_until_first_error(student_nb, workdir)
    if not exercises:
        return None if hit is None else f"error in {cw.describe_cell(student_nb, hit[0])}: {hit[1].ename}: {hit[1].evalue}"
    if hit is None:
        return "ran to the end without the NotImplementedError of exercise 1"
    index, err = hit
    where = cw.describe_cell(student_nb, index)
    if err.ename != "NotImplementedError":
        return f"first error is {err.ename}: {err.evalue} in {where} (expected NotImplementedError)"
    if "raises-exception" not in student_nb.cells[index].metadata.get("tags", []):
        return f"NotImplementedError in {where}, which is not tagged raises-exception"
    if index not in exercises[0].stubs:
        return f"first NotImplementedError is in {where}, not in the stub of exercise {exercises[0].number}"
    return None


def test_execute_synthetic_student_version_stops_at_exercise_1(tmp_path):
    d = tmp_path / "checkers"
    d.mkdir()
    (d / "nb99.py").write_text(CHECKER_99, encoding="utf-8")
    good = cw.student_notebook(synthetic_notebook(d))
    assert stub_execution_problem(good, tmp_path) is None


def test_execute_synthetic_stub_with_arithmetic_on_ellipsis_fails(tmp_path):
    d = tmp_path / "checkers"
    d.mkdir()
    (d / "nb99.py").write_text(CHECKER_99, encoding="utf-8")
    bad = cw.student_notebook(synthetic_notebook(d, stub_1="answer_1 = 2 * ...\nchecks.exercise_1(answer_1)"))
    problem = stub_execution_problem(bad, tmp_path)
    assert problem is not None and "TypeError" in problem and "expected NotImplementedError" in problem


# -- checks._core -------------------------------------------------------------------------------


RNG = np.random.default_rng(7)
N = 300
VEC = RNG.standard_normal(N)
MAT = RNG.standard_normal((N, 2))
SQUARE = RNG.standard_normal((4, 4))


def cc(answer, reference, **kw):
    return check_close(answer, reference, exercise="Exercise 9", what="the thing", quiet=True, **kw)


@pytest.mark.parametrize("reference", [0.731, VEC, MAT, SQUARE, np.array([1 + 2j, -0.5j])],
                         ids=["scalar", "vector", "matrix", "square", "complex"])
def test_check_close_accepts_the_reference(reference):
    fb = cc(np.array(reference, copy=True), reference, N=N)
    assert fb.passed and fb and fb.message.startswith(CORRECT)
    assert cc(reference + 1e-4 * np.abs(reference), reference).passed, "within rtol"


@pytest.mark.parametrize(
    "answer, reference, hint",
    [
        (-0.731, 0.731, "sign is flipped"),
        (-VEC, VEC, "sign is flipped"),
        (VEC.sum() / N * N, VEC.sum() / N, "forget to divide by N"),
        (MAT * N, MAT, "forget to divide by N"),
        (MAT.T, MAT, "transpose"),
        (SQUARE.T, SQUARE, "transpose"),
        (MAT * np.sqrt(N), MAT, "√N times too large"),
        (VEC[:, None], VEC, "numbers are right but the thing should have shape (300,)"),
        (3 * VEC, VEC, "proportional to the right answer but 3 times"),
        (VEC + 1, VEC, "not right yet"),
        (VEC[:10], VEC, "should have shape (300,), got (10,)"),
        (np.full(N, np.nan), VEC, "NaN"),
        ("kappa", 0.5, "should be a number"),
    ],
    ids=["sign-scalar", "sign-vector", "forgot-1/N-scalar", "forgot-1/N-matrix", "transposed",
         "transposed-square", "sqrtN", "column-vector", "factor", "wrong", "wrong-shape", "nan", "type"],
)
def test_check_close_rejects_typical_mistakes_with_a_specific_hint(answer, reference, hint):
    fb = cc(answer, reference, N=N)
    assert not fb.passed and not fb
    assert fb.message.startswith(f"{NOT_YET} Exercise 9") and hint in fb.message, fb.message


def test_check_close_custom_diagnosis_comes_first():
    fb = cc(2 * VEC, VEC, diagnoses=[(lambda r: 2 * r, "Count each neuron once.")])
    assert fb.message == f"{NOT_YET} Exercise 9: Count each neuron once."


def test_check_close_forgotten_1_over_N_needs_N_to_be_named():
    assert "divide by N" not in cc(VEC.sum(), VEC.sum() / N).message
    assert "divide by N" in cc(VEC.sum(), VEC.sum() / N, N=N).message


def test_check_close_never_prints_the_reference():
    ref = 0.123456
    for answer in (0.9, -ref, ref * N):
        assert "0.123" not in cc(answer, ref, N=N).message


@pytest.mark.parametrize("stub", [..., None, (1.0, ...), [..., ...], np.array([1.0, ...], dtype=object),
                                  {"kappa": ..., "mu": 1.0}],
                         ids=["ellipsis", "none", "tuple", "list", "object-array", "dict"])
def test_check_close_raises_NotImplementedError_on_a_stub(stub):
    assert not_done(stub)
    with pytest.raises(NotImplementedError, match="Exercise 9"):
        cc(stub, 1.0)


def test_not_done_is_false_for_answers():
    for answer in (0.0, VEC, [1.0, None], (0, 1), {"a": 1.0}, np.array([1.0, 2.0], dtype=object)):
        assert not not_done(answer)


def test_feedback_prints_once_and_stays_backward_compatible(capsys):
    fb = check_close(1.0, 1.0, exercise="Exercise 9", what="x")
    assert capsys.readouterr().out == fb.message + "\n"
    assert fb.printed and fb._ipython_display_() is None  # Jupyter shows the printed line only
    assert check_close(1.0, 1.0, exercise="Exercise 9", what="x", quiet=True).printed is False
    assert capsys.readouterr().out == ""
    legacy = Feedback(False, "m")
    assert not legacy and legacy.message == "m" and legacy == Feedback(False, "m", printed=True)
    assert legacy._repr_markdown_() == "m"


# -- the real notebooks ------------------------------------------------------------------------


@per_notebook
def test_student_version_contains_no_solution_code(path):
    nb = read(path)
    student = cw.student_notebook(nb, source=f"notebooks/{path.name}")
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in student.cells if c.cell_type == "code")
    assert any("solution" in c.metadata.get("tags", []) for c in nb.cells), f"{path.name} has no solution cells"
    leaks = cw.leaked_solution_lines(nb, student)
    assert leaks == [], f"{path.name}: solution code readable in the student version: {leaks}"


@per_notebook
def test_exercises_follow_the_pattern(path):
    problems = cw.structure_problems(read(path), path.name)
    errs = [str(p) for p in problems if p.severity == "error"]
    assert not errs, "\n".join(errs)


@per_notebook
def test_checker_module_exists(path):
    nb = read(path)
    number = path.name.split("_", 1)[0]
    if not cw.find_exercises(nb):
        pytest.fail(f"{path.name} has no exercises ('### Exercise K: ...')")
    module = REPO / "lrnn_utils" / "checks" / f"nb{number}.py"
    assert module.is_file(), f"{module.relative_to(REPO)} is missing"


def stored_output_problems(nb) -> list[str]:
    """What is wrong in the outputs saved with an instructor notebook (what a student first sees).

    A stub's saved error must be a NotImplementedError; a solution cell must not raise, must
    not show a failed verdict, and must show a passed one when it calls its checker.
    """
    problems = []
    for ex in cw.find_exercises(nb):
        for s in ex.stubs:
            errs = [o for o in nb.cells[s].outputs if o.output_type == "error"]
            if errs and errs[0].ename != "NotImplementedError":
                problems.append(f"Exercise {ex.number}, {cw.describe_cell(nb, s)}: stored error {errs[0].ename}")
        for s in ex.solutions:
            cell = nb.cells[s]
            if cell.cell_type != "code":
                continue
            text = "".join(
                o.get("text", "") if o.output_type == "stream" else
                "".join(o.get("data", {}).get("text/plain", "")) + "".join(o.get("data", {}).get("text/markdown", ""))
                for o in cell.outputs if o.output_type != "error"
            )
            where = f"Exercise {ex.number}, {cw.describe_cell(nb, s)}"
            if any(o.output_type == "error" for o in cell.outputs):
                problems.append(f"{where}: the solution raises")
            if any(mark in text for mark in FAIL_MARKS):
                problems.append(f"{where}: the checker rejects the solution")
            elif f"exercise_{ex.number}(" in cell.source and not any(m in text for m in PASS_MARKS):
                problems.append(f"{where}: no passed verdict from the checker in the output")
    return problems


def test_stored_output_problems_detects_wrong_saved_outputs():
    nb = synthetic_notebook()
    exs = cw.find_exercises(nb)
    for ex in exs:
        nb.cells[ex.stubs[0]].outputs = [new_output("error", ename="NotImplementedError", evalue="x", traceback=[])]
        nb.cells[ex.solutions[0]].outputs = [new_output("stream", name="stdout", text=f"{CORRECT} Exercise: correct\n")]
    assert stored_output_problems(nb) == []
    nb.cells[exs[0].stubs[0]].outputs = [new_output("error", ename="TypeError", evalue="x", traceback=[])]
    nb.cells[exs[1].solutions[0]].outputs = [new_output("stream", name="stdout", text=f"{NOT_YET} Exercise 2: sign\n")]
    nb.cells[exs[2].solutions[0]].outputs = []
    found = stored_output_problems(nb)
    assert len(found) == 3, found
    assert "Exercise 1" in found[0] and "TypeError" in found[0]
    assert "rejects" in found[1] and "no passed verdict" in found[2]


@per_notebook
def test_stored_outputs_show_stub_and_reference_behaviour(path):
    """What a student sees on first open: stubs end in NotImplementedError, solutions pass."""
    nb = read(path)
    if not any(c.get("execution_count") for c in nb.cells if c.cell_type == "code"):
        pytest.skip(f"{path.name} is stored without outputs")
    problems = stored_output_problems(nb)
    assert not problems, "\n".join(problems)


@per_notebook
def test_execute_student_version_stops_at_the_first_exercise(path, tmp_path):
    if (REPO / "figures").is_dir():  # notebooks may read or write ../figures
        shutil.copytree(REPO / "figures", tmp_path / "figures")
    else:
        (tmp_path / "figures").mkdir()
    workdir = tmp_path / "student"
    workdir.mkdir()
    student = cw.student_notebook(read(path))
    problem = stub_execution_problem(student, workdir)
    assert problem is None, f"student/{path.name}: {problem}"


# -- the distribution zip -----------------------------------------------------------------------


def test_dist_zip_of_a_synthetic_course_holds_what_a_student_needs(tmp_path):
    repo = tmp_path / "repo"
    write_nb(with_outputs(synthetic_notebook()), repo / "notebooks" / "99_synthetic.ipynb")
    (repo / "notebooks" / "99_synthetic.py").write_text("# full pair\n", encoding="utf-8")
    shutil.copytree(REPO / "lrnn_utils", repo / "lrnn_utils",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "pyproject.toml", repo / "pyproject.toml")
    (repo / "figures").mkdir()
    (repo / "figures" / "99_plot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = cw.build_zip(tmp_path / "out.zip", repo=repo, notebooks=repo / "notebooks",
                          allow_library_leaks=True)
    import zipfile

    names = zipfile.ZipFile(result.path).namelist()
    top = dist.TOP
    assert f"{top}/notebooks/99_synthetic.ipynb" in names and f"{top}/figures/99_plot.png" in names
    assert {f"{top}/pyproject.toml", f"{top}/README.md", f"{top}/lrnn_utils/__init__.py"} <= set(names)
    assert not [n for n in names if n.endswith(".py") and "/notebooks/" in n], "no full .py pairs"
    assert not [n for n in names if "solution" in n.lower() or "__pycache__" in n or "/tests/" in n]
    assert cw.leaks_in_zip(result.path, repo / "notebooks") == []
    # the leak check can fail: a full notebook in the zip leaks every exercise
    leaky = tmp_path / "leaky.zip"
    with zipfile.ZipFile(result.path) as src, zipfile.ZipFile(leaky, "w") as dst:
        for n in src.namelist():
            dst.writestr(n, src.read(n))
        dst.writestr(f"{top}/extra/99_synthetic.ipynb", (repo / "notebooks" / "99_synthetic.ipynb").read_bytes())
    found = cw.leaks_in_zip(leaky, repo / "notebooks")
    assert {f.split(" exercise ")[1].split(":")[0] for f in found} == {"1", "2", "3"}, found


def test_dist_refuses_to_write_a_zip_with_solution_code(tmp_path):
    repo = tmp_path / "repo"
    nb = synthetic_notebook()
    stub = next(c for c in nb.cells if "answer_2 = ..." in c.source)
    stub.source = stub.source.replace("# your code", "# hint: scale_2 * (base[1] * 2 + np.cos(0.0))")
    write_nb(nb, repo / "notebooks" / "99_synthetic.ipynb")
    (repo / "lrnn_utils").mkdir()
    (repo / "lrnn_utils" / "__init__.py").write_text("", encoding="utf-8")
    shutil.copy2(REPO / "pyproject.toml", repo / "pyproject.toml")
    with pytest.raises(cw.CourseworkError, match="solution code would be handed out"):
        cw.build_zip(tmp_path / "out.zip", repo=repo, allow_library_leaks=True)
    assert not (tmp_path / "out.zip").exists()


def test_dist_zip_of_the_course_has_no_solution_line(tmp_path):
    """No file handed out holds a solution statement (the package's checkers: see below)."""
    result = cw.build_zip(tmp_path / "student.zip", allow_library_leaks=True)
    leaks = [x for x in cw.leaks_in_zip(result.path) if f"{dist.TOP}/lrnn_utils/" not in x]
    assert leaks == []
    import zipfile

    names = zipfile.ZipFile(result.path).namelist()
    assert len([n for n in names if n.endswith(".ipynb")]) == len(NOTEBOOKS)


def test_dist_package_files_hold_no_solution_statement(tmp_path):
    result = cw.build_zip(tmp_path / "student.zip", allow_library_leaks=True)
    assert result.library_leaks == ()


def test_dist_zip_installs_and_imports(tmp_path):
    """The unpacked zip is a project pip can install (checked without network: metadata only)."""
    import tomllib
    import zipfile

    result = cw.build_zip(tmp_path / "student.zip", allow_library_leaks=True)
    zipfile.ZipFile(result.path).extractall(tmp_path / "unpacked")
    root = tmp_path / "unpacked" / dist.TOP
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    for package in meta["tool"]["setuptools"]["packages"]:
        assert (root / package.replace(".", "/") / "__init__.py").is_file(), package
    assert (root / meta["project"]["readme"]).is_file()
    run = subprocess.run([sys.executable, "-c", "import lrnn_utils, lrnn_utils.checks; print(lrnn_utils.__file__)"],
                         cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and Path(run.stdout.strip()).is_relative_to(root), run.stderr
