"""The ``gametheory`` command: run a model file, evaluate its equilibria at a point, or sweep them.

gametheory run models/crisis_chicken.py
gametheory run models/crisis_chicken.py --at c=5 a=1
gametheory sweep models/crisis_chicken.py c=0.1:10:100 a=0:5:51 --measure war --out r.parquet
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import NoReturn

from . import _cli_sweep
from ._cli_numbers import parse_number, parse_pairs
from .errors import GameError
from .model import load_model, load_module  # load_module: re-exported, its old home was here
from .report import model_report, outcome_lines

__all__ = ["load_module", "main"]


def _point(items: Sequence[str]) -> dict[str, Fraction]:
    """``--at NAME=VALUE ...`` as exact values; a name given twice is an error."""
    pairs = parse_pairs(items, "--at", "--at takes NAME=VALUE pairs (e.g. c=5)")
    return {name: parse_number(v, f"--at {name}={v}") for name, v in pairs.items()}


def _run(args: argparse.Namespace) -> int:
    point = _point(args.at) if args.at else None  # checked before the model runs
    model = load_model(args.model)
    if point is not None:
        sol = model.solve().at(point)
        print(f"Equilibria at {', '.join(f'{k}={v}' for k, v in point.items())}:")
        print(sol)
        print("\n".join(outcome_lines(sol)))
        return 0
    main = getattr(model.module, "main", None)
    if callable(main):
        main()
    else:
        print(model_report(model.solve(), model.scenarios, title=args.model))
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
            model = load_model(args.model)
            return _cli_sweep.run(args, model.space, model.solve)
        return _run(args)
    except GameError as exc:
        print(f"gametheory: error: {_one_line(str(exc))}", file=sys.stderr)
        return 2


def _one_line(message: str) -> str:
    return " ".join(message.split())


if __name__ == "__main__":
    raise SystemExit(main())
