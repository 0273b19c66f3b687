"""Checkers of notebook 06: accept the reference, reject typical mistakes, refuse `...`."""

import numpy as np
import pytest
from scipy.optimize import brentq

from lrnn_utils import gaussian_vectors, population_gain
from lrnn_utils.checks import nb06


@pytest.fixture
def vectors():
    rng = np.random.default_rng(0)
    sigma = np.array([[2.0, -1.0], [1.0, 2.0]])
    C = np.block([[np.eye(2), sigma.T], [sigma, 6.0 * np.eye(2)]])
    v = gaussian_vectors(400, np.zeros(4), C, rng, exact=True)
    return v[:, :2], v[:, 2:]


def test_exercise_1(vectors):
    m, n = vectors
    N = m.shape[0]
    assert nb06.exercise_1(n.T @ m / N, m=m, n=n, quiet=True)
    wrong = {
        "transpose": m.T @ n / N,
        "forgot 1/N": n.T @ m,
        "m with m": m.T @ m / N,
        "sign": -(n.T @ m) / N,
    }
    for label, ans in wrong.items():
        fb = nb06.exercise_1(ans, m=m, n=n, quiet=True)
        assert not fb, label
    assert "transpose" in nb06.exercise_1(m.T @ n / N, m=m, n=n, quiet=True).message
    assert "divide by N" in nb06.exercise_1(n.T @ m, m=m, n=n, quiet=True).message
    with pytest.raises(NotImplementedError):
        nb06.exercise_1(..., m=m, n=n)


def test_exercise_2():
    ref = brentq(lambda r: float(population_gain(2.0 * r * r)) - 1 / 1.6, 0, 50)
    assert nb06.exercise_2(ref, a=1.6, m_var=2.0, quiet=True)
    r_unit = brentq(lambda r: float(population_gain(r * r)) - 1 / 1.6, 0, 50)
    fb = nb06.exercise_2(r_unit, quiet=True)
    assert not fb and "Σ_m² = 1" in fb.message
    fb = nb06.exercise_2(2.0 * ref**2, quiet=True)
    assert not fb and "variance" in fb.message
    assert not nb06.exercise_2(r_unit / 2.0, quiet=True)
    with pytest.raises(NotImplementedError):
        nb06.exercise_2(...)


def test_exercise_3():
    T = 2 * np.pi * 1.5 / 2.0
    assert nb06.exercise_3(T, T * 1.004, quiet=True)
    fb = nb06.exercise_3(2 * np.pi / 2.0, T, quiet=True)
    assert not fb and "onset" in fb.message
    fb = nb06.exercise_3(2.0 / 1.5, T, quiet=True)
    assert not fb and "angular frequency" in fb.message
    fb = nb06.exercise_3(T, T * 1.08, quiet=True)  # Euler at dt = 0.1
    assert not fb and "heun" in fb.message
    fb = nb06.exercise_3(T, T / 2, quiet=True)
    assert not fb and "upward" in fb.message
    fb = nb06.exercise_3(T, T, quiet=True)  # the prediction copied as the measurement
    assert not fb and "measure it" in fb.message
    assert nb06.exercise_3(T, np.float64(T * 0.996), quiet=True)
    for bad in ((str(T), T * 1.004), (T, str(T * 1.004))):
        fb = nb06.exercise_3(*bad, quiet=True)
        assert not fb and "string" in fb.message
    assert not nb06.exercise_3(T, float("nan"), quiet=True)
    with pytest.raises(NotImplementedError):
        nb06.exercise_3(..., 1.0)
    with pytest.raises(NotImplementedError):
        nb06.exercise_3(T, ...)


def test_exercise_4():
    r_star = brentq(lambda r: float(population_gain(r * r)) - 1 / 2.0, 0, 50)
    ref_r, ref_lead = r_star * np.sqrt(5) / 2, np.arctan2(1.0, 2.0)
    assert nb06.exercise_4(ref_r, ref_lead, quiet=True)
    fb = nb06.exercise_4(r_star, ref_lead, quiet=True)
    assert not fb and "coordinates" in fb.message
    fb = nb06.exercise_4(r_star * np.sqrt(5), ref_lead, quiet=True)
    assert not fb and "gain" in fb.message
    fb = nb06.exercise_4(ref_r, np.arctan2(2.0, 1.0), quiet=True)
    assert not fb and "order" in fb.message
    fb = nb06.exercise_4(ref_r, np.degrees(ref_lead), quiet=True)
    assert not fb and "radians" in fb.message
    with pytest.raises(NotImplementedError):
        nb06.exercise_4(..., ...)
