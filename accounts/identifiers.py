"""Chinese identifiers: resident ID numbers (GB 11643), unified social credit codes (GB 32100), mobiles.

Each ``validate_*`` raises ``django.core.exceptions.ValidationError`` with a code and a message the
user can act on, and returns the number in its canonical form (upper case, no spaces).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc

_RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RIC_CHECK = "10X98765432"
_RIC_SHAPE = re.compile(r"^\d{17}[\dX]$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def ric_check_character(first17: str) -> str:
    """The check character of a resident ID number's first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _RIC_WEIGHTS, strict=True))
    return _RIC_CHECK[total % 11]


def validate_id_number(value: str) -> str:
    """A resident ID number: 18 characters, a real birth date, the right check character.

    The district code (first six digits) is deliberately not checked against the birth year: a
    district may be younger than the person who carries its code (see ../shared/domain.md §1).
    """
    number = (value or "").strip().upper().replace(" ", "")
    if len(number) != 18:
        raise ValidationError(
            _("A resident ID number has 18 characters; this one has %(count)d.") % {"count": len(number)},
            code="invalid_length",
        )
    if not _RIC_SHAPE.match(number):
        raise ValidationError(
            _("A resident ID number is 17 digits followed by a digit or X."), code="invalid_format"
        )
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("The birth date inside this ID number (digits 7-14) is not a real date."),
            code="invalid_birth_date",
        ) from None
    if ric_check_character(number[:17]) != number[17]:
        raise ValidationError(
            _("The last character of this ID number does not match the others; please check it."),
            code="invalid_checksum",
        )
    return number


def validate_credit_code(value: str) -> str:
    """A unified social credit code: 18 characters of ``0-9A-HJ-NPQRTUWXY`` with a mod-31 check."""
    code = (value or "").strip().upper().replace(" ", "")
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d.")
            % {"count": len(code)},
            code="invalid_length",
        )
    try:
        uscc.validate(code)
    except uscc.InvalidChecksum:
        raise ValidationError(
            _("The last character of this credit code does not match the others; please check it."),
            code="invalid_checksum",
        ) from None
    except Exception:  # stdnum's InvalidFormat and friends
        raise ValidationError(
            _(
                "A unified social credit code uses only digits and the letters "
                "A-H, J-N, P, Q, R, T, U, W, X, Y."
            ),
            code="invalid_format",
        ) from None
    return code


def credit_code_check_character(first17: str) -> str:
    """The check character of a credit code's first 17 characters (used to make demo data)."""
    return uscc.calc_check_digit(first17 + "0")


def validate_mobile(value: str) -> str:
    number = (value or "").strip().replace(" ", "").replace("-", "")
    if number.startswith("+86"):
        number = number[3:]
    if not _MOBILE.match(number):
        raise ValidationError(_("A mobile number has 11 digits and starts with 13-19."), code="invalid_phone")
    return number


def validate_plain_text(value: str) -> str:
    """Refuse control and format characters (bidi overrides, zero-width spaces…): a name that reads one way
    on screen and is stored another misleads whoever reads it, and can hide one party behind another's."""
    for character in value:
        if unicodedata.category(character) in ("Cc", "Cf", "Co", "Cs") and character not in "\t\n\r":
            raise ValidationError(
                _("Remove the invisible or control character (U+%(code)04X).") % {"code": ord(character)},
                code="control_character",
            )
    return value


def mask_id_number(value: str | None) -> str | None:
    """A resident ID number as strangers see it: the first four and last four characters.

    ``440106199001011234`` → ``4401**********1234``: the province and city stay readable (the docket
    needs no more), the birth date and the sequence number do not (PIPL: the minimum necessary).
    """
    if not value:
        return value
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_mobile(value: str | None) -> str | None:
    """A mobile number as strangers see it: ``13800138001`` → ``138****8001``."""
    if not value:
        return value
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
