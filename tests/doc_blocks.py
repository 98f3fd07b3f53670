"""The code blocks of a Markdown page and the output each one shows (the docs' checked output).

The convention (CONTRIBUTING.md, "Docs whose output is checked"): a ```` ```python ```` block
runs; when the next thing after it, with only blank lines between, is a ```` ```text ```` (or
```` ```latex ````) block,
that block is the python block's standard output and is compared with what it printed: exactly,
except that trailing whitespace and trailing blank lines are ignored and ``...`` matches any text
(doctest's ``ELLIPSIS``). An HTML comment ``<!-- output not checked: <reason> -->`` between the
two blocks keeps the text block shown but unchecked; the reason is required.
"""

from __future__ import annotations

import doctest
import re
from dataclasses import dataclass

FENCE = re.compile(r"^(`{3,})([\w-]*)[^\n`]*$")
OUTPUT = ("text", "latex")
"""The languages of a block that shows the output of the python block before it."""
SKIP = re.compile(r"^<!--\s*output not checked:(.*?)-->\s*$")
_CHECKER = doctest.OutputChecker()


@dataclass(frozen=True)
class Block:
    """A ```` ```python ```` block of a page: its code, its first line, and the output it shows."""

    code: str
    line: int
    expected: str | None = None
    skip_reason: str | None = None

    @property
    def checked(self) -> bool:
        return self.expected is not None and self.skip_reason is None


def _fences(text: str) -> list[tuple[str, str, int, int]]:
    """(language, body, first line of the body, line of the closing fence) of each block."""
    lines = text.splitlines(keepends=True)
    found = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i].rstrip("\n"))
        if not m:
            i += 1
            continue
        ticks, lang = m.group(1), m.group(2)
        j = i + 1
        while j < len(lines) and not lines[j].rstrip().startswith(ticks):
            j += 1
        found.append((lang, "".join(lines[i + 1 : j]), i + 2, j + 1))
        i = j + 1
    return found


def python_blocks(text: str) -> list[Block]:
    """The page's python blocks in order, each with the text block that shows its output."""
    lines = text.splitlines()
    fences = _fences(text)
    blocks = []
    for k, (lang, body, first, after) in enumerate(fences):
        if lang != "python":
            continue
        expected = skip = None
        if k + 1 < len(fences) and fences[k + 1][0] in OUTPUT:
            between = [s.strip() for s in lines[after : fences[k + 1][2] - 2]]
            rest = [s for s in between if s]
            if not rest:
                expected = fences[k + 1][1]
            elif len(rest) == 1 and (m := SKIP.match(rest[0])):
                expected, skip = fences[k + 1][1], m.group(1).strip()
                if not skip:
                    raise ValueError(f"line {first - 1}: 'output not checked:' needs a reason")
        blocks.append(Block(body, first, expected, skip))
    return blocks


def _normal(out: str) -> str:
    return "\n".join(line.rstrip() for line in out.strip("\n").splitlines()) + "\n"


def output_matches(expected: str, got: str) -> bool:
    """Whether ``got`` is the output ``expected`` shows (trailing space ignored, ``...`` = any)."""
    return _CHECKER.check_output(_normal(expected), _normal(got), doctest.ELLIPSIS)


def output_difference(expected: str, got: str) -> str:
    """A readable diff of the shown and the printed output."""
    example = doctest.Example("", _normal(expected))
    return _CHECKER.output_difference(
        example, _normal(got), doctest.ELLIPSIS | doctest.REPORT_NDIFF
    )
