"""Inequalities implied by the others, dropped with a proof: many atoms linear at fixed ``t``.

A repeated game's Nash check compares the profile's value with that of every deviation
policy: a hundred conditions, of which one or two bind.  :mod:`._dominance` drops an atom
implied by *one* other (quadratic, for small systems); here an atom ``a`` is dropped when the
atoms kept so far imply it on the space, proved by a sweep of Farkas certificates showing
``kept ∧ ¬a`` empty (:mod:`._farkas_cover`) — the same proof as any emptiness.  The kept set
grows greedily (an atom that cannot be proved implied is kept), then each kept atom is tried
once more against the others, so what is left is equivalent to the input on the space.
An atom is only ever dropped with a proof; atoms the certificates cannot read are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..params import ParameterSpace
from ._atoms import Atom
from ._clarkson import binding
from ._context import context_for
from ._farkas import Rows, negated, nonlinear, parse, rows_of
from ._farkas_cover import farkas_core
from ._lp_witness import samples

__all__ = ["drop_implied"]

SAMPLES = 4  # values of the swept parameter where the binding atoms are sought


def drop_implied(atoms: Sequence[Atom], space: ParameterSpace) -> list[Atom]:
    """``atoms`` without the inequalities the others imply on ``space`` (the first of
    equivalent ones kept); unchanged unless every inequality is linear at fixed values of one
    parameter.  Atoms that are not inequalities are kept and take no part in the proofs.
    (Cached: the players of a symmetric profile have the same conditions.)"""
    return list(_drop(tuple(dict.fromkeys(atoms)), space))


@lru_cache(maxsize=256)
def _drop(unique_atoms: tuple[Atom, ...], space: ParameterSpace) -> tuple[Atom, ...]:
    unique = list(unique_atoms)
    ineq = [a for a in unique if a.op in (">=", ">")]
    t = nonlinear(ineq) if len(ineq) >= 2 else None
    if t is None:
        return unique_atoms
    parsed = [parse(a, t) for a in ineq]
    if any(p is None for p in parsed):
        return unique_atoms
    rows = [p for p in parsed if p is not None]
    ctx = context_for(space, [a.expr for a in unique])
    everything = rows_of(
        t, [*rows, *(negated(p, ("not", a)) for p, a in zip(rows, ineq, strict=True))], ctx
    )
    if everything is None:
        return unique_atoms
    n = len(ineq)
    # (rows_of puts the given rows first, in order: row k is ineq[k], row n + k its negation)

    def implied(k: int, by: list[int]) -> bool:
        sub = everything.select([*by, n + k])
        return farkas_core(sub) is not None

    found = _binding(everything, n)
    kept: list[int] = [] if found is None else sorted(found[0])
    for k in range(n):  # an atom the kept ones do not (provably) imply is kept
        if k in kept:
            continue
        few = [] if found is None else sorted(found[1].get(k, set()))
        if not (few and implied(k, few)) and not (kept and implied(k, kept)):
            kept.append(k)
    binding_rows = set() if found is None else found[0]
    for k in [k for k in kept if k not in binding_rows]:  # one kept early may follow from others
        rest = [j for j in kept if j != k]
        if rest and implied(k, rest):
            kept = rest
    keep = {ineq[k] for k in kept}
    return tuple(a for a in unique if a in keep or a.op not in (">=", ">"))


def _binding(rows: Rows, n: int) -> tuple[set[int], dict[int, set[int]]] | None:
    """The atoms (rows ``0 … n−1``) binding at some sample of the swept parameter, and for
    each other atom the binding ones tight where it is least (floats: :mod:`._clarkson`)."""
    space = [i for i, src in enumerate(rows.source) if src is None]
    found: set[int] = set()
    support: dict[int, set[int]] = {}
    for t0 in samples(rows)[:SAMPLES]:
        m = rows.at(float(t0))
        r = binding(m[:n], m[space])
        if r is None:
            continue
        found.update(r[0])
        for k, s in r[1].items():
            support.setdefault(k, set()).update(s)
    return (found, support) if found else None
