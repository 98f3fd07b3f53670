"""The sequence form (issue 15, item 2): one exact equilibrium of two-player trees with perfect
recall by Lemke's algorithm, the value of zero-sum trees, and gt.nash's dispatch to it.

Nothing here trusts the solver: every equilibrium is certified by a best response computed in
the tree (tests/tree_best_response.py, which builds neither the sequence form nor the normal
form) and, where the reduced normal form is small enough, by ``assert_equilibrium`` (regret on
the reduced normal form).  Differential references: pygambit's ``lcp_solve`` / ``lp_solve`` on
the extensive form, and our own reduced-normal-form path on small trees.
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory._budget import Budget
from gametheory.games.tree import Node
from gametheory.solvers import sequence_form as sf_module
from gametheory.solvers._sequence_enum import all_equilibria
from gametheory.solvers._space import tree_space
from gametheory.solvers.sequence_form import INCOMPLETE, MAX_LCP, sequence_form, sequence_form_nash
from gametheory.testing import assert_equilibrium

from .fixtures import binary_tree
from .gambit_helpers import exact, infoset_map
from .tree_best_response import best_response_value, profile_value, regrets
from .tree_plans import behaviour_plan, in_hull, mixed_plan, profile_vector

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "gambit-games"
R = sp.Rational


# -- fixtures ----------------------------------------------------------------------------------


def kuhn_poker() -> gt.ExtensiveGame:
    """Kuhn (1950), "A simplified two-person poker", Contributions to the Theory of Games I: a
    deck of J < Q < K, one card each, an ante of 1; P1 checks or bets 1; after a check P2
    checks (showdown for 1) or bets (P1 folds or calls: showdown for 2); after a bet P2 folds or
    calls (showdown for 2).  Information sets are named by the player's card and the history."""
    cards = "JQK"

    def showdown(c1: str, c2: str, stake: int) -> gt.Outcome:
        w = stake if cards.index(c1) > cards.index(c2) else -stake
        return gt.Outcome(P1=w, P2=-w)

    deals = {}
    for c1 in cards:
        for c2 in cards:
            if c1 == c2:
                continue
            after_check = gt.Decision(
                "P2",
                {
                    "check": showdown(c1, c2, 1),
                    "bet": gt.Decision(
                        "P1",
                        {"fold": gt.Outcome(P1=-1, P2=1), "call": showdown(c1, c2, 2)},
                        infoset=f"P1:{c1}cb",
                    ),
                },
                infoset=f"P2:{c2}c",
            )
            after_bet = gt.Decision(
                "P2",
                {"fold": gt.Outcome(P1=1, P2=-1), "call": showdown(c1, c2, 2)},
                infoset=f"P2:{c2}b",
            )
            deals[c1 + c2] = (
                R(1, 6),
                gt.Decision("P1", {"check": after_check, "bet": after_bet}, infoset=f"P1:{c1}"),
            )
    return gt.ExtensiveGame(gt.Chance(deals))


def kuhn_p1(alpha: Fraction) -> dict[str, dict[str, Fraction]]:
    """Player 1's optimal strategies, Kuhn's one-parameter family (0 <= alpha <= 1/3): bet a
    Jack with probability alpha and fold it to a bet; check a Queen and call a bet with
    probability alpha + 1/3; bet a King with probability 3 alpha and call a bet with it."""
    return {
        "P1:J": {"bet": alpha, "check": 1 - alpha},
        "P1:Jcb": {"fold": Fraction(1), "call": Fraction(0)},
        "P1:Q": {"bet": Fraction(0), "check": Fraction(1)},
        "P1:Qcb": {"call": alpha + Fraction(1, 3), "fold": Fraction(2, 3) - alpha},
        "P1:K": {"bet": 3 * alpha, "check": 1 - 3 * alpha},
        "P1:Kcb": {"call": Fraction(1), "fold": Fraction(0)},
    }


