"""The student version of the notebooks, and the instructors' solution sheets.

The student notebook is the instructor notebook run through two nbconvert preprocessors:
``TagRemovePreprocessor`` (drops every cell tagged ``solution``) and
``ClearOutputPreprocessor`` (outputs, execution counts and per-cell timing). The removed cells
are collected, per notebook, into a Markdown sheet for the instructors, written to a folder
*outside* the one handed out (default ``instructor/solutions/``).

Copies are written idempotently (a second run rewrites nothing) and a copy that was edited
since it was generated (a student's work) is never overwritten without ``force``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .pattern import (
    SOLUTION_TAG,
    CourseworkError,
    _EXERCISE_HEADING,
    _source,
    find_exercises,
    is_solution,
)

__all__ = [
    "REPO",
    "GenerationReport",
    "strip_solutions",
    "student_notebook",
    "full_copy",
    "solutions_markdown",
    "write_copies",
    "generate_student",
    "read_notebook",
]

REPO = Path(__file__).resolve().parents[2]
"""The repository this tool folder belongs to."""

_METADATA_KEY = "lrnn_coursework"
_TIMING_FIELDS = {"collapsed", "scrolled", "execution", "ExecuteTime"}


def _nbformat():
    try:
        import nbformat
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise CourseworkError(
            "nbformat is not installed: install the notebook extras, "
            "e.g. `python -m pip install -e \".[notebooks]\"`"
        ) from exc
    return nbformat


_TEST_MARKER = re.compile(r"^[ \t]*#[ \t]*NBVAL_[A-Z_]+[ \t]*\n?", re.MULTILINE)


def _strip_test_markers(nb):
    """Drop the ``# NBVAL_...`` comment lines (test plumbing) from the code cells, in place."""
    from nbconvert.preprocessors import Preprocessor

    class StripTestMarkers(Preprocessor):
        def preprocess_cell(self, cell, resources, index):
            if cell.cell_type == "code" and "NBVAL_" in cell.source:
                cell.source = _TEST_MARKER.sub("", cell.source)
            return cell, resources

    return StripTestMarkers().preprocess(nb, {})[0]


def _preprocess(nb, *, clear_outputs: bool):
    """Run the nbconvert preprocessors on a NotebookNode (in place) and return it."""
    from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor

    resources: dict[str, Any] = {}
    remove = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, enabled=True)
    nb, resources = remove.preprocess(nb, resources)
    nb = _strip_test_markers(nb)
    if clear_outputs:
        clear = ClearOutputPreprocessor(remove_metadata_fields=set(_TIMING_FIELDS))
        nb, resources = clear.preprocess(nb, resources)
        for cell in nb.cells:  # markdown cells can carry timing metadata too
            for key in _TIMING_FIELDS:
                cell.metadata.pop(key, None)
        nb.metadata.pop("widgets", None)  # saved widget state is an output
    return nb


def strip_solutions(nb: dict, *, clear_outputs: bool = True) -> dict:
    """A copy of ``nb`` without its ``solution`` cells and, by default, without outputs.

    Parameters
    ----------
    nb : dict or nbformat.NotebookNode
        A notebook (nbformat 4). Not modified.
    clear_outputs : bool, default True
        Also clear every code cell's outputs and execution count, the per-cell timing
        metadata and the saved widget state, so nothing computed by a solution leaks.

    Returns
    -------
    dict or nbformat.NotebookNode
        Of the same type as ``nb``. Stripping a stripped notebook changes nothing.

    Raises
    ------
    ValueError
        If ``nb`` has no ``cells`` list.
    """
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValueError("nb must be a notebook (a dict with a 'cells' list)")
    nbformat = _nbformat()
    node = nbformat.from_dict(copy.deepcopy(nb))
    out = _preprocess(node, clear_outputs=clear_outputs)
    if type(nb) is dict:  # give back what we got: plain JSON in, plain JSON out
        return json.loads(nbformat.writes(out))
    return out


def _fingerprint(nb: dict) -> str:
    """Hash of what a student could have changed: the cells' types and sources."""
    payload = json.dumps([[c.get("cell_type"), _source(c)] for c in nb.get("cells", [])])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def _stamp(nb: dict, variant: str, source: str | None) -> dict:
    """Drop the jupytext pairing and record variant, origin and fingerprint in the metadata."""
    meta = nb.setdefault("metadata", {})
    jt = meta.get("jupytext")
    if isinstance(jt, dict):
        jt.pop("formats", None)  # a plain notebook: opening it creates no .py beside it
        if not jt:
            meta.pop("jupytext")
    info: dict[str, Any] = {"variant": variant}
    if source is not None:
        info["generated_from"] = source
    info["fingerprint"] = _fingerprint(nb)
    meta[_METADATA_KEY] = info
    return nb


