"""How fast moji-lint is, side by side with the ftfy + charset-normalizer glue and with the I/O floor.

    python benchmarks/bench.py                       # everything, a few minutes on 2 cores
    python benchmarks/bench.py --only tree,latency   # some sections
    python benchmarks/bench.py --big-mb 50 --runs 5  # smaller big file, more repeats

Sections:

corpus   the mojibench corpus (../shared/bench/mojibench/corpus; skipped when absent): moji-lint's
         check (``--format json FILES``) and ``--fix`` (on a temporary copy) against the glue that
         ``score.py --baseline ftfy`` runs: charset-normalizer per file, ftfy per line.
tree     the running interpreter's standard library (minus site-packages and __pycache__, text
         files only, named on the command line): the moji-lint CLI (interpreter start included,
         default rules) against the same glue and against the floor of walking, reading and
         UTF-8-decoding the same files in one Python process, file cache warm.
latency  a pre-commit hook's wall time on one small clean file and on ten, best of N, next to
         ``python -c pass``.
reading  moji_lint.encodings.read_document, in one fresh process of this interpreter (caches cold
         at first), on the corpus documents whose encoding is the question: legacy files and mixed
         bytes, per document.
memory   peak resident memory of moji-lint on the tree and on one generated big text file (a few
         garbled lines in clean multilingual text), checked and fixed with max-file-size raised,
         and checked with the default limit.

Every run of a command is a fresh process, started from a fresh wrapper process that reports its
wall time and ``ru_maxrss`` (``RUSAGE_CHILDREN``: the largest single process of the run, so with
``--jobs`` the parent or one worker, not their sum). The glue's time is measured inside its
process after its imports, as score.py measures it; its memory is its process's peak.
Figures depend on the machine and its load: compare rows of one run, not runs.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "bench" / "mojibench" / "corpus"
SECTIONS = ("corpus", "tree", "latency", "reading", "memory")
READING_KINDS = ("legacy-file", "mixed-bytes")  # the corpus documents the reading section decodes

WRAPPER = r"""
import json, resource, subprocess, sys, time
request = json.load(sys.stdin)
start = time.perf_counter()
try:
    proc = subprocess.run(request["argv"], cwd=request["cwd"], capture_output=True, timeout=request["timeout"])
except subprocess.TimeoutExpired as exc:
    proc = subprocess.CompletedProcess(exc.cmd, -9, exc.stdout or b"", b"timed out")
seconds = time.perf_counter() - start
print(json.dumps({
    "seconds": seconds,
    "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    "returncode": proc.returncode,
    "stdout": proc.stdout[-4000:].decode("utf-8", "replace"),
    "stderr": proc.stderr[-4000:].decode("utf-8", "replace"),
}))
"""

SMALL_ASCII = '''"""Small helpers for the settings page."""
import os


def setting(name, default=None):
    """The value of an environment setting, or ``default``."""
    return os.environ.get("APP_" + name.upper(), default)


def flag(name):
    return setting(name, "0") in ("1", "true", "yes")
'''

SMALL_UTF8 = """# Release notes — version 2.4

