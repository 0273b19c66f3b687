"""Shared machinery of the exercise checkers: compare, diagnose, give feedback.

A notebook's checker module (``lrnn_utils/checks/nbNN.py``) computes the reference
answer and calls :func:`check_close`, which prints one line of plain-language feedback
and returns a :class:`Feedback` (truthy when the answer is right). A stub that still
contains ``...`` makes the checker raise ``NotImplementedError``, which is what an
unfinished exercise shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

__all__ = [
    "Feedback", "check_close", "not_done", "unfinished", "not_callable",
    "student_output", "call_student", "CORRECT", "NOT_YET",
]

CORRECT = "[correct]"
"""How a right answer's message starts: plain text that every font can draw."""

NOT_YET = "[not yet]"
"""How a wrong answer's message starts."""

# the checker modules (nbNN.py) may still start their messages with these emoji; they
# draw as empty boxes without an emoji font, so _say replaces them by the plain-text
# markers
_EMOJI = {"\u2705": CORRECT, "\u274c": NOT_YET}


@dataclass(frozen=True)
class Feedback:
    """Outcome of a check.

    Attributes
    ----------
    passed : bool
        Whether the answer is right; ``bool(feedback)`` is the same.
    message : str
        What the student is told.
    printed : bool
        The message was already printed when the check ran; Jupyter then does not show
        it a second time when the checker call is the last line of a cell.
    """

    passed: bool
    message: str
    printed: bool = field(default=False, compare=False)

    def __bool__(self) -> bool:
        return self.passed

    def _repr_markdown_(self) -> str:
        return self.message

    # called by IPython's display hook instead of reprs
    def _ipython_display_(self) -> None:
        if self.printed:
            return
        from IPython.display import Markdown, display

        display(Markdown(self.message))


def not_done(answer) -> bool:
    """True for an unfinished stub.

    That is ``...`` or ``None`` itself, or a list, tuple, dict (values) or object array
    that contains ``...`` anywhere inside, e.g. ``(..., ...)`` or
    ``np.array([1.0, ...])``.
    """
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, dict):
        return any(_not_done_item(v) for v in answer.values())
    if isinstance(answer, (list, tuple)):
        return any(_not_done_item(a) for a in answer)
    if isinstance(answer, np.ndarray) and answer.dtype == object:
        return any(_not_done_item(a) for a in answer.ravel())
    return False


def _not_done_item(item) -> bool:
    """Like :func:`not_done` for an element of a container: only ``...`` counts (not
    ``None``)."""
    if item is Ellipsis:
        return True
    if isinstance(item, (list, tuple, dict)) or (
        isinstance(item, np.ndarray) and item.dtype == object
    ):
        return not_done(item)
    return False


def _as_numbers(x) -> np.ndarray:
    """``x`` as a float array, or complex if it has a non-zero imaginary part."""
    arr = np.asarray(x)
    if arr.dtype == object:
        arr = np.asarray(arr.tolist())
    if np.iscomplexobj(arr):
        return arr.astype(complex)
    return arr.astype(float)


