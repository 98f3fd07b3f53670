"""Calibrated retaliation: Iran chooses whether to warn and how hard to strike (MODELS.md §1).

What it models
--------------
The Retaliator I (Iran) first chooses ω ∈ {warn, no warning} (an advance warning through an
intermediary), then an intensity ``r ≥ 0`` (a continuous decision).  The Target U (United
States) has a private tolerance θ ~ Uniform[θ_L, θ_H], Δ = θ_H − θ_L; it sees the harm
``h = (1 − κω)·r`` and escalates to war iff ``h > θ``, so war happens with probability
``F(h)``: 0 for ``h ≤ θ_L``, ``(h − θ_L)/Δ`` on ``[θ_L, θ_H]``, 1 above.  In the tree, U's best
response is folded into a chance node with probability ``F((1 − κω)·r)`` (a sympy
``Piecewise``), outcomes ``"war"`` and ``"absorbed"``.  I's payoff is
``v(1 − λω)·r − (c/2)·r² − W·[war]``.  U's payoff is ``−h`` when it absorbs and ``−θ_H`` at
war (a placeholder for the war branch: only I moves in the tree, so U's payoff never matters
for any choice; U's *expected* payoff would need the conditional mean of θ).

Parameters and what is fixed
----------------------------
MODELS.md has seven parameters (v, c, W, κ, λ, θ_L, θ_H).  Solving the comparison of the two
warn/no-warn optima symbolically over all seven is too slow for a script (minutes), so the
game fixes ``v = c = 1`` (units of value and cost), ``κ = 1/2`` (a warning removes half the
harm) and ``λ = 1/10`` (it costs a tenth of the value), the January 2020 values, and keeps the
war cost ``W`` and the tolerance support ``θ_L < θ_H`` symbolic.  The space is
``W ∈ [1/2, 10]`` (the assumption ``W ≥ v²/(2c)``: certain war never pays) and
``0 ≤ θ_L < θ_H ≤ 2``.

The intensity is chosen in ``[0, θ_H/(1 − κω)]``: any ``r`` above that means certain war,
worth ``a·r − r²/2 − W ≤ a²/2 − W ≤ 0 = V(0)``, so under ``W ≥ v²/(2c)`` the bound never binds
(the optimum over ``r ≥ 0`` lies inside it).

Equilibria (MODELS.md §1; ``tests/test_model_calibrated_retaliation.py`` checks them through
``gt.spe``)
---------------------------------------------------------------------------------------------
With ``a = v(1 − λω)``, ``k = 1 − κω``, I's optimum for each ω is one of three cases:

1. safe, ``a·k ≤ c·θ_L``: ``r* = a/c``, no war risk, ``V = a²/(2c)``;
2. calibrated, ``a·k > c·θ_L`` and ``a − c·θ_L/k ≤ W·k/Δ``: harm exactly θ_L, ``r* = θ_L/k``,
   no war risk, ``V = a·θ_L/k − c·θ_L²/(2k²)``;
3. risky, ``a − c·θ_L/k > W·k/Δ``: ``r* = (a − W·k/Δ)/c``, war with probability
   ``(k·r* − θ_L)/Δ``, ``V = (a − W·k/Δ)²/(2c) + W·θ_L/Δ``.

I warns iff ``V(1) ≥ V(0)`` (on a tie both are listed, the package's convention).

Scenarios
---------
``jan2020``: (v, c, W, κ, λ, θ_L, θ_H) = (1, 1, 2, 1/2, 1/10, 1/4, 3/4): I warns and strikes
with ``r* = 1/2`` (harm exactly θ_L = 1/4, calibrated), no war, ``V = 13/40``; without a
warning it would strike ``r = 1/4`` for ``V = 7/32``.
``safe``: (W, θ_L, θ_H) = (1, 3/2, 2), a tolerant target: both optima are safe; I does not
warn and strikes ``r* = 1`` for ``V = 1/2``.
``risky``: a cheap war and a wide tolerance band, (W, θ_L, θ_H) = (1/2, 0, 1): both optima
are risky; I warns and strikes ``r* = 13/20``, war with probability 13/40, ``V = 169/800``.

Sources
-------
MODELS.md §1 (this repository's model specification).  Fearon (1995), "Rationalist
explanations for war", International Organization 49(3) (private information about resolve);
Schelling (1966), *Arms and Influence*, ch. 3 (the manipulation of risk); on the January 2020
strikes on Ain al-Asad after an advance warning via Iraq, e.g. Crisis Group (2020), "The Iran–US
Trigger List".
"""

