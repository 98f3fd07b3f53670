"""Calibrated retaliation: Iran chooses whether to warn and how hard to strike (MODELS.md §1, §1b).

What it models
--------------
Nature draws the Target U's (the United States') private tolerance θ ~ Uniform[θ_L, θ_H],
Δ = θ_H − θ_L; U alone sees it (``gt.ContinuousChance``).  The Retaliator I (Iran) first
chooses ω ∈ {warn, no warning} (an advance warning through an intermediary), then an intensity
``r ≥ 0`` (a ``gt.ContinuousDecision``).  U sees the harm ``h = (1 − κω)·r`` and absorbs it
(payoff ``−h``) or escalates to war (payoff ``−θ``).  I's payoff is
``v(1 − λω)·r − (c/2)·r² − W·[war]``.  I does not see θ and moves before U, so it needs no
belief updating: it best-responds to U's rule, averaged over θ.

The solver derives U's rule (war iff θ < h: a cutoff in θ, listed with the weak side ``θ ≥ h``
to absorb; a tie at one θ has probability zero), integrates over θ, so that war happens with
probability ``F(h)`` (0 for ``h ≤ θ_L``, ``(h − θ_L)/Δ`` on ``[θ_L, θ_H]``, 1 above), and U's
expected payoff is a real one, ``−h·Pr(θ ≥ h) − E[θ; θ < h]``.

Parameters
----------
All seven are symbolic: v > 0 (value per unit of visible retaliation), c > 0 (convex cost),
W > 0 (I's cost of war), κ ∈ [0, 1) (share of harm a warning removes), λ ∈ [0, 1) (share of
value a warning loses), 0 ≤ θ_L < θ_H (U's tolerance band).  The space encodes MODELS.md's
assumption ``W ≥ v²/(2c)`` (certain war never pays) and, for each ω, its consequence
``a·k·Δ < W·k² + c·θ_H·Δ`` (with a = v(1 − λω), k = 1 − κω): at the strike ``r = θ_H/k``
that means certain war, I's marginal gain is negative (by the AM–GM inequality,
``W·k² + c·θ_H·Δ ≥ 2kΔ·√(cW) ≥ √2·kΔ·v > a·k·Δ``).  Stating it spares the solver that proof
and cuts the symbolic solve from about 10 s to about 4 s.

The intensity is chosen in ``[0, θ_H/(1 − κω)]``: any ``r`` above that means certain war,
worth ``a·r − c·r²/2 − W ≤ a²/(2c) − W ≤ 0 = V(0)``, so the bound never binds.

Equilibria (MODELS.md §1; ``tests/test_model_calibrated_retaliation.py`` checks them through
``gt.spe``)
---------------------------------------------------------------------------------------------
With ``a = v(1 − λω)``, ``k = 1 − κω``, I's optimum for each ω is one of three cases:

1. safe, ``a·k ≤ c·θ_L``: ``r* = a/c``, no war risk, ``V = a²/(2c)``;
2. calibrated, ``a·k > c·θ_L`` and ``a − c·θ_L/k ≤ W·k/Δ``: harm exactly θ_L, ``r* = θ_L/k``,
   no war risk, ``V = a·θ_L/k − c·θ_L²/(2k²)``;
3. risky, ``a − c·θ_L/k > W·k/Δ``: ``r* = (a − W·k/Δ)/c``, war with probability
   ``(k·r* − θ_L)/Δ``, ``V = (a − W·k/Δ)²/(2c) + W·θ_L/Δ``.

I warns iff ``V(1) > V(0)``, does not iff ``V(0) > V(1)``; where ``V(1) = V(0)`` (a boundary)
the solution lists both choices, each subgame perfect there, and its notes say so.

Scenarios
---------
``jan2020``: (v, c, W, κ, λ, θ_L, θ_H) = (1, 1, 2, 1/2, 1/10, 1/4, 3/4): I warns and strikes
with ``r* = 1/2`` (harm exactly θ_L = 1/4, calibrated), no war, ``V = 13/40``; without a
warning it would strike ``r = 1/4`` for ``V = 7/32``.
``safe``: the same v, c, κ, λ and (W, θ_L, θ_H) = (1, 3/2, 2), a tolerant target: both optima
are safe; I does not warn and strikes ``r* = 1`` for ``V = 1/2``.
``risky``: a cheap war and a wide tolerance band, (W, θ_L, θ_H) = (1/2, 0, 1): both optima
are risky; I warns and strikes ``r* = 13/20``, war with probability 13/40, ``V = 169/800``.

Sources
-------
MODELS.md §1 and §1b (this repository's model specification).  Fearon (1995), "Rationalist
explanations for war", International Organization 49(3) (private information about resolve);
Schelling (1966), *Arms and Influence*, ch. 3 (the manipulation of risk); on the January 2020
strikes on Ain al-Asad after an advance warning via Iraq, e.g. Crisis Group (2020), "The Iran–US
Trigger List".
"""

