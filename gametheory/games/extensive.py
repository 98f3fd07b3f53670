"""``ExtensiveGame``: a validated game tree, its information sets and its reduced normal form."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import sympy as sp

from .._budget import Budget
from .._frozen import FrozenDict
from .._latex_options import LatexOptions
from .._numbers import user_expr
from .._present_registry import render
from ..errors import (
    ImperfectRecallError,
    InvalidGameError,
    InvalidPayoffError,
    InvalidPlayerError,
    InvalidProfileError,
    UnsupportedGameError,
)
from ..params import ParameterSpace
from .normal_form import NormalFormGame
from .outcome_labels import outcome_label
from .paths import ROOT, child_key
from .tree import (
    Chance,
    ContinuousChance,
    ContinuousDecision,
    Decision,
    Node,
    Outcome,
    children,
    node_paths,
    postorder,
    settled,
)

__all__ = ["ExtensiveGame", "InfoSet", "RecallViolation", "require_perfect_recall"]

Move = tuple[str, str]
"""A player's own earlier move: (information set, action)."""


@dataclass(frozen=True)
class InfoSet:
    """An information set: its player, its actions, and the paths of its nodes.

    For a continuous decision ``actions`` is the variable's name and ``continuous`` is True (a
    strategy there is ``{variable name: chosen value}``, not probabilities).
    """

    label: str
    player: str
    actions: tuple[str, ...]
    paths: tuple[str, ...]
    continuous: bool = False


@dataclass(frozen=True)
class RecallViolation:
    """Where a player forgets: two nodes of one information set that its own earlier moves (or
    the information sets it passed through) tell apart.

    Attributes
    ----------
    player
        The forgetful player.
    infoset
        The information set holding both nodes.
    nodes
        The two nodes (paths of actions): the set's first node and the first that differs.
    histories
        Each node's own history: the player's earlier (information set, action) pairs on the way
        to it, from the root.
    """

    player: str
    infoset: str
    nodes: tuple[str, str]
    histories: tuple[tuple[Move, ...], tuple[Move, ...]]

    def __str__(self) -> str:
        (x, y), (hx, hy) = self.nodes, self.histories
        h = self.infoset
        for node, hist in ((x, hx), (y, hy)):
            for g, a in hist:
                if g == h:
                    return (
                        f"player {self.player!r} is absent-minded at information set {h!r}: node "
                        f"{node!r} follows its own move {g}={a} in that same set"
                    )
        k = next(
            (i for i, (u, v) in enumerate(zip(hx, hy, strict=False)) if u != v),
            min(len(hx), len(hy)),
        )
        if k < len(hx) and k < len(hy):
            (gx, ax), (gy, ay) = hx[k], hy[k]
            what = "its own earlier move" if gx == gy else "what it knew"
            return (
                f"player {self.player!r} forgets {what} at information set {h!r}: node {x!r} "
                f"follows {gx}={ax} but node {y!r} follows {gy}={ay}"
            )
        (node, (g, a)), other = ((x, hx[k]), y) if k < len(hx) else ((y, hy[k]), x)
        return (
            f"player {self.player!r} forgets what it knew at information set {h!r}: node "
            f"{node!r} follows {g}={a} but node {other!r} follows no move at {g!r}"
        )


def require_perfect_recall(game: ExtensiveGame, what: str) -> None:
    """Raise :class:`~gametheory.ImperfectRecallError` unless ``game`` has perfect recall.

    ``what`` names the method that needs it (``"gt.spe"``), for the message.
    """
    violation = game.recall_violation
    if violation is not None:
        raise ImperfectRecallError(
            f"{violation}; {what} needs perfect recall (gt.nash still solves the game through "
            "mixed strategies of its reduced normal form)"
        )


