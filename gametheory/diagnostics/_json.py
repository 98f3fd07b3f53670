"""JSON for diagnostics (see :mod:`gametheory.diagnostics`): frozen dataclasses as dicts
naming their type, sympy values as their ``srepr``, tuples and frozensets as lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass
from typing import Any

import sympy as sp

from ..errors import GameError

__all__ = ["from_json", "to_json"]


def _to_json(value: Any) -> Any:
    if isinstance(value, sp.Basic):
        return {"sympy": sp.srepr(value)}
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [_to_json(v) for v in value]
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"sympy"}:
        return sp.sympify(value["sympy"])
    if isinstance(value, list):
        return tuple(_from_json(v) for v in value)
    return value


def to_json(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Each frozen dataclass as ``{"type": its class name, field: value, ...}``."""
    out = []
    for d in items:
        if not is_dataclass(d):
            raise GameError(f"{d!r} is not a diagnostic")
        out.append(
            {"type": type(d).__name__, **{f.name: _to_json(getattr(d, f.name)) for f in fields(d)}}
        )
    return out


def from_json(data: Sequence[Any], types: Sequence[type]) -> tuple[Any, ...]:
    """The values :func:`to_json` wrote, rebuilt with the class of ``types`` each names."""
    by_name = {t.__name__: t for t in types}
    out = []
    for item in data:
        name = item.get("type") if isinstance(item, dict) else None
        if name not in by_name:
            raise GameError(f"unknown diagnostic type {name!r} in the stored data")
        kw = {k: _from_json(v) for k, v in item.items() if k != "type"}
        out.append(by_name[name](**kw))
    return tuple(out)
