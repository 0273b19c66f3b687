"""plotting helpers of notebook 00 (plot_pc_plane, plot_ranked) draw and validate."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lrnn_utils import pca  # noqa: E402
from lrnn_utils.plotting import plot_pc_plane  # noqa: E402


def test_circle_is_drawn_on_its_principal_plane():
    t = np.linspace(0, 2 * np.pi, 200, endpoint=False)
    basis = np.linalg.qr(np.random.default_rng(0).standard_normal((30, 2)))[0]
    x = (
        3.0 * np.outer(np.cos(t), basis[:, 0])
        + 3.0 * np.outer(np.sin(t), basis[:, 1])
        + 1.0
    )
    fig, ax = plt.subplots()
    assert plot_pc_plane(x, pca(x), ax=ax) is ax
    xy = ax.lines[0].get_xydata()
    # the radius survives the projection
    assert np.allclose(np.hypot(xy[:, 0], xy[:, 1]), 3.0)
    assert ax.get_xlabel() == "PC 1" and ax.get_aspect() == 1.0
    plt.close(fig)


def test_bad_inputs_raise():
    x = np.random.default_rng(1).standard_normal((50, 10))
    with pytest.raises(ValueError, match="x must be"):
        plot_pc_plane(x[0], pca(x))
    with pytest.raises(ValueError, match="components"):
        plot_pc_plane(x[:, :5], pca(x))


# -- plot_ranked ------------------------------------------------------------

from lrnn_utils.plotting import plot_ranked  # noqa: E402


def test_plot_ranked_draws_index_against_values():
    fig, ax = plt.subplots()
    s = np.array([4.0, 2.0, 1.0, 0.5])
    assert plot_ranked(s, ax=ax, n_show=3, normalise=True, log=True, label="a") is ax
    xy = ax.lines[0].get_xydata()
    assert np.allclose(xy[:, 0], [1, 2, 3]) and np.allclose(xy[:, 1], [1, 0.5, 0.25])
    assert ax.get_yscale() == "log"
    plot_ranked(s, ax=ax, cumulative=True)
    assert np.allclose(ax.lines[1].get_ydata(), [4, 6, 7, 7.5])
    plt.close(fig)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(values=np.zeros((2, 2))), "values"),
        (dict(values=[1.0, np.nan]), "values"),
        (dict(values=[1.0], n_show=0), "n_show"),
        (dict(values=[1.0], normalise=True, cumulative=True), "normalise"),
        (dict(values=[0.0, 1.0], normalise=True), "non-zero"),
    ],
)
def test_plot_ranked_bad_inputs_raise(kwargs, match):
    values = kwargs.pop("values")
    with pytest.raises(ValueError, match=match):
        plot_ranked(values, **kwargs)
