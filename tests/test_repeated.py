"""Repeated games: profiles of automata checked for subgame perfection and Nash, exactly.

Literature fixtures (Osborne 2004, *An Introduction to Game Theory*, ch. 14, with the
Prisoner's Dilemma payoffs T > R > P > S): grim trigger is subgame perfect iff
δ ≥ (T − R)/(T − P) (§14.7.2); k-period punishment iff δ + … + δᵏ ≥ (T − R)/(R − P) (§14.7.3,
with D dominant in the stage game); tit-for-tat only on the knife edge
δ = (T − R)/(R − S) = (P − S)/(T − P) (§14.10.1).  Every answer is also compared with an
independent simulation (tests/repeated_oracle.py) at points.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory._budget import UNLIMITED
from tests.fixtures import policy_system, roots_in_unit
from tests.repeated_oracle import Sim

delta = sp.Symbol("delta", positive=True)
T, R, P, S = sp.symbols("T R P S", real=True)
C, D = "C", "D"


def pd(t: object = T, r: object = R, p: object = P, s: object = S) -> gt.NormalFormGame:
    return gt.NormalFormGame.from_matrices(
        [[r, s], [t, p]], [[r, t], [s, p]], actions=([C, D], [C, D])
    )


SPACE = gt.ParameterSpace(
    {T: (-10, 10), R: (-10, 10), P: (-10, 10), S: (-10, 10), delta: (0, 1)},
    constraints=[T > R, R > P, P > S],
)
GRIM = gt.Automaton.grim_trigger(cooperate=C, punish=D)
TFT = gt.Automaton.tit_for_tat(cooperate=C, punish=D)


def both(a: gt.Automaton) -> dict[str, gt.Automaton]:
    return {"Row": a, "Col": a}


def test_grim_trigger_threshold_is_osbornes() -> None:
    sol = gt.spe(gt.RepeatedGame(pd(), delta), SPACE, profile=both(GRIM))
    (eq,) = sol
    assert sol.complete and eq.kind == "pure"
    assert eq.payoffs == {"Row": R, "Col": R}
    assert eq.outcomes == {"C/C": 1, "C/D": 0, "D/C": 0, "D/D": 0}
    for t, r, p, s in [(5, 3, 1, 0), (4, 3, 2, 1), (10, 2, 1, -3)]:
        at = sp.Rational(t - r, t - p)
        point = {T: t, R: r, P: p, S: s}
        assert eq.holds_at({**point, delta: at})
        assert not eq.holds_at({**point, delta: at - sp.Rational(1, 100)})


@pytest.mark.parametrize("k", [1, 2, 3])
def test_limited_punishment_threshold(k: int) -> None:
    lp = gt.Automaton.limited_punishment(cooperate=C, punish=D, k=k)
    sol = gt.spe(gt.RepeatedGame(pd(4, 3, 1, 0), delta), profile=both(lp))
    (th,) = gt.thresholds(sol, delta)
    # δ + ... + δ^k = (T − R)/(R − P) = 1/2
    assert sp.simplify(sum(th.value**j for j in range(1, k + 1)) - sp.Rational(1, 2)) == 0
    assert th.exact


def test_tit_for_tat_is_subgame_perfect_only_on_a_knife_edge() -> None:
    (eq,) = gt.spe(gt.RepeatedGame(pd(), delta), SPACE, profile=both(TFT))
    assert eq.on_boundary
    # (T, R, P, S) = (5, 3, 1, 0): (T − R)/(R − S) = 2/3 but (P − S)/(T − P) = 1/4: never
    assert len(gt.spe(gt.RepeatedGame(pd(5, 3, 1, 0), delta), profile=both(TFT))) == 0
    # (4, 3, 1, 0): both ratios are 1/3: exactly there
    (edge,) = gt.spe(gt.RepeatedGame(pd(4, 3, 1, 0), delta), profile=both(TFT))
    assert edge.holds_at(delta=sp.Rational(1, 3)) and not edge.holds_at(delta=sp.Rational(1, 2))
    # and Nash from δ = (T − R)/(R − S) on
    (nash,) = gt.nash(gt.RepeatedGame(pd(5, 3, 1, 0), delta), profile=both(TFT))
    assert nash.holds_at(delta=sp.Rational(2, 3)) and not nash.holds_at(delta=sp.Rational(13, 20))


PROFILES = {
    "grim": both(GRIM),
    "tft": both(TFT),
    "lp2": both(gt.Automaton.limited_punishment(C, D, 2)),
    "wsls": both(gt.Automaton.win_stay_lose_shift(C, D)),
    "gtft": both(gt.Automaton.generous_tit_for_tat(C, D, sp.Rational(1, 3))),
    "grim-vs-tft": {"Row": GRIM, "Col": TFT},
    "mixed": both(
        gt.Automaton(
            "a",
            {"a": {C: sp.Rational(2, 3), D: sp.Rational(1, 3)}, "b": D},
            {("a", ("*", D)): "b", ("b", ("*", "*")): "a"},
        )
    ),
}


@pytest.mark.parametrize("name", sorted(PROFILES))
@pytest.mark.parametrize("seed", [0, 1])
def test_conditions_agree_with_an_independent_simulation(name: str, seed: int) -> None:
    """At a grid of δ, the profile is listed exactly where the simulation finds no profitable
    one-shot deviation (subgame perfect) or no better strategy from the start (Nash), and the
    payoffs and outcome frequencies match the simulated ones."""
    rng = np.random.default_rng(seed)
    s_, p_, r_, t_ = sorted(int(x) for x in rng.choice(np.arange(-4, 8), 4, replace=False))
    stage = pd(t_, r_, p_, s_)
    rg = gt.RepeatedGame(stage, delta)
    pay = {prof: [float(v) for v in stage.payoff(prof).values()] for prof in stage.profiles()}
    profile = PROFILES[name]
    for concept in ("spe", "nash"):
        sol = getattr(gt, concept)(rg, profile=profile)
        for d in (0.1, 0.3, 0.45, 0.55, 0.7, 0.85, 0.95):
            sim = Sim(pay, [[C, D], [C, D]], [profile["Row"], profile["Col"]], d)
            verdict = sim.verdict(concept)
            if verdict is None:
                continue  # on a threshold: either answer is within rounding
            here = sol.at(delta=sp.Rational(d).limit_denominator(100))
            assert (len(here) == 1) == verdict, (concept, d)
            if len(here):
                v = sim.values()[("c", "c") if name != "mixed" else ("a", "a")]
                got = [float(here[0].payoffs[p]) for p in ("Row", "Col")]
                np.testing.assert_allclose(got, v, atol=1e-9)


def test_gtft_outcome_frequencies_match_a_simulation() -> None:
    """Generous tit-for-tat against a fair coin (a stage game where every payoff is 1, so the
    profile is an equilibrium and is listed): the discounted frequency of each action profile
    equals the simulated one, and the frequencies add up to 1."""
    stage = pd(1, 1, 1, 1)
    g = gt.Automaton.generous_tit_for_tat(C, D, sp.Rational(1, 3))
    coin = gt.Automaton("a", {"a": {C: sp.Rational(1, 2), D: sp.Rational(1, 2)}})
    d = sp.Rational(4, 5)
    (eq,) = gt.nash(gt.RepeatedGame(stage, d), profile={"Row": g, "Col": coin})
    assert sum(eq.outcomes.values()) == 1
    pay = {prof: [1.0, 1.0] for prof in stage.profiles()}
    sim = Sim(pay, [[C, D], [C, D]], [g, coin], float(d)).frequencies()
    for prof, f in sim.items():
        assert abs(float(eq.outcomes[stage.label(prof)]) - f) < 1e-9, prof
    assert gt.spe(gt.RepeatedGame(pd(5, 3, 1, 0), d), profile={"Row": g, "Col": g}).complete


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: gt.Automaton("x", {"c": C}), "start state"),
        (lambda: gt.Automaton("c", {"c": C}, {("c", (C, D)): "q"}), "unknown state 'q'"),
        (lambda: gt.Automaton("c", {"c": {C: sp.Rational(1, 2), D: sp.Rational(1, 3)}}), "sum to"),
        (lambda: gt.Automaton("c", {"c": C}, {("c", (C,)): "c"}), "at least two actions"),
        (lambda: gt.Automaton.limited_punishment(C, D, k=0), "positive integer"),
        (lambda: gt.RepeatedGame(pd(5, 3, 1, 0), 1), "(0, 1)"),
        (lambda: gt.RepeatedGame(pd(), T), "also a payoff parameter"),
        (lambda: gt.spe(gt.RepeatedGame(pd(5, 3, 1, 0), delta)), "give a profile"),
        (lambda: gt.spe(gt.RepeatedGame(pd(5, 3, 1, 0), delta), profile={"Row": GRIM}), "Col"),
        (
            lambda: gt.spe(
                gt.RepeatedGame(pd(5, 3, 1, 0), delta), profile=both(gt.Automaton.always("X"))
            ),
            "'X'",
        ),
        (
            lambda: gt.spe(
                gt.RepeatedGame(pd(5, 3, 1, 0), delta),
                profile={"Row": GRIM, "Col": GRIM, "Eve": GRIM},
            ),
            "Eve",
        ),
        (lambda: gt.spe(pd(5, 3, 1, 0), profile=both(GRIM)), "repeated games"),
        (
            lambda: gt.spe(
                gt.RepeatedGame(pd(5, 3, 1, 0), delta),
                profile=both(gt.Automaton("c", {"c": C}, {("c", (C, "Z")): "c"})),
            ),
            "'Z'",
        ),
    ],
)
def test_bad_input_is_a_clear_error(make, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(gt.GameError, match=words.replace("(", r"\(").replace(")", r"\)")):
        make()


def test_solutions_work_with_at_thresholds_sweeps_and_verify() -> None:
    """The usual tools take a repeated game's solution unchanged: ``verify`` proves that
    2-period retaliation needs at least grim trigger's δ (Osborne 2004, §14.7) and refutes a
    wrong threshold; ``solve`` checks the solution's profile again."""
    rg = gt.RepeatedGame(pd(), delta)
    grim = gt.spe(rg, SPACE, profile=both(GRIM))
    lp = gt.spe(rg, SPACE, profile=both(gt.Automaton.limited_punishment(C, D, 2)))
    assert gt.verify(delta >= (T - R) / (T - P), lp).status == "proved"
    again = gt.solve(grim.game, SPACE)
    assert again[0].conditions == grim[0].conditions
    point = {T: 5, R: 3, P: 1, S: 0}
    assert len(grim.at({**point, delta: sp.Rational(3, 4)})) == 1
    assert len(grim.at({**point, delta: sp.Rational(1, 4)})) == 0
    numeric = gt.spe(gt.RepeatedGame(pd(5, 3, 1, 0), delta), profile=both(GRIM))
    (th,) = gt.thresholds(numeric, delta)
    assert th.value == sp.Rational(1, 2)
    assert gt.verify(delta >= sp.Rational(3, 5), numeric).status == "refuted"
    frame = gt.sweep(numeric, delta=[0.25, 0.5, 0.75]).frame
    assert list(frame["delta"]) == [0.5, 0.75] and list(frame["C/C"]) == [1.0, 1.0]


