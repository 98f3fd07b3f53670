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

Method (see ``../shared/ALGORITHMS.md``): a *shape* is a nonempty support at every information
set.  :mod:`._pbe_search` enumerates the shapes by backtracking from the deepest information sets
up, pruning a partial shape as soon as a condition on the sets assigned so far is proved empty
(best-response regions in belief space, exact local optimality, and the conjunction of what
involves mixing probabilities); every surviving shape is solved by :mod:`._pbe_shapes`, whose
free beliefs become exact belief sets and free mixing probabilities continua with listed extreme
points (:mod:`._pbe_continua`).  Chance probabilities are taken to be positive (a type with prior
0 is absent, not a boundary case).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from .._budget import Budget
from ..conditions import Atom, Region, implied, reduce
from ..conditions._smt import available as smt_available
from ..conditions._smt import smt_decide
from ..diagnostics import Limit, Searched
from ..equilibrium import Equilibrium, Solution
from ..errors import BudgetExceededError, InvalidRefinementError, UnsupportedGameError
from ..games.extensive import ExtensiveGame, require_perfect_recall
from ..games.normal_form import NormalFormGame
from ..games.tree import Chance
from ..kinds import REFINEMENTS, Kind, Refinement, check_choice
from ..params import ParameterSpace
from ._backward_pieces import tidy
from ._pbe_search import SearchStats, shapes
from ._pbe_shapes import Candidate, solve_shape
from ._pbe_tree import TreeView
from ._space import probability_notes, tree_space

__all__ = ["pbe"]

MAX_SHAPES = 50_000  # surviving shapes beyond this: refused (solve at a point instead)


def pbe(
    game: object,
    space: ParameterSpace | None = None,
    refine: Refinement | None = None,
    *,
    budget: float | None = None,
) -> Solution:
    """Every perfect Bayesian equilibrium of a finite game tree, with its conditions.

    Parameters
    ----------
    game
        An :class:`~gametheory.ExtensiveGame` (chance moves, information sets of any size;
        perfect recall; no continuous decisions) or a :class:`~gametheory.SignalingGame`.
    space
        The parameter space; by default the one the parameters' own assumptions allow.
    refine
        ``None``, ``"intuitive"`` (the Cho–Kreps intuitive criterion) or ``"D1"`` (Cho & Kreps
        1987 §IV; Banks & Sobel 1987), for signalling games with any number of types.
    budget
        Seconds the call may take (None: no limit); past it,
        :class:`~gametheory.BudgetExceededError` says how many shapes were searched and solved,
        with the equilibria found so far as a partial Solution (``complete=False``).

    Returns
    -------
    Solution
        Concept ``"pbe"``.  Each equilibrium has a behaviour strategy at every information set,
        ``beliefs`` at every information set with two or more nodes (keyed by type in signalling
        games, else by node path; off the path, where the belief is free, a ``sympy.Interval``
        per node: the range of supporting beliefs) and, off the path, ``belief_sets`` (the exact
        polytope of supporting beliefs), payoffs, outcome probabilities and conditions.
        ``kind`` is ``"pooling"``, ``"separating"``, ``"partially pooling"`` or
        ``"semi-separating"`` when the tree starts with a chance move over types whose sender
        knows its type, else ``"pure"`` or ``"mixed"``.  ``complete`` is True only when every
        shape was solved; otherwise ``incomplete`` says which were not, and why.

    Raises
    ------
    InvalidRefinementError
        For a ``refine`` that is none of the above, naming it (an ``InvalidOptionError`` and an
        ``UnsupportedGameError``).
    UnsupportedGameError
        For a normal-form game, a tree with a continuous decision, a tree without perfect
        recall, or a tree whose surviving shapes exceed what the symbolic enumeration handles
        (it says how many; solve the game at a point, ``gt.pbe(game.at(...))``).

    Examples
    --------
    >>> import gametheory as gt
    >>> sg = gt.SignalingGame(
    ...     sender="S", receiver="R", types={"hi": 0.5, "lo": 0.5},
    ...     messages=["m"], actions=["a", "b"],
    ...     payoffs=lambda t, m, x: {"S": 1 if x == "a" else 0, "R": 1 if (t == "hi") == (x == "a") else 0},
    ... )
    >>> sol = gt.pbe(sg)
    >>> [eq.strategies["R|m"] for eq in sol]  # indifferent at belief 1/2: any mixture
    [{'a': 1, 'b': 0}, {'a': 0, 'b': 1}]
    >>> sol.complete, sol.degenerate
    (True, True)
    """
    if refine is not None:
        check_choice(refine, REFINEMENTS, "refine (or None)", InvalidRefinementError)
    clock = Budget.of(budget, "pbe")
    tree = _tree(game)
    require_perfect_recall(tree, "gt.pbe")
    space = tree_space(tree, space)
    view = TreeView(tree)
    try:
        eqs, continuum, limits, stats = _enumerate(view, space, clock)
    except BudgetExceededError as exc:
        found = list(exc.partial.values()) if isinstance(exc.partial, dict) else []
        exc.partial = Solution(
            tree,
            tuple(_ordered(found)),
            space,
            "pbe",
            "behaviour-support enumeration with pruning",
            complete=False,
            diagnostics=(*probability_notes(tree), Limit.budget(exc.budget, exc.done)),
        )
        raise exc from None
    incomplete: list[str] = []
    if not eqs and not limits:
        incomplete.append(
            "no perfect Bayesian equilibrium was found, but every finite game with perfect "
            "recall has one: this is a bug in gt.pbe; please report the game"
        )
    solution = Solution(
        tree,
        tuple(_ordered(eqs)),
        space,
        "pbe",
        "behaviour-support enumeration with pruning",
        degenerate=continuum,
        complete=not incomplete,
        incomplete=tuple(incomplete),
        diagnostics=(
            *probability_notes(tree),
            Searched(stats.shapes, stats.product, stats.pruned),
            *(Limit("supports", r) for r in limits),
        ),
    )
    if refine == "intuitive":
        from .intuitive import intuitive_criterion

        return intuitive_criterion(solution)
    if refine == "D1":
        from .d1 import d1_criterion

        return d1_criterion(solution)
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


