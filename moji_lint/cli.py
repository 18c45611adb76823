"""The command line: parse arguments, check files, print or fix."""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from . import __version__
from .checker import Options, Result, check_document
from .fixes import FileChanged, fixed_bytes, write_atomic
from .findings import Finding
from .report import FORMATTERS, statistics, summary
from .rules import RULES, enabled_codes, find_rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moji-lint",
        description="Find and repair text whose encoding went wrong. "
        "Also: `moji-lint rule CODE` shows a rule's documentation, `moji-lint rules` lists them.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files and folders to check (default: .)")
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    parser.add_argument("--diff", action="store_true", help="print what --fix would change, writing nothing")
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="output format")
    parser.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--select", metavar="CODES", help="comma-separated rule codes or prefixes to run")
    parser.add_argument("--extend-select", metavar="CODES", help="rules to run besides the default ones")
    parser.add_argument("--ignore", metavar="CODES", help="rules not to run")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    parser.add_argument("--statistics", action="store_true", help="print a count per rule instead of findings")
    parser.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    parser.add_argument("--version", action="version", version=f"moji-lint {__version__}")
    return parser


def split_codes(value: Optional[str]) -> Optional[List[str]]:
    return None if value is None else [c.strip() for c in value.split(",") if c.strip()]


def iter_files(paths: Sequence[str]):
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d != ".git")
                for name in sorted(files):
                    yield os.path.join(root, name)
        else:
            yield path


@dataclass
class Run:
    """What a run found and did, file by file."""

    findings: List[Finding] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    changed: List[str] = field(default_factory=list)
    diffs: List[str] = field(default_factory=list)


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    old = before.decode("utf-8", "replace").splitlines(keepends=True)
    new = after.decode("utf-8", "replace").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))


def process_file(path: str, args, options: Options, run: Run) -> None:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        run.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
        return
    result: Result = check_document(data, options)
    findings = [f.with_path(path) for f in result.findings]
    if args.fix or args.diff:
        new = fixed_bytes(result.document, result.findings, args.unsafe_fixes)
        if new != data:
            if args.diff:
                run.diffs.append(unified_diff(path, data, new))
            else:
                try:
                    write_atomic(path, new, original=data)
                except FileChanged:
                    run.errors.append(f"{path}: changed on disk while being checked; not fixed")
                    return
                except OSError as exc:
                    run.errors.append(f"{path}: cannot write: {exc.strerror or exc}")
                    return
                run.changed.append(path)
                findings = [f.with_path(path) for f in check_document(new, options).findings]
    run.findings.extend(findings)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("rule", "rules"):
        return show_rules(argv)
    args = build_parser().parse_args(argv)
    codes = enabled_codes(split_codes(args.select), split_codes(args.extend_select) or [], split_codes(args.ignore) or [])
    options = Options(codes=frozenset(codes))
    run = Run()
    for path in iter_files(args.paths or ["."]):
        process_file(path, args, options, run)
    out = sys.stdout
    if args.diff:
        out.write("".join(run.diffs))
    elif args.statistics:
        out.write(statistics(run.findings))
    else:
        out.write(FORMATTERS[args.format](run.findings))
        if args.format == "text" and not args.quiet:
            out.write(summary(run.findings))
    for error in run.errors:
        sys.stderr.write(f"moji-lint: error: {error}\n")
    if run.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if run.findings or run.changed or run.diffs else EXIT_CLEAN


def show_rules(argv: Sequence[str]) -> int:
    if argv[0] == "rules":
        for rule in RULES:
            state = "" if rule.default else "  (off by default)"
            print(f"{rule.code}  {rule.name:20} {state}")
        return EXIT_CLEAN
    if len(argv) != 2:
        sys.stderr.write("moji-lint: error: usage: moji-lint rule CODE\n")
        return EXIT_ERROR
    rule = find_rule(argv[1])
    if rule is None:
        sys.stderr.write(f"moji-lint: error: unknown rule {argv[1]!r}; `moji-lint rules` lists them\n")
        return EXIT_ERROR
    print(rule.doc(), end="")
    return EXIT_CLEAN
