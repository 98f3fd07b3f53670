"""Fourier–Motzkin elimination of several unknowns with parametric coefficients.

A system of relations ``Σ_v α_v·v + β op 0`` (``op`` one of ``>=``, ``>``, ``==``), linear in the
unknowns ``v`` with coefficients that are expressions in the parameters, is nonempty in the
unknowns exactly where its projection on the parameters holds.  Each unknown is eliminated in
turn: an equality with a nonzero coefficient is used to substitute it away; otherwise every lower
bound (``α > 0``) is paired with every upper bound (``α < 0``): ``(−α_j)·r_i + α_i·r_j op 0``,
strict if either is (Fourier 1827; Motzkin 1936; Schrijver 1986, §12.2).  A coefficient whose
sign the space does not fix splits the case in three (``α > 0``, ``α < 0``, ``α = 0``), each with
its atom on the parameters.  The result is a list of cases, each a list of atoms on the
parameters (a disjunction of conjunctions).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from .._budget import UNLIMITED, Budget
from .._frozen import FrozenDict
from .._rational import fraction_of
from ..conditions import FALSE, Atom, atom, implied, reduce
from ..errors import UnsupportedGameError
from ..params import ParameterSpace

__all__ = ["Lin", "eliminate", "linearise", "sign_cases", "sign_of"]


@dataclass(frozen=True)
class Lin:
    """``Σ coeffs[v]·v + const op 0``."""

    coeffs: Mapping[sp.Symbol, sp.Expr]
    const: sp.Expr
    op: str

    def __post_init__(self) -> None:  # hashable, so that repeated relations merge
        object.__setattr__(self, "coeffs", FrozenDict(self.coeffs))

    def coeff(self, v: sp.Symbol) -> sp.Expr:
        return self.coeffs.get(v, sp.Integer(0))

    def expr(self) -> sp.Expr:
        return sp.Add(self.const, *(c * v for v, c in self.coeffs.items()))


def sign_of(e: sp.Expr, space: ParameterSpace) -> int | None:
    """``1``, ``-1`` or ``0`` when the space fixes the sign of ``e``, else ``None``."""
    e = sp.expand(e)
    if e.is_number:
        return 1 if e > 0 else -1 if e < 0 else 0
    return _sign_cached(e, space)


@lru_cache(maxsize=8192)
def _sign_cached(e: sp.Expr, space: ParameterSpace) -> int | None:
    if implied(sp.Gt(e, 0), space, effort=0) is True:
        return 1
    if implied(sp.Lt(e, 0), space, effort=0) is True:
        return -1
    return None


def linearise(
    e: sp.Expr, op: str, unknowns: Sequence[sp.Symbol], space: ParameterSpace
) -> Lin | None:
    """``e op 0`` as a :class:`Lin` in the unknowns, a denominator of known sign cleared;
    ``None`` when it is not linear in them (or a denominator's sign is not fixed)."""
    num, den = fraction_of(e)
    if any(den.has(u) for u in unknowns):
        return None
    s = sign_of(den, space)
    if s is None or s == 0:
        return None
    num = sp.expand(s * num)
    present = [u for u in unknowns if num.has(u)]
    if not present:
        return Lin({}, num, op)
    poly = sp.Poly(num, *present)
    if poly.total_degree() > 1:
        return None
    coeffs = {u: poly.coeff_monomial(u) for u in present}
    const = poly.coeff_monomial(1)
    return Lin({u: c for u, c in coeffs.items() if c != 0}, const, op)


def sign_cases(alpha: sp.Expr, space: ParameterSpace) -> list[tuple[int, list[Atom]]]:
    s = sign_of(alpha, space)
    if s is not None:
        return [(s, [])]
    return [
        (1, list(atom(alpha, ">", space=space))),
        (-1, list(atom(-alpha, ">", space=space))),
        (0, list(atom(alpha, "==", space=space))),
    ]


def _combine(a: Lin, ka: sp.Expr, b: Lin, kb: sp.Expr, op: str) -> Lin:
    """``ka·a + kb·b`` (``ka``, ``kb`` of known signs chosen by the caller)."""
    keys = set(a.coeffs) | set(b.coeffs)
    coeffs = {v: sp.expand(ka * a.coeff(v) + kb * b.coeff(v)) for v in keys}
    return Lin(
        {v: c for v, c in coeffs.items() if c != 0}, sp.expand(ka * a.const + kb * b.const), op
    )


def _drop(lin: Lin, v: sp.Symbol) -> Lin:
    return Lin({u: c for u, c in lin.coeffs.items() if u != v}, lin.const, lin.op)


Case = tuple[list[Lin], list[Atom]]


def _eliminate_one(
    lins: list[Lin], atoms: list[Atom], v: sp.Symbol, space: ParameterSpace
) -> list[Case]:
    rest = [x for x in lins if x.coeff(v) == 0]
    with_v = [x for x in lins if x.coeff(v) != 0]
    if not with_v:
        return [(rest, atoms)]
    eqs = [x for x in with_v if x.op == "=="]
    if eqs:
        eq = min(eqs, key=lambda x: sign_of(x.coeff(v), space) is None)
        out: list[Case] = []
        for s, cond in sign_cases(eq.coeff(v), space):
            if s == 0:  # the equality does not involve v here: keep it without v, go on
                others = [x for x in with_v if x is not eq]
                out.extend(
                    _eliminate_one([*rest, _drop(eq, v), *others], [*atoms, *cond], v, space)
                )
                continue
            alpha = eq.coeff(v)
            grown = list(rest)
            for x in with_v:
                if x is eq:
                    continue
                # x: a·v + r op 0 and eq: α·v + r' = 0 → s·(α·x − a·eq) op 0
                grown.append(_combine(x, s * alpha, eq, -s * x.coeff(v), x.op))
            out.append((grown, [*atoms, *cond]))
        return out
    out = []
    for signs in itertools.product(*(sign_cases(x.coeff(v), space) for x in with_v)):
        lower, upper, grown = [], [], list(rest)
        extra = list(atoms)
        for x, (s, cond) in zip(with_v, signs, strict=True):
            extra.extend(cond)
            if s > 0:
                lower.append(x)
            elif s < 0:
                upper.append(x)
            else:
                grown.append(_drop(x, v))
        for lo, up in itertools.product(lower, upper):
            op = ">" if ">" in (lo.op, up.op) else ">="
            grown.append(_combine(lo, -up.coeff(v), up, lo.coeff(v), op))
        if FALSE not in extra:
            out.append((grown, extra))
    return out


def eliminate(
    lins: Sequence[Lin],
    unknowns: Sequence[sp.Symbol],
    space: ParameterSpace,
    *,
    what: str = "the elimination",
    max_rows: int = 4000,
    clock: Budget = UNLIMITED,
) -> list[list[Atom]]:
    """The cases of the projection of the system on the parameters: a list of atom lists
    (each a conjunction; their disjunction is where some value of the unknowns satisfies every
    relation).  Cases with a literally false atom, or that the space provably excludes (when
    there are several), are dropped.

    ``clock`` (a budget) is checked before each case is decided.

    Raises
    ------
    UnsupportedGameError
        When a case grows beyond ``max_rows`` relations (``what`` says whose).
    """
    cases: list[Case] = [(list(dict.fromkeys(lins)), [])]
    for v in unknowns:
        cases = [c for lins_, atoms in cases for c in _eliminate_one(lins_, atoms, v, space)]
        if len(cases) > 1:
            kept = []
            for k, c in enumerate(cases):
                clock.check("Fourier-Motzkin cases of a projection decided", k, len(cases))
                if not c[1] or reduce(c[1], space, effort=0).status != "empty":
                    kept.append(c)
            cases = kept
        if any(len(lins_) > max_rows for lins_, _ in cases):
            raise UnsupportedGameError(
                f"{what}: more than {max_rows} inequalities after eliminating {v}; solve the game "
                "at a parameter point, game.at(...)"
            )
        cases = [(list(dict.fromkeys(lins_)), atoms) for lins_, atoms in cases]
    out = []
    for lins_, atoms in cases:
        found = list(atoms)
        for x in lins_:
            found.extend(atom(sp.expand(x.const), x.op, space=space))
        if FALSE not in found:
            out.append(found)
    return out
