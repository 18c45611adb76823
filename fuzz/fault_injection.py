"""Kill `moji-lint --fix` with SIGKILL at random moments; no file may be left in a third state.

    python fuzz/fault_injection.py --files 1000 --kills 200

Damaged files (mojibake, legacy encodings, mixed bytes, and clean ones) are
written to a scratch folder, in ten sub-folders; a pristine copy fixed by a
complete run gives each file's correct fix. Then, again and again, the
damaged tree is put back and a run of `moji-lint --fix` over some of its
sub-folders (picked at random, so that a kill can come late in every folder
at a fraction of the cost) is killed with its worker processes at a random
moment. After each kill every file must hold either its original bytes or
its correct fix; after a last complete run, every file holds its fix and no
temporary file is left. The runs use a copy of moji_lint made at the start,
so that edits to the source meanwhile do not change what a fix is.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

import moji_lint
from moji_lint.chains import all_chains
from moji_lint.fixes import is_temporary

SENTENCES = {
    "fr": ["L'été dernier, nous sommes allés à la mer avec nos élèves.", "La crème brûlée était délicieuse, dit-il à sa sœur.",
           "Où est passé le château de Noël ? Déjà fermé, hélas.", "Il a reçu une lettre très émouvante de son frère aîné."],
    "de": ["Die Straße war nass, und die Brücke über den Fluss glänzte.", "Wir müssen die Übersetzung bis Größe fünf prüfen.",
           "Schöne Grüße aus München, schrieb sie auf die Rückseite."],
    "es": ["El niño comió una manzana en el jardín de su abuela.", "¿Dónde está la estación? Preguntó con educación."],
    "ru": ["Съешь же ещё этих мягких французских булок, да выпей чаю.", "Вчера вечером мы долго гуляли по набережной.",
           "Эта книга оказалась гораздо интереснее, чем я думал."],
    "el": ["Η γρήγορη καφέ αλεπού πηδά πάνω από το τεμπέλικο σκυλί.", "Καλημέρα σας, τι κάνετε σήμερα;"],
    "zh": ["今天天气很好，我们一起去公园散步吧。", "这本书讲述了一个关于勇气和友谊的故事。", "请在下班之前把报告发给我，谢谢。"],
    "ja": ["今日はとても良い天気ですね。散歩に行きましょう。", "この本は勇気と友情についての物語です。"],
    "ko": ["오늘은 날씨가 정말 좋네요. 같이 산책하러 갈까요?", "이 책은 용기와 우정에 관한 이야기입니다."],
}
LEGACY = {"fr": "cp1252", "de": "cp1252", "es": "cp1252", "ru": "cp1251", "el": "cp1253", "zh": "gbk",
          "ja": "shift_jis", "ko": "euc_kr"}
FOLDERS = 10
TRUE_ENCODING = {"ru": "cp1251", "el": "cp1253", "zh": "gbk", "ja": "cp932", "ko": "cp949"}


def document(rng: random.Random) -> bytes:
    """A small file: clean, or damaged in one of the ways moji-lint repairs."""
    lang = rng.choice(sorted(SENTENCES))
    lines = [rng.choice(SENTENCES[lang]) for _ in range(rng.randint(2, 6))]
    newline = "\r\n" if rng.random() < 0.2 else "\n"
    kind = rng.choice(["clean", "mojibake", "mojibake", "legacy", "mixed"])
    if kind == "legacy":
        return newline.join(lines).encode(LEGACY[lang]) + newline.encode()
    if kind == "mixed":
        at = rng.randrange(len(lines))
        parts = [line.encode(LEGACY[lang]) if i == at else line.encode() for i, line in enumerate(lines)]
        return newline.encode().join(parts) + newline.encode()
    if kind == "mojibake":
        at = rng.randrange(len(lines))
        lines[at] = garbled(lines[at], lang, rng)
    return (newline.join(lines) + newline).encode()


def garbled(text: str, lang: str, rng: random.Random) -> str:
    """``text`` mis-decoded by a chain that starts from its language's usual encoding (or UTF-8)."""
    true = TRUE_ENCODING.get(lang, "utf-8") if rng.random() < 0.5 else "utf-8"
    chains = [c for c in all_chains() if c.true == true] or [c for c in all_chains() if c.true == "utf-8"]
    for chain in rng.sample(chains, len(chains)):
        try:
            damaged = chain.garble(text)
            if chain.repair(damaged) == text and "\n" not in damaged and "\r" not in damaged:
                return damaged
        except (UnicodeError, ValueError):
            continue
    return text


def write_tree(root: Path, count: int, seed: int) -> Dict[str, bytes]:
    """``count`` files under ``root`` in a few folders; returns their bytes by relative path."""
    rng = random.Random(seed)
    files = {}
    for n in range(count):
        relative = f"part{n % FOLDERS}/doc{n:05d}.txt"
        files[relative] = document(rng)
    restore(root, files)
    return files


def restore(root: Path, files: Dict[str, bytes]) -> None:
    """Put back the files whose bytes differ from ``files`` (temporary files are left where they are)."""
    for relative, data in files.items():
        path = root / relative
        try:
            if path.read_bytes() == data:
                continue
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def read_tree(root: Path, files: Dict[str, bytes]) -> Dict[str, bytes]:
    return {relative: (root / relative).read_bytes() for relative in files}


