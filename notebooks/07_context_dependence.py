# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -kernelspec,-jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
# ---

# %% [markdown]
# # 07 — Context-dependent responses: switching pathways with the gain
#
# The same stimulus should sometimes matter and sometimes not: in context A report stimulus A
# and ignore B, in context B the reverse (the monkeys of Mante et al. 2013 did this with the
# motion and colour of dots). A rank-two network can do it with **fixed** connectivity: each
# sensory input drives its own latent variable $\kappa_r$, and a context cue turns one pathway
# down by lowering the **gain** $[\phi']$ of the neurons that carry it — the effective overlaps
# $\tilde\sigma = \sigma\,[\phi']$ change while the weights stay put. We first show, with Stein's
# lemma, that this *cannot* work when all neurons belong to one Gaussian population (every
# pathway shares the same gain), then build a network of two populations where it does, derive
# its mean-field theory and check it against simulations. We end with the network of
# Mastrogiuseppe & Ostojic (2018), which solves the task by a different mechanism.
#
# **Learning goals**
# - Write $\kappa_r = \mathrm{Cov}(n_r, x)\,[\phi'](\mu,\Delta)$ (Stein's lemma) and explain why an
#   input that changes $\mu$ or $\Delta$ rescales every pathway: $\tilde\sigma = [\phi']\sigma$.
# - Show that with one Gaussian population a context cue cannot select a pathway, whatever its
#   vector — and that the *placement* of the cue on the neurons is what matters.
# - Derive the mean field of a network made of several Gaussian populations,
#   $\tilde\sigma = \sum_p\alpha_p[\phi']_p\,\sigma^p$, and use it to predict the readout versus
#   both stimuli in both contexts, checked against simulation.
# - Read the computation as trajectories in the $(\kappa_1,\kappa_2)$ plane.
# - Tell the gain mechanism from the one of the original paper (context as a bias in a bistable
#   network), and state what each theory covers.
#
# **Estimated time:** 75 minutes (with exercises).
#
# **Prerequisites:** [06 — Rank two](06_rank_two_dynamics.ipynb) (latent dynamics, the coordinate
# $k$ versus the drive $\kappa$) and [05 — Inputs and selective responses](05_inputs_and_selectivity.ipynb).

# %% tags=["hide-input"]
# %matplotlib inline
import time

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from lrnn_utils import dphi, gauss_avg, simulate
from lrnn_utils.analysis import project
from lrnn_utils.checks import nb07 as checks
from lrnn_utils.context import (
    context_task_model,
    integrate_latent,
    kappa_of,
    mixture_model,
    paper_context_model,
    population_gains,
    readout,
    sample_vectors,
    solve_stationary,
)
from lrnn_utils.plotting import COLORS, savefig, use_style

use_style()
rng = np.random.default_rng(7)
t_start = time.perf_counter()

# vector order in every model of this notebook: m1, m2, n1, n2, I_A, I_B, c_A, c_B, w
M1, M2, N1, N2, IA, IB, CA, CB, W = range(9)


def inputs_for(uA, uB, gamma, context):
    """Input amplitudes (..., 4) = (u_A, u_B, cue A, cue B) for one context ('A', 'B' or None)."""
    uA, uB = np.broadcast_arrays(np.asarray(uA, float), np.asarray(uB, float))
    cue_a = np.full(uA.shape, gamma if context == "A" else 0.0)
    cue_b = np.full(uA.shape, gamma if context == "B" else 0.0)
    return np.stack([uA, uB, cue_a, cue_b], axis=-1)


def network_readout(vecs, U, t_max=20.0, dt=0.2):
    """Simulate one trial per row of U (B, 4), starting at x = I·u; return z = wᵀφ(x)/N at t_max.

    The slowest relaxation time here is 1/(1 - 0.5) = 2 τ, so 20 τ reach the fixed point
    (e^{-10}); forward Euler has exactly the fixed points of the ODE, so dt = 0.2 is enough.
    """
    I = U @ vecs.inputs.T  # (B, N)
    res = simulate(I, t_max, dt, m=vecs.m, n=vecs.n, inputs=I,
                   record_every=int(round(t_max / dt)))
    return np.tanh(res.x[:, -1]) @ vecs.w / vecs.w.size


