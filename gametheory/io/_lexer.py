"""Tokens of Gambit's text formats, exact numbers, labels, and errors that name line and column.

Gambit's ``.nfg`` and ``.efg`` files are whitespace-separated tokens: quoted strings (``\\"``
escapes a quote), numbers (integers, ``p/q`` rationals, decimals with an optional exponent),
braces, commas and bare symbols (``NFG``, ``R``, ``p``, ``c``, ``t``).  Numbers are read exactly:
a decimal is the rational it denotes (``0.1`` is ``1/10``), never a float.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from ..errors import GambitFormatError, UnsupportedGameError

__all__ = [
    "MAX_SUM_BITS",
    "Token",
    "TokenStream",
    "decode",
    "normalize_labels",
    "number_text",
    "quote",
    "shown_list",
    "shown_number",
    "tokenize",
]

_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<lbrace>\{)|(?P<rbrace>\})|(?P<comma>,)
    |(?P<text>"(?:[^"\\]|\\.)*")
    |(?P<number>[-+.0-9][-+./0-9eE]*)
    |(?P<symbol>[^\s{}",]+)""",
    re.X | re.S,
)
_KINDS = {"lbrace": "{", "rbrace": "}", "comma": ","}
_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\Z", re.ASCII)
_RATIO = re.compile(r"[-+]?\d+/\d+\Z", re.ASCII)
_UNESCAPE = re.compile(r'\\(["\\])')
_MAX_EXPONENT = 1000  # 10**1000 is already absurd for a payoff; larger exponents would stall
MAX_SUM_BITS = 1 << 15
"""Largest denominator (in bits, about 9,900 digits) of a sum the readers form (chance
probabilities, outcomes added along a path): any one number fits, and so does any sum of
decimals, but many large coprime denominators would make exact sums slow without bound."""


@dataclass(frozen=True)
class Token:
    """One token: ``kind`` is ``"number"``, ``"text"``, ``"symbol"``, ``"{"``, ``"}"``, ``","``
    or ``"eof"``; ``text`` is the unquoted text; ``line`` and ``column`` count from 1."""

    kind: str
    text: str
    line: int
    column: int

    def describe(self) -> str:
        """The token as an error message shows it."""
        if self.kind == "eof":
            return "the end of the file"
        shown = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return f"the string {shown!r}" if self.kind == "text" else repr(shown)


