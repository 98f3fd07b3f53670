"""Escalation ladder with rung jumping: who climbs, how far, and who is deterred.

What it models
--------------
Two states, A (the US, moves first) and B (Iran), climb a ladder of rungs 0..N with perfect
information; rung N is war.  They move alternately.  At rung ``l < N`` the mover i either stops or
escalates to any rung m with ``l < m <= min(l + J_i, N)``: ``J_i`` is how many rungs i can jump at
once (its escalation options).  If A stops at rung 0 it is the status quo, (0, 0).  If the mover
stops at ``l > 0``, the last escalator j prevails and gets the stake less what its climbing cost,
``V - c_j*l``, and the one that stopped gets ``-c_i*l``.  Reaching rung N is war.

Parameters: the stake ``V`` in (0, 10]; the per-rung costs ``c_A`` and ``c_B``, with
``0 < c_i < V``; the war payoffs ``W_A`` and ``W_B``, free symbols in [-100, 0) that the space
keeps below ``-c_i*(N - 1)``, the worst a state gets by stopping (MODELS.md §2), so war is never
worth starting (``space_for(N)`` is that space for an N-rung ladder).  ``build(N, J_A, J_B)``
builds the tree for any ladder; the module-level ``game`` is ``build(4, 3, 2)``: four rungs, A can
jump three at once, B two.

Actions are ``"stop"`` and ``"rung<m>"`` (climb to rung m); information sets are the default
``"<player>@<path>"``, e.g. ``"B@rung1"`` is B's choice after A climbed to rung 1.  Outcomes are
``"status quo"``, ``"A prevails at rung <l>"``, ``"B prevails at rung <l>"`` and ``"war"``.

Results (derived by hand; ``tests/test_model_escalation_ladder.py`` checks them through gt.spe)
---------------------------------------------------------------------------------------------
MODELS.md breaks ties by "escalate only if strictly better"; the solver instead lists every
subgame perfect equilibrium: the generic ones first, with weak inequalities (so regions meet on
their boundaries), then those that hold only on a tie boundary (``Eq(V, 2*c_B)``, ...), where a
mover is indifferent and both choices are subgame perfect.  The results below are for the
interior of each region.

1. In every subgame perfect equilibrium the mover at rung l escalates to the smallest rung m at
   which the opponent then stops, provided the jump pays, ``(m - l)*c_i < V``; otherwise it stops.
   Hence at most one escalation happens on the path: A climbs once (or not at all) and B stops.
2. For N = 4: the mover at rung 3 stops (only war is left) and the mover at rung 2 climbs to 3.
   B at rung 1 therefore stops iff it cannot reach rung 3 (``J_B = 1``) or the two-rung jump costs
   more than the stake (``2*c_B > V``).  So, for A:

   - if B would stop at rung 1, A climbs one rung: payoffs ``(V - c_A, -c_B)``;
   - else if ``J_A >= 3`` and ``3*c_A < V``, A jumps three rungs to the brink:
     ``(V - 3*c_A, -3*c_B)``;
   - else A is deterred: the status quo ``(0, 0)``.

   For ``game = build(4, 3, 2)`` the three regions are ``2*c_B > V`` (one rung),
   ``2*c_B < V`` and ``3*c_A < V`` (the brink), ``2*c_B < V`` and ``3*c_A > V`` (deterred).
3. With equal reach ``J_A = J_B = J`` and every jump affordable (``J*c_i < V``) the ladder is the
   subtraction game: the positions where the mover stops are the rungs l with
   ``(N - 1 - l) mod (J + 1) = 0``, so A is deterred iff ``(N - 1) mod (J + 1) = 0``.

Scenarios
---------
``brink``: V = 10, c_A = 2, c_B = 3: B would answer one rung by jumping to 3, but A can afford the
three-rung jump: A goes to the brink, payoffs (4, -9).
``one_rung``: V = 10, c_A = 2, c_B = 6: B cannot afford to jump two rungs, so A climbs one: (8, -6).
``deterred``: V = 10, c_A = 4, c_B = 3: B would jump, and the brink costs A more than the stake: the
status quo (0, 0).

Sources
-------
Kahn (1965), *On Escalation: Metaphors and Scenarios* (the escalation ladder); Schelling (1966),
*Arms and Influence*, ch. 3 (the manipulation of risk and the brink); Powell (1987), "Crisis
bargaining, escalation, and MAD", APSR 81(3) (escalation as a sequential game solved by backward
induction); Berlekamp, Conway & Guy (1982), *Winning Ways*, ch. 2 (subtraction games).
"""

from __future__ import annotations

import numpy as np
import sympy as sp

import gametheory as gt

V = sp.Symbol("V", positive=True)
c_A = sp.Symbol("c_A", positive=True)
c_B = sp.Symbol("c_B", positive=True)

PLAYERS = ("A", "B")
COST = {"A": c_A, "B": c_B}


W_A = sp.Symbol("W_A", negative=True)
W_B = sp.Symbol("W_B", negative=True)
WAR = {"A": W_A, "B": W_B}


def war_payoff(player: str, N: int) -> sp.Expr:
    """The war payoff ``W_i``, a free symbol (``space_for(N)`` keeps it below ``-c_i*(N - 1)``)."""
    return WAR[player]


