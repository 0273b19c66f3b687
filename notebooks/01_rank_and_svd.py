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
# # 01 — Rank, outer products and the SVD
#
# A low-rank connectivity is a sum of a few outer products, $P = \sum_r m_r n_r^T/N = MN^T/N$: two
# vectors per rank. This notebook collects the linear algebra the rest of the lecture uses: what
# rank means, how $P$ acts on a vector (it reads out $R$ numbers and writes them along $R$
# directions), what its eigenvalues are, how the singular value decomposition (SVD) finds the
# best low-rank approximation of any matrix (Eckart–Young), and — the central fact for
# networks — what happens to the eigenvalues when a rank-one structure is added to a random
# bulk: $J_0 + mn^T/N$ has a circular bulk of radius $g$ and one **outlier** near $n^Tm/N$,
# provided it lies outside the bulk. Every statement is checked numerically.
#
# **Learning goals**
# - Build $P = MN^T/N$ with the right shapes, compute its rank, and apply it as $M\kappa$ with
#   $\kappa = N^T\phi/N$ without forming the $N\times N$ matrix.
# - Find the nonzero eigenvalues of $MN^T/N$ from the $R\times R$ overlap matrix $N^TM/N$; tell
#   eigenvalues from singular values (a rank-one matrix can have only zero eigenvalues).
# - State and check the Eckart–Young theorem: the error of the best rank-$R$ approximation is
#   $\sqrt{\sum_{k>R}s_k^2}$ in Frobenius norm and $s_{R+1}$ in spectral norm.
# - Predict the spectrum of $J_0 + mn^T/N$: circular bulk of radius $g$, an outlier at $n^Tm/N$
#   when $|n^Tm/N| > g$ (none otherwise), its $O(1/\sqrt N)$ fluctuations, and the alignment
#   $\sqrt{1-g^2/\lambda^2}$ of its eigenvector with $m$.
#
# **Estimated time:** about 100 minutes, 65 of them for the five exercises (13 points).
#
# **Prerequisites:** [00 — Why low rank?](00_why_low_rank.ipynb); eigenvalues and eigenvectors;
# the circular law for $J_0$ (entries $\mathcal N(0, g^2/N)$) from the lecture on random networks.

# %% tags=["hide-input"]
# %matplotlib inline
import time
from functools import partial

import matplotlib.pyplot as plt
import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq
from scipy.sparse.linalg import eigs

from lrnn_utils import low_rank_matrix, orthogonal_vectors, random_bulk, spectrum
from lrnn_utils.checks import nb01 as checks
from lrnn_utils.demos import slider_demo
from lrnn_utils.models import RankOne
from lrnn_utils.plotting import COLORS, plot_spectrum, savefig, use_style
from lrnn_utils.seeds import base_seed

use_style()
SEED = base_seed()  # every cell that draws random numbers makes rng([SEED, k])


# %% tags=["hide-input"]
def rank_one_pair(N, overlap, rng):
    """m, n (N,): zero means, Σ_m² = 1, σ_mn = overlap, Σ_n² = 1 + overlap².

    Sampled exactly (`RankOne.sample`): mᵀm/N = 1 and nᵀm/N = overlap to machine
    precision.
    """
    model = RankOne(g=0.0, m_var=1.0, n_var=1.0 + overlap**2, mn_cov=overlap)
    v = model.sample(N, rng)
    return v.m[:, 0], v.n[:, 0]


def outlier_sd(N, g, theta, m_sq=1.0, n_sq=None):
    """Predicted finite-N standard deviation of the outlier of J0 + m nᵀ/N (see §4.2).

    m_sq, n_sq are |m|²/N and |n|²/N (n_sq defaults to 1 + θ², as for `rank_one_pair`).
    """
    n_sq = 1.0 + theta**2 if n_sq is None else n_sq
    return g * np.sqrt(m_sq * n_sq / (N * (theta**2 - g**2)))


# %% tags=["hide-input"]
def top_eig(J, v0):
    """Largest-modulus eigenvalue and its unit eigenvector (ARPACK, started from v0)."""
    lam, vec = eigs(J, k=1, which="LM", v0=v0)
    v = np.real_if_close(vec[:, 0], tol=1e6)
    return complex(lam[0]), v / np.linalg.norm(v)


def ms(f, repeat=20):
    """Mean wall-clock time of f() over `repeat` calls, in milliseconds."""
    t0 = time.perf_counter()
    for _ in range(repeat):
        f()
    return 1e3 * (time.perf_counter() - t0) / repeat

# %% [markdown] tags=["core"]
# ## 1. Outer products and rank
#
# The **outer product** of two vectors $m, n \in \mathbb R^N$ is the $N\times N$ matrix $(mn^T)_{ij} = m_i n_j$.
# Every column is a multiple of $m$ (column $j$ is $n_j\, m$) and every row a multiple of $n^T$: the
# matrix has **rank one** — its columns span a one-dimensional space. A sum of $R$ outer products
# with linearly independent $m_r$ (and independent $n_r$) has rank $R$:
#
# $$P = \frac1N\sum_{r=1}^R m_r n_r^T = \frac{MN^T}{N}, \qquad
# P_{ij} = \frac1N\sum_{r=1}^R M_{ir}N_{jr},$$
#
# where $M$ and $N$ (we write `M`, `Nv` in code, since `N` is the size;
# [notation](../README.md#notation)) are $N\times R$ arrays whose
# columns are the $m_r$ and $n_r$: shapes $(N\times R)(R\times N) = N\times N$. **Two vectors per rank**:
# a rank-$R$ matrix is described by $2RN$ numbers instead of $N^2$. A random matrix, by contrast,
# has full rank $N$.

# %%
rng = np.random.default_rng([SEED, 1])
N_small = 30
m1, n1 = rng.standard_normal(N_small), rng.standard_normal(N_small)
M3, N3 = rng.standard_normal((N_small, 3)), rng.standard_normal((N_small, 3))
P1 = np.outer(m1, n1) / N_small
P3 = M3 @ N3.T / N_small
J_rand_small = random_bulk(N_small, 1.0, rng)
ranks = [int(np.linalg.matrix_rank(A)) for A in (P1, P3, J_rand_small)]
print("ranks:", ranks)
assert ranks == [1, 3, N_small]
# every column of m nᵀ is a multiple of m: the columns, normalised, are ±m/|m|
cols = P1 / np.linalg.norm(P1, axis=0)
assert np.allclose(np.abs(cols.T @ m1) / np.linalg.norm(m1), 1.0)
assert np.allclose(P1, low_rank_matrix(m1, n1)) and np.allclose(
    P3, low_rank_matrix(M3, N3)
)

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 3, figsize=(8.5, 3.0))
titles = [r"rank 1: $m n^T/N$", r"rank 3: $M N^T/N$", "random $J_0$: full rank"]
for ax, A, title in zip(axes, (P1, P3, J_rand_small), titles):
    lim = np.max(np.abs(A))
    im = ax.imshow(A, cmap="RdBu_r", vmin=-lim, vmax=lim)
    ax.set_title(title)
    ax.set_xlabel("presynaptic neuron $j$")
    ax.set_ylabel("postsynaptic neuron $i$")
    fig.colorbar(im, ax=ax, shrink=0.8)
fig.tight_layout()

