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
# # 05 — Inputs: driving κ, bistability and selective responses
#
# A rank-one network *listens* along $n$ and *talks* along $m$. This notebook feeds it an
# external input $I$ and follows what the mean-field theory of notebook 04 predicts. When $m$
# and $n$ do not overlap, an input that overlaps $n$ produces a response along $m$ — a
# direction the input does not contain. When they overlap strongly, the network is bistable
# and an input along $n$ switches it from one state to the other beyond a sharp threshold, the
# saddle–node of the mean-field equations: a **detector**. A readout aligned with $m$
# responds to inputs along $n$ and ignores inputs orthogonal to it: the Go/Nogo discrimination
# (paper, Fig. 3) and detection (Fig. 4) tasks. With trial-to-trial noise in the stimulus we
# obtain a psychometric curve and compare its threshold with the one the theory predicts.
#
# **Learning goals**
# - Extend the mean-field equations to an input: the input enters $\kappa$ through its overlap
#   $\sigma_{nI}$ with $n$, and everything through the variance it adds (lower gain $[\phi']$).
# - Predict $\kappa$ as a function of the input strength when $m\perp n$, and the linear
#   response (susceptibility) $\sigma_{nI}/(1-\sigma_{mn})$ below the pitchfork.
# - Find the bistable region and its saddle–node from the self-consistency map; check the
#   hysteresis loop in simulations.
# - Explain selectivity: which inputs move $\kappa$ (overlap with $n$) and which readouts see it
#   (overlap with $m$); build the Go/Nogo discrimination and a noisy detection task whose
#   threshold the theory predicts.
#
# **Estimated time:** 60–75 minutes (with exercises).
#
# **Prerequisites:** [04 — Dynamical mean-field theory for κ](04_mean_field_theory.ipynb)
# (the equations for $\kappa$, $\mu$, $\Delta_0$, the map $F(\kappa)$, stability). Symbols:
# [notation](../README.md#notation).

# %% tags=["hide-input"]
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import ndtr  # standard normal CDF Φ

from lrnn_utils import dphi, gauss_avg, gaussian_vectors, simulate
from lrnn_utils.checks import nb05 as checks
from lrnn_utils.demos import slider_demo
from lrnn_utils.models import PAPER_INPUT, input_task
from lrnn_utils.plotting import COLORS, plot_self_consistency, savefig, use_style
from lrnn_utils.seeds import base_seed

use_style()
SEED = base_seed()

# The network of the paper's detection task (Mastrogiuseppe & Ostojic 2018, Fig. 4):
# input_task(c, ρ) is its RankOne model for the input c·I (lrnn_utils.models)
G = PAPER_INPUT.g  # strength of the random bulk, 0.8
SIGMA_I = np.sqrt(PAPER_INPUT.input_var)  # s.d. of the entries of the input direction I
SIGMA_W = np.sqrt(PAPER_INPUT.w_var)  # ... and of the readout w (both 1.2)
DT = 0.1


# %% tags=["hide-input"]
def task_network(N, rho, rng):
    """A network: m = w + ρ y, n = I + ρ y, with I, w, y, I_perp independent.

    I is the input direction (it overlaps n), I_perp an input direction orthogonal to n,
    w the readout (it overlaps m). All vectors are sampled with exact empirical
    statistics, so the overlaps take their N → ∞ values; χ (entries N(0, 1/N), float32)
    gives J0 = G·χ. rng: a numpy Generator.
    """
    a = gaussian_vectors(N, np.zeros(4), np.eye(4), rng, exact=True)
    w, I, y, I_perp = SIGMA_W * a[:, 0], SIGMA_I * a[:, 1], a[:, 2], SIGMA_I * a[:, 3]
    chi = rng.standard_normal((N, N), dtype=np.float32) / np.float32(np.sqrt(N))
    return dict(chi=chi, m=w + rho * y, n=I + rho * y, I=I, I_perp=I_perp, w=w)


def low_state(net):
    """The κ < 0 stationary state of a bistable network without input (20 τ from
    -1.3 m)."""
    res = simulate(-1.3 * net["m"], 20.0, DT, J0=G * net["chi"], m=net["m"], n=net["n"],
                   record_every=200, dtype=np.float32)
    return res.x[-1].astype(float)


# %% [markdown] tags=["core"]
# ## 1. An input in the mean-field theory
#
# With an external input the field seen by neuron $i$ (notebook 04, step 2) gains a third,
# constant term: $\eta_i = \xi_i + m_i\kappa + I_i$. Repeating the derivation,
#
# $$\mu = M_m\kappa + M_I,\qquad
#   \Delta_0 = g^2[\phi^2](\mu,\Delta_0) + \underbrace{\Sigma_m^2\kappa^2 + 2\sigma_{mI}\kappa + \Sigma_I^2}_{\mathrm{Var}_i(m_i\kappa + I_i)},$$
#
# $$\kappa = M_n[\phi](\mu,\Delta_0) + \big(\sigma_{mn}\kappa + \sigma_{nI}\big)\,[\phi'](\mu,\Delta_0),$$
#
# because now $\mathrm{Cov}(n_i, x_i) = \sigma_{mn}\kappa + \sigma_{nI}$ (Stein's lemma again). The
# input enters in two ways:
#
# - **specifically**, through its overlap with $n$ ($\sigma_{nI}$; and $M_nM_I$ through $\mu$): only
#   the component of $I$ that $n$ "listens to" drives $\kappa$;
# - **unspecifically**, through the variance it adds to $\Delta_0$, which lowers the population
#   gain $[\phi']$ and so weakens every pathway — whatever the direction of $I$.
#
# A readout $z = \frac1N\sum_i w_i\phi(x_i)$ is, by the same lemma,
# $z = M_w[\phi] + (\sigma_{wm}\kappa + \sigma_{wI})[\phi']$ (`RankOne.readout`): it sees $\kappa$ if
# $w$ overlaps $m$.
#
# **Our vectors** follow the paper's detection task. With independent standard Gaussian vectors
# $a_w, a_I, y, a_\perp$: readout $w = \Sigma_w a_w$, input direction $I = \Sigma_I a_I$, and
#
# $$m = w + \rho\,y,\qquad n = I + \rho\,y .$$
#
# So $\sigma_{mn} = \rho^2$ (the shared direction $y$ is the only overlap), $\sigma_{nI} =
# \Sigma_I^2$, $\sigma_{wm} = \Sigma_w^2$, and $\sigma_{mI} = \sigma_{wI} = 0$; all means are 0 and
# $\Sigma_I = \Sigma_w = 1.2$, $g = 0.8$. An input of strength $c$ along $I$ has
# $\sigma_{nI} = c\,\Sigma_I^2$ and variance $c^2\Sigma_I^2$.

