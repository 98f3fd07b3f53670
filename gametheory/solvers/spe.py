"""``gt.spe``: every subgame-perfect equilibrium of a game tree, with its conditions.

Backward induction with case splits (Selten 1965, 1975; Osborne & Rubinstein 1994, §6.2 and
§11.4).  The value of each subgame is a list of *pieces* — (region, behaviour strategies, payoff
vector, outcome distribution) — built from the leaves up:

* a perfect-information decision node chooses action ``a`` on ``region ∧ ⋀_{b≠a} v_a ≥ v_b``
  for each combination of its children's pieces (weak inequalities: on a tie both actions are
  chosen, in two pieces that meet on the boundary);
* a chance node takes expectations over each combination of its children's pieces;
* any other subgame (its root's children do not all root subgames: simultaneous moves,
  incomplete information) is solved by :func:`~gametheory.nash` on its reduced normal form,
  after its own proper subgames have been solved and replaced by their pieces' payoffs.

Every region is decided by :func:`gametheory.conditions.reduce` as soon as it is formed, so
provably empty cases are dropped at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from .._budget import UNLIMITED, Budget
from ..conditions import Atom, Region, atom, reduce
from ..conditions._atoms import negate
from ..diagnostics import Diagnostic, Limit, Tie, Undecided
from ..equilibrium import Equilibrium, Solution
from ..errors import InvalidProfileError, UnsupportedGameError
from ..games.extensive import ExtensiveGame, infoset_label, require_perfect_recall
from ..games.normal_form import NormalFormGame
from ..games.outcome_labels import outcome_label, outcome_labels
from ..games.paths import path_key
from ..games.tree import (
    Chance,
    ContinuousChance,
    ContinuousDecision,
    Decision,
    Node,
    Outcome,
    children,
    node_paths,
)
from ..params import ParameterSpace
from ..repeated.automaton import Automaton
from ..repeated.check import dispatch
from ._backward_pieces import Ctx, Piece, Region3, choose, expect, is_weight, tidy
from ._space import probability_notes, tree_space
from ._spe_continuous import solve_continuous
from ._spe_faces import Face, FaceResult, inside, relaxed, solve_faces
from ._spe_subgames import SubgameSolver, subgame_roots
from ._spe_types import push_types, solve_types
from .nash import nash

__all__ = ["spe", "tree_profile_to_normal_form"]


def spe(
    game: object,
    space: ParameterSpace | None = None,
    *,
    budget: float | None = None,
    profile: Mapping[str, Automaton] | None = None,
) -> Solution:
    """Every subgame-perfect equilibrium of a game tree, exactly, with its conditions; or, for
    a repeated game, where a given profile of automata is subgame perfect.

    Parameters
    ----------
    game
        An :class:`~gametheory.ExtensiveGame` (continuous decisions and continuous types
        included, see the explanation page), or a :class:`~gametheory.RepeatedGame` with a
        ``profile``.
    space
        The parameter space; by default the one the parameters' own assumptions allow.
    budget
        Seconds the call may take (None: no limit); past it,
        :class:`~gametheory.BudgetExceededError` says how many tie faces and induction nodes
        were solved.
    profile
        Repeated games only: ``{player: Automaton}``.  The solution then has one equilibrium
        (the profile) whose conditions are where it is subgame perfect by the one-shot
        deviation principle, or none when it never is (``gametheory.repeated.check``).

    Returns
    -------
    Solution
        Concept ``"spe"``.  Each equilibrium gives a behaviour strategy at *every* information
        set (off the path of play too), keyed by information-set label (``"<player>@<path>"``
        for unlabelled singletons); payoffs; the probability of every outcome label of the tree
        (``"end:<path>"`` for unlabelled leaves, as in ``to_normal_form``); and the conditions
        (weak inequalities, so boundaries belong to both neighbouring equilibria).

    Raises
    ------
    UnsupportedGameError
        For a normal-form game (use :func:`~gametheory.nash`; a one-shot game has no proper
        subgame, so its SPE are its Nash equilibria) and for trees with continuous decisions.
    ImperfectRecallError
        For a tree without perfect recall (naming the player and the information set;
        :func:`~gametheory.nash` still solves it in mixed strategies of the reduced normal form).
    InvalidGameError
        When the space excludes every point where the chance probabilities are distributions.

    Notes
    -----
    At a continuous decision choosing ``r`` the strategy is ``{str(r): r*}`` (the optimal
    value, an expression in the parameters) instead of action probabilities; such an
    equilibrium is ``"pure"`` when its discrete choices are.  Perfect-information parts are
    solved in pure strategies: on a boundary where a player is indifferent both actions are
    listed, and mixtures of them (also subgame perfect) are not; where the indifference holds
    on a whole region the solution is flagged ``degenerate``.
    Imperfect-information subgames contribute every equilibrium :func:`~gametheory.nash`
    returns for them (all extreme equilibria for two players; pure ones only for more, then
    ``complete=False``).  An information set that its own player's mixing excludes is given its
    first action (any choice there is optimal).

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25–55.
    Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*, MIT Press, ch. 6 and 11.

    Examples
    --------
    An entry game: the threat to fight is not credible.

    >>> import gametheory as gt
    >>> entry = gt.ExtensiveGame(
    ...     gt.Decision(
    ...         "Entrant",
    ...         {
    ...             "out": gt.Outcome(Entrant=0, Incumbent=2),
    ...             "in": gt.Decision(
    ...                 "Incumbent",
    ...                 {
    ...                     "fight": gt.Outcome(Entrant=-1, Incumbent=-1),
    ...                     "accommodate": gt.Outcome(Entrant=1, Incumbent=1),
    ...                 },
    ...             ),
    ...         },
    ...     )
    ... )
    >>> sol = gt.spe(entry)
    >>> len(sol), sol[0].strategies["Incumbent@in"]
    (1, {'fight': 0, 'accommodate': 1})
    >>> len(gt.nash(entry))  # Nash equilibria also rest on the threat
    3
    """
    clock = Budget.of(budget, "spe")
    repeated = dispatch(game, profile, space, "spe", clock)
    if repeated is not None:
        return repeated
    if isinstance(game, NormalFormGame):
        raise UnsupportedGameError(
            "spe() solves game trees; a normal-form game has no proper subgames, so its "
            "subgame-perfect equilibria are its Nash equilibria: use gt.nash(game)"
        )
    if not isinstance(game, ExtensiveGame):
        raise UnsupportedGameError(f"spe() needs an ExtensiveGame, got {type(game).__name__}")
    require_perfect_recall(game, "gt.spe")
    space = tree_space(game, space)
    pushed = push_types(game)  # continuous types moved below the uninformed moves
    faces = [0]

    def run(face: Face, ctx: Ctx) -> list[Piece]:
        clock.check("tie faces solved", faces[0])
        faces[0] += 1
        base = ctx.decide(face.atoms) if face.atoms else Region3()
        if base is None:
            return []
        return _Induction(pushed, ctx, base, clock).run()

    decisions = sum(isinstance(n, Decision) for _, n in node_paths(game.root))
    results, limits = solve_faces(space, run, decisions)
    eqs, undecided, ctx = _equilibria(game, results, space)
    notes: list[Diagnostic] = [*probability_notes(game), *ctx.notes]
    if undecided:
        notes.append(Undecided(len(undecided), "backward induction"))
    if any(eq.on_boundary for eq in eqs):
        notes.append(Tie("boundary"))
    incomplete = [*ctx.incomplete, *limits]
    return Solution(
        game,
        tuple(eqs),
        space,
        "spe",
        "backward induction with case splits, solved again on every tie face",
        degenerate=ctx.degenerate,
        diagnostics=(*notes, *dict.fromkeys(incomplete)),
        undecided=tuple(undecided),
    )


class _Induction:
    """Backward induction over the game's subgames (see the module docstring)."""

    def __init__(
        self, game: ExtensiveGame, ctx: Ctx, base: Region3, clock: Budget = UNLIMITED
    ) -> None:
        self.clock = clock
        self.game = game
        self.ctx = ctx
        self.base = base
        self.players = game.players
        self.roots = subgame_roots(self.game.root)
        self.subgames = SubgameSolver(ctx, game.players, self.roots, self.solve, nash)

    def run(self) -> list[Piece]:
        return self.solve(self.game.root, ())

    def _perfect(self, node: Node, path: tuple[str, ...]) -> bool:
        """Whether every child of ``node`` is a leaf or the root of a subgame."""
        return all(
            (*path, label) in self.roots or isinstance(child, Outcome)
            for label, child in children(node)
        )

    def _inductive(self, node: Node, path: tuple[str, ...]) -> bool:
        """Whether the node's pieces are built from its children's (decision or chance)."""
        return isinstance(node, Decision | Chance) and self._perfect(node, path)

    def solve(self, node: Node, path: tuple[str, ...]) -> list[Piece]:
        """The pieces of the subgame rooted at ``node`` (children first, without recursion, so
        a tree of any depth is solved)."""
        done: dict[tuple[str, ...], list[Piece]] = {}
        stack: list[tuple[Node, tuple[str, ...], bool]] = [(node, path, False)]
        solved = 0
        while stack:
            self.clock.check("induction nodes solved", solved)
            n, p, expanded = stack.pop()
            if not expanded and self._inductive(n, p):
                stack.append((n, p, True))
                for label, child in reversed(list(children(n))):
                    stack.append((child, (*p, label), False))
                continue
            kids = [done.pop((*p, label)) for label, _ in children(n)] if expanded else []
            done[p] = self._node(n, p, kids)
            solved += 1
        return done[path]

    def _node(self, node: Node, path: tuple[str, ...], kids: list[list[Piece]]) -> list[Piece]:
        key = path_key(path)
        if isinstance(node, Outcome):
            return [
                Piece(
                    self.base,
                    {},
                    tuple(node.payoffs[p] for p in self.players),
                    {outcome_label(node, key): sp.Integer(1)},
                )
            ]
        if isinstance(node, Decision) and kids:
            return choose(
                self.ctx,
                infoset_label(node, key),
                self.players.index(node.player),
                list(node.actions),
                kids,
                root=not path,
            )
        if isinstance(node, ContinuousDecision):
            if path not in self.roots:
                raise UnsupportedGameError(
                    f"node {key} is a continuous decision in a non-singleton information set "
                    f"{node.infoset!r}; spe() solves continuous choices at singletons only"
                )
            return solve_continuous(self.ctx, node, path, self.players)
        if isinstance(node, ContinuousChance):
            return solve_types(self.ctx, node, path, self.players)
        if isinstance(node, Chance) and kids:
            probs = [q for q, _ in node.branches.values()]
            conditions = _chance_conditions(self.ctx, probs)
            return expect(self.ctx, probs, kids, conditions)
        return self.subgames.solve(node, path)


