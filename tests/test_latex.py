"""LaTeX for papers: solution tables, payoff tables and game trees (gametheory.latex).

Structure is checked everywhere (balanced braces, environments and math, escaped labels, the
expected rows); where ``pdflatex`` is installed, every output is compiled too.
"""

from __future__ import annotations

import doctest
import importlib
import re
import shutil
import subprocess
import types
from pathlib import Path

import pytest
import sympy as sp

import gametheory as gt
from gametheory.latex import math_label, text

from .fixtures import beer_quiche
from .markup import assert_balanced_latex, text_outside_math

ROOT = Path(__file__).resolve().parent.parent
p = sp.Symbol("p", positive=True)


@pytest.fixture(scope="module")
def chicken() -> gt.Model:
    return gt.load_model(ROOT / "models" / "crisis_chicken.py")


@pytest.fixture(scope="module")
def chicken_sol(chicken: gt.Model) -> gt.Solution:
    return chicken.solve()


@pytest.fixture(scope="module")
def bq() -> gt.SignalingGame:
    return beer_quiche(p)


@pytest.fixture(scope="module")
def bq_sol(bq: gt.SignalingGame) -> gt.Solution:
    return gt.pbe(bq, gt.ParameterSpace({p: (0, 1)}))


def rows(tex: str) -> list[str]:
    """The body rows of the (outer) booktabs table: between \\midrule and \\bottomrule."""
    body = tex.split("\\midrule\n", 1)[1].split("\\bottomrule", 1)[0]
    return [r for r in body.split(" \\\\\n") if r.strip() and r.strip() != "\\addlinespace"]


def cells(row: str) -> list[str]:
    """A row's cells: split at the ``&`` outside nested ``tabular``s."""
    out, depth, cur = [], 0, ""
    for tok in re.split(r"(\\begin\{tabular\}|\\end\{tabular\}|(?<!\\)&)", row):
        if tok == "\\begin{tabular}":
            depth += 1
        elif tok == "\\end{tabular}":
            depth -= 1
        if tok == "&" and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += tok
    return [*out, cur.strip().removeprefix("\\addlinespace\n")]


# -- escaping ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("theta_L", "theta\\_L"),
        ("a & b", "a \\& b"),
        ("50% #1 $2", "50\\% \\#1 \\$2"),
        ("{x}", "\\{x\\}"),
        ("Sender|weak", "Sender\\textbar{}weak"),
        ("a<b>c", "a\\textless{}b\\textgreater{}c"),
        ("x^2 ~ y", "x\\textasciicircum{}2 \\textasciitilde{} y"),
        ("back\\slash", "back\\textbackslash{}slash"),
        ("θ_H − Δ", "$\\theta$\\_H $-$ $\\Delta$"),
        ("US–Iran", "US--Iran"),
    ],
)
def test_text_escapes_every_special_character(label: str, expected: str) -> None:
    assert text(label) == expected


def test_math_label_keeps_specials_out_of_text() -> None:
    assert math_label("theta_L") == "\\text{theta}\\_\\text{L}"
    assert math_label("a|b") == "\\text{a}\\vert \\text{b}"
    assert math_label("θ") == "\\theta "
    assert math_label("") == "\\text{}"


# -- solution tables -------------------------------------------------------------------------------


def test_solution_table_of_chicken(chicken_sol: gt.Solution) -> None:
    tex = chicken_sol.to_latex(caption="Crisis chicken", label="tab:chicken")
    assert_balanced_latex(tex)
    assert tex.startswith("\\begin{table}[htbp]\n\\centering\n\\caption{Crisis chicken}")
    assert "\\label{tab:chicken}" in tex and tex.endswith("\\end{table}")
    for rule in ("\\toprule", "\\midrule", "\\bottomrule"):
        assert tex.count(rule) == 1
    body = rows(tex)
    assert len(body) == len(chicken_sol) == 4
    # a column per player (two: "columns" layout), payoffs, conditions
    assert "\\multicolumn{2}{c}{Strategies}" in tex and "\\multicolumn{2}{c}{Payoffs}" in tex
    first = cells(body[0])
    assert first[:4] == ["0", "pure", "hold", "escalate"]
    assert first[-1] == "$c \\geq a$"
    mixed = cells(body[3])
    assert mixed[1] == "mixed"
    assert "$\\frac{1}{- a + c + 1}$ escalate" in mixed[3]  # a probability, then the action
    assert all(len(cells(r)) == len(first) for r in body)


