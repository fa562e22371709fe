"""docs/architecture.md stays true: the files it names exist, and its table of web apps is the layers contract."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_every_path_it_names_exists() -> None:
    named = set(re.findall(r"`((?:jixiao|tests|docs)/[\w./-]*)`", DOC))
    assert len(named) > 15
    missing = sorted(path for path in named if not (ROOT / path.rstrip("/")).exists())
    assert missing == []


def test_its_table_of_apps_is_the_layers_contract_in_order() -> None:
    table = re.findall(r"^\| `(\w+)` \|", DOC, flags=re.M)
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    in_contract = [name.strip() for layer in layers for name in layer.split("|")]
    assert table == in_contract


def test_every_app_folder_is_in_the_table() -> None:
    table = set(re.findall(r"^\| `(\w+)` \|", DOC, flags=re.M))
    folders = {path.parent.name for path in (ROOT / "jixiao" / "web").glob("*/apps.py")}
    assert folders == table


def test_the_registries_it_names_exist() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "jixiao").rglob("*.py"))
    for name in ("def register_counter", "def register(", "NUMERIC_RULES", "LAYOUTS", "def candidate_layouts"):
        assert name in text, name
