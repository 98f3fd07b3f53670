"""Immutable game data: normal form (and, later, game trees and signalling games)."""

from .normal_form import NormalFormGame, Profile

__all__ = ["NormalFormGame", "Profile"]
