"""Typed diagnostics (issue 16, item 2): every kind a solver reports, produced by a real solver
run on a small game; the notes rendered from them; equality, hashing and JSON round trips."""

from __future__ import annotations

import importlib
import itertools
import pickle
from dataclasses import replace

import pytest
import sympy as sp

import gametheory as gt
from gametheory import diagnostics as dg
from gametheory.conditions import Region
from gametheory.solvers import sequence_form as sf_module

from .fixtures import A, C, beer_quiche, crisis_game, deterrence_root, entry_game

# the modules (``gametheory.solvers`` exports functions of the same names)
nash_module = importlib.import_module("gametheory.solvers.nash")
spe_module = importlib.import_module("gametheory.solvers.spe")
R = sp.Rational
c, p = sp.symbols("c p", positive=True)
r = sp.Symbol("r", real=True)
theta = sp.Symbol("theta", positive=True)


def _of(sol: gt.Solution, kind: type) -> list[dg.Diagnostic]:
    return [d for d in sol.diagnostics if isinstance(d, kind)]


def _rendered(sol: gt.Solution) -> None:
    """The notes and reasons are the diagnostics' sentences (limits among the reasons)."""
    for d in sol.diagnostics:
        assert str(d) in (sol.incomplete if isinstance(d, gt.Limit) else sol.notes)
    assert len(sol.notes) == len(set(sol.notes))


def _matching_pennies_tree() -> gt.ExtensiveGame:
    def second(one: int) -> gt.Decision:
        return gt.Decision(
            "P2",
            {"h": gt.Outcome(P1=one, P2=-one), "t": gt.Outcome(P1=-one, P2=one)},
            infoset="P2",
        )

    return gt.ExtensiveGame(gt.Decision("P1", {"H": second(1), "T": second(-1)}))


def _cutoff_game(war_payoff: int) -> gt.ExtensiveGame:
    """Iran picks r in [0, 2]; war follows for sure once r >= theta (after
    tests/test_spe_sequential.py)."""
    war = sp.Piecewise((0, r < theta), (1, True))
    return gt.ExtensiveGame(
        gt.ContinuousDecision(
            "Iran",
            r,
            (0, 2),
            gt.Chance(
                {
                    "war": (war, gt.Outcome(US=-theta, Iran=war_payoff, label="war")),
                    "peace": (1 - war, gt.Outcome(US=-r, Iran=r, label="peace")),
                }
            ),
        )
    )


THETA = gt.ParameterSpace({theta: (R(1, 10), R(19, 10))})


# -- each kind from a solver ---------------------------------------------------------------


def test_a_tie_of_the_first_mover_on_a_nonlinear_boundary() -> None:
    game = gt.ExtensiveGame(
        gt.Decision("A", {"x": gt.Outcome(A=c**2, B=0), "y": gt.Outcome(A=2, B=1)}),
        players=["A", "B"],
    )
    sol = gt.spe(game, gt.ParameterSpace({c: (0, 2)}))
    assert _of(sol, gt.Tie) == [gt.Tie("first mover")]
    _rendered(sol)


def test_a_tie_boundary_of_the_parameters() -> None:
    sol = gt.spe(gt.ExtensiveGame(deterrence_root()))
    assert gt.Tie("boundary") in sol.diagnostics
    assert any(eq.on_boundary for eq in sol)
    # the generic solution keeps the diagnostic: it is about the solve, not the listing
    assert sol.generic().diagnostics == sol.diagnostics
    _rendered(sol)


def test_a_flat_interval_of_a_continuous_choice() -> None:
    sol = gt.spe(_cutoff_game(5), THETA)
    assert _of(sol, gt.Tie) == [gt.Tie("flat", "root", "r")]
    assert {eq.strategies["Iran@root"]["r"] for eq in sol} == {theta, 2}  # the interval's ends
    _rendered(sol)


def test_an_unattained_supremum() -> None:
    sol = gt.spe(_cutoff_game(-1), THETA)
    (no,) = _of(sol, gt.NoOptimum)
    assert (no.node, no.variable, no.player) == ("root", "r", "Iran")
    assert len(sol.at(theta=R(1, 2))) == 0
    _rendered(sol)


def test_a_numeric_fallback() -> None:
    game = gt.ExtensiveGame(
        gt.ContinuousDecision("A", r, (0, 2), gt.Outcome(A=sp.sin(r) - r**2 / 4, B=-r)),
        players=["A", "B"],
    )
    sol = gt.spe(game)
    (fb,) = _of(sol, gt.NumericFallback)
    assert (fb.node, fb.variable, fb.tolerance) == ("root", "r", 1e-9)
    assert isinstance(sol[0].strategies["A@root"]["r"], sp.Float)
    _rendered(sol)


