"""House style and the recurring figures of the collection.

Figures use an opaque white background (readable on the site's dark theme) and a
small, colour-blind-safe palette. Every helper takes an optional ``ax`` and
returns it, so notebooks can compose panels.
"""

from __future__ import annotations

import html
import itertools

import numpy as np

from ._validate import check_callable, check_data, check_int, check_scalar

__all__ = [
    "COLORS",
    "use_style",
    "plot_spectrum",
    "plot_kappa",
    "plot_theory_vs_sim",
    "plot_bifurcation",
    "plot_phase_plane",
    "savefig",
    "figures_dir",
    "animation_html",
]

# Okabe–Ito palette (colour-blind safe)
COLORS = {
    "theory": "#000000",
    "sim": "#D55E00",
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "grey": "#7F7F7F",
}

_STYLE = {
    "figure.figsize": (6.0, 3.8),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    # the smallest text of every figure: tick labels and legends at 9 pt, shown at
    # >= 11 CSS px on the site for figures <= 8.5 in wide (tests/test_figure_style.py)
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.title_fontsize": 9,
    "legend.frameon": False,
    "lines.linewidth": 1.8,
    "font.size": 10,
    "image.cmap": "viridis",
}


def use_style():
    """Apply the house style to matplotlib (call once in the set-up cell).

    For animations (``to_jshtml``) lower the resolution locally, e.g.
    ``with plt.rc_context({"savefig.dpi": 60}): html = anim.to_jshtml()``: at the
    house 150 dpi a 60-frame animation weighs several MB.
    """
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(_STYLE)
    mpl.rcParams["axes.prop_cycle"] = cycler(
        color=[COLORS[k] for k in ("blue", "sim", "green", "orange", "purple", "sky")]
    )


def _ax(ax):
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(
            f"ax must be a matplotlib Axes or None, got {type(ax).__name__}"
        )
    return ax if ax is not None else plt.subplots()[1]


def _same_length(a, b, name_a: str, name_b: str):
    if a.shape[0] != b.shape[0]:
        raise ValueError(f"{name_a} and {name_b} must have the same length, got "
                         f"{a.shape[0]} and {b.shape[0]}")


def plot_spectrum(eigenvalues, radius: float, *, outlier=None, ax=None, label=None,
                  legend_loc="upper right"):
    """Eigenvalues in the complex plane with the bulk circle ``|λ| = radius``.

    ``outlier`` (complex or float, or an array of them), if given, is marked as
    the predicted outlier(s); ``legend_loc`` is passed to ``ax.legend``.
    """
    eig = check_data(eigenvalues, "eigenvalues", ndim=1, allow_complex=True)
    radius = check_scalar(radius, "radius", minimum=0.0)
    if outlier is not None:
        outlier = check_data(outlier, "outlier", ndim=(0, 1), allow_complex=True)
    ax = _ax(ax)
    ax.scatter(eig.real, eig.imag, s=6, color=COLORS["blue"], alpha=0.6, label=label)
    th = np.linspace(0, 2 * np.pi, 400)
    ax.plot(radius * np.cos(th), radius * np.sin(th), color=COLORS["theory"], lw=1,
            label=f"bulk radius g = {radius:g}")
    if outlier is not None:
        ax.plot(np.real(outlier), np.imag(outlier), marker="x", ms=10, mew=2, ls="none",
                color=COLORS["sim"], label="predicted outlier")
    ax.axhline(0, color=COLORS["grey"], lw=0.5)
    ax.axvline(0, color=COLORS["grey"], lw=0.5)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel(r"Re $\lambda$")
    ax.set_ylabel(r"Im $\lambda$")
    ax.legend(loc=legend_loc, fontsize=9)
    return ax


