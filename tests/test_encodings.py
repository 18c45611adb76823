"""Reading bytes: ENC001 (not UTF-8), ENC002 (mixed encodings), ENC003 (UTF-8 BOM), binary files."""
from __future__ import annotations

import codecs
import csv
import sysconfig
from pathlib import Path

import pytest

from moji_lint.api import fix_bytes
from moji_lint.encodings import VENDOR_FAMILY, Document, looks_binary, read_document
from moji_lint.findings import Edit, Location
from moji_lint.fixes import fixed_bytes

CHINESE = (
    "关于创建全国文明城市的通知\n"
    "各区、各部门：为进一步提高城市文明程度，市政府决定开展创建活动。\n"
    "请各单位认真组织，积极参与，按时完成各项工作任务。\n"
)
TRADITIONAL = (
    "關於建立文明城市的通知\n"
    "各單位請認真組織，積極參與，按時完成各項工作。\n"
    "這是一個很長的句子，用來測試繁體中文的編碼偵測。\n"
)
JAPANESE = (
    "東京都は日本の首都です。\n"
    "私たちは毎日学校で日本語を勉強しています。\n"
    "このファイルはシフトJISで保存されました。\n"
)
KOREAN = (
    "대한민국의 수도는 서울입니다.\n"
    "우리는 매일 학교에서 한국어를 공부합니다.\n"
    "이 파일은 완성형 인코딩으로 저장되었습니다.\n"
)
RUSSIAN = (
    "Москва — столица России.\n"
    "Этот файл сохранён в кодировке Windows-1251.\n"
    "Мы проверяем, что программа его узнаёт.\n"
)
FRENCH = (
    "Le café de la gare est fermé à cause des grèves.\n"
    "Ça arrive souvent en été, mais ce n’est pas grave.\n"
    "Les élèves préfèrent le thé.\n"
)


def read(data: bytes, allowed=()):
    document, findings = read_document(data, allowed)
    return document, findings


def only(findings, code):
    assert [f.code for f in findings] == [code]
    return findings[0]


# ENC001: legacy encodings -------------------------------------------------------------------


@pytest.mark.parametrize("text, codec, named, first_line_length", [
    (CHINESE, "gbk", "gb18030", 13),
    (TRADITIONAL, "big5", "cp950", 11),
    (JAPANESE, "shift_jis", "cp932", 12),
    (KOREAN, "euc_kr", "cp949", 16),
    (RUSSIAN, "cp1251", "cp1251", 24),
    (FRENCH, "cp1252", "cp1252", 48),
])
def test_legacy_file_is_named_and_transcoded(text, codec, named, first_line_length):
    data = text.encode(codec)
    document, findings = read(data)
    finding = only(findings, "ENC001")
    assert finding.location == Location(1, 1, 1, first_line_length + 1)
    assert finding.encoding == named
    assert document == Document(data, text, named)
    assert finding.fix.transcode and finding.fix.edits == () and finding.fix.safe
    assert "confident" in finding.message
    assert fixed_bytes(document, findings) == text.encode("utf-8")


def test_legacy_file_keeps_crlf_line_endings():
    text = RUSSIAN.replace("\n", "\r\n")
    document, findings = read(text.encode("cp1251"))
    assert only(findings, "ENC001").encoding == "cp1251"
    assert fixed_bytes(document, findings) == text.encode("utf-8")


def test_large_legacy_file_is_guessed_from_its_head():
    text = RUSSIAN * 4000  # more than the guess reads
    document, findings = read(text.encode("cp1251"))
    assert only(findings, "ENC001").fix.safe
    assert fixed_bytes(document, findings) == text.encode("utf-8")


def test_short_ambiguous_file_gets_an_unsafe_fix_only():
    data = "Straße".encode("cp1252")  # one letter beyond ASCII: many code pages read it
    document, findings = read(data)
    finding = only(findings, "ENC001")
    assert not finding.fix.safe
    assert "a guess" in finding.message
    assert fixed_bytes(document, findings) == data
    assert fixed_bytes(document, findings, unsafe=True) == document.text.encode("utf-8")


