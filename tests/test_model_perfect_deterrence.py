"""Perfect deterrence (models/perfect_deterrence.py, MODELS.md §4): the stated results.

Three independent checks:

(a) the docstring's derivation (families, thresholds, closed forms) against ``gt.pbe``,
    symbolically and at exact points inside each regime and on its boundaries;
(b) a brute force written here, which shares no code with the solver: every pure behaviour
    profile at a numeric point, Bayes' beliefs where the profile determines them, and, at an
    information set it leaves unreached, the exact interval of beliefs under which the action
    there is optimal; its pure PBE must be exactly ``gt.pbe``'s pure equilibria at that point;
(c) every equilibrium ``gt.pbe`` returns passes ``gametheory.testing.assert_pbe``.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_pbe

from . import solved

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "perfect_deterrence.py"
R = sp.Rational

pd = solved.model("perfect_deterrence")
p_Ch, p_Def = pd.p_Ch, pd.p_Def
D_H, D_S, MU = pd.DELTA_H, pd.DELTA_S, pd.MU_STAR  # 1/2, 1/3, 2/5
DEF_SETS = ("Def|Hard", "Def|Soft")


# -- (b) the brute force: pure PBE by enumeration, independent of gt.pbe --------------------------


def _exact(x: object) -> Fraction:
    r = sp.Rational(sp.sympify(x))
    return Fraction(int(r.p), int(r.q))


@dataclass(frozen=True)
class Support:
    """The beliefs at an information set under which the profile's action there is optimal:
    Bayes' ``belief`` (a distribution on the nodes) where the profile determines it, else the
    exact interval ``[lo, hi]`` of the belief in the set's first node (two-node sets)."""

    belief: tuple[Fraction, ...] | None = None
    lo: Fraction | None = None
    hi: Fraction | None = None


class BruteForce:
    """A finite tree at a numeric point, walked directly (its own paths, values and reach)."""

    def __init__(self, game: gt.ExtensiveGame) -> None:
        self.players = list(game.players)
        self.nodes: dict[tuple[str, ...], Any] = {}
        self.sets: dict[str, list[tuple[str, ...]]] = {}
        self.owner: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._walk(game.root, ())

    def _walk(self, node: Any, path: tuple[str, ...]) -> None:
        self.nodes[path] = node
        if isinstance(node, gt.Decision):
            label = node.infoset or "/".join(path)
            self.sets.setdefault(label, []).append(path)
            self.owner[label] = (node.player, tuple(node.actions))
            for a, child in node.actions.items():
                self._walk(child, (*path, a))
        elif isinstance(node, gt.Chance):
            for b, (_, child) in node.branches.items():
                self._walk(child, (*path, b))

    def value(self, path: tuple[str, ...], sigma: Mapping[str, str]) -> list[Fraction]:
        """Every player's payoff from a node on, under the pure profile."""
        node = self.nodes[path]
        if isinstance(node, gt.Outcome):
            return [_exact(node.payoffs.get(p, 0)) for p in self.players]
        if isinstance(node, gt.Chance):
            total = [Fraction(0)] * len(self.players)
            for b, (prob, _) in node.branches.items():
                v = self.value((*path, b), sigma)
                total = [t + _exact(prob) * x for t, x in zip(total, v, strict=True)]
            return total
        return self.value((*path, sigma[node.infoset or "/".join(path)]), sigma)

    def weight(self, path: tuple[str, ...], player: str, sigma: Mapping[str, str]) -> Fraction:
        """The probability of reaching ``path`` from chance and the *other* players' moves, the
        mover's own moves taken as made: Bayes' rule at the mover's information set wherever
        the others' strategies determine it, its own unexpected moves included."""
        w = Fraction(1)
        for k in range(len(path)):
            node, step = self.nodes[path[:k]], path[k]
            if isinstance(node, gt.Chance):
                w *= _exact(node.branches[step][0])
            elif node.player != player and sigma[node.infoset or "/".join(path[:k])] != step:
                return Fraction(0)
        return w

    def support(self, label: str, sigma: Mapping[str, str]) -> Support | None:
        """The beliefs supporting the profile's action at ``label``, or None if none does."""
        player, actions = self.owner[label]
        k = self.players.index(player)
        xs = self.sets[label]
        chosen = sigma[label]
        gain = {  # per node: (value of the chosen action) - (value of b)
            b: [self.value((*x, chosen), sigma)[k] - self.value((*x, b), sigma)[k] for x in xs]
            for b in actions
            if b != chosen
        }
        weights = [self.weight(x, player, sigma) for x in xs]
        total = sum(weights)
        if total > 0 or len(xs) == 1:
            mu = tuple(w / total for w in weights) if total > 0 else (Fraction(1),)
            ok = all(sum(m * g for m, g in zip(mu, gs, strict=True)) >= 0 for gs in gain.values())
            return Support(belief=mu) if ok else None
        if len(xs) != 2:
            raise NotImplementedError("free beliefs on sets of more than two nodes")
        lo, hi = Fraction(0), Fraction(1)  # t = belief in xs[0]: t*g0 + (1 - t)*g1 >= 0
        for g0, g1 in gain.values():
            slope = g0 - g1
            if slope > 0:
                lo = max(lo, -g1 / slope)
            elif slope < 0:
                hi = min(hi, -g1 / slope)
            elif g1 < 0:
                return None
        return Support(lo=lo, hi=hi) if lo <= hi else None

    def pure_pbe(self) -> dict[tuple[tuple[str, str], ...], dict[str, Support]]:
        """Every pure PBE: {profile as sorted (set, action) pairs: {set: supporting beliefs}}."""
        labels = sorted(self.sets)
        found = {}
        for choice in itertools.product(*(self.owner[h][1] for h in labels)):
            sigma = dict(zip(labels, choice, strict=True))
            supports = {h: self.support(h, sigma) for h in labels}
            if all(s is not None for s in supports.values()):
                found[tuple(sorted(sigma.items()))] = {
                    h: s for h, s in supports.items() if s is not None
                }
        return found


