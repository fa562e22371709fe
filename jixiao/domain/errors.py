"""One error family with stable codes and one catalogue of Chinese messages.

Views and the CLI show ``str(error)`` only; tests compare ``error.code``. A code's message is a ``str.format``
template filled from ``params``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The merged catalogue: every package registers its own (``register_messages``); codes are unique across them.
MESSAGES: dict[str, str] = {}
CATALOGUES: dict[str, dict[str, str]] = {}


def register_messages(owner: str, catalogue: Mapping[str, str]) -> None:
    """Add a package's catalogue; a code already registered by another owner is a programming error."""
    clash = [code for code in catalogue if code in MESSAGES and code not in CATALOGUES.get(owner, {})]
    if clash:
        raise ValueError(f"message codes registered twice: {', '.join(clash)}")
    CATALOGUES.setdefault(owner, {}).update(catalogue)
    MESSAGES.update(catalogue)


def message(code: str, params: Mapping[str, Any]) -> str:
    """The Chinese message for ``code``; an unknown code is a programming error and raises ``KeyError``."""
    return MESSAGES[code].format(**params)


class JixiaoError(Exception):
    """Base of every error Jixiao reports to a user."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(message(code, params))


class DocumentError(JixiaoError):
    """Input that cannot be read as a target document; ``line`` is 1-based, or None when it concerns the whole file."""

    def __init__(self, code: str, *, line: int | None = None, column: int | None = None, **params: Any) -> None:
        self.line = line
        self.column = column
        super().__init__(code, line=line, column=column, **params)


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """A part of a document that was skipped or kept incomplete while reading.

    A warning about one field the reader is not sure of names it: ``table`` (the project or evaluation, 0-based, in
    the order read), ``row`` (the indicator row, 0-based; None for the table's own fields) and ``field`` (``name``,
    ``total``, ``goal``, ``level1`` … ``value``, ``midterm``, ``weight``, ``actual``, ``score``; ``*`` for the whole
    row). The import preview highlights such fields for the user to confirm.
    """

    code: str
    line: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    table: int | None = None
    row: int | None = None
    field_name: str | None = None

    def __str__(self) -> str:
        return message(self.code, {"line": self.line, **self.params})


def _register_domain() -> None:
    from jixiao.domain.messages import DOMAIN_MESSAGES

    register_messages("domain", DOMAIN_MESSAGES)


_register_domain()
