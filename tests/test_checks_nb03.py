"""Checkers of notebook 03 accept the reference solution and reject typical mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from lrnn_utils import gauss_avg, phi
from lrnn_utils.checks import nb03


def test_stubs_raise():
    with pytest.raises(NotImplementedError):
        nb03.exercise_1(..., phi=np.ones(3), g=1.0)
    with pytest.raises(NotImplementedError):
        nb03.exercise_2(..., n_mean=1.0, phi_mu=0.5, phi_delta=1.0)
    with pytest.raises(NotImplementedError):
        nb03.exercise_3(..., a=1.0, b=0.6)
    with pytest.raises(NotImplementedError):
        nb03.exercise_3(lambda N, rng: None, a=1.0, b=0.6)
    with pytest.raises(NotImplementedError):
        nb03.exercise_4(..., sigma_m=1.0, sigma_n=1.0, g=0.5)


def test_exercise_1():
    rng = np.random.default_rng(0)
    p = np.tanh(-0.5 + 1.5 * rng.standard_normal(400))
    g = 0.7
    assert nb03.exercise_1(g * np.sqrt(np.mean(p**2)), phi=p, g=g, quiet=True)
    fb = nb03.exercise_1(g * np.std(p), phi=p, g=g, quiet=True)
    assert not fb and "second moment" in fb.message
    fb = nb03.exercise_1(g**2 * np.mean(p**2), phi=p, g=g, quiet=True)
    assert not fb and "variance" in fb.message
    fb = nb03.exercise_1(g * np.sqrt(np.sum(p**2)), phi=p, g=g, quiet=True)
    assert not fb and "√N" in fb.message


def test_exercise_2():
    ref = 1.0 * float(gauss_avg(phi, 0.5, 1.0))
    kw = dict(n_mean=1.0, phi_mu=0.5, phi_delta=1.0, quiet=True)
    assert nb03.exercise_2(ref, **kw)
    fb = nb03.exercise_2(0.0, **kw)
    assert not fb and "means" in fb.message
    fb = nb03.exercise_2(np.tanh(0.5), **kw)
    assert not fb and "[φ](μ, Δ)" in fb.message


A, B = 1.0, 0.6


def _reference(N, rng):
    n = rng.standard_normal(N)
    return n @ np.tanh(A * n + B * rng.standard_normal(N)) / np.sqrt(N)


def test_exercise_3_accepts_the_reference_and_alternatives():
    assert nb03.exercise_3(_reference, a=A, b=B, quiet=True)

    def with_normal(N, rng):  # rng.normal instead of standard_normal, a (1,) array returned
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


def test_exercise_4():
    kw = dict(sigma_m=1.0, sigma_n=1.0, g=0.5, quiet=True)
    assert nb03.exercise_4(40_000, **kw)
    fb = nb03.exercise_4(200, **kw)
    assert not fb and "square" in fb.message
    fb = nb03.exercise_4(400, **kw)  # ratio/N confusion: (1/0.01)·(1/0.5)·… without the square
    assert not fb
    fb = nb03.exercise_4(160_000, **kw)  # used g² instead of g
    assert not fb and "g, not g²" in fb.message
