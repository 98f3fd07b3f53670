"""What the signalling refinements share: the sender–receiver structure of a tree, conditions
as disjunctions of conjunctions of atoms, the receiver's best replies to beliefs on a set of
types (parametric Fourier–Motzkin), and the loop that narrows each equilibrium to where it
passes a test, recording a :class:`~gametheory.equilibrium.Removal` where it fails.

A condition is kept in disjunctive normal form, ``DNF = list[Term]``, a ``Term`` being a tuple
of atoms on the parameters (``[]`` is false, ``[()]`` true).  With numeric payoffs every atom
is a constant and every condition collapses to true or false, so the numeric case costs no
reduction; symbolic terms are pruned with :func:`gametheory.conditions.reduce` as they form.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import sympy as sp

from ..conditions import FALSE, Atom, atom, reduce
from ..diagnostics import Caveat, Diagnostic, Eliminated, Refined
from ..equilibrium import Equilibrium, Removal, Solution
from ..errors import UnsupportedGameError
from ..games.extensive import ExtensiveGame, infoset_label
from ..games.tree import Chance, Decision, Outcome
from ..kinds import REFINED_CONCEPT, Refinement
from ..params import ParameterSpace
from ._pbe_fm import Lin, eliminate

__all__ = ["DNF", "Failure", "Signalling", "conj", "disj", "gt0", "lt0", "neg", "refine"]

Term = tuple[Atom, ...]
DNF = list[Term]
TRUE_: DNF = [()]
FALSE_: DNF = []

MAX_ROWS = 4000  # Fourier–Motzkin rows beyond this are refused (solve at a point)


# -- the structure --------------------------------------------------------------------------


class Signalling:
    """The sender–receiver structure of a tree: a chance root over the sender's types, each
    type's decision (its own information set) over the same messages, then one receiver's
    decision per message (one information set across types) whose every action ends the game.
    """

    def __init__(self, game: object, criterion: str) -> None:
        to_tree = getattr(game, "to_extensive", None)
        tree = to_tree() if callable(to_tree) else game
        problem = f"{criterion} needs a signalling game: "
        if not isinstance(tree, ExtensiveGame):
            raise UnsupportedGameError(problem + f"got {type(game).__name__}, not a game tree")
        root = tree.root
        if not isinstance(root, Chance) or len(root.branches) < 2:
            raise UnsupportedGameError(
                problem + "a chance move over two or more sender types at the root"
            )
        self.types: tuple[str, ...] = tuple(root.branches)
        self.sender_infoset: dict[str, str] = {}
        self.receiver_infoset: dict[str, str] = {}
        self.actions: dict[str, tuple[str, ...]] = {}
        self._leaves: dict[tuple[str, str, str], Outcome] = {}
        senders: set[str] = set()
        receivers: set[str] = set()
        messages: tuple[str, ...] | None = None
        for t, (_, node) in root.branches.items():
            if not isinstance(node, Decision):
                raise UnsupportedGameError(problem + f"type {t!r} does not move (the sender)")
            self.sender_infoset[t] = infoset_label(node, t)
            senders.add(node.player)
            if messages is None:
                messages = tuple(node.actions)
            elif tuple(node.actions) != messages:
                raise UnsupportedGameError(
                    problem + f"type {t!r} has messages {list(node.actions)}, not {list(messages)}"
                )
            for m, reply in node.actions.items():
                if not isinstance(reply, Decision):
                    raise UnsupportedGameError(
                        problem + f"no receiver's decision after type {t!r} sends {m!r}"
                    )
                receivers.add(reply.player)
                label = infoset_label(reply, f"{t}/{m}")
                if self.receiver_infoset.setdefault(m, label) != label:
                    raise UnsupportedGameError(
                        problem + f"the receiver must not see the type after message {m!r}"
                    )
                self.actions[m] = tuple(reply.actions)
                for x, leaf in reply.actions.items():
                    if not isinstance(leaf, Outcome):
                        raise UnsupportedGameError(
                            problem + f"the receiver's reply {x!r} to {m!r} (type {t!r}) must "
                            "end the game with an outcome"
                        )
                    self._leaves[(t, m, x)] = leaf
        if len(senders) != 1 or len(receivers) != 1 or senders == receivers:
            raise UnsupportedGameError(problem + "one sender and one other player, the receiver")
        if len(set(self.sender_infoset.values())) != len(self.types):
            raise UnsupportedGameError(problem + "the sender must know its type")
        assert messages is not None  # at least two types were read
        self.messages = messages
        self.sender = senders.pop()
        self.receiver = receivers.pop()

    def u(self, t: str, m: str, x: str) -> sp.Expr:
        """The sender's payoff."""
        return sp.sympify(self._leaves[(t, m, x)].payoffs[self.sender])

    def v(self, t: str, m: str, x: str) -> sp.Expr:
        """The receiver's payoff."""
        return sp.sympify(self._leaves[(t, m, x)].payoffs[self.receiver])

    def off_path(self, eq: Equilibrium) -> list[str]:
        """The messages no type sends (probability identically zero)."""
        return [
            m
            for m in self.messages
            if all(
                sp.sympify(eq.strategies[self.sender_infoset[t]].get(m, 0)) == 0 for t in self.types
            )
        ]

    def value(self, eq: Equilibrium, t: str) -> sp.Expr:
        """Type ``t``'s equilibrium payoff ``u*(t)``."""
        out = sp.Integer(0)
        for m, pm in eq.strategies[self.sender_infoset[t]].items():
            if sp.sympify(pm) == 0:
                continue
            for x, px in eq.strategies[self.receiver_infoset[m]].items():
                out += pm * px * self.u(t, m, x)
        return sp.expand(out)

    def reply_support(self, eq: Equilibrium, m: str) -> tuple[str, ...]:
        """The actions the receiver plays with positive probability after ``m``."""
        return tuple(
            x for x, p in eq.strategies[self.receiver_infoset[m]].items() if sp.sympify(p) != 0
        )