KUHN_P2 = {  # Player 2's optimal strategy is unique (Kuhn 1950)
    "P2:Jb": {"fold": 1, "call": 0},
    "P2:Jc": {"bet": Fraction(1, 3), "check": Fraction(2, 3)},
    "P2:Qb": {"call": Fraction(1, 3), "fold": Fraction(2, 3)},
    "P2:Qc": {"check": 1, "bet": 0},
    "P2:Kb": {"call": 1, "fold": 0},
    "P2:Kc": {"bet": 1, "check": 0},
}


def random_tree(seed: int, *, zero_sum: bool = False, spread: int = 4) -> gt.ExtensiveGame:
    """A seeded two-player tree with chance and information sets, perfect recall by
    construction: Nature deals one of 2-3 states (random weights); P1 sees a signal of it
    (states grouped at random) and plays x0 or x1; P2 sees its own signal and P1's move, and
    plays 2 or 3 actions; after x0 and P2's first action P1 moves again (u or v), remembering its
    signal and move.  Small integer payoffs (``spread``) make ties, so degenerate games are
    drawn too.  Reduced normal forms stay within 9 x 81 plans."""
    rng = np.random.default_rng(seed)
    states = int(rng.integers(2, 4))
    sig1 = [int(s) for s in rng.integers(0, 2, states)]
    sig2 = [int(s) for s in rng.integers(0, 2, states)]
    n2 = int(rng.integers(2, 4)) if len(set(sig2)) == 1 else 2
    weights = [int(w) for w in rng.integers(1, 4, states)]

    def leaf() -> gt.Outcome:
        u = int(rng.integers(-spread, spread + 1))
        v = -u if zero_sum else int(rng.integers(-spread, spread + 1))
        return gt.Outcome(P1=u, P2=v)

    deals = {}
    for s in range(states):
        moves1: dict[str, gt.Decision | gt.Outcome] = {}
        for a in range(2):
            moves2: dict[str, gt.Decision | gt.Outcome] = {}
            for b in range(n2):
                moves2[f"y{b}"] = (
                    gt.Decision("P1", {"u": leaf(), "v": leaf()}, infoset=f"P1:{sig1[s]}:x0:y0")
                    if a == 0 and b == 0
                    else leaf()
                )
            moves1[f"x{a}"] = gt.Decision("P2", moves2, infoset=f"P2:{sig2[s]}:x{a}")
        p1 = gt.Decision("P1", moves1, infoset=f"P1:{sig1[s]}")
        deals[f"s{s}"] = (R(weights[s], sum(weights)), p1)
    return gt.ExtensiveGame(gt.Chance(deals))


def general_tree(seed: int, *, zero_sum: bool = False, spread: int = 3) -> gt.ExtensiveGame:
    """A seeded random tree of depth up to 4: chance nodes, either player at any node, leaves
    anywhere below the first two levels.  A decision's information set is its player's own
    history plus a signal of what else happened (a function of the public history, or noise),
    so nodes that differ in what the player cannot see share a set, and perfect recall holds by
    construction."""
    rng = np.random.default_rng(seed)
    arity: dict[str, int] = {}

    def build(level: int, own: dict[str, tuple[object, ...]], public: tuple[int, ...]) -> Node:
        if level == 4 or (level > 1 and rng.random() < 0.25):
            u = int(rng.integers(-spread, spread + 1))
            v = -u if zero_sum else int(rng.integers(-spread, spread + 1))
            return gt.Outcome(P1=u, P2=v)
        if rng.random() < 0.2:
            k = int(rng.integers(2, 4))
            w = [int(x) for x in rng.integers(1, 4, k)]
            return gt.Chance(
                {
                    f"n{level}{b}": (R(w[b], sum(w)), build(level + 1, own, (*public, b)))
                    for b in range(k)
                }
            )
        player = ("P1", "P2")[int(rng.integers(0, 2))]
        seen = (len(public) + sum(public)) % 2 if rng.random() < 0.7 else int(rng.integers(0, 2))
        label = f"{player}|{own[player]}|{seen}"
        k = arity.setdefault(label, int(rng.integers(2, 4)))
        kids = {}
        for a in range(k):
            after = {**own, player: (*own[player], (label, a))}
            kids[f"a{a}"] = build(level + 1, after, (*public, 10 + a))
        return gt.Decision(player, kids, infoset=label)

    return gt.ExtensiveGame(build(0, {"P1": (), "P2": ()}, ()), players=("P1", "P2"))


