"""Run moji-lint on the real text this machine already has, for a person to audit what it reports.

    python benchmarks/system_text.py                          # every source found, a few minutes
    python benchmarks/system_text.py --only gettext --max-files 300
    python benchmarks/system_text.py --cmd "moji-lint -j1"

Sources (each skipped where the machine lacks it):

gettext   the translation catalogues under /usr/share/locale, turned back into .po files by ``msgunfmt``
          (gettext's own tool): real translations into a hundred languages, in UTF-8 or in the legacy
          encoding their header declares.
man       the translated manual pages under /usr/share/man/<language>/ (troff source, decompressed).
doc       change logs, READMEs, NEWS and other text under /usr/share/doc (decompressed; 1 MB at most each).

This text has no answer key: nearly all of it is correct, and what moji-lint reports is either damage
that shipped (mojibake in a change log, a catalogue with lines in two encodings) or a false finding. The
script prints, per source, the files, megabytes, seconds and findings by code, then every finding but
ENC001 (a file in a legacy encoding that declares nothing: counted, not listed), one line each, to be read.
"""
from __future__ import annotations

import argparse
import gzip
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

DEFAULT_CMD = shlex.join([sys.executable, "-m", "moji_lint"])
LOCALE = Path("/usr/share/locale")
MAN = Path("/usr/share/man")
DOC = Path("/usr/share/doc")
DOC_NAMES = ("readme", "news", "changelog", "changes", "authors", "thanks", "copyright")
DOC_SUFFIXES = (".txt", ".md", ".rst")
MAX_DOC_BYTES = 1 << 20
SHOWN_CHARS = 110


def gettext_sources() -> List[Tuple[str, Path]]:
    """The catalogues under /usr/share/locale, each to be written back as ``<language>__<domain>.po``."""
    if not shutil.which("msgunfmt"):
        return []
    return [(f"{mo.parts[-3]}__{mo.stem}.po", mo) for mo in sorted(LOCALE.glob("*/LC_MESSAGES/*.mo"))]


def man_sources() -> List[Tuple[str, Path]]:
    """The translated manual pages: /usr/share/man/<language>/man*/*."""
    return [(f"{page.parts[-3]}__{page.name.removesuffix('.gz')}", page) for page in sorted(MAN.glob("*/man*/*"))
            if not page.parts[-3].startswith("man") and page.is_file()]


def doc_sources() -> List[Tuple[str, Path]]:
    """Text under /usr/share/doc that people write: change logs, READMEs, NEWS, notes."""
    found = []
    for path in sorted(DOC.rglob("*")):
        name = path.name.lower().removesuffix(".gz")
        if path.is_file() and not path.is_symlink() and (name.startswith(DOC_NAMES) or name.endswith(DOC_SUFFIXES)):
            found.append(("__".join(path.relative_to(DOC).parts).removesuffix(".gz"), path))
    return found


def write_catalogue(target: Path, source: Path) -> bool:
    """A compiled catalogue written back as a .po file, by gettext's ``msgunfmt``."""
    return subprocess.run(["msgunfmt", str(source), "-o", str(target)], capture_output=True).returncode == 0


def write_text(target: Path, source: Path) -> bool:
    """``source``'s text (decompressed when it ends in .gz), when it is 1 MB at most."""
    opener = gzip.open if source.suffix == ".gz" else open
    try:
        with opener(source, "rb") as f:
            data = f.read(MAX_DOC_BYTES + 1)
    except (OSError, EOFError):
        return False
    if len(data) > MAX_DOC_BYTES:
        return False
    target.write_bytes(data)
    return True


SOURCES: Dict[str, Tuple[Callable[[], List[Tuple[str, Path]]], Callable[[Path, Path], bool]]] = {
    "gettext": (gettext_sources, write_catalogue), "man": (man_sources, write_text), "doc": (doc_sources, write_text),
}


def sampled(items: list, most: Optional[int]) -> list:
    """``most`` of ``items`` spread evenly over them (all of them when ``most`` is None)."""
    if most is None or len(items) <= most:
        return items
    step = len(items) / most
    return [items[int(n * step)] for n in range(most)]


def lint(cmd: Sequence[str], folder: Path) -> Tuple[float, List[dict]]:
    start = time.perf_counter()
    proc = subprocess.run([*cmd, "--format", "json", "."], cwd=folder, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    try:
        return seconds, json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        sys.exit(f"{shlex.join(cmd)} printed no JSON in {folder}: {proc.stderr.strip()[:300]}")


def shown(finding: dict) -> str:
    return f"{finding['path']}:{finding['line']}:{finding['column']}: {finding['code']} {finding['message']}"[:SHOWN_CHARS]


def report(name: str, folder: Path, seconds: float, findings: List[dict]) -> None:
    files = [p for p in folder.iterdir() if p.is_file()]
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    codes = Counter(f["code"] for f in findings)
    by_code = ", ".join(f"{code} {n}" for code, n in sorted(codes.items())) or "none"
    print(f"== {name}: {len(files)} files, {megabytes:.1f} MB, {seconds:.1f} s ({megabytes / seconds:.2f} MB/s); "
          f"findings: {by_code}")
    for finding in findings:
        if finding["code"] != "ENC001":
            print("  " + shown(finding))


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmd", default=DEFAULT_CMD, help="the moji-lint command line (default: this interpreter's)")
    parser.add_argument("--only", help="comma-separated sources: " + ",".join(SOURCES))
    parser.add_argument("--max-files", type=int, help="at most this many files per source, spread over all of them")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> None:
    args = parse_args(argv)
    names = args.only.split(",") if args.only else list(SOURCES)
    unknown = set(names) - set(SOURCES)
    if unknown:
        sys.exit(f"unknown source(s): {', '.join(sorted(unknown))}; choose from {', '.join(SOURCES)}")
    cmd = shlex.split(args.cmd)
    with tempfile.TemporaryDirectory(prefix="moji-system-text-") as tmp:
        for name in names:
            folder = Path(tmp) / name
            folder.mkdir()
            listed, write = SOURCES[name]
            if not sum(write(folder / target, source) for target, source in sampled(listed(), args.max_files)):
                print(f"== {name}: not on this machine")
                continue
            report(name, folder, *lint(cmd, folder))


if __name__ == "__main__":
    main()