def test_a_mixed_automaton_has_discounted_outcome_frequencies() -> None:
    """Both mix 1/2–1/2 every period: each profile has frequency 1/4 whatever δ."""
    coin = gt.Automaton("s", {"s": {C: sp.Rational(1, 2), D: sp.Rational(1, 2)}})
    sol = gt.nash(gt.RepeatedGame(pd(5, 3, 1, 0), delta), profile=both(coin))
    assert len(sol) == 0  # D is a better reply than a coin, whatever δ
    (eq,) = (
        sol.undecided
        or gt.nash(gt.RepeatedGame(pd(1, 1, 1, 1), delta), profile=both(coin)).equilibria
    )
    assert set(eq.outcomes.values()) == {sp.Rational(1, 4)}


def test_a_budget_stops_a_long_nash_check_saying_what_was_done() -> None:
    """7-period punishment against itself: a budget far below the check's cost stops it at a
    checkpoint that says what was done (a hang guard, not a timing)."""
    lp7 = gt.Automaton.limited_punishment(C, D, 7)
    with pytest.raises(gt.BudgetExceededError, match="done so far: "):
        gt.nash(gt.RepeatedGame(pd(), delta), SPACE, profile=both(lp7), budget=1e-4)
    with pytest.raises(gt.GameError, match="budget"):
        gt.spe(gt.RepeatedGame(pd(), delta), SPACE, profile=both(GRIM), budget=-1)


