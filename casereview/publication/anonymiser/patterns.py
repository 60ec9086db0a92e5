"""Pattern detectors: identifiers found by their shape, whoever they belong to. They run on
the folded (lower-case) copy of the text (fold.py)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from casereview.cases import nhs_number

MONTHS = "january february march april may june july august september october november december"
MONTHS = MONTHS.split()
_MONTH_RE = "|".join(f"{m[:3]}(?:{m[3:]})?" for m in MONTHS) + "|sept"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY_WORD = (
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+(?:the\s+)?"
)
_WEEKDAY = f"(?:{_WEEKDAY_WORD})?"

DATE = re.compile(
    rf"(?<![\w/.-]){_WEEKDAY}(?:"
    # 14 March 2019, 14th of March 2019, 14 Mar. 2019
    rf"(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MONTH_RE})\.?,?\s+(?P<y1>\d{{4}})"
    # March 14, 2019 / March 14th 2019
    rf"|(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>{_DAY}),?\s+(?P<y2>\d{{4}})"
    # 14/03/2019, 14.3.19, 14-03-2019 (day first, as in the UK)
    r"|(?P<d3>[0-3]?\d)(?P<s>[/.-])(?P<m3>[01]?\d)(?P=s)(?P<y3>\d{4}|\d{2})"
    # 2019-03-14
    r"|(?P<y4>\d{4})-(?P<m4>[01]\d)-(?P<d4>[0-3]\d)"
    r")(?![\w/-])"
)


def _date_forms(separator_group: int) -> str:
    """DATE's four forms without named groups (parsed again by DATE, once per text), as
    alternatives that each start with a character or a set of them, which the engine
    tests before trying the alternative; in DATE's order ((A|B)C tries AC, then BC)."""
    months = [f"{m[:3]}(?:{m[3:]})?" for m in MONTHS] + ["sept"]
    return "|".join(
        [
            rf"{day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_RE})\.?,?\s+\d{{4}}"
            for day in (r"[12]\d", "3[01]", "0[1-9]", "[1-9]")  # _DAY's alternatives
        ]
        + [rf"{month}\.?\s+{_DAY},?\s+\d{{4}}" for month in months]
        + [
            rf"{day}([/.-])[01]?\d\{separator_group + i}(?:\d{{4}}|\d{{2}})"
            for i, day in enumerate((r"[0-3]\d", r"\d"))  # [0-3]?\d
        ]
        + [r"\d{4}-[01]\d-[0-3]\d"]
    )


# DATE's matches, in the same order, over the folded text after one space: from the
# character before each (not a word character, "/", "." or "-": see BEFORE_WORD in
# engine.py) instead of a look-behind at every position, the optional weekday as the first
# of two alternatives (every path with a weekday, then every path without, as DATE tries).
_BEFORE_DATE = (
    "[\\x00-\\x2c\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f"
    + "".join(f"\\u{c:04x}" for c in range(0x80, 0x3001) if chr(c).isspace())
    + "]"
)
DATE_SCAN = re.compile(
    rf"{_BEFORE_DATE}(?:{_WEEKDAY_WORD}(?:{_date_forms(1)})|{_date_forms(3)})(?![\w/-])"
)
NHS = re.compile(r"(?<![\w+])\d(?:[ \t-]?\d){9}(?!\w|[ \t-]?\d)")
NINO = re.compile(
    r"(?<!\w)(?!bg|gb|kn|nk|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z]"
    r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d](?!\w)"
)
POSTCODE = re.compile(
    r"(?<!\w)(?:[a-pr-uwyz][a-hk-y]?\d[a-z\d]?|gir)\s*\d[abd-hjlnp-uw-z]{2}(?!\w)"
)
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[ \t-]?\d){6,8}(?![\w]|[ \t-]?\d)"
)
# PHONE with its look-behind after the first character of each alternative (the same
# matches, in the same order): the engine then tries only where a "+", "0" or "(" is.
PHONE_SCAN = re.compile(
    r"(?:\+(?<![\w+]\+)44\s?(?:\(0\)\s?)?|0(?<![\w+]0)044\s?(?:\(0\)\s?)?"
    r"|\((?<![\w+]\()0|0(?<![\w+]0))\d{2,4}\)?(?:[ \t-]?\d){6,8}(?![\w]|[ \t-]?\d)"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?!\w)")


