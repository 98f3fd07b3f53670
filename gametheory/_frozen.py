"""A read-only, hashable dict for fields of frozen dataclasses."""

from __future__ import annotations

__all__ = ["FrozenDict"]


class FrozenDict(dict):
    """A dict that refuses mutation and hashes by its items (values must be hashable)."""

    def _readonly(self, *args: object, **kw: object) -> None:
        raise TypeError("this mapping is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self.items()))

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[object, object]]]:
        # pickle (and copy) rebuild through the constructor: the default dict-subclass protocol
        # would refill the mapping item by item, which a read-only mapping refuses
        return (type(self), (dict(self),))
