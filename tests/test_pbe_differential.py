"""Differential test of ``gt.pbe`` against pygambit, through an independent PBE filter.

On seeded random signalling games (2–4 types, 2–3 messages, 2–3 actions; generic integer payoffs
and degenerate ones: payoffs in {0, 1}, repeated payoff rows, a type split into two identical
types) and on literature games:

- **soundness**: every equilibrium ``gt.pbe`` lists passes the oracle of ``tests/pbe_oracle.py``
  (Gibbons 1992, §4.1, requirements 1–3), its on-path beliefs are Bayes' and its off-path belief
  set has exactly the oracle's vertices;
- **completeness**: pygambit's ``enummixed_solve(rational=True)`` lists the extreme Nash
  equilibria of the reduced normal form; those whose behaviour profile passes the oracle are
  PBE, and each must be accounted for by ``gt.pbe`` (criterion in :func:`covered`);
- ``result.complete`` is True and the result non-empty.

The oracle uses nothing from ``gametheory.solvers``; pygambit sees the game only through our
``.efg`` text, and behaviour strategies are computed here from its mixed strategies (marginals
over the plans: in a signalling game no player moves twice on a path, so every plan reaches every
one of its owner's information sets and the marginals are exact).
"""

from __future__ import annotations

import itertools
import tempfile
import time
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp

import gametheory as gt

from .pbe_oracle import Rho, Sigma, Signaling, check_profile, solve_exact

gbt = pytest.importorskip("pygambit")

SENDER, RECEIVER = "S", "R"


# -- games ---------------------------------------------------------------------------------------


def fr(x: object) -> Fraction:
    """An exact number (int, Fraction, sympy Rational, pygambit Rational/Decimal) as a Fraction."""
    if isinstance(x, sp.Basic):
        x = sp.nsimplify(x)
        if not x.is_Rational:
            raise TypeError(f"not an exact rational: {x}")
        return Fraction(int(x.p), int(x.q))
    return Fraction(str(x))


def random_prior(rng: np.random.Generator, n: int) -> list[Fraction]:
    weights = [int(w) for w in rng.integers(1, 5, size=n)]
    return [Fraction(w, sum(weights)) for w in weights]


def random_game(seed: int, n_types: int, n_msgs: int, n_acts: int, flavour: str) -> Signaling:
    """A seeded random signalling game.

    ``flavour``: ``"generic"`` (payoffs in -5..5), ``"binary"`` (payoffs in {0, 1}),
    ``"rows"`` (generic, but the receiver's payoffs at one type copy another's and the sender's
    payoff after one message copies another message's), ``"split"`` (a generic game with
    ``n_types - 1`` types whose first type is split into two identical types, each with a share
    of its prior).
    """
    rng = np.random.default_rng(seed)
    msgs = tuple(f"m{i}" for i in range(n_msgs))
    acts = tuple(f"a{i}" for i in range(n_acts))
    base_types = n_types - 1 if flavour == "split" else n_types
    types = [f"t{i}" for i in range(base_types)]
    prior = dict(zip(types, random_prior(rng, base_types), strict=True))
    lo, hi = (0, 2) if flavour == "binary" else (-5, 6)
    us: dict[tuple[str, str, str], Fraction] = {}
    ur: dict[tuple[str, str, str], Fraction] = {}
    for t, m, a in itertools.product(types, msgs, acts):
        us[t, m, a] = Fraction(int(rng.integers(lo, hi)))
        ur[t, m, a] = Fraction(int(rng.integers(lo, hi)))
    if flavour == "rows":
        for m, a in itertools.product(msgs, acts):
            ur[types[-1], m, a] = ur[types[0], m, a]
        for t, a in itertools.product(types, acts):
            us[t, msgs[-1], a] = us[t, msgs[0], a]
    if flavour == "split":
        share = Fraction(int(rng.integers(1, 4)), 4)
        whole = prior.pop(types[0])
        prior = {"t0a": whole * share, "t0b": whole * (1 - share), **prior}
        for m, a in itertools.product(msgs, acts):
            for twin in ("t0a", "t0b"):
                us[twin, m, a], ur[twin, m, a] = us[types[0], m, a], ur[types[0], m, a]
            del us[types[0], m, a], ur[types[0], m, a]
    return Signaling(prior, msgs, acts, us, ur)


