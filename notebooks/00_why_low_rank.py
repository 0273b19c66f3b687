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
# # 00 — Why low rank?
#
# Two observations motivate the whole lecture. First, the activity of hundreds of neurons
# recorded during a task is usually **low-dimensional**: a handful of population patterns
# account for most of its variance. Second, when a recurrent network with random initial
# connectivity $J_0$ is **trained** on such a task, the learned change $\Delta J = J - J_0$
# turns out to be approximately **low rank**: a few outer products $m_r n_r^T$ on top of a
# full-rank random matrix. In this notebook we reproduce both observations in simulations —
# the first as an illustration of the analysis (we cannot ship recordings), the second by
# training a small network ourselves, with back-propagation through time written in numpy.
#
# **Learning goals**
# - Compute principal components, the variance explained and the participation ratio of
#   population activity, and interpret them as a dimension.
# - Explain why the activity of a rank-$R$ network without random part lies *exactly* in an
#   $R$-dimensional subspace, and why a random chaotic network's dimension grows with $N$.
# - Train an RNN $J = J_0 + \Delta J$ by gradient descent and show that the singular values of
#   $\Delta J$ fall off after the first few, whereas those of $J_0$ follow the quarter-circle law.
# - Show that a rank-5 approximation of $\Delta J$ performs the task and that the remaining
#   195 dimensions do nothing; see that the learned $n$'s listen to the input and the $m$'s
#   talk to the readout.
#
# **Estimated time:** about 90 minutes, 60 of them for the four exercises (12 points).
#
# **Prerequisites:** linear algebra (eigenvalues, principal component analysis); the lecture on
# random networks ($J_0$ with entries $\mathcal N(0, g^2/N)$, transition to chaos at $g = 1$).
# Notebook [01 — Rank and the SVD](01_rank_and_svd.ipynb) makes the linear algebra of this
# notebook precise; you can read the two in either order.

# %% tags=["hide-input"]
# %matplotlib inline
from functools import partial

import matplotlib.pyplot as plt
import numpy as np

from lrnn_utils import orthogonal_vectors, pca, random_bulk, simulate
from lrnn_utils.checks import nb00 as checks
from lrnn_utils.demos import slider_demo
from lrnn_utils.plotting import COLORS, plot_pc_plane, plot_ranked, savefig, use_style
from lrnn_utils.seeds import base_seed
from lrnn_utils.training import flipflop_task, loss_and_grad, run_rnn, task_loss
from lrnn_utils.training import train_rnn

use_style()
SEED = base_seed()  # every cell that draws random numbers makes rng([SEED, k])


# %% tags=["hide-input"]
def rank_two_oscillator(N, a, b, rng):
    """Structure vectors of a rank-two network; its overlap matrix is a scaled rotation.

    m (N, 2) has exactly orthonormal columns in the sense mᵀm/N = identity, and
    n = m σᵀ, so that the overlap matrix nᵀm/N equals σ = [[a, -b], [b, a]] exactly.
    For a > 1 the latent dynamics has a limit cycle (notebook 06).
    """
    m = orthogonal_vectors(N, 2, rng)
    sigma = np.array([[a, -b], [b, a]])
    return m, m @ sigma.T


def effective_rank(s):
    """Participation ratio of squared singular values: (Σ s²)² / Σ s⁴."""
    s2 = np.asarray(s) ** 2
    return float(s2.sum() ** 2 / np.sum(s2**2))

# %% [markdown] tags=["core"]
# ## 1. Population activity is low-dimensional
#
# Record $N$ neurons for $T$ time points: a matrix $X$ of shape $(T, N)$. Its covariance
# $C = \frac{1}{T-1}(X - \bar X)^T(X - \bar X)$ has eigenvalues $\lambda_1 \ge \lambda_2 \ge \dots$, the variances
# along the principal axes (PCA). Two summaries of how many dimensions the activity uses:
#
# - the **variance explained** by the first $k$ components, $\sum_{i\le k}\lambda_i / \sum_i\lambda_i$;
# - the **participation ratio** $\mathrm{PR} = \dfrac{(\sum_i \lambda_i)^2}{\sum_i \lambda_i^2}$, which is $k$ when the
#   variance is spread equally over $k$ dimensions and 1 when one dimension has it all.
#
# > **What was recorded (a description; this notebook ships and downloads no data).**
# > Churchland et al. (2012, *Nature* 487:51) recorded motor and premotor cortex of monkeys
# > making delayed reaches to many targets: single neurons had complex, multiphasic responses,
# > but the trial-averaged population response, projected on its first **six** principal
# > components, was dominated by a brief, strong **rotation** of the population state after
# > movement onset — although reaching is not a periodic behaviour — whose amplitude and phase
# > followed from the preparatory state before the movement (their method, jPCA, finds the
# > planes in which the state rotates). Gallego et al. (2017, *Neuron* 94:978) review such
# > findings in motor cortex: a few patterns of correlated activity ("neural modes") span a
# > low-dimensional **neural manifold** that captures a large part of the population's
# > variability, and movements are generated by the time-varying activation of these modes.
# > The rotating orbit of our rank-two network below is a schematic of this picture, drawn from
# > our own simulation — it is not data.
#
# Low dimension is a common finding across areas and tasks (Cunningham & Yu 2014), and Gao &
# Ganguli (2015) argue that the measured dimension is bounded by the complexity of the task
# rather than by the number of neurons. It is not universal: spontaneous activity and
# responses to natural images in visual cortex can be high-dimensional (Stringer et al. 2019).
#
# **What we do here is an illustration, not evidence about the brain.** We apply the same
# analysis to two simulated networks of the same size and single-neuron dynamics,
# $\dot x = -x + J\phi(x)$ with $\phi = \tanh$:
#
# - a **random** network, $J = J_0$ with $g = 2$: the chaotic regime of the previous lecture;
# - a **low-rank** network, $J = J_0 + (m_1 n_1^T + m_2 n_2^T)/N$ with a weak random part
#   ($g = 0.5$) and an overlap matrix $n_r^T m_s/N = \begin{pmatrix} a & -b\\ b & a\end{pmatrix}$ that makes it
#   oscillate (why is the subject of notebook 06). The symbols are those of the
#   [notation table](../README.md#notation).
#
# We analyse both the **currents** $x_i(t)$ (the state variables) and the **rates** $\phi(x_i(t))$
# (what the figure's traces show): the nonlinearity makes them differ, and the difference matters.
# For the chaotic network we also give the spread of its participation ratio over the four
# recorded trials: its dimension is not one sharp number.

