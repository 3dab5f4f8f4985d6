"""Text out of an uploaded file: PDF, HTML, DOCX, e-mail or plain text.

`extract(data, filename, key, limits)` decides the format from the bytes (`sniff`), reads
the text, repairs classic mojibake, normalises it to NFC and returns an
`ExtractedDocument` whose `page_starts` index the returned text. A file it will not read
raises `Rejected(code, message)`: `code` is short and stable, `message` is written for the
person who uploaded the file. Hostile files (bombs, files that take forever) are the
business of `sandbox`, which runs this module in a child process with time and memory
limits; this module only refuses what it can see is wrong.

The parsers (pdfplumber, pypdf, trafilatura, python-docx) are imported when a file of
their kind comes, so a process that reads only text starts quickly.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
import unicodedata
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from typing import Any

from tipmon.evidence.pipeline.sniff import (
    MEDIA_TYPES,
    OOXML_OTHER,
    OPEN_CONTAINER,
    Sniffed,
    bom_encoding,
    sniff,
    utf16_without_bom,
)
from tipmon.evidence.pipeline.types import ExtractedDocument

MB = 1024 * 1024


class Rejected(Exception):
    """A file the pipeline will not read. `code` is stable (e.g. "encrypted", "corrupt",
    "too-many-pages", "too-large", "unsupported-type", "mismatch-binary", "mojibake",
    "empty", "zip-bomb", "timeout", "memory", "crash"); `message` is for the uploader."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rejected) and (self.code, self.message) == (
            other.code,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.code, self.message))


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one file may ask of the pipeline. `timeout_s` and `memory_mb` bound the
    sandboxed child process; the `zip_*` fields bound archives (and DOCX containers)."""

    max_bytes: int = 50 * MB
    max_pages: int = 2000
    timeout_s: float = 60.0
    memory_mb: int = 1024
    zip_max_members: int = 1000
    zip_max_total_bytes: int = 200 * MB
    zip_max_ratio: int = 100
    zip_ratio_floor: int = 1 * MB
    zip_max_depth: int = 2


@dataclass(slots=True)
class _Read:
    """What a format reader found, before cleaning: one string per page."""

    media_type: str
    pages: list[str]
    title: str = ""
    metadata: dict[str, str] = field(default_factory=dict)


_FRIENDLY: dict[str, str] = {
    "application/vnd.microsoft.portable-executable": "a Windows program",
    "application/x-executable": "a Linux program",
    "application/x-mach-binary": "a macOS program",
    "application/x-ole-storage": "an old-style Microsoft Office file (.doc or .xls)",
    OOXML_OTHER: "an Office file other than a Word document (such as .xlsx or .pptx)",
    OPEN_CONTAINER: "an OpenDocument or e-book file (such as .odt or .epub)",
    "image/png": "a PNG image",
    "image/jpeg": "a JPEG image",
    "image/gif": "a GIF image",
    "application/gzip": "a gzip archive",
    "application/x-7z-compressed": "a 7-Zip archive",
    "application/vnd.rar": "a RAR archive",
    "application/x-bzip2": "a bzip2 archive",
    "application/x-xz": "an xz archive",
    "application/rtf": "a Rich Text (RTF) file",
    "application/postscript": "a PostScript file",
    "application/xml": "an XML data file",
    "application/octet-stream": "binary data of a kind we do not recognise",
}
_KIND_NAMES = {
    "pdf": "a PDF",
    "html": "a web page (HTML)",
    "docx": "a Word document (.docx)",
    "eml": "an e-mail (.eml)",
    "text": "a plain text file",
    "zip": "a zip archive",
}
ACCEPTED = "PDF, Word (.docx), web pages (HTML), e-mails (.eml), plain text and zip archives"


def extract(
    data: bytes, filename: str, key: str, limits: Limits | None = None
) -> ExtractedDocument:
    """The text of one file, or `Rejected` saying why not (see the module doc)."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise Rejected(
            "too-large",
            f"The file is {len(data) / MB:.1f} MB; files may be at most "
            f"{limits.max_bytes / MB:.0f} MB. Please split it or send a smaller version.",
        )
    if not data.strip():
        raise Rejected("empty", "The file is empty.")
    sniffed = sniff(data, filename)
    if sniffed.kind is None:
        raise refusal(sniffed, filename)
    if sniffed.kind == "zip":
        raise Rejected(
            "archive", "This is a zip archive: its files are read one by one, not as one text."
        )
    if sniffed.kind == "eml":
        read = _read_email(data, limits)[0]
    else:
        read = _READERS[sniffed.kind](data, limits)
    if sniffed.mismatch and sniffed.claimed_kind is not None:
        read.metadata["note"] = (
            f"The file is named as {_KIND_NAMES[sniffed.claimed_kind]} but its content is "
            f"{_KIND_NAMES[sniffed.kind]}; it was read as {_KIND_NAMES[sniffed.kind]}."
        )
    return _assemble(key, read)


