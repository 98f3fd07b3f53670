"""The presentation layer: how games, equilibria and solutions are shown and written.

Importing this package registers a handler per format and class in
:mod:`gametheory._present_registry` (which imports it on its first look-up, so every user call
finds them): text tables (``str``; trees drawn by :mod:`._tree`) and frames (:mod:`._text`),
notebook HTML and math and LaTeX for papers (:mod:`._markup`, writers in :mod:`gametheory.latex`
and :mod:`gametheory._html`), Gambit files (:mod:`._gambit`, writers in :mod:`gametheory.io`).
Logit QRE results (:mod:`._qre`) and the pictures of comparisons and payoff regions
(:mod:`._plots`) register when the registry first meets their classes, and sweep results their
HTML and plots in :mod:`gametheory.sweeps._present`, so that a game's first ``str`` loads neither
the solvers nor pandas.  The data modules never import this package: data flows one way, from the
data to its presentation.
"""

from __future__ import annotations

from .._format import conditions_lines, conditions_text
from .._present_registry import FORMATS, Format, handler, render
from . import _gambit, _markup, _text

__all__ = ["FORMATS", "Format", "conditions_lines", "conditions_text", "handler", "render"]

_REGISTERED = (_gambit, _markup, _text)  # imported for their registrations
