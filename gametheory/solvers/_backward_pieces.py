"""Pieces of backward induction: (region, strategies, payoffs, outcomes) and how they combine.

A *piece* is one case of a subtree's value: on a region of the parameter space (a conjunction of
atoms), the players' behaviour strategies at every information set of the subtree, the expected
payoff vector and the outcome distribution that they induce.  Decision nodes with perfect
information choose among their children's pieces (with case splits on the comparisons), chance
nodes take expectations; every region is decided by :func:`gametheory.conditions.reduce`.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import sympy as sp

from ..conditions import FALSE, Atom, atom, implied, reduce
from ..conditions._atoms import negate
from ..diagnostics import Diagnostic, Limit, Tie
from ..errors import MissingParameterError
from ..params import ParameterSpace
from ._normal_form import tidy_ratio

__all__ = [
    "Ctx",
    "Piece",
    "Region3",
    "choose",
    "combined",
    "expect",
    "is_weight",
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
    """One case of a subtree's value (see the module docstring).

    ``variants`` counts the pure-choice profiles the piece stands for and ``equivalent`` names,
    per information set, the interchangeable actions among them (see :func:`merge_variants`).
    ``binding`` holds the mixing weights pinned on the face being solved (``Ctx.pins``) whose
    tie is between the mover's best choices somewhere in the piece: there the weight is at an
    end of its interval (an extreme point); a piece where a pinned weight's tie is not binding
    lies inside that interval and is not listed (see ``_spe_faces``).  ``uses`` holds the pinned
    weights the piece's payoffs depend on (a mixture with a pinned weight on its play).
    """

    region: Region3
    strategies: Behaviour
    payoffs: tuple[sp.Expr, ...]
    outcomes: Mapping[str, sp.Expr]
    variants: int = 1
    equivalent: Mapping[str, frozenset[str]] = field(default_factory=dict)
    binding: frozenset[sp.Symbol] = frozenset()
    uses: frozenset[sp.Symbol] = frozenset()


Site = tuple[str, frozenset[str], frozenset[str]]  # a tie: (infoset, actions, other actions)


@dataclass
class Ctx:
    """Solver state: the space, and what was found along the way."""

    space: ParameterSpace
    effort: int = 1
    reduce_calls: int = 0
    ties: bool = False
    degenerate: bool = False
    complete: bool = True
    notes: list[Diagnostic] = field(default_factory=list)
    merged: int = 0
    nash_infosets: set[str] = field(default_factory=set)
    subs: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)
    mixtures: bool = True
    strict: bool = True
    params: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)
    unknowns: dict[sp.Symbol, None] = field(default_factory=dict)
    surfaces: dict[sp.Expr, None] = field(default_factory=dict)
    sites: dict[sp.Expr, set[Site]] = field(default_factory=dict)
    pins: dict[sp.Symbol, frozenset[Site]] = field(default_factory=dict)
    incomplete: list[Limit] = field(default_factory=list)
    _implies: dict[tuple[Atom, Atom], bool] = field(default_factory=dict)
    _factored: set[sp.Expr] = field(default_factory=set)
    _factor_keys: dict[sp.Expr, list[sp.Expr]] = field(default_factory=dict)
    _met: dict[object, bool] = field(default_factory=dict)
    _atoms: dict[tuple[sp.Expr, str, ParameterSpace], tuple[Atom, ...]] = field(
        default_factory=dict
    )
    _possible: dict[tuple[Atom, ...], bool] = field(default_factory=dict)
    _faceable: dict[sp.Expr, bool] = field(default_factory=dict)

    def weight(self, infoset: str, action: str) -> sp.Expr:
        """The mixing probability of ``action`` at a tie at ``infoset``: an unknown in [0, 1]
        (added to the space), or its value on the face being solved (``subs``)."""
        sym = weight_symbol(infoset, action)
        if sym in self.subs:
            return self.subs[sym]
        if sym not in self.unknowns:
            self.unknowns[sym] = None
            if sym not in self.space.symbols:
                bounds: dict[sp.Symbol | str, object] = dict(self.space.intervals)
                bounds[sym] = (0, 1)
                self.space = ParameterSpace(bounds, self.space.constraints)
        return sym

    def faceable(self, diff: sp.Expr) -> bool:
        """Whether every factor of ``diff`` has a mixing weight or is linear in a parameter with
        a nonzero numeric coefficient (so ``_spe_faces`` can solve on ``diff = 0``)."""
        key = surface_key(diff)
        if key is None:
            return True
        known = self._faceable.get(key)
        if known is None:
            known = self._faceable[key] = _faceable(key)
        return known

    def surface(self, diff: sp.Expr, site: Site) -> None:
        """Record ``diff = 0``, a tie of two choices at ``site``, as a face to solve on (see
        ``_spe_faces``)."""
        key = surface_key(diff)
        if key is None:
            return
        if key in self._factored:
            for k in self._factor_keys[key]:
                self.sites[k].add(site)
            return
        self._factored.add(key)
        keys = []
        for factor in _factors(key):  # x*(1 - 2*σ) = 0: two faces
            k = surface_key(factor)
            if k is not None:
                keys.append(k)
                self.surfaces.setdefault(k, None)
                self.sites.setdefault(k, set()).add(site)
        self._factor_keys[key] = keys

    def binding(self, infoset: str, chosen: Mapping[str, Piece]) -> frozenset[sp.Symbol]:
        """The pinned weights (``pins``) whose tie is at ``infoset`` between two of the actions
        ``chosen`` (a class the mover values identically, with their pieces), one of which
        depends on the weight."""
        out = set()
        for w, sites in self.pins.items():
            for h, a, b in sites:
                if h != infoset or not (chosen.keys() & a and chosen.keys() & b):
                    continue
                if any(w in chosen[x].uses for x in chosen.keys() & (a | b)):
                    out.add(w)
                    break
        return frozenset(out)

    def possible(self, atoms: tuple[Atom, ...]) -> bool:
        """Whether ``atoms`` can hold together on the space (cached; ``True`` = not refuted)."""
        known = self._possible.get(atoms)
        if known is None:
            known = self._possible[atoms] = meet(self, (), atoms) is not None
        return known

    def note(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self.notes:
            self.notes.append(diagnostic)

    def decide(self, atoms: Sequence[Atom]) -> Region3 | None:
        """Reduce a conjunction; ``None`` when it is provably empty."""
        self.reduce_calls += 1
        r = reduce(list(atoms), self.space, effort=self.effort)
        if r.status == "empty":
            return None
        return Region3(r.atoms, r.status, dict(r.witness) if r.witness is not None else None)

    def atoms_of(self, expr: sp.Expr, op: str) -> tuple[Atom, ...]:
        """Normalised atoms of ``expr op 0`` (``(FALSE,)`` when it never holds); cached for
        the current space."""
        key = (expr, op, self.space)
        known = self._atoms.get(key)
        if known is None:
            known = self._atoms[key] = tuple(atom(expr, op, space=self.space))
        return known

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


WEIGHT = "σ["  # the name prefix of the mixing weights at ties (``Ctx.weight``)


def weight_symbol(infoset: str, action: str) -> sp.Symbol:
    """The symbol of the mixing probability of ``action`` at a tie at ``infoset``."""
    return sp.Symbol(f"{WEIGHT}{infoset}:{action}]", nonnegative=True)


def is_weight(sym: sp.Basic) -> bool:
    """Whether a symbol is a mixing weight of a tie (not a parameter of the game)."""
    return isinstance(sym, sp.Symbol) and sym.name.startswith(WEIGHT)


def _faceable(key: sp.Expr) -> bool:
    for factor in _factors(key):
        syms = factor.free_symbols
        if any(is_weight(x) for x in syms):
            continue
        ok = False
        for x in syms:
            try:
                poly = sp.Poly(factor, x)
            except sp.PolynomialError:
                continue
            if poly.degree() == 1 and poly.all_coeffs()[0].is_number:
                ok = True
                break
        if not ok:
            return False
    return True


def _factors(key: sp.Expr) -> list[sp.Expr]:
    """The factors of a surface's polynomial (the expression itself when it is not one)."""
    try:
        return [f for f, _ in sp.factor_list(key)[1]]
    except sp.PolynomialError:
        return [key]


