"""Testing tools: an independent equilibrium certificate and hypothesis strategies.

``assert_equilibrium`` checks a profile by regret (the best gain any player can get by a pure
deviation) without calling any solver; ``assert_pbe`` / ``pbe_violations`` check an assessment
(behaviour strategies and beliefs) of a game tree against the definition of a perfect Bayesian
equilibrium, also without a solver; ``assert_spe`` / ``spe_violations`` check a subgame-perfect
equilibrium (finite trees exactly, continuous choices and continuous types on grids);
``assert_claim`` turns a claim about a model (:func:`gametheory.verify`) into a test whose failure shows the shrunk counterexample.  The hypothesis strategies live in
:mod:`gametheory.testing.strategies` (``from gametheory.testing import strategies as gst``) and
need the ``test`` extra.
"""

from ._certificate import assert_equilibrium, regret
from ._claims import assert_claim
from ._pbe_check import assert_pbe, pbe_violations
from ._profiles import register_profiles
from ._random import random_signalling_game
from ._spe_check import assert_spe, spe_violations

__all__ = [
    "assert_claim",
    "assert_equilibrium",
    "assert_pbe",
    "assert_spe",
    "pbe_violations",
    "random_signalling_game",
    "register_profiles",
    "regret",
    "spe_violations",
]
