"""The shared checker core: text is not a number; tolerance messages say what is
allowed."""
import numpy as np
from lrnn_utils.checks._core import check_close
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
