"""Mixed equilibria of n-player games with symbolic payoffs, with their parameter regions (private).

Support enumeration as in :mod:`gametheory.solvers.n_player`, with the indifference system of
each support profile solved *parametrically*.  The system is multilinear: player i's equations
involve only the other players' probabilities, linearly in each player's.  Two cases are
solved in closed form over the field of rational functions of the parameters:

* **two mixing players** ``i, j`` (the others pure) with supports of equal size: i's equations
  are linear in j's unknowns and vice versa; Cramer's rule gives each as a rational function,
  valid where the determinant ``d`` is nonzero;
* **three mixing players with two actions each** (the 2x2x2 full support, McKelvey & McLennan
  1996, §6): with ``p, q, r`` their unknowns, ``D_1(q, r) = 0`` gives ``q = -N_1(r)/L_1(r)``,
  ``D_2(p, r) = 0`` gives ``p = -N_2(r)/L_2(r)``, and ``L_1 L_2 D_3(p, q) = Q(r)`` is a
  polynomial of degree at most 2 in ``r``; its factors over ``Q(θ)`` give ``r`` as a rational
  function or by the quadratic formula, so the equilibrium and its conditions hold
  ``sqrt(Δ)`` with ``Δ`` the discriminant (and ``Δ >= 0`` among the conditions).

A candidate's conditions (supported probabilities strictly positive, no action outside a support
paying more, pivots nonzero) form its region, simplified and witnessed by
:func:`gametheory.conditions.reduce`; a sign condition on ``P(r)`` with ``r`` a root of a
quadratic is multiplied by an even power of ``2A`` so that it reads ``u + v sqrt(Δ) op 0``
with ``u, v`` polynomials in the parameters.

Where the closed form does not hold (a pivot vanishes: ``d = 0``, a leading coefficient, or a
resultant of ``Q`` with ``L_k``), the parameters lie on a lower-dimensional boundary on which the
system may have a continuum of solutions.  Each such boundary is checked with ``reduce``, first
alone and then together with the equilibrium conditions with the unknowns as variables in
``(0, 1)``; when neither proves it empty, the support profile is reported unresolved for that
boundary.  Support profiles with one mixing player (an equilibrium there needs the player
indifferent, a condition on the parameters alone, and then forms a continuum), and the shapes
beyond the two cases above, are checked the same way as a whole.  Nothing is dropped unless
proved empty.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .._budget import UNLIMITED, Budget
from ..conditions import Atom, atom, reduce
from ..equilibrium import Equilibrium
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from ._normal_form import make_equilibrium
from ._quadratic_field import Field, Quad, scaled_at_root
from ._support_system import Supports

__all__ = ["SymbolicResult", "symbolic_mixed"]

Cond = tuple[sp.Expr, str]


@dataclass(frozen=True)
class SymbolicResult:
    """Mixed equilibria of a symbolic game and the support profiles left unresolved.

    ``unresolved`` holds ``(supports, reason)`` pairs; ``continuum`` is True when some support
    was shown (by a witness) to hold a continuum of equilibria at some parameter point.
    """

    equilibria: tuple[Equilibrium, ...]
    unresolved: tuple[tuple[Supports, str], ...]
    continuum: bool = False
    tried: int = 0


@dataclass
class _Support:
    """The symbolic indifference system of one support profile."""

    supports: Supports
    unknowns: dict[int, list[sp.Symbol]]  # per mixing player: probabilities of own[1:]
    probs: list[list[sp.Expr]]
    utility: list[list[sp.Expr]]
    space: ParameterSpace
    params: tuple[sp.Symbol, ...]

    @classmethod
    def of(cls, pay: list[np.ndarray], supports: Supports, space: ParameterSpace) -> _Support:
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
        return [_rel(e, op) for e, op in [*eqs, *self.conditions(), *extra]]

    def unknown_space(self) -> ParameterSpace:
        bounds: dict[sp.Symbol, object] = dict(self.space.intervals)
        for xs in self.unknowns.values():
            bounds.update({x: (0, 1) for x in xs})
        return ParameterSpace(bounds, constraints=list(self.space.constraints))


def _rel(e: sp.Expr, op: str) -> sp.Basic:
    return {">": sp.Gt, ">=": sp.Ge, "==": sp.Eq, "!=": sp.Ne}[op](e, 0, evaluate=False)


def symbolic_mixed(
    game: NormalFormGame, space: ParameterSpace, budget: Budget = UNLIMITED
) -> SymbolicResult:
    """The mixed equilibria of a symbolic n-player game (see the module docstring)."""
    pay = [game.payoff_array(k) for k in range(len(game.players))]
    per_player = [
        [c for r in range(1, m + 1) for c in itertools.combinations(range(m), r)]
        for m in game.shape
    ]
    profiles = [s for s in itertools.product(*per_player) if any(len(o) > 1 for o in s)]
    profiles.sort(key=lambda s: (sum(map(len, s)), max(map(len, s)) - min(map(len, s))))
    found: list[Equilibrium] = []
    unresolved: list[tuple[Supports, str]] = []
    continuum = False
    tried = 0
    for done, supports in enumerate(profiles):
        budget.check("support profiles examined", done, len(profiles), partial=found)
        system = _Support.of(pay, supports, space)
        mixing = sorted(system.unknowns)
        sizes = [len(system.unknowns[i]) for i in mixing]
        if len(mixing) == 2 and sizes[0] == sizes[1]:
            outcome = _two_mixing(system, mixing)
        elif len(mixing) == 3 and sizes == [1, 1, 1]:
            outcome = _three_binary(system, mixing)
        else:
            outcome = None
        if outcome is None:  # no closed form: decide the support as a whole
            status = _status(system, [])
            if status == "empty":
                continue
            continuum |= status == "nonempty" and len(mixing) == 1
            unresolved.append((supports, _whole_reason(len(mixing), sizes, status)))
            continue
        tried += 1
        candidates, boundaries = outcome
        for candidate in candidates:
            eq = _equilibrium(game, system, candidate)
            if eq is not None:
                found.append(eq)
        open_ = [p for p in boundaries if _status(system, [(p, "==")], quick=True) != "empty"]
        if open_:
            unresolved.append((supports, _boundary_reason(open_)))
    return SymbolicResult(tuple(found), tuple(unresolved), continuum, tried)


def _status(system: _Support, extra: Sequence[Cond], quick: bool = False) -> str:
    """``reduce``'s status for an equilibrium with these supports (and ``extra``), unknowns
    free in ``(0, 1)``; with ``quick``, ``extra`` alone on the space is tried first."""
    if quick:
        alone = [x for e, op in extra for x in atom(e, op, space=system.space)]
        if reduce(alone, system.space, effort=0).status == "empty":
            return "empty"
    return reduce(system.all_atoms(extra), system.unknown_space()).status


def _whole_reason(mixing: int, sizes: list[int], status: str) -> str:
    if mixing == 1:
        what = (
            "they form a continuum where one player is indifferent (a boundary of the "
            "parameters), not listed"
            if status == "nonempty"
            else "they would form a continuum on a boundary of the parameters, whose "
            "existence was not decided"
        )
        return what
    return (
        f"their indifference system ({mixing} players mixing over "
        f"{', '.join(str(s + 1) for s in sizes)} actions) is beyond the symbolic kernel (two "
        "players mixing over equally many actions, or three mixing over two each)"
    )


def _boundary_reason(polys: Sequence[sp.Expr]) -> str:
    where = " or ".join(f"{sp.factor(p)} = 0" for p in polys)
    return (
        f"where {where}, their system is singular (the closed form fails) and equilibria "
        "there are not all listed"
    )


# -- closed forms ------------------------------------------------------------------------

Candidate = tuple[list[Atom], dict[sp.Symbol, Quad]]
"""A solution of the support system: its conditions, and the unknowns' values as elements of
the field they live in (rational functions of the parameters, or a quadratic extension)."""


def _two_mixing(
    system: _Support, mixing: list[int]
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


def _three_binary(
    system: _Support, mixing: list[int]
) -> tuple[list[Candidate], list[sp.Expr]] | None:
    """Three players mixing over two actions each: a polynomial of degree <= 2 in one unknown."""
    for last in range(3):  # whose unknown is eliminated last: the first that works
        out = _three_binary_with(system, mixing, last)
        if out is not None:
            return out
    return None


def _three_binary_with(
    system: _Support, mixing: list[int], last: int
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
    system: _Support,
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


# -- results ----------------------------------------------------------------------------


def _equilibrium(
    game: NormalFormGame, system: _Support, candidate: Candidate
) -> Equilibrium | None:
    atoms, at = candidate
    region = reduce(atoms, system.space)
    if region.status == "empty":
        return None
    mixes = [[_evaluate(p, at) for p in v] for v in system.probs]
    payoffs = [_evaluate(system.utility[i][own[0]], at) for i, own in enumerate(system.supports)]
    return make_equilibrium(game, mixes, region, system.space, payoffs=payoffs)


def _evaluate(expr: sp.Expr, at: dict[sp.Symbol, Quad]) -> sp.Expr:
    """A polynomial in the unknowns at the candidate, exactly and tidily."""
    xs = [x for x in at if expr.has(x)]
    if not xs:
        return expr
    field = next(iter(at.values())).field
    total = field(0)
    for monom, coeff in sp.Poly(expr, *xs).terms():
        term = field(coeff)
        for x, e in zip(xs, monom, strict=True):
            for _ in range(e):
                term = term * at[x]
        total = total + term
    return total.expr()
