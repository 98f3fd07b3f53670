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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import sympy as sp

from ..conditions import Atom, atom, reduce
from ..equilibrium import Equilibrium
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


def symbolic_support_enumeration(game: NormalFormGame, space: ParameterSpace) -> list[Equilibrium]:
    """Every extreme equilibrium of a two-player game with symbolic payoffs, with its conditions."""
    A, B = game.matrices()
    m, n = A.shape
    xs = _alive(_vertex_systems(B.T, m, n), space)  # row player's mixes (indifference of Col)
    ys = _alive(_vertex_systems(A, n, m), space)  # column player's mixes (indifference of Row)
    found: dict[tuple[object, ...], Equilibrium] = {}
    unequal: list[Equilibrium] = []
    for (xv, xsign), (yv, ysign) in itertools.product(xs, ys):
        equal = xv.own == yv.binding and yv.own == xv.binding
        compat: list[Atom] = []
        if not equal:
            eqs = [yv.slack[i] for i in xv.own if i not in yv.binding]
            eqs += [xv.slack[j] for j in yv.own if j not in xv.binding]
            covers = _covering_products(A, B, xv, yv)
            if covers is None:
                continue
            eqs.extend(covers)
            if any(e.is_number and e != 0 for e in eqs):
                continue
            for e in eqs:
                compat.extend(atom(e, "=="))
        atoms = xv.atoms(xsign, strict=not equal) + yv.atoms(ysign, strict=not equal) + compat
        region = reduce(atoms, space)
        if region.status == "empty":
            continue
        eq = make_equilibrium(game, [xv.vector, yv.vector], region, space, [yv.value, xv.value])
        if equal:
            found.setdefault((eq.key(), eq.conditions), eq)
        else:
            unequal.append(eq)
    keys = {k for k, _ in found}
    for eq in unequal:
        if eq.key() not in keys:
            found.setdefault((eq.key(), eq.conditions), eq)
    return list(found.values())


def _covering_products(
    A: sp.Matrix, B: sp.Matrix, xv: _Vertex, yv: _Vertex
) -> list[sp.Expr] | None:
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
        product = sp.expand(_augmented_det(B.T, r, c) * _augmented_det(A, c, r))
        if product.is_number and product != 0:
            return None
        if product != 0:
            out.append(product)
    return out


def _augmented_det(M: sp.Matrix, own: Sequence[int], binding: Sequence[int]) -> sp.Expr:
    k = len(own)
    sys = sp.zeros(k + 1, k + 1)
    for a, t in enumerate(binding):
        for b, s in enumerate(own):
            sys[a, b] = M[t, s]
        sys[a, k] = -1
    for b in range(k):
        sys[k, b] = 1
    return sp.expand(sys.det(method="berkowitz"))


def _vertex_systems(M: sp.Matrix, n_own: int, n_opp: int) -> list[_Vertex]:
    """Every nonsingular square system ``M[binding, own] z = w 1, sum(z) = 1``."""
    out = []
    for k in range(1, min(n_own, n_opp) + 1):
        for own in itertools.combinations(range(n_own), k):
            for binding in itertools.combinations(range(n_opp), k):
                v = _solve(M, own, binding, n_own)
                if v is not None:
                    out.append(v)
    return out


def _solve(M: sp.Matrix, own: Sequence[int], binding: Sequence[int], n_own: int) -> _Vertex | None:
    """Cramer's rule on the (k+1)-square system; ``None`` when it is singular identically."""
    k = len(own)
    sys = sp.zeros(k + 1, k + 1)
    for a, t in enumerate(binding):
        for b, s in enumerate(own):
            sys[a, b] = M[t, s]
        sys[a, k] = -1
    for b in range(k):
        sys[k, b] = 1
    det = sp.expand(sys.det(method="berkowitz"))
    if det == 0:
        return None
    rhs = sp.zeros(k + 1, 1)
    rhs[k] = 1
    nums = []
    for b in range(k + 1):
        mb = sys.copy()
        mb[:, b] = rhs
        nums.append(sp.expand(mb.det(method="berkowitz")))
    slack = tuple(
        sp.expand(nums[k] - sum((M[t, s] * nums[b] for b, s in enumerate(own)), sp.Integer(0)))
        for t in range(M.shape[0])
    )
    return _Vertex(tuple(own), tuple(binding), tuple(nums[:k]), nums[k], det, slack, n_own)


def _alive(vertices: list[_Vertex], space: ParameterSpace) -> list[tuple[_Vertex, int | None]]:
    """Vertex systems feasible somewhere in the space, each with its determinant's sign case."""
    out: list[tuple[_Vertex, int | None]] = []
    for v in vertices:
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
