"""Conditions the others imply, dropped with a proof (``conditions._redundant``), the binding
rows found in floats (``conditions._clarkson``), and what that does to repeated-game checks.

- Metamorphic: on random systems linear in the payoffs with coefficients polynomial in ``δ``,
  the survivors are a subset and agree with the whole system at random rational points.
- Clarkson's binding rows against brute force (each row an LP against all the others).
- End to end: the Nash check of ``mixed-7`` (129 conditions before, one per deviation policy)
  lists a handful, and agrees with the independent simulation at seeded points; random trigger
  strategies played against themselves agree with it for ``gt.nash`` and ``gt.spe``.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.conditions import Atom
from gametheory.conditions._clarkson import binding
from gametheory.conditions._redundant import drop_implied
from gametheory.conditions._simplex import minimise

from .fixtures import mixed_punishment, trigger_automaton
from .repeated_oracle import Sim

d = sp.Symbol("delta", positive=True)
t, r, p, s = sp.symbols("t r p s", real=True)
SPACE = gt.ParameterSpace(
    {t: (-5, 5), r: (-5, 5), p: (-5, 5), s: (-5, 5), d: sp.Interval.open(0, 1)},
    constraints=[t > r, r > p, p > s],
)

coefficient = st.lists(st.integers(-3, 3), min_size=1, max_size=3).map(
    lambda cs: sum((c * d**k for k, c in enumerate(cs)), sp.Integer(0))
)
atoms = st.builds(
    lambda cs, op: Atom(
        sp.expand(sum(c * x for c, x in zip(cs, (t, r, p, s, 1), strict=True))), op
    ),
    st.lists(coefficient, min_size=5, max_size=5),
    st.sampled_from([">=", ">"]),
)


def _points(seed: int, n: int) -> list[dict[sp.Symbol, sp.Rational]]:
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        s_, p_, r_, t_ = sorted(sp.Rational(rng.randint(-50, 50), 10) for _ in range(4))
        if s_ < p_ < r_ < t_:
            out.append({t: t_, r: r_, p: p_, s: s_, d: sp.Rational(rng.randint(1, 99), 100)})
    return out


@given(st.lists(atoms, min_size=2, max_size=10), st.integers(0, 10**6))
def test_survivors_are_equivalent_on_the_space(system: list[Atom], seed: int) -> None:
    system = [a for a in system if a.expr.free_symbols]
    kept = drop_implied(system, SPACE)
    assert set(kept) <= set(system)
    for at in _points(seed, 40):
        assert all(a.holds_at(at) for a in kept) == all(a.holds_at(at) for a in system), at


def test_the_weaker_of_two_conditions_is_dropped() -> None:
    grim = Atom(r - d * p + d * t - t, ">=")  # r >= delta p - delta t + t
    weaker = Atom(r - d * s + d * t - t, ">=")  # implied: the difference is delta (p - s) > 0
    assert drop_implied([grim, weaker], SPACE) == [grim]
    assert drop_implied([weaker, grim], SPACE) == [grim]


def test_a_condition_implied_only_by_two_together_is_dropped() -> None:
    # t - s > 0 follows from t - r > 0 and r - s > 0 together, from neither alone
    a, b = Atom(d * (t - r) + (r - s) - 1, ">"), Atom((t - r) + d * (r - s) - 1, ">")
    both = Atom((1 + d) * (t - s) - 2, ">")  # = a + b (the sum of the two)
    assert drop_implied([both, a, b], SPACE) == [a, b]


# -- Clarkson's binding rows against brute force -----------------------------------------------


def _binding_brute(rows: np.ndarray, space: np.ndarray) -> set[int]:
    out = set()
    for k in range(len(rows)):
        others = np.vstack([np.delete(rows, k, axis=0), space])
        a, b, c = others[:, :-1], others[:, -1], rows[k, :-1]
        res = minimise(np.r_[c, -c], np.hstack([-a, a]), b)
        n = len(c)
        if res.status == "optimal" and rows[k] @ np.r_[res.x[:n] - res.x[n:], 1.0] < -1e-7:
            out.add(k)
    return out


@pytest.mark.parametrize("seed", range(20))
def test_binding_rows_agree_with_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    dim = int(rng.integers(2, 4))
    box = np.vstack([np.hstack([np.eye(dim), np.ones((dim, 1))]),
                     np.hstack([-np.eye(dim), np.ones((dim, 1))])])  # fmt: skip
    rows = np.hstack([rng.normal(size=(12, dim)), rng.uniform(0.2, 1.0, size=(12, 1))])
    found = binding(rows, box)
    assert found is not None
    assert set(found[0]) == _binding_brute(rows, box)


# -- end to end ----------------------------------------------------------------------------------

C, D = "C", "D"


def _pd(t_: object, r_: object, p_: object, s_: object) -> gt.NormalFormGame:
    return gt.NormalFormGame.from_matrices(
        [[r_, s_], [t_, p_]], [[r_, t_], [s_, p_]], actions=([C, D], [C, D])
    )


def _agrees(sol: gt.Solution, a: gt.Automaton, b: gt.Automaton, concept: str, seed: int) -> None:
    """At seeded points, and at the equilibrium's witness with ``δ`` moved about (so that
    points inside the region are compared too), ``sol`` lists the profile exactly where the
    simulation finds it an equilibrium."""
    points = _points(seed, 4)
    for e in sol:
        w = e.witness
        assert w is not None
        points += [{**w, d: w[d] * k / 8} for k in range(1, 9)]
        points += [{**w, d: 1 - (1 - w[d]) * k / 4} for k in range(1, 4)]
    inside = 0
    for at in points:
        stage = _pd(at[t], at[r], at[p], at[s])
        pay = {prof: [float(v) for v in stage.payoff(prof).values()] for prof in stage.profiles()}
        sim = Sim(pay, [[C, D], [C, D]], [a, b], float(at[d]))
        verdict = sim.verdict(concept)
        if verdict is None:
            continue  # on a threshold: either answer is within rounding
        assert (len(sol.at(at)) == 1) == verdict, (concept, at)
        inside += verdict
    assert inside or not sol.equilibria, "no point inside the region was compared"


def test_mixed_punishment_lists_few_conditions_and_agrees_with_the_simulation() -> None:
    a, b = gt.Automaton.limited_punishment(C, D, 7), mixed_punishment(7)
    rg = gt.RepeatedGame(_pd(t, r, p, s), d)
    sol = gt.nash(rg, SPACE, profile={"Row": a, "Col": b})
    assert sol.complete and len(sol) == 1
    conditions = sol[0].conditions
    listed = len(conditions.args) if isinstance(conditions, sp.And) else 1
    assert listed <= 12  # (one per deviation policy, 129, before conditions were dropped)
    _agrees(sol, a, b, "nash", seed=7)


@pytest.mark.parametrize("seed", range(1, 7))
@pytest.mark.parametrize("concept", ["nash", "spe"])
def test_random_trigger_strategies_agree_with_the_simulation(seed: int, concept: str) -> None:
    a = trigger_automaton(np.random.default_rng(seed), 8)
    rg = gt.RepeatedGame(_pd(t, r, p, s), d)
    sol = getattr(gt, concept)(rg, SPACE, profile={"Row": a, "Col": a})
    assert sol.complete
    _agrees(sol, a, a, concept, seed)
