"""The repeated-game checks' proof that a player's conditions are empty before they are built
(``repeated/_prefilter``), against the same checks without it and against exact evaluation.

- With and without the prefilter, ``gt.spe`` and ``gt.nash`` agree (same number of
  equilibria, completeness, and where listed, the same answer at a grid of points) on seeded
  random automata of the Prisoner's Dilemma and of a 3x3 crisis game.
- Every core it returns is empty at seeded random points of the space: some condition of the
  core fails there, evaluated exactly in rationals from the gains' integer polynomials.
- The cutting planes (``repeated/_cutting``) against every policy's gain, and their proofs
  against exact evaluation, where a player has more than 256 policies.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.repeated import _prefilter, check

from .fixtures import random_automaton

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> Any:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_repeated
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return bench_repeated


def _pd_case(seed: int, n: int) -> tuple[Any, Any, dict[str, gt.Automaton]]:
    rg, space, _, _ = _bench()._profile("lp-1")
    rng = np.random.default_rng(seed)
    return rg, space, {"Row": random_automaton(rng, n), "Col": random_automaton(rng, n)}


def _tri_case(n: int) -> tuple[Any, Any, dict[str, gt.Automaton]]:
    rg, space, a, b = _bench()._profile(f"tri-{n}")
    return rg, space, {"Row": a, "Col": b}


def _three_case(seed: int, n: int) -> tuple[Any, Any, dict[str, gt.Automaton]]:
    """Two seeded random ``n``-state automata of the 3x3 crisis game of ``tri-n``."""
    rg, space, _, _ = _bench()._profile("tri-2")
    rng = np.random.default_rng(seed)
    acts = ("C", "L", "E")
    return rg, space, {"Row": random_automaton(rng, n, acts), "Col": random_automaton(rng, n, acts)}


CASES = [
    pytest.param(lambda seed=seed, n=n: _pd_case(seed, n), id=f"pd-{seed}-{n}")
    for seed, n in ((0, 3), (1, 4), (2, 5), (5, 6))
] + [pytest.param(lambda: _tri_case(3), id="tri-3")]

# more than 256 policies against others who mix: the cutting planes of ``repeated/_cutting``
MANY = [
    pytest.param(lambda seed=seed: _three_case(seed, 7), id=f"three-{seed}-7")
    for seed in (3, 7, 12)
]


@pytest.mark.parametrize("make", CASES)
@pytest.mark.parametrize("concept", ["spe", "nash"])
def test_with_and_without_the_prefilter_agree(
    make: Any, concept: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rg, space, profile = make()
    with_it = getattr(gt, concept)(rg, space, profile=profile)
    with monkeypatch.context() as m:
        m.setattr(check._prefilter, "empty_core", lambda *args: None)
        without = getattr(gt, concept)(rg, space, profile=profile)
    assert (len(with_it), with_it.complete) == (len(without), without.complete)
    if not len(with_it):
        return
    syms = sorted(space.symbols, key=lambda s: s.name)
    rng = np.random.default_rng(0)
    for _ in range(12):
        point = {s: _inside(space, s, rng) for s in syms}
        assert len(with_it.at(**{s.name: v for s, v in point.items()})) == len(
            without.at(**{s.name: v for s, v in point.items()})
        )


def _inside(space: gt.ParameterSpace, s: sp.Symbol, rng: np.random.Generator) -> sp.Rational:
    iv = dict(space.intervals)[s]
    lo, hi = float(iv.start), float(iv.end)
    return sp.Rational(round(lo + (hi - lo) * float(rng.uniform(0.05, 0.95)), 3)).limit_denominator(
        1000
    )


@pytest.mark.parametrize("make", CASES)
@pytest.mark.parametrize("concept", ["spe", "nash"])
def test_every_core_fails_somewhere_at_each_sampled_point(
    make: Any, concept: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rg, space, profile = make()
    seen: list[tuple[Any, Any, Any, list[int]]] = []
    original = _prefilter.empty_core

    def spy(gains: Any, payoffs: Any, space_: Any, delta: Any) -> Any:
        core = original(gains, payoffs, space_, delta)
        if core is not None:
            seen.append((gains, payoffs, space_, core))
        return core

    monkeypatch.setattr(check._prefilter, "empty_core", spy)
    getattr(gt, concept)(rg, space, profile=profile)
    rng = np.random.default_rng(1)
    for gains, payoffs, space_, core in seen:
        delta = next(s for s in space_.symbols if s.name == "delta")
        for _ in range(60):
            point = _feasible(space_, rng)
            worst = min(_exact_gain(gains[j], payoffs, point, delta) for j in core)
            assert worst < 0, (core, point)


def _exact_gain(gain: Any, payoffs: Any, point: dict[sp.Symbol, Any], delta: Any) -> Fraction:
    """``Σ_a gain[a](δ) · u_a`` at the point, exactly (the sign of the deviation's gain)."""
    d = Fraction(int(point[delta].p), int(point[delta].q))
    values = [Fraction(str(sp.Rational(u.xreplace(point)))) for u in payoffs]
    return sum(
        (
            v * sum((Fraction(c) * d**k for k, c in enumerate(g)), Fraction(0))
            for v, g in zip(values, gain, strict=True)
        ),
        Fraction(0),
    )


def _feasible(space: gt.ParameterSpace, rng: np.random.Generator) -> dict[sp.Symbol, Any]:
    """A seeded rational point of the space (constraints checked; retried until one holds)."""
    syms = list(space.symbols)
    for _ in range(1000):
        point = {s: _inside(space, s, rng) for s in syms}
        if all(bool(c.xreplace(point)) for c in space.constraints):
            return point
    raise AssertionError("no point of the space found")


@pytest.mark.parametrize("make", MANY)
def test_with_and_without_the_cutting_planes_agree(
    make: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nash checks where a player has 3^6 or more policies: the few policies found by cutting
    planes give the same answer as every policy's gain, and what they prove empty is empty at
    seeded points (some of their conditions fail there, exactly)."""
    rg, space, profile = make()
    proved: list[Any] = []
    original = check._cutting.few_gains

    def spy(*args: Any) -> Any:
        found = original(*args)
        if found is not None:
            proved.append((found, args[2], args[3], args[4]))
        return found

    monkeypatch.setattr(check._cutting, "few_gains", spy)
    with_it = gt.nash(rg, space, profile=profile)
    with monkeypatch.context() as m:
        m.setattr(check._cutting, "few_gains", lambda *args: None)
        without = gt.nash(rg, space, profile=profile)
    assert (len(with_it), with_it.complete) == (len(without), without.complete)
    assert proved, "the cutting planes were not used"
    rng = np.random.default_rng(2)
    for gains, payoffs, space_, delta in proved:
        assert len(gains) <= 40
        for _ in range(40):
            point = _feasible(space_, rng)
            worst = min(_exact_gain(gain, payoffs, point, delta) for gain in gains)
            assert worst < 0, point


def test_a_best_reply_somewhere_hands_over_to_every_policy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cooperation, and 5 periods of retaliation mixing L and E after an L or E, against itself
    in the 3x3 crisis game: 3^6 policies against an opponent who mixes.  The profile is a best
    reply on a region, so the cutting planes stop without a proof (at a point where it is one)
    and every policy is compared; the answer equals the one without them and agrees with the
    independent simulation inside the region and out."""
    from .repeated_oracle import Sim

    rg, space, _, _ = _bench()._profile("tri-2")
    half = sp.Rational(1, 2)
    play: dict[str, object] = {"c": "C", **{f"p{j}": {"L": half, "E": half} for j in range(1, 6)}}
    moves: dict[Any, object] = {("c", ("*", "L")): "p1", ("c", ("*", "E")): "p1"}
    for j in range(1, 6):
        moves[(f"p{j}", ("*", "*"))] = f"p{j + 1}" if j < 5 else "c"
    a = gt.Automaton("c", play, moves, name="mixed retaliation")
    handed: list[bool] = []
    original = check._cutting.few_gains
    monkeypatch.setattr(
        check._cutting, "few_gains", lambda *args: handed.append(True) or original(*args)
    )
    sol = gt.nash(rg, space, profile={"Row": a, "Col": a})
    assert handed and sol.complete and len(sol) == 1
    with monkeypatch.context() as m:
        m.setattr(check._cutting, "few_gains", lambda *args: None)
        without = gt.nash(rg, space, profile={"Row": a, "Col": a})
    assert sol[0].conditions == without[0].conditions
    witness = sol[0].witness
    assert witness is not None
    d = next(s for s in space.symbols if s.name == "delta")
    stage = rg.stage
    compared = {True: 0, False: 0}
    w = witness[d]
    for value in [w * sp.Rational(k, 6) for k in range(1, 9)] + [
        1 - (1 - w) * sp.Rational(k, 4) for k in (1, 3)
    ]:
        point = {**witness, d: value}
        if not 0 < value < 1:
            continue
        at = stage.at({s: v for s, v in point.items() if s != d})
        pay = {prof: [float(v) for v in at.payoff(prof).values()] for prof in at.profiles()}
        verdict = Sim(pay, [["C", "L", "E"]] * 2, [a, a], float(point[d])).verdict("nash")
        if verdict is None:
            continue
        assert (len(sol.at(point)) == 1) == verdict, point
        compared[verdict] += 1
    assert compared[True] and compared[False], compared
