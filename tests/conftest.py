"""Shared paths for every test tier."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "jixiao" / "demo" / "seed_287001_2021.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The seed document as the project received it (see tests/fixtures/seed/README.md); SEED is its packaged copy.
SEED_FIXTURE = FIXTURES / "seed" / "000_e3efb4da37b80f11.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session", autouse=True)
def _flush_passes_the_audit_triggers() -> Iterator[None]:
    """Transactional tests end with Django's ``flush``, which the audit triggers refuse (TRUNCATE on PostgreSQL,
    DELETE on SQLite): in the test run only, the flush lifts them for its own transaction."""
    import importlib

    from django.db.backends.base.operations import BaseDatabaseOperations

    triggers = importlib.import_module("jixiao.web.audit.migrations.0003_no_truncate_sqlite_triggers")
    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: BaseDatabaseOperations, sql_list: list[str]) -> None:
        if any("audit_auditentry" in sql for sql in sql_list):
            if self.connection.vendor == "postgresql":
                table = "ALTER TABLE audit_auditentry {} TRIGGER USER"
                sql_list = [table.format("DISABLE"), *sql_list, table.format("ENABLE")]
            elif self.connection.vendor == "sqlite":
                sql_list = [*triggers.SQLITE_DROP, *sql_list, *triggers.SQLITE_CREATE]
        original(self, sql_list)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseOperations, "execute_sql_flush", execute_sql_flush)
        yield


_CHECKPOINT_FILES = itertools.count()


@pytest.fixture(scope="session")
def _checkpoint_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("audit-checkpoints")


@pytest.fixture(autouse=True)
def _audit_checkpoints_of_this_test(_checkpoint_folder: Path) -> Iterator[None]:
    """Each test keeps its own audit checkpoint file: the database is emptied between tests, the file would not be."""
    from django.conf import settings

    path = _checkpoint_folder / f"{next(_CHECKPOINT_FILES)}.jsonl"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "JIXIAO_AUDIT_CHECKPOINT_FILE", path, raising=False)
        yield
