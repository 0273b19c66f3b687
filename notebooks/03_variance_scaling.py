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
# # 03 — Variance scaling: $O(1/\sqrt N)$ versus $O(1/N)$
#
# The connectivity of the lecture, $J = J_0 + m n^T/N$, mixes two kinds of weights of very
# different size: random weights $J_{0,ij}\sim\mathcal N(0, g^2/N)$ of typical size $g/\sqrt N$, and
# structured weights $m_i n_j/N$ of typical size $1/N$ — for $N = 10^4$, a hundred times smaller.
# Yet both shape the dynamics. This notebook shows why, by counting how sums of $N$ terms grow:
# a sum of $N$ terms with **random signs** grows like $\sqrt N$, a sum of $N$ terms with a **coherent
# sign** grows like $N$. Random weights give an $O(1)$ input through the first mechanism; structured
# weights give an $O(1)$ input through the second — but only when the activity $\phi$ is aligned with
# $n$. Otherwise their input is a negligible $O(1/\sqrt N)$. We check every scaling numerically over
# $N = 10^2\ldots10^4$ with fitted slopes, explain why the structure sets the *mean* input and the
# random part the *fluctuations*, and see the same in a network.
#
# **Learning goals**
# - Derive $\mathrm{Var}\big(\sum_j J_{0,ij}\phi_j\big) = g^2\langle\phi^2\rangle$ (second moment, not variance of $\phi$) and explain
#   why $O(1/\sqrt N)$ weights give an $O(1)$ input.
# - Show that the structured input $m_i\,n^T\phi/N$ is $O(1/\sqrt N)$ when $n$ and $\phi$ are independent and
#   $O(1)$ when they are correlated — by correlated fluctuations or by aligned means.
# - Measure scaling exponents from log–log fits with standard errors.
# - Explain why the structured part dominates the mean input (and any fixed direction such as
#   $m$) while the random part dominates the fluctuations.
#
# **Estimated time:** 45–60 minutes (with exercises).
#
# **Prerequisites:** [02 — The rank-one RNN](02_rank_one_rnn.ipynb).

# %% tags=["hide-input"]
# %matplotlib inline
from functools import partial

import matplotlib.pyplot as plt
import numpy as np

from lrnn_utils import dphi, gauss_avg, phi, random_bulk, simulate
from lrnn_utils.checks import nb03 as checks
from lrnn_utils.demos import slider_demo
from lrnn_utils.models import RankOne
from lrnn_utils.plotting import COLORS, savefig, use_style
from lrnn_utils.seeds import base_seed

use_style()
SEED = base_seed()  # every cell that draws random numbers makes rng([SEED, k])


# %% tags=["hide-input"]
def loglog_fit(N, y, sigma_log):
    """Weighted least-squares fit of log y = a + s log N.

    ``sigma_log`` is the standard error of each log y (from the spread of the repeated
    draws). Returns the slope s, its standard error, the intercept a, and the reduced χ²
    (≈ 1 when the power law and the error bars are right).
    """
    x, v = np.log(N), np.log(y)
    w = 1.0 / np.asarray(sigma_log) ** 2
    xm = np.sum(w * x) / w.sum()
    vm = np.sum(w * v) / w.sum()
    sxx = np.sum(w * (x - xm) ** 2)
    slope = np.sum(w * (x - xm) * (v - vm)) / sxx
    a = vm - slope * xm
    chi2 = np.sum(w * (v - a - slope * x) ** 2) / (len(x) - 2)
    return slope, np.sqrt(1.0 / sxx), a, chi2


def rms_and_err(v):
    """Root mean square of samples v and the standard error of its log."""
    v2 = v**2
    return np.sqrt(v2.mean()), 0.5 * v2.std() / (np.sqrt(v2.size) * v2.mean())


# %% [markdown] tags=["core"]
# ## 1. Random weights: an $O(1)$ input from $O(1/\sqrt N)$ weights
#
# Take any rates $\phi_1,\ldots,\phi_N$ that do not depend on row $i$ of $J_0$, and look at the input
# $h_i = \sum_j J_{0,ij}\phi_j$ (symbols: [notation](../README.md#notation)). The weights are independent with mean 0 and variance $g^2/N$, so
#
# $$\mathbb E[h_i] = 0,\qquad \mathrm{Var}(h_i) = \sum_j \frac{g^2}{N}\phi_j^2 = g^2\,\langle\phi^2\rangle,\qquad
#   \langle\phi^2\rangle = \frac1N\sum_j\phi_j^2 .$$
#
# $N$ terms of size $g/\sqrt N$ with random signs add up to $\sqrt N\cdot g/\sqrt N = O(1)$; by the central
# limit theorem $h_i$ is Gaussian. This is why the random bulk is scaled with $1/\sqrt N$: it keeps
# the input finite as $N$ grows (and puts the eigenvalues in a disk of radius $g$, notebook 01).
#
# > **Lecture-notes fine print.** The variance is $g^2$ times the **second moment** $\langle\phi^2\rangle$,
# > not $g^2\,\mathrm{Var}(\phi)$: the two agree only if the rates have zero population mean. With
# > $\phi = \tanh$ and zero-mean inputs that is the case, but not with a mean input (Exercise 1).
#
# Below: one set of rates with a non-zero mean, 4000 independent rows of $J_0$.

