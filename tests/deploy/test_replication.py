"""The read replica of docs/deploy.md §2.4, on loopback: a primary with deploy/postgresql/primary.conf, a standby made
by ``pg_basebackup -R`` with deploy/postgresql/standby.conf, and the site's settings given ``DATABASE_URL`` and
``DATABASE_REPLICA_URL``. A report read inside ``reading_from_replica()`` is answered by the standby; once the standby
is stopped, the same read is answered by the primary and a warning is logged.

For this test only, the primary commits with ``synchronous_commit = remote_apply``: a row is on the standby when the
commit returns, so nothing waits on a timer. Both clusters listen on Unix sockets only and are removed at the end.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = ROOT / "deploy" / "postgresql"
BIN = Path(sys.executable).parent
PG_CTL = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))

pytestmark = pytest.mark.skipif(not PG_CTL, reason="PostgreSQL 服务器程序未安装")


@dataclass(frozen=True)
class Pair:
    base: Path
    primary: str  # DATABASE_URL
    standby: str  # DATABASE_REPLICA_URL


class Postgres:
    """Runs the server programs, as the ``postgres`` user when the tests run as root (PostgreSQL refuses root)."""

    def __init__(self, base: Path) -> None:
        self.bin = Path(PG_CTL[-1]).parent
        self.owner: tuple[int, int] | None = None
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            self.owner = (user.pw_uid, user.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
            os.chown(base, *self.owner)

    def run(self, program: str, *args: str) -> None:
        subprocess.run([*self.prefix, str(self.bin / program), *args], check=True, capture_output=True, text=True)

    def directory(self, path: Path) -> Path:
        path.mkdir()
        if self.owner:
            os.chown(path, *self.owner)
        return path

    def start(self, data: Path, socket: Path) -> None:
        self.run(
            "pg_ctl",
            "-D",
            str(data),
            "-l",
            f"{data}.log",
            "-w",
            "-s",
            "start",
            "-o",
            f"-k {socket} -c listen_addresses='' -F",
        )

    def stop(self, data: Path) -> None:
        if (data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "-s", "stop")


def include(data: Path, config: Path) -> None:
    """A copy of a deploy/ config, included from the cluster's postgresql.conf as an administrator would."""
    copy = data.parent / config.name
    shutil.copy(config, copy)
    copy.chmod(0o644)
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write(f"\ninclude '{copy}'\n")


@pytest.fixture(scope="module")
def pair() -> Iterator[Pair]:
    base = Path(tempfile.mkdtemp(prefix="jixiao-replica-"))
    pg = Postgres(base)
    primary, standby = base / "primary", base / "standby"
    sockets = [pg.directory(base / "primary-socket"), pg.directory(base / "standby-socket")]
    try:
        pg.run("initdb", "-D", str(primary), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "-N")
        include(primary, CONFIGS / "primary.conf")
        pg.start(primary, sockets[0])
        host = ["-h", str(sockets[0]), "-U", "postgres"]
        pg.run("psql", *host, "-c", "CREATE ROLE replicator WITH REPLICATION LOGIN")
        pg.run("createdb", *host, "jixiao")
        # docs/deploy.md §2.4: a base backup already set up as a standby of the primary (-R), through a new slot (-C -S)
        backup = ["-h", str(sockets[0]), "-U", "replicator", "-D", str(standby), "-R", "-C", "-S", "jixiao_standby1"]
        pg.run("pg_basebackup", *backup, "-X", "stream", "--checkpoint=fast", "-N")
        include(standby, CONFIGS / "standby.conf")
        pg.start(standby, sockets[1])
        for setting in ("synchronous_standby_names = '*'", "synchronous_commit = remote_apply"):
            pg.run("psql", *host, "-c", f"ALTER SYSTEM SET {setting}")
        pg.run("psql", *host, "-c", "SELECT pg_reload_conf()")
        url = "postgresql://postgres@/jixiao?host="
        yield Pair(base, f"{url}{sockets[0]}", f"{url}{sockets[1]}")
    finally:
        pg.stop(standby)
        pg.stop(primary)
        shutil.rmtree(base, ignore_errors=True)


def _site(pair: Pair, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_"))}
    env.update({"DATABASE_URL": pair.primary, "DATABASE_REPLICA_URL": pair.standby})
    env.update({"JIXIAO_DATA_DIR": str(pair.base / "data"), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"})
    env["JIXIAO_SECRET_KEY"] = secrets.token_urlsafe(50)
    result = subprocess.run([*args], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result


READ = """
import django
django.setup()
from jixiao.web.audit.models import AuditEntry
from jixiao.web.routers import reading_from_replica
{write}
with reading_from_replica() as routed:
    seen = AuditEntry.objects.filter(action="jixiao.test.replicated").exists()
print(routed, seen)
"""
WRITE = 'from jixiao.web.audit.services import audit_record\naudit_record(action="jixiao.test.replicated")'


def test_reports_read_the_standby_and_the_primary_once_it_is_gone(pair: Pair) -> None:
    _site(pair, str(BIN / "jixiao"), "manage", "migrate", "--no-input")
    standby = _site(pair, sys.executable, "-c", READ.format(write=WRITE))
    assert standby.stdout.split() == ["True", "True"]
    probe = "import django\ndjango.setup()\nfrom django.db import connections\nc = connections['replica'].cursor()\n"
    probe += "c.execute(\"SELECT pg_is_in_recovery(), current_setting('hot_standby_feedback')\")\nprint(*c.fetchone())"
    assert _site(pair, sys.executable, "-c", probe).stdout.split() == ["True", "on"]

    Postgres(pair.base).stop(pair.base / "standby")
    primary = _site(pair, sys.executable, "-c", READ.format(write=""))
    assert primary.stdout.split() == ["False", "True"]
    assert "只读副本 replica 无法连接" in primary.stderr
