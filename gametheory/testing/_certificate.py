"""The regret certificate: is a profile an equilibrium?  Independent of every solver."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from .._numbers import rational_of, user_expr
from ..errors import (
    GameError,
    InvalidProfileError,
    NotAnEquilibriumError,
    UnknownParameterError,
    UnsupportedGameError,
)
from ..games.normal_form import NormalFormGame
from ._pbe_walk import value_of

__all__ = ["assert_equilibrium", "regret"]

_value = value_of  # an exact Fraction for rationals, a float otherwise

Value = Fraction | float


def _profile_vectors(
    game: NormalFormGame, profile: object, point: Mapping[Any, Any]
) -> list[list[Value]]:
    return [
        [
            _value(q, f"probability of {a} for {p}")
            for a, q in zip(game.actions[p], vec, strict=True)
        ]
        for p, vec in zip(game.players, _profile_exprs(game, profile, point), strict=True)
    ]


def _profile_exprs(
    game: NormalFormGame, profile: object, point: Mapping[Any, Any]
) -> list[list[sp.Expr]]:
    """The profile's probabilities as sympy expressions, evaluated at ``point``."""
    strategies = getattr(profile, "strategies", profile)
    if not isinstance(strategies, Mapping):
        if isinstance(strategies, Sequence) and len(strategies) == len(game.players):
            strategies = dict(zip(game.players, strategies, strict=True))
        else:
            raise InvalidProfileError(
                "a profile is an Equilibrium, {player: {action: probability}} or one probability "
                f"vector per player; got {type(strategies).__name__}"
            )
    unknown = [p for p in strategies if p not in game.players]
    if unknown:
        raise InvalidProfileError(
            f"profile names unknown player(s): {', '.join(map(str, unknown))}"
        )
    vectors = []
    for p in game.players:
        if p not in strategies:
            raise InvalidProfileError(f"profile gives no strategy for player {p}")
        s = strategies[p]
        acts = game.actions[p]
        if isinstance(s, Mapping):
            extra = [a for a in s if a not in acts]
            if extra:
                raise InvalidProfileError(
                    f"player {p} has no action(s) {', '.join(map(str, extra))}"
                )
            raw = [s.get(a, 0) for a in acts]
        else:
            raw = list(s)
            if len(raw) != len(acts):
                raise InvalidProfileError(
                    f"player {p} has {len(acts)} actions, got {len(raw)} probabilities"
                )
        probs = [_probability(v, a, p) for a, v in zip(acts, raw, strict=True)]
        vectors.append([q.xreplace(point) if point else q for q in probs])
    return vectors


def _probability(value: object, action: str, player: str) -> sp.Expr:
    """A profile's probability as a sympy expression; a string is refused (sympify would run it
    as Python)."""
    what = f"the probability of {action} for player {player} in the profile"
    return user_expr(value, what, InvalidProfileError)


