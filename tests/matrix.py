"""What both access matrices share: every URL pattern with real objects for its parameters
(tests/test_access_matrix.py), and what each review URL and method needs, with a valid body
for its POST (tests/test_section_matrix.py). Not a test module: both import it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Board, User
from casereview.cases.models import Person, PersonKind
from casereview.publication.models import (
    Publication,
    RegisterTerm,
    Rendering,
    Report,
    ReportComment,
)
from casereview.publication.tests import matrix_drafts
from casereview.reviews.models import (
    AgencyReport,
    Appointment,
    ExpertAdvice,
    FamilyContact,
    PanelDecision,
    PanelMeeting,
    ParallelProcess,
    PartnerBoard,
    Professional,
    TermsOfReference,
)


def all_url_names(resolver=None, namespace="") -> list[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            found += all_url_names(entry, f"{namespace}{ns}:" if ns else namespace)
        elif entry.name:
            found.append((f"{namespace}{entry.name}", entry))
    return found


def _review_items() -> dict:
    from casereview.chronology.tests import matrix_entries, matrix_import, matrix_timeline
    from casereview.learning.tests import matrix_learning
    from casereview.publication.tests import matrix_drafts, matrix_publication
    from casereview.reviews.family.tests import matrix_family
    from casereview.reviews.panel.tests import matrix_panel
    from casereview.reviews.reports.tests import matrix_reports
    from casereview.reviews.support.tests import matrix_support
    from casereview.reviews.tests import matrix_board

    items = {}
    for module in (
        matrix_panel,
        matrix_reports,
        matrix_family,
        matrix_support,
        matrix_board,
        matrix_publication,
        matrix_drafts,
        matrix_import,
        matrix_entries,
        matrix_timeline,
        matrix_learning,
    ):
        items.update(module.ITEMS)
    return items


REVIEW_ITEMS = _review_items()


# The namespaces whose URLs take a review's id (`pk`): the reviews app's and the apps above
# it that add pages to a review.
REVIEW_NAMESPACES = ("reviews:", "chronology:", "learning:", "publication:")

# URLs of the reviews app that take the notification (what a case owes before and without a
# review), not the review.
CASE_URLS = {
    "reviews:case_duties",
    "reviews:case_notice_add",
    "reviews:rapid_review",
    "reviews:case_pause",
    "reviews:case_restart",
}


def kwargs_for(name: str, notification, world=None) -> dict:
    """Real objects of the case for every parameter: review URLs get its review, and URLs
    of things inside a review get one made by that area's ITEMS (reviews/<area>/tests/matrix_*)."""
    _, pattern = next(p for p in all_url_names() if p[0] == name)
    extra = {}
    if name in REVIEW_ITEMS:
        extra = REVIEW_ITEMS[name](notification.review, world)
    on_review = name.startswith(REVIEW_NAMESPACES) and name not in CASE_URLS
    values = {
        "pk": notification.review.pk if on_review else notification.pk,
        # The chronology's URLs (casereview/chronology/*_urls.py) name their review so.
        "review_id": notification.review.pk,
        "person_pk": notification.child.pk,
        "task_pk": notification.tasks.first().pk,
        "board_pk": notification.board_id,
        # The membership of the person who created the notification, on its board.
        "membership_pk": notification.created_by.memberships.filter(board=notification.board)
        .order_by("pk")
        .first()
        .pk,
    }
    values.update(extra)
    return {k: values[k] for k in pattern.pattern.converters}


@dataclass(frozen=True)
class Need:
    """All of `groups` (each: any of its actions) on the review, or on the URL's item."""

    groups: tuple[tuple[str, ...], ...]
    on_item: bool = False


def need(*actions: str | tuple[str, ...], on_item: bool = False) -> Need:
    return Need(tuple(a if isinstance(a, tuple) else (a,) for a in actions), on_item)


