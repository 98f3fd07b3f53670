"""What is left of a shape once its equations are solved: free beliefs and free mixing.

The remaining conditions are split into independent blocks (unknowns linked by a shared
condition).  A block of free beliefs (an unreached information set) is a polytope in the belief
simplex: its projection on the parameters (Fourier–Motzkin, :mod:`._pbe_fm`) is the existence
condition, and the polytope itself is reported as a :class:`~gametheory.beliefs.BeliefSet`.  A
block of one free mixing probability is a continuum of equilibria: its attained extreme points are
listed (at 0 or 1 it is a smaller support's shape, listed there).  A block of several mixing
probabilities is enumerated exactly when its coefficients are numbers (the vertices of a small
polytope); with symbolic coefficients, or when beliefs and mixing probabilities share a
condition non-linearly, the block is a *limit*: reported, never dropped.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from .._rational import fraction_of, together
from ..beliefs import BeliefSet
from ..conditions import FALSE, Atom, atom
from ..conditions._linear import vertices
from ..params import ParameterSpace
from ._pbe_fm import Lin, eliminate, linearise, sign_of
from ._pbe_project import attained_ends, exists, project

__all__ = ["Piece", "split_free"]


@dataclass(frozen=True)
class Piece:
    """One case of a shape's solution."""

    atoms: list[Atom]
    pin: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)
    intervals: dict[str, tuple[sp.Expr, sp.Expr]] = field(default_factory=dict)
    belief_sets: dict[str, BeliefSet] = field(default_factory=dict)
    continuum: bool = False
    listed: bool = True


def _merge(a: Piece, b: Piece) -> Piece:
    return Piece(
        [*a.atoms, *b.atoms],
        {**a.pin, **b.pin},
        {**a.intervals, **b.intervals},
        {**a.belief_sets, **b.belief_sets},
        a.continuum or b.continuum,
        a.listed and b.listed,
    )


def split_free(
    conds: Sequence[tuple[sp.Expr, str]],
    mixing: Sequence[sp.Symbol],
    beliefs: Mapping[str, Sequence[sp.Symbol]],
    space: ParameterSpace,
) -> tuple[list[Piece], str | None]:
    """The pieces of a shape's remaining conditions, or a limit (why it cannot be done)."""
    owner = {mu: h for h, mus in beliefs.items() for mu in mus}
    unknowns = [*mixing, *owner]
    fixed: list[Atom] = []
    linked: list[tuple[sp.Expr, str, frozenset[sp.Symbol]]] = []
    wide = _widened(space, mixing, list(owner))
    for e0, op in conds:
        stripped = _strip(e0, op, unknowns, wide)
        if stripped is None:
            continue  # implied by the unknowns' own ranges
        e = stripped
        present = frozenset(u for u in unknowns if e.has(u))
        if present:
            linked.append((e, op, present))
        else:
            fixed.extend(atom(e, op, space=space))
    if FALSE in fixed:
        return [], None
    pieces = [Piece(fixed)]
    for block in _blocks(linked):
        vars_ = sorted(set().union(*(p for _, _, p in block)), key=str)
        options, limit = _block(block, vars_, mixing, owner, beliefs, space)
        if limit is not None:
            return [], limit
        pieces = [_merge(p, q) for p in pieces for q in options]
        if not pieces:
            return [], None
    # free beliefs that no condition constrains: the whole simplex (reported by the caller)
    return pieces, None


def _widened(
    space: ParameterSpace, mixing: Sequence[sp.Symbol], beliefs: Sequence[sp.Symbol]
) -> ParameterSpace:
    """The space with the unknowns added: mixing probabilities in (0, 1), beliefs in [0, 1]."""
    return _widened_cached(space, tuple(mixing), tuple(beliefs))


@functools.lru_cache(maxsize=1024)
def _widened_cached(
    space: ParameterSpace, mixing: tuple[sp.Symbol, ...], beliefs: tuple[sp.Symbol, ...]
) -> ParameterSpace:
    """:func:`_widened`, once per shape's unknowns (each new space is checked for emptiness)."""
    unknowns = [*mixing, *beliefs]
    if not unknowns:
        return space
    wide = space.extended(unknowns)
    bounds = [sp.Lt(u, 1) for u in mixing] + [sp.Ge(b, 0) for b in beliefs]
    bounds += [sp.Le(b, 1) for b in beliefs]
    return wide.with_constraints([*wide.constraints, *bounds])


