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
# # 07 — Context-dependent responses: bias, gain and populations
#
# The same stimulus should sometimes matter and sometimes not: in context A report stimulus A
# and ignore B, in context B the reverse (the monkeys of Mante et al. 2013 did this with the
# motion and colour of dots). A rank-two network can do it with **fixed** connectivity. We
# start with the network of Mastrogiuseppe & Ostojic (2018, Fig. 5), the one the lecture
# follows: one Gaussian population, bistable, in which a context cue correlated with the
# connectivity vectors **moves the latent state** towards or away from the threshold of a
# Go/No-Go decision. Then we ask what else a cue can do. Stein's lemma shows that in one
# Gaussian population the **gain factor** $[\phi']$ is common to all pathways, so a cue acts
# selectively only by moving the latent state — and a cue correlated with one pathway does
# give a graded, modest selection. Splitting the neurons into **two populations** gives each
# pathway its own gain, and a cue that saturates one population switches its pathway off
# almost completely (Beiran et al. 2021; Dubreuil et al. 2022). Every mean-field prediction is
# checked against a simulated network.
#
# **Learning goals**
# - Explain how the paper's network solves a context-dependent Go/No-Go task: cues correlated
#   with $n$ shift a bistable network relative to its threshold (a bias), and why the outcome
#   depends on where the network starts.
# - Write $\kappa_r = \mathrm{Cov}(n_r, x)\,[\phi'](\mu,\Delta)$ (Stein's lemma) and state exactly
#   what it implies for one Gaussian population: one gain factor for all pathways, so a cue
#   selects only by moving the latent state.
# - Predict, and check in simulation, that a cue uncorrelated with the vectors lowers both
#   pathways equally while a cue correlated with $n_B$ lowers pathway B about twice as much.
# - Derive the mean field of a network of several Gaussian populations,
#   $\tilde\sigma = \sum_p\alpha_p[\phi']_p\,\sigma^p$, and use it to predict gain-based
#   switching of the readout in both contexts, checked against simulation.
# - Read the computation as trajectories in the $(\kappa_1,\kappa_2)$ plane.
#
# **Estimated time:** 75 minutes (with exercises).
#
# **Prerequisites:** [06 — Rank two](06_rank_two_dynamics.ipynb) (latent dynamics, the
# coordinate $k$ versus the drive $\kappa$) and
# [05 — Inputs and selective responses](05_inputs_and_selectivity.ipynb). Symbols:
# [notation](../README.md#notation).

# %% tags=["hide-input"]
# %matplotlib inline
from functools import partial

import matplotlib.pyplot as plt
import numpy as np

from lrnn_utils import dphi, gauss_avg, simulate
from lrnn_utils.analysis import project
from lrnn_utils.checks import nb07 as checks
from lrnn_utils.models import context_task_model
from lrnn_utils.demos import slider_demo
from lrnn_utils.models import PAPER_CONTEXT, mixture
from lrnn_utils.plotting import COLORS, savefig, use_style
from lrnn_utils.seeds import base_seed

use_style()
SEED = base_seed()

# vector order in every model of this notebook: m1, m2, n1, n2, I_A, I_B, c_A, c_B, w
M1, M2, N1, N2, IA, IB, CA, CB, W = range(9)

# %% tags=["hide-input"]
def inputs_for(uA, uB, gamma, context):
    """Amplitudes (..., 4) = (u_A, u_B, cue A, cue B); context 'A', 'B' or None."""
    uA, uB = np.broadcast_arrays(np.asarray(uA, float), np.asarray(uB, float))
    cue_a = np.full(uA.shape, gamma if context == "A" else 0.0)
    cue_b = np.full(uA.shape, gamma if context == "B" else 0.0)
    return np.stack([uA, uB, cue_a, cue_b], axis=-1)


def network_readout(vecs, U, t_max=20.0, dt=0.2):
    """One trial per row of U (B, 4), started at x = I·u; z = wᵀφ(x)/N at t_max.

    The slowest relaxation time here is 1/(1 - 0.5) = 2 τ, so 20 τ reach the fixed
    point (e^{-10}); forward Euler has exactly the fixed points of the ODE.
    """
    I = U @ vecs.inputs.T  # (B, N)
    res = simulate(I, t_max, dt, **vecs.structure, inputs=I,
                   record_every=int(round(t_max / dt)))
    return np.tanh(res.x[:, -1]) @ vecs.w / vecs.w.size


# %% [markdown] tags=["core"]
# ## 1. The task and the network
#
# Two sensory inputs with amplitudes $u_A, u_B$ (think: the evidence for "right" in motion and
# in colour) arrive along vectors $I_A, I_B$; a context cue of amplitude $\gamma$ arrives along
# $c_A$ (context A) or $c_B$ (context B). The network is rank two,
#
# $$\dot x = -x + m_1\kappa_1 + m_2\kappa_2 + I_Au_A + I_Bu_B + \gamma\,c_{\rm ctx},\qquad
# \kappa_r = \frac{n_r^T\phi(x)}{N},$$
#
# and we read out $z = w^T\phi(x)/N$. Pathway A runs through $\kappa_1$ ($n_1$ listens to
# $I_A$), pathway B through $\kappa_2$ ($n_2$ listens to $I_B$), and the readout $w$ overlaps
# both $m_1$ and $m_2$. **Goal:** in context A, $z$ follows $u_A$ and ignores $u_B$; in
# context B the reverse. Everything below is a question about what the cue vectors $c_A, c_B$
# can do to the two pathways, and the answer depends on how the vectors are distributed over
# the neurons.