# %% [markdown]
# ## 1. The task and the network
#
# Two sensory inputs with amplitudes $u_A, u_B$ (think: the evidence for "right" in motion and in
# colour) arrive along vectors $I_A, I_B$; a context cue of amplitude $\gamma$ arrives along $c_A$
# (context A) or $c_B$ (context B). The network is rank two, without random bulk,
#
# $$\dot x = -x + m_1\kappa_1 + m_2\kappa_2 + I_Au_A + I_Bu_B + \gamma\,c_{\rm ctx},\qquad
# \kappa_r = \frac{n_r^T\phi(x)}{N},$$
#
# and we read out $z = w^T\phi(x)/N$. Pathway A: $n_1$ listens to $I_A$ (and to $m_1$, a bit of
# recurrent amplification); pathway B: $n_2$ listens to $I_B$ and $m_2$; the readout $w$
# overlaps both $m_1$ and $m_2$. Without context, $z$ reports $u_A + u_B$. **Goal:** in context A,
# $z$ follows $u_A$ and ignores $u_B$; in context B the reverse.
#
# ## 2. One gain for all pathways (Stein's lemma)
#
# Start the network at rest, $k = 0$, with constant inputs; then $x = \sum_k I_k u_k$ is zero-mean
# Gaussian across neurons, and for any vector $n$ jointly Gaussian with it
#
# $$\kappa = \langle n\,\phi(x)\rangle = \underbrace{M_n[\phi](\mu,\Delta)}_{\text{aligned means}} +
# \underbrace{\mathrm{Cov}(n, x)\,[\phi'](\mu,\Delta)}_{\text{correlated fluctuations}} .$$
#
# Here all vectors have zero mean, only the second term survives, and the whole dependence on
# the *other* inputs is through **one number**, the population gain $[\phi'](\mu,\Delta)$ with
# $\mu, \Delta$ the mean and variance of the field. So the effective overlaps are
# $\tilde\sigma = [\phi']\,\sigma$ and $\tilde\sigma_{nI} = [\phi']\,\sigma_{nI}$, **for every pathway
# at once**. A context cue $c$ uncorrelated with $m, n, I, w$ changes $\Delta$ (by $\gamma^2\Sigma_c^2$)
# or $\mu$ — and lowers both pathways by the same factor. Let us check this on a one-population
# network with variance cues: pathway A and B have the same statistics, the cues $c_A, c_B$ are
# independent Gaussian vectors.

# %%
def one_population_model():
    """All neurons in one Gaussian population (vector order m1 m2 n1 n2 I_A I_B c_A c_B w)."""
    C = np.zeros((9, 9))
    C[M1, M1] = C[M2, M2] = 1.0  # Var m_r
    C[IA, IA] = C[IB, IB] = 1.0  # Var I
    C[CA, CA] = C[CB, CB] = 1.0  # Var c: the cues add variance γ²
    C[N1, N1] = C[N2, N2] = 3.0  # Var n (large enough for a valid covariance)
    C[W, W] = 3.0
    for a, b, v in [(N1, M1, 0.5), (N2, M2, 0.5), (N1, IA, 1.0), (N2, IB, 1.0),
                    (W, M1, 1.0), (W, M2, 1.0)]:
        C[a, b] = C[b, a] = v  # the overlaps: recurrent 0.5, input 1.0, readout 1.0
    return mixture_model([1.0], C[None], rank=2, n_inputs=4)


one_pop = one_population_model()
vec_one = sample_vectors(one_pop, 10000, rng)  # exact empirical covariances
du = 0.2  # a small stimulus: slope = (z(+du) - z(-du)) / (2 du)
gammas = np.array([0.0, 1.0, 2.0, 3.0])
U = np.concatenate([inputs_for([du, -du, 0, 0], [0, 0, du, -du], g, "A") for g in gammas])
z_sim = network_readout(vec_one, U).reshape(len(gammas), 4)
z_th = solve_stationary(one_pop, U).readout.reshape(len(gammas), 4)
slopes_sim = np.column_stack([z_sim[:, 0] - z_sim[:, 1], z_sim[:, 2] - z_sim[:, 3]]) / (2 * du)
slopes_th = np.column_stack([z_th[:, 0] - z_th[:, 1], z_th[:, 2] - z_th[:, 3]]) / (2 * du)
# z = wᵀφ/N is a sample mean over N neurons: its standard error is at most sd(w)/√N = √3/√N
# = 0.017 (exact second moments remove the linear part); a slope is a difference of two z over
# 2du = 0.4, so we allow 2·0.017/0.4 ≈ 0.09
tol = 2 * np.sqrt(3) / np.sqrt(vec_one.w.size) / (2 * du)
assert np.abs(slopes_sim - slopes_th).max() < tol, (slopes_sim, slopes_th)
assert np.allclose(slopes_th[:, 0], slopes_th[:, 1], rtol=1e-9)  # theory: identical pathways
assert np.all(np.diff(slopes_th[:, 0]) < 0)  # ... and both fall with the cue
print("cue γ | slope vs u_A (network, theory) | slope vs u_B (network, theory) | ratio (theory)")
for g, (sa, sb), (ta, tb) in zip(gammas, slopes_sim, slopes_th):
    print(f"  {g:.0f}   |     {sa:.3f}, {ta:.3f}             |     {sb:.3f}, {tb:.3f}"
          f"             | {ta / tb:.3f}")

# %% [markdown]
# The cue of context A weakens the *wrong* pathway exactly as much as the right one: the ratio
# stays 1. It does not help to choose a cleverer cue vector: as long as $(m, n, I, c, w)$ are
# jointly Gaussian in one population, Stein's lemma leaves a single gain. To act on one pathway,
# the cue must reach **different neurons** than those that carry the other pathway — the
# distribution of the entries must be a *mixture*.
#
# ### Exercise 1: how much does a cue lower the gain?
#
# A population whose field has variance $\Delta = 0.5$ receives a cue of amplitude $\gamma = 2$.
# Compute the gain `gain_tonic` $= [\phi'](\gamma, \Delta)$ when the cue is **tonic** (the same input
# $\gamma$ to every neuron of the population: it shifts the mean) and `gain_variance`
# $= [\phi'](0,\Delta + \gamma^2)$ when it is a zero-mean Gaussian vector of unit variance (it adds
# variance). Use `gauss_avg(dphi, mu, delta)`. Which one silences a population more efficiently,
# and why (think of where the neurons' fields sit on the $\tanh$)?

