"""Model files: ``gt.load_model("models/crisis_chicken.py")`` loads one as a :class:`Model`,
:func:`load_module` imports one as a module.  The one loader of model files (the
``gametheory`` command uses it too)."""

from __future__ import annotations

import importlib.util
import sys
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from ._frozen import FrozenDict
from .equilibrium import Solution
from .errors import GameError
from .games import ExtensiveGame, NormalFormGame, SignalingGame
from .params import ParameterSpace
from .solvers import solve

__all__ = ["Model", "load_model", "load_module"]

GAMES = (NormalFormGame, ExtensiveGame, SignalingGame)


@dataclass(frozen=True)
class Model:
    """A model file, loaded: its game, space, scenarios and solution function.

    Attributes
    ----------
    game
        The module-level ``game``.
    space
        The module-level ``space`` (a :class:`~gametheory.ParameterSpace`).
    scenarios
        The module-level ``scenarios``, ``{name: point}`` (empty if the file has none).
    solution
        The module-level ``solution`` function (no arguments, returns the model's
        :class:`~gametheory.Solution`), or ``None`` if the file defines none.  Not called
        while loading.
    module
        The imported module, for anything else the file defines (``build``, ``chain``, ...).
    path
        The file's path.
    """

    game: Any
    space: ParameterSpace
    scenarios: Mapping[str, Mapping[str, Any]]
    solution: Callable[[], Solution] | None
    module: ModuleType = field(repr=False, compare=False)
    path: Path

    @property
    def name(self) -> str:
        """The file's name without ``.py`` (``"crisis_chicken"``)."""
        return self.path.stem

    def solve(self) -> Solution:
        """The model's solution: its ``solution()`` if it defines one, else
        ``gt.solve(game, space=space)`` (as ``gametheory run`` does)."""
        if self.solution is not None:
            sol = self.solution()
            if not isinstance(sol, Solution):
                raise GameError(
                    f"solution() of model {str(self.path)!r} returned {type(sol).__name__}, "
                    "not a Solution"
                )
            return sol
        return solve(self.game, space=self.space)

    def __repr__(self) -> str:
        return f"<Model {self.name}: {self.game!r}, {len(self.scenarios)} scenarios>"


def load_model(path: str | Path) -> Model:
    """Load a model file without running its ``main()`` (nor solving anything).

    The file is imported as a module (:func:`load_module`); it must define a
    module-level ``game`` (a normal-form, extensive or signalling game) and ``space`` (a
    :class:`~gametheory.ParameterSpace`), and may define ``scenarios`` (``{name: point}``) and
    ``solution()``.

    Raises
    ------
    GameError
        The file does not exist or cannot be imported as Python; ``game`` or ``space`` is
        missing or of the wrong type; ``scenarios`` is not a mapping; ``solution`` is not
        callable.

    Examples
    --------
    From the repository's root:

    >>> import gametheory as gt
    >>> model = gt.load_model("models/crisis_chicken.py")
    >>> model.name, sorted(model.scenarios)
    ('crisis_chicken', ['audience_trap', 'boundary', 'jan2020'])
    >>> len(model.solve().at(model.scenarios["jan2020"]))
    3
    """
    p = Path(path)
    module = load_module(p)
    where = f"model file {str(p)!r}"
    game, space = module.game, module.space
    if not isinstance(game, GAMES):
        raise GameError(
            f"{where}: game is of type {type(game).__name__}, not a NormalFormGame, ExtensiveGame "
            "or SignalingGame"
        )
    if not isinstance(space, ParameterSpace):
        raise GameError(f"{where}: space is of type {type(space).__name__}, not a ParameterSpace")
    scenarios = getattr(module, "scenarios", {})
    if not isinstance(scenarios, Mapping):
        raise GameError(
            f"{where}: scenarios is of type {type(scenarios).__name__}, not a mapping name -> point"
        )
    solution = getattr(module, "solution", None)
    if solution is not None and not callable(solution):
        raise GameError(
            f"{where}: solution is of type {type(solution).__name__}, not a function returning the "
            "Solution"
        )
    return Model(
        game=game,
        space=space,
        scenarios=FrozenDict(
            {str(k): FrozenDict(v) if isinstance(v, Mapping) else v for k, v in scenarios.items()}
        ),
        solution=solution,
        module=module,
        path=p,
    )


def load_module(path: str | Path) -> ModuleType:
    """Import a model file by path without running its ``main()``: the module itself, for
    research code that uses what else the file defines (:func:`load_model` wraps it in a
    :class:`Model`).

    Raises
    ------
    GameError
        The path is missing, a directory or not a ``.py`` file; the file's own code raised
        while loading (the message names the file, the line and the exception, which is chained
        as the cause); or it defines no module-level ``game`` or ``space``.
    """
    p = Path(path)
    if p.is_dir():
        raise GameError(f"model file {str(p)!r} is a directory, not a Python file")
    if not p.is_file():
        raise GameError(f"model file {str(p)!r} does not exist")
    name = f"gametheory_model_{p.stem}"
    spec = importlib.util.spec_from_file_location(name, p)
    if spec is None or spec.loader is None:
        raise GameError(f"model file {str(p)!r} is not a Python file (a model file ends in .py)")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the model's own code: one sentence naming the file and line
        sys.modules.pop(name, None)
        raise GameError(
            f"model file {str(p)!r} failed to load{_line_of(exc, p)}: {type(exc).__name__}: "
            f"{_first_line(exc)} (run it with python for the traceback)"
        ) from exc
    for attr in ("game", "space"):
        if not hasattr(module, attr):
            raise GameError(f"model file {str(p)!r} defines no module-level {attr!r}")
    return module


def _line_of(exc: BaseException, path: Path) -> str:
    """``" at line N"``: the deepest line of ``path`` where ``exc`` was raised, if any."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return f" at line {exc.lineno}"
    target = path.resolve()
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f.lineno for f in frames if Path(f.filename).resolve() == target]
    return f" at line {lines[-1]}" if lines and lines[-1] else ""


def _first_line(exc: BaseException) -> str:
    text = str(exc.msg if isinstance(exc, SyntaxError) else exc).strip()
    first = text.splitlines()[0] if text else "(no message)"
    return first if len(first) <= 200 else first[:197] + "..."
