"""The JupyterLab launcher (``python -m tools.lab``) and where exported figures go.

Nothing a student runs may change a tracked file: the launcher works on untracked
copies, and ``savefig`` writes into the committed ``figures/`` only when asked to.
"""

import json
import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # tools/ is run from the repository root, not installed
    sys.path.insert(0, str(REPO))

from lrnn_utils.plotting import figures_dir, savefig  # noqa: E402
from tools import lab  # noqa: E402

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


# -- settings --------------------------------------------------------------------------


def test_settings_open_py_files_as_notebooks_and_keep_other_settings(tmp_path):
    path = lab.settings_file(tmp_path)
    assert (
        path == tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    )
    path.parent.mkdir(parents=True)
    other = {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        "@jupyterlab/docmanager-extension:plugin": {
            "autosaveInterval": 60,
            "defaultViewers": {"markdown": "Editor"},
        },
    }
    path.write_text(json.dumps(other), encoding="utf-8")
    lab.install_settings(tmp_path)
    got = json.loads(path.read_text(encoding="utf-8"))
    doc = got["@jupyterlab/docmanager-extension:plugin"]
    assert doc["defaultViewers"] == {
        "markdown": "Editor",
        "python": "Jupytext Notebook",
    }
    assert (
        doc["autosaveInterval"] == 60 and got["@jupyterlab/apputils-extension:themes"]
    )
    mtime = path.stat().st_mtime_ns
    lab.install_settings(tmp_path)
    assert path.stat().st_mtime_ns == mtime, "a second run rewrites nothing"


def test_settings_refuse_broken_json(tmp_path):
    path = lab.settings_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{oops", encoding="utf-8")
    with pytest.raises(lab.CourseworkError, match="not valid JSON"):
        lab.install_settings(tmp_path)


# -- working copies --------------------------------------------------------------------


@pytest.fixture
def no_settings(monkeypatch, tmp_path):
    """Keep the tests from writing the real environment's settings."""
    monkeypatch.setattr(
        lab, "install_settings", lambda prefix=None: tmp_path / "overrides.json"
    )


def test_prepare_writes_student_and_full_copies(tmp_path, no_settings):
    student = lab.prepare("student", lab_dir=tmp_path, quiet=True)
    full = lab.prepare("full", lab_dir=tmp_path, quiet=True)
    assert student == tmp_path / "student" and full == tmp_path / "full"
    names = [p.name for p in NOTEBOOKS]
    assert sorted(p.name for p in student.glob("*.ipynb")) == names
    assert sorted(p.name for p in full.glob("*.ipynb")) == names
    for name in names:
        s = nbformat.read(student / name, as_version=4)
        f = nbformat.read(full / name, as_version=4)
        assert not any("solution" in c.metadata.get("tags", []) for c in s.cells)
        assert any("solution" in c.metadata.get("tags", []) for c in f.cells)
        assert "formats" not in s.metadata.get("jupytext", {}), "copies are not paired"
        assert "formats" not in f.metadata.get("jupytext", {})
        for copy in (s, f):  # test plumbing stays out of what students read
            assert not [c for c in copy.cells if "NBVAL_" in c.source], name
    assert (student / "figures").is_dir()


def test_prepare_keeps_a_students_edits_and_reset_replaces_them(
    tmp_path, no_settings, capsys
):
    src = tmp_path / "src"
    src.mkdir()
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    nbformat.write(nb, src / NOTEBOOKS[0].name)
    folder = lab.prepare("student", lab_dir=tmp_path / "lab", notebooks=src, quiet=True)
    copy = folder / NOTEBOOKS[0].name
    mine = nbformat.read(copy, as_version=4)
    mine.cells[0].source += "\n\nmy notes"
    nbformat.write(mine, copy)
    # unchanged source: the edited copy stays
    lab.prepare("student", lab_dir=tmp_path / "lab", notebooks=src, quiet=True)
    assert "my notes" in copy.read_text(encoding="utf-8")
    # changed source: still kept, and the student is told how to get a fresh copy
    nb.cells[0].source += "\n\nupstream fix"
    nbformat.write(nb, src / NOTEBOOKS[0].name)
    lab.prepare("student", lab_dir=tmp_path / "lab", notebooks=src)
    out = capsys.readouterr().out
    assert "kept your edited" in out and "--reset" in out
    assert "my notes" in copy.read_text(encoding="utf-8")
    number = NOTEBOOKS[0].name.split("_", 1)[0]
    lab.prepare(
        "student", lab_dir=tmp_path / "lab", notebooks=src, reset=[number], quiet=True
    )
    text = copy.read_text(encoding="utf-8")
    assert "upstream fix" in text and "my notes" not in text
    assert "my notes" in (folder / (NOTEBOOKS[0].name + ".bak")).read_text(
        encoding="utf-8"
    )


def test_launcher_prepare_only_starts_no_server(tmp_path, monkeypatch, no_settings):
    monkeypatch.setattr(lab, "LAB_DIR", tmp_path)
    monkeypatch.setattr(lab, "_run", lambda *a, **k: pytest.fail("started a server"))
    assert lab.main(["--prepare-only"]) == 0
    assert len(list((tmp_path / "student").glob("*.ipynb"))) == len(NOTEBOOKS)


def test_launcher_starts_jupyter_lab_in_the_copies(tmp_path, monkeypatch, no_settings):
    monkeypatch.setattr(lab, "LAB_DIR", tmp_path)
    calls = []
    monkeypatch.setattr(lab, "_run", lambda cmd: calls.append(cmd) or 0)
    assert lab.main(["--full", "--", "--no-browser", "--port", "8899"]) == 0
    (cmd,) = calls
    assert cmd[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path / 'full'}" in cmd and cmd[-3:] == [
        "--no-browser",
        "--port",
        "8899",
    ]


