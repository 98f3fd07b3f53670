"""Does an advance warning reveal weakness or calibrated resolve?  A signalling game.

What it models
--------------
A retaliator I strikes a target U and first chooses whether to warn U in advance.  I is
*resolved* with prior probability ``p`` and *restrained* otherwise (its type is private).  U
sees whether a warning came, not I's type, and then escalates (war) or absorbs the strike.

- A warning halves the harm (``κ = 1/2``, fixed): U's payoff from absorbing is ``−1`` after an
  unwarned strike and ``−1/2`` after a warned one.  A warning costs I ``λ`` (the strike's lost
  effect, in units of the restrained type's cost of war).
- If U escalates, U pays ``W`` against a resolved I and ``w < W`` against a restrained one; I
  pays ``c < 1`` if resolved and ``1`` if restrained (a resolved I fears war less).

Payoffs (I, U): absorbed ``(−λ·[warn], −(1 − [warn]/2))``; escalation
``(−λ·[warn] − cost_I, −W or −w)``, outcomes ``"absorbed"`` and ``"escalation"``.  Parameters:
``p ∈ (0, 1)``, ``λ ∈ (0, 2]``, ``c ∈ (0, 1)``, ``W ∈ (0, 4]``, ``w ∈ (0, 4]`` with ``w < W``.
The symbolic ``gt.pbe`` takes about 3.5 s.

Derived results (by hand; ``tests/test_model_warning_signal.py`` checks them through ``gt.pbe``)
------------------------------------------------------------------------------------------------
With μ U's belief that I is resolved, U escalates after no warning iff ``μW + (1 − μ)w ≤ 1``
and after a warning iff ``μW + (1 − μ)w ≤ 1/2``: the warning's lower harm makes U less
inclined to escalate at every belief.  A type warns iff its cost of war times the drop in the
escalation probability the warning buys is at least λ, so the resolved type (cost ``c < 1``)
warns only if the restrained one does (for pure strategies).

1. *Separating: a warning reveals restraint* — the restrained type warns, the resolved type
   does not, U absorbs a warning and escalates after an unwarned strike — iff
   ``c ≤ λ ≤ 1``, ``w ≥ 1/2`` and ``W ≤ 1``: the warning is too dear for the resolved type
   (``λ ≥ c``) but worth it for the restrained one (``λ ≤ 1``); U absorbs a warned strike even
   from a known restrained I (the halved harm is below the cost of that war, ``w ≥ 1/2``) and
   escalates against a known resolved I who did not warn (``W ≤ 1``).  The revealed restraint
   is not punished.
2. *Pooling on warning: calibrated resolve, not weakness* — both types warn and U absorbs —
   iff ``λ ≤ c``, ``w ≤ 1`` and ``pW + (1 − p)w ≥ 1/2``.  The warning is cheap relative to
   even the resolved type's cost of war; it carries no information (U's posterior is the
   prior), and U absorbs because on the prior the warned harm is below the expected cost of
   war.  It is supported by U escalating after an unwarned strike, with the off-path belief
   ``μ ≤ min(1, (1 − w)/(W − w))`` (an interval).  The January 2020 reading: Iran's warning through
   Iraq before the strikes on Ain al-Asad was sent by a state the US could not take for
   restrained; the strike was absorbed.
3. The two regions meet only on ``λ = c``: whether a warning reveals restraint turns on the
   warning's cost against the *resolved* type's cost of war.  A separating equilibrium in
   which the resolved type warns never exists (it would need ``c ≥ λ ≥ 1``).
4. Other equilibria: pooling on no warning (U absorbs on the prior if
   ``pW + (1 − p)w ≥ 1``; with an off-path threat to escalate after a warning if ``w ≤ 1/2``),
   and semi-separating ones where the restrained type mixes (U escalates after no warning with
   probability λ) or the resolved type mixes (U escalates after a warning with probability
   ``(c − λ)/c``); ``gt.pbe`` lists them with their conditions.

Scenarios
---------
``jan2020``: (p, λ, c, W, w) = (1/2, 1/10, 1/2, 9/10, 3/4): the US would escalate against any
unwarned strike; both types warn, the US absorbs: the unique PBE, pooling on warning.
``two_readings``: (1/2, 1/10, 1/2, 2, 3/4): war with a resolved Iran is dear (W = 2), so the
US would absorb even an unwarned strike on the prior: pooling on warning coexists with pooling
on no warning.
``reveals_restraint``: (1/2, 1/2, 1/4, 9/10, 3/4): the warning is dear (λ > c): only the
restrained type warns (separating); the warned strike is absorbed, the unwarned one escalated.

Sources
-------
Spence, M. (1973), "Job market signaling", *Quarterly Journal of Economics* 87(3), 355–374, and
Cho, I.-K. & Kreps, D. M. (1987), "Signaling games and stable equilibria", *Quarterly Journal
of Economics* 102(2), 179–221 (separating and pooling equilibria of signalling games).
Fearon, J. D. (1997), "Signaling foreign policy interests: tying hands versus sinking costs",
*Journal of Conflict Resolution* 41(1), 68–90 (costly signals of resolve).  On the January 2020
strikes after an advance warning via Iraq, e.g. International Crisis Group (2020), "The
Iran–US Trigger List".  MODELS.md §1 (the calibrated-retaliation model this one complements).
"""

