"""Regions: a conjunction of atoms simplified under a parameter space, with a status and witness."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
import sympy as sp

from ..params import ParameterSpace
from ._atoms import Atom, ConditionError, Op, canon, negate
from ._bnb import bnb_empty
from ._context import Ctx, context_for, finish
from ._decide import Point, Status, bound, decide_box, forms, propagate, rows
from ._eval import compiled
from ._farkas_cover import farkas_empty
from ._interval import Ival, decide
from ._linear import Row, fm_empty, lp_decide
from ._normal import SignOracle, assumption_sign, normalise, read_pairs
from ._poly import linear_form, sort_symbols
from ._simplify import Facts, combine, factor_simplify

__all__ = ["Region", "Status", "atom", "implied", "reduce", "simplify_condition"]

FARKAS_FIRST = 16  # from this many atoms, certificates in one parameter are tried first
FARKAS_TERMS = 100  # or from this many terms in all


@dataclass(frozen=True)
class Region:
    """A conjunction of atoms on the parameters, as simplified under a space.

    Attributes
    ----------
    atoms
        The atoms the space does not imply: what the region displays.
    status
        ``"empty"`` only when proved; ``"nonempty"`` only with an exact witness; else
        ``"unknown"``.
    witness
        An exact point of the space where every atom holds (``None`` unless nonempty).  It
        covers the space's parameters and any extra symbol the atoms use.
    """

    atoms: tuple[Atom, ...]
    status: Status
    witness: dict[sp.Symbol, sp.Rational] | None = None

    @property
    def condition(self) -> sp.Basic:
        """The readable sympy condition: ``sympy.false`` if empty, ``sympy.true`` if no atom."""
        if self.status == "empty":
            return sp.false
        return sp.And(*[a.as_relational() for a in self.atoms])

    @property
    def is_empty(self) -> bool:
        """Whether the region is proved empty."""
        return self.status == "empty"

    def holds_at(self, point: Mapping[sp.Symbol, object]) -> bool:
        """Whether every atom holds at ``point`` (exactly); always False for an empty region."""
        return self.status != "empty" and all(a.holds_at(point) for a in self.atoms)

    def __str__(self) -> str:
        return f"{self.condition} [{self.status}]"


# -- public entry points ---------------------------------------------------------------------------


def atom(
    expr_or_relational: object, op: Op | str | None = None, *, space: ParameterSpace | None = None
) -> tuple[Atom, ...]:
    """Normalise a relation (or ``expr op 0``) into atoms.

    Parameters
    ----------
    expr_or_relational
        A sympy relation (``Ge``, ``Gt``, ``Le``, ``Lt``, ``Eq``, ``Ne``; both sides arbitrary), a
        conjunction of them, ``True``/``False``, an :class:`Atom`, or an expression with ``op``.
    op
        ``">="``, ``">"``, ``"=="``, ``"!="`` (also ``"<="``, ``"<"``) when an expression is given.
    space
        When given, denominators whose sign is fixed on the space's box are multiplied through;
        otherwise only the symbols' sympy assumptions fix signs.  A denominator ``d`` of unknown
        sign gives ``N*d op 0`` and ``d != 0``.

    Returns
    -------
    tuple of Atom
        ``()`` for a condition that always holds, ``(FALSE,)`` for one that never does.

    Examples
    --------
    >>> import sympy as sp
    >>> c, a = sp.symbols("c a", positive=True)
    >>> atom(2*c - 4*a >= 0)[0].as_relational()
    c >= 2*a
    >>> [str(x) for x in atom((c - a) / (c + 1) > 0)]
    ['c > a']
    """
    pairs = read_pairs(expr_or_relational, op)
    oracle: SignOracle = (
        assumption_sign if space is None else context_for(space, [e for e, _ in pairs]).oracle
    )
    return finish(x for e, o in pairs for x in normalise(e, o, oracle))


def _check_effort(effort: int) -> None:
    if not isinstance(effort, int) or effort < 0:
        raise ConditionError(f"effort must be a nonnegative integer, got {effort!r}")


def _read_all(atoms: object) -> list[tuple[sp.Expr, Op]]:
    if isinstance(atoms, sp.Basic | Atom | bool):
        atoms = [atoms]
    if not isinstance(atoms, Iterable):
        raise ConditionError(f"expected atoms or sympy relations, got {atoms!r}")
    return [p for item in atoms for p in read_pairs(item)]


def reduce(
    atoms: Iterable[Atom | sp.Basic] | sp.Basic,
    space: ParameterSpace | None,
    *,
    rng: np.random.Generator | None = None,
    effort: int = 1,
    hint: Mapping[sp.Symbol, object] | None = None,
) -> Region:
    """Simplify a conjunction of conditions under ``space``; decide emptiness; find a witness.

    Parameters
    ----------
    atoms
        Atoms and/or sympy relations (conjunctions are flattened).
    space
        The parameter space; ``None`` means the symbols' own assumptions only.  Symbols the space
        does not know are added, bounded by their assumptions.
    rng
        Random generator for the witness search (default ``numpy.random.default_rng(0)``, so
        results are deterministic).
    effort
        ``0``: normalisation, interval and LP reasoning and a grid of nice points only.
        ``1`` (default): also random samples, local optimisation and interval branch-and-bound
        (budgets grow with ``effort**2``).
    hint
        A candidate witness (exact rationals), e.g. a point of an open cell whose closure is
        being reduced.  When it lies in the space and satisfies every atom exactly, it is the
        witness and no search is made (the atoms are simplified all the same); otherwise it is
        ignored.

    Returns
    -------
    Region
        Its ``atoms`` are the normalised atoms the space does not imply (order of first
        appearance); ``status`` is ``"empty"`` only when proved, ``"nonempty"`` only with an
        exact witness.
    """
    _check_effort(effort)
    pairs = _read_all(atoms)
    ctx = context_for(space, [e for e, _ in pairs])
    norm = tuple(x for e, o in pairs for x in normalise(e, o, ctx.oracle))
    if hint is not None:
        w = _exact_point(hint, ctx)
        if w is not None and _final_check(w, norm, ctx):
            empty, simplified = _simplified(norm, ctx, effort)
            if not empty:  # (a valid witness refutes any proof of emptiness)
                witness = {s: sp.Rational(w[s].numerator, w[s].denominator) for s in ctx.symbols}
                return Region(simplified, "nonempty", witness)
    if rng is None:  # deterministic: the same question gets the same (cached) answer
        r = _reduce_default(norm, ctx, effort)
        return r if r.witness is None else Region(r.atoms, r.status, dict(r.witness))
    return _reduce(list(norm), ctx, rng, effort)


@lru_cache(maxsize=4096)
def _reduce_default(norm: tuple[Atom, ...], ctx: Ctx, effort: int) -> Region:
    return _reduce(list(norm), ctx, np.random.default_rng(0), effort)


def implied(a: Atom | sp.Basic, space: ParameterSpace | None, *, effort: int = 1) -> bool | None:
    """Whether the space implies a condition: True (proved), False (refuted) or None (unknown).

    False is only returned with an exact point of the space where the condition fails (or when
    the condition fails on the whole space).
    """
    _check_effort(effort)
    pairs = _read_all(a)
    ctx = context_for(space, [e for e, _ in pairs])
    result: bool | None = True
    for x in finish(y for e, o in pairs for y in normalise(e, o, ctx.oracle)):
        verdict = _space_verdict(x, ctx, effort)
        if verdict is True:
            continue
        if verdict is False:
            return False
        r = _reduce([negate(x)], ctx, np.random.default_rng(0), effort)
        if r.status == "nonempty":
            return False
        if r.status == "unknown":
            result = None
    return result


def simplify_condition(
    cond: sp.Basic, space: ParameterSpace | None, *, effort: int = 1
) -> sp.Basic:
    """The readable form of a conjunction under ``space``; ``sympy.false`` when provably empty."""
    return reduce([cond], space, effort=effort).condition


# -- the pipeline ------------------------------------------------------------------------------


def _empty(atoms: Sequence[Atom]) -> Region:
    return Region(tuple(atoms), "empty", None)


def _exact_point(hint: Mapping[sp.Symbol, object], ctx: Ctx) -> Point | None:
    """``hint`` as exact fractions on ``ctx``'s symbols; ``None`` when it is not one."""
    out: Point = {}
    for s in ctx.symbols:
        v = hint.get(s)
        if isinstance(v, sp.Rational):
            out[s] = Fraction(int(v.p), int(v.q))
        elif isinstance(v, int | Fraction) and not isinstance(v, bool):
            out[s] = Fraction(v)
        else:
            return None
    return out