# %%
rng = np.random.default_rng([SEED, 1])
N = 1000
g = 1.0
phi_vec = phi(0.8 + rng.standard_normal(N))  # rates with a clearly non-zero mean
rows = np.vstack(
    [random_bulk(N, g, rng) for _ in range(4)]
)  # 4000 independent rows of J0
h = rows @ phi_vec
second_moment, variance = np.mean(phi_vec**2), np.var(phi_vec)
# sampling error of a variance estimated from K Gaussian samples: relative s.e. √(2/K)
rel_se = np.sqrt(2 / h.size)
assert abs(h.var() / (g**2 * second_moment) - 1) < 4 * rel_se, "Var h = g²⟨φ²⟩"
assert abs(h.var() / (g**2 * variance) - 1) > 4 * rel_se, "…and not g² Var(φ) here"
print(
    f"Var(h) = {h.var():.3f};  g²⟨φ²⟩ = {g**2 * second_moment:.3f};  "
    f"g² Var(φ) = {g**2 * variance:.3f}  (mean rate {phi_vec.mean():.2f})"
)

# %% [markdown]
# ### Exercise 1: predict the random input
#
# **3 points** (2 autograded, 1 written) · difficulty 1/3 · about 10 min
#
# Write `input_std(phi, g)` that predicts, **without simulating**, the standard deviation of
# $(J_0\phi)_i$ across independent random bulks $J_{0,ij}\sim\mathcal N(0, g^2/N)$ for given rates
# `phi` (N,). The checker calls it on rates of its own (with non-zero means). Then check
# your prediction for the rates `phi_ex` below and $g = 0.7$ by drawing a few hundred rows
# of $J_0$ with `random_bulk`. Why is the answer not $g$ times the standard deviation of
# the rates?

# %%
phi_ex = phi(-0.5 + 1.5 * np.random.default_rng([SEED, 2]).standard_normal(400))


# %% tags=["raises-exception"]
def input_std(phi, g):
    """Predicted std of (J0 φ)_i over random bulks J0 ~ N(0, g²/N), rates φ (N,)."""
    return ...


checks.exercise_1(input_std)

# %% [markdown] tags=["answer"]
# *Your answer:*


# %% tags=["solution"]
def input_std(phi, g):
    """Predicted std of (J0 φ)_i over random bulks J0 ~ N(0, g²/N), rates φ (N,)."""
    return g * np.sqrt(np.mean(phi**2))


checks.exercise_1(input_std)
std_pred = input_std(phi_ex, 0.7)
rng = np.random.default_rng([SEED, 3])
h_ex = np.vstack([random_bulk(400, 0.7, rng) for _ in range(5)]) @ phi_ex  # 2000 draws
print(f"predicted {std_pred:.4f}, measured {h_ex.std():.4f}")
assert abs(h_ex.std() / std_pred - 1) < 4 / np.sqrt(2 * h_ex.size)
# The weights have zero mean, so Var h_i = Σ_j (g²/N) φ_j² = g²⟨φ²⟩: the second moment,
# which contains the mean of the rates; g·std(φ) would miss ⟨φ⟩².

# %% [markdown] tags=["core"]
# ## 2. Structured weights: $O(1)$ only when $\phi$ is aligned with $n$
#
# The structured input to neuron $i$ is $\sum_j \frac{m_in_j}{N}\phi_j = m_i\,\kappa$ with $\kappa = \frac1N\sum_j n_j\phi_j$, an
# average of $N$ terms $n_j\phi_j$. What it converges to depends on whether the terms have a
# coherent sign:
#
# - **$n$ and $\phi$ independent** (and $n$ of zero mean): the terms have random signs, $\mathbb E[\kappa] = 0$ and
#   $$\mathbb E[\kappa^2] = \frac{\langle n^2\rangle\langle\phi^2\rangle}{N}\quad\Rightarrow\quad \kappa = O(1/\sqrt N):$$
#   $\sqrt N$ terms of size $1/N$ — the structured input vanishes for large $N$.
# - **$\phi$ aligned with $n$**: the terms have a coherent sign and $\kappa \to \langle n\,\phi\rangle = O(1)$; only its
#   fluctuations around that limit are $O(1/\sqrt N)$. How does $\phi$ become aligned with $n$? In a
#   network, through the loop: $x$ gets a component $m\kappa$, so $\phi(x)$ correlates with $m$, and
#   $n$ reads that component when $n$ overlaps $m$ (the simplest case is $m = n$).
#
# To test this without simulating networks, we draw the rates directly, as a network would
# produce them: $x_j = a\,n_j + b\,z_j$ (structure along $n$ of amplitude $a$ plus an independent random
# part of size $b$), $\phi_j = \tanh(x_j)$. For the "independent" case we read the **same** rates with a
# fresh vector $n'$, so both cases have identical rate statistics and differ only in alignment.
# Stein's lemma gives the aligned limit exactly, $\langle n\phi\rangle = a\,[\phi'](0, a^2+b^2)$ (the
# correlated-fluctuations mechanism of notebook 02).

# %% tags=["hide-input"]
rng = np.random.default_rng([SEED, 4])
a, b = 1.0, 0.6  # amplitude of the structured and random parts of x
Ns = np.unique(np.round(np.logspace(2, 4, 9)).astype(int))
R = 300  # independent draws per N
KEYS = ("w_rand", "w_struct", "h_rand", "k_ind", "k_al_mean", "k_al_sd")
stats, errs = ({k: [] for k in KEYS} for _ in range(2))  # errs: s.e. of log(quantity)


