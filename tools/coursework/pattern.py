"""The exercise pattern of the notebooks, and the check that no solution leaks.

Every exercise in ``notebooks/`` follows one pattern (see :func:`find_exercises`)::

    ### Exercise K: <task>                       markdown cell
    answer = ...                                 code stub, tagged ``raises-exception``
    checks.exercise_K(answer)                    (``from lrnn_utils.checks import nbNN as checks``)
    answer = <reference solution>                code cell(s) tagged ``solution``
    checks.exercise_K(answer)

:func:`structure_problems` reports where a notebook deviates from it;
:func:`leaked_solution_lines` finds solution code still readable in a student version (or in
any other text handed out).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "SOLUTION_TAG",
    "STUB_TAG",
    "CourseworkError",
    "Exercise",
    "Problem",
    "describe_cell",
    "is_solution",
    "find_exercises",
    "structure_problems",
    "leaked_solution_lines",
]

SOLUTION_TAG = "solution"
"""Cells with this tag are removed from the student version."""

STUB_TAG = "raises-exception"
"""Exercise stubs carry this tag: they raise ``NotImplementedError`` until completed."""

_EXERCISE_HEADING = re.compile(
    r"^\s{0,3}#{1,6}\s*Exercise\s+(\d+)\s*(?:[:.\u2014\u2013-]\s*)?(.*?)\s*#*\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_ANY_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S", re.MULTILINE)
_CHECKER_CALL = re.compile(r"\b([A-Za-z_]\w*)\.exercise_(\d+)\s*\(")
_CHECKER_IMPORT = re.compile(
    r"^\s*(?:from\s+lrnn_utils\.checks\s+import\s+nb(\d+)(?:\s+as\s+([A-Za-z_]\w*))?"
    r"|import\s+lrnn_utils\.checks\.nb(\d+)\s+as\s+([A-Za-z_]\w*))",
    re.MULTILINE,
)
_NOTEBOOK_NUMBER = re.compile(r"^(\d+)_")
_NEAR_SOLUTION_TAGS = {"solutions", "sol", "hide-solution"}
ANSWER_TAG = "answer"
"""Markdown cells with this tag are where a student writes a predict/explain answer; they stay."""


class CourseworkError(Exception):
    """A problem the user can fix (missing folder, unreadable notebook, edited student copy)."""


# -- cells -----------------------------------------------------------------------------------


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src or "")


def _tags(cell: dict) -> list[str]:
    return list((cell.get("metadata") or {}).get("tags") or [])


def is_solution(cell: dict) -> bool:
    """Whether a cell is removed from the student version.

    Parameters
    ----------
    cell : dict or nbformat.NotebookNode

    Returns
    -------
    bool
        True if the cell's ``metadata.tags`` contains ``"solution"``.
    """
    return SOLUTION_TAG in _tags(cell)


def _has_ellipsis(code: str) -> bool:
    """True if ``code`` contains the ``...`` token (outside strings and comments)."""
    try:
        return any(
            tok.type == tokenize.OP and tok.string == "..."
            for tok in tokenize.generate_tokens(io.StringIO(code).readline)
        )
    except (tokenize.TokenError, IndentationError, SyntaxError):
        # IPython syntax (magics, !shell) may not tokenize: fall back to a plain search
        return re.search(r"(?<![.\w])\.\.\.(?!\.)", code) is not None


def _raises_not_implemented(code: str) -> bool:
    return re.search(r"\braise\s+NotImplementedError\b", code) is not None


def describe_cell(nb: dict, index: int) -> str:
    """Human-readable pointer to ``nb["cells"][index]``: its index, id and first line.

    Parameters
    ----------
    nb : dict or nbformat.NotebookNode
    index : int

    Returns
    -------
    str
        E.g. ``"cell 12 (id 3fa2c1d0, '### Exercise 2: the outlier')"``.
    """
    cell = nb["cells"][index]
    first = next((ln.strip() for ln in _source(cell).splitlines() if ln.strip()), "<empty>")
    if len(first) > 60:
        first = first[:57] + "..."
    cid = cell.get("id")
    return f"cell {index}" + (f" (id {cid}, {first!r})" if cid else f" ({first!r})")


# -- exercise structure ------------------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    """One exercise of a notebook, as cell indices into ``nb["cells"]``.

    Attributes
    ----------
    number : int
        ``K`` of the heading ``### Exercise K: ...``.
    title : str
        The rest of the heading.
    heading : int
        Index of the markdown cell with the heading.
    stubs : tuple of int
        Code cells between the heading and the first solution cell (the stub the student fills).
    solutions : tuple of int
        The ``solution``-tagged cells of the exercise (code or markdown; an exercise may
        have several parts, each a stub or an answer cell followed by its solution).
    answers : tuple of int
        Markdown cells tagged ``answer``, where the student writes a predict/explain part.
    """

    number: int
    title: str
    heading: int
    stubs: tuple[int, ...]
    solutions: tuple[int, ...]
    answers: tuple[int, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A deviation from the exercise pattern, located at a cell.

    ``severity`` is ``"error"`` (breaks the coursework: a test fails) or ``"warning"``.
    """

    notebook: str
    cell: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.notebook}: {self.cell}: {self.severity}: {self.message}"


