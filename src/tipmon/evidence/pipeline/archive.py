"""The files inside a zip archive, read with suspicion.

`iter_members(path, limits)` yields one `Member` per file in the archive, and in zips
inside it down to `limits.zip_max_depth` levels. Everything that can be checked from the
central directory is checked before a byte is decompressed: member count, declared total
size, each member's compression ratio, names that climb out of the folder or are absolute,
symbolic links, encrypted members. While a member is decompressed its real size is counted,
since a declared size can lie.

A problem with one member yields that member with `rejected` set and the walk goes on; an
archive that is a bomb (too many members, too many bytes once unpacked, an overall ratio
no document archive has) raises `Rejected` for the whole archive, before anything is
unpacked when the declarations give it away, or as soon as the real bytes do.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from tipmon.evidence.pipeline.sniff import sniff
from tipmon.evidence.pipeline.text import MB, Limits, Rejected

_CHUNK = 64 * 1024
#: What zipfile raises on a damaged directory (a version it does not know, bad numbers,
#: names it cannot decode ...): each means "this archive cannot be opened".
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    IndexError,
    NotImplementedError,
    RuntimeError,
    OverflowError,
    UnicodeError,
    struct.error,
)
_DRIVE = re.compile(r"^[A-Za-z]:")
_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)


@dataclass(frozen=True, slots=True)
class Member:
    """One file from the archive. `name` is its path inside the archive (for a nested zip,
    "inner.zip/doc.pdf"); `data` its bytes, or None when `rejected` says why it was not
    read. `depth` is 1 for the archive's own members, 2 inside a nested zip."""

    name: str
    data: bytes | None
    rejected: Rejected | None = None
    depth: int = 1


class _Budget:
    """Counts across the archive and its nested archives."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.members = 0
        self.declared = 0
        self.actual = 0

    def spend(self, count: int) -> None:
        self.actual += count
        if self.actual > self.limits.zip_max_total_bytes:
            raise _bomb(
                f"it unpacks to more than {self.limits.zip_max_total_bytes / MB:.0f} MB, the limit"
            )


class _WholeArchive(Rejected):
    """A refusal of the whole archive, which must not be mistaken for one member's."""


def _bomb(why: str, code: str = "zip-bomb") -> Rejected:
    warning = (
        " Archives built this way are used to crash the systems that open them."
        if code == "zip-bomb"
        else ""
    )
    return _WholeArchive(
        code,
        f"This zip archive was refused because {why}.{warning} Please send the documents "
        "themselves, or a smaller archive.",
    )


def iter_members(path: str | os.PathLike[str], limits: Limits | None = None) -> Iterator[Member]:
    """The archive's files, checked; see the module doc."""
    limits = limits or Limits()
    size = os.path.getsize(path)
    try:
        archive = zipfile.ZipFile(path)
    except _UNREADABLE as exc:
        raise _corrupt_archive() from exc
    with archive:
        yield from _walk(archive, size, "", 1, _Budget(limits))


