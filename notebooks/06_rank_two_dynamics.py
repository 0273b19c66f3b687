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
# # 06 — Rank two: latent dynamics in the plane, rings and oscillations
#
# With two structured directions, $P = (m_1n_1^T + m_2n_2^T)/N$, the network reads out **two**
# numbers, $\kappa_r = n_r^T\phi(x)/N$, and broadcasts them along $m_1$ and $m_2$. Activity then
# lives in a plane, and the dynamics in that plane is a two-dimensional ODE whose vector field
# is fixed by one $2\times2$ matrix, the **overlap matrix** $\sigma_{rs} = n_r^Tm_s/N$. Its
# eigenvalues decide everything: real ones give fixed points along the eigenvectors, a multiple
# of the identity gives a whole **ring** of fixed points (a continuous attractor), and a complex
# pair $a\pm ib$ gives a **Hopf bifurcation** at $a = 1$ and a **limit cycle** whose radius and
# frequency we predict. Every prediction is checked against a network of thousands of neurons.
#
# **Learning goals**
# - Show that activity of a rank-$R$ network without random bulk lives in
#   $\mathrm{span}(m_1,\dots,m_R, I)$ (PCA and projections).
# - Derive the latent dynamics $\dot k = -k + [\phi'](0,\Delta(k))\,\sigma k$ from the network
#   equation with Stein's lemma, and tell the coordinate $k$ from the drive $\kappa = n^T\phi/N$.
# - Read fixed points, rings and limit cycles off the eigenvalues of $\sigma$; predict the ring
#   radius, the limit-cycle radius and its frequency $\omega = b/a$.
# - Measure a period from zero crossings and from the spectrum, and know which errors come from
#   finite $N$ and which from the integrator.
# - Say what changes with a random bulk $g>0$: exact for fixed points, only adiabatic for cycles.
#
# **Estimated time:** 75–90 minutes (with exercises).
#
# **Prerequisites:** [05 — Inputs and selective responses](05_inputs_and_selectivity.ipynb) and
# the rank-one latent dynamics of [02 — The rank-one RNN](02_rank_one_rnn.ipynb).

# %% tags=["hide-input"]
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML
from matplotlib import animation
from scipy.optimize import brentq

from lrnn_utils import dphi, gauss_avg, limit_cycle_theory, pca, random_bulk, simulate
from lrnn_utils import spectrum
from lrnn_utils.analysis import project
from lrnn_utils.checks import nb06 as checks
from lrnn_utils.demos import slider_demo
from lrnn_utils.models import rank_r
from lrnn_utils.plotting import COLORS, animation_html, latent_axes, plot_circle
from lrnn_utils.plotting import plot_phase_plane, plot_spectrum, savefig, use_style
from lrnn_utils.seeds import base_seed

use_style()
SEED = base_seed()

# %% tags=["hide-input"]
def period_from_zero_crossings(t, y):
    """Mean interval between upward zero crossings of y(t) (linear interpolation)."""
    i = np.flatnonzero((y[:-1] < 0) & (y[1:] >= 0))
    tc = t[i] - y[i] * (t[i + 1] - t[i]) / (y[i + 1] - y[i])
    return np.mean(np.diff(tc))


# %% [markdown] tags=["core"]
# ## 1. Activity lives in the span of m1, m2 and I
#
# The network is
#
# $$\dot x = -x + \sum_{r=1}^{R} m_r\,\kappa_r(t) + I\,u(t),\qquad
# \kappa_r = \frac{n_r^T\phi(x)}{N},\qquad \phi = \tanh ,$$
#
# with no random bulk ($g=0$) for now and an input vector $I$ with a time course $u(t)$. The
# right-hand side is $-x$ plus something that always lies in $\mathrm{span}(m_1,\dots,m_R,I)$,
# whatever the nonlinearity and whatever $N$. So the component $x_\perp$ of the state orthogonal
# to that span obeys $\dot x_\perp = -x_\perp$: it decays as $e^{-t}$ (for forward Euler steps, by
# exactly $1-dt$ per step), and after a few $\tau$ the $N$-dimensional activity is
# $R+1$-dimensional.
#
# We check it on a rank-two network with overlap matrix $\sigma = \begin{pmatrix}2&-1\\1&2\end{pmatrix}$
# (we will see in Section 5 that it oscillates), started from a random state far from the plane,
# and receiving an input pulse along a vector $I$ that is uncorrelated with $m$ and $n$.
# The model is `rank_r(g, sigma)` (zero-mean Gaussian vectors, $C_{mm} = \mathbb 1$, one
# input channel); `.sample(N, rng)` draws the vectors with **exact** empirical covariances:
# a ring or a cycle radius is very sensitive to a few-percent sampling error in $n^Tm/N$,
# and we want to compare with the $N\to\infty$ theory.

# %% tags=["hide-input"]
rng = np.random.default_rng([SEED, 1])
sigma_osc = np.array([[2.0, -1.0], [1.0, 2.0]])  # eigenvalues 2 ± 1i
N = 3000
vec = rank_r(0.0, sigma_osc, input_var=1.0).sample(N, rng)  # m, n (N, 2), I (N,)
m, n, I = vec.m, vec.n, vec.I


def pulse(t):
    return 2.0 if 25.0 <= t < 40.0 else 0.0


dt = 0.1
x0 = rng.standard_normal(N)  # a random initial state, far from span(m1, m2, I)
res = simulate(x0, 60.0, dt, **vec.structure, inputs=lambda t: pulse(t) * I,
               record_every=10)
t, x = res.t, res.x  # x: (T, N)
basis, _ = np.linalg.qr(np.column_stack([m, I]))  # orthonormal basis of span(m1, m2, I)
x_perp = x - (x @ basis) @ basis.T
perp_norm = np.linalg.norm(x_perp, axis=1) / np.linalg.norm(x_perp[0])
steps = np.round(t / dt)
late = t >= 10.0
pc = pca(x[late])
cos_angles = np.linalg.svd(basis.T @ pc.components[:3].T, compute_uv=False)
coords = project(x, np.column_stack([m, I]))  # (T, 3): k1, k2, input coordinate v

# %%
# exact, for every N: x_perp shrinks by (1 - dt) per Euler step (e^{-t} in continuous
# time), to relative precision 1e-6 until it reaches the round-off floor (~1e-16 · |x|)
early = t <= 15.0
assert np.allclose(perp_norm[early], (1 - dt) ** steps[early], rtol=1e-6, atol=0)
# after 10 τ the residual is e^{-10} ≈ 5e-5 of its start: three PCs hold everything
assert pc.explained[:3].sum() > 1 - 1e-6, pc.explained[:4]
assert cos_angles.min() > 1 - 1e-6, "the top-3 PCs must span span(m1, m2, I)"
print(f"variance in the first 3 PCs (t ≥ 10): {pc.explained[:3].sum():.8f}")
print("cosines of the principal angles between PC1-3 and span(m1, m2, I):",
      np.round(cos_angles, 8))
# the pulse silences the oscillation although I is uncorrelated with n (checked below)
amp = np.linalg.norm(coords[:, :2], axis=1)
before, end_pulse = amp[(t >= 15) & (t < 25)].mean(), amp[np.searchsorted(t, 40.0) - 1]
gain_pulse = float(gauss_avg(dphi, 0.0, 2.0**2))  # [φ'](0, u²Σ_I²) at k = 0
assert 2.0 * gain_pulse < 1 and end_pulse < 0.1 * before, (gain_pulse, end_pulse)
print(f"during the pulse: a·[φ'](0, u²Σ_I²) = {2.0 * gain_pulse:.2f} < 1:")
print("k = 0 is stable;", end=" ")
print(f"oscillation amplitude {before:.2f} → {end_pulse:.3f}")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 3, figsize=(8.5, 3.1))
ax = axes[0]
ax.semilogy(t, perp_norm, color=COLORS["sim"], lw=2.5, label="network")
ax.semilogy(t, (1 - dt) ** steps, "--", color=COLORS["theory"],
            label=r"$(1-dt)^{t/dt}$")
ax.text(59, 3e-14, "round-off floor", ha="right", va="bottom", color=COLORS["grey"])
ax.set(xlabel=r"time ($\tau$)", ylabel=r"$\|x_\perp(t)\| / \|x_\perp(0)\|$",
       ylim=(1e-18, 3), title="outside the span: decay")
