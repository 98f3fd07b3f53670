"""Bad input across the Python API (issue 13): every bad input is one clear GameError.

Each row of ``CASES`` calls a public entry point with one bad input and names the
:class:`~gametheory.GameError` subclass it must raise and the words its message must contain
(the culprit: the player, action, node, parameter or argument, and for intervals how they read).
``VALID`` lists unusual inputs that must be accepted.  A hypothesis test throws random garbage
at the constructors: each call gives a game or a GameError, nothing else.

Counts over the 323 rows (``python tests/test_bad_inputs.py`` prints them; each row run with a
20 s alarm).  The 12 rows still open on this branch are marked ``xfail`` (``OPEN``): their fix
belongs to modules outside this change (the testing helpers, the exact bimatrix kernel).

=============================  ===================  ===============
row outcome                    on main (89fb72d)    on this branch
=============================  ===================  ===============
clear (right type, culprit)    237                  311
unclear (GameError, no name)   20                   4
wrong type                     27                   5
silent (accepted)              39                   3
hang (> 20 s)                  0                    0
valid inputs refused           6 of 19              0 of 19
=============================  ===================  ===============
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import claims
from gametheory.claims import ClaimError
from gametheory.errors import (
    GameError,
    InvalidActionError,
    InvalidGameError,
    InvalidPayoffError,
    InvalidPlayerError,
    InvalidProfileError,
    InvalidSpaceError,
    MissingParameterError,
    OutsideSpaceError,
    UnknownParameterError,
    UnsupportedGameError,
)
from gametheory.testing import (
    assert_claim,
    assert_equilibrium,
    assert_pbe,
    assert_spe,
    random_signalling_game,
    regret,
)

c, a = sp.symbols("c a", positive=True)
z = sp.Symbol("z")
r, theta = sp.symbols("r theta")
NAN, INF = float("nan"), float("inf")
HOLD = ("hold", "escalate")
PLAYERS = {"US": list(HOLD), "Iran": list(HOLD)}


def payoffs(**override: Any) -> dict[tuple[str, str], Any]:
    base: dict[tuple[str, str], Any] = {
        ("hold", "hold"): (0, 0),
        ("hold", "escalate"): (-a, 1),
        ("escalate", "hold"): (1, -a),
        ("escalate", "escalate"): (-c, -c),
    }
    for key, value in override.items():
        base[tuple(key.split("_"))] = value  # type: ignore[index]
    return base


def nfg(**kw: Any) -> gt.NormalFormGame:
    args: dict[str, Any] = {"players": PLAYERS, "payoffs": payoffs()}
    args.update(kw)
    return gt.NormalFormGame(**args)


def leaf(us: object = 0, iran: object = 0, label: str | None = None) -> gt.Outcome:
    return gt.Outcome(label, US=us, Iran=iran)


def dec(player: object = "US", actions: Any = None, infoset: Any = None) -> gt.Decision:
    return gt.Decision(player, actions or {"x": leaf(), "y": leaf(1, 1)}, infoset=infoset)  # type: ignore[arg-type]


def ext(root: Any, **kw: Any) -> gt.ExtensiveGame:
    return gt.ExtensiveGame(root, **kw)


def signaling(**kw: Any) -> gt.SignalingGame:
    args: dict[str, Any] = {
        "sender": "Iran",
        "receiver": "US",
        "types": {"resolute": sp.Rational(1, 3), "irresolute": sp.Rational(2, 3)},
        "messages": ["warn", "surprise"],
        "actions": ["accept", "escalate"],
        "payoffs": lambda t, m, x: {"Iran": 1 if x == "accept" else -c, "US": 0},
    }
    args.update(kw)
    return gt.SignalingGame(**args)


@functools.cache
def space() -> gt.ParameterSpace:
    return gt.ParameterSpace({c: (0, 10), a: (0, 10)}, constraints=[c > a])


@functools.cache
def game() -> gt.NormalFormGame:
    return nfg(outcomes={("escalate", "escalate"): "war"})


@functools.cache
def sol() -> gt.Solution:
    return gt.nash(game(), space=space())


@functools.cache
def tree() -> gt.ExtensiveGame:
    return ext(
        gt.Decision(
            "Iran",
            {
                "absorb": leaf(1, -a),
                "retaliate": gt.Decision(
                    "US",
                    {"accept": leaf(-a, 1), "escalate": leaf(-c, -c, "war")},
                ),
            },
        )
    )


@functools.cache
def numeric() -> gt.NormalFormGame:
    return gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


@functools.cache
def sweep_result() -> Any:
    return gt.sweep(sol(), c=np.linspace(1, 10, 4), a=0.5)


def profile(**override: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"Row": {"s1": Fraction(1, 2), "s2": Fraction(1, 2)}}
    base["Col"] = {"s1": Fraction(1, 2), "s2": Fraction(1, 2)}
    base.update(override)
    return base


class Boom(Exception):
    """A user function's own exception."""


def boom(*args: object) -> Any:
    raise Boom("user code failed")


def players_of(n: int) -> gt.NormalFormGame:
    names = [f"P{k}" for k in range(n)]
    return gt.NormalFormGame({p: ["a"] for p in names}, {("a",) * n: tuple(range(n))})


@dataclass(frozen=True)
class Case:
    id: str
    call: Callable[[], object]
    error: type[GameError]
    culprit: tuple[str, ...]


def case(id: str, call: Callable[[], object], error: type[GameError], *culprit: str) -> Any:
    return Case(id, call, error, culprit)


