"""The plotting helpers of notebook 06: plot_circle and latent_axes."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lrnn_utils.plotting import COLORS, latent_axes, plot_circle  # noqa: E402


def test_plot_circle_draws_the_radius():
    fig, ax = plt.subplots()
    assert plot_circle(1.3, ax=ax, label="r") is ax
    (line,) = ax.get_lines()
    x, y = line.get_data()
    assert np.allclose(np.hypot(x, y), 1.3)
    assert line.get_label() == "r" and line.get_linestyle() == "--"
    assert matplotlib.colors.same_color(line.get_color(), COLORS["theory"])
    plt.close(fig)


@pytest.mark.parametrize("bad", [-1.0, float("nan"), "1"])
def test_plot_circle_rejects_bad_radius(bad):
    with pytest.raises((ValueError, TypeError), match="radius"):
        plot_circle(bad)


def test_latent_axes():
    fig, ax = plt.subplots()
    assert latent_axes(ax, 2.0, title="t") is ax
    assert ax.get_xlim() == (-2.0, 2.0) and ax.get_ylim() == (-2.0, 2.0)
    assert ax.get_xlabel() == r"$k_1$" and ax.get_title() == "t"
    with pytest.raises(ValueError, match="lim"):
        latent_axes(ax, 0.0)
    with pytest.raises(TypeError, match="ax"):
        latent_axes(None, 1.0)
    plt.close(fig)