@pytest.mark.parametrize("text, codec", [
    ("Swedish letters: åäö ÅÄÖ\n", "cp1252"),
    ("сохранить последнее помощь данные справка удалось\nбуфера отменить справка прочитать сохранить изменения\n",
     "cp866"),
])
def test_letter_lists_and_small_letters_only_are_named(text, codec):
    assert only(read(text.encode(codec))[1], "ENC001").encoding == codec


def test_double_byte_file_with_a_few_bytes_that_do_not_decode_is_named_without_a_fix():
    """A Big5 file with a byte pair that no Big5 table maps (vim's Chinese tutor has a few dozen) is still Big5,
    named as a guess; but a decoder may read the bytes after such a pair out of step, so nothing transcodes it."""
    data = TRADITIONAL.encode("big5") * 3 + b"\x8f\xfe" + TRADITIONAL.encode("big5")
    document, findings = read(data)
    finding = only(findings, "ENC001")
    assert VENDOR_FAMILY[finding.encoding] == "Big5" and "of its bytes do not decode in it (no fix)" in finding.message
    assert finding.fix is None and fixed_bytes(document, findings, unsafe=True) == data


# ENC001: UTF-16 and UTF-32 ------------------------------------------------------------------

WIDE_TEXT = "Hello, world\nПривет, мир\n"


@pytest.mark.parametrize("codec, named, reason", [
    ("utf-16-le", "utf-16-le", "NUL bytes"),
    ("utf-16-be", "utf-16-be", "NUL bytes"),
    ("utf-16", "utf-16", "byte order mark"),
    ("utf-32", "utf-32", "byte order mark"),
    ("utf-32-le", "utf-32-le", "NUL bytes"),
    ("utf-32-be", "utf-32-be", "NUL bytes"),
])
def test_utf16_and_utf32_with_and_without_bom(codec, named, reason):
    data = WIDE_TEXT.encode(codec)
    document, findings = read(data)
    finding = only(findings, "ENC001")
    assert finding.encoding == named and reason in finding.message
    assert finding.location == Location(1, 1, 1, 13)
    assert document.text == WIDE_TEXT
    assert finding.fix.safe
    assert fixed_bytes(document, findings) == WIDE_TEXT.encode("utf-8")
    assert not looks_binary(data)


def test_utf16_big_endian_bom():
    data = codecs.BOM_UTF16_BE + WIDE_TEXT.encode("utf-16-be")
    document, findings = read(data)
    assert only(findings, "ENC001").encoding == "utf-16"
    assert fixed_bytes(document, findings) == WIDE_TEXT.encode("utf-8")


def test_ascii_only_utf16_is_not_taken_for_utf8():
    data = "plain ascii text\n".encode("utf-16-le")  # valid UTF-8 too, NULs and all
    assert only(read(data)[1], "ENC001").encoding == "utf-16-le"


@pytest.mark.parametrize("data", [b"some code\nint x = 1;\x00\nmore lines here ok!\n", b"ab\x00cd\nefgh\n!"])
def test_stray_nul_in_utf8_is_binary_not_utf16(data):
    assert read(data) == (Document(data, data.decode("utf-8"), "utf-8"), [])
    assert looks_binary(data)


def test_tilde_brace_in_ascii_is_not_hz():
    assert read(b"x ~{a,b}~} y\n")[1] == []


def test_hz_text_is_named_but_only_guessed():
    data = CHINESE.encode("hz")
    document, findings = read(data)
    finding = only(findings, "ENC001")
    assert finding.encoding == "hz" and not finding.fix.safe
    assert fixed_bytes(document, findings, unsafe=True) == CHINESE.encode("utf-8")


