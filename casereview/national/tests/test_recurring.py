import pytest
from django.utils import timezone

from casereview.audit.context import SYSTEM
from casereview.national import recurring
from casereview.national.models import IssueOccurrence, IssueStatus, NationalLesson, RecurringIssue
from casereview.national.records import source_key

from .search_helpers import make_publication, make_record

pytestmark = pytest.mark.django_db

SHARING = [
    "Agencies did not share information about the father. Records were kept apart.",
    "The school held information it did not share with health visitors about the father.",
    "Police did not share information about the father's violence with social care.",
]


def _records(texts, code="information_sharing"):
    return [make_record([(t, [code])]) for t in texts]


def test_a_group_in_three_reviews_is_proposed_with_verbatim_quotes():
    _records(SHARING)
    counts = recurring.propose(actor=None, context=SYSTEM)
    assert counts == {"new": 1}
    issue = RecurringIssue.objects.get()
    assert issue.status == IssueStatus.NEEDS_REVIEW
    assert issue.review_count == 3
    assert issue.occurrences.count() == 3
    # Every quote is found in its source text, at its position.
    for occurrence in IssueOccurrence.objects.select_related("lesson"):
        recurring.check_quote(occurrence)
        assert occurrence.quote in occurrence.lesson.text
        assert occurrence.quote.strip()


def test_two_reviews_are_not_a_recurring_issue_nor_are_unlike_lessons():
    _records(SHARING[:2])
    _records(["The GP surgery's appointments were short."])
    make_record([(SHARING[2], ["neglect"])])
    assert recurring.propose(actor=None, context=SYSTEM) == {}
    assert not RecurringIssue.objects.exists()


def test_a_changed_membership_needs_review_again():
    _records(SHARING)
    recurring.propose(actor=None, context=SYSTEM)
    issue = RecurringIssue.objects.get()
    recurring.review(
        issue.pk,
        decision=IssueStatus.APPROVED,
        note="Confirmed",
        lock_version=issue.lock_version,
        actor=None,
        context=SYSTEM,
    )
    assert recurring.propose(actor=None, context=SYSTEM) == {"unchanged": 1}
    assert RecurringIssue.objects.get().status == IssueStatus.APPROVED
    _records(["Health did not share information about the father with the school."])
    assert recurring.propose(actor=None, context=SYSTEM) == {"changed": 1}
    issue = RecurringIssue.objects.get()
    assert issue.status == IssueStatus.NEEDS_REVIEW
    assert issue.review_count == 4
    NationalLesson.objects.filter(
        record__in=[o.record for o in issue.occurrences.all()][:2]
    ).delete()
    assert recurring.propose(actor=None, context=SYSTEM) == {"dropped": 1}
    assert RecurringIssue.objects.get().occurrences.count() == 0


def test_a_stale_review_is_refused():
    _records(SHARING)
    recurring.propose(actor=None, context=SYSTEM)
    issue = RecurringIssue.objects.get()
    with pytest.raises(recurring.StaleIssue):
        recurring.review(
            issue.pk,
            decision=IssueStatus.APPROVED,
            note="",
            lock_version=issue.lock_version - 1,
            actor=None,
            context=SYSTEM,
        )


def test_a_quote_that_is_not_in_its_lesson_is_caught():
    _records(SHARING)
    recurring.propose(actor=None, context=SYSTEM)
    occurrence = IssueOccurrence.objects.select_related("lesson").first()
    occurrence.quote = occurrence.quote.replace("share", "shared")
    with pytest.raises(recurring.QuoteNotFound):
        recurring.check_quote(occurrence)


SUMMARY = "Review summary. The health visitor did not share information about the father."


def test_published_summaries_are_a_second_source_quoted_verbatim(world):
    _records(SHARING[:2])
    publication = make_publication(world, SUMMARY)
    assert recurring.propose(actor=None, context=SYSTEM) == {"new": 1}
    issue = RecurringIssue.objects.get()
    assert issue.review_count == 3
    from_summary = issue.occurrences.get(publication=publication)
    assert from_summary.lesson is None and from_summary.record is None
    assert from_summary.quote == "The health visitor did not share information about the father."
    # 100% of the quotes are found in their source text, at their position.
    for occurrence in issue.occurrences.select_related("lesson", "publication"):
        recurring.check_quote(occurrence)
        assert occurrence.quote in occurrence.source_text


def test_a_summary_of_a_review_already_counted_links_its_record_and_adds_no_review(world):
    _records(SHARING[:2])
    publication = make_publication(world, SUMMARY)
    review = publication.report.review
    record = make_record(source_key=source_key(review.board.slug, review.reference))
    assert recurring.propose(actor=None, context=SYSTEM) == {"new": 1}
    make_record([(SHARING[2], ["information_sharing"])], source_key=record.source_key + "-x")
    make_publication(world, "A second review. Police did not share information about the father.")
    assert recurring.propose(actor=None, context=SYSTEM) == {"changed": 1}
    issue = RecurringIssue.objects.get()
    assert issue.review_count == 5
    assert issue.occurrences.get(publication=publication).record == record


def test_a_withdrawn_summary_is_no_evidence_and_withdrawing_one_sends_the_group_back(world):
    _records(SHARING[:2])
    make_publication(world, SUMMARY, withdrawn=True)
    assert recurring.propose(actor=None, context=SYSTEM) == {}
    publication = make_publication(world, SUMMARY)
    assert recurring.propose(actor=None, context=SYSTEM) == {"new": 1}
    issue = RecurringIssue.objects.get()
    recurring.review(
        issue.pk,
        decision=IssueStatus.APPROVED,
        note="Confirmed",
        lock_version=issue.lock_version,
        actor=None,
        context=SYSTEM,
    )
    publication.withdrawn_at = timezone.now()
    publication.withdrawn_reason = "Published in error"
    publication.save()
    assert recurring.propose(actor=None, context=SYSTEM) == {"dropped": 1}
    issue = RecurringIssue.objects.get()
    assert issue.status == IssueStatus.NEEDS_REVIEW and not issue.occurrences.exists()


def test_a_quote_that_is_not_in_its_summary_is_caught(world):
    _records(SHARING[:2])
    make_publication(world, SUMMARY)
    recurring.propose(actor=None, context=SYSTEM)
    occurrence = IssueOccurrence.objects.select_related("publication").get(
        publication__isnull=False
    )
    occurrence.start += 1
    with pytest.raises(recurring.QuoteNotFound):
        recurring.check_quote(occurrence)
