"""``gt.sweep_solution``, ``gt.sweep_game`` and ``gt.Select`` (issue 16, item 3).

- differential: ``gt.sweep`` with its keywords and string selection gives the very frames of the
  two functions with a grid mapping and a ``Select``, on seeded grids and sampled points;
- independent checks of each selection against the full frame, by another pandas route (a
  stable sort and ``drop_duplicates`` instead of ``idxmin`` / ``idxmax``), and a metamorphic
  one (the smallest of a column is the largest of its negation);
- each function refuses the other's options from its signature (``TypeError``) and the other's
  target (``UnsupportedGameError``); bad selections are a ``GameError`` naming them;
- the documented defaults are the signatures' (the chunk size drifted once).
"""

from __future__ import annotations

import inspect
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.cli import load_module, main
from gametheory.sweeps import sweep

from .fixtures import A, C, crisis_game, deterrence_root

SPACE = gt.ParameterSpace({C: (0, 10), A: (0, 10)})
WAR = sp.Symbol("war")


@pytest.fixture(scope="module")
def game() -> gt.NormalFormGame:
    return crisis_game()


@pytest.fixture(scope="module")
def sol(game: gt.NormalFormGame) -> gt.Solution:
    return gt.nash(game, space=SPACE)


def _tree() -> gt.ExtensiveGame:
    """DESIGN.md's retaliation tree: Iran absorbs or retaliates, then the US accepts or
    escalates to war."""
    return gt.ExtensiveGame(deterrence_root())


def _grid(seed: int) -> dict[str, np.ndarray]:
    """A seeded grid whose halves and quarters often land on the boundary a = c."""
    rng = np.random.default_rng(seed)
    return {
        "c": np.unique(rng.integers(1, 40, size=rng.integers(1, 6))) / 4,
        "a": np.unique(rng.integers(1, 40, size=rng.integers(1, 6))) / 4,
    }


SELECTIONS = [
    pytest.param("all", gt.Select.all(), id="all"),
    pytest.param("first", gt.Select.first(), id="first"),
    pytest.param("max:war", gt.Select.max("war"), id="max-war"),
    pytest.param("min:war", gt.Select.min("war"), id="min-war"),
    pytest.param("min:US", gt.Select.min("US"), id="min-US"),
    pytest.param("max:US:escalate", gt.Select.max("US:escalate"), id="max-strategy"),
]


