"""Comparison.plot: the two sweeps and their difference (one parameter), or a map (two)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.compare import SolutionComparison
from gametheory.naming import equilibrium_names

from .fixtures import A, C, crisis_game, deterrence_root

matplotlib = pytest.importorskip("matplotlib")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

SPACE = gt.ParameterSpace({C: (0, 10), A: (0, 10)})


@pytest.fixture(scope="module")
def sols() -> tuple[gt.Solution, gt.Solution]:
    costlier = crisis_game().map_payoffs(lambda v: v.xreplace({C: 2 * C}))
    return gt.nash(crisis_game(), space=SPACE), gt.nash(costlier, space=SPACE)


def _axes() -> object:
    fig = Figure()
    FigureCanvasAgg(fig)
    return fig.add_subplot()


def _compare(sols: tuple[gt.Solution, gt.Solution], **grid: object) -> gt.Comparison:
    a, b = sols
    return gt.compare(gt.sweep(a, **grid), gt.sweep(b, **grid), measure="war")


def test_one_parameter_draws_both_sweeps_and_the_difference(
    sols: tuple[gt.Solution, gt.Solution],
) -> None:
    cmp = _compare(sols, c=np.linspace(0.25, 10, 40), a=2)
    assert cmp.parameters == ("c", "a")
    ax = cmp.plot(_axes(), labels=("baseline", "costlier war"))
    assert ax.get_xlabel() == "c" and ax.get_ylabel() == "war"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [
        "war (baseline)",
        "war (costlier war)",
        "difference (baseline − costlier war)",
    ]
    a_line, b_line, diff_line = ax.get_lines()[:3]
    np.testing.assert_allclose(diff_line.get_ydata(), a_line.get_ydata() - b_line.get_ydata())
    np.testing.assert_allclose(a_line.get_ydata(), cmp.frame.sort_values("c")["war_a"])


def test_two_parameters_draw_a_map_of_the_difference(
    sols: tuple[gt.Solution, gt.Solution], tmp_path: Path
) -> None:
    cmp = _compare(sols, c=np.linspace(0.5, 10, 20), a=np.linspace(0.5, 10, 20))
    ax = cmp.plot(_axes())
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("c", "a")
    same, differ = ax.collections[:2]
    assert len(same.get_offsets()) == int(cmp.frame["same"].sum())
    assert len(differ.get_offsets()) == int((~cmp.frame["same"]).sum())
    # the colour is the difference; the scale is symmetric about 0
    np.testing.assert_allclose(differ.get_array(), cmp.differing()["difference"])
    assert differ.norm.vmin == -differ.norm.vmax
    assert ax.figure.axes[-1].get_ylabel() == "war: a − b"  # the colour bar
    ax.figure.savefig(tmp_path / "map.png")
    assert (tmp_path / "map.png").stat().st_size > 1000


def test_plot_without_axes_makes_a_figure(sols: tuple[gt.Solution, gt.Solution]) -> None:
    import matplotlib.pyplot as plt

    matplotlib.use("Agg")
    ax = _compare(sols, c=[1, 2, 3], a=0.5).plot()
    try:
        assert ax.get_xlabel() == "c"
    finally:
        plt.close(ax.figure)


def test_points_with_equilibria_in_one_sweep_only_are_crosses(
    sols: tuple[gt.Solution, gt.Solution],
) -> None:
    grid = {"c": np.linspace(0.5, 4, 8), "a": np.linspace(0.5, 4, 5)}
    a, b = (gt.sweep(sol, **grid) for sol in sols)
    # as if model b had no equilibrium where c < 2 (e.g. its solver failed there)
    kept = b.frame[b.frame["c"] >= 2].reset_index(drop=True)
    cmp = gt.compare(a, dataclasses.replace(b, frame=kept), measure="war")
    ax = cmp.plot(_axes())
    lone = [c for c in ax.collections if c.get_label() == "equilibria in one sweep only"]
    assert len(lone) == 1
    assert len(lone[0].get_offsets()) == int((cmp.frame["c"] < 2).sum()) > 0


def test_plot_errors_name_the_swept_parameters(sols: tuple[gt.Solution, gt.Solution]) -> None:
    with pytest.raises(gt.GameError, match=r"one or two swept parameters \(swept here: none\)"):
        _compare(sols, c=[2], a=1).plot(_axes())
    p = sp.Symbol("p", positive=True)
    space = gt.ParameterSpace({C: (0, 10), A: (0, 10), p: (0, 1)})
    game = crisis_game().map_payoffs(lambda v: v * p)
    sol = gt.nash(game, space=space)
    grid = {"c": [1, 2], "a": [0.5, 3], "p": [0.5, 1]}
    cmp = gt.compare(gt.sweep(sol, **grid), gt.sweep(sol, **grid), measure="war")
    with pytest.raises(gt.GameError, match=r"swept here: c, a, p"):
        cmp.plot(_axes())


# -- phase diagrams with named equilibria ------------------------------------------------------

MIXED = "mixed: US hold/escalate, Iran hold/escalate"
CHICKEN = f"US escalate, Iran hold\nUS hold, Iran escalate\n{MIXED}"
GRID = {"c": np.linspace(0.5, 10, 20), "a": np.linspace(0.5, 10, 20)}


def _legend(ax: object) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]  # type: ignore[attr-defined]


def _regions(ax: object) -> dict[str, set[tuple[float, float]]]:
    """Legend text -> the points drawn in that colour."""
    return {
        str(c.get_label()): {tuple(map(float, xy)) for xy in c.get_offsets()}
        for c in ax.collections  # type: ignore[attr-defined]
    }


def test_phase_diagram_names_each_region_by_its_equilibria(
    sols: tuple[gt.Solution, gt.Solution],
) -> None:
    res = gt.sweep(sols[0], **GRID)
    ax = res.plot(ax=_axes())
    # the trap, Chicken, and the boundary a = c where the trap and Chicken's pure ones hold
    assert sorted(_legend(ax)) == sorted(
        ["war", CHICKEN, "US escalate, Iran hold\nUS hold, Iran escalate\nwar"]
    )
    assert not any("equilibria" in t for t in _legend(ax))
    # each region is drawn where exactly those equilibria hold: read from the frame, by kind and
    # P(war), independently of the names
    f = res.frame
    for label, pts in _regions(ax).items():
        for x, y in pts:
            rows = f[(f["c"] == x) & (f["a"] == y)]
            if label == "war":
                assert len(rows) == 1 and (rows["war"] == 1).all()
            elif label == CHICKEN:
                assert sorted(rows["kind"]) == ["mixed", "pure", "pure"] and x > y
            else:
                assert x == y and sorted(rows["war"]) == [0, 0, 1]
    assert sum(len(p) for p in _regions(ax).values()) == f["point"].nunique()


def test_names_given_by_id_by_callable_or_by_solution(
    sols: tuple[gt.Solution, gt.Solution],
) -> None:
    sol = sols[0]
    res = gt.sweep(sol, **GRID)
    trap = next(k for k, eq in enumerate(sol) if eq.outcomes["war"] == 1)
    ax = res.plot(ax=_axes(), names={trap: "audience trap"})
    assert "audience trap" in _legend(ax) and "war" not in _legend(ax)
    assert CHICKEN in _legend(ax)  # ids not named keep their automatic names
    ax = res.plot(ax=_axes(), names=lambda eq: eq.kind)
    assert sorted(_legend(ax)) == ["mixed\npure", "pure"]  # one name per kind
    # a result read back from a file keeps no solution: names from the frame, or from the
    # solution given
    bare = dataclasses.replace(res, solution=None)
    assert sorted(_legend(bare.plot(ax=_axes()))) == sorted(
        ["pure", "mixed\npure (×2)", "pure (×3)"]
    )
    assert sorted(_legend(bare.plot(ax=_axes(), names=sol))) == sorted(
        _legend(res.plot(ax=_axes()))
    )


def test_a_per_point_sweep_is_named_from_its_strategy_columns() -> None:
    space = gt.ParameterSpace({C: (0, 10), A: (0, 10)})
    grid = {"c": np.linspace(1, 10, 4), "a": np.linspace(1, 10, 4)}
    res = gt.sweep(crisis_game(), space=space, strategies=True, **grid)
    labels = _legend(res.plot(ax=_axes()))
    assert "US escalate, Iran escalate" in labels  # the trap, a pure profile
    assert "US escalate, Iran hold\nUS hold, Iran escalate\nmixed" in labels  # Chicken
    # a tree: its strategy columns are per information set; the made-up outcome label of the
    # unlabelled leaf (end:absorb) is a probability column, not a strategy
    tree = gt.ExtensiveGame(deterrence_root())
    res = gt.sweep(tree, space=space, strategies=True, **grid)
    assert "end:absorb" in res.frame.columns
    labels = _legend(res.plot(ax=_axes()))
    assert all(lab.startswith("Iran@root ") and "end" not in lab for lab in labels), labels
    without = gt.sweep(tree, space=space, **grid)
    for label in _legend(without.plot(ax=_axes())):  # no strategy columns: by kind, counted
        assert all(re.fullmatch(r"(pure|mixed)( \(×\d\))?", line) for line in label.split("\n"))


def test_one_parameter_curves_are_named_and_how_draws_one_curve(
    sols: tuple[gt.Solution, gt.Solution],
) -> None:
    res = gt.sweep(sols[0], c=np.linspace(0.5, 10, 20), a=2)
    assert set(_legend(res.plot("war", _axes()))) == {
        "US hold, Iran escalate",
        "US escalate, Iran hold",
        "war",
        MIXED,
    }
    ax = res.plot("war", _axes(), how="min")
    (line,) = ax.get_lines()
    np.testing.assert_allclose(line.get_ydata(), res.frame.groupby("point")["war"].min())


# -- heat maps ---------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["max", "min"])
def test_heat_map_shows_the_frames_max_or_min(
    sols: tuple[gt.Solution, gt.Solution], how: str
) -> None:
    res = gt.sweep(sols[0], **GRID)
    ax = res.plot("war", _axes(), how=how, x="a", y="c")  # type: ignore[arg-type]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("a", "c")
    assert ax.figure.axes[-1].get_ylabel() == f"war ({how} over the equilibria)"  # colour bar
    (mesh,) = ax.collections
    expected = res.frame.groupby(["c", "a"])["war"].agg(how).unstack("a")  # rows c, columns a
    np.testing.assert_allclose(
        np.asarray(mesh.get_array()).reshape(expected.shape), expected.to_numpy()
    )


def test_heat_map_of_a_per_point_sweep_on_sampled_points() -> None:
    space = gt.ParameterSpace({C: (0, 10), A: (0, 10)})
    pts = space.sample(60, np.random.default_rng(3))
    res = gt.sweep(crisis_game(), space=space, points=pts)
    assert res.shape is None
    ax = res.plot("US", _axes(), how="min")
    (dots,) = ax.collections
    by_point = res.frame.groupby("point")
    np.testing.assert_allclose(dots.get_array(), by_point["US"].min())
    np.testing.assert_allclose(dots.get_offsets(), by_point[["c", "a"]].first())


def test_plot_arguments_are_checked(sols: tuple[gt.Solution, gt.Solution]) -> None:
    res = gt.sweep(sols[0], c=[1.0, 2.0], a=[1.0, 3.0])
    ax = _axes()
    for kwargs, match in [
        ({"measure": "war", "how": "avg"}, "how must be 'max' or 'min', got 'avg'"),
        ({"how": "max"}, "how= applies to a measure"),
        ({"measure": "war", "x": "p"}, r"x='p' is not a swept parameter \(swept here: c, a\)"),
        ({"measure": "war", "x": "c", "y": "c"}, "x and y are both 'c'"),
        ({"measure": "kind"}, "'kind' is not numeric"),
        ({"measure": "war", "names": {0: "x"}}, "a heat map of a measure has no legend"),
        ({"names": {9: "x"}}, "equilibrium 9, but the swept solution has 4"),
        ({"names": {0: 5}}, "equilibrium 0 the label 5"),
        ({"names": ["x"]}, "names must be a mapping"),
        ({"names": lambda eq: 5}, "not a string"),
    ]:
        with pytest.raises(gt.GameError, match=match):
            res.plot(ax=ax, **kwargs)
    bare = dataclasses.replace(res, solution=None)
    with pytest.raises(gt.GameError, match="callable needs the swept solution"):
        bare.plot(ax=ax, names=lambda eq: eq.kind)


# -- compare on two solutions ------------------------------------------------------------------


def _random_pair(seed: int) -> tuple[gt.Solution, gt.Solution]:
    """Two 2x2 games with small integer payoffs and the parameter c in two cells (ties at
    integer c: degenerate points on the grid), the second one a perturbation of the first."""
    rng = np.random.default_rng(seed)
    space = gt.ParameterSpace({C: (0, 4)})

    def game(extra: int) -> gt.NormalFormGame:
        A_ = sp.Matrix(rng.integers(-2, 3, (2, 2)).tolist())
        B_ = sp.Matrix(rng.integers(-2, 3, (2, 2)).tolist())
        A_[0, 0] += C
        B_[1, 1] += extra * C
        return gt.NormalFormGame.from_matrices(
            A_, B_, players=("US", "Iran"), outcomes={("s1", "s1"): "war"}
        )

    return gt.nash(game(1), space=space), gt.nash(game(2), space=space)


def _agrees_with_sweeps(a: gt.Solution, b: gt.Solution, measure: str, grid: dict) -> None:
    """At every grid point, the pairs of equilibria the exact comparison says hold there give
    the sweeps' comparison (largest and smallest value), and each pair's sign regions hold
    exactly where its difference is positive / negative."""
    from gametheory._compare_symbolic import _exact_point, _holds

    exact = gt.compare(a, b, measure)
    assert isinstance(exact, SolutionComparison)
    sa, sb = gt.sweep(a, **grid), gt.sweep(b, **grid)
    by_how = {how: gt.compare(sa, sb, measure, how=how).frame for how in ("max", "min")}
    params = [s.name for s in exact.space.symbols]
    for k, row in enumerate(by_how["max"].itertuples()):
        point = _exact_point(exact.space, {p: getattr(row, p) for p in params}, {})
        here = [p for p in exact.pairs if _holds(p.where, point)]
        if not np.isfinite(row.difference):
            assert not here  # one sweep has no equilibrium there: no pair holds
            continue
        values = [
            (float(p.value_a.xreplace(point)), float(p.value_b.xreplace(point))) for p in here
        ]
        for how, agg in (("max", max), ("min", min)):
            va, vb = agg(v for v, _ in values), agg(v for _, v in values)
            expected = by_how[how]["difference"].iloc[k]
            assert va - vb == pytest.approx(expected, abs=1e-9), (how, point)
        for pair in here:
            d = pair.difference.xreplace(point)
            assert _holds(pair.a_higher, point) == bool(d > 0), (pair, point)
            assert _holds(pair.b_higher, point) == bool(d < 0), (pair, point)


def test_compare_on_solutions_agrees_with_compare_on_sweeps(
    sols: tuple[gt.Solution, gt.Solution],
) -> None:
    grid = {"c": np.arange(1, 41, 2) / 4, "a": np.arange(1, 41, 6) / 4}  # on a = c and a = 2c
    _agrees_with_sweeps(*sols, "war", grid)
    _agrees_with_sweeps(*sols, "Iran", grid)


@pytest.mark.parametrize("seed", range(6))
def test_compare_on_random_solutions_agrees_with_sweeps(seed: int) -> None:
    a, b = _random_pair(seed)
    grid = {"c": np.arange(1, 17) / 4}  # integer c among them: ties
    _agrees_with_sweeps(a, b, "war", grid)
    _agrees_with_sweeps(a, b, "US", grid)


def test_compare_on_solutions_reports_where_and_by_how_much(
    sols: tuple[gt.Solution, gt.Solution],
) -> None:
    cmp = gt.compare(*sols, measure="war")
    trap = next(k for k, eq in enumerate(sols[0]) if eq.outcomes["war"] == 1)
    chicken_b = [k for k, eq in enumerate(sols[1]) if eq.kind == "pure" and eq.outcomes["war"] == 0]
    # the baseline's trap against the costlier war's pure Chicken equilibria: war for sure
    # against none, where c <= a <= 2c
    for pair in cmp.pairs:
        if pair.a == trap and pair.b in chicken_b:
            assert pair.difference == 1 and pair.b_higher is sp.false
            assert sp.simplify(pair.a_higher) != sp.false
            assert gt.compare(*sols, "war").pairs == cmp.pairs  # deterministic
    assert {(p.a, p.b) for p in cmp.differing()} < {(p.a, p.b) for p in cmp.pairs}
    assert len(cmp.frame) == len(cmp.pairs) and "difference" in cmp.frame.columns
    assert "war" in str(cmp)


def test_compare_arguments_are_checked(sols: tuple[gt.Solution, gt.Solution]) -> None:
    a, b = sols
    res = gt.sweep(a, c=[1.0, 2.0], a=1)
    for args, kwargs, match in [
        ((a, res, "war"), {}, "two sweeps or two solutions, got a Solution and a SweepResult"),
        ((a, b, "war"), {"how": "max"}, "how= applies to sweeps"),
        ((a, b, "war"), {"tol": 0.1}, "tol= applies to sweeps"),
        ((a, b, "peace"), {}, "no payoff or outcome 'peace'"),
        ((a, b, 5), {}, "measure must be a player"),
        ((a, "b", "war"), {}, "b is str"),
    ]:
        with pytest.raises(gt.GameError, match=match):
            gt.compare(*args, **kwargs)
    cmp = gt.compare(a, b, "war")
    with pytest.raises(gt.GameError, match="parameter c must be a finite real number"):
        cmp.at(c="x", a=1)
    with pytest.raises(gt.GameError, match="missing parameter a"):
        cmp.at(c=1)
    with pytest.raises(gt.GameError, match="unknown parameter 'z'"):
        cmp.at(c=1, a=1, z=1)
    p = sp.Symbol("p", positive=True)
    other = gt.nash(crisis_game(), space=gt.ParameterSpace({C: (0, 5), A: (0, 10)}))
    with pytest.raises(gt.GameError, match="different parameter spaces"):
        gt.compare(a, other, "war")
    wider = gt.nash(
        crisis_game().map_payoffs(lambda v: v * p),
        space=gt.ParameterSpace({C: (0, 10), A: (0, 10), p: (0, 1)}),
    )
    with pytest.raises(gt.GameError, match="different parameters"):
        gt.compare(a, wider, "war")


def test_automatic_names_never_join_equilibria_that_play_differently() -> None:
    # both pure equilibria of a coordination game end in "peace": one name each, kept apart
    g = gt.NormalFormGame.from_matrices(
        [[2, 0], [0, 1]], [[2, 0], [0, 1]], outcomes={("s1", "s1"): "peace", ("s2", "s2"): "peace"}
    )
    sol = gt.nash(g)
    names = equilibrium_names(sol)
    pure = sorted(k for k, eq in enumerate(sol) if eq.kind == "pure")
    assert names[pure[0]] == "peace" and names[pure[1]] == f"peace #{pure[1]}"
    assert len(set(names.values())) == len(sol)
    assert equilibrium_names(sol, lambda eq: eq.kind)[pure[1]] == "pure"  # yours: as given
    with pytest.raises(gt.GameError, match="not a string"):
        equilibrium_names(sol, lambda eq: None)
    with pytest.raises(gt.GameError, match="needs a Solution"):
        equilibrium_names(g)  # type: ignore[arg-type]
