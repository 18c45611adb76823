"""examples/ is what scripts/make_examples.py writes, and moji-lint finds what was done to it."""
import importlib.util

from conftest import REPO
from moji_lint import check_bytes

spec = importlib.util.spec_from_file_location("make_examples", REPO / "scripts" / "make_examples.py")
make_examples = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_examples)
EXAMPLES = dict(make_examples.damaged_files())


def test_examples_are_up_to_date():
    on_disk = {
        str(p.relative_to(REPO / "examples")): p.read_bytes() for p in (REPO / "examples").rglob("*") if p.is_file()
    }
    assert on_disk == EXAMPLES, "run python scripts/make_examples.py"


def test_clean_examples_have_no_findings():
    for name, data in EXAMPLES.items():
        if name.startswith("clean/"):
            assert check_bytes(data) == [], name


def test_every_damaged_example_is_found():
    codes = {name: sorted({f.code for f in check_bytes(data)}) for name, data in EXAMPLES.items()}
    assert codes == {
        "notes-fr.md": ["MOJ001"],
        "notice-zh-gbk.txt": ["ENC001"],
        "notice-zh-duplicate.txt": ["DUP001"],
        "changelog-ru.txt": ["ENC002"],
        "settings-ja.txt": ["MOJ001"],
        "messages-zh.json": ["MOJ001"],
        "notes-fr-utf16.txt": ["ENC001"],
        "clean/tricky.txt": [],
        "clean/notice-zh.txt": [],
    }