def plot_kappa(t, kappa, *, ax=None, theory=None, labels=None):
    """κ(t) traces: ``kappa`` of shape (T,), (T, R) or (B, T, R); ``theory`` as hlines.

    ``t`` has shape (T,); all values finite; ``labels`` one per column ``R``.
    """
    t = check_data(t, "t", ndim=1)
    k = check_data(kappa, "kappa", ndim=(1, 2, 3))
    if k.ndim == 1:
        k = k[None, :, None]
    elif k.ndim == 2:
        k = k[None]
    if k.shape[1] != t.shape[0]:
        raise ValueError(f"kappa must have {t.shape[0]} time steps (the length of t), "
                         f"got shape {np.shape(kappa)}")
    if theory is not None:
        theory = check_data(theory, "theory", ndim=(0, 1))
    if labels and len(labels) < k.shape[2]:
        raise ValueError(f"labels must name each of the {k.shape[2]} columns of kappa")
    ax = _ax(ax)
    for r in range(k.shape[2]):
        color = f"C{r}"
        for b in range(k.shape[0]):
            lab = (labels[r] if labels else rf"$\kappa_{r + 1}$") if b == 0 else None
            alpha = 0.8 if k.shape[0] == 1 else 0.5
            ax.plot(t, k[b, :, r], color=color, alpha=alpha, label=lab)
    if theory is not None:
        for val in np.atleast_1d(theory):
            ax.axhline(val, color=COLORS["theory"], ls="--", lw=1)
    ax.set_xlabel(r"time ($\tau$)")
    ax.set_ylabel(r"$\kappa$")
    if k.shape[2] > 1 or labels:
        ax.legend(fontsize=9)
    return ax


def plot_theory_vs_sim(x_theory, y_theory, x_sim, y_sim, *, y_err=None, ax=None,
                       label_theory="mean-field theory", label_sim="simulation",
                       xlabel=None, ylabel=None):
    """Theory as a line, simulation as points with optional error bars.

    ``x_theory``/``y_theory`` 1-D of one length (NaN allowed: gaps), ``x_sim``/
    ``y_sim`` 1-D of one length and finite, ``y_err`` finite, ``>= 0``, scalar or
    of the length of ``y_sim`` (or shape (2, n)).
    """
    x_theory = check_data(x_theory, "x_theory", ndim=1, allow_nan=True)
    y_theory = check_data(y_theory, "y_theory", ndim=1, allow_nan=True)
    _same_length(x_theory, y_theory, "x_theory", "y_theory")
    x_sim = check_data(x_sim, "x_sim", ndim=1)
    y_sim = check_data(y_sim, "y_sim", ndim=1)
    _same_length(x_sim, y_sim, "x_sim", "y_sim")
    if y_err is not None:
        y_err = check_data(y_err, "y_err", ndim=(0, 1, 2))
        if np.any(y_err < 0):
            raise ValueError("y_err must be >= 0")
        if y_err.ndim and y_err.shape[-1] != y_sim.shape[0]:
            raise ValueError(f"y_err must have the length of y_sim ({y_sim.shape[0]}), "
                             f"got shape {y_err.shape}")
    ax = _ax(ax)
    ax.plot(x_theory, y_theory, color=COLORS["theory"], label=label_theory)
    ax.errorbar(x_sim, y_sim, yerr=y_err, fmt="o", ms=4, color=COLORS["sim"],
                capsize=2, label=label_sim)
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    ax.legend(fontsize=9)
    return ax


def plot_bifurcation(values, branches, *, ax=None, xlabel="g", ylabel=r"$\kappa$"):
    """Bifurcation diagram: ``branches`` maps a label to ``(y, stable)`` arrays.

    Stable stretches are drawn solid, unstable ones dashed; NaN marks absence.
    """
    values = check_data(values, "values", ndim=1)
    if not isinstance(branches, dict):
        raise TypeError(f"branches must be a dict label -> (y, stable), got "
                        f"{type(branches).__name__}")
    checked = {}
    for label, pair in branches.items():
        try:
            y, stable = pair
        except (TypeError, ValueError):
            raise TypeError(f"branches[{label!r}] must be a pair (y, stable)") from None
        y = check_data(y, f"branches[{label!r}] y", ndim=1, allow_nan=True)
        stable = np.asarray(stable)
        if stable.dtype != bool:
            stable = check_data(
                stable, f"branches[{label!r}] stable", ndim=1
            ).astype(bool)
        if y.shape != values.shape or stable.shape != values.shape:
            raise ValueError(f"branches[{label!r}] must have the shape of values "
                             f"{values.shape}, got {y.shape} and {stable.shape}")
        checked[label] = (y, stable)
    ax = _ax(ax)
    for i, (label, (y, stable)) in enumerate(checked.items()):
        color = f"C{i}"
        ax.plot(values, np.where(stable, y, np.nan), color=color, label=label)
        ax.plot(values, np.where(~stable, y, np.nan), color=color, ls="--", lw=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=9)
    return ax


