"""Sphinx configuration: the Markdown pages of docs/ (MyST) and an API reference from docstrings.

Build: ``python -m sphinx -W --keep-going -b html docs <out>`` (after ``pip install -e ".[docs]"``);
``.ci/run`` and ``tests/test_sphinx.py`` do it with warnings as errors.  No extension here needs
the network (no intersphinx), so the build runs offline.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the package from the checkout, installed or not

import gametheory  # noqa: E402

project = "gametheory"
author = "gametheory developers"
copyright = "gametheory developers"
version = release = gametheory.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "numpydoc",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "**/*.py"]

# MyST: `#anchor` links to headings (up to ###), $...$ maths, ::: fences.
myst_heading_anchors = 3
myst_enable_extensions = ["dollarmath", "colon_fence"]

# autodoc + numpydoc: signatures with type hints, members listed by the directives themselves.
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()  # style checks off: -W catches broken markup
autosummary_generate = False  # numpydoc loads autosummary; nothing here uses it

html_theme = "alabaster"
html_title = "gametheory"
html_static_path: list[str] = []