CASES: list[Case] = [
    # -- NormalFormGame ------------------------------------------------------------------
    case("nf-players-list", lambda: nfg(players=["US", "Iran"]), InvalidPlayerError, "players"),
    case("nf-players-empty", lambda: nfg(players={}), InvalidPlayerError, "players"),
    case("nf-players-none", lambda: nfg(players=None), InvalidPlayerError, "players"),
    case(
        "nf-player-int",
        lambda: nfg(players={1: list(HOLD), "Iran": list(HOLD)}),
        InvalidPlayerError,
        "1",
    ),
    case(
        "nf-player-empty-name",
        lambda: nfg(players={"": list(HOLD), "Iran": list(HOLD)}),
        InvalidPlayerError,
        "player",
    ),
    case(
        "nf-actions-str",
        lambda: nfg(players={"US": "he", "Iran": list(HOLD)}),
        InvalidActionError,
        "US",
    ),
    case(
        "nf-actions-empty",
        lambda: nfg(players={"US": [], "Iran": list(HOLD)}),
        InvalidActionError,
        "US",
    ),
    case(
        "nf-actions-dup",
        lambda: nfg(players={"US": ["hold", "hold"], "Iran": list(HOLD)}),
        InvalidActionError,
        "US",
        "hold",
    ),
    case(
        "nf-action-int",
        lambda: nfg(players={"US": ["hold", 2], "Iran": list(HOLD)}),
        InvalidActionError,
        "US",
        "2",
    ),
    case(
        "nf-actions-set",
        lambda: nfg(players={"US": {"hold", "escalate"}, "Iran": list(HOLD)}),
        InvalidActionError,
        "US",
    ),
    case("nf-payoffs-list", lambda: nfg(payoffs=[(0, 0)] * 4), InvalidProfileError, "payoffs"),
    case("nf-payoffs-none", lambda: nfg(payoffs=None), InvalidProfileError, "payoffs"),
    case(
        "nf-profile-missing",
        lambda: nfg(payoffs={k: v for k, v in payoffs().items() if k != HOLD}),
        InvalidProfileError,
        "hold",
        "escalate",
    ),
    case(
        "nf-profile-unknown-action",
        lambda: nfg(payoffs={**payoffs(), ("bogus", "hold"): (0, 0)}),
        InvalidActionError,
        "bogus",
        "US",
    ),
    case(
        "nf-profile-short",
        lambda: nfg(payoffs={**payoffs(), ("hold",): (0, 0)}),
        InvalidProfileError,
        "hold",
    ),
    case(
        "nf-profile-list-key",
        lambda: nfg(payoffs={**payoffs(), "hold": (0, 0)}),
        InvalidProfileError,
        "hold",
    ),
    case(
        "nf-payoff-tuple-short",
        lambda: nfg(payoffs=payoffs(hold_hold=(0,))),
        InvalidPayoffError,
        "hold",
    ),
    case(
        "nf-payoff-tuple-long",
        lambda: nfg(payoffs=payoffs(hold_hold=(0, 0, 0))),
        InvalidPayoffError,
        "hold",
    ),
    case("nf-payoff-scalar", lambda: nfg(payoffs=payoffs(hold_hold=0)), InvalidPayoffError, "hold"),
    case(
        "nf-payoff-str",
        lambda: nfg(payoffs=payoffs(hold_hold=("1", 0))),
        InvalidPayoffError,
        "US",
        "'1'",
    ),
    case(
        "nf-payoff-none",
        lambda: nfg(payoffs=payoffs(hold_hold=(None, 0))),
        InvalidPayoffError,
        "US",
        "None",
    ),
    case(
        "nf-payoff-nan",
        lambda: nfg(payoffs=payoffs(hold_hold=(NAN, 0))),
        InvalidPayoffError,
        "US",
        "nan",
    ),
    case(
        "nf-payoff-inf",
        lambda: nfg(payoffs=payoffs(hold_hold=(0, -INF))),
        InvalidPayoffError,
        "Iran",
        "inf",
    ),
    case(
        "nf-payoff-np-nan",
        lambda: nfg(payoffs=payoffs(hold_hold=(np.float64("nan"), 0))),
        InvalidPayoffError,
        "US",
    ),
    case(
        "nf-payoff-huge",
        lambda: nfg(payoffs=payoffs(hold_hold=(10**100000, 0))),
        InvalidPayoffError,
        "US",
    ),
    case(
        "nf-payoff-1e1000",
        lambda: gt.nash(gt.NormalFormGame.from_matrices([[10**1000, 0], [0, 1]], [[1, 0], [0, 1]])),
        InvalidPayoffError,
        "Row",
        "digits",
    ),
    case(
        "nf-payoff-tiny",
        lambda: nfg(payoffs=payoffs(hold_hold=(Fraction(1, 10**5000), 0))),
        InvalidPayoffError,
        "US",
        "digits",
    ),
    case(
        "nf-payoff-complex",
        lambda: nfg(payoffs=payoffs(hold_hold=(1 + 2j, 0))),
        InvalidPayoffError,
        "US",
    ),
    case(
        "nf-payoff-sympy-I",
        lambda: nfg(payoffs=payoffs(hold_hold=(sp.I * c, 0))),
        InvalidPayoffError,
        "US",
        "real",
    ),
    case(
        "nf-payoff-sqrt-neg",
        lambda: nfg(payoffs=payoffs(hold_hold=(sp.sqrt(-1 - c), 0))),
        InvalidPayoffError,
        "US",
        "real",
    ),
    case(
        "nf-payoff-sympy-bool",
        lambda: nfg(payoffs=payoffs(hold_hold=(sp.true, 0))),
        InvalidPayoffError,
        "US",
    ),
    case(
        "nf-payoff-relational",
        lambda: nfg(payoffs=payoffs(hold_hold=(c > 1, 0))),
        InvalidPayoffError,
        "US",
    ),
    case(
        "nf-payoff-bool",
        lambda: nfg(payoffs=payoffs(hold_hold=(True, 0))),
        InvalidPayoffError,
        "US",
    ),
    case(
        "nf-payoff-list", lambda: nfg(payoffs=payoffs(hold_hold=([1], 0))), InvalidPayoffError, "US"
    ),
    case(
        "nf-payoff-zoo",
        lambda: nfg(payoffs=payoffs(hold_hold=(sp.zoo, 0))),
        InvalidPayoffError,
        "US",
    ),
    case(
        "nf-payoff-oo", lambda: nfg(payoffs=payoffs(hold_hold=(sp.oo, 0))), InvalidPayoffError, "US"
    ),
    case(
        "nf-payoff-matrix",
        lambda: nfg(payoffs=payoffs(hold_hold=(sp.Matrix([1]), 0))),
        InvalidPayoffError,
        "US",
    ),
    case("nf-outcomes-list", lambda: nfg(outcomes=["war"]), InvalidGameError, "outcomes"),
    case("nf-outcome-int", lambda: nfg(outcomes={HOLD: 5}), InvalidGameError, "hold"),
    case(
        "nf-outcome-unknown-profile",
        lambda: nfg(outcomes={("bogus", "hold"): "war"}),
        InvalidActionError,
        "bogus",
    ),
    case(
        "nf-outcome-lottery-str",
        lambda: nfg(outcomes={HOLD: {"war": "1"}}),
        InvalidGameError,
        "war",
    ),
    case(
        "nf-outcome-lottery-2",
        lambda: nfg(outcomes={HOLD: {"war": 2}}),
        InvalidGameError,
        "war",
        "2",
    ),
    case(
        "nf-outcome-lottery-neg",
        lambda: nfg(outcomes={HOLD: {"war": Fraction(3, 2), "peace": Fraction(-1, 2)}}),
        InvalidGameError,
        "war",
        "3/2",
    ),
    case(
        "nf-outcome-lottery-sum",
        lambda: nfg(outcomes={HOLD: {"war": Fraction(1, 2), "peace": Fraction(1, 4)}}),
        InvalidGameError,
        "3/4",
    ),
    case("nf-outcome-lottery-empty", lambda: nfg(outcomes={HOLD: {}}), InvalidGameError, "hold"),
    # -- from_matrices -------------------------------------------------------------------
    case(
        "fm-one-array", lambda: gt.NormalFormGame.from_matrices([[1, 2]]), InvalidGameError, "array"
    ),
    case(
        "fm-shapes",
        lambda: gt.NormalFormGame.from_matrices([[1, 2]], [[1, 2, 3]]),
        InvalidGameError,
        "shape",
    ),
    case(
        "fm-ragged",
        lambda: gt.NormalFormGame.from_matrices([[1, 2], [3]], [[1, 2], [3, 4]]),
        InvalidGameError,
        "ragged",
    ),
    case(
        "fm-string",
        lambda: gt.NormalFormGame.from_matrices("ab", "cd"),
        InvalidGameError,
        "array 0",
    ),
    case("fm-empty", lambda: gt.NormalFormGame.from_matrices([], []), InvalidGameError, "array 0"),
    case(
        "fm-none", lambda: gt.NormalFormGame.from_matrices(None, None), InvalidGameError, "array 0"
    ),
    case(
        "fm-str-entry",
        lambda: gt.NormalFormGame.from_matrices([["x", 1], [1, 1]], [[1, 1], [1, 1]]),
        InvalidPayoffError,
        "Row",
        "'x'",
    ),
    case(
        "fm-nan-entry",
        lambda: gt.NormalFormGame.from_matrices([[1, 1], [1, 1]], np.array([[1, NAN], [1, 1]])),
        InvalidPayoffError,
        "Col",
        "nan",
    ),
    case(
        "fm-3d-for-2",
        lambda: gt.NormalFormGame.from_matrices(np.zeros((2, 2, 2)), np.zeros((2, 2, 2))),
        InvalidGameError,
        "2 players",
    ),
    case(
        "fm-players-count",
        lambda: gt.NormalFormGame.from_matrices([[1]], [[1]], players=("A",)),
        InvalidPlayerError,
        "1 players",
    ),
    case(
        "fm-players-dup",
        lambda: gt.NormalFormGame.from_matrices([[1]], [[1]], players=("A", "A")),
        InvalidPlayerError,
        "A",
    ),
    case(
        "fm-players-str",
        lambda: gt.NormalFormGame.from_matrices([[1]], [[1]], players="AB"),
        InvalidPlayerError,
        "players",
    ),
    case(
        "fm-players-int",
        lambda: gt.NormalFormGame.from_matrices([[1]], [[1]], players=("A", 5)),
        InvalidPlayerError,
        "5",
    ),
    case(
        "fm-actions-count",
        lambda: gt.NormalFormGame.from_matrices([[1, 2]], [[1, 2]], actions=[["u"], ["l"]]),
        InvalidActionError,
        "Col",
    ),
    case(
        "fm-actions-missing",
        lambda: gt.NormalFormGame.from_matrices([[1, 2]], [[1, 2]], actions={"Row": ["u"]}),
        InvalidActionError,
        "Col",
    ),
    case(
        "fm-actions-str",
        lambda: gt.NormalFormGame.from_matrices([[1, 2]], [[1, 2]], actions="ab"),
        InvalidActionError,
        "actions",
    ),
    case(
        "fm-actions-unknown-player",
        lambda: gt.NormalFormGame.from_matrices(
            [[1, 2]], [[1, 2]], actions={"Row": ["u"], "Col": ["l", "r"], "Z": ["q"]}
        ),
        InvalidPlayerError,
        "Z",
    ),
    # -- game access ---------------------------------------------------------------------
    case(
        "nf-payoff-unknown-action",
        lambda: game().payoff(("bogus", "hold")),
        InvalidActionError,
        "bogus",
        "US",
    ),
    case("nf-payoff-str-profile", lambda: game().payoff("hold"), InvalidProfileError, "'hold'"),
    case("nf-index-short", lambda: game().index(("hold",)), InvalidProfileError, "hold"),
    case(
        "nf-player-index-unknown",
        lambda: game().player_index("Nobody"),
        InvalidPlayerError,
        "Nobody",
    ),
    case("nf-player-index-range", lambda: game().player_index(5), InvalidPlayerError, "5"),
    case(
        "nf-payoff-array-unknown",
        lambda: game().payoff_array("Nobody"),
        InvalidPlayerError,
        "Nobody",
    ),
    case("nf-at-unknown", lambda: game().at(z=1), UnknownParameterError, "z"),
    case("nf-at-str", lambda: game().at(c="five"), GameError, "c", "five"),
    case("nf-at-none", lambda: game().at(c=None), GameError, "c", "None"),
    case("nf-at-nan", lambda: game().at(c=NAN), GameError, "c", "nan"),
    case("nf-at-inf", lambda: game().at(c=INF), GameError, "c", "inf"),
    case("nf-at-complex", lambda: game().at(c=1j), GameError, "c"),
    case("nf-at-negative", lambda: game().at(c=-1), OutsideSpaceError, "c", "(0, oo)"),
    case("nf-at-list", lambda: game().at(c=[1, 2]), GameError, "c"),
    case("nf-at-symbolic", lambda: game().at(c=a), GameError, "c"),
    case("nf-at-twice", lambda: game().at({"c": 1}, c=2), UnknownParameterError, "c", "twice"),
    case("nf-at-key-int", lambda: game().at({5: 1}), UnknownParameterError, "5"),
    case(
        "nf-relabel-unknown",
        lambda: game().relabel(players={"Nobody": "X"}),
        InvalidPlayerError,
        "Nobody",
    ),
    case(
        "nf-permute-unknown",
        lambda: game().permute({"US": ["hold", "bogus"]}),
        InvalidActionError,
        "bogus",
    ),
    case("nf-map-payoffs-raises", lambda: game().map_payoffs(boom), InvalidPayoffError, "boom"),
    case(
        "nf-map-payoffs-str", lambda: game().map_payoffs(lambda v: "x"), InvalidPayoffError, "'x'"
    ),
    # -- tree nodes ----------------------------------------------------------------------
    case("outcome-none", lambda: gt.Outcome(), InvalidPayoffError, "payoff"),
    case("outcome-label-int", lambda: gt.Outcome(5, US=1), InvalidGameError, "label", "5"),
    case("outcome-str", lambda: gt.Outcome(US="1"), InvalidPayoffError, "US", "'1'"),
    case("outcome-none-payoff", lambda: gt.Outcome(US=None), InvalidPayoffError, "US"),
    case("outcome-nan", lambda: gt.Outcome("war", US=NAN), InvalidPayoffError, "US", "war"),
    case("outcome-complex", lambda: gt.Outcome(US=1 + 1j), InvalidPayoffError, "US"),
    case("outcome-sympy-I", lambda: gt.Outcome(US=2 * sp.I), InvalidPayoffError, "US", "real"),
    case("outcome-huge", lambda: gt.Outcome(US=10**100000), InvalidPayoffError, "US"),
    case(
        "outcome-huge-float-expr",
        lambda: gt.Outcome(US=sp.Float("1e100000")),
        InvalidPayoffError,
        "US",
    ),
    case("outcome-list", lambda: gt.Outcome(US=[1]), InvalidPayoffError, "US"),
    case("outcome-bool", lambda: gt.Outcome(US=False), InvalidPayoffError, "US"),
    case("decision-player-int", lambda: dec(5), InvalidPlayerError, "5"),
    case("decision-player-empty", lambda: dec(""), InvalidPlayerError, "player"),
    case("decision-actions-empty", lambda: gt.Decision("US", {}), InvalidActionError, "US"),
    case(
        "decision-actions-list",
        lambda: gt.Decision("US", [leaf()]),
        InvalidActionError,
        "US",
        "mapping",
    ),  # type: ignore[arg-type]
    case("decision-child-int", lambda: dec(actions={"x": 5}), InvalidGameError, "x", "US"),
    case("decision-child-dict", lambda: dec(actions={"x": {"US": 1}}), InvalidGameError, "x", "US"),
    case("decision-label-int", lambda: dec(actions={1: leaf()}), InvalidActionError, "1", "US"),
    case(
        "decision-label-slash",
        lambda: dec(actions={"a/b": leaf()}),
        InvalidActionError,
        "a/b",
        "US",
    ),
    case("decision-infoset-int", lambda: dec(infoset=5), InvalidGameError, "infoset", "US"),
    case("chance-empty", lambda: gt.Chance({}), InvalidActionError, "chance"),
    case("chance-list", lambda: gt.Chance([(1, leaf())]), InvalidActionError, "chance"),  # type: ignore[arg-type]
    case("chance-not-pair", lambda: gt.Chance({"x": leaf()}), InvalidGameError, "x"),  # type: ignore[dict-item]
    case("chance-prob-str", lambda: gt.Chance({"x": ("1", leaf())}), InvalidGameError, "x", "'1'"),
    case("chance-prob-nan", lambda: gt.Chance({"x": (NAN, leaf())}), InvalidGameError, "x", "nan"),
    case("chance-prob-complex", lambda: gt.Chance({"x": (1j, leaf())}), InvalidGameError, "x"),
    case(
        "chance-prob-negative",
        lambda: ext(gt.Chance({"x": (-1, leaf()), "y": (2, leaf())})),
        InvalidGameError,
        "x",
    ),
    case(
        "chance-prob-above-1",
        lambda: ext(gt.Chance({"x": (Fraction(3, 2), leaf())})),
        InvalidGameError,
        "x",
    ),
    case(
        "chance-sum",
        lambda: ext(gt.Chance({"x": (0.5, leaf()), "y": (0.4, leaf())})),
        InvalidGameError,
        "x",
        "9/10",
    ),
    case("chance-child-str", lambda: gt.Chance({"x": (1, "leaf")}), InvalidGameError, "x"),  # type: ignore[dict-item]
    case("chance-label-slash", lambda: gt.Chance({"x/y": (1, leaf())}), InvalidActionError, "x/y"),
    case(
        "chance-symbolic-never-one",
        lambda: ext(gt.Chance({"x": (c + 1, leaf()), "y": (c, leaf())})),
        InvalidGameError,
        "x",
    ),
    case(
        "cdec-var-str",
        lambda: gt.ContinuousDecision("US", "r", (0, 1), leaf()),
        InvalidGameError,
        "US",
        "'r'",
    ),  # type: ignore[arg-type]
    case(
        "cdec-reversed",
        lambda: gt.ContinuousDecision("US", r, (1, 0), leaf()),
        InvalidGameError,
        "r",
        "[1, 0]",
    ),
    case(
        "cdec-interval-3",
        lambda: gt.ContinuousDecision("US", r, (0, 1, 2), leaf()),
        InvalidGameError,
        "r",
    ),  # type: ignore[arg-type]
    case(
        "cdec-interval-str",
        lambda: gt.ContinuousDecision("US", r, ("a", 1), leaf()),
        InvalidGameError,
        "r",
        "'a'",
    ),
    case(
        "cdec-interval-nan",
        lambda: gt.ContinuousDecision("US", r, (0, NAN), leaf()),
        InvalidGameError,
        "r",
        "nan",
    ),
    case(
        "cdec-interval-inf",
        lambda: gt.ContinuousDecision("US", r, (0, INF), leaf()),
        InvalidGameError,
        "r",
        "inf",
    ),
    case(
        "cdec-then-int", lambda: gt.ContinuousDecision("US", r, (0, 1), 5), InvalidGameError, "US"
    ),  # type: ignore[arg-type]
    case(
        "cdec-player-none",
        lambda: gt.ContinuousDecision(None, r, (0, 1), leaf()),
        InvalidPlayerError,
        "player",
    ),  # type: ignore[arg-type]
    case(
        "cdec-infoset-int",
        lambda: gt.ContinuousDecision("US", r, (0, 1), leaf(), infoset=5),
        InvalidGameError,
        "infoset",
        "US",
    ),  # type: ignore[arg-type]
    case(
        "cdec-interval-complex",
        lambda: gt.ContinuousDecision("US", r, (0, sp.I), leaf()),
        InvalidGameError,
        "r",
    ),
    case(
        "cchance-var-str",
        lambda: gt.ContinuousChance("theta", gt.Uniform(0, 1), leaf()),
        InvalidGameError,
        "'theta'",
    ),  # type: ignore[arg-type]
    case(
        "cchance-dist-tuple",
        lambda: gt.ContinuousChance(theta, (0, 1), leaf()),
        InvalidGameError,
        "theta",
        "Uniform",
    ),  # type: ignore[arg-type]
    case(
        "cchance-empty-support",
        lambda: gt.ContinuousChance(theta, gt.Uniform(c, -a), leaf()),
        InvalidGameError,
        "theta",
        "[c, -a]",
    ),
    case(
        "cchance-self-support",
        lambda: gt.ContinuousChance(theta, gt.Uniform(0, theta), leaf()),
        InvalidGameError,
        "theta",
    ),
    case(
        "cchance-seen-by-int",
        lambda: gt.ContinuousChance(theta, gt.Uniform(0, 1), leaf(), seen_by=[5]),
        InvalidPlayerError,
        "theta",
        "5",
    ),
    case(
        "cchance-seen-by-unknown",
        lambda: ext(gt.ContinuousChance(theta, gt.Uniform(0, 1), dec(), seen_by=["Nobody"])),
        InvalidPlayerError,
        "Nobody",
    ),
    case(
        "cchance-then-none",
        lambda: gt.ContinuousChance(theta, gt.Uniform(0, 1), None),
        InvalidGameError,
        "theta",
    ),  # type: ignore[arg-type]
    case("uniform-str", lambda: gt.Uniform("a", 1), InvalidGameError, "Uniform", "'a'"),
    case("uniform-nan", lambda: gt.Uniform(0, NAN), InvalidGameError, "Uniform", "nan"),
    case("uniform-none", lambda: gt.Uniform(0, None), InvalidGameError, "Uniform", "None"),
    case("uniform-oo", lambda: gt.Uniform(0, sp.oo), InvalidGameError, "Uniform"),
    case("uniform-complex", lambda: gt.Uniform(0, sp.I), InvalidGameError, "Uniform", "real"),
    # -- ExtensiveGame -------------------------------------------------------------------
    case("ext-root-int", lambda: ext(5), InvalidGameError, "root"),
    case("ext-root-game", lambda: ext(game()), InvalidGameError, "root"),
    case("ext-players-missing", lambda: ext(dec(), players=("Iran",)), InvalidPlayerError, "US"),
    case("ext-players-str", lambda: ext(dec(), players="US"), InvalidPlayerError, "players"),
    case(
        "ext-players-dup",
        lambda: ext(dec(), players=("US", "US", "Iran")),
        InvalidPlayerError,
        "US",
    ),
    case("ext-players-int", lambda: ext(dec(), players=("US", 5, "Iran")), InvalidPlayerError, "5"),
    case(
        "ext-outcome-missing-player",
        lambda: ext(gt.Decision("US", {"x": gt.Outcome(US=1), "y": leaf()})),
        InvalidGameError,
        "Iran",
        "x",
    ),
    case(
        "ext-outcome-unknown-player",
        lambda: ext(
            gt.Decision("US", {"x": gt.Outcome(US=1, Iran=0, UK=3), "y": leaf()}),
            players=("US", "Iran"),
        ),
        InvalidGameError,
        "UK",
    ),
    case(
        "ext-infoset-players",
        lambda: ext(
            gt.Chance(
                {
                    "l": (Fraction(1, 2), dec("US", infoset="h")),
                    "r": (Fraction(1, 2), dec("Iran", infoset="h")),
                }
            )
        ),
        InvalidGameError,
        "h",
    ),
    case(
        "ext-infoset-actions",
        lambda: ext(
            gt.Chance(
                {
                    "l": (Fraction(1, 2), dec("US", infoset="h")),
                    "r": (
                        Fraction(1, 2),
                        gt.Decision("US", {"x": leaf(), "q": leaf()}, infoset="h"),
                    ),
                }
            )
        ),
        InvalidGameError,
        "h",
    ),
    case(
        "ext-parameters-miss",
        lambda: ext(dec(actions={"x": leaf(c), "y": leaf(a)}), parameters=[c]),
        InvalidGameError,
        "a",
    ),
    case(
        "ext-parameters-str",
        lambda: ext(dec(actions={"x": leaf(c), "y": leaf()}), parameters="c"),
        InvalidGameError,
        "parameters",
    ),
    case(
        "ext-parameters-not-symbol",
        lambda: ext(dec(actions={"x": leaf(c), "y": leaf()}), parameters=[c, 5]),
        InvalidGameError,
        "5",
    ),
    case(
        "ext-var-outside",
        lambda: ext(
            gt.Decision("US", {"x": gt.ContinuousDecision("US", r, (0, 1), leaf(r)), "y": leaf(r)})
        ),
        InvalidGameError,
        "r",
    ),
    case("ext-node-unknown", lambda: tree().node("bogus"), InvalidGameError, "bogus"),
    case("ext-at-unknown", lambda: tree().at(z=1), UnknownParameterError, "z"),
    case("ext-at-str", lambda: tree().at(c="x"), GameError, "c"),
    case("ext-at-nan", lambda: tree().at(c=NAN), GameError, "c", "nan"),
    case(
        "ext-b2m-str",
        lambda: tree().behaviour_to_mixed(
            {"Iran@root": {"absorb": "1"}, "US@retaliate": {"accept": 1}}
        ),
        InvalidProfileError,
        "absorb",
        "'1'",
    ),
    case(
        "ext-b2m-missing",
        lambda: tree().behaviour_to_mixed({"Iran@root": {"absorb": 1}}),
        InvalidGameError,
        "US@retaliate",
    ),
    case(
        "ext-b2m-unknown-action",
        lambda: tree().behaviour_to_mixed(
            {"Iran@root": {"bogus": 1}, "US@retaliate": {"accept": 1}}
        ),
        InvalidProfileError,
        "bogus",
    ),
    case(
        "ext-b2m-unknown-infoset",
        lambda: tree().behaviour_to_mixed(
            {"Iran@root": {"absorb": 1}, "US@retaliate": {"accept": 1}, "Nope": {"x": 1}}
        ),
        InvalidProfileError,
        "Nope",
    ),
    case(
        "ext-b2m-not-mapping",
        lambda: tree().behaviour_to_mixed(["x"]),
        InvalidProfileError,
        "mapping",
    ),  # type: ignore[arg-type]
    # -- SignalingGame -------------------------------------------------------------------
    case("sg-same-players", lambda: signaling(receiver="Iran"), InvalidPlayerError, "Iran"),
    case("sg-sender-int", lambda: signaling(sender=5), InvalidPlayerError, "sender", "5"),
    case("sg-types-list", lambda: signaling(types=["resolute"]), InvalidGameError, "types"),
    case("sg-types-empty", lambda: signaling(types={}), InvalidGameError, "types"),
    case("sg-prior-sum", lambda: signaling(types={"r": 0.5, "i": 0.4}), InvalidGameError, "9/10"),
    case("sg-prior-neg", lambda: signaling(types={"r": -0.5, "i": 1.5}), InvalidGameError, "'r'"),
    case("sg-prior-str", lambda: signaling(types={"r": "0.5", "i": 0.5}), InvalidGameError, "'r'"),
    case(
        "sg-prior-never-one", lambda: signaling(types={"r": c, "i": 1 + c}), InvalidGameError, "'i'"
    ),
    case(
        "sg-type-slash", lambda: signaling(types={"r/x": 0.5, "i": 0.5}), InvalidActionError, "r/x"
    ),
    case("sg-messages-empty", lambda: signaling(messages=[]), InvalidActionError, "messages"),
    case(
        "sg-messages-dup", lambda: signaling(messages=["warn", "warn"]), InvalidActionError, "warn"
    ),
    case("sg-actions-str", lambda: signaling(actions="ae"), InvalidActionError, "actions"),
    case(
        "sg-payoffs-raises", lambda: signaling(payoffs=boom), InvalidPayoffError, "boom", "resolute"
    ),
    case(
        "sg-payoffs-number",
        lambda: signaling(payoffs=lambda t, m, x: 3),
        InvalidPayoffError,
        "resolute",
    ),
    case(
        "sg-payoffs-missing",
        lambda: signaling(payoffs=lambda t, m, x: {"Iran": 1}),
        InvalidPlayerError,
        "US",
    ),
    case(
        "sg-payoffs-extra",
        lambda: signaling(payoffs=lambda t, m, x: {"Iran": 1, "US": 1, "UK": 2}),
        InvalidPlayerError,
        "UK",
    ),
    case(
        "sg-payoffs-table-missing",
        lambda: signaling(payoffs={("resolute", "warn", "accept"): (1, 1)}),
        InvalidPayoffError,
        "resolute",
        "escalate",
    ),
    case(
        "sg-payoffs-table-extra",
        lambda: signaling(payoffs={("resolute", "bluff", "accept"): (1, 1)}),
        InvalidPayoffError,
        "bluff",
    ),
    case("sg-payoffs-int", lambda: signaling(payoffs=5), InvalidGameError, "payoff"),
    case(
        "sg-payoffs-wrong-arity",
        lambda: signaling(payoffs=lambda t, m: (1, 1)),
        InvalidPayoffError,
        "payoff",
    ),
    case(
        "sg-payoff-complex",
        lambda: signaling(payoffs=lambda t, m, x: (1j, 0)),
        InvalidPayoffError,
        "Iran",
    ),
    case(
        "sg-payoff-str",
        lambda: signaling(payoffs=lambda t, m, x: ("1", 0)),
        InvalidPayoffError,
        "Iran",
        "'1'",
    ),
    case(
        "sg-outcomes-raises", lambda: signaling(outcomes=boom), InvalidGameError, "boom", "resolute"
    ),
    case(
        "sg-outcome-int",
        lambda: signaling(outcomes=lambda t, m, x: 5),
        InvalidGameError,
        "resolute",
    ),
    case("sg-at-unknown", lambda: signaling().at(z=1), UnknownParameterError, "z"),
    # -- ParameterSpace ------------------------------------------------------------------
    case("ps-bounds-list", lambda: gt.ParameterSpace([(c, (0, 1))]), InvalidSpaceError, "bounds"),  # type: ignore[arg-type]
    case("ps-bounds-str", lambda: gt.ParameterSpace("c"), InvalidSpaceError, "bounds"),  # type: ignore[arg-type]
    case("ps-key-int", lambda: gt.ParameterSpace({5: (0, 1)}), InvalidSpaceError, "5"),
    case("ps-key-empty", lambda: gt.ParameterSpace({"": (0, 1)}), InvalidSpaceError, "''"),
    case("ps-key-expr", lambda: gt.ParameterSpace({c + a: (0, 1)}), InvalidSpaceError, "a + c"),
    case(
        "ps-twice",
        lambda: gt.ParameterSpace({"c": (0, 1), c: (0, 1)}),
        InvalidSpaceError,
        "c",
        "twice",
    ),
    case("ps-reversed", lambda: gt.ParameterSpace({c: (10, 1)}), InvalidSpaceError, "c", "(10, 1)"),
    case("ps-point", lambda: gt.ParameterSpace({"c": (5, 5)}), InvalidSpaceError, "c", "[5, 5]"),
    case("ps-bound-str", lambda: gt.ParameterSpace({c: (0, "10")}), InvalidSpaceError, "c", "'10'"),
    case("ps-bound-nan", lambda: gt.ParameterSpace({c: (0, NAN)}), InvalidSpaceError, "c", "nan"),
    case("ps-bound-complex", lambda: gt.ParameterSpace({c: (0, 1j)}), InvalidSpaceError, "c"),
    case("ps-bound-sympy-I", lambda: gt.ParameterSpace({c: (0, sp.I)}), InvalidSpaceError, "c"),
    case("ps-bound-symbolic", lambda: gt.ParameterSpace({c: (0, a)}), InvalidSpaceError, "c"),
    case("ps-spec-one", lambda: gt.ParameterSpace({c: (0,)}), InvalidSpaceError, "c"),
    case("ps-spec-int", lambda: gt.ParameterSpace({c: 5}), InvalidSpaceError, "c", "5"),
    case("ps-spec-set", lambda: gt.ParameterSpace({c: sp.FiniteSet(1, 2)}), InvalidSpaceError, "c"),
    case(
        "ps-assumption-empty",
        lambda: gt.ParameterSpace({c: (-5, -1)}),
        InvalidSpaceError,
        "c",
        "[-5, -1]",
    ),
    case(
        "ps-interval-message",
        lambda: gt.ParameterSpace({c: sp.Interval(-2, -1)}),
        InvalidSpaceError,
        "c",
        "[-2, -1]",
    ),
    case(
        "ps-constraint-str",
        lambda: gt.ParameterSpace({c: (0, 1), a: (0, 1)}, ["c > a"]),
        InvalidSpaceError,
        "'c > a'",
    ),
    case(
        "ps-constraint-eq",
        lambda: gt.ParameterSpace({c: (0, 1), a: (0, 1)}, [sp.Eq(c, a)]),
        InvalidSpaceError,
        "Eq",
    ),
    case(
        "ps-constraint-ne",
        lambda: gt.ParameterSpace({c: (0, 1), a: (0, 1)}, [sp.Ne(c, a)]),
        InvalidSpaceError,
        "c",
    ),
    case(
        "ps-constraint-unknown",
        lambda: gt.ParameterSpace({c: (0, 1)}, [c > z]),
        UnknownParameterError,
        "z",
    ),
    case(
        "ps-constraint-false",
        lambda: gt.ParameterSpace({c: (0, 1)}, [sp.false]),
        InvalidSpaceError,
        "false",
    ),
    case(
        "ps-constraint-or",
        lambda: gt.ParameterSpace({c: (0, 1), a: (0, 1)}, [sp.Or(c > a, a > 1)]),
        InvalidSpaceError,
        "c",
    ),
    case("ps-constraint-int", lambda: gt.ParameterSpace({c: (0, 1)}, [5]), InvalidSpaceError, "5"),
    case(
        "ps-constraints-none-iter",
        lambda: gt.ParameterSpace({c: (0, 1)}, 5),
        InvalidSpaceError,
        "constraints",
    ),  # type: ignore[arg-type]
    case(
        "ps-contradiction-interval",
        lambda: gt.ParameterSpace({c: sp.Interval.Lopen(0, 1)}, [c > 5]),
        InvalidSpaceError,
        "c > 5",
        "empty",
    ),
    case(
        "ps-contradiction-pair",
        lambda: gt.ParameterSpace({c: (0, 10), a: (0, 10)}, [c > a, a > c]),
        InvalidSpaceError,
        "empty",
    ),
    case(
        "ps-contradiction-names",
        lambda: gt.ParameterSpace(
            {"c": (0, 1), "a": (2, 3)}, [sp.Symbol("c", real=True) > sp.Symbol("a", real=True)]
        ),
        InvalidSpaceError,
        "empty",
    ),
    case(
        "ps-point-unknown",
        lambda: space().point(c=1, a=Fraction(1, 2), z=3),
        UnknownParameterError,
        "z",
        "c, a",
    ),
    case("ps-point-missing", lambda: space().point(c=1), MissingParameterError, "a"),
    case("ps-point-str", lambda: space().point(c="abc", a=1), GameError, "c", "'abc'"),
    case("ps-point-none", lambda: space().point(c=None, a=1), GameError, "c", "None"),
    case("ps-point-nan", lambda: space().point(c=NAN, a=1), GameError, "c", "nan"),
    case("ps-point-complex", lambda: space().point(c=1j, a=1), GameError, "c"),
    case("ps-point-sqrt2", lambda: space().point(c=sp.sqrt(2), a=1), GameError, "c", "sqrt(2)"),
    case("ps-point-outside", lambda: space().point(c=20, a=1), OutsideSpaceError, "c", "(0, 10]"),
    case("ps-point-constraint", lambda: space().point(c=1, a=5), OutsideSpaceError, "c > a"),
    case(
        "ps-point-twice",
        lambda: space().point({c: 1, "c": 2}, a=1),
        UnknownParameterError,
        "c",
        "twice",
    ),
    case("ps-point-not-mapping", lambda: space().point([1, 2]), GameError, "mapping"),  # type: ignore[arg-type]
    case("ps-interval-unknown", lambda: space().interval("z"), UnknownParameterError, "z"),
    case("ps-symbol-int", lambda: space().symbol(5), UnknownParameterError, "5"),  # type: ignore[arg-type]
    case(
        "ps-sample-negative",
        lambda: space().sample(-1, np.random.default_rng(0)),
        InvalidSpaceError,
        "-1",
    ),
    case(
        "ps-sample-str",
        lambda: space().sample("5", np.random.default_rng(0)),
        InvalidSpaceError,
        "'5'",
    ),  # type: ignore[arg-type]
    case(
        "ps-sample-float",
        lambda: space().sample(2.5, np.random.default_rng(0)),
        InvalidSpaceError,
        "2.5",
    ),  # type: ignore[arg-type]
    case("ps-sample-rng", lambda: space().sample(5, None), InvalidSpaceError, "rng"),  # type: ignore[arg-type]
    case("ps-sample-points-rng", lambda: space().sample_points(5, 0), InvalidSpaceError, "rng"),  # type: ignore[arg-type]
    case(
        "ps-sample-points-den",
        lambda: space().sample_points(5, np.random.default_rng(0), 0),
        InvalidSpaceError,
        "max_denominator",
    ),
    case("ps-extended-str", lambda: space().extended("z"), InvalidSpaceError, "z"),  # type: ignore[arg-type]
    # -- solving: arguments --------------------------------------------------------------
    case("nash-space-str", lambda: gt.nash(game(), space="c in (0, 1)"), GameError, "space", "str"),  # type: ignore[arg-type]
    case("nash-space-dict", lambda: gt.nash(game(), space={c: (0, 1)}), GameError, "space", "dict"),  # type: ignore[arg-type]
    case(
        "nash-space-missing",
        lambda: gt.nash(game(), space=gt.ParameterSpace({c: (0, 1)})),
        MissingParameterError,
        "a",
    ),
    case("nash-game-str", lambda: gt.nash("game"), UnsupportedGameError, "str"),  # type: ignore[arg-type]
    case("nash-game-none", lambda: gt.nash(None), UnsupportedGameError, "None"),  # type: ignore[arg-type]
    case("solve-game-int", lambda: gt.solve(5), UnsupportedGameError, "int"),  # type: ignore[arg-type]
    case("solve-space-str", lambda: gt.solve(tree(), space="x"), GameError, "space"),  # type: ignore[arg-type]
    case("spe-space-list", lambda: gt.spe(tree(), space=[c]), GameError, "space"),  # type: ignore[arg-type]
    case("spe-normal-form", lambda: gt.spe(game()), UnsupportedGameError, "normal-form"),
    case("pbe-normal-form", lambda: gt.pbe(game()), UnsupportedGameError, "normal-form"),
    case("pbe-refine", lambda: gt.pbe(signaling(), refine="bogus"), GameError, "bogus"),  # type: ignore[arg-type]
    # -- Solution.at / Equilibrium.at ----------------------------------------------------
    case("sol-at-unknown", lambda: sol().at(c=5, a=1, z=1), UnknownParameterError, "z"),
    case("sol-at-missing", lambda: sol().at(c=5), MissingParameterError, "a"),
    case("sol-at-str", lambda: sol().at(c="x", a=1), GameError, "c", "'x'"),
    case("sol-at-nan", lambda: sol().at(c=NAN, a=1), GameError, "c", "nan"),
    case("sol-at-inf", lambda: sol().at(c=INF, a=1), GameError, "c", "inf"),
    case("sol-at-none", lambda: sol().at(c=None, a=1), GameError, "c", "None"),
    case("sol-at-outside", lambda: sol().at(c=20, a=1), OutsideSpaceError, "c", "(0, 10]"),
    case("sol-at-constraint", lambda: sol().at(c=1, a=5), OutsideSpaceError, "c > a"),
    case(
        "sol-at-twice", lambda: sol().at({"c": 5, c: 6}, a=1), UnknownParameterError, "c", "twice"
    ),
    case("sol-at-positional", lambda: sol().at(5), GameError, "mapping"),  # type: ignore[arg-type]
    case("eq-at-unknown", lambda: sol()[0].at(c=5, a=1, z=1), UnknownParameterError, "z"),
    case("eq-at-missing", lambda: sol()[0].at(a=1), MissingParameterError, "c"),
    case("eq-at-complex", lambda: sol()[0].at(c=1j, a=1), GameError, "c"),
    # -- thresholds / compare ------------------------------------------------------------
    case("thr-not-solution", lambda: gt.thresholds("sol", "c", a=1), UnsupportedGameError, "str"),  # type: ignore[arg-type]
    case("thr-unknown", lambda: gt.thresholds(sol(), "z", a=1), UnknownParameterError, "z"),
    case("thr-missing", lambda: gt.thresholds(sol(), "c"), MissingParameterError, "a"),
    case("thr-varies", lambda: gt.thresholds(sol(), "c", c=1, a=1), GameError, "c", "varies"),
    case("thr-str", lambda: gt.thresholds(sol(), "c", a="x"), GameError, "a", "'x'"),
    case("thr-outside", lambda: gt.thresholds(sol(), "c", a=20), OutsideSpaceError, "a", "(0, 10]"),
    case("thr-param-int", lambda: gt.thresholds(sol(), 5, a=1), UnknownParameterError, "5"),  # type: ignore[arg-type]
    case("cmp-not-sweep", lambda: gt.compare("a", "b", "war"), GameError, "sweep", "str"),  # type: ignore[arg-type]
    case(
        "cmp-column", lambda: gt.compare(sweep_result(), sweep_result(), "nope"), GameError, "nope"
    ),
    case(
        "cmp-how",
        lambda: gt.compare(sweep_result(), sweep_result(), "war", how="avg"),
        GameError,
        "avg",
    ),  # type: ignore[arg-type]
    case(
        "cmp-measure-int",
        lambda: gt.compare(sweep_result(), sweep_result(), 5),
        GameError,
        "measure",
        "5",
    ),  # type: ignore[arg-type]
    case(
        "cmp-tol-neg",
        lambda: gt.compare(sweep_result(), sweep_result(), "war", tol=-1),
        GameError,
        "tol",
        "-1",
    ),
    case(
        "cmp-tol-str",
        lambda: gt.compare(sweep_result(), sweep_result(), "war", tol="x"),
        GameError,
        "tol",
    ),  # type: ignore[arg-type]
    case(
        "cmp-tol-nan",
        lambda: gt.compare(sweep_result(), sweep_result(), "war", tol=NAN),
        GameError,
        "tol",
    ),
    # -- claims --------------------------------------------------------------------------
    case("claim-str", lambda: gt.verify("c > a", sol()), ClaimError, "str"),  # type: ignore[arg-type]
    case("claim-int", lambda: gt.verify(5, sol()), ClaimError, "int"),  # type: ignore[arg-type]
    case("claim-expr", lambda: gt.verify(c + a, sol()), ClaimError, "a + c"),
    case("claim-unknown-param", lambda: gt.verify(z > 1, sol()), ClaimError, "z"),
    case(
        "claim-unknown-outcome",
        lambda: gt.verify(claims.outcome("nope") > 0, sol()),
        ClaimError,
        "nope",
    ),
    case(
        "claim-unknown-player",
        lambda: gt.verify(claims.payoff("Nobody") > 0, sol()),
        ClaimError,
        "Nobody",
    ),
    case(
        "claim-unknown-action",
        lambda: gt.verify(claims.prob("US", "bogus") > 0, sol()),
        ClaimError,
        "bogus",
    ),
    case("claim-over", lambda: gt.verify(gt.war >= 0, sol(), over="all"), ClaimError, "all"),  # type: ignore[arg-type]
    case(
        "claim-method", lambda: gt.verify(gt.war >= 0, sol(), method="magic"), ClaimError, "magic"
    ),  # type: ignore[arg-type]
    case(
        "claim-max-examples-neg",
        lambda: gt.verify(gt.war >= 0, sol(), max_examples=-5),
        ClaimError,
        "max_examples",
        "-5",
    ),
    case(
        "claim-max-examples-str",
        lambda: gt.verify(gt.war >= 0, sol(), max_examples="many"),
        ClaimError,
        "max_examples",
    ),  # type: ignore[arg-type]
    case(
        "claim-predicate-raises",
        lambda: gt.verify(lambda pt, eq: 1 / 0, sol(), method="search", max_examples=5),
        ClaimError,
        "<lambda>",
        "ZeroDivisionError",
    ),
    case(
        "claim-predicate-arity",
        lambda: gt.verify(lambda pt: True, sol(), method="search", max_examples=5),
        ClaimError,
        "<lambda>",
    ),
    case("claim-target-str", lambda: gt.verify(gt.war >= 0, "game"), GameError, "str"),
    case("claim-space-str", lambda: gt.verify(gt.war >= 0, sol(), space="x"), GameError, "space"),  # type: ignore[arg-type]
    case(
        "assume-only-str",
        lambda: gt.needed_assumptions(gt.war >= 0, sol(), only="c"),
        ClaimError,
        "only",
    ),  # type: ignore[arg-type]
    case("assume-claim-int", lambda: gt.needed_assumptions(5, sol()), ClaimError, "int"),  # type: ignore[arg-type]
    case(
        "assume-max-neg",
        lambda: gt.needed_assumptions(gt.war >= 0, sol(), max_examples=-1),
        ClaimError,
        "max_examples",
    ),
    case("monotone-param", lambda: gt.monotone(gt.war, "z", sol()), UnknownParameterError, "z"),
    case("monotone-measure-str", lambda: gt.monotone("war", "c", sol()), ClaimError, "str"),  # type: ignore[arg-type]
    case(
        "monotone-direction",
        lambda: gt.monotone(gt.war, "c", sol(), direction="up"),
        ClaimError,
        "up",
    ),  # type: ignore[arg-type]
    case(
        "monotone-measure-bool", lambda: gt.monotone(gt.war > 0, "c", sol()), ClaimError, "measure"
    ),
    case("assert-claim-str", lambda: assert_claim("x", sol()), ClaimError, "str"),
    # -- testing helpers -----------------------------------------------------------------
    case("regret-str-profile", lambda: regret(numeric(), "profile"), InvalidProfileError, "str"),
    case(
        "regret-str-prob",
        lambda: regret(numeric(), profile(Row={"s1": "1"})),
        InvalidProfileError,
        "s1",
        "Row",
    ),
    case(
        "regret-unknown-action",
        lambda: regret(numeric(), profile(Row={"bogus": 1})),
        InvalidProfileError,
        "bogus",
        "Row",
    ),
    case(
        "regret-unknown-player",
        lambda: regret(numeric(), profile(Nobody={"s1": 1})),
        InvalidProfileError,
        "Nobody",
    ),
    case(
        "regret-missing-player",
        lambda: regret(numeric(), {"Row": {"s1": 1}}),
        InvalidProfileError,
        "Col",
    ),
    case(
        "regret-sum-2",
        lambda: regret(numeric(), profile(Row={"s1": 1, "s2": 1})),
        InvalidProfileError,
        "Row",
        "2",
    ),
    case(
        "regret-negative",
        lambda: regret(numeric(), profile(Row={"s1": 2, "s2": -1})),
        InvalidProfileError,
        "Row",
        "s2",
    ),
    case(
        "regret-nan",
        lambda: regret(numeric(), profile(Row={"s1": NAN, "s2": 1})),
        InvalidProfileError,
        "s1",
        "nan",
    ),
    case(
        "regret-vector-length", lambda: regret(numeric(), [[1], [1, 0]]), InvalidProfileError, "Row"
    ),
    case(
        "regret-at-unknown",
        lambda: regret(game(), {"US": {"hold": 1}, "Iran": {"hold": 1}}, at={"z": 1}),
        UnknownParameterError,
        "z",
    ),
    case(
        "regret-no-at",
        lambda: regret(game(), {"US": {"hold": 1}, "Iran": {"hold": 1}}),
        GameError,
        "a, c",
        "at=",
    ),
    case("regret-game-str", lambda: regret("game", profile()), UnsupportedGameError, "str"),  # type: ignore[arg-type]
    case(
        "assert-eq-str-prob",
        lambda: assert_equilibrium(numeric(), profile(Col={"s1": "1/2", "s2": "1/2"})),
        InvalidProfileError,
        "Col",
    ),
    case(
        "assert-eq-tol", lambda: assert_equilibrium(numeric(), profile(), tol=-1), GameError, "tol"
    ),
    case(
        "assert-pbe-str",
        lambda: assert_pbe(signaling(), "x", at={"c": 1}),
        InvalidProfileError,
        "str",
    ),
    case(
        "assert-pbe-missing-infoset",
        lambda: assert_pbe(signaling(), {"Iran|resolute": {"warn": 1}}, at={"c": 1}),
        InvalidProfileError,
        "US|warn",
    ),
    case(
        "assert-pbe-str-prob",
        lambda: assert_pbe(
            signaling(),
            {
                "Iran|resolute": {"warn": "1"},
                "Iran|irresolute": {"warn": 1},
                "US|warn": {"accept": 1},
                "US|surprise": {"accept": 1},
            },
            {"US|warn": {"resolute": 1}, "US|surprise": {"resolute": 1}},
            at={"c": 1},
        ),
        GameError,
        "warn",
        "'1'",
    ),
    case("assert-spe-game-str", lambda: assert_spe("game", {}), UnsupportedGameError, "str"),
    case(
        "assert-spe-str-prob",
        lambda: assert_spe(
            tree(),
            {"Iran@root": {"absorb": "1"}, "US@retaliate": {"accept": 1}},
            at={"c": 2, "a": 1},
        ),
        InvalidProfileError,
        "absorb",
        "'1'",
    ),
    case("random-sg-rng", lambda: random_signalling_game(None), GameError, "rng"),  # type: ignore[arg-type]
    case(
        "random-sg-types",
        lambda: random_signalling_game(np.random.default_rng(0), types=0),
        GameError,
        "types",
        "0",
    ),
    case(
        "random-sg-range",
        lambda: random_signalling_game(np.random.default_rng(0), low=5, high=-5),
        GameError,
        "low",
    ),
    # -- beliefs -------------------------------------------------------------------------
    case(
        "belief-at-str",
        lambda: (
            gt.BeliefSet.simplex("h", ("x", "y"))
            .with_relations([sp.Ge(sp.Symbol("mu[h:x]", nonnegative=True), c)])
            .at({c: "1/2"})
        ),
        GameError,
        "c",
        "'1/2'",
    ),
    case(
        "belief-contains-str",
        lambda: gt.BeliefSet.simplex("h", ("x", "y")).contains({"x": "1/2", "y": "1/2"}),
        GameError,
        "x",
        "'1/2'",
    ),
    case("belief-simplex-str", lambda: gt.BeliefSet.simplex("h", "xy"), GameError, "h", "nodes"),
    case("belief-simplex-empty", lambda: gt.BeliefSet.simplex("h", ()), GameError, "h"),
    case(
        "belief-unknown-node",
        lambda: gt.BeliefSet.simplex("h", ("x", "y")).contains({"x": 1, "q": 0}),
        GameError,
        "q",
    ),
    # -- size ----------------------------------------------------------------------------
    case(
        "nf-65-players-bad-action",
        lambda: players_of(65).payoff(("a",) * 64 + ("b",)),
        InvalidActionError,
        "P64",
        "'b'",
    ),
]

