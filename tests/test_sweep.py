"""gt.sweep over a Solution: equals Solution.at point by point; chunking; selection; errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt

from .fixtures import A, C, crisis_game

SPACE = gt.ParameterSpace({C: (0, 10), A: (0, 10)})


@pytest.fixture(scope="module")
def sol() -> gt.Solution:
    return gt.nash(crisis_game(), space=SPACE)


def _at_rows(sol: gt.Solution, c: float, a: float) -> set[tuple[float, ...]]:
    here = sol.at(c=c, a=a)
    return {
        tuple(round(float(v), 9) for p in eq.strategies for v in eq.strategies[p].values())
        for eq in here
    }


def _sweep_rows(frame: pd.DataFrame, point: int) -> set[tuple[float, ...]]:
    cols = [k for k in frame.columns if ":" in k]
    sub = frame[frame["point"] == point]
    return {tuple(round(float(v), 9) for v in row) for row in sub[cols].to_numpy()}


@settings(max_examples=15)
@given(
    st.lists(st.integers(1, 20), min_size=1, max_size=4, unique=True),
    st.lists(st.integers(1, 20), min_size=1, max_size=4, unique=True),
)
def test_sweep_equals_at_point_by_point(cs: list[int], as_: list[int]) -> None:
    sol = gt.nash(crisis_game(), space=SPACE)
    c_vals, a_vals = np.array(cs) / 2, np.array(as_) / 2  # halves hit the boundary a = c often
    res = gt.sweep(sol, c=c_vals, a=a_vals, strategies=True)
    assert res.n_points == len(cs) * len(as_) and res.shape == (len(cs), len(as_))
    for k, (i, j) in enumerate(np.ndindex(len(cs), len(as_))):
        assert _sweep_rows(res.frame, k) == _at_rows(sol, c_vals[i], a_vals[j])


def test_columns_measures_and_summary(sol: gt.Solution) -> None:
    res = gt.sweep(sol, c=np.linspace(1, 10, 10), a=1)
    assert list(res.frame.columns[:5]) == ["c", "a", "point", "equilibrium", "kind"]
    assert {"US", "Iran", "war"} <= set(res.frame.columns)
    mixed = res.frame[res.frame["kind"] == "mixed"]
    np.testing.assert_allclose(mixed["war"], 1 / mixed["c"] ** 2)
    summary = res.summary()
    # at c = a = 1 the mixed equilibrium is (escalate, escalate): merged into it, as .at() does
    assert summary.loc[3, "share"] == pytest.approx(0.9) and summary.loc[
        2, "share"
    ] == pytest.approx(0.1)
    war = sp.Symbol("war")
    res = gt.sweep(sol, c=[4], a=[1], measures={"risk": 100 * war, "double": lambda f: 2 * f["US"]})
    assert sorted(res.frame["risk"].round(6)) == [0, 0, 100 / 16]
    np.testing.assert_allclose(res.frame["double"], 2 * res.frame["US"])


def test_chunking_and_aligned_points(sol: gt.Solution) -> None:
    grid = {"c": np.linspace(0.5, 10, 37), "a": np.linspace(0.25, 10, 23)}
    whole = gt.sweep(sol, **grid).frame
    chunked = gt.sweep(sol, chunk_size=50, **grid).frame
    pd.testing.assert_frame_equal(whole, chunked)
    pts = SPACE.sample(200, np.random.default_rng(0))
    res = gt.sweep(sol, points=pts)
    assert res.shape is None and res.n_points == 200
    assert set(res.frame["point"]) == set(range(200))


def test_select_keeps_one_row_per_point(sol: gt.Solution) -> None:
    most = gt.sweep(sol, c=[4, 5], a=[1], select="max:war").frame
    least = gt.sweep(sol, c=[4, 5], a=[1], select="min:war").frame
    assert len(most) == len(least) == 2
    assert (most["kind"] == "mixed").all() and (least["war"] == 0).all()


def test_errors_name_the_culprit(sol: gt.Solution) -> None:
    with pytest.raises(gt.UnknownParameterError, match="unknown parameter z"):
        gt.sweep(sol, c=1, a=1, z=2)
    with pytest.raises(gt.MissingParameterError, match="a"):
        gt.sweep(sol, c=[1, 2])
    with pytest.raises(gt.GameError, match="values of c are empty"):
        gt.sweep(sol, c=[], a=1)
    with pytest.raises(
        gt.OutsideSpaceError, match="2 grid points lie outside the space: 2 points violate c <= 10"
    ):
        gt.sweep(sol, c=[5, 11, 12], a=1)
    assert gt.sweep(sol, c=[5, 11, 12], a=1, outside="drop").frame["point"].max() == 0
    with pytest.raises(gt.GameError, match="unknown column 'peace'"):
        gt.sweep(sol, c=1, a=1, select="max:peace")
    with pytest.raises(gt.GameError, match="names peace"):
        gt.sweep(sol, c=1, a=1, measures={"x": sp.Symbol("peace")})
    with pytest.raises(gt.UnsupportedGameError, match="needs a Solution"):
        gt.sweep(crisis_game().payoff_array(0), c=1, a=1)


def test_phase_diagram_and_measure_plot(sol: gt.Solution, tmp_path) -> None:  # type: ignore[no-untyped-def]
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    res = gt.sweep(sol, c=np.linspace(0.5, 10, 30), a=np.linspace(0.5, 10, 30))
    ax = res.plot()
    assert ax.get_xlabel() == "c" and ax.get_ylabel() == "a"
    assert len(ax.get_legend().get_texts()) >= 2  # the trap and Chicken at least
    ax.figure.savefig(tmp_path / "phase.png")
    assert (tmp_path / "phase.png").stat().st_size > 1000
    line = gt.sweep(sol, c=np.linspace(0.5, 10, 30), a=1).plot("war")
    assert line.get_ylabel() == "war"
    with pytest.raises(gt.GameError, match="phase diagram"):
        gt.sweep(sol, c=[1, 2], a=1).plot()
    with pytest.raises(gt.GameError, match="no column 'peace'"):
        gt.sweep(sol, c=[1, 2], a=1).plot("peace")


def test_a_sweep_with_every_point_dropped_keeps_its_columns(sol: gt.Solution) -> None:
    full = gt.sweep(sol, c=[1.0], a=[1.0])
    empty = gt.sweep(sol, c=[-1.0, -2.0], a=[1.0], outside="drop", select="max:war")
    assert empty.frame.empty
    assert list(empty.frame.columns) == list(full.frame.columns)
    assert (empty.frame.dtypes == full.frame.dtypes).all()