# %%
rng = np.random.default_rng([SEED, 1])
N = 800
dt, t_max, t_burn = 0.1, 120.0, 20.0  # time in units of τ; drop the first 20 τ
g_random, g_structured, a, b = 2.0, 0.5, 2.0, 1.5

x_init = rng.standard_normal((4, N))  # 4 trials from random initial states, pooled
J_rand = random_bulk(N, g_random, rng)
res_rand = simulate(x_init, t_max, dt, J0=J_rand, record_every=5)
m_osc, n_osc = rank_two_oscillator(N, a, b, rng)
J0_weak = random_bulk(N, g_structured, rng)
res_low = simulate(x_init, t_max, dt, J0=J0_weak, m=m_osc, n=n_osc, record_every=5)

# %%
keep = res_rand.t >= t_burn
x_rand, x_low = res_rand.x[:, keep], res_low.x[:, keep]  # (B, T, N)
t_rec = res_rand.t[keep]
pca_rand, pca_low, pca_low_rates = pca(x_rand), pca(x_low), pca(np.tanh(x_low))
pr_trials = np.array([pca(x).participation_ratio for x in x_rand])  # one PR per trial
print(f"random, currents: PR = {pca_rand.participation_ratio:.1f} (4 trials pooled); "
      f"one trial of 100 τ: {pr_trials.mean():.1f} ± {pr_trials.std(ddof=1):.1f}")
for name, p in [("low rank, currents x", pca_low),
                ("low rank, rates φ(x)", pca_low_rates)]:
    print(f"{name}: PR = {p.participation_ratio:.3f}, "
          f"outside the top-2 PCs {1 - p.explained[:2].sum():.2%}")
assert 1 - pca_low.explained[:2].sum() < 2e-3, "currents: ~2-dimensional"
assert 0.01 < 1 - pca_low_rates.explained[:2].sum() < 0.1, "rates: a few % outside"
assert pca_rand.explained[:2].sum() < 0.8, "chaotic activity uses many dimensions"
assert pr_trials.min() > 2.5, "every chaotic trial uses clearly more than 2 dimensions"

# %% tags=["hide-input"]
fig, axes = plt.subplots(2, 3, figsize=(8.5, 5.8),
                         gridspec_kw=dict(width_ratios=[1.4, 1, 1]))
cases = [("random, g = 2", x_rand, pca_rand, COLORS["sim"]),
         ("low rank + random, g = 0.5", x_low, pca_low, COLORS["blue"])]
for row, (label, x, res, color) in enumerate(cases):
    ax = axes[row, 0]
    for i in range(5):
        ax.plot(t_rec, np.tanh(x[0, :, i]) + 2.2 * i, color=color, lw=1)
    ax.set(yticks=[], xlabel=r"time ($\tau$)", ylabel=r"rate $\phi(x_i)$, 5 neurons")
    ax.set_title(label)
    plot_pc_plane(x[0], res, ax=axes[row, 1], color=color)  # one trial
    axes[row, 1].set_title(f"currents, top-2 PCs: {res.explained[:2].sum():.0%}")
    plot_ranked(res.explained, ax=axes[0, 2], n_show=20, cumulative=True, color=color,
                label=label.split(",")[0])
    plot_ranked(res.explained, ax=axes[1, 2], n_show=20, log=True, color=color,
                label=f"PR = {res.participation_ratio:.1f}")
axes[0, 2].set(xlabel="number of PCs $k$", ylabel="variance explained", ylim=(0, 1.02))
axes[0, 2].set_title(f"N = {N}")
axes[0, 2].legend(fontsize=9, loc="lower right")
axes[1, 2].set(xlabel="principal component $k$", ylabel="fraction of variance")
axes[1, 2].set_title("variance per component")
axes[1, 2].legend(fontsize=9)
fig.tight_layout()
savefig(fig, "00_low_dimensional_activity")

# %% [markdown]
# The random network's activity is irregular and spread over many dimensions; the low-rank
# network oscillates and its currents $x$, although every neuron is active, lie (almost) on a
# plane: the projection on the first two principal axes is a closed orbit. Its **rates** do not
# lie on a plane: $\phi = \tanh$ bends the plane into a curved two-dimensional surface, which
# needs a few more linear dimensions (participation ratio about 2.14, about 3 % of the rate
# variance outside the top two PCs). "Two-dimensional" is exact for the currents, approximate
# for the rates. The chaotic network's dimension depends on what is recorded: a single trial of
# 100 τ gives a smaller and more variable participation ratio than four trials pooled, and it
# changes from network to network (we measured 4 to 17 at $N = 800$ over seeds and recording
# lengths of 50–400 τ). What is robust is that it is far above 2 and grows with $N$ (below).
#
# ### Why exactly two dimensions? An exact statement for $g = 0$
#
# Without the random part the equation is $\dot x = -x + m_1\kappa_1(t) + m_2\kappa_2(t)$ with
# $\kappa_r = n_r^T\phi(x)/N$. The recurrent input always lies in the plane spanned by $m_1, m_2$;
# the component $x_\perp$ of the state orthogonal to this plane obeys $\dot x_\perp = -x_\perp$ and decays,
# whatever the nonlinearity and whatever $N$. After a transient, **the activity of a rank-$R$
# network without random part lies exactly in the $R$-dimensional span of the $m_r$** (plus the
# input directions, if there are inputs). With $m_1^Tm_2 = 0$ and $|m_1| = |m_2|$ the orbit is
# (up to $O(1/\sqrt N)$ asymmetries of the sampled entries) a circle, so the two variances are
# equal and $\mathrm{PR} = 2$ up to $O(1/N)$. This is a statement about the **currents** $x$. The rates
# $\phi(x_i) = \tanh(m_{i1}\kappa_1 + m_{i2}\kappa_2)$ are a nonlinear function of the two latent
# coordinates and are *not* confined to a plane. We check: for the currents, the first two
# components hold all the variance up to $e^{-2t_{\rm burn}}$ and $|\mathrm{PR} - 2| < 4/N$ (the
# largest deviation we measured over many networks was below $1/N$); for the rates, a few percent of
# the variance lies outside the top two components (3.2–3.4 % over networks at $N = 800$).