ax.legend(fontsize=9)
ax = axes[1]
ax.bar(np.arange(1, 9), pc.explained[:8], color=COLORS["blue"])
ax.set(yscale="log", ylim=(1e-16, 2), xlabel="principal component", xticks=range(1, 9),
       ylabel="fraction of variance", title=r"PCA, $t\geq 10\,\tau$")
ax = axes[2]
ax.axvspan(25, 40, color=COLORS["grey"], alpha=0.15, label="pulse")
for i, (lab, c) in enumerate([(r"$k_1$", "blue"), (r"$k_2$", "green"),
                              (r"$v$ (along $I$)", "orange")]):
    ax.plot(t, coords[:, i], color=COLORS[c], label=lab)
ax.set(xlabel=r"time ($\tau$)", ylabel="coordinate", ylim=(-1.6, 3.4),
       title="the three coordinates")
ax.legend(fontsize=9, loc="upper left", ncol=2)
fig.tight_layout()
savefig(fig, "06_span_and_pca")
plt.show()

# %% [markdown]
# Three numbers describe the state of 3000 neurons. Note what the pulse does: the input vector
# $I$ is uncorrelated with $n_1, n_2$, so it sends **no signal** to $\kappa$ — and yet the
# oscillation of $k_1, k_2$ dies during the pulse and restarts after it. The input adds variance
# $u^2\Sigma_I^2$ to every neuron's field, which lowers the average slope $[\phi']$ of the
# population and weakens the loop below its threshold (Section 5 gives the condition
# $a[\phi'] = 1$). In one Gaussian population such a gain change hits every pathway alike;
# notebook 07 shows how a context cue can nevertheless select a pathway (by moving the latent
# state, as in the paper) and how population structure makes a gain switch selective.

# %% [markdown] tags=["core"]
# ## 2. The latent dynamics, derived
#
# Take $g=0$ and start in the plane (or wait a few $\tau$): $x(t) = m_1k_1(t) + m_2k_2(t)$ (plus
# $I$ if there is a constant input; we drop it here). The **coordinates** $k = (k_1,k_2)$ are the
# projection of $x$ on the $m$'s, $k = (M^TM)^{-1}M^Tx$ with $M = [m_1\,m_2]$. Projecting the
# network equation gives, exactly and for any $N$,
#
# $$\dot k = -k + \kappa(t),\qquad \kappa_r(t) = \frac1N\sum_i n_{ri}\,\phi\Big(\sum_s m_{si}k_s(t)\Big).$$
#
# As $N\to\infty$ the average over neurons becomes an average over the joint Gaussian
# distribution of the entries $(m_{1i}, m_{2i}, n_{1i}, n_{2i})$. The field
# $z_i = \sum_s m_{si}k_s$ is Gaussian with zero mean and variance
# $\Delta(k) = k^TC_{mm}k$ ($C_{mm}$ the covariance of the $m$'s; here $\Sigma_m^2 = 1$ and
# $\Delta = |k|^2$). **Stein's lemma**, $\langle n\,f(z)\rangle = \mathrm{Cov}(n,z)\,\langle f'(z)\rangle$
# for zero-mean jointly Gaussian $n, z$, gives
#
# $$\kappa_r = \mathrm{Cov}(n_r, z)\,[\phi'](0,\Delta) = [\phi'](0,\Delta(k))\sum_s\sigma_{rs}k_s ,
# \qquad\boxed{\;\dot k = -k + [\phi'](0,\Delta(k))\;\sigma k\;}$$
#
# with the overlap matrix $\sigma_{rs} = \mathrm{Cov}(n_r, m_s) = n_r^Tm_s/N$. Only the
# *correlated-fluctuation* mechanism of Stein's lemma appears, because all vectors have zero
# mean here; with non-zero means there would be an extra term $M_{n_r}[\phi](\mu,\Delta)$ (the
# aligned-means mechanism of notebooks 02–04).
#
# **Which $\kappa$?** The lecture notes write
# this ODE as $\dot\kappa = -\kappa + [\phi']\sigma\kappa$. The variable that obeys it is the
# **coordinate** $k$ of $x$ along the $m$'s. The quantity the network computes,
# $\kappa = n^T\phi(x)/N$, is the **drive** $[\phi']\,\sigma k$. The two coincide at fixed points
# ($\dot k = 0 \Rightarrow k = \kappa$) but not during transients or on a limit cycle — where they
# even have different radii (Exercise 4). In code: `model.velocity(k)` is $\dot k$,
# `model.drive(k)` the drive $\kappa$ and `model.integrate(k0, t_max, dt)` the latent
# trajectory. Below we compare both with the network.

# %%
rng = np.random.default_rng([SEED, 2])
N = 20000  # pure low-rank: O(N·R) per step, cheap
osc = rank_r(0.0, sigma_osc)  # the model: g = 0, C_mm = 1
vec = osc.sample(N, rng)
m = vec.m
k0 = np.array([[0.1, 0.0], [2.0, -1.5], [-0.6, 2.2]])  # three initial coordinates
dt, t_max = 0.05, 20.0
res = simulate(k0 @ m.T, t_max, dt, **vec.structure, record_every=5, method="heun")
k_net = project(res.x, m)  # (3, T, 2): coordinates along m1, m2
k_lat = osc.integrate(k0, t_max, dt).k[:, ::5]  # RK4, on the recording's time grid
kappa_lat = osc.drive(k_lat)  # the drive [φ'] σ k
err_k = np.abs(k_net - k_lat).max()
err_kappa = np.abs(res.kappa - kappa_lat).max()
# The network's vector field differs from the N → ∞ one by sample averages over N
# neurons, O(1/√N) = 0.007. Along a rotating trajectory that error accumulates as a
# phase drift (the phase is a neutral direction), ∝ t/√N: we allow 0.5·t/√N = 0.07 over
# 20 τ. Heun's O(dt²) error is far smaller.
tol = 0.5 * t_max / np.sqrt(N)
assert err_k < tol and err_kappa < tol, (err_k, err_kappa, tol)
print(f"max |k_network - k_latent|         = {err_k:.3f}")
print(f"max |κ_network - [φ']σk_latent|    = {err_kappa:.3f}   (tolerance {tol:.3f})")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.8),
                         gridspec_kw={"width_ratios": [1, 1.4]})
ax = axes[0]
for b in range(len(k0)):
    ax.plot(k_net[b, :, 0], k_net[b, :, 1], color=f"C{b}", lw=3, alpha=0.45,
            label="network (on $m$)" if b == 0 else None)
    ax.plot(k_lat[b, :, 0], k_lat[b, :, 1], "--", color=COLORS["theory"], lw=1,
            label="latent ODE" if b == 0 else None)
    ax.plot(*k0[b], "o", color=f"C{b}", ms=5)
latent_axes(ax, 2.6, title="trajectory by trajectory")
ax.legend(fontsize=9, loc="upper right")
ax = axes[1]
b = 1
ax.plot(res.t, k_net[b, :, 0], color=COLORS["blue"], lw=3, alpha=0.5,
        label=r"$k_1$ network")
ax.plot(res.t, k_lat[b, :, 0], "--", color=COLORS["theory"], lw=1, label="latent ODE")
ax.plot(res.t, res.kappa[b, :, 0], color=COLORS["sim"], lw=3, alpha=0.5,
        label=r"$\kappa_1 = n_1^T\phi/N$")
ax.plot(res.t, kappa_lat[b, :, 0], ":", color=COLORS["theory"], lw=1.5,
        label=r"$[\phi']\,(\sigma k)_1$")
ax.set(xlabel=r"time ($\tau$)", ylabel="first component", ylim=(-1.7, 3.2),
       title=r"coordinate $k_1$ and drive $\kappa_1$")
ax.legend(fontsize=9, ncol=2, loc="upper right")
fig.tight_layout()
plt.show()