from __future__ import annotations

import numpy as np
import sympy as sp

import gametheory as gt

v, c, W = sp.symbols("v c W", positive=True)
kappa, lam = sp.symbols("kappa lambda", nonnegative=True)
theta_L, theta_H = sp.symbols("theta_L theta_H", nonnegative=True)
theta = sp.Symbol("theta")  # U's tolerance, drawn by Nature
r = sp.Symbol("r", nonnegative=True)

JAN2020 = {"v": 1, "c": 1, "kappa": sp.Rational(1, 2), "lambda": sp.Rational(1, 10)}


def strike(warn: int) -> gt.ContinuousDecision:
    """I's choice of intensity r after ω = ``warn``, and U's reply to the harm h."""
    k = 1 - kappa * warn
    gain = v * (1 - lam * warn) * r - c * r**2 / 2
    return gt.ContinuousDecision(
        "I",
        r,
        (0, theta_H / k),
        gt.Decision(
            "U",
            {
                "absorb": gt.Outcome("absorbed", I=gain, U=-k * r),
                "war": gt.Outcome("war", I=gain - W, U=-theta),
            },
        ),
        infoset=f"r|{'warn' if warn else 'no warning'}",
    )


game = gt.ExtensiveGame(
    gt.ContinuousChance(
        theta,
        gt.Uniform(theta_L, theta_H),
        then=gt.Decision("I", {"warn": strike(1), "no warning": strike(0)}, infoset="omega"),
        seen_by=("U",),
    ),
    players=["I", "U"],
)


def _edge_of_war(warn: int) -> sp.Basic:
    """At r = θ_H/k (certain war) I's marginal gain is negative (implied by W >= v²/(2c))."""
    a, k, d = v * (1 - lam * warn), 1 - kappa * warn, theta_H - theta_L
    return a * k * d < W * k**2 + c * theta_H * d


space = gt.ParameterSpace(
    {v: (0, None), c: (0, None), W: (0, None), kappa: (0, 1), lam: (0, 1)}
    | {theta_L: (0, None), theta_H: (0, None)},
    constraints=[
        theta_L < theta_H,
        kappa < 1,
        lam < 1,
        2 * c * W >= v**2,
        _edge_of_war(1),
        _edge_of_war(0),
    ],
)

scenarios = {
    "jan2020": {**JAN2020, "W": 2, "theta_L": sp.Rational(1, 4), "theta_H": sp.Rational(3, 4)},
    "safe": {**JAN2020, "W": 1, "theta_L": sp.Rational(3, 2), "theta_H": 2},
    "risky": {**JAN2020, "W": sp.Rational(1, 2), "theta_L": 0, "theta_H": 1},
}


claims = {
    "I never strikes so hard that war is certain (needs W >= v^2/(2c))": gt.war < 1,
    "with a tolerant target (c*theta_L >= v) there is no risk of war": sp.Implies(
        c * theta_L >= v, sp.Eq(gt.war, 0)
    ),
}


def solution() -> gt.Solution:
    """Every subgame-perfect equilibrium, with its conditions on all seven parameters."""
    return gt.spe(game, space=space)


def case(point: dict[sp.Symbol, sp.Expr], warn: int) -> tuple[str, sp.Expr]:
    """MODELS.md's closed form at a point: the case of I's optimum after ω = ``warn`` and r*."""
    w, tl, th, cc = point[W], point[theta_L], point[theta_H], point[c]
    a, k, d = point[v] * (1 - point[lam] * warn), 1 - point[kappa] * warn, th - tl
    if a * k <= cc * tl:
        return "safe", a / cc
    if a - cc * tl / k <= w * k / d:
        return "calibrated", tl / k
    return "risky", (a - w * k / d) / cc


