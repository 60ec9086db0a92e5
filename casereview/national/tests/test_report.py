import io
import re
from datetime import date

import pikepdf
import pytest
import time_machine
from django.core.management import CommandError, call_command

from casereview.national import charts
from casereview.national.report import build, period
from casereview.national.report_csv import all_tables_zip, table_csv
from casereview.national.report_pdf import render, report_html

from .search_helpers import make_record

pytestmark = pytest.mark.django_db


def _world():
    for n in range(7):
        make_record(
            [(f"Lesson {n}: the school did not share information.", ["information_sharing"])],
            age_band="under_1" if n < 6 else "age_11_15",
            completed_month=date(2025, 1 + n, 1),
            timeliness={"decision_in_time": True, "completed_in_time": n < 5},
        )
    # The previous period (April 2022 to March 2024).
    for _ in range(5):
        make_record(
            [("Neglect was seen.", ["neglect"])],
            completed_month=date(2023, 5, 1),
        )
    make_record(
        [("Listen to the community's leaders.", [])],
        completed_month=date(2025, 2, 1),
    )


def _table(overview, key):
    return next(t for t in overview.tables if t.key == key)


def test_the_numbers_of_the_period_with_small_cells_suppressed():
    _world()
    overview = build(period("2024-04", "2026-03"))
    assert overview.reviews == 8
    assert overview.previous.start == date(2022, 4, 1)
    assert _table(overview, "reviews").rows[1][1] == 5
    ages = dict((r[0], r[1]) for r in _table(overview, "age_band").rows)
    assert ages == {"Under 1": 7, "11 to 15": None}
    themes = _table(overview, "leading_themes").rows
    # None in the previous period: 0 is shown (it reveals no child), so is the change.
    assert themes[0] == ["Information sharing", 7, 0, "+7"]
    timeliness = {r[0]: r[1:] for r in _table(overview, "timeliness").rows}
    assert timeliness["Decision made within the regime's time"] == [8, 8, "suppressed"]
    assert timeliness["Review completed within its timescale"] == [5, 8, "suppressed"]
    csv = table_csv(_table(overview, "age_band"))
    assert csv.splitlines() == [",Reviews", "Under 1,7", "11 to 15,[c]"]
    # No count of 1 to 4 anywhere in the exports.
    for table in overview.tables:
        for row in table.rows:
            assert not any(isinstance(c, int) and 0 < c < 5 for c in row), (table.key, row)


def test_same_inputs_give_the_same_numbers_and_the_same_bytes_apart_from_the_date():
    _world()
    p = period("2024-04", "2026-03")
    with time_machine.travel("2026-05-01 09:00Z", tick=False):
        first = render(build(p), date(2026, 5, 1))
        first_zip = all_tables_zip(build(p))
    with time_machine.travel("2026-05-03 17:30Z", tick=False):
        second = render(build(p), date(2026, 5, 1))
        second_zip = all_tables_zip(build(p))
        other_day = render(build(p), date(2026, 5, 3))
    assert first == second
    assert first_zip == second_zip
    assert first != other_day
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20260501")
        assert str(pdf.docinfo["/Producer"]) == "casereview"


def test_the_command_writes_the_pdf_and_the_csv(tmp_path):
    _world()
    out = tmp_path / "report.pdf"
    call_command(
        "national-report",
        "--from",
        "2024-04",
        "--to",
        "2026-03",
        "--out",
        str(out),
        "--csv",
        str(tmp_path / "csv"),
        "--date",
        "2026-05-01",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert (tmp_path / "csv" / "leading_themes.csv").read_text().startswith("Theme,")


def test_the_charts_stand_beside_their_tables_and_never_draw_a_suppressed_count():
    _world()
    overview = build(period("2024-04", "2026-03"))
    prevalence = _table(overview, "theme_prevalence").rows
    by_theme_year = {(r[0], r[1]): r[2:] for r in prevalence}
    # 2025 incidents: 13 reviews in both periods; information sharing in 7 of them.
    count, of, share, low, high = by_theme_year[("Information sharing", "2025")]
    assert (count, of, share) == (7, 13, 53.8)
    assert low < share < high
    # Neglect: 5 reviews of 13 shown; "Listen to..." has no theme.
    assert by_theme_year[("Neglect", "2025")][:2] == [5, 13]
    drawn = charts.overview(overview.tables)
    assert set(drawn) == {"theme_prevalence", "age_band", "outcome"}
    age = str(drawn["age_band"])
    # One drawn bar (Under 1: 7); "11 to 15" (1 review) is labelled [c], not drawn.
    assert age.count("<rect") == 1 and "[c]" in age
    assert "<title" in str(drawn["theme_prevalence"])
    html = report_html(overview, date(2026, 5, 1))
    assert html.count("<svg") == 3
    assert html.index('id="chart-age-profile-t"') < html.index("<caption>Age of the child")


def test_a_theme_suppressed_in_a_year_is_not_drawn_in_the_prevalence_chart():
    for n in range(6):
        make_record(
            [("Information was not shared.", ["information_sharing"] if n < 3 else [])],
            completed_month=date(2025, 3, 1),
        )
    for year, n in ((2024, 6), (2023, 7)):
        for _ in range(n):
            make_record(
                [("Information was not shared.", ["information_sharing"])],
                incident_month=date(year, 1, 1),
                completed_month=date(2025, 3, 1),
            )
    overview = build(period("2024-04", "2026-03"))
    rows = {r[1]: r[2:] for r in _table(overview, "theme_prevalence").rows}
    assert rows["2025"] == [None, 6, None, None, None]  # 3 of 6: suppressed with its share
    # Secondary suppression: 2024's 6 would give 2025's 3 away from the theme's total.
    assert rows["2024"][:3] == [None, 6, None]
    assert rows["2023"][:3] == [7, 7, 100.0]
    svg = str(charts.overview(overview.tables)["theme_prevalence"])
    assert svg.count("<circle") == 1  # 2023 only


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-12", "--to", "2027-03"], "the period starts after the report's date"),
        (
            ["--from", "2024-04", "--to", "2026-03", "--date", "2024-03-31"],
            "the period starts after the report's date (31 March 2024)",
        ),
        (
            ["--from", "2024-04", "--to", "2026-03", "--date", "2026-11-30"],
            "the report's date cannot be in the future",
        ),
        (
            ["--from", "2024-04", "--to", "2026-03", "--date", "2026-13-01"],
            "--date '2026-13-01' is not a date like 2026-05-01",
        ),
        (["--from", "2024-13", "--to", "2026-03"], "'2024-13' is not a month like 2024-04"),
        (["--from", "2026-03", "--to", "2024-04"], "the period ends before it starts"),
    ],
)
@time_machine.travel("2026-11-29 12:00", tick=False)
def test_the_command_refuses_a_period_or_date_that_cannot_be(tmp_path, args, message):
    out = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("national-report", *args, "--out", str(out), stdout=io.StringIO())
    assert not out.exists()


@time_machine.travel("2026-11-29 12:00", tick=False)
def test_a_period_running_past_the_report_date_counts_what_is_completed_so_far(tmp_path):
    _world()
    out = tmp_path / "report.pdf"
    stdout = io.StringIO()
    call_command(
        "national-report",
        *("--from", "2025-04", "--to", "2027-03", "--out", str(out)),
        stdout=stdout,
        stderr=io.StringIO(),
    )
    assert "April 2025 to March 2027" in stdout.getvalue()
    assert out.read_bytes().startswith(b"%PDF")