# %%
rng = np.random.default_rng([SEED, 2])
res_g0 = simulate(rng.standard_normal(N), t_max, dt, m=m_osc, n=n_osc, record_every=5)
x_g0 = res_g0.x[res_g0.t >= t_burn]
pca_g0, pca_g0_rates = pca(x_g0), pca(np.tanh(x_g0))
for name, p in [("currents x", pca_g0), ("rates φ(x)", pca_g0_rates)]:
    print(f"g = 0, {name}: outside the top-2 PCs {1 - p.explained[:2].sum():.1e}, "
          f"PR = {p.participation_ratio:.4f}")
assert 1 - pca_g0.explained[:2].sum() < 1e-10, "x must lie in span(m1, m2)"
assert abs(pca_g0.participation_ratio - 2) < 4 / N, "PR of a circle is 2 up to O(1/N)"
assert 0.02 < 1 - pca_g0_rates.explained[:2].sum() < 0.05, "rates are not on a plane"
# and the two principal axes are the structure vectors: span(PC1, PC2) = span(m1, m2)
m_unit = m_osc / np.linalg.norm(m_osc, axis=0)
captured = np.linalg.norm(pca_g0.components[:2] @ m_unit, axis=0)  # |projection| of m_r
assert np.all(captured > 1 - 1e-8), "the top-2 principal axes must span m1, m2"

# %% [markdown]
# ### Dimension versus network size
#
# The decisive difference is how the dimension **scales**. The low-rank network uses $R = 2$
# dimensions whatever $N$; the chaotic random network uses more dimensions as $N$ grows (its
# participation ratio grows in proportion to $N$ for large $N$, Clark, Abbott & Litwin-Kumar
# 2023). At our sizes and durations the estimate is noisy and biased low by the finite
# recording, so we show it with its spread: the pooled value of eight trials of 80 τ and, as an
# error bar, the standard deviation of the single-trial values.

# %%
sizes = [100, 200, 400, 800]
pr_rand, pr_rand_sd, pr_low = [], [], []
for n_size in sizes:
    r_loc = np.random.default_rng([SEED, 3, n_size])
    x0 = r_loc.standard_normal((8, n_size))  # eight trials of 80 τ per network
    J_r = random_bulk(n_size, g_random, r_loc)
    res = simulate(x0, 100.0, dt, J0=J_r, record_every=5)
    x = res.x[:, res.t >= t_burn]
    pr_rand.append(pca(x).participation_ratio)
    pr_rand_sd.append(np.std([pca(xi).participation_ratio for xi in x], ddof=1))
    m_s, n_s = rank_two_oscillator(n_size, a, b, r_loc)
    J_w = random_bulk(n_size, g_structured, r_loc)
    res = simulate(x0, 100.0, dt, J0=J_w, m=m_s, n=n_s, record_every=5)
    pr_low.append(pca(res.x[:, res.t >= t_burn]).participation_ratio)
print("N:                      ", sizes)
print("PR random (8 trials):   ", np.round(pr_rand, 1))
print("  sd of one-trial PR:   ", np.round(pr_rand_sd, 1))
print("PR low rank, currents:  ", np.round(pr_low, 2))
assert max(pr_low) < 2.5, "the rank-2 network's dimension must stay ~2 at every N"
# robust over networks: PR(800)/PR(100) was 1.6 to 18 over 20 seeds, PR(800) >= 6.7
assert pr_rand[-1] > 1.3 * pr_rand[0], "the random network's dimension must grow with N"
assert pr_rand[-1] > 5, "at N = 800 the chaotic activity uses many dimensions"

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(5, 3.6))
ax.errorbar(
    sizes,
    pr_rand,
    yerr=pr_rand_sd,
    fmt="o-",
    color=COLORS["sim"],
    capsize=3,
    label="random, g = 2 (bar: sd of one trial)",
)
ax.plot(sizes, pr_low, "s-", color=COLORS["blue"], label="low rank (R = 2) + g = 0.5")
ax.axhline(2, color=COLORS["theory"], ls="--", lw=1, label="R = 2")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xticks(sizes, [str(s) for s in sizes])
ax.set_yticks([2, 5, 10, 20], ["2", "5", "10", "20"])
ax.minorticks_off()
ax.set_xlabel("number of neurons N")
ax.set_ylabel("participation ratio")
ax.set_title("dimension of the activity")
ax.legend(fontsize=9)
fig.tight_layout()

# %% [markdown]
# ### Try it: how much randomness can the structure take?
#
# The slider sets the gain $g$ of the random part of the rank-two network ($N = 400$). For small
# $g$ the activity stays on a plane; as $g$ grows the random part adds variance in all the
# other directions, and beyond the transition to chaos of the random part the orbit is drowned.


# %% tags=["hide-input"]
def draw_dimension(g=0.5, N=400, seed=0):
    """Rank-2 oscillator plus a random part of gain g: PC projection and PR."""
    r_loc = np.random.default_rng([seed, 4])
    m_s, n_s = rank_two_oscillator(N, a, b, r_loc)
    x0, J_g = r_loc.standard_normal(N), random_bulk(N, g, r_loc)
    res = simulate(x0, 80.0, dt, J0=J_g, m=m_s, n=n_s, record_every=5)
    x = res.x[res.t >= t_burn]
    p = pca(x)
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.6))
    plot_pc_plane(x, p, ax=axes[0])
    axes[0].set_title(f"g = {g:.2f}: PR = {p.participation_ratio:.2f}")
    axes[1].bar(np.arange(1, 11), p.explained[:10], color=COLORS["blue"])
    axes[1].set(xlabel="principal component", ylabel="fraction of variance")
    axes[1].set_ylim(0, 0.6)
    axes[1].set_title(f"top-2 PCs: {p.explained[:2].sum():.1%}")
    fig.tight_layout()
    return fig


