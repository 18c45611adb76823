"""Duplicates: find a block that is a garbled copy of another block of the same file.

Extracted documents often hold their text twice: the clean text, and a copy
as a PDF or Word extractor left it, hard-wrapped into fragments, often
mis-decoded, often truncated. The search works on a *stream*: every non-blank
line with its whitespace dropped, all joined. A mis-decoded line also has the
readings that the codec chains repair it into.

1. Fingerprints: k-grams that start at anchor characters (chosen from the
   text's own characters, so that copy and twin pick the same places) index
   the stream. No repeated k-gram and no repairable line: nothing to do.
2. Seeds: a line whose reading shares a k-gram with another place of the
   stream may be a copy of the text there.
3. Alignment: from a seed, the copy grows line by line while each next line
   continues the twin's text exactly (or nearly, for a mis-decoded line that
   lost a byte, when the line after it picks the twin's text up again; an
   ASCII line cannot have lost one).
4. An alignment is a garbled copy when it is damaged (mis-decoded lines, or
   an extractor's line breaks: most of them inside the twin's lines, before
   blank lines or inside words or CJK text, so that prose or code re-wrapped
   by hand is no copy), stands apart from the lines around it and is long
   enough; overlapping candidates keep the strongest.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import accumulate, compress, filterfalse, islice
from operator import and_, itemgetter, or_
from typing import AbstractSet, Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from .chains import CESU_8, Chain, all_chains
from .findings import Edit, Finding, Fix, LineIndex

CODE = "DUP001"
KGRAM = 8  # characters in a fingerprint
ANCHOR_SPACING = 4  # one anchor every so many characters of a small stream...
MAX_ANCHORS = 400_000  # ...and no more than this many in a large one
FREQUENCY_SAMPLE = 1_000_000  # characters counted to choose the anchor characters
MAX_OCCURRENCES = 8  # a k-gram found more often than this is boilerplate, not a seed
MIN_COPY_CHARS = 16  # normalised characters a copy must have to be reported
MIN_SAFE_CHARS = 24  # ...and to be deleted by a safe fix
# The share of a re-wrapped copy's line breaks that must bear an extractor's mark (inside a line of the
# twin, and before blank lines, inside a word or next to CJK text): text re-wrapped by hand has none.
EXTRACTED_SHARE = 0.25
MIN_EXTRACTED_BREAKS = 2  # one odd break is chance
MAX_SEARCHES = 256  # a stream that needs more searches of its whole text costs less to fingerprint
GRAM = 8  # characters in a gram of the index that spares most searches for a break (see ``Junctions``)
MIN_INDEXED_CHARS = 8_000  # a shorter stream costs less to search for each break than to index
GRAM_BITS = tuple(1 << d for d in range(GRAM))  # a line start ``d`` characters into a gram
# Of the 2 * GRAM - 1 characters around a position, the grams holding it ``d`` = 0, 1... characters in.
GRAMS_HOLDING = itemgetter(*(slice(GRAM - 1 - d, 2 * GRAM - 1 - d) for d in range(GRAM)))
ASCII_SPACE = " \t\r\x0b\x0c"
GRAMS = re.compile(f".{{{GRAM}}}", re.DOTALL)
ASCII = bytes(range(0x80))
ASCII_SPACES = {c: None for c in range(0x80) if chr(c).isspace() and c != 0x0A}
# Signs that the twin is damaged itself: replacement and escaped bytes, C1
# controls, U+FFFD read as GBK, and UTF-8 lead and trail bytes read as cp1252.
DAMAGE = re.compile(
    "[\ufffd\udc80-\udcff\x80-\x9f]|锟斤拷|[\u00c2-\u00df][\u00a0-\u00bf\u20ac\u201a\u0192\u201e\u2026"
    "\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc"
    "\u2122\u0161\u203a\u0153\u017e\u0178]"
)


def lines_without_spaces(text: str, lines: Sequence[str]) -> List[str]:
    """The ``lines`` that ``text`` splits into, without whitespace."""
    if text.isascii():
        return text.translate(ASCII_SPACES).split("\n")  # faster still than splitting each line
    return ["".join(line.split()) for line in lines]  # twice as fast as a regular expression


def is_wide(char: str) -> bool:
    """True for characters of scripts written without spaces between words (CJK)."""
    return unicodedata.east_asian_width(char) in "WF"


def normalise(text: str) -> str:
    """``text`` without whitespace: what survives re-wrapping."""
    return "".join(text.split())


class Reading(NamedTuple):
    """One way to read a line: as it stands (no chain), or repaired through a chain."""

    text: str
    chain: Optional[Chain] = None


@dataclass(frozen=True)
class Misreading:
    """The chains whose text was mis-read by one codec, and the marks such text always bears."""

    wrong: str
    chains: Tuple[Chain, ...]
    # For each chain, a regular expression its mis-read text matches (compiled by ``re`` where first searched:
    # most files never need it); None: no test.
    marks: Tuple[Optional[str], ...]
    repertoire: Optional[frozenset] = None  # the characters a single-byte ``wrong`` decodes bytes to
    unreadable: AbstractSet[str] = frozenset()  # the characters of the stream that ``wrong`` cannot encode

    def within(self, chains: AbstractSet[Chain], foreign: AbstractSet[str]) -> Optional["Misreading"]:
        """This misreading of a file with non-ASCII characters ``foreign``, with only ``chains``; None if impossible."""
        kept = [(chain, mark) for chain, mark in zip(self.chains, self.marks) if chain in chains]
        if not kept:
            return None
        if self.repertoire is not None:
            unreadable = foreign - self.repertoire
        else:
            unreadable = repertoire(self.wrong).cannot_encode(foreign)
        if len(unreadable) == len(foreign):
            return None
        chains, marks = tuple(c for c, _ in kept), tuple(m for _, m in kept)
        return replace(self, chains=chains, marks=marks, unreadable=unreadable)

    def can_read(self, text: str) -> bool:
        return not self.unreadable or self.unreadable.isdisjoint(text)

    def repairs(self, texts: Sequence[str]) -> Iterator[Tuple[int, Chain, str]]:
        """For each of ``texts`` and each chain that can have mis-read it, the text's index and what it was.

        All the texts go through each chain at once, what cannot be encoded or
        decoded replaced, which leaves the few worth an exact repair one by one.
        (The codecs are ASCII-compatible: line breaks stay where they were.)
        """
        indexes = [i for i, text in enumerate(texts) if self.can_read(text)]
        data = "\n".join(texts[i] for i in indexes).encode(self.wrong, "replace")
        for chain, mark in zip(self.chains, self.marks):
            for i, guess in zip(indexes, data.decode(chain.true, "replace").split("\n")):
                if "\ufffd" in guess or (mark is not None and not re.search(mark, texts[i])):
                    continue
                try:
                    yield i, chain, texts[i].encode(self.wrong).decode(chain.true)
                except UnicodeError:
                    continue

    def lenient_repairs(self, text: str) -> Iterator[str]:
        """What ``text`` was, for each chain, with undecodable bytes replaced."""
        if self.can_read(text):
            data = text.encode(self.wrong, "replace")
            yield from (data.decode(chain.true, "replace") for chain in self.chains)


@lru_cache(maxsize=None)
def misreadings() -> Tuple[Misreading, ...]:
    """Every chain but CESU-8's, grouped by the codec that mis-read the text."""
    groups: Dict[str, List[Chain]] = defaultdict(list)
    for chain in all_chains():
        if chain.true != CESU_8:  # what it reads beyond the BMP is too rare in a copy to be worth the readings
            groups[chain.wrong].append(chain)
    return tuple(misreading(wrong, tuple(chains)) for wrong, chains in groups.items())