# %% tags=["raises-exception"]
gain_tonic = ...  # [φ'](γ, Δ)
gain_variance = ...  # [φ'](0, Δ + γ²)
checks.exercise_1(gain_tonic, gain_variance, gamma=2.0, delta=0.5)

# %% tags=["solution"]
gain_tonic = float(gauss_avg(dphi, 2.0, 0.5))
gain_variance = float(gauss_avg(dphi, 0.0, 0.5 + 2.0**2))
checks.exercise_1(gain_tonic, gain_variance, gamma=2.0, delta=0.5)
# A tonic shift pushes every neuron into saturation: φ'(γ) ≈ 4 e^{-2γ} falls exponentially. Added
# variance spreads the fields, but a fraction ∝ 1/√Δ of the neurons stays in the linear range:
# [φ'](0, Δ) ≈ 0.8/√Δ falls only like a power law.
print(f"tonic: {gain_tonic:.3f}, variance: {gain_variance:.3f} (no cue: {float(gauss_avg(dphi, 0.0, 0.5)):.3f})")

# %% [markdown]
# ## 3. Two populations: a cue for each pathway
#
# Split the neurons into two populations of equal size, $\alpha_1 = \alpha_2 = \tfrac12$. Inside
# each population the entries are again zero-mean jointly Gaussian, with their own covariances:
#
# | | population 1 | population 2 |
# |---|---|---|
# | pathway A: $\mathrm{Cov}(n_1, I_A)$, $\mathrm{Cov}(n_1, m_1)$ | 2.0, 1.0 | 0, 0 |
# | pathway B: $\mathrm{Cov}(n_2, I_B)$, $\mathrm{Cov}(n_2, m_2)$ | 0, 0 | 2.0, 1.0 |
# | cue of context A, $c_A$ | 0 | 1 (tonic) |
# | cue of context B, $c_B$ | 1 (tonic) | 0 |
# | $\mathrm{Var}(m_r)$, $\mathrm{Var}(I)$, $\mathrm{Cov}(w, m_r)$ | 1, 1, 1 | 1, 1, 1 |
#
# Over the whole network the overlaps are **the same as in the one-population network** above
# ($n_1^TI_A/N = \tfrac12\cdot 2 = 1$, $n_1^Tm_1/N = 0.5$): no measurement of $n^Tm/N$ or $n^TI/N$
# can tell the two networks apart. What differs is *where* the overlaps live. The cue of context
# A is a tonic drive to population 2 — which carries pathway B. Seen from the whole network,
# $c_A$ (1 on population 2, 0 on population 1) is a vector orthogonal to $m$ and $n$ that adds
# variance $\gamma^2/4$ to the field, as in Section 2 — but all of it lands on the neurons of one
# pathway. That is what a single Gaussian population cannot express.
#
# **Mean-field theory of a mixture.** With $g = 0$ the state is $x = m_1k_1 + m_2k_2 + \sum_k I_kv_k$
# (after the input filter $\dot v = -v + u$). The average over neurons becomes
# $\sum_p\alpha_p\langle\cdot\rangle_p$, and Stein's lemma holds inside each population:
#
# $$\kappa_r = \sum_p \alpha_p\,[\phi'](\mu_p,\Delta_p)\,\mathrm{Cov}_p(n_r, x)
# = \big(\tilde\sigma k + \tilde\sigma_{nI}v\big)_r,\qquad
# \tilde\sigma = \sum_p\alpha_p[\phi']_p\,\sigma^p,\quad \tilde\sigma_{nI} = \sum_p\alpha_p[\phi']_p\,\sigma^p_{nI},$$
#
# with $\mu_p$ the tonic drive of population $p$ and $\Delta_p = \mathrm{Var}_p(x)$; then
# $\dot k = -k + \kappa$, and the readout is $z = \sum_p\alpha_p[\phi']_p\,\mathrm{Cov}_p(w, x)$. Each
# population now has **its own gain**, and the cue of context A lowers only $[\phi']_2$. This
# is exact for $g=0$ as $N\to\infty$ (both populations large); the module
# `lrnn_utils.context` implements it (`context_task_model()` builds exactly the table above).

# %%
model = context_task_model()  # the two-population network of the table (tonic cues)
gamma = 2.0  # cue strength
vec = sample_vectors(model, 8000, rng)  # exact covariances inside each population
overall = model.overall_cov
assert np.allclose(overall[[N1, N2]][:, [M1, M2]], one_pop.overlap[0])  # same overall overlaps
assert np.allclose(overall[[N1, N2]][:, [IA, IB]], one_pop.n_input_cov[0][:, :2])
assert np.allclose(vec.n.T @ vec.m / 8000, one_pop.overlap[0], atol=1e-12)  # ... in the sample too

gains = {ctx: population_gains(model, np.zeros(2), inputs_for(0.0, 0.0, gamma, ctx))
         for ctx in (None, "A", "B")}
