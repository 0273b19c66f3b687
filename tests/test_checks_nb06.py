"""Checkers of notebook 06: accept the reference, reject typical mistakes, refuse "
"`...`."""

import numpy as np
import pytest
from scipy.optimize import brentq

from lrnn_utils import dphi, gauss_avg
from lrnn_utils.checks import nb06


def _gain(delta):
    return float(gauss_avg(dphi, 0.0, delta))


def test_exercise_1_accepts_the_reference_and_alternatives():
    assert nb06.exercise_1(lambda m, n: n.T @ m / m.shape[0], quiet=True)
    assert nb06.exercise_1(
        lambda m, n: np.einsum("ir,is->rs", n, m) / len(m), quiet=True
    )


@pytest.mark.parametrize(
    "wrong, words",
    [
        (lambda m, n: m.T @ n / m.shape[0], "transpose"),
        (lambda m, n: n.T @ m, "divide by N"),
        (lambda m, n: m.T @ m / m.shape[0], "themselves"),
        (lambda m, n: n.T @ n / m.shape[0], "nᵀn/N"),
        (lambda m, n: -(n.T @ m) / m.shape[0], ""),
        (lambda m, n: np.array([[5.4, 0.6], [0.6, 5.4]]), ""),  # a constant
    ],
)
def test_exercise_1_rejects(wrong, words):
    fb = nb06.exercise_1(wrong, quiet=True)
    assert not fb and words in fb.message


def test_exercise_1_unfinished_and_not_callable():
    with pytest.raises(NotImplementedError):
        nb06.exercise_1(...)
    with pytest.raises(NotImplementedError):
        nb06.exercise_1(lambda m, n: ...)
    fb = nb06.exercise_1(np.eye(2), quiet=True)
    assert not fb and "function itself" in fb.message


def _ring(a, m_var):
    return brentq(lambda r: _gain(m_var * r * r) - 1 / a, 0, 50, xtol=1e-14)


def test_exercise_2():
    assert nb06.exercise_2(_ring, quiet=True)
    fb = nb06.exercise_2(lambda a, m_var: _ring(a, 1.0), quiet=True)
    assert not fb and "does not change with m_var" in fb.message
    fb = nb06.exercise_2(lambda a, m_var: m_var * _ring(a, m_var) ** 2, quiet=True)
    assert not fb and "variance" in fb.message
    fb = nb06.exercise_2(lambda a, m_var: _ring(a, 1.0) / m_var, quiet=True)
    assert not fb and "1/Σ_m" in fb.message
    assert not nb06.exercise_2(lambda a, m_var: 0.7905, quiet=True)  # one value only
    with pytest.raises(NotImplementedError):
        nb06.exercise_2(...)
    with pytest.raises(NotImplementedError):
        nb06.exercise_2(lambda a, m_var: ...)
    assert not nb06.exercise_2(0.79, quiet=True)


def _period(a, b):
    return 2 * np.pi * a / b


T = 2 * np.pi * 1.5 / 2.0


def test_exercise_3_prediction():
    assert nb06.exercise_3(_period, T * 1.004, quiet=True)
    assert nb06.exercise_3(_period, np.float64(T * 0.996), quiet=True)
    cases = [
        (lambda a, b: 2 * np.pi / b, "onset"),
        (lambda a, b: b / a, "angular frequency"),
        (lambda a, b: a / b, "2π"),
        (lambda a, b: 2 * np.pi * b / a, "Upside down"),
        (lambda a, b: T, "is off"),
    ]  # the answer for one (a, b) only
    for wrong, words in cases:
        fb = nb06.exercise_3(wrong, T, quiet=True)
        assert not fb and words in fb.message, words
    fb = nb06.exercise_3(lambda a, b: "4.71", T, quiet=True)
    assert not fb and "one number" in fb.message


def test_exercise_3_measurement():
    fb = nb06.exercise_3(_period, T * 1.08, quiet=True)  # Euler at dt = 0.1
    assert not fb and "heun" in fb.message
    fb = nb06.exercise_3(_period, T / 2, quiet=True)
    assert not fb and "upward" in fb.message
    fb = nb06.exercise_3(_period, T / (2 * np.pi), quiet=True)
    assert not fb and "T/2π" in fb.message
    fb = nb06.exercise_3(_period, T, quiet=True)  # the prediction copied
    assert not fb and "measure it" in fb.message
    fb = nb06.exercise_3(_period, str(T * 1.004), quiet=True)
    assert not fb and "string" in fb.message
    fb = nb06.exercise_3(_period, float("nan"), quiet=True)
    assert not fb and "NaN" in fb.message
    with pytest.raises(NotImplementedError):
        nb06.exercise_3(..., 1.0)
    with pytest.raises(NotImplementedError):
        nb06.exercise_3(_period, ...)


def test_exercise_4():
    r_star = _ring(2.0, 1.0)
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
