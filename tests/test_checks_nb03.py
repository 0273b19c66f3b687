"""Checkers of notebook 03 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils import gauss_avg, phi
from lrnn_utils.checks import nb03


def test_stubs_raise():
    for ex in (nb03.exercise_1, nb03.exercise_2, nb03.exercise_4):
        with pytest.raises(NotImplementedError):
            ex(...)
    with pytest.raises(NotImplementedError):
        nb03.exercise_1(lambda p, g: ...)
    with pytest.raises(NotImplementedError):
        nb03.exercise_2(lambda n_mean, mu, delta: ...)
    with pytest.raises(NotImplementedError):
        nb03.exercise_3(..., a=1.0, b=0.6)
    with pytest.raises(NotImplementedError):
        nb03.exercise_3(lambda N, rng: None, a=1.0, b=0.6)
    with pytest.raises(NotImplementedError):
        nb03.exercise_4(lambda ratio, sigma_m, sigma_n, g: ...)


def ex1(f):
    return nb03.exercise_1(f, quiet=True)


def test_exercise_1_reference_and_alternatives():
    assert ex1(lambda p, g: g * np.sqrt(np.mean(p**2)))
    assert ex1(lambda p, g: np.sqrt(g**2 * (np.var(p) + np.mean(p) ** 2)))
    assert ex1(lambda p, g: g * np.linalg.norm(p) / np.sqrt(p.size))


@pytest.mark.parametrize("wrong, words", [
    (lambda p, g: g * np.std(p), "second moment"),
    (lambda p, g: g**2 * np.mean(p**2), "variance"),
    (lambda p, g: g * np.sqrt(np.sum(p**2)), "√N"),
    (lambda p, g: g * np.mean(np.abs(p)), "root mean square"),
])
def test_exercise_1_mistakes(wrong, words):
    fb = ex1(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_1_cannot_be_faked():
    assert not ex1(0.35)
    assert not ex1(lambda p, g: 0.35)
    assert not ex1(lambda p, g: 0.7 * np.sqrt(np.mean(p**2)))  # the notebook's g only


def ex2(f):
    return nb03.exercise_2(f, quiet=True)


def test_exercise_2_reference_and_alternatives():
    assert ex2(lambda n_mean, mu, delta: n_mean * gauss_avg(phi, mu, delta))
    z = np.linspace(-9, 9, 2001)
    w = np.exp(-z**2 / 2) / np.sum(np.exp(-z**2 / 2))
    def by_hand(n_mean, mu, delta):
        return n_mean * np.sum(w * np.tanh(mu + np.sqrt(delta) * z))

    assert ex2(by_hand)


@pytest.mark.parametrize("wrong, words", [
    (lambda n_mean, mu, delta: 0.0, "means"),
    (lambda n_mean, mu, delta: n_mean * np.tanh(mu), "[φ](μ, Δ)"),
    (lambda n_mean, mu, delta: n_mean * gauss_avg(lambda x: np.tanh(x) ** 2, mu, delta),
     "⟨φ²⟩"),
    (lambda n_mean, mu, delta: n_mean * gauss_avg(phi, mu, np.sqrt(delta)), "variance"),
])
def test_exercise_2_mistakes(wrong, words):
    fb = ex2(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_2_cannot_be_faked():
    ref = float(gauss_avg(phi, 0.5, 1.0))  # the notebook's case only
    assert not ex2(ref)
    assert not ex2(lambda n_mean, mu, delta: ref)


A, B = 1.0, 0.6


def _reference(N, rng):
    n = rng.standard_normal(N)
    return n @ np.tanh(A * n + B * rng.standard_normal(N)) / np.sqrt(N)


def test_exercise_3_accepts_the_reference_and_alternatives():
    assert nb03.exercise_3(_reference, a=A, b=B, quiet=True)

    def with_normal(N, rng):  # rng.normal instead of standard_normal, a (1,) array
        n = rng.normal(0.0, 1.0, N)
        x = A * n + rng.normal(0.0, B, N)
        return np.array([np.sum(n * np.tanh(x)) / N**0.5])

    assert nb03.exercise_3(with_normal, a=A, b=B, quiet=True)


def test_exercise_3_rejects_constants_and_numbers():
    fb = nb03.exercise_3(lambda N, rng: 0.5, a=A, b=B, quiet=True)
    assert not fb and "same number" in fb.message
    fb = nb03.exercise_3(lambda N, rng: 0.5 * np.sqrt(N), a=A, b=B, quiet=True)
    assert not fb and "same number" in fb.message
    fb = nb03.exercise_3(0.5, a=A, b=B, quiet=True)
    assert not fb and "function itself" in fb.message


def test_exercise_3_rejects_typical_mistakes():
    def over_N(N, rng):
        return _reference(N, rng) / np.sqrt(N)

    fb = nb03.exercise_3(over_N, a=A, b=B, quiet=True)
    assert not fb and "1/N scaling" in fb.message

    def no_division(N, rng):
        return _reference(N, rng) * np.sqrt(N)

    fb = nb03.exercise_3(no_division, a=A, b=B, quiet=True)
    assert not fb and "divide" in fb.message

    def independent(N, rng):
        n, n2 = rng.standard_normal((2, N))
        return n2 @ np.tanh(A * n + B * rng.standard_normal(N)) / np.sqrt(N)

    fb = nb03.exercise_3(independent, a=A, b=B, quiet=True)
    assert not fb and "aligned" in fb.message

    def wrong_b(N, rng):
        n = rng.standard_normal(N)
        return n @ np.tanh(A * n + 2.0 * rng.standard_normal(N)) / np.sqrt(N)

    fb = nb03.exercise_3(wrong_b, a=A, b=B, quiet=True)
    assert not fb and "a, b" in fb.message

    def raises(N, rng):
        raise RuntimeError("boom")

    fb = nb03.exercise_3(raises, a=A, b=B, quiet=True)
    assert not fb and "RuntimeError" in fb.message


def ex4(f):
    return nb03.exercise_4(f, quiet=True)


def test_exercise_4_reference_and_alternatives():
    assert ex4(lambda ratio, sm, sn, g: (sm * sn / (ratio * g)) ** 2)
    assert ex4(lambda ratio, sm, sn, g: sm**2 * sn**2 / (ratio**2 * g**2))


@pytest.mark.parametrize("wrong, words", [
    (lambda ratio, sm, sn, g: sm * sn / (ratio * g), "square"),
    (lambda ratio, sm, sn, g: (sm * sn / (ratio * g**2)) ** 2, "g, not g²"),
    (lambda ratio, sm, sn, g: (sm * sn * g / ratio) ** 2, "denominator"),
    (lambda ratio, sm, sn, g: (sm**2 * sn**2 / (ratio * g)) ** 2, "not variances"),
])
def test_exercise_4_mistakes(wrong, words):
    fb = ex4(wrong)
    assert not fb and words in fb.message, fb.message


def test_exercise_4_cannot_be_faked():
    assert not ex4(40_000)
    assert not ex4(lambda ratio, sm, sn, g: 40_000)
