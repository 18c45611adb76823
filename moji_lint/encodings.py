"""Bytes and encodings: decode a file's bytes, and find files and runs that are not UTF-8.

The evidence is weighed in a fixed order: a byte order mark; strict UTF-8;
the NUL-byte pattern of UTF-16/32; the escape sequences of 7-bit ISO-2022 and
HZ; whole lines of real UTF-8 (then the rest are runs in other encodings,
ENC002); an encoding the file declares (PEP 263 coding cookie, XML
declaration, HTML meta charset, gettext header) or that the configuration
allows; and last a guess, where every candidate codec that decodes the file
strictly (a double-byte one: nearly) is scored by how plausible its text is
(see ``Profile``), with charset-normalizer's opinion as a second, independent
signal. Only a guess that both signals back, clearly ahead of every other
reading, comes with a safe fix.
"""
from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, Iterable, List, NamedTuple, Optional, Sequence, Set, Tuple

from .findings import Edit, Finding, Fix, LineIndex, Location

UTF8_BOM = b"\xef\xbb\xbf"
BOMS = (  # longest first: a UTF-32 LE BOM starts like a UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (UTF8_BOM, "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
SNIFF_BYTES = 8192  # how much of a file the binary and UTF-16/32 tests look at
MIN_WIDE_NULS = 0.02  # the share of UTF-16 code units with a NUL byte that UTF-16 text has at least
WIDE_PLAUSIBLE_COST = 1.0  # most a UTF-16/32 reading may cost per character beyond ASCII

# Legacy codecs a file may be in, most common first. The CJK ones are the vendor
# supersets (gb18030 for GB2312/GBK, cp950 for Big5, cp932 for Shift_JIS,
# cp949 for EUC-KR): they decode everything their base does, identically, except
# for EUC-KR's eight-byte Hangul sequences, which cp949 reads as filler and jamo.
CANDIDATES = (
    "gb18030", "cp950", "cp932", "euc_jp", "cp949", "euc_kr",
    "cp1252", "cp1250", "cp1251", "koi8_r", "koi8_u", "cp1253", "cp1254", "cp1255", "cp1256",
    "cp1257", "cp1258", "cp874", "iso8859_15", "iso8859_2", "iso8859_16", "iso8859_13", "iso8859_4",
    "iso8859_10", "iso8859_3", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_9",
    "latin_1", "mac_roman", "mac_latin2", "mac_cyrillic", "cp866", "cp855", "cp852", "cp850", "cp437",
    "big5hkscs", "shift_jis_2004", "euc_jis_2004", "johab",
)
# The codecs most legacy files are in; a reading in another one must be a little more plausible.
COMMON_CODECS = frozenset(CANDIDATES[:18] + ("iso8859_2",))
HIGH_BYTES = bytes(range(0x80, 0x100))
SINGLE_BYTE_CANDIDATES = frozenset(c for c in CANDIDATES if len(HIGH_BYTES.decode(c, "replace")) == 0x80)
RARE_CODEC = 0.5
# Of a file's bytes beyond ASCII, the share that a double-byte code page may leave undecoded in a guess (escaped,
# each an odd character: a stray byte, a vendor's extra character): the file is still mostly that code page.
STRAY_SHARE = 0.01
# Codecs that differ from another only in the vendor mapping of a few characters.
VENDOR_FAMILY = {
    "cp932": "Shift_JIS", "shift_jis_2004": "Shift_JIS", "euc_jp": "EUC-JP", "euc_jis_2004": "EUC-JP",
    "cp950": "Big5", "big5hkscs": "Big5", "cp949": "EUC-KR", "euc_kr": "EUC-KR",
}
# Declared or allowed encodings are read through their vendor supersets.
SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950", "shift_jis": "cp932",
    "euc_kr": "cp949", "tis_620": "cp874", "iso8859_11": "cp874",
}
LABELS = {
    "gb18030": "GBK/GB18030", "cp950": "Big5", "cp932": "Shift_JIS", "euc_jp": "EUC-JP",
    "cp949": "EUC-KR/UHC", "euc_kr": "EUC-KR", "iso2022_jp": "ISO-2022-JP", "iso2022_kr": "ISO-2022-KR",
    "hz": "HZ-GB-2312", "koi8_r": "KOI8-R", "koi8_u": "KOI8-U", "mac_roman": "MacRoman",
    "mac_latin2": "Mac Central European", "mac_cyrillic": "Mac Cyrillic", "latin_1": "Latin-1",
    "utf-16": "UTF-16", "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE", "utf-32": "UTF-32",
    "utf-32-le": "UTF-32 LE", "utf-32-be": "UTF-32 BE",
}

DECLARATION_BYTES = 4096  # where XML and HTML declarations are looked for
CODING_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)
XML_DECLARATION = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([-\w.:]+)[\"']")
HTML_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?([-\w.:]+)", re.IGNORECASE)
GETTEXT_CHARSET = re.compile(rb'^"Content-Type:[^"\n]*?charset=([-\w.:]+)', re.MULTILINE)  # a .po file's header
MIN_HZ_CHARS = 4  # "~{" in ASCII text is HZ only when it brings this many Chinese characters
ISO2022_ESCAPES = ((b"\x1b$)C", "iso2022_kr"), (b"\x1b$B", "iso2022_jp"), (b"\x1b$@", "iso2022_jp"))

# How sure a guess must be.
GUESS_BYTES = 1 << 18  # how much of a large file the guess reads
CONFIDENT_MARGIN = 1.0  # how much more the best different reading must cost
DETECTOR_TIE = 0.005  # charset-normalizer "chaos" scores this close rate two codecs the same
PLAUSIBLE_COST = 0.35  # most a plausible text costs per character beyond ASCII
TEXT_COST = 1.4  # most a reading may cost per character beyond ASCII to be named at all

# Scoring a reading: which characters are scored.
SCORED_CHARS = 2000  # characters beyond ASCII of a candidate decoding that are scored
QUICK_CHARS = 120  # the same, for the first look that picks the finalists
FINALISTS = 8  # distinct readings of a file scored in full
NON_ASCII = re.compile(r"[^\x00-\x7f]")
ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
WORD_END = re.compile(r"[^\W\d_]*")
ASCII_CHARS = "".join(map(chr, range(128)))
ASCII_SET = frozenset(ASCII_CHARS)
WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f][^\W\d_]*")

# The letters beyond ASCII that each language's alphabet uses (lower case).
# Which alphabet explains a text's letters best tells apart code pages that
# differ in a few letters only (cp1250 and ISO 8859-2, say).
ALPHABETS = {
    "fr": "àâæçéèêëîïôœùûüÿ", "de": "äöüß", "es": "áéíñóúü", "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú", "ca": "àçèéíïòóúü", "nl": "éëïöü", "da": "æøåé", "sv": "åäöé",
    "fi": "äöåšž", "is": "áðéíóúýþæö", "ga": "áéíóú", "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž", "sl": "čšžćđ", "hr": "čćđšž", "hu": "áéíóöőúüű", "ro": "ăâîșțşţ",
    "tr": "çğıöşüâî", "et": "äõöüšž", "lv": "āčēģīķļņšūž", "lt": "ąčęėįšųūž", "mt": "ċġħżàèìòù",
    "eo": "ĉĝĥĵŝŭ", "sq": "çë", "cy": "âêîôûŵŷ",
    "vi": "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя", "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш", "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "kk": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
    "el": "αβγδεζηθικλμνξοπρστυφχψωςάέήίόύώϊϋΐΰ",
}
ALPHABET_SETS = tuple(frozenset(letters) for letters in ALPHABETS.values())
CYRILLIC_GREEK_LETTERS = frozenset("".join(ALPHABETS[n] for n in ("ru", "uk", "be", "bg", "sr", "mk", "kk", "el")))
CYRILLIC_GREEK_VOWELS = frozenset("аеёиіїєоуъыэюяәөұүαεηιουωάέήίόύώϊϋΐΰ")  # (Bulgarian ъ is a vowel)


