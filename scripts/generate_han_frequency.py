"""Write moji_lint/data/hanfreq.bin: how often each Han character is written in simplified and in traditional Chinese.

    pip install -e '.[tables]'    # jieba and opencc-python-reimplemented, for their word lists
    python scripts/generate_han_frequency.py

The counts come from jieba's dictionary (349,046 simplified Chinese words with
their frequencies in a large corpus, MIT licence), each word counted once as
it is and once in traditional characters, as OpenCC converts it (Apache 2.0
licence): its phrase table where it lists the word, else character by
character, in OpenCC's standard forms and in Taiwan's and Hong Kong's variants.
A character counts the frequencies of the words that write it.

The file holds, for each of "zh-Hans" then "zh-Hant", one byte per code point
from U+3400 to U+9FFF: the character's cost in bits, ``-log2((count + 1) /
(total + code points))`` rounded, at most 255. moji_lint/plausibility.py reads
it (see ``script_cost``); the mojibake rule uses it where one Chinese code page
was read as the other (``單`` in Big5 read as GBK is ``虫``, the simplified
form of ``蟲``, which traditional text does not write).
"""
import math
import os
import re

import jieba
import opencc

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "moji_lint", "data")
DICTIONARY = os.path.join(os.path.dirname(opencc.__file__), "dictionary")
FIRST, LAST = 0x3400, 0xA000  # CJK Unified Ideographs Extension A and the main block
HAN_WORD = re.compile("[\u3400-\u9fff]+")


def conversion(name):
    """An OpenCC table: each key and its first conversion."""
    with open(os.path.join(DICTIONARY, name), encoding="utf-8") as table:
        return dict(line.rstrip("\n").split("\t")[0:2] for line in table)


def first_forms(table):
    return {key: value.split(" ")[0] for key, value in table.items()}


def traditional_forms(word, phrases, characters, variants):
    """The word in OpenCC's standard traditional characters, and in each regional variant of them."""
    standard = phrases.get(word) or "".join(characters.get(char, char) for char in word)
    return {standard} | {"".join(variant.get(char, char) for char in standard) for variant in variants}


def simplified_words():
    """(word, frequency) for each word of jieba's dictionary written in Han characters only."""
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as words:
        for line in words:
            word, frequency = line.split(" ")[:2]
            if HAN_WORD.fullmatch(word):
                yield word, int(frequency)


def character_counts():
    """How often each Han character is written, in simplified and in traditional text."""
    phrases = first_forms(conversion("STPhrases.txt"))
    characters = first_forms(conversion("STCharacters.txt"))
    variants = [first_forms(conversion(name)) for name in ("TWVariants.txt", "HKVariants.txt")]
    counts = {"zh-Hans": [0] * (LAST - FIRST), "zh-Hant": [0] * (LAST - FIRST)}
    for word, frequency in simplified_words():
        for variant, forms in (("zh-Hans", {word}), ("zh-Hant", traditional_forms(word, phrases, characters, variants))):
            for form in forms:
                for char in form:
                    if FIRST <= ord(char) < LAST:
                        counts[variant][ord(char) - FIRST] += frequency
    return counts


def costs(counts):
    total = sum(counts) + len(counts)
    return bytes(min(255, round(-math.log2((count + 1) / total))) for count in counts)


def main():
    counts = character_counts()
    with open(os.path.join(DATA, "hanfreq.bin"), "wb") as out:
        for variant in ("zh-Hans", "zh-Hant"):
            out.write(costs(counts[variant]))


if __name__ == "__main__":
    main()