def test_iso2022_jp_is_named_by_its_escape_sequences():
    data = JAPANESE.encode("iso2022_jp")
    document, findings = read(data)
    finding = only(findings, "ENC001")
    assert finding.encoding == "iso2022_jp" and finding.fix.safe
    assert fixed_bytes(document, findings) == JAPANESE.encode("utf-8")


# Declared and allowed encodings -------------------------------------------------------------


def test_coding_cookie_that_decodes_is_no_finding():
    data = "# -*- coding: latin-1 -*-\nname = 'Jürgen'\n".encode("latin-1")
    document, findings = read(data)
    assert findings == []
    assert document.encoding == "iso8859_1" and "Jürgen" in document.text


def test_xml_declaration_that_decodes_is_no_finding():
    data = '<?xml version="1.0" encoding="windows-1251"?>\n<name>Москва</name>\n'.encode("cp1251")
    document, findings = read(data)
    assert findings == []
    assert document.encoding == "cp1251" and "Москва" in document.text


def test_html_meta_charset_is_read_through_the_vendor_superset():
    data = '<html><head><meta charset="shift_jis"></head><body>東京</body></html>\n'.encode("shift_jis")
    document, findings = read(data)
    assert findings == []
    assert document.encoding == "cp932" and "東京" in document.text


def test_gettext_header_charset_is_a_declaration():
    """Messages in small letters only read better as Cyrillic than as Greek to text statistics; the header says."""
    data = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-7\\n"\n\n'
            'msgid "input file contains fuzzy translations"\n'
            'msgstr "το αρχείο εισόδου περιέχει προσεγγιστικές μεταφράσεις"\n').encode("iso8859_7")
    document, findings = read(data)
    assert findings == []
    assert document.encoding == "iso8859_7" and "μεταφράσεις" in document.text


def test_declaration_that_decodes_stands_whatever_text_statistics_say():
    """One µ reads as little text in any code page (the stdlib's xmltestdata/test.xml): the declaration decides."""
    data = '<?xml version="1.0" encoding="iso-8859-1"?>\n<doc><LI>Lunch</LI><LI>5 µm</LI></doc>\n'.encode("latin-1")
    assert read(data) == (Document(data, data.decode("latin-1"), "iso8859_1"), [])


def test_allowed_encoding_that_decodes_stands_whatever_text_statistics_say():
    assert read(b"# Bj\xf6rk \xd8yvind\n", ["latin1"])[1] == []


def test_allowed_encoding_does_not_hide_bytes_that_do_not_decode_in_it():
    data = TRADITIONAL.encode("big5") * 3 + b"\x80" + TRADITIONAL.encode("big5")
    document, findings = read(data, ["cp950"])
    assert only(findings, "ENC001").fix is None


def test_declaration_that_does_not_decode_is_ignored():
    text = "<?xml version=\"1.0\" encoding=\"us-ascii\"?>\n" + CHINESE
    document, findings = read(text.encode("gbk"))
    assert only(findings, "ENC001").encoding == "gb18030"
    assert document.text == text


def test_allowed_encoding_is_no_finding():
    data = CHINESE.encode("gbk")
    document, findings = read(data, allowed=("gbk",))
    assert findings == []
    assert document == Document(data, CHINESE, "gbk")


def test_allowed_encoding_does_not_hide_runs_in_a_utf8_file():
    lines = CHINESE.splitlines(keepends=True)
    data = lines[0].encode("utf-8") + lines[1].encode("gbk") + lines[2].encode("utf-8")
    assert [f.code for f in read(data, allowed=("gbk",))[1]] == ["ENC002"]


def test_allowed_utf16_byte_order_accepts_a_bom_file():
    data = WIDE_TEXT.encode("utf-16-le")
    document, findings = read(codecs.BOM_UTF16_LE + data, allowed=("utf-16-le",))
    assert findings == [] and document.text == WIDE_TEXT


