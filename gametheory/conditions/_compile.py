"""Compile atoms once into a vectorised numpy function (for sweeps).

Tolerance rule
--------------
Float values carry rounding error, so atoms are compared with a tolerance scaled to the size of
the terms that make up ``f``: with ``s(θ) = Σ |term_k(θ)|`` (the sum of the magnitudes of the
terms of the expanded expression),

* ``f >= 0`` holds when ``f >= -tol * s``;
* ``f > 0`` holds when ``f > tol * s``;
* ``f == 0`` holds when ``|f| <= tol * s``;
* ``f != 0`` holds when ``|f| > tol * s``.

So on a boundary (``f`` exactly zero) weak atoms hold and strict ones fail, as in exact
arithmetic, whatever the rounding.  NaN values never hold.  The default ``tol`` is ``1e-9``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp

from ..errors import UnknownParameterError
from ._atoms import Atom

__all__ = ["CompiledAtoms", "compile_atoms"]


class CompiledAtoms:
    """Atoms lambdified once; call with one array (or scalar) per symbol.

    ``compiled(*arrays)`` returns the values ``f`` as an array of shape ``(n_atoms, *shape)``
    where ``shape`` is the broadcast shape of the inputs (``(n_atoms, n_points)`` for 1-D inputs).
    """

    def __init__(self, atoms: Sequence[Atom], symbols: Sequence[sp.Symbol]) -> None:
        self.atoms: tuple[Atom, ...] = tuple(atoms)
        self.symbols: tuple[sp.Symbol, ...] = tuple(symbols)
        known = set(self.symbols)
        for a in self.atoms:
            missing = a.symbols - known
            if missing:
                names = ", ".join(sorted(s.name for s in missing))
                raise UnknownParameterError(
                    f"the atom {a} uses {names}, which is not among the compiled symbols"
                )
        exprs = [a.expr for a in self.atoms]
        scales = [sp.Add(*[sp.Abs(t) for t in sp.Add.make_args(e)]) for e in exprs]
        self._fn: Any = sp.lambdify(self.symbols, [*exprs, *scales], modules="numpy", cse=True)
        self.ops: tuple[str, ...] = tuple(a.op for a in self.atoms)

    def _evaluate(self, arrays: Sequence[object]) -> tuple[np.ndarray, np.ndarray]:
        if len(arrays) != len(self.symbols):
            raise UnknownParameterError(
                f"expected {len(self.symbols)} arrays (for {', '.join(map(str, self.symbols))}), "
                f"got {len(arrays)}"
            )
        xs = [np.asarray(a, dtype=float) for a in arrays]
        shape = np.broadcast_shapes(*(x.shape for x in xs)) if xs else ()
        m = len(self.atoms)
        with np.errstate(all="ignore"):
            out = self._fn(*xs) if m else []
            vals = np.empty((m, *shape))
            scales = np.empty((m, *shape))
            for i in range(m):
                vals[i] = np.broadcast_to(np.real(np.asarray(out[i])), shape)
                scales[i] = np.broadcast_to(np.abs(np.real(np.asarray(out[m + i]))), shape)
        return vals, scales

    def __call__(self, *arrays: object) -> np.ndarray:
        """The atoms' values ``f``: shape ``(n_atoms, *broadcast shape)``."""
        return self._evaluate(arrays)[0]

    def scales(self, *arrays: object) -> np.ndarray:
        """The scales ``s = Σ|term|`` used by the tolerance rule, same shape as the values."""
        return self._evaluate(arrays)[1]

    def holds(self, *arrays: object, tol: float = 1e-9) -> np.ndarray:
        """Boolean array ``(n_atoms, *shape)``: whether each atom holds (tolerance rule above)."""
        vals, scales = self._evaluate(arrays)
        return atoms_hold(vals, scales, self.ops, tol)

    def all_hold(self, *arrays: object, tol: float = 1e-9) -> np.ndarray:
        """Boolean array of the broadcast shape: whether every atom holds."""
        return np.all(self.holds(*arrays, tol=tol), axis=0)


def atoms_hold(
    vals: np.ndarray, scales: np.ndarray, ops: Sequence[str], tol: float = 1e-9
) -> np.ndarray:
    """Apply the tolerance rule to precomputed values and scales (rows follow ``ops``)."""
    out = np.zeros(vals.shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        for i, op in enumerate(ops):
            f, t = vals[i], tol * scales[i]
            if op == ">=":
                out[i] = f >= -t
            elif op == ">":
                out[i] = f > t
            elif op == "==":
                out[i] = np.abs(f) <= t
            else:
                out[i] = np.abs(f) > t
    return out


def compile_atoms(atoms: Sequence[Atom], symbols: Sequence[sp.Symbol]) -> CompiledAtoms:
    """Lambdify atoms once (numpy, ``cse=True``) for vectorised evaluation.

    Parameters
    ----------
    atoms
        The atoms to evaluate.
    symbols
        The argument order of the compiled function; every atom's symbols must be among them.

    Returns
    -------
    CompiledAtoms
        Callable as ``f(*arrays)``, giving a ``(n_atoms, n_points)`` array of the values ``f``
        for 1-D inputs (scalars broadcast).  ``.holds(*arrays, tol=1e-9)`` applies the
        tolerance rule of this module: weak ``f >= -tol*s``, strict ``f > tol*s`` with ``s`` the
        sum of the magnitudes of ``f``'s terms.
    """
    return CompiledAtoms(atoms, symbols)
