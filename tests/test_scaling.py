"""Large files checked in chunks and many files checked in parallel give what one whole check gives."""
import os

import pytest

from moji_lint import cli
from moji_lint.api import Options

CLEAN_LINES = [
    "Le café de la gare ouvre à {n} heures.",
    "Die Größe der Übertragung {n} ist zulässig.",
    "本日のアクセス数は{n}件でした。",
    "Пользователь {n} вошёл в систему.",
    "plain ASCII line number {n}",
]
REPAIRED_LINE = "L'été dernier, à Noël, j'ai goûté un café crème."
GARBLED_LINE = REPAIRED_LINE.encode("utf-8").decode("cp1252")  # "L'Ã©tÃ© dernier, Ã\xa0 NoÃ«l, ..."


def text_with_damage(lines: int, every: int) -> str:
    """Clean lines, with the same garbled line every ``every`` lines."""
    out = []
    for n in range(lines):
        out.append(GARBLED_LINE if n % every == every // 2 else CLEAN_LINES[n % len(CLEAN_LINES)].format(n=n))
    return "\n".join(out) + "\n"


def run(path, chunk_bytes, monkeypatch, fix=False, jobs=1):
    monkeypatch.setattr(cli, "CHUNK_BYTES", chunk_bytes)
    outcome = cli.run_task(cli.Task(str(path), Options(), 50 << 20, fix=fix, jobs=jobs))
    return outcome, [(f.code, f.location, f.message, f.related) for f in outcome.findings]


@pytest.fixture
def damaged(tmp_path):
    path = tmp_path / "log.txt"
    path.write_bytes(text_with_damage(120, 25).encode("utf-8"))
    return path


@pytest.mark.parametrize("jobs", [1, 2])
def test_chunked_check_finds_what_a_whole_check_finds(damaged, monkeypatch, jobs):
    _, whole = run(damaged, 1 << 30, monkeypatch)
    outcome, chunked = run(damaged, 300, monkeypatch, jobs=jobs)
    assert chunked == whole
    assert {location.line for _, location, _, _ in chunked} == {13, 38, 63, 88, 113}
    assert outcome.checked and not outcome.errors


@pytest.mark.parametrize("jobs", [1, 2])
def test_chunked_fix_writes_what_a_whole_fix_writes(damaged, tmp_path, monkeypatch, jobs):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(damaged.read_bytes())
    whole_outcome, _ = run(damaged, 1 << 30, monkeypatch, fix=True)
    chunked_outcome, left = run(copy, 300, monkeypatch, fix=True, jobs=jobs)
    assert copy.read_bytes() == damaged.read_bytes() == text_with_damage(120, 25).replace(
        GARBLED_LINE, REPAIRED_LINE).encode("utf-8")
    assert chunked_outcome.changed and whole_outcome.changed
    assert left == [] and not chunked_outcome.errors
    assert not any(name.endswith(".tmp") for name in os.listdir(tmp_path))


def test_chunked_fix_leaves_a_clean_file_untouched(tmp_path, monkeypatch):
    path = tmp_path / "clean.txt"
    path.write_bytes(text_with_damage(60, 1000).encode("utf-8"))
    before = os.stat(path)
    outcome, findings = run(path, 300, monkeypatch, fix=True)
    after = os.stat(path)
    assert findings == [] and not outcome.changed
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_large_legacy_file_is_judged_whole(tmp_path, monkeypatch):
    text = "".join(CLEAN_LINES[n % 2].format(n=n) + "\n" for n in range(80))
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1", "ignore"))
    _, whole = run(path, 1 << 30, monkeypatch)
    _, chunked = run(path, 300, monkeypatch)
    assert chunked == whole
    assert [code for code, _, _, _ in chunked] == ["ENC001"]


def test_ignore_file_comment_at_the_top_covers_every_chunk(tmp_path, monkeypatch):
    path = tmp_path / "ignored.txt"
    path.write_bytes(("# moji-lint: ignore-file\n" + text_with_damage(120, 25)).encode("utf-8"))
    outcome, findings = run(path, 300, monkeypatch)
    assert findings == [] and outcome.checked


def test_line_chunks_end_after_newlines(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "CHUNK_BYTES", 4)
    path = tmp_path / "lines.txt"
    path.write_bytes(b"ab\ncdefgh\nij\nk")
    with open(path, "rb") as f:
        assert list(cli.line_chunks(f)) == [b"ab\n", b"cdefgh\n", b"ij\n", b"k"]


def test_size_batches_put_the_largest_files_first_and_keep_every_file():
    sizes = [10, 500_000, 3, 70_000, 70_000, 200]
    batches = cli.size_batches(sizes, 2)
    assert batches[0] == [1]
    assert sorted(i for batch in batches for i in batch) == list(range(len(sizes)))


def test_parallel_run_reports_in_the_order_of_the_files(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "PARALLEL_MIN_BYTES", 0)
    paths = []
    for n in range(6):
        path = tmp_path / f"f{n}.txt"
        path.write_text(GARBLED_LINE + "\n" + "x" * (n * 100) + "\n", encoding="utf-8")
        paths.append(str(path))
    tasks = [cli.Task(p, Options(), 50 << 20) for p in paths]
    outcomes = cli.run_all(tasks, 2)
    assert [o.findings[0].path for o in outcomes] == paths
