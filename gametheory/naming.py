"""Names a reader gives equilibria: "US escalate, Iran hold", "war", "mixed: US hold/escalate".

Phase diagrams (:meth:`gametheory.SweepResult.plot`) label their regions with these names.
An equilibrium is named, in order of preference, by

1. the outcome it reaches for sure, when the modeller labelled that outcome (``"war"``;
   a perfect Bayesian equilibrium's kind first: ``"pooling: absorbed"``);
2. its pure profile, in a normal-form game (``"US escalate, Iran hold"``);
3. in a tree, the outcome it reaches for sure, labelled or not (``"end:retaliate/accept"``),
   else its kind and the outcomes it may reach (``"mixed: war or status quo"``);
4. in a normal-form game, its kind and a short summary of each player's support
   (``"mixed: US hold/escalate, Iran hold/escalate"``).

:func:`equilibrium_names` names every equilibrium of a solution and keeps names apart: two
equilibria that play differently never share a name (the later one gets ``#<index>``); pieces
of one equilibrium that the solver split by region (same strategies, different conditions) keep
one name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import sympy as sp

from .equilibrium import Equilibrium, Solution
from .errors import GameError
from .games.normal_form import NormalFormGame
from .games.outcome_labels import is_leaf_default, profile_label

__all__ = [
    "equilibrium_name",
    "equilibrium_names",
    "pure_profile",
    "strategy_summary",
    "sure_outcome",
]

# summaries list at most this many players / information sets
_SHOWN = 3


def _is_one(q: object) -> bool:
    try:
        return bool(sp.sympify(q) == 1)
    except (sp.SympifyError, TypeError):
        return False


def _is_zero(q: object) -> bool:
    try:
        return bool(sp.sympify(q) == 0)
    except (sp.SympifyError, TypeError):
        return False


def pure_profile(eq: Equilibrium) -> str | None:
    """``"US escalate, Iran hold"`` when every player (or information set) plays one action
    for sure, else ``None``.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                     players=("Row", "Col"), actions=(("C", "D"), ("C", "D")))
    >>> pure_profile(gt.nash(g)[0])
    'Row D, Col D'
    """
    chosen = []
    for who, s in eq.strategies.items():
        if not isinstance(s, Mapping):
            return None  # a rule in a continuous variable
        action = next((a for a, q in s.items() if _is_one(q)), None)
        if action is None:
            return None
        chosen.append(f"{who} {action}")
    return ", ".join(chosen) or None


def _auto_labels(game: object) -> set[str]:
    """The outcome labels the library made up (not the modeller's)."""
    if isinstance(game, NormalFormGame):
        return {profile_label(p) for p in game.profiles()}
    return set()


def sure_outcome(eq: Equilibrium, game: object = None, *, labelled: bool = True) -> str | None:
    """The outcome ``eq`` reaches with probability 1, or ``None``.

    With ``labelled`` (the default), only an outcome the modeller labelled counts: not the
    labels the library makes up for unlabelled ones (``"hold/escalate"`` in a normal-form game,
    ``"end:<path>"`` in a tree); pass the equilibrium's ``game`` to recognise normal-form ones.
    """
    made_up = _auto_labels(game)
    for label, q in eq.outcomes.items():
        if _is_one(q):
            if labelled and (label in made_up or is_leaf_default(label)):
                return None
            return label
    return None


def strategy_summary(eq: Equilibrium) -> str:
    """Each player's (information set's) support, short: ``"US hold/escalate, Iran hold"``;
    at most three are listed, then ``"…"``."""
    parts = []
    for who, s in eq.strategies.items():
        if isinstance(s, Mapping):
            support = [str(a) for a, q in s.items() if not _is_zero(q)]
            parts.append(f"{who} {'/'.join(support)}")
        else:
            parts.append(f"{who} rule")
    shown = parts[:_SHOWN] + (["…"] if len(parts) > _SHOWN else [])
    return ", ".join(shown)


def equilibrium_name(eq: Equilibrium, game: object = None) -> str:
    """The name a reader gives ``eq`` (see the module docstring for the order of preference).

    Parameters
    ----------
    eq
        The equilibrium.
    game
        Its game (``sol.game``), to tell the modeller's outcome labels from made-up ones and a
        normal-form game from a tree.

    Examples
    --------
    >>> import sympy as sp, gametheory as gt
    >>> c, a = sp.symbols("c a", positive=True)
    >>> g = gt.NormalFormGame(
    ...     players={"US": ["hold", "escalate"], "Iran": ["hold", "escalate"]},
    ...     payoffs={("hold", "hold"): (0, 0), ("hold", "escalate"): (-a, 1),
    ...              ("escalate", "hold"): (1, -a), ("escalate", "escalate"): (-c, -c)},
    ...     outcomes={("escalate", "escalate"): "war"})
    >>> sol = gt.nash(g, gt.ParameterSpace({c: (0, 10), a: (0, 10)}))
    >>> [equilibrium_name(eq, g) for eq in sol]
    ['US hold, Iran escalate', 'US escalate, Iran hold', 'war', 'mixed: US hold/escalate, Iran hold/escalate']
    """
    if not isinstance(eq, Equilibrium):
        raise GameError(f"equilibrium_name() needs an Equilibrium, got {type(eq).__name__}")
    # a perfect Bayesian kind (pooling, separating, ...) is part of the name
    family = "" if eq.kind in ("pure", "mixed") else f"{eq.kind}: "
    named = sure_outcome(eq, game)
    if named is not None:
        return family + named
    if _is_tree(eq, game):
        reached = sure_outcome(eq, game, labelled=False)
        if reached is not None:
            return family + reached
        possible = [lab for lab, q in eq.outcomes.items() if not _is_zero(q)]
        if possible:
            shown = possible[:_SHOWN] + (["…"] if len(possible) > _SHOWN else [])
            return f"{eq.kind}: {' or '.join(shown)}"
    else:
        profile = pure_profile(eq)
        if profile is not None:
            return profile
    return f"{eq.kind}: {strategy_summary(eq)}"


def _is_tree(eq: Equilibrium, game: object = None) -> bool:
    if game is not None:
        return not isinstance(game, NormalFormGame)
    return any(is_leaf_default(lab) for lab in eq.outcomes)


def equilibrium_names(
    sol: Solution, namer: Callable[[Equilibrium], object] | None = None
) -> dict[int, str]:
    """``{index: name}`` for every equilibrium of ``sol``, for a phase diagram's legend.

    Indices are those of a sweep's ``equilibrium`` column: ``sol[k]`` for ``k < len(sol)``,
    then the equilibria whose region could not be decided (``sol.undecided``), named with
    `` (undecided)`` added.

    Parameters
    ----------
    sol
        The solution.
    namer
        Your own naming, ``Equilibrium -> str``; names you give are kept as they are (equilibria
        you give one name are one region in a phase diagram).  Default
        :func:`equilibrium_name`, made unique: two equilibria that play differently get
        different names (``#<index>`` is added to the later one), while pieces of one
        equilibrium split by region keep one name.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> equilibrium_names(gt.nash(g))
    {0: 'Row s2, Col s2', 1: 'mixed: Row s1/s2, Col s1/s2', 2: 'Row s1, Col s1'}
    """
    if not isinstance(sol, Solution):
        raise GameError(f"equilibrium_names() needs a Solution, got {type(sol).__name__}")
    eqs = (*sol.equilibria, *sol.undecided)
    if namer is not None:
        if not callable(namer):
            raise GameError(f"namer must be a callable Equilibrium -> str, got {namer!r}")
        out = {}
        for k, eq in enumerate(eqs):
            name = namer(eq)
            if not isinstance(name, str) or not name:
                raise GameError(f"namer gave equilibrium {k} the name {name!r}: not a string")
            out[k] = name
        return out
    names = {k: equilibrium_name(eq, sol.game) for k, eq in enumerate(eqs)}
    for k, eq in enumerate(eqs):
        if any(names[j] == names[k] and not _same_play(eqs[j], eq) for j in range(k)):
            names[k] = f"{names[k]} #{k}"
    for k in range(len(sol), len(eqs)):
        names[k] += " (undecided)"
    return names


def _same_play(e: Equilibrium, f: Equilibrium) -> bool:
    """The same strategies (exactly, as expressions), whatever the conditions."""
    if e.strategies.keys() != f.strategies.keys():
        return False
    for who, s in e.strategies.items():
        t = f.strategies[who]
        if isinstance(s, Mapping) != isinstance(t, Mapping):
            return False
        pairs: list[tuple[Any, Any]] = (
            [(s[a], t.get(a, 0)) for a in s] if isinstance(s, Mapping) else [(s, t)]
        )
        if any(not _is_zero(sp.simplify(sp.sympify(x) - sp.sympify(y))) for x, y in pairs):
            return False
    return True
