"""What an import reports back: counts, and every error and warning with its place in the file."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """One error or warning: `file:line:column: text`, where `text` quotes the value and says what is wrong.

    `line` is the file's line number (the header is line 1, an XLSX row is its row number); `column` is the
    header as written in the file, empty when the message is about the file or the line as a whole.
    """

    file: str
    line: int
    column: str
    value: str
    text: str

    def __str__(self) -> str:
        if self.column:
            return f"{self.file}:{self.line}:{self.column}: {self.text}"
        return f"{self.file}:{self.line}: {self.text}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.text,
            "text": str(self),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Message":
        return cls(data["file"], data["line"], data["column"], data["value"], data["message"])


@dataclass
class ImportResult:
    """The outcome of one import run (or of its dry run, the preview).

    `rows` counts the file's non-blank data rows; `created + updated + unchanged` counts distinct records
    (a row repeated word for word is one record). `applied` is True only when the records were written.
    """

    kind: str
    filename: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    applied: bool = False
    errors: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, line: int, column: str, value: str, text: str) -> None:
        self.errors.append(Message(self.filename, line, column, value, text))

    def warn(self, line: int, column: str, value: str, text: str) -> None:
        self.warnings.append(Message(self.filename, line, column, value, text))

    def sort(self) -> None:
        """Order messages by line, keeping the order they were found in within a line."""
        self.errors.sort(key=lambda m: m.line)
        self.warnings.sort(key=lambda m: m.line)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.filename,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [m.as_dict() for m in self.errors],
            "warnings": [m.as_dict() for m in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ImportResult":
        return cls(
            kind=data["kind"],
            filename=data["file"],
            dry_run=data["dry_run"],
            rows=data["rows"],
            created=data["created"],
            updated=data["updated"],
            unchanged=data["unchanged"],
            applied=data["applied"],
            errors=[Message.from_dict(m) for m in data["errors"]],
            warnings=[Message.from_dict(m) for m in data["warnings"]],
        )