for N_ in Ns:
    n_vec, m_vec, n_ind = rng.standard_normal((3, R, N_))  # n, m, an independent n'
    rates = np.tanh(a * n_vec + b * rng.standard_normal((R, N_)))
    J_row = rng.standard_normal((R, N_)) * (g / np.sqrt(N_))  # one row of J0 per draw
    k_al = np.einsum("rj,rj->r", n_vec, rates) / N_
    for key, (val, err) in {
        "w_rand": rms_and_err(J_row.ravel()),
        "w_struct": rms_and_err(m_vec[:, 0] * n_vec[:, 1] / N_),  # one m_i n_j/N each
        "h_rand": rms_and_err(np.einsum("rj,rj->r", J_row, rates)),
        "k_ind": rms_and_err(np.einsum("rj,rj->r", n_ind, rates) / N_),
        "k_al_mean": (k_al.mean(), k_al.std() / (np.sqrt(R) * k_al.mean())),
        "k_al_sd": (k_al.std(), 1 / np.sqrt(2 * (R - 1))),
    }.items():
        stats[key].append(val)
        errs[key].append(err)
stats = {k: np.array(v) for k, v in stats.items()}

# %%
# exact large-N values
phi2 = gauss_avg(lambda x: np.tanh(x) ** 2, 0.0, a**2 + b**2)  # ⟨φ²⟩
k_limit = a * gauss_avg(dphi, 0.0, a**2 + b**2)  # ⟨nφ⟩ by Stein's lemma
# Var(nφ) = ⟨n²φ²⟩ - ⟨nφ⟩², by two-dimensional quadrature on a grid
zz = np.linspace(-8, 8, 401)
wz = np.exp(-(zz**2) / 2)
wz /= wz.sum()
n_grid, z_grid = np.meshgrid(zz, zz, indexing="ij")
nphi2 = (n_grid * np.tanh(a * n_grid + b * z_grid)) ** 2
var_nphi = np.einsum("i,j,ij->", wz, wz, nphi2) - k_limit**2
theory = {
    "w_rand": g / np.sqrt(Ns),
    "w_struct": 1.0 / Ns,
    "h_rand": g * np.sqrt(phi2) * np.ones(len(Ns)),
    "k_ind": np.sqrt(phi2 / Ns),
    "k_al_mean": k_limit * np.ones(len(Ns)),
    "k_al_sd": np.sqrt(var_nphi / Ns),
}
expected_slope = dict(w_rand=-0.5, w_struct=-1.0, h_rand=0.0, k_ind=-0.5, k_al_mean=0.0,
                      k_al_sd=-0.5)

# %%
fits = {}
for key in stats:
    s, se, a_fit, chi2 = loglog_fit(Ns, stats[key], errs[key])
    fits[key] = (s, se, a_fit)
    print(f"{key:10s} slope {s:+.3f} ± {se:.3f}  (expected {expected_slope[key]:+.1f}, "
          f"reduced χ² {chi2:.2f})")
    # the fit must be precise enough to tell -1/2 from 0 ...
    assert se < 0.03, f"{key}: slope not determined well enough"
    # ... and agree with the predicted exponent within 4 standard errors
    assert abs(s - expected_slope[key]) < 4 * se, f"{key}: slope {s:.3f} ± {se:.3f}"
    # every point agrees with the exact large-N value within 4 s.e. of its log
    dev = np.abs(np.log(stats[key] / theory[key]))
    assert np.all(dev < 4 * np.array(errs[key]) + 1e-12), key

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(8, 5.2))
styles = {
    "w_rand": (COLORS["blue"], "s", r"random weight $|J_{0,ij}|$", "--"),
    "w_struct": (COLORS["sim"], "s", r"structured weight $|m_in_j/N|$", "--"),
    "h_rand": (COLORS["blue"], "o", r"random input $(J_0\phi)_i$", "-"),
    "k_ind": (COLORS["purple"], "o", r"structured, $n$ and $\phi$ independent", "-"),
    "k_al_mean": (COLORS["sim"], "o", r"structured, $\phi$ aligned with $n$", "-"),
    "k_al_sd": (COLORS["orange"], "^", r"   … its fluctuation (std over draws)", ":"),
}
for key, (col, mk, lab, ls) in styles.items():
    s, se, _ = fits[key]
    slope_txt = f"{s:+.2f}".replace("-0.00", "+0.00")
    ax.loglog(Ns, stats[key], mk, color=col, ms=6,
              label=f"{lab}:  slope {slope_txt} ± {max(se, 0.005):.2f}")
    ax.loglog(Ns, theory[key], ls, color=col, lw=1.2)
ax.set(xlabel="network size $N$", ylim=(3e-5, 3),
       ylabel="typical magnitude (r.m.s.; mean for the aligned input)",
       title="markers: draws; lines: exact scaling laws")
ax.legend(fontsize=9, loc="lower left")
fig.tight_layout()
savefig(fig, "03_variance_scaling")

