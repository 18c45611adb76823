"""Mojibake: find and repair text that was decoded with the wrong codec.

For each codec chain (text in encoding ``true`` whose bytes were decoded as
``wrong``), a line's characters are encoded back with ``wrong`` and the bytes
decoded with ``true`` wherever they form valid characters of it. Each stretch
of characters that decodes that way is a candidate repair; it is reported
(MOJ001) when the repair is much more plausible text of the file than what
stands (see :mod:`moji_lint.plausibility`), and fixed when it round-trips
exactly. Text garbled twice or three times is repaired layer by layer.

Bytes that are gone for good (U+FFFD, ``锟斤拷``, ``烫烫烫``, a byte missing from
a mis-decoded run) are reported as MOJ002 and never repaired; a repair next to
lost bytes gets no safe fix. But UTF-8 read by a single-byte code page that lost
a byte inside a sequence (U+FFFD, or ``?``) is repaired around it, the sequence
to one U+FFFD as UTF-8 decoders write it, where the sequence shows damage (see
:mod:`moji_lint.lossy`); such a repair is fixed only where every repair of its line
is, and the U+FFFD it leaves is reported as MOJ002. A byte A0 that was read as a non-breaking space and then lost
to a space is put back on a line read wrong throughout: the repair round-trips
through that loss too.

Some repairs are doubtful alone (one letter whose garbled text reads as text, a
rare character): they are reported only where other damage in the file bears them out.
A line that UTF-8 read as a single-byte code page leaves garbled throughout is not
repaired piece by piece (see :func:`garbled_throughout`).
"""
from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, repeat
from typing import Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from . import plausibility
from .chains import ASTRAL, CESU_8, SLOPPY_PREFIX, Chain, all_chains
from .encodings import ESCAPED_BYTE, ONE_LETTER_WORDS
from .lossy import ELLIPSIS, LOST_BYTE, REPLACEMENT_BYTES, WORD_CLOSING_MARKS, lossy_spans, with_lossy_replaced
from .findings import Edit, Finding, Fix, LineIndex

MIN_GAIN = 12.0       # bits by which a repair must beat the text as it stands to be reported
SAFE_GAIN = 16.0      # ... and to be fixed without --unsafe-fixes
LINE_SCRIPT_BITS = 12.0  # bits against a repair into a script foreign to the rest of its line
HOMELESS_SCRIPT_BITS = 16.0  # bits against a repair into a script found nowhere else in the file or line
# Mix-ups rarer than the others: by wrong decoding, or by (true, wrong) chain.
RARE_CHAIN_BITS = {"mac_roman": 8.0, "cp437": 8.0, ("gbk", "cp950"): 6.0, ("cp950", "gbk"): 6.0}
DEFINED_C1_BITS = 8.0  # per stretch holding a C1 control where the chain's Windows code page has a character
KNOWN_CHAIN_BONUS = 4.0  # bits: a chain already seen in the file explains more of it
KNOWN_SWAP_BITS = 8.0  # per stretch of a chain seen elsewhere in the file that swaps letters for the file's own
HOPELESS_GAIN = -12.0  # a stretch that loses this much even against the whole file is not looked at again
SMALL_SHARE = 20       # a line is a small part of a file twenty times its length
SEED_GAIN = 6.0       # bits a stretch must save on its own to start a chain's repair of a line
GROW_GAIN = 2.0       # bits a stretch must save, once its neighbours are repaired, to join them
TRIM_TOLERANCE = 2.0  # bits a repair's edge must lose before it is cut off
UTF8_SEQUENCE_BITS = {2: 2.0, 3: 4.0, 4: 6.0}  # per multi-byte sequence, by its length
OWN_LETTERS_BITS = 8.0  # letters the rest of the file never writes, replaced by letters it writes
SIGN_IN_WORD_BITS = 8.0  # per sign between two letters that a Latin code page's repair turns into a letter
KNOWN_WORD_BITS = 16.0  # a Latin code page's repair into the start of a word the file writes (see writes_file_words)
MIN_STEM = 5          # letters of that start at least (see stems)
MIN_OWN_WORDS = 2     # words of the file a code page's swaps must write to swap letters for its own (see own_swaps)
LATIN_UNSEEN_SHARE = 4  # one in this many letters a Latin code page's repair writes may be one the file never does
MIN_OWN_SWAPS = 1     # letters a legacy code page read as another must swap for the file's own (see own_swaps)
STRAY_BYTE = 16.0     # bits: a byte that does not decode touches a UTF-8 repair
CONTRADICTION_BITS = 40.0  # bits against a chain per other stretch of the line it changes for no gain
RARE_WRITERS = 2      # other lines that must write a rare character for a repair into it to be reported
LONE_LETTER_BITS = 10.0  # a repair into one letter standing alone, which no word of the file is
STRANDED_LETTER_BITS = 16.0  # a double-byte code page's repair that leaves a trail byte an ASCII letter alone
FOREIGN_SIGN_BITS = 16.0  # a single-byte code page's stretch touching a sign beyond ASCII it never writes
MENDED_WORD_BITS = 8.0  # a repair of East Asian characters inside a word of small ASCII letters into Latin ones
SIGN_AFTER_CAPITAL_BITS = 16.0  # per capital beyond ASCII that a sign of number follows in UTF-8's garbled text
LETTER_PAIR_BITS = 4.0  # per pair of letters the rest of the file writes, a repair gains over the garbled text
MAX_REALIGNMENTS = 3  # places a stretch is decoded again from (see realigned): each costs a decoding of its rest
LONG_LINE = 4096  # characters: a longer line is judged in parts
WHOLE_FILE_SHARE = 0.8  # of the lines beyond ASCII that one chain must repair to say a whole file is mis-read
MAX_LAYERS = 3
LOST_BYTE_RUN = 4     # characters a repair must have around a lost byte: shorter runs may be real text
EXCERPT = 40          # characters of garbled and repaired text a message quotes

# Decoded characters (neither ASCII nor undecodable bytes), joined over gaps of up to three ASCII non-spaces.
DECODED_STRETCH = re.compile("[^\x00-\x7f\udc80-\udcff](?:[!-~]{0,3}[^\x00-\x7f\udc80-\udcff])*")
NON_ASCII = re.compile("[^\x00-\x7f]")
OPENING_MARKS = frozenset("([{\"'\u00ab\u201c\u2018\u00bf\u00a1")  # ([{"'«“‘¿¡: open what follows a space
DASHES = frozenset("-\u2013\u2014")
WORD = re.compile("[^\\W\\d_]+")
ORDINAL_INDICATORS = frozenset("\u00aa\u00ba")  # ª º
SMALL_WORD = re.compile("[a-z]{2}")  # a word of small ASCII letters starts here
WORD_AFTER_SPACE = re.compile(" ?[^\\W\\d_]")  # a letter, maybe after a space
# cp1252's Ã for the lead byte of à right after a small Latin letter, then the space its byte A0 became: voilÃ le
LONE_A_GRAVE = re.compile("(?<=[a-z\u00df-\u00f6\u00f8-\u00ff])\u00c3 ")
# What follows à inside a Vietnamese syllable (chào, tài, làm, càng, thành): after ``Ã `` the space may be its byte A0
SYLLABLE_AFTER_A_GRAVE = re.compile("(?:[iouymn]|n[gh])(?![^\\W\\d_]|['\u2019])")  # not n'importe
A_GRAVE_CONTRACTIONS = re.compile("(?:s|quel[ae]s?|quilo)(?![\\w'\u2019])")  # Portuguese: às, àquele; not à s'en
GENERIC_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f]")
C1_CONTROL = re.compile("[\x80-\x9f]")
TEXT_BETWEEN_ESCAPES = re.compile("[^\udc80-\udcff]+")
# Runs of characters that stand for bytes that are gone. U+FFFD's bytes EF BF BD read as GBK are 锟, then BD and the
# next byte (斤 where another U+FFFD follows, then 拷; ? or U+FFFD where they form no character; nothing where a
# decoder dropped them): 锟 before another character is a character of its own.
AFTER_LOST_LEAD = "".join(bytes([0xBD, trail]).decode("gbk", "ignore") for trail in range(0x40, 0xFF)) + "?\ufffd"
LOST_BYTES = re.compile(f"\ufffd+|(?:锟斤拷)+(?:锟[{AFTER_LOST_LEAD}])?|锟(?:[{AFTER_LOST_LEAD}]|(?=\\s|$))|烫{{3,}}"
                        "|屯{3,}")
LOST_MESSAGES = {
    "\ufffd": "replacement characters (U+FFFD) where the original bytes were lost",
    "锟": "U+FFFD replacement characters decoded as GBK (锟斤拷): the original bytes were lost",
    "烫": "uninitialised stack memory (0xCC bytes) decoded as GBK",
    "屯": "uninitialised heap memory (0xCD bytes) decoded as GBK",
}
# Encodings whose wrong decoders (Windows code pages) accept more than Python's codec.
WRONG_FALLBACKS = {"gbk": ("gb18030",), "cp950": ("big5",), "cp932": ("shift_jis",)}
WRONG_EXTRA = {"gbk": {"\u20ac": b"\x80"}}  # cp936 maps 0x80 to the euro sign
LATIN_CODECS = frozenset(("utf-8", CESU_8, "cp1250", "cp1252"))  # a one-letter repair can tell
SLOPPY_CP1252 = SLOPPY_PREFIX + "cp1252"  # cp1252 as browsers read it (the bytes it leaves undefined are C1)
LATIN1_READING = next(c for c in all_chains() if (c.true, c.wrong) == ("utf-8", SLOPPY_CP1252))  # the commonest
LOST_BYTE_CHAINS = [c for c in all_chains() if c.true == "utf-8" and c.wrong.startswith(SLOPPY_PREFIX)]
# The capitals each of those code pages reads the leads of two-byte sequences (C2-DF) as; one before U+FFFD is a
# sequence that lost its second byte, where a small ASCII letter follows (see lost_lead_repairs).
LEAD_CAPITALS_OF = {chain.wrong: "".join(c for c in bytes(range(0xC2, 0xE0)).decode(chain.wrong) if c.isupper())
                    for chain in LOST_BYTE_CHAINS}
LEAD_CAPITALS = "".join(sorted(set("".join(LEAD_CAPITALS_OF.values()))))
LOST_LEAD_CHAR = re.compile(f"([{LEAD_CAPITALS}])\ufffd(?=[a-z])")
LOST_LEAD_IN_WORD = re.compile(f"(?<=[a-z]{{3}})[{LEAD_CAPITALS}]\ufffd(?=[a-z])")
UTF8_FAMILY = frozenset(("utf-8", CESU_8))
CHINESE_SCRIPT = {"gbk": "zh-Hans", "cp950": "zh-Hant"}  # the script each Chinese code page writes
CHINESE_CODECS = frozenset(CHINESE_SCRIPT)
SENTENCE_ENDS = ".!?"
RARE_CLASSES = frozenset(cls for cls, share in plausibility.PRIOR.items() if share <= 1e-5)
LONE_LETTER_CLASSES = frozenset((plausibility.LATIN_UPPER, plausibility.LATIN_LOWER, plausibility.LATIN_RARE,
                                 plausibility.HEBREW))
KANA_WORD = re.compile("[\u3041-\u30ff]+")  # hiragana and katakana, and the marks that lengthen and repeat them
NOT_CHINESE = re.compile("[\u3040-\u30ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
# Legacy code pages of alphabets that never mix ASCII letters into a word.
NON_LATIN_CODECS = frozenset(("cp1251", "cp1253", "cp1255", "cp1256", "cp874", "koi8_r"))
# KOI8-R puts lower case where other code pages put capitals: its mis-reads invert case.
CASE_SWAPPING = frozenset(("koi8_r",))
CASE_SWAPPED_BY = frozenset(("sloppy-cp1251",))
# KOI8-R read as cp1251 leaves words in inverted case, or runs of capitals where the text was small letters.
# (A word that starts with a capital writes capitals after small letters by choice: Serbian ИксХТМЛ is XHTML.)
CAPITAL_WORD = re.compile("[А-ЯЁ]{3,}")
INVERTED_CASE = re.compile("(?<![^\\W\\d_])[а-яё]+[А-ЯЁ]{2}|[А-ЯЁ]{3,}(?:[^\\w\\n]+[А-ЯЁ]{3,}){2}")
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
UTF8_PIECE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")  # a lead byte and continuation bytes: a sequence, or part of one
WRONG_ERRORS = "moji-lint-wrong-decoder"
EAST_ASIAN = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\ue000-\uf8ff\uff61-\uff9f]")
STRANDED_LETTER = re.compile(f"(?<={EAST_ASIAN.pattern})[a-z](?![A-Za-z0-9])")  # a small letter alone after it
CP1252_ONLY = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", "ignore"))
C1 = frozenset(chr(c) for c in range(0x80, 0xA0))
SIGNED_SCRIPTS = frozenset((plausibility.LATIN, plausibility.GREEK, plausibility.CYRILLIC))  # see signs_after_capitals
SUPERSCRIPT_DIGITS = frozenset("\u00b9\u00b2\u00b3")
NUMBER_SIGNS = frozenset("\u00b1\u00b2\u00b3\u00b5\u00b9\u00bc\u00bd\u00be")  # ±²³µ¹¼½¾
LATIN1_SMALL_LETTERS = frozenset(chr(code) for code in range(0xDF, 0x100) if chr(code).isalpha())


class Candidate(NamedTuple):
    """A stretch ``line[start:end]`` that chain(s) turn into ``repaired``; offsets within the line."""

    start: int
    end: int
    garbled: str
    repaired: str
    chains: Tuple[Chain, ...]
    lost_nearby: bool = False
    stray_nearby: bool = False
    weak: bool = False  # too small to judge on its own, or not shaped like the chain's damage
    small: bool = False  # weak for its size only: it may start the repair of a chain found elsewhere in the file
    cuts: Tuple[Tuple[int, int], ...] = ()  # (garbled, repaired) offsets where it may be cut short
    safe: bool = True
    in_latin_word: bool = False  # a non-Latin repair inside a word of ASCII letters (or a mark on one): never right
    doubtful: bool = False  # reported only where a repair of the file that is not doubtful bears it out
    space_for_nbsp: bool = False  # a byte A0 of the UTF-8 text was read as a non-breaking space, then lost to a space
    lost_leads: bool = False  # its two-byte leads before a lost byte are lossy sequences (see lost_lead_repairs)
    own_swaps: bool = False  # it swaps letters for the file's own as its chain does across the file (see own_swaps)
    file_word: bool = False  # it repairs words into words the file writes elsewhere (see writes_file_words)
    left: str = ""  # the character before the stretch on its line, and the one after
    right: str = ""


@dataclass(frozen=True)
class Repair:
    """What one chain repairs in a line, and the bits the line saves by it."""

    candidates: Tuple[Candidate, ...]
    gain: float
    unsure: float = 0.0  # bits of the gain that tell damage, not its repair: they count to report it, not to fix it
    hopeless: bool = False  # it leaves the line garbled (:func:`garbled_throughout`): as the best, the line is left


# ---------------------------------------------------------------------------
# Encoding a line back to the bytes a wrong decoder saw.


@lru_cache(maxsize=None)
def single_byte(codec: str) -> bool:
    """True for a code page that decodes each byte on its own; for UTF-8 too (each byte beyond ASCII alone is a
    U+FFFD): false for a double-byte code page. (:func:`legacy_single_byte` tells UTF-8 apart.)"""
    return len(bytes(range(0x80, 0x100)).decode(codec, "replace")) == 0x80


