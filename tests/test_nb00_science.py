"""The science claimed by notebook 00 (why low rank?), checked over several networks.

Tolerances:
- a rank-R network without random part has its activity *exactly* in span(m_r) once the
  transient e^{-t} has decayed (a linear-algebra fact, any N): checked to 1e-10;
- the participation ratio of the rank-2 oscillator is 2 up to the O(1/√N) anisotropy of
  the sampled entries of (m1, m2), which enters squared: |PR - 2| = O(1/N); the notebook
  allows 4/N;
- singular values of J0: the empirical distribution function is rigid, its
  Kolmogorov–Smirnov distance to the quarter-circle law is O(log N / N); we measured max
  ≈ 3.9/N over 100 draws at N = 100 and allow 6/N; the effective rank r/N = 1/2 + O(1/N)
  (measured sd ≈ 0.5/N), allow 3/N;
- training is checked on several seeds with the notebook's settings.
"""

import numpy as np
import pytest

from lrnn_utils import orthogonal_vectors, pca, random_bulk, simulate
from lrnn_utils.training import flipflop_task, loss_and_grad, task_loss, train_rnn


def _oscillator(N, rng, a=2.0, b=1.5):
    m = orthogonal_vectors(N, 2, rng)
    return m, m @ np.array([[a, -b], [b, a]]).T


def _effective_rank(s):
    s2 = s**2
    return s2.sum() ** 2 / np.sum(s2**2)


def _quarter_circle_cdf(s, g):
    u = np.clip(s / (2 * g), 0, 1)
    return 2 / np.pi * (u * np.sqrt(1 - u**2) + np.arcsin(u))


@pytest.mark.parametrize("N", [100, 300, 800])
def test_rank_two_activity_lies_exactly_in_span_m(N):
    for seed in range(3):
        rng = np.random.default_rng(seed)
        m, n = _oscillator(N, rng)
        # the overlap matrix is exact: nᵀm/N = σ
        assert np.allclose(n.T @ m / N, [[2.0, -1.5], [1.5, 2.0]], atol=1e-12)
        res = simulate(rng.standard_normal(N), 120.0, 0.1, m=m, n=n, record_every=5)
        p = pca(res.x[res.t >= 20])
        assert 1 - p.explained[:2].sum() < 1e-10
        assert abs(p.participation_ratio - 2) < 4 / N
        # not a trivial fixed point: the orbit has an O(1) radius along both m's
        assert p.variances[1] > 1.0


def test_weak_random_part_keeps_activity_two_dimensional():
    for seed in range(3):
        rng = np.random.default_rng(10 + seed)
        N = 400
        m, n = _oscillator(N, rng)
        res = simulate(
            rng.standard_normal((2, N)),
            100.0,
            0.1,
            J0=random_bulk(N, 0.5, rng),
            m=m,
            n=n,
            record_every=5,
        )
        p = pca(res.x[:, res.t >= 20])
        assert p.explained[:2].sum() > 0.99
        assert p.participation_ratio < 2.5


def test_chaotic_random_network_dimension_grows_with_N():
    # PR of chaotic activity is extensive (Clark, Abbott & Litwin-Kumar 2023); with 4
    # trials of 80 τ the estimate is noisy (measured: 3.2-5.7 at N = 100, 11-13 at N =
    # 800), so compare means over 3 networks between N = 100 and 800.
    pr = {}
    for N in (100, 800):
        vals = []
        for seed in range(3):
            rng = np.random.default_rng(100 * seed + N)
            res = simulate(
                rng.standard_normal((4, N)),
                100.0,
                0.1,
                J0=random_bulk(N, 2.0, rng),
                record_every=5,
            )
            vals.append(pca(res.x[:, res.t >= 20]).participation_ratio)
        pr[N] = np.mean(vals)
    assert pr[800] > 2 * pr[100]
    assert pr[800] > 8


def test_ellipse_participation_ratio():
    rng = np.random.default_rng(0)
    m = orthogonal_vectors(300, 2, rng)
    t = np.linspace(0, 20 * np.pi, 4000, endpoint=False)
    for eps in (0.1, 0.5, 1.0):
        x = np.outer(np.cos(t), m[:, 0]) + eps * np.outer(np.sin(t), m[:, 1])
        assert pca(x).participation_ratio == pytest.approx(
            (1 + eps**2) ** 2 / (1 + eps**4), rel=1e-6
        )


@pytest.mark.parametrize("N, g", [(100, 0.9), (200, 0.9), (300, 1.3)])
def test_quarter_circle_and_effective_rank_of_J0(N, g):
    k = np.arange(1, N + 1) / N
    for seed in range(50):
        s = np.sort(
            np.linalg.svd(
                random_bulk(N, g, np.random.default_rng(seed)), compute_uv=False
            )
        )
        F = _quarter_circle_cdf(s, g)
        ks = max(np.max(np.abs(F - k)), np.max(np.abs(F - (k - 1 / N))))
        assert ks < 6 / N
        assert abs(_effective_rank(s) / N - 0.5) < 3 / N


