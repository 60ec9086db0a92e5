"""The report drafts assembled from the review's data: one small builder per section.

A report kind lists its sections in order; a section is either assembled (built again from
the review's data on each assembly) or narrative (written by the author, kept across
assemblies). The lessons, recommendations and action plan come from the learning record
(19.2): the lessons the panel agreed, the live recommendations with the board's response, and
the actions with their owners, expected change and dates. Drafts are internal: the
anonymiser runs at rendering, not here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from casereview.cases.models import PersonKind
from casereview.chronology.models import ChronologyEntry, KeyPracticeEpisode
from casereview.learning.models import (
    HIGHLIGHTED,
    Action,
    Lesson,
    Recommendation,
    RecommendationKind,
)
from casereview.procedure import citations
from casereview.reviews.models import (
    EXPERT_KIND_TOPICS,
    AgencyReport,
    AppointmentRole,
    ExpertKind,
    Review,
    TermsStatus,
)

from .models import ReportKind

Builder = Callable[[Review], str]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    # None: a narrative section the author writes.
    builder: str | None = None
    hint: str = ""

    @property
    def assembled(self) -> bool:
        return self.builder is not None


def _date(day) -> str:
    return f"{day.day} {day:%B %Y}" if day else "not recorded"


def circumstances(review: Review) -> str:
    n = review.notification
    lines = [
        f"The incident of {_date(n.incident_date)} was notified to the board on "
        f"{_date(n.received_at.date())}.",
        f"Outcome: {n.get_outcome_display()}; abuse or neglect: {n.get_abuse_neglect_display()}.",
        "",
        n.circumstances.strip(),
    ]
    return "\n".join(lines).strip()


def terms_of_reference(review: Review) -> str:
    terms = review.terms.filter(status=TermsStatus.AGREED).order_by("-version").first()
    if terms is None:
        return "The terms of reference are not agreed yet."
    parts = [
        f"Agreed on {_date(terms.agreed_on)} (version {terms.version}). The review covers "
        f"{_date(terms.period_start)} to {_date(terms.period_end)}.",
        f"Family involvement: {terms.family_involvement.strip()}",
    ]
    if terms.specific_questions.strip():
        parts.append(f"Questions for the review: {terms.specific_questions.strip()}")
    if terms.parallel_processes.strip():
        parts.append(f"Parallel processes: {terms.parallel_processes.strip()}")
    return "\n\n".join(parts)


def panel(review: Review) -> str:
    members = list(review.panel.select_related("agency"))
    if not members:
        return "No panel members are recorded yet."
    lines = []
    for m in members:
        where = f", {m.agency.name}" if m.agency_id else ""
        chair = " (independent chair)" if m.independent_chair else ""
        lines.append(f"- {m.role_title}{where}{chair}")
    authors = review.appointments.filter(
        role=AppointmentRole.INDEPENDENT_AUTHOR, ended_on__isnull=True
    ).count()
    lines.append("")
    lines.append(
        "An independent overview author is appointed."
        if authors
        else "No independent overview author is recorded."
    )
    return "\n".join(lines)


def agency_reports(review: Review) -> str:
    reports = list(AgencyReport.objects.filter(review=review).select_related("agency"))
    if not reports:
        return "No agency reports have been requested."
    lines = []
    for r in reports:
        who = f", written by the agency's {r.author_role}" if r.author_role else ""
        lines.append(f"- {r.agency.name}: {r.get_status_display().lower()}{who}")
    return "\n".join(lines)


def chronology(review: Review) -> str:
    entries = ChronologyEntry.objects.filter(
        review=review, withdrawn_at__isnull=True, is_context=False
    )
    count = entries.count()
    if not count:
        return "No entries are in the integrated chronology yet."
    first = entries.order_by("occurred_from").first().occurred_from
    last = entries.order_by("-occurred_to").first().occurred_to
    per_agency = Counter(entries.values_list("agency__name", flat=True))
    lines = [
        f"The integrated chronology holds {count} entries from {len(per_agency)} "
        f"agencies, from {_date(first)} to {_date(last)}.",
        "",
    ]
    lines += [f"- {name}: {n} entries" for name, n in sorted(per_agency.items())]
    episodes = KeyPracticeEpisode.objects.filter(review=review, withdrawn_at__isnull=True)
    if episodes.exists():
        lines += ["", "Key practice episodes:"]
        lines += [
            f"- {e.title} ({_date(e.starts_on)} to {_date(e.ends_on)})"
            for e in episodes.order_by("starts_on")
        ]
    return "\n".join(lines)


def family(review: Review) -> str:
    rows = list(review.family.select_related("person"))
    if not rows:
        return "No family members' involvement is recorded yet."
    lines = []
    for f in rows:
        role = f.person.get_relationship_display() or f.person.get_kind_display()
        taking = "took part" if f.involved else "did not take part"
        extent = f": {f.extent.strip()}" if f.extent.strip() else ""
        lines.append(f"- The {role.lower()} {taking}{extent}")
    return "\n".join(lines)


def diversity(review: Review) -> str:
    """19.3 and 19.4: the child's identity and needs, and the experts or the reasons for
    appointing none."""
    child = next((p for p in review.notification.people.all() if p.kind == PersonKind.CHILD), None)
    lines = []
    if child is not None:
        lines += [
            f"Ethnicity: {child.get_ethnicity_display()}.",
            f"Preferred language: {child.get_preferred_language_display()}"
            + ("; an interpreter was needed." if child.interpreter_needed else "."),
            f"Religion or belief: {child.religion or 'not recorded'}.",
            f"Disability: {child.get_disability_display()}"
            + (f" ({child.disability_description})." if child.disability_description else "."),
        ]
    experts = review.appointments.filter(
        role=AppointmentRole.INDEPENDENT_EXPERT, ended_on__isnull=True
    )
    declined = {d.kind: d for d in review.experts_declined.all()}
    for kind, label in citations.for_case(review).choices(ExpertKind.choices, EXPERT_KIND_TOPICS):
        if experts.filter(kind=kind).exists():
            lines.append(f"An independent expert is appointed: {label}.")
        elif kind in declined:
            lines.append(f"No expert appointed for {label}: {declined[kind].reasons.strip()}")
        else:
            lines.append(f"No expert appointed for {label}, and no reasons recorded.")
    terms = review.terms.filter(status=TermsStatus.AGREED).order_by("-version").first()
    if terms is not None and terms.diversity_questions.strip():
        lines += ["", f"The terms of reference ask: {terms.diversity_questions.strip()}"]
    return "\n".join(lines)


def lessons(review: Review) -> str:
    agreed = Lesson.objects.filter(
        review=review, agreed_at__isnull=False, withdrawn_at__isnull=True
    ).order_by("recorded_at", "pk")
    cite = citations.for_case(review)
    lines = []
    for n, lesson in enumerate(agreed, start=1):
        topic = HIGHLIGHTED.get(lesson.category)
        mark = f" [highlighted: {cite[topic]}]" if topic else ""
        lines.append(f"{n}. {lesson.text.strip()}{mark}")
    return "\n".join(lines) or "No lessons agreed yet."


def recommendations(review: Review) -> str:
    live = (
        Recommendation.objects.filter(review=review, withdrawn_at__isnull=True)
        .select_related("agency", "response")
        .order_by("number")
    )
    lines = []
    for r in live:
        level = r.agency.name if r.agency_id else r.get_level_display()
        kind = "" if r.kind == RecommendationKind.SMART else f" ({r.get_kind_display()})"
        lines.append(f"{r.number}. {r.text.strip()} — {level}{kind}")
        response = getattr(r, "response", None)
        if response is not None:
            reasons = f": {response.reasons.strip()}" if response.reasons.strip() else ""
            lines.append(f"   The board's response: {response.get_kind_display()}{reasons}")
    return "\n".join(lines) or "No recommendations recorded yet."


def action_plan(review: Review) -> str:
    live = (
        Action.objects.filter(review=review, withdrawn_at__isnull=True)
        .select_related("recommendation", "owner_agency")
        .order_by("recommendation__number", "target_date", "pk")
    )
    lines = [
        f"Recommendation {a.recommendation.number}: {a.description.strip()} — "
        f"{a.owner_agency.name} ({a.owner}), by {a.target_date:%-d %B %Y}; expected change: "
        f"{a.expected_change.strip()}; measured by: {a.measure.strip()}; "
        f"{a.get_status_display().lower()}"
        for a in live
    ]
    return "\n".join(lines) or "No action plan recorded yet."


BUILDERS: dict[str, Builder] = {
    "circumstances": circumstances,
    "terms": terms_of_reference,
    "panel": panel,
    "agency_reports": agency_reports,
    "chronology": chronology,
    "family": family,
    "diversity": diversity,
    "lessons": lessons,
    "recommendations": recommendations,
    "action_plan": action_plan,
}


_DIVERSITY = "Race, language, culture, religion and disability"

SECTIONS: dict[str, tuple[Section, ...]] = {
    ReportKind.OVERVIEW: (
        Section("introduction", "Introduction", hint="Why the review was held and how"),
        Section("circumstances", "The circumstances that led to the review", "circumstances"),
        Section("terms", "Terms of reference", "terms"),
        Section("panel", "The review panel", "panel"),
        Section("agency_reports", "Agency reports", "agency_reports"),
        Section("chronology", "Summary of the integrated chronology", "chronology"),
        Section("family", "Family involvement", "family"),
        Section("diversity", _DIVERSITY, "diversity"),
        Section(
            "analysis",
            "Analysis",
            hint="Why things happened as they did, not only what happened",
        ),
        Section("lessons", "Lessons", "lessons"),
        Section("recommendations", "Recommendations", "recommendations"),
        Section("action_plan", "Action plan", "action_plan"),
        Section("conclusions", "Conclusions"),
    ),
    ReportKind.EXECUTIVE_SUMMARY: (
        Section("summary", "Summary", hint="The review in brief, for the public"),
        Section("circumstances", "The circumstances that led to the review", "circumstances"),
        Section("terms", "Terms of reference", "terms"),
        Section("diversity", _DIVERSITY, "diversity"),
        Section("findings", "Key findings", hint="What the review found, and why"),
        Section("lessons", "Lessons", "lessons"),
        Section("recommendations", "Recommendations", "recommendations"),
    ),
}


def sections_of(kind: str) -> tuple[Section, ...]:
    return SECTIONS[kind]


def assemble(review: Review, kind: str, previous: list[dict] | None = None) -> list[dict]:
    """The sections of a new version: assembled ones built now, narrative ones kept from
    `previous` (empty at first)."""
    kept = {s["key"]: s["text"] for s in previous or [] if not s.get("assembled")}
    out = []
    for section in sections_of(kind):
        text = BUILDERS[section.builder](review) if section.assembled else kept.get(section.key, "")
        out.append(
            {
                "key": section.key,
                "title": section.title,
                "text": text,
                "assembled": section.assembled,
            }
        )
    return out
