"""Every notebook's asserts hold for other base seeds, not just the committed one.

Each notebook makes its generators from ``SEED = lrnn_utils.seeds.base_seed()``,
which reads ``LRNN_SEED``. Here every notebook is executed (in kernels of their
own, two at a time: one per core) with ``LRNN_SEED = 1 … K``; an ``assert`` that
fails for any of them means its tolerance was fitted to one lucky network rather
than derived from the finite-size error at its parameter point.

``K = $LRNN_ROBUSTNESS_SEEDS``, default 6: the suite's budget on a 2-core CI machine
(≈ 8 min; each seed executes all eight notebooks). Sweep more before changing a
tolerance or a notebook's protocol, e.g. ``LRNN_ROBUSTNESS_SEEDS=20`` (≈ 27 min).
Slow: ``pytest -m "not slow"`` skips it.
"""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(p.name for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
SEEDS = range(1, 1 + int(os.environ.get("LRNN_ROBUSTNESS_SEEDS", "6")))
WORKERS = 2


def _run(path: Path, seed: int, figures: str) -> str | None:
    """Execute ``path`` with base seed ``seed``; the failure text, or None."""
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ, LRNN_SEED=str(seed), LRNN_STATIC_DEMOS="first",
               LRNN_FIGURES_DIR=figures, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               MPLBACKEND="Agg")
    env.pop("LRNN_EXPORT_FIGURES", None)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute(env=env)
    except CellExecutionError as err:
        lines = [ln for ln in str(err).splitlines() if ln.strip()]
        return f"seed {seed}: " + "\n".join(lines[-12:])
    return None


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_asserts_hold_for_20_seeds(name):
    with tempfile.TemporaryDirectory(prefix="lrnn-seed-figures-") as figures:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            results = list(
                pool.map(lambda s: _run(NOTEBOOKS_DIR / name, s, figures), SEEDS)
            )
    failures = [r for r in results if r]
    assert not failures, f"{name}: {len(failures)} of {len(SEEDS)} seeds fail\n\n" + (
        "\n\n".join(failures)
    )


def test_a_seed_dependent_failure_is_caught(tmp_path):
    """The runner itself: a notebook whose assert fails only for some seeds is
    reported."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "from lrnn_utils.seeds import base_seed\nSEED = base_seed()\n"
        "assert SEED != 3, 'unlucky seed'"
    )]
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    assert _run(path, 2, str(tmp_path)) is None
    failure = _run(path, 3, str(tmp_path))
    assert (
        failure is not None
        and "unlucky seed" in failure
        and failure.startswith("seed 3")
    )