# %% [markdown] tags=["core"]
# ## 2. m orthogonal to n: the input drives a response along m
#
# Take $\rho = 0$: $m = w$ and $n = I$ share nothing, $\sigma_{mn}=0$. Without input the network
# is silent ($g<1$). With the input $c\,I$, which does not contain $m$ at all,
#
# $$\kappa = c\,\Sigma_I^2\,[\phi'](0,\Delta_0),\qquad \Delta_0 = g^2[\phi^2](0,\Delta_0) +
#   \Sigma_m^2\kappa^2 + c^2\Sigma_I^2,$$
#
# and the activity $x = m\kappa + cI + \xi$ has a component along $m$ created by the recurrent
# connectivity. For small $c$ the gain is 1 and $\kappa \approx c\,\Sigma_I^2$; for large $c$ the
# input's own variance lowers the gain and $\kappa$ saturates. Simulation: eight input strengths
# in one batch (rows of `inputs`), one network of $N=1000$, started from rest.

# %%
N_perp = 1000
net0 = task_network(N_perp, rho=0.0, rng=np.random.default_rng([SEED, 1]))
c_perp = np.array([0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0])
res0 = simulate(np.zeros((c_perp.size, N_perp)), 30.0, DT, J0=G * net0["chi"],
                m=net0["m"], n=net0["n"], inputs=c_perp[:, None] * net0["I"],
                record_every=50, dtype=np.float32)
x_end = res0.x[:, -1].astype(float)  # (8, N) final states
k_perp_sim = res0.kappa[:, -1, 0]
along_m = x_end @ net0["m"] / (net0["m"] @ net0["m"])  # coordinate of x along m
gain_sim = np.mean(dphi(x_end), axis=1)  # population gain ⟨φ'(x_i)⟩

# %%
c_grid = np.linspace(0, 3.2, 40)
sols_perp = [input_task(c, 0.0).solve() for c in c_grid]
k_perp_th = np.array([s.kappa for s in sols_perp])
gain_th = np.array([gauss_avg(dphi, s.mu, s.delta0) for s in sols_perp])
th_at = [input_task(c, 0.0).solve() for c in c_perp]
# exact vector statistics: κ scatters across networks with sd ≈ 1/√N (measured over
# networks at N = 1000); 4 sd. The coordinate along m is κ up to the O(1/√N)
# projection of the random part ξ on m.
tol = 4 / np.sqrt(N_perp)
assert np.allclose(k_perp_sim, [s.kappa for s in th_at], atol=tol)
assert np.allclose(along_m, k_perp_sim, atol=tol)
assert np.allclose(gain_sim, [gauss_avg(dphi, s.mu, s.delta0) for s in th_at], atol=tol)
print("c       :", c_perp)
print("κ sim   :", np.round(k_perp_sim, 3))
print("κ theory:", np.round([s.kappa for s in th_at], 3))

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.5))
ax = axes[0]
ax.plot(c_grid, k_perp_th, color=COLORS["theory"], label="theory")
ax.plot(c_grid, c_grid * SIGMA_I**2, color=COLORS["grey"], ls="--", lw=1,
        label=r"linear $c\,\Sigma_I^2$")
ax.plot(c_perp, k_perp_sim, "o", color=COLORS["sim"], label=f"simulation N = {N_perp}")
ax.plot(c_perp, along_m, "x", color=COLORS["blue"], ms=7, label=r"$x$ along $m$")
ax.set(ylim=(-0.05, 1.0), xlabel=r"input strength $c$ (input $c\,I$)",
       ylabel=r"$\kappa$", title=r"(a) $m\perp n$: the input drives $\kappa$")
ax.legend(fontsize=9)
ax = axes[1]
ax.plot(c_grid, gain_th, color=COLORS["theory"], label=r"$[\phi'](\mu,\Delta_0)$")
ax.plot(c_perp, gain_sim, "o", color=COLORS["sim"],
        label=r"simulation $\langle\phi'(x_i)\rangle$")
ax.set(xlabel=r"input strength $c$", ylabel="population gain",
       title="(b) the input's variance lowers the gain")
ax.legend(fontsize=9)
fig.tight_layout()
savefig(fig, "05_input_drives_kappa")
plt.show()