# %% [markdown]
# The rank-one matrix is a "plaid": rows repeat up to a factor, and so do columns. The rank-3
# matrix already looks unstructured to the eye, but it is not: its 900 entries are fixed by 180
# numbers.
#
# ### How a low-rank matrix acts: read out $R$ numbers, write them along $R$ directions
#
# Applied to the rates $\phi$ of a network,
#
# $$P\phi = \frac{MN^T\phi}{N} = M\kappa, \qquad \kappa = \frac{N^T\phi}{N}\in\mathbb R^R .$$
#
# The matrix first **reads** $R$ numbers $\kappa_r = n_r^T\phi/N$ (what the network listens to), then
# **writes** them along the $m_r$ (where it talks). The output always lies in the span of the
# $m_r$, whatever $\phi$. In code this costs $O(NR)$ instead of $O(N^2)$ — which is how
# `lrnn_utils.simulate` applies the structured part.

# %%
rng = np.random.default_rng([SEED, 2])
N = 1000
M, Nv = rng.standard_normal((N, 2)), rng.standard_normal((N, 2))
phi_vec = np.tanh(rng.standard_normal(N))
P = M @ Nv.T / N  # the dense N × N matrix
out = P @ phi_vec
coef, *_ = np.linalg.lstsq(M, out, rcond=None)  # best combination of the two m's
print(f"P φ = {coef[0]:+.4f} m₁ {coef[1]:+.4f} m₂ + a residual of norm "
      f"{np.linalg.norm(out - M @ coef):.1e}")
assert np.allclose(M @ coef, out, rtol=1e-10, atol=1e-13), "P φ lies in span(m₁, m₂)"

# %% [markdown]
# ### Exercise 1: the right-hand side of a low-rank network, without the $N\times N$ matrix
#
# **3 points** (2 autograded, 1 written) · difficulty 1/3 · about 10 min
#
# A simulation of the rank-$R$ network $\dot x = -x + P\phi(x)$, $\phi = \tanh$, needs the
# right-hand side at every time step. Write `low_rank_velocity(x, M, Nv)` that takes the
# state $x$ (length $N$) and the $N\times R$ arrays of the $m_r$ and $n_r$, and returns
# $\dot x = -x + M\kappa$ with $\kappa = N^T\phi(x)/N$ — **without** forming $P$ (cost
# $O(NR)$, not $O(N^2)$). The checker calls it on networks of its own choosing (several $N$
# and $R$); the cell then times it against the dense product. Then answer: which product of
# `M` and `Nv` is $N\times N$, which one is $R\times R$ — and what is the $R\times R$ one?

# %% [markdown] tags=["answer"]
# *Your answer:* (the N × N product, the R × R product, and what the R × R one is)


# %% tags=["raises-exception"]
def low_rank_velocity(x, M, Nv):
    """ẋ = -x + M κ with κ = Nvᵀ tanh(x) / N (R,), without forming M Nvᵀ / N."""
    ...


checks.exercise_1(low_rank_velocity)
x_test = np.arctanh(phi_vec)  # a state whose rates are phi_vec
assert np.allclose(low_rank_velocity(x_test, M, Nv), -x_test + P @ phi_vec)
print(f"dense -x + P φ: {ms(lambda: -x_test + P @ np.tanh(x_test)):.2f} ms;  "
      f"yours: {ms(lambda: low_rank_velocity(x_test, M, Nv)):.3f} ms")


# %% tags=["solution"]
def low_rank_velocity(x, M, Nv):
    """ẋ = -x + M κ with κ = Nvᵀ tanh(x) / N (R,), without forming M Nvᵀ / N."""
    kappa = Nv.T @ np.tanh(x) / len(x)  # R numbers: what the network listens to
    return -x + M @ kappa


checks.exercise_1(low_rank_velocity)
x_test = np.arctanh(phi_vec)  # a state whose rates are phi_vec
assert np.allclose(low_rank_velocity(x_test, M, Nv), -x_test + P @ phi_vec)
print(f"dense -x + P φ: {ms(lambda: -x_test + P @ np.tanh(x_test)):.2f} ms;  "
      f"yours: {ms(lambda: low_rank_velocity(x_test, M, Nv)):.3f} ms")
# M @ Nv.T is N × N (it is N·P); Nv.T @ M is R × R, and Nv.T @ M / N is the overlap
# matrix σ_rs = n_rᵀ m_s / N of the next section.

# %% [markdown] tags=["core"]
# ## 2. Eigenvalues of a low-rank matrix: the overlap matrix
#
# If $Pv = \lambda v$ with $\lambda \ne 0$, then $v = M\,(N^Tv)/(N\lambda)$ lies in the span of the $m_r$: write
# $v = Mc$. Then $MN^TMc/N = \lambda Mc$, i.e. (for independent columns of $M$)
#
# $$\underbrace{\frac{N^TM}{N}}_{\sigma,\ R\times R}\,c = \lambda c, \qquad \sigma_{rs} = \frac{n_r^Tm_s}{N}.$$
#
# **The nonzero eigenvalues of the $N\times N$ matrix $MN^T/N$ are the eigenvalues of the $R\times R$ overlap
# matrix $\sigma$**, with eigenvectors $Mc$. For rank one: the single nonzero eigenvalue is the overlap
# $n^Tm/N$, with eigenvector $m$. The remaining $N-R$ eigenvalues are zero.
#
# Eigenvalues are not singular values. The singular values of $mn^T/N$ are $|m||n|/N$ and zeros, whatever
# the angle between $m$ and $n$; its eigenvalue is $n^Tm/N$, which vanishes when $m\perp n$. Then $P \ne 0$
# but $P^2 = m(n^Tm)n^T/N^2 = 0$: a **nilpotent** matrix, all eigenvalues zero. The overlap, not the
# size of the vectors, decides the eigenvalue — and, in the network, the feedback loop gain.

# %%
rng = np.random.default_rng([SEED, 3])
N = 400
M2 = orthogonal_vectors(N, 2, rng)  # mᵀm/N = identity exactly
sigma = np.array([[1.2, -0.8], [0.8, 1.2]])  # a scaled rotation: eigenvalues 1.2 ± 0.8i
N2 = M2 @ sigma.T  # so that the overlap matrix N2ᵀ M2 / N is σ exactly
P2 = low_rank_matrix(M2, N2)
eig_big = np.linalg.eigvals(P2)
nonzero = np.sort_complex(eig_big[np.abs(eig_big) > 1e-8])
print("nonzero eigenvalues of the 400 × 400 matrix:", np.round(nonzero, 6))
print("eigenvalues of the 2 × 2 matrix σ:          ",
      np.round(np.sort_complex(np.linalg.eigvals(sigma)), 6))
assert nonzero.size == 2
assert np.allclose(nonzero, np.sort_complex(np.linalg.eigvals(sigma)), atol=1e-10)

# %%
m_p, n_p = orthogonal_vectors(N, 2, rng).T  # m ⟂ n: a nilpotent rank-one matrix
P_nil = np.outer(m_p, n_p) / N
s_nil = np.linalg.svd(P_nil, compute_uv=False)
print(f"m ⟂ n: largest |eigenvalue| = {np.max(np.abs(np.linalg.eigvals(P_nil))):.1e}, "
      f"largest singular value = {s_nil[0]:.3f} = |m||n|/N")
assert np.allclose(P_nil @ P_nil, 0, atol=1e-14)
assert np.isclose(s_nil[0], np.linalg.norm(m_p) * np.linalg.norm(n_p) / N)

