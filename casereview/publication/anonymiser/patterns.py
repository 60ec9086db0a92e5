"""Pattern detectors: identifiers found by their shape, whoever they belong to. They run on
the folded (lower-case) copy of the text (fold.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from casereview.cases import nhs_number

MONTHS = "january february march april may june july august september october november december"
MONTHS = MONTHS.split()
_MONTH_RE = "|".join(f"{m[:3]}(?:{m[3:]})?" for m in MONTHS) + "|sept"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+(?:the\s+)?)?"
)

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
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?!\w)")


# A run of digits with the separators of dates and numbers: "0113 496 0000" is one run.
_DIGITS = re.compile(r"\d(?:[ /.()+-]{0,2}\d)*")
_SPACE = re.compile(r"\s")
# How far from a digit a date, postcode or number reaches: "wednesday, the 14th of
# september" has 15 characters before the day and 18 between the day and the year.
MARGIN = 24


def _merged(folded: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for run_start, run_end in runs:
        start, end = max(0, run_start - MARGIN), run_end + MARGIN
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    result = []
    for start, end in found:
        if start and (space := folded.rfind(" ", 0, start)) != -1:
            start = space
        cut = _SPACE.search(folded, min(end, len(folded)))
        result.append((start, cut.start() if cut else len(folded)))
    return result


def windows(folded: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The stretches of text around digits, cut at white space: every detector but the
    e-mail one needs a digit, and scanning only these is several times faster than
    scanning a whole report five times. Second, those around runs of six digits or more,
    the only places a National Insurance, NHS or phone number can be (runs that join two
    numbers have more digits, never fewer)."""
    runs = [m.span() for m in _DIGITS.finditer(folded)]
    long_runs = [(s, e) for s, e in runs if e - s >= 6 and _digit_count(folded, s, e) >= 6]
    return _merged(folded, runs), _merged(folded, long_runs)


def _digit_count(folded: str, start: int, end: int) -> int:
    return sum(c.isdigit() for c in folded[start:end])


def _finditer(pattern: re.Pattern, folded: str, spans: list[tuple[int, int]]):
    for start, end in spans:
        yield from pattern.finditer(folded, start, end)


def _month(text: str) -> int:
    return next(i for i, m in enumerate(MONTHS, start=1) if text.startswith(m[:3]))


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= 69 else 1900
    return year


def dates(
    folded: str, spans: list[tuple[int, int]]
) -> Iterator[tuple[int, int, date | None, int, int]]:
    """(start, end, the exact date or None when invalid, month, year) of each exact date."""
    for match in _finditer(DATE, folded, spans):
        g = match.groupdict()
        if g["d1"]:
            day, month, year = g["d1"], _month(g["m1"]), _year(g["y1"])
        elif g["d2"]:
            day, month, year = g["d2"], _month(g["m2"]), _year(g["y2"])
        elif g["d3"]:
            day, month, year = g["d3"], int(g["m3"]), _year(g["y3"])
        else:
            day, month, year = g["d4"], int(g["m4"]), _year(g["y4"])
        if not 1 <= month <= 12:
            continue
        day_number = int(re.match(r"\d+", day).group())
        try:
            exact = date(year, month, day_number)
        except ValueError:
            exact = None
        yield match.start(), match.end(), exact, month, year


def month_year(month: int, year: int) -> str:
    return f"{MONTHS[month - 1].capitalize()} {year}"


def nhs_numbers(folded: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Ten digits in any spacing whose last is the modulus-11 check digit."""
    for match in _finditer(NHS, folded, spans):
        if nhs_number.is_valid(nhs_number.normalise(match.group().replace("\t", ""))):
            yield match.span()


def simple(
    folded: str, spans: list[tuple[int, int]], long_spans: list[tuple[int, int]]
) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, replacement) of e-mail addresses, National Insurance numbers,
    postcodes and phone numbers (`spans` and `long_spans` from windows())."""
    if "@" in folded:
        for match in EMAIL.finditer(folded):
            yield match.start(), match.end(), "email", "[email address]"
    for pattern, kind, label, where in (
        (NINO, "ni_number", "[National Insurance number]", long_spans),
        (POSTCODE, "postcode", "[postcode]", spans),
        (PHONE, "phone", "[phone number]", long_spans),
    ):
        for match in _finditer(pattern, folded, where):
            yield match.start(), match.end(), kind, label
