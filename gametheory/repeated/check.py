"""Where a profile of automata is a subgame-perfect or a Nash equilibrium of a repeated game.

*Subgame perfect* (one-shot deviation principle: discounting makes payoffs continuous at
infinity, so a profile is subgame perfect iff no player gains by deviating in one period and
then following the profile; Fudenberg & Tirole 1991, Thm 4.2): at every joint state reachable
from the start under *any* action profiles (off the path too), for every player ``i`` and every
action ``b``,  ``V_i(s) ≥ (1 − δ) u_i(b, σ₋ᵢ(s)) + δ E[V_i(s') | s, b, σ₋ᵢ(s)]``.

*Nash*: each player's automaton is a best response from the start.  The others' automata make
player ``i``'s problem a finite Markov decision problem on their joint states; for a given ``δ``
an optimum is attained by a stationary deterministic policy (Blackwell 1962), so the condition is
``V_i(start) ≥ V^π_i(start)`` for every such policy ``π``, or only for the policies of a proved
covering set (:mod:`._mdp`: at every point of the space one of them is optimal), which gives
the same region with far fewer policies and conditions.  Enumerating every policy (those that
differ only on states they never reach are one) is the fallback when a covering set cannot be
proved.

The conditions are rational functions of ``δ`` and the payoffs, decided by
:func:`gametheory.conditions.reduce` as for every other solver.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, Literal

import sympy as sp

from .._budget import UNLIMITED, Budget
from ..conditions import Atom, Region, atom, reduce
from ..conditions._context import context_for
from ..conditions._dominance import drop_dominated
from ..conditions._lp_witness import lp_witness
from ..conditions._poly import primitive_expr
from ..conditions._redundant import drop_implied
from ..equilibrium import Equilibrium, Solution
from ..errors import GameError, UnsupportedGameError
from ..params import ParameterSpace
from ..space_resolution import resolve_space
from . import _bareiss, _chain, _cutting, _dense, _mdp, _modular, _prefilter
from ._policies import deterministic as _deterministic
from ._policies import policies as _policies
from ._profile import automata_of, is_pure, start_value, strategies_of
from .game import RepeatedGame, RepeatedProfile, with_discount

__all__ = ["ENUMERATE_FIRST", "MAX_POLICIES", "PREFILTER_POLICIES", "check_profile", "dispatch"]

MAX_POLICIES = 20_000  # deterministic policies enumerated per player for a Nash check
ENUMERATE_FIRST = 256  # at most this many policies: enumerated without a covering set
PREFILTER_POLICIES = 4096  # up to this many: first a proof that none is a best response
PREFILTER_SIZE = 512  # gains with this many coefficients in all are tried for a proof first


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
    automata = automata_of(game, profile)
    params = set(game.parameters)
    for a in automata:
        params |= set(a.parameters)
    ordered = tuple(sorted(params, key=lambda s: s.name))
    space = with_discount(resolve_space(ordered, space), game.discount)
    chain = _chain.build_chain(game, automata)
    f = _chain.coefficient_field(chain)
    freq, dense = _frequencies(chain, f, on_path=concept == "nash")
    if dense is None:  # once for every player (None again: the field is the path)
        dense = _dense.dense_frequencies(f, freq)
    budget.check("values of the profile solved")
    if concept == "spe":
        atoms, empty = _one_shot(chain, freq, f, space, budget, dense=dense)
        method = f"one-shot deviations at {len(chain.states)} reachable state profiles"
    else:
        atoms, empty = [], False
        for i in range(len(automata)):
            found, empty = _best_response(chain, freq, f, i, space, budget, dense=dense)
            atoms.extend(found)
            if empty:
                break  # proved empty: the others' conditions cannot add a point
        method = "best responses from the start (policies of the others' automata)"
    budget.check("deviation conditions built; deciding them")
    if empty:  # proved by polynomial Farkas certificates (._prefilter): not proved again
        region = Region(tuple(atoms), "empty", None)
    else:  # with a witness by an LP at fixed δ, which reduce checks instead of searching
        ctx = context_for(space, [a.expr for a in atoms])
        region = reduce(atoms, space, hint=lp_witness(atoms, ctx) if atoms else None)
    if region.status == "nonempty":  # (conditions the others imply: dropped, with a proof)
        region = Region(tuple(drop_implied(region.atoms, space)), "nonempty", region.witness)
    players = game.players
    notes = [f"profile: {', '.join(f'{p}: {a}' for p, a in zip(players, automata, strict=True))}"]
    incomplete: tuple[str, ...] = ()
    equilibria: tuple[Equilibrium, ...] = ()
    undecided: tuple[Equilibrium, ...] = ()
    if region.status == "empty":  # (no equilibrium to describe: its payoffs are not computed)
        notes.append(
            f"the profile is not a{' subgame-perfect' if concept == 'spe' else ''} "
            "equilibrium anywhere in the space"
        )
    else:
        eq = Equilibrium(
            kind="pure" if all(is_pure(a) for a in automata) else "mixed",
            strategies=strategies_of(game, automata),
            payoffs={p: start_value(chain, freq, f, i) for i, p in enumerate(players)},
            outcomes={
                game.stage.label(a): f.expr(x) for a, x in zip(chain.profiles, freq[0], strict=True)
            },
            conditions=region.condition,
            witness=dict(region.witness) if region.witness is not None else None,
            space=space,
        )
        if region.status == "nonempty":
            equilibria = (eq,)
        else:
            undecided = (eq,)
            incomplete = ("whether the conditions can hold could not be decided",)
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


def _frequencies(
    chain: _chain.Chain, f: _chain.Field, *, on_path: bool
) -> tuple[Sequence[list[Any]], _dense.Dense | None]:
    """The discounted frequencies in the field ``f``, and on their common denominator when
    they come from :mod:`._modular` (a strongly connected component of more than
    :data:`._modular.LARGE` states, ``δ`` the only symbol; the field rows are then converted
    on first use), else ``None`` (the callers build it from the field rows if they need it)."""
    if _modular.largest_component(chain, on_path) > _modular.LARGE:
        dense = _modular.chain_frequencies(chain, f, on_path=on_path)
        if dense is not None:
            return _modular.FieldRows(dense, f), dense
    return _chain.frequencies(chain, f, on_path=on_path), None


def _gain_atoms(
    gains: dict[tuple[Any, ...], None],
    f: _chain.Field,
    payoffs: Sequence[sp.Expr],
    space: ParameterSpace,
) -> list[Atom]:
    """``gain ≥ 0`` for each linear form ``gain`` in the payoffs (zero forms dropped).  A gain
    whose denominator has a proved sign is a polynomial, made an atom directly (the atom
    :func:`~gametheory.conditions.atom` gives, without parsing a sympy expression)."""
    out: list[Atom] = []
    for g in gains:
        if not any(g):
            continue
        poly = _chain.form_poly(f, g, payoffs)
        if poly is None:
            out.extend(atom(_chain.form_expr(f, g, payoffs), ">=", space=space))
        elif poly.is_ground:
            out.extend(atom(poly.as_expr(), ">=", space=space))
        else:
            out.append(Atom(primitive_expr(poly, positive_lead=False)[0], ">="))
    return out


def _deviation(
    chain: _chain.Chain, freq: Sequence[list[Any]], s: int, i: int, b: str, f: _chain.Field
) -> list[Any]:
    """Player ``i``'s value of playing ``b`` once in joint state ``s``, then the profile: a
    linear form in the payoffs (coefficients in ``f``)."""
    delta = f(chain.game.discount)
    one = f.k.one
    out = [f.k.zero] * len(chain.profiles)
    for a, profile in enumerate(chain.profiles):
        if profile[i] != b:
            continue
        q = f(chain.prob_others(s, profile, i))
        if not q:
            continue
        out[a] += q * (one - delta)
        for t, p in chain.moves[(s, profile)].items():
            w = q * delta * f(p)
            out = [x + w * y for x, y in zip(out, freq[t], strict=True)]
    return out


def _one_shot(
    chain: _chain.Chain,
    freq: Sequence[list[Any]],
    f: _chain.Field,
    space: ParameterSpace,
    budget: Budget,
    *,
    dense: _dense.Dense | None = None,
) -> tuple[list[Atom], bool]:
    """Every player's one-shot deviation conditions at every reachable state profile, and
    whether they are proved empty (then the players after the first such one are skipped)."""
    if dense is None:
        dense = _dense.dense_frequencies(f, freq)
    atoms: list[Atom] = []
    for i, p in enumerate(chain.game.players):
        if dense is not None:
            found = _dense_one_shot(chain, dense, i, space, budget)
            if found is not None:
                atoms.extend(found[0])
                if found[1]:
                    return atoms, True  # the others' conditions cannot add a point
                continue
        gains: dict[tuple[Any, ...], None] = {}
        for s in range(len(chain.states)):
            budget.check("state profiles checked for one-shot deviations", s, len(chain.states))
            for b in chain.game.stage.actions[p]:
                dev = _deviation(chain, freq, s, i, b, f)
                gains[tuple(x - y for x, y in zip(freq[s], dev, strict=True))] = None
        atoms.extend(_gain_atoms(gains, f, _chain.payoffs_of(chain, i), space))
    return atoms, False


def _dense_one_shot(
    chain: _chain.Chain, dense: _dense.Dense, i: int, space: ParameterSpace, budget: Budget
) -> tuple[list[Atom], bool] | None:
    """:func:`_one_shot` for player ``i`` on the frequencies' common denominator (when ``δ``
    is the field's only symbol: :mod:`._dense`); see :func:`_gains_to_atoms`."""
    gains: dict[tuple[tuple[int, ...], ...], None] = {}
    for s in range(len(chain.states)):
        budget.check("state profiles checked for one-shot deviations", s, len(chain.states))
        for b in chain.game.stage.actions[chain.game.players[i]]:
            gain = _dense.one_shot_gain(chain, dense, s, i, b)
            gains[tuple(map(tuple, gain))] = None
    return _gains_to_atoms(list(gains), _chain.payoffs_of(chain, i), space, dense.delta)