for ctx, G in gains.items():
    s_eff = 0.5 * (G[0] * model.overlap[0] + G[1] * model.overlap[1])
    s_in = 0.5 * (G[0] * model.n_input_cov[0] + G[1] * model.n_input_cov[1])[:, :2]
    print(f"context {ctx or '—'}: gains [φ']_1 = {G[0]:.3f}, [φ']_2 = {G[1]:.3f};  "
          f"effective input overlaps σ̃_nI = diag({s_in[0, 0]:.3f}, {s_in[1, 1]:.3f}), "
          f"recurrent σ̃ = diag({s_eff[0, 0]:.3f}, {s_eff[1, 1]:.3f})")

# %% [markdown]
# In context A, pathway B's effective input overlap drops from 1 to $\approx 0.07$ and its loop
# from 0.5 to $\approx 0.04$, while pathway A is untouched (at rest). Now the full response curves:
# for each context, the readout as a function of $u_A$ (with $u_B = 0$) and of $u_B$ (with
# $u_A = 0$), theory against simulation of $N = 8000$ neurons.

# %%
u_grid = np.array([-1.0, -0.6, -0.3, -0.05, 0.05, 0.3, 0.6, 1.0])  # ±0.05: small-signal slope
zero = np.zeros_like(u_grid)
conds = [(ctx, s) for ctx in ("A", "B") for s in ("A", "B")]
U = np.concatenate([inputs_for(u_grid if s == "A" else zero, u_grid if s == "B" else zero, gamma, ctx)
                    for ctx, s in conds])
z_net = network_readout(vec, U).reshape(4, -1)
theory = solve_stationary(model, U)
assert theory.converged.all() and theory.stable.all()
z_mf = theory.readout.reshape(4, -1)
u_fine = np.linspace(-1.0, 1.0, 81)
z_fine = {(ctx, s): solve_stationary(model, inputs_for(u_fine if s == "A" else 0 * u_fine,
                                                       u_fine if s == "B" else 0 * u_fine,
                                                       gamma, ctx)).readout for ctx, s in conds}
# z = wᵀφ/N is a sample mean over N neurons: its standard error is at most sd(w)/√N = √3/√N
# = 0.019 (exact second moments remove the linear part); over 32 conditions we allow 2 s.e.
tol = 2 * np.sqrt(3) / np.sqrt(vec.w.size)
assert np.abs(z_net - z_mf).max() < tol, np.abs(z_net - z_mf).max()
# the context switch: small-signal slope (u = ±0.05) of the relevant stimulus > 10 × that of
# the irrelevant one, in the network (the finite-N offsets cancel in the difference)
slope = {c: (z[4] - z[3]) / 0.1 for c, z in zip(conds, z_net)}
assert slope["A", "A"] > 10 * abs(slope["A", "B"]) and slope["B", "B"] > 10 * abs(slope["B", "A"])
print(f"max |z_network - z_theory| = {np.abs(z_net - z_mf).max():.4f} (tolerance {tol:.4f})")
for ctx in "AB":
    print(f"context {ctx}: slope at u = 0 for stimulus A {slope[ctx, 'A']:.3f}, "
          f"for stimulus B {slope[ctx, 'B']:.3f}")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), sharey=True)
for ax, ctx in zip(axes, "AB"):
    for j, (s, c) in enumerate([("A", "blue"), ("B", "orange")]):
        i = conds.index((ctx, s))
        ax.plot(u_fine, z_fine[ctx, s], color=COLORS[c], label=f"theory, vary $u_{s}$")
        ax.plot(u_grid, z_net[i], "o", color=COLORS[c], mec="k", mew=0.5, ms=6,
                label=f"network, vary $u_{s}$")
    ax.axhline(0, color=COLORS["grey"], lw=0.5)
    ax.set_xlabel("stimulus amplitude $u$")
    ax.set_title(f"context {ctx} (cue γ = {gamma:g})")
    ax.legend(fontsize=8, loc="upper left")
axes[0].set_ylabel(r"readout $z = w^T\phi(x)/N$")
fig.tight_layout()
savefig(fig, "07_context_switch")
plt.show()

# %% [markdown]
# The readout follows the relevant stimulus (a saturating curve: the growing field variance, from
# $m_1k_1$ and from the stimulus itself, lowers the gain) and nearly ignores the other one. Look closely at the irrelevant curve:
# it bends *up* at large $|u|$. The irrelevant input adds variance to the silenced population,
# which spreads some of its neurons back out of saturation — a tonic cue is beaten by a strong
# enough stimulus. The theory captures this too.
#
# ### Exercise 2: effective input overlap in context B
#
# Using `population_gains(model, k, u)` at rest ($k = 0$, no stimulus, cue of context B with
# $\gamma = 2$), the population fractions `model.fractions` and the within-population covariances
# `model.n_input_cov` (shape $(P, R, K)$: $\mathrm{Cov}_p(n_r, I_k)$), compute the effective input
# overlap of **pathway A** in context B, $\tilde\sigma_{n_1I_A} = \sum_p\alpha_p[\phi']_p\,\mathrm{Cov}_p(n_1, I_A)$.