# %% [markdown]
# ### Zero eigenvalues, yet amplification: non-normal transients when $m\perp n$
#
# Eigenvalues tell how the linear dynamics $\dot x = -x + Px$ behaves as $t\to\infty$, not on the way
# there. Take $P = mn^T/N$ with $n^Tm = 0$: every eigenvalue of $-1 + P$ is $-1$, so every solution
# decays like $e^{-t}$ eventually. But $P$ is **non-normal** ($PP^T \ne P^TP$): it maps the direction
# $e_n = n/|n|$ onto the orthogonal direction $e_m = m/|m|$ with gain $A = |m||n|/N$ (its singular value).
# Because $P^2 = 0$, $e^{Pt} = 1 + tP$ exactly, and the solution from $x(0) = x_0$ is
#
# $$x(t) = e^{-t}\big(x_0 + tPx_0\big) = e^{-t}\big(x_0 + t\,A\,(e_n^Tx_0)\,e_m\big).$$
#
# From $x_0 = e_n$: the component along $e_m$ is $A\,t\,e^{-t}$, largest at $t = 1$ where it equals $A/e$,
# and the norm is $\|x(t)\| = e^{-t}\sqrt{1 + A^2t^2}$. Setting the derivative of $\|x\|^2$ to zero gives
# $A^2t^2 - A^2t + 1 = 0$: for $A > 2$ the norm first dips, then peaks at
# $t^* = \tfrac12\big(1 + \sqrt{1 - 4/A^2}\big)$ (→ 1 for large $A$) with $\|x(t^*)\| \approx A/e$; for $A \le 2$ it only
# decays. A rank-one connectivity with all eigenvalues zero can thus amplify an input along $n$
# by a factor $\approx A/e$ before it dies out — the mechanism of "balanced amplification" (Murphy &
# Miller 2009; Trefethen & Embree 2005 for non-normal matrices). We integrate the linear
# dynamics numerically (adaptive Runge–Kutta, relative accuracy $10^{-9}$) and compare with the formula.
# With a random bulk added ($g = 0.5$) all eigenvalues have real part below 1 — every mode decays —
# and the transient survives. (As $N\to\infty$ there is no outlier, since $n^Tm/N = 0$; at $N = 200$ a
# strong nilpotent part, $A/\sqrt N \approx 0.4$, pushes a few eigenvalues slightly beyond the disk,
# because the terms $\xi_k$ of §4 are then not small.)

# %%
rng = np.random.default_rng([SEED, 13])
N_t, t_eval = 200, np.linspace(0.0, 6.0, 601)
e_m, e_n = orthogonal_vectors(N_t, 2, rng).T / np.sqrt(N_t)  # orthonormal directions
gains = [1.0, 3.0, 6.0]  # A = |m||n|/N
norm_sim, norm_th, along_m = {}, {}, {}
for A in gains:
    P_t = A * np.outer(e_m, e_n)  # = m nᵀ/N with |m||n|/N = A and nᵀm = 0
    sol_t = solve_ivp(lambda t, x, P=P_t: -x + P @ x, (0, 6), e_n, t_eval=t_eval,
                      rtol=1e-9, atol=1e-12)
    norm_sim[A], along_m[A] = np.linalg.norm(sol_t.y, axis=0), e_m @ sol_t.y
    norm_th[A] = np.exp(-t_eval) * np.sqrt(1 + A**2 * t_eval**2)
    assert np.max(np.abs(norm_sim[A] - norm_th[A])) < 1e-6, "x(t) = e^{-t}(x0 + tPx0)"
    assert np.max(np.abs(along_m[A] - A * t_eval * np.exp(-t_eval))) < 1e-6
A = gains[-1]
t_star = 0.5 * (1 + np.sqrt(1 - 4 / A**2))
peak_th = np.exp(-t_star) * np.sqrt(1 + A**2 * t_star**2)
i_pk = np.argmax(norm_sim[A])
print(f"A = {A:g}: peak ‖x‖ = {norm_sim[A][i_pk]:.4f} at t = {t_eval[i_pk]:.2f}; "
      f"theory {peak_th:.4f} at t* = {t_star:.3f} (A/e = {A / np.e:.3f})")
assert abs(t_eval[i_pk] - t_star) <= 0.01 and abs(norm_sim[A][i_pk] - peak_th) < 1e-5
assert np.all(np.diff(norm_sim[1.0]) < 0), "A ≤ 2: no transient growth from e_n"

# %%
J_t = random_bulk(N_t, 0.5, rng) + A * np.outer(e_m, e_n)  # bulk + the same nilpotent P
eig_t = np.linalg.eigvals(J_t)
sol_J = solve_ivp(lambda t, x: -x + J_t @ x, (0, 6), e_n, t_eval=t_eval, rtol=1e-9)
norm_J = np.linalg.norm(sol_J.y, axis=0)
print(f"with J0 (g = 0.5): largest |eigenvalue| {np.max(np.abs(eig_t)):.3f}, "
      f"peak ‖x‖ = {norm_J.max():.2f}")
assert np.max(eig_t.real) < 1, "all modes of ẋ = -x + Jx decay"
assert norm_J.max() > 1.5, "…yet the transient amplification survives the random bulk"

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.6),
                         gridspec_kw=dict(width_ratios=[1.5, 1]))
ax = axes[0]
for A_, col in zip(gains, (COLORS["grey"], COLORS["blue"], COLORS["sim"])):
    ax.plot(t_eval[::20], norm_sim[A_][::20], "o", ms=4, color=col)
    ax.plot(t_eval, norm_th[A_], color=col, label=rf"$A = {A_:g}$")
ax.plot(t_eval, norm_J, "--", color=COLORS["orange"], label=r"$A = 6$ plus $J_0$")
ax.plot(t_eval, np.exp(-t_eval), ":", color=COLORS["theory"], label=r"$e^{-t}$")
ax.set(xlabel=r"time ($\tau$)", ylabel=r"$\|x(t)\|$ from $x(0) = e_n$")
ax.set_title(r"$m \perp n$; lines $e^{-t}\sqrt{1+A^2t^2}$, markers simulation")
ax.legend(fontsize=9)
plot_spectrum(eig_t, 0.5, ax=axes[1])
axes[1].set_title(r"spectrum of $J_0 + P$, $A = 6$")
axes[1].set_aspect("equal", adjustable="box")
fig.tight_layout()

# %% [markdown]
# The matrix of Exercise 2, a rank-two $P = M_qN_q^T/N$ with $N = 300$ whose $n$'s mix a
# rotation of the $m$'s with independent noise:

# %%
rng = np.random.default_rng([SEED, 4])
N_q = 300
M_q = orthogonal_vectors(N_q, 2, rng)
rotation = np.array([[0.5, -1.5], [1.0, 0.5]])
N_q_vec = M_q @ rotation.T + 0.3 * rng.standard_normal((N_q, 2))

# %% [markdown]
# ### Exercise 2: eigenvalues from the overlap matrix
#
# **3 points** (2 autograded, 1 written) · difficulty 1/3 · about 10 min
#
# Write `overlap_eigenvalues(M, Nv)` that returns the $R$ nonzero eigenvalues of
# $P = MN^T/N$ for $N\times R$ arrays `M`, `Nv` — **without** forming $P$, from the $R\times R$
# overlap matrix. The checker tries it on matrices of its own choosing; the cell then compares
# it with all 300 eigenvalues of the matrix above. Then predict: what do complex eigenvalues
# of $\sigma$ mean for the linear dynamics $\dot x = -x + Px$ restricted to the span of the
# $m$'s? (Notebook 06 builds oscillators on exactly this.)

# %% [markdown] tags=["answer"]
# *Your answer:* (what complex eigenvalues of σ mean for the linear dynamics)


