"""The confrontation that continues (MODELS.md §5): the repeated crisis Prisoner's Dilemma.

Hand-derived closed forms (Osborne 2004, *An Introduction to Game Theory*, ch. 14, with
T > R > P > S written t > r > p > s): grim trigger is subgame perfect iff δ ≥ (t − r)/(t − p)
(§14.7.2); k-period punishment iff δ + … + δᵏ ≥ (t − r)/(r − p) (§14.7.3); tit-for-tat only on
the knife edge δ = (t − r)/(r − s) = (p − s)/(t − p) (§14.10.1; Axelrod 1984).  The solver's
conditions and thresholds are compared with these formulas, evaluated independently with
``fractions.Fraction``; k*(δ) is compared with a brute-force search over the formula.
"""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.cli import load_module

ROOT = Path(__file__).resolve().parent.parent
M = load_module(ROOT / "models" / "repeated_confrontation.py")
t, r, p, s, delta = M.t, M.r, M.p, M.s, M.delta


def _grim(T: Fraction, R: Fraction, P: Fraction) -> Fraction:
    return (T - R) / (T - P)


def _k_holds(k: int, d: Fraction, T: Fraction, R: Fraction, P: Fraction) -> bool:
    return sum(d**j for j in range(1, k + 1)) >= (T - R) / (R - P)


def _k_star(d: Fraction, T: Fraction, R: Fraction, P: Fraction, k_max: int = 8) -> int | None:
    return next((k for k in range(1, k_max + 1) if _k_holds(k, d, T, R, P)), None)


# PD payoffs t > r > p > s, as small integers, drawn by construction (not filtered)
pd_payoffs = st.tuples(
    st.integers(-6, 1), st.integers(1, 3), st.integers(1, 3), st.integers(1, 3)
).map(lambda x: (x[0] + x[1] + x[2] + x[3], x[0] + x[1] + x[2], x[0] + x[1], x[0]))
discounts = st.fractions(
    min_value=Fraction(1, 100), max_value=Fraction(99, 100), max_denominator=100
)


@given(pd_payoffs, discounts)
def test_grim_and_k_period_conditions_match_the_closed_forms(payoffs: tuple, d: Fraction) -> None:
    """At random points, the symbolic SPE conditions hold exactly where the formulas say."""
    T, R, P, S = (Fraction(x) for x in payoffs)
    point = {t: T, r: R, p: P, s: S, delta: d, M.g: 0}
    (grim,) = M.solution("grim escalation")
    assert grim.holds_at(point) == (d >= _grim(T, R, P))
    for k in M.K_PROFILES:
        (eq,) = M.solution(M.retaliation(k))
        assert eq.holds_at(point) == _k_holds(k, d, T, R, P), k


@pytest.mark.parametrize("payoffs", [(3, 2, 0, -2), (5, 3, 1, 0), (2, 0, -2, -4)])
def test_thresholds_are_the_closed_forms(payoffs: tuple) -> None:
    T, R, P, _ = payoffs
    pay = dict(zip("trps", payoffs, strict=True))
    for concept in ("spe", "nash"):
        (th,) = M.thresholds("grim escalation", concept, pay)
        assert th.exact and th.value == sp.Rational(T - R, T - P)
    target = sp.Rational(T - R, R - P)
    for k in M.K_PROFILES:
        ths = M.thresholds(M.retaliation(k), "spe", pay)
        if target >= k:  # δ + … + δᵏ < k: never
            assert ths == [] and not M.holds(M.retaliation(k), "spe", {**pay, "delta": 0.99})
            continue
        (th,) = ths
        assert th.exact
        total = sum(th.value**j for j in range(1, k + 1))
        assert abs((total - target).evalf(60)) < sp.Float("1e-50")  # exact, to 60 digits


def test_tit_for_tat_is_subgame_perfect_only_on_the_knife_edge() -> None:
    (eq,) = M.solution("tit-for-tat")
    assert eq.on_boundary
    verdicts = dict(M.claim_verdicts())
    assert verdicts["tit-for-tat is subgame perfect only where delta = (t - r)/(r - s)"].status == (
        "proved"
    )
    # (4, 3, 1, 0): both ratios 1/3: exactly there; jan2020 (3, 2, 0, -2): 1/4 vs 2/3: never
    edge = {"t": 4, "r": 3, "p": 1, "s": 0}
    assert M.holds("tit-for-tat", "spe", {**edge, "delta": sp.Rational(1, 3)})
    assert not M.holds("tit-for-tat", "spe", {**edge, "delta": sp.Rational(1, 2)})
    assert M.thresholds("tit-for-tat", "spe", M.JAN2020) == []
    # Nash from max((t − r)/(t − p), (t − r)/(r − s)) = 1/3 at jan2020
    (th,) = M.thresholds("tit-for-tat", "nash", M.JAN2020)
    assert th.value == sp.Rational(1, 3)


