"""The notifications and reviews lists as CSV and XLSX downloads: the rows the page shows,
no one else's, with formula-like cells neutralised, and the download audited."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from casereview.audit.models import AuditEvent
from conftest import make_notification, verified_client, with_review


def test_lists_download_as_csv_and_xlsx_with_formulas_neutralised(world, foreign_notification):
    world.board.name = '=HYPERLINK("http://example.invalid")'
    world.board.save()
    case = with_review(
        make_notification(world.board, world.user("board_manager"), agencies=[world.police]),
        world.user("board_chair"),
    )
    client = verified_client(world.user("board_manager"))

    response = client.get(reverse("cases:list"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Reference" and [r[0] for r in rows[1:]] == [case.reference]
    assert rows[1][1] == '\'=HYPERLINK("http://example.invalid")'
    assert foreign_notification.reference not in response.content.decode()

    response = client.get(reverse("reviews:list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == case.review.reference
    assert values[1][1].startswith("'=")
    assert sheet.cell(2, 2).data_type == "s"
    exports = AuditEvent.objects.filter(action="list").exclude(detail__export=None)
    assert sorted(e.detail["export"] for e in exports) == ["csv", "xlsx"]

    # An agency author's download holds only what their page shows.
    health = verified_client(world.health_author).get(reverse("cases:list"), {"format": "csv"})
    assert case.reference not in health.content.decode()