# %% [markdown]
# ### Exercise 1: read the overlap matrix off the vectors
# **3 points** (2 autograded, 1 written) · difficulty 1/3 · about 10 min
#
# The whole latent dynamics depends on the vectors only through $\sigma_{rs} = n_r^Tm_s/N$
# (and $C_{mm}$). (a) Write `overlap_matrix(m, n)`: for structure vectors stored one per
# column, `m` and `n` of shape $(N, R)$, it returns the $(R, R)$ empirical overlap matrix
# whose row $r$ is what $n_r$ sees of $m_1, \dots, m_R$. The checker tries it on vectors of
# its own. (b) Apply it to the network above, compute the eigenvalues and answer: is $k=0$
# stable? At which angular frequency do small oscillations around $k=0$ start?
# (Linearise: $[\phi'](0,0) = 1$.)

# %% tags=["raises-exception"]
def overlap_matrix(m, n):
    """Empirical overlaps σ̂[r, s] = n_rᵀ m_s / N of m, n of shape (N, R)."""
    return ...


checks.exercise_1(overlap_matrix)

# %% [markdown] tags=["answer"]
# *Your answer:* (is $k = 0$ stable? at which angular frequency do oscillations start?)

# %% tags=["solution"]
def overlap_matrix(m, n):
    """Empirical overlaps σ̂[r, s] = n_rᵀ m_s / N of m, n of shape (N, R)."""
    return n.T @ m / m.shape[0]


checks.exercise_1(overlap_matrix)
lam = np.linalg.eigvals(overlap_matrix(vec.m, vec.n))
print("eigenvalues of σ:", np.round(lam, 6))
print(f"Jacobian at k = 0 is -1 + σ: eigenvalues {np.round(lam - 1, 3)} → unstable;")
print(f"small oscillations start at ω = Im λ = {abs(lam[0].imag):.2f}")
# Model answer: the Jacobian -1 + σ has eigenvalues 1 ± 1i, real part > 0: k = 0 is
# unstable, and small oscillations start at ω = Im λ = b = 1 rad/τ.

# %% [markdown] tags=["core"]
# ## 3. Real eigenvalues: fixed points along the eigenvectors
#
# A fixed point solves $k = [\phi'](0,\Delta(k))\,\sigma k$, i.e. $\sigma k = \lambda k$ with
# $\lambda = 1/[\phi'](0,\Delta(k))$: **every fixed point lies on an eigenvector** $u$ of $\sigma$,
# and its distance from the origin, $k^* = \pm r\,u$ ($|u| = 1$), solves
#
# $$[\phi'](0, r^2\,u^TC_{mm}u) = \frac1\lambda .$$
#
# Since $[\phi']\le 1$, a pair exists only for $\lambda>1$. Around $k=0$ the Jacobian is
# $-1+\sigma$, so the origin is unstable as soon as the largest eigenvalue exceeds 1. Take
# $\sigma = \begin{pmatrix}1.8&0.3\\0.2&1.6\end{pmatrix}$, with real eigenvalues
# $\lambda_1\approx1.96$, $\lambda_2\approx1.44$ and non-orthogonal eigenvectors. Which fixed points
# are stable? Linearise around each: the pair on the top eigenvector is stable, the pair on the
# other one is a saddle (its direction towards the top eigenvector is unstable).

# %%
sigma_real = np.array([[1.8, 0.3], [0.2, 1.6]])
real = rank_r(0.0, sigma_real)
lam, U = np.linalg.eig(sigma_real)
order = np.argsort(-lam.real)
lam, U = lam.real[order], U[:, order].real  # unit-norm eigenvectors, largest first
# Newton from ±u on each eigenvector u (no relaxation, so saddles are found too): the
# velocity on an eigenvector points along it, so Newton stays on the line
guess = np.concatenate([np.outer([1.0, -1.0], U[:, i]) for i in range(2)])  # (4, 2)
fps = real.solve(k0=guess, t_relax=0.0)
assert fps.converged.all() and np.abs(real.velocity(fps.k)).max() < 1e-9
for j in range(4):
    kind = "stable" if fps.stable[j] else "saddle"
    print(f"λ = {lam[j // 2]:.3f}: k* = {np.round(fps.k[j], 3)}, "
          f"Jacobian eigenvalues {np.round(fps.eigvals[j].real, 3)} → {kind}")
assert fps.stable.tolist() == [True, True, False, False]

# %%
rng = np.random.default_rng([SEED, 3])
N = 5000
vec = real.sample(N, rng)
angles = np.linspace(0, 2 * np.pi, 10, endpoint=False) + 0.2
k0_real = 0.3 * np.column_stack([np.cos(angles), np.sin(angles)])
res = simulate(k0_real @ vec.m.T, 40.0, 0.1, **vec.structure, record_every=5)  # Euler
k_traj = project(res.x, vec.m)
ends = k_traj[:, -1]
dist = np.min([np.linalg.norm(ends - s, axis=1) for s in fps.k[fps.stable]], axis=0)
# at a fixed point the error is a sample average over N neurons, O(1/√N) = 0.014, times
# the sensitivity of k* to the gain (≈ 2 here, from d[φ']/dr); we allow 4/√N. (Forward
# Euler has exactly the fixed points of the ODE.)
assert dist.max() < 4 / np.sqrt(N), dist
print(f"all {len(ends)} trajectories end on a stable fixed point "
      f"(max distance {dist.max():.4f})")

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(5.2, 4.6))
plot_phase_plane(real.velocity, lim=2.2, ax=ax)
for b in range(len(k_traj)):
    ax.plot(k_traj[b, :, 0], k_traj[b, :, 1], color=COLORS["sim"], lw=1.5, alpha=0.8,
            label="network" if b == 0 else None)
for i, c in enumerate(["blue", "green"]):
    ax.plot(*np.outer([-2.2, 2.2], U[:, i]).T, color=COLORS[c], lw=1, ls="--",
            label=rf"eigenvector, $\lambda_{i + 1} = {lam[i]:.2f}$")
for j, (kstar, st) in enumerate(zip(fps.k, fps.stable)):
    ax.plot(*kstar, "o", ms=8, mec="k", mfc="k" if st else "white", zorder=5,
            label=("stable" if st else "saddle") if j % 2 == 0 else None)
ax.plot(0, 0, "o", ms=7, mec="k", mfc="white", zorder=5)
latent_axes(ax, 2.2, title="real eigenvalues: fixed points on eigenvectors")
ax.legend(fontsize=9, loc="lower right", frameon=True, framealpha=0.9)
plt.show()

# %% [markdown] tags=["core"]
# ## 4. sigma = a·1: a ring of fixed points
#
# When $\sigma = a\mathbb 1$ **every** direction is an eigenvector with eigenvalue $a$, and
# $C_{mm} = \Sigma_m^2\mathbb 1$ makes $\Delta(k) = \Sigma_m^2|k|^2$ depend on the radius only. The
# fixed-point condition then fixes the radius but not the angle: for $a>1$ there is a whole
# circle of fixed points, a **ring attractor** (continuous attractor), of radius $r^*$ with
#
# $$[\phi'](0,\Sigma_m^2 r^{*2}) = \frac1a .$$
#
# Perturbations across the ring decay; along it nothing pushes back, so the network *remembers*
# an angle. Below: 8 initial conditions at different angles.

# %%
rng = np.random.default_rng([SEED, 4])
a_ring = 1.8
ring = rank_r(0.0, a_ring * np.eye(2))
r_ring = limit_cycle_theory(a_ring, 0.0).radius  # gain condition (b = 0: no rotation)
assert abs(r_ring - np.linalg.norm(ring.solve(k0=[1.0, 0.0], t_relax=0.0).k)) < 1e-9
N = 3000
vec = ring.sample(N, rng)
angles = np.linspace(0, 2 * np.pi, 8, endpoint=False)
radii0 = np.tile([0.3, 2.2], 4)[:, None]  # alternately inside and outside the ring
k0_ring = np.column_stack([np.cos(angles), np.sin(angles)]) * radii0
res_ring = simulate(k0_ring @ vec.m.T, 200.0, 0.1, **vec.structure, record_every=10)
k_ring = project(res_ring.x, vec.m)  # (8, T, 2)
radius = np.linalg.norm(k_ring, axis=-1)
theta = np.unwrap(np.arctan2(k_ring[..., 1], k_ring[..., 0]), axis=1)
i40 = np.searchsorted(res_ring.t, 40.0)
# The radius is set by the population gain, a sample average over N neurons: relative
# error O(1/√N) = 0.018, amplified by the ring's sensitivity d ln r*/d ln[φ'] ≈ 1.5 — we
# allow 5/√N.
tol = 5 / np.sqrt(N)
assert np.all(np.abs(radius[:, i40] / r_ring - 1) < tol), radius[:, i40]
print(f"predicted radius r* = {r_ring:.4f};  measured at t = 40: "
      f"{radius[:, i40].min():.4f} … {radius[:, i40].max():.4f}")
