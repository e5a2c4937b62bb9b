"""The normalisation policy for finding text-only items: folds typography on both sides, maps back to offsets.

It is used only to *find* where a prediction's text lies; the span placed is always a stretch of
the original document, so the scored text is never normalised. Policy ``normalized`` (see
docs/METRICS.md, "Text-only items"):

* quote and apostrophe variants (‘ ’ ‚ ‛ ′ ` ´ → ', “ ” „ ‟ ″ « » → ");
* dash and hyphen variants (‐ ‑ ‒ – — ― − → -);
* every whitespace character (no-break, thin, narrow and ideographic spaces, line breaks) → one
  space, and a run of whitespace → one space; zero-width characters are dropped;
* the ellipsis character … → ``...``.

Policy ``exact`` changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

ALIGN_MODES = ("exact", "normalized")
#: Normalised by default: language models rewrite typography (curly quotes, no-break spaces) as a
#: matter of course, and the policy changes only which stretch is found, never the text scored.
DEFAULT_ALIGN = "normalized"

_FOLD = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
}
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True, slots=True)
class Folded:
    """A text under a policy, with ``origin[i]`` the original offset of folded character ``i``."""

    text: str
    origin: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of the folded ``[start, end)`` (non-empty)."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str, mode: str) -> Folded:
    """``text`` under the policy ``mode`` (one of ALIGN_MODES)."""
    if mode not in ALIGN_MODES:
        raise ValueError(f"unknown alignment policy {mode!r}; choose from {', '.join(ALIGN_MODES)}")
    if mode == "exact":
        return Folded(text, tuple(range(len(text))))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _DROP:
            continue
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        for piece in _FOLD.get(char, char):
            chars.append(piece)
            origin.append(index)
    return Folded("".join(chars), tuple(origin))
