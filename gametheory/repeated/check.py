"""Where a profile of automata is a subgame-perfect or a Nash equilibrium of a repeated game.

*Subgame perfect* (one-shot deviation principle: discounting makes payoffs continuous at
infinity, so a profile is subgame perfect iff no player gains by deviating in one period and
then following the profile; Fudenberg & Tirole 1991, Thm 4.2): at every joint state reachable
from the start under *any* action profiles (off the path too), for every player ``i`` and every
action ``b``,  ``V_i(s) ≥ (1 − δ) u_i(b, σ₋ᵢ(s)) + δ E[V_i(s') | s, b, σ₋ᵢ(s)]``.

*Nash*: each player's automaton is a best response from the start.  The others' automata make
player ``i``'s problem a finite Markov decision problem on their joint states; for a given ``δ``
an optimum is attained by a stationary deterministic policy (Blackwell 1962), so the condition is
``V_i(start) ≥ V^π_i(start)`` for every such policy ``π`` (policies that differ only on states
they never reach are one).

The conditions are rational functions of ``δ`` and the payoffs, decided by
:func:`gametheory.conditions.reduce` as for every other solver.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .._budget import UNLIMITED, Budget
from ..conditions import Atom, atom, reduce
from ..equilibrium import Equilibrium, Solution
from ..errors import GameError, UnsupportedGameError
from ..params import ParameterSpace
from ..solvers._space import resolve_space
from . import _chain
from .automaton import Automaton, InvalidAutomatonError
from .game import RepeatedGame, RepeatedProfile, with_discount

__all__ = ["MAX_POLICIES", "check_profile", "dispatch"]

MAX_POLICIES = 20_000  # deterministic policies enumerated per player for a Nash check


def check_profile(
    game: RepeatedGame | RepeatedProfile,
    profile: object,
    space: ParameterSpace | None,
    concept: Literal["spe", "nash"],
    budget: Budget = UNLIMITED,
) -> Solution:
    """The :class:`~gametheory.Solution` of ``gt.spe(rg, profile=...)`` /
    ``gt.nash(rg, profile=...)``: one equilibrium whose conditions say where the profile is
    one, or none when it never is.  A :class:`RepeatedProfile` (a solution's game) brings its
    own profile."""
    if isinstance(game, RepeatedProfile):
        if profile is not None:
            raise GameError("the game already holds a profile of automata; give profile=None")
        profile = dict(game.profile)
        game = game.game
    automata = _automata(game, profile)
    params = set(game.parameters)
    for a in automata:
        params |= set(a.parameters)
    ordered = tuple(sorted(params, key=lambda s: s.name))
    space = with_discount(resolve_space(ordered, space), game.discount)
    chain = _chain.build_chain(game, automata)
    vals, freq = _chain.discounted(chain)
    if concept == "spe":
        atoms = _one_shot(chain, vals, space, budget)
        method = f"one-shot deviations at {len(chain.states)} reachable state profiles"
    else:
        atoms = []
        for i in range(len(automata)):
            atoms.extend(_best_response(chain, vals, i, space, budget))
        method = "best responses from the start (policies of the others' automata)"
    budget.check("deviation conditions built; deciding them")
    region = reduce(atoms, space)
    players = game.players
    eq = Equilibrium(
        kind="pure" if all(_pure(a) for a in automata) else "mixed",
        strategies=_strategies(game, automata),
        payoffs={p: vals[0][i] for i, p in enumerate(players)},
        outcomes={game.stage.label(a): sp.cancel(f) for a, f in freq.items()},
        conditions=region.condition,
        witness=dict(region.witness) if region.witness is not None else None,
        space=space,
    )
    notes = [f"profile: {', '.join(f'{p}: {a}' for p, a in zip(players, automata, strict=True))}"]
    incomplete: tuple[str, ...] = ()
    equilibria: tuple[Equilibrium, ...] = ()
    undecided: tuple[Equilibrium, ...] = ()
    if region.status == "nonempty":
        equilibria = (eq,)
    elif region.status == "unknown":
        undecided = (eq,)
        incomplete = ("whether the conditions can hold could not be decided",)
    else:
        notes.append(
            f"the profile is not a{' subgame-perfect' if concept == 'spe' else ''} "
            "equilibrium anywhere in the space"
        )
    return Solution(
        game=RepeatedProfile(game, tuple(zip(players, automata, strict=True)), concept),
        equilibria=equilibria,
        space=space,
        concept=concept,
        method=method,
        complete=not incomplete,
        notes=tuple(notes),
        undecided=undecided,
        incomplete=incomplete,
    )


def _automata(game: RepeatedGame, profile: object) -> tuple[Automaton, ...]:
    if not isinstance(profile, Mapping):
        raise GameError(
            "profile must map each player to an Automaton, e.g. {'Row': grim, 'Col': grim}"
        )
    players = game.players
    unknown = [p for p in profile if p not in players]
    if unknown:
        raise GameError(
            f"the profile names {', '.join(map(str, unknown))}, not a player of the stage game "
            f"({', '.join(players)})"
        )
    out = []
    for i, p in enumerate(players):
        a = profile.get(p)
        if a is None:
            raise GameError(f"the profile gives no automaton for {p}")
        if not isinstance(a, Automaton):
            raise InvalidAutomatonError(
                f"{p}'s strategy must be an Automaton, got {type(a).__name__}"
            )
        acts = game.stage.actions[p]
        others = [game.stage.actions[q] for j, q in enumerate(players) if j != i]
        a.check(acts, others, p)
        out.append(a)
    return tuple(out)


def _pure(a: Automaton) -> bool:
    return all(len([v for v in lot.values() if v != 0]) == 1 for lot in a.play.values())


def _strategies(game: RepeatedGame, automata: Sequence[Automaton]) -> dict[str, dict[str, Any]]:
    """``{"<player>@<state>": {action: probability}}`` for every state of every automaton."""
    out: dict[str, dict[str, Any]] = {}
    for p, a in zip(game.players, automata, strict=True):
        for s, lot in a.play.items():
            out[f"{p}@{s}"] = {b: lot.get(b, sp.Integer(0)) for b in game.stage.actions[p]}
    return out


class _Field:
    """Exact arithmetic in the field of rational functions of the game's symbols (sympy's
    ``QQ(δ, T, ...)``): sums of rational functions stay in lowest terms without ``cancel``."""

    def __init__(self, chain: _chain.Chain) -> None:
        syms: set[sp.Symbol] = set(chain.game.parameters)
        for a in chain.automata:
            syms |= set(a.parameters)
        ordered = sorted(syms, key=lambda x: x.name)
        self.k: Any = sp.QQ.frac_field(*ordered) if ordered else sp.QQ
        self._memo: dict[sp.Expr, Any] = {}

    def __call__(self, e: sp.Expr) -> Any:
        known = self._memo.get(e)
        if known is None:
            known = self._memo[e] = self.k.from_sympy(sp.sympify(e))
        return known

    def expr(self, x: Any) -> sp.Expr:
        return self.k.to_sympy(x)


def _deviation(
    chain: _chain.Chain, vals: list[list[Any]], s: int, i: int, b: str, f: _Field
) -> Any:
    """Player ``i``'s value of playing ``b`` once in joint state ``s``, then the profile (in
    the field ``f``)."""
    delta = f(chain.game.discount)
    total = f.k.zero
    for profile in chain.profiles:
        if profile[i] != b:
            continue
        q = chain.prob_others(s, profile, i)
        if q == 0:
            continue
        future = f.k.zero
        for t, p in chain.moves[(s, profile)].items():
            future += f(p) * vals[t][i]
        stage = f(_chain.payoff(chain, i, profile))
        total += f(q) * ((f.k.one - delta) * stage + delta * future)
    return total


def _one_shot(
    chain: _chain.Chain, vals: list[list[sp.Expr]], space: ParameterSpace, budget: Budget
) -> list[Atom]:
    f = _Field(chain)
    values = [[f(v) for v in row] for row in vals]
    atoms: list[Atom] = []
    seen: set[Any] = set()
    for s in range(len(chain.states)):
        budget.check("state profiles checked for one-shot deviations", s, len(chain.states))
        for i, p in enumerate(chain.game.players):
            for b in chain.game.stage.actions[p]:
                gain = values[s][i] - _deviation(chain, values, s, i, b, f)
                if gain in seen:
                    continue
                seen.add(gain)
                atoms.extend(atom(f.expr(gain), ">=", space=space))
    return atoms


def _best_response(
    chain: _chain.Chain, vals: list[list[sp.Expr]], i: int, space: ParameterSpace, budget: Budget
) -> list[Atom]:
    """``V_i(start) ≥ V^π_i(start)`` for every deterministic stationary policy ``π`` of player
    ``i`` on the others' joint states it can reach."""
    f = _Field(chain)
    mine = f(vals[0][i])
    atoms: list[Atom] = []
    seen: set[Any] = set()
    count = 0
    for policy, reached in _policies(chain, i):
        budget.check(f"deviation policies of {chain.game.players[i]} solved", count)
        count += 1
        if count > MAX_POLICIES:
            raise UnsupportedGameError(
                f"more than {MAX_POLICIES} deviation policies for {chain.game.players[i]} "
                "(the others' automata have too many states for an exact Nash check); check "
                "subgame perfection with gt.spe instead, which implies Nash"
            )
        gain = mine - _policy_value(chain, i, policy, reached, f)
        if gain in seen:
            continue
        seen.add(gain)
        atoms.extend(atom(f.expr(gain), ">=", space=space))
    return atoms


