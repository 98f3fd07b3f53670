"""Minmax values of numeric games, exactly: the kernel of :func:`gametheory.minmax`.

Two players: the value of the zero-sum game of the player's own payoffs (an exact LP).  Three
or more: exact bounds, the correlated minmax below (an LP over the opponents' joint profiles)
and the best independent punishment found above (pure punishments, the correlated optimum's
marginals, then each opponent re-optimising its mixture against the others' in turn).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy as sp

from ._exact_lp import ZeroSumValue, zero_sum_value
from .games.normal_form import NormalFormGame

__all__ = ["numeric_minmax"]


def numeric_minmax(
    nf: NormalFormGame, table: list[tuple[Fraction, ...]], k: int
) -> tuple[sp.Expr, dict[str, dict[str, sp.Expr]], sp.Expr, sp.Expr]:
    """Player ``k``'s value (or upper bound), punishment, correlated and pure minmax."""
    player = nf.players[k]
    others = [q for q in range(len(nf.players)) if q != k]
    own = nf.actions[player]
    joint = list(itertools.product(*(range(nf.shape[q]) for q in others)))
    strides = [1] * len(nf.players)
    for q in range(len(nf.players) - 2, -1, -1):
        strides[q] = strides[q + 1] * nf.shape[q + 1]

    def payoff(a: int, prof: tuple[int, ...]) -> Fraction:
        idx = a * strides[k] + sum(i * strides[q] for q, i in zip(others, prof, strict=True))
        return table[idx][k]

    # rows: the player's actions; columns: the opponents' joint profiles
    matrix = [[payoff(a, prof) for prof in joint] for a in range(len(own))]
    pure = min(max(matrix[a][c] for a in range(len(own))) for c in range(len(joint)))
    lp = zero_sum_value(matrix)
    if len(others) == 1:  # two players: the LP's optimum is the punishment
        mixes = [list(lp.minimiser)]
        return _rat(lp.value), _punisher(nf, others, mixes), _rat(lp.value), _rat(pure)
    # n players: start from the better of the correlated optimum's marginals and the best pure
    # punishment, then let each opponent in turn re-optimise against the others (an exact LP)
    marginals = [[Fraction(0)] * nf.shape[q] for q in others]
    for c, prof in enumerate(joint):
        for m, i in zip(marginals, prof, strict=True):
            m[i] += lp.minimiser[c]
    best = min(range(len(joint)), key=lambda c: max(row[c] for row in matrix))
    pure_mixes = [
        [Fraction(int(i == j)) for i in range(nf.shape[q])]
        for q, j in zip(others, joint[best], strict=True)
    ]
    candidates = [(_independent_value(matrix, joint, m), m) for m in (marginals, pure_mixes)]
    value, mixes = min(candidates, key=lambda vm: vm[0])
    for _ in range(_ROUNDS):
        if value == lp.value:
            break
        improved = False
        for pos in range(len(others)):
            reply = _reoptimise(matrix, joint, mixes, pos)
            if reply.value < value:
                mixes = [*mixes[:pos], list(reply.minimiser), *mixes[pos + 1 :]]
                value, improved = reply.value, True
        if not improved:
            break
    return _rat(value), _punisher(nf, others, mixes), _rat(lp.value), _rat(pure)


_ROUNDS = 25
"""Rounds of opponent-by-opponent re-optimisation for games of three or more players."""


def _independent_value(
    matrix: list[list[Fraction]], joint: list[tuple[int, ...]], mixes: list[list[Fraction]]
) -> Fraction:
    """The player's best-reply payoff against independent mixtures ``mixes`` of its opponents."""
    weights = [_product(mixes, prof) for prof in joint]
    return max(sum((row[c] * w for c, w in enumerate(weights) if w), Fraction(0)) for row in matrix)


def _reoptimise(
    matrix: list[list[Fraction]],
    joint: list[tuple[int, ...]],
    mixes: list[list[Fraction]],
    pos: int,
) -> ZeroSumValue:
    """The best mixture of the opponent at ``pos`` with the others' mixtures fixed (an LP)."""
    size = len(mixes[pos])
    reduced = [[Fraction(0)] * size for _ in matrix]
    for c, prof in enumerate(joint):
        w = _product([m for k, m in enumerate(mixes) if k != pos], prof[:pos] + prof[pos + 1 :])
        if w:
            for r, row in enumerate(matrix):
                reduced[r][prof[pos]] += row[c] * w
    return zero_sum_value(reduced)


def _punisher(
    nf: NormalFormGame, others: list[int], mixes: list[list[Fraction]]
) -> dict[str, dict[str, sp.Expr]]:
    return {
        nf.players[q]: {a: _rat(p) for a, p in zip(nf.actions[nf.players[q]], mix, strict=True)}
        for q, mix in zip(others, mixes, strict=True)
    }


def _product(marginals: list[list[Fraction]], prof: tuple[int, ...]) -> Fraction:
    out = Fraction(1)
    for m, i in zip(marginals, prof, strict=True):
        out *= m[i]
    return out


def _rat(x: Fraction) -> sp.Rational:
    return sp.Rational(x.numerator, x.denominator)
