"""gt.pbe flags continua of equilibria whose extreme points are all pure (ties).

At a tie every mixture of the tied actions is an equilibrium too: a continuum whose extreme
points are the pure equilibria listed.  ``Solution.degenerate`` says so, as ``gt.spe`` and
``gt.nash`` do for the same trees.
"""

from __future__ import annotations

import sympy as sp

import gametheory as gt

c = sp.Symbol("c", positive=True)


def one_move(x: sp.Expr, y: sp.Expr) -> gt.ExtensiveGame:
    return gt.ExtensiveGame(
        gt.Decision("A", {"x": gt.Outcome("x", A=x, B=0), "y": gt.Outcome("y", A=y, B=0)}),
        players=["A", "B"],
    )


def test_a_numeric_tie_is_degenerate() -> None:
    tie = one_move(1, 1)
    assert gt.spe(tie).degenerate and gt.nash(tie).degenerate
    sol = gt.pbe(tie)
    assert len(sol) == 2
    assert sol.degenerate


def test_a_strict_preference_is_not() -> None:
    sol = gt.pbe(one_move(2, 1))
    assert len(sol) == 1
    assert not sol.degenerate


def test_a_symbolic_tie_is_flagged_where_it_holds() -> None:
    sol = gt.pbe(one_move(c, 1), gt.ParameterSpace({c: (0, 2)}))
    assert len(sol) == 2
    assert sol.degenerate
    assert sol.at(c=1).degenerate
    assert not sol.at(c=sp.Rational(1, 2)).degenerate


def test_a_tie_after_chance_at_an_information_set() -> None:
    """A player who does not see nature's move, indifferent in expectation: any mixture of
    the tied actions is a PBE."""
    tree = gt.Chance(
        {
            "h": (
                sp.Rational(1, 2),
                gt.Decision("A", {"x": gt.Outcome(A=2), "y": gt.Outcome(A=0)}, infoset="A"),
            ),
            "l": (
                sp.Rational(1, 2),
                gt.Decision("A", {"x": gt.Outcome(A=0), "y": gt.Outcome(A=2)}, infoset="A"),
            ),
        }
    )
    sol = gt.pbe(gt.ExtensiveGame(tree, players=["A"]))
    assert len(sol) == 2
    assert sol.degenerate