# A run of digits with the separators of dates and numbers: "0113 496 0000" is one run.
_DIGITS = re.compile(r"\d(?:[ /.()+-]{0,2}\d)*")
_SPACE = re.compile(r"\s")
# How far from a digit a date, postcode or number reaches: "wednesday, the 14th of
# september" has 15 characters before the day and 18 between the day and the year.
MARGIN = 24


_ASCII_SPACE = r"[ \t\n\r\f\v\x1c-\x1f]"  # \s of a str pattern, on ASCII


def _digits_too(pattern: str) -> tuple[re.Pattern, re.Pattern]:
    """The pattern, which starts with a digit, and the same for digits_view(): there every
    digit is "0", so the engine looks for one character (several times faster than testing
    each character for \\d)."""
    view = pattern.replace(r"\D", "[^0]").replace(r"\d", "0").replace(r"\s", _ASCII_SPACE)
    return re.compile(pattern), re.compile(view.encode("ascii"))


_UNSET = object()
_ZEROS = bytes.maketrans(b"123456789", b"000000000")


def digits_view(folded: str) -> bytes | None:
    """The folded text as bytes with every digit "0" (index for index), when it is ASCII
    (in ASCII \\d is [0-9] and \\w is [A-Za-z0-9_], as in bytes patterns)."""
    return folded.encode("ascii").translate(_ZEROS) if folded.isascii() else None


def _finder(patterns: tuple[re.Pattern, re.Pattern], folded: str, view: bytes | None):
    return patterns[0].finditer(folded) if view is None else patterns[1].finditer(view)


# Digits whose runs' windows merge (_merged): each one at most 2 * MARGIN from the next.
_CLUSTERS = _digits_too(rf"\d(?:\D{{0,{2 * MARGIN}}}\d)*")
# The runs of _DIGITS with six digits or more (a shorter run has no longer part).
_LONG_RUNS = _digits_too(r"\d(?:[ /.()+-]{0,2}\d){5,}")
# What every postcode and every National Insurance number ends with.
_INWARD = _digits_too(r"\d[abd-hjlnp-uw-z]{2}(?!\w)")
_NINO_END = _digits_too(r"\d\s?[a-d](?!\w)")


