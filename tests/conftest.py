"""Shared fixtures: the shared benchmark data (skipped when absent) and a CLI runner."""
import io
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# The suite's property tests explore the same examples on every run, so that a red CI is
# a change's doing; the fuzz scripts under fuzz/ explore at random, with a large budget.
settings.register_profile("deterministic", derandomize=True)
settings.load_profile("deterministic")

from moji_lint.cli import main

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared():
    """The shared benchmark folder next to the checkout; tests that need it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


class CliResult:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def run_cli(monkeypatch):
    """Run moji-lint's main() in this process; returns exit code, stdout and stderr."""

    def run(*argv, cwd=None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        code = main([str(a) for a in argv])
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


def write(path, data):
    """Write bytes (or UTF-8 text) to ``path``, making folders; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path

