"""The rule table: every rule's code, name, default state and documentation."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    why: str
    example: str
    fixed: str
    fix: str
    default: bool = True
    level: str = "error"

    @property
    def headline(self) -> str:
        """The summary's first clause, as a one-line title."""
        return re.split(r"[.:](?:\s|$)", self.summary, maxsplit=1)[0] + "."

    def doc(self) -> str:
        """The rule's documentation as Markdown, as ``moji-lint rule CODE`` prints it."""
        if self.default:
            state = "On by default"
        else:
            state = f"Off by default: enable it with `--extend-select {self.code}`"
        return (
            f"## {self.code} {self.name}\n\n"
            f"{self.summary}\n\n"
            f"**Why it matters.** {self.why}\n\n"
            f"**Example.** As the file stands:\n\n```text\n{self.example}\n```\n\n"
            f"After `moji-lint --fix`:\n\n```text\n{self.fixed}\n```\n\n"
            f"**Fix, and when it is safe.** {self.fix}\n\n"
            f"{state}; reported as {'an' if self.level == 'error' else 'a'} {self.level}.\n"
        )


RULES: List[Rule] = [
    Rule(
        code="ENC001",
        name="not-utf8",
        summary="The file is not UTF-8: it is in a legacy encoding (GBK, Big5, Shift_JIS, "
        "EUC-KR, cp1251, cp1252...), UTF-16 or UTF-32. The finding names the encoding "
        "and how sure the guess is.",
        why="Tools, diffs, editors and browsers assume UTF-8; a legacy file shows up "
        "as mojibake for everyone whose machine guesses differently, and the next edit "
        "often mixes two encodings in one file.",
        example="data/notice.txt: bytes c4 ea b4 b4 bd a8 (GBK for 年创建)",
        fixed="data/notice.txt: 年创建, saved as UTF-8",
        fix="Transcode the file to UTF-8, keeping its line endings. Safe when the "
        "encoding is certain (a BOM, a declaration that decodes the file: a coding "
        "cookie, an XML or HTML declaration, a gettext header; or two "
        "independent signals that agree); otherwise only with `--unsafe-fixes`. A file "
        "that decodes cleanly in an encoding it declares, or that the configuration or "
        "`.editorconfig` allows, is not reported.",
    ),
    Rule(
        code="ENC002",
        name="mixed-encoding",
        summary="A UTF-8 file holds runs of bytes that are not UTF-8, typically lines "
        "pasted in from a file in a legacy encoding. One finding per run, naming the "
        "codec that decodes it best in the context of the rest of the file.",
        why="The file is neither valid UTF-8 nor valid in any one legacy encoding: every "
        "tool shows part of it as garbage, and most refuse it outright.",
        example="名称: 北京\n城市: \\xb1\\xb1\\xbe\\xa9   (the second line's bytes are GBK)",
        fixed="名称: 北京\n城市: 北京",
        fix="Decode the run with the named codec. Safe when that codec decodes the run "
        "strictly and the result is plausible text of the file's language; where no "
        "codec is convincing the run is reported without a fix.",
    ),
    Rule(
        code="ENC003",
        name="utf8-bom",
        summary="The file starts with a UTF-8 byte order mark.",
        why="A BOM is meaningless in UTF-8 and breaks shebangs, concatenation, and "
        "parsers that do not expect it.",
        example="\\xef\\xbb\\xbf# Title",
        fixed="# Title",
        fix="Remove the BOM (safe).",
        default=False,
        level="warning",
    ),
    Rule(
        code="MOJ001",
        name="mojibake",
        summary="Text that was decoded with the wrong codec and saved again as UTF-8: "
        "UTF-8 read as cp1252, Latin-1, MacRoman, cp437 or cp1251 (CESU-8 emoji too); GBK, Big5, Shift_JIS, "
        "EUC-JP or EUC-KR read as Latin-1/cp1252; UTF-8 read as GBK, cp932 or Big5; one "
        "legacy code page read as another; twice garbled. The message says what happened "
        "and what the text becomes.",
        why="The text is valid UTF-8, so no encoding check notices it, but every reader "
        "sees garbage. It spreads: each copy-paste and each save keeps the damage.",
        example='title = "Ã©tÃ© Ã\xa0 Paris"\nsummary = "¹ØÓÚ"',
        fixed='title = "été à Paris"\nsummary = "关于"',
        fix="Re-encode the damaged run with the codec that mis-read it and decode it with "
        "the right one. Safe only when the repair round-trips exactly and the result is "
        "clearly more plausible than what stands; weaker repairs are unsafe fixes or "
        "reports without a fix. In a program's source, a repair inside a string literal "
        "is an unsafe fix: the literal is the program's data. UTF-8 read as a single-byte "
        "code page that lost a byte inside a sequence (U+FFFD, or `?`) is repaired around "
        "it, the sequence to one U+FFFD as UTF-8 decoders write it, where the sequence shows "
        "damage: safe only where every repair of its line is. A lead read as a capital that lost its "
        "byte before small letters is such a sequence inside a word of small letters (`SlovenÄ�ina`), "
        "and at a word's start on a line its chain repairs throughout (`Ă�frica`). Where software also turned the "
        "non-breaking space it read (byte A0) into a space, the byte is put back on a line "
        "read wrong throughout (`Ã nos` is `à nos`, `Ð Ñƒ` is `Ру`), and on a line with no "
        "other damage where cp1252's `Ã` inside a word of small letters shows it (`voilÃ le`). "
        "A one-letter repair whose "
        "garbled text reads as text (`AHÅ™`, `SELKÄ EDELLÄ`, `Brontë…”`, `a lot of Ã’s`), a "
        "repair into a rare character, or one foreign letter on a line that writes a symbol "
        "right, is reported only where other damage in the file bears it out. A line that "
        "its best repair would leave garbled (each repair beside bytes that do not decode, more "
        "pieces of UTF-8 left than mended: `ã†â€™ãƒâ€ ã¢`) is left as it stands.",
    ),
    Rule(
        code="MOJ002",
        name="lost-bytes",
        summary="Mis-decoding that destroyed bytes for good: U+FFFD replacement "
        "characters, the `锟斤拷` and `烫烫烫` patterns, runs of `?` where characters were.",
        why="The original text cannot be recovered from the file; it has to be restored "
        "from another copy before the damage spreads further.",
        example="名称: 锟斤拷锟斤拷",
        fixed="名称: 锟斤拷锟斤拷   (unchanged: the bytes are gone)",
        fix="None: the damage is reported, never guessed at (mojibake around it is MOJ001's).",
    ),
    Rule(
        code="DUP001",
        name="garbled-duplicate",
        summary="A block is a damaged second copy of another block of the same file: "
        "re-wrapped into fragments, often mis-decoded, often truncated, as PDF and Word "
        "extractors leave pasted text. The finding spans the copy and names its clean twin. "
        "In a program's source (by suffix: .py, .c, .java, .js...) only a mis-decoded copy is "
        "looked for: code is wrapped by hand and by formatters, and its lines repeat.",
        why="The copy doubles the text, hides among the clean lines, and its mojibake "
        "cannot always be repaired; the clean twin already holds everything it says.",
        example="关于创建文明城市的通知\n\n¹ØÓÚ´´½¨ÎÄÃ÷\n\n³ÇÊÐµÄÍ¨Öª",
        fixed="关于创建文明城市的通知",
        fix="Delete the copy and the blank lines that separate it from its neighbours. "
        "Safe when the copy matches its twin closely and the twin itself is clean; "
        "otherwise reported without a safe fix.",
    ),
]

