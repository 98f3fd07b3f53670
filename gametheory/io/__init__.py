"""Interchange: Gambit's ``.nfg`` / ``.efg`` files and nashpy / numpy payoff matrices."""

from .gambit import read_gambit, to_gambit

__all__ = ["read_gambit", "to_gambit"]