# %% [markdown]
# (With $\Sigma_m = 1$ the typical structured input $|m_i\kappa|$ is $|\kappa|$, which is what is plotted.)
# Read the figure from the bottom up. Each structured weight ($1/N$, slope $-1$) is $\sqrt N$ times
# smaller than a random weight ($1/\sqrt N$, slope $-1/2$). Summed over $N$ presynaptic neurons, the
# random weights give an $O(1)$ input (slope 0). The structured weights give an $O(1)$ input
# *only* when the rates are aligned with $n$ (slope 0, orange circles): then all $N$ terms add
# coherently. For rates independent of $n$ (purple) the structured input decays like $1/\sqrt N$,
# and so do the fluctuations of the aligned input around its limit (triangles). The fitted
# slopes agree with $-1$, $-1/2$ and $0$ within a few standard errors, and every point lies on the
# exact curve within its error bar (asserted above; a reduced $\chi^2$ near 1 says the error bars
# are honest).
#
# ### Exercise 2: alignment through the means
#
# **3 points** (2 autograded, 1 written) · difficulty 1/3 · about 10 min
#
# Alignment need not come from correlated fluctuations. Let $n$ have mean $M_n$ (and
# $\Sigma_n = 1$), and let the rates be $\phi_j = \tanh(x_j)$ with $x_j\sim\mathcal N(\mu, \Delta)$, drawn
# **independently** of $n$. Write `kappa_limit(n_mean, mu, delta)`, the large-$N$ limit of
# $\kappa = n^T\phi/N$ (use `gauss_avg`); the checker calls it at parameters of its own. Is the
# structured input $O(1)$ or $O(1/\sqrt N)$? Check with draws at $N = 10^2, 10^3, 10^4$ for
# $M_n = 1$, $\mu = 0.5$, $\Delta = 1$.


# %% tags=["raises-exception"]
def kappa_limit(n_mean, mu, delta):
    """Large-N limit of nᵀφ/N, n (mean n_mean) independent of φ = tanh(N(mu, delta))."""
    return ...


checks.exercise_2(kappa_limit)

# %% [markdown] tags=["answer"]
# *Your answer:* (is the structured input O(1) or O(1/√N), and why)


# %% tags=["solution"]
def kappa_limit(n_mean, mu, delta):
    """Large-N limit of nᵀφ/N, n (mean n_mean) independent of φ = tanh(N(mu, delta))."""
    return n_mean * gauss_avg(phi, mu, delta)  # M_n ⟨φ⟩: the product of the means


checks.exercise_2(kappa_limit)
rng = np.random.default_rng([SEED, 5])
k_lim = kappa_limit(1.0, 0.5, 1.0)
for N_ in (100, 1000, 10_000):
    n_d = 1.0 + rng.standard_normal((200, N_))  # M_n = 1, Σ_n = 1
    x_d = 0.5 + rng.standard_normal((200, N_))  # independent of n
    k_draws = np.einsum("rj,rj->r", n_d, np.tanh(x_d)) / N_
    sem = k_draws.std() / np.sqrt(200)
    print(f"N = {N_:6d}: mean κ = {k_draws.mean():.4f} ± {sem:.4f}, "
          f"std {k_draws.std():.4f} (limit {k_lim:.4f})")
    assert abs(k_draws.mean() - k_lim) < 4 * sem
# O(1): independent but not orthogonal — aligned means M_n ⟨φ⟩ are the mean-overlap
# mechanism; only the fluctuations around the limit shrink like 1/√N.

# %% [markdown]
# ### Exercise 3: the wrong scaling
#
# **3 points** (2 autograded, 1 written) · difficulty 2/3 · about 15 min
#
# Suppose someone scaled the structured weights like the random ones, $P_{ij} = m_in_j/\sqrt N$.
# Write a function `input_sqrt(N, rng)` that draws one set of aligned rates as in the figure
# ($n_j$ and $z_j$ standard normal, $\phi_j = \tanh(a\,n_j + b\,z_j)$ with `a, b` as above) and returns the
# structured input $n^T\phi/\sqrt N$ under this scaling. The checker calls your function itself, at
# sizes and with random generators of its choosing. Then use it for $N$ = `Ns` (100 draws each),
# fit the log–log slope of the mean with `loglog_fit`, and explain what would happen to a network
# with such weights as $N$ grows.


# %% tags=["raises-exception"]
def input_sqrt(N, rng):
    """Structured input nᵀφ/√N for one draw of aligned rates of size N."""
    ...


checks.exercise_3(input_sqrt, a=a, b=b)

# %% [markdown] tags=["answer"]
# *Your answer:* (the slope, and what it means for a network as N grows)


# %% tags=["solution"]
def input_sqrt(N, rng):
    """Structured input nᵀφ/√N for one draw of aligned rates of size N."""
    n_d = rng.standard_normal(N)
    return n_d @ np.tanh(a * n_d + b * rng.standard_normal(N)) / np.sqrt(N)


checks.exercise_3(input_sqrt, a=a, b=b)
rng = np.random.default_rng([SEED, 6])
v = np.array([[input_sqrt(N_, rng) for _ in range(100)] for N_ in Ns])  # (len(Ns), 100)
sem_log = v.std(axis=1) / (10 * v.mean(axis=1))  # s.e. of log(mean), 100 draws
slope_sqrt, se_sqrt, _, _ = loglog_fit(Ns, v.mean(axis=1), sem_log)
print(f"slope {slope_sqrt:.3f} ± {se_sqrt:.3f}")
assert abs(slope_sqrt - 0.5) < 4 * se_sqrt, "with 1/√N weights the input grows like √N"
# +1/2: the structured input would grow like √N; the tanh saturates, the network locks
# into the structured pattern and the random part becomes irrelevant — no
# N-independent limit.