@functools.lru_cache(maxsize=65536)
def surface_key(diff: sp.Expr) -> sp.Expr | None:
    """The numerator of ``diff`` as a primitive polynomial with a positive leading coefficient
    (one key per surface ``diff = 0``); ``None`` when ``diff`` has no symbol."""
    if not diff.free_symbols:
        return None
    num = diff if diff.is_polynomial() else sp.fraction(sp.cancel(sp.together(diff)))[0]
    gens = sorted(num.free_symbols, key=str)
    if not gens:
        return None
    try:
        _, prim = sp.Poly(num, *gens).primitive()
    except sp.PolynomialError:
        return sp.expand(num)
    if prim.LC() < 0:
        prim = -prim
    return prim.as_expr()


@functools.lru_cache(maxsize=65536)
def _difference(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """``a - b`` simplified enough that an identical tie is exactly zero (cached: the same
    pairs meet again in every combination of the children's pieces)."""
    d = a - b
    if d.is_number:
        return d
    if d.is_polynomial():
        return sp.expand(d)
    return sp.cancel(sp.together(d))


def _scaled_implication(y: Atom, x: Atom, space: ParameterSpace) -> bool:
    if x.op not in (">=", ">") or y.op not in (">=", ">") or (x.op == ">" and y.op != ">"):
        return False
    common = x.symbols & y.symbols
    if not common:
        return False
    px, py = _terms(x.expr), _terms(y.expr)
    if px is None or py is None:
        return False
    for mono, cy in py.items():
        cx = px.get(mono)
        if cx is None or not mono or (cx / cy) <= 0:
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
    root: bool = False,
) -> list[Piece]:
    """The pieces of a perfect-information decision node.

    For each combination of the children's pieces, the actions are grouped into classes of
    identically equal value to the mover (an *identical tie*: equal as expressions on the face
    being solved).  A class is chosen on the combination's region intersected with
    ``v_class > v_other`` for every other class: strict inequalities, so the pieces are open
    cells; each comparison ``v_class - v_other = 0`` is recorded as a surface, and the
    equilibria that hold on it are found by solving on that face (``_spe_faces``).  Within a
    class, actions with equal payoff vectors and outcomes are equivalent (one piece, listed in
    ``equivalent``); between distinct ones the mover may mix: a piece per pure choice and one
    per subset of two or more with unknown weights (``Ctx.weight``), whose extreme points
    appear on the faces where an ancestor's choice depends on them.  At the ``root`` (no
    ancestor) and for ties that cannot be solved on as faces the comparisons are weak: the pure
    choices' closures meet on the tie, and their mixtures there have no other extreme points.
    """
    out: list[Piece] = []
    for combo, region in product(ctx, children):
        values = [p.payoffs[mover] for p in combo]
        if ctx.params:  # on a face: compare with its parameters substituted
            values = [v.xreplace(ctx.params) for v in values]
        classes: list[list[int]] = []
        for k, v in enumerate(values):
            for cl in classes:
                if _difference(values[cl[0]], v) == 0:
                    cl.append(k)
                    break
            else:
                classes.append([k])
        diffs = {
            (i, j): _difference(values[ci[0]], values[cj[0]])
            for i, ci in enumerate(classes)
            for j, cj in enumerate(classes)
            if i < j
        }
        # strict where the tie can be solved on as a face; weak (closures meet) elsewhere
        faced = {
            k: ctx.strict
            and (not root or any(is_weight(x) for x in d.free_symbols))
            and ctx.faceable(d)
            for k, d in diffs.items()
        }
        for i, cl in enumerate(classes):
            extra: list[Atom] = []
            for j in range(len(classes)):
                if j != i:
                    pair = (i, j) if i < j else (j, i)
                    d = diffs[pair] if i < j else -diffs[pair]
                    extra.extend(ctx.atoms_of(d, ">" if faced[pair] else ">="))
            r = meet(ctx, (region,), extra)
            if r is not None:
                out.extend(_class_pieces(ctx, infoset, actions, combo, cl, r))
        if len(classes) > 1 and ctx.strict:
            names = [[actions[k] for k in cl] for cl in classes]
            _record_ties(ctx, infoset, names, region, classes, diffs, faced, root)
    return merge_variants(ctx, out)


