"""The chain-store game: a challenger decides whether to challenge a defender who threatens to fight.

What it models
--------------
Selten's (1978) chain-store stage game (entry deterrence), told as a crisis.  A challenger
(the entrant) either stays out or challenges (enters); if it challenges, the defender (the
incumbent, the chain store) either accommodates or fights.  The defender would like to deter the
challenge by threatening to fight, but once the challenge is made fighting only adds a cost.

Parameters (all positive): ``b`` in (0, 10), the challenger's gain when the defender accommodates
(the entrant's profit), taken out of the defender's stake; ``f`` in (0, 10), the cost of a fight
to each side; ``m`` in (0, 10], the defender's undisturbed stake (the monopoly profit), with
``b < m``.  Payoffs (challenger, defender):

- stay out: ``(0, m)`` (outcome ``"status quo"``);
- challenge, accommodate: ``(b, m - b)`` (outcome ``"accommodation"``);
- challenge, fight: ``(-f, m - b - f)``: the fight costs each side f and the contested share b is
  lost to both (outcome ``"fight"``).

``chain(k)`` builds Selten's chain of k such markets against one defender, each challenger seeing
what happened before, with payoffs summed over the markets.

Results (derived by hand; ``tests/test_model_chain_store.py`` checks them through the solvers)
---------------------------------------------------------------------------------------------
1. Subgame perfect equilibrium (unique, everywhere in the space): the defender accommodates
   (``m - b > m - b - f`` since ``f > 0``), so the challenger challenges (``b > 0``): payoffs
   ``(b, m - b)``, outcome ``"accommodation"``.
2. Nash equilibria of the tree's normal form: besides (challenge, accommodate), the challenger
   staying out is an equilibrium whenever the defender fights with probability at least
   ``b/(b + f)``: a continuum whose extreme points are (stay out, fight) and (stay out, fight with
   probability ``b/(b + f)``), with payoffs ``(0, m)``.  These rest on an incredible threat: the
   defender would not fight if the challenge were made, so they are not subgame perfect.
3. In the chain of k markets, backward induction unravels the threat market by market (Selten's
   paradox): in the unique SPE every challenger challenges and the defender always accommodates,
   payoffs ``(b, ..., b, k*(m - b))``.

Scenarios
---------
``cheap_fight``: b = 2, f = 1, m = 5: fighting is cheap, yet the threat is still not credible.
``costly_fight``: b = 1, f = 5, m = 5: a fight would cost more than the whole contested share.

Sources
-------
Selten (1978), "The chain store paradox", *Theory and Decision* 9(2), 127–159; Kreps & Wilson
(1982), "Reputation and imperfect information", *J. Econ. Theory* 27(2) (the reputational
resolution); Schelling (1960), *The Strategy of Conflict*, ch. 2 (credibility of threats).
"""

from __future__ import annotations

import sympy as sp

import gametheory as gt

b = sp.Symbol("b", positive=True)
f = sp.Symbol("f", positive=True)
m = sp.Symbol("m", positive=True)

CHALLENGER = "challenger"
DEFENDER = "defender"

STAGE = {
    "stay out": ("status quo", sp.Integer(0), m),
    "accommodate": ("accommodation", b, m - b),
    "fight": ("fight", -f, m - b - f),
}


def stage_game() -> gt.ExtensiveGame:
    """The stage game: the challenger stays out or challenges, then the defender fights or not.

    Examples
    --------
    >>> list(stage_game().infosets)
    ['challenger@root', 'defender@challenge']
    """
    out_label, out_c, out_d = STAGE["stay out"]
    response = {
        a: gt.Outcome(label, challenger=pc, defender=pd)
        for a, (label, pc, pd) in STAGE.items()
        if a != "stay out"
    }
    root = gt.Decision(
        CHALLENGER,
        {
            "stay out": gt.Outcome(out_label, challenger=out_c, defender=out_d),
            "challenge": gt.Decision(DEFENDER, response),
        },
    )
    return gt.ExtensiveGame(root, players=(CHALLENGER, DEFENDER))


def chain(k: int) -> gt.ExtensiveGame:
    """Selten's chain store: k challengers in turn, one defender, perfect information.

    Challenger ``i`` (players ``"challenger1"``, ...) gets its own market's payoff; the defender
    gets the sum over markets.  Outcomes are labelled by the sequence of market results, e.g.
    ``"accommodation, fight"``.

    Parameters
    ----------
    k
        The number of markets, at least 1.

    Raises
    ------
    ValueError
        If k < 1.
    """
    if k < 1:
        raise ValueError(f"the chain needs at least one market, got k={k}")
    challengers = [f"{CHALLENGER}{i}" for i in range(1, k + 1)]

    def market(i: int, history: tuple[str, ...]) -> gt.Decision | gt.Outcome:
        if i == k:
            labels = [STAGE[a][0] for a in history]
            pays = {c: STAGE[a][1] for c, a in zip(challengers, history, strict=True)}
            pays[DEFENDER] = sum((STAGE[a][2] for a in history), sp.Integer(0))
            return gt.Outcome(", ".join(labels), **pays)
        response = {a: market(i + 1, (*history, a)) for a in ("accommodate", "fight")}
        return gt.Decision(
            challengers[i],
            {
                "stay out": market(i + 1, (*history, "stay out")),
                "challenge": gt.Decision(DEFENDER, response),
            },
        )

    return gt.ExtensiveGame(market(0, ()), players=(*challengers, DEFENDER))


game = stage_game()

space = gt.ParameterSpace({b: (0, 10), f: (0, 10), m: (0, 10)}, constraints=[b < m])

scenarios = {
    "cheap_fight": {"b": 2, "f": 1, "m": 5},
    "costly_fight": {"b": 1, "f": 5, "m": 5},
}


claims = {
    "the entrant enters and the incumbent accommodates in every SPE": sp.Eq(
        gt.claims.outcome("accommodation"), 1
    ),
}


def solution() -> gt.Solution:
    """The subgame perfect equilibrium of the stage game."""
    return gt.spe(game, space=space)


def nash_solution() -> gt.Solution:
    """The Nash equilibria of the stage game's normal form (incredible threats included)."""
    return gt.nash(game, space=space)


def main() -> None:
    """Print the stage game, its SPE and its Nash equilibria, symbolically and at each scenario."""
    print(game)
    print()
    print(
        gt.model_report(
            solution(), scenarios, title="Chain-store stage game: subgame perfect", claims=claims
        )
    )
    print()
    print(
        gt.model_report(
            nash_solution(), scenarios, title="Chain-store stage game: Nash (normal form)"
        )
    )


if __name__ == "__main__":
    main()
