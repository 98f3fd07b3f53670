"""Perfect deterrence: the Unilateral Deterrence Game with two-sided incomplete information.

What it models
--------------
Zagare & Kilgour's Unilateral Deterrence Game (MODELS.md §4).  The challenger Ch keeps the status
quo (outcome ``SQ``) or initiates; the defender Def then concedes (``DC``: Ch Defects, Def
Cooperates) or defends; after a defence Ch backs down (``CD``) or fights (``DD``, conflict).
Each side is *Hard* or *Soft*, privately and independently: Ch is Hard with prior ``p_Ch``, Def
with prior ``p_Def``.  A Hard player prefers conflict to backing down (Ch) or to conceding (Def),
a Soft one the reverse.  The players' preferences (MODELS.md §4; ``DD+`` is the Hard type's
conflict payoff, ``DD−`` the Soft type's):

- Ch: ``c_DD− < c_CD < c_DD+ < c_SQ < c_DC``;
- Def: ``d_DD− < d_DC < d_DD+ < d_CD ≤ d_SQ``.

A player's payoffs depend on its own type only (the type *is* its valuation of conflict).

The tree (``build``): two nested chance moves, Ch's type (``"Ch Hard"``, ``"Ch Soft"``) then
Def's (``"Def Hard"``, ``"Def Soft"``), then the three moves.  Ch knows its own type only: its
first move is one information set per type over Def's two types (``"Ch|Hard"``, ``"Ch|Soft"``),
and so is its last move after a defence (``"Ch|Hard|defended"``, ``"Ch|Soft|defended"``).  Def
knows its own type only: one information set per type over Ch's two types (``"Def|Hard"``,
``"Def|Soft"``), whose belief is ``μ``, the probability that the initiator is Hard.

Payoffs and parameters
----------------------
The priors are symbolic, ``p_Ch, p_Def ∈ (0, 1)``; the payoffs are numbers (``CH_PAYOFFS``,
``DEF_PAYOFFS``; ``build`` takes any others, symbols included):

============  ======  ======  ======  ======  ======
Ch            c_DD−   c_CD    c_DD+   c_SQ    c_DC
============  ======  ======  ======  ======  ======
value         −4      −2      −1      0       1
============  ======  ======  ======  ======  ======

============  ======  ======  ======  ======  ======
Def           d_DD−   d_DC    d_DD+   d_CD    d_SQ
============  ======  ======  ======  ======  ======
value         −5      −2      −1      0       0
============  ======  ======  ======  ======  ======

The status quo is worth 0 to both and a concession gains the challenger 1; a Hard player's
conflict costs it 1, a Soft one's 4 (Ch) or 5 (Def); backing down costs Ch 2 (it loses face
and the stake), conceding costs Def 2; a challenger who backs down leaves Def where it started
(``d_CD = d_SQ``).  ``symbolic_game`` is the same tree with every payoff a symbol and the
orderings as the constraints of ``symbolic_space``.

Derivation (by hand; ``tests/test_model_perfect_deterrence.py`` checks it through ``gt.pbe``
and an independent brute force)
------------------------------------------------------------------------------------------------
1. *Last move.*  Ch's payoffs do not depend on Def's type, so after a defence a Hard Ch fights
   (``c_DD+ > c_CD``) and a Soft Ch backs down (``c_CD > c_DD−``), whatever it believes.
2. *Def.*  Defending against a Hard Ch means conflict, against a Soft one its backing down.
   A Hard Def defends whatever it believes (``d_DD+ > d_DC`` and ``d_CD > d_DC``).  A Soft Def
   defends iff ``μ·d_DD− + (1 − μ)·d_CD ≥ d_DC``, i.e. iff

       μ ≤ μ* = (d_CD − d_DC)/(d_CD − d_DD−)            (here 2/5).

3. *Ch's initiation.*  Let ``s`` be the probability that a Soft Def defends; Ch expects a
   defence with probability ``δ = p_Def + (1 − p_Def)·s ≥ p_Def``.  A Hard Ch initiates iff
   ``(1 − δ)·c_DC + δ·c_DD+ ≥ c_SQ``, a Soft Ch iff ``(1 − δ)·c_DC + δ·c_CD ≥ c_SQ``:

       Hard initiates iff δ ≤ δ_H = (c_DC − c_SQ)/(c_DC − c_DD+)      (here 1/2),
       Soft initiates iff δ ≤ δ_S = (c_DC − c_SQ)/(c_DC − c_CD)       (here 1/3),

   with ``0 < δ_S < δ_H < 1``: a Soft challenger is deterred more easily.  So a Soft Ch
   initiating while a Hard one does not is impossible (then ``μ = 0``, the Soft Def defends,
   ``δ = 1``), and so is both types mixing (``δ = δ_S = δ_H``).
4. The families of PBE (``x_T``: the probability that a Ch of type T initiates):

   - **Certain deterrence** (``x_H = x_S = 0``: no type initiates, ``P(SQ) = 1``).  Def's
     information sets are off the path and their nodes lie behind *different* deviations (a Hard
     and a Soft Ch's initiation), so ``μ`` is free; the Hard Ch must be deterred, ``δ ≥ δ_H``
     (then the Soft one is too):

     * the Soft Def defends (``s = 1``, ``δ = 1``) with ``μ ∈ [0, μ*]``: **for every prior**;
     * the Soft Def concedes (``s = 0``, ``δ = p_Def``) with ``μ ∈ [μ*, 1]``: iff
       ``p_Def ≥ δ_H``;
     * the Soft Def mixes, ``μ = μ*``, ``s ≥ (δ_H − p_Def)/(1 − p_Def)``: a continuum between
       the two; its extreme point ``s = (δ_H − p_Def)/(1 − p_Def)`` exists iff ``p_Def ≤ δ_H``.

     So certain deterrence always *can* hold, but below ``p_Def = δ_H`` only on the threat that
     a Soft defender would defend too, which needs Def to read an unexpected initiation as
     coming from a Soft challenger (``μ ≤ μ*``).  If the off-path belief were held at the prior
     (``μ = p_Ch``), certain deterrence would need ``p_Ch ≤ μ*`` or ``p_Def ≥ δ_H``.
   - **Separating** (``x_H = 1``, ``x_S = 0``): ``μ = 1``, the Soft Def concedes, ``δ = p_Def``:
     iff ``δ_S ≤ p_Def ≤ δ_H``.  ``P(DD) = p_Ch·p_Def``, ``P(DC) = p_Ch·(1 − p_Def)``,
     ``P(SQ) = 1 − p_Ch``.
   - **Attack** (``x_H = x_S = 1``): ``μ = p_Ch``.  With the Soft Def defending ``δ = 1`` would
     deter the Hard Ch, so it concedes (``p_Ch ≥ μ*``) and ``δ = p_Def ≤ δ_S``: iff
     ``p_Def ≤ δ_S`` and ``p_Ch ≥ μ*``.  ``P(DD) = p_Ch·p_Def``, ``P(CD) = (1 − p_Ch)·p_Def``,
     ``P(DC) = 1 − p_Def``.
   - **Bluff** (``x_H = 1``, ``0 < x_S < 1``): the Soft Ch initiates although it will back
     down.  It is indifferent, ``δ = δ_S``, so ``s = (δ_S − p_Def)/(1 − p_Def)``; the Soft Def
     mixes, so ``μ = μ*``, so ``x_S = p_Ch·(1 − μ*)/((1 − p_Ch)·μ*)``.  Iff ``p_Def ≤ δ_S`` and
     ``p_Ch ≤ μ*`` (at ``p_Ch = μ*`` it is the attack, ``x_S = 1``).  ``P(DD) = p_Ch·δ_S``,
     ``P(CD) = p_Ch·δ_S·(1 − μ*)/μ*``, ``P(DC) = p_Ch·(1 − δ_S)/μ*``, ``P(SQ) = 1 − p_Ch/μ*``.

   On the boundaries ``p_Def = δ_H`` (the Hard Ch mixes between certain deterrence and
   separation), ``p_Def = δ_S`` (the Soft Ch mixes between separation and bluff or attack) and
   ``p_Ch = μ*`` (the Soft Def mixes in the attack) the families meet through continua.
5. *The regime map* at the numbers above (``δ_S = 1/3``, ``δ_H = 1/2``, ``μ* = 2/5``): certain
   deterrence everywhere (with a Soft defender's threat; with its concession too where
   ``p_Def ≥ 1/2``); separation for ``1/3 ≤ p_Def ≤ 1/2``; below ``p_Def = 1/3`` the attack
   where ``p_Ch ≥ 2/5`` and the bluff where ``p_Ch ≤ 2/5``.  Conflict is possible only where
   ``p_Def ≤ δ_H``, never exceeds ``p_Ch`` (it needs a Hard challenger), and is *likelier* in the
   bluff (``p_Ch·δ_S``) than under attack or separation (``p_Ch·p_Def``): a Soft defender who
   sometimes defends to keep bluffs down also meets Hard challengers.

Scenarios
---------
``jan2020``: ``(p_Ch, p_Def) = (1/3, 1/4)``.  Iran as the challenger, the United States as the
defender whose resolve Iran doubted: after no US response to the downing of a US drone (June
2019) or to the Abqaiq–Khurais attack (September 2019), Iran's prior that the US was Hard is low,
1/4 (below ``δ_S``: even a Soft Iran is not deterred by the prior alone); the US held Iran more
likely Soft than Hard (1/3, below ``μ* = 2/5``).  The bluff equilibrium: a Hard Iran initiates,
a Soft one with probability 3/4; a Soft US defends with probability 1/9; ``P(DD) = 1/9``,
``P(CD) = 1/6`` (a Soft Iran initiates, is met and backs down: the December 2019 rocket attacks,
the killing of Soleimani on 3 January and Iran's warned, calibrated strikes of 8 January read
so), ``P(DC) = 5/9``, ``P(SQ) = 1/6``; and certain deterrence on the off-path threat.
``credible_defender``: ``(1/2, 3/4)``: ``p_Def ≥ δ_H``: only certain deterrence.
``separating``: ``(1/2, 2/5)``: only a Hard challenger initiates; ``P(DD) = 1/5``.
``hard_challenger``: ``(3/4, 1/5)``: the attack: both types initiate, the Soft Def concedes;
``P(DD) = 3/20``.

Sources
-------
Zagare, F. C. & Kilgour, D. M. (1993), "Asymmetric deterrence", *International Studies Quarterly*
37(1), 1–27.  Zagare, F. C. & Kilgour, D. M. (2000), *Perfect Deterrence*, Cambridge University
Press, ch. 5 (the Unilateral Deterrence Game with two-sided incomplete information; certain
deterrence, separating, attack and bluff equilibria).  This model follows MODELS.md §4's ordinal
preferences with the numbers above; its conditions are derived here, not copied.  Gibbons, R.
(1992), *Game Theory for Applied Economists*, §4.1 (perfect Bayesian equilibrium).  On January
2020, e.g. Crisis Group (2020), "The Iran–US Trigger List".
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp

import gametheory as gt
from gametheory.present import conditions_text

p_Ch, p_Def = sp.symbols("p_Ch p_Def", positive=True)

TYPES = ("Hard", "Soft")
OUTCOMES = ("SQ", "DC", "CD", "DD")
CH_INFOSETS = ("Ch|Hard", "Ch|Soft")
DEF_INFOSETS = ("Def|Hard", "Def|Soft")
LAST_INFOSETS = ("Ch|Hard|defended", "Ch|Soft|defended")

R = sp.Rational
# keys: "DD+" / "DD-" are the Hard / Soft type's conflict payoff
CH_PAYOFFS: dict[str, sp.Expr] = {
    "DD-": sp.Integer(-4),
    "CD": sp.Integer(-2),
    "DD+": sp.Integer(-1),
    "SQ": sp.Integer(0),
    "DC": sp.Integer(1),
}
DEF_PAYOFFS: dict[str, sp.Expr] = {
    "DD-": sp.Integer(-5),
    "DC": sp.Integer(-2),
    "DD+": sp.Integer(-1),
    "CD": sp.Integer(0),
    "SQ": sp.Integer(0),
}
CH_ORDER = ("DD-", "CD", "DD+", "SQ", "DC")  # strictly increasing
DEF_ORDER = ("DD-", "DC", "DD+", "CD", "SQ")  # increasing, d_CD <= d_SQ


def conflict(payoffs: Mapping[str, sp.Expr], kind: str) -> sp.Expr:
    """A type's conflict payoff: ``DD+`` for the Hard type, ``DD-`` for the Soft one."""
    return payoffs["DD+" if kind == "Hard" else "DD-"]


