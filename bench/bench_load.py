"""Load test: simulated users browsing and saving against a real server on 127.0.0.1 (gunicorn on PostgreSQL or
SQLite).

Run: ``.venv/bin/python bench/bench_load.py [--users 20] [--workers 5] [--seconds 60] [--max-requests 5000]
[--think 0.5] [--units 2000] [--projects 10] [--indicators 12-18] [--database postgres|sqlite]``

What it does, and undoes: starts a throw-away PostgreSQL 15 cluster (tests/pgcluster.py) and fills it with
``jixiao demo generate`` (seed 1) — or, with ``--database sqlite``, copies bench_scale.py's generated city file to a
temporary directory — then starts gunicorn (sync workers) on a loopback port it opened itself (``fd://``, so
no waiting for the port), then runs ``--users`` threads, each a user who logs in once (Argon2 costs ~0.3 s per login;
logins and one warm-up round per user come first and are not timed) and then loops until ``--seconds`` have passed
or ``--max-requests`` requests were made in all:

- unit editors (most users; each of an editable unit): home → department page → project page → save the project
  through the JSON API (read, change the goal, PUT with its revision) → back;
- reviewers (one in five; the finance reviewer and the auditor, who see every unit): home → finance overview
  (sorted, filtered) → a department page → to-do list.

Each user waits ``--think`` seconds (uniform 0–2× that) between requests, as people do; ``--think 0`` is a stress run.
Every response other than 200 (or the expected 302 after login) counts as an error. The server and the cluster are
stopped at the end whatever happens. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent
PASSWORD = "jixiao-demo"


@dataclass
class Tally:
    """Latencies per request kind and the errors, shared by the user threads."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, limit: int) -> bool:
        """Reserve one request under the overall cap; False once the cap is reached."""
        with self.lock:
            if self.count >= limit:
                return False
            self.count += 1
            return True

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times.setdefault(kind, []).append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


class Browser:
    """One user's HTTP session on loopback: cookies, CSRF token, keep-alive where the server allows it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=sent)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()  # the server closed the kept-alive connection: open a new one once
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.connection.request(method, path, body=body, headers=sent)
            response = self.connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, data

    def login(self, username: str) -> None:
        status, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert status == 200 and token, status
        form = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1).decode()})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{self.port}/"}
        status, _ = self.request("POST", "/login/", form.encode(), headers)
        assert status == 302, f"{username}: login answered {status}"

    def json_headers(self) -> dict[str, str]:
        return {"Content-Type": "application/json", "X-CSRFToken": self.cookies.get("csrftoken", "")}


@dataclass(frozen=True)
class Persona:
    username: str
    kind: str  # "editor" or "reviewer"
    department: int
    project: int
    year: int


EDITABLE_SQL = """SELECT d.id, d.code, d.year, (SELECT MIN(p.id) FROM targets_project p WHERE p.department_id = d.id)
    FROM targets_department d WHERE d.state IN ('draft', 'returned') ORDER BY d.code LIMIT {}"""
ANY_SQL = "SELECT id, year FROM targets_department ORDER BY id LIMIT 1"


def personas(url: str, users: int) -> list[Persona]:
    """Editors of editable units (draft or returned, so saves are allowed) and reviewers, from the database."""
    if url.startswith("sqlite:"):
        import sqlite3

        with sqlite3.connect(url.split("sqlite://", 1)[1]) as connection:
            editable = connection.execute(EDITABLE_SQL.format("?"), [users]).fetchall()
            any_department = connection.execute(ANY_SQL).fetchone()
    else:
        import psycopg

        with psycopg.connect(url) as connection:
            editable = connection.execute(EDITABLE_SQL.format("%s"), [users]).fetchall()  # type: ignore[arg-type]
            any_department = connection.execute(ANY_SQL).fetchone()
    assert any_department is not None
    reviewers = max(1, users // 5)
    found: list[Persona] = []
    for index in range(reviewers):  # the finance reviewer and the auditor both see every unit
        name = "sim-finance" if index % 2 == 0 else "sim-auditor"
        found.append(Persona(name, "reviewer", any_department[0], 0, any_department[1]))
    for pk, code, year, project in editable[: users - reviewers]:
        found.append(Persona(f"sim-unit{code[1:]}", "editor", pk, project, year))
    return found


def user_loop(persona: Persona, browser: Browser, tally: Tally, args: argparse.Namespace, deadline: float) -> None:
    rng = random.Random(persona.username)
    steps = _editor_steps(persona) if persona.kind == "editor" else _reviewer_steps(persona)
    index = 0
    while time.monotonic() < deadline and tally.take(args.max_requests):
        kind, call = steps[index % len(steps)]
        index += 1
        start = time.perf_counter()
        try:
            error = call(browser)
        except Exception as problem:  # a failed request is a figure, not a crash
            error = repr(problem)
        tally.add(kind, time.perf_counter() - start, error)
        if args.think:
            time.sleep(rng.uniform(0, 2 * args.think))  # a person reading the page


def log_in(team: list[Persona], port: int) -> list[Browser]:
    """Every user logs in once, in parallel, and goes through its steps once, untimed: each gunicorn worker imports
    the modules its views load lazily (the chart's matplotlib takes seconds) before the measured run."""
    browsers = [Browser(port) for _ in team]

    def enter(persona: Persona, browser: Browser) -> None:
        browser.login(persona.username)
        for _, call in _editor_steps(persona) if persona.kind == "editor" else _reviewer_steps(persona):
            call(browser)

    threads = [threading.Thread(target=enter, args=pair) for pair in zip(team, browsers, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return browsers


def _get(path: str) -> Any:
    def call(browser: Browser) -> str | None:
        status, _ = browser.request("GET", path)
        return None if status == 200 else f"GET {path} → {status}"

    return call


def _save(project: int) -> Any:
    def call(browser: Browser) -> str | None:
        status, body = browser.request("GET", f"/api/projects/{project}")
        if status != 200:
            return f"GET project → {status}"
        data = json.loads(body)
        data["goal"] = f"{(data.get('goal') or '').split('（')[0]}（负载测试 {secrets.token_hex(3)}）"
        status, body = browser.request(
            "PUT", f"/api/projects/{project}", json.dumps(data).encode(), browser.json_headers()
        )
        return None if status == 200 else f"PUT project → {status} {body[:200]!r}"

    return call


def _editor_steps(persona: Persona) -> list[tuple[str, Any]]:
    return [
        ("home", _get("/")),
        ("department", _get(f"/departments/{persona.department}/")),
        ("project", _get(f"/projects/{persona.project}/")),
        ("save (API read + PUT)", _save(persona.project)),
        ("department", _get(f"/departments/{persona.department}/")),
    ]


def _reviewer_steps(persona: Persona) -> list[tuple[str, Any]]:
    return [
        ("home", _get("/")),
        ("overview", _get(f"/overview/?year={persona.year}&sort=-ratio")),
        ("overview", _get(f"/overview/?year={persona.year}&light=yellow&page=2")),
        ("department", _get(f"/departments/{persona.department}/")),
        ("todo", _get("/todo/")),
    ]


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * share + 0.5) - 1)] * 1000


