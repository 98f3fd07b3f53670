"""Subgame-perfect equilibria of game trees: literature fixtures and properties."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.games.tree import Node
from gametheory.solvers._spe_subgames import subgame_roots
from gametheory.solvers.spe import tree_profile_to_normal_form
from gametheory.testing import assert_equilibrium, assert_spe

from .fixtures import deterrence_root

c, a, p = sp.symbols("c a p", positive=True)
x = sp.Symbol("x", positive=True)


def certify(game: gt.ExtensiveGame, sol: gt.Solution) -> None:
    """Every SPE is a Nash equilibrium of the reduced normal form at its witness (by regret)."""
    nf = game.to_normal_form()
    for eq in sol:
        assert eq.witness is not None
        assert_equilibrium(nf, tree_profile_to_normal_form(game, eq), at=eq.witness)


def pure_choices(eq: gt.Equilibrium) -> dict[str, str]:
    return {h: next(a for a, v in s.items() if v == 1) for h, s in eq.strategies.items()}


# -- literature fixtures ----------------------------------------------------------------------


def chain_store() -> gt.ExtensiveGame:
    """Selten (1978), "The chain store paradox", Theory and Decision 9: the stage game."""
    return gt.ExtensiveGame(
        gt.Decision(
            "Entrant",
            {
                "Out": gt.Outcome(Entrant=1, Incumbent=5, label="monopoly"),
                "In": gt.Decision(
                    "Incumbent",
                    {
                        "Fight": gt.Outcome(Entrant=0, Incumbent=0, label="fight"),
                        "Accommodate": gt.Outcome(Entrant=2, Incumbent=2, label="share"),
                    },
                ),
            },
        )
    )


def test_chain_store_spe_drops_the_incredible_threat() -> None:
    game = chain_store()
    sol = gt.spe(game)
    assert sol.concept == "spe" and len(sol) == 1
    (eq,) = sol
    assert pure_choices(eq) == {"Entrant@root": "In", "Incumbent@In": "Accommodate"}
    assert eq.outcomes == {"monopoly": 0, "fight": 0, "share": 1}
    assert eq.payoffs == {"Entrant": 2, "Incumbent": 2}
    assert eq.kind == "pure" and eq.conditions is sp.true
    certify(game, sol)
    # Nash also has (Out, Fight), resting on the threat to fight
    nash = gt.nash(game)
    profiles = {(e.strategies["Entrant"]["Out"], e.strategies["Incumbent"]["Fight"]) for e in nash}
    assert (1, 1) in profiles and (0, 0) in profiles
    assert gt.solve(game).concept == "spe"


def deterrence() -> gt.ExtensiveGame:
    """The DESIGN.md strike/retaliation tree (after Schelling 1966, ch. 2)."""
    return gt.ExtensiveGame(deterrence_root())


def test_deterrence_case_split_with_ties_on_the_boundary() -> None:
    game = deterrence()
    sol = gt.spe(game)
    by = {tuple(pure_choices(e).values()): e for e in sol}
    assert set(by) == {("retaliate", "accept"), ("retaliate", "escalate"), ("absorb", "escalate")}
    accept, war, absorb = (
        by["retaliate", "accept"],
        by["retaliate", "escalate"],
        by["absorb", "escalate"],
    )
    assert accept.conditions == (c >= a)
    assert war.conditions == (a >= c)
    assert absorb.conditions == sp.Eq(a, c)
    assert war.outcomes["war"] == 1 and accept.outcomes["de-escalation"] == 1
    assert absorb.outcomes["end:absorb"] == 1
    assert accept.payoffs == {"Iran": 1, "US": -a}
    assert {len(sol.at(c=3, a=1)), len(sol.at(c=1, a=3)), len(sol.at(c=2, a=2))} == {1, 3}
    assert gt.Tie("boundary") in sol.diagnostics  # ties on the boundary are documented
    certify(game, sol)


def test_chance_expectations_and_outcome_probabilities() -> None:
    """Incomplete information about the US's resolve, observed by Iran (Fearon 1995's setting,
    reduced to two stages)."""
    resolute = gt.Decision(
        "US",
        {"accept": gt.Outcome(US=-a, Iran=1), "escalate": gt.Outcome(US=-c, Iran=-c, label="war")},
    )
    weak = gt.Decision(
        "US",
        {
            "accept": gt.Outcome(US=-a, Iran=1),
            "escalate": gt.Outcome(US=-2 * c, Iran=-c, label="war"),
        },
    )
    root = gt.Chance(
        {
            "resolute": (
                p,
                gt.Decision("Iran", {"absorb": gt.Outcome(US=1, Iran=-a), "retaliate": resolute}),
            ),
            "weak": (
                1 - p,
                gt.Decision("Iran", {"absorb": gt.Outcome(US=1, Iran=-a), "retaliate": weak}),
            ),
        }
    )
    game = gt.ExtensiveGame(root)
    space = gt.ParameterSpace({c: (0, 10), a: (0, 10), p: (0, 1)})
    sol = gt.spe(game, space)
    certify(game, sol)
    at = sol.at(c=3, a=2, p=sp.Rational(1, 3))  # c > a: accept in the resolute branch
    (eq,) = at.equilibria  # weak: 2c = 6 > 2 = a: accept too, so Iran retaliates in both
    assert eq.outcomes["war"] == 0 and eq.payoffs["US"] == -2
    at = sol.at(c=3, a=4, p=sp.Rational(1, 3))  # resolute escalates (c < a), weak accepts (2c > a)
    (eq,) = at.equilibria
    assert eq.outcomes["war"] == sp.Rational(1, 3)  # Iran still prefers war (-c) to absorbing (-a)
    war = [e for e in sol if e.outcomes["war"] != 0]
    assert war and all(not e.holds_at(c=3, a=2, p=sp.Rational(1, 2)) for e in war)
    # P(war) is p where only the resolute type fights (c <= a <= 2c), 1 where both do (a >= 2c)
    assert {e.outcomes["war"] for e in war} == {p, sp.Integer(1)}
    assert {e.outcomes["war"]: e.conditions for e in war if e.kind == "pure"}[1] == (a >= 2 * c)


def chicken_after_entry() -> gt.ExtensiveGame:
    """A simultaneous-move Chicken (Rapoport & Chammah 1966) after a first move."""
    crash = gt.Outcome(A=-c, B=-c, label="crash")
    sim = {
        "swerve": gt.Decision(
            "B",
            {"swerve": gt.Outcome(A=0, B=0), "straight": gt.Outcome(A=-1, B=1)},
            infoset="B_sim",
        ),
        "straight": gt.Decision(
            "B", {"swerve": gt.Outcome(A=1, B=-1), "straight": crash}, infoset="B_sim"
        ),
    }
    return gt.ExtensiveGame(
        gt.Decision("A", {"stay": gt.Outcome(A=0, B=0), "play": gt.Decision("A", sim)})
    )


def test_imperfect_information_subgame_is_solved_by_nash() -> None:
    game = chicken_after_entry()
    assert subgame_roots(game.root) == {(), ("play",)}
    sol = gt.spe(game, gt.ParameterSpace({c: (0, 10)}))
    certify(game, sol)
    mixed = [e for e in sol if e.kind == "mixed"]
    assert len(mixed) == 1
    (m,) = mixed
    assert m.strategies["B_sim"]["straight"] == 1 / c
    assert m.strategies["A@play"]["straight"] == 1 / c
    assert m.strategies["A@root"] == {"stay": 1, "play": 0}  # the subgame pays A 0
    assert m.outcomes["crash"] == 0
    pure = {tuple(pure_choices(e).values()) for e in sol if e.kind == "pure" and e.holds_at(c=2)}
    assert pure == {("stay", "swerve", "straight"), ("play", "straight", "swerve")}


def test_nested_subgame_inside_an_imperfect_information_subgame() -> None:
    """Entry deterrence against an unknown type: the incumbent's own move is a proper subgame
    inside the entrant's (Bayesian) subgame, so its threat must be credible there too."""

    def market(fight: int) -> gt.Decision:
        return gt.Decision(
            "Entrant",
            {
                "Out": gt.Outcome(Entrant=0, Incumbent=4),
                "In": gt.Decision(
                    "Incumbent",
                    {
                        "Fight": gt.Outcome(Entrant=-2, Incumbent=fight),
                        "Accommodate": gt.Outcome(Entrant=1, Incumbent=1),
                    },
                ),
            },
            infoset="entrant",
        )

    game = gt.ExtensiveGame(gt.Chance({"tough": (p, market(2)), "soft": (1 - p, market(-1))}))
    assert subgame_roots(game.root) == {(), ("tough", "In"), ("soft", "In")}
    space = gt.ParameterSpace({p: (0, 1)})
    sol = gt.spe(game, space)
    certify(game, sol)
    for eq in sol:
        assert pure_choices(eq)["Incumbent@tough/In"] == "Fight"
        assert pure_choices(eq)["Incumbent@soft/In"] == "Accommodate"
    entry = {e.strategies["entrant"]["In"]: e.conditions for e in sol}
    assert entry == {1: p <= sp.Rational(1, 3), 0: p >= sp.Rational(1, 3)}


