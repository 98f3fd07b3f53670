"""Gambit's strategic-form format (``.nfg``, version 1): reading and writing.

A file is a header ``NFG 1 R "title" { "player" ... }``, the strategies (``{ { "a" "b" } ... }``
with labels, or ``{ 2 3 }`` with counts only), an optional comment string, then either the
*payoff* body (every player's payoff at every profile) or the *outcome* body (a list of named
outcomes ``{ "name" 1, 2 }`` and one outcome index per profile, ``0`` for none).  Profiles run
with the *first* player's strategy changing fastest.

Mapping to :class:`~gametheory.NormalFormGame`:

- players and strategies keep their labels; empty or repeated ones are renamed as Gambit itself
  does (``""`` becomes ``_1``, a repeated ``x`` becomes ``x_1``, ``x_2``, ...), and count-only
  strategies are ``"1"``, ``"2"``, ... as in Gambit;
- a named outcome becomes the profile's outcome label; an unnamed one (or index ``0``, which pays
  everyone 0) leaves the default label (the actions joined with ``"/"``);
- payoffs are exact: ``1/3`` is a third and a decimal is the rational it denotes (``7.6`` is
  ``38/5``); the title and the comment are not kept.

Writing produces the outcome body, one outcome per profile, named by the profile's label when it
is not the default one (an outcome *lottery*, from a tree's normal form, is not written).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from functools import partial

from ..errors import GameError
from ..games.normal_form import NormalFormGame
from ..games.outcome_labels import profile_label
from ._lexer import Token, TokenStream, normalize_labels, number_text, quote

__all__ = ["parse_nfg", "write_nfg"]


def parse_nfg(stream: TokenStream) -> NormalFormGame:
    """Read a game from the tokens of an ``.nfg`` file (positioned at ``NFG``)."""
    head = stream.expect("symbol", "'NFG'")
    if head.text != "NFG":
        raise stream.error(f"expected 'NFG', found {head.describe()}", head)
    version = stream.expect("number", "the format version (1) after 'NFG'")
    if version.text != "1":
        raise stream.error(
            f"unknown .nfg version {version.text!r}: only version 1 exists ('NFG 1 R ...')",
            version,
        )
    kind = stream.expect("symbol", "the number type ('R' or 'D') after 'NFG 1'")
    if kind.text not in ("R", "D"):
        raise stream.error(f"expected 'R' or 'D' after 'NFG 1', found {kind.describe()}", kind)
    stream.expect("text", "the game's title (a quoted string)")
    players_at = stream.peek()
    raw_players = stream.labels("list of players")
    if not raw_players:
        raise stream.error("the game lists no players", players_at)
    players = normalize_labels(raw_players)
    given = _strategies(stream, players)
    if stream.peek().kind == "text":  # the optional comment
        stream.next()
    shape = tuple(s if isinstance(s, int) else len(s) for s in given)
    start = stream.peek()
    if start.kind == "{":
        rows, names = _outcome_body(stream, players, shape)
    elif start.kind == "number":
        rows, names = _payoff_body(stream, players, shape), {}
    else:
        raise stream.error(
            f"expected the outcomes ('{{') or the payoffs (numbers), found {start.describe()}"
        )
    end = stream.peek()
    if end.kind != "eof":
        raise stream.error(f"expected the end of the file, found {end.describe()}")
    strategies = [[str(i) for i in range(1, s + 1)] if isinstance(s, int) else s for s in given]
    spec = dict(zip(players, strategies, strict=True))
    payoffs = {}
    outcomes = {}
    for k, idx in enumerate(_gambit_order(shape)):
        prof = tuple(strategies[p][i] for p, i in enumerate(idx))
        payoffs[prof] = rows[k]
        if names.get(k):
            outcomes[prof] = names[k]
    try:
        return NormalFormGame(spec, payoffs, outcomes)
    except GameError as exc:  # not expected after the checks above; still name the place
        raise stream.error(str(exc), start) from None


def _strategies(stream: TokenStream, players: list[str]) -> list[list[str] | int]:
    """Each player's strategy labels, or only their number (labels ``"1"``, ``"2"``, ... are
    made once the payoffs are read, so a corrupt count cannot allocate a huge list)."""
    opening = stream.expect("{", "'{' opening the strategies")
    out: list[list[str] | int] = []
    if stream.peek().kind == "{":
        while stream.peek().kind == "{":
            at = stream.peek()
            labels = stream.labels("list of strategies")
            if not labels:
                raise stream.error("a player has an empty list of strategies", at)
            out.append(normalize_labels(labels))
    else:
        while stream.peek().kind == "number":
            at = stream.peek()
            count = stream.count("the number of strategies")
            if count < 1:
                raise stream.error("a player has no strategies (count 0)", at)
            out.append(count)
    closing = stream.expect("}", "'}' closing the strategies")
    if len(out) != len(players):
        raise stream.error(
            f"the strategies are given for {len(out)} player(s), but the game has "
            f"{len(players)} ({', '.join(players)})",
            closing if out else opening,
        )
    return out


def _gambit_order(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Profiles (strategy indices) in file order: the first player's strategy changes fastest."""
    return [idx[::-1] for idx in itertools.product(*(range(s) for s in reversed(shape)))]