def to_gt(g: Signaling) -> gt.SignalingGame:
    def q(x: Fraction) -> sp.Rational:
        return sp.Rational(x.numerator, x.denominator)

    return gt.SignalingGame(
        sender=SENDER,
        receiver=RECEIVER,
        types={t: q(p) for t, p in g.prior.items()},
        messages=list(g.messages),
        actions=list(g.actions),
        payoffs={
            k: {SENDER: q(g.u_sender[k]), RECEIVER: q(g.u_receiver[k])} for k in g.u_sender
        },
    )


# -- pygambit ------------------------------------------------------------------------------------

Profile = tuple[dict[str, dict[str, Fraction]], dict[str, dict[str, Fraction]]]


def gambit_profiles(sg: gt.SignalingGame) -> list[Profile]:
    """pygambit's extreme Nash equilibria of the game read from our ``.efg``, as exact behaviour
    profiles ``(sigma, rho)`` (marginals of the mixed strategies over the plans)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.efg"
        path.write_text(sg.game.to_gambit(), encoding="utf-8")
        game = gbt.read_efg(str(path))
    result = gbt.nash.enummixed_solve(game, rational=True)
    out = []
    for eq in result.equilibria:
        beh: dict[str, dict[str, Fraction]] = {}
        for player in game.players:
            for h in player.infosets:
                beh[h.label] = {a.label: Fraction(0) for a in h.actions}
            for s in player.strategies:
                for h in player.infosets:
                    beh[h.label][s.action(h).label] += Fraction(str(eq[s]))
        sigma = {t: beh[f"{SENDER}|{t}"] for t in sg.types}
        rho = {m: beh[f"{RECEIVER}|{m}"] for m in sg.messages}
        out.append((sigma, rho))
    return out


# -- gt.pbe --------------------------------------------------------------------------------------


def gt_profile(eq: gt.Equilibrium, g: Signaling) -> Profile:
    sigma = {t: {m: fr(eq.strategies[f"{SENDER}|{t}"][m]) for m in g.messages} for t in g.types}
    rho = {m: {a: fr(eq.strategies[f"{RECEIVER}|{m}"][a]) for a in g.actions} for m in g.messages}
    return sigma, rho


def vertex_key(g: Signaling, vertices: Sequence[Mapping[str, object]]) -> set[tuple[Fraction, ...]]:
    return {tuple(fr(v[t]) for t in g.types) for v in vertices}


def gt_belief_vertices(eq: gt.Equilibrium, g: Signaling, m: str) -> set[tuple[Fraction, ...]] | None:
    """The vertices of the belief set ``gt.pbe`` reports at ``m``: from ``belief_sets`` when it
    has one there, else from ``beliefs`` (numbers on the path; intervals for two types); ``None``
    when the report has no exact form to compare (three or more types, intervals only)."""
    h = f"{RECEIVER}|{m}"
    sets = getattr(eq, "belief_sets", {}) or {}
    if h in sets:
        return vertex_key(g, sets[h].vertices())
    b = eq.beliefs[h]
    if not any(isinstance(v, sp.Interval) for v in b.values()):
        return vertex_key(g, [b])
    if len(g.types) != 2:
        return None
    t0, t1 = g.types
    iv = b[t0] if isinstance(b[t0], sp.Interval) else sp.Interval(b[t0], b[t0])
    ends = {fr(iv.start), fr(iv.end)}
    return {(x, 1 - x) for x in ends}


# -- comparison ----------------------------------------------------------------------------------


def flat(g: Signaling, prof: Profile) -> tuple[Fraction, ...]:
    sigma, rho = prof
    return tuple(
        [sigma[t][m] for t in g.types for m in g.messages]
        + [rho[m][a] for m in g.messages for a in g.actions]
    )


def in_hull(x: Sequence[Fraction], points: Sequence[Sequence[Fraction]]) -> bool:
    """Whether ``x`` is a convex combination of ``points``, exactly: by Carathéodory, of at
    most ``dim + 1`` of them, so try every subset (the candidate lists here are short), solving
    the normal equations of ``sum l_i p_i = x, sum l_i = 1`` and checking ``l >= 0`` and the
    residual exactly."""
    pts = [tuple(p) for p in dict.fromkeys(tuple(p) for p in points)]
    if tuple(x) in pts:
        return True
    for r in range(2, min(len(pts), len(x) + 1) + 1):
        for sub in itertools.combinations(pts, r):
            cols = [(*p, Fraction(1)) for p in sub]
            target = (*x, Fraction(1))
            gram = [[sum(a * b for a, b in zip(ci, cj, strict=True)) for cj in cols] for ci in cols]
            rhs = [sum(a * b for a, b in zip(ci, target, strict=True)) for ci in cols]
            lam = solve_exact(gram, rhs)
            if lam is None or any(v < 0 for v in lam):
                continue
            combo = [sum(l * c[i] for l, c in zip(lam, cols, strict=True)) for i in range(len(target))]
            if combo == list(target):
                return True
    return False


def supp(vec: Sequence[Fraction]) -> frozenset[int]:
    return frozenset(i for i, v in enumerate(vec) if v > 0)


def on_path_part(g: Signaling, prof: Profile, path: frozenset[str]) -> tuple[Fraction, ...]:
    sigma, rho = prof
    return tuple(
        [sigma[t][m] for t in g.types for m in g.messages]
        + [rho[m][a] for m in sorted(path) for a in g.actions]
    )


def covered(g: Signaling, prof: Profile, listed: Sequence[Profile]) -> str | None:
    """How a PBE found by pygambit is accounted for by ``gt.pbe``'s list, or ``None``.

    ``"exact"``: a listed equilibrium has the same on-path behaviour (every type's strategy, the
    receiver's at every message on the path).  Otherwise ``"hull"``: its whole behaviour profile
    is a convex combination of listed equilibria whose supports lie within its own.

    Why the weaker criterion is the right one in degenerate games.  The PBE set of a signalling
    game is closed and is the union, over support patterns, of convex polytopes: with the
    supports fixed, the conditions on ``sigma`` (receiver indifference under Bayes beliefs) are
    linear in ``sigma`` and depend on ``rho`` only through its support, and vice versa; off the
    path only ``rho``'s support matters.  A complete solver lists the vertices of these
    polytopes.  pygambit lists the vertices of Nash sets in *mixed-plan* space, and the linear map
    from plans to behaviour need not send them to vertices: e.g. two types that must send ``m``
    with equal probability admit the mixed vertex ``½ (m, m') + ½ (m', m)``, whose behaviour
    ``(½, ½)`` is the midpoint of the segment between the pooling profiles.  So such a PBE is a
    convex combination of listed vertices of its own polytope, and those vertices have supports
    within its own (the polytope lies in the face of the strategy space its support spans).
    """
    sigma, rho = prof
    path = frozenset(m for m in g.messages if sum(g.prior[t] * sigma[t][m] for t in g.types) > 0)
    mine = on_path_part(g, prof, path)
    if any(on_path_part(g, other, path) == mine for other in listed):
        return "exact"
    x = flat(g, prof)
    candidates = [flat(g, o) for o in listed if supp(flat(g, o)) <= supp(x)]
    return "hull" if in_hull(x, candidates) else None


def show(g: Signaling, prof: Profile) -> str:
    sigma, rho = prof
    s = "; ".join(f"{t}:{ {m: str(v) for m, v in sigma[t].items() if v} }" for t in g.types)
    r = "; ".join(f"{m}:{ {a: str(v) for a, v in rho[m].items() if v} }" for m in g.messages)
    return f"sender {s} | receiver {r}"


def describe(g: Signaling) -> str:
    return f"prior={ {t: str(p) for t, p in g.prior.items()} } us={ {k: str(v) for k, v in g.u_sender.items()} } ur={ {k: str(v) for k, v in g.u_receiver.items()} }"