def extract_email(
    data: bytes, key: str = "", limits: Limits | None = None
) -> tuple[ExtractedDocument, list[tuple[str, bytes]]]:
    """An e-mail's text (subject, then body) and its attachments as (file name, bytes), for
    the caller to send through `extract` (or the sandbox) one by one."""
    read, attachments = _read_email(data, limits or Limits())
    return _assemble(key, read), attachments


def refusal(sniffed: Sniffed, filename: str) -> Rejected:
    """The `Rejected` for bytes that are none of the kinds the pipeline reads."""
    what = _FRIENDLY.get(sniffed.media_type, "a kind of file we do not read")
    name = filename.replace("\\", "/").rsplit("/", 1)[-1][:120]
    if sniffed.mismatch and sniffed.claimed_kind is not None:
        return Rejected(
            "mismatch-binary",
            f"The file “{name}” is named as {_KIND_NAMES[sniffed.claimed_kind]} but it is "
            f"really {what}. It was not opened. We accept {ACCEPTED}.",
        )
    return Rejected(
        "unsupported-type",
        f"The file “{name}” is {what}, which we do not read. We accept {ACCEPTED}.",
    )


# Plain text: decoding, mojibake, garbage.


def decode_text(data: bytes) -> tuple[str, str]:
    """`data` as a string and the encoding used: a byte-order mark, else UTF-8, else UTF-16
    without a mark, else charset-normalizer's best guess. Raises only `Rejected`."""
    bom = bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        try:
            return data[skip:].decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = utf16_without_bom(data)
    if guess is not None:
        try:
            return data.decode(guess), guess
        except UnicodeDecodeError:
            pass
    return _normalizer_guess(data)


def _normalizer_guess(data: bytes) -> tuple[str, str]:
    unreadable = Rejected(
        "mojibake",
        "We could not tell how the characters in this file are encoded, so its text cannot "
        "be read reliably. Please save it as UTF-8 text (or as PDF) and upload it again.",
    )
    try:
        from charset_normalizer import from_bytes

        # Ties are common on short texts (cp1250, cp1252, iso8859-10 all read "façade");
        # the office's languages are English, Spanish and French, so cp1252 wins a tie.
        matches = sorted(
            from_bytes(data),
            key=lambda m: (round(m.chaos, 3), -round(m.coherence, 3), m.encoding != "cp1252"),
        )
        best = matches[0] if matches else None
        if best is None or best.chaos > 0.5:
            raise unreadable
        return str(best), str(best.encoding)
    except Rejected:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        raise unreadable from exc


