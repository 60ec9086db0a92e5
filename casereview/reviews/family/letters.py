"""Letters to the family, from translation files: one TOML file a language in `letters/`
(`en.toml`, `cy.toml`, ...), named by the language's code in the people register. Adding a
language is adding a file; no code changes (Rotherham 19.3: the family's preferred language).

A file holds the language's own name, optional month names for dates, the compassionate
opening of every letter for each outcome (`[openings]`: `death`, acknowledging the family's
loss; `serious_harm`, what the child has been through), and for each template a `subject`
and a `body`. Subjects, bodies and openings may use only the placeholders in PLACEHOLDERS
(an opening not `{opening}`); anything else (another person's details, attribute look-ups)
is refused when the file is read, so a translation cannot reach data a letter should not
carry.

These files are the letters the service fills in for each person. A board adds a language
without changing the service by uploading an approved translation of the English letter
(reviews/family/translations.py).
"""

from __future__ import annotations

import datetime
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

LETTERS_DIR = Path(__file__).resolve().parent / "letters"

# The letters, in the order they are usually sent; each matches a contact purpose.
TEMPLATES: dict[str, str] = {
    "told_of_review": "Telling them of the review and its purpose",
    "process": "Explaining the process of the review",
    "publication": "The timing and publication of the executive summary",
}

PLACEHOLDERS: dict[str, str] = {
    "addressee": "the family member's name",
    "child_first_name": "the child's first name",
    "board": "the board's name",
    "board_contact": "the board's address, telephone and e-mail",
    "opening": "the opening for the child's outcome (the family's loss, or the harm)",
    "reference": "the review's reference",
    "sender_name": "the sender's name",
    "sender_role": "the sender's role",
    "sender_contact": "how to contact the sender",
    "date": "the date of the letter",
}


class TranslationError(ValueError):
    """A translation file that cannot be used: the message names the file and the fault."""


class NoTranslation(LookupError):
    """There is no translation file for the language asked for."""

    def __init__(self, language: str):
        super().__init__(language)
        self.language = language


# The outcomes a letter's opening is written for (the notification's outcome).
OPENINGS = ("death", "serious_harm")


@dataclass(frozen=True)
class Translation:
    code: str
    name: str
    months: tuple[str, ...]
    templates: dict[str, tuple[str, str]]
    openings: dict[str, str]

    def format_date(self, day: datetime.date) -> str:
        if self.months:
            return f"{day.day} {self.months[day.month - 1]} {day.year}"
        return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Letter:
    template: str
    language: str
    language_name: str
    subject: str
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def _placeholders(text: str, where: str) -> None:
    try:
        fields = [
            (name, spec, conv)
            for _, name, spec, conv in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError as error:
        raise TranslationError(f"{where}: {error}") from None
    for name, spec, conv in fields:
        if name not in PLACEHOLDERS:
            raise TranslationError(
                f"{where}: {{{name}}} is not a placeholder letters may use "
                f"({', '.join(PLACEHOLDERS)})"
            )
        if spec or conv:
            raise TranslationError(f"{where}: {{{name}}} takes no format or conversion")


def _read(path: Path) -> Translation:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise TranslationError(f"{path.name}: {error}") from None
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise TranslationError(f'{path.name}: give the language\'s name as name = "..."')
    months = data.get("months", [])
    if months and (len(months) != 12 or not all(isinstance(m, str) for m in months)):
        raise TranslationError(f"{path.name}: months must list the twelve month names")
    openings = data.get("openings", {})
    if not isinstance(openings, dict) or (openings and set(openings) != set(OPENINGS)):
        raise TranslationError(
            f"{path.name}: [openings] needs {' and '.join(OPENINGS)}, the first paragraph "
            "of every letter for each outcome"
        )
    for outcome, text in openings.items():
        if not isinstance(text, str) or not text.strip():
            raise TranslationError(f"{path.name}: [openings] {outcome} needs its text")
        _placeholders(text, f"{path.name} [openings] {outcome}")
        if "{opening}" in text:
            raise TranslationError(f"{path.name}: an opening cannot contain {{opening}}")
    templates = {}
    for slug in TEMPLATES:
        section = data.get(slug)
        if section is None:
            continue
        subject, body = section.get("subject"), section.get("body")
        if not isinstance(subject, str) or not isinstance(body, str) or not body.strip():
            raise TranslationError(f"{path.name}: [{slug}] needs a subject and a body")
        _placeholders(subject, f"{path.name} [{slug}] subject")
        _placeholders(body, f"{path.name} [{slug}] body")
        if "{opening}" in body and not openings:
            raise TranslationError(f"{path.name}: [{slug}] uses {{opening}}: add [openings]")
        templates[slug] = (subject.strip(), body.strip())
    clean_openings = {k: " ".join(v.split()) for k, v in openings.items()}
    return Translation(path.stem, name.strip(), tuple(months), templates, clean_openings)


def translations() -> dict[str, Translation]:
    """Every translation file in the letters directory, by language code."""
    directory = Path(LETTERS_DIR)
    return {p.stem: _read(p) for p in sorted(directory.glob("*.toml"))}


def translation(language: str) -> Translation:
    path = Path(LETTERS_DIR) / f"{language}.toml"
    # The code comes from the people register's choices, but never trust it as a path.
    if not language.replace("_", "").replace("-", "").isalnum() or not path.is_file():
        raise NoTranslation(language)
    return _read(path)


def available(language: str, template: str) -> bool:
    try:
        return template in translation(language).templates
    except NoTranslation:
        return False


def render(
    template: str, language: str, *, on: datetime.date, outcome: str = "death", **values: str
) -> Letter:
    """The letter `template` in `language`, opening as befits `outcome` (the child died, or
    was seriously harmed); NoTranslation if that language has no translation of it. It
    never falls back to another language."""
    if template not in TEMPLATES:
        raise KeyError(template)
    found = translation(language)
    if template not in found.templates:
        raise NoTranslation(language)
    context = {key: str(values.get(key, "")) for key in PLACEHOLDERS}
    context["date"] = found.format_date(on)
    opening = found.openings.get(outcome, found.openings.get("serious_harm", ""))
    context["opening"] = opening.format_map({**context, "opening": ""})
    subject, body = found.templates[template]
    paragraphs = tuple(
        "\n".join(line.strip() for line in p.splitlines() if line.strip())
        for p in body.format_map(context).split("\n\n")
        if p.strip()
    )
    return Letter(template, found.code, found.name, subject.format_map(context), paragraphs)