def build(
    ch: Mapping[str, Any] = CH_PAYOFFS,
    de: Mapping[str, Any] = DEF_PAYOFFS,
    prior_ch: Any = p_Ch,
    prior_def: Any = p_Def,
) -> gt.ExtensiveGame:
    """The tree: Nature draws Ch's type, then Def's; Ch initiates or not; Def concedes or
    defends; Ch backs down or fights.  ``ch``, ``de``: the payoffs by outcome (``"DD+"``,
    ``"DD-"``: the Hard and the Soft type's conflict)."""

    def play(ch_type: str, def_type: str) -> gt.Decision:
        last = gt.Decision(
            "Ch",
            {
                "back down": gt.Outcome("CD", Ch=ch["CD"], Def=de["CD"]),
                "fight": gt.Outcome("DD", Ch=conflict(ch, ch_type), Def=conflict(de, def_type)),
            },
            infoset=f"Ch|{ch_type}|defended",
        )
        response = gt.Decision(
            "Def",
            {"concede": gt.Outcome("DC", Ch=ch["DC"], Def=de["DC"]), "defend": last},
            infoset=f"Def|{def_type}",
        )
        return gt.Decision(
            "Ch",
            {"SQ": gt.Outcome("SQ", Ch=ch["SQ"], Def=de["SQ"]), "initiate": response},
            infoset=f"Ch|{ch_type}",
        )

    def defender(ch_type: str) -> gt.Chance:
        return gt.Chance(
            {
                "Def Hard": (prior_def, play(ch_type, "Hard")),
                "Def Soft": (1 - prior_def, play(ch_type, "Soft")),
            }
        )

    return gt.ExtensiveGame(
        gt.Chance(
            {"Ch Hard": (prior_ch, defender("Hard")), "Ch Soft": (1 - prior_ch, defender("Soft"))}
        ),
        players=["Ch", "Def"],
    )


