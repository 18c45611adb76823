"""benchmarks/seeds.py: corpora built from other seeds, scored, and summed up."""
import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import seeds  # noqa: E402

REPORT = """corpus: 60 documents, 0.12 MB; check 1.00 s (0.12 MB/s), fix 1.50 s
kind                docs  recall  precis  FP/1k   fixed  notes
clean                 19       -       -   0.00       -  0 docs flagged, 0 changed by fix
mojibake              21   97.1%  100.0%   0.00   90.5%  
ALL                   60   99.1%  100.0%   0.00   94.7%

mojibake by codec chain (line recall, exact repairs):
  utf-8>sloppy-cp1252                        docs    5  recall  100.0%  fixed  100.0%
  gbk>big5                                   docs    1  recall  100.0%  fixed    0.0%
"""


def test_the_summary_keeps_the_table_of_kinds_and_the_chains_under_the_floor():
    assert seeds.summary(REPORT, 85.0) == [
        "kind                docs  recall  precis  FP/1k   fixed  notes",
        "clean                 19       -       -   0.00       -  0 docs flagged, 0 changed by fix",
        "mojibake              21   97.1%  100.0%   0.00   90.5%  ",
        "ALL                   60   99.1%  100.0%   0.00   94.7%",
        "chains under 85% exact:",
        "  gbk>big5                                   docs    1  recall  100.0%  fixed    0.0%",
    ]
    assert seeds.summary(REPORT, 0.0)[-1].startswith("ALL")


def test_a_small_corpus_from_another_seed_is_built_and_scored(shared, capsys):
    assert seeds.main(["--seeds", "5", "--docs", "30"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== seed 5: 30 documents\nkind")
    assert "0 docs flagged, 0 changed by fix" in out
