"""``qingdan serve``: review and correct task lists in a browser, and an HTTP API.

A thin layer over the library (docs/serve.md): uploads are converted in worker
processes (``jobs``), kept with the ``--db`` schema plus the review's tables
(``storage``), shown with their source cells (``provenance``), edited and audited
(``edits``), and served by FastAPI (``app``: ``api`` routes, ``web`` pages).
Needs the ``serve`` extra (``pip install 'qingdan[serve]'``).
"""

from __future__ import annotations

from pathlib import Path

from qingdan.extract.errors import QingdanError


class ServeExtraMissing(QingdanError):
    """The ``serve`` extra (FastAPI, uvicorn) is not installed."""


def serve(
    folders: list[Path],
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    data_dir: Path = Path("qingdan-serve"),
    db_url: str | None = None,
) -> None:
    """Run the web app and API until stopped, converting the attachments in ``folders``
    first; raises ``TokenRequired`` when ``host`` is not loopback and no token is given."""
    try:
        import uvicorn

        from qingdan.serve.app import create_app
        from qingdan.serve.service import ServeConfig
    except ImportError as error:
        raise ServeExtraMissing(
            None,
            f"qingdan serve needs the serve extra ({error.name} is missing): "
            "pip install 'qingdan[serve]'",
        ) from error
    config = ServeConfig(data_dir=data_dir, db_url=db_url, token=token, host=host)
    app = create_app(config, folders)
    uvicorn.run(app, host=host, port=port, log_level="warning")
