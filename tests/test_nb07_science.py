"""The science claimed in notebook 07 and the mixture mean field (``Mixture`` methods).

The notebook asserts theory against simulation at its own N for every base seed; here
we test the model directly and the claims of Section 3 at a larger N (40 000).
Tolerances: with exact within-population covariances the finite-N error of a sample
mean ⟨v φ(x)⟩ over N neurons has standard error at most sd(v)/√N (the exact second
moments remove its linear part); we allow 3 standard errors.
"""

import numpy as np
import pytest

from lrnn_utils import dphi, gauss_avg, simulate
from lrnn_utils.models import context_task_model
from lrnn_utils.lowrank import field_means, field_variances
from lrnn_utils.models import mixture, rank_r

M1, M2, N1, N2, IA, IB, CA, CB, W = range(9)


def inputs_for(uA, uB, gamma, context):
    uA, uB = np.broadcast_arrays(np.asarray(uA, float), np.asarray(uB, float))
    return np.stack(
        [
            uA,
            uB,
            np.full(uA.shape, gamma * (context == "A")),
            np.full(uA.shape, gamma * (context == "B")),
        ],
        axis=-1,
    )


def one_population_model(cue_cov=0.0):
    C = np.zeros((9, 9))
    C[M1, M1] = C[M2, M2] = C[IA, IA] = C[IB, IB] = C[CA, CA] = C[CB, CB] = 1.0
    C[N1, N1] = C[N2, N2] = 4.0
    C[W, W] = 3.0
    for a, b, v in [
        (N1, M1, 0.5),
        (N2, M2, 0.5),
        (N1, IA, 1.0),
        (N2, IB, 1.0),
        (W, M1, 1.0),
        (W, M2, 1.0),
        (N2, CA, cue_cov),
        (N1, CB, cue_cov),
    ]:
        C[a, b] = C[b, a] = v
    return mixture([1.0], C[None], rank=2, n_inputs=4)


# -- the model -------------------------------------------------------------------------


def test_one_population_reduces_to_the_core_latent_dynamics():
    """P = 1, zero means: a general mixture equals the rank-R model (one gain)."""
    rng = np.random.default_rng(0)
    R, K = 2, 1
    A = rng.standard_normal((2 * R + K, 2 * R + K))
    C = A @ A.T
    model = mixture([1.0], C[None], rank=R, n_inputs=K, readout=False)
    u = 0.7
    ref = rank_r(
        0.0,
        C[R : 2 * R, :R],
        m_cov=C[:R, :R],
        n_input_cov=C[R : 2 * R, 2 * R],
        m_input_cov=C[:R, 2 * R],
        input_var=C[2 * R, 2 * R],
    )
    k = rng.standard_normal((5, R))
    assert np.allclose(model.velocity(k, [u]), ref.velocity(k, [u]), atol=1e-12)


def test_two_identical_populations_equal_one():
    one = one_population_model()
    two = mixture([0.3, 0.7], np.stack([one.cov[0]] * 2), rank=2, n_inputs=4)
    k = np.array([[0.3, -0.2], [1.0, 0.5]])
    u = inputs_for([0.2, -0.4], [0.1, 0.3], 1.5, "A")
    assert np.allclose(one.drive(k, u), two.drive(k, u), atol=1e-13)
    assert np.allclose(one.readout(k, u), two.readout(k, u), atol=1e-13)


def test_means_variances_and_gains_of_the_task_model():
    model = context_task_model()
    u = inputs_for(0.5, -0.3, 2.0, "A")
    k = np.array([0.4, -0.1])
    assert np.allclose(
        field_means(model, k, u), [0.0, 2.0]
    )  # tonic cue on population 2 only
    var = (
        k @ k + 0.5**2 + 0.3**2
    )  # m and I unit variance, uncorrelated, in both populations
    assert np.allclose(field_variances(model, k, u), [var, var])
    assert np.allclose(
        model.gains(k, u), [gauss_avg(dphi, 0.0, var), gauss_avg(dphi, 2.0, var)]
    )
    G = model.gains(k, u)
    drive = model.drive(k, u)  # σ̃k + σ̃_nI u with diagonal σ̃ = ½Gρ, σ̃_nI = ½G s
    s_eff, s_in = np.diag(0.5 * G * 1.0), np.diag(0.5 * G * 2.0)
    assert np.allclose(drive, s_eff @ k + s_in @ u[:2])
    # overall overlaps are those of the one-population network
    assert np.allclose(
        model.overall_cov[[N1, N2]][:, [M1, M2, IA, IB]],
        one_population_model().cov[0][[N1, N2]][:, [M1, M2, IA, IB]],
    )


def test_sampled_vectors_have_exact_within_population_statistics(rng):
    model = context_task_model()
    vec = model.sample(1001, rng)
    assert (
        vec.m.shape == (1001, 2)
        and vec.inputs.shape == (1001, 4)
        and vec.w.shape == (1001,)
    )
    V = np.column_stack([vec.m, vec.n, vec.inputs, vec.w])
    for p in range(2):
        Vp = V[vec.population == p]
        mean = Vp.mean(0)
        assert np.allclose(mean[2 * 2 : 2 * 2 + 4], model.input_mean[p], atol=1e-12)
        assert np.allclose(
            (Vp - mean).T @ (Vp - mean) / len(Vp), model.cov[p], atol=1e-10
        )


