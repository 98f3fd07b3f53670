"""Helpers for the Gambit tests: our games against pygambit's reading of the same file.

Each check walks both games independently (pygambit's API on one side, our game classes on the
other) and compares players, labels, payoffs, chance probabilities and information sets exactly.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import sympy as sp

import gametheory as gt
from gametheory.games.extensive import infoset_label
from gametheory.games.tree import Chance, Decision, Outcome
from gametheory.io._lexer import normalize_labels
from gametheory.io.gambit_efg import SLASH
from gametheory.solvers.pure import pure_equilibria


def exact(value: object) -> sp.Rational:
    """A pygambit number (Rational or Decimal) as an exact sympy rational."""
    f = Fraction(str(value))
    return sp.Rational(f.numerator, f.denominator)


def labels(items: Any) -> list[str]:
    """Labels as Gambit >= 16.7 normalises them (older pygambit keeps empty/repeated ones)."""
    return normalize_labels([x.label for x in items])


def same_normal_form(ours: gt.NormalFormGame, theirs: Any) -> None:
    players = list(theirs.players)
    assert labels(players) == list(ours.players)
    for p, q in zip(ours.players, players, strict=True):
        assert labels(q.strategies) == list(ours.actions[p])
    for prof, row in zip(ours.profiles(), ours.table, strict=True):
        contingency = tuple(
            list(q.strategies)[ours.actions[p].index(a)]
            for p, q, a in zip(ours.players, players, prof, strict=True)
        )
        outcome = theirs[contingency]
        assert [exact(outcome[q]) for q in players] == list(row), prof


def infoset_map(ours: gt.ExtensiveGame, theirs: Any) -> dict[Any, str]:
    """pygambit information set -> our information-set label, after checking that the two trees
    are the same (shape, players, labels, probabilities, payoffs summed along each path) and
    that the information sets partition the nodes the same way."""
    players = list(theirs.players)
    assert labels(players) == list(ours.players)
    out: dict[Any, str] = {}
    nodes = 0
    stack = [("root", ours.root, theirs.root, [sp.Integer(0)] * len(players))]
    while stack:
        path, a, b, acc = stack.pop()
        nodes += 1
        if b.outcome:
            acc = [x + exact(b.outcome[q]) for x, q in zip(acc, players, strict=True)]
        if b.is_terminal:
            assert isinstance(a, Outcome), path
            assert [a.payoffs[p] for p in ours.players] == acc, path
            continue
        acts = [x.replace("/", SLASH) for x in labels(b.infoset.actions)]  # as we read them
        if b.player.is_chance:
            assert isinstance(a, Chance), path
            assert list(a.branches) == acts, path
            probs = [exact(x.prob) for x in b.infoset.actions]
            assert [a.branches[x][0] for x in acts] == probs, path
            kids = [a.branches[x][1] for x in acts]
        else:
            assert isinstance(a, Decision), path
            assert a.player == ours.players[players.index(b.player)], path
            assert list(a.actions) == acts, path
            label = infoset_label(a, path)
            assert out.setdefault(b.infoset, label) == label, path
            kids = [a.actions[x] for x in acts]
        for x, ka, kb in zip(acts, kids, list(b.children), strict=True):
            stack.append((x if path == "root" else f"{path}/{x}", ka, kb, acc))
    assert len(set(out.values())) == len(out) == len(ours.infosets)
    assert nodes == len(list(theirs.nodes))
    return out


def same_tree(ours: gt.ExtensiveGame, theirs: Any) -> None:
    infoset_map(ours, theirs)


def plan_bound(game: gt.ExtensiveGame) -> int:
    """An upper bound on the size of the reduced normal form (product over information sets)."""
    return math.prod(len(h.actions) for h in game.infosets.values())


def mixed_equilibria_ours(game: gt.NormalFormGame | gt.ExtensiveGame) -> set[frozenset]:
    """Our extreme equilibria as sets of (player, strategy key, probability)."""
    sol = gt.nash(game)
    out = set()
    for eq in sol:
        if isinstance(game, gt.NormalFormGame):
            items = {(p, a, eq.strategies[p][a]) for p in game.players for a in game.actions[p]}
        else:
            items = {
                (p, frozenset(plan.items()), eq.strategies[p][lab])
                for p in game.players
                for lab, plan in game.plans[p]
            }
        out.add(frozenset(items))
    return out


def mixed_equilibria_gambit(game: gt.NormalFormGame | gt.ExtensiveGame, theirs: Any) -> set:
    """pygambit's ``enummixed_solve(rational=True)``, keyed as :func:`mixed_equilibria_ours`."""
    import pygambit as gbt

    result = gbt.nash.enummixed_solve(theirs, rational=True)
    players = list(theirs.players)
    names = dict(zip(players, game.players, strict=True))
    out = set()
    if isinstance(game, gt.NormalFormGame):
        for eq in result.equilibria:
            out.add(
                frozenset(
                    (names[q], a, exact(eq[s]))
                    for q in players
                    for a, s in zip(game.actions[names[q]], q.strategies, strict=True)
                )
            )
        return out
    ours = infoset_map(game, theirs)
    action_labels = {h: labels(h.actions) for h in ours}
    actions_of = {
        h: dict(zip([a.label for a in h.actions], action_labels[h], strict=True)) for h in ours
    }

    def key(q: Any, s: Any) -> frozenset:
        return frozenset(
            (ours[h], actions_of[h][s.action(h).label])
            for h in q.infosets
            if s.action(h) is not None
        )

    for eq in result.equilibria:
        out.add(
            frozenset((names[q], key(q, s), exact(eq[s])) for q in players for s in q.strategies)
        )
    return out


def pure_payoffs_ours(game: gt.NormalFormGame | gt.ExtensiveGame) -> set[tuple]:
    """Our pure equilibria's payoffs, from the pure-profile solver (``gt.nash`` on games with
    three or more players enumerates every support, minutes on the corpus's 5x4x3 game)."""
    nf = game if isinstance(game, gt.NormalFormGame) else game.to_normal_form()
    eqs = pure_equilibria(nf, gt.ParameterSpace.from_symbols(()))
    return {tuple(eq.payoffs[p] for p in game.players) for eq in eqs}


def pure_payoffs_gambit(theirs: Any) -> set[tuple]:
    import pygambit as gbt

    result = gbt.nash.enumpure_solve(theirs)
    return {tuple(exact(eq.payoff(q)) for q in theirs.players) for eq in result.equilibria}
