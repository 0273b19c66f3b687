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
# # 02 — The rank-one RNN: n listens, m talks
#
# A rank-one connectivity $P = m n^T/N$ acts on the rates $\phi(x)$ in two steps: it first
# *reads out* one number, $\kappa = n^T\phi(x)/N$ (the network "listens" along $n$), and then
# *broadcasts* it along $m$ (the network "talks" along $m$). In this notebook we simulate the
# rank-one network
#
# $$\dot x = -x + J_0\,\phi(x) + m\,\kappa + I, \qquad \kappa = \frac{n^T\phi(x)}{N},\qquad \phi=\tanh,$$
#
# first without the random bulk ($g = 0$), where the whole $N$-dimensional dynamics reduces
# *exactly* (as $N\to\infty$) to a one-dimensional ODE for a latent variable, and then with it
# ($g>0$), where activity is "structure along $m$ plus a random part". We read fixed points and
# their stability off the one-dimensional map $F(\kappa)$, and end with FORCE learning
# (Sussillo & Abbott 2009), whose readout-and-feedback loop is exactly a rank-one term.
#
# **Learning goals**
# - Explain why $P\phi = m\,\kappa$: the roles of $n$ (selects what is read out), $m$ (where the
#   recurrent input points) and $I$ (external drive) as directions of activity space.
# - Show that for $g = 0$ activity collapses onto the line spanned by $m$ and that the latent
#   coordinate obeys $\dot\kappa = -\kappa + F(\kappa)$, exactly as $N\to\infty$.
# - Find the fixed points of a rank-one network and their stability from $F(\kappa) - \kappa$,
#   for both mechanisms of overlap (correlated fluctuations $\sigma_{mn}$, aligned means $M_mM_n$).
# - Decompose activity for $g>0$ into the structured part $m\kappa$ and the random part, and
#   predict their sizes from mean-field theory.
# - Recognise FORCE learning as training a rank-one loop $J = J_0 + u w^T$.
#
# **Estimated time:** 60–75 minutes (with exercises).
#
# **Prerequisites:** [01 — Rank of a matrix and the SVD](01_rank_and_svd.ipynb) (outer products
# $m n^T$, the outlier eigenvalue $n^Tm/N$).

# %% tags=["hide-input"]
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import brentq

from lrnn_utils import (
    dphi,
    gauss_avg,
    gaussian_vectors,
    low_rank_matrix,
    pca,
    phi,
    random_bulk,
    simulate,
)
from lrnn_utils.checks import nb02 as checks
from lrnn_utils.demos import slider_demo
from lrnn_utils.force import feedback_network, force_run, force_train
from lrnn_utils.models import RankOne
from lrnn_utils.plotting import COLORS, plot_kappa, savefig, use_style
from lrnn_utils.seeds import base_seed

use_style()
SEED = base_seed()  # 0 unless LRNN_SEED is set; each random cell makes its own rng


# %% tags=["hide-input"]
def zero_mean(overlap, g=0.0):
    """Rank-one model with m ~ N(0, 1), n = overlap·m + ν, ν ~ N(0, 1) independent."""
    return RankOne(g, m_var=1.0, n_var=1.0 + overlap**2, mn_cov=overlap)


def latent_euler(kappa0, t_max, dt, model):
    """Latent ODE dk/dt = -k + F(k) of `model`, Euler steps dt (as in `simulate`)."""
    k = np.array(kappa0, dtype=float)
    out = [k]
    for _ in range(int(round(t_max / dt))):
        k = k + dt * (-k + model.self_consistency(k))
        out.append(k)
    return np.arange(len(out)) * dt, np.array(out)


# %% [markdown] tags=["core"]
# ## 1. A rank-one matrix reads out one number and broadcasts it
#
# With $P_{ij} = m_i n_j/N$ the recurrent input from the structured part is
#
# $$\big(P\phi\big)_i = \sum_j \frac{m_i n_j}{N}\phi_j = m_i\,\underbrace{\frac{1}{N}\sum_j n_j\phi_j}_{\kappa}.$$
#
# Whatever the state $x$, the structured input is a multiple of the same vector $m$; only its
# amplitude $\kappa$ changes, and $\kappa$ is the projection of the rates on $n$. So:
#
# - $n$ is the **input-selection** direction: only the component of $\phi(x)$ along $n$ matters;
# - $m$ is the **output** direction: the recurrent input always points along $m$;
# - $I$, an external input vector, is a third special direction.
#
# The loop closes because the input along $m$ changes $x$, hence $\phi(x)$, hence what $n$ reads:
# the loop gain is set by how much $n$ "sees" of $m$, the **overlap** $n^Tm/N$. For vectors with
# i.i.d. Gaussian entries $n^Tm/N \to M_mM_n + \sigma_{mn}$: two different mechanisms, aligned
# means and correlated fluctuations. Until Exercise 3 we use zero-mean vectors,
# $m\sim\mathcal N(0,1)$ and $n = \rho\, m + \nu$ with independent $\nu\sim\mathcal N(0,1)$, so the
# overlap is $\sigma_{mn}=\rho$.
#
# (Symbols: [notation](../README.md#notation).) In code we never form the $N\times N$ matrix: `simulate` computes $\kappa$ ($O(N)$) and then
# $m\kappa$ ($O(N)$), instead of a dense product ($O(N^2)$). Both give the same numbers:

# %%
rng = np.random.default_rng([SEED, 1])
N = 300
vec = zero_mean(2.0).sample(N, rng)
m, n = vec.m[:, 0], vec.n[:, 0]
x = rng.standard_normal(N)  # any state
P = low_rank_matrix(m, n)  # dense m nᵀ/N, for this check only

kappa = n @ phi(x) / N
assert np.allclose(P @ phi(x), m * kappa, atol=1e-12), "P φ must equal m κ"
assert np.linalg.matrix_rank(P) == 1
print(f"overlap nᵀm/N = {n @ m / N:.3f};  κ = nᵀφ(x)/N = {kappa:.3f} (random state)")

# %% [markdown]
# ### Exercise 1: what the network hears
#
# **3 points** (2 autograded, 1 written) · difficulty 1/3 · about 10 min
#
# Write a function `heard(x, m, n)` that returns $\kappa = n^T\phi(x)/N$ for a state `x`,
# *without* forming the matrix $P$. The checker calls it on states of its own. Then think:
# which changes of the **rates** $\phi(x)$ leave the structured input $m\kappa$ unchanged?
# Is the same true of changes of $x$ orthogonal to $n$?

# %% tags=["raises-exception"]
def heard(x, m, n):
    """κ = nᵀφ(x)/N for a state x (N,)."""
    return ...


checks.exercise_1(heard)

# %% [markdown] tags=["answer"]
# *Your answer:*

# %% tags=["solution"]
def heard(x, m, n):
    """κ = nᵀφ(x)/N for a state x (N,)."""
    return n @ np.tanh(x) / x.size