def alphabets_by_letter() -> Dict[str, FrozenSet[int]]:
    """Each letter of ``ALPHABETS``: the indices in ``ALPHABET_SETS`` of the alphabets that have it."""
    found: Dict[str, Set[int]] = {}
    for n, alphabet in enumerate(ALPHABET_SETS):
        for letter in alphabet:
            found.setdefault(letter, set()).add(n)
    return {letter: frozenset(alphabets) for letter, alphabets in found.items()}


LETTER_ALPHABETS = alphabets_by_letter()
NO_ALPHABET: FrozenSet[int] = frozenset()
LOAN_LETTERS = "éèàçüöäñáóíúã"  # letters that names and loan words bring into many languages
# Letters beyond ASCII that are words on their own: French and Portuguese à, Portuguese é, Italian è,
# Icelandic á and í, Irish and Spanish ó, Norwegian å, Danish ø.
ONE_LETTER_WORDS = frozenset("àáèéíóåø")
WORD_PUNCTUATION = "\u2019\u2018\u02bc\u2010\u2011\u00b7\u00ad\u05f3\u05f4"  # apostrophes, hyphens, geresh
QUOTES = "«»„“”‚‹›¡¿"  # punctuation that touches a word
RARE_SYMBOLS = "¤¦¨´¸¯¬"  # Latin-1 symbols that real text hardly uses, but mis-readings produce
HANGUL_FILLER = "\u3164"

# Scripts (see script_of).
BICAMERAL = ("latin", "cyrillic", "greek")
ALPHABETIC = ("latin", "cyrillic", "greek", "hebrew", "arabic", "thai", "armenian")
THAI_CONSONANTS = ("\u0e01", "\u0e2e")
MARKED_SCRIPTS = ("hebrew", "arabic", "thai", "armenian", "other")  # scripts that write vowels as marks
EAST_ASIAN = ("han", "kana", "hangul", "halfwidth-kana")

# Scoring a reading: what oddities cost.
ODD_CHAR = 10.0  # control, unassigned or private-use character
CLASH = 3.0  # letters of two scripts touching, or an accent on nothing
MISFIT_LETTER = 1.5  # a letter that the alphabet of the text's language does not have
LOAN_LETTER = 0.5  # the same, for one of LOAN_LETTERS
MIXED_WORD = 1.0  # a word whose letters no single alphabet has
LONE_LETTER = 1.0  # an accented Latin letter standing alone, that no language uses as a word
HAN_TIER_COSTS = (0.0, 0.3, 2.0)  # a Han character in the first, second or no tier of the standards
HANJA_IN_KOREAN = 0.3
CASE_BREAK = 1.5  # a capital after a small letter in a word, or a CJK character inside a Latin word
SPACED_HAN = 0.5  # a space between two Han characters
SYMBOL_IN_WORD = 2.0
GLUED_SYMBOL = 0.5  # a symbol touching a word
SYMBOL = 0.05
BOX_DRAWING = 0.5
RARE_SYMBOL = 1.0
WORD_START_APOSTROPHE = 1.0
SHOUTING_LETTER = 0.5  # each Cyrillic or Greek capital beyond the small letters
CASELESS_LETTER = 0.3  # each small Cyrillic or Greek letter beyond what the capitals of real text allow
SMALL_PER_CAPITAL = 150
CASELESS_GRACE = 30  # small letters a text may have without any capital
MISSING_VOWEL = 3.0  # each vowel that Cyrillic or Greek text lacks below VOWEL_SHARE, or has above it
VOWEL_SHARE = (0.3, 0.62)  # the share of vowels among the letters of Cyrillic and Greek text (real text: 0.4-0.53)
VOWEL_LETTERS = 100  # Cyrillic and Greek letters a text needs before its share of vowels counts

# Scoring a run inside the rest of a file (its context).
CONTEXT_CHARS = 20000  # how far the ASCII letters of a mixed file's context are counted
ASCII_LETTERS = re.compile(r"[A-Za-z]")
ALPHABET_SHARE = 0.5  # alphabets explaining this share of what the best one explains also fit a context
CONTEXT_LETTERS = 100  # letters the context needs before its scripts count
NEW_SCRIPT_LETTER = 0.5  # a letter of a script that the context never uses
CONTEXT_ACCENTED = 20  # letters beyond ASCII the context needs before their frequencies count
RARE_LETTER = 0.05  # per bit of surprise of a letter, by its frequency in the context
ESCAPED_RUN = re.compile(r"[\udc80-\udcff]+")
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte that does not decode, as a surrogate escape
MAX_SCORED_RUNS = 12  # lines of a mixed file that choose its codec
UNDECODABLE_RUN = 20.0  # the cost of a stretch that a codec cannot decode
NEAR_TIE = 1.0  # bits within which single-byte code pages' readings of a mixed file's runs tie (see run_codec)
FAMILIAR_LETTER = 2  # times the lines around a mixed file's runs write a letter to make it theirs


class Document(NamedTuple):
    """A file's bytes and its decoded text.

    ``text`` is ``data`` (after the BOM) decoded with ``encoding``; in a UTF-8
    file, bytes that are not UTF-8 stay in the text as surrogate escapes
    (U+DC80-U+DCFF), so that ``encode_text(text, encoding)`` gives back the
    file exactly. A UTF-8 file with a BOM has encoding ``utf-8-sig``.
    """

    data: bytes
    text: str
    encoding: str = "utf-8"


def encode_text(text: str, encoding: str) -> bytes:
    """``text`` as bytes in ``encoding``; in UTF-8, surrogate escapes turn back into their bytes.

    ``utf-8-sig`` writes a BOM first; ``utf-8`` writes none.
    """
    if encoding in ("utf-8", "utf-8-sig"):
        bom = UTF8_BOM if encoding == "utf-8-sig" else b""
        return bom + text.encode("utf-8", "surrogateescape")
    return text.encode(encoding)


# Reading a file -------------------------------------------------------------------------------


class Guess(NamedTuple):
    """A reading of a whole file in one codec, how sure it is, and why."""

    codec: str
    text: str
    confident: bool
    reason: str


