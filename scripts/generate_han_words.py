"""Write moji_lint/data/hanwords.txt and hanchars.txt: common Chinese words and characters, in both scripts.

    python -m pip install jieba==0.42.1 opencc==1.4.2   # only to run this script (the versions of the
                                                        # tables in the repo); moji-lint does not need them
    python scripts/generate_han_words.py [--words 30000] [--chars 6000]

Both come from jieba's dictionary: Simplified Chinese words with their
frequencies in jieba's training corpus, written in Traditional characters
too by OpenCC's character tables (``s2t``, ``s2tw`` for Taiwan's forms and
``s2hk`` for Hong Kong's).

- hanwords.txt: the most frequent words of two Han characters, in either
  script; one per line, sorted.
- hanchars.txt: two lines, ``zh-Hans`` and ``zh-Hant``, each a tab and the
  most frequent Han characters of that script, most frequent first (a
  character's frequency: the frequencies of the words that write it).

The mojibake rule reads them to tell a repair of Chinese mis-read as another
Chinese code page (``清虫``, Big5's ``清單`` read as GBK) from the text as it
stands: a repair of real damage turns a character its script seldom writes
into a common one that makes a word with its neighbour.
"""
import argparse
import os
from collections import Counter

import jieba
import opencc

TRADITIONAL = ("s2t", "s2tw", "s2hk")  # OpenCC's Traditional standards: its own, Taiwan's, Hong Kong's
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "moji_lint", "data")


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def dictionary() -> list:
    """jieba's dictionary: (word, frequency) pairs."""
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as f:
        return [(word, int(freq)) for word, freq, *_ in map(str.split, f)]


def frequent_words(entries: list, count: int) -> list:
    """The ``count`` most frequent words of two Han characters."""
    words = sorted((-freq, word) for word, freq in entries if len(word) == 2 and all(map(is_han, word)))
    return [word for _, word in words[:count]]


def in_both_scripts(words: list) -> set:
    """The words, and the same words in Traditional characters, each standard's."""
    found = set(words)
    for config in TRADITIONAL:
        converter = opencc.OpenCC(config)
        found.update(w for w in map(converter.convert, words) if len(w) == 2 and all(map(is_han, w)))
    return found


def frequent_chars(entries: list, count: int) -> dict:
    """The ``count`` most frequent Han characters of each script, most frequent first. A Traditional
    character's frequency is its highest in the standards (``牀`` in OpenCC's own, ``床`` in Taiwan's)."""
    simplified = char_frequencies(entries, [word for word, _ in entries])
    traditional = Counter()
    for config in TRADITIONAL:
        converted = opencc.OpenCC(config).convert("\n".join(word for word, _ in entries)).split("\n")
        traditional |= char_frequencies(entries, converted)
    return {script: "".join(sorted(freqs, key=lambda c: (-freqs[c], c))[:count])
            for script, freqs in (("zh-Hans", simplified), ("zh-Hant", traditional))}


def char_frequencies(entries: list, words: list) -> Counter:
    """How often each Han character is written: the frequencies of the ``entries`` whose ``words`` write it."""
    freqs = Counter()
    for word, (_, freq) in zip(words, entries):
        for char in filter(is_han, word):
            freqs[char] += freq
    return freqs


def write(name: str, text: str) -> None:
    path = os.path.join(DATA, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"{os.path.normpath(path)}: {len(text.encode())} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=30000, help="Simplified words to take (default: 30000)")
    parser.add_argument("--chars", type=int, default=6000, help="characters of each script to rank (default: 6000)")
    args = parser.parse_args()
    entries = dictionary()
    write("hanwords.txt", "".join(word + "\n" for word in sorted(in_both_scripts(frequent_words(entries, args.words)))))
    chars = frequent_chars(entries, args.chars)
    write("hanchars.txt", "".join(f"{script}\t{text}\n" for script, text in chars.items()))


if __name__ == "__main__":
    main()