def test_merged_choices_from_the_equivalent_groups() -> None:
    """B's two choices have identical consequences: one entry stands for both."""
    game = gt.ExtensiveGame(
        gt.Decision(
            "A",
            {
                "out": gt.Outcome(A=2, B=0),
                "in": gt.Decision("B", {"l": gt.Outcome(A=1, B=1), "r": gt.Outcome(A=1, B=1)}),
            },
        )
    )
    (eq,) = gt.spe(game)
    (m,) = eq.diagnostics
    assert m == gt.Merged("B@in", frozenset({"l", "r"})) and m.count == 2 == eq.variants
    assert dict(eq.equivalent) == {m.infoset: m.actions}


def test_undecided_boundary_equilibria_of_support_enumeration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Boundary candidates whose region cannot be witnessed are kept aside, with an Undecided
    diagnostic that ``at`` drops (forced: the enumeration's last equilibrium is declared
    undecided; such candidates need degenerate 3x3 boundaries)."""
    real = nash_module.symbolic_support_enumeration

    def doubtful(*args: object) -> tuple[list[gt.Equilibrium], list[gt.Equilibrium]]:
        eqs, _ = real(*args)  # type: ignore[arg-type]
        return eqs[:-1], eqs[-1:]

    monkeypatch.setattr(nash_module, "symbolic_support_enumeration", doubtful)
    sol = gt.nash(crisis_game())
    assert len(sol.undecided) == 1
    assert _of(sol, gt.Undecided) == [gt.Undecided(1, "support enumeration")]
    _rendered(sol)
    at = sol.at({C: 5, A: 1})
    assert not _of(at, gt.Undecided) and str(sol.diagnostics[0]) not in at.notes


def test_undecided_candidates_of_backward_induction(monkeypatch: pytest.MonkeyPatch) -> None:
    real = spe_module.reduce

    def blind(atoms: object, space: object, **kw: object) -> Region:
        region = real(atoms, space, **kw)  # type: ignore[arg-type]
        if region.status == "nonempty":
            return replace(region, status="unknown", witness=None)
        return region

    monkeypatch.setattr(spe_module, "reduce", blind)
    sol = gt.spe(gt.ExtensiveGame(deterrence_root()))
    assert sol.undecided and not sol.equilibria
    assert _of(sol, gt.Undecided) == [gt.Undecided(len(sol.undecided), "backward induction")]
    _rendered(sol)
    assert not _of(sol.at({C: 3, A: 1}), gt.Undecided)


def test_caveats_narrowed_recall_unreached_subgame() -> None:
    halves = gt.ExtensiveGame(
        gt.Chance({"h": (p, gt.Outcome(A=1, B=0)), "t": (p, gt.Outcome(A=0, B=1))}),
        players=["A", "B"],
    )
    narrowed = gt.spe(halves)
    assert _of(narrowed, gt.Caveat) == [gt.Caveat("narrowed", equalities=(sp.Eq(2 * p, 1),))]

    unreached = gt.nash(entry_game(), method="sequence-form")
    assert gt.Caveat("unreached") in unreached.diagnostics

    def third() -> gt.Decision:
        return gt.Decision(
            "C", {"u": gt.Outcome(A=c, B=1, C=1), "v": gt.Outcome(A=0, B=0, C=0)}, infoset="C"
        )

    def second() -> gt.Decision:
        return gt.Decision("B", {"l": third(), "r": third()}, infoset="B")

    three = gt.ExtensiveGame(gt.Decision("A", {"a": second(), "b": second()}, infoset="A"))
    sub = gt.spe(three, gt.ParameterSpace({c: (0, 2)}))
    (cav,) = _of(sub, gt.Caveat)
    assert (cav.kind, cav.detail, cav.players) == ("subgame", "root", 3)
    # the 3-player subgame's own reasons (its unsolved supports) travel with the caveat
    assert cav.reasons and all("supports" in r for r in cav.reasons)
    for sol in (narrowed, unreached, sub):
        _rendered(sol)


def test_recall_caveat() -> None:
    """A forgets its own first move (tests/test_inputs_recall.py has the full check)."""
    inner = gt.Decision("A", {"l": gt.Outcome(A=1, B=0), "r": gt.Outcome(A=0, B=0)}, infoset="A2")
    inner2 = gt.Decision("A", {"l": gt.Outcome(A=0, B=0), "r": gt.Outcome(A=2, B=0)}, infoset="A2")
    game = gt.ExtensiveGame(gt.Decision("A", {"L": inner, "R": inner2}), players=["A", "B"])
    sol = gt.nash(game)
    (cav,) = _of(sol, gt.Caveat)
    assert cav.kind == "recall" and "A2" in cav.detail
    _rendered(sol)


def test_constant_sum_and_searched() -> None:
    mp = gt.nash(_matching_pennies_tree(), method="sequence-form")
    assert _of(mp, gt.ConstantSum) == [gt.ConstantSum("P1", sp.Integer(0))]
    bq = gt.pbe(beer_quiche())
    (s,) = _of(bq, gt.Searched)
    assert 0 < s.solved <= s.total
    _rendered(mp)
    _rendered(bq)


def test_limits_budget_size_space(monkeypatch: pytest.MonkeyPatch) -> None:
    big = gt.NormalFormGame.from_matrices(
        [[c, 0, 1], [0, 1, c], [1, c, 0]], [[1, 0, c], [0, c, 1], [c, 1, 0]]
    )
    with pytest.raises(gt.BudgetExceededError) as err:
        gt.nash(big, budget=1e-6)
    partial = err.value.partial
    (limit,) = _of(partial, gt.Limit)
    assert limit.kind == "budget" and limit.seconds == 1e-6 and not partial.complete
    assert partial.incomplete == (str(limit),)

    monkeypatch.setattr(sf_module, "MAX_BASES", 1)
    capped = gt.nash(entry_game(), method="sequence-form")
    (size,) = _of(capped, gt.Limit)
    assert size.kind == "size" and not capped.complete and str(size) in capped.incomplete

    x, y = sp.symbols("x y", real=True)
    hard = [(x - R(1234567, 9999991)) ** 2 + (y - R(7654321, 9999973)) ** 2 < R(1, 10**40)]
    space = gt.ParameterSpace({x: (-1, 1), y: (-1, 1)}, hard)
    out = gt.nash(gt.NormalFormGame.from_matrices([[x, 0], [0, 1]], [[1, 0], [0, y]]), space=space)
    assert _of(out, gt.Limit) == [gt.Limit("space", str(space.undecided))]
    rebuilt = gt.Solution(
        out.game, out.equilibria, out.space, "nash", "x", diagnostics=out.diagnostics
    )
    assert rebuilt.diagnostics == out.diagnostics and rebuilt.incomplete == out.incomplete
    for sol in (partial, capped, out):
        _rendered(sol)


def test_refinements() -> None:
    """Beer-Quiche (Cho & Kreps 1987): the intuitive criterion removes the two quiche-pooling
    equilibria at the off-path message beer; the sentences read as before."""
    sol = gt.pbe(beer_quiche(), refine="intuitive")
    refined = _of(sol, gt.Refined)
    assert refined == [gt.Refined("intuitive", "the intuitive criterion")]
    gone = _of(sol, gt.Eliminated)
    assert len(gone) == 2 == len(sol.removed)
    for d in gone:
        assert not d.narrowed and d.messages == ("beer",) and d.name == "the intuitive criterion"
        assert str(d).startswith(f"equilibrium {d.equilibrium} ({d.kind}) removed: it fails ")
    assert gt.pbe(beer_quiche()).degenerate  # so the refinement says it saw extreme points
    assert gt.Caveat("continua", "the intuitive criterion") in sol.diagnostics
    assert sol.notes[-2:] == tuple(map(str, gone))
    _rendered(sol)


def test_limits_supports_and_scope() -> None:
    """Three players: a continuum whose support profile is not resolved (player 3 is paid
    nothing, after tests/test_nash_n_player.py), and a symbolic game whose unsolved supports
    are named."""
    profiles = list(itertools.product(("a0", "a1"), repeat=3))

    def paid(x: tuple[str, ...]) -> int:
        return int(x[0] == x[1]) * (1 + int(x[2][1]))

    flat = gt.NormalFormGame(
        players={f"P{k}": ["a0", "a1"] for k in (1, 2, 3)},
        payoffs={x: (paid(x), paid(x), 0) for x in profiles},
    )
    sol = gt.nash(flat)
    assert sol.diagnostics and all(
        isinstance(d, gt.Limit) and d.kind == "supports" for d in sol.diagnostics
    )
    assert sol.degenerate and not sol.complete
    symbolic = gt.NormalFormGame(
        players={f"P{k}": ["a0", "a1"] for k in (1, 2, 3)},
        payoffs={x: (c * paid(x), paid(x), 1) for x in profiles},
    )
    scoped = gt.nash(symbolic, space=gt.ParameterSpace({c: (0, 2)}))
    # symbolic, three players: the supports whose systems have no closed form or form a
    # continuum are named, each a typed "supports" limit
    limits = _of(scoped, gt.Limit)
    assert limits and all(x.kind == "supports" for x in limits) and not scoped.complete
    for s in (sol, scoped):
        _rendered(s)


# -- values -----------------------------------------------------------------------------------

EVERY_KIND: tuple[dg.Diagnostic, ...] = (
    gt.Tie("first mover"),
    gt.Tie("boundary"),
    gt.Tie("flat", "root", "r"),
    gt.Merged("B@in", frozenset({"l", "r"})),
    gt.Undecided(3, "support enumeration"),
    gt.Undecided(1, "backward induction"),
    gt.NumericFallback("root", "r"),
    gt.NoOptimum("root", "r", "Iran", "theta > 1"),
    gt.Caveat("recall", "player 'A' forgets"),
    gt.Caveat("narrowed", equalities=(sp.Eq(2 * p, 1), sp.Eq(c, 3 * p))),
    gt.Caveat("unreached"),
    gt.Caveat("subgame", "root", players=3, reasons=("one", "two")),
    gt.ConstantSum("P1", R(-1, 18)),
    gt.Searched(3, 16, 5),
    gt.Caveat("continua", "the D1 criterion"),
    gt.Refined("D1", "the D1 criterion"),
    gt.Eliminated(2, "pooling", False, "the D1 criterion", (("beer", "wherever it exists", "x"),)),
    gt.Limit.budget(0.5, "12 supports solved"),
    gt.Limit("size", "the enumeration stopped"),
    gt.Limit("space", "the space may be empty"),
)


@pytest.mark.parametrize("d", EVERY_KIND, ids=lambda d: f"{type(d).__name__}")
def test_equal_diagnostics_hash_equal_and_round_trip(d: dg.Diagnostic) -> None:
    (back,) = dg.diagnostics_from_json(dg.diagnostics_to_json((d,)))
    assert back == d and hash(back) == hash(d) and str(back) == str(d)
    assert pickle.loads(pickle.dumps(d)) == d
    with pytest.raises(AttributeError):
        d.__setattr__(next(iter(d.__dataclass_fields__)), None)


def test_the_whole_tuple_round_trips_through_json_text() -> None:
    import json

    text = json.dumps(dg.diagnostics_to_json(EVERY_KIND))
    assert dg.diagnostics_from_json(json.loads(text)) == EVERY_KIND


def test_rendered_sentences() -> None:
    """The sentences are those the solvers printed before diagnostics were typed."""
    assert str(gt.Limit.budget(60, "x")) == "the budget of 60 s ran out (x)"
    assert str(gt.Searched(3, 16, 5)) == "3 of 16 support shapes solved (5 partial shapes pruned)"
    assert str(gt.Merged("B", frozenset({"r", "l"}))) == "B: l or r"
    assert "values accurate to about 1e-9; its value" in str(gt.NumericFallback("root", "r"))
    assert str(gt.Caveat("narrowed", equalities=(sp.Eq(2 * p, 1),))).startswith(
        "the chance probabilities sum to 1 only where 2*p = 1: "
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: gt.Tie("sideways"),  # type: ignore[arg-type]
        lambda: gt.Undecided(1, "guessing"),  # type: ignore[arg-type]
        lambda: gt.Caveat("other"),  # type: ignore[arg-type]
        lambda: gt.Limit("time", "x"),  # type: ignore[arg-type]
        lambda: gt.Limit("budget", "x"),
        lambda: dg.diagnostics_from_json([{"type": "Nope"}]),
    ],
)
def test_bad_diagnostics_are_refused(make: object) -> None:
    with pytest.raises(gt.GameError):
        make()  # type: ignore[operator]


# -- solutions ----------------------------------------------------------------------------------


def test_solutions_with_diagnostics_hash_equal_and_survive_replace() -> None:
    sol = gt.spe(gt.ExtensiveGame(deterrence_root()))
    again = gt.spe(gt.ExtensiveGame(deterrence_root()))
    assert sol == again and hash(sol) == hash(again)
    same = replace(sol, method=sol.method)  # replace passes the rendered notes back
    assert same == sol and same.notes == sol.notes
    assert pickle.loads(pickle.dumps(sol)).diagnostics == sol.diagnostics


def test_plain_notes_and_reasons_still_work() -> None:
    """Solutions built by hand with plain sentences keep them: after the diagnostics' notes,
    before the limits' reasons."""
    base = gt.nash(crisis_game())
    sol = replace(
        base,
        notes=("a plain note",),
        diagnostics=(gt.Tie("boundary"), gt.Limit("size", "capped")),
        complete=False,
        incomplete=("a plain reason",),
    )
    assert sol.notes == (str(gt.Tie("boundary")), "a plain note")
    assert sol.incomplete == ("a plain reason", "capped")
    assert "note: a plain note" in str(sol) and "incomplete: capped" in str(sol)
    # a limit makes a solution incomplete even when the caller said complete
    limited = replace(base, diagnostics=(gt.Limit("size", "capped"),))
    assert not limited.complete and limited.incomplete == ("capped",)
