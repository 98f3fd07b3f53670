"""Regions: conditions on the parameters, simplified under a parameter space.

A region is a conjunction of atoms ``f(θ) op 0`` (``op`` one of ``>=``, ``>``, ``==``, ``!=``,
``f`` a rational function of the parameters).  Solvers build atoms with :func:`atom` (or pass
sympy relations), and call :func:`reduce` to drop what the space implies, decide emptiness and
find an exact witness point.  :func:`compile_atoms` evaluates atoms over large grids.

Exactness: ``"empty"`` is reported only with a proof (interval arithmetic in rationals, an exact
LP certificate, or an interval branch-and-bound), ``"nonempty"`` only with a rational witness
checked exactly against every atom and the space.  Anything else is ``"unknown"``.
"""

from ..params import decide_constraints_with
from ._atoms import FALSE, OPS, TRUE, Atom, ConditionError, Op
from ._compile import CompiledAtoms, atoms_hold, compile_atoms
from ._region import Region, Status, atom, implied, reduce, simplify_condition
from ._region import constraints_status as _constraints_status

decide_constraints_with(_constraints_status)  # spaces decide their constraints with reduce

__all__ = [
    "FALSE",
    "OPS",
    "TRUE",
    "Atom",
    "CompiledAtoms",
    "ConditionError",
    "Op",
    "Region",
    "Status",
    "atom",
    "atoms_hold",
    "compile_atoms",
    "implied",
    "reduce",
    "simplify_condition",
]