def point(pc: Any, pdf: Any) -> dict[str, Any]:
    return {"p_Ch": sp.nsimplify(pc), "p_Def": sp.nsimplify(pdf)}


def brute(pc: Any, pdf: Any) -> dict[tuple[tuple[str, str], ...], dict[str, Support]]:
    return BruteForce(pd.game.at(point(pc, pdf))).pure_pbe()


# Ch's first move (Hard, Soft), the Soft defender's move; the rest is fixed by types
LAST = {"Ch|Hard|defended": "fight", "Ch|Soft|defended": "back down", "Def|Hard": "defend"}
PURE = {
    "certain deterrence (Soft Def defends)": ("SQ", "SQ", "defend"),
    "certain deterrence (Soft Def concedes)": ("SQ", "SQ", "concede"),
    "separating": ("initiate", "SQ", "concede"),
    "attack": ("initiate", "initiate", "concede"),
}


def profile(name: str) -> tuple[tuple[str, str], ...]:
    hard, soft, def_soft = PURE[name]
    sigma = {**LAST, "Ch|Hard": hard, "Ch|Soft": soft, "Def|Soft": def_soft}
    return tuple(sorted(sigma.items()))


def pure_by_hand(pc: Any, pdf: Any) -> set[tuple[tuple[str, str], ...]]:
    """The derivation's pure PBE at a point (a Soft Def who mixes with s = 0 concedes)."""
    names = pd.by_hand(pc, pdf)
    if "certain deterrence (Soft Def mixes)" in names and sp.nsimplify(pdf) == D_H:
        names.add("certain deterrence (Soft Def concedes)")
    return {profile(n) for n in names if n in PURE}


