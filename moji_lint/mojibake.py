"""Mojibake: find and repair text that was decoded with the wrong codec."""
from __future__ import annotations

from typing import List

from .findings import Finding, LineIndex


def find_mojibake(index: LineIndex) -> List[Finding]:
    """MOJ001 and MOJ002 findings for the text behind ``index``."""
    return []
