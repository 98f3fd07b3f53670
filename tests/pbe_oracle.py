"""An independent PBE filter for finite signalling games, in exact Fractions.

Nothing here comes from ``gametheory``: the game is plain data (:class:`Signaling`), profiles are
plain dicts, and every number is a :class:`fractions.Fraction`.  Tests use it as the oracle that
``gt.pbe`` and pygambit are checked against.

A behaviour profile is ``(sigma, rho)``: ``sigma[t][m]``, the probability that type ``t`` sends
``m``; ``rho[m][a]``, the probability that the receiver answers ``m`` with ``a``.  It is a perfect
Bayesian equilibrium when beliefs ``mu[m][t]`` exist satisfying Gibbons (1992), *A Primer in Game
Theory*, §4.1, signalling requirements:

- (1) after each message the receiver holds a belief over the types (a point of the simplex);
- (2R) each action the receiver plays at ``m`` maximises its expected payoff under ``mu[m]``;
- (2S) each message a type sends maximises its payoff given ``rho``;
- (3) on the path (``m`` sent with positive probability) ``mu[m]`` follows from the prior and
  ``sigma`` by Bayes' rule; off the path ``mu[m]`` is free (any point of the simplex).

So the question is, for each message: on the path, whether the Bayes belief supports ``rho[m]``;
off the path, whether the polytope of beliefs supporting ``rho[m]`` is non-empty.  That polytope
is ``{mu in simplex : for a in supp rho[m] and every a', E_mu u_R(a) >= E_mu u_R(a')}``, and its
vertices are found by brute force: every choice of ``len(types) - 1`` tight inequalities plus
``sum mu = 1``, solved exactly, kept if feasible (at most four types here, so a few hundred tiny
systems at worst).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

Key = tuple[str, str, str]  # (type, message, action)
Belief = dict[str, Fraction]  # type -> probability
Sigma = Mapping[str, Mapping[str, Fraction]]  # type -> message -> probability
Rho = Mapping[str, Mapping[str, Fraction]]  # message -> action -> probability


@dataclass(frozen=True)
class Signaling:
    """A finite signalling game as plain data: the types' priors, the messages, the receiver's
    actions and both players' payoffs at every ``(type, message, action)``, all exact."""

    prior: Mapping[str, Fraction]
    messages: tuple[str, ...]
    actions: tuple[str, ...]
    u_sender: Mapping[Key, Fraction]
    u_receiver: Mapping[Key, Fraction]
    types: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", tuple(self.prior))


# -- the sender (requirement 2S) -----------------------------------------------------------------


def sender_value(g: Signaling, rho: Rho, t: str, m: str) -> Fraction:
    """Type ``t``'s expected payoff from sending ``m`` against the receiver's ``rho``."""
    return sum((rho[m][a] * g.u_sender[t, m, a] for a in g.actions), Fraction(0))


def sender_violations(g: Signaling, sigma: Sigma, rho: Rho) -> list[str]:
    """Requirement 2S: every message a type sends with positive probability is a best message."""
    out = []
    for t in g.types:
        best = max(sender_value(g, rho, t, m) for m in g.messages)
        for m in g.messages:
            if sigma[t][m] > 0 and sender_value(g, rho, t, m) < best:
                out.append(f"type {t} sends {m} worth {sender_value(g, rho, t, m)} < {best}")
    return out


# -- the receiver (requirements 1, 2R, 3) --------------------------------------------------------


def message_probability(g: Signaling, sigma: Sigma, m: str) -> Fraction:
    """P(m) = sum_t prior(t) sigma_t(m)."""
    return sum((g.prior[t] * sigma[t][m] for t in g.types), Fraction(0))


def bayes_belief(g: Signaling, sigma: Sigma, m: str) -> Belief:
    """Requirement 3 on the path: mu(t | m) = prior(t) sigma_t(m) / P(m) (P(m) > 0)."""
    pm = message_probability(g, sigma, m)
    return {t: g.prior[t] * sigma[t][m] / pm for t in g.types}


def receiver_value(g: Signaling, belief: Mapping[str, Fraction], m: str, a: str) -> Fraction:
    """The receiver's expected payoff from ``a`` after ``m`` under ``belief``."""
    return sum((belief[t] * g.u_receiver[t, m, a] for t in g.types), Fraction(0))


def best_replies(g: Signaling, belief: Mapping[str, Fraction], m: str) -> set[str]:
    """The receiver's best replies to ``m`` under ``belief``."""
    values = {a: receiver_value(g, belief, m, a) for a in g.actions}
    top = max(values.values())
    return {a for a, v in values.items() if v == top}