def _merged(folded: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for run_start, run_end in runs:
        start, end = max(0, run_start - MARGIN), run_end + MARGIN
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return _widened(folded, found)


def _widened(folded: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result = []
    for start, end in found:
        if start and (space := folded.rfind(" ", 0, start)) != -1:
            start = space
        cut = _SPACE.search(folded, min(end, len(folded)))
        result.append((start, cut.start() if cut else len(folded)))
    return result


def windows(
    folded: str, view: bytes | object | None = _UNSET
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The stretches of text around digits, cut at white space: every detector but the
    e-mail one needs a digit, and scanning only these is several times faster than
    scanning a whole report five times. Second, those around runs of six digits or more,
    the only places a National Insurance, NHS or phone number can be (runs that join two
    numbers have more digits, never fewer). As _merged would make them from every run of
    _DIGITS, with no Python per run."""
    if view is _UNSET:  # `view`: digits_view(folded), if the caller has it
        view = digits_view(folded)
    clusters = _finder(_CLUSTERS, folded, view)
    long_runs = _finder(_LONG_RUNS, folded, view)
    spans = [(max(0, m.start() - MARGIN), m.end() + MARGIN) for m in clusters]
    return _widened(folded, spans), _merged(folded, [m.span() for m in long_runs])


def _finditer(pattern: re.Pattern, folded: str, spans: list[tuple[int, int]]):
    for start, end in spans:
        yield from pattern.finditer(folded, start, end)


def _with(
    candidates: tuple[re.Pattern, re.Pattern],
    folded: str,
    view: bytes | None,
    spans: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """The spans that hold a match of `candidates` (the ending every match of a detector
    has): the others cannot hold a match of the detector."""
    found = [m.span() for m in _finder(candidates, folded, view)]
    if not found:
        return []
    starts = [start for start, _ in found]
    kept = []
    for start, end in spans:
        i = bisect_left(starts, start)
        if i < len(found) and found[i][1] <= end:
            kept.append((start, end))
    return kept


def _month(text: str) -> int:
    return next(i for i, m in enumerate(MONTHS, start=1) if text.startswith(m[:3]))


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= 69 else 1900
    return year


def _parsed(text: str) -> tuple[date | None, int, int] | None:
    """(the exact date or None when invalid, month, year) of a date DATE matches in full;
    None when its month cannot be one."""
    g = DATE.fullmatch(text).groupdict()
    if g["d1"]:
        day, month, year = g["d1"], _month(g["m1"]), _year(g["y1"])
    elif g["d2"]:
        day, month, year = g["d2"], _month(g["m2"]), _year(g["y2"])
    elif g["d3"]:
        day, month, year = g["d3"], int(g["m3"]), _year(g["y3"])
    else:
        day, month, year = g["d4"], int(g["m4"]), _year(g["y4"])
    if not 1 <= month <= 12:
        return None
    day_number = int(re.match(r"\d+", day).group())
    try:
        exact = date(year, month, day_number)
    except ValueError:
        exact = None
    return exact, month, year


def dates(
    folded: str, spans: list[tuple[int, int]], after_space: str | None = None
) -> Iterator[tuple[int, int, date | None, int, int]]:
    """(start, end, the exact date or None when invalid, month, year) of each exact date
    (DATE's matches in `spans`). `after_space`: " " + folded, if the caller has it."""
    if after_space is None:
        after_space = " " + folded
    parsed: dict[str, tuple[date | None, int, int] | None] = {}
    for start, end in spans:
        # Index i of `after_space` is index i - 1 of `folded`.
        for match in DATE_SCAN.finditer(after_space, start, end + 1):
            found = match.group()
            if found in parsed:
                value = parsed[found]
            else:
                value = parsed[found] = _parsed(found[1:])
            if value is not None:
                yield match.start(), match.end() - 1, *value


@lru_cache(maxsize=4096)  # a report gives the same few months thousands of times
def month_year(month: int, year: int) -> str:
    return f"{MONTHS[month - 1].capitalize()} {year}"


# NHS on digits_view(): the look-behind after the first digit, so that the engine looks
# for the one character "0" (the same matches: the look-behind tests the same character).
_NHS_VIEW = re.compile(rb"0(?<![\w+]0)(?:[ \t-]?0){9}(?!\w|[ \t-]?0)")


def nhs_numbers(
    folded: str, spans: list[tuple[int, int]], view: bytes | object | None = _UNSET
) -> Iterator[tuple[int, int]]:
    """Ten digits in any spacing whose last is the modulus-11 check digit."""
    if view is _UNSET:  # `view`: digits_view(folded), if the caller has it
        view = digits_view(folded)
    found = _finditer(NHS, folded, spans) if view is None else _finditer(_NHS_VIEW, view, spans)
    for match in found:
        start, end = match.span()
        if nhs_number.is_valid(nhs_number.normalise(folded[start:end].replace("\t", ""))):
            yield start, end


def simple(
    folded: str,
    spans: list[tuple[int, int]],
    long_spans: list[tuple[int, int]],
    view: bytes | object | None = _UNSET,
) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, replacement) of e-mail addresses, National Insurance numbers,
    postcodes and phone numbers (`spans` and `long_spans` from windows())."""
    if "@" in folded:
        for match in EMAIL.finditer(folded):
            yield match.start(), match.end(), "email", "[email address]"
    if view is _UNSET:  # `view`: digits_view(folded), if the caller has it
        view = digits_view(folded)
    for pattern, kind, label, where in (
        (
            NINO,
            "ni_number",
            "[National Insurance number]",
            _with(_NINO_END, folded, view, long_spans),
        ),
        (POSTCODE, "postcode", "[postcode]", _with(_INWARD, folded, view, spans)),
        (PHONE_SCAN, "phone", "[phone number]", long_spans),
    ):
        for match in _finditer(pattern, folded, where):
            yield match.start(), match.end(), kind, label
