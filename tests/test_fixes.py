"""Applying fixes: edits, precedence, encodings, and atomic writes."""
import os
import stat

import pytest

from conftest import write
from moji_lint.encodings import Document
from moji_lint.findings import Edit, Finding, Fix, Location
from moji_lint.fixes import FileChanged, fixed_bytes, spans_after, touches, write_atomic

HERE = Location(1, 1, 1, 1)


def finding(*edits, safe=True, transcode=False):
    return Finding("MOJ001", HERE, "m", Fix(tuple(edits), safe, transcode))


def test_edits_apply_and_unsafe_ones_wait_for_the_flag():
    doc = Document(b"abc def\n", "abc def\n")
    findings = [finding(Edit(0, 3, "ABC")), finding(Edit(4, 7, "DEF"), safe=False)]
    assert fixed_bytes(doc, findings) == b"ABC def\n"
    assert fixed_bytes(doc, findings, unsafe=True) == b"ABC DEF\n"


def test_an_earlier_finding_wins_over_an_overlapping_one():
    doc = Document(b"line one\nline two\n", "line one\nline two\n")
    delete = finding(Edit(9, 18, ""))
    inside = finding(Edit(9, 13, "LINE"), Edit(0, 4, "LINE"))
    assert fixed_bytes(doc, [delete, inside]) == b"line one\n"


def test_bytes_that_are_not_utf8_are_kept_where_not_edited():
    data = b"caf\xe9 \xc3\xa9t\xc3\xa9\n"
    doc = Document(data, data.decode("utf-8", "surrogateescape"))
    assert fixed_bytes(doc, [finding(Edit(0, 3, "CAF"))]) == b"CAF\xe9 \xc3\xa9t\xc3\xa9\n"


def test_transcode_writes_utf8_and_keeps_line_endings():
    data = "Привет\r\nмир\r\n".encode("cp1251")
    doc = Document(data, data.decode("cp1251"), "cp1251")
    assert fixed_bytes(doc, [finding(transcode=True)]) == "Привет\r\nмир\r\n".encode("utf-8")


def test_edits_in_a_legacy_file_keep_its_encoding():
    data = "Привет мир\n".encode("cp1251")
    doc = Document(data, data.decode("cp1251"), "cp1251")
    assert fixed_bytes(doc, [finding(Edit(7, 10, "свет"))]) == "Привет свет\n".encode("cp1251")
    assert fixed_bytes(doc, [finding(Edit(7, 10, "世界"))]) == data


def test_edits_in_a_legacy_file_with_bytes_that_do_not_decode_leave_it_as_it_is():
    data = "世界 ".encode("big5") + b"\x8f\xfe abc\n"
    doc = Document(data, data.decode("cp950", "surrogateescape"), "cp950")
    assert fixed_bytes(doc, [finding(Edit(len(doc.text) - 4, len(doc.text) - 1, "ABC"))]) == data


def test_bom_is_kept_unless_transcoded():
    doc = Document(b"\xef\xbb\xbfab\n", "ab\n", "utf-8-sig")
    assert fixed_bytes(doc, [finding(Edit(0, 1, "A"))]) == b"\xef\xbb\xbfAb\n"
    assert fixed_bytes(doc, [finding(transcode=True)]) == b"ab\n"


def test_write_atomic_keeps_permissions_and_leaves_no_temporary_file(tmp_path):
    path = write(tmp_path / "a.sh", b"old")
    os.chmod(path, 0o751)
    write_atomic(str(path), b"new", original=b"old")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o751
    assert os.listdir(tmp_path) == ["a.sh"]


def test_write_atomic_refuses_a_file_that_changed(tmp_path):
    path = write(tmp_path / "a.txt", b"changed meanwhile")
    with pytest.raises(FileChanged):
        write_atomic(str(path), b"new", original=b"old")
    assert path.read_bytes() == b"changed meanwhile"
    assert os.listdir(tmp_path) == ["a.txt"]


@pytest.mark.parametrize("edit, touched", [
    (Edit(5, 7, "x"), True),  # overlaps the span (6, 8)
    (Edit(4, 6, "x"), False),  # ends where it starts
    (Edit(8, 8, "x"), False),  # an insertion at its end
    (Edit(7, 7, "x"), True),  # an insertion inside it
    (Edit(9, 12, ""), True),  # a deletion across the empty span (10, 10)
    (Edit(10, 12, ""), False),  # from it
])
def test_an_edit_touches_text_that_an_earlier_fix_wrote(edit, touched):
    assert touches([edit], [(6, 8), (10, 10)]) is touched


def test_spans_move_with_the_edits_before_them_and_the_edits_add_theirs():
    assert spans_after([(10, 12)], [Edit(2, 4, "abcd"), Edit(12, 13, "")]) == [(2, 6), (12, 14), (14, 14)]
