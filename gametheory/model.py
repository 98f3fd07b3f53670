"""Model files as objects for research code: ``gt.load_model("models/crisis_chicken.py")``."""

from __future__ import annotations

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

__all__ = ["Model", "load_model"]

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
        from .solvers import solve

        return solve(self.game, space=self.space)

    def __repr__(self) -> str:
        return f"<Model {self.name}: {self.game!r}, {len(self.scenarios)} scenarios>"


def load_model(path: str | Path) -> Model:
    """Load a model file without running its ``main()`` (nor solving anything).

    The file is imported as a module (:func:`gametheory.cli.load_module`); it must define a
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
    from .cli import load_module

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
