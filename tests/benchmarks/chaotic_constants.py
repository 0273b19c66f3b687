"""Measure the chaotic tolerance constants of tests/test_theory_vs_simulation.py.

For each chaotic point of that test, over ``--networks`` realizations (seeds 101, 102,
...; the test uses 1, 2, 3) at ``--N`` neurons, with the test's own protocol
(``_run``: Heun, 150 τ, time averages after 40 τ), prints the bias ``b`` and the sd
``s`` of √N·(simulation − theory) for |κ|, |μ|, Δ0, Δ(5), Δ(10), and the constant
``c = 1.2 (s + |b| √S / Z)`` the test uses (S = 3 networks, Z = 4).

    python tests/benchmarks/chaotic_constants.py [--networks 40] [--N 1500]

Result (2026-12-02, AMD EPYC 2 cores, 40 networks, N = 1500; ~20 s per point):

    point                         |κ|   |μ|    Δ0  Δ(5)  Δ(10)
    g = 2.5 (homogeneous)   b    5.37  4.34  5.34 10.59 11.92
                            s    2.43  3.84  4.44 10.83 15.15
    g = 2.0 (classical SCS) b    0.00  0.48  0.11  1.00  1.72
                            s    0.00  0.38  2.07  5.85  8.93

and at N = 3000 (24 networks) b = 4.40 2.62 4.40 8.22 7.94 at g = 2.5: the lagged
excess shrinks like 1/√N in these units, i.e. it is O(1/N).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import test_theory_vs_simulation as T  # noqa: E402

from lrnn_utils import autocorrelation_theory  # noqa: E402


def measure(name: str, n_networks: int):
    """Bias and sd of √N·(simulation − theory), arrays (5,), at the point ``name``."""
    model, regime = T.POINTS[name]
    structured = model.with_(g=0.0) != T.RankOne(0.0)
    th = model.solve(regime, kappa0=1.0 if structured else 0.0)
    lagged = autocorrelation_theory(th, np.array(T.LAGS))
    expected = np.array([abs(th.kappa), abs(th.mu), th.delta0, *lagged])
    sims = np.array([T._run(model, s, "heun") for s in range(101, 101 + n_networks)])
    sims[:, 1] = np.abs(sims[:, 1])
    dev = (sims - expected) * np.sqrt(T.N)
    return dev.mean(axis=0), dev.std(axis=0, ddof=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--networks", type=int, default=40)
    ap.add_argument("--N", type=int, default=T.N)
    args = ap.parse_args()
    T.N = args.N
    S = len(T.SEEDS)
    for name in T.CHAOTIC_C:
        b, s = measure(name, args.networks)
        c = 1.2 * (s + np.abs(b) * np.sqrt(S) / T.Z)
        print(name)
        print("   bias b      ", b.round(2))
        print("   sd s        ", s.round(2))
        print("   c (measured)", c.round(1), "  in the test:", T.CHAOTIC_C[name])


if __name__ == "__main__":
    main()