def _chance_conditions(ctx: Ctx, probs: list[sp.Expr]) -> tuple[Any, ...]:
    """Atoms making a chance node's symbolic probabilities a distribution (when undecided)."""
    if all(q.is_number for q in probs):
        return ()
    atoms: list[Any] = []
    for q in probs:
        if not q.is_number:
            atoms.extend(ctx.atoms_of(q, ">="))
            atoms.extend(ctx.atoms_of(1 - q, ">="))
    total = sp.expand(sp.Add(*probs) - 1)
    if total != 0:
        atoms.extend(ctx.atoms_of(total, "=="))
    return tuple(atoms)


UNKNOWN_EFFORT = 3  # effort of the second look at regions neither refuted nor witnessed


def _equilibria(
    game: ExtensiveGame, results: list[FaceResult], space: ParameterSpace
) -> tuple[list[Equilibrium], list[Equilibrium], Ctx]:
    """The equilibria with a witnessed region and those whose region stays undecided, from the
    pieces of every face (see ``_spe_faces``), with what the solves noted (in a ``Ctx``)."""
    labels = outcome_labels(game)
    continuous = {
        infoset_label(n, path)
        for path, n in node_paths(game.root)
        if isinstance(n, ContinuousDecision)
    }
    summary = Ctx(space)
    found: list[tuple[Face, Equilibrium, list[Atom]]] = []
    undecided: list[Equilibrium] = []
    seen: set[Any] = set()
    for res in results:
        ctx = res.ctx
        for n in ctx.notes:
            summary.note(n)
        summary.incomplete.extend(ctx.incomplete)
        summary.complete = summary.complete and ctx.complete
        summary.degenerate = summary.degenerate or ctx.degenerate
        summary.reduce_calls += ctx.reduce_calls
        coupled = any(is_weight(x) for _, v in res.face.weights for x in sp.sympify(v).free_symbols)
        pinned = {w for w, _ in res.face.weights}
        for piece in res.pieces:
            if not pinned <= piece.binding:  # a pinned weight inside its interval: not extreme
                summary.degenerate = True
                continue
            if coupled or _mentions_weight(piece):
                summary.degenerate = True  # inside an interval of mixtures: its ends are listed
                if coupled:
                    summary.incomplete.append(
                        Limit(
                            "curve",
                            "mixtures at two nodes trade off along a curve of extreme points "
                            "(each is at an end given the other); only the curve's ends are "
                            "listed",
                        )
                    )
                continue
            atoms = relaxed([*piece.region.atoms, *res.face.atoms])
            # the open cell's witness lies in its closure: then only the simplification runs.
            # A cell the solve left undecided (no witness) had its search at effort 1 already:
            # its closure goes straight to the harder look (listed or dropped for good).
            hint = piece.region.witness or None
            region = reduce(atoms, space, hint=hint, effort=1 if hint else UNKNOWN_EFFORT)
            if region.status == "unknown" and hint:
                region = reduce(atoms, space, effort=UNKNOWN_EFFORT)
            if region.status == "empty":
                continue
            strategies = {
                h: {a: tidy(piece.strategies[h][a]) for a in info.actions}
                for h, info in game.infosets.items()
            }
            payoffs = {p: tidy(v) for p, v in zip(game.players, piece.payoffs, strict=True)}
            if res.face.codimension and _covered(
                res.face, list(region.atoms), strategies, payoffs, piece, found, space
            ):
                continue
            region = _drop_redundant(region, summary)
            pure = all(
                _zero_one(v)
                for h, s in strategies.items()
                if h not in continuous
                for v in s.values()
            )
            outcomes = {lab: tidy(piece.outcomes.get(lab, sp.Integer(0))) for lab in labels}
            eq = Equilibrium(
                kind="pure" if pure else "mixed",
                strategies=strategies,
                payoffs=payoffs,
                outcomes=outcomes,
                conditions=region.condition,
                witness=dict(region.witness) if region.witness is not None else None,
                space=space,
                equivalent=dict(piece.equivalent),
                variants=piece.variants,
            )
            key = (eq.key(), eq.conditions)
            if key in seen:
                continue
            seen.add(key)
            if eq.witness is None:
                undecided.append(eq)
            else:
                found.append((res.face, eq, list(region.atoms)))
    eqs = sorted((eq for _, eq, _ in found), key=lambda e: e.on_boundary)
    return eqs, undecided, summary


