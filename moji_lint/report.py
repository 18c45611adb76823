"""Reporting: findings as text, JSON, CI annotations, SARIF, GitLab Code Quality or JUnit XML."""
from __future__ import annotations

import codecs
import json
import os
import re
from collections import Counter
from contextlib import suppress
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Dict, Iterable, List, Sequence, TextIO, Tuple

from . import __version__
from .findings import Finding, Location
from .rules import RULES, RULES_BY_CODE, Rule

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

INFORMATION_URI = "https://github.com/moji-lint/moji-lint"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def location_dict(location: Location) -> Dict[str, int]:
    return {
        "line": location.line,
        "column": location.column,
        "end_line": location.end_line,
        "end_column": location.end_column,
    }


def finding_dict(finding: Finding) -> Dict[str, object]:
    data: Dict[str, object] = {
        "path": finding.path,
        **location_dict(finding.location),
        "code": finding.code,
        "name": RULES_BY_CODE[finding.code].name,
        "message": finding.message,
        "fixable": finding.fixable,
    }
    if finding.encoding:
        data["encoding"] = finding.encoding
    if finding.related:
        data["related"] = [location_dict(r) for r in finding.related]
    return data


def text_line(finding: Finding) -> str:
    """``path:line:col: CODE [*] message``, where ``[*]`` marks a safe fix."""
    loc = finding.location
    return f"{finding.path}:{loc.line}:{loc.column}: {finding.code} {'[*] ' if finding.fixable else ''}{finding.message}"


def format_text(findings: Sequence[Finding]) -> str:
    return "".join(text_line(f) + "\n" for f in findings)


def summary(findings: Sequence[Finding]) -> str:
    if not findings:
        return "All checks passed!\n"
    fixable = sum(f.fixable for f in findings)
    unsafe = sum(f.fix is not None and not f.fix.safe for f in findings)
    noun = "finding" if len(findings) == 1 else "findings"
    more = f"; {unsafe} more with --unsafe-fixes" if unsafe else ""
    return f"Found {len(findings)} {noun} ({fixable} fixable with --fix{more}).\n"


def format_json(findings: Sequence[Finding]) -> str:
    return json.dumps([finding_dict(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


def format_json_lines(findings: Sequence[Finding]) -> str:
    return "".join(json.dumps(finding_dict(f), ensure_ascii=False) + "\n" for f in findings)


def statistics(findings: Sequence[Finding]) -> str:
    counts = Counter(f.code for f in findings)
    fixable = Counter(f.code for f in findings if f.fixable)
    return "".join(
        f"{count:6d}\t{code}\t{RULES_BY_CODE[code].name}\t{'[*] ' if fixable[code] else ''}\n"
        for code, count in counts.most_common()
    )


def repository_path(path: str) -> str:
    """``path`` with forward slashes and no ``./``, relative to the working directory when inside it."""
    path = os.path.normpath(path)
    if os.path.isabs(path):
        with suppress(ValueError):  # on Windows, a path on another drive has no relative form
            relative = os.path.relpath(path)
            if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
                path = relative
    return path.replace(os.sep, "/")


def fingerprints(findings: Sequence[Finding]) -> List[str]:
    """A stable hash per finding, from its path, code, message and rank among identical findings.

    The line number is left out so that a finding keeps its fingerprint when
    lines are added above it.
    """
    import hashlib  # here, not at the top, as the other imports of single formats: a hook pays for what it uses

    seen: Counter = Counter()
    hashes = []
    for finding in findings:
        key = (repository_path(finding.path), finding.code, finding.message)
        seen[key] += 1
        text = "\0".join((*key, str(seen[key])))
        hashes.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return hashes


# GitHub workflow commands -------------------------------------------------------------------------


def escape_command_data(text: str) -> str:
    """Escape a workflow command's message as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_command_property(text: str) -> str:
    """Escape a workflow command's property value as GitHub's toolkit does."""
    return escape_command_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Finding) -> str:
    rule = RULES_BY_CODE[finding.code]
    loc = finding.location
    properties = {"file": repository_path(finding.path), "line": loc.line}
    if loc.line == loc.end_line:  # GitHub accepts columns only on a single-line span
        properties.update(col=loc.column, endLine=loc.end_line, endColumn=loc.end_column)
    else:
        properties.update(endLine=loc.end_line)
    properties["title"] = f"{rule.code} {rule.name}"
    fields = ",".join(f"{key}={escape_command_property(str(value))}" for key, value in properties.items())
    return f"::{rule.level} {fields}::{escape_command_data(finding.message)}\n"


def format_github(findings: Sequence[Finding]) -> str:
    return "".join(github_annotation(f) for f in findings)


# SARIF 2.1.0 -------------------------------------------------------------------------------------


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative with forward slashes, or a file URI when outside."""
    from pathlib import Path
    from urllib.parse import quote

    path = repository_path(path)
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(os.fsencode(path), safe="/")


def sarif_region(location: Location) -> Dict[str, int]:
    return {
        "startLine": location.line,
        "startColumn": location.column,
        "endLine": location.end_line,
        "endColumn": location.end_column,
    }


def sarif_rule(rule: Rule) -> Dict[str, object]:
    doc = rule.doc()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.headline},
        "fullDescription": {"text": rule.summary},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": rule.level},
    }


def sarif_location(uri: str, location: Location, **extra: object) -> Dict[str, object]:
    return {
        **extra,
        "physicalLocation": {"artifactLocation": {"uri": uri}, "region": sarif_region(location)},
    }


def lines_label(location: Location) -> str:
    if location.line == location.end_line:
        return f"line {location.line}"
    return f"lines {location.line}-{location.end_line}"


def sarif_message(finding: Finding) -> str:
    """The finding's message, linking to its related locations as SARIF embedded links ``[text](id)``."""
    if not finding.related:
        return finding.message
    links = ", ".join(f"[{lines_label(r)}]({number})" for number, r in enumerate(finding.related, 1))
    return f"{finding.message} (see {links})"


def sarif_result(finding: Finding, fingerprint: str, rule_index: Dict[str, int]) -> Dict[str, object]:
    rule = RULES_BY_CODE[finding.code]
    uri = artifact_uri(finding.path)
    result: Dict[str, object] = {
        "ruleId": rule.code,
        "ruleIndex": rule_index[rule.code],
        "level": rule.level,
        "message": {"text": sarif_message(finding)},
        "locations": [sarif_location(uri, finding.location)],
        "partialFingerprints": {"mojiLint/v1": fingerprint},
    }
    if finding.related:
        result["relatedLocations"] = [
            sarif_location(uri, related, id=number, message={"text": lines_label(related)})
            for number, related in enumerate(finding.related, 1)
        ]
    return result


def sarif_log(findings: Sequence[Finding]) -> Dict[str, object]:
    rule_index = {rule.code: index for index, rule in enumerate(RULES)}
    driver = {
        "name": "moji-lint",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [sarif_rule(rule) for rule in RULES],
    }
    results = [sarif_result(f, p, rule_index) for f, p in zip(findings, fingerprints(findings))]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
    }


