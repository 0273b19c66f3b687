"""Checkers of notebook 07: accept the reference, reject typical mistakes, refuse "
"`...`."""

import numpy as np
import pytest

from lrnn_utils import dphi, gauss_avg
from lrnn_utils.checks import nb07
from lrnn_utils.models import context_task_model
from lrnn_utils.models import PAPER_CONTEXT


def _gain(mu, delta):
    return float(gauss_avg(dphi, mu, delta))


def _cue_gains(gamma, delta, cue_var):
    return _gain(gamma, delta), _gain(0.0, delta + gamma**2 * cue_var)


def test_exercise_2_accepts_the_reference():
    assert nb07.exercise_2(_cue_gains, quiet=True)
    assert nb07.exercise_2(lambda g, d, v: np.array(_cue_gains(g, d, v)), quiet=True)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            lambda g, d, v: (_gain(0.0, d + g**2 * v), _gain(g, d)),
            "variance cue's gain",
        ),
        (
            lambda g, d, v: (1 - np.tanh(g) ** 2, _gain(0.0, d + g**2 * v)),
            "single neuron",
        ),
        (lambda g, d, v: (_gain(0.0, d), _gain(0.0, d + g**2 * v)), "without any cue"),
        (lambda g, d, v: (_gain(g, d), _gain(0.0, d + g * v)), "not γ v"),
        (lambda g, d, v: (_gain(g, d), _gain(0.0, d + g**2)), "cue_var"),
        (lambda g, d, v: (_gain(g, d), _gain(0.0, g**2 * v)), "own variance"),
        (lambda g, d, v: (0.0707, 0.4), ""),  # the numbers of one case only
        (lambda g, d, v: _gain(g, d), "two numbers"),
        (lambda g, d, v: ("0.07", "0.4"), "two numbers"),
    ],
)
def test_exercise_2_rejects(wrong, words):
    fb = nb07.exercise_2(wrong, quiet=True)
    assert not fb and words in fb.message


def test_exercise_2_unfinished():
    with pytest.raises(NotImplementedError):
        nb07.exercise_2(...)
    with pytest.raises(NotImplementedError):
        nb07.exercise_2(lambda g, d, v: ...)
    assert not nb07.exercise_2(0.07, quiet=True)


def _eff(model, u):
    G = model.gains(np.zeros(model.rank), u)
    return np.einsum("p,prk->rk", model.fractions * G, model.n_input_cov)


def test_exercise_3_accepts_the_reference_and_alternatives():
    assert nb07.exercise_3(_eff, quiet=True)

    def loop(model, u):  # a loop over populations instead of einsum
        G = model.gains(np.zeros(model.rank), u)
        return sum(a * g * c for a, g, c in zip(model.fractions, G, model.n_input_cov))

    assert nb07.exercise_3(loop, quiet=True)


def _no_alpha(model, u):
    G = model.gains(np.zeros(model.rank), u)
    return np.einsum("p,prk->rk", G, model.n_input_cov)


def _no_gain(model, u):
    return np.einsum("p,prk->rk", model.fractions, model.n_input_cov)


def _m_cov(model, u):
    G = model.gains(np.zeros(model.rank), u)
    return np.einsum("p,prk->rk", model.fractions * G, model.m_input_cov)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (_no_alpha, "fraction"),
        (_no_gain, "own gain"),
        (_m_cov, "Cov(m, I)"),
        (lambda model, u: _eff(model, u).T, "(R, K)"),
        (lambda model, u: _eff(context_task_model(), np.array([0, 0, 0, 2.0])), ""),
    ],
)
def test_exercise_3_rejects(wrong, words):
    fb = nb07.exercise_3(wrong, quiet=True)
    assert not fb and words in fb.message


def test_exercise_3_unfinished():
    with pytest.raises(NotImplementedError):
        nb07.exercise_3(...)
    with pytest.raises(NotImplementedError):
        nb07.exercise_3(lambda model, u: ...)
    assert not nb07.exercise_3(np.eye(2), quiet=True)


def _slope(G1, G2, rho, s, beta):
    return 0.5 * (G1 + G2) * beta * 0.5 * G1 * s / (1 - 0.5 * G1 * rho)