checks.exercise_1(heard)
# Changes of the rates orthogonal to n are invisible to the structured input. A change
# of x orthogonal to n is not: φ is nonlinear, so it changes φ(x) along n too.

# %% [markdown] tags=["core"]
# ## 2. g = 0: activity collapses onto the line spanned by m
#
# Without the random bulk and without input, $\dot x = -x + m\,\kappa(t)$. Split the state into its
# coordinate along $m$ and the rest,
#
# $$x(t) = k(t)\, m + x_\perp(t), \qquad k = \frac{m^Tx}{m^Tm},\quad m^Tx_\perp = 0 .$$
#
# Projecting the equation gives, for **any** nonlinearity and any $N$,
#
# $$\dot k = -k + \kappa(t),\qquad \dot x_\perp = -x_\perp \;\Rightarrow\; x_\perp(t) = e^{-t}x_\perp(0).$$
#
# Everything orthogonal to $m$ simply decays: after a few $\tau$ the activity lives on the line
# spanned by $m$. (With forward Euler steps of size $dt$ the decay is
# $(1-dt)^{t/dt}$, i.e. $e^{-1.054\,t}$ for $dt = 0.1$; we check this exactly.)

# %%
rng = np.random.default_rng([SEED, 2])
N0 = 1000
vec = zero_mean(2.0).sample(N0, rng)
m0, n0 = vec.m[:, 0], vec.n[:, 0]
x0 = rng.standard_normal((6, N0))  # six random initial states, far from the m line
dt = 0.1
res0 = simulate(x0, t_max=12.0, dt=dt, m=m0, n=n0, record_every=2)

k0 = res0.x @ m0 / (m0 @ m0)  # (B, T) coordinate along m
x_perp = res0.x - k0[..., None] * m0  # (B, T, N)
perp_norm = np.linalg.norm(x_perp, axis=-1) / np.linalg.norm(x_perp[:, :1], axis=-1)
steps = np.round(res0.t / dt)
# exact for the Euler scheme: x_perp shrinks by (1 - dt) per step, in every trial
assert np.allclose(perp_norm, (1 - dt) ** steps, rtol=1e-8), "x_perp: (1-dt)^steps"
e_perp = rng.standard_normal(N0)
e_perp -= (e_perp @ m0) / (m0 @ m0) * m0
e_perp /= np.linalg.norm(e_perp)  # a random unit vector orthogonal to m

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.6))
ax = axes[0]
for b in range(x0.shape[0]):
    ax.plot(k0[b], res0.x[b] @ e_perp, color=f"C{b % 6}", lw=1.3)
    ax.plot(k0[b, 0], res0.x[b, 0] @ e_perp, "o", color=f"C{b % 6}", ms=4)
ax.axhline(0, color=COLORS["grey"], lw=0.8)
ax.set_xlabel(r"coordinate along $m$:  $k = m^Tx/m^Tm$")
ax.set_ylabel(r"coordinate along a random $e \perp m$")
ax.set_title("trajectories converge to the $m$ axis")
ax = axes[1]
ax.semilogy(res0.t, perp_norm.T, color=COLORS["blue"], alpha=0.5)
ax.semilogy(res0.t, np.exp(-res0.t), "k--", label=r"$e^{-t}$ (continuous time)")
ax.semilogy(res0.t, (1 - dt) ** steps, ":", color=COLORS["sim"],
            label=r"$(1-dt)^{t/dt}$ (Euler)")
ax.set_xlabel(r"time ($\tau$)")
ax.set_ylabel(r"$\|x_\perp(t)\| / \|x_\perp(0)\|$")
ax.set_title("the part orthogonal to $m$ decays")
ax.legend()
fig.tight_layout()
savefig(fig, "02_collapse_onto_m")

# %% [markdown]
# *Left:* six trajectories projected on the $m$ axis and on a random direction orthogonal to
# $m$: they fall onto the $m$ axis and then move along it to $\pm k^*$. *Right:* the norm of the
# orthogonal part decays exactly geometrically (blue lines, all six trials on top of each other).
#
# ### The third direction: a constant input along I
#
# Add a constant input $I$, here a random vector independent of $m$ and $n$ (entries of
# variance $\Sigma_I^2 = 0.5$). With $y = x - I$ the equation becomes $\dot y = -y + m\,\kappa$, the
# equation above: $y$ collapses onto the $m$ line, so the activity settles on the line
# $x = I + k\,m$, shifted by the **fixed offset** $I$. The network now hears
# $\kappa = \langle n\,\phi(I + m k)\rangle$: the input adds the variance $\Sigma_I^2$ to the field
# and lowers the gain, $F(k) = \sigma_{mn}k\,[\phi'](0, k^2 + \Sigma_I^2)$, so $k^*$ shrinks. The
# collapse is exact for the Euler scheme; $k^*$ agrees with the theory up to finite-size
# errors of sd $0.9/\sqrt N$ (measured over 20 networks), of which we allow 4.

# %%
rng = np.random.default_rng([SEED, 3])
N_in = 2000
model_in = zero_mean(2.0).with_(input_var=0.5)  # I independent of m and n
v_in = model_in.sample(N_in, rng)
m_in, n_in, I_in = v_in.m[:, 0], v_in.n[:, 0], v_in.I
x0_in = np.outer([1.5, -1.5], m_in) + rng.standard_normal((2, N_in))
res_in = simulate(x0_in, 30.0, dt, m=m_in, n=n_in, inputs=I_in, record_every=2)
y_in = res_in.x - I_in  # the activity minus the fixed offset along I
k_in = y_in @ m_in / (m_in @ m_in)  # (B, T) coordinate along m
off_m = np.linalg.norm(y_in - k_in[..., None] * m_in, axis=-1)
steps_in = np.round(res_in.t / dt)
assert np.allclose(off_m / off_m[:, :1], (1 - dt) ** steps_in, rtol=1e-8)
sol_in = model_in.solve(kappa0=1.0)
assert np.allclose(np.abs(k_in[:, -1]), sol_in.kappa, atol=4 * 0.9 / np.sqrt(N_in))
k_no_input = zero_mean(2.0).solve(kappa0=1.0).kappa
print(f"k* with input: theory {sol_in.kappa:.3f}, network {np.round(k_in[:, -1], 3)}; "
      f"without input {k_no_input:.3f}")

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(5.5, 3.8))
e_I = I_in / np.linalg.norm(I_in)
for b in range(2):
    ax.plot(k_in[b], res_in.x[b] @ e_I, color=f"C{b}", lw=1.3)
    ax.plot(k_in[b, 0], res_in.x[b, 0] @ e_I, "o", color=f"C{b}", ms=4)
ax.axhline(np.linalg.norm(I_in), color=COLORS["theory"], ls="--", lw=1,
           label=r"offset $\|I\|$ along $I$")
ax.axvline(sol_in.kappa, color=COLORS["grey"], ls=":", lw=1)
ax.axvline(-sol_in.kappa, color=COLORS["grey"], ls=":", lw=1, label=r"theory $\pm k^*$")
ax.set_xlabel(r"coordinate along $m$:  $k = m^T(x - I)/m^Tm$")
ax.set_ylabel(r"coordinate along $I/\|I\|$")
ax.set_title("an input along $I$ shifts the $m$ line")
ax.legend(fontsize=9)
fig.tight_layout()
savefig(fig, "02_input_offset")

