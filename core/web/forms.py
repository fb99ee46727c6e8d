"""What every page's forms share: showing a service's refusal, and the holiday calendar's forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.errors import ApplicationError, Conflict
from core.models import CalendarDay

T = TypeVar("T")


def describe(exc: ApplicationError) -> str:
    """One line for the top of the page: the detail, and the field messages when the detail is generic."""
    generic = gettext("Invalid input.")
    parts = [] if exc.fields and str(exc.detail) == generic else [str(exc.detail)]
    for messages in exc.fields.values():
        parts += [str(m) for m in messages if str(m) not in parts]
    return " ".join(parts)


def add_errors(form: forms.Form, fields: dict[str, list[str]]) -> None:
    """Show ``{"credit_code": [...], "non_field_errors": [...]}`` next to the fields they name (once);
    a name the form has no field for goes to the top of the form. The form must have been validated."""
    for key, messages in fields.items():
        target = key if key in form.fields else None
        for message in messages:
            if str(message) not in form.errors.get(target or NON_FIELD_ERRORS, []):
                form.add_error(target, str(message))


def attempt(
    call: Callable[[], T],
    *,
    conflicts: tuple[type[Exception], ...] = (IntegrityError,),
    lost_race: str | None = None,
) -> tuple[T | None, ApplicationError | None]:
    """Run a service for a page; a refusal comes back as the error to show (the service rolled back
    everything), and a lost race (``conflicts``) as a 409 saying ``lost_race``."""
    try:
        return call(), None
    except ApplicationError as exc:
        return None, exc
    except conflicts:
        message = lost_race or gettext("Someone else changed this at the same time; reload and try again.")
        return None, Conflict(message)


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    kind = forms.ChoiceField(label=_("Kind of day"), choices=CalendarDay.Kind.choices)
    name = forms.CharField(
        label=_("Name (e.g. National Day)"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", "id_day_%s")
        super().__init__(*args, **kwargs)


class CalendarRemoveForm(forms.Form):
    date = forms.DateField()
