"""Forms of the hearing pages. The rules are ``hearings.inputs`` (the API's own input shapes) through
``SerializerForm``, so the hearing room and the mini-program accept and refuse the same submissions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Side
from cases.web.case_forms import SerializerForm
from core.errors import flatten_fields
from core.web.forms import add_errors
from hearings import sessions
from hearings.inputs import (
    SessionOpenSerializer,
    SessionReasonSerializer,
    StageAdjustSerializer,
    SubmissionInputSerializer,
)
from hearings.models import StageKind

# Blank rows per claim for a party's positions on its elements (e.g. 月工资: 12000).
ELEMENT_ROWS = 2

LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _iso(data: dict[str, Any]) -> dict[str, Any]:
    """Datetimes as a client of the API would send them."""
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}


class SubmissionForm(SerializerForm):
    """A party's statement, defence, evidence submission, final statement or answer."""

    serializer_class = SubmissionInputSerializer

    kind = forms.ChoiceField(label=_("What you submit"), choices=[])
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 5, "maxlength": 20000})
    )
    evidence = forms.MultipleChoiceField(
        label=_("Attach evidence"), required=False, choices=[], widget=forms.CheckboxSelectMultiple
    )
    stage = forms.IntegerField(required=False, widget=forms.HiddenInput)
    in_reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        kinds: list[tuple[str, str]],
        evidence: list[tuple[int, str]] = (),  # type: ignore[assignment]
        claims: list[tuple[int, str]] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["evidence"].choices = [(str(pk), label) for pk, label in evidence]  # type: ignore[attr-defined]
        if len(kinds) == 1:
            self.fields["kind"].widget = forms.HiddenInput()
        if not evidence:
            del self.fields["evidence"]
        # Positions on the claims' elements (a statement or defence), ELEMENT_ROWS rows per claim.
        self.element_groups: list[dict[str, Any]] = []
        self.element_field_names: set[str] = set()
        self._element_origin: list[tuple[str, str]] = []
        if any(k in sessions.ELEMENT_KINDS for k, _label in kinds):
            for pk, description in claims:
                rows = []
                for m in range(ELEMENT_ROWS):
                    names = (f"e-{pk}-{m}-element", f"e-{pk}-{m}-position")
                    self.fields[names[0]] = forms.CharField(
                        label=_("Element"), required=False, max_length=200, strip=True
                    )
                    self.fields[names[1]] = forms.CharField(
                        label=_("Your position"), required=False, max_length=2000, strip=True
                    )
                    self.element_field_names.update(names)
                    rows.append((pk, self[names[0]], self[names[1]]))
                self.element_groups.append({"claim": description, "rows": rows})

    def serializer_input(self) -> dict[str, Any]:
        data = super().serializer_input()
        data["text"] = self.cleaned_data.get("text") or ""
        data["evidence"] = [int(pk) for pk in self.cleaned_data.get("evidence") or []]
        for name in self.element_field_names:
            data.pop(name, None)
        elements, self._element_origin = [], []
        for group in self.element_groups:
            for pk, element, position in group["rows"]:
                typed = (
                    self.cleaned_data.get(element.name) or "",
                    self.cleaned_data.get(position.name) or "",
                )
                if any(typed):
                    elements.append({"claim": pk, "element": typed[0], "position": typed[1]})
                    self._element_origin.append((element.name, position.name))
        if elements:
            data["elements"] = elements
        return data

    def add_field_errors(self, fields: dict[str, list[str]]) -> None:
        """An ``elements.<i>.<field>`` error goes beside the row it came from."""
        mapped: dict[str, list[str]] = {}
        for key, messages in fields.items():
            parts = key.split(".")
            if parts[0] == "elements" and len(parts) > 2 and parts[1].isdigit():
                index = int(parts[1])
                if index < len(self._element_origin):
                    element, position = self._element_origin[index]
                    key = position if parts[2] == "position" else element
            mapped.setdefault(key, []).extend(messages)
        super().add_field_errors(mapped)


