"""Every ``>>>`` example in the package's docstrings runs and prints what it shows (the API
reference, docs/reference/autoapi.md, renders these docstrings)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import gametheory


def modules() -> list[ModuleType]:
    found = [gametheory]
    for info in pkgutil.walk_packages(gametheory.__path__, prefix="gametheory."):
        found.append(importlib.import_module(info.name))
    return found


def examples(module: ModuleType) -> list[doctest.DocTest]:
    tests = doctest.DocTestFinder(exclude_empty=True).find(module, module.__name__)
    # objects re-exported from another module are tested where they are defined
    return [t for t in tests if t.examples and t.name.startswith(module.__name__)]


WITH_EXAMPLES = [m for m in modules() if examples(m)]


def test_the_docstrings_have_examples() -> None:
    assert len(WITH_EXAMPLES) >= 5


@pytest.mark.parametrize("module", WITH_EXAMPLES, ids=[m.__name__ for m in WITH_EXAMPLES])
def test_docstring_examples(module: ModuleType) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in examples(module):
        runner.run(test, clear_globs=True)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {module.__name__} failed"
