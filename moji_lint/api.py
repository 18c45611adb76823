"""The public Python API: check bytes or text and get findings; fix bytes or text and get the result.

    >>> import moji_lint
    >>> [f.code for f in moji_lint.check_text("L'Ã©tÃ© dernier\\n")]
    ['MOJ001']
    >>> moji_lint.fix_text("L'Ã©tÃ© dernier\\n")
    "L'été dernier\\n"

The command line is built on these functions and nothing else.
"""
from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Set

from .checker import MOJIBAKE_CODES, Options, Result, check_document, check_utf8_part
from .findings import Edit, Finding, Fix, Location
from .fixes import Span, applicable, apply_edits, fixed_bytes, non_overlapping_edits, spans_after, touches
from .rules import enabled_codes

MAX_FIX_ROUNDS = 8  # fixes of a fixed file made in one run (see ``fix``)

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

    A repair changes what the rest of the file says: a file half garbled reads
    as its own language once some of its lines are repaired, and more of them
    are found then. So the fixes of the fixed file are made too, up to
    ``MAX_FIX_ROUNDS`` times, while there are more. The later rounds only
    repair mojibake (a repair round-trips through its codec chain; reading
    raw bytes in a code page, or deleting a copy, is the first round's
    judgement), with the chains the earlier ones used, and leave alone the
    text they wrote (all of it, once a file is read in another encoding). A
    fix must hold: when the rounds do not come to rest, or one would do what
    it may not, the rules disagree with themselves, and ``result`` itself is
    returned, unchanged.
    The fixed bytes are checked as ``result`` was: as a file, or as a part of one.
    """
    current: Result = result
    written: Optional[List[Span]] = []  # the spans of the current text that the fixes wrote; None: not known
    used: Set[str] = set()  # the codec chains of the fixes made
    for n in range(MAX_FIX_ROUNDS + 1):
        new = fixed_bytes(current.document, current.findings, unsafe)
        if new == current.document.data:
            return current
        chosen = applicable(current.findings, unsafe)
        edits = non_overlapping_edits(chosen)
        if n == MAX_FIX_ROUNDS or n and not may_follow(chosen, edits, written, used):
            return result
        used.update(f.chain for f in chosen)
        again = (check_utf8_part if result.part else check_document)(new, result.options)
        if any(f.fix.transcode for f in chosen):  # the file's text is all a guess of its encoding's
            written = [(0, len(again.document.text))]
        elif again.document.text == apply_edits(current.document.text, edits):
            written = spans_after(written, edits)
        else:
            written = None
        current = again
    return result


def may_follow(chosen: List[Finding], edits: List[Edit], written: Optional[List[Span]],
               used: Set[str]) -> bool:
    """Whether a later round of fixes may be made: repairs of mojibake by codec chains the earlier rounds used,
    none in text they wrote. (What is left of a line that one chain repaired is no damage of another's: read
    again, cp1251's ``ÎÁÐ`` reads as KOI8-R's ``нап``, where ``ОБР`` was written.)"""
    return (written is not None and MOJIBAKE_CODES.issuperset(f.code for f in chosen)
            and used.issuperset(f.chain for f in chosen) and not touches(edits, written))


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
