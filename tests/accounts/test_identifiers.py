"""Resident ID numbers and credit codes: valid, wrong check character, wrong length — and the API
answers 400 naming the field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.identifiers import validate_credit_code, validate_id_number, validate_mobile
from tests.helpers import api

# Published examples: GB 11643's sample number and a real-format credit code.
VALID_ID = "11010519491231002X"
VALID_CODE = "91440101MA59DKYE1M"


@pytest.mark.parametrize(
    "value,expected",
    [
        (VALID_ID, VALID_ID),
        ("11010519491231002x", VALID_ID),  # lower-case x is accepted and normalised
        # Tianhe's district code 440106 dates from 1985; a worker born in 1960 may still carry it.
        ("440106196001011231", "440106196001011231"),
    ],
)
def test_valid_id_numbers(value, expected):
    assert validate_id_number(value) == expected


@pytest.mark.parametrize(
    "value,code",
    [
        ("110105194912310021", "invalid_checksum"),
        ("11010519491231002", "invalid_length"),
        ("11010519491231002X1", "invalid_length"),
        ("1101051949123100AX", "invalid_format"),
        ("110105194902300021", "invalid_birth_date"),  # 30 February
    ],
)
def test_invalid_id_numbers(value, code):
    with pytest.raises(ValidationError) as caught:
        validate_id_number(value)
    assert caught.value.code == code


def test_valid_credit_code():
    assert validate_credit_code(VALID_CODE.lower()) == VALID_CODE


@pytest.mark.parametrize(
    "value,code",
    [
        ("91440101MA59DKYE1N", "invalid_checksum"),
        ("91440101MA59DKYE1", "invalid_length"),
        ("91440101MA59DKYE1MM", "invalid_length"),
        ("91440101MA59DKYEIM", "invalid_format"),  # I is not in the alphabet
    ],
)
def test_invalid_credit_codes(value, code):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(value)
    assert caught.value.code == code


@pytest.mark.parametrize("value", ["13800138000", "+86 139 0013 9000", "199-0000-0000"])
def test_valid_mobiles(value):
    assert len(validate_mobile(value)) == 11


@pytest.mark.parametrize("value", ["12800138000", "1380013800", "020-12345678"])
def test_invalid_mobiles(value):
    with pytest.raises(ValidationError):
        validate_mobile(value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body,field",
    [
        ({"kind": "person", "name": "张三", "id_number": "110105194912310021"}, "id_number"),
        ({"kind": "person", "name": "张三", "id_number": "1101051949123100"}, "id_number"),
        ({"kind": "organisation", "name": "某公司", "credit_code": "91440101MA59DKYE1N"}, "credit_code"),
        ({"kind": "organisation", "name": "某公司", "credit_code": "9144010"}, "credit_code"),
        ({"kind": "person", "name": "张三", "id_number": VALID_ID, "phone": "12345"}, "phone"),
        ({"kind": "organisation", "name": "某公司"}, "credit_code"),
    ],
)
def test_the_api_names_the_invalid_field(personas, body, field):
    response = api(personas.clerk).post("/api/v1/parties/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [field]


@pytest.mark.django_db
def test_a_valid_party_is_registered_in_canonical_form(personas):
    response = api(personas.clerk).post(
        "/api/v1/parties/",
        {"kind": "person", "name": "李四", "id_number": "11010519491231002x"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["id_number"] == VALID_ID
    assert response.json()["credit_code"] is None