# interior points of each regime, the scenarios, and points on every boundary
REGIME_POINTS = [
    pytest.param(R(1, 3), R(1, 4), id="bluff-jan2020"),
    pytest.param(R(1, 10), R(1, 10), id="bluff-low"),
    pytest.param(R(3, 4), R(1, 5), id="attack"),
    pytest.param(R(9, 10), R(1, 20), id="attack-low"),
    pytest.param(R(1, 2), R(2, 5), id="separating"),
    pytest.param(R(1, 10), R(9, 20), id="separating-soft-ch"),
    pytest.param(R(1, 2), R(3, 4), id="deterrence"),
    pytest.param(R(1, 10), R(19, 20), id="deterrence-high"),
]
BOUNDARY_POINTS = [
    pytest.param(R(1, 2), D_H, id="p_Def=delta_H"),
    pytest.param(R(1, 5), D_S, id="p_Def=delta_S,bluff-side"),
    pytest.param(R(4, 5), D_S, id="p_Def=delta_S,attack-side"),
    pytest.param(MU, R(1, 5), id="p_Ch=mu_star"),
    pytest.param(MU, D_S, id="corner"),
]
POINTS = REGIME_POINTS + BOUNDARY_POINTS


@pytest.mark.parametrize(("pc", "pdf"), POINTS)
def test_brute_force_agrees_with_the_derivation(pc: Any, pdf: Any) -> None:
    """The hand derivation's pure PBE are exactly the brute force's, with the off-path belief
    intervals of certain deterrence at the Soft defender: [0, mu*] when it defends, [mu*, 1]
    when it concedes."""
    found = brute(pc, pdf)
    assert set(found) == pure_by_hand(pc, pdf)
    for prof, supports in found.items():
        sigma = dict(prof)
        if sigma["Ch|Hard"] == sigma["Ch|Soft"] == "SQ":
            s = supports["Def|Soft"]
            expected = (0, MU) if sigma["Def|Soft"] == "defend" else (MU, 1)
            assert (s.lo, s.hi) == tuple(_exact(e) for e in expected)
            h = supports["Def|Hard"]  # the Hard defender defends whatever it believes
            assert (h.lo, h.hi) == (0, 1)


# -- the mixed families by their closed forms, certified without the solver -------------------------

NODES = {  # the two nodes of each information set, by path from the root
    "Ch|Hard": ("Ch Hard/Def Hard", "Ch Hard/Def Soft"),
    "Ch|Soft": ("Ch Soft/Def Hard", "Ch Soft/Def Soft"),
    "Def|Hard": ("Ch Hard/Def Hard/initiate", "Ch Soft/Def Hard/initiate"),
    "Def|Soft": ("Ch Hard/Def Soft/initiate", "Ch Soft/Def Soft/initiate"),
    "Ch|Hard|defended": ("Ch Hard/Def Hard/initiate/defend", "Ch Hard/Def Soft/initiate/defend"),
    "Ch|Soft|defended": ("Ch Soft/Def Hard/initiate/defend", "Ch Soft/Def Soft/initiate/defend"),
}


