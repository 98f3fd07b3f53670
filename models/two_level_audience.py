"""Two-level audience costs and face-saving: a warned strike as a way out (MODELS.md §3).

What it models
--------------
The US leader U and Iran's leader I after a US strike.  Nature draws U's type: Committed (H)
with probability π, else Flexible (L).  The type is U's domestic audience cost ``a_τ`` for
leaving casualties unanswered; U knows it, I does not (I moves at one information set, ``"I"``).
I chooses

- N, no retaliation: U gets ``g``, I gets ``-A_I`` (I's own audience cost);
- F, a face-saving strike, warned in advance, no casualties;
- M, an unwarned strike with casualties.

After F or M, U (knowing its type) absorbs (S) or escalates (E); U's information sets are
``"U|H|F"``, ``"U|H|M"``, ``"U|L|F"``, ``"U|L|M"``.  Payoffs (U, I): (F, S) ``(g_F, s_I)``;
(M, S) ``(g - h_M - a_τ, s_I + m_I)``; escalation ``(-w_U, -w_I)`` (outcome ``"war"``; the
others are ``"absorbed"`` and ``"no retaliation"``).  ``no_channel`` is the same game without
F (no warning channel).

Assumptions and the parameter space
-----------------------------------
MODELS.md: ``g_F > -w_U`` (U prefers absorbing a face-saving strike to war), ``a_H > ā > a_L``
with ``ā = g - h_M + w_U`` (only the committed type cannot leave casualties unanswered),
``s_I > -A_I`` (a face-saving strike beats doing nothing for I) and ``m_I > 0``.  One more is
needed for MODELS.md's π_F to be the threshold: ``s_I + w_I > 0`` (war is worse for I than an
absorbed face-saving strike; otherwise ``s_I + m_I + w_I`` may be ≤ 0 and I never plays F).
Signs: ``g, h_M, w_U, A_I, m_I, w_I > 0``, audience costs ``a_H, a_L ≥ 0``; ``g_F`` and
``s_I`` may be negative.  Bounds: ``(0, 10]`` for the positive parameters, ``[-10, 10]`` for
``g_F`` and ``s_I``, ``[0, 30]`` for the audience costs (ā ≤ 20) and ``π ∈ (0, 1)`` (a type
with prior 0 is absent).  ``A_I < w_I`` is *not* assumed: where ``A_I ≥ w_I``, ``π_M ≥ 1`` and
without the channel I always strikes.

Results (``tests/test_model_two_level_audience.py`` checks them through ``gt.pbe``)
----------------------------------------------------------------------------------
Let ``π_F = m_I/(s_I + m_I + w_I)`` and ``π_M = (s_I + m_I + A_I)/(s_I + m_I + w_I)``; the
assumptions give ``0 < π_F < π_M``.

1. In every perfect Bayesian equilibrium U absorbs after F (both types); after M the committed
   type escalates and the flexible type absorbs.
2. Face-saving de-escalation: I plays F, and Pr(war) = 0, iff ``π ≥ π_F``; below it I gambles
   on M and Pr(war) = π (the committed type escalates).  At ``π = π_F`` I is indifferent: both
   equilibria are listed; any mixture of F and M is a PBE there too (the solution is flagged
   ``degenerate``).
3. Without the warning channel I plays M iff ``π ≤ π_M``, else N: the channel averts a war risk
   of π for every π in ``[π_F, π_M)`` (at π_M, N already is an equilibrium without it).
4. The reduced normal form has many more Nash equilibria (at jan2020, 168 extreme points of
   continua, 10 of them pure): all but the PBE rest on moves U would not make at the
   information set they are planned for, mostly threats to escalate (e.g. I does not retaliate
   because U "would" escalate after any strike, F included: N against E E E E).

Scenarios
---------
``jan2020``: (g, g_F, h_M, w_U, a_H, a_L, A_I, s_I, m_I, w_I, π) =
(1, 1/2, 1, 3, 5, 1, 2, 1, 1, 4, 1/3): ā = 3, π_F = 1/6, π_M = 2/3.  I plays F, no war
(payoffs 1/2, 1); without the channel I plays M and Pr(war) = 1/3 (payoffs -5/3, 0).

Sources
-------
MODELS.md §3 (this repository's model specification).  Fearon (1994), "Domestic political
audiences and the escalation of international disputes", APSR 88(3) (audience costs); Putnam
(1988), "Diplomacy and domestic politics: the logic of two-level games", International
Organization 42(3); on the 8 January 2020 Iranian missile strikes on Ain al-Asad and Erbil after
an advance warning through Iraq, following the killing of Qasem Soleimani on 3 January, e.g.
Crisis Group (2020), "The Iran–US Trigger List".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp

import gametheory as gt
from gametheory.report import outcome_lines

g, h_M, w_U, A_I, m_I, w_I = sp.symbols("g h_M w_U A_I m_I w_I", positive=True)
g_F, s_I = sp.symbols("g_F s_I", real=True)
a_H, a_L = sp.symbols("a_H a_L", nonnegative=True)
pi = sp.Symbol("pi", positive=True)

A_BAR = g - h_M + w_U  # ā: the audience cost above which U escalates after casualties
pi_F = m_I / (s_I + m_I + w_I)
pi_M = (s_I + m_I + A_I) / (s_I + m_I + w_I)

AUDIENCE = {"H": a_H, "L": a_L}
U_INFOSETS = ("U|H|F", "U|H|M", "U|L|F", "U|L|M")


def build(channel: bool = True) -> gt.ExtensiveGame:
    """The tree, with the warning channel (I chooses N, F or M) or without it (N or M)."""

    def war() -> gt.Outcome:
        return gt.Outcome("war", U=-w_U, I=-w_I)

    def branch(t: str) -> gt.Decision:
        actions: dict[str, gt.Decision | gt.Outcome] = {
            "N": gt.Outcome("no retaliation", U=g, I=-A_I)
        }
        if channel:
            actions["F"] = gt.Decision(
                "U", {"S": gt.Outcome("absorbed", U=g_F, I=s_I), "E": war()}, infoset=f"U|{t}|F"
            )
        actions["M"] = gt.Decision(
            "U",
            {"S": gt.Outcome("absorbed", U=g - h_M - AUDIENCE[t], I=s_I + m_I), "E": war()},
            infoset=f"U|{t}|M",
        )
        return gt.Decision("I", actions, infoset="I")

    return gt.ExtensiveGame(
        gt.Chance({"H": (pi, branch("H")), "L": (1 - pi, branch("L"))}), players=["U", "I"]
    )


game = build(channel=True)
no_channel = build(channel=False)

space = gt.ParameterSpace(
    {
        g: (0, 10),
        g_F: (-10, 10),
        h_M: (0, 10),
        w_U: (0, 10),
        a_H: (0, 30),
        a_L: (0, 30),
        A_I: (0, 10),
        s_I: (-10, 10),
        m_I: (0, 10),
        w_I: (0, 10),
        pi: sp.Interval.open(0, 1),
    },
    constraints=[a_H > A_BAR, a_L < A_BAR, g_F > -w_U, s_I > -A_I, s_I > -w_I],
)

R = sp.Rational
scenarios = {
    "jan2020": {
        "g": 1,
        "g_F": R(1, 2),
        "h_M": 1,
        "w_U": 3,
        "a_H": 5,
        "a_L": 1,
        "A_I": 2,
        "s_I": 1,
        "m_I": 1,
        "w_I": 4,
        "pi": R(1, 3),
    },
}


claims = {
    "above the face-saving threshold pi_F there is no war": sp.Implies(pi > pi_F, sp.Eq(gt.war, 0)),
    "below pi_F Iran gambles on casualties and war comes with probability pi": sp.Implies(
        pi < pi_F, sp.Eq(gt.war, pi)
    ),
}


def solution() -> gt.Solution:
    """Every perfect Bayesian equilibrium of ``game``, with its conditions on the parameters."""
    return gt.pbe(game, space)


def no_channel_solution() -> gt.Solution:
    """The PBE without the warning channel (in the same space, so that sweeps line up)."""
    return gt.pbe(no_channel, space)


# -- Nash equilibria of the normal form, and which moves in them are not credible --------------


def credible(point: Mapping[Any, object]) -> dict[str, str]:
    """U's sequentially rational action at each of its information sets at a point (strict
    under the space's assumptions: U is never indifferent)."""
    pt = space.point(point)
    out = {}
    for h in U_INFOSETS:
        _, t, act = h.split("|")
        absorb = g_F if act == "F" else g - h_M - AUDIENCE[t]
        out[h] = "S" if bool((absorb - (-w_U)).xreplace(pt) > 0) else "E"
    return out


