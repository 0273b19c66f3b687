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
        nb03.exercise_3(...)
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


def test_exercise_3():
    assert nb03.exercise_3(0.49, quiet=True)
    assert not nb03.exercise_3(0.0, quiet=True)
    assert not nb03.exercise_3(-0.5, quiet=True)
    assert not nb03.exercise_3(1.0, quiet=True)


def test_exercise_4():
    kw = dict(sigma_m=1.0, sigma_n=1.0, g=0.5, quiet=True)
    assert nb03.exercise_4(40_000, **kw)
    fb = nb03.exercise_4(200, **kw)
    assert not fb and "square" in fb.message
    fb = nb03.exercise_4(400, **kw)  # ratio/N confusion: (1/0.01)·(1/0.5)·… without the square
    assert not fb
    fb = nb03.exercise_4(160_000, **kw)  # used g² instead of g
    assert not fb and "g, not g²" in fb.message
