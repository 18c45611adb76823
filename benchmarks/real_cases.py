"""Score moji-lint on real mojibake: ftfy's own test cases and excerpts from public repositories.

    python benchmarks/real_cases.py                       # both sets
    python benchmarks/real_cases.py --only wild           # one of them
    python benchmarks/real_cases.py --cmd "moji-lint -j1" # another command line

Sets (read in place from ../shared/bench; a set whose folder is absent is skipped):

ftfy   ftfy-cases/*.json. A case is damaged when its ``fixed-encoding`` (or ``fixed``) text differs
       from its ``original``; ``expect`` says whether ftfy itself passes it. The rest of
       negative.json must draw no finding. (One case there, "Mostly negative: we only need to fix
       C1 control characters", is damaged by that measure: ftfy's own ``fixed-encoding`` turns its
       C1 control into the ``…`` that cp1252 writes, so it counts with the damaged cases ftfy passes,
       which must be repaired to that text.)
wild   wild/cases.jsonl and wild/negatives.jsonl: ``garbled`` shows the bytes that are not UTF-8 as
       ``\\xNN`` (always 0x80 or above, so a literal ``\\x41`` in code stays text); ``fixed`` null
       means bytes were lost for good and the excerpt must be left as it is; ``partial`` excerpts
       are only partly repairable (their ``fixed`` keeps U+FFFD where bytes were lost).

Each case becomes one file in a temporary folder, ``<set>-<file>-<index>.txt`` (moji-lint's rules
do not depend on the file name): the excerpt's bytes followed by one newline. The excerpts are
whole lines, and a line in a text file ends with a newline; the expected text gets the same one,
so a fix that ate or added a line ending would count as wrong. The command runs twice per set, as
users run it and as ``score.py`` does: ``CMD --format json FILE...`` for the findings (a file is
found, or reported, when it has any finding), then ``CMD --fix FILE...`` (safe fixes only), after
which each file's bytes are compared with the expected ones.

It prints, per group of cases, how many were found, repaired exactly, repaired wrongly or left
unrepaired (reported and changed, for the ones to leave alone), the acceptance of issue 3 next to
the figures, and one line per case that falls short: what moji-lint reported (``[no safe fix]``
on findings ``--fix`` does not apply) and what the file became, against what was expected.
tests/test_real_cases.py keeps the figures from getting worse.
"""
from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parents[1]
SHARED_BENCH = REPO.parent / "shared" / "bench"
FTFY_CASES = SHARED_BENCH / "ftfy-cases"
WILD_CASES = SHARED_BENCH / "wild"
DEFAULT_CMD = shlex.join([sys.executable, "-m", "moji_lint"])

ESCAPED_BYTE = re.compile(rb"\\x([89a-fA-F][0-9a-fA-F])")
SHOWN_CHARS = 90

# What a group's cases must come to: repaired to the expected text, or left as they are.
REPAIR, LEAVE_FOUND, LEAVE_UNREPORTED = "repair", "leave, found", "leave, unreported"


@dataclass(frozen=True)
class Case:
    """One excerpt: the file's bytes as they stand and as a correct ``--fix`` leaves them."""

    name: str
    label: str
    data: bytes
    expected: bytes


@dataclass(frozen=True)
class Group:
    """Cases judged alike, e.g. ftfy's damaged cases that ftfy passes; ``key`` names it in the scores."""

    key: str
    title: str
    goal: str
    cases: Tuple[Case, ...]


@dataclass(frozen=True)
class Outcome:
    """What moji-lint made of one case (its group's goal in mind): its findings and the fixed bytes."""

    case: Case
    findings: Tuple[str, ...]
    result: bytes
    goal: str

    @property
    def found(self) -> bool:
        return bool(self.findings)

    @property
    def changed(self) -> bool:
        return self.result != self.case.data

    @property
    def exact(self) -> bool:
        return self.result == self.case.expected

    @property
    def met(self) -> bool:
        """True when the case came out as its group's goal asks."""
        wants_finding = self.goal != LEAVE_UNREPORTED
        return self.exact and self.found == wants_finding


