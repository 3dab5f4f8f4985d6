"""Real sample files for the extraction tests, built on the spot.

Every builder returns the file's bytes; `write` puts them in a folder. PDFs come from
weasyprint (real fonts, real text layers), encrypted ones from pypdf's writer, DOCX from
python-docx, e-mails from the standard library, zips from zipfile. The hostile files (zip
bombs, a PDF whose one content stream inflates to a gigabyte) are made without ever
holding their expanded bytes: a deflate stream of zeros flushed with Z_FULL_FLUSH repeats
byte for byte, so one compressed megabyte is copied as many times as needed.
"""

from __future__ import annotations

import email.policy
import html
import io
import stat
import struct
import zipfile
import zlib
from email.message import EmailMessage
from functools import cache
from pathlib import Path

import docx
import pypdf
import weasyprint

MB = 1024 * 1024


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# PDF


def pdf(pages: list[str], title: str = "") -> bytes:
    """A PDF with one page per string (paragraphs separated by blank lines)."""
    body = "".join(
        '<section style="page-break-after: always">'
        + "".join(f"<p>{html.escape(p)}</p>" for p in page.split("\n\n"))
        + "</section>"
        for page in pages
    )
    markup = (
        f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "<style>@page { size: A4; margin: 2cm } body { font-family: sans-serif }</style>"
        f"</head><body>{body}</body></html>"
    )
    data = weasyprint.HTML(string=markup).write_pdf()
    assert isinstance(data, bytes)
    return data


def encrypted_pdf(pages: list[str], password: str = "s3cret") -> bytes:  # noqa: S107 (a sample file)
    """`pdf(pages)` locked with a user password (AES-256, as current tools write)."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf(pages))))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf(pages: int) -> bytes:
    """A PDF of `pages` empty pages (cheap to build, for page limits)."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def repeated_pdf(page_text: str, copies: int) -> bytes:
    """A long PDF: one weasyprint page of text repeated `copies` times."""
    page = pypdf.PdfReader(io.BytesIO(pdf([page_text]))).pages[0]
    writer = pypdf.PdfWriter()
    for _ in range(copies):
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_bomb(inflated_mb: int = 1024) -> bytes:
    """A one-page PDF, hand-assembled, whose content stream is about a megabyte of deflate
    data that inflates to `inflated_mb` MB of zeros."""
    stream = zlib_zeros(inflated_mb)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# Deflate streams of zeros, built without holding the zeros.


@cache
def _deflated_zero_megabyte() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)


_FINAL_EMPTY_BLOCK = b"\x03\x00"  # a final, empty fixed-Huffman block


def raw_deflate_zeros(megabytes: int) -> bytes:
    return _deflated_zero_megabyte() * megabytes + _FINAL_EMPTY_BLOCK


def zlib_zeros(megabytes: int) -> bytes:
    """A zlib stream (header, deflate data, Adler-32) of `megabytes` MB of zeros."""
    adler = 1
    zero_mb = bytes(MB)
    for _ in range(megabytes):
        adler = zlib.adler32(zero_mb, adler)
    return b"\x78\xda" + raw_deflate_zeros(megabytes) + struct.pack(">I", adler)


def _crc_of_zeros(megabytes: int) -> int:
    crc = 0
    zero_mb = bytes(MB)
    for _ in range(megabytes):
        crc = zlib.crc32(zero_mb, crc)
    return crc


def zip_bomb(inflated_mb: int = 1024, name: str = "zeros.txt") -> bytes:
    """A zip holding one member of `inflated_mb` MB of zeros, about a thousandth of that
    packed; its sizes are declared truthfully."""
    packed = raw_deflate_zeros(inflated_mb)
    return raw_zip([(name, packed, inflated_mb * MB, _crc_of_zeros(inflated_mb))])


def raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip assembled by hand from already deflated members: (name, deflate data,
    declared size, CRC-32). The declared size is written as given, true or not."""
    out = bytearray()
    central = bytearray()
    for name, packed, size, crc in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(packed), size, len(encoded), 0
        )
        out += encoded + packed
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(packed),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    start = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0
    )
    return bytes(out)


def lying_zip(real: bytes, declared: int, name: str = "report.txt") -> bytes:
    """A zip whose one member holds `real` but declares only `declared` bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = compressor.compress(real) + compressor.flush()
    return raw_zip([(name, packed, declared, zlib.crc32(real))])


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def zip_with_symlink(name: str, target: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
        info.create_system = 3  # Unix, so the mode bits count
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, target)
        archive.writestr("ok.txt", b"A plain member.")
    return out.getvalue()


def zip_with_encrypted_member() -> bytes:
    """A zip whose member is marked encrypted (general-purpose flag bit 0), as a
    password-protected archive's members are."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("secret.txt", b"\x8f\x12not really ciphertext")
        archive.writestr("ok.txt", b"A plain member.")
    data = bytearray(out.getvalue())
    # Set bit 0 of the flags in the first local header and its central directory entry.
    data[6] |= 0x01
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x01
    return bytes(data)


# DOCX


def docx_file(
    paragraphs: list[str], table: list[list[str]] | None = None, title: str = ""
) -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.add_paragraph("Closing paragraph after the table.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# E-mail


def eml(
    subject: str,
    body: str,
    html_body: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    sender: str = "Field Office <field@example.org>",
) -> bytes:
    """An RFC 5322 message: a text body (and optionally an HTML alternative), with
    attachments given as (file name, bytes, media type)."""
    message = EmailMessage(policy=email.policy.default)
    message["From"] = sender
    message["To"] = "intake@example.gov"
    message["Subject"] = subject
    message["Date"] = "Mon, 04 Mar 2024 09:30:00 +0000"
    message["Message-ID"] = "<sample-1@example.org>"
    message.set_content(body)
    if html_body is not None:
        message.add_alternative(html_body, subtype="html")
    for name, data, media_type in attachments or []:
        maintype, subtype = media_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def html_only_eml(subject: str, html_body: str) -> bytes:
    message = EmailMessage(policy=email.policy.default)
    message["From"] = "News desk <desk@example.org>"
    message["Subject"] = subject
    message["Date"] = "Tue, 05 Mar 2024 10:00:00 +0000"
    message.set_content(html_body, subtype="html")
    return message.as_bytes()


# Programs pretending to be documents


def windows_executable() -> bytes:
    """The start of a Windows PE program: the MZ header, the DOS stub, the PE signature."""
    header = bytearray(128)
    header[0:2] = b"MZ"
    header[0x3C:0x40] = struct.pack("<I", 0x80)
    stub = b"This program cannot be run in DOS mode.\r\r\n$"
    header[0x4E : 0x4E + len(stub)] = stub
    return bytes(header) + b"PE\x00\x00" + bytes(200)