# %% [markdown]
# The component of the activity along $m$ (crosses) equals $\kappa$: the network turns an input
# along $n$ into an output along $m$. The saturation is the *unspecific* effect: the input adds
# variance $c^2\Sigma_I^2$, the population gain falls (b), and with it the transmission from
# $n$ to $m$.
#
# This is the paper's **Go/Nogo discrimination** (Mastrogiuseppe & Ostojic 2018, Fig. 3; its
# code takes $m = w$, $n = I_A$ and $g = 0.1$): the "Go" stimulus $I_A$ is the direction $n$
# listens to and drives the readout $w = m$; a "Nogo" stimulus $I_B$ orthogonal to $n$ drives
# nothing along $m$. The response is graded, and it decays when the stimulus ends.
#
# ### Exercise 1: κ for a given input, by hand
# **3 points** (2 autograded, 1 written) · difficulty 2/3 · about 15 min
#
# Take $g = 0$ (no bulk) and $\rho = 0$, and the input $c\,I$. Then
# $\Delta_0 = \Sigma_m^2\kappa^2 + c^2\Sigma_I^2$ exactly (with $\Sigma_m = \Sigma_w =
# 1.2$), and $\kappa = c\,\Sigma_I^2\,[\phi'](0,\Delta_0)$. Write a function
# `kappa_no_bulk(c)` that solves this fixed-point equation by iteration, with
# `gauss_avg(dphi, 0.0, delta0)`, for any input strength $c \ge 0$ (the checker calls it
# at values of its choice). Before computing: at $c = 1$, is $\kappa$ larger or smaller
# than the linear response $c\,\Sigma_I^2 = 1.44$, and why?

# %% tags=["raises-exception"]
def kappa_no_bulk(c):
    """Self-consistent κ at g = 0, ρ = 0 for the input c·I (fixed-point iteration)."""
    return ...


checks.exercise_1(kappa_no_bulk)

# %% [markdown] tags=["answer"]
# *Your answer:* (larger or smaller than 1.44, and why?)

# %% tags=["solution"]
def kappa_no_bulk(c):
    """Self-consistent κ at g = 0, ρ = 0 for the input c·I (fixed-point iteration)."""
    kappa = 0.0
    for _ in range(200):
        delta0 = SIGMA_W**2 * kappa**2 + c**2 * SIGMA_I**2
        kappa = c * SIGMA_I**2 * gauss_avg(dphi, 0.0, delta0)
    return float(kappa)


checks.exercise_1(kappa_no_bulk)
# Smaller: the input's variance c²Σ_I² and κ's own Σ_m²κ² spread the fields over the
# tanh, so the average slope [φ'] falls below 1 and so does the transmission.
print(f"κ(c = 1) = {kappa_no_bulk(1.0):.4f} < 1.44: the variance of the input and of κ "
      "lowers the gain")

# %% [markdown]
# ### Exercise 2: the linear response below the pitchfork
# **3 points** (2 autograded, 1 written) · difficulty 2/3 · about 15 min
#
# Now let $m$ and $n$ overlap weakly, $\sigma_{mn} = \rho^2 < 1$, and keep $g < 1$. For a
# weak input the network stays near the silent state, where $[\phi'] = 1$. Linearize the
# equation for $\kappa$ and derive the **susceptibility** $\chi = \kappa/c$ for small $c$.
# Write it as a function `susceptibility(rho2)` of $\rho^2$ (the checker evaluates it at
# overlaps of its choice). What happens to $\chi$ as $\rho^2\to1$? (The solution cell
# compares your formula with simulations of four networks at $\rho^2 = 0.5$, $c = 0.02$.)

# %% tags=["raises-exception"]
def susceptibility(rho2):
    """κ/c for small c below the pitchfork, overlap σ_mn = ρ² (σ_nI = c Σ_I²)."""
    return ...


checks.exercise_2(susceptibility)

# %% [markdown] tags=["answer"]
# *Your answer:* (what happens to χ as ρ² → 1?)

# %% tags=["solution"]
def susceptibility(rho2):
    """κ/c for small c below the pitchfork, overlap σ_mn = ρ² (σ_nI = c Σ_I²)."""
    return SIGMA_I**2 / (1 - rho2)  # κ = σ_mn κ + c Σ_I²  ⇒  κ = c Σ_I² / (1 - σ_mn)


checks.exercise_2(susceptibility)
# χ diverges at ρ² = 1: the pitchfork of notebook 04.

# %%
rng = np.random.default_rng([SEED, 2])
c_ex2, chi_sim = 0.02, []
for _ in range(4):  # one network's κ/c scatters by ≈ 20 % at N = 1000: average 4
    net_ex2 = task_network(1000, rho=np.sqrt(0.5), rng=rng)
    res_ex2 = simulate(np.zeros(1000), 40.0, DT, J0=G * net_ex2["chi"], m=net_ex2["m"],
                       n=net_ex2["n"], inputs=c_ex2 * net_ex2["I"], record_x=False,
                       record_every=100)
    chi_sim.append(res_ex2.kappa[-1, 0] / c_ex2)
chi_th = input_task(c_ex2, np.sqrt(0.5)).solve().kappa / c_ex2  # full mean field
# sd of one network's κ/c: 0.54 at N = 1000 (measured over 80 networks); mean of 4:
# 3.5 sd
assert abs(np.mean(chi_sim) - chi_th) < 3.5 * 0.54 / np.sqrt(4), chi_sim
print(f"mean field κ/c = {chi_th:.2f} at c = {c_ex2};  simulation κ/c = "
      f"{np.mean(chi_sim):.2f} ± {np.std(chi_sim):.2f} (4 networks)")

# %% [markdown] tags=["core"]
# ## 3. Overlap above one plus an input: bistability, saddle–node, hysteresis
#
# With $\rho = 2$ ($\sigma_{mn} = 4$) the network without input has two stable states $\pm\kappa$
# (notebook 04). An input along $n$ breaks the symmetry: it tilts $F(\kappa)$. The stable state
# on the side opposite to the input (here $\kappa<0$) and the unstable middle one approach each
# other and annihilate at a **saddle–node**, at the input strength $c^*$ where $F(\kappa)-\kappa$
# touches zero from below:
#
# $$c^* :\quad \min_{\kappa<0}\big[F(\kappa; c^*) - \kappa\big] = 0 .$$
#
# Below $c^*$ the network remembers where it started (bistable); above, only the $\kappa>0$ state
# is left. Sweeping $c$ up and down therefore traces a **hysteresis loop**.

