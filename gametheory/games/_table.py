"""Plain text tables with aligned columns (the payoff tables themselves: :mod:`gametheory.present`)."""

from __future__ import annotations

__all__ = ["grid"]


def grid(header: list[str], rows: list[list[str]]) -> str:
    """A plain text table with aligned columns."""
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    fmt = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *rows]
    ]
    return "\n".join([fmt[0], line, *fmt[1:]])
