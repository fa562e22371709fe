"""ExactDecimalField: an exact decimal stored as text whose options survive the migrations."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from jixiao.web.monitoring.models import Payment
from jixiao.web.records.models import ExactDecimalField


@pytest.mark.parametrize("options", [{}, {"null": False, "blank": False}, {"null": False, "blank": True}])
def test_its_null_and_blank_survive_a_round_trip_through_a_migration(options: dict[str, bool]) -> None:
    field = ExactDecimalField("金额", **options)
    _, _, args, kwargs = field.deconstruct()
    rebuilt = ExactDecimalField(*args, **kwargs)
    assert (rebuilt.null, rebuilt.blank, rebuilt.max_length) == (field.null, field.blank, 40)
    assert (rebuilt.null, rebuilt.blank) == (options.get("null", True), options.get("blank", True))


def test_a_payment_amount_is_required() -> None:
    amount = Payment._meta.get_field("amount")
    assert isinstance(amount, ExactDecimalField) and not amount.null and not amount.blank


def test_it_reads_back_the_scale_it_was_given() -> None:
    field = ExactDecimalField()
    assert field.get_prep_value(Decimal("5.00")) == "5.00"
    assert str(field.from_db_value("5.00", None, None)) == "5.00"


@pytest.mark.django_db
def test_the_models_and_the_migrations_agree() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits 1 on a missing migration
    assert "No changes detected" in out.getvalue()