@dataclass(frozen=True)
class Score:
    """A group's outcomes and its counts."""

    group: Group
    outcomes: Tuple[Outcome, ...]

    def count(self, test: Callable[[Outcome], bool]) -> int:
        return sum(1 for o in self.outcomes if test(o))

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def found(self) -> int:
        return self.count(lambda o: o.found)

    @property
    def exact(self) -> int:
        return self.count(lambda o: o.exact)

    @property
    def changed(self) -> int:
        return self.count(lambda o: o.changed)

    @property
    def wrong(self) -> int:
        return self.count(lambda o: o.changed and not o.exact)

    @property
    def failures(self) -> List[Outcome]:
        return [o for o in self.outcomes if not o.met]


@dataclass(frozen=True)
class Target:
    """One acceptance figure of issue 3: ``value(scores)`` must reach ``bound(scores)`` (or stay at most that)."""

    text: str
    value: Callable[[Dict[str, Score]], int]
    bound: Callable[[Dict[str, Score]], int]
    at_most: bool = False

    def check(self, scores: Dict[str, Score]) -> Tuple[int, int, bool]:
        value, bound = self.value(scores), self.bound(scores)
        return value, bound, value <= bound if self.at_most else value >= bound


@dataclass(frozen=True)
class CaseSet:
    name: str
    folder: Path
    groups: Callable[[Path], List[Group]]
    targets: Tuple[Target, ...]


def file_bytes(text: str) -> bytes:
    """An excerpt as a file: UTF-8 text and one final newline."""
    return (text + "\n").encode("utf-8")


def unescape_bytes(garbled: str) -> bytes:
    """The file bytes of a wild excerpt: its ``\\xNN`` escapes turned back into the raw bytes."""
    return ESCAPED_BYTE.sub(lambda m: bytes([int(m.group(1), 16)]), file_bytes(garbled))


def ftfy_groups(folder: Path) -> List[Group]:
    """ftfy's cases: the damaged ones ftfy passes, its known failures, negative.json, the other undamaged ones."""
    groups: Dict[str, List[Case]] = defaultdict(list)
    for path in sorted(folder.glob("*.json")):
        for index, item in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            expected = item.get("fixed-encoding", item["fixed"])
            if expected == item["original"]:
                key = "negative" if path.name == "negative.json" else "undamaged"
            else:
                key = "positive" if item["expect"] == "pass" else "known-failure"
            name = f"ftfy-{path.stem}-{index:03d}.txt"
            groups[key].append(Case(name, f"{path.stem}#{index} {item['label']}",
                                    file_bytes(item["original"]), file_bytes(expected)))
    return [
        Group("positive", "damaged, expect=pass", REPAIR, tuple(groups["positive"])),
        Group("known-failure", "damaged, expect=fail (ftfy's known failures; not required)", REPAIR,
              tuple(groups["known-failure"])),
        Group("negative", "negative.json", LEAVE_UNREPORTED, tuple(groups["negative"])),
        Group("undamaged", "undamaged elsewhere (ftfy leaves them)", LEAVE_UNREPORTED, tuple(groups["undamaged"])),
    ]


def wild_label(item: dict) -> str:
    return f"{item['repo']}/{item['path']}:{item['line_hint']}"


def wild_groups(folder: Path) -> List[Group]:
    """The wild excerpts: repairable, lossy, partly repairable, and the negatives."""
    groups: Dict[str, List[Case]] = defaultdict(list)
    for index, item in enumerate(read_jsonl(folder / "cases.jsonl")):
        data = unescape_bytes(item["garbled"])
        if item["fixed"] is None:
            key, expected = "lossy", data
        else:
            key, expected = ("partial" if item.get("partial") else "repairable"), file_bytes(item["fixed"])
        groups[key].append(Case(f"wild-case-{index:03d}.txt", f"case#{index} {item['kind']} {wild_label(item)}",
                                data, expected))
    for index, item in enumerate(read_jsonl(folder / "negatives.jsonl")):
        data = file_bytes(item["text"])
        groups["negative"].append(Case(f"wild-negative-{index:03d}.txt", f"negative#{index} {wild_label(item)}",
                                       data, data))
    return [
        Group("repairable", "repairable", REPAIR, tuple(groups["repairable"])),
        Group("partial", "partly repairable (fixed keeps U+FFFD; not in the repairable count)", REPAIR,
              tuple(groups["partial"])),
        Group("lossy", "lossy (must be found and left as it is)", LEAVE_FOUND, tuple(groups["lossy"])),
        Group("negative", "negatives", LEAVE_UNREPORTED, tuple(groups["negative"])),
    ]