def test_errors() -> None:
    g = gt.NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(gt.UnsupportedGameError, match=r"gt\.nash"):
        gt.spe(g)
    r = sp.Symbol("r")
    tree = gt.Decision(
        "A",
        {
            "go": gt.ContinuousDecision(
                "B",
                r,
                (0, 1),
                gt.Decision(
                    "A", {"x": gt.Outcome(A=r, B=-r), "y": gt.Outcome(A=0, B=0)}, infoset="h"
                ),
            ),
            "stop": gt.Outcome(A=0, B=0),
        },
    )
    # a decision below a continuous one that does not observe it is not solved yet
    with pytest.raises(gt.UnsupportedGameError, match="node go/r: a decision below"):
        gt.spe(gt.ExtensiveGame(tree))
    with pytest.raises(gt.UnsupportedGameError):
        gt.spe("not a game")


@pytest.mark.slow
def test_escalation_ladder_stays_small() -> None:
    """A war-of-attrition ladder (Shubik 1971's dollar auction shape): ties on whole planes
    (V = cA) multiply pure SPE exponentially; variants that change nothing are merged."""
    V, cA, cB = sp.symbols("V cA cB", positive=True)

    def node(k: int, n: int, na: int, nb: int) -> Node:
        if k == n:
            return gt.Outcome(A=V / 2 - na * cA, B=V / 2 - nb * cB, label="stalemate")
        if k % 2 == 0:
            quit_, nxt = gt.Outcome(A=-na * cA, B=V - nb * cB), node(k + 1, n, na + 1, nb)
            return gt.Decision("A", {"quit": quit_, "escalate": nxt})
        quit_, nxt = gt.Outcome(A=V - na * cA, B=-nb * cB), node(k + 1, n, na, nb + 1)
        return gt.Decision("B", {"quit": quit_, "escalate": nxt})

    game = gt.ExtensiveGame(node(0, 8, 0, 0))
    space = gt.ParameterSpace({V: (0, 10), cA: (0, 10), cB: (0, 10)})
    sol = gt.spe(game, space)
    assert 0 < len(sol) < 100
    certify(game, sol)
    # generic point: the first mover escalates iff her stake beats one step's cost
    (eq,) = sol.at(V=5, cA=1, cB=3).equilibria
    assert eq.strategies["A@root"]["escalate"] == 1 and eq.outcomes["end:escalate/quit"] == 1


