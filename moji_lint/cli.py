"""The command line: parse arguments, find files, check or fix them, report."""
from __future__ import annotations

import argparse
import os
import stat
import sys
import time
from collections import deque
from dataclasses import dataclass, field, replace
from functools import partial
from typing import (BinaryIO, Callable, Deque, FrozenSet, Iterable, Iterator, List, NamedTuple, Optional, Sequence,
                    Tuple, TypeVar)

from . import __version__
from .api import Options, Result, check, check_part, fix, fixed
from .config import Config, ConfigError, allowed_encodings, file_codes, is_source_code, load_config
from .discovery import Candidate, GitError, changed_files, discover, staged_content, staged_files
from .encodings import looks_binary
from .findings import Finding, Location
from .fixes import FileChanged, applicable, remove_stale_temporaries, replace_atomically, write_atomic
from .report import FORMATTERS, render, statistics, summary, write_safely
from .rules import RULES, find_rule, is_known_selector

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as shells report a pipeline cut short
PARALLEL_MIN_BYTES = 256 << 10  # less text than this is checked faster than worker processes start
BATCHES_PER_JOB = 16  # enough batches per worker to even out the load
BATCH_MIN_BYTES = 64 << 10
BATCH_MAX_FILES = 64  # and at most this many files: small files can cost much (a legacy one is guessed at)
CHUNK_BYTES = 256 << 10  # a larger file is checked this much at a time, in whole lines, so memory stays flat
T, R = TypeVar("T"), TypeVar("R")


class UsageError(Exception):
    """Arguments that cannot be acted on."""


UNSTABLE_FIX = "not fixed: fixing the result again would change it (please report this)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moji-lint",
        description="Find and repair text whose encoding went wrong: files that are not UTF-8, "
        "mixed encodings, mojibake and garbled duplicates. "
        "`moji-lint rule CODE` shows a rule's documentation, `moji-lint rules` lists the rules.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files and folders to check (default: .)")
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    parser.add_argument("--diff", action="store_true", help="print what --fix would change as a unified diff; write nothing")
    parser.add_argument("--format", choices=list(FORMATTERS), default="text", help="output format (default: text)")
    parser.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--select", metavar="CODES", help="comma-separated rule codes or prefixes to run instead of the default")
    parser.add_argument("--extend-select", metavar="CODES", help="rules to run besides the selected ones")
    parser.add_argument("--ignore", metavar="CODES", help="rules not to run")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    parser.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    parser.add_argument("-q", "--quiet", action="store_true", help="print findings only, without the summary")
    parser.add_argument("--config", metavar="FILE", help="use this config file (pyproject.toml or .moji-lint.toml)")
    parser.add_argument("--force-exclude", action="store_true", help="honour excludes for files named on the command line")
    parser.add_argument("--staged", action="store_true", help="check the content staged in the git index, not the work tree")
    parser.add_argument("--since", metavar="REV", help="check only files changed since REV, and untracked files")
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="processes to use (default: all cores)")
    parser.add_argument("--version", action="version", version=f"moji-lint {__version__}")
    return parser


def split_codes(value: Optional[str]) -> Optional[List[str]]:
    if value is None:
        return None
    codes = [c.strip() for c in value.split(",") if c.strip()]
    unknown = [c for c in codes if not is_known_selector(c)]
    if unknown:
        raise UsageError(f"unknown rule code {unknown[0]!r} (`moji-lint rules` lists them)")
    return codes


def apply_arguments(config: Config, args: argparse.Namespace) -> None:
    """Let command-line rule selection override the config file's."""
    select = split_codes(args.select)
    if select is not None:
        config.select = select
    config.extend_select += split_codes(args.extend_select) or []
    config.ignore += split_codes(args.ignore) or []


class Task(NamedTuple):
    """One file to check, with everything a worker process needs."""

    path: str
    options: Options
    max_file_size: int
    fix: bool = False
    unsafe: bool = False
    diff: bool = False
    staged: bool = False
    jobs: int = 1  # processes that may check the chunks of a large file


@dataclass
class Outcome:
    findings: List[Finding] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    checked: bool = False
    changed: bool = False
    diff: str = ""


def read_task_bytes(task: Task, outcome: Outcome) -> Optional[bytes]:
    """The file's bytes, or None with the reason noted in ``outcome``."""
    try:
        if task.staged:
            return staged_content(task.path)
        return read_regular_file(task, outcome)
    except (OSError, GitError) as exc:
        outcome.errors.append(f"{task.path}: cannot read: {getattr(exc, 'strerror', None) or exc}")
        return None


