"""Write docs/rules.md from the rule table in moji_lint/rules.py.

    python scripts/generate_docs.py          # rewrite docs/rules.md
    python scripts/generate_docs.py --check  # exit 1 if docs/rules.md is out of date

Each rule's section is ``Rule.doc()``, the text ``moji-lint rule CODE`` prints.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from moji_lint.rules import RULES, Rule

RULES_DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

INTRODUCTION = """\
# Rules

<!-- Written by scripts/generate_docs.py from moji_lint/rules.py; edit those, not this file. -->

`moji-lint rules` lists the rules and `moji-lint rule CODE` prints one of these sections.
Choose rules with `--select`, `--extend-select` and `--ignore` (codes, code prefixes such as
`MOJ`, or names), or with the same keys in the configuration. A fix marked safe is applied
by `moji-lint --fix`; unsafe fixes need `--unsafe-fixes` as well.
"""


def anchor(rule: Rule) -> str:
    """The GitHub anchor of the rule's section heading."""
    return f"#{rule.code.lower()}-{rule.name}"


def rule_table() -> str:
    rows = [
        f"| [{rule.code}]({anchor(rule)}) | {rule.name} | {rule.headline} | {'on' if rule.default else 'off'} |\n"
        for rule in RULES
    ]
    return "| Code | Name | Finds | Default |\n| --- | --- | --- | --- |\n" + "".join(rows)


def rules_markdown() -> str:
    """The whole of docs/rules.md."""
    return "\n".join([INTRODUCTION, rule_table(), *(rule.doc() for rule in RULES)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether docs/rules.md is up to date")
    args = parser.parse_args(argv)
    expected = rules_markdown().encode("utf-8")
    if args.check:
        if RULES_DOC.is_file() and RULES_DOC.read_bytes() == expected:
            return 0
        print(f"{RULES_DOC} is out of date: run python scripts/generate_docs.py", file=sys.stderr)
        return 1
    RULES_DOC.write_bytes(expected)
    return 0


if __name__ == "__main__":
    sys.exit(main())
