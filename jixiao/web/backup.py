"""``jixiao backup`` / ``jixiao restore``: the whole database to one file and back.

SQLite: the online backup API (a consistent copy while the site keeps running). PostgreSQL: ``pg_dump -Fc``; restore
turns the archive into an SQL script with ``pg_restore`` and runs it with ``psql --single-transaction``, so a failed
restore leaves the database as it was. Both use the connection settings of ``DATABASE_URL`` (the Django database
``alias``). Restore refuses a database that already has tables unless ``force`` is given; with ``force`` every table,
view, sequence and function in the target is dropped first, in the same transaction.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from jixiao import outfile
from jixiao.domain.errors import JixiaoError

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
KIND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(JixiaoError):
    """A backup or restore that could not be done; nothing was changed."""


def database_backup(path: Path, *, alias: str = "default") -> int:
    """Write the database to ``path``, a regular file readable by its owner only (it holds password hashes and
    sessions), replaced only when the copy is complete; return its size in bytes."""
    connection = connections[alias]
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError("backup.engine", engine=connection.vendor)
    with outfile.replacing(path, private=True) as temporary:  # mkstemp beside the target, mode 0600
        if connection.vendor == "sqlite":
            _sqlite_backup(connection, temporary)
        else:
            _run([_tool("pg_dump"), "-Fc", "-f", str(temporary)], connection.settings_dict)
    return path.stat().st_size


def database_restore(path: Path, *, alias: str = "default", force: bool = False) -> None:
    """Replace the database's content with the backup at ``path``."""
    connection = connections[alias]
    kind = backup_kind(path)
    if kind != connection.vendor:
        expected = KIND_NAMES.get(connection.vendor, connection.vendor)
        raise BackupError("backup.wrong_kind", path=str(path), found=KIND_NAMES[kind], expected=expected)
    tables = connection.introspection.table_names()
    if tables and not force:
        raise BackupError("backup.not_empty", tables=len(tables))
    if kind == "sqlite":
        _sqlite_restore(connection, path)
    else:
        connection.close()  # no session of ours may hold a lock on what the restore drops
        _pg_restore(connection.settings_dict, path, clear=bool(tables))


def backup_kind(path: Path) -> str:
    """``sqlite`` or ``postgresql``, from the file's first bytes."""
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise BackupError("document.no_file", path=str(path)) from None
    except OSError as error:  # a folder, no permission
        raise BackupError("backup.unreadable", path=str(path), reason=outfile.reason(error)) from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError("backup.unknown_file", path=str(path))


# -- SQLite ----------------------------------------------------------------------------------------------------


def _sqlite_backup(connection: BaseDatabaseWrapper, target: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _sqlite_restore(connection: BaseDatabaseWrapper, path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "django_migrations" not in names or source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError("backup.unknown_file", path=str(path))
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()


# -- PostgreSQL ------------------------------------------------------------------------------------------------

# Everything our schema can hold, dropped inside the restore's transaction (the schema itself stays, with its grants).
CLEAR_PUBLIC = """
DO $$
DECLARE item record;
BEGIN
    -- Names as text, taken when each loop starts: an object dropped by an earlier CASCADE is then skipped.
    FOR item IN SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relkind DESC LOOP
        EXECUTE format('DROP %s IF EXISTS %s CASCADE', CASE item.relkind WHEN 'v' THEN 'VIEW'
            WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, item.name);
    END LOOP;
    -- Sequences left once the tables (and their identity sequences) are gone.
    FOR item IN SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S' LOOP
        EXECUTE format('DROP SEQUENCE IF EXISTS %s CASCADE', item.name);
    END LOOP;
    FOR item IN SELECT p.oid::regprocedure::text AS name FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' LOOP
        EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', item.name);
    END LOOP;
END
$$;
"""


def _tool(name: str) -> str:
    """The newest installed PostgreSQL client program (pg_dump must be at least the server's version)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]), reverse=True)
    program = found[0] if found else shutil.which(name)
    if not program:
        raise BackupError("backup.tool_missing", tool=name)
    return program


def _environment(settings: dict[str, Any]) -> dict[str, str]:
    """libpq variables for the Django database settings (passwords never appear on a command line)."""
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings.get(key):
            env[variable] = str(settings[key])
    env["PGDATABASE"] = str(settings["NAME"])
    if settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = str(settings["OPTIONS"]["sslmode"])
    return env


def _run(command: list[str], settings: dict[str, Any], **kwargs: Any) -> None:
    result = subprocess.run(command, env=_environment(settings), capture_output=True, check=False, **kwargs)
    if result.returncode != 0:
        raise BackupError("backup.tool_failed", tool=Path(command[0]).name, reason=_tail(result.stderr))


def _tail(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return "\n".join(lines[-5:]) or "（无输出）"


def _pg_restore(settings: dict[str, Any], path: Path, *, clear: bool) -> None:
    # The whole script is written out first: psql must never commit what a failing pg_restore left half-written.
    with tempfile.TemporaryDirectory(prefix="jixiao-restore-") as folder:
        script = Path(folder) / "restore.sql"
        _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "-f", str(script), str(path)], settings)
        prelude = ["-c", CLEAR_PUBLIC] if clear else []
        psql = [_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", *prelude, "-f", str(script)]
        _run(psql, settings)