# %% tags=["raises-exception"]
def overlap_eigenvalues(M, Nv):
    """The R nonzero eigenvalues of M Nvᵀ / N, from an R × R matrix."""
    ...


checks.exercise_2(overlap_eigenvalues)
lam_q = np.sort_complex(overlap_eigenvalues(M_q, N_q_vec))
eig_all = np.linalg.eigvals(low_rank_matrix(M_q, N_q_vec))  # all 300, the slow way
print("yours:                  ", np.round(lam_q, 4))
print("largest two of the 300: ",
      np.round(np.sort_complex(eig_all[np.argsort(-np.abs(eig_all))[:2]]), 4))


# %% tags=["solution"]
def overlap_eigenvalues(M, Nv):
    """The R nonzero eigenvalues of M Nvᵀ / N, from an R × R matrix."""
    sigma_rs = Nv.T @ M / M.shape[0]  # σ_rs = n_rᵀ m_s / N
    return np.linalg.eigvals(sigma_rs)


checks.exercise_2(overlap_eigenvalues)
lam_q = np.sort_complex(overlap_eigenvalues(M_q, N_q_vec))
eig_all = np.linalg.eigvals(low_rank_matrix(M_q, N_q_vec))  # all 300, the slow way
print("yours:                  ", np.round(lam_q, 4))
print("largest two of the 300: ",
      np.round(np.sort_complex(eig_all[np.argsort(-np.abs(eig_all))[:2]]), 4))
# Complex eigenvalues a ± ib: the activity in the plane of the m's rotates at angular
# frequency b while it grows or decays at rate a - 1.

# %% [markdown] tags=["core"]
# ## 3. The SVD and the best rank-$R$ approximation
#
# Every real matrix $A$ ($N\times N$ here) has a **singular value decomposition**
#
# $$A = USV^T = \sum_{k=1}^N s_k\,u_kv_k^T,\qquad s_1\ge s_2\ge\dots\ge 0,$$
#
# with orthonormal $u_k$ (left singular vectors) and $v_k$ (right). It writes *any* matrix as a sum of
# rank-one terms ordered by size — in the lecture's notation $m_k = \sqrt N s_ku_k$, $n_k = \sqrt N v_k$.
# Keeping the first $R$ terms gives $A_R = \sum_{k\le R}s_ku_kv_k^T$.
#
# **Eckart–Young(–Mirsky) theorem.** Among all matrices $B$ of rank at most $R$,
#
# $$\min_{\mathrm{rank}\,B\le R}\|A-B\|_F = \|A - A_R\|_F = \sqrt{\textstyle\sum_{k>R}s_k^2},\qquad
# \min_{\mathrm{rank}\,B\le R}\|A-B\|_2 = \|A - A_R\|_2 = s_{R+1}.$$
#
# (Eckart & Young 1936 for the Frobenius norm $\|X\|_F^2 = \sum_{ij}X_{ij}^2$; Mirsky 1960 for every
# unitarily invariant norm, including the spectral norm $\|X\|_2 = s_1(X)$.)
#
# We test it on $A = P + J_0$: a planted rank-3 structure $P = MN^T/N$ with singular values
# $(3, 2, 1.5)$ plus a random bulk with $g = 0.5$. The equalities hold to machine precision; we also
# check the *minimum* against two other rank-$R$ candidates: projections of $A$ on random
# $R$-dimensional subspaces, and — for $R = 3$ — the planted structure $P$ itself.

# %%
rng = np.random.default_rng([SEED, 5])
N, g_A = 200, 0.5
s_planted = np.array([3.0, 2.0, 1.5])
U_p, V_p = orthogonal_vectors(N, 3, rng), orthogonal_vectors(N, 3, rng)  # norm √N
P_planted = (U_p * s_planted) @ V_p.T / N  # singular values exactly s_planted
A = P_planted + random_bulk(N, g_A, rng)
U, s, Vt = np.linalg.svd(A)
R_list = np.arange(0, 11)
err_fro, err_spec, err_rand = [], [], []
for R in R_list:
    A_R = (U[:, :R] * s[:R]) @ Vt[:R]
    err_fro.append(np.linalg.norm(A - A_R, "fro"))
    err_spec.append(np.linalg.norm(A - A_R, 2))
    # Eckart–Young, to machine precision
    assert np.isclose(err_fro[-1], np.sqrt(np.sum(s[R:] ** 2)), rtol=1e-10)
    assert np.isclose(err_spec[-1], s[R], rtol=1e-10)
    # another rank-R candidate: A projected on a random R-dimensional subspace
    Q = np.linalg.qr(rng.standard_normal((N, max(R, 1))))[0][:, :R]
    err_rand.append(np.linalg.norm(A - A @ Q @ Q.T, "fro"))
    assert err_rand[-1] >= err_fro[-1] - 1e-12
err_planted = np.linalg.norm(A - P_planted, "fro")
assert err_fro[3] < err_planted, "the best rank-3 approximation beats the planted P"
print(f"rank 3: best error ‖A - A_3‖_F = {err_fro[3]:.3f} "
      f"< ‖A - P‖_F = {err_planted:.3f}")
print(f"        (the planted P) < a random subspace {err_rand[3]:.3f}")

# %% [markdown]
# The best rank-3 approximation is *better* than the planted structure $P$: it fits part of the noise
# too. Its singular values are not those of $P$ either. The singular values of $J_0$ alone fill
# $[0, 2g]$ (the quarter circle of notebook 00); a planted singular value $s_{\rm p}$ with $\rho = s_{\rm p}/g > 1$
# appears as an **outlier singular value** at
#
# $$s_{\rm out} = g\,\frac{1+\rho^2}{\rho} = s_{\rm p} + \frac{g^2}{s_{\rm p}} > s_{\rm p}$$
#
# (Benaych-Georges & Nadakuditi 2012), and is lost in the bulk edge $2g$ when $\rho \le 1$. The noise pushes
# the outliers *up*. Finite-$N$ fluctuations of $s_{\rm out}$ are $O(g/\sqrt N)$ (measured standard
# deviation ≈ $1.2\,g/\sqrt N$ over 30 networks); we allow $5g/\sqrt N$.

# %%
rho = s_planted / g_A
s_out_theory = g_A * (1 + rho**2) / rho
print("top singular values of A:", np.round(s[:4], 3), f" (bulk edge 2g = {2 * g_A})")
print("theory for the outliers: ", np.round(s_out_theory, 3))
assert np.all(np.abs(s[:3] - s_out_theory) < 5 * g_A / np.sqrt(N))
assert s[3] < 2 * g_A + 5 * g_A / np.sqrt(N), "the 4th singular value is in the bulk"

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.6))
ax = axes[0]
k = np.arange(1, N + 1)
ax.plot(k[:40], s[:40], "o", ms=4, color=COLORS["blue"], label="$A = P + J_0$")
ax.plot(k[:3], s_out_theory, "x", ms=9, mew=2, color=COLORS["sim"],
        label=r"outliers $g(1+\rho^2)/\rho$")
ax.plot(k[:3], s_planted, "_", ms=14, mew=2, color=COLORS["theory"],
        label="planted $s_p$")
