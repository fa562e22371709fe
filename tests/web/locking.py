"""A save in progress, simulated: another connection holds a project's row as ``project_save`` does."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from jixiao.web.records.models import Project


@contextmanager
def held_by_a_save(project: Project) -> Iterator[None]:
    """Inside the block another transaction holds ``project`` locked; on leaving, it lets go. Raises if the code
    under test kept the block waiting until the holder gave up (it must not wait for a save's locks)."""
    locked, release = threading.Event(), threading.Event()
    released: list[bool] = []

    def save_in_progress() -> None:
        try:
            with transaction.atomic():
                Project.objects.select_for_update().get(pk=project.pk)
                locked.set()
                released.append(release.wait(timeout=20))  # False: nobody released it in time
        finally:
            connection.close()

    saver = threading.Thread(target=save_in_progress)
    saver.start()
    try:
        assert locked.wait(timeout=30)
        yield
    finally:
        release.set()
        saver.join(timeout=30)
    assert released == [True], "the code under test waited for the save's lock"