- Café menus now show prices in € and £; the “Préférences” page was rewritten.
- Deutsche Übersetzung: Größe, Straße, Übermäßig.
- 日本語の翻訳を更新しました。中文翻译也已更新。
- Новый перевод на русский язык. Ελληνικά: καλημέρα.
- Box drawing in the CLI help: ┌──┐ └──┘, and emoji in the changelog 🎉.
"""

BIG_FILE_LINES = (
    "2024-05-01 12:00:01 INFO request served in 12 ms path=/api/items status=200",
    "Le café de la gare ouvre à 6 h ; l'été, les crêpes sont à 3,50 €.",
    "Die Größe der Übertragung überschreitet das zulässige Maß.",
    "本日のアクセス数は昨日より増加しました。詳細はログを参照してください。",
    "系统正在更新，请稍后再试。感谢您的耐心等待。",
    "Пользователь вошёл в систему; последняя активность — вчера.",
    "Η σύνδεση ολοκληρώθηκε με επιτυχία.",
    "Tiếng Việt có dấu: người dùng đã đăng nhập thành công.",
    "│ id │ name      │ total │ ✓ ok 🎉",
)
BIG_FILE_GARBLED_LINE = BIG_FILE_LINES[1].encode("utf-8").decode("cp1252")  # UTF-8 read as cp1252
BIG_FILE_GARBLED_EVERY = 20_000  # lines


# Measuring ---------------------------------------------------------------------------------------


@dataclass
class Run:
    """One timed run of a command in a fresh process (returncode -9: killed at the timeout)."""

    seconds: float
    maxrss_mib: float
    returncode: int
    stdout: str
    stderr: str


class Runner:
    """Runs commands in fresh processes, each under a fresh wrapper that measures it.

    Children get bytecode caching back (PYTHONDONTWRITEBYTECODE dropped, the
    caches kept under ``pycache``), as an installed package has it.
    """

    def __init__(self, timeout: float, pycache: str):
        self.timeout = timeout
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env["PYTHONPYCACHEPREFIX"] = pycache

    def run(self, argv: Sequence[str], cwd: str) -> Run:
        """Run ``argv`` once; its wall time and its peak resident memory, after a warning if it failed."""
        request = json.dumps({"argv": list(argv), "cwd": cwd, "timeout": self.timeout})
        proc = subprocess.run([sys.executable, "-c", WRAPPER], input=request.encode(), capture_output=True,
                              check=True, env=self.env)
        result = json.loads(proc.stdout)
        run = Run(result["seconds"], result["maxrss_kib"] / 1024, result["returncode"], result["stdout"],
                  result["stderr"])
        self.warn_on_failure(run, argv)
        return run

    def best_of(self, runs: int, argv: Sequence[str], cwd: str) -> Run:
        """The fastest of ``runs`` runs, with the largest peak memory seen."""
        measured = [self.run(argv, cwd) for _ in range(max(1, runs))]
        fastest = min(measured, key=lambda r: r.seconds)
        fastest.maxrss_mib = max(r.maxrss_mib for r in measured)
        return fastest

    def warn_on_failure(self, run: Run, argv: Sequence[str]) -> None:
        """Exit 1 only means findings; -9 is the timeout; anything else is worth a look."""
        if run.returncode == -9:
            print(f"  warning: killed after {self.timeout:.0f} s (--timeout): {' '.join(argv[:4])}...")
        elif run.returncode not in (0, 1):
            print(f"  warning: exit {run.returncode} from {' '.join(argv[:4])}...: {run.stderr.strip()[-600:]}")

    def glue(self, paths: Sequence[str], workdir: str, fix: bool) -> Run:
        """The glue in a fresh process; ``seconds`` is its own timing after imports, as in score.py."""
        file_list = os.path.join(workdir, ".glue-files.json")
        with open(file_list, "w", encoding="utf-8") as f:
            json.dump(list(paths), f)
        run = self.run(glue_command(file_list, fix), workdir)
        run.seconds = json.loads(run.stdout)["seconds"]
        os.unlink(file_list)
        return run


def moji_lint_command(cmd: Optional[str]) -> List[str]:
    """The moji-lint command line: ``--cmd``, else the console script of this interpreter, else ``-m``."""
    if cmd:
        return cmd.split()
    script = Path(sys.executable).with_name("moji-lint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "moji_lint"]


def glue_command(file_list: str, fix: bool) -> List[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--glue-worker", file_list] + (["--fix"] if fix else [])


def glue(paths: Sequence[str], fix: bool) -> float:
    """score.py's ``ftfy_baseline``: charset-normalizer per file, ftfy per line; its seconds."""
    import charset_normalizer
    import ftfy

    flagged: Dict[str, set] = {}
    start = time.perf_counter()
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(data).best()
            text = str(best) if best else data.decode("utf-8", "replace")
            flagged.setdefault(path, set()).add(1)
        out = []
        for i, line in enumerate(text.split("\n"), 1):
            if ftfy.badness.is_bad(line):
                flagged.setdefault(path, set()).add(i)
            out.append(ftfy.fix_encoding(line) if fix else line)
        if fix:
            new = "\n".join(out).encode("utf-8")
            if new != data:
                with open(path, "wb") as f:
                    f.write(new)
    return time.perf_counter() - start


def glue_worker(file_list: str, fix: bool) -> None:
    with open(file_list, encoding="utf-8") as f:
        paths = json.load(f)
    print(json.dumps({"seconds": glue(paths, fix)}))


