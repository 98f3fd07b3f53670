"""Compiled sweeps of a Solution: conditions and measures lambdified once, evaluated in chunks."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import sympy as sp

from .._budget import UNLIMITED, Budget
from ..conditions import atom, compile_atoms
from ..conditions._compile import atoms_hold
from ..equilibrium import Equilibrium, Solution
from ..errors import GameError
from ..params import ParameterSpace
from ._defined import GameCheck
from ._grid import columns, failure_frame, kept_points
from ._measures import finish
from ._result import SweepResult
from ._rows import Chunk, place_rows
from ._select import Select

__all__ = ["Compiled", "Measure", "compiled_sweep"]

Measure: TypeAlias = sp.Expr | Callable[[pd.DataFrame], Any]


def compiled_sweep(
    sol: Solution,
    arrays: list[np.ndarray],
    shape: tuple[int, ...] | None,
    n: int,
    *,
    measures: Mapping[str, Measure],
    strategies: bool,
    select: Select,
    outside: str,
    tol: float,
    chunk_size: int,
    clock: Budget = UNLIMITED,
) -> SweepResult:
    """Evaluate a solution's compiled equilibria over the grid; see
    :func:`gametheory.sweep_solution`."""
    space = sol.space
    names = tuple(s.name for s in space.symbols)
    eqs = (*sol.equilibria, *sol.undecided)
    compiled = [Compiled(eq, k, space, measures) for k, eq in enumerate(eqs)]
    shown = dict.fromkeys(c for comp in compiled for c in comp.names)
    # a typo in select= should not cost a whole sweep: check it on the frame's columns first
    shown_now = [c for c in shown if strategies or ":" not in c]  # as place_rows shows them
    select.check([*names, "point", "equilibrium", "kind", *shown_now, *measures])
    kept = kept_points(space, arrays, shape, n, outside, tol)
    check = GameCheck(sol.game, space.symbols)
    said = np.array([check.message(i) for i in range(len(check.exprs))], dtype=object)
    chunks: list[Chunk] = []
    failed: list[tuple[np.ndarray, np.ndarray]] = []
    for start in range(0, len(kept), chunk_size):
        clock.check("points checked for where the game is defined", start, len(kept))
        idx = kept[start : start + chunk_size]
        cols = columns(arrays, shape, idx)
        bad, which = check.undefined(cols)
        if bad.any():
            failed.append((idx[bad], said[which[bad]]))
            idx, cols = idx[~bad], [c[~bad] for c in cols]
        chunks.append((idx, cols))
    data, unsure = place_rows(compiled, chunks, names, tol, strategies)
    data, undefined = _undefined_rows(data, compiled, unsure, measures)
    frame = _frame(data, names, compiled, [eq.kind for eq in eqs])
    failed.append(undefined)
    points = np.concatenate([np.empty(0, dtype=np.int64), *(p for p, _ in failed)])
    errors = np.concatenate([np.empty(0, dtype=object), *(e for _, e in failed)])
    failures = failure_frame(names, arrays, shape, points, errors)
    incomplete = tuple(f"the swept solution is incomplete: {r}" for r in sol.incomplete)
    return finish(
        frame,
        measures,
        select,
        lambda f: SweepResult(f, names, n, shape, failures, not incomplete, incomplete, sol),
    )


def _undefined_rows(
    data: dict[str, np.ndarray],
    compiled: Sequence[Compiled],
    unsure: tuple[np.ndarray, np.ndarray],
    measures: Mapping[str, Measure],
) -> tuple[dict[str, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """The columns without the points where an equilibrium holds with a value that is not
    finite (a payoff ``(c - 2)/(c**2 - 4)`` at ``c = 2``) or where its conditions cannot be
    evaluated; those points, with why, as failures (the equilibria there are unknown)."""
    eq = data["equilibrium"]
    bad = np.zeros(len(eq), dtype=bool)
    owned: dict[str, list[int]] = {}
    for comp in compiled:
        for c in comp.names:
            if c in data and c not in measures:
                owned.setdefault(c, []).append(comp.k)
    for c, owners in owned.items():
        wrong = ~np.isfinite(data[c])
        if not wrong.any():
            continue
        if len(owners) < len(compiled):  # NaN also fills the column where an equilibrium has none
            wrong &= np.isin(eq, owners)
        bad |= wrong
    points, why = [unsure[0]], [unsure[1]]
    rows = np.flatnonzero(bad)
    if len(rows):
        said = np.empty(len(rows), dtype=object)
        named = np.zeros(len(rows), dtype=bool)
        for comp in compiled:  # the first column that is not finite names the cause
            for c in (c for c in comp.names if c in owned):
                hit = (eq[rows] == comp.k) & ~np.isfinite(data[c][rows]) & ~named
                named |= hit
                said[hit] = (
                    f"GameError: equilibrium {comp.k} holds here, but its {c} is "
                    f"{comp.exprs[c]}, which is not finite here"
                )
        points.append(data["point"][rows])
        why.append(said)
    where = np.concatenate(points)
    texts = np.concatenate(why)
    if not len(where):
        return data, (where, texts)
    where, first = np.unique(where, return_index=True)
    keep = ~np.isin(data["point"], where)
    return {k: v[keep] for k, v in data.items()}, (where, texts[first])


class Compiled:
    """One equilibrium's conditions and measures, lambdified once."""

    def __init__(
        self, eq: Equilibrium, k: int, space: ParameterSpace, measures: Mapping[str, Measure] | None
    ) -> None:
        self.k = k
        conj = eq.conditions.args if isinstance(eq.conditions, sp.And) else (eq.conditions,)
        atoms = [a for c in conj if c is not sp.true for a in atom(c)]
        self.atoms = atoms
        self.conditions = compile_atoms(atoms, space.symbols) if atoms else None
        cols: dict[str, sp.Expr] = {}
        cols.update(dict(eq.payoffs.items()))
        for label, v in eq.outcomes.items():
            cols[label if label not in cols else f"P({label})"] = v
        for p, s in eq.strategies.items():
            for a, v in s.items():
                cols[f"{p}:{a}"] = v
        for name, m in (measures or {}).items():
            if isinstance(m, sp.Basic):
                cols[name] = _substitute_measure(m, eq, space)
        # a cutoff rule of a later player depends on the continuous choice, not only on the
        # parameters: such columns cannot be swept
        known = set(space.symbols)
        cols = {k: v for k, v in cols.items() if sp.sympify(v).free_symbols <= known}
        self.names = list(cols)
        self.exprs = {k: sp.sympify(v) for k, v in cols.items()}
        exprs = list(self.exprs.values())
        self.fn = sp.lambdify(space.symbols, exprs, modules="numpy", cse=True)

    def mask(self, cols: list[np.ndarray], tol: float) -> tuple[np.ndarray, np.ndarray]:
        """Where the equilibrium's conditions hold (the tolerance rule of the conditions), and
        where that cannot be told: a condition is undefined (NaN) and every other holds."""
        m = len(cols[0])
        if self.conditions is None:
            return np.ones(m, dtype=bool), np.zeros(m, dtype=bool)
        vals, scales = self.conditions._evaluate(cols)
        holds = atoms_hold(vals, scales, self.conditions.ops, tol)
        nan = np.isnan(vals)
        unsure = nan.any(axis=0) & np.all(holds | nan, axis=0)
        return np.asarray(holds.all(axis=0)), np.asarray(unsure)

    def undefined_condition(self, cols: list[np.ndarray]) -> str:
        """The first condition undefined at the (one) point given, as text."""
        if self.conditions is None:  # pragma: no cover - mask() finds none then
            return "true"
        vals = self.conditions(*cols)[:, 0]
        i = int(np.argmax(np.isnan(vals)))
        return str(self.atoms[i].as_relational())

    def values(self, cols: list[np.ndarray]) -> dict[str, np.ndarray]:
        """Every measure at the given points."""
        m = len(cols[0])
        with np.errstate(all="ignore"):
            out = self.fn(*cols)
        return {
            name: np.broadcast_to(np.asarray(v, dtype=float), (m,))
            for name, v in zip(self.names, out, strict=True)
        }