VALID: list[tuple[str, Callable[[], object]]] = [
    ("fraction-payoffs", lambda: nfg(payoffs=payoffs(hold_hold=(Fraction(1, 3), Fraction(2, 3))))),
    (
        "numpy-int-payoffs",
        lambda: gt.NormalFormGame.from_matrices(
            np.array([[1, 2]], dtype=np.int64), np.array([[3, 4]], dtype=np.int32)
        ),
    ),
    (
        "numpy-float-payoffs",
        lambda: gt.NormalFormGame.from_matrices(np.array([[0.5, 2.0]]), [[np.float32(1), 4]]),
    ),
    ("sympy-rational", lambda: gt.Outcome(US=sp.Rational(1, 3), Iran=sp.Integer(2))),
    (
        "sympy-matrix",
        lambda: gt.NormalFormGame.from_matrices(sp.Matrix([[1, c]]), sp.Matrix([[a, 1]])),
    ),
    ("thousand-digit-payoff", lambda: gt.Outcome(US=10**1000, Iran=Fraction(1, 10**999))),
    ("big-int-payoff", lambda: nfg(payoffs=payoffs(hold_hold=(10**60, 0)))),
    (
        "assumption-symbols-by-name",
        lambda: gt.nash(
            game(),
            space=gt.ParameterSpace(
                {"c": (0, 10), "a": (0, 10)},
                [sp.Symbol("c", real=True) > sp.Symbol("a", real=True)],
            ),
        ),
    ),
    (
        "name-keyed-space-at",
        lambda: gt.nash(game(), space=gt.ParameterSpace({"c": (0, 10), "a": (0, 10)})).at(c=5, a=1),
    ),
    (
        "assumption-symbols-other",
        lambda: gt.nash(
            game(), space=gt.ParameterSpace({sp.Symbol("c"): (0, 10), sp.Symbol("a"): (0, 10)})
        ),
    ),
    ("single-constraint", lambda: gt.ParameterSpace({c: (0, 10), a: (0, 10)}, c > a)),
    ("interval-lopen", lambda: gt.ParameterSpace({c: sp.Interval.Lopen(0, 10)})),
    ("point-numpy", lambda: space().point(c=np.int64(5), a=np.float64(0.5))),
    ("point-fraction-str-key", lambda: space().point({"c": Fraction(7, 2), a: sp.Rational(1, 2)})),
    ("at-numpy-scalar", lambda: sol().at(c=np.float32(5.0), a=np.int8(1))),
    ("sixty-five-players", lambda: players_of(65).payoff(("a",) * 65)),
    ("list-interval", lambda: gt.ContinuousDecision("US", r, [0, 1], leaf(r))),  # type: ignore[arg-type]
    ("uniform-symbolic", lambda: gt.Uniform(c, c + 1)),
    (
        "behaviour-fraction",
        lambda: tree().behaviour_to_mixed(
            {
                "Iran@root": {"absorb": Fraction(1, 2), "retaliate": np.float64(0.5)},
                "US@retaliate": {"accept": 1},
            }
        ),
    ),
]