def _mentions_weight(piece: Piece) -> bool:
    """Whether a piece still depends on a free mixing weight (``Ctx.weight``)."""
    exprs = [*piece.payoffs, *(v for mix in piece.strategies.values() for v in mix.values())]
    exprs.extend(a.expr for a in piece.region.atoms)
    return any(is_weight(s) for e in exprs for s in sp.sympify(e).free_symbols)


def _covered(
    face: Face,
    mine: list[Atom],
    strategies: dict[str, dict[str, sp.Expr]],
    payoffs: dict[str, sp.Expr],
    piece: Piece,
    found: list[tuple[Face, Equilibrium, list[Atom]]],
    space: ParameterSpace,
) -> bool:
    """Whether an equilibrium found on ``face`` (with conditions ``mine``) is the closure of one
    from a larger face: the same strategies and payoffs there, conditions that ``mine`` imply,
    and every choice it groups as equivalent grouped there too (on a face more choices tie, so
    a group can hold profiles that no larger face lists)."""
    subs = dict(face.params)
    for other_face, eq, atoms in found:
        if other_face.codimension >= face.codimension:
            continue
        if any(
            not acts <= eq.equivalent.get(h, frozenset()) for h, acts in piece.equivalent.items()
        ):
            continue
        if not _same(eq.payoffs, payoffs, subs) or any(
            not _same(eq.strategies[h], mix, subs) for h, mix in strategies.items()
        ):
            continue
        theirs: list[Atom] = []
        for a in atoms:
            theirs.extend(atom(a.expr.xreplace(subs), a.op, space=space))
        if inside(mine, theirs, space):
            return True
    return False


