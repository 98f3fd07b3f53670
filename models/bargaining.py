"""Crisis bargaining with war as an outside option: the risk–return trade-off (Fearon 1995).

What it models
--------------
Two states, A (the proposer, e.g. the United States) and B (e.g. Iran), dispute a good of size 1.
War is a costly lottery: A wins with probability ``p``, so war is worth ``p − c_A`` to A and
``1 − p − c_B`` to B.  A makes a take-it-or-leave-it offer: B gets a share ``x ∈ [0, 1]``
(a ``gt.ContinuousDecision``) and A keeps ``1 − x``.  B's cost of war ``c_B`` is B's private
information: Nature draws ``c_B ~ Uniform[0, k]`` and only B sees it (a
``gt.ContinuousChance``).  B then accepts (settlement: A gets ``1 − x``, B ``x``) or rejects
(war: A gets ``p − c_A``, B ``1 − p − c_B``).

The solver derives B's rule, reject iff ``1 − p − c_B > x`` (a cutoff in ``c_B``; accept at
indifference, a tie of probability zero), and integrates over ``c_B``: A faces war with
probability ``Pr(c_B < 1 − p − x) = F(1 − p − x)``, ``F`` the uniform CDF (0 for
``x ≥ 1 − p``, ``(1 − p − x)/k`` for ``1 − p − k ≤ x ≤ 1 − p``, 1 below), and B's expected
payoff is its true one, ``x·Pr(accept) + E[1 − p − c_B; reject]``.

Parameters and what is fixed
----------------------------
``p = 1/2`` (an even military balance) is fixed, to keep the table small; A's cost of war
``c_A ∈ (0, 1]`` and the top of B's cost range ``k ∈ (0, 1]`` are symbolic.  The symbolic solve
takes about a second.

Derived results (by hand; ``tests/test_model_bargaining.py`` checks them through ``gt.spe``)
-----------------------------------------------------------------------------------------------
1. *War is inefficient* (complete information): with ``c_B`` known, A prefers any share
   ``1 − x ≥ p − c_A`` to war and B any ``x ≥ 1 − p − c_B``, so the bargaining range of A's
   shares ``[p − c_A, p + c_B]`` has width ``c_A + c_B > 0``: a settlement both prefer to war
   always exists, and A offers ``x = 1 − p − c_B``, accepted.  (Not solved through ``gt.spe``:
   with ``c_B`` known the war probability jumps from 1 to 0 at ``x = 1 − p − c_B`` and the solver
   needs A's payoff continuous in ``x``; the test checks the algebra directly.)
2. *Risk–return trade-off* (private information).  Write ``y = 1 − p − x`` for how far A's offer
   falls short of the safe offer ``1 − p``.  On ``0 ≤ y ≤ k`` A's expected payoff is
   ``U = (1 − y/k)(p + y) + (y/k)(p − c_A) = p + y − y(y + c_A)/k``: a lower offer is a better
   deal (``+y``) but raises the risk of war, each unit of which costs A the settlement value plus
   ``c_A``.  ``U`` is concave, ``U'(y) = 1 − (2y + c_A)/k``, so ``y* = max(0, (k − c_A)/2)``
   (always ≤ k/2 < k; offers with ``y > k`` mean certain war, worth ``p − c_A ≤ U(y*)``):

   * if ``c_A < k`` (A's war is cheap relative to the uncertainty about B): the *risky* offer
     ``x* = 1 − p − (k − c_A)/2``, with p = 1/2 ``x* = (1 + c_A − k)/2``; war with probability
     ``Pr(war) = (k − c_A)/(2k) > 0``; A expects ``p + (k − c_A)²/(4k)``; B expects
     ``(c_A² + 2·c_A·k − 3k² + 4k)/(8k)``;
   * if ``c_A ≥ k`` (A's war is costly): the *safe* offer ``x* = 1 − p = 1/2``, accepted by every
     type, ``Pr(war) = 0``, both expect 1/2.

   ``Pr(war) = max(0, (k − c_A)/(2k))`` is non-increasing in ``c_A`` and non-decreasing in ``k``.
   Rationally chosen offers lead to war with positive probability even though war is inefficient.

The equilibrium is unique at every point.  The solver's table splits it by ``k ≤ 1/2`` versus
``k > 1/2`` (whether offers ``x < 1/2 − k``, rejected for sure, exist) and lists the boundary
``c_A = k`` twice (both formulas give ``x = 1/2`` there).  Its notes say A "is indifferent over an
interval of x" and flag the solution as degenerate: that is the flat piece of sure-war offers
``x < 1/2 − k`` when ``k < 1/2``, which is never optimal; at each scenario there is one equilibrium.

Scenarios
---------
``jan2020``: (c_A, k) = (2/5, 1/2).  A reading of January 2020: a US war with Iran is costly to the
US (2/5 of the stake), and the US is very unsure of Iran's cost, which may be anywhere up to Iran's
whole expected war value ``1 − p = 1/2``.  Since ``c_A < k`` the US shades its offer slightly,
``x* = 9/20`` instead of 1/2, accepting ``Pr(war) = 1/10``; the US expects 101/200,
Iran 181/400.
``cheap_war``: (c_A, k) = (1/10, 1): a cheap war and wide uncertainty: a risky, low offer
``x* = 1/20`` with ``Pr(war) = 9/20``; A expects 281/400.
``costly_war``: (c_A, k) = (1/2, 1/4): ``c_A ≥ k``: the safe offer ``x* = 1/2``, no war.

Sources
-------
Fearon (1995), "Rationalist explanations for war", International Organization 49(3), 379–414:
§"War is costly" (the bargaining range) and §"Private information and incentives to misrepresent"
(the risk–return trade-off, with a uniform distribution over the opponent's cost).  Powell (1999),
*In the Shadow of Power*, ch. 3 (take-it-or-leave-it crisis bargaining under asymmetric
information).  MODELS.md, "More models" (this repository's model list).
"""