def _messages_name(exc: BaseException, culprit: tuple[str, ...]) -> bool:
    text = str(exc).lower()
    return all(word.lower() in text for word in culprit)


# rows whose fix belongs to modules outside this change (gametheory/testing/_certificate.py,
# _spe_check.py, _random.py): kept in the table, expected to fail until those are fixed
OPEN: set[str] = set()


def _param(row: Case) -> Any:
    marks = (
        [pytest.mark.xfail(strict=True, reason="validation in a module outside this change")]
        if row.id in OPEN
        else []
    )
    return pytest.param(row, id=row.id, marks=marks)


@pytest.mark.parametrize("row", [_param(k) for k in CASES])
def test_bad_input_is_a_clear_game_error(row: Case) -> None:
    with pytest.raises(GameError) as info:
        row.call()
    assert isinstance(info.value, row.error), f"{type(info.value).__name__}: {info.value}"
    assert _messages_name(info.value, row.culprit), str(info.value)
    assert "Interval." not in str(info.value), str(info.value)
    assert "\n" not in str(info.value).strip(), str(info.value)


@pytest.mark.parametrize("call", [pytest.param(f, id=k) for k, f in VALID])
def test_unusual_but_valid_input_is_accepted(call: Callable[[], object]) -> None:
    assert call() is not None


