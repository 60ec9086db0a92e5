"""What a PDF holds besides its pages: scripts, actions run on opening or on events, programs
to launch, attached files, rich media, forms that send or fetch data. Found by parsing the
file with qpdf (pikepdf) and walking every object, those compressed in object streams
included; names are compared decoded, so `/Java#53cript` is `/JavaScript`."""

from __future__ import annotations

import io
import re

import pikepdf

# Names, as a dictionary key or a value, of content a PDF reader could run or open.
ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",  # a script (action type, or the document's named scripts)
        "/JS",  # the script of an action
        "/OpenAction",  # an action run when the document opens
        "/AA",  # additional actions: run on page, field or document events
        "/Launch",  # starts a program or opens a file
        "/EmbeddedFile",  # an attached file ...
        "/EmbeddedFiles",  # ... the document's list of them ...
        "/EF",  # ... and a file specification that carries one
        "/FileAttachment",  # an annotation holding a file
        "/RichMedia",  # Flash and other embedded players
        "/SubmitForm",  # sends form data to an address
        "/ImportData",  # loads form data from a file
        "/XFA",  # XML forms, which carry their own scripts
        "/GoToR",  # opens another file
        "/GoToE",  # opens an embedded file
    }
)
# The long names are also looked for in the raw bytes, escapes decoded: a reader that
# repairs a damaged file differently from qpdf may find objects that qpdf did not.
_RAW_NAMES = frozenset(n for n in ACTIVE_NAMES if len(n) > 6)
_RAW_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]{6,60}")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


# Objects and the entries they hold, at most: walking takes about 1.5 s a million here, and
# a real document of a few hundred pages holds tens of thousands.
MAX_ITEMS = 2_000_000


class UnreadablePdf(Exception):
    """qpdf cannot parse the file, even with its repair."""


class PasswordProtectedPdf(UnreadablePdf):
    """The file needs a password to be read."""


class TooComplexPdf(Exception):
    """The file holds more objects than are checked in reasonable time."""


def active_content(data: bytes) -> str | None:
    """The first active name found in the PDF `data`, or None if there is none."""
    if found := _raw_active_name(data):
        return found
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return _walk(pdf)
    except pikepdf.PasswordError:
        raise PasswordProtectedPdf from None
    except TooComplexPdf:
        raise
    except Exception as error:
        # qpdf reports damage lazily, while objects are read: any failure is a bad file.
        raise UnreadablePdf from error


def _raw_active_name(data: bytes) -> str | None:
    for match in _RAW_NAME.finditer(data):
        name = _ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), match[0])
        text = name.decode("latin-1")
        if text in _RAW_NAMES:
            return text
    return None


def _walk(pdf: pikepdf.Pdf) -> str | None:
    """Every name in the trailer, every object and the direct objects they hold. Indirect
    objects met inside are not followed: each of them is among `pdf.objects` itself."""
    budget = MAX_ITEMS - len(pdf.objects)
    if budget < 0:
        raise TooComplexPdf
    stack = [pdf.trailer, *pdf.objects]
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Name):
            if str(obj) in ACTIVE_NAMES:
                return str(obj)
        elif isinstance(obj, pikepdf.Array):
            budget -= len(obj)
            if budget < 0:
                raise TooComplexPdf
            stack.extend(value for value in obj if _direct(value))
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            budget -= len(obj.keys())
            if budget < 0:
                raise TooComplexPdf
            for key, value in obj.items():
                if key in ACTIVE_NAMES:
                    return key
                if _direct(value):
                    stack.append(value)
    return None


def _direct(value) -> bool:
    """A PDF object held inside another (numbers and booleans come as Python values)."""
    return isinstance(value, pikepdf.Object) and not value.is_indirect
