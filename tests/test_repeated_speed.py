"""The faster linear algebra of repeated-game checks against the plain one, on seeded random
automata (mixed play, random transitions), and the answers against an independent simulation.

The frequency solve goes one strongly connected component of the chain at a time, and the
Nash check's policy values are solved on the states a policy reaches from the start only: both
must give exactly the field elements of one Gaussian elimination of the whole system.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.repeated import _chain, _mdp, check
from tests.fixtures import policy_system
from tests.repeated_oracle import Sim

C, D = "C", "D"
delta = sp.Symbol("delta", positive=True)
T, R, P, S = sp.symbols("T R P S", real=True)


def _stage(t: object = T, r: object = R, p: object = P, s: object = S) -> gt.NormalFormGame:
    return gt.NormalFormGame.from_matrices(
        [[r, s], [t, p]], [[r, t], [s, p]], actions=([C, D], [C, D])
    )


def random_automaton(rng: np.random.Generator, k: int, name: str) -> gt.Automaton:
    """``k`` states; each plays an action or a mixture (quarters), and moves after each
    profile to a state or, one time in three, to a lottery over two states (halves)."""
    states = [f"s{j}" for j in range(k)]
    play: dict[str, object] = {}
    for s in states:
        q = int(rng.integers(0, 5))
        play[s] = C if q == 4 else D if q == 0 else {C: sp.Rational(q, 4), D: sp.Rational(4 - q, 4)}
    moves: dict[tuple[str, tuple[str, str]], object] = {}
    for s in states:
        for own in (C, D):
            for other in (C, D):
                a, b = (states[int(x)] for x in rng.integers(0, k, 2))
                if a != b and rng.integers(0, 3) == 0:
                    moves[(s, (own, other))] = {a: sp.Rational(1, 2), b: sp.Rational(1, 2)}
                else:
                    moves[(s, (own, other))] = a
    return gt.Automaton(states[0], play, moves, name=name)


def _profile(seed: int) -> tuple[gt.Automaton, gt.Automaton]:
    rng = np.random.default_rng(seed)
    return (
        random_automaton(rng, int(rng.integers(2, 5)), f"row{seed}"),
        random_automaton(rng, int(rng.integers(2, 5)), f"col{seed}"),
    )


def _one_solve(chain: _chain.Chain, f: _chain.Field) -> list[list[object]]:
    """The frequencies by one elimination of the whole system (the reference)."""
    d = f(chain.game.discount)
    n = len(chain.states)
    one = f.k.one
    matrix = [[one if r == c else f.k.zero for c in range(n)] for r in range(n)]
    rhs = []
    for s in range(n):
        probs = [f(chain.prob(s, a)) for a in chain.profiles]
        rhs.append([(one - d) * q for q in probs])
        for a, q in zip(chain.profiles, probs, strict=True):
            for j, p in chain.moves[(s, a)].items():
                matrix[s][j] -= d * q * f(p)
    return _dense_solve(f, matrix, rhs)


def _dense_solve(
    f: _chain.Field, matrix: list[list[object]], rhs: list[list[object]]
) -> list[list[object]]:
    """Plain Gauss–Jordan elimination in the field, pivots in order (the reference for the
    sparse Markowitz solve)."""
    n = len(matrix)
    a = [[*row, *b] for row, b in zip(matrix, rhs, strict=True)]
    for c in range(n):
        p = next(r for r in range(c, n) if a[r][c])
        a[c], a[p] = a[p], a[c]
        inv = f.k.one / a[c][c]
        a[c] = [v * inv for v in a[c]]
        for r in range(n):
            if r != c and a[r][c]:
                k = a[r][c]
                a[r] = [x - k * y for x, y in zip(a[r], a[c], strict=True)]
    return [row[n:] for row in a]


@pytest.mark.parametrize("seed", range(4))
def test_markowitz_solve_equals_gauss_jordan(seed: int) -> None:
    """The sparse solve with Markowitz pivots against plain Gauss–Jordan on every policy's
    system (random automata: mixed play, random transitions)."""
    chain = _chain.build_chain(gt.RepeatedGame(_stage(), delta), _profile(seed))
    f = _chain.coefficient_field(chain)
    for i in range(2):
        mdp = _mdp.player_mdp(chain, i)
        for policy in check._policies(mdp):
            rows, rhs = policy_system(mdp, policy, f, delta)
            assert _chain.solve(f, rows, rhs) == _dense_solve(f, rows, rhs), policy


@pytest.mark.parametrize("seed", range(8))
def test_frequencies_by_components_equal_one_solve(seed: int) -> None:
    chain = _chain.build_chain(gt.RepeatedGame(_stage(), delta), _profile(seed))
    f = _chain.coefficient_field(chain)
    whole = _one_solve(chain, f)
    assert _chain.frequencies(chain, f) == whole
    on_path = _chain.frequencies(chain, f, on_path=True)
    assert on_path[0] == whole[0]
    assert all(row == [] or row == whole[s] for s, row in enumerate(on_path))


@pytest.mark.parametrize("seed", range(8))
def test_start_values_on_reached_states_equal_the_whole_solve(seed: int) -> None:
    chain = _chain.build_chain(gt.RepeatedGame(_stage(), delta), _profile(seed))
    f = _chain.coefficient_field(chain)
    for i in range(2):
        mdp = _mdp.player_mdp(chain, i)
        for policy in check._policies(mdp):
            assert _mdp.start_value(mdp, policy, f) == _mdp.values(mdp, policy, f)[0], policy


@pytest.mark.parametrize("seed", range(6))
def test_random_profiles_agree_with_an_independent_simulation(seed: int) -> None:
    """At random rational δ, the profile is listed exactly where the simulation finds no
    profitable one-shot deviation (SPE) or no better strategy from the start (Nash)."""
    rng = np.random.default_rng(100 + seed)
    s_, p_, r_, t_ = sorted(int(x) for x in rng.choice(np.arange(-4, 8), 4, replace=False))
    stage = _stage(t_, r_, p_, s_)
    rg = gt.RepeatedGame(stage, delta)
    pay = {prof: [float(v) for v in stage.payoff(prof).values()] for prof in stage.profiles()}
    a, b = _profile(seed)
    for concept in ("spe", "nash"):
        sol = getattr(gt, concept)(rg, profile={"Row": a, "Col": b})
        for k in sorted(int(x) for x in rng.integers(1, 99, 6)):
            d = k / 100
            sim = Sim(pay, [[C, D], [C, D]], [a, b], d)
            verdict = sim.verdict(concept)
            if verdict is None:
                continue  # on a threshold: either answer is within rounding
            here = sol.at(delta=sp.Rational(k, 100))
            assert (len(here) == 1) == verdict, (concept, d)


# -- the parametric Fourier–Motzkin certificate (failure regions that touch at a tie) ----------

x, y = sp.symbols("x y", real=True)
t = sp.Symbol("t", positive=True)
BOX = gt.ParameterSpace({x: (-5, 5), y: (-5, 5), t: (0, 1)})


def _atoms(*rels: object) -> list:  # type: ignore[type-arg]
    from gametheory.conditions import atom

    return [a for r in rels for a in atom(r)]


def test_regions_touching_at_an_irrational_tie_are_proved_empty() -> None:
    """The sign of x's coefficient changes at t = 1/√2: the line of t is cut there, and the
    system is empty on each piece and at the algebraic point itself."""
    from gametheory.conditions._parametric import decide_parametric

    k = t**2 - sp.Rational(1, 2)
    assert decide_parametric(_atoms(k * x + y > 0, -k * x - y > 0), BOX, t) == ("empty", None)
    assert decide_parametric(_atoms(k * x > 0, -k * x >= 0, x > 1), BOX, t) == ("empty", None)


def test_a_nonempty_region_comes_with_an_exact_witness() -> None:
    from gametheory.conditions._parametric import decide_parametric

    atoms = _atoms((t**2 - sp.Rational(1, 2)) * x > y, y > t, x < 4)
    status, w = decide_parametric(atoms, BOX, t)  # type: ignore[misc]
    assert status == "nonempty" and w is not None
    assert all(a.holds_at(w) for a in atoms)


def test_only_an_irrational_point_is_not_a_rational_witness() -> None:
    """Holding only at t = 1/√2, the region is not empty, and has no rational witness: the
    certificate says nothing (None), never "empty"."""
    from gametheory.conditions._parametric import decide_parametric

    k = t**2 - sp.Rational(1, 2)
    assert decide_parametric(_atoms(k >= 0, -k >= 0, x > 0), BOX, t) is None


@pytest.mark.parametrize("seed", range(12))
def test_parametric_verdicts_against_sampling(seed: int) -> None:
    """Random systems linear in x, y with coefficients polynomial in t: a witness satisfies
    every atom; an "empty" verdict is never contradicted by a sampled rational point."""
    from gametheory.conditions._parametric import decide_parametric

    rng = np.random.default_rng(seed)

    def coef() -> sp.Expr:
        return sum(int(c) * t**j for j, c in enumerate(rng.integers(-3, 4, 3)))  # type: ignore[return-value]

    rels, total = [], sp.Integer(0)
    for _ in range(int(rng.integers(2, 4))):
        e = coef() * x + coef() * y + coef()
        rels.append(e > 0 if rng.integers(0, 2) else e >= 0)
        total += e
    if seed % 3:  # the sum of the others bounded above (by a negative number: empty)
        rels.append(coef() - (20 if seed % 3 == 1 else 0) - total >= 0)
    atoms = _atoms(*rels)
    verdict = decide_parametric(atoms, BOX, t)
    if verdict is None:
        return
    status, w = verdict
    if status == "nonempty":
        assert w is not None and all(a.holds_at(w) for a in atoms)
        return
    pts = rng.integers(-50, 51, (2000, 2)) / 10
    ts = rng.integers(1, 100, 2000) / 100
    for (xv, yv), tv in zip(pts, ts, strict=True):
        at = {x: sp.Rational(str(xv)), y: sp.Rational(str(yv)), t: sp.Rational(str(tv))}
        assert not all(a.holds_at(at) for a in atoms), at


@pytest.mark.parametrize("name", ["tft", "wsls", "gtft", "grim-vs-tft", "lp2-vs-a3"])
def test_the_certificate_proves_coverings_the_search_could_not(name: str) -> None:
    """Covering sets proved for both players where the conditions module alone left a region
    undecided (the enumeration fallback before); that they give the enumeration's answer is
    tests/test_repeated.py::test_nash_from_a_covering_set_equals_nash_from_every_policy."""
    from gametheory._budget import UNLIMITED
    from gametheory.repeated.game import with_discount
    from tests.test_repeated import COVER_PROFILES, SPACE

    profile = COVER_PROFILES[name]
    chain = _chain.build_chain(gt.RepeatedGame(_stage(), delta), (profile["Row"], profile["Col"]))
    f = _chain.coefficient_field(chain)
    for i in range(2):
        mdp = _mdp.player_mdp(chain, i)
        space = with_discount(SPACE, delta)
        assert _mdp.covering(mdp, f, space, UNLIMITED, "x") is not None


@pytest.mark.parametrize("seed", range(6))
def test_gain_atoms_built_as_polynomials_equal_the_parsed_ones(seed: int) -> None:
    """Deviation gains made atoms directly from the field's polynomials are exactly the atoms
    of parsing their sympy expressions (random automata; a symbolic generosity too)."""
    from gametheory.conditions import atom
    from gametheory.repeated.game import with_discount
    from tests.test_repeated import SPACE

    g = sp.Symbol("g", positive=True)
    a, b = _profile(seed)
    if seed == 0:
        b = gt.Automaton.generous_tit_for_tat(C, D, g)
    chain = _chain.build_chain(gt.RepeatedGame(_stage(), delta), (a, b))
    f = _chain.coefficient_field(chain)
    freq = _chain.frequencies(chain, f)
    space = with_discount(SPACE, delta)
    for i in range(2):
        pay = _chain.payoffs_of(chain, i)
        gains = {}
        for s in range(len(chain.states)):
            for act in (C, D):
                dev = check._deviation(chain, freq, s, i, act, f)
                gains[tuple(x - y for x, y in zip(freq[s], dev, strict=True))] = None
        parsed = [
            x for k in gains if any(k) for x in atom(_chain.form_expr(f, k, pay), ">=", space=space)
        ]
        assert check._gain_atoms(gains, f, pay, space) == parsed