def test_utf8_file_is_utf8_whatever_is_allowed():
    data = CHINESE.encode("utf-8")
    assert read(data, allowed=("latin-1",)) == (Document(data, CHINESE, "utf-8"), [])


# ENC002: mixed encodings ---------------------------------------------------------------------


def test_gbk_line_in_a_chinese_utf8_file():
    lines = CHINESE.splitlines(keepends=True)
    data = lines[0].encode("utf-8") + lines[1].encode("gbk") + lines[2].encode("utf-8")
    document, findings = read(data)
    finding = only(findings, "ENC002")
    assert finding.encoding == "gb18030"
    assert finding.location.line == 2 and finding.location.end_line == 2
    assert finding.fix.safe
    assert document.encoding == "utf-8"
    assert fixed_bytes(document, findings) == CHINESE.encode("utf-8")


def test_run_inside_a_line_is_reported_at_its_column():
    data = "Город: Москва\nСтолица: ".encode("utf-8") + "Россия".encode("cp1251") + b"!\n"
    document, findings = read(data)
    finding = only(findings, "ENC002")
    assert finding.encoding == "cp1251"
    assert finding.location == Location(2, 10, 2, 16)
    assert finding.fix.edits == (Edit(23, 29, "Россия"),)
    assert fixed_bytes(document, findings) == "Город: Москва\nСтолица: Россия!\n".encode("utf-8")


@pytest.mark.parametrize("context, line, codec", [
    # cp1250 reads the line at the same cost: ş for the ș the file writes
    ("Locație poziție, fișier și afișare.\nNumele entității este corect.\n",
     "Nume fișier pentru a fi încărcat și afișat\n", "iso8859_16"),
    # cp1253 reads it as Greek letters at the same cost, which the file writes too, in a word it quotes
    ("שלום לכולם, זהו קובץ בעברית.\nהמילה היוונית αβγ δλπ σω מופיעה כאן.\nתודה רבה על העזרה.\n",
     "גנרית של 102 מקשים למחשב\n", "cp1255"),
])
def test_of_codecs_that_read_a_run_about_as_well_the_one_of_the_file_s_script_and_letters_wins(context, line, codec):
    document, findings = read(context.encode("utf-8") + line.encode(codec))
    assert only(findings, "ENC002").encoding == codec
    assert fixed_bytes(document, findings) == (context + line).encode("utf-8")


@pytest.mark.parametrize("context, line, codec", [
    ("Не удалось открыть файл.\nПривет, как дела? Всё хорошо.\n", "цена: 20 €\n", "cp1251"),  # not И, MacCyrillic
    ("Vorgabeprivilegien für neue Typen\nEs gibt keinen Schlüssel für Škoda\n", "Alle Elemente auswählen\n",
     "latin-1"),  # one Š in the file makes no š its own
    ("командата не може да бъде стартирана\n", "Неизвестна грешка\n", "cp1251"),  # not cp949's Han, a bit cheaper
    ("Неизвестный размер регистров с плавающей запятой\n", "Закаталинский район\n", "koi8_r"),  # not cp874's Thai
])
def test_a_near_tie_of_codecs_goes_to_the_file_s_letters_only_where_it_writes_them(context, line, codec):
    document, findings = read(context.encode("utf-8") + line.encode(codec))
    assert fixed_bytes(document, findings) == (context + line).encode("utf-8")


def test_one_finding_per_line_and_the_file_language_chooses_the_codec():
    lines = JAPANESE.splitlines(keepends=True)
    data = lines[0].encode("cp932") + lines[1].encode("utf-8") + lines[2].encode("cp932")
    document, findings = read(data)
    assert [(f.code, f.line, f.encoding) for f in findings] == [("ENC002", 1, "cp932"), ("ENC002", 3, "cp932")]
    assert fixed_bytes(document, findings) == JAPANESE.encode("utf-8")


