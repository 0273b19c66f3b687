"""Benchmarks of the lrnn_utils core (issue: performance). Not a test: a measurement.

Run from the repository root:

    python tests/benchmarks/run_benchmarks.py            # writes
    tests/benchmarks/results.md python tests/benchmarks/run_benchmarks.py --quick    #
    smaller sizes, one notebook, prints only python tests/benchmarks/run_benchmarks.py
    --notebooks 02 04   # only these notebooks in section 4

Each number is the best of several repeats (the minimum is the least disturbed
by other processes). The table records the date, CPU, core count, BLAS and the
thread settings, because all of them change the numbers.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

import numpy as np

from lrnn_utils import PAPER_SPONTANEOUS, random_bulk, simulate

HERE = Path(__file__).resolve().parent


def paper_vectors(N, rng):
    """``m, n`` (N,) of the paper's spontaneous example (exact empirical moments)."""
    vec = PAPER_SPONTANEOUS.sample(N, rng)
    return vec.m[:, 0], vec.n[:, 0]


def best_of(fn, repeats=3):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    blas = "unknown BLAS"
    try:
        from threadpoolctl import threadpool_info

        info = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        if info:
            i0 = info[0]
            blas = (f"{i0['internal_api']} {i0.get('version')} "
                    f"({i0.get('architecture')}, {i0['num_threads']} threads)")
    # threadpoolctl is optional: numpy's build configuration names the BLAS
    except ImportError:
        try:
            dep = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
            blas = f"{dep.get('name')} {dep.get('version')} (build configuration)"
        except Exception:  # noqa: BLE001 - older numpy: keep "unknown BLAS"
            pass
    env = {
        k: os.environ[k]
        for k in ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")
        if k in os.environ
    }
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, numpy "
        f"{np.__version__}; "
        f"{blas}; env {env or 'none'}"
    )


def cpu_flags() -> str:
    """The SIMD extensions that decide numpy's speed here: AVX2 / AVX-512 / FMA or
    NEON."""
    flags: set[str] = set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key = line.split(":", 1)[0].strip().lower()
            if key in ("flags", "features"):  # x86 / ARM
                flags |= set(line.split(":", 1)[1].split())
    except OSError:
        pass
    arch = platform.machine().lower()
    if arch in ("arm64", "aarch64") and not flags:
        # NEON is part of every 64-bit ARM (macOS has no /proc/cpuinfo)
        flags.add("asimd")
    wanted = [
        ("avx2", "AVX2"),
        ("fma", "FMA"),
        ("avx512f", "AVX-512F"),
        ("avx512dq", "AVX-512DQ"),
        ("avx512bw", "AVX-512BW"),
        ("avx512vl", "AVX-512VL"),
        ("asimd", "NEON"),
        ("neon", "NEON"),
        ("sve", "SVE"),
    ]
    have = sorted({label for flag, label in wanted if flag in flags})
    missing = [
        label for label in ("AVX2", "AVX-512F") if label not in have and "x86" in arch
    ]
    text = f"{arch}: " + (
        ", ".join(have) if have else "no AVX2/AVX-512/NEON flags found"
    )
    return text + (f" (no {', '.join(missing)})" if missing else "")


def numpy_simd() -> str:
    """numpy's compiled baseline and the dispatch targets this CPU supports."""
    try:
        from numpy._core import _multiarray_umath as mu  # numpy >= 2
    except ImportError:  # pragma: no cover - numpy 1.x
        from numpy.core import _multiarray_umath as mu
    baseline = list(getattr(mu, "__cpu_baseline__", []))
    dispatch = list(getattr(mu, "__cpu_dispatch__", []))
    features = getattr(mu, "__cpu_features__", {})
    found = [d for d in dispatch if features.get(d)]
    return (f"baseline {' '.join(baseline) or 'unknown'}; dispatch on this CPU "
            f"{' '.join(found) or 'none'}")


