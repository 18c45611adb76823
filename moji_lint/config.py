"""Configuration: ``[tool.moji-lint]`` in pyproject.toml or ``.moji-lint.toml``, and .editorconfig charsets."""
from __future__ import annotations

import codecs
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from .rules import enabled_codes, is_known_selector

CONFIG_FILES = (".moji-lint.toml", "pyproject.toml")
DEFAULT_EXCLUDE = (
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".mypy_cache", ".nox", ".pytest_cache", ".ruff_cache",
    ".svn", ".tox", ".venv", "__pycache__", "__pypackages__", "_build", "buck-out", "node_modules", "venv",
)
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
SIZE_UNITS = {"": 1, "b": 1, "kb": 1000, "kib": 1024, "mb": 1000 ** 2, "mib": 1024 ** 2, "gb": 1000 ** 3, "gib": 1024 ** 3}
# Programs' sources: their string literals are data, where a repair is an unsafe fix (see checker).
SOURCE_CODE_SUFFIXES = frozenset(
    ".c .cc .cpp .cs .cxx .dart .go .h .hpp .java .js .jsx .kt .lua .m .mjs .php .pl .py .pyi .r .rb .rs "
    ".scala .sh .swift .ts .tsx .vb".split()
)
EDITORCONFIG_CHARSETS = {
    "utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "latin1": "latin-1", "utf-16be": "utf-16-be", "utf-16le": "utf-16-le",
}


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file, the key and what was expected."""


@dataclass
class Config:
    root: str = "."
    source: Optional[str] = None
    select: Optional[List[str]] = None
    extend_select: List[str] = field(default_factory=list)
    ignore: List[str] = field(default_factory=list)
    exclude: List[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: List[str] = field(default_factory=list)
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    encodings: Dict[str, str] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE


def find_config_file(start: str) -> Optional[str]:
    """The nearest .moji-lint.toml, or pyproject.toml with a [tool.moji-lint] table, from ``start`` upward."""
    folder = os.path.abspath(start)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or has_tool_table(candidate)):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def toml_parser():
    """tomllib (tomli before Python 3.11), imported only when a file may hold moji-lint's settings."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def has_tool_table(pyproject: str) -> bool:
    """True when ``pyproject`` has a [tool.moji-lint] table; files that never name it are not parsed."""
    try:
        with open(pyproject, "rb") as f:
            data = f.read()
    except OSError:
        return False
    if b"moji-lint" not in data:
        return False
    try:
        return "moji-lint" in toml_parser().loads(data.decode("utf-8")).get("tool", {})
    except ValueError:  # not UTF-8, or not TOML
        return False


def load_config(path: Optional[str] = None, start: str = ".") -> Config:
    """Read the config file named by ``path``, or the nearest one from ``start``; defaults when none."""
    path = path or find_config_file(start)
    if path is None:
        return Config(root=os.path.abspath(start))
    try:
        with open(path, "rb") as f:
            data = toml_parser().load(f)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # not UTF-8, or not TOML
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("moji-lint", {})
    return parse_config(data, path)


