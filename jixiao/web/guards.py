"""Input no page can use, refused before any view sees it: a NUL character in the path or the query string.

PostgreSQL cannot hold NUL in text (a search for it was a server error), SQLite would store it invisibly, and no one
types it: a request carrying one gets 400 with a Chinese message (JSON under /api/). Form fields need no such
guard (Django's form fields refuse NUL themselves), and the body is left unread here so that views keep control of
how uploads are parsed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

from jixiao.domain.errors import message


def _carries_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any("\x00" in key or any("\x00" in item for item in items) for key, items in request.GET.lists())


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _carries_nul(request):
            text = message("web.nul", {})
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"error": text, "code": "web.nul"}, status=400, json_dumps_params={"ensure_ascii": False}
                )
            return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