# %% [markdown] tags=["core"]
# ## 2. The paper's network: context as a bias in a bistable network
#
# Mastrogiuseppe & Ostojic (2018, Fig. 5 and their public code) solved a Go/No-Go version of
# the task with **one** Gaussian population. Their vectors are built from independent Gaussian
# vectors $I_A, I_B, y_1, y_2$ (s.d. 1.2) and $w, c_A, c_B$ (s.d. 1):
#
# $$m_1 = y_1 + 1.6\,c_A + 0.6\,w,\quad n_1 = I_A + 3\,c_A + w,\qquad
# m_2 = y_2 + 1.6\,c_B + 0.6\,w,\quad n_2 = I_B + 3\,c_B + w,$$
#
# giving the overlap matrix $\sigma = \begin{pmatrix}5.4&0.6\\0.6&5.4\end{pmatrix}$
# (eigenvalues 6 and 4.8, far above 1): the network is **bistable**, with a "No-Go" state
# ($z<0$) and a "Go" state ($z>0$) along $(1,1)$. The context vectors are *correlated with $n$
# and $m$*: the active cue ($+0.08\,c_A$ in context A) and the inactive one ($-0.14\,c_B$)
# **drive** $\kappa_1$ and $\kappa_2$ directly through $\mathrm{Cov}(n_r, c) = 3$, and so shift
# how far each pathway sits from the switching threshold. A stimulus along $I_A$ (amplitude 1)
# then pushes the network over the threshold into "Go" only in context A. The gain barely
# moves (the cues are small; checked below): the cue acts by moving the latent state.
#
# The paper simulated this network with a random bulk of strength $g = 0.8$ ($N = 7000$). Its
# fixed points are still given exactly (as $N\to\infty$) by the static mean-field theory: the
# bulk only adds $g^2[\phi^2]$ to the variance $\Delta$ of the field. We simulate $g = 0$, where
# the latent theory of notebook 06 describes the whole trajectory, not only its end points.

# %%
paper = PAPER_CONTEXT  # the construction above, with the paper's numbers
print("overlap matrix σ =", paper.overlap[0].round(2).tolist(),
      " eigenvalues", np.round(np.linalg.eigvals(paper.overlap[0]), 2))
nogo = paper.solve(np.zeros(4), k0=np.array([-2.0, -2.0]))
assert nogo.converged and nogo.stable and nogo.readout < 0
# the cues hardly change the (single) gain: |Δ[φ']| / [φ'] < 2 % in the No-Go state
G_cue = paper.gains(nogo.k, np.array([0, 0, 0.08, -0.14]))
assert abs(G_cue[0] / nogo.gains[0] - 1) < 0.02, (G_cue, nogo.gains)
print(f"No-Go state k = {np.round(nogo.k, 3)}, z = {nogo.readout:.3f}; "
      f"gain {nogo.gains[0]:.4f}, with the cue of context A {G_cue[0]:.4f}")
cue_on, cue_off, t_cue, t_end = 0.08, -0.14, 15.0, 100.0


def paper_inputs(t, ctx, amp_A=0.0, amp_B=0.0, filtered=False):
    """Amplitudes (u_A, u_B, c_A, c_B) at time t: cue from t = 0, stimulus from t_cue.

    filtered=True gives what the neurons see, v(t), after the leak's low-pass filter."""
    cue = np.array([0, 0, cue_on, cue_off] if ctx == "A" else [0, 0, cue_off, cue_on])
    amp_A, amp_B = np.broadcast_arrays(np.asarray(amp_A, float),
                                       np.asarray(amp_B, float))
    stim = np.stack([amp_A, amp_B, 0 * amp_A, 0 * amp_A], axis=-1)
    if not filtered:
        return cue + stim * (t >= t_cue)
    on = (1 - np.exp(-(t - t_cue))) if t >= t_cue else 0.0
    return cue * (1 - np.exp(-t)) + stim * on

# %%
rng = np.random.default_rng([SEED, 1])
N_paper = 5000
vec_p = paper.sample(N_paper, rng)
pconds = [(c, s) for c in "AB" for s in "AB"]
amps = {"A": (1.0, 0.0), "B": (0.0, 1.0)}


def paper_drive(t):  # (4, N): the four trials' inputs at time t
    return np.stack([paper_inputs(t, c, *amps[s]) for c, s in pconds]) @ vec_p.inputs.T


res_p = simulate(np.tile(vec_p.m @ nogo.k, (4, 1)), t_end, 0.1, **vec_p.structure,
                 inputs=paper_drive, record_every=10)
z_p = np.tanh(res_p.x[:, -1]) @ vec_p.w / N_paper
basis = np.column_stack([vec_p.m, vec_p.inputs])
k_p_net = project(res_p.x, basis)[..., :2]  # coordinates along m_1, m_2
k_p, z_p_th = [], []
for c, s in pconds:
    v = partial(paper_inputs, ctx=c, amp_A=amps[s][0], amp_B=amps[s][1], filtered=True)
    k_l = paper.integrate(nogo.k, t_end, 0.1, v).k
    k_p.append(k_l)
    z_p_th.append(paper.readout(k_l[-1], v(t_end)))
k_p, z_p_th = np.array(k_p), np.array(z_p_th)

# %%
go = {c: z > 0 for c, z in zip(pconds, z_p)}
assert go["A", "A"] and not go["A", "B"] and not go["B", "A"] and go["B", "B"], z_p
# z is a sample average over N neurons; at a fixed point of the steep bistable loop
# (overlaps ≈ 5) its error is amplified: the largest |z - z_th| of the four trials has
# rms 1.8/√N over 21 networks, with a heavy tail (up to 4.7/√N): we allow 4 rms
TOL_PAPER = 4 * 1.8 / np.sqrt(N_paper)
assert np.abs(z_p - z_p_th).max() < TOL_PAPER, (z_p, z_p_th)
for (c, s), z, zt in zip(pconds, z_p, z_p_th):
    print(f"context {c}, stimulus {s}: z = {z:+.3f} (theory {zt:+.3f}) → "
          f"{'Go' if z > 0 else 'No-Go'}")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.8), sharex=True, sharey=True)
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
    ax.legend(fontsize=9, loc="lower right")
