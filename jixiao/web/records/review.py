"""The review engine as the pages use it: findings of a document under the site's locality profile, grouped, and
stored per department so that pages show the findings of the last save without re-running the review.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

import jixiao.domain.review
from jixiao.domain.model import TargetDocument
from jixiao.domain.profiles import Profile, get_profile
from jixiao.domain.review import Finding, Location, Part, Severity, review_document


def profile() -> Profile:
    return get_profile(settings.JIXIAO_PROFILE)


def findings(document: TargetDocument) -> list[Finding]:
    return review_document(document, profile=profile())


def counts(items: Iterable[Finding]) -> dict[str, int]:
    tally = Counter(finding.severity.value for finding in items)
    return {"error": tally["error"], "warning": tally["warning"], "info": tally["info"]}


def for_project(items: Iterable[Finding], code: str | None, index: int) -> list[Finding]:
    """The findings about the project at ``index`` of the document (its indicators included)."""
    return [f for f in items if f.location.project_index == index]


def counts_by_project(items: Iterable[Finding], projects: int) -> list[dict[str, int]]:
    """The counts of each of the document's ``projects`` projects, in one pass over the findings (a department of
    1,600 projects has tens of thousands of findings: filtering them once per project took seconds)."""
    tallies: list[Counter[str]] = [Counter() for _ in range(projects)]
    for finding in items:
        index = finding.location.project_index
        if index is not None and 0 <= index < projects:
            tallies[index][finding.severity.value] += 1
    return [{"error": t["error"], "warning": t["warning"], "info": t["info"]} for t in tallies]


@dataclass(frozen=True, slots=True)
class Group:
    """The findings of one check in one list, said once: the rows it found, and its words (the finding's own
    message when it found one row, its title otherwise)."""

    code: str
    severity: Severity
    text: str
    suggestion: str
    rows: tuple[int, ...]
    count: int
    acknowledgement: Any = None  # the unit's stated reason (records.models.Acknowledgement), if any

    @property
    def rows_text(self) -> str:
        shown = "、".join(str(row) for row in self.rows[:12])
        return f"第 {shown}{' 等' if len(self.rows) > 12 else ''} 行" if self.rows else ""


def grouped(items: Iterable[Finding], acknowledgements: dict[str, Any] | None = None) -> list[Group]:
    """``items`` (one project's, or one department's) with each check once, errors first, in the order found;
    a warning the unit has acknowledged carries its reason and comes after the open ones."""
    by_code: dict[str, list[Finding]] = {}
    for finding in items:
        by_code.setdefault(finding.code, []).append(finding)
    groups = []
    for code, found in by_code.items():
        first = found[0]
        rows = tuple(sorted({f.location.position for f in found if f.location.position is not None}))
        text = first.message if len(found) == 1 else (first.title or first.message)
        answered = (acknowledgements or {}).get(code) if first.severity is not Severity.ERROR else None
        groups.append(Group(code, first.severity, text, first.suggestion, rows, len(found), answered))
    return sorted(groups, key=lambda group: (group.acknowledgement is not None, group.severity.rank))


def for_indicator(items: Iterable[Finding], index: int) -> list[Finding]:
    """The findings about the indicator row at 0-based ``index``."""
    return [f for f in items if f.location.part is Part.INDICATOR and f.location.position == index + 1]


def project_level(items: Iterable[Finding]) -> list[Finding]:
    return [f for f in items if f.location.part is Part.PROJECT]


def for_overall(items: Iterable[Finding]) -> list[Finding]:
    return [f for f in items if f.location.part in (Part.OVERALL, Part.DOCUMENT)]


# -- stored findings -------------------------------------------------------------------------------------------

_RULE_SOURCES = Path(jixiao.domain.review.__file__).parent


@cache
def _fingerprint(profile_name: str) -> str:
    """What findings depend on besides the document: the profile's settings and the review package's code.

    Any edit to a rule (or the engine) changes it, so stored findings are recomputed after an upgrade rather than
    shown stale; the cost is one review per department on its next view.
    """
    digest = hashlib.sha256(repr(get_profile(profile_name)).encode())
    for path in sorted(_RULE_SOURCES.rglob("*.py")):
        digest.update(path.relative_to(_RULE_SOURCES).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stored_key() -> tuple[str, str]:
    """The profile name and rules fingerprint that stored findings must carry to be shown."""
    name = profile().name
    return name, _fingerprint(name)


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return {"decimal": str(value)}  # exact, scale included ("5.00"), unlike a JSON number
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    return str(value)  # messages format params with str(), so the rendered text stays the same


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"decimal"}:
        return Decimal(value["decimal"])
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


LOCATION_FIELDS = [field.name for field in dataclasses.fields(Location)]


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as JSON data that :func:`finding_of` reads back into an equal ``Finding``.

    Unlike ``Finding.to_dict`` (the rendered ``jixiao check --json`` record) it keeps the whole location and the
    message's params, so the message is rendered when shown, in the rules' current wording.
    """
    place = finding.location  # its fields are plain values: no dataclasses.asdict (a deep copy) per finding
    location = {name: value for name in LOCATION_FIELDS if (value := getattr(place, name)) is not None}
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "location": {**location, "part": finding.location.part.value},
        "params": {key: _encode(value) for key, value in finding.params.items()},
    }


def finding_of(record: dict[str, Any]) -> Finding:
    location = {name: value for name, value in record["location"].items() if name in LOCATION_FIELDS}
    return Finding(
        code=record["rule"],
        severity=Severity(record["severity"]),
        location=Location(**{**location, "part": Part(location["part"])}),
        params={key: _decode(value) for key, value in record["params"].items()},
    )


def pack(items: Iterable[Finding]) -> bytes:
    """Findings as stored: their records as JSON, zlib-compressed (a department's 200-odd findings repeat names and
    descriptions: 70 KB of JSON become 5 KB, which matters in a SQLite file with thousands of departments)."""
    text = json.dumps([finding_record(f) for f in items], ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode())


def unpack(data: bytes | memoryview) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(zlib.decompress(data))
    return records


def stored_fields(items: Iterable[Finding]) -> dict[str, Any]:
    """The ``StoredReview`` fields for these findings, computed under the site's profile and rules now."""
    name, fingerprint = stored_key()
    return {"profile": name, "fingerprint": fingerprint, "findings": pack(items)}


def about(project_index: int | None, *, overall: bool = False) -> Callable[[int | None], bool]:
    """Which findings a page wants, by their location's project index: one project's, Part 1's and the document's
    (those have none), or all."""
    if project_index is not None:
        return lambda index: index == project_index
    if overall:
        return lambda index: index is None
    return lambda index: True


def stored_findings(
    profile_name: str, fingerprint: str, data: bytes | memoryview, wanted: Callable[[int | None], bool]
) -> list[Finding] | None:
    """The stored findings that are ``wanted`` (see :func:`about`); None when they are stale."""
    if (profile_name, fingerprint) != stored_key():
        return None
    return [finding_of(r) for r in unpack(data) if wanted(r["location"].get("project_index"))]
