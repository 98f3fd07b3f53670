"""Immutable game data: normal form, game trees (with chance, information sets and continuous
choices) their reduced normal form, and signalling games."""

from .extensive import ExtensiveGame, InfoSet
from .normal_form import NormalFormGame, Profile
from .signaling import SignalingGame
from .tree import Chance, ContinuousChance, ContinuousDecision, Decision, Node, Outcome

__all__ = [
    "Chance",
    "ContinuousChance",
    "ContinuousDecision",
    "Decision",
    "ExtensiveGame",
    "InfoSet",
    "Node",
    "NormalFormGame",
    "Outcome",
    "Profile",
    "SignalingGame",
]
