"""benchmarks/real_cases.py: how excerpts become files, and moji-lint's figures on real mojibake as a floor.

The floor is what moji-lint scored when the benchmark was written (issue 3's acceptance is higher;
``python benchmarks/real_cases.py`` prints it with every case that falls short). Raise a figure here
when a change improves it; a change that lowers one has broken a real case.
"""
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import real_cases  # noqa: E402

# (set, group, figure, "at least" or "at most", value measured): one CLI check and one --fix per set.
FLOOR = [
    ("ftfy", "positive", "found", "at least", 103),
    ("ftfy", "positive", "exact", "at least", 98),
    ("ftfy", "positive", "wrong", "at most", 3),
    ("ftfy", "known-failure", "exact", "at least", 2),
    ("ftfy", "negative", "found", "at most", 0),
    ("ftfy", "negative", "changed", "at most", 0),
    ("ftfy", "undamaged", "found", "at most", 0),
    ("ftfy", "undamaged", "changed", "at most", 0),
    ("wild", "repairable", "found", "at least", 57),
    ("wild", "repairable", "exact", "at least", 48),
    ("wild", "repairable", "wrong", "at most", 0),
    ("wild", "partial", "found", "at least", 2),
    ("wild", "lossy", "found", "at least", 6),
    ("wild", "lossy", "changed", "at most", 0),
    ("wild", "negative", "found", "at most", 1),
    ("wild", "negative", "changed", "at most", 0),
]


@pytest.fixture(scope="module")
def scores():
    """Each set's scores, computed once; skipped where ../shared/bench is absent."""
    if not real_cases.SHARED_BENCH.is_dir():
        pytest.skip("../shared/bench is not present")
    return {name: real_cases.score_set(case_set, real_cases.DEFAULT_CMD) for name, case_set in real_cases.SETS.items()}


@pytest.mark.parametrize("set_name, group, figure, bound, measured", FLOOR)
def test_figure_holds_its_floor(scores, set_name, group, figure, bound, measured):
    score = scores[set_name][group]
    value = getattr(score, figure)
    failures = "\n".join(real_cases.verdict(o) for o in score.failures)
    if bound == "at least":
        assert value >= measured, failures
    else:
        assert value <= measured, failures


def test_group_sizes_match_the_data_readmes(scores):
    sizes = {name: {key: s.total for key, s in by_group.items()} for name, by_group in scores.items()}
    assert sizes == {
        "ftfy": {"positive": 103, "known-failure": 9, "negative": 30, "undamaged": 19},
        "wild": {"repairable": 57, "partial": 2, "lossy": 6, "negative": 35},
    }


def test_an_excerpt_is_a_utf8_file_with_one_final_newline():
    assert real_cases.file_bytes("JosÃ©") == "JosÃ©\n".encode("utf-8")


def test_escaped_bytes_become_raw_bytes_and_literal_escapes_stay_text():
    garbled = r'printf("\n\x41"); /* \xca\xe4\xb3\xf6ʾ */'
    assert real_cases.unescape_bytes(garbled) == b'printf("\\n\\x41"); /* \xca\xe4\xb3\xf6\xca\xbe */\n'


def test_a_failure_line_says_what_was_reported_and_produced_against_the_expected_text():
    case = real_cases.Case("a.txt", "set#1 label", b"voil\xc3\x83 le travail\n", "voilà le travail\n".encode("utf-8"))
    outcome = real_cases.Outcome(case, (), case.data, real_cases.REPAIR)
    assert real_cases.verdict(outcome) == (
        'not found: set#1 label | moji-lint: no finding | got "voilÃ le travail", expected "voilà le travail"'
    )