def read_document(data: bytes, allowed: Sequence[str] = ()) -> Tuple[Document, List[Finding]]:
    """Decode ``data`` and report what is wrong with its encoding.

    ``allowed`` names encodings the file may use (from config or .editorconfig).
    """
    allowed_codecs = {canonical(name) for name in allowed}
    bom_codec = next((codec for bom, codec in BOMS if data.startswith(bom)), None)
    if bom_codec == "utf-8-sig":
        return utf8_document(data, data[len(UTF8_BOM):].decode("utf-8", "surrogateescape"), allowed_codecs)
    if bom_codec is not None:
        text = strict_decode(data, bom_codec)
        if text is not None:
            guess = Guess(bom_codec, text, True, "it starts with a byte order mark")
            return legacy_document(data, guess, allowed_codecs)
    wide = wide_codec(data)
    if wide is not None:
        guess = Guess(wide, data.decode(wide), True, "its NUL bytes follow the UTF-16/32 pattern")
        return legacy_document(data, guess, allowed_codecs)
    text = strict_decode(data, "utf-8")
    if text is not None:
        seven_bit = seven_bit_guess(data)
        if seven_bit is None:
            return Document(data, text, "utf-8"), []
        return legacy_document(data, seven_bit, allowed_codecs)
    text = data.decode("utf-8", "surrogateescape")
    if has_real_utf8(data, text):
        return utf8_document(data, text, allowed_codecs)
    for codec in declared_codecs(data) + sorted(allowed_codecs):
        declared_text = strict_decode(data, codec)
        if declared_text is not None and codec not in ("utf-8", "utf-8-sig"):
            return Document(data, declared_text, codec), []
    guess = guess_codec(data)
    if guess is None:
        return Document(data, text, "utf-8"), [not_utf8_finding(text, None)]
    return legacy_document(data, guess, allowed_codecs)


def utf8_document(data: bytes, text: str, allowed: Iterable[str]) -> Tuple[Document, List[Finding]]:
    """A UTF-8 file, with or without a BOM, ``text`` its bytes after the BOM (bytes that are not UTF-8
    escaped): ENC003 for the BOM, ENC002 for each run that is not UTF-8."""
    bom = data.startswith(UTF8_BOM)
    findings = mixed_runs(text)
    if bom and "utf-8-sig" not in allowed:
        findings.insert(0, bom_finding())
    return Document(data, text, "utf-8-sig" if bom else "utf-8"), findings


def legacy_document(data: bytes, guess: Guess, allowed: Iterable[str]) -> Tuple[Document, List[Finding]]:
    """A file read as ``guess``: ENC001 unless the configuration allows that encoding and every byte decodes in it."""
    document = Document(data, guess.text, guess.codec)
    if ESCAPED_BYTE.search(guess.text):  # bytes that do not decode in it: not a file in the encoding, allowed or not
        return document, [not_utf8_finding(guess.text, guess)]
    if canonical(guess.codec) in allowed or (guess.codec in ("utf-16", "utf-32") and wide_allowed(data, allowed)):
        return document, []
    return document, [not_utf8_finding(guess.text, guess)]