# %% tags=["nbval-check-output"]
RHO = 2.0


def saddle_node(rho, extra_var=0.0):
    """Input strength c* > 0 at which the κ < 0 stationary state disappears."""

    def h_min(c):  # minimum of F(κ) - κ on the κ < 0 side
        model = input_task(c, rho, extra_var=extra_var)
        k = np.linspace(-np.sqrt(model.n_var), 0.0, 161)
        i = int(np.argmin(model.self_consistency(k) - k))
        lo, hi = k[max(i - 1, 0)], k[min(i + 1, k.size - 1)]
        return minimize_scalar(lambda kk: float(model.self_consistency(kk)) - kk,
                               bounds=(lo, hi), method="bounded",
                               options=dict(xatol=1e-9)).fun

    return brentq(h_min, 1e-3, 3.0, xtol=1e-7)


C_STAR = saddle_node(RHO)
n_roots = [len(input_task(c, RHO).solutions()) for c in (C_STAR - 0.01, C_STAR + 0.01)]
assert n_roots == [3, 1], n_roots  # three states just below c*, one just above
print(f"saddle-node at c* = {C_STAR:.4f}")


# %%
def branches_in_c(rho, c_values, k_values):
    """h(c, κ) = F(κ; c) - κ on a grid (κ, c): its zero contour holds every branch."""
    H = [input_task(c, rho).self_consistency(k_values) - k_values for c in c_values]
    return np.array(H).T


c_axis = np.linspace(-1.2, 1.2, 61)
k_axis = np.linspace(-2.2, 2.2, 161)
H = branches_in_c(RHO, c_axis, k_axis)

# %% [markdown]
# Simulations: one network ($N = 1000$), eleven input strengths $c\in[0,1]$, each started from
# the state $\kappa<0$ and from the state $\kappa>0$ of the network without input — 22 trials in
# one batch, $60\tau$ each. The network is odd ($x\to-x$, $I\to-I$), so negative $c$ is the mirror
# image; we draw it that way.

# %%
N_bi = 1000
net = task_network(N_bi, rho=RHO, rng=np.random.default_rng([SEED, 3]))
J0 = G * net["chi"]
x_low = low_state(net)  # the κ < 0 state without input; -x_low is the κ > 0 one
c_sim = np.linspace(0.0, 1.0, 11)
B = c_sim.size
x0 = np.vstack([np.tile(v, (B, 1)) for v in (x_low, -x_low, x_low)])
# go from below, go from above, not go
stimuli = c_sim[:, None] * np.vstack([net["I"], net["I"], net["I_perp"]])[:, None, :]
res_bi = simulate(x0, 60.0, DT, J0=J0, m=net["m"], n=net["n"],
                  inputs=stimuli.reshape(3 * B, N_bi), record_every=100,
                  dtype=np.float32)
k_end = res_bi.kappa[:, -1, 0]
z_end = np.tanh(res_bi.x[:, -1].astype(float)) @ net["w"] / N_bi  # readout z = wᵀφ/N
k_from_low, k_from_high, k_nogo = k_end[:B], k_end[B : 2 * B], k_end[2 * B :]
z_from_low, z_from_high, z_nogo = z_end[:B], z_end[B : 2 * B], z_end[2 * B :]

# %%
roots = [input_task(c, RHO).solutions() for c in c_sim]
k_upper = np.array([r[-1].kappa for r in roots])
k_lower = np.array([r[0].kappa if len(r) == 3 else np.nan for r in roots])
# κ on the branches: sd across networks ≈ 0.8/√N on the upper branch and up to ≈ 2/√N
# on the lower one close to c* (measured over 6 networks); 4 sd with a = 2
tol_k = 4 * 2.0 / np.sqrt(N_bi)
assert np.allclose(k_from_high, k_upper, atol=tol_k)  # from above: always upper state
# from below: the lower state until c*, the upper one beyond. The threshold of a finite
# network differs from c* by O(1/√N) (sd ≈ 0.03 at N = 1000, measured): we test the
# branches only farther than 0.1 from c*.
below, above = c_sim < C_STAR - 0.1, c_sim > C_STAR + 0.1
assert np.allclose(k_from_low[below], k_lower[below], atol=tol_k)
assert np.allclose(k_from_low[above], k_upper[above], atol=tol_k)
switch = c_sim[np.argmax(k_from_low > 0)]
print(f"from below, the network switches between c = {switch - 0.1:.1f} and "
      f"{switch:.1f}; theory c* = {C_STAR:.3f}")


# %% tags=["hide-input"]
def draw_branches(ax, c_axis, k_axis, H, c_mark=None):
    """Zero contour of F(κ; c) - κ, with the flow direction shaded (up where F > κ)."""
    ax.contourf(c_axis, k_axis, np.sign(H), levels=[-2, 0, 2],
                colors=[COLORS["sky"], COLORS["orange"]], alpha=0.15)
    cs = ax.contour(c_axis, k_axis, H, levels=[0.0], colors=COLORS["theory"],
                    linewidths=1.8)
    ax.plot([], [], color=COLORS["theory"], label=r"states $F(\kappa)=\kappa$")
    if c_mark is not None:
        ax.axvline(c_mark, color=COLORS["grey"], lw=1, ls=":")
    ax.set(xlabel=r"input strength $c$ along $I$", ylabel=r"$\kappa$")
    return cs


# %% tags=["hide-input"]
def readout_th(c, go=True, lower=False):
    """Readout z of the mean field for the input c·I (go) or c·I_perp: the upper state,
    or the lower one (NaN where there is none)."""
    model = input_task(c, RHO, go=go)
    r = model.solutions()
    if lower and len(r) < 3:
        return np.nan
    return model.readout(r[0] if (lower or not go) else r[-1])