drift = np.degrees(np.abs(theta[:, -1] - theta[:, i40]))
print(f"angle drift from t = 40 to t = 200: {drift.min():.1f}° … {drift.max():.1f}°")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.9))
ax = axes[0]
plot_phase_plane(ring.velocity, lim=2.4, ax=ax)
plot_circle(r_ring, ax=ax, lw=2, label=rf"theory $r^* = {r_ring:.3f}$")
for b in range(len(k_ring)):
    ax.plot(k_ring[b, : i40 + 1, 0], k_ring[b, : i40 + 1, 1], color=COLORS["sim"],
            lw=1.5, label="network" if b == 0 else None)
latent_axes(ax, 2.4, title=r"$\sigma = 1.8\,\mathbb{1}$: a ring attractor")
ax.legend(fontsize=9, loc="lower right", frameon=True, framealpha=0.9)
ax = axes[1]
for b in range(len(k_ring)):
    ax.plot(res_ring.t, np.degrees(theta[b]), color=COLORS["sim"], lw=1.2)
ax.set(xlabel=r"time ($\tau$)", ylabel="angle of $k$ (degrees)",
       title=f"slow drift along the ring (N = {N})")
fig.tight_layout()
plt.show()

# %% [markdown]
# The radius is predicted to within a few percent (the finite-$N$ error, a few $1/\sqrt N$);
# the angle is not perfectly frozen. At finite $N$
# the sampled vectors are not exactly rotation invariant (exact second moments, but the higher
# moments of the sampled entries fluctuate), so the ring is only *approximately* neutral: a few
# fixed points survive on it and the state creeps towards them. The force along the ring is a
# finite-size effect that vanishes as $N\to\infty$: a true continuous attractor exists only in
# that limit.
#
# How does the radius grow with $a$? Below $a=1$ the only fixed point is $k=0$; at $a=1$ the ring
# is born with $r^*\to 0$ — a pitchfork "around the circle". We check the curve at a few $a$.

# %%
rng = np.random.default_rng([SEED, 5])
a_values = np.array([0.8, 1.2, 1.5, 2.0, 2.5, 3.0])
N = 3000
k0 = np.array([[1.0, 0.0], [0.0, 1.5]])
r_sim = []
for a in a_values:
    vec = rank_r(0.0, a * np.eye(2)).sample(N, rng)
    r = simulate(k0 @ vec.m.T, 60.0, 0.1, **vec.structure, record_every=600)
    r_sim.append(np.linalg.norm(project(r.x[:, -1], vec.m), axis=-1).mean())
r_sim = np.array(r_sim)


def ring_theory(a_values):
    """Ring radius r*(a) of σ = a·1 (0 for a ≤ 1, where only k = 0 is left)."""
    return np.array([limit_cycle_theory(a, 0.0).radius if a > 1 else 0.0
                     for a in a_values])


r_theory = ring_theory(a_values)
# same tolerance reasoning as above (relative 5/√N), plus an absolute 0.02 below a = 1
# (relaxation to 0 is exponential, e^{-0.2·60} ≈ 6e-6: nothing left)
assert np.all(np.abs(r_sim - r_theory) < 5 / np.sqrt(N) * r_theory + 0.02), r_sim
a_fine = np.linspace(0.5, 3.2, 200)

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(5.5, 3.6))
ax.plot(a_fine, ring_theory(a_fine), color=COLORS["theory"],
        label=r"theory: $[\phi'](0,r^2)=1/a$")
ax.plot(a_values, r_sim, "o", color=COLORS["sim"], label=f"network, N = {N}")
ax.axvline(1, color=COLORS["grey"], lw=0.8, ls=":")
ax.set(xlabel=r"$a$ (overlap matrix $\sigma = a\,\mathbb{1}$)",
       ylabel=r"ring radius $r^*$", title="the ring is born at a = 1")
ax.legend(fontsize=9)
plt.show()

# %% [markdown]
# ### Exercise 2: predict a ring radius, then check it
# **4 points** (3 autograded, 1 written) · difficulty 2/3 · about 15 min
#
# Take $\sigma = a\,\mathbb 1$ with structure vectors of variance $\mathrm{Cov}(m) =
# \Sigma_m^2\,\mathbb 1$ (keep $n^Tm/N = \sigma$). (a) Before computing: for $a = 1.6$, will
# the ring radius be larger or smaller with $\Sigma_m^2 = 2$ than with $\Sigma_m^2 = 1$, and
# by which factor? (b) Write `ring_radius(a, m_var)`, the predicted radius for any $a > 1$
# and $\Sigma_m^2$ = `m_var`, from the gain condition with `gauss_avg(dphi, 0.0, delta)`
# ($= [\phi'](0, \Delta)$) and `brentq`; the checker tries it on values of its own.
# (c) Build the network `rank_r(0.0, 1.6 * np.eye(2), m_cov=2.0 * np.eye(2))`, sample it,
# simulate it, and measure the radius of the projection on $m$ (use `project`).

# %% tags=["raises-exception"]
def ring_radius(a, m_var):
    """Ring radius r* for σ = a·1 (a > 1) and Cov(m) = m_var·1, g = 0."""
    return ...


checks.exercise_2(ring_radius)

# %% [markdown] tags=["answer"]
# *Your answer:* (larger or smaller with $\Sigma_m^2 = 2$, and by which factor?)

# %% tags=["solution"]
def ring_radius(a, m_var):
    """Ring radius r* for σ = a·1 (a > 1) and Cov(m) = m_var·1, g = 0."""
    gap = lambda r: float(gauss_avg(dphi, 0.0, m_var * r * r)) - 1 / a  # noqa: E731
    return brentq(gap, 0.0, 50.0, xtol=1e-14)


checks.exercise_2(ring_radius)
# Model answer (a): smaller by √2. The gain depends on Δ = Σ_m² r², so the ring sits at
# the same Δ and r* scales as 1/Σ_m.
rng = np.random.default_rng([SEED, 6])
vec_ex = rank_r(0.0, 1.6 * np.eye(2), m_cov=2.0 * np.eye(2)).sample(3000, rng)
r_ex = simulate(np.array([0.2, 0.1]) @ vec_ex.m.T, 60.0, 0.1, **vec_ex.structure,
                record_every=600)
r_meas_ex = np.linalg.norm(project(r_ex.x[-1], vec_ex.m))
print(f"predicted {ring_radius(1.6, 2.0):.4f}, measured {r_meas_ex:.4f};")
print(f"Σ_m² = 1 would give {ring_radius(1.6, 1.0):.4f} (ratio √2 = {np.sqrt(2):.4f})")

# %% [markdown] tags=["core"]
# ## 5. Complex eigenvalues: a Hopf bifurcation and a limit cycle
#
# Now take the rotation-like overlap matrix $\sigma = \begin{pmatrix}a&-b\\b&a\end{pmatrix}$, with
# eigenvalues $a\pm ib$. Around $k = 0$ the Jacobian is $-1+\sigma$, with eigenvalues
# $(a-1)\pm ib$: for $a<1$ the origin is a stable spiral, at $a=1$ the pair crosses the imaginary
# axis — a **Hopf bifurcation** — and for $a>1$ small oscillations grow. What stops them? With
# $C_{mm} = \Sigma_m^2\mathbb 1$, write $k = r(\cos\theta,\sin\theta)$. Since $\sigma$ acts as
# "scale by $a$, rotate by $\arctan(b/a)$", the latent ODE splits into
#
# $$\dot r = r\big(-1 + a\,[\phi'](0,\Sigma_m^2r^2)\big),\qquad \dot\theta = b\,[\phi'](0,\Sigma_m^2r^2).$$
#
# The radius equation is the ring's: the growing oscillation raises the variance $\Delta$, the
# gain falls, and the amplitude settles where $[\phi'] = 1/a$. On that circle the angle turns at a
# constant rate:
#
# $$r^*:\;[\phi'](0,\Sigma_m^2r^{*2}) = \frac1a,\qquad \omega = \frac ba,\qquad T = \frac{2\pi a}{b}.$$
#
# The frequency is **not** $b$ (the imaginary part of the eigenvalue, the frequency at the onset)
# but $b$ times the gain on the cycle. (`limit_cycle_theory(a, b)` returns $r^*$ and $\omega$.)
# We measure the radius of the projection on $m$, the period from the upward zero crossings of
# $k_1$, and the frequency from the peak of the power spectrum.

