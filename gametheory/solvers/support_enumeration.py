"""Symbolic support enumeration for two-player games, complete on degenerate boundaries.

Every extreme equilibrium ``(x, y)`` is a pair of vertices of the best-response polyhedra
(Avis, Rosenberg, Savani & von Stengel 2010).  A vertex ``x`` of the row player's polyhedron is
the unique solution of a square *vertex system*: an own support ``R`` and a set ``K`` of the
opponent's actions (``|K| = |R|``) that are made indifferent,

    sum_{i in R} B[i, j] x_i = v  (j in K),   sum_{i in R} x_i = 1,   x_i = 0 (i not in R),

solved exactly by Cramer's rule, so ``x_i = N_i / D`` with ``D`` the system's determinant.  The
column player's vertex ``y`` comes likewise from ``(C, L)`` with ``A``.  The pair is an
equilibrium where both are feasible (``x, y >= 0`` and no opponent action pays more than the
indifferent ones) and complementary: every row in ``R`` is a best reply to ``y`` and every
column in ``C`` a best reply to ``x``.

* **Equal supports** (``L = R``, ``K = C``) are complementary by construction: this is Algorithm
  3.4 of von Stengel (2007), with weak inequalities (``x >= 0``), so boundaries belong to both
  neighbouring equilibria.  Generic parameters need nothing more.
* **Unequal supports** (``L != R`` or ``K != C``) need the missing best replies as equalities
  (``(A y)_i = u`` for ``i`` in ``R \\ L``, ``(x B)_j = v`` for ``j`` in ``C \\ K``): these
  equilibria live on boundaries where the game is degenerate (for instance two rows that become
  identical), and their conditions say so.  Here supports are strict (``x_R > 0``), so each is
  reported once, by its exact support.

Multiplying through by ``D`` keeps atoms polynomial; when the sign of ``D`` is not fixed on the
space both signs are tried and, if both are possible, the product form ``N D >= 0, D != 0`` (the
union) is used.  Regions are simplified, pruned and witnessed by :mod:`gametheory.conditions`.

References
----------
B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive form",
ch. 3 of Nisan, Roughgarden, Tardos & Vazirani (eds.), *Algorithmic Game Theory*, CUP 2007.
D. Avis, G. Rosenberg, R. Savani & B. von Stengel, "Enumeration of Nash equilibria for two-player
games", *Economic Theory* 42 (2010) 9-37.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import sympy as sp
from sympy.polys.constructor import construct_domain
from sympy.polys.matrices import DomainMatrix

from .._budget import UNLIMITED, Budget
from ..conditions import Atom, atom, reduce
from ..equilibrium import Equilibrium
from ..errors import UnsupportedGameError
from ..games.normal_form import NormalFormGame
from ..params import ParameterSpace
from ._normal_form import make_equilibrium, tidy_ratio

__all__ = ["symbolic_support_enumeration"]


@dataclass(frozen=True)
class _Vertex:
    """A vertex system: own support, indifferent opponent actions, Cramer numerators."""

    own: tuple[int, ...]
    binding: tuple[int, ...]
    num: tuple[sp.Expr, ...]  # probability numerators, in ``own`` order
    wnum: sp.Expr  # numerator of the indifference value
    det: sp.Expr
    slack: tuple[sp.Expr, ...]  # per opponent action t: numerator of w - (M z)_t (>= 0 feasible)
    size: int  # number of own actions

    def atoms(self, sign: int | None, strict: bool) -> list[Atom]:
        """Feasibility atoms, multiplied through by the determinant's sign (or the product form)."""
        op = ">" if strict else ">="
        polys = [(p, op) for p in self.num]
        polys += [(self.slack[t], ">=") for t in range(len(self.slack)) if t not in self.binding]
        out: list[Atom] = []
        if self.det.is_number:
            s = 1 if self.det > 0 else -1
            for p, o in polys:
                out.extend(atom(s * p, o))
        elif sign is None:
            out.extend(atom(self.det, "!="))
            for p, o in polys:
                out.extend(atom(sp.expand(p * self.det), o))
        else:
            out.extend(atom(sign * self.det, ">"))
            for p, o in polys:
                out.extend(atom(sign * p, o))
        return out

    @cached_property
    def vector(self) -> list[sp.Expr]:
        """The mixed strategy, each probability a reduced rational function."""
        z = [sp.Integer(0)] * self.size
        for k, s in enumerate(self.own):
            z[s] = tidy_ratio(self.num[k], self.det)
        return z

    @cached_property
    def value(self) -> sp.Expr:
        """The opponent's equilibrium payoff (the common value of the indifferent actions)."""
        return tidy_ratio(self.wnum, self.det)