axes[0].set_ylabel(r"$k_2$ (coordinate along $m_2$)")
fig.tight_layout()
plt.show()

# %% [markdown]
# Each stimulus reaches "Go" only in its own context, and the network and the latent theory
# agree on every end state within the finite-size error of a sample mean (a few $1/\sqrt N$).
# The response is **categorical** (Go or No-Go) and **history dependent**: which state the
# network ends in depends on where it started.
#
# ### Exercise 1: the Go threshold
# **4 points** (3 autograded, 1 written) · difficulty 3/3 · about 20 min
#
# In the paper's network, context A, the stimulus $I_A$ had amplitude 1. Find the smallest
# amplitude `u_threshold` of stimulus A that still produces "Go" (in context A, starting from
# the No-Go state, the same protocol: $z$ read at $t = 100$) using the latent theory
# (`paper.integrate(k0, t_end, dt, v)` with the filtered inputs `v(t)`): integrate
# it for a batch of amplitudes (e.g. `np.linspace(0, 1, 9)`) and narrow the bracket. Mind the
# history: the answer is *not* what you get by solving for a fixed point from $k=0$. Then
# predict: would a longer trial give a higher, the same or a lower threshold, and why?

# %% tags=["raises-exception"]
u_threshold = ...  # smallest stimulus-A amplitude giving Go in context A
checks.exercise_1(u_threshold, model=paper, start=nogo.k)

# %% [markdown] tags=["answer"]
# *Your answer:* (a longer trial: higher, the same or lower threshold, and why?)

# %% tags=["solution"]
def final_readout(amplitudes):
    """Readout at t_end for a batch of stimulus-A amplitudes, context A, from No-Go."""
    amplitudes = np.asarray(amplitudes, float)
    v = partial(paper_inputs, ctx="A", amp_A=amplitudes, amp_B=0 * amplitudes,
                filtered=True)
    k0 = np.tile(nogo.k, (amplitudes.size, 1))
    kk = paper.integrate(k0, t_end, 0.2, v).k  # (B, T, 2)
    return paper.readout(kk[:, -1], v(t_end))


lo, hi = 0.0, 1.0
for _ in range(3):  # three rounds of a 9-point batch: bracket width 1/8³
    grid = np.linspace(lo, hi, 9)
    first_go = np.argmax(final_readout(grid) > 0)
    lo, hi = grid[first_go - 1], grid[first_go]
u_threshold = 0.5 * (lo + hi)
checks.exercise_1(u_threshold, model=paper, start=nogo.k)
print(f"Go (at t = {t_end:g}) for u_A > {u_threshold:.3f} in context A")
# Model answer: a longer trial gives a slightly LOWER threshold (≈ 0.68 instead of
# 0.73 for t → ∞). The No-Go state disappears at a saddle-node as u_A grows; just above
# that point the state drifts slowly through the place where the fixed point was, and
# needs longer than the 85 τ after the stimulus onset to reach Go. For t → ∞ the
# threshold is where the No-Go state vanishes.

# %% [markdown] tags=["core"]
# ## 3. One gain factor for all pathways (Stein's lemma)
#
# Why did the paper need cues correlated with $n$? Take any vector $n$ jointly Gaussian with
# the field $x$ across neurons (one population). Stein's lemma gives
#
# $$\kappa = \langle n\,\phi(x)\rangle = \underbrace{M_n[\phi](\mu,\Delta)}_{\text{aligned means}} +
# \underbrace{\mathrm{Cov}(n, x)\,[\phi'](\mu,\Delta)}_{\text{correlated fluctuations}} ,$$
#
# with $\mu, \Delta$ the mean and variance of the field. With zero-mean vectors only the second
# term survives, and everything the *other* inputs do enters through **one number**, the
# population gain $[\phi'](\mu,\Delta)$ — the same factor for $\kappa_1$, $\kappa_2$ and the
# readout. That is the exact content of the lemma for one Gaussian population: **the gain
# factor is common to all pathways.** A cue uncorrelated with $m, n, I, w$ leaves the network
# at $k = 0$ and only changes $\Delta$ (by $\gamma^2\Sigma_c^2$) or $\mu$; it then lowers both
# pathways by the same factor.
#
# The lemma does *not* say that a cue cannot select. A cue with $\mathrm{Cov}(n_B, c)\neq 0$
# drives $\kappa_B$ directly and **moves the latent state** along $m_B$ — the paper's
# mechanism. Once $k_B\neq 0$ the field variance $\Delta$ grows with $k_B^2$, so the common
# gain falls as $k_B$ grows: pathway B's loop sees $[\phi']$ *and its change with $k_B$*
# (saturation along $m_B$), pathway A ($k_A = 0$) sees $[\phi']$ alone. Both cases in one
# network with the statistics of the table below, measured by the small-signal slopes
# $dz/du_A$ and $dz/du_B$ in context A, theory against simulation of $N = 4000$ neurons:
#
# | | uncorrelated cue | correlated cue |
# |---|---|---|
# | $\mathrm{Cov}(n_1, I_A) = \mathrm{Cov}(n_2, I_B)$, $\mathrm{Cov}(n_r, m_r)$ | 1, 0.5 | 1, 0.5 |
# | $\mathrm{Cov}(n_2, c_A) = \mathrm{Cov}(n_1, c_B)$ | 0 | 1.5 |
# | $\mathrm{Var}(m_r)$, $\mathrm{Var}(I)$, $\mathrm{Var}(c)$, $\mathrm{Cov}(w, m_r)$ | 1, 1, 1, 1 | 1, 1, 1, 1 |