# -- conditions in disjunctive normal form ----------------------------------------------------


def _term(atoms: Iterable[Atom]) -> DNF:
    out: list[Atom] = []
    for a in atoms:
        if a == FALSE:
            return FALSE_
        if a not in out:
            out.append(a)
    return [tuple(out)]


def cmp(expr: sp.Expr, op: str, space: ParameterSpace) -> DNF:
    """``expr op 0`` as a condition."""
    return _term(atom(sp.expand(expr), op, space=space))


def gt0(expr: sp.Expr, space: ParameterSpace) -> DNF:
    """``expr > 0``."""
    return cmp(expr, ">", space)


def lt0(expr: sp.Expr, space: ParameterSpace) -> DNF:
    """``expr < 0``."""
    return cmp(-expr, ">", space)


def disj(*parts: DNF) -> DNF:
    out: DNF = []
    for p in parts:
        for term in p:
            if not term:
                return TRUE_
            if term not in out:
                out.append(term)
    return out


def conj(*parts: DNF, space: ParameterSpace | None = None) -> DNF:
    """The conjunction; with ``space``, terms the space excludes are dropped at each step
    (which keeps symbolic conjunctions small)."""
    out: DNF = TRUE_
    for p in sorted(parts, key=len):
        if not p:
            return FALSE_
        nxt: DNF = []
        for a, b in itertools.product(out, p):
            merged = _term((*a, *b))
            if merged and merged[0] not in nxt:
                if any(x.negated() in merged[0] for x in merged[0]):
                    continue
                nxt.append(merged[0])
        out = prune(nxt, space) if space is not None and len(nxt) > 1 else nxt
        if not out:
            return FALSE_
    return out


def neg(d: DNF, space: ParameterSpace | None = None) -> DNF:
    """The complement (De Morgan, then distributed; pruned under ``space`` when given)."""
    clauses: list[DNF] = [[(a.negated(),) for a in term] for term in d]
    return conj(*clauses, space=space)


def from_boolean(cond: sp.Basic, space: ParameterSpace) -> DNF:
    """A sympy Boolean (And/Or/Not of relations) as a condition."""
    if cond is sp.true:
        return TRUE_
    if cond is sp.false:
        return FALSE_
    if isinstance(cond, sp.And):
        return conj(*(from_boolean(c, space) for c in cond.args))
    if isinstance(cond, sp.Or):
        return disj(*(from_boolean(c, space) for c in cond.args))
    if isinstance(cond, sp.Not):
        return neg(from_boolean(cond.args[0], space))
    return _term(atom(cond, space=space))