c_fine = np.linspace(0, 1.0, 41)
z_go_th = [readout_th(c, lower=c < C_STAR) for c in c_fine]
z_nogo_th = [readout_th(c, go=False) for c in c_fine]


# %% tags=["hide-input"]
def draw_hysteresis(ax):
    """Panel (a): the branches over c and the simulations from both states."""
    draw_branches(ax, c_axis, k_axis, H)
    for sgn in (1, -1):  # the network is odd: negative c is the mirror image
        first = sgn == 1
        ax.plot(sgn * c_sim, sgn * k_from_low, "o", color=COLORS["sim"], ms=6,
                label=r"start at $\kappa<0$" if first else None)
        ax.plot(sgn * c_sim, sgn * k_from_high, "s", mfc="white", color=COLORS["blue"],
                ms=5, label=r"start at $\kappa>0$" if first else None)
        ax.axvline(sgn * C_STAR, color=COLORS["purple"], ls="--", lw=1,
                   label=r"saddle–nodes $\pm c^*$" if first else None)
    ax.annotate("", xy=(0.85, 1.2), xytext=(0.85, -0.7),
                arrowprops=dict(arrowstyle="->", color=COLORS["sim"], lw=1.2))
    ax.set_title(r"(a) hysteresis: $\rho^2 = 4$, $N = 1000$")
    ax.legend(fontsize=9, loc="upper left")


# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.9))
draw_hysteresis(axes[0])
ax = axes[1]
ax.plot(c_fine, z_go_th, color=COLORS["sim"], label=r"theory, along $I$")
ax.plot(c_fine, z_nogo_th, color=COLORS["blue"], label=r"theory, along $I_\perp$")
ax.plot(c_sim, z_from_low, "o", color=COLORS["sim"], label="simulation, along $I$")
ax.plot(c_sim, z_nogo, "s", mfc="white", color=COLORS["blue"],
        label=r"simulation, along $I_\perp$")
ax.axvline(C_STAR, color=COLORS["purple"], ls="--", lw=1)
ax.axhline(0, color=COLORS["grey"], lw=0.5)
ax.set(xlabel="input strength $c$", ylabel=r"readout $z = w^T\phi(x)/N$",
       title=r"(b) selectivity, from $\kappa<0$")
ax.legend(fontsize=9, loc="center left")
fig.tight_layout()
savefig(fig, "05_bistability_selectivity")
plt.show()

# %% [markdown]
# **(a)** Every stationary state lies on the black curve; where the shading is orange $\kappa$
# grows, where it is blue $\kappa$ shrinks, so the outer parts of the S are stable and the middle
# part is not. Started from $\kappa<0$ (dots), the network stays there until the input reaches
# $c^*$ and then jumps to the upper state; started from $\kappa>0$ (squares), it stays up. Between
# $-c^*$ and $c^*$ the state depends on the history: a memory of the last strong input.
#
# **(b) Selectivity.** The readout $w$ overlaps $m$, so $z = \Sigma_w^2\kappa[\phi']$ follows
# $\kappa$. An input along $I$ (which overlaps $n$) flips the sign of $z$ beyond $c^*$; an equally
# strong input along $I_\perp$ (orthogonal to $n$ and to $m$) only adds variance — it shrinks
# $|z|$ a little through the gain, but never switches the network: the network answers "Go"
# ($z>0$) only to the stimulus it listens to. This is the network of the paper's **detection**
# task (Fig. 4: $m = w + \rho y$, $n = I + \rho y$, $g = 0.8$) probed with a second, orthogonal
# stimulus; the paper's Go/Nogo *discrimination* (Fig. 3) is the network of Section 2, without
# bistability. The bistable network adds a threshold and a memory of the answer.

# %%
readout_tol = SIGMA_W**2 * tol_k  # z ≈ Σ_w² κ [φ'] with [φ'] < 1: κ's tolerance × Σ_w²
z_low_th = np.array([input_task(c, RHO).readout(r[0]) for c, r in zip(c_sim, roots)])
z_up_th = np.array([input_task(c, RHO).readout(r[-1]) for c, r in zip(c_sim, roots)])
z_nogo_at = np.array([readout_th(c, go=False) for c in c_sim])
assert np.allclose(z_from_low[below], z_low_th[below], atol=readout_tol)
assert np.allclose(z_from_low[above], z_up_th[above], atol=readout_tol)
assert np.allclose(z_nogo, z_nogo_at, atol=readout_tol)
assert np.all(z_nogo < 0) and np.all(z_from_low[above] > 0)  # Nogo never switches
print(f"Go  (c = 1): z = {z_from_low[-1]:+.3f} (theory {z_up_th[-1]:+.3f})")
print(f"Nogo (c = 1): z = {z_nogo[-1]:+.3f} (theory {z_nogo_at[-1]:+.3f})")

# %% [markdown]
# Time courses of the two trials at $c = 0.9$: the stimulus is switched on at $t = 5$.

# %%
c_demo = 0.9


def stim(t):  # Go (along I) and Nogo (along I_perp) trials, switched on at t = 5
    return (t >= 5.0) * c_demo * np.vstack([net["I"], net["I_perp"]])


res_t = simulate(np.tile(x_low, (2, 1)), 40.0, DT, J0=J0, m=net["m"], n=net["n"],
                 inputs=stim, record_every=5, dtype=np.float32)