# %% [markdown] tags=["core"]
# ## 3. Why the structure sets the mean and the random part the fluctuations
#
# Both inputs are $O(1)$ per neuron, yet they are very different objects. Write the total input as
# $h_i = m_i\kappa + (J_0\phi)_i$ and look at it in two ways.
#
# **Per neuron, across realisations of the random bulk** (or across neurons with the same $m_i$):
# the structured part is the same number $m_i\kappa$ every time — it is the **mean** of the input —
# while the random part is a zero-mean Gaussian of variance $g^2\langle\phi^2\rangle$ — the **fluctuations**. This
# is the picture of mean-field theory: $x_i$ is Gaussian with mean $m_i\kappa$ (plus input) and a
# variance set by $g$ (notebook 04). In a chaotic network the same logic applies in time: the
# temporal fluctuations of the rates are (nearly) independent across neurons and of $n$, so they
# enter $\kappa(t)$ like the "independent" case of Section 2, $O(1/\sqrt N)$, while every $(J_0\phi)_i(t)$
# fluctuates by $O(1)$.
#
# **Along a fixed direction** $v$ (for instance $m$, or the uniform vector $\mathbf 1$ that gives the
# population mean). Take a unit vector $\hat v = v/|v|$. The random input $\eta = J_0\phi$ has a squared
# norm $|\eta|^2 \approx Ng^2\langle\phi^2\rangle$ spread evenly over all $N$ directions: its component along any fixed unit
# vector, $\hat v^T\eta$, is $O(1)$ with standard deviation $g\sqrt{\langle\phi^2\rangle}$ — exactly as large as its component
# along one neuron ($\hat v = e_i$ is a unit vector too). The structured input $m\kappa$ has norm $|m||\kappa| = O(\sqrt N)$,
# all in the single direction $m$: its component along $\hat m$ is $\sqrt N$ times larger than the random
# input's, and along $\hat{\mathbf 1}$ it is $\sqrt N\,M_m\kappa$. In the normalisation of population averages
# ($v^Th/N$ with $|v|^2 = O(N)$, such as the population mean $\mathbf 1^Th/N$ or the projection $m^Th/N$) these
# become $O(1)$ for the structure and $O(1/\sqrt N)$ for the random part. So the **population mean**
# input is set by the structure ($M_m\kappa$ when $m$ has a mean $M_m$), and the projection on $m$ too;
# "$O(1/\sqrt N)$ along a direction" is a statement about that normalisation, not a suppression of the
# random input in some directions.
#
# We check this in networks: the rank-one network of Section 4 with $g = 0.8$, overlap 2, and an
# $m$ with mean $M_m = 1$ ($\Sigma_m = 1$), at its fixed point $x^*$. We keep $m$ and $n$ and draw 12 random
# bulks $J_0$ ($N = 500$); for each we simulate the network and split its input
# $h = m\kappa + \eta$, $\eta = J_0\phi(x^*)$. Mean-field theory predicts $\kappa^*$, $[\phi^2]$ at $(\mu, \Delta_0)$, and hence
# every number printed below; the finite-$N$ deviations of $\kappa$ were measured at this point
# (r.m.s. $1.1/\sqrt N$ over 30 networks at $N = 400$ and 1600), and the projections of $\eta$ had the
# predicted standard deviation within 20 %. Tolerances: 4 times these.

# %% tags=["hide-input"]
rng = np.random.default_rng([SEED, 7])
N3, n_bulk, g3, ov3 = 500, 12, 0.8, 2.0
model3 = RankOne(g3, m_mean=1.0, m_var=1.0, n_var=1 + ov3**2, mn_cov=ov3)
sol3 = model3.solve(kappa0=1.0)
sd_eta = g3 * np.sqrt(gauss_avg(lambda x: np.tanh(x) ** 2, sol3.mu, sol3.delta0))
vec3 = model3.sample(N3, rng)
m3, n3 = vec3.m[:, 0], vec3.n[:, 0]  # M_m = 1, zero-mean n, σ_mn = 2
unit = {"1": np.ones(N3) / np.sqrt(N3), "m": m3 / np.linalg.norm(m3)}
kappa3, eta_rms, eta_all, eta_along = [], [], [], {k: [] for k in unit}
for _ in range(n_bulk):  # the same m, n; a new random bulk each time
    J0_3 = random_bulk(N3, g3, rng)
    x_star = simulate(m3, 20.0, 0.1, J0=J0_3, m=m3, n=n3, record_every=200).x[-1]
    eta = J0_3 @ np.tanh(x_star)  # the random input at the fixed point
    kappa3.append(n3 @ np.tanh(x_star) / N3)
    eta_rms.append(np.sqrt(np.mean(eta**2)))
    eta_all.append(eta)
    for k, u in unit.items():
        eta_along[k].append(u @ eta)  # component along a fixed unit vector
kappa3, eta_rms, eta_all = np.array(kappa3), np.array(eta_rms), np.array(eta_all)
eta_bulk_mean = eta_all.mean(axis=0)  # per neuron, averaged over the 12 bulks
along_all = np.concatenate([eta_along["1"], eta_along["m"]])  # 24 projections

# %%
struct_along = {k: (u @ m3) * kappa3.mean() for k, u in unit.items()}  # unit vectors
sd_along = along_all.std(ddof=1)
rms_mean = np.sqrt(np.mean(eta_bulk_mean**2))
print(f"κ = {kappa3.mean():.3f} ± {kappa3.std(ddof=1):.3f} over bulks "
      f"(theory {sol3.kappa:.3f})")
