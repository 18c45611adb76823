"""The command line as users meet it: output, exit status, fixes, and bad input."""
import builtins
import json

from conftest import write

MOJIBAKE = "Titre\nL'Ã©tÃ© dernier\n"
REPAIRED = "Titre\nL'été dernier\n"
CLEAN = "Crème brûlée, naïve café\n饕餮 魑魅魍魉\n├── src/\n👍🏽 🎉\n"


def test_clean_tree_passes(run_cli, tmp_path):
    write(tmp_path / "a.txt", CLEAN)
    result = run_cli(tmp_path)
    assert (result.code, result.out, result.err) == (0, "All checks passed!\n", "")


def test_finding_is_reported_with_position_and_summary(run_cli, tmp_path):
    write(tmp_path / "a.txt", MOJIBAKE)
    result = run_cli("a.txt", cwd=tmp_path)
    first, summary = result.out.splitlines()
    assert first.startswith("a.txt:2:3: MOJ001 [*] ")
    assert summary == "Found 1 finding (1 fixable with --fix)."
    assert result.code == 1


def test_json_lists_the_documented_fields(run_cli, tmp_path):
    write(tmp_path / "a.txt", MOJIBAKE)
    [finding] = json.loads(run_cli("--format", "json", "a.txt", cwd=tmp_path).out)
    assert {k: finding[k] for k in ("path", "line", "column", "end_line", "end_column", "code", "name", "fixable")} == {
        "path": "a.txt", "line": 2, "column": 3, "end_line": 2, "end_column": 8,
        "code": "MOJ001", "name": "mojibake", "fixable": True,
    }


def test_fix_rewrites_and_exits_1_then_0(run_cli, tmp_path):
    path = write(tmp_path / "a.txt", MOJIBAKE)
    assert run_cli("--fix", path).code == 1
    assert path.read_bytes() == REPAIRED.encode()
    assert run_cli("--fix", path).code == 0
    assert path.read_bytes() == REPAIRED.encode()


def test_diff_prints_the_change_and_writes_nothing(run_cli, tmp_path):
    path = write(tmp_path / "a.txt", MOJIBAKE)
    result = run_cli("--diff", "a.txt", cwd=tmp_path)
    assert "-L'Ã©tÃ© dernier\n+L'été dernier\n" in result.out
    assert path.read_bytes() == MOJIBAKE.encode()


def test_select_and_ignore(run_cli, tmp_path):
    write(tmp_path / "a.txt", MOJIBAKE)
    assert run_cli("--ignore", "MOJ", tmp_path).code == 0
    assert run_cli("--select", "DUP001", tmp_path).code == 0
    assert run_cli("--select", "MOJ001", tmp_path).code == 1


def test_exit_zero_and_statistics(run_cli, tmp_path):
    write(tmp_path / "a.txt", MOJIBAKE)
    result = run_cli("--exit-zero", "--statistics", tmp_path)
    assert result.code == 0
    assert result.out == "     1\tMOJ001\tmojibake\t[*] \n"


def test_inline_ignore_comment(run_cli, tmp_path):
    write(tmp_path / "a.txt", "L'Ã©tÃ© dernier  # moji-lint: ignore[MOJ001]\nL'Ã©tÃ©\n")
    result = run_cli("--format", "json", tmp_path)
    assert [f["line"] for f in json.loads(result.out)] == [2]


def test_ignore_file_comment(run_cli, tmp_path):
    write(tmp_path / "a.txt", "# moji-lint: ignore-file\nL'Ã©tÃ© dernier\n")
    assert run_cli(tmp_path).code == 0


def test_rule_documentation(run_cli):
    result = run_cli("rule", "MOJ001")
    assert result.code == 0
    assert result.out.startswith("## MOJ001 mojibake\n")
    assert "**Example.**" in result.out


def test_rules_lists_every_rule(run_cli):
    codes = [line.split()[0] for line in run_cli("rules").out.splitlines()]
    assert codes == ["ENC001", "ENC002", "ENC003", "MOJ001", "MOJ002", "DUP001"]


# Bad input: a clear message, no traceback, and the other files still checked.