# %% tags=["hide-input"]
rng = np.random.default_rng([SEED, 7])
a, b = 2.0, 1.0  # σ = sigma_osc
r_star, omega = limit_cycle_theory(a, b)
N = 5000
vec_osc = osc.sample(N, rng)
dt = 0.05
res_osc = simulate(np.array([0.3, 0.0]) @ vec_osc.m.T, 160.0, dt, **vec_osc.structure,
                   record_every=6, method="heun")
k_osc = project(res_osc.x, vec_osc.m)  # (T, 2), recorded every 0.3 τ
t_osc = res_osc.t
on = t_osc >= 40.0  # discard the growth from near k = 0
r_meas = np.linalg.norm(k_osc[on], axis=1)
T_zero = period_from_zero_crossings(t_osc[on], k_osc[on, 0])
freqs = np.fft.rfftfreq(on.sum() * 8, d=t_osc[1] - t_osc[0]) * 2 * np.pi  # zero-padded
power = np.abs(np.fft.rfft(k_osc[on, 0] - k_osc[on, 0].mean(), n=on.sum() * 8)) ** 2
omega_fft = freqs[np.argmax(power)]

# %%
# Finite-N error: the gain on the cycle is a sample average over N neurons (relative
# O(1/√N) = 0.014); r* responds to it with factor ≈ 1.5 and ω = b[φ'] directly. Heun at
# dt = 0.05 adds < 0.1 %. The spectral peak is only as sharp as the frequency resolution
# 2π/(120 τ · 8) ≈ 0.007.
tol = 3 / np.sqrt(N)
assert abs(r_meas.mean() / r_star - 1) < tol, (r_meas.mean(), r_star)
assert abs(2 * np.pi / T_zero / omega - 1) < tol, (2 * np.pi / T_zero, omega)
assert abs(omega_fft / omega - 1) < tol + 0.01, (omega_fft, omega)
print(f"radius: theory {r_star:.4f}, network {r_meas.mean():.4f} ± {r_meas.std():.4f}")
print(f"ω: theory b/a = {omega:.4f}; zero crossings {2 * np.pi / T_zero:.4f}; "
      f"spectrum peak {omega_fft:.4f}")
print(f"period: theory 2πa/b = {2 * np.pi / omega:.3f} τ, measured {T_zero:.3f} τ")
print(f"(the onset frequency b = {b} would give {2 * np.pi / b:.3f} τ)")

# %% tags=["hide-input"]
fig, axes = plt.subplots(2, 2, figsize=(8.5, 6.4))
ax = axes[0, 0]
plot_phase_plane(osc.velocity, lim=2.0, ax=ax)
ax.plot(k_osc[:, 0], k_osc[:, 1], color=COLORS["sim"], lw=1.2, label="network")
plot_circle(r_star, ax=ax, label=rf"theory $r^*={r_star:.3f}$")
latent_axes(ax, 2.0, title="limit cycle")
ax.legend(fontsize=9, loc="lower right", frameon=True, framealpha=0.9)
ax = axes[0, 1]
ax.semilogy(freqs, power / power.max(), color=COLORS["blue"])
ax.axvline(omega, color=COLORS["theory"], ls="--", lw=1, label=r"$\omega = b/a$")
ax.axvline(b, color=COLORS["orange"], ls=":", lw=1.5, label=r"onset $b$")
ax.set(xlim=(0, 2.5), ylim=(1e-6, 2), xlabel=r"angular frequency (rad/$\tau$)",
       ylabel="power (normalised)", title="spectrum of $k_1$")
ax.legend(fontsize=9)
[a_.remove() for a_ in axes[1]]
ax = fig.add_subplot(2, 1, 2)
ax.plot(t_osc, k_osc, label=[r"$k_1$", r"$k_2$"])  # C0, C1 of the palette
ax.hlines([r_star, -r_star], 0, t_osc[-1], color=COLORS["theory"], ls="--", lw=1,
          label=r"$\pm r^*$")
ax.axvspan(0, 40, color=COLORS["grey"], alpha=0.12)
ax.set(ylim=(-1.6, 2.2), xlabel=r"time ($\tau$)", ylabel="coordinate",
       title=f"period {T_zero:.2f} τ (theory {2 * np.pi / omega:.2f} τ)")
ax.legend(fontsize=9, ncol=3, loc="upper right")
fig.tight_layout()
plt.show()

# %% [markdown]
# **A numerical aside: the integrator has its own limit cycle.** With forward Euler at the usual
# $dt=0.1$ the measured cycle is visibly off (a few percent), and this is *not* a finite-$N$
# effect. One Euler step maps the coordinates by $k\mapsto\big((1-dt)+dt\,[\phi']\,\sigma\big)k$;
# on a circle of fixed radius this multiplies the complex number $k_1+ik_2$ by
# $1-dt+dt\,[\phi'](a+ib)$, so the *discrete* cycle sits where $|1-dt+dt\,[\phi'](a+ib)| = 1$ —
# not at $[\phi'] = 1/a$ — and turns by $\arg(1-dt+dt[\phi'](a+ib))$ per step. We check that the
# Euler network follows this Euler prediction. (That is why we used Heun above.)

# %%
res_eu = simulate(np.array([1.0, 0.0]) @ vec_osc.m.T, 100.0, 0.1, **vec_osc.structure,
                  record_every=2)
k_eu = project(res_eu.x, vec_osc.m)
late = res_eu.t >= 40
r_eu = np.linalg.norm(k_eu[late], axis=1).mean()
T_eu = period_from_zero_crossings(res_eu.t[late], k_eu[late, 0])
step = 0.1
G_eu = brentq(lambda G: abs(1 - step + step * G * (a + 1j * b)) - 1, 0.01, 1.0)
r_eu_theory = brentq(lambda r: float(gauss_avg(dphi, 0.0, r * r)) - G_eu, 0.0, 20.0)
omega_eu_theory = np.angle(1 - step + step * G_eu * (a + 1j * b)) / step
assert abs(r_eu / r_eu_theory - 1) < 3 / np.sqrt(N), (r_eu, r_eu_theory)
# Euler's cycle, not the ODE's: the shift from Heun's cycle of the same vectors (their
# finite-N errors cancel in the difference, to ~1 %) is the Euler-map shift
shift = (r_eu - r_meas.mean()) / (r_eu_theory - r_star)
assert abs(shift - 1) < 0.1, shift
print(f"Euler dt = 0.1: radius {r_eu:.4f} "
      f"(Euler-map theory {r_eu_theory:.4f}, ODE {r_star:.4f});")
print(f"ω {2 * np.pi / T_eu:.4f} (Euler-map {omega_eu_theory:.4f}, ODE {omega:.4f})")

# %% [markdown]
# ### The Hopf bifurcation in the network
#
# Sweeping $a$ at fixed $b = 1$: below $a=1$ the oscillation dies out, above it the amplitude
# grows from zero like $\sqrt{a-1}$ (expand $[\phi'](0,\Delta)\approx 1-\Delta$ for small $\Delta$:
# $r^{*2}\approx (a-1)/(a\Sigma_m^2)$), while the frequency $b/a$ *decreases* with $a$.

# %%
rng = np.random.default_rng([SEED, 8])
a_hopf = np.array([0.8, 1.2, 1.5, 2.0, 3.0])
N = 3000
r_h, w_h = [], []
for a_ in a_hopf:
    vec_h = rank_r(0.0, [[a_, -1.0], [1.0, a_]]).sample(N, rng)
    rr = simulate(np.array([0.8, 0.0]) @ vec_h.m.T, 100.0, 0.1, **vec_h.structure,
                  record_every=3, method="heun")
    kk = project(rr.x, vec_h.m)
    late = rr.t >= 50
    r_h.append(np.linalg.norm(kk[late], axis=1).mean())
    T_h = period_from_zero_crossings(rr.t[late], kk[late, 0]) if a_ > 1 else np.nan
    w_h.append(2 * np.pi / T_h)
