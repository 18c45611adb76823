"""Every report format, on a fixed list of findings, to the exact byte."""
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from moji_lint import __version__
from moji_lint.findings import Edit, Finding, Fix, Location
from moji_lint.report import (
    FORMATTERS,
    artifact_uri,
    fingerprints,
    format_github,
    format_gitlab,
    format_json,
    format_json_lines,
    format_junit,
    format_sarif,
    format_text,
    render,
    repository_path,
    summary,
    write_safely,
)
from moji_lint.rules import RULES

REPO = Path(__file__).resolve().parents[1]

FINDINGS = [
    Finding(
        "ENC001",
        Location(1, 1, 3, 5),
        "not UTF-8: GB18030 (certain: two signals agree)",
        Fix(transcode=True),
        encoding="gb18030",
        path="legacy/notice.txt",
    ),
    Finding(
        "MOJ001",
        Location(2, 9, 2, 14),
        'UTF-8 decoded as cp1252: "Ã©tÃ©" -> "été", 100% sure',
        Fix((Edit(10, 15, "été"),), safe=False),
        path="docs/a, b:c.md",
    ),
    Finding(
        "DUP001",
        Location(4, 1, 6, 8),
        "lines 4-6 are a garbled copy of line 1",
        Fix((Edit(20, 60, ""),)),
        related=(Location(1, 1, 1, 12),),
        path="docs/a, b:c.md",
    ),
    Finding("ENC003", Location(1, 1, 1, 2), "UTF-8 byte order mark\r\nat the start", Fix((Edit(0, 1, ""),)), path="bom.txt"),
]
CHECKED = ["bom.txt", "clean.txt", "docs/a, b:c.md", "legacy/notice.txt"]
FINGERPRINTS = [
    "ab301d613f7c4491b7b4fc85951f9ac8e7cd31f53f0cd4efeaedf182dfd650dc",
    "2ee2e227b2915b2bc6aa66b59468d02092e2949315a4182062765d4f0d5b3ff5",
    "54f071ab5ab59af128a797421bc785927dd07f24ade70e6ce51fe9bef8920d50",
    "be22915c2781af44d964504b14ddcb0bf638960d106d1cb7d244c764e7807856",
]


def test_text():
    assert format_text(FINDINGS) == (
        "legacy/notice.txt:1:1: ENC001 [*] not UTF-8: GB18030 (certain: two signals agree)\n"
        'docs/a, b:c.md:2:9: MOJ001 UTF-8 decoded as cp1252: "Ã©tÃ©" -> "été", 100% sure\n'
        "docs/a, b:c.md:4:1: DUP001 [*] lines 4-6 are a garbled copy of line 1\n"
        "bom.txt:1:1: ENC003 [*] UTF-8 byte order mark\r\nat the start\n"
    )
    assert format_text([]) == ""


def test_summary():
    assert summary(FINDINGS) == "Found 4 findings (3 fixable with --fix; 1 more with --unsafe-fixes).\n"
    assert summary(FINDINGS[1:2]) == "Found 1 finding (0 fixable with --fix; 1 more with --unsafe-fixes).\n"
    assert summary([]) == "All checks passed!\n"


def test_json():
    assert json.loads(format_json(FINDINGS)) == [
        {
            "path": "legacy/notice.txt", "line": 1, "column": 1, "end_line": 3, "end_column": 5,
            "code": "ENC001", "name": "not-utf8", "message": "not UTF-8: GB18030 (certain: two signals agree)",
            "fixable": True, "encoding": "gb18030",
        },
        {
            "path": "docs/a, b:c.md", "line": 2, "column": 9, "end_line": 2, "end_column": 14,
            "code": "MOJ001", "name": "mojibake", "message": 'UTF-8 decoded as cp1252: "Ã©tÃ©" -> "été", 100% sure',
            "fixable": False,
        },
        {
            "path": "docs/a, b:c.md", "line": 4, "column": 1, "end_line": 6, "end_column": 8,
            "code": "DUP001", "name": "garbled-duplicate", "message": "lines 4-6 are a garbled copy of line 1",
            "fixable": True, "related": [{"line": 1, "column": 1, "end_line": 1, "end_column": 12}],
        },
        {
            "path": "bom.txt", "line": 1, "column": 1, "end_line": 1, "end_column": 2,
            "code": "ENC003", "name": "utf8-bom", "message": "UTF-8 byte order mark\r\nat the start",
            "fixable": True,
        },
    ]
    assert "été" in format_json(FINDINGS), "non-ASCII text is written as is"
    assert format_json([]) == "[]\n"