ax.axhline(2 * g_A, color=COLORS["grey"], ls="--", lw=1, label="bulk edge $2g$")
ax.set(xlabel="index $k$", ylabel="singular value $s_k$")
ax.set_title("SVD of structure + noise")
ax.legend(fontsize=9)
ax = axes[1]
ax.plot(R_list, err_fro, "o-", color=COLORS["blue"], label=r"best: $\|A-A_R\|_F$")
ax.plot(R_list, [np.sqrt(np.sum(s[R:] ** 2)) for R in R_list], "k+", ms=10,
        label=r"$\sqrt{\sum_{k>R}s_k^2}$")
ax.plot(R_list, err_rand, "s", ms=4, color=COLORS["orange"], label="random projection")
ax.plot([3], [err_planted], "*", ms=12, color=COLORS["sim"], label="planted $P$")
ax.set(xlabel="rank $R$", ylabel="Frobenius error", title="best rank-$R$ approximation")
ax.legend(fontsize=9)
fig.tight_layout()
savefig(fig, "01_eckart_young")

# %% [markdown]
# ### Exercise 3: how many terms does a given accuracy need?
#
# **2 points** (autograded) · difficulty 2/3 · about 15 min
#
# Compression asks the inverse question of Eckart–Young: what is the **smallest** rank $R$
# whose best approximation has a relative Frobenius error $\|A - A_R\|_F/\|A\|_F$ at most
# `rel_err`? Write `best_rank(s, rel_err)` that answers it from the singular values `s`
# (sorted in decreasing order) alone — do not build any approximation. Mind the indices:
# Python counts from 0, the theorem from 1; $R = 0$ (approximate by zero) is allowed. The
# checker tries your function on spectra and accuracies of its own choosing; the cell then
# verifies it on the matrix $A$ above by building $A_R$.


# %% tags=["raises-exception"]
def best_rank(s, rel_err):
    """Smallest R with ‖A - A_R‖_F ≤ rel_err ‖A‖_F, from the singular values s of A."""
    ...


checks.exercise_3(best_rank)
for tol in (0.95, 0.9, 0.86, 0.5):
    R = best_rank(s, tol)
    A_R = (U[:, :R] * s[:R]) @ Vt[:R]
    err_R = np.linalg.norm(A - A_R) / np.linalg.norm(A)
    print(f"rel_err {tol}: R = {R}, actual relative error {err_R:.3f}")
    assert err_R <= tol + 1e-12


# %% tags=["solution"]
def best_rank(s, rel_err):
    """Smallest R with ‖A - A_R‖_F ≤ rel_err ‖A‖_F, from the singular values s of A."""
    total = np.sum(s**2)  # ‖A‖_F²
    for R in range(len(s) + 1):
        if np.sum(s[R:] ** 2) <= rel_err**2 * total:  # ‖A - A_R‖_F² = Σ_{k>R} s_k²
            return R


checks.exercise_3(best_rank)
for tol in (0.95, 0.9, 0.86, 0.5):
    R = best_rank(s, tol)
    A_R = (U[:, :R] * s[:R]) @ Vt[:R]
    err_R = np.linalg.norm(A - A_R) / np.linalg.norm(A)
    print(f"rel_err {tol}: R = {R}, actual relative error {err_R:.3f}")
    assert err_R <= tol + 1e-12

# %% [markdown] tags=["core"]
# ## 4. The spectrum of $J_0 + mn^T/N$: bulk and outlier
#
# Now the question that matters for networks. $J_0$ has i.i.d. entries $\mathcal N(0, g^2/N)$: its
# eigenvalues fill the disk of radius $g$ uniformly (the **circular law**; Girko 1984, Tao & Vu 2010).
# $mn^T/N$ has one nonzero eigenvalue, $\theta = n^Tm/N$. What is the spectrum of the sum?
#
# **Where the outlier must be.** If $\lambda$ is an eigenvalue of $J = J_0 + mn^T/N$ but not of $J_0$, then
# $(\lambda - J_0)v = m\,(n^Tv/N)$, so $v \propto (\lambda - J_0)^{-1}m$ and, multiplying by $n^T/N$ (matrix
# determinant lemma),
#
# $$\frac{1}{N}\,n^T(\lambda - J_0)^{-1}m = 1 .$$
#
# For $|\lambda|$ outside the bulk, expand $(\lambda - J_0)^{-1} = \sum_{k\ge0}J_0^k/\lambda^{k+1}$:
#
# $$\frac{\theta}{\lambda} + \sum_{k\ge1}\frac{\xi_k}{\lambda^{k+1}} = 1, \qquad \xi_k = \frac{n^TJ_0^km}{N}.$$
#
# When $J_0$ is **independent** of $m$ and $n$, each $\xi_k$ is a sum of $N$ random terms with mean ~0
# and variance $g^{2k}\,\frac{|m|^2}{N}\frac{|n|^2}{N}\cdot\frac1N$: the $\xi_k$ vanish as $N\to\infty$, and the only
# solution outside the disk is $\lambda = \theta$, provided $|\theta| > g$. So:
#
# - **asymptotically**, the spectrum is the disk of radius $g$ plus one outlier at $\theta = n^Tm/N$ if
#   $|\theta| > g$, and no outlier if $|\theta| < g$ (Tao 2013, for i.i.d. matrices with bounded-rank
#   perturbations; used for trained networks by Rivkind & Barak 2017);
# - at **finite** $N$ the outlier fluctuates around $\theta$ by $O(1/\sqrt N)$ (§4.2);
# - the independence matters: if $m$ or $n$ are built from $J_0$ (e.g. by training), the outliers can be
#   elsewhere.
#
# Rajan & Abbott (2006) met the same bulk-plus-outlier structure in networks of excitatory and
# inhibitory neurons: the mean connectivity (different for E and I columns) is a rank-one matrix
# $u\,\bar w^T$ and produces an outlier at its eigenvalue, while the random part sets the bulk —
# whose shape changes when E and I weights have different variances; when each neuron's mean
# excitatory and inhibitory inputs balance, the mean matrix has eigenvalue zero and leaves no outlier.
#
# We check this for $g = 1$ and $\theta = 2$ at three sizes. An eigenvalue counts as an outlier if
# $|\lambda| > g(1 + 3/\sqrt N)$: the spectral radius of the bulk exceeds $g$ by $O(g\sqrt{\log N/N})$
# (Rider 2003); over 200 networks at $N = 100$ we measured at most $2.2\,g/\sqrt N$.

# %%
rng = np.random.default_rng([SEED, 7])
g, theta = 1.0, 2.0
sizes = [250, 500, 1000]
spectra = {}
for N in sizes:
    m, n = rank_one_pair(N, theta, rng)
    J = random_bulk(N, g, rng) + np.outer(m, n) / N
    sp = spectrum(J, g, margin=3 * g / np.sqrt(N))
    spectra[N] = sp
    lam_out = sp.outliers[0]
    tol = 4 * outlier_sd(N, g, theta)  # 4 sd of the finite-N fluctuation
    print(f"N = {N:4d}: outlier {lam_out.real:.3f}{lam_out.imag:+.3f}i; θ = {theta}; "
          f"|λ - θ| = {abs(lam_out - theta):.3f} < 4σ_λ = {tol:.3f}")
    assert sp.outliers.size == 1, "exactly one eigenvalue outside the bulk"
    assert abs(lam_out - theta) < tol, "the outlier must be within 4σ_λ of θ = nᵀm/N"
    assert np.isclose(top_eig(J, m)[0], lam_out, atol=1e-8), "ARPACK and LAPACK agree"

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 3, figsize=(8.5, 3.0))
for ax, N in zip(axes, sizes):
    plot_spectrum(spectra[N].eigenvalues, g, outlier=theta, ax=ax)
    ax.get_legend().remove()  # one legend for the three panels, below them
    ax.set_title(f"N = {N}")
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlim(-1.3, 2.6)
    ax.set_ylim(-1.5, 1.5)
