"""What must hold for any input; shared by the property tests, the fuzzer and the corpus runs.

For any bytes: checking does not raise; every finding points inside the text;
a fix either leaves the file alone or gives text that is UTF-8 (or stays in
the legacy encoding the file was read in) with no byte more that is not
UTF-8 than before; and fixing the fixed file again changes nothing, not even
in the rules' own fix, which ``api.fixed`` withholds when it would.
"""
from __future__ import annotations

from typing import List, Optional

from moji_lint.api import Options, Result, check, fix_bytes, fixed
from moji_lint.findings import LineIndex
from moji_lint.fixes import fixed_bytes

NOT_IDEMPOTENT = "fixing the fix changes it"
WITHHELD = "the rules' fix would change again: api.fixed withholds it"


def violations(data: bytes, opts: Optional[Options] = None, rules: bool = False) -> List[str]:
    """What does not hold for ``data``: [] when all is well. An exception in moji-lint propagates.

    With ``rules``, also whether the rules' own fix, which ``api.fixed`` withholds when unstable, is stable.
    """
    return violations_of(check(data, opts), opts, rules)


def violations_of(result: Result, opts: Optional[Options] = None, rules: bool = False) -> List[str]:
    """What does not hold for a checked input (see ``violations``)."""
    found = misplaced_findings(result)
    new = fixed(result)
    if new != result.document.data:
        found += bad_output(result, new, opts)
        if fix_bytes(new, opts) != new:
            found.append(NOT_IDEMPOTENT)
    elif rules and rules_disagree(result, opts):
        found.append(WITHHELD)
    return found


def rules_disagree(result: Result, opts: Optional[Options]) -> bool:
    """True when the rules' own fix would be changed by a second run (which ``api.fixed`` then withholds)."""
    raw = fixed_bytes(result.document, result.findings)
    if raw == result.document.data:
        return False
    again = check(raw, opts)
    return fixed_bytes(again.document, again.findings) != raw


def misplaced_findings(result: Result) -> List[str]:
    """The findings whose location is not within the lines and columns of the decoded text."""
    index = LineIndex(result.document.text)
    return [
        f"{f.code} at {f.location} lies outside the text" for f in result.findings if not inside(index, f.location)
    ]


def inside(index: LineIndex, location) -> bool:
    """True when ``location`` spans existing lines and columns (the end column is exclusive)."""
    lines = len(index)
    if not 1 <= location.line <= location.end_line <= lines:
        return False
    first_width = index.line_end(location.line) - index.offset(location.line)
    last_width = index.line_end(location.end_line) - index.offset(location.end_line)
    if location.line == location.end_line and location.end_column < location.column:
        return False
    return 1 <= location.column <= first_width + 1 and 1 <= location.end_column <= last_width + 1


def bad_output(result: Result, new: bytes, opts: Optional[Options]) -> List[str]:
    """What is wrong with the fixed bytes: not UTF-8 beyond what was kept, unless the legacy encoding was kept."""
    if escaped_bytes(new) <= escaped_bytes(result.document.data):
        return []
    encoding = result.document.encoding
    if encoding not in ("utf-8", "utf-8-sig") and check(new, opts).document.encoding == encoding:
        return []
    return [f"the fix adds bytes that are not UTF-8 (read as {encoding})"]


def escaped_bytes(data: bytes) -> int:
    """How many bytes of ``data`` are not part of valid UTF-8."""
    return sum(1 for char in data.decode("utf-8", "surrogateescape") if "\udc80" <= char <= "\udcff")