def _record_ties(
    ctx: Ctx,
    infoset: str,
    names: Sequence[Sequence[str]],
    region: Region3,
    classes: Sequence[Sequence[int]],
    diffs: Mapping[tuple[int, int], sp.Expr],
    faced: Mapping[tuple[int, int], bool],
    root: bool,
) -> None:
    """Record each surface where two classes tie *as the mover's best choices* (a tie between
    two losing choices changes nothing and is not a face to solve on); a tie that cannot be
    solved on as a face is reported instead (its pure choices are listed, with weak
    inequalities, but not the mixtures an earlier choice may depend on)."""
    for (i, j), d in diffs.items():
        if not d.free_symbols:
            continue
        if faced[(i, j)] and surface_key(d) in ctx._factored:
            ctx.surface(d, (infoset, frozenset(names[i]), frozenset(names[j])))  # one more site
            continue
        if root and not faced[(i, j)] and ROOT_TIE in ctx.notes:
            continue
        if not faced[(i, j)] and not d.is_polynomial(*d.free_symbols):
            if root:
                ctx.note(ROOT_TIE)
            else:
                ctx.incomplete.append(
                    Limit(
                        "ties",
                        f"where {d} = 0 (a tie that is not polynomial) only the pure choices "
                        "are listed, not the mixed end points an earlier choice may depend on",
                    )
                )
            continue
        tie = ctx.atoms_of(d, "==")
        if not ctx.possible(tie):
            continue
        best = [*tie]
        for k in range(len(classes)):
            if k not in (i, j):
                e = diffs[(i, k)] if i < k else -diffs[(k, i)]
                best.extend(ctx.atoms_of(e, ">="))
        key = (region.atoms, tuple(best))
        if key not in ctx._met:
            ctx._met[key] = meet(ctx, (region,), best) is not None
        if not ctx._met[key]:
            continue
        if faced[(i, j)]:
            ctx.surface(d, (infoset, frozenset(names[i]), frozenset(names[j])))
        elif root:
            ctx.note(ROOT_TIE)
        else:
            ctx.incomplete.append(
                Limit(
                    "ties",
                    f"where {d} = 0 (a tie that is not linear in any parameter) only the pure "
                    "choices are listed, not the mixed end points an earlier choice may depend "
                    "on",
                )
            )


