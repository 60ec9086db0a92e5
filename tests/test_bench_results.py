"""`make bench` writes its summary table, with the date and the machine, into a generated
section of bench/RESULTS.md and keeps the hand-written notes around it (bench/README.md)."""

from __future__ import annotations

import os

from bench import run


def _result(benchmark: str, ratio: float, backend: str = "sqlite") -> dict:
    return {
        "benchmark": benchmark,
        "title": "board dashboard",
        "dataset": {"backend": backend, "scale": "board"},
        "figure": "66.4 ms",
        "floor_figure": "6.2 ms",
        "ratio": ratio,
        "goal": "≤ 3 × trivial view",
        "verdict": "n/a",
        "measured_at": "2026-11-28T21:49:00+00:00",
    }


def test_the_summary_goes_between_the_markers_and_the_notes_stay(tmp_path, monkeypatch):
    results_md = tmp_path / "RESULTS.md"
    results_md.write_text("# Measured results\n\nHand-written notes.\n")
    monkeypatch.setattr(run, "RESULTS_MD", results_md)

    run._write_markdown([_result("page: dashboard", 10.7)])
    run._write_markdown([_result("page: dashboard", 2.5)])

    text = results_md.read_text()
    assert text.startswith("# Measured results\n\nHand-written notes.\n")
    assert text.count(run.BEGIN) == 1 and text.count(run.END) == 1
    assert "| page: board dashboard | sqlite | board | 2026-11-28 21:49 | 66.4 ms" in text
    assert "2.5 ×" in text and "10.7 ×" not in text
    assert f"Machine: {os.cpu_count()} CPUs (" in text and "SQLite 3." in text
    for name, _ in run.NOT_BUILT:
        assert f"| {name} |" in text
    assert text.count("not built yet") == len(run.NOT_BUILT)


def test_the_text_after_the_section_is_kept_too(tmp_path, monkeypatch):
    results_md = tmp_path / "RESULTS.md"
    results_md.write_text(f"Before.\n{run.BEGIN}\nold table\n{run.END}\nAfter.\n")
    monkeypatch.setattr(run, "RESULTS_MD", results_md)
    run._write_markdown([_result("compliance_evaluation", 38.0)])
    text = results_md.read_text()
    assert text.startswith("Before.\n") and text.endswith(f"{run.END}\nAfter.\n")
    assert "old table" not in text and "| compliance_evaluation | sqlite |" in text
