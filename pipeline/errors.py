"""Problems found in raw data, and the exception that carries them to the user.

A problem always says where (file, sheet, row, column), what (the value) and why (the rule),
so an analyst can open the sheet and fix it without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    severity: str
    rule: str
    file: str = ""
    sheet: str = ""
    row: int | None = None  # 1-based, as Excel shows it
    column: str = ""
    value: object = None
    vi: str = ""  # the rule in Vietnamese, for the report (warnings only)

    def where_vi(self) -> str:
        parts = [f"tệp {self.file}"] if self.file else []
        if self.sheet:
            parts.append(f"trang tính '{self.sheet}'")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        return ", ".join(parts)

    def text_vi(self) -> str:
        """The problem in Vietnamese, where one was given; else the English text."""
        if not self.vi:
            return str(self)
        where = self.where_vi()
        return f"{where}: {self.vi}" if where else self.vi

    def where(self) -> str:
        if not self.file:
            return ""
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = "" if self.value is None else f" (value: {self.value!r})"
        where = self.where()
        return f"{where}: {self.rule}{value}" if where else f"{self.rule}{value}"


@dataclass
class ProblemLog:
    """Collects problems while reading; errors stop a district-year, warnings travel to the report."""

    problems: list[Problem] = field(default_factory=list)
    # Things fixed or skipped automatically, counted per kind and place, reported once per kind.
    notes: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, place: str) -> None:
        self.notes.setdefault(kind, []).append(place)

    def error(self, rule: str, **where) -> None:
        self.problems.append(Problem(ERROR, rule, **_plain_value(where)))

    def warn(self, rule: str, vi: str = "", **where) -> None:
        self.problems.append(Problem(WARNING, rule, vi=vi, **_plain_value(where)))

    def has_error_at(self, file: str, sheet: str, row: int) -> bool:
        return any((p.file, p.sheet, p.row) == (file, sheet, row) for p in self.errors)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


def _plain_value(where: dict) -> dict:
    """numpy scalars print as np.float64(3.0); messages show plain numbers."""
    value = where.get("value")
    if hasattr(value, "item"):
        where = {**where, "value": value.item()}
    return where


class NotebookMessage:
    """Mixin: in a notebook (IPython, so JupyterLab and papermill) the error shows as its message,
    in Vietnamese with the English beside it, instead of a traceback through the package."""

    def message_lines(self) -> list[str]:
        return str(self).splitlines()

    def _render_traceback_(self) -> list[str]:  # IPython's hook: these lines replace the traceback
        return self.message_lines()


FIX_AND_RUN_AGAIN = "Sửa bảng điểm rồi chạy lại — fix the sheets, then Run All again (`make validate` lists them all)."


class DataError(NotebookMessage, Exception):
    """Raw data that cannot become a report; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], context: str = ""):
        self.problems = problems
        self.context = context
        lines = [f"{len(problems)} data error(s){' in ' + context if context else ''}:"]
        lines += [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))

    def message_lines(self) -> list[str]:
        lines = [f"Bảng điểm có {len(self.problems)} lỗi, chưa lập được báo cáo — {str(self).splitlines()[0]}"]
        lines += [f"  - {_vi_with_column(p)} — {p}" if p.vi else f"  - {p}" for p in self.problems]
        lines.append(FIX_AND_RUN_AGAIN)
        return lines


def _vi_with_column(p: Problem) -> str:
    where = ", ".join(part for part in (p.where_vi(), f"cột '{p.column}'" if p.column else "") if part)
    return f"{where}: {p.vi}" if where else p.vi


class ParameterError(NotebookMessage, ValueError):
    """A notebook parameter that cannot be used as given, such as a year that is not a number."""


class ReportNotFound(NotebookMessage, LookupError):
    """No data for the district or year asked for; the message lists those that exist and the closest."""

    def __init__(self, message: str, choices: list[str], closest: str | None = None):
        self.choices, self.closest = choices, closest
        super().__init__(message)
