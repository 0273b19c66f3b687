"""Mean-field theory of low-rank networks built from several Gaussian populations.

Why a mixture? With a *single* zero-mean Gaussian population, Stein's lemma gives

.. math::

    κ_r = \\langle n_r φ(x)\\rangle = [φ'](0, Δ)\\,\\mathrm{Cov}(n_r, x),

one population gain ``[φ'](0, Δ)`` multiplies every pathway: an input that adds
variance (a context cue) weakens all pathways by the same factor — unless it also
moves the latent state (a cue correlated with ``n``, or the paper's bias of a
bistable network), which is how one population can still select. To make the
*gain* act on one pathway and not the other, the cue must reach *different
neurons* than the ones that carry the other pathway — the statistics of the
vectors must differ between sub-populations. This module handles that case. For
fixed points the static theory stays exact at ``g > 0`` (the bulk only adds
``g²[φ²]`` to Δ); only the latent *dynamics* is adiabatic there.

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

The equations are implemented once in :mod:`lrnn_utils.lowrank` (functions of a
:class:`lrnn_utils.models.Mixture`); this module builds the models of notebook 07
and keeps the earlier names as aliases and thin wrappers.

Layout of the vectors everywhere in this module: columns ``0 … R-1`` are ``m``,
``R … 2R-1`` are ``n``, ``2R … 2R+K-1`` are the inputs ``I``, and the last column
is the readout ``w`` if there is one.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_scalar
from .lowrank import (
    StationaryState,
    drive,
    effective_overlaps,
    field_means,
    field_variances,
    fixed_points,
    integrate,
    population_gains,
    readout,
    sample_vectors,
    velocity,
)
from .models import PAPER_CONTEXT, Mixture, NetworkVectors, mixture
from .models import _required_variance as required_variance

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

#: Compatibility name of :class:`lrnn_utils.models.Mixture`.
MixtureModel = Mixture

#: Compatibility name of :func:`lrnn_utils.lowrank.drive` (same signature).
kappa_of = drive

#: Compatibility name of :func:`lrnn_utils.lowrank.velocity` (same signature).
latent_rhs = velocity

#: Compatibility name of :func:`lrnn_utils.lowrank.fixed_points` (same signature).
solve_stationary = fixed_points


def mixture_model(fractions, cov, *, rank: int, n_inputs: int, readout: bool = True,
                  input_mean=None) -> Mixture:
    """Validate and bundle a mixture of Gaussian populations.

    Compatibility wrapper; prefer :func:`lrnn_utils.models.mixture` (same arguments,
    plus ``g``).
    """
    return mixture(fractions, cov, rank=rank, n_inputs=n_inputs, readout=readout,
                   input_mean=input_mean)


def integrate_latent(model: Mixture, k0, u, t_max: float, dt: float):
    """Integrate ``dk/dt = -k + κ(k, u(t))`` with RK4; returns ``(t, k)``.

    Compatibility wrapper; prefer ``model.integrate(k0, t_max, dt, u)``
    (:func:`lrnn_utils.lowrank.integrate`), which returns a ``LatentTrajectory``.
    """
    traj = integrate(model, k0, t_max, dt, u)
    return traj.t, traj.k


def context_task_model(*, overlap: float = 1.0, input_overlap: float = 2.0,
                       readout_overlap: float = 1.0, m_var: float = 1.0,
                       input_var: float = 1.0, cue: str = "tonic", cue_var: float = 1.0,
                       n_var: float | None = None, w_var: float | None = None) -> Mixture:
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
        need = max(required_variance(C, [n1, n2]) for C in covs)
        n_var = float(np.ceil(need) + 1.0)
    for C in covs:
        C[n1, n1] = C[n2, n2] = n_var
    return mixture([0.5, 0.5], np.array(covs), rank=2, n_inputs=4, readout=True,
                         input_mean=means)



def paper_context_model() -> Mixture:
    """The context-dependent discrimination network of Mastrogiuseppe & Ostojic (2018).

    Compatibility wrapper; prefer the constant :data:`lrnn_utils.models.PAPER_CONTEXT`
    (construction documented there).
    """
    return PAPER_CONTEXT
