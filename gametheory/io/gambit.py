"""Reading and writing Gambit's ``.nfg`` and ``.efg`` files.

``read_gambit`` takes a path, the file's text or its bytes and returns a
:class:`~gametheory.NormalFormGame` (``.nfg``) or an :class:`~gametheory.ExtensiveGame`
(``.efg``); ``to_gambit`` (also ``game.to_gambit()``) writes one.  Numbers are exact both ways.
How labels and numbers map is documented in :mod:`gametheory.io.gambit_nfg` and
:mod:`gametheory.io.gambit_efg`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import UnsupportedGameError
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ._lexer import TokenStream, decode, tokenize
from .gambit_efg import parse_efg, write_efg
from .gambit_nfg import parse_nfg, write_nfg

__all__ = ["read_gambit", "to_gambit"]

_HEADER = re.compile(r"\ufeff?\s*(NFG|EFG)\s")


def read_gambit(
    source: str | os.PathLike[str] | bytes | bytearray,
) -> NormalFormGame | ExtensiveGame:
    """A game from a Gambit ``.nfg`` or ``.efg`` file.

    Parameters
    ----------
    source
        A path (``str`` or :class:`pathlib.Path`), the file's text (a ``str`` that starts with
        ``NFG`` or ``EFG``, or any ``str`` that is not the name of an existing file), or the
        file's bytes (UTF-8).

    Returns
    -------
    NormalFormGame or ExtensiveGame
        By the file's header: ``NFG 1`` (payoff or outcome body) or ``EFG 2``.

    Raises
    ------
    GambitFormatError
        The file is malformed: its message starts with the line and column (and the path when
        read from one), e.g. a truncated file, a wrong version, a payoff that is not a number,
        an outcome or information set defined twice differently, chance probabilities that do
        not sum to 1, bytes that are not UTF-8, a file that is not a Gambit game at all, or a
        limit that keeps reading linear in the file's size (an exponent beyond 1000, a tree
        deeper than 400 levels, exact sums with denominators beyond ``MAX_SUM_BITS`` bits).
    OSError
        A :class:`pathlib.Path` that cannot be read (a ``str`` that names no file is read as
        the file's text, and its error says that there is no such file).

    Examples
    --------
    >>> g = read_gambit('NFG 1 R "" { "A" "B" } { 2 2 }  1 1  0 0  0 0  2 2')
    >>> g.payoff(("2", "2"))
    {'A': 2, 'B': 2}
    """
    text, name = _text(source)
    stream = TokenStream(tokenize(text, name), name)
    head = stream.peek()
    if head.kind == "symbol" and head.text == "NFG":
        return parse_nfg(stream)
    if head.kind == "symbol" and head.text == "EFG":
        return parse_efg(stream)
    if name is not None:  # a file that exists but holds something else
        found = "it is empty" if head.kind == "eof" else f"it starts with {head.describe()}"
        raise stream.error(
            f"this file is not a Gambit game: a .nfg or .efg file starts with 'NFG' or 'EFG', "
            f"but {found}"
        )
    raise stream.error(
        f"expected a Gambit file starting with 'NFG' or 'EFG', found {head.describe()}"
        f"{_not_a_file(source)}"
    )


def _not_a_file(source: object) -> str:
    """Why a one-line ``str`` given as the file's text was not read as a path."""
    if not isinstance(source, str) or "\n" in source:
        return ""
    shown = source[:80]
    try:
        folder = Path(source).is_dir()
    except (OSError, ValueError):  # a name the OS refuses (too long, a NUL byte)
        folder = False
    if folder:
        return f" ({shown!r} is a folder, not a file)"
    return f" (and there is no file named {shown!r})"


def _text(source: object) -> tuple[str, str | None]:
    """The text to parse and the file's name (for messages), from any accepted source."""
    if isinstance(source, bytes | bytearray):
        return decode(bytes(source)), None
    if isinstance(source, os.PathLike):
        path = Path(source)
        return decode(path.read_bytes(), str(path)), str(path)
    if not isinstance(source, str):
        raise UnsupportedGameError(
            f"read_gambit needs a path, the file's text or its bytes; got {type(source).__name__}"
        )
    if not _HEADER.match(source) and _is_file(source):
        return decode(Path(source).read_bytes(), source), source
    return source.removeprefix("\ufeff"), None


def _is_file(name: str) -> bool:
    if "\n" in name or not name.strip() or len(name) > 4096:
        return False
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # a name the OS refuses (too long, a NUL byte)
        return False


def to_gambit(game: object, title: str = "", comment: str = "") -> str:
    """The Gambit file text of a numeric game: ``.nfg`` for a :class:`NormalFormGame`, ``.efg``
    for an :class:`ExtensiveGame` (also ``game.to_gambit()``).

    Raises
    ------
    UnsupportedGameError
        A payoff or probability that is symbolic (substitute a point first:
        ``game.at(...).to_gambit()``) or irrational, a continuous decision, or another object.
    """
    if isinstance(game, NormalFormGame):
        return write_nfg(game, title, comment)
    if isinstance(game, ExtensiveGame):
        return write_efg(game, title, comment)
    raise UnsupportedGameError(
        f"to_gambit writes a NormalFormGame or an ExtensiveGame, not {type(game).__name__}"
    )