def _others(chain: _chain.Chain, s: int, i: int) -> tuple[str, ...]:
    joint = chain.states[s]
    return joint[:i] + joint[i + 1 :]


def _policies(chain: _chain.Chain, i: int) -> Any:
    """Every policy ``{others' joint state: action}`` on the states it reaches from the start."""
    actions = chain.game.stage.actions[chain.game.players[i]]
    start = _others(chain, 0, i)
    step = _others_moves(chain, i)

    def extend(policy: dict[tuple[str, ...], str], frontier: list[tuple[str, ...]]) -> Any:
        todo = [o for o in frontier if o not in policy]
        if not todo:
            yield dict(policy), tuple(policy)
            return
        o, rest = todo[0], todo[1:]
        for b in actions:
            policy[o] = b
            nxt = [t for t in step[(o, b)] if t not in policy and t not in rest]
            yield from extend(policy, rest + nxt)
            del policy[o]

    yield from extend({}, [start])


def _others_moves(chain: _chain.Chain, i: int) -> dict[tuple[tuple[str, ...], str], list]:
    """The others' joint states reachable in one period from each of theirs when ``i`` plays
    ``b`` (their automata ignore ``i``'s own state)."""
    out: dict[tuple[tuple[str, ...], str], list] = {}
    for s in range(len(chain.states)):
        o = _others(chain, s, i)
        for profile in chain.profiles:
            key = (o, profile[i])
            if chain.prob_others(s, profile, i) == 0:
                continue
            targets = out.setdefault(key, [])
            for t in chain.moves[(s, profile)]:
                ot = _others(chain, t, i)
                if ot not in targets:
                    targets.append(ot)
    return out


