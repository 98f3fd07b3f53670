"""Infinitely repeated games: finite-state strategies and the conditions under which a profile
of them is an equilibrium (``gt.spe(rg, profile=...)``, ``gt.nash(rg, profile=...)``)."""

from .automaton import ANY, Automaton, InvalidAutomatonError
from .game import RepeatedGame

__all__ = ["ANY", "Automaton", "InvalidAutomatonError", "RepeatedGame"]
