"""Compiled sweeps of a Solution: conditions and measures lambdified once, evaluated in chunks."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import sympy as sp

from ..conditions import atom, compile_atoms
from ..equilibrium import Equilibrium, Solution
from ..errors import GameError
from ..params import ParameterSpace
from ._grid import columns, inside
from ._result import SweepResult
from ._rows import Chunk, place_rows

__all__ = ["Compiled", "Measure", "select_rows", "sweep_solution"]

Measure: TypeAlias = sp.Expr | Callable[[pd.DataFrame], Any]


def sweep_solution(
    sol: Solution,
    arrays: list[np.ndarray],
    shape: tuple[int, ...] | None,
    n: int,
    *,
    measures: Mapping[str, Measure],
    strategies: bool,
    select: str,
    outside: str,
    tol: float,
    chunk_size: int,
) -> SweepResult:
    """Evaluate a solution's compiled equilibria over the grid; see :func:`gametheory.sweep`."""
    space = sol.space
    names = tuple(s.name for s in space.symbols)
    eqs = (*sol.equilibria, *sol.undecided)
    compiled = [Compiled(eq, k, space, measures) for k, eq in enumerate(eqs)]
    chunks: list[Chunk] = []
    for start in range(0, n, chunk_size):
        idx = np.arange(start, min(n, start + chunk_size))
        cols = columns(arrays, shape, idx)
        keep = inside(space, cols, outside, tol)
        if not keep.all():
            idx, cols = idx[keep], [c[keep] for c in cols]
        chunks.append((idx, cols))
    data = place_rows(compiled, chunks, names, tol, strategies)
    frame = _frame(data, names, compiled, [eq.kind for eq in eqs])
    for name, m in measures.items():
        if not isinstance(m, sp.Basic):
            frame[name] = np.asarray(m(frame))
    frame = select_rows(frame, select)
    return SweepResult(frame, names, n, shape)


class Compiled:
    """One equilibrium's conditions and measures, lambdified once."""

    def __init__(
        self, eq: Equilibrium, k: int, space: ParameterSpace, measures: Mapping[str, Measure] | None
    ) -> None:
        self.k = k
        conj = eq.conditions.args if isinstance(eq.conditions, sp.And) else (eq.conditions,)
        atoms = [a for c in conj if c is not sp.true for a in atom(c)]
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
        exprs = [sp.sympify(e) for e in cols.values()]
        self.fn = sp.lambdify(space.symbols, exprs, modules="numpy", cse=True)

    def mask(self, cols: list[np.ndarray], tol: float) -> np.ndarray:
        """Where the equilibrium's conditions hold (the tolerance rule of the conditions)."""
        if self.conditions is None:
            return np.ones(len(cols[0]), dtype=bool)
        return np.asarray(self.conditions.all_hold(*cols, tol=tol), dtype=bool)

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


def select_rows(frame: pd.DataFrame, select: str) -> pd.DataFrame:
    if select == "all":
        return frame
    how, _, column = select.partition(":")
    if how not in ("min", "max") or not column:
        raise GameError(f"select must be 'all', 'min:<column>' or 'max:<column>', got {select!r}")
    if column not in frame.columns:
        raise GameError(
            f"select names unknown column {column!r}; columns: {', '.join(frame.columns)}"
        )
    if frame.empty:
        return frame
    pick = (
        frame.groupby("point")[column].idxmin()
        if how == "min"
        else frame.groupby("point")[column].idxmax()
    )
    return frame.loc[pick.to_numpy()].reset_index(drop=True)