def _certify(game: gt.ExtensiveGame, eq: gt.Equilibrium, *, normal_form: bool = True) -> None:
    """Independent checks: no profitable deviation in the tree; payoffs as reported; regret 0 on
    the reduced normal form when asked."""
    assert all(r == 0 for r in regrets(game, eq.strategies).values())
    values = profile_value(game, eq.strategies)
    assert {p: exact(v) for p, v in values.items()} == dict(eq.payoffs)
    for h, info in game.infosets.items():
        mix = eq.strategies[h]
        assert set(mix) == set(info.actions) and sum(mix.values()) == 1
        assert all(v >= 0 for v in mix.values())
    if normal_form:
        assert_equilibrium(game, eq)


def _gambit(game: gt.ExtensiveGame, tmp_path: Path):  # type: ignore[no-untyped-def]
    gbt = pytest.importorskip("pygambit")
    path = tmp_path / "tree.efg"
    path.write_text(game.to_gambit())
    return gbt, gbt.read_efg(str(path))


def _gambit_profile(game: gt.ExtensiveGame, theirs, profile) -> dict:  # type: ignore[no-untyped-def]
    """A pygambit behaviour profile as {our information set: {action: Fraction}}."""
    names = infoset_map(game, theirs)
    out = {}
    for p in theirs.players:
        for h in p.infosets:
            ours = names[h]
            out[ours] = {
                a: Fraction(str(profile[x]))
                for a, x in zip(game.infosets[ours].actions, list(h.actions), strict=True)
            }
    return out


# -- Kuhn poker --------------------------------------------------------------------------------


def test_kuhn_poker_value_and_both_extreme_optimal_strategies() -> None:
    """Kuhn (1950): the value is -1/18; P1's optimal strategies are a one-parameter family
    (alpha in [0, 1/3]) with two extreme points, P2's is unique: two extreme equilibria."""
    game = kuhn_poker()
    sol = gt.nash(game)  # the reduced normal form is 27 x 64: too large to enumerate
    assert sol.method.startswith("sequence form (linear programme") and sol.complete
    assert len(sol) == 2 and sol.degenerate
    assert gt.ConstantSum("P1", R(-1, 18)) in sol.diagnostics
    alphas = set()
    for eq in sol:
        assert eq.payoffs == {"P1": R(-1, 18), "P2": R(1, 18)}
        _certify(game, eq, normal_form=False)
        for h, mix in KUHN_P2.items():
            assert {a: Fraction(str(v)) for a, v in eq.strategies[h].items()} == mix, h
        s = {h: {a: Fraction(str(v)) for a, v in m.items()} for h, m in eq.strategies.items()}
        alpha = s["P1:J"]["bet"]
        alphas.add(alpha)
        family = kuhn_p1(alpha)
        for h in ("P1:J", "P1:Jcb", "P1:Q", "P1:Qcb", "P1:K"):
            assert s[h] == family[h], h
    assert alphas == {Fraction(0), Fraction(1, 3)}
    forced = gt.nash(game, method="sequence-form")
    assert {e.key() for e in forced} == {e.key() for e in sol}


@pytest.mark.parametrize("alpha", [Fraction(0), Fraction(1, 6), Fraction(1, 3)])
def test_the_tree_certificate_accepts_kuhns_family_and_rejects_perturbations(
    alpha: Fraction,
) -> None:
    """The certificate itself: every member of Kuhn's family holds P1 to -1/18 against P2's best
    reply, and P2's optimal strategy is a best reply to it; a perturbed profile is caught."""
    game = kuhn_poker()
    profile = {**kuhn_p1(alpha), **KUHN_P2}
    assert profile_value(game, profile)["P1"] == Fraction(-1, 18)
    assert all(r == 0 for r in regrets(game, profile).values())
    off = {**profile, "P2:Kc": {"check": 1, "bet": 0}}  # P2 checks back holding the King
    assert regrets(game, off)["P2"] > 0
    meek = {**profile, "P1:K": {"check": 1, "bet": 0}, "P1:Kcb": {"fold": 1, "call": 0}}
    assert regrets(game, meek)["P1"] > 0
    assert best_response_value(game, "P1", meek) == Fraction(-1, 18)


