"""Markup: notebook HTML (``_repr_html_``), notebook math (``_repr_latex_``, read by MathJax) and
LaTeX for papers (``to_latex``), registered for games, equilibria and solutions.

The writers themselves live in :mod:`gametheory.latex` and :mod:`gametheory._html`; this module
only ties them to the classes they show.
"""

from __future__ import annotations

from typing import Any

from .._html import solution_html, text_html
from .._latex_options import LatexOptions
from .._present_registry import register
from ..equilibrium import Equilibrium, Solution
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..games.signaling import SignalingGame
from ..latex import normal_form_latex, solution_latex, tree_latex
from ..latex._mathjax import (
    equilibrium_mathjax,
    normal_form_mathjax,
    signaling_mathjax,
    solution_mathjax,
    tree_mathjax,
)
from ._tree import render_tree

__all__: list[str] = []

register("html", Solution)(solution_html)
register("latex", Solution)(solution_latex)
register("mathjax", Solution)(solution_mathjax)
register("mathjax", Equilibrium)(equilibrium_mathjax)

register("latex", NormalFormGame)(normal_form_latex)
register("mathjax", NormalFormGame)(normal_form_mathjax)

register("latex", ExtensiveGame)(tree_latex)


@register("mathjax", ExtensiveGame)
def _tree_math(game: ExtensiveGame) -> str:
    return tree_mathjax(game.root)


@register("html", ExtensiveGame)
def _tree_html(game: ExtensiveGame) -> str:
    return text_html(render_tree(game.root))


register("mathjax", SignalingGame)(signaling_mathjax)


@register("latex", SignalingGame)
def _signaling_latex(
    sg: SignalingGame, options: LatexOptions | None = None, /, **changes: Any
) -> str:
    return tree_latex(sg.game, options, **changes)