z_t = np.tanh(res_t.x.astype(float)) @ net["w"] / N_bi  # (2, T)
z_before = readout_th(0.0, lower=True)
z_go_after, z_nogo_after = readout_th(c_demo), readout_th(c_demo, go=False)
assert abs(z_t[0, -1] - z_go_after) < readout_tol
assert abs(z_t[1, -1] - z_nogo_after) < readout_tol
assert abs(z_t[0, 8] - z_before) < readout_tol  # t = 4: before the stimulus

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(6.5, 3.4))
ax.plot(res_t.t, z_t[0], color=COLORS["sim"], label=r"Go: $c\,I$ (overlaps $n$)")
ax.plot(res_t.t, z_t[1], color=COLORS["blue"], label=r"Nogo: $c\,I_\perp$")
for v in (z_before, z_go_after, z_nogo_after):
    ax.axhline(v, color=COLORS["theory"], ls="--", lw=0.8)
ax.axvspan(5, 40, color=COLORS["grey"], alpha=0.1, label="stimulus on")
ax.set(xlabel=r"time ($\tau$)", ylabel=r"readout $z(t)$",
       title=rf"Go/Nogo at $c = {c_demo}$ (dashed: theory)")
ax.legend(fontsize=9)
plt.show()

# %% [markdown]
# Move the input strength and the overlap: the left panel shows all stationary states as
# a function of $c$ for the chosen overlap, the right one the map $F(\kappa)$ at the chosen $c$.
# Watch the S-shape appear when $\rho^2$ crosses 1 and the saddle–node move with the overlap.


# %%
def draw_input_demo(c=0.3, overlap=4.0):
    """Stationary states against the input c (left) and the map F(κ) at c (right)."""
    rho = np.sqrt(overlap)
    c_ax, k_ax = np.linspace(-1.2, 1.2, 49), np.linspace(-2.4, 2.4, 121)
    fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.6))
    draw_branches(axes[0], c_ax, k_ax, branches_in_c(rho, c_ax, k_ax), c_mark=c)
    axes[0].set_title(rf"stationary states, $\rho^2 = {overlap:.1f}$")
    _, sols = plot_self_consistency(input_task(c, rho), k_ax, ax=axes[1])
    for s in sols:
        axes[0].plot(c, s.kappa, "o", ms=7, mec=COLORS["sim"],
                     mfc=COLORS["sim"] if s.stable else "white")
    axes[1].set_title(rf"$c = {c:.2f}$: filled stable, open unstable")
    axes[1].legend(fontsize=9)
    fig.tight_layout()
    return fig


slider_demo(draw_input_demo, c=(-1.2, 1.2, 0.05), overlap=(0.0, 6.0, 0.25),
            defaults=dict(c=0.3, overlap=4.0))

# %% [markdown]
# ### Exercise 3: where is the threshold for a weaker overlap?
# **3 points** (2 autograded, 1 written) · difficulty 2/3 · about 15 min
#
# For $\rho = 1.6$ ($\sigma_{mn} = 2.56$) find the saddle–node $c^*$ *without* the helper
# `saddle_node`: scan $c$ and count the stationary solutions returned by
# `input_task(c, 1.6).solutions()` (three below $c^*$, one above); refine until you know
# $c^*$ to $\pm0.005$. Predict first: is it larger or smaller than for $\rho = 2$?

# %% tags=["raises-exception"]
c_star_ex3 = ...  # the saddle-node input strength for ρ = 1.6
checks.exercise_3(c_star_ex3, rho=1.6)

# %% [markdown] tags=["answer"]
# *Your answer:* (larger or smaller than for ρ = 2, and why?)

# %% tags=["solution"]
lo, hi = 0.0, 1.0  # three solutions at lo, one at hi: bisect on the number of solutions
while hi - lo > 1e-3:
    mid = 0.5 * (lo + hi)
    if len(input_task(mid, 1.6).solutions()) == 3:
        lo = mid
    else:
        hi = mid
c_star_ex3 = 0.5 * (lo + hi)
checks.exercise_3(c_star_ex3, rho=1.6)
print(f"c* = {c_star_ex3:.3f} for ρ = 1.6 (vs {C_STAR:.3f} for ρ = 2): weaker overlap, "
      "shallower wells")

# %% [markdown] tags=["deep-dive"]
# ## 4. A noisy detection task and its psychometric curve
#
# The bistable network is a detector: started in the $\kappa<0$ ("no") state, it answers
# "yes" ($z>0$ at the end of the trial) if the stimulus along $I$ exceeds $c^*$. Real stimuli
# are noisy.
#
# **The paper's noise model** (Fig. 4 and its code, `4_DetectionTask`) is noise *within* a
# trial: the stimulus amplitude along $I$ fluctuates in time, $c + \sigma\,\zeta(t)$ with
# $\zeta$ white and shared by all neurons ($\sigma = 0.4$), on top of a fixed random input $h$
# (unit variance, orthogonal to the task vectors). A trial then ends in "yes" when the
# fluctuations carry the network over the saddle–node barrier in time; the curve depends on
# the trial length and on an escape problem that the stationary theory does not solve.
#
# **Our noise model is different**, chosen so that the stationary theory makes a testable
# prediction:
#
# - the **strength** of the stimulus varies from trial to trial and is constant within a
#   trial, $c_{\rm trial} = c + \sigma_c\,\zeta$ with $\zeta\sim\mathcal N(0,1)$,
#   $\sigma_c = 0.2$;
# - every neuron receives independent fast noise, `noise_std` $=\sigma_p = 0.3$ in `simulate`.
#
# The private noise is averaged away in $\kappa$ (an average over $N$ neurons); its only
# effect in the mean field is the variance it adds to each $x_i$, $\sigma_p^2/2$ for white
# noise filtered by the leak — like input variance (exact for $g=0$; for $g>0$ an
# approximation, it moves $c^*$ by less than 0.01 here). If the network decides by the
# saddle–node, a trial is a "yes" iff $c_{\rm trial} > c^*$, and the psychometric curve is
#
# $$P(\text{yes}\mid c) = \Phi\!\left(\frac{c - c^*}{\sigma_c}\right),$$
#
# with $\Phi$ the standard normal CDF. **What this tests.** The *shape* $\Phi(\cdot/\sigma_c)$
# is put in by our noise model, so the curve's shape checks nothing about the network. What
# the simulation can contradict is the *location*: that the network's decision boundary, trial
# by trial, sits at the saddle–node $c^*$ of the mean-field theory (with the private noise's
# variance). We test that boundary directly on $c_{\rm trial}$, and the threshold of the
# fitted curve.

