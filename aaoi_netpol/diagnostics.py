"""The one record every check produces and every reporter consumes."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; line and col are 1-based."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    col: int
    rule: str
    severity: Severity
    message: str

    @classmethod
    def at(cls, location: Location, rule: str, severity: Severity, message: str) -> Diagnostic:
        return cls(location.file, location.line, location.col, rule, severity, message)

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.col)


class InputError(Exception):
    """The tool could not run on this input (exit code 2); the message is one line."""


EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_CANNOT_RUN = 2
EXIT_INTERNAL = 3
