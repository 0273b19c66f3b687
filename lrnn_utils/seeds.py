"""The notebooks' base seed: fixed for reading, variable for robustness tests.

Every notebook cell that draws random numbers makes its own generator from the
notebook's base seed and a cell number,

>>> rng = np.random.default_rng([SEED, 3])     # doctest: +SKIP

so re-running one cell reproduces it, and cells are independent streams. The base
seed is 0 unless the environment variable ``LRNN_SEED`` is set: the slow test
suite re-runs every notebook with 20 base seeds and checks that no ``assert``
fails, so a notebook's tolerances hold for typical networks, not one lucky draw.
"""

from __future__ import annotations

import os

__all__ = ["base_seed"]


def base_seed(default: int = 0) -> int:
    """The base seed: ``int(LRNN_SEED)`` if that is set, else ``default``.

    Raises
    ------
    ValueError
        If ``LRNN_SEED`` is set but is not a non-negative integer.
    """
    raw = os.environ.get("LRNN_SEED", "").strip()
    if not raw:
        return int(default)
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(
            f"LRNN_SEED must be a non-negative integer, got {raw!r}"
        ) from None
    if value < 0:
        raise ValueError(f"LRNN_SEED must be a non-negative integer, got {value}")
    return value