def thresholds(
    ch: Mapping[str, Any] = CH_PAYOFFS, de: Mapping[str, Any] = DEF_PAYOFFS
) -> dict[str, sp.Expr]:
    """The three thresholds of the derivation: ``delta_H`` and ``delta_S`` (the largest
    probability of a defence at which a Hard / Soft challenger initiates) and ``mu_star`` (the
    largest belief in a Hard challenger at which a Soft defender defends)."""
    gain = ch["DC"] - ch["SQ"]
    return {
        "delta_H": gain / (ch["DC"] - ch["DD+"]),
        "delta_S": gain / (ch["DC"] - ch["CD"]),
        "mu_star": (de["CD"] - de["DC"]) / (de["CD"] - de["DD-"]),
    }


game = build()
space = gt.ParameterSpace({p_Ch: sp.Interval.open(0, 1), p_Def: sp.Interval.open(0, 1)})

_T = thresholds()
DELTA_H, DELTA_S, MU_STAR = _T["delta_H"], _T["delta_S"], _T["mu_star"]  # 1/2, 1/3, 2/5

# -- the same game with symbolic payoffs ----------------------------------------------------------

C_SYMBOLS = {
    k: sp.Symbol(f"c_{k.replace('+', 'H').replace('-', 'S')}", real=True) for k in CH_ORDER
}
D_SYMBOLS = {
    k: sp.Symbol(f"d_{k.replace('+', 'H').replace('-', 'S')}", real=True) for k in DEF_ORDER
}
symbolic_game = build(C_SYMBOLS, D_SYMBOLS)
symbolic_space = gt.ParameterSpace(
    {
        **{s: (-10, 10) for s in (*C_SYMBOLS.values(), *D_SYMBOLS.values())},
        p_Ch: sp.Interval.open(0, 1),
        p_Def: sp.Interval.open(0, 1),
    },
    constraints=[
        *(C_SYMBOLS[a] < C_SYMBOLS[b] for a, b in itertools.pairwise(CH_ORDER)),
        *(D_SYMBOLS[a] < D_SYMBOLS[b] for a, b in itertools.pairwise(DEF_ORDER[:4])),
        D_SYMBOLS["CD"] <= D_SYMBOLS["SQ"],
    ],
)