# %% [markdown]
# The two trajectories end on the line $I + k\,m$ (dashed: its height along $I$), at
# $\pm k^*$, smaller than without input: the offset along $I$ pushes neurons into
# saturation and lowers the gain. Input, output and selection are three separate
# directions; notebook 05 lets the input move $\kappa$ by giving it an overlap with $n$.

# %% [markdown] tags=["core"]
# ## 3. The latent dynamics: one ODE instead of N
#
# Once $x = k\,m$, the network hears
# $\kappa = \frac1N\sum_j n_j\,\phi(m_j k)$. For large $N$ this sum is a population average over the
# joint distribution of $(m_j, n_j)$:
#
# $$\kappa \;\to\; F(k) = \big\langle n\,\phi(m\,k)\big\rangle
#   = M_n[\phi](M_mk, \Sigma_m^2k^2) + \sigma_{mn}\,k\,[\phi'](M_mk,\Sigma_m^2k^2),$$
#
# by Stein's lemma ($[f](\mu,\Delta)$ is the average of $f$ over $\mathcal N(\mu,\Delta)$): the first term
# is the **mean-overlap** mechanism, the second the **correlated-fluctuations** mechanism. For
# our zero-mean vectors only the second survives, $F(k) = \rho\,k\,[\phi'](0,k^2)$. Hence the
# **latent dynamics**
#
# $$\dot k = -k + F(k),$$
#
# exact for $g = 0$ as $N\to\infty$ (after the $e^{-t}$ transient of $x_\perp$). `lrnn_utils` computes
# $F$ as `model.self_consistency(k)` of a `RankOne` model (the same method gives the $g>0$ map of
# Section 5).
#
# > **About the name $\kappa$.** The lecture writes $\kappa = n^T\phi/N$ for the quantity the
# > network hears, and also for the coordinate of $x$ along $m$. They are not the same variable
# > during a transient: the coordinate $k$ is a low-pass-filtered copy of what is heard,
# > $\dot k = -k + \kappa$. They coincide at fixed points ($k^* = \kappa^* = F(k^*)$), which is
# > why the stationary theory can use one symbol. Here we keep $k$ for the coordinate.
#
# First, $F$ from the library against its closed form and against the finite sum at large $N$
# (a population average of $N$ terms: its error is of order $1/\sqrt N$, measured below):

# %%
overlap = 2.0
k_grid = np.linspace(-3, 3, 61)
F_lib = zero_mean(overlap).self_consistency(k_grid)
F_closed = overlap * k_grid * gauss_avg(dphi, 0.0, k_grid**2)
assert np.allclose(F_lib, F_closed, atol=1e-12)

rng = np.random.default_rng([SEED, 4])
N_big = 20_000
vec = zero_mean(overlap).sample(N_big, rng)
m_big, n_big = vec.m[:, 0], vec.n[:, 0]
F_sample = (n_big[None, :] * phi(np.outer(k_grid, m_big))).mean(axis=1)  # (K,)
# with exact moments of m, n the largest deviation over the grid is ≈ 0.6/√N (at most
# 1.3/√N over 12 networks); we allow 2.5/√N
TOL_F = 2.5 / np.sqrt(N_big)
assert np.abs(F_sample - F_lib).max() < TOL_F, "finite-N F must match ⟨nφ(mk)⟩"
print(f"max |F_N − F| = {np.abs(F_sample - F_lib).max():.1e} (tolerance {TOL_F:.1e})")

# %% [markdown]
# Now the network itself. We start it *on* the $m$ line, $x(0) = k_0\,m$, so that $x_\perp \equiv 0$ and
# the latent ODE should hold at every time. Network and ODE use the same Euler step, so the
# comparison isolates the finite-$N$ error (the error of the Euler step itself, $\approx 3\,\%$
# for $dt = 0.1$, is the same for both). The difference between $\frac1N\sum_j n_j\phi(m_jk)$ and
# $F(k)$ is a sampling error of size $\lesssim \Sigma_n/\sqrt N$; along a trajectory it is
# filtered by the stable dynamics and amplified at most by $1/(1 - F'(k^*)) \approx 1.4$ near the
# fixed points. Measured over 12 networks, the largest deviation along the six trajectories
# is at most $1.0/\sqrt N$; we allow $2/\sqrt N$.

# %%
rng = np.random.default_rng([SEED, 5])
N_lat = 20_000
vec = zero_mean(overlap).sample(N_lat, rng)
m_lat, n_lat = vec.m[:, 0], vec.n[:, 0]
k_init = np.array([-2.5, -0.6, 0.05, 0.4, 1.2, 3.0])
res_lat = simulate(k_init[:, None] * m_lat, t_max=15.0, dt=dt, m=m_lat, n=n_lat,
                   record_every=5)
k_net = res_lat.x @ m_lat / (m_lat @ m_lat)  # (B, T)
t_ode, k_ode = latent_euler(k_init, 15.0, dt, zero_mean(overlap))
k_ode = k_ode[::5].T  # same recording times as the network

err_lat = np.abs(k_net - k_ode).max()
TOL_LAT = 2.0 / np.sqrt(N_lat)  # measured: at most 1.0/√N over 12 networks
assert err_lat < TOL_LAT, f"network vs latent ODE: {err_lat:.3g}"
print(f"max |k_network − k_ODE| = {err_lat:.4f}  (tolerance 2/√N = {TOL_LAT:.4f})")

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(6.5, 3.8))
for b in range(len(k_init)):
    ax.plot(res_lat.t, k_net[b], "o", ms=3.5, color=COLORS["sim"],
            label=f"network, N = {N_lat}" if b == 0 else None)
    ax.plot(res_lat.t, k_ode[b], color=COLORS["theory"], lw=1.2,
            label=r"latent ODE $\dot k = -k + F(k)$" if b == 0 else None)
ax.set_xlabel(r"time ($\tau$)")
ax.set_ylabel(r"latent coordinate $k(t)$")
ax.set_title(r"$g = 0$, overlap $\sigma_{mn} = 2$: $N$ neurons, one variable")
ax.legend(loc="center right")
fig.tight_layout()
savefig(fig, "02_latent_dynamics")

