"""The national scale's records follow DOMAIN.md §6 within a stated tolerance; the bulk path
and the demo board write national records."""

from __future__ import annotations

import random

import pytest

from casereview.accounts.models import Board
from casereview.demo import national_records as nr
from casereview.demo.national import generate_national
from casereview.national.models import BoardRegion, NationalRecord
from casereview.national.regions import CODES

SAMPLE = 2000


def share(records, test) -> float:
    return sum(1 for r in records if test(r)) / len(records)


def test_a_generated_sample_follows_the_published_figures():
    boards = [(Board(slug=f"b{i}", name=f"Board {i}"), "london") for i in range(10)]
    records = nr.sample(random.Random(7), boards, SAMPLE)
    found = {
        "under_1": share(records, lambda r: r.age_band == "under_1"),
        "over_11": share(records, lambda r: r.age_band in ("age_11_15", "age_16_17")),
        "death": share(records, lambda r: r.outcome == "death"),
        "neglect": share(records, lambda r: "neglect" in r.maltreatment),
        "child_protection": share(records, lambda r: r.plan_status == "child_protection"),
        **{
            risk: share(records, lambda r, risk=risk: risk in r.family_risks)
            for risk in ("parental_substance_misuse", "domestic_abuse", "parental_mental_health")
        },
    }
    assert set(found) == set(nr.TARGETS)
    for name, target in nr.TARGETS.items():
        assert found[name] == pytest.approx(target, abs=nr.TOLERANCE), name
    # The published alcohol and drug rates give the drawn substance misuse rate.
    assert pytest.approx(0.37 + 0.63 * nr.DRUG_WITHOUT_ALCOHOL) == nr.SUBSTANCE
    assert (pytest.approx(0.38)) == nr.ALCOHOL * nr.DRUG_WITH_ALCOHOL + (
        1 - nr.ALCOHOL
    ) * nr.DRUG_WITHOUT_ALCOHOL
    # Deaths have a category; other outcomes none. Months are in order.
    for r in records:
        assert bool(r.death_category) == (r.outcome == "death")
        assert r.incident_month <= r.decided_month
        assert r.completed_month is None or r.decided_month <= r.completed_month


def test_the_drift_check_would_fail_on_other_figures():
    """A control: the same check against a sample with half as many babies fails."""
    boards = [(Board(slug="b", name="B"), "london")]
    records = nr.sample(random.Random(7), boards, SAMPLE)
    for r in records[: SAMPLE // 4]:
        if r.age_band == "under_1":
            r.age_band = "age_6_10"
    assert share(records, lambda r: r.age_band == "under_1") != pytest.approx(
        nr.TARGETS["under_1"], abs=nr.TOLERANCE
    )


def test_the_national_bulk_path_writes_a_record_for_each_review(db):
    generate_national(
        boards=3, notifications_per_board=5, reviews_per_board=2, users_per_board=20, batch_size=4
    )
    assert NationalRecord.objects.count() == 6
    assert BoardRegion.objects.count() == 3
    assert set(NationalRecord.objects.values_list("region", flat=True)) <= set(CODES)
    assert set(NationalRecord.objects.values_list("board_code", flat=True)) <= set(
        Board.objects.values_list("slug", flat=True)
    )


def test_the_demo_boards_signed_off_reviews_have_national_records(demo):
    board = Board.objects.order_by("pk").first()
    signed_off = board.reviews.filter(status__in=nr.SIGNED_OFF)
    assert signed_off.exists()
    keys = {f"{board.slug}/{r.reference}" for r in signed_off}
    assert set(NationalRecord.objects.values_list("source_key", flat=True)) == keys
    assert not NationalRecord.objects.filter(region="not_known").exists()
