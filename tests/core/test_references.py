"""The repository's references resolve inside the repository.

Every source and documentation file (``jixiao/``, ``tests/``, ``bench/``, ``docs/``, ``README.md``, ``Makefile``,
``pyproject.toml``) must not cite a document outside the repository (the old shared domain notes or the shared seed
folder), must not send the reader to an issue instead of saying the reason, must use only source tags (``[E1]``,
``V11``, ``V-file 54962234299``) listed in ``docs/domain/sources.md``, and every link to ``docs/domain/…md#anchor``
must name an existing file and heading.

Not scanned: data files (``.txt``, ``.json``, ``.tsv``, office documents: documents as published, not our text), the
read-only corpus copies under ``tests/corpus/docs`` and ``tests/corpus/expected``, ``CHANGELOG.md`` (history, which
may name the issues it closed) and this file, whose patterns would match themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "docs" / "domain"
SOURCES = DOMAIN / "sources.md"

SCANNED_DIRS = ("jixiao", "tests", "bench", "docs")
SCANNED_FILES = ("README.md", "Makefile", "pyproject.toml")
SUFFIXES = frozenset({".py", ".md", ".html", ".css", ".js", ".toml", ".cfg", ".ini", ".yml", ".yaml", ".sh"})
EXCLUDED = ("tests/corpus/docs/", "tests/corpus/expected/")
SKIPPED_DIRS = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache", "node_modules"})

_OUTSIDE = [
    (re.compile(r"domain" r"\.md"), "cites the shared domain notes; link to docs/domain/ instead"),
    (re.compile(r"\b(?:style|stack-notes)" r"\.md\s*§"), "cites the shared style notes; say the reason in place"),
    (re.compile(r"\.\./" r"shared\b"), "reads the shared folder outside the repository"),
    (re.compile(r"(?<![\w.])" r"shared/(?:docs|seed|corpus|hooks)\b"), "names the shared folder outside the repo"),
    (re.compile(r"""parent\s*/\s*["']""" r"shared" r"""["']"""), "builds a path into the shared folder"),
]
# "issue 6", "Issue #8", "issues 3": an issue number sent as the reason.
_ISSUE = re.compile(r"\bissues?\s+#?\d+", re.IGNORECASE)
# "#6" standing alone (after a space, bracket or line start); not "名称#1", "{key}#0", "project#12", "#,##0", "#333".
_HASH_NUMBER = re.compile(r"(?:^|(?<=[\s(（\[]))#\d{1,2}(?![\w,.#])")
# A source tag: E/G/S/V and a number, not inside a word, a quoted cell reference ("E3") or a range (B9:E9).
_TAG = re.compile(r"""(?<![\w"'$:./\\-])([EGSV]\d{1,2})(?![\w"':])""")
_FILE_TAG = re.compile(r"V-file (\d+)")
_DOMAIN_LINK = re.compile(r"docs/domain/([\w\-/]*\.md)(?:#([\w\-]+))?")
_MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
_DEFINED_TAG = re.compile(r"\*\*([EGSV]\d{1,2})\*\*")
_DEFINED_FILE = re.compile(r"\*\*V-file (\d+)\*\*")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_HTML_ANCHOR = re.compile(r"""<a\s+(?:id|name)=["']([^"']+)["']""")


def scanned_files() -> Iterator[Path]:
    for name in SCANNED_FILES:
        if (ROOT / name).is_file():
            yield ROOT / name
    this = Path(__file__).resolve()
    for folder in SCANNED_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if SKIPPED_DIRS & set(path.parts) or relative.startswith(EXCLUDED) or path.resolve() == this:
                continue
            if path.is_file() and (path.suffix in SUFFIXES or path.name == "Makefile"):
                yield path


