"""Numbers, ``NAME=VALUE`` pairs and grid ranges on the command line: exact, bounded, one error.

A value is an integer (``5``, ``-2``), a decimal with an optional exponent (``0.3``, ``2.5e-3``)
or a fraction of two integers (``1/3``), read as the exact rational it denotes (``0.1`` is
``1/10``).  Every read is bounded before any big number is built: at most :data:`MAX_CHARS`
characters, an exponent of at most :data:`MAX_EXPONENT` in absolute value, a nonzero value
between ``10**-MAX_EXPONENT`` and ``10**MAX_EXPONENT`` in absolute value (so that it is also a
finite float), a range of at most :data:`MAX_POINTS` values and a grid of at most
:data:`MAX_POINTS` points.  Everything else is a :class:`~gametheory.GameError` whose message
names the argument.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction

from .errors import GameError

__all__ = [
    "MAX_CHARS",
    "MAX_EXPONENT",
    "MAX_POINTS",
    "check_grid_size",
    "parse_count",
    "parse_number",
    "parse_pairs",
    "parse_range",
]

MAX_CHARS = 100
"""Longest number accepted (characters)."""

MAX_EXPONENT = 300
"""Largest power of ten, in absolute value, of an exponent and of a nonzero value."""

MAX_POINTS = 1_000_000
"""Most values in one range, and most points in a whole grid."""

_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE](?P<exp>[-+]?\d+))?", re.ASCII)
_FRACTION = re.compile(r"[-+]?\d+/(?P<den>\d+)", re.ASCII)
_COUNT = re.compile(r"\+?\d+", re.ASCII)
_SYNTAX = "use an integer, a decimal or a fraction: 5, -0.3, 2.5e-3, 1/3"
_LOW = Fraction(1, 10**MAX_EXPONENT)
_HIGH = Fraction(10**MAX_EXPONENT)


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def parse_number(text: str, where: str) -> Fraction:
    """The exact rational that ``text`` denotes.

    Parameters
    ----------
    text
        The number as typed: ``5``, ``-0.3``, ``2.5e-3`` or ``1/3`` (surrounding spaces allowed).
    where
        The argument it came from, for messages, e.g. ``"--at c=1/0"``.

    Raises
    ------
    GameError
        Not one of those forms, longer than :data:`MAX_CHARS`, a zero denominator, an exponent
        or a magnitude beyond ``10**±MAX_EXPONENT``; the message names ``where``.

    Examples
    --------
    >>> parse_number("0.1", "--at c=0.1")
    Fraction(1, 10)
    >>> parse_number("1/0", "--at c=1/0")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: in --at c=1/0: '1/0' divides by zero
    """
    s = text.strip()
    if len(s) > MAX_CHARS:
        raise GameError(f"in {where}: {_shown(s)} is longer than {MAX_CHARS} characters; {_SYNTAX}")
    ratio = _FRACTION.fullmatch(s)
    decimal = None if ratio else _DECIMAL.fullmatch(s)
    if ratio is None and decimal is None:
        raise GameError(f"in {where}: {_shown(s)} is not a number; {_SYNTAX}")
    if ratio is not None and int(ratio["den"]) == 0:
        raise GameError(f"in {where}: {_shown(s)} divides by zero")
    if decimal is not None and decimal["exp"] is not None:
        digits = decimal["exp"].lstrip("+-").lstrip("0")
        if len(digits) > len(str(MAX_EXPONENT)) or (digits and int(digits) > MAX_EXPONENT):
            raise GameError(f"in {where}: {_shown(s)} has an exponent beyond ±{MAX_EXPONENT}")
    value = Fraction(s)  # bounded: at most MAX_CHARS digits times 10**MAX_EXPONENT
    if value and not _LOW <= abs(value) <= _HIGH:
        size = "large" if abs(value) > _HIGH else "small"
        raise GameError(
            f"in {where}: {_shown(s)} is too {size}: a nonzero value lies between "
            f"1e-{MAX_EXPONENT} and 1e{MAX_EXPONENT} in absolute value"
        )
    return value


def parse_count(text: str, where: str, limit: int = MAX_POINTS) -> int:
    """A whole number from 1 to ``limit`` (the NUM of ``START:STOP:NUM``)."""
    s = text.strip()
    if not _COUNT.fullmatch(s):
        raise GameError(f"in {where}: NUM must be a positive whole number, got {_shown(s)}")
    digits = s.lstrip("+").lstrip("0")
    if len(digits) > len(str(limit)) or int(digits or "0") > limit:
        raise GameError(f"in {where}: NUM is {_shown(s)}, more than the limit of {limit:,} values")
    if not digits:
        raise GameError(f"in {where}: NUM must be a positive whole number, got {_shown(s)}")
    return int(digits)


def parse_range(text: str, where: str) -> tuple[Fraction, Fraction, int]:
    """``START:STOP:NUM`` as exact ends and a count from 1 to :data:`MAX_POINTS`."""
    parts = text.split(":")
    if len(parts) != 3:
        raise GameError(f"in {where}: use START:STOP:NUM (e.g. 0:10:101) or one value")
    return (
        parse_number(parts[0], where),
        parse_number(parts[1], where),
        parse_count(parts[2], where),
    )


def parse_pairs(items: Iterable[str], option: str, usage: str) -> dict[str, str]:
    """``NAME=VALUE`` items as ``{name: value text}``, in order.

    Raises
    ------
    GameError
        An item without ``=``, a name or a value (the message is ``usage`` and the item), or a
        name given twice (``c=5 c=6``; the message names ``option``, the name and both items).
    """
    out: dict[str, str] = {}
    first: dict[str, str] = {}
    for item in items:
        name, sep, value = (part.strip() for part in item.partition("="))
        if not sep or not name or not value:
            raise GameError(f"{usage}, got {_shown(item)}")
        if name in out:
            raise GameError(
                f"{option}: parameter {name} is given twice ({_shown(first[name])} and "
                f"{_shown(item)}); "
                "give each parameter once"
            )
        out[name], first[name] = value, item
    return out


def check_grid_size(counts: Sequence[int]) -> None:
    """Refuse a grid of more than :data:`MAX_POINTS` points (the product of ``counts``)."""
    total = math.prod(counts)
    if total > MAX_POINTS:
        raise GameError(
            f"the grid has {' x '.join(map(str, counts))} = {total:,} points, more than "
            f"the limit of {MAX_POINTS:,}; use fewer values per parameter"
        )