# -- the Nash check's covering set of policies against the enumeration of every policy ----------

A3 = gt.Automaton(  # three states, mixed play, a random transition: a harder best response
    "a",
    {"a": C, "b": {C: sp.Rational(1, 4), D: sp.Rational(3, 4)}, "c": D},
    {
        ("a", ("*", D)): "b",
        ("b", ("*", C)): {"a": sp.Rational(1, 2), "c": sp.Rational(1, 2)},
        ("b", ("*", D)): "c",
        ("c", ("*", "*")): "a",
    },
)
COVER_PROFILES = {
    "grim": both(GRIM),
    "tft": both(TFT),
    "wsls": both(gt.Automaton.win_stay_lose_shift(C, D)),
    "lp3": both(gt.Automaton.limited_punishment(C, D, 3)),
    "gtft": both(gt.Automaton.generous_tit_for_tat(C, D, sp.Rational(1, 3))),
    "grim-vs-tft": {"Row": GRIM, "Col": TFT},
    "lp2-vs-a3": {"Row": gt.Automaton.limited_punishment(C, D, 2), "Col": A3},
    "mixed": PROFILES["mixed"],
}
# profiles whose covering set is proved for both players (the others fall back, for one player
# or both, to every policy: a failure region whose closure touches another's is not decided)
COVERED = {"grim", "lp3", "mixed"}
FREE = gt.ParameterSpace({T: (-3, 3), R: (-3, 3), P: (-3, 3), S: (-3, 3), delta: (0, 1)})