# -- numeric backward induction (independent of the solver) ---------------------------------------


def backward_induction(node: Node, path: str = "root") -> list[tuple[dict[str, str], tuple, str]]:
    """All pure SPE of a numeric perfect-information tree: (choices, payoffs, leaf label)."""
    if isinstance(node, gt.Outcome):
        return [({}, tuple(node.payoffs.values()), node.label or f"end:{path}")]
    assert isinstance(node, gt.Decision)
    acts = list(node.actions)
    kids = [
        backward_induction(ch, act if path == "root" else f"{path}/{act}")
        for act, ch in node.actions.items()
    ]
    out = []
    for combo in itertools.product(*kids):
        k = PLAYERS.index(node.player)
        best = max(v[1][k] for v in combo)
        for act, v in zip(acts, combo, strict=True):
            if v[1][k] == best:
                choice: dict[str, str] = {}
                for w in combo:
                    choice.update(w[0])
                choice[node.infoset or f"{node.player}@{path}"] = act
                out.append((choice, v[1], v[2]))
    return out


PLAYERS = ["P1", "P2"]


@st.composite
def pi_trees(
    draw: st.DrawFn, symbolic: bool = False, labelled: bool = False, depth: int = 3
) -> Node:
    """Small perfect-information trees, integer payoffs (ties likely), or ``k + m*x``."""
    counter = itertools.count()

    def pay() -> sp.Expr:
        k = draw(st.integers(-2, 2))
        return k + draw(st.integers(-1, 1)) * x if symbolic else sp.Integer(k)

    def build(d: int) -> Node:
        if d == 0 or draw(st.integers(0, 3)) == 0:
            return gt.Outcome(
                label=f"o{next(counter)}" if labelled else None, **{pl: pay() for pl in PLAYERS}
            )
        n = draw(st.integers(2, 3))
        player = draw(st.sampled_from(PLAYERS))
        kids = {f"a{i}": build(d - 1) for i in range(n)}
        return gt.Decision(player, kids, infoset=f"h{next(counter)}" if labelled else None)

    return gt.ExtensiveGame(build(depth), players=PLAYERS)  # type: ignore[return-value]


