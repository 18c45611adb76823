"""Configuration files, per-file settings and .editorconfig."""
import pytest

from conftest import write
from moji_lint.config import (
    ConfigError,
    allowed_encodings,
    editorconfig_charset,
    file_codes,
    load_config,
)


def test_defaults_without_a_config_file(tmp_path):
    config = load_config(start=str(tmp_path))
    assert config.source is None
    assert file_codes(config, str(tmp_path / "a.txt")) == ["ENC001", "ENC002", "MOJ001", "MOJ002", "DUP001"]


def test_pyproject_table_is_found_from_a_subfolder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.moji-lint]\nselect = ["MOJ"]\nextend-select = ["ENC003"]\n')
    (tmp_path / "sub").mkdir()
    config = load_config(start=str(tmp_path / "sub"))
    assert config.source == str(tmp_path / "pyproject.toml")
    assert file_codes(config, str(tmp_path / "a.txt")) == ["ENC003", "MOJ001", "MOJ002"]


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.other]\nx = 1\n')
    assert load_config(start=str(tmp_path)).source is None


def test_per_file_ignores(tmp_path):
    write(tmp_path / ".moji-lint.toml", 'per-file-ignores = { "fixtures/**" = ["MOJ", "DUP001"] }\n')
    config = load_config(start=str(tmp_path))
    assert file_codes(config, str(tmp_path / "fixtures" / "x" / "a.txt")) == ["ENC001", "ENC002"]
    assert "MOJ001" in file_codes(config, str(tmp_path / "src" / "a.txt"))


def test_encodings_table_and_editorconfig(tmp_path):
    write(tmp_path / ".moji-lint.toml", 'encodings = { "legacy/*.c" = "GBK" }\n')
    write(tmp_path / ".editorconfig", "root = true\n[*.txt]\ncharset = latin1\n[{a,b}.dat]\ncharset = utf-16le\n")
    config = load_config(start=str(tmp_path))
    assert allowed_encodings(config, str(tmp_path / "legacy" / "main.c")) == ("gbk",)
    assert allowed_encodings(config, str(tmp_path / "docs" / "x.txt")) == ("latin-1",)
    assert allowed_encodings(config, str(tmp_path / "b.dat")) == ("utf-16-le",)
    assert allowed_encodings(config, str(tmp_path / "c.dat")) == ()


def test_nearest_editorconfig_wins(tmp_path):
    write(tmp_path / ".editorconfig", "root = true\n[*]\ncharset = latin1\n")
    write(tmp_path / "sub" / ".editorconfig", "[*.md]\ncharset = utf-8-bom\n")
    assert editorconfig_charset(str(tmp_path / "sub" / "a.md")) == "utf-8-sig"
    assert editorconfig_charset(str(tmp_path / "sub" / "a.txt")) == "latin-1"


@pytest.mark.parametrize(
    "text, message",
    [
        ('colour = ["MOJ"]\n', "unknown key 'colour'"),
        ('select = "MOJ001"\n', "select: expected a list of strings, got 'MOJ001'"),
        ('ignore = ["MOJ999"]\n', "ignore: unknown rule code 'MOJ999'"),
        ('encodings = { "*.c" = "klingon" }\n', "encodings.*.c: unknown encoding 'klingon'"),
        ('max-file-size = "big"\n', 'max-file-size: expected a size such as 10485760 or "10MB", got \'big\''),
        ('per-file-ignores = ["x"]\n', "per-file-ignores: expected a table, got ['x']"),
    ],
)
def test_broken_config_names_the_key_and_what_was_expected(tmp_path, text, message):
    path = write(tmp_path / ".moji-lint.toml", text)
    with pytest.raises(ConfigError) as error:
        load_config(start=str(tmp_path))
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


@pytest.mark.parametrize("value, size", [(1024, 1024), ("10MB", 10_000_000), ("512 KiB", 524_288), ("2mib", 2_097_152)])
def test_sizes(tmp_path, value, size):
    write(tmp_path / ".moji-lint.toml", f"max-file-size = {value!r}\n".replace("'", '"'))
    assert load_config(start=str(tmp_path)).max_file_size == size