def test_tabular_only_has_no_float(chicken_sol: gt.Solution) -> None:
    tex = chicken_sol.to_latex(environment="tabular", caption="ignored")
    assert_balanced_latex(tex)
    assert tex.startswith("\\begin{tabular}") and tex.endswith("\\end{tabular}")
    assert "\\begin{table}" not in tex and "\\caption" not in tex


def test_outcome_columns(chicken_sol: gt.Solution) -> None:
    everything = chicken_sol.to_latex(outcomes=True, environment="tabular")
    assert "\\multicolumn{4}{c}{Outcome probabilities}" in everything
    assert "status quo & Iran prevails & US prevails & war" in everything
    war = chicken_sol.to_latex(outcomes=["war"], environment="tabular")
    assert "Outcome probabilities" not in war and "& Pr(war) &" in war
    mixed = cells(rows(war)[3])
    assert mixed[-2] == "$\\frac{1}{\\left(- a + c + 1\\right)^{2}}$"  # P(war) = q**2
    with pytest.raises(gt.GameError, match="no outcome labelled 'peace'"):
        chicken_sol.to_latex(outcomes=["peace"])


def test_options_are_checked(chicken_sol: gt.Solution) -> None:
    with pytest.raises(gt.GameError, match="environment must be one of"):
        chicken_sol.to_latex(environment="figure")  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="layout must be one of"):
        chicken_sol.to_latex(layout="wide")  # type: ignore[arg-type]


def test_layouts(chicken_sol: gt.Solution) -> None:
    stacked = chicken_sol.to_latex(layout="stacked", payoffs=False, environment="tabular")
    assert_balanced_latex(stacked)
    assert "Payoffs" not in stacked
    first = cells(rows(stacked)[0])
    assert first[2] == "\\begin{tabular}[t]{@{}l@{}}US: hold \\\\ Iran: escalate\\end{tabular}"
    assert stacked.count("\\addlinespace") == len(chicken_sol) - 1


def test_pbe_table_has_beliefs_and_intervals(bq_sol: gt.Solution) -> None:
    tex = bq_sol.to_latex()
    assert_balanced_latex(tex)
    body = rows(tex)
    assert len(body) == len(bq_sol) == 7  # five families and two members at p = 1/2
    header = tex.split("\\midrule")[0]
    assert "Beliefs" in header and "Strategies" in header  # four information sets: stacked
    pooling = next(
        cells(r) for r in body if "Receiver\\textbar{}beer: weak $p$, strong $1 - p$" in r
    )
    assert pooling[1] == "pooling"
    beliefs = pooling[-2]
    assert "Receiver\\textbar{}beer: weak $p$, strong $1 - p$" in beliefs
    assert "weak $\\in \\left[\\frac{1}{2}, 1\\right]$" in beliefs  # off the path: an interval
    hybrid = next(cells(r) for r in body if "semi-separating" in r)
    assert hybrid[1] == "semi-separating"
    assert "$\\frac{1 - p}{p}$ beer" in hybrid[2]
    assert hybrid[-1] == "\\begin{tabular}[t]{@{}l@{}}$p > \\frac{1}{2}$ \\\\ $p < 1$\\end{tabular}"
    assert "Note: degenerate" in tex  # the solution's flags, under the table
    assert "Beliefs" not in bq_sol.to_latex(beliefs=False)