scenarios = {
    "jan2020": {"p_Ch": R(1, 3), "p_Def": R(1, 4)},
    "credible_defender": {"p_Ch": R(1, 2), "p_Def": R(3, 4)},
    "separating": {"p_Ch": R(1, 2), "p_Def": R(2, 5)},
    "hard_challenger": {"p_Ch": R(3, 4), "p_Def": R(1, 5)},
}

DD, CD, SQ = gt.claims.outcome("DD"), gt.claims.outcome("CD"), gt.claims.outcome("SQ")
claims = {
    "a Hard challenger always fights after a defence, a Soft one always backs down": sp.And(
        sp.Eq(gt.claims.prob("Ch|Hard|defended", "fight"), 1),
        sp.Eq(gt.claims.prob("Ch|Soft|defended", "back down"), 1),
    ),
    "a Hard defender always defends": sp.Eq(gt.claims.prob("Def|Hard", "defend"), 1),
    "above p_Def = delta_H = 1/2 no type initiates (certain deterrence only)": sp.Implies(
        p_Def > DELTA_H, sp.Eq(SQ, 1)
    ),
    "a Soft challenger initiates only where p_Def <= delta_S = 1/3": sp.Implies(
        p_Def > DELTA_S, sp.Eq(gt.claims.prob("Ch|Soft", "initiate"), 0)
    ),
    "conflict needs a Hard challenger: P(DD) <= p_Ch": sp.Le(DD, p_Ch),
}


