"""Fuzz the check-and-fix pipeline; count inputs, crashes and fixes that are not idempotent.

    python fuzz/run.py --runs 1000000              # atheris (coverage-guided) when installed
    python fuzz/run.py --runs 20000 --engine hypothesis

Each input is a file's bytes, or (chosen by its first byte) text that the
input turns into mojibake through one of moji-lint's codec chains, a file in
a legacy encoding, or a UTF-8 file with some lines in a legacy encoding, so
that the repair paths are fuzzed as well as the readers. For each, the
invariants of fuzz/invariants.py must hold. Inputs that break them are saved
to the artifacts folder; the seed corpus is fuzz/seeds/.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
LEGACY = ("cp1252", "cp1251", "gbk", "big5", "shift_jis", "euc_kr", "koi8_r", "iso8859_7", "cp1250", "utf-16")
STATS_EVERY = 100
# The modules whose coverage guides the fuzzer by default: the scoring loops of
# encodings and plausibility would cost four times the speed if instrumented.
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
    """The file an input stands for: most inputs as they are, some reshaped (see the module docstring)."""
    if len(data) < 2 or data[0] < 0xC0:
        return data
    return SHAPES[data[0] % len(SHAPES)](data[2:], data[1])


class Tally:
    """Counts of inputs and failures, written to a JSON file as the run goes."""

    def __init__(self, stats: Path, artifacts: Path):
        from invariants import NOT_IDEMPOTENT, WITHHELD, violations

        self.violations, self.not_idempotent, self.withheld = violations, NOT_IDEMPOTENT, WITHHELD
        self.stats, self.artifacts = stats, artifacts
        self.counts = {"inputs": 0, "crashes": 0, "not_idempotent": 0, "withheld_unstable": 0, "other_violations": 0}
        self.slowest = (0.0, "")
        self.started = time.monotonic()

    def run(self, data: bytes) -> None:
        self.counts["inputs"] += 1
        document = shaped(data)
        began = time.monotonic()
        try:
            found = self.violations(document, rules=True)
        except Exception:  # noqa: BLE001 - a crash is what we count
            self.record("crashes", document, traceback.format_exc())
        else:
            if self.not_idempotent in found:
                self.record("not_idempotent", document, "\n".join(found))
            elif self.withheld in found:
                self.record("withheld_unstable", document, "\n".join(found))
            elif found:
                self.record("other_violations", document, "\n".join(found))
        elapsed = time.monotonic() - began
        if elapsed > self.slowest[0]:
            self.slowest = (elapsed, self.save(document, "slowest", f"{elapsed:.3f} s"))
        if self.counts["inputs"] % STATS_EVERY == 0:
            self.write()

    def record(self, kind: str, document: bytes, why: str) -> None:
        self.counts[kind] += 1
        self.save(document, kind, why)

    def save(self, document: bytes, kind: str, why: str) -> str:
        """Keep a failing input (and why it failed) under the artifacts folder; returns its path."""
        folder = self.artifacts / kind
        folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha1(document).hexdigest()[:16] if kind != "slowest" else "input"
        (folder / name).write_bytes(document)
        (folder / (name + ".txt")).write_text(why, "utf-8")
        return str(folder / name)

    def write(self) -> None:
        data = dict(self.counts, seconds=round(time.monotonic() - self.started, 1),
                    slowest_seconds=round(self.slowest[0], 3), slowest_input=self.slowest[1])
        tmp = self.stats.with_suffix(".part")
        tmp.write_text(json.dumps(data), "utf-8")
        os.replace(tmp, self.stats)


def fuzz_with_atheris(args: argparse.Namespace) -> None:
    import atheris

    with atheris.instrument_imports(include=COVERED if not args.coverage else ["moji_lint"]):
        import moji_lint.api  # noqa: F401
        import moji_lint.chains  # noqa: F401
    tally, runs = Tally(Path(args.stats), Path(args.artifacts)), args.runs

    def one_input(data: bytes) -> None:
        tally.run(data)
        if tally.counts["inputs"] >= runs:
            tally.write()

    atheris.Setup(
        [sys.argv[0], f"-runs={runs}", f"-max_len={args.max_len}", "-timeout=300", "-rss_limit_mb=4096",
         f"-artifact_prefix={args.artifacts}{os.sep}", "-print_final_stats=1", args.corpus, str(SEEDS)],
        one_input,
    )
    atheris.Fuzz()


def fuzz_with_hypothesis(args: argparse.Namespace) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    tally, runs, max_len = Tally(Path(args.stats), Path(args.artifacts)), args.runs, args.max_len
    seeds = [p.read_bytes() for p in sorted(SEEDS.iterdir())]

    @settings(max_examples=runs, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.binary(max_size=max_len), st.sampled_from(seeds), st.builds(splice, st.sampled_from(seeds),
                                                                                     st.binary(max_size=64))))
    def one_input(data: bytes) -> None:
        tally.run(data)

    one_input()
    tally.write()


def splice(seed: bytes, noise: bytes) -> bytes:
    """A seed with some bytes put in its middle."""
    middle = len(seed) // 2
    return seed[:middle] + noise + seed[middle:]


def worker(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(HERE))
    if args.engine == "atheris":
        fuzz_with_atheris(args)
    else:
        fuzz_with_hypothesis(args)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100_000, help="inputs to try (default: 100,000)")
    parser.add_argument("--engine", choices=["atheris", "hypothesis"], default=None, help="default: atheris if installed")
    parser.add_argument("--coverage", action="store_true", help="atheris: coverage of every module of moji_lint, not only COVERED (about 4 times slower)")
    parser.add_argument("--max-len", type=int, default=4096, help="largest input in bytes (default: 4096)")
    parser.add_argument("--artifacts", default=os.path.join(tempfile.gettempdir(), "moji-lint-fuzz"),
                        help="where failing inputs and the working corpus go")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--stats", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine is None:
        args.engine = "atheris" if has_atheris() else "hypothesis"
    if args.worker:
        worker(args)
        return 0
    return supervise(args)


def has_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def supervise(args: argparse.Namespace) -> int:
    """Run the fuzzer in a child process (libFuzzer ends the process its own way) and print the tally."""
    artifacts = Path(args.artifacts)
    corpus = artifacts / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    stats = artifacts / "stats.json"
    stats.unlink(missing_ok=True)
    command = [sys.executable, __file__, "--worker", "--engine", args.engine, "--runs", str(args.runs),
               *(["--coverage"] if args.coverage else []),
               "--max-len", str(args.max_len), "--artifacts", str(artifacts), "--stats", str(stats),
               "--corpus", str(corpus)]
    child = subprocess.run(command)
    if not stats.exists():
        print(f"the fuzzer stopped before reporting (exit status {child.returncode})")
        return 2
    figures = json.loads(stats.read_text("utf-8"))
    print(f"engine: {args.engine}; exit status {child.returncode}")
    for key in ("inputs", "crashes", "not_idempotent", "withheld_unstable", "other_violations", "seconds",
                "slowest_seconds"):
        print(f"{key:18} {figures[key]:,}")
    print(f"failing inputs, if any, are under {artifacts}")
    failures = sum(figures[k] for k in ("crashes", "not_idempotent", "withheld_unstable", "other_violations"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
