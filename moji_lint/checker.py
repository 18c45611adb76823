"""Run the rules on one file's bytes: decode, find, filter by config and inline comments."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import FrozenSet, List, NamedTuple, Tuple

from .encodings import Document, mixed_runs, read_document
from .findings import Finding, LineIndex
from .rules import enabled_codes

IGNORE_COMMENT = re.compile(r"moji-lint:\s*ignore(?!-file)(?:\[([A-Za-z0-9_,\s-]*)\])?")
IGNORE_FILE_COMMENT = "moji-lint: ignore-file"
IGNORE_FILE_HEAD = 2048  # characters near the top of a file where ignore-file counts

DEFAULT_CODES = frozenset(enabled_codes(None, (), ()))
MOJIBAKE_CODES = frozenset({"MOJ001", "MOJ002"})


class Options(NamedTuple):
    """What a check needs to know about one file."""

    codes: FrozenSet[str] = DEFAULT_CODES
    allowed_encodings: Tuple[str, ...] = ()


@dataclass
class Result:
    document: Document
    findings: List[Finding] = field(default_factory=list)
    ignored_file: bool = False
    options: Options = Options()


def check_document(data: bytes, options: Options = Options()) -> Result:
    """Decode ``data`` and run every enabled rule on it."""
    document, findings = read_document(data, options.allowed_encodings)
    if IGNORE_FILE_COMMENT in document.text[:IGNORE_FILE_HEAD]:
        return Result(document, [], ignored_file=True, options=options)
    return run_rules(document, findings, options)


def check_utf8_part(data: bytes, options: Options = Options()) -> Result:
    """Like ``check_document``, for lines from inside a file already read as UTF-8 (a part of a large file).

    The part is not judged on its own: its bytes that are not UTF-8 are runs
    in a UTF-8 file (ENC002), a U+FEFF at its start is not a BOM, and an
    ignore-file comment counts only at the top of the file.
    """
    text = data.decode("utf-8", "surrogateescape")
    return run_rules(Document(data, text, "utf-8"), mixed_runs(text), options)


def run_rules(document: Document, findings: List[Finding], options: Options) -> Result:
    """The encoding ``findings`` and those of every other enabled rule, less the ignored ones.

    The rule engines are imported when a file needs them, so that a run pays
    only for what it uses: mojibake is made of characters beyond ASCII.
    """
    index = LineIndex(document.text)
    duplicates = []
    if "DUP001" in options.codes:
        from .duplicates import find_garbled_duplicates

        duplicates = find_garbled_duplicates(index)
    findings.extend(duplicates)
    if MOJIBAKE_CODES & options.codes and not document.text.isascii():
        from .mojibake import find_mojibake

        copies = [range(f.location.line, f.location.end_line + 1) for f in duplicates]
        mojibake = find_mojibake(index, copies)
        findings.extend(mojibake if is_utf8(document) else [without_fix(f) for f in mojibake])
    findings = [f for f in findings if f.code in options.codes]
    return Result(document, without_ignored_lines(findings, index), options=options)


def is_utf8(document: Document) -> bool:
    return document.encoding in ("utf-8", "utf-8-sig")


def without_fix(finding: Finding) -> Finding:
    """The finding with no fix: in a file read in a legacy encoding, a repair would rest on a guess."""
    return replace(finding, fix=None)


def ignored_codes(line: str):
    """None when the line has no ignore comment; else the codes it ignores (empty: all)."""
    match = IGNORE_COMMENT.search(line)
    if not match:
        return None
    return {c.strip().upper() for c in (match.group(1) or "").split(",") if c.strip()}


def without_ignored_lines(findings: List[Finding], index: LineIndex) -> List[Finding]:
    kept = []
    for finding in findings:
        start = index.offset(finding.location.line)
        codes = ignored_codes(index.text[start:index.line_end(finding.location.line)])
        if codes is None or (codes and finding.code not in codes):
            kept.append(finding)
    return kept
