"""Notebook freshness: each .ipynb is paired with its .py, in sync, executed in order.

nbval itself (``--nbval-lax`` in pyproject's addopts) re-runs every notebook and
compares the cells marked ``# NBVAL_CHECK_OUTPUT``.
"""

from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXPECTED = [
    "00_why_low_rank", "01_rank_and_svd", "02_rank_one_rnn", "03_variance_scaling",
    "04_mean_field_theory", "05_inputs_and_selectivity", "06_rank_two_dynamics",
    "07_context_dependence",
]


def _cells(nb):
    return [(c.cell_type, c.source.strip(), tuple(sorted(c.metadata.get("tags", []))))
            for c in nb.cells]


def test_every_lecture_notebook_exists():
    names = [p.stem for p in NOTEBOOKS]
    assert names == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_pair_in_sync(path):
    py = path.with_suffix(".py")
    assert py.exists(), (
        f"{py.name} missing: pair with jupytext --set-formats ipynb,py:percent"
    )
    nb = nbformat.read(path, as_version=4)
    formats = nb.metadata.get("jupytext", {}).get("formats", "")
    assert "py:percent" in formats and "ipynb" in formats, f"{path.name} is not paired"
    from_py = jupytext.read(py)
    assert _cells(nb) == _cells(from_py), (
        f"{path.name} and {py.name} differ: run `jupytext --sync notebooks/{path.name}`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_executed_top_to_bottom_with_outputs(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.name} was not executed top to bottom in a fresh kernel "
        f"(execution counts {counts}); re-run it with `jupyter nbconvert --execute "
        "--inplace`"
    )
    errors = [c for c in code if any(o.get("output_type") == "error" for o in c.outputs)
              and "raises-exception" not in c.metadata.get("tags", [])]
    assert not errors, (
        f"{path.name} has stored errors in cells not tagged raises-exception"
    )
    assert any(c.outputs for c in code), f"{path.name} has no stored outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_follows_the_skeleton(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for heading in ("Learning goals", "Summary"):
        assert heading.lower() in text.lower(), (
            f"{path.name} lacks a '{heading}' section"
        )
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert "hide-input" in first_code.metadata.get("tags", []), (
        "set-up cell must be tagged hide-input"
    )
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "np.random.seed" not in sources, (
        "use a local rng = np.random.default_rng(seed)"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_py_does_not_depend_on_the_kernel_or_jupytext_version(path):
    """Saving with another kernel name or jupytext version leaves the tracked .py as it
    is."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {
        "name": "my-course-env",
        "display_name": "Course (venv)",
        "language": "python",
    }
    text = jupytext.writes(
        nb, fmt="py:percent", config=jupytext.config.load_jupytext_config(str(path))
    )
    assert text == path.with_suffix(".py").read_text(encoding="utf-8"), (
        f"{path.stem}.py changes with the kernel name: re-sync with `jupytext --sync` "
        "(jupytext.toml filters kernelspec and jupytext_version out of the header)")


def test_test_plumbing_stays_out_of_the_notebooks_folder():
    """Students open notebooks/: no conftest or other pytest files there."""
    assert not list((ROOT / "notebooks").glob("conftest.py"))
