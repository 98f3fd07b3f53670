"""Signalling refinements for any number of types: the intuitive criterion and D1.

Fixtures with sources: Beer–Quiche (Cho & Kreps 1987, QJE 102(2):179–221, §II), a three-type
game constructed here where the intuitive criterion keeps a pooling equilibrium that D1 removes
(Cho & Kreps 1987, §IV, make the same point), and discrete Spence (1973) job-market games with
two and three types, where D1 selects the least-cost separating (Riley 1979) outcome.  Every
hand computation is in the fixture's docstring.  Every surviving equilibrium is re-checked at a
point by the independent certificate ``gametheory.testing.assert_pbe``; hand-built equilibria
are checked by it before they are refined.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
import sympy as sp

import gametheory as gt
from gametheory.solvers.d1 import d1_criterion
from gametheory.solvers.intuitive import intuitive_criterion
from gametheory.testing import assert_pbe

from .fixtures import beer_quiche

R = sp.Rational
c = sp.Symbol("c", positive=True)

REFINE = {"intuitive": intuitive_criterion, "D1": d1_criterion}


# -- helpers --------------------------------------------------------------------------------


def point_beliefs(eq: gt.Equilibrium) -> dict[str, dict[str, object]]:
    """One belief from each off-path interval (its lower end on the first type)."""
    out: dict[str, dict[str, object]] = {}
    for h, b in eq.beliefs.items():
        if any(isinstance(v, sp.Interval) for v in b.values()):
            (k1, v1), *rest = b.items()
            out[h] = {k1: v1.start, rest[0][0]: 1 - v1.start}
        else:
            out[h] = dict(b)
    return out


def certify(game: object, eq: gt.Equilibrium, beliefs: Mapping | None = None) -> None:
    point = eq.witness or {}
    at = eq.at(point) if point else eq
    assert at is not None
    assert_pbe(game, at.strategies, beliefs or point_beliefs(at), at=point)


def by_hand(
    sg: gt.SignalingGame,
    sender: Mapping[str, str],
    replies: Mapping[str, Mapping[str, object]],
    beliefs: Mapping[str, Mapping[str, object]],
    conditions: sp.Basic = sp.true,
    space: gt.ParameterSpace | None = None,
) -> gt.Equilibrium:
    """An equilibrium written down by hand (pure sender strategy), its payoffs computed."""
    space = space or gt.ParameterSpace({})
    strategies = {
        f"{sg.sender}|{t}": {m: sp.Integer(m == sender[t]) for m in sg.messages} for t in sg.types
    }
    strategies.update(
        {
            f"{sg.receiver}|{m}": {x: sp.sympify(replies[m].get(x, 0)) for x in sg.actions}
            for m in sg.messages
        }
    )
    payoffs = {sg.sender: sp.Integer(0), sg.receiver: sp.Integer(0)}
    for t, prior in sg.types.items():
        m = sender[t]
        for x, px in strategies[f"{sg.receiver}|{m}"].items():
            leaf = sg.game.root.branches[t][1].actions[m].actions[x]
            for player in payoffs:
                payoffs[player] += prior * px * leaf.payoffs[player]
    kinds = {1: "pooling", len(sg.types): "separating"}
    kind = kinds.get(len(set(sender.values())), "partially pooling")
    eq = gt.Equilibrium(
        kind=kind,
        strategies=strategies,
        payoffs={k: sp.expand(v) for k, v in payoffs.items()},
        outcomes={},
        conditions=conditions,
        witness=None,
        space=space,
        beliefs={
            f"{sg.receiver}|{m}": {t: sp.sympify(v) for t, v in b.items()}
            for m, b in beliefs.items()
        },
    )
    return eq


def solution(sg: gt.SignalingGame, eqs: list[gt.Equilibrium], space=None) -> gt.Solution:
    return gt.Solution(sg.game, tuple(eqs), space or gt.ParameterSpace({}), "pbe", "by hand")


def sends(eq: gt.Equilibrium, sender: str = "Worker") -> dict[str, str]:
    return {
        h.split("|")[1]: next(m for m, v in s.items() if v == 1)
        for h, s in eq.strategies.items()
        if h.startswith(sender + "|")
    }


# -- Beer–Quiche ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bq_solution() -> gt.Solution:
    return gt.pbe(beer_quiche())


@pytest.mark.parametrize("criterion", ["intuitive", "D1"])
def test_beer_quiche_quiche_pooling_fails_beer_pooling_survives(
    bq_solution: gt.Solution, criterion: str
) -> None:
    """Cho & Kreps (1987), P(weak) = 1/10: pooling on quiche fails both (the weak type could
    never gain from beer, the strong one would against any reply to a strong-only belief);
    pooling on beer survives, with the receiver dueling after quiche."""
    game = beer_quiche()
    refined = REFINE[criterion](bq_solution)
    assert refined.concept == f"pbe ({criterion})"
    assert refined.equilibria
    assert all(eq.strategies["Sender|weak"]["beer"] == 1 for eq in refined)
    assert any(eq.strategies["Receiver|quiche"]["duel"] == 1 for eq in refined)
    quiche = [eq for eq in bq_solution if eq.strategies["Sender|weak"]["quiche"] == 1]
    at_beer = [r for r in refined.removed if r.message == "beer"]
    assert {r.equilibrium.key() for r in at_beer} == {eq.key() for eq in quiche}
    assert all(r.types == ("strong",) and r.where is sp.true for r in at_beer)
    assert all(r.criterion == criterion and r.reason for r in refined.removed)
    assert refined.complete and not refined.incomplete
    for eq in refined:
        certify(game, eq)


def test_beer_quiche_d1_removes_the_mixed_reply_after_quiche(bq_solution: gt.Solution) -> None:
    """Beer pooling, reply after quiche: u*(weak) = 2, u*(strong) = 3; with α = P(not), quiche
    gives the weak type 1 + 2α and the strong 2α.  D_strong ∪ D⁰_strong = ∅ ⊆ D_weak, so the
    strong type is deleted and the belief after quiche is 'weak': only dueling survives.  The
    intuitive criterion (J(quiche) = {strong}; the weak type gets 1 < 2 from a duel) keeps the
    mixed reply, which needs the belief 1/2."""
    d1 = d1_criterion(bq_solution)
    intuitive = intuitive_criterion(bq_solution)
    assert {eq.strategies["Receiver|quiche"]["duel"] for eq in d1} == {1}
    assert {eq.strategies["Receiver|quiche"]["duel"] for eq in intuitive} == {1, R(1, 2)}
    (at_quiche,) = [r for r in d1.removed if r.message == "quiche"]
    assert at_quiche.types == ("weak",)
    assert at_quiche.equilibrium.strategies["Receiver|quiche"]["duel"] == R(1, 2)


def test_beer_quiche_through_pbe_refine() -> None:
    sol = gt.pbe(beer_quiche(), refine="intuitive")
    assert len(sol) == 2 and len(sol.removed) == 2
    out = [d for d in sol.diagnostics if isinstance(d, gt.Eliminated) and not d.narrowed]
    assert len(out) == 2 and all("beer" in d.messages for d in out)
    assert gt.Refined("intuitive", "the intuitive criterion") in sol.diagnostics


def test_beer_quiche_symbolic_prior() -> None:
    """P(weak) = p in (0, 1): pooling exists for p <= 1/2 (Cho & Kreps); beer pooling and the
    hybrid (p > 1/2: no off-path message) are kept unchanged; quiche pooling fails D1 wherever
    it exists.  The intuitive criterion keeps one quiche pooling at p = 1/2 exactly: the receiver
    mixes 1/2 after quiche, so u*(weak) = 1 + 1 = 2, which beer gives the weak type at best
    (0 + 2): not strictly equilibrium-dominated, J(beer) = ∅, no test.  D1 deletes the weak type
    there ({not} ⊆ D_strong = {P(not) > 0}) and the belief 'strong' asks for 'not' after beer."""
    p = sp.Symbol("p", positive=True)
    space = gt.ParameterSpace({p: (0, 1)})
    game = beer_quiche(p)
    sol = gt.pbe(game, space)
    for criterion in ("intuitive", "D1"):
        refined = REFINE[criterion](sol)
        quiche = [eq for eq in refined if eq.strategies["Sender|weak"]["quiche"] == 1]
        if criterion == "D1":
            assert not quiche
        else:
            (tie,) = quiche
            assert tie.strategies["Receiver|quiche"]["not"] == R(1, 2)
            assert tie.holds_at(p=R(1, 2)) and not tie.holds_at(p=R(1, 3))
        assert all(
            eq.strategies["Sender|strong"]["beer"] == 1 for eq in refined if eq not in quiche
        )
        assert any(eq.kind == "semi-separating" for eq in refined)
        for eq in refined:
            assert eq.witness is not None
            certify(game, eq)


# -- three types: the intuitive criterion keeps what D1 removes ---------------------------------


def three_types() -> gt.SignalingGame:
    """Three types, two messages, two replies; constructed for this test (the point of
    Cho & Kreps 1987, §IV: D1 is stronger than the intuitive criterion with three types).

    Types t1, t2, t3 with prior 1/3 each; messages m0, m1; replies a (accept), r (reject).
    Receiver: a pays 1 against t1 and -1 against t2, t3; r pays 0.  Sender: a pays 4, r pays 0,
    and m1 costs c = 1, 2, 3 to t1, t2, t3.

    Pooling on m0 with r is a PBE: at the prior a pays -1/3 < 0; u* = 0 for each type; after m1
    the receiver rejects, e.g. believing t2 (any belief with P(t1) <= 1/2), and m1 gives -c < 0.

    Intuitive criterion at m1: every type gets 4 - c > 0 from m1 if accepted, and a is a best
    reply to the belief t1, so no type is equilibrium-dominated: J(m1) = ∅, the test does not
    bite, the equilibrium survives.

    D1 at m1, with α = P(a): type t gains weakly iff 4α - c >= 0, i.e. α >= c/4.  So
    D_t2 ∪ D⁰_t2 = [1/2, 1] ⊆ D_t1 = (1/4, 1] and likewise for t3: both are deleted.  On the
    survivor t1 the receiver accepts, not the prescribed r: the equilibrium fails D1.
    """
    cost = {"t1": 1, "t2": 2, "t3": 3}
    return gt.SignalingGame(
        sender="S",
        receiver="R",
        types={"t1": R(1, 3), "t2": R(1, 3), "t3": R(1, 3)},
        messages=["m0", "m1"],
        actions=["a", "r"],
        payoffs=lambda t, m, x: {
            "S": (4 if x == "a" else 0) - (cost[t] if m == "m1" else 0),
            "R": 0 if x == "r" else 1 if t == "t1" else -1,
        },
    )


def test_three_types_intuitive_keeps_d1_removes() -> None:
    sg = three_types()
    pooling = by_hand(
        sg,
        {"t1": "m0", "t2": "m0", "t3": "m0"},
        {"m0": {"r": 1}, "m1": {"r": 1}},
        {"m0": {t: R(1, 3) for t in sg.types}, "m1": {"t2": 1}},
    )
    certify(sg, pooling, pooling.beliefs)
    sol = solution(sg, [pooling])
    assert intuitive_criterion(sol).equilibria == (pooling,)
    d1 = d1_criterion(sol)
    assert d1.equilibria == ()
    (removal,) = d1.removed
    assert (removal.message, removal.types, removal.where) == ("m1", ("t1",), sp.true)
    assert "'t2' and 't3'" in removal.reason


def test_three_types_accepting_after_m1_survives() -> None:
    """The same pooling profile with a belief on t1 after m1 would need the receiver to accept
    there, and then t1 deviates: not a PBE.  A pooling equilibrium whose off-path reply is the
    survivors' best reply passes D1: check on a variant where m1 costs t1 too much (c = 5):
    then D_t1 ∪ D⁰_t1 = ∅ ⊆ D_t2 deletes t1, the survivors are t2 (t3 is deleted by t2), and
    rejecting is their best reply."""
    cost = {"t1": 5, "t2": 2, "t3": 3}
    sg = gt.SignalingGame(
        sender="S",
        receiver="R",
        types={"t1": R(1, 3), "t2": R(1, 3), "t3": R(1, 3)},
        messages=["m0", "m1"],
        actions=["a", "r"],
        payoffs=lambda t, m, x: {
            "S": (4 if x == "a" else 0) - (cost[t] if m == "m1" else 0),
            "R": 0 if x == "r" else 1 if t == "t1" else -1,
        },
    )
    pooling = by_hand(
        sg,
        {t: "m0" for t in sg.types},
        {"m0": {"r": 1}, "m1": {"r": 1}},
        {"m0": {t: R(1, 3) for t in sg.types}, "m1": {"t2": 1}},
    )
    certify(sg, pooling, pooling.beliefs)
    for refine in (intuitive_criterion, d1_criterion):
        out = refine(solution(sg, [pooling]))
        assert out.equilibria == (pooling,) and not out.removed


# -- Spence job-market signalling ----------------------------------------------------------------


def spence(
    types: Mapping[str, object], cost: Mapping[str, object], levels: int
) -> gt.SignalingGame:
    """Discrete Spence (1973): a worker of productivity θ (type 'L' = 1, 'M' = 2, 'H' = 3)
    picks education e in {0, ..., levels - 1} at cost k_θ·e; the firm pays a wage w in
    {1, ..., number of types} and gets -(w - θ)², so its best reply to a belief is the wage
    nearest the expected productivity."""
    theta = {"L": 1, "M": 2, "H": 3}
    if "M" not in types:
        theta["H"] = 2
    wages = [f"w{w}" for w in range(1, len(types) + 1)]
    return gt.SignalingGame(
        sender="Worker",
        receiver="Firm",
        types=dict(types),
        messages=[f"e{e}" for e in range(levels)],
        actions=wages,
        payoffs=lambda t, m, x: {
            "Worker": int(x[1:]) - cost[t] * int(m[1:]),
            "Firm": -((int(x[1:]) - theta[t]) ** 2),
        },
    )


def spence_two() -> tuple[gt.SignalingGame, list[gt.Equilibrium]]:
    """Two types: θ_L = 1 (prior 2/3, cost 3/2 per unit), θ_H = 2 (prior 1/3, cost 1/4);
    e in {0, 1, 2}; w in {1, 2}.  The PBE with pure strategies (verified by ``assert_pbe``):

    - Riley: L -> e0 (w1, u* = 1), H -> e1 (w2, u* = 7/4): L would get 2 - 3/2 = 1/2 from e1;
    - over-educated separating: H -> e2 (w2, u* = 3/2), w1 after e1 (belief L);
    - pooling on e0: expected productivity 4/3, so w1; u* = 1 for both; w1 after e1 and e2.

    D1 at e1 against the last two, with α = P(w2): L gains weakly iff 1 + α - 3/2 >= 1, never;
    so L is deleted, the belief after e1 is H and the firm pays w2, not the prescribed w1.  The
    intuitive criterion agrees: e1 is equilibrium-dominated for L (1 > 1/2) and H gains from
    it against w2 (7/4 > 3/2, resp. > 1).

    Both Riley equilibria (the least-cost separating outcome) differ only off the path, at e2,
    which neither type wants whatever the wage (L gets at most 2 - 3, H at most 3/2 < 7/4):
    D1 deletes both types there (each D ∪ D⁰ is empty), which restricts nothing, and for the
    intuitive criterion J(e2) = Θ: no test.  Both survive.
    """
    sg = spence({"L": R(2, 3), "H": R(1, 3)}, {"L": R(3, 2), "H": R(1, 4)}, 3)
    prior = {"L": R(2, 3), "H": R(1, 3)}
    eqs = [
        by_hand(
            sg,
            {"L": "e0", "H": "e1"},
            {"e0": {"w1": 1}, "e1": {"w2": 1}, "e2": {"w2": 1}},
            {"e0": {"L": 1}, "e1": {"H": 1}, "e2": {"H": 1}},
        ),
        by_hand(
            sg,
            {"L": "e0", "H": "e1"},
            {"e0": {"w1": 1}, "e1": {"w2": 1}, "e2": {"w1": 1}},
            {"e0": {"L": 1}, "e1": {"H": 1}, "e2": {"L": 1}},
        ),
        by_hand(
            sg,
            {"L": "e0", "H": "e2"},
            {"e0": {"w1": 1}, "e1": {"w1": 1}, "e2": {"w2": 1}},
            {"e0": {"L": 1}, "e1": {"L": 1}, "e2": {"H": 1}},
        ),
        by_hand(
            sg,
            {"L": "e0", "H": "e0"},
            {"e0": {"w1": 1}, "e1": {"w1": 1}, "e2": {"w1": 1}},
            {"e0": prior, "e1": {"L": 1}, "e2": {"L": 1}},
        ),
    ]
    return sg, eqs


def spence_three() -> tuple[gt.SignalingGame, list[gt.Equilibrium]]:
    """Three types: θ = 1, 2, 3 (prior 2/5, 2/5, 1/5; cost per unit 3/2, 2/3, 1/4);
    e in {0, 1, 2, 3}; w in {1, 2, 3}.  PBE (verified by ``assert_pbe``):

    - Riley: L -> e0 (w1, u* = 1), M -> e1 (w2, u* = 4/3), H -> e3 (w3, u* = 9/4); after e2
      the firm pays w2 (belief M).  No type mimics: L gets 1/2 from e1 and 3 - 9/2 from e3;
      M gets 3 - 2 = 1 from e3; H gets 7/4 from e1 and 3/2 from e2 (w2).
    - pooling on e0: expected productivity 9/5, so w2; u* = 2 each; w1 off the path.
    - L -> e0 (w1), M and H -> e1: expected productivity 7/3, so w2; u* = 1, 4/3, 7/4; w1
      after e2 and e3.

    D1 on the Riley equilibrium at e2, with E = the expected wage: L gains weakly iff
    E - 3 >= 1 (never), M iff E >= 8/3, H iff E - 1/2 >= 9/4, i.e. E >= 11/4, and strictly iff
    E > 8/3 resp. E > 11/4.  So {E >= 11/4} ⊆ {E > 8/3}: H is deleted (and L), the belief is
    M, and the prescribed w2 is right: it survives.
    Pooling at e1: L never gains (E >= 7/2), M iff E >= 8/3, H strictly iff E > 9/4: L and M
    are deleted, the firm pays w3 to H, not w1: it fails.
    Partial pooling at e3: L and M never gain (E >= 11/2, E >= 10/3), H iff E > 5/2: only H
    is left, the firm pays w3, not w1: it fails.
    """
    prior = {"L": R(2, 5), "M": R(2, 5), "H": R(1, 5)}
    sg = spence(prior, {"L": R(3, 2), "M": R(2, 3), "H": R(1, 4)}, 4)
    eqs = [
        by_hand(
            sg,
            {"L": "e0", "M": "e1", "H": "e3"},
            {"e0": {"w1": 1}, "e1": {"w2": 1}, "e2": {"w2": 1}, "e3": {"w3": 1}},
            {"e0": {"L": 1}, "e1": {"M": 1}, "e2": {"M": 1}, "e3": {"H": 1}},
        ),
        by_hand(
            sg,
            {"L": "e0", "M": "e0", "H": "e0"},
            {"e0": {"w2": 1}, "e1": {"w1": 1}, "e2": {"w1": 1}, "e3": {"w1": 1}},
            {"e0": prior, "e1": {"L": 1}, "e2": {"L": 1}, "e3": {"L": 1}},
        ),
        by_hand(
            sg,
            {"L": "e0", "M": "e1", "H": "e1"},
            {"e0": {"w1": 1}, "e1": {"w2": 1}, "e2": {"w1": 1}, "e3": {"w1": 1}},
            {"e0": {"L": 1}, "e1": {"M": R(2, 3), "H": R(1, 3)}, "e2": {"L": 1}, "e3": {"L": 1}},
        ),
    ]
    return sg, eqs


@pytest.mark.parametrize("build", [spence_two, spence_three], ids=["two types", "three types"])
@pytest.mark.parametrize("criterion", ["intuitive", "D1"])
def test_spence_selects_riley(build, criterion: str) -> None:  # type: ignore[no-untyped-def]
    sg, eqs = build()
    for eq in eqs:
        certify(sg, eq, eq.beliefs)
    refined = REFINE[criterion](solution(sg, eqs))
    riley = eqs[: 2 if len(sg.types) == 2 else 1]
    assert list(refined) == riley
    removed = {r.equilibrium.key() for r in refined.removed}
    assert removed == {eq.key() for eq in eqs[len(riley) :]}
    for r in refined.removed:
        assert r.where is sp.true and r.criterion == criterion
        assert r.types == ("H",) or criterion == "intuitive"


def test_spence_two_types_symbolic_cost() -> None:
    """The over-educated separating equilibrium (L -> e0, H -> e2, w1 after e1) with L's cost
    per unit a parameter c in (0, 3): a PBE for c >= 1/2 (L must not mimic e2: 1 >= 2 - 2c).

    Intuitive criterion at e1: L is dominated iff 1 > 2 - c (c > 1); H never is (7/4 > 3/2):
    it fails for c > 1.  D1 at e1, E the expected wage: L gains weakly iff E >= 1 + c, H
    strictly iff E > 7/4.  For c > 3/4, L's set is inside H's: L is deleted, the firm pays w2,
    it fails; for c < 3/4 H is deleted (w1 is right); at c = 3/4 neither.  So the intuitive
    criterion keeps it on [1/2, 1], D1 on [1/2, 3/4]."""
    space = gt.ParameterSpace({c: (0, 3)})
    sg = spence({"L": R(2, 3), "H": R(1, 3)}, {"L": c, "H": R(1, 4)}, 3)
    eq = by_hand(
        sg,
        {"L": "e0", "H": "e2"},
        {"e0": {"w1": 1}, "e1": {"w1": 1}, "e2": {"w2": 1}},
        {"e0": {"L": 1}, "e1": {"L": 1}, "e2": {"H": 1}},
        conditions=c >= R(1, 2),
        space=space,
    )
    sol = solution(sg, [eq], space)
    for criterion, top in (("intuitive", 1), ("D1", R(3, 4))):
        refined = REFINE[criterion](sol)
        assert len(refined) == 1
        (kept,) = refined
        assert kept.holds_at(c=top) and kept.holds_at(c=R(1, 2))
        assert not kept.holds_at(c=top + R(1, 100))
        certify(sg, kept, eq.beliefs)
        (removal,) = refined.removed
        assert removal.message == "e1" and removal.types == ("H",)
        assert sp.simplify(removal.where.subs(c, top + R(1, 100))) is sp.true
        assert sp.simplify(removal.where.subs(c, top)) is sp.false


# -- what is not a signalling game -------------------------------------------------------------


def test_not_a_signalling_game_is_refused() -> None:
    tree = gt.ExtensiveGame(
        gt.Decision("A", {"l": gt.Outcome(A=1, B=0), "r": gt.Outcome(A=0, B=1)})
    )
    sol = gt.Solution(tree, (), gt.ParameterSpace({}), "pbe", "by hand")
    for refine in (intuitive_criterion, d1_criterion):
        with pytest.raises(gt.UnsupportedGameError, match="chance move over two or more"):
            refine(sol)


def test_three_types_three_replies_symbolic() -> None:
    """``three_types`` with t1's cost of m1 a parameter c in (0, 6) and a third reply z that
    pays the sender 1 and the receiver b - 1 (b in (0, 2], pooling needs b <= 1).

    D1 at m1 (u* = 0): type t gains weakly from m1 iff the expected reply pays it at least its
    cost, so the type with the lower cost deletes the others.  c < 2: t2 and t3 are deleted,
    the receiver accepts t1: it fails.  c > 2: t2 deletes t1 and t3, rejecting is right.
    c = 2: t1 and t2 have the same sets, only t3 goes, and a belief with P(t1) <= 1/2 supports
    rejecting.  So D1 keeps it for c >= 2.  The intuitive criterion never bites (t2 and t3 are
    never equilibrium-dominated, and reject is a best reply on them)."""
    b = sp.Symbol("b", positive=True)
    space = gt.ParameterSpace({c: (0, 6), b: (0, 2)})
    cost = {"t1": c, "t2": 2, "t3": 3}
    sg = gt.SignalingGame(
        sender="S",
        receiver="R",
        types={"t1": R(1, 3), "t2": R(1, 3), "t3": R(1, 3)},
        messages=["m0", "m1"],
        actions=["a", "r", "z"],
        payoffs=lambda t, m, x: {
            "S": {"a": 4, "r": 0, "z": 1}[x] - (cost[t] if m == "m1" else 0),
            "R": {"a": 1 if t == "t1" else -1, "r": 0, "z": b - 1}[x],
        },
    )
    eq = by_hand(
        sg,
        {t: "m0" for t in sg.types},
        {"m0": {"r": 1}, "m1": {"r": 1}},
        {"m0": {t: R(1, 3) for t in sg.types}, "m1": {"t2": 1}},
        conditions=b <= 1,
        space=space,
    )
    sol = solution(sg, [eq], space)
    assert intuitive_criterion(sol).equilibria == (eq,)
    d1 = d1_criterion(sol)
    assert d1.equilibria
    for point in ({"c": 2, "b": 1}, {"c": 5, "b": R(1, 2)}):
        assert any(kept.holds_at(**point) for kept in d1)
    for point in ({"c": R(19, 10), "b": 1}, {"c": 1, "b": R(1, 2)}):
        assert not any(kept.holds_at(**point) for kept in d1)
    for kept in d1:
        certify(sg, kept, eq.beliefs)
    (removal,) = d1.removed
    assert removal.types == ("t1",)


def test_three_types_through_pbe() -> None:
    """``three_types`` through ``gt.pbe``: both pooling equilibria (reject after m1, or accept
    with probability 1/4 at the belief P(t1) = 1/2) pass the intuitive criterion and fail D1
    (only t1 is left after m1); the equilibria where t1 and t2 send m1 have no off-path
    message and survive both."""
    sg = three_types()
    intuitive = gt.pbe(sg, refine="intuitive")
    d1 = gt.pbe(sg, refine="D1")
    pooling = [eq for eq in intuitive if eq.kind == "pooling"]
    assert len(pooling) == 2 and not intuitive.removed
    assert all(eq.kind != "pooling" for eq in d1) and d1.equilibria
    assert {r.equilibrium.key() for r in d1.removed} == {eq.key() for eq in pooling}
    assert all((r.message, r.types) == ("m1", ("t1",)) for r in d1.removed)
    assert d1.complete
    for eq in (*intuitive, *d1):
        assert_pbe(sg, eq)
