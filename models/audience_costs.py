"""Audience costs and bluffing: a crisis with a threat, resistance, and fighting or backing down.

What it models
--------------
A one-shot, two-type version of Fearon's (1994) escalation game.  A challenger C is *resolved*
with prior probability ``q`` and *unresolved* otherwise; C knows its type, the target T does
not.  C either keeps the status quo or threatens; after a threat T concedes or resists; after
resistance C fights (war) or backs down, and backing down after a public threat costs C the
audience cost ``a``.  Payoffs (C, T), with the stake normalised to 1:

- status quo: ``(0, 0)`` (outcome ``"status quo"``);
- T concedes: ``(1, −1)`` (``"concession"``);
- C backs down: ``(−a, 0)`` (``"back down"``);
- war: ``(1/2, −k)`` against a resolved C, ``(−c, −k)`` against an unresolved one (``"war"``).

A resolved challenger likes war better than the status quo (its war payoff is fixed at 1/2: any
value above 0 gives the same equilibria); an unresolved one pays ``c`` at war.  T's war cost
``k > 1`` exceeds the value of the stake, so T resists only if the threat is likely enough to
be a bluff.  Parameters: ``q ∈ (0, 1)``, ``a ∈ (0, 10]``, ``c ∈ (0, 10]``, ``k ∈ (1, 10]``.
The symbolic ``gt.pbe`` takes about 2 s.

Derived results (by hand; ``tests/test_model_audience_costs.py`` checks them through ``gt.pbe``)
------------------------------------------------------------------------------------------------
After resistance a resolved C always fights (1/2 > −a); an unresolved C fights iff ``a ≥ c``:
a large enough audience cost turns the unresolved type into a committed one.  A resolved C
always threatens.  T, believing the threat comes from a resolved C with probability μ, resists
iff ``μ·k ≤ 1`` (when the unresolved type backs down).

1. *Committed* (``a > c``): both types threaten, T concedes (resisting means certain war, and
   ``k > 1``); no war.  (Pooling; also at ``a = c``.)
2. *Credible* (``c ≥ a`` and ``k·q ≥ 1``): both types threaten and T concedes: the prior alone
   makes resisting too risky.  No war.  (Pooling.)
3. *Bluffing* (``c ≥ a`` and ``k·q < 1``): the unique equilibrium is semi-separating.  The
   unresolved type threatens with probability ``σ = q(k − 1)/(1 − q)`` (a bluff), which keeps
   T's posterior at exactly ``μ = 1/k``; T resists with probability ``r = 1/(1 + a)``, which
   makes the bluffer indifferent (``(1 − r)·1 − r·a = 0``) and backs down when resisted.
   ``P(threat) = k·q``, ``P(war) = q/(1 + a)``, ``P(back down) = q(k − 1)/(1 + a)``,
   ``P(concession) = a·k·q/(1 + a)``; C expects ``q(1 + 2a)/(2(1 + a))``, T expects ``−k·q``.

*Comparative static in the audience cost.*  ``P(war) = q/(1 + a)`` on the bluffing region
(``a ≤ c``, ``k·q < 1``) and 0 elsewhere, so the probability of war falls in ``a``:
``∂P(war)/∂a = −q/(1 + a)² < 0``, and drops to 0 once ``a > c``.  The mechanism is not that
bluffs become rarer — the bluffing rate ``σ`` does not depend on ``a`` at all, because T's
posterior must stay at ``1/k`` — but that T needs to call bluffs less often to keep the
unresolved type indifferent: ``r = 1/(1 + a)``.  Higher audience costs also raise the
challenger's expected payoff, leave T's unchanged (``−k·q``), and raise the chance a threat
succeeds.  (Boundaries ``k·q = 1`` and ``a = c`` carry extra equilibria, the package's
convention for ties.)

Scenarios
---------
``bluff``: (q, a, c, k) = (1/4, 1, 3, 2): the unresolved type bluffs with probability 1/3, T
resists with probability 1/2, ``P(war) = 1/8``, ``P(back down) = 1/8``.
``high_audience_cost``: (1/4, 4, 3, 2): ``a > c``: every threat is carried out, T concedes.
``likely_resolved``: (3/4, 1, 3, 2): ``k·q = 3/2 ≥ 1``: T concedes to the pooled threat.

Sources
-------
Fearon, J. D. (1994), "Domestic political audiences and the escalation of international
disputes", *American Political Science Review* 88(3), 577–592 (audience costs; here a discrete,
two-type simplification of his war of attrition, not his model).  Schultz, K. A. (1999), "Do
democratic institutions constrain or inform? Contrasting two institutional perspectives on
democracy and war", *International Organization* 53(2), 233–266 (a threat–resist–back-down
game with a bluffing type).  MODELS.md, "More models" (this repository's model list).
"""

from __future__ import annotations

import sympy as sp

import gametheory as gt

q = sp.Symbol("q", positive=True)
a = sp.Symbol("a", positive=True)
c = sp.Symbol("c", positive=True)
k = sp.Symbol("k", positive=True)

TYPES = ("resolved", "unresolved")
WAR_VALUE = {"resolved": sp.Rational(1, 2), "unresolved": -c}  # C's payoff at war, by type


def challenger(kind: str) -> gt.Decision:
    """The challenger of type ``kind``: threaten or not; then T; then fight or back down."""
    crisis = gt.Decision(
        "C",
        {
            "fight": gt.Outcome("war", C=WAR_VALUE[kind], T=-k),
            "back down": gt.Outcome("back down", C=-a, T=0),
        },
        infoset=f"C|{kind}|resisted",
    )
    target = gt.Decision(
        "T",
        {"resist": crisis, "concede": gt.Outcome("concession", C=1, T=-1)},
        infoset="T|threat",
    )
    return gt.Decision(
        "C",
        {"threaten": target, "status quo": gt.Outcome("status quo", C=0, T=0)},
        infoset=f"C|{kind}",
    )


game = gt.ExtensiveGame(
    gt.Chance(
        {"resolved": (q, challenger("resolved")), "unresolved": (1 - q, challenger("unresolved"))}
    ),
    players=["C", "T"],
)

space = gt.ParameterSpace(
    {q: (0, 1), a: (0, 10), c: (0, 10), k: (1, 10)}, constraints=[q < 1, k > 1]
)

R = sp.Rational
scenarios = {
    "bluff": {"q": R(1, 4), "a": 1, "c": 3, "k": 2},
    "high_audience_cost": {"q": R(1, 4), "a": 4, "c": 3, "k": 2},
    "likely_resolved": {"q": R(3, 4), "a": 1, "c": 3, "k": 2},
}


def solution() -> gt.Solution:
    """Every perfect Bayesian equilibrium, with its conditions on (q, a, c, k)."""
    return gt.pbe(game, space=space)


def main() -> None:
    """Print the equilibria with their regions, and each scenario."""
    print(gt.model_report(solution(), scenarios, title="Audience costs and bluffing (Fearon 1994)"))
    print()
    print("P(war) on the bluffing region (c >= a, k*q < 1): q/(1 + a), falling in a.")


if __name__ == "__main__":
    main()