def solution() -> gt.Solution:
    """Every perfect Bayesian equilibrium, with its conditions on (p_Ch, p_Def) (about 3 s)."""
    return gt.pbe(game, space)


def symbolic_solution() -> gt.Solution:
    """The PBE of ``symbolic_game``, every payoff a symbol (about 12 s; not printed by
    ``main``).  Its conditions are polynomial in the priors and payoffs.  With z3 installed (the
    ``prove`` extra) every candidate region is decided: 8 equilibria, each with a witness.
    Without it, a few candidates whose emptiness interval and LP reasoning cannot decide are
    listed with ``witness=None`` (the derivation shows them empty: e.g. a Hard challenger
    mixing, ``δ = δ_H``, while a Soft one initiates, ``δ ≤ δ_S < δ_H``)."""
    return gt.pbe(symbolic_game, symbolic_space)


# -- reading the equilibria -------------------------------------------------------------------------

FAMILIES = ("certain deterrence", "separating", "attack", "bluff")


def initiates(eq: gt.Equilibrium, kind: str) -> sp.Expr:
    """The probability that a challenger of type ``kind`` initiates."""
    return sp.sympify(eq.strategies[f"Ch|{kind}"].get("initiate", 0))


def family(eq: gt.Equilibrium) -> str:
    """The family of an equilibrium, by the challengers' initiation: ``"certain deterrence"``
    (no type initiates), ``"separating"`` (only the Hard type), ``"attack"`` (both),
    ``"bluff"`` (the Hard type, the Soft one with probability strictly between 0 and 1), else
    ``"boundary"`` (the Hard type mixes: only on ``p_Def = delta_H``)."""
    hard, soft = initiates(eq, "Hard"), initiates(eq, "Soft")
    if hard == 0 and soft == 0:
        return "certain deterrence"
    if hard == 1:
        return "separating" if soft == 0 else "attack" if soft == 1 else "bluff"
    return "boundary"


def soft_defender(eq: gt.Equilibrium) -> str:
    """What the Soft defender does: ``"defends"``, ``"concedes"`` or ``"mixes"``."""
    s = sp.sympify(eq.strategies["Def|Soft"].get("defend", 0))
    return "defends" if s == 1 else "concedes" if s == 0 else "mixes"


def by_hand(prior_ch: Any, prior_def: Any, th: Mapping[str, Any] | None = None) -> set[str]:
    """The families the derivation gives at a point (exact), certain deterrence split by the
    Soft defender's move: ``"certain deterrence (Soft Def defends)"`` etc.  ``th``: the
    thresholds (``thresholds(...)`` of other payoffs; by default this game's)."""
    pc, pd = sp.nsimplify(prior_ch), sp.nsimplify(prior_def)
    t = th or _T
    d_h, d_s, mu = t["delta_H"], t["delta_S"], t["mu_star"]
    out = {"certain deterrence (Soft Def defends)"}
    if pd >= d_h:
        out.add("certain deterrence (Soft Def concedes)")
    if pd <= d_h:
        out.add("certain deterrence (Soft Def mixes)")
    if d_s <= pd <= d_h:
        out.add("separating")
    if pd <= d_s and pc >= mu:
        out.add("attack")
    if pd <= d_s and pc < mu:
        out.add("bluff")
    return out


