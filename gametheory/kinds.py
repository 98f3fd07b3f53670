"""The closed vocabularies of results and options, each a ``Literal`` type defined once here:
equilibrium kinds, solution concepts, refinements and verdict statuses, with the one check that
public functions and constructors apply at the boundary (:func:`check_choice`).

>>> import gametheory as gt
>>> from gametheory.kinds import REFINEMENTS, check_choice
>>> check_choice("D1", REFINEMENTS, "refine")
'D1'
>>> check_choice("intuitve", REFINEMENTS, "refine")
Traceback (most recent call last):
...
gametheory.errors.InvalidOptionError: refine must be one of 'intuitive', 'D1'; got 'intuitve' (did you mean 'intuitive'?)
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Literal, TypeVar, get_args

from .errors import GameError, InvalidOptionError

__all__ = [
    "BASE_CONCEPTS",
    "CONCEPTS",
    "KINDS",
    "REFINED_CONCEPT",
    "REFINEMENTS",
    "VERDICT_STATUSES",
    "BaseConcept",
    "Concept",
    "Kind",
    "Refinement",
    "VerdictStatus",
    "base_concept",
    "check_choice",
]

Kind = Literal["pure", "mixed", "pooling", "separating", "partially pooling", "semi-separating"]
"""``Equilibrium.kind``: pure or mixed; for a sender who knows its type (perfect Bayesian
equilibria), pooling, separating, partially pooling (some types pool, others separate, all
pure) or semi-separating (some type mixes)."""

BaseConcept = Literal["nash", "spe", "pbe"]
"""The solution concepts: Nash, subgame-perfect and perfect Bayesian equilibrium."""

Concept = Literal["nash", "spe", "pbe", "pbe (intuitive)", "pbe (D1)"]
"""``Solution.concept``: a base concept, or a perfect Bayesian one refined by a criterion."""

Refinement = Literal["intuitive", "D1"]
"""``gt.pbe(..., refine=...)``: the Cho–Kreps intuitive criterion or D1."""

VerdictStatus = Literal["proved", "refuted", "not refuted", "vacuous"]
"""``gt.verify(...).status``."""

KINDS: tuple[Kind, ...] = get_args(Kind)
BASE_CONCEPTS: tuple[BaseConcept, ...] = get_args(BaseConcept)
CONCEPTS: tuple[Concept, ...] = get_args(Concept)
REFINEMENTS: tuple[Refinement, ...] = get_args(Refinement)
VERDICT_STATUSES: tuple[VerdictStatus, ...] = get_args(VerdictStatus)

REFINED_CONCEPT: dict[Refinement, Concept] = {"intuitive": "pbe (intuitive)", "D1": "pbe (D1)"}
"""The concept of a perfect Bayesian solution refined by each criterion."""

T = TypeVar("T", bound=str)


def base_concept(concept: Concept) -> BaseConcept:
    """The base concept of a (possibly refined) one: ``"pbe (D1)"`` is ``"pbe"``.

    >>> base_concept("pbe (D1)"), base_concept("nash")
    ('pbe', 'nash')
    """
    return "pbe" if concept.startswith("pbe") else concept  # type: ignore[return-value]


def check_choice(
    value: object,
    allowed: Sequence[T],
    what: str,
    error: type[GameError] = InvalidOptionError,
) -> T:
    """``value`` if it is one of ``allowed``, else ``error`` naming ``what``, the value, the
    allowed ones and the closest of them (a typo's likely meaning)."""
    if isinstance(value, str) and value in allowed:
        return value  # type: ignore[return-value]
    listed = ", ".join(repr(a) for a in allowed)
    close = difflib.get_close_matches(value, allowed, n=1) if isinstance(value, str) else []
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise error(f"{what} must be one of {listed}; got {value!r}{hint}")