def misreading(wrong: str, chains: Tuple[Chain, ...]) -> Misreading:
    """The chains read by ``wrong``, with their marks when ``wrong`` is single-byte.

    Text in UTF-8 or a single-byte code page, mis-read, shows two high bytes
    in a row; text in a double-byte code page shows a high byte followed by
    another or by a trail byte in 0x40-0x7E.
    """
    table = single_byte_table(wrong)
    if table is None:
        return Misreading(wrong, chains, (None,) * len(chains))
    high = "".join(re.escape(c) for c in table[0x80:])
    two_high = f"[{high}][{high}]"
    high_then_trail = f"[{high}][{high}\x40-\x7e]"
    marks = tuple(two_high if chain.true == "utf-8" or single_byte_table(chain.true) else high_then_trail
                  for chain in chains)
    return Misreading(wrong, chains, marks, frozenset(table))


class Repertoire:
    """The characters a multi-byte codec cannot encode, learnt from the characters files show it."""

    def __init__(self, codec: str):
        self.codec = codec
        self.seen: set = set()
        self.unencodable: set = set()

    def cannot_encode(self, chars: AbstractSet[str]) -> AbstractSet[str]:
        """The characters of ``chars`` that the codec cannot encode (files share most of their characters)."""
        for char in chars - self.seen:
            self.seen.add(char)
            if not char.encode(self.codec, "ignore"):
                self.unencodable.add(char)
        return frozenset(self.unencodable.intersection(chars))


@lru_cache(maxsize=None)
def repertoire(codec: str) -> Repertoire:
    """The one ``Repertoire`` of ``codec``."""
    return Repertoire(codec)


def single_byte_table(codec: str) -> Optional[str]:
    """The 256 characters a single-byte codec decodes bytes to; None for a multi-byte codec."""
    try:
        table = bytes(range(0x100)).decode(codec)
    except UnicodeDecodeError:
        return None
    return table if len(table) == 0x100 else None


