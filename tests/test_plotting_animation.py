"""lrnn_utils.plotting.animation_html: light frames that reproduce the animation.

The player embeds the first frame once (palette PNG) and each frame as a transparent
overlay of the pixels that differ from it; stacked, they must give every frame back, at
2 image px per CSS px, shown at 100 CSS px per inch (9-pt text = 12.5 CSS px), and a
7-inch, 40-frame animation must weigh well under the 1.5 MB the site allows it.
"""

import base64
import io
import json
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import animation  # noqa: E402
from PIL import Image  # noqa: E402

from lrnn_utils.plotting import _rgb, animation_html, use_style  # noqa: E402


def _wave(frames, width=7.0, dpi=80):
    """Like notebook 06's figure: a dot on a circle, 300 points of a moving wave."""
    use_style()
    rng = np.random.default_rng(3)
    psi = rng.uniform(-np.pi, np.pi, 300)
    amp = rng.uniform(0.3, 1.5, 300)
    fig, (axl, axr) = plt.subplots(1, 2, figsize=(width, 3.0), dpi=dpi)
    th = np.linspace(0, 2 * np.pi, 100)
    axl.plot(np.cos(th), np.sin(th), "--", lw=1)
    (dot,) = axl.plot([], [], "o", ms=9)
    axl.set_xlim(-1.7, 1.7)
    axl.set_ylim(-1.7, 1.7)
    axl.set_title("latent state")
    (pts,) = axr.plot(psi, np.tanh(amp * np.cos(psi)), ".", ms=4)
    axr.set_ylim(-1.05, 1.05)
    axr.set_xlabel("phase")

    def draw(j):
        a = 2 * np.pi * j / frames
        dot.set_data([np.cos(a)], [np.sin(a)])
        pts.set_ydata(np.tanh(amp * np.cos(psi - a)))
        return dot, pts

    anim = animation.FuncAnimation(fig, draw, frames=frames, interval=100, blit=True)
    plt.close(fig)
    return anim


def _parts(page):
    key = re.search(r'-key"[^>]*src="data:image/png;base64,([^"]+)"', page).group(1)
    frames = json.loads(re.search(r"var frames = (\[.*?\]);", page, re.S).group(1))
    return base64.b64decode(key), [base64.b64decode(f) for f in frames]


def _stack(key: bytes, overlay: bytes) -> np.ndarray:
    base = Image.open(io.BytesIO(key)).convert("RGBA")
    top = Image.open(io.BytesIO(overlay)).convert("RGBA")
    return np.asarray(Image.alpha_composite(base, top).convert("RGB"))


def test_overlays_on_the_key_frame_give_every_frame():
    from lrnn_utils.plotting import _frames_png

    page = animation_html(_wave(4, width=3.0), css_dpi=50)
    key, overlays = _parts(page)
    assert len(overlays) == 4 and 'max="3"' in page
    assert _parts(animation_html(_wave(4, width=3.0), css_dpi=50))[0] == key
    raw = [_rgb(f) for f in _frames_png(_wave(4, width=3.0), 100)]
    key_rgb = _rgb(key)
    assert np.mean(np.abs(key_rgb.astype(int) - raw[0])) < 0.5  # the palette's rounding
    for k, (rgb, overlay) in enumerate(zip(raw, overlays, strict=True)):
        changed = np.any(rgb != raw[0], axis=-1)
        got = _stack(key, overlay)
        assert got.shape == rgb.shape
        # unchanged pixels: the key frame shows through; changed ones: the frame's own
        assert np.array_equal(got[~changed], key_rgb[~changed]), f"frame {k}"
        if changed.any():
            err = np.abs(got[changed].astype(int) - rgb[changed])
            assert err.mean() < 2.0 and err.max() < 64, (k, err.mean(), err.max())
    assert changed.mean() > 0.001  # (the last frame did move)


def test_frames_are_2x_at_100_css_px_per_inch():
    page = animation_html(_wave(2, width=4.0, dpi=80))  # (the figure's dpi: unused)
    key, overlays = _parts(page)
    assert 'width="400"' in page  # 4 in at 100 CSS px per inch
    with Image.open(io.BytesIO(key)) as im:
        assert im.size == (800, 600) and round(im.info["dpi"][0]) == 200
    with Image.open(io.BytesIO(overlays[1])) as im:
        assert im.size == (800, 600) and "transparency" in im.info


@pytest.mark.slow  # (renders 40 frames at 2x: ~1 min on the 2-core machine)
def test_a_40_frame_7_inch_animation_is_light():
    frames = 40
    page = animation_html(_wave(frames, width=7.0))
    import gzip

    sent = len(gzip.compress(page.encode(), 6))
    assert sent < 1_000_000, f"{sent / 1e6:.2f} MB for {frames} frames"
    key, overlays = _parts(page)
    assert len(overlays) == frames
    with Image.open(io.BytesIO(key)) as im:
        assert im.size == (1400, 600)


@pytest.mark.parametrize("kwargs, match", [
    ({"css_dpi": 0}, "css_dpi"), ({"colors": 1}, "colors"), ({"colors": 300}, "colors"),
    ({"dpi": -5}, "dpi"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        animation_html(_wave(2, width=2.0), **kwargs)
