"""Pieces of backward induction: (region, strategies, payoffs, outcomes) and how they combine.

A *piece* is one case of a subtree's value: on a region of the parameter space (a conjunction of
atoms), the players' behaviour strategies at every information set of the subtree, the expected
payoff vector and the outcome distribution that they induce.  Decision nodes with perfect
information choose among their children's pieces (with case splits on the comparisons), chance
nodes take expectations; every region is decided by :func:`gametheory.conditions.reduce`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import sympy as sp

from ..conditions import FALSE, Atom, atom, implied, reduce
from ..conditions._atoms import negate
from ..errors import MissingParameterError
from ..params import ParameterSpace
from ._normal_form import tidy_ratio

__all__ = [
    "Ctx",
    "Piece",
    "Region3",
    "choose",
    "expect",
    "meet",
    "merge_variants",
    "product",
    "tidy",
]

Behaviour = Mapping[str, Mapping[str, sp.Expr]]
Witness = dict[sp.Symbol, sp.Rational]


@dataclass(frozen=True)
class Region3:
    """A region as carried through the induction: atoms, status and witness.

    ``status`` is ``"nonempty"`` (with an exact ``witness``) or ``"unknown"``; empty regions are
    never carried.
    """

    atoms: tuple[Atom, ...] = ()
    status: str = "nonempty"
    witness: Witness | None = field(default_factory=dict)


@dataclass(frozen=True)
class Piece:
    """One case of a subtree's value (see the module docstring)."""

    region: Region3
    strategies: Behaviour
    payoffs: tuple[sp.Expr, ...]
    outcomes: Mapping[str, sp.Expr]


@dataclass
class Ctx:
    """Solver state: the space, and what was found along the way."""

    space: ParameterSpace
    effort: int = 1
    reduce_calls: int = 0
    ties: bool = False
    degenerate: bool = False
    complete: bool = True
    notes: list[str] = field(default_factory=list)
    merged: int = 0
    nash_infosets: set[str] = field(default_factory=set)
    _implies: dict[tuple[Atom, Atom], bool] = field(default_factory=dict)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def decide(self, atoms: Sequence[Atom]) -> Region3 | None:
        """Reduce a conjunction; ``None`` when it is provably empty."""
        self.reduce_calls += 1
        r = reduce(list(atoms), self.space, effort=self.effort)
        if r.status == "empty":
            return None
        return Region3(r.atoms, r.status, dict(r.witness) if r.witness is not None else None)

    def atoms_of(self, expr: sp.Expr, op: str) -> tuple[Atom, ...]:
        """Normalised atoms of ``expr op 0`` (``(FALSE,)`` when it never holds)."""
        return atom(expr, op, space=self.space)

    def implies(self, y: Atom, x: Atom) -> bool:
        """Whether ``y`` implies ``x`` on the space by a scaling argument (cached).

        For inequalities: ``x = λ·y + d`` with ``λ > 0`` (matched on a common monomial) and
        ``d >= 0`` implied by the space (:func:`gametheory.conditions.implied`, effort 0), e.g.
        ``V - 2*cA >= 0`` implies ``V - cA >= 0`` when ``cA >= 0``.  ``False`` means "not shown".
        """
        key = (y, x)
        if key not in self._implies:
            self._implies[key] = _scaled_implication(y, x, self.space)
        return self._implies[key]

    def condition_atoms(self, cond: sp.Basic) -> tuple[Atom, ...]:
        """Normalised atoms of a conjunction of relations (``sympy.true`` gives none)."""
        if cond is sp.true:
            return ()
        return atom(cond, space=self.space)


def _scaled_implication(y: Atom, x: Atom, space: ParameterSpace) -> bool:
    if x.op not in (">=", ">") or y.op not in (">=", ">") or (x.op == ">" and y.op != ">"):
        return False
    common = x.symbols & y.symbols
    if not common:
        return False
    gens = sorted(x.symbols | y.symbols, key=str)
    try:
        px = sp.Poly(x.expr, *gens).as_dict()
        py = sp.Poly(y.expr, *gens).as_dict()
    except sp.PolynomialError:
        return False
    for mono, cy in py.items():
        cx = px.get(mono)
        if cx is None or not any(mono) or (cx / cy) <= 0:
            continue
        diff = sp.expand(x.expr - (cx / cy) * y.expr)
        if diff == 0 or implied(Atom(diff, ">="), space, effort=0) is True:
            return True
    return False


def prune_implied(ctx: Ctx, old: Sequence[Atom], new: Sequence[Atom]) -> list[Atom]:
    """``old + new`` without atoms that another one implies (pairs of old and new atoms only)."""
    keep_old = [o for o in old if not any(ctx.implies(n, o) for n in new if n != o)]
    keep_new = [n for n in new if n not in old and not any(ctx.implies(o, n) for o in keep_old)]
    return keep_old + keep_new


def _witness_satisfies(w: Witness | None, atoms: Iterable[Atom]) -> bool:
    if w is None:
        return False
    try:
        return all(a.holds_at(w) for a in atoms)
    except MissingParameterError:
        return False


