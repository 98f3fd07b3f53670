"""Normal-form (strategic-form) games with numeric or symbolic payoffs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import sympy as sp

from .._frozen import FrozenDict
from .._latex_options import LatexOptions
from .._numbers import to_expr
from .._present_registry import render
from ..errors import (
    GameError,
    InvalidActionError,
    InvalidGameError,
    InvalidPayoffError,
    InvalidPlayerError,
    InvalidProfileError,
    UnsupportedGameError,
)
from ..params import ParameterSpace
from . import _matrices
from .outcome_labels import profile_label

if TYPE_CHECKING:
    import numpy as np

__all__ = ["NormalFormGame", "Profile"]

Profile = tuple[str, ...]
"""A pure-strategy profile: one action label per player, in player order."""


def _payoff(value: object, player: str, profile: Profile) -> sp.Expr:
    """``to_expr`` of a payoff; the profile (as long as the number of players) is named only in
    an error, so that a game is built in time linear in its size."""
    try:
        return to_expr(value, f"payoff of {player}")
    except GameError:
        return to_expr(value, f"payoff of {player} at profile {profile}")  # raises, naming it


def _check_labels(labels: object, what: str, error: type[InvalidGameError]) -> tuple[str, ...]:
    if isinstance(labels, str) or not isinstance(labels, Sequence):
        raise error(f"{what} must be a list of labels, got {labels!r}")
    out = tuple(labels)
    if not out:
        raise error(f"{what} is empty")
    for lab in out:
        if not isinstance(lab, str) or not lab:
            raise error(f"{what} has label {lab!r}; labels must be non-empty strings")
    dup = sorted({lab for lab in out if out.count(lab) > 1})
    if dup:
        raise error(f"{what} has duplicate label(s): {', '.join(dup)}")
    return out


@dataclass(frozen=True, init=False, eq=True)
class NormalFormGame:
    """A finite game in normal form.

    Parameters
    ----------
    players
        Maps each player's name to its list of action labels, in order.
    payoffs
        Maps every pure profile (a tuple with one action per player, in player order) to a tuple
        of payoffs, one per player.  Payoffs may be ints, Fractions, floats or sympy expressions
        in the model's parameters.
    outcomes
        Optional labels of profiles, e.g. ``{("escalate", "escalate"): "war"}``; an equilibrium's
        ``outcomes`` gives each label's probability.  Unlabelled profiles are named by their
        actions joined with ``"/"``.

    Examples
    --------
    >>> g = NormalFormGame(
    ...     players={"Row": ["U", "D"], "Col": ["L", "R"]},
    ...     payoffs={("U", "L"): (1, 1), ("U", "R"): (0, 0), ("D", "L"): (0, 0), ("D", "R"): (2, 2)},
    ... )
    >>> g.payoff(("D", "R"))
    {'Row': 2, 'Col': 2}
    """

    players: tuple[str, ...]
    actions: Mapping[str, tuple[str, ...]]
    table: tuple[tuple[sp.Expr, ...], ...]
    labels: tuple[str, ...]
    lotteries: tuple[Mapping[str, sp.Expr], ...]

    def __init__(
        self,
        players: Mapping[str, Sequence[str]],
        payoffs: Mapping[Profile, Sequence[object]],
        outcomes: Mapping[Profile, object] | None = None,
    ) -> None:
        if not isinstance(players, Mapping) or not players:
            raise InvalidPlayerError("players must be a non-empty mapping of name -> action labels")
        names = tuple(players)
        for name in names:
            if not isinstance(name, str) or not name:
                raise InvalidPlayerError(f"player name {name!r} must be a non-empty string")
        acts = {
            name: _check_labels(players[name], f"action list of player {name}", InvalidActionError)
            for name in names
        }
        if not isinstance(payoffs, Mapping):
            raise InvalidProfileError("payoffs must be a mapping of profile -> payoff tuple")
        n = len(names)
        for key in payoffs:
            _check_profile(key, names, acts)
        table: list[tuple[sp.Expr, ...]] = []
        for profile in itertools.product(*(acts[p] for p in names)):
            if profile not in payoffs:
                raise InvalidProfileError(f"no payoffs given for profile {profile}")
            values = payoffs[profile]
            if isinstance(values, str) or not isinstance(values, Sequence) or len(values) != n:
                raise InvalidPayoffError(
                    f"payoffs at profile {profile} must be a tuple of {n} values "
                    f"(one per player: {', '.join(names)}), got {values!r}"
                )
            table.append(tuple(_payoff(v, p, profile) for p, v in zip(names, values, strict=True)))
        labels, lotteries = _read_outcomes(outcomes, names, acts)
        object.__setattr__(self, "players", names)
        object.__setattr__(self, "actions", FrozenDict(acts))
        object.__setattr__(self, "table", tuple(table))
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "lotteries", lotteries)

    # -- named constructors -------------------------------------------------------------
    @classmethod
    def from_matrices(
        cls,
        *arrays: object,
        players: Sequence[str] | None = None,
        actions: Mapping[str, Sequence[str]] | Sequence[Sequence[str]] | None = None,
        outcomes: Mapping[Profile, str] | None = None,
    ) -> NormalFormGame:
        """Build a game from one payoff array per player (nested lists, numpy arrays, sympy Matrix).

        For two players ``from_matrices(A, B)``: ``A[i][j]`` and ``B[i][j]`` are the row and column
        player's payoffs when row plays ``i`` and column ``j``.  Players default to ``("Row",
        "Col")`` (``P1``, ``P2``, ... beyond two) and actions to ``s1, s2, ...``.
        """
        if len(arrays) < 2:
            raise InvalidGameError("from_matrices needs one payoff array per player (at least two)")
        mats = [_as_object_array(a, k) for k, a in enumerate(arrays)]
        shape = mats[0].shape
        if len(shape) != len(mats):
            raise InvalidGameError(
                f"{len(mats)} players need {len(mats)}-dimensional payoff arrays; "
                f"array 0 has shape {shape}"
            )
        for k, m in enumerate(mats[1:], start=1):
            if m.shape != shape:
                raise InvalidGameError(
                    f"payoff arrays have mismatched shapes: array 0 is {shape}, array {k} is {m.shape}"
                )
        if players is None:
            players = (
                ("Row", "Col") if len(mats) == 2 else tuple(f"P{k + 1}" for k in range(len(mats)))
            )
        if isinstance(players, str) or not isinstance(players, Sequence):
            raise InvalidPlayerError(
                f"players must be a list of names, one per payoff array, got {players!r}"
            )
        players = tuple(players)
        if len(players) != len(mats):
            raise InvalidPlayerError(f"{len(mats)} payoff arrays but {len(players)} players named")
        if actions is None:
            act_lists = [[f"s{i + 1}" for i in range(size)] for size in shape]
        elif isinstance(actions, Mapping):
            stray = [p for p in actions if p not in players]
            if stray:
                raise InvalidPlayerError(
                    f"actions are given for {stray[0]!r}, which is not a player "
                    f"(players: {', '.join(map(str, players))})"
                )
            act_lists = [list(actions[p]) if p in actions else [] for p in players]
        elif isinstance(actions, str) or not isinstance(actions, Sequence):
            raise InvalidActionError(
                f"actions must be a mapping or a list of label lists, one per player, got {actions!r}"
            )
        else:
            act_lists = [
                list(a) if isinstance(a, Sequence) and not isinstance(a, str) else [a]
                for a in actions
            ]
            if len(act_lists) != len(players):
                raise InvalidActionError(
                    f"actions give {len(act_lists)} label lists for {len(players)} players"
                )
        for p, size, acts in zip(players, shape, act_lists, strict=True):
            if len(acts) != size:
                raise InvalidActionError(
                    f"player {p} has {size} strategies in the payoff arrays but {len(acts)} labels"
                )
        spec = dict(zip(players, act_lists, strict=True))
        if len(spec) != len(players):
            raise InvalidPlayerError(f"duplicate player names in {players}")
        payoffs = {
            tuple(act_lists[k][i] for k, i in enumerate(idx)): tuple(m[idx] for m in mats)
            for idx in itertools.product(*(range(s) for s in shape))
        }
        return cls(spec, payoffs, outcomes)

    # -- access ---------------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(len(self.actions[p]) for p in self.players)

    def profiles(self) -> Iterator[Profile]:
        """Every pure profile, in row-major order."""
        return itertools.product(*(self.actions[p] for p in self.players))

    def index(self, profile: Sequence[str]) -> int:
        """Position of a profile in :attr:`table`; :class:`InvalidProfileError` if unknown."""
        if isinstance(profile, str) or not isinstance(profile, Sequence):
            raise InvalidProfileError(
                f"profile {profile!r} must be a tuple of {len(self.players)} actions "
                f"(one per player: {', '.join(self.players)})"
            )
        key = tuple(profile)
        _check_profile(key, self.players, self.actions)
        idx = tuple(self.actions[p].index(a) for p, a in zip(self.players, key, strict=True))
        flat = 0
        for i, size in zip(idx, self.shape, strict=True):  # row-major, any number of players
            flat = flat * size + i
        return flat

    def payoff(self, profile: Sequence[str]) -> dict[str, sp.Expr]:
        """Each player's payoff at a pure profile."""
        return dict(zip(self.players, self.table[self.index(profile)], strict=True))

    def payoff_array(self, player: str | int) -> np.ndarray:
        """One player's payoffs as an object array of shape :attr:`shape`."""
        import numpy as np

        k = self.player_index(player)
        if len(self.players) > 64:
            raise UnsupportedGameError(
                f"payoff_array needs at most 64 players (numpy's limit); this game has "
                f"{len(self.players)}: use payoff(profile) instead"
            )
        return np.array([row[k] for row in self.table], dtype=object).reshape(self.shape)

    def player_index(self, player: str | int) -> int:
        """Position of a player; :class:`InvalidPlayerError` if unknown."""
        if (
            isinstance(player, int)
            and not isinstance(player, bool)
            and 0 <= player < len(self.players)
        ):
            return player
        if player in self.players:
            return self.players.index(player)
        raise InvalidPlayerError(
            f"unknown player {player!r}; the players are {', '.join(self.players)}"
        )

    def matrices(self) -> tuple[sp.Matrix, sp.Matrix]:
        """The two payoff matrices ``(A, B)`` of a two-player game, as sympy matrices."""
        if len(self.players) != 2:
            raise InvalidGameError(
                f"matrices() needs a two-player game; this one has {len(self.players)}"
            )
        return sp.Matrix(self.payoff_array(0)), sp.Matrix(self.payoff_array(1))

    # -- interchange (gametheory.io) ----------------------------------------------------
    @classmethod
    def from_nashpy(
        cls,
        game: object,
        *,
        exact: bool = True,
        players: Sequence[str] | None = None,
        actions: Mapping[str, Sequence[str]] | Sequence[Sequence[str]] | None = None,
    ) -> NormalFormGame:
        """A game from a ``nashpy.Game``; floats read as the decimals they print as (``0.1`` is
        ``1/10``) unless ``exact=False``."""
        arrays = _matrices.nashpy_arrays(game, exact)
        return cls.from_matrices(*arrays, players=players, actions=actions)

    def to_nashpy(self) -> Any:
        """A ``nashpy.Game`` of this numeric two-player game (float64 payoff matrices)."""
        return _matrices.to_nashpy(self)

    def to_matrices(self, *, exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Numpy payoff matrices ``(A, B)`` of a numeric two-player game: float64, or
        ``Fraction`` objects when ``exact``."""
        return _matrices.to_matrices(self, exact=exact)

    def to_gambit(self, title: str = "", comment: str = "") -> str:
        """The text of a Gambit ``.nfg`` file holding this numeric game (read it back with
        :func:`gametheory.read_gambit`); symbolic games: ``game.at(...).to_gambit()``."""
        return render("gambit", self, title, comment)

    def label(self, profile: Sequence[str]) -> str:
        """The outcome label of a pure profile."""
        return self.labels[self.index(profile)]

    @cached_property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """The free symbols of the payoffs (and outcome lotteries), sorted by name."""
        syms: set[sp.Symbol] = set()
        for row in self.table:
            for v in row:
                syms |= v.free_symbols
        for lot in self.lotteries:
            for v in lot.values():
                syms |= v.free_symbols
        return tuple(sorted(syms, key=lambda s: s.name))

    @property
    def is_numeric(self) -> bool:
        """True when every payoff is a number."""
        return not self.parameters

    @property
    def is_exact(self) -> bool:
        """True when every payoff is an exact rational (no floats, no symbols)."""
        return all(v.is_Rational for row in self.table for v in row)

    def default_space(self) -> ParameterSpace:
        """The space the payoffs' symbols allow by their own assumptions."""
        return self._default_space

    @cached_property
    def _default_space(self) -> ParameterSpace:
        return ParameterSpace.from_symbols(self.parameters)

    # -- transformations ------------------------------------------------------------------
    def at(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> NormalFormGame:
        """The game with parameters substituted (exactly; floats read as simple rationals)."""
        point = self.default_space().partial_point(values, **kw)
        return self.map_payoffs(lambda v: v.xreplace(point))

    def map_payoffs(self, fn: Any) -> NormalFormGame:
        """A new game with ``fn`` applied to every payoff (and outcome probability).

        Raises :class:`InvalidPayoffError` naming ``fn`` when it raises (its exception chained as
        the cause) or returns something that is not a payoff."""
        if not callable(fn):
            raise InvalidPayoffError(f"map_payoffs needs a function, got {type(fn).__name__}")

        def call(v: sp.Expr) -> object:
            try:
                return fn(v)
            except Exception as exc:
                name = getattr(fn, "__name__", repr(fn))
                raise InvalidPayoffError(
                    f"the function {name} given to map_payoffs raised "
                    f"{type(exc).__name__} at the payoff {v}: {exc}"
                ) from exc

        return NormalFormGame(
            {p: self.actions[p] for p in self.players},
            {
                prof: tuple(call(v) for v in row)
                for prof, row in zip(self.profiles(), self.table, strict=True)
            },
            {
                prof: {k: call(v) for k, v in lot.items()}
                for prof, lot in zip(self.profiles(), self.lotteries, strict=True)
            },
        )

    def relabel(
        self,
        players: Mapping[str, str] | None = None,
        actions: Mapping[str, Mapping[str, str]] | None = None,
    ) -> NormalFormGame:
        """A copy with players and/or actions renamed (``actions`` keyed by the old player name)."""
        players = dict(players or {})
        actions = dict(actions or {})
        for p in [*players, *actions]:
            self.player_index(p)
        new_acts = {
            players.get(p, p): [actions.get(p, {}).get(a, a) for a in self.actions[p]]
            for p in self.players
        }

        def rename(prof: Profile) -> Profile:
            return tuple(
                actions.get(p, {}).get(a, a) for p, a in zip(self.players, prof, strict=True)
            )

        return NormalFormGame(
            new_acts,
            {rename(prof): row for prof, row in zip(self.profiles(), self.table, strict=True)},
            {
                rename(prof): _renamed_lottery(lot, prof, rename(prof))
                for prof, lot in zip(self.profiles(), self.lotteries, strict=True)
            },
        )

    def permute(self, orders: Mapping[str, Sequence[str]]) -> NormalFormGame:
        """A copy with the given players' actions listed in another order."""
        acts = {p: list(orders.get(p, self.actions[p])) for p in self.players}
        if not isinstance(orders, Mapping):
            raise InvalidActionError(
                f"permute needs a mapping {{player: actions in order}}, got {type(orders).__name__}"
            )
        for p in orders:
            self.player_index(p)
            if sorted(map(str, acts[p])) != sorted(self.actions[p]):
                raise InvalidActionError(
                    f"the order for player {p} must list exactly its actions "
                    f"({', '.join(self.actions[p])}), got {', '.join(map(str, acts[p]))}"
                )
        payoffs = {prof: row for prof, row in zip(self.profiles(), self.table, strict=True)}
        labels = {
            prof: dict(lot) for prof, lot in zip(self.profiles(), self.lotteries, strict=True)
        }
        return NormalFormGame(acts, payoffs, labels)

    # -- display --------------------------------------------------------------------------
    def __str__(self) -> str:
        return render("text", self)

    def __repr__(self) -> str:
        shape = "×".join(str(s) for s in self.shape)
        params = f", parameters {', '.join(map(str, self.parameters))}" if self.parameters else ""
        return f"<NormalFormGame {shape}: {', '.join(self.players)}{params}>"

    def _repr_latex_(self) -> str:
        return render("mathjax", self)

    def to_latex(self, options: LatexOptions | None = None, /, **changes: Any) -> str:
        r"""The payoff table in LaTeX for a paper (booktabs style): a bimatrix for two players
        (the row player's actions as rows), one row per profile otherwise.
        ``environment="tabular"`` omits the ``table`` float.  Needs ``\usepackage{booktabs}``.
        Options: a :class:`~gametheory.latex.LatexOptions`, or single ones by keyword
        (``caption=...``); see :func:`gametheory.latex.normal_form_latex`."""
        return render("latex", self, options, **changes)


def _renamed_lottery(lot: Mapping[str, sp.Expr], old: Profile, new: Profile) -> dict[str, sp.Expr]:
    """A lottery with the default label of ``old`` (its actions joined) renamed for ``new``."""
    default = profile_label(old)
    return {(profile_label(new) if k == default else k): v for k, v in lot.items()}


def _check_profile(
    key: object, names: tuple[str, ...], acts: Mapping[str, tuple[str, ...]]
) -> None:
    if not isinstance(key, tuple) or len(key) != len(names):
        raise InvalidProfileError(
            f"profile {key!r} must be a tuple of {len(names)} actions (one per player: {', '.join(names)})"
        )
    for p, a in zip(names, key, strict=True):
        if a not in acts[p]:
            raise InvalidActionError(
                f"profile {key!r}: {a!r} is not an action of player {p} (actions: {', '.join(acts[p])})"
            )


def _read_outcomes(
    outcomes: Mapping[Profile, object] | None,
    names: tuple[str, ...],
    acts: Mapping[str, tuple[str, ...]],
) -> tuple[tuple[str, ...], tuple[Mapping[str, sp.Expr], ...]]:
    """Labels and lotteries per profile: a profile's outcome is a label, or a distribution over
    labels (``{label: probability}``, e.g. from a game tree with chance)."""
    if outcomes is not None and not isinstance(outcomes, Mapping):
        raise InvalidGameError(
            "outcomes must map profiles to labels (or to {label: probability}), "
            f"got {type(outcomes).__name__}"
        )
    given = dict(outcomes or {})
    for key, lab in given.items():
        _check_profile(key, names, acts)
        if isinstance(lab, Mapping):
            if not lab or not all(isinstance(k, str) and k for k in lab):
                raise InvalidGameError(
                    f"outcome lottery of profile {key} needs non-empty string labels"
                )
        elif not isinstance(lab, str) or not lab:
            raise InvalidGameError(f"outcome label of profile {key} must be a non-empty string")
    labels: list[str] = []
    lotteries: list[Mapping[str, sp.Expr]] = []
    for prof in itertools.product(*(acts[p] for p in names)):
        lab = given.get(prof, profile_label(prof))
        if isinstance(lab, Mapping):
            lottery = {
                k: to_expr(v, f"probability of outcome {k} at profile {prof}", InvalidGameError)
                for k, v in lab.items()
            }
            _check_lottery(lottery, prof)
            sure = [k for k, v in lottery.items() if v == 1]
            labels.append(sure[0] if len(sure) == 1 else profile_label(prof))
            lotteries.append(FrozenDict(lottery))
        else:
            labels.append(str(lab))
            lotteries.append(FrozenDict({lab: sp.Integer(1)}))
    return tuple(labels), tuple(lotteries)


def _check_lottery(lottery: Mapping[str, sp.Expr], prof: Profile) -> None:
    """An outcome lottery's probabilities lie in [0, 1] and sum to 1 where that is decidable."""
    for k, v in lottery.items():
        if v.is_negative or (v - 1).is_positive:
            raise InvalidGameError(
                f"the probability of outcome {k} at profile {prof} is {v}, outside [0, 1]"
            )
    total = sp.Add(*lottery.values())
    off = total != 1 if total.is_Rational else total.is_number and abs(float(total) - 1) > 1e-9
    if off:
        listed = ", ".join(f"{k}: {v}" for k, v in lottery.items())
        raise InvalidGameError(
            f"the outcome probabilities at profile {prof} sum to {total}, not 1 ({listed})"
        )


def _as_object_array(a: object, k: int) -> np.ndarray:
    import numpy as np

    if isinstance(a, sp.MatrixBase):
        return np.array(a.tolist(), dtype=object)
    try:
        arr = np.array(a, dtype=object)
    except ValueError as exc:  # ragged nested lists
        raise InvalidGameError(f"payoff array {k} is ragged: {exc}") from None
    if arr.ndim == 0 or arr.size == 0:
        raise InvalidGameError(f"payoff array {k} is empty or not an array")
    if any(isinstance(x, list | tuple) for x in arr.flat):
        raise InvalidGameError(f"payoff array {k} is ragged (rows of different lengths)")
    return arr
