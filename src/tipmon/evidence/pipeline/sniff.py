"""What a file really is, judged by its bytes and never by its name.

`sniff(head, filename)` looks at the first bytes of a file (pass the first 64 KB, or the
whole file: a short ZIP is then opened to look for ``word/document.xml``) and says which of
the pipeline's kinds it is, which kind its extension claims, and whether the two disagree.
It never raises: bytes it cannot place get ``kind=None``. What to do with a disagreement is
the caller's choice (`text.extract` refuses a program named ``.pdf`` and reads a ``.txt``
that is really HTML as HTML, with a note).
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Literal

Kind = Literal["pdf", "html", "docx", "eml", "text", "zip"]

MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "eml": "message/rfc822",
    "text": "text/plain",
    "zip": "application/zip",
}

_EXTENSIONS: dict[str, Kind] = {
    ".pdf": "pdf",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".eml": "eml",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".csv": "text",
    ".zip": "zip",
}

# Bytes that open formats the pipeline does not read, with the media type they signal.
# Programs first: a program under a document's name is the case the caller refuses loudly.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "application/vnd.microsoft.portable-executable"),
    (b"\x7fELF", "application/x-executable"),
    (b"\xcf\xfa\xed\xfe", "application/x-mach-binary"),
    (b"\xce\xfa\xed\xfe", "application/x-mach-binary"),
    (b"\xca\xfe\xba\xbe", "application/x-mach-binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\x1f\x8b", "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"{\\rtf", "application/rtf"),
    (b"%!PS", "application/postscript"),
)
OOXML_OTHER = "application/vnd.openxmlformats-officedocument"
OPEN_CONTAINER = "application/vnd.oasis.opendocument"
EXECUTABLE_TYPES = frozenset(
    {
        "application/vnd.microsoft.portable-executable",
        "application/x-executable",
        "application/x-mach-binary",
    }
)

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
#: How much of the head the text checks look at (they need no more to decide).
_TEXT_WINDOW = 8192

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|script|style)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(
    r"<(?:html|head|body|p|div|span|h[1-6]|table|ul|ol|li|a\s+href|br|article|section)\b[^>]*>",
    re.IGNORECASE,
)
_HTML_CLOSE = re.compile(r"</(?:html|body|p|div|span|h[1-6]|table|li|a|article|section)>", re.I)
_HEADER_LINE = re.compile(r"^[!-9;-~]+:[ \t]?.*$|^[ \t]+\S.*$")
_MAIL_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "mime-version",
        "received",
        "return-path",
        "reply-to",
        "content-type",
        "delivered-to",
        "sender",
    }
)
_MAIL_KEY = frozenset({"from", "subject", "date", "message-id", "received"})


@dataclass(frozen=True, slots=True)
class Sniffed:
    """`kind` is what the bytes are (None: not something the pipeline reads);
    `claimed_kind` what the extension says (None: an extension we do not know);
    `mismatch` that the extension names one kind and the bytes are another."""

    media_type: str
    kind: Kind | None
    claimed_kind: Kind | None
    mismatch: bool

    @property
    def executable(self) -> bool:
        return self.media_type in EXECUTABLE_TYPES


def claimed_kind(filename: str) -> Kind | None:
    """The kind the file name's extension claims, or None."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
    dot = name.rfind(".")
    return _EXTENSIONS.get(name[dot:]) if dot >= 0 else None


def sniff(head: bytes, filename: str) -> Sniffed:
    """Judge `head` (the file's first bytes, or all of it) by content; see the module doc."""
    media_type, kind = _by_content(head)
    claimed = claimed_kind(filename)
    return Sniffed(media_type, kind, claimed, claimed is not None and claimed != kind)


def _by_content(head: bytes) -> tuple[str, Kind | None]:
    if not head:
        return "application/x-empty", None
    if b"%PDF-" in head[:1024]:
        return MEDIA_TYPES["pdf"], "pdf"
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(head)
    for magic, media_type in _BINARY_MAGIC:
        if head.startswith(magic):
            return media_type, None
    text = head_text(head[:_TEXT_WINDOW])
    if text is None:
        return "application/octet-stream", None
    # Mail headers first: an HTML e-mail's body is markup, but the file is the e-mail.
    if _HTML_START.match(text):
        return MEDIA_TYPES["html"], "html"
    if _looks_like_email(text):
        return MEDIA_TYPES["eml"], "eml"
    if _looks_like_html(text):
        return MEDIA_TYPES["html"], "html"
    if text.lstrip().startswith("<?xml"):
        return "application/xml", None
    return MEDIA_TYPES["text"], "text"


def _zip_kind(head: bytes) -> tuple[str, Kind | None]:
    """A zip is a DOCX, another office or e-book container (which we do not read: its parts
    are not documents), or a plain archive."""
    if _is_docx(head):
        return MEDIA_TYPES["docx"], "docx"
    if b"[Content_Types].xml" in head[:65536]:
        return OOXML_OTHER, None
    # OpenDocument and EPUB store an uncompressed "mimetype" member first.
    if head[30:38] == b"mimetype":
        return OPEN_CONTAINER, None
    return MEDIA_TYPES["zip"], "zip"


def _is_docx(data: bytes) -> bool:
    # Local file headers carry each member's name, so the head alone usually answers (all
    # of a DOCX's own parts live under word/, images included); a whole (short) file can be
    # opened to ask its central directory.
    window = data[:65536]
    if b"word/document.xml" in window:
        return True
    if b"[Content_Types].xml" in window and b"word/" in window:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except Exception:
        return False


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def head_text(head: bytes) -> str | None:
    """`head` as text when it plausibly is text (a byte-order mark, or UTF-8 or a single-byte
    code page without NULs), else None. A multi-byte character cut at the end is tolerated."""
    bom = bom_encoding(head)
    if bom is not None:
        encoding, skip = bom
        return head[skip:].decode(encoding, errors="replace")
    if b"\x00" in head:
        guess = utf16_without_bom(head)
        return None if guess is None else head.decode(guess, errors="replace")
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return head[: exc.start].decode("utf-8", errors="replace")
    controls = sum(1 for b in head if b < 9 or (13 < b < 32 and b != 27))
    if controls > max(2, len(head) // 100):
        return None
    return head.decode("cp1252", errors="replace")


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when `data` looks like mostly-ASCII UTF-16 without a
    byte-order mark (a NUL in every other byte, on one side only), else None."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    odd = sample[1 : 2 * pairs : 2].count(0)
    even = sample[0 : 2 * pairs : 2].count(0)
    if odd >= 0.6 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.6 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _looks_like_html(text: str) -> bool:
    opened = len(_HTML_TAGS.findall(text, 0, 4096))
    return opened >= 2 and bool(_HTML_CLOSE.search(text, 0, 4096))


def _looks_like_email(text: str) -> bool:
    lines = text.lstrip("\r\n").splitlines()
    if lines and lines[0].startswith("From "):  # an mbox separator line
        lines = lines[1:]
    names: set[str] = set()
    for line in lines[:200]:
        if not line.strip():
            break
        if not _HEADER_LINE.match(line):
            return False
        if not line[0].isspace():
            names.add(line.split(":", 1)[0].strip().lower())
    known = names & _MAIL_HEADERS
    return len(known) >= 2 and bool(known & _MAIL_KEY)