def report(tally: Tally, elapsed: float, args: argparse.Namespace) -> None:
    every = [t for times in tally.times.values() for t in times]
    print(f"{args.users} users, think {args.think} s, {args.workers} gunicorn workers: {len(every)} requests in "
          f"{elapsed:.1f} s ({len(every) / elapsed:.1f}/s), {len(tally.errors)} errors")  # fmt: skip
    for kind, times in sorted(tally.times.items()):
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        print(f"  {kind:24s} n {len(times):5d}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    print(f"  {'all':24s} n {len(every):5d}  p50 {statistics.median(every) * 1000:7.1f} ms  "
          f"p95 {percentile(every, 0.95):7.1f} ms")  # fmt: skip
    for error in tally.errors[:10]:
        print(f"  error: {error}")


def serve(url: str, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    """gunicorn on a loopback socket opened here and handed over (``fd://``): connections queue until it is up."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JIXIAO_SECRET_KEY": secrets.token_urlsafe(40),
        "JIXIAO_DEBUG": "false",
        "JIXIAO_ALLOWED_HOSTS": "127.0.0.1",
        "JIXIAO_SECURE_COOKIES": "false",  # plain HTTP on loopback
        "JIXIAO_PROXY_COUNT": "0",
        "JIXIAO_LOGIN_FAILURE_LIMIT": "1000",
    }
    command = [str(VENV_BIN / "gunicorn"), "jixiao.web.wsgi:application", "--bind", f"fd://{listener.fileno()}"]
    command += ["--workers", str(workers), "--log-level", "warning", "--timeout", "120"]
    process = subprocess.Popen(command, env=env, pass_fds=[listener.fileno()], cwd=ROOT, start_new_session=True)
    listener.close()
    return process, port


def generate(url: str, args: argparse.Namespace) -> None:
    start = time.perf_counter()
    command = [str(VENV_BIN / "jixiao"), "demo", "generate", "--units", str(args.units), "--projects-per-unit"]
    command += [str(args.projects), "--indicators", args.indicators, "--seed", "1", "--database-url", url]
    env = {**os.environ, "JIXIAO_TESTING": "true"}
    subprocess.run(command, check=True, env=env, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    print(f"generated {args.units} units × {args.projects} projects in {took:.0f} s", flush=True)


@contextlib.contextmanager
def database(args: argparse.Namespace) -> Iterator[str]:
    """PostgreSQL: a throw-away cluster, generated afresh. SQLite: a copy of bench_scale.py's file in
    ``bench/.data/`` (generated there first if missing), so the saves do not change the kept file."""
    if args.database == "postgres":
        from tests.pgcluster import cluster

        with cluster() as url:
            generate(url, args)
            yield url
        return
    kept = HERE / ".data" / f"scale-{args.units}x{args.projects}x{args.indicators}.sqlite3"
    if not kept.exists():
        kept.parent.mkdir(exist_ok=True)
        generate(f"sqlite:///{kept}", args)
    with tempfile.TemporaryDirectory(prefix="jixiao-load-") as folder:
        copy = Path(folder) / kept.name
        import sqlite3

        with sqlite3.connect(kept) as source, sqlite3.connect(copy) as target:
            source.backup(target)  # the write-ahead log's pages included, unlike a file copy
        url = f"sqlite:///{copy}"
        env = {**os.environ, "JIXIAO_TESTING": "true", "DATABASE_URL": url}
        subprocess.run([str(VENV_BIN / "jixiao"), "manage", "migrate", "-v", "0"], check=True, env=env)
        print(f"SQLite copy of {kept.name}", flush=True)
        yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--projects", type=int, default=10)
    parser.add_argument("--indicators", default="12-18")
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    args = parser.parse_args()
    with database(args) as url:
        server, port = serve(url, args.workers)
        try:
            tally = Tally()
            team = personas(url, args.users)
            browsers = log_in(team, port)
            deadline = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=user_loop, args=(p, b, tally, args, deadline), daemon=True)
                for p, b in zip(team, browsers, strict=True)
            ]
            begin = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=args.seconds + 120)
            report(tally, time.perf_counter() - begin, args)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


if __name__ == "__main__":
    main()
