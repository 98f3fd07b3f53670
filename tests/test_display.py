"""Notebook display: every game and result has a well-formed ``_repr_latex_`` / ``_repr_html_``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp

import gametheory as gt

from .fixtures import beer_quiche
from .markup import assert_balanced_latex, assert_wellformed_html

ROOT = Path(__file__).resolve().parent.parent
p = sp.Symbol("p", positive=True)


def chicken() -> gt.Model:
    return gt.load_model(ROOT / "models" / "crisis_chicken.py")


def objects() -> list[Any]:
    """One of each displayable kind, with labels that need escaping in HTML and LaTeX."""
    model = chicken()
    sol = model.solve()
    bq = beer_quiche(p)
    pbe = gt.pbe(bq, gt.ParameterSpace({p: (0, 1)}))
    odd = gt.NormalFormGame(
        {"<b>theta_L</b> & co": ["a_1", "50%"], 'Col "2"': ["x|y", "{z}"]},
        {(r, k): (1, 2) for r in ("a_1", "50%") for k in ("x|y", "{z}")},
        outcomes={("a_1", "x|y"): "<script>war</script>"},
    )
    tree = gt.load_model(ROOT / "models" / "chain_store.py")
    res = gt.sweep(sol, c=np.linspace(0.5, 10, 5), a=np.linspace(0, 10, 4))
    return [
        pytest.param(model.game, id="NormalFormGame"),
        pytest.param(odd, id="NormalFormGame-odd-labels"),
        pytest.param(tree.game, id="ExtensiveGame"),
        pytest.param(gt.load_model(ROOT / "models" / "bargaining.py").game, id="continuous"),
        pytest.param(bq, id="SignalingGame"),
        pytest.param(sol, id="Solution"),
        pytest.param(sol[3], id="Equilibrium"),
        pytest.param(pbe, id="Solution-pbe"),
        pytest.param(pbe[0], id="Equilibrium-pbe"),
        pytest.param(gt.nash(odd), id="Solution-odd-labels"),
        pytest.param(sol.at(c=5, a=1), id="Solution-at-a-point"),
        pytest.param(res, id="SweepResult"),
    ]


@pytest.mark.parametrize("obj", objects())
def test_rich_reprs_are_well_formed(obj: Any) -> None:
    latex = getattr(obj, "_repr_latex_", None)
    html = getattr(obj, "_repr_html_", None)
    assert latex is not None or html is not None, "no rich display"
    if latex is not None:
        tex = latex()
        assert tex.startswith("$$") and tex.endswith("$$")
        assert_balanced_latex(tex)
        # labels are in \text{...} with their specials outside: MathJax and LaTeX read both
        for inner in re.findall(r"\\text\{([^{}]*)\}", tex):
            assert not re.search(r"[_&%#$|\\^~<>]", inner), inner
    if html is not None:
        markup = html()
        tags = assert_wellformed_html(markup)
        assert "script" not in tags  # the odd labels' markup is escaped, not parsed
        assert {"table", "pre"} & set(tags)


def test_solution_html() -> None:
    sol = chicken().solve()
    markup = sol._repr_html_()
    tags = assert_wellformed_html(markup)
    assert tags.count("tr") == 1 + len(sol)  # header, then one row per equilibrium
    assert "<b>4 Nash equilibria</b>" in markup
    assert "c &gt;= a" in markup  # conditions, escaped
    assert "note: degenerate" not in markup or sol.degenerate


def test_pbe_html_shows_beliefs_and_intervals() -> None:
    sol = gt.pbe(beer_quiche(p), gt.ParameterSpace({p: (0, 1)}))
    markup = sol._repr_html_()
    assert_wellformed_html(markup)
    assert "perfect Bayesian" in markup and "<th" in markup and ">beliefs</th>" in markup
    assert "Receiver|quiche: weak in [1/2, 1], strong in [0, 1/2]" in markup
    assert "note: degenerate" in markup


def test_html_escapes_labels() -> None:
    odd = gt.NormalFormGame(
        {"<b>P</b>": ["<i>a</i>", "b"], "Q & R": ["x", "y"]},
        {(r, k): (1, 1) for r in ("<i>a</i>", "b") for k in ("x", "y")},
    )
    markup = gt.nash(odd)._repr_html_()
    tags = assert_wellformed_html(markup)
    assert "i" not in tags and tags.count("b") == 1  # only the summary's own <b>
    assert "&lt;b&gt;P&lt;/b&gt;" in markup and "Q &amp; R" in markup


def test_sweep_html() -> None:
    sol = chicken().solve()
    res = gt.sweep(sol, c=np.linspace(0.5, 10, 30), a=np.linspace(0, 10, 20))
    markup = res._repr_html_()
    tags = assert_wellformed_html(markup)
    assert tags.count("table") == 2  # the summary, then the head of the frame
    assert "600 points (30 × 20)" in markup
    assert "first 10 of" in markup
    head = markup.split("The frame")[1]
    assert head.count("<tr>") <= 11  # header and ten rows (pandas may add a header row)


def test_tree_html_is_the_text_tree() -> None:
    game = gt.load_model(ROOT / "models" / "chain_store.py").game
    markup = game._repr_html_()
    assert assert_wellformed_html(markup) == ["pre"]
    assert "challenge → defender" in markup


def test_tree_latex_is_an_outline() -> None:
    game = gt.load_model(ROOT / "models" / "escalation_ladder.py").game
    tex = game._repr_latex_()
    assert_balanced_latex(tex)
    assert "\\quad\\text{rung1} \\to \\text{B}" in tex
    assert "\\text{status quo}\\ (\\text{A}\\ 0,\\ \\text{B}\\ 0)" in tex


_a, _b, _c, _k, _pi = sp.symbols("a b c k pi")
_FORMS = [
    (sp.Eq(_a, 0, evaluate=False), "a = 0"),
    (sp.Ne(_a + _b, _c + 1), "c != a + b - 1"),
    ((_c - _k) ** 2 <= 0, "c = k"),
    ((_c - _k) ** 2 > 0, "c != k"),
    (-((_c - _k) ** 2) >= 0, "c = k"),
    (sp.Eq(2 * _c - _b, 0), "b = 2*c"),
    (sp.Or(_a >= 1, sp.And(_b <= 2, _c > 0)), "a >= 1 or (b <= 2 and c > 0)"),
    (sp.Not(_a >= 1), "a < 1"),
    (_c >= _a, "c >= a"),
]


@pytest.mark.parametrize(("cond", "shown"), _FORMS, ids=[s for _, s in _FORMS])
def test_conditions_read_as_a_reader_writes_them(cond: sp.Boolean, shown: str) -> None:
    from gametheory._format import conditions_text

    text = conditions_text(cond)
    assert text == shown
    assert not re.search(r"\b(Eq|Ne|And|Or|Not)\(|\*\*2 [<>]=? 0|[&|]", text)


def test_a_relation_is_solved_for_a_parameter_whose_coefficient_the_space_signs() -> None:
    """``m*pi + 3 >= 2*m`` with ``m`` in [1, 2] reads as a bound on ``pi`` or on ``m``, solved:
    the coefficient's sign comes from the space's box (no assumptions on the symbols)."""
    from gametheory._format import conditions_text

    m = sp.Symbol("m")
    cond = m * _pi + 3 >= 2 * m
    assert conditions_text(cond) == "m*pi + 3 >= 2*m"  # no sign known: left as it is
    space = gt.ParameterSpace({m: (1, 2), _pi: (0, 1)})
    shown = conditions_text(cond, space)
    lhs, op, rhs = shown.split(" ", 2)
    assert lhs in ("m", "pi") and op in (">=", "<=")
    rel = sp.Rel(sp.Symbol(lhs), sp.sympify(rhs, locals={"m": m, "pi": _pi}), op)
    for mv in (1, sp.Rational(3, 2), 2):  # the same set as the original, at sample points
        for pv in (0, sp.Rational(1, 3), 1):
            point = {m: mv, _pi: pv}
            assert bool(rel.xreplace(point)) == bool(cond.xreplace(point)), point


def test_printed_solutions_show_no_sympy_forms() -> None:
    a, c = sp.symbols("a c", positive=True)
    game = gt.NormalFormGame.from_matrices([[0, -1], [1, -c]], [[0, 1], [-1, -a]])
    sol = gt.nash(game, gt.ParameterSpace({a: (0, 3), c: (0, 3)}))
    for text in (str(sol), sol._repr_html_(), str(sol.to_frame()), *(repr(eq) for eq in sol)):
        assert not re.search(r"\b(Eq|Ne)\(|\*\*2 [<>]=? 0", text)
