"""How plausible a piece of text is, as text of the file it sits in.

The model is a character-class unigram with a few transition penalties. Each
character falls in a class (``data/charclass.bin``, generated from the
encoding standards by ``scripts/generate_tables.py``): its script and case,
or its kind of symbol, and for Han characters the frequency tiers of the
national standards (GB2312 level 1/2, Big5 common/less common, JIS X 0208
level 1/2, KS X 1001 hanja). A file's :class:`Profile` counts its classes;
the cost of a character, in bits, is how surprising its class is in that
file (smoothed by a generic prior), plus how surprising the character is
within its class (for Han: under the Chinese, Japanese or Korean variant the
file writes in). Mojibake is costly: it mixes cases and symbols into words,
brings in scripts the file does not use, and in Han it is dominated by the
rare tiers. Lower cost means more plausible.

Chinese has common words of two characters besides (``data/hanwords.txt``,
generated from jieba's dictionary by ``scripts/generate_han_words.py``), to
tell real text of one Chinese script from the other's text garbled.

Public functions: :func:`text_cost`, :func:`plausibility`, :func:`profile_of`,
:meth:`Profile.describe`, :func:`chinese_words` and :func:`chinese_script_of`.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import cached_property, lru_cache
from typing import Callable, Dict, Tuple

from .tables import read_table

# Character classes (the bytes of data/charclass.bin).
UNASSIGNED, CONTROL, C1_CONTROL, PUA, SURROGATE, SPACE, ASCII_PUNCT, DIGIT = range(8)
ASCII_UPPER, ASCII_LOWER, LATIN_UPPER, LATIN_LOWER, LATIN_RARE, LATIN1_SYMBOL, NBSP, FORMAT = range(8, 16)
PUNCTUATION, SYMBOL, BOX_DRAWING, COMBINING, GREEK_UPPER, GREEK_LOWER, GREEK_RARE = range(16, 23)
CYRILLIC_UPPER, CYRILLIC_LOWER, CYRILLIC_RARE, HEBREW, ARABIC, THAI, OTHER_LETTER = range(23, 30)
HANGUL, HANGUL_RARE, HANGUL_JAMO, HIRAGANA, KATAKANA, HALFWIDTH_KATAKANA, FULLWIDTH = range(30, 37)
BOPOMOFO, CJK_PUNCT, HAN_EXT, CJK_COMPAT, OTHER_DIGIT, EMOJI, HAN_RARE = range(37, 44)
# Han characters: HAN plus one flag per tier of a national standard they are in.
HAN = 0x80
GB2312_1, GB2312_2, BIG5_COMMON, BIG5_LESS, JIS_1, JIS_2, KSX_HANJA = (1 << bit for bit in range(7))

# How often each class occurs in text in general: the prior that a file's own counts refine.
PRIOR = {
    SPACE: .12, ASCII_PUNCT: .04, DIGIT: .02, ASCII_UPPER: .03, ASCII_LOWER: .53,
    LATIN_UPPER: .002, LATIN_LOWER: .022, LATIN_RARE: 1e-5, LATIN1_SYMBOL: 3e-4, NBSP: 1e-4,
    FORMAT: 1e-5, PUNCTUATION: 5e-3, SYMBOL: 1e-3, BOX_DRAWING: 1e-3, COMBINING: 1e-4,
    GREEK_UPPER: 1e-3, GREEK_LOWER: .011, GREEK_RARE: 1e-5, CYRILLIC_UPPER: 4e-3, CYRILLIC_LOWER: .044,
    CYRILLIC_RARE: 1e-5, HEBREW: .02, ARABIC: .02, THAI: .02, OTHER_LETTER: 1e-3,
    HANGUL: .03, HANGUL_RARE: 1e-6, HANGUL_JAMO: 1e-5, HIRAGANA: .02, KATAKANA: .01,
    HALFWIDTH_KATAKANA: 1e-4, FULLWIDTH: 1e-3, BOPOMOFO: 1e-5, CJK_PUNCT: .01, HAN: .06,
    HAN_EXT: 1e-5, CJK_COMPAT: 1e-6, OTHER_DIGIT: 1e-4, EMOJI: 2e-4, HAN_RARE: 1e-5,
    C1_CONTROL: 1e-8, CONTROL: 1e-7, PUA: 1e-7, UNASSIGNED: 1e-8, SURROGATE: 1e-8,
}
PRIOR_WEIGHT = 20.0  # the prior counts as this many characters of the file
# How many characters of a class real text spreads over (bits within the class).
SPREAD = {
    SPACE: 2, ASCII_PUNCT: 16, DIGIT: 10, ASCII_UPPER: 26, ASCII_LOWER: 20, LATIN_UPPER: 30,
    LATIN_LOWER: 12, LATIN_RARE: 200, LATIN1_SYMBOL: 32, NBSP: 1, FORMAT: 10, PUNCTUATION: 8,
    SYMBOL: 300, BOX_DRAWING: 20, COMBINING: 50, GREEK_UPPER: 24, GREEK_LOWER: 24, GREEK_RARE: 100,
    CYRILLIC_UPPER: 32, CYRILLIC_LOWER: 32, CYRILLIC_RARE: 200, HEBREW: 27, ARABIC: 40, THAI: 60,
    OTHER_LETTER: 500, HANGUL: 600, HANGUL_RARE: 8822, HANGUL_JAMO: 100, HIRAGANA: 40, KATAKANA: 60,
    HALFWIDTH_KATAKANA: 60, FULLWIDTH: 60, BOPOMOFO: 40, CJK_PUNCT: 20, HAN_EXT: 6000, CJK_COMPAT: 500,
    OTHER_DIGIT: 100, EMOJI: 1000, HAN_RARE: 40000, C1_CONTROL: 32, CONTROL: 32, PUA: 6000,
    UNASSIGNED: 1000, SURROGATE: 128,
}

# Scripts, for the profile and for script changes inside a word.
LATIN, GREEK, CYRILLIC, HEBREW_SCRIPT, ARABIC_SCRIPT, THAI_SCRIPT, CJK, HANGUL_SCRIPT, OTHER = range(1, 10)
SCRIPT = {
    ASCII_UPPER: LATIN, ASCII_LOWER: LATIN, LATIN_UPPER: LATIN, LATIN_LOWER: LATIN, LATIN_RARE: LATIN,
    GREEK_UPPER: GREEK, GREEK_LOWER: GREEK, GREEK_RARE: GREEK,
    CYRILLIC_UPPER: CYRILLIC, CYRILLIC_LOWER: CYRILLIC, CYRILLIC_RARE: CYRILLIC,
    HEBREW: HEBREW_SCRIPT, ARABIC: ARABIC_SCRIPT, THAI: THAI_SCRIPT, OTHER_LETTER: OTHER,
    HANGUL: HANGUL_SCRIPT, HANGUL_RARE: HANGUL_SCRIPT, HANGUL_JAMO: HANGUL_SCRIPT,
    HIRAGANA: CJK, KATAKANA: CJK, HALFWIDTH_KATAKANA: CJK, BOPOMOFO: CJK, HAN_EXT: CJK,
    CJK_COMPAT: CJK, HAN_RARE: CJK,
}
SCRIPT_NAMES = {
    LATIN: "Latin", GREEK: "Greek", CYRILLIC: "Cyrillic", HEBREW_SCRIPT: "Hebrew", ARABIC_SCRIPT: "Arabic",
    THAI_SCRIPT: "Thai", CJK: "Han/Kana", HANGUL_SCRIPT: "Hangul", OTHER: "other",
}
UPPER = {ASCII_UPPER, LATIN_UPPER, GREEK_UPPER, CYRILLIC_UPPER}
LOWER = {ASCII_LOWER, LATIN_LOWER, GREEK_LOWER, CYRILLIC_LOWER, LATIN_RARE, GREEK_RARE, CYRILLIC_RARE}
ALPHABETIC = UPPER | LOWER | {HEBREW, ARABIC, THAI, OTHER_LETTER}
# Symbols that mojibake glues into words; digits may touch them (25°C, x², 5€), letters rarely do.
GLUE = {LATIN1_SYMBOL, SYMBOL, C1_CONTROL, NBSP, FORMAT, CONTROL, PUA, UNASSIGNED, BOX_DRAWING}
# Transition penalties, in bits.
CASE_FLIP = 5.0     # a capital right after a small letter, one of them not ASCII
GLUED_SYMBOL = 4.0  # a letter touching a symbol
SCRIPT_FLIP = 6.0   # two letters of different scripts touching, one of them not ASCII
SMALL_IN_CAPITALS = 10.0  # a small letter beyond ASCII in a word of capitals (``MģÄM``, ``AHř``)

# Han variants: the tiers that real text in each draws on, as (flag, share, tier size).
VARIANTS = {
    "zh-Hans": ((GB2312_1, .95, 3755), (GB2312_2, .04, 3008)),
    "zh-Hant": ((BIG5_COMMON, .95, 5401), (BIG5_LESS, .04, 7652)),
    "ja": ((JIS_1, .95, 2965), (JIS_2, .04, 3390)),
    "ko": ((KSX_HANJA, .9, 4888),),
}
HAN_OUTSIDE = 20000  # Han characters outside a variant's tiers, sharing the rest of its mass
VARIANT_PRIOR = {"zh-Hans": 2.0, "zh-Hant": 1.0, "ja": 1.0, "ko": .5}
HAN_SPREAD = 4000  # how many Han characters real text draws on
# Capitals count with their small letters; their case has a cost of its own.
CASELESS = {ASCII_UPPER: ASCII_LOWER, LATIN_UPPER: LATIN_LOWER, GREEK_UPPER: GREEK_LOWER,
            CYRILLIC_UPPER: CYRILLIC_LOWER}


# Two adjacent letters (case folded), at least one of them beyond ASCII; found overlapping.
LETTER_PAIR = re.compile(r"(?=([^\W\d_][^\x00-\x7f]|[^\x00-\x7f][^\W\d_]))")
WORD = re.compile(r"[^\W\d_]+")
# Tried only where no letter precedes: otherwise every letter of a long word is a start tried to its end.
WORD_START = re.compile(r"(?<![^\W\d_])[^\W\d_]*$")
CASELESS_SMALL = "ß"  # written among capitals: STRAßE


def char_prior_weight(spread: int) -> float:
    """How many characters of the file the model's prior within a class counts as.

    The more characters a class spreads over, the longer a file has to be
    before its own counts say which of them are common.
    """
    return 4 + spread / 10





@lru_cache(maxsize=None)
def class_table() -> str:
    """``str.translate`` table: each BMP character to the character whose code is its class."""
    return read_table("charclass.bin").decode("latin-1")


@lru_cache(maxsize=None)
def chinese_words() -> frozenset:
    """Common Chinese words of two Han characters, Simplified and Traditional (``data/hanwords.txt``)."""
    return frozenset(read_table("hanwords.txt").decode("utf-8").split())


def chinese_script_of(char: str) -> str:
    """The Chinese script only ``char`` tells (see :func:`class_chinese_script`)."""
    return class_chinese_script(char_class(char))


def astral_class(char: str) -> int:
    """The class of a character beyond the BMP (not in the table)."""
    cp = ord(char)
    if 0x20000 <= cp <= 0x3FFFF:
        return HAN_RARE
    if 0x1F000 <= cp <= 0x1FAFF:
        return EMOJI
    if 0xF0000 <= cp:
        return PUA
    import unicodedata

    category = unicodedata.category(char)
    if category == "Cn":
        return UNASSIGNED
    return OTHER_LETTER if category.startswith("L") else SYMBOL


def classes(text: str) -> list:
    """The class of each character of ``text``."""
    mapped = text.translate(class_table())
    if mapped.isascii() or max(mapped) < "\U00010000":
        return list(mapped.encode("latin-1"))
    return [ord(c) if c < "\U00010000" else astral_class(c) for c in mapped]


def class_counts(text: str) -> Counter:
    """How many characters of ``text`` each class has, in the order the classes first occur."""
    return counted_classes(Counter(text))


def counted_classes(chars: Counter) -> Counter:
    """:func:`class_counts` from the count of each character of a text."""
    # Classing each distinct character is cheaper than translating a whole file beyond ASCII character by character.
    result = Counter()
    for char, n in chars.items():
        result[char_class(char)] += n
    return result


def folded_counts(text: str, chars: Counter) -> Counter:
    """``Counter(text.lower())``, from ``chars``, the count of each character of ``text``."""
    if "\u03a3" in chars:  # a capital sigma is the one character whose small letter depends on its neighbours
        return Counter(text.lower())
    folded = Counter()
    for char, n in chars.items():
        for small in char.lower():
            folded[small] += n
    return folded


def han_variant_evidence(counts: Counter) -> Dict[str, float]:
    """How strongly the file's own characters point at each Han variant."""
    chinese = Counter()
    for cls, n in counts.items():
        chinese[class_chinese_script(cls)] += n
    kana = counts[HIRAGANA] + counts[KATAKANA]
    hangul = counts[HANGUL]
    return {"zh-Hans": 3.0 * chinese["zh-Hans"], "zh-Hant": 3.0 * chinese["zh-Hant"], "ja": float(kana),
            "ko": float(hangul)}