# %% [markdown] tags=["core"]
# ## 4. Fixed points and their stability from F(k) - k
#
# The fixed points are the intersections of $F(k)$ with the diagonal; the sign of $F(k) - k$ is the
# direction of the flow, so a fixed point is **stable when $F'(k^*) < 1$** (the flow crosses from
# up to down). For zero-mean vectors:
#
# - $k = 0$ is always a fixed point, with slope $F'(0) = \sigma_{mn}[\phi'](0,0) = \sigma_{mn}$: stable iff the
#   overlap is below 1 (the outlier eigenvalue $n^Tm/N$ of notebook 01 crosses 1);
# - for $\sigma_{mn} > 1$ a symmetric pair $\pm k^*$ appears (a pitchfork), where the population gain
#   equals the inverse overlap: $[\phi'](0, \Sigma_m^2 k^{*2}) = 1/\sigma_{mn}$. Saturation of $\tanh$ lowers the
#   gain as $|k|$ grows, which is what stops the growth.
#
# `model.solutions()` finds all fixed points and flags their stability; below we draw $F$ for
# three overlaps and, for a range of overlaps, the fixed points reached by the network from
# $\pm$ initial conditions (pure rank-one network, $N = 5000$: sampling errors
# $\sim 1/\sqrt N = 0.014$, and near $\sigma_{mn} = 1$ the approach is slow — critical slowing down —
# so we simulate long enough there).

# %%
overlaps_F = [0.6, 1.5, 2.5]
fixed = {ov: zero_mean(ov).solutions() for ov in overlaps_F}
for ov, sols in fixed.items():
    print(f"overlap {ov}:")
    for s in sols:
        print(f"  k* = {s.kappa:+.3f} ({'stable' if s.stable else 'unstable'}, "
              f"F' = {s.outlier_slope:.2f})")

# %%
# stability seen in the network: started 0.1 away on either side, it returns to a stable
# fixed point and leaves an unstable one (N = 5000, finite-N shift of k* ≈ 1/√N = 0.014)
rng = np.random.default_rng([SEED, 6])
mv_st = gaussian_vectors(5000, [0, 0], np.eye(2), rng, exact=True)
for ov, sols in fixed.items():
    m_s, n_s = mv_st[:, 0], ov * mv_st[:, 0] + mv_st[:, 1]
    k_start = np.array([s.kappa + d for s in sols for d in (-0.1, 0.1)])
    r = simulate(np.outer(k_start, m_s), 60.0, dt, m=m_s, n=n_s, record_x=False,
                 record_every=600)
    back = np.abs(r.kappa[:, -1, 0] - np.repeat([s.kappa for s in sols], 2)) < 0.05
    for i, s in enumerate(sols):
        assert np.all(back[2 * i:2 * i + 2] == s.stable), (ov, s.kappa, s.stable)

# %%
# bifurcation diagram. Theory, parametrised by k*: the gain condition
# [φ'](0, k*²) = 1/σ_mn gives the overlap at which ±k* is a fixed point (smooth
# even right at the pitchfork)
k_branch = np.linspace(0.0, 2.3, 200)
ov_branch = 1.0 / gauss_avg(dphi, 0.0, k_branch**2)
rng = np.random.default_rng([SEED, 7])
N_bif = 5000
mv_bif = gaussian_vectors(N_bif, [0, 0], np.eye(2), rng, exact=True)  # m and ν, reused
ov_sim = np.array([0.5, 0.8, 1.3, 1.6, 2.0, 2.5, 3.0])
k_star_sim = []
for ov in ov_sim:
    m_b, n_b = mv_bif[:, 0], ov * mv_bif[:, 0] + mv_bif[:, 1]
    t_run = 120.0 if abs(ov - 1) < 0.35 else 40.0  # critical slowing down near 1
    r = simulate(np.outer([1.5, -1.5], m_b), t_run, dt, m=m_b, n=n_b, record_x=False,
                 record_every=int(t_run / dt))
    k_star_sim.append(r.kappa[:, -1, 0])
k_star_sim = np.array(k_star_sim)  # (overlaps, ±)
k_star_pred = np.array([zero_mean(ov).solutions()[-1].kappa for ov in ov_sim])
assert np.allclose(k_star_sim[:, 0], k_star_pred, atol=5 / np.sqrt(N_bif))
assert np.allclose(k_star_sim[:, 1], -k_star_pred, atol=5 / np.sqrt(N_bif))

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.8))
ax = axes[0]
for i, ov in enumerate(overlaps_F):
    F = zero_mean(ov).self_consistency(k_grid)
    ax.plot(k_grid, F, color=f"C{i}", label=rf"$F(k)$, $\sigma_{{mn}} = {ov}$")
    for s in fixed[ov]:
        ax.plot(s.kappa, s.kappa, "o", ms=7, color=f"C{i}",
                mfc=f"C{i}" if s.stable else "white", mew=1.5)
ax.plot(k_grid, k_grid, color=COLORS["grey"], lw=1, ls="--", label=r"diagonal $k$")
ax.set(xlim=(-3, 3), ylim=(-3, 3), xlabel=r"latent coordinate $k$", ylabel=r"$F(k)$",
       title="fixed points: filled stable, open unstable")
ax.legend(fontsize=9, loc="upper left")
ax = axes[1]
ax.plot(ov_branch, k_branch, color=COLORS["theory"], label="theory: stable")
ax.plot(ov_branch, -k_branch, color=COLORS["theory"])
ax.plot([0, 1], [0, 0], color=COLORS["theory"])
ax.plot([1, 3], [0, 0], "--", color=COLORS["theory"], lw=1, label="theory: unstable")
ax.plot(ov_sim, k_star_sim, "o", color=COLORS["sim"])
ax.plot([], [], "o", color=COLORS["sim"], label=f"network, N = {N_bif}")
ax.set(xlim=(0, 3.1), xlabel=r"overlap $\sigma_{mn} = n^Tm/N$",
       ylabel=r"fixed point $\kappa^*$", title="pitchfork at overlap 1 ($g = 0$)")
ax.legend(fontsize=9, loc="upper left")
fig.tight_layout()
savefig(fig, "02_fixed_points")

# %% [markdown]
# ### Exercise 2: predict, then check, the fixed point
#
# **4 points** (3 autograded, 1 written) · difficulty 2/3 · about 15 min
#
# For $g = 0$ and zero-mean vectors with $\Sigma_m = 1$ and overlap $\sigma_{mn} > 1$, the non-zero
# fixed point solves $[\phi'](0, k^{*2}) = 1/\sigma_{mn}$. Write a function `fixed_point(overlap)`
# that solves this equation for $k^* > 0$ with `scipy.optimize.brentq` and
# `gauss_avg(dphi, 0.0, delta)`, *without* calling `model.solutions()`; the checker calls
# it at overlaps of its choice. Then check your prediction for overlap 2 against a network of
# your own (pure rank one, $N = 10^4$, started on the $m$ line), and explain in one sentence
# why the network cannot end at $k = 0$ from a generic start.

# %% tags=["raises-exception"]
def fixed_point(overlap):
    """k* > 0 with [φ'](0, k*²) = 1/overlap."""
    return ...


checks.exercise_2(fixed_point)

# %% [markdown] tags=["answer"]
# *Your answer:*

# %% tags=["solution"]
def fixed_point(overlap):
    """k* > 0 with [φ'](0, k*²) = 1/overlap."""
    return brentq(lambda k: gauss_avg(dphi, 0.0, k**2) - 1 / overlap, 0.01, 10.0)


