"""Renderings of a generated list: a registry of formats, each writing files from a spec.

A rendering is a name (``docx-merged``, ``pdf-table-per-page``, ``txt`` …), the suffix
of the file it writes, and a writer. Writers that need LibreOffice are *printed*: the
generator collects their Word sources and prints them in batches (``print_pdfs``), one
LibreOffice run per batch. A new input format is one more entry here.

``RENDERINGS`` write a table ``Spec``; ``PARAGRAPH_RENDERINGS`` write a list printed as
numbered paragraphs (its lines, one paragraph each), as the real-shapes corpus
(``corpus.real``) needs for lists published inside a notice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from corpus import producers
from corpus.scan import DEGRADATIONS, Degradation, scan_pdf
from corpus.sheet import ABOVE, DOCX_VARIANTS, Spec, render_txt, write_docx
from samples.render_forms import write_html, write_lines_docx, write_xlsx

Source = TypeVar("Source")
"""What a rendering writes from: a table ``Spec`` or a list's paragraph lines."""


@dataclass(frozen=True)
class Rendering(Generic[Source]):
    """One way to publish a list."""

    name: str
    suffix: str
    write: Callable[[Source, Path], None]
    """Writes the file itself, or (for printed renderings) the Word file to print."""
    printed: bool = False
    """True when ``write`` gives a DOCX that LibreOffice must print to the target."""
    program: str | None = None
    """The program ``write`` runs itself (a browser, Calc, pdftocairo), if any."""
    finish: Callable[[Path], None] | None = None
    """Applied to the printed file in place (a scan replaces its pages with images)."""

    def file_name(self, stem: str) -> str:
        """The rendering's file name for a list named ``stem``."""
        variant = self.name.split("-", 1)[1] if "-" in self.name else ""
        return f"{stem}_{variant}{self.suffix}" if variant else f"{stem}{self.suffix}"


def _docx(variant: str) -> Callable[[Spec, Path], None]:
    def write(spec: Spec, target: Path) -> None:
        write_docx(spec, variant, target)

    return write


def _scanned(how: Degradation) -> Callable[[Path], None]:
    def finish(target: Path) -> None:
        scan_pdf(target, how)

    return finish


def finish_printed(printed: Iterable[tuple[Rendering[Any], Path]]) -> None:
    """Apply each printed rendering's ``finish`` to the file LibreOffice printed."""
    for rendering, target in printed:
        if rendering.finish is not None:
            rendering.finish(target)


def _txt(spec: Spec, target: Path) -> None:
    target.write_text(render_txt(spec), encoding="utf-8")


def _lines_txt(lines: list[str], target: Path) -> None:
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


RENDERINGS: dict[str, Rendering[Spec]] = {
    **{f"docx-{v}": Rendering(f"docx-{v}", ".docx", _docx(v)) for v in DOCX_VARIANTS},
    **{
        f"pdf-{v}": Rendering(f"pdf-{v}", ".pdf", _docx(v), printed=True)
        for v in ("merged", "table-per-page")
    },
    "txt": Rendering("txt", ".txt", _txt),
    "html-merged": Rendering("html-merged", ".html", write_html),
    "xlsx-merged": Rendering("xlsx-merged", ".xlsx", write_xlsx),
    **{
        how.name: Rendering(how.name, ".pdf", _docx("merged"), printed=True, finish=_scanned(how))
        for how in DEGRADATIONS
    },
    # Other programs' PDFs and Word 97 files (issue 27), one program run per file.
    "pdf-chromium": Rendering("pdf-chromium", ".pdf", producers.print_html, program="chromium"),
    "pdf-chromium-whole": Rendering(
        "pdf-chromium-whole", ".pdf", producers.print_html_whole, program="chromium"
    ),
    "pdf-calc": Rendering("pdf-calc", ".pdf", producers.print_xlsx, program="soffice"),
    "pdf-cairo": Rendering("pdf-cairo", ".pdf", producers.rewrite_cairo, program="pdftocairo"),
    "doc": Rendering("doc", ".doc", producers.save_doc, program="soffice"),
}
"""Rendering name -> how to write a table spec (the generator draws from the first five;
the ``scan-*`` ones, a merged-table print turned into page images, are asked for by name)."""

SCAN_RENDERINGS = [how.name for how in DEGRADATIONS]
"""The scan producers, as ``make fidelity-scan`` runs them."""

PARAGRAPH_RENDERINGS: dict[str, Rendering[list[str]]] = {
    "docx-paragraphs": Rendering("docx-paragraphs", ".docx", write_lines_docx),
    "pdf-paragraphs": Rendering("pdf-paragraphs", ".pdf", write_lines_docx, printed=True),
    "txt-paragraphs": Rendering("txt-paragraphs", ".txt", _lines_txt),
}
"""Rendering name -> how to write a list's paragraph lines (one paragraph per line)."""


def blank_allowed(spec: Spec, mergeable: set[int]) -> bool:
    """Whether ``docx-blank`` keeps the truth: only grouping columns may be covered.

    A blank cell under a category is read as the category carried down, but a blank
    序号 or responsibility cell is really empty, so those columns must not be merged.
    """
    return all(
        cell != ABOVE or col in mergeable for row in spec.rows for col, cell in enumerate(row)
    )
