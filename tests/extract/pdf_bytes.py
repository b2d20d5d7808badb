"""A one-page PDF written byte by byte, so a test can damage exactly one part of it.

``one_page_pdf(content)`` returns a valid PDF (correct cross-reference table) whose
page draws ``content``, a content stream compressed with FlateDecode;
``corrupt_tail`` damages the compressed bytes so that pdfminer can inflate only the
beginning of the stream (it logs "Data-loss while decompressing corrupted data").
"""

from __future__ import annotations

import zlib

TEXT_PAGE = b"".join(
    b"BT /F1 10 Tf 40 %d Td (line %d: %d %x %o) Tj ET\n" % (800 - 12 * i, i, i * i, i**3, i**4)
    for i in range(60)
)


def one_page_pdf(content: bytes = TEXT_PAGE, corrupt_tail: bool = False) -> bytes:
    """The bytes of a one-page PDF drawing ``content`` (optionally damaged)."""
    stream = zlib.compress(content)
    if corrupt_tail:
        cut = len(stream) * 3 // 4
        stream = stream[:cut] + bytes(8) + stream[cut + 8 :]
    return page_pdf(
        stream,
        b"<< /Font << /F1 5 0 R >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream_keys=b"/Filter /FlateDecode",
    )


def page_pdf(content: bytes, resources: bytes, *objects: bytes, stream_keys: bytes = b"") -> bytes:
    """A one-page A4 PDF whose page draws the content stream ``content`` with these
    ``resources``; further ``objects`` are numbered from 5 (the page's resources name
    them ``5 0 R``, ``6 0 R`` ...)."""
    keys = b"<< /Length %d %s>>" % (len(content), stream_keys + b" " if stream_keys else b"")
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources %s >>" % resources,
            keys + b"\nstream\n" + content + b"\nendstream",
            *objects,
        ]
    )


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog), with a correct
    cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
