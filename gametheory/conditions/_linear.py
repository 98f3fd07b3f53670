"""Linear systems ``a·x + b >= 0`` / ``> 0``: LP in floats, answers confirmed in rationals.

* Feasibility: maximise a common margin ``t`` (``a_i·x + b_i >= t·|a_i|``) with HiGHS.  A point
  is only reported after it is rounded to small rationals and checked exactly.
* Small systems are decided exactly, without floats, by Fourier–Motzkin elimination
  (:func:`fm_empty`), which keeps track of strictness (a combination of two rows is strict
  when either is); it gives up (``None``) past a row budget.
* Emptiness is only reported with an exact Motzkin certificate: ``y >= 0`` with
  ``Σ y_i a_i = 0`` and either ``Σ y_i b_i < 0``, or ``Σ y_i b_i = 0`` and ``y_i > 0`` for some
  strict row.  The certificate is found by a second LP and confirmed in Fractions.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

import numpy as np

__all__ = [
    "Row",
    "check_rows",
    "fm_empty",
    "fm_point",
    "lp_decide",
    "rationalise_point",
    "solve_exact",
    "vertices",
]

Row = tuple[tuple[Fraction, ...], Fraction, bool]
"""``(a, b, strict)``: the constraint ``a·x + b >= 0`` (``> 0`` when strict)."""

_TOL = 1e-9
_DENOMINATORS = (1, 2, 4, 10, 100, 1000, 10**4, 10**6, 10**9, 10**12)


def _row_ok(row: Row, x: Sequence[Fraction]) -> bool:
    a, b, strict = row
    v = b + sum((ai * xi for ai, xi in zip(a, x, strict=True) if ai), Fraction(0))
    return v > 0 if strict else v >= 0


def check_rows(rows: Sequence[Row], x: Sequence[Fraction]) -> bool:
    """Whether the rational point ``x`` satisfies every row exactly."""
    return all(_row_ok(r, x) for r in rows)


def rationalise_point(x: np.ndarray, rows: Sequence[Row]) -> list[Fraction] | None:
    """The simplest rounding of ``x`` (by denominator) that satisfies all rows exactly."""
    if not np.all(np.isfinite(x)):
        return None
    for d in _DENOMINATORS:
        q = [Fraction(float(v)).limit_denominator(d) for v in x]
        if check_rows(rows, q):
            return q
    return None


def _margin_lp(
    rows: Sequence[Row], n: int, margin_rows: Sequence[bool]
) -> tuple[float, np.ndarray] | None:
    """Maximise ``t`` with ``a·x + b >= t*|a|`` on the chosen rows and ``>= 0`` on the others."""
    m = len(rows)
    a_ub = np.zeros((m, n + 1))
    b_ub = np.zeros(m)
    for i, (a, b, _) in enumerate(rows):
        a_ub[i, :n] = [-float(v) for v in a]
        if margin_rows[i]:
            a_ub[i, n] = max(float(max(abs(v) for v in a)), 1.0) if n else 1.0
        b_ub[i] = float(b)
    c = np.zeros(n + 1)
    c[n] = -1.0
    bounds = [(None, None)] * n + [(None, 1.0) if any(margin_rows) else (0.0, 0.0)]
    from scipy.optimize import linprog  # here: a fast `import gametheory`

    res = linprog(c, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if res.status != 0 or res.x is None:
        return None
    return float(res.x[n]), np.asarray(res.x[:n], dtype=float)


def solve_exact(
    matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]
) -> list[Fraction] | None:
    """A solution of ``matrix·y = rhs`` in Fractions (free unknowns set to 0), or None."""
    solved = _gauss_jordan(matrix, rhs)
    if solved is None:
        return None
    values, pivots = solved
    y = [Fraction(0)] * (len(matrix[0]) if matrix else 0)
    for v, col in zip(values, pivots, strict=True):
        y[col] = v
    return y


def _unique(
    matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]
) -> tuple[Fraction, ...] | None:
    """The unique solution of ``matrix·y = rhs``, or None (none, or not unique)."""
    solved = _gauss_jordan(matrix, rhs)
    if solved is None or len(solved[1]) != (len(matrix[0]) if matrix else 0):
        return None
    return tuple(solved[0])


def vertices(
    rows: Sequence[tuple[Sequence[Fraction], Fraction, str]], k: int, *, closure: bool
) -> list[tuple[Fraction, ...]]:
    """The vertices of the polyhedron ``{x: a·x + b op 0}`` (``op`` one of ``>=``, ``>``,
    ``==``) in ``k`` unknowns, exactly, by brute force over the choices of ``k`` tight rows
    (small systems only).  With ``closure`` strict rows count as weak (the closure's vertices);
    otherwise a vertex must satisfy them strictly.  Sorted, without repeats."""
    eqs = [r for r in rows if r[2] == "=="]
    ineq = [r for r in rows if r[2] != "=="]
    found: set[tuple[Fraction, ...]] = set()
    for active in itertools.combinations(ineq, max(k - len(eqs), 0)):
        system = [*eqs, *active]
        x = _unique([list(a) for a, _, _ in system], [-b for _, b, _ in system])
        if x is None or x in found:
            continue
        if all(_holds(a, b, op, x, closure) for a, b, op in rows):
            found.add(x)
    return sorted(found)


def _holds(
    a: Sequence[Fraction], b: Fraction, op: str, x: Sequence[Fraction], closure: bool
) -> bool:
    v = b + sum((ai * xi for ai, xi in zip(a, x, strict=True) if ai), Fraction(0))
    if op == "==":
        return v == 0
    return v > 0 if (op == ">" and not closure) else v >= 0


def _gauss_jordan(
    matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]
) -> tuple[list[Fraction], list[int]] | None:
    """Reduced row echelon form of ``[matrix | rhs]``: the pivot rows' right-hand sides and the
    pivot columns, or None when the system is inconsistent."""
    rows = [[*r, v] for r, v in zip(matrix, rhs, strict=True)]
    ncols = len(matrix[0]) if matrix else 0
    pivots: list[int] = []
    r = 0
    for col in range(ncols):
        piv = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if piv is None:
            continue
        rows[r], rows[piv] = rows[piv], rows[r]
        inv = 1 / rows[r][col]
        rows[r] = [v * inv for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                f = rows[i][col]
                rows[i] = [vi - f * vr for vi, vr in zip(rows[i], rows[r], strict=True)]
        pivots.append(col)
        r += 1
        if r == len(rows):
            break
    if any(all(v == 0 for v in row[:-1]) and row[-1] != 0 for row in rows[r:]):
        return None
    return [rows[i][-1] for i in range(len(pivots))], pivots


def _certificate_ok(rows: Sequence[Row], y: Sequence[Fraction], n: int) -> bool:
    if any(v < 0 for v in y):
        return False
    for j in range(n):
        if sum((yi * r[0][j] for yi, r in zip(y, rows, strict=True) if yi), Fraction(0)) != 0:
            return False
    total = sum((yi * r[1] for yi, r in zip(y, rows, strict=True) if yi), Fraction(0))
    strict_weight = sum((yi for yi, r in zip(y, rows, strict=True) if r[2]), Fraction(0))
    return total < 0 or (total == 0 and strict_weight > 0)


def certify_empty(rows: Sequence[Row], n: int) -> bool:
    """Find and confirm exactly a Motzkin certificate that the rows have no common solution."""
    m = len(rows)
    a_eq = np.zeros((n + 1, m))
    b_eq = np.zeros(n + 1)
    for i, (a, b, strict) in enumerate(rows):
        a_eq[:n, i] = [float(v) for v in a]
        a_eq[n, i] = (1.0 if strict else 0.0) - float(b)
    b_eq[n] = 1.0
    a_ub = np.array([[float(r[1]) for r in rows]])
    from scipy.optimize import linprog  # here: a fast `import gametheory`

    res = linprog(
        np.ones(m),
        A_ub=a_ub,
        b_ub=[0.0],
        A_eq=a_eq,
        b_eq=b_eq,
        bounds=[(0, None)] * m,
        method="highs",
    )
    if res.status != 0 or res.x is None:
        return False
    y = np.asarray(res.x, dtype=float)
    for d in _DENOMINATORS[3:]:
        q = [Fraction(float(v)).limit_denominator(d) for v in y]
        if _certificate_ok(rows, q, n):
            return True
    support = [i for i in range(m) if y[i] > _TOL]
    if not support:
        return False
    matrix = [[rows[i][0][j] for i in support] for j in range(n)]
    norm = [(Fraction(1) if rows[i][2] else Fraction(0)) - rows[i][1] for i in support]
    rhs: list[Fraction] = [*([Fraction(0)] * n), Fraction(1)]
    variants = [([*matrix, norm], rhs)]
    if abs(float(a_ub[0] @ y)) < _TOL:
        variants.insert(0, ([*matrix, norm, [rows[i][1] for i in support]], [*rhs, Fraction(0)]))
    for mat, vec in variants:
        sol = solve_exact(mat, vec)
        if sol is None:
            continue
        full = [Fraction(0)] * m
        for i, v in zip(support, sol, strict=True):
            full[i] = v
        if _certificate_ok(rows, full, n):
            return True
    return False


_FM_ROWS = 48  # Fourier–Motzkin gives up when an elimination step would exceed this many rows


def fm_empty(rows: Sequence[Row], n: int) -> bool | None:
    """Whether the rows have no common solution, decided exactly by Fourier–Motzkin elimination.

    True (empty) or False (a solution exists), both exact; ``None`` when the elimination
    would pass ``_FM_ROWS`` rows (then use :func:`lp_decide`).  Eliminating ``x_j`` pairs each
    row with a positive coefficient of ``x_j`` with each with a negative one (positive
    multipliers cancel ``x_j``); the combination is strict when either row is, which is exact:
    a lower and an upper bound on ``x_j`` leave room iff ``lo < hi``, or ``lo <= hi`` when
    both are weak (Schrijver 1986, *Theory of Linear and Integer Programming*, §12.2).
    """
    found = _fm_stages(rows, n)
    return None if found is None else found[0]


def fm_point(rows: Sequence[Row], n: int) -> tuple[bool, list[Fraction] | None] | None:
    """:func:`fm_empty` with a point: ``(True, None)`` when empty, ``(False, x)`` with an exact
    solution ``x`` otherwise (each unknown, in the reverse order of elimination, the simplest
    rational strictly inside the interval the earlier ones leave it, or its one point);
    ``None`` past the row budget."""
    found = _fm_stages(rows, n)
    if found is None:
        return None
    empty, stages = found
    if empty:
        return True, None
    x: list[Fraction | None] = [None] * n
    for system, j in reversed(stages):
        lo: tuple[Fraction, bool] | None = None
        hi: tuple[Fraction, bool] | None = None
        for a, b, strict in system:
            if not a[j]:
                continue
            rest = b + sum((ai * xi for ai, xi in zip(a, x, strict=True) if ai and xi), F0)
            end = -rest / a[j]
            if a[j] > 0 and (lo is None or (end, strict) > lo):
                lo = (end, strict)
            elif a[j] < 0 and (hi is None or (end, not strict) < hi):
                hi = (end, not strict)  # (end, True) sorts after (end, False): strict is tighter
        x[j] = _inside(lo, None if hi is None else (hi[0], not hi[1]))
    point = [F0 if v is None else v for v in x]
    return (False, point) if check_rows(rows, point) else None


F0 = Fraction(0)


def _inside(lo: tuple[Fraction, bool] | None, hi: tuple[Fraction, bool] | None) -> Fraction:
    """The simplest rational in the interval (``(end, strict)`` bounds, ``None``: unbounded);
    strictly inside when it has an inside, else its one point."""
    if lo is not None and hi is not None:
        if lo[0] == hi[0]:
            return lo[0]
        return _simplest_between(lo[0], hi[0])
    if lo is not None:
        return max(F0, Fraction(math.floor(lo[0]) + 1))
    if hi is not None:
        return min(F0, Fraction(math.ceil(hi[0]) - 1))
    return F0


def _simplest_between(a: Fraction, b: Fraction) -> Fraction:
    """The rational with the smallest denominator (then the smallest size) strictly between
    ``a < b``, by continued fractions."""
    if a < 0 < b:
        return F0
    if b <= 0:
        return -_simplest_between(-b, -a)
    whole = math.floor(a) + 1
    if whole < b:
        return Fraction(whole)
    fl = math.floor(a)  # a and b lie in [fl, fl + 1]: recurse on the reciprocals
    upper = None if a == fl else 1 / (a - fl)
    lower = 1 / (b - fl)
    if upper is None:
        return fl + 1 / Fraction(math.floor(lower) + 1)
    return fl + 1 / _simplest_between(lower, upper)


def _fm_stages(rows: Sequence[Row], n: int) -> tuple[bool, list[tuple[list[Row], int]]] | None:
    """Whether the rows are empty (a failing row without unknowns turns up), and the systems
    met by the elimination, each with the unknown it eliminates; ``None`` past the budget."""
    current: set[Row] = set()
    for row in rows:
        reduced = _scaled(row)
        if reduced is None:
            return True, []
        current.add(reduced)
    stages: list[tuple[list[Row], int]] = []
    for _ in range(n):
        live = [r for r in current if any(r[0])]
        if not live:
            break
        counts = []
        for j in range(n):
            pos = sum(1 for r in live if r[0][j] > 0)
            neg = sum(1 for r in live if r[0][j] < 0)
            if pos or neg:
                counts.append((pos * neg - pos - neg, j))
        _, j = min(counts)
        pos_rows = [r for r in live if r[0][j] > 0]
        neg_rows = [r for r in live if r[0][j] < 0]
        nxt: set[Row] = {r for r in live if r[0][j] == 0}
        if len(nxt) + len(pos_rows) * len(neg_rows) > _FM_ROWS:
            return None
        stages.append((sorted(live), j))
        for p in pos_rows:
            for q in neg_rows:
                mp, mq = -q[0][j], p[0][j]
                a = tuple(mp * u + mq * w for u, w in zip(p[0], q[0], strict=True))
                reduced = _scaled((a, mp * p[1] + mq * q[1], p[2] or q[2]))
                if reduced is None:
                    return True, []
                nxt.add(reduced)
        current = nxt
    return False, stages


def _scaled(row: Row) -> Row | None:
    """The row divided by its largest coefficient's size (a positive multiple: the same set),
    so that repeats coincide; ``None`` when a row without unknowns fails."""
    a, b, strict = row
    size = max((abs(v) for v in a), default=Fraction(0))
    if size == 0:
        return None if ((b <= 0) if strict else (b < 0)) else (a, Fraction(0), False)
    return (tuple(v / size for v in a), b / size, strict)


def _in_float_range(row: Row) -> Row:
    """The row, divided by a power of two when a coefficient is past floats' range (the LPs
    read rows in floats; a positive multiple is the same set, and the same certificate)."""
    a, b, strict = row
    top = max(abs(v.numerator).bit_length() - v.denominator.bit_length() for v in (*a, b))
    if top < 900:
        return row
    scale = Fraction(2) ** (top - 900)
    return (tuple(v / scale for v in a), b / scale, strict)


def lp_decide(
    rows: Sequence[Row], n: int
) -> tuple[Literal["empty", "nonempty", "unknown"], list[Fraction] | None]:
    """Decide a linear system exactly when possible: ``("nonempty", point)``, ``("empty", None)``.

    ``"unknown"`` (with a float-rounded point or None) when neither could be confirmed.
    """
    live = []
    for row in rows:
        if any(row[0]):
            live.append(_in_float_range(row))
        elif (row[1] <= 0) if row[2] else (row[1] < 0):
            return "empty", None
    if not live:
        return "nonempty", [Fraction(0)] * n
    best = _margin_lp(live, n, [True] * len(live))
    if best is None:
        return "unknown", None
    t, x = best
    if t > _TOL:
        point = rationalise_point(x, live)
        if point is not None:
            return "nonempty", point
    if t < -_TOL:
        return ("empty", None) if certify_empty(live, n) else ("unknown", None)
    # the closure has (almost) no interior: look for a point on a face
    strict = [r[2] for r in live]
    face = _margin_lp(live, n, strict) if any(strict) else (0.0, x)
    if face is not None and (face[0] > _TOL or not any(strict)):
        point = rationalise_point(face[1], live)
        if point is not None:
            return "nonempty", point
    if certify_empty(live, n):
        return "empty", None
    return "unknown", None
