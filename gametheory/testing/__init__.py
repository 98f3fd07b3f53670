"""Testing tools: an independent equilibrium certificate and hypothesis strategies.

``assert_equilibrium`` checks a profile by regret (the best gain any player can get by a pure
deviation) without calling any solver.  The hypothesis strategies live in
:mod:`gametheory.testing.strategies` (``from gametheory.testing import strategies as gst``) and
need the ``test`` extra.
"""

from ._certificate import assert_equilibrium, regret
from ._profiles import register_profiles

__all__ = ["assert_equilibrium", "register_profiles", "regret"]
