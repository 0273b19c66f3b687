"""Open the notebooks in JupyterLab without changing a tracked file.

From the repository root, with the environment's Python (e.g. ``.venv/bin/python``)::

    python -m tools.lab                  # the student notebooks (exercises without solutions)
    python -m tools.lab --full           # the full notebooks (solutions, stored outputs)
    python -m tools.lab --prepare-only   # write the working copies and settings, start nothing
    python -m tools.lab -- --no-browser --port 8890   # anything after -- goes to jupyter lab

It (1) installs the project's JupyterLab settings into this environment
(``{sys.prefix}/share/jupyter/lab/settings/overrides.json``: ``.py`` files open as notebooks
with jupytext), (2) writes working copies of the notebooks into the untracked ``lab/student/``
(or ``lab/full/``), and (3) starts ``jupyter lab`` there. Autosave, figure exports and
checkpoints then only ever touch those copies; ``git pull`` keeps working.

A copy you edited is never overwritten: when its notebook changed upstream you are told, and
``--reset NN`` (or ``--reset all``) replaces your copy by a fresh one (the old one is kept as
``NN_topic.ipynb.bak``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterable

from tools.coursework import CourseworkError, full_copy, student_notebook, write_copies
from tools.coursework.student import REPO

__all__ = ["LAB_DIR", "SETTINGS", "install_settings", "prepare", "main"]

LAB_DIR = REPO / "lab"
"""Root of the working copies (gitignored)."""

SETTINGS = {
    # jupytext >= 1.16 on JupyterLab 4: double-click opens .py (percent) files as notebooks
    "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"python": "Jupytext Notebook"}},
}


def settings_file(prefix: str | Path | None = None) -> Path:
    """JupyterLab's application settings overrides of the environment at ``prefix``."""
    base = Path(prefix) if prefix is not None else Path(sys.prefix)
    return base / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def install_settings(prefix: str | Path | None = None) -> Path:
    """Merge :data:`SETTINGS` into the environment's ``overrides.json``; return its path.

    Other plugins' settings already in the file are kept; the file is rewritten only if
    something changes.
    """
    path = settings_file(prefix)
    try:
        current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except ValueError as exc:
        raise CourseworkError(f"{path} is not valid JSON: {exc}") from exc
    merged = dict(current)
    for plugin, values in SETTINGS.items():
        section = dict(merged.get(plugin, {}))
        for key, value in values.items():
            section[key] = {**section.get(key, {}), **value} if isinstance(value, dict) else value
        merged[plugin] = section
    if merged != current:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
    return path


def _reset(folder: Path, which: list[str]) -> list[Path]:
    """Move the chosen copies (``NN`` prefixes or ``all``) aside as ``.bak``."""
    moved = []
    for path in sorted(folder.glob("*.ipynb")):
        if "all" in which or path.name.split("_", 1)[0] in which:
            bak = path.with_name(path.name + ".bak")
            shutil.move(path, bak)
            moved.append(bak)
    return moved


def prepare(variant: str = "student", *, lab_dir: Path | None = None,
            notebooks: Path | None = None, reset: Iterable[str] = (), quiet: bool = False) -> Path:
    """Install the settings and write the working copies; return the folder to open.

    Parameters
    ----------
    variant : {"student", "full"}
    lab_dir : Path, optional
        Root of the working copies (default :data:`LAB_DIR`); the copies go to
        ``lab_dir / variant``.
    notebooks : Path, optional
        Source notebooks (default: the repository's ``notebooks/``).
    reset : iterable of str
        Notebook numbers (``"02"``) or ``"all"`` whose copies are replaced by fresh ones.
    """
    if variant not in ("student", "full"):
        raise ValueError(f"variant must be 'student' or 'full', got {variant!r}")
    folder = (lab_dir if lab_dir is not None else LAB_DIR) / variant
    src = notebooks if notebooks is not None else REPO / "notebooks"
    install_settings()
    moved = _reset(folder, list(reset)) if reset else []
    make = student_notebook if variant == "student" else full_copy
    report = write_copies(src, folder, make, on_edited="keep")
    (folder / "figures").mkdir(parents=True, exist_ok=True)  # savefig writes here
    if not quiet:
        for bak in moved:
            print(f"your old copy is kept as {bak}")
        written = report.changed()
        print(f"{len(report.files)} {variant} notebook(s) in {folder} ({len(written)} written)")
        for path in report.kept():
            print(f"  kept your edited {path.name}: its notebook changed since; "
                  f"`python -m tools.lab --reset {path.name.split('_', 1)[0]}` gets a fresh copy")
    return folder


def main(argv: Iterable[str] | None = None) -> int:
    args_in = list(argv) if argv is not None else sys.argv[1:]
    passthrough: list[str] = []
    if "--" in args_in:
        i = args_in.index("--")
        args_in, passthrough = args_in[:i], args_in[i + 1:]
    parser = argparse.ArgumentParser(prog="python -m tools.lab", description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true",
                        help="open working copies of the full notebooks (with solutions)")
    parser.add_argument("--prepare-only", action="store_true",
                        help="install the settings and write the copies, do not start JupyterLab")
    parser.add_argument("--reset", nargs="+", default=[], metavar="NN",
                        help="replace your copies of these notebooks (numbers, or 'all') by fresh ones")
    args = parser.parse_args(args_in)
    try:
        folder = prepare("full" if args.full else "student", reset=args.reset)
    except CourseworkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.prepare_only:
        return 0
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}", *passthrough]
    return _run(cmd)


def _run(cmd: list[str]) -> int:
    """Become JupyterLab (POSIX: exec, so Ctrl-C and kill reach the server itself)."""
    sys.stdout.flush()
    if os.name == "posix":
        os.execv(cmd[0], cmd)  # does not return
    try:  # Windows: exec would detach from the console; wait for the server instead
        return subprocess.call(cmd)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