def _single_byte_table() -> tuple[dict[str, int], str]:
    """How each byte 0x80-0xFF looks when UTF-8 is misread as cp1252 (or Latin-1 for the
    five bytes cp1252 leaves undefined): char -> byte, and the continuation bytes' chars."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            char = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            char = chr(byte)
        table[char] = byte
        table.setdefault(chr(byte), byte)
    continuation = "".join(sorted(c for c, b in table.items() if 0x80 <= b <= 0xBF))
    return table, continuation


_TO_BYTE, _CONT = _single_byte_table()
_C = "[" + re.escape(_CONT) + "]"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_C}|[\u00e0-\u00ef]{_C}{{2}}|[\u00f0-\u00f4]{_C}{{3}}")
_A_GRAVE_LOST_NBSP = re.compile("\u00c3 ")
# "”" is E2 80 9D, and 9D is one of the five bytes cp1252 leaves undefined: a reader that
# replaced it leaves "â€" and a replacement character.
_RIGHT_QUOTE_LOST = re.compile("\u00e2\u20ac\ufffd")


def _unmangle(match: re.Match[str]) -> str:
    try:
        return bytes(_TO_BYTE[c] for c in match.group()).decode("utf-8")
    except (UnicodeDecodeError, KeyError):
        return match.group()


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was read as cp1252 or Latin-1 ("Ã©" -> "é", "â€œ" -> "“"), also when
    it happened twice, leaving correctly decoded characters alone."""
    for _ in range(3):
        repaired, count = _MOJIBAKE.subn(_unmangle, text)
        if repaired == text:
            break
        if count:
            # "à" is C3 A0; when the no-break space became a plain one, only "Ã " is left.
            repaired = _A_GRAVE_LOST_NBSP.sub("\u00e0", repaired)
            repaired = _RIGHT_QUOTE_LOST.sub("\u201d", repaired)
        text = repaired
    return text


_BAD_CHARS = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
_PDF_CID = re.compile(r"\(cid:\d+\)")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile("\r\n?")
#: Above this share of unreadable characters (among non-space ones) a text is refused.
GARBAGE_SHARE = 0.03


def is_garbage(text: str) -> bool:
    """Whether more than `GARBAGE_SHARE` of `text`'s non-space characters (and at least
    three) are unreadable: replacement characters, control characters, private-use
    characters, a PDF's unmapped glyphs."""
    visible = len(text) - sum(text.count(c) for c in " \t\n\r\f")
    bad = len(_BAD_CHARS.findall(text)) + sum(len(m) for m in _PDF_CID.findall(text))
    return bad >= 3 and bad > GARBAGE_SHARE * visible


def clean(text: str) -> str:
    """Newlines as \\n, mojibake repaired, NFC. Control characters stay (see `assemble`)."""
    text = _NEWLINES.sub("\n", text)
    return unicodedata.normalize("NFC", repair_mojibake(text))


def _assemble(key: str, read: _Read) -> ExtractedDocument:
    return assemble(key, read.media_type, read.pages, read.title, read.metadata)


def assemble(
    key: str,
    media_type: str,
    pages: list[str],
    title: str = "",
    metadata: dict[str, str] | None = None,
) -> ExtractedDocument:
    """One document from its pages' raw text: each page cleaned (`clean`), pages joined by
    a blank line, `page_starts[i]` where page i+1's cleaned text begins. Raises `Rejected`
    ("mojibake", "empty") for text that is mostly unreadable or blank."""
    pages = [clean(page) for page in pages] or [""]
    text = "\n\n".join(pages)
    if is_garbage(text):
        raise Rejected(
            "mojibake",
            "Much of this file's text is made of unreadable characters (a broken character "
            "encoding, or fonts that do not map to letters), so it cannot be analysed. Please "
            "save it again as UTF-8 text or as a PDF with selectable text.",
        )
    if not text.strip():
        raise Rejected(
            "empty",
            "No text could be found in this file. If it is a scanned document, please send a "
            "version with selectable text.",
        )
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + 2
    text = _CONTROLS.sub(" ", text)  # same length: offsets hold
    title = unicodedata.normalize("NFC", repair_mojibake(" ".join(title.split())))
    return ExtractedDocument(
        key=key,
        media_type=media_type,
        text=text,
        page_starts=tuple(starts),
        title=_CONTROLS.sub(" ", title)[:1000],
        metadata=dict(metadata or {}),
    )


def _read_text(data: bytes, limits: Limits) -> _Read:
    text, encoding = decode_text(data)
    return _Read(MEDIA_TYPES["text"], [text], metadata={"encoding": encoding})


# PDF.

_CORRUPT_PDF = Rejected(
    "corrupt",
    "This PDF is damaged and cannot be read. Please open it on your computer to check it, "
    "save or export it again, and upload the new copy.",
)


