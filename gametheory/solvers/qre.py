"""``gt.qre`` and ``gt.qre_branch``: the logit quantal response equilibrium on the principal branch.

In a logit QRE every player (every agent, in a tree: one per information set) plays each action
with probability proportional to ``exp(lam * payoff of the action)`` against the others' play
(McKelvey & Palfrey 1995, 1998).  At ``lam = 0`` play is uniform; the *principal branch* is the
curve of QRE that starts there, traced here by predictor–corrector homotopy in log-probabilities
(Turocy 2005; :mod:`._qre_path`).  Numeric: floats with a stated tolerance.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .._budget import Budget
from .._frozen import FrozenDict
from ..errors import GameError, UnsupportedGameError
from ._qre_input import check_lam, check_tol, prepare
from ._qre_path import PathError, Point, land, solve_at, trace
from ._qre_result import QRE, QREBranch
from ._qre_system import AgentSystem, beliefs, evaluate, expected_payoffs, probabilities

if TYPE_CHECKING:
    from ..equilibrium import Equilibrium

__all__ = ["QRE", "QREBranch", "qre", "qre_branch"]

LIMIT_MIN = 1e3
"""Tracing towards the limit goes on at least until lambda times the payoff range reaches this
(a profile can have no regret early, e.g. the centroid of a symmetric coordination game, while
the branch still meets other curves of QRE further on)."""

LAM_CAP = 1e12
"""Tracing towards the limit stops here (``converged=False``) if the regret is still too large."""

MATCH = 1e-3
"""At the limit, the equilibrium of ``gt.nash`` nearest the limiting profile (largest probability
gap) is the one the branch selects when it is within this distance and every other equilibrium
is at least ``SEPARATION`` times farther (the gap is reported: near a pure equilibrium it is
tiny, near a mixed one it shrinks like 1/lambda, in degenerate games more slowly)."""

SEPARATION = 10.0

METHOD = (
    "logit principal branch from uniform play at lambda = 0, traced by arclength with an Euler "
    "predictor and a Newton corrector in log-probabilities (Turocy 2005)"
)


def qre(
    game: object,
    lam: float = 1.0,
    *,
    at: Mapping[Any, object] | None = None,
    tol: float = 1e-9,
    budget: float | None = None,
) -> QRE:
    """The logit quantal response equilibrium on the principal branch at precision ``lam``.

    Parameters
    ----------
    game
        A numeric :class:`~gametheory.NormalFormGame` (any number of players), or a game tree
        (:class:`~gametheory.ExtensiveGame`, :class:`~gametheory.SignalingGame`) with perfect
        recall, solved in its agent form: one logit choice per information set, with beliefs by
        Bayes' rule (agent QRE, behaviour strategies).  Symbolic games need a point: ``at=``.
    lam
        The precision λ ≥ 0 (``0``: uniform play).  ``math.inf`` traces the branch until the
        profile converges and reports the Nash equilibrium it selects.
    at
        Parameter values for a game with symbolic payoffs (``{c: 2}`` or ``{"c": 2}``).
    tol
        At a finite λ, the largest accepted fixed-point residual (the gap between a probability
        and the logit response to the profile); at the limit, the largest accepted regret,
        relative to the range of the payoffs.
    budget
        Seconds the call may take (None: no limit); past it,
        :class:`~gametheory.BudgetExceededError` says how far λ the branch was traced.

    Returns
    -------
    QRE
        The point, with its residual, regret and ``converged``; at the limit with ``selected``
        (the equilibrium of ``gt.nash`` it tends to, normal-form games) and ``selection``.

    Raises
    ------
    GameError
        A negative or NaN ``lam``, a bad ``tol``; :class:`~gametheory.MissingParameterError` for
        a symbolic game without ``at``; :class:`~gametheory.UnsupportedGameError` for continuous
        choices or types, an information set reached only through chance branches of probability
        0, or a branch the tracer loses (a bifurcation of a degenerate game);
        :class:`~gametheory.ImperfectRecallError` for a tree without perfect recall.

    Notes
    -----
    The branch is followed by arclength, so where it turns back in λ the point returned is the
    first one reached at ``lam``, as in Gambit's ``logit_solve_lambda``.  The λ scale is that of
    the payoffs: doubling every payoff halves the λ of each point.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
    *Games and Economic Behavior* 10, 6–38.  McKelvey & Palfrey (1998). Quantal response
    equilibria for extensive form games. *Experimental Economics* 1, 9–41.  Turocy, T. L. (2005).
    A dynamic homotopy interpretation of the logistic quantal response equilibrium
    correspondence. *Games and Economic Behavior* 51, 243–263.

    Examples
    --------
    A generalised matching pennies (McKelvey & Palfrey 1995, §4): Row's payoff 9 at (U, L)
    draws Col towards R as λ grows, and the branch tends to the Nash equilibrium.

    >>> import math
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_matrices([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> q = gt.qre(g, lam=2)
    >>> round(q.strategies["Col"]["s2"], 4)
    0.8089
    >>> gt.qre(g, lam=math.inf).selected.strategies["Col"]
    {'s1': 1/10, 's2': 9/10}
    """
    clock = Budget.of(budget, "qre")
    target = check_lam(lam, "lam")
    tol = check_tol(tol)
    numeric, system = prepare(game, at)
    run = _run(system, target, tol, clock, record=False)
    return _result(numeric, system, run, tol, clock)


def qre_branch(
    game: object,
    lam_max: float = 10.0,
    *,
    at: Mapping[Any, object] | None = None,
    tol: float = 1e-9,
    budget: float | None = None,
) -> QREBranch:
    """The principal branch of logit QRE from λ = 0 to ``lam_max``, as points to tabulate
    (:meth:`QREBranch.frame`) or plot (:meth:`QREBranch.plot`).

    Parameters
    ----------
    game, at, tol, budget
        As for :func:`qre`.
    lam_max
        Where to stop (> 0); ``math.inf`` traces until the profile converges (the limit).

    Returns
    -------
    QREBranch
        Every point the tracer accepted on the way (spaced by its step control: dense where the
        branch bends) and the last point, solved at ``lam_max``, as ``end``.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_matrices([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> branch = gt.qre_branch(g, lam_max=5)
    >>> frame = branch.frame()
    >>> list(frame.columns)
    ['lam', 'Row/s1', 'Row/s2', 'Col/s1', 'Col/s2']
    >>> float(frame["lam"].iloc[-1])
    5.0
    """
    clock = Budget.of(budget, "qre_branch")
    target = check_lam(lam_max, "lam_max")
    if target == 0:
        raise GameError("qre_branch(): lam_max must be positive, got 0")
    tol = check_tol(tol)
    numeric, system = prepare(game, at)
    run = _run(system, target, tol, clock, record=True)
    end = _result(numeric, system, run, tol, clock)
    return QREBranch(
        agents=system.agents,
        actions=system.actions,
        lam=tuple(lam for lam, _ in run.path),
        probabilities=tuple(tuple(float(v) for v in p) for _, p in run.path),
        end=end,
        form="agent" if system.tree else "normal",
    )


# -- the run ----------------------------------------------------------------------------------


@dataclass
class _Run:
    y: np.ndarray
    lam: float
    steps: int
    limit: bool
    path: list[tuple[float, np.ndarray]]
    notes: list[str]
    bifurcations: tuple[tuple[float, float], ...] = ()


def _residual(system: AgentSystem, y: np.ndarray, lam: float) -> tuple[float, float]:
    """The fixed-point residual and the largest regret (in the game's payoffs) of the profile
    ``exp(y)`` at the caller's ``lam``."""
    p = probabilities(system, y)
    unit = system.payoff_range()
    u = evaluate(system, y, 0.0).u * unit
    agent = system.agent_of
    top = np.full(len(system.agents), -np.inf)
    np.maximum.at(top, agent, u)
    z = np.exp(lam * (u - top[agent])) if lam > 0 else np.ones_like(u)
    q = z / np.bincount(agent, z)[agent]
    current = np.bincount(agent, p * u, minlength=len(system.agents))
    regret = float(np.max(top - current)) if len(top) else 0.0
    residual = float(np.max(np.abs(p - q))) if len(p) else 0.0
    return residual, max(regret, 0.0)


def _run(system: AgentSystem, target: float, tol: float, clock: Budget, record: bool) -> _Run:
    """Trace the branch to ``target`` (the caller's lambda; ``inf``: the limit).  The tracer's
    lambda is the caller's times the payoff range (:mod:`._qre_system`)."""
    start = system.start()
    path: list[tuple[float, np.ndarray]] = []
    if system.size == 0 or target == 0:
        if record:
            path.append((0.0, probabilities(system, start)))
        return _Run(start, 0.0 if target == 0 else target, 0, math.isinf(target), path, [])
    limit = math.isinf(target)
    unit = system.payoff_range()
    previous: Point | None = None
    crossings: list[tuple[float, float]] = []
    try:
        for point in trace(system, clock):
            lam = point.lam / unit
            if point.crossed and previous is not None:
                crossings.append((previous.lam / unit, lam))
            if limit:
                if record:
                    path.append((lam, probabilities(system, point.y)))
                _, regret = _residual(system, point.y, lam)
                if point.lam >= LIMIT_MIN and regret <= tol * unit:
                    return _Run(point.y, lam, point.step, True, path, [], tuple(crossings))
                if lam > LAM_CAP:
                    note = (
                        f"tracing stopped at lambda = {lam:.3g} with regret {regret:.3g} "
                        f"above tol * payoff range = {tol * unit:.3g}"
                    )
                    return _Run(point.y, lam, point.step, True, path, [note], tuple(crossings))
            elif lam >= target and previous is not None:
                y = _land(system, previous, point, target, tol)
                if record:
                    path.append((target, probabilities(system, y)))
                return _Run(y, target, point.step, False, path, [], tuple(crossings))
            elif record:
                path.append((lam, probabilities(system, point.y)))
            previous = point
    except PathError as exc:
        raise UnsupportedGameError(f"qre(): the tracer lost the principal branch: {exc}") from None
    raise AssertionError("unreachable: trace() ends by raising")  # pragma: no cover


def _land(
    system: AgentSystem, before: Point, after: Point, target: float, tol: float
) -> np.ndarray:
    """The branch's first point at the caller's ``target``, between two accepted points that
    straddle it: on the arc (:func:`._qre_path.land`), then polished by Newton's method at that
    lambda unless that moves it off the arc (near a turning point, where that Newton step is
    ill-conditioned)."""
    inner = target * system.payoff_range()
    y = land(system, before, after, inner)
    res = _residual(system, y, target)[0]
    if res <= tol / 10:
        return y
    polished = solve_at(system, y, inner, lambda v: _residual(system, v, target)[0] <= tol / 10)
    step = float(np.linalg.norm(after.y - before.y))
    near = polished is not None and float(np.linalg.norm(polished - y)) <= 1e-3 * step
    if near and polished is not None and _residual(system, polished, target)[0] < res:
        return polished
    return y


# -- the result -------------------------------------------------------------------------------


def _result(game: Any, system: AgentSystem, run: _Run, tol: float, clock: Budget) -> QRE:
    p = probabilities(system, run.y)
    strategies: dict[str, FrozenDict] = {}
    k = 0
    for h, acts in zip(system.agents, system.actions, strict=True):
        strategies[h] = FrozenDict({a: float(p[k + i]) for i, a in enumerate(acts)})
        k += len(acts)
    pay = expected_payoffs(system, run.y)
    payoffs = FrozenDict({pl: float(v) for pl, v in zip(system.players, pay, strict=True)})
    belief = (
        FrozenDict(
            {h: FrozenDict(b) for h, b in zip(system.agents, beliefs(system, run.y), strict=True)}
        )
        if system.tree
        else FrozenDict()
    )
    residual, regret = _residual(system, run.y, run.lam)
    notes = list(run.notes)
    hit_cap = bool(run.notes)
    if run.bifurcations:
        where = ", ".join(f"between {lo:.4g} and {hi:.4g}" for lo, hi in run.bifurcations)
        notes.append(
            f"the branch crosses another curve of QRE at lambda {where} (a bifurcation: the "
            "game is degenerate there); it was continued smoothly through the crossing, but "
            "other QRE curves meet it there (another tracer, e.g. Gambit's, may follow one)"
        )
    if run.limit:
        converged = regret <= tol * system.payoff_range() and not hit_cap
    else:
        converged = residual <= tol
        if not converged:
            notes.append(
                f"the fixed-point residual {residual:.3g} is above tol = {tol:g} (floating "
                "point at this lambda: try a larger tol)"
            )
    selected, selection = (None, "")
    if run.limit:
        selected, selection = _selection(game, system, strategies, regret, clock)
    return QRE(
        lam=run.lam,
        strategies=FrozenDict(strategies),
        payoffs=payoffs,
        beliefs=belief,
        residual=residual,
        regret=regret,
        tol=tol,
        converged=converged,
        form="agent" if system.tree else "normal",
        limit=run.limit,
        selected=selected,
        selection=selection,
        steps=run.steps,
        method=METHOD,
        notes=tuple(notes),
        bifurcations=run.bifurcations,
    )


def _selection(
    game: Any,
    system: AgentSystem,
    strategies: Mapping[str, Mapping[str, float]],
    regret: float,
    clock: Budget,
) -> tuple[Equilibrium | None, str]:
    if system.tree:
        return None, (
            f"the branch tends to this behaviour profile (largest agent regret {regret:.3g}): "
            "the limit of agent QRE is a sequential equilibrium (McKelvey & Palfrey 1998); it "
            "is not matched to gt.nash, whose equilibria are mixed strategies of the reduced "
            "normal form"
        )
    from .nash import nash

    sol = nash(game, budget=clock.remaining())
    gaps = sorted(
        (
            max(
                abs(float(eq.strategies[pl][a]) - v)
                for pl, mix in strategies.items()
                for a, v in mix.items()
            ),
            i,
        )
        for i, eq in enumerate(sol)
    )
    best = gaps[0] if gaps else None
    alone = len(gaps) < 2 or gaps[1][0] >= SEPARATION * gaps[0][0]
    if best is not None and best[0] <= MATCH and alone:
        eq = sol[best[1]]
        return eq, (
            f"the branch selects equilibrium {best[1]} of gt.nash ({eq.kind}; largest "
            f"probability gap {best[0]:.2g})"
        )
    nearest = "" if best is None else f" (the nearest is {best[0]:.3g} away)"
    why = (
        "gt.nash listed only some equilibria"
        if not sol.complete
        else "the game is degenerate: the limit may lie inside a continuum of equilibria"
        if sol.degenerate
        else "the branch has not converged closely enough"
    )
    return None, (
        f"the branch tends to this profile (regret {regret:.3g}), which is none of the "
        f"equilibria of gt.nash{nearest}: {why}"
    )