def regret(
    game: NormalFormGame, profile: object, at: Mapping[Any, object] | None = None
) -> dict[str, Value]:
    """Each player's regret: best pure-deviation payoff minus the profile's payoff.

    Computed by direct summation over pure profiles (no solver), exactly when every number is
    rational.  A profile is a Nash equilibrium iff every regret is 0 (up to float tolerance).

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.testing import regret
    >>> pennies = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> regret(pennies, {"Row": {"s1": 1}, "Col": {"s1": 1}})
    {'Row': Fraction(0, 1), 'Col': Fraction(2, 1)}
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(
            f"regret needs a NormalFormGame, got {type(game).__name__} (assert_equilibrium "
            "checks a tree on its normal form)"
        )
    point = _point(game, at)
    numeric = game.at(point) if point else game
    if numeric.parameters:
        names = ", ".join(str(s) for s in numeric.parameters)
        raise GameError(f"the game has parameters ({names}): pass at=... to evaluate it")
    vectors = _profile_vectors(game, profile, point)
    _check_distributions(game, vectors)
    payoff = [[_value(v, "payoff") for v in row] for row in numeric.table]
    shape = numeric.shape
    n = len(shape)
    # expected payoff of player k when k plays action a and the others follow the profile
    dev: list[list[Value]] = [[0] * s for s in shape]
    for flat, idx in enumerate(itertools.product(*(range(s) for s in shape))):
        for k in range(n):
            w: Value = 1
            for j in range(n):
                if j != k:
                    w *= vectors[j][idx[j]]
            if w:
                dev[k][idx[k]] += w * payoff[flat][k]
    out: dict[str, Value] = {}
    for k, p in enumerate(game.players):
        current = sum((q * d for q, d in zip(vectors[k], dev[k], strict=True)), Fraction(0))
        out[p] = max(dev[k]) - current
    return out


def assert_equilibrium(
    game: NormalFormGame,
    profile: object,
    at: Mapping[Any, object] | None = None,
    tol: float = 1e-9,
) -> None:
    """Raise :class:`~gametheory.NotAnEquilibriumError` unless ``profile`` is a Nash equilibrium.

    Parameters
    ----------
    game
        The game (symbolic games need ``at``); a game tree is checked on its normal form.
    profile
        An :class:`~gametheory.Equilibrium`, a mapping ``{player: {action: probability}}``, or
        one probability vector per player.
    at
        A parameter point for symbolic games and profiles, by name or symbol.  It may be wider
        than the game (a model scenario); a name the game lacks is an
        :class:`~gametheory.errors.UnknownParameterError` when the game's own parameters are not
        all given.
    tol
        Allowed regret and probability error when floats are involved (scaled by the largest
        payoff); exact profiles in exact games must have regret exactly 0, decided in exact
        arithmetic also for irrational algebraic probabilities (radicals, ``CRootOf``).

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.testing import assert_equilibrium
    >>> pennies = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> assert_equilibrium(pennies, gt.nash(pennies)[0])  # passes: returns None
    >>> assert_equilibrium(pennies, {"Row": {"s1": 1}, "Col": {"s1": 1}})
    Traceback (most recent call last):
    ...
    gametheory.errors.NotAnEquilibriumError: player Col gains 2 by deviating (tolerance 0)
    """
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not tol >= 0:
        raise GameError(f"tol must be a nonnegative number, got {tol!r}")
    nf, profile = _as_normal_form(game, profile)
    point = _point(nf, at)
    exprs = _profile_exprs(nf, profile, point)
    if _algebraic(exprs) and (nf.at(point) if point else nf).is_exact:
        _assert_algebraic(nf.at(point) if point else nf, exprs)
        return
    vectors = _profile_vectors(nf, profile, point)
    exact = all(isinstance(v, Fraction) for vec in vectors for v in vec)
    numeric = nf.at(point) if point else nf
    scale = max([1.0, *(abs(float(v)) for row in numeric.table for v in row if v.is_number)])
    eps: Value = Fraction(0) if exact and numeric.is_exact else tol * scale
    for p, vec in zip(nf.players, vectors, strict=True):
        total: Value = sum(vec, Fraction(0))
        off = total != 1 if exact else abs(float(total) - 1.0) > tol
        if any(v < 0 and float(-v) > float(eps) for v in vec) or off:
            raise NotAnEquilibriumError(f"the strategy of {p} is not a probability vector: {vec}")
    gaps = regret(nf, profile, point)
    for p, gap in gaps.items():
        if gap > eps:
            raise NotAnEquilibriumError(f"player {p} gains {gap} by deviating (tolerance {eps})")


def _algebraic(exprs: list[list[sp.Expr]]) -> bool:
    """Whether the probabilities are exact numbers (no floats, no symbols), some irrational."""
    flat = [q for vec in exprs for q in vec]
    if all(q.is_Rational for q in flat):
        return False
    return all(q.is_number and not q.has(sp.Float) and q.is_algebraic is not False for q in flat)


def _exact_sign(e: sp.Expr) -> int:
    """The sign of an algebraic number, decided exactly.  Zero: for a polynomial in a single
    ``CRootOf`` ``r``, iff it is divisible by ``r``'s polynomial (sympy keeps it irreducible);
    otherwise iff its minimal polynomial is ``x``.  A nonzero number's sign is that of a strict
    evaluation to 50 significant digits (full relative precision: the sign is right)."""
    e = sp.expand(e)
    if e.is_Rational:
        return int(e.p > 0) - int(e.p < 0)
    roots = e.atoms(sp.CRootOf)
    y = sp.Dummy("y")
    as_poly = sp.Poly(e.xreplace({roots.pop(): y}), y) if len(roots) == 1 else None
    if as_poly is not None and as_poly.domain in (sp.ZZ, sp.QQ):
        # a polynomial in one CRootOf r: zero iff divisible by r's (irreducible) polynomial
        (r,) = e.atoms(sp.CRootOf)
        own = sp.Poly(r.poly.as_expr().subs(r.poly.gen, y), y)
        if as_poly.rem(own).is_zero:
            return 0
    else:
        x = sp.Dummy("x")
        if sp.minimal_polynomial(e, x) == x:
            return 0
    v = sp.N(e, 50, strict=True)
    return 1 if v > 0 else -1


def _assert_algebraic(game: NormalFormGame, exprs: list[list[sp.Expr]]) -> None:
    """The certificate in exact algebraic arithmetic (irrational probabilities, exact game):
    every probability is nonnegative, each player's sum to 1, and no pure deviation gains."""
    for p, vec in zip(game.players, exprs, strict=True):
        if any(_exact_sign(q) < 0 for q in vec) or _exact_sign(sp.Add(*vec) - 1) != 0:
            raise NotAnEquilibriumError(f"the strategy of {p} is not a probability vector: {vec}")
    shape = game.shape
    n = len(shape)
    dev: list[list[sp.Expr]] = [[sp.Integer(0)] * s for s in shape]
    for row, idx in zip(game.table, itertools.product(*(range(s) for s in shape)), strict=True):
        for k in range(n):
            w = sp.Mul(*(exprs[j][idx[j]] for j in range(n) if j != k))
            if w != 0:
                dev[k][idx[k]] += w * row[k]
    for k, p in enumerate(game.players):
        current = sp.Add(*(q * d for q, d in zip(exprs[k], dev[k], strict=True)))
        for a, d in zip(game.actions[p], dev[k], strict=True):
            if _exact_sign(sp.expand(d - current)) > 0:
                gain = sp.N(d - current, 15)
                raise NotAnEquilibriumError(
                    f"player {p} gains {gain} by deviating to {a} (decided exactly)"
                )