def find_exercises(nb: dict) -> list[Exercise]:
    """Locate the exercises of a notebook.

    An exercise starts at a markdown cell with a heading ``Exercise K`` (any level, e.g.
    ``### Exercise 2: the outlier``). It runs to the next markdown heading
    (another exercise or a section). Its stubs are its code cells not tagged ``solution``, its
    solutions the cells tagged ``solution``, and its answers the markdown cells tagged
    ``answer`` (predict/explain parts). An exercise may have several parts.

    Parameters
    ----------
    nb : dict or nbformat.NotebookNode

    Returns
    -------
    list of Exercise
        In notebook order.
    """
    cells = nb.get("cells", [])
    exercises = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        m = _EXERCISE_HEADING.search(_source(cell)) if cell.get("cell_type") == "markdown" else None
        if m is None or is_solution(cell):
            i += 1
            continue
        stubs, solutions, answers = [], [], []
        j = i + 1
        while j < len(cells):
            c = cells[j]
            if is_solution(c):
                solutions.append(j)
            elif c.get("cell_type") == "markdown" and (
                _EXERCISE_HEADING.search(_source(c)) or _ANY_HEADING.search(_source(c))
            ):
                break
            elif ANSWER_TAG in _tags(c):
                answers.append(j)
            elif c.get("cell_type") == "code":
                stubs.append(j)
            j += 1
        exercises.append(Exercise(int(m.group(1)), m.group(2).strip(), i, tuple(stubs),
                                  tuple(solutions), tuple(answers)))
        i = j
    return exercises


def _notebook_number(name: str) -> str | None:
    m = _NOTEBOOK_NUMBER.match(Path(name).name)
    return m.group(1) if m else None


def _checker_aliases(nb: dict) -> dict[str, str]:
    """``{alias: "NN"}`` for every ``from lrnn_utils.checks import nbNN as alias`` in ``nb``."""
    aliases = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for m in _CHECKER_IMPORT.finditer(_source(cell)):
            if m.group(1) is not None:
                aliases[m.group(2) or f"nb{m.group(1)}"] = m.group(1)
            else:
                aliases[m.group(4)] = m.group(3)
    return aliases


