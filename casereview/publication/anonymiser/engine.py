"""The anonymiser: built once from a register, then run over any number of texts.

Register terms are matched by one compiled regular expression (a trie of every variant:
full names, first names, surnames, initials with surname, aliases, places, numbers) over a
folded copy of the text (fold.py); what each distinct matched text becomes is worked out
once per run, and only the hits that depend on their context (ordinary words, possessives)
take a Python step each. The pattern detectors (patterns.py) then find identifiers by
their shape. docs/publication.md ("Performance") says how the passes are kept few."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate, compress, count
from operator import itemgetter
from typing import NamedTuple

from . import fold as folding
from . import patterns
from .ordinary import ORDINARY_WORDS, PLACE_WORDS
from .register import CHILD_ROLES, Term, labels, parse_date

# Separators inside a variant, as trie atoms: between words (space, line break, hyphen,
# full stop or comma), after an initial ("J. Smith", "J Smith", "J.Smith"), between digits.
WORD, INITIAL, DIGIT = "\x00", "\x01", "\x02"
ATOMS = {WORD: r"[\s.,&'-]+", INITIAL: r"[\s.]*", DIGIT: r"[ \t-]?"}
TITLES = r"(?:mr|mrs|ms|miss|mx|dr|master)\.?\s+"
TITLE_END = r"\.?\s+"
# A character before a word in the folded text (fold.py): an ASCII character that is not a
# word character, or white space beyond ASCII (other characters that are not word
# characters are folded to fold.HIDDEN).
_SPACES = "".join(f"\\u{c:04x}" for c in range(0x80, 0x3001) if chr(c).isspace())
BEFORE_WORD = f"[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f{_SPACES}]"
BROKEN = re.compile(r"(?<![\w-])([a-z]+)-[ \t]*\r?\n[ \t]*([a-z]+)('s|s'|')?(?!\w)")
# Where BROKEN can match: its hyphen before a line break (found without a look-behind at
# every position of the text).
_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n")
_MISSING = object()
_PLACE_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)")
_FIRST = itemgetter(0)
_new_tuple = tuple.__new__  # a Replacement without NamedTuple's Python-level __new__


def _starts_sentence(text: str, start: int) -> bool:
    """Whether `start` begins a sentence, a paragraph or the text (the label gets a capital)."""
    if start > 1:  # the common cases, without slicing: "saw the", ". The"
        if not text[start - 1].isspace():
            return False
        if not text[start - 2].isspace():
            return text[start - 2] in ".!?:"
    before = text[max(0, start - 6) : start]
    stripped = before.rstrip()
    if not stripped:
        return start == len(before) or "\n\n" in before or not text[:start].strip()
    return stripped[-1] in ".!?:" and stripped != before


AMBIGUOUS = "[name]"


class _HitInfo(NamedTuple):
    lead: int  # from the match's start to the replacement's
    core: int  # from the match's start to the name's (after a title)
    poss: int  # length of the possessive ending
    label: str
    kind: str
    check: bool  # an ordinary word, untitled: a name only where written as one


# (start, end, replacement, kind)
_Hit = tuple[int, int, str, str]


class Replacement(NamedTuple):  # a tuple: thousands are made per report
    start: int
    end: int
    original: str
    replacement: str
    kind: str


@dataclass(frozen=True)
class Result:
    text: str
    replacements: list[Replacement]
    source: str  # the input as matched (NFC): the replacements' spans are into it


@dataclass
class _Entry:
    label: str
    kind: str
    ordinary: bool  # one ordinary English word: a name only where written as one
    adults: set[str] = field(default_factory=set)  # labels of the adults who share it

    def label_for(self, titled: bool) -> str:
        """A title ("Ms Nowak") points at an adult: the only adult of a shared surname."""
        if self.label == AMBIGUOUS and titled and len(self.adults) == 1:
            return next(iter(self.adults))
        return self.label


def _words(value: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", folding.fold(folding.normalise(value))) if w]


def key_of(text: str) -> str:
    """The lookup key of a matched text or a variant: folded words joined by one space;
    digits joined with no space."""
    words = _words(text)
    if words and all(w.isdigit() for w in words):
        return "".join(words)
    return " ".join(words)


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _key_of_folded(folded: str) -> str:
    """key_of for text already folded (the hot path: once per hit)."""
    key = _NOT_WORD.sub(" ", folded).strip()
    return key.replace(" ", "") if key[:1].isdigit() and key.replace(" ", "").isdigit() else key


def _atoms(words: list[str], initial_first: bool = False) -> str:
    if all(w.isdigit() for w in words):
        return DIGIT.join("".join(words))
    out = []
    for i, word in enumerate(words):
        if i:
            out.append(INITIAL if (initial_first and i == 1) else WORD)
        out.append(word)
    return "".join(out)


def _person_variants(term: Term) -> list[tuple[str, list[str], bool]]:
    """(key, words, initial_first) of each way a person's name is written: the whole name
    and each alias, given name and surname, given name alone, surname alone, each part of
    a hyphenated name alone, an alias with the surname, the initial with the surname."""
    parts = [_words(word) for word in term.value.split()]
    parts = [p for p in parts if p]
    found = [_words(name) for name in (term.value, *term.aliases)]
    if len(parts) >= 2:
        given_name, surname = parts[0], parts[-1]
        found += [given_name + surname, given_name, surname]
        for alias in term.aliases:
            if len(alias_words := _words(alias)) == 1:
                found.append(alias_words + surname)
    for word in parts:
        if len(word) > 1:
            found += [[p] for p in word if len(p) > 1]
    variants = [(" ".join(w), w, False) for w in found if w]
    if len(parts) >= 2:
        initial = [parts[0][0][0], *parts[-1]]
        variants.append((" ".join(initial), initial, True))
    return variants


def _plain_variants(term: Term) -> list[tuple[str, list[str], bool]]:
    values = [term.value, *term.aliases]
    if term.kind == "address":
        # The first line of an address ("12 Acacia Avenue") is how reports quote it.
        values += [v.split(",")[0] for v in values if "," in v]
    variants = []
    for value in values:
        words = _words(value)
        if words:
            variants.append((key_of(value), words, False))
    return variants


def _trie_branches(atom_strings: list[str]) -> list[str]:
    """The alternatives of a regular expression of every atom string, one per first
    character: a trie, so that each position costs a look at one character."""
    trie: dict = {}
    for atoms in atom_strings:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [
            (ATOMS.get(atom) or re.escape(atom)) + emit(child)
            for atom, child in sorted(node.items())
            if atom
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            body = f"(?:{body})?"
        return body

    return [
        (ATOMS.get(atom) or re.escape(atom)) + emit(child) for atom, child in sorted(trie.items())
    ]


def _broken(folded: str) -> list[re.Match]:
    """BROKEN.finditer(folded), looking only where a hyphen ends a line: a match starts at
    the first of the letters before the hyphen, and none starts inside the one before."""
    found: list[re.Match] = []
    done = 0
    for hyphen in _HYPHEN_BREAK.finditer(folded):
        start = hyphen.start()
        while start > done and "a" <= folded[start - 1] <= "z":
            start -= 1
        if start == hyphen.start() or (start == done and "a" <= folded[start - 1 : start] <= "z"):
            continue
        if match := BROKEN.match(folded, start):
            found.append(match)
            done = match.end()
    return found


class Anonymiser:
    """Built once from the register's terms; `run(text)` many times."""

    def __init__(self, terms: list[Term]):
        self.terms = terms
        self.labels = labels(terms)
        self.entries: dict[str, _Entry] = {}
        self.dobs: set[date] = {d for t in terms if t.kind == "dob" and (d := parse_date(t.value))}
        atom_strings = []
        for term in terms:
            if term.kind in ("dob", "date"):
                continue  # found by the date detector, compared by value
            variants = _person_variants(term) if term.kind == "person" else _plain_variants(term)
            for key, words, initial_first in variants:
                self._add(key, term, ordinary=len(words) == 1 and words[0] in ORDINARY_WORDS)
                atom_strings.append(_atoms(words, initial_first))
        branches = _trie_branches(atom_strings)
        body = "|".join(branches)
        # What a match means (title, name, possessive), worked out once per matched text.
        self.pattern = (
            re.compile(f"(?<!\\w)(?P<title>{TITLES})?(?:{body})(?P<poss>'s|s'|')?(?!\\w)")
            if body
            else None
        )
        # Where the same matches are found, the same ones in the same order: over the folded
        # text after one space (the start of the text is after a non-word character), from
        # the non-word character before each (a look at one character per position instead
        # of a look-behind at every position), the titles as alternatives of the trie
        # beside the first letters (so that no position tries an optional title first).
        self.scan = (
            re.compile(
                f"({BEFORE_WORD})((?:dr{TITLE_END}(?:{body})|m(?:r|rs|s|iss|x|aster)"
                f"{TITLE_END}(?:{body})|{body})(?:'s|s'|')?)(?!\\w)"
            )
            if body
            else None
        )

    def _add(self, key: str, term: Term, ordinary: bool) -> None:
        label = self.labels[term]
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = _Entry(label, term.kind, ordinary)
        if term.kind == "person" and term.role not in CHILD_ROLES:
            entry.adults.add(label)
        if entry.label != label:
            # Two people share this name (a surname, a first name): no one label is right.
            entry.label = AMBIGUOUS

    # Matching

    def _is_name(self, text: str, start: int, end: int, titled: bool) -> bool:
        """Whether an ordinary-word hit is used as a name (see ordinary.py)."""
        if titled:
            return True
        if not text[start].isupper():
            return False
        after = _PLACE_AFTER.match(text, end, end + 20)
        return not (after and after.group(1).lower() in PLACE_WORDS)

    def _hit_info(self, found: str) -> _HitInfo | None:
        """What a matched (folded) text becomes, wherever it is found: worked out once per
        distinct text of a run (a report names the same few people thousands of times)."""
        match = self.pattern.fullmatch(found)  # the same match, with its groups
        title_end, poss_start = match.end("title"), match.start("poss")
        core_start = title_end if title_end != -1 else 0
        core_end = poss_start if poss_start != -1 else len(found)
        entry = self.entries.get(_key_of_folded(found[core_start:core_end]))
        if entry is None:  # matched loosely (a separator where the variant has none)
            return None
        titled = title_end != -1
        return _HitInfo(
            # "Dr Barnardo's" is an organisation: its title stays.
            lead=core_start if titled and entry.kind != "person" else 0,
            core=core_start,
            poss=len(found) - core_end,
            label=entry.label_for(titled),
            kind=entry.kind,
            check=entry.ordinary and not titled,
        )

    def _term_hits(self, text: str, folded: str) -> list[_Hit]:
        if self.scan is None:
            return self._broken_hits(text, folded, [])
        # Index i of `after_space` is index i - 1 of `folded`.
        after_space = " " + folded
        # The matches without a Python step each: split() gives the text between them, the
        # character before each (group 1) and the match (group 2); their places follow from
        # the lengths.
        parts = self.scan.split(after_space)
        found = parts[2::3]
        infos = {text: self._hit_info(text) for text in set(found)}
        if None in infos.values():  # a loose match: the next search starts just after it
            return self._broken_hits(text, folded, self._term_hits_in_turn(text, after_space))
        # Where each part ends in `folded` (from -1: `after_space` is one longer), so
        # match j (part 3j + 2) starts where part 3j + 1 ends.
        ends = list(accumulate(map(len, parts), initial=-1))
        starts, ends = ends[2::3], ends[3::3]
        hits: list = list(
            zip(
                starts,
                ends,
                map({t: i.label for t, i in infos.items()}.__getitem__, found),
                map({t: i.kind for t, i in infos.items()}.__getitem__, found),
                strict=True,
            )
        )
        special = {t for t, i in infos.items() if i.check or i.poss or i.lead}
        if special:
            for j in compress(count(), map(special.__contains__, found)):
                hits[j] = self._hit(text, starts[j], ends[j], infos[found[j]])
            hits = list(filter(None, hits))
        return self._broken_hits(text, folded, hits)

    def _hit(self, text: str, start: int, end: int, info: _HitInfo) -> _Hit | None:
        lead, core, poss, label, kind, check = info
        if check and not self._is_name(text, start + core, end - poss, False):
            return None
        if poss:
            label = self._with_possessive(label, text[end - poss : end])
        start += lead
        return (start, end, label, kind)

    def _term_hits_in_turn(self, text: str, after_space: str) -> list[_Hit]:
        """The matches one search at a time, for a text with a loose match."""
        hits: list[_Hit] = []
        infos: dict[str, _HitInfo | None] = {}
        pos: int | None = 0
        while pos is not None:
            scan, pos = self.scan.finditer(after_space, pos), None
            for match in scan:
                found = match.group(2)
                info = infos.get(found, _MISSING)
                if info is _MISSING:
                    info = infos[found] = self._hit_info(found)
                if info is None:
                    pos = match.start() + 1  # a shorter variant may start just after
                    break
                if hit := self._hit(text, match.start(), match.end() - 1, info):
                    hits.append(hit)
        return hits

    def _broken_hits(self, text: str, folded: str, hits: list[_Hit]) -> list[_Hit]:
        """`hits` and the names broken by a hyphen at the end of a line."""
        for match in _broken(folded):
            entry = self.entries.get(match.group(1) + match.group(2))
            if entry and (not entry.ordinary or text[match.start()].isupper()):
                start, end = match.span()
                label = self._with_possessive(entry.label, text[match.end(2) : end])
                hits.append((start, end, label, entry.kind))
        return hits

    @staticmethod
    def _with_possessive(label: str, poss: str) -> str:
        if not poss:
            return label
        apostrophe = poss.replace("s", "")[:1] or "'"
        return f"{label}{apostrophe}s"

    def _pattern_hits(self, folded: str) -> list[_Hit]:
        hits: list[_Hit] = []
        append = hits.append
        view = patterns.digits_view(folded)
        spans, long_spans = patterns.windows(folded, view)
        for start, end, exact, month, year in patterns.dates(folded, spans):
            if exact is not None and exact in self.dobs:
                append((start, end, "[date of birth]", "dob"))
            else:
                append((start, end, patterns.month_year(month, year), "date"))
        for start, end in patterns.nhs_numbers(folded, long_spans, view):
            append((start, end, "[NHS number]", "nhs_number"))
        for start, end, kind, label in patterns.simple(folded, spans, long_spans, view):
            append((start, end, label, kind))
        return hits

    def register_hits(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, kind) of every register term in `text`, and of its dates of birth:
        the leak check of rendered output, which must not count the identifiers that only
        the pattern detectors find (a board's own phone number on its letterhead)."""
        text = folding.normalise(text)
        folded = folding.fold(text)
        hits = [(s, e, kind) for s, e, _, kind in self._term_hits(text, folded)]
        if self.dobs:
            spans, _ = patterns.windows(folded)
            hits += [
                (s, e, "dob")
                for s, e, exact, _, _ in patterns.dates(folded, spans)
                if exact is not None and exact in self.dobs
            ]
        return hits

    def run(self, text: str) -> Result:
        text = folding.normalise(text)
        folded = folding.fold(text)
        hits = self._term_hits(text, folded) + self._pattern_hits(folded)
        # Earliest first, the longest of those starting together, the first found of those
        # as long; overlaps dropped. Sorted by start only (stable: in the order found), the
        # longest of a start is kept in the loop.
        hits.sort(key=_FIRST)
        out: list[str] = []
        replacements: list[Replacement] = []
        cursor, last = 0, -1
        piece, replaced, new = out.append, replacements.append, _new_tuple
        for start, end, label, kind in hits:
            if start < cursor and (start != last or end <= cursor):
                continue
            if label[0].islower() and _starts_sentence(text, start):
                label = label[0].upper() + label[1:]
            if start == last:  # longer than the one kept at the same start: replaces it
                out[-1] = label
                replacements[-1] = new(Replacement, (start, end, text[start:end], label, kind))
                cursor = end
                continue
            piece(text[cursor:start])
            piece(label)
            replaced(new(Replacement, (start, end, text[start:end], label, kind)))
            cursor, last = end, start
        out.append(text[cursor:])
        return Result("".join(out), replacements, text)


def anonymise(text: str, terms: list[Term]) -> Result:
    return Anonymiser(terms).run(text)