slider_demo(
    partial(draw_dimension, N=400, seed=SEED), g=(0.0, 2.5, 0.1), defaults=dict(g=0.5)
)

# %% [markdown]
# ### Exercise 1: the participation ratio by hand
#
# **2 points** (autograded) · difficulty 1/3 · about 10 min
#
# Write a function `participation_ratio(x)` that takes activity `x` of shape $(T, N)$ ($T$ time
# points, $N$ neurons) and returns its participation ratio from the definition: centre the
# activity (subtract each neuron's time average), form the $N\times N$ covariance matrix, take
# its eigenvalues and compute $(\sum\lambda)^2/\sum\lambda^2$. Do not use `pca`, which does the
# same via an SVD. The checker calls your function on activity of its own choosing; the cell
# then applies it to one trial of the low-rank network above.


# %% tags=["raises-exception"]
def participation_ratio(x):
    """(Σλ)² / Σλ² of the eigenvalues λ of the covariance of x (T, N)."""
    ...


checks.exercise_1(participation_ratio)
print(f"low-rank trial: {participation_ratio(x_low[0, ::2, :300]):.4f}")


# %% tags=["solution"]
def participation_ratio(x):
    """(Σλ)² / Σλ² of the eigenvalues λ of the covariance of x (T, N)."""
    x_centred = x - x.mean(axis=0)
    cov = x_centred.T @ x_centred / (x.shape[0] - 1)
    lam = np.linalg.eigvalsh(cov)
    return lam.sum() ** 2 / np.sum(lam**2)


checks.exercise_1(participation_ratio)
print(f"low-rank trial: {participation_ratio(x_low[0, ::2, :300]):.4f}")

# %% [markdown]
# ### Exercise 2: predict, then check — the participation ratio of an ellipse
#
# **3 points** (1 autograded, 2 written) · difficulty 2/3 · about 15 min
#
# Take an orbit $x(t) = m_1\cos t + \varepsilon\, m_2 \sin t$ with $m_1 \perp m_2$ and
# $|m_1| = |m_2|$ (an ellipse in the plane of $m_1, m_2$). **Predict** with pen and paper the
# two nonzero covariance eigenvalues and the participation ratio as a function of
# $\varepsilon$. Write it as a function `ellipse_pr(eps)` (the checker evaluates it at
# values of $\varepsilon$ it chooses), then compare with the PCA of a simulated orbit. What is
# the participation ratio for $\varepsilon \to 0$ and for $\varepsilon = 1$, and why?

# %% [markdown] tags=["answer"]
# *Your answer:* (the two variances, and the participation ratio as a function of ε)

# %% [markdown] tags=["answer"]
# *Your answer:* (the limits ε → 0 and ε = 1, and why)


# %% tags=["raises-exception"]
def ellipse_pr(eps):
    """PR of the orbit m1 cos t + eps m2 sin t, with m1 ⟂ m2 and |m1| = |m2|."""
    ...


checks.exercise_2(ellipse_pr)


# %% tags=["solution"]
def ellipse_pr(eps):
    """PR of the orbit m1 cos t + eps m2 sin t, with m1 ⟂ m2 and |m1| = |m2|."""
    # variances along m1 and m2 ∝ 1/2 and ε²/2 (the means of cos² and sin² over periods)
    return (1 + eps**2) ** 2 / (1 + eps**4)


checks.exercise_2(ellipse_pr)
# ε → 0: a line, one dimension, PR → 1. ε = 1: a circle, two equal variances, PR = 2.
# In between PR varies smoothly: a "dimension" that need not be an integer.

# %%
t_ell = np.linspace(0, 20 * np.pi, 4000, endpoint=False)  # ten full periods
for eps in (0.2, 0.5, 1.0):
    x_ell = (np.outer(np.cos(t_ell), m_osc[:, 0])
             + eps * np.outer(np.sin(t_ell), m_osc[:, 1]))
    pr_pca = pca(x_ell).participation_ratio
    print(f"ε = {eps}: PCA of the orbit gives PR = {pr_pca:.4f}")
    # PR <= 2 for two axes (= 2 for a circle): allow for round-off at ε = 1
    assert 1 <= pr_pca <= 2 + 1e-9, "an ellipse uses between one and two dimensions"

# %% [markdown] tags=["core"]
# ## 2. Trained networks learn low-rank changes of their connectivity
#
# Schuessler et al. (2020) trained RNNs on tasks from the neuroscience literature, starting from
# a random connectivity $J_0$ and updating **all** recurrent weights by gradient descent. The
# learning algorithm is not constrained in any way, yet the change $\Delta J = J - J_0$ was
# low rank: a few singular values stand out, the rest are small. We reproduce this in a minimal
# setting, with the trainer in `lrnn_utils.training` (numpy only).
#
# **Network.** $N = 200$ rate neurons, time in units of $\tau$, Euler steps $dt = 0.2$:
#
# $$x_{t+1} = x_t + dt\,\big(-x_t + J\phi(x_t) + w_{\rm in}u_t\big),\qquad z_t = w_{\rm out}^T\phi(x_{t+1}),$$
#
# with $J_0$ of gain $g = 0.9$, fixed input weights $w_{{\rm in},i}\sim\mathcal N(0,1)$ and fixed readout
# weights $w_{{\rm out},i}\sim\mathcal N(0, 1/N)$. Only $J$ is trained.
#
# **Task: a one-bit flip-flop** (Sussillo & Barak 2013). Brief input pulses of amplitude $\pm 1$
# arrive at random times; the output must report the sign of the last pulse and hold it until
# the next one — a memory. Before the first pulse the target is 0; the loss ignores the pulse
# periods (the network gets $1\,\tau$ to switch).
#
# **Learning.** The loss is the mean squared error $L = \langle (z_t - y_t)^2\rangle$ over a batch of 16
# fresh random trials of $20\,\tau$. Its exact gradient $\partial L/\partial J$ is computed by
# back-propagation through time (BPTT),
#
# $$\frac{\partial L}{\partial J} = dt\sum_{\text{trials},\,t} a_{t+1}\,\phi(x_t)^T, \qquad
# a_t = (1-dt)\,a_{t+1} + dt\,\phi'(x_t)\odot J^Ta_{t+1} + \phi'(x_t)\odot w_{\rm out}\,\frac{\partial L}{\partial z_{t-1}},$$
#
# where $a_t = \partial L/\partial x_t$ runs backwards in time (the library's gradient agrees with
# finite differences of the loss). We take 100 steps of gradient descent with momentum.