# %%
def one_population_model(cue_cov=0.0):
    """One Gaussian population; cue_cov = Cov(n2, c_A) = Cov(n1, c_B)."""
    C = np.zeros((9, 9))
    C[[M1, M2, IA, IB, CA, CB], [M1, M2, IA, IB, CA, CB]] = 1.0  # unit variances
    C[N1, N1] = C[N2, N2] = 4.0  # Var n: large enough for a valid covariance
    C[W, W] = 3.0
    for a, b, v in [(N1, M1, 0.5), (N2, M2, 0.5), (N1, IA, 1.0), (N2, IB, 1.0),
                    (W, M1, 1.0), (W, M2, 1.0), (N2, CA, cue_cov), (N1, CB, cue_cov)]:
        C[a, b] = C[b, a] = v
    return mixture([1.0], C[None], rank=2, n_inputs=4)


def slopes(z, du):
    """(dz/du_A, dz/du_B) from readouts at (+du, 0), (-du, 0), (0, +du), (0, -du)."""
    z = z.reshape(-1, 4)
    return np.column_stack([z[:, 0] - z[:, 1], z[:, 2] - z[:, 3]]) / (2 * du)


du, gammas = 0.2, np.array([0.0, 1.0, 2.0, 3.0])
U = np.concatenate([inputs_for([du, -du, 0, 0], [0, 0, du, -du], g, "A")
                    for g in gammas])
one_pop = {c: one_population_model(c) for c in (0.0, 1.5)}

# %%
rng = np.random.default_rng([SEED, 2])
N_one = 4000
# a slope is a difference of two sample means over 2du; c = 1.4 is the rms of the
# largest of the 8 slope errors, measured over 20 networks at N = 4000
TOL_SLOPE = 3 * 1.4 / np.sqrt(N_one)
s_sim, s_th, k_rest = {}, {}, {}
for c, mod in one_pop.items():
    theory = mod.solve(U)
    assert theory.converged.all() and theory.stable.all()
    s_th[c] = slopes(theory.readout, du)
    s_sim[c] = slopes(network_readout(mod.sample(N_one, rng), U), du)
    k_rest[c] = mod.solve(inputs_for(0.0, 0.0, 1.0, "A")).k
    assert np.abs(s_sim[c] - s_th[c]).max() < TOL_SLOPE, (s_sim[c], s_th[c])

# %%
# uncorrelated cue: no selection in the network (equal slopes within the finite-N error)
assert np.abs(s_sim[0.0][:, 0] - s_sim[0.0][:, 1]).max() < TOL_SLOPE
# correlated cue at γ = 1: pathway B falls about twice as much as pathway A
assert s_sim[1.5][1, 0] > 1.5 * s_sim[1.5][1, 1], s_sim[1.5]
print("slopes dz/du_A, dz/du_B in context A, network / theory")
print("cue γ | uncorrelated cue              | correlated cue")
for i, g in enumerate(gammas):
    a, b = s_sim[0.0][i], s_sim[1.5][i]
    ta, tb = s_th[0.0][i], s_th[1.5][i]
    print(f"  {g:.0f}   | {a[0]:.3f}/{ta[0]:.3f}, {a[1]:.3f}/{ta[1]:.3f}"
          f"   | {b[0]:.3f}/{tb[0]:.3f}, {b[1]:.3f}/{tb[1]:.3f}")
print(f"state at rest in context A (γ = 1): k = {k_rest[0.0].round(3)} (uncorrelated),")
print(f"{k_rest[1.5].round(3)} (correlated)")

# %% [markdown]
# With the uncorrelated cue, context A weakens the *wrong* pathway exactly as much as the
# right one: the network stays at $k = 0$, only the common gain falls, and the two slopes stay
# equal for every $\gamma$. The correlated cue moves the state to $k_B \approx 0.96$ and at
# $\gamma = 1$ the slope of pathway B is less than half that of pathway A (ratio ≈ 2.2): a
# graded selection in one Gaussian population, but a modest one, and obtained by moving the
# latent state, not by a gain of its own. (At larger $\gamma$ both pathways saturate.) The
# network matches the theory within the finite-size error of the slopes, a few $1/\sqrt N$.
# To switch a pathway off by its **gain**, the cue must reach **different neurons** than
# those that carry the other pathway: the distribution of the entries must be a *mixture*.
#
# ### Exercise 2: how much does a cue lower the gain?
# **3 points** (2 autograded, 1 written) · difficulty 1/3 · about 10 min
#
# A population whose field has mean 0 and variance $\Delta$ receives a cue of amplitude
# $\gamma$. Write `cue_gains(gamma, delta, cue_var)` returning the pair
# `(gain_tonic, gain_variance)`: the population gain $[\phi'](\mu, \Delta)$ when the cue is
# **tonic** (the same input $\gamma$ to every neuron of the population: it shifts the mean
# $\mu$) and when it arrives along a zero-mean Gaussian vector of variance `cue_var` (it
# adds variance). Use `gauss_avg(dphi, mu, delta)` $= [\phi'](\mu, \Delta)$; the checker
# tries values of its own. Then compare both at $\Delta = 0.5$, $\gamma = 2$,
# `cue_var` $= 1$: which one silences a population more efficiently, and why (think of
# where the neurons' fields sit on the $\tanh$)?
# %% tags=["raises-exception"]
def cue_gains(gamma, delta, cue_var):
    """(gain_tonic, gain_variance): [φ'] under a tonic cue and under a variance cue."""
    return ...


checks.exercise_2(cue_gains)

# %% [markdown] tags=["answer"]
# *Your answer:* (which cue silences more efficiently, and why?)

