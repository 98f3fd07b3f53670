"""Parameter spaces: the symbols of a model, their intervals and extra constraints.

A :class:`ParameterSpace` is where a model's parameters live.  Solvers simplify equilibrium
conditions under it (an inequality the space implies is dropped; a region it excludes is
discarded), sweeps and samplers draw points from it, and ``.at()`` checks points against it.
Which space a game is solved in (the user's, aligned to the game's symbols, or the default) is
decided in one place: :func:`gametheory.space_resolution.resolve_space`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sympy as sp

from ._numbers import rational_of, to_expr
from .errors import (
    InvalidSpaceError,
    MissingParameterError,
    OutsideSpaceError,
    UnknownParameterError,
)

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ParameterSpace", "Point"]

Point = dict[sp.Symbol, sp.Rational]
"""A parameter point: each symbol mapped to an exact rational."""

Decide = Callable[[tuple[sp.Rel, ...], "ParameterSpace"], str]
"""Decides constraints on a box: ``"empty"``, ``"nonempty"`` or ``"unknown"``."""

_DECIDE: list[Decide] = []
"""The decision procedure of :mod:`gametheory.conditions`, which registers it when imported
(:func:`decide_constraints_with`): conditions work on spaces, so spaces do not import them; the
first space with constraints imports the package by its path, :data:`_CONDITIONS` (a string, not
an import: no cycle)."""

_CONDITIONS = "gametheory.conditions"


def decide_constraints_with(decide: Decide) -> None:
    """Use ``decide`` to tell whether a space's constraints leave any point of its box."""
    _DECIDE[:] = [decide]
    _emptiness.cache_clear()


_INEQUALITIES = (sp.GreaterThan, sp.StrictGreaterThan, sp.LessThan, sp.StrictLessThan)


def _assumed_interval(sym: sp.Symbol) -> sp.Interval:
    """The interval a symbol's own sympy assumptions allow (e.g. ``positive=True`` gives (0, oo))."""
    if sym.is_positive:
        return sp.Interval.open(0, sp.oo)
    if sym.is_nonnegative:
        return sp.Interval(0, sp.oo, right_open=True)
    if sym.is_negative:
        return sp.Interval.open(-sp.oo, 0)
    if sym.is_nonpositive:
        return sp.Interval(-sp.oo, 0, left_open=True)
    return sp.Interval(-sp.oo, sp.oo)


def _interval_of(sym: sp.Symbol, spec: object) -> sp.Interval:
    """Read a bound specification: a ``(lo, hi)`` pair (closed at finite ends) or a sympy Interval."""
    if isinstance(spec, sp.Interval):
        return _narrowed(sym, spec)
    if isinstance(spec, tuple | list) and len(spec) == 2:
        lo = _bound(spec[0], f"lower bound of {sym}", -sp.oo)
        hi = _bound(spec[1], f"upper bound of {sym}", sp.oo)
        if lo.free_symbols or hi.free_symbols:
            raise InvalidSpaceError(f"bounds of {sym} must be numbers, got ({lo}, {hi})")
        if bool(lo > hi):
            raise InvalidSpaceError(
                f"interval of {sym} is reversed: ({lo}, {hi}); give (lo, hi) with lo < hi"
            )
        if lo == hi:
            raise InvalidSpaceError(
                f"interval of {sym} is the single point [{lo}, {hi}]; substitute the value "
                "instead, or give (lo, hi) with lo < hi"
            )
        return _narrowed(sym, sp.Interval(lo, hi))
    raise InvalidSpaceError(
        f"bounds of {sym} must be a (lo, hi) pair or a sympy Interval, got {spec!r}"
    )


@lru_cache(maxsize=4096)
def _narrowed(sym: sp.Symbol, given: sp.Interval) -> sp.Interval:
    """``given`` narrowed by the symbol's assumptions; memoised, since every derived space
    (``extended``, ``with_constraints``) re-reads its parent's intervals."""
    interval = given.intersect(_assumed_interval(sym))
    if not isinstance(interval, sp.Interval) or interval.measure == 0:
        raise InvalidSpaceError(
            f"interval of {sym} is empty or a single point: {_fmt_interval(given)} under {sym}'s assumptions "
            f"{_fmt_interval(_assumed_interval(sym))}"
        )
    return interval


def _bound(value: object, what: str, infinite: sp.Expr) -> sp.Expr:
    if value is None or value in (sp.oo, -sp.oo, float("inf"), float("-inf")):
        return infinite if value is None else sp.sympify(value)
    return to_expr(value, what, InvalidSpaceError)