# %%
N_tr, g_tr, n_steps = 200, 0.9, 100  # 100 steps of dt = 0.2: trials of 20 τ
rng_tr = np.random.default_rng([SEED, 5])
J0_tr = random_bulk(N_tr, g_tr, rng_tr)
w_in = rng_tr.standard_normal((N_tr, 1))
w_out = rng_tr.standard_normal((N_tr, 1)) / np.sqrt(N_tr)
test = flipflop_task(64, np.random.default_rng([SEED, 6]), n_steps=n_steps)  # held out

result = train_rnn(
    J0_tr,
    w_in,
    w_out,
    lambda r: flipflop_task(16, r, n_steps=n_steps),
    rng_tr,
    n_iter=100,
    lr=0.01,
    optimizer="sgd",
    momentum=0.9,
)
dJ = result.delta_J
loss_J0 = task_loss(J0_tr, w_in, w_out, test)
loss_J = task_loss(result.J, w_in, w_out, test)
print(f"test loss: J0 {loss_J0:.3f} -> J {loss_J:.4f}")
assert loss_J < 0.02 * loss_J0, "training must reduce the test loss by more than 98 %"

# %% tags=["hide-input"]
# the held-out trial with the most pulses
i_show = int(np.argmax(np.abs(np.diff(test.inputs[:, :, 0], axis=1)).sum(axis=1)))
trial = test.inputs[i_show : i_show + 1]
run0 = run_rnn(J0_tr, w_in, w_out, trial, test.dt)
run1 = run_rnn(result.J, w_in, w_out, trial, test.dt)
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.4),
                         gridspec_kw=dict(width_ratios=[1, 1.7]))
ax = axes[0]
ax.semilogy(np.arange(1, 101), result.loss, color=COLORS["blue"])
ax.set(xlabel="training iteration", ylabel="training loss (MSE)")
ax.set_title("learning curve")
ax = axes[1]
ax.plot(test.t, trial[0, :, 0], color=COLORS["grey"], lw=1, label="input pulses $u$")
ax.plot(test.t, test.targets[i_show, :, 0], color=COLORS["theory"], ls="--", lw=1.2,
        label="target $y$")
ax.plot(test.t, run0.z[0, :, 0], color=COLORS["orange"], label="before training")
ax.plot(test.t, run1.z[0, :, 0], color=COLORS["sim"], label="after training")
ax.set(xlabel=r"time ($\tau$)", ylabel="input / output", ylim=(-1.5, 2.0))
ax.set_title("a held-out flip-flop trial")
ax.legend(fontsize=9, loc="upper center", ncol=2)
fig.tight_layout()

# %% [markdown]
# ### The singular values of $\Delta J$ fall off; those of $J_0$ follow the quarter-circle law
#
# Any matrix is a sum of rank-one terms ordered by size, $A = \sum_k s_k u_k v_k^T$ (the SVD, notebook 01).
# For the random $J_0$ (entries $\mathcal N(0, g^2/N)$) the singular values fill the interval $[0, 2g]$
# with the **quarter-circle** density (the square roots of Marchenko–Pastur eigenvalues):
#
# $$p(s) = \frac{\sqrt{4g^2 - s^2}}{\pi g^2},\qquad 0 \le s \le 2g .$$
#
# No direction is special: a smooth continuum. A convenient count of "how many directions
# matter" is the **effective rank** $r_{\rm eff} = (\sum_k s_k^2)^2/\sum_k s_k^4$ — the participation ratio of
# the squared singular values. For $J_0$ the moments $\langle s^2\rangle = g^2$, $\langle s^4\rangle = 2g^4$ of
# the quarter circle give $r_{\rm eff} = N/2$ (Exercise 3).
#
# Tolerances: the empirical distribution function of the singular values of $J_0$ is rigid — its
# distance to the quarter-circle law (Kolmogorov–Smirnov) is $O(1/N)$ up to logarithms (largest
# value we measured over 100 networks: $3.9/N$); we allow $6/N$, and $|r_{\rm eff}/N - 1/2| < 3/N$
# (measured standard deviation $0.5/N$).

# %%
s_J0 = np.linalg.svd(J0_tr, compute_uv=False)
U, s_dJ, Vt = np.linalg.svd(dJ)
batch0 = flipflop_task(16, np.random.default_rng([SEED, 7]), n_steps=n_steps)
grad0 = loss_and_grad(J0_tr, w_in, w_out, batch0)[1]
s_grad0 = np.linalg.svd(grad0, compute_uv=False)


def quarter_circle_cdf(s, g):
    """Fraction of singular values of J0 below s.

    (2/π)(u√(1-u²) + arcsin u) with u = s/2g.
    """
    u = np.clip(np.asarray(s) / (2 * g), 0.0, 1.0)
    return 2 / np.pi * (u * np.sqrt(1 - u**2) + np.arcsin(u))


# %%
cdf = quarter_circle_cdf(np.sort(s_J0), g_tr)
k_frac = np.arange(1, N_tr + 1) / N_tr
ks = max(np.max(np.abs(cdf - k_frac)), np.max(np.abs(cdf - (k_frac - 1 / N_tr))))
r_J0, r_dJ = effective_rank(s_J0), effective_rank(s_dJ)
top5 = np.sum(s_dJ[:5] ** 2) / np.sum(s_dJ**2)
print(f"J0: KS distance to the quarter circle = {ks:.3f} (< 6/N = {6 / N_tr:.3f})")
print(f"J0: effective rank {r_J0:.1f} (N/2 = {N_tr / 2:.0f})")
print(f"ΔJ: effective rank {r_dJ:.2f}; "
      f"the top 5 singular values hold {top5:.1%} of ‖ΔJ‖²_F")
