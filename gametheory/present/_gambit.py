"""Gambit writing (``to_gambit``), registered for normal-form games and trees; the writers live in
:mod:`gametheory.io`."""

from __future__ import annotations

from .._present_registry import register
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..io.gambit_efg import write_efg
from ..io.gambit_nfg import write_nfg

__all__: list[str] = []

register("gambit", NormalFormGame)(write_nfg)
register("gambit", ExtensiveGame)(write_efg)