checks.exercise_2(fixed_point)
k_star = fixed_point(2.0)
rng = np.random.default_rng([SEED, 8])
vec = zero_mean(2.0).sample(10_000, rng)
m_e, n_e = vec.m[:, 0], vec.n[:, 0]
r_e = simulate(0.3 * m_e, 40.0, dt, m=m_e, n=n_e, record_x=False)
print(f"predicted k* = {k_star:.4f}, network κ(end) = {r_e.kappa[-1, 0]:.4f}")
assert abs(r_e.kappa[-1, 0] - k_star) < 2 / np.sqrt(10_000)  # as TOL_LAT above
# k = 0 is unstable (F'(0) = 2 > 1): any small component along m grows until saturation
# lowers the gain [φ'] to 1/2.

# %% [markdown]
# ### Exercise 3: the other mechanism — overlap from aligned means
#
# **4 points** (2 autograded, 2 written) · difficulty 2/3 · about 20 min
#
# Give $m$ and $n$ the same overlap 2, but from their **means**: $M_m = 1$, $M_n = 2$,
# $\Sigma_m^2 = \Sigma_n^2 = 1$, $\sigma_{mn} = 0$. For $g = 0$ the fixed points solve
# $F(k) - k = 0$ with $F(k) = M_n[\phi](M_mk, \Sigma_m^2k^2)$ (Section 3).
# 1. Write `mean_residual(k, m_mean, n_mean, m_var)` that returns $F(k) - k$ for this
#    mechanism, using `gauss_avg(phi, mu, delta)`. The checker calls it at parameters of
#    its own choosing.
# 2. Find the positive root with `brentq` for $M_m = 1$, $M_n = 2$, $\Sigma_m^2 = 1$ and
#    compare with a network ($N = 10^4$, started on the $m$ line).
# 3. Before computing: will $k^*$ be the same as in Exercise 2 (same overlap, same
#    $F'(0)$)? And what is the population-mean activity $\langle x_i\rangle$ at this fixed
#    point — why was it zero in the covariance case?

# %% tags=["raises-exception"]
def mean_residual(k, m_mean, n_mean, m_var):
    """F(k) - k for the aligned-means mechanism at g = 0 (σ_mn = 0)."""
    return ...


checks.exercise_3(mean_residual)

# %% [markdown] tags=["answer"]
# *Your answer:*

# %% tags=["solution"]
def mean_residual(k, m_mean, n_mean, m_var):
    """F(k) - k for the aligned-means mechanism at g = 0 (σ_mn = 0)."""
    return n_mean * gauss_avg(phi, m_mean * k, m_var * k**2) - k


checks.exercise_3(mean_residual)
k_star_mean = brentq(lambda k: mean_residual(k, 1.0, 2.0, 1.0), 0.05, 5.0)
rng = np.random.default_rng([SEED, 9])
model_mean = RankOne(0.0, m_mean=1.0, n_mean=2.0, m_var=1.0, n_var=1.0)
vec = model_mean.sample(10_000, rng)
r_mean = simulate(0.5 * vec.m[:, 0], 40.0, dt, **vec.structure)
print(f"k* (means) = {k_star_mean:.4f}, network {r_mean.kappa[-1, 0]:.4f}")
print(f"population-mean activity ⟨x⟩ = {r_mean.x[-1].mean():.3f}")
assert abs(r_mean.kappa[-1, 0] - k_star_mean) < 5 / np.sqrt(10_000)
# 1. No: both F have slope 2 at k = 0 (same overlap), but they bend differently.
#    Covariance: F = σ k [φ'](0, k²); means: F = M_n [φ](k, k²) (another saturation).
# 3. ⟨x_i⟩ = M_m k* ≠ 0: with aligned means the structured input has a non-zero
#    population mean; with zero-mean m it averages out across neurons.

# %% [markdown] tags=["core"]
# ## 5. g > 0: structure along m plus a random part
#
# Add the random bulk, $J_{0,ij}\sim\mathcal N(0, g^2/N)$. The orthogonal part no longer simply decays: it is
# driven by $J_0\phi(x)$. At a fixed point
#
# $$x^* = m\,\kappa^* + \xi, \qquad \xi = J_0\,\phi(x^*),$$
#
# and mean-field theory (notebook 04) says that across neurons $\xi_i$ behaves like an independent
# Gaussian variable of variance $g^2[\phi^2](0,\Delta_0)$, with $\Delta_0 = \Sigma_m^2\kappa^{*2} + g^2[\phi^2](0,\Delta_0)$ the
# total variance. For our zero-mean vectors there is a neat closed form: the fixed point still
# needs $[\phi'](0,\Delta_0) = 1/\sigma_{mn}$, which fixes $\Delta_0$ independently of $g$, and since
# $\phi'=1-\phi^2$, the random part has variance $g^2(1 - 1/\sigma_{mn})$ and
# $\kappa^{*2} = \Delta_0 - g^2(1-1/\sigma_{mn})$: the random part eats into the structured one.
#
# So the activity at the fixed point is a line of slope $\kappa^*$ in the plane $(m_i, x_i)$, blurred
# by a random part, and the fraction of $\|x^*\|^2$ along $m$ is $\Sigma_m^2\kappa^{*2}/\Delta_0$. Across the two
# attractors $\pm x^*$ (the network is odd-symmetric: $\phi$ is odd) the first principal component is
# $x^*$ itself, so its cosine with $m$ is $\sqrt{\Sigma_m^2\kappa^{*2}/\Delta_0}$. We check all of this at
# $g = 0.8$ on a network of $N = 1000$ neurons. Finite-$N$ deviations from the theory are
# $O(1/\sqrt N)$ (sampling of $m$, $n$ and $J_0$); over 24 independent networks their r.m.s. was
# $0.9/\sqrt N$ for $\kappa$, $1.3/\sqrt N$ for the projection $k$, $0.8/\sqrt N$ for the variance of the
# random part and $0.3/\sqrt N$ for the fraction along $m$ (hence about $0.2/\sqrt N$ for its
# square root, the cosine below), the same at $N = 250$ and $1000$. We allow four to six
# times these; the fraction itself is Exercise 4.

# %%
rng = np.random.default_rng([SEED, 10])
g = 0.8
N1 = 1000
vec = zero_mean(overlap).sample(N1, rng)
m1, n1 = vec.m[:, 0], vec.n[:, 0]
J0 = random_bulk(N1, g, rng)
z = rng.standard_normal((2, N1))
x0_g = np.concatenate([z, -z])  # pairs ±z: both attractors get visited
res_g = simulate(x0_g, t_max=35.0, dt=dt, J0=J0, m=m1, n=n1, record_every=5)

sol = zero_mean(overlap, g).solve(kappa0=1.0)
frac_theory = sol.kappa**2 / sol.delta0
x_end = res_g.x[:, -1]  # (B, N) final states
k_end = x_end @ m1 / (m1 @ m1)
xi = x_end - k_end[:, None] * m1  # the random part
pc = pca(res_g.x[:, -1:, :])  # PCA across the final states of the four trials
cos_pc1 = abs(pc.components[0] @ m1) / np.linalg.norm(m1)

