"""The models of the course, each one small frozen parameter object.

* :class:`RankOne` — the rank-one network of notebooks 02–05: bulk strength ``g``
  and the means, variances and covariances of the entries of ``m, n, I`` (and an
  optional readout ``w``);
* :class:`Mixture` — a rank-``R`` network whose vectors are Gaussian within each of
  ``P`` populations (notebooks 06–07). The rank-R network with one Gaussian
  population is the case ``P = 1`` (:func:`rank_r`), not a second code path.

Constructors of the course's tasks: :func:`input_task` (notebook 05, a
``RankOne``), :func:`context_task_model` (notebook 07, two populations); the
paper's examples are the constants ``PAPER_SPONTANEOUS``, ``PAPER_INPUT``,
``PAPER_CONTEXT``.

Each model carries its statistics once and offers what users do with it::

    from lrnn_utils.models import PAPER_SPONTANEOUS, rank_r
    model = PAPER_SPONTANEOUS.with_(g=0.5)          # dataclasses.replace, re-validated
    sol = model.solve()                             # mean field -> RankOneSolution
    roots = model.solutions()                       # all stationary solutions
    sweep = model.sweep("g", np.linspace(0.1, 3, 50))
    vec = model.sample(2000, rng)                   # NetworkVectors, (N, R) arrays
    res = simulate(x0, 50.0, 0.1, J0=random_bulk(2000, model.g, rng), **vec.structure)

    ring = rank_r(0.0, 1.5 * np.eye(2))             # a Mixture with P = 1
    fp = ring.solve(k0=[1.0, 0.0])                  # StationaryState
    traj = ring.integrate([0.3, 0.0], 20.0, 0.05)   # LatentTrajectory

Naming (one meaning everywhere). The *overlap* ``σ_{n_r m_s}`` is the covariance
``Cov(n_r, m_s)`` of the entries of ``n_r`` and ``m_s`` (per population for a
mixture: ``Mixture.overlap`` has shape (P, R, R)); for zero-mean vectors it is the
large-N limit of ``n_rᵀm_s/N``. With means, ``mᵀn/N → M_m M_n + σ_mn`` is
:attr:`RankOne.total_overlap`. In the latent dynamics ``k`` is the *coordinate* of
the activity along ``m`` and ``κ`` the recurrent *drive* ``nᵀφ(x)/N``
(:mod:`lrnn_utils.lowrank`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ._validate import check_array, check_int, check_rng, check_scalar
from .connectivity import gaussian_vectors

__all__ = [
    "RankOne",
    "Mixture",
    "NetworkVectors",
    "mixture",
    "rank_r",
    "input_task",
    "context_task_model",
    "PAPER_SPONTANEOUS",
    "PAPER_INPUT",
    "PAPER_CONTEXT",
]

_RANK_ONE_VARIANCES = ("m_var", "n_var", "input_var", "w_var")


@dataclass(frozen=True)
class NetworkVectors:
    """Sampled structure vectors of one network.

    Attributes
    ----------
    m, n : ndarray (N, R)
    inputs : ndarray (N, K)
        Input directions (``K = 1`` for a rank-one model: ``inputs[:, 0]`` is ``I``).
    w : ndarray (N,) or None
        Readout vector, if the model has one.
    population : ndarray (N,) of int
        Population label of each neuron (all 0 for one population).
    """

    m: np.ndarray
    n: np.ndarray
    inputs: np.ndarray
    w: np.ndarray | None
    population: np.ndarray

    @property
    def N(self) -> int:
        return self.m.shape[0]

    @property
    def I(self) -> np.ndarray:  # noqa: E743 - the paper's name
        """The input direction ``I`` (N,) of a single-input model (=
        ``inputs[:, 0]``)."""
        if self.inputs.shape[1] != 1:
            raise ValueError(
                f"I needs exactly one input channel; there are {self.inputs.shape[1]}"
                " (use .inputs)"
            )
        return self.inputs[:, 0]

    @property
    def structure(self) -> dict:
        """Keywords of :func:`lrnn_utils.simulate.simulate` for the low-rank part:
        ``simulate(x0, t_max, dt, **vectors.structure)`` (``m``, ``n``)."""
        return {"m": self.m, "n": self.n}


@dataclass(frozen=True)
class RankOne:
    """Rank-one network ``ẋ = -x + g χ φ(x) + m nᵀφ(x)/N + I``: its statistics.

    The entries of ``(m, n, I[, w])`` are i.i.d. across neurons, jointly Gaussian
    with the means and (co)variances below (Mastrogiuseppe & Ostojic 2018).
    Validated on construction (``ValueError`` names the bad field); change one
    with :meth:`with_`.

    Attributes
    ----------
    g : float
        Bulk strength, ``J0_ij ~ N(0, g²/N)``.
    m_mean, n_mean, m_var, n_var, mn_cov : float
        ``M_m, M_n, Σ_m², Σ_n²`` and the overlap ``σ_mn = Cov(m, n)``.
    input_mean, input_var, m_input_cov, n_input_cov : float
        ``M_I, Σ_I², σ_mI, σ_nI``.
    w_mean, w_var, w_m_cov, w_n_cov, w_input_cov : float
        Readout ``w`` (sampled only if ``w_var > 0``): ``M_w, Σ_w², σ_wm, σ_wn, σ_wI``.
    """

    g: float
    m_mean: float = 0.0
    n_mean: float = 0.0
    m_var: float = 0.0
    n_var: float = 0.0
    mn_cov: float = 0.0
    input_mean: float = 0.0
    input_var: float = 0.0
    m_input_cov: float = 0.0
    n_input_cov: float = 0.0
    w_mean: float = 0.0
    w_var: float = 0.0
    w_m_cov: float = 0.0
    w_n_cov: float = 0.0
    w_input_cov: float = 0.0

    def __post_init__(self):
        for f in dataclasses.fields(self):
            v = check_scalar(
                getattr(self, f.name),
                f.name,
                minimum=0.0 if f.name in ("g",) + _RANK_ONE_VARIANCES else None,
            )
            object.__setattr__(self, f.name, float(v))
        cov = self.covariance(readout=self.has_readout)
        smallest = np.linalg.eigvalsh(cov).min()
        if smallest < -1e-12 * max(1.0, np.abs(cov).max()):
            raise ValueError(
                "the covariance matrix of (m, n, I[, w]) built from m_var, n_var, "
                "input_var, "
                "mn_cov, m_input_cov, n_input_cov (and the w_ fields) must be positive "
                f"semi-definite; its smallest eigenvalue is {smallest:.3g} "
                "(is |mn_cov| > sqrt(m_var*n_var)?)"
            )

    # statistics -----------------------------------------------------------------------
    @property
    def has_readout(self) -> bool:
        return self.w_var > 0

    @property
    def total_overlap(self) -> float:
        """``mᵀn/N → M_m M_n + σ_mn`` as ``N → ∞``."""
        return self.m_mean * self.n_mean + self.mn_cov

    def covariance(self, readout: bool = False) -> np.ndarray:
        """Covariance of the entries of ``(m, n, I)`` (3, 3), or ``(m, n, I, w)`` (4,
        4)."""
        c = np.array([
            [self.m_var, self.mn_cov, self.m_input_cov, self.w_m_cov],
            [self.mn_cov, self.n_var, self.n_input_cov, self.w_n_cov],
            [self.m_input_cov, self.n_input_cov, self.input_var, self.w_input_cov],
            [self.w_m_cov, self.w_n_cov, self.w_input_cov, self.w_var],
        ])
        return c if readout else c[:3, :3]

    def means(self, readout: bool = False) -> np.ndarray:
        """Means ``(M_m, M_n, M_I[, M_w])``."""
        mu = np.array([self.m_mean, self.n_mean, self.input_mean, self.w_mean])
        return mu if readout else mu[:3]

    def structured_variance(self, kappa):
        """``Δs(κ) = Var_i(m_i κ + I_i) = Σ_m² κ² + 2 σ_mI κ + Σ_I²``."""
        kappa = np.asarray(kappa, dtype=float)
        return self.m_var * kappa**2 + 2 * self.m_input_cov * kappa + self.input_var

    def mean_input(self, kappa):
        """``μ(κ) = M_m κ + M_I``."""
        return self.m_mean * np.asarray(kappa, dtype=float) + self.input_mean

    def with_(self, **changes) -> "RankOne":
        """A copy with some fields changed (``dataclasses.replace``; re-validated)."""
        return dataclasses.replace(self, **changes)

    # what users do with it -----------------------------------------------------------
    def sample(
        self, N: int, rng: np.random.Generator, *, exact: bool = True
    ) -> NetworkVectors:
        """Vectors of an ``N``-neuron network (``exact``: empirical moments equal the
        model's, see :func:`lrnn_utils.connectivity.gaussian_vectors`)."""
        N = check_int(N, "N", minimum=2)
        check_rng(rng)
        ro = self.has_readout
        v = gaussian_vectors(N, self.means(ro), self.covariance(ro), rng, exact=exact)
        return NetworkVectors(v[:, 0:1].copy(), v[:, 1:2].copy(), v[:, 2:3].copy(),
                              v[:, 3].copy() if ro else None, np.zeros(N, dtype=int))

    def self_consistency(self, kappa):
        """``F(κ)`` of the stationary self-consistency ``κ = F(κ)``; see
        :func:`lrnn_utils.meanfield.kappa_map`."""
        from .meanfield import kappa_map

        return kappa_map(self, kappa)

    def solutions(self):
        """All stationary solutions, sorted by κ
        (:func:`lrnn_utils.meanfield.all_stationary`)."""
        from .meanfield import all_stationary

        return all_stationary(self)

    def solve(self, regime: str = "stationary", kappa0: float | None = None):
        """One mean-field solution (:func:`lrnn_utils.meanfield.solve`): a
        ``RankOneSolution``."""
        from .meanfield import solve

        return solve(self, regime, kappa0)

    def sweep(self, name: str, values, *, chaotic: bool = True, **dependent):
        """All branches along one field (:func:`lrnn_utils.sweep.sweep`): a
        ``RankOneSweep``."""
        from .sweep import sweep

        return sweep(self, name, values, chaotic=chaotic, **dependent)

    def readout(self, sol) -> float:
        """Readout ``z = M_w [φ] + (σ_wm κ + σ_wI)[φ']`` at a solution
        (:func:`lrnn_utils.meanfield.readout_theory`)."""
        from .meanfield import readout_theory

        return readout_theory(sol, w_mean=self.w_mean, w_m_cov=self.w_m_cov,
                              w_input_cov=self.w_input_cov)


@dataclass(frozen=True)
class Mixture:
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
    g : float
        Strength of a random bulk (default 0, where the latent equations are exact;
        for ``g > 0`` they are the adiabatic approximation with
        ``Δ_p = g²[φ²](μ_p, Δ_p) + Var_p(field)``).

    Build with :func:`mixture` (validated) or :func:`rank_r`; the functions of
    :mod:`lrnn_utils.lowrank` implement the equations, the methods below call them.
    """

    fractions: np.ndarray
    cov: np.ndarray
    rank: int
    n_inputs: int
    has_readout: bool
    input_mean: np.ndarray
    g: float = 0.0

    # index helpers --------------------------------------------------------------------
    @property
    def _m(self):
        return slice(0, self.rank)

    @property
    def _n(self):
        return slice(self.rank, 2 * self.rank)

    @property
    def _i(self):
        return slice(2 * self.rank, 2 * self.rank + self.n_inputs)

    # blocks ---------------------------------------------------------------------------
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
        """``Σ_p α_p C^p``: the covariances (e.g. ``nᵀm/N``) measured over all
        neurons."""
        return np.einsum("p,pij->ij", self.fractions, self.cov)


    # what users do with it -----------------------------------------------------------
    def with_(self, **changes) -> "Mixture":
        """A copy with some fields changed, re-validated by :func:`mixture`."""
        d = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        d.update(changes)
        return mixture(d["fractions"], d["cov"], rank=d["rank"], n_inputs=d["n_inputs"],
                       readout=d["has_readout"], input_mean=d["input_mean"], g=d["g"])

    def sample(self, N: int, rng: np.random.Generator, *,
               exact: bool = True) -> NetworkVectors:
        """Vectors of an ``N``-neuron network
        (:func:`lrnn_utils.lowrank.sample_vectors`)."""
        from .lowrank import sample_vectors

        return sample_vectors(self, N, rng, exact=exact)

    def gains(self, k, u=None):
        """Population gains ``[φ'](μ_p, Δ_p)``
        (:func:`lrnn_utils.lowrank.population_gains`)."""
        from .lowrank import population_gains

        return population_gains(self, k, u)

    def drive(self, k, u=None):
        """Recurrent drive ``κ(k, u)`` (:func:`lrnn_utils.lowrank.drive`)."""
        from .lowrank import drive

        return drive(self, k, u)

    def velocity(self, k, u=None):
        """Latent ODE right-hand side ``dk/dt``
        (:func:`lrnn_utils.lowrank.velocity`)."""
        from .lowrank import velocity

        return velocity(self, k, u)

    def readout(self, k, u=None):
        """Readout ``z(k, u)`` (:func:`lrnn_utils.lowrank.readout`)."""
        from .lowrank import readout

        return readout(self, k, u)

    def integrate(self, k0, t_max: float, dt: float, u=None):
        """Latent trajectory (:func:`lrnn_utils.lowrank.integrate`):
        ``LatentTrajectory``."""
        from .lowrank import integrate

        return integrate(self, k0, t_max, dt, u)

    def solve(self, u=None, *, k0=None, t_relax: float = 30.0, tol: float = 1e-10):
        """Fixed points for constant inputs
        (:func:`lrnn_utils.lowrank.fixed_points`)."""
        from .lowrank import fixed_points

        return fixed_points(self, u, k0=k0, t_relax=t_relax, tol=tol)

    def _need_readout(self):
        if not self.has_readout:
            raise ValueError("this model has no readout vector w (readout=False)")


def mixture(fractions, cov, *, rank: int, n_inputs: int, readout: bool = True,
            input_mean=None, g: float = 0.0) -> Mixture:
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
    g : float, default 0
        Strength of the random bulk.
    """
    g = check_scalar(g, "g", minimum=0.0)
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
                f"cov[{p}] must be positive semi-definite (smallest eigenvalue "
                f"{lam:.3g}); "
                "increase the variances of n (or w) relative to their covariances"
            )
    if input_mean is None:
        input_mean = np.zeros((fractions.size, n_inputs))
    input_mean = check_array(input_mean, "input_mean", shape=(fractions.size, n_inputs))
    return Mixture(fractions, cov, rank, n_inputs, bool(readout), input_mean, g)




def rank_r(g, overlap, *, m_cov=None, n_var=None, n_input_cov=None, m_input_cov=None,
           input_var=0.0) -> Mixture:
    """The rank-R network with one zero-mean Gaussian population (``P = 1``, one input).

    Parameters
    ----------
    g : float
    overlap : array_like (R, R)
        ``σ_rs = Cov(n_r, m_s)``: row r is what ``n_r`` listens to in each ``m_s``.
    m_cov : array_like (R, R), default identity
        ``Cov(m_r, m_s)``.
    n_var : float, optional
        Variance of every ``n_r`` (they are mutually uncorrelated); it does not enter
        the mean field, only the sampled vectors. Default: ``λ_max(σ C_mm⁻¹ σᵀ) + 1``
        (for ``C_mm = Σ_m² 1``: ``‖σ‖²/Σ_m² + 1``), the smallest PSD value plus one.
    n_input_cov, m_input_cov : array_like (R,), default 0
        ``σ_{n_r I}``, ``σ_{m_r I}``.
    input_var : float, default 0
        ``Σ_I²``. The input is channel 0 of ``u``: pass ``u=[1.0]`` to switch it on
        (the default ``u = 0`` of the :class:`Mixture` methods leaves it off).

    Returns
    -------
    Mixture
        Vector order ``m_1…m_R, n_1…n_R, I`` (``D = 2R + 1``), no readout.
    """
    g = check_scalar(g, "g", minimum=0.0)
    overlap = check_array(overlap, "overlap", ndim=2)
    R = overlap.shape[0]
    if overlap.shape != (R, R) or R < 1:
        raise ValueError(f"overlap must be a square (R, R) matrix, got {overlap.shape}")
    m_cov = np.eye(R) if m_cov is None else check_array(m_cov, "m_cov", shape=(R, R))
    if not np.allclose(m_cov, m_cov.T) or np.linalg.eigvalsh(m_cov).min() < -1e-12:
        raise ValueError(
            "m_cov must be a symmetric positive semi-definite (R, R) matrix"
        )
    zeros = np.zeros(R)
    n_in = (
        zeros
        if n_input_cov is None
        else check_array(n_input_cov, "n_input_cov", shape=(R,))
    )
    m_in = (
        zeros
        if m_input_cov is None
        else check_array(m_input_cov, "m_input_cov", shape=(R,))
    )
    input_var = check_scalar(input_var, "input_var", minimum=0.0)
    joint = np.block([[m_cov, m_in[:, None]], [m_in[None, :], np.array([[input_var]])]])
    if np.linalg.eigvalsh(joint).min() < -1e-10 * max(1.0, np.abs(joint).max()):
        raise ValueError(
            "the covariance of (m_1..m_R, I) from m_cov, m_input_cov, input_var is not "
            "positive semi-definite (|m_input_cov| too large for input_var?)")
    D = 2 * R + 1
    C = np.zeros((D, D))
    C[:R, :R] = m_cov
    C[R:2 * R, :R] = overlap
    C[:R, R:2 * R] = overlap.T
    C[:R, -1] = C[-1, :R] = m_in
    C[R:2 * R, -1] = C[-1, R:2 * R] = n_in
    C[-1, -1] = input_var
    if n_var is None:
        need = _required_variance(C, list(range(R, 2 * R)))
        n_var = need + 1.0
    n_var = check_scalar(n_var, "n_var", minimum=0.0)
    C[R:2 * R, R:2 * R] = n_var * np.eye(R)
    return mixture([1.0], C[None], rank=R, n_inputs=1, readout=False, g=g)


def _required_variance(C, idx):
    """Smallest ``v`` such that setting ``C[i, i] = v`` for ``i`` in ``idx`` (mutually
    uncorrelated) keeps ``C`` PSD: ``λ_max(Bᵀ A⁺ B)`` (Schur complement)."""
    rest = [j for j in range(C.shape[0]) if j not in idx]
    A = C[np.ix_(rest, rest)]
    B = C[np.ix_(rest, idx)]
    return float(np.linalg.eigvalsh(B.T @ np.linalg.pinv(A) @ B).max())


def input_task(c: float, rho: float, *, go: bool = True, g: float = 0.8,
               sigma_input: float = 1.2, sigma_w: float = 1.2,
               extra_var: float = 0.0) -> RankOne:
    """The input-selectivity task of notebook 05 (the paper's Fig. 2 construction).

    ``m = w + ρ y``, ``n = I + ρ y`` with ``I, w, y`` independent (s.d. ``Σ_I``,
    ``Σ_w``, 1); the input is ``c·I`` (``go``) or ``c·I⊥`` with ``I⊥`` orthogonal to
    ``n`` (not go), plus ``extra_var`` of unstructured input variance. Hence
    ``Σ_m² = Σ_w² + ρ²``, ``Σ_n² = Σ_I² + ρ²``, ``σ_mn = ρ²``, ``σ_nI = c Σ_I²`` (go),
    ``Σ_I,tot² = c² Σ_I² + extra_var``, and the readout ``w`` has ``σ_wm = Σ_w²``.
    """
    c, rho = check_scalar(c, "c"), check_scalar(rho, "rho")
    return RankOne(g=g, m_var=sigma_w**2 + rho**2, n_var=sigma_input**2 + rho**2,
                   mn_cov=rho**2, n_input_cov=c * sigma_input**2 if go else 0.0,
                   input_var=c**2 * sigma_input**2 + extra_var,
                   w_var=sigma_w**2, w_m_cov=sigma_w**2,
                   w_input_cov=0.0)


def _paper_context() -> Mixture:
    """The context-dependent discrimination network of Mastrogiuseppe & Ostojic (2018).

    Parameters from the paper's public code (``5_CtxDiscriminationTask``): one Gaussian
    population whose vectors are built from independent Gaussian vectors
    ``I_A, I_B, y_1, y_2`` (s.d. 1.2) and ``w, c_A, c_B`` (s.d. 1):
    ``m_1 = y_1 + 1.6 c_A + 0.6 w``, ``n_1 = I_A + 3 c_A + w`` (and 1 ↔ 2, A ↔ B),
    so ``σ = [[5.4, 0.6], [0.6, 5.4]]``. The context vectors are correlated with ``m``
    and ``n``: they act as a bias in a bistable network, not through the gain.
    Vector order: ``m_1, m_2, n_1, n_2, I_A, I_B, c_A, c_B, w`` (D = 9).
    """
    # base vectors I_A I_B y1 y2 w c_A c_B
    sd = np.array([1.2, 1.2, 1.2, 1.2, 1.0, 1.0, 1.0])
    ia, ib, y1, y2, w, ca, cb = range(7)
    M1, M2, N1, N2, IA, IB, CA, CB, W = range(9)
    A = np.zeros((9, 7))
    A[M1, [y1, ca, w]] = [1.0, 1.6, 0.6]
    A[M2, [y2, cb, w]] = [1.0, 1.6, 0.6]
    A[N1, [ia, ca, w]] = [1.0, 3.0, 1.0]
    A[N2, [ib, cb, w]] = [1.0, 3.0, 1.0]
    A[IA, ia] = A[IB, ib] = A[CA, ca] = A[CB, cb] = A[W, w] = 1.0
    return mixture([1.0], (A @ np.diag(sd**2) @ A.T)[None], rank=2, n_inputs=4)


def context_task_model(
    *,
    overlap: float = 1.0,
    input_overlap: float = 2.0,
    readout_overlap: float = 1.0,
    m_var: float = 1.0,
    input_var: float = 1.0,
    cue: str = "tonic",
    cue_var: float = 1.0,
    n_var: float | None = None,
    w_var: float | None = None,
) -> Mixture:
    """The two-population context task of notebook 07.

    Why two populations? With one zero-mean Gaussian population Stein's lemma gives
    ``κ_r = [φ'](0, Δ) Cov(n_r, x)``: one gain multiplies every pathway, so a cue
    that only adds variance weakens both pathways alike. For the *gain* to act on
    one pathway and not the other, the cue must reach other neurons than those
    that carry that pathway: the statistics differ between populations
    (:mod:`lrnn_utils.lowrank` gives the equations; ``σ̃ = Σ_p α_p G_p σ^p``).

    Rank 2, four input channels ``(I_A, I_B, c_A, c_B)`` and a readout ``w``; two
    populations of equal size (``α_1 = α_2 = 1/2``).

    * Pathway A lives in population 1: there ``Cov(n_1, I_A) = input_overlap`` and
      ``Cov(n_1, m_1) = overlap``; pathway B likewise in population 2
      (``n_2, I_B, m_2``). (Over the whole network these covariances are halved:
      ``n_1ᵀI_A/N → input_overlap/2``.)
    * The context cue ``c_A`` (on in context A) reaches population **2** only and
      ``c_B`` population **1** only: a cue lowers the gain of the population that
      carries the
      *other* pathway. ``cue="tonic"``: the cue vector is 1 on its target population and
      0 elsewhere (a population mean, no variance), so a cue of amplitude ``γ`` shifts
      the mean field there by ``γ``. ``cue="variance"``: the cue vector is zero-mean
      with variance ``cue_var`` on its target population (it adds ``γ² cue_var`` to
      ``Δ_p``).
    * ``m_1, m_2, I_A, I_B`` have variances ``m_var``, ``input_var`` in both
      populations; the readout has ``Cov(w, m_1) = Cov(w, m_2) = readout_overlap``
      everywhere.
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
    # Var(w) >= Cov(w, m)ᵀ Cov(m)⁻¹ Cov(w, m) = 2 β² / Σ_m², plus a margin
    if w_var is None:
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
    # smallest integer variance of n that keeps every C^p PSD, plus one
    if n_var is None:
        need = max(_required_variance(C, [n1, n2]) for C in covs)
        n_var = float(np.ceil(need) + 1.0)
    for C in covs:
        C[n1, n1] = C[n2, n2] = n_var
    return mixture([0.5, 0.5], np.array(covs), rank=2, n_inputs=4, readout=True,
                   input_mean=means)


#: The paper's spontaneous rank-one example: ``M_m = 1.1, M_n = 2, Σ_m² = Σ_n² = 1``
#: (``g = 0.5`` here; the notebooks vary it with ``.with_(g=...)``).
PAPER_SPONTANEOUS = RankOne(g=0.5, m_mean=1.1, n_mean=2.0, m_var=1.0, n_var=1.0)

#: The input task of notebook 05 (Fig. 2 construction) at ``ρ = 2``, input ``c = 1``.
PAPER_INPUT = input_task(1.0, 2.0)

#: The paper's context-dependent discrimination network (notebook 07).
PAPER_CONTEXT = _paper_context()
