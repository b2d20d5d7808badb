"""Mutations of an attachment's bytes: what damage, careless tools and hostile users do.

Byte mutations apply to every format: bit flips, truncation, insertion (random
bytes, a copied chunk, a long run), deletion, and a number in the file replaced by an
extreme one (PDF offsets and lengths, Word spans). A DOCX is also mutated inside its
XML: the archive is opened, ``word/document.xml`` (or another part) gets one of the
same mutations or a markup one (an attribute number made extreme, an element
duplicated or nested deeply, a closing tag dropped), and the archive is written
again, so the reader sees a valid ZIP holding damaged Word markup.

Every mutation is a function of a ``random.Random`` and the bytes, so a case is
reproduced by its seed.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable

Mutation = Callable[[random.Random, bytes], bytes]

_NUMBER = re.compile(rb"-?[0-9]+")
EXTREME_NUMBERS = [b"0", b"-1", b"1", b"65536", b"2147483648", b"999999999999", b"9" * 40]


def flip_bits(rng: random.Random, data: bytes) -> bytes:
    """One to eight bits flipped at random places."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        position = rng.randrange(len(out))
        out[position] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    """The file cut at a random place (a download that stopped)."""
    return data[: rng.randrange(len(data))]


def insert_bytes(rng: random.Random, data: bytes) -> bytes:
    """Random bytes, a copied chunk of the file or a long run of one byte, inserted."""
    position = rng.randrange(len(data) + 1)
    kind = rng.randrange(3)
    if kind == 0:
        chunk = rng.randbytes(rng.randint(1, 64))
    elif kind == 1:
        start = rng.randrange(len(data))
        chunk = data[start : start + rng.randint(1, 4096)]
    else:
        chunk = bytes([rng.choice([0, 0x0B, 0x20, 0xFF, 0x09, 0x0A])]) * rng.randint(1, 5000)
    return data[:position] + chunk + data[position:]


def delete_chunk(rng: random.Random, data: bytes) -> bytes:
    """A chunk of up to 4 KB removed."""
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 4096) :]


def extreme_number(rng: random.Random, data: bytes) -> bytes:
    """One number written in the file replaced by an extreme one."""
    numbers = list(_NUMBER.finditer(data[:2_000_000]))
    if not numbers:
        return flip_bits(rng, data)
    match = rng.choice(numbers)
    return data[: match.start()] + rng.choice(EXTREME_NUMBERS) + data[match.end() :]


BYTE_MUTATIONS: list[Mutation] = [flip_bits, truncate, insert_bytes, delete_chunk, extreme_number]

_ATTRIBUTE_NUMBER = re.compile(rb'w:val="[0-9]+"')
_ELEMENT = re.compile(rb"<w:(tbl|tr|tc|p|r)\b[^>]*>")
_CLOSING = re.compile(rb"</w:[a-zA-Z]+>")


def extreme_attribute(rng: random.Random, xml: bytes) -> bytes:
    """A ``w:val`` number (a span, a width) made extreme or not a number."""
    found = list(_ATTRIBUTE_NUMBER.finditer(xml))
    if not found:
        return extreme_number(rng, xml)
    match = rng.choice(found)
    value = rng.choice([*EXTREME_NUMBERS, b"x", b"", "²".encode()])
    return xml[: match.start()] + b'w:val="' + value + b'"' + xml[match.end() :]


def duplicate_element(rng: random.Random, xml: bytes) -> bytes:
    """An element's opening tag repeated many times (deep nesting, unbalanced)."""
    found = list(_ELEMENT.finditer(xml))
    if not found:
        return insert_bytes(rng, xml)
    match = rng.choice(found)
    return xml[: match.start()] + match[0] * rng.choice([2, 50, 300, 3000]) + xml[match.start() :]


def drop_closing_tag(rng: random.Random, xml: bytes) -> bytes:
    """One closing tag removed (broken XML)."""
    found = list(_CLOSING.finditer(xml))
    if not found:
        return truncate(rng, xml)
    match = rng.choice(found)
    return xml[: match.start()] + xml[match.end() :]