def build(N: int, J_A: int, J_B: int) -> gt.ExtensiveGame:
    """The escalation ladder with rungs 0..N (N is war) and maximum jumps J_A, J_B.

    Parameters
    ----------
    N
        The number of rungs above the status quo; rung N is war.  At least 1.
    J_A, J_B
        The most rungs A and B can climb in one move, each in 1..N.

    Returns
    -------
    ExtensiveGame
        The tree, with players ``("A", "B")`` and parameters ``V``, ``c_A``, ``c_B``.

    Raises
    ------
    ValueError
        If N < 1 or a jump lies outside 1..N.

    Examples
    --------
    >>> g = build(2, 1, 1)
    >>> list(g.infosets)
    ['A@root', 'B@rung1']
    """
    if N < 1:
        raise ValueError(f"the ladder needs at least one rung above the status quo, got N={N}")
    for name, J in (("J_A", J_A), ("J_B", J_B)):
        if not 1 <= J <= N:
            raise ValueError(f"{name} must lie in 1..N={N}, got {J}")
    jumps = {"A": J_A, "B": J_B}

    def node(rung: int, mover: str) -> gt.Decision | gt.Outcome:
        if rung == N:
            return gt.Outcome("war", **{p: war_payoff(p, N) for p in PLAYERS})
        other = "B" if mover == "A" else "A"  # above rung 0, the last escalator
        if rung == 0:
            stop = gt.Outcome("status quo", A=0, B=0)
        else:
            pay = {other: V - COST[other] * rung, mover: -COST[mover] * rung}
            stop = gt.Outcome(f"{other} prevails at rung {rung}", **{p: pay[p] for p in PLAYERS})
        actions: dict[str, gt.Decision | gt.Outcome] = {"stop": stop}
        for m in range(rung + 1, min(rung + jumps[mover], N) + 1):
            actions[f"rung{m}"] = node(m, other)
        return gt.Decision(mover, actions)

    return gt.ExtensiveGame(node(0, "A"), players=PLAYERS)


game = build(4, 3, 2)


def space_for(N: int) -> gt.ParameterSpace:
    """The space of an N-rung ladder: ``0 < c_i < V <= 10`` and ``-100 <= W_i < -c_i*(N - 1)``."""
    return gt.ParameterSpace(
        {V: (0, 10), c_A: (0, 10), c_B: (0, 10), W_A: (-100, 0), W_B: (-100, 0)},
        constraints=[c_A < V, c_B < V, W_A + c_A * (N - 1) < 0, W_B + c_B * (N - 1) < 0],
    )


space = space_for(4)

WAR_AT = {"W_A": -100, "W_B": -100}  # any war payoffs below the space's bound give the same SPE

scenarios = {
    "brink": {"V": 10, "c_A": 2, "c_B": 3, **WAR_AT},
    "one_rung": {"V": 10, "c_A": 2, "c_B": 6, **WAR_AT},
    "deterred": {"V": 10, "c_A": 4, "c_B": 3, **WAR_AT},
}


claims = {
    "war never happens on the path of an SPE": sp.Eq(gt.war, 0),
    "A climbs one rung whenever B would stop there (2 c_B > V)": sp.Implies(
        2 * c_B > V, sp.Eq(gt.claims.outcome("A prevails at rung 1"), 1)
    ),
    "A jumps to the brink when B would not stop and 3 c_A < V": sp.Implies(
        sp.And(2 * c_B < V, 3 * c_A < V), sp.Eq(gt.claims.outcome("A prevails at rung 3"), 1)
    ),
}


def solution() -> gt.Solution:
    """The subgame perfect equilibria of ``game``, with their conditions on (V, c_A, c_B)."""
    return gt.spe(game, space=space)


PATHS = {
    "status quo": "deterred",
    "A prevails at rung 1": "one rung",
    "A prevails at rung 3": "brink",
}


def reach_sweeps(n: int = 60, N: int = 4, J_B: int = 2) -> dict[int, gt.SweepResult]:
    """For each reach J_A = 1..3, the SPE swept over costs ``c_A/V, c_B/V`` in (0, 1) (V = 1)."""
    grid = np.linspace(0.5 / n, 1 - 0.5 / n, n)
    return {
        J: gt.sweep(
            gt.spe(build(N, J, J_B), space_for(N)),
            V=1,
            c_A=grid,
            c_B=grid,
            **WAR_AT,
            outside="drop",
        )
        for J in (1, 2, 3)
    }


def reach_table(results: dict[int, gt.SweepResult]) -> str:
    """Share of the cost grid where A is deterred, climbs one rung or jumps to the brink (a
    point on a boundary counts for each equilibrium there)."""
    lines = [f"{'J_A':<4} " + " ".join(f"{v:>9}" for v in PATHS.values()) + "  (share of the grid)"]
    for J, res in results.items():
        shares = []
        for label in PATHS:
            col = res.frame.get(label)
            pts = 0 if col is None else res.frame.loc[col > 0.5, "point"].nunique()
            shares.append(pts / res.n_points)
        lines.append(f"{J:<4} " + " ".join(f"{x:>9.3f}" for x in shares))
    return "\n".join(lines)


def main() -> None:
    """Print the symbolic subgame perfect equilibria, those at each scenario, and how A's reach
    changes deterrence over the costs."""
    print(game)
    print()
    print(
        gt.model_report(
            solution(),
            scenarios,
            title="Escalation ladder, N = 4, J_A = 3, J_B = 2 (A = US)",
            claims=claims,
        )
    )
    results = reach_sweeps()
    print("\nSweep: A's reach J_A against the costs c_A/V, c_B/V in (0, 1), N = 4, J_B = 2")
    print(reach_table(results))
    diff = gt.compare(results[3], results[1], measure="status quo")
    print(
        "Reach 3 instead of 1 changes whether A is deterred on "
        f"{diff.summary()['share_differing']:.1%} of the grid (gt.compare)"
    )


if __name__ == "__main__":
    main()