from __future__ import annotations

import sympy as sp

import gametheory as gt

c_A = sp.Symbol("c_A", positive=True)
k = sp.Symbol("k", positive=True)
x = sp.Symbol("x", nonnegative=True)

P = sp.Rational(1, 2)  # p: A's probability of winning a war


c_B = sp.Symbol("c_B")  # B's private cost of war, drawn by Nature

game = gt.ExtensiveGame(
    gt.ContinuousChance(
        c_B,
        gt.Uniform(0, k),
        then=gt.ContinuousDecision(
            "A",
            x,
            (0, 1),
            gt.Decision(
                "B",
                {
                    "accept": gt.Outcome("settlement", A=1 - x, B=x),
                    "reject": gt.Outcome("war", A=P - c_A, B=1 - P - c_B),
                },
                infoset="reply",
            ),
            infoset="offer",
        ),
        seen_by=("B",),
    ),
    players=["A", "B"],
)

space = gt.ParameterSpace({c_A: (0, 1), k: (0, 1)})

scenarios = {
    "jan2020": {"c_A": sp.Rational(2, 5), "k": sp.Rational(1, 2)},
    "cheap_war": {"c_A": sp.Rational(1, 10), "k": 1},
    "costly_war": {"c_A": sp.Rational(1, 2), "k": sp.Rational(1, 4)},
}


claims = {
    "the risk of war never exceeds 1/2": gt.war <= sp.Rational(1, 2),
    "no war when A's cost of war is at least the spread of B's cost (c_A >= k)": sp.Implies(
        c_A >= k, sp.Eq(gt.war, 0)
    ),
}


def solution() -> gt.Solution:
    """The subgame-perfect offer, with its conditions on (c_A, k)."""
    return gt.spe(game, space=space)


def main() -> None:
    """Print the equilibria and each scenario."""
    print(
        gt.model_report(
            solution(), scenarios, title="Crisis bargaining (US offers, Iran)", claims=claims
        )
    )
    print_alternating_offers()


# ---------------------------------------------------------------------------------------------
# Complete information: finite-horizon alternating offers (Rubinstein 1982; Ståhl 1972)
# ---------------------------------------------------------------------------------------------

delta_A, delta_B = sp.symbols("delta_A delta_B", positive=True)
alternating_space = gt.ParameterSpace(
    {delta_A: sp.Interval.open(0, 1), delta_B: sp.Interval.open(0, 1)}
)


def alternating_offers(horizon: int) -> gt.ExtensiveGame:
    """The complete-information alternating-offers game over a pie of size 1 with ``horizon``
    periods (Ståhl 1972; Rubinstein 1982; Osborne & Rubinstein 1990, ch. 3).

    In period ``t = 1, 2, …`` the proposer (A in odd periods, B in even ones) offers the
    responder a share ``x_t ∈ [0, 1]`` (a continuous decision, seen by the responder), who
    accepts (the proposer gets ``1 − x_t``, the responder ``x_t``, both discounted by their
    factor ``δ^(t−1)``) or rejects; a rejection in the last period ends in disagreement (0, 0).

    In the unique SPE the responder accepts exactly the offers worth at least its value as the
    next proposer, so agreement is immediate and the first proposer's share ``s_T`` solves
    ``s_1 = 1`` and ``s_T = 1 − δ_R·s_{T−1}`` with the responders' factors alternating:
    ``1``, ``1 − δ_B``, ``1 − δ_B(1 − δ_A)``, ``1 − δ_B(1 − δ_A(1 − δ_B))``, …, which tends to
    ``(1 − δ_B)/(1 − δ_A·δ_B)`` as the horizon grows (Rubinstein 1982).
    """
    if not isinstance(horizon, int) or horizon < 1:
        raise gt.GameError(
            f"the horizon of alternating offers must be a positive integer, got {horizon!r}"
        )

    def period(t: int) -> gt.ContinuousDecision:
        proposer, responder = ("A", "B") if t % 2 else ("B", "A")
        share = sp.Symbol(f"x{t}", nonnegative=True)
        discount = {"A": delta_A ** (t - 1), "B": delta_B ** (t - 1)}
        accept = gt.Outcome(
            label=f"agreement in period {t}",
            **{proposer: discount[proposer] * (1 - share), responder: discount[responder] * share},
        )
        reject = period(t + 1) if t < horizon else gt.Outcome("disagreement", A=0, B=0)
        reply = gt.Decision(responder, {"accept": accept, "reject": reject})
        return gt.ContinuousDecision(proposer, share, (0, 1), reply)

    return gt.ExtensiveGame(period(1), players=["A", "B"])


def first_proposer_share(horizon: int) -> sp.Expr:
    """The first proposer's (A's) share in the SPE of :func:`alternating_offers` (by hand)."""
    share = sp.Integer(1)  # the last proposer takes everything
    for t in range(horizon - 1, 0, -1):
        responder_factor = delta_B if t % 2 else delta_A
        share = 1 - responder_factor * share
    return sp.expand(share)


def print_alternating_offers(horizon: int = 3) -> None:
    """Print the SPE of the ``horizon``-period alternating-offers game."""
    print(f"\nAlternating offers, {horizon} periods (complete information):")
    print(gt.spe(alternating_offers(horizon), alternating_space))


if __name__ == "__main__":
    main()