print(f"random input: r.m.s. per neuron {eta_rms.mean():.3f}, sd along 1̂, m̂ "
      f"{sd_along:.3f} (theory {sd_eta:.3f} for both)")
print(f"  averaged over the bulks: r.m.s. over neurons {rms_mean:.3f} "
      f"(zero mean: {sd_eta / np.sqrt(n_bulk):.3f})")
print(f"structured input along 1̂: {struct_along['1']:.1f}, along m̂: "
      f"{struct_along['m']:.1f} (√N = {np.sqrt(N3):.0f} times")
print(f"  the population mean {struct_along['1'] / np.sqrt(N3):.3f} and the projection "
      f"{struct_along['m'] / np.sqrt(N3):.3f})")
print(f"as population averages: mean input, structure {m3.mean() * kappa3.mean():+.3f},"
      f" random ± {sd_eta / np.sqrt(N3):.3f}")
assert np.all(np.abs(kappa3 - sol3.kappa) < 4 * 1.1 / np.sqrt(N3)), "κ vs mean-field κ*"
assert np.all(np.abs(eta_rms / sd_eta - 1) < 4 * 1.1 / np.sqrt(N3)), "η per neuron"
assert abs(sd_along / sd_eta - 1) < 4 * (0.2 + 1 / np.sqrt(2 * 24)), "η along v̂"
rms_bulk_mean = rms_mean * np.sqrt(n_bulk) / sd_eta
assert abs(rms_bulk_mean - 1) < 0.25, "η has zero mean per neuron"

# %% [markdown]
# Per neuron and along any fixed unit vector the random input has the same size,
# $g\sqrt{[\phi^2]}$; the structured input is concentrated along $m$ and along $\mathbf 1$ (because $M_m \ne 0$),
# where it is $\sqrt N$ times larger than that. Divided by $\sqrt N$ once more — the population average — it
# is the $O(1)$ mean input $M_m\kappa$, and the random part the $O(1/\sqrt N)$ remainder.
#
# ### Exercise 4: how large must $N$ be?
#
# **2 points** (autograded) · difficulty 1/3 · about 10 min
#
# With $n$ independent of the rates, the ratio of the structured to the random input is
# $\frac{\Sigma_m\Sigma_n\sqrt{\langle\phi^2\rangle/N}}{g\sqrt{\langle\phi^2\rangle}}$. Write `n_cross(ratio, sigma_m, sigma_n, g)`: the
# network size at which the structured input from an independent $n$ falls to `ratio`
# times the random input (the checker calls it at parameters of its own). Evaluate it for
# 1 %, $\Sigma_m = \Sigma_n = 1$ and $g = 0.5$, then check the formula with the draws of
# Section 2 (there $g = 1$: the measured ratio at each size is `stats["k_ind"] /
# stats["h_rand"]`).


# %% tags=["raises-exception"]
def n_cross(ratio, sigma_m, sigma_n, g):
    """N at which structured / random input (independent n) equals `ratio`."""
    return ...


checks.exercise_4(n_cross)


# %% tags=["solution"]
def n_cross(ratio, sigma_m, sigma_n, g):
    """N at which structured / random input (independent n) equals `ratio`."""
    return (sigma_m * sigma_n / (ratio * g)) ** 2  # ratio = Σ_m Σ_n / (g √N)


checks.exercise_4(n_cross)
print(f"N = {n_cross(0.01, 1.0, 1.0, 0.5):.0f} for 1 % at g = 0.5")
ratio_g1 = stats["k_ind"] / stats["h_rand"]  # Section 2 draws, g = 1
# where the measured ratio equals the ratio r, n_cross(r, 1, 1, 1) must equal that N
N_from_ratio = n_cross(ratio_g1, 1.0, 1.0, 1.0)
print("N from the measured ratio: " + ", ".join(f"{v:6.0f}" for v in N_from_ratio[::2]))
print("N drawn:                   " + ", ".join(f"{v:6.0f}" for v in Ns[::2]))
# each r.m.s. has the standard error errs[...] of its log: combine them for the ratio
err_ratio = np.hypot(errs["k_ind"], errs["h_rand"])
assert np.all(np.abs(np.log(N_from_ratio / Ns)) < 2 * 4 * err_ratio), "N ∝ 1/ratio²"

# %% [markdown] tags=["core"]
# ## 4. A network shows it
#
# So far we drew the rates by hand. In a network the loop itself aligns the activity with $n$. We
# simulate the rank-one network of notebook 02 ($g = 0.8$, zero-mean $m$ and $n = 2m + \nu$, overlap 2)
# at $N = 200 \ldots 1600$ until it settles at its fixed point $x^*$, and measure at $x^*$:
#
# - the random input $(J_0\phi)_i$: r.m.s. over neurons, predicted $g\sqrt{[\phi^2](0,\Delta_0)}$ — $O(1)$;
# - the structured input through the network's own $n$: $\kappa = n^T\phi/N$, predicted $\kappa^*$ — $O(1)$,
#   because the loop aligned $\phi$ with $n$;
# - what the network *would* hear along 200 independent random vectors $n'$: $n'^T\phi(x^*)/N$, r.m.s.
#   predicted $\sqrt{[\phi^2](0,\Delta_0)/N}$ — $O(1/\sqrt N)$.
#
# Mean-field values come from `RankOne(...).solve()`; at each $N$ the network values deviate by
# $O(1/\sqrt N)$: over 24 networks at $N = 400$ we measured r.m.s. relative deviations of
# $0.8/\sqrt N$ for $\kappa$ and $0.9/\sqrt N$ for the r.m.s. random input, which the weighted fit uses as
# the error of each point (and every point must lie within 4 such errors of the theory).

