r"""Labels (player, action, outcome and parameter names) as LaTeX, in text mode or in math mode.

Labels are free text: ``theta_L``, ``Sender|weak``, ``A prevails at rung 1``, ``r ≥ 0``.  In
LaTeX's text mode ``_ & % # $ { } ~ ^ \\`` are special, and with the default OT1 font encoding
``| < >`` print as other glyphs, so each is replaced by the command that prints it.  Greek letters
and a few symbols (``− × → ≤ ≥``) become math commands, so labels compile with ``pdflatex``
whatever the document's encoding; other non-ASCII characters are kept (``é`` compiles with
pdflatex's default UTF-8 input; rarer ones may need LuaLaTeX or a font package).
"""

from __future__ import annotations

import unicodedata

__all__ = ["math_label", "text"]

_TEXT = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "|": r"\textbar{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}

# the same characters in math mode (MathJax knows these too)
_MATH = {
    "\\": r"\backslash ",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\hat{}",
    "~": r"\sim ",
    "|": r"\vert ",
    "<": "<",
    ">": ">",
}

_SYMBOLS = {
    "−": "-",
    "×": r"\times ",
    "→": r"\to ",
    "←": r"\leftarrow ",
    "≤": r"\leq ",
    "≥": r"\geq ",
    "≠": r"\neq ",
    "∈": r"\in ",
    "·": r"\cdot ",
    "∞": r"\infty ",
}

_TEXT_PUNCTUATION = {
    "–": "--",
    "—": "---",
    "…": r"\dots{}",
    "‘": "`",
    "’": "'",
    "“": "``",
    "”": "''",
    "\u00a0": "~",
}

_GREEK_CAPITALS = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi"}
_GREEK_CAPITALS |= {"Psi", "Omega"}


def _greek(ch: str) -> str | None:
    """``\\theta`` for θ, ``\\Delta`` for Δ, ``A`` for capital alpha; None if not Greek."""
    name = unicodedata.name(ch, "")
    for prefix, capital in (("GREEK SMALL LETTER ", False), ("GREEK CAPITAL LETTER ", True)):
        if name.startswith(prefix):
            word = name[len(prefix) :].lower().replace("lamda", "lambda")
            if " " in word:  # accented or archaic forms
                return None
            if word == "final sigma":
                return r"\varsigma "
            if capital:
                word = word.capitalize()
                if word not in _GREEK_CAPITALS:
                    return None  # a Latin look-alike: keep the character
                return f"\\{word} "
            return "o" if word == "omicron" else f"\\{word} "
    return None


def text(label: object) -> str:
    r"""A label for LaTeX's text mode: special characters escaped, Greek letters as math.

    Examples
    --------
    >>> print(text("theta_L & 50%"))
    theta\_L \& 50\%
    >>> print(text("Sender|weak"))
    Sender\textbar{}weak
    >>> print(text("θ ≤ 1"))
    $\theta$ $\leq$ 1
    """
    out = []
    for ch in str(label):
        if ch in _TEXT:
            out.append(_TEXT[ch])
        elif ch in _TEXT_PUNCTUATION:
            out.append(_TEXT_PUNCTUATION[ch])
        elif ch in _SYMBOLS:
            out.append(f"${_SYMBOLS[ch].strip()}$")
        elif (g := _greek(ch)) is not None:
            out.append(f"${g.strip()}$" if g.startswith("\\") else g)
        else:
            out.append(ch)
    return "".join(out)


def math_label(label: object) -> str:
    r"""A label inside math mode: runs of ordinary characters in ``\text{...}`` (amsmath, and
    MathJax in notebooks), special characters as math commands between them.

    Examples
    --------
    >>> print(math_label("theta_L"))
    \text{theta}\_\text{L}
    >>> print(math_label("Sender|weak"))
    \text{Sender}\vert \text{weak}
    """
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append("\\text{" + "".join(run) + "}")
            run.clear()

    for ch in str(label):
        rep = _MATH.get(ch) or _SYMBOLS.get(ch)
        if rep is None and (g := _greek(ch)) is not None and g.startswith("\\"):
            rep = g
        if rep is None:
            run.append(" " if ch == "\u00a0" else ch)
        else:
            flush()
            out.append(rep)
    flush()
    return "".join(out) or "\\text{}"
