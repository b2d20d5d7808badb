"""The parts of a Word ``.docx`` package the DOCX reader walks: its main document and styles.

A ``.docx`` is a ZIP of XML parts tied together by relationship files (Office Open
XML's packaging, ECMA-376 part 2): ``_rels/.rels`` names the main document part, and
that part's own ``.rels`` names its styles part. The reader needs just these two
element trees. python-docx finds them too, but importing it builds its whole object
model (about 55 ms, more than the rest of a one-page conversion; issue 16), so the
package is opened here with ``zipfile`` and ``lxml``, python-docx's own XML library,
parsed the way python-docx parses (blank text between tags dropped, no entities
resolved, no network).

``qn("w:tbl")`` spells a prefixed tag the way lxml names it (Clark notation).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Any, NamedTuple

from lxml import etree

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
"""The namespace prefixes the DOCX reader spells tags with."""
_RELATIONSHIP_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OFFICE_DOCUMENT = _RELATIONSHIP_TYPES + "officeDocument"
STYLES = _RELATIONSHIP_TYPES + "styles"
_WORD_TYPES = ("wordprocessingml", "ms-word")
"""Content types of a Word main part contain one of these (a document, template or a
macro-enabled one)."""
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def qn(tag: str) -> str:
    """A prefixed tag (``w:p``) in Clark notation (``{namespace}p``)."""
    prefix, name = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


class NotWordPackage(Exception):
    """A readable ZIP archive that holds no Word main document part (the reason)."""


class WordParts(NamedTuple):
    """The root elements of a Word package's main document part and styles part."""

    document: Any
    styles: Any | None
    """``None`` when the package has no styles part."""


def parse_xml(data: bytes) -> Any:
    """One XML part as an element tree's root (raises lxml's ``XMLSyntaxError``)."""
    return etree.fromstring(data, _PARSER)


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """The targets of a part's relationships (``""``: the package's), by type,
    each as a part name inside the archive."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    try:
        root = parse_xml(archive.read(rels))
    except KeyError:
        return {}
    targets: dict[str, str] = {}
    for relation in root.iter(qn("pr:Relationship")):
        if relation.get("TargetMode") == "External":
            continue
        target = relation.get("Target", "")
        where = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        targets.setdefault(relation.get("Type", ""), posixpath.normpath(where))
    return targets


def _content_type(archive: zipfile.ZipFile, part: str) -> str | None:
    try:
        root = parse_xml(archive.read("[Content_Types].xml"))
    except KeyError:
        return None
    for override in root.iter(qn("ct:Override")):
        if override.get("PartName", "").lstrip("/") == part:
            kind: str | None = override.get("ContentType")
            return kind
    return None


def open_word_parts(data: bytes) -> WordParts:
    """The main document and styles of a ``.docx``'s bytes.

    Raises ``zipfile.BadZipFile`` (or ``zlib.error``, ``EOFError``) for an unreadable
    archive, ``NotWordPackage`` for an archive with no Word main document, and lxml's
    ``XMLSyntaxError`` (a ``SyntaxError``) for a broken part.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        main = _relationships(archive, "").get(OFFICE_DOCUMENT)
        if main is None or main not in archive.namelist():
            raise NotWordPackage("no Office Open XML document part")
        kind = _content_type(archive, main)
        if kind is not None and not any(word in kind for word in _WORD_TYPES):
            raise NotWordPackage(f"its main part is {kind}")
        document = parse_xml(archive.read(main))
        styles_part = _relationships(archive, main).get(STYLES)
        styles = None
        if styles_part is not None and styles_part in archive.namelist():
            styles = parse_xml(archive.read(styles_part))
    return WordParts(document, styles)