def test_kuhn_poker_against_pygambit(tmp_path: Path) -> None:
    game = kuhn_poker()
    gbt, theirs = _gambit(game, tmp_path)
    lp = gbt.nash.lp_solve(theirs, rational=True, use_strategic=False)
    assert [exact(lp.equilibria[0].payoff(p)) for p in theirs.players] == [R(-1, 18), R(1, 18)]
    lcp = gbt.nash.lcp_solve(theirs, rational=True, use_strategic=False)
    mine = _plans_of(game, gt.nash(game), mixed=False)
    for eq in (*lcp.equilibria, *lp.equilibria):  # theirs passes our certificate too
        profile = _gambit_profile(game, theirs, eq)
        assert all(r == 0 for r in regrets(game, profile).values())
        vec = profile_vector(game, [behaviour_plan(game, p, profile) for p in game.players])
        assert in_hull(vec, mine)  # and is a mixture of our two extreme equilibria
    assert gt.nash(game)[0].payoffs["P1"] == exact(
        lp.equilibria[0].payoff(next(iter(theirs.players)))
    )


# -- random trees: differential against pygambit and our normal-form path ------------------------


def _plans_of(game: gt.ExtensiveGame, eqs: object, *, mixed: bool) -> list[tuple[Fraction, ...]]:
    """Each equilibrium as the vector of both players' realization plans."""
    out = []
    for e in eqs:  # type: ignore[attr-defined]
        if mixed:
            plans = [mixed_plan(game, p, e.strategies[p]) for p in game.players]
        else:
            plans = [behaviour_plan(game, p, e.strategies) for p in game.players]
        out.append(profile_vector(game, plans))
    return out


def _same_hull(game: gt.ExtensiveGame, ours: gt.Solution, nf: gt.Solution) -> None:
    """Each normal-form extreme equilibrium, as realization plans, is a convex combination of
    ours, and each of ours one of theirs: the two sets span the same hull (both contain every
    extreme point of every maximal set of equilibria in realization-plan space)."""
    mine = _plans_of(game, ours, mixed=False)
    theirs = _plans_of(game, nf, mixed=True)
    assert all(in_hull(t, mine) for t in theirs)
    assert all(in_hull(m, theirs) for m in mine)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12))
def test_random_trees_against_the_normal_form_and_pygambit(seed: int, tmp_path: Path) -> None:
    zero_sum = seed % 3 == 0
    game = random_tree(seed, zero_sum=zero_sum, spread=2 if seed % 2 else 5)
    assert game.perfect_recall
    sol = gt.nash(game, method="sequence-form")
    assert sol.complete and not sol.incomplete
    for eq in sol:
        _certify(game, eq)
    nf = gt.nash(game, method="normal-form")  # every extreme equilibrium of the normal form
    _same_hull(game, sol, nf)
    payoffs = {tuple(e.payoffs.values()) for e in sol}
    if zero_sum:  # every equilibrium of a zero-sum game has the value
        assert payoffs == {tuple(e.payoffs.values()) for e in nf} and len(payoffs) == 1
        assert any(isinstance(d, gt.ConstantSum) for d in sol.diagnostics)
    if not nf.degenerate:  # finitely many equilibria: the same ones
        assert set(_plans_of(game, sol, mixed=False)) == set(_plans_of(game, nf, mixed=True))
    gbt, theirs = _gambit(game, tmp_path)
    lcp = gbt.nash.lcp_solve(theirs, rational=True, use_strategic=False)
    assert lcp.equilibria
    mine = _plans_of(game, sol, mixed=False)
    for e in lcp.equilibria:
        profile = _gambit_profile(game, theirs, e)
        assert all(r == 0 for r in regrets(game, profile).values())
        vec = profile_vector(game, [behaviour_plan(game, p, profile) for p in game.players])
        assert in_hull(vec, mine)
    if zero_sum:
        lp = gbt.nash.lp_solve(theirs, rational=True, use_strategic=False)
        assert exact(lp.equilibria[0].payoff(next(iter(theirs.players)))) == next(iter(payoffs))[0]


