"""Belief sets: the beliefs that support a perfect Bayesian equilibrium off its path.

Where an information set is reached with probability 0 and Bayes' rule determines nothing, the
belief there is free: any point of the simplex over the set's nodes for which the prescribed
actions are sequentially rational supports the equilibrium.  Those points form a polytope (the
sequential-rationality inequalities are linear in the belief), kept here exactly in
H-representation: one symbol per node, the simplex, and linear relations whose coefficients may
involve the parameters.  At a numeric point the polytope has finitely many vertices, enumerated
exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from ._numbers import exact_expr
from .conditions._linear import vertices
from .errors import GameError

__all__ = ["BeliefSet"]


@dataclass(frozen=True)
class BeliefSet:
    """The beliefs at one information set that support an equilibrium.

    Attributes
    ----------
    infoset
        The information set's label.
    nodes
        Its nodes, keyed as the equilibrium's ``beliefs`` are (by type in signalling games, else
        by node path).
    symbols
        One symbol per node: the belief on that node.
    relations
        Linear relations in ``symbols`` (``>=``, ``>`` or ``==``; coefficients may involve the
        parameters) besides the simplex (every belief ``>= 0``, summing to 1).

    Examples
    --------
    >>> import sympy as sp
    >>> s = BeliefSet.simplex("R|m", ("a", "b", "c"))
    >>> x, y, z = s.symbols
    >>> s = s.with_relations([sp.Ge(x, 2 * y)])
    >>> s.contains({"a": sp.Rational(1, 2), "b": sp.Rational(1, 4), "c": sp.Rational(1, 4)})
    True
    >>> s.interval("b")
    Interval(0, 1/3)
    """

    infoset: str
    nodes: tuple[str, ...]
    symbols: tuple[sp.Symbol, ...]
    relations: tuple[sp.Basic, ...] = ()

    @classmethod
    def simplex(cls, infoset: str, nodes: Sequence[str]) -> BeliefSet:
        """Every belief on the nodes (no relation beyond the simplex)."""
        if not isinstance(infoset, str) or not infoset:
            raise GameError(
                f"a belief set's information set is a non-empty string, got {infoset!r}"
            )
        if isinstance(nodes, str) or not isinstance(nodes, Sequence) or not nodes:
            raise GameError(
                f"the belief set at {infoset!r} needs a non-empty list of nodes, got {nodes!r}"
            )
        syms = tuple(sp.Symbol(f"mu[{infoset}:{n}]", nonnegative=True) for n in nodes)
        return cls(infoset, tuple(nodes), syms)

    def with_relations(self, relations: Sequence[sp.Basic]) -> BeliefSet:
        """This set cut by more linear relations in its symbols (``True`` ones dropped)."""
        extra = tuple(r for r in relations if r is not sp.true)
        return BeliefSet(self.infoset, self.nodes, self.symbols, self.relations + extra)

    # -- evaluation --------------------------------------------------------------------------
    @property
    def parameters(self) -> frozenset[sp.Symbol]:
        """The parameters the relations' coefficients use."""
        free: set[sp.Symbol] = set()
        for r in self.relations:
            free |= r.free_symbols
        return frozenset(free - set(self.symbols))

    def at(self, point: Mapping[sp.Symbol, object]) -> BeliefSet:
        """The set with the parameters replaced by the point's values (exact)."""
        if not isinstance(point, Mapping):
            raise GameError(
                f"the point for the belief set at {self.infoset!r} must be a mapping "
                f"{{parameter: value}}, got {type(point).__name__}"
            )
        sub = {
            s: exact_expr(v, f"value of parameter {s} (belief set at {self.infoset!r})", GameError)
            for s, v in point.items()
        }
        rels = [r.xreplace(sub) for r in self.relations]
        if any(r is sp.false for r in rels):
            rels = [sp.false]
        return BeliefSet(self.infoset, self.nodes, self.symbols, tuple(rels))

    def contains(
        self, belief: Mapping[str, object], at: Mapping[sp.Symbol, object] | None = None
    ) -> bool:
        """Whether a belief ``{node: probability}`` lies in the set (exactly, at a point when
        the relations have parameters)."""
        s = self.at(at) if at else self
        if not isinstance(belief, Mapping):
            raise GameError(
                f"a belief at {self.infoset!r} is a mapping {{node: probability}}, "
                f"got {type(belief).__name__}"
            )
        extra = [n for n in belief if n not in s.nodes]
        if extra:
            raise GameError(
                f"the belief at {self.infoset!r} names {extra[0]!r}, which is not one of its "
                f"nodes ({', '.join(s.nodes)})"
            )
        values = {
            sym: exact_expr(belief.get(n, 0), f"the belief on {n!r} at {self.infoset!r}", GameError)
            for sym, n in zip(s.symbols, s.nodes, strict=False)
        }
        if any(v < 0 for v in values.values()) or sp.Add(*values.values()) != 1:
            return False
        for r in s.relations:
            v = r.xreplace(values)
            if v not in (sp.true, sp.false):
                raise GameError(
                    f"the belief set at {self.infoset!r} has parameters "
                    f"{sorted(map(str, s.parameters))}: give their values with at="
                )
            if v is sp.false:
                return False
        return True

    def vertices(self, at: Mapping[sp.Symbol, object] | None = None) -> tuple[dict[str, Any], ...]:
        """The vertices of the (closure of the) set, exactly, at a point when it has
        parameters; empty when the set is."""
        s = self.at(at) if at else self
        found = vertices(s._rows(), len(self.nodes), closure=True)
        return tuple(
            {
                n: sp.Rational(v.numerator, v.denominator)
                for n, v in zip(self.nodes, x, strict=False)
            }
            for x in found
        )

    def interval(self, node: str, at: Mapping[sp.Symbol, object] | None = None) -> sp.Basic:
        """The range of the belief on one node over the set (its closure), exactly: an
        ``Interval``, the number itself when the set pins it, ``EmptySet`` when empty."""
        vs = self.vertices(at)
        if not vs:
            return sp.EmptySet
        values = [v[node] for v in vs]
        lo, hi = min(values), max(values)
        return lo if lo == hi else sp.Interval(lo, hi)

    def point(self, at: Mapping[sp.Symbol, object] | None = None) -> dict[str, Any] | None:
        """One member of the set: the centroid of its vertices (exact), or ``None`` if empty."""
        vs = self.vertices(at)
        if not vs:
            return None
        return {n: sp.Add(*(v[n] for v in vs)) / len(vs) for n in self.nodes}

    def _rows(self) -> list[tuple[tuple[Fraction, ...], Fraction, str]]:
        """The relations and the simplex as rows ``a·x + b op 0`` in Fractions."""
        k = len(self.symbols)
        rows: list[tuple[tuple[Fraction, ...], Fraction, str]] = []
        for i in range(k):
            rows.append((tuple(Fraction(int(i == j)) for j in range(k)), Fraction(0), ">="))
        rows.append((tuple(Fraction(1) for _ in range(k)), Fraction(-1), "=="))
        for r in self.relations:
            if r is sp.true:
                continue
            if r is sp.false:
                return [((Fraction(0),) * k, Fraction(-1), ">=")]
            if self.parameters:
                raise GameError(
                    f"the belief set at {self.infoset!r} has parameters "
                    f"{sorted(map(str, self.parameters))}: give their values with at="
                )
            rows.append(_row(r, self.symbols))
        return rows

    def __str__(self) -> str:
        head = " + ".join(str(s) for s in self.symbols) + " = 1"
        rels = ", ".join(str(r) for r in self.relations)
        return f"{{{head}{', ' + rels if rels else ''}}}"


def _row(r: sp.Basic, symbols: Sequence[sp.Symbol]) -> tuple[tuple[Fraction, ...], Fraction, str]:
    if isinstance(r, sp.Eq):
        op, e = "==", r.lhs - r.rhs
    elif isinstance(r, sp.Ge | sp.Gt):
        op, e = (">=" if isinstance(r, sp.Ge) else ">"), r.lhs - r.rhs
    elif isinstance(r, sp.Le | sp.Lt):
        op, e = (">=" if isinstance(r, sp.Le) else ">"), r.rhs - r.lhs
    else:
        raise GameError(f"a belief relation must be an (in)equality, got {r}")
    poly = sp.Poly(sp.expand(e), *symbols)
    if poly.total_degree() > 1:
        raise GameError(f"a belief relation must be linear in the beliefs, got {r}")
    coeffs = tuple(_frac(poly.coeff_monomial(s)) for s in symbols)
    return coeffs, _frac(poly.coeff_monomial(1)), op


def _frac(v: sp.Expr) -> Fraction:
    v = sp.nsimplify(v)
    if not v.is_Rational:
        raise GameError(f"a belief relation's coefficient must be rational here, got {v}")
    return Fraction(int(v.p), int(v.q))