def plot_phase_plane(rhs, *, lim=1.5, n=21, ax=None, trajectories=None,
                     xlabel=r"$k_1$", ylabel=r"$k_2$"):
    """Flow field of a 2-D latent dynamics ``rhs(k)`` for ``k`` of shape (..., 2).

    The latent variable of the ODE is the coordinate ``k`` of the activity along
    ``m_1, m_2`` (see :mod:`lrnn_utils.lowrank`), hence the default labels.
    ``trajectories``: optional list of arrays (T, 2) drawn on top.
    """
    check_callable(rhs, "rhs")
    lim = check_scalar(lim, "lim", strictly_positive=True)
    n = check_int(n, "n", minimum=2)
    trajectories = [check_data(tr, f"trajectories[{i}]", ndim=2)
                    for i, tr in enumerate(trajectories or [])]
    for i, tr in enumerate(trajectories):
        if tr.shape[1] != 2 or tr.shape[0] < 1:
            raise ValueError(
                f"trajectories[{i}] must have shape (T, 2), got {tr.shape}"
            )
    g = np.linspace(-lim, lim, n)
    K1, K2 = np.meshgrid(g, g)
    flow = check_data(rhs(np.stack([K1, K2], axis=-1)), "rhs(k)")
    if flow.shape != (n, n, 2):
        raise ValueError(f"rhs(k) must return an array of the shape of k, "
                         f"({n}, {n}, 2), got {flow.shape}")
    ax = _ax(ax)
    speed = np.hypot(flow[..., 0], flow[..., 1])
    ax.streamplot(K1, K2, flow[..., 0], flow[..., 1], color=speed, cmap="Greys",
                  density=1.0, linewidth=0.8, arrowsize=0.8)
    for i, tr in enumerate(trajectories):
        ax.plot(tr[:, 0], tr[:, 1], color=f"C{i % 6}", lw=1.5)
        ax.plot(tr[0, 0], tr[0, 1], "o", color=f"C{i % 6}", ms=4)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_aspect("equal")
    return ax


def _repository_from_cwd():
    """The checkout (or unpacked distribution) the working directory is in, else None.

    Recognised by its ``notebooks/`` and ``figures/`` folders, in the working
    directory or its parent (a notebook runs in ``notebooks/``).
    """
    from pathlib import Path

    cwd = Path.cwd()
    for base in (cwd, cwd.parent):
        if (base / "figures").is_dir() and (base / "notebooks").is_dir():
            return base
    return None


def figures_dir():
    """Where :func:`savefig` writes, or None if it writes nothing.

    1. ``$LRNN_FIGURES_DIR`` if set;
    2. the repository's ``figures/`` if ``LRNN_EXPORT_FIGURES=1`` (the
       maintainer refreshing the committed figures);
    3. None when running inside the repository (e.g. ``notebooks/``): the
       committed figures are never rewritten by accident (a student's run, a
       test, a site build);
    4. else ``./figures`` beside the notebook, e.g. in the untracked working
       copies of ``python -m tools.lab``.

    The repository is found from the working directory, never from the package
    location.
    """
    import os
    from pathlib import Path

    env = os.environ.get("LRNN_FIGURES_DIR")
    if env:
        return Path(env)
    repo = _repository_from_cwd()
    if os.environ.get("LRNN_EXPORT_FIGURES") == "1":
        return (repo if repo is not None else Path.cwd()) / "figures"
    if repo is not None:
        return None
    return Path.cwd() / "figures"


def savefig(fig, name: str, directory=None) -> None:
    """Save ``fig`` as ``<directory>/<name>.png`` with an opaque background.

    ``directory`` defaults to :func:`figures_dir`; when that is None (inside the
    repository, without ``LRNN_EXPORT_FIGURES=1``) nothing is written. Returns
    nothing, so that a cell ending in ``savefig(...)`` shows no stray output.
    PNG metadata carry no date or version, so re-running a notebook does not
    change unchanged figures' bytes more than matplotlib's rendering does.
    """
    from pathlib import Path

    if directory is None:
        directory = figures_dir()
        if directory is None:
            return
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    fig.savefig(path, bbox_inches="tight", facecolor="white",
                metadata={"Software": None})


# -- animations ------------------------------------------------------------------

