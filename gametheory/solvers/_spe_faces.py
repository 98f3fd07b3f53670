"""Ties in backward induction: the game solved again on each face where two choices tie.

:func:`~._backward_pieces.choose` compares choices with strict inequalities, so the pieces of one
solve are open cells of the parameters (and of the mixing weights at identical ties), and every
comparison ``v_a − v_b`` it met is recorded as a *surface* ``v_a − v_b = 0``.  The equilibria
that hold only where some choice ties are found by solving again *on* each surface that meets
the space:

* a surface through a mixing weight ``σ`` (an ancestor indifferent as that weight varies) is
  solved for ``σ``: the weight is pinned, ``σ = e``, and the mixture is an end point of the
  interval of weights that keep the ancestor's choice optimal (Shoham & Leyton-Brown 2008,
  Fig. 5.1: she accepts 2–0 with probability 1/2, and he is indifferent);
* any other surface is solved for a parameter, which is substituted into the tree (the
  conditions keep the equality, e.g. ``V = 2*c_B``); on it, the comparison is an identical tie.

Faces of faces are solved in turn (each fixes one more symbol, so this ends).  A solve's open
cells with their closure's weak inequalities are exactly where their pure profile is subgame
perfect, so an equilibrium found on a face is kept only when it is not already the closure of
one found on a larger face.  An equilibrium whose strategies still hold a free weight lies inside
an interval of mixtures and is not an extreme point: it is left out (its ends are listed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy as sp

from ..conditions import Atom, atom, implied, reduce
from ..conditions._atoms import negate
from ..diagnostics import Limit
from ..params import ParameterSpace
from ._backward_pieces import Ctx, Piece, Site

__all__ = ["MAX_FACES", "Face", "FaceResult", "solve_faces"]

MAX_FACES = 60  # faces solved before the solution is marked incomplete (small trees)
FACE_WORK = 20_000  # decision nodes solved over all faces: large trees get fewer faces
MIXED_FACES = 40  # faces solved before mixtures on parameter faces stop being enumerated
MIXED_NODES = 60  # decision nodes above which mixtures on parameter faces are not enumerated


@dataclass(frozen=True)
class Face:
    """A set where some choices tie: substituted parameters, pinned weights and conditions."""

    params: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()
    weights: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()
    atoms: tuple[Atom, ...] = ()
    sites: tuple[tuple[sp.Symbol, frozenset[Site]], ...] = ()  # where each weight's tie is

    @property
    def key(self) -> frozenset[tuple[sp.Symbol, sp.Expr]]:
        return frozenset((*self.params, *self.weights))

    @property
    def codimension(self) -> int:
        return len(self.params) + len(self.weights)


@dataclass(frozen=True)
class FaceResult:
    """The pieces of one solve, on one face."""

    face: Face
    pieces: tuple[Piece, ...]
    ctx: Ctx


def solve_faces(
    space: ParameterSpace,
    run: Callable[[Face, Ctx], list[Piece]],
    decisions: int,
    effort: int = 1,
) -> tuple[list[FaceResult], list[Limit]]:
    """Solve on the whole space, then on every face met (breadth first: larger faces first).

    ``run(face, ctx)`` solves the game on the face: ``ctx.params`` holds the substituted
    parameters (choices are compared with them substituted; payoffs keep the tree's own
    expressions) and ``ctx.subs`` the pinned weights.  Returns the results and the reasons the search is incomplete (when a
    surface cannot be solved for any of its symbols, or too many faces are met).
    """
    pending: dict[object, Face] = {(Face().key, frozenset()): Face()}  # breadth first
    done: set[object] = set()
    results: list[FaceResult] = []
    incomplete: list[Limit] = []
    unknowns: dict[sp.Symbol, None] = {}
    limit = min(MAX_FACES, max(20, FACE_WORK // max(decisions, 1)))
    while pending:
        first = next(iter(pending))
        face = pending.pop(first)
        done.add(first)
        if len(results) >= limit:
            incomplete.append(
                Limit(
                    "faces",
                    f"more than {limit} tie faces (for a tree of {decisions} decision nodes): "
                    "equilibria holding only where several choices tie at once may be missing",
                )
            )
            break
        ctx = Ctx(
            _augmented(space, unknowns),
            effort=effort,
            subs=dict(face.weights),
            mixtures=not face.params or (decisions <= MIXED_NODES and len(results) < MIXED_FACES),
            params=dict(face.params),
            pins=dict(face.sites),
        )
        pieces = run(face, ctx)
        unknowns.update(ctx.unknowns)
        results.append(FaceResult(face, tuple(pieces), ctx))
        for surface in ctx.surfaces:
            faces = _extend(face, surface, ctx)
            if faces is None:
                incomplete.append(
                    Limit(
                        "faces",
                        f"the tie {surface} = 0 could not be solved for one of its symbols, so "
                        "equilibria that hold only on it may be missing",
                    )
                )
                continue
            for child in faces:
                key = (child.key, frozenset(child.atoms))
                if key in done:
                    continue
                if key in pending:  # met again from another tie: its sites join
                    pending[key] = _joined(pending[key], child)
                    continue
                region = reduce(list(child.atoms), _augmented(space, unknowns), effort=0)
                if region.status != "empty":
                    pending[key] = child
                else:
                    done.add(key)
    return results, list(dict.fromkeys(incomplete))


def _joined(face: Face, other: Face) -> Face:
    """``face`` with the tie sites of ``other`` (the same face, met from another tie)."""
    sites = dict(face.sites)
    for w, more in other.sites:
        sites[w] = sites.get(w, frozenset()) | more
    return dataclasses.replace(face, sites=tuple(sites.items()))


def _augmented(space: ParameterSpace, unknowns: dict[sp.Symbol, None]) -> ParameterSpace:
    extra = [u for u in unknowns if u not in space.symbols]
    if not extra:
        return space
    bounds: dict[sp.Symbol | str, object] = dict(space.intervals)
    for u in extra:
        bounds[u] = (0, 1)
    return ParameterSpace(bounds, space.constraints)


def _extend(face: Face, surface: sp.Expr, ctx: Ctx) -> list[Face] | None:
    """The faces where ``surface = 0`` too: solved for a mixing weight when it has one (with a
    face per sign of the weight's coefficient when that sign is not fixed), else for a
    parameter; ``None`` when it cannot be solved that way."""
    weights = sorted((s for s in surface.free_symbols if s in ctx.unknowns), key=str)
    if weights:
        for w in weights:
            solved = _solve_linear(surface, w, ctx, signs=True)
            if solved is None:
                continue
            out = []
            sites = (*face.sites, (w, frozenset(ctx.sites.get(surface, ()))))
            for value, extra in solved:
                pinned = tuple((u, v.xreplace({w: value})) for u, v in face.weights)
                inner = (
                    *extra,
                    *atom(value, ">", space=ctx.space),
                    *atom(1 - value, ">", space=ctx.space),
                )
                atoms = _merge(_put(face.atoms, w, value, ctx), inner)
                out.append(Face(face.params, (*pinned, (w, value)), atoms, sites))
            return out
        return None
    params = [s for s in ctx.space.symbols if s in surface.free_symbols]
    for sym in params:
        solved = _solve_linear(surface, sym, ctx, signs=False)
        if solved is None:
            continue
        ((value, _),) = solved
        params_ = tuple((p, v.xreplace({sym: value})) for p, v in face.params)
        pinned = tuple((w, v.xreplace({sym: value})) for w, v in face.weights)
        atoms = _put(face.atoms, sym, value, ctx)
        extra = atom(sym - value, "==", space=ctx.space)
        return [Face((*params_, (sym, value)), pinned, _merge(atoms, extra), face.sites)]
    return None


def _put(atoms: Sequence[Atom], sym: sp.Symbol, value: sp.Expr, ctx: Ctx) -> tuple[Atom, ...]:
    """A face's conditions with ``sym = value`` substituted (a pinned weight or parameter)."""
    return tuple(
        a2 for a in atoms for a2 in atom(a.expr.xreplace({sym: value}), a.op, space=ctx.space)
    )


def _merge(atoms: Sequence[Atom], extra: Sequence[Atom]) -> tuple[Atom, ...]:
    return tuple(dict.fromkeys((*atoms, *extra)))


def _solve_linear(
    surface: sp.Expr, sym: sp.Symbol, ctx: Ctx, signs: bool
) -> list[tuple[sp.Expr, tuple[Atom, ...]]] | None:
    """``sym`` from ``surface = 0`` when the surface is linear in it: ``[(value, conditions)]``.

    With a coefficient of fixed sign on the space, one solution without conditions; otherwise,
    with ``signs``, one per strict sign of the coefficient (where it vanishes the surface does
    not pin ``sym``, and that set is reported by the caller as not solved); else ``None``."""
    try:
        poly = sp.Poly(surface, sym)
    except sp.PolynomialError:
        return None
    if poly.degree() != 1:
        return None
    a, b = poly.all_coeffs()
    value = sp.cancel(-b / a)
    if a.is_number:
        return None if a == 0 else [(value, ())]
    for op in (">", "<"):
        if implied(sp.Gt(a, 0) if op == ">" else sp.Lt(a, 0), ctx.space, effort=0) is True:
            return [(value, ())]
    if not signs:
        return None
    return [(value, atom(a, ">", space=ctx.space)), (value, atom(-a, ">", space=ctx.space))]


def relaxed(atoms: Sequence[Atom]) -> list[Atom]:
    """The closure of an open cell: strict inequalities made weak."""
    return [Atom(a.expr, ">=") if a.op == ">" else a for a in atoms]


def inside(atoms: Sequence[Atom], other: Sequence[Atom], space: ParameterSpace) -> bool:
    """Whether ``atoms`` (a face's conditions) imply every atom of ``other``: each one's
    complement beside them is provably empty (cheap reasoning only; ``False`` = not shown)."""
    for a in other:
        if a in atoms:
            continue
        if a.op == "==":
            if not (
                inside(atoms, [Atom(a.expr, ">=")], space)
                and inside(atoms, [Atom(-a.expr, ">=")], space)
            ):
                return False
            continue
        if reduce([*atoms, negate(a)], space, effort=0).status != "empty":
            return False
    return True
