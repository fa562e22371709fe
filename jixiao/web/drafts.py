"""What was typed survives a lost session: a form posted after the session ended (idle, expired) or from a stale tab
(the CSRF token of an earlier sign-in) is kept in the session, and the page it was posted to shows it again, filled
in and unsaved, after the user has signed in. Form fields only (an uploaded file cannot be kept), at most 256 KB,
for one day."""

from __future__ import annotations

import time

from django.http import HttpRequest, QueryDict

KEY = "jixiao_draft"
MAX_BYTES = 256 * 1024
MAX_AGE_SECONDS = 24 * 3600
_NOT_KEPT = ("csrfmiddlewaretoken",)


def keepable(request: HttpRequest) -> bool:
    """A form post worth keeping (not a sign-in, the API or the admin; an upload's file itself cannot be kept)."""
    kind = request.content_type or ""
    if request.method != "POST" or kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return False
    return not request.path.startswith(("/login/", "/logout/", "/api/", "/admin/"))


def keep(request: HttpRequest, data: QueryDict | None = None) -> bool:
    """Keep the post's fields (``data``: read before the session was flushed) for its path; False when too large."""
    if data is None and request.FILES:
        return False  # an upload: the file is gone with the request; the page asks for it again
    source = data if data is not None else request.POST
    fields = {key: source.getlist(key) for key in source if key not in _NOT_KEPT}
    if sum(len(key) + sum(len(value) for value in values) for key, values in fields.items()) > MAX_BYTES:
        return False
    request.session[KEY] = {"path": request.path, "fields": fields, "at": int(time.time())}
    return True


def take(request: HttpRequest) -> QueryDict | None:
    """The draft kept for this page (removed from the session), or None."""
    draft = request.session.get(KEY)
    if not isinstance(draft, dict) or draft.get("path") != request.path:
        return None
    del request.session[KEY]
    if int(time.time()) - int(draft.get("at", 0)) > MAX_AGE_SECONDS:
        return None
    data = QueryDict(mutable=True)
    for key, values in draft.get("fields", {}).items():
        data.setlist(key, values)
    return data


def waiting(request: HttpRequest) -> str | None:
    """The path a kept draft belongs to, if any (to say so on the sign-in page)."""
    draft = request.session.get(KEY)
    return draft.get("path") if isinstance(draft, dict) else None