class Repairer:
    """Repairs the lines of one file through the chains that can give back characters the file holds.

    A repair must be a copy of text in the file, so a reading with a
    character that is nowhere in the file is left out.
    """

    def __init__(self, norms: Sequence[str]):
        """``norms``: the file's non-blank lines, normalised."""
        held = frozenset("".join(filterfalse(str.isascii, norms)))  # most lines of most files are ASCII
        foreign = frozenset(c for c in held if not c.isascii())
        self.misreadings = possible_misreadings(foreign) if foreign else []  # ASCII text was read right
        self.alphabet = held.union(ascii_characters(filter(str.isascii, norms))) if foreign else frozenset()

    def repairs(self, lines: Sequence[str], norms: Sequence[str]) -> Dict[int, List[Reading]]:
        """The readings the chains repair lines into, by line; ``norms`` are the lines as they stand, normalised."""
        if not self.misreadings:
            return {}
        found: Dict[int, List[Reading]] = defaultdict(list)
        foreign = [k for k, line in enumerate(lines) if not line.isascii()]
        texts = [lines[k].strip(ASCII_SPACE) for k in foreign]
        for misread in self.misreadings:
            for i, chain, repaired in misread.repairs(texts):
                norm, k = normalise(repaired), foreign[i]
                if self.alphabet.issuperset(norm) and norm != norms[k] and all(r.text != norm for r in found[k]):
                    found[k].append(Reading(norm, chain))
        return {k: readings for k, readings in found.items() if readings}

    def can_read(self, line: str) -> bool:
        """True when some chain can have mis-read ``line``."""
        return any(misread.can_read(line) for misread in self.misreadings)

    def lenient_readings(self, line: str) -> List[str]:
        """The line and its repairs with undecodable bytes replaced: what a line that lost a byte was."""
        text = line.strip(ASCII_SPACE)
        repairs = (r for misread in self.misreadings for r in misread.lenient_repairs(text))
        return [normalise(text)] + [normalise(r) for r in repairs]


def ascii_characters(texts: Iterable[str]) -> Iterator[str]:
    """The characters of the ASCII ``texts``: those ``bytes.translate`` deletes from all 128, at C speed."""
    absent = ASCII.translate(None, "".join(texts).encode())
    return map(chr, ASCII.translate(None, absent))


def possible_misreadings(foreign: AbstractSet[str]) -> List[Misreading]:
    """The misreadings that can have turned text into the non-ASCII characters ``foreign`` of a file."""
    joined = "".join(foreign)
    chains = frozenset(c for c in all_chains() if joined.encode(c.true, "ignore"))
    possible = (misread.within(chains, foreign) for misread in misreadings())
    return [misread for misread in possible if misread]


class Stream:
    """The non-blank lines of a text, normalised and joined, with the readings of each.

    What only the search needs is worked out when first asked for: the cheap
    tests that rule most files out need little more than the text.
    """

    def __init__(self, text: str):
        lines = text.split("\n")
        self.every = lines_without_spaces(text, lines)  # all the lines, normalised: the blank ones empty
        self.lines = list(compress(lines, self.every))
        norms = list(filter(None, self.every))
        self.text = "".join(norms)
        self.repairer = Repairer(norms)
        self.norms = norms
        self.repairs = self.repairer.repairs(self.lines, norms)
        self._word_ends: Dict[int, AbstractSet[int]] = {}

    def __len__(self) -> int:
        return len(self.lines)

    @cached_property
    def numbers(self) -> List[int]:
        """The 1-based numbers of the non-blank lines."""
        return list(compress(range(1, len(self.every) + 1), self.every))

    @cached_property
    def starts(self) -> List[int]:
        """Where each non-blank line starts in the stream text, and where the text ends."""
        return list(accumulate(map(len, self.norms), initial=0))

    @cached_property
    def paragraph(self) -> List[int]:
        """Which run of non-blank lines each non-blank line is in."""
        gaps = map((1).__lt__, map(int.__sub__, self.numbers[1:], self.numbers))  # blank lines before each line
        return list(accumulate(gaps, initial=0))

    @cached_property
    def paragraph_first(self) -> List[int]:
        """The first line of each run of non-blank lines."""
        return [k for k, p in enumerate(self.paragraph) if k == 0 or self.paragraph[k - 1] != p]

    @cached_property
    def paragraph_last(self) -> List[int]:
        """The last line of each run of non-blank lines."""
        return [k - 1 for k in self.paragraph_first[1:]] + [len(self) - 1]

    def line_at(self, pos: int) -> int:
        """The ordinal of the non-blank line whose text holds stream position ``pos``."""
        return bisect.bisect_right(self.starts, pos) - 1

    def span(self, first: int, last: int) -> Tuple[int, int]:
        """The stream positions of non-blank lines ``first..last`` (ordinals)."""
        return self.starts[first], self.starts[last + 1]

    @cached_property
    def lossy(self) -> AbstractSet[int]:
        """The lines that can be mis-decoded text that lost a byte (see ``Aligner.near_end``)."""
        if not self.repairer.misreadings:
            return frozenset()
        return frozenset(k for k, line in enumerate(self.lines) if not line.isascii() and self.repairer.can_read(line))

    def occurs_unbroken(self, start: int, end: int, junction: int) -> bool:
        """True when the stream text ``start:end`` occurs with no line starting ``junction`` characters into it."""
        text = self.text[start:end]
        pos = self.text.find(text)
        while pos != -1:
            if self.starts[self.line_at(pos + junction)] != pos + junction:
                return True
            pos = self.text.find(text, pos + 1)
        return False

    def readings(self, k: int) -> List[Reading]:
        """The ways to read line ``k``: as it stands, then as the chains repair it."""
        return [Reading(self.norms[k])] + self.repairs.get(k, [])

    def at_space(self, pos: int) -> bool:
        """True when stream position ``pos`` is where its line has whitespace between two characters."""
        k = self.line_at(pos)
        offset = pos - self.starts[k]
        return 0 < offset < len(self.norms[k]) and offset in self.word_ends(k)

    def word_ends(self, k: int) -> AbstractSet[int]:
        """Where the words of line ``k`` end, in its normalised text."""
        if k not in self._word_ends:
            self._word_ends[k] = frozenset(accumulate(map(len, self.lines[k].split())))
        return self._word_ends[k]

    def inside_word(self, pos: int) -> bool:
        """True when stream position ``pos`` falls between two letters of a word spelt with spaces around it."""
        pair = self.text[pos - 1:pos + 1]
        return pair.isalnum() and not any(map(is_wide, pair)) and not self.at_space(pos)

    def inside_text(self, pos: int) -> bool:
        """True when stream position ``pos`` falls inside a word, or next to a CJK character without a space.

        Re-wrapped prose breaks lines there; code and tables hardly ever do.
        """
        return self.inside_word(pos) or (any(map(is_wide, self.text[pos - 1:pos + 1])) and not self.at_space(pos))

    def repaired(self) -> Iterator[Tuple[int, Reading]]:
        for k, readings in self.repairs.items():
            for reading in readings:
                yield k, reading


