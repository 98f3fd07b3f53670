"""The ``gametheory`` command."""

from __future__ import annotations

from pathlib import Path

import pytest

from gametheory.cli import main

MODEL = str(Path(__file__).resolve().parent.parent / "models" / "crisis_chicken.py")


def test_run_prints_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", MODEL]) == 0
    out = capsys.readouterr().out
    assert "Equilibria (conditions on the parameters)" in out and "Scenario 'jan2020'" in out


def test_run_at_a_point(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", MODEL, "--at", "c=10", "a=1"]) == 0
    out = capsys.readouterr().out
    assert "Equilibria at c=10, a=1" in out and "P(war) = 1/100" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "nope.py"], "does not exist"),
        (["run", MODEL, "--at", "c=10"], "no value given for parameter(s): a"),
        (["run", MODEL, "--at", "c=10", "a=1", "z=2"], "unknown parameter z"),
        (["run", MODEL, "--at", "c=11", "a=1"], "outside its interval"),
        (["run", MODEL, "--at", "c"], "NAME=VALUE"),
        (["run", MODEL, "--at", "c=ten", "a=1"], "not a number"),
    ],
)
def test_errors_are_reported_not_raised(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert message in capsys.readouterr().err