_PLAYER = """<div class="lrnn-anim" id="{uid}"
 style="display:inline-block;max-width:100%;font-family:sans-serif">
<div style="position:relative">
<img id="{uid}-key" alt="{alt}" width="{width}" src="data:image/png;base64,{key}"
 style="display:block;max-width:100%;height:auto">
<img id="{uid}-img" class="lrnn-anim-overlay" alt="" aria-hidden="true"
 style="position:absolute;left:0;top:0;width:100%;height:100%;background:transparent">
</div>
<div style="margin-top:4px">
<input id="{uid}-slider" type="range" min="0" max="{last}" value="0"
 style="width:100%" aria-label="frame">
</div>
<div style="margin-top:2px">
<button id="{uid}-first" type="button" title="first frame">|&lt;</button>
<button id="{uid}-back" type="button" title="one frame back">&lt;</button>
<button id="{uid}-play" type="button" title="play or pause">Play</button>
<button id="{uid}-next" type="button" title="one frame forward">&gt;</button>
<button id="{uid}-last" type="button" title="last frame">&gt;|</button>
<label style="margin-left:8px">
<input id="{uid}-loop" type="checkbox"{loop}> loop</label>
<span id="{uid}-count" style="margin-left:8px"></span>
</div>
<script>
(function () {{
  // frame k = the key frame (always shown) under the overlay k: the pixels of frame k
  // that differ from the key frame, transparent elsewhere
  var frames = {frames};
  var root = "{uid}", delay = {interval}, i = 0, timer = null;
  function el(k) {{ return document.getElementById(root + "-" + k); }}
  var img = el("img"), slider = el("slider"), play = el("play"), loop = el("loop");
  function show(k) {{
    i = Math.max(0, Math.min(frames.length - 1, k));
    img.src = "data:image/png;base64," + frames[i];
    slider.value = i;
    el("count").textContent = (i + 1) + " / " + frames.length;
  }}
  function stop() {{
    if (timer) {{ clearInterval(timer); timer = null; }}
    play.textContent = "Play";
  }}
  function tick() {{
    if (i + 1 < frames.length) {{ show(i + 1); }}
    else if (loop.checked) {{ show(0); }}
    else {{ stop(); }}
  }}
  play.onclick = function () {{
    if (timer) {{ stop(); return; }}
    if (i + 1 >= frames.length) {{ show(0); }}
    timer = setInterval(tick, delay);
    play.textContent = "Pause";
  }};
  el("first").onclick = function () {{ stop(); show(0); }};
  el("last").onclick = function () {{ stop(); show(frames.length - 1); }};
  el("back").onclick = function () {{ stop(); show(i - 1); }};
  el("next").onclick = function () {{ stop(); show(i + 1); }};
  slider.oninput = function () {{ stop(); show(parseInt(slider.value, 10)); }};
  show(0);
}})();
</script>
</div>"""


_ANIM_IDS = itertools.count(1)  # distinct ids for several players on one page


def _frames_png(anim, dpi):
    """Every frame of a matplotlib ``Animation`` as PNG bytes (``Animation.save``)."""
    import io

    from matplotlib.animation import AbstractMovieWriter

    frames = []

    class _Collect(AbstractMovieWriter):
        # a movie writer that keeps the frames in memory instead of calling an encoder
        def setup(self, fig, outfile, dpi=None):
            super().setup(fig, outfile, dpi=dpi)

        def grab_frame(self, **savefig_kwargs):
            buf = io.BytesIO()
            self.fig.savefig(buf, format="png", dpi=self.dpi,
                             metadata={"Software": None}, **savefig_kwargs)
            frames.append(buf.getvalue())

        def finish(self):
            pass

    anim.save("frames.png", writer=_Collect(), dpi=dpi)  # the name is not used
    return frames