MANAGE = need("review.manage")
CHRONOLOGY_PANEL = need("section.chronology", "chronology.panel")
LEARNING = need("section.learning", "learning.write")
# URL name -> method -> what it needs. Pages that only show something are tried with GET.
ROUTES: dict[str, dict[str, Need]] = {
    "reviews:detail": {"get": need("section.stage")},
    "reviews:compliance": {"get": need("section.compliance")},
    "reviews:compliance_download": {"get": need("section.compliance")},
    "reviews:pause": {"post": need("clock.pause")},
    "reviews:restart": {"post": need("clock.pause")},
    "reviews:move": {"post": need("section.stage", "review.manage")},
    "reviews:panel": {"get": need("section.panel")},
    "reviews:panel_member_add": {"get": MANAGE, "post": MANAGE},
    "reviews:meeting_add": {"get": MANAGE, "post": MANAGE},
    "reviews:meeting_correct": {"get": MANAGE, "post": MANAGE},
    "reviews:panel_decision_add": {"get": need("panel.decide"), "post": need("panel.decide")},
    "reviews:panel_decision_withdraw": {
        "get": need("panel.decide"),
        "post": need("panel.decide"),
    },
    "reviews:terms": {"get": need("section.terms")},
    "reviews:terms_new": {"get": MANAGE, "post": MANAGE},
    # The matrix's version is a draft.
    "reviews:terms_document": {"get": need("section.terms", "terms.drafts")},
    "reviews:terms_download": {"get": need("section.terms", "terms.drafts")},
    "reviews:terms_agree": {"post": need("review.manage", "terms.drafts")},
    "reviews:reports": {"get": need("section.reports")},
    "reviews:report_request": {"post": MANAGE},
    "reviews:report_request_from_terms": {"post": MANAGE},
    "reviews:report": {
        "get": need("section.reports", on_item=True),
        "post": need("report.write", on_item=True),
    },
    "reviews:report_submit": {"post": need("report.write", on_item=True)},
    "reviews:report_autosave": {"post": need("report.write", on_item=True)},
    "reviews:report_decide": {"post": need("report.decide", on_item=True)},
    "reviews:report_upload": {"post": need("report.write", on_item=True)},
    "reviews:report_document": {"get": need("section.reports", on_item=True)},
    "reviews:report_download": {"get": need("section.reports", on_item=True)},
    # The chronology import (casereview/chronology/import_urls.py): on the agency's chronology.
    "chronology:import": {
        "get": need("chronology.write", on_item=True),
        "post": need("chronology.write", on_item=True),
    },
    "chronology:template": {"get": need("chronology.write", on_item=True)},
    "chronology:import_status": {"get": need("section.chronology", on_item=True)},
    "chronology:import_restart": {"post": need("chronology.write", on_item=True)},
    "reviews:experts": {"get": need("section.experts")},
    "reviews:expert_appoint": {"post": MANAGE},
    "reviews:author_appoint": {"post": MANAGE},
    "reviews:expert_not_appointed": {"post": MANAGE},
    "reviews:expert_sections": {"post": MANAGE},
    "reviews:expert_advice_add": {"get": need("expert.advise"), "post": need("expert.advise")},
    "reviews:expert_advice_considered": {
        "get": need("section.experts", ("review.manage", "panel.decide")),
        "post": need("section.experts", ("review.manage", "panel.decide")),
    },
    "reviews:family": {"get": need("section.family")},
    "reviews:family_involvement": {"get": MANAGE, "post": MANAGE},
    "reviews:child_involvement": {"get": MANAGE, "post": MANAGE},
    "reviews:family_not_contacted": {"get": MANAGE, "post": MANAGE},
    "reviews:family_contact_add": {"get": MANAGE, "post": MANAGE},
    "reviews:family_letter": {"get": MANAGE},
    "reviews:family_letter_download": {"get": MANAGE},
    "reviews:professionals": {"get": need("section.professionals")},
    "reviews:professional_add": {"get": MANAGE, "post": MANAGE},
    "reviews:professional_edit": {
        "get": need("section.professionals", "review.manage"),
        "post": need("section.professionals", "review.manage"),
    },
    "reviews:notifications": {"get": need("section.notifications")},
    "reviews:notification_add": {"get": MANAGE, "post": MANAGE},
    "reviews:plan": {"get": need("section.stage"), "post": need("section.stage", "review.manage")},
    "reviews:parallel": {"get": need("section.processes")},
    "reviews:parallel_add": {"get": MANAGE, "post": MANAGE},
    "reviews:parallel_edit": {
        "get": need("section.processes", "review.manage"),
        "post": need("section.processes", "review.manage"),
    },
    "reviews:partners": {"get": need("section.partners")},
    # The identifier register (casereview/publication).
    "publication:register": {"get": need("section.publication")},
    "publication:register_build": {"post": need("section.publication", "publication.register")},
    "publication:term_add": {
        "get": need("section.publication", "publication.register"),
        "post": need("section.publication", "publication.register"),
    },
    "publication:term_correct": {
        "get": need("section.publication", "publication.register"),
        "post": need("section.publication", "publication.register"),
    },
    "publication:term_remove": {
        "get": need("section.publication", "publication.register"),
        "post": need("section.publication", "publication.register"),
    },
    # Rendering and publication (casereview/publication/publish_views.py).
    "publication:publish_page": {"get": need("section.publication")},
    "publication:render": {"post": need("section.publication", "review.publish")},
    "publication:rendering_download": {"get": need("section.publication")},
    "publication:publish": {
        "get": need("section.publication", "review.publish"),
        "post": need("section.publication", "review.publish"),
    },
    "publication:withdraw": {
        "get": need("section.publication", "review.publish"),
        "post": need("section.publication", "review.publish"),
    },
    # The report drafts, their sign-off and the quality self-assessment.
    "publication:drafts": {"get": need("section.publication")},
    "publication:draft_start": {"post": need("section.publication", "report.draft")},
    "publication:draft": {
        "get": need("section.publication"),
        "post": need("section.publication", "report.draft"),
    },
    "publication:draft_reassemble": {"post": need("section.publication", "report.draft")},
    "publication:draft_diff": {"get": need("section.publication")},
    "publication:draft_comment": {"post": need("section.publication", "report.comment")},
    "publication:draft_comment_resolve": {"post": need("section.publication", "report.draft")},
    "publication:signoff": {"get": need("section.publication")},
    "publication:sign_panel": {"post": need("section.publication", "report.sign_panel")},
    "publication:sign_board": {"post": need("section.publication", "report.sign_board")},
    "publication:signoff_withdraw": {
        "post": need("section.publication", ("report.sign_panel", "report.sign_board"))
    },
    "publication:quality": {
        "get": need("section.publication"),
        "post": need("section.publication", "report.assess"),
    },
    "reviews:partner_add": {"post": MANAGE},
    "reviews:partner_sections": {"post": need("partner.share")},
    # Corrections with a reason (cases/amendments.py): who records a thing corrects it.
    "reviews:family_contact_correct": {"get": MANAGE, "post": MANAGE},
    "reviews:family_contact_withdraw": {"get": MANAGE, "post": MANAGE},
    "reviews:appointment_end": {"get": MANAGE, "post": MANAGE},
    "reviews:partner_remove": {"get": MANAGE, "post": MANAGE},
    "reviews:report_document_withdraw": {
        "get": need("report.write", on_item=True),
        "post": need("report.write", on_item=True),
    },
    # An agency's chronology (chronology/entry_urls.py): the item is the agency's chronology,
    # or one of its entries; writing is checked on the chronology.
    "chronology:agencies": {"get": need("section.chronology")},
    "chronology:agency": {"get": need("section.chronology", on_item=True)},
    "chronology:entry_add": {
        "get": need("section.chronology", "chronology.write", on_item=True),
        "post": need("section.chronology", "chronology.write", on_item=True),
    },
    "chronology:entry_edit": {
        "get": need("section.chronology", "chronology.write", on_item=True),
        "post": need("section.chronology", "chronology.write", on_item=True),
    },
    "chronology:entry_withdraw": {
        "get": need("section.chronology", "chronology.write", on_item=True),
        "post": need("section.chronology", "chronology.write", on_item=True),
    },
    "chronology:submit": {"post": need("section.chronology", "chronology.write", on_item=True)},
    "chronology:reopen": {
        "post": need("section.chronology", ("chronology.write", "chronology.panel"), on_item=True)
    },
    # The integrated chronology (casereview/chronology/timeline_urls.py).
    "chronology:integrated": {"get": need("section.chronology")},
    "chronology:integrated_download": {"get": need("section.chronology")},
    "chronology:integrated_merge": {"post": CHRONOLOGY_PANEL},
    "chronology:integrated_gap": {"post": CHRONOLOGY_PANEL},
    "chronology:integrated_share": {"post": CHRONOLOGY_PANEL},
    "chronology:integrated_unshare": {"post": CHRONOLOGY_PANEL},
    "chronology:entry_significance": {"post": CHRONOLOGY_PANEL},
    "chronology:conflict": {"get": CHRONOLOGY_PANEL, "post": CHRONOLOGY_PANEL},
    "chronology:episode_add": {"post": CHRONOLOGY_PANEL},
    "chronology:episode": {"get": CHRONOLOGY_PANEL, "post": CHRONOLOGY_PANEL},
    "chronology:episode_withdraw": {"post": CHRONOLOGY_PANEL},
    # Lessons, recommendations and actions (casereview/learning).
    "learning:lessons": {"get": need("section.learning")},
    "learning:lesson_add": {"post": LEARNING},
    "learning:lessons_agree": {"post": LEARNING},
    "learning:lesson": {
        "get": need("section.learning", "learning.write", on_item=True),
        "post": need("section.learning", "learning.write", on_item=True),
    },
    "learning:lesson_withdraw": {
        "get": need("section.learning", "learning.write", on_item=True),
        "post": need("section.learning", "learning.write", on_item=True),
    },
    "learning:lesson_themes": {
        "get": need("section.learning", on_item=True),
        "post": need("section.learning", "learning.write", on_item=True),
    },
    "learning:lesson_theme_decide": {
        "post": need("section.learning", "learning.write", on_item=True)
    },
    "learning:recommendations": {"get": need("section.learning")},
    "learning:recommendation_add": {"post": LEARNING},
    "learning:recommendation_respond": {
        "post": need("section.learning", "learning.respond", on_item=True)
    },
    "learning:coding": {"get": need("section.learning"), "post": LEARNING},
    "learning:actions": {"get": need("section.learning")},
    "learning:action_add": {"post": LEARNING},
    "learning:action": {
        "get": need("section.learning", on_item=True),
        "post": need("section.learning", "action.update", on_item=True),
    },
    "learning:action_verify": {"post": need("section.learning", "action.verify", on_item=True)},
    "learning:recommendation_correct": {
        "get": need("section.learning", "learning.write", on_item=True),
        "post": need("section.learning", "learning.write", on_item=True),
    },
    "learning:recommendation_withdraw": {
        "get": need("section.learning", "learning.write", on_item=True),
        "post": need("section.learning", "learning.write", on_item=True),
    },
    "learning:response_correct": {
        "get": need("section.learning", "learning.respond", on_item=True),
        "post": need("section.learning", "learning.respond", on_item=True),
    },
    "learning:action_correct": {
        "get": need("section.learning", "learning.write", on_item=True),
        "post": need("section.learning", "learning.write", on_item=True),
    },
    "learning:action_withdraw": {
        "get": need("section.learning", "learning.write", on_item=True),
        "post": need("section.learning", "learning.write", on_item=True),
    },
    "learning:update_withdraw": {
        "get": need("section.learning", "action.update", on_item=True),
        "post": need("section.learning", "action.update", on_item=True),
    },
    "learning:update_evidence": {"get": need("section.learning", on_item=True)},
    "learning:verification_withdraw": {
        "get": need("section.learning", "action.verify", on_item=True),
        "post": need("section.learning", "action.verify", on_item=True),
    },
}