@pytest.mark.parametrize("seed", [0, 3, 6, 9])
def test_zero_sum_optimal_pairs_span_the_vertex_pairs(seed: int) -> None:
    """Two routes of ours on zero-sum trees: the optimal faces' extreme plans (the LP route)
    and the completely labelled vertex pairs of the best-response polyhedra span the same
    hull, and every vertex pair's plans are among the optimal plans' hull."""
    game = random_tree(seed, zero_sum=True, spread=5)
    lp = gt.nash(game, method="sequence-form")
    assert lp.method.startswith("sequence form (linear programme")
    sf = sequence_form(game)
    pairs: list[tuple[Fraction, ...]] = []
    all_equilibria(sf, Budget(None, "nash"), lambda x, y: pairs.append((*x[1:], *y[1:])))
    ours = _plans_of(game, lp, mixed=False)
    assert all(in_hull(p, ours) for p in pairs)
    assert all(in_hull(o, pairs) for o in ours)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(10))
def test_general_random_trees_against_pygambit(seed: int, tmp_path: Path) -> None:
    """Random perfect-recall trees of any shape: where the reduced normal form is small, every
    extreme equilibrium on the sequence form, certified in the tree, spanning the same hull as
    the normal form's and holding pygambit's lcp_solve equilibria; elsewhere Lemke's one
    equilibrium (the path method="auto" takes on large trees), certified, and zero-sum values
    against pygambit's lp_solve."""
    zero_sum = seed % 2 == 0
    game = general_tree(seed, zero_sum=zero_sum, spread=1 + seed % 4)
    assert game.perfect_recall
    plans = [len(game.plans[p]) for p in game.players]
    small = plans[0] * plans[1] <= 400 and max(plans) <= 40
    gbt, theirs = _gambit(game, tmp_path)
    lcp = gbt.nash.lcp_solve(theirs, rational=True, use_strategic=False)
    if small:
        sol = gt.nash(game, method="sequence-form")
        assert sol.complete
        for eq in sol:
            _certify(game, eq)
        _same_hull(game, sol, gt.nash(game, method="normal-form"))
        mine = _plans_of(game, sol, mixed=False)
        for e in lcp.equilibria:
            profile = _gambit_profile(game, theirs, e)
            vec = profile_vector(game, [behaviour_plan(game, p, profile) for p in game.players])
            assert in_hull(vec, mine)
        eq = sol[0]
    else:
        one = sequence_form_nash(
            game, tree_space(game, None), Budget(None, "nash"), enumerate_all=False
        )
        eq = one[0]
        _certify(game, eq, normal_form=False)
    for e in lcp.equilibria:
        assert all(r == 0 for r in regrets(game, _gambit_profile(game, theirs, e)).values())
    if zero_sum:
        lp = gbt.nash.lp_solve(theirs, rational=True, use_strategic=False)
        assert exact(lp.equilibria[0].payoff(next(iter(theirs.players)))) == eq.payoffs["P1"]


def _reversed(node: Node) -> Node:
    """The same game with every node's actions and branches listed in reverse order."""
    if isinstance(node, gt.Decision):
        kids = {a: _reversed(c) for a, c in reversed(list(node.actions.items()))}
        return gt.Decision(node.player, kids, infoset=node.infoset)
    if isinstance(node, gt.Chance):
        return gt.Chance({b: (p, _reversed(c)) for b, (p, c) in reversed(node.branches.items())})
    return node


