"""Claims proved by an SMT solver for real arithmetic (z3, the optional ``prove`` extra).

sympy relations over ``Add``, ``Mul``, integer ``Pow``, rationals and symbols translate to z3's
real arithmetic; a negative power ``d**-k`` becomes a division, with ``d != 0`` asserted.
``space ∧ conditions ⇒ claim`` is proved by showing that ``space ∧ conditions ∧ ¬claim`` is
unsatisfiable; a satisfying model with rational values is a counterexample.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from ..params import ParameterSpace

__all__ = ["available", "smt_decide"]


def available() -> bool:
    """Whether z3 is installed."""
    try:
        import z3  # noqa: F401
    except ImportError:
        return False
    return True


class _Untranslatable(Exception):
    pass


def smt_decide(
    facts: Sequence[sp.Basic], goal: sp.Basic, space: ParameterSpace, timeout_ms: int = 5000
) -> tuple[str, dict[sp.Symbol, sp.Rational] | None]:
    """``("proved", None)`` when ``facts ⇒ goal`` on the space, ``("refuted", point)`` with an
    exact rational counterexample, else ``("unknown", None)``."""
    import z3

    names: dict[sp.Symbol, Any] = {}
    side: list[Any] = []

    def var(s: sp.Symbol) -> Any:
        if s not in names:
            names[s] = z3.Real(s.name)
        return names[s]

    def term(e: sp.Expr) -> Any:
        if e.is_Rational:
            return z3.RealVal(f"{e.p}/{e.q}")
        if e.is_Symbol:
            return var(e)
        if e.is_Add:
            return z3.Sum([term(a) for a in e.args])
        if e.is_Mul:
            out = term(e.args[0])
            for a in e.args[1:]:
                out = out * term(a)
            return out
        if e.is_Pow and e.exp.is_Integer:
            base = term(e.base)
            k = int(e.exp)
            if k == 0:
                return z3.RealVal(1)
            power = base
            for _ in range(abs(k) - 1):
                power = power * base
            if k > 0:
                return power
            side.append(base != 0)
            return 1 / power
        raise _Untranslatable(str(e))

    def formula(b: sp.Basic) -> Any:
        if b is sp.true:
            return z3.BoolVal(True)
        if b is sp.false:
            return z3.BoolVal(False)
        if isinstance(b, sp.And):
            return z3.And([formula(a) for a in b.args])
        if isinstance(b, sp.Or):
            return z3.Or([formula(a) for a in b.args])
        if isinstance(b, sp.Not):
            return z3.Not(formula(b.args[0]))
        if isinstance(b, sp.Implies):
            return z3.Implies(formula(b.args[0]), formula(b.args[1]))
        if isinstance(b, sp.Equivalent):
            return formula(b.args[0]) == formula(b.args[1])
        if b.is_Relational:
            lhs, rhs = term(b.lhs), term(b.rhs)
            ops = {"==": lhs == rhs, "!=": lhs != rhs, ">=": lhs >= rhs, ">": lhs > rhs}
            ops.update({"<=": lhs <= rhs, "<": lhs < rhs})
            return ops[b.rel_op]
        raise _Untranslatable(str(b))

    try:
        solver = z3.Solver()
        solver.set("timeout", timeout_ms)
        for s, iv in space.intervals:
            x = var(s)
            if iv.start.is_finite:
                lo = term(sp.Rational(iv.start))
                solver.add(x > lo if iv.left_open else x >= lo)
            if iv.end.is_finite:
                hi = term(sp.Rational(iv.end))
                solver.add(x < hi if iv.right_open else x <= hi)
        for c in (*space.constraints, *facts):
            solver.add(formula(c))
        solver.add(z3.Not(formula(goal)))
        for s in side:
            solver.add(s)
    except _Untranslatable:
        return "unknown", None
    result = solver.check()
    if result == z3.unsat:
        return "proved", None
    if result == z3.sat:
        model = solver.model()
        point: dict[sp.Symbol, sp.Rational] = {}
        for s in space.symbols:
            v = model.eval(var(s), model_completion=True)
            if not z3.is_rational_value(v):
                return "unknown", None
            f = Fraction(v.as_fraction())
            point[s] = sp.Rational(f.numerator, f.denominator)
        return "refuted", point
    return "unknown", None
