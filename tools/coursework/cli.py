"""Command line of :mod:`tools.coursework`:
``python -m tools.coursework {student,check,dist,course,table}``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterable, Sequence

from .course import points_table, write_course
from .dist import build_zip
from .gradecheck import points_problems
from .pattern import CourseworkError, Problem, leaked_solution_lines, structure_problems
from .student import REPO, generate_student, read_notebook, strip_solutions


def _check(paths: Sequence[Path]) -> list[Problem]:
    problems = []
    for path in paths:
        nb = read_notebook(path)
        problems += structure_problems(nb, path.name)
        for number, line in leaked_solution_lines(nb, strip_solutions(nb)):
            problems.append(Problem(path.name, f"Exercise {number}",
                                    f"solution code readable in the student version: {line!r}"))
        for message in points_problems(nb):
            exercise, _, text = message.partition(": ")
            problems.append(Problem(path.name, exercise, text))
    return problems


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.coursework",
        description="Student version of the notebooks, the instructors' solutions, the zip to hand out.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="{student,check,dist,course,table}")
    p = sub.add_parser("student", help="write student/NN_topic.ipynb (solutions removed, outputs "
                                       "cleared) and instructor/solutions/NN_topic_solutions.md")
    p.add_argument("--notebooks", type=Path, default=None,
                   help="folder of instructor notebooks (default: the repository's notebooks/)")
    p.add_argument("--out", type=Path, default=None,
                   help="folder for the student notebooks (default: student/ beside notebooks/)")
    p.add_argument("--solutions-out", type=Path, default=None,
                   help="folder for the solution sheets, outside --out "
                        "(default: instructor/solutions/ beside notebooks/)")
    p.add_argument("--force", action="store_true",
                   help="overwrite student notebooks edited since they were generated")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    c = sub.add_parser("check", help="report where notebooks deviate from the exercise pattern")
    c.add_argument("--notebooks", type=Path, default=None,
                   help="folder of instructor notebooks (default: the repository's notebooks/)")
    c.add_argument("paths", nargs="*", type=Path, help="notebooks to check (default: all)")
    d = sub.add_parser("dist", help="write the zip to hand out: student notebooks, figures, "
                                    "lrnn_utils source and pyproject (no solutions)")
    d.add_argument("--out", type=Path, default=None,
                   help="the zip to write (default: dist/lowrank-rnn-student.zip)")
    d.add_argument("--notebooks", type=Path, default=None,
                   help="folder of instructor notebooks (default: the repository's notebooks/)")
    d.add_argument("--allow-library-leaks", action="store_true",
                   help="write the zip even if lrnn_utils/ (the checkers) repeats solution "
                        "statements; they are listed as warnings")
    g = sub.add_parser("course", help="write the nbgrader course: nbgrader_config.py and "
                                      "source/NN_topic/NN_topic.ipynb (points, hidden tests)")
    g.add_argument("--out", type=Path, default=None,
                   help="the course folder (default: course/ in the repository)")
    g.add_argument("--notebooks", type=Path, nargs="+", default=None,
                   help="folder of full notebooks, or .ipynb files (default: notebooks/)")
    t = sub.add_parser("table", help="print the Markdown table of the exercises' points, "
                                     "difficulty and minutes")
    t.add_argument("--notebooks", type=Path, default=None,
                   help="folder of full notebooks (default: the repository's notebooks/)")
    return parser


def main(argv: Iterable[str] | None = None) -> int:
    """Exit status: 0 on success, 1 if ``check`` found errors, 2 on a usage or input error."""
    args = _parser().parse_args(list(argv) if argv is not None else None)
    try:
        if args.command == "student":
            report = generate_student(args.notebooks, args.out, args.solutions_out, force=args.force)
            if not args.quiet:
                for path, status in report.files:
                    print(f"{status:>11}  {path}")
                n_nb = sum(1 for p, _ in report.files if p.suffix == ".ipynb")
                print(f"{n_nb} student notebook(s); {len(report.changed())} file(s) written")
            return 0
        if args.command == "dist":
            result = build_zip(args.out, notebooks=args.notebooks,
                               allow_library_leaks=args.allow_library_leaks)
            for leak in result.library_leaks:
                print(f"warning: solution statement in the package: {leak}", file=sys.stderr)
            print(f"wrote {result.path} (student notebooks, figures, lrnn_utils, pyproject.toml; "
                  "no solution sheets, no full notebooks)")
            return 0
        if args.command == "course":
            nbs = args.notebooks
            if nbs is not None and len(nbs) == 1 and nbs[0].is_dir():
                nbs = nbs[0]
            written = write_course(args.out, nbs)
            for path in written:
                print(f"wrote {path}")
            print(f"{len(written) - 1} assignment(s); next, from {written[0].parent}: "
                  "nbgrader generate_assignment NN_topic --create")
            return 0
        if args.command == "table":
            print(points_table(args.notebooks))
            return 0
        paths = list(args.paths)
        if not paths:
            src_dir = args.notebooks if args.notebooks is not None else REPO / "notebooks"
            paths = sorted(Path(src_dir).glob("*.ipynb"))
            if not paths:
                raise CourseworkError(f"no .ipynb notebooks in {src_dir}")
        problems = _check(paths)
        for problem in problems:
            print(problem)
        errors = sum(p.severity == "error" for p in problems)
        print(f"{len(paths)} notebook(s): {errors} error(s), {len(problems) - errors} warning(s)")
        return 1 if errors else 0
    except CourseworkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