RULES_BY_CODE: Dict[str, Rule] = {rule.code: rule for rule in RULES}


def find_rule(code_or_name: str) -> Optional[Rule]:
    key = code_or_name.strip()
    return RULES_BY_CODE.get(key.upper()) or next((r for r in RULES if r.name == key.lower()), None)


def matches(code: str, selectors: Iterable[str]) -> bool:
    """True when ``code`` is named by one of the selectors: a code, a prefix of one, a name, or ALL."""
    rule = RULES_BY_CODE.get(code)
    for selector in selectors:
        if selector == "ALL" or code.startswith(selector) or (rule and rule.name == selector):
            return True
    return False


def is_known_selector(selector: str) -> bool:
    return selector == "ALL" or any(r.code.startswith(selector) or r.name == selector for r in RULES)


def enabled_codes(select: Optional[Iterable[str]], extend_select: Iterable[str], ignore: Iterable[str]) -> List[str]:
    """The codes that run: the default rules (or ``select``), plus ``extend_select``, minus ``ignore``."""
    ignore = list(ignore)
    extend = list(extend_select)
    chosen = []
    for rule in RULES:
        on = matches(rule.code, select) if select is not None else rule.default
        if (on or matches(rule.code, extend)) and not matches(rule.code, ignore):
            chosen.append(rule.code)
    return chosen
