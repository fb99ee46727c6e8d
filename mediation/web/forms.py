"""Forms of the mediation pages. The rules are ``mediation.inputs`` (the API's own input shapes) through
``SerializerForm``, so the pages and the mini-program accept and refuse the same messages and agreements;
the services stay the last word, and their field names (``items.<n>.amount``) are routed to the field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.inputs import ReasonSerializer
from cases.models import Side
from cases.web.case_forms import SerializerForm
from core.errors import flatten_fields
from core.inputs import MoneyFormField
from core.web.forms import add_errors
from mediation.inputs import (
    AgreementSerializer,
    MessageSerializer,
    PaymentSerializer,
    ReviewDecisionSerializer,
)
from mediation.models import ItemKind, Recipient


class MessageForm(SerializerForm):
    """The mediator writes to one party or both; a party writes to the mediator (no ``to``)."""

    serializer_class = MessageSerializer

    to = forms.ChoiceField(
        label=_("Send to"), choices=Recipient.choices, widget=forms.RadioSelect, initial=Recipient.BOTH
    )
    text = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 4, "maxlength": 5000})
    )

    def __init__(self, *args: Any, mediator: bool, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_message_%s")
        super().__init__(*args, **kwargs)
        if not mediator:
            del self.fields["to"]
            self.fields["text"].label = _("Your message to the mediator")

    def serializer_input(self) -> dict[str, Any]:
        return {**super().serializer_input(), "text": self.cleaned_data.get("text") or ""}


class ReasonForm(SerializerForm):
    """The reason given with an outcome: a failure, a decline, the applicant ending mediation."""

    serializer_class = ReasonSerializer

    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, name: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{name}_%s")
        super().__init__(*args, **kwargs)


class ItemRowForm(forms.Form):
    """One obligation of the agreement; a row with no kind chosen is left out."""

    obligor = forms.ChoiceField(label=_("Who is bound"), choices=[("", "—"), *Side.choices], required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *ItemKind.choices], required=False)
    amount = MoneyFormField(
        label=_("Amount (yuan)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    due_on = forms.DateField(
        label=_("Pay or perform by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _plain(value: Any) -> Any:
    """A value as a client of the API sends it in JSON."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class AgreementForm:
    """The agreement's item rows and its terms, validated together by ``AgreementSerializer``: an error on
    ``items.1.due_on`` (the serializer's or the service's) shows on that row's field."""

    ROWS = 3

    def __init__(self, data: Any = None) -> None:
        self.is_bound = data is not None
        self.rows = [ItemRowForm(data, prefix=f"item-{i}") for i in range(self.ROWS)]
        self.terms = TermsForm(data)
        self.non_field_errors: list[str] = []
        self.validated: dict[str, Any] = {}
        self._filled: list[int] = []

    def is_valid(self) -> bool:
        rows_valid = all(row.is_valid() for row in self.rows)
        if not (self.terms.is_valid() and rows_valid):
            return False
        items = []
        for i, row in enumerate(self.rows):
            if row.cleaned_data.get("kind"):
                self._filled.append(i)
                items.append({k: _plain(v) for k, v in row.cleaned_data.items() if v not in ("", None)})
        serializer = AgreementSerializer(
            data={"items": items, "terms": self.terms.cleaned_data.get("terms") or ""}
        )
        if not serializer.is_valid():
            self.add_errors(flatten_fields(serializer.errors))
            return False
        self.validated = dict(serializer.validated_data)
        return True

    def add_errors(self, fields: dict[str, list[str]]) -> None:
        """``items.<n>.<field>`` (n counts the filled rows) goes to its row, ``terms`` to the terms, and
        the rest (``items``: no item at all) above the rows."""
        for key, messages in fields.items():
            parts = key.split(".")
            if len(parts) == 3 and parts[0] == "items" and parts[1].isdigit():
                n = int(parts[1])
                if n < len(self._filled):
                    add_errors(self.rows[self._filled[n]], {parts[2]: messages})
                    continue
            if key == "terms":
                add_errors(self.terms, {key: messages})
                continue
            self.non_field_errors.extend(str(m) for m in messages if str(m) not in self.non_field_errors)


class TermsForm(forms.Form):
    terms = forms.CharField(
        label=_("Other terms"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. the parties have no further claims against each other in this dispute."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", "id_agreement_%s")
        super().__init__(*args, **kwargs)


class PaymentForm(SerializerForm):
    """A payment made under one of a confirmed agreement's payment items, with the evidence proving it."""

    serializer_class = PaymentSerializer

    item = forms.TypedChoiceField(label=_("For the item"), coerce=int, choices=[])
    amount = MoneyFormField(
        label=_("Amount paid (yuan)"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    paid_on = forms.DateField(
        label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    evidence = forms.TypedMultipleChoiceField(
        label=_("Proof of payment"),
        coerce=int,
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A bank slip or a receipt, uploaded to the case's evidence first."),
    )

    def __init__(
        self, *args: Any, items: list[tuple[int, str]], evidence: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "id_payment_%s")
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = items  # type: ignore[attr-defined]
        self.fields["evidence"].choices = evidence  # type: ignore[attr-defined]
        if not evidence:
            del self.fields["evidence"]

    def serializer_input(self) -> dict[str, Any]:
        data = super().serializer_input()
        data["amount"] = str(self.cleaned_data["amount"])
        data["paid_on"] = self.cleaned_data["paid_on"].isoformat()
        data["evidence"] = list(self.cleaned_data.get("evidence") or [])
        return data


class ReviewDecisionForm(SerializerForm):
    """The commission's decision on a joint application: issue a 调解书, or refuse with the reasons."""

    serializer_class = ReviewDecisionSerializer

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("issued", _("Confirm the agreement and issue a mediation document (调解书)")),
            ("refused", _("Refuse to confirm the agreement")),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons (required for a refusal)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_review_%s")
        super().__init__(*args, **kwargs)
