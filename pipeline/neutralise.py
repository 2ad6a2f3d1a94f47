"""Article text is data, never instructions: what makes it safe to hand to a spreadsheet or a terminal.

Used wherever output meets a program that might interpret it: CSV cells (a
spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula) and
text printed to a terminal (escape sequences can move the cursor, rewrite the
screen or set the window title).
"""
from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading `'`
    (OWASP's advice); numbers, negative ones included, stay numbers."""
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def terminal_text(text: str) -> str:
    """Text with escape sequences and other control characters removed (newlines and tabs kept)."""
    return _CONTROLS.sub("", _ANSI.sub("", text))
