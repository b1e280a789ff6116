"""Writing exports: atomically (temporary file + rename), deterministically."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ExportError

__all__ = ["write_atomic", "EXPORT_FILES"]

#: the exports of ``kg build``, by file name (the contract other tools rely on)
EXPORT_FILES = ("graph.ttl", "graph.jsonld", "graph.html", "graph.graphml")


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` so that readers see the old file or the new one, never half of one."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
