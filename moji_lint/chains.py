"""Codec chains: how text gets mis-decoded, and the lenient codecs that real software uses.

A chain ``Chain(true="gbk", wrong="sloppy-cp1252")`` describes GBK bytes that
were decoded as cp1252: ``garble`` does the damage, ``repair`` undoes it. The
table of chains is data (``data/chains.json``), written by
``scripts/generate_tables.py``.
"""
from __future__ import annotations

import codecs
import json
import re
from functools import lru_cache
from typing import Dict, NamedTuple, Optional, Tuple

from .tables import read_table

SLOPPY_PREFIX = "sloppy-"
C1_CONTROLS = range(0x80, 0xA0)


def _sloppy_tables(base: str) -> Tuple[str, Dict[int, int]]:
    """Decoding table and lenient encoding map for a single-byte code page.

    Bytes the code page leaves undefined decode to the C1 control of the same
    value, as browsers and Windows do. Encoding also accepts every C1 control
    as its own byte, so text mis-read as Latin-1 and as the code page both
    turn back into the same bytes.
    """
    decoding = []
    for byte in range(256):
        try:
            decoding.append(bytes([byte]).decode(base))
        except UnicodeDecodeError:
            decoding.append(chr(byte))
    encoding = {ord(char): byte for byte, char in enumerate(decoding)}
    for byte in C1_CONTROLS:
        encoding.setdefault(byte, byte)
    return "".join(decoding), encoding


def _sloppy_codec(name: str) -> Optional[codecs.CodecInfo]:
    if not name.startswith(SLOPPY_PREFIX.replace("-", "_")):
        return None
    base = name[len(SLOPPY_PREFIX):]
    try:
        codecs.lookup(base)
    except LookupError:
        return None
    decoding_table, encoding_map = _sloppy_tables(base)

    def encode(text, errors="strict"):
        return codecs.charmap_encode(text, errors, encoding_map)

    def decode(data, errors="strict"):
        return codecs.charmap_decode(data, errors, decoding_table)

    return codecs.CodecInfo(encode, decode, name=SLOPPY_PREFIX + base)


codecs.register(_sloppy_codec)

CESU_8 = "cesu-8"
ASTRAL = re.compile("[\U00010000-\U0010ffff]")
CESU_PAIR = re.compile(rb"\xed[\xa0-\xaf][\x80-\xbf]\xed[\xb0-\xbf][\x80-\xbf]")


def _cesu_encode(text: str, errors: str = "strict") -> Tuple[bytes, int]:
    """UTF-8, but a character beyond the BMP as its two UTF-16 surrogates, three bytes each (as Java writes)."""
    parts, pos = [], 0
    for match in ASTRAL.finditer(text):
        parts.append(text[pos:match.start()].encode("utf-8", errors))
        beyond = ord(match.group()) - 0x10000
        parts.append((chr(0xD800 + (beyond >> 10)) + chr(0xDC00 + (beyond & 0x3FF))).encode("utf-8", "surrogatepass"))
        pos = match.end()
    parts.append(text[pos:].encode("utf-8", errors))
    return b"".join(parts), len(text)


def _cesu_decode(data: bytes, errors: str = "strict") -> Tuple[str, int]:
    """UTF-8 with the surrogate pairs of CESU-8 joined into the characters they stand for."""
    data = bytes(data)
    parts, pos = [], 0
    for match in CESU_PAIR.finditer(data):
        parts.append(data[pos:match.start()].decode("utf-8", errors))
        parts.append(match.group().decode("utf-8", "surrogatepass").encode("utf-16-be", "surrogatepass")
                     .decode("utf-16-be"))
        pos = match.end()
    parts.append(data[pos:].decode("utf-8", errors))
    return "".join(parts), len(data)


def _cesu_codec(name: str) -> Optional[codecs.CodecInfo]:
    if name.replace("_", "-") != CESU_8:
        return None
    return codecs.CodecInfo(_cesu_encode, _cesu_decode, name=CESU_8)


codecs.register(_cesu_codec)


class Chain(NamedTuple):
    """Text in encoding ``true`` whose bytes were decoded as ``wrong``."""

    true: str
    wrong: str
    label: str

    @property
    def name(self) -> str:
        """``true>wrong``, as mojibench names a chain."""
        return f"{self.true}>{self.wrong}"

    def garble(self, text: str) -> str:
        return text.encode(self.true).decode(self.wrong)

    def repair(self, garbled: str) -> str:
        """Undo the damage; raises UnicodeError where the text cannot have come from this chain."""
        return garbled.encode(self.wrong).decode(self.true)


@lru_cache(maxsize=None)
def all_chains() -> Tuple[Chain, ...]:
    """Every chain moji-lint knows, most common first."""
    return tuple(Chain(**entry) for entry in json.loads(read_table("chains.json")))