def _strip(
    e: sp.Expr, op: str, unknowns: Sequence[sp.Symbol], wide: ParameterSpace
) -> sp.Expr | None:
    """``e op 0`` with the factors of ``e`` whose sign the unknowns' ranges fix dropped (a
    product of probabilities ``s·(1 − q·(1 − p))`` is positive); ``None`` when the relation holds
    on the whole range.  Equalities are returned unchanged."""
    if op == "==" or not any(e.has(u) for u in unknowns):
        return e
    num, den = fraction_of(e)
    if any(den.has(u) for u in unknowns):
        return e
    present = [u for u in unknowns if num.has(u)]
    if sp.Poly(num, *present).total_degree() < 2:
        return e  # linear ones (the unknowns' own bounds among them) stay as they are
    coeff, factors = sp.factor_list(num)
    sign = 1 if coeff > 0 else -1 if coeff < 0 else 0
    if sign == 0:
        return e
    kept = []
    for f, k in factors:
        s = sign_of(f, wide) if any(f.has(u) for u in unknowns) else None
        if s is None or s == 0:
            kept.append(f**k)
        elif s < 0 and k % 2:
            sign = -sign
    if not kept:
        return None if sign > 0 else sp.Integer(-1) / den
    return sign * sp.Mul(*kept) / den


def _blocks(
    linked: list[tuple[sp.Expr, str, frozenset[sp.Symbol]]],
) -> list[list[tuple[sp.Expr, str, frozenset[sp.Symbol]]]]:
    groups: list[tuple[set[sp.Symbol], list[tuple[sp.Expr, str, frozenset[sp.Symbol]]]]] = []
    for item in linked:
        joined = [g for g in groups if g[0] & item[2]]
        vars_: set[sp.Symbol] = set(item[2])
        members = [item]
        for g in joined:
            vars_ |= g[0]
            members = g[1] + members
            groups.remove(g)
        groups.append((vars_, members))
    return [m for _, m in groups]


def _block(
    block: list[tuple[sp.Expr, str, frozenset[sp.Symbol]]],
    vars_: list[sp.Symbol],
    mixing: Sequence[sp.Symbol],
    owner: Mapping[sp.Symbol, str],
    beliefs: Mapping[str, Sequence[sp.Symbol]],
    space: ParameterSpace,
) -> tuple[list[Piece], str | None]:
    conds = [(e, op) for e, op, _ in block]
    mix = [v for v in vars_ if v in mixing]
    infosets = sorted({owner[v] for v in vars_ if v in owner})
    if mix and infosets:
        lins = [linearise(e, op, vars_, space) for e, op in conds]
        return [], (
            f"at information set(s) {', '.join(map(repr, infosets))} the free beliefs and "
            f"{len(mix)} free mixing probabilit{'y' if len(mix) == 1 else 'ies'} share a "
            + ("condition" if all(x is not None for x in lins) else "non-linear condition")
            + ": this continuum of equilibria is not enumerated"
        )
    if infosets:
        return _belief_block(conds, vars_, infosets, beliefs, space)
    if len(mix) == 1:
        return _one_mixing(conds, mix[0], space)
    return _many_mixing(conds, mix, space)


def _two_sided(conds: list[tuple[sp.Expr, str]]) -> list[tuple[sp.Expr, str]]:
    """Equalities as two weak inequalities (for the one-unknown projections)."""
    out: list[tuple[sp.Expr, str]] = []
    for e, op in conds:
        out.extend([(e, ">="), (-e, ">=")] if op == "==" else [(e, op)])
    return out


def _belief_block(
    conds: list[tuple[sp.Expr, str]],
    vars_: list[sp.Symbol],
    infosets: list[str],
    beliefs: Mapping[str, Sequence[sp.Symbol]],
    space: ParameterSpace,
) -> tuple[list[Piece], str | None]:
    if len(infosets) == 1 and len(vars_) == 1:  # two nodes: an interval, exactly
        (h,) = infosets
        cases = project(_two_sided(conds), vars_[0], space)
        if cases is None:
            return [], f"the belief conditions at {h!r} are not linear in the belief"
        sets = _sets(conds, beliefs, space)
        if sets is None:
            return [], f"the belief conditions at {h!r} are not linear in the belief"
        return [Piece(a, {}, {h: (lo, hi)}, sets) for a, lo, hi in cases], None
    lins = [linearise(e, op, vars_, space) for e, op in conds]
    if any(x is None for x in lins):
        return [], (
            f"the belief conditions at {', '.join(map(repr, infosets))} are not linear in the "
            "beliefs (or a denominator's sign is not fixed by the space)"
        )
    sets = _sets(conds, beliefs, space)
    if sets is None:
        return [], f"the belief sets at {', '.join(map(repr, infosets))} could not be formed"
    projected = eliminate([x for x in lins if x is not None], vars_, space)
    return [Piece(a, {}, {}, sets) for a in projected], None


