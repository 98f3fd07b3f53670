"""``gt.spe`` against the independent brute-force oracle (tests/spe_oracle.py) on seeded random
trees with frequent ties, and every SPE it lists against the independent certificate
(:func:`gametheory.testing.assert_spe`).

Equivalence: two profiles are the same SPE for these comparisons when they induce the same
payoff vector and outcome distribution at *every* node (:func:`tests.spe_oracle.signature`), so
a solver may group tied choices that change nothing (identical payoffs for everyone and the same
outcome labels) and list one representative; a grouped choice that changes anyone's payoff in any
subgame, on or off the path, is a different SPE.  Half of the random games label every leaf by
its payoff vector (so identical leaves are one outcome and grouping is possible), half leave them
unlabelled (``"end:<path>"``: no two leaves are the same outcome).

The games are drawn with ``np.random.default_rng(seed)``; a game is used when the oracle can
decide it (at most ``BUDGET`` grid profiles, every vertex on the grid: see the oracle's
docstring), and the first ``GAMES`` such seeds are taken.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, replace
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_spe, spe_violations
from tests import spe_oracle as oracle
from tests.spe_oracle import Leaf, Move, Nature

from . import solved

NAMES = ("P1", "P2", "P3")
GAMES = 40
BUDGET = 3000
MAX_PURE = 150


def random_tree(rng: np.random.Generator, labelled: bool, top: int = 2, depth: int = 0) -> Move:
    """A perfect-information tree of depth at most 3, 2–3 actions, payoffs in 0..top."""
    acts = 3 if rng.random() < 0.3 else 2
    kids = []
    for k in range(acts):
        if depth == 2 or rng.random() < (0.3 if depth == 0 else 0.55):
            u = tuple(F(int(x)) for x in rng.integers(0, top + 1, size=2))
            label = "o" + "".join(str(x) for x in u) if labelled else None
            kids.append((f"a{k}", Leaf(u, label)))
        else:
            kids.append((f"a{k}", random_tree(rng, labelled, top, depth + 1)))
    return Move(int(rng.integers(0, 2)), tuple(kids))


def to_game(tree: oracle.Node, players: int = 2) -> gt.ExtensiveGame:
    def build(node: oracle.Node) -> gt.games.tree.Node:
        if isinstance(node, Leaf):
            pay = {
                NAMES[i]: sp.Rational(x.numerator, x.denominator)
                for i, x in enumerate(node.payoffs)
            }
            return gt.Outcome(node.label, **pay)
        if isinstance(node, Nature):
            return gt.Chance(
                {
                    b: (sp.Rational(q.numerator, q.denominator), build(k))
                    for b, q, k in node.branches
                }
            )
        return gt.Decision(NAMES[node.player], {a: build(k) for a, k in node.actions})

    return gt.ExtensiveGame(build(tree), players=NAMES[:players])


def profile_of(eq: gt.Equilibrium, tree: oracle.Node) -> oracle.Profile:
    """The solver's behaviour profile keyed by node path, in Fractions."""
    out = {}
    for path, node in oracle.nodes(tree):
        if isinstance(node, Move):
            mix = eq.strategies[f"{NAMES[node.player]}@{path}"]
            out[path] = {a: F(int(sp.Rational(v).p), int(sp.Rational(v).q)) for a, v in mix.items()}
    return out


@dataclass(frozen=True)
class Case:
    seed: int
    tree: Move
    game: gt.ExtensiveGame
    solution: gt.Solution
    pure: list[oracle.SPE]
    extreme: list[oracle.SPE]


@functools.cache
def cases() -> tuple[Case, ...]:
    found: list[Case] = []
    seed = 0
    while len(found) < GAMES:
        rng = np.random.default_rng(seed)
        tree = random_tree(rng, labelled=bool(seed % 2))
        seed += 1
        pure = oracle.pure_spe(tree)
        if len(pure) > MAX_PURE:
            continue
        try:
            extreme = oracle.extreme_spe(tree, budget=BUDGET)
        except (oracle.TooManyProfiles, oracle.GridTooCoarse):
            continue
        game = to_game(tree)
        found.append(Case(seed - 1, tree, game, gt.spe(game), pure, extreme))
    return tuple(found)


