"""gametheory: strategic models with symbolic payoffs, solved exactly.

Define games with sympy parameters, get every equilibrium with the conditions on the parameters
under which it exists, evaluate it at a point, and check it with an independent certificate.

>>> import gametheory as gt
>>> g = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> print(gt.nash(g)[0].strategies["Row"])
{'s1': 1/2, 's2': 1/2}
"""

import importlib
from typing import TYPE_CHECKING, Any

from . import (
    claims,
    present,  # noqa: F401  (fills the presentation registry before any call)
)
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
from .thresholds import Threshold, thresholds

if TYPE_CHECKING:
    from .sweeps import Select, SweepResult, sweep, sweep_game, sweep_solution

# Imported on first use (PEP 562), so that `import gametheory` does not load pandas: public
# name -> the module defining it (never a name that is also a submodule's, like `compare`).
_LAZY = {
    "Select": ".sweeps",
    "SweepResult": ".sweeps",
    "sweep": ".sweeps",
    "sweep_game": ".sweeps",
    "sweep_solution": ".sweeps",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gametheory' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this hook
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