def _strip(profile: dict[str, dict[str, sp.Expr]]) -> dict[str, str]:
    return {h: next(a for a, v in s.items() if v == 1) for h, s in profile.items()}


@pytest.mark.slow
@settings(max_examples=100)
@given(pi_trees())
def test_numeric_trees_match_backward_induction(game: gt.ExtensiveGame) -> None:
    """Every pure SPE of an independent backward induction is listed exactly once: as an
    equilibrium, or as a member of a group whose ``equivalent`` choices cover it, and the
    groups' ``variants`` add up to the number of pure SPE."""
    sol = gt.spe(game)
    truth = backward_induction(game.root)
    every = {tuple(sorted(ch.items())) for ch, _, _ in truth}
    pure = [e for e in sol if e.kind == "pure"]
    covered: set[tuple[tuple[str, str], ...]] = set()
    for e in pure:
        base = _strip(dict(e.strategies))
        members = {
            p
            for p in every
            if all(a == base[h] or (h in e.equivalent and a in e.equivalent[h]) for h, a in p)
        }
        assert tuple(sorted(base.items())) in members
        covered |= members
    assert covered == every
    assert sum(e.variants for e in pure) == len(every)
    assert {
        (tuple(e.payoffs.values()), next(k for k, v in e.outcomes.items() if v == 1)) for e in pure
    } == {(pay, leaf) for _, pay, leaf in truth}
    certify(game, sol)


@pytest.mark.slow
# 25 symbolic trees (60 before: 3 minutes of the suite's 35 under load); random tie-heavy trees
# are also compared with a brute-force oracle in test_spe_differential.py
@settings(max_examples=25)
@given(
    pi_trees(symbolic=True),
    st.lists(st.fractions(0, 4, max_denominator=3).filter(lambda f: f > 0), min_size=3, max_size=3),
)
def test_symbolic_trees_match_backward_induction_at_points(
    game: gt.ExtensiveGame, xs: list[Fraction]
) -> None:
    space = gt.ParameterSpace({x: (0, 4)})
    sol = gt.spe(game, space)
    certify(game, sol)
    for v in xs:
        point = {x: sp.Rational(v.numerator, v.denominator)}
        here = sol.at(point)
        assert len(here) >= 1  # the regions cover the space
        numeric = game.at(point) if game.parameters else game
        truth = backward_induction(numeric.root)
        here = [e for e in here if e.kind == "pure"]  # mixed end points: see test_spe_differential
        found = {tuple(sorted(_strip(dict(e.strategies)).items())) for e in here}
        assert found <= {tuple(sorted(ch.items())) for ch, _, _ in truth}
        assert {tuple(e.payoffs.values()) for e in here} == {pay for _, pay, _ in truth}


def _relabel(node: Node, shift: dict[str, sp.Expr]) -> Node:
    if isinstance(node, gt.Outcome):
        return gt.Outcome(
            node.label, **{pl: v + shift.get(pl, 0) for pl, v in node.payoffs.items()}
        )
    assert isinstance(node, gt.Decision)
    kids = {f"z{act}": _relabel(ch, shift) for act, ch in node.actions.items()}
    return gt.Decision(node.player, dict(reversed(list(kids.items()))), infoset=node.infoset)


@pytest.mark.slow
# 15 trees, each solved twice (40 before: the suite's second slowest test)
@settings(max_examples=15)
@given(pi_trees(symbolic=True, labelled=True), st.integers(-3, 3))
def test_relabelling_and_shifting_payoffs_leave_spe_unchanged(
    game: gt.ExtensiveGame, k: int
) -> None:
    space = gt.ParameterSpace({x: (0, 4)})
    other = gt.ExtensiveGame(_relabel(game.root, {"P1": sp.Integer(k) + x}), players=PLAYERS)

    def canon(sol: gt.Solution, rename: bool) -> set:
        return {
            (
                frozenset(
                    (h, frozenset(((f"z{act}" if rename else act), v) for act, v in s.items()))
                    for h, s in e.strategies.items()
                ),
                e.conditions,
                e.payoffs["P2"],
            )
            for e in sol
        }

    one, two = gt.spe(game, space), gt.spe(other, space)
    # an incomplete solution (a face budget hit, a curve of mixtures) may stop at a different
    # place in the relabelled game: then only the pure SPE, always listed, must agree
    complete = one.complete and two.complete
    if any(e.equivalent for e in (*one, *two)) or not complete:  # compare at points
        for v in (sp.Rational(1, 2), 1, 2, sp.Rational(5, 2), 4):
            here = [e for e in one.at({x: v}) if complete or e.kind == "pure"]
            there = [e for e in two.at({x: v}) if complete or e.kind == "pure"]
            assert {e.payoffs["P2"] for e in here} == {e.payoffs["P2"] for e in there}
            count = sum(e.variants for e in here if e.kind == "pure")
            assert count == sum(e.variants for e in there if e.kind == "pure") or any(
                e.on_boundary for e in (*one, *two)
            )
    else:
        assert canon(one, True) == canon(two, False)


