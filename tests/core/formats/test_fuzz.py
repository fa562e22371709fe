"""Fuzzing the readers: mutated documents of every format — text, JSON, HTML, Word, Excel, PDF — built from
the fixtures and the seed by byte flips, truncation, zip-part tampering, XML corruption and huge dimensions. Each must
read or be refused with a Chinese message (a ``JixiaoError``): 0 crashes, and each within a time bound: 0 hangs.

Bounded and seeded: the same documents every run (``random.Random(SEED)``), 900 of them, in well under a
minute on one core. A failure names the document (format, source, mutation) so it can be rebuilt with
:func:`documents`.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import signal
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest

from jixiao.domain.errors import JixiaoError
from jixiao.formats import canonical, read_bytes
from jixiao.formats.interpret import ReadResult
from tests.conftest import FIXTURES, SEED

SEED_NUMBER = 14
PER_FORMAT = {"text": 160, "json": 150, "html": 150, "docx": 150, "xlsx": 180, "pdf": 110}
TIME_BOUND = 10.0  # seconds one document may take (the slowest mutated fixture reads in about 1 s)

Mutation = Callable[[random.Random, bytes], bytes]


# -- the sources -----------------------------------------------------------------------------------------------------


def _sources() -> dict[str, list[tuple[str, bytes]]]:
    office = FIXTURES / "office"
    texts = [SEED, *sorted((FIXTURES / "text").glob("*.txt"))[:6], *sorted((FIXTURES / "two_row_header").glob("*.txt"))]
    seed_json = canonical.to_json(read_bytes(SEED.read_bytes()).document).encode()

    def files(folder: Path, suffix: str) -> list[tuple[str, bytes]]:
        return [(path.name, path.read_bytes()) for path in sorted(folder.glob(f"*.{suffix}"))]

    return {
        "text": [(path.name, path.read_bytes()) for path in texts],
        "json": [("seed.json", seed_json)],
        "html": files(office, "html"),
        "docx": files(office, "docx") + files(FIXTURES / "selfeval", "docx"),
        "xlsx": files(office, "xlsx") + files(FIXTURES / "selfeval", "xlsx"),
        "pdf": files(office, "pdf"),
    }


# -- byte-level mutations ----------------------------------------------------------------------------------------------


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 4, 16, 64))):
        position = rng.randrange(len(out))
        out[position] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def splice(rng: random.Random, data: bytes) -> bytes:
    """A random piece of the file repeated or moved elsewhere."""
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randrange(1, 512)]
    at = rng.randrange(len(data))
    return data[:at] + piece * rng.choice((1, 2, 50)) + data[at:]


def garbage(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.randrange(1, 200)) + data[at:]


BYTES: list[Mutation] = [flip_bytes, truncate, splice, garbage]


# -- text-level mutations (text, JSON, HTML and the XML inside zips) -------------------------------------------------


def corrupt_markup(rng: random.Random, data: bytes) -> bytes:
    """Break the markup: a tag cut, a closing tag dropped, an entity or a DTD inserted, quotes unbalanced."""
    tags = [match.start() for match in re.finditer(rb"<", data)] or [0]
    at = rng.choice(tags)
    choice = rng.randrange(6)
    if choice == 0:
        return data[:at] + data[at + rng.randrange(1, 20) :]
    if choice == 1:
        return re.sub(rb"</[^>]+>", b"", data, count=rng.randrange(1, 20))
    if choice == 2:
        return data[:at] + b"&bogus;&#xD800;&#99999999;" + data[at:]
    if choice == 3:
        return b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + data
    if choice == 4:
        return data[:at] + b'"' + data[at:]
    return data[:at] + b"<" * rng.randrange(1, 50) + data[at:]


def huge_numbers(rng: random.Random, data: bytes) -> bytes:
    """Attribute values and numbers made huge: spans, cell references, counts, amounts."""
    replacements = [
        (rb'r="[A-Z]+(\d+)"', b'r="XFD1048576"'),
        (rb'ref="[A-Z0-9:]+"', b'ref="A1:XFD1048576"'),
        (rb'(rowspan|colspan)="?\d+"?', rb'\1="99999"'),
        (rb'w:val="\d+"', b'w:val="2147483647"'),
        (rb"/Count \d+", b"/Count 99999999"),
        (rb"\d+\.\d\d", b"1" + b"0" * 5000 + b".00"),
        (rb'"year": \d+', b'"year": 1e999999999'),
    ]
    for pattern, replacement in rng.sample(replacements, len(replacements)):
        changed = re.sub(pattern, replacement, data, count=rng.choice((1, 3, 1000)))
        if changed != data:
            return changed
    return garbage(rng, data)


def json_shapes(rng: random.Random, data: bytes) -> bytes:
    """JSON values of the wrong type, nested deep, with lone surrogates or control characters."""
    choice = rng.randrange(5)
    if choice == 0:
        value = rng.choice((b"[]", b"{}", b"true", b'"x"', b"null", b"-0", b"1e400", b"NaN", b"Infinity"))
        return re.sub(rb":\s*(\"[^\"]*\"|[-\d.]+|null|true|false)", b": " + value, data, count=rng.randrange(1, 30))
    if choice == 1:
        depth = rng.choice((63, 65, 1000, 100_000))
        return data.replace(b'"projects": [', b'"projects": [' + b"[" * depth + b"]" * depth + b",", 1)
    if choice == 2:
        return data.replace(b'"name": "', b'"name": "\\ud800', rng.randrange(1, 5))
    if choice == 3:
        return data.replace(b'"', b'"\x01', 1)
    return data[: rng.randrange(1, len(data))] + b"]" * rng.randrange(0, 3)


TEXT: list[Mutation] = [corrupt_markup, huge_numbers]


# -- zip parts ------------------------------------------------------------------------------------------------------


def _rezip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def tamper_zip(rng: random.Random, data: bytes) -> bytes:
    """One part mutated (bytes, markup or numbers), dropped, emptied or duplicated under another name."""
    parts = _parts(data)
    name = rng.choice([key for key in parts if key.endswith((".xml", ".rels"))] or list(parts))
    choice = rng.randrange(5)
    if choice == 0:
        del parts[name]
    elif choice == 1:
        parts[name] = b""
    elif choice == 2:
        parts[name] = rng.choice(BYTES)(rng, parts[name]) if parts[name] else b"x"
    else:
        parts[name] = rng.choice(TEXT)(rng, parts[name]) if parts[name] else b"<"
    return _rezip(parts)


def zip_headers(rng: random.Random, data: bytes) -> bytes:
    """The zip's own records damaged: sizes, offsets, methods, in the local headers or the central directory."""
    out = bytearray(data)
    headers = [match.start() for match in re.finditer(rb"PK\x01\x02|PK\x03\x04|PK\x05\x06", data)]
    at = rng.choice(headers) + rng.randrange(4, 30)
    for offset in range(rng.randrange(1, 5)):
        if at + offset < len(out):
            out[at + offset] = rng.randrange(256)
    return bytes(out)