class AnswerForm(SerializerForm):
    """An answer to one of the tribunal's questions, given in place under the question."""

    serializer_class = SubmissionInputSerializer

    text = forms.CharField(label=_("Your answer"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    in_reply_to = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, question: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_answer_{question}_%s")
        kwargs.setdefault("initial", {"in_reply_to": question})
        super().__init__(*args, **kwargs)

    def serializer_input(self) -> dict[str, Any]:
        return {
            "kind": "answer",
            "text": self.cleaned_data.get("text") or "",
            "in_reply_to": self.cleaned_data["in_reply_to"],
        }


class QuestionForm(SerializerForm):
    """The tribunal asks one side, or both, a question."""

    serializer_class = SubmissionInputSerializer

    to_side = forms.ChoiceField(
        label=_("To"),
        choices=[*Side.choices, ("both", _("Both sides"))],
        widget=forms.RadioSelect,
        initial="both",
    )
    text = forms.CharField(label=_("Question"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_question_%s")
        super().__init__(*args, **kwargs)

    def serializer_input(self) -> dict[str, Any]:
        return {"kind": "question", "text": self.cleaned_data.get("text") or "", **super().serializer_input()}


class StageAdjustForm(SerializerForm):
    """Extend, skip or repeat one stage, with the reason on the record."""

    serializer_class = StageAdjustSerializer

    action = forms.ChoiceField(
        label=_("Change"),
        choices=[
            ("extend", _("Extend the window")),
            ("skip", _("Skip the stage")),
            ("repeat", _("Repeat the stage")),
        ],
    )
    opens_at = forms.DateTimeField(
        label=_("Opens at (repeat)"), required=False, widget=LOCAL_INPUT, input_formats=["%Y-%m-%dT%H:%M"]
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at (extend, repeat)"),
        required=False,
        widget=LOCAL_INPUT,
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, stage: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_stage_{stage}_%s")
        super().__init__(*args, **kwargs)

    def serializer_input(self) -> dict[str, Any]:
        data = _iso(super().serializer_input())
        data.setdefault("reason", "")
        return data


class ReasonForm(SerializerForm):
    serializer_class = SessionReasonSerializer

    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, name: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{name}_%s")
        super().__init__(*args, **kwargs)


class StageRowForm(forms.Form):
    """One row of the windows: a stage, when it opens and closes, sealed or not. A row without a stage is
    left out."""

    stage = forms.ChoiceField(label=_("Stage"), choices=[("", "—"), *StageKind.choices], required=False)
    opens_at = forms.DateTimeField(
        label=_("Opens at"), required=False, widget=LOCAL_INPUT, input_formats=["%Y-%m-%dT%H:%M"]
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"), required=False, widget=LOCAL_INPUT, input_formats=["%Y-%m-%dT%H:%M"]
    )
    sealed = forms.BooleanField(label=_("Sealed statements"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class WindowsForm:
    """The stage rows of the opening form, validated together by ``SessionOpenSerializer``: an error on
    ``stages.2.closes_at`` (the serializer's or the service's) shows on that row's field."""

    ROWS = 5

    def __init__(self, data: Any = None, *, initial: list[dict[str, Any]] | None = None) -> None:
        initial = initial or []
        self.rows = [
            StageRowForm(data, prefix=f"stage-{i}", initial=initial[i] if i < len(initial) else None)
            for i in range(self.ROWS)
        ]
        self.non_field_errors: list[str] = []
        self.validated: list[dict[str, Any]] = []
        self._filled: list[int] = []

    def is_valid(self) -> bool:
        if not all(row.is_valid() for row in self.rows):
            return False
        stages = []
        for i, row in enumerate(self.rows):
            if row.cleaned_data.get("stage"):
                self._filled.append(i)
                stages.append(_iso({k: v for k, v in row.cleaned_data.items() if v not in ("", None)}))
        serializer = SessionOpenSerializer(data={"stages": stages})
        if not stages:
            self.non_field_errors.append(str(_("Give at least one stage with its window.")))
            return False
        if not serializer.is_valid():
            self.add_errors(flatten_fields(serializer.errors))
            return False
        self.validated = serializer.validated_data["stages"]
        return True

    def add_errors(self, fields: dict[str, list[str]]) -> None:
        """Field errors keyed ``stages.<n>.<field>`` (n counts the filled rows) go to their row."""
        for key, messages in fields.items():
            parts = key.split(".")
            if len(parts) == 3 and parts[0] == "stages" and parts[1].isdigit():
                n = int(parts[1])
                if n < len(self._filled):
                    row = self.rows[self._filled[n]]
                    add_errors(row, {parts[2]: messages})
                    continue
            self.non_field_errors.extend(str(m) for m in messages)
