"""One catalogue of messages per package, merged by a registry; docs/messages.md is generated from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import jixiao.cli  # noqa: F401  (registers every catalogue)
from jixiao.catalogue import REGENERATE, render
from jixiao.domain.errors import CATALOGUES, MESSAGES, message, register_messages

ROOT = Path(__file__).resolve().parents[2]
CODE_RE = re.compile(
    r"""(?:JixiaoError|DocumentError|ServiceError|ReadWarning|Finding|message|_error|_warn|code=)\(?\s*["']([a-z_]+\.[a-z_.]+)["']"""
)


def test_docs_messages_md_is_generated_from_the_catalogues() -> None:
    text = (ROOT / "docs" / "messages.md").read_text(encoding="utf-8")
    assert text == render(), f"docs/messages.md is stale: run {REGENERATE}"


def test_the_merged_catalogue_is_exactly_the_packages_catalogues() -> None:
    assert set(CATALOGUES) == {"domain", "formats", "web", "cli"}
    merged = {code: text for catalogue in CATALOGUES.values() for code, text in catalogue.items()}
    assert merged == MESSAGES
    assert sum(len(catalogue) for catalogue in CATALOGUES.values()) == len(MESSAGES)  # no code in two catalogues


def test_a_code_registered_by_two_packages_is_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        register_messages("elsewhere", {"document.empty": "重复"})


def test_every_code_the_code_raises_has_a_message() -> None:
    used = set()
    for path in (ROOT / "jixiao").rglob("*.py"):
        used |= set(CODE_RE.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 100
    review_ids = {rule_id for rule_id in re.findall(r'@rule\(\s*"([^"]+)"', _all_rules())}
    missing = sorted(code for code in used if code not in MESSAGES and code not in review_ids)
    assert missing == []


def _all_rules() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "jixiao/domain/review/rules").glob("*.py"))


def test_every_message_fills_from_its_own_placeholders() -> None:
    for code, template in MESSAGES.items():
        names = set(re.findall(r"{(\w+)}", template))
        assert message(code, dict.fromkeys(names, "x")), code