# %%
sqN = np.sqrt(N1)  # tolerances: ~4 × the r.m.s. finite-N deviation over 24 networks
kappa_end = np.abs(res_g.kappa[:, -1, 0])
assert np.allclose(kappa_end, sol.kappa, atol=4 / sqN), "κ vs theory"
assert np.allclose(np.abs(k_end), sol.kappa, atol=5 / sqN), "projection on m"
var_xi = sol.delta0 - sol.kappa**2
assert np.allclose(xi.var(axis=1), var_xi, atol=3.5 / sqN), "random part"
assert abs(var_xi - g**2 * (1 - 1 / overlap)) < 1e-9  # closed form
assert abs(cos_pc1 - np.sqrt(frac_theory)) < 1.2 / sqN, "cos(PC1, m)"
print(f"κ*: theory {sol.kappa:.3f}, network {kappa_end.mean():.3f}")
print(f"variance of the random part: theory {var_xi:.3f}, "
      f"network {xi.var(axis=1).mean():.3f}")
print(f"cos(PC1, m): theory {np.sqrt(frac_theory):.3f}, network {cos_pc1:.3f}")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.6))
plot_kappa(res_g.t, res_g.kappa, ax=axes[0], theory=[sol.kappa, -sol.kappa])
axes[0].set_ylabel(r"$\kappa(t) = n^T\phi(x)/N$")
axes[0].set_title(rf"$g = {g}$: four trials, theory $\pm\kappa^*$")
ax = axes[1]
b = int(np.argmax(k_end))
ax.plot(m1, x_end[b], ".", ms=3, alpha=0.5, color=COLORS["blue"],
        label=r"neurons $(m_i, x_i^*)$")
mm = np.linspace(m1.min(), m1.max(), 2)
sd_xi = np.sqrt(var_xi)
ax.plot(mm, sol.kappa * mm, color=COLORS["theory"], label=r"$x = \kappa^* m$ (theory)")
ax.fill_between(mm, sol.kappa * mm - 2 * sd_xi, sol.kappa * mm + 2 * sd_xi,
                color=COLORS["grey"], alpha=0.2, label=r"$\pm 2\sqrt{g^2[\phi^2]}$")
ax.set_xlabel(r"$m_i$")
ax.set_ylabel(r"fixed point $x_i^*$")
ax.set_title("structure along $m$ + random part")
ax.legend(fontsize=9, loc="upper left")
fig.tight_layout()
savefig(fig, "02_structure_plus_random")

# %% [markdown]
# For larger $g$ the random part takes over: once the bulk radius $g\sqrt{[\phi'^2](0,\Delta_0)}$ of
# the linearised dynamics exceeds 1, the fixed point becomes unstable and the activity turns
# chaotic (with $\kappa$ either non-zero or zero). That is the subject of notebook 04.
#
# ### Exercise 4: how much of the activity is structure?
#
# **3 points** (2 autograded, 1 written) · difficulty 2/3 · about 15 min
#
# Write an estimator `structured_share(x, m)`: the fraction of the squared norm $\|x\|^2$ of a
# state `x` (N,) that lies along the direction of `m` (N,). The checker calls it on states
# of its own (with and without a population mean). Then use it on the fixed points of
# Section 5 ($g = 0.8$) and of a network with $g = 1.2$ (same $m$, $n$), and compare both with
# the mean-field prediction $\Sigma_m^2\kappa^{*2}/\Delta_0$ (`zero_mean(2.0, g).solve(kappa0=1.0)`).
# Is the share larger or smaller at $g = 1.2$ than at $g = 0.8$, and why?

# %% tags=["raises-exception"]
def structured_share(x, m):
    """Fraction of |x|² along the direction of m, for a state x (N,)."""
    return ...


checks.exercise_4(structured_share)

# %% [markdown] tags=["answer"]
# *Your answer:*

# %% tags=["solution"]
def structured_share(x, m):
    """Fraction of |x|² along the direction of m, for a state x (N,)."""
    return (x @ m) ** 2 / ((m @ m) * (x @ x))


checks.exercise_4(structured_share)
rng = np.random.default_rng([SEED, 11])
r12 = simulate(m1, 40.0, dt, J0=random_bulk(N1, 1.2, rng), m=m1, n=n1)
for g_ex, x_ex in ((0.8, x_end[0]), (1.2, r12.x[-1])):
    sol_ex = zero_mean(2.0, g_ex).solve(kappa0=1.0)
    share_th, share_net = sol_ex.kappa**2 / sol_ex.delta0, structured_share(x_ex, m1)
    print(f"g = {g_ex}: share along m, theory {share_th:.3f}, network {share_net:.3f}")
    # network-to-network sd of the share: ≤ 0.8/√N (30 networks at g = 1.2)
    assert abs(share_net - share_th) < 3.5 / np.sqrt(N1)
# Smaller at g = 1.2: Δ0 is fixed by the gain condition, the random part g²(1 - 1/σ)
# grows with g and κ*² = Δ0 - g²(1 - 1/σ) shrinks.

# %% [markdown] tags=["deep-dive"]
# ## 6. FORCE learning is a rank-one loop
#
# In FORCE learning (Sussillo & Abbott 2009) a chaotic random network ($g\approx1.5$) is given a
# linear readout $z = w^T\phi(x)$ which is **fed back** along a fixed random vector $u$:
#
# $$\dot x = -x + J_0\phi(x) + u\,z = -x + \big(J_0 + u\,w^T\big)\,\phi(x).$$
#
# This is our rank-one network with $m = u$, $n = N w$ and $\kappa = z$: the readout is what the
# network hears, the feedback is where it talks. Training changes only $w$, so the learned change
# of the connectivity, $\Delta J = u\,(w - w_0)^T$, has rank one — *by construction*, in contrast with
# the gradient-trained networks of notebook 00, where the low rank of $\Delta J$ is an emergent
# property.
#
# The readout is trained online by **recursive least squares** (RLS): every two steps, with
# $r = \phi(x)$, error before the update $e^- = w^Tr - f(t)$ and $P(0) = I/\alpha$,
#
# $$k = Pr,\quad c = \frac{1}{1 + r^Tk},\quad P \leftarrow P - c\,kk^T,\quad w \leftarrow w - c\,e^-\,k .$$
#
# $P$ is a running estimate of the inverse correlation matrix of the rates, and $w$ is at every
# moment the ridge-regression readout of all rates seen so far. The error is made small from
# the first updates on, so the fed-back $z$ stays close to the target: the feedback *clamps* the
# chaotic network onto the desired trajectory while $w$ converges. `lrnn_utils.force` implements
# it; we train $N = 400$ neurons to produce a sum of three sines of period $25\,\tau$.

# %%
N_f = 400
rng_f = np.random.default_rng([SEED, 12])
J0_f, u_f = feedback_network(N_f, g=1.5, rng=rng_f)  # u_i uniform in [-1, 1]
period = 25.0