ROOT_TIE = Tie("first mover")
MAX_TIED = 4  # distinct tied choices at one node whose mixtures are enumerated


def _class_pieces(
    ctx: Ctx,
    infoset: str,
    actions: Sequence[str],
    combo: Sequence[Piece],
    cl: Sequence[int],
    region: Region3,
) -> list[Piece]:
    """The pieces choosing among the tied class ``cl`` of actions (see :func:`choose`)."""
    groups: dict[object, list[int]] = {}
    for k in cl:
        p = combo[k]
        pay = tuple(_difference(v.xreplace(ctx.params), 0) for v in p.payoffs)
        key = (pay, frozenset((lab, w) for lab, w in p.outcomes.items() if w != 0))
        groups.setdefault(key, []).append(k)
    subgroups = list(groups.values())
    base = _merge_strategies(p.strategies for p in combo)
    count, below, binding, _ = combined(combo)
    if ctx.pins:
        binding |= ctx.binding(infoset, {actions[k]: combo[k] for k in cl})
    out: list[Piece] = []
    for g in subgroups:
        strategies = dict(base)
        strategies[infoset] = {b: sp.Integer(1 if b == actions[g[0]] else 0) for b in actions}
        equivalent = dict(below)
        if len(g) > 1:
            equivalent[infoset] = frozenset(actions[k] for k in g)
        chosen = combo[g[0]]
        out.append(
            Piece(
                region,
                strategies,
                chosen.payoffs,
                chosen.outcomes,
                count * len(g),
                equivalent,
                binding,
                chosen.uses,
            )
        )
    if len(subgroups) < 2:
        return out
    ctx.degenerate = True  # distinct optimal choices: a continuum of mixtures between them
    if not ctx.strict:  # weak cells (below a continuous choice): the pure choices meet at ties
        return out
    if not ctx.mixtures:
        ctx.incomplete.append(
            Limit(
                "ties",
                "on tie boundaries of the parameters (conditions with an equality) only pure "
                "choices are listed where a player is indifferent, not the mixed end points "
                "that an earlier choice may depend on (the tree is too large to solve every "
                "mixture on every boundary); solving at a point, gt.spe(game.at(point)), lists "
                "them exactly",
            )
        )
        return out
    if len(subgroups) > MAX_TIED:
        ctx.incomplete.append(
            Limit(
                "ties",
                f"at {infoset} {len(subgroups)} choices with different consequences tie; "
                f"mixtures of more than {MAX_TIED} are not enumerated, so extreme points may "
                "be missing",
            )
        )
        return out
    for size in range(2, len(subgroups) + 1):
        for subset in itertools.combinations(subgroups, size):
            piece = _mixture(ctx, infoset, actions, combo, subset, region, base, below, count)
            if piece is not None and binding:
                piece = dataclasses.replace(piece, binding=binding)
            if piece is not None:
                out.append(piece)
    return out