def class_chinese_script(cls: int) -> str:
    """``zh-Hans`` for a Han class of GB2312 that Big5 lacks, ``zh-Hant`` for one of Big5 that GB2312 lacks, else
    empty: the characters that tell which script a Chinese text is written in."""
    if not cls & HAN:
        return ""
    in_gb, in_big5 = cls & (GB2312_1 | GB2312_2), cls & (BIG5_COMMON | BIG5_LESS)
    return "zh-Hans" if in_gb and not in_big5 else "zh-Hant" if in_big5 and not in_gb else ""


def cost_class(cls: int) -> int:
    """The class whose frequency a character's cost uses: all Han as one, letters without case."""
    return HAN if cls & HAN else CASELESS.get(cls, cls)


class CharCosts(dict):
    """The cost of each character in a profiled file, worked out (by ``cost``) when first asked for."""

    def __init__(self, cost: Callable[[str], float]):
        super().__init__()
        self.cost = cost

    def __missing__(self, char: str) -> float:
        bits = self[char] = self.cost(char)
        return bits


class Profile:
    """What a file's text is made of: how often each class and each character occurs in it.

    The cost of a character is the bits of its class (case aside) in the file,
    plus the bits of its case (capitals are as common as in the file's other
    letters), plus the bits of the character within its class: the file's own
    count of it (case folded), smoothed towards the model's prior for the
    class (for Han: the tier mixture of the Han variants the file points at).
    """

    def __init__(self, raw: Counter, folded: Counter, removed: Counter = None, priced: Dict[tuple, float] = None,
                 source: str = "", removed_text: str = "", source_counts: Dict[tuple, int] = None):
        self.raw = raw  # class -> count
        self.folded = folded  # case-folded character -> count, before ``removed``
        self.removed = removed or Counter()
        self.source, self.removed_text = source, removed_text  # the file's text, and what ``without`` took out
        self.classes = Counter()
        for cls, n in raw.items():
            self.classes[cost_class(cls)] += n
        self.total = sum(raw.values())
        upper = sum(raw[cls] for cls in UPPER)
        lower = sum(raw[cls] for cls in LOWER)
        self.upper_bits = -math.log2((upper + 1) / (upper + lower + 10))
        self.lower_bits = -math.log2((lower + 9) / (upper + lower + 10))
        # Case belongs to words: a capital after a capital costs what a small letter would.
        self.capital_run_bits = self.upper_bits - self.lower_bits
        evidence = han_variant_evidence(raw)
        weights = {v: VARIANT_PRIOR[v] + evidence[v] for v in VARIANTS}
        norm = sum(weights.values())
        self.variants = tuple(w / norm for w in weights.values())
        self.costs = CharCosts(self._cost)  # the cost of each character, by character
        self.priced = {} if priced is None else priced  # cost by everything it depends on, shared by ``without``
        self.text_costs: Dict[Tuple[str, str, str], float] = {}  # memo of text_cost
        self.source_counts = {} if source_counts is None else source_counts  # see source_count; shared by ``without``

    def count(self, char: str) -> int:
        """How often the file holds ``char``, either case."""
        return self.folded_count(char.lower())

    def folded_count(self, folded: str) -> int:
        """How often the file holds the case-folded ``folded``."""
        return max(0, self.folded.get(folded, 0) - self.removed.get(folded, 0))

    @property
    def scripts(self) -> Dict[str, float]:
        """Share of each script among the file's letters."""
        letters = Counter()
        for cls, n in self.classes.items():
            script = script_of(cls)
            if script:
                letters[SCRIPT_NAMES[script]] += n
        total = sum(letters.values()) or 1
        return {name: n / total for name, n in letters.most_common()}

    @cached_property
    def written_scripts(self) -> frozenset:
        """The script of each class the file writes (0 for those of no script)."""
        return frozenset(script_of(cls) for cls, n in self.classes.items() if n)

    def describe(self) -> Dict[str, object]:
        """The file's script profile: script shares among letters, and Han variant weights."""
        return {"scripts": self.scripts, "han_variants": dict(zip(VARIANTS, self.variants))}

    def without(self, text: str) -> "Profile":
        """The profile of the rest of the file: this one less the characters of ``text``."""
        raw = Counter(self.raw)
        raw.subtract(class_counts(text))
        return Profile(+raw, self.folded, self.removed + Counter(text.lower()), self.priced,
                       self.source, self.removed_text + "\n" + text, self.source_counts)

    def known_pairs(self, text: str) -> int:
        """How many of the letter pairs of ``text`` (see :func:`letter_pairs`) the file writes."""
        return sum(n for pair, n in letter_pairs(text).items() if self.pair_count(pair))

    def writes_all_pairs(self, text: str) -> bool:
        """Whether ``text`` has letter pairs (see :func:`letter_pairs`) and the file writes every one of them."""
        pairs = letter_pairs(text)
        return bool(pairs) and all(self.pair_count(pair) for pair in pairs)

    def lines_holding(self, char: str, most: int) -> int:
        """On how many lines the file's text holds ``char``, either case as :meth:`count` folds it, up to ``most``."""
        folded = char.lower()
        return self.source_count(("lines", folded, most), lambda text: lines_holding(text, folded, most))

    def words_of_one_letter(self, char: str) -> int:
        """How often the file's text, less what ``without`` took out, writes ``char`` as a word of its own."""
        folded = char.lower()
        whole = self.source_count(("alone", folded), lambda text: one_letter_words(text, folded))
        return max(0, whole - one_letter_words(self.folded_removed_text, folded))

    def source_count(self, key: tuple, count: Callable[[str], int]) -> int:
        """``count`` of the file's whole text, case folded: worked out once for all the profiles made from it."""
        if key not in self.source_counts:
            self.source_counts[key] = count(self.folded_source)
        return self.source_counts[key]

    @cached_property
    def folded_source(self) -> str:
        return self.source.lower()

    @cached_property
    def folded_removed_text(self) -> str:
        return self.removed_text.lower()

    def pair_count(self, pair: str) -> int:
        return source_pairs(self.source)[pair] - self.removed_pairs[pair]

    @cached_property
    def removed_pairs(self) -> Counter:
        """:func:`letter_pairs` of what ``without`` took out, counted once per profile."""
        return letter_pairs(self.removed_text)

    def _cost(self, char: str) -> float:
        cls, group, folded = char_facts(char)
        n_group = self.classes.get(group, 0)
        count = self.folded_count(folded)
        case_bits = self.upper_bits if cls in UPPER else self.lower_bits if cls in LOWER else 0.0
        key = (cls, n_group, count, self.total, case_bits, self.variants if cls & HAN else None)
        bits = self.priced.get(key)
        if bits is None:
            bits = self.priced[key] = self._priced(cls, group, n_group, count, case_bits)
        return bits

    def _priced(self, cls: int, group: int, n_group: int, count: int, case_bits: float) -> float:
        """Bits of a character of class ``cls`` that the file holds ``count`` times."""
        class_p = (n_group + PRIOR_WEIGHT * PRIOR[group]) / (self.total + PRIOR_WEIGHT)
        if cls & HAN:
            prior = sum(w * t for w, t in zip(self.variants, tier_probabilities(cls & ~HAN)))
            weight = char_prior_weight(HAN_SPREAD)
        else:
            prior = 1 / SPREAD[group]
            weight = char_prior_weight(SPREAD[group])
        char_p = (count + weight * prior) / (n_group + weight)
        return case_bits - math.log2(class_p) - math.log2(char_p)