def closed_forms(warn: int) -> dict[str, sp.Expr]:
    """MODELS.md's r* of each case after ω = ``warn``, as expressions."""
    a, k, d = v * (1 - lam * warn), 1 - kappa * warn, theta_H - theta_L
    return {"safe": a / c, "calibrated": theta_L / k, "risky": (a - W * k / d) / c}


def _same_form(solved: sp.Expr, form: sp.Expr, point: dict[sp.Symbol, sp.Expr] | None) -> bool:
    """Whether two rational functions are identical: unequal at an exact point settles it
    cheaply, else ``cancel`` decides."""
    if point is not None:
        gap = solved.xreplace(point) - form.xreplace(point)
        if gap.is_Rational and gap != 0:
            return False
    return sp.cancel(solved - form) == 0


Case = tuple[str, str, str, dict[sp.Symbol, sp.Expr] | None]
_LAST: list[tuple[gt.Solution, list[Case]]] = []  # the last solution's cases (printed twice)


def cases(sol: gt.Solution) -> list[Case]:
    """Per equilibrium: I's choice of ω, the case of its optimum after a warning and after
    none (the MODELS.md closed form the solver's r* equals; ``?`` if none), and its witness.
    (Computed once per solution.)"""
    if _LAST and _LAST[0][0] is sol:
        return _LAST[0][1]
    out = []
    forms = {warn: closed_forms(warn) for warn in (1, 0)}
    for eq in sol:
        point = {s: eq.witness[s] for s in sol.space.symbols} if eq.witness else None
        found = []
        for warn, label in ((1, "r|warn"), (0, "r|no warning")):
            solved = sp.sympify(eq.strategies[label][str(r)])
            names = [n for n, f in forms[warn].items() if _same_form(solved, f, point)]
            found.append(names[0] if names else "?")
        choice = next(a for a, p in eq.strategies["omega"].items() if p == 1)
        out.append((choice, found[0], found[1], point))
    _LAST[:] = [(sol, out)]
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
    """A text phase diagram over W (across) and θ_L (down) at a fixed θ_H and the January 2020
    values of v, c, κ, λ, from a compiled sweep: the case of I's optimum on the path, upper case when I warns, lower case when not
    (S safe, C calibrated, R risky); ``*`` where equilibria of different cases hold."""
    ws = np.linspace(0.5, 4, width)
    tls = np.linspace(0, 0.95 * theta_high, height)
    res = gt.sweep(sol, W=ws, theta_L=tls, theta_H=theta_high, **JAN2020, outside="drop")
    letter = {}
    for k, (choice, warned, unwarned, _) in enumerate(cases(sol)):
        ch = (warned if choice == "warn" else unwarned)[0]
        letter[k] = ch.upper() if choice == "warn" else ch.lower()
    cells = res.frame.groupby("point")["equilibrium"].agg(
        lambda e: "".join(sorted({letter[int(k)] for k in e}))
    )
    rows = []
    for i, tl in enumerate(tls):
        line = "".join(
            (lambda cell: cell if len(cell) == 1 else "*")(cells.get(j * len(tls) + i, " "))
            for j in range(len(ws))
        )
        rows.append(f"theta_L = {tl:4.2f} | {line}")
    rows.append(f"{'':>16}W = {ws[0]:g} ... {ws[-1]:g}")
    rows.append(
        f"(theta_H = {theta_high:g}, v = c = 1, kappa = 1/2, lambda = 1/10; S/C/R: safe/calibrated/risky optimum on the path; upper "
        "case: I warns, lower case: it does not; *: equilibria of different cases hold)"
    )
    return "\n".join(rows)


def main() -> None:
    """Print the regions (by case), the equilibria in full, and each scenario."""
    sol = solution()
    title = "Calibrated retaliation (Iran vs US)"
    print(title, "=" * len(title), "", sep="\n")
    print("Regions of the SPE: I's choice, and the case of its optimal intensity after each ω")
    names = ", ".join(str(x) for x in sol.space.symbols)
    print(f"(safe, calibrated or risky: MODELS.md §1), at an example point ({names}):")
    print(overview(sol), "", sep="\n")
    print("Sweep: which case where (a compiled sweep of the solution)")
    print(phase_map(sol), "", sep="\n")
    print(gt.model_report(sol, scenarios))
    print(
        "\nClaims: see `claims` in this file; tests/test_model_claims.py proves each (gt.verify)."
    )


if __name__ == "__main__":
    main()
