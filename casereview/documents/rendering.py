"""Documents to print and send: HTML templates rendered to PDF (WeasyPrint, PDF/UA-1) and
Word templates filled with docxtpl. Publication renders its reports through here too.

This app sits below cases and reviews, so callers pass a template name and a plain
context (strings, dates, lists of dicts), never review models. Metadata carries no person:
the author is empty, the creator and producer are the service's name, and the title is the
caller's (a document kind and a case reference, never a name). See docs/documents.md.
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

from django.template.loader import render_to_string

SERVICE_NAME = "casereview"
LANGUAGE = "en-GB"
WORD_TEMPLATES = Path(__file__).resolve().parent / "word_templates"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def logo_data_uri(data: bytes | None, content_type: str) -> str:
    """The board's logo inlined, so that rendering fetches nothing from anywhere."""
    if not data:
        return ""
    return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"


def render_pdf(template_name: str, context: dict, *, title: str) -> bytes:
    """The HTML template rendered as a tagged PDF/UA-1 document in British English."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, {**context, "document_title": title})
    # Documents are self-contained: only inlined data (the logo) may be read.
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher, base_url=None).render(pdf_variant="pdf/ua-1")
    metadata = document.metadata
    metadata.title = title
    metadata.authors = []
    metadata.description = None
    metadata.keywords = []
    metadata.generator = SERVICE_NAME
    metadata.lang = context.get("language") or LANGUAGE
    metadata.attachments = []
    return _set_producer(document.write_pdf(pdf_variant="pdf/ua-1"))


def _set_producer(data: bytes) -> bytes:
    """WeasyPrint names itself as the producer; the document says it came from the service."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["pdf:Producer"] = SERVICE_NAME
        pdf.docinfo["/Producer"] = SERVICE_NAME
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def word_template_path(kind: str) -> Path:
    """The service's default Word template of a document kind."""
    path = WORD_TEMPLATES / f"{kind}.docx"
    if not path.is_file():
        raise LookupError(kind)
    return path


def render_docx(
    template: Path | bytes, context: dict, *, title: str, strict: bool = False
) -> bytes:
    """A Word template (a path, or the bytes of a board's own) filled with `context`.

    docxtpl's Jinja environment escapes the values, so text cannot inject Word markup.
    `strict`: a value the context does not have is an error, not an empty string (the
    check of a board's template, `check_word_template`)."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import StrictUndefined, Undefined

    source = io.BytesIO(template) if isinstance(template, bytes) else template
    document = DocxTemplate(source)
    values = _with_line_breaks(dict(context))
    logo = values.pop("logo_bytes", None)
    values["logo"] = InlineImage(document, io.BytesIO(logo), height=Mm(18)) if logo else ""
    environment = _sandbox(undefined=StrictUndefined if strict else Undefined)
    document.render(values, jinja_env=environment, autoescape=True)
    _scrub(document.docx.core_properties, title)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


SAFE_FILTERS = (
    "capitalize",
    "count",
    "d",
    "default",
    "e",
    "escape",
    "first",
    "join",
    "last",
    "length",
    "list",
    "lower",
    "reverse",
    "sort",
    "string",
    "title",
    "trim",
    "unique",
    "upper",
)


# The only methods a template may call (another case, a loop's alternation), none of which can
# make a huge value.
SAFE_METHODS = ("upper", "lower", "title", "capitalize", "strip", "cycle")


def _sandbox(**options):
    """The Jinja environment of every Word template: a board's template is written by its
    staff, so it is filled in a sandbox (no attribute of Python's internals, no changing of
    the values) that also refuses the arithmetic that could make a huge value
    (`"x" * 10**9`)."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            if operator == "**" or any(not isinstance(v, int | float) for v in (left, right)):
                raise SecurityError(f"the operator {operator} is not allowed in a template")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context, __obj, *args, **kwargs):
            name = getattr(__obj, "__name__", "")
            if name not in SAFE_METHODS:
                raise SecurityError(f"calling {name or 'a value'} is not allowed in a template")
            return super().call(__context, __obj, *args, **kwargs)

    environment = Sandbox(autoescape=True, **options)
    # No globals (range, lipsum, ...), and only filters that cannot make a huge value or
    # let a value through unescaped (`safe` would let text inject Word markup).
    environment.globals.clear()
    environment.filters = {
        name: environment.filters[name] for name in SAFE_FILTERS if name in environment.filters
    }
    return environment