@lru_cache(maxsize=65536)  # bounded: a file of every code point must not leave a million behind
def char_facts(char: str) -> Tuple[int, int, str]:
    """What a character's cost takes from the character alone: its class, its cost class and its case folding."""
    cls = char_class(char)
    return cls, cost_class(cls), char.lower()


def char_class(char: str) -> int:
    return class_bytes()[ord(char)] if char < "\U00010000" else astral_class(char)


@lru_cache(maxsize=None)
def class_bytes() -> bytes:
    """The class of each BMP character, indexed by code point."""
    return class_table().encode("latin-1")


def profile_of(text: str) -> Profile:
    """The script profile of ``text`` (typically a whole file)."""
    chars = Counter(text)  # counted once for both the classes and the case-folded characters
    return Profile(counted_classes(chars), folded_counts(text, chars), source=text)


@lru_cache(maxsize=None)
def prior_profile() -> Profile:
    """The profile of no text: the model's prior alone, the same for every file."""
    return profile_of("")


@lru_cache(maxsize=4096)
def prior_cost(text: str) -> float:
    """Bits it takes to say ``text``, alone, as text in general (the model's prior): :func:`text_cost` in a file of
    nothing else, whose costs of characters are worked out once for all files."""
    return uncached_text_cost(text, prior_profile(), "", "")


