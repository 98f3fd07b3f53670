"""Deterrence with incomplete information about the defender's resolve.

What it models
--------------
A challenger C decides whether to challenge a defender D without knowing D's resolve: D is
*resolved* with prior probability ``π`` and *irresolute* otherwise.  After a challenge D resists
(war) or concedes.  Payoffs (C, D), the stake normalised to 1:

- status quo: ``(0, 0)`` (outcome ``"status quo"``);
- D concedes: ``(1, −1)`` (``"concession"``);
- war: ``(−c, −d_R)`` against a resolved D, ``(−c, −d_I)`` against an irresolute one (``"war"``).

A resolved defender prefers fighting to conceding (``d_R < 1``), an irresolute one conceding to
fighting (``d_I > 1``).  Parameters: ``π ∈ (0, 1)``, ``c ∈ (0, 10]``, ``d_R ∈ (0, 1)``,
``d_I ∈ (1, 10]``.  In the tree a chance move picks D's type; C's decision is one information
set over both types (its belief is the prior), D's are singletons.

``escalation_game()`` adds a last move: after D resists, C fights or backs down (paying ``b``),
so an irresolute D can bluff by resisting.  There C's war payoff depends on D's type (``−c``
against a resolved D, ``1 − c`` against an irresolute one, who folds in war), D's war payoff
is ``−1/2`` (resolved) or ``−w`` (irresolute, ``w > 1``), D gets 0 when C backs down, and
``b < c < 1 + b``.

Derived results (by hand; ``tests/test_model_deterrence_resolve.py`` checks them through
``gt.pbe`` and ``gt.thresholds``)
--------------------------------------------------------------------------------------------
1. D's choices follow its type: a resolved D resists, an irresolute D concedes.
2. *Deterrence threshold.*  A challenge is worth ``(1 − π)·1 + π·(−c)`` to C, so C challenges
   iff ``π ≤ π* = 1/(1 + c)`` and is deterred iff ``π ≥ π*`` (both at ``π = π*``).  When C
   challenges, ``P(war) = π`` and ``P(concession) = 1 − π``; C expects ``1 − π(1 + c)``.
   The threshold falls in C's cost of war ``c`` (the costlier war is for the challenger, the
   lower the belief in resolve that deters it) and does not depend on D's war costs (they only
   sort the types).
3. *With escalation* (``escalation_game``): the irresolute D bluffs (resists with probability
   ``ρ = π(c − b)/((1 − π)(1 + b − c))``), C fights after resistance with probability ``1/w``
   and is otherwise indifferent, its posterior on a resolved D being ``1 + b − c``.  C
   challenges (in that equilibrium) iff ``π ≤ (1 + b − c)/(1 + b)``: bluffing moves the
   deterrence threshold, which here depends on C's cost of backing down ``b`` as well as on
   ``c``; ``P(war) = π/(w(1 + b − c))``.

   When C stays out, the belief after resistance still follows Bayes' rule from D's
   strategies (one deviation, C's challenge, leads there: Bayes' rule "where possible", Gibbons
   1992, §4.1, requirement 4, as ``gt.pbe`` applies it), so C is deterred exactly where the
   challenge equilibrium stops: for ``π ≥ (1 + b − c)/(1 + b)`` D bluffs enough that C would
   back down, and above ``1 + b − c`` both types resist outright.

Scenarios
---------
``deterred``: (π, c, d_R, d_I) = (1/2, 2, 1/2, 2): ``π ≥ 1/3``: C stays out.
``challenged``: (1/5, 2, 1/2, 2): ``π < 1/3``: C challenges, war with probability 1/5.
``cheap_war``: (1/2, 1/2, 1/2, 2): ``π* = 2/3``: even an even chance of resolve fails to deter.

Sources
-------
Morrow, J. D. (1994), *Game Theory for Political Scientists*, Princeton University Press, ch. 8
(deterrence and signalling games with uncertainty about resolve; this is a simplified version,
not his exact game).  Zagare, F. C. & Kilgour, D. M. (2000), *Perfect Deterrence*, Cambridge
University Press (credibility of deterrent threats under incomplete information).  Gibbons, R.
(1992), *Game Theory for Applied Economists*, Princeton University Press, §4.1 (the
requirements of perfect Bayesian equilibrium).  MODELS.md, "More models".
"""

from __future__ import annotations

import sympy as sp

import gametheory as gt