@pytest.mark.parametrize(("seed", "general"), [(0, True), (2, True), (0, False), (3, False)])
def test_the_optimal_plans_of_a_zero_sum_tree_do_not_depend_on_the_order_of_moves(
    seed: int, general: bool
) -> None:
    """Metamorphic: listing actions in another order changes every pivot, never the value nor
    the set of extreme optimal plans (intrinsic to the game)."""
    game = general_tree(seed, zero_sum=True) if general else random_tree(seed, zero_sum=True)
    flipped = gt.ExtensiveGame(_reversed(game.root), players=game.players)
    a = gt.nash(game, method="sequence-form")
    b = gt.nash(flipped, method="sequence-form")
    assert a.complete and b.complete
    assert {tuple(e.payoffs.values()) for e in a} == {tuple(e.payoffs.values()) for e in b}
    key = [
        {frozenset(behaviour_plan(g, p, e.strategies).items()) for p in g.players for e in sol}
        for g, sol in ((game, a), (flipped, b))
    ]
    assert key[0] == key[1]
    for e in b:
        _certify(flipped, e, normal_form=False)


@pytest.mark.parametrize("seed", range(8))
def test_simultaneous_trees_find_every_bimatrix_equilibrium(seed: int) -> None:
    """A simultaneous game as a tree (P2 cannot see P1's move) with generic payoffs: a
    non-degenerate bimatrix game, whose equilibria are finitely many: the same set."""
    rng = np.random.default_rng(100 + seed)
    m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    pay = rng.integers(-1000, 1000, size=(m, n, 2))
    tree = gt.Decision(
        "P1",
        {
            f"r{i}": gt.Decision(
                "P2",
                {f"c{j}": gt.Outcome(P1=int(pay[i, j, 0]), P2=int(pay[i, j, 1])) for j in range(n)},
                infoset="P2",
            )
            for i in range(m)
        },
        infoset="P1",
    )
    game = gt.ExtensiveGame(tree)
    sol = gt.nash(game, method="sequence-form")
    assert sol.complete and not sol.degenerate
    for eq in sol:
        _certify(game, eq)
    nf = gt.nash(game, method="normal-form")
    assert not nf.degenerate
    ours = {frozenset((h, frozenset(s.items())) for h, s in e.strategies.items()) for e in sol}
    theirs = {frozenset((p, frozenset(s.items())) for p, s in e.strategies.items()) for e in nf}
    assert ours == theirs  # a non-degenerate bimatrix game: the same finite set


def test_the_sequence_form_of_a_small_tree() -> None:
    """The matrices of a hand-checked tree (von Stengel 2007, section 3.10's construction):
    Nature 1/3-2/3; P1 sees it and plays l/r; P2 does not see Nature, sees P1's move only after
    r, and plays a/b."""
    p2 = {"a": gt.Outcome(P1=3, P2=0), "b": gt.Outcome(P1=0, P2=6)}
    tree = gt.Chance(
        {
            "H": (
                R(1, 3),
                gt.Decision(
                    "P1",
                    {"l": gt.Outcome(P1=1, P2=1), "r": gt.Decision("P2", p2, infoset="P2")},
                    infoset="P1:H",
                ),
            ),
            "T": (
                R(2, 3),
                gt.Decision(
                    "P1",
                    {"l": gt.Outcome(P1=2, P2=2), "r": gt.Decision("P2", p2, infoset="P2")},
                    infoset="P1:T",
                ),
            ),
        }
    )
    sf = sequence_form(gt.ExtensiveGame(tree))
    assert sf.sequences[0] == (None, ("P1:H", "l"), ("P1:H", "r"), ("P1:T", "l"), ("P1:T", "r"))
    assert sf.sequences[1] == (None, ("P2", "a"), ("P2", "b"))
    E, F = sf.constraints
    assert E == ((1, 0, 0, 0, 0), (-1, 1, 1, 0, 0), (-1, 0, 0, 1, 1))
    assert F == ((1, 0, 0), (-1, 1, 1))
    A, B = sf.payoffs
    assert dict(A) == {(1, 0): R(1, 3), (2, 1): 1, (2, 2): 0, (3, 0): R(4, 3), (4, 1): 2, (4, 2): 0}
    assert dict(B) == {(1, 0): R(1, 3), (2, 1): 0, (2, 2): 2, (3, 0): R(4, 3), (4, 1): 0, (4, 2): 4}
    assert sf.lcp_size == 5 + 3 + 2 * (3 + 2)