MAX_SYSTEMS = 5_000
"""Vertex systems per player (``C(m + n, m) - 1``) beyond which, without a budget, a symbolic
game is refused rather than enumerated (a 7 x 7 game has 3,431)."""


def symbolic_support_enumeration(
    game: NormalFormGame, space: ParameterSpace, budget: Budget = UNLIMITED
) -> tuple[list[Equilibrium], list[Equilibrium]]:
    """Every extreme equilibrium of a two-player game with symbolic payoffs, with its conditions.

    Returns the equilibria, and separately the *undecided* boundary candidates: equilibria that
    can exist only on a lower-dimensional set (where the game is degenerate) whose conditions
    could be neither refuted nor witnessed.  They are exact where their conditions hold, so
    ``Solution.at`` checks them too, but they are not listed.

    ``budget`` is checked before each vertex system and each pair of vertices; a
    :class:`~gametheory.BudgetExceededError` carries the equilibria found so far as ``partial``
    (a list).  Without a budget, games with more than :data:`MAX_SYSTEMS` vertex systems a
    player are refused with :class:`~gametheory.UnsupportedGameError`.
    """
    m, n = game.shape
    systems_count = math.comb(m + n, m) - 1
    if not budget.limited and systems_count > MAX_SYSTEMS:
        raise UnsupportedGameError(
            f"a symbolic {m}x{n} game has {systems_count:,} vertex systems a player, more than the "
            f"{MAX_SYSTEMS:,} enumerated without a budget; give a budget in seconds "
            "(gt.nash(game, budget=60)) to try anyway, or solve it at a parameter point "
            "(gt.nash(game.at(...)))"
        )
    systems = _Systems(*game.matrices())
    xs = _alive(systems.vertices(1, budget), space, budget)  # row's mixes (Col indifferent)
    ys = _alive(systems.vertices(0, budget), space, budget)  # column's mixes (Row indifferent)
    found: dict[tuple[object, ...], Equilibrium] = {}
    unequal: list[Equilibrium] = []
    total = len(xs) * len(ys)
    for done, ((xv, xsign), (yv, ysign)) in enumerate(itertools.product(xs, ys)):
        budget.check("pairs of feasible vertices tried", done, total, partial=found)
        equal = xv.own == yv.binding and yv.own == xv.binding
        compat: list[Atom] = []
        if not equal:
            eqs = [yv.slack[i] for i in xv.own if i not in yv.binding]
            eqs += [xv.slack[j] for j in yv.own if j not in xv.binding]
            covers = _covering_products(systems, xv, yv)
            if covers is None:
                continue
            eqs.extend(covers)
            if any(e.is_number and e != 0 for e in eqs):
                continue
            for e in eqs:
                compat.extend(atom(e, "=="))
        atoms = xv.atoms(xsign, strict=not equal) + yv.atoms(ysign, strict=not equal) + compat
        # Boundary-only candidates get the cheap deciders (exact elimination, LP, nice points):
        # their regions are lower-dimensional, where random search cannot land anyway.
        region = reduce(atoms, space, effort=1 if equal else 0)
        if region.status == "empty":
            continue
        eq = make_equilibrium(game, [xv.vector, yv.vector], region, space, [yv.value, xv.value])
        if equal:
            found.setdefault((eq.key(), eq.conditions), eq)
        else:
            unequal.append(eq)
    same_formula: dict[object, list[Equilibrium]] = {}
    for (key, _), eq in found.items():
        same_formula.setdefault(key, []).append(eq)
    undecided: dict[tuple[object, ...], Equilibrium] = {}
    for eq in unequal:
        # The same formula from an equal system is a duplicate only where that system holds:
        # its conditions may exclude exactly this boundary (a determinant that vanishes there).
        if eq.witness is not None and any(
            e.holds_at(eq.witness) for e in same_formula.get(eq.key(), ())
        ):
            continue
        target = found if eq.witness is not None else undecided
        target.setdefault((eq.key(), eq.conditions), eq)
    return list(found.values()), list(undecided.values())


def _covering_products(systems: _Systems, xv: _Vertex, yv: _Vertex) -> list[sp.Expr] | None:
    """Where an equal-support system also finds the pair's equilibrium, it is not new.

    With ``R = supp(x)``, ``C = supp(y)`` and, say, ``|R| <= |C|``, every ``R' = R + S`` with
    ``S`` taken from the rows ``L`` that ``y`` makes indifferent (``|R'| = |C|``) gives an equal
    system ``(R', C)`` that has this very equilibrium as its unique solution wherever both its
    determinants are nonzero.  The pair is needed only where every such product of determinants
    vanishes: the returned polynomials must all be zero.  ``None``: some product is a nonzero
    constant, so an equal system always covers the pair.
    """
    rows, cols = xv.own, yv.own
    if len(rows) <= len(cols):
        pool = [i for i in yv.binding if i not in rows]
        extensions = [
            (tuple(sorted(rows + extra)), cols)
            for extra in itertools.combinations(pool, len(cols) - len(rows))
        ]
    else:
        pool = [j for j in xv.binding if j not in cols]
        extensions = [
            (rows, tuple(sorted(cols + extra)))
            for extra in itertools.combinations(pool, len(rows) - len(cols))
        ]
    out = []
    for r, c in extensions:
        product = systems.expr(systems.det(1, r, c) * systems.det(0, c, r))
        if product.is_number and product != 0:
            return None
        if product != 0:
            out.append(product)
    return out