from __future__ import annotations

import sympy as sp

import gametheory as gt

p = sp.Symbol("p", positive=True)
lam = sp.Symbol("lambda", positive=True)
c = sp.Symbol("c", positive=True)
W = sp.Symbol("W", positive=True)
w = sp.Symbol("w", positive=True)

KAPPA = sp.Rational(1, 2)  # the share of the harm a warning removes
TYPES = ("resolved", "restrained")
MESSAGES = ("warn", "no warning")
I_WAR_COST = {"resolved": c, "restrained": sp.Integer(1)}
U_WAR_COST = {"resolved": W, "restrained": w}


def target(kind: str, message: str) -> gt.Decision:
    """U's response to ``message`` from an I of type ``kind`` (U sees only the message)."""
    warned = 1 if message == "warn" else 0
    return gt.Decision(
        "U",
        {
            "escalate": gt.Outcome(
                "escalation", I=-lam * warned - I_WAR_COST[kind], U=-U_WAR_COST[kind]
            ),
            "absorb": gt.Outcome("absorbed", I=-lam * warned, U=-(1 - KAPPA * warned)),
        },
        infoset=f"U|{message}",
    )


def retaliator(kind: str) -> gt.Decision:
    """I of type ``kind`` warns or not."""
    return gt.Decision("I", {m: target(kind, m) for m in MESSAGES}, infoset=f"I|{kind}")


game = gt.ExtensiveGame(
    gt.Chance(
        {"resolved": (p, retaliator("resolved")), "restrained": (1 - p, retaliator("restrained"))}
    ),
    players=["I", "U"],
)

space = gt.ParameterSpace(
    {p: (0, 1), lam: (0, 2), c: (0, 1), W: (0, 4), w: (0, 4)},
    constraints=[p < 1, c < 1, w < W],
)

R = sp.Rational
scenarios = {
    "jan2020": {"p": R(1, 2), "lambda": R(1, 10), "c": R(1, 2), "W": R(9, 10), "w": R(3, 4)},
    "two_readings": {"p": R(1, 2), "lambda": R(1, 10), "c": R(1, 2), "W": 2, "w": R(3, 4)},
    "reveals_restraint": {
        "p": R(1, 2),
        "lambda": R(1, 2),
        "c": R(1, 4),
        "W": R(9, 10),
        "w": R(3, 4),
    },
}

SEPARATING = sp.And(c <= lam, lam <= 1, w >= KAPPA, W <= 1)
POOLING_ON_WARNING = sp.And(lam <= c, w <= 1, p * W + (1 - p) * w >= 1 - KAPPA)


def solution() -> gt.Solution:
    """Every perfect Bayesian equilibrium, with its conditions on (p, λ, c, W, w)."""
    return gt.pbe(game, space=space)


def main() -> None:
    """Print the PBE with their regions, and each scenario."""
    print(gt.model_report(solution(), scenarios, title="Advance warning as a signal"))
    print()
    print("Separating (only the restrained type warns):", SEPARATING)
    print("Pooling on warning (both warn, U absorbs):  ", POOLING_ON_WARNING)


if __name__ == "__main__":
    main()
