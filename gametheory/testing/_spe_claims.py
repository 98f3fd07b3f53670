"""Claimed payoffs and outcome probabilities against those a profile induces, shared by the finite
and the grid checks of :mod:`gametheory.testing`."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

from ._pbe_walk import Value, value_of

__all__ = ["compare_claims", "gap"]


def compare_claims(
    found: list[str],
    kind: str,
    claimed: Mapping[str, sp.Expr] | None,
    actual: Mapping[str, Value],
    eps: Value,
) -> None:
    """Append a message for each claimed payoff / outcome probability the profile does not give."""
    if claimed is None:
        return
    for k in sorted(set(claimed) | set(actual)):
        if k not in claimed:
            if kind == "payoff" or actual[k]:
                found.append(
                    f"the equilibrium gives no {kind} for {k!r} (the profile gives {actual[k]})"
                )
            continue
        try:
            c = value_of(claimed[k], f"the claimed {kind} of {k!r}")
        except (TypeError, ValueError) as exc:
            found.append(f"cannot check the claimed {kind} of {k!r}: {exc}")
            continue
        a = actual.get(k, Fraction(0))
        gap_ = gap(c, a)
        if gap_ > eps:
            found.append(
                f"the claimed {kind} of {k!r} is {c}, but the profile induces {a} (gap {gap_})"
            )


def gap(x: Value, y: Value) -> Value:
    """``|x - y|``, exact for two Fractions."""
    if isinstance(x, Fraction) and isinstance(y, Fraction):
        return abs(x - y)
    return abs(float(x) - float(y))