def _describe(tree: oracle.Node, prof: oracle.Profile) -> str:
    return ", ".join(
        f"{p}: " + "/".join(f"{a}={v}" for a, v in m.items() if v) for p, m in sorted(prof.items())
    )


def test_the_random_games_have_ties_and_mixed_end_points() -> None:
    """The sample is not trivial: many games have several pure SPE, some have mixed end points."""
    all_cases = cases()
    assert len(all_cases) == GAMES
    assert sum(len(c.pure) > 1 for c in all_cases) >= GAMES // 2
    assert sum(len(c.extreme) > len(c.pure) for c in all_cases) >= 2


def test_every_listed_spe_passes_the_certificate() -> None:
    """(b) Every equilibrium gt.spe lists is subgame perfect, with the payoffs and outcome
    probabilities the profile induces (checked exactly, independently of the solver)."""
    failures = []
    for c in cases():
        for eq in c.solution:
            found = spe_violations(c.game, eq)
            if found:
                failures.append(f"seed {c.seed}: {found}")
    assert not failures, "\n".join(failures)


def members(c: Case, eq: gt.Equilibrium) -> list[oracle.Profile]:
    """Profiles an entry may stand for: its strategies with the choices at its ``equivalent``
    information sets replaced in every combination, kept when they are SPE (the oracle decides)
    with the entry's payoffs and distribution of play."""
    base = profile_of(eq, c.tree)
    paths = {f"{NAMES[n.player]}@{p}": p for p, n in oracle.nodes(c.tree) if isinstance(n, Move)}
    slots = [(paths[h], sorted(acts)) for h, acts in eq.equivalent.items()]
    root = oracle.evaluate(c.tree, base)["root"]
    out = []
    for choice in itertools.product(*(acts for _, acts in slots)):
        prof = {k: dict(v) for k, v in base.items()}
        for (path, _acts), a in zip(slots, choice, strict=True):
            prof[path] = {b: F(int(b == a)) for b in prof[path]}
        if oracle.is_spe(c.tree, prof) and oracle.evaluate(c.tree, prof)["root"] == root:
            out.append(prof)
    return out or [base]


def test_groups_count_every_pure_spe_once() -> None:
    """The entries' ``variants`` add up to the number of pure SPE profiles."""
    for c in cases():
        pure = [eq for eq in c.solution if eq.kind == "pure"]
        assert sum(eq.variants for eq in pure) == len(c.pure), c.seed


def test_every_pure_spe_is_listed() -> None:
    """(a) Every pure SPE the oracle finds is listed (up to choices that change nothing), with
    the same payoffs and outcome probabilities."""
    failures = []
    for c in cases():
        listed = {}
        for eq in c.solution:
            for m in members(c, eq):
                listed.setdefault(oracle.signature(c.tree, m), eq)
        for e in c.pure:
            eq = listed.get(oracle.signature(c.tree, e.strategies))
            if eq is None:
                failures.append(f"seed {c.seed}: missing {_describe(c.tree, e.strategies)}")
                continue
            pay = tuple(F(str(eq.payoffs[n])) for n in NAMES[:2])
            outcomes = {k: F(str(v)) for k, v in eq.outcomes.items() if v != 0}
            if pay != e.payoffs or outcomes != e.outcomes:
                failures.append(f"seed {c.seed}: payoffs/outcomes {pay} {outcomes} vs {e}")
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:20])


