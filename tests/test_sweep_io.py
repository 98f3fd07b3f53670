"""SweepResult to and from CSV / Parquet (round trips), and to an xarray Dataset."""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt

from .fixtures import A, C, crisis_game

SPACE = gt.ParameterSpace({C: (0, 10), A: (0, 10)})
SOL = gt.nash(crisis_game(), space=SPACE)
MEASURES = {
    "risky": lambda f: f["war"] > 0.5,  # a bool column
    "label": lambda f: np.where(f["war"] > 0, "war possible", "no war"),  # a text column
}

# the fixture's c and a are positive: 0 lies outside the space
values = st.lists(st.floats(0, 10, exclude_min=True), min_size=1, max_size=4, unique=True)
halves = st.lists(st.integers(1, 20).map(lambda k: k / 2), min_size=1, max_size=4, unique=True)
failures = st.lists(
    st.tuples(
        st.floats(allow_nan=True, allow_infinity=True),
        st.floats(0, 10),
        st.integers(0, 10**6),
        st.text(max_size=30),
    ),
    max_size=3,
).map(lambda rows: pd.DataFrame(rows, columns=["c", "a", "point", "error"]))


def _round_trip(res: gt.SweepResult, suffix: str) -> gt.SweepResult:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"result{suffix}"
        res.write(path)
        return gt.SweepResult.read(path)


def _assert_same(back: gt.SweepResult, res: gt.SweepResult) -> None:
    assert back == res
    pd.testing.assert_frame_equal(back.frame, res.frame, check_exact=True)
    pd.testing.assert_frame_equal(back.failures, res.failures, check_exact=True)
    assert (back.parameters, back.n_points, back.shape) == (res.parameters, res.n_points, res.shape)


@settings(max_examples=25)
@given(
    cs=st.one_of(values, halves),
    as_=st.one_of(values, halves),
    strategies=st.booleans(),
    select=st.sampled_from(["all", "max:war", "min:US"]),
    measures=st.booleans(),
    fails=failures,
    suffix=st.sampled_from([".csv", ".parquet"]),
)
def test_round_trip_restores_an_equal_result(
    cs: list[float],
    as_: list[float],
    strategies: bool,
    select: str,
    measures: bool,
    fails: pd.DataFrame,
    suffix: str,
) -> None:
    res = gt.sweep(
        SOL,
        c=cs,
        a=as_,
        strategies=strategies,
        select=select,
        measures=MEASURES if measures else None,
    )
    if len(fails):
        res = dataclasses.replace(res, failures=fails)
    back = _round_trip(res, suffix)
    _assert_same(back, res)
    assert list(back.frame["kind"].cat.categories) == list(res.frame["kind"].cat.categories)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_round_trip_of_aligned_points_and_of_an_empty_sweep(suffix: str) -> None:
    pts = gt.sweep(SOL, points=SPACE.sample(50, np.random.default_rng(1)))
    _assert_same(_round_trip(pts, suffix), pts)
    assert _round_trip(pts, suffix).shape is None
    empty = gt.sweep(SOL, c=[11, 12], a=1, outside="drop")
    assert empty.frame.empty
    _assert_same(_round_trip(empty, suffix), empty)


def test_formats_by_suffix_and_the_csv_sidecar(tmp_path: Path) -> None:
    res = gt.sweep(SOL, c=[1, 2, 4], a=[0.5, 1])
    res.to_csv(tmp_path / "r.csv")
    res.to_parquet(tmp_path / "r.parquet")
    res.write(tmp_path / "R.CSV")  # suffixes in any case
    assert gt.SweepResult.read(tmp_path / "r.csv") == res == gt.SweepResult.read(tmp_path / "R.CSV")
    assert gt.SweepResult.read(str(tmp_path / "r.parquet")) == res
    # the CSV is plain: any reader gets the frame's values without the sidecar
    plain = pd.read_csv(tmp_path / "r.csv")
    assert list(plain.columns) == list(res.frame.columns) and len(plain) == len(res.frame)
    meta = json.loads((tmp_path / "r.csv.json").read_text())
    assert meta["parameters"] == ["c", "a"] and meta["shape"] == [3, 2]
    # Parquet: the same metadata in the schema
    pq = pytest.importorskip("pyarrow.parquet")
    schema_meta = pq.read_schema(tmp_path / "r.parquet").metadata
    assert json.loads(schema_meta[b"gametheory"]) == meta


def test_equality_compares_values_and_types() -> None:
    res = gt.sweep(SOL, c=[1, 2, 4], a=1)
    assert res == gt.sweep(SOL, c=[1, 2, 4], a=1)
    assert res != gt.sweep(SOL, c=[1, 2, 5], a=1)
    changed = res.frame.assign(kind=res.frame["kind"].astype(str))
    assert res != dataclasses.replace(res, frame=changed)
    assert res != dataclasses.replace(res, n_points=4)
    assert res != "a sweep"


