"""`import gametheory` stays light (issue 16, item 6): heavy and optional libraries load on first use.

The checks run in a fresh interpreter (this test process has long imported everything), three
interpreters in all, to keep the cost low.  ``benchmarks/bench_import.py`` measures the time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAZY = ("pandas", "matplotlib", "dask", "hypothesis", "nashpy", "scipy.optimize")

PROBE = f"""
import json, sys

def loaded():
    return [m for m in {LAZY!r} if m in sys.modules]

out = {{}}
import gametheory as gt
out["import"] = loaded()
g = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
str(gt.nash(g))
out["nash"] = loaded()
import gametheory.compare, gametheory.thresholds, gametheory.minmax
out["functions"] = [callable(gt.compare), callable(gt.thresholds), callable(gt.minmax)]
out["public"] = [n for n in gt.__all__ if not hasattr(gt, n)]
gt.sweep
out["sweep"] = loaded()
print(json.dumps(out))
"""

EAGER = """
import json, sys
import gametheory as gt
out = {"import": sorted(m for m in sys.modules if m.startswith(("gametheory", "numpy", "sympy")))}
gt.ParameterSpace, gt.NormalFormGame, gt.ExtensiveGame, gt.SignalingGame
out["data"] = sorted(
    m for m in sys.modules
    if m == "numpy" or m.startswith(("gametheory.solvers", "gametheory.present", "gametheory.conditions"))
)
import sympy as sp
c = sp.Symbol("c", positive=True)
try:  # the space's emptiness is decided by gametheory.conditions, loaded for it
    gt.ParameterSpace({c: (0, 5)}, constraints=[c > 10])
except gt.InvalidSpaceError as exc:
    out["empty"] = str(exc)
out["dir"] = sorted(set(gt.__all__) - set(dir(gt)))
from gametheory import *  # noqa: F403
out["star"] = sorted(n for n in gt.__all__ if n not in globals())
out["attr"] = [gt.compare.__module__, gt.claims.__name__]
out["submodules"] = [gt.latex.__name__, gt.games.tree.__name__, gt.sweeps.__name__]
try:
    gt.no_such_name
except AttributeError as exc:
    out["error"] = str(exc)
print(json.dumps(out))
"""

MISSING = """
import json, sys
sys.modules["hypothesis"] = None  # as if not installed
sys.modules["nashpy"] = None
import gametheory as gt
g = gt.NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
out = {}
def attempt(name, call):
    try:
        call()
    except ImportError as exc:
        out[name] = str(exc)
attempt("verify", lambda: gt.verify(lambda point, eq: True, gt.nash(g)))
attempt("strategies", lambda: __import__("gametheory.testing.strategies"))
attempt("to_nashpy", lambda: g.to_nashpy())
print(json.dumps(out))
"""


def _run(code: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_import_and_a_solve_load_none_of_the_heavy_libraries() -> None:
    out = _run(PROBE)
    assert out["import"] == []
    assert out["nash"] == []  # solving and printing a game does not need them either
    # the probe can fail: gt.sweep (a lazy name) brings pandas in on first use
    assert out["sweep"] == ["pandas"]
    # importing a submodule first does not shadow the public function of the same name
    assert out["functions"] == [True, True, True]
    assert out["public"] == []


def test_import_loads_the_errors_only_and_every_name_on_first_use() -> None:
    out = _run(EAGER)
    # no solver, no presentation, no numpy (nor sympy): each loads on first use
    assert out["import"] == ["gametheory", "gametheory.errors"]
    # the data layer's classes come without numpy, the solvers, the conditions or the writers
    assert out["data"] == []
    assert "the space is empty" in str(out["empty"])  # as when conditions loaded eagerly
    assert out["dir"] == []  # dir() lists every public name before it is loaded
    assert out["star"] == []  # so does `from gametheory import *`
    assert out["attr"] == ["gametheory.compare", "gametheory.claims"]
    # submodules are attributes on first use too, as when the package loaded them eagerly
    assert out["submodules"] == ["gametheory.latex", "gametheory.games.tree", "gametheory.sweeps"]
    assert out["error"] == "module 'gametheory' has no attribute 'no_such_name'"


def test_a_missing_optional_library_names_its_extra() -> None:
    out = _run(MISSING)
    assert set(out) == {"verify", "strategies", "to_nashpy"}
    for name, extra in (("verify", "hypothesis"), ("strategies", "hypothesis")):
        assert f"pip install 'crisis-gametheory[{extra}]'" in str(out[name])
    assert "pip install 'crisis-gametheory[nashpy]'" in str(out["to_nashpy"])
