"""The symbolic indifference system of one support profile, and its closed forms (private).

See :mod:`gametheory.solvers._n_player_symbolic` for the method; this module holds the system
(:class:`SupportSystem`) and the two closed forms: :func:`two_mixing` (Cramer's rule) and
:func:`three_binary` (a polynomial of degree <= 2 in one unknown, McKelvey & McLennan 1996, §6).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..conditions import Atom, atom
from ..params import ParameterSpace
from ._quadratic_field import Field, Quad, scaled_at_root
from ._support_system import Supports

__all__ = ["Candidate", "Cond", "SupportSystem", "rel", "three_binary", "two_mixing"]

Cond = tuple[sp.Expr, str]


@dataclass
class SupportSystem:
    """The symbolic indifference system of one support profile."""

    supports: Supports
    unknowns: dict[int, list[sp.Symbol]]  # per mixing player: probabilities of own[1:]
    probs: list[list[sp.Expr]]
    utility: list[list[sp.Expr]]
    space: ParameterSpace
    params: tuple[sp.Symbol, ...]

    @classmethod
    def of(cls, pay: list[np.ndarray], supports: Supports, space: ParameterSpace) -> SupportSystem:
        shape = pay[0].shape
        unknowns: dict[int, list[sp.Symbol]] = {}
        probs: list[list[sp.Expr]] = []
        for i, own in enumerate(supports):
            vec: list[sp.Expr] = [sp.Integer(0)] * shape[i]
            if len(own) == 1:
                vec[own[0]] = sp.Integer(1)
            else:
                xs = [sp.Dummy(f"x{i}_{a}") for a in own[1:]]
                unknowns[i] = xs
                vec[own[0]] = 1 - sp.Add(*xs)
                for a, x in zip(own[1:], xs, strict=True):
                    vec[a] = x
            probs.append(vec)
        utility = []
        for i, m in enumerate(shape):
            others = [[(a, probs[k][a]) for a in supports[k]] for k in range(len(shape))]
            row = []
            for act in range(m):
                others[i] = [(act, sp.Integer(1))]
                total = sp.Integer(0)
                for combo in itertools.product(*others):
                    total += pay[i][tuple(a for a, _ in combo)] * sp.Mul(*(w for _, w in combo))
                row.append(sp.expand(total))
            utility.append(row)
        params = tuple(
            sorted(
                set()
                .union(*(u.free_symbols for u in pay[0].flat))
                .union(*(u.free_symbols for arr in pay[1:] for u in arr.flat)),
                key=str,
            )
        )
        return cls(supports, unknowns, probs, utility, space, params)

    def gain(self, i: int, a: int) -> sp.Expr:
        return sp.expand(self.utility[i][a] - self.utility[i][self.supports[i][0]])

    def equations(self, i: int) -> list[sp.Expr]:
        return [self.gain(i, a) for a in self.supports[i][1:]]

    def conditions(self) -> list[Cond]:
        """Positivity and no-deviation conditions, in the unknowns and the parameters."""
        out: list[Cond] = [(p, ">") for i in self.unknowns for p in self._support_probs(i)]
        for i, own in enumerate(self.supports):
            out.extend((-self.gain(i, a), ">=") for a in range(len(self.probs[i])) if a not in own)
        return out

    def _support_probs(self, i: int) -> list[sp.Expr]:
        return [self.probs[i][a] for a in self.supports[i]]

    def all_atoms(self, extra: Sequence[Cond] = ()) -> list[sp.Basic]:
        """Every condition of an equilibrium with these supports, unknowns left free."""
        eqs = [(e, "==") for i in self.unknowns for e in self.equations(i)]
        return [rel(e, op) for e, op in [*eqs, *self.conditions(), *extra]]

    def unknown_space(self) -> ParameterSpace:
        bounds: dict[sp.Symbol, object] = dict(self.space.intervals)
        for xs in self.unknowns.values():
            bounds.update({x: (0, 1) for x in xs})
        return ParameterSpace(bounds, constraints=list(self.space.constraints))


def rel(e: sp.Expr, op: str) -> sp.Basic:
    return {">": sp.Gt, ">=": sp.Ge, "==": sp.Eq, "!=": sp.Ne}[op](e, 0, evaluate=False)


# -- closed forms ------------------------------------------------------------------------

Candidate = tuple[list[Atom], dict[sp.Symbol, Quad]]
"""A solution of the support system: its conditions, and the unknowns' values as elements of
the field they live in (rational functions of the parameters, or a quadratic extension)."""


def two_mixing(
    system: SupportSystem, mixing: list[int]
) -> tuple[list[Candidate], list[sp.Expr]] | None:
    """Cramer's rule on the two linear systems (i's equations in j's unknowns and back)."""
    i, j = mixing
    values: dict[sp.Symbol, sp.Expr] = {}
    dets = []
    for me, other in ((i, j), (j, i)):
        xs = system.unknowns[other]
        mat, rhs = sp.linear_eq_to_matrix(system.equations(me), xs)
        det = sp.expand(mat.det(method="berkowitz"))
        if det == 0:
            return None
        adj = mat.adjugate()
        for k, x in enumerate(xs):
            values[x] = sp.expand((adj[k, :] * rhs)[0]) / det
        dets.append(det)
    space = system.space
    atoms: list[Atom] = [a for d in dets if not d.is_number for a in atom(d, "!=", space=space)]
    for e, op in system.conditions():
        atoms.extend(atom(sp.together(e.xreplace(values)), op, space=space))
    field = Field.of(system.params)
    return [(atoms, {x: field(v) for x, v in values.items()})], [d for d in dets if not d.is_number]