ZIP: list[Mutation] = [tamper_zip, tamper_zip, tamper_zip, zip_headers]


def mutations(fmt: str) -> list[Mutation]:
    if fmt in ("docx", "xlsx"):
        return ZIP * 2 + BYTES
    if fmt == "json":
        return [json_shapes, json_shapes, huge_numbers, *BYTES]
    if fmt == "html":
        return [*TEXT, *TEXT, *BYTES]
    if fmt == "pdf":
        return [*BYTES, huge_numbers, flip_bytes, truncate]
    return [*BYTES, huge_numbers, corrupt_markup]


@cache
def documents() -> tuple[tuple[str, str, bytes], ...]:
    """``(format, label, bytes)`` of every fuzzed document, the same on every run."""
    return tuple(_documents())


def _documents() -> Iterator[tuple[str, str, bytes]]:
    rng = random.Random(SEED_NUMBER)
    for fmt, sources in _sources().items():
        chosen = mutations(fmt)
        for number in range(PER_FORMAT[fmt]):
            name, data = sources[number % len(sources)]
            mutation = chosen[rng.randrange(len(chosen))]
            steps = [mutation] + ([rng.choice(chosen)] if rng.random() < 0.2 else [])
            for step in steps:
                with contextlib.suppress(Exception):  # a zip damaged by an earlier step may raise anything
                    data = step(rng, data) or data
            yield fmt, f"{fmt} #{number} {name} {'+'.join(step.__name__ for step in steps)}", data


# -- the test --------------------------------------------------------------------------------------------------------


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang


def test_fuzzed_documents_read_or_are_refused_in_chinese() -> None:
    crashes: list[str] = []
    hangs: list[str] = []
    outcomes: Counter[str] = Counter()
    started = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for fmt, label, data in documents():
            begun = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, TIME_BOUND)
            try:
                result = read_bytes(data, name=label)
            except Hang:
                hangs.append(label)
                continue
            except JixiaoError as error:
                assert re.search(r"[\u4e00-\u9fff]", str(error)), f"{label}: not a Chinese message: {error}"
                outcomes[f"{fmt} refused"] += 1
            except Exception as error:  # the crash this test exists to find
                crashes.append(f"{label}: {type(error).__name__}: {str(error)[:120]}")
            else:
                assert isinstance(result, ReadResult)
                outcomes[f"{fmt} read"] += 1
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if time.perf_counter() - begun > TIME_BOUND:
                hangs.append(label)
    finally:
        signal.signal(signal.SIGALRM, previous)
    total = sum(outcomes.values()) + len(crashes) + len(hangs)
    elapsed = time.perf_counter() - started
    print(f"\nfuzz: {total} documents, {len(crashes)} crashes, {len(hangs)} hangs, {elapsed:.1f} s; {dict(outcomes)}")
    assert total >= 500
    assert {fmt for fmt, _label, _data in documents()} == set(PER_FORMAT)
    assert not crashes, "\n".join(crashes)
    assert not hangs, "\n".join(hangs)


@pytest.mark.parametrize("fmt", sorted(PER_FORMAT))
def test_every_format_is_fuzzed_and_some_survive(fmt: str) -> None:
    """The mutations are not all fatal: each format has sources and the documents differ from them."""
    sources = {data for _name, data in _sources()[fmt]}
    mutated = [data for kind, _label, data in documents() if kind == fmt]
    assert len(mutated) == PER_FORMAT[fmt]
    assert sum(data not in sources for data in mutated) >= 0.9 * len(mutated)
