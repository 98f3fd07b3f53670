"""Two-level audience costs (models/two_level_audience.py, MODELS.md §3): the stated results.

Each result is checked through the solvers: ``gt.pbe`` symbolically (regions against the closed
forms π_F and π_M, pointwise on both sides of and exactly on each boundary), ``gt.pbe`` at exact
points (a differential check of the symbolic solution, with every PBE certified as a Nash
equilibrium of the reduced normal form), ``gt.nash`` (the equilibria resting on incredible
threats), ``gt.thresholds`` and ``gt.sweep`` + ``gt.compare`` (the interval where the warning
channel averts war).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.solvers import tree_profile_to_normal_form
from gametheory.testing import assert_equilibrium

from . import solved

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "two_level_audience.py"
R = sp.Rational

tla = solved.model("two_level_audience")
pi, pi_F, pi_M = tla.pi, tla.pi_F, tla.pi_M
JAN = tla.scenarios["jan2020"]
CREDIBLE = {"U|H|F": "S", "U|H|M": "E", "U|L|F": "S", "U|L|M": "S"}


@pytest.fixture(scope="module")
def sol() -> gt.Solution:
    return solved.solution("two_level_audience")


@pytest.fixture(scope="module")
def nos() -> gt.Solution:
    return tla.no_channel_solution()


def choice(eq: gt.Equilibrium, infoset: str = "I") -> str:
    (action,) = [a for a, p in eq.strategies[infoset].items() if p == 1]
    return action


def by_choice(solution: gt.Solution) -> dict[str, gt.Equilibrium]:
    out = {choice(eq): eq for eq in solution}
    assert len(out) == len(solution)
    return out


def with_pi(point: Mapping[str, Any], value: sp.Expr) -> dict[str, Any]:
    return {**point, "pi": value}


def stated(p: sp.Expr, threshold: sp.Expr, below: str, above: str) -> set[str]:
    """I's choices the docstring states at prior p: ``below`` iff p <= threshold, ``above`` iff
    p >= threshold (both exactly at it)."""
    return ({below} if p <= threshold else set()) | ({above} if p >= threshold else set())


def closed_forms(point: Mapping[str, Any]) -> tuple[sp.Expr, sp.Expr]:
    pt = tla.space.point(point)
    return pi_F.xreplace(pt), pi_M.xreplace(pt)


# -- the tree and the space ----------------------------------------------------------------------


def test_tree_shape() -> None:
    assert tla.game.players == ("U", "I")
    assert list(tla.game.infosets) == ["I", *tla.U_INFOSETS]
    assert list(tla.game.infosets["I"].actions) == ["N", "F", "M"]
    assert list(tla.no_channel.infosets) == ["I", "U|H|M", "U|L|M"]
    assert list(tla.no_channel.infosets["I"].actions) == ["N", "M"]
    assert set(tla.game.parameters) == set(tla.space.symbols)
    assert set(tla.space.symbols) - set(tla.no_channel.parameters) == {tla.g_F}
    assert tla.game.node("H/M/E").label == "war"
    assert tla.game.node("L/F/S").label == "absorbed"
    assert tla.game.node("H/N").label == "no retaliation"


def test_assumptions_order_the_thresholds() -> None:
    """Under the space's constraints 0 < π_F < π_M: π_M − π_F = (s_I + A_I)/(s_I + m_I + w_I)."""
    s_I, A_I, m_I, w_I = tla.s_I, tla.A_I, tla.m_I, tla.w_I
    assert sp.simplify(pi_M - pi_F - (s_I + A_I) / (s_I + m_I + w_I)) == 0
    for pt in tla.space.sample_points(40, np.random.default_rng(0)):
        f, m = pi_F.xreplace(pt), pi_M.xreplace(pt)
        assert 0 < f < m, pt
    assert closed_forms(JAN) == (R(1, 6), R(2, 3))


# -- results 1-3: the symbolic PBE against the closed forms ----------------------------------------


def test_u_absorbs_after_f_and_only_h_escalates_after_m(sol: gt.Solution, nos: gt.Solution) -> None:
    assert sol.concept == "pbe" and len(sol) == 2 and not sol.undecided
    assert len(nos) == 2 and not nos.undecided
    for eq in sol:
        assert {h: choice(eq, h) for h in tla.U_INFOSETS} == CREDIBLE
    for eq in nos:
        assert {h: choice(eq, h) for h in ("U|H|M", "U|L|M")} == {"U|H|M": "E", "U|L|M": "S"}


