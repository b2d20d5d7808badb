"""What the API and the pages show of an upload: summaries, reviewed records, exports,
the diff, PDF pages and rebuilt grids (plain data, the same for JSON and HTML)."""

from __future__ import annotations

import io
from enum import StrEnum
from typing import Any

from qingdan.extract import read_document
from qingdan.extract.grid import LOW_CONFIDENCE
from qingdan.serve.provenance import GridCell, rebuilt_grid
from qingdan.serve.service import NotFound, Service
from qingdan.serve.storage import Upload
from qingdan.writers import OutputFormat, render


class ExportFormat(StrEnum):
    """What the reviewed records export as."""

    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"


MEDIA = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.JSON: "application/json",
}

PAGE_SCALE = 2.0
"""Pixels per PDF point of a rendered page (144 dpi: sharp on a laptop screen)."""


def document_summary(service: Service, upload: int, whole: bool = False) -> dict[str, Any]:
    """An upload's status and counts; with ``whole``, its warnings, notes and pages too."""
    found = service.upload(upload)
    summary: dict[str, Any] = {
        "id": found.id,
        "file": found.file,
        "status": found.status,
        "reason": found.reason,
        "uploaded_at": found.uploaded_at.isoformat(),
        "records": None,
        "warnings": None,
        "title": None,
        "year": None,
        "format": None,
    }
    document = found.document
    if document is not None:
        summary.update(
            records=len(document.records),
            warnings=len(document.warnings),
            title=document.document.title,
            year=document.document.year,
            format=document.document.format,
        )
    if whole:
        summary.update(_details(service, found))
    return summary


def _details(service: Service, found: Upload) -> dict[str, Any]:
    document = found.document
    if document is None:
        return {"warning_list": [], "notes": found.notes, "columns": [], "pages": []}
    return {
        "warning_list": [w.model_dump(mode="json") for w in document.warnings],
        "notes": found.notes,
        "columns": [c.label for c in document.document.columns],
        "pages": pdf_pages(found) if document.document.format == "pdf" else [],
        "accepted": sorted(service.storage.accepted(found.id)),
        "edits": len(service.storage.edits(found.id)),
    }


def pdf_pages(found: Upload) -> list[dict[str, float]]:
    """Each page's size in PDF points (for placing boxes on its image)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(found.stored))
    try:
        sizes = [pdf[index].get_size() for index in range(len(pdf))]
    finally:
        pdf.close()
    return [{"page": n + 1, "width": w, "height": h} for n, (w, h) in enumerate(sizes)]


def record_views(service: Service, upload: int) -> list[dict[str, Any]]:
    """The reviewed records with their cells, warnings and review state: those with a
    warning or low OCR confidence and not yet accepted first, then in order."""
    document = service.document(upload)
    accepted = service.storage.accepted(upload)
    edited: dict[int, list[str]] = {}
    for edit in service.storage.edits(upload):
        edited.setdefault(edit.seq, []).append(edit.field)
    warnings: dict[int, list[str]] = {}
    for warning in document.warnings:
        if warning.row is not None:
            warnings.setdefault(warning.row, []).append(warning.message)
    views = []
    for record in document.records:
        low = record.confidence is not None and record.confidence < LOW_CONFIDENCE
        views.append(
            {
                **record.model_dump(mode="json"),
                "warnings": warnings.get(record.seq, []),
                "accepted": record.seq in accepted,
                "edited": sorted(set(edited.get(record.seq, []))),
                "needs_look": bool(warnings.get(record.seq) or low) and record.seq not in accepted,
            }
        )
    return sorted(views, key=lambda view: (not view["needs_look"], view["seq"]))


def export_bytes(service: Service, upload: int, fmt: ExportFormat) -> tuple[bytes, str]:
    """The reviewed document in an export format, and its media type."""
    return render(service.document(upload), OutputFormat(fmt.value)), MEDIA[fmt]


def diff_bytes(service: Service, old: int, new: int, fmt: str) -> tuple[bytes, str]:
    """The diff of two reviewed documents (``json`` or ``html``), and its media type."""
    from qingdan.diff import compare
    from qingdan.diff.render import DiffFormat, render_report

    kinds = {"json": "application/json", "html": "text/html; charset=utf-8"}
    if fmt not in kinds:
        raise ValueError(f"不支持的比对格式 {fmt}：可选 json、html")
    report = compare(service.document(old), service.document(new))
    return render_report(report, DiffFormat(fmt)), kinds[fmt]


def page_png(service: Service, upload: int, page: int) -> bytes:
    """Page ``page`` (1-based) of an uploaded PDF as a PNG image."""
    import pypdfium2 as pdfium

    found, document = service.original(upload)
    if document.document.format != "pdf":
        raise NotFound(None, f"{found.file} 不是 PDF：没有页面图像")
    pdf = pdfium.PdfDocument(str(found.stored))
    try:
        if not 1 <= page <= len(pdf):
            raise NotFound(None, f"{found.file} 没有第{page}页")
        image = pdf[page - 1].render(scale=PAGE_SCALE).to_pil()
    finally:
        pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def grid(service: Service, upload: int) -> list[list[list[GridCell]]]:
    """The upload's tables rebuilt as grids (what a DOCX, HTML or workbook printed)."""
    found, _ = service.original(upload)
    return rebuilt_grid(read_document(found.stored))