print(f"gradient at J0: s2/s1 = {s_grad0[1] / s_grad0[0]:.3f}, "
      f"s3/s1 = {s_grad0[2] / s_grad0[0]:.3f}")
assert ks < 6 / N_tr, "the singular values of J0 must follow the quarter-circle law"
assert abs(r_J0 / N_tr - 0.5) < 3 / N_tr, "effective rank of J0 must be N/2"
assert r_dJ < 4, "ΔJ must be effectively low rank"
assert top5 > 0.95, "the top 5 singular values must hold >95 % of ΔJ's squared norm"

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 3, figsize=(8.5, 3.2))
s_grid = np.linspace(0, 2 * g_tr, 300)
ax = axes[0]
ax.hist(s_J0, bins=20, density=True, color=COLORS["sky"], alpha=0.7, label="$J_0$")
qc = np.sqrt(4 * g_tr**2 - s_grid**2) / (np.pi * g_tr**2)
ax.plot(s_grid, qc, color=COLORS["theory"], label="quarter\ncircle")
ax.set(xlabel="singular value $s$", ylabel="density", title=f"$J_0$, g = {g_tr}")
ax.legend(fontsize=9)
ax = axes[1]
k_idx = np.arange(1, N_tr + 1)
s_theory = np.interp(1 - (k_idx - 0.5) / N_tr, quarter_circle_cdf(s_grid, g_tr), s_grid)
plot_ranked(s_J0, ax=ax, fmt="o", color=COLORS["sky"], label="$J_0$")
ax.plot(k_idx, s_theory, color=COLORS["theory"], lw=1, label="quarter circle")
plot_ranked(s_dJ, ax=ax, fmt="o", color=COLORS["sim"], label=r"$\Delta J$")
ax.set(xlabel="rank index $k$", ylabel="singular value $s_k$", title="ordered")
ax.legend(fontsize=9, loc="upper right")
ax = axes[2]
first30 = dict(ax=ax, n_show=30, normalise=True, log=True)
plot_ranked(s_J0, color=COLORS["sky"], label="$J_0$", **first30)
plot_ranked(s_dJ, color=COLORS["sim"], label=r"$\Delta J$", **first30)
plot_ranked(s_grad0, fmt="^-", color=COLORS["green"], label="gradient\nat $J_0$",
            **first30)
ax.set(xlabel="rank index $k$", ylabel="$s_k / s_1$", title="the first 30")
ax.legend(fontsize=9)
fig.tight_layout()
savefig(fig, "00_trained_singular_values")

# %% [markdown]
# $J_0$ has a continuum of singular values up to $2g = 1.8$; $\Delta J$ has a few large ones and a
# tail that is one to two orders of magnitude smaller. Where does the structure come from?
# The gradient is a sum of outer products $a_{t+1}\phi(x_t)^T$; on this task with one input and one
# output, the gradient at the start of training is already dominated by a single direction
# (green), and successive gradient steps keep adding to a few consistent directions while the
# rest averages out. Schuessler et al. make this precise for linear networks trained on a
# simplified task: the low dimension of the task (few inputs and outputs) makes the changes
# low rank, and the random $J_0$ speeds learning up. (With the Adam optimiser, whose per-weight rescaling does
# not respect the matrix structure, the tail is somewhat heavier; try `optimizer="adam"`, `lr=1e-3`.)
#
# ### A rank-5 approximation of $\Delta J$ does the task; the other 195 directions do nothing
#
# Keep only the first $R$ terms of the SVD, $\Delta J_R = \sum_{k\le R} s_k u_k v_k^T$, and test the network
# $J_0 + \Delta J_R$ on the held-out trials. The complementary experiment keeps everything **but**
# the first $R$ terms, $J_0 + (\Delta J - \Delta J_R)$.

# %%
ranks = np.arange(0, 11)
loss_trunc, loss_rest = [], []
for R in ranks:
    dJ_R = (U[:, :R] * s_dJ[:R]) @ Vt[:R]
    loss_trunc.append(task_loss(J0_tr + dJ_R, w_in, w_out, test))
    loss_rest.append(task_loss(J0_tr + dJ - dJ_R, w_in, w_out, test))
loss_trunc, loss_rest = np.array(loss_trunc), np.array(loss_rest)
print(
    f"loss with ΔJ_5: {loss_trunc[5]:.4f} (full ΔJ: {loss_J:.4f}, J0: {loss_J0:.3f}); "
    f"with ΔJ minus its top 5: {loss_rest[5]:.3f}"
)
assert loss_trunc[5] < 0.1 * loss_J0, (
    "the rank-5 approximation must keep the performance"
)
assert loss_rest[5] > 0.9 * loss_J0, (
    "without its top-5 directions ΔJ must do (almost) nothing"
)

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(6, 3.8))
ax.semilogy(ranks, loss_trunc, "o-", color=COLORS["sim"],
            label=r"$J_0 + \Delta J_R$ (top R kept)")
ax.semilogy(ranks, loss_rest, "s-", color=COLORS["sky"],
            label=r"$J_0 + \Delta J - \Delta J_R$ (top R removed)")
ax.axhline(loss_J0, color=COLORS["grey"], ls=":", label="$J_0$ (untrained)")
ax.axhline(loss_J, color=COLORS["theory"], ls="--", lw=1,
           label=r"$J_0 + \Delta J$ (trained)")
ax.set(xlabel="rank R", ylabel="test loss (MSE)")
ax.set_title("the task lives in a few directions of $\\Delta J$")
ax.legend(fontsize=9, loc="center right")
fig.tight_layout()
savefig(fig, "00_low_rank_truncation")

