"""The API against its own description: schemathesis generates requests for every operation from the OpenAPI that
django-ninja builds; none may end in a server error or answer outside its schema (bounded: a few examples each)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from jixiao.web.accounts.tokens import token_create
from jixiao.web.records.models import Department

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _connections_stay_open() -> Iterator[None]:
    """The application is called as a WSGI app, not through Django's test client: keep its end-of-request handler from
    closing the connection that holds the test's transaction (the test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(demo: dict[str, Department]) -> str:
    user = demo["seed"].organisation.memberships.get(user__username="unit287001").user
    return token_create(user=user, name="schemathesis")


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_request_ends_in_a_server_error_or_outside_the_schema(case: Any, token: str) -> None:
    # Schema-valid data may still be refused (a text past its column, a control character, a number too long): the
    # description gives the shape, the services the limits; a refusal is a 400 with a Chinese message, checked here
    # like every other answer against the documented statuses and bodies.
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, excluded_checks=[positive_data_acceptance])