def day(name: str, on: date) -> dict:
    return {f"{name}_day": on.day, f"{name}_month": on.month, f"{name}_year": on.year}


ON = date(2026, 3, 20)
# A due date still to come, whenever the suite runs.
LATER = date.today() + timedelta(days=60)


def _family_person(review) -> Person:
    return Person.objects.create(
        board=review.board,
        notification=review.notification,
        kind=PersonKind.FAMILY,
        given_names="Robin",
        family_name="Matrixfather",
        relationship="father",
        parental_responsibility=True,
        preferred_language="en",
    )


def _report_fields(report) -> dict:
    return {
        "lock_version": report.lock_version,
        "author_role": "Safeguarding lead",
        "author_independence": "Not involved with the family",
        **day("records_secured_on", date(2026, 3, 2)),
        **{
            name: "Synthetic text"
            for name in (
                "context",
                "methodology",
                "analysis",
                "lessons",
                "recommendations",
                "action_plan",
            )
        },
        "senior_sign_off_name": "Sam Senior",
        "senior_sign_off_role": "Director",
        **day("signed_off_on", date(2026, 3, 3)),
    }


def _someone(username: str, world):
    """The user the matrix made to be appointed, or (on another board) its manager."""
    return User.objects.filter(username=username).first() or world.outsider