# %% [markdown]
# After a few terms the truncated network is (nearly) as good as the fully trained one — over
# twenty networks the rank-5 truncation kept at least 94 % of the reduction of the loss, usually
# more than 98 % — while removing the
# top few directions leaves a network as bad as $J_0$: the remaining ~195 directions of $\Delta J$
# carry (almost) nothing of the task. The curve is not monotonic at small $R$ — keeping some
# terms without the ones that compensate them can be worse than keeping fewer (a truncation of
# $\Delta J$ is not the same as a network trained with rank $R$) — which is why we assert at $R = 5$.
#
# Written as $\Delta J_R = \sum_{r\le R} m_r n_r^T/N$ with $m_r = \sqrt N s_r u_r$ and $n_r = \sqrt N v_r$, the trained
# network is exactly of the form this lecture studies: **a random bulk plus a few outer
# products**. (The 1/N convention and the normalisation are a choice; notebook 01 discusses it.)
# Which directions did learning pick? The next two exercises answer it.

# %% [markdown]
# ### Exercise 3: the effective rank of a random matrix
#
# **4 points** (2 autograded, 2 written) · difficulty 2/3 · about 20 min
#
# (a) With pen and paper: use $\sum_k s_k^2 = \|J_0\|_F^2 = \sum_{ij} J_{0,ij}^2$ and the
# quarter-circle moments $\langle s^2\rangle = g^2$, $\langle s^4\rangle = 2g^4$ to show that
# $r_{\rm eff}(J_0) \to N/2$, whatever $g$.
#
# (b) The two sums need no SVD. Write `spectral_moments(J)` that returns the pair
# $(S_2, S_4) = (\sum_k s_k^2, \sum_k s_k^4)$ of a square matrix `J` computed from its
# entries, without `np.linalg.svd` or `eigvals` (hint: $s_k^2$ are the eigenvalues of $JJ^T$,
# and the trace of a matrix is the sum of its eigenvalues). The checker tries it on matrices
# of its choosing; the cell then computes $r_{\rm eff} = S_2^2/S_4$ of a fresh random matrix
# ($N = 300$, $g = 1.3$). Is it close to $N/2$? How does it compare with $r_{\rm eff}(\Delta J)$?

# %% [markdown] tags=["answer"]
# *Your answer:* (a) your derivation

# %% [markdown] tags=["answer"]
# *Your answer:* (b) how close to N/2, and the comparison with ΔJ


# %% tags=["raises-exception"]
def spectral_moments(J):
    """(Σ s², Σ s⁴) over the singular values s of J, from its entries."""
    ...


checks.exercise_3(spectral_moments)
J0_ex = random_bulk(300, 1.3, np.random.default_rng([SEED, 8]))
S2, S4 = spectral_moments(J0_ex)
print(f"r_eff(J0) = {S2**2 / S4:.1f} vs N/2 = 150;  ⟨s⁴⟩ = {S4 / 300:.3f} vs 2g⁴ = "
      f"{2 * 1.3**4:.3f};  r_eff(ΔJ) = {effective_rank(s_dJ):.2f}")


# %% tags=["solution"]
def spectral_moments(J):
    """(Σ s², Σ s⁴) over the singular values s of J, from its entries."""
    gram = J @ J.T  # its eigenvalues are the s²
    return np.sum(J**2), np.sum(gram**2)  # tr(J Jᵀ), tr((J Jᵀ)²) = Σ_ij (J Jᵀ)_ij²


checks.exercise_3(spectral_moments)
J0_ex = random_bulk(300, 1.3, np.random.default_rng([SEED, 8]))
S2, S4 = spectral_moments(J0_ex)
print(f"r_eff(J0) = {S2**2 / S4:.1f} vs N/2 = 150;  ⟨s⁴⟩ = {S4 / 300:.3f} vs 2g⁴ = "
      f"{2 * 1.3**4:.3f};  r_eff(ΔJ) = {effective_rank(s_dJ):.2f}")
assert abs(S2**2 / S4 / 300 - 0.5) < 3 / 300, "r_eff(J0) = N/2 up to O(1)"

# %% [markdown] tags=["solution"]
# **(a)** Write $S_2 = \sum_k s_k^2$ and $S_4 = \sum_k s_k^4$, so $r_{\rm eff} = S_2^2/S_4$.
# First, $S_2 = \|J_0\|_F^2 = \sum_{ij}J_{0,ij}^2$ is a sum of $N^2$ independent terms of mean
# $g^2/N$, so $S_2 = N g^2\,(1 + O(1/N))$: that is $\langle s^2\rangle = S_2/N = g^2$. Second,
# $S_4 = N\langle s^4\rangle = 2Ng^4$ from the quarter-circle moment. Hence
#
# $$r_{\rm eff} = \frac{(Ng^2)^2}{2Ng^4} = \frac N2 ,$$
#
# independent of $g$ because both moments scale with the same power of $g$. (The moment
# $\langle s^4\rangle = 2g^4$ is the second moment of the Marchenko–Pastur law of $J_0J_0^T$:
# $\frac1N\mathrm{tr}(J_0J_0^T)^2 \to 2g^4$, counting the two non-crossing pairings of four
# factors.)
#
# **(b)** The measured value is within a few units of $N/2 = 150$ (the finite-$N$ correction
# is $O(1)$), and $\langle s^4\rangle$ is close to $2g^4 \approx 5.71$, while
# $r_{\rm eff}(\Delta J) \approx 2$: the trained change uses a handful of directions, the
# random matrix half of all of them.

# %% [markdown]
# ### Exercise 4: $n$ listens to the input, $m$ talks to the readout
#
# **3 points** (2 autograded, 1 written) · difficulty 2/3 · about 15 min
#
# In the rank-one network of the lecture, $\kappa = n^T\phi/N$ is what the network *listens
# to* and $m$ is the direction it *talks along*. In $\Delta J = \sum_k s_k u_k v_k^T$ the right
# singular vectors $v_k$ play the role of the $n$'s, the left ones $u_k$ that of the $m$'s.
# Write `io_alignment(dJ, w_in, w_out, R)` that returns the pair `(frac_in, frac_out)`:
#
# - `frac_in`: the fraction of the norm of `w_in` that lies in the span of the top $R$
#   **right** singular vectors of `dJ`, $\|V_R^T w_{\rm in}\| / \|w_{\rm in}\|$;
# - `frac_out`: the same for `w_out` and the top $R$ **left** singular vectors.
#
# The checker tries it on matrices with a planted structure; the cell then applies it to the
# trained network with $R = 3$. Before you look: what would you expect for a random vector of
# length $N = 200$ and a random 3-dimensional subspace? (Hint: on average a fraction $R/N$ of
# its squared norm.)

