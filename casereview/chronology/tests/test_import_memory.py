"""Imports stream: the peak memory of importing a file ten times larger stays within a small
factor of the smaller one's (tracemalloc counts Python's allocations)."""

from __future__ import annotations

import tracemalloc

import pytest

from casereview.chronology.importing import service
from casereview.chronology.importing.service import make_import, run_import
from casereview.chronology.models import ChronologyEntry, ImportStatus
from casereview.chronology.services import chronology_for
from conftest import review_of

from .helpers import csv_bytes, rows, xlsx_bytes


def peak_of(world, path) -> int:
    review = review_of(world, agencies=[world.police], family_name=f"Test{path.stem}")
    started = make_import(chronology_for(review, world.police), path.name)
    tracemalloc.start()
    try:
        result = run_import(started, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.status == ImportStatus.DONE, result.errors[:3]
    assert ChronologyEntry.objects.filter(imported_by=result).count() == result.rows_read
    return peak


@pytest.mark.parametrize(("kind", "small"), [("csv", 600), ("xlsx", 300)])
def test_peak_memory_does_not_grow_with_the_file(world, tmp_path, monkeypatch, kind, small):
    # Batches smaller than both files, so that both reach the same batch size.
    monkeypatch.setattr(service, "BATCH", 200)
    make = csv_bytes if kind == "csv" else xlsx_bytes
    paths = []
    for count in (small, small * 10):
        path = tmp_path / f"f{count}.{kind}"
        path.write_bytes(make(rows(count, "", start=count)))
        paths.append(path)
    small_peak, large_peak = (peak_of(world, p) for p in paths)
    assert large_peak < 2.5 * small_peak, (small_peak, large_peak)