def _nash_atoms(rg: gt.RepeatedGame, profile: dict, space: gt.ParameterSpace, enumerate_all: bool):  # type: ignore[no-untyped-def]
    """The Nash atoms of every player, from the covering set or from every policy."""
    from gametheory.repeated import _chain, check
    from gametheory.repeated.game import with_discount

    automata = (profile["Row"], profile["Col"])
    space = with_discount(space, rg.discount)
    chain = _chain.build_chain(rg, automata)
    f = _chain.coefficient_field(chain)
    freq = _chain.frequencies(chain, f)
    kernel = check._enumerated if enumerate_all else check._best_response
    return [a for i in range(2) for a in kernel(chain, freq, f, i, space, UNLIMITED)[0]]


def _chain_of(rg: gt.RepeatedGame, profile: dict):  # type: ignore[no-untyped-def]
    from gametheory.repeated import _chain

    return _chain.build_chain(rg, (profile["Row"], profile["Col"]))


def _coefficients(chain):  # type: ignore[no-untyped-def]
    from gametheory.repeated import _chain

    return _chain.coefficient_field(chain)


def _with_delta(space: gt.ParameterSpace) -> gt.ParameterSpace:
    from gametheory.repeated.game import with_discount

    return with_discount(space, delta)


@pytest.mark.parametrize("space", [SPACE, FREE], ids=["pd", "free"])
@pytest.mark.parametrize("name", sorted(COVER_PROFILES))
def test_nash_from_a_covering_set_equals_nash_from_every_policy(  # type: ignore[no-untyped-def]
    name: str, space, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The covering set's conditions hold exactly where those of the enumeration of every
    deterministic policy (the reference) hold: at random payoffs, at a grid of δ, at every
    threshold of either set (rational ones exactly) and just beside each.  (The covering set
    is tried first here even where few policies would be enumerated at once.)"""
    from gametheory.repeated import _mdp, check

    monkeypatch.setattr(check, "ENUMERATE_FIRST", 0)

    rg = gt.RepeatedGame(pd(), delta)
    if name in COVERED:  # the comparison is not the enumeration against itself
        profile = COVER_PROFILES[name]
        chain = _chain_of(rg, profile)
        for i in range(2):
            f = _coefficients(chain)
            mdp = _mdp.player_mdp(chain, i)
            assert _mdp.covering(mdp, f, _with_delta(space), UNLIMITED, "x") is not None
    fast = _nash_atoms(rg, COVER_PROFILES[name], space, enumerate_all=False)
    slow = _nash_atoms(rg, COVER_PROFILES[name], space, enumerate_all=True)
    assert len(fast) <= len(slow)
    rng = np.random.default_rng(14)
    eps = sp.Rational(1, 10**6)
    for _ in range(2):
        if space is SPACE:
            s_, p_, r_, t_ = sorted(rng.choice(np.arange(-3, 4), 4, replace=False))
        else:
            s_, p_, r_, t_ = rng.integers(-3, 4, 4)
        point = {T: int(t_), R: int(r_), P: int(p_), S: int(s_)}
        deltas = {sp.Rational(k, 10) for k in range(1, 10)}
        for r in roots_in_unit([*fast, *slow], point, delta):
            near = sp.Rational(str(sp.N(r, 30)))
            deltas |= {near - eps, near + eps}
            if r.is_Rational:
                deltas.add(r)
        for d in sorted(deltas):
            at = {**point, delta: d}
            assert all(a.holds_at(at) for a in fast) == all(a.holds_at(at) for a in slow), at


def test_the_covering_set_splits_the_space_where_the_best_reply_changes() -> None:
    """Against 3-period punishment, the best reply to cooperation is to cooperate (large δ)
    or to strike (small δ): two policies, one condition that is Osborne's threshold."""
    from gametheory.repeated import _chain, _mdp
    from gametheory.repeated.game import with_discount

    lp3 = gt.Automaton.limited_punishment(C, D, 3)
    chain = _chain.build_chain(gt.RepeatedGame(pd(), delta), (lp3, lp3))
    f = _chain.coefficient_field(chain)
    mdp = _mdp.player_mdp(chain, 0)
    cover = _mdp.covering(mdp, f, with_discount(SPACE, delta), UNLIMITED, "Row")
    assert cover is not None
    assert sorted(c.policy for c in cover) == [(C, D, D, D), (D, D, D, D)]
    (eq,) = gt.nash(gt.RepeatedGame(pd(), delta), SPACE, profile=both(lp3))
    (a,) = sp.And.make_args(eq.conditions)
    assert (
        sp.simplify(
            (a.lhs - a.rhs)
            - (R * (1 + delta + delta**2 + delta**3) - T - P * (delta + delta**2 + delta**3))
        )
        == 0
    )


def test_an_undecided_region_falls_back_to_every_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    """When emptiness of a region cannot be decided the covering set is not trusted: every
    policy is enumerated, and the answer is the same."""
    from gametheory.conditions import Region
    from gametheory.repeated import _mdp, check

    monkeypatch.setattr(check, "ENUMERATE_FIRST", 0)  # the covering set first
    rg = gt.RepeatedGame(pd(), delta)
    before = gt.nash(rg, SPACE, profile=both(TFT))[0].conditions
    calls = []

    def undecided(atoms, space):  # type: ignore[no-untyped-def]
        calls.append(atoms)
        return Region((), "unknown", None)

    monkeypatch.setattr(_mdp, "reduce", undecided)
    monkeypatch.setattr(_mdp, "decide_parametric", lambda atoms, space, t: None)
    after = gt.nash(rg, SPACE, profile=both(TFT))[0].conditions
    assert calls and after == before


def test_a_denominator_sign_is_fixed_only_without_roots_in_the_unit_interval() -> None:
    """Conditions are multiplied out by the common denominator of their coefficients only when
    its sign on (0, 1) is proved: a root inside (2δ − 1) or a second symbol leaves the fraction
    to the conditions module."""
    from gametheory.repeated._chain import _fixed_sign

    g = sp.Symbol("g")
    assert _fixed_sign(1 - delta**3, delta) == 1
    assert _fixed_sign(delta - 1, delta) == -1
    assert _fixed_sign((delta - 1) * (delta + 2), delta) == -1
    assert _fixed_sign(2 * delta - 1, delta) is None
    assert _fixed_sign(1 - g * delta, delta) is None
    assert _fixed_sign(1 - g, None) is None
    assert _fixed_sign(sp.Integer(-3), delta) == -1


@pytest.mark.parametrize("name", ["lp3", "grim-vs-tft", "wsls"])
def test_geometric_sums_give_the_values_of_the_linear_solve(name: str) -> None:
    """For policies that move deterministically, values by geometric sums along the path and
    its cycle equal those of Gaussian elimination of ``(I − δP) V = (1 − δ) r``, for every
    policy of both players."""
    from gametheory.repeated import _chain, _mdp

    profile = COVER_PROFILES[name]
    chain = _chain_of(gt.RepeatedGame(pd(), delta), profile)
    f = _coefficients(chain)
    for i in range(2):
        mdp = _mdp.player_mdp(chain, i)
        for policy in itertools.product(mdp.actions, repeat=len(mdp.states)):
            rows, rhs = policy_system(mdp, policy, f, delta)
            assert _mdp.values(mdp, policy, f) == _chain.solve(f, rows, rhs), policy