# -- differential: the old form and the new give the very same frames ------------------------
@pytest.mark.parametrize(("text", "select"), SELECTIONS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_solution_old_and_new_forms_agree(
    sol: gt.Solution, seed: int, text: str, select: gt.Select
) -> None:
    grid = _grid(seed)
    old = gt.sweep(sol, strategies=True, select=text, **grid)
    new = gt.sweep_solution(sol, grid, strategies=True, select=select)
    by_symbol = gt.sweep_solution(sol, {C: grid["c"], A: grid["a"]}, strategies=True, select=select)
    assert old.frame.equals(new.frame) and old == new == by_symbol
    assert gt.sweep(sol, strategies=True, select=select, **grid) == new  # a Select in gt.sweep


@pytest.mark.parametrize(("text", "select"), SELECTIONS)
@pytest.mark.parametrize("seed", [3, 4])
def test_game_old_and_new_forms_agree(
    game: gt.NormalFormGame, seed: int, text: str, select: gt.Select
) -> None:
    grid = _grid(seed)
    old = gt.sweep(game, space=SPACE, strategies=True, select=text, **grid)
    new = gt.sweep_game(game, grid, space=SPACE, strategies=True, select=select)
    assert old.frame.equals(new.frame) and old == new
    with ThreadPoolExecutor(2) as pool:  # and on an executor, in small tasks
        pooled = gt.sweep_game(
            game, grid, space=SPACE, strategies=True, select=select, executor=pool, chunk_size=3
        )
    assert pooled.frame.equals(new.frame)


@pytest.mark.parametrize("seed", [5, 6])
def test_sampled_points_and_trees_agree(sol: gt.Solution, seed: int) -> None:
    pts = SPACE.sample(200, np.random.default_rng(seed))
    assert gt.sweep(sol, points=pts, select="max:war") == gt.sweep_solution(
        sol, points=pts, select=gt.Select.max("war")
    )
    tree = _tree()
    grid = _grid(seed)
    old = gt.sweep(tree, space=SPACE, select="min:war", **grid)
    new = gt.sweep_game(tree, grid, space=SPACE, select=gt.Select.min("war"))
    assert old.frame.equals(new.frame)
    spe = gt.spe(tree, space=SPACE)  # the compiled sweep of the tree's solution: the same values
    compiled = gt.sweep_solution(spe, grid, select=gt.Select.min("war"))
    np.testing.assert_allclose(compiled.frame["war"], new.frame["war"])


# -- what each selection keeps, checked another way ---------------------------------------------
def _expected(full: pd.DataFrame, select: gt.Select) -> pd.DataFrame:
    """One row per point by a stable sort and drop_duplicates (ties: the first listed)."""
    if select.how == "all":
        return full
    if select.how == "first":
        keys, up = ["equilibrium"], [True]
    else:
        keys, up = [str(select.column), "equilibrium"], [select.how == "min", True]
    ordered = full.sort_values(keys, ascending=up, kind="stable", na_position="last")
    return ordered.drop_duplicates("point").sort_values("point").reset_index(drop=True)


@pytest.mark.parametrize(("text", "select"), SELECTIONS)
def test_selection_keeps_the_row_an_independent_route_finds(
    sol: gt.Solution, game: gt.NormalFormGame, text: str, select: gt.Select
) -> None:
    grid = _grid(7)
    for full, chosen in (
        (
            gt.sweep_solution(sol, grid, strategies=True).frame,
            gt.sweep_solution(sol, grid, strategies=True, select=select).frame,
        ),
        (
            gt.sweep_game(game, grid, space=SPACE, strategies=True).frame,
            gt.sweep_game(game, grid, space=SPACE, strategies=True, select=select).frame,
        ),
    ):
        expected = _expected(full, select)
        pd.testing.assert_frame_equal(chosen, expected, check_categorical=False)
        if select.how != "all":  # one row per point with an equilibrium
            assert chosen["point"].tolist() == sorted(set(full["point"]))


def _patchy(f: pd.DataFrame) -> np.ndarray:
    """War, but NaN for equilibrium 0 everywhere and for every equilibrium where c > 5."""
    return np.where((f["equilibrium"] == 0) | (f["c"] > 5), np.nan, f["war"])


@pytest.mark.parametrize("select", [gt.Select.max("patchy"), gt.Select.min("patchy")])
def test_nan_values_lose_and_an_all_nan_point_keeps_its_first(
    sol: gt.Solution, select: gt.Select
) -> None:
    grid = _grid(8) | {"c": [1.0, 2.5, 6.0, 9.0]}
    full = gt.sweep_solution(sol, grid, measures={"patchy": _patchy}).frame
    chosen = gt.sweep_solution(sol, grid, measures={"patchy": _patchy}, select=select).frame
    pd.testing.assert_frame_equal(chosen, _expected(full, select), check_categorical=False)
    assert chosen["patchy"].isna().any() and chosen["patchy"].notna().any()
    first = full.groupby("point")["equilibrium"].min()  # all NaN: the first listed there
    nan = chosen[chosen["c"] > 5]
    assert len(nan) and (nan["equilibrium"].to_numpy() == first[nan["point"]].to_numpy()).all()


def test_columns_that_are_not_numbers_are_refused(sol: gt.Solution) -> None:
    grid = {"c": [1, 2], "a": 1}
    with pytest.raises(gt.GameError, match=r"select='max:kind': the column 'kind' is not a number"):
        gt.sweep_solution(sol, grid, select=gt.Select.max("kind"))
    words = {"word": lambda f: np.where(f["war"] > 0, "war", "peace")}
    with pytest.raises(gt.GameError, match=r"the column 'word' is not a number \(dtype"):
        gt.sweep_solution(sol, grid, measures=words, select=gt.Select.min("word"))


@given(seed=st.integers(0, 10_000))
def test_min_is_max_of_the_negation(sol: gt.Solution, seed: int) -> None:
    grid = _grid(seed)
    measures = {"peace": -WAR}
    low = gt.sweep_solution(sol, grid, measures=measures, select=gt.Select.min("war")).frame
    high = gt.sweep_solution(sol, grid, measures=measures, select=gt.Select.max("peace")).frame
    assert low[["point", "equilibrium"]].equals(high[["point", "equilibrium"]])


# -- the Select value ------------------------------------------------------------------------
@given(
    how=st.sampled_from(["all", "first", "min", "max"]),
    column=st.text(min_size=1, max_size=12),
)
def test_select_round_trips_through_its_string_form(how: str, column: str) -> None:
    s = gt.Select(how) if how in ("all", "first") else gt.Select(how, column)  # type: ignore[arg-type]
    assert gt.Select.parse(str(s)) == s and gt.Select.of(str(s)) == s and gt.Select.of(s) is s
    assert hash(s) == hash(gt.Select.parse(str(s))) and eval(repr(s), {"Select": gt.Select}) == s


def test_select_constructors_and_immutability() -> None:
    assert gt.Select.max("war") == gt.Select("max", "war") != gt.Select.min("war")
    assert gt.Select() == gt.Select.all() and str(gt.Select.first()) == "first"
    with pytest.raises(AttributeError):
        gt.Select.max("war").column = "US"  # type: ignore[misc]
    assert len({gt.Select.max("war"), gt.Select.parse("max:war"), gt.Select.all()}) == 2


BAD_SELECT = [
    pytest.param(lambda: gt.Select.max(""), r"Select\.max needs a column name", id="empty"),
    pytest.param(lambda: gt.Select.min(3), r"Select\.min needs a column name.*3", id="not-str"),
    pytest.param(
        lambda: gt.Select("median", "war"),
        r"Select\.how must be 'all', 'first', 'min' or 'max', got 'median'",
        id="how",
    ),
    pytest.param(lambda: gt.Select("first", "war"), r"Select\.first\(\) takes no col", id="col"),
    pytest.param(lambda: gt.Select.parse("max"), r"select must be .*got 'max'", id="no-colon"),
    pytest.param(lambda: gt.Select.parse("max:"), r"select must be .*got 'max:'", id="no-col"),
    pytest.param(lambda: gt.Select.parse("median:war"), r"got 'median:war'", id="bad-how"),
    pytest.param(lambda: gt.Select.parse("All"), r"got 'All'", id="case"),
    pytest.param(lambda: gt.Select.of(3), r"select must be .*got 3", id="int"),
]


@pytest.mark.parametrize(("make", "match"), BAD_SELECT)
def test_bad_selections_name_the_culprit(make: Any, match: str) -> None:
    with pytest.raises(gt.GameError, match=match):
        make()


def test_bad_selections_in_the_sweeps(sol: gt.Solution, game: gt.NormalFormGame) -> None:
    grid = {"c": [1, 2], "a": 1}
    with pytest.raises(gt.GameError, match=r"select must be .*got 'max:'"):
        gt.sweep(sol, select="max:", **grid)
    # the functions take a Select; the string form is named with what to write instead
    with pytest.raises(gt.GameError, match=r"select must be a gt\.Select.*Select\.max\('war'\)"):
        gt.sweep_solution(sol, grid, select="max:war")  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match=r"select must be a gt\.Select.*got 'max'$"):
        gt.sweep_game(game, grid, select="max")  # type: ignore[arg-type]
    for run in (
        lambda s: gt.sweep_solution(sol, grid, select=s),
        lambda s: gt.sweep_game(game, grid, space=SPACE, select=s),
    ):  # an unknown column: named, before anything is evaluated
        with pytest.raises(gt.GameError, match=r"unknown column 'peace'; columns: c, a, point"):
            run(gt.Select.max("peace"))
        with pytest.raises(gt.GameError, match=r"unknown column 'US:hold'"):
            run(gt.Select.max("US:hold"))  # strategy columns only with strategies=True