def _gains_to_atoms(
    gains: list[Any], payoffs: Sequence[sp.Expr], space: ParameterSpace, delta: sp.Symbol
) -> tuple[list[Atom], bool] | None:
    """``(atoms, proved empty)`` of ``gain ≥ 0`` for integer gain numerators: the atoms of
    :func:`_proved_empty` when it proves them empty (tried when the gains have
    :data:`PREFILTER_SIZE` coefficients or more: fewer make few cheap atoms); else every
    gain's atom.  ``None`` when a payoff is not a polynomial (then the field path decides)."""
    heavy = sum(max(map(len, g), default=0) for g in gains) >= PREFILTER_SIZE
    core = _proved_empty(gains, payoffs, space, delta) if heavy else None
    if core is not None:
        return core, True
    atoms = _dense.gain_atoms([list(map(list, g)) for g in gains], payoffs, space, delta)
    return None if atoms is None else (atoms, False)


def _proved_empty(
    gains: list[Any], payoffs: Sequence[sp.Expr], space: ParameterSpace, delta: sp.Symbol
) -> list[Atom] | None:
    """The atoms of the few gains whose conditions polynomial Farkas certificates prove empty
    (:mod:`._prefilter`; the check then skips ``reduce``), or None."""
    core = _prefilter.empty_core(gains, payoffs, space, delta)
    if core is None:
        return None
    return _dense.gain_atoms([list(map(list, gains[k])) for k in core], payoffs, space, delta)