def notebook_times(names=None, timeout=600):
    """Wall time of every notebook executed top to bottom with nbclient (nothing
    saved)."""
    import nbformat
    from nbclient import NotebookClient

    nb_dir = HERE.parents[1] / "notebooks"
    paths = sorted(nb_dir.glob("[0-9][0-9]_*.ipynb"))
    if names:
        paths = [p for p in paths if p.name.split("_", 1)[0] in names]
    rows = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        # in notebooks/, savefig writes nothing: the committed figures stay as they are
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(nb_dir)}},
        )
        t0 = time.perf_counter()
        client.execute()
        rows.append((path.stem, time.perf_counter() - t0))
    return rows


def dense_bulk(Ns, B=16, steps=200):
    """Batched Euler step vs the bare matrix product of the same shape."""
    rows = []
    for N in Ns:
        rng = np.random.default_rng(0)
        J0 = random_bulk(N, 1.5, rng)
        m, n = paper_vectors(N, rng)
        X = rng.standard_normal((B, N))
        out = np.empty_like(X)

        def bare():
            for _ in range(steps):
                np.matmul(X, J0.T, out=out)

        def step():
            simulate(X, steps * 0.1, 0.1, J0=J0, m=m, n=n, record_every=10)

        t_bare = best_of(bare) / steps
        t_sim = best_of(step) / steps
        rows.append((N, B, t_sim * 1e3, t_bare * 1e3, t_sim / t_bare))
    return rows


def versus_naive(N=1000, B=16, t_max=20.0, dt=0.1):
    """Per-trial cost: batched vs a single-trial loop vs scipy.integrate.odeint on dense
    J."""
    from scipy.integrate import odeint

    rng = np.random.default_rng(1)
    J0 = random_bulk(N, 1.5, rng)
    m, n = paper_vectors(N, rng)
    J = J0 + np.outer(m, n) / N
    X = rng.standard_normal((B, N))
    steps = int(t_max / dt)

    def batched():
        simulate(X, t_max, dt, J0=J0, m=m, n=n, record_every=10)

    def single_loop():  # the textbook loop: one trial, dense J, x += dt * (...)
        for b in range(B):
            x = X[b].copy()
            for _ in range(steps):
                x = x + dt * (-x + J @ np.tanh(x))

    def scipy_odeint():  # how the paper's code integrates
        for b in range(2):
            odeint(lambda x, t: -x + J @ np.tanh(x), X[b], np.arange(0, t_max + dt, dt))

    t_b = best_of(batched, 2) / B
    t_s = best_of(single_loop, 2) / B
    t_o = best_of(scipy_odeint, 1) / 2
    return t_b, t_s, t_o


def pure_low_rank(Ns=(100_000, 300_000, 1_000_000), steps=1000, R=2):
    rows = []
    for N in Ns:
        rng = np.random.default_rng(2)
        m = rng.standard_normal((N, R))
        n = rng.standard_normal((N, R)) + m
        x0 = rng.standard_normal(N)
        tracemalloc.start()
        t0 = time.perf_counter()
        simulate(x0, steps * 0.1, 0.1, m=m, n=n, record_x=False)
        t = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rows.append((N, t, peak / 2**20, peak / (N * R * 8)))
    return rows


def meanfield_sweep(P=200):
    values = np.linspace(0.1, 3.0, P)
    PAPER_SPONTANEOUS.sweep("g", values[:5])  # warm caches (quadrature nodes)
    t0 = time.perf_counter()
    sw = PAPER_SPONTANEOUS.sweep("g", values)
    t = time.perf_counter() - t0
    n_solves = int(sw.stationary.exists.sum() + sw.chaotic.exists.sum())
    return t, n_solves, sw