@pytest.mark.parametrize(
    "call, word",
    [
        (
            lambda: mixture([0.5, 0.4], np.stack([np.eye(5)] * 2), rank=2, n_inputs=0),
            "fractions",
        ),
        (
            lambda: mixture([1.0], -np.eye(5)[None], rank=2, n_inputs=0),
            "positive semi-definite",
        ),
        (lambda: mixture([1.0], np.eye(4)[None], rank=2, n_inputs=0), "cov"),
        (lambda: context_task_model().drive(np.zeros(3), np.zeros(4)), "k must"),
        (lambda: context_task_model().drive(np.zeros(2), np.zeros(3)), "u must"),
        (lambda: context_task_model(cue="loud"), "cue"),
    ],
)
def test_bad_arguments_are_named(call, word):
    with pytest.raises(ValueError, match=word):
        call()


def test_mixture_mean_field_matches_a_large_network_at_fixed_k(rng):
    """κ = nᵀφ(mk + Iu)/N → σ̃k + σ̃_nI u: standard error ≤ sd(n)/√N = √7/√N."""
    model = context_task_model()
    N = 40000
    vec = model.sample(N, rng)
    k = np.array([0.6, -0.4])
    for ctx in ("A", "B", None):
        u = inputs_for(0.5, 0.8, 2.0, ctx)
        x = vec.m @ k + vec.inputs @ u
        kappa_net = vec.n.T @ np.tanh(x) / N
        assert np.allclose(kappa_net, model.drive(k, u), atol=3 * np.sqrt(7 / N))
        assert abs(vec.w @ np.tanh(x) / N - model.readout(k, u)) < 3 * np.sqrt(3 / N)


# -- notebook claims (at a larger N than the notebook) ---------------------------------


def _slopes_network_and_theory(model, N, rng, gamma, du=0.2):
    U = inputs_for([du, -du, 0, 0], [0, 0, du, -du], gamma, "A")
    th = model.solve(U)
    assert th.converged.all() and th.stable.all()
    vec = model.sample(N, rng)
    I = U @ vec.inputs.T
    res = simulate(I, 20.0, 0.2, m=vec.m, n=vec.n, inputs=I, record_every=100)
    z = np.tanh(res.x[:, -1]) @ vec.w / N

    def slopes(zz):
        return np.array([zz[0] - zz[1], zz[2] - zz[3]]) / (2 * du)

    return slopes(z), slopes(th.readout)


def test_one_population_uncorrelated_cue_scales_both_pathways_equally(rng):
    """One Gaussian population, cue uncorrelated with the vectors: one gain, equal
    slopes in the network (N = 40 000; error constant 1.4 measured at N = 4000,
    3 s.e.)."""
    N = 40000
    sim, th = _slopes_network_and_theory(one_population_model(), N, rng, gamma=1.0)
    assert np.abs(sim - th).max() < 3 * 1.4 / np.sqrt(N)
    assert abs(sim[0] - sim[1]) < 3 * 1.4 / np.sqrt(N)
    assert th[0] < 0.6  # ... and the cue did lower both (1.42 without cue)


def test_one_population_correlated_cue_selects_by_moving_the_state(rng):
    """Cov(n2, c_A) = Cov(n1, c_B) = 1.5, γ = 1: slopes 0.31 vs 0.14 (ratio ≈ 2.2) in
    one Gaussian population, confirmed at N = 40 000; the cue moves k_B, the gain is
    common."""
    model = one_population_model(cue_cov=1.5)
    N = 40000
    sim, th = _slopes_network_and_theory(model, N, rng, gamma=1.0)
    assert np.allclose(th, [0.307, 0.140], atol=2e-3)
    assert np.abs(sim - th).max() < 3 * 1.4 / np.sqrt(N)
    assert sim[0] / sim[1] > 1.8
    rest = model.solve(inputs_for(0.0, 0.0, 1.0, "A"))
    assert abs(rest.k[0]) < 1e-8 and rest.k[1] > 0.5  # a bias along m_2 only
    assert rest.gains.shape == (1,)  # one population: one gain for both pathways


def test_two_populations_switch_pathways_in_theory():
    model = context_task_model()
    du = 1e-3
    for ctx, rel in (("A", 0), ("B", 1)):
        U = inputs_for([du, -du, 0, 0], [0, 0, du, -du], 2.0, ctx)
        z = model.solve(U).readout
        slopes = np.array([z[0] - z[1], z[2] - z[3]]) / (2 * du)
        assert slopes[rel] > 20 * abs(slopes[1 - rel])
    # at γ = 0 both pathways respond equally (the same network as one population)
    z = model.solve(inputs_for([du, 0], [0, du], 0.0, None)).readout
    assert np.isclose(z[0], z[1], rtol=1e-10)


def test_small_signal_slope_formula():
    """The linearised slope of exercise 3 equals the full mean field's derivative."""
    model = context_task_model()
    G1, G2 = model.gains(np.zeros(2), inputs_for(0.0, 0.0, 2.0, "A"))
    pred = 0.5 * (G1 + G2) * (0.5 * G1 * 2.0 / (1 - 0.5 * G1))
    du = 1e-4
    z = model.solve(inputs_for([du, -du], [0, 0], 2.0, "A")).readout
    assert np.isclose((z[0] - z[1]) / (2 * du), pred, rtol=1e-5)