def not_credible(eq: gt.Equilibrium, point: Mapping[Any, object]) -> list[str]:
    """The information sets where a Nash equilibrium of the reduced normal form has U play,
    with positive probability, an action it would not take there: ``"U|H|F: E"`` etc."""
    best = credible(point)
    plans = dict(game.plans["U"])
    bad = set()
    for label, prob in eq.strategies["U"].items():
        if prob == 0:
            continue
        for h, action in plans[label].items():
            if action != best[h]:
                bad.add(f"{h}: {action}")
    return sorted(bad, key=lambda s: (U_INFOSETS.index(s.split(":")[0]), s))


def nash_at(point: Mapping[Any, object]) -> gt.Solution:
    """The Nash equilibria of the reduced normal form at a point (``gt.nash`` on the tree).
    Symbolically this is out of reach for a script (minutes: U has 16 plans)."""
    return gt.nash(game.at(point))


def nash_table(nash: gt.Solution, point: Mapping[Any, object]) -> str:
    """The pure Nash equilibria, each with Pr(war) and the moves of U that are not credible,
    then a count of the mixed ones."""
    order = " ".join(h.removeprefix("U|") for h in U_INFOSETS)
    rows = [f"{'I':<3}{'U (' + order + ')':<24}{'P(war)':<8}not credible (PBE if none)"]
    mixed = {"total": 0, "credible": 0}
    for eq in nash:
        bad = not_credible(eq, point)
        if eq.kind != "pure":
            mixed["total"] += 1
            mixed["credible"] += not bad
            continue
        (i_move,) = [a for a, p in eq.strategies["I"].items() if p == 1]
        (plan,) = [a for a, p in eq.strategies["U"].items() if p == 1]
        war = eq.outcomes.get("war", 0)
        rows.append(f"{i_move:<3}{plan:<24}{war!s:<8}{', '.join(bad) or '- (the PBE)'}")
    rows.append(
        f"... and {mixed['total']} mixed extreme points, {mixed['credible']} of them without "
        "moves U would not make"
    )
    return "\n".join(rows)