def read_regular_file(task: Task, outcome: Outcome) -> Optional[bytes]:
    """The bytes of a regular file within the size limit; None (with a warning) for anything else.

    The file is opened without blocking and checked after opening, so a path
    that became a FIFO or a device since discovery cannot hang the run.
    """
    with open(task.path, "rb", opener=open_without_blocking) as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            outcome.warnings.append(f"{task.path}: skipped: not a regular file")
            return None
        data = b"" if info.st_size > task.max_file_size else f.read(info.st_size + 1)  # not a buffer of the limit's size
        if len(data) > info.st_size:  # it grew since: read on, up to one byte past the limit
            data += f.read(task.max_file_size + 1 - len(data))
    if info.st_size > task.max_file_size or len(data) > task.max_file_size:
        size = max(info.st_size, len(data))
        outcome.warnings.append(
            f"{task.path}: skipped: {size:,} bytes is over the limit of {task.max_file_size:,} (max-file-size)"
        )
        return None
    return data


def open_without_blocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def run_task(task: Task) -> Outcome:
    """Check one file, and fix it or diff it when asked; a bug in a rule becomes an error naming the file."""
    outcome = Outcome()
    try:
        check_and_fix(task, outcome)
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the others
        outcome.errors.append(f"{task.path}: internal error: {type(exc).__name__}: {exc} (please report it)")
    return outcome


def check_and_fix(task: Task, outcome: Outcome) -> None:
    if is_large_file(task) and check_large_file(task, outcome):
        return
    data = read_task_bytes(task, outcome)
    if data is None or looks_binary(data):
        return
    outcome.checked = True
    result = check(data, task.options)
    outcome.findings = [f.with_path(task.path) for f in result.findings]
    if not (task.fix or task.diff):
        return
    after = fix(result, task.unsafe)
    new = after.document.data
    if new == data:
        if applicable(result.findings, task.unsafe):
            outcome.warnings.append(f"{task.path}: {UNSTABLE_FIX}")
        return
    if task.diff:
        outcome.diff = unified_diff(task.path, data, new)
        return
    try:
        write_atomic(task.path, new, original=data)
    except FileChanged:
        outcome.errors.append(f"{task.path}: changed on disk while being checked; not fixed")
        return
    except OSError as exc:
        outcome.errors.append(f"{task.path}: cannot write: {exc.strerror or exc}")
        return
    outcome.changed = True
    outcome.findings = [f.with_path(task.path) for f in after.findings]


