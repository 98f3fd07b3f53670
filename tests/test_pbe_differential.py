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
- ``result.complete`` is True and the result non-empty;
- as an extra check (not the oracle), ``gametheory.testing.assert_pbe`` accepts every listed
  equilibrium at each vertex of the oracle's belief sets.

What this cannot see: a vertex of the PBE set that ``gt.pbe`` omits is caught only when some
PBE pygambit finds depends on it.  pygambit lists vertices of Nash sets; where a Nash set reaches
beyond the PBE set (off-path replies no belief rationalises), the PBE set's vertex on the cut is
no Nash vertex.  Dropping one listed equilibrium at a time from ``gt.pbe``'s answers on these
cases, 170 of 209 such mutants are caught; 38 of the 39 escapes have the same on-path behaviour
as another listed equilibrium (they differ in off-path replies only).

Cases: the current solver (issue 11's rewrite) runs the 40 games in a few seconds; pygambit's
``enummixed_solve`` on the reduced normal form is the bottleneck once there are three messages
(3 types x 3 messages: over 30 s per game), so those stay out.

The oracle uses nothing from ``gametheory.solvers``; pygambit sees the game only through our
``.efg`` text, and behaviour strategies are computed here from its mixed strategies (marginals
over the plans: in a signalling game no player moves twice on a path, so every plan reaches every
one of its owner's information sets and the marginals are exact).
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.testing import assert_pbe

from .pbe_oracle import Signaling, check_profile, dot, solve_exact

gbt = pytest.importorskip("pygambit")

SENDER, RECEIVER = "S", "R"


# -- games ---------------------------------------------------------------------------------------


def fr(x: object) -> Fraction:
    """An exact number (int, Fraction, sympy Rational, pygambit Rational/Decimal) as a Fraction."""
    if isinstance(x, sp.Basic):
        r = sp.nsimplify(x)
        if not isinstance(r, sp.Rational):
            raise TypeError(f"not an exact rational: {x}")
        return Fraction(int(r.p), int(r.q))
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


def q(x: Fraction) -> sp.Rational:
    return sp.Rational(x.numerator, x.denominator)


def to_gt(g: Signaling) -> gt.SignalingGame:
    return gt.SignalingGame(
        sender=SENDER,
        receiver=RECEIVER,
        types={t: q(p) for t, p in g.prior.items()},
        messages=list(g.messages),
        actions=list(g.actions),
        payoffs={k: {SENDER: q(g.u_sender[k]), RECEIVER: q(g.u_receiver[k])} for k in g.u_sender},
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


def gt_belief_vertices(
    eq: gt.Equilibrium, g: Signaling, m: str
) -> set[tuple[Fraction, ...]] | None:
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
    t0 = g.types[0]
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
            gram = [[dot(ci, cj) for cj in cols] for ci in cols]
            rhs = [dot(ci, target) for ci in cols]
            lam = solve_exact(gram, rhs)
            if lam is None or any(v < 0 for v in lam):
                continue
            if all(dot(lam, [c[i] for c in cols]) == target[i] for i in range(len(target))):
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
    sigma = prof[0]
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


# -- the cases -----------------------------------------------------------------------------------


def case(flavour: str, n_types: int, n_msgs: int, n_acts: int, seed: int, *marks: Any) -> Any:
    return pytest.param(
        (seed, n_types, n_msgs, n_acts, flavour),
        id=f"{flavour}-{n_types}x{n_msgs}x{n_acts}-s{seed}",
        marks=marks,
    )


CASES = [
    *(case("generic", 2, 2, 2, s) for s in range(8)),
    *(case("binary", 2, 2, 2, s) for s in range(6)),
    *(case("rows", 2, 2, 2, s) for s in range(3)),
    *(case("generic", 2, 2, 3, s) for s in range(3)),
    *(case("binary", 2, 2, 3, s) for s in range(2)),
    *(case("split", 3, 2, 2, s) for s in range(4)),
    *(case("generic", 3, 2, 2, s) for s in range(4)),
    *(case("binary", 3, 2, 2, s) for s in range(3)),
    *(case("rows", 3, 2, 2, s) for s in range(2)),
    case("generic", 3, 2, 3, 1),
    case("generic", 4, 2, 2, 1),
    case("split", 4, 2, 2, 0),
    case("binary", 4, 2, 2, 0),
    case("generic", 2, 3, 2, 0),
]


class Solved:
    """One game solved both ways, once per test session."""

    def __init__(self, spec: tuple[int, int, int, int, str]) -> None:
        self.g = random_game(*spec)
        self.sg = to_gt(self.g)
        self.gambit = gambit_profiles(self.sg)
        self.sol = gt.pbe(self.sg)
        self.listed = [gt_profile(eq, self.g) for eq in self.sol]


_SOLVED: dict[tuple[int, int, int, int, str], Solved] = {}


def solved(spec: tuple[int, int, int, int, str]) -> Solved:
    if spec not in _SOLVED:
        _SOLVED[spec] = Solved(spec)
    return _SOLVED[spec]


@pytest.mark.parametrize("spec", CASES)
def test_every_listed_equilibrium_passes_the_oracle(spec: tuple[int, int, int, int, str]) -> None:
    """Soundness: each equilibrium ``gt.pbe`` lists is a PBE by the oracle; on the path its
    beliefs are Bayes', off the path its belief set has exactly the oracle's vertices."""
    s = solved(spec)
    g = s.g
    assert s.sol.complete, s.sol.incomplete
    assert len(s.sol) > 0
    for eq, prof in zip(s.sol, s.listed, strict=True):
        verdict = check_profile(g, *prof)
        assert verdict.ok, f"{show(g, prof)}: {verdict.reasons}\n{describe(g)}"
        for m in g.messages:
            theirs = gt_belief_vertices(eq, g, m)
            if theirs is None:
                continue
            ours = vertex_key(g, verdict.beliefs[m])
            assert theirs == ours, f"beliefs at {m} for {show(g, prof)}\n{describe(g)}"
        # an extra check, not the oracle: the package's own certificate at every vertex belief
        for i in range(max(len(v) for v in verdict.beliefs.values())):
            beliefs = {
                f"{RECEIVER}|{m}": {t: q(x) for t, x in vs[i % len(vs)].items()}
                for m, vs in verdict.beliefs.items()
            }
            assert_pbe(s.sg, eq.strategies, beliefs)


@pytest.mark.parametrize("spec", CASES)
def test_every_gambit_pbe_is_listed(spec: tuple[int, int, int, int, str]) -> None:
    """Completeness: each extreme Nash equilibrium pygambit finds that is a PBE (by the oracle)
    is accounted for by ``gt.pbe``'s list (see :func:`covered`)."""
    s = solved(spec)
    g = s.g
    pbes = [p for p in s.gambit if check_profile(g, *p).ok]
    assert pbes, "a finite signalling game has a PBE; pygambit found none that passes the oracle"
    missing = [show(g, p) for p in pbes if covered(g, p, s.listed) is None]
    assert not missing, f"not listed by gt.pbe: {missing}\n{describe(g)}"


# -- literature: Beer–Quiche (Cho & Kreps 1987) ---------------------------------------------------


def beer_quiche_data(prior_weak: Fraction, strong_split: Fraction | None = None) -> Signaling:
    """Beer–Quiche (Cho & Kreps 1987, QJE 102(2):179–221, §II), as plain data: the sender gets
    1 for its preferred breakfast (strong: beer, weak: quiche) plus 2 if not challenged; the
    receiver gets 1 for dueling a weak type or not dueling a strong one.  With
    ``strong_split = s`` the strong type is split into two identical types ``strong1``,
    ``strong2`` with priors ``s (1 - p)`` and ``(1 - s)(1 - p)``: the game is strategically
    the same, so the equilibria of the original must all reappear (the twins playing alike)."""
    strong = (
        {"strong": 1 - prior_weak}
        if strong_split is None
        else {
            "strong1": strong_split * (1 - prior_weak),
            "strong2": (1 - strong_split) * (1 - prior_weak),
        }
    )
    prior = {"weak": prior_weak, **strong}
    us, ur = {}, {}
    for t, m, a in itertools.product(prior, ("beer", "quiche"), ("duel", "not")):
        strong_type = t != "weak"
        us[t, m, a] = Fraction(int(strong_type == (m == "beer")) + 2 * int(a == "not"))
        ur[t, m, a] = Fraction(int(strong_type == (a == "not")))
    return Signaling(prior, ("beer", "quiche"), ("duel", "not"), us, ur)


def pooling_on(g: Signaling, profiles: Sequence[Profile], m: str) -> list[Profile]:
    return [p for p in profiles if all(p[0][t][m] == 1 for t in g.types)]


F = Fraction


@pytest.mark.parametrize(
    ("prior_weak", "split"),
    [
        pytest.param(F(1, 10), None, id="p=1/10"),
        pytest.param(F(1, 2), None, id="p=1/2"),
        pytest.param(F(9, 10), None, id="p=9/10"),
        pytest.param(F(1, 10), F(1, 2), id="p=1/10-strong-split-even"),
        pytest.param(F(1, 10), F(1, 3), id="p=1/10-strong-split-1/3"),
        pytest.param(F(9, 10), F(1, 2), id="p=9/10-strong-split-even"),
    ],
)
def test_beer_quiche(prior_weak: Fraction, split: Fraction | None) -> None:
    """Beer–Quiche through the oracle, gt.pbe and pygambit.

    Known answers (Cho & Kreps 1987, §II; P(weak) = p): for p <= 1/2 pooling on beer and
    pooling on quiche are PBE, the off-path message answered by a duel (pure, or a 1/2 mixture
    exactly at the belief P(weak) = 1/2 that makes the receiver indifferent), the supporting
    beliefs being P(weak) >= 1/2; for p > 1/2 there is no pooling PBE and the unique PBE is
    the hybrid: the strong type drinks beer, the weak type beer with probability (1 - p)/p, the
    receiver duels after quiche and mixes 1/2 after beer."""
    g = beer_quiche_data(prior_weak, split)
    sg = to_gt(g)
    sol = gt.pbe(sg)
    assert sol.complete and len(sol) > 0
    listed = [gt_profile(eq, g) for eq in sol]
    for eq, prof in zip(sol, listed, strict=True):
        verdict = check_profile(g, *prof)
        assert verdict.ok, (show(g, prof), verdict.reasons)
        for m in g.messages:
            assert gt_belief_vertices(eq, g, m) == vertex_key(g, verdict.beliefs[m]), m
    for prof in gambit_profiles(sg):
        if check_profile(g, *prof).ok:
            assert covered(g, prof, listed) is not None, show(g, prof)

    half = F(1, 2)
    if prior_weak <= half:
        for m, other in (("beer", "quiche"), ("quiche", "beer")):
            pooled = pooling_on(g, listed, m)
            off_replies = {p[1][other]["duel"] for p in pooled}
            assert {F(1), half} <= off_replies, m
            for eq in sol:
                prof = gt_profile(eq, g)
                if prof in pooled and prof[1][other]["duel"] == 1:
                    verts = vertex_key(g, check_profile(g, *prof).beliefs[other])
                    assert min(v[0] for v in verts) == half  # P(weak) >= 1/2, types in order
                    assert max(v[0] for v in verts) == 1
    else:
        assert not pooling_on(g, listed, "beer") and not pooling_on(g, listed, "quiche")
        (hybrid,) = listed
        sigma, rho = hybrid
        assert sigma["weak"]["beer"] == (1 - prior_weak) / prior_weak
        assert all(sigma[t]["beer"] == 1 for t in g.types if t != "weak")
        assert rho == {"beer": {"duel": half, "not": half}, "quiche": {"duel": F(1), "not": F(0)}}


# -- the oracle itself ---------------------------------------------------------------------------


def test_oracle_on_beer_quiche_by_hand() -> None:
    """The oracle against hand computation at P(weak) = 1/10 (Cho & Kreps 1987): the separating
    profile fails (the weak type would drink beer, 2 > 1), pooling on quiche with beer
    unchallenged fails (the strong type would switch, 3 > 2), pooling on quiche with beer
    challenged passes with off-path beliefs P(weak | beer) in [1/2, 1]."""
    g = beer_quiche_data(F(1, 10))
    pure = {"duel": {"duel": F(1), "not": F(0)}, "not": {"duel": F(0), "not": F(1)}}
    send = {"beer": {"beer": F(1), "quiche": F(0)}, "quiche": {"beer": F(0), "quiche": F(1)}}
    separating = check_profile(
        g,
        {"weak": send["quiche"], "strong": send["beer"]},
        {"beer": pure["not"], "quiche": pure["duel"]},
    )
    assert not separating.ok and separating.reasons == ("type weak sends quiche worth 1 < 2",)
    both_quiche = {"weak": send["quiche"], "strong": send["quiche"]}
    assert not check_profile(g, both_quiche, {"beer": pure["not"], "quiche": pure["not"]}).ok
    ok = check_profile(g, both_quiche, {"beer": pure["duel"], "quiche": pure["not"]})
    assert ok.ok and ok.on_path == {"quiche"}
    assert ok.beliefs["quiche"] == ({"weak": F(1, 10), "strong": F(9, 10)},)
    assert vertex_key(g, ok.beliefs["beer"]) == {(F(1, 2), F(1, 2)), (F(1), F(0))}


def test_oracle_belief_polytope_with_three_types() -> None:
    """With the strong type split in two, the off-path belief set after beer (when pooling on
    quiche, beer challenged) is the triangle P(weak) >= 1/2 of the simplex over three types."""
    g = beer_quiche_data(F(1, 10), F(1, 2))
    quiche = {"beer": F(0), "quiche": F(1)}
    v = check_profile(
        g,
        dict.fromkeys(g.types, quiche),
        {"beer": {"duel": F(1), "not": F(0)}, "quiche": {"duel": F(0), "not": F(1)}},
    )
    assert v.ok
    half = F(1, 2)
    assert vertex_key(g, v.beliefs["beer"]) == {
        (F(1), F(0), F(0)),
        (half, half, F(0)),
        (half, F(0), half),
    }