def encode_char(char: str, wrong: str) -> Optional[bytes]:
    """The bytes that ``wrong`` decodes to ``char``, or None."""
    try:
        return char.encode(wrong)
    except UnicodeEncodeError:
        pass
    extra = WRONG_EXTRA.get(wrong, {}).get(char)
    if extra:
        return extra
    for fallback in WRONG_FALLBACKS.get(wrong, ()):
        try:
            data = char.encode(fallback)
        except UnicodeEncodeError:
            continue
        if len(data) == 2:
            return data
    return None


class Encoder:
    """Encodes text with a wrong codec, char by char where the codec refuses some characters; ``lost``: U+FFFD
    as ``LOST_BYTE``."""

    def __init__(self, wrong: str, lost: bool = False):
        self.wrong = wrong
        self.single = single_byte(wrong)
        self.cache: Dict[str, Optional[bytes]] = {"\ufffd": LOST_BYTE} if lost else {}

    def char(self, char: str) -> Optional[bytes]:
        if char not in self.cache:
            self.cache[char] = encode_char(char, self.wrong)
        return self.cache[char]

    def runs(self, text: str) -> Iterator[Tuple[int, str, bytes]]:
        """(start, run, its bytes) for each run of ``text`` that the codec encodes."""
        try:
            yield 0, text, text.encode(self.wrong)
            return
        except UnicodeEncodeError:
            pass
        start, chunks = 0, []
        for i, char in enumerate(text):
            data = self.char(char)
            if data is None:
                if chunks:
                    yield start, text[start:i], b"".join(chunks)
                start, chunks = i + 1, []
            else:
                chunks.append(data)
        if chunks:
            yield start, text[start:], b"".join(chunks)

    def encode(self, text: str) -> Optional[bytes]:
        """The bytes the wrong decoder read as ``text``, or None where it cannot have made ``text``."""
        try:
            return text.encode(self.wrong)
        except UnicodeEncodeError:
            chars = [self.char(char) for char in text]
        return None if None in chars else b"".join(chars)

    def offsets(self, text: str) -> List[int]:
        """The byte offset of each character of ``text`` (encodable), and of its end."""
        if self.single:
            return list(range(len(text) + 1))
        offsets = [0]
        for char in text:
            offsets.append(offsets[-1] + (1 if char < "\x80" else len(self.char(char))))
        return offsets


@lru_cache(maxsize=None)
def encoder(wrong: str, lost: bool = False) -> Encoder:
    return Encoder(wrong, lost)


def utf8_read_by_single_byte(chain: Chain) -> bool:
    return chain.true == "utf-8" and single_byte(chain.wrong)


def reads_lost_bytes(chain: Chain, text: str) -> bool:
    """Whether a U+FFFD or ``?`` in ``text`` may stand for a byte lost inside a UTF-8 sequence that ``chain``
    garbled: UTF-8 read by a Windows code page that leaves bytes undefined (as ftfy's "sloppy" codecs mend them),
    in text that does not hold ``LOST_BYTE`` itself. MacRoman, cp437 and Latin-1 define every byte."""
    return utf8_read_by_single_byte(chain) and chain.wrong.startswith(SLOPPY_PREFIX) and LOST_BYTE.decode() not in text


def lossy_codec(chain: Chain, text: str) -> str:
    """``chain``'s wrong code page where it reads lost bytes in ``text`` (:func:`reads_lost_bytes`), else ``""``."""
    return chain.wrong if reads_lost_bytes(chain, text) else ""


def chain_encoder(chain: Chain, text: str) -> Encoder:
    """The encoder that reads ``text`` back to the bytes ``chain``'s wrong decoder saw (:func:`reads_lost_bytes`)."""
    return encoder(chain.wrong, reads_lost_bytes(chain, text) and "\ufffd" in text)


@lru_cache(maxsize=64)
def encoded_runs(coder: Encoder, text: str) -> Tuple[Tuple[int, str, bytes], ...]:
    """The runs of ``text`` that ``coder`` encodes and that are not all ASCII: a line's runs serve every chain."""
    return tuple(run for run in coder.runs(text) if not run[2].isascii())


@lru_cache(maxsize=64)
def run_offsets(wrong: str, run: str) -> List[int]:
    """:meth:`Encoder.offsets` of a run of :func:`encoded_runs`, for every chain that reads it with ``wrong``."""
    return encoder(wrong).offsets(run)


@lru_cache(maxsize=None)
def signature(chain: Chain) -> "re.Pattern[str]":
    """A pattern every text that ``chain`` repairs convincingly matches (a fast pre-check).

    UTF-8 needs a lead byte and a continuation byte; a double-byte code page a
    lead and a trail above ASCII; a single-byte one two changed characters in a row, or
    one for a Latin code page (a C1 control for cp1252 read as Latin-1). Text
    mis-read by a CJK code page holds East Asian characters.
    """
    if not single_byte(chain.wrong):
        return EAST_ASIAN
    high = range(0x80, 0x100)
    if chain.true == CESU_8:  # a high surrogate's first two bytes
        return re.compile(char_class(chain.wrong, [0xED]) + char_class(chain.wrong, range(0xA0, 0xB0)))
    if chain.true == "utf-8":
        return re.compile(char_class(chain.wrong, range(0xC2, 0xF5)) + char_class(chain.wrong, range(0x80, 0xC0)))
    if not single_byte(chain.true):  # trail bytes may be ASCII, but real damage has high ones too
        return re.compile(char_class(chain.wrong, range(0x81, 0xFF)) + char_class(chain.wrong, range(0x80, 0xFF)))
    as_wrong, as_true = (bytes(high).decode(codec, "replace") for codec in (chain.wrong, chain.true))
    changed = [b for b, w, t in zip(high, as_wrong, as_true) if w != t]
    if chain.true in LATIN_CODECS:
        return re.compile(char_class(chain.wrong, changed))
    return re.compile(char_class(chain.wrong, changed) + char_class(chain.wrong, high))


def char_class(codec: str, byte_values) -> str:
    """A regular expression class of the characters ``codec`` decodes ``byte_values`` to (C1 included)."""
    chars = bytes(byte_values).decode(codec, "replace").replace("\ufffd", "")
    chars += "".join(chr(b) for b in byte_values if 0x80 <= b < 0xA0)
    return "[" + "".join(map(class_range, code_point_ranges(chars))) + "]"


def code_point_ranges(chars: str) -> List[Tuple[int, int]]:
    """The distinct characters of ``chars`` as (first, last) runs of consecutive code points."""
    ranges: List[Tuple[int, int]] = []
    for code in sorted(set(map(ord, chars))):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def class_range(span: Tuple[int, int]) -> str:
    first, last = (re.escape(chr(code)) for code in span)
    return first if span[0] == span[1] else first + "-" + last


# ---------------------------------------------------------------------------
# Decoding those bytes with the right codec, where they decode.


@dataclass
class Stretch:
    """Bytes ``data[start:end]`` that decode in the true codec; ``lost_*``: a stray byte touches it."""

    start: int
    end: int
    lost_before: bool = False
    lost_after: bool = False
    units: Tuple[int, ...] = ()  # where each decoded character starts


@lru_cache(maxsize=None)
def byte_length(char: str, true: str) -> int:
    if char < "\x80" or "\udc80" <= char <= "\udcff":
        return 1
    try:
        return len(char.encode(true))
    except UnicodeEncodeError:
        return 2


def decoded_stretches(data: bytes, true: str, lossy: str = "") -> Iterator[Stretch]:
    """Stretches of ``data`` that decode as non-ASCII characters of ``true``, joined over short ASCII gaps;
    ``lossy``: the code page that read UTF-8 ``data``, whose lossy sequences decode to U+FFFD (see
    :func:`lossy_utf8_decoded`)."""
    starts = None
    spans = lossy_spans(data, lossy)
    if spans:
        decoded, starts = lossy_utf8_decoded(data, spans)
    else:
        decoded = data.decode(true, "surrogateescape")
    char_pos = byte_pos = 0  # the bytes before the previous stretch (the codecs are stateless)
    for match in DECODED_STRETCH.finditer(decoded):
        a, b = match.span()
        if starts is not None:
            units = starts[a:b + 1]
        else:
            byte_pos += len(decoded[char_pos:a].encode(true, "surrogateescape"))
            char_pos = a
            units = unit_starts(match.group(), byte_pos, true)
        yield Stretch(units[0], units[-1], a > 0 and is_stray(decoded[a - 1]),
                      b < len(decoded) and is_stray(decoded[b]), tuple(units[:-1]))


def unit_starts(text: str, start: int, true: str) -> List[int]:
    """Where each character of ``text`` (decoded from ``true`` at byte ``start``) starts, and where it ends."""
    return list(accumulate(map(byte_length, text, repeat(true)), initial=start))


def lossy_utf8_decoded(data: bytes, spans: List[Tuple[int, int]]) -> Tuple[str, List[int]]:
    """UTF-8 ``data`` decoded with each lossy sequence (at ``spans``) as one U+FFFD and other undecodable bytes
    escaped, and where each character starts (and the text ends)."""
    parts, starts, pos = [], [], 0
    for start, end in spans:
        parts.append(data[pos:start].decode("utf-8", "surrogateescape"))
        starts += unit_starts(parts[-1], pos, "utf-8")[:-1] + [start]
        parts.append("\ufffd")
        pos = end
    parts.append(data[pos:].decode("utf-8", "surrogateescape"))
    starts += unit_starts(parts[-1], pos, "utf-8")
    return "".join(parts), starts


def decoded_exactly(data: bytes, true: str, lossy: str = "") -> Optional[str]:
    """``data`` decoded by ``true``, or None where a byte does not decode; ``lossy``: as in
    :func:`decoded_stretches`."""
    return decoded_around(data, true, lossy_spans(data, lossy))


def decoded_around(data: bytes, true: str, spans: List[Tuple[int, int]]) -> Optional[str]:
    """``data`` decoded by ``true`` with the lossy sequence at each of ``spans`` as U+FFFD, or None where a byte
    does not decode."""
    if spans:
        text = lossy_utf8_decoded(data, spans)[0]
        return None if ESCAPED_BYTE.search(text) else text
    try:
        return data.decode(true)
    except UnicodeDecodeError:
        return None


def case_runs(stretch: Stretch, run: str) -> List[Stretch]:
    """The parts of a single-byte stretch that may be KOI8-R read as cp1251, which swaps case.

    Where its damage starts or ends inside a word, the case changes there
    (``моЦЕФ`` for ``может``): the part in small letters is the clean one. A
    word's one small first letter is its capital swapped (``пРИВЕТ``), not a part.
    """
    cuts, same_case = [stretch.start], stretch.start
    for i in range(stretch.start + 1, stretch.end):
        a, b = run[i - 1], run[i]
        if a.isalpha() and b.isalpha() and a.islower() != b.islower():
            if i - same_case >= 2:
                cuts.append(i)
            same_case = i
    if len(cuts) == 1:
        return [stretch]
    cuts.append(stretch.end)
    return [Stretch(a, b, stretch.lost_before and a == stretch.start, stretch.lost_after and b == stretch.end,
                    tuple(range(a, b)))
            for a, b in zip(cuts, cuts[1:]) if not run[a:b].islower()]


def is_stray(char: str) -> bool:
    """A byte the true codec could not decode (a surrogate escape)."""
    return "\udc80" <= char <= "\udcff"


def candidates_for(text: str, chain: Chain) -> Iterator[Candidate]:
    """Every stretch of ``text`` (one line, or part of one) that ``chain`` repairs exactly."""
    if not signature(chain).search(text):
        return
    lossy = lossy_codec(chain, text)
    for run_start, run, data in encoded_runs(chain_encoder(chain, text), text):
        offsets = None
        stretches: Iterable[Stretch] = decoded_stretches(data, chain.true, lossy)
        if case_checked(chain):
            stretches = (part for stretch in stretches for part in case_runs(stretch, run))
        for stretch in stretches:
            offsets = offsets or run_offsets(chain.wrong, run)
            for each in [stretch] + realigned(stretch, data, offsets, chain):
                candidate = aligned_candidate(text, run_start, data, offsets, each, chain, lossy)
                if candidate:
                    yield candidate


def realigned(stretch: Stretch, data: bytes, offsets: List[int], chain: Chain) -> List[Stretch]:
    """The stretch decoded again from where a character of the garbled text starts inside a character of
    its decoding: a multi-byte codec that read clean text before the damage may run over into it.

    (Japanese ``ン偼`` mis-read as GBK: cp932 reads the GBK bytes of ``ン`` as one half-width character and
    a lead byte, which takes the first byte of ``偼``; decoded from ``偼`` on, it is ``は``.) At most
    ``MAX_REALIGNMENTS`` places, each decoded up to the stretch's end.
    """
    if single_byte(chain.wrong) or single_byte(chain.true) or chain.true in UTF8_FAMILY or len(stretch.units) < 2:
        return []
    units, found, aligned = set(stretch.units), [], True
    inside = offsets[bisect.bisect_right(offsets, stretch.start):bisect.bisect_left(offsets, stretch.end)]
    for b in inside:
        if b in units:
            aligned = True
        elif aligned:
            if len(found) == MAX_REALIGNMENTS:
                break
            aligned = False
            part = next(decoded_stretches(data[b:stretch.end], chain.true), None)
            if part and part.start == 0:
                end = part.end + b
                found.append(Stretch(b, end, False, part.lost_after or end == stretch.end and stretch.lost_after,
                                     tuple(u + b for u in part.units)))
    return found


def aligned_candidate(text: str, run_start: int, data: bytes, offsets: List[int],
                      stretch: Stretch, chain: Chain, lossy: str) -> Optional[Candidate]:
    """The candidate for a stretch, fitted to whole characters of the garbled text.

    A stretch's end is widened over ASCII bytes (a trail byte that was ASCII),
    or else both ends are narrowed to where a garbled character starts.
    ``lossy``: as in :func:`decoded_stretches`.
    """
    stretch = narrowed(stretch, offsets, data)
    if stretch is None:
        return None
    first = char_index(offsets, stretch.start)
    last = char_index(offsets, stretch.end - 1) + 1
    end = offsets[last]
    repaired = decoded_exactly(data[stretch.start:end], chain.true, lossy)
    if repaired is None:
        return None
    garbled = text[run_start + first:run_start + last]
    if repaired == garbled:
        return None
    stray = stretch.lost_before or stretch.lost_after
    if chain.true == CESU_8 and not ASTRAL.search(repaired):
        return None  # UTF-8's own chain repairs the rest
    lost = stray and single_byte(chain.wrong) and chain.true not in UTF8_FAMILY
    in_latin_word = (chain.true in NON_LATIN_CODECS and inside_latin_word(text, run_start + first, run_start + last,
                                                                           repaired)
                     or foreign_mark_on_latin(text, run_start + first, repaired))
    shaped = damage_shaped(garbled, repaired, chain) and not splits_halfwidth_word(text, run_start + first,
                                                                                    run_start + last)
    if not shaped and not single_byte(chain.wrong):
        return None
    misshapen = (in_latin_word or not shaped or (lost and sum(1 for a in repaired if a >= "\x80") < LOST_BYTE_RUN)
                 or (latin_read_as_latin(chain) and swaps_letters_alone(text, run_start + first, garbled, repaired)))
    small = not misshapen and not convincing_size(garbled, repaired, chain)
    char_at = {offset: i - first for i, offset in enumerate(offsets[first:last + 1], first)}
    cuts = tuple((char_at[b], n) for n, b in enumerate(stretch.units) if b in char_at)
    cuts += ((last - first, len(repaired)),)
    start, end = run_start + first, run_start + last
    return Candidate(start, end, garbled, repaired, (chain,), lost, stray and chain.true in UTF8_FAMILY,
                     misshapen or small, small, cuts, in_latin_word=in_latin_word, left=text[start - 1:start],
                     right=text[end:end + 1])