def test_extreme_spe_equal_the_oracles() -> None:
    """(c) The extreme SPE gt.spe lists (mixed end points included) are exactly the oracle's,
    up to choices that change nothing."""
    failures = []
    for c in cases():
        ours = {oracle.signature(c.tree, m) for eq in c.solution for m in members(c, eq)}
        theirs = {oracle.signature(c.tree, e.strategies): e for e in c.extreme}
        missing = [e for s, e in theirs.items() if s not in ours]
        if any(isinstance(d, gt.Limit) and d.kind == "curve" for d in c.solution.diagnostics):
            missing = []  # a continuum of extreme points: the oracle samples it on its grid
        extra = len(ours - set(theirs))
        if missing or extra:
            failures.append(
                f"seed {c.seed}: {len(missing)} extreme SPE missing "
                f"({'; '.join(_describe(c.tree, e.strategies) for e in missing[:2])}), "
                f"{extra} listed that are not extreme SPE"
            )
    assert not failures, f"{len(failures)} games differ:\n" + "\n".join(failures)


# -- beyond the oracle: chance nodes and imperfect information, certificate only --------------


@pytest.mark.parametrize("seed", range(8))
def test_spe_with_chance_nodes_pass_the_certificate(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    tree = random_tree(rng, labelled=bool(seed % 2), top=3)
    p = F(int(rng.integers(1, 4)), 4)
    other = random_tree(rng, labelled=False, top=3)
    game = to_game(Nature((("h", p, tree), ("t", 1 - p, other))))
    sol = gt.spe(game)
    assert len(sol) >= 1
    pure = oracle.pure_spe(Nature((("h", p, tree), ("t", 1 - p, other))))
    assert {e.payoffs for e in pure} >= {
        tuple(F(str(eq.payoffs[n])) for n in NAMES[:2]) for eq in sol if eq.kind == "pure"
    }
    for eq in sol:
        assert_spe(game, eq)


@pytest.mark.parametrize("seed", range(8))
def test_spe_with_a_simultaneous_subgame_pass_the_certificate(seed: int) -> None:
    """P1 stays out or enters a 2x2 simultaneous-move subgame (P2 does not see P1's move there);
    its equilibria come from gt.nash inside gt.spe, and each whole profile is re-checked."""
    rng = np.random.default_rng(2000 + seed)

    def leaf() -> gt.Outcome:
        return gt.Outcome(
            **{n: int(x) for n, x in zip(NAMES[:2], rng.integers(0, 4, size=2), strict=True)}
        )

    inner = gt.Decision(
        "P1",
        {
            "U": gt.Decision("P2", {"L": leaf(), "R": leaf()}, infoset="P2-sim"),
            "D": gt.Decision("P2", {"L": leaf(), "R": leaf()}, infoset="P2-sim"),
        },
    )
    game = gt.ExtensiveGame(gt.Decision("P1", {"out": leaf(), "in": inner}))
    sol = gt.spe(game)
    assert len(sol) >= 1
    for eq in sol:
        assert_spe(game, eq)


def test_the_certificate_rejects_a_wrong_mixture_in_a_simultaneous_subgame() -> None:
    """Matching pennies after entry: the only equilibrium inside mixes 1/2–1/2; a pure play
    there is caught by the best-response check of the imperfect-information subgame."""

    def mp(a: int) -> gt.Outcome:
        return gt.Outcome(P1=a, P2=-a)

    inner = gt.Decision(
        "P1",
        {
            "H": gt.Decision("P2", {"h": mp(1), "t": mp(-1)}, infoset="P2-sim"),
            "T": gt.Decision("P2", {"h": mp(-1), "t": mp(1)}, infoset="P2-sim"),
        },
    )
    game = gt.ExtensiveGame(gt.Decision("P1", {"out": gt.Outcome(P1=F(1, 2), P2=0), "in": inner}))
    (eq,) = gt.spe(game)
    assert_spe(game, eq)
    half = sp.Rational(1, 2)
    wrong = {
        "P1@root": {"out": 1, "in": 0},
        "P1@in": {"H": 1, "T": 0},
        "P2-sim": {"h": half, "t": half},
    }
    found = spe_violations(game, wrong)
    assert any("subgame at node in" in m and "P2" in m for m in found), found


# -- the certificate on the repository's models ----------------------------------------------

# perfect_deterrence and warning_signal are trees too, but gt.spe takes ~13 s on each: left out
# to keep this file fast (the same check runs on them in ~0.1 s once solved).  bargaining and
# calibrated_retaliation draw a continuum of types (gt.ContinuousChance): the certificate checks
# the types' rules type by type, the uninformed offers and intensities in expectation over the
# type, and the claimed payoffs and outcome probabilities against exact integrals.
SPE_MODELS = {"bargaining", "calibrated_retaliation", "chain_store", "escalation_ladder"}
"""The models whose solution() is gt.spe(game, space) (the others' is gt.pbe)."""
MODELS = [
    "audience_costs",
    "bargaining",
    "calibrated_retaliation",
    "chain_store",
    "deterrence_resolve",
    "escalation_ladder",
    "two_level_audience",
]


@functools.cache
def _solved(name: str) -> tuple[Any, gt.Solution]:
    """A model of the repository and its subgame-perfect solution (solved once per test run:
    the models whose own solution() is gt.spe share it with their other tests)."""
    model = solved.model(name)
    assert isinstance(model.game, gt.ExtensiveGame)
    if name in SPE_MODELS:
        return model, solved.solution(name)
    return model, gt.spe(model.game, model.space)


@pytest.mark.parametrize("name", MODELS)
def test_model_spe_pass_the_certificate_at_their_scenarios(name: str) -> None:
    model, sol = _solved(name)
    checked = 0
    for scenario, point in model.scenarios.items():
        for eq in sol.at(point):
            found = spe_violations(model.game, eq, point)
            assert not found, f"{name} at {scenario}: {found}"
            checked += 1
    assert checked >= 1


# -- the certificate catches wrong answers below a continuum of types --------------------------

c_B = sp.Symbol("c_B")
x_offer = sp.Symbol("x", nonnegative=True)
r_strike = sp.Symbol("r", nonnegative=True)


def _scenario(name: str, scenario: str) -> tuple[Any, gt.Equilibrium, dict[str, Any]]:
    model, sol = _solved(name)
    point = model.scenarios[scenario]
    (eq,) = sol.at(point)
    return model, eq, point


def _cut_rule(yes: str, no: str, holds: sp.Basic) -> dict[str, sp.Expr]:
    return {yes: sp.Piecewise((1, holds), (0, True)), no: sp.Piecewise((0, holds), (1, True))}


@pytest.mark.parametrize("seed", range(2))
def test_a_wrong_cutoff_in_a_type_rule_is_caught(seed: int) -> None:
    """B's rule in bargaining (accept iff c_B >= 1/2 - x: Fearon 1995) with its cutoff moved by
    a random shift, and U's rule in calibrated retaliation (absorb iff θ >= h = r/2 after a
    warning) with a random wrong slope: each is caught at the types between the two cutoffs."""
    rng = np.random.default_rng(seed)
    shift = sp.Rational(int(rng.choice([-1, 1])) * int(rng.integers(5, 20)), 100)
    model, eq, point = _scenario("bargaining", "jan2020")
    wrong = {
        **eq.strategies,
        "reply": _cut_rule("accept", "reject", c_B >= sp.Rational(1, 2) - x_offer + shift),
    }
    found = spe_violations(model.game, wrong, point)
    rule = [m for m in found if m.startswith("at node c_B/x (given x = ")]
    assert rule and all("B plays" in m and "c_B = " in m for m in rule), found
    slope = sp.Rational(int(rng.integers(2, 5)), 10)  # not 1/2
    model, eq, point = _scenario("calibrated_retaliation", "risky")
    theta_u = sp.Symbol("theta")
    wrong = {
        **eq.strategies,
        "U@theta/warn/r": _cut_rule("absorb", "war", theta_u >= slope * r_strike),
    }
    found = spe_violations(model.game, wrong, point)
    rule = [m for m in found if m.startswith("at node theta/warn/r (given r = ")]
    assert rule and all("U plays 'absorb'" in m and ", theta = " in m for m in rule), found


@pytest.mark.parametrize("seed", range(2))
def test_a_wrong_uninformed_reply_is_caught(seed: int) -> None:
    """The uninformed offer and intensity moved by a random amount, and Iran's warning
    flipped: each is caught in expectation over the type (the optima are unique: the
    models' docstrings)."""
    rng = np.random.default_rng(seed)
    delta = sp.Rational(int(rng.choice([-1, 1])) * int(rng.integers(1, 10)), 100)
    model, eq, point = _scenario("bargaining", "cheap_war")
    x_star = eq.strategies["offer"]["x"]
    found = spe_violations(model.game, {**eq.strategies, "offer": {"x": x_star + delta}}, point)
    assert len(found) == 1, found
    assert found[0].startswith(
        f"at node c_B (in expectation over c_B ~ Uniform(0, 1)), A chooses x = {float(x_star + delta):.9g}"
    )
    model, eq, point = _scenario("calibrated_retaliation", "jan2020")
    r_star = eq.strategies["r|warn"]["r"]
    wrong = {**eq.strategies, "r|warn": {"r": r_star + delta}}
    (msg,) = spe_violations(model.game, wrong, point)
    assert msg.startswith("at node theta/warn (in expectation over theta ~ Uniform(1/4, 3/4)), I ")
    flipped = {**eq.strategies, "omega": {"warn": 0, "no warning": 1}}
    (msg,) = spe_violations(model.game, flipped, point)
    assert "I plays 'no warning' (probability 1)" in msg and "'warn' is worth" in msg


@pytest.mark.parametrize("seed", range(2))
def test_wrong_reported_payoffs_and_outcomes_are_caught(seed: int) -> None:
    """Claims off by a random rational as small as 1e-9 are caught: the integrals over the type
    are exact (bargaining, jan2020: A 101/200, B 181/400, Pr(war) 1/10 by hand)."""
    rng = np.random.default_rng(seed)
    model, eq, point = _scenario("bargaining", "jan2020")
    assert (eq.payoffs["A"], eq.payoffs["B"], eq.outcomes["war"]) == (
        sp.Rational(101, 200),
        sp.Rational(181, 400),
        sp.Rational(1, 10),
    )
    who = str(rng.choice(["A", "B"]))
    off = sp.Rational(int(rng.integers(1, 9)), 10**9)
    wrong = replace(eq, payoffs={**eq.payoffs, who: eq.payoffs[who] + off})
    (msg,) = spe_violations(model.game, wrong, point)
    assert msg == (
        f"the claimed payoff of {who!r} is {eq.payoffs[who] + off}, but the profile induces "
        f"{eq.payoffs[who]} (gap {off})"
    )
    model, eq, point = _scenario("calibrated_retaliation", "risky")
    moved = {"war": eq.outcomes["war"] + off, "absorbed": eq.outcomes["absorbed"] - off}
    found = spe_violations(model.game, replace(eq, outcomes=moved), point)
    assert len(found) == 2 and all("claimed outcome probability" in m for m in found), found


# -- the certificate on continuous choices ---------------------------------------------------

q1, q2 = sp.symbols("q1 q2", real=True)
r = sp.Symbol("r", real=True)
theta = sp.Symbol("theta", positive=True)


def _duopoly(simultaneous: bool) -> gt.ExtensiveGame:
    """Linear inverse demand 1 - q1 - q2, no costs: Cournot (1838) when firm 2 does not see q1
    (q1 = q2 = 1/3), Stackelberg (1934) when it does (q1 = 1/2, q2 = (1 - q1)/2)."""
    leaf = gt.Outcome(L=q1 * (1 - q1 - q2), F=q2 * (1 - q1 - q2))
    follower = gt.ContinuousDecision("F", q2, (0, 1), leaf, infoset="F" if simultaneous else None)
    return gt.ExtensiveGame(gt.ContinuousDecision("L", q1, (0, 1), follower, infoset="L"))


def test_stackelberg_closed_form_and_wrong_replies() -> None:
    game = _duopoly(simultaneous=False)
    third = sp.Rational(1, 3)
    good = {"L": {"q1": sp.Rational(1, 2)}, "F@q1": {"q2": (1 - q1) / 2}}
    assert spe_violations(game, good) == []
    # the leader's Cournot quantity is not optimal against the follower's reply function
    found = spe_violations(game, {**good, "L": {"q1": third}})
    assert len(found) == 1 and "at node root, L chooses q1" in found[0]
    # a constant reply is a best reply only at q1 = 1/3: caught at other leader choices
    found = spe_violations(game, {"L": {"q1": third}, "F@q1": {"q2": third}})
    assert any("given q1 = 0.5" in m for m in found), found
    # claimed payoffs that the profile does not give
    eq = gt.Equilibrium(
        "pure",
        good,
        {"L": sp.Rational(1, 8), "F": sp.Rational(1, 8)},
        {},
        sp.true,
        {},
        gt.ParameterSpace({}),
    )
    found = spe_violations(game, eq)
    assert any("gives no outcome probability" in m for m in found)  # it claims none
    (msg,) = [m for m in found if "payoff" in m]
    assert "claimed payoff of 'F' is 1/8" in msg and "0.0625" in msg


def test_cournot_closed_form_and_a_reply_to_an_unseen_choice() -> None:
    game = _duopoly(simultaneous=True)
    third = sp.Rational(1, 3)
    assert spe_violations(game, {"L": {"q1": third}, "F": {"q2": third}}) == []
    found = spe_violations(game, {"L": {"q1": sp.Rational(1, 2)}, "F": {"q2": sp.Rational(1, 4)}})
    assert len(found) == 1 and "L chooses q1 = 0.5" in found[0]
    (msg,) = spe_violations(game, {"L": {"q1": third}, "F": {"q2": (1 - q1) / 2}})
    assert "depends on q1, which F does not observe" in msg


def _strike() -> gt.ExtensiveGame:
    """Iran strikes with intensity r; the US, seeing r, absorbs (cost r) or escalates (cost θ)."""
    return gt.ExtensiveGame(
        gt.ContinuousDecision(
            "Iran",
            r,
            (0, 2),
            gt.Decision(
                "US",
                {
                    "absorb": gt.Outcome("absorbed", US=-r, Iran=r - r**2 / 2),
                    "escalate": gt.Outcome("war", US=-theta, Iran=-1),
                },
            ),
        )
    )


def _rule(cut: sp.Basic) -> dict[str, sp.Expr]:
    return {
        "absorb": sp.Piecewise((1, cut), (0, True)),
        "escalate": sp.Piecewise((0, cut), (1, True)),
    }


def test_cutoff_rule_below_a_continuous_choice() -> None:
    game = _strike()
    sol = gt.spe(game, gt.ParameterSpace({theta: (0, 2)}))
    quarter = sp.Rational(1, 4)
    (eq,) = sol.at(theta=quarter)
    assert spe_violations(game, eq, {"theta": quarter}) == []
    # the US escalating exactly at r = θ leaves Iran no best choice: r = θ is then not optimal
    found = spe_violations(
        game, {"Iran@root": {"r": quarter}, "US@r": _rule(r < theta)}, {"theta": quarter}
    )
    assert len(found) == 1 and "Iran chooses r = 0.25, worth -1" in found[0]
    # a rule with the wrong cut (escalate above θ/2) is caught between θ/2 and θ, off the path
    found = spe_violations(
        game,
        {"Iran@root": {"r": sp.Rational(1, 8)}, "US@r": _rule(r <= theta / 2)},
        {"theta": quarter},
    )
    assert found and all("US plays 'escalate'" in m for m in found)
    assert any("r = 0.1250002" in m for m in found)  # the cut's +ε neighbour
