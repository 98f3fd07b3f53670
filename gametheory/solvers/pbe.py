"""Perfect Bayesian equilibria of finite game trees, symbolically, by behaviour supports.

The concept (Gibbons 1992, §4.1, requirements 1–4; Fudenberg & Tirole 1991, §8.2): an
assessment — a behaviour strategy at every information set and a belief on the nodes of every
information set — such that every player's strategy is sequentially rational at every
information set given the beliefs and the others' strategies, and beliefs follow Bayes' rule
wherever the strategies determine them: at every information set reached with positive
probability from the root of its smallest subgame (so every PBE is subgame perfect), and at an
unreached one whose nodes all lie behind the same deviation (after a player's own unexpected
move, the others' strategies still weigh the nodes).  Elsewhere the belief is free, and an
equilibrium states the interval of beliefs that supports it (signalling games: after a message
no type sends).

Method (see ``../shared/ALGORITHMS.md``): every *shape* — a nonempty support at every information
set — is solved by :mod:`._pbe_shapes`; its conditions are reduced by
:mod:`gametheory.conditions` and kept where nonempty.  Chance probabilities are taken to be
positive (a type with prior 0 is absent, not a boundary case).
"""

from __future__ import annotations

import itertools
from typing import Any

import sympy as sp

from ..conditions import atom, reduce
from ..equilibrium import Equilibrium, Solution
from ..errors import UnsupportedGameError
from ..games.extensive import ExtensiveGame
from ..games.normal_form import NormalFormGame
from ..games.tree import Chance, Outcome
from ..params import ParameterSpace
from ._pbe_shapes import Candidate, solve_shape
from ._pbe_tree import TreeView, shapes_count, supports
from ._spe_pieces import tidy
from .nash import resolve_space

__all__ = ["pbe"]

MAX_SHAPES = 20_000  # symbolic enumeration beyond this is refused (solve at a point instead)


def pbe(game: object, space: ParameterSpace | None = None, refine: str | None = None) -> Solution:
    """Every perfect Bayesian equilibrium of a finite game tree, with its conditions.

    Parameters
    ----------
    game
        An :class:`~gametheory.ExtensiveGame` (chance moves, information sets; no continuous
        decisions) or a :class:`~gametheory.SignalingGame`.
    space
        The parameter space; by default the one the parameters' own assumptions allow.
    refine
        ``None``, or ``"intuitive"`` (the Cho–Kreps intuitive criterion, signalling games).

    Returns
    -------
    Solution
        Concept ``"pbe"``.  Each equilibrium has a behaviour strategy at every information set,
        ``beliefs`` at every information set with two or more nodes (keyed by type in signalling
        games, else by node path; a ``sympy.Interval`` off the path: the beliefs that support it),
        payoffs, outcome probabilities and conditions.  ``kind`` is ``"pooling"``,
        ``"separating"`` or ``"semi-separating"`` when the tree starts with a chance move over
        types whose sender knows its type, else ``"pure"`` or ``"mixed"``.

    Raises
    ------
    UnsupportedGameError
        For a normal-form game, a tree with a continuous decision, or a tree with more support
        shapes than the symbolic enumeration handles (it says how many; solve the game at a point,
        ``gt.pbe(game.at(...))``, or numerically).
    """
    tree = _tree(game)
    space = resolve_space(tree.parameters, space)
    if refine not in (None, "intuitive"):
        raise UnsupportedGameError(f"refine must be None or 'intuitive', got {refine!r}")
    view = TreeView(tree)
    count = shapes_count(view.infosets)
    if count > MAX_SHAPES:
        raise UnsupportedGameError(
            f"the tree has {count} support shapes (the product of 2^|actions| - 1 over its "
            f"{len(view.infosets)} information sets), more than the {MAX_SHAPES} the symbolic "
            "enumeration handles; solve it at a parameter point: gt.pbe(game.at(...))"
        )
    notes: list[str] = []
    if any(len(i.paths) > 2 for i in view.infosets.values()):
        notes.append(
            "information sets with more than two nodes: off their path only equilibria with "
            "determined beliefs are found"
        )
    eqs, continuum = _enumerate(view, space)
    solution = Solution(
        tree,
        tuple(eqs),
        space,
        "pbe",
        "behaviour-support enumeration",
        degenerate=continuum,
        notes=tuple(notes),
    )
    if refine == "intuitive":
        from .intuitive import intuitive_criterion

        return intuitive_criterion(solution)
    return solution


