"""Literature games with known equilibria, each with its source."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy as sp

import gametheory as gt

# (name, A, B, equilibria as ((x...), (y...)), degenerate, source)
BIMATRIX_FIXTURES = [
    pytest.param(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        [((0, 1), (0, 1))],
        False,
        id="prisoners-dilemma",  # Osborne (2004), An Introduction to Game Theory, §2.2
    ),
    pytest.param(
        [[1, -1], [-1, 1]],
        [[-1, 1], [1, -1]],
        [((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))],
        False,
        id="matching-pennies",  # Osborne (2004), Example 18.1
    ),
    pytest.param(
        [[0, -1], [1, -10]],
        [[0, 1], [-1, -10]],
        [((1, 0), (0, 1)), ((0, 1), (1, 0)), ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10)))],
        False,
        id="chicken",  # Rapoport & Chammah (1966), "The game of Chicken"; mixed: q = 1/(1 + c - a)
    ),
    pytest.param(
        [[3, 3], [2, 5], [0, 6]],
        [[3, 2], [2, 6], [3, 1]],
        [
            ((1, 0, 0), (1, 0)),
            ((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))),
            ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
        ],
        False,
        id="von-stengel-3x2",  # von Stengel (2007), Algorithmic Game Theory ch. 3, Fig. 3.3
    ),
    pytest.param(
        [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
        [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
        [
            ((1, 0, 0), (1, 0, 0)),
            ((0, 1, 0), (0, 1, 0)),
            ((0, 0, 1), (0, 0, 1)),
            ((F(1, 2), F(1, 2), 0), (F(1, 2), F(1, 2), 0)),
            ((F(1, 2), 0, F(1, 2)), (F(1, 2), 0, F(1, 2))),
            ((0, F(1, 2), F(1, 2)), (0, F(1, 2), F(1, 2))),
            ((F(1, 3), F(1, 3), F(1, 3)), (F(1, 3), F(1, 3), F(1, 3))),
        ],
        False,
        id="coordination-3x3",  # von Stengel (2007), §3.3: 2^n - 1 equilibria of the n×n identity game
    ),
    pytest.param(
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
        [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        [((F(1, 3), F(1, 3), F(1, 3)), (F(1, 3), F(1, 3), F(1, 3)))],
        False,
        id="rock-paper-scissors",  # Osborne (2004), Exercise 132.1
    ),
    pytest.param(
        [[1, 1], [0, 0]],
        [[1, 1], [0, 0]],
        [((1, 0), (1, 0)), ((1, 0), (0, 1))],
        True,
        id="degenerate-continuum",  # row dominant, column indifferent: the segment {(T, y)}
    ),
    pytest.param(
        [[2, 0], [0, 2], [1, 1]],
        [[1, 0], [0, 1], [0, 0]],
        [
            ((1, 0, 0), (1, 0)),
            ((0, 1, 0), (0, 1)),
            ((F(1, 2), F(1, 2), 0), (F(1, 2), F(1, 2))),
            ((0, 0, 1), (F(1, 2), F(1, 2))),
        ],
        True,
        id="degenerate-unequal-supports",  # extreme point with supports of sizes 1 and 2
    ),
]


def as_key(x: object, y: object) -> tuple[tuple[sp.Rational, ...], tuple[sp.Rational, ...]]:
    return tuple(sp.Rational(v) for v in x), tuple(sp.Rational(v) for v in y)  # type: ignore[union-attr]


def eq_set(sol: gt.Solution) -> set[tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]]:
    out = set()
    for eq in sol:
        x, y = (tuple(eq.strategies[p].values()) for p in sol.game.players)
        out.add((x, y))
    return out


C, A = sp.symbols("c a", positive=True)


def crisis_game() -> gt.NormalFormGame:
    """The 2x2 crisis of DESIGN.md: hold or escalate, cost of war c, audience cost a.

    Chicken where c >= a (Snyder & Diesing 1977, ch. 2), the audience trap where a >= c.
    """
    return gt.NormalFormGame(
        players={"US": ["hold", "escalate"], "Iran": ["hold", "escalate"]},
        payoffs={
            ("hold", "hold"): (0, 0),
            ("hold", "escalate"): (-A, 1),
            ("escalate", "hold"): (1, -A),
            ("escalate", "escalate"): (-C, -C),
        },
        outcomes={("escalate", "escalate"): "war"},
    )


def entry_game(out: int = 0) -> gt.ExtensiveGame:
    """Selten's (1978) entry game: the entrant stays out (``out`` to it, 2 to the incumbent) or
    enters; the incumbent fights (-1, -1) or accommodates (1, 1).  With ``out = 0``, (out, fight)
    is Nash but rests on an incredible threat; the subgame-perfect play is (in, accommodate)."""
    return gt.ExtensiveGame(
        gt.Decision(
            "Entrant",
            {
                "out": gt.Outcome(Entrant=out, Incumbent=2),
                "in": gt.Decision(
                    "Incumbent",
                    {
                        "fight": gt.Outcome(Entrant=-1, Incumbent=-1),
                        "accommodate": gt.Outcome(Entrant=1, Incumbent=1),
                    },
                ),
            },
        )
    )


def deterrence_root() -> gt.Decision:
    """The DESIGN.md strike/retaliation tree (after Schelling 1966, ch. 2): Iran absorbs or
    retaliates, then the US accepts or escalates to war (costs ``a`` and ``c``)."""
    return gt.Decision(
        "Iran",
        {
            "absorb": gt.Outcome(US=1, Iran=-A),
            "retaliate": gt.Decision(
                "US",
                {
                    "accept": gt.Outcome(US=-A, Iran=1, label="de-escalation"),
                    "escalate": gt.Outcome(US=-C, Iran=-C, label="war"),
                },
            ),
        },
    )


def beer_quiche_payoffs(t: str, m: str, x: str) -> dict[str, int]:
    """Beer–Quiche payoffs (Cho & Kreps 1987, QJE 102(2):179–221, §II).

    The sender gets 1 for its preferred breakfast (the strong type prefers beer, the weak one
    quiche) plus 2 if not challenged; the receiver gets 1 for dueling a weak type or not dueling
    a strong one, 0 otherwise.
    """
    sender = (1 if (t == "strong") == (m == "beer") else 0) + (2 if x == "not" else 0)
    receiver = 1 if (t == "weak") == (x == "duel") else 0
    return {"Sender": sender, "Receiver": receiver}


def beer_quiche(prior_weak: object = sp.Rational(1, 10)) -> gt.SignalingGame:
    """Beer–Quiche (Cho & Kreps 1987) with P(weak) = ``prior_weak`` (1/10 in the paper).

    At P(weak) = 1/10 there is no separating PBE; both pooling profiles are PBE (pooling on
    quiche only with off-path beliefs P(weak | beer) >= 1/2, which the intuitive criterion
    rejects).
    """
    return gt.SignalingGame(
        sender="Sender",
        receiver="Receiver",
        types={"weak": prior_weak, "strong": 1 - prior_weak},  # type: ignore[operator]
        messages=["beer", "quiche"],
        actions=["duel", "not"],
        payoffs=beer_quiche_payoffs,
        outcomes=lambda t, m, x: "duel" if x == "duel" else None,
    )


# -- n-player normal forms -----------------------------------------------------------------


def table_game(arrays: Sequence[Any], entry: Callable[[Any], Any] = int) -> gt.NormalFormGame:
    """A game from one payoff array per player (players P1..Pn, actions a0, a1, ...), each
    entry read by ``entry`` (``int`` for integer arrays, ``sympy.sympify`` for symbolic ones)."""
    shape = np.shape(arrays[0])
    payoffs = {
        tuple(f"a{i}" for i in idx): tuple(entry(a[idx]) for a in arrays)
        for idx in np.ndindex(*shape)
    }
    players = {f"P{k + 1}": [f"a{i}" for i in range(m)] for k, m in enumerate(shape)}
    return gt.NormalFormGame(players=players, payoffs=payoffs)


def difference_game(gains: Sequence[Callable[..., Any]]) -> gt.NormalFormGame:
    """A 2x...x2 game where player k earns ``gains[k](others' indicators of a0)`` by playing a0
    and 0 by playing a1: ``gains[k]`` is k's gain from a0 over a1, multilinear in the others'
    probabilities of a0, so its zero set is k's indifference condition (numbers or sympy
    expressions)."""
    n = len(gains)
    arrays = [np.zeros((2,) * n, dtype=object) for _ in range(n)]
    for idx in itertools.product(range(2), repeat=n):
        first = [int(i == 0) for i in idx]
        for k in range(n):
            others = [first[j] for j in range(n) if j != k]
            arrays[k][idx] = sp.sympify(gains[k](*others)) * first[k]
    return table_game(arrays, entry=sp.sympify)


def coordination_game(c: sp.Expr) -> gt.NormalFormGame:
    """Three players choose x or y and earn ``c`` each when all choose alike, else 0: two pure
    equilibria and the totally mixed one at 1/2."""
    return gt.NormalFormGame(
        players={"A": ["x", "y"], "B": ["x", "y"], "C": ["x", "y"]},
        payoffs={
            prof: (c, c, c) if len(set(prof)) == 1 else (0, 0, 0)
            for prof in itertools.product("xy", repeat=3)
        },
    )


def binary_tree(depth: int) -> gt.ExtensiveGame:
    """A complete binary tree of decisions, players alternating by level."""
    count = [0]

    def build(level: int) -> gt.Decision | gt.Outcome:
        if level == depth:
            count[0] += 1
            return gt.Outcome(A=count[0] % 7, B=(count[0] * 3) % 11)
        return gt.Decision("AB"[level % 2], {"l": build(level + 1), "r": build(level + 1)})

    return gt.ExtensiveGame(build(0))


# -- repeated games ---------------------------------------------------------------------------
def random_automaton(
    rng: np.random.Generator, n: int, actions: Sequence[str] = ("C", "D")
) -> gt.Automaton:
    """A seeded random automaton: ``n`` states, each playing an action or a mixture of two (in
    quarters), moving after each of the other's actions to a state or a lottery over two (in
    thirds).  The default actions are the Prisoner's Dilemma's ``C``, ``D``.  Shared by the
    repeated-game tests and ``benchmarks/bench_repeated.py``."""
    names = [f"s{k}" for k in range(n)]
    play: dict[str, object] = {}
    for s in names:
        if rng.random() < 0.5:  # (two actions: the draws of the first version, kept for seeds)
            if len(actions) == 2:
                play[s] = actions[0] if rng.random() < 0.5 else actions[1]
            else:
                play[s] = actions[int(rng.integers(0, len(actions)))]
        else:
            q = sp.Rational(int(rng.integers(1, 4)), 4)
            i, j = (0, 1) if len(actions) == 2 else rng.choice(len(actions), 2, replace=False)
            play[s] = {actions[i]: q, actions[j]: 1 - q}
    moves: dict[tuple[str, tuple[str, str]], object] = {}
    for s in names:
        for b in actions:
            x, y = (names[int(k)] for k in rng.integers(0, n, 2))
            if x != y and rng.random() < 0.5:
                q = sp.Rational(int(rng.integers(1, 3)), 3)
                moves[(s, ("*", b))] = {x: q, y: 1 - q}
            else:
                moves[(s, ("*", b))] = x
    return gt.Automaton(names[0], play, moves)


def roots_in_unit(atoms: Sequence[Any], point: dict[Any, Any], delta: sp.Symbol) -> set[Any]:
    """The discount factors in (0, 1) where an atom, at ``point``'s payoffs, is an equality."""
    out = set()
    for a in atoms:
        e = sp.Poly(sp.numer(sp.together(a.expr.xreplace(point))), delta)
        if e.is_zero or e.degree() < 1:
            continue
        for r in sp.real_roots(e):
            if 0 < r < 1:
                out.add(r)
    return out


