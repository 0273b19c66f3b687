"""Mean-field theory of low-rank networks built from several Gaussian populations.

Why a mixture? With a *single* zero-mean Gaussian population, Stein's lemma gives

.. math::

    κ_r = \\langle n_r φ(x)\\rangle = [φ'](0, Δ)\\,\\mathrm{Cov}(n_r, x),

one population gain ``[φ'](0, Δ)`` multiplies every pathway: an input that adds
variance (a context cue) weakens all pathways by the same factor. To make a cue
act on one pathway and not the other, the cue must reach *different neurons*
than the ones that carry the other pathway — the statistics of the vectors must
differ between sub-populations. This module handles exactly that case.

Model (``g = 0``). Neuron ``i`` belongs to population ``p`` (fraction ``α_p``). Within
population ``p`` the entries of the ``D = 2R + K (+1)`` vectors

    ``(m_1 … m_R, n_1 … n_R, I_1 … I_K[, w])``

are jointly Gaussian with covariance matrix ``C^p`` (``D × D``); ``m, n, w`` have
zero mean in every population, an input ``I_k`` may have a population mean
``M^p_k`` (a *tonic* drive to population ``p``: the cue ``c = 1`` on the neurons of
``p``). The
network is ``ẋ = -x + Σ_r m_r κ_r + Σ_k I_k u_k(t)`` with ``κ_r = n_rᵀφ(x)/N`` and
scalar input amplitudes ``u_k``. Starting in ``span(m, I)``, the state stays there:
``x = Σ_s m_s k_s + Σ_k I_k v_k`` with ``v̇ = -v + u``. Applying Stein's lemma inside
each population,

.. math::

    \\dot k = -k + \\tilde σ(k, v)\\,k + \\tilde σ_{nI}(k, v)\\,v,\\qquad
    \\tilde σ = \\sum_p α_p [φ'](0, Δ_p)\\,σ^p ,\\quad
    Δ_p = \\mathrm{Var}_p\\Big(\\sum_s m_s k_s + \\sum_k I_k v_k\\Big),

with ``σ^p_{rs} = Cov_p(n_r, m_s)``, ``σ^p_{n_r I_k} = Cov_p(n_r, I_k)`` and the
population gain ``[φ']_p = [φ'](μ_p, Δ_p)``, ``μ_p = Σ_k M^p_k v_k``: the *effective
overlaps* ``σ̃`` are the population overlaps weighted by each population's own
gain. (Stein's lemma with a mean: ``⟨n φ(x)⟩_p = M^p_n [φ] + Cov_p(n, x) [φ']``; the
first term vanishes because ``n`` has zero mean in every population.) The readout is
``z = wᵀφ(x)/N = Σ_p α_p [φ']_p (Cov_p(w, m) k + Cov_p(w, I) v)``.

Exactness. For ``g = 0`` these equations are exact as ``N → ∞`` (every ``N_p → ∞``);
at finite ``N`` the errors are sample means over ``N_p`` neurons, ``O(1/√N)``. The
variable ``k`` is the *projection* of ``x`` on the ``m_s`` (it equals the recorded
``κ = nᵀφ/N`` only at fixed points, where ``κ = k``). With a random bulk ``g > 0``
the equations are only an adiabatic approximation (not implemented here).

Layout of the vectors everywhere in this module: columns ``0 … R-1`` are ``m``,
``R … 2R-1`` are ``n``, ``2R … 2R+K-1`` are the inputs ``I``, and the last column
is the readout ``w`` if there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import check_array, check_int, check_rng, check_scalar
from .connectivity import gaussian_vectors
from .gaussian import dphi, gauss_avg

__all__ = [
    "paper_context_model",
    "MixtureModel",
    "NetworkVectors",
    "StationaryState",
    "mixture_model",
    "sample_vectors",
    "field_means",
    "field_variances",
    "population_gains",
    "effective_overlaps",
    "kappa_of",
    "latent_rhs",
    "integrate_latent",
    "solve_stationary",
    "readout",
    "context_task_model",
]


@dataclass(frozen=True)
class MixtureModel:
    """Second-order statistics of a ``P``-population low-rank network.

    Attributes
    ----------
    fractions : ndarray (P,)
        ``α_p``, summing to one.
    cov : ndarray (P, D, D)
        Within-population covariance of ``(m_1…m_R, n_1…n_R, I_1…I_K[, w])``.
    rank : int
        ``R``.
    n_inputs : int
        ``K`` (sensory inputs and context cues alike are input channels).
    has_readout : bool
        Whether the last column is a readout vector ``w``.
    input_mean : ndarray (P, K)
        ``M^p_k``: mean of input vector ``k`` in population ``p`` (tonic drive).
    """

    fractions: np.ndarray
    cov: np.ndarray
    rank: int
    n_inputs: int
    has_readout: bool
    input_mean: np.ndarray

    # index helpers ---------------------------------------------------------------------
    @property
    def _m(self):
        return slice(0, self.rank)

    @property
    def _n(self):
        return slice(self.rank, 2 * self.rank)

    @property
    def _i(self):
        return slice(2 * self.rank, 2 * self.rank + self.n_inputs)

    # blocks ------------------------------------------------------------------------------
    @property
    def m_cov(self) -> np.ndarray:
        """``Cov_p(m_r, m_s)``, shape (P, R, R)."""
        return self.cov[:, self._m, self._m]

    @property
    def overlap(self) -> np.ndarray:
        """``σ^p_rs = Cov_p(n_r, m_s)``, shape (P, R, R)."""
        return self.cov[:, self._n, self._m]

    @property
    def n_input_cov(self) -> np.ndarray:
        """``Cov_p(n_r, I_k)``, shape (P, R, K)."""
        return self.cov[:, self._n, self._i]

    @property
    def m_input_cov(self) -> np.ndarray:
        """``Cov_p(m_r, I_k)``, shape (P, R, K)."""
        return self.cov[:, self._m, self._i]

    @property
    def input_cov(self) -> np.ndarray:
        """``Cov_p(I_k, I_l)``, shape (P, K, K)."""
        return self.cov[:, self._i, self._i]

    @property
    def w_m_cov(self) -> np.ndarray:
        """``Cov_p(w, m_s)``, shape (P, R)."""
        self._need_readout()
        return self.cov[:, -1, self._m]

    @property
    def w_input_cov(self) -> np.ndarray:
        """``Cov_p(w, I_k)``, shape (P, K)."""
        self._need_readout()
        return self.cov[:, -1, self._i]

    @property
    def overall_cov(self) -> np.ndarray:
        """``Σ_p α_p C^p``: the covariances (e.g. ``nᵀm/N``) measured over all neurons."""
        return np.einsum("p,pij->ij", self.fractions, self.cov)

    def _need_readout(self):
        if not self.has_readout:
            raise ValueError("this model has no readout vector w (readout=False)")


def mixture_model(fractions, cov, *, rank: int, n_inputs: int, readout: bool = True,
                  input_mean=None) -> MixtureModel:
    """Validate and bundle a mixture of Gaussian populations.

    Parameters
    ----------
    fractions : array_like (P,)
        Population fractions ``α_p > 0``, summing to 1.
    cov : array_like (P, D, D)
        Within-population covariance matrices (symmetric PSD) of the vectors in the
        order ``m_1…m_R, n_1…n_R, I_1…I_K`` and, if ``readout``, ``w`` last;
        ``D = 2R + K + readout``.
    rank, n_inputs : int
    readout : bool, default True
    input_mean : array_like (P, K), optional
        Population means of the input vectors (default 0); ``m``, ``n`` and ``w``
        always have zero mean in every population.
    """
    rank = check_int(rank, "rank", minimum=1)
    n_inputs = check_int(n_inputs, "n_inputs", minimum=0)
    fractions = check_array(fractions, "fractions", ndim=1)
    if np.any(fractions <= 0) or abs(fractions.sum() - 1) > 1e-9:
        raise ValueError(f"fractions must be > 0 and sum to 1, got {fractions}")
    D = 2 * rank + n_inputs + int(bool(readout))
    cov = check_array(cov, "cov", shape=(fractions.size, D, D))
    for p, c in enumerate(cov):
        if not np.allclose(c, c.T, atol=1e-12):
            raise ValueError(f"cov[{p}] must be symmetric")
        lam = np.linalg.eigvalsh(c).min()
        if lam < -1e-10 * max(1.0, np.abs(c).max()):
            raise ValueError(
                f"cov[{p}] must be positive semi-definite (smallest eigenvalue {lam:.3g}); "
                "increase the variances of n (or w) relative to their covariances"
            )
    if input_mean is None:
        input_mean = np.zeros((fractions.size, n_inputs))
    input_mean = check_array(input_mean, "input_mean", shape=(fractions.size, n_inputs))
    return MixtureModel(fractions, cov, rank, n_inputs, bool(readout), input_mean)


@dataclass(frozen=True)
class NetworkVectors:
    """Sampled vectors: ``m`` (N, R), ``n`` (N, R), ``inputs`` (N, K), ``w`` (N,) or None,
    ``population`` (N,) integer labels."""

    m: np.ndarray
    n: np.ndarray
    inputs: np.ndarray
    w: np.ndarray | None
    population: np.ndarray


def sample_vectors(model: MixtureModel, N: int, rng: np.random.Generator, *, exact: bool = True
                   ) -> NetworkVectors:
    """Draw the vectors of an ``N``-neuron network from ``model``.

    Population ``p`` gets ``round(α_p N)`` consecutive neurons (the last one takes the
    remainder). With ``exact=True`` the *within-population* empirical covariances
    equal ``model.cov`` exactly (:func:`lrnn_utils.connectivity.gaussian_vectors`), so
    the overlaps take their ``N → ∞`` values and only the non-Gaussian finite-size
    fluctuations of nonlinear averages remain.
    """
    _check_model(model)
    N = check_int(N, "N", minimum=2)
    check_rng(rng)
    P = model.fractions.size
    sizes = np.round(model.fractions * N).astype(int)
    sizes[-1] = N - sizes[:-1].sum()
    if np.any(sizes <= model.cov.shape[1]):
        raise ValueError(f"N={N} is too small: every population needs more than "
                         f"{model.cov.shape[1]} neurons, got sizes {sizes.tolist()}")
    D = model.cov.shape[1]
    blocks = []
    for p, s in enumerate(sizes):
        mean = np.zeros(D)
        mean[model._i] = model.input_mean[p]
        blocks.append(gaussian_vectors(int(s), mean, model.cov[p], rng, exact=exact))
    V = np.concatenate(blocks, axis=0)
    labels = np.repeat(np.arange(P), sizes)
    w = V[:, -1].copy() if model.has_readout else None
    return NetworkVectors(V[:, model._m].copy(), V[:, model._n].copy(), V[:, model._i].copy(),
                          w, labels)


def _check_model(model):
    if not isinstance(model, MixtureModel):
        raise TypeError("model must be a MixtureModel (see mixture_model)")


def _as_state(model, k, u):
    k = np.asarray(k, dtype=float)
    if k.shape[-1:] != (model.rank,):
        raise ValueError(f"k must have last dimension R={model.rank}, got shape {k.shape}")
    if model.n_inputs == 0:
        u = np.zeros(k.shape[:-1] + (0,))
    else:
        u = np.asarray(u if u is not None else np.zeros(model.n_inputs), dtype=float)
        if u.shape[-1:] != (model.n_inputs,):
            raise ValueError(f"u must have last dimension K={model.n_inputs}, got shape {u.shape}")
    return k, u


def field_variances(model: MixtureModel, k, u=None) -> np.ndarray:
    """``Δ_p = Var_p(Σ_s m_s k_s + Σ_k I_k u_k)`` for every population: shape (..., P)."""
    _check_model(model)
    k, u = _as_state(model, k, u)
    quad = np.einsum("...r,prs,...s->...p", k, model.m_cov, k)
    cross = 2 * np.einsum("...r,prk,...k->...p", k, model.m_input_cov, u)
    inp = np.einsum("...k,pkl,...l->...p", u, model.input_cov, u)
    return np.clip(quad + cross + inp, 0.0, None)


def field_means(model: MixtureModel, k, u=None) -> np.ndarray:
    """``μ_p = Σ_k M^p_k u_k`` (the tonic drive of each population): shape (..., P)."""
    _check_model(model)
    k, u = _as_state(model, k, u)
    mu = np.einsum("pk,...k->...p", model.input_mean, u)
    return np.broadcast_to(mu, k.shape[:-1] + (model.fractions.size,))


def population_gains(model: MixtureModel, k, u=None) -> np.ndarray:
    """``[φ'](μ_p, Δ_p)`` for every population: shape (..., P)."""
    return gauss_avg(dphi, field_means(model, k, u), field_variances(model, k, u))


def effective_overlaps(model: MixtureModel, k, u=None):
    """Gain-weighted overlaps ``σ̃ = Σ_p α_p [φ']_p σ^p`` and ``σ̃_nI = Σ_p α_p [φ']_p σ^p_nI``.

    Returns
    -------
    sigma_eff : ndarray (..., R, R)
    sigma_in_eff : ndarray (..., R, K)
    """
    G = population_gains(model, k, u) * model.fractions  # (..., P)
    return (np.einsum("...p,prs->...rs", G, model.overlap),
            np.einsum("...p,prk->...rk", G, model.n_input_cov))


def kappa_of(model: MixtureModel, k, u=None) -> np.ndarray:
    """The recurrent input ``κ = nᵀφ(x)/N → σ̃ k + σ̃_nI u`` at ``x = m k + I u``: (..., R)."""
    k, u = _as_state(model, k, u)
    s, s_in = effective_overlaps(model, k, u)
    return np.einsum("...rs,...s->...r", s, k) + np.einsum("...rk,...k->...r", s_in, u)


def latent_rhs(model: MixtureModel, k, u=None) -> np.ndarray:
    """``dk/dt = -k + κ(k, u)`` with ``κ`` from :func:`kappa_of`: shape (..., R)."""
    k = np.asarray(k, dtype=float)
    return -k + kappa_of(model, k, u)


def readout(model: MixtureModel, k, u=None) -> np.ndarray:
    """``z = wᵀφ(x)/N → Σ_p α_p [φ']_p (Cov_p(w, m)·k + Cov_p(w, I)·u)``: shape (...)."""
    k, u = _as_state(model, k, u)
    G = population_gains(model, k, u) * model.fractions
    drive = (np.einsum("ps,...s->...p", model.w_m_cov, k)
             + np.einsum("pk,...k->...p", model.w_input_cov, u))
    return np.sum(G * drive, axis=-1)


def integrate_latent(model: MixtureModel, k0, u, t_max: float, dt: float):
    """Integrate ``dk/dt = -k + κ(k, u(t))`` with RK4.

    Parameters
    ----------
    k0 : array_like (R,) or (B, R)
    u : array_like (K,) or (B, K), or callable ``t -> array``
        Input amplitudes *as seen by the neurons* (for a step switched on at
        ``t = 0`` from rest that is ``v(t) = u (1 - e^{-t})``, not ``u``).
    t_max, dt : float

    Returns
    -------
    t : ndarray (T,)
    k : ndarray (T, R) or (B, T, R)
    """
    _check_model(model)
    k = check_array(k0, "k0", ndim=(1, 2))
    t_max = check_scalar(t_max, "t_max", strictly_positive=True)
    dt = check_scalar(dt, "dt", strictly_positive=True)
    u_at: Callable = u if callable(u) else (lambda t, _u=np.asarray(u, dtype=float): _u)
    n_steps = check_int(int(round(t_max / dt)), "t_max/dt", minimum=1)
    out = np.empty((n_steps + 1,) + k.shape)
    out[0] = k
    for i in range(n_steps):
        t = i * dt
        u0, uh, u1 = u_at(t), u_at(t + dt / 2), u_at(t + dt)
        k1 = latent_rhs(model, k, u0)
        k2 = latent_rhs(model, k + 0.5 * dt * k1, uh)
        k3 = latent_rhs(model, k + 0.5 * dt * k2, uh)
        k4 = latent_rhs(model, k + dt * k3, u1)
        k = k + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out[i + 1] = k
    t = np.arange(n_steps + 1) * dt
    return t, (out if k.ndim == 1 else np.moveaxis(out, 0, 1))


@dataclass(frozen=True)
class StationaryState:
    """Fixed points for a batch of inputs: ``k`` (..., R) (= κ at a fixed point),
    ``gains`` (..., P), ``readout`` (...) or None, ``converged`` (...) bool,
    ``residual`` (...), ``stable`` (...) bool (all eigenvalues of the latent Jacobian
    have negative real part — for ``g = 0`` this is the stability of the network)."""

    k: np.ndarray
    gains: np.ndarray
    readout: np.ndarray | None
    converged: np.ndarray
    residual: np.ndarray
    stable: np.ndarray


def _jacobian(model, k, u, h=1e-6):
    R = model.rank
    jac = np.empty(k.shape + (R,))
    for s in range(R):
        e = np.zeros(R)
        e[s] = h
        jac[..., s] = (latent_rhs(model, k + e, u) - latent_rhs(model, k - e, u)) / (2 * h)
    return jac


def solve_stationary(model: MixtureModel, u=None, *, k0=None, t_relax: float = 30.0,
                     tol: float = 1e-10, max_iter: int = 30) -> StationaryState:
    """Stationary states for constant inputs ``u`` (shape (K,) or (B, K)).

    Relaxes the latent dynamics from ``k0`` (default 0) for ``t_relax`` (RK4, dt = 0.1),
    which picks the attractor reached from there, then polishes with Newton steps
    (vectorized over the batch). ``converged`` is False where the residual stays
    above ``tol``; callers must check it.
    """
    _check_model(model)
    u = np.zeros(model.n_inputs) if u is None else np.asarray(u, dtype=float)
    batch = u.shape[:-1]
    k = np.zeros(batch + (model.rank,)) if k0 is None else np.broadcast_to(
        np.asarray(k0, dtype=float), batch + (model.rank,)).copy()
    if t_relax > 0:
        flat_k = k.reshape(-1, model.rank)
        flat_u = np.broadcast_to(u, batch + (model.n_inputs,)).reshape(-1, model.n_inputs)
        _, traj = integrate_latent(model, flat_k, flat_u, t_relax, 0.1)
        k = traj[:, -1].reshape(k.shape)
    for _ in range(max_iter):
        F = latent_rhs(model, k, u)
        res = np.max(np.abs(F), axis=-1)
        if np.all(res < tol):
            break
        J = _jacobian(model, k, u)
        k = k - np.linalg.solve(J, F[..., None])[..., 0]
    F = latent_rhs(model, k, u)
    res = np.max(np.abs(F), axis=-1)
    eig = np.linalg.eigvals(_jacobian(model, k, u))
    stable = np.all(eig.real < 0, axis=-1)
    z = readout(model, k, u) if model.has_readout else None
    return StationaryState(k, population_gains(model, k, u), z, res < tol, res, stable)


def context_task_model(*, overlap: float = 1.0, input_overlap: float = 2.0,
                       readout_overlap: float = 1.0, m_var: float = 1.0,
                       input_var: float = 1.0, cue: str = "tonic", cue_var: float = 1.0,
                       n_var: float | None = None, w_var: float | None = None) -> MixtureModel:
    """The two-population context task of notebook 07.

    Rank 2, four input channels ``(I_A, I_B, c_A, c_B)`` and a readout ``w``; two
    populations of equal size (``α_1 = α_2 = 1/2``).

    * Pathway A lives in population 1: there ``Cov(n_1, I_A) = input_overlap`` and
      ``Cov(n_1, m_1) = overlap``; pathway B likewise in population 2 (``n_2, I_B, m_2``).
      (Over the whole network these covariances are halved: ``n_1ᵀI_A/N → input_overlap/2``.)
    * The context cue ``c_A`` (on in context A) reaches population **2** only and ``c_B``
      population **1** only: a cue lowers the gain of the population that carries the
      *other* pathway. ``cue="tonic"``: the cue vector is 1 on its target population and
      0 elsewhere (a population mean, no variance), so a cue of amplitude ``γ`` shifts
      the mean field there by ``γ``. ``cue="variance"``: the cue vector is zero-mean with
      variance ``cue_var`` on its target population (it adds ``γ² cue_var`` to ``Δ_p``).
    * ``m_1, m_2, I_A, I_B`` have variances ``m_var``, ``input_var`` in both populations;
      the readout has ``Cov(w, m_1) = Cov(w, m_2) = readout_overlap`` everywhere.
    * ``n_var`` and ``w_var`` default to the smallest integers (plus one) that keep each
      covariance matrix positive semi-definite.

    Vector order: ``m_1, m_2, n_1, n_2, I_A, I_B, c_A, c_B, w`` (D = 9).
    """
    for name, v in [("overlap", overlap), ("input_overlap", input_overlap),
                    ("readout_overlap", readout_overlap)]:
        check_scalar(v, name)
    for name, v in [("m_var", m_var), ("input_var", input_var), ("cue_var", cue_var)]:
        check_scalar(v, name, strictly_positive=True)
    if cue not in ("tonic", "variance"):
        raise ValueError(f"cue must be 'tonic' or 'variance', got {cue!r}")
    if w_var is None:  # Var(w) >= Cov(w, m)ᵀ Cov(m)⁻¹ Cov(w, m) = 2 β² / Σ_m², plus a margin
        w_var = float(np.ceil(2 * readout_overlap**2 / m_var + 1.0))
    m1, m2, n1, n2, IA, IB, cA, cB, w = range(9)
    covs = []
    means = np.zeros((2, 4))
    for pop in (0, 1):
        C = np.zeros((9, 9))
        C[m1, m1] = C[m2, m2] = m_var
        C[IA, IA] = C[IB, IB] = input_var
        C[w, w] = w_var
        C[w, m1] = C[m1, w] = C[w, m2] = C[m2, w] = readout_overlap
        r, n_r, I_r, cue_here = (m1, n1, IA, cB) if pop == 0 else (m2, n2, IB, cA)
        C[n_r, r] = C[r, n_r] = overlap
        C[n_r, I_r] = C[I_r, n_r] = input_overlap
        if cue == "variance":
            C[cue_here, cue_here] = cue_var
        else:
            means[pop, cue_here - IA] = 1.0
        covs.append(C)
    if n_var is None:  # smallest integer variance of n that keeps every C^p PSD, plus one
        need = max(_required_variance(C, [n1, n2]) for C in covs)
        n_var = float(np.ceil(need) + 1.0)
    for C in covs:
        C[n1, n1] = C[n2, n2] = n_var
    return mixture_model([0.5, 0.5], np.array(covs), rank=2, n_inputs=4, readout=True,
                         input_mean=means)


def paper_context_model() -> MixtureModel:
    """The context-dependent discrimination network of Mastrogiuseppe & Ostojic (2018).

    Parameters from the paper's public code (``5_CtxDiscriminationTask``): one Gaussian
    population whose vectors are built from independent Gaussian vectors
    ``I_A, I_B, y_1, y_2`` (s.d. 1.2) and ``w, c_A, c_B`` (s.d. 1):
    ``m_1 = y_1 + 1.6 c_A + 0.6 w``, ``n_1 = I_A + 3 c_A + w`` (and 1 ↔ 2, A ↔ B),
    so ``σ = [[5.4, 0.6], [0.6, 5.4]]``. The context vectors are correlated with ``m``
    and ``n``: they act as a bias in a bistable network, not through the gain.

    Vector order: ``m_1, m_2, n_1, n_2, I_A, I_B, c_A, c_B, w`` (D = 9), as in
    :func:`context_task_model`.
    """
    sd = np.array([1.2, 1.2, 1.2, 1.2, 1.0, 1.0, 1.0])  # base vectors I_A I_B y1 y2 w c_A c_B
    ia, ib, y1, y2, w, ca, cb = range(7)
    M1, M2, N1, N2, IA, IB, CA, CB, W = range(9)
    A = np.zeros((9, 7))
    A[M1, [y1, ca, w]] = [1.0, 1.6, 0.6]
    A[M2, [y2, cb, w]] = [1.0, 1.6, 0.6]
    A[N1, [ia, ca, w]] = [1.0, 3.0, 1.0]
    A[N2, [ib, cb, w]] = [1.0, 3.0, 1.0]
    A[IA, ia] = A[IB, ib] = A[CA, ca] = A[CB, cb] = A[W, w] = 1.0
    return mixture_model([1.0], (A @ np.diag(sd**2) @ A.T)[None], rank=2, n_inputs=4)


def _required_variance(C, idx):
    """Smallest ``v`` such that setting ``C[i, i] = v`` for ``i`` in ``idx`` (mutually
    uncorrelated) keeps ``C`` PSD: ``λ_max(Bᵀ A⁺ B)`` (Schur complement)."""
    rest = [j for j in range(C.shape[0]) if j not in idx]
    A = C[np.ix_(rest, rest)]
    B = C[np.ix_(rest, idx)]
    return float(np.linalg.eigvalsh(B.T @ np.linalg.pinv(A) @ B).max())