_CELL_START = re.compile(rb"<w:tc>|<w:tc [^>]*>")


def nest_tables(rng: random.Random, xml: bytes) -> bytes:
    """Well-formed tables nested in a cell, up to past any parser's depth limit."""
    found = list(_CELL_START.finditer(xml))
    if not found:
        return duplicate_element(rng, xml)
    match = rng.choice(found)
    depth = rng.choice([5, 60, 120, 300, 2000])
    nested = b"<w:tbl><w:tr><w:tc>" * depth + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * depth
    return xml[: match.end()] + nested + xml[match.end() :]


XML_MUTATIONS: list[Mutation] = [
    *BYTE_MUTATIONS,
    extreme_attribute,
    extreme_attribute,
    duplicate_element,
    drop_closing_tag,
    nest_tables,
]

TEXT_ENCODINGS = ["utf-16-le", "utf-16-be", "utf-16", "gbk", "gb18030", "utf-8-sig"]


def reencode(rng: random.Random, data: bytes) -> bytes:
    """A UTF-8 text saved again in another encoding (BOM-less UTF-16, GBK ...)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return flip_bits(rng, data)
    return text.encode(rng.choice(TEXT_ENCODINGS), errors="replace")


def mutate_docx_xml(rng: random.Random, data: bytes) -> bytes:
    """The archive rewritten with one XML part mutated (mostly ``word/document.xml`` in
    a DOCX; any XML part of an XLSX or OFD)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [(info, archive.read(info)) for info in archive.infolist()]
    except Exception:  # an archive damaged by an earlier mutation: damage it further
        return flip_bits(rng, data)
    names = [info.filename for info, _ in parts]
    target = "word/document.xml" if "word/document.xml" in names and rng.random() < 0.8 else None
    target = target or rng.choice([n for n in names if n.endswith((".xml", ".rels"))] or names)
    mutation = rng.choice(XML_MUTATIONS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info, content in parts:
            if info.filename == target and content:
                content = mutation(rng, content)
            archive.writestr(info, content)
    return buffer.getvalue()


TEXT_SUFFIXES = {".txt", ".csv", ".tsv"}
ZIP_SUFFIXES = {".docx", ".xlsx", ".ofd"}
"""Formats that are ZIP archives of XML: mutated as bytes or inside an XML part."""


def insert_quote(rng: random.Random, data: bytes) -> bytes:
    """A double quote inserted at the start of a line or after a separator (a CSV
    field that opens a quote and may never close it)."""
    places = [m.end() for m in re.finditer(rb"[\n,\t]", data)] or [0]
    position = rng.choice(places)
    return data[:position] + b'"' + data[position:]


def grow(rng: random.Random, data: bytes) -> bytes:
    """The file's lines after the first few repeated up to a few hundred KB (size-bound
    limits: a CSV field limit, a quadratic step)."""
    head, _, body = data.partition(b"\n\n")
    body = body or data
    times = max(1, rng.choice([50_000, 200_000, 400_000]) // max(len(body), 1))
    return head + b"\n\n" + body * times


TEXT_MUTATIONS: list[Mutation] = [*BYTE_MUTATIONS, insert_quote, grow]


def mutate(rng: random.Random, data: bytes, suffix: str) -> tuple[bytes, list[str]]:
    """``data`` after one to three mutations, and their names (DOCX: zip bytes or XML;
    a text file may first be saved in another encoding, and gets quotes and growth)."""
    names: list[str] = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if not data:
            break
        if suffix in ZIP_SUFFIXES and rng.random() < 0.6:
            mutation: Mutation = mutate_docx_xml
        elif suffix in TEXT_SUFFIXES and not names and rng.random() < 0.3:
            mutation = reencode
        elif suffix in TEXT_SUFFIXES:
            mutation = rng.choice(TEXT_MUTATIONS)
        else:
            mutation = rng.choice(BYTE_MUTATIONS)
        data = mutation(rng, data)
        names.append(mutation.__name__)
    return data, names
