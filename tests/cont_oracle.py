"""An independent check of equilibria with continuous choices, from the tree alone.

The profile is played on the tree directly (no solver code): a continuous choice is the listed
expression evaluated with the variables chosen above it, a discrete choice its listed (rule)
probabilities.  A deviation replaces one information set's choice.  Used by the tests of
sequential and simultaneous continuous choices: every listed SPE is checked at a point against
a fine grid of deviations plus given exact cutoffs, for the leader and for every follower.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import sympy as sp

import gametheory as gt
from gametheory.games.extensive import infoset_label
from gametheory.games.tree import Chance, ContinuousDecision, Decision, Node, Outcome

Profile = Mapping[str, Mapping[str, sp.Expr]]


def play(
    node: Node,
    profile: Profile,
    env: dict[sp.Symbol, sp.Expr],
    players: Sequence[str],
    path: str = "root",
    override: Mapping[str, object] | None = None,
) -> np.ndarray:
    """Expected payoffs (floats) of ``profile`` from ``node``, with the variables in ``env``.

    ``override`` maps an information set to a deviation: a number for a continuous choice, an
    action name for a discrete one."""
    override = override or {}
    if isinstance(node, Outcome):
        return np.array([float(sp.N(node.payoffs[p].subs(env), 30)) for p in players])
    if isinstance(node, Chance):
        total = np.zeros(len(players))
        for b, (q, child) in node.branches.items():
            w = float(sp.N(sp.sympify(q).subs(env), 30))
            if w != 0:
                total += w * play(child, profile, env, players, _join(path, b), override)
        return total
    h = infoset_label(node, path)
    if isinstance(node, ContinuousDecision):
        x = node.variable
        if h in override:
            value = sp.nsimplify(override[h])
        else:
            value = sp.sympify(profile[h][str(x)]).subs(env)
        return play(node.then, profile, {**env, x: value}, players, _join(path, str(x)), override)
    assert isinstance(node, Decision)
    total = np.zeros(len(players))
    for a, child in node.actions.items():
        if h in override:
            w = 1.0 if override[h] == a else 0.0
        else:
            w = float(sp.N(sp.sympify(profile[h][a]).subs(env), 30))
        if w != 0:
            total += w * play(child, profile, env, players, _join(path, a), override)
    return total


def _join(path: str, label: str) -> str:
    return label if path == "root" else f"{path}/{label}"


def grid(lo: object, hi: object, extra: Iterable[object] = (), n: int = 201) -> list[sp.Expr]:
    """``n`` rational points of ``[lo, hi]`` plus the given exact points inside it."""
    a, b = sp.sympify(lo), sp.sympify(hi)
    pts = [a + (b - a) * sp.Rational(k, n - 1) for k in range(n)]
    pts += [sp.sympify(e) for e in extra if a <= sp.sympify(e) <= b]
    return pts


def check_leader(
    game: gt.ExtensiveGame,
    eq: gt.Equilibrium,
    infoset: str,
    lo: object,
    hi: object,
    cutoffs: Iterable[object] = (),
    tol: float = 1e-9,
) -> None:
    """No deviation of the player at ``infoset`` (the root's continuous choice) pays."""
    players = game.players
    node = game.root
    assert isinstance(node, ContinuousDecision)
    mover = players.index(node.player)
    base = play(node, eq.strategies, {}, players)
    assert np.allclose(base, [float(eq.payoffs[p]) for p in players], atol=1e-9), (
        base,
        eq.payoffs,
    )
    for x in grid(lo, hi, cutoffs):
        dev = play(node, eq.strategies, {}, players, override={infoset: x})
        assert dev[mover] <= base[mover] + tol, (x, dev[mover], base[mover])


def check_follower(
    game: gt.ExtensiveGame,
    eq: gt.Equilibrium,
    leader_values: Iterable[object],
    follower_lo: object = None,
    follower_hi: object = None,
    cutoffs: Iterable[object] = (),
    tol: float = 1e-9,
) -> None:
    """At each value of the root's variable, the follower's (continuous or discrete) choice
    right below the root is a best reply, the rest of the profile held fixed."""
    players = game.players
    root = game.root
    assert isinstance(root, ContinuousDecision)
    x = root.variable
    child = root.then
    path = str(x)
    h = infoset_label(child, path)  # type: ignore[arg-type]
    mover = players.index(child.player)  # type: ignore[union-attr]
    for v in leader_values:
        env = {x: sp.sympify(v)}
        base = play(child, eq.strategies, env, players, path)
        if isinstance(child, ContinuousDecision):
            lo = sp.sympify(follower_lo if follower_lo is not None else child.interval[0])
            hi = sp.sympify(follower_hi if follower_hi is not None else child.interval[1])
            devs: list[object] = list(grid(lo.subs(env), hi.subs(env), cutoffs, n=41))
        else:
            assert isinstance(child, Decision)
            devs = list(child.actions)
        for d in devs:
            dev = play(child, eq.strategies, env, players, path, override={h: d})
            assert dev[mover] <= base[mover] + tol, (v, d, dev[mover], base[mover])


def check_simultaneous(
    game: gt.ExtensiveGame,
    eq: gt.Equilibrium,
    movers: Sequence[tuple[str, object, object]],
    tol: float = 1e-9,
) -> None:
    """No player of a simultaneous block gains by deviating alone: ``movers`` lists
    ``(infoset, lo, hi)`` with numeric ends."""
    players = game.players
    base = play(game.root, eq.strategies, {}, players)
    for h, lo, hi in movers:
        p = game.infosets[h].player
        i = players.index(p)
        for d in grid(lo, hi, [eq.strategies[h][game.infosets[h].actions[0]]]):
            dev = play(game.root, eq.strategies, {}, players, override={h: d})
            assert dev[i] <= base[i] + tol, (h, d, dev[i], base[i])
