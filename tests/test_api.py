"""The public Python API, used the way the README shows and nothing else."""
import moji_lint

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


def test_clean_text_is_left_alone():
    text = "Tiếng Việt có dấu, Þórður, 饕餮, ├──, 👍🏽\n"
    assert moji_lint.check_text(text) == []
    assert moji_lint.fix_text(text) == text