def bluff_closed_form(prior_ch: Any, prior_def: Any) -> dict[str, sp.Expr]:
    """The bluff equilibrium's mixing probabilities and outcome probabilities (derivation 4)."""
    pc, pd = sp.nsimplify(prior_ch), sp.nsimplify(prior_def)
    return {
        "x_S": pc * (1 - MU_STAR) / ((1 - pc) * MU_STAR),
        "s": (DELTA_S - pd) / (1 - pd),
        "DD": pc * DELTA_S,
        "CD": pc * DELTA_S * (1 - MU_STAR) / MU_STAR,
        "DC": pc * (1 - DELTA_S) / MU_STAR,
        "SQ": 1 - pc / MU_STAR,
    }


# -- the regime map -----------------------------------------------------------------------------------

LETTERS = {"separating": "S", "attack": "A", "bluff": "B"}


def regime_map(sol: gt.Solution, columns: int = 40, rows: int = 20) -> str:
    """A text map over (p_Ch across, p_Def up) from a compiled sweep of the solution, at cell
    midpoints: the family on the path besides certain deterrence (``S`` separating, ``A``
    attack, ``B`` bluff, ``*`` several), else ``D`` where certain deterrence holds with the Soft
    defender conceding too, ``d`` where it rests on the Soft defender's off-path threat only."""
    pcs = (np.arange(columns) + 0.5) / columns
    pds = (np.arange(rows) + 0.5) / rows
    res = gt.sweep(sol, p_Ch=pcs, p_Def=pds, outside="drop")
    kinds = {k: (family(eq), soft_defender(eq)) for k, eq in enumerate(sol)}
    cells: dict[tuple[float, float], set[str]] = {}
    for (pc, pd), eqs in res.frame.groupby(["p_Ch", "p_Def"])["equilibrium"]:
        cells[round(pc, 9), round(pd, 9)] = {
            LETTERS.get(kinds[int(k)][0], "D" if kinds[int(k)][1] == "concedes" else "d")
            for k in eqs
            if kinds[int(k)][0] in LETTERS or kinds[int(k)][0] == "certain deterrence"
        }

    def char(found: set[str]) -> str:
        on_path = found & set(LETTERS.values())
        if len(on_path) > 1:
            return "*"
        if on_path:
            return on_path.pop()
        return "D" if "D" in found else ("d" if "d" in found else "?")

    lines = []
    for pd in pds[::-1]:
        line = "".join(char(cells.get((round(pc, 9), round(pd, 9)), set())) for pc in pcs)
        lines.append(f"p_Def = {pd:5.3f} | {line}")
    lines.append(f"{'':>16}p_Ch = {pcs[0]:.4f} ... {pcs[-1]:.4f}")
    lines.append(
        "S separating, A attack, B bluff, * several of them: each with certain deterrence\n"
        "beside it (on the Soft defender's off-path threat); D certain deterrence only (the\n"
        "Soft defender may concede too); d certain deterrence only, on the threat alone"
    )
    return "\n".join(lines)


def main() -> None:
    """Print the PBE (with their conditions), the families, the regime map and each scenario."""
    sol = solution()
    title = "Perfect deterrence: the Unilateral Deterrence Game, two-sided incomplete information"
    print(gt.model_report(sol, scenarios, title=title, claims=claims))
    print(
        f"\nThresholds: delta_H = {DELTA_H}, delta_S = {DELTA_S} (the largest probability of a "
        f"defence at which\na Hard / Soft challenger initiates), mu_star = {MU_STAR} (the largest "
        "belief in a Hard challenger at\nwhich a Soft defender defends)"
    )
    print("\nFamilies (see the docstring's derivation):")
    for k, eq in enumerate(sol):
        print(
            f"  [{k}] {family(eq)}, Soft Def {soft_defender(eq)}: {conditions_text(eq.conditions, eq.space)}"
        )
    print("\nRegime map (a compiled sweep of the solution over cell midpoints)")
    print(regime_map(sol))


if __name__ == "__main__":
    main()
