"""The space a game tree is solved in: the user's, narrowed to where its chance moves are
probability distributions."""

from __future__ import annotations

import sympy as sp

from ..conditions import Atom, reduce
from ..diagnostics import Caveat
from ..errors import InvalidGameError
from ..games.extensive import ExtensiveGame, chance_conditions
from ..games.tree import Chance, node_paths
from ..params import ParameterSpace
from ..space_resolution import resolve_space  # its home; re-exported here for old imports

__all__ = ["probability_notes", "resolve_space", "tree_space"]


def tree_space(game: ExtensiveGame, space: ParameterSpace | None) -> ParameterSpace:
    """``space`` (resolved as :func:`~gametheory.space_resolution.resolve_space` does) with the
    tree's probability conditions (:attr:`ExtensiveGame.conditions`) added as constraints.

    Each chance node's symbolic probabilities must lie in [0, 1] and sum to 1; the conditions
    the space does not already imply become constraints (an equality ``2*p == 1`` as the two
    inequalities ``2*p >= 1`` and ``2*p <= 1``), so every equilibrium found in the returned space
    exists only where the game is a game, and ``Solution.at`` refuses a point where it is not.
    The space is returned unchanged (the same object) when it implies them all.  Conditions
    that use a continuous decision's variable stay with the solver.

    Raises
    ------
    InvalidGameError
        When the space provably excludes every point where the probabilities form
        distributions, naming the chance node(s).
    """
    space = resolve_space(game.parameters, space)
    if not game.conditions:
        return space
    known = set(space.symbols)
    nodes: list[str] = []
    added: list[Atom] = []
    for path, node in node_paths(game.root):
        if not isinstance(node, Chance):
            continue
        conds = [c for c in chance_conditions(node, path) if c.free_symbols <= known]
        if not conds:
            continue
        region = reduce(conds, space, effort=0)
        if region.is_empty:
            raise InvalidGameError(
                f"the chance probabilities at node {path} "
                f"({', '.join(f'{b}: {q}' for b, (q, _) in node.branches.items())}) form a "
                f"distribution nowhere in the parameter space ({space}): "
                f"{' and '.join(dict.fromkeys(_show(c) for c in conds))} cannot all hold"
            )
        if region.atoms:
            nodes.append(path)
            added.extend(region.atoms)
    if not added:
        return space
    if len(nodes) > 1 and reduce(added, space, effort=0).is_empty:
        raise InvalidGameError(
            f"the chance probabilities at nodes {', '.join(nodes)} cannot all form "
            f"distributions at one point of the parameter space ({space})"
        )
    constraints = list(space.constraints)
    for a in added:
        for rel in _inequalities(a):
            if rel not in constraints:
                constraints.append(rel)
    return space.with_constraints(constraints)


def probability_notes(game: ExtensiveGame) -> tuple[Caveat, ...]:
    """One diagnostic for a solution when the tree's probabilities sum to 1 only on a
    lower-dimensional set of parameters (an equality such as ``2*p == 1``), else nothing."""
    params = set(game.parameters)
    equalities = [
        c for c in game.conditions if isinstance(c, sp.Equality) and c.free_symbols <= params
    ]
    if not equalities:
        return ()
    return (Caveat("narrowed", equalities=tuple(equalities)),)


def _inequalities(a: Atom) -> list[sp.Basic]:
    if a.op == "==":
        return [Atom(a.expr, ">=").as_relational(), Atom(-a.expr, ">=").as_relational()]
    return [a.as_relational()]


def _show(c: sp.Basic) -> str:
    """A condition as text, an equality as ``lhs = rhs`` (sympy prints ``Eq(lhs, rhs)``)."""
    return f"{c.lhs} = {c.rhs}" if isinstance(c, sp.Equality) else str(c)
