"""The registry between the data and its presentation (issue 16, item 1).

Data classes (games, equilibria, solutions, sweep results) never import the code that shows them;
their display methods are one-line delegations, ``render("latex", self, ...)``.  The presentation
layer (:mod:`gametheory.present`, and :mod:`gametheory.sweeps._present` for sweep results)
registers one handler per format and class when it is imported.  The registry imports it itself,
by the module path :data:`PRESENTATION` (and :data:`PRESENTERS`), on the first look-up (so ``import gametheory`` does not
load the writers, and every user call finds the handlers).  Data flows one way: the data modules
import this module and :mod:`gametheory.errors` only, the presentation modules import the data
(the path is a string, not an import: no cycle).

Dispatch follows the class's method resolution order, as sympy's printers do with their
``_print_<Class>`` methods: a handler for a class serves its subclasses.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from .errors import UnsupportedGameError

__all__ = ["FORMATS", "Format", "handler", "register", "render"]

Format = Literal["text", "html", "mathjax", "latex", "gambit", "frame", "plot"]
"""What a handler produces: a text table (``__str__``), notebook HTML (``_repr_html_``), notebook
math (``_repr_latex_``), LaTeX for papers (``to_latex``), a Gambit file (``to_gambit``), a pandas
frame (``to_frame``), a matplotlib picture (``plot``)."""

FORMATS: tuple[Format, ...] = ("text", "html", "mathjax", "latex", "gambit", "frame", "plot")

F = TypeVar("F", bound=Callable[..., Any])

PRESENTATION = "gametheory.present"
"""The package whose import registers the handlers; imported on the first look-up."""

PRESENTERS: dict[str, str] = {
    "gametheory.compare": "gametheory.present._plots",
    "gametheory.payoff_region": "gametheory.present._plots",
    "gametheory.solvers._qre_result": "gametheory.present._qre",
}
"""Data module -> the presentation module registering the handlers of its classes, imported on
the first look-up for one of them (not with :data:`PRESENTATION`, which would import these data
modules, and the solvers, for a game's first ``str``)."""

_HANDLERS: dict[tuple[str, type], Callable[..., Any]] = {}


def register(fmt: Format, cls: type) -> Callable[[F], F]:
    """A decorator registering its function as the ``fmt`` handler of ``cls`` (and of its
    subclasses without their own); the function is returned unchanged."""
    if fmt not in FORMATS:
        raise UnsupportedGameError(
            f"unknown presentation format {fmt!r}; the formats are {', '.join(FORMATS)}"
        )

    def add(fn: F) -> F:
        _HANDLERS[(fmt, cls)] = fn
        return fn

    return add


def handler(fmt: Format, cls: type) -> Callable[..., Any] | None:
    """The ``fmt`` handler serving instances of ``cls``, or ``None``."""
    _load(PRESENTATION)
    for klass in cls.__mro__:
        _load(PRESENTERS.get(klass.__module__))
        found = _HANDLERS.get((fmt, klass))
        if found is not None:
            return found
    return None


def _load(module: str | None) -> None:
    """Import the presentation module ``module`` (registering its handlers) unless it is."""
    if module is not None and module not in sys.modules:
        importlib.import_module(module)


def render(fmt: Format, obj: object, /, *args: Any, **kwargs: Any) -> Any:
    """``obj`` in the format ``fmt``: its registered handler called with ``obj`` and the other
    arguments.  An :class:`~gametheory.errors.UnsupportedGameError` names the format and the
    class when nothing is registered for them."""
    found = handler(fmt, type(obj))
    if found is None:
        raise UnsupportedGameError(
            f"no {fmt!r} presentation is registered for {type(obj).__name__} "
            f"(the presentation layer, {PRESENTATION}, registers its handlers)"
        )
    return found(obj, *args, **kwargs)
