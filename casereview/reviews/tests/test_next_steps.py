"""The top of the compliance page and the case's duties page: the review's stage, the next
three things to do (the earliest open obligations, overdue first, then by due date) with who
does them, the met lines folded away but present, the deadline timeline as an SVG with the
same dates as its table, the pause forms' errors summarised at the top, and a constant number
of queries."""

from __future__ import annotations

import itertools
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import lxml.html
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from casereview.accounts.roles import Role
from casereview.audit.context import SYSTEM
from casereview.cases.services import pause_clocks, restart_clocks
from casereview.procedure import catalogue
from casereview.procedure.clocks import Deadline
from casereview.procedure.engine import Result, evaluate
from casereview.reviews.next_steps import next_steps, steps, urgency
from casereview.reviews.timeline import MARGIN, WIDTH, timeline
from conftest import decide_in_services, make_notification, review_of, verified_client

SVG = "{http://www.w3.org/2000/svg}"
OPEN_TAGS = {"Overdue": "overdue", "Due": "due", "Paused": "paused", "Not started": "waiting"}


def _compliance(world, review, role="board_manager"):
    response = verified_client(world.user(role)).get(
        reverse("reviews:compliance", args=[review.pk])
    )
    assert response.status_code == 200
    return response


def _doc(response):
    return lxml.html.fromstring(response.content)


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _listed(doc) -> list[dict]:
    """The next steps as shown: obligation, status, date, who."""
    steps_shown = []
    for li in doc.xpath('//ol[contains(@class, "app-next-steps")]/li'):
        when = li.xpath(".//time/@datetime")
        steps_shown.append(
            {
                "id": li.get("data-obligation"),
                "status": _text(li.xpath('.//*[contains(@class, "govuk-tag")]')[0]),
                "due": date.fromisoformat(when[0]) if when else None,
                "who": _text(li.xpath('.//*[@class="app-who"]')[0]),
                "href": li.xpath(".//a/@href")[0],
            }
        )
    return steps_shown


def _full_list(doc) -> list[dict]:
    """Every line of the tables still to do (above the folded met lines), as shown."""
    lines = []
    for row in doc.xpath('//div[@id="obligations"]//tr[starts-with(@id, "obligation-")]'):
        cells = row.xpath("./td")
        due = cells[2].xpath('.//span[@class="app-nowrap"]')
        lines.append(
            {
                "id": row.get("id").removeprefix("obligation-"),
                "status": _text(cells[0]),
                "due": datetime.strptime(_text(due[0]), "%d %b %Y").date() if due else None,
            }
        )
    return lines


def _key(line: dict) -> tuple:
    return (line["status"] != "Overdue", line["due"] is None, line["due"] or date.max)


def _check_against_the_full_list(doc, review) -> list[dict]:
    shown = _listed(doc)
    full = [line for line in _full_list(doc) if line["status"] in OPEN_TAGS]
    assert len(shown) == min(3, len(full))
    by_id = {line["id"]: line for line in full}
    # Each is an open line of the full list, with the same status and date.
    for step in shown:
        assert by_id[step["id"]]["status"] == step["status"]
        assert by_id[step["id"]]["due"] == step["due"]
    # In order, and none left out is more urgent than one shown.
    keys = [_key(by_id[s["id"]]) for s in shown]
    assert keys == sorted(keys)
    rest = [_key(line) for line in full if line["id"] not in {s["id"] for s in shown}]
    assert not rest or max(keys) <= min(rest)
    # Who does each: the role the regime makes responsible.
    responsible = {r.obligation.id: r.obligation.responsible for r in evaluate(review)}
    for step in shown:
        assert step["who"] == Role(responsible[step["id"]]).label
    return shown


def test_the_next_three_are_the_earliest_open_obligations_overdue_first(world):
    review = review_of(world)
    doc = _doc(_compliance(world, review))
    shown = _check_against_the_full_list(doc, review)
    # Decided in March 2026 and nothing done since: the first steps, long overdue.
    assert [s["id"] for s in shown] == [
        "other_children_at_risk",
        "records_secured",
        "pct_informs_sha",
    ]
    assert [s["status"] for s in shown] == ["Overdue"] * 3
    assert [s["due"] for s in shown] == [date(2026, 3, 2), date(2026, 3, 2), date(2026, 3, 17)]
    assert {s["who"] for s in shown} == {"Board business manager"}
    # Each links to where it is recorded.
    assert shown[0]["href"].endswith("#first-steps")


