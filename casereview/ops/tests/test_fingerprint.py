"""The fingerprint of a backup: the same data always gives the same hashes, other data not."""

import pytest
from django.db import connection

from casereview.ops import fingerprint


def table_hashes() -> dict:
    with connection.cursor() as cursor:
        return fingerprint.tables(cursor, connection)


@pytest.mark.django_db
def test_a_table_without_a_key_hashes_the_same_whatever_the_insertion_order():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE ops_keyless (a integer, b text)")
        cursor.execute("INSERT INTO ops_keyless VALUES (1, 'y'), (1, 'x'), (0, 'z')")
        first = table_hashes()["ops_keyless"]
        cursor.execute("DELETE FROM ops_keyless")
        cursor.execute("INSERT INTO ops_keyless VALUES (0, 'z'), (1, 'x'), (1, 'y')")
        assert table_hashes()["ops_keyless"] == first == {"rows": 3, "sha256": first["sha256"]}
        cursor.execute("UPDATE ops_keyless SET b = 'w' WHERE b = 'x'")
        assert table_hashes()["ops_keyless"]["sha256"] != first["sha256"]


def test_differences_name_what_is_missing_added_or_changed():
    backup = {"a.pdf": "1", "b.pdf": "2", "c.pdf": "3"}
    now = {"a.pdf": "1", "b.pdf": "9", "d.pdf": "4"}
    assert fingerprint.differences(backup, now, "document") == [
        "document c.pdf: missing",
        "document d.pdf: not in the backup",
        "document b.pdf: 2 in the backup, 9 now",
    ]
    assert fingerprint.differences(backup, dict(backup), "document") == []


def test_files_are_listed_by_relative_path_with_their_sha256(tmp_path):
    (tmp_path / "1").mkdir()
    (tmp_path / "1" / "x.pdf").write_bytes(b"abc")
    assert fingerprint.files(tmp_path) == {
        "1/x.pdf": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    }
    assert fingerprint.files(tmp_path / "missing") == {}
