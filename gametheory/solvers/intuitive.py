"""The intuitive criterion (Cho & Kreps 1987) for signalling games with two sender types.

A PBE fails the criterion at an off-path message ``m`` when some type ``t`` could never gain by
sending ``m`` whatever the receiver then did (``m`` is *equilibrium-dominated* for ``t``: its
equilibrium payoff exceeds its payoff from every reply that is a best response to some belief),
while the other type ``o`` would gain from ``m`` against every best reply to the belief that ``m``
comes from ``o``.  With two types the set ``J(m)`` of dominated types has to be exactly ``{t}``
for a test to bite (``J = ∅`` constrains nothing beyond PBE, ``J = Θ`` leaves no belief).

Each comparison is a condition on the parameters, so the criterion is a Boolean formula: an
equilibrium survives on the part of its region where it holds (possibly split into pieces),
and the solution notes where each equilibrium was removed and why.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import sympy as sp

from ..conditions import reduce
from ..equilibrium import Equilibrium, Solution
from ..errors import UnsupportedGameError
from ..games.extensive import ExtensiveGame, infoset_label
from ..games.tree import Chance, Decision, Outcome
from ..params import ParameterSpace
from ._pbe_project import project

__all__ = ["intuitive_criterion"]


class _Signalling:
    """The sender–receiver structure of a tree: types, messages, replies and payoffs."""

    def __init__(self, game: ExtensiveGame) -> None:
        root = game.root
        problem = "the intuitive criterion needs a signalling game: "
        if not isinstance(root, Chance) or len(root.branches) != 2:
            raise UnsupportedGameError(problem + "a chance move over exactly two types at the root")
        self.types = list(root.branches)
        self.sender_infoset: dict[str, str] = {}
        self.replies: dict[tuple[str, str], Mapping[str, Outcome]] = {}
        self.receiver_infoset: dict[str, str] = {}
        senders, receivers = set(), set()
        for t, (_, node) in root.branches.items():
            if not isinstance(node, Decision):
                raise UnsupportedGameError(problem + f"type {t!r} does not move")
            self.sender_infoset[t] = infoset_label(node, t)
            senders.add(node.player)
            self.messages = list(node.actions)
            for m, reply in node.actions.items():
                if not isinstance(reply, Decision) or not all(
                    isinstance(x, Outcome) for x in reply.actions.values()
                ):
                    raise UnsupportedGameError(
                        problem + f"the reply to message {m!r} must end the game"
                    )
                receivers.add(reply.player)
                self.receiver_infoset[m] = infoset_label(reply, f"{t}/{m}")
                self.replies[(t, m)] = dict(reply.actions)  # type: ignore[arg-type]
        if len(set(self.sender_infoset.values())) != 2 or len(senders) != 1 or len(receivers) != 1:
            raise UnsupportedGameError(problem + "one sender who knows its type, one receiver")
        self.sender, self.receiver = senders.pop(), receivers.pop()
        self.actions = list(self.replies[(self.types[0], self.messages[0])])

    def u(self, player: str, t: str, m: str, x: str) -> sp.Expr:
        return self.replies[(t, m)][x].payoffs[player]


def intuitive_criterion(solution: Solution) -> Solution:
    """The equilibria of a PBE solution that pass the intuitive criterion, each on the part of
    its region where it does; the notes say where the others were removed and why."""
    sg = _Signalling(solution.game)
    space = solution.space
    kept: list[Equilibrium] = []
    removed: list[str] = []
    for k, eq in enumerate(solution.equilibria):
        fails = [
            (m, f) for m in _off_path(sg, eq) if (f := _fails(sg, eq, m, space)) is not sp.false
        ]
        if not fails:
            kept.append(eq)
            continue
        survive = sp.And(eq.conditions, *(sp.Not(f) for _, f in fails))
        pieces = _regions(survive, space)
        kept.extend(
            Equilibrium(
                eq.kind, eq.strategies, eq.payoffs, eq.outcomes, cond, witness, space, eq.beliefs
            )
            for cond, witness in pieces
        )
        why = "; ".join(f"at message {m!r} {_where(sp.And(eq.conditions, f))}" for m, f in fails)
        removed.append(
            f"equilibrium {k} ({eq.kind}) {'removed' if not pieces else 'narrowed'}: it fails "
            f"the intuitive criterion {why}"
        )
    notes = (*solution.notes, "refined by the intuitive criterion (Cho & Kreps 1987)", *removed)
    return Solution(
        solution.game,
        tuple(kept),
        space,
        "pbe (intuitive criterion)",
        solution.method + ", intuitive criterion",
        degenerate=solution.degenerate,
        complete=solution.complete,
        notes=notes,
    )


def _where(cond: sp.Basic) -> str:
    simple = sp.simplify_logic(cond, form="dnf")
    return "wherever it exists" if simple is sp.true else f"where {simple}"


def _off_path(sg: _Signalling, eq: Equilibrium) -> list[str]:
    return [
        m for m in sg.messages if all(eq.strategies[sg.sender_infoset[t]][m] == 0 for t in sg.types)
    ]


def _value(sg: _Signalling, eq: Equilibrium, t: str) -> sp.Expr:
    """Type ``t``'s equilibrium payoff."""
    out = sp.Integer(0)
    for m, pm in eq.strategies[sg.sender_infoset[t]].items():
        for x, px in eq.strategies[sg.receiver_infoset[m]].items():
            out += pm * px * sg.u(sg.sender, t, m, x)
    return sp.expand(out)


