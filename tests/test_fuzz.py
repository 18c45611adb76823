"""The fuzzer's mutate engine: inputs within their bounds, distinct, counted; a short run finds no crash."""
import argparse
import json
import random
import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "fuzz"))
import run  # noqa: E402


def seeds():
    return [path.read_bytes() for path in sorted(run.SEEDS.iterdir())]


def test_small_inputs_stay_within_max_len_and_large_ones_grow_past_it():
    rng = random.Random(1)
    mutator = run.Mutator(seeds(), rng, max_len=64)
    small = [mutator.small() for _ in range(500)]
    assert 1 <= min(map(len, small)) and max(map(len, small)) <= 64
    assert len(set(small)) > 400
    assert all(len(mutator.large(2000)) > 1000 for _ in range(5))


def test_the_same_seed_gives_the_same_inputs():
    first, second = (run.mutants(run.Mutator(seeds(), random.Random(7), 128), random.Random(7), 0.1, 1024)
                     for _ in range(2))
    assert [next(first) for _ in range(50)] == [next(second) for _ in range(50)]


def test_a_short_run_counts_distinct_inputs_and_finds_no_crash(tmp_path):
    stats = tmp_path / "stats.json"
    args = argparse.Namespace(runs=60, seed=3, max_len=64, large_share=0.0, large_len=1024, timeout=60,
                              stats=str(stats), artifacts=str(tmp_path))
    run.fuzz_with_mutations(args)
    figures = json.loads(stats.read_text("utf-8"))
    assert (figures["inputs"], figures["distinct"]) == (60, 60)
    assert (figures["crashes"], figures["not_idempotent"], figures["timeouts"]) == (0, 0, 0)
    assert sum(figures["sizes"].values()) == 60
    assert figures["engine"] == "mutate" and len(figures["code"]) == 12