def scramble(char: str) -> int:
    """A fixed pseudo-random order of characters (Python's own string hash changes between runs)."""
    return (ord(char) * 2654435761) & 0xFFFFFFFF


class Anchors:
    """The characters that start a fingerprint: about one in every ``ANCHOR_SPACING`` of a text.

    They are the text's own rarest characters among those it repeats (a copy
    repeats its twin), so that a copy and its twin anchor at the same places
    and any text, even in a small alphabet, gets its share of anchors.
    """

    def __init__(self, text: str):
        step = max(1, len(text) // FREQUENCY_SAMPLE)
        counts = Counter(text[::step])
        budget = sum(counts.values()) / max(ANCHOR_SPACING, len(text) / MAX_ANCHORS)
        repeated = (c for c, n in counts.items() if n > 1 and not "\ud800" <= c <= "\udfff")
        chosen, used = [], 0
        for char in sorted(repeated, key=lambda c: (counts[c], scramble(c))):
            used += counts[char]
            if used > budget:
                break
            chosen.append(char)
        self.chars = frozenset(chosen)

    def offsets(self, text: str) -> List[int]:
        """The offsets of anchors in ``text`` that have a whole k-gram after them."""
        return list(compress(range(len(text) - KGRAM + 1), map(self.chars.__contains__, text)))


class Fingerprints:
    """Where each anchored k-gram of the stream occurs; ``repeated``: those found 2 to ``MAX_OCCURRENCES`` times."""

    def __init__(self, text: str, anchors: Anchors):
        self.anchors = anchors
        self.offsets = anchors.offsets(text)
        self.keys = [text[pos:pos + KGRAM] for pos in self.offsets]
        self.counts = Counter(self.keys)
        wanted = {key for key, n in self.counts.items() if 1 < n <= MAX_OCCURRENCES}
        self.hits = [(key, pos) for key, pos in zip(self.keys, self.offsets) if key in wanted]  # by position
        self.repeated: Dict[str, List[int]] = defaultdict(list)
        for key, pos in self.hits:
            self.repeated[key].append(pos)
        self._first: Optional[Dict[str, int]] = None

    def positions(self, key: str) -> List[int]:
        """Where ``key`` occurs; none when it occurs more than ``MAX_OCCURRENCES`` times."""
        n = self.counts.get(key, 0)
        if n == 1:
            if self._first is None:
                self._first = dict(zip(self.keys, self.offsets))
            return [self._first[key]]
        return self.repeated[key] if 1 < n <= MAX_OCCURRENCES else []

    def kgrams(self, text: str) -> Iterator[Tuple[int, str]]:
        """The anchored k-grams of ``text`` with their offsets."""
        return ((i, text[i:i + KGRAM]) for i in self.anchors.offsets(text))


def seeds(stream: Stream, prints: Fingerprints) -> Dict[int, Dict[Tuple[int, str], Reading]]:
    """For each line, the (stream position, reading) pairs where it may continue some other text.

    A line as it stands seeds where its whole text recurs, and every such place
    holds each of its k-grams at the same offset: one k-gram per line finds them.
    A line repeated whole, as a line, is no copy's seed.
    """
    found: Dict[int, Dict[Tuple[int, str], Reading]] = defaultdict(dict)
    starts, norms, text = stream.starts, stream.norms, stream.text
    line_ends = dict(zip(starts, starts[1:]))
    seeded_to = 0  # where the last line looked up ends
    for key, pos in prints.hits:
        if pos < seeded_to:
            continue
        k = stream.line_at(pos)
        offset, norm = pos - starts[k], norms[k]
        if offset + KGRAM > len(norm):
            continue
        seeded_to, reading = starts[k + 1], Reading(norm)
        for start in (other - offset for other in prints.repeated[key] if other != pos):
            if start >= 0 and text.startswith(norm, start) and line_ends.get(start) != start + len(norm):
                found[k][start, norm] = reading
    for k, reading in stream.repaired():
        for offset, key in prints.kgrams(reading.text):
            for pos in prints.positions(key):
                found[k][pos - offset, reading.text] = reading
    return found


@dataclass
class Alignment:
    """Non-blank lines ``first..last`` (ordinals) that read as the stream text ``start:end``."""

    first: int
    last: int
    start: int
    end: int
    breaks: List[int] = field(default_factory=list)  # where each line but the last ends, in the twin
    chains: List[Chain] = field(default_factory=list)  # the chain of each repaired line
    nearly: int = 0  # lines that match only nearly (lost bytes)


class Aligner:
    """Grows alignments of lines with other places of the stream."""

    def __init__(self, stream: Stream):
        self.stream = stream
        self.text = stream.text

    def apart(self, first: int, last: int, start: int, end: int) -> bool:
        """True when lines ``first..last`` and the twin text ``start:end`` do not overlap."""
        low, high = self.stream.span(first, last)
        return end <= low or start >= high

    def grow(self, k: int, reading: Reading, start: int) -> Optional[Alignment]:
        """The alignment of line ``k``, read as ``reading`` at ``start``, with its neighbours."""
        end = start + len(reading.text)
        if start < 0 or not self.text.startswith(reading.text, start) or not self.apart(k, k, start, end):
            return None
        found = Alignment(k, k, start, end, chains=[reading.chain] if reading.chain else [])
        self.grow_back(found)
        self.grow_forward(found)
        return found

    def grow_back(self, found: Alignment) -> None:
        breaks = []
        while found.first > 0:
            k = found.first - 1
            reading = next((r for r in self.stream.readings(k)
                            if self.text.startswith(r.text, found.start - len(r.text))
                            and found.start >= len(r.text)), None)
            if reading is None or not self.apart(k, found.last, found.start - len(reading.text), found.end):
                break
            breaks.append(found.start)
            found.first, found.start = k, found.start - len(reading.text)
            if reading.chain:
                found.chains.append(reading.chain)
        found.breaks[:0] = reversed(breaks)

    def grow_forward(self, found: Alignment) -> None:
        while found.last + 1 < len(self.stream):
            k = found.last + 1
            reading = next((r for r in self.stream.readings(k) if self.text.startswith(r.text, found.end)), None)
            end = found.end + len(reading.text) if reading else self.near_end(k, found.end)
            if end is None or not self.apart(found.first, k, found.start, end):
                return
            found.breaks.append(found.end)
            found.last, found.end = k, end
            if reading is None:
                found.nearly += 1
            elif reading.chain:
                found.chains.append(reading.chain)

    def near_end(self, k: int, start: int) -> Optional[int]:
        """Where line ``k``'s twin text ends, when the line nearly reads as the text at ``start``.

        The next line must then read exactly as the text that follows.
        """
        line = self.stream.lines[k]
        if k + 1 >= len(self.stream) or line.isascii():  # only mis-decoded multi-byte text loses bytes
            return None
        candidates = self.stream.repairer.lenient_readings(line)
        if len(candidates) < 2:  # no chain can have mis-read the line
            return None
        limit = start + 2 * max(map(len, candidates)) + 8
        for following in self.stream.readings(k + 1):
            pos = self.text.find(following.text, start + 1, limit + len(following.text))
            while pos != -1:
                if any(nearly_equal(c, self.text[start:pos]) for c in candidates):
                    return pos
                pos = self.text.find(following.text, pos + 1, limit + len(following.text))
        return None


def nearly_equal(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ only in one place, as a line that lost a byte does."""
    if not a or not b or abs(len(a) - len(b)) > 2 + len(b) // 4:
        return False
    prefix = common_prefix_length(a, b)
    suffix = common_prefix_length(a[prefix:][::-1], b[prefix:][::-1])
    return 2 * (prefix + suffix) >= len(b)


def common_prefix_length(a: str, b: str) -> int:
    for n, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return n
    return min(len(a), len(b))


def alignments(stream: Stream, prints: Fingerprints) -> Iterator[Alignment]:
    """The longest alignment from each seeded line not inside an earlier one."""
    aligner = Aligner(stream)
    covered = -1
    for k, found in sorted(seeds(stream, prints).items()):
        if k <= covered:
            continue
        grown = (aligner.grow(k, reading, start) for (start, _), reading in found.items())
        best = max((a for a in grown if a), key=lambda a: a.end - a.start, default=None)
        if best:
            covered = best.last
            yield best


@dataclass
class Candidate:
    """An alignment seen as a copy, with the run of lines its twin lies in."""

    copy: Alignment
    twin_first: int
    twin_last: int
    rewrapped: bool
    split_words: float  # the share of the copy's line breaks that fall inside words of the twin
    lost_spaces: float  # the share of the copy's line breaks where the twin has whitespace
    gaps: float  # the share of the copy's line breaks followed by blank lines
    extracted: int  # the copy's line breaks that bear an extractor's mark (see ``extracted_breaks``)

    @property
    def size(self) -> int:
        return self.copy.end - self.copy.start

    def lines(self) -> range:
        return range(self.copy.first, self.copy.last + 1)

    def twin_lines(self) -> range:
        return range(self.twin_first, self.twin_last + 1)


def candidate(stream: Stream, copy: Alignment) -> Candidate:
    """``copy`` with its twin: the paragraphs of the lines it reads as, and how the copy breaks its lines."""
    first, last = stream.line_at(copy.start), stream.line_at(copy.end - 1)
    first, last = stream.paragraph_first[stream.paragraph[first]], stream.paragraph_last[stream.paragraph[last]]
    if last >= copy.first > first:  # the twin is before the copy, in the same paragraph
        last = copy.first - 1
    elif first <= copy.last < last:  # ...or after it
        first = copy.last + 1
    low = bisect.bisect_right(stream.starts, copy.start)
    high = bisect.bisect_left(stream.starts, copy.end)
    rewrapped = set(stream.starts[low:high]) != set(copy.breaks)
    lines = max(1, copy.last - copy.first)
    gaps = (stream.paragraph[copy.last] - stream.paragraph[copy.first]) / lines
    split_words = sum(map(stream.inside_word, copy.breaks)) / lines
    lost_spaces = sum(map(stream.at_space, copy.breaks)) / lines
    return Candidate(copy, first, last, rewrapped, split_words, lost_spaces, gaps, extracted_breaks(stream, copy))


def extracted_breaks(stream: Stream, copy: Alignment) -> int:
    """The copy's line breaks that fall inside a line of the twin and inside its text or before blank lines."""
    marked = 0
    for k, pos in enumerate(copy.breaks, start=copy.first):
        inside_line = stream.starts[stream.line_at(pos)] != pos
        gap = stream.paragraph[k + 1] != stream.paragraph[k]
        marked += inside_line and (gap or stream.inside_text(pos))
    return marked


def adjacent(stream: Stream, k: int) -> bool:
    """True when non-blank line ``k`` is followed directly by the next non-blank line."""
    return k + 1 < len(stream) and stream.paragraph[k + 1] == stream.paragraph[k]


def is_garbled_copy(stream: Stream, found: Candidate, misread_only: bool = False) -> bool:
    """Long enough, damaged (mis-decoded, or with an extractor's line breaks unless ``misread_only``), and set
    apart from its neighbours by blank lines, the file's edges or its twin."""
    copy = found.copy
    damaged = copy.chains or not misread_only and extracted(found)
    before, after = copy.first - 1, copy.last + 1
    joined_before = before >= 0 and adjacent(stream, before) and before not in found.twin_lines()
    joined_after = adjacent(stream, copy.last) and after not in found.twin_lines()
    several_lines = found.rewrapped or copy.last > copy.first  # one mis-decoded line is for the mojibake rule
    return found.size >= MIN_COPY_CHARS and bool(damaged) and several_lines and not (joined_before or joined_after)


def extracted(found: Candidate) -> bool:
    """True when the copy's line breaks are an extractor's: enough of them inside the twin's text or before gaps."""
    breaks = found.copy.last - found.copy.first
    return found.extracted >= MIN_EXTRACTED_BREAKS and found.extracted >= EXTRACTED_SHARE * breaks


def strength(found: Candidate) -> Tuple[int, int, float, float, float, int]:
    """Which of two overlapping candidates is the copy: mis-decoded, longer, gappier, breaking words, later."""
    copy = found.copy
    return len(copy.chains), found.size, found.gaps, found.split_words, found.lost_spaces, copy.first


def strongest(candidates: Sequence[Candidate]) -> List[Candidate]:
    """The candidates that overlap no stronger one, as copy or as twin."""
    chosen: List[Candidate] = []
    for found in sorted(candidates, key=strength, reverse=True):
        if all(disjoint(found.lines(), c.lines()) and disjoint(found.lines(), c.twin_lines())
               and disjoint(found.twin_lines(), c.lines()) for c in chosen):
            chosen.append(found)
    return sorted(chosen, key=lambda c: c.copy.first)


def disjoint(a: range, b: range) -> bool:
    return a.stop <= b.start or b.stop <= a.start


def may_hold_misread_copy(stream: Stream) -> bool:
    """Whether a mis-decoded line repairs into text found elsewhere in the stream: a copy's first sign."""
    return any(reading.text in stream.text for _, reading in stream.repaired())


def may_hold_copy(stream: Stream) -> bool:
    """A cheap necessary condition for a garbled copy with no mis-decoded line, checked before the costly
    fingerprints.

    Such a copy is told from its twin by at least two of an extractor's line
    breaks (see ``extracted_breaks``). The check searches the stream once for
    each break that ``Junctions`` does not rule out; a stream that needs too
    many searches is not checked.
    """
    searches: Iterable[List[Tuple[int, int, int]]] = break_searches(stream)
    if len(stream.text) >= MIN_INDEXED_CHARS:
        junctions = Junctions(stream)
        kept = ([span for span in spans if junctions.may_occur_unbroken(*span)] for spans in searches)
        searches = [spans for spans in kept if spans]
        if sum(map(len, searches)) > MAX_SEARCHES:
            return True
    possible = (spans for spans in searches if any(stream.occurs_unbroken(*span) for span in spans))
    return len(list(islice(possible, MIN_EXTRACTED_BREAKS))) == MIN_EXTRACTED_BREAKS


def break_searches(stream: Stream) -> Iterator[List[Tuple[int, int, int]]]:
    """For each line break that can be an extractor's in a copy with no repaired line, the searches that can tell.

    Such a break falls inside a line of the twin, before blank lines or inside
    a word or CJK text: the two lines as they stand are found together
    elsewhere, with no line starting between them. A line that lost bytes
    reads as no text of the stream, but its neighbours do (see ``Aligner.near_end``).
    A search is the stream text ``start:end`` that must occur with no line
    starting at ``junction`` characters into it (see ``Stream.occurs_unbroken``).
    """
    starts, lossy = stream.starts, stream.lossy
    marked = set(breaks_inside_text_or_before_gaps(stream))
    beside_lossy = {k for line in lossy for k in (line - 1, line) if 0 <= k < len(stream) - 1}
    for k in sorted(marked.union(beside_lossy)):
        first, second, end = starts[k], starts[k + 1], starts[k + 2]
        spans = [(second, end, 0)] if k in lossy else []
        if k + 1 in lossy:
            spans.append((first, second, second - first))
        if k in marked:
            spans.append((first, end, second - first))
        yield spans


def breaks_inside_text_or_before_gaps(stream: Stream) -> List[int]:
    """The line breaks before blank lines, or between two characters that can be inside a word or CJK text."""
    text, paragraph = stream.text, stream.paragraph
    pairs = [text[start - 1:start + 1] for start in stream.starts[1:-1]]
    marked: Iterable[bool] = map(or_, map(int.__ne__, paragraph, paragraph[1:]), map(str.isalnum, pairs))
    if not text.isascii():
        marked = (inside or may_be_inside_text(pair) for inside, pair in zip(marked, pairs))
    return list(compress(range(len(pairs)), marked))


class Junctions:
    """The stream cut into grams of ``GRAM`` characters, and where a line starts in every place each gram stands.

    Rules a text out of ``Stream.occurs_unbroken`` without a search: where the
    text occurs, a gram boundary falls some ``d < GRAM`` characters before its
    junction; the gram there holds the junction ``d`` characters in with no
    line starting at it, and the other grams the text covers are in the stream
    too. If that holds for none of the ``GRAM`` values of ``d``, the text is nowhere.
    """

    def __init__(self, stream: Stream):
        self.text = stream.text
        grams = GRAMS.findall(self.text)
        broken = line_starts_by_gram(stream.starts, len(grams))
        unbroken = bytearray(b"\x01") * len(grams)
        for n in broken:
            unbroken[n] = 0
        # by gram: the offsets where a line starts wherever it stands
        self.line_starts = dict.fromkeys(compress(grams, unbroken), 0)
        for n, offsets in broken.items():
            self.line_starts[grams[n]] = self.line_starts.get(grams[n], offsets) & offsets

    def may_occur_unbroken(self, start: int, end: int, junction: int) -> bool:
        """False when the stream text ``start:end`` occurs nowhere with no line starting ``junction`` characters in."""
        text, line_starts = self.text, self.line_starts
        if GRAM - 1 <= junction <= end - start - GRAM and self.rules_out_every_gram_at(start + junction):
            return False  # the common case, all its grams in the text, tested at C speed
        for d in range(GRAM):
            gram = start + junction - d  # where the gram holding the junction ``d`` characters in would start
            if start <= gram <= end - GRAM and line_starts.get(text[gram:gram + GRAM], 1 << d) >> d & 1:
                continue
            if gram % GRAM == 0:  # the grams the text covers where it stands are those of the stream
                return True
            first = gram - (gram - start) // GRAM * GRAM
            if all(text[n:n + GRAM] in line_starts for n in range(first, end - GRAM + 1, GRAM)):
                return True
        return False

    def rules_out_every_gram_at(self, pos: int) -> bool:
        """True when each gram holding stream position ``pos``, ``d`` characters in, is in no place of the
        stream or has a line starting ``d`` characters in wherever it stands."""
        grams = GRAMS_HOLDING(self.text[pos - GRAM + 1:pos + GRAM])
        return all(map(and_, map(self.line_starts.get, grams, GRAM_BITS), GRAM_BITS))


def line_starts_by_gram(starts: Sequence[int], grams: int) -> Dict[int, int]:
    """For each of the stream's first ``grams`` grams that lines start in, the bits of the offsets where they do."""
    found: Dict[int, int] = defaultdict(int)
    for start in starts:
        found[start // GRAM] |= 1 << start % GRAM
    found.pop(grams, None)  # the short piece at the end of the stream
    return found


def may_be_inside_text(pair: str) -> bool:
    """True when two characters can be inside a word or next to CJK text (see ``Stream.inside_text``)."""
    return pair.isalnum() or not pair.isascii() and any(map(is_wide, pair))


def find_garbled_duplicates(index: LineIndex, source_code: bool = False) -> List[Finding]:
    """DUP001 findings for the text behind ``index``.

    In a program's source (``source_code``) only a copy with mis-decoded
    lines is looked for: code is wrapped by hand and by formatters, its
    lines repeat, and an extractor's copy of prose seldom lands in it.
    """
    if source_code and index.text.isascii():
        return []
    stream = Stream(index.text)
    if len(stream) < 2 or not (may_hold_misread_copy(stream) or not source_code and may_hold_copy(stream)):
        return []
    prints = Fingerprints(stream.text, Anchors(stream.text))
    if not prints.repeated and not stream.repairs:
        return []
    candidates = [candidate(stream, a) for a in alignments(stream, prints)]
    # A text and its copy each read as the other: the stronger reading is the one judged, so that an original
    # whose line ends fall inside the copy's lines is never taken for the copy.
    copies = [c for c in strongest(candidates) if is_garbled_copy(stream, c, misread_only=source_code)]
    return [finding(index, stream, c) for c in copies]


def finding(index: LineIndex, stream: Stream, found: Candidate) -> Finding:
    """The finding for a copy: safe to delete when long enough, nearly all exact, and its twin is clean."""
    copy = found.copy
    first, last = stream.numbers[copy.first], stream.numbers[copy.last]
    twin_first, twin_last = stream.numbers[found.twin_first], stream.numbers[found.twin_last]
    twin_start, twin_end = stream.span(found.twin_first, found.twin_last)
    twin_damaged = DAMAGE.search(index.text, index.offset(twin_first), index.line_end(twin_last)) is not None
    safe = found.size >= MIN_SAFE_CHARS and copy.nearly <= max(1, len(found.lines()) // 20) and not twin_damaged
    message = (
        f"{lines_phrase(first, last)} {'is' if first == last else 'are'} a garbled copy of "
        f"{lines_phrase(twin_first, twin_last)} "
        f"({', '.join(damage(found))}; {100 * found.size // (twin_end - twin_start)}% of the text)"
    )
    return Finding(CODE, index.lines(first, last), message, Fix((deletion(index, stream, copy),), safe),
                   related=(index.lines(twin_first, twin_last),))


def lines_phrase(first: int, last: int) -> str:
    """``line 3`` or ``lines 3-9``."""
    return f"line {first}" if first == last else f"lines {first}-{last}"


def damage(found: Candidate) -> List[str]:
    """What happened to the copy, in words."""
    words = ["re-wrapped"] if found.rewrapped else []
    words.extend(chain.label for chain, _ in Counter(found.copy.chains).most_common())
    if found.copy.nearly:
        words.append(f"{found.copy.nearly} {'line' if found.copy.nearly == 1 else 'lines'} with lost bytes")
    return words


def deletion(index: LineIndex, stream: Stream, copy: Alignment) -> Edit:
    """Delete the copy's lines and the blank lines between it and its neighbours, keeping one gap of them."""
    before = stream.numbers[copy.first - 1] if copy.first > 0 else None
    after = stream.numbers[copy.last + 1] if copy.last + 1 < len(stream) else None
    if after is None:
        return Edit(index.offset(before + 1) if before else 0, len(index.text), "")
    if before is None:
        return Edit(0, index.offset(after), "")
    return Edit(index.offset(stream.numbers[copy.first]), index.offset(after), "")