@st.composite
def trees_with_simultaneous_moves(draw: st.DrawFn) -> gt.ExtensiveGame:
    """A first move by P1 leading to outcomes or to 2x2 simultaneous-move subgames."""
    counter = itertools.count()

    def leaf() -> gt.Outcome:
        return gt.Outcome(**{pl: draw(st.integers(-2, 2)) for pl in PLAYERS})

    def simultaneous() -> gt.Decision:
        h = f"P2_{next(counter)}"
        return gt.Decision(
            "P1",
            {f"m{i}": gt.Decision("P2", {"L": leaf(), "R": leaf()}, infoset=h) for i in range(2)},
        )

    n = draw(st.integers(2, 3))
    kids: dict[str, Node] = {
        f"a{i}": simultaneous() if draw(st.booleans()) else leaf() for i in range(n)
    }
    return gt.ExtensiveGame(gt.Decision("P1", kids), players=PLAYERS)


@settings(max_examples=30)
@given(trees_with_simultaneous_moves())
def test_spe_with_simultaneous_subgames_are_nash_equilibria(game: gt.ExtensiveGame) -> None:
    sol = gt.spe(game)
    assert len(sol) >= 1  # every finite game has a subgame-perfect equilibrium (Selten 1965)
    certify(game, sol)
    for eq in sol:  # and play in each simultaneous subgame is a Nash equilibrium of it
        for act, child in game.root.actions.items():  # type: ignore[union-attr]
            if isinstance(child, gt.Decision):
                sub = gt.ExtensiveGame(child, players=PLAYERS)
                nf = sub.to_normal_form()
                prof = {
                    h: eq.strategies[h if h.startswith("P2_") else f"P1@{act}"]
                    for h in sub.infosets
                }
                assert_equilibrium(nf, tree_profile_to_normal_form(sub, prof))


# -- ties: extreme points, equivalent choices, depth -------------------------------------------


def _offer(he: int, she: int) -> gt.Decision:
    return gt.Decision(
        "She", {"accept": gt.Outcome(He=he, She=she), "reject": gt.Outcome(He=0, She=0)}
    )


def test_sharing_game_lists_the_mixed_end_points() -> None:
    """Shoham & Leyton-Brown (2008), *Multiagent Systems*, Fig. 5.1: she is indifferent on 2–0,
    and he offers 2–0 only if she accepts it with probability at least 1/2.  The extreme SPE
    are (2–0, p = 1), (2–0, p = 1/2), (1–1, p = 1/2) and (1–1, p = 0)."""
    game = gt.ExtensiveGame(
        gt.Decision("He", {"2-0": _offer(2, 0), "1-1": _offer(1, 1), "0-2": _offer(0, 2)})
    )
    sol = gt.spe(game)
    assert sol.complete and sol.degenerate
    found = {(pure_or_mix(e, "He@root"), e.strategies["She@2-0"]["accept"]) for e in sol}
    half = sp.Rational(1, 2)
    assert found == {("2-0", 1), ("2-0", half), ("1-1", half), ("1-1", 0)}
    for eq in sol:
        assert_spe(game, eq)


def pure_or_mix(eq: gt.Equilibrium, h: str) -> str:
    (a,) = [a for a, v in eq.strategies[h].items() if v == 1]
    return a