def test_stray_byte_that_no_codec_explains_has_no_safe_fix():
    data = (RUSSIAN * 3 + "код \x00").encode("utf-8").replace(b"\x00", b"\x98") + b"\n"
    document, findings = read(data)
    finding = only(findings, "ENC002")
    assert finding.line == 10
    assert finding.fix is None or not finding.fix.safe
    assert fixed_bytes(document, findings) == data
    assert document.text.endswith("\udc98\n")


# ENC003 and edge cases -----------------------------------------------------------------------


def test_utf8_bom_finding_and_fix():
    data = b"\xef\xbb\xbf# Title\n"
    document, findings = read(data)
    finding = only(findings, "ENC003")
    assert finding.location == Location(1, 1, 1, 1)
    assert document == Document(data, "# Title\n", "utf-8-sig")
    assert fixed_bytes(document, findings) == b"# Title\n"


def test_utf8_bom_allowed_by_editorconfig():
    assert read(b"\xef\xbb\xbf# Title\n", allowed=("utf-8-sig",))[1] == []


def test_empty_file():
    assert read(b"") == (Document(b"", "", "utf-8"), [])
    assert not looks_binary(b"")


def test_binary_file():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
    assert looks_binary(png)
    assert not looks_binary(CHINESE.encode("gbk"))
    assert read(png)[0].data == png  # reading never raises


def test_clean_utf8_is_no_finding():
    text = CHINESE + RUSSIAN + FRENCH + "├── src/ 👍🏽 ﾊﾝｶｸ Tiếng Việt\n"
    assert read(text.encode("utf-8")) == (Document(text.encode("utf-8"), text, "utf-8"), [])


# Generality: the interpreter's own CJK test texts -------------------------------------------

CJK_TESTS = Path(sysconfig.get_paths()["stdlib"]) / "test" / "cjkencodings"


@pytest.mark.parametrize("codec", ["big5", "gb2312", "gbk", "gb18030", "shift_jis", "euc_jp", "euc_kr",
                                   "iso2022_jp", "iso2022_kr"])
def test_cpython_cjk_samples(codec):
    legacy, utf8 = CJK_TESTS / f"{codec}.txt", CJK_TESTS / f"{codec}-utf8.txt"
    if not legacy.exists():
        pytest.skip("the interpreter ships no test/cjkencodings")
    document, findings = read(legacy.read_bytes())
    finding = only(findings, "ENC001")
    assert legacy.read_bytes().decode(finding.encoding) == utf8.read_bytes().decode("utf-8")
    assert fixed_bytes(document, findings, unsafe=True) == utf8.read_bytes()


def test_encodings_benchmark_utf8_files_pass_clean(shared):
    folder = shared / "bench" / "encodings"
    with open(folder / "manifest.tsv", newline="") as f:
        rows = [row for row in csv.DictReader(f, delimiter="\t") if row["encoding"] in ("utf_8", "ascii")]
    for row in rows:
        assert read((folder / row["path"]).read_bytes())[1] == [], row["path"]


def test_a_utf8_file_with_a_stray_byte_is_mixed_not_legacy():
    """Regression: one stray byte in a short UTF-8 file made it a 'confident' GB18030 file."""
    data = "Één café, 北京, Ж\n".encode().replace(b"n caf", b"n\xc3caf")
    document, findings = read_document(data)
    assert document.encoding == "utf-8"
    assert [f.code for f in findings] == ["ENC002"]
    assert fix_bytes(data) == data


def test_a_mixed_run_does_not_read_the_valid_utf8_around_it_again():
    """Regression: a whole-line reading re-decoded a UTF-8 line's own letters in the run's codec."""
    data = "Les cafés ont été fermés à Pékin: ".encode() + "北京".encode("gbk") + " — vérifié.\n".encode()
    document, findings = read_document(data)
    for finding in findings:
        for edit in finding.fix.edits if finding.fix else ():
            assert "\udc80" <= min(document.text[edit.start:edit.end])


