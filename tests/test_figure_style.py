"""Figures readable on the site: no figure wider than 8.5 in, no text below 9 pt.

On the site (1300 px desktop) a figure is shown at 100 CSS px per inch until it is wider
than the text column, then scaled down to fit: a figure <= 8.5 in wide with 9-pt text
keeps that text >= 11 CSS px (the browser check, site/check_site.mjs, measures it on
every page).  This test finds the violations in the source, before any build: a scan of
the notebooks' jupytext pairs (``notebooks/NN_topic.py``) for

- ``figsize=(w, h)`` (``plt.subplots``, ``plt.figure``, ...) or
  ``set_size_inches(w, h)`` with ``w > 8.5``;
- a figure made at fewer than 100 dpi (``plt.subplots(..., dpi=80)``, ``plt.figure``,
  ``rcParams["figure.dpi"]``): an inline figure is shown at its own dpi in CSS px per
  inch, so 9-pt text at 80 dpi is 10 CSS px (06's animation still, once);
- a font size below 9 pt: ``fontsize=``/``labelsize=``/``size=``/``title_fontsize=``
  keywords and ``prop={"size": ...}`` with a number < 9 or a relative size that is
  smaller than 9 pt under the house style ("small", "x-small", ...), and the same in
  ``rcParams[...] = ...``, ``rcParams.update({...})``, ``rc_context({...})``;

and checks that the house style (:func:`lrnn_utils.plotting.use_style`) sets no figure
text below 9 pt.  Numbers are evaluated when they are literals, simple arithmetic, or a
name bound to such a value at module level; anything else is not judged.
"""

from __future__ import annotations

import ast
import operator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))

MAX_WIDTH_IN = 8.5
MIN_FONT_PT = 9.0
MIN_FIGURE_DPI = 100.0  # the house figure.dpi: 9 pt = 12.5 CSS px before column scaling
FIGURE_CALLS = {"figure", "subplots", "subplot_mosaic", "Figure"}
# keywords that set a font size in matplotlib calls (text, labels, ticks, legends)
FONT_KEYWORDS = {"fontsize", "labelsize", "title_fontsize"}
# ``size=`` is a font size only in text calls (elsewhere, e.g. rng.normal(size=5), not)
TEXT_CALLS = {"text", "annotate", "set_title", "set_xlabel", "set_ylabel", "suptitle",
              "supxlabel", "supylabel", "title", "xlabel", "ylabel", "figtext",
              "FontProperties", "set_xticklabels", "set_yticklabels"}
# rcParams whose value is a font size


def is_font_rc(key) -> bool:
    return isinstance(key, str) and (
        key == "font.size" or key.endswith(("fontsize", "labelsize", "titlesize"))
    )


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
        ast.Div: operator.truediv}


def house_points(size) -> float | None:
    """``size`` (points, or a relative name like "small") in points under the house
    style, or None if it is not a font size."""
    from matplotlib.font_manager import FontProperties

    from lrnn_utils.plotting import _STYLE

    if isinstance(size, bool):
        return None
    if isinstance(size, int | float):
        return float(size)
    if not isinstance(size, str):
        return None
    with mpl.rc_context({"font.size": _STYLE.get("font.size", 10)}):
        try:
            return FontProperties(size=size).get_size_in_points()
        except ValueError:
            return None


