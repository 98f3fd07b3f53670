"""``gametheory sweep``: a model's solution over a grid; summary, measures, file and picture.

gametheory sweep models/crisis_chicken.py c=0.1:10:100 a=0:5:51 --measure war \\
    --out result.parquet --plot result.png
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ._cli_numbers import check_grid_size, parse_number, parse_pairs, parse_range
from .equilibrium import Solution
from .errors import GameError, MissingParameterError, OutsideSpaceError, UnknownParameterError
from .params import ParameterSpace
from .sweeps import Select, SweepResult, sweep_solution
from .sweeps._io import file_format

__all__ = ["add_parser", "parse_grid", "run"]

PICTURES = (".png", ".pdf", ".svg")


def add_parser(sub: Any) -> None:
    """Register the ``sweep`` subcommand on the ``gametheory`` parser's subparsers."""
    p = sub.add_parser(
        "sweep",
        help="sweep a model's equilibria over a grid; summary, measures, --out file, --plot",
        description="Sweep a model's solution over a grid of parameter points.",
    )
    p.add_argument("model", help="path to a model file, e.g. models/crisis_chicken.py")
    p.add_argument(
        "grid",
        nargs="+",
        metavar="NAME=START:STOP:NUM|NAME=VALUE",
        help="every parameter of the model's space: NUM evenly spaced values from START to "
        "STOP inclusive, or one fixed value",
    )
    p.add_argument(
        "--measure",
        action="append",
        default=[],
        metavar="NAME",
        help="print a column's min/mean/max per equilibrium (repeatable), e.g. war",
    )
    p.add_argument(
        "--select",
        default="all",
        help="which equilibria to keep at each point: 'all' (default), 'first', 'min:<column>' "
        "or 'max:<column>' (as gt.Select)",
    )
    p.add_argument(
        "--outside",
        choices=("raise", "drop"),
        default="raise",
        help="points outside the space: an error (default) or left out",
    )
    p.add_argument("--out", metavar="PATH", help="write the result: .csv or .parquet")
    p.add_argument(
        "--plot",
        metavar="PATH",
        help="draw a phase diagram (two swept parameters) or the first --measure against one "
        "swept parameter: .png, .pdf or .svg",
    )


def parse_grid(items: Sequence[str], space: ParameterSpace) -> dict[str, float | np.ndarray]:
    """``NAME=START:STOP:NUM`` (``numpy.linspace``, both ends included) or ``NAME=VALUE`` for
    every parameter of the space; errors name the offending item or the missing parameters.

    Numbers are read as in :mod:`gametheory._cli_numbers` (bounded size and exponent), NUM is at
    most ``MAX_POINTS`` and so is the number of points of the whole grid."""
    names = [s.name for s in space.symbols]
    pairs = parse_pairs(items, "the grid", "grid values take NAME=START:STOP:NUM or NAME=VALUE")
    values: dict[str, Fraction | tuple[Fraction, Fraction, int]] = {}
    for name, text in pairs.items():
        where = repr(f"{name}={text}")
        if name not in names:
            raise UnknownParameterError(
                f"unknown parameter {name} in {where}; the model's parameters: {', '.join(names)}"
            )
        if ":" not in text:
            values[name] = parse_number(text, where)
        elif text.count(":") == 2:
            values[name] = parse_range(text, where)
        else:
            raise GameError(f"in {where}: use START:STOP:NUM (e.g. {name}=0:10:101) or a value")
    missing = [n for n in names if n not in values]
    if missing:
        raise MissingParameterError(
            f"no values given for parameter(s): {', '.join(missing)} (every parameter of the "
            f"model's space needs NAME=START:STOP:NUM or NAME=VALUE)"
        )
    check_grid_size([v[2] for v in values.values() if isinstance(v, tuple)])
    grid: dict[str, float | np.ndarray] = {}
    for name in names:
        v = values[name]
        grid[name] = (
            np.linspace(float(v[0]), float(v[1]), v[2]) if isinstance(v, tuple) else float(v)
        )
    return grid