def test_symbolic_payoffs_and_war(sol: gt.Solution, nos: gt.Solution) -> None:
    f, m = by_choice(sol)["F"], by_choice(sol)["M"]
    assert set(by_choice(sol)) == {"F", "M"}
    assert f.outcomes["war"] == 0 and f.outcomes["absorbed"] == 1
    assert sp.simplify(m.outcomes["war"] - pi) == 0
    assert sp.simplify(f.payoffs["I"] - tla.s_I) == 0
    expected_m = -pi * tla.w_I + (1 - pi) * (tla.s_I + tla.m_I)
    assert sp.simplify(m.payoffs["I"] - expected_m) == 0
    expected_u = -pi * tla.w_U + (1 - pi) * (tla.g - tla.h_M - tla.a_L)
    assert sp.simplify(m.payoffs["U"] - expected_u) == 0
    n, m2 = by_choice(nos)["N"], by_choice(nos)["M"]
    assert n.outcomes["no retaliation"] == 1 and n.outcomes["war"] == 0
    assert sp.simplify(m2.outcomes["war"] - pi) == 0


def boundaries(eq: gt.Equilibrium) -> set[sp.Expr]:
    """The values of π at which one of the equilibrium's conditions turns (each condition is
    linear in π)."""
    conj = eq.conditions.args if isinstance(eq.conditions, sp.And) else (eq.conditions,)
    out = set()
    for rel in conj:
        (root,) = sp.solve(sp.Eq(rel.lhs, rel.rhs), pi)
        out.add(sp.factor(root))
    return out


def test_regions_are_bounded_by_the_closed_forms(sol: gt.Solution, nos: gt.Solution) -> None:
    """Symbolically: F's condition turns at π_F, M's at π_F and π_M; without the channel N's
    and M's at π_M."""
    assert boundaries(by_choice(sol)["F"]) == {sp.factor(pi_F)}
    assert boundaries(by_choice(sol)["M"]) <= {sp.factor(pi_F), sp.factor(pi_M)}
    assert sp.factor(pi_F) in boundaries(by_choice(sol)["M"])
    assert boundaries(by_choice(nos)["N"]) == {sp.factor(pi_M)}
    assert boundaries(by_choice(nos)["M"]) == {sp.factor(pi_M)}


def test_regions_pointwise(sol: gt.Solution, nos: gt.Solution) -> None:
    """At sampled points, with π just below, exactly at and just above each threshold: F iff
    π ≥ π_F, M iff π ≤ π_F; without the channel M iff π ≤ π_M, N iff π ≥ π_M."""
    for pt in tla.space.sample_points(12, np.random.default_rng(1)):
        f, m = pi_F.xreplace(pt), pi_M.xreplace(pt)
        eps = min(f, 1 - f) / 7
        for p in (f - eps, f, f + eps, (f + m) / 2, m - eps / 3, m, m + eps / 3):
            if not 0 < p < 1:
                continue
            point = {**pt, pi: p}
            assert {choice(e) for e in sol.at(point)} == stated(p, f, "M", "F")
            assert {choice(e) for e in nos.at(point)} == stated(p, m, "M", "N")


def test_jan2020(sol: gt.Solution, nos: gt.Solution) -> None:
    (eq,) = sol.at(JAN)
    assert choice(eq) == "F"
    assert (eq.payoffs["U"], eq.payoffs["I"]) == (R(1, 2), 1)
    assert eq.outcomes["war"] == 0
    assert eq.beliefs["I"] == {"H": R(1, 3), "L": R(2, 3)}
    (eq,) = nos.at(JAN)
    assert choice(eq) == "M"
    assert (eq.payoffs["U"], eq.payoffs["I"]) == (R(-5, 3), 0)
    assert eq.outcomes["war"] == R(1, 3)
    assert not sol.at(JAN).degenerate and not nos.at(JAN).degenerate
    # at π_F both equilibria are listed (I is indifferent between F and M), and so is the
    # continuum between them: any mixture of F and M is a PBE there
    at_f = sol.at(with_pi(JAN, R(1, 6)))
    assert {choice(e) for e in at_f} == {"F", "M"} and at_f.degenerate
    numeric = gt.pbe(tla.game.at(with_pi(JAN, R(1, 6))))
    assert {choice(e) for e in numeric} == {"F", "M"} and numeric.degenerate
    at_m = nos.at(with_pi(JAN, R(2, 3)))
    assert {choice(e) for e in at_m} == {"M", "N"} and at_m.degenerate


# -- result 4: Nash equilibria that are not PBE ------------------------------------------------------


@pytest.fixture(scope="module")
def nash() -> gt.Solution:
    return tla.nash_at(JAN)


def pure_nash(nash: gt.Solution) -> dict[tuple[str, str], gt.Equilibrium]:
    return {(choice(e), choice(e, "U")): e for e in nash if e.kind == "pure"}