def assessment(
    x_h: Any, x_s: Any, s: Any, mu: Any, pdf: Any
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Strategies and beliefs from the derivation's unknowns: the types' initiation x_h, x_s,
    the Soft defender's defence s, Def's belief mu in a Hard challenger (the same at both of
    its sets: the types are independent); Ch believes Def Hard with the prior at its first
    move and with Bayes' rule from Def's strategies after a defence."""
    delta = pdf + (1 - pdf) * s
    strategies = {
        "Ch|Hard": {"initiate": x_h, "SQ": 1 - x_h},
        "Ch|Soft": {"initiate": x_s, "SQ": 1 - x_s},
        "Def|Hard": {"defend": 1, "concede": 0},
        "Def|Soft": {"defend": s, "concede": 1 - s},
        **{h: {a: int(a == LAST[h]) for a in ("fight", "back down")} for h in LAST if "|d" in h},
    }
    after = pdf / delta
    beliefs = {
        "Ch|Hard": dict(zip(NODES["Ch|Hard"], (pdf, 1 - pdf), strict=True)),
        "Ch|Soft": dict(zip(NODES["Ch|Soft"], (pdf, 1 - pdf), strict=True)),
        "Def|Hard": dict(zip(NODES["Def|Hard"], (mu, 1 - mu), strict=True)),
        "Def|Soft": dict(zip(NODES["Def|Soft"], (mu, 1 - mu), strict=True)),
        "Ch|Hard|defended": dict(zip(NODES["Ch|Hard|defended"], (after, 1 - after), strict=True)),
        "Ch|Soft|defended": dict(zip(NODES["Ch|Soft|defended"], (after, 1 - after), strict=True)),
    }
    return strategies, beliefs


@pytest.mark.parametrize(
    ("pc", "pdf"),
    [(R(1, 3), R(1, 4)), (R(1, 10), R(1, 10)), (R(3, 10), R(3, 10)), (MU, R(1, 5))],
)
def test_bluff_closed_form_is_a_pbe(pc: Any, pdf: Any) -> None:
    cf = pd.bluff_closed_form(pc, pdf)
    strategies, beliefs = assessment(1, cf["x_S"], cf["s"], MU, pdf)
    assert_pbe(pd.game, strategies, beliefs, at=point(pc, pdf))
    # bluffing more while the beliefs stay at mu* breaks Bayes' rule
    more, _ = assessment(1, cf["x_S"] * R(11, 10), cf["s"], MU, pdf)
    if cf["x_S"] * R(11, 10) <= 1:
        with pytest.raises(gt.NotAnEquilibriumError):
            assert_pbe(pd.game, more, beliefs, at=point(pc, pdf))


def test_bluff_outcomes_at_jan2020() -> None:
    cf = pd.bluff_closed_form(R(1, 3), R(1, 4))
    assert (cf["x_S"], cf["s"]) == (R(3, 4), R(1, 9))
    assert (cf["DD"], cf["CD"], cf["DC"], cf["SQ"]) == (R(1, 9), R(1, 6), R(5, 9), R(1, 6))


@pytest.mark.parametrize("pdf", [R(1, 10), R(1, 4), R(2, 5), D_H])
def test_certain_deterrence_with_a_mixing_soft_defender(pdf: Any) -> None:
    """The continuum's extreme point: s = (delta_H - p_Def)/(1 - p_Def), mu = mu*; with less
    defence the Hard challenger initiates."""
    s = (D_H - pdf) / (1 - pdf)
    strategies, beliefs = assessment(0, 0, s, MU, pdf)
    assert_pbe(pd.game, strategies, beliefs, at=point(R(1, 2), pdf))
    if s > 0:
        fewer, _ = assessment(0, 0, s * R(9, 10), MU, pdf)
        with pytest.raises(gt.NotAnEquilibriumError):
            assert_pbe(pd.game, fewer, beliefs, at=point(R(1, 2), pdf))


def test_certain_deterrence_needs_the_belief_interval() -> None:
    """The Soft defender's threat holds for mu in [0, mu*] and fails above."""
    pt = point(R(1, 2), R(1, 4))
    for mu in (0, R(1, 5), MU):
        assert_pbe(pd.game, *assessment(0, 0, 1, mu, R(1, 4)), at=pt)
    with pytest.raises(gt.NotAnEquilibriumError):
        assert_pbe(pd.game, *assessment(0, 0, 1, R(1, 2), R(1, 4)), at=pt)


# -- gt.pbe: (a) against the derivation, (b) against the brute force, (c) certified ---------------


@pytest.fixture(scope="module")
def sol() -> gt.Solution:
    return solved.solution("perfect_deterrence")


def is_pure(eq: gt.Equilibrium) -> bool:
    return all(any(v == 1 for v in s.values()) for s in eq.strategies.values())


def pure_profile(eq: gt.Equilibrium) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted((h, next(a for a, v in s.items() if v == 1)) for h, s in eq.strategies.items())
    )


def pure_profiles(eqs: gt.Solution) -> set[tuple[tuple[str, str], ...]]:
    return {pure_profile(e) for e in eqs if is_pure(e)}


def named(eq: gt.Equilibrium) -> str:
    """The derivation's name of an equilibrium."""
    fam = pd.family(eq)
    return f"{fam} (Soft Def {pd.soft_defender(eq)})" if fam == "certain deterrence" else fam


