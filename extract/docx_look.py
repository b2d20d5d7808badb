"""How a Word paragraph is printed: font size, weight and alignment (for the title).

A title is told from the lines around it by its look (issue 15): larger, bold,
centred. Word keeps the look in three places, most specific first: the run's own
properties (``w:rPr``), the paragraph's style and the styles it is based on
(``w:pStyle`` -> ``w:basedOn``), and the document defaults (``w:docDefaults``).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from qingdan.extract.grid import TextLine
from qingdan.extract.ooxml import qn

_OFF = {"0", "false", "off"}
_CENTRED = {"center", "centre", "distribute"}
_DEFAULT_SIZE = 10.5
"""Word's built-in body size (五号) when nothing in the file says otherwise."""


class _Look(NamedTuple):
    size: float | None = None
    bold: bool | None = None
    centered: bool | None = None

    def over(self, base: _Look) -> _Look:
        """This look, with what it leaves open taken from ``base``."""
        return _Look(
            self.size if self.size is not None else base.size,
            self.bold if self.bold is not None else base.bold,
            self.centered if self.centered is not None else base.centered,
        )


def _run_look(r_pr: Any) -> _Look:
    if r_pr is None:
        return _Look()
    size = r_pr.find(qn("w:sz"))
    bold = r_pr.find(qn("w:b"))
    value = None if size is None else size.get(qn("w:val"))
    return _Look(
        size=int(value) / 2 if value and value.isdigit() else None,
        bold=None if bold is None else bold.get(qn("w:val"), "true").lower() not in _OFF,
    )


def _paragraph_look(p_pr: Any) -> _Look:
    if p_pr is None:
        return _Look()
    jc = p_pr.find(qn("w:jc"))
    own = _Look(centered=None if jc is None else jc.get(qn("w:val")) in _CENTRED)
    return own.over(_run_look(p_pr.find(qn("w:rPr"))))


class StyleSheet:
    """The looks of a document's paragraph styles, resolved through ``w:basedOn``."""

    def __init__(self, styles_element: Any | None) -> None:
        self._styles: dict[str, Any] = {}
        self._default = _Look(_DEFAULT_SIZE, False, False)
        self._default_style: str | None = None
        if styles_element is None:
            return
        for style in styles_element.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id:
                self._styles[style_id] = style
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in {
                "1",
                "true",
            }:
                self._default_style = style_id
        defaults = styles_element.find(qn("w:docDefaults"))
        if defaults is not None:
            r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            self._default = _run_look(r_pr).over(self._default)

    def _style_look(self, style_id: str | None, depth: int = 0) -> _Look:
        style = self._styles.get(style_id or "")
        if style is None or depth > 10:
            return self._default
        based = style.find(qn("w:basedOn"))
        base = self._style_look(None if based is None else based.get(qn("w:val")), depth + 1)
        own = _paragraph_look(style.find(qn("w:pPr"))).over(_run_look(style.find(qn("w:rPr"))))
        return own.over(base)

    def line(self, paragraph: Any, text: str) -> TextLine:
        """A paragraph line of ``text`` with the paragraph's look.

        The size is the largest run size; the paragraph is bold when every run with
        text is bold.
        """
        p_pr = paragraph.find(qn("w:pPr"))
        style = None if p_pr is None else p_pr.find(qn("w:pStyle"))
        style_id = self._default_style if style is None else style.get(qn("w:val"))
        paragraph_look = _paragraph_look(p_pr).over(self._style_look(style_id))
        runs = [
            _run_look(run.find(qn("w:rPr"))).over(paragraph_look)
            for run in paragraph.iter(qn("w:r"))
            if any((t.text or "").strip() for t in run.iter(qn("w:t")))
        ] or [paragraph_look]
        sizes = [run.size for run in runs if run.size is not None]
        return TextLine(
            text=text,
            size=max(sizes) if sizes else None,
            bold=all(bool(run.bold) for run in runs),
            centered=bool(paragraph_look.centered),
        )