def test_user_exception_is_chained() -> None:
    """A user function's own exception is the cause of the GameError that names it."""
    with pytest.raises(InvalidPayoffError) as info:
        signaling(payoffs=boom)
    assert isinstance(info.value.__cause__, Boom)


def test_name_keyed_space_solves_like_symbol_keyed() -> None:
    """DESIGN §3: parameters named by name or symbol work everywhere; a space keyed by names
    solves a game whose symbols carry assumptions exactly as the symbol-keyed space does."""
    by_name = gt.ParameterSpace(
        {"c": (0, 10), "a": (0, 10)}, [sp.Symbol("c", real=True) > sp.Symbol("a", real=True)]
    )
    s1, s2 = gt.nash(game(), space=by_name), sol()
    assert [e.conditions for e in s1] == [e.conditions for e in s2]
    assert s1.space.symbols == s2.space.symbols


def test_undecided_space_makes_the_solution_incomplete() -> None:
    """A space whose emptiness cannot be decided is built, says so, and a solution over it is
    incomplete with that reason (a field, not only a note)."""
    x, y = sp.symbols("x y", real=True)
    q = sp.Rational
    # a disc of radius 1e-20 around an odd rational point: non-empty, but no search finds it
    hard = [(x - q(1234567, 9999991)) ** 2 + (y - q(7654321, 9999973)) ** 2 < q(1, 10**40)]
    s = gt.ParameterSpace({x: (-1, 1), y: (-1, 1)}, hard)
    assert s.undecided is not None and "may be empty" in s.undecided
    g = gt.NormalFormGame.from_matrices([[x, 0], [0, 1]], [[1, 0], [0, y]])
    out = gt.nash(g, space=s)
    assert not out.complete
    assert gt.Limit("space", s.undecided) in out.diagnostics
    assert s.undecided in out.incomplete