MANY_KINDS = (  # characters of many kinds, in neighbourhoods that cost something
    "\tL'été à Paris — «Ça va?» Ж北京Ωσ ÃƒÂ© ¤ ┌─┐a│ ก่ า่ ่ 한국어 \u3164 カタカナ ｶﾀ x\u0301\u0301 \ue000\x85\u200b"
    " aÉ жЖ d’accord ’tis 北 京 北\t京 a北b Ωa ÿ́ ١٢ \U0001f389 "
)


def direct_costs(text: str) -> list:
    """The cost of each character beyond ASCII of ``text`` among its own neighbours."""
    from moji_lint.encodings import char_cost

    padded = "  " + text + " "
    return [char_cost(c, padded[i + 1], padded[i + 3], padded[i]) for i, c in enumerate(text) if not c.isascii()]


def costs_by_kinds(text: str) -> list:
    from moji_lint import encodings

    return list(map(encodings.NEIGHBOURHOOD_COSTS.__getitem__, encodings.neighbourhoods(text)))


def test_a_character_costs_what_its_neighbourhood_of_kinds_costs():
    assert costs_by_kinds(MANY_KINDS) == direct_costs(MANY_KINDS)
    assert len(set(direct_costs(MANY_KINDS))) > 5


def test_costs_stay_the_same_when_the_remembered_ones_are_forgotten(monkeypatch):
    from moji_lint import encodings

    monkeypatch.setattr(encodings, "MAX_REMEMBERED", 3)
    monkeypatch.setattr(encodings, "CHAR_KINDS", encodings.CharKinds())
    monkeypatch.setattr(encodings, "NEIGHBOURHOOD_COSTS", encodings.NeighbourhoodCosts())
    assert costs_by_kinds(MANY_KINDS) == direct_costs(MANY_KINDS)
    assert len(encodings.CHAR_KINDS) <= 3 and len(encodings.NEIGHBOURHOOD_COSTS) <= 3


def test_a_utf8_character_cut_short_by_a_lossy_round_trip_is_reported_not_decoded():
    """Regression: "编码" whose last byte became "?" was decoded as GBK ("鐮?") and "fixed"."""
    data = "if (description.includes('编码')) capabilities.push('质性编".encode() + b"\xe7\xa0?);\n"
    document, findings = read_document(data)
    assert [(f.code, f.message, f.fix) for f in findings] == [
        ("ENC002", "a UTF-8 character cut short (e7 a0, then '?'): its last byte was lost", None)]
    assert fix_bytes(data) == data


def test_legacy_bytes_that_happen_to_form_utf8_next_to_a_run_are_part_of_it():
    from moji_lint.encodings import mixed_runs
    from moji_lint.fixes import apply_edits

    line = "无法删除目录\"%s\": %m\n"
    text = ("关于创建文明城市的通知已经发布，请各单位认真学习。\n" + line.encode("gbk").decode("utf-8", "surrogateescape"))
    [finding] = mixed_runs(text)
    assert "Ŀ¼" in text and finding.fix.safe
    assert apply_edits(text, finding.fix.edits).endswith(line)


def test_legacy_bytes_read_in_a_script_the_file_hardly_writes_lose_to_its_own_script():
    """The cp874 bytes of a Thai word are GBK too (``嘿渺唷古压挫``); two Han characters in a Thai file do not make
    Chinese its language."""
    from moji_lint.encodings import mixed_runs
    from moji_lint.fixes import apply_edits

    thai = ("พาธของออบเจ็กต์ที่จะสำรวจตรวจตรา แพกเกจที่ยังประกอบรวมไม่เสร็จ\n"
            "ตัวโหลดรูปภาพ PNM ไม่รองรับรูปแบบ PNM ย่อยนี้ การเบนแฟ้มเป็นการภายในไปยัง: %s\n"
            "ไม่สามารถใช้การกระทำ datagram กับซ็อกเก็ตที่ไม่ได้เป็น datagram ได้\n"
            "ไม่สามารถสร้างแฟ้มเดสก์ท็อป %s สำหรับผู้ใช้ (ตัวอักษรเต็มความกว้าง: 全角)\n")
    line = "บูร์เกนลันด์\n"
    text = thai + line.encode("cp874").decode("utf-8", "surrogateescape")
    [finding] = mixed_runs(text)
    assert finding.encoding == "cp874" and finding.fix.safe
    assert apply_edits(text, finding.fix.edits) == thai + line


