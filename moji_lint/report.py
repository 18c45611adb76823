"""Reporting: print findings as text or in machine formats."""
from __future__ import annotations

import json
from collections import Counter
from typing import Dict, List

from .findings import Finding
from .rules import RULES_BY_CODE


def finding_dict(finding: Finding) -> Dict[str, object]:
    loc = finding.location
    data: Dict[str, object] = {
        "path": finding.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "code": finding.code,
        "name": RULES_BY_CODE[finding.code].name,
        "message": finding.message,
        "fixable": finding.fixable,
    }
    if finding.encoding:
        data["encoding"] = finding.encoding
    if finding.related:
        data["related"] = [
            {"line": r.line, "column": r.column, "end_line": r.end_line, "end_column": r.end_column}
            for r in finding.related
        ]
    return data


def format_text(findings: List[Finding]) -> str:
    lines = [
        f"{f.path}:{f.location.line}:{f.location.column}: {f.code} {'[*] ' if f.fixable else ''}{f.message}"
        for f in findings
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def summary(findings: List[Finding]) -> str:
    if not findings:
        return "All checks passed!\n"
    fixable = sum(f.fixable for f in findings)
    noun = "finding" if len(findings) == 1 else "findings"
    return f"Found {len(findings)} {noun} ({fixable} fixable with --fix).\n"


def format_json(findings: List[Finding]) -> str:
    return json.dumps([finding_dict(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


def format_json_lines(findings: List[Finding]) -> str:
    return "".join(json.dumps(finding_dict(f), ensure_ascii=False) + "\n" for f in findings)


def statistics(findings: List[Finding]) -> str:
    counts = Counter(f.code for f in findings)
    fixable = Counter(f.code for f in findings if f.fixable)
    return "".join(
        f"{count:6d}\t{code}\t{RULES_BY_CODE[code].name}\t{'[*] ' if fixable[code] else ''}\n"
        for code, count in counts.most_common()
    )


FORMATTERS = {
    "text": format_text,
    "json": format_json,
    "json-lines": format_json_lines,
}


def write_safely(stream, text: str) -> None:
    """Write ``text``, backslash-escaping what the stream's encoding cannot represent."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding, "replace"))
