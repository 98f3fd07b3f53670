"""An independent numeric check of ``gt.pbe``: the limit of the agent logit quantal response
equilibria traced by pygambit's ``logit_solve`` is a sequential equilibrium (McKelvey & Palfrey
1998; Turocy 2010), hence a PBE: at each point it must be (close to) one of the equilibria that
the symbolic solution lists there."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import sympy as sp

import gametheory as gt

from . import solved
from .fixtures import beer_quiche

gbt = pytest.importorskip("pygambit")
ROOT = Path(__file__).resolve().parent.parent
p = sp.Symbol("p", positive=True)


def logit_limit(tree: gt.ExtensiveGame) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.efg"
        path.write_text(tree.to_gambit(), encoding="utf-8")
        game = gbt.read_efg(str(path))
    eq = gbt.nash.logit_solve(game).equilibria[0]
    return {
        h.label: {a.label: float(eq[a]) for a in h.actions}
        for h in game.infosets
        if h.player.label != "" and not h.player.is_chance
    }


def close_to_one_of(found: dict[str, dict[str, float]], sol: gt.Solution) -> bool:
    for eq in sol:
        if all(
            abs(float(eq.strategies[h][a]) - v) < 1e-3
            for h, mix in found.items()
            for a, v in mix.items()
        ):
            return True
    return False


@pytest.mark.parametrize("prior", [sp.Rational(1, 10), sp.Rational(3, 10), sp.Rational(3, 4)])
def test_beer_quiche_logit_limit_is_a_listed_pbe(prior: sp.Rational) -> None:
    symbolic = gt.pbe(beer_quiche(p), gt.ParameterSpace({p: (0, 1)}))
    found = logit_limit(beer_quiche(prior).game)
    assert close_to_one_of(found, symbolic.at(p=prior))


def test_two_level_audience_logit_limit_is_a_listed_pbe() -> None:
    model = solved.model("two_level_audience")
    point = model.scenarios["jan2020"]
    found = logit_limit(model.game.at(point))
    assert close_to_one_of(found, solved.solution("two_level_audience").at(point))
