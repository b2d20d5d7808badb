"""The web pages (in Chinese, rendered on the server): the list with uploads, a
document's review page, and the comparison of two documents."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from qingdan.serve.api import service_of
from qingdan.serve.storage import Status
from qingdan.serve.views import document_summary, grid, record_views

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

STATUS_LABELS = {Status.QUEUED: "转换中", Status.DONE: "已转换", Status.FAILED: "失败"}
FIELD_LABELS = {
    "measure": "工作措施",
    "lead": "牵头单位",
    "support": "配合单位",
    "deadline": "完成时限",
    "category": "类别",
    "section": "分组",
    "no": "序号",
    "due": "到期日",
    "due_kind": "期限类型",
    "extra": "其他列",
}


ROLE_LABELS = {
    "section": "分组",
    "category": "类别",
    "no": "序号",
    "measure": "工作措施",
    "detail": "细化任务（其他列）",
    "problem": "存在问题（其他列）",
    "lead": "牵头单位",
    "support": "配合单位",
    "responsible": "责任单位（按文字分牵头、配合）",
    "deadline": "完成时限",
    "people": "责任人（其他列）",
    "note": "备注（其他列）",
    "target": "目标（其他列）",
    "progress": "进展（其他列）",
    "rate": "完成率（其他列）",
    "outcome": "成果（其他列）",
    "attribute": "属性（其他列）",
    "place": "地点、对象（其他列）",
    "other": "其他列",
}
"""Column role (``normalize.roles.Role``) -> how the column-override form names it."""


def chinese_date(value: str | date | datetime | None) -> str:
    """A date as a person writes it: 2024年6月30日 (an empty text for none)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    day = value.date() if isinstance(value, datetime) else value
    return f"{day.year}年{day.month}月{day.day}日"


templates.env.filters["chinese_date"] = chinese_date
templates.env.globals["STATUS_LABELS"] = STATUS_LABELS
templates.env.globals["FIELD_LABELS"] = FIELD_LABELS
templates.env.globals["ROLE_LABELS"] = ROLE_LABELS


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """Every upload, and the place to drop new ones."""
    service = service_of(request)
    uploads = [document_summary(service, upload.id) for upload in service.storage.uploads()]
    return templates.TemplateResponse(request, "index.html", {"uploads": uploads})


@router.get("/documents/{upload}", response_class=HTMLResponse)
def document_page(request: Request, upload: int) -> HTMLResponse:
    """One document: its records beside the page image or the rebuilt grid; review."""
    service = service_of(request)
    summary = document_summary(service, upload, whole=True)
    context: dict[str, Any] = {"doc": summary, "records": [], "grid": [], "data": "[]"}
    if summary["status"] == Status.DONE:
        records = record_views(service, upload)
        context["records"] = records
        context["data"] = json.dumps(records, ensure_ascii=False).replace("</", "<\\/")
        if not summary["pages"]:
            context["grid"] = grid(service, upload)
    return templates.TemplateResponse(request, "document.html", context)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, old: int | None = None, new: int | None = None) -> HTMLResponse:
    """Choose two converted documents and see what changed from one to the other."""
    service = service_of(request)
    done = [
        document_summary(service, upload.id)
        for upload in service.storage.uploads()
        if upload.status == Status.DONE
    ]
    context = {"documents": done, "old": old, "new": new}
    return templates.TemplateResponse(request, "compare.html", context)