def temporaries(root: Path) -> List[Path]:
    return [Path(folder, name) for folder, _, names in os.walk(root) for name in names if is_temporary(name)]


def frozen_copy(scratch: Path) -> Dict[str, str]:
    """The environment for runs of a copy of moji_lint taken now, in ``scratch``.

    Runs must not start in the checkout: ``python -m`` would import the package from there.
    """
    code = scratch / "code"
    shutil.copytree(Path(moji_lint.__file__).parent, code / "moji_lint", ignore=shutil.ignore_patterns("__pycache__"))
    return {**os.environ, "PYTHONPATH": str(code)}


def moji_lint_fix(paths: List[Path], jobs: int, env: Dict[str, str]) -> subprocess.Popen:
    """Start `moji-lint --fix` on ``paths`` in a process group of its own (its workers die with it)."""
    command = [sys.executable, "-m", "moji_lint", "--fix", "--exit-zero", "-q", "--jobs", str(jobs), *map(str, paths)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env=env, cwd=env["PYTHONPATH"])


def complete_run(root: Path, jobs: int, env: Dict[str, str]) -> float:
    """Run `moji-lint --fix` to the end; returns how long it took."""
    started = time.monotonic()
    status = moji_lint_fix([root], jobs, env).wait()
    if status != 0:
        raise RuntimeError(f"moji-lint --fix exited with {status} on {root}")
    return time.monotonic() - started


@dataclass
class Figures:
    files: int = 0
    changed_by_fix: int = 0
    kills: int = 0
    kills_mid_write: int = 0  # kills after the run had fixed some file
    third_state: List[str] = field(default_factory=list)
    temporaries_after_kills: int = 0
    temporaries_left_at_end: int = 0
    wrong_at_end: int = 0

    def lines(self) -> List[str]:
        return [
            f"files                          {self.files:,}",
            f"files the fix changes          {self.changed_by_fix:,}",
            f"kills (SIGKILL)                {self.kills:,}",
            f"kills after some file was fixed {self.kills_mid_write:,}",
            f"temporary files left by kills  {self.temporaries_after_kills:,}",
            f"files in a third state         {len(self.third_state):,}",
            f"files not fixed after last run {self.wrong_at_end:,}",
            f"temporary files after last run {self.temporaries_left_at_end:,}",
        ]


def inject_faults(scratch: Path, files: int, kills: int, seed: int, jobs: int, folders_per_run: int = 3,
                  log=print) -> Figures:
    """The whole experiment in ``scratch``; returns the figures."""
    figures = Figures(files=files)
    env = frozen_copy(scratch)
    pristine, work = scratch / "pristine", scratch / "work"
    originals = write_tree(pristine, files, seed)
    duration = complete_run(pristine, jobs, env)
    expected = read_tree(pristine, originals)
    figures.changed_by_fix = sum(expected[r] != originals[r] for r in originals)
    log(f"a complete run takes {duration:.1f} s and changes {figures.changed_by_fix} of {files} files")
    rng = random.Random(seed)
    folders = sorted({relative.split("/")[0] for relative in originals})
    while figures.kills < kills:
        restore(work, originals)
        chosen = rng.sample(folders, min(folders_per_run, len(folders)))
        process = moji_lint_fix([work / folder for folder in chosen], jobs, env)
        try:
            process.wait(timeout=rng.uniform(0, duration * len(chosen) / len(folders)))
            killed = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            killed = True
            figures.kills += 1
            if figures.kills % 20 == 0:
                log(f"{figures.kills} kills, {len(figures.third_state)} files in a third state")
        before = len(figures.third_state)
        tally_run(figures, read_tree(work, originals), originals, expected, killed)
        keep_evidence(scratch / "evidence" / str(figures.kills), work, figures.third_state[before:])
        figures.temporaries_after_kills += len(temporaries(work))
    complete_run(work, jobs, env)
    figures.wrong_at_end = sum(data != expected[r] for r, data in read_tree(work, originals).items())
    figures.temporaries_left_at_end = len(temporaries(work))
    return figures


def keep_evidence(folder: Path, work: Path, relatives: List[str]) -> None:
    """Copy the files found in a third state, to look at after the run."""
    for relative in relatives:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(work / relative, folder / relative)


def tally_run(figures: Figures, now: Dict[str, bytes], originals: Dict[str, bytes], expected: Dict[str, bytes],
              killed: bool) -> None:
    if killed and any(now[r] == expected[r] != originals[r] for r in now):
        figures.kills_mid_write += 1
    figures.third_state += [r for r in now if now[r] not in (originals[r], expected[r])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=200, help="runs to kill (default: 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=0, help="moji-lint --jobs (default: all cores)")
    parser.add_argument("--folders-per-run", type=int, default=3, help=f"of the {FOLDERS} folders (default: 3)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="moji-lint-faults-"))
    figures = inject_faults(scratch, args.files, args.kills, args.seed, args.jobs, args.folders_per_run)
    print("\n".join(figures.lines()))
    failed = figures.third_state or figures.wrong_at_end or figures.temporaries_left_at_end
    if failed:
        print(f"the files (pristine/, work/, evidence/ of each kill) are kept in {scratch}")
    else:
        shutil.rmtree(scratch)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
