"""moji-lint: find and repair text whose encoding went wrong.

The public API lives in :mod:`moji_lint.api` and is re-exported here.
"""

__version__ = "0.1.0"

from .api import (  # noqa: E402
    Edit,
    Finding,
    Fix,
    Location,
    Options,
    Result,
    check,
    check_bytes,
    check_text,
    fix,
    fix_bytes,
    fix_text,
    fixed,
    options,
)

__all__ = [
    "Edit", "Finding", "Fix", "Location", "Options", "Result",
    "check", "check_bytes", "check_text", "fix", "fix_bytes", "fix_text", "fixed", "options", "__version__",
]