def test_missing_path_is_an_error_and_others_are_checked(run_cli, tmp_path):
    write(tmp_path / "a.txt", MOJIBAKE)
    result = run_cli("nope.txt", "a.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "moji-lint: error: nope.txt: no such file or directory\n"
    assert "a.txt:2:3: MOJ001" in result.out


def test_unreadable_file(run_cli, tmp_path, monkeypatch):
    write(tmp_path / "secret.txt", CLEAN)
    write(tmp_path / "a.txt", MOJIBAKE)
    real_open = builtins.open

    def deny(path, *args, **kwargs):
        if str(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    result = run_cli("secret.txt", "a.txt", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "moji-lint: error: secret.txt: cannot read: Permission denied\n"
    assert "a.txt:2:3: MOJ001" in result.out


def test_folder_given_as_a_file(run_cli, tmp_path):
    (tmp_path / "folder").mkdir()
    result = run_cli("--config", "folder", ".", cwd=tmp_path)
    assert (result.code, result.err) == (2, "moji-lint: error: folder: not a file\n")
    result = run_cli("-o", "folder", ".", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("moji-lint: error: folder: ")


def test_empty_file_passes(run_cli, tmp_path):
    write(tmp_path / "empty.txt", b"")
    assert run_cli(tmp_path).code == 0


def test_binary_file_is_skipped(run_cli, tmp_path):
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00\x81")
    result = run_cli(tmp_path)
    assert (result.code, result.out) == (0, "All checks passed!\n")


def test_file_over_the_size_limit_is_skipped_with_a_warning(run_cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.moji-lint]\nmax-file-size = "1KB"\n')
    write(tmp_path / "big.txt", MOJIBAKE * 200)
    write(tmp_path / "a.txt", MOJIBAKE)
    result = run_cli("big.txt", "a.txt", cwd=tmp_path)
    assert result.code == 1
    assert "big.txt: skipped: " in result.err and "max-file-size" in result.err
    assert "a.txt:2:3: MOJ001" in result.out and "big.txt:" not in result.out


def test_broken_config_names_file_key_and_expectation(run_cli, tmp_path):
    write(tmp_path / ".moji-lint.toml", 'select = "MOJ001"\n')
    result = run_cli(".", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        f"moji-lint: error: {tmp_path / '.moji-lint.toml'}: select: expected a list of strings, got 'MOJ001'\n"
    )


def test_invalid_toml(run_cli, tmp_path):
    write(tmp_path / ".moji-lint.toml", "select = [\n")
    result = run_cli(".", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(f"moji-lint: error: {tmp_path / '.moji-lint.toml'}: not valid TOML: ")


def test_unknown_rule_code(run_cli, tmp_path):
    result = run_cli("--select", "XYZ9", tmp_path)
    assert (result.code, result.err) == (2, "moji-lint: error: unknown rule code 'XYZ9' (`moji-lint rules` lists them)\n")
    assert run_cli("rule", "XYZ9").code == 2


def test_output_file_gets_the_report(run_cli, tmp_path):
    write(tmp_path / "a.txt", MOJIBAKE)
    result = run_cli("--format", "json", "-o", "report.json", "a.txt", cwd=tmp_path)
    assert result.out == ""
    assert json.loads((tmp_path / "report.json").read_text("utf-8"))[0]["code"] == "MOJ001"


def test_console_that_cannot_print_the_text(run_cli, tmp_path, monkeypatch):
    import io
    import sys

    write(tmp_path / "a.txt", MOJIBAKE)
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    from moji_lint.cli import main

    assert main([str(tmp_path / "a.txt")]) == 1
    stream.flush()
    assert b"\\xc3" in stream.buffer.getvalue() or b"\\u" in stream.buffer.getvalue()


def git(cwd, *args):
    import subprocess

    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def init_repo(path):
    git(path, "init", "-q")
    git(path, "config", "user.email", "t@example.com")
    git(path, "config", "user.name", "t")


def test_staged_checks_the_index_not_the_work_tree(run_cli, tmp_path):
    init_repo(tmp_path)
    write(tmp_path / "a.txt", MOJIBAKE)
    git(tmp_path, "add", "a.txt")
    write(tmp_path / "a.txt", REPAIRED)
    write(tmp_path / "untracked.txt", MOJIBAKE)
    result = run_cli("--staged", "--format", "json", cwd=tmp_path)
    assert [(f["path"], f["line"]) for f in json.loads(result.out)] == [("a.txt", 2)]
    assert run_cli("--staged", "--fix", cwd=tmp_path).code == 2


def test_since_checks_only_what_changed(run_cli, tmp_path):
    init_repo(tmp_path)
    for name in ("one.txt", "two.txt", "three.txt"):
        write(tmp_path / name, MOJIBAKE)
        git(tmp_path, "add", name)
        git(tmp_path, "commit", "-qm", name)
    write(tmp_path / "new.txt", MOJIBAKE)
    result = run_cli("--since", "HEAD~1", "--format", "json", cwd=tmp_path)
    assert sorted(f["path"] for f in json.loads(result.out)) == ["new.txt", "three.txt"]
    result = run_cli("--since", "no-such-rev", cwd=tmp_path)
    assert result.code == 2 and result.err.startswith("moji-lint: error: ")


def test_file_that_grows_while_read_is_read_up_to_the_limit(tmp_path, monkeypatch):
    from moji_lint import cli
    from moji_lint.api import Options

    path = write(tmp_path / "growing.txt", MOJIBAKE * 10)
    real_fstat = cli.os.fstat

    def earlier_size(fd):  # the size the file had a moment before it was read
        info = real_fstat(fd)
        return cli.os.stat_result((*info[:6], 10, *info[7:]))

    monkeypatch.setattr(cli.os, "fstat", earlier_size)
    outcome = cli.Outcome()
    assert cli.read_regular_file(cli.Task(str(path), Options(), 1 << 20), outcome) == (MOJIBAKE * 10).encode()
    assert cli.read_regular_file(cli.Task(str(path), Options(), 100), outcome) is None
    assert outcome.warnings == [f"{path}: skipped: 101 bytes is over the limit of 100 (max-file-size)"]  # read so far


def test_batches_of_small_files_hold_a_bounded_number_of_them():
    from moji_lint import cli

    batches = cli.size_batches([1_000_000] + [100] * 200, 2)
    assert batches[0] == [0]
    assert [len(b) for b in batches[1:]] == [cli.BATCH_MAX_FILES] * 3 + [200 - 3 * cli.BATCH_MAX_FILES]


def test_one_ascii_file_imports_neither_the_mojibake_engine_nor_charset_detection(tmp_path):
    import subprocess
    import sys

    path = write(tmp_path / "a.py", "import os\nprint(os.sep)\n")
    script = ("import sys; from moji_lint.cli import main; main([sys.argv[1]]); "
              "print(sorted(m for m in ('moji_lint.mojibake', 'charset_normalizer', 'hashlib', 'xml.etree') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_string_literals_of_a_program_need_unsafe_fixes(run_cli, tmp_path):
    data = "label = \"L'Ã©tÃ©\"\n".encode()
    (tmp_path / "labels.py").write_bytes(data)
    result = run_cli("--fix", str(tmp_path))
    assert (tmp_path / "labels.py").read_bytes() == data
    assert result.out.splitlines()[-1] == "Found 1 finding (0 fixable with --fix; 1 more with --unsafe-fixes)."
    run_cli("--fix", "--unsafe-fixes", str(tmp_path))
    assert (tmp_path / "labels.py").read_text("utf-8") == "label = \"L'été\"\n"


def test_a_program_is_not_searched_for_copies_that_are_only_rewrapped(run_cli, tmp_path):
    letter = ("Dear members, the spring reading circle starts on the tenth of April.\n"
              "We meet every Wednesday at three in the library, second floor.\n"
              "Please send your registration form to the office before the fifth.\n")
    run = " ".join(letter.splitlines())
    copy = "".join(run[i:i + 45].strip() + "\n" for i in range(0, len(run), 45))  # as an extractor wraps it
    for name in ("notes.txt", "notes.py"):
        write(tmp_path / name, letter + "\n" + copy)
    assert [line.split(":")[0] for line in run_cli(str(tmp_path)).out.splitlines()[:-1]] == [
        str(tmp_path / "notes.txt")]