def _same(a: Mapping[str, sp.Expr], b: Mapping[str, sp.Expr], subs: Mapping[Any, Any]) -> bool:
    for k, v in b.items():
        w = sp.sympify(a[k]).xreplace(subs)
        v = sp.sympify(v).xreplace(subs)
        if w == v:
            continue
        d = sp.expand(w - v)
        if d != 0 and (d.is_polynomial() or sp.cancel(sp.together(d)) != 0):
            return False
    return True


def _zero_one(v: sp.Expr) -> bool:
    """A pure choice: 0 or 1, or a cutoff rule (``Piecewise``) taking only those values."""
    if isinstance(v, sp.Piecewise):
        return all(_zero_one(e) for e, _ in v.args)
    return v in (0, 1)


def _drop_redundant(region: Region, ctx: Ctx) -> Region:
    """Drop inequalities the others imply (``a >= c`` beside ``a >= 2*c``), for readability.

    An atom is implied when the others together with its complement are provably empty (cheap
    ``reduce`` at effort 0: interval and LP reasoning).  Equalities are kept.
    """
    atoms = list(region.atoms)
    if len(atoms) < 2:
        return region
    k = len(atoms) - 1
    while k >= 0 and len(atoms) > 1:
        a = atoms[k]
        if a.op in (">=", ">"):
            others = atoms[:k] + atoms[k + 1 :]
            ctx.reduce_calls += 1
            if reduce([*others, negate(a)], ctx.space, effort=0).status == "empty":
                atoms = others
        k -= 1
    return Region(tuple(atoms), region.status, region.witness)