def test_generous_tit_for_tat_nash_shortens_the_shadow() -> None:
    """Nash iff δ(1 − g) ≥ (t − r)/(t − p) and δ(1 − g) ≥ (t − r)/(r − s)."""
    (eq,) = M.solution("generous tit-for-tat", "nash")
    rng = np.random.default_rng(3)
    for _ in range(40):
        d, gen = (Fraction(int(x), 50) for x in rng.integers(1, 50, 2))
        T, R, P, S = 3, 2, 0, -2
        expect = d * (1 - gen) >= max(Fraction(T - R, T - P), Fraction(T - R, R - S))
        assert eq.holds_at({t: T, r: R, p: P, s: S, delta: d, M.g: gen}) == expect


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_k_period_retaliation_is_nash_iff_subgame_perfect(k: int) -> None:
    """Subgame perfect implies Nash; here the Nash conditions imply the SPE ones too (proved at
    the jan2020 payoffs), so the Nash thresholds are the SPE thresholds main() prints."""
    nash = M.solution(M.retaliation(k), "nash", M.JAN2020)
    spe = M.solution(M.retaliation(k), "spe", M.JAN2020)
    assert gt.verify(spe[0].conditions, nash).status == "proved"
    assert gt.verify(nash[0].conditions, spe).status == "proved"


def test_claims_are_proved() -> None:
    for statement, verdict in M.claim_verdicts():
        assert verdict.status == "proved", statement


def test_grims_delta_does_not_suffice_for_one_period_retaliation() -> None:
    verdict = M.grim_delta_suffices(1)
    assert verdict.status == "refuted"
    d = verdict.counterexample[delta]
    assert sp.Rational(1, 3) <= d < sp.Rational(1, 2)  # between grim's and 1-period's thresholds


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_a_single_strike_is_punished_for_exactly_k_periods(k: int) -> None:
    path = M.deviation_path(k, k + 4)
    assert path[0] == ("c", "c", "S", "R")
    for j in range(1, k + 1):
        assert path[j] == (f"p{j}", f"p{j}", "S", "S")
    for j in range(k + 1, k + 4):
        assert path[j] == ("c", "c", "R", "R")
    (eq,) = M.solution(M.retaliation(k))
    assert eq.outcomes["mutual strikes"] == 0 and eq.outcomes["mutual restraint"] == 1


# a few payoff tables (each solved once, cached), many discount factors
FEW = st.sampled_from([(3, 2, 0, -2), (5, 3, 1, 0), (4, 3, 1, 0), (2, 1, -3, -4)])


@settings(max_examples=40)
@given(FEW, st.lists(discounts, min_size=2, max_size=6, unique=True))
def test_k_star_is_the_brute_force_and_non_increasing(payoffs: tuple, ds: list) -> None:
    T, R, P, _ = payoffs
    pay = dict(zip("trps", payoffs, strict=True))
    got = []
    for d in sorted(ds):
        expect = _k_star(d, Fraction(T), Fraction(R), Fraction(P))
        if expect is None and d >= _grim(Fraction(T), Fraction(R), Fraction(P)):
            with pytest.raises(gt.UnsupportedGameError, match="raise k_max"):
                M.shortest_retaliation(sp.Rational(d), pay)
            continue
        k = M.shortest_retaliation(sp.Rational(d), pay)
        assert k == expect
        got.append(k if k is not None else float("inf"))
    assert got == sorted(got, reverse=True)


def test_k_star_jan2020_table() -> None:
    table = {"3/10": None, "67/200": 5, "7/20": 3, "37/100": 2, "1/2": 1, "9/10": 1}
    for d, k in table.items():
        assert M.shortest_retaliation(sp.Rational(d)) == k
    with pytest.raises(gt.UnsupportedGameError, match="grim escalation does"):
        M.shortest_retaliation(sp.Rational(1, 3))  # grim's own threshold: no finite k


def test_bad_arguments_are_clear_errors() -> None:
    with pytest.raises(gt.GameError, match="'war'"):
        M.solution("war")
    with pytest.raises(gt.GameError, match="concept"):
        M.solution("tit-for-tat", "pbe")
    with pytest.raises(gt.GameError, match="k_max"):
        M.shortest_retaliation(sp.Rational(1, 2), k_max=0)


def test_plot_draws_every_profile(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    fig = M.plot(deltas=np.linspace(0.05, 0.95, 10), temptations=np.linspace(2.5, 6, 8))
    titles = [ax.get_title() for ax in fig.axes]
    assert set(M.PROFILES) <= set(titles)
    out = tmp_path / "confrontation.png"
    fig.savefig(out)
    assert out.read_bytes()[:4] == b"\x89PNG"
    # grim's panel: dark (SPE) exactly where δ ≥ (t − r)/(t − p) on the grid
    grim_ax = fig.axes[titles.index("grim escalation")]
    grid = grim_ax.get_images()[0].get_array()
    ds, ts = np.linspace(0.05, 0.95, 10), np.linspace(2.5, 6, 8)
    expect = (ds[None, :] >= (ts[:, None] - 2) / (ts[:, None] - 0) - 1e-9) * 2
    np.testing.assert_array_equal(np.asarray(grid), expect)


def test_the_script_runs_and_prints() -> None:
    out = subprocess.run(
        [sys.executable, "models/repeated_confrontation.py"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,  # a hang guard; speed is measured in benchmarks/bench_models.py
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "grim escalation: r >= delta*p - delta*t + t" in text
    assert "Eq(" not in text and "Ne(" not in text  # conditions print readably (issue 16)
    assert "subgame perfect: from delta = 1/3" in text
    assert "from delta = -1/2 + sqrt(3)/2 ≈ 0.3660" in text
    assert "delta =   7/20: k* = 3" in text
    assert "period 4: states US=c, Iran=c; play US=R, Iran=R" in text
    assert "[refuted]" not in text and text.count("[proved]") == 9
    assert "Scenario 'jan2020'" in text
