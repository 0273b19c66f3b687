"""The shared checker core: text is not a number; tolerance messages say what is
allowed."""
import numpy as np
import pytest

from lrnn_utils.checks._core import (
    call_student,
    check_close,
    not_callable,
    student_output,
    unfinished,
)
def test_text_answers_are_rejected():
    for bad in ("0.5", b"0.5", np.array(["0.5"])):
        fb = check_close(
            bad, 0.5, exercise="Exercise 9", what="your number", quiet=True
        )
        assert not fb.passed and "not text" in fb.message
def test_tolerance_message_never_says_zero_percent():
    fb = check_close(
        1.0, 2.0, exercise="Exercise 9", what="x", rtol=0.0, atol=1e-3, quiet=True
    )
    assert not fb.passed and "0 %" not in fb.message and "0.001" in fb.message


def test_every_verdict_starts_with_its_marker():
    from lrnn_utils.checks._core import CORRECT, NOT_YET, _say

    assert _say(True, "Exercise 9: correct.", quiet=True).message.startswith(CORRECT)
    assert _say(False, "Exercise 9: not yet.", quiet=True).message.startswith(NOT_YET)
    assert _say(True, f"{CORRECT} Exercise 9", quiet=True).message.count(CORRECT) == 1


# -- the shared preamble of the checkers (unfinished stubs, values for functions) --------


def test_unfinished_names_the_exercise_and_what_is_missing():
    unfinished(3, 1.0, np.zeros(2))  # finished answers pass
    for stub in (..., None, (1.0, ...), np.array([1.0, ...], dtype=object)):
        with pytest.raises(NotImplementedError, match=r"Exercise 3: replace the `\.\.\.`"):
            unfinished(3, 1.0, stub)
    with pytest.raises(NotImplementedError, match="your function"):
        unfinished(2, ..., what="function")


def test_not_callable_says_to_pass_the_function():
    fb = not_callable(4, "ring_radius", quiet=True)
    assert not fb and "function itself" in fb.message
    assert "checks.exercise_4(ring_radius)" in fb.message


def test_student_output_stops_at_a_function_that_returns_a_stub():
    assert student_output(1, lambda a, b: a + b, "add(a, b)", 1, 2) == 3
    for stub in (lambda: ..., lambda: None, lambda: [1.0, ...]):
        with pytest.raises(NotImplementedError, match=r"Exercise 1: f\(\) still returns"):
            student_output(1, stub, "f()")


def test_call_student_reports_the_students_exception_and_protects_the_inputs():
    x = np.ones(3)

    def bad(a):
        a[:] = 0.0  # the checker's array must not change
        raise ZeroDivisionError("oops")

    out, fb = call_student(bad, (x,), exercise="Exercise 2", name="f", where="on x",
                           quiet=True)
    assert out is None and not fb and "ZeroDivisionError: oops" in fb.message
    assert np.all(x == 1.0)
    out, fb = call_student(lambda a: a.sum(), (x,), exercise="Exercise 2", name="f",
                           where="on x", quiet=True)
    assert out == 3.0 and fb is None
    with pytest.raises(NotImplementedError, match="Exercise 2: f still returns `...` or nothing"):
        call_student(lambda a: None, (x,), exercise="Exercise 2", name="f", where="",
                     quiet=True)
