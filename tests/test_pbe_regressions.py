"""Regressions found while writing the incomplete-information models (models/*).

1. An indifference at a reached singleton that holds only by a parameter equality (``a = c``)
   while its reach weight holds another player's mixing probability: ``r·(c − a) = 0`` is the
   condition ``a = c`` with ``r`` left free (a continuum, whose attained ends are listed).
2. Bayes' rule in every subgame: an information set unreached from the root but reached inside
   an off-path subgame gets the Bayes belief of that subgame, so every PBE is subgame perfect.
"""

from __future__ import annotations

import sympy as sp

import gametheory as gt

a, c = sp.symbols("a c", positive=True)


def _key(eq: gt.Equilibrium) -> frozenset[tuple[str, str, sp.Expr]]:
    return frozenset((h, x, sp.sympify(v)) for h, s in eq.strategies.items() for x, v in s.items())


def threat_game() -> gt.ExtensiveGame:
    """C threatens or not; T resists or concedes; C fights (−c) or backs down (−a)."""
    crisis = gt.Decision(
        "C",
        {"fight": gt.Outcome(C=-c, T=-2), "back down": gt.Outcome(C=-a, T=0)},
        infoset="C|resisted",
    )
    target = gt.Decision("T", {"resist": crisis, "concede": gt.Outcome(C=1, T=-1)}, infoset="T")
    root = gt.Decision("C", {"threaten": target, "status quo": gt.Outcome(C=0, T=0)}, infoset="C")
    return gt.ExtensiveGame(root, players=["C", "T"])


def test_symbolic_at_a_boundary_point_equals_numeric() -> None:
    game = threat_game()
    symbolic = gt.pbe(game, gt.ParameterSpace({a: (0, 4), c: (0, 4)})).at(a=1, c=1)
    numeric = gt.pbe(game.at({a: 1, c: 1}))
    # numeric finds (threaten; resist 1/2; fight 1/2), a PBE at a = c = 1: C's threat is worth
    # 1/2 - 1/2 = 0 = status quo, T's resistance -2/2 = -1 = concession, C indifferent at the end
    missing = {_key(e) for e in numeric} - {_key(e) for e in symbolic}
    assert not missing, missing


def challenge_after_chance() -> gt.ExtensiveGame:
    """C challenges or not; then chance picks D's type (resolved 1/4); D resists or concedes;
    after resistance C (not knowing the type) fights or backs down."""
    R = sp.Rational

    def defender(kind: str) -> gt.Decision:
        fight = (-1, -1) if kind == "resolved" else (1, -3)
        after = gt.Decision(
            "C",
            {
                "fight": gt.Outcome("war", C=fight[0], D=fight[1]),
                "back down": gt.Outcome("back down", C=-1, D=0),
            },
            infoset="C|resisted",
        )
        return gt.Decision(
            "D",
            {"resist": after, "concede": gt.Outcome("concession", C=1, D=-2)},
            infoset=f"D|{kind}",
        )

    nature = gt.Chance(
        {
            "resolved": (R(1, 4), defender("resolved")),
            "irresolute": (R(3, 4), defender("irresolute")),
        }
    )
    root = gt.Decision("C", {"challenge": nature, "status quo": gt.Outcome("status quo", C=0, D=0)})
    return gt.ExtensiveGame(root, players=["C", "D"])


def test_every_pbe_is_subgame_perfect() -> None:
    game = challenge_after_chance()
    pbe_choices = {
        next(x for x, v in eq.strategies["C@root"].items() if v == 1) for eq in gt.pbe(game)
    }
    spe_choices = {
        next(x for x, v in eq.strategies["C@root"].items() if v == 1) for eq in gt.spe(game)
    }
    assert spe_choices == {"challenge"}
    assert pbe_choices == spe_choices
