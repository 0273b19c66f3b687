"""plotting.plot_pc_plane draws the trajectory on PC 1 and PC 2 and validates its input."""

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
    x = 3.0 * np.outer(np.cos(t), basis[:, 0]) + 3.0 * np.outer(np.sin(t), basis[:, 1]) + 1.0
    fig, ax = plt.subplots()
    assert plot_pc_plane(x, pca(x), ax=ax) is ax
    xy = ax.lines[0].get_xydata()
    assert np.allclose(np.hypot(xy[:, 0], xy[:, 1]), 3.0)  # the radius survives the projection
    assert ax.get_xlabel() == "PC 1" and ax.get_aspect() == 1.0
    plt.close(fig)


def test_bad_inputs_raise():
    x = np.random.default_rng(1).standard_normal((50, 10))
    with pytest.raises(ValueError, match="x must be"):
        plot_pc_plane(x[0], pca(x))
    with pytest.raises(ValueError, match="components"):
        plot_pc_plane(x[:, :5], pca(x))