fig.suptitle(r"$J_0 + mn^T/N$, $g = 1$, $n^Tm/N = 2$")
fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center", ncol=2, fontsize=9)
fig.tight_layout(rect=(0, 0.08, 1, 1))
savefig(fig, "01_outlier_spectrum")

# %% [markdown]
# ### 4.2 How far from $\theta$ is the outlier at finite $N$?
#
# Linearise the outlier equation around $\theta$: $\theta/\lambda \approx 1 - \delta/\theta$ with $\delta = \lambda-\theta$, so
# $\delta \approx \sum_{k\ge1}\xi_k/\theta^k$. The $\xi_k$ are uncorrelated to leading order, with the variances
# above, so the sum is geometric:
#
# $$\sigma_\lambda^2 = \frac{|m|^2}{N}\frac{|n|^2}{N}\,\frac1N\sum_{k\ge1}\Big(\frac{g^2}{\theta^2}\Big)^k
# = \frac{|m|^2}{N}\frac{|n|^2}{N}\,\frac{g^2}{N(\theta^2 - g^2)} .$$
#
# The outlier fluctuates by $O(1/\sqrt N)$, and the fluctuation **diverges as $\theta\to g$**: near the edge
# of the bulk the outlier is not well defined at finite $N$. (This is our derivation; rigorous results on
# the fluctuations of outliers, which are not universal in general, are in Bordenave & Capitaine 2016.)
# We test it over many networks: for each $N$ the standard deviation of $\lambda_{\rm out}$ over $K$
# networks ($K$ = 200, 100, 50 and 25 for $N$ = 100, 200, 400 and 800: the relative standard error of a
# standard deviation estimated from $K$ draws is $1/\sqrt{2K}$, 5 % to 14 %), and the pooled
# $z = (\lambda_{\rm out}-\theta)/\sigma_\lambda$ over all 375 networks, whose standard deviation must be 1
# (standard error ≈ 4 %) and whose mean must be 0. Tolerances: 4 standard errors (+5 % for the
# neglected higher orders) per $N$, 0.15 for the pooled standard deviation.

# %%
fluct_sizes = [100, 200, 400, 800]
n_draws = {100: 200, 200: 100, 400: 50, 800: 25}  # more draws where they are cheap
lam_draws = {}
for N in fluct_sizes:
    r_loc = np.random.default_rng([SEED, 8, N])
    vals = []
    for _ in range(n_draws[N]):
        m, n = rank_one_pair(N, theta, r_loc)
        vals.append(top_eig(random_bulk(N, g, r_loc) + np.outer(m, n) / N, m)[0].real)
    lam_draws[N] = np.array(vals)
sd_sim = np.array([lam_draws[N].std(ddof=1) for N in fluct_sizes])
sd_theory = np.array([outlier_sd(N, g, theta) for N in fluct_sizes])
z = np.concatenate([(lam_draws[N] - theta) / outlier_sd(N, g, theta)
                    for N in fluct_sizes])
slope = np.polyfit(np.log(fluct_sizes), np.log(sd_sim), 1)[0]
print("N:              ", fluct_sizes)
print("sd simulated:   ", np.round(sd_sim, 4))
print("sd theory:      ", np.round(sd_theory, 4))
print(f"pooled z: mean {z.mean():+.3f}, sd {z.std(ddof=1):.3f}")
print(f"log-log slope {slope:.2f} (theory -1/2; noisy with 4 sizes, not asserted)")
tol_sd = np.array([4 / np.sqrt(2 * n_draws[N]) + 0.05 for N in fluct_sizes])
assert np.all(np.abs(sd_sim / sd_theory - 1) < tol_sd), "each sd within 4 std. errors"
assert abs(z.std(ddof=1) - 1) < 0.15, "pooled z-scores must have unit sd"
assert abs(z.mean()) < 4 / np.sqrt(z.size), "no bias at the O(1/√N) scale"

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.6))
ax = axes[0]
N_grid = np.geomspace(80, 1000, 50)
ax.loglog(N_grid, outlier_sd(N_grid, g, theta), color=COLORS["theory"],
          label=r"theory $\sigma_\lambda$")
se = sd_sim / np.sqrt([2 * n_draws[N] for N in fluct_sizes])
ax.errorbar(fluct_sizes, sd_sim, yerr=se, fmt="o", color=COLORS["sim"], capsize=3,
            label="simulation (± s.e.)")
ax.set(xlabel="N", ylabel=r"sd of the outlier $\lambda_{\rm out}$")
ax.set_title(r"fluctuations shrink as $1/\sqrt{N}$")
ax.legend(fontsize=9)
ax = axes[1]
ax.hist(z, bins=20, density=True, color=COLORS["sky"], alpha=0.8, label="simulation")
zz = np.linspace(-4, 4, 200)
ax.plot(zz, np.exp(-(zz**2) / 2) / np.sqrt(2 * np.pi), color=COLORS["theory"],
        label="standard normal")
ax.set(xlabel=r"$z = (\lambda_{\rm out} - \theta)/\sigma_\lambda$", ylabel="density")
ax.set_title("rescaled fluctuations, all N")
ax.legend(fontsize=9)
fig.tight_layout()
savefig(fig, "01_outlier_fluctuations")

# %% [markdown]
# ### 4.3 When the overlap is inside the bulk, there is no outlier
#
# With $|\theta| < g$ the outlier equation has no solution outside the disk: the structure is still
# there — $mn^T/N$ has the same singular value $|m||n|/N$ — but it leaves **no trace** in the eigenvalues;
# the bulk absorbs it. For the dynamics this is the regime where the structured loop is weaker than
# the random one: the structure alone does not create a slow or unstable direction (it still shapes
# responses to inputs, as later notebooks show). Here $g = 1$, $\theta = 0.5$:

# %%
rng = np.random.default_rng([SEED, 9])
N = 500
m_in, n_in = rank_one_pair(N, 0.5, rng)
J_in = random_bulk(N, g, rng) + np.outer(m_in, n_in) / N
sp_in = spectrum(J_in, g, margin=3 * g / np.sqrt(N))
print(f"θ = 0.5 inside the bulk: {sp_in.outliers.size} outliers; largest |λ| = "
      f"{np.max(np.abs(sp_in.eigenvalues)):.3f} (bulk radius g = {g})")
assert sp_in.outliers.size == 0, "no eigenvalue may leave the bulk when |θ| < g"

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(4.6, 4.3))
plot_spectrum(sp_in.eigenvalues, g, outlier=0.5, ax=ax)
ax.set_title(r"$n^Tm/N = 0.5 < g$: no outlier")
ax.set_aspect("equal", adjustable="box")
ax.set_xlim(-1.4, 1.4)
ax.set_ylim(-1.4, 1.4)
fig.tight_layout()