# %% tags=["solution"]
def cue_gains(gamma, delta, cue_var):
    """(gain_tonic, gain_variance): [φ'] under a tonic cue and under a variance cue."""
    gain_tonic = float(gauss_avg(dphi, gamma, delta))  # the mean moves to γ
    gain_variance = float(gauss_avg(dphi, 0.0, delta + gamma**2 * cue_var))
    return gain_tonic, gain_variance


checks.exercise_2(cue_gains)
gain_tonic, gain_variance = cue_gains(2.0, 0.5, 1.0)
no_cue = float(gauss_avg(dphi, 0.0, 0.5))
print(f"tonic: {gain_tonic:.3f}, variance: {gain_variance:.3f} (no cue: {no_cue:.3f})")
# Model answer: the tonic cue. A tonic shift pushes every neuron into saturation:
# φ'(γ) ≈ 4 e^{-2γ} falls exponentially. Added variance spreads the fields, but a
# fraction ∝ 1/√Δ of the neurons stays in the linear range: [φ'](0, Δ) ≈ 0.8/√Δ falls
# only like a power law.

# %% [markdown] tags=["deep-dive"]
# ## 4. Two populations: a gain for each pathway
#
# Split the neurons into two populations of equal size, $\alpha_1 = \alpha_2 = \tfrac12$.
# Inside each population the entries are again zero-mean jointly Gaussian, with their own
# covariances:
#
# | | population 1 | population 2 |
# |---|---|---|
# | pathway A: $\mathrm{Cov}(n_1, I_A)$, $\mathrm{Cov}(n_1, m_1)$ | 2.0, 1.0 | 0, 0 |
# | pathway B: $\mathrm{Cov}(n_2, I_B)$, $\mathrm{Cov}(n_2, m_2)$ | 0, 0 | 2.0, 1.0 |
# | cue of context A, $c_A$ | 0 | 1 (tonic) |
# | cue of context B, $c_B$ | 1 (tonic) | 0 |
# | $\mathrm{Var}(m_r)$, $\mathrm{Var}(I)$, $\mathrm{Cov}(w, m_r)$ | 1, 1, 1 | 1, 1, 1 |
#
# Over the whole network the overlaps are **the same as in the one-population network** of
# Section 3 ($n_1^TI_A/N = \tfrac12\cdot 2 = 1$, $n_1^Tm_1/N = 0.5$): no measurement of
# $n^Tm/N$ or $n^TI/N$ can tell the two networks apart. What differs is *where* the overlaps
# live. The cue of context A is a tonic drive to population 2 — which carries pathway B. Seen
# from the whole network, $c_A$ (1 on population 2, 0 on population 1) is uncorrelated with
# $m$ and $n$, like the first cue of Section 3, but all of its effect lands on the neurons of
# one pathway: a gain change confined to one pathway, which one Gaussian population cannot
# express.
#
# **Mean-field theory of a mixture.** With $g = 0$ the state is
# $x = m_1k_1 + m_2k_2 + \sum_k I_kv_k$ (after the input filter $\dot v = -v + u$). The average
# over neurons becomes $\sum_p\alpha_p\langle\cdot\rangle_p$, and Stein's lemma holds inside
# each population:
#
# $$\kappa_r = \sum_p \alpha_p\,[\phi'](\mu_p,\Delta_p)\,\mathrm{Cov}_p(n_r, x)
# = \big(\tilde\sigma k + \tilde\sigma_{nI}v\big)_r,\qquad
# \tilde\sigma = \sum_p\alpha_p[\phi']_p\,\sigma^p,\quad
# \tilde\sigma_{nI} = \sum_p\alpha_p[\phi']_p\,\sigma^p_{nI},$$
#
# with $\mu_p$ the tonic drive of population $p$ and $\Delta_p = \mathrm{Var}_p(x)$; then
# $\dot k = -k + \kappa$, and the readout is $z = \sum_p\alpha_p[\phi']_p\,\mathrm{Cov}_p(w, x)$.
# Each population now has **its own gain**, and the cue of context A lowers only $[\phi']_2$.
# This is exact for $g=0$ as $N\to\infty$ (both populations large);
# the methods of `lrnn_utils.models.Mixture` implement it (`model.gains`, `model.drive`,
# `model.solve`, ...), and `context_task_model()` builds exactly the table above.

# %%
model = context_task_model()  # the two-population network of the table (tonic cues)
gamma = 2.0  # cue strength
overall = model.overall_cov  # Σ_p α_p C^p: what is measured over all neurons
same, idx = one_pop[0.0].cov[0], [M1, M2, IA, IB]
assert np.allclose(overall[[N1, N2]][:, idx], same[[N1, N2]][:, idx])
gains = {ctx: model.gains(np.zeros(2), inputs_for(0.0, 0.0, gamma, ctx))
         for ctx in (None, "A", "B")}
for ctx, G in gains.items():
    print(f"context {ctx or '—'}: gains at rest [φ']_1 = {G[0]:.3f}, "
          f"[φ']_2 = {G[1]:.3f}")

# %% [markdown]
# In context A the gain of population 2 — the neurons that carry pathway B — falls to
# $\approx 0.07$, and with it pathway B's effective overlaps (Exercise 3 computes them),
# while pathway A is untouched (at rest). Now the full response curves: for each context,
# the readout as a function of $u_A$ (with $u_B = 0$) and of $u_B$ (with $u_A = 0$), theory
# against simulation of $N = 8000$ neurons.

# %%
rng = np.random.default_rng([SEED, 3])
vec = model.sample(8000, rng)  # exact covariances inside each population
u_grid = np.array([-1.0, -0.6, -0.3, -0.05, 0.05, 0.3, 0.6, 1.0])  # ±0.05: slope at 0
u_fine = np.linspace(-1.0, 1.0, 81)
conds = [(ctx, s) for ctx in ("A", "B") for s in ("A", "B")]