def _best_response(
    chain: _chain.Chain,
    freq: Sequence[list[Any]],
    f: _chain.Field,
    i: int,
    space: ParameterSpace,
    budget: Budget,
    *,
    dense: _dense.Dense | None = None,
) -> tuple[list[Atom], bool]:
    """``(atoms, proved empty)``: ``V_i(start) ≥ V^π_i(start)`` for every policy ``π`` of a
    covering set (one that holds, at every point of the space, a policy optimal there: see
    :mod:`._mdp`); when no covering set can be proved, for every deterministic stationary
    policy (:func:`_enumerated`).

    Against others who mix or move at random, with ``δ`` the only symbol of the coefficients,
    the policies' values come first: each costs well under a millisecond in integer
    polynomials (:mod:`._bareiss`), while a covering set there is costly to prove and often
    not proved (its failure regions meet along curved ties; the benchmark's ``mixed-7``: 1.4 s
    spent before giving up).  With at most :data:`ENUMERATE_FIRST` policies they are the
    conditions; with up to :data:`PREFILTER_POLICIES`, a proof that the profile is never a best
    response is sought first, from a few policies found by cutting planes (:mod:`._cutting`),
    then from every policy's gain (:mod:`._prefilter`), and the covering set is tried only
    when there is none.  Against deterministic others, whose best replies change at few
    thresholds, the covering set is tried first: it gives the shortest conditions."""
    mdp = _mdp.player_mdp(chain, i)
    count = sum(1 for _ in itertools.islice(_policies(mdp), PREFILTER_POLICIES + 1))
    if count <= PREFILTER_POLICIES and not _deterministic(mdp):
        if dense is None:
            dense = _dense.dense_frequencies(f, freq)
        if dense is not None and count <= ENUMERATE_FIRST:
            return _enumerated(chain, freq, f, i, space, budget, dense=dense)
        if dense is not None:
            base = _bareiss.GainBase.of([list(x) for x in dense.rows[0]], dense.den)
            few = _cutting.few_gains(mdp, base, mdp.payoffs, space, dense.delta, budget)
            atoms = (  # (the cutting planes' gains are already proved empty together)
                None if few is None else _dense.gain_atoms(few, mdp.payoffs, space, dense.delta)
            )
            if atoms is None:
                gains = _dense_gains(chain, dense, mdp, i, budget, base)
                atoms = _proved_empty(gains, mdp.payoffs, space, dense.delta)
            if atoms is not None:
                return atoms, True
    cover = _mdp.covering(mdp, f, space, budget, chain.game.players[i])
    if cover is None:
        return _enumerated(chain, freq, f, i, space, budget, dense=dense)
    gains_ = {tuple(x - y for x, y in zip(freq[0], c.values[0], strict=True)): None for c in cover}
    return _fewest(_gain_atoms(gains_, f, mdp.payoffs, space), space), False


