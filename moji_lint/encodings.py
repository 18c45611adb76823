"""Bytes and encodings: decode a file's bytes, and find files and runs that are not UTF-8."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence, Tuple

from .findings import Finding

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Document:
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


def read_document(data: bytes, allowed: Sequence[str] = ()) -> Tuple[Document, List[Finding]]:
    """Decode ``data`` and report what is wrong with its encoding.

    ``allowed`` names encodings the file may use (from config or .editorconfig).
    """
    if data.startswith(UTF8_BOM):
        return Document(data, data[3:].decode("utf-8", "surrogateescape"), "utf-8-sig"), []
    return Document(data, data.decode("utf-8", "surrogateescape"), "utf-8"), []


def looks_binary(data: bytes) -> bool:
    """True for files that are not text: NUL bytes outside a UTF-16/32 pattern."""
    return b"\0" in data[:8192]
