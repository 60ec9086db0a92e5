"""Free text that leaves the service by e-mail (a panel's reasons) with the names of the
case's people register taken out: each given name, family name and alias, whole words, any
case, becomes "[name]"."""

from __future__ import annotations

import re

from .models import Amendment, Notification, Person

MASK = "[name]"


def without_names(text: str, case: Notification) -> str:
    words: set[str] = set()
    # Everyone ever in the register: people removed in error, and names before a correction.
    names = list(
        Person.all_objects.filter(notification=case).values_list(
            "given_names", "family_name", "aliases"
        )
    )
    for before in Amendment.objects.filter(
        notification=case, record_type="cases.person"
    ).values_list("before", flat=True):
        names.append(tuple(before.get(k, "") for k in ("given_names", "family_name", "aliases")))
    for given, family, aliases in names:
        words.update(w for w in re.split(r"[\s,;]+", f"{given} {family} {aliases}") if len(w) > 1)
    if not words:
        return text
    longest_first = sorted(words, key=len, reverse=True)
    pattern = r"\b(?:" + "|".join(re.escape(w) for w in longest_first) + r")\b"
    return re.sub(pattern, MASK, text, flags=re.IGNORECASE)
