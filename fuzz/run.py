"""Fuzz the check-and-fix pipeline; count inputs, crashes and fixes that are not idempotent.

    python fuzz/run.py --runs 1000000              # mutate engine, then a share for atheris
    python fuzz/run.py --runs 20000 --atheris-share 0 --seed 3

Two engines share one target, the invariants of fuzz/invariants.py:

- ``mutate`` (most of the budget): a plain in-process loop that stacks a few
  cheap mutations (byte flips, inserted UTF-8 fragments, erased and repeated
  ranges, splices of two inputs, a span re-encoded in a legacy codec or
  garbled by one of moji-lint's codec chains) on inputs from the seed corpus
  and from a pool of earlier mutants that drew findings. Inputs are capped
  at ``--max-len`` bytes, except a share (``--large-share``) of larger
  files built from several mutants, reshaped as mojibake, a legacy file or
  mixed lines. An input already run is skipped, so every input counted is
  distinct.
- ``atheris`` (``--atheris-share`` of the budget, when installed): libFuzzer's
  coverage-guided search over the engine modules in COVERED, its inputs
  reshaped by their first byte (see ``shaped``).

Why not atheris alone: moji-lint's cost grows with input length (an input
of 64 bytes costs some 3 ms, one of 256 bytes 10 ms, 4 KB 0.1-1 s),
libFuzzer grows its inputs to ``-max_len`` (it was 4096), and the coverage
instrumentation multiplies the cost again; that ran 4-14 inputs a second.
The mutate engine runs some 200-250 inputs per CPU second.

Inputs that break an invariant, raise or run longer than ``--timeout`` are
saved under the artifacts folder with the reason; the figures are in
``stats.json`` there (one file per engine, and their sum).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable, Dict, Iterator, List

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
PACKAGE = HERE.parent / "moji_lint"
LEGACY = ("cp1252", "cp1251", "gbk", "big5", "shift_jis", "euc_kr", "koi8_r", "iso8859_7", "cp1250", "utf-16")
# Byte strings that steer the readers and the rules: line breaks, BOMs, NUL, a lone surrogate, typical mojibake.
FRAGMENTS = (b"\n", b"\r\n", b"\r", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xed\xa0\x80", b"\xc3", b"\xe9",
             "é".encode(), "Ã©".encode(), "Ã".encode(), "â€™".encode(), "Ð¿Ñ€".encode(), "鍩".encode(),
             "ï»¿".encode(), "\ufffd".encode(), b"# moji-lint: ignore-file\n", b"    ", b"\t")
COUNTS = ("inputs", "distinct", "crashes", "not_idempotent", "withheld_unstable", "other_violations", "timeouts")
FAILURES = ("crashes", "not_idempotent", "withheld_unstable", "other_violations", "timeouts")
SIZE_BANDS = (64, 256, 1024, 4096, 65536)
# The modules whose coverage guides atheris: the scoring loops of encodings and plausibility would cost four
# times the speed if instrumented.
COVERED = ["moji_lint.checker", "moji_lint.mojibake", "moji_lint.duplicates", "moji_lint.fixes", "moji_lint.findings",
           "moji_lint.chains"]


def garbled_text(payload: bytes, selector: int) -> bytes:
    """The payload read as UTF-8 text, damaged by one of moji-lint's codec chains, in UTF-8."""
    from moji_lint.chains import all_chains

    chain = all_chains()[selector % len(all_chains())]
    text = payload.decode("utf-8", "replace")
    try:
        return chain.garble(text).encode("utf-8", "surrogatepass")
    except (UnicodeError, ValueError):
        return payload


def legacy_file(payload: bytes, selector: int) -> bytes:
    """The payload read as UTF-8 text and saved in a legacy encoding."""
    return payload.decode("utf-8", "replace").encode(LEGACY[selector % len(LEGACY)], "replace")


def mixed_lines(payload: bytes, selector: int) -> bytes:
    """The payload's lines in UTF-8, every other one in a legacy encoding."""
    lines = payload.decode("utf-8", "replace").split("\n")
    codec = LEGACY[selector % (len(LEGACY) - 1)]
    return b"\n".join(line.encode(codec, "replace") if i % 2 else line.encode("utf-8") for i, line in enumerate(lines))


SHAPES = (garbled_text, legacy_file, mixed_lines)


def shaped(data: bytes) -> bytes:
    """The file a raw input stands for: most inputs as they are; a first byte from 0xC0 up picks a shape."""
    if len(data) < 2 or data[0] < 0xC0:
        return data
    return SHAPES[data[0] % len(SHAPES)](data[2:], data[1])


def code_version() -> str:
    """A short digest of moji_lint's sources and data: which code a run fuzzed."""
    digest = hashlib.sha1()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