def format_sarif(findings: Sequence[Finding]) -> str:
    return json.dumps(sarif_log(findings), ensure_ascii=False, indent=2) + "\n"


# GitLab Code Quality -----------------------------------------------------------------------------


def gitlab_issue(finding: Finding, fingerprint: str) -> Dict[str, object]:
    rule = RULES_BY_CODE[finding.code]
    loc = finding.location
    return {
        "description": f"{rule.code} {rule.name}: {finding.message}",
        "check_name": rule.code,
        "fingerprint": fingerprint,
        "severity": GITLAB_SEVERITY[rule.level],
        "location": {"path": repository_path(finding.path), "lines": {"begin": loc.line, "end": loc.end_line}},
    }


def format_gitlab(findings: Sequence[Finding]) -> str:
    issues = [gitlab_issue(f, p) for f, p in zip(findings, fingerprints(findings))]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


# JUnit XML ---------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def xml_invalid() -> "re.Pattern[str]":
    """The characters XML 1.0 cannot hold (compiled on first use: the pattern is slow to compile)."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold, even escaped, written as ``\\xNN`` or ``\\uNNNN``."""
    return xml_invalid().sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def junit_finding_case(finding: Finding) -> ET.Element:
    import xml.etree.ElementTree as ET

    rule = RULES_BY_CODE[finding.code]
    loc = finding.location
    case = junit_case(finding.path, f"{rule.code} {rule.name} at line {loc.line}, column {loc.column}")
    case.set("line", str(loc.line))
    failure = ET.SubElement(case, "failure", type=rule.code, message=xml_text(finding.message))
    failure.text = xml_text(text_line(finding))
    return case


def junit_case(path: str, name: str) -> ET.Element:
    import xml.etree.ElementTree as ET

    path = xml_text(repository_path(path))
    return ET.Element("testcase", classname=path, name=xml_text(name), file=path)


def junit_cases(findings: Sequence[Finding], checked: Iterable[str]) -> List[ET.Element]:
    """The files in order, each with a failing case per finding or, when clean, one passing case."""
    by_path: Dict[str, List[Finding]] = {path: [] for path in checked}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    cases = []
    for path, file_findings in by_path.items():
        cases.extend(junit_finding_case(f) for f in file_findings)
        if not file_findings:
            cases.append(junit_case(path, repository_path(path)))
    return cases


def format_junit(findings: Sequence[Finding], checked: Iterable[str] = ()) -> str:
    """One test suite: a failing test case per finding and a passing one per clean file of ``checked``."""
    import xml.etree.ElementTree as ET

    cases = junit_cases(findings, checked)
    counts = {"tests": str(len(cases)), "failures": str(len(findings)), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", name="moji-lint", **counts)
    suite = ET.SubElement(root, "testsuite", name="moji-lint", **counts)
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


Formatter = Callable[[Sequence[Finding]], str]

FORMATTERS: Dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "json-lines": format_json_lines,
    "github": format_github,
    "sarif": format_sarif,
    "gitlab": format_gitlab,
    "junit": format_junit,
}


def render(format_name: str, findings: Sequence[Finding], checked: Iterable[str] = ()) -> str:
    """The report in ``format_name``; JUnit also lists the ``checked`` files that passed."""
    if format_name == "junit":
        return format_junit(findings, checked)
    return FORMATTERS[format_name](findings)


# Writing -----------------------------------------------------------------------------------------


def escape_as_utf16(error: UnicodeError) -> Tuple[str, int]:
    """A codec error handler writing each character it cannot encode as ``\\uXXXX`` UTF-16 escapes.

    Unlike ``backslashreplace`` (``\\xe9``, ``\\U0001f600``), these are JSON escapes
    too: a JSON report written through it still reads back the same.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    units = error.object[error.start:error.end].encode("utf-16-be", "surrogatepass")
    escaped = "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))
    return escaped, error.end


codecs.register_error("moji-lint-escape", escape_as_utf16)


def write_safely(stream: TextIO, text: str) -> None:
    """Write ``text``, escaping what the stream's encoding cannot encode as ``\\uXXXX``."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text = text.encode(encoding, "moji-lint-escape").decode(encoding)
    except LookupError:
        text = text.encode("ascii", "moji-lint-escape").decode("ascii")
    stream.write(text)
