"""Mojibake: find and repair text that was decoded with the wrong codec.

For each codec chain (text in encoding ``true`` whose bytes were decoded as
``wrong``), a line's characters are encoded back with ``wrong`` and the bytes
decoded with ``true`` wherever they form valid characters of it. Each stretch
of characters that decodes that way is a candidate repair; it is reported
(MOJ001) when the repair is much more plausible text of the file than what
stands (see :mod:`moji_lint.plausibility`), and fixed when it round-trips
exactly. Text garbled twice or three times is repaired layer by layer.

Bytes that are gone for good (U+FFFD, ``锟斤拷``, ``烫烫烫``, a byte missing from
a mis-decoded run) are reported as MOJ002 and never repaired; a line that lost
bytes gets no safe fix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from . import plausibility
from .chains import Chain, all_chains
from .findings import Edit, Finding, Fix, LineIndex

MIN_GAIN = 12.0       # bits by which a repair must beat the text as it stands to be reported
SAFE_GAIN = 16.0      # ... and to be fixed without --unsafe-fixes
KNOWN_CHAIN_BONUS = 4.0  # bits: a chain already seen in the file explains more of it
COMPANION_GAIN = 2.0  # bits enough for a stretch in a line that the same chain convincingly repairs
STRAY_BYTE = 8.0      # bits: a byte that does not decode touches a UTF-8 repair
MAX_LAYERS = 3
EXCERPT = 40          # characters of garbled and repaired text a message quotes

TEXT_BETWEEN_ESCAPES = re.compile("[^\udc80-\udcff]+")
# Runs of characters that stand for bytes that are gone.
LOST_BYTES = re.compile("\ufffd+|(?:锟斤拷|锟.?)+|烫{3,}|屯{3,}")
LOST_MESSAGES = {
    "\ufffd": "replacement characters (U+FFFD) where the original bytes were lost",
    "锟": "U+FFFD replacement characters decoded as GBK (锟斤拷): the original bytes were lost",
    "烫": "uninitialised stack memory (0xCC bytes) decoded as GBK",
    "屯": "uninitialised heap memory (0xCD bytes) decoded as GBK",
}
# Encodings whose wrong decoders (Windows code pages) accept more than Python's codec.
WRONG_FALLBACKS = {"gbk": ("gb18030",), "cp950": ("big5",), "cp932": ("shift_jis",)}
WRONG_EXTRA = {"gbk": {"\u20ac": b"\x80"}}  # cp936 maps 0x80 to the euro sign
EAST_ASIAN = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\ue000-\uf8ff]")
CP1252_ONLY = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", "ignore"))
C1 = frozenset(chr(c) for c in range(0x80, 0xA0))


@dataclass(frozen=True)
class Candidate:
    """A stretch ``line[start:end]`` that chain(s) turn into ``repaired``; offsets within the line."""

    start: int
    end: int
    garbled: str
    repaired: str
    chains: Tuple[Chain, ...]
    lost_nearby: bool = False
    stray_nearby: bool = False


@dataclass(frozen=True)
class Repair:
    """A candidate the plausibility model accepted, with its gain in bits."""

    candidate: Candidate
    gain: float


# ---------------------------------------------------------------------------
# Encoding a line back to the bytes a wrong decoder saw.


@lru_cache(maxsize=None)
def single_byte(codec: str) -> bool:
    """True for a code page that decodes each byte on its own (never UTF-8 here)."""
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
    """Encodes text with a wrong codec, char by char where the codec refuses some characters."""

    def __init__(self, wrong: str):
        self.wrong = wrong
        self.single = single_byte(wrong)
        self.cache: Dict[str, Optional[bytes]] = {}

    def char(self, char: str) -> Optional[bytes]:
        if char not in self.cache:
            self.cache[char] = encode_char(char, self.wrong)
        return self.cache[char]

    def runs(self, text: str) -> Iterator[Tuple[int, bytes, List[int]]]:
        """(start, bytes, byte offset of each char and of the end) for each encodable run of ``text``."""
        try:
            data = text.encode(self.wrong)
        except UnicodeEncodeError:
            yield from self.runs_by_char(text)
            return
        yield 0, data, list(range(len(text) + 1)) if self.single else self.offsets(text)

    def offsets(self, text: str) -> List[int]:
        offsets = [0]
        for char in text:
            offsets.append(offsets[-1] + (1 if char < "\x80" else len(self.char(char))))
        return offsets

    def runs_by_char(self, text: str) -> Iterator[Tuple[int, bytes, List[int]]]:
        start, chunks, offsets = 0, [], [0]
        for i, char in enumerate(text):
            data = self.char(char)
            if data is None:
                if chunks:
                    yield start, b"".join(chunks), offsets
                start, chunks, offsets = i + 1, [], [0]
                continue
            chunks.append(data)
            offsets.append(offsets[-1] + len(data))
        if chunks:
            yield start, b"".join(chunks), offsets


@lru_cache(maxsize=None)
def encoder(wrong: str) -> Encoder:
    return Encoder(wrong)


@lru_cache(maxsize=None)
def signature(chain: Chain) -> Optional["re.Pattern[str]"]:
    """A pattern every garbled run of a single-byte ``wrong`` codec matches (a fast pre-check)."""
    if not single_byte(chain.wrong):
        return None
    if chain.true == "utf-8":
        leads, trails = range(0xC2, 0xF5), range(0x80, 0xC0)
    else:
        leads, trails = range(0x81, 0xFF), list(range(0x40, 0x7F)) + list(range(0x80, 0xFF))

    def char_class(byte_values) -> str:
        chars = bytes(byte_values).decode(chain.wrong, "replace").replace("\ufffd", "")
        chars += "".join(chr(b) for b in byte_values if 0x80 <= b < 0xA0)
        return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"

    return re.compile(char_class(leads) + char_class(trails))


# ---------------------------------------------------------------------------
# Decoding those bytes with the right codec, where they decode.


@dataclass
class Stretch:
    """Bytes ``data[start:end]`` that decode in the true codec; ``lost_*``: a stray byte touches it."""

    start: int
    end: int
    lost_before: bool = False
    lost_after: bool = False


def byte_length(char: str, true: str) -> int:
    if char < "\x80" or "\udc80" <= char <= "\udcff":
        return 1
    try:
        return len(char.encode(true))
    except UnicodeEncodeError:
        return 2


def decoded_stretches(data: bytes, true: str) -> List[Stretch]:
    """Stretches of ``data`` that decode as non-ASCII characters of ``true``, joined over short ASCII gaps."""
    decoded = data.decode(true, "surrogateescape")
    stretches: List[Stretch] = []
    current: Optional[Stretch] = None
    gap_start, stray_before = None, False
    pos = 0
    for char in decoded:
        size = byte_length(char, true)
        if char < "\x80":
            if current and gap_start is None:
                gap_start = pos
            if current and (char.isspace() or pos - gap_start >= 3):
                current, gap_start = None, None
            stray_before = False
        elif "\udc80" <= char <= "\udcff":
            if current and gap_start is None:
                current.lost_after = True
            current, gap_start = None, None
            stray_before = True
        else:
            if current is None:
                current = Stretch(pos, pos + size, lost_before=stray_before)
                stretches.append(current)
            current.end = pos + size
            gap_start, stray_before = None, False
        pos += size
    return stretches


def candidates_for(text: str, chain: Chain) -> Iterator[Candidate]:
    """Every stretch of ``text`` (one line, or part of one) that ``chain`` repairs exactly."""
    check = signature(chain)
    if check is not None and not check.search(text):
        return
    for run_start, data, offsets in encoder(chain.wrong).runs(text):
        if data.isascii():
            continue
        for stretch in decoded_stretches(data, chain.true):
            candidate = aligned_candidate(text, run_start, data, offsets, stretch, chain)
            if candidate:
                yield candidate


def aligned_candidate(text: str, run_start: int, data: bytes, offsets: List[int],
                      stretch: Stretch, chain: Chain) -> Optional[Candidate]:
    """The candidate for a stretch, widened to whole characters of the garbled text (by ASCII bytes only)."""
    first = char_index(offsets, stretch.start)
    if offsets[first] != stretch.start:
        return None
    last = char_index(offsets, stretch.end - 1) + 1
    end = offsets[last]
    if not data[stretch.end:end].isascii():
        return None
    try:
        repaired = data[stretch.start:end].decode(chain.true)
    except UnicodeDecodeError:
        return None
    garbled = text[run_start + first:run_start + last]
    if not convincing_size(garbled, repaired, chain):
        return None
    stray = stretch.lost_before or stretch.lost_after
    lost = stray and single_byte(chain.wrong) and chain.true != "utf-8"
    return Candidate(run_start + first, run_start + last, garbled, repaired, (chain,), lost,
                     stray and chain.true == "utf-8")


def convincing_size(garbled: str, repaired: str, chain: Chain) -> bool:
    """Whether a stretch is big enough to judge: UTF-8 repairs may be one character, others two.

    Text mis-read by a CJK codec is Han (or kana, Hangul) to start with.
    """
    changed = sum(1 for a in repaired if a >= "\x80")
    if changed < (1 if chain.true == "utf-8" else 2) or repaired == garbled:
        return False
    if single_byte(chain.wrong):
        return True
    east_asian = len(EAST_ASIAN.findall(garbled))
    return east_asian >= max(1, sum(1 for a in garbled if a >= "\x80") / 2)


def char_index(offsets: List[int], byte_pos: int) -> int:
    """The index of the character whose bytes hold ``byte_pos``."""
    lo, hi = 0, len(offsets) - 1
    while lo < hi - 1:
        mid = (lo + hi) // 2
        if offsets[mid] <= byte_pos:
            lo = mid
        else:
            hi = mid
    return lo


def deeper(candidate: Candidate) -> Candidate:
    """The candidate with its repair repaired again, for UTF-8 garbled more than once the same way."""
    chains = [chain for chain in candidate.chains[:1] if chain.true == "utf-8"]
    for _ in range(MAX_LAYERS - 1):
        inner = [c for chain in chains for c in candidates_for(candidate.repaired, chain)
                 if c.start == 0 and c.end == len(candidate.repaired)]
        if not inner:
            break
        best = inner[0]
        candidate = replace(candidate, repaired=best.repaired, chains=candidate.chains + best.chains)
    return candidate


# ---------------------------------------------------------------------------
# Choosing the repairs the file supports.


def line_candidates(line: str) -> List[Candidate]:
    """Every exact repair of every chain in ``line``, surrogate escapes (raw bytes) left out."""
    found = []
    for piece in TEXT_BETWEEN_ESCAPES.finditer(line):
        if piece.group().isascii():
            continue
        for chain in all_chains():
            for c in candidates_for(piece.group(), chain):
                found.append(replace(c, start=c.start + piece.start(), end=c.end + piece.start()))
    return found


def gain(candidate: Candidate, line: str, profile: plausibility.Profile) -> float:
    """Bits saved by the repair, as text of the file; a stray byte touching a UTF-8 repair costs."""
    before, after = line[:candidate.start], line[candidate.end:]
    bits = (plausibility.text_cost(candidate.garbled, profile, before, after)
            - plausibility.text_cost(candidate.repaired, profile, before, after))
    return bits - STRAY_BYTE if candidate.stray_nearby else bits


def best_repairs(line: str, candidates: Sequence[Candidate], profile: plausibility.Profile,
                 known: frozenset) -> List[Repair]:
    """The non-overlapping repairs of a line, most convincing first, that clear ``MIN_GAIN``."""
    scored = []
    if candidates:
        profile = profile.without(line)
    for candidate in candidates:
        bits = gain(candidate, line, profile)
        if candidate.chains[0] in known:
            bits += KNOWN_CHAIN_BONUS
        if bits >= COMPANION_GAIN:
            scored.append(Repair(candidate, bits))
    scored.sort(key=lambda r: -r.gain)
    strong = {r.candidate.chains for r in scored if r.gain >= MIN_GAIN}
    chosen: List[Repair] = []
    for repair in scored:
        if repair.gain < MIN_GAIN and repair.candidate.chains not in strong:
            continue
        c = repair.candidate
        if all(c.end <= o.candidate.start or c.start >= o.candidate.end for o in chosen):
            chosen.append(repair)
    return sorted(chosen, key=lambda r: r.candidate.start)


def find_mojibake(index: LineIndex) -> List[Finding]:
    """MOJ001 and MOJ002 findings for the text behind ``index``."""
    text = index.text
    if text.isascii():
        return []
    lines = [(n, index.starts[n - 1], text[index.starts[n - 1]:index.line_end(n)]) for n in range(1, len(index) + 1)]
    lines = [(n, start, line) for n, start, line in lines if not line.isascii()]
    candidates = {n: [deeper(c) for c in line_candidates(line)] for n, _, line in lines}
    profile = plausibility.profile_of(text)
    repairs = {n: best_repairs(line, candidates[n], profile, frozenset()) for n, _, line in lines}
    repaired_text = apply_repairs(text, lines, repairs)
    if repaired_text != text:
        profile = plausibility.profile_of(repaired_text)
        known = frozenset(r.candidate.chains[0] for rs in repairs.values() for r in rs)
        repairs = {n: best_repairs(line, candidates[n], profile, known) for n, _, line in lines}
    findings: List[Finding] = []
    for n, start, line in lines:
        findings.extend(line_findings(index, start, line, repairs[n]))
    return findings


def apply_repairs(text: str, lines, repairs: Dict[int, List[Repair]]) -> str:
    parts, pos = [], 0
    for n, start, _ in lines:
        for r in repairs[n]:
            parts.append(text[pos:start + r.candidate.start])
            parts.append(r.candidate.repaired)
            pos = start + r.candidate.end
    parts.append(text[pos:])
    return "".join(parts)


# ---------------------------------------------------------------------------
# Findings.


def line_findings(index: LineIndex, start: int, line: str, repairs: List[Repair]) -> List[Finding]:
    lost = lost_runs(line, repairs)
    safe = not lost
    findings = []
    for r in repairs:
        c = r.candidate
        if "\ufffd" in c.repaired:
            continue
        fix = Fix((Edit(start + c.start, start + c.end, c.repaired),), safe=safe and r.gain >= SAFE_GAIN)
        findings.append(Finding("MOJ001", index.span(start + c.start, start + c.end), repair_message(c),
                                fix, c.chains[-1].true))
    for a, b, message in lost:
        findings.append(Finding("MOJ002", index.span(start + a, start + b), message))
    return sorted(findings, key=lambda f: f.location.column)


def lost_runs(line: str, repairs: List[Repair]) -> List[Tuple[int, int, str]]:
    """(start, end, message) of each run of ``line`` whose bytes were lost."""
    runs = []
    for match in LOST_BYTES.finditer(line):
        runs.append((match.start(), match.end(), LOST_MESSAGES[match.group()[0]]))
    for r in repairs:
        c = r.candidate
        if "\ufffd" in c.repaired:
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
    if chain.wrong == "sloppy-cp1252":
        if C1 & set(candidate.garbled):
            text = text.replace("Latin-1/cp1252", "Latin-1")
        elif CP1252_ONLY & set(candidate.garbled):
            text = text.replace("Latin-1/cp1252", "cp1252")
    layers = len(candidate.chains)
    return text + {1: "", 2: ", twice", 3: ", three times"}.get(layers, f", {layers} times")


def repair_message(candidate: Candidate) -> str:
    return f"{label(candidate)}: {quote(candidate.garbled)} -> {quote(candidate.repaired)}"


def quote(text: str) -> str:
    """``text`` in double quotes, invisible characters escaped, long text cut short."""
    if len(text) > EXCERPT:
        text = text[:EXCERPT - 1] + "…"
    return '"' + "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text) + '"'
