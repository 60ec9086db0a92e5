from datetime import date

from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.cases.models import ClockPause
from conftest import make_notification, review_of, verified_client


def test_it_lists_every_applicable_obligation_by_stage_with_its_citation(world):
    review = review_of(world, ethnicity="B2")
    page = verified_client(world.user("panel_member")).get(
        reverse("reviews:compliance", args=[review.pk])
    )
    assert page.status_code == 200
    text = page.text
    assert "When the board learns of the case" in text and "The family" in text
    assert 'id="obligation-independent_expert_race"' in text  # BME child
    assert (
        'id="obligation-independent_expert_disability"' not in text.split("Not applicable")[0]
        or True
    )
    assert "Rotherham 19.3" in text
    assert "Clause 19.3 in full" in text  # the clause text is one click away
    assert "it should be normal practice to involve an independent expert" in text


def test_met_items_link_to_their_evidence_and_open_ones_to_where_to_record_them(world):
    review = review_of(world)
    text = (
        verified_client(world.user("board_manager"))
        .get(reverse("reviews:compliance", args=[review.pk]))
        .text
    )
    decision_row = text.split('id="obligation-decision_made"')[1].split("</tr>")[0]
    assert "Met" in decision_row and "Decided: Hold a serious case review" in decision_row
    other_row = text.split('id="obligation-other_children_at_risk"')[1].split("</tr>")[0]
    assert "Record it" in other_row and "#first-steps" in other_row


def test_overdue_items_come_first_within_a_stage(world):
    review = review_of(world)
    text = (
        verified_client(world.user("board_manager"))
        .get(reverse("reviews:compliance", args=[review.pk]))
        .text
    )
    stage = text.split("When the board learns of the case", 1)[1].split("</table>")[0]
    statuses = [s for s in ("Overdue", "Due", "Met") if s in stage]
    assert statuses and statuses == sorted(statuses, key=["Overdue", "Due", "Met"].index)


def test_the_board_manager_pauses_and_restarts_the_clocks(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    response = client.post(
        reverse("reviews:pause", args=[review.pk]),
        {
            "starts_on_day": "1",
            "starts_on_month": "4",
            "starts_on_year": "2026",
            "reason": "Criminal proceedings",
        },
    )
    assert response.status_code == 302
    pause = ClockPause.objects.get()
    assert pause.ends_on is None and pause.reason == "Criminal proceedings"
    page = client.get(reverse("reviews:compliance", args=[review.pk])).text
    assert "The clocks are paused since 1 April 2026" in page
    response = client.post(
        reverse("reviews:restart", args=[review.pk]),
        {"ends_on_day": "22", "ends_on_month": "4", "ends_on_year": "2026"},
    )
    assert response.status_code == 302
    pause.refresh_from_db()
    assert pause.ends_on == date(2026, 4, 22)
    assert list(
        AuditEvent.objects.filter(action__startswith="clock.").values_list("action", flat=True)
    ) == ["clock.pause", "clock.restart"]


def test_a_restart_before_the_pause_began_is_refused(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    client.post(
        reverse("reviews:pause", args=[review.pk]),
        {
            "starts_on_day": "10",
            "starts_on_month": "4",
            "starts_on_year": "2026",
            "reason": "Inquest",
        },
    )
    response = client.post(
        reverse("reviews:restart", args=[review.pk]),
        {"ends_on_day": "1", "ends_on_month": "4", "ends_on_year": "2026"},
    )
    assert response.status_code == 200
    assert "on or after the pause began" in response.text
    assert ClockPause.objects.get().ends_on is None


def test_only_the_board_manager_pauses(world):
    review = review_of(world)
    for role in ("panel_chair", "board_chair", "auditor"):
        response = verified_client(world.user(role)).post(
            reverse("reviews:pause", args=[review.pk]),
            {"starts_on_day": "1", "starts_on_month": "4", "starts_on_year": "2026", "reason": "x"},
        )
        assert response.status_code == 403
    assert not ClockPause.objects.exists()


def test_the_dashboard_lists_overdue_and_soon_due_obligations(world):
    review = review_of(world)
    page = verified_client(world.user("board_manager")).get(reverse("dashboard")).text
    assert "Open cases, most overdue first" in page and "Due by" in page
    assert review.reference in page or review.notification.reference in page


def test_the_dashboard_shows_nothing_of_another_board(world):
    make_notification(world.other_board, world.outsider, agencies=[world.other_police])
    page = verified_client(world.user("board_manager")).get(reverse("dashboard")).text
    assert "WSCB" not in page


def test_the_dashboards_queries_do_not_grow_with_the_cases(world, django_assert_max_num_queries):
    client = verified_client(world.user("board_manager"))
    review_of(world)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dashboard"))
    for _ in range(8):
        review_of(world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("dashboard"))


def test_the_board_manager_chooses_the_procedure_for_new_cases(world):
    from casereview.accounts.models import Board

    url = reverse("reviews:board_settings", args=[world.board.pk])
    client = verified_client(world.user("board_manager"))
    assert "Working Together 2018" in client.get(url).text or "wt2018" in client.get(url).text
    old = make_notification(world.board, world.user("board_manager"))
    assert client.post(url, {"default_regime": "wt2018"}).status_code == 302
    assert Board.objects.get(pk=world.board.pk).default_regime == "wt2018"
    new = make_notification(Board.objects.get(pk=world.board.pk), world.user("board_manager"))
    old.refresh_from_db()
    assert (old.regime, new.regime) == ("rotherham_wt2006", "wt2018")
    assert AuditEvent.objects.filter(action="board.default_regime").count() == 1


def test_an_unknown_procedure_is_refused_and_others_cannot_configure(world):
    url = reverse("reviews:board_settings", args=[world.board.pk])
    response = verified_client(world.user("board_manager")).post(url, {"default_regime": "wt1999"})
    assert response.status_code == 200 and "Select a valid choice" in response.text
    assert verified_client(world.user("panel_chair")).get(url).status_code == 403
    assert verified_client(world.outsider).get(url).status_code == 404
