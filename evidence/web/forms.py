"""Forms of the evidence pages: the input shapes are ``evidence.inputs`` (the API's own), via
``SerializerForm``, so the page and the mini-program accept and refuse the same declarations and opinions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Side
from cases.web.case_forms import SerializerForm
from evidence.inputs import DeclareSerializer, OpinionSerializer
from evidence.models import Opinion


class DeclareForm(SerializerForm):
    """What the upload page's script posts for each file before sending its bytes to storage."""

    serializer_class = DeclareSerializer

    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = forms.CharField(label=_("Purpose of proof"), max_length=2000, widget=forms.Textarea)
    filename = forms.CharField(max_length=255)
    content_type = forms.CharField(max_length=100, required=False)
    size = forms.IntegerField()
    sha256 = forms.CharField(max_length=64)
    side = forms.ChoiceField(label=_("Handed in by"), choices=[("", "—"), *Side.choices], required=False)
    supersedes = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def serializer_input(self) -> dict[str, Any]:
        data = super().serializer_input()
        # An unknown type is the service's to refuse, with the list of accepted ones.
        data.setdefault("content_type", "application/octet-stream")
        return data


OPINION_CHOICES = Opinion.choices


class OpinionForm(SerializerForm):
    serializer_class = OpinionSerializer

    authenticity = forms.ChoiceField(
        label=_("Authenticity"), choices=OPINION_CHOICES, widget=forms.RadioSelect
    )
    legality = forms.ChoiceField(label=_("Legality"), choices=OPINION_CHOICES, widget=forms.RadioSelect)
    relevance = forms.ChoiceField(label=_("Relevance"), choices=OPINION_CHOICES, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required where you disagree."),
    )

    def __init__(self, *args: Any, item_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_opinion_{item_id}_%s")
        super().__init__(*args, **kwargs)
