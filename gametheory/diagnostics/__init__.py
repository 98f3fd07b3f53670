"""Diagnostics: what a solver noticed, as typed values rather than free text.

Each diagnostic is a frozen, hashable dataclass whose ``str`` is the sentence a solution prints
for it (``note: ...`` or ``incomplete: ...``).  A :class:`~gametheory.Solution` keeps them in
``diagnostics``; its ``notes`` and ``incomplete`` are rendered from them (plus any plain
sentences a caller passed), so code asks ``any(isinstance(d, Tie) for d in sol.diagnostics)``
instead of searching the text.

=====================  ====================================================================
type                   what it records
=====================  ====================================================================
:class:`Tie`           a player indifferent between choices (at the root, on a tie boundary
                       of the parameters, over an interval of a continuous choice)
:class:`Merged`        choices grouped into one listed equilibrium (from ``eq.equivalent``)
:class:`Undecided`     candidate equilibria whose region could not be decided
:class:`NumericFallback`  an optimum found numerically where no exact solution exists
:class:`NoOptimum`     a continuous choice whose supremum no choice attains
:class:`Caveat`        what the answer means or leaves out (no perfect recall, a narrowed
                       space, arbitrary play off the path, a subgame not fully listed)
:class:`ConstantSum`   a constant-sum tree and its value
:class:`Searched`      how many support shapes a search solved and pruned
:class:`Refined`       a refinement applied (the intuitive criterion, D1)
:class:`Eliminated`    an equilibrium a refinement removed or narrowed
:class:`Limit`         why a solution is incomplete (a budget, a size cap, an undecided space,
                       unenumerated ties, unresolved supports, ...)
=====================  ====================================================================

Diagnostics convert to and from JSON-ready dicts (:func:`diagnostics_to_json`,
:func:`diagnostics_from_json`).

Examples
--------
>>> import sympy as sp
>>> import gametheory as gt
>>> p = sp.Symbol("p", positive=True)
>>> coin = gt.Chance({"h": (p, gt.Outcome(A=1, B=0)), "t": (p, gt.Outcome(A=0, B=1))})
>>> sol = gt.spe(gt.ExtensiveGame(coin, players=["A", "B"]))
>>> (d,) = sol.diagnostics
>>> d.kind, d.equalities
('narrowed', (Eq(2*p, 1),))
>>> sol.notes == (str(d),)
True
"""

from __future__ import annotations

from typing import Any

from ._caveats import Caveat, Eliminated, Limit, Refined
from ._json import from_json, to_json
from ._solving import ConstantSum, Merged, NoOptimum, NumericFallback, Searched, Tie, Undecided

__all__ = [
    "Caveat",
    "ConstantSum",
    "Diagnostic",
    "Eliminated",
    "Limit",
    "Merged",
    "NoOptimum",
    "NumericFallback",
    "Refined",
    "Searched",
    "Tie",
    "Undecided",
    "diagnostics_from_json",
    "diagnostics_to_json",
]

Diagnostic = (
    Tie
    | Merged
    | Undecided
    | NumericFallback
    | NoOptimum
    | Caveat
    | ConstantSum
    | Searched
    | Refined
    | Eliminated
    | Limit
)
"""Any diagnostic."""

_TYPES: tuple[type, ...] = (
    Tie,
    Merged,
    Undecided,
    NumericFallback,
    NoOptimum,
    Caveat,
    ConstantSum,
    Searched,
    Refined,
    Eliminated,
    Limit,
)


def diagnostics_to_json(diagnostics: tuple[Diagnostic, ...]) -> list[dict[str, Any]]:
    """The diagnostics as JSON-ready dicts (``{"type": name, field: value, ...}``; sympy values
    as their ``srepr``)."""
    return to_json(diagnostics)


def diagnostics_from_json(data: list[dict[str, Any]]) -> tuple[Diagnostic, ...]:
    """The diagnostics :func:`diagnostics_to_json` wrote, equal to the originals.

    Sympy values are rebuilt with ``sympify``, which evaluates their text: load only data you
    or your own code wrote."""
    return from_json(data, _TYPES)
