"""``gt.pbe``: perfect Bayesian equilibria, checked against literature fixtures and independently.

Fixtures: Beer–Quiche (Cho & Kreps 1987, QJE 102(2):179–221) and a discrete Spence (1973)
job-market game.  Every equilibrium a test sees is re-checked by the independent checker
``gametheory.testing.assert_pbe`` (Bayes on the path, sequential rationality everywhere) and as a
Nash equilibrium of the tree's reduced normal form (``assert_equilibrium``).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.solvers import tree_profile_to_normal_form
from gametheory.testing import assert_equilibrium, assert_pbe

from .fixtures import beer_quiche

R = sp.Rational
p = sp.Symbol("p", positive=True)


def concrete_beliefs(beliefs: dict) -> dict:
    """One belief from each off-path interval (its lower end, on the first key)."""
    out = {}
    for h, b in beliefs.items():
        (k1, v1), (k2, _) = b.items()
        out[h] = {k1: v1.start, k2: 1 - v1.start} if isinstance(v1, sp.Interval) else dict(b)
    return out


def certify(game: object, eq: gt.Equilibrium, point: dict | None) -> None:
    """Independent checks of one equilibrium at a point: PBE and Nash of the normal form."""
    tree = game.to_extensive() if hasattr(game, "to_extensive") else game
    at = eq.at(point) if point else eq
    assert at is not None
    assert_pbe(tree, at.strategies, concrete_beliefs(at.beliefs), at=point)
    nf = tree.to_normal_form()
    values = {s: v for s, v in (point or {}).items()}
    assert_equilibrium(nf.at(values) if values else nf, tree_profile_to_normal_form(tree, at))


def _profiles(sol: gt.Solution) -> set[tuple]:
    return {
        tuple(sorted((h, tuple(sorted(s.items()))) for h, s in eq.strategies.items())) for eq in sol
    }


# -- Beer–Quiche ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bq_symbolic() -> gt.Solution:
    return gt.pbe(beer_quiche(p), gt.ParameterSpace({p: (0, 1)}))


def test_beer_quiche_at_the_papers_prior() -> None:
    """P(weak) = 1/10: both pooling families (beer, quiche) and no separating equilibrium; the
    off-path reply is a duel with belief P(weak) >= 1/2 (or a 1/2 mixture at belief 1/2)."""
    game = beer_quiche()
    sol = gt.pbe(game)
    assert {eq.kind for eq in sol} == {"pooling"}
    assert sol.degenerate  # the off-path mixing continua
    beer = [eq for eq in sol if eq.strategies["Sender|weak"]["beer"] == 1]
    quiche = [eq for eq in sol if eq.strategies["Sender|weak"]["quiche"] == 1]
    assert len(beer) == 2 and len(quiche) == 2
    pure = next(eq for eq in beer if eq.strategies["Receiver|quiche"]["duel"] == 1)
    assert pure.beliefs["Receiver|quiche"]["weak"] == sp.Interval(R(1, 2), 1)
    assert pure.beliefs["Receiver|beer"] == {"weak": R(1, 10), "strong": R(9, 10)}
    assert pure.payoffs == {"Sender": R(29, 10), "Receiver": R(9, 10)}
    assert pure.outcomes["duel"] == 0
    for eq in sol:
        certify(game, eq, None)


def test_intuitive_criterion_keeps_only_pooling_on_beer() -> None:
    sol = gt.pbe(beer_quiche(), refine="intuitive")
    assert sol.concept.startswith("pbe")
    assert all(eq.strategies["Sender|strong"]["beer"] == 1 for eq in sol)
    assert len(sol) == 2
    out = [d for d in sol.diagnostics if isinstance(d, gt.Eliminated) and not d.narrowed]
    assert len(out) == 2 and all("beer" in d.messages for d in out)
    full = gt.pbe(beer_quiche())
    assert _profiles(sol) <= _profiles(full)  # a refinement selects


def test_beer_quiche_symbolic_prior(bq_symbolic: gt.Solution) -> None:
    """Pooling needs P(weak) <= 1/2; above it the hybrid: the weak type drinks beer with
    probability (1-p)/p, the receiver duels after beer with probability 1/2 (Cho & Kreps)."""
    kinds = {eq.kind for eq in bq_symbolic}
    assert kinds == {"pooling", "semi-separating"}
    (hybrid,) = [eq for eq in bq_symbolic if eq.kind == "semi-separating"]
    assert sp.simplify(hybrid.strategies["Sender|weak"]["beer"] - (1 - p) / p) == 0
    assert hybrid.strategies["Receiver|beer"]["duel"] == R(1, 2)
    assert hybrid.beliefs["Receiver|beer"]["weak"] == R(1, 2)
    assert hybrid.holds_at(p=R(3, 4)) and not hybrid.holds_at(p=R(1, 2))
    for eq in bq_symbolic:
        if eq.kind == "pooling":
            assert eq.holds_at(p=R(1, 2)) and not eq.holds_at(p=R(3, 5))


@settings(max_examples=15)
@given(st.fractions(min_value=Fraction(1, 50), max_value=Fraction(49, 50), max_denominator=50))
def test_symbolic_at_a_point_equals_numeric_and_is_certified(
    bq_symbolic: gt.Solution, prior: Fraction
) -> None:
    point = {p: R(prior.numerator, prior.denominator)}
    at = bq_symbolic.at(point)
    numeric = gt.pbe(beer_quiche(point[p]))
    assert _profiles(at) == _profiles(numeric)
    for eq in bq_symbolic:
        if eq.holds_at(point):
            certify(beer_quiche(p), eq, point)


# -- Spence's job market -------------------------------------------------------------------------

cH, cL, q = sp.symbols("c_H c_L q", positive=True)


def spence() -> gt.SignalingGame:
    """A discrete Spence (1973) job market: a worker of high (prior q) or low ability chooses
    education (cost c_H or c_L) or none; the employer pays a high wage 2 or a low wage 1 and
    gets 1 when the wage matches the ability."""

    def pay(t: str, m: str, x: str) -> dict[str, sp.Expr]:
        wage = 2 if x == "high" else 1
        cost = (cH if t == "H" else cL) if m == "edu" else 0
        return {"Worker": wage - cost, "Firm": 1 if (t == "H") == (x == "high") else 0}

    return gt.SignalingGame(
        sender="Worker",
        receiver="Firm",
        types={"H": q, "L": 1 - q},
        messages=["edu", "none"],
        actions=["high", "low"],
        payoffs=pay,
    )


def test_spence_separating_and_pooling_conditions() -> None:
    """Separating (H educates, L does not) iff c_H <= 1 <= c_L (the wage gap is 1); pooling on
    no education with a high wage iff q >= 1/2."""
    space = gt.ParameterSpace({cH: (0, 3), cL: (0, 3), q: (0, 1)}, constraints=[cH < cL])
    sol = gt.pbe(spence(), space)
    seps = [eq for eq in sol if eq.kind == "separating" and eq.strategies["Worker|H"]["edu"] == 1]
    assert seps
    for pt, want in [
        ({cH: R(1, 2), cL: 2, q: R(1, 3)}, True),
        ({cH: R(3, 2), cL: 2, q: R(1, 3)}, False),
        ({cH: R(1, 2), cL: R(3, 4), q: R(1, 3)}, False),
    ]:
        assert any(eq.holds_at(pt) for eq in seps) is want
    pool_high = [
        eq
        for eq in sol
        if eq.kind == "pooling"
        and eq.strategies["Worker|H"]["none"] == 1
        and eq.strategies["Firm|none"]["high"] == 1
    ]
    assert pool_high
    assert any(eq.holds_at({cH: 1, cL: 2, q: R(3, 5)}) for eq in pool_high)
    assert not any(eq.holds_at({cH: 1, cL: 2, q: R(2, 5)}) for eq in pool_high)
    for eq in sol:
        if eq.witness is not None:
            certify(spence(), eq, {s: eq.witness[s] for s in space.symbols})


# -- solve, errors -------------------------------------------------------------------------------


def test_solve_picks_pbe_for_incomplete_information() -> None:
    assert gt.solve(beer_quiche()).concept == "pbe"
    assert gt.solve(beer_quiche().to_extensive()).concept == "pbe"


def test_errors() -> None:
    with pytest.raises(gt.UnsupportedGameError, match=r"gt\.nash"):
        gt.pbe(gt.NormalFormGame.from_matrices([[1]], [[1]]))
    r = sp.Symbol("r")
    cont = gt.ExtensiveGame(
        gt.ContinuousDecision("A", r, (0, 1), gt.Outcome(A=r, B=0), infoset="r"),
        players=["A", "B"],
    )
    with pytest.raises(gt.UnsupportedGameError, match="continuous"):
        gt.pbe(cont)
    with pytest.raises(gt.UnsupportedGameError, match="refine"):
        gt.pbe(beer_quiche(), refine="divinity")
    wide = gt.ExtensiveGame(
        gt.Chance(
            {
                t: (
                    R(1, 2),
                    gt.Decision(
                        "A",
                        {f"m{k}": gt.Outcome(A=k, B=0) for k in range(12)},
                        infoset=f"A|{t}",
                    ),
                )
                for t in ("x", "y")
            }
        ),
        players=["A", "B"],
    )
    # 4095² shapes in the blind product; the pruning leaves one (each type's best message)
    sol = gt.pbe(wide)
    assert sol.complete and len(sol) == 1
    assert sol[0].strategies["A|x"]["m11"] == 1 and sol[0].strategies["A|y"]["m11"] == 1


def test_too_many_surviving_shapes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond MAX_SHAPES surviving shapes the symbolic enumeration refuses, saying what to do."""
    import importlib

    pbe_module = importlib.import_module("gametheory.solvers.pbe")
    monkeypatch.setattr(pbe_module, "MAX_SHAPES", 2)
    with pytest.raises(gt.UnsupportedGameError, match=r"more than 2 support shapes.*game\.at"):
        gt.pbe(beer_quiche())
