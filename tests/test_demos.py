"""Slider demos: one live figure, a static first frame, and an offline HTML player."""

import json
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from lrnn_utils import demos  # noqa: E402
from lrnn_utils.demos import Slider, slider_demo, static_html  # noqa: E402


class Recorder:
    """A draw function that remembers its calls and makes a distinct figure per call."""

    def __init__(self):
        self.calls = []

    def __call__(self, g=0.0, b=0):
        """A line whose slope is g and intercept b."""
        self.calls.append((g, b))
        fig, ax = plt.subplots(figsize=(2, 1.5))
        ax.plot([0, 1], [b, b + g])
        ax.set_title(f"{g} {b}")
        return fig


def test_slider_specs():
    s = Slider.from_spec("g", (0.0, 1.0, 0.25), 0.5)
    assert s.values == (0.0, 0.25, 0.5, 0.75, 1.0) and s.value == 0.5 and s.index == 2
    assert Slider.from_spec("k", (1, 5, 1)).values == (1, 2, 3, 4, 5)
    assert Slider.from_spec("c", ["a", "b"], "b").value == "b"
    with pytest.raises(ValueError, match="'g'.*step > 0"):
        Slider.from_spec("g", (0.0, 1.0, 0.0))
    with pytest.raises(ValueError, match="tuple must be"):
        Slider.from_spec("g", (0.0, 1.0))
    with pytest.raises(TypeError, match="'g'"):
        Slider.from_spec("g", 3.0)


def test_bad_arguments(monkeypatch):
    monkeypatch.setenv("LRNN_STATIC_DEMOS", "first")
    with pytest.raises(TypeError, match="draw must be callable"):
        slider_demo(None, g=(0, 1, 1))
    with pytest.raises(ValueError, match="at least one slider"):
        slider_demo(Recorder())
    with pytest.raises(ValueError, match="defaults name no slider"):
        slider_demo(Recorder(), g=(0, 1, 1), defaults={"h": 1})
    monkeypatch.setenv("LRNN_STATIC_DEMOS", "yes")
    with pytest.raises(ValueError, match="LRNN_STATIC_DEMOS"):
        slider_demo(Recorder(), g=(0, 1, 1))


def test_first_mode_draws_defaults_once_and_closes(monkeypatch):
    monkeypatch.setenv("LRNN_STATIC_DEMOS", "first")
    plt.close("all")
    rec = Recorder()
    slider_demo(rec, g=(0.0, 1.0, 0.5), b=(0, 2, 1), defaults={"g": 0.5, "b": 2})
    assert rec.calls == [(0.5, 2)]
    assert plt.get_fignums() == []  # nothing left for the inline backend to show again


def test_html_player_is_offline_and_complete():
    rec = Recorder()
    spec = {"g": Slider.from_spec("g", (0.0, 2.0, 0.1), 0.7),
            "b": Slider.from_spec("b", (0, 3, 1), 1)}
    page = static_html(rec, spec, max_frames=9, alt="lines")
    assert len(rec.calls) <= 9 and (0.7, 1) in rec.calls  # the default frame is rendered
    assert "http" not in page and "lrnn-static-demo" in page
    frames = json.loads(re.search(r'class="lrnn-demo-frames">(.*?)</script>', page).group(1))
    assert len(frames) == len(rec.calls)
    assert len(set(frames.values())) == len(frames)  # every frame differs
    shown = re.search(r'<img src="([^"]+)"', page).group(1)
    assert shown == frames[f"{spec['g'].index}-{spec['b'].index}"]
    assert page.count('type="range"') == 2 and 'alt="lines"' in page
    assert plt.get_fignums() == []


def test_live_mode_redraws_one_figure_in_place(monkeypatch):
    pytest.importorskip("ipywidgets")
    monkeypatch.delenv("LRNN_STATIC_DEMOS", raising=False)
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, *a, **k: shown.append(obj))
    plt.close("all")
    rec = Recorder()
    captured = {}
    real_vbox = demos.__dict__.get("_live")

    import ipywidgets

    class Box(ipywidgets.VBox):
        def __init__(self, children, **kw):
            captured["box"] = children
            super().__init__(children, **kw)

    monkeypatch.setattr(ipywidgets, "VBox", Box)
    slider_demo(rec, g=(0.0, 1.0, 0.5), defaults={"g": 0.5})
    assert real_vbox is not None and rec.calls == [(0.5, 0)]
    assert plt.get_fignums() == []
    controls = captured["box"][0].children
    controls[0].value = 1.0
    assert rec.calls == [(0.5, 0), (1.0, 0)] and plt.get_fignums() == []


def test_base_seed(monkeypatch):
    from lrnn_utils.seeds import base_seed

    monkeypatch.delenv("LRNN_SEED", raising=False)
    assert base_seed() == 0 and base_seed(7) == 7
    monkeypatch.setenv("LRNN_SEED", "12")
    assert base_seed() == 12
    for bad in ("x", "-1", "1.5"):
        monkeypatch.setenv("LRNN_SEED", bad)
        with pytest.raises(ValueError, match="LRNN_SEED"):
            base_seed()