class Timeout(BaseException):
    """One input ran longer than allowed (a BaseException, so no ``except Exception`` in moji-lint swallows it)."""


def raise_timeout(signum, frame):
    """The CPU-time alarm's handler (CPU time, so a loaded machine does not make an input time out)."""
    raise Timeout()


class Tally:
    """Runs inputs through the invariants and counts them; the counts go to a JSON file as the run goes."""

    def __init__(self, args: argparse.Namespace, engine: str):
        from invariants import NOT_IDEMPOTENT, WITHHELD, violations_of  # imported late, for atheris to instrument
        from moji_lint.api import check

        self.check, self.violations_of, self.not_idempotent, self.withheld = check, violations_of, NOT_IDEMPOTENT, WITHHELD
        self.stats, self.artifacts, self.timeout = Path(args.stats), Path(args.artifacts), args.timeout
        self.counts = dict.fromkeys(COUNTS, 0)
        self.sizes = dict.fromkeys([f"<={band}" for band in SIZE_BANDS] + ["larger"], 0)
        self.seen: set = set()
        self.slowest = (0.0, "")
        self.started = self.last_write = time.monotonic()
        self.fixed = {"engine": engine, "code": code_version(), "pid": os.getpid()}
        signal.signal(signal.SIGPROF, raise_timeout)

    def run(self, document: bytes) -> bool:
        """Check one input; returns whether it drew findings and held the invariants."""
        self.counts["inputs"] += 1
        key = hash(document)
        if key not in self.seen:
            self.seen.add(key)
            self.counts["distinct"] += 1
        self.sizes[size_band(len(document))] += 1
        began = time.monotonic()
        signal.setitimer(signal.ITIMER_PROF, self.timeout)
        found, interesting = [], False
        try:
            result = self.check(document)
            found = self.violations_of(result, rules=True)
            interesting = bool(result.findings) and not found
        except Timeout:
            self.record("timeouts", document, f"ran over {self.timeout} s of CPU time")
        except Exception:  # noqa: BLE001 - a crash is what we count
            self.record("crashes", document, traceback.format_exc())
        else:
            self.classify(document, found)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        elapsed = time.monotonic() - began
        if elapsed > self.slowest[0]:
            self.slowest = (elapsed, self.save(document, "slowest", f"{elapsed:.3f} s"))
        if began - self.last_write > 5:
            self.write()
        return interesting

    def classify(self, document: bytes, found: List[str]) -> None:
        if self.not_idempotent in found:
            self.record("not_idempotent", document, "\n".join(found))
        elif self.withheld in found:
            self.record("withheld_unstable", document, "\n".join(found))
        elif found:
            self.record("other_violations", document, "\n".join(found))

    def record(self, kind: str, document: bytes, why: str) -> None:
        self.counts[kind] += 1
        self.save(document, kind, why)

    def save(self, document: bytes, kind: str, why: str) -> str:
        """Keep an input (and why) under the artifacts folder; returns its path."""
        folder = self.artifacts / kind
        folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha1(document).hexdigest()[:16] if kind != "slowest" else f"input-{os.getpid()}"
        (folder / name).write_bytes(document)
        (folder / (name + ".txt")).write_text(why, "utf-8")
        return str(folder / name)

    def write(self) -> None:
        seconds = time.monotonic() - self.started
        data = dict(self.fixed, **self.counts, seconds=round(seconds, 1),
                    inputs_per_second=round(self.counts["inputs"] / max(seconds, 1e-9), 1), sizes=self.sizes,
                    slowest_seconds=round(self.slowest[0], 3), slowest_input=self.slowest[1],
                    max_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
        write_json(self.stats, data)
        self.last_write = time.monotonic()


def size_band(length: int) -> str:
    return next((f"<={band}" for band in SIZE_BANDS if length <= band), "larger")


def write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps(data, indent=1), "utf-8")
    os.replace(tmp, path)


