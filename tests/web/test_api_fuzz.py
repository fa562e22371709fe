"""The API against its own description: schemathesis generates requests for every operation from the OpenAPI that
django-ninja builds; none may end in a server error or answer outside its schema (bounded: a few examples each)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from jixiao.web.accounts.tokens import token_create
from jixiao.web.records.models import Department

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


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
