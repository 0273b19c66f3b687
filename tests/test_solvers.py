"""The package's small-system numerics (lrnn_utils._newton) and the static variance."""

import numpy as np
import pytest
from scipy.optimize import root

from lrnn_utils._newton import MAX_RK4_DT, fd_jacobian, newton, rk4
from lrnn_utils.gaussian import gauss_avg, phi
from lrnn_utils.meanfield import static_variance


def _rosen(x):
    return np.array([10 * (x[1] - x[0] ** 2), 1 - x[0]])


def test_newton_solves_a_nonlinear_system_and_reports_failure():
    res = newton(_rosen, [-1.2, 1.0])
    assert res.converged and np.allclose(res.x, [1.0, 1.0], atol=1e-10)
    bad = newton(lambda x: np.array([x[0] ** 2 + 1.0]), [0.3])  # no real root
    assert not bad.converged and bad.residual >= 1.0


def test_newton_batched_rows_are_independent():
    targets = np.array([0.5, 2.0, 4.0])

    def fun(x):  # x² = target, row by row
        return x**2 - targets[:, None]

    res = newton(fun, np.ones((3, 1)))
    assert np.all(res.converged)
    assert np.allclose(res.x[:, 0], np.sqrt(targets), atol=1e-12)


def test_fd_jacobian_forward_central_and_domain():
    def f(x):
        return np.stack([np.sin(x[..., 0]) * x[..., 1], x[..., 1] ** 3], axis=-1)

    x = np.array([0.3, 1.2])
    exact = np.array([[np.cos(0.3) * 1.2, np.sin(0.3)], [0.0, 3 * 1.44]])
    assert np.allclose(fd_jacobian(f, x), exact, atol=1e-6)
    assert np.allclose(fd_jacobian(f, x, central=True, rel_step=1e-5), exact, atol=1e-9)
    batch = np.stack([x, x])
    assert np.allclose(
        fd_jacobian(f, batch, central=True, rel_step=1e-5), exact, atol=1e-9
    )
    # at a domain corner (x_1 = 0, only x_1 >= 0 valid) the step goes forward
    J = fd_jacobian(
        lambda v: np.sqrt(v), np.array([1.0, 0.0]), valid=lambda v: v[1] >= 0
    )
    assert np.isfinite(J).all()


def test_rk4_is_fourth_order_and_bounded():
    def rhs(t, y):
        return -y + np.sin(t)

    exact = lambda t: 0.5 * (np.sin(t) - np.cos(t)) + 1.5 * np.exp(-t)  # noqa: E731
    errs = [
        abs(rk4(rhs, np.array([1.0]), 5.0, dt)[1][-1, 0] - exact(5.0))
        for dt in (0.2, 0.1)
    ]
    assert 12 < errs[0] / errs[1] < 20  # 2⁴ = 16
    with pytest.raises(ValueError, match="dt"):
        rk4(rhs, np.array([1.0]), 5.0, MAX_RK4_DT * 2)
    with pytest.raises(FloatingPointError, match="diverged"):
        rk4(lambda t, y: y * y, np.array([1.0]), 5.0, 0.01)


def test_static_variance_flag_and_exact_zero_root():
    top = static_variance(1.5, 0.0, 0.0, check=True)
    assert top.converged and top.residual < 1e-10
    # an independent check of the equation Δ = g²[φ²](0, Δ), on a finer grid
    assert abs(1.5**2 * gauss_avg(lambda x: phi(x) ** 2, 0.0, top.delta, order=4001)
               - top.delta) < 1e-11
    one_step = static_variance(1.5, 0.0, 0.0, max_iter=1, check=True)
    assert not one_step.converged
    # g = 1 without structure: the double root Δ = 0, exactly
    assert static_variance(1.0, 0.0, 0.0, check=True).delta == 0.0
    with pytest.raises(ValueError, match="finite"):
        static_variance(1.0, np.nan, 0.0)


def test_newton_vs_scipy_hybr_on_the_stationary_system():
    """Both solve the rank-one stationary system to the same point (timings are in the
    docstring of lrnn_utils._newton)."""
    from lrnn_utils.meanfield import _stationary_jacobian, _stationary_residual
    from lrnn_utils.models import PAPER_SPONTANEOUS

    p = PAPER_SPONTANEOUS.with_(g=0.5)
    fun, jac = _stationary_residual(p), _stationary_jacobian(p)
    x0 = np.array([1.0, 1.0])
    ours = newton(fun, x0, jacobian=jac, tol=1e-12)
    theirs = root(fun, x0, method="hybr", jac=jac, tol=1e-14)
    assert ours.converged and theirs.success
    assert np.allclose(ours.x, theirs.x, atol=1e-10)