# -- savefig ---------------------------------------------------------------------------


@pytest.fixture
def fig():
    f, ax = plt.subplots(figsize=(1, 1))
    ax.plot([0, 1])
    yield f
    plt.close(f)


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A directory laid out like the repository, with the working directory in
    notebooks/."""
    for d in ("notebooks", "figures"):
        (tmp_path / d).mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    monkeypatch.delenv("LRNN_FIGURES_DIR", raising=False)
    monkeypatch.delenv("LRNN_EXPORT_FIGURES", raising=False)
    return tmp_path


def test_savefig_inside_the_repository_writes_nothing(checkout, fig):
    assert figures_dir() is None
    savefig(fig, "demo")
    assert list(checkout.rglob("*.png")) == []


def test_savefig_exports_to_the_repository_only_when_asked(checkout, fig, monkeypatch):
    monkeypatch.setenv("LRNN_EXPORT_FIGURES", "1")
    assert savefig(fig, "demo") is None
    assert [p.relative_to(checkout).as_posix() for p in checkout.rglob("*.png")] == [
        "figures/demo.png"
    ]


def test_savefig_in_a_working_copy_writes_beside_it(tmp_path, fig, monkeypatch):
    monkeypatch.delenv("LRNN_FIGURES_DIR", raising=False)
    monkeypatch.delenv("LRNN_EXPORT_FIGURES", raising=False)
    work = tmp_path / "lab" / "student"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    savefig(fig, "demo")
    assert (work / "figures" / "demo.png").is_file()


def test_savefig_explicit_folder_and_env_win(checkout, fig, monkeypatch, tmp_path):
    monkeypatch.setenv("LRNN_FIGURES_DIR", str(tmp_path / "env"))
    savefig(fig, "a")
    savefig(fig, "b", directory=tmp_path / "explicit")
    assert (tmp_path / "env" / "a.png").is_file() and (
        tmp_path / "explicit" / "b.png"
    ).is_file()
    assert list((checkout / "figures").iterdir()) == []
