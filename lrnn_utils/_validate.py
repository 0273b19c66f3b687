"""Argument checks shared by the public functions of :mod:`lrnn_utils`.

Every public function validates at its boundary and raises a ``ValueError`` or
``TypeError`` that names the offending argument and says what was expected, so
that a student who passes a wrong shape learns which one, not a numpy traceback
from deep inside.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "check_rng",
    "check_int",
    "check_scalar",
    "check_array",
    "as_columns",
    "check_data",
    "check_callable",
]


def check_rng(rng, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a ``numpy.random.Generator``, else raise
    ``TypeError``."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator, e.g. "
            "np.random.default_rng(seed); "
            f"got {type(rng).__name__}"
        )
    return rng


def check_int(value, name: str, *, minimum: int | None = None) -> int:
    """Return ``value`` as ``int``; raise if it is not an integer or is below
    ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def check_scalar(
    value,
    name: str,
    *,
    minimum: float | None = None,
    strictly_positive: bool = False,
) -> float:
    """Return ``value`` as a finite ``float``; raise if it is not one or is out of
    range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        if isinstance(value, np.ndarray) and value.ndim == 0 and np.isrealobj(value):
            value = value.item()
        else:
            raise TypeError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if strictly_positive and value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def check_array(
    value,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    shape: tuple[int | None, ...] | None = None,
) -> np.ndarray:
    """Return ``value`` as a finite float64 array with the expected ``ndim``/``shape``.

    ``shape`` entries that are ``None`` are free.
    """
    arr = check_data(value, name, ndim=ndim)
    if shape is not None:
        ok = arr.ndim == len(shape) and all(
            s is None or s == a for s, a in zip(shape, arr.shape)
        )
        if not ok:
            pretty = "(" + ", ".join("?" if s is None else str(s) for s in shape) + ")"
            raise ValueError(f"{name} must have shape {pretty}, got {arr.shape}")
    return arr


def as_columns(value, name: str, n_rows: int | None = None) -> np.ndarray:
    """Return a vector ``(N,)`` or stack of vectors ``(N, R)`` as a 2-D ``(N, R)``
    array."""
    arr = check_array(value, name, ndim=(1, 2))
    if arr.ndim == 1:
        arr = arr[:, None]
    if n_rows is not None and arr.shape[0] != n_rows:
        raise ValueError(
            f"{name} must have {n_rows} rows (one per neuron), got shape {arr.shape}"
        )
    return arr


def check_data(value, name: str, *, ndim=None, allow_complex: bool = False,
               allow_nan: bool = False) -> np.ndarray:
    """Return data to plot or analyse as a float64 (or complex128) array.

    Like :func:`check_array`, but complex values may be allowed (eigenvalues) and
    NaN may be allowed where it means "absent" (gaps in a curve); ``inf`` never is.
    """
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - exotic objects
        raise TypeError(
            f"{name} must be array-like, got {type(value).__name__}"
        ) from exc
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        if not allow_complex:
            raise TypeError(f"{name} must be real, got a complex array")
        arr = arr.astype(np.complex128, copy=False)
    else:
        arr = arr.astype(np.float64, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if arr.ndim not in allowed:
            expected = " or ".join(str(d) for d in allowed)
            raise ValueError(
                f"{name} must be {expected}-dimensional, got shape {arr.shape}"
            )
    bad = np.isinf(arr) if allow_nan else ~np.isfinite(arr)
    if np.any(bad):
        what = "inf" if allow_nan else "non-finite values (NaN or inf)"
        raise ValueError(f"{name} contains {what}")
    return arr


def check_callable(value, name: str):
    """Return ``value`` if it is callable, else raise ``TypeError``."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")
    return value