# -- sweeps over the prior π ----------------------------------------------------------------------

PI_GRID = np.arange(1, 240) / 240  # π in (0, 1), step 1/240: lands on 1/6 and 2/3 exactly


def pi_sweeps(
    point: Mapping[Any, object], grid: np.ndarray = PI_GRID
) -> tuple[gt.SweepResult, gt.SweepResult]:
    """The PBE over π with the other parameters at ``point``, with and without the channel."""
    others = {k: v for k, v in space.point(point).items() if k != pi}
    with_f = gt.sweep(solution(), others, pi=grid, strategies=True)
    without = gt.sweep(no_channel_solution(), others, pi=grid, strategies=True)
    return with_f, without


def regimes(res: gt.SweepResult) -> str:
    """I's pure choice along the π grid, as runs of grid points: ``M on [a, b]`` ..."""
    f = res.frame
    moves = [c.split(":")[1] for c in f.columns if str(c).startswith("I:")]
    by_point = f.groupby("point").apply(
        lambda rows: "/".join(m for m in moves if (rows[f"I:{m}"] == 1).any()),
        include_groups=False,
    )
    pis = f.groupby("point")["pi"].first()
    runs: list[list[Any]] = []
    for k in by_point.index:
        if runs and runs[-1][0] == by_point[k]:
            runs[-1][2] = pis[k]
        else:
            runs.append([by_point[k], pis[k], pis[k]])
    return "; ".join(f"{m} on [{lo:.4f}, {hi:.4f}]" for m, lo, hi in runs)


