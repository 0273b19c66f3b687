"""lrnn_utils: the shared core of the lowrank-rnn-notebooks lecture companion.

Modules (one job each):

* :mod:`~lrnn_utils.connectivity` — random bulk ``J0``, Gaussian structure vectors;
* :mod:`~lrnn_utils.simulate` — batched, factorized Euler integration of the network;
* :mod:`~lrnn_utils.gaussian` — Gaussian averages ``[f](μ, Δ)`` and nested ones;
* :mod:`~lrnn_utils.models` — the models (``RankOne``, ``Mixture``, ``rank_r``) and the
  paper's named examples (``PAPER_SPONTANEOUS``, ``PAPER_INPUT``, ``PAPER_CONTEXT``);
* :mod:`~lrnn_utils.meanfield` — rank-one DMFT (stationary and chaotic), stability;
* :mod:`~lrnn_utils.sweep` — all branches of the rank-one DMFT along a parameter;
* :mod:`~lrnn_utils.lowrank` — rank-R / mixture mean field and latent dynamics (one stack);
* :mod:`~lrnn_utils.latent` — compatibility layer of the rank-R functions, limit cycle;
* :mod:`~lrnn_utils.context` — the context networks of notebook 07 (compatibility names);
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
from .models import (
    PAPER_CONTEXT,
    PAPER_INPUT,
    PAPER_SPONTANEOUS,
    Mixture,
    NetworkVectors,
    RankOne,
    input_task,
    mixture,
    rank_r,
)
from .simulate import SimulationResult, simulate
from .sweep import sweep_rank_one

__version__ = "0.1.0"

__all__ = [
    "input_task",
    "Mixture",
    "mixture",
    "NetworkVectors",
    "PAPER_CONTEXT",
    "PAPER_INPUT",
    "PAPER_SPONTANEOUS",
    "RankOne",
    "rank_r",
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
