"""The presentation layer loads with the first look-up (issue 16, items 1 and 6): every class that
shows itself finds its handlers, and showing a game loads no solver.

The registry imports :mod:`gametheory.present` on the first look-up, and the presenters of the
analysis results (QRE, comparisons, payoff regions) on the first look-up for their classes
(``_present_registry.PRESENTERS``), by module path strings; these tests check that every path
names a module that registers for a class of the data module it is listed under, and, in a fresh
interpreter, what a game's first ``str`` loads.
"""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import gametheory as gt
from gametheory import _present_registry as registry

ROOT = Path(__file__).resolve().parent.parent

SHOWN = [
    pytest.param(gt.QRE, ("text", "html"), id="QRE"),
    pytest.param(gt.QREBranch, ("plot",), id="QREBranch"),
    pytest.param(gt.Comparison, ("plot",), id="Comparison"),
    pytest.param(gt.PayoffRegion, ("plot",), id="PayoffRegion"),
]


@pytest.mark.parametrize(("cls", "formats"), SHOWN)
def test_the_analysis_results_have_their_handlers(cls: type, formats: tuple[str, ...]) -> None:
    for fmt in formats:
        found = registry.handler(fmt, cls)  # type: ignore[arg-type]
        assert found is not None, (fmt, cls.__name__)
        assert found.__module__ == registry.PRESENTERS[cls.__module__]


def test_each_presenter_registers_for_its_data_module() -> None:
    for data, presenter in registry.PRESENTERS.items():
        module = importlib.import_module(presenter)
        classes = [c for _, c in inspect.getmembers(importlib.import_module(data), inspect.isclass)]
        served = {
            cls for (_, cls), fn in registry._HANDLERS.items() if fn.__module__ == module.__name__
        }
        assert served & {c for c in classes if c.__module__ == data}, (data, presenter)


def test_the_plot_delegations_keep_their_keywords() -> None:
    # the public signature and the handler's agree, so a keyword reaches the handler
    for cls, fn in (
        (gt.QREBranch, "branch_plot"),
        (gt.Comparison, "comparison_plot"),
        (gt.PayoffRegion, "payoff_region_plot"),
    ):
        handler = getattr(importlib.import_module(registry.PRESENTERS[cls.__module__]), fn)
        public = list(inspect.signature(cls.plot).parameters)[1:]
        assert list(inspect.signature(handler).parameters)[1:] == public, cls.__name__


PROBE = """
import json, sys
import gametheory as gt
g = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
str(g), g.to_latex(), g._repr_latex_()
heavy = ("gametheory.solvers", "gametheory.claims", "gametheory.present._", "pandas", "matplotlib")
print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))
"""


def test_showing_a_game_loads_no_solver_nor_the_analysis_presenters() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    # the game's own presenters, and nothing of the solvers or of the analysis results
    assert loaded == [
        "gametheory.present._gambit",
        "gametheory.present._markup",
        "gametheory.present._text",
        "gametheory.present._tree",
    ]
