"""Writing files atomically (temporary file, fsync, rename): a reader or a crash sees the old
file or the new one, never half of one."""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from .errors import ExportError

__all__ = ["write_atomic", "write_all_atomic", "remove_stale_temps", "Streamed"]


def _temp_prefix(name: str) -> str:
    return f".{name}."


def remove_stale_temps(outdir: str | Path, names) -> list[Path]:
    """Delete the temporary files a killed build left behind (``.graph.ttl.XXXX.tmp``)."""
    removed = []
    folder = Path(outdir)
    if not folder.is_dir():
        return removed
    for name in names:
        for tmp in folder.glob(f"{_temp_prefix(name)}*.tmp"):
            try:
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Streamed:
    """An export written by ``write(fh)`` into a text file (UTF-8, no newline translation) or,
    with ``binary``, a binary file: for exports too large to hold as one string."""

    def __init__(self, write, binary: bool = False):
        self.write = write
        self.binary = binary


def _stage(path: Path, data) -> str:
    """Write ``data`` (text, bytes or :class:`Streamed`) to a temporary file next to ``path``
    (synced); return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path.name), suffix=".tmp", dir=path.parent)
    try:
        if isinstance(data, Streamed):
            with (os.fdopen(fd, "wb", buffering=1 << 20) if data.binary else
                  os.fdopen(fd, "w", encoding="utf-8", newline="", buffering=1 << 20)) as fh:
                data.write(fh)
                fh.flush()
                os.fsync(fh.fileno())
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return tmp


def write_all_atomic(outdir: str | Path, makers, timings: dict | None = None) -> list[Path]:
    """Write several exports (``{name: data or callable making it}``) so that a crash at any
    point leaves each file whole: every file is first written to its temporary file, and
    only when all are written are they renamed over the old ones, one after the other.
    Temporary files a killed earlier run left behind are removed first. ``timings`` gets the
    seconds each file took (``export:NAME``)."""
    out = Path(outdir)
    remove_stale_temps(out, tuple(makers))
    staged: list[tuple[str, Path]] = []
    try:
        for name, make in makers.items():
            path = out / name
            t = time.perf_counter()
            staged.append((_stage(path, make() if callable(make) else make), path))
            if timings is not None:
                timings[f"export:{name}"] = time.perf_counter() - t
        for tmp, path in staged:
            os.replace(tmp, path)
        _fsync_dir(out)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror or exc})") from None
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return [path for _, path in staged]


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` so that readers see the old file or the new one, never half of one."""
    path = Path(path)
    tmp = None
    try:
        tmp = _stage(path, data)
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
