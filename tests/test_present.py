"""The presentation layer (issue 16, item 1): the registry the data delegates to, the one options
type of the LaTeX writers, and the one strategy renderer behind text, LaTeX and MathJax."""

from __future__ import annotations

from dataclasses import fields

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory import _present_registry as registry
from gametheory._format import strategy_text
from gametheory._latex_options import FLOAT, SOLUTION, TREE
from gametheory.latex import LatexOptions
from gametheory.latex._common import strategy_cell
from gametheory.latex._mathjax import strategy_math

from .fixtures import A, C, crisis_game, entry_game

# -- the registry ---------------------------------------------------------------------------


def test_every_display_method_of_the_data_finds_its_handler() -> None:
    from gametheory.sweeps import SweepResult

    expected = {
        gt.Equilibrium: ("text", "mathjax"),
        gt.Solution: ("text", "mathjax", "html", "latex", "frame"),
        gt.NormalFormGame: ("text", "mathjax", "latex", "gambit"),
        gt.ExtensiveGame: ("text", "mathjax", "html", "latex", "gambit"),
        gt.SignalingGame: ("text", "mathjax", "latex"),
        SweepResult: ("html", "plot"),
    }
    for cls, formats in expected.items():
        for fmt in formats:
            assert registry.handler(fmt, cls) is not None, (fmt, cls.__name__)
    assert registry.handler("gambit", gt.Solution) is None


def test_handlers_serve_subclasses_and_a_missing_one_is_named() -> None:
    class Sub(gt.NormalFormGame):
        pass

    g = gt.NormalFormGame.from_matrices([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    sub = Sub(g.actions, {p: tuple(g.payoff(p).values()) for p in g.profiles()})
    assert str(sub) == str(g)
    assert sub.to_latex() == g.to_latex()
    assert sub.to_gambit() == g.to_gambit()
    with pytest.raises(gt.UnsupportedGameError, match=r"no 'html' presentation .* NormalFormGame"):
        registry.render("html", g)
    with pytest.raises(gt.UnsupportedGameError, match="unknown presentation format 'svg'"):
        registry.register("svg", object)  # type: ignore[arg-type]


# -- one options type for every LaTeX writer ------------------------------------------------


def test_the_options_type_holds_every_option_of_every_writer_once() -> None:
    names = [f.name for f in fields(LatexOptions)]
    assert len(names) == len(set(names))
    assert set(names) == {*SOLUTION, *TREE}
    assert set(FLOAT) == set(SOLUTION) & set(TREE)


def _solution() -> gt.Solution:
    space = gt.ParameterSpace({C: (0, 10), A: (0, 10)}, constraints=[C > A])
    return gt.nash(crisis_game(), space=space)


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({}, id="defaults"),
        pytest.param({"caption": "Chicken", "label": "tab:c"}, id="float"),
        pytest.param({"environment": "tabular", "layout": "stacked"}, id="tabular"),
        pytest.param({"payoffs": False, "outcomes": True, "notes": False}, id="columns"),
    ],
)
def test_keywords_and_an_options_object_write_the_same_table(changes: dict[str, object]) -> None:
    sol = _solution()
    opts = LatexOptions(**changes)  # type: ignore[arg-type]
    assert sol.to_latex(**changes) == sol.to_latex(opts)
    assert sol.to_latex(opts) == gt.latex.solution_latex(sol, opts)
    # a keyword changes one option of an options object, the others stay
    assert sol.to_latex(opts, placement="t") == sol.to_latex(**{**changes, "placement": "t"})


def test_one_options_object_serves_every_writer() -> None:
    """Options a writer does not read are ignored when they come in an options object (one per
    paper), refused when given by keyword to that writer."""
    sol, nf, tree = _solution(), _solution().game, entry_game()
    paper = LatexOptions(caption="From the paper", placement="t", layout="stacked", width="5cm")
    assert "\\caption{From the paper}" in sol.to_latex(paper)
    assert nf.to_latex(paper) == nf.to_latex(caption="From the paper", placement="t")
    assert tree.to_latex(paper) == tree.to_latex(
        caption="From the paper", placement="t", width="5cm"
    )
    with pytest.raises(gt.GameError, match="no LaTeX option 'layout' here"):
        nf.to_latex(layout="stacked")
    with pytest.raises(gt.GameError, match="no LaTeX option 'notes' here"):
        tree.to_latex(notes=False)
    with pytest.raises(gt.GameError, match="must be a LatexOptions, got dict"):
        sol.to_latex({"caption": "x"})  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="environment must be one of 'figure', 'forest'"):
        tree.to_latex(LatexOptions(environment="tabular"))


# -- one strategy renderer ------------------------------------------------------------------

x, theta = sp.symbols("x theta")
labels = st.sampled_from(["hold", "escalate", "a_b", "x^2", "war & peace"])


@st.composite
def strategies_(draw: st.DrawFn) -> dict[str, sp.Expr]:
    acts = draw(st.lists(labels, min_size=1, max_size=4, unique=True))
    kind = draw(st.sampled_from(["mixed", "pure", "rule"]))
    if kind == "pure":
        k = draw(st.integers(0, len(acts) - 1))
        return {a: sp.Integer(int(i == k)) for i, a in enumerate(acts)}
    if kind == "rule":
        cuts = [sp.Rational(i + 1, len(acts) + 1) for i in range(len(acts) - 1)]
        out = {}
        for i, a in enumerate(acts):
            lo, hi = (cuts[i - 1] if i else None), (cuts[i] if i < len(cuts) else None)
            cond = sp.And(
                *(
                    c
                    for c in (x * theta > lo if lo else None, x <= hi if hi else None)
                    if c is not None
                )
            )
            out[a] = sp.Piecewise((1, cond), (0, True)) if cond is not sp.true else sp.Integer(1)
        return out
    weights = draw(st.lists(st.integers(0, 3), min_size=len(acts), max_size=len(acts)))
    total = sum(weights) or 1
    return {a: sp.Rational(w, total) for a, w in zip(acts, weights, strict=True)}


@given(strategies_())
def test_text_latex_and_mathjax_show_the_same_pieces(strategy: dict[str, sp.Expr]) -> None:
    """Metamorphic: the three media list the same actions, in the same order, as many pieces."""
    text, cell, math = strategy_text(strategy), strategy_cell(strategy), strategy_math(strategy)
    pieces = [text.split(", "), cell.split(", "), math.split(",\\ ")]
    assert len({len(p) for p in pieces}) == 1, pieces
    marks = (str, gt.latex.text, gt.latex.math_label)
    for medium, mark in zip(pieces, marks, strict=True):
        order = [next((a for a in strategy if mark(a) in piece), None) for piece in medium]
        assert order == [next((a for a in strategy if a in t), None) for t in pieces[0]]
