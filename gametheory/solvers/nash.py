"""``gt.nash``: every Nash equilibrium of a normal-form game, with its conditions."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import numpy as np
import sympy as sp

from .._budget import Budget
from .._numbers import to_fraction
from ..conditions import reduce
from ..diagnostics import Caveat, Diagnostic, Limit, Undecided
from ..equilibrium import Equilibrium, Solution, _shares_strategy
from ..errors import BudgetExceededError, GameError, UnsupportedGameError
from ..games.extensive import ExtensiveGame, normal_form
from ..games.normal_form import NormalFormGame
from ..kinds import check_choice
from ..params import ParameterSpace
from ..repeated.automaton import Automaton
from ..repeated.check import dispatch
from ..space_resolution import resolve_space  # re-exported: its old import path
from ._normal_form import make_equilibrium
from ._space import probability_notes, tree_space
from ._vertex_enum import extreme_equilibria_exact, extreme_equilibria_float
from .n_player import n_player_solution
from .sequence_form import METHODS, Method, normal_form_too_large, sequence_form_nash
from .support_enumeration import symbolic_support_enumeration

__all__ = ["nash", "resolve_space"]


def nash(
    game: object,
    space: ParameterSpace | None = None,
    *,
    tol: float = 1e-9,
    budget: float | None = None,
    profile: Mapping[str, Automaton] | None = None,
    method: Method = "auto",
) -> Solution:
    """Every Nash equilibrium of a game, exactly, with the conditions under which it exists.

    Parameters
    ----------
    game
        A :class:`~gametheory.NormalFormGame`, or a game tree, solved on its reduced normal form
        (in mixed strategies, so trees without perfect recall are solved too, with a note).
        A tree's symbolic chance probabilities narrow the space to where they are
        distributions (:func:`~gametheory.solvers._space.tree_space`).
    space
        The parameter space; by default, the one the payoffs' symbols allow by their own
        assumptions.  Conditions are simplified under it and equilibria whose conditions are
        provably empty in it are dropped.
    tol
        Tolerance for games with float payoffs (relative to the largest payoff); exact games
        ignore it.
    budget
        Seconds the call may take (None: no limit).  It covers building a tree's normal form
        and the enumeration; past it, :class:`~gametheory.BudgetExceededError` says what was
        done (symbolic games: with the equilibria found so far as a partial Solution).  With a
        budget, a tree's normal form is built whatever its size; without one, trees whose
        normal form has more than 250,000 profiles are refused.
    profile
        Repeated games (:class:`~gametheory.RepeatedGame`) only: ``{player: Automaton}``; the
        solution has one equilibrium whose conditions are where each automaton is a best
        response from the start (``gametheory.repeated.check``), or none.
    method
        Trees only: ``"normal-form"`` solves the reduced normal form (every extreme
        equilibrium); ``"sequence-form"`` enumerates every extreme equilibrium, in behaviour
        strategies, on the sequence form of a numeric two-player tree with perfect recall
        (:func:`~gametheory.solvers.sequence_form.sequence_form_nash`); ``"auto"`` (the
        default) uses the sequence form for such trees when the reduced normal form is too
        large to build or to enumerate (all pairs of optimal strategies of a constant-sum
        tree; one equilibrium by Lemke's algorithm, ``complete=False``, otherwise), and the
        normal form otherwise.

    Returns
    -------
    Solution
        Two-player games: every extreme equilibrium (all equilibria of non-degenerate games;
        the extreme points of each continuum otherwise, with ``degenerate=True``).  Numeric
        games with more players: every equilibrium, mixed ones included, exactly (irrational
        ones as radicals or ``CRootOf``); supports whose equilibria form a continuum are named
        in ``incomplete`` (``complete=False``).  Symbolic games with more players: see
        :func:`~gametheory.solvers.n_player.n_player_solution`.

    Notes
    -----
    Numeric two-player games are solved by vertex enumeration of the best-response polytopes
    (Avis, Rosenberg, Savani & von Stengel 2010), confirmed exactly in rationals; symbolic ones
    by symbolic support enumeration (von Stengel 2007, Algorithm 3.4).  Games with three or more
    players: support enumeration with each support's polynomial system solved exactly
    (McKelvey & McLennan 1996; Porter, Nudelman & Shoham 2008), :mod:`gametheory.solvers.n_player`.

    Examples
    --------
    Chicken with a symbolic cost of crashing ``c``:

    >>> import sympy as sp
    >>> import gametheory as gt
    >>> c = sp.Symbol("c", positive=True)
    >>> chicken = gt.NormalFormGame(
    ...     players={"Row": ["swerve", "straight"], "Col": ["swerve", "straight"]},
    ...     payoffs={
    ...         ("swerve", "swerve"): (0, 0),
    ...         ("swerve", "straight"): (-1, 1),
    ...         ("straight", "swerve"): (1, -1),
    ...         ("straight", "straight"): (-c, -c),
    ...     },
    ... )
    >>> sol = gt.nash(chicken)
    >>> [(eq.kind, eq.conditions) for eq in sol]
    [('pure', c >= 1), ('pure', c >= 1), ('pure', c <= 1), ('mixed', c >= 1)]
    >>> sol[3].strategies["Row"]["straight"]
    1/c

    Three players who are paid 1 when all match: two pure equilibria and one mixed, exactly.

    >>> import numpy as np
    >>> match = np.zeros((2, 2, 2), dtype=int)
    >>> match[0, 0, 0] = match[1, 1, 1] = 1
    >>> sol = gt.nash(gt.NormalFormGame.from_matrices(match, match, match))
    >>> [eq.strategies["P1"]["s1"] for eq in sol], sol.complete
    ([1, 0, 1/2], True)
    """
    clock = Budget.of(budget, "nash")
    check_choice(method, METHODS, "method")
    if tol <= 0 or not np.isfinite(tol):
        raise GameError(f"tol must be a positive finite number, got {tol!r}")
    repeated = dispatch(game, profile, space, "nash", clock)
    if repeated is not None:
        return repeated
    if method == "sequence-form" and not isinstance(game, ExtensiveGame):
        raise UnsupportedGameError(
            f"method='sequence-form' needs a game tree, got {type(game).__name__}"
        )
    if isinstance(game, ExtensiveGame) and method != "normal-form":
        large = normal_form_too_large(game)
        if large or method == "sequence-form":
            tree_notes = tuple(probability_notes(game))
            space = tree_space(game, space)
            return sequence_form_nash(
                game, space, clock, tree_notes, enumerate_all=method == "sequence-form"
            )
    nf = _normal_form(game, clock)
    notes: list[Diagnostic] = []
    if isinstance(game, ExtensiveGame):
        space = tree_space(game, space)
        notes.extend(probability_notes(game))
        if game.recall_violation is not None:
            notes.append(Caveat("recall", str(game.recall_violation)))
    else:
        space = resolve_space(nf.parameters, space)
    if len(nf.players) == 2:
        undecided: list[Equilibrium] = []
        if nf.is_numeric:
            eqs, degenerate, algorithm = _numeric_bimatrix(nf, space, tol, clock)
        else:
            try:
                eqs, undecided = symbolic_support_enumeration(nf, space, clock)
            except BudgetExceededError as exc:
                raise _with_partial(exc, nf, space, notes) from None
            degenerate = _symbolic_degenerate(eqs, space)
            algorithm = "support enumeration (symbolic)"
            if undecided:
                notes.append(Undecided(len(undecided), "support enumeration"))
        return Solution(
            nf,
            tuple(eqs),
            space,
            "nash",
            algorithm,
            degenerate=degenerate,
            diagnostics=tuple(notes),
            undecided=tuple(undecided),
        )
    return n_player_solution(nf, space, clock, notes)


def _with_partial(
    exc: BudgetExceededError, nf: NormalFormGame, space: ParameterSpace, notes: list[Diagnostic]
) -> BudgetExceededError:
    """The budget error with the equilibria found so far as a partial Solution."""
    found = list(exc.partial.values()) if isinstance(exc.partial, dict) else []
    exc.partial = Solution(
        nf,
        tuple(found),
        space,
        "nash",
        "support enumeration (symbolic)",
        complete=False,
        diagnostics=(*notes, Limit.budget(exc.budget, exc.done)),
    )
    return exc


def _normal_form(game: object, clock: Budget) -> NormalFormGame:
    if isinstance(game, NormalFormGame):
        return game
    if isinstance(game, ExtensiveGame):
        return normal_form(game, clock)
    to_nf = getattr(game, "to_normal_form", None)
    if callable(to_nf):
        result = to_nf()
        if isinstance(result, NormalFormGame):
            return result
    raise UnsupportedGameError(
        f"nash() needs a NormalFormGame or a game with to_normal_form(), got {type(game).__name__}"
    )


def _numeric_bimatrix(
    game: NormalFormGame, space: ParameterSpace, tol: float, clock: Budget
) -> tuple[list[Equilibrium], bool, str]:
    A = game.payoff_array(0)
    B = game.payoff_array(1)
    if game.is_exact:
        res = extreme_equilibria_exact(
            [[to_fraction(v) for v in row] for row in A],
            [[to_fraction(v) for v in row] for row in B],
            budget=clock,
            names=(game.players[0], game.players[1]),
        )
        pairs = [
            (
                [sp.Rational(p.numerator, p.denominator) for p in x],
                [sp.Rational(p.numerator, p.denominator) for p in y],
            )
            for x, y in res.equilibria
        ]
        method = "vertex enumeration (exact)"
    else:
        fres = extreme_equilibria_float(A.astype(float), B.astype(float), tol=tol, budget=clock)
        pairs = [
            ([sp.Float(float(p)) for p in x], [sp.Float(float(p)) for p in y])
            for x, y in fres.equilibria
        ]
        res = fres  # type: ignore[assignment]
        method = f"vertex enumeration (floating point, tol={tol:g})"
    eqs = [make_equilibrium(game, [x, y], None, space) for x, y in pairs]
    return eqs, bool(res.degenerate), method


def _symbolic_degenerate(eqs: list[Equilibrium], space: ParameterSpace) -> bool:
    """Whether continua of equilibria exist on a full-dimensional part of the space.

    Two extreme equilibria that share one player's strategy span a segment of equilibria
    wherever both exist.  A boundary (where weak conditions meet) does not count: the
    interiors, with every weak inequality made strict, must intersect.  ``Solution.at``
    recomputes the flag at each point.
    """
    for e, f in itertools.combinations(eqs, 2):
        if not _shares_strategy((e, f)):
            continue
        inner = [_strict(a) for a in (*_conjuncts(e.conditions), *_conjuncts(f.conditions))]
        if any(a is None for a in inner):
            continue
        if reduce(inner, space).status == "nonempty":
            return True
    return False


def _conjuncts(cond: sp.Basic) -> tuple[sp.Basic, ...]:
    if cond is sp.true:
        return ()
    return tuple(cond.args) if isinstance(cond, sp.And) else (cond,)


def _strict(rel: sp.Basic) -> sp.Basic | None:
    """The strict form of a weak inequality; None for equalities (lower-dimensional sets)."""
    if isinstance(rel, sp.GreaterThan):
        return sp.StrictGreaterThan(*rel.args)
    if isinstance(rel, sp.LessThan):
        return sp.StrictLessThan(*rel.args)
    if isinstance(rel, sp.Equality):
        return None
    return rel