# %%
g_net, overlap = 0.8, 2.0
model_net = RankOne(g_net, m_var=1.0, n_var=1 + overlap**2, mn_cov=overlap)
sol = model_net.solve(kappa0=1.0)
phi2_net = gauss_avg(lambda x: np.tanh(x) ** 2, 0.0, sol.delta0)  # [φ²](0, Δ0)
N_net = np.array([200, 400, 800, 1600])
net = {"h_rand": [], "kappa": [], "k_probe": []}
for N_ in N_net:
    rng_n = np.random.default_rng([SEED, 8, int(N_)])
    vec = model_net.sample(N_, rng_n)
    m_n = vec.m[:, 0]
    J0_n = random_bulk(N_, g_net, rng_n)
    res = simulate(m_n, 20.0, 0.1, J0=J0_n, record_every=200, **vec.structure)  # on +m
    r_star = np.tanh(res.x[-1])
    probes = rng_n.standard_normal((200, N_))  # 200 independent vectors n'
    net["h_rand"].append(np.sqrt(np.mean((J0_n @ r_star) ** 2)))
    net["kappa"].append(res.kappa[-1, 0])
    net["k_probe"].append(np.sqrt(np.mean((probes @ r_star / N_) ** 2)))
net = {k: np.array(v) for k, v in net.items()}
net_theory = {
    "h_rand": g_net * np.sqrt(phi2_net) * np.ones(4),
    "kappa": sol.kappa * np.ones(4),
    "k_probe": np.sqrt(phi2_net / N_net),
}

# %%
# standard error of log(value) at each N: the r.m.s. relative finite-N deviations
# measured at this point over 24 networks (N = 400); for the probes add the sampling
# error 1/√(2·200) of an r.m.s. over 200 probe vectors
C_KAPPA, C_H = 0.8, 0.9  # measured: 0.81 and 0.93
net_err = {
    "h_rand": C_H / np.sqrt(N_net),
    "kappa": C_KAPPA / np.sqrt(N_net),
    "k_probe": np.sqrt(1 / 400 + C_H**2 / N_net),
}
net_expected = {"h_rand": 0.0, "kappa": 0.0, "k_probe": -0.5}
net_fits = {}
for key in net:
    s, se, _, chi2 = loglog_fit(N_net, net[key], net_err[key])
    net_fits[key] = (s, se)
    print(f"{key:8s} slope {s:+.3f} ± {se:.3f} (expected {net_expected[key]:+.1f})")
    print("         values " + ", ".join(f"{v:.3f}" for v in net[key])
          + "; theory " + ", ".join(f"{v:.3f}" for v in net_theory[key]))
    assert abs(s - net_expected[key]) < 4 * se, f"{key}: slope {s:.3f} ± {se:.3f}"
    assert np.all(np.abs(np.log(net[key] / net_theory[key])) < 4 * net_err[key]), key

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(7, 4.3))
labels = {
    "h_rand": (r"random input $(J_0\phi)_i$, r.m.s.", COLORS["blue"]),
    "kappa": (r"$\kappa = n^T\phi/N$ (loop-aligned $n$)", COLORS["sim"]),
    "k_probe": (r"$n'^T\phi/N$, independent $n'$, r.m.s.", COLORS["purple"]),
}
NN = np.logspace(np.log10(170), np.log10(2000), 20)
for key, (lab, col) in labels.items():
    s, se = net_fits[key]
    ax.errorbar(N_net, net[key], yerr=net[key] * net_err[key], fmt="o", color=col,
                capsize=2, label=f"{lab}: slope {s:+.2f} ± {se:.2f}")
    th = np.sqrt(phi2_net / NN) if key == "k_probe" else net_theory[key][0] + 0 * NN
    ax.loglog(NN, th, "-", color=col, lw=1)
ax.set(xlabel="network size $N$", ylabel="magnitude at the fixed point",
       ylim=(5e-3, 3),
       title=rf"rank one, $g = {g_net}$, overlap {overlap:g}; lines: mean field")
ax.legend(fontsize=9, loc="lower left")
fig.tight_layout()
savefig(fig, "03_network_scaling")

# %% [markdown]
# The network confirms the counting: the random input and the structured input through the
# loop-aligned $n$ are both $O(1)$ and match mean-field theory at every size, while the same rates
# read through an unrelated vector give only $O(1/\sqrt N)$. It is the loop — $\phi$ aligned with $n$ — that
# turns $1/N$ weights into an $O(1)$ force.

# %% [markdown] tags=["deep-dive"]
# ## 5. Explore: weak alignment and the crossover size
#
# With weak alignment the two behaviours coexist: $\mathbb E[\kappa^2] = \langle n\phi\rangle^2 + \mathrm{Var}(n\phi)/N$. For small $N$
# the fluctuation term wins and $\kappa$ looks like noise (slope $-1/2$); beyond the crossover
# $N_c = \mathrm{Var}(n\phi)/\langle n\phi\rangle^2$ the coherent part wins (slope 0). Move the alignment $a$ (the amplitude
# of the structured part of $x$) and watch $N_c$ move: the weaker the structure, the larger the
# network must be before it matters.