r_h, w_h = np.array(r_h), np.array(w_h)

# %%


def cycle_theory(a_values, b=1.0):
    """(r*, ω) of σ = [[a, -b], [b, a]] for each a; (0, NaN) below the Hopf point."""
    return np.array([limit_cycle_theory(a_, b) if a_ > 1 else (0.0, np.nan)
                     for a_ in a_values])


r_h_th = cycle_theory(a_hopf)[:, 0]
# relative tolerance 4/√N as above; below the Hopf point the spiral decays as e^{-0.2 t}
assert np.all(np.abs(r_h - r_h_th) < 4 / np.sqrt(N) * r_h_th + 0.01), (r_h, r_h_th)
assert np.allclose(w_h[1:], 1.0 / a_hopf[1:], rtol=4 / np.sqrt(N)), (w_h, 1 / a_hopf)

# %% tags=["hide-input"]
rw_fine = cycle_theory(a_fine)
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.4))
axes[0].plot(a_fine, rw_fine[:, 0], color=COLORS["theory"], label="theory")
axes[0].plot(a_hopf, r_h, "o", color=COLORS["sim"], label=f"network, N = {N}")
axes[0].set(ylabel=r"cycle radius $r^*$", title="amplitude: Hopf at a = 1")
axes[1].plot(a_fine, rw_fine[:, 1], color=COLORS["theory"], label=r"$\omega = b/a$")
axes[1].plot(a_hopf, w_h, "o", color=COLORS["sim"], label="network")
axes[1].plot(a_fine, np.where(a_fine > 1, 1.0, np.nan), ":", color=COLORS["orange"],
             label=r"onset $b$")
axes[1].set(ylabel=r"$\omega$ (rad/$\tau$)", title="frequency on the cycle (b = 1)")
for ax in axes:
    ax.axvline(1, color=COLORS["grey"], lw=0.8, ls=":")
    ax.set_xlabel(r"$a$ (real part of the eigenvalues of $\sigma$)")
    ax.legend(fontsize=9)
fig.tight_layout()
savefig(fig, "06_hopf_bifurcation")
plt.show()

# %% [markdown]
# ### Three phase portraits
#
# The same latent ODE with three overlap matrices: the eigenvalues of $\sigma$ are all you need
# to know to sketch the flow.

# %% tags=["hide-input"]
cases = [
    (real, "real eigenvalues 1.96, 1.44", k_traj, None),
    (ring, r"$\sigma = 1.8\cdot\mathbb{1}$: ring", k_ring[:, : i40 + 1], r_ring),
    (osc, r"complex $2\pm i$: limit cycle", k_net, r_star),
]
fig, axes = plt.subplots(1, 3, figsize=(8.5, 3.3))
for ax, (model, title, trajs, radius_th) in zip(axes, cases):
    plot_phase_plane(model.velocity, lim=2.3, ax=ax)
    for tr in trajs:
        ax.plot(tr[:, 0], tr[:, 1], color=COLORS["sim"], lw=1.3, alpha=0.85)
    if radius_th is not None:
        plot_circle(radius_th, ax=ax)
    latent_axes(ax, 2.3, title=title)
fig.suptitle("latent flow (grey, theory) and network trajectories (orange)",
             fontsize=10)
fig.tight_layout()
savefig(fig, "06_phase_portraits")
plt.show()

# %% [markdown]
# ### Exercise 3: predict a period, then measure it
# **4 points** (3 autograded, 1 written) · difficulty 2/3 · about 20 min
#
# (a) Write `cycle_period(a, b)`: the period (in units of $\tau$) of the limit cycle of
# $\sigma = \begin{pmatrix}a&-b\\b&a\end{pmatrix}$ for any $a > 1$, predicted *without*
# simulating (the checker tries values of its own). (b) For $a = 1.5$, $b = 2$ build the
# network (`rank_r`, $N = 3000$), simulate it from a small initial condition with
# `method="heun"`, `dt=0.05`, for 100 τ, and measure the period `T_meas` from the zero
# crossings of $k_1$ after $t = 40$. (c) Repeat with forward Euler at `dt = 0.1`: by how
# much does the period change, and why?

# %% tags=["raises-exception"]
def cycle_period(a, b):
    """Period of the limit cycle of σ = [[a, -b], [b, a]] (units of τ), a > 1."""
    return ...


T_meas = ...  # measured period of your simulation (a = 1.5, b = 2)
checks.exercise_3(cycle_period, T_meas)

# %% [markdown] tags=["answer"]
# *Your answer:* (Euler at `dt = 0.1`: how much does the period change, and why?)

# %% tags=["solution"]
def cycle_period(a, b):
    """Period of the limit cycle of σ = [[a, -b], [b, a]] (units of τ), a > 1."""
    return 2 * np.pi * a / b  # ω = b [φ'] with [φ'] = 1/a on the cycle


rng = np.random.default_rng([SEED, 9])
vec_ex = rank_r(0.0, [[1.5, -2.0], [2.0, 1.5]]).sample(3000, rng)
x0_ex = np.array([0.3, 0.0]) @ vec_ex.m.T
periods = {}
for method, dt_ in (("heun", 0.05), ("euler", 0.1)):
    r_ex = simulate(x0_ex, 100.0, dt_, **vec_ex.structure, method=method)
    k_ex = project(r_ex.x, vec_ex.m)
    late = r_ex.t >= 40
    periods[method] = period_from_zero_crossings(r_ex.t[late], k_ex[late, 0])
T_meas = periods["heun"]
checks.exercise_3(cycle_period, T_meas)
T_pred = cycle_period(1.5, 2.0)
print(f"T_pred = {T_pred:.3f} τ, Heun {T_meas:.3f} τ, Euler dt = 0.1 "
      f"{periods['euler']:.3f} τ ({100 * (periods['euler'] / T_pred - 1):+.1f} %)")
# Model answer (c): the Euler period is several % longer (≈ +8 %): one Euler step maps
# k ↦ (1 - dt + dt[φ']σ)k, whose invariant circle and rotation per step differ from the
# ODE's (Euler's own cycle, see the aside) — a numerical, not a finite-N, effect.

# %% [markdown]
# ### Exercise 4: the drive kappa on the cycle
# **2 points** (autograded) · difficulty 2/3 · about 10 min
#
# On the limit cycle of $\sigma = \begin{pmatrix}2&-1\\1&2\end{pmatrix}$ the coordinates $k$
# move on a circle of radius $r^*$ (`r_star`). The network's recorded
# $\kappa = n^T\phi(x)/N = [\phi']\sigma k$ moves on a circle too. Without simulating, give
# (a) its radius `r_kappa` and (b) the angle `lead` (in radians) by which $\kappa$ runs
# ahead of $k$. Then check both on `res_osc.kappa` and `k_osc`.
# (Hint: on the cycle $[\phi'] = 1/a$; what does $\sigma$ do to a vector?)

# %% tags=["raises-exception"]
r_kappa = ...  # radius of the κ circle
lead = ...  # phase lead of κ over k (radians)
checks.exercise_4(r_kappa, lead, a=2.0, b=1.0)

# %% tags=["solution"]
r_kappa = r_star * np.hypot(2.0, 1.0) / 2.0  # |σk|/a = r*·√(a²+b²)/a
lead = np.arctan2(1.0, 2.0)  # σ rotates by arctan(b/a)
checks.exercise_4(r_kappa, lead, a=2.0, b=1.0)
kap = res_osc.kappa[on]
lead_meas = np.angle(np.mean((kap[:, 0] + 1j * kap[:, 1])
                             / (k_osc[on, 0] + 1j * k_osc[on, 1])))
print(f"measured: |κ| = {np.linalg.norm(kap, axis=1).mean():.4f} "
      f"(r_kappa = {r_kappa:.4f}), lead {lead_meas:.4f} rad (theory {lead:.4f})")

