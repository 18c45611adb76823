"""Fixes: apply findings' edits to a document, and write files atomically."""
from __future__ import annotations

import os
import stat
import tempfile
from typing import Iterable, List, Optional

from .encodings import Document, encode_text
from .findings import Edit, Finding


def applicable(findings: Iterable[Finding], unsafe: bool) -> List[Finding]:
    """The findings whose fix may be applied: safe ones, and unsafe ones when asked for."""
    return [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]


def non_overlapping_edits(findings: Iterable[Finding]) -> List[Edit]:
    """Each finding's edits, all or none, skipping a finding whose edits overlap one taken before."""
    taken: List[Edit] = []
    for finding in findings:
        edits = finding.fix.edits
        if all(e.end <= t.start or e.start >= t.end for e in edits for t in taken):
            taken.extend(edits)
    return sorted(taken, key=lambda e: e.start)


def apply_edits(text: str, edits: List[Edit]) -> str:
    """``text`` with non-overlapping, sorted ``edits`` applied."""
    parts, pos = [], 0
    for edit in edits:
        parts.append(text[pos:edit.start])
        parts.append(edit.new)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def fixed_bytes(document: Document, findings: Iterable[Finding], unsafe: bool = False) -> bytes:
    """The file's bytes after applying the fixes of ``findings`` (the original bytes when none apply).

    Findings earlier in the list win over later ones whose edits overlap. Text
    edits on a file that stays in a legacy encoding are applied only where the
    result encodes back exactly in that encoding.
    """
    chosen = applicable(findings, unsafe)
    if not chosen:
        return document.data
    transcode = any(f.fix.transcode for f in chosen)
    encoding = "utf-8" if transcode else document.encoding
    text = apply_edits(document.text, non_overlapping_edits(chosen))
    if encoding not in ("utf-8", "utf-8-sig") and encode_text(document.text, encoding) != document.data:
        return document.data
    try:
        return encode_text(text, encoding)
    except UnicodeError:
        return document.data


class FileChanged(Exception):
    """The file changed on disk after it was read: it is not written."""


def write_atomic(path: str, data: bytes, original: Optional[bytes] = None) -> None:
    """Replace ``path`` with ``data`` in one step, keeping its permission bits.

    The new bytes go to a temporary file in the same folder, are flushed and
    fsynced, then renamed over the original. With ``original``, raise
    ``FileChanged`` instead of writing when the file no longer holds those bytes.
    """
    if original is not None:
        with open(path, "rb") as f:
            if f.read() != original:
                raise FileChanged(path)
    mode = stat.S_IMODE(os.stat(path).st_mode)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".moji-lint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
