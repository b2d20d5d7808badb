"""The HTTP API of ``qingdan serve``: every endpoint, driven by FastAPI's TestClient."""

from __future__ import annotations

import io
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
from fastapi.testclient import TestClient

from tests.conftest import SAMPLES
from tests.qingdan.bad_inputs import zip_bomb
from tests.qingdan.serve.conftest import DOCX_2019, PDF_2019, TEXT_2020, upload


def _records(client: TestClient, upload_id: object) -> dict[int, dict[str, object]]:
    response = client.get(f"/api/documents/{upload_id}/records")
    assert response.status_code == 200, response.text
    return {record["seq"]: record for record in response.json()}


def test_upload_converts_each_file_and_lists_it(client: TestClient) -> None:
    docx, pdf = upload(client, DOCX_2019, PDF_2019)
    for summary, kind in ((docx, "docx"), (pdf, "pdf")):
        assert summary["status"] == "done"
        assert summary["records"] == 15
        assert summary["format"] == kind
        assert summary["title"] == "新城区净土保卫战2019年工作任务清单"
    listed = {item["id"]: item for item in client.get("/api/documents").json()}
    assert {docx["id"], pdf["id"]} <= set(listed)
    whole = client.get(f"/api/documents/{pdf['id']}").json()
    assert whole["pages"][0]["page"] == 1 and whole["pages"][0]["width"] > 500
    assert "完成时限" in whole["columns"]


def test_records_carry_their_source_cells(client: TestClient) -> None:
    docx, pdf = upload(client, DOCX_2019, PDF_2019)
    from_grid = _records(client, docx["id"])[1]["cells"]
    measure = next(cell for cell in from_grid if cell["field"] == "measure")  # type: ignore[union-attr]
    assert (measure["table"], measure["row"], measure["column"]) == (0, 1, 1)
    lead = next(cell for cell in from_grid if cell["field"] == "lead")  # type: ignore[union-attr]
    assert (lead["row"], lead["column"]) == (1, 2)
    on_page = _records(client, pdf["id"])
    first, second = (
        next(c for c in on_page[seq]["cells"] if c["field"] == "measure")  # type: ignore[union-attr]
        for seq in (1, 2)
    )
    assert first["page"] == 1 and (first["table"], first["row"], first["column"]) == (0, 1, 1)
    # PDF points from the page's top: the second task is printed below the first.
    assert second["box"][1] >= first["box"][3]


