"""House style and the recurring figures of the collection.

Figures use an opaque white background (readable on the site's dark theme) and a
small, colour-blind-safe palette. Every helper takes an optional ``ax`` and
returns it, so notebooks can compose panels.
"""

from __future__ import annotations

import numpy as np

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

    return ax if ax is not None else plt.subplots()[1]


def plot_spectrum(eigenvalues, radius: float, *, outlier=None, ax=None, label=None,
                  legend_loc="upper right"):
    """Eigenvalues in the complex plane with the bulk circle ``|λ| = radius``.

    ``outlier`` (complex or float, or an array of them), if given, is marked as
    the predicted outlier(s); ``legend_loc`` is passed to ``ax.legend``.
    """
    ax = _ax(ax)
    eig = np.asarray(eigenvalues)
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
    ax.legend(loc=legend_loc, fontsize=8)
    return ax


def plot_kappa(t, kappa, *, ax=None, theory=None, labels=None):
    """κ(t) traces: ``kappa`` of shape (T,), (T, R) or (B, T, R); ``theory`` as hlines."""
    ax = _ax(ax)
    k = np.asarray(kappa)
    if k.ndim == 1:
        k = k[None, :, None]
    elif k.ndim == 2:
        k = k[None]
    for r in range(k.shape[2]):
        color = f"C{r}"
        for b in range(k.shape[0]):
            lab = (labels[r] if labels else rf"$\kappa_{r + 1}$") if b == 0 else None
            ax.plot(t, k[b, :, r], color=color, alpha=0.8 if k.shape[0] == 1 else 0.5, label=lab)
    if theory is not None:
        for val in np.atleast_1d(theory):
            ax.axhline(val, color=COLORS["theory"], ls="--", lw=1)
    ax.set_xlabel(r"time ($\tau$)")
    ax.set_ylabel(r"$\kappa$")
    if k.shape[2] > 1 or labels:
        ax.legend(fontsize=8)
    return ax


def plot_theory_vs_sim(x_theory, y_theory, x_sim, y_sim, *, y_err=None, ax=None,
                       label_theory="mean-field theory", label_sim="simulation",
                       xlabel=None, ylabel=None):
    """Theory as a line, simulation as points with optional error bars."""
    ax = _ax(ax)
    ax.plot(x_theory, y_theory, color=COLORS["theory"], label=label_theory)
    ax.errorbar(x_sim, y_sim, yerr=y_err, fmt="o", ms=4, color=COLORS["sim"],
                capsize=2, label=label_sim)
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    return ax


def plot_bifurcation(values, branches, *, ax=None, xlabel="g", ylabel=r"$\kappa$"):
    """Bifurcation diagram: ``branches`` maps a label to ``(y, stable)`` arrays.

    Stable stretches are drawn solid, unstable ones dashed; NaN marks absence.
    """
    ax = _ax(ax)
    values = np.asarray(values, dtype=float)
    for i, (label, (y, stable)) in enumerate(branches.items()):
        y = np.asarray(y, dtype=float)
        stable = np.asarray(stable, dtype=bool)
        color = f"C{i}"
        ax.plot(values, np.where(stable, y, np.nan), color=color, label=label)
        ax.plot(values, np.where(~stable, y, np.nan), color=color, ls="--", lw=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    return ax


def plot_phase_plane(rhs, *, lim=1.5, n=21, ax=None, trajectories=None,
                     xlabel=r"$k_1$", ylabel=r"$k_2$"):
    """Flow field of a 2-D latent dynamics ``rhs(k)`` for ``k`` of shape (..., 2).

    The latent variable of the ODE is the coordinate ``k`` of the activity along
    ``m_1, m_2`` (see :mod:`lrnn_utils.latent`), hence the default labels.
    ``trajectories``: optional list of arrays (T, 2) drawn on top.
    """
    ax = _ax(ax)
    g = np.linspace(-lim, lim, n)
    K1, K2 = np.meshgrid(g, g)
    flow = rhs(np.stack([K1, K2], axis=-1))
    speed = np.hypot(flow[..., 0], flow[..., 1])
    ax.streamplot(K1, K2, flow[..., 0], flow[..., 1], color=speed, cmap="Greys",
                  density=1.0, linewidth=0.8, arrowsize=0.8)
    for i, tr in enumerate(trajectories or []):
        tr = np.asarray(tr)
        ax.plot(tr[:, 0], tr[:, 1], color=f"C{i % 6}", lw=1.5)
        ax.plot(tr[0, 0], tr[0, 1], "o", color=f"C{i % 6}", ms=4)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_aspect("equal")
    return ax


def figures_dir():
    """Where exported figures go: ``$LRNN_FIGURES_DIR``, else the repository's ``figures/``.

    The repository is found from the working directory (a notebook runs in
    ``notebooks/``, so ``../figures``), never from the package location: a site
    build or a student copy executing elsewhere must not overwrite the committed
    figures. Outside the repository, figures go to ``./figures``.
    """
    import os
    from pathlib import Path

    env = os.environ.get("LRNN_FIGURES_DIR")
    if env:
        return Path(env)
    cwd = Path.cwd()
    for base in (cwd, cwd.parent):
        if (base / "figures").is_dir() and (base / "notebooks").is_dir():
            return base / "figures"
    return cwd / "figures"


def savefig(fig, name: str, directory=None) -> None:
    """Save ``fig`` as ``<figures>/<name>.png`` with an opaque background.

    Returns nothing, so that a notebook cell ending in ``savefig(...)`` shows no
    stray output (the path is ``figures_dir() / f"{name}.png"``).

    ``directory`` defaults to :func:`figures_dir`. PNG metadata carry no date or
    version, so re-running a notebook does not change unchanged figures' bytes
    more than matplotlib's rendering does.
    """
    from pathlib import Path

    directory = Path(directory) if directory is not None else figures_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    fig.savefig(path, bbox_inches="tight", facecolor="white", metadata={"Software": None})


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
            f"result.components must have shape (k >= 2, N = {x.shape[1]}), got {comps.shape}"
        )
    proj = (x - mean) @ comps[:2].T
    ax = _ax(ax)
    ax.plot(proj[:, 0], proj[:, 1], color=COLORS["blue"] if color is None else color, lw=lw)
    ax.set_xlabel("PC 1")
    ax.set_ylabel("PC 2")
    ax.set_aspect("equal", adjustable="datalim")
    return ax
