"""Bytes lost inside UTF-8 before it was mis-read: which sequences with a lost byte show damage.

Software that decoded UTF-8 with a Windows code page strictly wrote U+FFFD
for a byte the code page leaves undefined (cp1252's 0x81, 0x8D, 0x8F, 0x90,
0x9D), or an encoder wrote ``?`` for a character it could not write. Read
back through the code page, such a U+FFFD becomes ``LOST_BYTE``; a lead byte
and its continuations with one of them lost is a lossy sequence, which
decodes to one U+FFFD as UTF-8 decoders write an incomplete sequence. The
same shapes occur in clean text (``café”?``, ``Ñ�``): :func:`lossy_spans`
keeps only those that show damage.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, List, Tuple

# ftfy's shapes (a '?' ends a two-byte sequence only after C2 or C3), but one lost byte per sequence: ftfy lets more
# be lost, and a real letter before a run of U+FFFD (``д��`` in Ukrainian) would be one of them. A second byte that
# stands must fit its lead as in UTF-8 (no overlong form, surrogate, or code beyond U+10FFFF).
LOST_BYTE = b"\x1a"
THREE_BYTE_START = rb"(?:\xe0[\xa0-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]|\xed[\x80-\x9f])"
FOUR_BYTE_START = rb"(?:\xf0[\x90-\xbf]|[\xf1-\xf3][\x80-\xbf]|\xf4[\x80-\x8f])"
LOSSY_UTF8 = re.compile(rb"[\xc2-\xdf]\x1a|[\xc2-\xc3]\?"
                        rb"|[\xe0-\xef][\x1a?][\x80-\xbf]|" + THREE_BYTE_START + rb"[\x1a?]"
                        rb"|[\xf0-\xf4][\x1a?][\x80-\xbf]{2}"
                        rb"|" + FOUR_BYTE_START + rb"(?:[\x1a?][\x80-\xbf]|[\x80-\xbf][\x1a?])"
                        rb"|\x1a")
LOST_LEAD = re.compile(rb"[\xc2-\xdf]\x1a")  # the lead of a two-byte sequence, and the byte it lost
ASCII_GAP_BEFORE = re.compile(rb"[!-~]{0,3}\Z")  # the ASCII signs and letters a decoded stretch joins over
ASCII_GAP_AFTER = re.compile(rb"[!-~]{0,3}")
REPLACEMENT_BYTES = "\ufffd".encode("utf-8")  # a lossy sequence's repair, as it encodes back
WORD_CLOSING_MARKS = frozenset("\u2122\u00ae\u201d\u2019\u00bb\u203a")  # ™®”’»›: may follow a word
ELLIPSIS = "\u2026"  # may follow a word too, but ``Ã…`` is also how cp1252 reads Å
# …—–†‡°²³¹·‰© and U+FFFD: they may follow a letter, so they do not show that a lost byte was a sequence's
MARKS_AFTER_LETTERS = frozenset(ELLIPSIS + "\u2014\u2013\u2020\u2021\u00b0\u00b2\u00b3\u00b9\u00b7\u2030\u00a9\ufffd")


def lossy_spans(data: bytes, wrong: str, lost_leads: bool = False) -> List[Tuple[int, int]]:
    """Where UTF-8 ``data``, as the code page ``wrong`` read it, holds a lost byte standing alone, or a lossy
    sequence (``LOSSY_UTF8``) that shows damage (see :func:`shows_damage`) or touches one that does in a row of
    lossy sequences (``â?¬â?¢``; a lost byte standing alone is no such one: ``OLÉ��`` keeps its ``É``). None
    where ``wrong`` is empty. ``lost_leads``: every lead of a two-byte sequence followed by a lost byte shows
    damage (the text around the bytes showed it: see :func:`moji_lint.mojibake.lost_lead_repairs`)."""
    if not wrong:
        return []
    spans: List[Tuple[int, int]] = []
    for run in touching_runs(LOSSY_UTF8.finditer(data)):
        shows = any(match.group() != LOST_BYTE and (shows_damage(data, match, wrong)
                                                    or lost_leads and LOST_LEAD.fullmatch(match.group()))
                    for match in run)
        spans.extend(match.span() for match in run if shows or match.group() == LOST_BYTE)
    return spans


def touching_runs(matches: Iterable["re.Match[bytes]"]) -> List[List["re.Match[bytes]"]]:
    """The matches in runs where each ends where the next starts."""
    runs: List[List["re.Match[bytes]"]] = []
    for match in matches:
        if runs and runs[-1][-1].end() == match.start():
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def shows_damage(data: bytes, match: "re.Match[bytes]", wrong: str) -> bool:
    """Whether the lossy sequence ``match`` of ``data`` shows damage: it keeps, before its lost byte, a byte
    ``wrong`` reads as a symbol that never follows a letter (``â€?``; not ``é”?``, ``lá—�``, nor ``é?—``, where
    punctuation follows a question), or a byte after a four-byte lead; or it stands beside a whole UTF-8 sequence
    of the garbled text, or up to three ASCII signs or letters from one, as a stretch joins them (``Ñ€Ñ�Ðº``,
    ``Ã?Â¢``, ``â�’(âŒ£``; not ``Ñ� São``, ``IRMÃ? A``, ``«é»�``)."""
    sequence, (start, end) = match.group(), match.span()
    kept = sequence[1:min(i for i in (sequence.find(LOST_BYTE), sequence.find(b"?")) if i >= 0)]
    if set(kept) & symbol_bytes(wrong) or sequence[0] >= 0xF0 and kept:
        return True  # a four-byte lead and what it keeps (``ðŸ``) is an emoji's, never text
    before, after = ASCII_GAP_BEFORE.search(data, max(0, start - 3), start), ASCII_GAP_AFTER.match(data, end)
    return utf8_ends(data[max(0, before.start() - 4):before.start()]) or utf8_starts(data[after.end():after.end() + 4])


def utf8_ends(data: bytes) -> bool:
    """Whether ``data`` ends with a whole UTF-8 sequence beyond ASCII."""
    return any(len(data) >= n and utf8_char(data[-n:]) for n in (2, 3, 4))


def utf8_starts(data: bytes) -> bool:
    """Whether ``data`` starts with a whole UTF-8 sequence beyond ASCII."""
    return any(utf8_char(data[:n]) for n in (2, 3, 4))


def utf8_char(data: bytes) -> bool:
    """Whether ``data`` is one UTF-8 character beyond ASCII."""
    try:
        return data[:1] >= b"\xc2" and len(data.decode("utf-8")) == 1
    except UnicodeDecodeError:
        return False


@lru_cache(maxsize=None)
def symbol_bytes(wrong: str) -> frozenset:
    """The continuation bytes (0x80-0xBF) that ``wrong`` reads as a symbol no word ends with."""
    return frozenset(b for b in range(0x80, 0xC0) if is_garbling_symbol(bytes([b]).decode(wrong, "replace")))


def is_garbling_symbol(char: str) -> bool:
    return not (char.isalpha() or char.isspace() or char in WORD_CLOSING_MARKS or char in MARKS_AFTER_LETTERS)


def with_lossy_replaced(data: bytes, spans: List[Tuple[int, int]]) -> bytes:
    """``data`` with the lossy sequence at each of ``spans`` replaced by U+FFFD's own bytes."""
    for start, end in reversed(spans):
        data = data[:start] + REPLACEMENT_BYTES + data[end:]
    return data