def letter_pairs(text: str) -> Counter:
    """The pairs of adjacent letters of ``text``, case folded, at least one of each pair beyond ASCII."""
    return Counter(pair for pair in LETTER_PAIR.findall(text.lower()) if pair.isalpha())


def one_letter_words(text: str, char: str) -> int:
    """How often ``text`` writes ``char`` with no letter, digit or underscore on either side."""
    return len(re.findall(r"(?<!\w)%s(?!\w)" % re.escape(char), text)) if char in text else 0


def lines_holding(text: str, char: str, most: int) -> int:
    """On how many lines ``text`` holds ``char``, up to ``most``."""
    count, found = 0, text.find(char)
    while found >= 0 and count < most:
        count += 1
        line_end = text.find("\n", found)
        found = text.find(char, line_end) if line_end >= 0 else -1
    return count


@lru_cache(maxsize=2)
def source_pairs(text: str) -> Counter:
    """:func:`letter_pairs` of a whole file, counted once for all the profiles made from it."""
    return letter_pairs(text)


@lru_cache(maxsize=None)
def tier_probabilities(flags: int) -> Tuple[float, ...]:
    """P(character) for a Han character with tier ``flags``, under each variant (VARIANTS order)."""
    probabilities = []
    for tiers in VARIANTS.values():
        inside = sum(share for _, share, _ in tiers)
        outside = (1 - inside) / HAN_OUTSIDE
        probabilities.append(next((share / size for flag, share, size in tiers if flags & flag), outside))
    return tuple(probabilities)


