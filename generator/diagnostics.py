"""Diagnostics: what every stage reports about an editor's file, with a stable code."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "lỗi" if self is Severity.ERROR else "cảnh báo"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding, pointing at a file and a 1-based line (and column when known)."""

    file: str
    line: int
    column: int | None
    code: str
    severity: Severity
    message: str

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }


class Findings:
    """What a site's check found, by severity: shared by ``site.Site`` and
    ``checkrun.CheckReport``, which both hold their ``diagnostics``."""

    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.column or 0, diagnostic.code)