def is_large_file(task: Task) -> bool:
    """True for a work-tree file over ``CHUNK_BYTES`` and within the size limit, checked or fixed (not diffed)."""
    if task.staged or task.diff:
        return False
    try:
        info = os.stat(task.path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and CHUNK_BYTES < info.st_size <= task.max_file_size


class Chunk(NamedTuple):
    """What a check found in one chunk of a large file: findings with chunk-relative lines."""

    findings: List[Finding]
    lines: int  # newlines in the chunk
    changes: bool = False  # its fixes change it


def check_large_file(task: Task, outcome: Outcome) -> bool:
    """Check a large file a chunk of whole lines at a time, and fix it by streaming, so memory stays flat.

    False, with nothing done, when the file must be read whole: when its first
    chunk is not read as UTF-8 (a legacy or UTF-16 file is judged as a whole).
    A garbled duplicate is found only within one chunk.
    """
    with open(task.path, "rb", opener=open_without_blocking) as f:
        before = os.fstat(f.fileno())
        pieces = line_chunks(f)
        head = next(pieces, b"")
        if looks_binary(head):
            return True
        first = check(head, task.options)
        if first.document.encoding not in ("utf-8", "utf-8-sig"):
            return False
        outcome.checked = True
        if first.ignored_file:
            return True
        rest = partial(checked_chunk, options=task.options, fix=task.fix, unsafe=task.unsafe)
        chunks = [chunk_of(head, first, task.fix, task.unsafe), *in_processes(rest, pieces, task.jobs)]
    if any(c.changes for c in chunks):
        chunks = fix_large_file(task, outcome, chunks, before)
    outcome.findings = located(chunks, task.path)
    return True


def chunk_of(data: bytes, result: Result, fix: bool, unsafe: bool) -> Chunk:
    return Chunk(result.findings, data.count(b"\n"), fix and fixed(result, unsafe) != data)


def checked_chunk(data: bytes, options: Options, fix: bool, unsafe: bool) -> Chunk:
    """A chunk from inside a large file, checked (see ``check_part``)."""
    return chunk_of(data, check_part(data, options), fix, unsafe)


def in_processes(function: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """``function`` of each item, in order, worked out by ``jobs`` forked processes with at most two items
    each in hand, so that a large file's chunks are checked side by side and memory stays flat."""
    if jobs <= 1:
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, mp_context=worker_context()) as pool:
        pending: Deque = deque()
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def line_chunks(f: BinaryIO) -> Iterator[bytes]:
    """The bytes of ``f`` in pieces of about ``CHUNK_BYTES`` that end just after a newline (the last: at the end)."""
    rest = b""
    for block in iter(lambda: f.read(CHUNK_BYTES), b""):
        rest += block
        cut = rest.rfind(b"\n") + 1
        if cut:
            yield rest[:cut]
            rest = rest[cut:]
    if rest:
        yield rest


def check_chunk(data: bytes, options: Options, first: bool) -> Result:
    """The first chunk of a large file is read as a file; the others as parts of a UTF-8 file."""
    return check(data, options) if first else check_part(data, options)


def fix_large_file(task: Task, outcome: Outcome, chunks: List[Chunk], before: os.stat_result) -> List[Chunk]:
    """Stream the file, with its changing chunks fixed, to a temporary file that then replaces it.

    The chunks that change are checked again: the result is what is left in
    the fixed file, or ``chunks`` when it could not be written. The file is
    not replaced when it changed on disk since ``before``.
    """
    after = list(chunks)
    refix = partial(refixed_chunk, options=task.options, unsafe=task.unsafe,
                    changing=frozenset(n for n, c in enumerate(chunks) if c.changes))

    def fixed_chunks() -> Iterator[bytes]:
        with open(task.path, "rb", opener=open_without_blocking) as f:
            for n, (data, left) in enumerate(in_processes(refix, enumerate(line_chunks(f)), task.jobs)):
                if left is not None:
                    after[n] = left
                yield data
        if file_identity(os.stat(task.path)) != file_identity(before):
            raise FileChanged(task.path)

    try:
        replace_atomically(os.path.realpath(task.path), fixed_chunks())
    except FileChanged:
        outcome.errors.append(f"{task.path}: changed on disk while being checked; not fixed")
        return chunks
    except OSError as exc:
        outcome.errors.append(f"{task.path}: cannot write: {exc.strerror or exc}")
        return chunks
    outcome.changed = True
    return after


def refixed_chunk(item: Tuple[int, bytes], options: Options, unsafe: bool,
                  changing: FrozenSet[int]) -> Tuple[bytes, Optional[Chunk]]:
    """Chunk ``n`` of a large file, fixed where it is one of the ``changing`` ones, with what is left in it."""
    n, data = item
    if n not in changing:
        return data, None
    result = fix(check_chunk(data, options, n == 0), unsafe)  # the check of the fixed chunk
    return result.document.data, Chunk(result.findings, result.document.data.count(b"\n"))


def file_identity(info: os.stat_result) -> Tuple[int, int, int, int]:
    """What changes when a file is written or replaced."""
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def located(chunks: List[Chunk], path: str) -> List[Finding]:
    """The findings of consecutive chunks, with ``path`` and with lines counted from the top of the file."""
    found, lines = [], 0
    for chunk in chunks:
        found.extend(shifted(f, lines, path) for f in chunk.findings)
        lines += chunk.lines
    return found


def shifted(finding: Finding, lines: int, path: str) -> Finding:
    """``finding`` of ``path``, moved ``lines`` lines down."""

    def move(location: Location) -> Location:
        return replace(location, line=location.line + lines, end_line=location.end_line + lines)

    return replace(finding, location=move(finding.location), related=tuple(map(move, finding.related)), path=path)


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    import difflib  # here, not at the top: only --diff needs it

    old = before.decode("utf-8", "replace").splitlines(keepends=True)
    new = after.decode("utf-8", "replace").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))


def candidates(args: argparse.Namespace, config: Config) -> List[Candidate]:
    if args.staged:
        return [Candidate(p) for p in staged_files()]
    if args.since:
        return list(discover(changed_files(args.since), config, force_exclude=True))
    return list(discover(args.paths or ["."], config, args.force_exclude))


def make_task(path: str, config: Config, args: argparse.Namespace) -> Task:
    options = Options(frozenset(file_codes(config, path)), allowed_encodings(config, path), is_source_code(path))
    return Task(path, options, config.max_file_size, args.fix, args.unsafe_fixes, args.diff, args.staged)


def run_all(tasks: List[Task], jobs: int) -> List[Outcome]:
    """Run the tasks, in parallel processes when there is enough text to pay for starting them."""
    jobs = jobs or os.cpu_count() or 1
    sizes = [task_size(t) for t in tasks]
    if jobs == 1 or len(tasks) < 2 or sum(sizes) < PARALLEL_MIN_BYTES:
        return [run_task(t._replace(jobs=jobs)) for t in tasks]
    from concurrent.futures import ProcessPoolExecutor

    batches = size_batches(sizes, jobs)
    outcomes: List[Optional[Outcome]] = [None] * len(tasks)
    with ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=worker_context()) as pool:
        for batch, results in zip(batches, pool.map(run_batch, [[tasks[i] for i in b] for b in batches])):
            for i, outcome in zip(batch, results):
                outcomes[i] = outcome
    return outcomes  # type: ignore[return-value]