def read_jsonl(path: Path) -> List[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def share(percent: int, total: int) -> int:
    """The smallest count that is at least ``percent``% of ``total``."""
    return -(-percent * total // 100)


def damaged(scores: Dict[str, Score]) -> List[Score]:
    """The groups of damaged cases, lossy ones included."""
    return [s for s in scores.values() if s.group.goal != LEAVE_UNREPORTED]


FTFY_TARGETS = (
    Target("every expect=pass damaged case repaired to fixed-encoding",
           lambda s: s["positive"].exact, lambda s: s["positive"].total),
    Target("nothing in negative.json reported", lambda s: s["negative"].found, lambda s: 0, at_most=True),
    Target("every other undamaged case left as it is (ftfy passes them)",
           lambda s: s["undamaged"].changed, lambda s: 0, at_most=True),
)
WILD_TARGETS = (
    Target(">= 90% of the damaged excerpts found",
           lambda s: sum(g.found for g in damaged(s)), lambda s: share(90, sum(g.total for g in damaged(s)))),
    Target(">= 80% of the repairable ones repaired exactly",
           lambda s: s["repairable"].exact, lambda s: share(80, s["repairable"].total)),
    Target("every lossy one left as it is", lambda s: s["lossy"].changed, lambda s: 0, at_most=True),
    Target("none of the negatives reported", lambda s: s["negative"].found, lambda s: 0, at_most=True),
)
SETS = {
    "ftfy": CaseSet("ftfy", FTFY_CASES, ftfy_groups, FTFY_TARGETS),
    "wild": CaseSet("wild", WILD_CASES, wild_groups, WILD_TARGETS),
}


def run(cmd: str, args: Sequence[str], cwd: str) -> subprocess.CompletedProcess:
    """``CMD ARGS`` in ``cwd``; a crash (a traceback on stderr) stops the benchmark."""
    proc = subprocess.run(shlex.split(cmd) + list(args), cwd=cwd, capture_output=True)
    if b"Traceback (most recent call last)" in proc.stderr:
        sys.exit(f"{cmd} {args[0]} crashed (exit {proc.returncode}):\n{proc.stderr.decode(errors='replace')[-2000:]}")
    return proc


def finding_line(finding: dict) -> str:
    """A JSON finding as ``CODE line:col message``, marked when it has no safe fix."""
    fixable = "" if finding.get("fixable", True) else " [no safe fix]"
    where = f"{finding.get('line')}:{finding.get('column')}"
    return f"{finding.get('code')} {where} {finding.get('message')}{fixable}"


def findings_by_file(cmd: str, folder: str, names: Sequence[str]) -> Dict[str, List[str]]:
    """``CMD --format json FILES``: each file's findings, as ``CODE line:col message``."""
    proc = run(cmd, ["--format", "json", *names], folder)
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.exit(f"not JSON on stdout (exit {proc.returncode}): {proc.stdout[:300]!r} {proc.stderr[-500:]!r}")
    found: Dict[str, List[str]] = defaultdict(list)
    for f in data.get("findings", []) if isinstance(data, dict) else data:
        found[Path(f["path"]).name].append(finding_line(f))
    return found


def score_groups(groups: Sequence[Group], cmd: str) -> Dict[str, Score]:
    """Write every case to a temporary folder, run the check and ``--fix`` once each, and score."""
    cases = [c for g in groups for c in g.cases]
    names = [c.name for c in cases]
    with tempfile.TemporaryDirectory(prefix="moji-real-cases-") as folder:
        for case in cases:
            (Path(folder) / case.name).write_bytes(case.data)
        found = findings_by_file(cmd, folder, names)
        run(cmd, ["--fix", *names], folder)
        results = {name: (Path(folder) / name).read_bytes() for name in names}
    return {
        g.key: Score(g, tuple(Outcome(c, tuple(found[c.name]), results[c.name], g.goal) for c in g.cases))
        for g in groups
    }


def score_set(case_set: CaseSet, cmd: str) -> Dict[str, Score]:
    return score_groups(case_set.groups(case_set.folder), cmd)


def shown(data: bytes, start: int) -> str:
    """Text from character ``start``, at most SHOWN_CHARS of it, as a quoted string (bad bytes as \\xNN)."""
    text = data.decode("utf-8", "backslashreplace").rstrip("\n")
    before = "…" if start else ""
    after = "…" if len(text) > start + SHOWN_CHARS else ""
    return before + json.dumps(text[start:start + SHOWN_CHARS], ensure_ascii=False) + after


def difference(got: bytes, want: bytes) -> str:
    """``got X, expected Y``, both from a little before where they first differ."""
    a, b = got.decode("utf-8", "backslashreplace"), want.decode("utf-8", "backslashreplace")
    first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, first - 20) if max(len(a), len(b)) > SHOWN_CHARS else 0
    return f"got {shown(got, start)}, expected {shown(want, start)}"


def verdict(o: Outcome) -> str:
    """Why a case falls short, on one line."""
    said = "; ".join(o.findings) if o.findings else "no finding"
    if o.goal == LEAVE_UNREPORTED:
        what = "reported" + (" and changed" if o.changed else "") if o.found else "changed without a finding"
    elif not o.found:
        what = "not found"
    elif o.goal == LEAVE_FOUND:
        what = "changed"
    else:
        what = "repaired wrongly" if o.changed else "found, not repaired"
    tail = difference(o.result, o.case.expected) if o.changed or o.goal == REPAIR else ""
    return f"{what}: {o.case.label} | moji-lint: {said}" + (f" | {tail}" if tail else "")


def group_line(score: Score) -> str:
    goal, n = score.group.goal, score.total
    if goal == REPAIR:
        left = score.total - score.changed
        return (f"found {score.found}/{n}, repaired exactly {score.exact}/{n}, repaired wrongly {score.wrong}, "
                f"left unrepaired {left}")
    if goal == LEAVE_FOUND:
        return f"found {score.found}/{n}, changed {score.changed}/{n}"
    return f"reported {score.found}/{n}, changed {score.changed}/{n}"


def target_line(target: Target, scores: Dict[str, Score]) -> str:
    """``met`` or ``NOT MET``, the acceptance, the figure and its bound."""
    value, bound, ok = target.check(scores)
    return f"{'met    ' if ok else 'NOT MET'} {target.text}: {value} ({'<=' if target.at_most else '>='} {bound})"


def report(case_set: CaseSet, scores: Dict[str, Score], seconds: float) -> List[str]:
    """The printed lines for one set: figures per group, the acceptance, the failures."""
    total = sum(s.total for s in scores.values())
    lines = [f"{case_set.name}: {total} cases from {case_set.folder} ({seconds:.1f} s)"]
    lines += [f"  {s.group.title} ({s.total}): {group_line(s)}" for s in scores.values()]
    lines.append("  acceptance (issue 3):")
    lines += [f"    {target_line(target, scores)}" for target in case_set.targets]
    for s in scores.values():
        if s.failures:
            lines.append(f"  falling short, {s.group.title} ({len(s.failures)}):")
            lines += [f"    {verdict(o)}" for o in s.failures]
    return lines


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=sorted(SETS), help="score one set only")
    ap.add_argument("--cmd", default=DEFAULT_CMD, help="linter command line (default: this Python's moji_lint)")
    args = ap.parse_args(argv)
    for name in [args.only] if args.only else list(SETS):
        case_set = SETS[name]
        if not case_set.folder.is_dir():
            print(f"{name}: {case_set.folder} is absent; skipped")
            continue
        start = time.perf_counter()
        scores = score_set(case_set, args.cmd)
        print("\n".join(report(case_set, scores, time.perf_counter() - start)), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