def _close(a: np.ndarray, b: np.ndarray, rtol: float, atol: float) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


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
        Real or complex. A size-1 array is accepted for a scalar reference.
    exercise : str
        Label used in the messages, e.g. ``"Exercise 2"``.
    what : str
        What the answer is, in words ("the overlap nᵀm/N").
    rtol, atol : float
        Tolerance of ``numpy.allclose(answer, reference)``.
    diagnoses : sequence of (transform, hint)
        Typical mistakes of this exercise: if ``answer`` is close to
        ``transform(reference)`` the ``hint`` is shown. They are tried first, then the
        common ones: a flipped sign, a transposed matrix, a factor ``N`` or ``√N`` (when
        ``N`` is given), the right numbers in the wrong shape, and (for arrays) a
        constant factor.
    N : int, optional
        Network size, to recognise a forgotten or extra factor ``N`` (or ``√N``).
    quiet : bool
        Do not print (tests use this).

    Returns
    -------
    Feedback
        ``passed`` and the ``message``, which never contains the reference values.

    Raises
    ------
    NotImplementedError
        If ``answer`` is still the ``...`` stub (or ``None``, or contains ``...``).
    """
    if not_done(answer):
        if answer is None:
            raise NotImplementedError(
                f"{exercise}: the answer is None. Replace the `...` with your answer "
                "(if you wrote a "
                "function, does it `return` its result?), then run the cell again"
            )
        raise NotImplementedError(
            f"{exercise}: replace the `...` with your answer, then run the cell again"
        )
    ref = _as_numbers(reference)
    if isinstance(answer, (str, bytes)) or (
            isinstance(answer, np.ndarray) and answer.dtype.kind in "SUO"
            and any(isinstance(a, (str, bytes)) for a in answer.ravel())):
        return _say(
            False,
            f"{NOT_YET} {exercise}: {what} should be a number or an array of numbers, "
            f"not text ({answer!r:.40}).",
            quiet,
        )
    try:
        ans = _as_numbers(answer)
    except (TypeError, ValueError):
        return _say(False, f"{NOT_YET} {exercise}: {what} should be a number or an "
                           f"array of numbers, got {type(answer).__name__}.", quiet)
    if ref.ndim == 0 and ans.size == 1 and ans.ndim > 0:
        ans = ans.reshape(())

    common: list[tuple[Callable[[np.ndarray], np.ndarray], str]] = [
        (
            lambda r: -r,
            "The sign is flipped: check the direction of the difference or of the "
            "vector.",
        ),
    ]
    if ref.ndim == 2:
        common.append(
            (
                lambda r: r.T,
                "The answer is the transpose of what is asked: check which axis "
                "is which (rows are neurons).",
            )
        )
        if np.iscomplexobj(ref):
            common.append(
                (
                    lambda r: r.conj().T,
                    "The answer is the conjugate transpose of what is asked: "
                    "use .T, not .conj().T (or .H).",
                )
            )
    if N is not None:
        common += [
            (
                lambda r: r * N,
                f"The answer is N = {N} times too large: did you forget to divide by "
                "N?",
            ),
            (
                lambda r: r / N,
                f"The answer is N = {N} times too small: did you divide by N twice?",
            ),
            (
                lambda r: r * np.sqrt(N),
                "The answer is √N times too large: check the 1/√N vs 1/N scaling.",
            ),
            (
                lambda r: r / np.sqrt(N),
                "The answer is √N times too small: check the 1/√N vs 1/N scaling.",
            ),
            (
                lambda r: -r * N,
                f"The sign is flipped and the answer is N = {N} times too large: "
                "check the sign, and did you forget to divide by N?",
            ),
        ]

    def diagnose() -> str | None:
        for transform, hint in list(diagnoses) + common:
            try:
                alt = _as_numbers(transform(ref))
            except Exception:  # noqa: BLE001 - a diagnosis that does not apply
                continue
            if _close(ans, alt, rtol, atol):
                return hint
        return None

    if not np.all(np.isfinite(ans)):
        return _say(False, f"{NOT_YET} {exercise}: {what} contains NaN or inf.", quiet)
    if ans.shape != ref.shape:
        hint = diagnose()
        if hint is not None:
            return _say(False, f"{NOT_YET} {exercise}: {hint}", quiet)
        if ans.size == ref.size and np.allclose(
            ans.reshape(ref.shape), ref, rtol=rtol, atol=atol
        ):
            return _say(
                False,
                f"{NOT_YET} {exercise}: the numbers are right but {what} should have "
                "shape "
                f"{ref.shape}, not {ans.shape}: reshape it (e.g. .ravel() or [:, "
                "None]).",
                quiet,
            )
        return _say(
            False,
            f"{NOT_YET} {exercise}: {what} should have shape {ref.shape}, got "
            f"{ans.shape}. "
            "Check which axis you summed or averaged over.",
            quiet,
        )
    if np.allclose(ans, ref, rtol=rtol, atol=atol):
        return _say(True, f"{CORRECT} {exercise}: correct — {what} matches.", quiet)
    hint = diagnose()
    if hint is not None:
        return _say(False, f"{NOT_YET} {exercise}: {hint}", quiet)
    factor = _constant_factor(ans, ref, rtol)
    if factor is not None:
        return _say(
            False,
            f"{NOT_YET} {exercise}: {what} is proportional to the right answer but "
            f"{factor:.3g} times it: check the normalisation (a factor 1/N, 1/√N, 2, "
            "g?).",
            quiet,
        )
    detail = ""
    if ref.size > 1:
        wrong = int(np.sum(~np.isclose(ans, ref, rtol=rtol, atol=atol)))
        detail = f" {wrong} of {ref.size} entries differ."
    allowed = f"{100 * rtol:g} %" if rtol > 0 else f"{atol:g}"
    return _say(
        False,
        f"{NOT_YET} {exercise}: {what} is not right yet (off by more than "
        f"{allowed}).{detail} Re-read the equation in the cell above.",
        quiet,
    )


def _constant_factor(ans: np.ndarray, ref: np.ndarray, rtol: float) -> float | None:
    """The real factor ``c`` with ``ans ≈ c ref`` for arrays with >= 2 non-zero entries,
    else None."""
    if ref.size < 2 or np.iscomplexobj(ans) or np.iscomplexobj(ref):
        return None
    nz = np.abs(ref) > 1e-12 * np.max(np.abs(ref), initial=0.0)
    if nz.sum() < 2:
        return None
    c = float(np.dot(ans[nz], ref[nz]) / np.dot(ref[nz], ref[nz]))
    if (
        not np.isfinite(c)
        or c == 0
        or abs(c - 1) <= rtol
        or not np.allclose(ans, c * ref, rtol=rtol, atol=1e-12)
    ):
        return None
    return c


def _say(passed: bool, message: str, quiet: bool) -> Feedback:
    """Print ``message`` (unless ``quiet``) and return it as a :class:`Feedback`.

    Used by the ``nbNN`` checker modules for answers ``check_close`` cannot judge; keep
    this signature stable.
    """
    message = _plain_marker(message)
    # every verdict starts with its plain-text marker, whoever wrote the message
    marker = CORRECT if passed else NOT_YET
    if not message.startswith((CORRECT, NOT_YET)):
        message = f"{marker} {message}"
    if not quiet:
        print(message)
    return Feedback(passed, message, printed=not quiet)


def _plain_marker(message: str) -> str:
    """``message`` with a leading ✅/❌ replaced by :data:`CORRECT`/:data:`NOT_YET`."""
    for emoji, text in _EMOJI.items():
        if message.startswith(emoji):
            return text + message[len(emoji):]
    return message


# -- the preamble of every checker: unfinished stubs, functions passed as values -------


def _label(exercise: int | str) -> str:
    """``3`` or ``"Exercise 3"`` -> ``"Exercise 3"`` (check_close takes the label)."""
    return exercise if isinstance(exercise, str) else f"Exercise {exercise}"


def unfinished(exercise: int | str, *answers, what: str = "answer") -> None:
    """Raise ``NotImplementedError`` if any of ``answers`` is still a stub
    (:func:`not_done`): what an unfinished exercise cell shows."""
    if any(not_done(a) for a in answers):
        raise NotImplementedError(
            f"{_label(exercise)}: replace the `...` with your {what}, then run the "
            "cell again")


def not_callable(exercise: int | str, name: str, quiet: bool) -> Feedback:
    """The feedback for a value passed where the checker wants the function ``name``."""
    label = _label(exercise)
    return _say(False, f"{label}: pass your function itself, e.g. "
                       f"checks.exercise_{label.split()[-1]}({name}), not a value it "
                       "returned: the checker calls it on inputs of its own.", quiet)


def _returned(exercise: int | str, name: str, out):
    """``out``, or ``NotImplementedError`` if the student's function gave no answer."""
    if out is None or not_done(out):
        raise NotImplementedError(
            f"{_label(exercise)}: {name} still returns `...` or nothing: finish it, "
            "then run the cell again")
    return out


def student_output(exercise: int | str, func, name: str, *args):
    """``func(*args)``; ``NotImplementedError`` if it still returns ``...`` or nothing
    (``name`` says which call, e.g. ``"ring_radius(a, m_var)"``)."""
    return _returned(exercise, name, func(*args))


def call_student(
    func, args: tuple, *, exercise: int | str, name: str, where: str, quiet: bool
):
    """Call the student's ``func(*args)``: ``(output, None)`` or ``(None, Feedback)``.

    A stub (``...`` instead of a function, or a function returning ``None``/``...``)
    raises ``NotImplementedError``; an exception inside the student's code becomes a
    failed :class:`Feedback` that quotes it (``where`` says on which input); the
    arrays in ``args`` are passed as copies, so the student cannot change them.
    """
    unfinished(exercise, func, what="function")
    if not callable(func):
        return None, not_callable(exercise, name, quiet)
    try:
        out = func(*(a.copy() if isinstance(a, np.ndarray) else a for a in args))
    except Exception as err:  # noqa: BLE001 - the student's code raised: report, not crash
        return None, _say(
            False,
            f"{_label(exercise)}: calling {name} {where} raised "
            f"{type(err).__name__}: {err}",
            quiet,
        )
    return _returned(exercise, name, out), None
