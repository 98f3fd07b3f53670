"""The ``gametheory`` command: run a model file, evaluate its equilibria at a point, or sweep them.

gametheory run models/crisis_chicken.py
gametheory run models/crisis_chicken.py --at c=5 a=1
gametheory sweep models/crisis_chicken.py c=0.1:10:100 a=0:5:51 --measure war --out r.parquet
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from . import _cli_sweep
from .equilibrium import Solution
from .errors import GameError
from .report import model_report, outcome_lines
from .solvers import solve

__all__ = ["load_module", "main"]


def load_module(path: str | Path) -> ModuleType:
    """Import a model file by path without running its ``main()``."""
    p = Path(path)
    if not p.is_file():
        raise GameError(f"model file {str(p)!r} does not exist")
    name = f"gametheory_model_{p.stem}"
    spec = importlib.util.spec_from_file_location(name, p)
    if spec is None or spec.loader is None:
        raise GameError(f"cannot import {str(p)!r} as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    for attr in ("game", "space"):
        if not hasattr(module, attr):
            raise GameError(f"model file {str(p)!r} defines no module-level {attr!r}")
    return module


def _solution(module: ModuleType) -> Solution:
    make = getattr(module, "solution", None)
    if callable(make):
        sol = make()
        if isinstance(sol, Solution):
            return sol
    return solve(module.game, space=module.space)


def _parse_point(items: Sequence[str]) -> dict[str, str]:
    point = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            raise GameError(f"--at takes name=value pairs, got {item!r}")
        point[name.strip()] = value.strip()
    return point


def _number(text: str) -> object:
    from fractions import Fraction

    try:
        return Fraction(text)
    except ValueError:
        raise GameError(f"{text!r} is not a number (use 5, 0.3 or 1/3)") from None


def _run(args: argparse.Namespace) -> int:
    module = load_module(args.model)
    if args.at:
        point = {k: _number(v) for k, v in _parse_point(args.at).items()}
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gametheory`` command."""
    parser = argparse.ArgumentParser(prog="gametheory", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="print a model's equilibria (or at a point with --at)")
    run.add_argument("model", help="path to a model file, e.g. models/crisis_chicken.py")
    run.add_argument("--at", nargs="+", metavar="NAME=VALUE", help="evaluate at a parameter point")
    _cli_sweep.add_parser(sub)
    args = parser.parse_args(argv)
    try:
        if args.command == "sweep":
            module = load_module(args.model)
            return _cli_sweep.run(args, module.space, lambda: _solution(module))
        return _run(args)
    except GameError as exc:
        print(f"gametheory: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
