"""DUP001: a block that is a garbled copy of another block of the same file."""
import pytest

from conftest import write
from moji_lint.chains import Chain
from moji_lint.duplicates import MIN_INDEXED_CHARS, Junctions, Stream, break_searches, find_garbled_duplicates
from moji_lint.encodings import Document
from moji_lint.findings import LineIndex, Location
from moji_lint.fixes import fixed_bytes

GBK_AS_CP1252 = Chain("gbk", "sloppy-cp1252", "GBK text decoded as Latin-1/cp1252")
UTF8_AS_CP1252 = Chain("utf-8", "sloppy-cp1252", "UTF-8 text decoded as Latin-1/cp1252")

NOTICE = (
    "关于举办春季读书会的通知\n"
    "各部门：为营造良好的学习氛围，经研究决定于四月举办春季读书会。\n"
    "一、活动时间：四月十日至四月二十日，每周三下午三点。\n"
    "二、活动地点：图书馆二楼报告厅，请提前十分钟入场。\n"
    "三、参加人员：全体职工，欢迎家属一同参加。\n"
    "请各部门于四月五日前将报名表交至办公室。\n"
)

LETTER = (
    "Dear members, the spring reading circle starts on the tenth of April.\n"
    "We meet every Wednesday at three in the library, second floor.\n"
    "Please send your registration form to the office before the fifth.\n"
    "Families are welcome, and coffee will be served after each session.\n"
)

# Lines that end and start with letters, so that every break is worth a search.
INVENTORY = "".join(f"Entry {i} on shelf {i % 7} row {i // 7} holds {i * 37 % 101} copies\n" for i in range(240))


def rewrap(text, width, gap="\n\n", joiner=""):
    """``text`` joined into one run and cut every ``width`` characters, as extractors leave pasted text."""
    run = joiner.join(text.splitlines())
    fragments = [run[i:i + width].strip() for i in range(0, len(run), width)]
    return gap.join(f for f in fragments if f) + "\n"


def garble(text, chain, start=0):
    """``text`` with its lines from ``start`` on mis-decoded through ``chain``."""
    lines = text.split("\n")
    return "\n".join(chain.garble(line) if i >= start else line for i, line in enumerate(lines))


def duplicates(text):
    return find_garbled_duplicates(LineIndex(text))


def fixed(text):
    """The file after applying the DUP001 fixes."""
    return fixed_bytes(Document(text.encode("utf-8"), text), duplicates(text)).decode("utf-8")


def test_a_rewrapped_misdecoded_copy_after_its_twin_is_found_and_deleted():
    copy = garble(rewrap(NOTICE, 14), GBK_AS_CP1252, start=4)
    text = NOTICE + "\n\n" + copy
    [finding] = duplicates(text)
    assert finding.code == "DUP001"
    assert finding.location == Location(9, 1, 27, 19)
    assert finding.message == (
        "lines 9-27 are a garbled copy of lines 1-6 "
        "(re-wrapped, GBK text decoded as Latin-1/cp1252; 100% of the text)"
    )
    assert finding.related == (Location(1, 1, 6, 21),)
    assert finding.fixable
    assert fixed(text) == NOTICE


def test_a_copy_before_its_twin_is_found_and_deleted():
    copy = garble(rewrap(NOTICE, 20), GBK_AS_CP1252, start=2)
    text = copy + "\n" + NOTICE
    [finding] = duplicates(text)
    assert finding.message == (
        "lines 1-13 are a garbled copy of lines 15-20 "
        "(re-wrapped, GBK text decoded as Latin-1/cp1252; 100% of the text)"
    )
    assert fixed(text) == NOTICE


def test_a_copy_that_is_only_rewrapped():
    copy = rewrap(LETTER, 45, gap="\n", joiner=" ")
    text = LETTER + "\n" + copy
    [finding] = duplicates(text)
    assert (finding.location.line, finding.location.end_line) == (6, 11)
    assert finding.message == "lines 6-11 are a garbled copy of lines 1-4 (re-wrapped; 100% of the text)"
    assert fixed(text) == LETTER


def test_in_a_program_a_copy_must_be_misdecoded():
    rewrapped = LETTER + "\n" + rewrap(LETTER, 45, gap="\n", joiner=" ")
    assert find_garbled_duplicates(LineIndex(rewrapped), source_code=True) == []
    misdecoded = NOTICE + "\n\n" + garble(rewrap(NOTICE, 14), GBK_AS_CP1252, start=4)
    assert find_garbled_duplicates(LineIndex(misdecoded), source_code=True) == duplicates(misdecoded) != []


def test_a_copy_that_is_only_misdecoded():
    text = LETTER.replace("coffee", "café") + "\n" + garble(LETTER.replace("coffee", "café"), UTF8_AS_CP1252)
    clean = LETTER.replace("coffee", "café")
    [finding] = duplicates(text)
    assert (finding.location.line, finding.location.end_line) == (6, 9)
    assert finding.message == (
        "lines 6-9 are a garbled copy of lines 1-4 (UTF-8 text decoded as Latin-1/cp1252; 100% of the text)"
    )
    assert fixed(text) == clean