def structure_problems(
    nb: dict,
    name: str = "notebook.ipynb",
    *,
    min_exercises: int = 3,
    max_exercises: int = 5,
    import_checkers: bool = True,
) -> list[Problem]:
    """Check a notebook against the exercise pattern; return what deviates.

    Errors: fewer than ``min_exercises`` or more than ``max_exercises`` exercises; numbers not
    1, 2, 3, ... in order; an exercise without a stub code cell tagged ``raises-exception`` that
    contains a ``...`` gap (or ``raise NotImplementedError``) and calls ``<alias>.exercise_K(``;
    a checker alias not imported from ``lrnn_utils.checks.nbNN`` with the notebook's own
    number ``NN``; a missing checker module or function; an exercise without a following
    ``solution`` cell; ``solution`` cells outside an exercise; a near-miss tag such as
    ``solutions`` or ``Solution`` (that cell would leak into the student version); a later
    cell that reads a name only a solution cell defines (the student version would fail
    there even with every exercise done). Warnings: a solution that does not call its checker (the instructor run shows no verdict).

    Parameters
    ----------
    nb : dict or nbformat.NotebookNode
        The instructor notebook.
    name : str
        File name, for the messages and the notebook number ``NN`` (from ``NN_topic.ipynb``).
    min_exercises, max_exercises : int
        Allowed number of exercises.
    import_checkers : bool, default True
        Import ``lrnn_utils.checks.nbNN`` to verify that it defines ``exercise_K``.

    Returns
    -------
    list of Problem
        Empty if the notebook follows the pattern.
    """
    cells = nb.get("cells", [])
    problems: list[Problem] = []

    def report(index: int | None, message: str, severity: str = "error") -> None:
        where = describe_cell(nb, index) if index is not None else "notebook"
        problems.append(Problem(Path(name).name, where, message, severity))

    for i, cell in enumerate(cells):
        for tag in _tags(cell):
            if tag != SOLUTION_TAG and (tag.lower() in _NEAR_SOLUTION_TAGS or tag.lower() == SOLUTION_TAG):
                report(i, f"tag {tag!r} is not {SOLUTION_TAG!r}: this cell would stay in the student version")

    exercises = find_exercises(nb)
    if not min_exercises <= len(exercises) <= max_exercises:
        report(None, f"has {len(exercises)} exercise(s); expected {min_exercises}-{max_exercises} "
                     "(markdown headings '### Exercise K: ...')")
    numbers = [ex.number for ex in exercises]
    if numbers != list(range(1, len(exercises) + 1)):
        report(None, f"exercises are numbered {numbers}; expected 1, 2, ... in order")

    nn = _notebook_number(name)
    aliases = _checker_aliases(nb)
    module = None
    if exercises:
        if nn is None:
            report(None, "file name does not start with a number 'NN_': cannot tell its checker module")
        else:
            modname = f"lrnn_utils.checks.nb{nn}"
            if importlib.util.find_spec(modname) is None:
                report(None, f"checker module {modname} (lrnn_utils/checks/nb{nn}.py) does not exist")
            elif import_checkers:
                try:
                    module = importlib.import_module(modname)
                except Exception as exc:  # noqa: BLE001 - report any import failure
                    report(None, f"checker module {modname} fails to import: {exc!r}")
            if nn not in aliases.values():
                report(None, f"no cell imports the checkers: expected "
                             f"'from lrnn_utils.checks import nb{nn} as checks'")
        wrong = sorted(a for a, n in aliases.items() if nn is not None and n != nn)
        for alias in wrong:
            report(None, f"imports checkers of another notebook (nb{aliases[alias]} as {alias})")

    in_exercise = set()
    for ex in exercises:
        label = f"Exercise {ex.number}"
        in_exercise.update(ex.solutions)
        # the stub
        calls = []
        for s in ex.stubs:
            for m in _CHECKER_CALL.finditer(_source(cells[s])):
                calls.append((s, m.group(1), int(m.group(2))))
        calling = [s for s, alias, k in calls if alias in aliases]
        if not ex.stubs and not ex.answers:
            report(ex.heading, f"{label} has neither a stub code cell nor an answer cell "
                               "between its heading and its solution")
        elif ex.stubs and not calling:  # a written-only exercise has answers, no stub
            report(ex.stubs[-1], f"{label}: the stub does not call a checker "
                                 f"('checks.exercise_{ex.number}(answer)' with checks imported from "
                                 f"lrnn_utils.checks.nb{nn or 'NN'})")
        for s, alias, k in calls:
            if alias in aliases and k != ex.number:
                report(s, f"{label}: the stub calls {alias}.exercise_{k}; expected exercise_{ex.number}")
        for s in calling:
            code = _source(cells[s])
            if STUB_TAG not in _tags(cells[s]):
                report(s, f"{label}: the stub cell is not tagged {STUB_TAG!r}")
            if not (_has_ellipsis(code) or _raises_not_implemented(code)):
                report(s, f"{label}: the stub has no '...' gap (nor 'raise NotImplementedError')")
        for s in ex.stubs:
            if s not in calling and _has_ellipsis(_source(cells[s])):
                if STUB_TAG not in _tags(cells[s]):
                    report(s, f"{label}: code cell with a '...' gap is not tagged {STUB_TAG!r} "
                              "and does not call the checker")
        if module is not None and not callable(getattr(module, f"exercise_{ex.number}", None)):
            report(ex.heading, f"{label}: lrnn_utils.checks.nb{nn} has no function exercise_{ex.number}")
        # the solution
        if not ex.solutions:
            report(ex.heading, f"{label} has no following cell tagged {SOLUTION_TAG!r}")
            continue
        sol_code = "\n".join(_source(cells[s]) for s in ex.solutions if cells[s].get("cell_type") == "code")
        if not sol_code.strip():
            report(ex.solutions[0], f"{label}: the solution has no code cell", "warning")
        elif not any(a in aliases and int(k) == ex.number for a, k in _CHECKER_CALL.findall(sol_code)):
            report(ex.solutions[0], f"{label}: the solution does not call "
                                    f"exercise_{ex.number} (the instructor run shows no verdict)", "warning")
        if _has_ellipsis(sol_code):
            report(ex.solutions[0], f"{label}: the solution still contains a '...' gap")

    for i, cell in enumerate(cells):
        if is_solution(cell) and i not in in_exercise:
            report(i, f"cell tagged {SOLUTION_TAG!r} does not directly follow an exercise's stub")

    # names that only a solution defines must not be needed by the cells that follow
    student_defined: set[str] = set()
    solution_only: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        stored, loaded = _names(_source(cell))
        if is_solution(cell):
            for n in stored - student_defined:
                solution_only.setdefault(n, i)
            continue
        missing = sorted(n for n in loaded - stored if n in solution_only)
        if missing:
            where = ", ".join(f"{n} (cell {solution_only[n]})" for n in missing)
            report(i, f"uses names that only a solution cell defines: {where}; the student version "
                      "fails here even when every exercise is done (define them in the stub, or in "
                      "this cell)")
        student_defined |= stored
        for n in stored:
            solution_only.pop(n, None)
    return problems