def _policy_value(
    chain: _chain.Chain,
    i: int,
    policy: Mapping[tuple[str, ...], str],
    reached: Sequence[tuple[str, ...]],
    f: _Field,
) -> Any:
    """Player ``i``'s value from the start when it plays ``policy`` against the others (an
    element of the field ``f``, solved there)."""
    k_ = f.k
    delta = f(chain.game.discount)
    index = {o: k for k, o in enumerate(reached)}
    n = len(reached)
    rows = [[k_.one if r == c else k_.zero for c in range(n)] for r in range(n)]
    rhs = [[k_.zero] for _ in range(n)]
    rep: dict[tuple[str, ...], int] = {}
    for s in range(len(chain.states)):
        rep.setdefault(_others(chain, s, i), s)
    for o, k in index.items():
        s = rep[o]
        b = policy[o]
        for profile in chain.profiles:
            if profile[i] != b:
                continue
            q = chain.prob_others(s, profile, i)
            if q == 0:
                continue
            fq = f(q)
            rhs[k][0] += (k_.one - delta) * fq * f(_chain.payoff(chain, i, profile))
            for t, p in chain.moves[(s, profile)].items():
                rows[k][index[_others(chain, t, i)]] -= delta * fq * f(p)
    a = DomainMatrix(rows, (n, n), k_)
    b = DomainMatrix(rhs, (n, 1), k_)
    x = a.lu_solve(b)
    return x.to_list()[0][0]


def dispatch(
    game: object,
    profile: object,
    space: ParameterSpace | None,
    concept: Literal["spe", "nash"],
    budget: Budget = UNLIMITED,
) -> Solution | None:
    """``gt.spe``/``gt.nash`` on a repeated game (with its profile), or ``None`` for other
    games (which take no profile)."""
    if isinstance(game, RepeatedProfile):
        return check_profile(game, profile, space, concept, budget)
    if isinstance(game, RepeatedGame):
        if profile is None:
            raise UnsupportedGameError(
                f"gt.{concept} does not enumerate the equilibria of a repeated game; give a "
                f"profile of automata, gt.{concept}(rg, profile={{player: gt.Automaton...}})"
            )
        return check_profile(game, profile, space, concept, budget)
    if profile is not None:
        raise GameError("profile= is for repeated games (gt.RepeatedGame) only")
    return None
