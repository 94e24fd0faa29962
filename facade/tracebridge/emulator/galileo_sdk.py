"""What galileo's own SDK asks of the service beyond the documented `/v2` API, so that the
SDK (galileo 2.7.0 with galileo-core 4.5) runs unmodified against the emulator.

These are SDK routes, not in openapi/galileo.yaml (the seeds document only the `/v2` routes
and the API-key header). Where each comes from:

    GET  /healthcheck            galileo_core.constants.routes.Routes.healthcheck, asked
                                 before anything else (galileo_core.schemas.base_config)
    POST /login/api_key          Routes.api_key_login: `{"api_key"}` -> `{"access_token",
                                 "token_type"}`, a JWT whose `exp` the SDK reads (unverified)
                                 to know when to log in again; 401 for an unknown key
    GET  /current_user           Routes.current_user: the user the token names, checked once
    Authorization: Bearer <JWT>  galileo_core.helpers.api_client: how every later call
                                 authenticates (the key header keeps working too)
    /projects/...                galileo.resources.api: the same routes without `/v2`, and
                                 GET /projects/all, /projects/{id},
                                 /projects/{id}/log_streams/paginated,
                                 /projects/{id}/log_streams/{log_stream_id}

The tokens are HS256, signed with a secret derived from the emulator's key: a token whose
payload or signature was changed, or that has expired, is refused with 401.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

ALGORITHM = {"alg": "HS256", "typ": "JWT"}
TOKEN_SECONDS = 3600


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Tokens:
    """Issues and checks the JWTs of one emulated Galileo."""

    def __init__(self, api_key: str, user: dict[str, Any]):
        self._secret = hashlib.sha256(b"tracebridge-emulator-jwt:" + api_key.encode()).digest()
        self.user = user

    def _signature(self, signed: str) -> str:
        return _b64(hmac.new(self._secret, signed.encode(), hashlib.sha256).digest())

    def issue(self, now: float | None = None) -> str:
        issued = int(time.time() if now is None else now)
        claims = {
            "sub": self.user["id"],
            "email": self.user["email"],
            "iat": issued,
            "exp": issued + TOKEN_SECONDS,
        }
        head = _b64(json.dumps(ALGORITHM, separators=(",", ":")).encode())
        body = _b64(json.dumps(claims, separators=(",", ":")).encode())
        return f"{head}.{body}.{self._signature(f'{head}.{body}')}"

    def check(self, token: str, now: float | None = None) -> bool:
        """Whether the token is one this emulator issued, unchanged and not expired."""
        parts = token.split(".")
        if len(parts) != 3:
            return False
        head, body, signature = parts
        if not hmac.compare_digest(signature, self._signature(f"{head}.{body}")):
            return False
        try:
            claims = json.loads(_unb64(body))
        except ValueError:
            return False
        expires = claims.get("exp") if isinstance(claims, dict) else None
        return isinstance(expires, int) and expires > (time.time() if now is None else now)


def healthcheck() -> dict[str, str]:
    """galileo's HealthcheckResponse."""
    return {"api_version": "v2", "message": "ok", "version": "emulator"}
