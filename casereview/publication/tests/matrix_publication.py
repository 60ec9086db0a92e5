"""The identifier register's objects for the access-control matrix: URL name -> a function
(review, world) that makes the object the URL names and returns the extra URL kwargs."""


def _term(review, world):
    from casereview.publication.models import RegisterTerm

    term, _ = RegisterTerm.objects.get_or_create(
        review=review,
        kind="person",
        value="Kai Fictional",
        defaults={"role": "child", "added_by": world.outsider},
    )
    return {"item_pk": term.pk}


ITEMS = {
    "publication:term_correct": _term,
    "publication:term_remove": _term,
}


def _report(review, world):
    from django.utils import timezone

    from casereview.publication.models import Report, ReportVersion

    report, _ = Report.objects.get_or_create(review=review, kind="executive_summary")
    if not report.versions.exists():
        ReportVersion.objects.create(
            report=report,
            number=1,
            sections=[{"key": "a", "title": "Lessons", "text": "Agencies did not share."}],
            created_by=world.outsider,
            created_at=timezone.now(),
        )
    return report


def _rendering(review, world):
    """A finished rendering with a small stored PDF (rendering one is slow, and tried
    here only for who reaches it)."""
    import io

    import pikepdf
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from casereview.audit.context import SYSTEM
    from casereview.documents.services import store
    from casereview.publication.models import Rendering

    version = _report(review, world).versions.get()
    rendering = Rendering.objects.filter(version=version).first()
    if rendering is None:
        rendering = Rendering.objects.create(
            version=version,
            format="pdf",
            status="done",
            requested_by=world.outsider,
            requested_at=timezone.now(),
            finished_at=timezone.now(),
        )
        pdf = pikepdf.new()
        pdf.add_blank_page()
        out = io.BytesIO()
        pdf.save(out)
        rendering.document = store(
            board=review.board,
            owner=rendering,
            upload=ContentFile(out.getvalue(), name="executive-summary.pdf"),
            actor=world.outsider,
            context=SYSTEM,
        )
        rendering.save(update_fields=["document"])
    return rendering


def _publication(review, world):
    from datetime import date

    from django.utils import timezone

    from casereview.publication.models import Publication

    rendering = _rendering(review, world)
    publication, _ = Publication.objects.get_or_create(
        report=rendering.version.report,
        rendering=rendering,
        defaults={
            "title": "Child A",
            "published_at": timezone.now(),
            "published_by": world.outsider,
            "keep_until": date(2027, 9, 1),
        },
    )
    return publication


ITEMS |= {
    "publication:render": lambda review, world: {"item_pk": _report(review, world).pk},
    "publication:rendering_download": lambda review, world: {
        "item_pk": _rendering(review, world).pk
    },
    "publication:publish": lambda review, world: {"item_pk": _rendering(review, world).pk},
    "publication:withdraw": lambda review, world: {"item_pk": _publication(review, world).pk},
}