def test_nash_rests_on_incredible_threats(nash: gt.Solution, sol: gt.Solution) -> None:
    """gt.nash at jan2020 finds (N; E E E E): I does not retaliate because U 'would' escalate
    after any strike, which neither type would do after F, nor L after M; and (M; E E S S), war
    with probability 1/3 because H 'would' escalate after the face-saving strike.  Neither is a
    PBE; the one PBE, (F; S E S S), is among the Nash equilibria."""
    assert nash.degenerate and len(nash) == 168
    pure = pure_nash(nash)
    assert len(pure) == 10
    threat = pure["N", "E E E E"]
    assert tla.not_credible(threat, JAN) == ["U|H|F: E", "U|L|F: E", "U|L|M: E"]
    assert threat.payoffs["I"] == -2 and threat.outcomes["war"] == 0
    gamble = pure["M", "E E S S"]
    assert tla.not_credible(gamble, JAN) == ["U|H|F: E"]
    assert gamble.outcomes["war"] == R(1, 3)
    (the_pbe,) = sol.at(JAN)
    as_mixed = tree_profile_to_normal_form(tla.game, the_pbe)
    assert as_mixed == {p: dict(s) for p, s in pure["F", "S E S S"].strategies.items()}
    credible = [e for e in nash if not tla.not_credible(e, JAN)]
    assert [(choice(e), choice(e, "U")) for e in credible] == [("F", "S E S S")]
    for eq in (threat, gamble):
        assert_equilibrium(tla.game.at(JAN), eq)


def test_credible_matches_the_pbe(sol: gt.Solution) -> None:
    for pt in tla.space.sample_points(10, np.random.default_rng(2)):
        assert tla.credible(pt) == CREDIBLE


# -- thresholds, sweeps and the comparison ----------------------------------------------------------


def others(point: Mapping[str, Any]) -> dict[sp.Symbol, sp.Expr]:
    return {k: v for k, v in tla.space.point(point).items() if k != pi}


def test_thresholds_at_jan2020(sol: gt.Solution, nos: gt.Solution) -> None:
    (t,) = gt.thresholds(sol, "pi", others(JAN))
    assert t.exact and t.value == R(1, 6)
    F, M = (next(k for k, e in enumerate(sol) if choice(e) == a) for a in "FM")
    assert (t.below, t.at, t.above) == ((M,), tuple(sorted((F, M))), (F,))
    (t,) = gt.thresholds(nos, "pi", others(JAN))
    assert t.exact and t.value == R(2, 3)
    N, M = (next(k for k, e in enumerate(nos) if choice(e) == a) for a in "NM")
    assert (t.below, t.at, t.above) == ((M,), tuple(sorted((N, M))), (N,))


def test_thresholds_are_the_closed_forms(sol: gt.Solution, nos: gt.Solution) -> None:
    """At sampled points gt.thresholds gives π_F with the channel and π_M without (none where
    π_M ≥ 1: then I strikes for every prior), exactly."""
    for pt in tla.space.sample_points(8, np.random.default_rng(3)):
        f, m = closed_forms(pt)
        assert [t.value for t in gt.thresholds(sol, "pi", others(pt))] == [f]
        assert [t.value for t in gt.thresholds(nos, "pi", others(pt))] == ([m] if m < 1 else [])


@pytest.fixture(scope="module")
def sweeps() -> tuple[gt.SweepResult, gt.SweepResult]:
    return tla.pi_sweeps(JAN)


def test_sweep_regimes(sweeps: tuple[gt.SweepResult, gt.SweepResult]) -> None:
    with_f, without = sweeps
    assert with_f.n_points == without.n_points == 239
    assert tla.regimes(with_f) == (
        "M on [0.0042, 0.1625]; F/M on [0.1667, 0.1667]; F on [0.1708, 0.9958]"
    )
    assert tla.regimes(without) == (
        "M on [0.0042, 0.6625]; N/M on [0.6667, 0.6667]; N on [0.6708, 0.9958]"
    )
    f = with_f.frame
    m_rows = f[f["I:M"] == 1]
    assert np.allclose(m_rows["war"], m_rows["pi"])
    assert (f.loc[f["I:F"] == 1, "war"] == 0).all()


def grid_k(frame: Any) -> set[int]:
    """Grid points as the integers k of π = k/240."""
    return {round(x * 240) for x in frame["pi"]}