def cond_inputs(u, ctx, s, cue=gamma):
    """Inputs that vary stimulus s over u (the other one off) in context ctx."""
    return inputs_for(u if s == "A" else 0 * u, u if s == "B" else 0 * u, cue, ctx)


U = np.concatenate([cond_inputs(u_grid, ctx, s) for ctx, s in conds])
z_net = network_readout(vec, U).reshape(4, -1)
theory = model.solve(U)
assert theory.converged.all() and theory.stable.all()
z_mf = theory.readout.reshape(4, -1)
z_fine = {c: model.solve(cond_inputs(u_fine, *c)).readout for c in conds}

# %%
# z = wᵀφ/N is a sample mean: standard error at most sd(w)/√N = √3/√N = 0.019 (exact
# second moments remove the linear part); over 32 conditions we allow 2 s.e.
tol = 2 * np.sqrt(3) / np.sqrt(vec.w.size)
assert np.abs(z_net - z_mf).max() < tol, np.abs(z_net - z_mf).max()
# the switch in the network: small-signal slope of the relevant stimulus > 10 × other
slope = {c: (z[4] - z[3]) / 0.1 for c, z in zip(conds, z_net)}
assert slope["A", "A"] > 10 * abs(slope["A", "B"])
assert slope["B", "B"] > 10 * abs(slope["B", "A"])
print(f"max |z_network - z_theory| = {np.abs(z_net - z_mf).max():.4f} (tol {tol:.4f})")
for ctx in "AB":
    print(f"context {ctx}: slope at u = 0 for stimulus A {slope[ctx, 'A']:.3f}, "
          f"for stimulus B {slope[ctx, 'B']:.3f}")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.5), sharey=True)
for ax, ctx in zip(axes, "AB"):
    for s, c in [("A", "blue"), ("B", "orange")]:
        i = conds.index((ctx, s))
        ax.plot(u_fine, z_fine[ctx, s], color=COLORS[c], label=f"theory, vary $u_{s}$")
        ax.plot(u_grid, z_net[i], "o", color=COLORS[c], mec="k", mew=0.5, ms=6,
                label=f"network, vary $u_{s}$")
    ax.axhline(0, color=COLORS["grey"], lw=0.5)
    ax.set_xlabel("stimulus amplitude $u$")
    ax.set_title(f"context {ctx} (cue γ = {gamma:g})")
    ax.legend(fontsize=9, loc="upper left")
axes[0].set_ylabel(r"readout $z = w^T\phi(x)/N$")
fig.tight_layout()
savefig(fig, "07_context_switch")
plt.show()

# %% [markdown]
# The readout follows the relevant stimulus (a saturating curve: the growing field variance,
# from $m_1k_1$ and from the stimulus itself, lowers the gain) and nearly ignores the other
# one; the network points lie on the theory within a few $1/\sqrt N$. The slope ratio exceeds
# 10, against about 2 for the correlated cue in one population. Look closely at the
# irrelevant curve: it bends *up* at large $|u|$. The irrelevant input adds variance to the
# silenced population, which spreads some of its neurons back out of saturation — a tonic cue
# is beaten by a strong enough stimulus. The theory captures this too.
#
# ### Exercise 3: effective input overlaps of a mixture
# **3 points** (autograded) · difficulty 2/3 · about 15 min
#
# Write `effective_input_overlap(model, u)`: for any `Mixture` model at rest ($k = 0$)
# with constant inputs `u` (shape $(K,)$), it returns the $(R, K)$ matrix
# $\tilde\sigma_{nI} = \sum_p\alpha_p[\phi']_p\,\mathrm{Cov}_p(n_r, I_k)$. Use
# `model.gains(k, u)` (shape $(P,)$: the gain of each population), the population
# fractions `model.fractions` and the within-population covariances `model.n_input_cov`
# (shape $(P, R, K)$). The checker tries other models and inputs. Then print
# $\tilde\sigma_{n_1I_A}$ in context B ($\gamma = 2$, no stimulus) and
# $\tilde\sigma_{n_2I_B}$ in context A.
# %% tags=["raises-exception"]
def effective_input_overlap(model, u):
    """σ̃_nI (R, K) = Σ_p α_p [φ']_p Cov_p(n, I) of a Mixture at k = 0, inputs u."""
    return ...


checks.exercise_3(effective_input_overlap)

# %% tags=["solution"]
def effective_input_overlap(model, u):
    """σ̃_nI (R, K) = Σ_p α_p [φ']_p Cov_p(n, I) of a Mixture at k = 0, inputs u."""
    G = model.gains(np.zeros(model.rank), u)  # (P,)
    return np.einsum("p,prk->rk", model.fractions * G, model.n_input_cov)


checks.exercise_3(effective_input_overlap)
s_B = effective_input_overlap(model, inputs_for(0.0, 0.0, 2.0, "B"))
s_A = effective_input_overlap(model, inputs_for(0.0, 0.0, 2.0, "A"))
print(f"σ̃(n1, I_A) in context B = {s_B[0, 0]:.4f}, σ̃(n2, I_B) in context A = "
      f"{s_A[1, 1]:.4f} (without cue: 1.0)")