@lru_cache(maxsize=4096)
def _simplified(norm: tuple[Atom, ...], ctx: Ctx, effort: int) -> tuple[bool, tuple[Atom, ...]]:
    """The simplification stage of :func:`_reduce`, before any search: ``(True, atoms)`` when
    proved empty (the atoms it was proved on), else ``(False, the displayed atoms)``."""
    comb = combine(list(norm))
    if comb is None:
        return True, norm
    for _ in range(3):  # factor signs may follow from atoms the previous round produced
        facts = Facts([*comb, *ctx.constraints], ctx.box)
        if facts.contradictory:
            return True, tuple(comb)
        simplified = [y for a in comb for y in factor_simplify(a, facts.sign)]
        if simplified == comb:
            break
        comb = combine(simplified)
        if comb is None:
            return True, norm
    # smallest atoms first: one the space contradicts is most often a small one, and it ends
    # the stage before the proofs that large atoms hold (bounds on many terms) are tried
    verdicts: dict[Atom, bool | None] = {}
    for a in sorted(comb, key=lambda a: a.terms):
        verdicts[a] = _space_verdict(a, ctx, effort)
        if verdicts[a] is False:
            return True, tuple(comb)
    kept = [a for a in comb if verdicts[a] is None]
    pruned = _prune(kept, ctx)
    if pruned is None:
        return True, tuple(kept)
    return False, tuple(_pin(a, ctx.box) for a in pruned)