class Mutator:
    """Cheap, stacked mutations of the seeds and of a pool of earlier inputs that drew findings."""

    POOL = 2000

    def __init__(self, seeds: List[bytes], rng: random.Random, max_len: int):
        from moji_lint.chains import all_chains

        self.seeds, self.pool, self.rng, self.max_len = seeds, list(seeds), rng, max_len
        self.chains = all_chains()
        self.mutations: List[Callable[[bytes], bytes]] = [
            self.flip, self.insert_fragment, self.insert_character, self.insert_random, self.erase, self.repeat,
            self.splice, self.reencode, self.garble, self.truncate]

    def keep(self, data: bytes) -> None:
        """Add an input that drew findings to the pool (replacing a random one once the pool is full)."""
        if len(self.pool) < self.POOL:
            self.pool.append(data)
        else:
            self.pool[self.rng.randrange(self.POOL)] = data

    def small(self) -> bytes:
        """A seed or a pooled input (even odds, so the pool's short inputs do not crowd out the seeds), mutated."""
        data = self.rng.choice(self.pool if self.rng.random() < 0.5 else self.seeds)
        for _ in range(self.rng.choice((1, 1, 2, 2, 3, 4, 6))):
            data = self.rng.choice(self.mutations)(data)
        return self.excerpt(data)

    def excerpt(self, data: bytes) -> bytes:
        """A random stretch of at most ``max_len`` bytes, most of them much shorter (shorter inputs run faster)."""
        length = min(len(data), 1 + int(self.max_len * self.rng.random() ** 2))
        start = self.rng.randrange(len(data) - length + 1)
        return data[start:start + length]

    def large(self, length: int) -> bytes:
        """A file of about ``length`` bytes: mutants of seeds, line after line, in one of the shapes or none."""
        parts, size = [], 0
        while size < length:
            parts.append(self.small())
            size += len(parts[-1]) + 1
        data = b"\n".join(parts)
        shape = self.rng.randrange(len(SHAPES) + 1)
        return data if shape == len(SHAPES) else SHAPES[shape](data, self.rng.randrange(256))

    def span(self, data: bytes):
        start = self.rng.randrange(len(data) + 1)
        return start, self.rng.randint(start, min(len(data), start + 32))

    def flip(self, data: bytes) -> bytes:
        if not data:
            return bytes([self.rng.randrange(256)])
        at = self.rng.randrange(len(data))
        return data[:at] + bytes([self.rng.randrange(256)]) + data[at + 1:]

    def insert(self, data: bytes, piece: bytes) -> bytes:
        at = self.rng.randrange(len(data) + 1)
        return data[:at] + piece + data[at:]

    def insert_fragment(self, data: bytes) -> bytes:
        return self.insert(data, self.rng.choice(FRAGMENTS))

    def insert_character(self, data: bytes) -> bytes:
        """A random character in UTF-8, mostly from the first planes."""
        top = self.rng.choice((0x80, 0x800, 0x3400, 0x10000, 0x110000))
        return self.insert(data, chr(self.rng.randrange(top)).encode("utf-8", "surrogatepass"))

    def insert_random(self, data: bytes) -> bytes:
        return self.insert(data, self.rng.randbytes(self.rng.randint(1, 8)))

    def erase(self, data: bytes) -> bytes:
        start, end = self.span(data)
        return data[:start] + data[end:]

    def repeat(self, data: bytes) -> bytes:
        start, end = self.span(data)
        return data[:end] + data[start:end] * self.rng.randint(1, 8) + data[end:]

    def splice(self, data: bytes) -> bytes:
        other = self.rng.choice(self.pool)
        start, end = self.span(other)
        return self.insert(data, other[start:end])

    def reencode(self, data: bytes) -> bytes:
        start, end = self.span(data)
        return data[:start] + legacy_file(data[start:end], self.rng.randrange(256)) + data[end:]

    def garble(self, data: bytes) -> bytes:
        start, end = self.span(data)
        return data[:start] + garbled_text(data[start:end], self.rng.randrange(len(self.chains))) + data[end:]

    def truncate(self, data: bytes) -> bytes:
        return data[:self.rng.randrange(len(data) + 1)]