# %% [markdown]
# ### 4.4 The outlier's eigenvector is aligned with $m$ — but not perfectly
#
# The eigenvector is $v \propto (\lambda - J_0)^{-1}m = \sum_{k\ge0}J_0^km/\lambda^{k+1}$ *exactly* (from the
# eigenvalue equation above). Its first term is $m/\lambda$; the others are nearly orthogonal to $m$ and
# to each other, with $|J_0^km|^2 \approx g^{2k}|m|^2$. So $|v|^2 \approx \frac{|m|^2}{\lambda^2}\sum_k (g^2/\lambda^2)^k$ and
#
# $$\cos\angle(v, m) = \frac{|m^Tv|}{|m||v|} \approx \sqrt{1 - \frac{g^2}{\lambda^2}}\;\xrightarrow[N\to\infty]{}\;\sqrt{1-\frac{g^2}{\theta^2}} .$$
#
# The random bulk "dresses" the structured direction: the eigenvector is $m$ plus a random
# component, which grows as the outlier approaches the bulk and takes over at $\theta = g$. (The
# left eigenvector is aligned with $n$ in the same way.) We average over 6 networks at $N = 1000$ and
# compare within 5 standard errors of the mean, estimated from the same draws (with 5 degrees of
# freedom, a 5-standard-error deviation has probability 0.4 %). Close to the edge ($\theta = 1.25$) the
# convergence in $N$ is slow — the finite-$N$ alignment is visibly lower than the limit — so we draw
# that point but assert only for $\theta \ge 1.5$.

# %%
rng = np.random.default_rng([SEED, 10])
N, n_rep = 1000, 6
thetas = np.array([1.25, 1.5, 2.0, 3.0, 4.0])
cos_mean, cos_sem = [], []
for th in thetas:
    vals = []
    for _ in range(n_rep):
        m, n = rank_one_pair(N, th, rng)
        lam, v = top_eig(random_bulk(N, g, rng) + np.outer(m, n) / N, m)
        vals.append(abs(m @ v) / np.linalg.norm(m))
    cos_mean.append(np.mean(vals))
    cos_sem.append(np.std(vals, ddof=1) / np.sqrt(n_rep))
cos_mean, cos_sem = np.array(cos_mean), np.array(cos_sem)
cos_theory = np.sqrt(1 - g**2 / thetas**2)
print("θ:          ", thetas)
print("cos (sim):  ", np.round(cos_mean, 4), "±", np.round(cos_sem, 4))
print("cos theory: ", np.round(cos_theory, 4))
far = thetas >= 1.5
assert np.all(np.abs(cos_mean - cos_theory)[far] < 5 * cos_sem[far] + 2 / N), (
    "alignment √(1 - g²/θ²)"
)

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(5.5, 3.8))
th_grid = np.linspace(1.0, 4.2, 200)
ax.plot(th_grid, np.sqrt(1 - g**2 / th_grid**2), color=COLORS["theory"],
        label=r"theory $\sqrt{1-g^2/\theta^2}$")
ax.errorbar(thetas, cos_mean, yerr=cos_sem, fmt="o", color=COLORS["sim"], capsize=3,
            label=f"simulation, N = {N} (mean ± s.e.m.)")
ax.axvline(g, color=COLORS["grey"], ls=":", lw=1, label="bulk edge $\\theta = g$")
ax.set(xlabel=r"overlap $\theta = n^Tm/N$", ylabel=r"$\cos\angle(v_{\rm out}, m)$")
ax.set_ylim(0, 1.02)
ax.set_title("alignment of the outlier eigenvector with $m$")
ax.legend(fontsize=9, loc="lower right")
fig.tight_layout()

# %% [markdown]
# ### Try it: move the overlap across the bulk edge
#
# Sliders for the overlap $\theta = n^Tm/N$ and the gain $g$ ($N = 400$). Watch the outlier enter the disk
# when $\theta < g$ and, near the edge, wander away from its predicted position.


# %%
def draw_spectrum(theta=1.5, g=1.0, N=400, seed=0):
    """Spectrum of J0 + m nᵀ/N with its bulk circle and the predicted outlier."""
    r_loc = np.random.default_rng([seed, 11])
    m, n = rank_one_pair(N, theta, r_loc)
    J_s = random_bulk(N, g, r_loc) + np.outer(m, n) / N
    sp = spectrum(J_s, g, margin=3 * g / np.sqrt(N))
    fig, ax = plt.subplots(figsize=(5, 4.3))
    plot_spectrum(sp.eigenvalues, g, outlier=theta if abs(theta) > g else None, ax=ax)
    lim = max(g, abs(theta)) + 0.4
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    found = ", ".join(f"{z.real:.2f}" for z in sp.outliers) or "none"
    ax.set_title(f"θ = {theta:.2f}, g = {g:.2f}: outliers found: {found}")
    return fig


slider_demo(
    partial(draw_spectrum, N=400, seed=SEED),
    theta=(0.0, 3.0, 0.1),
    g=(0.2, 2.0, 0.1),
    defaults=dict(theta=1.5, g=1.0),
)

# %% [markdown]
# The network of Exercises 4 and 5: $N = 800$, $g = 0.8$, and structure vectors with i.i.d.
# Gaussian entries with **nonzero means** $M_m = 1$, $M_n = 0.8$, variances
# $\Sigma_m^2 = \Sigma_n^2 = 1$ and covariance $\sigma_{mn} = 0.7$ (sampled with their
# sampling noise, not exactly).

# %%
model_4 = RankOne(g=0.8, m_mean=1.0, n_mean=0.8, m_var=1.0, n_var=1.0, mn_cov=0.7)
N_4, rng_4 = 800, np.random.default_rng([SEED, 12])
vec_4 = model_4.sample(N_4, rng_4, exact=False)  # sampling noise kept
m_4, n_4 = vec_4.m[:, 0], vec_4.n[:, 0]
J0_4 = random_bulk(N_4, model_4.g, rng_4)
J_4 = J0_4 + np.outer(m_4, n_4) / N_4
lam_4 = top_eig(J_4, m_4)[0].real
sd_4 = outlier_sd(N_4, model_4.g, n_4 @ m_4 / N_4, m_sq=m_4 @ m_4 / N_4,
                  n_sq=n_4 @ n_4 / N_4)
print(f"outlier λ = {lam_4:.4f};  sampled overlap nᵀm/N = {n_4 @ m_4 / N_4:.4f}")
assert abs(lam_4 - n_4 @ m_4 / N_4) < 4 * sd_4, "the outlier is near nᵀm/N"

# %% [markdown]
# ### Exercise 4: two mechanisms for the same outlier
#
# **2 points** (1 autograded, 1 written) · difficulty 1/3 · about 10 min
#
# Write `predicted_outlier(m_mean, n_mean, mn_cov)`: where the outlier of $J_0 + mn^T/N$ lies as
# $N\to\infty$ for i.i.d. entries with means $M_m, M_n$ and covariance $\sigma_{mn}$. Hint:
# write $n^Tm/N = \frac1N\sum_i m_in_i$ and use $\mathbb E[m_in_i]$. The two terms are the
# two mechanisms of the lecture: aligned means and correlated fluctuations. The checker tries
# parameters of its own choosing; the cell compares your prediction for the network above
# with its outlier. Explain the small discrepancy.

# %% [markdown] tags=["answer"]
# *Your answer:* (where the small discrepancy comes from)


# %% tags=["raises-exception"]
def predicted_outlier(m_mean, n_mean, mn_cov):
    """Limit N → ∞ of the outlier of J0 + m nᵀ/N, from the population parameters."""
    ...


checks.exercise_4(predicted_outlier)
theta_pred = predicted_outlier(1.0, 0.8, 0.7)
print(f"prediction {theta_pred:.4f};  sampled overlap {n_4 @ m_4 / N_4:.4f};  "
      f"outlier {lam_4:.4f}")