def _value(node, names: dict):
    """A literal, simple arithmetic on numbers, or a module-level name; else None."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        v = _value(node.operand, names)
        return -v if isinstance(v, int | float) else None
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        a, b = _value(node.left, names), _value(node.right, names)
        if isinstance(a, int | float) and isinstance(b, int | float):
            try:
                return _OPS[type(node.op)](a, b)
            except ZeroDivisionError:
                return None
    if isinstance(node, ast.Tuple | ast.List):
        return tuple(_value(e, names) for e in node.elts)
    return None


def _module_names(tree: ast.Module) -> dict:
    """Module-level ``NAME = <evaluable value>`` (the last binding wins)."""
    names: dict = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                v = _value(stmt.value, names)
                if v is not None:
                    names[target.id] = v
    return names


def _rc_font_problems(key, value_node, names, where) -> list[str]:
    if not is_font_rc(key):
        return []
    v = _value(value_node, names)
    pt = house_points(v)
    if pt is not None and pt < MIN_FONT_PT:
        return [f"{where}: rcParams[{key!r}] = {v!r} ({pt:g} pt < {MIN_FONT_PT:g} pt)"]
    return []


def _rc_dict_problems(node, names, where) -> list[str]:
    out = []
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values, strict=True):
            if isinstance(k, ast.Constant):
                out += _rc_font_problems(k.value, v, names, where)
                if k.value == "figure.figsize":
                    what = "rcParams['figure.figsize']"
                    out += _width_problems(v, names, where, what)
                if k.value == "figure.dpi":
                    out += _dpi_problems(v, names, where, "rcParams['figure.dpi']")
    return out


def _width_problems(node, names, where, what) -> list[str]:
    v = _value(node, names)
    if isinstance(v, tuple) and v and isinstance(v[0], int | float):
        if v[0] > MAX_WIDTH_IN + 1e-9:
            return [f"{where}: {what} = {v!r}: {v[0]:g} in wide > {MAX_WIDTH_IN:g} in"]
    return []


def _dpi_problems(node, names, where, what) -> list[str]:
    v = _value(node, names)
    if isinstance(v, (int, float)) and v < MIN_FIGURE_DPI:
        return [f"{where}: {what} {v:g} dpi < {MIN_FIGURE_DPI:g} (figure text shown smaller)"]
    return []


def figure_style_problems(source: str, filename: str = "<source>") -> list[str]:
    """Every figure wider than 8.5 in and every font size below 9 pt in ``source``."""
    tree = ast.parse(source, filename=filename)
    names = _module_names(tree)
    problems = []
    for node in ast.walk(tree):
        where = f"{filename}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            func = node.func
            fname = (func.attr if isinstance(func, ast.Attribute)
                     else getattr(func, "id", ""))
            for kw in node.keywords:
                if kw.arg == "figsize":
                    problems += _width_problems(kw.value, names, where, "figsize")
                elif kw.arg == "dpi" and fname in FIGURE_CALLS:
                    problems += _dpi_problems(kw.value, names, where, f"{fname}(dpi=...)")
                elif kw.arg in FONT_KEYWORDS or (
                    kw.arg == "size" and fname in TEXT_CALLS
                ):
                    v = _value(kw.value, names)
                    pt = house_points(v)
                    if pt is not None and pt < MIN_FONT_PT:
                        problems.append(
                            f"{where}: {fname}({kw.arg}={v!r}): {pt:g} pt < "
                            f"{MIN_FONT_PT:g} pt"
                        )
                elif kw.arg == "prop" and isinstance(kw.value, ast.Dict):
                    for k, v in zip(kw.value.keys, kw.value.values, strict=True):
                        if isinstance(k, ast.Constant) and k.value == "size":
                            pt = house_points(_value(v, names))
                            if pt is not None and pt < MIN_FONT_PT:
                                problems.append(
                                    f"{where}: {fname}(prop={{'size': ...}}): "
                                    f"{pt:g} pt < {MIN_FONT_PT:g} pt"
                                )
            if fname == "set_fontsize" and node.args:
                v = _value(node.args[0], names)
                pt = house_points(v)
                if pt is not None and pt < MIN_FONT_PT:
                    problems.append(f"{where}: set_fontsize({v!r}): {pt:g} pt < "
                                    f"{MIN_FONT_PT:g} pt")
            if fname == "set_size_inches" and node.args:
                first = node.args[0]
                tup = first if len(node.args) == 1 else ast.Tuple(elts=node.args[:2])
                problems += _width_problems(tup, names, where, "set_size_inches")
            if fname in ("update", "rc_context") and node.args:
                problems += _rc_dict_problems(node.args[0], names, where)
            if fname == "rc" and node.args and isinstance(node.args[0], ast.Constant):
                group = node.args[0].value
                for kw in node.keywords:
                    if kw.arg:
                        problems += _rc_font_problems(f"{group}.{kw.arg}", kw.value,
                                                      names, where)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if (isinstance(target, ast.Subscript)
                        and isinstance(target.slice, ast.Constant)
                        and "rcParams" in ast.unparse(target.value)):
                    key = target.slice.value
                    problems += _rc_font_problems(key, node.value, names, where)
                    if key == "figure.figsize":
                        problems += _width_problems(node.value, names, where,
                                                    "rcParams['figure.figsize']")
                    if key == "figure.dpi":
                        problems += _dpi_problems(node.value, names, where,
                                                  "rcParams['figure.dpi']")
    def line(p: str) -> int:
        n = p[len(filename) + 1:].split(":", 1)[0]
        return int(n) if n.isdigit() else 0

    return sorted(set(problems), key=lambda p: (line(p), p))


# -- the scan can fail ------------------------------------------------------------

BAD = '''
import matplotlib.pyplot as plt
W = 12
fig, axes = plt.subplots(1, 3, figsize=(13, 4))
fig2 = plt.figure(figsize=(W, 3))
fig3, ax = plt.subplots(figsize=(2 * 4.5, 3))
fig.set_size_inches(10, 3)
ax.legend(fontsize=7)
ax.text(0, 0, "x", fontsize="small")
ax.set_title("t", fontsize="x-small")
ax.tick_params(labelsize=8)
ax.legend(prop={"size": 6})
plt.rcParams["legend.fontsize"] = 8
plt.rcParams.update({"xtick.labelsize": "small", "figure.figsize": (9, 3)})
with plt.rc_context({"axes.titlesize": 7.5}):
    pass
ax.title.set_fontsize(8)
ax.annotate("a", (0, 0), size="xx-small")
fig4, ax = plt.subplots(1, 2, figsize=(7.0, 3.0), dpi=80)
plt.rcParams["figure.dpi"] = 72
'''

GOOD = '''
import matplotlib.pyplot as plt
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.4))
fig.set_size_inches(6, 3)
ax.legend(fontsize=9, loc="upper right")
ax.text(0, 0, "x", fontsize="medium")
ax.set_title("t", fontsize=12)
ax.tick_params(labelsize=9)
ax.scatter(x, y, s=4)
ax.plot(x, y, ms=3)
plt.rcParams["legend.fontsize"] = "large"
plt.rcParams.update({"lines.linewidth": 1})
n = compute(); ax.legend(fontsize=n)
z = rng.normal(size=5)
ax.title.set_fontsize(10)
fig.savefig("f.png", dpi=60)
fig5 = plt.figure(figsize=(4, 3), dpi=150)
'''


def test_the_scan_finds_wide_figures_and_small_text():
    problems = figure_style_problems(BAD, "bad.py")
    text = "\n".join(problems)
    for needle in ("bad.py:4: figsize", "bad.py:5: figsize", "bad.py:6: figsize",
                   "bad.py:7: set_size_inches", "bad.py:8: legend(fontsize=7)",
                   "text(fontsize='small'): 8.33 pt", "set_title(fontsize='x-small')",
                   "tick_params(labelsize=8)", "legend(prop={'size': ...}): 6 pt",
                   "rcParams['legend.fontsize'] = 8",
                   "rcParams['xtick.labelsize'] = 'small'",
                   "rcParams['figure.figsize'] = (9, 3)",
                   "rcParams['axes.titlesize'] = 7.5", "bad.py:17: set_fontsize(8)",
                   "bad.py:18: annotate(size='xx-small')",
                   "bad.py:19: subplots(dpi=...) 80 dpi",
                   "bad.py:20: rcParams['figure.dpi'] 72 dpi"):
        assert needle in text, f"not found: {needle}\n{text}"
    assert len(problems) == 17, text


def test_the_scan_passes_compliant_figures():
    assert figure_style_problems(GOOD, "good.py") == []


def test_house_style_has_no_figure_text_below_9pt():
    from lrnn_utils.plotting import use_style

    with mpl.rc_context():
        use_style()
        small = {}
        for key, value in mpl.rcParams.items():
            if is_font_rc(key):
                pt = house_points(value)
                if pt is not None and pt < MIN_FONT_PT:
                    small[key] = (value, round(pt, 2))
    assert not small, f"house style sets figure text below {MIN_FONT_PT:g} pt: {small}"


def test_helpers_draw_legends_at_9pt_or_more():
    import matplotlib.pyplot as plt
    import numpy as np

    from lrnn_utils import plotting

    t = np.linspace(0, 1, 5)
    _, ax = plt.subplots()
    try:
        plotting.plot_theory_vs_sim(t, t, t, t, ax=ax)
        sizes = [txt.get_fontsize() for txt in ax.get_legend().get_texts()]
    finally:
        plt.close("all")
    assert min(sizes) >= MIN_FONT_PT, sizes


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in NOTEBOOKS])
def test_notebook_figures_fit_the_column(path):
    problems = figure_style_problems(path.read_text(encoding="utf-8"),
                                     str(path.relative_to(ROOT)))
    assert not problems, (
        f"{len(problems)} figure(s) too wide (> {MAX_WIDTH_IN:g} in) or text below "
        f"{MIN_FONT_PT:g} pt (the site shows them at < 11 CSS px):\n"
        + "\n".join(problems)
    )