def narrowed(stretch: Stretch, offsets: List[int], data: bytes) -> Optional[Stretch]:
    """The stretch with ends on character boundaries of the garbled text, or None if nothing is left."""
    # Only the boundaries inside the stretch, where its units are: a run's offsets span its whole line.
    boundaries = set(offsets[bisect.bisect_left(offsets, stretch.start):bisect.bisect_left(offsets, stretch.end)])
    starts = [u for u in stretch.units if u in boundaries]  # in order: a stretch's units ascend
    if not starts:
        return None
    end = offsets[char_index(offsets, stretch.end - 1) + 1]
    if not data[stretch.end:end].isascii():
        end = starts[-1]
    if end <= starts[0]:
        return None
    units = stretch.units[bisect.bisect_left(stretch.units, starts[0]):bisect.bisect_left(stretch.units, end)]
    return Stretch(starts[0], end, stretch.lost_before and starts[0] == stretch.start,
                   stretch.lost_after and end >= stretch.end, units)


def inside_latin_word(text: str, start: int, end: int, repaired: str) -> bool:
    """Whether the repair of ``text[start:end]`` puts a letter next to an ASCII letter: part of a Latin word.

    (Hebrew ``ה־QTIF`` ends with a maqaf, no letter.)
    """
    return (start > 0 and text[start - 1].isascii() and text[start - 1].isalpha() and repaired[0].isalpha()) or \
        (end < len(text) and text[end].isascii() and text[end].isalpha() and repaired[-1].isalpha())


def foreign_mark_on_latin(text: str, start: int, repaired: str) -> bool:
    """Whether the repair of a stretch at ``start`` begins with a mark of another script (an Arabic vowel, a
    Hebrew point, an Indic vowel sign) that would sit on the ASCII letter before it: ``TRANSFORMATORIŲ™``
    is no Arabic damma. Marks that any script takes (U+0300-U+036F and the like) are not of another script."""
    return (start > 0 and text[start - 1].isascii() and text[start - 1].isalpha()
            and unicodedata.category(repaired[0]).startswith("M") and not GENERIC_MARKS.match(repaired[0]))


def in_code_point_order(text: str) -> bool:
    """Whether ``text``'s non-ASCII characters run in code point order: a listing (``°±²³``), not damage."""
    chars = [ord(c) for c in text if c >= "\x80"]
    return len(chars) >= 4 and all(a < b <= a + 16 for a, b in zip(chars, chars[1:]))


def non_ascii(text: str) -> int:
    return sum(1 for c in text if c >= "\x80")


def convincing_size(garbled: str, repaired: str, chain: Chain) -> bool:
    """Whether a stretch is big enough to judge on its own: UTF-8 repairs may be one character, others two.

    Half-width katakana (single bytes in Shift_JIS) do not count, nor what a single-byte code page read as
    another leaves as it was (``„ß“`` is one letter, not three: both code pages write the quotes alike).
    """
    if legacy_single_byte(chain) and single_byte(chain.wrong):
        repaired = "".join(new for old, new in zip(garbled, repaired) if old != new)
    changed = sum(1 for a in repaired if a >= "\x80" and not is_halfwidth_kana(a))
    if changed < (1 if chain.true in LATIN_CODECS else 2) or in_code_point_order(garbled):
        return False
    return not (single_byte(chain.wrong) and not single_byte(chain.true) and non_ascii(garbled) < 3)


def damage_shaped(garbled: str, repaired: str, chain: Chain) -> bool:
    """Whether a stretch has the shape of the chain's damage.

    Chinese codecs must give Chinese: no kana or Hangul. Text mis-read by a
    CJK codec is Han (or kana, Hangul) to start with. A double-byte code page
    read as a single-byte one writes letters (most of its bytes are letters
    of Latin-1): a run of signs alone is text (``'¬±×÷'``, the signs of
    operators, is no EUC-KR ``П鱗``).
    """
    if chain.true in CHINESE_CODECS and NOT_CHINESE.search(repaired):
        return False
    if single_byte(chain.wrong):
        return single_byte(chain.true) or any(a.isalpha() for a in garbled if a >= "\x80")
    east_asian = len(EAST_ASIAN.findall(garbled))
    return east_asian >= max(1, sum(1 for a in garbled if a >= "\x80") / 2)


def swaps_letters_alone(text: str, start: int, garbled: str, repaired: str) -> bool:
    """Whether each letter the repair of ``text``'s stretch at ``start`` swaps stands with no letter beside it, and is
    no word of its own (see ``ONE_LETTER_WORDS``): a listing of letters (the collation rule ``&D<<ð<<<Ð<<đ``, an
    alphabet), where a Latin code page read as another would have swapped letters inside words."""
    swapped = [(start + i, new) for i, (old, new) in enumerate(zip(garbled, repaired)) if old != new]
    return bool(swapped) and all(new.isalpha() and not (text[i - 1:i].isalpha() or text[i + 1:i + 2].isalpha())
                                 and new.lower() not in ONE_LETTER_WORDS for i, new in swapped)