def valid_body(name: str, review, world, kwargs: dict) -> dict:
    return body_for(name, review, world, item_of(name, review, kwargs))


def body_for(name: str, review, world, item) -> dict:
    """A valid body for the POST of `name`: what the URL's own form would send."""
    if name in ("chronology:entry_withdraw", "chronology:entry_add", "chronology:entry_edit"):
        from casereview.chronology.tests.matrix_entries import entry_body

        if name == "chronology:entry_withdraw":
            return {"lock_version": item.lock_version, "reason": "Entered twice"}
        return entry_body(getattr(item, "lock_version", 0))
    match name:
        case "reviews:pause":
            return {**day("starts_on", ON), "reason": "Criminal proceedings"}
        case "reviews:restart":
            return day("ends_on", ON)
        case "reviews:move":
            return {"to": "scoping", "reason": "Scoping starts"}
        case "reviews:panel_member_add":
            return {
                "name": "Pat Member",
                "role_title": "Head of safeguarding",
                **day("joined_on", ON),
            }
        case "reviews:meeting_add":
            return {**day("held_on", ON), "minutes": "Minutes"}
        case "reviews:meeting_correct":
            return {**day("held_on", ON), "minutes": "Minutes", "reason": "Wrong date"}
        case "reviews:panel_decision_add":
            return {"kind": "other", "text": "Decided"}
        case "reviews:terms_new":
            return {
                **day("period_start", date(2024, 5, 17)),
                **day("period_end", date(2026, 3, 1)),
                "family_involvement": "The parents are invited",
            }
        case "reviews:terms_agree":
            return day("agreed_on", ON)
        case "reviews:report_request":
            return {"agency": world.police.pk, **day("due_on", LATER)}
        case "reviews:report_request_from_terms":
            return {}
        case "reviews:report" | "reviews:report_submit" | "reviews:report_autosave":
            return _report_fields(item)
        case "reviews:report_decide":
            return {"decision": "return", "reasons": "More analysis"}
        case "reviews:report_upload":
            return {"file": SimpleUploadedFile("note.txt", b"A note\n")}
        case "chronology:import":
            from casereview.chronology.tests.matrix_import import chronology_csv

            return {"file": SimpleUploadedFile("chronology.csv", chronology_csv())}
        case "reviews:expert_appoint":
            return {
                "expert-user": _someone("expert_not_appointed", world).pk,
                "expert-kind": "disability",
                **day("expert-appointed_on", ON),
            }
        case "reviews:expert_not_appointed":
            return {
                "noexpert-kind": "disability",
                "noexpert-reasons": "A panel member is a specialist in disability.",
                **day("noexpert-decided_on", ON),
            }
        case "reviews:author_appoint":
            return {
                "author-user": _someone("author_not_appointed", world).pk,
                **day("author-appointed_on", ON),
            }
        case "reviews:expert_sections" | "reviews:partner_sections":
            return {f"share-{item.pk}-sections": ["section.terms", "section.family"]}
        case "reviews:expert_advice_add":
            return {"about": "Scope", "advice": "Consider language.", **day("given_on", ON)}
        case "reviews:expert_advice_considered":
            return {**day("held_on", ON), "text": "Considered"}
        case "reviews:family_involvement":
            return {"basis": "parental_responsibility", "involved": "yes", "extent": "Interviewed"}
        case "reviews:child_involvement":
            # Valid whichever question the child's age and death ask.
            return {
                "involved": "no",
                "reason_not": "Too young",
                "how": "Through the records",
                **day("recorded_on", ON),
            }
        case "reviews:family_not_contacted":
            return {
                "reason": "whereabouts_unknown",
                "detail": "Letters returned",
                **day("recorded_on", ON),
            }
        case "reviews:family_contact_add":
            person = _family_person(review)
            return {
                "person": str(person.pk),
                **day("on", ON),
                "method": "letter",
                "language": "en",
                "interpreter": "no",
                "purposes": ["told_of_review"],
            }
        case "reviews:professional_add" | "reviews:professional_edit":
            return {
                "agency": world.police.pk,
                "role": "Social worker",
                "support_taken_up": "yes",
                **day("support_offered_on", ON),
            }
        case "reviews:notification_add":
            return {
                "recipient": "inspectorate",
                "purpose": "Told of the review",
                **day("sent_on", ON),
                "method": "Secure e-mail",
                "copy": "The text sent",
            }
        case "reviews:plan":
            return {
                **day("completion_on", LATER),
                "agreed_with": "The Government Office",
                "reasons": "Agreed at the first panel meeting",
            }
        case "publication:register_build":
            return {}
        case "publication:render":
            return {"format": "pdf"}
        case "publication:publish":
            return {"title": "Child A: executive summary", "summary": ""}
        case "publication:withdraw":
            return {"reason": "Published in error"}
        case "publication:term_add":
            return {
                "kind": "school",
                "value": "Fictional Primary School",
                "role": "",
                "aliases": "",
            }
        case "publication:term_correct":
            return {
                "value": "Kai Fictitious",
                "role": "child",
                "aliases": "",
                "reason": "Spelling",
                "lock_version": item.lock_version,
            }
        case "publication:term_remove":
            return {"reason": "Not a person in this case", "lock_version": item.lock_version}
        case "publication:draft_start":
            return {"kind": "overview"}
        case "publication:draft":
            return {
                "lock_version": item.lock_version,
                "introduction": "Why the board held the review",
                "analysis": "Why things happened as they did",
                "conclusions": "",
                "note": "",
            }
        case "publication:draft_reassemble":
            return {"lock_version": item.lock_version}
        case "publication:draft_comment":
            return {"section_key": "analysis", "text": "Say why"}
        case "publication:draft_comment_resolve":
            version = item.versions.order_by("-number").first()
            comment = ReportComment.objects.create(
                version=version,
                section_key="analysis",
                text="Say why",
                author=world.user("panel_member"),
                created_at=version.created_at,
            )
            return {"comment": comment.pk}
        case "publication:sign_panel" | "publication:sign_board":
            matrix_drafts.signable(item, world, name.removeprefix("publication:sign_"))
            return {**day("signed_on", ON), "lock_version": item.lock_version}
        case "publication:signoff_withdraw":
            if not item.sign_offs.exists():
                matrix_drafts.signable(item, world, "withdraw")
            return {"sign_off": item.sign_offs.first().pk, "reason": "Signed in error"}
        case "publication:quality":
            return {"analysis_rating": "met", "analysis_evidence": "Section 5 explains why"}
        case "reviews:parallel_add" | "reviews:parallel_edit":
            return {"kind": "inquest", "holds_publication": "no", **day("started_on", ON)}
        case "reviews:partner_add":
            board, _ = Board.objects.get_or_create(
                slug="southdale", defaults={"name": "Southdale SCB", "area": "Southdale"}
            )
            return {"board": board.pk, "reason": "The child lived there"}
        case "reviews:family_contact_correct":
            return {
                "person": str(item.person_id),
                **day("on", ON),
                "method": "phone",
                "language": "cy",
                "interpreter": "no",
                "purposes": ["told_of_review"],
                "reason": "It was a telephone call",
            }
        case (
            "reviews:family_contact_withdraw"
            | "reviews:partner_remove"
            | "reviews:panel_decision_withdraw"
        ):
            return {"reason": "Recorded in error"}
        case "reviews:report_document_withdraw":
            return {"reason": "Attached to the wrong report"}
        case "reviews:appointment_end":
            return {**day("ended_on", ON), "reason": "The expert withdrew"}
        case (
            "chronology:integrated_merge"
            | "chronology:submit"
            | "chronology:reopen"
            | "chronology:import_restart"
        ):
            return {}
        case "chronology:integrated_gap":
            return {"gap_days": 60, "lock_version": _chronology_lock(review)}
        case "chronology:integrated_share":
            return {"lock_version": _chronology_lock(review)}
        case "chronology:integrated_unshare":
            return {"reason": "Shared too early", "lock_version": _chronology_lock(review)}
        case "chronology:entry_significance":
            return {"significance": "significant", "lock_version": item.lock_version}
        case "chronology:conflict":
            return {
                "note": "The health visitor's record is right",
                # Read now: each role's POST before this one raised it.
                "lock_version": type(item).objects.get(pk=item.pk).lock_version,
            }
        case "chronology:episode_add":
            return {"title": "The first visits", **day("starts_on", ON), **day("ends_on", ON)}
        case "chronology:episode":
            return {
                "title": "The first visits",
                "lock_version": item.lock_version,
                **day("starts_on", date(2025, 3, 1)),
                **day("ends_on", date(2025, 3, 31)),
            }
        case "chronology:episode_withdraw":
            return {"reason": "Marked in error", "lock_version": item.lock_version}
    if name.startswith("learning:"):
        return _learning_body(name, review, world, item)
    raise AssertionError(f"no body for {name}")


