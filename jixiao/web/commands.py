"""The web application's commands for ``jixiao``: ``serve`` and ``manage``. Django is imported only when they run."""

from __future__ import annotations

import argparse
import os
from typing import TextIO


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()


def configure_serve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--demo", action="store_true", help="演示模式：首次启动时载入示例部门和演示账号")
    parser.add_argument("--no-server", action="store_true", help="只迁移数据库并载入演示数据，不启动服务")


def run_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.demo:
        os.environ["JIXIAO_DEMO"] = "true"
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if args.demo:
        from jixiao.web.targets.demo import demo_load

        for line in demo_load():
            print(line, file=out)
    if args.no_server:
        return 0
    print(f"绩效 Jixiao 已启动：http://{args.host}:{args.port}/ （按 Ctrl+C 停止）", file=out, flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True)
    return 0


def configure_manage(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "arguments", nargs=argparse.REMAINDER, help="Django 管理命令及其参数，例如 migrate、createsuperuser"
    )


def run_manage(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jixiao manage", *args.arguments])
    return 0
