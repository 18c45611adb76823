"""Property tests of the library: any input holds the invariants; real text is left alone; damage is undone.

The damage comes from the mojibench corpus generator, imported from the
shared benchmark folder (the tests that need it skip where it is absent).
Example counts are modest so the suite stays fast; fuzz/run.py has the big budget.
"""
import random
import sys
from difflib import SequenceMatcher

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conftest import REPO, SHARED
import moji_lint.chains  # noqa: F401 - registers the sloppy-cpNNNN codecs
from moji_lint import check_bytes, fix_bytes

sys.path.insert(0, str(REPO / "fuzz"))
from invariants import violations  # noqa: E402

MOJIBENCH = SHARED / "bench" / "mojibench"
CODECS = ["utf-8", "utf-16", "cp1252", "cp1251", "gbk", "big5", "shift_jis", "euc_kr", "koi8_r", "latin-1", "mac_roman"]
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CORPUS = settings(  # a seed does not shrink: no shrinking phase
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


def encoded_in_some_codec(text: str, codec: str) -> bytes:
    return text.encode(codec, "replace")


pieces = st.one_of(
    st.binary(max_size=40),
    st.builds(encoded_in_some_codec, st.text(max_size=40), st.sampled_from(CODECS)),
    st.sampled_from([b"\n", b"\r\n", b"\r", b"\xef\xbb\xbf", b"\xc3\xa9", b"\xc3\x83\xc2\xa9", b"\xe9", b"\x00"]),
)
file_bytes = st.lists(pieces, max_size=12).map(b"".join)


@FAST
@given(st.binary(max_size=400))
@example(b"\xc3\x89\xc3\xa9n\xe2\x82af\xc3\xa9, \xe5\x8c\x97\xe4\xba\xac, \xd0\x96\n")  # read as GBK: no edits on a guess
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe" + "odd".encode("utf-16-le") + b"!")
def test_any_bytes_hold_the_invariants(data):
    assert violations(data) == []


@FAST
@given(file_bytes)
def test_bytes_made_of_text_in_several_encodings_hold_the_invariants(data):
    assert violations(data) == []


@FAST
@given(st.text(max_size=300))
def test_any_text_as_utf8_holds_the_invariants(text):
    assert violations(text.encode("utf-8", "surrogatepass")) == []


# The corpus generator: clean text from the pool, and each kind of damage it makes.


class Generator(tuple):
    """(the make_corpus module, its sentence pool), shown briefly in failure reports."""

    def __repr__(self):
        return "<mojibench generator>"


@pytest.fixture(scope="module")
def generator():
    """The mojibench corpus generator module and its sentence pool, read in place."""
    if not (MOJIBENCH / "make_corpus.py").is_file():
        pytest.skip("the mojibench generator is not present")
    sys.path.insert(0, str(MOJIBENCH))
    import make_corpus

    pool = {p.stem: p.read_text("utf-8").splitlines() for p in sorted((MOJIBENCH / "pool").glob("*.txt"))}
    if not pool:
        pytest.skip("the mojibench pool is empty")
    return Generator((make_corpus, pool))


class Sample:
    """A document made by the generator: its clean bytes, its damaged bytes, and each line both ways."""

    def __init__(self, module, lines, damaged_lines, newline, data=None):
        self.original = module.render(lines, newline).encode("utf-8")
        self.data = data if data is not None else module.render(damaged_lines, newline).encode("utf-8")
        self.lines, self.damaged_lines = lines, damaged_lines


def builder(generator, seed):
    module, pool = generator
    rng = random.Random(seed)
    return module, module.Builder(pool, rng), rng, rng.choice(sorted(pool)), "\r\n" if rng.random() < 0.2 else "\n"


def mojibake_sample(generator, seed, lossy=False):
    module, build, rng, lang, newline = builder(generator, seed)
    lines = build.clean(lang)
    damaged = list(lines)
    bad, _ = build.mojibake(lang, damaged, lossy=lossy)
    return Sample(module, lines, damaged, newline) if bad else None


def legacy_sample(generator, seed):
    module, build, rng, lang, newline = builder(generator, seed)
    if lang not in module.LEGACY:
        return None
    lines = build.clean(lang)
    codec = rng.choice(module.LEGACY[lang] + ["utf-16"])
    try:
        data = module.render(lines, newline).encode(codec)
    except UnicodeEncodeError:
        return None
    return Sample(module, lines, lines, newline, data)


def mixed_sample(generator, seed):
    module, build, rng, lang, newline = builder(generator, seed)
    if lang not in module.LEGACY:
        return None
    lines = build.clean(lang)
    codec = module.LEGACY[lang][0]
    targets = set(rng.sample(range(len(lines)), min(len(lines), rng.randint(1, 3))))
    parts = [line.encode(codec, "strict") if i in targets and encodable(line, codec) else line.encode() for i, line in
             enumerate(lines)]
    data = newline.encode().join(parts) + newline.encode()
    return Sample(module, lines, lines, newline, data) if data != module.render(lines, newline).encode() else None


def encodable(text, codec):
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def duplicate_sample(generator, seed):
    module, build, rng, lang, newline = builder(generator, seed)
    lines = build.clean(lang)
    copy = build.garbled_copy(lang, lines)
    gap = [""] * rng.randint(1, 3)
    damaged = lines + gap + copy if rng.random() < 0.7 else copy + gap + lines
    return Sample(module, lines, damaged, newline)


def wrong_repairs(sample: Sample, fixed: bytes):
    """The lines of ``fixed`` changed into text that was not there before the damage: (fixed, damaged, clean).

    A line may be left as it is, restored, or restored in part: each piece of
    text a fix puts in must come from the clean line.
    """
    new = fixed.decode("utf-8", "surrogateescape").split("\n")
    old = sample.data.decode("utf-8", "surrogateescape").split("\n")
    clean = sample.original.decode("utf-8").split("\n")
    if not len(new) == len(old) == len(clean):
        return [("line count", len(new), len(old), len(clean))]
    return [(n, o, c) for n, o, c in zip(new, old, clean) if n not in (o, c) and not restored_in_part(o, n, c)]


def restored_in_part(damaged: str, fixed: str, clean: str) -> bool:
    """True when every piece of text that turned ``damaged`` into ``fixed`` is part of ``clean``."""
    opcodes = SequenceMatcher(None, damaged, fixed, autojunk=False).get_opcodes()
    return all(fixed[j1:j2] in clean for tag, i1, i2, j1, j2 in opcodes if tag in ("replace", "insert"))


seeds = st.integers(0, 2 ** 32 - 1)


@CORPUS
@given(seeds)
def test_clean_text_from_real_sentences_gets_no_findings_and_no_change(generator, seed):
    module, build, rng, lang, newline = builder(generator, seed)
    data = module.render(build.clean(lang), newline).encode("utf-8")
    assert [(f.line, f.code, f.message) for f in check_bytes(data)] == []
    assert fix_bytes(data) == data


@CORPUS
@given(seeds)
def test_mojibake_fix_restores_what_it_changes(generator, seed):
    sample = mojibake_sample(generator, seed)
    if sample is not None:
        assert wrong_repairs(sample, fix_bytes(sample.data)) == []
        assert violations(sample.data) == []


@CORPUS
@given(seeds)
def test_mixed_bytes_fix_restores_what_it_changes(generator, seed):
    sample = mixed_sample(generator, seed)
    if sample is not None:
        fixed = fix_bytes(sample.data)
        assert fixed == sample.data or wrong_repairs(sample, fixed) == []
        assert violations(sample.data) == []


@CORPUS
@given(seeds)
def test_legacy_file_is_transcoded_exactly_or_left(generator, seed):
    sample = legacy_sample(generator, seed)
    if sample is not None:
        assert fix_bytes(sample.data) in (sample.data, sample.original)
        assert violations(sample.data) == []


@CORPUS
@given(seeds)
def test_lost_bytes_are_reported_never_rewritten(generator, seed):
    sample = mojibake_sample(generator, seed, lossy=True)
    if sample is not None:
        assert fix_bytes(sample.data) == sample.data


@CORPUS
@given(seeds)
def test_garbled_duplicate_fix_deletes_the_copy_or_nothing(generator, seed):
    sample = duplicate_sample(generator, seed)
    fixed = fix_bytes(sample.data)
    assert fixed in (sample.data, sample.original)
    assert violations(sample.data) == []


EXACT = pytest.mark.xfail(reason="recall below 100%: some damage is only reported (in some of the files drawn)")


@CORPUS
@given(seeds)
def test_every_mojibake_is_repaired_exactly(generator, seed):
    sample = mojibake_sample(generator, seed)
    if sample is not None:
        assert fix_bytes(sample.data) == sample.original


@CORPUS
@given(seeds)
def test_every_legacy_file_is_transcoded_exactly(generator, seed):
    sample = legacy_sample(generator, seed)
    if sample is not None:
        assert fix_bytes(sample.data) == sample.original


@EXACT
@CORPUS
@given(seeds)
def test_every_mixed_bytes_file_is_decoded_exactly(generator, seed):
    sample = mixed_sample(generator, seed)
    if sample is not None:
        assert fix_bytes(sample.data) == sample.original


@CORPUS
@given(seeds)
def test_every_garbled_duplicate_is_deleted_exactly(generator, seed):
    sample = duplicate_sample(generator, seed)
    assert fix_bytes(sample.data) == sample.original


# Reproducers of broken invariants found by the fuzzer and the property tests (xfail while the rule modules'
# owners work on them; regression tests once fixed).


@pytest.mark.parametrize("data, kept", [
    (b"\xc3\xb3r\xc3\xb0ur \xc3\x86v\x89\xa4 \xe2\x89\xa5 \xe2&\xa0 \xce\xb1 \xce\xb2 \xce\xb3\n"
     b"\xe9\xa5\x95\xe9\xa4\xae \xe9\xad\x91\xe9\xad\x85\xe9\xad\xb5\xe9\xad\x89\n", "órður Æv"),
    (b"L'\xc3\xa9t\xc3\xa9 dernier, nous sommes all\xc3\xa9s \xc3\xa0 la mer.\r\n"
     b"Le caf\xc3\xa9 \xc3\xa9tait excellent, la cr\xc3\xa8me \xc3\xbb\xc3l\xa9rbe aussi.", "Le café était excellent, la crème"),
], ids=["icelandic", "french"])
def test_mixed_bytes_repair_keeps_the_valid_utf8_around_the_run(data, kept):
    """Regression: a line's valid UTF-8 letters were re-read with the run's legacy codec."""
    assert violations(data) == []
    assert kept.encode() in fix_bytes(data)


def test_mixed_bytes_in_iso8859_16_are_not_read_as_cp1250():
    lines = ["Bună ziua, dragi prieteni.", "Școala și țara își țin promisiunea în această săptămână.",
             "Mulțumim pentru răbdare și înțelegere.", "La revedere!"]
    data = b"".join((line.encode("iso8859_16") if i == 1 else line.encode()) + b"\n" for i, line in enumerate(lines))
    assert fix_bytes(data) in (data, "".join(line + "\n" for line in lines).encode())


def test_a_rewrapped_copy_is_deleted_not_the_original():
    original = ["👍🏽 🎉 ✓ ★ ☆ ♥ ♪ ☕ 😀", "%s: 我们不再列出这个目录", "ﾊﾝｶｸ ｶﾀｶﾅ and 全角ＡＢＣ１２３", "请用引号把字符串括起来。",
                "让用户编辑这份清单", '规则 "%s" 已经有了', '不能使用这个命令文件"%s"', "%s: 无法把数组转换成表", "只有管理员能创建用户",
                "文件末尾的字节序列不完整"]
    copy = ["👍🏽 🎉 ✓ ★ ☆ ♥ ♪ ☕", "😀%s: 我们不再列出这个目录ﾊﾝｶｸ ｶﾀｶﾅ and", "全角ＡＢＣ１２３请用引号把字符串括起来。让用户编辑这",
            '份清单规则 "%s" 已经有', '了不能使用这个命令文件"%s"%s: 无法', "把数组转换成表只有管理员能创建用户文件末尾的字节序列不完整"]
    data = "".join(line + "\n" for line in original + [""] + copy).encode()
    assert fix_bytes(data) in (data, "".join(line + "\n" for line in original).encode())


def test_a_repair_is_not_repaired_again():
    assert violations("ÀÄ\x80\x80".encode()) == []


def test_vietnamese_read_as_cp1252_is_repaired_in_one_run():
    clean = "Chúng tôi có nên tác động tới canh đều đoạn văn này không\nMột dòng khác hoàn toàn sạch sẽ.\n"
    garbled = clean.replace("tác động tới canh đều", "tác động tới canh đều".encode().decode("sloppy-cp1252"))
    assert garbled.startswith("Chúng tôi có nên tÃ¡c Ä‘á»™ng tá»›i canh Ä‘á»\x81u")
    data = garbled.encode()
    assert fix_bytes(data) == clean.encode()


@pytest.mark.xfail(reason="encodings: a Shift_JIS file is read as cp932, which maps 0x8160 to U+FF5E, not U+301C",
                   strict=True)
def test_a_shift_jis_file_is_transcoded_exactly():
    text = "値は０〜１００の範囲で指定してください。\n日本語のテキストです。よろしくお願いします。\n"
    assert fix_bytes(text.encode("shift_jis")) in (text.encode("shift_jis"), text.encode())


def test_a_utf16_file_with_odd_text_is_fixed_once():
    assert violations(b"\xff\xfe\x08w\x00O\x00\x00\x07aes0d\x00\x00") == []


def test_no_edits_on_a_guessed_legacy_encoding_whose_finding_is_ignored():
    """Regression: when ENC001 was ignored (here by the comment on line 1), other rules still edited the text of a
    legacy encoding that was only a guess."""
    data = (b"# moji-lint: ignorer, nous sommes all\xc3\x83\xc2\xa9s \xc3\x83\xc2\xa0 la mer.llent, l\xed\xb2\x80r"
            b"\xc3\x83\xc2\xa8me \xa9caf\xe9 \xc3\xff\xc3t\xfe\xa9\xa9  \xed\xa0\x80 \xf4\x90\x80\x80 \xc3\n\xa9  "
            b"\xed\xa0\x80 \xf4\x90af\xe9 \xc3\xff\xc3t\xfe\xa9caf\xe9 \xc3\xff\xc3br\x83\x83\xc2\xbbl\xc3\x83\xc2\xa9e aussi.\n")
    assert violations(data) == []


@pytest.mark.parametrize("text", [
    "O QUE É¿ ISSO É¿\n",  # not "ɿ": a small IPA letter standing alone after capitals
    "tabela ├┤a┼┐a┼┐ fim\n",  # box drawing (cp437) -> "ôaſaſ"
    "├┤a┼┐\n",  # -> "ôaſ"
    "Fórmula: É® e Āø.\n",  # not "ɮ" and a lone cedilla
    "PREKIŲ™ ženklas\n",  # a trademark after a Lithuanian capital, not an Arabic damma on "I" (cp1257)
    "``ela vai pra lá´´ amanhã\n",  # acute accents as a closing quote: "á´´" -> "ᴴ"
    "讟\n",  # a rare Han character on its own line, not a lone Hebrew "ט" (UTF-8 read as GBK)
    "讟 שלום\n",  # the same next to a Hebrew word (as in a Hebrew file with a list of rare characters)
    # Spanish in Polish text: "Ñ" -> "Ń" as if cp1250 read as cp1252 (letter pairs no longer count for one letter)
    "Języki: ESPAÑOL, POLSKI\nUSTAWIENIA POŁĄCZEŃ\nLISTA ZADAŃ\n",
    # Icelandic in Vietnamese text: "ð" -> "đ" as if cp1250 read as cp1252
    "Đà Nẵng đẹp đẽ\nđi đâu đó đều được\nNorðurland eystra\n",
    # a rare Han character standing alone in a Hebrew file, not "ט" (UTF-8 read as GBK): the file writes ט in words
    3 * ("טעינת התמונה נכשלה, נסה שוב מאוחר יותר.\nשגיאה בטעינת הקובץ: הפורמט אינו נתמך.\n"
         "הטקסט נשמר בהצלחה בתיקייה שבחרת.\nלא ניתן לטעון את הטבלה; בדוק את ההגדרות.\n"
         "הטלפון אינו מחובר לרשת. טען מחדש את הדף.\n") + "饕餮 魑魅魍魉 龘 靐 齉 爨 鬱 讟 — 生僻字也是正确的文字\n",
])
def test_text_that_only_looks_garbled_is_left_alone(text):
    assert [f.message for f in check_bytes(text.encode())] == []
    assert fix_bytes(text.encode()) == text.encode()


def cp1250_read_as_cp1252(text: str) -> str:
    return text.encode("cp1250").decode("cp1252")


def test_a_clean_line_next_to_real_mojibake_is_left_alone():
    lines = ["Nie można otworzyć pliku konfiguracyjnego.", "Wystąpił błąd podczas zapisywania zmian.",
             "Ustawienia zostały zapisane pomyślnie.", "Reykjanesbær",
             cp1250_read_as_cp1252("Nierozpoznana opcja z białych znaków: „%s”"),
             cp1250_read_as_cp1252("wyświetlenie całkowitej ilości pamięci i zakończenie pracy"),
             "Proszę sprawdzić połączenie z siecią."]
    data = "".join(line + "\n" for line in lines).encode()
    assert [f.message for f in check_bytes(data) if f.line == 4] == []
    assert fix_bytes(data).split(b"\n")[3] == "Reykjanesbær".encode()


@pytest.mark.xfail(reason="encodings/mojibake/checker: the rules' own fix does not hold in one pass (a second run changes it "
                          "again, so api.fixed withholds it); found by fuzz/run.py", strict=True)
@pytest.mark.parametrize("data", [
    # A UTF-8 Python line with one stray byte is read as GB18030: "Grüß" becomes "Gr眉脽", then MOJ001 repairs it
    b'f-8 -*-\nd\xf0f greet(name):\n    return f"Gr\xc3\xbc\xc3\x9f dich, {name}!"  ',
    b"\x9f\xbbB\xc6\x92",  # read as GB18030 (ENC001) with MOJ001 "茠" -> "ƒ": only the transcoding is applied
    b"\xa0\xc5\xbdg\xe2\x80\x9a",  # the same with Mac Central European and MacRoman mojibake
    b"\xf2\xac\x97\x9c\x83V\t",  # the same with GB18030 and Shift_JIS-as-GBK mojibake
    b"t\xc3\xa9\xc3\x83\xc2\xa9xd\xb0\xc3\xae\xc3\xa2\xc3",  # ENC002 run fixed only after MOJ001's repair
    b"\xc3\x83\xc2\xa9\x00\x00",  # MOJ001 "Ã©" -> "é", and "é\0\0" is then read as UTF-32 LE (ENC001)
    b"L'\xc3\x83\xc6\x92\xc3\x82\xc2\xa9t\xc3\x83\xc6\x92\xc3\x82",  # mojibake of mojibake repaired one layer a run
    b"\xbd\xc2\xa1\xc2\xa3\n\xc3\x8d\xc3\xad\xc3",  # ENC002 repairs one MacRoman run; the next run reads the other
])
def test_the_rules_fix_holds_in_one_pass(data):
    assert violations(data, rules=True) == []


REWRAPPED_DOCSTRINGS = '''def claim(*args):
    """Return a new claim on a cache entry.

    A cache entry must be released by the worker that claimed it. Once a
    worker has claimed a cache entry, the same worker may claim it again
    without waiting; the worker must release it once for each time it has
    claimed it.

    """
    return Entry(*args)

class Entry:
    """This class implements claims on cache entries.

    A cache entry must be released by the worker that claimed it. Once a
    worker has claimed a cache entry, the same worker may claim it
    again without waiting; the worker must release it once for each time it
    has claimed it.

    """

    def __init__(self):
        self.count = 0
'''


def test_a_clean_paragraph_repeated_with_other_line_breaks_is_kept():
    """Regression: a re-wrapped copy with no garbling at all was deleted (as in threading.py of the stdlib)."""
    assert check_bytes(REWRAPPED_DOCSTRINGS.encode()) == []
    assert fix_bytes(REWRAPPED_DOCSTRINGS.encode()) == REWRAPPED_DOCSTRINGS.encode()