def test_compare_finds_the_interval(sweeps: tuple[gt.SweepResult, gt.SweepResult]) -> None:
    """With ties broken toward the less warlike equilibrium (how='min') the channel lowers
    Pr(war) exactly on the grid points of [π_F, π_M) = [1/6, 2/3), i.e. k = 40..159 of k/240;
    in the worst equilibrium at a tie (how='max') on (π_F, π_M]; the equilibrium sets differ
    (``same`` false) on the closed [π_F, π_M]."""
    with_f, without = sweeps
    best = gt.compare(with_f, without, measure="war", how="min")
    lower = best.frame[best.frame["difference"] < -1e-12]
    assert grid_k(lower) == set(range(40, 160))
    assert np.allclose(lower["difference"], -lower["pi"])
    assert tla.averted(best) == pytest.approx((1 / 6, 159 / 240, 120))
    higher = best.frame[best.frame["difference"] > 1e-12]
    assert higher.empty  # the channel never raises the risk of war
    worst = gt.compare(with_f, without, measure="war", how="max")
    assert grid_k(worst.frame[worst.frame["difference"] < -1e-12]) == set(range(41, 161))
    assert grid_k(best.differing()) == set(range(40, 161))
    assert grid_k(worst.differing()) == set(range(40, 161))


# -- differential: the symbolic solution at a point against the solver at that point --------------


@st.composite
def model_points(draw: st.DrawFn, at_threshold: bool = False) -> dict[sp.Symbol, sp.Expr]:
    """Exact points of the space, built to meet its constraints (not filtered); with
    ``at_threshold`` π is put on π_F or π_M where that lies in (0, 1)."""

    def q(lo: int, hi: int, den: int = 4) -> sp.Rational:
        return R(draw(st.integers(lo * den, hi * den)), den)

    g, h_M, w_U = q(1, 10), q(1, 10), q(1, 10)
    if h_M >= g + w_U:  # ā = g - h_M + w_U must be positive (a_L >= 0 lies below it)
        h_M = (g + w_U) / 2
    a_bar = g - h_M + w_U
    a_L = a_bar * R(draw(st.integers(0, 9)), 10)
    a_H = min(a_bar + q(1, 10), R(30))
    A_I, m_I, w_I = q(1, 10), q(1, 10), q(1, 10)
    s_I = max(-A_I, -w_I) + q(1, 10)
    g_F = -w_U + q(1, 10)
    point = {
        tla.g: g,
        tla.g_F: g_F,
        tla.h_M: h_M,
        tla.w_U: w_U,
        tla.a_H: a_H,
        tla.a_L: a_L,
        tla.A_I: A_I,
        tla.s_I: s_I,
        tla.m_I: m_I,
        tla.w_I: w_I,
        pi: R(draw(st.integers(1, 23)), 24),
    }
    if at_threshold:
        target = draw(st.sampled_from([pi_F, pi_M])).xreplace(point)
        if 0 < target < 1:
            point[pi] = target
    assert tla.space.contains(point), point
    return point


def keys(solution: gt.Solution) -> set[Any]:
    return {(e.key(), tuple(e.payoffs.items()), tuple(e.outcomes.items())) for e in solution}


@settings(max_examples=20)
@given(point=model_points(), at_threshold=model_points(at_threshold=True))
def test_symbolic_at_a_point_equals_numeric(
    sol: gt.Solution, nos: gt.Solution, point: dict, at_threshold: dict
) -> None:
    """gt.pbe(game, space).at(point) == gt.pbe(game.at(point)), with and without the channel,
    and every PBE is a Nash equilibrium of the reduced normal form (regret certificate)."""
    for pt in (point, at_threshold):
        f, m = pi_F.xreplace(pt), pi_M.xreplace(pt)
        for solution, tree in ((sol, tla.game), (nos, tla.no_channel)):
            local = tree.at({s: v for s, v in pt.items() if s in tree.parameters})
            numeric = gt.pbe(local)
            assert keys(solution.at(pt)) == keys(numeric), pt
            assert solution.at(pt).degenerate == numeric.degenerate, pt
            nf = local.to_normal_form()
            for eq in numeric:
                assert_equilibrium(nf, tree_profile_to_normal_form(local, eq))
        p = pt[pi]
        assert {choice(e) for e in sol.at(pt)} == stated(p, f, "M", "F")
        assert {choice(e) for e in nos.at(pt)} == stated(p, m, "M", "N")


# -- the script ------------------------------------------------------------------------------------


def test_printed_output() -> None:
    out = solved.script("two_level_audience")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Scenario 'jan2020'" in text
    assert "Scenario 'jan2020' without the channel" in text
    assert "P(war) = 1/3" in text
    assert "N  E E E E                 0       U|H|F: E, U|L|F: E, U|L|M: E" in text
    assert "F  S E S S                 0       - (the PBE)" in text
    assert "167 of them rest on a move U would not make" in text
    assert "the grid points of [pi_F, pi_M) = [1/6, 2/3)" in text
    assert "with the channel: pi = 1/6: equilibria [1] below, [0, 1] at, [0] above" in text
    assert "without: pi = 2/3: equilibria [1] below, [0, 1] at, [0] above" in text
