"""Interactive slider demos that work live in JupyterLab and without a kernel.

A demo is a function ``draw(**params) -> matplotlib.figure.Figure`` that makes a
*fresh* figure for one set of parameter values, and a slider per parameter:

>>> slider_demo(draw_latent, g=(0.0, 1.6, 0.1), overlap=(0.0, 3.0, 0.1),
...             defaults=dict(g=0.6, overlap=2.0))        # doctest: +SKIP

What a cell calling :func:`slider_demo` shows depends on where it runs, chosen by
the environment variable ``LRNN_STATIC_DEMOS``:

* unset or ``0`` (a student's kernel): ipywidgets sliders above **one** figure
  that is redrawn in place when a slider is released (no stale copy stays below);
* ``first`` (executing the committed notebooks): one static figure at the
  default values, exactly what the live demo starts with;
* ``1`` or ``html`` (the static web site): the figure precomputed on a grid of
  slider values and a self-contained HTML player (range inputs that swap the
  pre-rendered PNG frames with a few lines of inline JavaScript; nothing is
  loaded from anywhere). The grid is the sliders' own grid, coarsened so that
  there are at most ``max_frames`` frames (each frame costs page weight).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import math
import os
from dataclasses import dataclass
from itertools import product

import numpy as np

__all__ = ["Slider", "slider_demo", "demo_mode"]

_MODES = {
    "": "live", "0": "live", "live": "live",
    "first": "first",
    "1": "html", "html": "html",
}


@dataclass(frozen=True)
class Slider:
    """One slider: the values it can take and where it starts.

    Parameters
    ----------
    values : tuple of float, shape (K,)
        Every value the slider can take, in order.
    value : float
        The starting value (one of ``values``).
    label : str
        What the slider is called next to it (defaults to the parameter name).
    """

    values: tuple
    value: float
    label: str

    @classmethod
    def from_spec(cls, name: str, spec, default=None) -> "Slider":
        """A slider from ``(lo, hi, step)`` (a tuple) or explicit values (a list)."""
        if isinstance(spec, Slider):
            return spec
        if isinstance(spec, tuple):
            if len(spec) != 3:
                raise ValueError(
                    f"slider {name!r}: a tuple must be (lo, hi, step), got {spec!r}; "
                    "pass explicit values as a list"
                )
            lo, hi, step = (float(v) for v in spec)
            if not all(map(math.isfinite, (lo, hi, step))) or step <= 0 or hi < lo:
                raise ValueError(
                    f"slider {name!r}: need finite lo <= hi and step > 0, got {spec!r}"
                )
            n = int(round((hi - lo) / step)) + 1
            values = tuple(float(v) for v in np.round(lo + step * np.arange(n), 12))
            if all(float(v).is_integer() for v in (lo, hi, step)):
                values = tuple(int(v) for v in values)
        elif isinstance(spec, list):
            if not spec:
                raise ValueError(f"slider {name!r}: the list of values is empty")
            values = tuple(spec)
        else:
            raise TypeError(
                f"slider {name!r}: expected (lo, hi, step) as a tuple or values as a "
                "list, "
                f"got {type(spec).__name__}"
            )
        start = values[0] if default is None else default
        idx = _nearest(values, start)
        return cls(values=values, value=values[idx], label=name)

    @property
    def index(self) -> int:
        """Position of the starting value in ``values``."""
        return _nearest(self.values, self.value)


def _nearest(values, target) -> int:
    try:
        return int(np.argmin([abs(float(v) - float(target)) for v in values]))
    except (TypeError, ValueError):
        return list(values).index(target)


def demo_mode() -> str:
    """``"live"``, ``"first"`` or ``"html"`` from ``LRNN_STATIC_DEMOS`` (module doc)."""
    raw = os.environ.get("LRNN_STATIC_DEMOS", "").strip().lower()
    if raw not in _MODES:
        raise ValueError(
            f"LRNN_STATIC_DEMOS must be one of {sorted(k for k in _MODES if k)} "
            "or unset, "
            f"got {raw!r}"
        )
    return _MODES[raw]


def slider_demo(draw, *, defaults: dict | None = None, max_frames: int = 16,
                alt: str | None = None, **sliders):
    """Show ``draw(**params)`` with one slider per keyword (see the module docstring).

    Parameters
    ----------
    draw : callable
        ``draw(**params)`` returns a new :class:`matplotlib.figure.Figure`; it must
        not call ``plt.show()``. Fixed arguments: bind them with
        :func:`functools.partial`.
    defaults : dict, optional
        Starting value of each slider (default: its first value).
    max_frames : int
        Largest number of pre-rendered frames in the static HTML version.
    alt : str, optional
        Alternative text of the static figure (default: first line of ``draw``'s
        docstring).
    **sliders
        ``name=(lo, hi, step)`` or ``name=[v1, v2, ...]`` or a :class:`Slider`.
    """
    if not callable(draw):
        raise TypeError(f"draw must be callable, got {type(draw).__name__}")
    if not sliders:
        raise ValueError("slider_demo needs at least one slider keyword")
    if int(max_frames) < 1:
        raise ValueError(f"max_frames must be >= 1, got {max_frames}")
    defaults = dict(defaults or {})
    unknown = set(defaults) - set(sliders)
    if unknown:
        raise ValueError(f"defaults name no slider: {sorted(unknown)}")
    spec = {k: Slider.from_spec(k, v, defaults.get(k)) for k, v in sliders.items()}
    if alt is None:
        alt = (draw.__doc__ or draw.__name__).strip().splitlines()[0]
    mode = demo_mode()
    if mode == "live":
        try:
            import ipywidgets  # noqa: F401
        except ImportError:
            mode = "first"
    if mode == "live":
        return _live(draw, spec)
    from IPython.display import HTML, display

    if mode == "first":
        fig = draw(**{k: s.value for k, s in spec.items()})
        display(fig)
        _close(fig)
        return None
    display(HTML(static_html(draw, spec, max_frames=int(max_frames), alt=alt)))
    return None


def _close(fig) -> None:
    import matplotlib.pyplot as plt

    plt.close(fig)


def _live(draw, spec: dict):
    """ipywidgets sliders and one Output area that is redrawn in place."""
    import ipywidgets as widgets
    from IPython.display import display

    controls = {}
    for name, s in spec.items():
        controls[name] = widgets.SelectionSlider(
            options=[(_fmt(v), v) for v in s.values], value=s.value,
            description=s.label,
            continuous_update=False, style={"description_width": "initial"},
        )
    out = widgets.Output()

    def redraw(_=None):
        params = {k: c.value for k, c in controls.items()}
        with out:
            out.clear_output(wait=True)
            fig = draw(**params)
            display(fig)
            _close(fig)  # the inline backend would otherwise show it a second time

    for c in controls.values():
        c.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox(list(controls.values())), out])
    display(box)
    return None


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _static_indices(s: Slider, k: int) -> list[int]:
    """``k`` evenly spread positions of ``s.values`` that include the starting value."""
    n = len(s.values)
    if k >= n:
        return list(range(n))
    idx = sorted(set(int(round(i)) for i in np.linspace(0, n - 1, k)))
    nearest = min(range(len(idx)), key=lambda j: abs(idx[j] - s.index))
    idx[nearest] = s.index
    return sorted(set(idx))


def _frame_grid(spec: dict, max_frames: int) -> dict:
    """Per slider, the positions rendered statically (product <= max_frames)."""
    names = list(spec)
    per = max(1, int(math.floor(max_frames ** (1.0 / len(names)) + 1e-9)))
    grid = {k: _static_indices(spec[k], per) for k in names}
    return grid


def _png(fig) -> tuple[str, int, int]:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=2 * fig.dpi)  # 2x pixels: sharp on HiDPI screens
    width, height = fig.get_size_inches() * fig.dpi
    return base64.b64encode(buf.getvalue()).decode("ascii"), int(width), int(height)


def static_html(draw, spec: dict, *, max_frames: int = 16, alt: str = "") -> str:
    """Self-contained HTML: range inputs that swap pre-rendered frames of ``draw``."""
    grid = _frame_grid(spec, max_frames)
    names = list(spec)
    frames = {}
    size = (0, 0)
    for combo in product(*(grid[k] for k in names)):
        params = {k: spec[k].values[i] for k, i in zip(names, combo)}
        fig = draw(**params)
        data, w, h = _png(fig)
        _close(fig)
        frames["-".join(map(str, combo))] = "data:image/png;base64," + data
        size = (w, h)
    uid = hashlib.sha1(
        (getattr(draw, "__name__", "demo") + repr(sorted(spec.items()))).encode()
    ).hexdigest()[:10]
    start = "-".join(str(spec[k].index) for k in names)
    controls = []
    for k in names:
        pos = grid[k]
        labels = [_fmt(spec[k].values[i]) for i in pos]
        at = pos.index(spec[k].index)
        controls.append(
            f'<label style="margin-right:1.5em">{html.escape(spec[k].label)} '
            f'<input type="range" min="0" max="{len(pos) - 1}" step="1" value="{at}" '
            f'data-name="{html.escape(k)}" data-pos=\'{json.dumps(pos)}\' '
            f"data-labels='{html.escape(json.dumps(labels))}' "
            f'aria-label="{html.escape(spec[k].label)}"> '
            f"<output>{html.escape(labels[at])}</output></label>"
        )
    script = (
        "(function(){var root=document.getElementById('lrnn-demo-%s');"
        "var frames=JSON.parse("
        "root.querySelector('script.lrnn-demo-frames').textContent);"
        "var img=root.querySelector('img');"
        "var inputs=root.querySelectorAll('input[type=range]');"
        "function show(){var key=[];inputs.forEach(function(el){"
        "var pos=JSON.parse(el.dataset.pos);"
        "var labels=JSON.parse(el.dataset.labels);key.push(pos[el.value]);"
        "el.nextElementSibling.textContent=labels[el.value];});img.src=frames[key.join('-')];}"
        "inputs.forEach(function(el){el.addEventListener('input',show);});})();" % uid
    )
    return (
        f'<div class="lrnn-static-demo" id="lrnn-demo-{uid}">'
        f'<div class="lrnn-demo-controls">{"".join(controls)}</div>'
        f'<img src="{frames[start]}" alt="{html.escape(alt)}" width="{size[0]}" '
        f'style="max-width:100%;height:auto">'
        '<script type="application/json" class="lrnn-demo-frames">'
        f"{json.dumps(frames)}</script>"
        f"<script>{script}</script></div>"
    )
