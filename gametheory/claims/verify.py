"""``gt.verify``: a claim about a model, proved, refuted with a simple counterexample, or not
refuted after a documented search.

A claim is a sympy Boolean over the parameters and an equilibrium's quantities (see
:mod:`gametheory.claims._vocabulary`), or a predicate ``(point, equilibrium) -> bool``.  With
``over="every"`` it must hold for every equilibrium at every point of the space; with
``over="some"``, for at least one equilibrium at every point where there is one.

1. **Proof** (symbolic claims, ``over="every"``): for each equilibrium, the region "its
   conditions and the claim's negation" (in disjunctive normal form, term by term) must be empty;
   :func:`gametheory.conditions.reduce` proves emptiness exactly (interval arithmetic, linear
   programming with exact certificates, branch and bound) or finds an exact witness, which is a
   counterexample.
2. **Search** otherwise (predicates, ``over="some"``, regions neither proved nor refuted):
   hypothesis draws exact points of the space (small-denominator rationals, interval ends
   included) and shrinks the first failure to the simplest it can.

Every counterexample is re-checked exactly before it is reported.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, TypeAlias

import sympy as sp

from .._budget import UNLIMITED, Budget
from .._optional import require
from ..conditions import reduce
from ..conditions._smt import available as smt_available
from ..conditions._smt import smt_decide
from ..equilibrium import Equilibrium, Solution
from ..errors import BudgetExceededError
from ..kinds import VerdictStatus
from ..params import ParameterSpace
from ..solvers import solve
from ._vocabulary import ClaimError, is_quantity, substitute

__all__ = ["Verdict", "verify"]

Claim: TypeAlias = sp.Basic | Callable[[Mapping[sp.Symbol, sp.Expr], Equilibrium], bool]
Condition: TypeAlias = Callable[[Equilibrium], sp.Basic]
Holds: TypeAlias = Callable[[Equilibrium, Mapping[sp.Symbol, sp.Expr]], bool]
Over = Literal["every", "some"]
Method = Literal["auto", "conditions", "z3", "search"]


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify` found.

    Attributes
    ----------
    status
        ``"proved"``, ``"refuted"``, ``"not refuted"`` or ``"vacuous"`` (no point of the space
        has an equilibrium: nothing to claim).
    claim
        The claim as given (a predicate is shown by its name).
    method
        How: ``"conditions"`` (an exact proof or witness), ``"search"`` (hypothesis).
    counterexample
        The point (exact rationals) where the claim fails, when refuted.
    equilibrium
        An equilibrium that breaks the claim there (evaluated at the point), when refuted.
    tried
        How many points the search drew (0 for a proof).
    details
        What was proved (the claim, the conditions, the space) or how the search covered it.
    """

    status: VerdictStatus
    claim: str
    method: str
    counterexample: dict[sp.Symbol, sp.Expr] | None = None
    equilibrium: Equilibrium | None = None
    tried: int = 0
    details: str = ""
    space: ParameterSpace | None = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return self.status == "proved"

    def __str__(self) -> str:
        out = f"{self.status}: {self.claim} ({self.method})"
        if self.counterexample is not None:
            pt = ", ".join(f"{k} = {v}" for k, v in self.counterexample.items())
            out += f"\n  counterexample: {pt}"
            if self.equilibrium is not None:
                strat = "; ".join(f"{h}: {s}" for h, s in self.equilibrium.strategies.items())
                out += f"\n  equilibrium there: {strat}"
        if self.details:
            out += f"\n  {self.details}"
        return out