def _check_distributions(game: NormalFormGame, vectors: list[list[Value]]) -> None:
    """Each player's probabilities are nonnegative and sum to 1 (exactly, or within 1e-9 with
    floats): a regret of anything else means nothing."""
    for p, vec in zip(game.players, vectors, strict=True):
        for a, v in zip(game.actions[p], vec, strict=True):
            if v < 0 and (isinstance(v, Fraction) or v < -1e-9):
                raise InvalidProfileError(f"the probability of {a} for player {p} is {v}, below 0")
        total = sum(vec, Fraction(0))
        exact = all(isinstance(v, Fraction) for v in vec)
        if (total != 1) if exact else abs(float(total) - 1) > 1e-9:
            raise InvalidProfileError(f"the probabilities of player {p} sum to {total}, not 1")


def _as_normal_form(game: object, profile: object) -> tuple[NormalFormGame, object]:
    """A game tree is checked on its reduced normal form; a behaviour profile (keyed by
    information set) becomes the mixed profile it induces."""
    if isinstance(game, NormalFormGame):
        return game, profile
    to_nf = getattr(game, "to_normal_form", None)
    if not callable(to_nf):
        raise GameError(f"cannot check a profile of a {type(game).__name__}")
    nf = to_nf()
    strategies = getattr(profile, "strategies", profile)
    if isinstance(strategies, Mapping) and not set(strategies) <= set(nf.players):
        profile = game.behaviour_to_mixed(strategies)  # type: ignore[attr-defined]
    return nf, profile


def _point(game: NormalFormGame, at: Mapping[Any, object] | None) -> dict[sp.Symbol, sp.Rational]:
    if not at:
        return {}
    out: dict[sp.Symbol, sp.Rational] = {}
    by_name = {s.name: s for s in game.parameters}
    for key, v in at.items():
        name = key.name if isinstance(key, sp.Symbol) else str(key)
        if name in by_name:
            out[by_name[name]] = rational_of(v, f"value of parameter {name}", GameError)
    # a point may be wider than the game (a scenario of the model's space names parameters of
    # other parts of the model); names the game lacks are an error only where the game's own
    # parameters are then missing: the likely typo
    missing = sorted(s.name for s in game.parameters if s not in out)
    unknown = sorted(
        str(k) for k in at if (k.name if isinstance(k, sp.Symbol) else str(k)) not in by_name
    )
    if missing and unknown:
        raise UnknownParameterError(
            f"at= names {', '.join(unknown)}, not parameters of the game, and lacks "
            f"{', '.join(missing)} (its parameters: {', '.join(sorted(by_name))})"
        )
    return out
