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
QUOTES = "\"'`"


class Options(NamedTuple):
    """What a check needs to know about one file."""

    codes: FrozenSet[str] = DEFAULT_CODES
    allowed_encodings: Tuple[str, ...] = ()
    source_code: bool = False  # a program's source: repairs inside its string literals are unsafe fixes


@dataclass
class Result:
    document: Document
    findings: List[Finding] = field(default_factory=list)
    ignored_file: bool = False
    options: Options = Options()
    part: bool = False  # lines from inside a UTF-8 file (see ``check_utf8_part``), not a whole file


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
    return replace(run_rules(Document(data, text, "utf-8"), mixed_runs(text), options), part=True)


def run_rules(document: Document, findings: List[Finding], options: Options) -> Result:
    """The encoding ``findings`` and those of every other enabled rule, less the ignored ones.

    The rule engines are imported when a file needs them, so that a run pays
    only for what it uses: mojibake is made of characters beyond ASCII.
    """
    index = LineIndex(document.text)
    duplicates = []
    if "DUP001" in options.codes:
        from .duplicates import find_garbled_duplicates

        duplicates = find_garbled_duplicates(index, options.source_code)
    findings.extend(duplicates)
    if MOJIBAKE_CODES & options.codes and not document.text.isascii():
        from .mojibake import find_mojibake

        copies = [range(f.location.line, f.location.end_line + 1) for f in duplicates]
        mojibake = find_mojibake(index, copies)
        if not is_utf8(document):
            mojibake = [without_fix(f) for f in mojibake]
        elif options.source_code:
            mojibake = [unsafe_in_string_literal(f, index) for f in mojibake]
        findings.extend(mojibake)
    findings = [f for f in findings if f.code in options.codes]
    return Result(document, without_ignored_lines(findings, index), options=options)


def is_utf8(document: Document) -> bool:
    return document.encoding in ("utf-8", "utf-8-sig")


def without_fix(finding: Finding) -> Finding:
    """The finding with no fix: in a file read in a legacy encoding, a repair would rest on a guess."""
    return replace(finding, fix=None)


def unsafe_in_string_literal(finding: Finding, index: LineIndex) -> Finding:
    """The finding with an unsafe fix when it sits inside a string literal of a program's source.

    A string literal is the program's data, and tests keep mojibake on
    purpose (an encoding test's input); a repair there changes what the
    program does, so it is applied only with ``--unsafe-fixes``, as ruff
    treats its fixes that change behaviour. Comments and docstrings are text.
    """
    location = finding.location
    if finding.fix is None or location.line != location.end_line:
        return finding
    line = index.text[index.offset(location.line):index.line_end(location.line)]
    start, end = location.column - 1, location.end_column - 1
    if any(first <= start and end <= last for first, last in quoted_spans(line)):
        return replace(finding, fix=replace(finding.fix, safe=False))
    return finding


def quoted_spans(line: str) -> List[Tuple[int, int]]:
    """The spans of ``line`` between a quote and the same quote closing it (``'...'``, ``"..."``, `` `...` ``).

    Backslash escapes are skipped; a quote left open at the end of the line
    (a multi-line string, an apostrophe in a comment) encloses nothing.
    """
    spans, quote, opened, pos = [], "", 0, 0
    while pos < len(line):
        char = line[pos]
        if char == "\\":
            pos += 1
        elif quote and char == quote:
            spans.append((opened, pos))
            quote = ""
        elif not quote and char in QUOTES:
            quote, opened = char, pos + 1
        pos += 1
    return spans


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