@dataclass(frozen=True, init=False)
class ExtensiveGame:
    """A finite game tree (with chance, information sets and continuous choices), validated.

    Parameters
    ----------
    root
        The root node.
    players
        Player names in order; by default the order of first appearance in the tree.
    parameters
        The model's parameters; by default every free symbol that is not a continuous choice's
        variable.  When given, any other free symbol is an error naming its node.

    Raises
    ------
    InvalidGameError
        Naming the node (its path of actions) and the culprit: an information set mixing players
        or action sets, a node shared by two parents, a chance probability that is provably
        negative or whose branches provably do not sum to 1, an outcome missing a player or
        naming an unknown one, a variable used outside its continuous decision.

    Examples
    --------
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
    >>> entry.players, list(entry.infosets)
    (('Entrant', 'Incumbent'), ['Entrant@root', 'Incumbent@in'])
    >>> entry.to_normal_form().shape
    (2, 2)
    """

    root: Node
    players: tuple[str, ...]
    conditions: tuple[sp.Basic, ...]

    def __init__(
        self,
        root: Node,
        players: Sequence[str] | None = None,
        parameters: Sequence[sp.Symbol] | None = None,
    ) -> None:
        if not isinstance(
            root, Decision | Chance | Outcome | ContinuousDecision | ContinuousChance
        ):
            raise InvalidGameError(f"the root must be a node, got {root!r}")
        found = _players(root)
        if players is None:
            names = tuple(found)
        else:
            names = _check_players(players)
            known = set(names)
            unknown = [p for p in found if p not in known]
            if unknown:
                raise InvalidPlayerError(
                    f"player(s) {', '.join(unknown)} move in the tree but are not in players"
                )
        if not names:
            raise InvalidPlayerError("the tree has no players (no decision node and no payoffs)")
        _check_seen_by(root, names)
        if parameters is not None:
            parameters = _check_parameters(parameters)
        conditions = _validate(root, names, parameters)
        object.__setattr__(self, "root", root)
        object.__setattr__(self, "players", names)
        object.__setattr__(self, "conditions", tuple(conditions))

    # -- structure ------------------------------------------------------------------------
    @cached_property
    def infosets(self) -> Mapping[str, InfoSet]:
        """Every information set by label, in order of first appearance."""
        found: dict[str, list[tuple[str, Decision | ContinuousDecision]]] = {}
        for path, node in node_paths(self.root):
            if isinstance(node, Decision | ContinuousDecision):
                found.setdefault(infoset_label(node, path), []).append((path, node))
        out = {}
        for label, nodes in found.items():
            first = nodes[0][1]
            acts = tuple(first.actions) if isinstance(first, Decision) else (str(first.variable),)
            out[label] = InfoSet(
                label,
                first.player,
                acts,
                tuple(p for p, _ in nodes),
                isinstance(first, ContinuousDecision),
            )
        return FrozenDict(out)

    @cached_property
    def recall_violation(self) -> RecallViolation | None:
        """The first place where a player forgets, or None under perfect recall.

        A player has perfect recall when at each of its information sets every node is reached
        through the same sequence of the player's own earlier (information set, action) pairs
        (Kuhn 1953; Osborne & Rubinstein 1994, §11.1.3): it never forgets its own moves nor
        what it knew, and is never absent-minded (no node of a set follows another of the same
        set).  Information sets are checked in order of first appearance.
        """
        seen: dict[str, tuple[str, tuple[Move, ...]]] = {}
        for path, node, own in _own_histories(self.root):
            label = infoset_label(node, path)
            first, earlier = seen.setdefault(label, (path, own))
            if earlier != own:  # a node that follows another of its set differs here too
                return RecallViolation(node.player, label, (first, path), (earlier, own))
        return None

    @cached_property
    def perfect_recall(self) -> bool:
        """Whether every player has perfect recall (see :attr:`recall_violation`)."""
        return self.recall_violation is None

    @cached_property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """Free symbols of payoffs and probabilities that are not continuous variables."""
        syms: set[sp.Symbol] = set()
        variables: set[sp.Symbol] = set()
        for _, node in node_paths(self.root):
            if isinstance(node, Outcome):
                for v in node.payoffs.values():
                    syms |= v.free_symbols
            elif isinstance(node, Chance):
                for p, _ in node.branches.values():
                    syms |= p.free_symbols
            elif isinstance(node, ContinuousDecision):
                variables.add(node.variable)
                for e in node.interval:
                    syms |= e.free_symbols
            elif isinstance(node, ContinuousChance):
                variables.add(node.variable)
                for e in node.distribution.support:
                    syms |= e.free_symbols
        return tuple(sorted(syms - variables, key=lambda s: s.name))

    @property
    def has_types(self) -> bool:
        """True when the tree draws a continuum of types (a :class:`ContinuousChance`)."""
        return any(isinstance(n, ContinuousChance) for _, n in node_paths(self.root))

    @property
    def has_continuous(self) -> bool:
        """True when the tree has a continuous decision."""
        return any(isinstance(n, ContinuousDecision) for _, n in node_paths(self.root))

    def default_space(self) -> ParameterSpace:
        """The space the parameters' own assumptions allow."""
        return self._default_space

    @cached_property
    def _default_space(self) -> ParameterSpace:
        return ParameterSpace.from_symbols(self.parameters)

    def node(self, path: str) -> Node:
        """The node at a path of actions (``"root"`` for the root)."""
        for p, n in node_paths(self.root):
            if p == path:
                return n
        raise InvalidGameError(f"no node at path {path!r}")

    # -- transformations ------------------------------------------------------------------
    def at(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> ExtensiveGame:
        """The tree with parameters substituted exactly."""
        point = self.default_space().partial_point(values, **kw)
        return ExtensiveGame(_substitute(self.root, point), self.players)

    def to_normal_form(self, *, budget: float | None = None) -> NormalFormGame:
        """The reduced normal form: a strategy fixes an action at every information set its own
        earlier actions do not exclude; payoffs are expectations over chance.

        Outcome probabilities carry over: a profile's outcome is the distribution over the
        tree's labelled outcomes it induces.

        Parameters
        ----------
        budget
            Seconds the construction may take (None: no limit); past it,
            :class:`~gametheory.BudgetExceededError`.  Without a budget the size is checked
            first: a normal form of more than 100,000 profiles, or whose profiles would take
            more than 5,000,000 node visits to play out, is refused with
            :class:`~gametheory.UnsupportedGameError` before anything is built.
        """
        return normal_form(self, Budget.of(budget, "to_normal_form"))

    def _plans_within(self, clock: Any) -> Mapping[str, tuple[tuple[str, Mapping[str, str]], ...]]:
        """:attr:`plans`, computed under a budget (and cached once complete)."""
        if "plans" in self.__dict__ or not clock.limited:
            return self.plans
        out = {}
        for p in self.players:
            plans = _plans(self.root, p, clock)
            labels = _plan_labels(plans, self.infosets)
            out[p] = tuple((lab, FrozenDict(plan)) for lab, plan in zip(labels, plans, strict=True))
        self.__dict__["plans"] = FrozenDict(out)
        return self.plans

    @cached_property
    def plans(self) -> Mapping[str, tuple[tuple[str, Mapping[str, str]], ...]]:
        """Each player's reduced pure strategies: (label, {information set: action}) pairs, in the
        order of the reduced normal form."""
        out = {}
        for p in self.players:
            plans = _plans(self.root, p)
            labels = _plan_labels(plans, self.infosets)
            out[p] = tuple((lab, FrozenDict(plan)) for lab, plan in zip(labels, plans, strict=True))
        return FrozenDict(out)

    def behaviour_to_mixed(
        self, strategies: Mapping[str, Mapping[str, object]]
    ) -> dict[str, dict[str, sp.Expr]]:
        """The mixed strategies on the reduced normal form that a behaviour profile induces.

        ``strategies`` maps information sets to ``{action: probability}``; a plan's probability is
        the product of the behaviour probabilities of its actions (Kuhn's theorem, perfect
        recall).  Information sets the profile omits raise ``InvalidGameError``, and a
        probability that is not a number or a sympy expression (a string is refused: it would be
        evaluated as Python) raises :class:`~gametheory.InvalidProfileError`; a tree without
        perfect recall raises :class:`~gametheory.ImperfectRecallError`.
        """
        require_perfect_recall(self, "ExtensiveGame.behaviour_to_mixed (behaviour strategies)")
        _check_behaviour(strategies, self.infosets)
        out: dict[str, dict[str, sp.Expr]] = {}
        for p in self.players:
            mix: dict[str, sp.Expr] = {}
            for label, plan in self.plans[p]:
                prob = sp.Integer(1)
                for h, a in plan.items():
                    if h not in strategies:
                        raise InvalidGameError(
                            f"the profile gives no strategy at information set {h!r}"
                        )
                    prob *= _behaviour_probability(strategies[h], h, a)
                mix[label] = prob
            out[p] = mix
        return out

    def to_gambit(self, title: str = "", comment: str = "") -> str:
        """The text of a Gambit ``.efg`` file holding this numeric tree (read it back with
        :func:`gametheory.read_gambit`); symbolic games: ``game.at(...).to_gambit()``."""
        return render("gambit", self, title, comment)

    # -- display --------------------------------------------------------------------------
    def __str__(self) -> str:
        return render("text", self)

    def __repr__(self) -> str:
        return f"<ExtensiveGame: {', '.join(self.players)}; {len(self.infosets)} information sets>"

    def _repr_latex_(self) -> str:
        return render("mathjax", self)

    def _repr_html_(self) -> str:
        return render("html", self)

    def to_latex(self, options: LatexOptions | None = None, /, **changes: Any) -> str:
        r"""The tree as a TikZ picture for a paper, drawn with the ``forest`` package: players
        at the nodes, actions and chance probabilities on the edges, payoffs (in the order of
        :attr:`players`) at the leaves, information sets as dashed lines.
        ``environment="forest"`` omits the ``figure`` float.  Needs
        ``\usepackage{forest, amsmath}``.  Options: a :class:`~gametheory.latex.LatexOptions`,
        or single ones by keyword (``caption=...``); see :func:`gametheory.latex.tree_latex`."""
        return render("latex", self, options, **changes)


def _behaviour_probability(strategy: object, infoset: str, action: str) -> sp.Expr:
    """The probability of ``action`` in a behaviour strategy ``{action: probability}``."""
    if not isinstance(strategy, Mapping):
        raise InvalidProfileError(
            f"the strategy at information set {infoset!r} is {type(strategy).__name__}, not a "
            "mapping {action: probability}"
        )
    value = strategy.get(action, 0)
    what = f"the probability of action {action!r} at information set {infoset!r}"
    return user_expr(value, what, InvalidProfileError)


def _check_players(players: object) -> tuple[str, ...]:
    if isinstance(players, str) or not isinstance(players, Sequence):
        raise InvalidPlayerError(f"players must be a list of names, got {players!r}")
    names = tuple(players)
    for p in names:
        if not isinstance(p, str) or not p:
            raise InvalidPlayerError(f"players has {p!r}; player names are non-empty strings")
    dup = sorted({p for p in names if names.count(p) > 1})
    if dup:
        raise InvalidPlayerError(f"players lists {', '.join(dup)} more than once")
    return names


def _check_parameters(parameters: object) -> list[sp.Symbol]:
    if isinstance(parameters, str) or not isinstance(parameters, Sequence | set | frozenset):
        raise InvalidGameError(f"parameters must be a list of sympy Symbols, got {parameters!r}")
    out = list(parameters)
    for s in out:
        if not isinstance(s, sp.Symbol):
            raise InvalidGameError(f"parameters has {s!r}, which is not a sympy Symbol")
    return out


def _check_behaviour(strategies: object, infosets: Mapping[str, InfoSet]) -> None:
    """A behaviour profile names known information sets and their actions only."""
    if not isinstance(strategies, Mapping):
        raise InvalidProfileError(
            "a behaviour profile is a mapping {information set: {action: probability}}, "
            f"got {type(strategies).__name__}"
        )
    for h, strategy in strategies.items():
        if h not in infosets:
            raise InvalidProfileError(
                f"the profile names information set {h!r}, which the game does not have "
                f"(information sets: {', '.join(infosets)})"
            )
        if isinstance(strategy, Mapping):
            extra = [x for x in strategy if x not in infosets[h].actions]
            if extra:
                raise InvalidProfileError(
                    f"the profile gives action {extra[0]!r} at information set {h!r}, which "
                    f"offers {', '.join(infosets[h].actions)}"
                )


def infoset_label(node: Decision | ContinuousDecision, path: str) -> str:
    """A node's information set: its ``infoset`` label, or ``"<player>@<path>"``."""
    return node.infoset if node.infoset is not None else f"{node.player}@{path}"


# -- validation -------------------------------------------------------------------------------


def _players(root: Node) -> list[str]:
    out: dict[str, None] = {}  # ordered, and linear in the number of players
    for _, node in node_paths(root):
        names = (
            [node.player]
            if isinstance(node, Decision | ContinuousDecision)
            else list(node.payoffs)
            if isinstance(node, Outcome)
            else []
        )
        for p in names:
            out.setdefault(p, None)
    return list(out)


def _check_seen_by(root: Node, players: tuple[str, ...]) -> None:
    for path, node in node_paths(root):
        if isinstance(node, ContinuousChance):
            for p in node.seen_by:
                if p not in players:
                    raise InvalidPlayerError(
                        f"the type {node.variable} drawn at node {path} is seen by {p!r}, which "
                        f"is not a player of the game (players: {', '.join(players)})"
                    )


def _validate(
    root: Node, players: tuple[str, ...], parameters: Sequence[sp.Symbol] | None
) -> list[sp.Basic]:
    conditions: list[sp.Basic] = []
    seen: dict[int, str] = {}
    infosets: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    allowed = None if parameters is None else set(parameters)
    variables = continuous_variables(root)
    types = type_variables(root)
    clash = variables & types
    if clash:
        raise InvalidGameError(
            f"{', '.join(sorted(map(str, clash)))} is both a type drawn by a continuous chance "
            "node and a continuous decision's variable; give each its own symbol"
        )
    variables = variables | types

    def _check_symbols(e: sp.Expr, bound: frozenset[sp.Symbol], where: str) -> None:
        free = e.free_symbols
        stray = sorted(str(s) for s in (free & variables) - bound)
        if stray:
            raise InvalidGameError(
                f"{where} uses {', '.join(stray)} outside the continuous decision that chooses "
                "it (or the continuous chance node that draws it)"
            )
        if allowed is not None:
            bad = sorted(str(s) for s in free - bound - variables if s not in allowed)
            if bad:
                raise InvalidGameError(
                    f"{where} uses {', '.join(bad)}: neither a declared parameter nor the "
                    "variable of an enclosing continuous decision or type"
                )

    player_set = set(players)

    def visit(node: Node, path: str, bound: frozenset[sp.Symbol]) -> None:
        if not isinstance(node, Outcome):
            if id(node) in seen:
                raise InvalidGameError(
                    f"node {path} is shared with node {seen[id(node)]}: a node has one parent "
                    "(build a separate subtree, or use an information set)"
                )
            seen[id(node)] = path
        if isinstance(node, Outcome):
            missing = [p for p in players if p not in node.payoffs]
            extra = [p for p in node.payoffs if p not in player_set]
            if missing or extra:
                what = (
                    f"misses {', '.join(missing)}"
                    if missing
                    else f"names unknown {', '.join(extra)}"
                )
                raise InvalidPayoffError(
                    f"outcome at node {path} {what} (players: {', '.join(players)})"
                )
            for p, v in node.payoffs.items():
                _check_symbols(v, bound, f"payoff of {p} at node {path}")
            return
        if isinstance(node, Decision | ContinuousDecision):
            label = infoset_label(node, path)
            acts = tuple(node.actions) if isinstance(node, Decision) else (str(node.variable),)
            if label in infosets:
                player, first, first_acts = infosets[label]
                if player != node.player:
                    raise InvalidGameError(
                        f"information set {label!r} mixes players: {player} at node {first}, "
                        f"{node.player} at node {path}"
                    )
                if first_acts != acts:
                    raise InvalidGameError(
                        f"information set {label!r} offers different actions: {list(first_acts)} at "
                        f"node {first}, {list(acts)} at node {path}"
                    )
            else:
                infosets[label] = (node.player, path, acts)
        if isinstance(node, ContinuousDecision):
            for e in node.interval:
                _check_symbols(e, bound, f"interval of {node.variable} at node {path}")
            pending.append(
                (node.then, child_key(path, str(node.variable)), bound | {node.variable})
            )
            return
        if isinstance(node, ContinuousChance):
            if allowed is not None and node.variable in allowed:
                raise InvalidGameError(
                    f"the type {node.variable} drawn at node {path} is also declared as a "
                    "parameter; a type is integrated over, not a parameter"
                )
            if node.variable in bound:
                raise InvalidGameError(
                    f"the type {node.variable} drawn at node {path} is drawn twice on one path"
                )
            for e in node.distribution.support:
                _check_symbols(e, bound, f"support of the type {node.variable} at node {path}")
            pending.append(
                (node.then, child_key(path, str(node.variable)), bound | {node.variable})
            )
            return
        if isinstance(node, Chance):
            for b, (prob, _) in node.branches.items():
                _check_symbols(prob, bound, f"probability of branch {b!r} at node {path}")
            conditions.extend(chance_conditions(node, path))
        for label, child in reversed(list(children(node))):
            pending.append((child, child_key(path, label), bound))

    # depth first without recursion (trees of any depth), children in order
    pending: list[tuple[Node, str, frozenset[sp.Symbol]]] = [(root, ROOT, frozenset())]
    while pending:
        visit(*pending.pop())
    return conditions


def chance_conditions(node: Chance, path: str) -> list[sp.Basic]:
    """The conditions making a chance node's probabilities a distribution (each in [0, 1],
    their sum 1), with those that hold identically left out.

    Three-valued, as sympy's own checks: what the symbols' assumptions refute raises
    :class:`InvalidGameError` naming the node and branch; what they leave undecided is returned.
    """
    out: list[sp.Basic] = []
    for b, (prob, _) in node.branches.items():
        if prob.is_negative:
            raise InvalidGameError(
                f"chance branch {b!r} at node {path} has a negative probability {prob}"
            )
        if (prob - 1).is_positive:
            raise InvalidGameError(
                f"chance branch {b!r} at node {path} has a probability {prob} above 1"
            )
        if not prob.is_number:
            out.extend(c for c in (sp.Ge(prob, 0), sp.Le(prob, 1)) if c is not sp.true)
    total = settled(sp.Add(*(q for q, _ in node.branches.values())))
    if total.is_number:
        if total != 1:
            listed = ", ".join(f"{b}: {q}" for b, (q, _) in node.branches.items())
            raise InvalidGameError(
                f"chance probabilities at node {path} sum to {total}, not 1 ({listed})"
            )
        return out
    side = never_one(total)
    if side is not None:
        listed = ", ".join(f"{b}: {q}" for b, (q, _) in node.branches.items())
        raise InvalidGameError(
            f"chance probabilities at node {path} sum to {total}, which is {side} 1 for every "
            f"value of {_names(total)} ({listed})"
        )
    out.append(sp.Eq(total, 1))
    return out


def never_one(total: sp.Expr) -> str | None:
    """``"above"`` or ``"below"`` when the symbols' assumptions prove ``total`` is never 1."""
    excess = settled(total - 1)
    if excess.is_positive:
        return "above"
    if excess.is_negative:
        return "below"
    return None


def _names(expr: sp.Expr) -> str:
    return ", ".join(sorted(str(s) for s in expr.free_symbols))


def _own_histories(
    root: Node,
) -> list[tuple[str, Decision | ContinuousDecision, tuple[Move, ...]]]:
    """Every decision node, depth first, with its player's own earlier moves on the way to it."""
    out: list[tuple[str, Decision | ContinuousDecision, tuple[Move, ...]]] = []
    stack: list[tuple[str, Node, dict[str, tuple[Move, ...]]]] = [(ROOT, root, {})]
    while stack:
        path, node, own = stack.pop()
        kids = list(children(node))
        if isinstance(node, Decision | ContinuousDecision):
            mine = own.get(node.player, ())
            out.append((path, node, mine))
            label = infoset_label(node, path)
            steps = [{**own, node.player: (*mine, (label, a))} for a, _ in kids]
        else:
            steps = [own] * len(kids)
        for (a, child), after in reversed(list(zip(kids, steps, strict=True))):
            stack.append((child_key(path, a), child, after))
    return out


def continuous_variables(root: Node) -> set[sp.Symbol]:
    """Variables of the tree's continuous decisions."""
    return {n.variable for _, n in node_paths(root) if isinstance(n, ContinuousDecision)}


def type_variables(root: Node) -> set[sp.Symbol]:
    """Types drawn by the tree's continuous chance nodes."""
    return {n.variable for _, n in node_paths(root) if isinstance(n, ContinuousChance)}


# -- normal form --------------------------------------------------------------------------------


Plan = dict[str, str]


def _plans(root: Node, player: str, clock: Any = None) -> list[Plan]:
    """Reduced pure strategies of ``player`` (minimal consistent assignments), children first
    without recursion (trees of any depth)."""
    done: dict[int, list[Plan]] = {}
    stack: list[tuple[int, str, Node, list[tuple[str, int]] | None]] = [(0, ROOT, root, None)]
    fresh = 1
    built = 0
    while stack:
        key, path, node, kids = stack.pop()
        if kids is None:
            kids = []
            for a, _ in children(node):
                kids.append((a, fresh))
                fresh += 1
            if kids:
                stack.append((key, path, node, kids))
                stack.extend(
                    (k, child_key(path, a), c, None)
                    for (a, k), (_, c) in zip(kids, children(node), strict=True)
                )
                continue
        if clock is not None:
            clock.check(f"nodes whose reduced plans of {player!r} are built", built)
        built += 1
        if not kids:
            done[key] = [{}]
        elif isinstance(node, Decision) and node.player == player:
            label = infoset_label(node, path)
            out: list[Plan] = []
            for a, k in kids:
                out.extend({label: a, **plan} for plan in done.pop(k) if plan.get(label, a) == a)
            done[key] = out
        else:
            result: list[Plan] = [{}]
            for _, k in kids:
                sub = done.pop(k)
                merged: list[Plan] = []
                for left in result:
                    if clock is not None:
                        clock.check(f"nodes whose reduced plans of {player!r} are built", built)
                    merged.extend(
                        {**left, **right}
                        for right in sub
                        if all(left.get(h, v) == v for h, v in right.items())
                    )
                result = merged
            done[key] = _dedupe(result)
    return done[0]


def normal_form(game: ExtensiveGame, clock: Budget) -> NormalFormGame:
    """:meth:`ExtensiveGame.to_normal_form` under a budget (size checked first if unlimited)."""
    if game.has_types:
        path = next(p for p, n in node_paths(game.root) if isinstance(n, ContinuousChance))
        raise UnsupportedGameError(
            f"node {path} draws a continuum of types, so the tree has no finite normal "
            "form; use gt.spe"
        )
    if game.has_continuous:
        raise UnsupportedGameError(
            "a tree with a continuous decision has no finite normal form; use gt.spe"
        )
    if not clock.limited:
        _check_size(game, plan_bounds(game))
    plans = game._plans_within(clock)
    if not clock.limited:
        _check_size(game, {p: len(plans[p]) for p in game.players})
    labels = {p: [lab for lab, _ in plans[p]] for p in game.players}
    payoffs: dict[tuple[str, ...], tuple[sp.Expr, ...]] = {}
    outcomes: dict[tuple[str, ...], dict[str, sp.Expr]] = {}
    total = 1
    for p in game.players:
        total *= len(plans[p])
    for done, combo in enumerate(itertools.product(*(range(len(plans[p])) for p in game.players))):
        clock.check("normal-form profiles played out", done, total)
        choice: dict[str, str] = {}
        for p, k in zip(game.players, combo, strict=True):
            choice.update(plans[p][k][1])
        pay, lottery = _play(game.root, choice, game.players)
        prof = tuple(labels[p][k] for p, k in zip(game.players, combo, strict=True))
        payoffs[prof] = tuple(sp.expand(v) for v in pay)
        outcomes[prof] = lottery
    return NormalFormGame({p: labels[p] for p in game.players}, payoffs, outcomes=outcomes)


def plan_bounds(game: ExtensiveGame) -> dict[str, int]:
    """An upper bound on each player's number of reduced plans, computed without building them:
    the smaller of a count over the tree (sums at the player's own nodes, products elsewhere)
    and a product over its information sets (of the action counts under perfect recall, of the
    action counts plus one otherwise)."""
    out: dict[str, int] = {}
    for p in game.players:
        counts: dict[int, int] = {}
        for node in postorder(game.root):
            kids = [c for _, c in children(node)]
            if not kids:
                counts[id(node)] = 1
            elif isinstance(node, Decision) and node.player == p:
                counts[id(node)] = sum(counts[id(c)] for c in kids)
            else:
                prod = 1
                for c in kids:
                    prod *= counts[id(c)]
                counts[id(node)] = prod
        # A reduced plan names at most one action at each of the player's information sets, so
        # there are at most prod(|A(h)| + 1) of them, and prod(|A(h)|) under perfect recall.
        full = 1
        for info in game.infosets.values():
            if info.player == p:
                full *= len(info.actions) + (0 if game.perfect_recall else 1)
        out[p] = min(counts[id(game.root)], full)
    return out


MAX_PROFILES = 100_000
"""Normal forms larger than this are refused without a budget (``to_normal_form``)."""
MAX_VISITS = 5_000_000
"""Profiles times tree depth beyond this are refused without a budget."""


def _check_size(game: ExtensiveGame, plans: Mapping[str, int]) -> None:
    profiles = 1
    for n in plans.values():
        profiles *= n
    depth = 0
    stack: list[tuple[Node, int]] = [(game.root, 0)]
    while stack:
        node, d = stack.pop()
        depth = max(depth, d)
        stack.extend((c, d + 1) for _, c in children(node))
    if profiles <= MAX_PROFILES and profiles * depth <= MAX_VISITS:
        return
    sizes = " x ".join(f"{n:,}" for n in plans.values())
    who = ", ".join(repr(p) for p in plans)
    raise UnsupportedGameError(
        f"the reduced normal form of this tree would have up to {profiles:,} profiles ({sizes} "
        f"plans for {who}), each played out over up to {depth:,} moves: past the limits of "
        f"{MAX_PROFILES:,} profiles and {MAX_VISITS:,} node visits built without a budget; "
        "solve the tree with gt.spe or gt.pbe, or give a budget in seconds "
        "(gt.nash(game, budget=60)) to build it anyway"
    )


def _dedupe(plans: list[Plan]) -> list[Plan]:
    seen: dict[tuple[tuple[str, str], ...], Plan] = {}
    for p in plans:
        seen.setdefault(tuple(sorted(p.items())), p)
    return list(seen.values())


def _plan_labels(plans: list[Plan], infosets: Mapping[str, InfoSet]) -> list[str]:
    order = list(infosets)
    short = [" ".join(p[h] for h in order if h in p) or "(no move)" for p in plans]
    if len(set(short)) == len(short):
        return short
    return [", ".join(f"{h}:{p[h]}" for h in order if h in p) for p in plans]


def _play(
    root: Node, choice: Mapping[str, str], players: tuple[str, ...]
) -> tuple[list[sp.Expr], dict[str, sp.Expr]]:
    """Expected payoffs and the outcome lottery of a pure profile (iterative: any depth)."""
    pay: list[sp.Expr] = [sp.Integer(0)] * len(players)
    lottery: dict[str, sp.Expr] = {}
    stack: list[tuple[str, Node, sp.Expr]] = [(ROOT, root, sp.Integer(1))]
    while stack:
        path, node, weight = stack.pop()
        if isinstance(node, Outcome):
            label = outcome_label(node, path)
            pay = [x + weight * node.payoffs[p] for x, p in zip(pay, players, strict=True)]
            lottery[label] = lottery.get(label, sp.Integer(0)) + weight
        elif isinstance(node, Decision):
            a = choice[infoset_label(node, path)]
            stack.append((child_key(path, a), node.actions[a], weight))
        elif isinstance(node, Chance):
            for b, (prob, child) in list(node.branches.items())[::-1]:
                stack.append((child_key(path, b), child, weight * prob))
        else:
            raise UnsupportedGameError(
                f"node {path} is a continuous decision or a continuum of types"
            )
    return pay, lottery


def substitute(root: Node, point: Mapping[sp.Symbol, sp.Expr]) -> Node:
    """The tree with ``point`` substituted in payoffs, probabilities and intervals (children
    first, without recursion, so trees of any depth work)."""
    done: dict[int, Node] = {}
    for node in postorder(root):
        done[id(node)] = _substituted(node, point, done)
    return done[id(root)]


def _substituted(node: Node, point: Mapping[sp.Symbol, sp.Expr], done: Mapping[int, Node]) -> Node:
    if isinstance(node, Outcome):
        return Outcome(node.label, **{p: v.xreplace(point) for p, v in node.payoffs.items()})
    if isinstance(node, Decision):
        return Decision(
            node.player, {a: done[id(c)] for a, c in node.actions.items()}, node.infoset
        )
    if isinstance(node, Chance):
        return Chance({b: (p.xreplace(point), done[id(c)]) for b, (p, c) in node.branches.items()})
    if isinstance(node, ContinuousChance):
        return ContinuousChance(
            node.variable, node.distribution.at(point), done[id(node.then)], node.seen_by
        )
    lo, hi = node.interval
    return ContinuousDecision(
        node.player,
        node.variable,
        (lo.xreplace(point), hi.xreplace(point)),
        done[id(node.then)],
        node.infoset,
    )


_substitute = substitute
