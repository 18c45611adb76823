"""Reliability: fixes keep every byte they do not mean to change, writes are atomic, odd files and hostile inputs."""
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import REPO, write
from moji_lint import check_bytes, check_text, fix_bytes, fix_text
from moji_lint.api import Options
from moji_lint.cli import Task, run_task
from moji_lint.config import Config
from moji_lint.discovery import discover
from moji_lint.fixes import is_temporary, remove_stale_temporaries, write_atomic

sys.path.insert(0, str(REPO / "fuzz"))
from invariants import violations  # noqa: E402

SLOW = pytest.mark.skipif(
    not os.environ.get("MOJI_LINT_SLOW_TESTS"), reason="slow (minutes): set MOJI_LINT_SLOW_TESTS=1 to run it"
)
GARBLED = "L'Ã©tÃ© dernier Ã©tait chaud"
REPAIRED = "L'été dernier était chaud"


def garbled_file(newline: str = "\n", last: str = "\n") -> bytes:
    return f"Titre{newline}{GARBLED}{newline}fin{last}".encode()


def repaired_file(newline: str = "\n", last: str = "\n") -> bytes:
    return f"Titre{newline}{REPAIRED}{newline}fin{last}".encode()


def assert_stable(data: bytes) -> bytes:
    """Check and fix ``data``: no exception, no broken invariant; returns the fixed bytes."""
    assert violations(data) == []
    return fix_bytes(data)


# Fixes keep what they do not mean to change.


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("last", ["\n", "\r\n", ""])
def test_fix_keeps_line_endings_and_the_final_newline_or_its_absence(newline, last):
    assert fix_bytes(garbled_file(newline, last)) == repaired_file(newline, last)


def test_fix_keeps_mixed_line_endings_and_lone_carriage_returns():
    data = f"a\r\n{GARBLED}\nb\r\n\rc\r\n{GARBLED}\r\n".encode()
    assert fix_bytes(data) == f"a\r\n{REPAIRED}\nb\r\n\rc\r\n{REPAIRED}\r\n".encode()


def test_fix_keeps_the_bom():
    assert fix_bytes(b"\xef\xbb\xbf" + garbled_file()) == b"\xef\xbb\xbf" + repaired_file()


def test_fix_keeps_every_byte_outside_the_repaired_span():
    head = "  \t indented, trailing spaces   \n\x0c form feed, tab\there, ☃ and 👍🏽\n"
    tail = "\n\n\n   \t\n"
    data = (head + f"<<{GARBLED}>>" + tail).encode()
    assert fix_bytes(data) == (head + f"<<{REPAIRED}>>" + tail).encode()


def test_legacy_file_transcoded_keeps_crlf_and_no_final_newline():
    text = "Привет, мир!\r\nЭто проверка кодировки: съешь же ещё этих мягких французских булок.\r\nКонец"
    assert fix_bytes(text.encode("cp1251")) == text.encode("utf-8")


# Atomic writes.


def test_write_atomic_writes_through_a_symlink_and_keeps_it(tmp_path):
    target = write(tmp_path / "real.txt", b"old")
    os.symlink("real.txt", tmp_path / "link.txt")
    write_atomic(str(tmp_path / "link.txt"), b"new", original=b"old")
    assert os.readlink(tmp_path / "link.txt") == "real.txt"
    assert target.read_bytes() == b"new"


def test_write_atomic_accepts_a_file_already_holding_the_new_bytes(tmp_path):
    path = write(tmp_path / "a.txt", b"new")
    write_atomic(str(path), b"new", original=b"old")
    assert path.read_bytes() == b"new"


