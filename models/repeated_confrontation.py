"""The confrontation that continues: a repeated US–Iran crisis Prisoner's Dilemma (MODELS.md §5).

What it models
--------------
Each period the United States and Iran choose restraint (``R``) or a strike (``S``): a crisis
Prisoner's Dilemma with symbolic payoffs ``t > r > p > s`` (the temptation of striking a
restrained rival, mutual restraint, mutual strikes, the sucker's payoff of absorbing a strike)
played forever with a common discount factor ``δ``, the shadow of the future
(``gt.RepeatedGame``).  In the stage game striking is dominant (mutual strikes, ``p``, is its only
equilibrium); repetition lets a strategy of retaliation deter.  Strategies are automata
(``gt.Automaton``), and the same automaton is played by both sides:

* *grim escalation*: restraint until anyone strikes, then strike forever (grim trigger);
* *tit-for-tat*: restraint first, then do what the rival did last period;
* *calibrated k-period retaliation*: after any strike, strike back for exactly ``k`` periods,
  then return to restraint (``Automaton.limited_punishment``), ``k = 1, ..., 4``;
* *generous tit-for-tat*: tit-for-tat that forgives a strike with probability ``g``.

Each profile is checked by ``gt.spe`` (one-shot deviations at every reachable pair of automaton
states) and ``gt.nash`` (best responses from the start); nothing below is coded as a formula.

Parameters
----------
``t, r, p, s`` in [-10, 10] with ``t > r > p > s``; ``delta`` in (0, 1); ``g`` in [0, 1), the
generosity of generous tit-for-tat (only that profile depends on it).

Results (derived by hand; ``tests/test_model_repeated_confrontation.py`` checks them)
------------------------------------------------------------------------------------
1. Grim escalation is subgame perfect, and Nash, iff ``δ ≥ (t − r)/(t − p)``.
2. k-period retaliation is subgame perfect, and Nash, iff ``δ + δ² + … + δᵏ ≥ (t − r)/(r − p)``.
   As ``δ + … + δᵏ < δ/(1 − δ)``, it needs *more* patience than grim escalation, and the shortest
   retaliation that deters, ``k*(δ)``, falls as ``δ`` rises (non-increasing); below grim's
   threshold no finite retaliation deters.
3. On the path of every one of these profiles both sides always restrain (the discounted
   frequency of mutual strikes is 0); a single strike under k-period retaliation is answered by
   exactly ``k`` periods of mutual strikes, after which both automata are back in their
   restraint state: limited retaliation deters without locking in permanent conflict.
4. Tit-for-tat is Nash iff ``δ ≥ (t − r)/(t − p)`` and ``δ ≥ (t − r)/(r − s)``, but subgame
   perfect only on the knife edge ``δ = (t − r)/(r − s) = (p − s)/(t − p)`` (Osborne 2004,
   §14.10.1): after a single strike, answering it restarts an endless echo of alternating
   strikes, which does not pay unless the two are exactly equal.
5. Generous tit-for-tat with generosity ``g`` is Nash iff ``δ(1 − g) ≥ (t − r)/(t − p)`` and
   ``δ(1 − g) ≥ (t − r)/(r − s)`` (generosity shortens the shadow of the future), and subgame
   perfect only on knife edges (equalities).

Scenarios
---------
``jan2020``: (t, r, p, s) = (3, 2, 0, −2): striking a restrained rival is worth 1 over mutual
restraint, an exchange of strikes costs 2, absorbing one costs 4; leaders with a short horizon,
``δ = 7/20``, and ``g = 1/4``.  Grim escalation deters from ``δ = 1/3``, k-period retaliation from
``δ = 1/2`` (k = 1), ``(√3 − 1)/2 ≈ 0.366`` (k = 2), ``≈ 0.3425`` (k = 3), ``≈ 0.3362`` (k = 4); so at
``δ = 7/20`` the shortest deterring retaliation is ``k* = 3``.  Tit-for-tat is Nash there
(``δ ≥ 1/3``) but never subgame perfect (``1/4 ≠ 2/3``); generous tit-for-tat needs
``δ ≥ 4/9``.
``long_shadow``: the same payoffs with ``δ = 9/10``: every profile but tit-for-tat's subgame
perfection deters, and a single period of retaliation suffices.
``short_shadow``: ``δ = 3/10``: nothing deters; only mutual strikes remain.

Sources
-------
MODELS.md §5 (this repository's model specification).  Osborne (2004), *An Introduction to Game
Theory*, ch. 14 (grim trigger §14.7.2, limited punishment §14.7.3, tit-for-tat §14.10.1);
Axelrod (1984), *The Evolution of Cooperation* (tit-for-tat); Nowak & Sigmund (1992), "Tit for
tat in heterogeneous populations", Nature 355 (generous tit-for-tat).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy as sp

import gametheory as gt
from gametheory.present import conditions_text

t, r, p, s = sp.symbols("t r p s", real=True)
delta = sp.Symbol("delta", positive=True)
g = sp.Symbol("g", nonnegative=True)
RESTRAIN, STRIKE = "R", "S"

game = gt.NormalFormGame(
    players={"US": [RESTRAIN, STRIKE], "Iran": [RESTRAIN, STRIKE]},
    payoffs={
        (RESTRAIN, RESTRAIN): (r, r),
        (RESTRAIN, STRIKE): (s, t),
        (STRIKE, RESTRAIN): (t, s),
        (STRIKE, STRIKE): (p, p),
    },
    outcomes={
        (RESTRAIN, RESTRAIN): "mutual restraint",
        (RESTRAIN, STRIKE): "Iran strikes",
        (STRIKE, RESTRAIN): "US strikes",
        (STRIKE, STRIKE): "mutual strikes",
    },
)

space = gt.ParameterSpace(
    {t: (-10, 10), r: (-10, 10), p: (-10, 10), s: (-10, 10), delta: sp.Interval.open(0, 1)}
    | {g: sp.Interval.Ropen(0, 1)},
    constraints=[t > r, r > p, p > s],
)

repeated = gt.RepeatedGame(game, discount=delta)

JAN2020 = {"t": 3, "r": 2, "p": 0, "s": -2}  # the stage payoffs of the January 2020 reading

scenarios = {
    "jan2020": {**JAN2020, "delta": sp.Rational(7, 20), "g": sp.Rational(1, 4)},
    "long_shadow": {**JAN2020, "delta": sp.Rational(9, 10), "g": sp.Rational(1, 4)},
    "short_shadow": {**JAN2020, "delta": sp.Rational(3, 10), "g": sp.Rational(1, 4)},
}

K_PROFILES = (1, 2, 3, 4)


def automaton(name: str) -> gt.Automaton:
    """The automaton both sides play under the profile ``name`` (see :data:`PROFILES`)."""
    if name == "grim escalation":
        return gt.Automaton.grim_trigger(cooperate=RESTRAIN, punish=STRIKE)
    if name == "tit-for-tat":
        return gt.Automaton.tit_for_tat(cooperate=RESTRAIN, punish=STRIKE)
    if name == "generous tit-for-tat":
        return gt.Automaton.generous_tit_for_tat(cooperate=RESTRAIN, punish=STRIKE, generosity=g)
    k = _retaliation_length(name)
    if k is None:
        raise gt.GameError(f"unknown profile {name!r}; the profiles are {', '.join(PROFILES)}")
    return gt.Automaton.limited_punishment(cooperate=RESTRAIN, punish=STRIKE, k=k)


def retaliation(k: int) -> str:
    """The name of the calibrated k-period retaliation profile."""
    return f"{k}-period retaliation"


def _retaliation_length(name: str) -> int | None:
    head, _, tail = name.partition("-period retaliation")
    return (
        int(head)
        if tail == "" and name.endswith("-period retaliation") and head.isdigit()
        else None
    )


PROFILES = (
    "grim escalation",
    "tit-for-tat",
    *(retaliation(k) for k in K_PROFILES),
    "generous tit-for-tat",
)


def solution(
    profile: str = "grim escalation",
    concept: str = "spe",
    at: Mapping[str, object] | None = None,
) -> gt.Solution:
    """Where both sides playing ``profile`` is an equilibrium: ``concept`` ``"spe"`` (subgame
    perfect, by ``gt.spe``) or ``"nash"`` (``gt.nash``).  Symbolic in every parameter, or, with
    ``at`` (values of ``t, r, p, s`` and, for generous tit-for-tat, ``g``), in ``δ`` alone:
    much faster to threshold and sweep.  Cached."""
    if concept not in ("spe", "nash"):
        raise gt.GameError(f"concept must be 'spe' or 'nash', got {concept!r}")
    if profile not in PROFILES and _retaliation_length(profile) is None:
        raise gt.GameError(f"unknown profile {profile!r}; the profiles are {', '.join(PROFILES)}")
    if at is not None and profile != "generous tit-for-tat":
        at = {k: v for k, v in at.items() if str(k) != "g"}  # only that profile depends on g
    key = None if at is None else tuple(sorted((str(k), sp.sympify(v)) for k, v in at.items()))
    return _solve(profile, concept, key)


@functools.cache
def _solve(profile: str, concept: str, at: tuple[tuple[str, sp.Expr], ...] | None) -> gt.Solution:
    a = automaton(profile)
    solve = gt.spe if concept == "spe" else gt.nash
    if at is None:
        return solve(repeated, space, profile={"US": a, "Iran": a})
    values = dict(at)
    unknown = set(values) - {"t", "r", "p", "s", "g"}
    if unknown or not {"t", "r", "p", "s"} <= set(values):
        raise gt.GameError(f"at must give t, r, p, s (and g), got {', '.join(sorted(values))}")
    stage = game.at({k: v for k, v in values.items() if k != "g"})
    if "g" in values:
        a = a.substitute({g: values["g"]})
    return solve(gt.RepeatedGame(stage, discount=delta), profile={"US": a, "Iran": a})


def thresholds(profile: str, concept: str, payoffs: Mapping[str, object]) -> list[gt.Threshold]:
    """The values of δ where ``profile`` starts (or stops) being an equilibrium at the stage
    ``payoffs`` (``{"t": .., "r": .., "p": .., "s": .., "g": ..}``), exactly
    (``gt.thresholds``)."""
    return gt.thresholds(solution(profile, concept, payoffs), delta)


def holds(profile: str, concept: str, point: Mapping[str, object]) -> bool:
    """Whether ``profile`` is an equilibrium (``concept``) at a point: stage payoffs (and
    ``g``) and ``delta``."""
    payoffs = {k: v for k, v in point.items() if k != "delta"}
    return len(solution(profile, concept, payoffs).at(delta=point["delta"])) > 0


def shortest_retaliation(
    discount: object, payoffs: Mapping[str, object] = JAN2020, k_max: int = 8
) -> int | None:
    """k*(δ): the smallest ``k`` whose k-period retaliation is subgame perfect at ``δ`` and the
    stage ``payoffs``, found by ``gt.spe`` for ``k = 1, 2, ...``.

    ``None`` when no ``k ≤ k_max`` deters and grim escalation does not deter either: every
    k-period retaliation needs at least grim's δ (result 2; ``gt.verify`` proves it for
    ``k = 1..4`` in :func:`claims`), so then no finite retaliation deters.

    Raises
    ------
    gametheory.UnsupportedGameError
        No ``k ≤ k_max`` deters but grim escalation does: a longer retaliation may (raise
        ``k_max``), so there is no exact answer within the bound.
    """
    if isinstance(k_max, bool) or not isinstance(k_max, int) or k_max < 1:
        raise gt.GameError(f"k_max must be a positive integer, got {k_max!r}")
    point = {**payoffs, "delta": discount}
    for k in range(1, k_max + 1):
        if holds(retaliation(k), "spe", point):
            return k
    if not holds("grim escalation", "spe", point):
        return None
    raise gt.UnsupportedGameError(
        f"no retaliation of at most {k_max} periods deters at delta = {discount}, but grim "
        "escalation does: a longer one may; raise k_max"
    )


def deviation_path(k: int, periods: int) -> list[tuple[str, str, str, str]]:
    """Both sides play k-period retaliation, but the US strikes once in period 0: each period's
    ``(US state, Iran state, US action, Iran action)``, read off the automata's states and
    transitions (``Automaton.play``, ``Automaton.next_state``)."""
    a = automaton(retaliation(k))
    us, iran = a.start, a.start
    out = []
    for period in range(periods):
        act_us = STRIKE if period == 0 else _pure(a, us)
        act_iran = _pure(a, iran)
        out.append((us, iran, act_us, act_iran))
        us = _sure(a.next_state(us, (act_us, act_iran)))
        iran = _sure(a.next_state(iran, (act_iran, act_us)))
    return out


def _pure(a: gt.Automaton, state: str) -> str:
    (action,) = [b for b, q in a.play[state].items() if q == 1]
    return action


def _sure(lottery: Mapping[str, sp.Expr]) -> str:
    (state,) = [x for x, q in lottery.items() if q == 1]
    return state


def claim_verdicts() -> list[tuple[str, gt.Verdict]]:
    """The model's claims, each with its verdict from ``gt.verify``: proofs over the whole
    space, fast (a refutation's search takes seconds: see :func:`grim_delta_suffices`)."""
    out: list[tuple[str, gt.Verdict]] = []
    grim_delta = delta >= (t - r) / (t - p)
    for k in K_PROFILES:
        out.append(
            (
                f"{k}-period retaliation needs at least grim escalation's delta",
                gt.verify(grim_delta, solution(retaliation(k))),
            )
        )
        out.append(
            (
                f"{k}-period retaliation never strikes on the path (P(mutual strikes) = 0)",
                gt.verify(sp.Eq(gt.claims.outcome("mutual strikes"), 0), solution(retaliation(k))),
            )
        )
    out.append(
        (
            "tit-for-tat is subgame perfect only where delta = (t - r)/(r - s)",
            gt.verify(sp.Eq(delta * (r - s), t - r), solution("tit-for-tat")),
        )
    )
    return out


def grim_delta_suffices(k: int = 1, payoffs: Mapping[str, object] = JAN2020) -> gt.Verdict:
    """``gt.verify`` of the false claim "wherever grim escalation deters, k-period retaliation
    does too", at numeric stage ``payoffs`` (only δ symbolic): refuted, with a δ between the two
    thresholds as the counterexample."""
    limited = solution(retaliation(k), "spe", payoffs)
    return gt.verify(limited[0].conditions, solution("grim escalation", "spe", payoffs))


def plot(
    r_value: object = 2,
    p_value: object = 0,
    s_value: object = -2,
    g_value: object = 0.25,
    deltas: Sequence[float] | None = None,
    temptations: Sequence[float] | None = None,
) -> Any:
    """Which profiles are equilibria over (δ, t), at numeric ``r``, ``p``, ``s`` and ``g``: one
    panel per profile, dark where it is subgame perfect, light where it is Nash only
    (``gt.sweep`` of the symbolic solutions).  Returns a matplotlib ``Figure`` (imported
    lazily; ``fig.savefig(path)`` writes it)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure

    lo = float(r_value)  # type: ignore[arg-type]
    ds = np.asarray(deltas if deltas is not None else np.linspace(0.02, 0.98, 49), dtype=float)
    ts = np.asarray(
        temptations if temptations is not None else np.linspace(lo + 0.1, lo + 5, 50), dtype=float
    )
    fixed = {"r": r_value, "p": p_value, "s": s_value, "g": g_value}
    fig = Figure(figsize=(12, 6), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(2, 4, sharex=True, sharey=True).ravel()
    cmap = ListedColormap(["#f2f2f2", "#9ecae1", "#08519c"])
    for ax, name in zip(axes, PROFILES, strict=False):
        grid = np.zeros((len(ts), len(ds)))
        for level, concept in ((1, "nash"), (2, "spe")):
            frame = gt.sweep(solution(name, concept), delta=ds, t=ts, **fixed).frame
            for d_, t_ in zip(frame["delta"], frame["t"], strict=True):
                grid[np.searchsorted(ts, t_), np.searchsorted(ds, d_)] = level
        ax.imshow(
            grid,
            origin="lower",
            aspect="auto",
            extent=(ds[0], ds[-1], ts[0], ts[-1]),
            cmap=cmap,
            vmin=0,
            vmax=2,
            interpolation="nearest",
        )
        ax.set_title(name, fontsize=10)
    for ax in axes[len(PROFILES) :]:
        ax.set_axis_off()
        ax.text(0.0, 0.5, "dark: subgame perfect\nlight: Nash only\ngrey: neither", fontsize=10)
    for ax in axes[4:]:
        ax.set_xlabel("delta")
    for ax in axes[::4]:
        ax.set_ylabel("t (temptation)")
    fig.suptitle(
        f"Which profiles deter, over (delta, t) at r = {r_value}, p = {p_value}, s = {s_value}"
    )
    return fig


def main() -> None:
    """Print the conditions, the δ thresholds, k*(δ), the claims and the scenarios."""
    print(repeated)
    print()
    title = "The confrontation that continues (US vs Iran, repeated)"
    print(title, "=" * len(title), sep="\n")
    print(f"Parameter space: {space}")
    print("\nWhere each profile is subgame perfect (gt.spe, symbolic):")
    for name in PROFILES[:-1]:
        print(f"  {name}: {_conditions(solution(name, 'spe'))}")
    print("Where it is Nash (gt.nash, symbolic):")
    for name in ("grim escalation", "tit-for-tat", retaliation(1), "generous tit-for-tat"):
        print(f"  {name}: {_conditions(solution(name, 'nash'))}")
    pay = {**JAN2020, "g": sp.Rational(1, 4)}
    jan = ", ".join(f"{k}={v}" for k, v in pay.items())
    print(f"\nThe delta thresholds at the jan2020 payoffs ({jan}), exactly:")
    for name in PROFILES:
        cells = []
        for concept in ("spe", "nash"):
            if concept == "nash" and _retaliation_length(name) not in (None, 1, 2):
                cells.append(
                    "Nash: not computed here (2^(k+1) deviation policies take seconds; "
                    "the tests prove Nash iff subgame perfect for k <= 4)"
                )
                continue
            ths = thresholds(name, concept, pay)
            label = "subgame perfect" if concept == "spe" else "Nash"
            if not ths:
                ok = holds(name, concept, {**pay, "delta": sp.Rational(1, 2)})
                cells.append(f"{label}: {'at every delta' if ok else 'at no delta'}")
            else:
                cells.append(f"{label}: " + "; ".join(_threshold(th) for th in ths))
        print(f"  {name}:\n    " + "\n    ".join(cells))
    print(
        "\nShortest deterring retaliation k*(delta) at the jan2020 payoffs (gt.spe, k = 1, 2, ...):"
    )
    for d in ("3/10", "1/3", "67/200", "7/20", "37/100", "1/2", "9/10"):
        try:
            k: object = shortest_retaliation(sp.Rational(d))
        except gt.UnsupportedGameError as exc:
            k = f"no exact answer: {exc}"
        print(f"  delta = {d:>6}: k* = {'none: no finite retaliation deters' if k is None else k}")
    print("\nOne US strike in period 0, then both play 3-period retaliation (automaton states):")
    for period, (us, iran, a_us, a_iran) in enumerate(deviation_path(3, 6)):
        print(f"  period {period}: states US={us}, Iran={iran}; play US={a_us}, Iran={a_iran}")
    print("\nClaims (gt.verify):")
    try:
        verdicts = claim_verdicts()
    except ImportError as exc:  # a plain install: no z3 to prove them, no hypothesis to search
        verdicts = []
        print(f"  not checked here: {exc}")
    for statement, verdict in verdicts:
        extra = ""
        if verdict.counterexample is not None:
            found = {str(k): v for k, v in verdict.counterexample.items()}
            extra = f" (counterexample {found})"
        print(f"  [{verdict.status}] {statement}{extra}")
    for scenario, point in scenarios.items():
        values = ", ".join(f"{k}={v}" for k, v in point.items())
        print(f"\nScenario {scenario!r} ({values}):")
        for name in PROFILES:
            print(
                f"  {name}: {'subgame perfect' if holds(name, 'spe', point) else 'not subgame perfect'}"
            )
        k = shortest_retaliation(point["delta"])
        print(f"  k* = {'none: no finite retaliation deters' if k is None else k}")


def _conditions(sol: gt.Solution) -> str:
    return conditions_text(sol[0].conditions, sol.space) if len(sol) else "never"


def _threshold(th: gt.Threshold) -> str:
    v = th.value
    side = "from" if th.above and not th.below else "at" if th.at else "until"
    text = f"{side} delta = {v}"
    return text if v.is_Rational else f"{text} ≈ {float(v):.4f}"


if __name__ == "__main__":
    main()