def test_json_lines():
    lines = format_json_lines(FINDINGS).splitlines()
    assert [json.loads(line) for line in lines] == json.loads(format_json(FINDINGS))
    assert lines[1] == (
        '{"path": "docs/a, b:c.md", "line": 2, "column": 9, "end_line": 2, "end_column": 14, '
        '"code": "MOJ001", "name": "mojibake", "message": "UTF-8 decoded as cp1252: \\"Ã©tÃ©\\" -> \\"été\\", '
        '100% sure", "fixable": false}'
    )


def test_github_annotations_escape_data_and_properties():
    assert format_github(FINDINGS) == (
        "::error file=legacy/notice.txt,line=1,endLine=3,title=ENC001 not-utf8::"
        "not UTF-8: GB18030 (certain: two signals agree)\n"
        "::error file=docs/a%2C b%3Ac.md,line=2,col=9,endLine=2,endColumn=14,title=MOJ001 mojibake::"
        'UTF-8 decoded as cp1252: "Ã©tÃ©" -> "été", 100%25 sure\n'
        "::error file=docs/a%2C b%3Ac.md,line=4,endLine=6,title=DUP001 garbled-duplicate::"
        "lines 4-6 are a garbled copy of line 1\n"
        "::warning file=bom.txt,line=1,col=1,endLine=1,endColumn=2,title=ENC003 utf8-bom::"
        "UTF-8 byte order mark%0D%0Aat the start\n"
    )


def test_gitlab_code_quality():
    assert json.loads(format_gitlab(FINDINGS)) == [
        {
            "description": "ENC001 not-utf8: not UTF-8: GB18030 (certain: two signals agree)",
            "check_name": "ENC001",
            "fingerprint": FINGERPRINTS[0],
            "severity": "major",
            "location": {"path": "legacy/notice.txt", "lines": {"begin": 1, "end": 3}},
        },
        {
            "description": 'MOJ001 mojibake: UTF-8 decoded as cp1252: "Ã©tÃ©" -> "été", 100% sure',
            "check_name": "MOJ001",
            "fingerprint": FINGERPRINTS[1],
            "severity": "major",
            "location": {"path": "docs/a, b:c.md", "lines": {"begin": 2, "end": 2}},
        },
        {
            "description": "DUP001 garbled-duplicate: lines 4-6 are a garbled copy of line 1",
            "check_name": "DUP001",
            "fingerprint": FINGERPRINTS[2],
            "severity": "major",
            "location": {"path": "docs/a, b:c.md", "lines": {"begin": 4, "end": 6}},
        },
        {
            "description": "ENC003 utf8-bom: UTF-8 byte order mark\r\nat the start",
            "check_name": "ENC003",
            "fingerprint": FINGERPRINTS[3],
            "severity": "minor",
            "location": {"path": "bom.txt", "lines": {"begin": 1, "end": 1}},
        },
    ]


def test_fingerprints_ignore_line_numbers_and_tell_identical_findings_apart():
    moved = [Finding(f.code, Location(f.line + 10, 1, f.line + 10, 2), f.message, path=f.path) for f in FINDINGS]
    assert fingerprints(moved) == FINGERPRINTS
    twice = fingerprints([FINDINGS[1], FINDINGS[1]])
    assert twice[0] == FINGERPRINTS[1] and twice[1] != twice[0]
    assert fingerprints([Finding(f.code, f.location, f.message, path="./" + f.path) for f in FINDINGS]) == FINGERPRINTS


def test_sarif_results():
    run = json.loads(format_sarif(FINDINGS))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["results"] == [
        {
            "ruleId": "ENC001",
            "ruleIndex": 0,
            "level": "error",
            "message": {"text": "not UTF-8: GB18030 (certain: two signals agree)"},
            "locations": [sarif_location("legacy/notice.txt", 1, 1, 3, 5)],
            "partialFingerprints": {"mojiLint/v1": FINGERPRINTS[0]},
        },
        {
            "ruleId": "MOJ001",
            "ruleIndex": 3,
            "level": "error",
            "message": {"text": 'UTF-8 decoded as cp1252: "Ã©tÃ©" -> "été", 100% sure'},
            "locations": [sarif_location("docs/a%2C%20b%3Ac.md", 2, 9, 2, 14)],
            "partialFingerprints": {"mojiLint/v1": FINGERPRINTS[1]},
        },
        {
            "ruleId": "DUP001",
            "ruleIndex": 5,
            "level": "error",
            "message": {"text": "lines 4-6 are a garbled copy of line 1 (see [line 1](1))"},
            "locations": [sarif_location("docs/a%2C%20b%3Ac.md", 4, 1, 6, 8)],
            "partialFingerprints": {"mojiLint/v1": FINGERPRINTS[2]},
            "relatedLocations": [
                {"id": 1, "message": {"text": "line 1"}, **sarif_location("docs/a%2C%20b%3Ac.md", 1, 1, 1, 12)}
            ],
        },
        {
            "ruleId": "ENC003",
            "ruleIndex": 2,
            "level": "warning",
            "message": {"text": "UTF-8 byte order mark\r\nat the start"},
            "locations": [sarif_location("bom.txt", 1, 1, 1, 2)],
            "partialFingerprints": {"mojiLint/v1": FINGERPRINTS[3]},
        },
    ]