# %% tags=["raises-exception"]
sigma_eff_A = ...  # effective overlap of n_1 with I_A in context B
checks.exercise_2(sigma_eff_A, model=model, gamma=2.0)

# %% tags=["solution"]
G = population_gains(model, np.zeros(2), inputs_for(0.0, 0.0, 2.0, "B"))
sigma_eff_A = float(np.sum(model.fractions * G * model.n_input_cov[:, 0, 0]))
checks.exercise_2(sigma_eff_A, model=model, gamma=2.0)
print(f"σ̃(n1, I_A) in context B = {sigma_eff_A:.4f} (without cue: 1.0)")

# %% [markdown]
# ### Exercise 3: predict the small-signal slope
#
# Linearise the mean field around rest in context A: with gains $G_1, G_2$ (from
# `population_gains`), pathway A obeys $k_1 = \tfrac12G_1(\rho\,k_1 + s\,u_A)$ with $\rho = 1$,
# $s = 2$ (the within-population covariances), and the readout is
# $z = \tfrac12(G_1+G_2)\,\beta\,(k_1+k_2)$ with $\beta = \mathrm{Cov}(w, m_r) = 1$. Derive the slope
# $dz/du_A$ at $u_A = 0$, evaluate it, and compare with `slope["A", "A"]` measured above
# between $u_A = \pm 0.05$. (Why is the measured value slightly smaller?)

# %% tags=["raises-exception"]
slope_pred = ...  # dz/du_A at rest in context A (γ = 2)
checks.exercise_3(slope_pred, model=model, gamma=2.0)

# %% tags=["solution"]
G1, G2 = population_gains(model, np.zeros(2), inputs_for(0.0, 0.0, 2.0, "A"))
dk1 = 0.5 * G1 * 2.0 / (1 - 0.5 * G1 * 1.0)  # k1 = ½G1 s u / (1 - ½G1ρ): recurrent amplification
slope_pred = 0.5 * (G1 + G2) * 1.0 * dk1
checks.exercise_3(slope_pred, model=model, gamma=2.0)
print(f"predicted {slope_pred:.3f}; measured between u = ±0.05: {slope['A', 'A']:.3f} "
      "(slightly less: the response already starts to saturate)")

# %% [markdown]
# ## 4. Trajectories in the $(\kappa_1,\kappa_2)$ plane
#
# The two latent variables make the computation visible. We present all nine combinations of
# $u_A, u_B\in\{-0.6, 0, 0.6\}$ (the context cue is already on, the stimuli switch on at $t=0$)
# and plot the network's $\kappa = n^T\phi(x)/N$ against the mean-field prediction
# $\kappa(t) = \tilde\sigma\,k + \tilde\sigma_{nI}\,v$, with $k(t)$ from the latent ODE and the
# filtered stimulus $v(t) = u\,(1 - e^{-t})$. In context A the trajectories fan out along
# $\kappa_1$ — the position encodes $u_A$ whatever $u_B$ — and in context B along $\kappa_2$.

# %%
levels = np.array([-0.6, 0.0, 0.6])
uA_c, uB_c = [a.ravel() for a in np.meshgrid(levels, levels, indexing="ij")]
traj = {}
for ctx in "AB":
    U_ctx = inputs_for(uA_c, uB_c, gamma, ctx)  # (9, 4)
    cue_only = inputs_for(0 * uA_c, 0 * uB_c, gamma, ctx)
    stim = U_ctx - cue_only
    res = simulate(cue_only @ vec.inputs.T, 25.0, 0.05, m=vec.m, n=vec.n, method="heun",
                   inputs=U_ctx @ vec.inputs.T, record_every=5, record_x=False)

    def v_of_t(t, cue_only=cue_only, stim=stim):  # what the neurons see: filtered steps
        return cue_only + stim * (1 - np.exp(-t))

    t_l, k_l = integrate_latent(model, np.zeros((9, 2)), v_of_t, 25.0, 0.05)
    k_l = k_l[:, ::5]
    kappa_l = kappa_of(model, k_l, np.stack([v_of_t(t) for t in t_l[::5]], axis=1))
    traj[ctx] = (res.t, res.kappa, kappa_l)
    # κ_r = n_rᵀφ/N is a sample mean: standard error at most sd(n_r)/√N = √7/√N = 0.03
    err = np.abs(res.kappa - kappa_l).max()
    assert err < np.sqrt(7) / np.sqrt(vec.w.size), err
    end = res.kappa[:, -1]
    relevant, other = (0, 1) if ctx == "A" else (1, 0)
    assert np.ptp(end[:, other]) < 0.25 * np.ptp(end[:, relevant])  # fans out along one axis
print("end points (network):")
for ctx in "AB":
    print(f"  context {ctx}: κ1 ∈ [{traj[ctx][1][:, -1, 0].min():+.2f}, {traj[ctx][1][:, -1, 0].max():+.2f}],"
          f" κ2 ∈ [{traj[ctx][1][:, -1, 1].min():+.2f}, {traj[ctx][1][:, -1, 1].max():+.2f}]")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), sharex=True, sharey=True)