def student_notebook(nb: dict, *, source: str | None = None) -> dict:
    """The student version of an instructor notebook.

    :func:`strip_solutions` (outputs cleared, ``# NBVAL_...`` test markers dropped), unpaired
    from jupytext, with its origin and a
    fingerprint of its cells in ``metadata.lrnn_coursework`` (to recognise a copy a student
    has since edited).
    """
    return _stamp(strip_solutions(nb), "student", source)


def full_copy(nb: dict, *, source: str | None = None) -> dict:
    """A working copy of the full notebook: solutions and outputs kept, test markers dropped,
    unpaired, stamped."""
    return _stamp(_strip_test_markers(_nbformat().from_dict(copy.deepcopy(nb))), "full", source)


# -- solution sheets --------------------------------------------------------------------------


def _fence(text: str, lang: str = "") -> str:
    ticks = max([3] + [len(m) + 1 for m in re.findall(r"`{3,}", text)])
    return f"{'`' * ticks}{lang}\n{text.rstrip()}\n{'`' * ticks}\n"


def solutions_markdown(nb: dict, name: str) -> str:
    """The instructors' solution sheet of one notebook, as Markdown.

    One section per exercise: its task (the heading cell), the stub the students get and the
    solution cells; ``solution`` cells outside any exercise at the end. Empty string if the
    notebook has no ``solution`` cell.
    """
    cells = nb.get("cells", [])
    if not any(is_solution(c) for c in cells):
        return ""
    parts = [
        f"# Solutions: {Path(name).stem}\n",
        f"For instructors; do not hand out. Generated from `{name}` by "
        "`python -m tools.coursework student`; edit the notebook, not this file.\n",
    ]

    def block(index: int) -> str:
        c = cells[index]
        return _fence(_source(c), "python") if c.get("cell_type") == "code" else _source(c).rstrip() + "\n"

    done = set()
    for ex in find_exercises(nb):
        parts.append(f"## Exercise {ex.number}" + (f": {ex.title}" if ex.title else "") + "\n")
        task = _EXERCISE_HEADING.sub("", _source(cells[ex.heading]), count=1).strip()
        if task:
            parts.append(task + "\n")
        if ex.stubs:
            parts.append("**Stub given to the students**\n")
            parts.extend(block(s) for s in ex.stubs)
        parts.append("**Solution**\n")
        parts.extend(block(s) for s in ex.solutions) if ex.solutions else parts.append(
            "_(no cell tagged `solution`)_\n")
        done.update(ex.solutions)
    rest = [i for i, c in enumerate(cells) if is_solution(c) and i not in done]
    if rest:
        parts.append("## Other solution cells\n")
        for i in rest:
            parts += [f"Cell {i}:\n", block(i)]
    return "\n".join(parts)


# -- writing copies ---------------------------------------------------------------------------


def read_notebook(path: Path):
    nbformat = _nbformat()
    try:
        with Path(path).open(encoding="utf-8") as fh:
            return nbformat.read(fh, as_version=4)
    except (OSError, ValueError, nbformat.ValidationError) as exc:
        raise CourseworkError(f"cannot read notebook {path}: {exc}") from exc


def _dumps(nb: dict) -> str:
    text = _nbformat().writes(nb)
    return text if text.endswith("\n") else text + "\n"


@dataclass
class GenerationReport:
    """What was written, one ``(path, status)`` per file.

    ``status`` is ``"created"``, ``"updated"``, ``"unchanged"``, ``"overwritten"`` or
    ``"kept"`` (an edited copy left alone).
    """

    files: list[tuple[Path, str]] = field(default_factory=list)

    def changed(self) -> list[Path]:
        return [p for p, s in self.files if s not in ("unchanged", "kept")]

    def kept(self) -> list[Path]:
        return [p for p, s in self.files if s == "kept"]


def _write_if_changed(path: Path, text: str) -> str:
    if path.exists():
        if path.read_text(encoding="utf-8") == text:
            return "unchanged"
        status = "updated"
    else:
        status = "created"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return status


