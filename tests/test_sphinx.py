"""The documentation site: every page in a table of contents, every public name in the generated
API reference, and the site builds with Sphinx, warnings as errors (broken links, bad docstring
markup), when the ``docs`` extra is installed."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

import gametheory as gt
import gametheory.testing

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TOCTREE = re.compile(r"^```\{toctree\}\n(.*?)^```", re.S | re.M)
AUTODOC = re.compile(
    r"^\.\. auto(?:class|function|exception|data|module)::\s+(?:\S+\.)?(\w+)\s*$", re.M
)


def toctree_entries() -> list[str]:
    """The documents listed by the toctrees of docs/index.md (options and blank lines left out)."""
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    return [
        line.strip()
        for block in TOCTREE.findall(text)
        for line in block.splitlines()
        if line.strip() and not line.startswith(":")
    ]


def test_every_page_is_in_a_toctree() -> None:
    pages = {
        p.relative_to(DOCS).with_suffix("").as_posix()
        for p in DOCS.rglob("*.md")
        if "_build" not in p.parts
    } - {"index"}
    entries = toctree_entries()
    assert len(entries) == len(set(entries)), "a page is listed twice"
    assert not pages - set(entries), (
        f"add these pages to a toctree in docs/index.md: {sorted(pages - set(entries))}"
    )
    assert not set(entries) - pages, (
        f"toctree entries without a page: {sorted(set(entries) - pages)}"
    )


def test_every_public_name_is_in_the_api_reference() -> None:
    text = (DOCS / "reference" / "autoapi.md").read_text(encoding="utf-8")
    documented = set(AUTODOC.findall(text))
    public = {n for n in gt.__all__ if not n.startswith("__")}
    missing = public - documented
    missing |= set(gametheory.testing.__all__) - documented
    assert not missing, f"add these names to docs/reference/autoapi.md: {sorted(missing)}"


@pytest.mark.slow
def test_the_site_builds_without_warnings(tmp_path: Path) -> None:
    for module in ("sphinx", "myst_parser", "numpydoc"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed (pip install -e '.[docs]')")
    # A separate process: Sphinx's own deprecation warnings are not this suite's to turn into errors.
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(DOCS),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert build.returncode == 0, f"sphinx-build failed:\n{build.stderr}"
    for page in ("index", "gallery", "reference/autoapi", "how-to/sweep"):
        assert (tmp_path / f"{page}.html").is_file()
    assert "gametheory.NormalFormGame" in (tmp_path / "reference" / "autoapi.html").read_text(
        encoding="utf-8"
    )