def test_sixty_five_players_index_matches_row_major_order() -> None:
    """The flat index is row-major (numpy's ``ravel_multi_index``), computed without numpy's
    32-dimension limit: checked against ``profiles()`` order on a small and a large game."""
    small = gt.NormalFormGame.from_matrices(
        np.zeros((2, 3, 2)), np.ones((2, 3, 2)), np.ones((2, 3, 2))
    )
    for k, prof in enumerate(small.profiles()):
        assert small.index(prof) == k
    big = gt.NormalFormGame(
        {f"P{k}": ["a", "b"] if k == 69 else ["a"] for k in range(70)},
        {("a",) * 69 + (x,): tuple(range(70)) for x in "ab"},
    )
    assert big.index(("a",) * 69 + ("b",)) == 1
    assert big.payoff(("a",) * 70)["P5"] == 5


garbage = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**60), max_value=10**60)
    | st.sampled_from([10**4000, -(10**4000), 2**64])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.complex_numbers(allow_nan=True, allow_infinity=True)
    | st.text(max_size=5)
    | st.sampled_from(
        [c, a, sp.I, sp.nan, sp.zoo, sp.oo, sp.true, c > a, sp.Interval(0, 1), sp.Matrix([1])]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        | st.tuples(inner, inner)
    ),
    max_leaves=6,
)

