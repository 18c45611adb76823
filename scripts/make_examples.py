"""Write examples/: clean text the project wrote itself, and copies damaged the ways moji-lint finds.

    python scripts/make_examples.py

Every file under examples/ comes from this script; a test checks they are up to date.
"""
import os

import moji_lint.chains  # noqa: F401  (registers the sloppy-cpNNNN codecs)

EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "examples")

FRENCH = """# Notes de version

L'été dernier, l'équipe a réécrit le moteur de rendu.
Les paramètres « avancés » sont désormais regroupés dans un seul écran.
Merci à Zoé et à François pour leurs relectures attentives.
"""

CHINESE = """关于开展二〇二四年度文明城市创建工作的通知

各街道办事处、各有关单位：
为进一步提升城市文明程度，现将有关事项通知如下。
一、各单位要高度重视，明确责任分工。
二、各街道要加强宣传，营造良好氛围。
"""

RUSSIAN = """Журнал изменений
Версия 2.1: исправлена ошибка при сохранении файлов.
Версия 2.2: добавлена поддержка новых форматов.
Версия 2.3: ускорена загрузка больших документов.
"""

JAPANESE = """設定ファイルの説明
この項目では、表示言語を選択できます。
保存する前に、内容を確認してください。
"""

SETTINGS_JSON = '{{\n  "save": "{}",\n  "open_failed": "{}",\n  "about": "{}"\n}}\n'
SETTINGS_VALUES = ("保存设置", "打开文件失败", "关于")

TRICKY = """Real text that only looks odd, and is not damaged:
Crème brûlée, naïve café, Þórður Ævarsson, Straße, Ångström
Tiếng Việt có dấu: Nguyễn Thị Ánh Tuyết, Hà Nội
饕餮 魑魅魍魉 龘 — 生僻字也是正确的文字
├── src/ │   └── main.py ─── ┌─┐ └─┘
→ ≤ ≥ ≠ ≈ ∞ ∑ ∫ √ α β γ δ λ π 👍🏽 🎉 ✓ ★
ﾊﾝｶｸ ｶﾀｶﾅ and 全角ＡＢＣ１２３
"""


def garble(text: str, true: str, wrong: str) -> str:
    """``text`` encoded in ``true`` and mis-decoded as ``wrong``."""
    return text.encode(true).decode(wrong)


def rewrap(text: str, width: int) -> str:
    """The text as a PDF extractor leaves it: joined, cut into fragments, blank lines between."""
    flat = "".join(text.split())
    return "\n\n".join(flat[i:i + width] for i in range(0, len(flat), width)) + "\n"


def japanese_with_garbled_lines() -> str:
    """The Japanese text with every line after the first in Shift_JIS mis-read as cp1252."""
    first, *rest = JAPANESE.splitlines(keepends=True)
    return first + "".join(garble(line, "cp932", "sloppy-cp1252") for line in rest)


def damaged_files():
    """(file name, bytes) of every example."""
    french_lines = FRENCH.splitlines(keepends=True)
    french_lines[2] = garble(french_lines[2], "utf-8", "cp1252")
    chinese_copy = rewrap(CHINESE[:80], 14)
    gbk_copy = "\n".join(garble(line, "gbk", "latin-1") if i > 3 else line for i, line in enumerate(chinese_copy.split("\n")))
    russian_lines = RUSSIAN.encode("utf-8").splitlines(keepends=True)
    russian_lines[2] = RUSSIAN.splitlines(keepends=True)[2].encode("cp1251")
    return [
        ("notes-fr.md", "".join(french_lines).encode("utf-8")),
        ("notice-zh-gbk.txt", CHINESE.encode("gbk")),
        ("notice-zh-duplicate.txt", (CHINESE + "\n" + gbk_copy).encode("utf-8")),
        ("changelog-ru.txt", b"".join(russian_lines)),
        ("settings-ja.txt", japanese_with_garbled_lines().encode("utf-8")),
        ("messages-zh.json", SETTINGS_JSON.format(*(garble(v, "utf-8", "gbk") for v in SETTINGS_VALUES)).encode("utf-8")),
        ("clean/tricky.txt", TRICKY.encode("utf-8")),
        ("clean/notice-zh.txt", CHINESE.encode("utf-8")),
        ("notes-fr-utf16.txt", FRENCH.encode("utf-16")),
    ]


def main():
    for name, data in damaged_files():
        path = os.path.join(EXAMPLES, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