def sarif_location(uri, line, column, end_line, end_column):
    region = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    return {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}


def test_sarif_driver_describes_every_rule():
    log = json.loads(format_sarif([]))
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("moji-lint", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    for described, rule in zip(driver["rules"], RULES):
        assert described["name"] == rule.name
        assert described["shortDescription"] == {"text": rule.headline}
        assert described["fullDescription"] == {"text": rule.summary}
        assert described["help"] == {"text": rule.doc(), "markdown": rule.doc()}
        assert described["defaultConfiguration"] == {"level": rule.level}
    assert log["runs"][0]["results"] == []


@pytest.fixture
def sarif_validator(shared):
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = shared / "bench" / "sarif" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip(f"{schema_path} is not present")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


@pytest.mark.parametrize("findings", [FINDINGS, []], ids=["findings", "clean"])
def test_sarif_validates_against_the_schema(sarif_validator, findings):
    errors = [error.message for error in sarif_validator.iter_errors(json.loads(format_sarif(findings)))]
    assert errors == []


def test_sarif_schema_rejects_a_broken_log(sarif_validator):
    log = json.loads(format_sarif(FINDINGS))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not sarif_validator.is_valid(log)


def test_junit():
    assert format_junit(FINDINGS, CHECKED) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="moji-lint" tests="5" failures="4" errors="0" skipped="0">\n'
        '  <testsuite name="moji-lint" tests="5" failures="4" errors="0" skipped="0">\n'
        '    <testcase classname="bom.txt" name="ENC003 utf8-bom at line 1, column 1" file="bom.txt" line="1">\n'
        '      <failure type="ENC003" message="UTF-8 byte order mark&#13;&#10;at the start">'
        "bom.txt:1:1: ENC003 [*] UTF-8 byte order mark\r\nat the start</failure>\n"
        "    </testcase>\n"
        '    <testcase classname="clean.txt" name="clean.txt" file="clean.txt" />\n'
        '    <testcase classname="docs/a, b:c.md" name="MOJ001 mojibake at line 2, column 9" file="docs/a, b:c.md" line="2">\n'
        '      <failure type="MOJ001" message="UTF-8 decoded as cp1252: &quot;Ã©tÃ©&quot; -&gt; &quot;été&quot;, 100% sure">'
        'docs/a, b:c.md:2:9: MOJ001 UTF-8 decoded as cp1252: "Ã©tÃ©" -&gt; "été", 100% sure</failure>\n'
        "    </testcase>\n"
        '    <testcase classname="docs/a, b:c.md" name="DUP001 garbled-duplicate at line 4, column 1" file="docs/a, b:c.md" line="4">\n'
        '      <failure type="DUP001" message="lines 4-6 are a garbled copy of line 1">'
        "docs/a, b:c.md:4:1: DUP001 [*] lines 4-6 are a garbled copy of line 1</failure>\n"
        "    </testcase>\n"
        '    <testcase classname="legacy/notice.txt" name="ENC001 not-utf8 at line 1, column 1" file="legacy/notice.txt" line="1">\n'
        '      <failure type="ENC001" message="not UTF-8: GB18030 (certain: two signals agree)">'
        "legacy/notice.txt:1:1: ENC001 [*] not UTF-8: GB18030 (certain: two signals agree)</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_junit_without_checked_files_lists_the_findings():
    suite = ET.fromstring(format_junit(FINDINGS[:1]).encode("utf-8")).find("testsuite")
    assert [(case.get("name"), case.find("failure").get("type")) for case in suite] == [
        ("ENC001 not-utf8 at line 1, column 1", "ENC001")
    ]


def test_junit_clean_run_passes_every_file():
    suite = ET.fromstring(format_junit([], ["a.txt", "b.txt"]).encode("utf-8")).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "0")
    assert [case.get("name") for case in suite] == ["a.txt", "b.txt"]
    assert all(case.find("failure") is None for case in suite)