def _mixture(
    ctx: Ctx,
    infoset: str,
    actions: Sequence[str],
    combo: Sequence[Piece],
    subset: Sequence[Sequence[int]],
    region: Region3,
    base: Mapping[str, Mapping[str, sp.Expr]],
    below: Mapping[str, frozenset[str]],
    count: int,
) -> Piece | None:
    """The piece mixing over the tied subgroups ``subset`` with weights in the open simplex."""
    reps = [g[0] for g in subset]
    weights = [ctx.weight(infoset, actions[k]) for k in reps[:-1]]
    weights.append(1 - sp.Add(*weights))
    extra: list[Atom] = []
    for w in weights:
        extra.extend(ctx.atoms_of(w, ">"))
    r = meet(ctx, (region,), extra)
    if r is None:
        return None
    n = len(combo[0].payoffs)
    pay = [
        sp.Add(*(w * combo[k].payoffs[i] for w, k in zip(weights, reps, strict=True)))
        for i in range(n)
    ]
    lottery: dict[str, sp.Expr] = {}
    for w, k in zip(weights, reps, strict=True):
        for lab, x in combo[k].outcomes.items():
            lottery[lab] = lottery.get(lab, sp.Integer(0)) + w * x
    strategies = dict(base)
    mix = {b: sp.Integer(0) for b in actions}
    for w, k in zip(weights, reps, strict=True):
        mix[actions[k]] = w
    strategies[infoset] = mix
    equivalent = dict(below)
    members = [actions[k] for g in subset if len(g) > 1 for k in g]
    if members:
        equivalent[infoset] = frozenset(members)
    total = count
    for g in subset:
        total *= len(g)
    lottery = {lab: sp.expand(x) for lab, x in lottery.items()}
    uses = frozenset(
        w for k in reps[:-1] if (w := weight_symbol(infoset, actions[k])) in ctx.subs
    ).union(*(combo[k].uses for k in reps))
    pay_ = tuple(sp.expand(x) for x in pay)
    return Piece(r, strategies, pay_, lottery, total, equivalent, frozenset(), uses)


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
        out.append(Piece(r, strategies, tuple(pay), lottery, *combined(combo)))
    return merge_variants(ctx, out)


def combined(
    combo: Sequence[Piece],
) -> tuple[int, dict[str, frozenset[str]], frozenset[sp.Symbol], frozenset[sp.Symbol]]:
    """The variant count, equivalent choices, binding and used weights of independent parts
    taken together."""
    count = 1
    equivalent: dict[str, frozenset[str]] = {}
    binding: frozenset[sp.Symbol] = frozenset()
    uses: frozenset[sp.Symbol] = frozenset()
    for p in combo:
        count *= p.variants
        equivalent.update(p.equivalent)
        binding |= p.binding
        uses |= p.uses
    return count, equivalent, binding, uses