def _learning_body(name: str, review, world, item) -> dict:
    from casereview.learning.tests.matrix_learning import recommendation

    match name:
        case "learning:lesson_add" | "learning:lesson":
            lock = {"lock_version": item.lock_version} if item is not None else {}
            return {"text": "Referrals were not followed up", "category": "inter_agency", **lock}
        case "learning:lessons_agree":
            return {}
        case "learning:coding":
            from casereview.learning.models import IncidentCoding

            coding = IncidentCoding.objects.filter(review=review).first()
            return {
                "maltreatment": ["neglect"],
                "lock_version": coding.lock_version if coding else 0,
                "reason": "Matrix correction",
            }
        case "learning:lesson_withdraw":
            return {"reason": "Recorded in error"}
        case "learning:lesson_themes":
            return {"code": "voice_of_child", "evidence": "Matrix lesson"}
        case "learning:lesson_theme_decide":
            return {"code": "voice_of_child", "decision": "confirm"}
        case "learning:recommendation_add":
            return {
                "text": "Audit referrals",
                "level": "board",
                "kind": "smart",
                **day("made_on", ON),
            }
        case "learning:recommendation_respond":
            p = f"r{item.number}"
            return {f"{p}-kind": "accepted", **day(f"{p}-responded_on", ON)}
        case "learning:action_add":
            return {
                "recommendation": recommendation(review).pk,
                "owner_agency": world.police.pk,
                "owner": "Detective inspector",
                "description": "Audit referrals",
                "expected_change": "Referrals followed up",
                "measure": "Share followed up in time",
                "evidence_required": "The audit",
                **day("target_date", LATER),
            }
        case "learning:action":
            return {
                "status": "in_progress",
                "rag": "amber",
                "text": "Started",
                **day("on", ON),
                "lock_version": item.lock_version,
            }
        case "learning:action_verify":
            return {
                "evidence_kind": "audit",
                "evidence": "The re-audit shows the change",
                **day("verified_on", ON),
                "lock_version": item.lock_version,
            }
        case "learning:recommendation_correct":
            return {
                "text": "Audit referrals every quarter",
                "level": "board",
                "kind": "smart",
                **day("made_on", ON),
                "reason": "Wrong wording",
                "lock_version": item.lock_version,
            }
        case "learning:response_correct":
            return {"kind": "accepted", **day("responded_on", ON), "reason": "Misrecorded"}
        case "learning:action_correct":
            return {
                "owner_agency": world.police.pk,
                "owner": "Detective inspector",
                "description": "Audit referrals",
                "expected_change": "Referrals followed up",
                "measure": "Share followed up in time",
                "evidence_required": "The audit",
                **day("target_date", LATER),
                "reason": "Wrong owner",
                "lock_version": item.lock_version,
            }
        case (
            "learning:recommendation_withdraw"
            | "learning:action_withdraw"
            | "learning:update_withdraw"
            | "learning:verification_withdraw"
        ):
            return {"reason": "Recorded in error"}
    raise AssertionError(f"no body for {name}")


