"""Node paths: how a node of a game tree is named.

A node's *path key* is the actions (and chance branches) from the root to it joined by ``/``
(``"retaliate/escalate"``); the root's is ``"root"``.  Action and branch labels never contain
``/`` (the tree validates that), so a key reads back into its path.  Every module that names
nodes (solvers, certificates, writers, error messages) builds the key here.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ROOT", "SEP", "child_key", "is_within", "path_key", "path_of"]

ROOT = "root"
"""The root's path key."""

SEP = "/"
"""What separates the labels of a path key."""


def path_key(path: Iterable[str]) -> str:
    """The key of the node reached by ``path`` (a sequence of action and branch labels).

    >>> path_key(("retaliate", "escalate")), path_key(())
    ('retaliate/escalate', 'root')
    """
    return SEP.join(path) or ROOT


def child_key(key: str, label: str) -> str:
    """The key of the child reached from the node ``key`` along the edge ``label``.

    >>> child_key("root", "retaliate"), child_key("retaliate", "escalate")
    ('retaliate', 'retaliate/escalate')
    """
    return label if key == ROOT else f"{key}{SEP}{label}"


def path_of(key: str) -> tuple[str, ...]:
    """The labels of a path key, the inverse of :func:`path_key`.

    >>> path_of("retaliate/escalate"), path_of("root")
    (('retaliate', 'escalate'), ())
    """
    return () if key == ROOT else tuple(key.split(SEP))


def is_within(key: str, top: str) -> bool:
    """Whether the node ``key`` is ``top`` or below it (in the subtree rooted at ``top``).

    >>> is_within("retaliate/escalate", "retaliate"), is_within("retaliation", "retaliate")
    (True, False)
    """
    return top == ROOT or key == top or key.startswith(top + SEP)
