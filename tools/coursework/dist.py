"""The zip handed out to students: student notebooks, figures, and what they need to run.

Layout of ``lowrank-rnn-student.zip``::

    lowrank-rnn-student/
        README.md            how to install and open (written here, not the repository's)
        pyproject.toml       the repository's, so that ``pip install -e ".[notebooks]"`` works
        lrnn_utils/...       the package source (``*.py`` only)
        notebooks/NN_*.ipynb the student notebooks (solutions removed, outputs cleared)
        figures/*.png

Never in it: the full notebooks, their ``.py`` pairs, the solution sheets, tests, tools.
:func:`leaks_in_zip` checks every text file of a zip against the instructor notebooks.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .pattern import CourseworkError, leaked_solution_lines
from .student import REPO, _dumps, _sources, read_notebook, student_notebook

__all__ = ["TOP", "STUDENT_README", "DistResult", "build_zip", "leaks_in_zip"]

TOP = "lowrank-rnn-student"
"""The folder every file of the zip lives in."""

STUDENT_README = """\
# Low-rank RNNs: the student notebooks

Notebooks of the lecture on low-rank recurrent neural networks (Mastrogiuseppe & Ostojic,
Neuron 2018). Each exercise has a code stub with `...` gaps and a checker call that tells
you whether your answer is right, and if not what to look at.

With Python >= 3.11, from this folder (Debian/Ubuntu: `sudo apt install python3-venv` first):

```bash
python3 -m venv .venv && .venv/bin/python -m pip install -e ".[notebooks]" && .venv/bin/jupyter lab notebooks/
```

On Windows use `.venv\\Scripts\\python` and `.venv\\Scripts\\jupyter`. With conda:
`conda create -n lowrank-rnn python=3.11 pip`, `conda activate lowrank-rnn`, then
`python -m pip install -e ".[notebooks]"` and `jupyter lab notebooks/`.

A stub raises `NotImplementedError` until you replace its `...`; run the cells in order.
"""

_PACKAGE_SUFFIXES = {".py", ".typed"}


def _members(repo: Path, notebooks: Path) -> list[tuple[str, bytes]]:
    members: list[tuple[str, bytes]] = [
        (f"{TOP}/README.md", STUDENT_README.encode("utf-8")),
        (f"{TOP}/pyproject.toml", (repo / "pyproject.toml").read_bytes()),
    ]
    for path in sorted((repo / "lrnn_utils").rglob("*")):
        if path.is_file() and path.suffix in _PACKAGE_SUFFIXES and "__pycache__" not in path.parts:
            members.append((f"{TOP}/{path.relative_to(repo).as_posix()}", path.read_bytes()))
    for path in _sources(notebooks):
        nb = student_notebook(read_notebook(path), source=f"notebooks/{path.name}")
        members.append((f"{TOP}/notebooks/{path.name}", _dumps(nb).encode("utf-8")))
    figures = repo / "figures"
    if figures.is_dir():
        for path in sorted(figures.glob("*.png")):
            members.append((f"{TOP}/figures/{path.name}", path.read_bytes()))
    return members


@dataclass(frozen=True)
class DistResult:
    """The zip written, and the solution statements found in its ``lrnn_utils/`` files."""

    path: Path
    library_leaks: tuple[str, ...] = ()


def build_zip(out: str | Path | None = None, *, repo: str | Path | None = None,
              notebooks: str | Path | None = None,
              allow_library_leaks: bool = False) -> DistResult:
    """Write the student distribution zip and return its path.

    Parameters
    ----------
    out : str or Path, optional
        The zip to write. Default: ``dist/lowrank-rnn-student.zip`` in the repository.
    repo : str or Path, optional
        The repository to package (default: the one this tool belongs to).
    notebooks : str or Path, optional
        The instructor notebooks (default: ``<repo>/notebooks``).
    allow_library_leaks : bool, default False
        Write the zip even if files of ``lrnn_utils/`` (the checkers compute the reference
        answers) repeat solution statements; they are returned in ``library_leaks``.

    Raises
    ------
    CourseworkError
        If a notebook cannot be read, or solution code would end up in the zip (then no zip is
        written).
    """
    repo = Path(repo) if repo is not None else REPO
    nb_dir = Path(notebooks) if notebooks is not None else repo / "notebooks"
    out = Path(out) if out is not None else repo / "dist" / f"{TOP}.zip"
    members = _members(repo, nb_dir)
    leaks = _leaks(members, nb_dir)
    library = [x for x in leaks if x.startswith(f"{TOP}/lrnn_utils/")]
    blocking = [x for x in leaks if x not in library or not allow_library_leaks]
    if blocking:
        hint = ("\n(leaks in lrnn_utils/ only: --allow-library-leaks writes the zip anyway)"
                if all(x in library for x in blocking) else "")
        raise CourseworkError("solution code would be handed out:\n  " + "\n  ".join(blocking) + hint)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    tmp.replace(out)
    return DistResult(out, tuple(library))


def _as_notebook(name: str, data: bytes) -> dict | None:
    """A member as a notebook to search: itself if it is one, else its text in one cell."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # binary (figures): holds no code lines
    if name.endswith(".ipynb"):
        return json.loads(text)
    return {"cells": [{"cell_type": "markdown", "metadata": {}, "source": text}], "metadata": {}}


def _as_text(nb: dict) -> dict:
    text = "\n".join("".join(c.get("source", "")) for c in nb.get("cells", []))
    return {"cells": [{"cell_type": "markdown", "metadata": {}, "source": text}], "metadata": {}}


def _leaks(members: list[tuple[str, bytes]], notebooks: Path) -> list[str]:
    sources = [(p.name, read_notebook(p)) for p in _sources(notebooks)]
    found = []
    for name, data in members:
        hay = _as_notebook(name, data)
        if hay is None:
            continue
        for src_name, src in sources:
            own = Path(name).name == src_name
            # the stub check (an answer given away as a hint) only makes sense in its own
            # notebook; everywhere else every cell is plain text to search
            target = hay if own else _as_text(hay)
            for number, line in leaked_solution_lines(src, target):
                found.append(f"{name}: {src_name} exercise {number}: {line!r}")
    return found


def leaks_in_zip(path: str | Path, notebooks: str | Path | None = None) -> list[str]:
    """Every solution statement of the instructor notebooks found in a file of the zip."""
    nb_dir = Path(notebooks) if notebooks is not None else REPO / "notebooks"
    with zipfile.ZipFile(path) as zf:
        members = [(n, zf.read(n)) for n in zf.namelist() if not n.endswith("/")]
    return _leaks(members, nb_dir)
