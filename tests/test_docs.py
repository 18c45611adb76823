"""docs/rules.md is generated from the rule table and kept up to date; `moji-lint rule` prints the same text."""
import importlib.util
from pathlib import Path

import pytest

from moji_lint.rules import RULES

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def generate_docs():
    """scripts/generate_docs.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location("generate_docs", REPO / "scripts" / "generate_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_doc_is_up_to_date(generate_docs):
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == generate_docs.rules_markdown(), (
        "docs/rules.md is out of date: run python scripts/generate_docs.py"
    )


def test_check_mode_fails_on_a_stale_file(generate_docs, tmp_path, monkeypatch, capsys):
    stale = tmp_path / "rules.md"
    stale.write_text("# Rules\n", encoding="utf-8")
    monkeypatch.setattr(generate_docs, "RULES_DOC", stale)
    assert generate_docs.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert generate_docs.main([]) == 0
    assert generate_docs.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == generate_docs.rules_markdown()


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_is_documented_in_full(rule):
    doc = rule.doc()
    assert doc.startswith(f"## {rule.code} {rule.name}\n\n{rule.summary}\n\n")
    assert f"**Why it matters.** {rule.why}\n" in doc
    assert f"As the file stands:\n\n```text\n{rule.example}\n```\n" in doc
    assert f"After `moji-lint --fix`:\n\n```text\n{rule.fixed}\n```\n" in doc
    assert f"**Fix, and when it is safe.** {rule.fix}\n" in doc
    assert ("safe" in rule.fix.lower()) or rule.fix.startswith("None"), "the fix text says whether it is safe"
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8").count(doc) == 1


def test_table_links_every_section(generate_docs):
    table = generate_docs.rule_table()
    assert "| [ENC003](#enc003-utf8-bom) | utf8-bom | The file starts with a UTF-8 byte order mark. | off |" in table
    assert len(table.splitlines()) == len(RULES) + 2


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_command_prints_the_documentation(run_cli, rule):
    result = run_cli("rule", rule.code.lower())
    assert (result.code, result.out, result.err) == (0, rule.doc(), "")
    assert run_cli("rule", rule.name).out == rule.doc()


def test_rule_command_with_an_unknown_code(run_cli):
    result = run_cli("rule", "XYZ999")
    assert result.code == 2
    assert result.out == ""
    assert "unknown rule 'XYZ999'" in result.err