def _frame(
    data: dict[str, np.ndarray],
    names: Sequence[str],
    compiled: Sequence[Compiled],
    kinds: Sequence[str],
) -> pd.DataFrame:
    categories = list(dict.fromkeys(kinds))
    codes = np.array([categories.index(k) for k in kinds], dtype=np.int8)
    ordered: dict[str, Any] = {k: data[k] for k in [*names, "point", "equilibrium"]}
    ordered["kind"] = pd.Categorical.from_codes(
        codes[data["equilibrium"]] if len(codes) else np.zeros(0, dtype=np.int8),
        categories=categories,
    )
    for k in dict.fromkeys(n for c in compiled for n in c.names):
        if k in data:
            ordered[k] = data[k]
    return pd.DataFrame(ordered, copy=False)


def _substitute_measure(m: sp.Basic, eq: Equilibrium, space: ParameterSpace) -> sp.Expr:
    """A user measure may name outcome labels and players (their payoffs) as symbols."""
    names = {**dict(eq.payoffs.items()), **dict(eq.outcomes.items())}
    params = {s.name for s in space.symbols}
    unknown = sorted(s.name for s in m.free_symbols if s.name not in names and s.name not in params)
    if unknown:
        raise GameError(
            f"measure {m} names {', '.join(unknown)}: not a parameter, player or outcome label "
            f"(outcomes: {', '.join(eq.outcomes)})"
        )
    return sp.sympify(m).xreplace({s: names[s.name] for s in m.free_symbols if s.name in names})