cmap = plt.get_cmap("coolwarm")
for ax, ctx in zip(axes, "AB"):
    t_, k_net, k_th = traj[ctx]
    for i in range(9):
        rel = uA_c[i] if ctx == "A" else uB_c[i]
        color = cmap(0.5 + rel / 1.4)
        ax.plot(k_net[i, :, 0], k_net[i, :, 1], color=color, lw=3, alpha=0.6)
        ax.plot(k_th[i, :, 0], k_th[i, :, 1], "--", color="k", lw=0.8)
        ax.plot(*k_net[i, -1], "o", color=color, mec="k", ms=6)
        if uA_c[i] or uB_c[i]:  # label the end points (below the axis for rel = 0)
            ax.annotate(f"({uA_c[i]:+.1f}, {uB_c[i]:+.1f})", k_net[i, -1], fontsize=6,
                        xytext=(4, 3) if rel else (4, -9), textcoords="offset points")
    ax.plot([], [], color=COLORS["grey"], lw=3, label="network")
    ax.plot([], [], "--", color="k", lw=0.8, label="mean-field theory")
    ax.set_aspect("equal")
    ax.set_xlabel(r"$\kappa_1$ (pathway A)")
    ax.set_title(f"context {ctx}: labels $(u_A, u_B)$")
    ax.legend(fontsize=8, loc="upper left")
axes[0].set_ylabel(r"$\kappa_2$ (pathway B)")
fig.tight_layout()
savefig(fig, "07_kappa_plane")
plt.show()

# %% [markdown]
# ### Explore: the context strength
#
# The slider sets the cue strength $\gamma$. At $\gamma = 0$ the two contexts are identical and
# $z$ follows $u_A+u_B$; as $\gamma$ grows the irrelevant pathway is switched off. The theory is
# cheap enough to redraw instantly (the default figure is drawn first, also for the static site).

# %%
def context_demo(gamma=2.0):
    u = np.linspace(-1, 1, 41)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.4), gridspec_kw={"width_ratios": [1, 1, 0.8]})
    for ax, ctx in zip(axes[:2], "AB"):
        for s, c in [("A", "blue"), ("B", "orange")]:
            U_ = inputs_for(u if s == "A" else 0 * u, u if s == "B" else 0 * u, gamma, ctx)
            ax.plot(u, solve_stationary(model, U_).readout, color=COLORS[c], label=f"vary $u_{s}$")
        ax.set_ylim(-0.75, 0.75)
        ax.axhline(0, color=COLORS["grey"], lw=0.5)
        ax.set_xlabel("stimulus amplitude $u$")
        ax.set_title(f"context {ctx}")
        ax.legend(fontsize=8, loc="upper left")
    axes[0].set_ylabel("readout $z$ (theory)")
    G = population_gains(model, np.zeros(2), inputs_for(0.0, 0.0, gamma, "A"))
    axes[2].bar([0, 1], G, color=[COLORS["blue"], COLORS["orange"]])
    axes[2].set_xticks([0, 1], ["population 1\n(pathway A)", "population 2\n(pathway B)"])
    axes[2].set_ylim(0, 1.05)
    axes[2].set_ylabel(r"gain $[\phi']$ at rest")
    axes[2].set_title("gains in context A")
    fig.suptitle(rf"cue strength $\gamma$ = {gamma:.1f}", fontsize=11)
    fig.tight_layout()
    plt.show()


context_demo()

# %%
widgets.interact(
    context_demo,
    gamma=widgets.FloatSlider(value=2.0, min=0.0, max=3.0, step=0.25, continuous_update=False),
);

# %% [markdown]
# ## 5. What the original paper did: context as a bias in a bistable network
#
# Mastrogiuseppe & Ostojic (2018, Fig. 5 and their public code) solved a Go/No-Go version of the
# task with **one** Gaussian population — so, by Section 2, not by a pathway-specific gain.
# Their vectors are built from independent Gaussian vectors $I_A, I_B, y_1, y_2$ (s.d. 1.2) and
# $w, c_A, c_B$ (s.d. 1):
#
# $$m_1 = y_1 + 1.6\,c_A + 0.6\,w,\quad n_1 = I_A + 3\,c_A + w,\qquad
# m_2 = y_2 + 1.6\,c_B + 0.6\,w,\quad n_2 = I_B + 3\,c_B + w,$$
#
# giving the overlap matrix $\sigma = \begin{pmatrix}5.4&0.6\\0.6&5.4\end{pmatrix}$ (eigenvalues 6
# and 4.8, strongly above 1): the network is **bistable**, with a "No-Go" state ($z<0$) and a
# "Go" state ($z>0$) along $(1,1)$. The context vectors are *correlated with $n$ and $m$*:
# the active cue ($+0.08\,c_A$ in context A) and the inactive one ($-0.14\,c_B$) **drive**
# $\kappa_1$ and $\kappa_2$ directly through $\mathrm{Cov}(n_r, c) = 3$, shifting how far each
# pathway sits from the switching threshold. A stimulus along $I_A$ (1 unit) then pushes the
# network over the threshold into "Go" only in context A. The gain barely moves (the cues are
# small; checked below). Our mixture theory covers this network too (one population, $g = 0$: exact as
# $N\to\infty$; the paper used $g = 0.8$, which makes the theory approximate).