def test_junit_escapes_what_xml_cannot_hold():
    finding = Finding("ENC002", Location(1, 1, 1, 2), "bytes \udcb1\x1b not UTF-8 <&>", path="a\x01.txt")
    root = ET.fromstring(format_junit([finding]).encode("utf-8"))
    case = root.find("testsuite/testcase")
    assert case.get("file") == "a\\x01.txt"
    assert case.find("failure").get("message") == "bytes \\udcb1\\x1b not UTF-8 <&>"


def test_render_passes_checked_files_to_junit_only():
    assert render("junit", [], ["a.txt"]) == format_junit([], ["a.txt"])
    assert render("text", FINDINGS, ["a.txt"]) == format_text(FINDINGS)
    assert sorted(FORMATTERS) == ["github", "gitlab", "json", "json-lines", "junit", "sarif", "text"]


@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_every_format_survives_undecodable_text(name):
    finding = Finding("ENC002", Location(1, 1, 1, 3), "bytes \udcb1\udcb1 are not UTF-8", path="b\udce9d.txt")
    out = render(name, [finding], ["b\udce9d.txt"])
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    write_safely(stream, out)
    stream.flush()
    assert b"\\udcb1" in stream.buffer.getvalue()


def test_repository_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert repository_path("./docs/../docs/a.txt") == "docs/a.txt"
    assert repository_path(str(tmp_path / "sub" / "a.txt")) == "sub/a.txt"
    outside = str(tmp_path.parent / "elsewhere.txt")
    assert repository_path(outside) == outside.replace("\\", "/")


def test_artifact_uri(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert artifact_uri("./dir/naïve file#1.txt") == "dir/na%C3%AFve%20file%231.txt"
    assert artifact_uri("b\udce9d.txt") == "b%E9d.txt"
    assert artifact_uri(str(tmp_path.parent / "x y.txt")) == (tmp_path.parent / "x y.txt").as_uri()


def test_write_safely_escapes_what_the_console_cannot_encode():
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    write_safely(stream, "été 关于 \U0001f600 \udcb1\n")
    stream.flush()
    assert stream.buffer.getvalue() == b"\\u00e9t\\u00e9 \\u5173\\u4e8e \\ud83d\\ude00 \\udcb1\n"


def test_write_safely_to_a_legacy_console_keeps_what_it_can_encode():
    stream = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    write_safely(stream, "été → 关于\n")
    stream.flush()
    assert stream.buffer.getvalue() == b"\xe9t\xe9 \\u2192 \\u5173\\u4e8e\n"


def test_write_safely_to_a_stream_without_encoding():
    stream = io.StringIO()
    write_safely(stream, "été\n")
    assert stream.getvalue() == "été\n"


def test_cli_sarif_of_the_examples_validates(run_cli, sarif_validator):
    result = run_cli("--format", "sarif", "examples", cwd=REPO)
    log = json.loads(result.out)
    assert [error.message for error in sarif_validator.iter_errors(log)] == []
    duplicates = [r for r in log["runs"][0]["results"] if r["ruleId"] == "DUP001"]
    assert duplicates and all(r["relatedLocations"] for r in duplicates)


def test_cli_formats_and_output_file(run_cli, tmp_path):
    (tmp_path / "moj.txt").write_bytes("L'Ã©tÃ© dernier\n".encode("utf-8"))
    (tmp_path / "ok.txt").write_bytes(b"plain\n")
    result = run_cli("--format", "junit", "-o", tmp_path / "report.xml", tmp_path / "ok.txt", cwd=tmp_path)
    assert result.out == ""
    suite = ET.parse(tmp_path / "report.xml").getroot().find("testsuite")
    assert [case.get("name") for case in suite] == ["ok.txt"]


@pytest.mark.parametrize("name", ["json", "sarif", "gitlab"])
def test_json_formats_on_an_ascii_console_decode_to_the_same_report(tmp_path, name):
    """Backslash escapes written for an ASCII console are JSON escapes: the report reads back the same."""
    (tmp_path / "notes.md").write_bytes("L'Ã©tÃ© dernier, à Paris\n".encode("utf-8"))
    command = [sys.executable, "-m", "moji_lint", "--format", name, "notes.md"]
    env = dict(os.environ)
    reports = []
    for encoding in ("ascii", "utf-8"):
        env["PYTHONIOENCODING"] = encoding
        proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, check=False)
        assert proc.returncode == 1, proc.stderr
        reports.append(proc.stdout)
    assert reports[0].isascii() and not reports[1].isascii()
    assert json.loads(reports[0]) == json.loads(reports[1])
