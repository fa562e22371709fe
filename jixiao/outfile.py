"""Output files of the commands (``import -o``, ``export -o``, ``audit checkpoints -o``, ``backup``): all or nothing.

A regular file is written to a temporary file made by :func:`tempfile.mkstemp` in the target's own folder (mode
0600, a name no one else can have taken) and renamed over the target once complete, so a failed write never leaves
half a file. A character device (``/dev/null``, ``/dev/stdout``, a terminal) or a pipe is written straight to,
never replaced; a folder or any other kind of file is refused with a Chinese message, as are a missing or read-only
folder. ``private`` files (database backups: password hashes, sessions) stay 0600; the others get the usual mode
(0666 less the umask), as a file made by the shell would.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from jixiao.cli_messages import CLI_MESSAGES
from jixiao.domain.errors import JixiaoError, register_messages

register_messages("cli", CLI_MESSAGES)

_REASONS = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "文件系统是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENOENT: "目录不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EISDIR: "这是一个目录",
}


def reason(error: OSError) -> str:
    """An operating-system error in Chinese (its own text when there is no translation)."""
    return _REASONS.get(error.errno or 0, error.strerror or str(error))


def _stream(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check(target: Path, *, streams: bool = True) -> bool:
    """Raise a :class:`JixiaoError` when ``target`` cannot be an output file; True when it is a device or pipe to
    write straight to (``streams``), False when it is (or will be) a regular file."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise JixiaoError("output.unwritable", path=str(target), reason=reason(error)) from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise JixiaoError("output.directory", path=str(target))
        if streams and _stream(mode):
            return True
        if not stat.S_ISREG(mode):
            code = "output.not_regular_backup" if not streams and _stream(mode) else "output.not_regular"
            raise JixiaoError(code, path=str(target))
    folder = target.parent
    if not folder.is_dir():
        raise JixiaoError("output.no_directory", path=str(target), directory=str(folder))
    return False


@contextlib.contextmanager
def replacing(target: Path, *, private: bool = False) -> Iterator[Path]:
    """A temporary path (an empty 0600 file beside ``target``) to write; renamed over ``target`` when the block
    ends normally, removed when it raises. ``target`` must be a regular file or missing (see :func:`check`)."""
    check(target, streams=False)
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise JixiaoError("output.unwritable", path=str(target), reason=reason(error)) from None
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        if not private:
            umask = os.umask(0o022)
            os.umask(umask)
            temporary.chmod(0o666 & ~umask)
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise JixiaoError("output.unwritable", path=str(target), reason=reason(error)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write(target: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` to ``target``: straight to a device or pipe, else all or nothing to a regular file."""
    if check(target):
        try:
            with target.open("wb") as file:
                file.write(data)
        except OSError as error:
            raise JixiaoError("output.unwritable", path=str(target), reason=reason(error)) from None
        return
    with replacing(target, private=private) as temporary:
        temporary.write_bytes(data)
