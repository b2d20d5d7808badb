"""The ASGI app of ``qingdan serve``: the API, the pages, the token rule, the errors."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from qingdan.extract.errors import QingdanError
from qingdan.serve.auth import COOKIE, allowed, check_binding, presented
from qingdan.serve.edits import EditError
from qingdan.serve.service import NotFound, NotReady, ServeConfig, Service

STATIC = Path(__file__).parent / "static"

STATUS_OF: list[tuple[type[QingdanError], int]] = [
    (NotFound, 404),
    (NotReady, 409),
    (EditError, 422),
    (QingdanError, 400),
]
"""Library error -> HTTP status (the first class that matches)."""


def _status(error: QingdanError) -> int:
    return next(status for kind, status in STATUS_OF if isinstance(error, kind))


def create_app(config: ServeConfig, folders: list[Path] | None = None) -> FastAPI:
    """The app serving ``config``'s data; the attachments in ``folders`` are queued
    for conversion at start. Raises ``TokenRequired`` for a non-loopback host with no
    token."""
    from qingdan.serve.api import router as api_router
    from qingdan.serve.web import router as web_router

    check_binding(config.host, config.token)
    service = Service(config)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        """Stop the worker processes when the server stops."""
        yield
        service.close()

    # /docs loads its scripts from this server, not a CDN: an office network is often
    # offline. No /redoc: its page fetches a logo from redoc.ly whatever it is told.
    app = FastAPIOffline(
        redoc_url=None,
        title="qingdan serve",
        summary="审阅与更正任务清单的网页和 HTTP API",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.service = service
    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(QingdanError)
    async def library_error(_request: Request, error: QingdanError) -> JSONResponse:
        """A library error as one Chinese line with its status."""
        return JSONResponse({"detail": error.reason}, status_code=_status(error))

    @app.middleware("http")
    async def token_rule(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        """Refuse a request without the token (when one is set); remember ?token= in a cookie."""
        query = request.query_params.get("token")
        given = presented(
            request.headers.get("authorization"),
            request.headers.get("x-qingdan-token"),
            query or request.cookies.get(COOKIE),
        )
        if not allowed(config.token, given):
            return JSONResponse({"detail": "需要令牌（Authorization: Bearer …）"}, status_code=401)
        response = await call_next(request)
        if query and config.token:
            response.set_cookie(COOKIE, query, httponly=True, samesite="strict")
        return response

    service.resume()
    for folder in folders or []:
        for path in sorted(folder.iterdir() if folder.is_dir() else [folder]):
            if path.is_file() and service.accepts(path.name):
                service.add_path(path)
    return app
