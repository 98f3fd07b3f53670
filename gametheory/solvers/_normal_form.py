"""Shared pieces of the normal-form solvers: building results from strategy vectors."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import sympy as sp

from ..conditions import Region
from ..equilibrium import Equilibrium
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace

__all__ = ["make_equilibrium", "outcome_probabilities"]


def _profile_weights(
    game: NormalFormGame, mixes: Sequence[Sequence[sp.Expr]]
) -> Iterator[tuple[int, sp.Expr]]:
    """Each pure profile in the mixes' support: its position in ``game.table`` and probability."""
    supports = [[i for i, p in enumerate(mix) if p != 0] for mix in mixes]
    shape = game.shape
    for idx in itertools.product(*supports):
        flat = 0
        term = sp.Integer(1)
        for k, (mix, i) in enumerate(zip(mixes, idx, strict=True)):
            flat = flat * shape[k] + i
            term *= mix[i]
        yield flat, term


def outcome_probabilities(
    game: NormalFormGame, mixes: Sequence[Sequence[sp.Expr]]
) -> dict[str, sp.Expr]:
    """Probability of each outcome label under independent mixed strategies ``mixes``."""
    probs: dict[str, sp.Expr] = {lab: sp.Integer(0) for lot in game.lotteries for lab in lot}
    for flat, term in _profile_weights(game, mixes):
        for lab, weight in game.lotteries[flat].items():
            probs[lab] = probs[lab] + term * weight
    return {lab: _tidy(p) if isinstance(p, sp.Add) else p for lab, p in probs.items()}


def expected_payoffs(game: NormalFormGame, mixes: Sequence[Sequence[sp.Expr]]) -> list[sp.Expr]:
    """Each player's expected payoff under independent mixed strategies."""
    totals = [sp.Integer(0)] * len(game.players)
    for flat, term in _profile_weights(game, mixes):
        totals = [t + term * v for t, v in zip(totals, game.table[flat], strict=True)]
    return [_tidy(t) for t in totals]


def _tidy(e: sp.Expr) -> sp.Expr:
    if not e.free_symbols:
        return e
    return tidy_ratio(*sp.fraction(sp.cancel(e)), reduced=True)


def tidy_ratio(num: sp.Expr, den: sp.Expr, *, reduced: bool = False) -> sp.Expr:
    """``num / den`` in lowest terms, with a readable sign: the denominator's leading terms
    positive where possible (``1/(c - a + 1)`` rather than ``-1/(a - c - 1)``).

    ``reduced``: the pair is already ``sympy.fraction(sympy.cancel(...))`` of something (in
    lowest terms), so the ``cancel`` here is skipped.
    """
    if num.is_number and den.is_number:
        return sp.nsimplify(num / den) if num.is_Rational and den.is_Rational else num / den
    if reduced and not den.is_number:
        n, d = num, den
    else:
        q = sp.cancel(num / den)
        n, d = sp.fraction(q)
        if d.is_number:
            return q
    try:
        coeffs = sp.Poly(d, *sorted(d.free_symbols, key=str)).coeffs()
    except sp.PolynomialError:  # e.g. exp(1/b): keep the sign as it is
        return n / d
    negative = sum(1 for k in coeffs if k < 0)
    if negative * 2 > len(coeffs) or (negative * 2 == len(coeffs) and coeffs[0] < 0):
        n, d = sp.expand(-n), sp.expand(-d)
    return n / d


def make_equilibrium(
    game: NormalFormGame,
    mixes: Sequence[Sequence[sp.Expr]],
    region: Region | None,
    space: ParameterSpace,
    payoffs: Sequence[sp.Expr] | None = None,
) -> Equilibrium:
    """An :class:`Equilibrium` from one probability vector per player.

    ``payoffs`` may pass the equilibrium values already known (e.g. from the indifference
    system); otherwise they are computed as expectations.
    """
    mixes = [[sp.sympify(p) for p in mix] for mix in mixes]
    pure = all(sum(1 for p in mix if p != 0) == 1 for mix in mixes)
    values = list(payoffs) if payoffs is not None else expected_payoffs(game, mixes)
    return Equilibrium(
        kind="pure" if pure else "mixed",
        strategies={
            p: dict(zip(game.actions[p], mix, strict=True))
            for p, mix in zip(game.players, mixes, strict=True)
        },
        payoffs=dict(zip(game.players, values, strict=True)),
        outcomes=outcome_probabilities(game, mixes),
        conditions=sp.true if region is None else region.condition,
        witness={} if region is None else region.witness,
        space=space,
    )