def three_binary(
    system: SupportSystem, mixing: list[int]
) -> tuple[list[Candidate], list[sp.Expr]] | None:
    """Three players mixing over two actions each: a polynomial of degree <= 2 in one unknown."""
    for last in range(3):  # whose unknown is eliminated last: the first that works
        out = _three_binary_with(system, mixing, last)
        if out is not None:
            return out
    return None


def _three_binary_with(
    system: SupportSystem, mixing: list[int], last: int
) -> tuple[list[Candidate], list[sp.Expr]] | None:
    order = [mixing[(last + 1) % 3], mixing[(last + 2) % 3], mixing[last]]
    (x1,), (x2,), (r,) = (system.unknowns[k] for k in order)
    # player order[1]'s equation is in (x1, r): solve for x1; order[0]'s in (x2, r): for x2
    lin = {}
    for solver, x in ((order[1], x1), (order[0], x2)):
        (eq,) = system.equations(solver)
        poly = sp.Poly(eq, x)
        if poly.degree() != 1:
            return None
        lead, rest = poly.all_coeffs()
        lin[x] = (sp.expand(lead), sp.expand(rest))  # x = -rest / lead
    (l1, n1), (l2, n2) = lin[x1], lin[x2]
    (third,) = system.equations(order[2])  # in (x1, x2)
    q = sp.Poly(_lifted(third, (x1, l1, n1), (x2, l2, n2)), r)
    if q.is_zero:
        return None
    gens = system.params
    content, factors = sp.factor_list(q.as_expr(), r, *gens)
    boundaries = [] if sp.sympify(content).is_number else [sp.sympify(content)]
    roots: list[tuple[Quad, tuple[sp.Expr, sp.Expr, int, sp.Expr]]] = []
    for f, _mult in factors:
        fp = sp.Poly(f, r)
        if fp.degree() == 0:
            if not f.is_number:
                boundaries.append(f)
            continue
        if fp.degree() > 2:
            return None
        lead = fp.LC()
        if not sp.sympify(lead).is_number:
            boundaries.append(lead)
        for lk in (l1, l2):
            res = sp.resultant(f, lk, r) if sp.Poly(lk, r).degree() > 0 else lk
            res = sp.expand(res)
            if res == 0:
                return None
            if not res.is_number:
                boundaries.append(res)
        if fp.degree() == 1:
            a, b = fp.all_coeffs()
            field = Field.of(gens)
            roots.append((field(-b / a), (a, b, 1, sp.Integer(0))))
        else:
            a, b, c = fp.all_coeffs()
            disc = sp.expand(b**2 - 4 * a * c)
            field = Field.of(gens, disc)
            for sign in (1, -1):
                half = field(-b / (2 * a))
                roots.append((Quad(half.u, field(sign / (2 * a)).u, field), (a, b, sign, disc)))
    candidates = [
        _three_candidate(system, root, cf, (x1, l1, n1), (x2, l2, n2), r) for root, cf in roots
    ]
    return candidates, _dedupe(boundaries)


def _lifted(
    e: sp.Expr,
    first: tuple[sp.Symbol, sp.Expr, sp.Expr],
    second: tuple[sp.Symbol, sp.Expr, sp.Expr],
) -> sp.Expr:
    """``e * l1 * l2`` with ``x1 = -n1/l1`` and ``x2 = -n2/l2`` put in (``e`` has degree <= 1
    in each): a polynomial in the last unknown and the parameters."""
    (x1, l1, n1), (x2, l2, n2) = first, second
    total = sp.Integer(0)
    for (d1, d2), c in sp.Poly(e, x1, x2).terms():
        total += c * (-n1 if d1 else l1) * (-n2 if d2 else l2)
    return sp.expand(total)


def _three_candidate(
    system: SupportSystem,
    root: Quad,
    coeffs: tuple[sp.Expr, sp.Expr, int, sp.Expr],
    first: tuple[sp.Symbol, sp.Expr, sp.Expr],
    second: tuple[sp.Symbol, sp.Expr, sp.Expr],
    r: sp.Symbol,
) -> Candidate:
    (x1, l1, n1), (x2, l2, n2) = first, second
    a, b, sign, disc = coeffs  # root = (-b + sign sqrt(disc)) / (2a), or -b/a if disc = 0
    at = {r: root}
    at[x1] = -root.of(sp.Poly(n1, r)) * root.of(sp.Poly(l1, r)).inverse()
    at[x2] = -root.of(sp.Poly(n2, r)) * root.of(sp.Poly(l2, r)).inverse()
    field = root.field
    quadratic = bool(field.disc)
    space = system.space
    atoms: list[Atom] = []

    def add(poly_in_r: sp.Expr, op: str) -> None:
        # P(root) times a positive factor: u + v sqrt(Δ), u and v polynomials in the parameters
        u, v = scaled_at_root(sp.Poly(poly_in_r, r), system.params, a, b, sign, disc)
        atoms.extend(atom(u if v == 0 else u + field.root(v), op, space=space))

    if quadratic:
        atoms.extend(atom(field.K.to_sympy(field.disc), ">=", space=space))
    if not sp.sympify(a).is_number:
        atoms.extend(atom(a, "!=", space=space))
    add(l1, "!=")
    add(l2, "!=")
    for e, op in system.conditions():
        # e has degree <= 1 in x1 and in x2: e * (l1 l2)**2 has e's sign, a polynomial in r
        add(sp.expand(_lifted(e, first, second) * l1 * l2), op)
    return atoms, at


def _dedupe(polys: list[sp.Expr]) -> list[sp.Expr]:
    out: list[sp.Expr] = []
    for p in polys:
        for f, _ in sp.factor_list(p)[1]:
            if not f.is_number and all(
                sp.expand(f - g) != 0 and sp.expand(f + g) != 0 for g in out
            ):
                out.append(f)
    return out
