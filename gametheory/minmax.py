"""``gt.minmax``: each player's minmax value, the payoff its opponents can hold it down to.

Player ``i``'s minmax value is ``min over the opponents' mixed profiles of max over i's actions
of i's expected payoff``: the harshest punishment the others can inflict, and the floor of every
equilibrium payoff of the repeated game (the folk theorem's individual rationality).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

from ._frozen import FrozenDict
from ._minmax_numeric import numeric_minmax
from ._numbers import simple_fraction
from .errors import InvalidPlayerError, UnsupportedGameError
from .games.normal_form import NormalFormGame
from .params import ParameterSpace

__all__ = ["MinmaxResult", "minmax"]

Punishment = Mapping[str, Mapping[str, sp.Expr]]


@dataclass(frozen=True, eq=False)
class MinmaxResult:
    """Each player's minmax value and the punishment that holds it there.

    The result reads as the mapping ``{player: minmax value}``: ``result["Row"]``,
    ``dict(result)``, ``result.items()`` and ``result == {"Row": 1, "Col": 1}`` all work
    (``result.values`` is the attribute below, itself that mapping, not a method).

    Attributes
    ----------
    players
        The game's players, in order.
    values
        ``{player: value}``: the minmax value in mixed strategies, exact (a sympy rational, or
        for symbolic payoffs an expression, ``Piecewise`` in the parameters).  For games with
        three or more players where ``exact[player]`` is False it is an upper bound, attained
        by ``punishers[player]``.
    punishers
        ``{player: {opponent: {action: probability}}}``: mixed strategies of the opponents,
        chosen independently, that hold the player to ``values[player]``.
    lower
        ``{player: lower bound}``: the value when the opponents may correlate their punishment
        (equal to ``values`` for two players, where the bound is exact).
    pure
        ``{player: pure minmax}``: the opponents restricted to pure actions, an upper bound of
        ``values`` (equal to it when a pure punishment is optimal).
    exact
        ``{player: bool}``: whether ``values[player]`` is the exact mixed minmax.
    method
        How the values were computed.
    complete
        True when every value is exact; ``incomplete`` says why not.
    incomplete
        One sentence per player whose value is only bounded.
    notes
        Remarks on the input (e.g. float payoffs read as the rationals they print as).
    space
        The parameter space of symbolic payoffs (empty for numeric games).

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> gt.minmax(pd)["Row"]
    1
    """

    players: tuple[str, ...]
    values: Mapping[str, sp.Expr]
    punishers: Mapping[str, Punishment]
    lower: Mapping[str, sp.Expr]
    pure: Mapping[str, sp.Expr]
    method: str
    space: ParameterSpace = field(default_factory=lambda: ParameterSpace({}))
    notes: tuple[str, ...] = ()
    incomplete: tuple[str, ...] = ()

    # -- the mapping {player: value} ------------------------------------------------------
    def __getitem__(self, player: str) -> sp.Expr:
        if player not in self.values:
            raise InvalidPlayerError(
                f"unknown player {player!r}; the players are {', '.join(self.players)}"
            )
        return self.values[player]

    def __iter__(self) -> Iterator[str]:
        return iter(self.players)

    def __len__(self) -> int:
        return len(self.players)

    def __contains__(self, player: object) -> bool:
        return player in self.values

    def keys(self) -> tuple[str, ...]:
        """The players, in order."""
        return self.players

    def items(self) -> list[tuple[str, sp.Expr]]:
        """``(player, value)`` pairs, in player order."""
        return [(p, self.values[p]) for p in self.players]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MinmaxResult):
            return (self.values, self.punishers, self.lower, self.pure) == (
                other.values,
                other.punishers,
                other.lower,
                other.pure,
            )
        if isinstance(other, Mapping):
            return dict(self.values) == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.players, tuple(self.values.items())))

    # -- diagnostics ----------------------------------------------------------------------
    @property
    def exact(self) -> Mapping[str, bool]:
        """``{player: bool}``: whether the value is the exact mixed minmax (not only a bound)."""
        return FrozenDict({p: bool(self.values[p] == self.lower[p]) for p in self.players})

    @property
    def complete(self) -> bool:
        """True when every player's value is exact."""
        return not self.incomplete

    def at(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> MinmaxResult:
        """The result at a parameter point (exact); numeric results are returned unchanged."""
        if not self.space.symbols:
            return self
        point = self.space.point(values, **kw)

        def ev(e: sp.Expr) -> sp.Expr:
            return sp.simplify(e.xreplace(point))

        return MinmaxResult(
            self.players,
            _freeze({p: ev(v) for p, v in self.values.items()}),
            _freeze(
                {
                    p: {o: {a: ev(v) for a, v in s.items()} for o, s in pun.items()}
                    for p, pun in self.punishers.items()
                }
            ),
            _freeze({p: ev(v) for p, v in self.lower.items()}),
            _freeze({p: ev(v) for p, v in self.pure.items()}),
            self.method,
            ParameterSpace({}),
            self.notes,
            self.incomplete,
        )

    def __repr__(self) -> str:
        inner = ", ".join(f"{p!r}: {self.values[p]}" for p in self.players)
        flag = "" if self.complete else " (upper bounds where inexact)"
        return f"<MinmaxResult {{{inner}}}{flag}>"


def minmax(game: object, space: ParameterSpace | None = None) -> MinmaxResult:
    """Each player's minmax value in mixed strategies, exactly, with a punishment attaining it.

    Parameters
    ----------
    game
        A :class:`~gametheory.NormalFormGame` with at least two players (the stage game of a
        repeated game).  Numeric payoffs (ints, Fractions; floats are read as the rationals
        they print as) or sympy expressions.
    space
        For symbolic payoffs, the parameter space (by default the one the symbols' assumptions
        allow); the values are piecewise in the parameters over it.

    Returns
    -------
    MinmaxResult
        Reads as ``{player: value}``; ``.punishers`` holds the minmaxing strategies.

    Raises
    ------
    UnsupportedGameError
        Not a normal-form game; irrational payoffs; symbolic payoffs with three or more players,
        or whose zero-sum game the symbolic solver could not solve completely.
    InvalidPlayerError
        A game with one player (nobody to punish it).

    Notes
    -----
    Two players: the minmax value of ``i`` is the value of the zero-sum game in which ``i``
    maximises its own payoff and the opponent minimises it (von Neumann's minimax theorem), a
    linear programme solved exactly by a simplex method over Fractions
    (:mod:`gametheory._exact_lp`), or symbolically by :func:`gametheory.nash` on that zero-sum
    game (support enumeration; the value is ``Piecewise`` in the parameters).

    Three or more players: the opponents' independent mixtures make the problem non-convex.
    The value is bracketed exactly between the *correlated* minmax (an LP over the opponents'
    joint profiles, a lower bound) and the best independent punishment found (the better of
    the pure minmax and the product of the correlated optimum's marginals, improved by letting
    each opponent in turn re-optimise its mixture against the others' by an exact LP; an upper
    bound, with its punishment in ``punishers``).  When they meet the value is exact; otherwise
    ``values`` holds the upper bound, ``exact[player]`` is False and ``complete`` is False.

    References
    ----------
    Fudenberg & Tirole (1991), *Game Theory*, section 5.1.2; Mailath & Samuelson (2006),
    *Repeated Games and Reputations*, section 2.1.

    Examples
    --------
    Matching pennies: either player can be held to 0, by the other mixing half-half.

    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> r = gt.minmax(g)
    >>> dict(r), r.punishers["Row"]["Col"]
    ({'Row': 0, 'Col': 0}, {'s1': 1/2, 's2': 1/2})
    """
    nf = _check_game(game)
    if nf.parameters:
        from ._minmax_symbolic import symbolic_minmax

        (values_, punishers_, pure_), space_ = symbolic_minmax(nf, space)
        return MinmaxResult(
            nf.players,
            _freeze(values_),
            _freeze(punishers_),
            _freeze(values_),
            _freeze(pure_),
            "zero-sum games solved symbolically (support enumeration)",
            space=space_,
        )
    if space is not None and not isinstance(space, ParameterSpace):
        raise UnsupportedGameError(f"space must be a ParameterSpace, got {type(space).__name__}")
    table, notes = _exact_table(nf)
    values: dict[str, sp.Expr] = {}
    punishers: dict[str, dict[str, dict[str, sp.Expr]]] = {}
    lower: dict[str, sp.Expr] = {}
    pure: dict[str, sp.Expr] = {}
    incomplete: list[str] = []
    for k, player in enumerate(nf.players):
        v, pun, lo, pu = numeric_minmax(nf, table, k)
        values[player], punishers[player], lower[player], pure[player] = v, pun, lo, pu
        if v != lo:
            incomplete.append(
                f"the mixed minmax of {player} lies in [{lo}, {v}]: {lo} if its opponents could "
                f"correlate, {v} the best independent punishment found (not proved optimal)"
            )
    method = (
        "zero-sum linear programme (simplex in rationals)"
        if len(nf.players) == 2
        else "bounds: correlated minmax (linear programme) and independent punishments"
    )
    return MinmaxResult(
        nf.players,
        _freeze(values),
        _freeze(punishers),
        _freeze(lower),
        _freeze(pure),
        method,
        notes=tuple(notes),
        incomplete=tuple(incomplete),
    )


def _check_game(game: object) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        hint = (
            " (a game tree: pass game.to_normal_form())"
            if callable(getattr(game, "to_normal_form", None))
            else ""
        )
        raise UnsupportedGameError(
            f"minmax() needs a NormalFormGame, got {type(game).__name__}{hint}"
        )
    if len(game.players) < 2:
        raise InvalidPlayerError(
            f"minmax() needs at least two players; the game has only {game.players[0]}, "
            "whom nobody can punish"
        )
    return game


def _exact_table(nf: NormalFormGame) -> tuple[list[tuple[Fraction, ...]], list[str]]:
    """The payoff table in Fractions; floats read as the rationals they print as."""
    notes: list[str] = []
    table: list[tuple[Fraction, ...]] = []
    for profile, row in zip(nf.profiles(), nf.table, strict=True):
        out: list[Fraction] = []
        for player, v in zip(nf.players, row, strict=True):
            if v.is_Rational:
                out.append(Fraction(int(v.p), int(v.q)))
            elif isinstance(v, sp.Float):
                out.append(simple_fraction(float(v)))
                if not notes:
                    notes.append("float payoffs were read as the rationals they print as")
            else:
                raise UnsupportedGameError(
                    f"the payoff {v} of {player} at profile {profile} is not rational; "
                    "minmax() computes exactly in rationals"
                )
        table.append(tuple(out))
    return table, notes


def _freeze(d: Mapping[str, Any]) -> FrozenDict:
    return FrozenDict({k: _freeze(v) if isinstance(v, Mapping) else v for k, v in d.items()})
