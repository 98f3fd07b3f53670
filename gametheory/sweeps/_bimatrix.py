"""A fast path of per-point sweeps: two-player normal-form games with rational payoffs.

At a rational point, a two-player game whose payoffs and outcome probabilities are rational
functions of the parameters with rational coefficients is exact, and :func:`~gametheory.solve`
solves it by exact vertex enumeration.  This does the same without building a game or sympy
objects at each point: the payoffs and lotteries are compiled once (per worker process) into one
function evaluated in :class:`fractions.Fraction`, the kernel is the one ``nash`` calls
(``extreme_equilibria_exact``), and each equilibrium's payoffs and outcome probabilities are the
exact sums ``make_equilibrium`` takes, so every value equals ``gt.solve``'s.  Anything unusual at a
point (a payoff undefined there) raises, and the caller then takes the general path, which says
what is wrong.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from ..games.normal_form import NormalFormGame
from ..solvers._vertex_enum import extreme_equilibria_exact

__all__ = ["Bimatrix", "applies", "prepared"]

_CACHE: dict[str, Bimatrix | None] = {}  # per process: compiled once per sweep, by its token
_MISSING = object()


def applies(game: object) -> bool:
    """Whether ``game`` is a two-player normal-form game whose payoffs and outcome probabilities
    are built from its parameters and rationals by +, -, *, / and integer powers only."""
    if not isinstance(game, NormalFormGame) or len(game.players) != 2:
        return False
    params = set(game.parameters)
    values = [v for row in game.table for v in row]
    values += [w for lot in game.lotteries for w in lot.values()]
    return all(_plain(v, params) for v in values)


def _plain(e: sp.Basic, params: set[sp.Symbol]) -> bool:
    if e.is_Symbol:
        return e in params
    if e.is_Rational:
        return True
    if e.is_Add or e.is_Mul:
        return all(_plain(a, params) for a in e.args)
    if e.is_Pow:
        return bool(e.exp.is_Integer) and _plain(e.base, params)
    return False


def prepared(
    token: str, game: NormalFormGame, symbols: Sequence[sp.Symbol], spec: Any
) -> Bimatrix | None:
    """The compiled game of the sweep ``token`` in this process (``None`` if it cannot be)."""
    return per_process(_CACHE, token, lambda: Bimatrix(game, symbols, spec))


def column_places(game: NormalFormGame, labels: Sequence[str], spec: Any) -> list[int | None]:
    """Each value column's place in ``[payoff row, payoff column, *outcomes, *x, *y]`` (None
    for a column the kernel does not give)."""
    row, col = game.players
    where = {("payoff", row, ""): 0, ("payoff", col, ""): 1}
    where.update({("outcome", lab, ""): 2 + k for k, lab in enumerate(labels)})
    start = 2 + len(labels)
    for p in game.players:
        for a in game.actions[p]:
            where[("strategy", p, a)] = start
            start += 1
    return [where.get(tuple(s)) for s in spec]


def per_process(cache: dict[str, Any], token: str, build: Callable[[], Any]) -> Any:
    """``cache[token]``, built on first use (``None`` if building fails: every point of that
    sweep then goes to the exact path); a few sweeps' worth are kept per process."""
    found = cache.get(token, _MISSING)
    if found is not _MISSING:
        return found
    try:
        made = build()
    except Exception:  # pragma: no cover - the caller checked that the game compiles
        made = None
    if len(cache) >= 8:  # threads may race here, harmlessly
        cache.clear()
    cache[token] = made
    return made


class Bimatrix:
    """A two-player game's payoffs and lotteries as one function evaluated in Fractions.

    Parameters
    ----------
    game
        A game :func:`applies` to.
    symbols
        The parameters, in the order their values are given.
    spec
        The value columns to produce: ``(source, key, action)`` triples, as in
        :mod:`gametheory.sweeps._pointwise`.
    """

    def __init__(self, game: NormalFormGame, symbols: Sequence[sp.Symbol], spec: Any) -> None:
        exprs = [v for row in game.table for v in row]
        exprs += [w for lot in game.lotteries for w in lot.values()]
        # printed code divides rationals as floats ((3/10)*c): pass them as Fraction arguments
        consts = sorted(
            {q for e in exprs for q in e.atoms(sp.Rational) if not q.is_Integer},
            key=lambda q: (q.p, q.q),
        )
        names = [sp.Dummy() for _ in consts]
        swap = dict(zip(consts, names, strict=True))
        raw = sp.lambdify((*names, *symbols), [e.xreplace(swap) for e in exprs], modules=[{}])
        self._fn: Callable[..., list[Any]] = functools.partial(
            raw, *(Fraction(int(q.p), int(q.q)) for q in consts)
        )
        self._m, self._n = game.shape
        labels = list(dict.fromkeys(lab for lot in game.lotteries for lab in lot))
        # the lottery of each profile: (label index, position of its weight in the values)
        pos = 2 * self._m * self._n
        self._lots: list[list[tuple[int, int]]] = []
        for lot in game.lotteries:
            self._lots.append([(labels.index(lab), pos + k) for k, lab in enumerate(lot)])
            pos += len(lot)
        self._pick = column_places(game, labels, spec)
        self._labels = len(labels)

    def rows(self, point: Sequence[Fraction]) -> list[tuple[str, list[float]]]:
        """Each equilibrium at the point, in ``gt.solve``'s order: its kind and its values."""
        vals = self._fn(*point)
        m, n = self._m, self._n
        A = [[vals[2 * (i * n + j)] for j in range(n)] for i in range(m)]
        B = [[vals[2 * (i * n + j) + 1] for j in range(n)] for i in range(m)]
        out = []
        for x, y in extreme_equilibria_exact(A, B).equilibria:
            sx = [i for i, p in enumerate(x) if p]
            sy = [j for j, q in enumerate(y) if q]
            pay: list[Fraction] = [Fraction(0), Fraction(0)]
            probs = [Fraction(0)] * self._labels
            for i in sx:
                for j in sy:
                    w = x[i] * y[j]
                    pay[0] += w * A[i][j]
                    pay[1] += w * B[i][j]
                    for lab, k in self._lots[i * n + j]:
                        probs[lab] += w * vals[k]
            full = [*pay, *probs, *x, *y]
            kind = "pure" if len(sx) == 1 and len(sy) == 1 else "mixed"
            out.append((kind, [math.nan if k is None else float(full[k]) for k in self._pick]))
        return out
