"""Who asks, as the type checker should see it: the visitor of a page, and the request of a page behind
``login_required``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user has signed in: ``user`` is a User, never the anonymous one. For annotations only (the
    views receive Django's HttpRequest); django-stubs' way of typing views behind ``login_required``."""

    user: User


# ``request.user`` of any page: a signed-in User, or the anonymous one
Visitor: TypeAlias = "User | AnonymousUser"