def _flatten_constraints(constraints: object) -> Iterator[sp.Basic]:
    if isinstance(constraints, sp.Basic | bool):
        constraints = [constraints]  # one relation (or a conjunction) on its own
    elif isinstance(constraints, str) or not isinstance(constraints, Iterable):
        raise InvalidSpaceError(
            f"constraints must be a list of sympy inequalities, got {constraints!r}"
        )
    for c in constraints:
        if isinstance(c, sp.And):
            yield from _flatten_constraints(c.args)
        else:
            yield c


@dataclass(frozen=True, init=False)
class ParameterSpace:
    """Symbols with intervals and extra constraints.

    Parameters
    ----------
    bounds
        Maps each parameter (a sympy Symbol, or its name) to its interval: a ``(lo, hi)`` pair,
        closed at finite ends (``None`` or ``sympy.oo`` for an infinite end), or a sympy
        ``Interval`` for open ends.  The symbol's own assumptions narrow it further: with
        ``c = Symbol("c", positive=True)``, ``(0, 10)`` means ``0 < c <= 10``.
    constraints
        Extra sympy inequalities in the parameters, e.g. ``[c > a]``.

    Examples
    --------
    >>> import sympy as sp
    >>> c, a = sp.symbols("c a", positive=True)
    >>> space = ParameterSpace({c: (0, 10), a: (0, 10)}, constraints=[c > a])
    >>> space.contains(c=5, a=1)
    True
    >>> space.contains(c=1, a=5)
    False
    """

    intervals: tuple[tuple[sp.Symbol, sp.Interval], ...]
    constraints: tuple[sp.Rel, ...]
    undecided: str | None = field(default=None, compare=False)
    """Why the space might be empty: set when its constraints could be neither proved
    satisfiable nor proved contradictory (a provably empty space is an
    :class:`InvalidSpaceError`); ``None`` when a point of the space is known.  A solution over
    such a space is incomplete (:attr:`Solution.incomplete` gives this reason)."""

    def __init__(
        self,
        bounds: Mapping[sp.Symbol | str, object] | None = None,
        constraints: Iterable[object] | sp.Basic = (),
    ) -> None:
        items: list[tuple[sp.Symbol, sp.Interval]] = []
        seen: set[str] = set()
        if bounds is not None and not isinstance(bounds, Mapping):
            raise InvalidSpaceError(
                "bounds must be a mapping {parameter: (lo, hi)} (a sympy Symbol or its name as "
                f"key), got {type(bounds).__name__}"
            )
        for key, spec in (bounds or {}).items():
            if isinstance(key, str) and not key:
                raise InvalidSpaceError(
                    "parameter '' has an empty name; give a sympy Symbol or a non-empty name"
                )
            sym = sp.Symbol(key, real=True) if isinstance(key, str) else key
            if not isinstance(sym, sp.Symbol):
                raise InvalidSpaceError(
                    f"parameter {key!r} is not a sympy Symbol or a name; the keys of bounds are "
                    "parameters"
                )
            if sym.name in seen:
                raise InvalidSpaceError(f"parameter {sym.name} is given twice")
            seen.add(sym.name)
            items.append((sym, _interval_of(sym, spec)))
        symbols = {s for s, _ in items}
        kept: list[sp.Rel] = []
        for c in _flatten_constraints(constraints):
            if c is sp.true or c is True:
                continue
            if c is sp.false or c is False:
                raise InvalidSpaceError("a constraint is identically false: the space is empty")
            if not isinstance(c, _INEQUALITIES):
                raise InvalidSpaceError(
                    f"constraint {c!r} is not an inequality (<, <=, >, >=); equalities are "
                    "better expressed by substituting one parameter"
                )
            c = _by_name(c, symbols)
            unknown = c.free_symbols - symbols
            if unknown:
                names = ", ".join(sorted(str(s) for s in unknown))
                raise UnknownParameterError(
                    f"constraint {c} uses {names}, which the space does not bound "
                    f"(parameters: {', '.join(s.name for s in symbols) or 'none'})"
                )
            kept.append(c)
        object.__setattr__(self, "intervals", tuple(items))
        object.__setattr__(self, "constraints", tuple(kept))
        object.__setattr__(self, "undecided", _emptiness(tuple(items), tuple(kept)))

    # -- named constructors -------------------------------------------------------------
    @classmethod
    def from_symbols(cls, symbols: Iterable[sp.Symbol]) -> ParameterSpace:
        """The space that only the symbols' own assumptions bound (``positive=True`` and so on)."""
        ordered = sorted(set(symbols), key=lambda s: s.name)
        return cls({s: _assumed_interval(s) for s in ordered})

    def extended(self, symbols: Iterable[sp.Symbol]) -> ParameterSpace:
        """This space with any missing ``symbols`` added, bounded by their assumptions only."""
        if isinstance(symbols, str | sp.Basic) or not isinstance(symbols, Iterable):
            raise InvalidSpaceError(f"extended() needs a list of sympy Symbols, got {symbols!r}")
        symbols = list(symbols)
        for s in symbols:
            if not isinstance(s, sp.Symbol):
                raise InvalidSpaceError(f"extended() needs sympy Symbols; {s!r} is not one")
        extra = {s: _assumed_interval(s) for s in symbols if s not in self.symbols}
        if not extra:
            return self
        bounds: dict[sp.Symbol | str, object] = dict(self.intervals)
        for sym in sorted(extra, key=lambda s: s.name):
            bounds[sym] = extra[sym]
        return ParameterSpace(bounds, self.constraints)

    def aligned(self, symbols: Iterable[sp.Symbol]) -> ParameterSpace:
        """This space with each parameter replaced by the same-named symbol of ``symbols``.

        A space keyed by names (``{"c": (0, 10)}``) or by symbols with other assumptions bounds
        a game's ``Symbol("c", positive=True)`` by name: the interval is narrowed by the game
        symbol's assumptions and the constraints rewritten in it.  Returns ``self`` when
        nothing changes.
        """
        mine = {s.name: s for s in self.symbols}
        swap = {mine[s.name]: s for s in symbols if s.name in mine and mine[s.name] != s}
        if not swap:
            return self
        bounds: dict[sp.Symbol | str, object] = {swap.get(s, s): iv for s, iv in self.intervals}
        return ParameterSpace(bounds, [c.xreplace(swap) for c in self.constraints])

    def with_constraints(self, constraints: Iterable[object]) -> ParameterSpace:
        """A new space with the given constraints in place of this one's."""
        return ParameterSpace(dict(self.intervals), constraints)

    # -- access ---------------------------------------------------------------------------
    @property
    def symbols(self) -> tuple[sp.Symbol, ...]:
        """The parameters, in the order given."""
        return tuple(s for s, _ in self.intervals)

    def interval(self, param: sp.Symbol | str) -> sp.Interval:
        """The interval of one parameter."""
        sym = self.symbol(param)
        return dict(self.intervals)[sym]

    def symbol(self, param: sp.Symbol | str) -> sp.Symbol:
        """The space's symbol for a name or symbol; :class:`UnknownParameterError` otherwise."""
        for s in self.symbols:
            if s == param or s.name == param:
                return s
        if isinstance(param, sp.Symbol):
            for s in self.symbols:
                if s.name == param.name:
                    return s
        known = ", ".join(s.name for s in self.symbols) or "none"
        raise UnknownParameterError(f"unknown parameter {param!s}; the parameters are: {known}")

    def relations(self) -> tuple[sp.Rel, ...]:
        """Every inequality the space imposes: interval ends, then the extra constraints."""
        out: list[sp.Rel] = []
        for s, iv in self.intervals:
            if iv.start.is_finite:
                out.append(
                    sp.StrictGreaterThan(s, iv.start)
                    if iv.left_open
                    else sp.GreaterThan(s, iv.start)
                )
            if iv.end.is_finite:
                out.append(
                    sp.StrictLessThan(s, iv.end) if iv.right_open else sp.LessThan(s, iv.end)
                )
        out.extend(self.constraints)
        return tuple(out)

    def __contains__(self, point: object) -> bool:
        return isinstance(point, Mapping) and self.contains(point)

    def __iter__(self) -> Iterator[sp.Symbol]:
        return iter(self.symbols)

    def __len__(self) -> int:
        return len(self.intervals)

    # -- points ---------------------------------------------------------------------------
    def point(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> Point:
        """Validate a point given by symbol or name and return it exactly.

        Raises :class:`UnknownParameterError`, :class:`MissingParameterError` or
        :class:`OutsideSpaceError`, naming the parameter or the violated constraint.  Floats are
        read as the simple rational they denote (``0.3`` is ``3/10``).
        """
        point = self._read(values, kw)
        missing = [s.name for s in self.symbols if s not in point]
        if missing:
            raise MissingParameterError(f"no value given for parameter(s): {', '.join(missing)}")
        for s, iv in self.intervals:
            if not _within(iv, point[s]):
                raise OutsideSpaceError(
                    f"parameter {s} = {point[s]} lies outside its interval {_fmt_interval(iv)}"
                )
        for c in self.constraints:
            if not bool(c.xreplace(point)):
                raise OutsideSpaceError(f"the point {_fmt(point)} violates the constraint {c}")
        return point

    def partial_point(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> Point:
        """Like :meth:`point`, but some parameters may be left out (only intervals are checked)."""
        point = self._read(values, kw)
        for s, v in point.items():
            iv = self.interval(s)
            if not _within(iv, v):
                raise OutsideSpaceError(
                    f"parameter {s} = {v} lies outside its interval {_fmt_interval(iv)}"
                )
        return point

    def _read(self, values: Mapping[Any, object] | None, kw: Mapping[str, object]) -> Point:
        point: Point = {}
        if values is not None and not isinstance(values, Mapping):
            raise UnknownParameterError(
                "a point is given by keyword (c=5) or as a mapping {parameter: value}, got "
                f"{type(values).__name__} {values!r:.60}"
            )
        for key, value in [*(values or {}).items(), *kw.items()]:
            sym = self.symbol(key)
            if sym in point:
                raise UnknownParameterError(f"parameter {sym} is given twice")
            point[sym] = rational_of(value, f"value of parameter {sym}", OutsideSpaceError)
        return point

    def contains(self, values: Mapping[Any, object] | None = None, /, **kw: object) -> bool:
        """Whether a point lies in the space (unknown or missing parameters still raise)."""
        try:
            self.point(values, **kw)
        except OutsideSpaceError:
            return False
        return True

    # -- sampling -------------------------------------------------------------------------
    def sample(self, n: int, rng: np.random.Generator) -> dict[sp.Symbol, np.ndarray]:
        """``n`` float points inside the space, as one array per parameter.

        Finite intervals are sampled uniformly; an infinite end is reached through an
        exponential tail of scale ``max(1, |finite end|)``.  Constraints are met by rejection.
        Raises :class:`InvalidSpaceError` if the constraints reject almost every draw.
        """
        import numpy as np

        _check_draw(n, rng)
        out: dict[sp.Symbol, list[np.ndarray]] = {s: [] for s in self.symbols}
        got, tries = 0, 0
        check = self._compiled_constraints()
        while got < n:
            tries += 1
            if tries > 50:
                raise InvalidSpaceError(
                    f"the constraints reject nearly every point of the box; drew {got} of {n}"
                )
            m = max(2 * (n - got), 16)
            draw = {s: _draw(iv, m, rng) for s, iv in self.intervals}
            mask = check(draw)
            keep = np.flatnonzero(mask)[: n - got]
            for s in self.symbols:
                out[s].append(draw[s][keep])
            got += keep.size
        return {s: np.concatenate(v) if v else np.empty(0) for s, v in out.items()}

    def sample_points(
        self, n: int, rng: np.random.Generator, max_denominator: int = 100
    ) -> list[Point]:
        """``n`` exact rational points inside the space (floats rounded to small denominators)."""
        import numpy as np

        _check_draw(n, rng)
        if (
            isinstance(max_denominator, bool)
            or not isinstance(max_denominator, int | np.integer)
            or max_denominator < 1
        ):
            raise InvalidSpaceError(
                f"max_denominator must be a positive integer, got {max_denominator!r}"
            )
        floats = self.sample(n, rng)
        points: list[Point] = []
        for k in range(n):
            pt: Point = {}
            for s, iv in self.intervals:
                x = float(floats[s][k])
                q = _nearest_inside(iv, x, max_denominator)
                pt[s] = q
            if all(bool(c.subs(pt)) for c in self.constraints):
                points.append(pt)
        return points

    def _compiled_constraints(self) -> Any:
        import numpy as np

        if not self.constraints:
            return lambda draw: np.ones(len(next(iter(draw.values()))) if draw else 0, dtype=bool)
        fn = sp.lambdify(self.symbols, sp.And(*self.constraints), modules="numpy")

        def check(draw: Mapping[sp.Symbol, np.ndarray]) -> np.ndarray:
            res = fn(*(draw[s] for s in self.symbols))
            return np.broadcast_to(np.asarray(res, dtype=bool), next(iter(draw.values())).shape)

        return check

    # -- display --------------------------------------------------------------------------
    def __str__(self) -> str:
        parts = [f"{s} ∈ {_fmt_interval(iv)}" for s, iv in self.intervals]
        parts += [str(c) for c in self.constraints]
        return "; ".join(parts) if parts else "(no parameters)"

    def __repr__(self) -> str:
        return f"ParameterSpace({self})"

    def _repr_latex_(self) -> str:
        parts = [f"{sp.latex(s)} \\in {sp.latex(iv)}" for s, iv in self.intervals]
        parts += [sp.latex(c) for c in self.constraints]
        return "$" + ",\\; ".join(parts) + "$"


def _check_draw(n: object, rng: object) -> None:
    import numpy as np

    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
        raise InvalidSpaceError(f"the number of points n must be an integer >= 0, got {n!r}")
    if not isinstance(rng, np.random.Generator):
        raise InvalidSpaceError(
            f"rng must be a numpy Generator (numpy.random.default_rng(seed)), got {rng!r}"
        )


def _by_name(c: sp.Basic, symbols: set[sp.Symbol]) -> sp.Basic:
    """A constraint written in symbols of the space's names but other assumptions (a space keyed
    by names, a constraint in ``Symbol("c", positive=True)``), rewritten in the space's own."""
    names = {s.name: s for s in symbols}
    swap = {
        s: names[s.name]
        for s in c.free_symbols
        if isinstance(s, sp.Symbol) and s not in symbols and s.name in names
    }
    return c.xreplace(swap) if swap else c


@lru_cache(maxsize=1024)
def _emptiness(
    intervals: tuple[tuple[sp.Symbol, sp.Interval], ...], constraints: tuple[sp.Rel, ...]
) -> str | None:
    """Raise :class:`InvalidSpaceError` when the constraints provably leave no point of the box;
    the reason the space may be empty when that cannot be decided; ``None`` when a point is
    known (or there are no constraints: a box of non-degenerate intervals is never empty)."""
    if not constraints:
        return None
    box = ParameterSpace(dict(intervals))
    listed = ", ".join(str(c) for c in constraints)
    if not _DECIDE:
        importlib.import_module(_CONDITIONS)  # registers its decision procedure
    if not _DECIDE:  # pragma: no cover - gametheory.conditions registers one
        return f"the parameter space may be empty: nothing decided the constraints {listed}"
    status = _DECIDE[0](constraints, box)
    if status == "empty":
        raise InvalidSpaceError(
            f"the space is empty: no point of {box} satisfies the constraints {listed}; "
            "relax a constraint or widen an interval"
        )
    if status == "unknown":
        return (
            f"the parameter space may be empty: the constraints {listed} could be neither "
            "satisfied nor refuted on {box}"
        ).replace("{box}", str(box))
    return None


def _within(iv: sp.Interval, v: sp.Rational) -> bool:
    """Whether a rational lies in an interval: its ends compared directly, which is much faster
    than ``Interval.contains`` (a relational built and simplified per call)."""
    lo, hi = iv.start, iv.end
    if lo.is_finite and not (v > lo if iv.left_open else v >= lo):
        return False
    return not (hi.is_finite and not (v < hi if iv.right_open else v <= hi))


def _fmt(point: Mapping[sp.Symbol, object]) -> str:
    return "(" + ", ".join(f"{s}={v}" for s, v in point.items()) + ")"


def _fmt_interval(iv: sp.Interval) -> str:
    left = "(" if iv.left_open or not iv.start.is_finite else "["
    right = ")" if iv.right_open or not iv.end.is_finite else "]"
    return f"{left}{iv.start}, {iv.end}{right}"


def _draw(iv: sp.Interval, m: int, rng: np.random.Generator) -> np.ndarray:
    lo, hi = iv.start, iv.end
    if lo.is_finite and hi.is_finite:
        return rng.uniform(float(lo), float(hi), size=m)
    if lo.is_finite:
        return float(lo) + rng.exponential(max(1.0, abs(float(lo))), size=m)
    if hi.is_finite:
        return float(hi) - rng.exponential(max(1.0, abs(float(hi))), size=m)
    return rng.standard_normal(m) * 10.0


def _nearest_inside(iv: sp.Interval, x: float, max_denominator: int) -> sp.Rational:
    """A rational with a small denominator near ``x`` and inside ``iv``."""
    for d in (1, 2, 4, 5, 10, max_denominator):
        q = sp.Rational(Fraction(x).limit_denominator(d))
        if iv.contains(q):
            return q
    q = sp.Rational(Fraction(x).limit_denominator(10**9))
    if iv.contains(q):
        return q
    # x is within float rounding of an open end: step inside
    mid = (iv.start + iv.end) / 2 if iv.start.is_finite and iv.end.is_finite else None
    return sp.Rational(mid) if mid is not None else sp.Rational(0)