def test_on_a_new_case_the_next_three_come_by_due_date_with_their_roles(world):
    notification = make_notification(
        world.board, world.user("board_manager"), agencies=[world.police], received_at=None
    )
    review = decide_in_services(
        notification, world.user("board_chair"), on=timezone.localdate()
    ).review
    doc = _doc(_compliance(world, review))
    shown = _check_against_the_full_list(doc, review)
    assert len(shown) == 3
    assert all(s["due"] is not None and s["due"] >= timezone.localdate() for s in shown)
    assert "Overdue" not in {s["status"] for s in shown}
    # The panel chair reads the same summary (the lines are not theirs alone).
    _check_against_the_full_list(_doc(_compliance(world, review, "panel_chair")), review)


def test_the_stage_is_a_step_indicator_with_the_current_stage_marked(world):
    review = review_of(world)
    doc = _doc(_compliance(world, review))
    items = doc.xpath('//ol[contains(@class, "app-steps")]/li')
    assert [_text(li).split(": ", 1)[1] for li in items] == [
        "Decided",
        "Scoping",
        "Agency reports",
        "Overview drafting",
        "Panel sign-off",
        "Board sign-off",
        "Published",
        "Monitoring",
    ]
    current = [li for li in items if li.get("aria-current") == "step"]
    assert len(current) == 1 and _text(current[0]) == "Current stage: Decided"
    assert [s.state for s in steps("panel_sign_off")][3:6] == ["done", "current", "to_do"]
    assert {s.state for s in steps("closed")} == {"done"}


def test_met_lines_are_folded_away_but_present_and_counted(world):
    review = review_of(world)
    response = _compliance(world, review)
    doc = _doc(response)
    met_ids = {r.obligation.id for r in evaluate(review) if r.status == "met"}
    assert met_ids
    folded = doc.xpath('//details[@id="met"]')
    assert len(folded) == 1 and folded[0].get("open") is None
    assert _text(folded[0].xpath("./summary")[0]) == f"{len(met_ids)} obligations met"
    rows = folded[0].xpath('.//tr[starts-with(@id, "obligation-")]')
    assert {r.get("id").removeprefix("obligation-") for r in rows} == met_ids
    assert all(_text(r.xpath("./td")[0]) == "Met" for r in rows)
    # The tables still to do hold no met line, and every id is on the page once.
    assert not met_ids & {line["id"] for line in _full_list(doc)}
    assert "Met" not in {line["status"] for line in _full_list(doc)}
    ids = doc.xpath('//*[starts-with(@id, "obligation-")]/@id')
    assert len(ids) == len(set(ids))
    counts = _text(doc.xpath('//*[@id="compliance-counts"]')[0])
    assert f"{len(met_ids)} met" in counts


def _svg(response):
    match = re.search(
        rb'<svg xmlns="http://www.w3.org/2000/svg" class="app-timeline__svg".*?</svg>',
        response.content,
        re.S,
    )
    assert match
    # The page's own markup: well-formed XML, or this raises.
    return ET.fromstring(match.group(0))  # noqa: S314


def test_the_timeline_is_a_well_formed_svg_with_the_same_dates_as_its_table(world):
    review = review_of(world)
    response = _compliance(world, review)
    svg = _svg(response)
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.text == f"Deadlines of review {review.reference}"
    assert desc is not None and "deadlines from 2 March 2026" in desc.text
    labelled = svg.get("aria-labelledby").split()
    assert labelled == [title.get("id"), desc.get("id")]
    marks = svg.findall(f"{SVG}g[@class='app-timeline__mark']")
    drawn = sorted(m.get("data-date") for m in marks)
    assert all(m.find(f"{SVG}title") is not None for m in marks)
    view_width = float(svg.get("viewBox").split()[2])
    for shape in svg.iter(f"{SVG}circle"):
        assert 0 <= float(shape.get("cx")) <= view_width

    table = _doc(response).xpath('//details[@id="timeline-table"]//table')[0]
    listed = table.xpath(".//time/@datetime")
    assert listed == sorted(listed)
    assert drawn == sorted(listed)
    dated = sorted(
        r.due.isoformat()
        for r in evaluate(review)
        if r.due is not None and r.status in ("overdue", "due", "met", "paused")
    )
    assert drawn == dated