def merge_variants(ctx: Ctx, pieces: list[Piece]) -> list[Piece]:
    """Keep one piece per (region, payoffs, outcome distribution, equilibria of the
    imperfect-information subgames).

    Pieces agreeing on all of these differ only in choices, at perfect-information nodes,
    between actions a mover is indifferent about that change no player's payoff and not the
    distribution of play: to every ancestor they are the same case, so carrying each multiplies
    the work (exponentially along a ladder of ties) without changing any decision above.  The
    first is kept, standing for all: its ``variants`` add up and the information sets where they
    differ, with the actions taken there, go into ``equivalent``.  Pieces that differ in an
    imperfect-information subgame's equilibrium are all kept.
    """
    seen: dict[object, list[Piece]] = {}
    for p in pieces:
        key = (
            frozenset(p.region.atoms),
            p.payoffs,
            frozenset((lab, w) for lab, w in p.outcomes.items() if w != 0),
            frozenset(
                (h, tuple(mix.items())) for h, mix in p.strategies.items() if h in ctx.nash_infosets
            ),
            p.binding,
            p.uses,
        )
        group = seen.setdefault(key, [])
        for k, first in enumerate(group):
            merged = _merged(first, p)
            if merged is not None:
                group[k] = merged
                ctx.merged += 1
                break
        else:
            group.append(p)
    return [p for group in seen.values() for p in group]


def _merged(first: Piece, p: Piece) -> Piece | None:
    """``first`` standing for ``p`` too, when they differ only in pure choices: the information
    sets where they differ, with the actions taken there, join ``equivalent`` and the counts
    add.  A mixture is an extreme point of its own and is kept apart (``None``)."""
    equivalent = dict(first.equivalent)
    for h, acts in p.equivalent.items():
        equivalent[h] = equivalent.get(h, frozenset()) | acts
    for h, mix in p.strategies.items():
        other = first.strategies.get(h)
        if other is None or other == mix:
            continue
        if not all(x in (0, 1) for x in (*mix.values(), *other.values())):
            return None
        support = {a for a, x in mix.items() if x != 0} | {a for a, x in other.items() if x != 0}
        equivalent[h] = equivalent.get(h, frozenset()) | frozenset(support)
    return Piece(
        first.region,
        first.strategies,
        first.payoffs,
        first.outcomes,
        first.variants + p.variants,
        equivalent,
        first.binding,
        first.uses,
    )


Monomial = tuple[tuple[sp.Symbol, int], ...]


@functools.lru_cache(maxsize=65536)
def _terms(expr: sp.Expr) -> dict[Monomial, sp.Expr] | None:
    """``expr``'s coefficients by monomial, a monomial as its (symbol, exponent) pairs with a
    positive exponent (``()`` for the constant term), so that two polynomials in different
    symbols compare term by term; ``None`` when ``expr`` is not a polynomial."""
    gens = sorted(expr.free_symbols, key=str)
    if not gens:
        return {(): expr}
    direct = _expanded_terms(expr)
    if direct is not None:
        return direct
    try:
        terms = sp.Poly(expr, *gens).as_dict()
    except sp.PolynomialError:
        return None
    return {
        tuple((g, e) for g, e in zip(gens, mono, strict=True) if e): sp.sympify(c)
        for mono, c in terms.items()
    }


def _expanded_terms(expr: sp.Expr) -> dict[Monomial, sp.Expr] | None:
    """:func:`_terms` read straight off an expanded sum of rational multiples of products of
    symbol powers (what normalised atoms are), without building a ``Poly``; ``None`` for any
    other shape (then ``Poly`` decides)."""
    out: dict[Monomial, sp.Expr] = {}
    for term in sp.Add.make_args(expr):
        coeff, rest = term.as_coeff_Mul()
        if not coeff.is_Rational:
            return None
        mono: list[tuple[sp.Symbol, int]] = []
        for factor in sp.Mul.make_args(rest):
            if factor is sp.S.One:
                continue
            base, exp = factor.as_base_exp()
            if not (isinstance(base, sp.Symbol) and exp.is_Integer and exp > 0):
                return None
            mono.append((base, int(exp)))
        key = tuple(sorted(mono, key=lambda be: str(be[0])))
        if len({b for b, _ in key}) != len(key):
            return None
        out[key] = out.get(key, sp.S.Zero) + coeff
    return {k: v for k, v in out.items() if v != 0}


@functools.lru_cache(maxsize=65536)
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
    return tidy_ratio(num, den, reduced=True)