def verify(
    claim: Claim,
    target: object,
    space: ParameterSpace | None = None,
    *,
    over: Over = "every",
    max_examples: int = 300,
    method: Method = "auto",
    budget: float | None = None,
) -> Verdict:
    """Check a claim over the whole parameter space (see the module docstring).

    Parameters
    ----------
    claim
        A sympy Boolean over the parameters and ``gt.claims`` words (``outcome``, ``payoff``,
        ``prob``, ``war``), or a predicate ``(point, equilibrium) -> bool``.
    target
        A :class:`~gametheory.Solution`, or a game (solved with ``gt.solve`` on ``space``).
    space
        The space (default: the solution's).
    over
        ``"every"`` equilibrium, or ``"some"`` equilibrium, at each point.
    max_examples
        Points the search may draw.
    method
        ``"auto"`` (the conditions module, then z3 where it is installed for what stays open,
        then the search), ``"conditions"``, ``"z3"`` (the ``prove`` extra) or ``"search"``.
    budget
        Seconds the call may take, solving included (None: no limit); past it,
        :class:`~gametheory.BudgetExceededError` says how far the proof or the search got.

    Raises
    ------
    ClaimError
        A claim that is not a Boolean or a callable, that names an unknown outcome, player or
        action, or a predicate that raises (the point is named).
    """
    check_count(max_examples, "max_examples")
    if over not in ("every", "some"):
        raise ClaimError(f"over must be 'every' or 'some', got {over!r}")
    if method not in ("auto", "conditions", "z3", "search"):
        raise ClaimError(f"method must be auto, conditions, z3 or search, got {method!r}")
    if not isinstance(claim, sp.Basic) and not callable(claim):
        raise ClaimError(f"a claim is a sympy Boolean or a callable, got {type(claim).__name__}")
    clock = Budget.of(budget, "verify")
    try:
        sol = (
            target
            if isinstance(target, Solution)
            else solve(target, space, budget=clock.remaining())
        )
        if space is not None and isinstance(target, Solution) and space != sol.space:
            sol = solve(sol.game, space, budget=clock.remaining())
    except BudgetExceededError as exc:
        raise clock.exceeded(f"solving the game: {exc.done}") from None
    if over not in ("every", "some"):
        raise ClaimError(f"over must be 'every' or 'some', got {over!r}")
    condition: Condition | None = None
    if isinstance(claim, sp.Basic):
        expr: sp.Basic = claim
        if not isinstance(expr, sp.logic.boolalg.Boolean) and not expr.is_Relational:
            raise ClaimError(f"the claim {expr} is not a Boolean (a relation or a conjunction)")
        unknown = [
            s.name for s in expr.free_symbols if not is_quantity(s) and s not in sol.space.symbols
        ]
        if unknown:
            raise ClaimError(
                f"the claim names {', '.join(sorted(unknown))}: not a parameter of the space "
                f"({', '.join(s.name for s in sol.space.symbols)}) nor an equilibrium quantity"
            )
        for eq in sol.equilibria:
            substitute(expr, eq)  # unknown outcomes, players, actions: an error now

        def condition(eq: Equilibrium) -> sp.Basic:
            return substitute(expr, eq)

        holds = _symbolic_holds(condition)
        text = str(expr)
    elif callable(claim):
        text = getattr(claim, "__name__", repr(claim))
        holds = _predicate_holds(claim, text)
    else:
        raise ClaimError(f"a claim is a sympy Boolean or a callable, got {type(claim).__name__}")
    if method not in ("auto", "conditions", "z3", "search"):
        raise ClaimError(f"method must be auto, conditions, z3 or search, got {method!r}")
    if method == "z3" and not smt_available():
        raise ClaimError("method='z3' needs z3: pip install 'crisis-gametheory[prove]'")
    if method == "search":
        condition = None
    return check(condition, holds, sol, text, over, max_examples, method, clock)


def check(
    condition: Condition | None,
    holds: Holds,
    sol: Solution,
    text: str,
    over: Over = "every",
    max_examples: int = 300,
    method: Method = "auto",
    clock: Budget = UNLIMITED,
) -> Verdict:
    """Prove (when ``condition`` gives each equilibrium's claim as a Boolean in the parameters
    and ``over == "every"``), else search with ``holds``."""
    eqs = (*sol.equilibria, *sol.undecided)
    if not any(eq.witness is not None for eq in sol.equilibria) and not sol.undecided:
        return Verdict(
            "vacuous",
            text,
            "conditions",
            details="no equilibrium exists anywhere in the space",
            space=sol.space,
        )
    open_terms = 0
    if condition is not None and over == "every":
        smt = method == "z3" or (method == "auto" and smt_available())
        used_smt = False
        for k, eq in enumerate(eqs):
            clock.check("equilibrium regions checked against the claim", k, len(eqs))
            found: object = None
            if method != "z3":
                found = _refute_region(condition(eq), eq, sol.space)
            if found is None and smt:
                status, point = smt_decide([eq.conditions], condition(eq), sol.space)
                used_smt = True
                found = True if status == "proved" else point
            if isinstance(found, dict):
                at = eq.at(found)
                if at is not None and not holds(at, found):
                    if _searchable():  # a simpler point by search (hypothesis is an extra)
                        simpler = _search(holds, sol, text, over, 60, 0, clock)
                        if simpler.status == "refuted" and _size(simpler.counterexample) < _size(
                            found
                        ):
                            return replace(simpler, method="conditions, shrunk by search")
                    return Verdict("refuted", text, "conditions", found, at, space=sol.space)
                open_terms += 1  # a witness that did not survive the exact re-check
            elif found is None:
                open_terms += 1
        if not open_terms:
            return Verdict(
                "proved",
                text,
                "conditions and z3"
                if used_smt and method == "auto"
                else ("z3" if used_smt else "conditions"),
                details=(
                    f"for each of the {len(eqs)} equilibria, its conditions imply the claim on "
                    f"the space {sol.space}"
                ),
                space=sol.space,
            )
    return _search(holds, sol, text, over, max_examples, open_terms, clock)


