"""Messages about a plan file that can be said in every interface language.

A :class:`Problem` is a ``str`` (its English text, so code that joins, compares or logs
problems keeps working) that also knows its key in ``content/strings/problems.toml`` and
its values; :func:`said` writes it in another language where it is shown (``check``,
``show``, the log commands, the plan-error screen). A value may itself be a Problem
(``platforms[2].fee_percent: must be between 0 and 100`` is ``problem_at`` with the
path and the range's message). A ``count`` value picks the plural form of a counted key.
:class:`ProblemError` carries one through pydantic validators (pydantic keeps the
exception in the error's ``ctx``).
"""

from __future__ import annotations

import errno
import re
from typing import Any

from guide.i18n import Lang, has_text, is_counted, t, tn

TABLE = "problems"
"""The strings file most problems' words are in (``content/strings/on_demand/problems.toml``)."""


def _text(lang: Lang, key: str, values: dict[str, object]) -> str:
    shown = {name: said(lang, value) for name, value in values.items()}
    if is_counted(key, TABLE):
        count = shown.pop("count")
        assert isinstance(count, int)
        return tn(lang, key, count, **shown)
    return t(lang, key, **shown)


class Problem(str):
    """An English message that can also be said in the other languages."""

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, /, **values: object) -> Problem:
        self = super().__new__(cls, _text("en", key, values))
        self.key, self.values = key, values
        return self

    def said(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return _text(lang, self.key, self.values)

    def __reduce__(self) -> tuple[Any, ...]:  # str's would rebuild it from the English text
        return (_problem, (self.key, self.values))


def _problem(key: str, values: dict[str, object]) -> Problem:
    return Problem(key, **values)


def said(lang: Lang, value: object) -> object:
    """``value`` in ``lang`` when it is a Problem; anything else as it is."""
    return value.said(lang) if isinstance(value, Problem) else value


def said_text(lang: Lang, text: str) -> str:
    """A message (a Problem or plain text) in ``lang``."""
    return text.said(lang) if isinstance(text, Problem) else text


class ProblemError(ValueError):
    """A validator's refusal with a :class:`Problem` as its message."""

    def __init__(self, key: str, /, **values: object) -> None:
        self.problem = Problem(key, **values)
        super().__init__(self.problem)

    @classmethod
    def of(cls, problem: Problem) -> ProblemError:
        """The error for a message made beforehand."""
        return cls(problem.key, **problem.values)


def os_problem(error: OSError) -> str:
    """What the system said about a file, as a Problem for the common errors (their
    words are in problems.toml as ``problem_os_<errno name>``), else its own words."""
    name = errno.errorcode.get(error.errno or 0, "")
    key = f"problem_os_{name.lower()}"
    if name and has_text(key, TABLE):
        return Problem(key)
    return error.strerror or str(error)


def said_lines(lang: Lang, problems: list[str], sep: str = "; ") -> str:
    """Messages (Problems or plain text) in ``lang``, joined by ``sep``."""
    return sep.join(said_text(lang, p) for p in problems)


def said_error(lang: Lang, error: Exception) -> str:
    """A refusal from guide/ in ``lang``: a plan file's problems each naming the file, a
    timer's message, a log, review or merge's problem list, what the system said."""
    from pydantic import ValidationError

    from guide.storage import PlanError, validation_problems  # here: storage imports this
    from guide.timer import TimerError

    if isinstance(error, PlanError):
        return error.text(lang)
    if isinstance(error, ValidationError):  # a model refused a value typed in the app
        return said_lines(lang, validation_problems(error))
    if isinstance(error, TimerError):
        return error.said(lang)
    if isinstance(error, OSError):
        return said_text(lang, os_problem(error))
    problems = getattr(error, "problems", None)
    if isinstance(problems, list) and all(isinstance(p, str) for p in problems):
        return said_lines(lang, problems)
    if error.args and isinstance(error.args[0], Problem):  # e.g. SettingsError
        return error.args[0].said(lang)
    return str(error)


# --- tomllib's messages ---------------------------------------------------------------------

_TOML_POSITION = re.compile(
    r"^(?P<what>.*) \(at (?P<where>line \d+, column \d+|end of document)\)$"
)
_TOML_WORDS = [
    (r"Cannot overwrite a value", "problem_toml_overwrite"),
    (r"Escaped character is not a Unicode scalar value", "problem_toml_scalar"),
    (r"Expected '=' after a key in a key/value pair", "problem_toml_equals"),
    (r"Expected '\]' at the end of a table declaration", "problem_toml_table_end"),
    (r"Expected '\]\]' at the end of an array declaration", "problem_toml_array_end"),
    (r"Invalid date or datetime", "problem_toml_date"),
    (r"Invalid hex value", "problem_toml_hex"),
    (r"Invalid initial character for a key part", "problem_toml_key_start"),
    (r"Invalid statement", "problem_toml_statement"),
    (r"Invalid value", "problem_toml_value"),
    (r"Unclosed array", "problem_toml_unclosed_array"),
    (r"Unclosed inline table", "problem_toml_unclosed_table"),
    (r"Unescaped '\\' in a string", "problem_toml_backslash"),
    (r"Unterminated string", "problem_toml_unterminated"),
    (r"Cannot declare (?P<name>.+) twice", "problem_toml_declared_twice"),
    (r"Cannot mutate immutable namespace (?P<name>.+)", "problem_toml_immutable"),
    (r"Cannot redefine namespace (?P<name>.+)", "problem_toml_redefine"),
    (r"Duplicate inline table key (?P<name>.+)", "problem_toml_duplicate"),
    (r"Expected (?P<what>.+)", "problem_toml_expected"),
    (r"Found invalid character (?P<char>.+)", "problem_toml_invalid_char"),
    (r"Illegal character (?P<char>.+)", "problem_toml_illegal_char"),
]


def _toml_words(what: str) -> str:
    """tomllib's message as a Problem when it is a known one, else lowercased as it is."""
    for pattern, key in _TOML_WORDS:
        match = re.fullmatch(pattern, what, re.DOTALL)
        if match:
            return Problem(key, **match.groupdict())
    return what[:1].lower() + what[1:]


def toml_problem(error: ValueError) -> Problem:
    """tomllib's refusal (``TOMLDecodeError``, or an int too long to convert) as a Problem:
    "is not valid TOML at line 3, column 7: …", with its position and words in any language."""
    what: str = str(error)
    where: str = ""
    match = _TOML_POSITION.match(what)
    if match:
        what = match["what"]
        line, column = re.findall(r"\d+", match["where"]) or ("", "")
        end = match["where"] == "end of document"
        where = (
            Problem("problem_toml_at_end")
            if end
            else Problem("problem_toml_at", line=line, column=column)
        )
    hint: str = ""
    if "overwrite" in what or "twice" in what or "Duplicate" in what:
        hint = Problem("problem_toml_twice")
    if what.startswith("Exceeds the limit"):
        what = Problem("problem_toml_long_number")
    else:
        # tomllib shows keys as tuples: ('limits', 'stop_rule') -> limits.stop_rule
        what = re.sub(
            r"\(('[^']*',? ?)+\)", lambda m: ".".join(re.findall(r"'([^']*)'", m[0])), what
        )
        what = _toml_words(what)
    return Problem("problem_toml", where=where, what=what, hint=hint)