def test_exercise_4_matches_the_mean_field():
    """The linearised slope equals the full mean field's derivative (central "
    "difference)."""
    model = context_task_model()
    G1, G2 = model.gains(np.zeros(2), np.array([0, 0, 2.0, 0]))
    U = np.array([[1e-4, 0, 2.0, 0], [-1e-4, 0, 2.0, 0]])
    z = model.solve(U).readout
    assert abs((z[0] - z[1]) / 2e-4 - _slope(G1, G2, 1.0, 2.0, 1.0)) < 1e-4


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            lambda G1, G2, rho, s, beta: 0.5 * (G1 + G2) * beta * 0.5 * G1 * s,
            "amplification",
        ),
        (
            lambda G1, G2, rho, s, beta: beta * 0.5 * G1 * s / (1 - 0.5 * G1 * rho),
            "readout",
        ),
        (
            lambda G1, G2, rho, s, beta: (
                0.5 * (G1 + G2) * beta * G1 * s / (1 - G1 * rho)
            ),
            "fraction",
        ),
        (
            lambda G1, G2, rho, s, beta: (
                0.5 * G1 * beta * 0.5 * G1 * s / (1 - 0.5 * G1 * rho)
            ),
            "both populations",
        ),
        (lambda G1, G2, rho, s, beta: 2.15, ""),
        (lambda G1, G2, rho, s, beta: "2.15", "one number"),
    ],
)
def test_exercise_4_rejects(wrong, words):
    fb = nb07.exercise_4(wrong, quiet=True)
    assert not fb and words in fb.message


def test_exercise_4():
    assert nb07.exercise_4(_slope, quiet=True)
    with pytest.raises(NotImplementedError):
        nb07.exercise_4(...)
    with pytest.raises(NotImplementedError):
        nb07.exercise_4(lambda *a: ...)
    assert not nb07.exercise_4(2.15, quiet=True)


@pytest.fixture(scope="module")
def paper():
    return PAPER_CONTEXT


@pytest.fixture(scope="module")
def nogo(paper):
    return paper.solve(np.zeros(4), k0=np.array([-2.0, -2.0])).k


def _threshold(paper, start, t_end, dt=0.2):
    """Go threshold after a trial of length t_end, by bisection (written here)."""
    cue = np.array([0.0, 0.0, 0.08, -0.14])

    def z_end(amps):
        def v(t):
            stim = np.stack([amps, 0 * amps, 0 * amps, 0 * amps], axis=-1)
            on = (1 - np.exp(-(t - 15.0))) if t >= 15.0 else 0.0
            return cue * (1 - np.exp(-t)) + stim * on

        k = paper.integrate(np.tile(start, (amps.size, 1)), t_end, dt, v).k
        return paper.readout(k[:, -1], v(t_end))

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
    # a longer trial gives a lower threshold (slow passage near the vanishing No-Go)
    longer = _threshold(paper, nogo, 300.0)
    assert longer < 0.98 * ref
    assert nb07.exercise_1(longer, model=paper, start=nogo, quiet=True)
    assert nb07.exercise_1(
        0.685, model=paper, start=nogo, quiet=True
    )  # the t → ∞ limit


def test_exercise_1_rejects_typical_mistakes(paper, nogo):
    fb = nb07.exercise_1(1.0, model=paper, start=nogo, quiet=True)
    assert not fb and "smallest" in fb.message
    fb = nb07.exercise_1(0.85, model=paper, start=nogo, quiet=True)
    assert not fb and "Narrow your bracket" in fb.message
    # the threshold of the fixed point reached from k = 0
    fb = nb07.exercise_1(0.125, model=paper, start=nogo, quiet=True)
    assert not fb and "k = 0" in fb.message
    fb = nb07.exercise_1(0.6, model=paper, start=nogo, quiet=True)
    assert not fb and "higher" in fb.message
    for bad in ("0.73", [0.7, 0.8], -0.7, float("nan")):
        assert not nb07.exercise_1(bad, model=paper, start=nogo, quiet=True)
    with pytest.raises(NotImplementedError):
        nb07.exercise_1(..., model=paper, start=nogo)