def test_a_wholly_misdecoded_chinese_copy():
    text = NOTICE + "\n" + garble(NOTICE, GBK_AS_CP1252)
    [finding] = duplicates(text)
    assert finding.message == (
        "lines 8-13 are a garbled copy of lines 1-6 (GBK text decoded as Latin-1/cp1252; 100% of the text)"
    )
    assert fixed(text) == NOTICE


def test_a_truncated_copy_that_starts_late():
    lines = NOTICE.splitlines(keepends=True)
    copy = rewrap("".join(lines[1:])[:70], 16)
    text = NOTICE + "\n\n\n" + garble(copy, GBK_AS_CP1252, start=2)
    [finding] = duplicates(text)
    assert finding.message == (
        "lines 10-18 are a garbled copy of lines 1-6 "
        "(re-wrapped, GBK text decoded as Latin-1/cp1252; 50% of the text)"
    )
    assert fixed(text) == NOTICE


def test_a_copy_between_two_other_texts_keeps_one_gap():
    copy = rewrap(NOTICE, 18)
    text = NOTICE + "\n" + copy + "\n\n" + LETTER
    [finding] = duplicates(text)
    assert fixed(text) == NOTICE + "\n" + LETTER


def test_a_line_that_lost_a_byte_does_not_stop_the_copy():
    copy = garble(rewrap(NOTICE, 15), GBK_AS_CP1252).split("\n")
    copy[6] = copy[6][:5] + copy[6][6:]  # one byte of a two-byte character lost
    text = NOTICE + "\n" + "\n".join(copy)
    [finding] = duplicates(text)
    assert "1 line with lost bytes" in finding.message
    assert finding.fixable
    assert fixed(text) == NOTICE


def test_a_copy_whose_only_extractor_breaks_are_around_a_line_that_lost_a_character_is_found():
    twin = "一、活动时间：四月十日至四月二十日，每周三下午三点。\n"
    copy = "一、活动时间：四月\n\n十日四\n\n月二十日，每周三下午三点。\n"  # "十日至四" lost its "至"
    [finding] = duplicates(twin + "\n" + copy)
    assert finding.message == (
        "lines 3-7 are a garbled copy of line 1 (re-wrapped, 1 line with lost bytes; 100% of the text)"
    )


def test_a_copy_of_a_damaged_twin_is_reported_without_a_safe_fix():
    twin = NOTICE.replace("读书会。", "读书会锟斤拷。")
    text = twin + "\n" + garble(rewrap(twin, 14), GBK_AS_CP1252)
    [finding] = duplicates(text)
    assert not finding.fixable
    assert fixed(text) == text


def test_a_verbatim_repeat_is_not_a_finding():
    refrain = "Row, row, row your boat\nGently down the stream\nMerrily, merrily, merrily\n"
    assert duplicates(LETTER + "\n" + refrain + "\n" + refrain + "\n" + LETTER) == []


def test_different_texts_sharing_sentences_are_not_findings():
    first = (
        "The library opens at nine. Please bring your card.\n"
        "Books are due in three weeks and can be renewed once online.\n"
        "Late returns cost ten cents a day.\n"
    )
    second = (
        "The pool opens at seven. Please bring your card.\n"
        "Books are due in three weeks and can be renewed\n"
        "once online. Towels are for rent at the desk.\n"
    )
    assert duplicates(first + "\n" + second) == []


def test_code_wrapped_two_ways_is_not_a_finding():
    code = (
        "total = compute_totals(orders, customers, discounts, taxes, currency)\n"
        "\n"
        "total = compute_totals(orders, customers,\n"
        "                       discounts, taxes, currency)\n"
    )
    assert duplicates(code) == []


def test_code_written_two_ways_with_a_changed_line_is_not_a_finding():
    """An ASCII line cannot have lost a byte, and breaks at spaces before blank lines are no extractor's."""
    code = (
        "class Stack:\n"
        "\n"
        "    def __init__(self, limit):\n"
        "        self.limit = limit\n"
        "        self.items = []\n"
        "\n"
        "    def __len__(self): return len(self.items)\n"
        "\n"
        "    def push(self, item):\n"
        "        if len(self.items) >= self.limit: raise OverflowError\n"
        "        self.items.append(item)\n"
        "        return item\n"
        "\n"
        "\n"
        "class LoggedStack:\n"
        "\n"
        "    def __init__(self, limit):\n"
        "        self.limit = limit\n"
        "        self.items = []\n"
        "\n"
        "    def __len__(self):\n"
        "        return len(self.items)\n"
        "\n"
        "    def push(self, item):\n"
        "        if len(self.items) >= self.limit:\n"
        "            raise OverflowError\n"
        "        self.items.append(logged(item))\n"
        "        return item\n"
    )
    assert duplicates(code) == []