def _rgb(png: bytes):
    """PNG bytes -> array (H, W, 3) of uint8, transparent parts on white."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        im = im.convert("RGBA")
        white = Image.new("RGBA", im.size, (255, 255, 255, 255))
        return np.asarray(Image.alpha_composite(white, im).convert("RGB"))


def _palette_png(rgb, dpi: float, colors: int, changed=None) -> bytes:
    """``rgb`` (H, W, 3) as a palette PNG of at most ``colors`` colours (median cut, no
    dithering: line art stays crisp).  With the boolean mask ``changed`` (H, W), only
    those pixels are kept (and quantized: a few per cent of the frame, fast); the others
    are transparent, one extra palette entry."""
    import io

    from PIL import Image

    def quantize(im, n):
        return im.quantize(colors=n, method=Image.Quantize.MEDIANCUT,
                           dither=Image.Dither.NONE)

    extra = {}
    if changed is None:
        q = quantize(Image.fromarray(rgb), colors)
    else:
        idx = np.zeros(rgb.shape[:2], dtype=np.uint8)
        palette = []
        if changed.any():
            part = quantize(Image.fromarray(rgb[changed][None, :, :]), colors - 1)
            palette = part.getpalette()[: 3 * (colors - 1)]
            idx[changed] = np.asarray(part)[0]
        clear = len(palette) // 3  # the entry after the last colour used
        idx[~changed] = clear
        q = Image.fromarray(idx, mode="P")
        q.putpalette(palette + [255, 255, 255])
        extra["transparency"] = clear
    buf = io.BytesIO()
    q.save(buf, format="PNG", optimize=True, dpi=(dpi, dpi), **extra)
    return buf.getvalue()


def _key_and_overlays(frames, dpi: float, colors: int):
    """The first frame as a palette PNG and, per frame, a palette PNG overlay that
    holds only the pixels differing from the first frame (transparent elsewhere).

    A moving dot or curve changes a few per cent of the pixels: the overlays are a
    fraction of full frames, so that 40 frames of a 7-inch figure at 2x stay < 1 MB.
    """
    rgb = [_rgb(f) for f in frames]
    key = rgb[0]
    overlays = []
    for k, frame in enumerate(rgb):
        if frame.shape != key.shape:
            raise ValueError(
                f"anim: frame {k} has {frame.shape[1]} x {frame.shape[0]} px, "
                f"frame 0 {key.shape[1]} x {key.shape[0]}"
            )
        changed = np.any(frame != key, axis=-1)
        overlays.append(_palette_png(frame, dpi, colors, changed=changed))
    return _palette_png(key, dpi, colors), overlays


def animation_html(anim, *, default_mode: str = "loop", dpi=None, interval=None,
                   alt: str = "animation frame", css_dpi: float = 100.0,
                   colors: int = 256) -> str:
    """A self-contained HTML player of a matplotlib animation (notebooks, the site).

    Like ``anim.to_jshtml()``, but loads nothing from off the machine: the frames are
    embedded PNGs and the controls are plain buttons labelled with ASCII text
    (``|<  <  Play  >  >|``, a slider and a loop box), which every font draws.  The
    frames are light: the first frame is embedded once, as a palette PNG, and every
    frame as a transparent overlay of the pixels that differ from it (palette PNG too),
    stacked on it.

    Parameters
    ----------
    anim : matplotlib.animation.Animation
    default_mode : {"loop", "once"}
        Whether the "loop" box starts ticked.
    dpi : float, optional
        Resolution of the frames (default ``2 * css_dpi``: shown at the figure's size,
        the frames are sharp on high-density screens).
    interval : float, optional
        Milliseconds between frames (default: the animation's own interval).
    alt : str
        Alternative text of the frames.
    css_dpi : float
        CSS px per inch of the figure as shown (default 100, the house ``figure.dpi``:
        the size of an inline figure of the same ``figsize``, whatever the figure's own
        dpi); 9-pt text is then ``9 * css_dpi / 72`` = 12.5 CSS px.
    colors : int
        Colours of each frame's palette, 2 to 256 (256: indistinguishable from the
        full-colour frames for line art on white).

    Returns
    -------
    str
        HTML; show it with ``IPython.display.HTML(animation_html(anim))``.

    Raises
    ------
    ValueError
        If ``default_mode`` is not ``"loop"`` or ``"once"``, ``css_dpi``, ``dpi`` or
        ``colors`` is out of range, or the animation has no frame.
    """
    import base64
    import hashlib
    import json

    if default_mode not in ("loop", "once"):
        raise ValueError(f"default_mode must be 'loop' or 'once', got {default_mode!r}")
    css_dpi = check_scalar(css_dpi, "css_dpi", strictly_positive=True)
    colors = check_int(colors, "colors", minimum=2)
    if colors > 256:
        raise ValueError(f"colors must be at most 256 (a PNG palette), got {colors}")
    fig = anim._fig
    if dpi is None:
        dpi = 2.0 * css_dpi
    dpi = check_scalar(dpi, "dpi", strictly_positive=True)
    frames = _frames_png(anim, dpi)
    if not frames:
        raise ValueError("anim has no frames")
    key, overlays = _key_and_overlays(frames, dpi, colors)
    delay = float(interval if interval is not None else getattr(anim, "_interval", 200))
    encoded = [base64.b64encode(f).decode("ascii") for f in overlays]
    return _PLAYER.format(
        # ids from the content and a per-session counter: re-running gives the same HTML
        uid=f"lrnn-anim-{hashlib.sha1(b''.join(frames)).hexdigest()[:10]}"
            f"-{next(_ANIM_IDS)}",
        key=base64.b64encode(key).decode("ascii"),
        last=len(frames) - 1,
        loop=" checked" if default_mode == "loop" else "",
        frames=json.dumps(encoded),
        interval=max(delay, 1.0),
        width=int(round(fig.get_figwidth() * css_dpi)),  # CSS px
        alt=html.escape(alt),
    )


# --- figures of notebook 00 ---


def plot_pc_plane(x, result, *, ax=None, color=None, lw: float = 0.8):
    """Trajectory of activity ``x`` in the plane of its first two principal axes.

    Draws ``(x - mean) @ components[:2].T`` (the coordinates on PC 1 and PC 2 of the
    PCA ``result``, e.g. from :func:`lrnn_utils.pca`) with equal axis scales, so a
    circular orbit looks circular.

    Parameters
    ----------
    x : array, shape (T, N)
        Activity at T time points.
    result : object with ``mean`` (N,) and ``components`` (k >= 2, N)
        The principal axes.
    ax : matplotlib Axes, optional
    color : colour, optional (default ``COLORS["blue"]``)
    lw : float
        Line width.

    Returns
    -------
    ax : matplotlib Axes
    """
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must be a (T, N) array, got shape {x.shape}")
    mean, comps = np.asarray(result.mean), np.asarray(result.components)
    if comps.ndim != 2 or comps.shape[0] < 2 or comps.shape[1] != x.shape[1]:
        raise ValueError(
            f"result.components must have shape (k >= 2, N = {x.shape[1]}), "
            f"got {comps.shape}"
        )
    proj = (x - mean) @ comps[:2].T
    ax = _ax(ax)
    color = COLORS["blue"] if color is None else color
    ax.plot(proj[:, 0], proj[:, 1], color=color, lw=lw)
    ax.set_xlabel("PC 1")
    ax.set_ylabel("PC 2")
    ax.set_aspect("equal", adjustable="datalim")
    return ax


# -- notebook 00 helpers ------------------------------------------------------------


def plot_ranked(values, *, ax=None, n_show=None, normalise=False, cumulative=False,
                log=False, fmt="o-", ms=3, **style):
    """Ordered values (singular values, PCA variances, losses) against their index.

    Draws ``y_k`` against ``k = 1 … n_show`` with ``y = values`` (as given: sort them
    first if needed), ``y = values / values[0]`` (``normalise``) or the running sum
    ``y_k = Σ_{j≤k} values_j`` (``cumulative``); on a log y-axis if ``log``.

    Parameters
    ----------
    values : array_like, shape (K,)
        The values, in the order to draw (k = 1 is ``values[0]``).
    ax : matplotlib Axes, optional
    n_show : int, optional
        Draw only the first ``n_show`` (default all K).
    normalise, cumulative, log : bool
        See above (``normalise`` and ``cumulative`` exclude each other).
    fmt : str
        Matplotlib format string (marker and line).
    ms : float
        Marker size.
    **style
        Passed to ``Axes.plot`` (``color``, ``label``, ...).

    Returns
    -------
    ax : matplotlib Axes
    """
    v = np.asarray(values, dtype=float)
    if v.ndim != 1 or v.size == 0 or not np.all(np.isfinite(v)):
        raise ValueError("values must be a non-empty finite 1-d array, "
                         f"got shape {v.shape}")
    if normalise and cumulative:
        raise ValueError("normalise and cumulative exclude each other: choose one")
    if n_show is not None:
        if isinstance(n_show, bool) or not isinstance(n_show, (int, np.integer)) \
                or n_show < 1:
            raise ValueError(f"n_show must be a positive integer, got {n_show!r}")
        v = v[:n_show]
    if normalise:
        if v[0] == 0:
            raise ValueError("values[0] must be non-zero to normalise by it")
        v = v / v[0]
    if cumulative:
        v = np.cumsum(v)
    ax = _ax(ax)
    k = np.arange(1, v.size + 1)
    (ax.semilogy if log else ax.plot)(k, v, fmt, ms=ms, **style)
    return ax


# -- notebook 04 helpers -------------------------------------------------------------


def plot_self_consistency(model, kappa, *, ax=None, color=None, states: bool = True):
    """The self-consistency map ``F(κ)`` of a rank-one model, the diagonal, its states.

    Draws ``F(κ)`` (:meth:`lrnn_utils.models.RankOne.self_consistency`, Δ0
    eliminated,
    ``F = M_n[φ](μ, Δ0) + (σ_mn κ + σ_nI)[φ'](μ, Δ0)``) against ``κ``, the diagonal
    ``F = κ``, and, if ``states``, every stationary state (the crossings, from
    :meth:`~lrnn_utils.models.RankOne.solutions`) as a circle: filled if stable
    (outlier slope ``F' < 1`` and bulk radius ``< 1``), open if not.

    Parameters
    ----------
    model : lrnn_utils.models.RankOne
    kappa : array_like, shape (K,)
        The κ grid (finite values).
    ax : matplotlib Axes, optional
    color : colour, optional (default ``COLORS["blue"]``)
    states : bool
        Also mark the stationary states.

    Returns
    -------
    ax : matplotlib Axes
    solutions : list of RankOneSolution
        The stationary states drawn (empty if ``states`` is False).
    """
    from .models import RankOne

    if not isinstance(model, RankOne):
        raise TypeError(f"model must be a RankOne, got {type(model).__name__}")
    kappa = check_data(kappa, "kappa", ndim=1)
    ax = _ax(ax)
    ax.plot(kappa, model.self_consistency(kappa), color=COLORS["blue"] if color is None
            else color, label=r"$F(\kappa)$")
    ax.plot(kappa, kappa, ls="--", color=COLORS["grey"], lw=1, label=r"$\kappa$")
    sols = model.solutions() if states else []
    for s in sols:
        ax.plot(s.kappa, s.kappa, "o", ms=8, mec=COLORS["sim"],
                mfc=COLORS["sim"] if s.stable else "white")
    if states:
        ax.plot([], [], "o", mec=COLORS["sim"], mfc=COLORS["sim"], label="stable")
        ax.plot([], [], "o", mec=COLORS["sim"], mfc="white", label="unstable")
    ax.axhline(0, color=COLORS["grey"], lw=0.5)
    ax.axvline(0, color=COLORS["grey"], lw=0.5)
    ax.set_xlabel(r"$\kappa$")
    ax.set_ylabel(r"$F(\kappa)$")
    return ax, sols


# -- notebook 06 helpers


def plot_circle(radius, *, ax=None, ls="--", lw: float = 1.5, color=None, label=None):
    """Circle ``k = r (cos θ, sin θ)`` of a theoretical ring or limit cycle.

    Parameters
    ----------
    radius : float
        ``r >= 0`` (in the units of the latent coordinates ``k``).
    ax : matplotlib Axes, optional
    ls, lw : line style and width
    color : colour, optional (default ``COLORS["theory"]``)
    label : str, optional
        Legend entry.

    Returns
    -------
    ax : matplotlib Axes
    """
    radius = check_scalar(radius, "radius", minimum=0.0)
    th = np.linspace(0.0, 2 * np.pi, 200)
    ax = _ax(ax)
    ax.plot(radius * np.cos(th), radius * np.sin(th), ls=ls, lw=lw,
            color=COLORS["theory"] if color is None else color, label=label)
    return ax


def latent_axes(ax, lim: float, *, title=None):
    """Square latent phase plane ``[-lim, lim]²``, equal scales, labels ``k_1, k_2``.

    Parameters
    ----------
    ax : matplotlib Axes
    lim : float
        Half-width ``> 0`` of both axes.
    title : str, optional

    Returns
    -------
    ax : matplotlib Axes
    """
    lim = check_scalar(lim, "lim", strictly_positive=True)
    if not hasattr(ax, "set_xlim"):
        raise TypeError("ax must be a matplotlib Axes")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel(r"$k_1$")
    ax.set_ylabel(r"$k_2$")
    if title is not None:
        ax.set_title(title)
    return ax
