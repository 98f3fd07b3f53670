"""``gametheory sweep``: a model's solution over a grid; summary, measures, --out and --plot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import gametheory as gt
from gametheory.cli import main

from . import solved

ROOT = Path(__file__).resolve().parent.parent
MODEL = str(ROOT / "models" / "crisis_chicken.py")
GRID = ["c=0.5:10:5", "a=0:5:3"]


@pytest.fixture(scope="module")
def direct() -> gt.SweepResult:
    """The same sweep through the Python API."""
    return gt.sweep(
        solved.solution("crisis_chicken"), c=np.linspace(0.5, 10, 5), a=np.linspace(0, 5, 3)
    )


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_sweep_prints_the_summary_and_writes_the_files(
    suffix: str, direct: gt.SweepResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    pytest.importorskip("matplotlib")
    out, png = tmp_path / f"result{suffix}", tmp_path / "result.png"
    argv = ["sweep", MODEL, *GRID, "--measure", "war", "--measure", "US"]
    assert main([*argv, "--out", str(out), "--plot", str(png)]) == 0
    text = capsys.readouterr().out
    assert "over 15 points: c 0.5 to 10 (5 values), a 0 to 5 (3 values)" in text
    assert "Share of the grid where each equilibrium exists:" in text
    assert direct.summary().to_string() in text
    war = direct.frame.groupby("equilibrium")["war"].agg(["min", "mean", "max"])
    assert "war (min / mean / max" in text and war.to_string() in text
    assert "US (min / mean / max" in text
    assert gt.SweepResult.read(out) == direct
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 1000


def test_one_swept_parameter_plots_the_measure_and_fixed_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "war.png"
    assert main(["sweep", MODEL, "c=1:10:10", "a=1/2", "--measure", "war", "--plot", str(png)]) == 0
    assert "c 1 to 10 (10 values), a = 0.5" in capsys.readouterr().out
    assert png.stat().st_size > 1000


def test_select_and_outside_pass_through(tmp_path: Path) -> None:
    out = tmp_path / "worst.csv"
    argv = ["sweep", MODEL, "c=0:10:11", "a=1", "--select", "max:war", "--outside", "drop"]
    assert main([*argv, "--out", str(out)]) == 0
    res = gt.SweepResult.read(out)
    assert res.n_points == 11 and len(res.frame) == 10  # c = 0 dropped; one row per point
    assert res.frame["point"].is_unique


def test_the_command_runs_as_a_program() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run(
        [sys.executable, "-m", "gametheory.cli", "sweep", MODEL, "c=1:2:2", "a=1"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ok.returncode == 0 and "Share of the grid" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "gametheory.cli", "sweep", MODEL, "c=1:2", "a=1"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("gametheory: error: in 'c=1:2': use START:STOP:NUM")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["c=0:10"], "in 'c=0:10': use START:STOP:NUM", id="two-parts"),
        pytest.param(["c=0:10:5:1"], "use START:STOP:NUM", id="four-parts"),
        pytest.param(["c=x:10:5", "a=1"], "'x' is not a number", id="not-a-number"),
        pytest.param(["c=1/0", "a=1"], "'1/0' divides by zero", id="division-by-zero"),
        pytest.param(["c=0:10:2.5", "a=1"], "NUM must be a positive whole number", id="num-float"),
        pytest.param(["c=0:10:0", "a=1"], "NUM must be a positive whole number", id="num-zero"),
        pytest.param(["c", "a=1"], "NAME=START:STOP:NUM or NAME=VALUE, got 'c'", id="no-equals"),
        pytest.param(["c=1", "a="], "got 'a='", id="no-value"),
        pytest.param(["c=1", "a=1", "z=2"], "unknown parameter z in 'z=2'", id="unknown"),
        pytest.param(["c=1", "c=2", "a=1"], "parameter c is given twice", id="twice"),
        pytest.param(["c=0:10:5"], "no values given for parameter(s): a", id="missing"),
        pytest.param(["c=1:10:5", "a=11"], "outside the space", id="outside"),
        pytest.param(["c=0:10:5", "a=1"], "on the command line: --outside drop", id="outside-hint"),
        pytest.param(["c=1", "a=1", "--measure", "peace"], "no measure 'peace'", id="measure"),
        pytest.param(["c=1", "a=1", "--select", "max:peace"], "unknown column", id="select"),
        pytest.param(["c=1", "a=1", "--out", "r.xlsx"], "suffix '.xlsx'", id="out-suffix"),
        pytest.param(["c=1:2:2", "a=1", "--plot", "r.gif"], "not '.gif'", id="plot-suffix"),
        pytest.param(["c=1", "a=1", "--plot", "r.png"], "swept here: none", id="plot-none"),
        pytest.param(["c=1:2:2", "a=1", "--plot", "r.png"], "needs --measure", id="plot-measure"),
    ],
)
def test_errors_are_reported_not_raised(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sweep", MODEL, *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gametheory: error: ") and message in err


def test_a_missing_model_file() -> None:
    assert main(["sweep", "nope.py", "c=1", "a=1"]) == 2
