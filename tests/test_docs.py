"""Every ```python block in README.md and docs/ runs, in order, one namespace per page, and prints
exactly the ```text block that follows it, where one does (the convention: tests/doc_blocks.py)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
from pathlib import Path

import pytest

from .doc_blocks import Block, output_difference, output_matches, python_blocks

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])


def page_blocks(page: Path) -> list[Block]:
    return python_blocks(page.read_text(encoding="utf-8"))


def run_blocks(blocks: list[Block], namespace: dict[str, object], where: str) -> None:
    """Run the blocks in order in one namespace; each shown output must be what its block prints."""
    for k, block in enumerate(blocks):
        name = f"{where}:{block.line} (block {k})"
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(block.code, name, "exec"), namespace)
        except Exception as exc:  # re-raised with the page and block named
            raise AssertionError(f"{name} failed: {exc!r}\n{block.code}") from exc
        if block.checked and not output_matches(str(block.expected), out.getvalue()):
            raise AssertionError(
                f"{name} prints other than its output block shows:\n"
                + output_difference(str(block.expected), out.getvalue())
            )


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_code_blocks_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": f"doc_{page.stem}"}
    run_blocks(page_blocks(page), namespace, str(page.relative_to(ROOT)))


def test_the_docs_show_checked_output() -> None:
    """The convention is in use, and every unchecked output block says why."""
    blocks = [b for page in PAGES for b in page_blocks(page)]
    assert sum(b.checked for b in blocks) >= 40
    assert all(b.skip_reason for b in blocks if b.expected is not None and not b.checked)


SAMPLE = """Intro.

```python
print(1 + 1)
print("x  ")
```

```text
2
x
```

Prose.

```python
print("free")
```

Prose between: not an output block.

```text
unrelated
```

```python
import time
print(time.time())
```
<!-- output not checked: the time differs on every run -->
```text
1733500000.0
```

```python
print("a long line that ends", 42)
```

```text
a long line ...
```
"""


def test_the_output_convention_is_parsed() -> None:
    blocks = python_blocks(SAMPLE)
    assert [b.line for b in blocks] == [4, 16, 26, 35]
    assert blocks[0].expected == "2\nx\n" and blocks[0].checked
    assert blocks[1].expected is None and not blocks[1].checked
    assert blocks[2].skip_reason == "the time differs on every run" and not blocks[2].checked
    assert blocks[3].expected == "a long line ...\n"
    run_blocks(blocks, {}, "sample")


@pytest.mark.parametrize(
    ("shown", "printed"),
    [
        ("2\n", "3\n"),
        ("2\n", "2\n2\n"),
        ("a ... z\n", "a b\n"),
        ("", "noise\n"),
        ("x y\n", "x  y\n"),
    ],
)
def test_wrong_output_fails(shown: str, printed: str) -> None:
    assert not output_matches(shown, printed)
    code = f"print({printed.removesuffix(chr(10))!r}, end='\\n')"
    block = Block(code, 1, shown)
    with pytest.raises(AssertionError, match="prints other than"):
        run_blocks([block], {}, "sample")


def test_an_unchecked_output_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="needs a reason"):
        python_blocks("```python\nprint(1)\n```\n<!-- output not checked: -->\n```text\n2\n```\n")


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
