"""lrnn_utils: the shared core of the lowrank-rnn-notebooks lecture companion.

Modules (one job each):

* :mod:`~lrnn_utils.connectivity` — random bulk ``J0``, Gaussian structure vectors;
* :mod:`~lrnn_utils.simulate` — batched, factorized Euler integration of the network;
* :mod:`~lrnn_utils.gaussian` — Gaussian averages ``[f](μ, Δ)`` and nested ones;
* :mod:`~lrnn_utils.meanfield` — rank-one DMFT (stationary and chaotic), stability;
* :mod:`~lrnn_utils.sweep` — all branches of the rank-one DMFT along a parameter;
* :mod:`~lrnn_utils.latent` — rank-R mean field and latent κ-dynamics;
* :mod:`~lrnn_utils.context` — mean field for a mixture of Gaussian populations
  (context-dependent gain, notebook 07);
* :mod:`~lrnn_utils.training` — a small BPTT/Adam trainer (notebook 00);
* :mod:`~lrnn_utils.force` — FORCE learning with recursive least squares (notebook 02);
* :mod:`~lrnn_utils.analysis` — overlaps, spectra, PCA, autocorrelation;
* :mod:`~lrnn_utils.plotting` — house style and recurring figures;
* :mod:`~lrnn_utils.checks` — exercise checkers for coursework;
* :mod:`~lrnn_utils.coursework` — the student version (``python -m lrnn_utils.coursework student``).
"""

from .analysis import (
    autocorrelation,
    overlap_matrix,
    participation_ratio,
    pca,
    population_stats,
    project,
    spectrum,
)
from .connectivity import (
    gaussian_vectors,
    low_rank_matrix,
    orthogonal_vectors,
    random_bulk,
    rank_one_vectors,
)
from .gaussian import Phi, dphi, gauss_avg, nested_avg, phi
from .latent import (
    integrate_latent,
    latent_rhs,
    limit_cycle_theory,
    low_rank_params,
    population_gain,
    solve_low_rank,
)
from .meanfield import (
    MeanFieldConvergenceWarning,
    autocorrelation_theory,
    readout_theory,
    self_consistency_map,
    solve_rank_one,
    stationary_solutions,
)
from .simulate import SimulationResult, simulate
from .sweep import sweep_rank_one

__version__ = "0.1.0"

__all__ = [
    "autocorrelation",
    "autocorrelation_theory",
    "dphi",
    "gauss_avg",
    "gaussian_vectors",
    "integrate_latent",
    "latent_rhs",
    "limit_cycle_theory",
    "low_rank_matrix",
    "low_rank_params",
    "MeanFieldConvergenceWarning",
    "nested_avg",
    "orthogonal_vectors",
    "overlap_matrix",
    "participation_ratio",
    "pca",
    "Phi",
    "phi",
    "population_gain",
    "population_stats",
    "project",
    "random_bulk",
    "rank_one_vectors",
    "readout_theory",
    "self_consistency_map",
    "simulate",
    "SimulationResult",
    "solve_low_rank",
    "solve_rank_one",
    "spectrum",
    "stationary_solutions",
    "sweep_rank_one",
]