def meet(ctx: Ctx, regions: Sequence[Region3], extra: Sequence[Atom] = ()) -> Region3 | None:
    """The intersection of regions (and extra atoms); ``None`` when provably empty.

    Cheap tests first: an atom beside its complement is empty, a witness of one part that
    satisfies every atom proves the intersection nonempty; only otherwise is ``reduce`` called.
    """
    if FALSE in extra:
        return None
    atoms: list[Atom] = list(regions[0].atoms) if regions else []
    for a in itertools.chain((x for r in regions[1:] for x in r.atoms), extra):
        if a not in atoms:
            atoms = prune_implied(ctx, atoms, [a])
    if not atoms:
        return Region3()
    present = set(atoms)
    if any(negate(a) in present for a in atoms if a.op in (">=", ">")):
        return None
    for r in regions:
        if _witness_satisfies(r.witness, atoms):
            return Region3(tuple(atoms), "nonempty", r.witness)
    return ctx.decide(atoms)


def product(ctx: Ctx, lists: Sequence[Sequence[Piece]]) -> list[tuple[tuple[Piece, ...], Region3]]:
    """Every combination of one piece per list whose regions intersect, pruned as it grows."""
    partial: list[tuple[tuple[Piece, ...], Region3]] = [((), Region3())]
    for pieces in lists:
        grown = []
        for combo, region in partial:
            for piece in pieces:
                if not combo or not region.atoms:
                    r: Region3 | None = piece.region
                elif not piece.region.atoms:
                    r = region
                else:
                    r = meet(ctx, (region, piece.region))
                if r is not None:
                    grown.append(((*combo, piece), r))
        partial = grown
    return partial


def _merge_strategies(parts: Iterable[Behaviour]) -> dict[str, dict[str, sp.Expr]]:
    out: dict[str, dict[str, sp.Expr]] = {}
    for s in parts:
        for h, mix in s.items():
            out[h] = dict(mix)
    return out


def choose(
    ctx: Ctx,
    infoset: str,
    mover: int,
    actions: Sequence[str],
    children: Sequence[Sequence[Piece]],
) -> list[Piece]:
    """The pieces of a perfect-information decision node.

    For each combination of the children's pieces, action ``a`` is chosen (purely) on the
    combination's region intersected with ``v_a >= v_b`` for every other action ``b``, where
    ``v`` is the mover's payoff.  Weak inequalities keep ties: on a boundary both actions are
    chosen, in two pieces.
    """
    out: list[Piece] = []
    for combo, region in product(ctx, children):
        values = [p.payoffs[mover] for p in combo]
        feasible = 0
        for k, a in enumerate(actions):
            extra: list[Atom] = []
            for j, v in enumerate(values):
                if j == k:
                    continue
                diff = sp.expand(values[k] - v) if not (values[k] - v).is_number else values[k] - v
                if diff == 0:
                    ctx.degenerate = True
                extra.extend(ctx.atoms_of(diff, ">="))
            r = meet(ctx, (region,), extra)
            if r is None:
                continue
            feasible += 1
            chosen = combo[k]
            strategies = _merge_strategies(p.strategies for p in combo)
            strategies[infoset] = {b: sp.Integer(1 if b == a else 0) for b in actions}
            out.append(Piece(r, strategies, chosen.payoffs, chosen.outcomes))
        if feasible > 1:
            ctx.ties = True
    return merge_variants(ctx, out)


def expect(
    ctx: Ctx,
    probabilities: Sequence[sp.Expr],
    children: Sequence[Sequence[Piece]],
    conditions: Sequence[Atom] = (),
) -> list[Piece]:
    """The pieces of a chance node: expectations over every compatible combination."""
    out: list[Piece] = []
    for combo, region in product(ctx, children):
        r = meet(ctx, (region,), conditions) if conditions else region
        if r is None:
            continue
        n = len(combo[0].payoffs)
        pay = [sp.Integer(0)] * n
        lottery: dict[str, sp.Expr] = {}
        for q, piece in zip(probabilities, combo, strict=True):
            if q == 0:
                continue
            pay = [x + q * y for x, y in zip(pay, piece.payoffs, strict=True)]
            for lab, w in piece.outcomes.items():
                lottery[lab] = lottery.get(lab, sp.Integer(0)) + q * w
        strategies = _merge_strategies(p.strategies for p in combo)
        out.append(Piece(r, strategies, tuple(pay), lottery))
    return merge_variants(ctx, out)


def merge_variants(ctx: Ctx, pieces: list[Piece]) -> list[Piece]:
    """Keep one piece per (region, payoffs, outcome distribution, equilibria of the
    imperfect-information subgames).

    Pieces agreeing on all of these differ only in pure choices, at perfect-information nodes,
    between actions a mover is indifferent about that do not change the play's distribution:
    to every ancestor they are the same case, so carrying both multiplies the work
    (exponentially along a ladder of ties) without changing any decision above.  The first is
    kept; ``ctx.merged`` counts the others.  Pieces that differ in an imperfect-information
    subgame's equilibrium are all kept.
    """
    seen: dict[object, Piece] = {}
    for p in pieces:
        key = (
            frozenset(p.region.atoms),
            p.payoffs,
            frozenset((lab, w) for lab, w in p.outcomes.items() if w != 0),
            frozenset(
                (h, tuple(mix.items())) for h, mix in p.strategies.items() if h in ctx.nash_infosets
            ),
        )
        if key in seen:
            ctx.merged += 1
        else:
            seen[key] = p
    return list(seen.values())


def tidy(e: sp.Expr) -> sp.Expr:
    """A cheap readable form: rationals exact, small rational functions in lowest terms."""
    e = sp.sympify(e)
    if not e.free_symbols:
        return e
    if sp.count_ops(e) > 200:
        return e
    num, den = sp.fraction(sp.cancel(sp.together(e)))
    if den.is_number:
        return sp.expand(num / den)
    return tidy_ratio(num, den)