def _chronology_lock(review) -> int:
    from casereview.chronology.services import integrated

    return integrated(review).lock_version


def item_of(name: str, review, kwargs: dict):
    """The object inside the review that the URL names, if any."""
    from casereview.chronology.models import AgencyChronology, ChronologyEntry, ChronologyImport

    if "import_id" in kwargs:
        return ChronologyImport.objects.get(pk=kwargs["import_id"])
    if "entry_id" in kwargs:
        return ChronologyEntry.objects.get(pk=kwargs["entry_id"])
    if "chronology_id" in kwargs:
        return AgencyChronology.objects.get(pk=kwargs["chronology_id"])
    if "version" in kwargs:
        return TermsOfReference.objects.get(review=review, version=kwargs["version"])
    pk = kwargs.get("item_pk")
    if pk is None:
        return None
    from casereview.chronology.models import EventGroup, KeyPracticeEpisode
    from casereview.learning.models import Action, Lesson, Recommendation

    for model in (
        ChronologyEntry,
        EventGroup,
        KeyPracticeEpisode,
        Lesson,
        Recommendation,
        Action,
        AgencyReport,
        FamilyContact,
        PanelMeeting,
        PanelDecision,
        Appointment,
        ExpertAdvice,
        Professional,
        ParallelProcess,
        Person,
        RegisterTerm,
        Report,
        Rendering,
        Publication,
    ):
        found = model.objects.filter(pk=pk).first() if not isinstance(pk, int) else None
        if found is not None:
            return found
    return PartnerBoard.objects.get(pk=pk)


def signed_in(user) -> Client:
    """A client that checks CSRF tokens as a browser's requests are checked."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"confirmed": True})
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(client, page: str) -> str:
    """The token of the form on `page` (or, for a page the user may not see, of the form
    every page has: signing out)."""
    for url in (page, reverse("accounts:account")):
        found = TOKEN.search(client.get(url).text)
        if found:
            return found.group(1)
    raise AssertionError("no form with a CSRF token")
