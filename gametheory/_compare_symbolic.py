"""Comparing two symbolic solutions exactly: where a measure differs, and by how much.

For every pair of equilibria, one from each solution, whose conditions hold together somewhere
in the space, the measure's difference (a − b) is an expression, and the regions where it is
positive or negative are conditions on the parameters, reduced under the space with
:func:`gametheory.conditions.reduce`.  Nothing is sampled: a pair is dropped only when its joint
region is proved empty, and a region whose emptiness cannot be decided is kept (``decided``
False on the pair).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp

from .conditions import reduce
from .equilibrium import Equilibrium, Solution
from .errors import GameError
from .params import ParameterSpace

if TYPE_CHECKING:  # imported where used: a fast `import gametheory` (no pandas)
    import pandas as pd

__all__ = ["PairDifference", "SolutionComparison", "compare_solutions"]


@dataclass(frozen=True)
class PairDifference:
    """One pair of equilibria that hold together, and how a measure differs between them.

    Attributes
    ----------
    a, b
        The equilibria's ids, as in a sweep's ``equilibrium`` column: ``sol[k]``, then the
        solution's ``undecided`` ones.
    name_a, name_b
        Their names (:func:`gametheory.naming.equilibrium_names`).
    value_a, value_b
        The measure in each, as expressions.
    difference
        ``value_a - value_b``, simplified.
    where
        Where both hold: the conjunction of their conditions, reduced under the space.
    a_higher, b_higher
        Where, in ``where``, the difference is positive / negative (``sympy.false`` where
        never).  Off both, the two equilibria agree on the measure.
    decided
        False when some of these regions could not be proved empty or non-empty (they are
        kept: the difference may or may not occur there).
    """

    a: int
    b: int
    name_a: str
    name_b: str
    value_a: sp.Expr
    value_b: sp.Expr
    difference: sp.Expr
    where: sp.Boolean
    a_higher: sp.Boolean
    b_higher: sp.Boolean
    decided: bool = True

    @property
    def differs(self) -> bool:
        """Whether the measure differs somewhere in :attr:`where` (or may: undecided)."""
        return self.a_higher is not sp.false or self.b_higher is not sp.false

    def __str__(self) -> str:
        return (
            f"{self.a} ({self.name_a}) vs {self.b} ({self.name_b}): difference "
            f"{self.difference}; a higher where {self.a_higher}; b higher where {self.b_higher}"
        )


@dataclass(frozen=True)
class SolutionComparison:
    """The result of :func:`gametheory.compare` on two solutions.

    Attributes
    ----------
    measure
        The compared payoff (a player's name) or outcome label.
    pairs
        Every pair of equilibria (one of each solution) that hold together somewhere in the
        space, in the order (a, b).
    space
        The parameter space of both solutions, under which the regions are reduced.
    """

    measure: str
    pairs: tuple[PairDifference, ...]
    space: ParameterSpace

    def differing(self) -> tuple[PairDifference, ...]:
        """The pairs whose measure differs somewhere (or may: undecided regions)."""
        return tuple(p for p in self.pairs if p.differs)

    @property
    def frame(self) -> pd.DataFrame:
        """One row per pair: ids, names, the values, the difference and the regions, as text."""
        rows = [
            {
                "a": p.a,
                "b": p.b,
                "name_a": p.name_a,
                "name_b": p.name_b,
                f"{self.measure}_a": str(p.value_a),
                f"{self.measure}_b": str(p.value_b),
                "difference": str(p.difference),
                "where": str(p.where),
                "a_higher": str(p.a_higher),
                "b_higher": str(p.b_higher),
                "decided": p.decided,
            }
            for p in self.pairs
        ]
        import pandas as pd

        return pd.DataFrame(rows)

    def at(
        self, values: Mapping[Any, object] | None = None, /, **kw: object
    ) -> list[tuple[int, int, sp.Expr, sp.Expr]]:
        """The pairs whose ``where`` holds at a point, with the measure's exact values there:
        ``[(a, b, value_a, value_b), ...]``.  Floats are read as the binary fractions they
        are (so a grid point on a boundary is on it exactly)."""
        point = _exact_point(self.space, values, kw)
        out = []
        for p in self.pairs:
            if _holds(p.where, point):
                out.append((p.a, p.b, _value(p.value_a, point), _value(p.value_b, point)))
        return out

    def __str__(self) -> str:
        lines = [f"comparison of {self.measure!r} (a − b), {len(self.pairs)} pairs"]
        lines += [f"  {p}" for p in self.pairs]
        return "\n".join(lines)


def _exact_point(
    space: ParameterSpace, values: Mapping[Any, object] | None, kw: Mapping[str, object]
) -> dict[sp.Symbol, sp.Expr]:
    given = {**(values or {}), **kw}
    by_name = {s.name: s for s in space.symbols}
    point: dict[sp.Symbol, sp.Expr] = {}
    for k, v in given.items():
        sym = by_name.get(k) if isinstance(k, str) else k
        if sym not in space.symbols:
            raise GameError(f"unknown parameter {k!r}; the space has {', '.join(by_name)}")
        try:
            if isinstance(v, float | np.floating):
                value = sp.Rational(Fraction(float(v)))
            else:
                value = sp.nsimplify(v, rational=True) if isinstance(v, sp.Float) else sp.sympify(v)
        except (sp.SympifyError, TypeError, ValueError, OverflowError):
            value = None
        if value is None or not value.is_number or not value.is_real or not value.is_finite:
            raise GameError(f"parameter {sym} must be a finite real number, got {v!r}")
        point[sym] = value
    missing = [s.name for s in space.symbols if s not in point]
    if missing:
        raise GameError(f"missing parameter {missing[0]} (the space has {', '.join(by_name)})")
    return point


def _holds(cond: sp.Boolean, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
    value = sp.sympify(cond).xreplace(dict(point))
    if value in (sp.true, sp.false):
        return bool(value)
    return bool(sp.simplify(value))


def _value(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    return sp.sympify(expr).xreplace(dict(point))


def measure_of(eq: Equilibrium, measure: str, which: str, k: int) -> sp.Expr:
    """A payoff (by player) or an outcome probability (by label, or ``P(label)`` where a label
    is also a player's name, as in a sweep's frame)."""
    if measure in eq.payoffs:
        return sp.sympify(eq.payoffs[measure])
    if measure in eq.outcomes:
        return sp.sympify(eq.outcomes[measure])
    inner = measure[2:-1] if measure.startswith("P(") and measure.endswith(")") else None
    if inner is not None and inner in eq.outcomes:
        return sp.sympify(eq.outcomes[inner])
    raise GameError(
        f"solution {which}'s equilibrium {k} has no payoff or outcome {measure!r} (players: "
        f"{', '.join(eq.payoffs)}; outcomes: {', '.join(eq.outcomes)})"
    )


def compare_solutions(a: Solution, b: Solution, measure: str) -> SolutionComparison:
    """The kernel of :func:`gametheory.compare` for two solutions (arguments checked there)."""
    from .naming import equilibrium_names

    if set(a.space.symbols) != set(b.space.symbols):
        raise GameError(
            "the solutions have different parameters: "
            f"{', '.join(s.name for s in a.space.symbols)} vs "
            f"{', '.join(s.name for s in b.space.symbols)}"
        )
    if a.space != b.space:
        raise GameError(
            f"the solutions are over different parameter spaces ({a.space} vs {b.space}): "
            "solve both in one space"
        )
    space = a.space
    eqs_a = (*a.equilibria, *a.undecided)
    eqs_b = (*b.equilibria, *b.undecided)
    values_a = [measure_of(eq, measure, "a", k) for k, eq in enumerate(eqs_a)]
    values_b = [measure_of(eq, measure, "b", k) for k, eq in enumerate(eqs_b)]
    names_a, names_b = equilibrium_names(a), equilibrium_names(b)
    pairs = []
    for i, (e, va) in enumerate(zip(eqs_a, values_a, strict=True)):
        for j, (f, vb) in enumerate(zip(eqs_b, values_b, strict=True)):
            both = [e.conditions, f.conditions]
            region = reduce(both, space)
            if region.status == "empty":
                continue
            diff = _simplified(va - vb)
            decided = region.status != "unknown"
            higher = []
            for sign in (diff > 0, diff < 0):
                if sign is sp.false:
                    higher.append(sp.false)
                    continue
                part = region if sign is sp.true else reduce([*both, sign], space)
                decided = decided and part.status != "unknown"
                higher.append(sp.false if part.status == "empty" else part.condition)
            pairs.append(
                PairDifference(
                    i,
                    j,
                    names_a[i],
                    names_b[j],
                    va,
                    vb,
                    diff,
                    region.condition,
                    higher[0],
                    higher[1],
                    decided,
                )
            )
    return SolutionComparison(measure, tuple(pairs), space)


def _simplified(expr: sp.Expr) -> sp.Expr:
    d = sp.cancel(sp.together(expr))
    if d.is_rational_function():
        return sp.factor(d)
    return sp.simplify(d)