def first_node(beliefs: Mapping[str, Any], h: str) -> Any:
    """The belief entry for the first node of information set ``h`` (keyed by path, or by the
    first chance branch when that tells the nodes apart)."""
    (entry,) = [
        v for k, v in beliefs.items() if NODES[h][0] == k or NODES[h][0].startswith(k + "/")
    ]
    return entry


def certify(eq: gt.Equilibrium, pt: Mapping[str, Any], game: gt.ExtensiveGame = pd.game) -> None:
    """(c): assert_pbe of an equilibrium at a point (numeric: from ``sol.at`` or a numeric
    game), at both ends of every off-path belief interval (the conditions are linear in each
    belief and separate across information sets, so the ends certify the whole interval)."""
    for end in ("inf", "sup"):
        beliefs = {}
        for h, b in eq.beliefs.items():
            v = first_node(b, h)  # an Interval off the path (a FiniteSet if it is one point)
            mu = getattr(v, end) if isinstance(v, sp.Set) else v
            beliefs[h] = {NODES[h][0]: mu, NODES[h][1]: 1 - mu}
        assert_pbe(game, eq.strategies, beliefs, at=pt)


def expected_names(pc: Any, pdf: Any, th: Mapping[str, Any] | None = None) -> set[str]:
    """The derivation's families at a point, named as ``named`` names the solver's (at
    p_Def = delta_H the mixing Soft defender's extreme point is s = 0: it concedes)."""
    names = pd.by_hand(pc, pdf, th)
    d_h = (th or pd.thresholds())["delta_H"]
    if "certain deterrence (Soft Def mixes)" in names and sp.nsimplify(pdf) == d_h:
        names = (names - {"certain deterrence (Soft Def mixes)"}) | {
            "certain deterrence (Soft Def concedes)"
        }
    return names


def test_symbolic_solution_has_every_family(sol: gt.Solution) -> None:
    names = {named(eq) for eq in sol}
    assert set(pd.by_hand(R(1, 3), R(1, 4))) | {"separating", "attack"} <= names
    assert names - {"boundary"} == {
        "certain deterrence (Soft Def defends)",
        "certain deterrence (Soft Def concedes)",
        "certain deterrence (Soft Def mixes)",
        "separating",
        "attack",
        "bluff",
    }
    for eq in sol:  # the type-determined moves
        assert eq.strategies["Def|Hard"]["defend"] == 1
        assert eq.strategies["Ch|Hard|defended"]["fight"] == 1
        assert eq.strategies["Ch|Soft|defended"]["back down"] == 1


def test_symbolic_conditions_are_the_derivations(sol: gt.Solution) -> None:
    """(a), symbolically: each equilibrium's conditions are exactly the derivation's (docstring
    item 4), boundary pieces of the continua included."""
    expected = {
        ("certain deterrence", "defends"): sp.true,
        ("certain deterrence", "concedes"): p_Def >= D_H,
        ("certain deterrence", "mixes"): p_Def <= D_H,
        ("separating", "concedes"): sp.And(p_Def >= D_S, p_Def <= D_H),
        ("attack", "concedes"): sp.And(p_Ch >= MU, p_Def <= D_S),
        ("attack", "mixes"): sp.And(sp.Eq(p_Ch, MU), p_Def < D_S),
        ("bluff", "concedes"): sp.And(sp.Eq(p_Def, D_S), p_Ch <= MU),
        ("bluff", "mixes"): sp.And(p_Ch < MU, p_Def < D_S),
    }
    found = {(pd.family(e), pd.soft_defender(e)): e.conditions for e in sol}
    assert found == expected
    assert sol.complete and sol.degenerate


@pytest.mark.parametrize(("pc", "pdf"), POINTS)
def test_families_at_points(sol: gt.Solution, pc: Any, pdf: Any) -> None:
    """(a): the families gt.pbe finds at a point, symbolically (sol.at) and at the numeric
    game, are the derivation's."""
    pt = point(pc, pdf)
    for eqs in (sol.at(pt), gt.pbe(pd.game.at(pt))):
        names = {named(e) for e in eqs}
        if pt["p_Def"] != D_H:
            assert "boundary" not in names
        assert names - {"boundary"} == expected_names(pc, pdf), eqs


