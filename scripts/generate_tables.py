"""Write moji-lint's data tables under moji_lint/data/ from the encoding standards.

    python scripts/generate_tables.py

- chains.json: every codec chain (true encoding, wrong decoding) that the
  mojibake and duplicate rules try, most common first, with its label.
"""
import json
import os

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "moji_lint", "data")

# Human names of the codecs, as messages print them.
NAMES = {
    "utf-8": "UTF-8", "sloppy-cp1252": "Latin-1/cp1252", "mac_roman": "MacRoman", "cp437": "cp437",
    "sloppy-cp1250": "cp1250", "sloppy-cp1251": "cp1251", "sloppy-cp1257": "cp1257",
    "gbk": "GBK", "cp950": "Big5", "cp932": "Shift_JIS", "euc_jp": "EUC-JP", "cp949": "EUC-KR",
    "cp1250": "cp1250", "cp1251": "cp1251", "cp1253": "cp1253 (Greek)", "cp1255": "cp1255 (Hebrew)",
    "cp1256": "cp1256 (Arabic)", "cp874": "cp874 (Thai)", "koi8_r": "KOI8-R", "sloppy-cp1253": "cp1253",
}

# (true encoding, wrong decoding): the bytes were in the first and read as the second.
CHAINS = [
    # UTF-8 read as a single-byte code page.
    ("utf-8", "sloppy-cp1252"), ("utf-8", "mac_roman"), ("utf-8", "cp437"),
    ("utf-8", "sloppy-cp1251"), ("utf-8", "sloppy-cp1250"), ("utf-8", "sloppy-cp1257"),
    # UTF-8 read as a CJK code page.
    ("utf-8", "gbk"), ("utf-8", "cp932"), ("utf-8", "cp950"),
    # Legacy code pages read as Latin-1/cp1252.
    ("gbk", "sloppy-cp1252"), ("cp950", "sloppy-cp1252"), ("cp932", "sloppy-cp1252"),
    ("euc_jp", "sloppy-cp1252"), ("cp949", "sloppy-cp1252"), ("cp1251", "sloppy-cp1252"),
    ("cp1250", "sloppy-cp1252"), ("cp1253", "sloppy-cp1252"), ("cp1255", "sloppy-cp1252"),
    ("cp1256", "sloppy-cp1252"), ("cp874", "sloppy-cp1252"), ("koi8_r", "sloppy-cp1252"),
    # One legacy code page read as another.
    ("gbk", "cp950"), ("cp950", "gbk"), ("cp932", "gbk"), ("koi8_r", "sloppy-cp1251"),
]


def chain_entries():
    return [
        {"true": true, "wrong": wrong, "label": f"{NAMES[true]} text decoded as {NAMES[wrong]}"}
        for true, wrong in CHAINS
    ]


def write_json(name, data):
    with open(os.path.join(DATA, name), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    os.makedirs(DATA, exist_ok=True)
    write_json("chains.json", chain_entries())


if __name__ == "__main__":
    main()
