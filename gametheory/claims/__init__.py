"""Claims about models: proved where decidable, else searched down to a simple counterexample.

>>> import sympy as sp, gametheory as gt
>>> c = sp.Symbol("c", positive=True)
>>> g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[1, 0], [0, c]])
>>> sol = gt.nash(g, gt.ParameterSpace({c: (1, 4)}))
>>> gt.verify(gt.claims.payoff("Row") >= 0, sol).status
'proved'
"""

from ._vocabulary import ClaimError, outcome, payoff, prob, war
from .assumptions import AssumptionCheck, monotone, needed_assumptions
from .verify import Verdict, verify

__all__ = [
    "AssumptionCheck",
    "ClaimError",
    "Verdict",
    "monotone",
    "needed_assumptions",
    "outcome",
    "payoff",
    "prob",
    "verify",
    "war",
]