def _swept(grid: dict[str, float | np.ndarray]) -> list[str]:
    return [n for n, v in grid.items() if np.unique(v).size > 1]


def _describe(grid: dict[str, float | np.ndarray]) -> str:
    parts = []
    for name, v in grid.items():
        values = np.atleast_1d(v)
        if np.unique(values).size > 1:
            parts.append(f"{name} {values[0]:g} to {values[-1]:g} ({values.size} values)")
        else:
            parts.append(f"{name} = {values[0]:g}")
    return ", ".join(parts)


def run(args: argparse.Namespace, space: ParameterSpace, solve: Callable[[], Solution]) -> int:
    """Check the arguments, then solve, sweep, print and write.  ``solve`` is called only once
    everything it would be wasted on has been checked."""
    grid = parse_grid(args.grid, space)
    swept = _swept(grid)
    try:
        selection = Select.parse(args.select)
    except GameError:
        raise GameError(
            f"--select takes 'all', 'first', 'min:<column>' or 'max:<column>', got {args.select!r}"
        ) from None
    if args.out:
        file_format(args.out)
        _check_folder("--out", args.out)
    if args.plot:
        _check_folder("--plot", args.plot)
        suffix = Path(args.plot).suffix.lower()
        if suffix not in PICTURES:
            raise GameError(
                f"--plot {args.plot!r}: use a {', '.join(PICTURES)} file, not {suffix!r}"
            )
        if len(swept) not in (1, 2):
            raise GameError(
                "--plot draws two swept parameters (a phase diagram) or one (a measure against "
                f"it); swept here: {', '.join(swept) or 'none'}"
            )
        if len(swept) == 1 and not args.measure:
            raise GameError("--plot with one swept parameter needs --measure NAME to draw")
    sol = solve()
    try:
        res = sweep_solution(sol, grid, select=selection, outside=args.outside)
    except OutsideSpaceError as exc:
        raise OutsideSpaceError(f"{exc}; on the command line: --outside drop") from None
    unknown = [m for m in args.measure if m not in res.frame.columns]
    if unknown:
        raise GameError(
            f"no measure {', '.join(map(repr, unknown))}; columns: {', '.join(res.frame.columns)}"
        )
    print(f"Sweep of {args.model} over {res.n_points} points: {_describe(grid)}")
    print("\nEquilibria:")
    print(sol)
    print("\nShare of the grid where each equilibrium exists:")
    print(res.summary().to_string())
    if len(res.failures):
        print(f"\n{len(res.failures)} points failed (see the file written by --out)")
    for m in args.measure:
        stats = res.frame.groupby("equilibrium")[m].agg(["min", "mean", "max"])
        print(f"\n{m} (min / mean / max over the points where each equilibrium exists):")
        print(stats.to_string())
    if args.out:
        try:
            res.write(args.out)
        except OSError as exc:
            raise GameError(f"--out {args.out!r} could not be written: {exc}") from exc
        print(f"\nwrote {args.out}")
    if args.plot:
        try:
            _picture(res, args.plot, None if len(swept) == 2 else args.measure[0])
        except OSError as exc:
            raise GameError(f"--plot {args.plot!r} could not be written: {exc}") from exc
        print(f"wrote {args.plot}" if args.out else f"\nwrote {args.plot}")
    return 0


def _check_folder(option: str, path: str) -> None:
    """Refuse, before anything is solved, a file whose folder does not exist."""
    folder = Path(path).parent
    if not folder.is_dir():
        raise GameError(f"{option} {path!r}: the folder {str(folder)!r} does not exist")


def _picture(res: SweepResult, path: str, measure: str | None) -> None:
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - depends on the environment
        raise GameError("--plot needs matplotlib: pip install 'crisis-gametheory[plot]'") from None
    fig = Figure(figsize=(6, 4.5) if measure else (8, 4.5))  # a phase diagram's legend: right
    FigureCanvasAgg(fig)  # Agg: no screen needed
    res.plot(measure, ax=fig.add_subplot())
    fig.tight_layout()
    fig.savefig(path, dpi=100)
