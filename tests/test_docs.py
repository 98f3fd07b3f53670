"""Every ```python block in README.md and docs/ runs, in order, one namespace per page."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_code_blocks_run(
    page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": f"doc_{page.stem}"}
    for k, block in enumerate(python_blocks(page)):
        try:
            exec(compile(block, f"{page.name}[block {k}]", "exec"), namespace)
        except Exception as exc:  # re-raised with the page and block named
            raise AssertionError(
                f"{page.relative_to(ROOT)} block {k} failed: {exc!r}\n{block}"
            ) from exc


def test_every_docs_folder_has_a_page() -> None:
    for part in ("tutorial", "how-to", "reference", "explanation"):
        assert list((ROOT / "docs" / part).glob("*.md")), f"docs/{part} has no page"


def test_the_images_script_runs(tmp_path: Path) -> None:
    """docs/images/make_images.py, which draws the pictures the how-to pages show."""
    pytest.importorskip("matplotlib")
    spec = importlib.util.spec_from_file_location(
        "make_images", ROOT / "docs/images/make_images.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path in module.make(tmp_path):
        assert path.read_bytes()[:4] == b"\x89PNG" and path.stat().st_size < 100_000
    for name in ("compare-map.png", "sweep-phase.png"):  # the committed pictures: small
        assert (ROOT / "docs" / "images" / name).stat().st_size < 100_000


@pytest.mark.slow
def test_the_gallery_script_runs(tmp_path: Path) -> None:
    """docs/images/make_gallery.py, which draws the phase diagrams of docs/gallery.md."""
    pytest.importorskip("matplotlib")
    spec = importlib.util.spec_from_file_location(
        "make_gallery", ROOT / "docs/images/make_gallery.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths = module.make(tmp_path)
    names = {path.name for path in paths}
    assert {"gallery-crisis_chicken.png", "gallery-calibrated_retaliation.png"} <= names
    for path in paths:
        assert path.read_bytes()[:4] == b"\x89PNG" and path.stat().st_size < 100_000
        committed = ROOT / "docs" / "images" / path.name  # committed too, and small
        assert committed.is_file() and committed.stat().st_size < 100_000


def test_the_gallery_shows_every_model() -> None:
    """docs/gallery.md has a section for each models/*.py, and every picture it shows exists."""
    text = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    for model in sorted((ROOT / "models").glob("*.py")):
        assert f"`models/{model.name}`" in text, (
            f"docs/gallery.md: add a section for models/{model.name}"
        )
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text):
        assert (ROOT / "docs" / image).is_file(), (
            f"docs/gallery.md shows a missing picture: {image}"
        )
