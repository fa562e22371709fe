"""The single-server deployment of docs/deploy.md, on loopback: PostgreSQL, gunicorn with deploy/gunicorn.conf.py
and the environment of deploy/jixiao.env, nginx with deploy/nginx/jixiao.conf — a page and a static file fetched
through nginx.

The deploy/ files are used as shipped, with only their machine paths rewritten to a temporary directory (each
rewrite asserts that the text it replaces is still in the file, so the test follows the configs). gunicorn gets a
Unix socket this test has already bound (``fd://``), and nginx daemonises only once it listens, so nothing waits on
a timer. Everything is stopped and removed at the end.
"""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.pgcluster import cluster

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx 未安装（make test 的 system-deps 会安装）")


@dataclass(frozen=True)
class Site:
    port: int
    static: Path


def rewrite(text: str, changes: dict[str, str]) -> str:
    for old, new in changes.items():
        assert old in text, f"the deploy config no longer contains {old!r}: update this test with it"
        text = text.replace(old, new)
    return text


def environment(base: Path, database_url: str) -> dict[str, str]:
    """deploy/jixiao.env as the service would get it, pointed at the temporary directory and cluster."""
    shipped = dict(
        line.split("=", 1) for line in (DEPLOY / "jixiao.env").read_text().splitlines() if line and line[0] != "#"
    )
    secret = base / "secret_key"
    secret.write_text(secrets.token_urlsafe(50))
    overrides = {
        "JIXIAO_DATA_DIR": str(base / "data"),
        "DATABASE_URL": database_url,
        "JIXIAO_SECRET_KEY_FILE": str(secret),
        "JIXIAO_ALLOWED_HOSTS": "127.0.0.1",
        "JIXIAO_CSRF_TRUSTED_ORIGINS": "",
        "JIXIAO_SECURE_COOKIES": "false",  # plain HTTP on loopback; production sets true behind TLS
        "JIXIAO_STATIC_ROOT": str(base / "static"),
        "JIXIAO_WORKERS": "2",
    }
    assert set(overrides) <= set(shipped), set(overrides) - set(shipped)
    (base / "data").mkdir()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_URL"))}
    return {**clean, **shipped, **overrides}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def nginx_config(base: Path, port: int, app_socket: Path) -> Path:
    site = rewrite(
        (DEPLOY / "nginx" / "jixiao.conf").read_text(),
        {
            "listen 80;": f"listen 127.0.0.1:{port};",
            "unix:/run/jixiao/gunicorn.sock": f"unix:{app_socket}",
            "/var/lib/jixiao/static/": f"{base / 'static'}/",
        },
    )
    (base / "jixiao.conf").write_text(site)
    temp = base / "nginx-temp"
    temp.mkdir()
    main = f"""
daemon on;
worker_processes 1;
pid {base}/nginx.pid;
error_log {base}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {base}/nginx-access.log;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {base}/jixiao.conf;
}}
"""
    path = base / "nginx.conf"
    path.write_text(main)
    return path


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    base = Path(tempfile.mkdtemp(prefix="jixiao-deploy-"))
    base.chmod(0o755)  # nginx workers run as an unprivileged user and read the static files
    gunicorn = None
    nginx_conf = None
    try:
        with cluster() as database_url:
            env = environment(base, database_url)
            for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v", "0"]):
                subprocess.run([str(BIN / "jixiao"), "manage", *step], env=env, check=True, capture_output=True)
            app_socket = base / "gunicorn.sock"
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            listener.bind(str(app_socket))
            app_socket.chmod(0o777)
            listener.listen(64)
            env["JIXIAO_BIND"] = f"fd://{listener.fileno()}"
            config = str(DEPLOY / "gunicorn.conf.py")
            command = [str(BIN / "gunicorn"), "--config", config, "jixiao.web.wsgi:application"]
            gunicorn = subprocess.Popen(
                command, env=env, cwd=ROOT, pass_fds=[listener.fileno()], start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            listener.close()
            port = free_port()
            nginx_conf = nginx_config(base, port, app_socket)
            started = subprocess.run(
                [NGINX, "-c", str(nginx_conf), "-p", str(base), "-e", str(base / "nginx-error.log")],
                capture_output=True,
                text=True,
            )
            assert started.returncode == 0, started.stderr
            yield Site(port, base / "static")
    finally:
        if nginx_conf is not None and (base / "nginx.pid").exists():
            os.kill(int((base / "nginx.pid").read_text()), signal.SIGTERM)  # the master stops its workers
        if gunicorn is not None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=30)
        shutil.rmtree(base, ignore_errors=True)


def fetch(site: Site, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=60)
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def test_nginx_passes_pages_to_gunicorn_on_postgresql(site: Site) -> None:
    response = fetch(site, "/login/")
    assert response.status == 200
    assert "登录" in response.body.decode()  # type: ignore[attr-defined]
    assert response.getheader("Server", "").startswith("nginx")
    assert "csrftoken" in (response.getheader("Set-Cookie") or "")
    public = fetch(site, "/public/")
    assert public.status == 200  # the public page reads the (empty) PostgreSQL database


def test_nginx_serves_static_files_itself_from_the_collected_directory(site: Site) -> None:
    response = fetch(site, "/static/jixiao/app.css")
    assert response.status == 200
    assert response.body == (site.static / "jixiao" / "app.css").read_bytes()  # type: ignore[attr-defined]
    assert response.getheader("Expires") is not None  # the `expires 7d` of deploy/nginx/jixiao.conf
    assert response.getheader("Content-Type", "").startswith("text/css")


def test_requests_for_protected_pages_are_redirected_to_the_login(site: Site) -> None:
    response = fetch(site, "/overview/")
    assert response.status == 302
    assert "/login/" in (response.getheader("Location") or "")
