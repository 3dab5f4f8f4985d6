"""What a progress-report attachment may be: size, extension and content must all agree.

Plain Python (no Django import). A file is accepted only when its extension is on the list
AND its first bytes are what that kind of file starts with (PDF, PNG and JPEG signatures; a
ZIP holding ``word/`` for DOCX or ``xl/`` for XLSX; UTF-8 text without NUL bytes for CSV and
TXT). A renamed executable, or a PDF called ``.png``, is refused with a message saying why.

DOCX and XLSX files are ZIP archives, and an archive can be hostile: a small file that
expands to gigabytes (a zip bomb), thousands of members, archives inside archives, or member
names that climb out of a folder (``../../etc/passwd``). Such files are never opened in the
web worker: :func:`probe_archive` runs :func:`inspect_archive` in a fresh interpreter
(``python -m tipmon.assistance.uploads_probe``) with a memory cap, a CPU cap and a timeout,
and a file it cannot clear within them is refused. The limits are the constants below.
"""

from __future__ import annotations

import hashlib
import io
import json
import lzma
import re
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
ALLOWED = "PDF, DOCX, XLSX, CSV, TXT, PNG or JPEG"


class UploadRefused(ValueError):
    """The file is not accepted; the message says which limit it breaks."""


@dataclass(frozen=True, slots=True)
class Accepted:
    name: str
    content_type: str
    size: int
    sha256: str


# Archives (DOCX, XLSX): the limits, the inspection, and the isolated process that runs it.

ZIP_MAGIC = b"PK\x03\x04"
#: The most members an archive may hold (a long DOCX or XLSX has a few hundred).
MAX_MEMBERS = 1000
#: The most bytes all members together may expand to, nested archives included.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
#: The most an archive may expand relative to its own size, once past RATIO_FLOOR_BYTES
#: (XML compresses about 10:1; a zip bomb thousands to one).
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 5 * 1024 * 1024
#: Archives inside the archive: one level (a workbook embedded in a document) is read with
#: the same limits; an archive inside that one is refused.
MAX_NESTING = 1
#: The inspecting process: its address space, CPU seconds and wall-clock seconds.
PROBE_MEMORY_BYTES = 512 * 1024 * 1024
PROBE_CPU_SECONDS = 10
PROBE_TIMEOUT_SECONDS = 20
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """What an archive may hold, and what the process inspecting it may use."""

    members: int = MAX_MEMBERS
    uncompressed: int = MAX_UNCOMPRESSED_BYTES
    ratio: int = MAX_RATIO
    ratio_floor: int = RATIO_FLOOR_BYTES
    nesting: int = MAX_NESTING
    memory: int = PROBE_MEMORY_BYTES
    cpu_seconds: int = PROBE_CPU_SECONDS


@dataclass(frozen=True, slots=True)
class ArchiveReport:
    """What an archive holds: members (nested ones included), bytes once expanded, the
    deepest archive inside it (0: none) and its top-level folders."""

    members: int
    uncompressed: int
    nesting: int
    folders: frozenset[str] = field(default_factory=frozenset)


class _Budget:
    """Bytes expanded so far, across nested archives; refuses past the limit."""

    def __init__(self, limits: ArchiveLimits, compressed: int) -> None:
        self.limits, self.compressed, self.used, self.members = limits, compressed, 0, 0

    def spend(self, count: int) -> None:
        self.used += count
        if self.used > self.limits.uncompressed:
            raise UploadRefused(
                f"it expands to more than {self.limits.uncompressed:,} bytes (the limit)"
            )
        if self.used > max(self.limits.ratio * self.compressed, self.limits.ratio_floor):
            raise UploadRefused(
                f"it expands more than {self.limits.ratio} times its own size, as a zip bomb does"
            )


_DRIVE = re.compile(r"^[A-Za-z]:")


def _unsafe_name(name: str) -> bool:
    parts = re.split(r"[/\\]", name)
    return (
        name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts or "\x00" in name
    )


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> Iterator[bytes]:
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            budget.spend(len(chunk))
            yield chunk


def _inspect(data: bytes, budget: _Budget, depth: int) -> ArchiveReport:
    limits = budget.limits
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        budget.members += len(infos)
        if budget.members > limits.members:
            raise UploadRefused(f"it holds more than {limits.members:,} members (the limit)")
        declared = sum(info.file_size for info in infos)
        if budget.used + declared > limits.uncompressed:
            raise UploadRefused(
                f"its members declare {declared:,} bytes; the limit is {limits.uncompressed:,}"
            )
        for info in infos:
            if _unsafe_name(info.filename):
                raise UploadRefused(f"the member name {info.filename[:80]!r} leaves its folder")
            if info.flag_bits & 0x1:
                raise UploadRefused("it holds encrypted members, which cannot be checked")
        nesting = depth
        for info in infos:
            chunks = _read(archive, info, budget)
            first = next(chunks, b"")
            if not first.startswith(ZIP_MAGIC):
                for _ in chunks:
                    pass
                continue
            if depth + 1 > limits.nesting:
                raise UploadRefused(
                    f"it holds archives nested more than {limits.nesting} deep "
                    f"({info.filename[:80]!r})"
                )
            inner = _inspect(first + b"".join(chunks), budget, depth + 1)
            nesting = max(nesting, inner.nesting)
        folders = frozenset(i.filename.split("/", 1)[0] for i in infos if "/" in i.filename)
    return ArchiveReport(budget.members, budget.used, nesting, folders)