# -- each function takes its own options -----------------------------------------------------
@pytest.mark.parametrize(
    "option",
    [
        pytest.param({"space": SPACE}, id="space"),
        pytest.param({"executor": None}, id="executor"),
        pytest.param({"progress": False}, id="progress"),
        pytest.param({"retries": 2}, id="retries"),
        pytest.param({"c": 2}, id="parameter-by-keyword"),
        pytest.param({"chunk_sise": 10}, id="typo"),
    ],
)
def test_sweep_solution_refuses_options_it_does_not_take(
    sol: gt.Solution, option: dict[str, Any]
) -> None:
    name = next(iter(option))
    with pytest.raises(TypeError, match=rf"unexpected keyword argument '{name}'"):
        gt.sweep_solution(sol, {"c": 2, "a": 1}, **option)


@pytest.mark.parametrize(
    "option",
    [
        pytest.param({"a": 1}, id="parameter-by-keyword"),
        pytest.param({"select_": gt.Select.all()}, id="typo"),
        pytest.param({"workers": 2}, id="unknown"),
    ],
)
def test_sweep_game_refuses_options_it_does_not_take(
    game: gt.NormalFormGame, option: dict[str, Any]
) -> None:
    name = next(iter(option))
    with pytest.raises(TypeError, match=rf"unexpected keyword argument '{name}'"):
        gt.sweep_game(game, {"c": 2, "a": 1}, **option)