def _enumerated(
    chain: _chain.Chain,
    freq: Sequence[list[Any]],
    f: _chain.Field,
    i: int,
    space: ParameterSpace,
    budget: Budget,
    *,
    dense: _dense.Dense | None = None,
) -> tuple[list[Atom], bool]:
    """``V_i(start) ≥ V^π_i(start)`` for every deterministic stationary policy ``π`` of player
    ``i`` on the others' joint states it can reach (exponentially many: the fallback, and the
    reference the covering set is tested against), and whether they are proved empty."""
    mdp = _mdp.player_mdp(chain, i)
    if dense is None:
        dense = _dense.dense_frequencies(f, freq)
    if dense is not None:
        gains = _dense_gains(chain, dense, mdp, i, budget)
        found = _gains_to_atoms(gains, mdp.payoffs, space, dense.delta)
        if found is not None:
            return (found[0] if found[1] else _fewest(found[0], space)), found[1]
    field: dict[tuple[Any, ...], None] = {}
    for count, policy in enumerate(_policies(mdp), start=1):
        _count_policy(chain, i, count, budget)
        start = _mdp.start_value(mdp, policy, f)
        field[tuple(x - y for x, y in zip(freq[0], start, strict=True))] = None
    return _fewest(_gain_atoms(field, f, mdp.payoffs, space), space), False


def _fewest(atoms: list[Atom], space: ParameterSpace) -> list[Atom]:
    """The conditions without those implied by another one (:mod:`~..conditions._dominance`),
    then without those the rest imply together (:mod:`~..conditions._redundant`)."""
    return drop_implied(drop_dominated(atoms, space), space)


def _dense_gains(
    chain: _chain.Chain,
    dense: _dense.Dense,
    mdp: _mdp.MDP,
    i: int,
    budget: Budget,
    base: _bareiss.GainBase | None = None,
) -> list[Any]:
    """Every policy's gain numerator on the profile's common denominator ``D``: its start
    value ``N_π / det_π`` by fraction-free elimination (:mod:`._bareiss`), and the gain
    ``N_0 / D − N_π / det_π`` as ``N_0 · det_π − N_π · D`` (both denominators are positive
    on ``[0, 1)``), repeats dropped.  ``base``: the profile's side, when already built."""
    if base is None:
        base = _bareiss.GainBase.of([list(x) for x in dense.rows[0]], dense.den)
    gains: dict[tuple[tuple[int, ...], ...], None] = {}
    for count, policy in enumerate(_policies(mdp), start=1):
        _count_policy(chain, i, count, budget)
        gain = _bareiss.gains(mdp, policy, base)
        gains[tuple(map(tuple, gain))] = None
    return list(gains)


def _count_policy(chain: _chain.Chain, i: int, count: int, budget: Budget) -> None:
    """Stop at the budget or past :data:`MAX_POLICIES` policies, saying why."""
    budget.check(f"deviation policies of {chain.game.players[i]} solved", count - 1)
    if count > MAX_POLICIES:
        raise UnsupportedGameError(
            f"more than {MAX_POLICIES} deviation policies for {chain.game.players[i]} "
            "(the others' automata have too many states for an exact Nash check); check "
            "subgame perfection with gt.spe instead, which implies Nash"
        )


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