def target(t):
    w = 2 * np.pi / period
    return (0.9 * np.sin(w * t) + 0.45 * np.sin(2 * w * t + 0.6)
            + 0.3 * np.sin(3 * w * t + 1.2))


x0_f = 0.5 * rng_f.standard_normal(N_f)
before = simulate(x0_f, 50.0, dt, J0=J0_f, record_x=np.arange(3))  # chaos, w = 0
# 600 τ of training: 250 τ leave about 1 network in 10 above 10 % test error (measured)
train = force_train(target, t_max=600.0, dt=dt, J0=J0_f, u=u_f, x0=x0_f, alpha=1.0,
                    learn_every=2)
test = force_run(train.x, t_max=100.0, dt=dt, J0=J0_f, u=u_f, w=train.w)
t_test = train.t[-1] + test.t
z_test, f_test = test.kappa[:, 0], target(t_test)
nrmse = np.sqrt(np.mean((z_test - f_test) ** 2)) / np.std(f_test)

# %%
delta_J = train.delta_J  # u (w - w0)ᵀ
sv_dJ = np.linalg.svd(delta_J, compute_uv=False)
sv_J0 = np.linalg.svd(J0_f, compute_uv=False)
dw = (train.w - train.w0)[:, 0]
assert nrmse < 0.1, f"the trained network must reproduce the target (NRMSE {nrmse:.3f})"
assert sv_dJ[1] < 1e-12 * sv_dJ[0], "the learned change must be exactly rank one"
assert np.isclose(sv_dJ[0], np.linalg.norm(u_f) * np.linalg.norm(dw), rtol=1e-10)
print(f"test NRMSE (frozen weights, 4 periods) = {nrmse:.3f}")
print(f"singular values of ΔJ: s1 = {sv_dJ[0]:.3f}, s2/s1 = {sv_dJ[1] / sv_dJ[0]:.1e}")
print(f"overlap of the trained loop nᵀm/N = wᵀu = {train.w[:, 0] @ u_f[:, 0]:.3f}")

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(8.5, 3.0))
ax.plot(before.t - before.t[-1], before.x * 0.5 - 3, lw=0.8, color=COLORS["grey"])
ax.plot(train.t, train.target[:, 0], color=COLORS["theory"], lw=1, label="target")
ax.plot(train.t, train.z[:, 0], color=COLORS["sim"], lw=1, alpha=0.8,
        label="readout $z$ (training)")
ax.plot(t_test, z_test, color=COLORS["blue"], lw=1.2, label="$z$ (test, $w$ frozen)")
ax.plot(t_test, f_test, color=COLORS["theory"], lw=1, ls="--")
for t_line in (0, train.t[-1]):
    ax.axvline(t_line, color=COLORS["grey"], lw=0.8)
ax.text(-48, 1.3, "chaos before\n(3 neurons, $x_i/2 - 3$)", fontsize=9)
ax.text(120, 1.5, "FORCE training", fontsize=9)
ax.text(train.t[-1] + 5, 1.5, "test", fontsize=9)
ax.set(ylim=(-4.8, 2.0), xlabel=r"time ($\tau$)", ylabel="output")
ax.legend(fontsize=9, loc="lower right", ncol=3)
fig.tight_layout()
savefig(fig, "02_force_rank_one")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 3, figsize=(8.5, 3.0))
upd = train.dw_norm[2::2]  # one value per update (learn_every = 2)
win = int(period / (2 * dt))  # running mean over one period of the target
smooth = np.convolve(upd, np.ones(win) / win, mode="valid")
axes[0].semilogy(train.t[2::2], upd, color=COLORS["sky"], lw=0.5, label="each update")
axes[0].semilogy(train.t[2::2][win - 1:], smooth, color=COLORS["blue"], lw=1.8,
                 label="mean over a period")
axes[0].set(xlabel=r"time ($\tau$)", ylabel=r"$\|\Delta w\|$ per update",
            title="the readout settles")
idx = np.arange(1, 21)
axes[1].semilogy(idx, sv_dJ[:20] / sv_dJ[0], "o", color=COLORS["sim"],
                 label=r"learned $\Delta J$")
axes[1].semilogy(idx, sv_J0[:20] / sv_J0[0], "s", ms=4, color=COLORS["blue"],
                 label=r"bulk $J_0$")
axes[1].set(xlabel="index", ylabel="singular value / largest", ylim=(1e-18, 3),
            title="ΔJ is rank one")
for ax in axes[:2]:
    ax.legend(fontsize=9)
axes[2].plot(t_test, z_test - f_test, color=COLORS["blue"], lw=1)
axes[2].set(xlabel=r"time ($\tau$)", ylabel=r"$z - f$ (test)",
            title=f"test NRMSE = {nrmse:.3f}")
fig.tight_layout()
savefig(fig, "02_force_learning")

# %% [markdown]
# Two remarks. (i) When Sussillo & Abbott train the recurrent weights themselves (their
# "architecture C"), every neuron's incoming weights receive the same RLS vector $P r$, scaled
# by the error and a per-neuron factor fixed in advance; every update then has the form
# $u\,(\ldots)^T$ with a fixed $u$, and the accumulated change $u\,(\sum\ldots)^T$ is again rank one. (ii) The trained loop is a rank-one network in
# the sense of this notebook, but its $n = Nw$ is not drawn independently of $J_0$: it is fitted
# to the rates the bulk produces, so the simple Gaussian mean-field theory of the lecture does
# not apply to it directly. Mastrogiuseppe & Ostojic (2019) extend it to such trained feedback
# loops, treating them as rank-one networks whose $n$ is correlated with the bulk.
#
# ### Exercise 5: the trained network *is* a rank-one network
#
# **3 points** (2 autograded, 1 written) · difficulty 1/3 · about 10 min
#
# Write `loop_vectors(u, w)` that returns vectors `(m, n)` with $m n^T/N = u\,w^T$ for a
# feedback vector `u` (N,) and a readout `w` (N,) (mind the $1/N$ convention of this
# notebook); the checker calls it on vectors of its own. Then build `m_f, n_f` from the
# trained loop (the first columns `u_f[:, 0]` and `train.w[:, 0]`) and check that
# `simulate(train.x, 100.0, dt, J0=J0_f, m=m_f, n=n_f)` reproduces the test readout, i.e.
# that its `kappa` equals `z_test`. Is the choice of $(m_f, n_f)$ unique?

# %% tags=["raises-exception"]
def loop_vectors(u, w):
    """(m, n) with m nᵀ/N = u wᵀ: where the loop talks, what it listens to."""
    return ...


checks.exercise_5(loop_vectors)

# %% [markdown] tags=["answer"]
# *Your answer:*

# %% tags=["solution"]
def loop_vectors(u, w):
    """(m, n) with m nᵀ/N = u wᵀ: where the loop talks, what it listens to."""
    return u, u.size * w