def test_each_function_refuses_the_others_target(sol: gt.Solution, game: gt.NormalFormGame) -> None:
    with pytest.raises(gt.UnsupportedGameError, match=r"needs a game .*got Solution.*sweep_sol"):
        gt.sweep_game(sol, {"c": 2, "a": 1})  # type: ignore[arg-type]
    with pytest.raises(gt.UnsupportedGameError, match=r"needs a Solution .*NormalFormGame"):
        gt.sweep_solution(game, {"c": 2, "a": 1})  # type: ignore[arg-type]
    # gt.sweep keeps refusing per-point options for a solution as it did: a GameError
    with pytest.raises(gt.GameError, match=r"executor= is for per-point sweeps of a game"):
        gt.sweep(sol, c=2, a=1, executor=ThreadPoolExecutor(1))


def test_the_legacy_front_splits_its_options_by_the_signatures() -> None:
    old = set(inspect.signature(sweep).parameters) - {"target", "values"}
    sol_opts = set(inspect.signature(gt.sweep_solution).parameters) - {"solution"}
    game_opts = set(inspect.signature(gt.sweep_game).parameters) - {"game"}
    assert sol_opts | game_opts == old and sol_opts < game_opts
    assert game_opts - sol_opts == {"space", "executor", "progress", "retries"}


# -- documented defaults are the signatures' ---------------------------------------------------
def _default(fn: Any, name: str) -> Any:
    return inspect.signature(fn).parameters[name].default


def test_documented_defaults_match_the_code() -> None:
    chunk = _default(gt.sweep_solution, "chunk_size")
    said = f"default {chunk:,}"
    assert said in re.sub(r"\s+", " ", gt.sweep_solution.__doc__ or "")
    assert f"default {chunk:,} points for a solution" in re.sub(r"\s+", " ", sweep.__doc__ or "")
    retries = _default(gt.sweep_game, "retries")
    assert f"(default {retries})" in re.sub(r"\s+", " ", gt.sweep_game.__doc__ or "")
    assert _default(gt.sweep_solution, "select") == gt.Select.all()
    assert "500,000" not in (sweep.__doc__ or "")  # the drift of issue 16


# -- the command line reads --select as a Select ---------------------------------------------
@pytest.mark.parametrize("text", ["first", "min:war", "max:US"])
def test_the_command_line_selects_as_the_api_does(tmp_path: Path, text: str) -> None:
    model = str(Path(__file__).resolve().parent.parent / "models" / "crisis_chicken.py")
    out = tmp_path / "chosen.csv"
    assert main(["sweep", model, "c=0.5:10:5", "a=0:5:3", "--select", text, "--out", str(out)]) == 0
    sol = load_module(model).solution()
    grid = {"c": np.linspace(0.5, 10, 5), "a": np.linspace(0, 5, 3)}
    assert gt.SweepResult.read(out) == gt.sweep_solution(sol, grid, select=gt.Select.parse(text))


def test_the_command_line_names_a_bad_selection(capsys: pytest.CaptureFixture[str]) -> None:
    model = str(Path(__file__).resolve().parent.parent / "models" / "crisis_chicken.py")
    assert main(["sweep", model, "c=1", "a=1", "--select", "median:war"]) == 2
    err = capsys.readouterr().err
    assert (
        "--select takes 'all', 'first', 'min:<column>' or 'max:<column>', got 'median:war'" in err
    )