# %%
# the construction above, with the paper's numbers: lrnn_utils.context.paper_context_model
paper = paper_context_model()
print("overlap matrix σ =", paper.overlap[0].round(2).tolist(),
      " eigenvalues", np.round(np.linalg.eigvals(paper.overlap[0]), 2))
nogo = solve_stationary(paper, np.zeros(4), k0=np.array([-2.0, -2.0]))
assert nogo.converged and nogo.stable and nogo.readout < 0
# the cues hardly change the (single) gain: |Δ[φ']| / [φ'] < 2 % in the No-Go state
G_cue = population_gains(paper, nogo.k, np.array([0, 0, 0.08, -0.14]))
assert abs(G_cue[0] / nogo.gains[0] - 1) < 0.02, (G_cue, nogo.gains)
print(f"No-Go state k = {np.round(nogo.k, 3)}, z = {nogo.readout:.3f}; gain {nogo.gains[0]:.4f}, "
      f"with the cue of context A {G_cue[0]:.4f}")
cue_on, cue_off, t_cue, t_end = 0.08, -0.14, 15.0, 100.0


def paper_inputs(t, ctx, amp_A=0.0, amp_B=0.0, filtered=False):
    """Input amplitudes (u_A, u_B, c_A, c_B) at time t: the cue from t = 0, the stimulus from
    t_cue. filtered=True gives what the neurons see, v(t), after the leak's low-pass filter."""
    cue = np.array([0, 0, cue_on, cue_off]) if ctx == "A" else np.array([0, 0, cue_off, cue_on])
    amp_A, amp_B = np.broadcast_arrays(np.asarray(amp_A, float), np.asarray(amp_B, float))
    stim = np.stack([amp_A, amp_B, 0 * amp_A, 0 * amp_A], axis=-1)
    if not filtered:
        return cue + stim * (t >= t_cue)
    return cue * (1 - np.exp(-t)) + stim * ((1 - np.exp(-(t - t_cue))) if t >= t_cue else 0.0)


pconds = [(c, s) for c in "AB" for s in "AB"]
amps = {"A": (1.0, 0.0), "B": (0.0, 1.0)}
vec_p = sample_vectors(paper, 5000, rng)
res_p = simulate(np.tile(vec_p.m @ nogo.k, (4, 1)), t_end, 0.1, m=vec_p.m, n=vec_p.n,
                 inputs=lambda t: np.stack([paper_inputs(t, c, *amps[s]) for c, s in pconds])
                 @ vec_p.inputs.T, record_every=10)
z_p = np.tanh(res_p.x[:, -1]) @ vec_p.w / 5000
k_p_net = project(res_p.x, np.column_stack([vec_p.m, vec_p.inputs]))[..., :2]  # coordinates on m
k_p, z_p_th = [], []
for c, s in pconds:
    v = lambda t, c=c, s=s: paper_inputs(t, c, *amps[s], filtered=True)  # noqa: E731
    _, k_l = integrate_latent(paper, nogo.k, v, t_end, 0.1)
    k_p.append(k_l)
    z_p_th.append(readout(paper, k_l[-1], v(t_end)))
k_p, z_p_th = np.array(k_p), np.array(z_p_th)
go = {c: z > 0 for c, z in zip(pconds, z_p)}
assert go["A", "A"] and not go["A", "B"] and not go["B", "A"] and go["B", "B"], z_p
assert np.all(np.sign(z_p) == np.sign(z_p_th))
# the end states are fixed points: z is a sample average (O(1/√N) = 0.014) amplified by the
# steep bistable loop (overlaps ≈ 5) — we allow 3/√N
assert np.abs(z_p - z_p_th).max() < 3 / np.sqrt(5000), (z_p, z_p_th)
for (c, s), z, zt in zip(pconds, z_p, z_p_th):
    print(f"context {c}, stimulus {s}: z = {z:+.3f} (theory {zt:+.3f}) → {'Go' if z > 0 else 'No-Go'}")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharex=True, sharey=True)
for ax, ctx in zip(axes, "AB"):
    for s, c in [("A", "blue"), ("B", "orange")]:
        i = pconds.index((ctx, s))
        ax.plot(k_p_net[i, :, 0], k_p_net[i, :, 1], color=COLORS[c], lw=3, alpha=0.6,
                label=f"network, stimulus {s}")
        ax.plot(k_p[i, :, 0], k_p[i, :, 1], "--", color="k", lw=0.8)
        ax.plot(*k_p_net[i, -1], "o", color=COLORS[c], mec="k", ms=7)
    ax.plot([], [], "--", color="k", lw=0.8, label="latent theory")
    ax.plot(*nogo.k, "s", color="k", ms=7, label="start: No-Go state")
    ax.set_xlabel(r"$k_1$ (coordinate along $m_1$)")
    ax.set_title(f"paper's network, context {ctx}")
    ax.legend(fontsize=8, loc="lower right")
axes[0].set_ylabel(r"$k_2$ (coordinate along $m_2$)")
fig.tight_layout()
plt.show()

