"""Which files a run checks: folders walked honouring .gitignore and excludes, git modes."""
import os
import subprocess

import pytest

from conftest import write
from moji_lint.config import Config, load_config
from moji_lint.discovery import changed_files, discover, staged_content, staged_files


def found(paths, config=None, force_exclude=False):
    return sorted(c.path for c in discover(paths, config or Config(root=os.getcwd()), force_exclude))


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_walk_skips_default_excludes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ["b.txt", "a/c.txt", ".git/config", ".venv/x.txt", "node_modules/m.js"]:
        write(name, "x")
    assert found(["."]) == ["a/c.txt", "b.txt"]


def test_gitignore_is_honoured_at_every_level(repo):
    write(".gitignore", "*.log\nbuild/\n")
    write("docs/.gitignore", "draft.md\n")
    for name in ["a.log", "build/out.txt", "docs/draft.md", "docs/keep.md", "src/draft.md", "keep.txt"]:
        write(name, "x")
    assert found(["."]) == [".gitignore", "docs/.gitignore", "docs/keep.md", "keep.txt", "src/draft.md"]


def test_parent_gitignore_applies_to_a_subfolder(repo):
    write(".gitignore", "*.log\n")
    write("sub/a.log", "x")
    write("sub/a.txt", "x")
    assert found(["sub"]) == ["sub/a.txt"]


def test_configured_excludes_and_explicit_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(".moji-lint.toml", 'extend-exclude = ["vendor/", "*.min.js"]\n')
    for name in ["vendor/lib.txt", "app.min.js", "app.js"]:
        write(name, "x")
    config = load_config()
    assert found(["."], config) == [".moji-lint.toml", "app.js"]
    assert found(["vendor/lib.txt"], config) == ["vendor/lib.txt"]
    assert found(["vendor/lib.txt", "app.min.js"], config, force_exclude=True) == []


def test_missing_path_and_special_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe")
    candidates = list(discover(["nope", "pipe"], Config(root=str(tmp_path))))
    assert [(c.path, c.error) for c in candidates] == [
        ("nope", "no such file or directory"), ("pipe", "not a regular file")
    ]
    assert found(["."]) == []


def test_symlinks_do_not_lead_out_of_the_tree(tmp_path, monkeypatch):
    outside = write(tmp_path / "outside" / "secret.txt", "x")
    write(tmp_path / "tree" / "inside.txt", "x")
    os.symlink(outside, tmp_path / "tree" / "link.txt")
    os.symlink(tmp_path / "outside", tmp_path / "tree" / "linked-folder")
    os.symlink(tmp_path / "tree" / "inside.txt", tmp_path / "tree" / "alias.txt")
    monkeypatch.chdir(tmp_path / "tree")
    assert found(["."]) == ["alias.txt", "inside.txt"]


def test_file_names_that_are_not_utf8(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"caf\xe9.txt")
    write(name, "x")
    assert found(["."]) == ["" + name]


def test_staged_files_and_content(repo):
    write("a.txt", "staged\n")
    write("b.txt", "untracked\n")
    git(repo, "add", "a.txt")
    write("a.txt", "work tree\n")
    assert staged_files() == ["a.txt"]
    assert staged_content("a.txt") == b"staged\n"


def test_changed_files_since_a_revision(repo):
    write("one.txt", "1\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    write("two.txt", "2\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "two")
    write("three.txt", "3\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "three")
    write("one.txt", "1 changed\n")
    write("new.txt", "untracked\n")
    write(".gitignore", "ignored.txt\n")
    write("ignored.txt", "x\n")
    assert changed_files("HEAD~2") == [".gitignore", "new.txt", "one.txt", "three.txt", "two.txt"]
    assert changed_files("HEAD") == [".gitignore", "new.txt", "one.txt"]
