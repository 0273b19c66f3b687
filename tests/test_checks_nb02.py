"""Checkers of notebook 02 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import brentq

from lrnn_utils import dphi, gauss_avg, phi
from lrnn_utils.checks import nb02


def test_stubs_raise():
    with pytest.raises(NotImplementedError):
        nb02.exercise_1(...)
    with pytest.raises(NotImplementedError):
        nb02.exercise_1(lambda x, m, n: ...)
    with pytest.raises(NotImplementedError):
        nb02.exercise_2(lambda overlap: ...)
    for ex in (nb02.exercise_2, nb02.exercise_3, nb02.exercise_4, nb02.exercise_5):
        with pytest.raises(NotImplementedError):
            ex(...)
    with pytest.raises(NotImplementedError):
        nb02.exercise_3(lambda k, m_mean, n_mean, m_var: ...)
    with pytest.raises(NotImplementedError):
        nb02.exercise_4(lambda x, m: ...)
    with pytest.raises(NotImplementedError):
        nb02.exercise_5(lambda u, w: ...)


def ex1(f):
    return nb02.exercise_1(f, quiet=True)


def test_exercise_1_reference_and_alternatives():
    assert ex1(lambda x, m, n: n @ np.tanh(x) / len(x))
    assert ex1(lambda x, m, n: np.mean(n * phi(x)))
    assert ex1(lambda x, m, n: float(np.dot(n, np.tanh(x))) / x.size)


@pytest.mark.parametrize("wrong, words", [
    (lambda x, m, n: m @ np.tanh(x) / len(x), "listens"),
    (lambda x, m, n: n @ np.tanh(x), "divide by N"),
    (lambda x, m, n: n @ x / len(x), "rate"),
    (lambda x, m, n: np.mean(np.tanh(x)) * np.mean(n), "two population averages"),
])
def test_exercise_1_mistakes(wrong, words):
    fb = ex1(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_1_cannot_be_faked():
    # the student's own inputs no longer count: a constant, or zero, is rejected
    fb = ex1(lambda x, m, n: 0.0)
    assert not fb and "two population averages" not in fb.message, fb.message
    assert not ex1(0.0)
    assert not ex1(lambda x, m, n: 0.25)


def k_star_ref(overlap):
    return brentq(lambda k: gauss_avg(dphi, 0.0, k**2) - 1 / overlap, 0.01, 10.0)


def test_exercise_2():
    assert nb02.exercise_2(k_star_ref)
    assert nb02.exercise_2(lambda ov: -k_star_ref(ov), quiet=True)  # both signs
    fb = nb02.exercise_2(lambda ov: k_star_ref(ov) ** 2, quiet=True)
    assert not fb and "κ*²" in fb.message
    fb = nb02.exercise_2(lambda ov: np.sqrt(k_star_ref(ov)), quiet=True)
    assert not fb and "√κ*" in fb.message
    fb = nb02.exercise_2(lambda ov: 0.0, quiet=True)
    assert not fb and "unstable" in fb.message
    assert not nb02.exercise_2(1.0, quiet=True)


def test_exercise_2_no_false_hint():
    # a function that ignores its argument and always answers for overlap 2 is wrong at
    # the other overlaps, and no formula hint is claimed (√κ*(2.5) = κ*(2) by chance)
    fb = nb02.exercise_2(lambda ov: k_star_ref(2.0), quiet=True)
    assert not fb and "Your numbers are" not in fb.message and "overlap" in fb.message
    fb = nb02.exercise_2(lambda ov: k_star_ref(2.5), quiet=True)
    assert not fb and "Your numbers are" not in fb.message


def residual_ref(k, m_mean, n_mean, m_var):
    return n_mean * gauss_avg(phi, m_mean * k, m_var * k**2) - k


def ex3(f):
    return nb02.exercise_3(f, quiet=True)


def test_exercise_3_reference_and_alternatives():
    assert ex3(residual_ref)
    # the same function by a quadrature of one's own, or returning a float
    z = np.linspace(-9, 9, 4001)
    w = np.exp(-z**2 / 2)
    w /= w.sum()
    def by_hand(k, mm, mn, mv):
        return mn * np.sum(w * np.tanh(mm * k + np.sqrt(mv) * abs(k) * z)) - k

    assert ex3(by_hand)
    assert ex3(lambda k, mm, mn, mv: float(residual_ref(k, mm, mn, mv)))


@pytest.mark.parametrize("wrong, words", [
    (lambda k, mm, mn, mv: residual_ref(k, mm, mn, mv) + k, "F(k) itself"),
    (lambda k, mm, mn, mv: -residual_ref(k, mm, mn, mv), "sign is flipped"),
    (lambda k, mm, mn, mv: mn * np.tanh(mm * k) - k, "spread of m"),
    (lambda k, mm, mn, mv: mn * gauss_avg(phi, mm * k, mv * abs(k)) - k, "not Σ_m² k"),
    (lambda k, mm, mn, mv: mm * gauss_avg(phi, mn * k, mv * k**2) - k, "swapped"),
])
def test_exercise_3_mistakes(wrong, words):
    fb = ex3(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_3_cannot_be_faked():
    # the notebook's parameters only: right at (1, 2, 1), wrong elsewhere
    def only_notebook(k, mm, mn, mv):
        return residual_ref(k, 1.0, 2.0, 1.0)

    assert not ex3(only_notebook)
    assert not ex3(lambda k, mm, mn, mv: 0.0)
    assert not ex3(0.5)


def share_ref(x, m):
    return (x @ m) ** 2 / ((m @ m) * (x @ x))


def ex4(f):
    return nb02.exercise_4(f, quiet=True)


def test_exercise_4_reference_and_alternatives():
    assert ex4(share_ref)

    def via_projection(x, m):
        k = x @ m / (m @ m)
        return k**2 * (m @ m) / np.sum(x**2)

    assert ex4(via_projection)
    unit = np.linalg.norm
    assert ex4(lambda x, m: np.dot(x, m / unit(m)) ** 2 / unit(x) ** 2)


@pytest.mark.parametrize("wrong, words", [
    (lambda x, m: np.sqrt(share_ref(x, m)), "cosine"),
    (lambda x, m: 1 - share_ref(x, m), "orthogonal"),
    (lambda x, m: (x @ m) ** 2 / (m @ m) / x.size, "not by |x|²"),
    (lambda x, m: np.corrcoef(x, m)[0, 1] ** 2, "population means"),
    (lambda x, m: (x @ m) ** 2 / (x @ x) / m.size, "not by N"),
])
def test_exercise_4_mistakes(wrong, words):
    fb = ex4(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_4_cannot_be_faked():
    assert not ex4(lambda x, m: 0.8)
    assert not ex4(0.8)


def ex5(f):
    return nb02.exercise_5(f, quiet=True)


def test_exercise_5_reference_and_alternatives():
    assert ex5(lambda u, w: (u, u.size * w))
    assert ex5(lambda u, w: (2 * u, u.size * w / 2))  # only m nᵀ is defined
    assert ex5(lambda u, w: [u.reshape(-1, 1), len(w) * w.reshape(-1, 1)])


@pytest.mark.parametrize("wrong, words", [
    (lambda u, w: (u, w), "carries a 1/N"),
    (lambda u, w: (w.size * w, u), "swapped"),
    (lambda u, w: (w, u), "swapped"),
])
def test_exercise_5_mistakes(wrong, words):
    fb = ex5(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_5_shapes_and_values():
    assert not ex5(lambda u, w: (u[:-1], w[:-1]))
    assert not ex5(lambda u, w: 3.0)
    assert not ex5(np.ones(3))