def worker_context():
    """Forked workers on Linux: they start in a millisecond with what this process imported, where
    spawned ones (or a fork server's) import the linter again; elsewhere the platform's default."""
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def run_batch(tasks: List[Task]) -> List[Outcome]:
    return [run_task(t) for t in tasks]


def task_size(task: Task) -> int:
    try:
        return os.path.getsize(task.path)
    except OSError:
        return 0


def size_batches(sizes: List[int], jobs: int) -> List[List[int]]:
    """Task indices grouped into batches of similar total size, largest files first.

    Workers take batches in order, so the big files start early and the
    small ones fill the gaps at the end; a batch of many small files costs
    one round trip between processes instead of one per file.
    """
    budget = max(BATCH_MIN_BYTES, sum(sizes) // (jobs * BATCHES_PER_JOB))
    batches: List[List[int]] = []
    filled = 0
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        if not batches or filled + sizes[i] > budget or len(batches[-1]) == BATCH_MAX_FILES:
            batches.append([])
            filled = 0
        batches[-1].append(i)
        filled += sizes[i]
    return batches


def report(
    args: argparse.Namespace, findings: List[Finding], checked: List[str], diffs: List[str], write: Callable[[str], None]
) -> None:
    if args.diff:
        write("".join(diffs))
    elif args.statistics:
        write(statistics(findings))
    else:
        write(render(args.format, findings, checked))
        if args.format == "text" and not args.quiet:
            write(summary(findings))


def lint(args: argparse.Namespace) -> int:
    if args.staged and (args.fix or args.diff):
        raise UsageError("--staged checks the index; run --fix on the work tree instead")
    if args.staged and (args.since or args.paths):
        raise UsageError("--staged takes no paths and no --since")
    if args.config and not os.path.isfile(args.config):
        raise ConfigError(f"{args.config}: not a file")
    started = time.time()
    config = load_config(args.config)
    apply_arguments(config, args)
    errors: List[str] = []
    tasks = []
    for candidate in candidates(args, config):
        if candidate.error:
            errors.append(f"{candidate.path}: {candidate.error}")
        else:
            tasks.append(make_task(candidate.path, config, args))
    if args.fix:
        for folder in sorted({os.path.dirname(t.path) for t in tasks}):
            remove_stale_temporaries(folder, started)
    outcomes = run_all(tasks, args.jobs)
    findings = sorted((f for o in outcomes for f in o.findings), key=lambda f: (f.path, f.line, f.column))
    errors += [e for o in outcomes for e in o.errors]
    for warning in (w for o in outcomes for w in o.warnings):
        write_safely(sys.stderr, f"moji-lint: warning: {warning}\n")
    checked = [t.path for t, o in zip(tasks, outcomes) if o.checked]
    diffs = [o.diff for o in outcomes if o.diff]
    if args.output_file:
        with open(args.output_file, "w", encoding="utf-8", errors="backslashreplace") as out:
            report(args, findings, checked, diffs, out.write)
    else:
        report(args, findings, checked, diffs, lambda text: write_safely(sys.stdout, text))
    for error in errors:
        write_safely(sys.stderr, f"moji-lint: error: {error}\n")
    if errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    changed = any(o.changed or o.diff for o in outcomes)
    return EXIT_FINDINGS if findings or changed else EXIT_CLEAN


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("rule", "rules"):
        return show_rules(argv)
    args = build_parser().parse_args(argv)
    try:
        return lint(args)
    except (UsageError, ConfigError, GitError) as exc:
        write_safely(sys.stderr, f"moji-lint: error: {exc}\n")
        return EXIT_ERROR
    except BrokenPipeError:  # the reader went away (`moji-lint | head`): stop quietly, as a shell tool does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        write_safely(sys.stderr, f"moji-lint: error: {exc.filename or ''}: {exc.strerror or exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def show_rules(argv: Sequence[str]) -> int:
    if argv[0] == "rules":
        for rule in RULES:
            state = "" if rule.default else "(off by default)"
            print(f"{rule.code}  {rule.name:20} {state}".rstrip())
        return EXIT_CLEAN
    if len(argv) != 2:
        sys.stderr.write("moji-lint: error: usage: moji-lint rule CODE\n")
        return EXIT_ERROR
    rule = find_rule(argv[1])
    if rule is None:
        sys.stderr.write(f"moji-lint: error: unknown rule {argv[1]!r}; `moji-lint rules` lists them\n")
        return EXIT_ERROR
    write_safely(sys.stdout, rule.doc())
    return EXIT_CLEAN