# %% [markdown] tags=["deep-dive"]
# ## 6. Watching the cycle: a rotating activity pattern
#
# What does a single neuron do on the cycle? Neuron $i$ receives
# $x_i = m_{1i}k_1(t) + m_{2i}k_2(t) = |m_i|\,r^*\cos(\omega t - \psi_i)$: every neuron oscillates at
# the same frequency, with an amplitude set by the length of its loadings $|m_i|$ and a phase
# $\psi_i = \arg(m_{1i} + i\,m_{2i})$. Plotting each neuron's rate against its phase shows a
# wave that travels once around per period while the latent state turns on the cycle (one
# period of the network above, 16 frames).

# %% tags=["hide-input"]
rng = np.random.default_rng([SEED, 10])
n_frames = 16
period_rec = int(round(2 * np.pi / omega / (t_osc[1] - t_osc[0])))  # records per period
idx = len(t_osc) - 1 - period_rec + np.arange(n_frames) * period_rec / n_frames
idx = idx.round().astype(int)
show = rng.choice(vec_osc.N, size=300, replace=False)
psi = np.arctan2(vec_osc.m[show, 1], vec_osc.m[show, 0])  # phase of the loadings
rates = np.tanh(res_osc.x[idx][:, show])
fig_anim, (axl, axr) = plt.subplots(1, 2, figsize=(7.0, 3.0),
                                    gridspec_kw={"width_ratios": [1, 1.6]})
plot_circle(r_star, ax=axl, lw=1)
(dot,) = axl.plot([], [], "o", color=COLORS["sim"], ms=9)
latent_axes(axl, 1.7, title="latent state")
(pts,) = axr.plot(psi, rates[0], ".", color=COLORS["blue"], ms=4)
axr.set(xlim=(-np.pi, np.pi), ylim=(-1.05, 1.05), ylabel=r"rate $\phi(x_i)$",
        xlabel=r"phase of the loadings, $\arg(m_{1i} + i\,m_{2i})$",
        title="300 neurons: a travelling wave")
fig_anim.tight_layout()
plt.close(fig_anim)  # shown by the player below, not as a still here

# %% tags=["hide-input"]
def draw_frame(j):
    dot.set_data([k_osc[idx[j], 0]], [k_osc[idx[j], 1]])
    pts.set_ydata(rates[j])
    return dot, pts


anim = animation.FuncAnimation(fig_anim, draw_frame, frames=n_frames, interval=100,
                               blit=True)
assert n_frames <= 40 and fig_anim.get_figwidth() <= 7.0  # page budget
# frames embedded in the page at twice the figure's resolution: offline, sharp
HTML(animation_html(anim, alt="latent state on the cycle and the travelling wave"))

# %% [markdown]
# ### Explore: the flow field for any $a$ and $b$
#
# The latent theory is cheap: the sliders redraw the flow, the theoretical cycle and one latent
# trajectory from a small initial condition. Find the Hopf point; make the cycle slow; check that
# at $b=0$ you get the ring back.


# %%
def explore_flow(a=2.0, b=1.0):
    """Latent flow, theoretical cycle and one trajectory for σ = [[a, -b], [b, a]]."""
    model = rank_r(0.0, [[a, -b], [b, a]])
    traj = model.integrate([0.05, 0.0], 60.0, 0.1).k
    fig, ax = plt.subplots(figsize=(4.8, 4.4))
    plot_phase_plane(model.velocity, lim=2.5, ax=ax, trajectories=[traj])
    if a > 1:
        r, w = limit_cycle_theory(a, b)
        plot_circle(r, ax=ax)
        title = rf"$r^* = {r:.2f}$, $\omega = b/a = {w:.2f}$"
    else:
        title = r"$a \leq 1$: stable spiral, no cycle"
    latent_axes(ax, 2.5, title=title)
    return fig


slider_demo(explore_flow, a=(0.5, 3.0, 0.1), b=(0.0, 3.0, 0.1),
            defaults=dict(a=2.0, b=1.0))

# %% [markdown] tags=["deep-dive"]
# ## 7. With a random bulk, g > 0: what changes
#
# Add the random part, $J = g\chi + P$. Three things change.
#
# 1. **Spectrum.** The eigenvalues of $J$ are a disk of radius $g$ plus two outliers at the
#    eigenvalues $a\pm ib$ of $\sigma$ (up to $O(1/\sqrt N)$). Linearising at $x = 0$
#    ($\phi'(0)=1$) gives $-1+\lambda(J)$: for $g<1$ the bulk is stable and the Hopf point is still
#    where the outliers cross $\mathrm{Re}\,\lambda = 1$, i.e. $a=1$.
# 2. **Fixed points (ring).** The bulk adds a random, static field of variance $g^2[\phi^2]$, so
#    $\Delta = g^2[\phi^2](0,\Delta) + \Sigma_m^2 r^2$: the gain is lower at every radius and the
#    ring shrinks. For *stationary* states this mean-field theory is exact as $N\to\infty$.
# 3. **Limit cycle.** The latent ODE with the same $\Delta(k)$ is only an **adiabatic**
#    approximation: it assumes that the random part $\xi$ of each neuron's field $x_i$ is at every
#    instant the one of a fixed point at the current $k$, i.e. that its variance is the static
#    $g^2[\phi^2]$. But $\xi$ is not the random *input* $g\chi\phi(x)$ itself: it is that input
#    low-pass filtered by the leak, $\xi(t) = \int_0^\infty e^{-s}\,g\chi\phi(x(t-s))\,ds$. On a
#    rotating state the input decorrelates within a period, the filter averages it, and the
#    *filtered* field has a smaller variance than the static value: the gain is higher and the
#    cycle larger than the adiabatic prediction — between the adiabatic curve and the $g=0$ one.
#    The approximation becomes exact only as $\omega\to0$.

# %%
rng = np.random.default_rng([SEED, 11])
g = 0.8
N_spec = 600
vec_s = osc.sample(N_spec, rng)
spec = spectrum(random_bulk(N_spec, g, rng) + vec_s.m @ vec_s.n.T / N_spec, g)
# two outliers, at the eigenvalues of σ up to O(g/√N) = 0.03 (we allow 4 g/√N)
assert len(spec.outliers) == 2 and np.allclose(
    np.sort_complex(spec.outliers), [2 - 1j, 2 + 1j], atol=4 * g / np.sqrt(N_spec)
), spec.outliers

# %% tags=["hide-input"]
rng = np.random.default_rng([SEED, 12])
N = 1500
J0 = random_bulk(N, g, rng).astype(np.float32)  # float32 halves the traffic of J0 φ
# (a) the ring with a bulk: stationary mean field, exact as N → ∞
ring_g = ring.with_(g=g)
r_ring_g = np.linalg.norm(ring_g.solve(k0=[1.0, 0.0], t_relax=0.0).k)
vec_r = ring.sample(N, rng)
res_r = simulate(np.array([[1.0, 0.0], [0.0, -1.0]]) @ vec_r.m.T, 30.0, 0.2, J0=J0,
                 **vec_r.structure, record_every=150, dtype=np.float32)  # Euler
r_ring_g_sim = np.linalg.norm(project(res_r.x[:, -1].astype(float), vec_r.m), axis=-1)
# The bulk adds quenched O(g/√N) fluctuations of the effective overlaps (e.g. n_rᵀ J0
# m_s/N) to the O(1/√N) sampling error; with the ring's sensitivity (≈ 3) we allow
# 6/√N = 0.15.
assert np.all(np.abs(r_ring_g_sim / r_ring_g - 1) < 6 / np.sqrt(N)), r_ring_g_sim

# %% tags=["hide-input"]
# (b) a slow (b = 0.5) and a fast (b = 2) limit cycle, with and without the bulk
rng = np.random.default_rng([SEED, 13])
r_adiab = limit_cycle_theory(2.0, 1.0, g=g).radius  # adiabatic: the same for every b
cycles = {}
for b_, t_max in [(0.5, 75.0), (2.0, 40.0)]:
    vec_c = rank_r(0.0, [[2.0, -b_], [b_, 2.0]]).sample(N, rng)
    for label, J in [("g", J0), ("0", None)]:
        rc = simulate(vec_c.m[:, 0], t_max, 0.2, J0=J, **vec_c.structure, method="heun",
                      dtype=np.float32)
        kc = project(rc.x.astype(float), vec_c.m)
        late = rc.t >= t_max - 2 * (2 * np.pi * 2.0 / b_) - 1e-9  # the last two periods
        w = 2 * np.pi / period_from_zero_crossings(rc.t[late], kc[late, 0])
        r_c = np.linalg.norm(kc[late], axis=1).mean()
        cycles[b_, label] = dict(t=rc.t, k=kc, r=r_c, w=w)