def support(mix: Mapping[str, Fraction]) -> set[str]:
    return {x for x, q in mix.items() if q > 0}


def supporting_beliefs(g: Signaling, m: str, played: set[str]) -> list[Belief]:
    """Vertices of the polytope of beliefs under which every action in ``played`` is a best
    reply to ``m`` (requirement 2R with the belief free, as off the path); empty if none.

    Rows ``c . mu >= 0``: ``mu_t >= 0`` for each type, and ``E_mu u(a) - E_mu u(a') >= 0`` for
    ``a`` played and every ``a'``.  A vertex is a feasible point where ``len(types) - 1``
    linearly independent rows are tight, together with ``sum mu = 1``.
    """
    k = len(g.types)
    rows: list[tuple[Fraction, ...]] = [
        tuple(Fraction(int(i == j)) for j in range(k)) for i in range(k)
    ]
    for a in sorted(played):
        for b in g.actions:
            if b != a:
                rows.append(tuple(g.u_receiver[t, m, a] - g.u_receiver[t, m, b] for t in g.types))
    ones = tuple(Fraction(1) for _ in range(k))
    found: set[tuple[Fraction, ...]] = set()
    for tight in itertools.combinations(rows, k - 1):
        x = solve_exact([*tight, ones], [Fraction(0)] * (k - 1) + [Fraction(1)])
        if x is not None and all(dot(r, x) >= 0 for r in rows):
            found.add(x)
    return [dict(zip(g.types, x, strict=True)) for x in sorted(found)]


def dot(r: Sequence[Fraction], x: Sequence[Fraction]) -> Fraction:
    return sum((a * b for a, b in zip(r, x, strict=True)), Fraction(0))


def solve_exact(
    a: Sequence[Sequence[Fraction]], b: Sequence[Fraction]
) -> tuple[Fraction, ...] | None:
    """The unique solution of the square system ``a x = b`` (Gauss–Jordan in Fractions), or
    ``None`` when ``a`` is singular."""
    n = len(a)
    m = [[*map(Fraction, row), Fraction(rhs)] for row, rhs in zip(a, b, strict=True)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        m[col] = [v / m[col][col] for v in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col]
                m[r] = [v - f * w for v, w in zip(m[r], m[col], strict=True)]
    return tuple(m[r][n] for r in range(n))


# -- the verdict ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """Whether a profile is a PBE; why not; and, per message, the vertices of the set of beliefs
    that support it (the Bayes belief alone on the path, when it supports ``rho``)."""

    ok: bool
    reasons: tuple[str, ...]
    beliefs: Mapping[str, tuple[Belief, ...]]
    on_path: frozenset[str]


def check_profile(g: Signaling, sigma: Sigma, rho: Rho) -> Verdict:
    """Decide exactly whether beliefs exist that make ``(sigma, rho)`` a PBE (requirements 1–3
    of Gibbons 1992, §4.1) and return them as vertex sets, one per message."""
    reasons = well_formed(g, sigma, rho)
    if reasons:
        return Verdict(False, tuple(reasons), {}, frozenset())
    reasons = sender_violations(g, sigma, rho)
    beliefs: dict[str, tuple[Belief, ...]] = {}
    on_path = frozenset(m for m in g.messages if message_probability(g, sigma, m) > 0)
    for m in g.messages:
        played = support(rho[m])
        if m in on_path:
            mu = bayes_belief(g, sigma, m)
            if played <= best_replies(g, mu, m):
                beliefs[m] = (mu,)
            else:
                beliefs[m] = ()
                reasons.append(f"at {m} (on the path) {sorted(played)} not best under Bayes {mu}")
        else:
            beliefs[m] = tuple(supporting_beliefs(g, m, played))
            if not beliefs[m]:
                reasons.append(f"at {m} (off the path) no belief makes {sorted(played)} best")
    return Verdict(not reasons, tuple(reasons), beliefs, on_path)


def well_formed(g: Signaling, sigma: Sigma, rho: Rho) -> list[str]:
    """Each ``sigma[t]`` and ``rho[m]`` is a probability distribution on the right labels."""
    out = []
    for who, mix, labels in [
        *((f"type {t}", sigma[t], g.messages) for t in g.types),
        *((f"reply to {m}", rho[m], g.actions) for m in g.messages),
    ]:
        if set(mix) != set(labels) or any(q < 0 for q in mix.values()) or sum(mix.values()) != 1:
            out.append(f"{who}: {dict(mix)} is not a distribution over {labels}")
    return out
