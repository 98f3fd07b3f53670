"""Input checks of ``gt.qre`` / ``gt.qre_branch`` (private): the game made numeric and finite,
the precision and the tolerance validated, each refusal a GameError naming the culprit."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Any

from ..errors import GameError, MissingParameterError, UnsupportedGameError
from ..games.extensive import ExtensiveGame, require_perfect_recall
from ..games.normal_form import NormalFormGame
from ..games.signaling import SignalingGame
from ..games.tree import ContinuousChance, ContinuousDecision, node_paths
from ._qre_system import AgentSystem, agent_system

__all__ = ["check_lam", "check_tol", "prepare"]


def check_lam(lam: object, name: str) -> float:
    if isinstance(lam, bool) or not isinstance(lam, numbers.Real):
        raise GameError(f"qre(): {name} must be a real number >= 0 (or math.inf), got {lam!r}")
    value = float(lam)
    if math.isnan(value) or value < 0:
        raise GameError(f"qre(): {name} must be a real number >= 0 (or math.inf), got {lam!r}")
    return value


def check_tol(tol: object) -> float:
    ok = isinstance(tol, numbers.Real) and not isinstance(tol, bool)
    value = float(tol) if ok else math.nan  # type: ignore[arg-type]
    if not (value > 0 and math.isfinite(value)):
        raise GameError(f"qre(): tol must be a positive finite number, got {tol!r}")
    return value


def prepare(game: object, at: Mapping[Any, object] | None) -> tuple[Any, AgentSystem]:
    if isinstance(game, SignalingGame):
        game = game.game
    if not isinstance(game, NormalFormGame | ExtensiveGame):
        raise UnsupportedGameError(
            f"qre() needs a NormalFormGame or a game tree (ExtensiveGame, SignalingGame), got "
            f"{type(game).__name__}"
        )
    if at is not None:
        game = game.at(at)
    if game.parameters:
        names = ", ".join(str(s) for s in game.parameters)
        raise MissingParameterError(
            f"qre() is numeric: the game has parameters ({names}); give their values with "
            f"at={{...}} or solve game.at(...)"
        )
    if isinstance(game, ExtensiveGame):
        for path, node in node_paths(game.root):
            if isinstance(node, ContinuousDecision | ContinuousChance):
                raise UnsupportedGameError(
                    f"qre() needs a finite tree; the node at {path!r} is a continuous "
                    f"{'choice' if isinstance(node, ContinuousDecision) else 'type draw'} "
                    f"of {node.variable}"
                )
        require_perfect_recall(game, "gt.qre (agent QRE, behaviour strategies)")
    system = agent_system(game)
    reach = system.node_sum @ system.node_weight
    for h, r in zip(system.agents, reach, strict=True):
        if not r > 0:
            raise UnsupportedGameError(
                f"qre(): information set {h!r} is reached only through chance branches of "
                "probability 0, so its agent has no conditional payoffs; remove that branch"
            )
    return game, system
