"""The review panel: its members, meetings and decisions, and the terms of reference it
drafts and agrees."""

from __future__ import annotations

from datetime import date, timedelta

from casereview.accounts.models import AgencyKind
from casereview.audit.context import SYSTEM
from casereview.reviews.models import PanelDecisionKind, TermsOfReference
from casereview.reviews.panel import services as panel_services

from .people import professional_name
from .review_family import community_link_text, family_agreed_text, family_reviewed_text
from .review_profile import RS, STAGE_ENTRY
from .review_run import ReviewRun

# Who sits on the panel for an agency involved: (agency kind, role title), in order.
PANEL_SEATS = (
    (AgencyKind.CHILDRENS_SOCIAL_CARE, "Head of Safeguarding and Quality Assurance"),
    (AgencyKind.POLICE, "Detective Chief Inspector, Public Protection"),
    (AgencyKind.PRIMARY_CARE_TRUST, "Designated Nurse for Safeguarding Children"),
    (AgencyKind.HEALTH_PROVIDER, "Named Doctor for Safeguarding Children"),
    (AgencyKind.EDUCATION, "Head of Inclusion"),
    (AgencyKind.PROBATION, "Assistant Chief Officer"),
)
SPECIFIC_QUESTIONS = (
    "How well did agencies share information about the risks to {name}, and was it acted on?",
    "Were {name}'s own experiences and daily life seen and heard by the professionals?",
    "How did agencies assess and respond to the adults in the household, including any new "
    "partner?",
    "Were missed appointments and non-engagement recognised as a risk and followed up?",
    "Did supervision and management oversight help practitioners to see the whole picture?",
    "Were thresholds for referral and assessment applied consistently across agencies?",
)


def appoint_panel(run: ReviewRun) -> None:
    chair = run.panel_chair
    run.members.append(
        panel_services.add_member(
            run.review,
            actor=run.manager,
            context=SYSTEM,
            name=chair.get_full_name(),
            role_title=chair.job_title or "Independent Review Panel Chair",
            joined_on=run.on(3),
            independent_chair=True,
            user=chair,
        )
    )
    involved = {a.kind: a for a in reversed(run.agencies)}
    seats = [(involved[kind], title) for kind, title in PANEL_SEATS if kind in involved]
    for agency, title in seats[:5]:
        user = None
        if agency.kind == AgencyKind.CHILDRENS_SOCIAL_CARE and run.staff.panel_members:
            user = run.staff.panel_members[0]
        name = user.get_full_name() if user else professional_name(run.rng)
        run.members.append(
            panel_services.add_member(
                run.review,
                actor=run.manager,
                context=SYSTEM,
                name=name,
                role_title=f"{title}, {agency.name}",
                joined_on=run.on(run.rng.randint(4, 7)),
                agency=agency,
                user=user,
            )
        )


def meeting(run: ReviewRun, nominal: float, minutes: str, decisions: list[tuple[str, str]]):
    return meeting_on(run, run.on(nominal), minutes, decisions)


def meeting_on(run: ReviewRun, held_on: date, minutes: str, decisions: list[tuple[str, str]]):
    attendees = [m for m in run.members if m.independent_chair or run.rng.random() < 0.85]
    held = panel_services.add_meeting(
        run.review,
        actor=run.manager,
        context=SYSTEM,
        held_on=held_on,
        attendees=attendees,
        minutes=minutes,
    )
    for kind, text in decisions:
        panel_services.record_decision(
            held, actor=run.panel_chair, context=SYSTEM, kind=kind, text=text
        )
    return held


def first_meeting(run: ReviewRun) -> None:
    decisions = [(PanelDecisionKind.FAMILY_INVOLVEMENT_AGREED, family_agreed_text(run))]
    if run.bme:
        decisions.append((PanelDecisionKind.COMMUNITY_LINK, community_link_text(run)))
    decisions.append(
        (
            PanelDecisionKind.OTHER,
            f"The review will cover the period from {run.period()[0]:%d %B %Y} to the "
            f"incident. {len(run.agencies)} agencies will be asked for reports; each "
            "has confirmed that its records are secured.",
        )
    )
    meeting(
        run,
        12,
        "First meeting of the panel. Members declared any involvement in the case; none "
        "had line-managed the staff involved. The panel discussed the scope of the review, "
        "the family's part in it and the support for the staff involved.",
        decisions,
    )