def script_of(cls: int) -> int:
    return SCRIPT_OF[cls]


SCRIPT_OF = tuple(CJK if cls & HAN else SCRIPT.get(cls, 0) for cls in range(256))


@lru_cache(maxsize=None)
def transition_bits(left: int, right: int) -> float:
    """The penalty for class ``right`` right after class ``left``."""
    if left in LOWER and right in UPPER and (left, right) != (ASCII_LOWER, ASCII_UPPER):
        return CASE_FLIP
    if (left in ALPHABETIC and right in GLUE) or (left in GLUE and right in ALPHABETIC):
        return GLUED_SYMBOL
    if (left == BOX_DRAWING and right & HAN) or (left & HAN and right == BOX_DRAWING):
        return GLUED_SYMBOL
    left_script, right_script = script_of(left), script_of(right)
    if not left_script or not right_script or left_script == right_script:
        return 0.0
    ascii_pair = left in (ASCII_LOWER, ASCII_UPPER) or right in (ASCII_LOWER, ASCII_UPPER)
    east_asian = {left_script, right_script} & {CJK, HANGUL_SCRIPT}
    return 0.0 if ascii_pair and east_asian else SCRIPT_FLIP


def text_cost(text: str, profile: Profile, before: str = "", after: str = "") -> float:
    """Bits it takes to say ``text`` as text of the profiled file, between ``before`` and ``after``.

    ``before`` and ``after`` are the text around it on its line: the
    characters right next to it and the nearest letters on either side count,
    so that two candidates for the same span compare fairly.
    """
    key = (text, before, after)
    bits = profile.text_costs.get(key)
    if bits is None:
        bits = profile.text_costs[key] = uncached_text_cost(text, profile, before, after)
    return bits