def _names(code: str) -> tuple[set[str], set[str]]:
    """Names a cell binds and names it reads (IPython magics and shell lines ignored)."""
    code = "\n".join(ln for ln in code.splitlines() if not ln.lstrip().startswith(("%", "!")))
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set(), set()
    stored, loaded = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else stored).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stored.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            stored.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.arg):
            stored.add(node.arg)
    return stored, loaded


# -- solution leaks --------------------------------------------------------------------------

_TRIVIAL_CODE = re.compile(
    r"""^(?:
        (?:from\s+\S+\s+)?import\s.*          # imports
      | (?:else|try|finally|pass|break|continue|except.*)\s*:?\s*
      | (?:for|while|with|if|elif|def|class)\b.*:\s*   # compound-statement headers
      | return(?:\s+[\w.]+)?\s*                        # return / return name
      | [\w.]+\s*=\s*(?:\[\]|\{\}|\(\)|dict\(\)|list\(\)|0|0\.0|None)\s*   # empty initialisation
      | .*\bexercise_\d+\s*\(.*                # checker calls
      | (?:plt|ax|axs|axes|fig)\b[.\[].*      # plotting boilerplate
      | fig\s*,\s*ax[s]?\s*=.*
      | display\(.*
      | rng\w*\s*=\s*np\.random\.default_rng\(.*\)\s*   # a cell's own generator (public)
    )$""",
    re.VERBOSE,
)


