"""The Markov chain a profile of automata induces, and its discounted values, exactly.

A *joint state* is one state per player.  In joint state ``s`` the players mix independently
(``σ(s)``), and after the action profile ``a`` each automaton moves by its own lottery, so the
next joint state has probability ``Π_i P_i(s'_i | s_i, a)``.  Values solve
``(I − δ M) V = (1 − δ) u`` (``M`` the transition matrix under the profile); sympy's
``DomainMatrix`` does it in the field of rational functions of ``δ`` and the payoff parameters.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .automaton import Automaton
from .game import RepeatedGame

__all__ = ["Chain", "build_chain", "discounted", "solve_linear"]

Joint = tuple[str, ...]
Profile = tuple[str, ...]


@dataclass(frozen=True)
class Chain:
    """Joint states reachable from the start under *any* action profiles (every history of the
    repeated game leads to one of them), and the profile's behaviour there."""

    game: RepeatedGame
    automata: tuple[Automaton, ...]
    states: tuple[Joint, ...]
    index: Mapping[Joint, int]
    profiles: tuple[Profile, ...]
    moves: Mapping[tuple[int, Profile], Mapping[int, sp.Expr]]  # next joint states after a

    def mix(self, s: int, player: int) -> Mapping[str, sp.Expr]:
        return self.automata[player].play[self.states[s][player]]

    def prob_others(self, s: int, profile: Profile, player: int) -> sp.Expr:
        """The probability that the others play their part of ``profile`` in ``s``."""
        out = sp.Integer(1)
        for i, a in enumerate(profile):
            if i != player:
                out *= self.mix(s, i).get(a, sp.Integer(0))
        return out

    def prob(self, s: int, profile: Profile) -> sp.Expr:
        """The probability that ``profile`` is played in joint state ``s``."""
        out = sp.Integer(1)
        for i, a in enumerate(profile):
            out *= self.mix(s, i).get(a, sp.Integer(0))
        return out


def build_chain(game: RepeatedGame, automata: Sequence[Automaton]) -> Chain:
    actions = [game.stage.actions[p] for p in game.players]
    profiles = tuple(itertools.product(*actions))
    start: Joint = tuple(a.start for a in automata)
    index: dict[Joint, int] = {start: 0}
    order: list[Joint] = [start]
    moves: dict[tuple[int, Profile], dict[int, sp.Expr]] = {}
    k = 0
    while k < len(order):
        joint = order[k]
        for profile in profiles:
            lots = [
                automata[i].next_state(joint[i], _own_view(profile, i))
                for i in range(len(automata))
            ]
            nxt: dict[int, sp.Expr] = {}
            for combo in itertools.product(*(lot.items() for lot in lots)):
                q = sp.Mul(*(p for _, p in combo))
                if q == 0:
                    continue
                target = tuple(st for st, _ in combo)
                if target not in index:
                    index[target] = len(order)
                    order.append(target)
                j = index[target]
                nxt[j] = nxt.get(j, sp.Integer(0)) + q
            moves[(k, profile)] = nxt
        k += 1
    return Chain(game, tuple(automata), tuple(order), index, profiles, moves)


def _own_view(profile: Profile, i: int) -> Profile:
    """The profile as player ``i``'s automaton reads it: own action first, then the others'."""
    return (profile[i], *profile[:i], *profile[i + 1 :])


def payoff(chain: Chain, player: int, profile: Profile) -> sp.Expr:
    return chain.game.stage.payoff(profile)[chain.game.players[player]]


def solve_linear(
    matrix: Sequence[Sequence[sp.Expr]],
    rhs: Sequence[Sequence[sp.Expr]],
    rows: Sequence[int] | None = None,
) -> list[list[sp.Expr]]:
    """``X`` with ``matrix · X = rhs``, exactly (columns of ``rhs`` solved together), in the
    field of rational functions, so entries come back in lowest terms; only ``rows`` of ``X``
    (all by default) are converted to expressions."""
    n, m = len(matrix), len(rhs[0]) if rhs else 0
    big = sp.Matrix([list(row) for row in matrix]).row_join(sp.Matrix(rhs))
    dm = DomainMatrix.from_Matrix(big).to_field()
    a = dm.extract(list(range(n)), list(range(n)))
    b = dm.extract(list(range(n)), list(range(n, n + m)))
    x = a.lu_solve(b)
    domain, entries = x.domain, x.to_list()
    wanted = range(n) if rows is None else rows
    return [[domain.to_sympy(entries[r][c]) for c in range(m)] for r in wanted]


def discounted(chain: Chain) -> tuple[list[list[sp.Expr]], dict[Profile, sp.Expr]]:
    """``V[s][i]``, player ``i``'s normalised discounted value from joint state ``s``, and the
    discounted frequency ``(1 − δ) Σ δᵗ Pr(aₜ = a)`` of each action profile from the start: one
    solve of ``(I − δ M) X = (1 − δ) [u | π]``."""
    delta = chain.game.discount
    n, players = len(chain.states), len(chain.automata)
    rhs = []
    for s in range(n):
        probs = [chain.prob(s, a) for a in chain.profiles]
        pay = [
            sp.Add(*(q * payoff(chain, i, a) for q, a in zip(probs, chain.profiles, strict=True)))
            for i in range(players)
        ]
        rhs.append([(1 - delta) * x for x in (*pay, *probs)])
    solved = solve_linear(_system(chain, delta), rhs)
    vals = [row[:players] for row in solved]
    return vals, dict(zip(chain.profiles, solved[0][players:], strict=True))


def _system(chain: Chain, delta: sp.Expr) -> list[list[sp.Expr]]:
    """``I − δ M`` for the chain under the profile."""
    n = len(chain.states)
    rows = [[sp.Integer(int(r == c)) for c in range(n)] for r in range(n)]
    for s in range(n):
        for a in chain.profiles:
            q = chain.prob(s, a)
            if q == 0:
                continue
            for j, p in chain.moves[(s, a)].items():
                rows[s][j] -= delta * q * p
    return rows
