"""Outcome labels: what an equilibrium's ``outcomes`` are keyed by.

The modeller labels outcomes (``gt.Outcome(..., label="war")``, ``outcomes=`` of a normal-form
game); where they did not, the library makes a label up here, so that every solver, sweep column
and writer uses the same one:

- an unlabelled leaf of a tree is ``"end:<path key>"`` (``"end:retaliate/accept"``; see
  :mod:`gametheory.games.paths`);
- an unlabelled profile of a normal-form game is its actions joined by ``/`` (``"hold/escalate"``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from .paths import SEP
from .tree import Chance, ContinuousChance, ContinuousDecision, Decision, Node, Outcome, node_paths


class _Tree(Protocol):
    """What :func:`outcome_labels` reads of a game: its root (an ``ExtensiveGame``; a
    protocol, so that this module does not import the game classes that import it)."""

    @property
    def root(self) -> Node: ...


__all__ = [
    "LEAF_PREFIX",
    "is_leaf_default",
    "outcome_label",
    "outcome_labels",
    "profile_label",
]

LEAF_PREFIX = "end:"
"""The prefix of the label made up for an unlabelled leaf."""


def outcome_label(node: Outcome, key: str) -> str:
    """The label of the leaf ``node`` at path key ``key``: its own, else ``"end:<key>"``.

    >>> import gametheory as gt
    >>> outcome_label(gt.Outcome(A=1), "retaliate/accept")
    'end:retaliate/accept'
    >>> outcome_label(gt.Outcome(A=1, label="war"), "retaliate/escalate")
    'war'
    """
    return node.label or f"{LEAF_PREFIX}{key}"


def outcome_labels(game: _Tree | Node) -> list[str]:
    """Every outcome label of a tree (an ``ExtensiveGame`` or its root node), once each, in
    the order of its leaves (depth first, actions in order).

    >>> import gametheory as gt
    >>> tree = gt.Decision("A", {"stop": gt.Outcome(A=0), "go": gt.Outcome(A=1, label="war")})
    >>> outcome_labels(tree)
    ['end:stop', 'war']
    """
    root = (
        game
        if isinstance(game, Decision | Chance | Outcome | ContinuousDecision | ContinuousChance)
        else game.root
    )
    out: dict[str, None] = {}
    for key, node in node_paths(root):
        if isinstance(node, Outcome):
            out.setdefault(outcome_label(node, key))
    return list(out)


def profile_label(profile: Iterable[str]) -> str:
    """The label made up for an unlabelled profile of a normal-form game.

    >>> profile_label(("hold", "escalate"))
    'hold/escalate'
    """
    return SEP.join(profile)


def is_leaf_default(label: str) -> bool:
    """Whether ``label`` is one made up for an unlabelled leaf (not the modeller's).

    >>> is_leaf_default("end:stop"), is_leaf_default("war")
    (True, False)
    """
    return label.startswith(LEAF_PREFIX)
