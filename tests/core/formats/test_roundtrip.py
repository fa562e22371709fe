"""Export to each format and import again gives the same canonical JSON: no format loses or alters a field.

Sources: the seed, every published-text fixture and every office fixture in layouts our writers never produce.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.formats import ReadResult, canonical, read_bytes
from tests.core.formats.conftest import FORMATS, sources


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("source", sources(), ids=lambda path: path.name)
def test_exporting_and_importing_again_gives_the_same_document(
    source: Path, fmt: str, result_of: Callable[[Path], ReadResult], exported: Callable[[Path, str], bytes]
) -> None:
    original = result_of(source)
    again = read_bytes(exported(source, fmt))
    assert again.layout == fmt
    assert canonical.to_json(again.document) == canonical.to_json(original.document)
    assert len(again.warnings) <= len(original.warnings)


def test_the_round_trip_covers_the_seed_the_text_fixtures_and_six_office_layouts() -> None:
    names = [path.name for path in sources()]
    assert names[0] == "seed_287001_2021.txt"
    assert sum(name.endswith((".docx", ".xlsx", ".pdf", ".html")) for name in names) >= 6
    assert {name.rsplit(".", 1)[1] for name in names} >= {"txt", "docx", "xlsx", "pdf", "html"}