@pytest.mark.parametrize("quoted, line, codec", [
    ("Arabic: سلام", "مرحبا بالعالم كيف حالك اليوم", "cp1256"),
    ("Hebrew: שלום", "שלום עולם מה שלומך היום", "cp1255"),
    ("Thai: สวัสดี", "สวัสดีครับ ยินดีต้อนรับ", "cp874"),
])
def test_a_legacy_line_in_a_script_that_the_file_quotes_once_is_read_in_it(quoted, line, codec):
    """A word of the script elsewhere in an English file makes it the reading's own, not a stranger's."""
    english = "The quick brown fox jumps over the lazy dog and keeps running through the field. " * 4 + "\n"
    data = (english * 3 + quoted + "\n").encode() + line.encode(codec) + b"\n"
    assert fix_bytes(data) == (english * 3 + quoted + "\n" + line + "\n").encode()


def test_marks_that_stack_on_any_script_cost_nothing_on_another_mark():
    """A keycap on a variation selector, a general diacritic on a Thai or Hebrew mark; the kinds that stand for
    characters must tell such marks from the small Latin letters after them (U+0363-U+036F), met first or not."""
    from moji_lint.encodings import mark_cost, profile_of

    assert mark_cost("\u20e3", "\ufe0f") == 0
    assert [profile_of(text).penalty for text in ("\u0e15\u0e49\u0301", "\u05e9\u05b0\u0300")] == [0, 0]
    assert profile_of("\u0e15\u0e49\u0367").penalty > 0


@pytest.mark.parametrize("line, mark", [
    ("การอ้างอิงกลับไม่ถูกต้อง\n", "\u0367"),  # อง: a combining Latin letter on the Thai tone mark before it
    ("นูสาเตงการาตะวันออก\n", "\u0361"),  # อก: a combining double breve, on the Thai consonant before it
])
def test_legacy_bytes_that_form_a_mark_of_another_script_on_thai_are_part_of_the_run(line, mark):
    """The cp874 bytes of the last Thai letters are UTF-8 too: a mark that no Thai text puts there."""
    from moji_lint.encodings import mixed_runs
    from moji_lint.fixes import apply_edits

    thai = "พาธของออบเจ็กต์ที่จะสำรวจตรวจตรา แพกเกจที่ยังประกอบรวมไม่เสร็จ\nไม่สามารถสร้างแฟ้มเดสก์ท็อป %s สำหรับผู้ใช้\n"
    text = thai + line.encode("cp874").decode("utf-8", "surrogateescape")
    assert text.endswith(mark + "\n")
    [finding] = mixed_runs(text)
    assert finding.fix.safe and apply_edits(text, finding.fix.edits) == thai + line


def test_a_portuguese_name_in_legacy_bytes_inside_german_text_is_fixed():
    from moji_lint.encodings import mixed_runs
    from moji_lint.fixes import apply_edits

    german = "Der Server läuft nicht. Die Größe der Datei ist ungültig.\n" * 3
    line = "Die Verzeichnisse stammen von verschiedenen Hauptversionen. Gavião, Pará\n"
    text = german + line.encode("cp1252").decode("utf-8", "surrogateescape")
    [finding] = mixed_runs(text)
    assert apply_edits(text, finding.fix.edits) == german + line