def family_progress_meeting(run: ReviewRun) -> None:
    meeting(
        run,
        50,
        "The panel reviewed the family's involvement and the progress of the agency reports.",
        [(PanelDecisionKind.FAMILY_INVOLVEMENT_REVIEWED, family_reviewed_text(run))],
    )


def diversity_decisions(run: ReviewRun) -> list[tuple[str, str]]:
    """What the panel decides about 19.3 and 19.4 once it has read every report."""
    decisions = []
    if run.bme:
        decisions.append(
            (
                PanelDecisionKind.CULTURAL_SENSITIVITY,
                "Having read the agency reports and the independent adviser's advice, the "
                "panel considered whether assessments and services were sensitive to the "
                "family's race, culture, language and religion. It found that no agency "
                "had asked about the family's faith or what it meant for their daily "
                "life, and that interpreters were used for appointments but not for home "
                "visits. The overview report will say so.",
            )
        )
    if run.disabled:
        decisions.append(
            (
                PanelDecisionKind.DISABILITY_JUDGEMENT,
                "The panel judged that assessments did not take enough account of the "
                "disability in the family: communication needs were not met at two "
                "assessments, and the family's need for practical support was seen as "
                "reluctance to engage. This disadvantaged the family.",
            )
        )
    return decisions


def overview_meeting(run: ReviewRun) -> None:
    meeting(
        run,
        STAGE_ENTRY[RS.OVERVIEW_DRAFTING] + 15,
        "The panel met to consider the independent author's first draft.",
        [
            (
                PanelDecisionKind.OTHER,
                "The panel discussed the first draft of the overview report and asked for "
                "the analysis of information sharing between health and children's social "
                "care to be strengthened.",
            )
        ],
    )


def own_terms_template(run: ReviewRun) -> None:
    """Once a board: before its first terms of reference, the board manager puts in force
    the board's own Word template of them (the default, with a handling marking at the
    foot), so that the demonstration's Word downloads show a board's own layout."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document as WordDocument

    from casereview.reviews import word_templates
    from casereview.reviews.models import WordTemplate

    board = run.review.board
    if WordTemplate.objects.filter(board=board, kind="terms_of_reference").exists():
        return
    kind = word_templates.kind_of("terms_of_reference")
    document = WordDocument(str(word_templates.default_path(kind)))
    document.add_paragraph(
        "OFFICIAL-SENSITIVE. {{ board.name }}: keep this document secure and do not copy it."
    )
    out = io.BytesIO()
    document.save(out)
    word_templates.upload(
        board,
        actor=run.manager,
        context=SYSTEM,
        kind=kind.key,
        upload=SimpleUploadedFile("terms-of-reference-template.docx", out.getvalue()),
    )


def draft_terms(run: ReviewRun) -> TermsOfReference:
    own_terms_template(run)
    start, end = run.period()
    processes = "\n".join(
        f"{p.get_kind_display()}: {p.status_note}" for p in run.review.parallel.all()
    )
    questions = run.rng.sample(SPECIFIC_QUESTIONS, 3)
    due = run.on(28) + timedelta(days=56)
    terms = panel_services.save_terms(
        run.review,
        actor=run.panel_chair,
        context=SYSTEM,
        fields={
            "period_start": start,
            "period_end": end,
            "family_involvement": family_agreed_text(run),
            "parallel_processes": processes,
            "diversity_questions": "\n".join(panel_services.diversity_questions_for(run.review)),
            "specific_questions": "\n".join(q.format(name=run.first_name) for q in questions),
        },
        reports=[(agency, due) for agency in run.agencies],
    )
    TermsOfReference.objects.filter(pk=terms.pk).update(created_at=run.moment(run.on(16)))
    return terms


def agree_terms(run: ReviewRun, terms: TermsOfReference) -> None:
    panel_services.agree_terms(terms, actor=run.panel_chair, context=SYSTEM, agreed_on=run.on(26))
    meeting(
        run,
        26,
        "The panel went through the draft terms of reference line by line.",
        [
            (
                PanelDecisionKind.TERMS_AGREED,
                f"Version {terms.version} of the terms of reference agreed; reports asked "
                f"of {len(run.agencies)} agencies.",
            )
        ],
    )
