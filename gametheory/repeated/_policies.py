"""A player's deterministic stationary policies against the others' automata (its MDP's)."""

from __future__ import annotations

from collections.abc import Iterator

from . import _mdp

__all__ = ["deterministic", "policies"]


def deterministic(mdp: _mdp.MDP) -> bool:
    """Whether the others play pure actions and move deterministically in every state."""
    return all(
        len(lot) == 1 and next(iter(lot.values())) == 1 for lot in mdp.move.values()
    ) and all(len(w) == 1 for w in mdp.weights.values())


def policies(mdp: _mdp.MDP) -> Iterator[tuple[str, ...]]:
    """Every deterministic policy, told apart only on the states it reaches from the start
    (elsewhere it plays the first action)."""
    n = len(mdp.states)

    def extend(policy: dict[int, str], frontier: list[int]) -> Iterator[tuple[str, ...]]:
        todo = [k for k in frontier if k not in policy]
        if not todo:
            yield tuple(policy.get(k, mdp.actions[0]) for k in range(n))
            return
        k, rest = todo[0], todo[1:]
        for b in mdp.actions:
            policy[k] = b
            nxt = [t for t in mdp.move[(k, b)] if t not in policy and t not in rest]
            yield from extend(policy, rest + nxt)
            del policy[k]

    yield from extend({}, [0])
