"""Grading tests of notebook 07 (context). See :mod:`tools.coursework.grading`."""

from . import Mistake, Test

TESTS = {
    1: Test(
        visible="float(u_threshold)",
        hidden='''
# latent theory of the paper's network, 100-τ protocol: threshold 0.7334 (the bracket of
# the reference is 1/512 wide; a student's search may land anywhere within 2 %)
assert abs(float(u_threshold) / 0.7333984375 - 1) < 0.02, "u_threshold"
''',
        mistakes=(
            # (starting from rest instead of No-Go is explained by the checker, but
            # at this protocol it gives the same threshold: not a grading mistake)
            Mistake("formula", "0.5 * (lo + hi)", "hi - lo", "the bracket width"),
            # (a flipped "> 0" is no mistake: the bracket then closes from above)
            Mistake("transpose", "amp_A=amplitudes, amp_B=0 * amplitudes",
                    "amp_A=0 * amplitudes, amp_B=amplitudes", "stimulus B"),
            Mistake("other-parameters", 'ctx="A"', 'ctx="B"'),
        ),
    ),
    2: Test(
        visible="assert callable(cue_gains), 'define cue_gains(gamma, delta, cue_var)'",
        hidden='''
for _args, _ref in (((2.0, 0.5, 1.0), (0.139188800377, 0.346954144724)),
                    ((1.0, 2.0, 0.5), (0.399368190302, 0.441178569709)),
                    ((0.5, 0.2, 3.0), (0.726031511796, 0.615015500634))):
    _t, _v = (float(x) for x in cue_gains(*_args))
    assert abs(_t / _ref[0] - 1) < 1e-6, f"gain_tonic at {_args}"
    assert abs(_v / _ref[1] - 1) < 1e-6, f"gain_variance at {_args}"
''',
        mistakes=(
            Mistake("formula", "delta + gamma**2 * cue_var", "delta + gamma * cue_var"),
            Mistake("formula", "gauss_avg(dphi, gamma, delta)",
                    "gauss_avg(dphi, 0.0, delta)"),
        ),
    ),
    3: Test(
        visible="assert callable(effective_input_overlap), "
                "'define effective_input_overlap(model, u)'",
        hidden='''
import numpy as _np
from lrnn_utils.models import context_task_model as _task
_m1 = _task()
_m2 = _task(input_overlap=1.2, overlap=0.7, cue="variance", cue_var=1.5)
for _mod, _u, _ref in (
        (_m1, [0.2, 0.0, 0.0, 1.5], [0.191154750222, 0.962882412789]),
        (_m2, [0.0, 0.5, 0.8, 0.0], [0.495890313941, 0.34255281224])):
    _got = _np.asarray(effective_input_overlap(_mod, _np.array(_u)), dtype=float)
    assert _got.shape == (2, 4), f"shape {_got.shape}, not (R, K) = (2, 4)"
    _want = _np.zeros((2, 4))
    _want[0, 0], _want[1, 1] = _ref
    assert _np.allclose(_got, _want, rtol=1e-6, atol=1e-12), "effective_input_overlap"
''',
        mistakes=(
            Mistake("1/N", "model.fractions * G", "G"),
            Mistake("transpose", "model.n_input_cov)", "model.m_input_cov)"),
            Mistake("axis", '"p,prk->rk"', '"p,prk->kr"'),
        ),
    ),
    4: Test(
        visible="assert callable(slope_at_rest), "
                "'define slope_at_rest(G1, G2, rho, s, beta)'",
        hidden='''
for _args, _ref in (((0.9, 0.2, 1.0, 2.0, 1.0), 0.9),
                    ((0.5, 0.8, 0.6, 1.4, 1.5), 0.401470588235)):
    assert abs(float(slope_at_rest(*_args)) / _ref - 1) < 1e-6, f"slope_at_rest{_args}"
''',
        mistakes=(
            Mistake("formula", " / (1 - 0.5 * G1 * rho)", ""),
            Mistake("formula", "0.5 * (G1 + G2)", "0.5 * G1"),
        ),
    ),
}