# %% [markdown]
# ### Exercise 4: predict the small-signal slope
# **3 points** (2 autograded, 1 written) · difficulty 2/3 · about 15 min
#
# Linearise the mean field around rest in context A: with population gains $G_1, G_2$,
# pathway A obeys $k_1 = \tfrac12G_1(\rho\,k_1 + s\,u_A)$, where $\rho = \mathrm{Cov}_1(n_1,
# m_1)$ and $s = \mathrm{Cov}_1(n_1, I_A)$ are the within-population covariances, and the
# readout is $z = \tfrac12(G_1+G_2)\,\beta\,(k_1+k_2)$ with $\beta = \mathrm{Cov}(w, m_r)$.
# Derive the slope $dz/du_A$ at $u_A = 0$ and write it as `slope_at_rest(G1, G2, rho, s,
# beta)` (the checker tries values of its own). Evaluate it for this network
# ($\rho = 1$, $s = 2$, $\beta = 1$, gains from `model.gains` in context A) and compare with
# `slope["A", "A"]` measured above between $u_A = \pm 0.05$. Why is the measured value
# slightly smaller?

# %% tags=["raises-exception"]
def slope_at_rest(G1, G2, rho, s, beta):
    """dz/du_A at rest from the linearised two-population mean field."""
    return ...


checks.exercise_4(slope_at_rest)

# %% [markdown] tags=["answer"]
# *Your answer:* (why is the measured slope slightly smaller?)

# %% tags=["solution"]
def slope_at_rest(G1, G2, rho, s, beta):
    """dz/du_A at rest from the linearised two-population mean field."""
    dk1 = 0.5 * G1 * s / (1 - 0.5 * G1 * rho)  # k1 = ½G1 s u / (1 - ½G1ρ)
    return 0.5 * (G1 + G2) * beta * dk1


checks.exercise_4(slope_at_rest)
G1, G2 = model.gains(np.zeros(2), inputs_for(0.0, 0.0, 2.0, "A"))
slope_pred = slope_at_rest(G1, G2, 1.0, 2.0, 1.0)
print(f"predicted {slope_pred:.3f}; measured between u = ±0.05: {slope['A', 'A']:.3f}")
# Model answer: slightly smaller because the secant over u = ±0.05 already feels the
# saturation (the stimulus and m1·k1 add variance to the field and lower the gain), and
# the network's slope carries a finite-size error of order 1/√N on top.

# %% [markdown] tags=["deep-dive"]
# ## 5. Trajectories in the kappa plane
#
# The two latent variables make the computation visible. We present all nine combinations of
# $u_A, u_B\in\{-0.6, 0, 0.6\}$ to the two-population network (the context cue is already on,
# the stimuli switch on at $t=0$) and plot the network's $\kappa = n^T\phi(x)/N$ against the
# mean-field prediction $\kappa(t) = \tilde\sigma\,k + \tilde\sigma_{nI}\,v$, with $k(t)$ from
# the latent ODE and the filtered stimulus $v(t) = u\,(1 - e^{-t})$. In context A the
# trajectories fan out along $\kappa_1$ — the position encodes $u_A$ whatever $u_B$ — and in
# context B along $\kappa_2$.

# %%
levels = np.array([-0.6, 0.0, 0.6])
uA_c, uB_c = [a.ravel() for a in np.meshgrid(levels, levels, indexing="ij")]
traj = {}
for ctx in "AB":
    U_ctx = inputs_for(uA_c, uB_c, gamma, ctx)  # (9, 4)
    cue_only = inputs_for(0 * uA_c, 0 * uB_c, gamma, ctx)
    res = simulate(cue_only @ vec.inputs.T, 25.0, 0.05, **vec.structure, method="heun",
                   inputs=U_ctx @ vec.inputs.T, record_every=5, record_x=False)

    def v_of_t(t, cue_only=cue_only, stim=U_ctx - cue_only):  # filtered steps
        return cue_only + stim * (1 - np.exp(-t))

    lat = model.integrate(np.zeros((9, 2)), 25.0, 0.05, v_of_t)
    v_l = np.stack([v_of_t(t) for t in lat.t[::5]], axis=1)
    traj[ctx] = (res.t, res.kappa, model.drive(lat.k[:, ::5], v_l))

# %%
for ctx in "AB":
    _, kappa_net, kappa_th = traj[ctx]
    # κ_r = n_rᵀφ/N is a sample mean: standard error at most sd(n_r)/√N = √7/√N = 0.03
    err = np.abs(kappa_net - kappa_th).max()
    assert err < np.sqrt(7) / np.sqrt(vec.w.size), err
    end = kappa_net[:, -1]
    relevant, other = (0, 1) if ctx == "A" else (1, 0)
    assert np.ptp(end[:, other]) < 0.25 * np.ptp(end[:, relevant])  # one axis only
    lo_, hi_ = end.min(axis=0), end.max(axis=0)
    print(f"context {ctx}: end points κ1 ∈ [{lo_[0]:+.2f}, {hi_[0]:+.2f}],"
          f" κ2 ∈ [{lo_[1]:+.2f}, {hi_[1]:+.2f}]")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 4.4), sharex=True, sharey=True)
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
            ax.annotate(f"({uA_c[i]:+.1f}, {uB_c[i]:+.1f})", k_net[i, -1], fontsize=9,
                        xytext=(4, 3) if rel else (4, -9), textcoords="offset points")
    ax.plot([], [], color=COLORS["grey"], lw=3, label="network")
    ax.plot([], [], "--", color="k", lw=0.8, label="mean-field theory")
    ax.set_aspect("equal")
    ax.set_xlabel(r"$\kappa_1$ (pathway A)")
    ax.set_title(f"context {ctx}: labels $(u_A, u_B)$")
    ax.legend(fontsize=9, loc="upper left")
axes[0].set_ylabel(r"$\kappa_2$ (pathway B)")
fig.tight_layout()
savefig(fig, "07_kappa_plane")
plt.show()


# %% [markdown]
# ### Explore: the context strength
#
# The slider sets the cue strength $\gamma$. At $\gamma = 0$ the two contexts are identical
# and $z$ follows $u_A+u_B$; as $\gamma$ grows the irrelevant pathway is switched off. The
# theory is cheap enough to redraw at once.

