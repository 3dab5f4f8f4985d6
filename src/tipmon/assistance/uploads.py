"""What a progress-report attachment may be: size, extension and content must all agree.

Plain Python (no Django import). A file is accepted only when its extension is on the list
AND its first bytes are what that kind of file starts with (PDF, PNG and JPEG signatures; a
ZIP holding ``word/`` for DOCX or ``xl/`` for XLSX; UTF-8 text without NUL bytes for CSV and
TXT). A renamed executable, or a PDF called ``.png``, is refused with a message saying why.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

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


def _zip_names(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []


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
        if not data.startswith(b"PK\x03\x04"):
            return False
        folder = "word/" if suffix == ".docx" else "xl/"
        return any(name.startswith(folder) for name in _zip_names(data))
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
    if not _content_matches(suffix, data):
        raise UploadRefused(
            f"{shown} is named {suffix} but its content is not a {suffix[1:].upper()} file. "
            "Nothing was saved."
        )
    return Accepted(shown[:255], CONTENT_TYPES[suffix], len(data), hashlib.sha256(data).hexdigest())
