"""Refusals written for citizens, in both languages, and amounts understood as people write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import translation

from cases.models import Case
from core.inputs import MoneyFormField
from tests.helpers import api, application

REFUSED_ZH = "请填写以元为单位的金额，如 12000、12,000.50 或 ¥12000。"
REFUSED_EN = "Enter an amount in yuan, such as 12000, 12,000.50 or ¥12000."


def _file(user, language: str, **claim) -> dict:
    body = application(
        claims=[{"category": "wage_arrears", "amount": "9000.00", "description": "拖欠工资", **claim}]
    )
    response = api(user, language=language).post("/api/v1/cases/", body, format="json")
    return {"status": response.status_code, "body": response.json()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"), [("zh-hans", "最多 2000 个字。"), ("en", "At most 2000 characters.")]
)
def test_too_long_a_text_is_refused_in_plain_words(personas, language, expected):
    answer = _file(personas.applicant, language, description="欠" * 2001)
    assert answer["status"] == 400
    assert expected in str(answer["body"]["fields"])
    assert "确保" not in str(answer["body"]) and "Ensure" not in str(answer["body"])


@pytest.mark.django_db
def test_a_number_below_the_limit_is_refused_in_plain_words(personas):
    answer = _file(personas.applicant, "zh-hans", amount="-1")
    assert answer["status"] == 400
    assert "至少 0。" in str(answer["body"]["fields"])


def test_a_form_fields_length_is_refused_in_plain_words():
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as refused:
            MaxLengthValidator(5)("一二三四五六")
        assert refused.value.messages == ["最多 5 个字（现有 6 个字）。"]
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            MaxLengthValidator(5)("abcdef")
        assert refused.value.messages == ["At most 5 characters (now 6)."]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("¥12000", Decimal("12000.00")),
        ("￥12,000", Decimal("12000.00")),
        ("12,000", Decimal("12000.00")),
        ("12000.5", Decimal("12000.50")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("12000元", Decimal("12000.00")),
        ("12，000", Decimal("12000.00")),
    ],
)
def test_an_amount_is_understood_as_written(personas, written, amount):
    answer = _file(personas.applicant, "zh-hans", amount=written)
    assert answer["status"] == 201, answer["body"]
    claim = Case.objects.get(pk=answer["body"]["id"]).claims.get()
    assert claim.amount == amount


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["12k", "1,2000", "十二万", "¥", "12,000,0", "$12000"])
def test_anything_else_is_refused_at_the_amount(personas, written):
    answer = _file(personas.applicant, "zh-hans", amount=written)
    assert answer["status"] == 400
    assert answer["body"]["fields"] == {
        "claims.0.amount": ["请填写以元为单位的金额，如 12000、12,000.50 或 ¥12000。"]
    }
    english = _file(personas.applicant, "en", amount=written)
    assert english["body"]["fields"] == {
        "claims.0.amount": ["Enter an amount in yuan, such as 12000, 12,000.50 or ¥12000."]
    }


def test_the_pages_amount_field_reads_the_same_writings():
    field = MoneyFormField(required=False)
    assert field.clean("￥12,000.5") == Decimal("12000.50")
    assert field.clean("") is None
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            field.clean("12 thousand")
        assert refused.value.messages == [REFUSED_EN]