# -- the Gambit corpus ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("contrib/games/4cards.efg", R(23, 24)),  # constant-sum 2: value by pygambit's lp_solve
        ("catalog/journals/other/reiley2008/fig1.efg", R(1, 3)),
        ("catalog/books/myerson1991/fig2_1.efg", R(1, 3)),
    ],
)
def test_gambit_corpus_poker(name: str, value: sp.Rational, tmp_path: Path) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip("the Gambit corpus (../shared/gambit-games) is not here")
    game = gt.read_gambit(path)
    sol = gt.nash(game, method="sequence-form")
    assert sol.complete
    first = game.players[0]
    small = len(game.plans[first]) * len(game.plans[game.players[1]]) < 5000
    for eq in sol:  # every pair of extreme optimal plans
        assert eq.payoffs[first] == value
        _certify(game, eq, normal_form=small)
    gbt, theirs = _gambit(game, tmp_path)
    lp = gbt.nash.lp_solve(theirs, rational=True, use_strategic=False)
    assert exact(lp.equilibria[0].payoff(next(iter(theirs.players)))) == value
    mine = _plans_of(game, sol, mixed=False)
    for e in (*lp.equilibria, *gbt.nash.lcp_solve(theirs, rational=True).equilibria):
        profile = _gambit_profile(game, theirs, e)
        vec = profile_vector(game, [behaviour_plan(game, p, profile) for p in game.players])
        assert in_hull(vec, mine)  # pygambit's optimal strategies are mixtures of ours


# -- dispatch, options and bad input -------------------------------------------------------------


def test_small_trees_keep_the_normal_form_path() -> None:
    game = random_tree(3)
    auto = gt.nash(game)
    assert auto.method.startswith("vertex enumeration") and auto.complete
    assert [e.strategies for e in auto] == [
        e.strategies for e in gt.nash(game, method="normal-form")
    ]
    assert gt.nash(kuhn_poker(), method="auto").method.startswith("sequence form")


def test_a_solution_from_the_sequence_form_prints_and_evaluates() -> None:
    sol = gt.nash(kuhn_poker())
    text = str(sol)
    assert "P1:J" in text and "value to P1 is -1/18" in text
    assert sol.at({}).equilibria[0].payoffs == sol[0].payoffs
    assert sol[0].outcomes and sum(sol[0].outcomes.values()) == 1


def test_float_payoffs_are_read_as_the_fractions_they_denote() -> None:
    tree = gt.Decision(
        "A",
        {
            "l": gt.Outcome(A=0.5, B=0.25),
            "r": gt.Decision("B", {"x": gt.Outcome(A=0.1, B=1), "y": gt.Outcome(A=1, B=0)}),
        },
    )
    eq = gt.nash(gt.ExtensiveGame(tree), method="sequence-form")[0]
    assert eq.payoffs == {"A": R(1, 2), "B": R(1, 4)}


def test_information_sets_behind_a_chance_branch_of_probability_zero_get_a_strategy() -> None:
    never = gt.Decision("B", {"x": gt.Outcome(A=5, B=1), "y": gt.Outcome(A=0, B=2)}, infoset="B0")
    tree = gt.Chance(
        {
            "never": (0, never),
            "always": (1, gt.Decision("A", {"l": gt.Outcome(A=1, B=1), "r": gt.Outcome(A=2, B=0)})),
        }
    )
    game = gt.ExtensiveGame(tree)
    eq = gt.nash(game, method="sequence-form")[0]
    assert set(eq.strategies) == set(game.infosets)
    assert eq.payoffs == {"A": 2, "B": 0}
    _certify(game, eq)


@pytest.mark.parametrize("bad", ["lemke", "Sequence-Form", 3, None])
def test_an_unknown_method_is_refused_by_name(bad: object) -> None:
    with pytest.raises(
        gt.InvalidOptionError, match=r"method must be one of 'auto', 'normal-form', 'sequence-form'"
    ):
        gt.nash(kuhn_poker(), method=bad)  # type: ignore[arg-type]


