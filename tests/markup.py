"""Well-formedness checks for generated LaTeX and HTML (used by the display and LaTeX tests)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr"}

TOKEN = re.compile(r"\\(?:[A-Za-z@]+|.)|\$\$|[{}$]", re.S)
"""Commands (``\\begin``, ``\\{``, ``\\\\``), braces, ``$`` and ``$$``."""


def assert_balanced_latex(tex: str) -> None:
    """Braces balanced (escaped ones aside), every ``\\begin{x}`` closed by ``\\end{x}`` in order,
    ``\\left``/``\\right`` paired, and math delimiters ``$``/``$$`` closed."""
    depth = 0
    envs: list[str] = []
    math: str | None = None
    lefts = 0
    for m in TOKEN.finditer(tex):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            assert depth >= 0, (
                f"unbalanced }} at {m.start()}: {tex[max(0, m.start() - 60) : m.start() + 20]!r}"
            )
        elif tok in ("\\begin", "\\end"):
            name = re.match(r"\{([^}]*)\}", tex[m.end() :])
            assert name, f"{tok} without an environment name at {m.start()}"
            if tok == "\\begin":
                envs.append(name.group(1))
            else:
                assert envs and envs[-1] == name.group(1), (
                    f"\\end{{{name.group(1)}}} closes {envs[-1] if envs else 'nothing'}"
                )
                envs.pop()
        elif tok == "\\left":
            lefts += 1
        elif tok == "\\right":
            lefts -= 1
            assert lefts >= 0, "\\right without \\left"
        elif tok in ("$", "$$"):
            if math is None:
                math = tok
            else:
                assert math == tok, f"{math} closed by {tok} at {m.start()}"
                math = None
    assert depth == 0, f"{depth} unclosed braces"
    assert not envs, f"unclosed environments: {envs}"
    assert lefts == 0, "\\left without \\right"
    assert math is None, f"unclosed {math}"


def text_outside_math(tex: str) -> str:
    """The text-mode parts of LaTeX: inline ``$...$`` math removed."""
    return re.sub(r"(?<!\\)\$(?:[^$\\]|\\.)*\$", "", tex)


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"end tag of void element <{tag}>"
        assert self.stack and self.stack[-1] == tag, (
            f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>"
        )
        self.stack.pop()


def assert_wellformed_html(html: str) -> list[str]:
    """Parse with :mod:`html.parser`: every element closed in order.  Returns the tags seen."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert not checker.stack, f"unclosed elements: {checker.stack}"
    return checker.tags