def test_quarter_circle_check_rejects_a_wrong_gain():
    # the KS test has power: a matrix with gain 10 % off fails it at N = 200
    s = np.sort(
        np.linalg.svd(
            random_bulk(200, 0.99, np.random.default_rng(1)), compute_uv=False
        )
    )
    k = np.arange(1, 201) / 200
    assert np.max(np.abs(_quarter_circle_cdf(s, 0.9) - k)) > 6 / 200


def test_trained_change_is_low_rank_and_carries_the_task():
    for seed in (7, 11):
        rng = np.random.default_rng(seed)
        N = 200
        J0 = random_bulk(N, 0.9, rng)
        w_in = rng.standard_normal((N, 1))
        w_out = rng.standard_normal((N, 1)) / np.sqrt(N)
        test = flipflop_task(64, np.random.default_rng(99), n_steps=100)
        res = train_rnn(
            J0,
            w_in,
            w_out,
            lambda r: flipflop_task(16, r, n_steps=100),
            rng,
            n_iter=100,
            lr=0.01,
            optimizer="sgd",
            momentum=0.9,
        )
        U, s, Vt = np.linalg.svd(res.delta_J)
        L0 = task_loss(J0, w_in, w_out, test)
        assert task_loss(res.J, w_in, w_out, test) < 0.02 * L0
        assert _effective_rank(s) < 4
        assert np.sum(s[:5] ** 2) / np.sum(s**2) > 0.95
        d5 = (U[:, :5] * s[:5]) @ Vt[:5]
        assert task_loss(J0 + d5, w_in, w_out, test) < 0.02 * L0
        assert task_loss(J0 + res.delta_J - d5, w_in, w_out, test) > 0.9 * L0
        # n listens to the input, m talks to the readout: far above chance √(3/N) ≈ 0.12
        assert np.linalg.norm(Vt[:3] @ w_in) / np.linalg.norm(w_in) > 0.5
        assert np.linalg.norm(U[:, :3].T @ w_out) / np.linalg.norm(w_out) > 0.5


def test_gradient_at_initialisation_is_nearly_rank_one():
    for seed in range(3):
        rng = np.random.default_rng(seed)
        N = 200
        J0 = random_bulk(N, 0.9, rng)
        w_in = rng.standard_normal((N, 1))
        w_out = rng.standard_normal((N, 1)) / np.sqrt(N)
        _, grad = loss_and_grad(J0, w_in, w_out, flipflop_task(16, rng, n_steps=100))
        s = np.linalg.svd(grad, compute_uv=False)
        assert s[1] / s[0] < 0.25


def test_rates_of_a_rank_two_network_are_not_confined_to_a_plane():
    # the currents lie exactly in span(m1, m2); the rates tanh(x) lie on a curved
    # surface whose variance outside the top-2 PCs is a finite, N-independent fraction
    # (3.2-3.4 % measured)
    out = {}
    for N in (200, 800):
        vals = []
        for seed in range(2):
            rng = np.random.default_rng([seed, N])
            m, n = _oscillator(N, rng)
            res = simulate(rng.standard_normal(N), 120.0, 0.1, m=m, n=n, record_every=5)
            x = res.x[res.t >= 20]
            assert 1 - pca(x).explained[:2].sum() < 1e-10
            vals.append(1 - pca(np.tanh(x)).explained[:2].sum())
        out[N] = np.mean(vals)
        assert 0.02 < out[N] < 0.05
    assert abs(out[200] - out[800]) < 0.005


@pytest.mark.parametrize("N, g", [(100, 0.9), (300, 1.3)])
def test_spectral_moments_from_the_entries(N, g):
    # Exercise 3: Σ s² = Σ_ij J_ij², Σ s⁴ = ‖J Jᵀ‖_F²; ⟨s⁴⟩ → 2g⁴: the sd of
    # S4/(2Ng⁴) - 1 measured 2.8/N over 40 seeds (max 7.4/N), 10/N allowed; r_eff → N/2
    for seed in range(10):
        J = random_bulk(N, g, np.random.default_rng(seed))
        s = np.linalg.svd(J, compute_uv=False)
        S2, S4 = np.sum(J**2), np.sum((J @ J.T) ** 2)
        assert S2 == pytest.approx(np.sum(s**2), rel=1e-10)
        assert S4 == pytest.approx(np.sum(s**4), rel=1e-10)
        assert abs(S4 / (2 * N * g**4) - 1) < 10 / N
        assert abs(S2**2 / S4 / N - 0.5) < 3 / N