def residual_check(sw):
    """Largest residual over every solution of the sweep (re-evaluated
    independently)."""
    from lrnn_utils.meanfield import _chaotic_residual, _stationary_residual

    worst = 0.0
    for i, g in enumerate(sw.values):
        p = PAPER_SPONTANEOUS.with_(g=g)
        for j in range(3):
            if sw.stationary.exists[i, j]:
                v = np.array([sw.stationary.kappa[i, j], sw.stationary.delta0[i, j]])
                worst = max(worst, np.abs(_stationary_residual(p)(v)).max())
            if sw.chaotic.exists[i, j]:
                d0 = sw.chaotic.delta0[i, j]
                v = np.array(
                    [sw.chaotic.kappa[i, j], d0, d0 - sw.chaotic.delta_inf[i, j]]
                )
                worst = max(worst, np.abs(_chaotic_residual(p)(v)).max())
    return worst


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--quick", action="store_true", help="small sizes, one notebook, print only"
    )
    ap.add_argument(
        "--notebooks",
        nargs="*",
        default=None,
        metavar="NN",
        help="notebooks of section 4 (numbers; default all, with --quick the first)",
    )
    args = ap.parse_args(argv)
    lines = [
        f"# Benchmarks of lrnn_utils ({date.today().isoformat()})",
        "",
        f"Machine: {machine()}",
        "",
        f"CPU flags: {cpu_flags()}",
        "",
        f"numpy SIMD: {numpy_simd()}",
        "",
        "Command: `python tests/benchmarks/run_benchmarks.py` (best of 3 repeats).",
        "",
    ]
    Ns = (500, 1000) if args.quick else (1000, 2000, 4000)
    lines += [
        "## 1. Dense bulk: batched Euler step vs the bare matrix product",
        "",
        "B = 16 trials, rank-1 structure, g = 1.5, κ recorded every 10 steps.",
        "",
        "| N | B | simulate, ms/step | X @ J0.T, ms/step | ratio (target ≤ 1.15) |",
        "|---|---|---|---|---|",
    ]
    for N, B, ts, tb, ratio in dense_bulk(Ns):
        lines.append(f"| {N} | {B} | {ts:.3f} | {tb:.3f} | {ratio:.2f} |")
    t_b, t_s, t_o = versus_naive(N=500 if args.quick else 1000)
    lines += [
        "",
        f"Per trial, N = {500 if args.quick else 1000}, 20 τ at dt = 0.1: batched "
        "simulate "
        f"{t_b * 1e3:.1f} ms; single-trial dense Euler loop {t_s * 1e3:.1f} ms "
        f"({t_s / t_b:.1f}× slower); scipy.integrate.odeint on dense J {t_o * 1e3:.0f} "
        "ms "
        f"({t_o / t_b:.0f}× slower).",
        "",
    ]
    lines += [
        "## 2. Pure low rank (R = 2, 1000 steps, no N×N array)",
        "",
        "| N | time, s (target ≤ 10 s at 10⁶) | peak traced memory, MiB | peak / "
        "(N·R·8 bytes) |",
        "|---|---|---|---|",
    ]
    rows = pure_low_rank(
        (10_000, 30_000, 100_000) if args.quick else (100_000, 300_000, 1_000_000)
    )
    for N, t, mib, rel in rows:
        lines.append(f"| {N:,} | {t:.2f} | {mib:.1f} | {rel:.1f} |")
    slope = np.polyfit(np.log([r[0] for r in rows]), np.log([r[1] for r in rows]), 1)[0]
    lines += ["", f"Time grows like N^{slope:.2f} (linear = 1).", ""]
    t, n_solves, sw = meanfield_sweep(40 if args.quick else 200)
    worst = residual_check(sw)
    lines += [
        "## 3. Mean field: rank-one DMFT sweep over g (paper's example)",
        "",
        f"{sw.values.size} values of g in [0.1, 3]: every stationary branch (grid scan "
        "+ Newton) "
        f"and every chaotic branch (warm-started Broyden–Newton): {t:.2f} s in all "
        f"(target < 1 s), {n_solves} solutions, {1e3 * t / sw.values.size:.1f} ms per "
        "parameter value, "
        f"largest residual {worst:.1e} (target < 1e-10).",
        "",
    ]
    names = (
        args.notebooks
        if args.notebooks is not None
        else (["00"] if args.quick else None)
    )
    rows = notebook_times(names)
    lines += ["## 4. Notebooks, top to bottom (nbclient, fresh kernel each)", "",
              "| notebook | wall time, s (target ≤ 30 s) |", "|---|---|"]
    lines += [f"| {stem} | {t:.1f} |" for stem, t in rows]
    total = sum(t for _, t in rows)
    lines += [
        "",
        f"Total: {total:.1f} s for {len(rows)} notebook(s) (target ≤ 180 s for all "
        "eight); "
        "the kernel start is included.",
        "",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.quick and args.notebooks is None:
        (HERE / "results.md").write_text(text)


if __name__ == "__main__":
    sys.exit(main())