def _read_pdf(data: bytes, limits: Limits) -> _Read:
    if b"%%EOF" not in data[-4096:]:
        raise Rejected(
            "corrupt",
            "This PDF is incomplete: its end is missing, as happens when a download or a copy "
            "is cut off. Please download or export it again and upload the complete file.",
        )
    count = _pdf_page_count(data)
    if count is not None:
        _check_pages(count, limits)
    try:
        return _pdfplumber_pages(data, limits)
    except (Rejected, MemoryError):
        raise
    except Exception as exc:
        _reraise_memory(exc)
        if _is_password_error(exc):
            raise _encrypted() from exc
        return _pypdf_pages(data, limits)


def _encrypted() -> Rejected:
    return Rejected(
        "encrypted",
        "This PDF is protected by a password, so its text cannot be read. Please remove the "
        "password (or print it to a new PDF) and upload it again.",
    )


def _check_pages(count: int, limits: Limits) -> None:
    if count > limits.max_pages:
        raise Rejected(
            "too-many-pages",
            f"This PDF has {count:,} pages; documents may have at most {limits.max_pages:,}. "
            "Please send the relevant part, or split it into several files.",
        )


def _chain(exc: BaseException) -> list[BaseException]:
    """`exc` and what it wraps: its cause, its context, exceptions among its arguments
    (pdfplumber wraps pdfminer's errors, MemoryError included, in its own)."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo and len(seen) < 20:
        current = todo.pop()
        if any(current is s for s in seen):
            continue
        seen.append(current)
        todo.extend(a for a in current.args if isinstance(a, BaseException))
        todo.extend(e for e in (current.__cause__, current.__context__) if e is not None)
    return seen


def _is_password_error(exc: BaseException) -> bool:
    return any(
        "Password" in t.__name__ or "Encrypt" in t.__name__
        for e in _chain(exc)
        for t in type(e).__mro__
    )


def _reraise_memory(exc: BaseException) -> None:
    """Out of memory is the sandbox's to report, even when a parser wrapped it."""
    if any(isinstance(e, MemoryError) for e in _chain(exc)):
        raise MemoryError from exc