@pytest.mark.parametrize("failing", ["fsync", "replace", "chmod"])
def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path, monkeypatch, failing):
    path = write(tmp_path / "a.txt", b"old")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError):
        write_atomic(str(path), b"new", original=b"old")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_unwritable_file_is_reported_with_its_path_and_left_alone(run_cli, tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", garbled_file())

    def deny(*args, dir=None, **kwargs):
        raise PermissionError(13, "Permission denied", dir)

    monkeypatch.setattr(tempfile, "mkstemp", deny)
    result = run_cli("--fix", "a.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "moji-lint: error: a.txt: cannot write: Permission denied\n"
    assert path.read_bytes() == garbled_file()


def test_a_read_only_file_is_not_replaced(run_cli, tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", garbled_file())
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: mode != os.W_OK and real_access(p, mode, **kw))
    result = run_cli("--fix", "a.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "moji-lint: error: a.txt: cannot write: Permission denied\n"
    assert path.read_bytes() == garbled_file()


def test_file_changed_while_being_checked_is_not_written(tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", garbled_file())
    import moji_lint.cli as cli

    real_check = cli.check

    def check_then_edit(data, options):
        result = real_check(data, options)
        path.write_bytes(b"edited meanwhile\n")
        return result

    monkeypatch.setattr(cli, "check", check_then_edit)
    outcome = run_task(Task(str(path), cli.Options(), 1 << 20, fix=True))
    assert outcome.errors == [f"{path}: changed on disk while being checked; not fixed"]
    assert path.read_bytes() == b"edited meanwhile\n"


def test_a_fix_that_would_change_again_is_not_written(run_cli, tmp_path, monkeypatch):
    import moji_lint.api as api

    path = write(tmp_path / "a.txt", garbled_file())
    monkeypatch.setattr(api, "fixed_bytes", lambda document, findings, unsafe=False: document.data + b"!")
    result = run_cli("--fix", "a.txt", cwd=tmp_path)
    assert result.code == 1
    assert result.err == (
        "moji-lint: warning: a.txt: not fixed: fixing the result again would change it (please report this)\n"
    )
    assert path.read_bytes() == garbled_file()


# Temporary files of a killed run.


def dead_pid() -> int:
    """The id of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", ""])
    proc.wait()
    return proc.pid


def test_next_fix_removes_only_our_stale_temporary_files(run_cli, tmp_path):
    write(tmp_path / "a.txt", garbled_file())
    stale = write(tmp_path / f".moji-lint-{dead_pid()}-k1lled_.tmp", b"half a fi")
    live = write(tmp_path / f".moji-lint-{os.getpid()}-w0rking.tmp", b"being written")
    theirs = write(tmp_path / ".moji-lint-notes.tmp", b"a user's file")
    hour_ago = time.time() - 3600
    for path in (stale, live, theirs):
        os.utime(path, (hour_ago, hour_ago))
    assert run_cli(tmp_path).code == 1
    assert stale.exists()
    assert run_cli("--fix", tmp_path).code == 1
    assert sorted(os.listdir(tmp_path)) == sorted(["a.txt", live.name, theirs.name])
    assert (tmp_path / "a.txt").read_bytes() == repaired_file()


def test_a_temporary_file_newer_than_the_run_is_kept(tmp_path):
    fresh = write(tmp_path / f".moji-lint-{dead_pid()}-fresh.tmp", b"x")
    assert remove_stale_temporaries(str(tmp_path), before=time.time() - 60) == []
    assert remove_stale_temporaries(str(tmp_path), before=time.time() + 60) == [str(fresh)]


def test_temporary_files_are_not_checked(tmp_path):
    write(tmp_path / ".moji-lint-123-abc.tmp", garbled_file())
    write(tmp_path / "a.txt", "x")
    assert [c.path for c in discover([str(tmp_path)], Config(root=str(tmp_path)))] == [str(tmp_path / "a.txt")]
    assert is_temporary(".moji-lint-123-abc_d.tmp") and not is_temporary(".moji-lint-notes.tmp")


# Links, special files, unreadable files and odd names.


def test_fix_through_a_symlink_in_the_tree_keeps_the_link(run_cli, tmp_path):
    write(tmp_path / "tree" / "real.txt", garbled_file())
    os.symlink("real.txt", tmp_path / "tree" / "alias.txt")
    result = run_cli("--fix", "tree", cwd=tmp_path)
    assert result.code == 1, result.err
    assert os.readlink(tmp_path / "tree" / "alias.txt") == "real.txt"
    assert (tmp_path / "tree" / "real.txt").read_bytes() == repaired_file()


def test_symlinks_out_of_the_tree_are_neither_checked_nor_fixed(run_cli, tmp_path):
    outside = write(tmp_path / "outside" / "a.txt", garbled_file())
    (tmp_path / "tree").mkdir()
    os.symlink(outside, tmp_path / "tree" / "link.txt")
    os.symlink(tmp_path / "outside", tmp_path / "tree" / "folder")
    result = run_cli("--fix", "tree", cwd=tmp_path)
    assert (result.code, result.out) == (0, "All checks passed!\n")
    assert outside.read_bytes() == garbled_file()


def test_fifo_device_and_socket_are_skipped_without_blocking(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe")
    server = socket.socket(socket.AF_UNIX)
    server.bind("sock")
    try:
        result = run_cli(".")
        assert (result.code, result.out) == (0, "All checks passed!\n")
        result = run_cli("pipe", "sock", "/dev/null")
    finally:
        server.close()
    assert result.code == 2
    assert result.err.splitlines() == [
        f"moji-lint: error: {name}: not a regular file" for name in ("pipe", "sock", "/dev/null")
    ]


def test_a_path_that_became_a_fifo_after_discovery_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    outcome = run_task(Task(str(tmp_path / "pipe"), Options(), 1 << 20))
    assert outcome.warnings == [f"{tmp_path / 'pipe'}: skipped: not a regular file"]
    assert not outcome.checked and not outcome.errors


def test_unreadable_folder_is_reported(run_cli, tmp_path, monkeypatch):
    write(tmp_path / "locked" / "a.txt", garbled_file())
    write(tmp_path / "open" / "b.txt", "x")
    real_scandir = os.scandir

    def deny(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    result = run_cli(".", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "moji-lint: error: ./locked: cannot read folder: Permission denied\n"


NAME = os.fsdecode(b"caf\xe9-\xff.txt")


def test_file_names_that_are_not_utf8_in_text_and_json(run_cli, tmp_path):
    write(tmp_path / NAME, garbled_file())
    text = run_cli(".", cwd=tmp_path).out
    assert "caf\\udce9-\\udcff.txt:2:3: MOJ001 [*] " in text
    findings = json.loads(run_cli("--format", "json", ".", cwd=tmp_path).out)
    assert {os.path.normpath(f["path"]) for f in findings} == {NAME}
    assert run_cli("--fix", ".", cwd=tmp_path).code == 1
    assert (tmp_path / NAME).read_bytes() == repaired_file()


def test_file_names_that_are_not_utf8_through_a_real_console(tmp_path):
    write(tmp_path / NAME, garbled_file())
    run = subprocess.run(
        [sys.executable, "-m", "moji_lint", "--format", "json", "."], cwd=tmp_path, capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert run.returncode == 1, run.stderr
    assert {os.path.normpath(f["path"]) for f in json.loads(run.stdout)} == {NAME}
    run = subprocess.run([sys.executable, "-m", "moji_lint", "."], cwd=tmp_path, capture_output=True)
    assert b"caf\\udce9-\\udcff.txt:2:3: MOJ001" in run.stdout, run.stderr
    assert b"Traceback" not in run.stderr


def test_a_reader_that_went_away_ends_the_run_quietly(tmp_path):
    write(tmp_path / "a.txt", garbled_file())
    proc = subprocess.Popen([sys.executable, "-m", "moji_lint", "a.txt"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # as `moji-lint | head -0` does
    assert proc.wait() == 141
    assert proc.stderr.read() == b""


# Hostile inputs.


def test_a_200_mb_file_is_skipped_over_the_size_limit(run_cli, tmp_path):
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(200 * 1000 * 1000)
    write(tmp_path / "a.txt", garbled_file())
    result = run_cli("--fix", ".", cwd=tmp_path)
    assert result.code == 1
    [warning] = result.err.splitlines()
    assert warning.startswith("moji-lint: warning: ")
    assert warning.endswith("huge.txt: skipped: 200,000,000 bytes is over the limit of 52,428,800 (max-file-size)")
    assert os.path.getsize(tmp_path / "huge.txt") == 200 * 1000 * 1000


@SLOW
def test_a_20_mb_single_line():
    """Fixed right (its speed, about 3 minutes of CPU, is a benchmark's business, not a test's)."""
    line = ("Plain ASCII words, nothing odd here. " * 550_000)[:20_000_000]
    data = (line + GARBLED).encode()
    assert fix_bytes(data) == (line + REPAIRED).encode()


@pytest.mark.parametrize("garbled, repaired, times", [("cafÃ©", "café", 12), ("GrÃ¶ÃŸe Ã¤ndern", "Größe ändern", 200),
                                                      ("ÐŸÑ€Ð¸Ð²ÐµÑ‚, ÐºÐ°Ðº Ð´ÐµÐ»Ð°?", "Привет, как дела?", 200)])
def test_the_same_garbled_line_many_times_is_found_and_fixed_on_every_line(garbled, repaired, times):
    data = f"{garbled}\n".encode() * times
    assert {f.line for f in check_bytes(data)} == set(range(1, times + 1))
    assert fix_bytes(data) == f"{repaired}\n".encode() * times


def test_a_file_of_only_nul_bytes(run_cli, tmp_path):
    assert_stable(b"\0" * 100_000)
    write(tmp_path / "nul.bin", b"\0" * 100_000)
    result = run_cli("--fix", tmp_path)
    assert (result.code, result.out) == (0, "All checks passed!\n")
    assert (tmp_path / "nul.bin").read_bytes() == b"\0" * 100_000


SHORT = "Één café, 北京, Ж\n".encode()


@pytest.mark.parametrize("bad", [b"\xff", b"\x80", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"])
def test_invalid_utf8_at_every_position_of_a_short_file(bad):
    for at in range(len(SHORT) + 1):
        for data in (SHORT[:at] + bad + SHORT[at:], SHORT[:at] + bad + SHORT[at + len(bad):]):
            assert violations(data) == []


def test_surrogate_escapes_and_encoded_surrogates():
    for text in ("caf\udce9 \udcff\n", "\udc80", f"{GARBLED}\udcc3\n"):
        check_text(text)
        assert fix_text(fix_text(text)) == fix_text(text)
    for data in (b"\xed\xb3\xa9\n", b"\xed\xa0\xbd\xed\xb8\x80\n", GARBLED.encode() + b"\xed\xb3\xa9"):
        assert_stable(data)


@pytest.mark.parametrize("data", [b'# -*- coding: utf-8 -*-\nprint("Gr\xc3\xbc\xc3\x9f dich")  # moj\xcd-lint\n',
                                  b"#coding:r\xc3j\xcd"])
def test_a_declared_coding_that_does_not_decode_the_file(data):
    assert violations(data) == []


def test_text_with_a_lone_surrogate_that_is_not_an_escape_is_refused_with_a_clear_error():
    for function in (check_text, fix_text):
        with pytest.raises(ValueError, match="U\\+D800 at 1, a lone surrogate"):
            function("a\ud800b\n")


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b""])
def test_a_bom_followed_by_nothing(data):
    assert check_bytes(data) == [] or all(f.code.startswith("ENC") for f in check_bytes(data))
    assert_stable(data)


@pytest.mark.parametrize("text", ["Hello, world\n", "Привет, мир\r\n", "日本語のテキスト\n"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_an_odd_byte_count(run_cli, tmp_path, text, codec):
    data = text.encode(codec) + b"!"
    assert assert_stable(data) in (data, text.encode() + b"!")
    path = write(tmp_path / "odd.txt", data)
    assert run_cli("--fix", path).code in (0, 1)


@SLOW
def test_100000_files_in_one_folder(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(100_000):
        with open(folder / f"f{i:06d}.txt", "wb") as f:
            f.write(b"ok\n")
    write(folder / "f050000.txt", garbled_file())
    run = subprocess.run(
        [sys.executable, "-m", "moji_lint", "--fix", "-q", "many"], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode == 1, run.stderr
    assert run.stdout == ""
    assert (folder / "f050000.txt").read_bytes() == repaired_file()
    assert len(os.listdir(folder)) == 100_000


def nest(top, depth: int, name: str = "d") -> str:
    """Make ``depth`` nested folders under ``top`` (one step at a time: the whole path may be too long)."""
    fd = os.open(top, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir(name, dir_fd=fd)
        inner = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as f:
        f.write(garbled_file())
    os.close(fd)
    return os.path.join(str(top), *[name] * depth, "deep.txt")


def remove_tree(top) -> None:
    """Remove a folder tree of any depth: shutil.rmtree (and pytest's clean-up) recurse once per level."""
    lifted = itertools.count()
    while True:
        children = [e.name for e in os.scandir(top) if e.is_dir(follow_symlinks=False)]
        if not children:
            break
        for child in children:
            path = os.path.join(top, child)
            for grandchild in [e.name for e in os.scandir(path) if e.is_dir(follow_symlinks=False)]:
                os.rename(os.path.join(path, grandchild), os.path.join(top, f"lifted-{next(lifted)}"))
            shutil.rmtree(path)
    shutil.rmtree(top)


@pytest.fixture
def deep_folder():
    """A folder for trees too deep for the usual clean-up, removed after the test."""
    top = Path(tempfile.mkdtemp(prefix="moji-lint-deep-"))  # not under pytest's folders, whose clean-up it would break
    yield top
    remove_tree(top)


def test_a_path_deeper_than_200_folders(run_cli, deep_folder):
    path = nest(deep_folder, 210, "folder")
    result = run_cli("--fix", ".", cwd=deep_folder)
    assert result.code == 1, result.err
    with open(path, "rb") as f:
        assert f.read() == repaired_file()


def test_deeper_than_the_recursion_limit_and_longer_than_path_max(run_cli, deep_folder):
    nest(deep_folder, sys.getrecursionlimit() + 100)
    nest(deep_folder, 300, "a-long-folder-name")
    result = run_cli(".", cwd=deep_folder)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "deep.txt:2:3: MOJ001" in result.out
    assert "a-long-folder-name: cannot read folder: File name too long" in result.err
