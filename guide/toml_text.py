"""A plan file's bytes as a TOML document, every problem said as a ``ProblemError``.

Kept apart from ``guide.storage`` (and pydantic) so that a plan can be parsed ahead in
another process that imports nothing else (``guide.parse_ahead``): what is cached for
some bytes is exactly what loading them would have parsed.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from typing import Any

from guide.problems import ProblemError, toml_problem

Document = dict[str, Any]

MAX_BYTES = 8 * 1024 * 1024
"""Largest plan file read (a plan with 1000 log entries is about 100 KB)."""

UTF8_BOM = b"\xef\xbb\xbf"


def decode(data: bytes) -> str:
    """The file's text: UTF-8 without a byte order mark."""
    if data.startswith(UTF8_BOM):
        raise ProblemError("problem_bom")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ProblemError("problem_utf16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        byte = data[e.start : e.start + 1].hex()
        raise ProblemError("problem_not_utf8", byte=byte, line=line, column=column) from None


def parse_toml(text: str) -> Document:
    """The TOML document of ``text``, floats as ``Decimal`` (money is never rounded)."""
    if not text.strip():
        raise ProblemError("problem_empty")
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except RecursionError:
        raise ProblemError("problem_toml_deep") from None
    except ValueError as e:  # tomllib.TOMLDecodeError, or int too long to convert
        raise ProblemError.of(toml_problem(e)) from None