def tokenize(text: str, source: str | None = None) -> list[Token]:
    """The tokens of ``text``, ending with an ``"eof"`` token."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(pos: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, pos)
        return line, pos - starts[line - 1] + 1

    out: list[Token] = []
    pos, end = 0, len(text)
    while pos < end:
        m = _TOKEN.match(text, pos)
        if m is None:  # only an unterminated string matches nothing
            line, col = where(pos)
            raise GambitFormatError(
                "a string is never closed (no matching '\"')", line, col, source
            )
        kind = m.lastgroup or "symbol"
        if kind != "space":
            line, col = where(pos)
            raw = m.group()
            if kind == "text":
                out.append(Token("text", _UNESCAPE.sub(r"\1", raw[1:-1]), line, col))
            else:
                out.append(Token(_KINDS.get(kind, kind), raw, line, col))
        pos = m.end()
    line, col = where(end)
    out.append(Token("eof", "", line, col))
    return out


class TokenStream:
    """A cursor over tokens that raises :class:`GambitFormatError` at the offending token."""

    def __init__(self, tokens: list[Token], source: str | None = None) -> None:
        self.tokens = tokens
        self.pos = 0
        self.source = source

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def next(self) -> Token:
        tok = self.tokens[self.pos]
        if tok.kind != "eof":
            self.pos += 1
        return tok

    def error(self, message: str, token: Token | None = None) -> GambitFormatError:
        tok = token if token is not None else self.peek()
        return GambitFormatError(message, tok.line, tok.column, self.source)

    def expect(self, kind: str, what: str) -> Token:
        tok = self.next()
        if tok.kind != kind:
            raise self.error(f"expected {what}, found {tok.describe()}", tok)
        return tok

    def accept(self, kind: str) -> bool:
        if self.peek().kind == kind:
            self.pos += 1
            return True
        return False

    def number(self, what: str) -> Fraction:
        """The next token as an exact number."""
        tok = self.expect("number", what)
        return self.exact(tok, what)

    def exact(self, tok: Token, what: str | Callable[[], str]) -> Fraction:
        """``tok`` as an exact number; ``what`` names it in errors (a function is called only
        for an error, so that a long description costs nothing per number)."""
        text = tok.text
        shown = text if len(text) <= 40 else text[:37] + "..."

        def fail(problem: str) -> GambitFormatError:
            return self.error(f"{what() if callable(what) else what} {shown!r} {problem}", tok)

        ratio = _RATIO.match(text) is not None
        if not ratio and not _DECIMAL.match(text):
            raise fail("is not a number")
        if ratio and text.split("/")[1].strip("0") == "":
            raise fail("divides by zero")
        exponent = "" if ratio else text.lower().partition("e")[2].lstrip("+-").lstrip("0")
        if len(exponent) > len(str(_MAX_EXPONENT)) or (exponent and int(exponent) > _MAX_EXPONENT):
            raise fail(f"has an exponent beyond ±{_MAX_EXPONENT}")
        try:
            return Fraction(text)
        except ValueError as exc:  # more digits than int() converts
            raise fail(f"cannot be read: {exc}") from None

    def count(self, what: str) -> int:
        """The next token as a whole number (an index or an id)."""
        tok = self.expect("number", what)
        if not re.fullmatch(r"\+?\d{1,9}", tok.text, re.ASCII):
            raise self.error(f"{what} must be a whole number, found {tok.text!r}", tok)
        return int(tok.text)

    def payoffs(self, players: Sequence[str], where: str, closing: str) -> tuple[Fraction, ...]:
        """One payoff per player (commas between them optional), then the ``closing`` token."""
        out = []
        for p in players:
            tok = self.peek()
            if tok.kind != "number":
                raise self.error(
                    f"expected the payoff of player {p!r} in {where} ({len(players)} players), "
                    f"found {tok.describe()}"
                )
            out.append(self.exact(self.next(), f"payoff of player {p!r} in {where}"))
            self.accept(",")
        tok = self.peek()
        if tok.kind != closing:
            raise self.error(
                f"expected {closing!r} after the {len(players)} payoffs of {where}, "
                f"found {tok.describe()}"
            )
        self.next()
        return tuple(out)

    def labels(self, what: str) -> list[str]:
        """A braced list of strings: ``{ "a" "b" }``."""
        self.expect("{", f"'{{' opening the {what}")
        out = []
        while self.peek().kind == "text":
            out.append(self.next().text)
        self.expect("}", f"a string or '}}' closing the {what}")
        return out


def shown_number(x: Fraction) -> str:
    """A number as an error message shows it: ``p/q``, or its size when it has more digits
    than a message should hold (or than ``str`` converts)."""
    num, den = x.numerator, x.denominator
    if max(num.bit_length(), den.bit_length()) <= 200:  # up to about 60 digits
        return str(x)
    digits = [int(abs(n).bit_length() * 0.30103) + 1 for n in (num, den)]
    if den == 1:
        return f"an integer of about {digits[0]} digits"
    return f"a fraction of about {digits[0]} / {digits[1]} digits"


def shown_list(items: Sequence[object], limit: int = 8) -> str:
    """``[a, b, ...]`` for a message: numbers by :func:`shown_number`, at most ``limit`` items."""
    parts = [shown_number(v) if isinstance(v, Fraction) else repr(v) for v in items[:limit]]
    more = f", ... ({len(items)} in all)" if len(items) > limit else ""
    return "[" + ", ".join(parts) + more + "]"


def decode(data: bytes, source: str | None = None) -> str:
    """UTF-8 text of a file's bytes (a leading byte-order mark dropped); a byte that is not UTF-8
    raises :class:`GambitFormatError` at its line and column."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8", errors="replace")) + 1
        raise GambitFormatError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
            "save it as UTF-8 or pass its text",
            line,
            column,
            source,
        ) from None
    return text.removeprefix("\ufeff")


def normalize_labels(labels: Sequence[str]) -> list[str]:
    """Labels made unique and non-empty the way Gambit does it: a label that is empty or repeated
    becomes ``label_1``, ``label_2``, ... (an empty one ``_1``, ``_2``, ...), skipping suffixes
    already in use."""
    counts = Counter(labels)
    used = set(labels)
    visited: Counter[str] = Counter()
    out = []
    for label in labels:
        if counts[label] == 1 and label:
            out.append(label)
            continue
        while True:
            visited[label] += 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out


def quote(label: str) -> str:
    """A label as a Gambit string: quotes escaped, and a backslash doubled where it precedes a
    quote, another backslash or the closing quote (so it reads back unchanged)."""
    out = []
    for k, ch in enumerate(label):
        if ch == '"':
            out.append('\\"')
        elif ch == "\\" and (k + 1 == len(label) or label[k + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def number_text(value: sp.Expr, what: str) -> str:
    """A number as Gambit writes it: an integer, ``p/q``, or a float's shortest decimal.

    Raises :class:`UnsupportedGameError` for a symbolic or irrational value, naming ``what``.
    """
    if value.is_Integer or value.is_Rational:
        return str(value)
    if isinstance(value, sp.Float):
        return repr(float(value))
    if value.free_symbols:
        raise UnsupportedGameError(
            f"{what} is {value}, which is symbolic: a Gambit file holds numbers. "
            "Write the game at a parameter point, e.g. game.at(...).to_gambit()"
        )
    raise UnsupportedGameError(
        f"{what} is {value}, which is not rational: a Gambit file holds exact rationals or "
        "decimals. Substitute a rational approximation first (e.g. game.map_payoffs(...))"
    )
