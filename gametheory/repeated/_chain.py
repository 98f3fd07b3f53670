"""The Markov chain a profile of automata induces, and its discounted values, exactly.

A *joint state* is one state per player.  In joint state ``s`` the players mix independently
(``σ(s)``), and after the action profile ``a`` each automaton moves by its own lottery, so the
next joint state has probability ``Π_i P_i(s'_i | s_i, a)``.  Values solve
``(I − δ M) V = (1 − δ) u`` (``M`` the transition matrix under the profile).  They are linear
in the stage payoffs, so the solve is done once for the discounted frequencies of the action
profiles (:func:`frequencies`), in the field of rational functions of ``δ`` and the automata's
probability parameters only; a value or a deviation gain is a *linear form*: one coefficient
per action profile, multiplying that profile's payoff.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from ..conditions._poly import ring_for, sort_symbols
from ._intpoly import positive_on_unit
from .automaton import Automaton
from .game import RepeatedGame

__all__ = [
    "Chain",
    "Field",
    "build_chain",
    "coefficient_field",
    "form_expr",
    "form_fraction",
    "frequencies",
    "payoffs_of",
    "solve",
]

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


class Field:
    """Exact arithmetic in ``QQ(symbols)``, the field of rational functions of a few symbols
    (sympy's ``FractionField``): sums stay in lowest terms without ``cancel``; conversions from
    sympy are memoised (the same probabilities and payoffs recur)."""

    def __init__(self, symbols: Iterable[sp.Symbol], delta: sp.Expr | None = None) -> None:
        self.delta = delta  # the discount factor when it is one of the symbols
        ordered = sorted(set(symbols), key=lambda x: x.name)
        self.k: Any = sp.QQ.frac_field(*ordered) if ordered else sp.QQ
        self._memo: dict[sp.Expr, Any] = {}

    def __call__(self, e: sp.Expr) -> Any:
        known = self._memo.get(e)
        if known is None:
            known = self._memo[e] = self.k.from_sympy(sp.sympify(e))
        return known

    def expr(self, x: Any) -> sp.Expr:
        return self.k.to_sympy(x)


def coefficient_field(chain: Chain) -> Field:
    """The field of the chain's probabilities and discount factor: ``QQ(δ)``, or ``QQ(δ, g)``
    with a symbolic generosity ``g``.  Values are *linear* in the stage payoffs, with
    coefficients in this field (see :func:`frequencies`), so the payoff parameters never enter
    a linear solve."""
    syms: set[sp.Symbol] = set(chain.game.discount.free_symbols)
    for a in chain.automata:
        syms |= set(a.parameters)
    delta = chain.game.discount
    return Field(syms, delta if isinstance(delta, sp.Symbol) else None)


def solve(f: Field, matrix: list[list[Any]], rhs: list[list[Any]]) -> list[list[Any]]:
    """``X`` with ``matrix · X = rhs`` in the field ``f`` (``matrix`` nonsingular), by sparse
    Gaussian elimination with Markowitz pivoting (each step takes the nonzero pivot whose row
    and column have the fewest other entries, which keeps the fill-in, and so the number of
    operations on rational functions, small; Markowitz 1957), then back substitution."""
    n = len(matrix)
    zero = f.k.zero
    rows: list[dict[int, Any]] = [{c: v for c, v in enumerate(row) if v} for row in matrix]
    b = [list(x) for x in rhs]
    cols: dict[int, set[int]] = {c: set() for c in range(n)}
    for r, row in enumerate(rows):
        for c in row:
            cols[c].add(r)
    order: list[tuple[int, int]] = []  # (pivot row, pivot column)
    left = set(range(n))
    for _ in range(n):
        r, c = min(
            ((r, c) for c, rs in cols.items() for r in rs if r in left),
            key=lambda rc: ((len(rows[rc[0]]) - 1) * (len(cols[rc[1]]) - 1), rc),
        )
        left.discard(r)
        inv = f.k.one / rows[r][c]
        prow = {k: v * inv for k, v in rows[r].items()}
        pb = [v * inv for v in b[r]]
        rows[r], b[r] = prow, pb
        for k in prow:
            cols[k].discard(r)
        del cols[c]
        for r2 in [x for x in left if c in rows[x]]:
            row = rows[r2]
            factor = row.pop(c)
            for k, v in prow.items():
                if k == c:
                    continue
                nv = row.get(k, zero) - factor * v
                if nv:
                    if k not in row:
                        cols[k].add(r2)
                    row[k] = nv
                elif k in row:
                    del row[k]
                    cols[k].discard(r2)
            b[r2] = [x - factor * y for x, y in zip(b[r2], pb, strict=True)]
        order.append((r, c))
    x: dict[int, list[Any]] = {}
    for r, c in reversed(order):
        val = b[r]
        for k, v in rows[r].items():
            if k != c:
                val = [p - v * q for p, q in zip(val, x[k], strict=True)]
        x[c] = val
    return [x[c] for c in range(n)]


def frequencies(chain: Chain, f: Field, *, on_path: bool = False) -> list[list[Any]]:
    """``X[s][a]``: the discounted frequency ``(1 − δ) Σ δᵗ Pr(aₜ = a | s₀ = s)`` of each action
    profile from each joint state, in ``f``: the solve of ``(I − δ M) X = (1 − δ) Π``, one
    strongly connected component of the chain at a time, sinks first (a component's rows
    only involve its own unknowns and the already solved ones of the components it leads
    to: the system is block triangular, and each block is small).  With ``on_path`` only the
    states the profile reaches from the start are solved (the others' rows are ``[]``)."""
    delta = f(chain.game.discount)
    n = len(chain.states)
    one, zero = f.k.one, f.k.zero
    rhs: list[list[Any]] = []
    succ: list[dict[int, Any]] = []  # s -> {t: δ Pr(t | s)} under the profile
    for s in range(n):
        probs = [f(chain.prob(s, a)) for a in chain.profiles]
        rhs.append([(one - delta) * q for q in probs])
        row: dict[int, Any] = {}
        for a, q in zip(chain.profiles, probs, strict=True):
            if not q:
                continue
            for j, p in chain.moves[(s, a)].items():
                row[j] = row.get(j, zero) + delta * q * f(p)
        succ.append({j: v for j, v in row.items() if v})
    wanted = _reachable(succ, 0) if on_path else set(range(n))
    out: list[list[Any]] = [[] for _ in range(n)]
    for comp in _components(succ, wanted):  # sinks first
        pos = {s: k for k, s in enumerate(comp)}
        matrix = [[zero] * len(comp) for _ in comp]
        b = []
        for k, s in enumerate(comp):
            matrix[k][k] = one
            known = list(rhs[s])
            for t, v in succ[s].items():
                if t in pos:
                    matrix[k][pos[t]] -= v
                else:
                    known = [x + v * y for x, y in zip(known, out[t], strict=True)]
            b.append(known)
        for s, x in zip(comp, solve(f, matrix, b), strict=True):
            out[s] = x
    return out


def _reachable(succ: Sequence[Mapping[int, Any]], start: int) -> set[int]:
    seen = {start}
    todo = [start]
    while todo:
        for t in succ[todo.pop()]:
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return seen


def _components(succ: Sequence[Mapping[int, Any]], nodes: set[int]) -> list[list[int]]:
    """The strongly connected components of the graph on ``nodes`` (closed under ``succ``),
    sinks first (Tarjan 1972, iteratively)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on: set[int] = set()
    out: list[list[int]] = []
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(succ[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(succ[nxt])))
                elif nxt in on:
                    low[v] = min(low[v], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(sorted(comp))
    return out


def form_expr(f: Field, form: Sequence[Any], payoffs: Sequence[sp.Expr]) -> sp.Expr:
    """``Σ_a form[a] payoffs[a]`` as a sympy expression whose sign is that of the sum: a
    polynomial when the sign of the coefficients' common denominator is proved, else a
    fraction (see :func:`form_fraction`)."""
    num, den = form_fraction(f, form, payoffs)
    sign = _fixed_sign(den, f.delta)
    return num / den if sign is None else sign * num


def _collected(
    f: Field, form: Sequence[Any], payoffs: Sequence[sp.Expr]
) -> tuple[list[tuple[sp.Expr, Any]], Any, Any]:
    """The nonzero coefficients of ``Σ_a form[a] payoffs[a]`` with those of equal payoffs
    added, the field's polynomial ring, and the coefficients' least common denominator in it."""
    by_payoff: dict[sp.Expr, Any] = {}
    for u, c in zip(payoffs, form, strict=True):
        if c:
            by_payoff[u] = by_payoff.get(u, f.k.zero) + c
    terms = [(u, c) for u, c in by_payoff.items() if c]
    ring = f.k.get_ring()
    den = ring.one
    for _, c in terms:
        den = ring.lcm(den, f.k.denom(c))
    return terms, ring, den


def form_fraction(
    f: Field, form: Sequence[Any], payoffs: Sequence[sp.Expr]
) -> tuple[sp.Expr, sp.Expr]:
    """``Σ_a form[a] payoffs[a]`` as ``(N, L)``: coefficients of equal payoffs added first,
    ``L`` the least common denominator of the coefficients (a polynomial in the field's
    symbols) and ``N`` a polynomial in those and the payoffs' symbols."""
    terms, ring, den = _collected(f, form, payoffs)
    scale = f.k.convert_from(den, ring)
    num = sp.Add(*(m * u for u, c in terms for m in _monomials(f, c * scale)))
    return num, ring.to_sympy(den)


def form_poly(f: Field, form: Sequence[Any], payoffs: Sequence[sp.Expr]) -> Any | None:
    """:func:`form_expr` as a polynomial of the ring ``QQ[symbols]`` (sympy's sparse
    ``PolyElement``) built without sympy expressions, when the common denominator's sign is
    proved and the payoffs are polynomials; else ``None``."""
    terms, ring, den = _collected(f, form, payoffs)
    sign = _fixed_sign(ring.to_sympy(den), f.delta)
    if sign is None:
        return None
    syms: set[sp.Symbol] = set(getattr(f.k, "symbols", ()))
    for u, _ in terms:
        syms |= u.free_symbols
    big = ring_for(sort_symbols(syms))
    scale = f.k.convert_from(den, ring)
    total = big.zero
    try:
        for u, c in terms:
            total += big.from_expr(u) * big.from_expr(f.expr(c * scale))
    except (ValueError, sp.polys.polyerrors.PolificationFailed, sp.polys.polyerrors.CoercionFailed):
        return None
    return total * sign


def _monomials(f: Field, x: Any) -> list[sp.Expr]:
    """The terms of ``x`` (a polynomial of the field ``f``) as sympy monomials: a flat sum of
    them keeps sympy's assumption queries (``is_real``) cheap, where a product of ``P`` with a
    polynomial in ``δ`` sends them into sign analysis of the polynomial."""
    gens = getattr(f.k, "symbols", ())
    den = f.k.denom(x)
    if not gens or not den.is_ground:
        return [f.expr(x)]
    unit = sp.Integer(1) / f.k.get_ring().to_sympy(den)
    out = []
    for monom, coef in f.k.numer(x).terms():
        q = sp.Rational(int(coef.numerator), int(coef.denominator)) * unit
        out.append(sp.Mul(q, *(g**e for g, e in zip(gens, monom, strict=True) if e)))
    return out


def _fixed_sign(den: sp.Expr, delta: sp.Expr | None) -> int | None:
    """``±1`` when ``den`` is a number or a polynomial in the discount factor ``δ`` alone
    without roots in ``(0, 1)`` (Descartes' rule with bisection, else Sturm sequences: see
    :func:`._intpoly.positive_on_unit`), so that its sign on ``δ``'s whole range is its sign
    at ``1/2``; ``None`` otherwise."""
    syms = den.free_symbols
    if not syms:
        return 1 if den > 0 else -1
    if syms != {delta}:
        return None
    coeffs = [sp.Rational(c) for c in sp.Poly(den, delta).all_coeffs()[::-1]]
    scale = math.lcm(*(int(c.q) for c in coeffs))
    return positive_on_unit([int(c * scale) for c in coeffs])


def payoffs_of(chain: Chain, player: int) -> tuple[sp.Expr, ...]:
    """``u_i(a)`` for every action profile, in ``chain.profiles`` order."""
    return tuple(payoff(chain, player, a) for a in chain.profiles)
