"""Fixes: apply findings' edits to a document, and write files atomically."""
from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from contextlib import suppress
from typing import Iterable, List, Optional, Sequence, Tuple

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
    result encodes back exactly in that encoding, and not at all when that
    encoding is only a guess (its transcoding is left out as unsafe).
    """
    findings = list(findings)
    chosen = applicable(findings, unsafe)
    if not chosen:
        return document.data
    transcode = any(f.fix.transcode for f in chosen)
    encoding = "utf-8" if transcode else document.encoding
    if encoding not in ("utf-8", "utf-8-sig") and (
        any(f.fix is not None and f.fix.transcode for f in findings) or not encodes_back(document)
    ):
        return document.data
    text = apply_edits(document.text, non_overlapping_edits(chosen))
    try:
        return encode_text(text, encoding)
    except UnicodeError:
        return document.data


Span = Tuple[int, int]


def touches(edits: Sequence[Edit], spans: Sequence[Span]) -> bool:
    """Whether one of the sorted ``edits`` changes text in one of the sorted, disjoint ``spans`` (an insertion: in
    one, not at its edge), or replaces text across an empty one."""
    starts = [start for start, _ in spans]
    for edit in edits:
        k = bisect.bisect_left(starts, max(edit.end, edit.start + 1)) - 1  # the last span starting before its end
        if k >= 0 and spans[k][1] > edit.start and (edit.end > edit.start or spans[k][0] < edit.start):
            return True
    return False


def spans_after(spans: Sequence[Span], edits: Sequence[Edit]) -> List[Span]:
    """Where the sorted ``spans`` of a text stand once the sorted ``edits``, none inside them, are made; with the
    spans the edits write."""
    ends, shifts, written, shift = [], [], [], 0
    for edit in edits:
        written.append((edit.start + shift, edit.start + shift + len(edit.new)))
        shift += len(edit.new) - (edit.end - edit.start)
        ends.append(edit.end)
        shifts.append(shift)

    def moved(pos: int) -> int:
        k = bisect.bisect_right(ends, pos)
        return pos + (shifts[k - 1] if k else 0)

    return sorted([(moved(start), moved(end)) for start, end in spans] + written)


def encodes_back(document: Document) -> bool:
    """Whether the document's text encodes back to its bytes in its encoding (bytes that did not decode do not)."""
    try:
        return encode_text(document.text, document.encoding) == document.data
    except UnicodeError:
        return False


class FileChanged(Exception):
    """The file changed on disk after it was read: it is not written."""


TEMPORARY = re.compile(r"\.moji-lint-(\d+)-[A-Za-z0-9_]+\.tmp\Z")


def temporary_prefix() -> str:
    """The name prefix of this process's temporary files; the process id tells whether one is stale."""
    return f".moji-lint-{os.getpid()}-"


def is_temporary(name: str) -> bool:
    """True for the name of a temporary file that ``write_atomic`` makes."""
    return TEMPORARY.match(name) is not None


def write_atomic(path: str, data: bytes, original: Optional[bytes] = None) -> None:
    """Replace the file at ``path`` (through a symlink) with ``data`` in one step, keeping its mode and owner.

    The new bytes go to a temporary file in the same folder, are flushed and
    fsynced, then renamed over the original. With ``original``, raise
    ``FileChanged`` instead of writing when the file holds neither those bytes
    nor ``data`` already.
    """
    path = os.path.realpath(path)
    if original is not None:
        with open(path, "rb") as f:
            current = f.read()
        if current == data:
            return
        if current != original:
            raise FileChanged(path)
    replace_atomically(path, [data])


def replace_atomically(path: str, chunks: Iterable[bytes]) -> None:
    """Replace the file at the real ``path`` with the bytes of ``chunks``, written to a temporary file first.

    An exception from ``chunks`` (``FileChanged``, say) leaves the file as it was. A file we may
    not write is not replaced either, though the rename would be allowed.
    """
    info = os.stat(path)
    if not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
    import tempfile  # only when a file is written: a check-only run does not pay for it

    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=temporary_prefix(), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        keep_owner_and_mode(tmp, info)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(folder)


def keep_owner_and_mode(path: str, info: os.stat_result) -> None:
    """Give ``path`` the permission bits of ``info``, and its owner where we may."""
    with suppress(OSError):
        if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            os.chown(path, info.st_uid, info.st_gid)
    os.chmod(path, stat.S_IMODE(info.st_mode))


def fsync_folder(folder: str) -> None:
    """Make a rename in ``folder`` durable; a no-op where folders cannot be opened."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temporaries(folder: str, before: float) -> List[str]:
    """Delete the temporary files a killed run left in ``folder``; return their paths.

    Only files named as ``write_atomic`` names them, last modified before
    ``before`` (the start of this run) and made by a process that is gone.
    """
    removed = []
    with suppress(OSError), os.scandir(folder or ".") as entries:
        for entry in entries:
            match = TEMPORARY.match(entry.name)
            if match and is_stale(entry, int(match.group(1)), before):
                with suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(entry.path)
    return removed


def is_stale(entry: os.DirEntry, pid: int, before: float) -> bool:
    try:
        if not entry.is_file(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_mtime >= before:
            return False
    except OSError:
        return False
    return not process_exists(pid)


def process_exists(pid: int) -> bool:
    """True when process ``pid`` runs; on Windows, where os.kill would end it, False (age alone decides)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True