def _with_line_breaks(value):
    """Text with new lines becomes a docxtpl Listing, which keeps them as line breaks."""
    from docxtpl import Listing

    if isinstance(value, str):
        return Listing(value) if "\n" in value else value
    if isinstance(value, dict):
        return {k: _with_line_breaks(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_with_line_breaks(v) for v in value]
    return value


def _scrub(properties, title: str) -> None:
    """Core properties name no one: a board's template may carry its editor's name."""
    properties.author = ""
    properties.last_modified_by = SERVICE_NAME
    properties.comments = ""
    properties.category = ""
    properties.subject = ""
    properties.keywords = ""
    properties.content_status = ""
    properties.identifier = ""
    properties.title = title
    properties.language = LANGUAGE


class TemplateFault(ValueError):
    """A board's Word template that cannot be used; the message says why in plain words,
    naming the paragraph or the value at fault."""


_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED = re.compile(r"'([^']+)' is undefined")


def check_word_template(data: bytes, sample: dict, *, offered: set[str]) -> None:
    """Refuse (TemplateFault) a Word template that does not fill in: a Jinja syntax error
    (naming the paragraph), a value the document kind does not offer (naming it), or any
    other fault found by filling it once with `sample` (synthetic values, every list and
    optional value present so that each loop and condition is tried)."""
    from jinja2 import TemplateSyntaxError, UndefinedError, meta
    from jinja2.sandbox import SecurityError

    try:
        parts = _template_parts(data)
    except Exception:  # python-docx fails in many ways on a file that is not a Word document
        raise TemplateFault("The selected file is not a Word document that can be read") from None

    used: set[str] = set()
    for xml in parts:
        try:
            used |= meta.find_undeclared_variables(_sandbox().parse(xml))
        except TemplateSyntaxError as error:
            raise TemplateFault(_syntax_message(xml, error)) from None
    unknown = sorted(used - offered)
    if unknown:
        raise TemplateFault(_unknown_message(unknown[0], offered))
    try:
        render_docx(data, sample, title="Template check", strict=True)
    except SecurityError as error:
        raise TemplateFault(f"The template does something a template may not: {error}") from None
    except UndefinedError as error:
        found = _NO_ATTRIBUTE.search(str(error)) or _UNDEFINED.search(str(error))
        name = found.group(1) if found else str(error)
        raise TemplateFault(_unknown_message(name, offered)) from None
    except TemplateSyntaxError as error:  # pragma: no cover - found by the parse above
        raise TemplateFault(f"The template has a mistake: {error.message}") from None
    except Exception as error:
        raise TemplateFault(
            f"The template cannot be filled in ({type(error).__name__}): check its tags "
            "against the values listed on this page"
        ) from None


def _template_parts(data: bytes) -> list[str]:
    """The body, headers and footers as docxtpl fills them: its tags joined up, one
    paragraph a line (as docxtpl does, so that a line number is a paragraph)."""
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(data))
    document.init_docx()
    sources = [document.get_xml()]
    for uri in (document.HEADER_URI, document.FOOTER_URI):
        for _, part in document.get_headers_footers(uri):
            sources.append(document.xml_to_string(parse_xml(part.blob)))
    return [re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(xml)) for xml in sources]


def _syntax_message(xml: str, error) -> str:
    lines = xml.splitlines()
    text = ""
    if error.lineno and 0 < error.lineno <= len(lines):
        text = html.unescape(re.sub(r"<[^>]+>", "", lines[error.lineno - 1])).strip()
    if len(text) > 80:
        text = text[:77] + "..."
    where = f"in the paragraph \u201c{text}\u201d" if text else "in a paragraph"
    return f"The template has a mistake {where}: {error.message}"


def _unknown_message(name: str, offered: set[str]) -> str:
    return (
        f"The template uses \u201c{name}\u201d, which this document does not offer. It may "
        f"use: {', '.join(sorted(offered))}"
    )
