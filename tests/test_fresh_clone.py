"""Running everything a student runs leaves a fresh clone unchanged (``git status``
empty).

In a fresh ``git clone`` (with this checkout's uncommitted work committed on top, so the
test checks what is about to be committed): the launcher's preparation step (``python -m
tools.lab
--prepare-only``, student and ``--full``), then every working copy executed top to
bottom in a kernel and saved in place as JupyterLab's autosave would (with a
checkpoint), the figures exported as a student's run exports them. Slow: it executes
every notebook twice.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
CELL_TIMEOUT = 300  # seconds, as nbval's in pyproject


def git(*args, cwd):
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def fresh_clone(dest: Path) -> Path:
    """``git clone`` of this checkout, plus its uncommitted (not ignored) changes as a
    commit."""
    try:
        git("rev-parse", "HEAD", cwd=REPO)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    git("clone", "-q", "--no-hardlinks", str(REPO), str(dest), cwd=REPO.parent)
    here = set(
        filter(
            None,
            git(
                "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO
            ).split("\0"),
        )
    )
    for rel in here:
        if (REPO / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, dest / rel)
    for rel in filter(None, git("ls-files", "-z", cwd=dest).split("\0")):
        if rel not in here or not (REPO / rel).exists():
            (dest / rel).unlink(missing_ok=True)
    git("add", "-A", cwd=dest)
    if git("status", "--porcelain", cwd=dest).strip():
        git(
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@localhost",
            "commit",
            "-q",
            "-m",
            "uncommitted work of the checkout under test",
            cwd=dest,
        )
    assert git("status", "--porcelain", cwd=dest) == ""
    return dest


def execute_and_autosave(path: Path, env: dict) -> None:
    """Run ``path`` top to bottom in its folder, then save it (and a checkpoint) like
    JupyterLab."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    old = dict(os.environ)
    # the kernel inherits it: the clone's lrnn_utils, no figure env
    os.environ.update(env)
    try:
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    checkpoints = path.parent / ".ipynb_checkpoints"
    checkpoints.mkdir(exist_ok=True)
    nbformat.write(nb, checkpoints / f"{path.stem}-checkpoint.ipynb")
    nbformat.write(nb, path)


@pytest.mark.slow
def test_running_every_working_copy_leaves_the_clone_clean(tmp_path):
    clone = fresh_clone(tmp_path / "clone")
    env = {
        "PYTHONPATH": str(clone),
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
    }
    child_env = {k: v for k, v in os.environ.items()
                 if k not in ("LRNN_FIGURES_DIR", "LRNN_EXPORT_FIGURES")}
    for key in ("LRNN_FIGURES_DIR", "LRNN_EXPORT_FIGURES"):
        env[key] = ""  # a student has neither set
    for flags in ([], ["--full"]):
        run = subprocess.run(
            [sys.executable, "-m", "tools.lab", "--prepare-only", *flags],
            cwd=clone,
            env={**child_env, **env},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr
    copies = sorted((clone / "lab").glob("*/*.ipynb"))
    n_notebooks = len(list((clone / "notebooks").glob("*.ipynb")))
    assert len(copies) == 2 * n_notebooks
    for path in copies:
        execute_and_autosave(path, env)
    exported = sorted(
        p.name for p in (clone / "lab" / "full" / "figures").glob("*.png")
    )
    assert exported, "the full copies export their figures beside them"
    status = git("status", "--porcelain", "--untracked-files=all", cwd=clone)
    assert status == "", f"running the notebooks changed the clone:\n{status}"