pi = sp.Symbol("pi", positive=True)
c = sp.Symbol("c", positive=True)
d_R = sp.Symbol("d_R", positive=True)
d_I = sp.Symbol("d_I", positive=True)
b = sp.Symbol("b", positive=True)
w = sp.Symbol("w", positive=True)

TYPES = ("resolved", "irresolute")
WAR_COST = {"resolved": d_R, "irresolute": d_I}


def defender(kind: str) -> gt.Decision:
    """C's challenge decision (one information set over D's types), then D of type ``kind``."""
    response = gt.Decision(
        "D",
        {
            "resist": gt.Outcome("war", C=-c, D=-WAR_COST[kind]),
            "concede": gt.Outcome("concession", C=1, D=-1),
        },
        infoset=f"D|{kind}",
    )
    return gt.Decision(
        "C",
        {"challenge": response, "status quo": gt.Outcome("status quo", C=0, D=0)},
        infoset="C|challenge",
    )


game = gt.ExtensiveGame(
    gt.Chance(
        {"resolved": (pi, defender("resolved")), "irresolute": (1 - pi, defender("irresolute"))}
    ),
    players=["C", "D"],
)

space = gt.ParameterSpace(
    {pi: (0, 1), c: (0, 10), d_R: (0, 1), d_I: (1, 10)},
    constraints=[pi < 1, d_R < 1, d_I > 1],
)

R = sp.Rational
scenarios = {
    "deterred": {"pi": R(1, 2), "c": 2, "d_R": R(1, 2), "d_I": 2},
    "challenged": {"pi": R(1, 5), "c": 2, "d_R": R(1, 2), "d_I": 2},
    "cheap_war": {"pi": R(1, 2), "c": R(1, 2), "d_R": R(1, 2), "d_I": 2},
}

THRESHOLD = 1 / (1 + c)  # C challenges iff pi <= THRESHOLD


def solution() -> gt.Solution:
    """Every perfect Bayesian equilibrium, with its conditions on (π, c, d_R, d_I)."""
    return gt.pbe(game, space=space)


# -- the escalation extension: an irresolute defender can bluff ---------------------------------

ESCALATION_WAR = {  # (C, D) at war, by D's type
    "resolved": (-c, -R(1, 2)),
    "irresolute": (1 - c, -w),
}


def _escalating(kind: str) -> gt.Decision:
    after = gt.Decision(
        "C",
        {
            "fight": gt.Outcome("war", C=ESCALATION_WAR[kind][0], D=ESCALATION_WAR[kind][1]),
            "back down": gt.Outcome("back down", C=-b, D=0),
        },
        infoset="C|resisted",
    )
    response = gt.Decision(
        "D",
        {"resist": after, "concede": gt.Outcome("concession", C=1, D=-1)},
        infoset=f"D|{kind}",
    )
    return gt.Decision(
        "C",
        {"challenge": response, "status quo": gt.Outcome("status quo", C=0, D=0)},
        infoset="C|challenge",
    )


def escalation_game() -> gt.ExtensiveGame:
    """The game with C's last move (fight or back down after resistance)."""
    return gt.ExtensiveGame(
        gt.Chance(
            {
                "resolved": (pi, _escalating("resolved")),
                "irresolute": (1 - pi, _escalating("irresolute")),
            }
        ),
        players=["C", "D"],
    )


escalation_space = gt.ParameterSpace(
    {pi: (0, 1), b: (0, 10), c: (0, 10), w: (1, 10)},
    constraints=[pi < 1, w > 1, c > b, c < 1 + b],
)

ESCALATION_THRESHOLD = (1 + b - c) / (1 + b)


def escalation_solution() -> gt.Solution:
    """The PBE of the escalation game (about 4 s)."""
    return gt.pbe(escalation_game(), space=escalation_space)


def main() -> None:
    """Print the PBE with their regions, each scenario, and the escalation game's PBE."""
    sol = solution()
    print(gt.model_report(sol, scenarios, title="Deterrence with uncertain resolve"))
    print()
    (t,) = gt.thresholds(sol, "pi", c=2, d_R=R(1, 2), d_I=2)
    print(f"Deterrence threshold: C challenges iff pi <= 1/(1 + c); at c = 2: pi = {t.value}")
    print()
    title = "With escalation: C may back down after resistance; D may bluff"
    print(title, "=" * len(title), str(escalation_solution()), sep="\n")
    print(
        "The challenge equilibrium exists iff pi <= (1 + b - c)/(1 + b); above it C is deterred "
        "(Bayes' rule where possible after its own deviation), see the docstring."
    )


if __name__ == "__main__":
    main()
