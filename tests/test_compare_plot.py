"""Comparison.plot: the two sweeps and their difference (one parameter), or a map (two)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import gametheory as gt

from .fixtures import A, C, crisis_game

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