def reading_worker(corpus: str) -> None:
    """Print, as JSON, the seconds ``read_document`` takes on the corpus documents of each of READING_KINDS."""
    from moji_lint.encodings import read_document

    seconds = {kind: 0.0 for kind in READING_KINDS}
    with open(os.path.join(corpus, "truth.jsonl"), encoding="utf-8") as f:
        truth = [json.loads(line) for line in f]
    for doc in (t for t in truth if t["kind"] in seconds):
        data = Path(corpus, "docs", doc["doc"]).read_bytes()
        started = time.perf_counter()
        read_document(data)
        seconds[doc["kind"]] += time.perf_counter() - started
    print(json.dumps(seconds))


# Printing ----------------------------------------------------------------------------------------


class Table:
    """Rows of seconds, MB/s, ratios to the glue and to the floor, and peak MiB."""

    def __init__(self, title: str, megabytes: float, glue_seconds: float = 0.0, floor_seconds: float = 0.0):
        self.megabytes, self.glue_seconds, self.floor_seconds = megabytes, glue_seconds, floor_seconds
        print(f"\n== {title}")
        print(f"  {'':60} {'seconds':>8} {'MB/s':>8} {'x glue':>7} {'% floor':>8} {'peak MiB':>9}")

    def row(self, label: str, seconds: float, mib: Optional[float] = None, finished: bool = True) -> None:
        """One row; a run killed at the timeout shows its seconds and memory so far, and no rates."""
        counts = finished and seconds
        rate = f"{figure(self.megabytes / seconds):>8}" if self.megabytes and counts else f"{'':8}"
        ratio = f"{figure(self.glue_seconds / seconds):>6}x" if self.glue_seconds and counts else f"{'':7}"
        floor = f"{100 * self.floor_seconds / seconds:7.1f}%" if self.floor_seconds and counts else f"{'':8}"
        memory = f"{mib:9.1f}" if mib is not None else ""
        label = label if finished else f"{label} (killed)"
        print(f"  {label:60} {seconds:8.3f} {rate} {ratio} {floor} {memory}".rstrip())

    def run_row(self, label: str, run: Run) -> None:
        self.row(label, run.seconds, run.maxrss_mib, finished=run.returncode != -9)


def figure(value: float) -> str:
    """``value`` with one decimal, or three below 1 (so that 0.017 does not print as 0.0)."""
    return f"{value:.1f}" if value >= 1 else f"{value:.3f}"


def size_of(paths: Sequence[str]) -> int:
    return sum(os.path.getsize(p) for p in paths)


# Sections ----------------------------------------------------------------------------------------


def bench_corpus(args: argparse.Namespace, runner: Runner, moji: List[str]) -> None:
    docs = Path(args.corpus) / "docs"
    if not docs.is_dir():
        print(f"\n== mojibench corpus: skipped, {docs} is absent")
        return
    names = sorted(os.listdir(docs))
    megabytes = size_of([str(docs / n) for n in names]) / 1e6

    def on_fresh_copy(measure) -> Run:
        workdir = tempfile.mkdtemp(prefix="moji-bench-corpus-")
        try:
            for name in names:
                shutil.copy(docs / name, workdir)
            return measure(workdir)
        finally:
            shutil.rmtree(workdir)

    def fastest(argv: List[str]) -> Run:
        return min((on_fresh_copy(lambda w: runner.run(argv, w)) for _ in range(args.runs)), key=lambda r: r.seconds)

    glue_check = on_fresh_copy(lambda w: runner.glue(names, w, fix=False))
    moji_check = fastest(moji + ["--format", "json"] + names)
    glue_fix = on_fresh_copy(lambda w: runner.glue(names, w, fix=True))
    moji_fix = fastest(moji + ["--fix"] + names)
    table = Table(f"mojibench corpus: {len(names)} files, {megabytes:.2f} MB (moji-lint: best of {args.runs})",
                  megabytes, glue_check.seconds)
    table.run_row("glue check (in-process, after imports)", glue_check)
    table.run_row("moji-lint --format json FILES", moji_check)
    table.glue_seconds = glue_fix.seconds
    table.run_row("glue fix (in-process, after imports)", glue_fix)
    table.run_row("moji-lint --fix FILES", moji_fix)


def stdlib_text_files() -> List[str]:
    """The standard library's text files (no NUL in their first 8 KiB), sorted."""
    paths = []
    for folder, dirs, files in os.walk(sysconfig.get_paths()["stdlib"]):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__"))
        for name in sorted(files):
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path) and is_text(path):
                paths.append(path)
    return paths


