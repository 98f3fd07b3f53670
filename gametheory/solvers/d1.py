"""The D1 criterion (Cho & Kreps 1987, §IV; Banks & Sobel 1987) for signalling games with any
number of types, messages and replies, numeric or symbolic payoffs.

For an equilibrium with sender payoffs ``u*(t)`` and an off-path message ``m``, let ``MBR`` be
the receiver's mixed best responses to ``m`` under beliefs on all types ``Θ``, and for each type

- ``D_t``: the replies ``α ∈ MBR`` with ``u(t, m, α) > u*(t)``;
- ``D⁰_t``: those with ``u(t, m, α) = u*(t)``.

Type ``t`` is deleted from the beliefs after ``m`` if some other type ``t'`` has
``D_t ∪ D⁰_t ⊆ D_t'`` (whenever ``t`` weakly gains from ``m``, ``t'`` strictly gains).  The
deletion is done once, simultaneously (D1, not its iteration).  The equilibrium fails at ``m``
if no belief on the surviving types makes the prescribed reply to ``m`` a best response (every
action it plays with positive probability optimal, hence indifferent).  If no type is deleted
the test is the PBE condition itself; if every type is deleted it does not apply (as with
``J(m) = Θ`` in the intuitive criterion).

How the inclusion is decided exactly.  ``MBR`` is the union of the faces ``Δ(S)`` of the
simplex of replies over the supports ``S`` that are jointly best for some belief, and
``D_t ∪ D⁰_t`` on a face is the polytope ``{α ∈ Δ(S) : u(t, m, α) ≥ u*(t)}``: a simplex cut by
one half-space.  Its vertices are the pure replies ``x ∈ S`` with ``u(t, m, x) ≥ u*(t)`` and,
on each edge ``[x, y]`` of ``Δ(S)`` with ``u(t, m, x) > u*(t) > u(t, m, y)``, the point
``α = λx + (1 − λ)y`` where ``u(t, m, α) = u*(t)``.  ``u(t', m, ·) − u*(t')`` is linear, so it is
positive on the polytope iff it is positive at those vertices; and an edge ``{x, y}`` of a
jointly-best support is itself jointly best.  So the inclusion is a finite conjunction over
pure best replies ``x`` and jointly-best pairs ``{x, y}``, each an inequality in the payoffs
(for the edge point, after multiplying by ``u(t, m, x) − u(t, m, y) > 0``:
``(u*(t) − u(t,m,y))(u(t',m,x) − u*(t')) + (u(t,m,x) − u*(t))(u(t',m,y) − u*(t')) > 0``).
With numeric payoffs every test is an exact rational comparison; with symbolic ones each is a
condition, and the equilibrium survives on the part of its region where it passes.  Whether a
support is jointly best for some belief on a set of types is a polytope in the belief simplex,
decided by Fourier–Motzkin elimination with case splits on coefficient signs.

References
----------
Cho, I.-K. & Kreps, D. M. (1987). Signaling games and stable equilibria. *Quarterly Journal of
Economics* 102(2), 179–221.
Banks, J. S. & Sobel, J. (1987). Equilibrium selection in signaling games. *Econometrica* 55(3),
647–661.
"""

from __future__ import annotations

import itertools

import sympy as sp

from ..equilibrium import Equilibrium, Solution
from ._signalling import (
    DNF,
    BestReplies,
    Failure,
    Signalling,
    conj,
    disj,
    gt0,
    lt0,
    neg,
    payoff_map,
    prune,
    refine,
    subsets,
    type_list,
)

__all__ = ["d1_criterion"]


def d1_criterion(solution: Solution) -> Solution:
    """The equilibria of a PBE solution of a signalling game that pass the D1 criterion.

    Parameters
    ----------
    solution
        A :func:`gametheory.pbe` solution of a game whose root is a chance move over the
        sender's types, each type choosing a message at its own information set, then the
        receiver replying (one information set per message) and the game ending.

    Returns
    -------
    Solution
        Concept ``"pbe (D1)"``.  Each equilibrium is kept on the part of its region where it
        passes (possibly split into pieces); ``removed`` holds a :class:`~gametheory.Removal` per
        equilibrium, off-path message and set of surviving types where it fails (``types``: the
        types left in the beliefs after the message), and ``notes`` say the same in words.

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
    >>> refined = gt.pbe(bq, refine="D1")
    >>> {eq.strategies["S|strong"]["beer"] for eq in refined}
    {1}
    >>> sorted({(r.message, r.types) for r in refined.removed})
    [('beer', ('strong',)), ('quiche', ('weak',))]
    """
    return refine(solution, "D1", "the D1 criterion", _fails)


def _fails(sg: Signalling, br: BestReplies, eq: Equilibrium, m: str) -> list[Failure]:
    space = br.space
    star = payoff_map(sg, eq)
    everyone = sg.types
    acts = sg.actions[m]
    pure = {x: br(m, (x,), everyone) for x in acts}
    pairs = {(x, y): br(m, (x, y), everyone) for x, y in itertools.combinations(acts, 2)}

    def gain(t: str, x: str) -> sp.Expr:
        return sp.expand(sg.u(t, m, x) - star[t])

    def included(t: str, o: str) -> DNF:
        """Where ``D_t ∪ D⁰_t ⊆ D_o``."""
        parts = [
            disj(neg(pure[x], space), lt0(gain(t, x), space), gt0(gain(o, x), space)) for x in acts
        ]
        for (a, b), joint in pairs.items():
            for x, y in ((a, b), (b, a)):
                edge = -gain(t, y) * gain(o, x) + gain(t, x) * gain(o, y)
                parts.append(
                    disj(
                        neg(joint, space),
                        neg(gt0(gain(t, x), space)),
                        neg(lt0(gain(t, y), space)),
                        gt0(edge, space),
                    )
                )
        return conj(*parts, space=space)

    deleted = {
        t: prune(disj(*(included(t, o) for o in everyone if o != t)), space) for t in everyone
    }
    support = sg.reply_support(eq, m)
    out = []
    for kept in subsets(everyone):
        gone = tuple(t for t in everyone if t not in kept)
        is_kept = conj(
            *(deleted[t] for t in gone), *(neg(deleted[t], space) for t in kept), space=space
        )
        if not is_kept:
            continue
        where = conj(is_kept, neg(br(m, support, kept), space), space=space)
        if not where:
            continue
        reply = " and ".join(repr(x) for x in support)
        reason = (
            f"D1 deletes {type_list(gone)} from the beliefs after {m!r} (another type gains "
            f"strictly from {m!r} against every reply from which they gain weakly), and no "
            f"belief on {type_list(kept)} makes the prescribed reply {reply} a best response"
        )
        out.append(Failure(m, kept, where, reason))
    return out
