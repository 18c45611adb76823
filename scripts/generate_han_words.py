"""Write moji_lint/data/hanwords.txt: common Chinese words of two Han characters, in both scripts.

    python -m pip install jieba==0.42.1 opencc==1.4.2   # only to run this script (the versions of the
                                                        # tables in the repo); moji-lint does not need them
    python scripts/generate_han_words.py [--words 30000]

The words are the most frequent two-character words of jieba's dictionary
(Simplified Chinese, with the word frequencies of jieba's training corpus),
each also written in Traditional characters by OpenCC's character tables
(``s2t``, ``s2tw`` for Taiwan's forms and ``s2hk`` for Hong Kong's); one
per line, sorted. The mojibake rule reads them to tell a line of real text
in one Chinese script from the other's text garbled: a repair between the
Chinese code pages is not made on a line that writes words of the script
the chain takes for garbled (``切換按鈕`` is no GBK read as Big5).
"""
import argparse
import os

import jieba
import opencc

TRADITIONAL = ("s2t", "s2tw", "s2hk")  # OpenCC's Traditional standards: its own, Taiwan's, Hong Kong's
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "moji_lint", "data", "hanwords.txt")


def is_han_pair(word: str) -> bool:
    """Whether ``word`` is two Han characters."""
    return len(word) == 2 and all("\u4e00" <= char <= "\u9fff" for char in word)


def dictionary() -> list:
    """jieba's dictionary: (word, frequency) pairs."""
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as f:
        return [(word, int(freq)) for word, freq, *_ in map(str.split, f)]


def frequent_words(entries: list, count: int) -> list:
    """The ``count`` most frequent words of two Han characters."""
    words = sorted((-freq, word) for word, freq in entries if is_han_pair(word))
    return [word for _, word in words[:count]]


def in_both_scripts(words: list) -> set:
    """The words, and the same words in Traditional characters, each standard's."""
    found = set(words)
    for config in TRADITIONAL:
        converter = opencc.OpenCC(config)
        found.update(filter(is_han_pair, map(converter.convert, words)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=30000, help="Simplified words to take (default: 30000)")
    args = parser.parse_args()
    words = sorted(in_both_scripts(frequent_words(dictionary(), args.words)))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(word + "\n" for word in words))
    print(f"{os.path.normpath(OUT)}: {len(words)} words")


if __name__ == "__main__":
    main()