@pytest.mark.parametrize(("pc", "pdf"), POINTS)
def test_pure_equilibria_match_the_brute_force(sol: gt.Solution, pc: Any, pdf: Any) -> None:
    """(b): gt.pbe's pure equilibria are exactly the brute force's pure PBE, and the beliefs
    it reports at Def's information sets lie in the brute force's supporting sets, their union
    spanning them (an extreme point of a continuum may repeat a pure profile with one belief)."""
    pt = point(pc, pdf)
    found = brute(pc, pdf)
    for eqs in (sol.at(pt), gt.pbe(pd.game.at(pt))):
        assert pure_profiles(eqs) == set(found)
        for prof, supports in found.items():
            for h in DEF_SETS:
                reported = [
                    first_node(e.beliefs[h], h)
                    for e in eqs
                    if is_pure(e) and pure_profile(e) == prof
                ]
                sets = [v if isinstance(v, sp.Set) else sp.FiniteSet(v) for v in reported]
                s = supports[h]
                expected = (
                    sp.FiniteSet(s.belief[0]) if s.belief is not None else sp.Interval(s.lo, s.hi)
                )
                assert all(x.is_subset(expected) for x in sets), (h, prof, sets)
                assert sp.Union(*sets).inf == expected.inf, (h, prof, sets)
                assert sp.Union(*sets).sup == expected.sup, (h, prof, sets)


@pytest.mark.parametrize(("pc", "pdf"), POINTS)
def test_every_equilibrium_is_certified(sol: gt.Solution, pc: Any, pdf: Any) -> None:
    """(c): every equilibrium gt.pbe returns at a point passes assert_pbe."""
    pt = point(pc, pdf)
    for eqs in (sol.at(pt), gt.pbe(pd.game.at(pt))):
        for e in eqs:
            certify(e, pt)


def test_bluff_symbolically(sol: gt.Solution) -> None:
    (eq,) = [e for e in sol if pd.family(e) == "bluff" and pd.soft_defender(e) == "mixes"]
    cf = pd.bluff_closed_form(p_Ch, p_Def)
    assert sp.simplify(pd.initiates(eq, "Soft") - cf["x_S"]) == 0
    assert sp.simplify(eq.strategies["Def|Soft"]["defend"] - cf["s"]) == 0
    for o in ("DD", "CD", "DC", "SQ"):
        assert sp.simplify(eq.outcomes[o] - cf[o]) == 0, o
    for h in DEF_SETS:
        assert sp.simplify(first_node(eq.beliefs[h], h) - MU) == 0


def test_scenarios(sol: gt.Solution) -> None:
    jan = sol.at(pd.scenarios["jan2020"])
    assert {named(e) for e in jan} == {
        "bluff",
        "certain deterrence (Soft Def defends)",
        "certain deterrence (Soft Def mixes)",
    }
    (bluff,) = [e for e in jan if named(e) == "bluff"]
    assert bluff.strategies["Ch|Soft"]["initiate"] == R(3, 4)
    assert bluff.strategies["Def|Soft"]["defend"] == R(1, 9)
    # Ch: a Hard Ch gets 1/3, a Soft one (indifferent) 0; Def: -2/9 in conflict, -10/9 conceding
    assert (bluff.payoffs["Ch"], bluff.payoffs["Def"]) == (R(1, 9), R(-4, 3))
    assert {o: bluff.outcomes[o] for o in ("DD", "CD", "DC", "SQ")} == {
        "DD": R(1, 9),
        "CD": R(1, 6),
        "DC": R(5, 9),
        "SQ": R(1, 6),
    }
    credible = sol.at(pd.scenarios["credible_defender"])
    assert {pd.family(e) for e in credible} == {"certain deterrence"}
    (sep,) = [e for e in sol.at(pd.scenarios["separating"]) if pd.family(e) == "separating"]
    assert sep.outcomes["DD"] == R(1, 5)
    hard = sol.at(pd.scenarios["hard_challenger"])
    (attack,) = [e for e in hard if pd.family(e) == "attack"]
    assert attack.outcomes["DD"] == R(3, 20)