def test_read_and_write_errors_name_the_culprit(tmp_path: Path) -> None:
    res = gt.sweep(SOL, c=[1, 2], a=1)
    with pytest.raises(gt.GameError, match=r"suffix '\.xlsx': use \.csv or \.parquet"):
        res.write(tmp_path / "r.xlsx")
    with pytest.raises(gt.GameError, match="suffix ''"):
        gt.SweepResult.read(tmp_path / "r")
    with pytest.raises(gt.GameError, match="no file"):
        gt.SweepResult.read(tmp_path / "missing.csv")
    res.frame.to_csv(tmp_path / "plain.csv", index=False)
    with pytest.raises(gt.GameError, match=r"no metadata file .*plain\.csv\.json"):
        gt.SweepResult.read(tmp_path / "plain.csv")
    res.to_csv(tmp_path / "r.csv")
    res.frame.drop(columns="war").to_csv(tmp_path / "r.csv", index=False)  # edited afterwards
    with pytest.raises(gt.GameError, match="not those recorded in its metadata"):
        gt.SweepResult.read(tmp_path / "r.csv")
    (tmp_path / "r.csv.json").write_text('{"format": "something else"}')
    with pytest.raises(gt.GameError, match="no gametheory sweep metadata"):
        gt.SweepResult.read(tmp_path / "r.csv")
    res.to_csv(tmp_path / "v.csv")
    meta = json.loads((tmp_path / "v.csv.json").read_text())
    (tmp_path / "v.csv.json").write_text(json.dumps({**meta, "version": 99}))
    with pytest.raises(gt.GameError, match="format version 99"):
        gt.SweepResult.read(tmp_path / "v.csv")
    pytest.importorskip("pyarrow")
    res.frame.to_parquet(tmp_path / "plain.parquet")
    with pytest.raises(gt.GameError, match="not written by to_parquet"):
        gt.SweepResult.read(tmp_path / "plain.parquet")
    (tmp_path / "junk.parquet").write_text("not parquet")
    with pytest.raises(gt.GameError, match=r"cannot read .* as Parquet"):
        gt.SweepResult.read(tmp_path / "junk.parquet")


def test_unstorable_failures_leave_no_file(tmp_path: Path) -> None:
    res = gt.sweep(SOL, c=[1, 2], a=1)
    odd = pd.DataFrame({"point": [0], "error": [object()]})
    with pytest.raises(gt.GameError, match="cannot store the failures as JSON"):
        dataclasses.replace(res, failures=odd).to_csv(tmp_path / "r.csv")
    assert not list(tmp_path.iterdir())


def test_missing_optional_packages_say_which_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    res = gt.sweep(SOL, c=[1, 2], a=1)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setitem(sys.modules, "xarray", None)
    with pytest.raises(gt.GameError, match=r"need pyarrow: pip install 'crisis-gametheory\[io\]'"):
        res.to_parquet(tmp_path / "r.parquet")
    with pytest.raises(gt.GameError, match=r"needs xarray: pip install 'crisis-gametheory\[io\]'"):
        res.to_xarray()
    res.to_csv(tmp_path / "r.csv")  # CSV needs neither
    assert gt.SweepResult.read(tmp_path / "r.csv") == res


# ---------------------------------------------------------------------------- xarray


@settings(max_examples=20)
@given(cs=halves, as_=halves, select=st.sampled_from(["all", "max:war"]))
def test_to_xarray_holds_the_frames_values(cs: list[float], as_: list[float], select: str) -> None:
    pytest.importorskip("xarray")
    res = gt.sweep(SOL, c=cs, a=as_, strategies=True, select=select)
    ds = res.to_xarray()
    swept = [p for p, v in (("c", cs), ("a", as_)) if len(v) > 1]
    assert list(ds["war"].dims) == [*swept, "equilibrium"]
    assert int(ds["exists"].sum()) == len(res.frame)
    for p, v in (("c", cs), ("a", as_)):
        np.testing.assert_array_equal(np.atleast_1d(ds[p].values), v if len(v) > 1 else v[:1])
    columns = [k for k in res.frame.columns if k not in ("c", "a", "point", "equilibrium", "kind")]
    for _, row in res.frame.iterrows():
        where = {p: row[p] for p in swept} | {"equilibrium": row["equilibrium"]}
        cell = ds.sel(where)
        assert bool(cell["exists"]) and str(cell["kind"].item()) == row["kind"]
        for k in columns:
            assert float(cell[k]) == row[k]
    # NaN wherever the equilibrium does not exist
    for k in columns:
        assert bool(ds[k].isnull().equals(~ds["exists"]))


def test_to_xarray_fixed_parameters_and_errors() -> None:
    pytest.importorskip("xarray")
    ds = gt.sweep(SOL, c=np.linspace(1, 10, 10), a=1).to_xarray()
    assert dict(ds.sizes) == {"c": 10, "equilibrium": 4}
    assert float(ds["a"]) == 1.0 and ds["a"].dims == ()
    assert list(ds["kind"].values) == ["pure", "pure", "pure", "mixed"]
    # the audience trap (equilibrium 2) only where c <= a = 1
    assert list(ds["exists"].sel(equilibrium=2).values) == [True] + [False] * 9
    with pytest.raises(gt.GameError, match="needs a Cartesian grid"):
        gt.sweep(SOL, points=SPACE.sample(5, np.random.default_rng(0))).to_xarray()
    with pytest.raises(gt.GameError, match="column 'exists'"):
        gt.sweep(SOL, c=[1, 2], a=1, measures={"exists": lambda f: f["war"] > 0}).to_xarray()
    # an axis value where every point was dropped has no value to read back: NaN
    dropped = gt.sweep(SOL, c=[5, 11], a=[1, 2], outside="drop").to_xarray()
    assert np.isnan(dropped["c"].values[1]) and not dropped["exists"].isel(c=1).any()
