"""The public Python API: check bytes or text and get findings; fix bytes or text and get the result.

    >>> import moji_lint
    >>> [f.code for f in moji_lint.check_text("L'Ã©tÃ© dernier\\n")]
    ['MOJ001']
    >>> moji_lint.fix_text("L'Ã©tÃ© dernier\\n")
    "L'été dernier\\n"

The command line is built on these functions and nothing else.
"""
from __future__ import annotations

from typing import Iterable, List, Optional, Sequence

from .checker import Options, Result, check_document, check_utf8_part
from .findings import Edit, Finding, Fix, Location
from .fixes import fixed_bytes
from .rules import enabled_codes

__all__ = [
    "Edit", "Finding", "Fix", "Location", "Options", "Result",
    "check", "check_bytes", "check_part", "check_text", "fix_bytes", "fix_text", "fixed", "options",
]


def options(
    select: Optional[Iterable[str]] = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    allowed_encodings: Sequence[str] = (),
    source_code: bool = False,
) -> Options:
    """Options for a check: which rules run (codes or prefixes, as on the command line), allowed encodings,
    and whether the text is a program's source (repairs inside its string literals are then unsafe fixes)."""
    codes = enabled_codes(None if select is None else list(select), list(extend_select), list(ignore))
    return Options(frozenset(codes), tuple(allowed_encodings), source_code)


def check(data: bytes, opts: Optional[Options] = None) -> Result:
    """Decode ``data`` and run the rules; the result holds the findings and can give the fixed bytes."""
    return check_document(data, opts or Options())


def check_part(data: bytes, opts: Optional[Options] = None) -> Result:
    """Like ``check``, for lines from inside a file already read as UTF-8: how large files are checked, in parts."""
    return check_utf8_part(data, opts or Options())


def fix(result: Result, unsafe: bool = False) -> Result:
    """The check of a file after its safe fixes (and unsafe ones when asked for).

    A fix must hold: when fixing its result again would change it, the rules
    disagree with themselves, and ``result`` itself is returned, unchanged.
    The fixed bytes are checked as ``result`` was: as a file, or as a part of one.
    """
    new = fixed_bytes(result.document, result.findings, unsafe)
    if new == result.document.data:
        return result
    again = (check_utf8_part if result.part else check_document)(new, result.options)
    return again if fixed_bytes(again.document, again.findings, unsafe) == new else result


def fixed(result: Result, unsafe: bool = False) -> bytes:
    """The bytes of a checked file after its safe fixes (and unsafe ones when asked for); see ``fix``."""
    return fix(result, unsafe).document.data


def check_bytes(data: bytes, opts: Optional[Options] = None) -> List[Finding]:
    """The findings for a file's bytes."""
    return check(data, opts).findings


def check_text(text: str, opts: Optional[Options] = None) -> List[Finding]:
    """The findings for text, as if it were a UTF-8 file (surrogate escapes stand for its raw bytes)."""
    return check_bytes(utf8_bytes(text), opts)


def fix_bytes(data: bytes, opts: Optional[Options] = None, unsafe: bool = False) -> bytes:
    """A file's bytes with every safe fix applied (and unsafe ones when asked for)."""
    return fixed(check(data, opts), unsafe)


def fix_text(text: str, opts: Optional[Options] = None, unsafe: bool = False) -> str:
    """Text with every safe fix applied, as if it were a UTF-8 file."""
    return fix_bytes(utf8_bytes(text), opts, unsafe).decode("utf-8", "surrogateescape")


def utf8_bytes(text: str) -> bytes:
    """``text`` as a UTF-8 file's bytes; ValueError for a surrogate that is not an escaped byte."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError as error:
        char = error.object[error.start]
        raise ValueError(f"the text holds U+{ord(char):04X} at {error.start}, a lone surrogate that no file can "
                         "hold (surrogate escapes U+DC80..U+DCFF stand for raw bytes)") from None