# %% [markdown]
# Both mechanisms implement the same input–output table, but they are different computations:
#
# | | gain switching (Sections 3–4) | bias in a bistable network (paper) |
# |---|---|---|
# | population structure | needs $\geq 2$ populations (a mixture) | one Gaussian population |
# | what the cue does | lowers $[\phi']$ of the other pathway's neurons | drives $\kappa$ towards/away from a threshold |
# | cue vector | uncorrelated with $m, n$ (tonic on a subpopulation) | correlated with $m$ and $n$ |
# | response | graded, $z$ follows $u$ | categorical (Go / No-Go), history dependent |
# | theory | mixture mean field, exact for $g=0$ | one-population mean field, exact for $g = 0$ |
#
# Trained low-rank networks (Dubreuil et al. 2022) need populations for context-dependent
# tasks — consistent with Section 2: with one Gaussian population the gain cannot select.
#
# ### Exercise 4: the Go threshold
#
# In the paper's network, context A, the stimulus $I_A$ had amplitude 1. Find the smallest
# amplitude `u_threshold` of stimulus A that still produces "Go" (in context A, starting from the
# No-Go state, same protocol) using the latent theory: integrate it for a batch of amplitudes
# (e.g. `np.linspace(0, 1, 41)`) and bisect. Mind the history: the answer is *not* what you get
# by solving for a fixed point from $k=0$.

# %% tags=["raises-exception"]
u_threshold = ...  # smallest stimulus-A amplitude giving Go in context A
checks.exercise_4(u_threshold, model=paper, start=nogo.k)

# %% tags=["solution"]
def final_readout(amplitudes):
    """Readout at t_end for a batch of stimulus-A amplitudes, context A, from the No-Go state."""
    amplitudes = np.asarray(amplitudes, float)
    v = lambda t: paper_inputs(t, "A", amplitudes, 0 * amplitudes, filtered=True)  # noqa: E731
    _, kk = integrate_latent(paper, np.tile(nogo.k, (amplitudes.size, 1)), v, t_end, 0.2)
    return readout(paper, kk[:, -1], v(t_end))


lo, hi = 0.0, 1.0
for _ in range(3):  # three rounds of a 9-point batch: bracket width 1/8³
    grid = np.linspace(lo, hi, 9)
    first_go = np.argmax(final_readout(grid) > 0)
    lo, hi = grid[first_go - 1], grid[first_go]
u_threshold = 0.5 * (lo + hi)
checks.exercise_4(u_threshold, model=paper, start=nogo.k)
print(f"Go (at t = {t_end:g}) for u_A > {u_threshold:.3f} in context A")

# %% [markdown]
# ## Summary
#
# - Stein's lemma: $\kappa_r = \mathrm{Cov}(n_r, x)[\phi'](\mu,\Delta)$ for zero-mean vectors. Inputs
#   that change $\mu$ or $\Delta$ rescale the effective overlaps, $\tilde\sigma = [\phi']\sigma$ —
#   **all pathways by the same factor** when the neurons form one Gaussian population. A context
#   cue then cannot select a pathway, whatever its vector.
# - With several populations each has its own gain:
#   $\tilde\sigma = \sum_p\alpha_p[\phi']_p\sigma^p$. A cue that reaches only the neurons carrying
#   pathway B (a tonic drive saturates them) switches B off and leaves A on — with the *same
#   overall overlaps* $n^Tm/N$, $n^TI/N$ as the network that cannot do it.
# - The mixture mean field (exact for $g = 0$ as $N\to\infty$) predicts the readout versus both
#   stimuli in both contexts, and the trajectories in the $(\kappa_1,\kappa_2)$ plane, to
#   $O(1/\sqrt N)$.
# - The original paper's network is different: one population, context vectors correlated with
#   $m$ and $n$ that *bias* a bistable network — categorical, history-dependent Go/No-Go.
#
# This is the last notebook of the series. Where next: trained low-rank networks and their
# population structure (Dubreuil et al. 2022; Beiran et al. 2021), and the chaotic regime with
# structure (notebook 04).
#
# ## References
#
# - F. Mastrogiuseppe and S. Ostojic (2018). Linking connectivity, dynamics, and computations in
#   low-rank recurrent neural networks. *Neuron* 99(3):609–623. doi:10.1016/j.neuron.2018.07.003.
#   Code: github.com/fmastrogiuseppe/LowRank (5_CtxDiscriminationTask).
# - V. Mante, D. Sussillo, K. V. Shenoy and W. T. Newsome (2013). Context-dependent computation by
#   recurrent dynamics in prefrontal cortex. *Nature* 503:78–84.
# - M. Beiran, A. Dubreuil, A. Valente, F. Mastrogiuseppe and S. Ostojic (2021). Shaping dynamics
#   with multiple populations in low-rank recurrent networks. *Neural Computation*
#   33(6):1572–1615. (Mixture-of-Gaussians mean field.)
# - A. Dubreuil, A. Valente, M. Beiran, F. Mastrogiuseppe and S. Ostojic (2022). The role of
#   population structure in computations through neural dynamics. *Nature Neuroscience*
#   25:783–794.
# - E. Salinas (2004). Context-dependent selection of visuomotor maps. *BMC Neuroscience* 5:47.
#   (Gain modulation as a mechanism for context-dependent routing.)

# %%
print(f"notebook run time: {time.perf_counter() - t_start:.1f} s")