def long_conditions() -> gt.Solution:
    """An equilibrium of the calibrated-retaliation tree with a long polynomial condition (its
    solution has such; solving it takes seconds)."""
    model = gt.load_model(ROOT / "models" / "calibrated_retaliation.py")
    theta_L, theta_H, W = sp.symbols("theta_L theta_H W")
    poly = (
        5 * W**2
        + 10 * W * theta_H * theta_L
        - 18 * theta_H**2 * theta_L
        - 40 * theta_H * theta_L**3
    )
    eq = gt.Equilibrium(
        kind="pure",
        strategies={"omega": {"warn": sp.Integer(1), "no warning": sp.Integer(0)}},
        payoffs={"I": 9 * theta_L / 5 - 2 * theta_L**2, "U": -theta_L},
        outcomes={"war": sp.Integer(0)},
        conditions=sp.And(
            sp.Ge(W - theta_H + theta_L + theta_L * theta_H - theta_L**2, 0),
            theta_L <= 1,
            sp.Ge(poly, 0),
        ),
        witness=None,
        space=model.space,
    )
    return gt.Solution(model.game, (eq,), model.space, "spe", "test")


def test_conditions_are_readable() -> None:
    """Each inequality on its line, solved for a parameter as ``print(solution)`` shows it."""
    tex = long_conditions().to_latex(environment="tabular")
    assert_balanced_latex(tex)
    assert (
        "$W \\geq \\left(1 - \\theta_{L}\\right) \\left(\\theta_{H} - \\theta_{L}\\right)$ \\\\ "
        in tex
    )
    assert "$\\theta_{L} \\leq 1$" in tex


def test_continuous_choice_and_escaped_names() -> None:
    model = gt.load_model(ROOT / "models" / "bargaining.py")
    tex = model.solve().to_latex(outcomes=True)
    assert_balanced_latex(tex)
    assert "$x = " in tex  # the offer, chosen in [0, 1]
    assert "c_{A}" in tex  # the parameter c_A through sympy.latex
    for row in rows(tex):
        assert "_" not in text_outside_math(row).replace("\\_", "")


def test_labels_are_escaped_in_every_table() -> None:
    g = gt.NormalFormGame(
        {"theta_L & co": ["a_1", "50%"], "#2": ["x|y", "{z}"]},
        {(r, c): (1, 2) for r in ("a_1", "50%") for c in ("x|y", "{z}")},
    )
    for tex in (gt.nash(g).to_latex(), g.to_latex()):
        assert_balanced_latex(tex)
        outside = text_outside_math(tex)
        for raw in ("theta_L", "& co", "a_1", "50%", "#2", "x|y", "{z}"):
            assert not re.search("(?<!\\\\)" + re.escape(raw), outside), raw
        assert "theta\\_L \\& co" in outside and "a\\_1" in outside and "x\\textbar{}y" in outside


def test_empty_solution() -> None:
    g = gt.NormalFormGame.from_matrices([[1]], [[1]])
    sol = gt.nash(g)
    empty = gt.Solution(g, (), sol.space, "nash", "test")
    tex = empty.to_latex()
    assert_balanced_latex(tex)
    assert "no nash equilibria found" in tex


# -- payoff tables ---------------------------------------------------------------------------------


def test_bimatrix(chicken: gt.Model) -> None:
    tex = chicken.game.to_latex(caption="Chicken")
    assert_balanced_latex(tex)
    assert tex.startswith("\\begin{table}[htbp]")
    assert "\\multicolumn{2}{c}{Iran}" in tex and "US & hold & escalate \\\\" in tex
    assert rows(tex) == ["hold & $0, 0$ & $- a, 1$", "escalate & $1, - a$ & $- c, - c$"]
    assert chicken.game.to_latex(environment="tabular").startswith("\\begin{tabular}{@{}lcc@{}}")