def _reduce(norm: list[Atom], ctx: Ctx, rng: np.random.Generator, effort: int) -> Region:
    if len(norm) >= FARKAS_FIRST or sum(a.terms for a in norm) >= FARKAS_TERMS:
        core = farkas_empty(norm, ctx)  # (cheap beside the rest, with many or long atoms)
        if core is not None:
            return _empty(core)
    empty, pruned = _simplified(tuple(norm), ctx, effort)
    if empty:
        return _empty(pruned)
    status, w = decide_box([*pruned, *ctx.constraints], ctx.box, ctx.symbols, rng, effort)
    if status == "unknown":  # (the simplified atoms may be in reach where norm was not)
        core = farkas_empty(pruned, ctx)
        if core is not None:
            return _empty(core)
    if w is not None and not _final_check(w, norm, ctx):
        status, w = "unknown", None
    if w is not None:
        w = _inside(w, pruned, norm, ctx, rng)
    witness = (
        None
        if w is None
        else {s: sp.Rational(w[s].numerator, w[s].denominator) for s in ctx.symbols}
    )
    return Region(pruned, status, witness)


def _inside(
    w: Point, pruned: Sequence[Atom], norm: Sequence[Atom], ctx: Ctx, rng: np.random.Generator
) -> Point:
    """A witness in the interior of the region where it has one: a witness on the boundary of a
    weak atom (``c >= a`` met at ``c = a``) is replaced by a point of a cheap search (effort 0:
    nice points only) strictly inside every weak atom and every parameter's interval; where
    that search finds none, the witness is kept."""
    weak = [a for a in pruned if a.op == ">="]
    if not weak or any(a.op == "==" for a in pruned):
        return w  # nothing to leave, or a lower-dimensional region
    strict = [Atom(a.expr, ">") for a in weak]
    if all(compiled(a).holds(w) for a in strict):
        return w
    others = [a for a in pruned if a.op != ">="]
    box = {s: Ival(iv.lo, iv.hi, True, True) for s, iv in ctx.box.items()}
    _, v = decide_box([*strict, *others, *ctx.constraints], box, ctx.symbols, rng, 0)
    return v if v is not None and _final_check(v, norm, ctx) else w


