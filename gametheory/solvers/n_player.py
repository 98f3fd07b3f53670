"""Every Nash equilibrium of a numeric n-player normal-form game, exactly, by support enumeration.

For each profile of supports ``S = (S_1, ..., S_n)`` (nonempty action sets), an equilibrium with
exactly these supports solves the polynomial system of McKelvey & McLennan (1996, §6)

    U_i(a, x_-i) = U_i(b_i, x_-i)   for every player i and a in S_i \\ {b_i},
    sum_{a in S_i} x_{i,a} = 1,     x_{i,a} = 0 outside S_i,

(``b_i`` the first action of ``S_i``): indifference within each support, multilinear in the
other players' probabilities.  The system is solved exactly (lex Gröbner basis in shape position,
:mod:`gametheory.solvers._algebraic`), so irrational equilibria come out as exact algebraic
numbers (radicals for quadratics, ``CRootOf`` beyond).  A solution is kept when every
probability in a support is *strictly* positive and no action outside a support pays more, both
decided exactly; strict positivity lists each equilibrium once, under its own support.

Support profiles are taken by increasing total size and balance (Porter, Nudelman & Shoham
2008) and pruned by *conditional dominance*: if some action of ``S_i`` is weakly dominated by
another action of player i against every profile of ``S_-i``, strictly against one, no mixed
profile with these exact supports is an equilibrium (every profile of ``S_-i`` has positive
probability), so the system is not solved.

A support whose system has a continuum of complex solutions (degenerate games with ties) is
handed to :func:`gametheory.conditions.reduce` with the unknowns as variables in the unit box:
if it proves that no point is an equilibrium, the support is skipped; if it finds an exact
rational point that is one, that point is listed and the support is reported as a continuum;
otherwise as undecided.  A support whose system may have more than :data:`MAX_SOLUTIONS`
isolated solutions (multihomogeneous Bézout bound) is not attempted.  Neither is dropped
silently: ``gt.nash`` sets ``complete=False`` and names each one in ``incomplete``.  Under a
limited budget, larger systems are solved in a child process stopped at the deadline
(:mod:`gametheory.solvers._deadline`).

References
----------
R. D. McKelvey & A. McLennan, "Computation of equilibria in finite games", in *Handbook of
Computational Economics* vol. 1 (1996), 87-142.
R. Porter, E. Nudelman & Y. Shoham, "Simple search methods for finding a Nash equilibrium",
*Games and Economic Behavior* 63 (2008) 642-662.
R. D. McKelvey & A. McLennan, "The maximal number of regular totally mixed Nash equilibria",
*Journal of Economic Theory* 72 (1997) 411-425.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from .._budget import UNLIMITED, Budget
from ..diagnostics import Diagnostic, Limit
from ..equilibrium import Equilibrium, Solution
from ..errors import BudgetExceededError
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from ._algebraic import (
    NotShapePosition,
    PositiveDimensional,
)
from ._certified import numeric_fallback
from ._deadline import DeadlinePassed, run_until
from ._n_player_symbolic import symbolic_solution
from ._normal_form import make_equilibrium
from ._support_system import Found, Supports, System, Unresolved, unresolved_text

__all__ = ["NPlayerResult", "Unresolved", "n_player_equilibria", "n_player_solution"]


@dataclass(frozen=True)
class NPlayerResult:
    """What :func:`n_player_equilibria` found.

    Attributes
    ----------
    equilibria
        One tuple of exact probability vectors per equilibrium (one vector per player).
    payoffs
        Each equilibrium's exact payoff per player.
    unresolved
        Support profiles not enumerated (continua, or systems beyond the exact kernel).
    tried, pruned
        Support profiles whose systems were solved, and those removed by conditional dominance.
    certified
        Positions in ``equilibria`` of the *certified numeric* ones (30-digit floats; each
        within about ``1e-40`` of an equilibrium proved to exist by Krawczyk's test, see
        :mod:`gametheory.solvers._certified`); all others are exact.
    """

    equilibria: tuple[tuple[tuple[sp.Expr, ...], ...], ...]
    payoffs: tuple[tuple[sp.Expr, ...], ...]
    unresolved: tuple[Unresolved, ...]
    tried: int
    pruned: int
    certified: tuple[int, ...] = ()


def n_player_equilibria(game: NormalFormGame, budget: Budget = UNLIMITED) -> NPlayerResult:
    """Every equilibrium of a numeric game, exactly (see the module docstring).

    Float payoffs are read as the decimals they print as (``0.1`` is ``1/10``).  ``budget`` is
    checked before each support profile; on running out, the error's ``partial`` holds the
    :class:`NPlayerResult` so far.
    """
    pay = _rational_payoffs(game)
    shape = game.shape
    profiles = _support_profiles(shape)
    found: list[tuple[tuple[sp.Expr, ...], ...]] = []
    values: list[tuple[sp.Expr, ...]] = []
    unresolved: list[Unresolved] = []
    certified: list[int] = []
    tried = pruned = 0

    def so_far() -> NPlayerResult:
        return NPlayerResult(
            tuple(found), tuple(values), tuple(unresolved), tried, pruned, tuple(certified)
        )

    for done, supports in enumerate(profiles):
        budget.check("support profiles examined", done, len(profiles), partial=so_far())
        if _dominated(pay, supports):
            pruned += 1
            continue
        bound = _bezout(tuple(len(own) - 1 for own in supports))
        if bound > MAX_SOLUTIONS:
            system = System.of(pay, shape, supports)
            numeric_fallback(system, bound, _too_big(bound), found, values, unresolved, certified)
            continue
        tried += 1
        system = System.of(pay, shape, supports)
        try:
            points = _solve(system, bound, budget)
        except PositiveDimensional:
            point = system.continuum_point()  # "empty": proved that none is an equilibrium
            if isinstance(point, tuple):
                found.append(point[0])
                values.append(point[1])
                unresolved.append(Unresolved(supports, _CONTINUUM))
            elif point == "unknown":
                unresolved.append(Unresolved(supports, _UNDECIDED))
            continue
        except NotShapePosition:
            numeric_fallback(system, bound, _BEYOND, found, values, unresolved, certified)
            continue
        except DeadlinePassed:
            raise budget.exceeded(
                f"support profiles examined {done:,} of {len(profiles):,}; stopped while "
                f"solving the system of supports {supports}",
                so_far(),
            ) from None
        for mixes, vals in points:
            found.append(mixes)
            values.append(vals)
    return so_far()


_CONTINUUM = "they form a continuum (one exact point of it is listed)"
_UNDECIDED = (
    "their indifference system has a continuum of solutions, and whether it meets the "
    "equilibrium conditions was not decided"
)


def _solve(system: System, bound: int, budget: Budget) -> list[Found]:
    """``system.solutions()``; under a limited budget, systems that may have several solutions
    run in a child process stopped when the budget runs out (one Gröbner basis can take longer
    than the whole budget, and the budget is otherwise checked only between support
    profiles)."""
    remaining = budget.remaining()
    if remaining is None or bound < CHILD_FROM:
        return system.solutions()
    return run_until(remaining, _solutions, system)


def _solutions(system: System) -> list[Found]:
    return system.solutions()


CHILD_FROM = 3
"""Bézout bound from which a budgeted system is solved in a child process (smaller systems
take milliseconds, less than starting a process)."""

MAX_SOLUTIONS = 20
"""Support systems with more isolated solutions than this (multihomogeneous Bézout bound) are
not attempted: sympy's Gröbner bases for them take minutes to hours, and the budget is checked
only between support profiles.  4 players with 2 actions (bound 9) and 3x3x3 games (bound 10)
are within it; 5 players with 2 actions (bound 44 for full supports) are not."""


def _too_big(bound: int) -> str:
    return (
        f"their polynomial system may have up to {bound} solutions (multihomogeneous Bézout "
        f"bound), more than the exact kernel attempts ({MAX_SOLUTIONS})"
    )


@functools.lru_cache(maxsize=256)
def _bezout(dims: tuple[int, ...]) -> int:
    """The multihomogeneous Bézout number of a support system: player i contributes
    ``dims[i]`` equations of degree 1 in each other mixing player's group of ``dims[j]``
    unknowns, so the bound is the coefficient of ``prod z_j**dims[j]`` in
    ``prod_i (sum_{j != i} z_j)**dims[i]`` (McKelvey & McLennan 1997)."""
    live = [j for j, d in enumerate(dims) if d]
    if not live:
        return 1
    z = sp.symbols(f"z0:{len(dims)}")
    prod = sp.Mul(*(sp.Add(*(z[j] for j in live if j != i)) ** dims[i] for i in live))
    poly = sp.Poly(sp.expand(prod), *(z[j] for j in live))
    return int(poly.coeff_monomial(sp.Mul(*(z[j] ** dims[j] for j in live))))


_BEYOND = "their polynomial system is beyond the exact kernel (no shape position found)"


def _rational_payoffs(game: NormalFormGame) -> list[np.ndarray]:
    """One object array of Fractions per player."""

    def frac(v: sp.Expr) -> Fraction:
        if v.is_Rational:
            return Fraction(int(v.p), int(v.q))
        return Fraction(repr(float(v)))

    conv = np.vectorize(frac, otypes=[object])
    return [conv(game.payoff_array(k)) for k in range(len(game.players))]


def _support_profiles(shape: tuple[int, ...]) -> list[Supports]:
    """All profiles of nonempty supports, smallest and most balanced first (PNS 2008)."""
    per_player = [
        [c for r in range(1, m + 1) for c in itertools.combinations(range(m), r)] for m in shape
    ]
    profiles = list(itertools.product(*per_player))
    profiles.sort(key=lambda s: (sum(map(len, s)), max(map(len, s)) - min(map(len, s))))
    return profiles


def _dominated(pay: list[np.ndarray], supports: Supports) -> bool:
    """Whether some supported action is conditionally dominated given the others' supports."""
    for i, own in enumerate(supports):
        sub = pay[i][
            np.ix_(*(range(pay[i].shape[k]) if k == i else s for k, s in enumerate(supports)))
        ]
        block = np.moveaxis(sub, i, 0).reshape(sub.shape[i], -1)
        for a in own:
            for b in range(block.shape[0]):
                if b == a:
                    continue
                ge = all(x >= y for x, y in zip(block[b], block[a], strict=True))
                if ge and any(x > y for x, y in zip(block[b], block[a], strict=True)):
                    return True
    return False