def test_symbolic_sharing_game_pins_the_threshold() -> None:
    """With her payoff on 2–0 zero and his offers worth ``s`` and 1: he offers 2–0 iff she
    accepts with probability at least ``1/s`` (a mixed end point as an expression)."""
    s = sp.Symbol("s", positive=True)
    game = gt.ExtensiveGame(
        gt.Decision(
            "He",
            {
                "big": gt.Decision(
                    "She", {"accept": gt.Outcome(He=s, She=0), "reject": gt.Outcome(He=0, She=0)}
                ),
                "fair": gt.Outcome(He=1, She=1),
            },
        )
    )
    sol = gt.spe(game, gt.ParameterSpace({s: (2, 10)}))
    ends = {e.strategies["She@big"]["accept"] for e in sol if e.kind == "mixed"}
    assert ends == {1 / s}
    for eq in sol.at(s=4):
        assert_spe(game.at(s=4), eq)


def test_two_indifferent_responders_pin_weights_on_the_whole_space() -> None:
    """Regression (a random tree of the ci profile): two responders indifferent on the whole
    space whose mixtures an earlier choice depends on.  A weight pinned on a face never leaks
    into the conditions, every listed mixture is at an end of its interval (its tie binds), and
    at points the symbolic solution agrees with the solve at the point: the same payoffs, the
    same number of pure SPE, and each listed profile subgame perfect there."""
    game = gt.ExtensiveGame(
        gt.Decision(
            "P1",
            {
                "a0": gt.Decision(
                    "P2", {"a0": gt.Outcome(P1=-1, P2=x + 2), "a1": gt.Outcome(P1=x + 2, P2=x + 2)}
                ),
                "a1": gt.Outcome(P1=2, P2=0),
                "a2": gt.Decision(
                    "P2", {"a0": gt.Outcome(P1=1, P2=2 - x), "a1": gt.Outcome(P1=x + 1, P2=2 - x)}
                ),
            },
        )
    )
    sol = gt.spe(game, gt.ParameterSpace({x: (0, 4)}))
    assert not any(str(s).startswith("σ") for e in sol for s in e.conditions.free_symbols)
    ends = {e.strategies["P2@a0"]["a0"] for e in sol} | {e.strategies["P2@a2"]["a0"] for e in sol}
    # P1's value of a0 is 2 at x/(x + 3) and x + 1 at 1/(x + 3); of a2, 2 at (x - 1)/x
    assert ends == {0, 1, x / (x + 3), 1 / (x + 3), (x - 1) / x}
    for v in (sp.Rational(1, 2), 1, sp.Rational(5, 4), 2, 4):
        here, there = sol.at({x: v}), gt.spe(game.at({x: v}))
        assert {tuple(e.payoffs.values()) for e in here} == {
            tuple(e.payoffs.values()) for e in there
        }
        count = sum(e.variants for e in here if e.kind == "pure")
        assert count == sum(e.variants for e in there if e.kind == "pure")
        for eq in here:
            assert_spe(game.at({x: v}), eq)


def test_equivalent_choices_are_a_field_counted_correctly() -> None:
    """Ties between choices with identical consequences are grouped, not lost: the group's
    ``equivalent`` names them and ``variants`` counts them (2 x 2 = 4 here); a tie between two
    losing actions does not make the solution degenerate."""
    game = gt.ExtensiveGame(
        gt.Decision(
            "A",
            {
                "left": gt.Decision(
                    "B", {"x": gt.Outcome("draw", A=1, B=1), "y": gt.Outcome("draw", A=1, B=1)}
                ),
                "right": gt.Decision(
                    "B",
                    {
                        "u": gt.Outcome(A=0, B=2),
                        "v": gt.Outcome(A=0, B=0),
                        "w": gt.Outcome(A=5, B=0),
                    },
                ),
            },
        )
    )
    sol = gt.spe(game)
    assert len(sol) == 1 and not sol.degenerate
    (eq,) = sol
    assert eq.variants == 2
    assert dict(eq.equivalent) == {"B@left": frozenset({"x", "y"})}
    assert "stands for 2 equilibria" in str(sol)


def test_thousand_move_chain() -> None:
    """A 1,000-move chain (a centipede: each mover stops for k + 2, leaving the other k)
    solves without recursion limits: everyone stops at once."""
    node: gt.Outcome | gt.Decision = gt.Outcome(A=0, B=0)
    for k in range(1000):
        mover, other = ("A", "B") if k % 2 else ("B", "A")
        node = gt.Decision(mover, {"stop": gt.Outcome(**{mover: k + 2, other: k}), "go": node})
    sol = gt.spe(gt.ExtensiveGame(node, players=["A", "B"]))
    assert len(sol) == 1 and sol.complete
    assert sol[0].strategies["A@root"] == {"stop": 1, "go": 0}
