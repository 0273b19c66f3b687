"""Checkers of notebook 07: accept the reference, reject typical mistakes, refuse `...`."""

import numpy as np
import pytest

from lrnn_utils import dphi, gauss_avg
from lrnn_utils.checks import nb07
from lrnn_utils.context import (
    context_task_model,
    integrate_latent,
    paper_context_model,
    population_gains,
    readout,
    solve_stationary,
)


@pytest.fixture(scope="module")
def model():
    return context_task_model()


def test_exercise_2():
    t = float(gauss_avg(dphi, 2.0, 0.5))
    v = float(gauss_avg(dphi, 0.0, 4.5))
    assert nb07.exercise_2(t, v, quiet=True)
    fb = nb07.exercise_2(v, v, quiet=True)
    assert not fb and "mean" in fb.message
    fb = nb07.exercise_2(1 - np.tanh(2.0) ** 2, v, quiet=True)
    assert not fb and "single neuron" in fb.message
    fb = nb07.exercise_2(t, float(gauss_avg(dphi, 0.0, 2.5)), quiet=True)
    assert not fb and "γ²" in fb.message
    fb = nb07.exercise_2(t, float(gauss_avg(dphi, 0.0, 4.0)), quiet=True)
    assert not fb and "Δ" in fb.message
    assert not nb07.exercise_2(str(t), v, quiet=True)
    with pytest.raises(NotImplementedError):
        nb07.exercise_2(..., v)


def test_exercise_3(model):
    G = population_gains(model, np.zeros(2), np.array([0, 0, 0, 2.0]))
    ref = float(np.sum(model.fractions * G * model.n_input_cov[:, 0, 0]))
    assert nb07.exercise_3(ref, model=model, quiet=True)
    fb = nb07.exercise_3(float(np.sum(G * model.n_input_cov[:, 0, 0])), model=model, quiet=True)
    assert not fb and "fraction" in fb.message
    fb = nb07.exercise_3(1.0, model=model, quiet=True)  # no gain / context A / wrong population
    assert not fb and "own [φ']" in fb.message
    fb = nb07.exercise_3(-ref, model=model, quiet=True)
    assert not fb and "sign" in fb.message
    assert not nb07.exercise_3(str(ref), model=model, quiet=True)
    with pytest.raises(NotImplementedError):
        nb07.exercise_3(..., model=model)


def test_exercise_4(model):
    G1, G2 = population_gains(model, np.zeros(2), np.array([0, 0, 2.0, 0]))
    dk1 = 0.5 * G1 * 2.0 / (1 - 0.5 * G1)
    ref = 0.5 * (G1 + G2) * dk1
    assert nb07.exercise_4(ref, model=model, quiet=True)
    fb = nb07.exercise_4(0.5 * (G1 + G2) * 0.5 * G1 * 2.0, model=model, quiet=True)
    assert not fb and "amplification" in fb.message
    fb = nb07.exercise_4(dk1, model=model, quiet=True)
    assert not fb and "readout" in fb.message
    fb = nb07.exercise_4(0.5 * G1 * dk1, model=model, quiet=True)
    assert not fb and "both populations" in fb.message
    assert not nb07.exercise_4(str(ref), model=model, quiet=True)
    with pytest.raises(NotImplementedError):
        nb07.exercise_4(..., model=model)


@pytest.fixture(scope="module")
def paper():
    return paper_context_model()


@pytest.fixture(scope="module")
def nogo(paper):
    return solve_stationary(paper, np.zeros(4), k0=np.array([-2.0, -2.0])).k


def _threshold(paper, start, t_end, dt=0.2):
    """Go threshold after a trial of length t_end, by bisection (written here, not imported)."""
    cue = np.array([0.0, 0.0, 0.08, -0.14])

    def z_end(amps):
        def v(t):
            stim = np.stack([amps, 0 * amps, 0 * amps, 0 * amps], axis=-1)
            on = (1 - np.exp(-(t - 15.0))) if t >= 15.0 else 0.0
            return cue * (1 - np.exp(-t)) + stim * on

        _, k = integrate_latent(paper, np.tile(start, (amps.size, 1)), v, t_end, dt)
        return readout(paper, k[:, -1], v(t_end))

    lo, hi = 0.0, 1.0
    for _ in range(4):
        grid = np.linspace(lo, hi, 9)
        j = int(np.argmax(z_end(grid) > 0))
        lo, hi = grid[j - 1], grid[j]
    return 0.5 * (lo + hi)


def test_exercise_1_accepts_the_reference_and_longer_trials(paper, nogo):
    ref = _threshold(paper, nogo, 100.0)
    assert 0.70 < ref < 0.76
    assert nb07.exercise_1(ref, model=paper, start=nogo, quiet=True)
    # a longer trial gives a lower threshold (slow passage near the vanishing No-Go state)
    longer = _threshold(paper, nogo, 300.0)
    assert longer < 0.98 * ref
    assert nb07.exercise_1(longer, model=paper, start=nogo, quiet=True)
    assert nb07.exercise_1(0.685, model=paper, start=nogo, quiet=True)  # the t → ∞ limit


def test_exercise_1_rejects_typical_mistakes(paper, nogo):
    fb = nb07.exercise_1(1.0, model=paper, start=nogo, quiet=True)
    assert not fb and "smallest" in fb.message
    fb = nb07.exercise_1(0.85, model=paper, start=nogo, quiet=True)
    assert not fb and "Narrow your bracket" in fb.message
    fb = nb07.exercise_1(0.125, model=paper, start=nogo, quiet=True)  # fixed point from k = 0
    assert not fb and "k = 0" in fb.message
    fb = nb07.exercise_1(0.6, model=paper, start=nogo, quiet=True)
    assert not fb and "higher" in fb.message
    for bad in ("0.73", [0.7, 0.8], -0.7, float("nan")):
        assert not nb07.exercise_1(bad, model=paper, start=nogo, quiet=True)
    with pytest.raises(NotImplementedError):
        nb07.exercise_1(..., model=paper, start=nogo)