checks.exercise_5(loop_vectors)
m_f, n_f = loop_vectors(u_f[:, 0], train.w[:, 0])
r_f = simulate(train.x, 100.0, dt, J0=J0_f, m=m_f, n=n_f, record_x=False)
assert np.allclose(r_f.kappa[:, 0], z_test, atol=1e-9)
# Not unique: (c·m_f, n_f/c) gives the same matrix for any c ≠ 0 — only m nᵀ is defined.

# %% [markdown] tags=["deep-dive"]
# ## 7. Explore: the latent dynamics for any g and overlap
#
# Move the sliders. Left: $F(k)$ and the diagonal, fixed points from `model.solutions()`
# (filled: stable). Right: the latent coordinate $k(t) = m^Tx/m^Tm$ of a network ($N = 600$,
# started on the $m$ line at six values) and the latent ODE $\dot k = -k + F(k)$ (dashed). For
# $g = 0$ the ODE is exact; for $g>0$ we use $F$ with the stationary variance at each $k$ — an
# *adiabatic* approximation that gets the fixed points right (as $N\to\infty$) but not necessarily
# the speed of the transients. Things to try: overlap just above 1 (slow approach, small
# $k^*$); increase $g$ at overlap 2 and watch $k^*$ shrink as the random part grows; for large $g$
# the fixed points disappear into chaos (notebook 04).

# %% tags=["hide-input"]
N_demo = 600
rng_demo = np.random.default_rng([SEED, 13])
mv_demo = gaussian_vectors(N_demo, [0, 0], np.eye(2), rng_demo, exact=True)
chi_demo = random_bulk(N_demo, 1.0, rng_demo)  # scaled by g in the demo
k_demo0 = np.array([-2.0, -0.7, -0.1, 0.1, 0.7, 2.0])


def draw_map(ax, model):
    """F(k) of `model`, the diagonal and the fixed points (filled: stable)."""
    kk = np.linspace(-2.5, 2.5, 101)
    ax.plot(kk, model.self_consistency(kk), color=COLORS["blue"], label=r"$F(k)$")
    ax.plot(kk, kk, "--", color=COLORS["grey"], lw=1, label=r"$k$")
    for s in model.solutions():
        ax.plot(s.kappa, s.kappa, "o", ms=7, color=COLORS["blue"],
                mfc=COLORS["blue"] if s.stable else "white", mew=1.5)
    ax.set(xlabel=r"$k$", ylabel=r"$F(k)$", ylim=(-2.5, 2.5),
           title=rf"$g = {model.g:.2f}$, overlap $= {model.mn_cov:.2f}$")
    ax.legend(fontsize=9, loc="upper left")


# %% tags=["hide-input"]
def latent_demo(g=0.6, overlap=2.0):
    """Draw F(k) with its fixed points and network-vs-latent trajectories."""
    m_d, n_d = mv_demo[:, 0], overlap * mv_demo[:, 0] + mv_demo[:, 1]
    r = simulate(np.outer(k_demo0, m_d), 30.0, dt, J0=g * chi_demo if g > 0 else None,
                 m=m_d, n=n_d, record_every=5)
    k_d = r.x @ m_d / (m_d @ m_d)
    model = zero_mean(overlap, g)
    t_l, k_l = latent_euler(k_demo0, 30.0, dt, model)
    fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.6))
    draw_map(axes[0], model)
    ax = axes[1]
    ax.plot(r.t, k_d.T, color=COLORS["sim"], lw=1.5)
    ax.plot(t_l, k_l, "--", color=COLORS["theory"], lw=1)
    ax.plot([], [], color=COLORS["sim"], label="network")
    ax.plot([], [], "--", color=COLORS["theory"], label="latent ODE")
    ax.set(xlabel=r"time ($\tau$)", ylabel=r"$k(t)$", ylim=(-2.6, 2.6))
    ax.legend(fontsize=9, loc="upper right")
    fig.tight_layout()
    return fig


slider_demo(latent_demo, g=(0.0, 1.6, 0.2), overlap=(0.0, 3.0, 0.5),
            defaults=dict(g=0.6, overlap=2.0))

# %% [markdown] tags=["core"]
# ## Summary
#
# - A rank-one connectivity $m n^T/N$ turns the rates into one number, $\kappa = n^T\phi/N$ (listening
#   along $n$), and feeds it back along $m$ (talking along $m$).
# - For $g = 0$ everything orthogonal to $m$ decays as $e^{-t}$, and the coordinate $k$ along $m$
#   obeys $\dot k = -k + F(k)$ with $F(k) = \langle n\,\phi(mk)\rangle$ — exact as $N\to\infty$, checked here to
#   $O(1/\sqrt N)$. $F$ has two terms (Stein's lemma): aligned means $M_n[\phi]$ and correlated
#   fluctuations $\sigma_{mn}k[\phi']$; the same overlap gives different fixed points.
# - A constant input $I$ adds a fixed offset: the activity lives on the line $I + k\,m$, and
#   the input's variance lowers the gain. $m$, $n$ and $I$ are the three special directions.
# - Fixed points solve $F(k) = k$; they are stable where $F'(k^*) < 1$. With zero-mean vectors a
#   pitchfork at overlap 1 creates $\pm\kappa^*$ with $[\phi'](0,\Delta_0) = 1/\sigma_{mn}$.
# - For $g > 0$, activity is $m\kappa^*$ plus a random part of variance $g^2[\phi^2]$; the fraction along
#   $m$ is $\kappa^{*2}\Sigma_m^2/\Delta_0$, and the random part grows with $g$.
# - FORCE learning trains a readout $w$ fed back along $u$: a rank-one loop $J_0 + uw^T$, whose
#   learned change $u\Delta w^T$ is exactly rank one.
#
# **Next:** [03 — Variance scaling](03_variance_scaling.ipynb): why $O(1/N)$ structured weights
# matter as much as $O(1/\sqrt N)$ random ones — and when they don't.
#
# ## References
#
# - F. Mastrogiuseppe and S. Ostojic (2018). Linking connectivity, dynamics, and computations in
#   low-rank recurrent neural networks. *Neuron* 99(3):609–623. doi:10.1016/j.neuron.2018.07.003
# - D. Sussillo and L. F. Abbott (2009). Generating coherent patterns of activity from chaotic
#   neural networks. *Neuron* 63(4):544–557. doi:10.1016/j.neuron.2009.07.018
# - F. Mastrogiuseppe and S. Ostojic (2019). A geometrical analysis of global stability in
#   trained feedback networks. *Neural Computation* 31(6):1139–1182. (FORCE networks analysed
#   as rank-one networks.)
# - M. Beiran, A. Dubreuil, A. Valente, F. Mastrogiuseppe and S. Ostojic (2021). Shaping dynamics
#   with multiple populations in low-rank recurrent networks. *Neural Computation*
#   33(6):1572–1615. (Latent coordinates $\kappa_r = m_r^Tx/\|m_r\|^2$ and their dynamics.)
# - H. Sompolinsky, A. Crisanti and H.-J. Sommers (1988). Chaos in random neural networks.
#   *Physical Review Letters* 61(3):259–262.
