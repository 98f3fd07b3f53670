"""Mixed equilibria of n-player games with symbolic payoffs, with their parameter regions (private).

Support enumeration as in :mod:`gametheory.solvers.n_player`, with the indifference system of
each support profile solved *parametrically*.  The system is multilinear: player i's equations
involve only the other players' probabilities, linearly in each player's.  Two cases are
solved in closed form over the field of rational functions of the parameters:

* **two mixing players** ``i, j`` (the others pure) with supports of equal size: i's equations
  are linear in j's unknowns and vice versa; Cramer's rule gives each as a rational function,
  valid where the determinant ``d`` is nonzero;
* **three mixing players with two actions each** (the 2x2x2 full support, McKelvey & McLennan
  1996, §6): with ``p, q, r`` their unknowns, ``D_1(q, r) = 0`` gives ``q = -N_1(r)/L_1(r)``,
  ``D_2(p, r) = 0`` gives ``p = -N_2(r)/L_2(r)``, and ``L_1 L_2 D_3(p, q) = Q(r)`` is a
  polynomial of degree at most 2 in ``r``; its factors over ``Q(θ)`` give ``r`` as a rational
  function or by the quadratic formula, so the equilibrium and its conditions hold
  ``sqrt(Δ)`` with ``Δ`` the discriminant (and ``Δ >= 0`` among the conditions).

A candidate's conditions (supported probabilities strictly positive, no action outside a support
paying more, pivots nonzero) form its region, simplified and witnessed by
:func:`gametheory.conditions.reduce`; a sign condition on ``P(r)`` with ``r`` a root of a
quadratic is multiplied by an even power of ``2A`` so that it reads ``u + v sqrt(Δ) op 0``
with ``u, v`` polynomials in the parameters.

Where the closed form does not hold (a pivot vanishes: ``d = 0``, a leading coefficient, or a
resultant of ``Q`` with ``L_k``), the parameters lie on a lower-dimensional boundary on which the
system may have a continuum of solutions.  Each such boundary is checked with ``reduce``, first
alone and then together with the equilibrium conditions with the unknowns as variables in
``(0, 1)``; when neither proves it empty, the support profile is reported unresolved for that
boundary.  Support profiles with one mixing player (an equilibrium there needs the player
indifferent, a condition on the parameters alone, and then forms a continuum), and the shapes
beyond the two cases above, are checked the same way as a whole.  Nothing is dropped unless
proved empty.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError

from .._budget import UNLIMITED, Budget
from ..conditions import atom, reduce
from ..diagnostics import Diagnostic, Limit
from ..equilibrium import Equilibrium, Solution
from ..errors import BudgetExceededError
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from ._normal_form import make_equilibrium
from ._quadratic_field import Quad
from ._support_system import Supports, Unresolved, unresolved_text
from ._symbolic_support import Candidate, Cond, SupportSystem, three_binary, two_mixing
from .pure import pure_equilibria

__all__ = ["SymbolicResult", "symbolic_mixed", "symbolic_solution"]


@dataclass(frozen=True)
class SymbolicResult:
    """Mixed equilibria of a symbolic game and the support profiles left unresolved.

    ``unresolved`` holds ``(supports, reason)`` pairs; ``continuum`` is True when some support
    was shown (by a witness) to hold a continuum of equilibria at some parameter point.
    """

    equilibria: tuple[Equilibrium, ...]
    unresolved: tuple[tuple[Supports, str], ...]
    continuum: bool = False
    tried: int = 0


def symbolic_mixed(
    game: NormalFormGame, space: ParameterSpace, budget: Budget = UNLIMITED
) -> SymbolicResult:
    """The mixed equilibria of a symbolic n-player game (see the module docstring)."""
    pay = [game.payoff_array(k) for k in range(len(game.players))]
    per_player = [
        [c for r in range(1, m + 1) for c in itertools.combinations(range(m), r)]
        for m in game.shape
    ]
    profiles = [s for s in itertools.product(*per_player) if any(len(o) > 1 for o in s)]
    profiles.sort(key=lambda s: (sum(map(len, s)), max(map(len, s)) - min(map(len, s))))
    found: list[Equilibrium] = []
    unresolved: list[tuple[Supports, str]] = []
    continuum = False
    tried = 0
    for done, supports in enumerate(profiles):
        budget.check("support profiles examined", done, len(profiles), partial=found)
        system = SupportSystem.of(pay, supports, space)
        mixing = sorted(system.unknowns)
        sizes = [len(system.unknowns[i]) for i in mixing]
        outcome = None
        try:
            if len(mixing) == 2 and sizes[0] == sizes[1]:
                outcome = two_mixing(system, mixing)
            elif len(mixing) == 3 and sizes == [1, 1, 1]:
                outcome = three_binary(system, mixing)
        except BasePolynomialError:  # payoffs not rational in the parameters (exp, sqrt, ...)
            outcome = None
        if outcome is None:  # no closed form: decide the support as a whole
            status = _status(system, [])
            if status == "empty":
                continue
            continuum |= status == "nonempty" and len(mixing) == 1
            unresolved.append((supports, _whole_reason(len(mixing), sizes, status)))
            continue
        tried += 1
        candidates, boundaries = outcome
        for candidate in candidates:
            eq = _equilibrium(game, system, candidate)
            if eq is not None:
                found.append(eq)
        open_ = [p for p in boundaries if _status(system, [(p, "==")], quick=True) != "empty"]
        if open_:
            unresolved.append((supports, _boundary_reason(open_)))
    return SymbolicResult(tuple(found), tuple(unresolved), continuum, tried)


def _status(system: SupportSystem, extra: Sequence[Cond], quick: bool = False) -> str:
    """``reduce``'s status for an equilibrium with these supports (and ``extra``), unknowns
    free in ``(0, 1)``; with ``quick``, ``extra`` alone on the space is tried first."""
    try:
        if quick:
            alone = [x for e, op in extra for x in atom(e, op, space=system.space)]
            if reduce(alone, system.space, effort=0).status == "empty":
                return "empty"
        return reduce(system.all_atoms(extra), system.unknown_space()).status
    except BasePolynomialError:  # conditions beyond reduce (e.g. equalities in sqrt(c))
        return "unknown"


def _whole_reason(mixing: int, sizes: list[int], status: str) -> str:
    if mixing == 1:
        if status == "nonempty":
            return (
                "they form a continuum where one player is indifferent (a boundary of the "
                "parameters), not listed"
            )
        return (
            "they would form a continuum on a boundary of the parameters, whose existence was "
            "not decided"
        )
    if (mixing == 2 and sizes[0] == sizes[1]) or (mixing == 3 and sizes == [1, 1, 1]):
        return (
            "their indifference system has no closed form here (payoffs not rational in the "
            "parameters, or an elimination that degenerates everywhere), and whether they "
            "exist was not decided"
        )
    return (
        f"their indifference system ({mixing} players mixing over "
        f"{', '.join(str(s + 1) for s in sizes)} actions) is beyond the symbolic kernel (two "
        "players mixing over equally many actions, or three mixing over two each)"
    )


def _boundary_reason(polys: Sequence[sp.Expr]) -> str:
    where = " or ".join(f"{sp.factor(p)} = 0" for p in polys)
    return (
        f"where {where}, their system is singular (the closed form fails) and equilibria "
        "there are not all listed"
    )


# -- results ----------------------------------------------------------------------------


def _equilibrium(
    game: NormalFormGame, system: SupportSystem, candidate: Candidate
) -> Equilibrium | None:
    atoms, at = candidate
    region = reduce(atoms, system.space)
    if region.status == "empty":
        return None
    mixes = [[_evaluate(p, at) for p in v] for v in system.probs]
    payoffs = [_evaluate(system.utility[i][own[0]], at) for i, own in enumerate(system.supports)]
    return make_equilibrium(game, mixes, region, system.space, payoffs=payoffs)


def _evaluate(expr: sp.Expr, at: dict[sp.Symbol, Quad]) -> sp.Expr:
    """A polynomial in the unknowns at the candidate, exactly and tidily."""
    xs = [x for x in at if expr.has(x)]
    if not xs:
        return expr
    field = next(iter(at.values())).field
    total = field(0)
    for monom, coeff in sp.Poly(expr, *xs).terms():
        term = field(coeff)
        for x, e in zip(xs, monom, strict=True):
            for _ in range(e):
                term = term * at[x]
        total = total + term
    return total.expr()


def symbolic_solution(
    game: NormalFormGame,
    space: ParameterSpace,
    budget: Budget,
    notes: tuple[str, ...],
    diags: tuple[Diagnostic, ...] = (),
) -> Solution:
    method = "support enumeration (symbolic, closed-form support systems)"
    pure: list[Equilibrium] = []
    try:
        pure = pure_equilibria(game, space, budget=budget)
        res = symbolic_mixed(game, space, budget)
    except BudgetExceededError as exc:
        part = exc.partial if isinstance(exc.partial, list) else []  # pure or mixed so far
        exc.partial = Solution(
            game,
            (*pure, *part),
            space,
            "nash",
            method,
            complete=False,
            notes=notes,
            diagnostics=(*diags, Limit.budget(exc.budget, exc.done)),
        )
        raise
    reasons = unresolved_text(game, [Unresolved(s, why) for s, why in res.unresolved])
    return Solution(
        game,
        (*pure, *res.equilibria),
        space,
        "nash",
        method,
        degenerate=res.continuum,
        complete=not reasons,
        notes=notes,
        diagnostics=(*diags, *(Limit("supports", r) for r in reasons)),
    )
