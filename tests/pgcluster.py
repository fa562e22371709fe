"""Run a command against a throw-away PostgreSQL 15 cluster: ``python -m tests.pgcluster CMD…``.

The cluster lives in a fresh /tmp directory (not pytest's tmp, which the ``postgres`` user cannot traverse), listens on
a Unix socket only, and is removed afterwards; ``DATABASE_URL`` points the command at it. As root, initdb and pg_ctl
run as the ``postgres`` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


def _bin() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise SystemExit("PostgreSQL 服务器程序未找到：请安装 postgresql-15（make test 会自动安装）。")
    return os.path.dirname(found[-1])


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster and yield its DATABASE_URL; stop and delete it on exit."""
    binaries = _bin()
    base = tempfile.mkdtemp(prefix="jixiao-pg-")
    data, socket = f"{base}/data", f"{base}/sock"
    os.makedirs(socket)
    prefix: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        for path in (base, socket):
            os.chown(path, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, text=True)

    try:
        run(
            f"{binaries}/initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
            "--no-instructions",
        )
        options = f"-k {socket} -c listen_addresses='' -F -c max_connections=200"
        run(f"{binaries}/pg_ctl", "-D", data, "-l", f"{base}/log", "-w", "-s", "start", "-o", options)
        run(f"{binaries}/createdb", "-h", socket, "-U", "postgres", "jixiao")
        yield f"postgresql://postgres@/jixiao?host={socket}"
    finally:
        if os.path.exists(f"{data}/postmaster.pid"):
            subprocess.run(
                [*prefix, f"{binaries}/pg_ctl", "-D", data, "-m", "immediate", "-w", "-s", "stop"],
                check=False,
                capture_output=True,
            )
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str]) -> int:
    if not argv:
        print("用法：python -m tests.pgcluster 命令 [参数…]", file=sys.stderr)
        return 2
    with cluster() as url:
        print(f"PostgreSQL 临时集群：{url}", flush=True)
        return subprocess.run(argv, env={**os.environ, "DATABASE_URL": url}, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
