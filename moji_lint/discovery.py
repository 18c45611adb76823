"""File discovery: walk folders honouring .gitignore and excludes; list staged or changed files from git."""
from __future__ import annotations

import os
import stat
from typing import Iterator, List, NamedTuple, Optional, Sequence, Tuple

from .config import Config, glob_spec, relative_to_root
from .fixes import is_temporary


class Candidate(NamedTuple):
    """A file to check, or a path that cannot be checked (``error`` says why)."""

    path: str
    error: Optional[str] = None


class GitError(Exception):
    """git is missing, or the folder is not a git repository, or a git command failed."""


def exclude_spec(config: Config):
    return glob_spec(tuple(config.exclude) + tuple(config.extend_exclude))


def config_relative(config: Config, path: str) -> str:
    """``path`` relative to the config's folder; absolute (without the leading /) when outside it."""
    relative = relative_to_root(config, path)
    if relative.startswith("../"):
        relative = os.path.abspath(path).lstrip(os.sep).replace(os.sep, "/")
    return relative


def excluded(config: Config, path: str) -> bool:
    """True when the configured excludes match ``path`` or one of its parent folders."""
    parts = config_relative(config, path).split("/")
    spec = exclude_spec(config)
    return any(spec.match_file("/".join(parts[:i]) + ("/" if i < len(parts) else "")) for i in range(1, len(parts) + 1))


def discover(paths: Sequence[str], config: Config, force_exclude: bool = False) -> Iterator[Candidate]:
    """The files to check under ``paths``: folders are walked, files named explicitly are kept.

    An explicitly named file is checked even when excluded, unless ``force_exclude``.
    """
    for path in paths:
        mode = file_mode(path)
        if mode is not None and stat.S_ISDIR(mode):
            yield from walk(path, config)
        elif mode is not None or os.path.lexists(path):  # (a link to nothing exists, but is no file)
            if force_exclude and excluded(config, path):
                continue
            yield Candidate(path, None if mode is not None and stat.S_ISREG(mode) else "not a regular file")
        else:
            yield Candidate(path, "no such file or directory")


def file_mode(path: str) -> Optional[int]:
    """The ``st_mode`` of what ``path`` leads to (one system call for all questions), or None."""
    try:
        return os.stat(path).st_mode
    except OSError:
        return None


def is_regular_file(path: str) -> bool:
    mode = file_mode(path)
    return mode is not None and stat.S_ISREG(mode)


def walk(top: str, config: Config) -> Iterator[Candidate]:
    """Regular files under ``top``, sorted, skipping ignored and excluded ones and links that leave ``top``.

    The walk keeps its own stack, so no depth of folders exhausts the
    recursion limit; a folder that cannot be listed is reported.
    """
    real_top = os.path.realpath(top)
    stack: List[Tuple[str, List[Tuple[str, object]]]] = [(top, list(ancestor_gitignores(top)))]
    while stack:
        folder, ignores = stack.pop()
        spec = read_gitignore(folder)
        if spec is not None:
            ignores = ignores + [(os.path.abspath(folder), spec)]
        try:
            dirs, files = list_folder(folder)
        except OSError as exc:
            yield Candidate(folder, f"cannot read folder: {exc.strerror or exc}")
            continue
        yield from folder_files(folder, files, ignores, config, real_top)
        subfolders = [os.path.join(folder, d) for d in dirs]
        stack.extend((d, ignores) for d in reversed(subfolders) if not skip(d, True, ignores, config))


def list_folder(folder: str) -> Tuple[List[str], List[str]]:
    """The sorted names of the folders (not links to folders) and of the other entries in ``folder``."""
    dirs, files = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry.name)
    return sorted(dirs), sorted(files)


def folder_files(folder: str, names: List[str], ignores, config: Config, real_top: str) -> Iterator[Candidate]:
    """The regular files among ``names``, skipping our temporary files and links that leave the tree."""
    for name in names:
        path = os.path.join(folder, name)
        if is_temporary(name) or skip(path, False, ignores, config):
            continue
        if os.path.islink(path) and not is_within(os.path.realpath(path), real_top):
            continue
        if is_regular_file(path):
            yield Candidate(os.path.normpath(path))


def is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def skip(path: str, is_dir: bool, ignores, config: Config) -> bool:
    """True when excludes or .gitignore files match ``path`` (whose parent folders were walked already)."""
    if exclude_spec(config).match_file(config_relative(config, path) + ("/" if is_dir else "")):
        return True
    for base, spec in ignores:
        relative = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/") + ("/" if is_dir else "")
        if spec.match_file(relative):
            return True
    return False


def read_gitignore(folder: str):
    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    return glob_spec(tuple(lines))


def ancestor_gitignores(top: str) -> Iterator[Tuple[str, object]]:
    """The .gitignore files of ``top``'s parent folders, up to the root of its git work tree."""
    folder = os.path.abspath(top)
    chain = []
    while True:
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
            break
        folder = parent
        chain.append(folder)
    if not os.path.exists(os.path.join(folder, ".git")):
        return
    for base in reversed(chain):
        spec = read_gitignore(base)
        if spec is not None:
            yield base, spec


def git(args: Sequence[str], cwd: str = ".") -> bytes:
    import subprocess  # here, not at the top: most runs never start git

    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return proc.stdout


def split_z(output: bytes) -> List[str]:
    return [os.fsdecode(p) for p in output.split(b"\0") if p]


def staged_files() -> List[str]:
    """Files added, copied, modified or renamed in the git index, relative to the current folder."""
    root = os.fsdecode(git(["rev-parse", "--show-toplevel"]).strip())
    names = split_z(git(["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"], cwd=root))
    return [os.path.relpath(os.path.join(root, n)) for n in names]


def staged_content(path: str) -> bytes:
    """The bytes of ``path`` as staged in the git index."""
    return git(["cat-file", "blob", ":./" + path.replace(os.sep, "/")])


def changed_files(rev: str) -> List[str]:
    """Files changed between ``rev`` and the work tree, plus untracked files git does not ignore."""
    root = os.fsdecode(git(["rev-parse", "--show-toplevel"]).strip())
    changed = split_z(git(["diff", "--name-only", "-z", "--diff-filter=ACMR", rev, "--"], cwd=root))
    untracked = split_z(git(["ls-files", "--others", "--exclude-standard", "-z"], cwd=root))
    paths = sorted(set(changed) | set(untracked))
    return [os.path.relpath(os.path.join(root, p)) for p in paths if os.path.isfile(os.path.join(root, p))]
