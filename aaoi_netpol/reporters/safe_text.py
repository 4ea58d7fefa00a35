"""Text that is safe to print: no control character reaches a terminal, a log or an annotation raw.

Values files are user input: a key may hold a newline (which would forge a
whole finding line), an ESC sequence (which a terminal would obey) or a bidi
control (which reorders what a reviewer reads). Every reporter and every
error line passes user-derived text through :func:`one_line` (or
:func:`lines` for text that is several lines by design, like Helm's stderr).

Escaped: C0 controls, DEL, C1 controls, the bidi embeddings, overrides and
isolates (U+202A to U+202E, U+2066 to U+2069) and marks (U+200E, U+200F, U+061C),
and the Unicode line and paragraph separators (U+2028, U+2029). ``\\n``,
``\\r`` and ``\\t`` are written as such, the others as ``\\u001b`` and the
like. A file name that is not UTF-8 reaches Python with its bad bytes as
lone surrogates (U+DC80 to U+DCFF); they are written as ``\\xNN``, the byte.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BIDI_AND_SEPARATORS = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_UNSAFE_CODES = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI_AND_SEPARATORS]


def _escape(code: int) -> str:
    char = chr(code)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


_TABLE: dict[int, str] = {code: _escape(code) for code in _UNSAFE_CODES}
_TABLE.update({code: _escape(code) for code in range(0xD800, 0xE000)})  # lone surrogates: never valid output
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_KEEP_LINES = {code: escaped for code, escaped in _TABLE.items() if chr(code) not in "\n\t"}


def one_line(text: str) -> str:
    """``text`` with every unsafe character escaped: one line, printable."""
    return text.translate(_TABLE) if _UNSAFE.search(text) else text


def lines(text: str) -> str:
    """Like :func:`one_line`, but newlines and tabs stay (text that is several lines by design)."""
    return text.translate(_KEEP_LINES) if _UNSAFE.search(text) else text
