"""The plotting helper of notebooks 04 and 05: plot_self_consistency."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lrnn_utils.models import PAPER_SPONTANEOUS  # noqa: E402
from lrnn_utils.plotting import plot_self_consistency  # noqa: E402


def test_draws_map_diagonal_and_states():
    model = PAPER_SPONTANEOUS  # g = 0.5: three states, ±κ stable, 0 unstable
    k = np.linspace(-2, 2, 41)
    fig, ax = plt.subplots()
    out, sols = plot_self_consistency(model, k, ax=ax)
    assert out is ax and len(sols) == 3
    lines = ax.get_lines()
    assert np.allclose(lines[0].get_ydata(), model.self_consistency(k))  # F(κ)
    assert np.allclose(lines[1].get_ydata(), k)  # the diagonal
    # one circle per state, filled iff stable
    circles = [ln for ln in lines[2:5]]
    for s, ln in zip(sols, circles):
        assert ln.get_xdata()[0] == pytest.approx(s.kappa)
        assert (ln.get_markerfacecolor() != "white") == s.stable
    plt.close(fig)


def test_states_off_and_bad_arguments():
    fig, ax = plt.subplots()
    _, sols = plot_self_consistency(PAPER_SPONTANEOUS, [-1.0, 0.0, 1.0], ax=ax,
                                    states=False)
    assert sols == [] and len(ax.get_lines()) == 4  # F, diagonal, the two axes
    with pytest.raises(TypeError, match="model"):
        plot_self_consistency({"g": 0.5}, [0.0, 1.0])
    with pytest.raises((TypeError, ValueError), match="kappa"):
        plot_self_consistency(PAPER_SPONTANEOUS, [[0.0, 1.0]])
    with pytest.raises((TypeError, ValueError), match="kappa"):
        plot_self_consistency(PAPER_SPONTANEOUS, [0.0, np.nan])
    plt.close(fig)
