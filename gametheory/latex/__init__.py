r"""LaTeX for papers: equilibrium tables, payoff tables and game trees.

The writers behind ``Solution.to_latex()``, ``NormalFormGame.to_latex()`` and
``ExtensiveGame.to_latex()`` / ``SignalingGame.to_latex()``.  Tables use the booktabs rules
(``\usepackage{booktabs}``) and amsmath; trees are drawn with the ``forest`` package (TikZ).
Every label is escaped for LaTeX's text mode; expressions go through :func:`sympy.latex`.
"""

from .._latex_options import LatexOptions
from ._escape import math_label, text
from ._solution import solution_latex
from ._table import normal_form_latex
from ._tree import tree_latex

__all__ = [
    "LatexOptions",
    "math_label",
    "normal_form_latex",
    "solution_latex",
    "text",
    "tree_latex",
]
