"""Optional dependencies: imported on first use, with a message naming the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["missing", "require"]


def missing(module: str, extra: str, feature: str) -> ImportError:
    """The error for ``feature`` when ``module`` is not installed: it names the extra of the
    package that provides it (``pip install 'crisis-gametheory[<extra>]'``)."""
    top = module.split(".")[0]
    return ImportError(
        f"{feature} needs {top}, which is not installed: pip install 'crisis-gametheory[{extra}]'"
    )


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import ``module`` for ``feature``, or raise :func:`missing`'s error."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise missing(module, extra, feature) from exc
