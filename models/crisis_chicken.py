"""Crisis chicken: two states choose to hold or to escalate, with a cost of war and an audience cost.

What it models
--------------
The January 2020 US–Iran crisis as a one-shot game of Chicken.  Each state either holds
(de-escalates) or escalates.  If one escalates and the other holds, the escalator prevails (worth
1, the stake) and the one that held pays an audience cost ``a`` for backing down in front of its
domestic public.  If both escalate there is war, costing each ``c``.  If both hold, the status quo
(0, 0).

Parameters: ``c`` in (0, 10], the cost of war; ``a`` in [0, 10], the audience cost of backing down.

Equilibria (derived by hand; ``tests/test_model_crisis_chicken.py`` checks them through the solver)
---------------------------------------------------------------------------------------------------
1. Where war costs more than backing down (``c >= a``), it is Chicken: two pure equilibria in which
   one side prevails, (hold, escalate) and (escalate, hold), and a mixed one in which each side
   escalates with probability ``q = 1/(1 + c - a)``; war then happens with probability
   ``q**2 = 1/(1 + c - a)**2`` and each side expects ``-a/(1 + c - a)``.
2. Where backing down costs more than war (``a >= c``), escalating is dominant and the unique
   equilibrium is (escalate, escalate): war for sure, each side paying ``c`` (the audience trap).
3. On the boundary ``a = c`` all three of these hold at once (the mixed equilibrium becomes the
   war profile) and each side is indifferent when the other escalates: the game is degenerate
   there and the equilibria form a continuum.

Scenarios
---------
``jan2020``: war is far costlier than backing down (c = 10, a = 1): Chicken, with a mixed
equilibrium in which each side escalates with probability 1/10 and P(war) = 1/100.
``audience_trap``: leaders have staked so much on not backing down that a = 5 > c = 2: war.
``boundary``: a = c = 2.

Sources
-------
Snyder & Diesing (1977), *Conflict Among Nations*, ch. 2 (Chicken as a crisis model); Fearon
(1994), "Domestic political audiences and the escalation of international disputes", APSR 88(3)
(audience costs).
"""

from __future__ import annotations

import sympy as sp

import gametheory as gt

c, a = sp.symbols("c a", nonnegative=True)

game = gt.NormalFormGame(
    players={"US": ["hold", "escalate"], "Iran": ["hold", "escalate"]},
    payoffs={
        ("hold", "hold"): (0, 0),
        ("hold", "escalate"): (-a, 1),
        ("escalate", "hold"): (1, -a),
        ("escalate", "escalate"): (-c, -c),
    },
    outcomes={
        ("hold", "hold"): "status quo",
        ("hold", "escalate"): "Iran prevails",
        ("escalate", "hold"): "US prevails",
        ("escalate", "escalate"): "war",
    },
)

space = gt.ParameterSpace({c: sp.Interval.Lopen(0, 10), a: (0, 10)})

scenarios = {
    "jan2020": {"c": 10, "a": 1},
    "audience_trap": {"c": 2, "a": 5},
    "boundary": {"c": 2, "a": 2},
}


claims = {
    "war is never certain when it costs more than backing down (c > a)": sp.Implies(
        c > a, gt.war < 1
    ),
    "war is certain in every equilibrium when backing down costs more (a > c)": sp.Implies(
        a > c, sp.Eq(gt.war, 1)
    ),
}


def solution() -> gt.Solution:
    """Every Nash equilibrium of the crisis, with its conditions on (c, a)."""
    return gt.nash(game, space=space)


def main() -> None:
    """Print the symbolic equilibria and the equilibria at each scenario."""
    print(game)
    print()
    print(
        gt.model_report(solution(), scenarios, title="Crisis chicken (US vs Iran)", claims=claims)
    )


if __name__ == "__main__":
    main()
