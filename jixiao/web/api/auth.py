"""How the API knows who is calling: ``Authorization: Token <secret>``, or the browser's session.

The token is looked up once, by :class:`jixiao.web.accounts.tokens.ApiTokenMiddleware` (which also makes the caller
the request's user for the audit trail); :class:`TokenAuth` reads its outcome. A request that carries a token which
is wrong, revoked or belongs to an inactive user is refused even when it also has a session. Session writes need the
CSRF token, as on the pages; token requests carry no cookie and need none.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import APIKeyHeader, SessionAuth

from jixiao.web.accounts.tokens import PREFIX, token_user

__all__ = ["SessionAuth", "TokenAuth"]


class TokenAuth(APIKeyHeader):
    """Declared in the OpenAPI as what it is: an API key in the ``Authorization`` header, written ``Token <secret>``."""

    param_name = "Authorization"
    openapi_description = (
        f"个人 API 令牌（在“API 令牌”页创建）：请求头 `Authorization: {PREFIX}<令牌>`（前缀 {PREFIX.strip()}，"
        "不是 Bearer）。Per-user token: header `Authorization: Token <secret>`."
    )

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if key is None or not key.startswith(PREFIX):
            return None  # no token: the session may still authenticate
        user = token_user(request)
        if user is None:
            raise AuthenticationError()  # a wrong token is refused, whatever else the request carries
        return user