#: Everything a damaged or unsupported archive makes the standard library raise (not
#: MemoryError: running out of memory ends the probe, which refuses the file).
_UNREADABLE = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, OSError, EOFError,
    ValueError, KeyError,
    IndexError, NotImplementedError, RuntimeError, OverflowError, UnicodeError,
)  # fmt: skip


def inspect_archive(data: bytes, limits: ArchiveLimits | None = None) -> ArchiveReport:
    """Read every member of the ZIP archive ``data`` within ``limits``, or raise
    :class:`UploadRefused` saying which limit it breaks. Run it in :func:`probe_archive`'s
    separate process, never in a web worker."""
    limits = limits or ArchiveLimits()
    try:
        return _inspect(data, _Budget(limits, max(len(data), 1)), 0)
    except UploadRefused:
        raise
    except _UNREADABLE as exc:
        raise UploadRefused(f"it is not a readable ZIP archive ({type(exc).__name__})") from exc


def probe_archive(data: bytes, limits: ArchiveLimits | None = None) -> ArchiveReport:
    """:func:`inspect_archive` in a fresh interpreter with memory, CPU and time limits.

    Raises :class:`UploadRefused` (without the file's name; :func:`check_upload` adds it)
    when the archive breaks a limit, or when the process is stopped or fails."""
    limits = limits or ArchiveLimits()
    source = str(Path(__file__).resolve().parents[2])
    command = [sys.executable, "-m", "tipmon.assistance.uploads_probe", json.dumps(asdict(limits))]
    try:
        done = subprocess.run(  # noqa: S603 (our own interpreter and module, no shell)
            command, input=data, capture_output=True, timeout=PROBE_TIMEOUT_SECONDS,
            env={"PYTHONPATH": source, "PYTHONDONTWRITEBYTECODE": "1"}, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise UploadRefused(
            f"checking it took longer than {PROBE_TIMEOUT_SECONDS} seconds"
        ) from exc
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if done.returncode != 0 or not isinstance(answer, dict):
        raise UploadRefused(
            "checking it went past the memory or time allowed, or failed"
            f" (exit status {done.returncode})"
        )
    if not answer.get("ok"):
        raise UploadRefused(str(answer.get("reason", "it could not be checked")))
    report = answer["report"]
    return ArchiveReport(
        int(report["members"]), int(report["uncompressed"]), int(report["nesting"]),
        frozenset(str(f) for f in report["folders"]),
    )  # fmt: skip


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _content_matches(suffix: str, data: bytes) -> bool:
    if suffix == ".pdf":
        return data.startswith(b"%PDF-")
    if suffix == ".png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in {".jpg", ".jpeg"}:
        return data.startswith(b"\xff\xd8\xff")
    if suffix in {".docx", ".xlsx"}:
        if not data.startswith(ZIP_MAGIC):
            return False
        folder = "word" if suffix == ".docx" else "xl"
        return folder in probe_archive(data).folders
    return _is_text(data)


def check_size(name: str, size: int, max_bytes: int) -> None:
    """Refuse a file over the limit before reading it."""
    if size > max_bytes:
        shown = PurePath(name).name or "The file"
        raise UploadRefused(
            f"{shown} is {size:,} bytes; the limit is {max_bytes:,} bytes. Nothing was saved."
        )


def check_upload(name: str, data: bytes, max_bytes: int) -> Accepted:
    """Accept ``data`` uploaded as ``name``, or raise :class:`UploadRefused`."""
    check_size(name, len(data), max_bytes)
    shown = PurePath(name).name or "The file"
    if not data:
        raise UploadRefused(f"{shown} is empty. Nothing was saved.")
    suffix = PurePath(name).suffix.lower()
    if suffix not in CONTENT_TYPES:
        raise UploadRefused(
            f"{shown}: files of type '{suffix or 'none'}' are not accepted; attach {ALLOWED}. "
            "Nothing was saved."
        )
    try:
        matches = _content_matches(suffix, data)
    except UploadRefused as exc:
        raise UploadRefused(f"{shown} was refused: {exc}. Nothing was saved.") from exc
    if not matches:
        raise UploadRefused(
            f"{shown} is named {suffix} but its content is not a {suffix[1:].upper()} file. "
            "Nothing was saved."
        )
    return Accepted(shown[:255], CONTENT_TYPES[suffix], len(data), hashlib.sha256(data).hexdigest())
