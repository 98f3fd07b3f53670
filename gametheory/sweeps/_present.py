"""The presentation of sweep results, registered when :mod:`gametheory.sweeps` is imported (not
with :mod:`gametheory.present`, so that ``import gametheory`` does not load pandas): notebook HTML
(:func:`gametheory._html.sweep_html`) and pictures (:func:`._plot.draw`)."""

from __future__ import annotations

from .._html import sweep_html
from .._present_registry import register
from ._plot import draw
from ._result import SweepResult

__all__: list[str] = []

register("html", SweepResult)(sweep_html)
register("plot", SweepResult)(draw)
