"""The API's interactive page works with no network (an office network is often
offline): the HTML of ``/docs`` names no other host, and every script, style sheet,
icon and OpenAPI document it names answers from this server. There is no ``/redoc``
(its page fetches a logo from another host whatever it is told)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

REFERENCE = re.compile(r"""(?:\b(?:src|href|spec-url)=|\burl:\s*)["']([^"']+)["']""")
"""A URL a page loads: an attribute, or Swagger UI's ``url: '…'`` (the OpenAPI document)."""


def test_the_api_page_loads_only_from_this_server(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "://" not in response.text, "a page must not reach another host"
    urls = REFERENCE.findall(response.text)
    assert any(url.endswith(".js") for url in urls), urls
    assert "/openapi.json" in urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_there_is_no_redoc_page(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404