def test_the_pause_forms_errors_are_summarised_at_the_top(world):
    review = review_of(world)
    client = verified_client(world.user("board_manager"))
    response = client.post(
        reverse("reviews:pause", args=[review.pk]),
        {"starts_on_day": "1", "starts_on_month": "4", "starts_on_year": "2026", "reason": ""},
    )
    assert response.status_code == 200
    text = response.text
    assert text.count('class="govuk-error-summary"') == 1
    assert text.index("govuk-error-summary") < text.index("<h1")
    summary = _doc(response).xpath('//div[@class="govuk-error-summary"]')[0]
    assert summary.xpath(".//a/@href") == ["#id_reason"]
    assert re.search(r"<title>\s*Error: ", text)

    case = review.notification
    response = client.post(
        reverse("reviews:case_pause", args=[case.pk]),
        {"starts_on_day": "", "starts_on_month": "", "starts_on_year": "", "reason": "Inquest"},
    )
    assert response.status_code == 200
    assert response.text.count('class="govuk-error-summary"') == 1
    assert response.text.index("govuk-error-summary") < response.text.index("<h1")


def test_the_duties_page_says_what_next_without_a_stage_before_a_review(world):
    case = make_notification(world.board, world.user("board_manager"), agencies=[world.police])
    response = verified_client(world.user("board_manager")).get(
        reverse("reviews:case_duties", args=[case.pk])
    )
    assert response.status_code == 200
    doc = _doc(response)
    assert not doc.xpath('//ol[contains(@class, "app-steps")]')
    assert len(_listed(doc)) == 3
    svg = _svg(response)
    assert svg.find(f"{SVG}title").text == f"Deadlines of {case.reference}"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_pages_queries_do_not_grow_with_pauses_or_met_lines(world):
    review = review_of(world)
    case = review.notification
    client = verified_client(world.user("board_manager"))
    pages = [
        reverse("reviews:compliance", args=[review.pk]),
        reverse("reviews:case_duties", args=[case.pk]),
    ]
    before = [_queries(client, url) for url in pages]
    manager = world.user("board_manager")
    for start in (date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)):
        pause_clocks(case, actor=manager, context=SYSTEM, starts_on=start, reason="Inquest")
        restart_clocks(case, actor=manager, context=SYSTEM, ends_on=start + timedelta(days=7))
    after = [_queries(client, url) for url in pages]
    assert after == before


# The next steps as a property of any set of lines: the first three by urgency, all open.
OBLIGATIONS = catalogue.current("rotherham_wt2006").obligations
STATUSES = ("overdue", "due", "met", "paused", "waiting", "not_applicable", "undecided")


@st.composite
def results(draw):
    lines = []
    for o in draw(st.lists(st.sampled_from(OBLIGATIONS), max_size=12, unique_by=lambda o: o.id)):
        status = draw(st.sampled_from(STATUSES))
        due = (
            draw(st.dates(date(2026, 1, 1), date(2027, 12, 31)))
            if status in ("overdue", "due", "met")
            else None
        )
        clock = Deadline(due, status == "paused", 0, ()) if due or status == "paused" else None
        lines.append(Result(o, status, clock, None))
    return lines


class _Case:
    pk = uuid.UUID(int=1)


@settings(max_examples=60, deadline=None)
@given(results(), st.dates(date(2026, 1, 1), date(2027, 12, 31)))
def test_next_steps_and_the_timeline_of_any_lines(lines, today):
    chosen = next_steps(lines, _Case())
    open_ = [r for r in lines if r.is_open]
    assert len(chosen) == min(3, len(open_))
    assert all(s.result.is_open for s in chosen)
    keys = [urgency(s.result) for s in chosen]
    assert keys == sorted(keys)
    left = [urgency(r) for r in open_ if r not in [s.result for s in chosen]]
    assert not left or not keys or max(keys) <= min(left)

    drawn = timeline(lines, today)
    dated = [r for r in lines if r.due is not None and r.status in ("overdue", "due", "met")]
    if not dated:
        assert drawn is None
        return
    assert sorted(m.on for m in drawn.marks) == sorted(r.due for r in dated)
    assert all(MARGIN <= m.x <= WIDTH - MARGIN for m in drawn.marks)
    assert MARGIN <= drawn.today_x <= WIDTH - MARGIN
    # Marks in one lane never overlap.
    lanes: dict[float, list[float]] = {}
    for m in drawn.marks:
        lanes.setdefault(m.y, []).append(m.x)
    for xs in lanes.values():
        xs.sort()
        assert all(b - a >= 12 for a, b in itertools.pairwise(xs))
