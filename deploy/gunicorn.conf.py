"""gunicorn settings for Jixiao (docs/deploy.md); each can be overridden from the environment file.

Sync workers: the pages are short CPU-bound requests, and a worker per core plus one or two keeps both cores busy
while one waits on PostgreSQL. ``max_requests`` recycles workers now and then so that memory stays flat.
"""

import multiprocessing
import os

bind = os.environ.get("JIXIAO_BIND", "unix:/run/jixiao/gunicorn.sock")
workers = int(os.environ.get("JIXIAO_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("JIXIAO_WORKER_TIMEOUT", "120"))  # PDF exports of large departments take seconds
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("JIXIAO_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("JIXIAO_GUNICORN_LOG_LEVEL", "info")
# nginx in front on the same host: trust its X-Forwarded-* headers (the app itself trusts JIXIAO_PROXY_COUNT hops).
forwarded_allow_ips = "127.0.0.1"
