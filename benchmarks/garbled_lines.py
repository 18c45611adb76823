"""How moji-lint finds and repairs whole lines of real translations garbled by each codec chain, and what it says
about files that hold two languages.

    python benchmarks/garbled_lines.py                    # a minute and a half
    python benchmarks/garbled_lines.py --docs 3 --seed 7  # fewer documents, other lines
    python benchmarks/garbled_lines.py --cmd "moji-lint -j1"
    python benchmarks/garbled_lines.py --keep /tmp/garbled  # keep the documents and the fixed copies

The text is this machine's own: the translations in the gettext catalogues under /usr/share/locale (read
from the .mo files; skipped where there are none). Two sets are written to a temporary folder and checked
with ``--format json``, then fixed on a copy with ``--fix``:

garbled   for each codec chain and each language written in its true encoding (for UTF-8, a sample of
          scripts), documents of ``LINES`` translated messages where a quarter, or half, of the lines were
          saved in that encoding and read in the wrong one, whole lines as a paste does: the lines the chain
          changes are the damage (a line the wrong codec cannot read stays clean).
          Printed per chain and language: the damaged lines, how many of them a finding of the check marks
          (found), how many ``--fix`` restores exactly (its later rounds may repair lines the check did not
          mark), how many it changes into something else (other: a line left half repaired, or a wrong
          repair), findings on other lines (false), and other lines that ``--fix`` changed.
          (mojibench garbles stretches inside lines; here most of a file's letters may be garbled ones.)
mixed     files of a language of a legacy single-byte code page (Czech, Russian, Greek...) holding a few to
          many lines of a Latin-script language (French, Danish, Portuguese...): nothing was damaged here, so
          nearly every MOJ001 is false (the catalogues hold a little real mojibake of their own: Dutch
          ``geÃ¯nstalleerd``). Each is printed, to be read, with the lines ``--fix`` changes.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterator, List, Sequence, Set, Tuple

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from moji_lint.chains import Chain, all_chains  # noqa: E402

DEFAULT_CMD = shlex.join([sys.executable, "-m", "moji_lint"])
LOCALE = Path("/usr/share/locale")
LINES = 40  # messages per document
SHARES = (0.25, 0.5)  # of a document's lines garbled
UTF8_LANGUAGES = ("fr", "de", "pl", "ru", "el", "zh_CN", "ja")  # a sample of the scripts UTF-8 text is in
LANGUAGES = {  # the languages each true encoding writes, as /usr/share/locale names them
    "utf-8": UTF8_LANGUAGES,
    "cp1252": ("fr", "de", "es"),
    "gbk": ("zh_CN",),
    "cp950": ("zh_TW",),
    "cp932": ("ja",),
    "euc_jp": ("ja",),
    "cp949": ("ko",),
    "cp1250": ("cs", "pl", "hu", "sk", "sl", "hr", "ro"),
    "cp1251": ("ru", "uk", "bg", "sr", "be", "mk"),
    "cp1253": ("el",),
    "cp1255": ("he",),
    "cp1256": ("ar", "fa"),
    "cp874": ("th",),
    "koi8_r": ("ru",),
}
LEGACY = ("cp1250", "cp1251", "cp1253", "cp1255", "cp1256", "cp874")  # single-byte code pages: mixed files
FOREIGN = ("fr", "it", "es", "pt", "ca", "da", "nb", "sv", "is", "de", "nl", "fi", "et", "lt", "lv", "tr", "vi", "eo")
FOREIGN_LINES = (3, 15, 40)  # lines of the other language in a mixed file
SHOWN_CHARS = 100


def mo_messages(path: Path) -> Iterator[str]:
    """The translations in a gettext .mo file (each plural form on its own), those that are UTF-8."""
    data = path.read_bytes()
    order = "little" if data[:4] == b"\xde\x12\x04\x95" else "big"

    def word(offset: int) -> int:
        return int.from_bytes(data[offset:offset + 4], order)

    count, translations = word(8), word(16)
    for n in range(count):
        length, offset = word(translations + 8 * n), word(translations + 8 * n + 4)
        for form in data[offset:offset + length].split(b"\0"):
            try:
                yield form.decode("utf-8")
            except UnicodeDecodeError:
                continue


def language_messages(language: str) -> List[str]:
    """The distinct one-line translations into ``language`` that write letters beyond ASCII, sorted."""
    found: Set[str] = set()
    for mo in sorted((LOCALE / language / "LC_MESSAGES").glob("*.mo")):
        for message in mo_messages(mo):
            if (10 <= len(message) <= 200 and not message.isascii() and message.isprintable()
                    and any(c.isalpha() and not c.isascii() for c in message)):
                found.add(message)
    return sorted(found)


class Messages:
    """Each language's messages, read once, in an order of the seed's."""

    def __init__(self, seed: int):
        self.seed, self.cache = seed, {}

    def __call__(self, language: str) -> List[str]:
        if language not in self.cache:
            messages = language_messages(language)
            random.Random(f"{self.seed}:{language}").shuffle(messages)
            self.cache[language] = messages
        return self.cache[language]


def chains(only: Sequence[str] = ()) -> List[Chain]:
    """The chains whose true encoding has languages in ``LANGUAGES`` (and whose name holds one of ``only``)."""
    return [chain for chain in all_chains()
            if chain.true in LANGUAGES and (not only or any(part in chain.name for part in only))]


def garbled_documents(chain: Chain, messages: Messages, docs: int, rng: random.Random
                      ) -> Iterator[Tuple[str, List[str], List[str], Set[int]]]:
    """``(name, lines, clean lines, damaged line numbers)`` for each document of ``chain``."""
    for language in LANGUAGES[chain.true]:
        pool = messages(language)
        if len(pool) < LINES:
            continue
        for n in range(docs):
            share = SHARES[n % len(SHARES)]
            clean = rng.sample(pool, LINES)
            lines, damaged = [], set()
            for number, line in enumerate(clean, 1):
                garbled = garble(chain, line) if rng.random() < share else line
                lines.append(garbled)
                if garbled != line:
                    damaged.add(number)
            yield f"{language}_{n}.txt", lines, clean, damaged


def garble(chain: Chain, line: str) -> str:
    """The line as ``chain`` garbles it, or as it is where its true code page cannot write it."""
    try:
        return chain.garble(line)
    except UnicodeError:
        return line


def mixed_documents(messages: Messages, rng: random.Random) -> Iterator[Tuple[str, List[str]]]:
    for language in sorted({language for code_page in LEGACY for language in LANGUAGES[code_page]}):
        pool = messages(language)
        for foreign in FOREIGN:
            others = messages(foreign)
            if len(pool) < LINES or not others:
                continue
            for count in FOREIGN_LINES:
                lines = rng.sample(pool, LINES) + rng.sample(others, min(count, len(others)))
                rng.shuffle(lines)
                yield f"{language}_{foreign}_{count}.txt", lines


def checkout_env() -> Dict[str, str]:
    """The environment for the command: this checkout's ``moji_lint`` first on the import path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def run_json(cmd: Sequence[str], folder: Path) -> Dict[str, Dict[int, List[dict]]]:
    """The findings of ``cmd --format json`` on ``folder``, by file name and line."""
    proc = subprocess.run([*cmd, "--format", "json", "."], cwd=folder, capture_output=True, text=True,
                          env=checkout_env())
    found: Dict[str, Dict[int, List[dict]]] = defaultdict(lambda: defaultdict(list))
    for finding in json.loads(proc.stdout or "[]"):
        found[Path(finding["path"]).name][finding["line"]].append(finding)
    return found