# %%
SIGMA_C, SIGMA_P = 0.2, 0.3
C_STAR_NOISY = saddle_node(RHO, extra_var=SIGMA_P**2 / 2)
print(f"c* = {C_STAR:.4f} without, {C_STAR_NOISY:.4f} with the private noise's "
      "variance")

N_det = 500
rng = np.random.default_rng([SEED, 4])
net_det = task_network(N_det, rho=RHO, rng=rng)
levels = np.linspace(0.3, 1.0, 8)
TRIALS = 20
c_nominal = np.repeat(levels, TRIALS)
c_trial = c_nominal + SIGMA_C * rng.standard_normal(c_nominal.size)
res_det = simulate(np.tile(low_state(net_det), (c_trial.size, 1)), 50.0, DT,
                   J0=G * net_det["chi"], m=net_det["m"], n=net_det["n"],
                   inputs=c_trial[:, None] * net_det["I"], noise_std=SIGMA_P, rng=rng,
                   record_every=500, dtype=np.float32)
z_det = np.tanh(res_det.x[:, -1].astype(float)) @ net_det["w"] / N_det
yes = z_det > 0
p_yes = yes.reshape(levels.size, TRIALS).mean(axis=1)
p_pred = ndtr((levels - C_STAR_NOISY) / SIGMA_C)


# %%
def neg_log_lik(c50):  # fitted threshold: Φ((c - c50)/σ_c) with σ_c known
    p = np.clip(ndtr((c_nominal - c50) / SIGMA_C), 1e-9, 1 - 1e-9)
    return -np.sum(np.where(yes, np.log(p), np.log(1 - p)))


c50 = minimize_scalar(neg_log_lik, bounds=(0.0, 1.5), method="bounded").x
# Error budget of the fitted threshold: the binomial error of the fit,
# σ_c·√(π/2)/√(n_eff) ≈ 0.03 with ~100 informative trials, and the network's own
# threshold, which differs from c* by O(1/√N): sd 0.048 ≈ 1.1/√N at N = 500, measured
# over 16 networks (largest offset 0.11). 3 × their combination:
SD_THRESHOLD = 0.048
tol_c50 = 3 * np.hypot(0.03, SD_THRESHOLD)
assert abs(c50 - C_STAR_NOISY) < tol_c50, (c50, C_STAR_NOISY)
# the curve: each level within 3 binomial standard errors (plus the threshold
# uncertainty, through the slope of Φ)
slope_p = np.exp(-0.5 * ((levels - C_STAR_NOISY) / SIGMA_C) ** 2) / np.sqrt(2 * np.pi)
se_p = np.sqrt(p_pred * (1 - p_pred) / TRIALS) + SD_THRESHOLD / SIGMA_C * slope_p
assert np.all(np.abs(p_yes - p_pred) < 3 * se_p + 0.05), np.c_[levels, p_yes, p_pred]

# %%
# trial by trial: the stimulus strength that best separates "yes" from "no" is this
# network's own threshold; it differs from c* by O(1/√N) (SD_THRESHOLD above): 3 sd
order = np.argsort(c_trial)
errors = [np.sum(yes[order][:i]) + np.sum(~yes[order][i:])
          for i in range(c_trial.size + 1)]
i_best = int(np.argmin(errors))
c_boundary = np.mean(c_trial[order][max(i_best - 1, 0) : i_best + 1])
assert abs(c_boundary - C_STAR_NOISY) < 3 * SD_THRESHOLD
print(f"fitted threshold c50 = {c50:.3f}, predicted c* = {C_STAR_NOISY:.3f}")
print(f"trial-by-trial boundary {c_boundary:.3f} ({min(errors)} trials on the wrong "
      "side)")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.7))
ax = axes[0]
c_line = np.linspace(0.2, 1.1, 200)
ax.plot(c_line, ndtr((c_line - C_STAR_NOISY) / SIGMA_C), color=COLORS["theory"],
        label=r"theory $\Phi((c-c^*)/\sigma_c)$")
ax.errorbar(levels, p_yes, yerr=np.sqrt(np.maximum(p_yes * (1 - p_yes), 0.02) / TRIALS),
            fmt="o", color=COLORS["sim"], capsize=2, label=f"sim. ({TRIALS} trials)")
ax.plot(c_line, (c_line > C_STAR_NOISY).astype(float), color=COLORS["grey"], ls=":",
        lw=1, label=r"noise-free ($\sigma_c = 0$)")
ax.axvline(C_STAR_NOISY, color=COLORS["purple"], ls="--", lw=1, label=r"theory $c^*$")
ax.axvline(c50, color=COLORS["sim"], ls="--", lw=1, label="fitted threshold")
ax.set(xlabel="mean stimulus strength $c$", ylabel='P("yes")',
       title=rf"(a) psychometric curve, $N = {N_det}$")
ax.legend(fontsize=9, loc="upper left")
ax = axes[1]
ax.scatter(c_trial, z_det, s=10, c=np.where(yes, COLORS["sim"], COLORS["blue"]))
ax.axvline(C_STAR_NOISY, color=COLORS["purple"], ls="--", lw=1, label=r"$c^*$")
ax.axhline(0, color=COLORS["grey"], lw=0.5)
ax.set(xlabel=r"stimulus strength $c_{\rm trial}$ of each trial",
       ylabel=r"readout $z$ at the end", title=r"(b) a threshold on $c_{\rm trial}$")