CONSTRUCTORS: list[Callable[[Any], object]] = [
    lambda g: gt.NormalFormGame(g, payoffs()),
    lambda g: gt.NormalFormGame(PLAYERS, g),
    lambda g: gt.NormalFormGame(PLAYERS, payoffs(hold_hold=g)),
    lambda g: gt.NormalFormGame(PLAYERS, payoffs(hold_hold=(g, 0))),
    lambda g: gt.NormalFormGame(PLAYERS, payoffs(), outcomes=g),
    lambda g: gt.NormalFormGame.from_matrices(g, g),
    lambda g: gt.NormalFormGame.from_matrices([[g, 1]], [[1, 1]]),
    lambda g: gt.Outcome(US=g, Iran=0),
    lambda g: gt.Outcome(g, US=0),
    lambda g: gt.Decision("US", g),
    lambda g: gt.Decision(g, {"x": leaf()}),
    lambda g: gt.Chance(g),
    lambda g: gt.Chance({"x": (g, leaf())}),
    lambda g: gt.ContinuousDecision("US", r, g, leaf()),
    lambda g: gt.ContinuousDecision("US", r, (0, g), leaf()),
    lambda g: gt.Uniform(0, g),
    lambda g: gt.ExtensiveGame(g),
    lambda g: gt.ExtensiveGame(dec(), players=g),
    lambda g: signaling(types=g),
    lambda g: signaling(types={"r": g, "i": 0.5}),
    lambda g: signaling(messages=g),
    lambda g: signaling(payoffs=g),
    lambda g: signaling(payoffs=lambda t, m, x: g),
    lambda g: gt.ParameterSpace(g),
    lambda g: gt.ParameterSpace({c: g}),
    lambda g: gt.ParameterSpace({c: (0, g)}),
    lambda g: gt.ParameterSpace({c: (0, 10)}, g),
    lambda g: space().point(c=g, a=1),
]