from __future__ import annotations

import numpy as np
import sympy as sp

import gametheory as gt

W = sp.Symbol("W", positive=True)
theta_L, theta_H = sp.symbols("theta_L theta_H", nonnegative=True)
r = sp.Symbol("r", nonnegative=True)

V_UNIT = sp.Integer(1)  # v
C_UNIT = sp.Integer(1)  # c
KAPPA = sp.Rational(1, 2)
LAMBDA = sp.Rational(1, 10)


def war_probability(h: sp.Expr) -> sp.Expr:
    """F(h): the probability that U's tolerance θ ~ U[θ_L, θ_H] is below the harm h."""
    return sp.Piecewise(
        (0, h <= theta_L), ((h - theta_L) / (theta_H - theta_L), h <= theta_H), (1, True)
    )


def strike(warn: int) -> gt.ContinuousDecision:
    """I's choice of intensity r after ω = ``warn``, and U's escalation (a chance node)."""
    k = 1 - KAPPA * warn
    a = V_UNIT * (1 - LAMBDA * warn)
    gain = a * r - C_UNIT * r**2 / 2
    p = war_probability(k * r)
    return gt.ContinuousDecision(
        "I",
        r,
        (0, theta_H / k),
        gt.Chance(
            {
                "escalate": (p, gt.Outcome("war", I=gain - W, U=-theta_H)),
                "absorb": (1 - p, gt.Outcome("absorbed", I=gain, U=-k * r)),
            }
        ),
        infoset=f"r|{'warn' if warn else 'no warning'}",
    )


game = gt.ExtensiveGame(
    gt.Decision("I", {"warn": strike(1), "no warning": strike(0)}, infoset="omega"),
    players=["I", "U"],
)

space = gt.ParameterSpace(
    {W: (sp.Rational(1, 2), 10), theta_L: (0, 2), theta_H: (0, 2)},
    constraints=[theta_L < theta_H],
)

scenarios = {
    "jan2020": {"W": 2, "theta_L": sp.Rational(1, 4), "theta_H": sp.Rational(3, 4)},
    "safe": {"W": 1, "theta_L": sp.Rational(3, 2), "theta_H": 2},
    "risky": {"W": sp.Rational(1, 2), "theta_L": 0, "theta_H": 1},
}


claims = {
    "I never strikes so hard that war is certain (needs W >= v^2/(2c))": gt.war < 1,
    "with a tolerant target (theta_L >= 1) there is no risk of war": sp.Implies(
        theta_L >= 1, sp.Eq(gt.war, 0)
    ),
}


def solution() -> gt.Solution:
    """Every subgame-perfect equilibrium, with its conditions on (W, θ_L, θ_H)."""
    return gt.spe(game, space=space)


def case(point: dict[sp.Symbol, sp.Expr], warn: int) -> tuple[str, sp.Expr]:
    """MODELS.md's closed form at a point: the case of I's optimum after ω = ``warn`` and r*."""
    w, tl, th = point[W], point[theta_L], point[theta_H]
    a, k, d = V_UNIT * (1 - LAMBDA * warn), 1 - KAPPA * warn, th - tl
    if a * k <= C_UNIT * tl:
        return "safe", a / C_UNIT
    if a - C_UNIT * tl / k <= w * k / d:
        return "calibrated", tl / k
    return "risky", (a - w * k / d) / C_UNIT