def test_games_the_sequence_form_does_not_cover_are_refused_by_name() -> None:
    pennies = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    with pytest.raises(gt.UnsupportedGameError, match="needs a game tree, got NormalFormGame"):
        gt.nash(pennies, method="sequence-form")
    three = gt.ExtensiveGame(
        gt.Decision(
            "A", {"x": gt.Decision("B", {"y": gt.Decision("C", {"z": gt.Outcome(A=1, B=2, C=3)})})}
        )
    )
    with pytest.raises(
        gt.UnsupportedGameError, match=r"two-player trees; this one has 3 players \('A', 'B', 'C'\)"
    ):
        gt.nash(three, method="sequence-form")
    c = sp.Symbol("c", positive=True)
    symbolic = gt.ExtensiveGame(
        gt.Decision("A", {"x": gt.Outcome(A=c, B=1), "y": gt.Outcome(A=0, B=0)})
    )
    with pytest.raises(gt.UnsupportedGameError, match="parameter"):
        gt.nash(symbolic, method="sequence-form")
    forgetful = gt.ExtensiveGame(
        gt.Decision(
            "A",
            {
                a: gt.Decision(
                    "B",
                    {
                        b: gt.Decision(
                            "A",
                            {"u": gt.Outcome(A=1, B=0), "v": gt.Outcome(A=0, B=1)},
                            infoset="A2",
                        )
                        for b in ("l", "r")
                    },
                )
                for a in ("x", "y")
            },
        )
    )
    with pytest.raises(gt.ImperfectRecallError, match=r"'A'.*'A2'"):
        gt.nash(forgetful, method="sequence-form")
    assert gt.nash(forgetful).method.startswith("vertex enumeration")  # auto: the normal form


def test_a_budget_stops_the_pivots_and_says_what_was_done() -> None:
    game = binary_tree(7)  # an LCP in 514 variables: seconds of pivoting
    start = time.monotonic()
    with pytest.raises(gt.BudgetExceededError) as info:
        gt.nash(game, method="sequence-form", budget=0.05)
    assert time.monotonic() - start < 10
    assert "Lemke" in info.value.done  # building the tableau, or pivoting


def test_a_huge_sequence_form_is_refused_without_a_budget() -> None:
    game = binary_tree(8)
    assert sequence_form(game).lcp_size > MAX_LCP
    start = time.monotonic()
    with pytest.raises(gt.UnsupportedGameError, match=r"sequence form of this tree has .* budget"):
        gt.nash(game)
    assert time.monotonic() - start < 10


def test_a_budget_during_the_enumeration_keeps_what_was_found() -> None:
    """A general-sum tree with thousands of bases: Lemke's equilibrium comes first, then the
    budget runs out in the vertex enumeration; the error carries a partial Solution."""
    game = general_tree(1)
    with pytest.raises(gt.BudgetExceededError) as info:
        gt.nash(game, method="sequence-form", budget=1.0)
    partial = info.value.partial
    if partial is None:  # pragma: no cover - the budget ran out before Lemke finished
        pytest.skip("the machine is too loaded for Lemke to finish within the budget")
    assert isinstance(partial, gt.Solution) and not partial.complete
    assert "ran out" in partial.incomplete[0] and len(partial) >= 1
    for eq in partial:
        _certify(game, eq, normal_form=False)


def test_without_a_budget_the_enumeration_stops_at_its_cap_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sf_module, "MAX_BASES", 30)
    game = general_tree(1)
    sol = gt.nash(game, method="sequence-form")
    assert not sol.complete and "stopped after 30 bases" in sol.incomplete[0]
    assert len(sol) >= 1
    for eq in sol:
        _certify(game, eq, normal_form=False)
    zero = gt.nash(general_tree(6, zero_sum=True), method="sequence-form")
    assert not zero.complete and "optimal plans" in zero.incomplete[0] and len(zero) == 1


def test_auto_keeps_lemke_on_large_general_sum_trees() -> None:
    """A general-sum tree whose normal form is past the enumeration: one equilibrium, and the
    reason says how to get all."""
    game = binary_tree(6)
    sol = gt.nash(game)
    assert sol.method == "sequence form (Lemke's algorithm, exact)" and len(sol) == 1
    assert not sol.complete and sol.incomplete == (INCOMPLETE,)
    assert "method='sequence-form'" in INCOMPLETE
    _certify(game, sol[0], normal_form=False)
