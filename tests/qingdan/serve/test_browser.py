"""The review in a real headless Chromium (Debian's, driven by Playwright): upload a
DOCX and a PDF, see the records, click one and see its cell highlighted, fix a unit,
accept, export XLSX and find the fix in it, then convert next year's list and see the
alias applied (issue 28's Done-when scenario), with a column override saved on the way."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from playwright.sync_api import Browser, Page, Route, expect

from tests.conftest import SAMPLES
from tests.qingdan.serve.conftest import DOCX_2019, PDF_2019, LiveServer

NEXT_YEAR = SAMPLES / "001_xincheng_2020_merged.docx"


def _upload(page: Page, server: LiveServer, *paths: Path) -> None:
    page.goto(server.url + "/")
    with page.expect_navigation(timeout=90_000):  # the list reloads once all are converted
        page.set_input_files("#files", [str(path) for path in paths])
    for path in paths:
        row = page.locator("#uploads tr", has_text=path.name).first
        expect(row).to_contain_text("已转换")


def _open(page: Page, name: str) -> None:
    page.locator("#uploads a", has_text=name).first.click()
    expect(page.locator("#records")).to_be_visible()


def _measure_box(pdf: Path, seq: int) -> tuple[float, float]:
    """The left and top of record ``seq``'s measure cell, as shares of its page's size."""
    import pypdfium2 as pdfium

    import qingdan

    record = qingdan.convert(pdf).records[seq - 1]
    cell = next(c for c in record.cells if c.field == "measure")
    assert cell.page is not None and cell.box is not None
    document = pdfium.PdfDocument(str(pdf))
    try:
        width, height = document[cell.page - 1].get_size()
    finally:
        document.close()
    return cell.box[0] / width, cell.box[1] / height


def test_review_scenario(browser: Browser, live_server: LiveServer, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    _upload(page, live_server, DOCX_2019, PDF_2019)
    expect(page.locator("#uploads")).to_contain_text("新城区净土保卫战2019年工作任务清单")

    # The PDF: a record's cells are boxes on the page image, inside the page.
    _open(page, PDF_2019.name)
    expect(page.locator("#records tbody tr")).to_have_count(15)
    page.locator('#records tr[data-seq="2"]').click()
    measure = page.locator("#page-1 .hl-measure")
    expect(measure).to_have_count(1)
    page.wait_for_function("document.querySelector('#page-1 img').naturalWidth > 0")
    box, image = measure.bounding_box(), page.locator("#page-1 img").bounding_box()
    assert box is not None and image is not None
    assert image["x"] <= box["x"] and box["x"] + box["width"] <= image["x"] + image["width"]
    assert image["y"] < box["y"] < image["y"] + image["height"] / 2
    # Exactly where the record says its measure was printed (its own cells, issue 28).
    cell = _measure_box(PDF_2019, 2)
    left, top = (box["x"] - image["x"]) / image["width"], (box["y"] - image["y"]) / image["height"]
    assert abs(left - cell[0]) < 0.005 and abs(top - cell[1]) < 0.005

    # The DOCX: the record's cell is highlighted in the rebuilt grid.
    page.goto(live_server.url + "/")
    _open(page, DOCX_2019.name)
    page.locator('#records tr[data-seq="5"]').click()
    expect(page.locator("table.grid td.hl", has_text="区住建局")).to_have_count(1)
    expect(page.locator("table.grid td.hl", has_text="完善土壤环境质量")).to_have_count(0)

    # Fix a unit (remembered as an alias), then accept the record.
    page.fill(
        "#editor input[name=support]",
        "区住房和城乡建设局、规划新城分局、国土新城分局、各街道办事处",
    )
    with page.expect_navigation():
        page.click("#save")
    row = page.locator('#records tr[data-seq="5"]')
    expect(row.locator("td.support")).to_contain_text("区住房和城乡建设局")
    expect(row.locator("td.state")).to_contain_text("已修改")
    row.click()
    with page.expect_navigation():
        page.click("#accept")
    expect(page.locator('#records tr[data-seq="5"] td.state')).to_contain_text("已确认")

    # "This column is …": saved for documents with the same header.
    page.click("#column-override summary")
    page.select_option("#override select[name=label]", "完成时限")
    page.select_option("#override select[name=role]", "note")
    page.click("#override button")
    expect(page.locator("#override-status")).to_contain_text("已保存")

    # Export XLSX: the fix is in the workbook.
    with page.expect_download() as download:
        page.click("#export-xlsx")
    saved = tmp_path / "reviewed.xlsx"
    download.value.save_as(saved)
    book = openpyxl.load_workbook(saved)
    texts = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row]
    assert any("区住房和城乡建设局" in text for text in texts)

    # Next year's list: the saved alias is applied, and the page says so.
    _upload(page, live_server, NEXT_YEAR)
    _open(page, NEXT_YEAR.name)
    expect(page.locator("#notes")).to_contain_text("「区住建局」即「区住房和城乡建设局」")
    expect(page.locator("#notes")).to_contain_text("「完成时限」列读作 note")
    assert errors == []


def test_the_api_page_renders_with_no_other_host(browser: Browser, live_server: LiveServer) -> None:
    page = browser.new_page()
    elsewhere: list[str] = []

    def only_this_server(route: Route) -> None:
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:  # an office network offline: nothing else answers
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    page.goto(live_server.url + "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("qingdan serve")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert elsewhere == []
