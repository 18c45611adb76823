"""`moji-lint --fix` killed at random moments leaves each file as it was or fully fixed, and no temporary file."""
import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "fuzz"))
from fault_injection import inject_faults  # noqa: E402


def test_files_are_original_or_fixed_whenever_the_run_is_killed(tmp_path):
    figures = inject_faults(tmp_path, files=30, kills=20, seed=7, jobs=1, log=lambda line: None)
    assert figures.kills == 20
    assert figures.changed_by_fix > 0
    assert figures.third_state == []
    assert figures.wrong_at_end == 0
    assert figures.temporaries_left_at_end == 0