def is_text(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return b"\0" not in f.read(8192)
    except OSError:
        return False


def floor(paths: Sequence[str]) -> float:
    """Seconds to walk the tree and read and UTF-8-decode ``paths`` in this process."""
    wanted = set(paths)
    start = time.perf_counter()
    for folder, dirs, files in os.walk(sysconfig.get_paths()["stdlib"]):
        dirs[:] = [d for d in dirs if d not in ("site-packages", "__pycache__")]
        for name in files:
            path = os.path.join(folder, name)
            if path in wanted:
                with open(path, "rb") as f:
                    f.read().decode("utf-8", "surrogateescape")
    return time.perf_counter() - start


def bench_tree(args: argparse.Namespace, runner: Runner, moji: List[str], paths: List[str], workdir: str) -> None:
    megabytes = size_of(paths) / 1e6
    floor(paths)  # warms the file cache
    floor_seconds = min(floor(paths) for _ in range(max(3, args.runs)))
    glue_run = runner.glue(paths, workdir, fix=False)
    moji_run = runner.best_of(args.runs, moji + ["--format", "json"] + paths, workdir)
    one_job = runner.best_of(args.runs, moji + ["--format", "json", "--jobs", "1"] + paths, workdir)
    encodings_only = runner.best_of(args.runs, moji + ["--format", "json", "--select", "ENC"] + paths, workdir)
    table = Table(f"stdlib tree: {len(paths)} text files, {megabytes:.2f} MB, warm cache (moji-lint: best of {args.runs})",
                  megabytes, glue_run.seconds, floor_seconds)
    table.row("floor: walk + read + decode, one process", floor_seconds)
    table.run_row("glue (in-process, after imports)", glue_run)
    table.run_row(f"moji-lint --format json FILES (all cores: {os.cpu_count()})", moji_run)
    table.run_row("moji-lint --format json --jobs 1 FILES", one_job)
    table.run_row("moji-lint --select ENC (CLI, reading, decoding)", encodings_only)


def bench_latency(args: argparse.Namespace, runner: Runner, moji: List[str], workdir: str) -> None:
    hook = os.path.join(workdir, "hook")
    os.mkdir(hook)
    files = []
    for i in range(10):
        name = f"file{i}.py" if i % 2 == 0 else f"notes{i}.md"
        with open(os.path.join(hook, name), "w", encoding="utf-8") as f:
            f.write(SMALL_ASCII if i % 2 == 0 else SMALL_UTF8)
        files.append(name)
    runs = args.latency_runs

    def best(argv: List[str]) -> float:
        return runner.best_of(runs, argv, hook).seconds

    table = Table(f"hook latency: wall time, interpreter start included (best of {runs})", 0)
    table.row("python -c pass", best([sys.executable, "-c", "pass"]))
    table.row("python -c 'import ftfy, charset_normalizer'", best([sys.executable, "-c", "import ftfy, charset_normalizer"]))
    table.row("moji-lint: 1 small ASCII file", best(moji + files[:1]))
    table.row("moji-lint: 1 small UTF-8 file (accents, CJK, emoji)", best(moji + files[1:2]))
    table.row("moji-lint: 10 small files", best(moji + files))


def bench_reading(args: argparse.Namespace, runner: Runner, workdir: str) -> None:
    truth = Path(args.corpus) / "truth.jsonl"
    if not truth.is_file():
        print(f"\n== reading: skipped, {truth} is absent")
        return
    with open(truth, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    best: Dict[str, float] = {}
    for _ in range(max(1, args.runs)):
        run = runner.run([sys.executable, str(Path(__file__).resolve()), "--reading-worker", args.corpus], workdir)
        for kind, seconds in json.loads(run.stdout).items():
            best[kind] = min(seconds, best.get(kind, seconds))
    table = Table(f"reading: moji_lint.encodings.read_document, one fresh process (best of {max(1, args.runs)})", 0)
    for kind in READING_KINDS:
        kind_docs = [d for d in docs if d["kind"] == kind]
        megabytes = size_of([str(Path(args.corpus, "docs", d["doc"])) for d in kind_docs]) / 1e6
        per_doc = 1000 * best[kind] / max(1, len(kind_docs))
        table.megabytes = megabytes
        table.row(f"{kind}: {len(kind_docs)} docs, {per_doc:.1f} ms per doc", best[kind])


def write_big_file(path: str, megabytes: int) -> int:
    """A clean multilingual text file of about ``megabytes`` MB, with one garbled line in many.

    Every line is different (words shuffled, a running number), so that no
    cache of line results can stand in for checking them.
    """
    rng = random.Random(5)
    shapes = []
    for _ in range(BIG_FILE_GARBLED_EVERY):
        words = rng.choice(BIG_FILE_LINES).split(" ")
        rng.shuffle(words)
        shapes.append(" ".join(words))
    shapes[len(shapes) // 2] = BIG_FILE_GARBLED_LINE
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        n = 0
        while f.tell() < megabytes * 1_000_000:
            f.write("".join(f"{shape} #{n + i}\n" for i, shape in enumerate(shapes)))
            n += len(shapes)
    return os.path.getsize(path)


def bench_memory(args: argparse.Namespace, runner: Runner, moji: List[str], paths: List[str], workdir: str) -> None:
    big = os.path.join(workdir, "big.txt")
    size = write_big_file(big, args.big_mb)
    config = os.path.join(workdir, "big-limit.toml")
    with open(config, "w", encoding="utf-8") as f:
        f.write(f"max-file-size = {2 * size}\n")
    table = Table("peak memory (one run each; the largest single process)", 0)

    def row(label: str, argv: List[str], megabytes: float) -> None:
        run = runner.run(moji + argv, workdir)
        skipped = "max-file-size" in run.stderr
        table.megabytes = 0 if skipped else megabytes
        table.run_row(f"{label} (skipped)" if skipped else label, run)

    big_mb = size / 1e6
    row(f"moji-lint --format json: stdlib tree, {len(paths)} files", ["--format", "json"] + paths, size_of(paths) / 1e6)
    row(f"moji-lint: {big_mb:.0f} MB file, default max-file-size", ["big.txt"], big_mb)
    row(f"moji-lint --format json: {big_mb:.0f} MB file, limit raised", ["--config", config, "--format", "json", "big.txt"],
        big_mb)
    row(f"moji-lint --fix: {big_mb:.0f} MB file, limit raised", ["--config", config, "--fix", "big.txt"], big_mb)
    os.unlink(big)


# Main --------------------------------------------------------------------------------------------


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections to run (default: {','.join(SECTIONS)})")
    parser.add_argument("--corpus", default=str(SHARED_CORPUS), help="mojibench corpus folder (default: ../shared's)")
    parser.add_argument("--cmd", help="moji-lint command line (default: this interpreter's moji-lint)")
    parser.add_argument("--runs", type=int, default=3, help="repeats of each moji-lint throughput run; the best counts")
    parser.add_argument("--latency-runs", type=int, default=10, help="repeats of each latency run; the best counts")
    parser.add_argument("--big-mb", type=int, default=200, help="size of the generated big file in MB (default: 200)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a run is killed (default: 120)")
    parser.add_argument("--glue-worker", metavar="FILE_LIST", help=argparse.SUPPRESS)
    parser.add_argument("--reading-worker", metavar="CORPUS", help=argparse.SUPPRESS)
    parser.add_argument("--fix", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section {sorted(unknown)[0]!r} (known: {', '.join(SECTIONS)})")
    return args


def main(argv: Optional[Sequence[str]] = None) -> None:
    args = parse_args(argv)
    if args.glue_worker:
        glue_worker(args.glue_worker, args.fix)
        return
    if args.reading_worker:
        reading_worker(args.reading_worker)
        return
    sections = args.only.split(",")
    moji = moji_lint_command(args.cmd)
    started = time.perf_counter()
    print(f"moji-lint benchmark: {' '.join(moji)}; Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    workdir = tempfile.mkdtemp(prefix="moji-bench-")
    runner = Runner(args.timeout, os.path.join(workdir, "pycache"))
    try:
        runner.run(moji + ["--version"], workdir)  # writes the bytecode caches
        if "corpus" in sections:
            bench_corpus(args, runner, moji)
        paths = stdlib_text_files() if {"tree", "memory"} & set(sections) else []
        if "tree" in sections:
            bench_tree(args, runner, moji, paths, workdir)
        if "latency" in sections:
            bench_latency(args, runner, moji, workdir)
        if "reading" in sections:
            bench_reading(args, runner, workdir)
        if "memory" in sections:
            bench_memory(args, runner, moji, paths, workdir)
    finally:
        shutil.rmtree(workdir)
    print(f"\n(benchmark ran {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