def _tree(game: object) -> ExtensiveGame:
    if isinstance(game, NormalFormGame):
        raise UnsupportedGameError(
            "pbe() solves game trees; a normal-form game has no beliefs to speak of: use gt.nash"
        )
    to_tree = getattr(game, "to_extensive", None)
    if callable(to_tree):
        game = to_tree()
    if not isinstance(game, ExtensiveGame):
        raise UnsupportedGameError(f"pbe() needs an ExtensiveGame, got {type(game).__name__}")
    if game.has_continuous:
        raise UnsupportedGameError(
            "pbe() enumerates behaviour supports of finite trees; this tree has a continuous "
            "decision (use gt.spe for continuous choices)"
        )
    return game


def _enumerate(view: TreeView, space: ParameterSpace) -> tuple[list[Equilibrium], bool]:
    labels = list(view.infosets)
    options = [_options(view, h, space) for h in labels]
    found: dict[Any, Equilibrium] = {}
    continuum = False
    for combo in itertools.product(*options):
        shape = dict(zip(labels, combo, strict=True))
        for cand in solve_shape(view, shape, space):
            region = reduce(list(cand.atoms), space)
            if region.status == "unknown":
                region = reduce(list(cand.atoms), space, effort=3)
            if region.status == "empty":
                continue
            continuum |= cand.continuum
            if not cand.listed:  # a continuum whose extreme points other shapes list
                continue
            eq = _equilibrium(view, cand, region, space)
            found.setdefault((eq.key(), eq.conditions), eq)
    return list(found.values()), continuum


def _options(view: TreeView, h: str, space: ParameterSpace) -> list[tuple[str, ...]]:
    """The supports worth trying at an information set.

    At a singleton whose actions all end the game (an outcome, or chance over outcomes), the
    mover's payoffs do not depend on anyone's strategy: a support is kept only where its
    conditions (indifference inside it, nothing better outside) hold somewhere in the space.
    """
    info = view.infosets[h]
    every = supports(info.actions)
    if len(info.paths) != 1:
        return every
    x = info.paths[0]
    payoff: dict[str, sp.Expr] = {}
    i = view.players.index(info.player)
    for a in info.actions:
        v = _terminal_value(view, view.child(x, a), i)
        if v is None:
            return every
        payoff[a] = v
    kept = []
    for support in every:
        base = payoff[support[0]]
        atoms = [y for a in support[1:] for y in atom(payoff[a] - base, "==", space=space)]
        atoms += [
            y
            for b in info.actions
            if b not in support
            for y in atom(base - payoff[b], ">=", space=space)
        ]
        if reduce(atoms, space).status != "empty":
            kept.append(support)
    return kept


def _terminal_value(view: TreeView, path: str, i: int) -> sp.Expr | None:
    """A player's payoff at a node below which nobody moves (None if someone does)."""
    node = view.nodes[path]
    if isinstance(node, Outcome):
        return node.payoffs[view.players[i]]
    if isinstance(node, Chance):
        parts = [
            (q, _terminal_value(view, view.child(path, b), i))
            for b, (q, _) in node.branches.items()
        ]
        if any(v is None for _, v in parts):
            return None
        return sp.Add(*(q * v for q, v in parts))
    return None


def _equilibrium(
    view: TreeView, cand: Candidate, region: Any, space: ParameterSpace
) -> Equilibrium:
    return Equilibrium(
        kind=_kind(view, cand),
        strategies={h: {a: tidy(v) for a, v in p.items()} for h, p in cand.sigma.items()},
        payoffs={p: tidy(v) for p, v in zip(view.players, cand.payoffs, strict=True)},
        outcomes={k: tidy(v) for k, v in cand.outcomes.items()},
        conditions=region.condition,
        witness=dict(region.witness) if region.witness is not None else None,
        space=space,
        beliefs={
            h: {k: v if isinstance(v, sp.Interval) else tidy(v) for k, v in b.items()}
            for h, b in cand.beliefs.items()
        },
    )


def _kind(view: TreeView, cand: Candidate) -> str:
    """Pooling / separating / semi-separating for a sender who knows its type after a chance
    move at the root; else pure / mixed."""
    pure = all(len(s) == 1 for s in cand.shape.values())
    root = view.game.root
    if isinstance(root, Chance):
        types = list(root.branches)
        senders = [view.info.get(t) for t in types]
        hs = [s.infoset for s in senders if s is not None and s.infoset is not None]
        if len(hs) == len(types) and len(set(hs)) == len(hs) and len(hs) > 1:
            if any(len(cand.shape[h]) > 1 for h in hs):
                return "semi-separating"
            messages = [cand.shape[h][0] for h in hs]
            if len(set(messages)) == 1:
                return "pooling"
            if len(set(messages)) == len(messages):
                return "separating"
            return "partially pooling"
    return "pure" if pure else "mixed"