def _pdf_page_count(data: bytes) -> int | None:
    """The page count according to pypdf, refusing a PDF it cannot open without a
    password; None when pypdf cannot read the file (pdfplumber may still)."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted()
        return len(reader.pages)
    except (Rejected, MemoryError):
        raise
    except Exception as exc:
        _reraise_memory(exc)
        if _is_password_error(exc):
            raise _encrypted() from exc
        return None


def _pdf_string(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else ""


def _pdfplumber_pages(data: bytes, limits: Limits) -> _Read:
    import pdfplumber

    pages: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        _check_pages(len(pdf.pages), limits)
        for page in pdf.pages:
            pages.append(page.extract_text() or "")
            page.close()
        title = _pdf_string(pdf.metadata.get("Title"))
    return _Read(MEDIA_TYPES["pdf"], pages, title, {"pages": str(len(pages))})


def _pypdf_pages(data: bytes, limits: Limits) -> _Read:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted()
        _check_pages(len(reader.pages), limits)
        pages = [page.extract_text() or "" for page in reader.pages]
        title = _pdf_string(reader.metadata.get("/Title") if reader.metadata else None)
    except (Rejected, MemoryError):
        raise
    except Exception as exc:
        _reraise_memory(exc)
        raise _CORRUPT_PDF from exc
    return _Read(MEDIA_TYPES["pdf"], pages, title, {"pages": str(len(pages)), "reader": "pypdf"})


# HTML.

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_BLOCK_TAG = re.compile(
    r"p|div|br|li|tr|h[1-6]|table|ul|ol|section|article|header|footer|blockquote|pre|title|dt|dd"
)


def decode_html(data: bytes) -> str:
    """HTML bytes as text: a byte-order mark, else the declared charset, else as text."""
    if bom_encoding(data) is None:
        declared = _META_CHARSET.search(data[:4096])
        if declared is not None:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(data)[0]


def html_text(markup: str) -> tuple[str, str]:
    """(main text, title) of an HTML page: trafilatura's reading, or when it finds no main
    text, every text node with script and style removed."""
    import trafilatura

    markup = _XML_DECLARATION.sub("", markup)
    text, title = "", ""
    try:
        found = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=True
        )
        if found is not None:
            text = getattr(found, "text", None) or ""
            title = getattr(found, "title", None) or ""
    except (RecursionError, ValueError, TypeError, AttributeError, LookupError):
        text = ""
    if not text.strip():
        text, fallback_title = _lxml_text(markup)
        title = title or fallback_title
    return text, title


def _lxml_text(markup: str) -> tuple[str, str]:
    # lxml comes with trafilatura; it ships no type stubs.
    import lxml.etree  # type: ignore[import-untyped]
    import lxml.html  # type: ignore[import-untyped]

    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return "", ""
    title = root.findtext(".//title") or ""
    for element in list(root.iter("script", "style", "noscript", "template", "head")):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and _BLOCK_TAG.fullmatch(element.tag.lower()):
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line), title


def _read_html(data: bytes, limits: Limits) -> _Read:
    text, title = html_text(decode_html(data))
    return _Read(MEDIA_TYPES["html"], [text], title)


# DOCX.


def _read_docx(data: bytes, limits: Limits) -> _Read:
    from tipmon.evidence.pipeline import archive

    archive.screen_container(data, limits)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
        title = document.core_properties.title or ""
    except (Rejected, MemoryError):
        raise
    except Exception as exc:
        raise Rejected(
            "corrupt",
            "This Word document is damaged and cannot be read. Please open it in Word (or "
            "LibreOffice), save it again as .docx, and upload the new copy.",
        ) from exc
    return _Read(MEDIA_TYPES["docx"], ["\n".join(lines)], title)


def _table_lines(table: Any) -> list[str]:
    lines = []
    for row in table.rows:
        seen: list[Any] = []
        cells = []
        for cell in row.cells:
            if any(cell._tc is s for s in seen):  # a merged cell repeats
                continue
            seen.append(cell._tc)
            cells.append(" ".join(cell.text.split()))
        lines.append("\t".join(cells))
    return lines


# E-mail.

_CORRUPT_EMAIL = Rejected(
    "corrupt",
    "This e-mail file is damaged and cannot be read. Please save the message again from "
    "your mail program (as .eml) and upload it.",
)


def _read_email(data: bytes, limits: Limits) -> tuple[_Read, list[tuple[str, bytes]]]:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        subject = str(message.get("Subject", "") or "")
        metadata = {
            name.lower(): " ".join(str(message.get(name, "")).split())
            for name in ("From", "Date")
            if message.get(name) is not None
        }
        body = _email_body(message)
        attachments = _attachments(message, limits)
    except (Rejected, MemoryError):
        raise
    except Exception as exc:
        raise _CORRUPT_EMAIL from exc
    if attachments:
        metadata["attachments"] = ", ".join(name for name, _ in attachments)[:1000]
    text = f"{subject}\n\n{body}" if subject.strip() else body
    return _Read(MEDIA_TYPES["eml"], [text], subject, metadata), attachments


def _email_body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):  # an unknown or wrong charset: guess from the bytes
        raw = part.get_payload(decode=True)
        content = decode_text(raw)[0] if isinstance(raw, bytes) else ""
    if isinstance(content, bytes):
        content = decode_text(content)[0]
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        return html_text(content)[0]
    return content


def _attachments(message: EmailMessage, limits: Limits) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for index, part in enumerate(message.iter_attachments(), start=1):
        if len(found) >= limits.zip_max_members:
            break
        payload: bytes | None
        if part.get_content_maintype() == "message":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            payload = inner.as_bytes() if isinstance(inner, Message) else None
            default = f"attachment-{index}.eml"
        else:
            raw = part.get_payload(decode=True)
            payload = raw if isinstance(raw, bytes) else None
            default = f"attachment-{index}"
        if payload:
            found.append((str(part.get_filename() or default), payload))
    return found


_READERS = {
    "pdf": _read_pdf,
    "html": _read_html,
    "docx": _read_docx,
    "text": _read_text,
}
