"""Exact vertex enumeration of a pointed polyhedron ``{z : G z = g, z_j >= 0 for j not free}``,
and exact feasibility of ``{z >= 0 : G z = g}`` (private kernels of the sequence form).

Free variables are eliminated first (Gaussian elimination on their columns: each defines one
row, dropped from the system and used afterwards to read the variable's value), which leaves a
standard-form system ``G' z' = g', z' >= 0``.  Phase one of the simplex method (artificial
variables, Bland's rule) finds a feasible basis or proves there is none.  The vertices are then
reached by a depth-first search over the bases of the *lexicographically perturbed* system
(right-hand side ``g' + B0 (eps, eps^2, ...)`` for the starting basis ``B0``; Dantzig, Orden &
Wolfe 1955), which is simple: each basis has exactly one neighbour per non-basic variable (the
lexicographic minimum-ratio row; none along an unbounded edge), its graph is connected, and
every vertex of the original polyhedron is the basic solution of one of its bases at least (the
lexicographic optimum of an objective that singles it out).  Avis & Fukuda's reverse search
walks the same graph without memory; this search keeps the set of bases it has seen, which is
simpler and fine within a budget.  Phase one is in :class:`fractions.Fraction`; the search
pivots on integers (each row its equation times a positive factor, reduced by the gcd of its
entries, as in :mod:`gametheory.solvers._lemke`), and vertices are read as exact fractions.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from fractions import Fraction

from .._budget import UNLIMITED, Budget

__all__ = ["CapReached", "feasible", "vertices"]

Row = list[Fraction]


class CapReached(Exception):
    """The search met its cap on bases (``max_bases``)."""


def feasible(rows: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> bool:
    """Whether ``G z = g`` has a solution ``z >= 0``, exactly."""
    return _phase_one(rows, rhs, UNLIMITED, "")[0] is not None


def vertices(
    rows: Sequence[Sequence[Fraction]],
    rhs: Sequence[Fraction],
    free: Sequence[int] = (),
    *,
    budget: Budget = UNLIMITED,
    what: str = "bases visited",
    max_bases: int | None = None,
) -> Iterator[tuple[Fraction, ...]]:
    """Every vertex of ``{z : G z = g, z_j >= 0 (j not in free)}``, each once.

    The free variables' columns must be linearly independent (the polyhedron pointed).  The
    budget is checked at each basis; past ``max_bases`` bases, :class:`CapReached` is raised.
    """
    n = len(rows[0]) if rows else 0
    G = [[Fraction(v) for v in r] for r in rows]
    g = [Fraction(v) for v in rhs]
    defining: dict[int, int] = {}
    for c in free:
        r = next((i for i in range(len(G)) if i not in defining.values() and G[i][c]), None)
        if r is None:  # pragma: no cover - a line in the polyhedron: a caller's bug
            raise ValueError(f"free variable {c} is not determined by the system")
        f = G[r][c]
        G[r] = [v / f for v in G[r]]
        g[r] /= f
        for i in range(len(G)):
            if i != r and G[i][c]:
                k = G[i][c]
                G[i] = [a - k * b for a, b in zip(G[i], G[r], strict=True)]
                g[i] -= k * g[r]
        defining[c] = r
    kept = [c for c in range(n) if c not in defining]
    used = set(defining.values())
    sub_rows = [[G[i][c] for c in kept] for i in range(len(G)) if i not in used]
    sub_rhs = [g[i] for i in range(len(G)) if i not in used]
    T, basis, _ = _phase_one(sub_rows, sub_rhs, budget, what)
    if T is None:
        return
    for z in _search(T, basis, len(kept), budget, what, max_bases):
        full = [Fraction(0)] * n
        for c, v in zip(kept, z, strict=True):
            full[c] = v
        for c, r in defining.items():
            full[c] = g[r] - sum((G[r][j] * full[j] for j in kept if G[r][j]), Fraction(0))
        yield tuple(full)


def _phase_one(
    rows: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction], budget: Budget, what: str
) -> tuple[list[Row] | None, list[int], int]:
    """A feasible basis of ``{z >= 0 : G z = g}`` as a tableau (rows ``[coefficients | rhs]``
    in canonical form, redundant rows dropped) and its basic columns; ``(None, [], n)`` when the
    system is infeasible."""
    m = len(rows)
    n = len(rows[0]) if rows else 0
    T: list[Row] = []
    for i, (coefs, b) in enumerate(zip(rows, rhs, strict=True)):
        s = -1 if b < 0 else 1
        art = [Fraction(0)] * m
        art[i] = Fraction(1)
        T.append([Fraction(s * v) for v in coefs] + art + [Fraction(s * b)])
    basis = [n + i for i in range(m)]
    width = n + m
    # minimise the sum of the artificials: reduced costs of the sum over the rows
    while True:
        budget.check(f"{what} (phase one)")
        live = [i for i in range(m) if basis[i] >= n]
        cost = [-sum((T[i][j] for i in live), Fraction(0)) for j in range(n)]
        entering = next((j for j in range(n) if cost[j] < 0), None)
        if entering is None:
            break
        rows_ok = [i for i in range(m) if T[i][entering] > 0]
        if not rows_ok:  # pragma: no cover - the phase-one objective is bounded below
            break
        r = min(rows_ok, key=lambda i: (T[i][-1] / T[i][entering], basis[i]))
        _pivot(T, r, entering)
        basis[r] = entering
    if any(T[i][-1] for i in range(m) if basis[i] >= n):
        return None, [], n
    keep = []
    for i in range(m):
        if basis[i] >= n:  # an artificial at zero: pivot a real column in, or drop the row
            c = next((j for j in range(n) if T[i][j]), None)
            if c is None:
                continue
            _pivot(T, i, c)
            basis[i] = c
        keep.append(i)
    out = [[*T[i][:n], T[i][width]] for i in keep]
    return out, [basis[i] for i in keep], n


def _pivot(T: list[Row], r: int, c: int) -> None:
    p = T[r][c]
    if p != 1:
        T[r] = [v / p for v in T[r]]
    row = T[r]
    nz = [j for j, v in enumerate(row) if v]
    for i in range(len(T)):
        k = T[i][c]
        if i != r and k:
            other = T[i]
            for j in nz:
                other[j] -= k * row[j]


def _search(
    T: list[Row], basis: list[int], n: int, budget: Budget, what: str, max_bases: int | None
) -> Iterator[tuple[Fraction, ...]]:
    m = len(T)
    lex = list(basis)  # the columns of the starting basis: the perturbation's coordinates
    seen_bases = {frozenset(basis)}
    seen: set[tuple[Fraction, ...]] = set()
    stack = [([_integral(row) for row in T], basis)]
    count = 0
    while stack:
        count += 1
        budget.check(what, count)
        if max_bases is not None and count > max_bases:
            raise CapReached(count)
        tab, bas = stack.pop()
        z = [Fraction(0)] * n
        for i, b in enumerate(bas):
            if tab[i][n]:
                z[b] = Fraction(tab[i][n], tab[i][b])
        point = tuple(z)
        if point not in seen:
            seen.add(point)
            yield point
        in_basis = set(bas)
        for j in range(n):
            if j in in_basis:
                continue
            cand = [i for i in range(m) if tab[i][j] > 0]
            if not cand:
                continue  # an unbounded edge
            r = cand[0]
            for i in cand[1:]:
                if _lex_less(tab[i], tab[i][j], tab[r], tab[r][j], n, lex):
                    r = i
            nxt = frozenset(in_basis - {bas[r]} | {j})
            if nxt in seen_bases:
                continue
            seen_bases.add(nxt)
            new = list(tab)  # rows are replaced, never changed in place, by the pivot
            _int_pivot(new, r, j)
            nb = list(bas)
            nb[r] = j
            stack.append((new, nb))


def _integral(row: Row) -> list[int]:
    """The row times the positive lcm of its denominators."""
    s = math.lcm(*(v.denominator for v in row))
    return [int(v * s) for v in row]


def _int_pivot(T: list[list[int]], r: int, c: int) -> None:
    """Pivot on ``(r, c)`` in integers: each row is its equation times a positive factor (so
    a basic variable's value is ``rhs / its coefficient``); rows with a zero in column ``c``
    are kept as they are, the others replaced by ``row * piv - f * pivot_row`` over their gcd."""
    row = T[r]
    if row[c] < 0:
        row = [-v for v in row]
    g = math.gcd(*row)
    if g > 1:
        row = [v // g for v in row]
    T[r] = row
    piv = row[c]
    nz = [j for j, v in enumerate(row) if v]
    for i, other in enumerate(T):
        f = other[c]
        if i == r or not f:
            continue
        new = [v * piv for v in other]
        for j in nz:
            new[j] -= f * row[j]
        g = math.gcd(*new)
        T[i] = [v // g for v in new] if g > 1 else new


def _lex_less(a: list[int], va: int, b: list[int], vb: int, n: int, lex: list[int]) -> bool:
    """Whether row ``a / va`` precedes ``b / vb`` on (rhs, the starting basis' columns)."""
    for j in (n, *lex):
        aj, bj = a[j], b[j]
        if not aj:
            if bj:
                return bj > 0
            continue
        if not bj:
            return aj < 0
        x, y = aj * vb, bj * va
        if x != y:
            return x < y
    return False  # pragma: no cover - rows of a nonsingular B^-1 differ
