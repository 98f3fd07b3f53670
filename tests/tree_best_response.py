"""A best-response certificate for behaviour profiles of two-player trees with perfect recall.

Written apart from every solver (it builds neither the sequence form nor the normal form): for
the deviating player it walks the tree once, weighting each leaf by the chance and opponent
probabilities of reaching it, and files the weighted payoff under the deviator's last own move
(information set, action) on the way.  Under perfect recall the deviator's information sets form
a forest under those moves, so the best-response value is a backward induction over it:
``V(h, a) = (leaf payoffs filed under (h, a)) + sum over the sets h' that follow (h, a) of
max_a' V(h', a')``, and the best response's value is the same sum at the root.  A profile is a
Nash equilibrium iff no player's best-response value exceeds its payoff under the profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

import gametheory as gt
from gametheory.games.extensive import infoset_label
from gametheory.games.tree import Chance, Decision, Outcome

Move = tuple[str, str] | None


def _q(v: object) -> Fraction:
    r = sp.Rational(sp.sympify(v))
    return Fraction(int(r.p), int(r.q))


def profile_value(game: gt.ExtensiveGame, profile: Mapping[str, Mapping[str, object]]) -> dict:
    """Each player's expected payoff under a behaviour profile, by walking the tree."""
    out = {p: Fraction(0) for p in game.players}
    stack = [("root", game.root, Fraction(1))]
    while stack:
        path, node, w = stack.pop()
        if w == 0:
            continue
        if isinstance(node, Outcome):
            for p in game.players:
                out[p] += w * _q(node.payoffs[p])
        elif isinstance(node, Decision):
            mix = profile[infoset_label(node, path)]
            for a, child in node.actions.items():
                stack.append((a if path == "root" else f"{path}/{a}", child, w * _q(mix.get(a, 0))))
        elif isinstance(node, Chance):
            for b, (q, child) in node.branches.items():
                stack.append((b if path == "root" else f"{path}/{b}", child, w * _q(q)))
    return out


def best_response_value(
    game: gt.ExtensiveGame, player: str, profile: Mapping[str, Mapping[str, object]]
) -> Fraction:
    """The most ``player`` can get against the others' behaviour strategies in ``profile``."""
    filed: dict[Move, Fraction] = {}
    follows: dict[Move, list[str]] = {}
    actions: dict[str, tuple[str, ...]] = {}
    stack: list[tuple[str, object, Fraction, Move]] = [("root", game.root, Fraction(1), None)]
    while stack:
        path, node, w, last = stack.pop()
        if isinstance(node, Outcome):
            filed[last] = filed.get(last, Fraction(0)) + w * _q(node.payoffs[player])
        elif isinstance(node, Decision):
            h = infoset_label(node, path)
            for a, child in node.actions.items():
                nxt = a if path == "root" else f"{path}/{a}"
                if node.player == player:
                    stack.append((nxt, child, w, (h, a)))
                else:
                    p = _q(profile[h].get(a, 0))
                    if p:
                        stack.append((nxt, child, w * p, last))
            if node.player == player and h not in actions:
                actions[h] = tuple(node.actions)
                follows.setdefault(last, []).append(h)
        elif isinstance(node, Chance):
            for b, (q, child) in node.branches.items():
                nxt = b if path == "root" else f"{path}/{b}"
                stack.append((nxt, child, w * _q(q), last))

    def value(move: Move) -> Fraction:  # trees here are shallow: recursion is fine
        total = filed.get(move, Fraction(0))
        for h in follows.get(move, []):
            total += max(value((h, a)) for a in actions[h])
        return total

    return value(None)


def regrets(game: gt.ExtensiveGame, profile: Mapping[str, Mapping[str, object]]) -> dict:
    """Each player's gain from its best response (0 for every player: an equilibrium)."""
    values = profile_value(game, profile)
    return {p: best_response_value(game, p, profile) - values[p] for p in game.players}