r_slow, r_fast = cycles[0.5, "g"]["r"], cycles[2.0, "g"]["r"]

# %%
# Claims of the text, with finite-N margins. Slow cycle ≈ adiabatic theory: over 24
# networks of N = 1500, r_slow / r_adiab - 1 has mean +0.008 and sd 0.018 (max 0.047):
assert abs(r_slow / r_adiab - 1) < 0.008 + 3.5 * 0.018, (r_slow, r_adiab)
# the lag (a fast cycle shrinks less): over 12 networks at N = 1500, r_fast - r_slow =
# +0.04 with sd 0.03 — one network of this size cannot establish it, so it is only shown
assert r_fast < cycles[2.0, "0"]["r"] - 0.02  # ... but it still shrinks
# ω = b/a, up to the O(g/√N) outlier shift
assert abs(cycles[2.0, "g"]["w"] / 1.0 - 1) < 0.06
print(f"ring  (g = {g}): stationary theory r* = {r_ring_g:.3f} (g = 0: {r_ring:.3f}); "
      f"network {r_ring_g_sim.min():.3f} … {r_ring_g_sim.max():.3f}")
print(f"cycles (g = {g}): adiabatic theory r* = {r_adiab:.3f} (g = 0: {r_star:.3f})")
for b_ in (0.5, 2.0):
    c, c0 = cycles[b_, "g"], cycles[b_, "0"]
    print(f"   b = {b_} (ω = {b_ / 2:.2f}): network r = {c['r']:.3f}, "
          f"ω = {c['w']:.3f}; without bulk r = {c0['r']:.3f}")

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.9))
ax = axes[0]
plot_spectrum(spec.eigenvalues, g, outlier=np.array([2 - 1j, 2 + 1j]), ax=ax)
ax.axvline(1, color=COLORS["orange"], ls=":", lw=1.5, label=r"Re $\lambda = 1$ (Hopf)")
ax.set_xlim(-1.0, 3.0)
ax.legend(fontsize=9, loc="center right")
ax.set_title(rf"eigenvalues of $g\chi + P$ (N = {N_spec})")
ax = axes[1]
for b_, c in [(0.5, "blue"), (2.0, "sim")]:
    cyc = cycles[b_, "g"]
    late = cyc["t"] >= cyc["t"][-1] - 4 * np.pi * 2.0 / b_ - 1e-9
    ax.plot(cyc["k"][late, 0], cyc["k"][late, 1], color=COLORS[c], lw=1,
            label=rf"network, $\omega = {b_ / 2:g}$")
plot_circle(r_star, ax=ax, lw=1, label="theory g = 0")
plot_circle(r_adiab, ax=ax, ls=":", lw=2, label=f"adiabatic g = {g}")
latent_axes(ax, 1.9, title=f"cycles with a bulk, g = {g} (N = {N})")
ax.legend(fontsize=9, loc="center")
fig.tight_layout()
savefig(fig, "06_random_bulk")
plt.show()

# %% tags=["hide-input"]
fig, ax = plt.subplots(figsize=(6.5, 3.2))
labels = ["theory g = 0", "adiabatic g = 0.8", "network ω = 0.25", "network ω = 1"]
radii = [r_star, r_adiab, r_slow, r_fast]
ax.bar(range(4), radii,
       color=[COLORS["grey"], COLORS["theory"], COLORS["blue"], COLORS["sim"]])
for i_, r_ in enumerate(radii):  # the differences are a few %: print the values
    ax.text(i_, r_ + 0.02, f"{r_:.3f}", ha="center", va="bottom")
ax.set_xticks(range(4), labels)
ax.set(ylim=(0, 1.6), ylabel=r"cycle radius $r^*$",
       title="slow cycles follow the adiabatic theory")
fig.tight_layout()
savefig(fig, "06_cycle_radii")
plt.show()

# %% [markdown]
# The stationary ring obeys the mean-field prediction with the bulk. The slow cycle
# ($\omega = 0.25$, period $25\,\tau$) obeys the adiabatic prediction within the finite-$N$
# scatter; the fast one ($\omega = 1$) is larger on average — the filtered random field has a
# smaller variance than the static one, as argued above. The effect is small at this size:
# over 12 networks of $N = 1500$ the fast cycle is larger by $0.04 \pm 0.03$, so a single
# network may show it weakly or not at all (a larger $N$ separates the two). (The frequencies follow $\omega = b/a$ up to the $O(g/\sqrt N)$
# displacement of the outlier eigenvalues by the bulk — a finite-size shift, relatively larger
# for the slow cycle because $b$ is small there.) Making the statement exact for a cycle needs the dynamic mean-field theory with a *periodic* correlation
# function $\Delta(t,t')$ — beyond this course. And for $g>1$ the bulk is chaotic even at $k = 0$:
# then $\Delta>0$ at the origin, and the same gain argument moves the instability of $k=0$ to
# $a\,[\phi'](0,\Delta_{\rm chaos}) = 1$, i.e. to $a>1$ (not checked in this notebook).
#
# ## Summary
#
# - A rank-$R$ network without bulk keeps its activity in $\mathrm{span}(m_1,\dots,m_R,I)$; the
#   rest decays as $e^{-t}$. PCA finds exactly $R$ (+1 per input) dimensions.
# - The coordinates $k$ of $x$ along the $m$'s obey $\dot k = -k + [\phi'](0,\Delta(k))\,\sigma k$
#   (Stein's lemma, exact for $g=0$ as $N\to\infty$). The network's $\kappa = n^T\phi/N$ is the
#   drive $[\phi']\sigma k$; it equals $k$ only at fixed points.
# - The eigenvalues of the overlap matrix $\sigma$ organise the flow: real ones give fixed points
#   on the eigenvectors (stable on the top one), $\sigma = a\mathbb 1$ a ring of radius
#   $[\phi'](0,\Sigma_m^2r^{*2}) = 1/a$, and $a\pm ib$ a Hopf bifurcation at $a = 1$ and a cycle of
#   the same radius turning at $\omega = b/a$ — not at $b$.
# - At finite $N$ the ring drifts slowly (only approximately neutral); numerically, forward Euler
#   has its own limit cycle, so use Heun (or small $dt$) for periods.
# - With $g>0$ the theory is exact for fixed points and only adiabatic for cycles: the lagging
#   random field (the leak filters it) makes the cycle larger than the adiabatic prediction.
#
# **Next:** [07 — Context-dependent responses](07_context_dependence.ipynb): a context cue
# that selects one of two pathways, by moving the latent state (the paper's network) or, with
# two populations, through a gain of each population's own.
#
# ## References
#
# - F. Mastrogiuseppe and S. Ostojic (2018). Linking connectivity, dynamics, and computations in
#   low-rank recurrent neural networks. *Neuron* 99(3):609–623. doi:10.1016/j.neuron.2018.07.003
#   (rank-two structures, rings and oscillations).
# - M. Beiran, A. Dubreuil, A. Valente, F. Mastrogiuseppe and S. Ostojic (2021). Shaping
#   dynamics with multiple populations in low-rank recurrent networks. *Neural Computation*
#   33(6):1572–1615. (Latent dynamics of the projections on $m$, limit cycles.)
# - F. Schuessler, A. Dubreuil, F. Mastrogiuseppe, S. Ostojic and O. Barak (2020). Dynamics of
#   random recurrent networks with correlated low-rank structure. *Physical Review Research*
#   2:013111. (Outliers of $g\chi + P$.)
# - S. H. Strogatz (2015). *Nonlinear Dynamics and Chaos*, 2nd ed., Westview Press, ch. 8
#   (Hopf bifurcations).
# - H. Sompolinsky, A. Crisanti and H.-J. Sommers (1988). Chaos in random neural networks.
#   *Physical Review Letters* 61(3):259–262.