def lines_of(path: Path, root: Path) -> Iterator[tuple[str, int, str]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    relative = path.relative_to(root).as_posix()
    for number, line in enumerate(text.splitlines(), start=1):
        yield relative, number, line


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script kept), spaces → -."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@cache
def anchors(path: Path) -> frozenset[str]:
    """Every anchor a Markdown file offers: its headings' slugs (duplicates numbered) and explicit ``<a id>``."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        found.update(_HTML_ANCHOR.findall(line))
        match = None if fenced else _HEADING.match(line)
        if match:
            base = slug(match.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    return frozenset(found)


@cache
def defined_tags() -> tuple[frozenset[str], frozenset[str]]:
    text = SOURCES.read_text(encoding="utf-8")
    return frozenset(_DEFINED_TAG.findall(text)), frozenset(_DEFINED_FILE.findall(text))


def _link_problem(target: Path, anchor: str | None, shown: str) -> str | None:
    if not target.is_file():
        return f"links to {shown}, which does not exist"
    if anchor and anchor not in anchors(target):
        return f"links to {shown}, whose heading #{anchor} does not exist"
    return None


def problems_in(path: Path, root: Path = ROOT) -> Iterator[str]:
    """Each problem as ``file:line: what``."""
    tags, files = defined_tags()
    for relative, number, line in lines_of(path, root):
        where = f"{relative}:{number}"
        for pattern, why in _OUTSIDE:
            if pattern.search(line):
                yield f"{where}: {why}: {line.strip()[:120]}"
        for match in (*_ISSUE.finditer(line), *_HASH_NUMBER.finditer(line)):
            issue = match.group(0).strip()
            yield f"{where}: refers to an issue ({issue}); say the reason in place: {line.strip()[:120]}"
        for tag in _TAG.findall(line):
            if tag not in tags:
                yield f"{where}: source tag {tag} is not listed in docs/domain/sources.md"
        for file_id in _FILE_TAG.findall(line):
            if file_id not in files:
                yield f"{where}: source V-file {file_id} is not listed in docs/domain/sources.md"
        for name, anchor in _DOMAIN_LINK.findall(line):
            problem = _link_problem(DOMAIN / name, anchor or None, f"docs/domain/{name}")
            if problem:
                yield f"{where}: {problem}"
        if path.suffix == ".md":
            for link in _MD_LINK.findall(line):
                target, _, anchor = link.partition("#")
                if "://" in link or link.startswith("mailto:"):
                    continue
                resolved = (path.parent / target).resolve() if target else path
                if DOMAIN in resolved.parents or resolved == DOMAIN:
                    problem = _link_problem(resolved, anchor or None, link)
                    if problem:
                        yield f"{where}: {problem}"


def test_the_domain_reference_exists() -> None:
    for name in ("README.md", "frames.md", "values.md", "review.md", "monitoring.md", "scoring.md"):
        assert (DOMAIN / name).is_file(), name
    for name in ("department.md", "exchange.md", "profiles.md", "sources.md"):
        assert (DOMAIN / name).is_file(), name
    tags, _ = defined_tags()
    assert {"E1", "G2", "S2", "V11"} <= tags


def test_every_reference_resolves_inside_the_repository() -> None:
    found = [problem for path in scanned_files() for problem in problems_in(path)]
    assert not found, f"{len(found)} reference(s) to fix:\n" + "\n".join(found)


def test_the_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.md"
    sample.write_text(
        "\n".join(
            [
                "see domain.md §5",  # 1
                "read ../shared/seed/x.txt",  # 2
                "as issue 6 asked",  # 3
                "fixed in (#7)",  # 4
                "a basis [E1, E99]",  # 5
                "docs/domain/scoring.md#no-such-heading",  # 6
                "docs/domain/nothing.md",  # 7
                'key f"{name}#0", targets.project#12, "#,##0.00", color #333, ws["E3"], B9:E9, [G2, G23] (V8, V3)',
                "docs/domain/scoring.md#budget-execution, docs/domain/review.md#t16-spending-plan：依据",
            ]
        ),
        encoding="utf-8",
    )
    lines = sorted({int(problem.split(":")[1]) for problem in problems_in(sample, tmp_path)})
    assert lines == [1, 2, 3, 4, 5, 6, 7]


def test_slugs_follow_github() -> None:
    assert slug("T2 required level-1 categories") == "t2-required-level-1-categories"
    assert slug("Example A 池州 2022 default scheme") == "example-a-池州-2022-default-scheme"
    assert slug("T10 rates above 100%") == "t10-rates-above-100"
    assert (
        slug("Localities (地区配置) and what varies between them") == "localities-地区配置-and-what-varies-between-them"
    )
