"""Checkers of notebook 07: accept the reference, reject typical mistakes, refuse `...`."""

import numpy as np
import pytest

from lrnn_utils import dphi, gauss_avg
from lrnn_utils.checks import nb07
from lrnn_utils.context import context_task_model, mixture_model, population_gains, solve_stationary


@pytest.fixture(scope="module")
def model():
    return context_task_model()


def test_exercise_1():
    t = float(gauss_avg(dphi, 2.0, 0.5))
    v = float(gauss_avg(dphi, 0.0, 4.5))
    assert nb07.exercise_1(t, v, quiet=True)
    fb = nb07.exercise_1(v, v, quiet=True)
    assert not fb and "mean" in fb.message
    fb = nb07.exercise_1(1 - np.tanh(2.0) ** 2, v, quiet=True)
    assert not fb and "single neuron" in fb.message
    fb = nb07.exercise_1(t, float(gauss_avg(dphi, 0.0, 2.5)), quiet=True)
    assert not fb and "γ²" in fb.message
    fb = nb07.exercise_1(t, float(gauss_avg(dphi, 0.0, 4.0)), quiet=True)
    assert not fb and "Δ" in fb.message
    with pytest.raises(NotImplementedError):
        nb07.exercise_1(..., v)


def test_exercise_2(model):
    G = population_gains(model, np.zeros(2), np.array([0, 0, 0, 2.0]))
    ref = float(np.sum(model.fractions * G * model.n_input_cov[:, 0, 0]))
    assert nb07.exercise_2(ref, model=model, quiet=True)
    fb = nb07.exercise_2(float(np.sum(G * model.n_input_cov[:, 0, 0])), model=model, quiet=True)
    assert not fb and "fraction" in fb.message
    fb = nb07.exercise_2(1.0, model=model, quiet=True)  # no gain / context A / wrong population
    assert not fb and "own [φ']" in fb.message
    fb = nb07.exercise_2(-ref, model=model, quiet=True)
    assert not fb and "sign" in fb.message
    with pytest.raises(NotImplementedError):
        nb07.exercise_2(..., model=model)


def test_exercise_3(model):
    G1, G2 = population_gains(model, np.zeros(2), np.array([0, 0, 2.0, 0]))
    dk1 = 0.5 * G1 * 2.0 / (1 - 0.5 * G1)
    ref = 0.5 * (G1 + G2) * dk1
    assert nb07.exercise_3(ref, model=model, quiet=True)
    fb = nb07.exercise_3(0.5 * (G1 + G2) * 0.5 * G1 * 2.0, model=model, quiet=True)
    assert not fb and "amplification" in fb.message
    fb = nb07.exercise_3(dk1, model=model, quiet=True)
    assert not fb and "readout" in fb.message
    fb = nb07.exercise_3(0.5 * G1 * dk1, model=model, quiet=True)
    assert not fb and "both populations" in fb.message
    with pytest.raises(NotImplementedError):
        nb07.exercise_3(..., model=model)


def _paper():
    sd = np.array([1.2, 1.2, 1.2, 1.2, 1.0, 1.0, 1.0])
    A = np.zeros((9, 7))
    A[0, [2, 5, 4]] = [1.0, 1.6, 0.6]
    A[1, [3, 6, 4]] = [1.0, 1.6, 0.6]
    A[2, [0, 5, 4]] = [1.0, 3.0, 1.0]
    A[3, [1, 6, 4]] = [1.0, 3.0, 1.0]
    A[4, 0] = A[5, 1] = A[6, 5] = A[7, 6] = A[8, 4] = 1.0
    return mixture_model([1.0], (A @ np.diag(sd**2) @ A.T)[None], rank=2, n_inputs=4)


def test_exercise_4():
    paper = _paper()
    nogo = solve_stationary(paper, np.zeros(4), k0=np.array([-2.0, -2.0]))
    ref = nb07._go_threshold(paper, nogo.k)
    assert 0.0 < ref < 1.0
    assert nb07.exercise_4(ref * 1.005, model=paper, start=nogo.k, quiet=True)
    fb = nb07.exercise_4(1.0, model=paper, start=nogo.k, quiet=True)
    assert not fb and "smallest" in fb.message
    assert not nb07.exercise_4(0.5 * ref, model=paper, start=nogo.k, quiet=True)
    with pytest.raises(NotImplementedError):
        nb07.exercise_4(..., model=paper, start=nogo.k)
