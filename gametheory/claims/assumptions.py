"""Which assumptions a claim needs, and comparative statics as claims.

:func:`needed_assumptions` drops each constraint of the space, and each finite end of each
interval, in turn; re-solves the model on the relaxed space (with the solution's own concept)
and verifies the claim there: an assumption is *needed* when the claim is refuted without it
(with the counterexample).  :func:`monotone` states that a measure moves one way in a parameter
on each equilibrium's region, and proves it from the sign of the derivative there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import sympy as sp

from ..equilibrium import Equilibrium, Solution
from ..kinds import base_concept
from ..params import ParameterSpace
from ..solvers import nash, pbe, solve, spe
from ._vocabulary import ClaimError, substitute
from .verify import Claim, Verdict, check, check_count, verify

__all__ = ["AssumptionCheck", "monotone", "needed_assumptions"]


@dataclass(frozen=True)
class AssumptionCheck:
    """One assumption of the space and the claim's verdict without it."""

    assumption: str
    needed: bool
    verdict: Verdict

    def __str__(self) -> str:
        tag = "needed" if self.needed else "not needed"
        return f"{self.assumption}: {tag} ({self.verdict.status} without it)"


def needed_assumptions(
    claim: Claim,
    target: object,
    space: ParameterSpace | None = None,
    *,
    only: Sequence[str] | None = None,
    max_examples: int = 200,
) -> tuple[AssumptionCheck, ...]:
    """For each constraint and finite interval end of the space, whether the claim fails once it
    is dropped (see the module docstring).

    ``only`` restricts the assumptions tried to those whose text contains one of the given
    strings (e.g. ``only=["W >="]``): each one tried means solving the model again.
    """
    if only is not None and (isinstance(only, str) or not isinstance(only, Sequence)):
        raise ClaimError(f"only must be a list of strings (e.g. only=['W >=']), got {only!r}")
    check_count(max_examples, "max_examples")
    if not isinstance(claim, sp.Basic) and not callable(claim):
        raise ClaimError(f"a claim is a sympy Boolean or a callable, got {type(claim).__name__}")
    sol = target if isinstance(target, Solution) else solve(target, space)
    space = space or sol.space
    out = []
    for label, relaxed in _relaxations(space):
        if only is not None and not any(key in label for key in only):
            continue
        verdict = verify(claim, _resolve(sol, relaxed), relaxed, max_examples=max_examples)
        out.append(AssumptionCheck(label, verdict.status == "refuted", verdict))
    return tuple(out)


def _relaxations(space: ParameterSpace) -> list[tuple[str, ParameterSpace]]:
    out = []
    intervals = dict(space.intervals)
    for k, c in enumerate(space.constraints):
        rest = [x for j, x in enumerate(space.constraints) if j != k]
        out.append((f"constraint {c}", ParameterSpace(intervals, constraints=rest)))
    for s, iv in space.intervals:
        if iv.start.is_finite:
            wider = dict(intervals)
            wider[s] = sp.Interval(-sp.oo, iv.end, True, iv.right_open)
            out.append((f"{s} {'>' if iv.left_open else '>='} {iv.start}", _space(wider, space)))
        if iv.end.is_finite:
            wider = dict(intervals)
            wider[s] = sp.Interval(iv.start, sp.oo, iv.left_open, True)
            out.append((f"{s} {'<' if iv.right_open else '<='} {iv.end}", _space(wider, space)))
    return out


def _space(intervals: Mapping[sp.Symbol, sp.Interval], like: ParameterSpace) -> ParameterSpace:
    return ParameterSpace(dict(intervals), constraints=list(like.constraints))


def _resolve(sol: Solution, space: ParameterSpace) -> Solution:
    solvers: dict[str, Callable[..., Solution]] = {"nash": nash, "spe": spe, "pbe": pbe}
    solver = solvers.get(base_concept(sol.concept), solve)
    return solver(sol.game, space)


def monotone(
    measure: sp.Expr,
    param: sp.Symbol | str,
    target: object,
    space: ParameterSpace | None = None,
    *,
    direction: Literal["non-increasing", "non-decreasing"] = "non-increasing",
) -> Verdict:
    """Whether a measure (an expression in the ``gt.claims`` words and the parameters, e.g.
    ``gt.war``) moves in ``direction`` as ``param`` grows, on every equilibrium's region: proved
    from the sign of the derivative there, else refuted or searched.  Jumps between equilibria
    (a different equilibrium on the other side of a boundary) are not compared."""
    if direction not in ("non-increasing", "non-decreasing"):
        raise ClaimError(
            f"direction must be 'non-increasing' or 'non-decreasing', got {direction!r}"
        )
    if not isinstance(measure, sp.Expr):
        raise ClaimError(
            f"a measure is a sympy expression (e.g. gt.war), got {type(measure).__name__}"
        )
    sol = target if isinstance(target, Solution) else solve(target, space)
    p = sol.space.symbol(param)
    sign = -1 if direction == "non-increasing" else 1

    def condition(eq: Equilibrium) -> sp.Basic:
        d = sign * sp.diff(substitute(measure, eq), p)
        return sp.true if d.is_number and d >= 0 else sp.sympify(d >= 0)

    def _same(a: Equilibrium | None, b: Equilibrium) -> bool:
        return a is not None and a.key() == b.key()

    def holds(eq: Equilibrium, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
        original = next((e for e in sol if _same(e.at(point), eq)), None)
        if original is None:
            return True
        value = condition(original).xreplace(dict(point))
        return bool(value if value in (sp.true, sp.false) else sp.simplify(value))

    text = f"{measure} is {direction} in {p} on each equilibrium's region"

    return check(condition, holds, sol, text)