def parse_config(data: Dict[str, Any], source: str) -> Config:
    config = Config(root=os.path.dirname(os.path.abspath(source)), source=source)
    for key, value in data.items():
        parse = KEYS.get(key)
        if parse is None:
            raise ConfigError(f"{source}: unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
        parse(config, value, f"{source}: {key}")
    return config


def string_list(value: Any, where: str) -> List[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return value


def rule_list(value: Any, where: str) -> List[str]:
    codes = string_list(value, where)
    unknown = [c for c in codes if not is_known_selector(c)]
    if unknown:
        raise ConfigError(f"{where}: unknown rule code {unknown[0]!r} (`moji-lint rules` lists them)")
    return codes


def string_table(value: Any, where: str) -> Dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table, got {value!r}")
    return value


def codec_name(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected an encoding name, got {value!r}")
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise ConfigError(f"{where}: unknown encoding {value!r}") from None


def parse_size(value: Any, where: str) -> int:
    """A size in bytes from an integer or a string such as ``"10MB"`` or ``"512 KiB"``."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", value) if isinstance(value, str) else None
    if match and match.group(2).lower() in SIZE_UNITS:
        return int(float(match.group(1)) * SIZE_UNITS[match.group(2).lower()])
    raise ConfigError(f"{where}: expected a size such as 10485760 or \"10MB\", got {value!r}")


def _set(attr, parse):
    def setter(config: Config, value: Any, where: str) -> None:
        setattr(config, attr, parse(value, where))
    return setter


def _per_file_ignores(config: Config, value: Any, where: str) -> None:
    config.per_file_ignores = {
        glob: rule_list(codes, f"{where}.{glob}") for glob, codes in string_table(value, where).items()
    }


def _encodings(config: Config, value: Any, where: str) -> None:
    config.encodings = {glob: codec_name(codec, f"{where}.{glob}") for glob, codec in string_table(value, where).items()}


KEYS = {
    "select": _set("select", rule_list),
    "extend-select": _set("extend_select", rule_list),
    "ignore": _set("ignore", rule_list),
    "exclude": _set("exclude", string_list),
    "extend-exclude": _set("extend_exclude", string_list),
    "per-file-ignores": _per_file_ignores,
    "encodings": _encodings,
    "max-file-size": _set("max_file_size", parse_size),
}


# .editorconfig ------------------------------------------------------------------------------


def editorconfig_glob(pattern: str) -> "re.Pattern[str]":
    """The regex for an EditorConfig section glob, matched against a path relative to its file."""
    if "/" not in pattern:
        pattern = "**/" + pattern
    pattern = pattern.lstrip("/")
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{" and "}" in pattern[i:]:
            end = pattern.index("}", i)
            out.append("(?:" + "|".join(re.escape(p) for p in pattern[i + 1:end].split(",")) + ")")
            i = end
        elif char == "[" and "]" in pattern[i:]:
            end = pattern.index("]", i)
            out.append("[" + pattern[i + 1:end].replace("!", "^", 1) + "]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out) + r"\Z")


@lru_cache(maxsize=None)
def read_editorconfig(path: str) -> Tuple[bool, Tuple[Tuple["re.Pattern[str]", str], ...]]:
    """(root = true?, the (section glob, charset) pairs) of one .editorconfig file."""
    root, sections, glob = False, [], None
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return False, ()
    for raw in lines:
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            glob = editorconfig_glob(line[1:-1])
            continue
        key, _, value = line.partition("=")
        key, value = key.strip().lower(), value.strip().lower()
        if glob is None and key == "root":
            root = value == "true"
        elif glob is not None and key == "charset" and value in EDITORCONFIG_CHARSETS:
            sections.append((glob, EDITORCONFIG_CHARSETS[value]))
    return root, tuple(sections)


def editorconfig_charset(path: str) -> Optional[str]:
    """The codec that .editorconfig files give ``path``, nearest file and last section winning."""
    path = os.path.abspath(path)
    for folder, sections in editorconfig_sections(os.path.dirname(path)):
        relative = path[len(folder.rstrip(os.sep)) + 1:].replace(os.sep, "/")  # ``folder`` holds ``path``
        for glob, charset in reversed(sections):
            if glob.match(relative):
                return charset
    return None


EditorconfigChain = Tuple[Tuple[str, Tuple[Tuple["re.Pattern[str]", str], ...]], ...]
EDITORCONFIG_CHAINS: Dict[str, EditorconfigChain] = {}  # folder -> its chain, filled as folders are met


def editorconfig_sections(folder: str) -> EditorconfigChain:
    """The folders from ``folder`` up whose .editorconfig sets charsets, nearest first, with those sections.

    Remembered per folder, so the files of one folder share the walk up (a
    loop, not recursion: folders can nest deeper than the recursion limit).
    """
    walked = []
    while folder not in EDITORCONFIG_CHAINS:
        root, sections = read_editorconfig(os.path.join(folder, ".editorconfig"))
        walked.append((folder, sections))
        parent = os.path.dirname(folder)
        if root or parent == folder:
            chain: EditorconfigChain = ()
            break
        folder = parent
    else:
        chain = EDITORCONFIG_CHAINS[folder]
    for folder, sections in reversed(walked):
        chain = ((folder, sections), *chain) if sections else chain
        EDITORCONFIG_CHAINS[folder] = chain
    return chain


# Per-file settings ----------------------------------------------------------------------------


@lru_cache(maxsize=None)
def glob_spec(patterns: Tuple[str, ...]):
    """A gitignore-style matcher for ``patterns``."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def relative_to_root(config: Config, path: str) -> str:
    return os.path.relpath(os.path.abspath(path), config.root).replace(os.sep, "/")


def file_codes(config: Config, path: str) -> List[str]:
    """The rule codes that run on ``path``: selected ones, less ignores and its per-file ignores."""
    ignore = list(config.ignore)
    if config.per_file_ignores:
        relative = relative_to_root(config, path)
        for glob, codes in config.per_file_ignores.items():
            if glob_spec((glob,)).match_file(relative):
                ignore.extend(codes)
    select = None if config.select is None else tuple(config.select)
    return list(codes_once(select, tuple(config.extend_select), tuple(ignore)))


@lru_cache(maxsize=None)
def codes_once(select: Optional[Tuple[str, ...]], extend_select: Tuple[str, ...], ignore: Tuple[str, ...]):
    """``enabled_codes``, worked out once for each combination: the files of a run mostly share one."""
    return tuple(enabled_codes(select, extend_select, ignore))


def is_source_code(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in SOURCE_CODE_SUFFIXES


def allowed_encodings(config: Config, path: str) -> Tuple[str, ...]:
    """The encodings ``path`` may use: from the ``encodings`` table and .editorconfig's charset."""
    allowed = []
    if config.encodings:
        relative = relative_to_root(config, path)
        allowed = [codec for glob, codec in config.encodings.items() if glob_spec((glob,)).match_file(relative)]
    charset = editorconfig_charset(path)
    if charset:
        allowed.append(charset)
    return tuple(allowed)