def test_edit_is_validated_audited_and_never_overwrites_the_original(client: TestClient) -> None:
    (docx,) = upload(client, DOCX_2019)
    url = f"/api/documents/{docx['id']}/records/3"
    before = _records(client, docx["id"])[3]
    edited = client.patch(url, json={"lead": ["区住房和城乡建设局"], "deadline": "2019年6月底前"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["lead"] == ["区住房和城乡建设局"]
    assert edited.json()["due"] == "2019-06-30"
    refused = client.patch(url, json={"due": "明年"})
    assert refused.status_code == 422 and "due" in refused.json()["detail"]
    assert client.patch(url, json={"seq": 9}).status_code == 422
    audit = client.get(f"/api/documents/{docx['id']}/edits").json()
    first = audit[0]
    assert (first["seq"], first["field"], first["old"], first["new"]) == (
        3,
        "lead",
        before["lead"],
        ["区住房和城乡建设局"],
    )
    assert {e["field"] for e in audit} == {"lead", "deadline"}
    service = client.app.state.service  # type: ignore[attr-defined]
    original = service.upload(docx["id"]).document.records[2]
    assert list(original.lead) == before["lead"]
    assert _records(client, docx["id"])[3]["edited"] == ["deadline", "lead"]


def test_accept_marks_the_record_and_records_needing_a_look_come_first(
    client: TestClient,
) -> None:
    (docx,) = upload(client, DOCX_2019)
    answer = client.post(f"/api/documents/{docx['id']}/records/2/accept")
    assert answer.json() == {"document": docx["id"], "seq": 2, "accepted": True}
    records = client.get(f"/api/documents/{docx['id']}/records").json()
    assert next(r for r in records if r["seq"] == 2)["accepted"] is True
    looks = [r["needs_look"] for r in records]
    assert looks == sorted(looks, reverse=True)
    assert client.post(f"/api/documents/{docx['id']}/records/99/accept").status_code == 404


def test_saved_alias_is_used_by_the_next_conversion_which_says_so(client: TestClient) -> None:
    saved = client.post(
        "/api/aliases", json={"variant": "区住建局", "canonical": "区住房和城乡建设局"}
    )
    assert saved.status_code == 201
    assert client.get("/api/aliases").json()["区住建局"] == "区住房和城乡建设局"
    assert client.post("/api/aliases", json={"variant": " ", "canonical": "x"}).status_code == 422
    (next_year,) = upload(client, TEXT_2020)
    whole = client.get(f"/api/documents/{next_year['id']}").json()
    assert any("「区住建局」即「区住房和城乡建设局」" in note for note in whole["notes"])
    record = _records(client, next_year["id"])[2]
    at = record["support"].index("区住建局")  # type: ignore[union-attr]
    assert record["support_canonical"][at] == "区住房和城乡建设局"  # type: ignore[index]


def test_column_override_applies_to_documents_with_the_same_header(client: TestClient) -> None:
    (first,) = upload(client, TEXT_2020)
    saved = client.post(
        "/api/column-overrides", json={"document": first["id"], "label": "完成时限", "role": "note"}
    )
    assert saved.status_code == 201, saved.text
    assert saved.json()["role"] == "note"
    bad_role = {"document": first["id"], "label": "完成时限", "role": "boss"}
    assert client.post("/api/column-overrides", json=bad_role).status_code == 422
    no_label = {"document": first["id"], "label": "不存在", "role": "note"}
    assert client.post("/api/column-overrides", json=no_label).status_code == 404
    (again,) = upload(client, TEXT_2020)
    whole = client.get(f"/api/documents/{again['id']}").json()
    assert any("「完成时限」列读作 note" in note for note in whole["notes"])
    record = _records(client, again["id"])[1]
    assert record["deadline"] is None and record["extra"]["完成时限"] == "2020年12月"  # type: ignore[index]
    (other,) = upload(client, SAMPLES / "001_yunxi_air_2019.txt")  # another header: untouched
    assert _records(client, other["id"])[1]["deadline"] == "2019年10月底前"
    assert "完成时限" in client.get("/api/column-overrides").json()[saved.json()["header"]]


def test_export_holds_the_reviewed_records(client: TestClient) -> None:
    (docx,) = upload(client, DOCX_2019)
    client.patch(f"/api/documents/{docx['id']}/records/1", json={"lead": ["区审阅更正局"]})
    xlsx = client.get(f"/api/documents/{docx['id']}/export?format=xlsx")
    assert xlsx.status_code == 200
    assert "reviewed.xlsx" in xlsx.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    cells = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row]
    assert any("区审阅更正局" in value for value in cells)
    csv = client.get(f"/api/documents/{docx['id']}/export?format=csv")
    assert "区审阅更正局" in csv.content.decode("utf-8-sig")
    data = json.loads(client.get(f"/api/documents/{docx['id']}/export?format=json").content)
    assert data["records"][0]["lead"] == ["区审阅更正局"]
    assert client.get(f"/api/documents/{docx['id']}/export?format=pdf").status_code == 422


def test_diff_of_two_documents(client: TestClient) -> None:
    old, new = upload(client, DOCX_2019, TEXT_2020)
    report = client.get(f"/api/diff?old={old['id']}&new={new['id']}")
    assert report.status_code == 200
    summary = report.json()["summary"]
    assert sum(summary.values()) >= 15
    page = client.get(f"/api/diff?old={old['id']}&new={new['id']}&format=html")
    assert page.headers["content-type"].startswith("text/html") and "<table" in page.text
    assert client.get(f"/api/diff?old={old['id']}&new={new['id']}&format=x").status_code == 422


def test_pdf_pages_are_images_and_other_formats_have_none(client: TestClient) -> None:
    docx, pdf = upload(client, DOCX_2019, PDF_2019)
    image = client.get(f"/api/documents/{pdf['id']}/pages/1.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert client.get(f"/api/documents/{pdf['id']}/pages/9.png").status_code == 404
    assert client.get(f"/api/documents/{docx['id']}/pages/1.png").status_code == 404


def test_unknown_and_unfinished_documents(client: TestClient) -> None:
    assert client.get("/api/documents/9999").status_code == 404
    assert client.get("/api/documents/9999/records").status_code == 404
    broken = client.post(
        "/api/documents?wait=true", files=[("files", ("broken.pdf", b"%PDF-1.4 not really"))]
    ).json()[0]
    assert broken["status"] == "failed"
    assert _in_chinese(broken["reason"]), broken["reason"]  # the reasons catalogue's sentence
    answer = client.get(f"/api/documents/{broken['id']}/records")
    assert answer.status_code == 409 and "转换失败" in answer.json()["detail"]


def test_hostile_file_fails_its_upload_and_the_server_goes_on(client: TestClient) -> None:
    files = [
        ("files", ("bomb.docx", zip_bomb())),
        ("files", (DOCX_2019.name, DOCX_2019.read_bytes())),
    ]
    bomb, good = client.post("/api/documents?wait=true", files=files).json()
    assert bomb["status"] == "failed" and _in_chinese(bomb["reason"]), bomb["reason"]
    assert good["status"] == "done"
    assert client.get("/api/documents").status_code == 200


def test_concurrent_uploads(client: TestClient) -> None:
    paths = [DOCX_2019, PDF_2019, TEXT_2020, DOCX_2019]
    with ThreadPoolExecutor(len(paths)) as pool:
        answers = list(pool.map(lambda path: upload(client, path)[0], paths))
    assert len({answer["id"] for answer in answers}) == len(paths)
    assert all(answer["status"] == "done" for answer in answers), answers
    assert [answer["records"] for answer in answers] == [15, 15, 15, 15]


def test_upload_limits(tmp_path: Path) -> None:
    from tests.qingdan.serve.conftest import make_client

    with make_client(tmp_path, max_upload_mb=1) as small:
        big = small.post("/api/documents", files=[("files", ("big.txt", b"x" * (1024 * 1024 + 1)))])
        assert big.status_code == 413 and "big.txt" in big.json()["detail"]
        odd = small.post("/api/documents", files=[("files", ("list.exe", b"MZ"))])
        assert odd.status_code == 415
        assert small.get("/api/documents").json() == []


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/documents",
        "/api/documents/{upload}",
        "/api/documents/{upload}/records",
        "/api/documents/{upload}/records/{seq}",
        "/api/documents/{upload}/records/{seq}/accept",
        "/api/documents/{upload}/edits",
        "/api/aliases",
        "/api/column-overrides",
        "/api/documents/{upload}/export",
        "/api/diff",
        "/api/documents/{upload}/pages/{page}.png",
    ):
        assert path in paths
    assert "multipart/form-data" in paths["/api/documents"]["post"]["requestBody"]["content"]


def test_folders_given_at_start_are_converted_once(tmp_path: Path) -> None:
    from qingdan.serve.app import create_app
    from qingdan.serve.service import ServeConfig

    folder = tmp_path / "attachments"
    folder.mkdir()
    (folder / TEXT_2020.name).write_bytes(TEXT_2020.read_bytes())
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not an attachment: left
    config = ServeConfig(data_dir=tmp_path / "data")
    for _start in range(2):  # a restart on the same folder adds nothing
        with TestClient(create_app(config, [folder])) as client:
            client.app.state.service.converter.wait(1, timeout=120)  # type: ignore[attr-defined]
            listed = client.get("/api/documents").json()
    assert [(d["file"], d["status"]) for d in listed] == [(TEXT_2020.name, "done")]


def _in_chinese(reason: str) -> bool:
    """A person reads the reason: it says what happened in Chinese, not English."""
    return any("\u4e00" <= char <= "\u9fff" for char in reason) and not reason.startswith(
        ("not ", "Not ", "internal error")
    )


def test_a_file_uploaded_again_is_not_rewritten_under_its_conversion(client: TestClient) -> None:
    # Two uploads of one file at once: the second rewrote the stored file while the
    # first one's conversion read it, which then failed as an empty file.
    (first,) = upload(client, TEXT_2020)
    service = client.app.state.service  # type: ignore[attr-defined]
    stored = service.upload(first["id"]).stored
    os.utime(stored, ns=(10**9, 10**9))
    (again,) = upload(client, TEXT_2020)
    assert again["status"] == "done" and service.upload(again["id"]).stored == stored
    assert stored.stat().st_mtime_ns == 10**9
    assert [p.name for p in stored.parent.iterdir()] == [TEXT_2020.name]  # no temporary left