def test_three_player_table() -> None:
    a = sp.Symbol("a_1")
    g = gt.NormalFormGame(
        {"P_1": ["x", "y"], "P2": ["l", "r"], "P3": ["u", "d"]},
        {(i, j, k): (a, 0, 1) for i in "xy" for j in "lr" for k in "ud"},
    )
    tex = g.to_latex(environment="tabular")
    assert_balanced_latex(tex)
    assert len(rows(tex)) == 8
    assert rows(tex)[0] == "x & l & u & $a_{1}$ & $0$ & $1$"
    assert "P\\_1 & P2 & P3 & P\\_1 & P2 & P3" in tex


# -- trees ------------------------------------------------------------------------------------------


def node_lines(tex: str) -> list[str]:
    return [line.strip() for line in tex.splitlines() if line.strip().startswith("[{")]


def test_tree_of_a_signalling_game(bq: gt.SignalingGame) -> None:
    tex = bq.to_latex(caption="Beer--Quiche", label="fig:bq")
    assert tex == bq.game.to_latex(caption="Beer--Quiche", label="fig:bq")
    assert_balanced_latex(tex)
    assert tex.startswith("\\begin{figure}[htbp]\n\\centering\n\\begin{forest}")
    assert tex.endswith("\\end{forest}\n\\caption{Beer--Quiche}\n\\label{fig:bq}\n\\end{figure}")
    nodes = node_lines(tex)
    assert len(nodes) == 1 + 2 + 4 + 8  # nature, two senders, four receivers, eight leaves
    assert nodes[0] == "[{Nature}, name=n0"
    assert "{weak $(p)$}" in nodes[1] and "{strong $(1 - p)$}" in nodes[8]
    assert nodes[3].startswith("[{\\textit{duel}\\\\$(0, 1)$}")  # label over the payoffs
    # the receiver's two information sets, across the types: dashed
    dashed = [line for line in tex.splitlines() if line.startswith("\\draw[dashed]")]
    assert dashed == [
        "\\draw[dashed] (n2) to[bend right=25] (n9);",
        "\\draw[dashed] (n5) to[bend right=25] (n12);",
    ]


def test_tree_neighbours_joined_straight() -> None:
    tree = gt.ExtensiveGame(
        gt.Decision(
            "A",
            {
                a: gt.Decision(
                    "B",
                    {"l": gt.Outcome(A=1, B=0), "r": gt.Outcome(A=0, B=1)},
                    infoset="B_info",
                )
                for a in ("up", "down")
            },
        )
    )
    tex = tree.to_latex(environment="forest")
    assert_balanced_latex(tex)
    assert tex.startswith("\\begin{forest}") and "\\begin{figure}" not in tex
    assert "\\draw[dashed] (n1) -- (n4);" in tex


def _folded_bargaining() -> gt.ExtensiveGame:
    """An offer x followed by a chance node whose probability is a long Piecewise (the
    responder's reply folded into a uniform CDF, as models/bargaining.py once wrote it)."""
    x, c_a, k = (
        sp.Symbol("x", nonnegative=True),
        sp.Symbol("c_A", positive=True),
        sp.Symbol("k", positive=True),
    )
    gap = sp.Rational(1, 2) - x
    q = sp.Piecewise((0, gap <= 0), (gap / k, gap <= k), (1, True))
    return gt.ExtensiveGame(
        gt.ContinuousDecision(
            "A",
            x,
            (0, 1),
            gt.Chance(
                {
                    "reject": (q, gt.Outcome("war", A=sp.Rational(1, 2) - c_a, B=gap)),
                    "accept": (1 - q, gt.Outcome("settlement", A=1 - x, B=x)),
                }
            ),
            infoset="offer",
        ),
        players=["A", "B"],
    )


def test_tree_abbreviates_long_probabilities() -> None:
    model = types.SimpleNamespace(game=_folded_bargaining())
    tex = model.game.to_latex(width="\\linewidth")
    assert_balanced_latex(tex)
    assert "\\resizebox{\\linewidth}{!}{%" in tex
    assert "{reject $(\\pi_{1})$}" in tex and "{accept $(1 - \\pi_{1})$}" in tex
    assert "$\\pi_{1} = \\begin{cases}" in tex  # the legend under the tree
    assert "$x \\in [0, 1]$" in tex  # the continuous decision's edge
    full = model.game.to_latex(abbreviate=None)
    assert "\\pi_{1}" not in full and "reject $(\\begin{cases}" in full
    assert "\\textit{war}" in full and "\\textit{war}" not in model.game.to_latex(
        outcome_labels=False
    )


