"""Folding text for matching without changing its length, so that spans found in the folded
copy are the spans of the original: diacritics dropped (Zoë → zoe), curly apostrophes and
dashes made plain, letter case lowered."""

from __future__ import annotations

import re
import unicodedata


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base != char and base.isascii():
            table[code] = base
    for char in "\u2018\u2019\u201b\u02bc\u2032`\u00b4":
        table[ord(char)] = "'"
    for char in "\u2010\u2011\u2012\u2013\u2014\u2212":
        table[ord(char)] = "-"
    for char in "\u00a0\u2007\u202f":
        table[ord(char)] = " "
    # Letters with no one-letter decomposition.
    table.update({ord("ß"): "s", ord("æ"): "a", ord("Æ"): "A", ord("ø"): "o", ord("Ø"): "O"})
    table.update({ord("ł"): "l", ord("Ł"): "L", ord("đ"): "d", ord("Đ"): "D"})
    return table


FOLD = _table()


def normalise(text: str) -> str:
    """NFC, so that a letter and its combining accent are one character."""
    return unicodedata.normalize("NFC", text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# What the matching copy has in place of a character that is neither a letter, a digit nor
# white space and has no plain equivalent (a curly double quote, an ellipsis, a bullet):
# one ASCII character of the same kind (not a word character, not white space), so that the
# name matcher can find where a word starts by looking at ASCII characters only.
HIDDEN = "\x1a"
_FOLDED: dict[str, str] = {}


def _fold_char(match: re.Match) -> str:
    char = match.group()
    folded = _FOLDED.get(char)
    if folded is None:
        folded = FOLD.get(ord(char)) or (char if char.isalnum() or char.isspace() else HIDDEN)
        _FOLDED[char] = folded
    return folded


def _latin1_table() -> bytes:
    table = bytearray(range(256))
    for code in range(256):
        char = chr(code)
        if code > 0x7F:
            char = FOLD.get(code) or (char if char.isalnum() or char.isspace() else HIDDEN)
        table[code] = ord(char.lower())  # one character below 256 for each of these
    return bytes(table)


_LATIN1 = _latin1_table()


def fold(text: str) -> str:
    """The matching copy of already normalised text: same length, index for index."""
    if text.isascii():
        return text.lower()
    try:  # every character below 256 (é, ë, ß): one table look-up each, in C
        return text.encode("latin-1").translate(_LATIN1).decode("latin-1")
    except UnicodeEncodeError:
        pass
    # Only the rare non-ASCII characters go through Python; str.translate with a dict
    # looks up every character and is ten times slower on a 1 MB report.
    mapped = _NON_ASCII.sub(_fold_char, text)
    folded = mapped.lower()
    if len(folded) != len(text):  # a letter whose lower case is longer (İ)
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in mapped)
    return folded