def n_player_solution(
    game: NormalFormGame,
    space: ParameterSpace,
    budget: Budget,
    notes: Sequence[str | Diagnostic] = (),
) -> Solution:
    """``gt.nash`` for games with three or more players: a :class:`~gametheory.Solution`.

    Numeric games: every equilibrium with exact probabilities (:func:`n_player_equilibria`);
    ``complete`` is False exactly when some support profile was left unresolved, and
    ``incomplete`` names each one; ``degenerate`` is True when some equilibria are known to
    form a continuum.  Symbolic games: the pure equilibria and the mixed ones whose support
    systems have a closed form (two players mixing, or three mixing over two actions each; see
    :mod:`gametheory.solvers._n_player_symbolic`), each with its parameter region; the support
    profiles and parameter boundaries not solved are named in ``incomplete``.  Past the budget, :class:`~gametheory.BudgetExceededError` carries the
    equilibria found so far as a partial, incomplete Solution in ``partial``.
    """
    diags = tuple(n for n in notes if not isinstance(n, str))
    plain = tuple(n for n in notes if isinstance(n, str))
    if not game.is_numeric:
        return symbolic_solution(game, space, budget, plain, diags)
    method = "support enumeration (polynomial systems, exact)"
    if not game.is_exact:
        method += "; float payoffs read as the decimals they print as"
    try:
        res = n_player_equilibria(game, budget)
    except BudgetExceededError as exc:
        part = exc.partial
        eqs = _equilibria(game, part, space) if isinstance(part, NPlayerResult) else []
        exc.partial = Solution(
            game,
            tuple(eqs),
            space,
            "nash",
            method,
            complete=False,
            notes=plain,
            diagnostics=(*diags, Limit.budget(exc.budget, exc.done)),
        )
        raise
    reasons = unresolved_text(game, res.unresolved)
    if res.certified:
        numbers = ", ".join(str(k) for k in res.certified)
        plain = (
            *plain,
            f"equilibria {numbers} (by position) are certified numeric: 30-digit floats, each "
            "within 1e-20 of an equilibrium proved to exist (Krawczyk's test)",
        )
    return Solution(
        game,
        tuple(_equilibria(game, res, space)),
        space,
        "nash",
        method,
        degenerate=any(u.reason == _CONTINUUM for u in res.unresolved),
        notes=plain,
        diagnostics=(*diags, *(Limit("supports", r) for r in reasons)),
    )


def _equilibria(
    game: NormalFormGame, res: NPlayerResult, space: ParameterSpace
) -> list[Equilibrium]:
    return [
        make_equilibrium(game, [list(v) for v in mixes], None, space, payoffs=list(vals))
        for mixes, vals in zip(res.equilibria, res.payoffs, strict=True)
    ]
