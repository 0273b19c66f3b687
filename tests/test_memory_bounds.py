"""Memory and time of the mean-field calls are bounded (issue 16, "Done when").

Each call runs in a fresh subprocess whose address space is limited, with
``resource.setrlimit(RLIMIT_AS)``, to **1 GiB above what the process maps right
after ``import lrnn_utils``** (numpy, scipy and OpenBLAS reserve a few hundred MB
of virtual memory at import; the child reads its own ``VmSize`` after the import
and sets the limit from it, so the baseline is measured, not guessed). The call
must answer within 10 s with a result, ``converged=False`` or a clear error
(``ValueError``/``TypeError``/``FloatingPointError``); ``MemoryError`` or a
timeout fails. Before the bounded quadrature these calls asked for 2.9–536 GiB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="RLIMIT_AS and /proc are Linux-specific")

TIME_LIMIT = 10.0  # seconds per call (issue 16)

CHILD = textwrap.dedent("""
    import json, resource, sys, time, warnings
    import lrnn_utils
    from lrnn_utils import RankOne

    def vm_kib():
        for line in open("/proc/self/status"):
            if line.startswith("VmSize:"):
                return int(line.split()[1])

    base = vm_kib() * 1024
    limit = base + 2**30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    call = sys.argv[1]
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    try:
        out = eval(call, {"RankOne": RankOne, "np": __import__("numpy")})
        sols = out if isinstance(out, list) else [out]
        outcome = {"kind": "result", "converged": [bool(s.converged) for s in sols]}
    except (ValueError, TypeError, FloatingPointError) as exc:
        outcome = {"kind": "error", "error": type(exc).__name__,
                   "message": str(exc)[:200]}
    except MemoryError:
        outcome = {"kind": "memory"}
    outcome["seconds"] = time.perf_counter() - t0
    outcome["baseline_MiB"] = base / 2**20
    print(json.dumps(outcome))
""")


def _random_small_g_points(n=3, seed=16):
    rng = np.random.default_rng(seed)
    calls = []
    for _ in range(n):
        g = 0.004 * (1 + 0.1 * rng.standard_normal())
        args = dict(m_mean=rng.normal(0, 10), n_mean=rng.normal(0, 10),
                    m_var=10 ** rng.uniform(-2, 4), n_var=10 ** rng.uniform(-2, 4),
                    input_mean=rng.normal(0, 100))
        kw = ", ".join(f"{k}={v!r}" for k, v in args.items())
        calls.append(f"RankOne({g!r}, {kw}).solve()")
    return calls


CALLS = [
    'RankOne(3.0, m_mean=1.0, n_mean=50.0).solve("chaotic")',
    "RankOne(3.0, m_mean=1.0, n_mean=50.0, input_mean=1e6).solve()",
    'RankOne(3.0, m_mean=1.0, n_mean=50.0, input_mean=1e6).solve("chaotic")',
    "RankOne(2.0, m_mean=1.0, n_mean=2.0, m_var=1e4, n_var=1e4).solve()",
    'RankOne(2.0, m_mean=1.0, n_mean=2.0, m_var=1e4, n_var=1e4).solve("chaotic")',
    "RankOne(2.0, m_mean=1.0, n_mean=2.0).solve(kappa0=1e9)",
    'RankOne(2.0, m_mean=1.0, n_mean=2.0).solve("chaotic", kappa0=1e9)',
    "RankOne(1.0, m_var=1.0, n_var=1e8, mn_cov=9e3).solutions()",
    *_random_small_g_points(),
]


def run_bounded(call: str, timeout: float = TIME_LIMIT) -> dict:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               MKL_NUM_THREADS="1")
    # the timeout covers the call; the interpreter start and imports get 20 s more
    proc = subprocess.run([sys.executable, "-c", CHILD, call], capture_output=True,
                          text=True, timeout=timeout + 20.0, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("call", CALLS)
def test_mean_field_call_is_bounded_in_memory_and_time(call):
    out = run_bounded(call)
    assert out["kind"] != "memory", f"MemoryError under a 1 GiB limit: {call}"
    assert out["seconds"] < TIME_LIMIT, f"{call} took {out['seconds']:.1f} s"
    assert out["kind"] in ("result", "error"), out


def test_the_limit_is_effective():
    """The child really cannot allocate 2 GiB (the test could otherwise not fail)."""
    out = run_bounded("np.ones(2**28)")  # 2 GiB of float64
    assert out["kind"] == "memory"