# %% tags=["hide-input"]
def crossover_draws(alignment, b_random, seed):
    """Sizes, r.m.s. of κ = nᵀφ/N (200 draws), ⟨nφ⟩, Var(nφ); φ = tanh(a n + b z)."""
    rng_d = np.random.default_rng([seed, 9])
    Nd = np.unique(np.round(np.logspace(1, 4, 13)).astype(int))
    rms = []
    for N_ in Nd:
        n_d = rng_d.standard_normal((200, N_))
        r_d = np.tanh(alignment * n_d + b_random * rng_d.standard_normal((200, N_)))
        rms.append(np.sqrt(np.mean((np.einsum("rj,rj->r", n_d, r_d) / N_) ** 2)))
    k_lim = alignment * gauss_avg(dphi, 0.0, alignment**2 + b_random**2)
    nphi2 = (n_grid * np.tanh(alignment * n_grid + b_random * z_grid)) ** 2
    return Nd, np.array(rms), k_lim, np.einsum("i,j,ij->", wz, wz, nphi2) - k_lim**2


# %% tags=["hide-input"]
def draw_crossover(alignment=0.03, b_random=1.0, seed=0):
    """r.m.s. of κ = nᵀφ/N versus N for rates φ = tanh(a n + b z), and the theory."""
    Nd, rms, k_lim, v_np = crossover_draws(alignment, b_random, seed)
    NN_ = np.logspace(1, 4, 100)
    fig, ax = plt.subplots(figsize=(6.5, 4))
    ax.loglog(Nd, rms, "o", color=COLORS["sim"], label="draws")
    ax.loglog(NN_, np.sqrt(k_lim**2 + v_np / NN_), color=COLORS["theory"],
              label=r"$\sqrt{\langle n\phi\rangle^2 + \mathrm{Var}(n\phi)/N}$")
    ax.loglog(NN_, np.sqrt(v_np / NN_), ":", color=COLORS["grey"], label="fluctuations")
    if k_lim > 0:
        ax.axhline(k_lim, ls="--", color=COLORS["grey"], lw=1,
                   label=r"coherent part $\langle n\phi\rangle$")
        ax.axvline(v_np / k_lim**2, color=COLORS["blue"], lw=1,
                   label=rf"$N_c$ = {v_np / k_lim**2:.0f}")
    ax.set(xlabel="network size $N$", ylabel=r"r.m.s. of $\kappa = n^T\phi/N$",
           ylim=(1e-4, 1),
           title=f"alignment a = {alignment:.2f}, random part b = {b_random:.2f}")
    ax.legend(fontsize=9, loc="lower left")
    fig.tight_layout()
    return fig


# %%
slider_demo(
    partial(draw_crossover, seed=SEED),
    alignment=(0.0, 0.3, 0.01),
    b_random=(0.1, 2.0, 0.1),
    defaults=dict(alignment=0.03, b_random=1.0),
)

# %% [markdown] tags=["core"]
# ## Summary
#
# - Random weights of size $g/\sqrt N$ with random signs give an $O(1)$ input:
#   $\mathrm{Var}\big((J_0\phi)_i\big) = g^2\langle\phi^2\rangle$ — the second moment of the rates, which equals $g^2\mathrm{Var}(\phi)$ only for
#   zero-mean rates.
# - Structured weights $m_in_j/N$ give the input $m_i\kappa$, $\kappa = n^T\phi/N$: $O(1/\sqrt N)$ when $n$ and $\phi$ are
#   independent (and zero-mean), $O(1)$ when they are aligned — through correlated fluctuations
#   ($\sigma_{n\phi}$) or aligned means ($M_n\langle\phi\rangle$). Measured slopes: $-1/2$ and $0$.
# - Per neuron, the structure sets the mean input ($m_i\kappa$) and the random part the zero-mean
#   fluctuations ($g^2\langle\phi^2\rangle$). The random input has the same size $g\sqrt{\langle\phi^2\rangle}$ along every unit vector;
#   the structured input is $\sqrt N$ times larger along $m$ (and along $\mathbf 1$ if $M_m \ne 0$). As population
#   averages (population mean, projection $m^Th/N$): structure $O(1)$, random part $O(1/\sqrt N)$.
# - In a network the recurrent loop creates the alignment; with weak alignment structure matters
#   only beyond a crossover size $N_c = \mathrm{Var}(n\phi)/\langle n\phi\rangle^2$.
#
# **Next:** [04 — Mean-field theory for κ](04_mean_field_theory.ipynb): turning "structure = mean,
# randomness = fluctuations" into self-consistent equations for $\mu$, $\Delta_0$ and $\kappa$.
#
# ## References
#
# - F. Mastrogiuseppe and S. Ostojic (2018). Linking connectivity, dynamics, and computations in
#   low-rank recurrent neural networks. *Neuron* 99(3):609–623. doi:10.1016/j.neuron.2018.07.003
# - H. Sompolinsky, A. Crisanti and H.-J. Sommers (1988). Chaos in random neural networks.
#   *Physical Review Letters* 61(3):259–262.
# - C. van Vreeswijk and H. Sompolinsky (1996). Chaos in neuronal networks with balanced
#   excitatory and inhibitory activity. *Science* 274(5293):1724–1726. (The $1/\sqrt N$ scaling of
#   random synapses and the cancellation of $O(\sqrt N)$ means.)