class _Systems:
    """Determinants of vertex systems over the payoffs' polynomial domain, computed once each.

    Arithmetic runs in sympy's ``DomainMatrix`` over the domain of all payoffs (``ZZ[c, a]``, a
    fraction field, ...), which is far faster than determinants of expression matrices.
    """

    def __init__(self, A: sp.Matrix, B: sp.Matrix) -> None:
        m, n = A.shape
        entries = [*A, *B, sp.Integer(1), sp.Integer(-1), sp.Integer(0)]
        self.dom, elems = construct_domain(entries, field=False)
        self.A = [[elems[i * n + j] for j in range(n)] for i in range(m)]
        self.Bt = [[elems[m * n + i * n + j] for i in range(m)] for j in range(n)]
        self.one, self.minus, self.zero = elems[-3:]
        self._dets: dict[tuple[int, tuple[int, ...], tuple[int, ...], int], Any] = {}

    def matrix(self, which: int) -> list[list[Any]]:
        """``0``: the row player's payoffs ``A`` (rows x cols); ``1``: ``B`` transposed."""
        return self.A if which == 0 else self.Bt

    def det(self, which: int, own: tuple[int, ...], binding: tuple[int, ...], col: int = -1) -> Any:
        """Determinant of the augmented system, with column ``col`` replaced by ``e_k`` if >= 0."""
        key = (which, own, binding, col)
        if key not in self._dets:
            M = self.matrix(which)
            k = len(own)
            rows = [[M[t][s] for s in own] + [self.minus] for t in binding]
            rows.append([self.one] * k + [self.zero])
            if col >= 0:
                for r, row in enumerate(rows):
                    row[col] = self.one if r == k else self.zero
            self._dets[key] = DomainMatrix(rows, (k + 1, k + 1), self.dom).det()
        return self._dets[key]

    def expr(self, elem: Any) -> sp.Expr:
        """A domain element as an expanded sympy expression."""
        return sp.expand(self.dom.to_sympy(elem))

    def vertices(self, which: int, budget: Budget = UNLIMITED) -> list[_Vertex]:
        """Every nonsingular square system ``M[binding, own] z = w 1, sum(z) = 1``."""
        M = self.matrix(which)
        n_opp, n_own = len(M), len(M[0])
        total = math.comb(n_own + n_opp, n_own) - 1
        out = []
        done = 0
        for k in range(1, min(n_own, n_opp) + 1):
            for own in itertools.combinations(range(n_own), k):
                for binding in itertools.combinations(range(n_opp), k):
                    budget.check("vertex systems solved", done, total)
                    done += 1
                    v = self._vertex(which, own, binding)
                    if v is not None:
                        out.append(v)
        return out

    def _vertex(self, which: int, own: tuple[int, ...], binding: tuple[int, ...]) -> _Vertex | None:
        det = self.det(which, own, binding)
        if not det:
            return None
        k = len(own)
        M = self.matrix(which)
        nums = [self.det(which, own, binding, b) for b in range(k + 1)]
        slack = []
        for t in range(len(M)):
            acc = nums[k]
            for b, s in enumerate(own):
                acc = acc - M[t][s] * nums[b]
            slack.append(self.expr(acc))
        return _Vertex(
            own,
            binding,
            tuple(self.expr(x) for x in nums[:k]),
            self.expr(nums[k]),
            self.expr(det),
            tuple(slack),
            len(M[0]),
        )


def _alive(
    vertices: list[_Vertex], space: ParameterSpace, budget: Budget = UNLIMITED
) -> list[tuple[_Vertex, int | None]]:
    """Vertex systems feasible somewhere in the space, each with its determinant's sign case."""
    out: list[tuple[_Vertex, int | None]] = []
    for done, v in enumerate(vertices):
        budget.check("vertex systems checked for feasibility", done, len(vertices))
        if v.det.is_number:
            if reduce(v.atoms(None, strict=False), space).status != "empty":
                out.append((v, None))
            continue
        signs = [s for s in (1, -1) if reduce(v.atoms(s, strict=False), space).status != "empty"]
        if len(signs) == 1:
            out.append((v, signs[0]))
        elif signs:
            out.append((v, None))
    return out
