"""The sequence form of a two-player tree as data (:func:`.sequence_form.sequence_form` builds it;
:mod:`._sequence_lcp` and :mod:`._sequence_enum` solve it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["Seq", "SequenceForm"]

Seq = tuple[str, str]
"""A non-empty sequence: its last (information set, action) pair."""


@dataclass(frozen=True)
class SequenceForm:
    """The sequence form of a numeric two-player tree with perfect recall, in exact rationals.

    Attributes
    ----------
    players
        The two players.
    sequences
        Each player's sequences: ``None`` (the empty sequence) first, then
        ``(information set, action)`` pairs, information sets in order of first appearance.
    parents
        Each player's ``{information set: index of the sequence leading to it}``.
    constraints
        Each player's constraint matrix (``E`` and ``F``): row 0 is ``x[empty] = 1``, row
        ``k >= 1`` is the ``k``-th information set's ``-x[parent] + sum_a x[(h, a)] = 0``.
    payoffs
        Each player's payoff matrix as ``{(i, j): value}`` over sequence pairs (absent: 0).
    reach
        ``{(i, j): chance probability}`` of the leaves each sequence pair leads to.
    """

    players: tuple[str, str]
    sequences: tuple[tuple[Seq | None, ...], tuple[Seq | None, ...]]
    parents: tuple[Mapping[str, int], Mapping[str, int]]
    constraints: tuple[tuple[tuple[Fraction, ...], ...], tuple[tuple[Fraction, ...], ...]]
    payoffs: tuple[Mapping[tuple[int, int], Fraction], Mapping[tuple[int, int], Fraction]]
    reach: Mapping[tuple[int, int], Fraction]

    @property
    def lcp_size(self) -> int:
        """The number of variables of the LCP solved for an equilibrium."""
        n1, n2 = (len(s) for s in self.sequences)
        m1, m2 = (len(c) for c in self.constraints)
        return n1 + n2 + 2 * (m1 + m2)
