"""Item 13: users read the governing citation and the regime's name; where the wording came
from is on the procedure page, for administrators."""

from django.urls import reverse

from casereview.procedure import catalogue
from conftest import make_notification, review_of, verified_client

PROVENANCE = ("unverified", "DOMAIN.md", "Oxfordshire", "Solihull", "Knowsley", "Hansard")


def _pages(world, review):
    manager = verified_client(world.user("board_manager"))
    urls = [
        reverse("reviews:compliance", args=[review.pk]),
        reverse("reviews:detail", args=[review.pk]),
        reverse("reviews:list"),
        reverse("cases:detail", args=[review.notification.pk]),
        reverse("dashboard"),
        reverse("learning:coding", args=[review.pk]),
    ]
    return {url: manager.get(url) for url in urls}


def test_no_page_a_manager_reads_shows_provenance_notes(world):
    review = review_of(world, ethnicity="B2")
    for url, response in _pages(world, review).items():
        assert response.status_code == 200, url
        for marker in PROVENANCE:
            assert marker not in response.text, f"{url}: {marker}"
    compliance = _pages(world, review)[reverse("reviews:compliance", args=[review.pk])].text
    records = compliance.split('id="obligation-records_secured"')[1].split("</tr>")[0]
    assert "WT2006 chapter 8" in records


def test_the_regime_is_shown_by_its_name_not_its_file(world):
    review = review_of(world)
    name = catalogue.display_name(review.regime, review.regime_version)
    assert name and name != review.regime
    for url, response in _pages(world, review).items():
        if url in (reverse("dashboard"), reverse("learning:coding", args=[review.pk])):
            continue  # the dashboard and the national coding name no regime
        assert name in response.text, url
        assert "rotherham_wt2006" not in response.text, url


def test_every_regime_has_a_name_of_its_own(world):
    for regime_id, _ in catalogue.choices():
        regime = catalogue.current(regime_id)
        assert regime.display_name and regime.display_name != regime_id


def test_the_procedure_page_shows_administrators_where_each_rule_came_from(world):
    make_notification(world.board, world.user("board_manager"))
    text = verified_client(world.user("administrator")).get(reverse("procedure:regimes")).text
    for regime_id, _ in catalogue.choices():
        assert f'id="regime-{regime_id}"' in text
    records = text.split('id="rotherham_wt2006-records_secured"')[1].split("</tr>")[0]
    assert "Oxfordshire 7.1; Solihull" in records
    assert "WT2006 chapter 8" in records
    assert "unverified" in text  # the notes on settings and clocks are there for them