ax.legend(fontsize=9)
fig.tight_layout()
savefig(fig, "05_psychometric")
plt.show()

# %% [markdown]
# (a) The fraction of "yes" answers rises around the predicted threshold; without stimulus noise
# the curve would be a step at $c^*$. (b) Trial by trial, the answer is almost a deterministic
# function of the actual stimulus strength: "yes" above a boundary, "no" below. The boundary is
# this network's own threshold, which differs from $c^*$ by $O(1/\sqrt N)$ — the same finite-size
# effect as everywhere in notebook 04, here a shift of typically 0.05 (up to about 0.1) at
# $N = 500$. Trials very close to the
# boundary can also end on the wrong side: near a saddle–node the dynamics slow down (the
# "ghost" of the vanished state delays the jump by a time $\propto (c-c^*)^{-1/2}$), and the
# private noise can push a trial across.
#
# So the network decides by the saddle–node: the boundary found trial by trial and the fitted
# threshold both agree with the predicted $c^*$ within the finite-size shift of the network's
# own threshold (standard deviation about 0.05 at $N = 500$, measured over networks).
#
# ### Exercise 4: predict the detection rate of a noisier network
# **3 points** (2 autograded, 1 written) · difficulty 2/3 · about 15 min
#
# Write a function `p_yes_model(c, sigma_p)` that predicts the fraction of "yes" answers
# at the mean stimulus strength $c$ for a network whose private noise has the standard
# deviation `sigma_p` (instead of $\sigma_p = 0.3$), with the same trial-to-trial
# stimulus noise $\sigma_c = $ `SIGMA_C`: put the private noise's variance into the mean
# field as above (the helper `saddle_node(rho, extra_var)` finds the threshold), then
# apply the psychometric curve. The checker calls it at values of its choice. Then: does
# the simulated fraction at the level 0.6 fit your prediction for $\sigma_p = 0.3$ within
# the binomial error of 20 trials? Does a stronger private noise make the detector more
# or less sensitive, and why?

# %% tags=["raises-exception"]
def p_yes_model(c, sigma_p):
    """Predicted P("yes") at the mean stimulus c for private noise sigma_p."""
    return ...


checks.exercise_4(p_yes_model)

# %% [markdown] tags=["answer"]
# *Your answer:* (does level 0.6 fit? more or less sensitive, and why?)

# %% tags=["solution"]
def p_yes_model(c, sigma_p):
    """Predicted P("yes") at the mean stimulus c for private noise sigma_p."""
    c_star = saddle_node(RHO, extra_var=sigma_p**2 / 2)  # white noise through the leak
    return float(ndtr((c - c_star) / SIGMA_C))


checks.exercise_4(p_yes_model)
i06 = int(np.argmin(np.abs(levels - 0.6)))
p06 = p_yes_model(levels[i06], SIGMA_P)
print(f"level {levels[i06]:.1f}: simulated {p_yes[i06]:.2f}, predicted {p06:.2f} "
      f"± {np.sqrt(p06 * (1 - p06) / TRIALS):.2f} (binomial, 20 trials)")
print(f"σ_p = 0.6: P(yes | c = 0.6) = {p_yes_model(0.6, 0.6):.2f}")
# The difference should be within about two binomial errors √(p(1-p)/20) ≈ 0.1, plus
# what the network's own threshold (typically 0.05 from c*) adds where Φ is steep.
# More private noise adds variance σ_p²/2 to every x_i: the gain [φ'] falls, the wells
# of F(κ) - κ get shallower and c* moves down: the detector says "yes" more often.

# %% [markdown]
# ## Summary
#
# - An input enters the mean-field equations twice: its overlap with $n$ drives $\kappa$
#   ($\kappa \mathrel{+}= \sigma_{nI}[\phi']$); its variance lowers the population gain $[\phi']$ for
#   every pathway.
# - With $m\perp n$ the network maps an input along $n$ onto an output along $m$; for weak inputs
#   with $\sigma_{mn}<1$ the gain is the susceptibility $\sigma_{nI}/(1-\sigma_{mn})$, which
#   diverges at the pitchfork.
# - With $\sigma_{mn}>1$ the network is bistable; an input along $n$ removes one state at a
#   saddle–node $c^*$ (the minimum of $F(\kappa)-\kappa$ touches 0), giving hysteresis.
# - Selectivity: only inputs overlapping $n$ move $\kappa$, only readouts overlapping $m$ see
#   it — the paper's Go/Nogo discrimination ($m\perp n$) and detection (bistable) tasks. With a
#   stimulus strength that varies from trial to trial the network is a detector whose decision
#   boundary is the saddle–node of the mean-field theory.
#
# **Next:** [06 — Rank-two dynamics](06_rank_two_dynamics.ipynb): two pairs of vectors, latent
# dynamics in a plane, rings and oscillations.
#
# ## References
#
# - F. Mastrogiuseppe and S. Ostojic (2018). Linking connectivity, dynamics, and computations in
#   low-rank recurrent neural networks. *Neuron* 99(3):609–623. doi:10.1016/j.neuron.2018.07.003
#   (input-driven activity: Fig. 2; Go/Nogo discrimination and detection: Figs. 3–4).
# - S. H. Strogatz (2015). *Nonlinear Dynamics and Chaos*, 2nd ed., CRC Press, §3.2 and §4.3
#   (saddle–node bifurcations, hysteresis, bottlenecks).
# - D. M. Green and J. A. Swets (1966). *Signal Detection Theory and Psychophysics*. Wiley
#   (psychometric curves).