def _sets(
    conds: list[tuple[sp.Expr, str]],
    beliefs: Mapping[str, Sequence[sp.Symbol]],
    space: ParameterSpace,
) -> dict[str, BeliefSet] | None:
    """Each information set's belief set: its conditions (the simplex's own ones left out) as
    relations in the set's symbols, keyed by node position (the caller renames the nodes)."""
    out: dict[str, BeliefSet] = {}
    for h, mus in beliefs.items():
        mine = [(e, op) for e, op in conds if any(e.has(m) for m in mus)]
        if not mine:
            continue
        base = BeliefSet.simplex(h, tuple(str(k) for k in range(len(mus) + 1)))
        rename = dict(zip(mus, base.symbols, strict=False))
        rels = []
        for e, op in mine:
            lin = linearise(e, op, list(mus), space)
            if lin is None:
                return None
            if not lin.coeffs:
                continue
            if len(lin.coeffs) == 1 and lin.op == ">=" and lin.const == 0:
                (c,) = lin.coeffs.values()
                if c.is_number and c > 0:
                    continue  # mu_k >= 0: part of the simplex
            expr = sp.expand(lin.expr().xreplace(rename))
            if _is_last_nonneg(lin, mus):
                continue  # 1 - Σ mu >= 0: part of the simplex
            rels.append(_relation(expr, lin.op))
        out[h] = base.with_relations(rels)
    return out


def _is_last_nonneg(lin: Lin, mus: Sequence[sp.Symbol]) -> bool:
    return (
        lin.op == ">="
        and lin.const == 1
        and set(lin.coeffs) == set(mus)
        and all(c == -1 for c in lin.coeffs.values())
    )


def _relation(expr: sp.Expr, op: str) -> sp.Basic:
    if op == "==":
        return sp.Eq(expr, 0)
    return sp.Gt(expr, 0) if op == ">" else sp.Ge(expr, 0)


def _one_mixing(
    conds: list[tuple[sp.Expr, str]], t: sp.Symbol, space: ParameterSpace
) -> tuple[list[Piece], str | None]:
    cases = _sign_split(conds, t, space)
    if cases is None:
        return [], "a free mixing probability enters its conditions non-linearly"
    out: list[Piece] = []
    for linear in cases:
        ends = attained_ends(_two_sided(linear), t, space)
        spans = exists(_two_sided(linear), t, space)
        if ends is None or spans is None:
            return [], "a free mixing probability enters its conditions non-linearly"
        out.extend(
            Piece(extra, {t: end}, continuum=True)
            for extra, end in ends
            if end not in (0, 1) and end.is_finite is not False
        )
        out.extend(Piece(extra, continuum=True, listed=False) for extra in spans)
    return out, None


def _sign_split(
    conds: list[tuple[sp.Expr, str]], t: sp.Symbol, space: ParameterSpace, cap: int = 64
) -> list[list[tuple[sp.Expr, str]]] | None:
    """Rational conditions in one unknown ``t`` as a disjunction of systems linear in ``t``.

    Conditions linear in ``t`` stay as they are.  Every other ``N/D op 0`` is factored; factors
    whose sign the space and ``t``'s range fix
    are dropped (``t`` itself, ``1 − t``, a positive parameter); every other factor must be
    linear in ``t`` and its sign is split: a product is positive where an even number of its
    factors is negative (and zero where one is zero).  ``None`` when a factor is not linear in
    ``t`` or the cases exceed ``cap``."""
    wide = _widened(space, [t], [])
    cases: list[list[tuple[sp.Expr, str]]] = [[]]
    for e, op in conds:
        num, den = fraction_of(e)
        if not den.has(t) and sp.Poly(num, t).degree() <= 1:
            cases = [[*c, (e, op)] for c in cases]  # linear already (t's own bounds among them)
            continue
        sign = 1
        factors: list[tuple[sp.Expr, bool]] = []  # (factor, in the denominator)
        for part, below in ((num, False), (den, True)):
            coeff, fs = sp.factor_list(sp.expand(part))
            if coeff < 0:
                sign = -sign
            elif coeff == 0:
                return None
            for f, k in fs:
                s = sign_of(f, wide)
                if s is not None and s != 0:
                    if s < 0 and k % 2:
                        sign = -sign
                    continue
                if sp.Poly(f, t).degree() > 1:
                    return None
                factors.extend([(f, below)] * (k if k % 2 else 2))
        options = _product_sign(factors, sign, op)
        cases = [[*c, *o] for c in cases for o in options]
        if len(cases) > cap:
            return None
    return cases