def _code_lines(code: str) -> list[str]:
    """Logical lines (statements) of ``code``, comments removed, whitespace collapsed.

    A call spread over several physical lines is one statement. Code that does not tokenize
    (IPython magics) falls back to physical lines.
    """
    lines = code.splitlines()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return [" ".join(re.sub(r"(^|\s)#.*$", "", ln).split()) for ln in lines]
    for tok in sorted((t for t in tokens if t.type == tokenize.COMMENT), key=lambda t: t.start, reverse=True):
        row, col = tok.start
        lines[row - 1] = lines[row - 1][:col]
    out, first = [], None
    for tok in tokens:
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
            continue
        if first is None:
            first = tok.start[0]
        if tok.type == tokenize.NEWLINE:
            out.append(" ".join(" ".join(lines[first - 1:tok.end[0]]).split()))
            first = None
    if first is not None:
        out.append(" ".join(" ".join(lines[first - 1:]).split()))
    return out


def _squash(text: str) -> str:
    return "".join(text.split())


_ASSIGNMENT = re.compile(r"^[\w\s,.\[\]()]+?(?<![=!<>])=(?!=)(.+)$")


def leaked_solution_lines(source_nb: dict, student_nb: dict, *, min_chars: int = 8) -> list[tuple[int, str]]:
    """Solution code of ``source_nb`` that can still be read in ``student_nb``.

    For every exercise, the *solution code* is each statement of its ``solution`` code cells
    (a call spread over several lines is one statement) with comments removed, except trivial
    ones (imports, checker calls, headers such as ``for ... :`` or ``else:``, ``x = []``,
    plotting boilerplate, fewer than ``min_chars`` non-blank characters) and the scaffold
    (statements that are also in the exercise's own stub). A statement leaks if it occurs,
    whitespace ignored, inside any cell of ``student_nb`` (code, comments, strings, markdown);
    the right-hand side of an assignment leaks if it occurs in the exercise's own stub (a hint
    that gives the answer away). A line of at least 30 characters of a markdown solution cell
    leaks if it occurs in any student cell.

    Parameters
    ----------
    source_nb : dict or nbformat.NotebookNode
        The instructor notebook.
    student_nb : dict or nbformat.NotebookNode
        Its student version (e.g. ``strip_solutions(source_nb)``).
    min_chars : int
        Shortest statement (non-blank characters) that counts as solution code.

    Returns
    -------
    list of (int, str)
        ``(exercise number, leaked statement)``, the number 0 for a solution cell outside any
        exercise; empty if nothing leaks.
    """
    cells = source_nb.get("cells", [])
    student_cells = student_nb.get("cells", [])
    haystack = [_squash(_source(c)) for c in student_cells]
    # the student's stub of exercise K, without its checker call (which passes inputs, not answers)
    student_stubs = {
        ex.number: [
            "".join(_squash(ln) for ln in _source(student_cells[s]).splitlines() if not _CHECKER_CALL.search(ln))
            for s in ex.stubs
        ]
        for ex in find_exercises(student_nb)
    }
    leaks = []
    exercises = find_exercises(source_nb)
    owner = {s: ex for ex in exercises for s in ex.solutions}
    for i, cell in enumerate(cells):
        if not is_solution(cell):
            continue
        ex = owner.get(i)
        number = ex.number if ex else 0
        scaffold = {_squash(ln) for s in (ex.stubs if ex else ()) for ln in _code_lines(_source(cells[s]))}
        stub_hay = student_stubs.get(number, [])
        if cell.get("cell_type") != "code":
            for line in _source(cell).splitlines():
                if len(_squash(line)) >= 30 and any(_squash(line) in hay for hay in haystack):
                    leaks.append((number, line.strip()))
            continue
        for line in _code_lines(_source(cell)):
            squashed = _squash(line)
            if (not line or _TRIVIAL_CODE.match(line) or line.startswith(("%", "!"))
                    or squashed in scaffold or len(squashed) < min_chars):
                continue
            if any(squashed in hay for hay in haystack):
                leaks.append((number, line))
                continue
            m = _ASSIGNMENT.match(line)
            rhs = _squash(m.group(1)) if m else ""
            if len(rhs) >= min_chars and any(rhs in hay for hay in stub_hay):
                leaks.append((number, m.group(1).strip()))
    return leaks
