"""The public Python API, used the way the README shows and nothing else."""
import moji_lint
from moji_lint import Edit, Finding, Fix, Location

DAMAGED = "Titre\nL'Ã©tÃ© dernier\n"


def test_check_text_returns_findings_with_positions():
    [finding] = moji_lint.check_text(DAMAGED)
    assert (finding.code, finding.location.line, finding.location.column, finding.fixable) == ("MOJ001", 2, 3, True)


def test_fix_text_and_fix_bytes():
    assert moji_lint.fix_text(DAMAGED) == "Titre\nL'été dernier\n"
    assert moji_lint.fix_bytes(DAMAGED.encode()) == "Titre\nL'été dernier\n".encode()


def test_options_select_rules():
    assert moji_lint.check_text(DAMAGED, moji_lint.options(select=["ENC"])) == []
    assert moji_lint.fix_text(DAMAGED, moji_lint.options(ignore=["MOJ001"])) == DAMAGED


def test_check_then_fixed_in_one_pass():
    data = "关于\n".encode("gbk") * 20
    result = moji_lint.check(data)
    assert [f.code for f in result.findings] == ["ENC001"]
    assert moji_lint.fixed(result, unsafe=True) == "关于\n".encode("utf-8") * 20


def test_a_fix_makes_the_fixes_its_result_shows_too():
    """Three lines of four are cp1251 read as cp1252: the check finds two, and the file once they are repaired
    shows the third (``äà``, a word of two letters alone). One run of ``--fix`` repairs all three, and a second
    has nothing left to do."""
    right = "да\nСоединение с сервером прервано.\nБулево значение\nневерный тип устройства %s\n"
    garbled = "".join((line.encode("cp1251").decode("cp1252") if n != 1 else line) + "\n"
                      for n, line in enumerate(right.splitlines()))
    assert garbled == "äà\nСоединение с сервером прервано.\nÁóëåâî çíà÷åíèå\níåâåðíûé òèï óñòðîéñòâà %s\n"
    assert sorted({f.location.line for f in moji_lint.check_text(garbled)}) == [3, 4]
    assert moji_lint.fix_text(garbled) == right
    assert moji_lint.check_text(right) == []


def test_a_later_round_of_fixes_uses_the_chains_of_the_earlier_ones():
    """review 13: once cp1251's repairs of a line were made, what was left of it (``ÎÁÐ``) read as KOI8-R's
    ``нап`` in the next round, where ``ОБР`` was written. A later round repairs with the chains already used."""
    from moji_lint.api import may_follow

    def repair(chain):
        return Finding("MOJ001", Location(1, 1, 1, 4), "m", Fix((Edit(20, 23, "нап"),)), chain=chain)

    koi8, cp1251 = repair("koi8_r>sloppy-cp1252"), repair("cp1251>sloppy-cp1252")
    assert not may_follow([koi8], list(koi8.fix.edits), [(0, 10)], {"cp1251>sloppy-cp1252"})
    assert may_follow([cp1251], list(cp1251.fix.edits), [(0, 10)], {"cp1251>sloppy-cp1252"})
    assert not may_follow([cp1251], list(cp1251.fix.edits), [(15, 21)], {"cp1251>sloppy-cp1252"})  # on its text


def test_a_later_round_of_fixes_repairs_mojibake_only():
    """An ENC002 run read as Big5 only once MOJ001 repaired its neighbour: a later round repairs mojibake only."""
    data = b"t\xc3\xa9\xc3\x83\xc2\xa9xd\xb0\xc3\xae\xc3\xa2\xc3"
    assert moji_lint.fix_bytes(data) == data


def test_clean_text_is_left_alone():
    text = "Tiếng Việt có dấu, Þórður, 饕餮, ├──, 👍🏽\n"
    assert moji_lint.check_text(text) == []
    assert moji_lint.fix_text(text) == text


SOURCE = "# Pöp's name, written PÃ¶p\nkey = 'PÃ¶p'  # the test's garbled input\n"


def test_repairs_inside_a_programs_string_literals_are_unsafe():
    code = moji_lint.options(source_code=True)
    comment, literal = moji_lint.check_text(SOURCE, code)
    assert (comment.location.line, comment.fixable) == (1, True)
    assert (literal.location.line, literal.location.column, literal.fixable) == (2, 9, False)
    assert moji_lint.fix_text(SOURCE, code) == SOURCE.replace("written PÃ¶p", "written Pöp")
    assert moji_lint.fix_text(SOURCE, code, unsafe=True) == SOURCE.replace("PÃ¶p", "Pöp")
    assert moji_lint.fix_text(SOURCE) == SOURCE.replace("PÃ¶p", "Pöp")


def test_quoted_spans_skip_escapes_and_quotes_left_open():
    from moji_lint.checker import quoted_spans

    line = r'''f("a\"b", 'it''s', `t`) # don't'''
    assert [line[a:b] for a, b in quoted_spans(line)] == [r'a\"b', "it", "s", "t"]