def test_printed_output() -> None:
    out = solved.script("perfect_deterrence")
    assert out.returncode == 0, out.stderr
    assert "Scenario 'jan2020'" in out.stdout
    assert "Regime map" in out.stdout


def test_minimal_two_sided_game_pure_equilibria() -> None:
    """A reduced version (no last move: a defence ends in DD against a Hard challenger, CD
    against a Soft one), four two-node information sets: where p_Def >= delta_H both certain
    deterrence profiles are PBE (brute force) and gt.pbe must list them (the solver before
    its rewrite returned no equilibrium at all here, with complete=True)."""
    conflict = {"Ch": {"Hard": -1, "Soft": -4}, "Def": {"Hard": -1, "Soft": -5}}

    def play(ch: str, de: str) -> gt.Decision:
        end = (
            gt.Outcome("DD", Ch=conflict["Ch"][ch], Def=conflict["Def"][de])
            if ch == "Hard"
            else gt.Outcome("CD", Ch=-2, Def=0)
        )
        response = gt.Decision(
            "Def", {"concede": gt.Outcome("DC", Ch=1, Def=-2), "defend": end}, infoset=f"Def|{de}"
        )
        return gt.Decision(
            "Ch", {"SQ": gt.Outcome("SQ", Ch=0, Def=0), "initiate": response}, infoset=f"Ch|{ch}"
        )

    def defender(ch: str) -> gt.Chance:
        return gt.Chance(
            {"Def Hard": (R(3, 4), play(ch, "Hard")), "Def Soft": (R(1, 4), play(ch, "Soft"))}
        )

    game = gt.ExtensiveGame(
        gt.Chance({"Ch Hard": (R(1, 2), defender("Hard")), "Ch Soft": (R(1, 2), defender("Soft"))}),
        players=["Ch", "Def"],
    )
    expected = set(BruteForce(game).pure_pbe())
    assert len(expected) == 2
    assert pure_profiles(gt.pbe(game)) == expected


# -- every payoff symbolic --------------------------------------------------------------------------


def random_payoffs(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    """Payoffs in MODELS.md's orders, drawn from small integers and halves."""
    values = [R(k, 2) for k in range(-20, 21)]
    ch = dict(zip(pd.CH_ORDER, sorted(rng.sample(values, 5)), strict=True))
    low = sorted(rng.sample(values[:-1], 4))
    de = dict(zip(pd.DEF_ORDER[:4], low, strict=True))
    de["SQ"] = rng.choice([v for v in values if v >= low[-1]])
    return ch, de


@pytest.mark.slow
def test_symbolic_payoffs_against_the_derivation() -> None:
    """symbolic_game (every payoff a symbol; about 25 s): at random payoffs in MODELS.md's
    orders, with priors inside the regimes and on their boundaries, the equilibria gt.pbe's
    symbolic solution gives are the derivation's with that point's thresholds, its pure ones
    the brute force's, each passing assert_pbe; the candidates the solver could not decide
    (witness None) hold nowhere there."""
    sol = pd.symbolic_solution()
    assert sol.complete
    undecided = [e for e in sol if e.witness is None]
    rng = random.Random(11)
    for _ in range(10):
        ch, de = random_payoffs(rng)
        th = pd.thresholds(ch, de)
        pc = rng.choice([th["mu_star"], R(rng.randint(1, 19), 20)])
        pdf = rng.choice([th["delta_H"], th["delta_S"], R(rng.randint(1, 19), 20)])
        values = {pd.C_SYMBOLS[k]: v for k, v in ch.items()}
        values |= {pd.D_SYMBOLS[k]: v for k, v in de.items()}
        pt = {**values, p_Ch: pc, p_Def: pdf}
        at = sol.at(pt)
        assert {named(e) for e in at} == expected_names(pc, pdf, th), (ch, de, pc, pdf)
        game = pd.build(ch, de)
        priors = point(pc, pdf)
        assert pure_profiles(at) == set(BruteForce(game.at(priors)).pure_pbe())
        for e in at:
            certify(e, priors, game)
        assert not any(e.holds_at(pt) for e in undecided)
