"""gametheory: strategic models with symbolic payoffs, solved exactly.

Define games with sympy parameters, get every equilibrium with the conditions on the parameters
under which it exists, evaluate it at a point, and check it with an independent certificate.

>>> import gametheory as gt
>>> g = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> print(gt.nash(g)[0].strategies["Row"])
{'s1': 1/2, 's2': 1/2}
"""

import importlib
import importlib.util
import sys
import types
from typing import TYPE_CHECKING, Any

from .errors import (
    BudgetExceededError,
    GambitFormatError,
    GameError,
    ImperfectRecallError,
    InvalidActionError,
    InvalidGameError,
    InvalidOptionError,
    InvalidPayoffError,
    InvalidPlayerError,
    InvalidProfileError,
    InvalidSpaceError,
    MissingParameterError,
    NotAnEquilibriumError,
    OutsideSpaceError,
    UnknownParameterError,
    UnsupportedGameError,
)

if TYPE_CHECKING:
    from . import claims
    from .beliefs import BeliefSet
    from .claims import monotone, needed_assumptions, verify, war
    from .compare import Comparison, PairDifference, SolutionComparison, compare
    from .diagnostics import (
        Caveat,
        ConstantSum,
        Diagnostic,
        Eliminated,
        Limit,
        Merged,
        NoOptimum,
        NumericFallback,
        Refined,
        Searched,
        Tie,
        Undecided,
    )
    from .distributions import Distribution, Uniform
    from .equilibrium import Equilibrium, Removal, Solution
    from .games import (
        Chance,
        ContinuousChance,
        ContinuousDecision,
        Decision,
        ExtensiveGame,
        NormalFormGame,
        Outcome,
        SignalingGame,
    )
    from .io import read_gambit
    from .minmax import MinmaxResult, minmax
    from .model import Model, load_model
    from .params import ParameterSpace
    from .payoff_region import PayoffRegion, folk_region
    from .repeated import Automaton, InvalidAutomatonError, RepeatedGame
    from .report import model_report
    from .solvers import nash, pbe, solve, spe
    from .solvers.qre import QRE, QREBranch, qre, qre_branch
    from .sweeps import ProcessPool, Select, SweepResult, sweep, sweep_game, sweep_solution
    from .thresholds import Threshold, thresholds

# Imported on first use (PEP 562), so that `import gametheory` stays light (issue 16, item 6): the
# errors above are all it loads.  Public name -> the module defining it, one entry per line,
# sorted; a name in _MODULES is the module itself.
_LAZY = {
    "Automaton": ".repeated",
    "BeliefSet": ".beliefs",
    "Caveat": ".diagnostics",
    "Chance": ".games",
    "Comparison": ".compare",
    "ConstantSum": ".diagnostics",
    "ContinuousChance": ".games",
    "ContinuousDecision": ".games",
    "Decision": ".games",
    "Diagnostic": ".diagnostics",
    "Distribution": ".distributions",
    "Eliminated": ".diagnostics",
    "Equilibrium": ".equilibrium",
    "ExtensiveGame": ".games",
    "InvalidAutomatonError": ".repeated",
    "Limit": ".diagnostics",
    "Merged": ".diagnostics",
    "MinmaxResult": ".minmax",
    "Model": ".model",
    "NoOptimum": ".diagnostics",
    "NormalFormGame": ".games",
    "NumericFallback": ".diagnostics",
    "Outcome": ".games",
    "PairDifference": ".compare",
    "ParameterSpace": ".params",
    "PayoffRegion": ".payoff_region",
    "ProcessPool": ".sweeps",
    "QRE": ".solvers.qre",
    "QREBranch": ".solvers.qre",
    "Refined": ".diagnostics",
    "Removal": ".equilibrium",
    "RepeatedGame": ".repeated",
    "Searched": ".diagnostics",
    "Select": ".sweeps",
    "SignalingGame": ".games",
    "Solution": ".equilibrium",
    "SolutionComparison": ".compare",
    "SweepResult": ".sweeps",
    "Threshold": ".thresholds",
    "Tie": ".diagnostics",
    "Undecided": ".diagnostics",
    "Uniform": ".distributions",
    "claims": ".claims",
    "compare": ".compare",
    "folk_region": ".payoff_region",
    "load_model": ".model",
    "minmax": ".minmax",
    "model_report": ".report",
    "monotone": ".claims",
    "nash": ".solvers",
    "needed_assumptions": ".claims",
    "pbe": ".solvers",
    "qre": ".solvers.qre",
    "qre_branch": ".solvers.qre",
    "read_gambit": ".io",
    "solve": ".solvers",
    "spe": ".solvers",
    "sweep": ".sweeps",
    "sweep_game": ".sweeps",
    "sweep_solution": ".sweeps",
    "thresholds": ".thresholds",
    "verify": ".claims",
    "war": ".claims",
}
_MODULES = frozenset({"claims"})
# Submodules named like the public function they define: the function keeps the name.
_SHADOWED = frozenset({"compare", "minmax", "thresholds"})


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        # a submodule, as `gt.latex` or `gt.games.tree` found it when everything loaded eagerly
        if name.startswith("__") or importlib.util.find_spec(f"{__name__}.{name}") is None:
            raise AttributeError(f"module 'gametheory' has no attribute {name!r}")
        return importlib.import_module(f"{__name__}.{name}")  # the import binds it here
    loaded = importlib.import_module(module, __name__)
    value = loaded if name in _MODULES else getattr(loaded, name)
    globals()[name] = value  # later look-ups skip this hook
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(types.ModuleType):
    """The package's module type: the import system binds a loaded submodule to its package's
    attribute, which would hide the public function of the same name (``gametheory.compare``,
    ``minmax``, ``thresholds``); the function is bound instead, as an eager
    ``from .compare import compare`` did."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__version__ = "0.1.0"

__all__ = [
    "QRE",
    "Automaton",
    "BeliefSet",
    "BudgetExceededError",
    "Caveat",
    "Chance",
    "Comparison",
    "ConstantSum",
    "ContinuousChance",
    "ContinuousDecision",
    "Decision",
    "Diagnostic",
    "Distribution",
    "Eliminated",
    "Equilibrium",
    "ExtensiveGame",
    "GambitFormatError",
    "GameError",
    "ImperfectRecallError",
    "InvalidActionError",
    "InvalidAutomatonError",
    "InvalidGameError",
    "InvalidOptionError",
    "InvalidPayoffError",
    "InvalidPlayerError",
    "InvalidProfileError",
    "InvalidSpaceError",
    "Limit",
    "Merged",
    "MinmaxResult",
    "MissingParameterError",
    "Model",
    "NoOptimum",
    "NormalFormGame",
    "NotAnEquilibriumError",
    "NumericFallback",
    "Outcome",
    "OutsideSpaceError",
    "PairDifference",
    "ParameterSpace",
    "PayoffRegion",
    "ProcessPool",
    "QREBranch",
    "Refined",
    "Removal",
    "RepeatedGame",
    "Searched",
    "Select",
    "SignalingGame",
    "Solution",
    "SolutionComparison",
    "SweepResult",
    "Threshold",
    "Tie",
    "Undecided",
    "Uniform",
    "UnknownParameterError",
    "UnsupportedGameError",
    "__version__",
    "claims",
    "compare",
    "folk_region",
    "load_model",
    "minmax",
    "model_report",
    "monotone",
    "nash",
    "needed_assumptions",
    "pbe",
    "qre",
    "qre_branch",
    "read_gambit",
    "solve",
    "spe",
    "sweep",
    "sweep_game",
    "sweep_solution",
    "thresholds",
    "verify",
    "war",
]
