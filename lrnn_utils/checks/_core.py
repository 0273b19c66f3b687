"""Shared machinery of the exercise checkers: compare, diagnose, give feedback."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

__all__ = ["Feedback", "check_close", "not_done"]


@dataclass(frozen=True)
class Feedback:
    """Outcome of a check: ``passed`` and the ``message`` shown to the student."""

    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def _repr_markdown_(self) -> str:  # nicer in Jupyter
        return self.message


def not_done(answer) -> bool:
    """True for an unfinished stub: ``...``, ``None`` or an array of ``...``."""
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, (list, tuple)):
        return any(a is Ellipsis for a in answer)
    return False


def check_close(
    answer,
    reference,
    *,
    exercise: str,
    what: str,
    rtol: float = 1e-2,
    atol: float = 1e-8,
    diagnoses: Sequence[tuple[Callable[[np.ndarray], np.ndarray], str]] = (),
    N: int | None = None,
    quiet: bool = False,
) -> Feedback:
    """Compare a numerical ``answer`` with the ``reference`` and explain a mismatch.

    Parameters
    ----------
    answer, reference : scalar or array_like
    exercise : str
        Label used in the messages, e.g. ``"Exercise 2"``.
    what : str
        What the answer is, in words ("the overlap nᵀm/N").
    rtol, atol : float
        Tolerance of ``numpy.allclose``.
    diagnoses : sequence of (transform, hint)
        Typical mistakes: if ``answer`` is close to ``transform(reference)`` the
        ``hint`` is shown. Common ones (sign, transposition, a factor ``N`` when
        ``N`` is given) are always tried.
    N : int, optional
        Network size, to recognise a forgotten or extra factor ``N``.
    quiet : bool
        Do not print (tests use this).

    Raises
    ------
    NotImplementedError
        If ``answer`` is still the ``...`` stub.
    """
    if not_done(answer):
        raise NotImplementedError(f"{exercise}: replace the `...` with your answer, then run the cell again")
    ref = np.asarray(reference, dtype=float)
    try:
        ans = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return _say(False, f"❌ {exercise}: {what} should be a number or an array of numbers, "
                           f"got {type(answer).__name__}.", quiet)
    common = [(lambda r: -r, "The sign is flipped: check the direction of the difference or of the vector.")]
    if ref.ndim == 2:
        common.append((lambda r: r.T, "The answer is the transpose of what is asked: check which axis is which (rows are neurons)."))
    if N is not None:
        common += [
            (lambda r: r * N, f"The answer is N = {N} times too large: did you forget to divide by N?"),
            (lambda r: r / N, f"The answer is N = {N} times too small: did you divide by N twice?"),
            (lambda r: r * np.sqrt(N), "The answer is √N times too large: check the 1/√N vs 1/N scaling."),
        ]
    if ans.shape != ref.shape:
        for transform, hint in list(diagnoses) + common:
            alt = np.asarray(transform(ref), dtype=float)
            if alt.shape == ans.shape and np.allclose(ans, alt, rtol=rtol, atol=atol):
                return _say(False, f"❌ {exercise}: {hint}", quiet)
        return _say(False, f"❌ {exercise}: {what} should have shape {ref.shape}, got {ans.shape}. "
                           "Check which axis you summed or averaged over.", quiet)
    if not np.all(np.isfinite(ans)):
        return _say(False, f"❌ {exercise}: {what} contains NaN or inf.", quiet)
    if np.allclose(ans, ref, rtol=rtol, atol=atol):
        return _say(True, f"✅ {exercise}: correct — {what} matches.", quiet)
    for transform, hint in list(diagnoses) + common:
        alt = np.asarray(transform(ref), dtype=float)
        if alt.shape == ans.shape and np.allclose(ans, alt, rtol=rtol, atol=atol):
            return _say(False, f"❌ {exercise}: {hint}", quiet)
    return _say(False, f"❌ {exercise}: {what} is not right yet (off by more than "
                       f"{100 * rtol:g} %). Re-read the equation in the cell above.", quiet)


def _say(passed: bool, message: str, quiet: bool) -> Feedback:
    if not quiet:
        print(message)
    return Feedback(passed, message)