def _final_check(w: Point, norm: Sequence[Atom], ctx: Ctx) -> bool:
    if any(s not in w for s in ctx.symbols):
        return False
    for s, iv in ctx.space.intervals:
        if ctx.box_exact:
            if not ctx.box[s].contains(w[s]):
                return False
        elif iv.contains(sp.Rational(w[s].numerator, w[s].denominator)) is not sp.true:
            return False
    return all(compiled(a).holds(w) for a in [*norm, *ctx.constraints])


@lru_cache(maxsize=16384)
def _space_verdict(a: Atom, ctx: Ctx, effort: int) -> bool | None:
    """True if the space implies ``a``, False if ``a`` fails on all of the box, else None."""
    if a in ctx.constraint_set:
        return True
    c = compiled(a)
    d = decide(c.ival(ctx.box), a.op)
    if d is not None:
        return d
    if a.op in (">=", ">"):
        cols, n = ctx.samples()
        if n:
            vals, scales = c.numeric(cols, n)
            if np.any(vals < -1e-9 * scales):
                return None
    elif a.op == "==":
        return None
    if linear_form(a.expr) is not None:
        touching = [x for x in ctx.linear_constraints if x.symbols & a.symbols]
        if not touching:
            return None  # interval arithmetic is exact for an affine atom over a box
        syms = sort_symbols(set().union(*(x.symbols for x in touching), a.symbols))
        if a.op == "!=":  # implied when the expression has a strict sign on the space
            for side in (a.expr, -a.expr):
                if _linear_empty(rows([*touching, canon(side, ">=")], ctx.box, syms), len(syms)):
                    return True
            return None
        return (
            True if _linear_empty(rows([*touching, negate(a)], ctx.box, syms), len(syms)) else None
        )
    if effort >= 1:
        comps = [compiled(negate(a)), *(compiled(x) for x in ctx.constraints)]
        if bnb_empty(comps, ctx.box, 32 * effort):
            return True
    return None


def _linear_empty(lp_rows: list[Row], n: int) -> bool:
    """Whether a linear system is provably empty: exactly by Fourier–Motzkin when it is small
    (no floats, and no scipy import), else by the LP with its exact certificate."""
    verdict = fm_empty(lp_rows, n)
    if verdict is None:
        return lp_decide(lp_rows, n)[0] == "empty"
    return verdict


def _pin(a: Atom, box: Mapping[sp.Symbol, Ival]) -> Atom:
    """A one-parameter bound that meets the far end of the box is an equality (``p >= 1`` on
    ``(0, 1]`` is ``p == 1``)."""
    b = bound(a)
    if b is None or b[0] not in box:
        return a
    s, iv = b
    both = box[s].intersect(iv)
    if both.lo == both.hi and not both.is_empty():
        v = Fraction(both.lo)
        return canon(s - sp.Rational(v.numerator, v.denominator), "==")
    return a


def _prune(kept: list[Atom], ctx: Ctx) -> list[Atom] | None:
    """Drop atoms implied by the other atoms and the space's linear constraints (cheaply).

    Each atom is tested on the box narrowed by propagating the *other* linear atoms, so an atom
    never justifies itself; dropping one at a time keeps the survivors equivalent.
    """
    all_forms = forms([*kept, *ctx.linear_constraints])
    if len(all_forms) > 24:
        return kept
    dropped: set[Atom] = set()
    for a in kept:
        others = [f for f in all_forms if f[0] != a and f[0] not in dropped]
        if not any(f[1].keys() & a.symbols for f in others):
            continue
        tbox = propagate(others, ctx.box)
        if tbox is None:
            return None
        d = decide(compiled(a).ival(tbox), a.op)
        if d is False:
            return None
        if d:
            dropped.add(a)
    return [a for a in kept if a not in dropped]


def constraints_status(constraints: tuple[sp.Rel, ...], box: ParameterSpace) -> Status:
    """Whether ``constraints`` leave a point of ``box``: :func:`reduce` at effort 0, then at the
    default effort when that is undecided (what a :class:`ParameterSpace` is built with)."""
    region = reduce(constraints, box, effort=0)
    if region.status == "unknown":
        region = reduce(constraints, box)
    return region.status
