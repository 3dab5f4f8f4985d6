"""`text.extract` in a child process that may use only so much time and memory.

`extract_file(path, filename, key, limits)` starts ``python -m
tipmon.evidence.pipeline.sandbox REQUEST`` (REQUEST: a JSON object with the path, name,
key and limits). The child caps its own address space (RLIMIT_AS, `limits.memory_mb`), CPU
seconds (RLIMIT_CPU) and file writes, reads the file, extracts its text and prints one JSON
object on standard output. The parent waits at most `limits.timeout_s` seconds of wall-clock
time, then kills the child's whole process group.

Whatever the file does to the child, the parent gets an `ExtractedDocument` or a
`Rejected`: "timeout", "memory" or "crash" when the child was stopped or died, or the
child's own refusal ("encrypted", "corrupt", ...). It never raises for a bad file.
`extract_bytes` does the same for bytes held in memory (a zip member, an attachment),
passed on standard input.
"""

from __future__ import annotations

import json
import logging
import math
import os
import resource
import signal
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tipmon.evidence.pipeline.text import MB, Limits, Rejected, extract
from tipmon.evidence.pipeline.types import ExtractedDocument

__all__ = ["Limits", "Rejected", "extract_bytes", "extract_file"]

log = logging.getLogger(__name__)

#: The child's exit status when it ran out of memory after all (even for its answer).
MEMORY_EXIT = 86
_SOURCE = str(Path(__file__).resolve().parents[3])


def extract_file(
    path: str | os.PathLike[str], filename: str, key: str, limits: Limits | None = None
) -> ExtractedDocument | Rejected:
    """The text of the file at `path` (named `filename` by its uploader), read in a
    limited child process; see the module doc."""
    limits = limits or Limits()
    try:
        size = os.path.getsize(path)
    except OSError:
        return Rejected(
            "missing", "The file could not be found on the server; please upload it again."
        )
    if size > limits.max_bytes:
        return _too_large(size, limits)
    return _run({"path": os.fspath(path)}, None, filename, key, limits)


def extract_bytes(
    data: bytes, filename: str, key: str, limits: Limits | None = None
) -> ExtractedDocument | Rejected:
    """`extract_file` for bytes already in memory."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        return _too_large(len(data), limits)
    return _run({"path": None}, data, filename, key, limits)


def _too_large(size: int, limits: Limits) -> Rejected:
    return Rejected(
        "too-large",
        f"The file is {size / MB:.1f} MB; files may be at most {limits.max_bytes / MB:.0f} MB. "
        "Please split it or send a smaller version.",
    )


def _run(
    source: dict[str, Any], data: bytes | None, filename: str, key: str, limits: Limits
) -> ExtractedDocument | Rejected:
    request = source | {"filename": filename, "key": key, "limits": asdict(limits)}
    command = [sys.executable, "-m", "tipmon.evidence.pipeline.sandbox", json.dumps(request)]
    env = {"PYTHONPATH": _SOURCE, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    try:
        child = subprocess.Popen(  # noqa: S603 (our own interpreter and module, no shell)
            command,
            stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
    except OSError as exc:
        log.error("could not start the extraction process: %s", exc)
        return _crash("the reader could not be started")
    try:
        out, err = child.communicate(input=data, timeout=limits.timeout_s)
    except subprocess.TimeoutExpired:
        _kill(child)
        child.communicate()
        return Rejected(
            "timeout",
            f"Reading this file took longer than {_seconds(limits.timeout_s)}, the limit. It "
            "may be very large or unusually built; please send a smaller or simpler version.",
        )
    return _answer(child.returncode, out, err, limits)


def _seconds(value: float) -> str:
    return "1 second" if value == 1 else f"{value:g} seconds"


def _kill(child: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        child.kill()


def _memory(limits: Limits) -> Rejected:
    return Rejected(
        "memory",
        f"Reading this file needed more than {limits.memory_mb:,} MB of memory, the limit. It "
        "may be very large or built to exhaust the reader; please send a smaller or simpler "
        "version.",
    )


def _crash(why: str) -> Rejected:
    return Rejected(
        "crash",
        f"The file could not be read: {why}. It may be damaged; please check it opens on your "
        "computer, save it again and upload the new copy.",
    )


def _answer(status: int, out: bytes, err: bytes, limits: Limits) -> ExtractedDocument | Rejected:
    if status == MEMORY_EXIT:
        return _memory(limits)
    if status in (-signal.SIGXCPU, -signal.SIGKILL):
        return Rejected(
            "timeout",
            f"Reading this file used more than {_seconds(_cpu_seconds(limits))} of processing "
            "time, the limit. It may be very large or unusually built; please send a smaller "
            "or simpler version.",
        )
    try:
        answer = json.loads(out)
        if not answer["ok"]:
            return Rejected(str(answer["code"]), str(answer["message"]))
        return _document(answer["document"])
    except (ValueError, KeyError, TypeError):
        tail = err.decode("utf-8", errors="replace")[-2000:]
        log.warning("extraction process ended with status %s: %s", status, tail)
        return _crash(f"the reader stopped unexpectedly (status {status})")


def _document(fields: dict[str, Any]) -> ExtractedDocument:
    starts = tuple(int(s) for s in fields["page_starts"])
    metadata = {str(k): str(v) for k, v in dict(fields["metadata"]).items()}
    text, title = fields["text"], fields["title"]
    if not isinstance(text, str) or not isinstance(title, str):
        raise TypeError("text and title must be strings")
    return ExtractedDocument(
        key=str(fields["key"]),
        media_type=str(fields["media_type"]),
        text=text,
        page_starts=starts,
        title=title,
        metadata=metadata,
    )


# The child.


def _cpu_seconds(limits: Limits) -> int:
    return max(1, math.ceil(limits.timeout_s))


def limit_resources(limits: Limits) -> None:
    """Cap this process: address space, CPU seconds, no file writes, no core file."""
    memory = limits.memory_mb * MB
    cpu = _cpu_seconds(limits)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _read(request: dict[str, Any], limits: Limits) -> bytes:
    path = request.get("path")
    if path is None:
        return sys.stdin.buffer.read(limits.max_bytes + 1)
    with open(path, "rb") as handle:
        return handle.read(limits.max_bytes + 1)


def _child(request: dict[str, Any]) -> dict[str, Any]:
    limits = Limits(**request["limits"])
    limit_resources(limits)
    data = _read(request, limits)
    try:
        document = extract(data, str(request["filename"]), str(request["key"]), limits)
    except Rejected as exc:
        return {"ok": False, "code": exc.code, "message": exc.message}
    return {"ok": True, "document": asdict(document)}


def main(argv: list[str]) -> int:
    reserve = bytearray(4 * MB)  # given back on MemoryError, so the answer can be written
    try:
        answer = _child(json.loads(argv[1]))
        payload = json.dumps(answer)
    except MemoryError:
        del reserve
        os._exit(MEMORY_EXIT)
    except RecursionError:
        payload = json.dumps(
            {"ok": False, "code": "crash", "message": _crash("it is nested too deeply").message}
        )
    try:
        sys.stdout.write(payload)
        sys.stdout.flush()
    except MemoryError:
        os._exit(MEMORY_EXIT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
