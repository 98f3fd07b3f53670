"""A read-only, hashable dict for fields of frozen dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["FrozenDict", "freeze"]


class FrozenDict(dict):
    """A dict that refuses mutation and hashes by its items (values must be hashable).

    Equal mappings hash equal whatever their order: the hash is that of the set of items."""

    def _readonly(self, *args: object, **kw: object) -> None:
        raise TypeError("this mapping is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]
    __ior__ = _readonly  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[object, object]]]:
        # pickle (and copy) rebuild through the constructor: the default dict-subclass protocol
        # would refill the mapping item by item, which a read-only mapping refuses
        return (type(self), (dict(self),))


def freeze(value: Any, depth: int = 1) -> Any:
    """``value`` with its mappings down to ``depth`` levels made :class:`FrozenDict` (already
    frozen levels are kept as they are, so freezing twice costs one pass)."""
    if not isinstance(value, Mapping) or depth <= 0:
        return value
    if isinstance(value, FrozenDict) and (
        depth == 1
        or all(not isinstance(v, Mapping) or isinstance(v, FrozenDict) for v in value.values())
    ):
        return value
    return FrozenDict({k: freeze(v, depth - 1) for k, v in value.items()})
