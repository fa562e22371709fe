"""docs/messages.md, generated: every message code of every package's catalogue, and the review rules' codes.

Each package keeps its own catalogue (``jixiao/domain/messages.py``, ``jixiao/formats/messages.py``,
``jixiao/web/messages.py``, ``jixiao/cli_messages.py``), merged by :func:`jixiao.domain.errors.register_messages`;
a finding of the target review carries its rule's id as its code (docs/rules.md). Regenerate with
``.venv/bin/python -m jixiao.catalogue docs/messages.md``; a test fails while the file is stale.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

REGENERATE = ".venv/bin/python -m jixiao.catalogue docs/messages.md"
OWNERS = {
    "domain": ("The domain", "jixiao/domain/messages.py"),
    "formats": ("Reading and writing documents", "jixiao/formats/messages.py"),
    "web": ("The web application", "jixiao/web/messages.py"),
    "cli": ("The command line", "jixiao/cli_messages.py"),
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    """The whole document: one table per catalogue (code and message), then the review rules' codes."""
    import jixiao.cli  # noqa: F401  (imports every package, which registers every catalogue)
    from jixiao.domain.errors import CATALOGUES
    from jixiao.domain.review.model import RULES

    lines = [
        "# Messages",
        "",
        "Every code a user can see, with its Chinese message (`{name}` is filled in). Generated from the catalogues:",
        f"`{REGENERATE}`.",
        "",
    ]
    for owner, (title, path) in OWNERS.items():
        catalogue = CATALOGUES.get(owner, {})
        lines += [f"## {title} (`{path}`, {len(catalogue)} codes)", "", "| code | message |", "|---|---|"]
        lines += [f"| `{code}` | {_cell(text)} |" for code, text in sorted(catalogue.items())]
        lines.append("")
    lines += [
        f"## Review findings ({len(RULES)} rules)",
        "",
        "A finding of the target review carries its rule's id as its code; the rule holds its message, suggestion and",
        "basis (docs/rules.md).",
        "",
        "| code | severity | rule |",
        "|---|---|---|",
    ]
    lines += [f"| `{rule.id}` | {rule.severity.value} | {_cell(rule.title)} |" for rule in RULES.values()]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str]) -> int:
    text = render()
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
