"""Results: an :class:`Equilibrium` with the conditions under which it exists, and a :class:`Solution`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import sympy as sp

from ._format import conditions_text, strategy_text
from ._frozen import freeze
from ._latex_options import LatexOptions
from ._present_registry import render
from .beliefs import BeliefSet
from .diagnostics import Diagnostic, Limit, Merged, Undecided
from .errors import GameError
from .kinds import CONCEPTS, KINDS, Concept, Kind, Refinement, check_choice
from .params import ParameterSpace, Point

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Equilibrium", "Removal", "Solution"]

_NESTED = {
    "strategies": 2,
    "payoffs": 1,
    "outcomes": 1,
    "witness": 1,
    "beliefs": 2,
    "belief_sets": 1,
    "equivalent": 1,
}
"""The mapping fields of an :class:`Equilibrium` and how deep they nest."""

Strategies = Mapping[str, Mapping[str, sp.Expr]]


@dataclass(frozen=True)
class Equilibrium:
    """One equilibrium: strategies, payoffs and outcome probabilities as expressions in the
    parameters, with the conditions under which it is an equilibrium.

    Attributes
    ----------
    kind
        ``"pure"`` or ``"mixed"`` for Nash equilibria (``"pooling"``, ``"separating"``, ... for
        perfect Bayesian ones; :data:`gametheory.kinds.Kind` lists them).
    strategies
        ``{player: {action: probability}}`` (for trees: ``{information set: {action: probability}}``).
    payoffs
        ``{player: expected payoff}``.
    outcomes
        ``{outcome label: probability}``; e.g. ``eq.outcomes["war"]``.
    conditions
        A sympy Boolean: where in the space this is an equilibrium.  Weak inequalities include the
        boundary, so several equilibria may hold at a boundary point.
    witness
        An exact parameter point of the space where the conditions hold, or ``None`` when none was
        found (the region could not be decided either way).
    beliefs
        Perfect Bayesian equilibria only: ``{information set: {node or type: probability}}``.
        Off the path, where the belief is free, each node's entry is a ``sympy.Interval``: the
        range of beliefs on that node that support the equilibrium (exact; for an information set
        with three or more nodes the full set is in ``belief_sets``).
    space
        The parameter space the conditions were simplified under.
    belief_sets
        Perfect Bayesian equilibria only: ``{information set: BeliefSet}`` at every information
        set whose belief is free (off the path): the polytope of supporting beliefs, exactly.
    equivalent
        Subgame-perfect equilibria only: ``{information set: actions}`` where this entry stands
        for a group of pure equilibria with the same conditions, payoffs and distribution of
        play, that differ only in tied choices at these information sets (off the path, or
        between actions with identical consequences).  ``strategies`` shows one member; not
        every combination of the listed actions need be a member.
    variants
        How many pure-choice equilibria the entry stands for, exactly (1 unless ``equivalent``
        is set); ``sum(eq.variants for eq in sol)`` counts them all.
    on_boundary
        Whether the conditions hold only on a lower-dimensional set of the parameters (they
        include an equality, e.g. a tie ``2*c_B = V``); solvers list such equilibria after the
        generic ones, and ``Solution.generic()`` leaves them out.
    """

    kind: Kind
    strategies: Strategies
    payoffs: Mapping[str, sp.Expr]
    outcomes: Mapping[str, sp.Expr]
    conditions: sp.Boolean
    witness: Point | None
    space: ParameterSpace
    beliefs: Mapping[str, Mapping[str, sp.Expr]] = field(default_factory=dict)
    belief_sets: Mapping[str, BeliefSet] = field(default_factory=dict)
    equivalent: Mapping[str, frozenset[str]] = field(default_factory=dict)
    variants: int = 1

    def __post_init__(self) -> None:
        check_choice(self.kind, KINDS, "Equilibrium.kind")
        # frozen all the way down: read-only mappings, so equal equilibria hash equal
        for name, depth in _NESTED.items():
            object.__setattr__(self, name, freeze(getattr(self, name), depth))

    @property
    def diagnostics(self) -> tuple[Merged, ...]:
        """The groups of equivalent choices this entry stands for, one :class:`Merged` per
        information set of ``equivalent``."""
        return tuple(Merged(h, a) for h, a in self.equivalent.items())

    @property
    def on_boundary(self) -> bool:
        """Whether the conditions include an equality between parameters (see the class doc)."""
        return any(isinstance(a, sp.Eq) for a in sp.preorder_traversal(self.conditions))

    # -- evaluation ---------------------------------------------------------------------
    def holds_at(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> bool:
        """Whether the conditions hold at a point of the space (checked exactly)."""
        point = self.space.point(values, **kw)
        return _holds(self.conditions, point)

    def at(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> Equilibrium | None:
        """This equilibrium evaluated exactly at a point, or ``None`` if it does not exist there.

        Raises :class:`~gametheory.errors.GameError` subclasses for unknown, missing or
        out-of-space parameters.
        """
        point = self.space.point(values, **kw)
        if not _holds(self.conditions, point):
            return None
        return self._evaluated(point)

    def _evaluated(self, point: Point) -> Equilibrium:
        def ev(e: sp.Expr) -> sp.Expr:
            return e.xreplace(point) if e.free_symbols else e

        strategies = {p: {a: ev(v) for a, v in s.items()} for p, s in self.strategies.items()}
        kind = self.kind
        if kind == "mixed":  # a pure equilibrium stays pure (continuous choices are not 0/1)
            pure = all(v in (0, 1) for s in strategies.values() for v in s.values())
            kind = "pure" if pure else "mixed"
        return replace(
            self,
            kind=kind,
            strategies=strategies,
            payoffs={p: ev(v) for p, v in self.payoffs.items()},
            outcomes={o: ev(v) for o, v in self.outcomes.items()},
            beliefs=_beliefs_at(self.beliefs, self.belief_sets, point),
            belief_sets={h: b.at(point) for h, b in self.belief_sets.items()},
            conditions=sp.true,
            witness=dict(point),
        )

    def key(self) -> tuple[Any, ...]:
        """A hashable key of the strategies and beliefs (equal keys: the same equilibrium)."""
        return (
            tuple((p, tuple(s.items())) for p, s in self.strategies.items()),
            tuple((i, tuple(b.items())) for i, b in self.beliefs.items()),
        )

    # -- display --------------------------------------------------------------------------
    def __str__(self) -> str:
        return render("text", self)

    def __repr__(self) -> str:
        strat = "; ".join(f"{p}: {strategy_text(s)}" for p, s in self.strategies.items())
        return (
            f"<Equilibrium {self.kind}: {strat} | {conditions_text(self.conditions, self.space)}>"
        )

    def _repr_latex_(self) -> str:
        return render("mathjax", self)


def _beliefs_at(
    beliefs: Mapping[str, Mapping[str, sp.Expr]],
    sets: Mapping[str, BeliefSet],
    point: Point,
) -> dict[str, dict[str, sp.Expr]]:
    """Beliefs at a point: expressions evaluated; a free belief's entries are the exact ranges
    of its belief set there."""
    out: dict[str, dict[str, sp.Expr]] = {}
    for h, b in beliefs.items():
        if h in sets and len(sets[h].nodes) > 2:
            at = sets[h].at(point)
            out[h] = {n: at.interval(n) for n in at.nodes}
        else:
            out[h] = {n: v.xreplace(point) if v.free_symbols else v for n, v in b.items()}
    return out


@dataclass(frozen=True)
class Removal:
    """An equilibrium a refinement removed (or narrowed), and why.

    Attributes
    ----------
    equilibrium
        The equilibrium as the unrefined solution lists it.
    criterion
        ``"intuitive"`` or ``"D1"``.
    message
        The off-path message (or action) at which it fails.
    types
        The types whose deviation kills it: for the intuitive criterion, a type that would gain
        from the message against every reply to beliefs on the types not equilibrium-dominated
        there; for D1, the types left in the beliefs after the message.
    where
        The condition on the parameters under which it fails there (``sympy.true``: wherever
        it exists).
    reason
        The test in words.
    """

    equilibrium: Equilibrium
    criterion: Refinement
    message: str
    types: tuple[str, ...]
    where: sp.Boolean
    reason: str

    def __str__(self) -> str:
        return self.reason


def _holds(cond: sp.Boolean, point: Point) -> bool:
    if cond is sp.true:
        return True
    try:
        value = cond.xreplace(point)
    except TypeError:  # a relation between non-real numbers: the square root of a negative
        return False  # discriminant, where that discriminant's own condition fails (n-player)
    if value in (sp.true, sp.false):
        return bool(value)
    return bool(sp.simplify(value))


@dataclass(frozen=True)
class Solution:
    """The equilibria of a game, each with the conditions under which it exists.

    Iterate over it for the :class:`Equilibrium` objects; ``print`` it for a table.

    Attributes
    ----------
    game
        The game that was solved.
    equilibria
        The equilibria, in a deterministic order.
    space
        The parameter space the conditions were simplified under.
    concept
        ``"nash"``, ``"spe"`` or ``"pbe"``; a refined one is ``"pbe (intuitive)"`` or
        ``"pbe (D1)"`` (:data:`gametheory.kinds.Concept`).
    method
        The algorithm used (e.g. ``"support enumeration (symbolic)"``).
    degenerate
        True when some equilibria form continua (their extreme points are reported): two
        equilibria that can hold together share one player's strategy.
    complete
        True only when the solver proved it listed every equilibrium of the concept (extreme
        points of continua included); ``incomplete`` says why not.
    notes
        What the solver could not decide or did not compute, in words: the sentences of
        ``diagnostics`` (other than limits), then any plain notes.
    undecided
        Candidate equilibria whose conditions could be neither refuted nor witnessed (nonlinear
        sets of lower dimension, on degenerate boundaries).  They are not listed, but
        :meth:`at` includes each one where its conditions hold, so no equilibrium is lost.
    incomplete
        Why ``complete`` is False: one sentence per limit the solver hit (empty when complete);
        the plain reasons, then the sentences of the :class:`~gametheory.diagnostics.Limit`
        diagnostics.
    removed
        Refined solutions only: the :class:`Removal` of each equilibrium a refinement removed
        or narrowed, with the message and types that kill it.
    diagnostics
        What the solver noticed, typed (:mod:`gametheory.diagnostics`: ties, undecided
        candidates, numeric fallbacks, limits, ...); ``notes`` and ``incomplete`` are rendered
        from them.  Ask ``any(isinstance(d, gt.Undecided) for d in sol.diagnostics)`` rather
        than searching the notes' text.

    Examples
    --------
    >>> import sympy as sp
    >>> import gametheory as gt
    >>> c = sp.Symbol("c", positive=True)
    >>> chicken = gt.NormalFormGame.from_matrices([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    >>> sol = gt.nash(chicken)
    >>> sol.concept, len(sol)
    ('nash', 4)
    >>> len(sol.at(c=2))  # the two pure equilibria in which one side prevails, and the mixed one
    3
    >>> sol[3].at(c=2).strategies["Row"]
    {'s1': 1/2, 's2': 1/2}
    >>> sol[2].holds_at(c=2), sol[2].holds_at(c=sp.Rational(1, 2))
    (False, True)
    """

    game: Any
    equilibria: tuple[Equilibrium, ...]
    space: ParameterSpace
    concept: Concept
    method: str
    degenerate: bool = False
    complete: bool = True
    notes: tuple[str, ...] = ()
    undecided: tuple[Equilibrium, ...] = ()
    incomplete: tuple[str, ...] = ()
    removed: tuple[Removal, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    def __post_init__(self) -> None:
        check_choice(self.concept, CONCEPTS, "Solution.concept")
        doubt = getattr(self.space, "undecided", None)  # a space that may be empty
        diags = tuple(self.diagnostics)
        if doubt and doubt not in self.incomplete and Limit("space", doubt) not in diags:
            diags = (*diags, Limit("space", doubt))
        object.__setattr__(self, "diagnostics", diags)
        # notes: the diagnostics' sentences, then plain notes; incomplete: plain reasons, then
        # the limits' sentences (rendered text already present is not repeated, so that
        # dataclasses.replace, which passes the rendered fields back, changes nothing)
        said = tuple(str(d) for d in diags if not isinstance(d, Limit))
        limits = tuple(str(d) for d in diags if isinstance(d, Limit))
        object.__setattr__(self, "notes", (*said, *(n for n in self.notes if n not in said)))
        reasons = (*(r for r in self.incomplete if r not in limits), *limits)
        object.__setattr__(self, "incomplete", reasons)
        if limits:
            object.__setattr__(self, "complete", False)
        if not self.complete and not self.incomplete:
            raise ValueError("an incomplete solution must say why (Solution.incomplete)")
        if self.complete and self.incomplete:
            raise ValueError("a complete solution has no reasons to be incomplete")

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k: int) -> Equilibrium:
        return self.equilibria[k]

    def at(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> Solution:
        """The equilibria that exist at a point, evaluated exactly (duplicates merged)."""
        point = self.space.point(values, **kw)
        seen: dict[Any, Equilibrium] = {}
        for eq in (*self.equilibria, *self.undecided):
            if _holds(eq.conditions, point):
                ev = eq._evaluated(point)
                seen.setdefault((ev.key(), tuple(sorted(ev.equivalent.items()))), ev)
        eqs = _without_contained(_without_members(tuple(seen.values())))
        params = getattr(self.game, "parameters", ())
        game = (
            self.game.at({s: v for s, v in point.items() if s in params}) if params else self.game
        )
        return replace(
            self,
            game=game,
            equilibria=eqs,
            degenerate=(
                _shares_strategy(eqs)
                if _two_player_nash(self)
                else self.degenerate and len(eqs) > 1
            ),
            undecided=(),
            diagnostics=tuple(d for d in self.diagnostics if not isinstance(d, Undecided)),
            notes=self._plain_notes(),
        )

    def _plain_notes(self) -> tuple[str, ...]:
        """The notes not rendered from a diagnostic."""
        said = {str(d) for d in self.diagnostics}
        return tuple(n for n in self.notes if n not in said)

    def generic(self) -> Solution:
        """The equilibria that hold on a full-dimensional region of the space (none of whose
        conditions is an equality): what a generic parameter point sees.  Equilibria on tie
        boundaries (``eq.on_boundary``) are correct too; this only filters them out."""
        return replace(self, equilibria=tuple(e for e in self.equilibria if not e.on_boundary))

    # -- display --------------------------------------------------------------------------
    def __str__(self) -> str:
        return render("text", self)

    def __repr__(self) -> str:
        return f"<Solution {self.concept}: {len(self.equilibria)} equilibria ({self.method})>"

    def _repr_latex_(self) -> str:
        return render("mathjax", self)

    def _repr_html_(self) -> str:
        return render("html", self)

    def to_latex(self, options: LatexOptions | None = None, /, **changes: Any) -> str:
        r"""The equilibria as a LaTeX table for a paper (booktabs style): kind, strategies,
        payoffs, optionally outcome probabilities, beliefs, and the conditions, a line per
        inequality.  ``environment="tabular"`` omits the ``table`` float (caption, label and
        notes go with it).  Needs ``\usepackage{booktabs, amsmath}``.  Options: a
        :class:`~gametheory.latex.LatexOptions`, or single ones by keyword (``caption=...``)."""
        return render("latex", self, options, **changes)

    def to_frame(self) -> pd.DataFrame:
        """One row per equilibrium: kind, a column per ``player:action`` probability, a payoff
        column per player, a probability column per outcome label, and the conditions."""
        return render("frame", self)


def _without_members(eqs: tuple[Equilibrium, ...]) -> tuple[Equilibrium, ...]:
    """Without the entries that another entry's group of equivalent choices stands for (at a
    tie point a boundary entry may group choices that generic entries list one by one)."""
    if not any(e.equivalent for e in eqs):
        return eqs
    kept = []
    for i, e in enumerate(eqs):
        if not any(
            j != i and _member(e, f) and (not _member(f, e) or j < i) for j, f in enumerate(eqs)
        ):
            kept.append(e)
    return tuple(kept)


def _member(e: Equilibrium, f: Equilibrium) -> bool:
    """Whether every profile ``e`` stands for is one ``f`` stands for: the same payoffs and
    play, and ``e``'s choices where they differ (and its own groups) within ``f``'s groups."""
    if e.payoffs != f.payoffs or e.outcomes != f.outcomes:
        return False
    for h, acts in e.equivalent.items():
        if not acts <= f.equivalent.get(h, frozenset()):
            return False
    for h, mix in e.strategies.items():
        other = f.strategies.get(h)
        if other == mix:
            continue
        group = f.equivalent.get(h, frozenset())
        if other is None or not group:
            return False
        chosen = {a for a, v in mix.items() if v != 0} | {a for a, v in other.items() if v != 0}
        pure = all(v in (0, 1) for v in (*mix.values(), *other.values()))
        if not pure or not chosen <= group:
            return False
    return True


def _without_contained(eqs: tuple[Equilibrium, ...]) -> tuple[Equilibrium, ...]:
    """Numeric PBE without those another one contains: the same strategies, and beliefs inside
    the other's (a mixed family's end point meeting a pure family whose off-path belief set
    holds its belief).  Equilibria without beliefs are returned as they are."""
    if not any(e.belief_sets for e in eqs):
        return eqs
    kept = []
    for i, e in enumerate(eqs):
        inside = [
            j
            for j, f in enumerate(eqs)
            if j != i and e.strategies == f.strategies and _beliefs_within(e, f)
        ]
        if any(not _beliefs_within(eqs[j], e) or j < i for j in inside):
            continue
        kept.append(e)
    return tuple(kept)


def _beliefs_within(e: Equilibrium, f: Equilibrium) -> bool:
    """Whether every belief of ``e`` (numeric) is one that ``f`` allows."""
    for h, be in e.beliefs.items():
        bf = f.beliefs.get(h)
        if bf is None or dict(be) == dict(bf):
            continue
        if h not in f.belief_sets:
            return False
        inner = e.belief_sets.get(h)
        points = inner.vertices() if inner is not None else (be,)
        try:
            if not points or not all(f.belief_sets[h].contains(x) for x in points):
                return False
        except (GameError, TypeError):
            return False
    return True


def _two_player_nash(sol: Solution) -> bool:
    players = getattr(sol.game, "players", ())
    return sol.concept == "nash" and len(players) == 2


def _shares_strategy(eqs: tuple[Equilibrium, ...]) -> bool:
    """True when two distinct numeric equilibria share some player's strategy (a continuum)."""
    for i, e in enumerate(eqs):
        for f in eqs[i + 1 :]:
            if e.key() == f.key():
                continue
            if any(dict(e.strategies[p]) == dict(f.strategies[p]) for p in e.strategies):
                return True
    return False