def _optimal(
    sg: _Signalling, x: str, m: str, types: Sequence[str], space: ParameterSpace
) -> sp.Basic:
    """Where reply ``x`` to ``m`` is a best response to some belief on ``types``."""
    if len(types) == 1:
        (t,) = types
        return sp.And(
            *(sg.u(sg.receiver, t, m, x) >= sg.u(sg.receiver, t, m, y) for y in sg.actions)
        )
    mu = sp.Dummy("mu")
    t1, t2 = types
    conds = [(mu, ">="), (1 - mu, ">=")]
    for y in sg.actions:
        d1 = sg.u(sg.receiver, t1, m, x) - sg.u(sg.receiver, t1, m, y)
        d2 = sg.u(sg.receiver, t2, m, x) - sg.u(sg.receiver, t2, m, y)
        conds.append((sp.expand(mu * d1 + (1 - mu) * d2), ">="))
    cases = project(conds, mu, space)
    if cases is None:
        raise UnsupportedGameError(f"cannot decide the best replies to message {m!r}")
    return sp.Or(*(sp.And(*(a.as_relational() for a in atoms)) for atoms, _, _ in cases))


def _fails(sg: _Signalling, eq: Equilibrium, m: str, space: ParameterSpace) -> sp.Basic:
    """Where the equilibrium fails the criterion at the off-path message ``m``."""
    star = {t: _value(sg, eq, t) for t in sg.types}
    br_all = {x: _optimal(sg, x, m, sg.types, space) for x in sg.actions}
    out = []
    for t, o in itertools.permutations(sg.types):
        dominated_t = sp.And(
            *(sp.Or(sp.Not(br_all[x]), star[t] > sg.u(sg.sender, t, m, x)) for x in sg.actions)
        )
        dominated_o = sp.And(
            *(sp.Or(sp.Not(br_all[x]), star[o] > sg.u(sg.sender, o, m, x)) for x in sg.actions)
        )
        gains = sp.And(
            *(
                sp.Or(sp.Not(_optimal(sg, x, m, [o], space)), star[o] < sg.u(sg.sender, o, m, x))
                for x in sg.actions
            )
        )
        out.append(sp.And(dominated_t, sp.Not(dominated_o), gains))
    return sp.Or(*out)


def _regions(cond: sp.Basic, space: ParameterSpace) -> list[tuple[sp.Basic, dict | None]]:
    """The nonempty pieces of a Boolean condition (its disjunctive normal form)."""
    dnf = sp.to_dnf(cond, simplify=False)
    terms = dnf.args if isinstance(dnf, sp.Or) else (dnf,)
    out = []
    for term in terms:
        if term is sp.false:
            continue
        region = reduce([term], space)
        if region.status == "empty":
            continue
        out.append((region.condition, dict(region.witness) if region.witness else None))
    return out