def policy_system(mdp: Any, policy: Sequence[str], f: Any, delta: sp.Symbol) -> tuple[Any, Any]:
    """``(I − δ P_π, (1 − δ) r_π)``: the linear system of a policy's values in the field ``f``
    (the reference the repeated-game solvers' values are compared with)."""
    from gametheory.repeated import _mdp

    n = len(mdp.states)
    d = f(delta)
    rows = [[f.k.one if r == c else f.k.zero for c in range(n)] for r in range(n)]
    rhs = []
    for r in range(n):
        rhs.append([(f.k.one - d) * x for x in _mdp._reward(mdp, r, policy[r], f)])
        for c, p in mdp.move[(r, policy[r])].items():
            rows[r][c] -= d * f(p)
    return rows, rhs


def trigger_automaton(rng: np.random.Generator, n: int, mix: float = 0.0) -> gt.Automaton:
    """A seeded random trigger strategy of the Prisoner's Dilemma, to be played against
    itself: ``m ≤ n/2`` cooperative states (``C``) and ``n − m`` punishing ones (``D``, or with
    probability ``mix`` a mixture in quarters).  Moves depend on the profile seen but not on
    who played what (``(C, D)`` and ``(D, C)`` alike) and are deterministic, so the two
    players stay in one joint state: a cooperative state moves on ``(C, C)`` to a cooperative
    one and on anything else to a punishing one; a punishing state moves on a unilateral
    defection back into punishment and otherwise anywhere.  Often an equilibrium on a region
    (shared by the repeated-game tests and ``benchmarks/bench_repeated.py``)."""
    names = [f"s{k}" for k in range(n)]
    m = int(rng.integers(1, n // 2 + 1))
    coop, pun = names[:m], names[m:]

    def pick(xs: Sequence[str]) -> str:
        return xs[int(rng.integers(0, len(xs)))]

    play: dict[str, object] = {}
    for k, s in enumerate(names):
        if k < m:
            play[s] = "C"
        elif rng.random() < mix:
            q = sp.Rational(int(rng.integers(1, 4)), 4)
            play[s] = {"C": q, "D": 1 - q}
        else:
            play[s] = "D"
    moves: dict[tuple[str, tuple[str, str]], object] = {}
    for k, s in enumerate(names):
        if k < m:
            moves[(s, ("C", "C"))] = pick(coop)
            moves[(s, ("C", "D"))] = moves[(s, ("D", "C"))] = pick(pun)
            moves[(s, ("D", "D"))] = pick(pun)
        else:
            moves[(s, ("D", "D"))] = pick(names)
            moves[(s, ("C", "D"))] = moves[(s, ("D", "C"))] = pick(pun)
            moves[(s, ("C", "C"))] = pick(names)
    return gt.Automaton(names[0], play, moves)


def mixed_punishment(k: int) -> gt.Automaton:
    """``benchmarks/bench_repeated.py``'s ``mixed-k`` (``k + 1`` states): cooperates, and after
    a defection punishes for ``k`` periods with the mixture ``3/4 D + 1/4 C``, forgiving (back
    to cooperation) with probability ``1/2`` whenever the other cooperated."""
    half = sp.Rational(1, 2)
    lot = {"D": sp.Rational(3, 4), "C": sp.Rational(1, 4)}
    play: dict[str, object] = {"c": "C", **{f"p{j}": lot for j in range(1, k + 1)}}
    moves: dict[tuple[str, tuple[str, str]], object] = {
        ("c", ("*", "*")): "p1",
        ("c", ("C", "C")): "c",
    }
    for j in range(1, k + 1):
        nxt = f"p{j + 1}" if j < k else "c"
        moves[(f"p{j}", ("*", "D"))] = nxt
        moves[(f"p{j}", ("*", "C"))] = {"c": half, nxt: half} if nxt != "c" else "c"
    return gt.Automaton("c", play, moves, name=f"mixed-{k}")


AFFINE_X, AFFINE_Y = sp.symbols("x y", positive=True)


def affine_game(seed: int, m: int, n: int) -> gt.NormalFormGame:
    """A seeded ``m x n`` game with payoffs ``k0 + k1*x + k2*y/2`` (small integers ``k``, in
    :data:`AFFINE_X`, :data:`AFFINE_Y`): degenerate at many grid points (ties the float path
    of a sweep cannot decide, solved exactly), generic elsewhere.  Shared by the sweep tests."""
    rng = np.random.default_rng(seed)
    k = rng.integers(-2, 3, size=(2, m, n, 3))
    x, y = AFFINE_X, AFFINE_Y
    mats = [
        [
            [
                int(k[p, i, j, 0]) + int(k[p, i, j, 1]) * x + sp.Rational(int(k[p, i, j, 2]), 2) * y
                for j in range(n)
            ]
            for i in range(m)
        ]
        for p in range(2)
    ]
    return gt.NormalFormGame.from_matrices(*mats)
