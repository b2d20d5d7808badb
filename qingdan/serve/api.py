"""The HTTP API (``/api/…``): upload, status, records, edits, lessons, export, diff, pages.

Each route calls one ``Service`` method; errors become one-line Chinese messages in
``{"detail": …}`` with a fitting status (404 unknown, 409 not converted yet, 413 too
large, 415 not an attachment, 422 an edit that gives no valid record).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Body, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from qingdan.normalize.roles import Role
from qingdan.serve.service import Service
from qingdan.serve.views import (
    ExportFormat,
    diff_bytes,
    document_summary,
    export_bytes,
    page_png,
    record_views,
)

router = APIRouter(prefix="/api")


def service_of(request: Request) -> Service:
    """The server's ``Service`` (set up by ``create_app``)."""
    service: Service = request.app.state.service
    return service


class AliasIn(BaseModel):
    """ "This name is that unit"."""

    variant: str
    canonical: str


class OverrideIn(BaseModel):
    """ "This column is ROLE", for documents whose header is the given document's."""

    document: int
    label: str
    role: Role


async def _read_limited(file: UploadFile, limit: int) -> bytes:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"{file.filename}：文件超过上限 {limit // (1024 * 1024)} MB")
    return data


@router.post("/documents", status_code=202)
async def upload_documents(
    request: Request,
    files: Annotated[list[UploadFile], File(description="one or more attachments")],
    wait: Annotated[bool, Query(description="answer when the conversions are done")] = False,
) -> list[dict[str, Any]]:
    """Upload attachments (multipart form, field ``files``); each is converted in a
    worker process. Nothing is stored when a file is too large or not an attachment."""
    service = service_of(request)
    for file in files:
        if not service.accepts(file.filename or ""):
            raise HTTPException(415, f"{file.filename}：不支持的文件类型")
    contents = [
        (file.filename or "attachment", await _read_limited(file, service.max_upload_bytes))
        for file in files
    ]
    # Storing and waiting block: in the thread pool, so the server keeps answering.
    ids = [await run_in_threadpool(service.add, name, data) for name, data in contents]
    if wait:
        for upload in ids:
            await run_in_threadpool(service.converter.wait, upload, 600)
    return [document_summary(service, upload) for upload in ids]


@router.get("/documents")
def list_documents(request: Request) -> list[dict[str, Any]]:
    """Every upload: status, record count, warning count."""
    service = service_of(request)
    return [document_summary(service, upload.id) for upload in service.storage.uploads()]


@router.get("/documents/{upload}")
def get_document(request: Request, upload: int) -> dict[str, Any]:
    """One upload: status, the reason it failed, the document's facts, warnings, notes."""
    return document_summary(service_of(request), upload, whole=True)


@router.get("/documents/{upload}/records")
def get_records(request: Request, upload: int) -> list[dict[str, Any]]:
    """The reviewed records, each with its source ``cells``, ``accepted``, ``edited``
    and its ``warnings``; the records needing a look first."""
    return record_views(service_of(request), upload)


@router.patch("/documents/{upload}/records/{seq}")
def patch_record(
    request: Request, upload: int, seq: int, changes: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    """Edit fields of a record (validated like any record); each change is audited."""
    return service_of(request).edit(upload, seq, changes).model_dump(mode="json")


@router.post("/documents/{upload}/records/{seq}/accept")
def accept_record(request: Request, upload: int, seq: int) -> dict[str, Any]:
    """Mark a record accepted by a person."""
    service_of(request).accept(upload, seq)
    return {"document": upload, "seq": seq, "accepted": True}


@router.get("/documents/{upload}/edits")
def get_edits(request: Request, upload: int) -> list[dict[str, Any]]:
    """The audit: every edit (record, field, old, new, when), oldest first."""
    service = service_of(request)
    service.upload(upload)
    return [
        {"seq": e.seq, "field": e.field, "old": e.old, "new": e.new, "at": e.at.isoformat()}
        for e in service.storage.edits(upload)
    ]


@router.post("/aliases", status_code=201)
def save_alias(request: Request, alias: AliasIn) -> dict[str, str]:
    """Save "this name is that unit": later conversions read the name as that unit."""
    variant, canonical = alias.variant.strip(), alias.canonical.strip()
    if not variant or not canonical:
        raise HTTPException(422, "别名和单位名称都不能为空")
    service_of(request).storage.save_alias(variant, canonical)
    return {"variant": variant, "canonical": canonical}


@router.get("/aliases")
def list_aliases(request: Request) -> dict[str, str]:
    """Every saved alias, variant -> canonical."""
    return service_of(request).storage.aliases()


@router.post("/column-overrides", status_code=201)
def save_override(request: Request, override: OverrideIn) -> dict[str, str]:
    """Save "this column is ROLE" for documents with the same header as ``document``."""
    role = override.role.value
    header = service_of(request).override_column(override.document, override.label, role)
    return {"header": header, "label": override.label, "role": role}


@router.get("/column-overrides")
def list_overrides(request: Request) -> dict[str, dict[str, str]]:
    """Every saved column override: header -> label -> role."""
    return service_of(request).storage.overrides()


@router.get("/documents/{upload}/export")
def export(request: Request, upload: int, format: Annotated[str, Query()] = "xlsx") -> Response:
    """The reviewed records as XLSX, CSV or JSON."""
    service = service_of(request)
    try:
        fmt = ExportFormat(format)
    except ValueError as error:
        raise HTTPException(422, f"不支持的导出格式 {format}：可选 xlsx、csv、json") from error
    data, media = export_bytes(service, upload, fmt)
    name = f"{service.upload(upload).file.rsplit('.', 1)[0]}.reviewed.{fmt.value}"
    disposition = f"attachment; filename=\"export.{fmt.value}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media, headers={"Content-Disposition": disposition})


@router.get("/diff")
def diff(
    request: Request,
    old: Annotated[int, Query()],
    new: Annotated[int, Query()],
    format: Annotated[str, Query()] = "json",
) -> Response:
    """The year-over-year diff of two reviewed documents (JSON or HTML)."""
    try:
        data, media = diff_bytes(service_of(request), old, new, format)
    except ValueError as error:
        raise HTTPException(422, str(error)) from error
    return Response(data, media_type=media)


@router.get("/documents/{upload}/pages/{page}.png")
def page_image(request: Request, upload: int, page: int) -> Response:
    """A PDF page of the upload, rendered by PDFium."""
    return Response(page_png(service_of(request), upload, page), media_type="image/png")
