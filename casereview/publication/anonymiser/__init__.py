"""The anonymiser (issue 13 item 2): register terms replaced by consistent roles or
pseudonyms, identifiers found by their shape, other names suggested for a person to
confirm. The core needs no database."""

from .engine import Anonymiser, Replacement, Result, anonymise
from .register import KINDS, RegisterError, Term, labels, load, terms_from_json

__all__ = [
    "KINDS",
    "Anonymiser",
    "RegisterError",
    "Replacement",
    "Result",
    "Term",
    "anonymise",
    "labels",
    "load",
    "terms_from_json",
]
