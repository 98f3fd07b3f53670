"""Round trips: ``read_gambit(game.to_gambit()) == game`` for random normal forms and random
trees (chance, information sets, outcome labels, awkward labels), and our files read by pygambit
(from a temporary file) describe the same game and have the same equilibria."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.testing import strategies as gst

from .gambit_helpers import (
    mixed_equilibria_gambit,
    mixed_equilibria_ours,
    plan_bound,
    pure_payoffs_gambit,
    pure_payoffs_ours,
    same_normal_form,
    same_tree,
)

PLAYERS = ("Ann", "Bob", "Cy")
# labels pygambit accepts (printable ASCII, no leading, trailing or double spaces) ...
SAFE = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,5}", fullmatch=True)
# ... and labels only our reader needs to survive: quotes, backslashes, newlines, non-ASCII
AWKWARD = st.text(st.sampled_from('ab "\\\n\té-_{},0'), min_size=1, max_size=5)


@st.composite
def trees(
    draw: st.DrawFn, labels: st.SearchStrategy[str] = SAFE, n_players: int = 2, depth: int = 3
) -> gt.ExtensiveGame:
    """Small finite trees: decisions, chance with exact probabilities (zero included), terminal
    payoffs with optional labels, and information sets.  A "hidden" move is a move (a player's or
    chance's) after which another player chooses without seeing it: one information set across
    the branches, as in simultaneous-move and signalling games.  Information sets are also
    reused at random between nodes of the same player and actions that are not on one path."""
    players = PLAYERS[:n_players]
    infosets: dict[str, tuple[str, tuple[str, ...]]] = {}

    def actions() -> tuple[str, ...]:
        return tuple(draw(st.lists(labels, min_size=1, max_size=3, unique=True)))

    def move(level: int, above: frozenset[str], child: Any) -> Any:
        """A decision or a chance node whose subtrees ``child(level + 1)`` builds."""
        if draw(st.booleans()):
            names = actions()
            weights = draw(st.lists(st.integers(0, 3), min_size=len(names), max_size=len(names)))
            weights[0] = weights[0] or int(sum(weights) == 0)
            total = sum(weights)
            return gt.Chance(
                {b: (sp.Rational(w, total), child()) for b, w in zip(names, weights, strict=True)}
            )
        tag = draw(st.sampled_from(["h1", "h2", None])) if level else None
        if tag in above:
            tag = None
        if tag in infosets:
            player, acts = infosets[tag]
        else:
            player, acts = draw(st.sampled_from(players)), actions()
            if tag is not None:
                infosets[tag] = (player, acts)
        inner = above | {tag} if tag else above
        return gt.Decision(player, {a: child(inner) for a in acts}, infoset=tag)

    def node(level: int, above: frozenset[str]) -> Any:
        kind = draw(
            st.sampled_from(["move", "hidden"] if level == 0 else ["end", "move", "hidden"])
        )
        if kind == "end" or level >= depth:
            label = draw(st.none() | labels)
            pays = draw(st.tuples(*[gst.rational_payoffs(max_denominator=3)] * len(players)))
            return gt.Outcome(label, **dict(zip(players, pays, strict=True)))
        if kind == "move":
            return move(level, above, lambda inner=above: node(level + 1, inner))
        tag = f"hidden{len(infosets)}"
        infosets[tag] = (draw(st.sampled_from(players)), actions())
        player, acts = infosets[tag]

        def after(seen: frozenset[str] = above) -> Any:
            inner = seen | {tag}
            return gt.Decision(player, {a: node(level + 2, inner) for a in acts}, infoset=tag)

        return move(level, above, after)

    return gt.ExtensiveGame(node(0, frozenset()), players=players)


def _pygambit(text: str, suffix: str) -> Any:
    """pygambit's reading of our text, from a temporary file as a user would do it."""
    gbt = pytest.importorskip("pygambit")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"game{suffix}"
        path.write_text(text, encoding="utf-8")
        return gbt.read_nfg(str(path)) if suffix == ".nfg" else gbt.read_efg(str(path))


@settings(max_examples=60)
@given(
    st.one_of(
        gst.normal_form_games(gst.rational_payoffs()),
        gst.normal_form_games(n_players=3, max_actions=3),
    ),
    st.data(),
)
def test_normal_form_round_trip_is_the_identity(game: gt.NormalFormGame, data: Any) -> None:
    names = data.draw(
        st.lists(AWKWARD, min_size=len(game.players), max_size=len(game.players), unique=True)
    )
    actions = {
        p: dict(
            zip(
                game.actions[p],
                data.draw(st.lists(AWKWARD, min_size=n, max_size=n, unique=True)),
                strict=True,
            )
        )
        for p, n in zip(game.players, game.shape, strict=True)
    }
    game = game.relabel(dict(zip(game.players, names, strict=True)), actions)
    outcomes = {prof: data.draw(AWKWARD) for prof in game.profiles() if data.draw(st.booleans())}
    game = gt.NormalFormGame(
        {p: game.actions[p] for p in game.players},
        {prof: row for prof, row in zip(game.profiles(), game.table, strict=True)},
        outcomes,
    )
    text = game.to_gambit(title=data.draw(AWKWARD))
    assert gt.read_gambit(text) == game
    assert gt.read_gambit(text).to_gambit(title="x") == game.to_gambit(title="x")


@settings(max_examples=60)
@given(st.integers(1, 3).flatmap(lambda n: trees(AWKWARD, n_players=n)))
def test_tree_round_trip_is_the_identity(game: gt.ExtensiveGame) -> None:
    text = game.to_gambit()
    back = gt.read_gambit(text)
    assert back == game
    assert back.to_gambit() == text  # the same order too (dict equality ignores it)


@settings(max_examples=30)
@given(gst.normal_form_games(gst.rational_payoffs(), max_actions=4))
def test_pygambit_reads_our_normal_form_and_finds_our_equilibria(game: gt.NormalFormGame) -> None:
    theirs = _pygambit(game.to_gambit(), ".nfg")
    same_normal_form(game, theirs)
    assert mixed_equilibria_ours(game) == mixed_equilibria_gambit(game, theirs)


@settings(max_examples=30)
@given(st.integers(2, 3).flatmap(lambda n: trees(SAFE, n_players=n)))
def test_pygambit_reads_our_tree_and_finds_our_equilibria(game: gt.ExtensiveGame) -> None:
    theirs = _pygambit(game.to_gambit(), ".efg")
    same_tree(game, theirs)
    if not theirs.is_perfect_recall or plan_bound(game) > 256:
        return  # pygambit solves perfect-recall games only; and keep the examples quick
    if len(game.players) == 2:
        assert mixed_equilibria_ours(game) == mixed_equilibria_gambit(game, theirs)
    else:
        assert pure_payoffs_ours(game) == pure_payoffs_gambit(theirs)
