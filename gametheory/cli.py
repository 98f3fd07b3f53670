"""The ``gametheory`` command: run a model file, evaluate its equilibria at a point, or sweep them.

gametheory run models/crisis_chicken.py
gametheory run models/crisis_chicken.py --at c=5 a=1
gametheory sweep models/crisis_chicken.py c=0.1:10:100 a=0:5:51 --measure war --out r.parquet
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import traceback
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from . import _cli_sweep
from ._cli_numbers import parse_number, parse_pairs
from .equilibrium import Solution
from .errors import GameError
from .report import model_report, outcome_lines
from .solvers import solve

__all__ = ["load_module", "main"]


def load_module(path: str | Path) -> ModuleType:
    """Import a model file by path without running its ``main()``.

    Raises
    ------
    GameError
        The path is missing, a directory or not a ``.py`` file; the file's own code raised
        while loading (the message names the file, the line and the exception, which is chained
        as the cause); or it defines no module-level ``game`` or ``space``.
    """
    p = Path(path)
    if p.is_dir():
        raise GameError(f"model file {str(p)!r} is a directory, not a Python file")
    if not p.is_file():
        raise GameError(f"model file {str(p)!r} does not exist")
    name = f"gametheory_model_{p.stem}"
    spec = importlib.util.spec_from_file_location(name, p)
    if spec is None or spec.loader is None:
        raise GameError(f"model file {str(p)!r} is not a Python file (a model file ends in .py)")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the model's own code: one sentence naming the file and line
        sys.modules.pop(name, None)
        raise GameError(
            f"model file {str(p)!r} failed to load{_line_of(exc, p)}: {type(exc).__name__}: "
            f"{_first_line(exc)} (run it with python for the traceback)"
        ) from exc
    for attr in ("game", "space"):
        if not hasattr(module, attr):
            raise GameError(f"model file {str(p)!r} defines no module-level {attr!r}")
    return module


def _line_of(exc: BaseException, path: Path) -> str:
    """``" at line N"``: the deepest line of ``path`` where ``exc`` was raised, if any."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return f" at line {exc.lineno}"
    target = path.resolve()
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f.lineno for f in frames if Path(f.filename).resolve() == target]
    return f" at line {lines[-1]}" if lines and lines[-1] else ""


def _first_line(exc: BaseException) -> str:
    text = str(exc.msg if isinstance(exc, SyntaxError) else exc).strip()
    first = text.splitlines()[0] if text else "(no message)"
    return first if len(first) <= 200 else first[:197] + "..."


def _solution(module: ModuleType) -> Solution:
    make = getattr(module, "solution", None)
    if callable(make):
        sol = make()
        if isinstance(sol, Solution):
            return sol
    return solve(module.game, space=module.space)


def _point(items: Sequence[str]) -> dict[str, Fraction]:
    """``--at NAME=VALUE ...`` as exact values; a name given twice is an error."""
    pairs = parse_pairs(items, "--at", "--at takes NAME=VALUE pairs (e.g. c=5)")
    return {name: parse_number(v, f"--at {name}={v}") for name, v in pairs.items()}


def _run(args: argparse.Namespace) -> int:
    point = _point(args.at) if args.at else None  # checked before the model runs
    module = load_module(args.model)
    if point is not None:
        sol = _solution(module).at(point)
        print(f"Equilibria at {', '.join(f'{k}={v}' for k, v in point.items())}:")
        print(sol)
        print("\n".join(outcome_lines(sol)))
        return 0
    main = getattr(module, "main", None)
    if callable(main):
        main()
    else:
        print(model_report(_solution(module), getattr(module, "scenarios", None), title=args.model))
    return 0


class _Parser(argparse.ArgumentParser):
    """Usage errors as a :class:`GameError` (printed on one line by :func:`main`), not a usage
    block and ``SystemExit``; the subcommands' parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        raise GameError(f"{message} (see '{self.prog} --help')")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gametheory`` command: 0 on success, 2 (after one line
    ``gametheory: error: ...`` on standard error) for any bad argument."""
    parser = _Parser(prog="gametheory", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="print a model's equilibria (or at a point with --at)")
    run.add_argument("model", help="path to a model file, e.g. models/crisis_chicken.py")
    run.add_argument(
        "--at",
        nargs="+",
        action="extend",
        metavar="NAME=VALUE",
        help="evaluate at a parameter point: each parameter once, values like 5, 0.3, 2e-3, 1/3",
    )
    _cli_sweep.add_parser(sub)
    try:
        args = parser.parse_args(argv)
        if args.command == "sweep":
            module = load_module(args.model)
            return _cli_sweep.run(args, module.space, lambda: _solution(module))
        return _run(args)
    except GameError as exc:
        print(f"gametheory: error: {_one_line(str(exc))}", file=sys.stderr)
        return 2


def _one_line(message: str) -> str:
    return " ".join(message.split())


if __name__ == "__main__":
    raise SystemExit(main())