_outcome_labels = outcome_labels  # its old private name here; the home is games.outcome_labels


def tree_profile_to_normal_form(
    game: ExtensiveGame, profile: object
) -> dict[str, dict[str, sp.Expr]]:
    """The mixed reduced-normal-form strategy of each player equivalent to a behaviour profile.

    Kuhn (1953): under perfect recall, a reduced plan ``π`` of player ``i`` gets probability
    ``Π_{h ∈ π} σ_h(π(h))``, the product of the behaviour probabilities of its choices.  The
    result is keyed like ``game.to_normal_form()``, so an SPE can be certified there with
    :func:`~gametheory.testing.assert_equilibrium`.

    Parameters
    ----------
    game
        The tree.
    profile
        An :class:`~gametheory.Equilibrium` of the tree, or ``{infoset: {action: probability}}``.

    Raises
    ------
    InvalidProfileError
        When the profile lacks an information set or an action's probability.
    ImperfectRecallError
        When the tree lacks perfect recall (Kuhn's theorem does not apply).
    """
    require_perfect_recall(game, "tree_profile_to_normal_form (behaviour strategies)")
    strategies = getattr(profile, "strategies", profile)
    if not isinstance(strategies, Mapping):
        raise InvalidProfileError(
            f"a tree profile is {{infoset: {{action: probability}}}}, got {type(profile).__name__}"
        )
    for h, info in game.infosets.items():
        if h in strategies:
            missing = [a for a in info.actions if a not in strategies[h]]
            if missing:
                raise InvalidProfileError(
                    f"the profile gives no probability for action {missing[0]!r} at information set {h!r}"
                )
    mixed = game.behaviour_to_mixed(strategies)
    return {p: {k: tidy(v) for k, v in mix.items()} for p, mix in mixed.items()}