def mutants(mutator: Mutator, rng: random.Random, large_share: float, large_len: int) -> Iterator[bytes]:
    while True:
        yield mutator.large(rng.randint(large_len // 8, large_len)) if rng.random() < large_share else mutator.small()


def fuzz_with_mutations(args: argparse.Namespace) -> None:
    tally = Tally(args, "mutate")
    rng = random.Random(args.seed)
    mutator = Mutator([p.read_bytes() for p in sorted(SEEDS.iterdir())], rng, args.max_len)
    for document in mutants(mutator, rng, args.large_share, args.large_len):
        if tally.counts["inputs"] >= args.runs:
            break
        if hash(document) in tally.seen:
            continue
        if tally.run(document):
            mutator.keep(document)
    tally.write()


def fuzz_with_atheris(args: argparse.Namespace) -> None:
    import atheris

    with atheris.instrument_imports(include=COVERED if not args.coverage else ["moji_lint"]):
        import moji_lint.api  # noqa: F401
        import moji_lint.chains  # noqa: F401
    tally, runs = Tally(args, "atheris"), args.runs

    def one_input(data: bytes) -> None:
        tally.run(shaped(data))
        if tally.counts["inputs"] >= runs:
            tally.write()

    # libFuzzer's own timeout counts wall time (a loaded machine would trip it): the CPU-time alarm of Tally.run
    # times inputs out instead.
    atheris.Setup(
        [sys.argv[0], f"-runs={runs}", f"-max_len={args.max_len}", "-timeout=86400",
         "-rss_limit_mb=4096", f"-artifact_prefix={args.artifacts}{os.sep}", "-print_final_stats=1", args.corpus,
         str(SEEDS)],
        one_input,
    )
    atheris.Fuzz()


ENGINES = {"mutate": fuzz_with_mutations, "atheris": fuzz_with_atheris}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100_000, help="inputs to try in all (default: 100,000)")
    parser.add_argument("--atheris-share", type=float, default=0.05,
                        help="share of the runs for atheris, when installed (default: 0.05)")
    parser.add_argument("--large-share", type=float, default=0.005,
                        help="mutate: share of larger shaped inputs (default: 0.005)")
    parser.add_argument("--max-len", type=int, default=256, help="largest small input in bytes (default: 256)")
    parser.add_argument("--large-len", type=int, default=4096,
                        help="mutate: largest large input in bytes before it is shaped (default: 4096)")
    parser.add_argument("--timeout", type=int, default=60, help="CPU seconds one input may take (default: 60)")
    parser.add_argument("--jobs", type=int, default=1, help="mutate workers run side by side (default: 1)")
    parser.add_argument("--seed", type=int, default=None, help="mutate: random seed (default: the clock)")
    parser.add_argument("--coverage", action="store_true",
                        help="atheris: coverage of every module of moji_lint, not only COVERED (about 4 times slower)")
    parser.add_argument("--artifacts", default=os.path.join(tempfile.gettempdir(), "moji-lint-fuzz"),
                        help="where failing inputs, the stats and atheris's working corpus go")
    parser.add_argument("--engine", choices=sorted(ENGINES), help=argparse.SUPPRESS)
    parser.add_argument("--stats", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        sys.path.insert(0, str(HERE))
        ENGINES[args.engine](args)
        return 0
    return supervise(args)


def has_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def plan(args: argparse.Namespace) -> Dict[str, List[str]]:
    """The workers to start, by name: ``--jobs`` mutate workers, with one more for atheris's share of the runs."""
    share = args.atheris_share if has_atheris() else 0.0
    atheris_runs = round(args.runs * share)
    mutate_runs = args.runs - atheris_runs
    workers = {f"mutate-{i}": ["mutate", mutate_runs // args.jobs + (i < mutate_runs % args.jobs), args.seed + i]
               for i in range(args.jobs)}
    if atheris_runs:
        workers["atheris"] = ["atheris", atheris_runs, args.seed]
    return {name: worker_command(args, name, *worker) for name, worker in workers.items()}


def worker_command(args: argparse.Namespace, name: str, engine: str, runs: int, seed: int) -> List[str]:
    artifacts = Path(args.artifacts)
    return [sys.executable, __file__, "--engine", engine, "--runs", str(runs), "--seed", str(seed),
            "--max-len", str(args.max_len), "--large-len", str(args.large_len), "--large-share", str(args.large_share),
            "--timeout", str(args.timeout), *(["--coverage"] if args.coverage else []), "--artifacts", str(artifacts),
            "--stats", str(artifacts / f"stats-{name}.json"), "--corpus", str(artifacts / "corpus")]


def supervise(args: argparse.Namespace) -> int:
    """Run the workers as child processes (libFuzzer ends its process its own way); sum and print the figures."""
    artifacts = Path(args.artifacts)
    (artifacts / "corpus").mkdir(parents=True, exist_ok=True)
    if args.seed is None:
        args.seed = time.time_ns() % 2**32
    commands = plan(args)
    for name in commands:
        (artifacts / f"stats-{name}.json").unlink(missing_ok=True)
    children = {name: subprocess.Popen(command) for name, command in commands.items()}
    statuses = {name: child.wait() for name, child in children.items()}
    figures = {name: json.loads((artifacts / f"stats-{name}.json").read_text("utf-8"))
               for name in commands if (artifacts / f"stats-{name}.json").exists()}
    total = {key: sum(f[key] for f in figures.values()) for key in COUNTS}
    write_json(artifacts / "stats.json", dict(total, seed=args.seed, workers=figures, exit_statuses=statuses))
    for name, status in statuses.items():
        seconds = figures[name]["seconds"] if name in figures else None
        print(f"{name}: exit status {status}, " + (f"{seconds:,} s" if name in figures else "stopped before reporting"))
    for key, value in total.items():
        print(f"{key:18} {value:,}")
    print(f"figures in {artifacts / 'stats.json'}; failing inputs, if any, under {artifacts}")
    return 1 if any(total[key] for key in FAILURES) or len(figures) < len(statuses) else 0

if __name__ == "__main__":
    sys.exit(main())
