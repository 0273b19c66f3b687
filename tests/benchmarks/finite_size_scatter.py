"""Finite-size scatter of κ around the mean-field fixed point (notebook 04, Section 5).

The notebook compares one network per overlap with the theory, with a 4/√N tolerance.
This script measures what that tolerance has to cover: over ``--networks`` realizations
(N = 1000, g = 0.5, m and n with exact empirical statistics, as the notebook's
``paper_network``), the mean, sd and largest |√N·(κ - κ*)| at each overlap, next to the
amplification 1/(1 - F'(κ*)) of a perturbation of the map near the pitchfork.

    python tests/benchmarks/finite_size_scatter.py [--networks 24]

Result (2026-12-02, 24 networks): sd 1.07, 0.63, 0.55, 0.80 at overlaps 1.15, 1.5, 2.2,
3.0 (amplification 4.6, 2.1, 1.4, 1.2), largest |√N·(κ - κ*)| 2.3: 4/√N is ≥ 3.7 sd.
"""

from __future__ import annotations

import argparse

import numpy as np

from lrnn_utils.connectivity import gaussian_vectors
from lrnn_utils.models import PAPER_SPONTANEOUS as PAPER
from lrnn_utils.simulate import simulate

OVERLAPS = np.array([1.15, 1.5, 2.2, 3.0])  # the notebook's points above the pitchfork


def deviations(n_networks: int, N: int = 1000, g: float = 0.5):
    """√N·(κ - κ*) per network (rows) and overlap (columns), shape (n_networks, 4), and
    the mean-field solutions (upper branch) at the overlaps."""
    model = PAPER.with_(g=g)
    theory = [model.with_(n_mean=ov / PAPER.m_mean).solutions()[-1] for ov in OVERLAPS]
    out = np.empty((n_networks, len(OVERLAPS)))
    for s in range(n_networks):
        rng = np.random.default_rng([0, 1000 + s])
        chi = rng.standard_normal((N, N), dtype=np.float32) / np.float32(np.sqrt(N))
        for j, (ov, th) in enumerate(zip(OVERLAPS, theory, strict=True)):
            r = np.random.default_rng([0, 1000 + s, 1])
            mn = gaussian_vectors(N, [PAPER.m_mean, ov / PAPER.m_mean], np.eye(2), r,
                                  exact=True)
            m, n = mn[:, 0], mn[:, 1]
            x0 = m * max(th.kappa, 0.2) + 0.3 * r.standard_normal(N)
            res = simulate(x0, 60.0, 0.1, J0=g * chi, m=m, n=n, record_x=False,
                           record_every=10, dtype=np.float32)
            out[s, j] = np.sqrt(N) * (res.kappa[-11:, 0].mean() - th.kappa)
    return out, theory


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--networks", type=int, default=24)
    d, theory = deviations(ap.parse_args().networks)
    print("overlap               ", OVERLAPS)
    print("κ*                    ", np.round([t.kappa for t in theory], 3))
    amplification = [1 / (1 - t.outlier_slope) for t in theory]
    print("1/(1 - F'(κ*))        ", np.round(amplification, 2))
    print("mean √N·(κ - κ*)      ", d.mean(0).round(2))
    print("sd   √N·(κ - κ*)      ", d.std(0, ddof=1).round(2))
    print("max |√N·(κ - κ*)|     ", np.abs(d).max(0).round(2))


if __name__ == "__main__":
    main()
