"""``gt.load_model``: model files as objects, loaded without running main() or solving."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import ModuleType

import pytest

import gametheory as gt
import gametheory.solvers as solvers

ROOT = Path(__file__).resolve().parent.parent
MODELS = sorted(p for p in (ROOT / "models").glob("*.py") if not p.name.startswith("_"))


@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_every_model_loads_without_running_or_solving(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Loading is an import: main() does not run (nothing printed) and nothing is solved (the
    solvers would raise), so it takes well under a second."""

    def refuse(*args: object, **kw: object) -> None:
        raise AssertionError("a solver ran while loading the model")

    for name in ("solve", "nash", "spe", "pbe"):
        monkeypatch.setattr(gt, name, refuse)
        monkeypatch.setattr(solvers, name, refuse)
    model = gt.load_model(path)
    assert capsys.readouterr().out == ""
    assert isinstance(model.game, gt.NormalFormGame | gt.ExtensiveGame | gt.SignalingGame)
    assert isinstance(model.space, gt.ParameterSpace)
    assert model.scenarios and all(model.space.contains(pt) for pt in model.scenarios.values())
    assert model.solution is None or callable(model.solution)
    assert isinstance(model.module, ModuleType) and model.module.game is model.game
    assert model.path == path and model.name == path.stem
    assert model.name in repr(model)
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.game = None  # type: ignore[misc]


def test_solve_uses_the_model_solution() -> None:
    model = gt.load_model(str(ROOT / "models" / "crisis_chicken.py"))  # a str works too
    sol = model.solve()
    assert [eq.key() for eq in sol] == [eq.key() for eq in model.module.solution()]
    jan = sol.at(model.scenarios["jan2020"])
    assert len(jan) == 3


def test_solve_without_a_solution_function(tmp_path: Path) -> None:
    path = tmp_path / "tiny.py"
    path.write_text(
        "import gametheory as gt\n"
        "game = gt.NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])\n"
        "space = game.default_space()\n"
    )
    model = gt.load_model(path)
    assert model.solution is None and dict(model.scenarios) == {}
    assert len(model.solve()) == 3  # gt.solve(game, space): two pure, one mixed


@pytest.mark.parametrize(
    ("source", "message"),
    [
        pytest.param("space = None\n", "defines no module-level 'game'", id="no-game"),
        pytest.param(
            "import gametheory as gt\ngame = gt.NormalFormGame.from_matrices([[1]], [[1]])\n",
            "defines no module-level 'space'",
            id="no-space",
        ),
        pytest.param("game = 1\nspace = 2\n", "game is of type int, not a", id="bad-game"),
        pytest.param(
            "import gametheory as gt\ngame = gt.NormalFormGame.from_matrices([[1]], [[1]])\n"
            "space = {}\n",
            "space is of type dict, not a ParameterSpace",
            id="bad-space",
        ),
        pytest.param(
            "import gametheory as gt\ngame = gt.NormalFormGame.from_matrices([[1]], [[1]])\n"
            "space = game.default_space()\nscenarios = [1]\n",
            "scenarios is of type list",
            id="bad-scenarios",
        ),
        pytest.param(
            "import gametheory as gt\ngame = gt.NormalFormGame.from_matrices([[1]], [[1]])\n"
            "space = game.default_space()\nsolution = 3\n",
            "solution is of type int, not a function",
            id="bad-solution",
        ),
    ],
)
def test_bad_model_files(tmp_path: Path, source: str, message: str) -> None:
    path = tmp_path / "bad.py"
    path.write_text(source)
    with pytest.raises(gt.GameError, match=message) as info:
        gt.load_model(path)
    assert "bad.py" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(gt.GameError, match="does not exist"):
        gt.load_model(tmp_path / "nowhere.py")
    with pytest.raises(gt.GameError, match="is a directory, not a Python file"):
        gt.load_model(tmp_path)  # a directory is not a model file


def test_solution_must_return_a_solution(tmp_path: Path) -> None:
    path = tmp_path / "wrong.py"
    path.write_text(
        "import gametheory as gt\ngame = gt.NormalFormGame.from_matrices([[1]], [[1]])\n"
        "space = game.default_space()\ndef solution():\n    return 42\n"
    )
    with pytest.raises(gt.GameError, match="returned int, not a Solution"):
        gt.load_model(path).solve()