def splits_halfwidth_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` cuts a word of half-width katakana (``ﾃｷ`` of ``ﾃｷｽﾄ``): the word is real.

    UTF-8 read as Shift_JIS turns Latin-1 letters into half-width katakana
    pairs among other text (``ﾂｿQuﾃｩ tal?`` for ``¿Qué tal?``), whole.
    """
    return any(0 < i < len(text) and is_halfwidth_kana(text[i - 1]) and is_halfwidth_kana(text[i])
               for i in (start, end))


def is_halfwidth_kana(char: str) -> bool:
    return "\uff61" <= char <= "\uff9f"


def char_index(offsets: List[int], byte_pos: int) -> int:
    """The index of the character whose bytes hold ``byte_pos`` (``offsets``: two or more, the first at or before
    ``byte_pos``; the last is where the text ends, no character's)."""
    return bisect.bisect_right(offsets, byte_pos, 0, len(offsets) - 1) - 1


def deeper(candidate: Candidate) -> Candidate:
    """The candidate with its repair repaired again, for UTF-8 garbled more than once (see :func:`utf8_layers`)."""
    return utf8_layers(candidate) if candidate.chains[0].true == "utf-8" else candidate


@lru_cache(maxsize=4096)  # only for UTF-8: hashing a candidate costs as much as this test of the others
def utf8_layers(candidate: Candidate) -> Candidate:
    """A UTF-8 candidate with its repair repaired again, layer by layer.

    Each further layer must turn the whole repair into UTF-8 again, and a
    multi-byte code page's into text more plausible than it (two GBK
    characters are UTF-8 by chance as often as not: ``模式`` is ``ģʽ``); the
    same code page as the layer before comes first, then the table's order.
    A repair of which another single-byte code page would repair a part
    into two characters or more is doubtful: no chain of code pages garbled
    it (``╬ô┬ó├óΓÇÜ┬¼├é┬ó``, a made-up example, is ``Γ¢â‚¬Â¢`` read as cp437,
    and cp1252 reads ``â‚¬Â¢`` in it; one character is chance: cp1251 writes
    ``Ві`` with the bytes of ``³``); unless its own code page repairs part
    of it into letters: the text was cut short (``ÃƒÂ©tÃƒ``).
    """
    for _ in range(MAX_LAYERS - 1):
        last = candidate.chains[-1]
        chains = [last] + [c for c in all_chains() if c.true == "utf-8" and c != last and single_byte(c.wrong)]
        found = [c for chain in chains for c in candidates_for(candidate.repaired, chain) if not c.weak]
        inner = [c for c in found if c.start == 0 and c.end == len(candidate.repaired)
                 and (single_byte(c.chains[0].wrong) or more_plausible(c.repaired, candidate.repaired))]
        if not inner:
            own = any(c.chains[0] == last and any(a.isalpha() for a in c.repaired) for c in found)
            others = any(c.chains[0] != last and single_byte(c.chains[0].wrong) and non_ascii(c.repaired) > 1
                         for c in found)
            return candidate._replace(doubtful=True) if others and not own else candidate
        best = inner[0]
        candidate = candidate._replace(repaired=best.repaired, chains=candidate.chains + best.chains, cuts=())
    return candidate


def more_plausible(text: str, than: str) -> bool:
    """Whether ``text`` is more plausible text in general (the model's prior) than ``than``."""
    return plausibility.prior_cost(text) < plausibility.prior_cost(than)


# ---------------------------------------------------------------------------
# Choosing the repairs the file supports.


def line_candidates(line: str, chains: Sequence[Chain], lines: "NonAsciiLines") -> List[Candidate]:
    """Every exact repair of ``chains`` in ``line`` (one of ``lines``), surrogate escapes (raw bytes) left out."""
    found = []
    for piece in TEXT_BETWEEN_ESCAPES.finditer(line):
        if piece.group().isascii():
            continue
        shift = piece.start()
        for chain in chains:
            for c in candidates_for(piece.group(), chain):
                c = c._replace(start=c.start + shift, end=c.end + shift)
                if legacy_single_byte(chain) and chain in lines.own_swaps:
                    c = c._replace(own_swaps=swaps_only(c, lines.own_swaps[chain]))
                if latin_read_as_latin(chain):
                    c = c._replace(file_word=writes_file_words(line, c, lines))
                found.append(c)
    return found


def between_chinese(chain: Chain) -> bool:
    """Whether ``chain`` is one Chinese code page read as the other (GBK as Big5, Big5 as GBK)."""
    return chain.true in CHINESE_CODECS and chain.wrong in CHINESE_CODECS


@lru_cache(maxsize=64)
def writes_foreign_words(line: str, wrong: str) -> bool:
    """Whether ``line`` is Chinese of the script that the Chinese code page ``wrong`` writes, as it stands: it writes
    a common word with a character only that script writes (``切換按鈕`` for Big5). Text that another Chinese code
    page garbled seldom does: over the machine's catalogues, 1 line in 1,000, against 9 in 10 clean lines."""
    script = CHINESE_SCRIPT[wrong]
    words = plausibility.chinese_words()
    return any(pair in words and script in map(plausibility.chinese_script_of, pair)
               for pair in map(str.__add__, line, line[1:]))


def writes_file_words(line: str, candidate: Candidate, lines: "NonAsciiLines") -> bool:
    """Whether each word the candidate changes becomes the start of a word that the file writes on other lines:
    its :func:`stems`, ``MIN_STEM`` letters or more (``doloèilo`` in Slovenian text that writes ``določila``). A
    word of another language seldom reads as one of the file's so (``Genève`` is no ``Genečve``; ``meðan`` is no
    ``međan`` where Croatian writes ``Međa``)."""
    start, end = word_span(line, candidate)
    old = line[start:end]
    new = line[start:candidate.start] + candidate.repaired + line[candidate.end:end]
    found = stems(old, new)
    return bool(found) and all(len(stem) >= MIN_STEM and lines.writes_word_start(stem, line) for stem in found)


def stems(old: str, new: str) -> List[str]:
    """For each word of ``new`` that differs from ``old`` (of the same length, ``new`` its repair): its letters
    through the one after the last that differs (all of it, where that is its last), case folded."""
    if len(old) != len(new):
        return []
    found = []
    for word in WORD.finditer(new):
        changed = [k for k in range(word.start(), word.end()) if old[k] != new[k]]
        if changed:
            found.append(new[word.start():min(changed[-1] + 2, word.end())].lower())
    return found


def swaps_only(candidate: Candidate, swaps: Dict[str, str]) -> bool:
    """Whether every character the candidate changes is a letter of ``swaps`` (folded) changed into its letter."""
    pairs = [(old.lower(), new.lower()) for old, new in zip(candidate.garbled, candidate.repaired) if old != new]
    return bool(pairs) and all(swaps.get(old) == new for old, new in pairs)


def own_swaps(text: str) -> Dict[Chain, Dict[str, str]]:
    """For each legacy single-byte code page read as another (see :func:`legacy_single_byte`) that would swap
    letters of ``text`` for letters its other lines write: the letters it swaps so (folded).

    Such a chain must swap ``MIN_OWN_SWAPS`` letters so or more, twice as many
    as it would change into others; the lines that hold them must write no
    letter beyond ASCII that the other lines do not; and with the swaps made,
    those lines must write ``MIN_OWN_WORDS`` words or more of the other lines
    (see :func:`stems`). That holds however often the file writes the garbled
    letters: a Czech file read as cp1252 in places writes ``pøíkaz`` and
    ``smìøování`` there, and ``příkazu`` and ``směr`` on its other lines; half
    a Russian one, ``Íå óäàëîñü``. French lines in a Czech file write ``à``
    and ``ê``, which cp1250 would change into letters the file never writes;
    Icelandic lines in a Croatian one write ``á`` and ``ú`` beside ``ð`` and
    ``æ``, and Croatian does not; Catalan ``memòria intermèdia`` in a Czech
    file would become no word of it.
    """
    lines = [line for line in text.split("\n") if not line.isascii()]
    by_line = [letters_beyond_ascii(line) for line in lines]
    letters = set().union(*by_line)
    found = {}
    for chain in filter(legacy_single_byte, all_chains()):
        changed = {old: new for old, new in letter_swaps(chain).items() if old in letters}
        if len(changed) < MIN_OWN_SWAPS:
            continue
        clean = set().union(*(held for held in by_line if not held & changed.keys()))
        own = {old: new for old, new in changed.items() if new in clean}
        kept = own.keys() if latin_read_as_latin(chain) else changed.keys()
        if (len(own) >= max(MIN_OWN_SWAPS, 2 * (len(changed) - len(own)))
                and all(held - kept <= clean for held in by_line if held & own.keys())
                and (not latin_read_as_latin(chain) or writes_clean_words(
                    [line for line, held in zip(lines, by_line) if held & own.keys()],
                    [line for line, held in zip(lines, by_line) if not held & changed.keys()], chain_table(chain)))):
            found[chain] = own
    return found


def writes_clean_words(garbled: Sequence[str], clean: Sequence[str], table: Dict[int, str]) -> bool:
    """Whether the ``garbled`` lines, translated by ``table``, write ``MIN_OWN_WORDS`` distinct words that start as
    words of the ``clean`` lines do (see :func:`stems`)."""
    words = sorted({word.lower() for line in clean for word in WORD.findall(line)})
    found = {stem for line in garbled for stem in stems(line, line.translate(table))
             if len(stem) >= MIN_STEM and words_starting(words, stem)}
    return len(found) >= MIN_OWN_WORDS


def words_starting(words: Sequence[str], stem: str) -> Sequence[str]:
    """The words of the sorted ``words`` that start with ``stem``."""
    first = last = bisect.bisect_left(words, stem)
    while last < len(words) and words[last].startswith(stem):
        last += 1
    return words[first:last]


@lru_cache(maxsize=None)
def high_bytes_read(chain: Chain) -> Tuple[str, str]:
    """Bytes 80-FF as a single-byte ``chain``'s wrong code page reads them, and as its true one does."""
    high = bytes(range(0x80, 0x100))
    return high.decode(chain.wrong, "replace"), high.decode(chain.true, "replace")


@lru_cache(maxsize=None)
def letter_swaps(chain: Chain) -> Dict[str, str]:
    """The cased letters ``chain`` changes (folded), each into what its true code page reads its byte as (folded)."""
    return {chr(w).lower(): t.lower() for w, t in chain_table(chain).items() if chr(w).lower() != chr(w).upper()}


def letters_beyond_ascii(text: str) -> set:
    """The letters beyond ASCII of ``text``, case folded; ``ª`` and ``º`` mark ordinals (``1ª``, ``nº``)."""
    return {c for c in set(text.lower()) if c >= "\x80" and c.isalpha() and c not in ORDINAL_INDICATORS}


def legacy_single_byte(chain: Chain) -> bool:
    return chain.true not in UTF8_FAMILY and single_byte(chain.true)


def case_checked(chain: Chain) -> bool:
    return chain.true in CASE_SWAPPING and chain.wrong in CASE_SWAPPED_BY


@lru_cache(maxsize=None)
def repaired_letters(chain: Chain) -> "re.Pattern[str]":
    """The letters a single-byte to single-byte chain turns other characters into, in either case."""
    as_wrong, as_true = high_bytes_read(chain)
    letters = "".join(t for w, t in zip(as_wrong, as_true) if w != t and t.isalpha())
    return re.compile(f"[{re.escape(letters)}]", re.IGNORECASE)


def chain_suspect_lines(text: str, chain: Chain, letters_from: str, known: bool) -> List[int]:
    """The lines of ``text`` where ``chain`` may find a convincing repair: fast searches of the whole text.

    A legacy single-byte code page's repair must bring letters written in
    ``letters_from`` (the file), or else only replace C1 controls; KOI8-R
    read as cp1251 must show its swapped case (see :func:`at_home`).
    Multi-byte code pages that garbled UTF-8 are searched in the bytes they
    saw, for UTF-8's multi-byte sequences. A chain ``known`` from the rest
    of the file may repair stretches too small to judge on their own.
    """
    if case_checked(chain) and not INVERTED_CASE.search(text):
        return []
    if not single_byte(chain.wrong):
        return multi_byte_suspect_lines(text, chain)
    found = matching_lines(text, signature(chain) if known else prefilter(chain))
    if found and legacy_single_byte(chain) and not repaired_letters(chain).search(letters_from):
        return sorted(set(found).intersection(matching_lines(text, C1_CONTROL)))
    return found


@lru_cache(maxsize=8)  # the second pass searches the same text for the same chains
def multi_byte_suspect_lines(text: str, chain: Chain) -> List[int]:
    east_asian = east_asian_lines(text)
    if chain.true != "utf-8" or not east_asian:
        return east_asian
    return sorted(set(east_asian).intersection(matching_lines(text.encode(chain.wrong, WRONG_ERRORS), UTF8_SEQUENCE)))


@lru_cache(maxsize=1)
def east_asian_lines(text: str) -> List[int]:
    return matching_lines(text, EAST_ASIAN)


def matching_lines(seq, pattern) -> List[int]:
    """The 1-based numbers of the lines of ``seq`` (text or bytes) where ``pattern`` matches."""
    newline = "\n" if isinstance(seq, str) else b"\n"
    found, line, pos = [], 1, 0
    while True:
        match = pattern.search(seq, pos)
        if not match:
            return found
        line += seq.count(newline, pos, match.start())
        found.append(line)
        pos = seq.find(newline, match.end()) + 1
        if not pos:
            return found
        line += 1


@lru_cache(maxsize=None)
def prefilter(chain: Chain) -> "re.Pattern[str]":
    """A pattern that every line a single-byte ``wrong`` chain repairs convincingly matches.

    Its :func:`signature`, except for multi-byte text read as a single-byte
    code page: three changed characters at most four ASCII ones apart (see
    :func:`convincing_size`). For ``LATIN1_READING``, ``LONE_A_GRAVE`` and
    ``LOST_LEAD_IN_WORD`` too (see :func:`nbsp_chains` and :func:`lost_lead_repairs`).
    """
    if chain == LATIN1_READING:
        return re.compile(f"{signature(chain).pattern}|{LONE_A_GRAVE.pattern}|{LOST_LEAD_IN_WORD.pattern}")
    if single_byte(chain.true):
        return signature(chain)
    high = char_class(chain.wrong, range(0x80, 0x100))
    return re.compile(f"{high}(?:[!-~]{{0,4}}{high}){{2}}")


def wrong_errors(error: UnicodeEncodeError) -> Tuple[bytes, int]:
    """Encoding error handler: what the wrong codec's real-life decoders accept, else ``?``."""
    chars = error.object[error.start:error.end]
    return b"".join(encoder(error.encoding).char(char) or b"?" for char in chars), error.end


codecs.register_error(WRONG_ERRORS, wrong_errors)


def gain(candidate: Candidate, line: str, profile: plausibility.Profile, start: Optional[int] = None) -> float:
    """Bits saved by the repair, as text of the file; a stray byte touching it costs.

    ``start``: where the candidate sits in ``line`` when not at ``candidate.start``.
    """
    start = candidate.start if start is None else start
    before, after = line[:start], line[start + len(candidate.garbled):]
    bits = (plausibility.text_cost(candidate.garbled, profile, before, after)
            - plausibility.text_cost(candidate.repaired, profile, before, after))
    return bits + evidence_bits(candidate, profile)


def evidence_bits(candidate: Candidate, profile: plausibility.Profile) -> float:
    """What the bytes say beyond the text: UTF-8 structure, the file's own letters, stray bytes."""
    return (structure_bits(candidate) + own_letters_bits(candidate, profile) + letter_pair_bits(candidate, profile)
            - STRAY_BYTE * (candidate.stray_nearby + 2 * candidate.lost_nearby)
            - LONE_LETTER_BITS * lone_letter(candidate, profile)
            - STRANDED_LETTER_BITS * strands_ascii_letter(candidate)
            - FOREIGN_SIGN_BITS * touches_foreign_sign(candidate)
            + MENDED_WORD_BITS * mends_latin_word(candidate)
            + SIGN_AFTER_CAPITAL_BITS * signs_after_capitals(candidate)
            + KNOWN_WORD_BITS * candidate.file_word
            + SIGN_IN_WORD_BITS * signs_inside_words(candidate))


def mends_latin_word(candidate: Candidate) -> bool:
    """Whether the repair turns East Asian characters between two small ASCII letters into small letters of
    Latin-1: a word mended (``r茅sumé`` for ``résumé``), where real text seldom writes a Han character inside a
    word in small letters (``Model X女``, ``J女U`` are no such word)."""
    around = candidate.left + candidate.right
    return (len(around) == 2 and around.isascii() and around.isalpha() and around.islower()
            and all(map(EAST_ASIAN.match, candidate.garbled))
            and all(c in LATIN1_SMALL_LETTERS for c in candidate.repaired))


def signs_after_capitals(candidate: Candidate) -> int:
    """How often UTF-8's garbled text writes, inside a word and before ASCII, a capital beyond ASCII and then a sign
    of number (``±²³µ¹¼½¾``), where the repair writes Latin, Greek or Cyrillic letters only, none rare nor a
    modifier: how single-byte code pages read the two-byte sequences of many small letters (``IL2RÎ³cKO`` for
    ``IL2RγcKO``, ``informaciÃ³n``). Text writes those signs after digits and ASCII letters (``m²``, ``5±1``),
    after a unit (``1234.5 Å³``), after a word's capital as a footnote (``ÉTÉ³``, ``AVÔ¹``: ``ɳ``, Armenian
    ``Թ``); in a run of such characters the pair may be another code page's (``Ã½Ìå`` is GBK's ``媒体``)."""
    garbled, repaired = candidate.garbled, candidate.repaired
    if (candidate.chains[0].true not in UTF8_FAMILY or RARE_CLASSES.intersection(plausibility.classes(repaired))
            or not scripts_of(repaired) <= SIGNED_SCRIPTS or any(unicodedata.category(c) == "Lm" for c in repaired)):
        return 0
    before, after = (candidate.left or " ") + garbled, garbled[2:] + (candidate.right or " ")
    return sum(1 for p, a, b, c in zip(before, garbled, garbled[1:], after)
               if b in NUMBER_SIGNS and a >= "\x80" and a.isupper() and p.isalpha() and c < "\x80")


def signs_inside_words(candidate: Candidate) -> int:
    """How many signs between two letters a Latin code page read as another repairs into letters: text writes no
    ``¿``, ``¹`` or ``¾`` inside a word (``D¿abal``, ``wisz¹cy``, ``uvo¾nenie`` are ``Dżabal``, ``wiszący``,
    ``uvoľnenie``), but after one as a footnote (``word¹``), or before one (``¿Qué``). Its neighbours are letters
    once repaired (``ga³¹Ÿ`` is ``gałąź``)."""
    if not latin_read_as_latin(candidate.chains[0]):
        return 0
    garbled = candidate.left + candidate.garbled + candidate.right
    repaired = candidate.left + candidate.repaired + candidate.right
    return sum(1 for k in range(1, len(garbled) - 1)
               if not garbled[k].isalpha() and repaired[k - 1].isalpha() and repaired[k].isalpha()
               and repaired[k + 1].isalpha())


def strands_ascii_letter(candidate: Candidate) -> bool:
    """Whether the repair of a double-byte code page writes more small ASCII letters than its garbled text as words
    of one letter right after East Asian text: trail bytes the wrong decoder took (``鬆弛的`` is no ``頒o的``), where
    real text writes an ASCII word after Han whole (``使用Python``). A capital alone is text (``组N``, ``T恤``)."""
    if single_byte(candidate.chains[0].wrong):
        return False
    around = candidate.left, candidate.right
    return len(STRANDED_LETTER.findall(candidate.repaired.join(around))) > len(STRANDED_LETTER.findall(
        candidate.garbled.join(around)))


def touches_foreign_sign(candidate: Candidate) -> bool:
    """Whether a single-byte code page's stretch touches a sign beyond ASCII that the code page never writes: the
    text there was not read by it, and damage seldom ends right against it (in ``'¬±×÷'``, a list of signs,
    ``¬±`` is no MacRoman for ``±``: MacRoman writes no ``×``). U+FFFD is no such sign: it stands for lost bytes,
    of the damage itself as often as not."""
    wrong = candidate.chains[0].wrong
    return single_byte(wrong) and any(
        c >= "\x80" and c != "\ufffd" and unicodedata.category(c)[0] in "PS" and encoder(wrong).char(c) is None
        for c in candidate.left + candidate.right)


def lone_letter(candidate: Candidate, profile: plausibility.Profile) -> bool:
    """Whether the repair stands alone and mends no word: one Latin or Hebrew letter that is no word and that
    the rest of the file never writes as a word on its own (``= √π`` read as ``= ù``; a Hebrew file writes ``ט``
    in words, never alone), or a word of letters with case become a symbol (``with Āø on`` read as ``with ¸ on``)."""
    repaired, around = candidate.repaired, candidate.left + candidate.right
    if len(repaired) != 1 or any(c.isalpha() for c in around):
        return False
    if not repaired.isalpha():
        return all(c.isupper() or c.islower() for c in candidate.garbled)
    return (plausibility.char_class(repaired) in LONE_LETTER_CLASSES and repaired.lower() not in ONE_LETTER_WORDS
            and not profile.words_of_one_letter(repaired))


def letter_pair_bits(candidate: Candidate, profile: plausibility.Profile) -> float:
    """Evidence from letter pairs: a legacy code page's repair writes pairs of letters the rest of the file writes.

    (``удалить`` for ``ХДБМЙФШ`` in Russian; not ``ESPAŃOL`` for ``ESPAÑOL`` in Polish.)
    """
    if not legacy_single_byte(candidate.chains[0]) or len(candidate.chains) > 1:
        return 0.0
    if changed_letters(candidate) < 2 and not own_letters_bits(candidate, profile):
        return 0.0  # one letter's pairs tell a word of another language as often as damage
    around = candidate.left, candidate.right
    return LETTER_PAIR_BITS * (profile.known_pairs(candidate.repaired.join(around))
                               - profile.known_pairs(candidate.garbled.join(around)))


def changed_letters(candidate: Candidate) -> int:
    return sum(1 for old, new in zip(candidate.garbled, candidate.repaired) if old != new and new.isalpha())


def own_letters_bits(candidate: Candidate, profile: plausibility.Profile) -> float:
    """Evidence from a single-byte code page swapping letters the file never writes for letters it does.

    (``pøi`` in a Czech file that writes ř everywhere and ø nowhere else.)
    """
    if not legacy_single_byte(candidate.chains[0]) or len(candidate.chains) > 1:
        return 0.0
    if candidate.own_swaps:
        return OWN_LETTERS_BITS
    pairs = [(old, new) for old, new in zip(candidate.garbled, candidate.repaired) if old != new]
    if pairs and all(old.isalpha() and new.isalpha() and profile.count(new) >= max(1, 3 * profile.count(old))
                     for old, new in pairs):
        return OWN_LETTERS_BITS
    return 0.0


def structure_bits(candidate: Candidate) -> float:
    """Evidence from UTF-8's own structure: random bytes seldom form its multi-byte sequences."""
    if candidate.chains[0].true not in UTF8_FAMILY:
        return 0.0
    return sum(UTF8_SEQUENCE_BITS.get(len(char.encode("utf-8", "surrogatepass")), 0.0)
               for char in candidate.repaired if char >= "\x80")


def trimmed(candidate: Candidate, profile: plausibility.Profile) -> Optional[Candidate]:
    """The candidate cut down to its most plausible part: a multi-byte decoder runs on into clean text."""
    if not may_be_trimmed(candidate) or len(candidate.cuts) == 2:
        return candidate  # (one piece between two cuts is its own best run: nothing to cut off)
    cuts = candidate.cuts
    cost = profile.costs.__getitem__
    garbled_bits, repaired_bits = list(map(cost, candidate.garbled)), list(map(cost, candidate.repaired))
    pieces = [sum(garbled_bits[g0:g1]) - sum(repaired_bits[r0:r1]) for (g0, r0), (g1, r1) in zip(cuts, cuts[1:])]
    first, last = best_run(pieces)
    if sum(pieces[:first]) > -TRIM_TOLERANCE:
        first = 0
    if sum(pieces[last:]) > -TRIM_TOLERANCE:
        last = len(pieces)
    first, last = without_foreign_ends(candidate, profile, first, last)
    if (first, last) == (0, len(pieces)):
        return candidate
    (g0, r0), (g1, r1) = cuts[first], cuts[last]
    garbled, repaired = candidate.garbled[g0:g1], candidate.repaired[r0:r1]
    chain = candidate.chains[0]
    if not repaired or repaired == garbled:
        return None
    small = candidate.small or not (single_byte(chain.wrong) or convincing_size(garbled, repaired, chain))
    return candidate._replace(start=candidate.start + g0, end=candidate.start + g1, garbled=garbled,
                              repaired=repaired, lost_nearby=False, stray_nearby=False, weak=candidate.weak or small,
                              small=small, cuts=tuple((g - g0, r - r0) for g, r in cuts[first:last + 1]))


def without_foreign_ends(candidate: Candidate, profile: plausibility.Profile, first: int, last: int) -> Tuple[int, int]:
    """The pieces ``first:last`` of a legacy CJK code page's repair, less those at either end that repair into
    letters of a script the rest of the file never writes while the pieces between them write letters of the
    file's own scripts, and no others: the decoder read clean text out of step there (Chinese ``麼抓`` read on as
    ``或ъ``; GBK and Big5 hold Cyrillic too)."""
    if candidate.chains[0].true in UTF8_FAMILY:
        return first, last
    at_home = profile.written_scripts
    cuts = candidate.cuts
    scripts = [scripts_of(candidate.repaired[r0:r1]) for (_, r0), (_, r1) in zip(cuts, cuts[1:])]
    inner_first, inner_last = first, last
    while inner_first < inner_last and scripts[inner_first] - at_home:
        inner_first += 1
    while inner_last > inner_first and scripts[inner_last - 1] - at_home:
        inner_last -= 1
    inner = scripts[inner_first:inner_last]
    if any(piece - at_home for piece in inner) or not any(piece & at_home for piece in inner):
        return first, last  # foreign letters inside, or no letters of the file's own left (a 。 after them)
    return inner_first, inner_last


def best_run(values: List[float]) -> Tuple[int, int]:
    """``(i, j)`` such that ``sum(values[i:j])`` is largest (Kadane)."""
    best, best_span = float("-inf"), (0, len(values))
    total, start = 0.0, 0
    for i, value in enumerate(values):
        if total <= 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def applied(line: str, candidates: Sequence[Candidate]) -> str:
    parts, pos = [], 0
    for c in sorted(candidates, key=lambda c: c.start):
        parts.append(line[pos:c.start])
        parts.append(c.repaired)
        pos = c.end
    parts.append(line[pos:])
    return "".join(parts)


def chain_options(line: str, candidates: Sequence[Candidate], profile: plausibility.Profile,
                  known: frozenset, elsewhere: frozenset = frozenset()) -> List[Repair]:
    """For each chain, the stretches it repairs in the line and the bits the line saves in all.

    A chain takes the stretches whose repair pays, then those that pay once
    their neighbours are repaired too (a word between two repaired words).
    Each other stretch it would change counts against it when its wrong codec
    is a single-byte one: genuine damage of that kind leaves none. A stretch
    that repeats another's word and repair saves nothing more (see
    :func:`first_of_each`). A chain ``known`` from the first pass earns a
    bonus; one found ``elsewhere``, on other lines than this one, earns bits
    for each swap into the file's own letters (a line does not vouch for its
    own swap). A chain that repairs nothing but words of accented letters the
    file never writes is left (see :func:`foreign_accented_word`).
    """
    by_chain: Dict[Chain, List[Candidate]] = {}
    for c in candidates:
        by_chain.setdefault(c.chains[0], []).append(c)
    options = []
    line_bits = None
    for chain, group in by_chain.items():
        if only_names(line, group, chain, profile, chain in known):
            continue
        taken = grown_repair(line, group, profile, chain in known)
        if not taken:
            continue
        if (not at_home(line, taken, chain, profile, chain in known)
                or foreign_name(line, taken, chain, profile, chain in known)
                or all(foreign_accented_word(c, profile) for c in taken)):
            continue
        if line_bits is None:
            line_bits = plausibility.text_cost(line, profile)
        once = first_of_each(line, taken)
        total = line_bits - plausibility.text_cost(applied(line, once), profile)
        total += sum(evidence_bits(c, profile) for c in once)
        if single_byte(chain.wrong):
            rest = contradicting(group, taken, chain)
            total -= CONTRADICTION_BITS * sum(1 for c in rest if c.weak or in_context(c, line, taken, profile) <= 0)
        swaps = [c for c in once if own_letters_bits(c, profile)] if chain in elsewhere else []
        unsure = KNOWN_SWAP_BITS * sum(1 for c in swaps if not writes_own_word(c, profile))
        total += KNOWN_CHAIN_BONUS * vouched(chain, taken, profile, known, elsewhere) + KNOWN_SWAP_BITS * len(swaps)
        total -= LINE_SCRIPT_BITS * len(foreign_to_line(line, group, taken))
        if chain.true not in UTF8_FAMILY:
            total -= HOMELESS_SCRIPT_BITS * len(homeless(line, taken, profile))
        total -= RARE_CHAIN_BITS.get(chain.wrong, 0.0) + RARE_CHAIN_BITS.get((chain.true, chain.wrong), 0.0)
        total -= DEFINED_C1_BITS * sum(1 for c in taken if defined_c1(c.garbled, chain.wrong))
        options.append(Repair(tuple(taken), total, unsure, garbled_throughout(line, taken, chain)))
    return options


def first_of_each(line: str, taken: Sequence[Candidate]) -> List[Candidate]:
    """The stretches ``taken`` of one chain, less those that repeat an earlier one's word and repair: the same word
    written twice tells of its repair once (``偵測`` twice in a line of Chinese is no GBK read as Big5 twice, nor
    Galician ``liña`` twice cp1250's ``lińa``). A double-byte code page's stretch stands for its word; a single-byte
    one's is the letters it changes in a word."""
    seen, once = set(), []
    for c in taken:
        word = c.garbled if not single_byte(c.chains[0].wrong) else line[slice(*word_span(line, c))]
        if (word, c.garbled, c.repaired) not in seen:
            seen.add((word, c.garbled, c.repaired))
            once.append(c)
    return once


def defined_c1(garbled: str, wrong: str) -> bool:
    """Whether ``garbled`` holds a C1 control where the Windows code page ``wrong`` decodes a character: its ISO
    sibling read the bytes (ISO-8859-2 shows byte 0x99 as a C1 control, cp1250 as ``™``). cp1252's chain stands
    for Latin-1 too."""
    return (wrong != SLOPPY_CP1252 and single_byte(wrong)
            and any(char in C1 and windows_defines(wrong, char) for char in garbled))


@lru_cache(maxsize=None)
def windows_defines(wrong: str, char: str) -> bool:
    """Whether the code page ``wrong`` (a sloppy one: undefined bytes read as C1 controls) decodes byte ``ord(char)``
    to a character of its own."""
    return bytes([ord(char)]).decode(wrong, "replace") not in (char, "\ufffd")


def vouched(chain: Chain, taken: Sequence[Candidate], profile: plausibility.Profile, known: frozenset,
            elsewhere: frozenset) -> bool:
    """Whether the chain is known from the first pass for the line's repair: found on other lines, or else, for a
    Latin code page read as another, only where each stretch it repairs writes a letter pair that the file writes
    (a line's swap of one letter does not vouch for itself: ``Grindavíkurbær`` in Polish is no ``Grindavíkurbćr``)."""
    if chain in elsewhere:
        return True
    return chain in known and (not latin_read_as_latin(chain) or all(
        profile.known_pairs(c.repaired.join((c.left, c.right))) for c in taken))


def contradicting(group: Sequence[Candidate], taken: Sequence[Candidate], chain: Chain) -> List[Candidate]:
    """The stretches a chain leaves that its damage would have reached.

    All of them, but for KOI8-R read as cp1251: its case shows where the
    damage starts and ends, so only those between the first and last taken.
    """
    rest = [c for c in group if c not in taken]
    if not case_checked(chain):
        return rest
    return [c for c in rest if taken[0].start < c.start < taken[-1].start]


def foreign_to_line(line: str, group: Sequence[Candidate], taken: Sequence[Candidate]) -> List[Candidate]:
    """The repairs that replace letters of the script the rest of the line is written in with another one."""
    outside = line
    for c in sorted(group, key=lambda c: -c.start):
        outside = outside[:c.start] + " " + outside[c.end:]
    main = dominant_script(outside)
    if not main:
        return []
    return [c for c in taken if scripts_of(c.garbled) == {main} and main not in scripts_of(c.repaired)]


@lru_cache(maxsize=4096)
def scripts_of(text: str) -> frozenset:
    """The scripts of the non-ASCII letters of ``text``."""
    return frozenset(map(plausibility.script_of, letter_classes(text)))


def letter_classes(text: str) -> List[int]:
    """The classes of the non-ASCII letters of ``text``, in order."""
    return [cls for ch, cls in zip(text, plausibility.classes(text)) if ch >= "\x80" and ch.isalpha()]


def dominant_script(text: str) -> int:
    """The script of most of the non-ASCII letters of ``text`` (0 if there are few or none)."""
    scripts = Counter(map(plausibility.script_of, letter_classes(text)))
    if not scripts:
        return 0
    script, n = scripts.most_common(1)[0]
    return script if n >= 3 and n * 10 >= sum(scripts.values()) * 6 else 0


def homeless(line: str, taken: Sequence[Candidate], profile: plausibility.Profile) -> List[Candidate]:
    """The repairs into a script that neither the rest of the file nor the rest of the line uses.

    A legacy code page is the code page of a language: its text comes with more of that language.
    """
    at_home = profile.written_scripts
    result = []
    for c in taken:
        at_home_here = at_home | scripts_of(line[:c.start] + line[c.end:])
        if scripts_of(c.repaired) - at_home_here:
            result.append(c)
    return result


def grown_repair(line: str, group: List[Candidate], profile: plausibility.Profile, known: bool) -> List[Candidate]:
    """The stretches of one chain that pay, growing while neighbours' repairs make more of them pay.

    The first must be able to start a repair and save ``SEED_GAIN`` bits on
    its own (``GROW_GAIN`` for a chain ``known`` from the rest of the file).
    """
    taken: List[Candidate] = []
    for _ in range(3):
        gains = {c: in_context(c, line, taken, profile) for c in group
                 if c not in taken and may_join(c, taken, known) and not c.in_latin_word}
        more = [c for c, bits in gains.items() if bits > (joining_gain(c) if taken else starting_gain(known))]
        if not more:
            break
        taken = sorted(taken + not_overlapping(sorted(more, key=gains.__getitem__, reverse=True), taken),
                       key=lambda c: c.start)
    return taken


def not_overlapping(candidates: Sequence[Candidate], taken: Sequence[Candidate]) -> List[Candidate]:
    """Those of ``candidates`` (best first) that overlap neither ``taken`` nor a better one: two alignments of
    one stretch (see :func:`realigned`)."""
    kept: List[Candidate] = []
    for c in candidates:
        if all(apart(c, o) for o in [*taken, *kept]):
            kept.append(c)
    return kept


def apart(a: Candidate, b: Candidate) -> bool:
    """Whether two stretches of a line do not overlap."""
    return a.end <= b.start or a.start >= b.end


def may_start(candidate: Candidate, known: bool) -> bool:
    """Whether a stretch may start its line's repair: a small one only for a chain found elsewhere in the file."""
    return not candidate.weak or (known and candidate.small)


def may_join(candidate: Candidate, taken: Sequence[Candidate], known: bool) -> bool:
    """Whether a stretch may start or join its line's repair: one CJK character on its own, only the
    repair of a chain found elsewhere in the file."""
    if not taken:
        return may_start(candidate, known)
    return known or not candidate.weak or single_byte(candidate.chains[0].wrong)


def starting_gain(known: bool) -> float:
    return GROW_GAIN if known else SEED_GAIN


def joining_gain(candidate: Candidate) -> float:
    """Bits a stretch must save to join its line's repair: more for one CJK character on its own."""
    return SEED_GAIN if candidate.weak and not single_byte(candidate.chains[0].wrong) else GROW_GAIN


def in_context(candidate: Candidate, line: str, taken: Sequence[Candidate], profile: plausibility.Profile) -> float:
    """The candidate's gain with the stretches ``taken`` already repaired around it."""
    if not taken:  # the line as it stands (a candidate's garbled text is its stretch of the line)
        return gain(candidate, line, profile)
    before = applied(line[:candidate.start], [c for c in taken if c.end <= candidate.start])
    after = applied(line, [c for c in taken if c.start >= candidate.end])[candidate.end:]
    return gain(candidate, before + candidate.garbled + after, profile, len(before))


def at_home(line: str, taken: Sequence[Candidate], chain: Chain, profile: plausibility.Profile,
            known: bool = False) -> bool:
    """A legacy single-byte code page's letters must be the file's own letters.

    Cyrillic, Greek or Polish mis-read as cp1252 sits in a file whose other
    lines hold those letters; in a file without them the repair is a guess.
    A Latin code page's repair must write the file's letters but for one in
    ``LATIN_UNSEEN_SHARE``, a rare letter of its language (Polish ``gałąź``
    where the file writes no other ``ź``); another's, half of them. KOI8-R
    read as cp1251 must show its swapped case in the line's words (see
    :func:`case_swapped`).
    """
    if not legacy_single_byte(chain):
        return True
    letters = [ch for c in taken for ch, old in zip(c.repaired, c.garbled) if ch != old and ch.isalpha()]
    seen = sum(1 for ch in letters if profile.count(ch))
    if not letters:  # punctuation only: believable where it replaces control characters (“ read as \x93)
        return any(C1 & set(c.garbled) for c in taken)
    unseen = len(letters) // LATIN_UNSEEN_SHARE if chain.true in LATIN_CODECS else len(letters) // 2
    needed = len(letters) - unseen
    return seen >= needed and (not case_checked(chain) or case_swapped(line, taken, known))


def foreign_name(line: str, taken: Sequence[Candidate], chain: Chain, profile: plausibility.Profile,
                 known: bool) -> bool:
    """Whether a Latin code page read as another would swap one letter for another in a line that writes no
    other letter beyond ASCII: a name of another language (``Reykjanesbær`` in Polish) as likely as damage,
    unless the swap writes a word the file writes elsewhere (see :func:`writes_file_words`), or the chain is
    ``known`` from the rest of the file and the swap writes its letters (see :func:`writes_own_word`)."""
    if not latin_read_as_latin(chain):
        return False
    if all(c.file_word or known and writes_own_word(c, profile) for c in taken):
        return False
    swapped = [old for c in taken for old, new in zip(c.garbled, c.repaired) if old != new]
    if len(swapped) != 1 or not swapped[0].isalpha():
        return False
    rest = applied(line, [c._replace(repaired=" ") for c in taken])
    return not any(ch.isalpha() for ch in NON_ASCII.findall(rest))


def garbled_throughout(line: str, taken: Sequence[Candidate], chain: Chain) -> bool:
    """Whether UTF-8 read as a single-byte code page leaves the line garbled once repaired: each repair touches a
    byte that does not decode, and the rest of the line holds more pieces of UTF-8 sequences (a lead byte and
    continuation bytes) than there are repairs. The line was garbled throughout, then damaged further (case
    folded, cut short: ``ã†â€™ãƒâ€ ã¢``), and mending it piece by piece does not restore it."""
    if not utf8_read_by_single_byte(chain) or not all(c.stray_nearby for c in taken):
        return False
    rest = applied(line, [c._replace(repaired=" ") for c in taken])
    return sum(len(UTF8_PIECE.findall(data)) for _, _, data in encoder(chain.wrong).runs(rest)) > len(taken)


def foreign_accented_word(candidate: Candidate, profile: plausibility.Profile) -> bool:
    """Whether UTF-8 read by a double-byte code page repairs into a word of its own of two Latin letters or more,
    none of them ASCII, none of which the rest of the file writes. Where a chain repairs nothing else in the line,
    that is a name in Han as likely as damage (``(毛毛)`` in an English change log is no ``(ëë)``); words such as
    Vietnamese ``đã``, Turkish ``üç`` or Estonian ``öö`` sit in files that write some of their letters."""
    chain, repaired = candidate.chains[0], candidate.repaired
    return (chain.true in UTF8_FAMILY and not single_byte(chain.wrong) and len(repaired) >= 2
            and not (candidate.left.isalpha() or candidate.right.isalpha())
            and all(c.isalpha() and not c.isascii() for c in repaired) and scripts_of(repaired) == {plausibility.LATIN}
            and not any(profile.count(c) for c in repaired))


def only_names(line: str, group: List[Candidate], chain: Chain, profile: plausibility.Profile, known: bool) -> bool:
    """Whether a Latin code page read as another repairs nothing in the line but letters of names (see
    :func:`in_a_name`). Where it repairs other words too, the names are damaged like them; where the chain is
    ``known`` from the rest of the file, a capitalised word that it repairs into the file's own letters and
    letter pairs (see :func:`writes_own_word`) is one of them."""
    if not latin_read_as_latin(chain):
        return False
    names = [c for c in group if in_a_name(line, c) and not (known and writes_own_word(c, profile))]
    return bool(names) and not grown_repair(line, [c for c in group if c not in names], profile, known)


def latin_read_as_latin(chain: Chain) -> bool:
    """Whether ``chain`` is a legacy Latin code page read as another: it swaps letters for letters."""
    return legacy_single_byte(chain) and chain.true in LATIN_CODECS


def writes_own_word(candidate: Candidate, profile: plausibility.Profile) -> bool:
    """Whether a single-byte code page's repair swaps letters the file never writes for letters it does, into
    pairs of letters that the file writes, every one: a word of the file's language (``Wyświetl`` for
    ``Wyœwietl`` in Polish), no name of another (``Reykjanesbæ`` would be ``Reykjanesbć``, ``Español`` would be
    ``Espańol``: Polish writes ``ań`` but not ``ńo``)."""
    return (own_letters_bits(candidate, profile) > 0
            and profile.writes_all_pairs(candidate.repaired.join((candidate.left, candidate.right))))


def in_a_name(line: str, candidate: Candidate) -> bool:
    """Whether a stretch swaps letters for letters in a capitalised word inside a sentence: a name of another
    language (``Señor``, ``Søren``, ``ESPAÑOL`` in Polish or Czech text) as likely as damage."""
    if not all(old.isalpha() for old, new in zip(candidate.garbled, candidate.repaired) if old != new):
        return False
    start, end = word_span(line, candidate)
    before = line[:start].rstrip()
    return end - start > 1 and line[start].isupper() and before != "" and before[-1] not in SENTENCE_ENDS


def word_span(line: str, candidate: Candidate) -> Tuple[int, int]:
    """Where the word that holds the candidate starts and ends in ``line``."""
    start, end = candidate.start, candidate.end
    while start > 0 and line[start - 1].isalpha():
        start -= 1
    while end < len(line) and line[end].isalpha():
        end += 1
    return start, end


def case_swapped(line: str, taken: Sequence[Candidate], known: bool = False) -> bool:
    """Whether the garbled text shows KOI8-R's case: ``пРИВЕТ`` for ``Привет``, or three words of capitals (two
    where the chain is ``known`` from the rest of the file).

    One or two capital words are no evidence alone: real text has them too. Each stretch is read from the start of
    its word in the line (``моЦЕФ``, where the damage starts inside ``может``).
    """
    words = [line[word_span(line, c)[0]:c.end] for c in taken]
    if INVERTED_CASE.search(" ".join(words)):
        return True
    return sum(1 for word in words if CAPITAL_WORD.fullmatch(word)) >= (2 if known else 3)


def hopeless(candidate: Candidate, line: str, profile: plausibility.Profile, known: frozenset) -> bool:
    """Whether a candidate cannot pay even before the line is judged closely (one that may be trimmed still can)."""
    if not may_start(candidate, candidate.chains[0] in known):
        return True
    return not may_be_trimmed(candidate) and gain(candidate, line, profile) <= HOPELESS_GAIN


def may_be_trimmed(candidate: Candidate) -> bool:
    return len(candidate.cuts) >= 2 and not single_byte(candidate.chains[0].wrong)


def rare_result(candidate: Candidate, written: plausibility.Profile, line: str) -> bool:
    """Whether the repair writes a character that real text seldom writes (``ɿ``, ``ſ``, a rare Hangul
    syllable) and fewer than ``RARE_WRITERS`` other lines of the file write: that may be the truth, but
    it is no safe fix, for symbols that only look garbled are as likely (``lá´´`` closing a quote,
    ``├┤a┼┐`` line art). A text that writes such a character writes it throughout; a single other line
    may only be quoting the repair, as a note on the garbled text does. (Such a repair is still
    reported where other damage in the file bears it out, or where its garbled text holds a C1
    control: dropping it would hide the rest of a word in a rare script once ``--fix`` mends its
    neighbours.)

    ``written``: the profile of the whole file as it stands, ``line`` among it.
    """
    folded = line.lower()
    return any(plausibility.char_class(char) in RARE_CLASSES and not written_elsewhere(char, written, folded)
               for char in set(candidate.repaired) if char >= "\x80")


def written_elsewhere(char: str, written: plausibility.Profile, folded_line: str) -> bool:
    """Whether ``RARE_WRITERS`` lines of the file (``written``) besides the line (case folded) write ``char``."""
    enough = RARE_WRITERS + (char.lower() in folded_line)
    return written.lines_holding(char, enough) >= enough


def half_read(line: str, candidates: Sequence[Candidate], written: plausibility.Profile) -> bool:
    """Whether the repair is one letter that the file as it stands (``written``) never writes, on a line
    that writes no letter beyond ASCII but writes a symbol beyond ASCII right, which the chain would have
    garbled too (``– DrÃ¥ber``, where the dash is no ``â€“``): the line was not read wrong as a whole, and
    one foreign letter is too little to tell a pasted piece from a name as it is spelt."""
    candidate, chain = candidates[0], candidates[0].chains[0]
    if (len(candidates) > 1 or not (len(candidate.repaired) == 1 and candidate.repaired.isalpha())
            or chain.true not in UTF8_FAMILY or written.count(candidate.repaired)):
        return False
    rest = [char for char in line[:candidate.start] + line[candidate.end:] if char >= "\x80"]
    return not any(char.isalpha() for char in rest) and any(char.isprintable() for char in rest)


def best_repairs(line: str, candidates: Sequence[Candidate], profile: plausibility.Profile,
                 known: frozenset, profiled: Optional[str] = None,
                 written: Optional[plausibility.Profile] = None, elsewhere: frozenset = frozenset()) -> List[Candidate]:
    """The repairs of a line: the chains that save ``MIN_GAIN`` bits or more, best first, not overlapping.

    The line is judged against the rest of the file: ``profile`` less the
    line as the profile holds it (``profiled``, when not the line itself).
    A repair into a rare character is safe only where the file as it stands
    (``written``, when ``profile`` holds repairs) writes it on other lines.
    ``elsewhere``: the ``known`` chains found on other lines than this one.
    A line that one Chinese code page read as the other would repair is left
    when it writes words of the script the chain takes for garbled (see
    :func:`writes_foreign_words`): it is real text of that script.
    """
    if len(line) * SMALL_SHARE < profile.total and all(hopeless(c, line, profile, known) for c in candidates):
        candidates = []  # judged against the whole file (cheap where the line is a small part of it): none pays
    if not candidates and not nbsp_chains(line, []) and not LOST_LEAD_IN_WORD.search(line):
        return []  # nothing to repair, nor a byte A0 or a sequence's second byte lost inside a word
    written = profile if written is None else written
    profile = profile.without(line if profiled is None else profiled)
    candidates = [deeper(t) for t in trimmed_for_starting_chains(candidates, profile, known) if t]
    chosen = chosen_repairs(line, chain_options(line, candidates, profile, known, elsewhere), written, [])
    if chosen:  # the chains none of whose stretches was chosen, judged again on what the choice left them
        taken_chains = {c.chains[0] for c in chosen}
        left = [part for c in candidates if c.chains[0] not in taken_chains for part in left_by(c, chosen)]
        chosen = chosen_repairs(line, chain_options(line, left, profile, known, elsewhere), written, chosen)
    if any(between_chinese(c.chains[0]) and writes_foreign_words(line, c.chains[0].wrong) for c in chosen):
        return []  # real Chinese text of the script a chosen chain takes for garbled
    chosen = [lost_leads_repaired(c, line) for c in chosen]
    nbsp = nbsp_repairs(line, chosen, profile, written)
    return sorted(chosen + nbsp + lost_lead_repairs(line, chosen + nbsp), key=lambda c: c.start)


def trimmed_for_starting_chains(candidates: Sequence[Candidate], profile: plausibility.Profile,
                                known: frozenset) -> List[Optional[Candidate]]:
    """The candidates :func:`trimmed`, in order, of the chains that may start a line's repair (see
    :func:`may_start`): those ``known`` from the rest of the file, and those with a stretch that is not weak once
    trimmed. A weak stretch stays weak when trimmed, so a chain's weak ones are trimmed only once it may start."""
    first = {i: trimmed(c, profile) for i, c in enumerate(candidates) if c.chains[0] in known or not c.weak}
    starting = known.union(t.chains[0] for t in first.values() if t and not t.weak)
    return [first[i] if i in first else trimmed(c, profile)
            for i, c in enumerate(candidates) if c.chains[0] in starting]


def nbsp_repairs(line: str, chosen: Sequence[Candidate], profile: plausibility.Profile,
                 written: plausibility.Profile) -> List[Candidate]:
    """The stretches of the line that a chain repairing UTF-8 read as a single-byte code page repairs once
    a byte A0 is put back for a space: software that took the non-breaking space it read for a space
    wrote a space (``Ð Ñƒ`` for ``Ру``), or dropped it before the next one (``Ã nos`` for ``à nos``).
    Only on a line that the chain reads wrong throughout (its repairs and these stretches hold every letter
    beyond ASCII), into a letter of a block its repairs on the line write or a symbol (:func:`in_blocks_of`),
    or on a line it does not otherwise repair, into ``à`` inside a word of small letters (see
    :func:`inside_word_of_small_letters`); where the repair saves the bits a stretch must to join its line's
    repair (``GROW_GAIN``); safe as other repairs are (``written``: see :func:`rare_result`), doubtful where
    they are."""
    found: List[Candidate] = []
    for chain, matches in nbsp_chains(line, chosen).items():
        taken = [c for c in chosen if c.chains[0] == chain]
        if not holds_every_letter(line, [(c.start, c.end) for c in taken] + [m.span() for m in matches]):
            continue
        for match in matches:
            candidate = nbsp_candidate(line, match.start(), match.group(), chain, taken)
            if not candidate or not all(apart(candidate, c) for c in chosen + found):
                continue
            inside_word = inside_word_of_small_letters(line, match, chain)
            if ((inside_word if not taken else in_blocks_of(candidate.repaired, taken))
                    and in_context(candidate, line, chosen, profile) >= GROW_GAIN):
                found.append(candidate._replace(safe=not rare_result(candidate, written, line),
                                                doubtful=all(c.doubtful for c in taken) and not inside_word))
    return found


def lost_lead_repairs(line: str, chosen: Sequence[Candidate]) -> List[Candidate]:
    """The leads of two-byte UTF-8 sequences that lost their second byte, read as a capital by a code page that
    reads lost bytes (see :func:`reads_lost_bytes`), before a small ASCII letter: each with the U+FFFD after it
    is the sequence, repaired into one U+FFFD. Inside a word of small ASCII letters, three of them before it
    (``LOST_LEAD_IN_WORD``), where a capital and a lost character are no text (``SlovenÄ�ina``), by the chain
    that repairs the line or else the first that reads the lead so; at the start of a word (``Ă�frica``) only
    by a chain that repairs the line safely (``AmĂ©rica``), on a line it reads wrong throughout (its repairs
    and these hold every letter beyond ASCII). A capital after a letter that is no small ASCII one may be text
    that lost what followed it (``CAFÉ�s``, ``Çık``), as may one after an Irish prefix (``hÉ�ireann``)."""
    repairing = list(dict.fromkeys(c.chains[0] for c in chosen if c.safe and not c.doubtful))
    found: Dict[Chain, List[Candidate]] = {}
    for match in LOST_LEAD_CHAR.finditer(line):
        start, before = match.start(), line[match.start() - 1:match.start()]
        inside_word = bool(LOST_LEAD_IN_WORD.match(line, start))
        chains = repairing + (LOST_BYTE_CHAINS if inside_word else [])
        chain = next((c for c in chains if reads_lost_lead(c, match.group(1))), None)
        if chain and (inside_word or not before.isalpha()):
            candidate = Candidate(start, start + 2, match.group(), "\ufffd", (chain,), left=before,
                                  right=line[start + 2:start + 3], lost_leads=True)
            if all(apart(candidate, c) for c in chosen):
                found.setdefault(chain, []).append(candidate)
    return [c for chain, lost in found.items() for c in lost if LOST_LEAD_IN_WORD.match(line, c.start)
            or holds_every_letter(line, [(r.start, r.end) for r in chosen if r.chains[0] == chain]
                                  + [(r.start, r.end) for r in lost])]


def holds_every_letter(line: str, spans: Sequence[Tuple[int, int]]) -> bool:
    """Whether the ``spans`` of ``line`` (a chain's repairs) hold every letter beyond ASCII in it."""
    return all(any(a <= i < b for a, b in spans) for i in non_ascii_letters(line))


def reads_lost_lead(chain: Chain, char: str) -> bool:
    """Whether ``chain`` reads lost bytes and its code page reads the lead of a two-byte sequence as ``char``."""
    return chain in LOST_BYTE_CHAINS and char in LEAD_CAPITALS_OF[chain.wrong]


def lost_leads_repaired(candidate: Candidate, line: str) -> Candidate:
    """A repair that leaves leads of sequences that lost their byte inside words of small letters of ``line``
    (see :func:`lost_lead_repairs`; ``urÃ„ï¿½it`` is ``urÄ�it`` read as cp1252), repaired one layer further
    where the whole repair is that layer's (``ur�it``), else no safe fix: the next run would repair them."""
    if "\ufffd" not in candidate.repaired + line[candidate.end:candidate.end + 1]:
        return candidate  # (the common case, cheaply: a lead needs the U+FFFD after it)
    text = line[:candidate.start] + candidate.repaired + line[candidate.end:]
    end = candidate.start + len(candidate.repaired)
    leads = [match.start() - candidate.start for match in LOST_LEAD_IN_WORD.finditer(text)
             if match.end() > candidate.start and match.start() < end]
    if not leads:
        return candidate
    chain = next((c for c in LOST_BYTE_CHAINS if all(reads_lost_lead(c, candidate.repaired[i]) for i in leads)), None)
    if chain and all(0 <= i and i + 2 <= len(candidate.repaired) for i in leads):
        repaired = "".join(char for i, char in enumerate(candidate.repaired) if i not in leads)
        further = candidate._replace(repaired=repaired, chains=candidate.chains + (chain,), lost_leads=True)
        if round_trips(further):
            return further
    return candidate._replace(safe=False)


def inside_word_of_small_letters(line: str, match: "re.Match[str]", chain: Chain) -> bool:
    """Whether the stretch ``match`` is ``LONE_A_GRAVE``, where ``LATIN1_READING`` repairs, and a word follows
    (``voilÃ le``; not ``xÃ = 1``)."""
    return (chain == LATIN1_READING and bool(LONE_A_GRAVE.match(line, match.start()))
            and bool(WORD_AFTER_SPACE.match(line, match.end())))


def nbsp_chains(line: str, chosen: Sequence[Candidate]) -> Dict[Chain, List["re.Match[str]"]]:
    """The chains repairing UTF-8 read as a single-byte code page that repair the line safely (``chosen``), or
    ``LATIN1_READING`` where the line holds ``LONE_A_GRAVE`` (``voilÃ le``); and where each reads a space for a
    lost byte A0 in the line."""
    inside_word = [LATIN1_READING] if LONE_A_GRAVE.search(line) else []
    chains = dict.fromkeys([c.chains[0] for c in chosen if c.safe] + inside_word)
    found = {chain: list(lost_nbsp_pattern(chain.wrong).finditer(line))
             for chain in chains if utf8_read_by_single_byte(chain)}
    return {chain: matches for chain, matches in found.items() if matches}


def in_blocks_of(repaired: str, taken: Sequence[Candidate]) -> bool:
    """Whether a letter that a lost byte A0 put back repairs into (a symbol or a space always is) sits in a block of
    128 code points that the line's repairs ``taken`` write letters in: ``Р`` beside ``усский``, but not
    ``Å lese`` (Norwegian ``Å``, to) beside ``gøy``, nor ``Ä Ö`` beside ``Größe``."""
    blocks = {ord(c) >> 7 for t in taken for c in t.repaired if c.isalpha()}
    return not repaired.isalpha() or ord(repaired) >> 7 in blocks


def non_ascii_letters(line: str) -> List[int]:
    """Where ``line`` writes a letter beyond ASCII."""
    return [match.start() for match in NON_ASCII.finditer(line) if match.group().isalpha()]


@lru_cache(maxsize=None)
def lost_nbsp_pattern(wrong: str) -> "re.Pattern[str]":
    """Where ``wrong``'s reading of UTF-8 has a space for a byte A0: after a two-byte lead, or inside a three-byte
    sequence of punctuation, symbols, kana (E2, E3) or Indic and Thai letters (E0, E1), as ftfy has it: after the
    leads of common letters (``é » ``) a space is mostly a space."""
    lead2, trail = char_class(wrong, range(0xC2, 0xE0)), char_class(wrong, range(0x80, 0xC0))
    lead_space, lead_trail = char_class(wrong, (0xE2, 0xE3)), char_class(wrong, range(0xE0, 0xE4))
    return re.compile(f"{lead2} |{lead_space} {trail}|{lead_trail}{trail} ")


def nbsp_candidate(line: str, start: int, garbled: str, chain: Chain,
                   taken: Sequence[Candidate]) -> Optional[Candidate]:
    """The repair of ``garbled`` (at ``start`` in ``line``) with a byte A0 for its space, or None where that is no
    UTF-8 that real text writes, or may be a word and a space as they stand (see :func:`keeps_its_space` and
    :func:`starts_a_word`); ``taken``: the chain's other repairs in the line."""
    data = encoder(chain.wrong).encode(garbled)
    try:
        repaired = with_nbsp_byte(data).decode("utf-8") if data else ""
    except UnicodeDecodeError:
        return None
    if not (garbled[0].isalpha() and (repaired.isprintable() or garbled[0] == "\u00c2")
            and not unicodedata.category(repaired).startswith("M")):
        return None  # a letter read as a lead byte and its space, into what real text writes (not ``√ ∂`` into ``à``,
        # ``Í 5`` into a combining tilde); a non-breaking space only from ``Â`` (not the Russian word ``В``)
    before, end = line[start - 1:start], start + len(garbled)
    if repaired == "\u00e0":  # à, a word of its own: the byte A0 went with the space after it, or became that space
        if before.isupper() or SYLLABLE_AFTER_A_GRAVE.match(line, end):
            return None  # a capital ending a word of capitals (IRMÃ E); à or Vietnamese chào (chÃ o)
        if keeps_its_space(line[end:]):
            garbled, end = garbled[:-1], end - 1
    elif len(data) == 2 and repaired.isalpha() and not (starts_a_word(before, line[end:])
                                                         and (scripts_of(garbled[0]) != scripts_of(repaired)
                                                              or writes_in_another_block(line, garbled[0], repaired,
                                                                                         line[end:], taken))):
        return None  # a letter may be a word of one letter in its own script: Å (to) is no Š, Р no Р
    elif len(data) == 3 and plausibility.LATIN in scripts_of(repaired):
        return None  # Vietnamese from a common letter, a mark and a space: ``á» `` closes a quote
    return Candidate(start, end, garbled, repaired, (chain,), left=before, right=line[end:end + 1],
                     space_for_nbsp=True)


def writes_in_another_block(line: str, lead: str, repaired: str, rest: str, taken: Sequence[Candidate]) -> bool:
    """Whether a letter that a lost byte A0 put back repairs into starts a word of small ASCII letters (``rest``) and
    lies in another block of 128 code points than the letter its lead byte reads as, one that two of the line's
    repairs ``taken`` write letters in, inside words that start with a small letter: ``Å veices`` beside
    ``baņķieri`` and ``konkrētus`` is ``Šveices``, but Norwegian ``Å reise`` (to travel) beside names (``Gdańsk``,
    ``Toruń``) stays, as does ``Ä Ö Ü``."""
    block = ord(repaired) >> 7
    writers = sum(1 for t in taken if any(c.isalpha() and ord(c) >> 7 == block for c in t.repaired)
                  and starts_small_word(line, t))
    return ord(lead) >> 7 != block and writers >= 2 and bool(SMALL_WORD.match(rest))


def starts_small_word(line: str, candidate: Candidate) -> bool:
    """Whether the word that holds the candidate starts with a small letter, once repaired."""
    start = word_span(line, candidate)[0]
    return (candidate.repaired[:1] if start == candidate.start else line[start]).islower()


def keeps_its_space(rest: str) -> bool:
    """Whether ``à`` before ``rest`` is a word of its own (``à nos``, ``à 3 km``, ``à (x)``, ``à - x``), unless the
    word after begins with it (``às``, ``àquele``); before other punctuation the space was the lost byte (``là-bas``,
    ``voilà,``)."""
    opens = rest[:1] in OPENING_MARKS or rest[:1] in DASHES and rest[1:2] == " "
    return (rest[:1].isalnum() or opens) and not A_GRAVE_CONTRACTIONS.match(rest)


def starts_a_word(before: str, rest: str) -> bool:
    """Whether a letter whose byte A0 became a space begins the word ``rest`` goes on with (``Ð Ñƒ`` is ``Ру``):
    not a letter ending a word (``PÅ TUR``) or a word of one letter (``Å i``)."""
    return not before.isalpha() and (rest[:1] >= "\x80" or len(rest) > 1 and rest[:2].isalpha())


def left_by(candidate: Candidate, chosen: Sequence[Candidate]) -> List[Candidate]:
    """What the ``chosen`` repairs leave of a candidate: all of it, or nothing where they overlap it, but for a
    single-byte code page read as another, which repairs character by character: its parts beside them
    (``’…`` for the ``\\x85`` after ``â\\x80\\x99`` that UTF-8 read as Latin-1 repairs into ``’``)."""
    spans = sorted((c.start, c.end) for c in chosen if not apart(candidate, c))
    if not spans:
        return [candidate]
    chain = candidate.chains[0]
    if len(candidate.chains) > 1 or not (single_byte(chain.wrong) and legacy_single_byte(chain)):
        return []
    parts, start = [], candidate.start
    for a, b in spans + [(candidate.end, candidate.end)]:
        if a > start:
            parts.append(candidate_part(candidate, start, a))
        start = max(start, b)
    return parts


def candidate_part(candidate: Candidate, start: int, end: int) -> Candidate:
    """The part ``start:end`` (offsets in the line) of a candidate that repairs character by character."""
    i, j = start - candidate.start, end - candidate.start
    left = candidate.left if i == 0 else candidate.garbled[i - 1]
    right = candidate.right if j == len(candidate.garbled) else candidate.garbled[j]
    return candidate._replace(start=start, end=end, garbled=candidate.garbled[i:j], repaired=candidate.repaired[i:j],
                              cuts=((0, 0), (j - i, j - i)), left=left, right=right)


def chosen_repairs(line: str, options: Sequence[Repair], written: plausibility.Profile,
                   chosen: List[Candidate]) -> List[Candidate]:
    """``chosen`` and the stretches of ``options`` that save ``MIN_GAIN`` bits or more, best first, not overlapping;
    none where the best option is hopeless: no other reading explains the line better."""
    chosen = list(chosen)
    ranked = sorted(options, key=lambda o: -o.gain)
    if ranked and ranked[0].hopeless:
        return chosen
    for option in ranked:
        if option.gain < MIN_GAIN:
            break
        if option.hopeless:
            continue
        free = [c for c in option.candidates if all(apart(c, o) for o in chosen)]
        if len(free) < len(option.candidates):  # what a better option left is judged again on its own
            continue
        half = half_read(line, option.candidates, written)
        safe = option.gain - option.unsure >= SAFE_GAIN and not half
        for c in free:
            rare = rare_result(c, written, line)
            doubtful = (c.doubtful or half or (rare and not C1 & set(c.garbled))  # C1 controls are damage
                        or reads_as_text(c, line) or kana_or_signs_alone(c))
            chosen.append(c._replace(safe=safe and not rare, doubtful=doubtful))
    return chosen


def kana_or_signs_alone(candidate: Candidate) -> bool:
    """Whether a Chinese code page's garbled text is kana alone, as Chinese text quotes Japanese
    (``日本语：いちじゅうさんさい``), or signs alone, as it writes a dash (``文字──假名``): GBK writes kana and box
    drawing where Big5 writes its commonest characters (``中`` is ``い``, ``岸`` is ``─``), but garbled Big5 text
    mixes them with the other characters it writes."""
    garbled = candidate.garbled
    return candidate.chains[0].wrong in CHINESE_CODECS and bool(KANA_WORD.fullmatch(garbled)
                                                                or not any(c.isalpha() for c in garbled))


def reads_as_text(candidate: Candidate, line: str) -> bool:
    """Whether UTF-8 read as a single-byte code page, repaired into one letter, reads as text as it stands: a
    letter in the case of the word it ends, then marks that may close a word (``AHÅ™``, ``NICIODATĂ™``,
    ``Brontë…”``), a non-breaking space before a word in the same case (``SELKÄ EDELLÄ``) or letters in that case
    (``HÅØYA``), or a capital with an apostrophe and an s that end its word (``a lot of Ã’s``: see
    :func:`apostrophe_s`).
    Damage shows otherwise: ``cafÃ©``, ``ÃœBER``, ``Gà idhlig``, ``âœ”``, ``PÃ…`` (an ellipsis may end a word, but
    right after the lead of a two-byte sequence it is how cp1252 reads Å), and so does cp1252's reading of a capital
    that fits its word of capitals (``PIÃ™`` is ``PIÙ``; cp1250's ``NICIODATĂ™`` may be Romanian and a trademark)."""
    chain, garbled, left, right = candidate.chains[0], candidate.garbled, candidate.left, candidate.right
    if (not utf8_read_by_single_byte(chain) or len(candidate.repaired) != 1
            or not candidate.repaired.isalpha()):
        return False
    if apostrophe_s(candidate, line) or unit_with_exponent(candidate):
        return True
    lead, rest = garbled[0], garbled[1:]
    upper = lead.isupper()
    if not (lead.isalpha() and left.isalpha() and left.isupper() == upper):
        return False
    if rest == "\xa0":
        return right.isalpha() and right.isupper() == upper
    if rest.isalpha():  # but the letters cp1252 adds to Latin-1 are damage: ``STRAÃŸE``, ``FÃŠTE``
        return not CP1252_ONLY & set(rest) and all(char.isupper() == upper for char in rest + right if char.isalpha())
    capital_of_its_word = upper and candidate.repaired.isupper() and chain.wrong == SLOPPY_CP1252
    closing = WORD_CLOSING_MARKS if len(rest) == 1 else WORD_CLOSING_MARKS | {ELLIPSIS}
    return all(char in closing for char in rest) and not right.isalpha() and not capital_of_its_word


def unit_with_exponent(candidate: Candidate) -> bool:
    """Whether the garbled text is a capital and a superscript digit standing alone, as a unit writes them, repaired
    into a Latin letter (``1234.5 Å³``, not ``ų``; but ``2020 Ð³.`` is ``2020 г.``)."""
    garbled = candidate.garbled
    return (len(garbled) == 2 and garbled[0].isupper() and garbled[1] in SUPERSCRIPT_DIGITS
            and not candidate.left.isalnum() and not candidate.right.isalnum()
            and scripts_of(candidate.repaired) == {plausibility.LATIN})


def apostrophe_s(candidate: Candidate, line: str) -> bool:
    """Whether the garbled text is a capital, not inside a word of small letters, and a curly apostrophe, before
    an s that ends the word (``Ã’s``, ``JOSÉ’s``): the plural or possessive of a word, as text writes it; a word
    that goes on is damage (``Ã’scar`` is ``Òscar``)."""
    after = line[candidate.end:candidate.end + 2]
    return (candidate.garbled[0].isupper() and not candidate.left.islower() and candidate.garbled[1:] == "\u2019"
            and after[:1] == "s" and not after[1:].isalpha())


def find_mojibake(index: LineIndex, skipped: Sequence[range] = ()) -> List[Finding]:
    """MOJ001 and MOJ002 findings for the text behind ``index``, but for the lines (1-based) in ``skipped``.

    Only the lines that a fast search suspects are looked at closely. Two
    passes: the first judges each of them against the file as it stands, the
    second against the file with the first pass's repairs made (so a file
    that is mostly mojibake is judged by what it says once repaired), with a
    bonus for the chains the first pass found. A file whose first pass
    finds nothing may be mis-decoded UTF-8 from top to bottom: see
    :func:`whole_file_repairs`.
    """
    if index.text.isascii():
        return []
    lines = NonAsciiLines(index, skipped)
    suspects = lines.suspects(lines.joined)
    lost = lines.pieces({n: [] for n in lines.matching(LOST_BYTES)})
    if not suspects and not lost:
        return []
    pieces = lines.pieces(suspects)
    candidates = {start: line_candidates(piece.text, piece.chains, lines) for start, piece in pieces.items()}
    profile = plausibility.profile_of(index.text)
    swapped = script_swaps(lines.joined, lines.own_swaps)
    judged = plausibility.profile_of(index.text.translate(swapped)) if swapped else profile
    repairs = {start: best_repairs(pieces[start].text, found, judged, frozenset(),
                                   pieces[start].text.translate(swapped) if swapped else None, profile)
               for start, found in candidates.items()}
    if not any(repairs.values()):
        repairs = whole_file_repairs(pieces, candidates, len(lines.numbers))
    if any(repairs.values()):
        repairs = borne_out(second_pass(index.text, lines, pieces, candidates, repairs, profile))
    findings: List[Finding] = []
    texts = {start: piece.text for start, piece in {**lost, **pieces}.items()}
    for start in sorted(set(repairs).union(lost)):
        findings.extend(line_findings(index, start, texts[start], repairs.get(start, [])))
    return findings


def script_swaps(text: str, swaps: Dict[Chain, Dict[str, str]]) -> Dict[int, str]:
    """A table for ``str.translate`` that swaps the letters of the one code page of another script that swaps
    letters of ``text`` for the file's own (see :func:`own_swaps`): the file as its first pass judges it (half a
    Russian file read as cp1252 is judged as Russian). Where more than one does, the one whose swaps write small
    letters more often than capitals, as text does (KOI8-R read as cp1252 swaps ``à`` for ``Ю``, cp1251 for
    ``а``); empty where none does, or more than one."""
    tables = [swap_table(chain, swaps[chain]) for chain in swaps if not latin_read_as_latin(chain)]
    if len(tables) > 1:
        counts = Counter(text)
        tables = [table for table in tables if writes_small_letters(counts, table)]
    return tables[0] if len(tables) == 1 else {}


@lru_cache(maxsize=None)
def chain_table(chain: Chain) -> Dict[int, str]:
    """The ``str.translate`` table of every character that a single-byte ``chain`` reads otherwise."""
    as_wrong, as_true = high_bytes_read(chain)
    return {ord(w): t for w, t in zip(as_wrong, as_true) if w != t}


def swap_table(chain: Chain, swaps: Dict[str, str]) -> Dict[int, str]:
    """The ``str.translate`` table of the characters, either case, whose letter (folded) ``chain`` swaps in ``swaps``."""
    return {w: t for w, t in chain_table(chain).items() if chr(w).lower() in swaps}


def writes_small_letters(counts: Counter, table: Dict[int, str]) -> bool:
    """Whether the characters counted in ``counts`` become small letters more often than capitals by ``table``."""
    small = sum(n for char, n in counts.items() if ord(char) in table and table[ord(char)].islower())
    capitals = sum(n for char, n in counts.items() if ord(char) in table and table[ord(char)].isupper())
    return small > capitals


def borne_out(repairs: Dict[int, List[Candidate]]) -> Dict[int, List[Candidate]]:
    """The repairs, unless every one of them is doubtful: then the file shows no damage that vouches for them."""
    if all(c.doubtful for found in repairs.values() for c in found):
        return {}
    return repairs


def second_pass(text: str, lines: "NonAsciiLines", pieces: Dict[int, "Piece"], candidates: Dict[int, List[Candidate]],
                first: Dict[int, List[Candidate]], written: plausibility.Profile) -> Dict[int, List[Candidate]]:
    """The repairs judged against the file with the ``first`` pass's made, the chains it found known.

    ``written``: the profile of the file as it stands.

    The chains the first pass found are looked for in more lines (adding to
    ``pieces`` and ``candidates``): where only a small stretch shows them.
    """
    sure = {start: [c for c in found if not c.doubtful] for start, found in first.items()}
    profile = plausibility.profile_of(repaired_text(text, sure))
    known = frozenset(c.chains[0] for found in sure.values() for c in found)
    letters = lines.joined + "".join(c.repaired for found in sure.values() for c in found)
    for start, piece in lines.pieces(lines.suspects(letters, known)).items():
        tried = pieces[start].chains if start in pieces else []
        candidates[start] = candidates.get(start, []) + line_candidates(
            piece.text, [chain for chain in piece.chains if chain not in tried], lines)
        pieces.setdefault(start, piece)
    lines_of = Counter(chain for found in first.values() for chain in {c.chains[0] for c in found})
    return {start: best_repairs(pieces[start].text, found, profile, known,
                                applied(pieces[start].text, first.get(start, ())), written,
                                found_elsewhere(lines_of, first.get(start, ())))
            for start, found in candidates.items()}


def found_elsewhere(lines_of: Counter, own: Sequence[Candidate]) -> frozenset:
    """The chains found on other lines than the one ``own`` repairs, of ``lines_of`` (lines by chain)."""
    mine = {c.chains[0] for c in own}
    return frozenset(chain for chain, n in lines_of.items() if n > (chain in mine))


def whole_file_repairs(pieces: Dict[int, "Piece"], candidates: Dict[int, List[Candidate]],
                       lines: int) -> Dict[int, List[Candidate]]:
    """The repairs of a file that is UTF-8 mis-read from top to bottom (its own text is no context then).

    Each line is judged against text in general (the model's prior); the
    repairs count only when one chain repairs nearly every line beyond ASCII.
    """
    prior = plausibility.profile_of("")
    repairs: Dict[int, List[Candidate]] = {}
    repaired, unjudged = 0, len(candidates)
    for start, found in candidates.items():
        if repaired + unjudged < WHOLE_FILE_SHARE * lines:
            return {}  # too few lines are left to make the share
        repairs[start] = best_repairs(pieces[start].text, [c for c in found if c.chains[0].true == "utf-8"], prior,
                                      frozenset())
        repaired, unjudged = repaired + bool(repairs[start]), unjudged - 1
    by_chain = Counter(found[0].chains[0] for found in repairs.values() if found)
    if not by_chain:
        return {}
    chain, count = by_chain.most_common(1)[0]
    if count < WHOLE_FILE_SHARE * lines:
        return {}
    return {start: [c for c in found if c.chains[0] == chain] for start, found in repairs.items()}


class Piece(NamedTuple):
    """A line, or a part of a long one, and the chains that may repair it."""

    text: str
    chains: List[Chain]


class NonAsciiLines:
    """The lines of a text that hold characters beyond ASCII (their parts beyond ASCII, for a long one), joined
    into one text for fast searches."""

    def __init__(self, index: LineIndex, skipped: Sequence[range] = ()):
        self.index = index
        self.numbers = [n for n in matching_lines(index.text, NON_ASCII) if not any(n in lines for lines in skipped)]
        parts = [(n, text) for n in self.numbers for _, text in line_parts(index.starts[n - 1], self[n])]
        self.part_lines = [n for n, _ in parts]  # the line of each part joined
        self.joined = "\n".join(text for _, text in parts)

    @cached_property
    def own_swaps(self) -> Dict[Chain, Dict[str, str]]:
        return own_swaps(self.joined)

    @cached_property
    def words(self) -> Tuple[List[str], Counter]:
        """The distinct words of the lines (case folded), sorted, and how often each is written."""
        counts = Counter(WORD.findall(self.joined.lower()))
        return sorted(counts), counts

    def writes_word_start(self, stem: str, line: str) -> bool:
        """Whether the lines write a word that starts with ``stem`` (case folded) elsewhere than on ``line``."""
        words, counts = self.words
        starting = words_starting(words, stem)
        if not starting:
            return False
        own = Counter(WORD.findall(line.lower()))
        return any(counts[word] > own[word] for word in starting)

    def __getitem__(self, n: int) -> str:
        """The text of line ``n`` (1-based) of the file."""
        return self.index.text[self.index.starts[n - 1]:self.index.line_end(n)]

    def matching(self, pattern: "re.Pattern[str]") -> List[int]:
        """The lines (1-based) where ``pattern`` matches."""
        return sorted({self.part_lines[k - 1] for k in matching_lines(self.joined, pattern)})

    def suspects(self, letters_from: str, known: frozenset = frozenset()) -> Dict[int, List[Chain]]:
        """The lines where chains may find a convincing repair, with those chains (table order).

        ``letters_from``: the text whose letters a legacy code page's repair
        must bring; ``known``: the chains found elsewhere in the file.
        """
        found: Dict[int, List[Chain]] = {}
        for chain in all_chains():
            for n in sorted({self.part_lines[k - 1] for k in chain_suspect_lines(self.joined, chain, letters_from,
                                                                               chain in known)}):
                found.setdefault(n, []).append(chain)
        return found

    def pieces(self, chains_by_line: Dict[int, List[Chain]]) -> Dict[int, Piece]:
        """The parts beyond ASCII of the lines, by their offset in the text: a line, or parts of a long one."""
        found = {}
        for n, chains in chains_by_line.items():
            for start, text in line_parts(self.index.starts[n - 1], self[n]):
                found[start] = Piece(text, chains)
        return found


def line_parts(start: int, line: str) -> Iterator[Tuple[int, str]]:
    """A line at ``start``, or for a long one its parts beyond ASCII, cut after spaces (each judged on its own)."""
    if len(line) <= LONG_LINE:
        yield start, line
        return
    pos = 0
    while pos < len(line):
        end = pos + LONG_LINE
        if end < len(line):
            space = line.rfind(" ", pos + LONG_LINE // 2, end)
            end = space + 1 if space >= 0 else end
        if not line[pos:end].isascii():
            yield start + pos, line[pos:end]
        pos = end


def repaired_text(text: str, repairs: Dict[int, List[Candidate]]) -> str:
    """``text`` with the repairs of its lines (by their offset in it) made."""
    parts, pos = [], 0
    for start in sorted(repairs):
        for c in repairs[start]:
            parts.append(text[pos:start + c.start])
            parts.append(c.repaired)
            pos = start + c.end
    parts.append(text[pos:])
    return "".join(parts)


# ---------------------------------------------------------------------------
# Findings.


def line_findings(index: LineIndex, start: int, line: str, repairs: List[Candidate]) -> List[Finding]:
    """The line's findings; a repair next to lost bytes, or one that does not round-trip, gets no safe fix, and
    one that writes U+FFFD gets one only where every repair of the line does."""
    lost = lost_runs(line, repairs)
    reported = [c for c in repairs if not lost_garble(c)]  # the others are lost bytes (see lost_runs)
    unrepaired = [(a, b) for a, b, _ in lost if not any(c.start <= a and b <= c.end for c in reported if writes_lost(c))]
    verified = [c.safe and round_trips(c) and not near_loss(c, unrepaired) for c in reported]
    complete = all(verified) and len(reported) == len(repairs)
    findings = []
    for c, safe in zip(reported, verified):
        fix = Fix((Edit(start + c.start, start + c.end, c.repaired),), safe=safe and (complete or not writes_lost(c)))
        findings.append(Finding("MOJ001", index.span(start + c.start, start + c.end), repair_message(c), fix,
                                chain=chain_path(c)))
    for a, b, message in lost:
        findings.append(Finding("MOJ002", index.span(start + a, start + b), message))
    return sorted(findings, key=lambda f: f.location.column)


def near_loss(candidate: Candidate, unrepaired: List[Tuple[int, int]]) -> bool:
    """Whether a run of lost bytes that no repair writes U+FFFD for touches the candidate."""
    return any(a <= candidate.end and candidate.start <= b for a, b in unrepaired)


def writes_lost(candidate: Candidate) -> bool:
    """Whether the repair writes U+FFFD: bytes lost inside UTF-8 sequences, or before the text was garbled."""
    return "\ufffd" in candidate.repaired


def lost_sequences(candidate: Candidate) -> Tuple[int, int]:
    """How many UTF-8 sequences of the bytes the garbled text stands for lost a byte, and how many are U+FFFD's own
    (bytes lost before the text was garbled)."""
    chain, garbled = candidate.chains[0], candidate.garbled
    data = chain_encoder(chain, garbled).encode(garbled) or b""
    lossy = [data[a:b] for a, b in lossy_spans(data, lossy_codec(chain, garbled), candidate.lost_leads)]
    return sum(1 for sequence in lossy if sequence != LOST_BYTE), data.count(REPLACEMENT_BYTES)


def lost_garble(candidate: Candidate) -> bool:
    """Whether a repair that writes U+FFFD is reported as lost bytes, not as a repair: one of a chain that reads
    no lost bytes (GBK's ``锟斤拷`` is U+FFFD's bytes), or one that writes several U+FFFD that the text held before
    it was garbled: text of a multi-byte code page read as UTF-8 that lost its bytes then (Shift_JIS's
    ``�A�v���P``), which no repair completes."""
    return writes_lost(candidate) and (not reads_lost_bytes(candidate.chains[0], candidate.garbled)
                                       or lost_sequences(candidate)[1] > 1)


def round_trips(candidate: Candidate) -> bool:
    """Whether the repair is verified: layer by layer, the bytes that the garbled text stands for (as its
    wrong decoder reads them) decode in the true encoding to the repair, which encodes back to those very
    bytes; so fixing loses nothing of the garbled text. A lossy UTF-8 sequence (see :func:`reads_lost_bytes`)
    decodes to U+FFFD and stands for its bytes: everything between such sequences round-trips byte for byte."""
    text = candidate.garbled
    for chain in candidate.chains:
        lossy = lossy_codec(chain, text)
        data = chain_encoder(chain, text).encode(text)
        if data is None:
            return False
        if candidate.space_for_nbsp:
            data = with_nbsp_byte(data)
        spans = lossy_spans(data, lossy, candidate.lost_leads)
        text = decoded_around(data, chain.true, spans)
        try:
            if text is None or text.encode(chain.true) != with_lossy_replaced(data, spans):
                return False
        except UnicodeError:
            return False
    return text == candidate.repaired


def with_nbsp_byte(data: bytes) -> bytes:
    """The UTF-8 bytes of a stretch that lost a byte A0: put back for its space, or after its lead byte."""
    return data.replace(b" ", b"\xa0") if b" " in data else data + b"\xa0"


def lost_runs(line: str, repairs: List[Candidate]) -> List[Tuple[int, int, str]]:
    """(start, end, message) of each run of ``line`` whose bytes were lost."""
    runs = []
    for match in LOST_BYTES.finditer(line):
        runs.append((match.start(), match.end(), LOST_MESSAGES[match.group()[0]]))
    for c in repairs:
        if lost_garble(c):
            runs.append((c.start, c.end, f"{label(c)} and the bytes were already lost (U+FFFD): "
                                         f"{quote(c.garbled)} -> {quote(c.repaired)}"))
        elif c.lost_nearby:
            runs.append((c.start, c.end, f"{label(c)}, but a byte is missing next to {quote(c.garbled)}: "
                                         "no exact repair"))
    return merged(sorted(runs))


def merged(runs: List[Tuple[int, int, str]]) -> List[Tuple[int, int, str]]:
    """Overlapping runs joined into one, keeping the first one's message."""
    result: List[Tuple[int, int, str]] = []
    for start, end, message in runs:
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]), result[-1][2])
        else:
            result.append((start, end, message))
    return result


def label(candidate: Candidate) -> str:
    """What happened, e.g. ``GBK text decoded as Latin-1/cp1252``; ``, twice`` for repeated damage."""
    chain = candidate.chains[0]
    text = chain.label
    if chain.wrong == SLOPPY_CP1252:
        if CP1252_ONLY & set(candidate.garbled):
            text = text.replace("Latin-1/cp1252", "cp1252")
        elif C1 & set(candidate.garbled):
            text = text.replace("Latin-1/cp1252", "Latin-1")
    layers = len(candidate.chains)
    return text + {1: "", 2: ", twice", 3: ", three times"}.get(layers, f", {layers} times")


def chain_path(candidate: Candidate) -> str:
    """The codec chains of a repair as mojibench names them, one layer after another: ``utf-8>sloppy-cp1252``."""
    return ">".join(chain.name for chain in candidate.chains)


def repair_message(candidate: Candidate) -> str:
    return f"{label(candidate)}{loss_note(candidate)}: {quote(candidate.garbled)} -> {quote(candidate.repaired)}"


def loss_note(candidate: Candidate) -> str:
    """What a repair says of bytes lost before the damage was saved: a byte A0 lost to a space, or U+FFFD."""
    if candidate.space_for_nbsp:
        return ", its non-breaking space lost"
    if not writes_lost(candidate):
        return ""
    lossy, before = lost_sequences(candidate)
    if not lossy:
        return ", the bytes already lost (U+FFFD)" if before else ""
    return ", a byte lost" if lossy == 1 else ", bytes lost"


def quote(text: str) -> str:
    """``text`` in double quotes, invisible characters escaped, long text cut short."""
    if len(text) > EXCERPT:
        text = text[:EXCERPT - 1] + "…"
    return '"' + "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text) + '"'