def prune(d: DNF, space: ParameterSpace) -> DNF:
    """Drop the terms the space provably excludes (each kept term as reduced)."""
    out: DNF = []
    for term in d:
        if not term:
            return TRUE_
        if all(a.is_constant for a in term):  # constants left are TRUE
            return TRUE_
        region = reduce(list(term), space, effort=0)
        if region.status == "empty":
            continue
        if not region.atoms:
            return TRUE_
        if region.atoms not in out:
            out.append(region.atoms)
    return out


# -- best replies: parametric Fourier–Motzkin --------------------------------------------------

Row = tuple[
    tuple[sp.Expr, ...], sp.Expr, bool
]  # sum(coef_i * z_i) + const  (> if strict, else >=) 0


def _normal_row(row: Row) -> Row:
    coefs, const, strict = row
    coefs = tuple(sp.expand(c) for c in coefs)
    const = sp.expand(const)
    nums = [c for c in (*coefs, const) if c != 0]
    if nums and all(c.is_number for c in nums):
        scale = max(abs(c) for c in nums)
        coefs = tuple(c / scale for c in coefs)
        const = const / scale
    return coefs, const, strict


def feasible(rows: Sequence[Row], space: ParameterSpace, what: str) -> DNF:
    """Where ``{z : every row holds}`` is nonempty: the parametric Fourier–Motzkin elimination
    of :func:`._pbe_fm.eliminate` (splitting on the sign of each coefficient the space does not
    fix), as a condition.  Exact: the rows' coefficients are sympy expressions."""
    rows = list(dict.fromkeys(_normal_row(r) for r in rows))
    n = len(rows[0][0]) if rows else 0
    zs = [sp.Dummy(f"z{i}") for i in range(n)]
    lins = [
        Lin(dict(zip(zs, coefs, strict=True)), const, ">" if strict else ">=")
        for coefs, const, strict in rows
    ]
    cases = eliminate(lins, zs, space, what=what, max_rows=MAX_ROWS)
    return disj(*(_term(atoms) for atoms in cases))


class BestReplies:
    """The receiver's best replies after each message, cached across equilibria."""

    def __init__(self, sg: Signalling, space: ParameterSpace, criterion: str) -> None:
        self.sg, self.space, self.criterion = sg, space, criterion
        self._cache: dict[tuple[str, tuple[str, ...], tuple[str, ...]], DNF] = {}

    def __call__(self, m: str, support: Sequence[str], types: Sequence[str]) -> DNF:
        """Where some belief on ``types`` makes every action of ``support`` a best reply to
        ``m`` (all of them equally good, none worse than another action)."""
        key = (m, tuple(support), tuple(types))
        if key not in self._cache:
            self._cache[key] = self._compute(m, tuple(support), tuple(types))
        return self._cache[key]

    def _compute(self, m: str, support: tuple[str, ...], types: tuple[str, ...]) -> DNF:
        sg = self.sg
        x0 = support[0]
        # linear forms in the belief: {type: coefficient} >= 0 (or == 0)
        forms: list[tuple[dict[str, sp.Expr], bool]] = []
        for x in support[1:]:
            forms.append(({t: sg.v(t, m, x) - sg.v(t, m, x0) for t in types}, True))
        for y in sg.actions[m]:
            if y not in support:
                forms.append(({t: sg.v(t, m, x0) - sg.v(t, m, y) for t in types}, False))
        # mu_last = 1 - sum(others): variables are the other types' beliefs
        *free, last = types
        rows: list[Row] = [
            (tuple(sp.Integer(1 if i == j else 0) for j in range(len(free))), sp.Integer(0), False)
            for i in range(len(free))
        ]
        rows.append((tuple(sp.Integer(-1) for _ in free), sp.Integer(1), False))
        for form, equality in forms:
            coefs = tuple(form[t] - form[last] for t in free)
            row: Row = (coefs, form[last], False)
            rows.append(row)
            if equality:
                rows.append((tuple(-c for c in coefs), -form[last], False))
        what = f"{self.criterion}: the best replies to {m!r} on beliefs over {list(types)}"
        return prune(feasible(rows, self.space, what), self.space)


