"""No input makes the machine fetch a URL (issue 33): a local HTTP server on 127.0.0.1
counts every request while a web page, a `.doc` that is really a web page, and the same
page through LibreOffice are read."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from qingdan.extract import read_document
from qingdan.extract.errors import BrokenFile
from qingdan.extract.office_convert import convert, is_web_page

TABLE = "<table><tr><td>序号</td><td>工作任务</td></tr><tr><td>1</td><td>整改</td></tr></table>"


class Server:
    """A local server that answers every GET and remembers its path."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"body { color: red }")

            def log_message(self, *_: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def page(self) -> str:
        """A web page whose stylesheet, image, frame and script are on this server."""
        return (
            f'<html><head><link rel="stylesheet" href="{self.url}/style.css">'
            f'<script src="{self.url}/script.js"></script></head><body>'
            f'<img src="{self.url}/image.png"><iframe src="{self.url}/frame.html"></iframe>'
            f"{TABLE}</body></html>"
        )


@pytest.fixture
def server() -> Iterator[Server]:
    serving = Server()
    thread = threading.Thread(target=serving.httpd.serve_forever, daemon=True)
    thread.start()
    yield serving
    serving.httpd.shutdown()
    serving.httpd.server_close()


def test_the_server_sees_a_request_when_one_is_made(server: Server) -> None:
    import urllib.request

    with urllib.request.urlopen(f"{server.url}/style.css", timeout=5) as answer:
        assert answer.read()
    assert server.requests == ["/style.css"]


@pytest.mark.parametrize("name", ["清单.html", "清单.doc"])
def test_a_web_page_with_external_links_is_read_without_a_request(
    tmp_path: Path, server: Server, name: str
) -> None:
    path = tmp_path / name
    path.write_text(server.page(), encoding="utf-8")
    table = read_document(path).content.tables[0]
    assert [row.cells for row in table.rows] == [["序号", "工作任务"], ["1", "整改"]]
    assert server.requests == []


def test_a_doc_that_is_a_web_page_is_known_by_its_bytes() -> None:
    assert is_web_page(b"\xef\xbb\xbf\n<!-- saved -->\n<HTML><body>")
    assert is_web_page(b"<!DOCTYPE html><html>")
    assert not is_web_page(bytes.fromhex("d0cf11e0a1b11ae1") + b"<html>")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_fetches_nothing_a_page_links_to(tmp_path: Path, server: Server) -> None:
    # Whether it converts is not the question here; what it asked for is.
    with contextlib.suppress(BrokenFile):
        convert(server.page().encode(), tmp_path / "清单.doc", "docx")
    assert server.requests == []
