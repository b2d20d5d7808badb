"""The API's interactive pages work with no network (an office network is often
offline): the HTML of ``/docs`` and ``/redoc`` names no other host, and every script,
style sheet, icon and OpenAPI document it names answers from this server."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

REFERENCE = re.compile(r"""(?:\b(?:src|href|spec-url)=|\burl:\s*)["']([^"']+)["']""")
"""A URL a page loads: an attribute, or Swagger UI's ``url: '…'`` (the OpenAPI document)."""


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_api_pages_load_only_from_this_server(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    assert "://" not in response.text, "a page must not reach another host"
    urls = REFERENCE.findall(response.text)
    assert any(url.endswith(".js") for url in urls), urls
    assert "/openapi.json" in urls
    for url in urls:
        assert client.get(url).status_code == 200, url