def test_every_model_tree_or_table() -> None:
    for path in sorted((ROOT / "models").glob("*.py")):
        game = gt.load_model(path).game
        tex = game.to_latex()
        assert_balanced_latex(tex)
        assert ("\\begin{forest}" in tex) == isinstance(game, gt.ExtensiveGame)


# -- docstrings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "gametheory.latex._escape",
        "gametheory.latex._solution",
        "gametheory.latex._table",
        "gametheory.latex._tree",
        "gametheory.model",
    ],
)
def test_docstring_examples_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted and not result.failed


# -- compiling with pdflatex ------------------------------------------------------------------------

PREAMBLE = r"""\documentclass{article}
\usepackage[margin=1cm,landscape]{geometry}
\usepackage{amsmath,booktabs,forest,graphicx}
\begin{document}
"""


def compile_latex(tmp_path: Path, parts: list[str]) -> None:
    doc = PREAMBLE + "\n\n\\clearpage\n".join(parts) + "\n\\end{document}\n"
    (tmp_path / "doc.tex").write_text(doc, encoding="utf-8")
    run = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [line for line in run.stdout.splitlines() if line.startswith("!")]
    assert run.returncode == 0, "\n".join(errors) or run.stdout[-3000:]
    assert (tmp_path / "doc.pdf").stat().st_size > 1000


needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="no pdflatex")


@needs_pdflatex
def test_pdflatex_compiles_every_model(tmp_path: Path) -> None:
    """Every model's game and solution (continuous choices included; long polynomial
    conditions), and Beer-Quiche's tree and PBE tables."""
    parts = []
    for path in sorted((ROOT / "models").glob("*.py")):
        model = gt.load_model(path)
        name = text(model.name)
        parts.append(model.game.to_latex(caption=name, label=f"fig:{model.name}"))
        if model.name != "calibrated_retaliation":  # seconds to solve: see long_conditions()
            parts.append(model.solve().to_latex(caption=name, outcomes=True))
    parts.append(long_conditions().to_latex(outcomes=True))
    bq = beer_quiche(p)
    sol = gt.pbe(bq, gt.ParameterSpace({p: (0, 1)}))
    parts += [bq.to_latex(width="\\linewidth"), sol.to_latex(outcomes=True)]
    parts.append(sol.at(p=sp.Rational(1, 10)).to_latex(environment="tabular"))
    compile_latex(tmp_path, parts)


@needs_pdflatex
def test_pdflatex_compiles_awkward_labels(tmp_path: Path) -> None:
    g = gt.NormalFormGame(
        {"theta_L & co": ["a_1", "50%", "θ ≥ 1"], "#2|<b>": ["x^y", "{z}", "back\\slash ~"]},
        {
            (r, c): (sp.Symbol("theta_L"), sp.Rational(1, 3))
            for r in ("a_1", "50%", "θ ≥ 1")
            for c in ("x^y", "{z}", "back\\slash ~")
        },
    )
    tree = gt.ExtensiveGame(
        gt.Chance(
            {
                "type_1 & 2": (
                    sp.Rational(1, 2),
                    gt.Decision("P_1", {"a$": gt.Outcome("o_1", P_1=1)}, infoset="h_1"),
                ),
                "type%2": (
                    sp.Rational(1, 2),
                    gt.Decision("P_1", {"a$": gt.Outcome("o#2", P_1=2)}, infoset="h_1"),
                ),
            }
        )
    )
    compile_latex(
        tmp_path,
        [
            g.to_latex(),
            gt.nash(g).to_latex(outcomes=True),
            tree.to_latex(),
            gt.solve(tree).to_latex(),
        ],
    )
