"""The token rule: a server listening beyond this machine answers only with the token.

A server bound to a loopback address (127.0.0.1, ::1, localhost) needs no token; on
any other address it refuses to start without one. When a token is set, every
request must carry it: ``Authorization: Bearer T``, an ``X-Qingdan-Token: T`` header,
or the cookie a browser gets by opening any page once with ``?token=T``.
"""

from __future__ import annotations

import hmac
import ipaddress

from qingdan.extract.errors import QingdanError

TOKEN_ENV = "QINGDAN_TOKEN"
COOKIE = "qingdan_token"


class TokenRequired(QingdanError):
    """A server listening beyond loopback was started without a token."""


def is_loopback(host: str) -> bool:
    """Whether a bind address is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> None:
    """Refuse to listen beyond loopback without a token."""
    if not token and not is_loopback(host):
        raise TokenRequired(
            None,
            f"--host {host} listens beyond this machine: give a token with --token T or "
            f"{TOKEN_ENV}=T",
        )


def presented(authorization: str | None, header: str | None, cookie: str | None) -> str | None:
    """The token a request carries, from whichever place it is in."""
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return header or cookie


def allowed(token: str | None, given: str | None) -> bool:
    """Whether a request with ``given`` may pass (constant-time comparison)."""
    if not token:
        return True
    return given is not None and hmac.compare_digest(token.encode(), given.encode())
