"""Write moji-lint's data tables under moji_lint/data/ from the encoding standards.

    python scripts/generate_tables.py

- chains.json: every codec chain (true encoding, wrong decoding) that the
  mojibake and duplicate rules try, most common first, with its label.
- charclass.bin: one byte per BMP code point, the character's class for the
  plausibility model (moji_lint/plausibility.py documents the codes). Han
  characters get 0x80 plus one flag per frequency tier that the national
  standards define: GB2312 level 1/2, Big5 common/less common, JIS X 0208
  level 1/2, KS X 1001 hanja. Derived from Python's codecs and unicodedata only.
"""
import importlib.util
import json
import os
import sys
import unicodedata

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "moji_lint", "data")


def load_class_codes():
    """moji_lint/plausibility.py, which defines the class codes, loaded without the package."""
    path = os.path.join(DATA, os.pardir, "plausibility.py")
    spec = importlib.util.spec_from_file_location("plausibility", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


cc = load_class_codes()

# Human names of the codecs, as messages print them.
NAMES = {
    "utf-8": "UTF-8", "sloppy-cp1252": "Latin-1/cp1252", "mac_roman": "MacRoman", "cp437": "cp437",
    "sloppy-cp1250": "cp1250", "sloppy-cp1251": "cp1251", "sloppy-cp1257": "cp1257",
    "gbk": "GBK", "cp950": "Big5", "cp932": "Shift_JIS", "euc_jp": "EUC-JP", "cp949": "EUC-KR",
    "cp1250": "cp1250", "cp1251": "cp1251", "cp1253": "cp1253 (Greek)", "cp1255": "cp1255 (Hebrew)",
    "cp1256": "cp1256 (Arabic)", "cp874": "cp874 (Thai)", "koi8_r": "KOI8-R", "sloppy-cp1253": "cp1253",
    "iso8859_2": "ISO-8859-2", "cp1252": "cp1252", "latin-1": "Latin-1", "cesu-8": "CESU-8",
}

# (true encoding, wrong decoding): the bytes were in the first and read as the second.
CHAINS = [
    # UTF-8 read as a single-byte code page.
    ("utf-8", "sloppy-cp1252"), ("utf-8", "mac_roman"), ("utf-8", "cp437"),
    ("utf-8", "sloppy-cp1251"), ("utf-8", "sloppy-cp1250"), ("utf-8", "sloppy-cp1257"), ("utf-8", "iso8859_2"),
    # Emoji and other characters beyond the BMP written as surrogate pairs (CESU-8, Java's way), read as cp1252.
    ("cesu-8", "sloppy-cp1252"),
    # cp1252 punctuation read as Latin-1: C1 control characters where quotes and dashes were.
    ("cp1252", "latin-1"),
    # UTF-8 read as a CJK code page.
    ("utf-8", "gbk"), ("utf-8", "cp932"), ("utf-8", "cp950"),
    # Legacy code pages read as Latin-1/cp1252.
    ("gbk", "sloppy-cp1252"), ("cp950", "sloppy-cp1252"), ("cp932", "sloppy-cp1252"),
    ("euc_jp", "sloppy-cp1252"), ("cp949", "sloppy-cp1252"), ("cp1251", "sloppy-cp1252"),
    ("cp1250", "sloppy-cp1252"), ("cp1253", "sloppy-cp1252"), ("cp1255", "sloppy-cp1252"),
    ("cp1256", "sloppy-cp1252"), ("cp874", "sloppy-cp1252"), ("koi8_r", "sloppy-cp1252"),
    # One legacy code page read as another.
    ("gbk", "cp950"), ("cp950", "gbk"), ("cp932", "gbk"), ("koi8_r", "sloppy-cp1251"),
]


def chain_entries():
    return [
        {"true": true, "wrong": wrong, "label": f"{NAMES[true]} text decoded as {NAMES[wrong]}"}
        for true, wrong in CHAINS
    ]


def double_byte_range(codec, leads, trails):
    """The characters that ``codec`` decodes from the byte pairs ``leads`` x ``trails``."""
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                pass
    return chars


def han_tiers():
    """Han code point -> tier flags, from the frequency levels of the national standards."""
    high = range(0xA1, 0xFF)
    big5_trails = list(range(0x40, 0x7F)) + list(high)
    tiers = [
        (cc.GB2312_1, double_byte_range("gb2312", range(0xB0, 0xD8), high)),
        (cc.GB2312_2, double_byte_range("gb2312", range(0xD8, 0xF8), high)),
        (cc.BIG5_COMMON, double_byte_range("big5", range(0xA4, 0xC7), big5_trails)),
        (cc.BIG5_LESS, double_byte_range("big5", range(0xC9, 0xFA), big5_trails)),
        (cc.JIS_1, double_byte_range("euc_jp", range(0xB0, 0xD0), high)),  # rows 16-47
        (cc.JIS_2, double_byte_range("euc_jp", range(0xD0, 0xF5), high)),  # rows 48-84
        (cc.KSX_HANJA, double_byte_range("euc_kr", range(0xCA, 0xFE), high)),
    ]
    flags = {}
    for flag, chars in tiers:
        for char in chars:
            if is_han(ord(char)):
                flags[ord(char)] = flags.get(ord(char), 0) | flag
    return flags


def is_han(cp):
    return 0x4E00 <= cp <= 0x9FFF


# Latin Extended-B letters that living languages write: ƒ, Vietnamese horn letters, pinyin tone
# letters, Romanian comma-below. The rest of the block (and IPA) is rare in running text.
LIVING_LATIN_EXTENDED_B = frozenset([0x192, 0x1A0, 0x1A1, 0x1AF, 0x1B0, *range(0x1CD, 0x1DD), *range(0x218, 0x21C)])
ARCHAIC_LATIN = frozenset([0x149, 0x17F])  # ŉ, ſ
# Latin Extended Additional letters that no living orthography writes: the dotted consonants of Irish in Gaelic
# type (Ḃ Ḋ Ḟ Ṗ Ṡ Ṫ, but not ṁ, which transliteration writes), and medieval letters (ḁ, ẜ, ẟ, ỻ, ỽ). The rest of the
# block is Vietnamese, Welsh, German ẞ, Venda, Yoruba, and the transliteration of Indic and Semitic scripts.
ARCHAIC_LATIN_EXTENDED_ADDITIONAL = frozenset([
    0x1E00, 0x1E01, *(capital + case for capital in (0x1E02, 0x1E0A, 0x1E1E, 0x1E56, 0x1E60, 0x1E6A) for case in (0, 1)),
    *range(0x1E9A, 0x1E9E), 0x1E9F, *range(0x1EFA, 0x1F00)])
LIGATURES = range(0xFB00, 0xFB07)  # ﬁ ﬂ ﬀ: common in text a PDF extractor left
PHONETIC_EXTENSIONS = range(0x1D00, 0x1DC0)  # small capitals and modifier letters of phonetic notation: ᴴ ᵃ ᶜ


def letter_class(cp, char, category, ksx_hangul):
    """The class of a letter (or mark) from its script, case and tier."""
    name = unicodedata.name(char, "")
    upper = category in ("Lu", "Lt")
    if 0x3000 <= cp <= 0x303F:
        return cc.CJK_PUNCT  # 々 〆 〇 〻 are letters, but sit among the CJK symbols
    if 0x3400 <= cp <= 0x4DBF:
        return cc.HAN_EXT
    if 0xF900 <= cp <= 0xFAFF:
        return cc.CJK_COMPAT
    if 0xAC00 <= cp <= 0xD7A3:
        return cc.HANGUL if char in ksx_hangul else cc.HANGUL_RARE
    if 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return cc.HANGUL_JAMO
    if 0x3040 <= cp <= 0x309F:
        return cc.HIRAGANA
    if 0x30A0 <= cp <= 0x30FF:
        return cc.KATAKANA
    if 0xFF66 <= cp <= 0xFF9F:
        return cc.HALFWIDTH_KATAKANA
    if 0xFF21 <= cp <= 0xFF5A:
        return cc.FULLWIDTH
    if 0x3100 <= cp <= 0x312F or 0x31A0 <= cp <= 0x31BF:
        return cc.BOPOMOFO
    if category.startswith("M"):
        return cc.COMBINING
    if cp in PHONETIC_EXTENSIONS:
        return cc.LATIN_RARE
    if name.startswith("LATIN"):
        if cp < 0x80:
            return cc.ASCII_UPPER if upper else cc.ASCII_LOWER
        if ((cp <= 0x17F and cp not in ARCHAIC_LATIN) or cp in LIVING_LATIN_EXTENDED_B
                or (0x1E00 <= cp <= 0x1EFF and cp not in ARCHAIC_LATIN_EXTENDED_ADDITIONAL) or cp in LIGATURES):
            return cc.LATIN_UPPER if upper else cc.LATIN_LOWER
        return cc.LATIN_RARE
    if name.startswith("GREEK"):
        if 0x370 <= cp <= 0x3CE and cp not in (0x37B, 0x37C, 0x37D):
            return cc.GREEK_UPPER if upper else cc.GREEK_LOWER
        return cc.GREEK_RARE
    if name.startswith("CYRILLIC"):
        if 0x400 <= cp <= 0x45F or cp in (0x490, 0x491):
            return cc.CYRILLIC_UPPER if upper else cc.CYRILLIC_LOWER
        return cc.CYRILLIC_RARE
    for prefix, cls in (("HEBREW", cc.HEBREW), ("ARABIC", cc.ARABIC), ("THAI", cc.THAI)):
        if name.startswith(prefix):
            return cls
    return cc.OTHER_LETTER


def symbol_class(cp, category):
    """The class of a character that is not a letter."""
    if cp < 0x80:
        if category == "Cc" and char_is_space(cp):
            return cc.SPACE
        if category == "Cc":
            return cc.CONTROL
        if category == "Nd":
            return cc.DIGIT
        return cc.SPACE if cp == 0x20 else cc.ASCII_PUNCT
    if 0x80 <= cp < 0xA0:
        return cc.C1_CONTROL
    if cp == 0xA0:
        return cc.NBSP
    if 0xA1 <= cp <= 0xBF or cp in (0xD7, 0xF7):
        return cc.LATIN1_SYMBOL
    if 0x2500 <= cp <= 0x259F:
        return cc.BOX_DRAWING
    if 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF65 or 0xFFE0 <= cp <= 0xFFEE:
        return cc.CJK_PUNCT
    if 0xFE10 <= cp <= 0xFE4F:
        return cc.SYMBOL  # vertical and compatibility forms: rare in running text
    if 0x2010 <= cp <= 0x205E:
        return cc.PUNCTUATION
    if category == "Co":
        return cc.PUA
    if category == "Cs":
        return cc.SURROGATE
    if category == "Cn":
        return cc.UNASSIGNED
    if category in ("Cc",):
        return cc.CONTROL
    if category == "Cf":
        return cc.FORMAT
    if category.startswith("Z"):
        return cc.SPACE
    if category == "Nd":
        return cc.OTHER_DIGIT
    return cc.SYMBOL


def char_is_space(cp):
    return chr(cp) in "\t\n\r\x0b\x0c"


def char_classes():
    """One class byte per BMP code point."""
    han = han_tiers()
    ksx_hangul = double_byte_range("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))
    table = bytearray(0x10000)
    for cp in range(0x10000):
        char = chr(cp)
        category = unicodedata.category(char)
        if is_han(cp) and category == "Lo":
            table[cp] = cc.HAN | han.get(cp, 0)
        elif category.startswith("L") or category.startswith("M"):
            table[cp] = letter_class(cp, char, category, ksx_hangul)
        else:
            table[cp] = symbol_class(cp, category)
    return bytes(table)


def write_json(name, data):
    with open(os.path.join(DATA, name), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    os.makedirs(DATA, exist_ok=True)
    write_json("chains.json", chain_entries())
    with open(os.path.join(DATA, "charclass.bin"), "wb") as f:
        f.write(char_classes())


if __name__ == "__main__":
    main()