def _enumerate(
    view: TreeView, space: ParameterSpace, clock: Budget
) -> tuple[list[Equilibrium], bool, list[str], SearchStats]:
    found: dict[Any, Equilibrium] = {}
    continuum = False
    limits: list[str] = []
    inner = _positive_chance(view, space)
    todo, stats = shapes(view, inner, clock)
    for count, shape in enumerate(todo, 1):
        clock.check("support shapes solved", count - 1, partial=found)
        if count > MAX_SHAPES:
            raise UnsupportedGameError(
                f"more than {MAX_SHAPES} support shapes survive the pruning; solve the game at a "
                "parameter point: gt.pbe(game.at(...))"
            )
        result = solve_shape(view, shape, inner)
        limits.extend(result.limits)
        continuum |= result.continuum
        for cand in result.candidates:
            clock.check("support shapes solved", count - 1, partial=found)
            region = _decided(reduce(list(cand.atoms), space), list(cand.atoms), space)
            if region.status == "empty":
                continue
            continuum |= cand.continuum
            if not cand.listed:  # a continuum whose extreme points other shapes list
                continue
            eq = _equilibrium(view, cand, region, space)
            found.setdefault((eq.key(), eq.conditions), eq)
    return list(found.values()), continuum, limits, stats


def _decided(region: Region, atoms: list[Atom], space: ParameterSpace) -> Region:
    """A region ``reduce`` left undecided, tried harder: more effort, then z3's nonlinear real
    arithmetic when the ``prove`` extra is installed (a proof of emptiness, or an exact
    witness)."""
    if region.status != "unknown":
        return region
    region = reduce(atoms, space, effort=3)
    if region.status != "unknown" or not smt_available():
        return region
    verdict, point = smt_decide([region.condition], sp.false, space, timeout_ms=2000)
    if verdict == "proved":
        return Region(region.atoms, "empty", None)
    if verdict == "refuted" and point is not None and region.holds_at(point):
        return Region(region.atoms, "nonempty", point)
    return region


def _positive_chance(view: TreeView, space: ParameterSpace) -> ParameterSpace:
    """The space the shapes are solved in: the chance probabilities positive (a type with prior
    0 is absent), so that signs such as that of ``1 - p`` are known to the eliminations.  Every
    candidate carries these conditions among its atoms, so its region is the same in ``space``."""
    needed = [
        sp.Gt(q, 0)
        for q in view.chance_probabilities
        if implied(sp.Gt(q, 0), space, effort=0) is not True
    ]
    return space.with_constraints([*space.constraints, *needed]) if needed else space


def _ordered(eqs: list[Equilibrium]) -> list[Equilibrium]:
    """Pure before mixed, then by the order the search found them (deterministic)."""
    return sorted(
        eqs, key=lambda e: not all(v in (0, 1) for s in e.strategies.values() for v in s.values())
    )


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
            h: {k: v if isinstance(v, sp.Interval | sp.Symbol) else tidy(v) for k, v in b.items()}
            for h, b in cand.beliefs.items()
        },
        belief_sets=dict(cand.belief_sets),
    )


def _kind(view: TreeView, cand: Candidate) -> Kind:
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