def canonical(name: str) -> str:
    """The codec's Python name (``latin-1`` -> ``iso8859-1``), or the name itself when unknown."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def wide_allowed(data: bytes, allowed: Iterable[str]) -> bool:
    """True when a UTF-16/32 file with a BOM has its byte order allowed (editorconfig's utf-16le, say)."""
    order = "-le" if data[:2] == b"\xff\xfe" else "-be"
    return any(name.startswith("utf-16" if len(data) < 4 or data[2:4] != b"\0\0" else "utf-32")
               and name.endswith(order) for name in allowed)


def strict_decode(data: bytes, codec: str) -> Optional[str]:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def is_utf8(data: bytes) -> bool:
    return strict_decode(data, "utf-8") is not None


# UTF-16/32 and binary files -------------------------------------------------------------------


def wide_codec(data: bytes) -> Optional[str]:
    """``utf-16-le`` and the like when the NUL bytes of ``data`` follow that pattern and it decodes as text."""
    sample = data[:SNIFF_BYTES]
    if b"\0" not in sample:
        return None
    for codec in nul_patterns(sample):
        text = strict_decode(data, codec)
        if text is not None and looks_like_text(text) and plausible_cost(text[:SNIFF_BYTES]) <= WIDE_PLAUSIBLE_COST:
            return codec
    return None


def nul_patterns(sample: bytes) -> List[str]:
    """The UTF-16/32 byte orders whose NUL-byte pattern ``sample`` follows."""
    found = []
    quad = sample[:len(sample) - len(sample) % 4]
    if quad and not quad[3::4].strip(b"\0") and max(quad[2::4]) <= 0x10:
        found.append("utf-32-le")
    if quad and not quad[0::4].strip(b"\0") and max(quad[1::4]) <= 0x10:
        found.append("utf-32-be")
    pair = sample[:len(sample) - len(sample) % 2]
    even, odd = pair[0::2].count(0), pair[1::2].count(0)
    enough = max(2, len(pair) // 2 * MIN_WIDE_NULS)  # UTF-16 text has NULs in its spaces and line ends
    if odd > 4 * even and odd >= enough:
        found.append("utf-16-le")
    if even > 4 * odd and even >= enough:
        found.append("utf-16-be")
    return found


def looks_like_text(text: str) -> bool:
    """No controls but layout ones, and few characters outside any script."""
    sample = text[:SNIFF_BYTES]
    odd = sum(1 for c in sample if is_odd(c))
    return odd <= len(sample) // 100


def is_odd(char: str) -> bool:
    """A control character other than layout, or one that is unassigned, private or a surrogate."""
    if char in "\t\n\r\f\v\x1b":
        return False
    return unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs")


def looks_binary(data: bytes) -> bool:
    """True for files that are not text: NUL bytes outside a UTF-16/32 pattern."""
    if b"\0" not in data[:SNIFF_BYTES]:
        return False
    bom_codec = next((codec for bom, codec in BOMS if data.startswith(bom)), None)
    if bom_codec in ("utf-16", "utf-32") and strict_decode(data, bom_codec) is not None:
        return False
    return wide_codec(data) is None


# 7-bit encodings and declarations --------------------------------------------------------------


def seven_bit_guess(data: bytes) -> Optional[Guess]:
    """ISO-2022-JP/KR (escape sequences) or HZ (``~{`` ... ``~}``) in an ASCII file."""
    if not data.isascii():
        return None
    # A search for one byte is many times quicker than for two: the common case is quickly ruled out.
    for escape, codec in ISO2022_ESCAPES if b"\x1b" in data else ():
        if escape in data:
            text = strict_decode(data, codec)
            if text is not None and text != data.decode("ascii"):
                return Guess(codec, text, True, "it holds ISO-2022 escape sequences")
    if b"~" in data and b"~{" in data:
        text = strict_decode(data, "hz")
        if text is not None and len(NON_ASCII.findall(text)) >= MIN_HZ_CHARS and plausible_cost(text) <= PLAUSIBLE_COST:
            return Guess("hz", text, False, "it holds HZ escapes that decode to plausible text")
    return None


def declared_codecs(data: bytes) -> List[str]:
    """The encodings the file declares, read through their vendor supersets."""
    head = data[:DECLARATION_BYTES]
    found = []
    for pattern in (CODING_COOKIE, XML_DECLARATION, HTML_CHARSET, GETTEXT_CHARSET):
        head_part = b"\n".join(head.split(b"\n")[:2]) if pattern is CODING_COOKIE else head
        match = pattern.search(head_part)
        if match:
            name = canonical(match.group(1).decode("ascii", "replace"))
            name = name.replace("-", "_") if name.startswith(("iso8859", "euc", "shift")) else name
            found.append(SUPERSETS.get(name, name))
    return found


# Guessing a legacy encoding ------------------------------------------------------------------


def guess_codec(data: bytes) -> Optional[Guess]:
    """The most plausible legacy reading of ``data``, and whether two signals agree on it.

    The readings are judged on the head of a large file; the best one must decode all of it.
    """
    sample = head(data)
    readings = ranked_readings(sample, nearly_decoded)
    for n, (_, codec, _) in enumerate(readings):
        text = nearly_decoded(data, codec)
        if text is not None:
            break
    else:
        return None
    best_cost, best_codec, best_text = readings[n]
    if best_cost / max(1, min(len(NON_ASCII.findall(best_text)), SCORED_CHARS)) > TEXT_COST:
        return None  # no reading is text
    strays = len(ESCAPED_BYTE.findall(text))
    if strays:  # a reading that leaves bytes undecoded is never certain, and transcodes nothing (not_utf8_finding)
        return Guess(best_codec, text, False, f"text statistics choose it, but {strays} of its bytes do not decode "
                     "in it (no fix)")
    runner_up = next((cost - codec_prior(codec) for cost, codec, reading in readings[n + 1:]
                      if reading != best_text and VENDOR_FAMILY.get(codec, codec) != VENDOR_FAMILY.get(best_codec)),
                     None)
    clear = runner_up is None or runner_up - (best_cost - codec_prior(best_codec)) >= CONFIDENT_MARGIN
    first, equals = detector_opinion(sample)
    if first is not None and strict_decode(sample, first) == best_text:
        agreement = "charset detection agrees"
    elif any(strict_decode(sample, codec) == best_text for codec in equals):
        agreement = f"charset detection rates it as good as {first}"
    else:
        note = f"charset detection says {first}" if first else "charset detection has no answer"
        return Guess(best_codec, text, False, f"by text statistics only; {note}")
    if clear:
        return Guess(best_codec, text, True, f"text statistics choose it and {agreement}")
    return Guess(best_codec, text, False, f"{agreement}, but other readings come close")


def head(data: bytes) -> bytes:
    """The first GUESS_BYTES of ``data`` up to a line end (all of it when it is small)."""
    if len(data) <= GUESS_BYTES:
        return data
    end = data.rfind(b"\n", 0, GUESS_BYTES)
    return data[:end + 1] if end > 0 else data[:GUESS_BYTES]


def ranked_readings(data: bytes, decode: Callable[[bytes, str], Optional[str]] = strict_decode
                    ) -> List[Tuple[float, str, str]]:
    """(cost, codec, text) of the candidates that ``decode`` ``data`` (strictly, unless told), most plausible first.

    Every reading is scored on a short sample first; only the few best
    distinct texts are scored in full, and the rest are left out.
    """
    readings = []
    quick: Dict[str, float] = {}
    rank_of: Dict[str, float] = {}
    for codec in CANDIDATES:
        text = decode(data, codec)
        if text is None:
            continue
        if text not in quick:
            rank_of[text] = codec_prior(codec)
            quick[text] = profile_of(text, QUICK_CHARS).cost() + rank_of[text]
        readings.append((quick[text], codec, text))
    finalists = sorted(quick, key=quick.get)[:FINALISTS]
    full = {text: profile_of(text).cost() + rank_of[text] for text in finalists}
    return sorted(((full[text], codec, text) for _, codec, text in readings if text in full), key=lambda r: r[0])


def nearly_decoded(data: bytes, codec: str) -> Optional[str]:
    """``data`` decoded by ``codec``, or None where it does not decode; a double-byte code page may leave
    ``STRAY_SHARE`` of the bytes beyond ASCII undecoded, as surrogate escapes (each costs ``ODD_CHAR`` in a
    profile, as every surrogate does: see ``char_cost``)."""
    text = strict_decode(data, codec)
    if text is not None or codec in SINGLE_BYTE_CANDIDATES:
        return text
    text = data.decode(codec, "surrogateescape")
    high = len(data) - len(data.translate(None, HIGH_BYTES))
    return text if len(ESCAPED_BYTE.findall(text)) <= STRAY_SHARE * high else None


def codec_prior(codec: str) -> float:
    """What a reading costs for its codec alone: rarer codecs need more plausible text."""
    return CANDIDATES.index(codec) * 0.001 + (0.0 if codec in COMMON_CODECS else RARE_CODEC)


def detector_opinion(data: bytes) -> Tuple[Optional[str], List[str]]:
    """charset-normalizer's first choice, and every codec it rates as good (imported late: it is slow to load)."""
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None, []
    least = min(match.chaos for match in matches)
    return matches[0].encoding, [match.encoding for match in matches if match.chaos <= least + DETECTOR_TIE]


# Plausibility of decoded text ----------------------------------------------------------------


LETTERS, CASES, HAN, SCRIPTS = range(4)  # the counters of a profile


class Profile:
    """What a text's characters beyond ASCII look like: a cost for oddities, and counts of its letters."""

    def __init__(self) -> None:
        self.penalty = 0.0
        self.letters: Counter = Counter()  # lower-case letters of bicameral scripts
        self.cases: Counter = Counter()  # "upper" and "lower" letters of Cyrillic and Greek
        self.han: Counter = Counter()  # ("ja" or "zh", tier) of Han characters, and "kana"
        self.scripts: Counter = Counter()  # letters beyond ASCII by script

    def counters(self) -> Tuple[Counter, Counter, Counter, Counter]:
        """The counters, in the order of LETTERS, CASES, HAN and SCRIPTS."""
        return self.letters, self.cases, self.han, self.scripts

    def misfit_cost(self) -> float:
        """The cost of letters that the alphabet explaining most of the text does not have."""
        if not self.letters:
            return 0.0
        shares = alphabet_shares(self.letters)
        best = ALPHABET_SETS[shares.index(max(shares))]
        return sum(misfit_weight(c, n) for c, n in self.letters.items() if c not in best)

    def case_cost(self) -> float:
        """Cyrillic or Greek text mostly in capitals, or with no capital at all, is a code page mis-read."""
        caseless = CASELESS_LETTER * max(0, self.cases["lower"] - CASELESS_GRACE - SMALL_PER_CAPITAL * self.cases["upper"])
        return self.shouting() + caseless

    def shouting(self) -> float:
        """The cost of more capitals than small letters in Cyrillic or Greek."""
        return SHOUTING_LETTER * max(0, self.cases["upper"] - self.cases["lower"] - 2)

    def vowel_cost(self) -> float:
        """Cyrillic or Greek text with too few vowels, or too many, is a code page mis-read: it swaps letters for
        letters (Greek read as Mac Cyrillic writes б for α, and reads as text of none of the languages)."""
        letters = sum(n for c, n in self.letters.items() if c in CYRILLIC_GREEK_LETTERS)
        if letters < VOWEL_LETTERS:
            return 0.0
        vowels = sum(n for c, n in self.letters.items() if c in CYRILLIC_GREEK_VOWELS)
        low, high = (share * letters for share in VOWEL_SHARE)
        return MISSING_VOWEL * max(0.0, low - vowels, vowels - high)

    def cost(self) -> float:
        """The cost of the text on its own (see ``Context.cost`` for a text inside a file)."""
        return self.penalty + self.misfit_cost() + self.case_cost() + self.vowel_cost() + han_cost(self.han)


def han_cost(han: Counter) -> float:
    """Rare Han characters cost more, by the tiers of the Japanese standard in Japanese text; Han
    characters in Korean text cost a little."""
    count = sum(han[("zh", tier)] for tier in range(3))
    language = "ja" if han["kana"] * 20 >= count > 0 < han["kana"] else "zh"
    cost = sum(han[(language, tier)] * cost for tier, cost in enumerate(HAN_TIER_COSTS))
    if han["hangul"] >= count:  # Korean writes few words in Han characters
        cost += HANJA_IN_KOREAN * count
    return cost


def alphabet_shares(letters: Counter) -> List[int]:
    """How many of ``letters`` each alphabet of ``ALPHABET_SETS`` has."""
    shares = [0] * len(ALPHABET_SETS)
    for letter, count in letters.items():
        for n in LETTER_ALPHABETS.get(letter, NO_ALPHABET):
            shares[n] += count
    return shares


def misfit_weight(letter: str, count: int) -> float:
    """The cost of ``count`` uses of a letter that the text's alphabet lacks (three at most count)."""
    return min(count, 3) * (LOAN_LETTER if letter in LOAN_LETTERS else MISFIT_LETTER)


def plausible_cost(text: str) -> float:
    """The cost of ``text`` per character beyond ASCII (0 for plain ASCII)."""
    count = len(NON_ASCII.findall(text))
    return profile_of(text).cost() / count if count else 0.0


def profile_of(text: str, limit: int = SCORED_CHARS) -> Profile:
    """Score the characters beyond ASCII of ``text`` (the first ``limit`` of them) in their context."""
    text = unicodedata.normalize("NFC", text[:sample_end(text, limit)])
    chars = ASCII_RUNS.sub("", text)[:limit]
    profile = Profile()
    profile.penalty = sum(map(NEIGHBOURHOOD_COSTS.__getitem__, neighbourhoods(text)[:limit]), 0.0)
    counters = profile.counters()
    for char, count in Counter(chars).items():
        for counter, key in counted_as(char):
            counters[counter][key] += count
    profile.penalty += sum(map(word_cost, WORD.findall(text)))
    return profile


@lru_cache(maxsize=65536)
def word_cost(word: str) -> float:
    """A word whose letters no single alphabet has, or a lone accented Latin letter that is no word."""
    if len(word) == 1:
        return LONE_LETTER if script_of(word) == "latin" and word.lower() not in ONE_LETTER_WORDS else 0.0
    return 0.0 if one_alphabet(word) else MIXED_WORD


def sample_end(text: str, limit: int) -> int:
    """Where the text holding the first ``limit`` characters beyond ASCII ends, with the word of the last."""
    match = None if len(text) <= limit else first_non_ascii(limit).match(text)
    end = match.end() if match else len(text.rstrip(ASCII_CHARS))  # else all of them are within the limit
    return WORD_END.search(text, end).end() + 1


@lru_cache(maxsize=None)
def first_non_ascii(count: int) -> "re.Pattern[str]":
    """A pattern matching a text up to its ``count``-th character beyond ASCII."""
    return re.compile(r"(?:[\x00-\x7f]*[^\x00-\x7f]){%d}" % count)


def one_alphabet(word: str) -> bool:
    """True when one language's alphabet has all the letters beyond ASCII of ``word``."""
    letters = {c.lower()[0] for c in set(word) - ASCII_SET if script_of(c) in BICAMERAL} - ASCII_SET
    return len(letters) < 2 or bool(frozenset.intersection(*(LETTER_ALPHABETS.get(c, NO_ALPHABET) for c in letters)))


@lru_cache(maxsize=65536)
def counted_as(char: str) -> Tuple[Tuple[int, object], ...]:
    """Where ``char`` counts in a profile: (LETTERS, CASES, HAN or SCRIPTS; the key there) pairs."""
    script = script_of(char)
    counted: List[Tuple[int, object]] = []
    if script == "han":
        counted += [(HAN, ("zh", han_tier(char))), (HAN, ("ja", jis_tier(char)))]
    elif script in ("kana", "hangul"):
        counted.append((HAN, script))
    if char.isalpha():
        counted.append((SCRIPTS, script))
    lower = char.lower()[0]
    if script in BICAMERAL and char.isalpha() and not lower.isascii():
        counted.append((LETTERS, lower))
        if script != "latin":
            counted.append((CASES, "lower" if char == lower else "upper"))
    return tuple(counted)


# What a character costs depends on a few of its traits and a few traits of the two characters
# before it and the one after it (see ``char_cost``). Each character is reduced to its kind: the
# first character seen with the same traits stands for all of them, so that the cost of a
# character in a neighbourhood of kinds is worked out once per run, whatever the characters.


class CharKinds(dict):
    """``str.translate`` table: each character to the first character seen with its traits."""

    def __init__(self) -> None:
        super().__init__()
        self.by_traits: Dict[Tuple, int] = {}

    def __missing__(self, code: int) -> int:
        if len(self) >= MAX_REMEMBERED:  # the kinds themselves stay what they are
            self.clear()
        kind = self[code] = self.by_traits.setdefault(char_traits(chr(code)), code)
        return kind


def char_traits(char: str) -> Tuple:
    """Everything ``char_cost`` asks of a character, and of the characters around it."""
    category, script = unicodedata.category(char), script_of(char)
    return (category in ("Cc", "Cn", "Co", "Cs"), category[0], script, letter_cost(char, script),
            char == " ", char.isascii(), char.isalpha(), char.islower(), char.isupper(),
            THAI_CONSONANTS[0] <= char <= THAI_CONSONANTS[1], "\u2500" <= char <= "\u259f",
            char in WORD_PUNCTUATION, char in RARE_SYMBOLS, char in QUOTES, any_script_mark(char))


class NeighbourhoodCosts(dict):
    """The cost of a kind of character (the third of four) among the kinds around it, worked out once each."""

    def __missing__(self, window: str) -> float:
        if len(self) >= MAX_REMEMBERED:
            self.clear()
        cost = self[window] = char_cost(window[2], window[1], window[3], window[0])
        return cost


MAX_REMEMBERED = 1 << 16  # kinds of characters and costs of neighbourhoods, so that memory stays flat
NEIGHBOURHOOD = re.compile(r"(?=(..[^\x00-\x7f].))", re.DOTALL)  # kinds are beyond ASCII as their characters are
CHAR_KINDS = CharKinds()
NEIGHBOURHOOD_COSTS = NeighbourhoodCosts()


def neighbourhoods(text: str) -> List[str]:
    """For each character of ``text`` beyond ASCII, in order: the kinds of the two characters before
    it, its own and that of the one after it (outside the text are spaces)."""
    return NEIGHBOURHOOD.findall(("  " + text + " ").translate(CHAR_KINDS))


def char_cost(char: str, before: str, after: str, before2: str) -> float:
    """How unlikely ``char`` is in real text, between ``before`` and ``after`` (``before2`` before that)."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cn", "Co", "Cs"):
        return ODD_CHAR
    if category[0] == "L":
        return letter_cost(char, script_of(char)) + letter_context_cost(char, before, after, before2)
    if char in WORD_PUNCTUATION:
        return WORD_START_APOSTROPHE if not before.isalpha() and after.isalpha() else 0.0
    if category[0] == "M":
        return mark_cost(char, before)
    return symbol_cost(char, before, after)


def letter_context_cost(char: str, before: str, after: str, before2: str) -> float:
    """What the neighbours of a letter make unlikely: a capital inside a word, scripts that touch..."""
    script = script_of(char)
    cost = 0.0
    if script in BICAMERAL and char.isupper() and before.isalpha() and before.islower():
        cost += CASE_BREAK
    if clashes(script, before) or clashes(script, after):
        cost += CLASH
    if script == "han" and before == " " and script_of(before2) == "han":
        cost += SPACED_HAN  # Chinese and Japanese do not put spaces between words
    if script in EAST_ASIAN and ascii_letters(before, after) and (before.islower() or after.islower()):
        cost += CASE_BREAK  # inside a Latin word
    return cost


def ascii_letters(*chars: str) -> bool:
    return all(c.isascii() and c.isalpha() for c in chars)


def mark_cost(mark: str, before: str) -> float:
    """Accents on Latin, Greek and Cyrillic letters compose (NFC); marks left over are noise."""
    if unicodedata.category(before)[0] == "M":  # stacked marks: the first one was judged, the rest must match it
        fits = script_of(mark) == script_of(before) or any_script_mark(mark) or any_script_mark(before)
        return 0.0 if fits else CLASH  # (no Latin letter stacked on a Thai tone)
    if script_of(before) == "thai":  # Thai marks sit on consonants, and only they do
        return 0.0 if script_of(mark) == "thai" and THAI_CONSONANTS[0] <= before <= THAI_CONSONANTS[1] else CLASH
    return 0.0 if before.isalpha() and script_of(before) in MARKED_SCRIPTS else CLASH


def any_script_mark(mark: str) -> bool:
    """Marks that stack on those of any script: the general diacritics (U+0300-U+0362, not the small Latin letters
    after them), variation selectors and enclosing marks (a keycap: ``1\ufe0f\u20e3``)."""
    return ("\u0300" <= mark <= "\u0362" or "\ufe00" <= mark <= "\ufe0f" or "\U000e0100" <= mark <= "\U000e01ef"
            or unicodedata.category(mark) == "Me")


def symbol_cost(char: str, before: str, after: str) -> float:
    """Symbols and punctuation: cheap on their own, costly inside or against words."""
    if is_letter(before) and is_letter(after):
        return SYMBOL_IN_WORD
    if script_of(char) in ("cjk-symbol", "fullwidth"):
        return 0.0
    if "\u2500" <= char <= "\u259f":  # box drawing and blocks: tables, not next to letters
        return SYMBOL_IN_WORD if is_letter(before) or is_letter(after) else BOX_DRAWING
    if char in RARE_SYMBOLS:
        return RARE_SYMBOL
    return GLUED_SYMBOL if char not in QUOTES and (is_letter(before) or is_letter(after)) else SYMBOL


def is_letter(char: str) -> bool:
    """A letter of an alphabet (not an East Asian character)."""
    return char.isalpha() and script_of(char) not in EAST_ASIAN


SCRIPT_RANGES = (  # (end of a block, exclusive; its script), in order, from U+0250 on
    (0x0370, "ipa"), (0x0400, "greek"), (0x0530, "cyrillic"), (0x0590, "armenian"), (0x0600, "hebrew"),
    (0x0780, "arabic"), (0x0E00, "other"), (0x0E80, "thai"), (0x1100, "other"), (0x1200, "hangul"),
    (0x1E00, "other"), (0x1F00, "latin"), (0x2000, "greek"), (0x2E80, "symbol"), (0x3040, "cjk-symbol"),
    (0x3100, "kana"), (0x3130, "other"), (0x3190, "hangul"), (0x3400, "cjk-symbol"), (0xA000, "han"),
    (0xAC00, "other"), (0xD7B0, "hangul"), (0xF900, "other"), (0xFB00, "han"), (0xFB50, "other"),
    (0xFE00, "arabic"), (0xFE70, "cjk-symbol"), (0xFF00, "arabic"), (0xFF61, "fullwidth"),
    (0xFFA0, "halfwidth-kana"), (0xFFE0, "other"), (0xFFF0, "fullwidth"), (0x20000, "other"),
    (0x40000, "han"),
)


@lru_cache(maxsize=65536)
def script_of(char: str) -> str:
    """A coarse script name for ``char``: latin, cyrillic, han, kana, hangul..."""
    code = ord(char)
    if code < 0x80:
        return "latin" if char.isalpha() else "ascii"
    if code < 0x250:
        return "latin" if char.isalpha() else "symbol"
    for end, name in SCRIPT_RANGES:
        if code < end:
            return name
    return "other"


def clashes(script: str, neighbour: str) -> bool:
    """True when a letter of ``script`` and the character ``neighbour`` do not touch in real text.

    ASCII letters touch East Asian text ("使用Python"), but no other script;
    letters of two alphabets never touch, nor letters and East Asian characters.
    """
    if neighbour.isascii():
        return neighbour.isalpha() and script in ALPHABETIC and script != "latin"
    other = script_of(neighbour)
    if other == script:
        return False
    return (script in ALPHABETIC and other in ALPHABETIC + EAST_ASIAN) or (script in EAST_ASIAN and other in ALPHABETIC)


@lru_cache(maxsize=65536)
def letter_cost(char: str, script: str) -> float:
    """Common letters cost nothing; rare CJK characters cost more, by the tiers of the national standards."""
    if script == "hangul":
        return 0.0 if len(encoded(char, "euc_kr")) == 2 and char != HANGUL_FILLER else 2.0
    if script == "halfwidth-kana":
        return 1.0
    if script in ("latin", "cyrillic", "greek", "hebrew", "arabic", "thai", "kana", "han"):
        return 0.0
    return 1.0


@lru_cache(maxsize=65536)
def han_tier(char: str) -> int:
    """In Chinese text: 0 in the frequent tier of GB 2312 or Big5, 1 in their second tier or among
    KS X 1001's hanja, 2 elsewhere."""
    gb, big5, ks = (encoded(char, codec) for codec in ("gb2312", "big5", "euc_kr"))
    if (gb and 0xB0 <= gb[0] <= 0xD7) or (big5 and 0xA4 <= big5[0] <= 0xC6):
        return 0
    return 1 if gb or big5 or len(ks) == 2 else 2


@lru_cache(maxsize=65536)
def jis_tier(char: str) -> int:
    """In Japanese text: 0 in JIS X 0208 level 1, 1 in level 2, 2 elsewhere."""
    jis = encoded(char, "euc_jp")
    if len(jis) != 2:
        return 2
    return 0 if jis[0] <= 0xCF else 1


def encoded(char: str, codec: str) -> bytes:
    try:
        return char.encode(codec)
    except UnicodeEncodeError:
        return b""


# Mixed encodings -----------------------------------------------------------------------------

# The first bytes of a multi-byte UTF-8 character, one byte short (lead and at least one continuation).
CUT_SHORT_UTF8 = re.compile(rb"[\xe0-\xef][\x80-\xbf]|[\xf0-\xf4][\x80-\xbf]{2}")
DECODED_CHAR = re.compile("[^\x00-\x7f\udc80-\udcff]")
MIN_UTF8_CHARS = 4     # multi-byte UTF-8 characters a file needs before stray bytes can be told from legacy text
STRAY_BYTE_RATIO = 2   # ... and how many of them per stray byte (legacy text: about one in twenty)
CHANCE_UTF8_RATIO = 4  # stray bytes of a line per UTF-8 character outside them that can still be chance


def has_real_utf8(data: bytes, text: str) -> bool:
    """True when the UTF-8 sequences of a file that is not all UTF-8 read better as UTF-8 than otherwise.

    A legacy file holds valid UTF-8 sequences by chance; a UTF-8 file with
    pasted legacy runs holds whole lines of real UTF-8, or many more UTF-8
    characters than stray bytes. ``text`` is ``data`` decoded with surrogate escapes.
    """
    if has_few_stray_bytes(text):
        return True
    good = [line for line in data.split(b"\n") if not line.isascii() and is_utf8(line)]
    if not good:
        return False
    sample = b"\n".join(good[:MAX_SCORED_RUNS])
    as_utf8 = profile_of(sample.decode("utf-8")).cost()
    readings = ranked_readings(sample)
    return not readings or as_utf8 + CONFIDENT_MARGIN <= readings[0][0]


def has_few_stray_bytes(text: str) -> bool:
    """True when multi-byte UTF-8 characters outnumber the bytes that are not UTF-8 many times over.

    Legacy text forms a valid multi-byte UTF-8 sequence only now and then, so
    its stray bytes far outnumber them. ``text`` holds the stray bytes as surrogate escapes.
    """
    stray = len(ESCAPED_BYTE.findall(text))
    decoded = len(DECODED_CHAR.findall(text))
    return decoded >= MIN_UTF8_CHARS and decoded >= STRAY_BYTE_RATIO * stray


class Stretch(NamedTuple):
    """The part of one line from its first to its last byte that is not UTF-8."""

    line: int
    start: int
    end: int


class Repair(NamedTuple):
    """A stretch decoded with a codec: the edit and the cost of the line it leaves."""

    edit: Edit
    cost: float
    plausible: bool


def mixed_runs(text: str) -> List[Finding]:
    """ENC002: one finding for each line's run of bytes that are not UTF-8 in a UTF-8 document's text."""
    if not ESCAPED_RUN.search(text):
        return []
    index = LineIndex(text)
    stretches = bad_stretches(text, index)
    bad_lines = {stretch.line for stretch in stretches}
    context = Context([text[index.offset(n):index.line_end(n)] for n in range(1, len(index) + 1) if n not in bad_lines])
    codec = run_codec(text, index, stretches, context)
    return [run_finding(text, index, stretch, codec, context) for stretch in stretches]


class Context:
    """The lines around a file's runs, and what the cost of a line among them needs, worked out once."""

    def __init__(self, lines: List[str]) -> None:
        text = "\n".join(lines)
        self.profile = profile_of(text)
        self.own_scripts = written_scripts(self.profile)  # (before its ASCII letters count as Latin, below)
        self.profile.scripts["latin"] += len(ASCII_LETTERS.findall(text, 0, CONTEXT_CHARS))  # ASCII letters are Latin
        letters = self.profile.letters
        self.letter_total = sum(letters.values())
        self.most_letter = max(letters.values(), default=0)
        self.fitting = frozenset().union(*fitting_alphabets(letters)) if self.letter_total else frozenset()
        self.script_total = sum(self.profile.scripts.values())
        self.han_cost = han_cost(self.profile.han)
        self.line_costs: Dict[str, float] = {}

    def cost(self, line: str) -> float:
        """The cost of ``line`` added to the context, beyond the context's own cost."""
        cost = self.line_costs.get(line)
        if cost is None:
            profile = profile_of(line)
            han = han_cost(profile.han + self.profile.han) - self.han_cost
            cost = profile.penalty + han + self.misfit_cost(profile) + self.novelty(profile) + profile.shouting()
            self.line_costs[line] = cost
        return cost

    def familiarity(self, reading: Profile) -> float:
        """How much the scripts of the letters of a ``reading`` are the context's: the context's share of letters
        in each letter's script, on average."""
        letters = sum(reading.scripts.values())
        if not letters or not self.script_total:
            return 0.0
        return sum(n * self.profile.scripts[s] for s, n in reading.scripts.items()) / (letters * self.script_total)

    def foreign(self, reading: Profile) -> bool:
        """Whether a ``reading`` writes letters beyond ASCII, none of them in a script the context writes beyond
        ASCII."""
        scripts = written_scripts(reading)
        return bool(scripts) and not scripts & self.own_scripts

    def at_home(self, reading: Profile) -> bool:
        """Whether a ``reading`` writes letters beyond ASCII, all in scripts the context writes beyond ASCII."""
        scripts = written_scripts(reading)
        return bool(scripts) and scripts <= self.own_scripts

    def writes_strange_letters(self, reading: Profile) -> bool:
        """Whether a ``reading`` writes a letter beyond ASCII (of a bicameral script) that the context never
        writes."""
        return any(not self.profile.letters[c] for c in reading.letters)

    def letter_familiarity(self, reading: Profile) -> float:
        """The share of a ``reading``'s letters beyond ASCII (of bicameral scripts, in small letters) that the
        context writes ``FAMILIAR_LETTER`` times or more (one ``Š`` in a German file makes no ``š`` its own)."""
        total = sum(reading.letters.values())
        familiar = sum(n for c, n in reading.letters.items() if self.profile.letters[c] >= FAMILIAR_LETTER)
        return familiar / total if total else 0.0

    def misfit_cost(self, profile: Profile) -> float:
        """The cost of letters that neither the context uses nor any alphabet explaining much of it has."""
        if not self.letter_total:
            return profile.misfit_cost()
        return sum(misfit_weight(c, n) for c, n in profile.letters.items()
                   if c not in self.profile.letters and c not in self.fitting)

    def novelty(self, profile: Profile) -> float:
        """What letters the context uses rarely or never, and scripts it never uses, add to the cost of a
        text inside it."""
        cost = 0.0
        letters = self.profile.letters
        if self.letter_total >= CONTEXT_ACCENTED:
            most = self.most_letter
            cost += RARE_LETTER * sum(n * math.log2(most / (letters[c] + 0.5)) for c, n in profile.letters.items())
        if self.script_total >= CONTEXT_LETTERS:
            cost += NEW_SCRIPT_LETTER * sum(n for script, n in profile.scripts.items() if script not in self.profile.scripts)
        return cost


def fitting_alphabets(letters: Counter) -> List[frozenset]:
    """The alphabets that explain at least ``ALPHABET_SHARE`` of what the best one explains of ``letters``."""
    shares = alphabet_shares(letters)
    most = max(shares)
    return [alphabet for share, alphabet in zip(shares, ALPHABET_SETS) if share >= most * ALPHABET_SHARE]


def bad_stretches(text: str, index: LineIndex) -> List[Stretch]:
    """Each line's stretch from its first to its last byte that is not UTF-8, in order."""
    found: Dict[int, Tuple[int, int]] = {}
    for match in ESCAPED_RUN.finditer(text):
        line = index.position(match.start())[0]
        start = found[line][0] if line in found else match.start()
        found[line] = (start, match.end())
    return [Stretch(line, start, end) for line, (start, end) in sorted(found.items())]


def run_codec(text: str, index: LineIndex, stretches: List[Stretch], context: Context) -> Optional[str]:
    """The codec that repairs the stretches (the first few) most plausibly in the context of the file; of those
    that cost the same, the one that reads them in the scripts the context writes most (the cp874 bytes of a
    Thai word are GBK too, at no cost in a Thai file that quotes two Han characters). Where that one's repairs
    write letters only of scripts the context does not write beyond ASCII, a reading that costs at most
    ``NEAR_TIE`` more and writes letters only of scripts it does wins (cp1251's Bulgarian, not cp949's Han, in a
    Bulgarian file). Where they write a letter the context never writes, a single-byte code page whose repairs cost at most ``NEAR_TIE`` more
    and write as many letters of each script wins where more of its letters are the context's own
    (:meth:`Context.letter_familiarity`): ISO-8859-16's ``ț``, not cp1250's ``ţ``, in a Romanian file; cp1250's
    ``ă``, not cp1252's ``ã``."""
    sample = stretches[:MAX_SCORED_RUNS]
    readings = []
    for codec in CANDIDATES:
        repairs = [run_repair(text, index, stretch, codec, context) for stretch in sample]
        if any(repairs):
            cost = sum(r.cost if r else UNDECODABLE_RUN for r in repairs)
            readings.append(Reading(cost, codec, profile_of("".join(r.edit.new for r in repairs if r))))
    if not readings:
        return None
    best = min(readings, key=lambda r: (r.cost, -context.familiarity(r.profile)))
    if context.foreign(best.profile):
        at_home = [r for r in readings if r.cost - best.cost < NEAR_TIE and context.at_home(r.profile)]
        return max(at_home, key=lambda r: context.familiarity(r.profile)).codec if at_home else best.codec
    if not context.writes_strange_letters(best.profile):
        return best.codec
    rivals = [best] + [r for r in readings if r.cost - best.cost < NEAR_TIE and alike(r, best)]
    return max(rivals, key=lambda r: context.letter_familiarity(r.profile)).codec  # the first, best, where they tie


class Reading(NamedTuple):
    """A codec's reading of a mixed file's runs: what it costs, and the profile of the text it writes."""

    cost: float
    codec: str
    profile: Profile


def written_scripts(profile: Profile) -> frozenset:
    """The scripts a profiled text writes letters of beyond ASCII."""
    return frozenset(script for script, n in profile.scripts.items() if n)


def alike(reading: Reading, other: Reading) -> bool:
    """Whether two single-byte code pages read runs into as many letters of each script."""
    return {reading.codec, other.codec} <= SINGLE_BYTE_CANDIDATES and reading.profile.scripts == other.profile.scripts


def run_finding(text: str, index: LineIndex, stretch: Stretch, codec: Optional[str], context: Context) -> Finding:
    """The finding for one line's bad stretch, with a fix when the codec decodes it exactly and plausibly."""
    if cut_short(text, stretch):
        message = (f"a UTF-8 character cut short ({hex_bytes(text[stretch.start:stretch.end])}, then '?'): "
                   "its last byte was lost")
        return Finding("ENC002", index.span(stretch.start, stretch.end), message)
    repair = run_repair(text, index, stretch, codec, context) if codec else None
    if repair is None:
        message = f"bytes that are not UTF-8 ({hex_bytes(text[stretch.start:stretch.end])})"
        if codec:
            message += f"; {label(codec)} ({codec}), the best guess, does not decode them"
        return Finding("ENC002", index.span(stretch.start, stretch.end), message, None, codec)
    edit = repair.edit
    shown = edit.new if len(edit.new) <= 40 else edit.new[:37] + "..."
    message = f"bytes in {label(codec)} ({codec}) inside UTF-8 text: {shown!r}"
    fix = Fix((edit,), safe=True) if repair.plausible else None
    if fix is None:
        message += " (not plausible enough to fix)"
    return Finding("ENC002", index.span(edit.start, edit.end), message, fix, codec)


def cut_short(text: str, stretch: Stretch) -> bool:
    """Whether a stretch is the start of a UTF-8 character whose last byte a lossy round trip made ``?``."""
    return text[stretch.end:stretch.end + 1] == "?" and bool(
        CUT_SHORT_UTF8.fullmatch(encode_text(text[stretch.start:stretch.end], "utf-8")))


def run_repair(text: str, index: LineIndex, stretch: Stretch, codec: str, context: Context) -> Optional[Repair]:
    """The best exact decoding of a stretch with ``codec``: of the stretch alone, or of its whole line.

    Damage often re-encodes a whole line, whose first or last characters can
    be valid UTF-8 by chance; the line they leave decides which reading wins.
    """
    line_start, line_end = index.offset(stretch.line), index.line_end(stretch.line)
    if text[line_end - 1:line_end] == "\r":
        line_end -= 1
    best = None
    spans = [(stretch.start, stretch.end), widened_over_adjacent(text, stretch.start, stretch.end, line_start, line_end)]
    if edges_may_be_chance_utf8(text[line_start:stretch.start] + text[stretch.end:line_end], text[stretch.start:stretch.end]):
        spans.append((line_start, line_end))
    for start, end in dict.fromkeys(spans):  # each distinct span once
        decoded = strict_decode(encode_text(text[start:end], "utf-8"), codec)
        if decoded is None:
            continue
        line = text[line_start:start] + decoded + text[end:line_end]
        cost = context.cost(line)
        if best is None or cost < best.cost:
            edit = trimmed_edit(text, start, end, decoded)
            best = Repair(edit, cost, plausible_run(edit.new, cost))
    return best


def widened_over_adjacent(text: str, start: int, end: int, line_start: int, line_end: int) -> Tuple[int, int]:
    """The stretch widened over the characters beyond ASCII that touch it: legacy bytes that happen to form
    UTF-8 (``Ŀ¼`` of GBK ``目录``) sit right next to the bytes that do not."""
    while start > line_start and text[start - 1] >= "\x80":
        start -= 1
    while end < line_end and text[end] >= "\x80":
        end += 1
    return start, end


def edges_may_be_chance_utf8(edges: str, stretch: str) -> bool:
    """True when the UTF-8 characters around a stretch are few enough, next to its stray bytes, to be chance.

    A line re-encoded whole shows valid UTF-8 only now and then; a UTF-8 line
    with a few stray bytes keeps its real UTF-8 letters, which must not be read again.
    """
    return CHANCE_UTF8_RATIO * len(DECODED_CHAR.findall(edges)) < len(ESCAPED_BYTE.findall(stretch))


def plausible_run(new: str, cost: float) -> bool:
    """True for a decoded run that costs little and says something: letters, or quotation marks."""
    beyond_ascii = NON_ASCII.findall(new)
    if not beyond_ascii or cost / len(beyond_ascii) > PLAUSIBLE_COST:
        return False
    return any(c.isalpha() for c in beyond_ascii) or all(c in QUOTES for c in beyond_ascii)


def trimmed_edit(text: str, start: int, end: int, new: str) -> Edit:
    """An edit replacing ``text[start:end]`` by ``new``, less the characters both share at either end."""
    old = text[start:end]
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return Edit(start + head, end - tail, new[head:len(new) - tail])


def hex_bytes(run: str) -> str:
    """The first bytes of a stretch of text, in hex."""
    data = encode_text(run, "utf-8")
    shown = " ".join(f"{b:02x}" for b in data[:8])
    return shown + (" ..." if len(data) > 8 else "")


# Findings ------------------------------------------------------------------------------------


def label(codec: str) -> str:
    """The name people know a codec by."""
    return LABELS.get(codec, codec)


def not_utf8_finding(text: str, guess: Optional[Guess]) -> Finding:
    location = LineIndex(text).lines(1, 1)
    if guess is None:
        message = "file is not UTF-8, and no encoding decodes it as plausible text"
        return Finding("ENC001", location, message)
    certainty = "confident" if guess.confident else "a guess"
    message = f"file is not UTF-8: it is {label(guess.codec)} ({guess.codec}); {certainty}: {guess.reason}"
    # Where bytes do not decode, the decoder may have read the bytes after them out of step: no transcoding.
    fix = None if ESCAPED_BYTE.search(text) else Fix(safe=guess.confident, transcode=True)
    return Finding("ENC001", location, message, fix, guess.codec)


def bom_finding() -> Finding:
    return Finding("ENC003", Location(1, 1, 1, 1), "file starts with a UTF-8 byte order mark",
                   Fix(transcode=True), "utf-8-sig")