def cases(sol: gt.Solution) -> list[tuple[str, str, str, dict[sp.Symbol, sp.Expr] | None]]:
    """Per equilibrium: I's choice of ω, the case of its optimum after a warning and after
    none (read at the equilibrium's witness point, where MODELS.md's closed form is checked
    against the solver's r*: a mismatch is marked ``?``), and the witness."""
    out = []
    for eq in sol:
        point = {s: eq.witness[s] for s in sol.space.symbols} if eq.witness else None
        found = []
        for warn, label in ((1, "r|warn"), (0, "r|no warning")):
            if point is None:
                found.append("?")
                continue
            name, r_star = case(point, warn)
            solved = sp.sympify(eq.strategies[label][str(r)]).xreplace(point)
            found.append(name if sp.simplify(solved - r_star) == 0 else f"{name}?")
        choice = next(a for a, p in eq.strategies["omega"].items() if p == 1)
        out.append((choice, found[0], found[1], point))
    return out


def overview(sol: gt.Solution) -> str:
    """One line per equilibrium: I's choice and the case of its optimum after each ω."""
    header = f"{'#':<3} {'I':<11} {'after a warning':<16} {'after no warning':<17} an example point"
    rows = [header]
    for k, (choice, warned, unwarned, point) in enumerate(cases(sol)):
        where = ", ".join(str(point[s]) for s in sol.space.symbols) if point else "-"
        rows.append(f"{k:<3} {choice:<11} {warned:<16} {unwarned:<17} ({where})")
    return "\n".join(rows)


def phase_map(sol: gt.Solution, theta_high: float = 2, width: int = 56, height: int = 14) -> str:
    """A text phase diagram over W (across) and θ_L (down) at a fixed θ_H, from a compiled
    sweep: the case of I's optimum on the path, upper case when I warns, lower case when not
    (S safe, C calibrated, R risky); ``*`` where equilibria of different cases hold."""
    ws = np.linspace(0.5, 4, width)
    tls = np.linspace(0, 0.95 * theta_high, height)
    res = gt.sweep(sol, W=ws, theta_L=tls, theta_H=theta_high, outside="drop")
    letter = {}
    for k, (choice, warned, unwarned, _) in enumerate(cases(sol)):
        c = (warned if choice == "warn" else unwarned)[0]
        letter[k] = c.upper() if choice == "warn" else c.lower()
    cells = res.frame.groupby("point")["equilibrium"].agg(
        lambda e: "".join(sorted({letter[int(k)] for k in e}))
    )
    rows = []
    for i, tl in enumerate(tls):
        line = "".join(
            (lambda c: c if len(c) == 1 else "*")(cells.get(j * len(tls) + i, " "))
            for j in range(len(ws))
        )
        rows.append(f"theta_L = {tl:4.2f} | {line}")
    rows.append(f"{'':>16}W = {ws[0]:g} ... {ws[-1]:g}")
    rows.append(
        f"(theta_H = {theta_high:g}; S/C/R: safe/calibrated/risky optimum on the path; upper "
        "case: I warns, lower case: it does not; *: equilibria of different cases hold)"
    )
    return "\n".join(rows)


def main() -> None:
    """Print the regions (by case), the equilibria in full, and each scenario."""
    sol = solution()
    title = "Calibrated retaliation (Iran vs US)"
    print(title, "=" * len(title), "", sep="\n")
    print("Regions of the SPE: I's choice, and the case of its optimal intensity after each ω")
    print("(safe, calibrated or risky: MODELS.md §1), at an example point (W, theta_L, theta_H):")
    print(overview(sol), "", sep="\n")
    print("Sweep: which case where (a compiled sweep of the solution)")
    print(phase_map(sol), "", sep="\n")
    print(gt.model_report(sol, scenarios))
    print(
        "\nClaims: see `claims` in this file; tests/test_model_claims.py proves each (gt.verify)."
    )


if __name__ == "__main__":
    main()
