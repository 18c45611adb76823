"""Run `moji-lint --fix` twice over copies of real corpora: no crash, clean files untouched, the second run idle.

    python fuzz/idempotence.py                 # every corpus under ../shared/bench, and the stdlib
    python fuzz/idempotence.py --list-changed  # also name each file the first run changed

Each corpus is copied to a scratch folder first (the originals are never
written), and both runs use a copy of moji_lint taken at the start. Where a corpus labels its files, the labels tell which files are
clean (they must not change) and what a correct fix is (a change to anything
else than the correct fix, in part or wrongly, is counted as an inexact fix): the mojibench corpus (truth.jsonl and
expected/), the mojibench sentence pool, the encodings corpus (manifest), the
negative cases of ftfy-cases and wild, and the Python sources of the stdlib.
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

from fault_injection import frozen_copy
from run import code_version

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
Expected = Callable[[str, bytes], Optional[bytes]]  # the correct fix of a file, None when unknown


@dataclass
class Corpus:
    name: str
    root: Path
    clean: Callable[[str], bool] = lambda relative: False
    expected: Expected = lambda relative, data: None


@dataclass
class Figures:
    files: int = 0
    crashes: List[str] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    changed: List[str] = field(default_factory=list)
    clean_changed: List[str] = field(default_factory=list)
    wrong_fixes: List[str] = field(default_factory=list)
    changed_again: List[str] = field(default_factory=list)


def mojibench(root: Path) -> List[Corpus]:
    truth = {}
    with open(root / "corpus" / "truth.jsonl", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            truth["docs/" + record["doc"]] = record

    def clean(relative: str) -> bool:
        return relative.startswith("expected/") or truth.get(relative, {}).get("kind") == "clean"

    def expected(relative: str, data: bytes) -> Optional[bytes]:
        record = truth.get(relative)
        if record and record["kind"] in ("mojibake", "legacy-file", "mixed-bytes", "garbled-duplicate"):
            return (root / "corpus" / "expected" / record["doc"]).read_bytes()
        return None

    return [Corpus("mojibench/corpus", root / "corpus", clean, expected),
            Corpus("mojibench/pool", root / "pool", lambda relative: True)]


def encodings(root: Path) -> List[Corpus]:
    with open(root / "manifest.tsv", encoding="utf-8", newline="") as f:
        codec = {row["path"]: row["encoding"] for row in csv.DictReader(f, delimiter="\t")}

    def expected(relative: str, data: bytes) -> Optional[bytes]:
        if relative not in codec:
            return None
        return data.decode(codec[relative]).encode("utf-8")

    return [Corpus("encodings", root, lambda r: codec.get(r) in ("ascii", "utf_8", "utf_8_sig"), expected)]


def negatives(name: str, clean_file: str) -> Callable[[Path], List[Corpus]]:
    """A corpus whose file ``clean_file`` holds text that only looks garbled (it must not change)."""
    return lambda root: [Corpus(name, root, lambda relative: relative == clean_file)]


LABELLED = {"mojibench": mojibench, "encodings": encodings, "ftfy-cases": negatives("ftfy-cases", "negative.json"),
            "wild": negatives("wild", "negatives.jsonl")}


def corpora(bench: Path) -> List[Corpus]:
    """Every corpus under ``bench`` (labelled where it can be), then the standard library (its sources are clean)."""
    found = []
    for folder in sorted(p for p in bench.iterdir() if p.is_dir()) if bench.is_dir() else []:
        found += LABELLED[folder.name](folder) if folder.name in LABELLED else [Corpus(folder.name, folder)]
    found.append(Corpus("stdlib", Path(sysconfig.get_paths()["stdlib"]), lambda relative: relative.endswith(".py")))
    return found


def snapshot(root: Path) -> Dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def fix(root: Path, jobs: int, env: Dict[str, str]) -> subprocess.CompletedProcess:
    """`moji-lint --fix` over ``root``, started where ``python -m`` imports nothing from the corpus."""
    command = [sys.executable, "-m", "moji_lint", "--fix", "--exit-zero", "-q", "--jobs", str(jobs), str(root)]
    return subprocess.run(command, cwd=env["PYTHONPATH"], capture_output=True, text=True, errors="replace", env=env)


def crashes_in(run: subprocess.CompletedProcess) -> List[str]:
    lines = run.stderr.splitlines()
    crashed = [line for line in lines if "internal error" in line]
    if "Traceback" in run.stderr or run.returncode not in (0, 2):
        crashed.append(f"exit status {run.returncode}: {run.stderr[-2000:]}")
    return crashed


def examine(corpus: Corpus, scratch: Path, jobs: int, env: Dict[str, str]) -> Figures:
    copy = scratch / corpus.name.replace("/", "-")
    shutil.copytree(corpus.root, copy, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "site-packages"))
    before = snapshot(copy)
    first = fix(copy, jobs, env)
    after = snapshot(copy)
    second = fix(copy, jobs, env)
    again = snapshot(copy)
    shutil.rmtree(copy)
    figures = Figures(files=len(before))
    figures.crashes = crashes_in(first) + crashes_in(second)
    figures.errors = [line for line in first.stderr.splitlines() if "error:" in line and "internal error" not in line]
    for relative, data in before.items():
        if after.get(relative) != data:
            figures.changed.append(relative)
            if corpus.clean(relative):
                figures.clean_changed.append(relative)
            right = corpus.expected(relative, data)
            if right is not None and after.get(relative) != right:
                figures.wrong_fixes.append(relative)
    figures.changed_again = [r for r in after if again.get(r) != after[r]]
    return figures


def report(name: str, figures: Figures, list_changed: bool) -> None:
    print(f"{name:18} files {figures.files:6,}  crashes {len(figures.crashes)}  errors {len(figures.errors)}  "
          f"changed {len(figures.changed):5,}  clean changed {len(figures.clean_changed)}  "
          f"inexact fixes {len(figures.wrong_fixes)}  changed by 2nd --fix {len(figures.changed_again)}")
    for label, items in (("crash", figures.crashes), ("error", figures.errors), ("clean changed", figures.clean_changed),
                         ("inexact fix", figures.wrong_fixes), ("changed again", figures.changed_again),
                         ("changed", figures.changed if list_changed else [])):
        for item in items[:30]:
            print(f"    {label}: {item}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=BENCH, help="folder of corpora (default: ../shared/bench)")
    parser.add_argument("--only", help="run only the corpora whose name contains this")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--list-changed", action="store_true")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory(prefix="moji-lint-idempotence-") as scratch:
        env = frozen_copy(Path(scratch))
        print(f"moji_lint {code_version()} (the digest of its sources when copied)", flush=True)
        for corpus in corpora(args.bench):
            if args.only and args.only not in corpus.name:
                continue
            figures = examine(corpus, Path(scratch), args.jobs, env)
            report(corpus.name, figures, args.list_changed)
            failed |= bool(figures.crashes or figures.clean_changed or figures.changed_again)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
