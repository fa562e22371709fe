"""The core is framework-free: jixiao.domain and jixiao.formats import without Django (a pure core that the web
layer wraps; dependencies go one way)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import jixiao.domain
import jixiao.formats

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError("the core must not import " + name)
        return None
sys.meta_path.insert(0, Block())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
print("ok", len(sys.argv) - 1)
"""


def core_modules() -> list[str]:
    names = []
    for package in (jixiao.domain, jixiao.formats):
        names.append(package.__name__)
        names.extend(info.name for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."))
    return names


def test_the_core_imports_with_django_blocked() -> None:
    modules = core_modules()
    assert "jixiao.domain.model" in modules and "jixiao.formats.interpret" in modules
    completed = subprocess.run([sys.executable, "-c", BLOCKER, *modules], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"ok {len(modules)}"