def _profile_text(shape: tuple[int, ...], k: int) -> str:
    idx = []
    for s in shape:
        idx.append(str(k % s + 1))
        k //= s
    return "(" + ", ".join(idx) + ")"


def _payoff_body(
    stream: TokenStream, players: list[str], shape: tuple[int, ...]
) -> list[tuple[Fraction, ...]]:
    """Every player's payoff at every profile.  Linear in the file's size: a profile's
    description (as long as the number of players) is written only for an error."""
    n, total = len(players), math.prod(shape)
    rows: list[tuple[Fraction, ...]] = []
    for k in range(total):  # stops at the first token that is not a payoff
        row: list[Fraction] = []
        for p in players:
            tok = stream.peek()
            if tok.kind != "number":
                what = f"payoff of player {p!r} at profile {_profile_text(shape, k)}"
                raise stream.error(
                    f"expected the {what} (number {k * n + len(row) + 1} of {total * n}), "
                    f"found {tok.describe()}"
                )
            row.append(stream.exact(stream.next(), partial(_payoff_name, p, shape, k)))
        rows.append(tuple(row))
    return rows


def _payoff_name(player: str, shape: tuple[int, ...], k: int) -> str:
    return f"payoff of player {player!r} at profile {_profile_text(shape, k)}"


def _outcome_body(
    stream: TokenStream, players: list[str], shape: tuple[int, ...]
) -> tuple[list[tuple[Fraction, ...]], dict[int, str]]:
    stream.expect("{", "'{' opening the outcomes")
    outcomes: list[tuple[str, tuple[Fraction, ...]]] = []
    while stream.peek().kind == "{":
        stream.next()
        name = stream.expect("text", f"the name of outcome {len(outcomes) + 1} (a quoted string)")
        pays = stream.payoffs(players, f"outcome {len(outcomes) + 1}", "}")
        outcomes.append((name.text, pays))
    stream.expect("}", "'{' opening an outcome or '}' closing the outcomes")
    zero = tuple(Fraction(0) for _ in players)
    rows: list[tuple[Fraction, ...]] = []
    names: dict[int, str] = {}
    for k in range(math.prod(shape)):
        tok: Token = stream.peek()
        if tok.kind != "number":
            raise stream.error(
                f"expected the outcome index of profile {_profile_text(shape, k)} "
                f"({k + 1} of {math.prod(shape)}), found {tok.describe()}"
            )
        idx = stream.count("an outcome index")
        if idx > len(outcomes):
            raise stream.error(
                f"outcome index {idx}, but only {len(outcomes)} outcome(s) are listed", tok
            )
        if idx == 0:
            rows.append(zero)
        else:
            names[k], pays = outcomes[idx - 1]
            rows.append(pays)
    return rows, names


def write_nfg(game: NormalFormGame, title: str = "", comment: str = "") -> str:
    """The ``.nfg`` text of a numeric game (outcome body, one outcome per profile)."""
    players = game.players
    shape = game.shape
    lines = [
        f"NFG 1 R {quote(title)} {{ {' '.join(quote(p) for p in players)} }}",
        "",
        "{ " + "\n".join(f"{{ {' '.join(quote(a) for a in game.actions[p])} }}" for p in players),
        "}",
        quote(comment),
        "",
        "{",
    ]
    order = _gambit_order(shape)
    for idx in order:
        prof = tuple(game.actions[p][i] for p, i in zip(players, idx, strict=True))
        flat = 0
        for i, s in zip(idx, shape, strict=True):
            flat = flat * s + i
        pays = ", ".join(
            number_text(v, f"the payoff of {p} at profile {prof}")
            for p, v in zip(players, game.table[flat], strict=True)
        )
        label = game.labels[flat]
        name = "" if label == profile_label(prof) else label
        lines.append(f"{{ {quote(name)} {pays} }}")
    lines.append("}")
    lines.append(" ".join(str(k) for k in range(1, len(order) + 1)))
    return "\n".join(lines) + "\n"
