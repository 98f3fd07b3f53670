"""The intuitive criterion (Cho & Kreps 1987, §III) for signalling games with any number of types.

For an equilibrium with sender payoffs ``u*(t)`` and an off-path message ``m``:

- ``BR(T, m)``: the receiver's replies to ``m`` that are best responses to some belief on the
  types ``T``;
- ``J(m)``: the types for which ``m`` is *equilibrium-dominated*,
  ``u*(t) > max over x in BR(Θ, m) of u(t, m, x)``;
- the equilibrium fails at ``m`` if some type ``t' ∉ J(m)`` has ``u(t', m, x) > u*(t')`` for
  every ``x`` in ``BR(Θ \\ J(m), m)``.  If ``J(m) = Θ`` the test does not apply; if
  ``J(m) = ∅`` it cannot bite on a PBE (the prescribed reply to ``m`` is a best response to a
  belief on ``Θ``, and no type gains from ``m`` against it), so only nonempty proper subsets
  are tried.

Pure replies suffice.  Cho and Kreps take ``BR(T, m)`` over mixed best responses; a mixed best
response to a belief ``μ`` mixes pure best responses to the same ``μ``, and each of those is
itself in the set.  A maximum of ``u(t, m, ·)`` (linear in the mixture) over the mixed set is
attained at a pure reply, so equilibrium dominance is the same test; and every mixed reply gives
``t'`` strictly more than ``u*(t')`` iff every pure reply in its support does, so the deviation
test is the same too.

"``x`` is a best response to some belief on ``T``" is the nonemptiness of a polytope in the
belief simplex over ``T``; with parametric payoffs it is decided by Fourier–Motzkin elimination
with case splits on the signs of the coefficients (exact, in sympy).  ``J(m)`` itself depends
on the parameters, so each candidate ``J`` is a region: the equilibrium fails on the union over
``J`` of (``J(m) = J`` and some type outside ``J`` gains), and survives on the rest of its
region, split into pieces that are each reduced by :func:`gametheory.conditions.reduce`.
The beliefs reported are the equilibrium's PBE beliefs (not narrowed to ``Θ \\ J(m)``).

References
----------
Cho, I.-K. & Kreps, D. M. (1987). Signaling games and stable equilibria. *Quarterly Journal of
Economics* 102(2), 179–221.
"""

from __future__ import annotations

from ..equilibrium import Equilibrium, Solution
from ._signalling import (
    DNF,
    BestReplies,
    Failure,
    Signalling,
    conj,
    disj,
    gt0,
    neg,
    payoff_map,
    refine,
    subsets,
    type_list,
)

__all__ = ["intuitive_criterion"]


def intuitive_criterion(solution: Solution) -> Solution:
    """The equilibria of a PBE solution of a signalling game that pass the intuitive criterion.

    Parameters
    ----------
    solution
        A :func:`gametheory.pbe` solution of a game whose root is a chance move over the
        sender's types, each type choosing a message at its own information set, then the
        receiver replying (one information set per message) and the game ending.  Any number of
        types, messages and replies; payoffs numeric or symbolic.

    Returns
    -------
    Solution
        Concept ``"pbe (intuitive)"``.  Each equilibrium is kept on the part of its region where
        it passes (possibly split into pieces); ``removed`` holds a
        :class:`~gametheory.Removal` per equilibrium, off-path message and set ``J(m)`` of
        equilibrium-dominated types where it fails (``types``: the types that would deviate),
        and ``notes`` say the same in words.

    Raises
    ------
    UnsupportedGameError
        For a tree that is not such a signalling game (naming what is missing), or a belief
        polytope too large for the symbolic elimination (solve the game at a point).

    Examples
    --------
    >>> import sympy as sp
    >>> import gametheory as gt
    >>> bq = gt.SignalingGame(
    ...     sender="S", receiver="R", types={"weak": sp.Rational(1, 10), "strong": sp.Rational(9, 10)},
    ...     messages=["beer", "quiche"], actions=["duel", "not"],
    ...     payoffs=lambda t, m, x: {
    ...         "S": ((t == "strong") == (m == "beer")) + 2 * (x == "not"),
    ...         "R": int((t == "weak") == (x == "duel")),
    ...     },
    ... )
    >>> refined = gt.pbe(bq, refine="intuitive")
    >>> {eq.strategies["S|strong"]["beer"] for eq in refined}
    {1}
    >>> {r.message for r in refined.removed}, {r.types for r in refined.removed}
    ({'beer'}, {('strong',)})
    """
    return refine(solution, "intuitive", "the intuitive criterion", _fails)


def _fails(sg: Signalling, br: BestReplies, eq: Equilibrium, m: str) -> list[Failure]:
    space = br.space
    star = payoff_map(sg, eq)
    everyone = sg.types
    replies = {x: br(m, (x,), everyone) for x in sg.actions[m]}
    dominated: dict[str, DNF] = {
        t: conj(
            *(disj(neg(replies[x], space), gt0(star[t] - sg.u(t, m, x), space)) for x in replies)
        )
        for t in everyone
    }
    out = []
    for J in subsets(everyone):
        rest = tuple(t for t in everyone if t not in J)
        is_j = conj(
            *(dominated[t] for t in J), *(neg(dominated[t], space) for t in rest), space=space
        )
        if not is_j:
            continue
        on_rest = {x: br(m, (x,), rest) for x in sg.actions[m]}
        for t in rest:
            gains = conj(
                *(
                    disj(neg(on_rest[x], space), gt0(sg.u(t, m, x) - star[t], space))
                    for x in on_rest
                )
            )
            where = conj(is_j, gains, space=space)
            if not where:
                continue
            reason = (
                f"{m!r} is equilibrium-dominated for {type_list(J)} and not for {type_list(rest)},"
                f" and type {t!r} gains from {m!r} against every best reply to beliefs on "
                f"{type_list(rest)}"
            )
            out.append(Failure(m, (t,), where, reason))
    return out