def averted(cmp: gt.Comparison) -> tuple[float, float, int]:
    """The grid points where Pr(war) with the channel is below Pr(war) without it: (first π,
    last π, how many)."""
    f = cmp.frame
    lower = f.loc[f["difference"] < -1e-12, "pi"]
    return float(lower.min()), float(lower.max()), int(lower.size)


def main() -> None:
    """Print the PBE (with regions), the no-channel PBE, the Nash equilibria at the scenario,
    and the sweeps over π: where the channel averts war, and the thresholds."""
    sol, nos = solution(), no_channel_solution()
    print(
        gt.model_report(
            sol, scenarios, title="Two-level audience costs (US vs Iran)", claims=claims
        )
    )
    print(f"\nClosed forms: pi_F = {pi_F}, pi_M = {pi_M}")
    print(
        "The conditions above read: [0] pi >= pi_F; [1] pi <= pi_F and pi <= pi_M (the second\n"
        "implied by the first: pi_F < pi_M as s_I > -A_I).  Without the channel: N iff\n"
        "pi >= pi_M, M iff pi <= pi_M.  The continua: at pi = pi_F any mixture of F and M is a\n"
        "PBE too, as is any mixture of N and M at pi = pi_M without the channel."
    )
    print("\nWithout the warning channel (no face-saving strike F)")
    print(str(nos))
    for name, point in scenarios.items():
        values = ", ".join(f"{k}={v}" for k, v in point.items())
        at = nos.at(point)
        print(f"\nScenario {name!r} without the channel ({values}):", at, sep="\n")
        print("\n".join(outcome_lines(at)))

    point = scenarios["jan2020"]
    nash = nash_at(point)
    print(
        f"\nNash equilibria of the reduced normal form at 'jan2020' (gt.nash): {len(nash)} "
        f"{'extreme points of continua' if nash.degenerate else 'equilibria'}; the pure ones:"
    )
    print(nash_table(nash, point))
    n_credible = sum(not not_credible(eq, point) for eq in nash)
    print(
        f"{len(nash) - n_credible} of them rest on a move U would not make at the information "
        "set it is\nplanned for: a threat to escalate (E where S is better) or a promise to "
        "absorb (S where E\nis better); gt.pbe removes them."
    )

    print("\nSweep over pi (the other parameters at 'jan2020'), with and without the channel")
    with_f, without = pi_sweeps(point)
    print(f"  with the channel:    {regimes(with_f)}")
    print(f"  without the channel: {regimes(without)}")
    cmp = gt.compare(with_f, without, measure="war", how="min")
    lo, hi, n = averted(cmp)
    print(
        f"  gt.compare(measure='war', how='min'): the channel lowers Pr(war) at {n} grid points,"
        f"\n  pi in [{lo:.4f}, {hi:.4f}]: the grid points of [pi_F, pi_M) = "
        f"[{pi_F.subs(space.point(point))}, {pi_M.subs(space.point(point))})"
    )
    worst = gt.compare(with_f, without, measure="war", how="max")
    lo, hi, n = averted(worst)
    print(
        f"  how='max' (the worst equilibrium at a tie): pi in [{lo:.4f}, {hi:.4f}], the grid "
        "points of\n  (pi_F, pi_M]: at pi_F the gamble M is still an equilibrium with the "
        "channel,\n  at pi_M it still is one without"
    )
    others = {k: v for k, v in space.point(point).items() if k != pi}
    print("  gt.thresholds over pi:")
    for label, s in (("with the channel", sol), ("without", nos)):
        for t in gt.thresholds(s, pi, others):
            print(f"    {label}: {t}")


if __name__ == "__main__":
    main()