# %%
def context_demo(gamma=2.0):
    """Two-population theory: readout in both contexts and the gains, for cue γ."""
    u = np.linspace(-1, 1, 41)
    fig, axes = plt.subplots(1, 3, figsize=(8.5, 3.2),
                             gridspec_kw={"width_ratios": [1, 1, 0.8]})
    for ax, ctx in zip(axes[:2], "AB"):
        for s, c in [("A", "blue"), ("B", "orange")]:
            z = model.solve(cond_inputs(u, ctx, s, gamma)).readout
            ax.plot(u, z, color=COLORS[c], label=f"vary $u_{s}$")
        ax.axhline(0, color=COLORS["grey"], lw=0.5)
        ax.set(ylim=(-0.75, 0.75), xlabel="stimulus $u$", title=f"context {ctx}")
        ax.legend(fontsize=9, loc="upper left")
    axes[0].set_ylabel("readout $z$ (theory)")
    G = model.gains(np.zeros(2), inputs_for(0.0, 0.0, gamma, "A"))
    axes[2].bar([0, 1], G, color=[COLORS["blue"], COLORS["orange"]])
    axes[2].set_xticks([0, 1], ["pop. 1\n(path A)", "pop. 2\n(path B)"])
    axes[2].set(ylim=(0, 1.05), ylabel=r"gain $[\phi']$ at rest",
                title="gains in context A")
    fig.suptitle(rf"cue strength $\gamma$ = {gamma:.2f}", fontsize=11)
    fig.tight_layout()
    return fig


slider_demo(context_demo, gamma=(0.0, 3.0, 0.25), defaults=dict(gamma=2.0))

# %% [markdown] tags=["core"]
# ## 6. Three ways a cue can select a pathway
#
# All three networks implement context dependence with fixed weights, but they are different
# computations:
#
# | | bias in a bistable network (paper, Section 2) | correlated cue, one population (Section 3) | gain, two populations (Sections 4–5) |
# |---|---|---|---|
# | population structure | one Gaussian population | one Gaussian population | $\geq 2$ populations (a mixture) |
# | what the cue does | drives $\kappa$ towards/away from a threshold | moves $k_B$, which saturates pathway B | lowers $[\phi']$ of the other pathway's neurons |
# | cue vector | correlated with $m$ and $n$ | correlated with $n_B$ | uncorrelated with $m, n$ (tonic on a subpopulation) |
# | response | categorical (Go / No-Go), history dependent | graded, modest selection (ratio ≈ 2) | graded, strong selection (ratio > 10) |
# | theory | one-population mean field | one-population mean field | mixture mean field |
#
# For fixed points the static mean field is exact as $N\to\infty$ in all three, also with a
# random bulk $g > 0$; the latent dynamics we compared along whole trajectories is exact for
# $g = 0$. Trained low-rank networks that solve context-dependent tasks (Dubreuil et al. 2022)
# do use population structure: with one Gaussian population the gain factor is shared, and
# selection has to go through the latent state.

# %% [markdown]
# ## Summary
#
# - The paper's network (one Gaussian population, bistable) solves the context task with cues
#   correlated with $n$: they **bias** the latent state relative to the threshold between
#   No-Go and Go, so the response is categorical and depends on where the network starts.
# - Stein's lemma: $\kappa_r = \mathrm{Cov}(n_r, x)[\phi'](\mu,\Delta)$ for zero-mean vectors.
#   In one Gaussian population the **gain factor is common to all pathways**: a cue
#   uncorrelated with the vectors scales every pathway by the same factor, and a cue can act
#   selectively only by moving the latent state (a correlated cue gives a slope ratio ≈ 2).
# - With several populations each has its own gain:
#   $\tilde\sigma = \sum_p\alpha_p[\phi']_p\sigma^p$. A cue that reaches only the neurons
#   carrying pathway B (a tonic drive saturates them) switches B off and leaves A on — with
#   the *same overall overlaps* $n^Tm/N$, $n^TI/N$ as the one-population network.
# - The mixture mean field (exact for $g = 0$ as $N\to\infty$) predicts the readout versus
#   both stimuli in both contexts, and the trajectories in the $(\kappa_1,\kappa_2)$ plane, to
#   $O(1/\sqrt N)$.
#
# This is the last notebook of the series. Where next: trained low-rank networks and their
# population structure (Dubreuil et al. 2022; Beiran et al. 2021), and the chaotic regime
# with structure (notebook 04).
#
# ## References
#
# - F. Mastrogiuseppe and S. Ostojic (2018). Linking connectivity, dynamics, and computations
#   in low-rank recurrent neural networks. *Neuron* 99(3):609–623.
#   doi:10.1016/j.neuron.2018.07.003. Code: github.com/fmastrogiuseppe/LowRank
#   (5_CtxDiscriminationTask).
# - V. Mante, D. Sussillo, K. V. Shenoy and W. T. Newsome (2013). Context-dependent
#   computation by recurrent dynamics in prefrontal cortex. *Nature* 503:78–84.
# - M. Beiran, A. Dubreuil, A. Valente, F. Mastrogiuseppe and S. Ostojic (2021). Shaping
#   dynamics with multiple populations in low-rank recurrent networks. *Neural Computation*
#   33(6):1572–1615. (Mixture-of-Gaussians mean field.)
# - A. Dubreuil, A. Valente, M. Beiran, F. Mastrogiuseppe and S. Ostojic (2022). The role of
#   population structure in computations through neural dynamics. *Nature Neuroscience*
#   25:783–794.
# - E. Salinas (2004). Context-dependent selection of visuomotor maps. *BMC Neuroscience*
#   5:47. (Gain modulation as a mechanism for context-dependent routing.)
