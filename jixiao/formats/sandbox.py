"""Reading an untrusted file in a child process with a memory and a time budget, so that one hostile upload cannot
take a server worker's memory or time whatever gets past the limits of :mod:`jixiao.formats.limits`.

Design: a ``forkserver`` child per file. The fork server is started once per server process with the readers
imported (openpyxl, pdfplumber, PDFium), so a child costs a fork, not an interpreter start; it holds no database
connection or socket of the server. The child caps its own address space (``RLIMIT_AS``: what it had at start plus
the budget) and CPU time (``RLIMIT_CPU``), reads with the limits it is given, and answers over a pipe in JSON — the
canonical JSON of the document and the warnings, or the error's code and parameters — never a pickle, so even a
child subverted by a file cannot hand the server an object to unpickle. The parent waits at most the time budget,
then kills the child: ``limit.parse_time``; a child out of memory answers ``limit.parse_memory`` (or dies, which
reads the same).

As with any ``multiprocessing`` start method but ``fork``, a script that calls this must keep its own work under
``if __name__ == "__main__":`` (the child imports the main module); servers, the CLI and pytest do.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import signal
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from jixiao.domain.errors import DocumentError, JixiaoError, ReadWarning
from jixiao.formats.limits import MB, ReadLimits, current_limits, set_default_limits, size_text

if TYPE_CHECKING:
    from jixiao.formats.interpret import ReadResult

# What the fork server imports once, so that no child pays for it (a name it cannot import is skipped).
PRELOAD = [
    "jixiao.formats",
    "jixiao.formats.docx",
    "jixiao.formats.xlsx",
    "jixiao.formats.html",
    "jixiao.formats.pdf",
    "jixiao.formats.ledger",
    "jixiao.formats.sandbox",
    "jixiao.formats.sandbox_warm",
    "openpyxl",
    "pdfplumber",
    "pypdfium2",
]
_REPLY_BYTES = 256 * MB  # the most the parent takes from a child's pipe


@dataclass(frozen=True, slots=True)
class Budget:
    """What one read may take: wall-clock seconds, and memory beyond what the child held when it started."""

    seconds: float = 30.0
    memory_bytes: int = 512 * MB


# -- what a child can be asked to read -----------------------------------------------------------------------------


def _read_targets(data: bytes, name: str) -> Any:
    from jixiao.formats import canonical, read_bytes

    result = read_bytes(data, name=name)
    fields = ("code", "line", "table", "row", "field_name")
    warnings = [{**{name: getattr(w, name) for name in fields}, "params": dict(w.params)} for w in result.warnings]
    return {"document": canonical.to_json(result.document), "layout": result.layout, "warnings": warnings}


def _targets_result(payload: Any) -> Any:
    from jixiao.formats import ReadResult, canonical

    warnings = [ReadWarning(**item) for item in payload["warnings"]]
    return ReadResult(document=canonical.from_json(payload["document"]), warnings=warnings, layout=payload["layout"])


def _read_ledger(data: bytes, name: str) -> Any:
    from jixiao.formats.ledger import ledger_rows

    return [[line, list(cells)] for line, cells in ledger_rows(data)]


def _ledger_result(payload: Any) -> Any:
    return [(int(line), tuple(str(cell) for cell in cells)) for line, cells in payload]


_KINDS: dict[str, tuple[Callable[[bytes, str], Any], Callable[[Any], Any]]] = {
    "targets": (_read_targets, _targets_result),
    "ledger": (_read_ledger, _ledger_result),
}


# -- the child -----------------------------------------------------------------------------------------------------


def _address_space() -> int:
    """The process's current virtual size in bytes (Linux), or 0 when unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _cap(memory_bytes: int, seconds: float) -> None:
    import resource

    base = _address_space()
    if base:
        limit = base + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _child(conn: Any, kind: str, data: bytes, name: str, limits: dict[str, int], budget: dict[str, Any]) -> None:
    try:
        _cap(budget["memory_bytes"], budget["seconds"])
        set_default_limits(ReadLimits(**limits))
        reply: dict[str, Any] = {"result": _KINDS[kind][0](data, name)}
    except JixiaoError as error:
        reply = {"error": error.code, "kind": type(error).__name__, "params": error.params}
    except MemoryError:
        reply = {"memory": True}
    except Exception as error:  # a reader's bug: reported, not a crash of the server
        reply = {"failed": f"{type(error).__name__}: {str(error)[:200]}"}
    try:
        conn.send_bytes(json.dumps(reply, ensure_ascii=False, default=str).encode("utf-8"))
    except MemoryError:
        conn.send_bytes(b'{"memory": true}')
    finally:
        conn.close()


# -- the parent ----------------------------------------------------------------------------------------------------

_context: Any = None


def _get_context() -> Any:
    global _context
    if _context is None:
        methods = multiprocessing.get_all_start_methods()
        _context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if _context.get_start_method() == "forkserver":
            _context.set_forkserver_preload(PRELOAD)
    return _context


def run_isolated(
    kind: str, data: bytes, *, name: str = "", limits: ReadLimits | None = None, budget: Budget | None = None
) -> Any:
    """Read ``data`` as ``kind`` (``targets``: a :class:`~jixiao.formats.ReadResult`; ``ledger``: ledger rows) in a
    child process within ``budget``; a refusal or damage is the same :class:`DocumentError` as in process."""
    limits = current_limits(limits)
    budget = budget or Budget()
    decode = _KINDS[kind][1]
    context = _get_context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, kind, data, name, asdict(limits), asdict(budget)), daemon=True
    )
    try:
        process.start()
    except BaseException:
        receiver.close()
        sender.close()
        raise
    try:
        sender.close()
        if not receiver.poll(budget.seconds):
            raise DocumentError("limit.parse_time", limit=_seconds(budget.seconds))
        try:
            raw = receiver.recv_bytes(_REPLY_BYTES)
        except (EOFError, OSError):
            process.join(1)
            raise _died(process.exitcode, budget) from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
        process.close()
    return decode(_reply(json.loads(raw), budget))


def _reply(reply: dict[str, Any], budget: Budget) -> Any:
    if "result" in reply:
        return reply["result"]
    if "error" in reply:
        params = dict(reply.get("params") or {})
        if reply.get("kind") == "DocumentError":
            raise DocumentError(reply["error"], **params)
        raise JixiaoError(reply["error"], **params)
    if reply.get("memory"):
        raise DocumentError("limit.parse_memory", limit=size_text(budget.memory_bytes))
    raise DocumentError("document.read_failed", reason=str(reply.get("failed", "")))


def _died(exitcode: int | None, budget: Budget) -> DocumentError:
    """A child that ended without answering: killed for its CPU time, out of memory inside a library, or crashed."""
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return DocumentError("limit.parse_time", limit=_seconds(budget.seconds))
    if exitcode in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS):
        return DocumentError("limit.parse_memory", limit=size_text(budget.memory_bytes))
    return DocumentError("document.read_failed", reason=f"读取进程意外退出（{exitcode}）")


def _seconds(seconds: float) -> str:
    return f"{seconds:g}"


def read_isolated(
    data: bytes, *, name: str = "", limits: ReadLimits | None = None, budget: Budget | None = None
) -> ReadResult:
    """:func:`jixiao.formats.read_bytes` in a child process within ``budget`` (see the module's description)."""
    result: ReadResult = run_isolated("targets", data, name=name, limits=limits, budget=budget)
    return result