def screen_container(data: bytes, limits: Limits) -> None:
    """Refuse a zip-based document (DOCX) whose declarations show a bomb, before a parser
    unpacks it; a damaged container is refused as corrupt."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except _UNREADABLE as exc:
        raise _corrupt_archive() from exc
    _screen(infos, len(data), _Budget(limits))
    for info in infos:
        problem = _member_problem(info, limits)
        if problem is not None and problem.code == "zip-bomb":
            raise problem


def _corrupt_archive() -> Rejected:
    return Rejected(
        "corrupt",
        "This zip archive is damaged and cannot be opened. Please create it again and upload "
        "the new copy.",
    )


def _screen(infos: list[zipfile.ZipInfo], size: int, budget: _Budget) -> None:
    limits = budget.limits
    budget.members += len(infos)
    if budget.members > limits.zip_max_members:
        raise _bomb(f"it holds more than {limits.zip_max_members:,} files", "too-many-files")
    declared = sum(info.file_size for info in infos if not info.is_dir())
    budget.declared += declared
    if budget.declared > limits.zip_max_total_bytes:
        raise _bomb(
            f"its files add up to {budget.declared / MB:,.0f} MB once unpacked; the limit is "
            f"{limits.zip_max_total_bytes / MB:.0f} MB"
        )
    if declared > limits.zip_ratio_floor and declared > limits.zip_max_ratio * max(size, 1):
        raise _bomb(f"it unpacks to more than {limits.zip_max_ratio} times its own size")


def _unsafe_name(name: str) -> bool:
    parts = re.split(r"[/\\]", name)
    return (
        name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts or "\x00" in name
    )


def _member_problem(info: zipfile.ZipInfo, limits: Limits) -> Rejected | None:
    """What is wrong with one member, judged from the directory alone."""
    shown = info.filename[:200]
    if _unsafe_name(info.filename):
        return Rejected(
            "unsafe-name",
            f"The archive entry “{shown}” points outside the archive's folder; it was skipped.",
        )
    if stat.S_ISLNK(info.external_attr >> 16):
        return Rejected(
            "symlink", f"The archive entry “{shown}” is a link to another file; it was skipped."
        )
    if info.flag_bits & 0x1:
        return Rejected(
            "encrypted",
            f"The archive entry “{shown}” is protected by a password; it was skipped.",
        )
    if info.compress_type not in _METHODS:
        return Rejected(
            "unsupported-type",
            f"The archive entry “{shown}” is compressed in a way we do not read; it was skipped.",
        )
    if info.file_size > limits.max_bytes:
        return Rejected(
            "too-large",
            f"The archive entry “{shown}” is {info.file_size / MB:,.1f} MB once unpacked; files "
            f"may be at most {limits.max_bytes / MB:.0f} MB. It was skipped.",
        )
    ratio_limit = limits.zip_max_ratio * max(info.compress_size, 1)
    if info.file_size > limits.zip_ratio_floor and info.file_size > ratio_limit:
        return Rejected(
            "zip-bomb",
            f"The archive entry “{shown}” unpacks to more than {limits.zip_max_ratio} times its "
            "packed size, as a zip bomb does; it was skipped.",
        )
    return None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """The member's bytes, counting what really comes out; raises `Rejected` for the member
    ("zip-bomb" when it holds more than it declares) or, via the budget, the archive."""
    cap = min(info.file_size, budget.limits.max_bytes)
    chunks: list[bytes] = []
    read = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            read += len(chunk)
            budget.spend(len(chunk))
            if read > cap:
                raise Rejected(
                    "zip-bomb",
                    f"The archive entry “{info.filename[:200]}” holds more than it declares, "
                    "as a zip bomb does; it was skipped.",
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _walk(
    archive: zipfile.ZipFile, size: int, prefix: str, depth: int, budget: _Budget
) -> Iterator[Member]:
    limits = budget.limits
    infos = archive.infolist()
    _screen(infos, size, budget)
    for info in infos:
        if info.is_dir():
            continue
        name = prefix + info.filename
        problem = _member_problem(info, limits)
        if problem is not None:
            yield Member(name, None, problem, depth)
            continue
        try:
            data = _read_member(archive, info, budget)
        except _WholeArchive:
            raise
        except Rejected as exc:
            yield Member(name, None, exc, depth)
            continue
        except MemoryError:
            raise
        except Exception:
            yield Member(name, None, _corrupt_member(info), depth)
            continue
        if sniff(data[:65536], info.filename).kind != "zip":
            yield Member(name, data, None, depth)
            continue
        yield from _nested(data, name, depth, budget)


def _nested(data: bytes, name: str, depth: int, budget: _Budget) -> Iterator[Member]:
    if depth >= budget.limits.zip_max_depth:
        yield Member(
            name,
            None,
            Rejected(
                "too-deep",
                f"“{name[:200]}” is an archive inside an archive more than "
                f"{budget.limits.zip_max_depth} levels deep; it was skipped.",
            ),
            depth,
        )
        return
    try:
        inner = zipfile.ZipFile(io.BytesIO(data))
    except _UNREADABLE:
        yield Member(name, None, _corrupt_archive(), depth)
        return
    with inner:
        yield from _walk(inner, len(data), name + "/", depth + 1, budget)


def _corrupt_member(info: zipfile.ZipInfo) -> Rejected:
    return Rejected(
        "corrupt",
        f"The archive entry “{info.filename[:200]}” is damaged and could not be unpacked; it "
        "was skipped.",
    )
