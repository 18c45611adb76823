"""What a check reports: findings, the fixes they carry, and positions in text."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import accumulate
from typing import List, Optional, Tuple


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of a document's decoded text with ``new``."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Fix:
    """How to repair a finding: edits on the decoded text, applied all together or not at all.

    ``transcode`` means the file is to be written as UTF-8 instead of the
    legacy encoding it was read in.
    """

    edits: Tuple[Edit, ...] = ()
    safe: bool = True
    transcode: bool = False


@dataclass(frozen=True)
class Location:
    """A 1-based span of a file: lines split at ``\\n``, columns counted in characters."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Finding:
    code: str
    location: Location
    message: str
    fix: Optional[Fix] = None
    encoding: Optional[str] = None
    related: Tuple[Location, ...] = field(default=())
    path: str = ""
    chain: str = ""  # MOJ001: the codec chains of the repair, as mojibench names them (cp1251>sloppy-cp1252)

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.safe

    def with_path(self, path: str) -> "Finding":
        return replace(self, path=path)


class LineIndex:
    """Maps character offsets of a text to 1-based (line, column), lines split at ``\\n`` only."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def starts(self) -> List[int]:
        """The offset of each line's first character; worked out on first use, which a clean file may never make."""
        return [0, *accumulate(len(line) + 1 for line in self.text.split("\n")[:-1])]

    def __len__(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> Tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Character offset of a 1-based (line, column)."""
        return self.starts[line - 1] + column - 1

    def line_end(self, line: int) -> int:
        """Offset just past the text of a 1-based line, before its ``\\n``."""
        return self.starts[line] - 1 if line < len(self.starts) else len(self.text)

    def span(self, start: int, end: int) -> Location:
        """The location of ``text[start:end]``; the end column is exclusive."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Location(line, column, end_line, end_column)

    def lines(self, first: int, last: int) -> Location:
        """The location of whole lines ``first..last`` (1-based, inclusive)."""
        return Location(first, 1, last, self.line_end(last) - self.starts[last - 1] + 1)