def uncached_text_cost(text: str, profile: Profile, before: str, after: str) -> float:
    bits = sum(map(profile.costs.__getitem__, text))
    left = before[-1:]
    seq = classes(left + text + after[:1])
    bits += sum(map(transition_bits, seq, seq[1:]))
    bits -= profile.capital_run_bits * sum(map(both_capitals, seq[:len(left) + len(text)], seq[1:]))
    letters = [cls for cls in seq[len(left):len(left) + len(text)] if SCRIPT_OF[cls]]
    if any(cls in LOWER and cls != ASCII_LOWER for cls in letters):
        bits += SMALL_IN_CAPITALS * small_letters_among_capitals(text, before, after)
    if letters:
        bits += script_change_bits(nearest_letter(reversed(before)), letters[0])
        bits += script_change_bits(letters[-1], nearest_letter(after))
    return bits


def small_letters_among_capitals(text: str, before: str, after: str) -> int:
    """How many small letters beyond ASCII in ``text`` sit in a word of two capitals or more whose small letters,
    fewer than its capitals, are all beyond ASCII: ``MģÄM``, ``NICIODATà``. Real text writes a word in capitals
    all through; mojibake of capitals is capitals too."""
    head = WORD_START.search(before).group()
    word_end = WORD.match(after)
    words = head + text + (word_end.group() if word_end else "")
    if sum(map(str.isupper, words)) < 2:
        return 0
    count = 0
    for word in WORD.finditer(words):
        small = [c for c in word.group() if c.islower() and c not in CASELESS_SMALL]
        capitals = sum(1 for c in word.group() if c.isupper())
        if small and capitals >= 2 and all(c >= "\x80" for c in small) and len(small) < capitals:
            count += sum(1 for i, c in enumerate(word.group(), word.start())
                         if len(head) <= i < len(head) + len(text) and c in small)
    return count


def both_capitals(left: int, right: int) -> bool:
    return left in UPPER and right in UPPER


def nearest_letter(text) -> int:
    """The class of the first letter of ``text`` (an iterable of characters), 0 if none."""
    for char in text:
        cls = char_class(char)
        if SCRIPT_OF[cls]:
            return cls
    return 0


def script_change_bits(left: int, right: int) -> float:
    """The penalty for letters of two scripts near each other (ASCII beside CJK is common)."""
    if not left or not right or script_of(left) == script_of(right):
        return 0.0
    ascii_letter = left in (ASCII_LOWER, ASCII_UPPER) or right in (ASCII_LOWER, ASCII_UPPER)
    east_asian = {script_of(left), script_of(right)} & {CJK, HANGUL_SCRIPT}
    return 0.0 if ascii_letter and east_asian else SCRIPT_FLIP


def plausibility(text: str, profile: Profile) -> float:
    """Average bits per character of ``text`` in the profiled file: lower is more plausible."""
    return text_cost(text, profile) / max(1, len(text))
