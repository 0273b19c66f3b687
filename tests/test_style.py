"""Code as the site shows it: ruff (configured in pyproject.toml) on ``lrnn_utils/`` and
the notebooks.

The site's code column fits 88 columns at 1300 px (issue 15), hence ruff's line length
88 (E501), plus the checks for code that cannot run (E9 syntax errors, F63 comparisons
that are always true or false, F7 statements in the wrong place, F82 undefined names).
The notebooks are linted as ``.ipynb`` (code cells only, what the reader sees); their
jupytext ``.py`` pairs are excluded in pyproject.toml (they carry the markdown as
comments).  The failure lists every offending line, ``path:line:column: code message``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def ruff_command() -> list[str]:
    """ruff from this interpreter's environment (the ``test`` extra), else from PATH."""
    try:
        import ruff  # noqa: F401
    except ImportError:
        exe = shutil.which("ruff")
        if exe is None:
            pytest.fail("ruff is not installed: python -m pip install -e '.[test]'")
        return [exe]
    return [sys.executable, "-m", "ruff"]


def ruff_check(paths: list[Path]) -> tuple[int, str]:
    """Run ``ruff check`` with the repository's pyproject.toml on ``paths``."""
    rel = [str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p) for p in paths]
    proc = subprocess.run(
        [*ruff_command(), "check", "--no-cache", "--output-format", "concise",
         "--config", str(ROOT / "pyproject.toml"), *rel],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def test_ruff_reports_a_long_line(tmp_path):
    # the check can fail: a line of 89 columns under the project's configuration
    bad = tmp_path / "long_line.py"
    bad.write_text("x = " + "1 + " * 21 + "1  # " + "\n", encoding="utf-8")
    assert len(bad.read_text().splitlines()[0]) > 88
    code, out = ruff_check([bad])
    assert code == 1 and "E501" in out, out
    good = tmp_path / "short_line.py"
    good.write_text("x = 1\n", encoding="utf-8")
    assert ruff_check([good])[0] == 0


def test_lrnn_utils_within_88_columns():
    code, out = ruff_check([ROOT / "lrnn_utils"])
    assert code == 0, f"ruff on lrnn_utils/:\n{out}"


NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in NOTEBOOKS])
def test_notebook_code_within_88_columns(path):
    code, out = ruff_check([path])
    assert code == 0, f"ruff on {path.relative_to(ROOT)} (code cells):\n{out}"