# -- narrowing equilibria ---------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """Where an equilibrium fails a test at an off-path message, with the types to report and
    the reason in words."""

    message: str
    types: tuple[str, ...]
    where: DNF
    reason: str


Test = Callable[[Signalling, BestReplies, Equilibrium, str], list[Failure]]


def refine(solution: Solution, criterion: Refinement, name: str, test: Test) -> Solution:
    """Each equilibrium on the part of its region where it passes ``test`` at every off-path
    message (split into pieces, each reduced); a :class:`Removal` per failure."""
    sg = Signalling(solution.game, name)
    space = solution.space
    br = BestReplies(sg, space, name)
    removed: list[Removal] = []
    notes: list[Eliminated] = []

    def narrow(eq: Equilibrium, k: int | None) -> list[Equilibrium]:
        region = prune(from_boolean(eq.conditions, space), space)
        pieces = region
        fails: list[Failure] = []
        for m in sg.off_path(eq):
            for f in test(sg, br, eq, m):
                where = prune(conj(region, f.where), space)
                if not where:
                    continue
                fails.append(replace(f, where=where))
                for term in where:
                    pieces = _subtract(pieces, term, space)
        if not fails:
            return [eq]
        kept = _pieces(eq, pieces, space)
        for f in fails:
            cond = sp.Or(*(sp.And(*(a.as_relational() for a in t)) for t in f.where))
            removed.append(Removal(eq, criterion, f.message, f.types, cond, f.reason))
        if k is not None:
            why = tuple((f.message, _where(f.where), f.reason) for f in fails)
            notes.append(Eliminated(k, eq.kind, bool(kept), name, why))
        return kept

    equilibria = [p for k, eq in enumerate(solution.equilibria) for p in narrow(eq, k)]
    undecided = [p for eq in solution.undecided for p in narrow(eq, None)]
    extra: list[Diagnostic] = [Refined(criterion, name)]
    if solution.degenerate:
        extra.append(Caveat("continua", name))
    return replace(
        solution,
        equilibria=tuple(equilibria),
        undecided=tuple(undecided),
        concept=REFINED_CONCEPT[criterion],
        method=f"{solution.method}, {name}",
        diagnostics=(*solution.diagnostics, *extra, *notes),
        removed=(*solution.removed, *removed),
    )


def _where(d: DNF) -> str:
    if d == TRUE_:
        return "wherever it exists"
    text = " or ".join(
        "(" + " and ".join(str(a) for a in t) + ")" if len(t) > 1 else str(t[0]) for t in d
    )
    return f"where {text}"


def _subtract(pieces: DNF, term: Term, space: ParameterSpace) -> DNF:
    """``pieces`` minus the region of ``term``, as disjoint pieces (``not f1``, ``f1 and not
    f2``, ...), each pruned."""
    if not term:
        return FALSE_
    out: DNF = []
    for piece in pieces:
        for i, a in enumerate(term):
            cut = conj([piece], [(*term[:i], a.negated())])
            out = disj(out, prune(cut, space))
    return out


def _pieces(eq: Equilibrium, pieces: DNF, space: ParameterSpace) -> list[Equilibrium]:
    out = []
    for term in pieces:
        region = reduce(list(term), space)
        if region.status == "empty":
            continue
        witness = dict(region.witness) if region.witness is not None else None
        out.append(replace(eq, conditions=region.condition, witness=witness))
    return out


def type_list(types: Iterable[str]) -> str:
    """``'a'``, ``'a' and 'b'``, ``'a', 'b' and 'c'``."""
    names = [repr(t) for t in types]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def subsets(types: Sequence[str]) -> list[tuple[str, ...]]:
    """The nonempty proper subsets, smallest first."""
    return [tuple(c) for r in range(1, len(types)) for c in itertools.combinations(types, r)]


def payoff_map(sg: Signalling, eq: Equilibrium) -> Mapping[str, sp.Expr]:
    return {t: sg.value(eq, t) for t in sg.types}
