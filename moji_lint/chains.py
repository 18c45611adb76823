"""Codec chains: how text gets mis-decoded, and the lenient codecs that real software uses.

A chain ``Chain(true="gbk", wrong="sloppy-cp1252")`` describes GBK bytes that
were decoded as cp1252: ``garble`` does the damage, ``repair`` undoes it. The
table of chains is data (``data/chains.json``), written by
``scripts/generate_tables.py``.
"""
from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Dict, List, Optional, Tuple

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


@dataclass(frozen=True)
class Chain:
    """Text in encoding ``true`` whose bytes were decoded as ``wrong``."""

    true: str
    wrong: str
    label: str

    def garble(self, text: str) -> str:
        return text.encode(self.true).decode(self.wrong)

    def repair(self, garbled: str) -> str:
        """Undo the damage; raises UnicodeError where the text cannot have come from this chain."""
        return garbled.encode(self.wrong).decode(self.true)

    def round_trips(self, garbled: str, repaired: str) -> bool:
        """True when re-encoding the repair gives back the garbled text's bytes exactly."""
        try:
            return repaired.encode(self.true) == garbled.encode(self.wrong)
        except UnicodeError:
            return False


@lru_cache(maxsize=None)
def all_chains() -> Tuple[Chain, ...]:
    """Every chain moji-lint knows, most common first."""
    text = resources.files(__package__).joinpath("data/chains.json").read_text(encoding="utf-8")
    return tuple(Chain(**entry) for entry in json.loads(text))


def chains_from(true: str) -> List[Chain]:
    return [chain for chain in all_chains() if chain.true == true]