def _size(point: Mapping[sp.Symbol, sp.Expr] | None) -> int:
    """How complicated a point is: the sum of its coordinates' numerators and denominators."""
    if point is None:
        return 10**18
    return sum(abs(sp.Rational(v).p) + sp.Rational(v).q for v in point.values())


def _refute_region(cond: sp.Basic, eq: Equilibrium, space: ParameterSpace) -> object:
    """``True`` if ``cond`` holds on all of ``eq``'s region, an exact point where it fails, or
    ``None`` when neither could be decided."""
    if cond is sp.true:
        return True
    negated = sp.to_dnf(sp.Not(cond), simplify=False)
    terms = negated.args if isinstance(negated, sp.Or) else (negated,)
    undecided = False
    for term in terms:
        if term is sp.false:
            continue
        region = reduce([eq.conditions, term], space, effort=2)
        if region.status == "nonempty" and region.witness is not None:
            return {s: region.witness[s] for s in space.symbols}
        if region.status == "unknown":
            undecided = True
    return None if undecided else True


def _symbolic_holds(condition: Condition) -> Holds:
    def holds(eq: Equilibrium, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
        value = condition(eq).xreplace(dict(point))
        if value not in (sp.true, sp.false):
            value = sp.simplify(value)
        return bool(value)

    return holds


def check_count(value: object, name: str) -> None:
    """``max_examples`` and the like: a positive integer."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ClaimError(f"{name} must be a positive integer, got {value!r}")


def _predicate_holds(
    pred: Callable[[Mapping[sp.Symbol, sp.Expr], Equilibrium], bool], name: str
) -> Holds:
    def holds(eq: Equilibrium, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
        try:
            return bool(pred(dict(point), eq))
        except Exception as exc:  # reported with the point, never swallowed
            pt = ", ".join(f"{k} = {v}" for k, v in point.items())
            raise ClaimError(f"the claim {name} raised {exc!r} at the point {pt}") from exc

    return holds


class _Raised(BaseException):
    """Carries a predicate's :class:`ClaimError` out of the hypothesis search at once."""

    def __init__(self, error: ClaimError) -> None:
        super().__init__(str(error))
        self.error = error


def _searchable() -> bool:
    """Whether hypothesis, which the search for a counterexample uses, is installed."""
    return importlib.util.find_spec("hypothesis") is not None


def _search(
    holds: Holds,
    sol: Solution,
    text: str,
    over: Over,
    max_examples: int,
    open_terms: int,
    clock: Budget = UNLIMITED,
) -> Verdict:
    def fails(point: dict[sp.Symbol, sp.Expr]) -> bool:
        eqs = list(sol.at(point))
        if not eqs:
            return False
        checks = [holds(eq, point) for eq in eqs]
        return not all(checks) if over == "every" else not any(checks)

    tried = 0

    def counted(point: dict[sp.Symbol, sp.Expr]) -> bool:
        nonlocal tried
        clock.check("points of the space searched for a counterexample", tried, max_examples)
        tried += 1
        try:
            return fails(point)
        except ClaimError as exc:  # past hypothesis, which would shrink it as a failure
            raise _Raised(exc) from exc

    # imported here: a fast `import gametheory`, and hypothesis is an optional extra
    require("hypothesis", "hypothesis", "gt.verify's search for a counterexample")
    from hypothesis import HealthCheck, find, settings
    from hypothesis.errors import NoSuchExample

    from ..testing.strategies import points

    config = settings(
        max_examples=max_examples,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    try:
        point = find(points(sol.space), counted, settings=config)
    except _Raised as stop:
        raise stop.error from stop.error.__cause__
    except NoSuchExample:
        why = (
            f"{open_terms} equilibrium regions could be neither proved nor refuted exactly; "
            if open_terms
            else ""
        )
        return Verdict(
            "not refuted",
            text,
            "search",
            tried=tried,
            details=(
                f"{why}no counterexample among {tried} exact points of the space (hypothesis: "
                "small-denominator rationals in each interval, ends included, then shrinking)"
            ),
            space=sol.space,
        )
    breaking = next((eq for eq in sol.at(point) if not holds(eq, point)), None)
    return Verdict("refuted", text, "search", dict(point), breaking, tried, space=sol.space)
