"""What users read of a rule, and where its wording came from (provenance.py)."""

from pathlib import Path

from casereview.procedure import provenance
from casereview.procedure.regime import Regime, load_all


def test_a_citation_keeps_its_clause_and_loses_its_notes():
    assert provenance.split_citation("Rotherham 19.1 (a)") == ("Rotherham 19.1 (a)", [])
    assert provenance.split_citation("WT2013 regulation 5(2)") == ("WT2013 regulation 5(2)", [])
    assert provenance.split_citation("WT2006 chapter 8 (Oxfordshire 7.1; Solihull)") == (
        "WT2006 chapter 8",
        ["Oxfordshire 7.1; Solihull"],
    )
    assert provenance.split_citation("WT2010 chapter 8 [unverified]") == (
        "WT2010 chapter 8",
        ["unverified"],
    )
    assert provenance.governing("Rotherham 19.6 (WT2006 8.36)") == "Rotherham 19.6"


def test_a_reason_loses_the_sources_consulted_and_the_domain_notes():
    why = (
        "Good practice under WT2006; required from 2010 (DOMAIN.md §3, unverified); "
        "DOMAIN.md does not say whether 2013 changed it."
    )
    text, notes = provenance.split_why(why)
    assert text == "Good practice under WT2006; required from 2010."
    assert notes == ["DOMAIN.md §3, unverified", "DOMAIN.md does not say whether 2013 changed it"]
    assert provenance.user_why("So that nothing is lost (Oxfordshire 7.1; Solihull).") == (
        "So that nothing is lost."
    )
    assert provenance.user_why("Plain reason (with an aside).") == "Plain reason (with an aside)."


def test_no_citation_or_reason_a_user_reads_carries_provenance():
    for regime in load_all().values():
        for rule in (*regime.criteria, *regime.obligations):
            shown = [rule.citation, getattr(rule, "why", "")]
            for text in shown:
                for marker in ("unverified", "DOMAIN.md", "Oxfordshire", "Solihull", "["):
                    assert marker not in text, f"{regime.id} {rule.id}: {text}"


def test_an_old_stored_version_is_shown_without_its_notes_too():
    regime = load_all()["rotherham_wt2006"]
    data = regime.to_data()
    data["obligations"] = list(data["obligations"])
    data["obligations"][0] = {
        **data["obligations"][0],
        "citation": "WT2006 chapter 8 [unverified]",
        "why": "Because (London 19.1).",
    }
    data.pop("name")  # versions stored before regimes had short names
    old = Regime.from_data(data)
    assert old.obligations[0].citation == "WT2006 chapter 8"
    assert old.obligations[0].why == "Because."
    assert old.display_name == regime.title


def test_the_notes_of_a_file_are_read_from_its_comments(tmp_path: Path):
    path = tmp_path / "demo.toml"
    path.write_text(
        "# The file's own notes.\n"
        "# Second line.\n\n"
        'id = "demo"\n\n'
        "[settings]\n"
        "# Five working days [unverified].\n"
        'notify_within = "5 working days"\n\n'
        "# --- A stage ---\n\n"
        "[[obligation]]\n"
        'id = "first"\n'
        "# Provenance: Oxfordshire 7.1; Solihull\n"
        'citation = "WT2006 chapter 8"\n\n'
        "# Provenance: London 19.1\n"
        "[[obligation]]\n"
        'id = "second"\n'
        'citation = "WT2006 chapter 8 [unverified]"\n',
        encoding="utf-8",
    )
    notes = provenance.file_notes(path)
    assert notes.header == ["The file's own notes.", "Second line."]
    assert notes.settings == {"notify_within": ["Five working days [unverified]."]}
    assert notes.entries["first"] == ["Provenance: Oxfordshire 7.1; Solihull"]
    assert notes.entries["second"] == ["Provenance: London 19.1", "unverified"]


def test_the_regime_files_keep_provenance_in_comments_not_in_citations():
    """After a merge, a new entry written the old way ("[unverified]" in its citation) fails
    here: move the note into a `# Provenance:` comment (the issue 9 rewrite script does)."""
    import tomllib

    from casereview.procedure.regime import REGIME_DIR

    for path in sorted(REGIME_DIR.glob("*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        assert raw.get("name"), f"{path.name}: give the regime a short name"
        for entry in [*raw.get("criterion", []), *raw.get("obligation", [])]:
            where = f"{path.name}: {entry['id']}"
            assert provenance.split_citation(entry["citation"])[1] == [], where
            assert provenance.split_why(entry.get("why", ""))[1] == [], where