def _edited_since_generated(path: Path) -> bool:
    """True if ``path`` is a copy whose cells differ from what was generated (or not ours)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        stored = nb["metadata"][_METADATA_KEY]["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return True
    return stored != _fingerprint(nb)


def _sources(src_dir: Path) -> list[Path]:
    if not src_dir.is_dir():
        raise CourseworkError(f"notebooks folder {src_dir} does not exist")
    sources = sorted(p for p in src_dir.glob("*.ipynb") if not p.name.startswith("."))
    if not sources:
        raise CourseworkError(f"no .ipynb notebooks in {src_dir}")
    return sources


def write_copies(
    src_dir: Path,
    out_dir: Path,
    make: Callable[..., dict],
    *,
    on_edited: str = "refuse",
    extra: Callable[[Path, dict, str], list[tuple[Path, str]]] | None = None,
) -> GenerationReport:
    """Write ``make(nb, source=...)`` of every notebook of ``src_dir`` into ``out_dir``.

    ``on_edited`` says what to do with a copy edited since it was generated whose new version
    differs: ``"refuse"`` (raise, write nothing), ``"keep"`` (leave it, report ``"kept"``) or
    ``"overwrite"``. ``extra(path, nb, rel)`` may add more ``(path, text)`` files to write.
    """
    if on_edited not in ("refuse", "keep", "overwrite"):
        raise ValueError(f"on_edited must be 'refuse', 'keep' or 'overwrite', got {on_edited!r}")
    sources = _sources(src_dir)
    if out_dir.resolve() == src_dir.resolve():
        raise CourseworkError(f"refusing to write into the source folder {src_dir}: choose another --out")
    planned, blocked = [], []
    for path in sources:  # prepare everything first: an error leaves the output untouched
        nb = read_notebook(path)
        rel = f"{src_dir.name}/{path.name}"
        text = _dumps(make(nb, source=rel))
        dest = out_dir / path.name
        if dest.exists() and dest.read_text(encoding="utf-8") != text and _edited_since_generated(dest):
            blocked.append(dest)
        planned.append((dest, text))
        if extra is not None:
            planned += extra(path, nb, rel)
    if blocked and on_edited == "refuse":
        listing = "\n  ".join(str(p) for p in blocked)
        raise CourseworkError(
            "these notebooks were edited since they were generated and would be "
            f"overwritten:\n  {listing}\nmove them away, or pass --force to overwrite them"
        )
    report = GenerationReport()
    for dest, text in planned:
        if dest in blocked and on_edited == "keep":
            report.files.append((dest, "kept"))
            continue
        status = _write_if_changed(dest, text)
        report.files.append((dest, "overwritten" if dest in blocked else status))
    return report


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def generate_student(
    notebooks: str | Path | None = None,
    out: str | Path | None = None,
    solutions_out: str | Path | None = None,
    *,
    force: bool = False,
) -> GenerationReport:
    """Write the student notebooks and, separately, the instructors' solution sheets.

    Parameters
    ----------
    notebooks : str or Path, optional
        Folder of instructor notebooks. Default: the repository's ``notebooks/``.
    out : str or Path, optional
        Folder for the student notebooks (the one handed out). Default: ``student/`` beside
        ``notebooks``.
    solutions_out : str or Path, optional
        Folder for the solution sheets; must not lie inside ``out``. Default:
        ``instructor/solutions/`` beside ``notebooks``.
    force : bool, default False
        Overwrite student notebooks edited since they were generated.

    Raises
    ------
    CourseworkError
        Missing or empty ``notebooks``, an unreadable notebook, an output folder that is the
        source or holds the other, or (without ``force``) student work to overwrite.
    """
    src_dir = Path(notebooks) if notebooks is not None else REPO / "notebooks"
    base = src_dir.resolve().parent
    out_dir = Path(out) if out is not None else base / "student"
    sol_dir = Path(solutions_out) if solutions_out is not None else base / "instructor" / "solutions"
    if _inside(sol_dir, out_dir):
        raise CourseworkError(
            f"refusing to write solution sheets into {sol_dir}, inside the student folder "
            f"{out_dir} that is handed out: choose another --solutions-out")
    if sol_dir.resolve() == src_dir.resolve():
        raise CourseworkError(f"refusing to write into the source folder {src_dir}")

    def sheets(path: Path, nb: dict, rel: str) -> list[tuple[Path, str]]:
        sheet = solutions_markdown(nb, rel)
        return [(sol_dir / f"{path.stem}_solutions.md", sheet)] if sheet else []

    return write_copies(src_dir, out_dir, student_notebook,
                        on_edited="overwrite" if force else "refuse", extra=sheets)
