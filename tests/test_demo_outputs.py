"""Every interactive demo of the committed notebooks shows exactly one figure.

A demo written as ``interact(f)`` with ``f`` returning its figure (or with a separate
"static default" cell before it) leaves a stale copy under the live figure. Demos go
through :func:`lrnn_utils.demos.slider_demo`, executed for the committed notebooks
with ``LRNN_STATIC_DEMOS=first``: the stored output of a demo cell is one image.
"""

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted(
    (Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb")
)


def images(cell) -> int:
    return sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_demo_cell_stores_one_figure(path):
    nb = nbformat.read(path, as_version=4)
    demos = [(i, c) for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and "slider_demo(" in c.source
             and "def slider_demo" not in c.source]
    assert demos, (
        f"{path.name}: no slider_demo cell (every notebook has an interactive demo)"
    )
    for i, cell in demos:
        assert images(cell) == 1, f"{path.name} cell {i}: {images(cell)} figures stored"
    direct = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
              and ("widgets.interact" in c.source or "import ipywidgets" in c.source)]
    assert not direct, (
        f"{path.name}: cells {direct} build widgets by hand (use slider_demo)"
    )


def test_the_check_sees_a_stale_copy():
    cell = nbformat.v4.new_code_cell("slider_demo(draw, g=(0, 1, 0.5))")
    png = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}
    cell.outputs = [nbformat.v4.new_output("display_data", data=png),
                    nbformat.v4.new_output("display_data", data=png)]
    assert images(cell) == 2
