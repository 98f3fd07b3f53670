"""Predictor–corrector tracing of the logit QRE principal branch (private kernel of ``gt.qre``).

The branch is the curve ``H(y, lam) = 0`` (see :mod:`._qre_system`) through uniform play at
``lam = 0``.  It is followed by arclength, not by ``lam``, so that it may turn back in ``lam``
(it does in some games) without the tracer losing it: an Euler predictor along the unit tangent
(the null vector of the Jacobian, oriented to continue the previous one), then Newton's method on
``H = 0`` restricted to the hyperplane orthogonal to the tangent through the prediction
(Allgower & Georg 1990, ch. 2–6; Turocy 2005 for the QRE system in log-probabilities, the method
of Gambit's ``logit_solve``).  Step control: a step is rejected and halved when the corrector's
first correction is large, when it contracts slowly, or when the tangent turns sharply; after an
easy step the step lengthens by ``ACCEL``.  In the log-probability variables the branch becomes a
straight line as ``lam`` grows (a vanishing action's log-probability falls linearly in ``lam``),
so the steps lengthen geometrically and ``lam`` of 1e6 and more is reached in a few hundred steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from .._budget import Budget
from ._qre_system import AgentSystem, evaluate

__all__ = ["PathError", "Point", "land", "solve_at", "trace"]

FIRST_STEP = 0.03
ACCEL = 2.0
MIN_STEP = 1e-12
MAX_STEPS = 20_000
NEWTON_ITERATIONS = 8
CORRECTOR_TOL = 1e-11


class PathError(RuntimeError):
    """The tracer lost the branch (turned into a clear GameError by the caller)."""


@dataclass(frozen=True, eq=False)
class Point:
    """An accepted point of the branch: ``y`` and ``lam``, with the tangent there."""

    y: np.ndarray
    lam: float
    tangent: np.ndarray
    step: int
    crossed: bool = False


def _tangent(jac: np.ndarray, previous: np.ndarray) -> tuple[np.ndarray, float]:
    """The unit tangent ``t`` (``jac @ t = 0``, oriented so that ``t . previous > 0``) and the
    sign of ``det [jac; t]``.

    The sign is constant along a regular stretch of the branch with the tangent oriented by
    continuity; it flips where the branch crosses another curve of solutions (a simple
    bifurcation point; Allgower & Georg 1990, §8.1).  ``det [jac; previous]`` has the same sign
    (``previous`` differs from ``t`` by rows of ``jac`` and a positive multiple of ``t``), so one
    factorisation gives both."""
    from scipy.linalg import lu_factor, lu_solve  # here: importing gametheory stays light

    size = jac.shape[0]
    aug = np.vstack([jac, previous])
    lu, piv = lu_factor(aug, check_finite=False)
    rhs = np.zeros(size + 1)
    rhs[-1] = 1.0
    t = lu_solve((lu, piv), rhs, check_finite=False)
    t /= np.linalg.norm(t)
    swaps = int(np.count_nonzero(piv != np.arange(size + 1)))
    sign = float(np.prod(np.sign(np.diag(lu)))) * (-1.0) ** swaps
    return (t, sign) if float(t @ previous) > 0 else (-t, sign)


def _scale(x: np.ndarray) -> float:
    return 1.0 + float(np.max(np.abs(x)))


def trace(system: AgentSystem, clock: Budget) -> Iterator[Point]:
    """Accepted points along the principal branch from ``lam = 0``, for as long as the caller
    iterates (it stops when it has what it needs).  ``lam`` is the system's: the caller's times
    the payoff range.

    Raises
    ------
    PathError
        When the step shrinks below ``MIN_STEP`` or ``MAX_STEPS`` steps are taken.
    """
    size = system.size
    unit = system.payoff_range()  # messages give the caller's lambda
    x = np.concatenate([system.start(), [0.0]])
    e_lam = np.zeros(size + 1)
    e_lam[-1] = 1.0
    tangent, sign = _tangent(evaluate(system, x[:-1], 0.0).jacobian, e_lam)
    yield Point(x[:-1].copy(), 0.0, tangent, 0)
    h = FIRST_STEP
    for step in range(1, MAX_STEPS + 1):
        clock.check(f"QRE branch traced to lambda = {x[-1] / unit:.6g}; steps", step - 1)
        while True:
            if h < MIN_STEP * _scale(x):
                raise PathError(
                    f"the step length fell below {MIN_STEP:g} at lambda = {x[-1] / unit:.6g} (the "
                    "branch may bifurcate there: the game is degenerate on the path)"
                )
            accepted = _correct(system, x + h * tangent, tangent, h)
            if accepted is None:
                h /= 2
                continue
            new_x, iterations, jac = accepted  # jac: at the corrector's last iterate
            new_tangent, new_sign = _tangent(jac, tangent)
            cos = float(new_tangent @ tangent)
            if cos < 0.9:
                h /= 2
                continue
            break
        x, tangent = new_x, new_tangent
        crossed = new_sign * sign < 0
        sign = new_sign
        yield Point(x[:-1].copy(), float(x[-1]), tangent, step, crossed)
        if iterations <= 3 and cos > 0.99:
            h *= ACCEL
        elif iterations >= 6:
            h *= 0.7
    raise PathError(f"no end after {MAX_STEPS:,} steps (lambda = {x[-1] / unit:.6g})")


def _correct(
    system: AgentSystem, predicted: np.ndarray, tangent: np.ndarray, h: float
) -> tuple[np.ndarray, int, np.ndarray] | None:
    """Newton's method on ``H = 0`` in the hyperplane through ``predicted`` orthogonal to the
    tangent: the point, the iterations and the Jacobian at the last iterate (a correction of
    at most ``CORRECTOR_TOL`` away); None when it fails the step-control tests."""
    x = predicted.copy()
    previous = np.inf
    for iteration in range(1, NEWTON_ITERATIONS + 1):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            ev = evaluate(system, x[:-1], float(x[-1]))
        if not np.isfinite(ev.jacobian.sum() + ev.residual.sum()):
            return None
        aug = np.vstack([ev.jacobian, tangent])
        rhs = -np.concatenate([ev.residual, [float(tangent @ (x - predicted))]])
        try:
            dx = np.linalg.solve(aug, rhs)
        except np.linalg.LinAlgError:
            return None
        norm = float(np.linalg.norm(dx))
        if iteration == 1 and norm > 0.5 * h + 1e-9:
            return None
        if iteration > 1 and norm > 0.5 * previous:
            return None
        x = x + dx
        if x[-1] < 0:  # the branch never leaves lam >= 0
            return None
        if norm <= CORRECTOR_TOL * _scale(x):
            return x, iteration, ev.jacobian
        previous = norm
    return None


def solve_at(
    system: AgentSystem, y0: np.ndarray, lam: float, stop: Callable[[np.ndarray], bool]
) -> np.ndarray | None:
    """Newton's method on ``H(y, lam) = 0`` with ``lam`` fixed, from ``y0`` (a point of the
    branch next to ``lam``); None if it does not converge.  ``stop(y)`` says when ``y`` is
    accurate enough (the caller's certificate)."""
    y = y0.copy()
    for _ in range(50):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            ev = evaluate(system, y, lam)
        try:
            dy = np.linalg.solve(ev.jacobian[:, :-1], -ev.residual)
        except np.linalg.LinAlgError:
            return None
        y = y + dy
        if not np.all(np.isfinite(y)):
            return None
        if float(np.max(np.abs(dy))) <= 1e-14 * _scale(y) or stop(y):
            return y if stop(y) else None
    return y if stop(y) else None


def land(system: AgentSystem, before: Point, after: Point, target: float) -> np.ndarray:
    """The first point of the branch at ``lam = target`` on the arc from ``before`` to ``after``
    (accepted consecutive points, ``before.lam < target <= after.lam``).

    Points of the arc are parametrised by ``s``, their offset from ``before`` along its
    tangent, and found by Newton's method in the hyperplane ``tangent . (x - before) = s``,
    which stays well conditioned where the branch turns back in ``lam`` (Newton's method at a
    fixed ``lam`` does not: its Jacobian is singular at a turning point).  ``lam(s)`` is
    sampled to bracket its first crossing of ``target``, which regula falsi then pins down."""
    start = np.concatenate([before.y, [before.lam]])
    end = np.concatenate([after.y, [after.lam]])
    t = before.tangent
    h = float(t @ (end - start))

    def at(s: float) -> np.ndarray:
        x = start + (s / h) * (end - start)
        for _ in range(NEWTON_ITERATIONS * 2):
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                ev = evaluate(system, x[:-1], float(x[-1]))
            aug = np.vstack([ev.jacobian, t])
            rhs = -np.concatenate([ev.residual, [float(t @ (x - start)) - s]])
            dx = np.linalg.solve(aug, rhs)
            x = x + dx
            if float(np.max(np.abs(dx))) <= CORRECTOR_TOL * _scale(x):
                break
        return x

    samples = [(0.0, start)]
    for k in range(1, 5):
        s_k = h * k / 4
        x_k = end if k == 4 else at(s_k)
        samples.append((s_k, x_k))
        if x_k[-1] >= target:
            break
    (lo, x_lo), (hi, x_hi) = samples[-2], samples[-1]
    f_lo, f_hi = x_lo[-1] - target, x_hi[-1] - target
    if f_hi == 0:
        return x_hi[:-1]
    a, f_a, b, f_b = lo, f_lo, hi, f_hi
    x_c = x_hi
    for _ in range(60):  # the Illinois variant of regula falsi on lam(s) - target
        c = b - f_b * (b - a) / (f_b - f_a)
        x_c = at(c)
        f_c = x_c[-1] - target
        if abs(f_c) <= 1e-14 * max(1.0, target) or abs(b - a) <= 1e-15 * abs(h):
            break
        if f_c * f_b < 0:
            a, f_a = b, f_b
        else:
            f_a /= 2
        b, f_b = c, f_c
    return x_c[:-1]