def run_fix(cmd: Sequence[str], folder: Path, copy: Path) -> None:
    shutil.copytree(folder, copy)
    subprocess.run([*cmd, "--fix", "."], cwd=copy, capture_output=True, env=checkout_env())


def write(folder: Path, name: str, lines: Sequence[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def score_garbled(cmd: Sequence[str], root: Path, messages: Messages, docs: int, seed: int,
                  only: Sequence[str]) -> None:
    print(f"== garbled: {LINES} messages a document, {' or '.join(f'{s:.0%}' for s in SHARES)} of the lines "
          f"garbled whole, {docs} documents a language")
    columns = ("docs", "lines", "found", "exact", "other", "false", "changed")
    print(f"{'chain':32} {'lang':7} " + " ".join(f"{c:>7}" for c in columns))
    totals = Row()
    for chain in chains(only):
        folder = root / "garbled" / chain.name.replace(">", "_")
        truth = {}
        rng = random.Random(f"{seed}:{chain.name}")
        for name, lines, clean, damaged in garbled_documents(chain, messages, docs, rng):
            write(folder, name, lines)
            truth[name] = (clean, damaged)
        if not truth:
            continue
        found = run_json(cmd, folder)
        fixed_folder = folder.with_name(folder.name + ".fixed")
        run_fix(cmd, folder, fixed_folder)
        by_language: Dict[str, Row] = defaultdict(Row)
        for name, (clean, damaged) in truth.items():
            fixed, garbled = read_lines(fixed_folder / name), read_lines(folder / name)
            by_language[name.rsplit("_", 1)[0]].add(clean, garbled, fixed, damaged, set(found[name]))
        for language, row in by_language.items():
            print(f"{chain.name:32} {language:7} {row}")
            totals.merge(row)
    print(f"{'all':32} {'':7} {totals}")


class Row:
    """The counts of a row of the garbled table."""

    def __init__(self):
        self.docs = self.lines = self.found = self.exact = self.other = self.false = self.changed = 0

    def add(self, clean: List[str], garbled: List[str], fixed: List[str], damaged: Set[int], flagged: Set[int]):
        """Count one document: its ``damaged`` line numbers, those ``flagged`` by the check, the lines after the fix."""
        self.docs += 1
        self.lines += len(damaged)
        self.found += len(damaged & flagged)
        self.exact += sum(1 for n in damaged if fixed[n - 1] == clean[n - 1])
        self.other += sum(1 for n in damaged if fixed[n - 1] not in (clean[n - 1], garbled[n - 1]))
        self.false += len(flagged - damaged)
        self.changed += sum(1 for n, line in enumerate(clean, 1) if n not in damaged and fixed[n - 1] != line)

    def merge(self, other: "Row") -> None:
        for key, value in vars(other).items():
            setattr(self, key, getattr(self, key) + value)

    def __str__(self) -> str:
        found, exact = percent(self.found, self.lines), percent(self.exact, self.lines)
        return f"{self.docs:7} {self.lines:7} {found:>7} {exact:>7} {self.other:7} {self.false:7} {self.changed:7}"


def score_mixed(cmd: Sequence[str], root: Path, messages: Messages, seed: int) -> None:
    folder = root / "mixed"
    texts = {}
    for name, lines in mixed_documents(messages, random.Random(f"{seed}:mixed")):
        write(folder, name, lines)
        texts[name] = lines
    if not texts:
        return
    found = run_json(cmd, folder)
    run_fix(cmd, folder, folder.with_name("mixed.fixed"))
    false = [(name, line, f) for name, lines in found.items() for line, fs in lines.items() for f in fs
             if f["code"] == "MOJ001"]
    changed = [(name, n, line) for name, lines in texts.items()
               for n, (line, fixed) in enumerate(zip(lines, read_lines(folder.with_name("mixed.fixed") / name)), 1)
               if line != fixed]
    print(f"\n== mixed: {len(texts)} files of a language of those code pages holding "
          f"{', '.join(map(str, FOREIGN_LINES))} lines of another; MOJ001: {len(false)} on "
          f"{len({(n, l) for n, l, _ in false})} lines, in {len({n for n, _, _ in false})} files; "
          f"lines changed by --fix: {len(changed)}")
    for name, line, finding in sorted(false, key=lambda x: (x[0], x[1])):
        print(f"  {name}:{line}: {finding['message'][:SHOWN_CHARS]}")
    for name, n, line in changed:
        print(f"  changed {name}:{n}: {line[:SHOWN_CHARS]}")


def read_lines(path: Path) -> List[str]:
    return path.read_text(encoding="utf-8").split("\n")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def main(argv: Sequence[str] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmd", default=DEFAULT_CMD, help="the moji-lint command (default: this interpreter's)")
    parser.add_argument("--docs", type=int, default=6, help="documents per chain and language (default: 6)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", help="write the documents and their fixed copies here, to read")
    parser.add_argument("--chains", metavar="NAMES", help="only the chains whose name (true>wrong) holds one of "
                        "these, comma-separated (cp1250,koi8); the mixed files too when cp1250's is one")
    args = parser.parse_args(argv)
    if not LOCALE.is_dir():
        print(f"no gettext catalogues under {LOCALE}: nothing to measure")
        return 0
    cmd = shlex.split(args.cmd)
    messages = Messages(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep or tmp)
        only = args.chains.split(",") if args.chains else []
        score_garbled(cmd, root, messages, args.docs, args.seed, only)
        if not only or any(part in "cp1250>sloppy-cp1252" for part in only):
            score_mixed(cmd, root, messages, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
