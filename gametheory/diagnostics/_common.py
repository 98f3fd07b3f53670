"""Shared by the diagnostic types: the kinds as ``Literal`` types, and their checks."""

from __future__ import annotations

from typing import Any, Literal, get_args

import sympy as sp

from ..errors import GameError

__all__ = ["CaveatKind", "LimitKind", "TieKind", "UndecidedSource", "check", "show"]

TieKind = Literal["first mover", "boundary", "flat"]
UndecidedSource = Literal["support enumeration", "backward induction"]
CaveatKind = Literal["recall", "narrowed", "unreached", "subgame", "continua"]
LimitKind = Literal["budget", "size", "space", "ties", "faces", "curve", "supports", "scope"]


def show(c: sp.Basic) -> str:
    """A condition as text, an equality as ``lhs = rhs`` (sympy prints ``Eq(lhs, rhs)``)."""
    return f"{c.lhs} = {c.rhs}" if isinstance(c, sp.Equality) else str(c)


def check(value: str, options: Any, what: str) -> None:
    allowed = get_args(options)
    if value not in allowed:
        raise GameError(f"{what} must be one of {', '.join(map(repr, allowed))}, got {value!r}")