# %% [markdown] tags=["answer"]
# *Your answer:* (the chance level, and what you measured)


# %% tags=["raises-exception"]
def io_alignment(dJ, w_in, w_out, R):
    """Fractions of ‖w_in‖ in span(v_1..v_R) and of ‖w_out‖ in span(u_1..u_R) of dJ."""
    ...


checks.exercise_4(io_alignment)
frac_in, frac_out = io_alignment(dJ, w_in[:, 0], w_out[:, 0], 3)
print(f"input in span(v1..v3): {frac_in:.2f}; readout in span(u1..u3): {frac_out:.2f}; "
      f"chance √(R/N) = {np.sqrt(3 / N_tr):.2f}")


# %% tags=["solution"]
def io_alignment(dJ, w_in, w_out, R):
    """Fractions of ‖w_in‖ in span(v_1..v_R) and of ‖w_out‖ in span(u_1..u_R) of dJ."""
    U_, _, Vt_ = np.linalg.svd(dJ)
    frac_in = np.linalg.norm(Vt_[:R] @ w_in) / np.linalg.norm(w_in)
    frac_out = np.linalg.norm(U_[:, :R].T @ w_out) / np.linalg.norm(w_out)
    return frac_in, frac_out


checks.exercise_4(io_alignment)
frac_in, frac_out = io_alignment(dJ, w_in[:, 0], w_out[:, 0], 3)
print(f"input in span(v1..v3): {frac_in:.2f}; readout in span(u1..u3): {frac_out:.2f}; "
      f"chance √(R/N) = {np.sqrt(3 / N_tr):.2f}")
# Chance: a fraction R/N of the squared norm, i.e. √(3/200) ≈ 0.12 of the norm. Both
# measured fractions are far above it: learning put the n's along the input and the m's
# along the readout.

# %% [markdown] tags=["core"]
# ## Summary
#
# - PCA and the participation ratio measure how many dimensions population activity uses. A
#   rank-$R$ network without random part has its **currents** $x$ **exactly** in the span of its
#   $R$ vectors $m_r$ (plus input directions); its rates $\phi(x)$ lie on a curved $R$-dimensional
#   surface and need a few more linear dimensions (PR ≈ 2.14 for $R = 2$). A weak random part adds
#   little; chaotic random activity spreads over a number of dimensions that grows with $N$ and,
#   at finite recording length, varies from trial to trial and network to network.
# - Real recordings are often low-dimensional (rotations in motor cortex, Churchland et al. 2012;
#   neural manifolds, Gallego et al. 2017; Gao & Ganguli 2015), not always (Stringer et al. 2019);
#   our simulations illustrate the analysis, they are not data.
# - Training every weight of $J = J_0 + \Delta J$ by gradient descent on a flip-flop task gives a
#   $\Delta J$ whose singular values fall off after a few (effective rank ≈ 2), while $J_0$'s fill the
#   quarter circle (effective rank $N/2$). A rank-5 truncation does the task; the remaining 195
#   directions do nothing — as found by Schuessler et al. (2020).
# - The learned right singular vectors (the $n$'s) align with the input, the left ones (the $m$'s)
#   with the readout: the trained network is a random bulk plus a few outer products $m_r n_r^T$.
#
# **Next:** [01 — Rank, outer products and the SVD](01_rank_and_svd.ipynb): the linear algebra of
# $P = MN^T/N$, the best rank-$R$ approximation, and the eigenvalue outlier of $J_0 + mn^T/N$.
#
# ## References
#
# - M. M. Churchland, J. P. Cunningham, M. T. Kaufman, J. D. Foster, P. Nuyujukian, S. I. Ryu and
#   K. V. Shenoy (2012). Neural population dynamics during reaching. *Nature* 487:51–56.
# - J. A. Gallego, M. G. Perich, L. E. Miller and S. A. Solla (2017). Neural manifolds for the
#   control of movement. *Neuron* 94(5):978–984.
# - J. P. Cunningham and B. M. Yu (2014). Dimensionality reduction for large-scale neural
#   recordings. *Nature Neuroscience* 17:1500–1509.
# - P. Gao and S. Ganguli (2015). On simplicity and complexity in the brave new world of
#   large-scale neuroscience. *Current Opinion in Neurobiology* 32:148–155.
# - C. Stringer, M. Pachitariu, N. Steinmetz, M. Carandini and K. D. Harris (2019).
#   High-dimensional geometry of population responses in visual cortex. *Nature* 571:361–365.
# - D. G. Clark, L. F. Abbott and A. Litwin-Kumar (2023). Dimension of activity in random neural
#   networks. *Physical Review Letters* 131:118401.
# - F. Schuessler, F. Mastrogiuseppe, A. Dubreuil, S. Ostojic and O. Barak (2020). The interplay
#   between randomness and structure during learning in RNNs. *Advances in Neural Information
#   Processing Systems* 33 (NeurIPS 2020). arXiv:2006.11036.
# - D. Sussillo and O. Barak (2013). Opening the black box: low-dimensional dynamics in
#   high-dimensional recurrent neural networks. *Neural Computation* 25(3):626–649.
# - V. A. Marchenko and L. A. Pastur (1967). Distribution of eigenvalues for some sets of random
#   matrices. *Mathematics of the USSR-Sbornik* 1(4):457–483.
# - P. J. Werbos (1990). Backpropagation through time: what it does and how to do it.
#   *Proceedings of the IEEE* 78(10):1550–1560.
# - F. Mastrogiuseppe and S. Ostojic (2018). Linking connectivity, dynamics, and computations in
#   low-rank recurrent neural networks. *Neuron* 99(3):609–623.
