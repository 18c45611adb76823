"""The plausibility model: character classes from the standards, file profiles, text costs."""
from moji_lint import plausibility as p

CHINESE = "关于创建文明城市的通知已经发布，请各单位认真学习。\n请检查所有文件是否已经正确保存到服务器。\n"
TRADITIONAL = "請檢查所有檔案是否已經正確儲存到伺服器。\n無法開啟資料來源，因為它正在被其他程式使用。\n"
JAPANESE = "すべてのファイルが正しく保存されたことを確認してください。\n"
FRENCH = "Le comité a décidé de reporter la réunion à la semaine prochaine.\n"


def test_han_tiers_come_from_the_national_standards():
    assert p.char_class("的") & p.GB2312_1
    assert p.char_class("鍏") & p.HAN and not p.char_class("鍏") & p.GB2312_1
    assert p.char_class("國") & p.BIG5_COMMON and not p.char_class("國") & (p.GB2312_1 | p.GB2312_2)
    assert p.char_class("漢") & p.JIS_1


def test_classes_of_other_characters():
    assert p.classes("aÉé€“©─") == [p.ASCII_LOWER, p.LATIN_UPPER, p.LATIN_LOWER, p.SYMBOL, p.PUNCTUATION,
                                    p.LATIN1_SYMBOL, p.BOX_DRAWING]
    assert p.char_class("\x85") == p.C1_CONTROL
    assert p.char_class("\ue000") == p.PUA
    assert p.char_class("한") == p.HANGUL and p.char_class("똠") == p.HANGUL_RARE
    assert p.char_class("ｱ") == p.HALFWIDTH_KATAKANA
    assert p.char_class("😀") == p.EMOJI and p.char_class("𤋮") == p.HAN_RARE


def test_latin_letters_that_no_living_language_writes_are_rare():
    """Vietnamese, Welsh, German and Venda letters and those of transliteration are common; Irish dotted ones are
    not."""
    assert [p.char_class(c) for c in "ạẠẃẞṣḥḓḽ"] == [p.LATIN_LOWER, p.LATIN_UPPER, p.LATIN_LOWER, p.LATIN_UPPER,
                                                   p.LATIN_LOWER, p.LATIN_LOWER, p.LATIN_LOWER, p.LATIN_LOWER]
    assert {p.char_class(c) for c in "ṠṡḁẜĀ"} == {p.LATIN_RARE, p.LATIN_UPPER}
    assert p.char_class("Ṡ") == p.char_class("ṡ") == p.LATIN_RARE


def test_profile_describes_scripts_and_han_variant():
    simplified = p.profile_of(CHINESE).describe()
    assert simplified["scripts"]["Han/Kana"] > 0.9
    assert max(simplified["han_variants"], key=simplified["han_variants"].get) == "zh-Hans"
    traditional = p.profile_of(TRADITIONAL).describe()
    assert max(traditional["han_variants"], key=traditional["han_variants"].get) == "zh-Hant"
    japanese = p.profile_of(JAPANESE).describe()
    assert max(japanese["han_variants"], key=japanese["han_variants"].get) == "ja"
    assert p.profile_of(FRENCH).describe()["scripts"] == {"Latin": 1.0}


def test_real_chinese_is_cheaper_than_utf8_read_as_gbk():
    profile = p.profile_of(CHINESE)
    assert p.text_cost("关于", profile) < p.text_cost("鍏充簬", profile)
    assert p.plausibility("关于创建", profile) < p.plausibility("¹ØÓÚ´´½¨", profile)


def test_script_consistency_with_the_file():
    assert p.text_cost("关于", p.profile_of(CHINESE)) < p.text_cost("关于", p.profile_of(FRENCH))
    assert p.text_cost("été", p.profile_of(FRENCH)) < p.text_cost("Ã©tÃ©", p.profile_of(FRENCH))


def test_profile_of_the_rest_of_a_file():
    profile = p.profile_of(FRENCH + "Ã©tÃ©\n")
    assert profile.without("Ã©tÃ©\n").count("Ã") == 0
    assert profile.count("Ã") == 2


def test_a_small_letter_in_a_word_of_capitals_is_counted_but_not_sharp_s():
    from moji_lint.plausibility import small_letters_among_capitals

    assert small_letters_among_capitals("ģ", "M", "ÄM ÌÑÌ") == 1
    assert small_letters_among_capitals("ř", "AH", ", the") == 1
    assert small_letters_among_capitals("ß", "STRA", "E") == 0
    assert small_letters_among_capitals("é", "Caf", " au lait") == 0
    assert small_letters_among_capitals("É", "CAF", "") == 0


def test_a_letter_counts_as_a_word_of_its_own_only_with_no_letter_or_digit_beside_it():
    assert p.one_letter_words("ט, טעינת ט1 (ט) שט ט", "ט") == 3
    profile = p.profile_of("Il va à Paris.\nÀ demain.\nVoilà.\n")
    assert profile.words_of_one_letter("à") == 2
    assert profile.without("Il va à Paris.").words_of_one_letter("À") == 1


def test_the_file_is_searched_for_one_letter_words_once_per_letter_however_many_lines_ask(monkeypatch):
    searched = []
    count = p.one_letter_words
    monkeypatch.setattr(p, "one_letter_words", lambda text, char: searched.append(len(text)) or count(text, char))
    text = ("Il va à Paris demain matin avec sa sœur.\n" * 20 + "x = √π and ù or y\n") * 50
    profile = p.profile_of(text)
    for line in text.split("\n")[20::21]:
        assert profile.without(line).words_of_one_letter("ù") == 49
    assert sum(1 for n in searched if n == len(text)) == 1


def test_a_profile_counts_as_the_folded_text_and_its_classes_would():
    from collections import Counter
    for text in ("ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΟΦΙΑ", "İstanbul STRAẞE ǅemal", CHINESE + FRENCH + "😀𤋮"):
        profile = p.profile_of(text)
        assert profile.folded == Counter(text.lower())  # a final sigma folds by its neighbours: ς
        assert list(profile.raw.items()) == list(Counter(p.classes(text)).items())


def test_the_letters_ending_the_text_before_a_word_are_the_longest_run_of_them():
    assert p.WORD_START.search("日本語のテキスト、長い文章です").group() == "長い文章です"
    assert p.WORD_START.search("x = 12").group() == ""
    assert p.WORD_START.search("abc\n").group() == "abc"  # as ``$`` reads a final line end
