"""Files written byte by byte, for the hostile-input tests and the growth bench: what no library will make.

`pdf` writes a PDF object by object: as many pages as asked, each showing one line of text in a standard
font, and, if asked, locked by the standard security handler with a password no one knows.
"""

from __future__ import annotations


def pdf(pages: int = 1, text: bytes = b"Budget 2023: 239.67", encrypt: bool = False) -> bytes:
    """A PDF of `pages` pages, each a line of `text` (ASCII); with `encrypt`, its /O and /U entries match
    no password, so no reader can open it without one."""
    content = b"BT /F1 12 Tf 72 770 Td (%s) Tj ET" % text
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
    kids = b" ".join(b"%d 0 R" % n for n in [3, *range(6, 5 + pages)])
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        page,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[page] * (pages - 1),
    ]
    if encrypt:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), b"ab" * 16, b"ab" * 16)
    out += b"trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)