def _product_sign(
    factors: list[tuple[sp.Expr, bool]], sign: int, op: str
) -> list[list[tuple[sp.Expr, str]]]:
    """The sign patterns of ``sign · Π f`` that satisfy ``op 0`` (a denominator factor is never
    zero), each as conditions on the single factors."""
    if not factors:
        holds = sign > 0 if op == ">" else sign >= 0 if op == ">=" else False
        return [[]] if holds else []
    if op == "==":  # some numerator factor vanishes, no denominator factor does
        below = [f for f, b in factors if b]
        dens: list[list[tuple[sp.Expr, str]]] = [
            [(s * f, ">") for f, s in zip(below, signs, strict=True)]
            for signs in itertools.product((1, -1), repeat=len(below))
        ]
        return [[(f, "=="), *d] for f, b in factors if not b for d in dens]
    out = []
    for signs in itertools.product((1, -1), repeat=len(factors)):
        total = sign
        for s in signs:
            total *= s
        if total < 0:
            continue
        strict = op == ">"
        conds = [
            (s * f, ">" if (strict or below) else ">=")
            for (f, below), s in zip(factors, signs, strict=True)
        ]
        out.append(conds)
    return out


def _many_mixing(
    conds: list[tuple[sp.Expr, str]], mix: list[sp.Symbol], space: ParameterSpace
) -> tuple[list[Piece], str | None]:
    """A continuum in several mixing probabilities: its vertices, each on the region where it
    is one.  With numeric coefficients, exactly at once; with symbolic ones, a vertex per choice
    of active constraints (a parametric basis), listed with the conditions under which it
    satisfies every other constraint (and its system is regular)."""
    lins = [linearise(e, op, mix, space) for e, op in conds]
    if any(x is None for x in lins):
        return [], (
            f"a continuum of equilibria in {len(mix)} mixing probabilities whose conditions "
            "are not linear in them: its extreme points are not enumerated"
        )
    rows = [x for x in lins if x is not None]
    numeric = all(x.const.is_number and all(c.is_number for c in x.coeffs.values()) for x in rows)
    if numeric:
        out = [
            Piece([], dict(zip(mix, v, strict=True)), continuum=True) for v in _vertices(rows, mix)
        ]
    else:
        out = _parametric_vertices(rows, mix, space)
    out.extend(Piece(a, continuum=True, listed=False) for a in eliminate(rows, mix, space))
    return out, None


def _parametric_vertices(
    rows: list[Lin], mix: list[sp.Symbol], space: ParameterSpace
) -> list[Piece]:
    eqs = [r for r in rows if r.op == "=="]
    ineq = [r for r in rows if r.op != "=="]
    k = len(mix)
    out: list[Piece] = []
    for active in itertools.combinations(ineq, max(k - len(eqs), 0)):
        system = [*eqs, *active]
        m = sp.Matrix([[r.coeff(v) for v in mix] for r in system])
        if m.rows != k:
            continue
        det = sp.factor(m.det())
        if det == 0:
            continue
        rhs = sp.Matrix([-r.const for r in system])
        sol = [sp.factor(v) for v in m.LUsolve(rhs)]
        point = dict(zip(mix, sol, strict=True))
        atoms = list(atom(det, "!=", space=space))
        for r in rows:
            if r in system and r.op == "==":
                continue
            atoms.extend(atom(together(r.expr().xreplace(point)), r.op, space=space))
        if FALSE not in atoms:
            out.append(Piece(atoms, point, continuum=True))
    return out


def _vertices(rows: list[Lin], mix: list[sp.Symbol]) -> list[tuple[sp.Rational, ...]]:
    """The vertices of the closure of ``rows`` that satisfy every row (strict ones strictly)."""

    def frac(e: sp.Expr) -> Fraction:
        r = sp.Rational(e)
        return Fraction(int(r.p), int(r.q))

    dense = [([frac(x.coeff(v)) for v in mix], frac(x.const), x.op) for x in rows]
    return [
        tuple(sp.Rational(v.numerator, v.denominator) for v in x)
        for x in vertices(dense, len(mix), closure=False)
    ]
