"""lrnn_utils: the shared core of the lowrank-rnn-notebooks lecture companion.

Modules (one job each):

* :mod:`~lrnn_utils.connectivity` — random bulk ``J0``, Gaussian structure vectors;
* :mod:`~lrnn_utils.simulate` — batched, factorized Euler integration of the network;
* :mod:`~lrnn_utils.gaussian` — Gaussian averages ``[f](μ, Δ)`` and nested ones;
* :mod:`~lrnn_utils.models` — the models (``RankOne``, ``Mixture``, ``rank_r``), the
  course's tasks (``input_task``, ``context_task_model``) and the paper's named
  examples (``PAPER_SPONTANEOUS``, ``PAPER_INPUT``, ``PAPER_CONTEXT``);
* :mod:`~lrnn_utils.meanfield` — rank-one DMFT (stationary and chaotic), stability;
* :mod:`~lrnn_utils.sweep` — all branches of the rank-one DMFT along a parameter;
* :mod:`~lrnn_utils.lowrank` — rank-R / mixture mean field, latent dynamics and
  limit cycles (one stack);
* :mod:`~lrnn_utils.training` — a small BPTT/Adam trainer (notebook 00);
* :mod:`~lrnn_utils.force` — FORCE learning with recursive least squares (notebook 02);
* :mod:`~lrnn_utils.analysis` — overlaps, spectra, PCA, autocorrelation;
* :mod:`~lrnn_utils.plotting` — house style and recurring figures;
* :mod:`~lrnn_utils.checks` — exercise checkers for coursework.

The course tooling (student version, grading) lives in ``tools/``, not here.
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
)
from .gaussian import Phi, dphi, gauss_avg, nested_avg, phi
from .lowrank import limit_cycle_theory, population_gains
from .meanfield import (
    MeanFieldConvergenceWarning,
    autocorrelation_theory,
    readout_theory,
)
from .models import (
    PAPER_CONTEXT,
    PAPER_INPUT,
    PAPER_SPONTANEOUS,
    Mixture,
    NetworkVectors,
    RankOne,
    context_task_model,
    input_task,
    mixture,
    rank_r,
)
from .simulate import SimulationResult, simulate

__version__ = "0.1.0"

__all__ = [
    "context_task_model",
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
    "limit_cycle_theory",
    "low_rank_matrix",
    "MeanFieldConvergenceWarning",
    "nested_avg",
    "orthogonal_vectors",
    "overlap_matrix",
    "participation_ratio",
    "pca",
    "Phi",
    "phi",
    "population_gains",
    "population_stats",
    "project",
    "random_bulk",
    "readout_theory",
    "simulate",
    "SimulationResult",
    "spectrum",
]