@settings(max_examples=300)
@given(k=st.integers(0, len(CONSTRUCTORS) - 1), value=garbage)
def test_garbage_gives_a_game_or_a_game_error(k: int, value: object) -> None:
    with contextlib.suppress(GameError):
        CONSTRUCTORS[k](value)


def _classify(row: Case) -> str:
    """One row's outcome, for the counts in the module docstring."""
    import signal

    def alarm(*_: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    signal.alarm(20)
    try:
        row.call()
    except TimeoutError:
        return "hang"
    except GameError as exc:
        ok = isinstance(exc, row.error) and _messages_name(exc, row.culprit)
        return "clear" if ok and "Interval." not in str(exc) else "unclear"
    except Exception:
        return "wrong type"
    else:
        return "silent"
    finally:
        signal.alarm(0)
    return "silent"


if __name__ == "__main__":  # pragma: no cover - the counts in the docstring
    import collections
    import sys

    counts: collections.Counter[str] = collections.Counter()
    for row in CASES:
        outcome = _classify(row)
        counts[outcome] += 1
        if outcome != "clear" and "-v" in sys.argv:
            print(f"{outcome:10} {row.id}")
    refused = 0
    for name, call in VALID:
        try:
            call()
        except Exception as exc:
            refused += 1
            if "-v" in sys.argv:
                print(f"refused    {name}: {type(exc).__name__}: {str(exc)[:150]}")
    print(dict(counts), "rows", len(CASES), "valid refused", refused, "of", len(VALID))