# %% tags=["solution"]
def predicted_outlier(m_mean, n_mean, mn_cov):
    """Limit N → ∞ of the outlier of J0 + m nᵀ/N, from the population parameters."""
    return m_mean * n_mean + mn_cov  # E[m_i n_i] = E[m_i] E[n_i] + Cov(m_i, n_i)


checks.exercise_4(predicted_outlier)
theta_pred = predicted_outlier(1.0, 0.8, 0.7)
print(f"prediction {theta_pred:.4f};  sampled overlap {n_4 @ m_4 / N_4:.4f};  "
      f"outlier {lam_4:.4f}")
# Two finite-N effects: the sampled overlap differs from its mean by O(1/√N), and the
# outlier fluctuates around the sampled overlap by σ_λ (here |m|²/N and |n|²/N include
# the means).

# %% [markdown]
# ### Exercise 5: the exact outlier equation
#
# **3 points** (2 autograded, 1 written) · difficulty 2/3 · about 20 min
#
# The outlier is a root of the exact equation of §4, $\frac1N n^T(\lambda - J_0)^{-1}m = 1$.
# Write its residual `outlier_residual(lam, J0, m, n)`, which returns
# $\frac1N n^T(\lambda - J_0)^{-1}m - 1$ for a real $\lambda$ (solve a linear system rather than
# inverting the matrix). The checker evaluates it on networks and values of $\lambda$ of its
# choosing; the cell then finds its root for the network above (scipy's `brentq`) and
# compares it with the outlier eigenvalue. Why does the root agree with the eigenvalue to
# many digits, while $\theta = n^Tm/N$ agrees only to $O(1/\sqrt N)$?

# %% [markdown] tags=["answer"]
# *Your answer:* (why the root is exact and θ is not)


# %% tags=["raises-exception"]
def outlier_residual(lam, J0, m, n):
    """nᵀ(λ - J0)⁻¹m / N - 1: its root outside the bulk is the outlier of J."""
    ...


checks.exercise_5(outlier_residual)
lam_root = brentq(outlier_residual, 1.0, 10.0, args=(J0_4, m_4, n_4), xtol=1e-12)
print(f"root {lam_root:.10f};  eigenvalue {lam_4:.10f};  nᵀm/N = {n_4 @ m_4 / N_4:.4f}")


# %% tags=["solution"]
def outlier_residual(lam, J0, m, n):
    """nᵀ(λ - J0)⁻¹m / N - 1: its root outside the bulk is the outlier of J."""
    N = len(m)
    v = np.linalg.solve(lam * np.eye(N) - J0, m)  # (λ - J0)⁻¹ m
    return n @ v / N - 1


checks.exercise_5(outlier_residual)
lam_root = brentq(outlier_residual, 1.0, 10.0, args=(J0_4, m_4, n_4), xtol=1e-12)
print(f"root {lam_root:.10f};  eigenvalue {lam_4:.10f};  nᵀm/N = {n_4 @ m_4 / N_4:.4f}")
assert abs(lam_root - lam_4) < 1e-8, "the root of the exact equation is the eigenvalue"
# The equation is exact (matrix determinant lemma): no term is neglected, so its root is
# the eigenvalue up to rounding. θ = nᵀm/N keeps only the first term of the expansion in
# J0^k/λ^(k+1); the terms ξ_k = nᵀJ0^k m/N it drops are random, of size O(1/√N).

# %% [markdown] tags=["core"]
# ## Summary
#
# - $P = MN^T/N = \sum_r m_rn_r^T/N$ has rank $R$: two vectors per rank, $2RN$ numbers. It acts as
#   $P\phi = M\kappa$ with $\kappa = N^T\phi/N$ — read $R$ numbers along the $n$'s, write them along the $m$'s.
# - Its nonzero eigenvalues are those of the $R\times R$ overlap matrix $\sigma = N^TM/N$; for rank one, the
#   single eigenvalue is $n^Tm/N$ (eigenvector $m$). Eigenvalues ≠ singular values: $m\perp n$ gives a
#   nilpotent matrix, all eigenvalues zero, yet $\dot x = -x + Px$ amplifies an input along $n$
#   transiently by up to $\approx |m||n|/(eN)$ (non-normal amplification).
# - The SVD writes any matrix as ordered rank-one terms; truncating it gives the best rank-$R$
#   approximation, with error $\sqrt{\sum_{k>R}s_k^2}$ (Frobenius) and $s_{R+1}$ (spectral) —
#   Eckart–Young–Mirsky. With noise, planted singular values $s_{\rm p} > g$ appear at $s_{\rm p} + g^2/s_{\rm p}$.
# - $J_0 + mn^T/N$ with $J_0$ independent of $m, n$: a disk of radius $g$ plus, if $|n^Tm/N| > g$, one
#   outlier at $n^Tm/N$ — exactly only as $N\to\infty$; at finite $N$ it fluctuates by
#   $\sigma_\lambda = g\sqrt{|m|^2|n|^2/N^2}/\sqrt{N(\theta^2-g^2)}$, which diverges at the bulk edge. Inside the bulk
#   there is no outlier. The outlier's eigenvector has $\cos\angle(v, m) \approx \sqrt{1-g^2/\theta^2}$.
# - The overlap $n^Tm/N \to M_mM_n + \sigma_{mn}$: aligned means and correlated fluctuations give the same
#   outlier.
#
# **Next:** [02 — The rank-one RNN](02_rank_one_rnn.ipynb): what the outlier means for the dynamics
# of $\dot x = -x + J_0\phi(x) + m\kappa$.
#
# ## References
#
# - C. Eckart and G. Young (1936). The approximation of one matrix by another of lower rank.
#   *Psychometrika* 1(3):211–218.
# - L. Mirsky (1960). Symmetric gauge functions and unitarily invariant norms. *The Quarterly
#   Journal of Mathematics* 11(1):50–59.
# - V. L. Girko (1984). Circular law. *Theory of Probability and Its Applications* 29(4):694–706.
# - T. Tao and V. Vu (2010). Random matrices: universality of ESDs and the circular law. *Annals of
#   Probability* 38(5):2023–2065.
# - T. Tao (2013). Outliers in the spectrum of iid matrices with bounded rank perturbations.
#   *Probability Theory and Related Fields* 155:231–263.
# - K. Rajan and L. F. Abbott (2006). Eigenvalue spectra of random matrices for neural networks.
#   *Physical Review Letters* 97:188104.
# - B. K. Murphy and K. D. Miller (2009). Balanced amplification: a new mechanism of selective
#   amplification of neural activity patterns. *Neuron* 61(4):635–648.
# - L. N. Trefethen and M. Embree (2005). *Spectra and Pseudospectra: The Behavior of Nonnormal
#   Matrices and Operators.* Princeton University Press.
# - A. Rivkind and O. Barak (2017). Local dynamics in trained recurrent neural networks. *Physical
#   Review Letters* 118:258101.
# - C. Bordenave and M. Capitaine (2016). Outlier eigenvalues for deformed i.i.d. random matrices.
#   *Communications on Pure and Applied Mathematics* 69(11):2131–2194.
# - B. Rider (2003). A limit theorem at the edge of a non-Hermitian random matrix ensemble. *Journal
#   of Physics A* 36(12):3401–3409.
# - F. Benaych-Georges and R. R. Nadakuditi (2012). The singular values and vectors of low rank
#   perturbations of large rectangular random matrices. *Journal of Multivariate Analysis*
#   111:120–135.
# - F. Mastrogiuseppe and S. Ostojic (2018). Linking connectivity, dynamics, and computations in
#   low-rank recurrent neural networks. *Neuron* 99(3):609–623.