def test_a_docstring_rewrapped_by_hand_is_not_a_finding():
    first = (
        "    A lease must be returned by the worker that took it. Once a\n"
        "    worker holds a lease, the same worker may take it again\n"
        "    without waiting; the worker must return it once for each time it\n"
        "    has taken it.\n"
        "\n"
        '    """\n'
        "    return 1\n"
        "\n"
    )
    second = (
        "    A lease must be returned by the worker that took it. Once a\n"
        "    worker holds a lease, the same worker may take it\n"
        "    again without waiting; the worker must return it once for each time\n"
        "    it has taken it.\n"
        "\n"
        '    """\n'
    )
    assert duplicates(first + second) == []


def test_a_copy_in_a_long_file_is_found_through_the_junction_index():
    text = LETTER + "\n" + INVENTORY + "\n" + rewrap(LETTER, 23)
    assert len(Stream(text).text) >= MIN_INDEXED_CHARS
    [finding] = duplicates(text)
    assert finding.message == "lines 247-269 are a garbled copy of lines 1-4 (re-wrapped; 100% of the text)"
    assert fixed(text) == LETTER + "\n" + INVENTORY


def test_the_junction_index_rules_out_exactly_the_searches_that_would_find_nothing():
    stream = Stream(LETTER + "\n" + INVENTORY + "\n" + rewrap(LETTER, 23))
    junctions = Junctions(stream)
    searches = [span for spans in break_searches(stream) for span in spans]
    kept = [span for span in searches if junctions.may_occur_unbroken(*span)]
    assert kept == [span for span in searches if stream.occurs_unbroken(*span)]
    assert (len(searches), len(kept)) == (252, 10)


def test_the_junction_index_never_rules_out_a_text_that_occurs_unbroken():
    # Every short stretch of a stream with every junction, inside a gram or not: a kept search may find
    # nothing, a search ruled out never finds anything.
    stream = Stream(LETTER + "\n" + rewrap(LETTER, 23))
    junctions = Junctions(stream)
    n = len(stream.text)
    spans = [(start, end, junction) for start in range(n) for end in range(start + 1, min(n, start + 24) + 1)
             for junction in range(end - start + 1)]
    assert all(junctions.may_occur_unbroken(*span) for span in spans if stream.occurs_unbroken(*span))


def test_the_repairs_may_use_every_character_of_the_stream_and_no_other():
    stream = Stream(NOTICE + "\n" + LETTER + "\ttabs\x0band\u3000wide\u2028spaces\n")
    assert stream.repairer.alphabet == frozenset(stream.text)
    assert Stream(LETTER).repairer.alphabet == frozenset()  # ASCII text was read right: no repairs


def test_a_clean_file_has_no_findings():
    assert duplicates(NOTICE + "\n" + LETTER) == []
    assert duplicates("") == []
    assert duplicates("\n\n \n") == []


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_crlf_files_keep_their_line_endings(newline):
    copy = garble(rewrap(NOTICE, 14), GBK_AS_CP1252, start=3)
    text = (NOTICE + "\n\n" + copy).replace("\n", newline)
    [finding] = duplicates(text)
    assert fixed(text) == NOTICE.replace("\n", newline)


def test_the_seed_copy_is_deleted_byte_for_byte(shared, tmp_path, run_cli):
    seed = shared / "seed"
    path = write(tmp_path / "zhangqiu-2021.txt", (seed / "zhangqiu-2021.txt").read_bytes())
    [finding] = duplicates(path.read_text(encoding="utf-8"))
    assert (finding.location.line, finding.location.end_line) == (21, 147)
    assert finding.related == (Location(1, 1, 17, finding.related[0].end_column),)
    assert finding.message.startswith("lines 21-147 are a garbled copy of lines 1-17 (re-wrapped, GBK text")
    run_cli("--fix", path)
    assert path.read_bytes() == (seed / "zhangqiu-2021.expected.txt").read_bytes()
    run_cli("--fix", path)
    assert path.read_bytes() == (seed / "zhangqiu-2021.expected.txt").read_bytes()


def test_an_original_after_its_copy_is_never_taken_for_the_copy():
    # The copy joined the lines and broke them where the original has spaces or punctuation: judged as a copy
    # of the copy, the original's own line ends fall inside the copy's lines, where an extractor's would.
    original = ["警告：找不到和 %s 匹配的条目", '无法在表达式中使用系统列"%s"', "消息不应包含“\\%c”转义序列",
                '无法创建目录 "%s": %m', "-R, --reject=列表 逗号分隔的扩展名列表", "尝试写入未在索引中的提交",
                "用法： %s [选项] %s"]
    copy = ['警告：找不到和 %s 匹配的条目无法在表达式中使用系统列"', '%s"消息不应包含“\\%', 'c”转义序列无法创建目录 "%s": %m-R,',
            "--reject=列表", "逗号分隔的扩展名列表尝试写入未在索引中的提交用法： %s", "[选项] %s"]
    assert duplicates("\n".join(copy) + "\n\n\n\n" + "\n".join(original) + "\n") == []


def test_the_seed_copy_alone_has_no_twin(shared):
    text = (shared / "seed" / "zhangqiu-2021.garbled-copy.txt").read_text(encoding="utf-8")
    assert duplicates(text) == []
