"""Forms of the case pages.

The pages render and redisplay input the Django way, but the rules are the input shapes of
``cases.inputs`` (the same ones the API validates with), so a page and the mini-program accept and refuse
exactly the same input. The services stay the last word: the
field names in their ``ApplicationError`` are routed back to the field (or wizard step) that owns them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.contrib.sessions.backends.base import SessionBase
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts import selectors as accounts_selectors
from accounts.inputs import PartyInputSerializer
from accounts.models import PartyKind, Role, User
from cases.inputs import (
    ClaimInputSerializer,
    ConsentsInputSerializer,
    FollowUpSerializer,
    MandateDecisionSerializer,
    ServiceReviewSerializer,
    TribunalSerializer,
)
from cases.models import ClaimCategory, EventKind, Procedure, Rating, Side
from cases.models import SuspensionGround as Ground
from cases.registry import STEPS
from cases.steps import ARBITRATOR_FIELDS, PARTY_FIELDS
from core import clock
from core.errors import flatten_fields
from core.web.forms import add_errors

NON_FIELD = "non_field_errors"


class SerializerForm(forms.Form):
    """A form whose Django fields only render and collect; the API serializer decides what is valid."""

    serializer_class: type[serializers.Serializer]
    # Error keys of the serializer or a service that belong to a differently named field of the form.
    error_aliases: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.validated: Any = None

    def serializer_input(self) -> dict[str, Any]:
        """The values as a client of the API would send them: blank optional ones left out."""
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if not self.errors:  # the serializer only sees input that is at least well formed
            serializer = self.serializer_class(data=self.serializer_input())
            if serializer.is_valid():
                self.validated = serializer.validated_data
            else:
                self.add_field_errors(flatten_fields(serializer.errors))
        return cleaned

    def add_field_errors(self, fields: dict[str, list[str]]) -> None:
        add_errors(self, {self.error_aliases.get(key, key): messages for key, messages in fields.items()})

    def raw(self) -> dict[str, Any]:
        """What the user typed, as JSON for the session (a wizard draft, a form to show again)."""
        return {name: _plain(self[name].value()) for name in self.fields}


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | int | str):
        return value
    return str(value)


# --- parties and claims ---------------------------------------------------------------------------------


class PartyForm(SerializerForm):
    serializer_class = PartyInputSerializer

    kind = forms.ChoiceField(
        label=_("Person or organisation"), choices=PartyKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    id_number = forms.CharField(
        label=_("Resident ID number (a person)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        help_text=_("18 characters; the last may be X."),
    )
    credit_code = forms.CharField(
        label=_("Unified social credit code (an organisation)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        help_text=_("18 characters, printed on the business licence."),
    )
    legal_representative = forms.CharField(
        label=_("Legal representative (an organisation)"), required=False, max_length=100
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=300)


CLAIM_FIELDS = ("category", "amount", "description")
MIN_CLAIM_ROWS = 3
MAX_CLAIM_ROWS = 50  # the API's limit


class ClaimForm(SerializerForm):
    serializer_class = ClaimInputSerializer

    category = forms.ChoiceField(
        label=_("Kind of claim"), choices=[("", _("Choose…")), *ClaimCategory.choices]
    )
    amount = forms.CharField(
        label=_("Amount in yuan (optional)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("What you ask for"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def is_blank(self) -> bool:
        return not any(str(self[name].value() or "").strip() for name in CLAIM_FIELDS)


def claim_body(row: dict[str, Any]) -> dict[str, Any]:
    """A saved claim row as the API takes it: a blank amount is no amount."""
    amount = str(row.get("amount") or "").strip()
    return {
        "category": row.get("category", ""),
        "amount": amount or None,
        "description": row.get("description", ""),
    }


class ClaimRows:
    """Several claims on one page without JavaScript: a few rows, blank rows ignored, and an "add a row"
    button that shows the page again with one more."""

    def __init__(self, rows: list[ClaimForm], prefix: str) -> None:
        self.forms = rows
        self.prefix = prefix
        self.errors: list[str] = []

    @classmethod
    def bound(cls, data: Any, *, prefix: str = "claim") -> ClaimRows:
        count = _clamp(data.get(f"{prefix}-rows"), MIN_CLAIM_ROWS)
        return cls([ClaimForm(data, prefix=f"{prefix}-{i}") for i in range(count)], prefix)

    @classmethod
    def unbound(cls, rows: list[dict[str, Any]], *, count: int = 0, prefix: str = "claim") -> ClaimRows:
        count = max(_clamp(count, MIN_CLAIM_ROWS), min(len(rows), MAX_CLAIM_ROWS))
        return cls(
            [
                ClaimForm(initial=rows[i] if i < len(rows) else None, prefix=f"{prefix}-{i}")
                for i in range(count)
            ],
            prefix,
        )

    @classmethod
    def with_errors(
        cls, rows: list[dict[str, Any]], errors: dict[str, list[str]], *, prefix: str = "claim"
    ) -> ClaimRows:
        """Saved rows shown again with the errors a service found in them."""
        data = {f"{prefix}-rows": str(max(len(rows), MIN_CLAIM_ROWS))}
        for i, row in enumerate(rows):
            data.update({f"{prefix}-{i}-{name}": str(row.get(name) or "") for name in CLAIM_FIELDS})
        shown = cls.bound(data, prefix=prefix)
        shown.is_valid()
        shown.add_errors(errors)
        return shown

    @property
    def count(self) -> int:
        return len(self.forms)

    def filled(self) -> list[ClaimForm]:
        return [f for f in self.forms if not f.is_blank()]

    def raw(self) -> list[dict[str, Any]]:
        return [{name: _plain(f[name].value()) for name in CLAIM_FIELDS} for f in self.filled()]

    def is_valid(self) -> bool:
        filled = self.filled()
        valid = all([f.is_valid() for f in filled])  # every row checked, so every row shows its errors
        if not filled:
            self._error(gettext("State at least one claim."))
            valid = False
        return valid and not self.errors

    def validated(self) -> list[Any]:
        return [f.validated for f in self.filled()]

    def add_errors(self, fields: dict[str, list[str]]) -> None:
        """Errors keyed like the API's: ``"0.amount"`` for a row's field, ``""`` for the list."""
        filled = self.filled()
        for key, messages in fields.items():
            index, _dot, name = key.partition(".")
            if index.isdigit() and int(index) < len(filled):
                filled[int(index)].add_field_errors({name or NON_FIELD: messages})
            else:
                for message in messages:
                    self._error(str(message))

    def _error(self, message: str) -> None:
        if message not in self.errors:
            self.errors.append(message)


def _clamp(value: Any, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = default
    return max(1, min(number, MAX_CLAIM_ROWS))


# --- the other steps of an application ------------------------------------------------------------------


class FactsForm(forms.Form):
    facts = forms.CharField(
        label=_("Facts and reasons"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "When you started work, your post and pay, what happened, and what you have already tried."
        ),
    )
    street = forms.CharField(
        label=_("Street of the workplace (optional)"),
        max_length=100,
        required=False,
        help_text=_("The street (街道) where you worked: its mediation centre can help before a hearing."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def raw(self) -> dict[str, Any]:
        return {name: _plain(self[name].value()) for name in self.fields}


DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class CounterFactsForm(FactsForm):
    received_at = forms.DateTimeField(
        label=_("Received at the counter"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text=_("When the applicant handed in the application; it may be in the past."),
    )


class ConsentsForm(forms.Form):
    pre_mediation = forms.BooleanField(
        label=_("Pre-filing mediation: the dispute first goes to a mediation organisation"),
        required=False,
        help_text=_("If no agreement is reached within 15 days, the application continues to arbitration."),
    )
    async_hearing = forms.BooleanField(
        label=_("An asynchronous online hearing, if the other side agrees too"),
        required=False,
        help_text=_("Each side takes part online at times of its own choosing within set windows."),
    )
    electronic_service = forms.BooleanField(
        label=_("Documents served electronically (SMS, WeChat, this website)"), required=False
    )
    # Not consents but asked on the same page: the applicant's situation (issue 16).
    migrant_wage_arrears = forms.BooleanField(
        label=_("I am a migrant worker claiming unpaid wages (农民工欠薪): handle my case with priority"),
        required=False,
    )
    legal_aid = forms.BooleanField(
        label=_("Refer me to the legal-aid centre for a free lawyer"),
        required=False,
        help_text=_("The centre is sent your case's number, the parties and your claims."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def raw(self) -> dict[str, Any]:
        return {name: bool(self[name].value()) for name in self.fields}


# --- the application wizard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WizardStep:
    name: str
    title: str | Promise
    intro: str | Promise = ""


OWN_PARTICULARS = WizardStep(
    "applicant",
    _("Your particulars"),
    _("Your name and ID number are kept with your account; you give them once."),
)
PARTY_ACTED_FOR = WizardStep(
    "applicant", _("The party you act for"), _("The worker (or employer) who applies, whom you represent.")
)
COUNTER_APPLICANT = WizardStep("applicant", _("The applicant"), _("As on the applicant's identity document."))
RESPONDENT = WizardStep(
    "respondent",
    _("The respondent"),
    _("Usually the employer. An organisation is identified by its unified social credit code."),
)
CLAIMS = WizardStep(
    "claims",
    _("Claims"),
    _("What you ask the commission to decide, one claim per row. Leave unused rows empty."),
)
FACTS = WizardStep("facts", _("Facts and reasons"))
CONSENTS = WizardStep(
    "consents",
    _("Consents"),
    _("Tick what you agree to. You can change the hearing and service choices later."),
)
REVIEW = WizardStep("review", _("Review and submit"), _("Check everything before you submit."))

# Where a field error of the filing service or serializer belongs: the step that asked for it.
FIELD_STEPS = {
    "applicant": "applicant",
    "applicants": "applicant",
    "representatives": "applicant",
    "respondent": "respondent",
    "respondents": "respondent",
    "claims": "claims",
    "facts": "facts",
    "received_at": "facts",
    "street": "facts",
    "consents": "consents",
    "pre_mediation": "consents",
    "migrant_wage_arrears": "consents",
    "legal_aid": "consents",
}
# The consents page also asks these, which the API takes at the top of the body.
SITUATION = ("migrant_wage_arrears", "legal_aid")


class Wizard:
    """The application as a series of short pages; the draft lives in the session between them.

    A step's input is saved as typed (``raw``) and marked done once it validates; the review step sends
    the whole draft through the API's ``CaseCreateSerializer`` and the filing service, and an error
    either of them finds sends the user back to the step that owns the field.
    """

    def __init__(self, session: SessionBase, *, kind: str, steps: list[WizardStep]) -> None:
        self.session = session
        self.kind = kind
        self.steps = steps
        self.names = [s.name for s in steps]
        self.key = f"case-draft:{kind}"
        self.state: dict[str, Any] = session.get(self.key) or {
            "data": {},
            "done": [],
            "claim_rows": MIN_CLAIM_ROWS,
            "errors": {},
            "to_review": False,
        }

    @classmethod
    def for_filing(cls, session: SessionBase, user: User) -> Wizard:
        """A party files online; an agent names the party it acts for; a first filing gives particulars."""
        first = []
        if user.role == Role.AGENT:
            first = [PARTY_ACTED_FOR]
        elif user.party_id is None:
            first = [OWN_PARTICULARS]
        return cls(session, kind="apply", steps=[*first, RESPONDENT, CLAIMS, FACTS, CONSENTS, REVIEW])

    @classmethod
    def for_counter(cls, session: SessionBase) -> Wizard:
        return cls(
            session, kind="register", steps=[COUNTER_APPLICANT, RESPONDENT, CLAIMS, FACTS, CONSENTS, REVIEW]
        )

    # --- navigation ---------------------------------------------------------------------------------

    def step(self, name: str | None) -> WizardStep:
        """The named step when every step before it is done; otherwise the first one still to do."""
        first_open = next((s for s in self.steps if s.name not in self.state["done"]), self.steps[-1])
        wanted = next((s for s in self.steps if s.name == name), None)
        if wanted is None or self.number(wanted) > self.number(first_open):
            return first_open
        return wanted

    def number(self, step: WizardStep) -> int:
        return self.names.index(step.name) + 1

    def previous(self, step: WizardStep) -> WizardStep:
        return self.steps[max(self.number(step) - 2, 0)]

    def following(self, step: WizardStep) -> WizardStep:
        if self.state["to_review"] and all(s.name in self.state["done"] for s in self.steps[:-1]):
            return self.steps[-1]  # after fixing what the review sent back, straight back to the review
        return self.steps[min(self.number(step), len(self.steps) - 1)]

    # --- the draft ----------------------------------------------------------------------------------

    def saved(self, name: str) -> Any:
        return self.state["data"].get(name)

    def keep(self, step: WizardStep, raw: Any, *, done: bool, claim_rows: int | None = None) -> None:
        self.state["data"][step.name] = raw
        done_steps = [n for n in self.state["done"] if n != step.name]
        self.state["done"] = [*done_steps, step.name] if done else done_steps
        self.state["errors"].pop(step.name, None)
        if claim_rows is not None:
            self.state["claim_rows"] = claim_rows
        self._save()

    def clear(self) -> None:
        self.session.pop(self.key, None)

    def _save(self) -> None:
        self.session[self.key] = self.state

    def bounce(self, fields: dict[str, list[str]]) -> WizardStep:
        """File each field error with its step and return the first such step."""
        routed: dict[str, dict[str, list[str]]] = {}
        for key, messages in (fields or {NON_FIELD: []}).items():
            head, _dot, rest = key.partition(".")
            owner = FIELD_STEPS.get(head)
            if owner is None or owner not in self.names:
                owner, rest = "review", NON_FIELD
            elif owner in ("facts", "claims"):
                rest = key if owner == "facts" else rest
            elif owner == "consents":
                rest = rest or head
            routed.setdefault(owner, {}).setdefault(rest or NON_FIELD, []).extend(str(m) for m in messages)
        self.state["errors"] = routed
        self.state["done"] = [n for n in self.state["done"] if n not in routed or n == "review"]
        self.state["to_review"] = True
        self._save()
        return next(s for s in self.steps if s.name in routed)

    def review_errors(self) -> list[str]:
        return [m for messages in self.state["errors"].get("review", {}).values() for m in messages]

    def body(self) -> dict[str, Any]:
        """The whole draft as the API's ``POST /api/v1/cases/`` body."""
        facts = self.saved("facts") or {}
        consents = dict(self.saved("consents") or {})
        situation = {name: bool(consents.pop(name, False)) for name in SITUATION}
        body: dict[str, Any] = {
            "respondent": self.saved("respondent") or {},
            "claims": [claim_body(row) for row in self.saved("claims") or []],
            "facts": facts.get("facts", ""),
            "street": facts.get("street", ""),
            "consents": {name: bool(value) for name, value in consents.items()},
            **situation,
        }
        if "applicant" in self.names:
            body["applicant"] = self.saved("applicant") or {}
        if self.kind == "register":
            body["received_at"] = facts.get("received_at", "")
        return body

    # --- the form of a step -------------------------------------------------------------------------

    def form(self, step: WizardStep, data: Any = None) -> Any:
        """The step's form: bound to ``data`` (a POST), or showing the draft and any errors sent back."""
        make = self._form_factory(step)
        if data is not None:
            return make(data)
        saved = self.saved(step.name)
        errors = self.state["errors"].get(step.name)
        if step.name == "claims":
            if errors:
                return ClaimRows.with_errors(saved or [], _claim_keys(errors))
            return ClaimRows.unbound(saved or [], count=self.state["claim_rows"])
        if errors and saved is not None:
            form = make(saved)
            form.is_valid()
            add_errors(form, errors)
            return form
        return make(None, initial=saved or self._defaults(step))

    def _form_factory(self, step: WizardStep) -> Any:
        if step.name == "claims":
            return ClaimRows.bound
        return {
            "applicant": PartyForm,
            "respondent": PartyForm,
            "facts": CounterFactsForm if self.kind == "register" else FactsForm,
            "consents": ConsentsForm,
        }.get(step.name, lambda *args, **kwargs: None)

    def _defaults(self, step: WizardStep) -> dict[str, Any]:
        if step.name == "applicant":
            return {"kind": PartyKind.PERSON}
        if step.name == "respondent":
            return {"kind": PartyKind.ORGANISATION}
        if step.name == "facts" and self.kind == "register":
            return {"received_at": clock.now().astimezone(clock.LEGAL_TZ).strftime(DATETIME_LOCAL)}
        return {}


def _claim_keys(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    return {("" if key == NON_FIELD else key): messages for key, messages in errors.items()}


# --- steps on the case page -------------------------------------------------------------------------------

FINDING_LABELS = {
    "facts_clear": _("The facts are clear and the rights and duties plain"),
    "parties_agree": _("Both parties agree to the simplified procedure"),
    "public_interest": _("The case involves the public interest"),
    "major_social_impact": _("The case has a major social impact"),
    "respondent_whereabouts_unknown": _("The respondent's whereabouts are unknown"),
}


@dataclass(frozen=True)
class StepChoices:
    """The options of the case page's select boxes, loaded once for every form on the page."""

    organisations: list[tuple[Any, str]]
    arbitrators: list[tuple[Any, str]]
    agents: list[tuple[Any, str]] = field(default_factory=list)

    @classmethod
    def load(cls, names: list[str]) -> StepChoices:
        organisations: list[tuple[Any, str]] = []
        arbitrators: list[tuple[Any, str]] = []
        agents: list[tuple[Any, str]] = []
        if EventKind.REFER_TO_MEDIATION in names:
            organisations = [(o.pk, o.name) for o in accounts_selectors.mediation_organisations()]
        if {EventKind.ACCEPT, "tribunal"} & set(names):
            arbitrators = arbitrator_choices()
        if EventKind.BIND_LEGAL_AID_LAWYER in names:
            agents = [(u.pk, f"{u.name}（{u.username}）") for u in accounts_selectors.active_agents()]
        return cls(organisations, arbitrators, agents)


def arbitrator_choices() -> list[tuple[Any, str]]:
    return [(u.pk, u.name) for u in accounts_selectors.active_arbitrators()]


def _arbitrator_fields(choices: list[tuple[Any, str]], *, first_required: bool) -> dict[str, forms.Field]:
    blank: list[tuple[Any, Any]] = [("", _("— none —"))]
    return {
        "arbitrator_1": forms.ChoiceField(
            label=_("Sole or presiding arbitrator"), choices=blank + choices, required=first_required
        ),
        "arbitrator_2": forms.ChoiceField(
            label=_("Second arbitrator"), choices=blank + choices, required=False
        ),
        "arbitrator_3": forms.ChoiceField(
            label=_("Third arbitrator"), choices=blank + choices, required=False
        ),
    }


def _arbitrator_ids(data: dict[str, Any]) -> list[str]:
    return [value for name in ARBITRATOR_FIELDS if (value := data.pop(name, None))]


def _step_field(
    name: str, choices: StepChoices, *, reason_required: bool, shape: serializers.Field | None = None
) -> forms.Field:
    text = forms.Textarea(attrs={"rows": 2})
    if name == "reason":
        label = _("Reason") if reason_required else _("Reason or note (optional)")
        return forms.CharField(label=label, max_length=2000, required=reason_required, widget=text)
    if name in FINDING_LABELS:
        return forms.BooleanField(label=FINDING_LABELS[name], required=False)
    # A party acts for its own side; a clerk names the side whose request made at the counter it records.
    if name == "side" and shape is not None and not shape.required:
        return forms.ChoiceField(
            label=_("For the side (a request made at the counter)"),
            choices=[("", _("My own side")), *Side.choices],
            required=False,
            help_text=_("Clerks: the side that made the request in person or on paper."),
        )
    # The suspension's grounds (R Art. 47) have a tailored field; other steps' grounds come from their shape.
    if name == "ground" and isinstance(shape, serializers.ChoiceField) and set(shape.choices) != set(Ground):
        return field_from_shape(name, shape)
    fields: dict[str, forms.Field] = {
        "mediation_organisation": forms.ChoiceField(
            label=_("Mediation organisation"), choices=[("", _("Choose…")), *choices.organisations]
        ),
        "agent": forms.ChoiceField(
            label=_("The assigned lawyer's account"),
            choices=[("", _("Choose…")), *choices.agents],
            help_text=_("Bound with the mandate pending: the worker or a clerk verifies it."),
        ),
        "summary": forms.CharField(
            label=_("Summary of the agreement"), max_length=5000, required=False, widget=text
        ),
        "procedure": forms.ChoiceField(
            label=_("Procedure"),
            choices=[("", _("Decide from the findings below")), *Procedure.choices],
            required=False,
        ),
        "hearing_at": forms.CharField(
            label=_("Hearing date and time"),
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
            help_text=_("At least 5 days from today (L Art. 35)."),
        ),
        "ground": forms.ChoiceField(
            label=_("Ground (R Art. 47)"), choices=[("", _("Choose…")), *Ground.choices]
        ),
        "days": forms.CharField(
            label=_("Extra days (1 to 15)"), widget=forms.NumberInput(attrs={"min": 1, "max": 15})
        ),
        "items": forms.CharField(
            label=_("What to supplement, one item per line"),
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("Everything at once: the applicant is told in one go (R Art. 29)."),
        ),
        "defence_days": forms.CharField(
            label=_("Days for the defence"),
            required=False,
            initial=10,
            widget=forms.NumberInput(attrs={"min": 0, "max": 10}),
            help_text=_("10 days; only the simplified procedure may shorten it."),
        ),
        "text": forms.CharField(
            label=_("Defence"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
        ),
        "side": forms.ChoiceField(label=_("Joins as"), choices=Side.choices),
        "party_kind": forms.ChoiceField(label=_("Person or organisation"), choices=PartyKind.choices),
        "party_name": forms.CharField(label=_("Name"), max_length=200),
        "party_id_number": forms.CharField(
            label=_("Resident ID number (person)"), max_length=30, required=False
        ),
        "party_credit_code": forms.CharField(
            label=_("Unified social credit code (organisation)"), max_length=30, required=False
        ),
        "party_legal_representative": forms.CharField(
            label=_("Legal representative (organisation)"), max_length=100, required=False
        ),
        "party_phone": forms.CharField(label=_("Mobile"), max_length=20, required=False),
        "party_address": forms.CharField(label=_("Address"), max_length=300, required=False),
        "interruptions": forms.CharField(
            label=_("Interruptions, one date per line"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        ),
        "suspensions": forms.CharField(
            label=_("Suspensions, one per line: began ended"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("e.g. 2025-03-01 2025-04-15"),
        ),
    }
    if name in fields:
        return fields[name]
    if shape is None:
        raise KeyError(f"the step's input has no field {name!r}")
    return field_from_shape(name, shape)


def field_from_shape(name: str, shape: serializers.Field) -> forms.Field:
    """A form field for an input a registered step declares and this page has no tailored field for: it
    only collects the value; the step's input shape still decides what is valid."""
    label = shape.label or name.replace("_", " ").capitalize()
    common: dict[str, Any] = {
        "label": label,
        "required": bool(shape.required),
        "help_text": shape.help_text or "",
    }
    if isinstance(shape, serializers.BooleanField):
        return forms.BooleanField(**{**common, "required": False})
    if isinstance(shape, serializers.ChoiceField):
        return forms.ChoiceField(choices=[("", _("Choose…")), *shape.choices.items()], **common)
    if isinstance(shape, serializers.ListField) and isinstance(shape.child, serializers.ChoiceField):
        choices = list(shape.child.choices.items())
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if isinstance(shape, serializers.IntegerField):
        return forms.CharField(widget=forms.NumberInput(), **common)
    if isinstance(shape, serializers.DateTimeField):
        return forms.CharField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **common)
    if isinstance(shape, serializers.DateField):
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    max_length = getattr(shape, "max_length", None)
    long_text = max_length is None or max_length > 200
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}) if long_text else None, **common)


class StepForm(SerializerForm):
    """The inputs of one transition or action on the case page, checked by that step's API serializer."""

    error_aliases = {"arbitrators": "arbitrator_1"}

    def __init__(
        self,
        data: Any = None,
        *,
        name: str,
        choices: StepChoices,
        claims: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(data, auto_id=f"id_{name}_%s")
        self.name = name
        step = STEPS.get(name)
        if step is None:
            raise KeyError(name)
        self.step = step
        self.serializer_class = step.input
        reason = step.input().fields.get("reason")
        reason_required = bool(reason and reason.required)
        shape = self.serializer_class()
        for field_name in step.fields or tuple(shape.fields):
            if field_name in ARBITRATOR_FIELDS:
                if field_name == "arbitrator_1":
                    self.fields.update(_arbitrator_fields(choices.arbitrators, first_required=False))
                continue
            self.fields[field_name] = _step_field(
                field_name, choices, reason_required=reason_required, shape=shape.fields.get(field_name)
            )
        self.claim_rows: ClaimRows | None = None
        if name in (EventKind.AMEND_CLAIMS, EventKind.FILE_COUNTER_APPLICATION):
            shown = (claims or []) if name == EventKind.AMEND_CLAIMS else []  # a counter-claim starts blank
            self.claim_rows = (
                ClaimRows.bound(data, prefix="claim")
                if data is not None
                else ClaimRows.unbound(shown, count=len(shown) + 1, prefix="claim")
            )

    @property
    def is_transition(self) -> bool:
        return self.step.transition

    def clean(self) -> dict[str, Any] | None:
        if self.claim_rows is not None and not self.claim_rows.is_valid():
            # The rows show their own errors; the serializer is only worth asking about valid rows.
            self.add_error(None, gettext("Check the claims below."))
            return self.cleaned_data
        return super().clean()

    def serializer_input(self) -> dict[str, Any]:
        data = super().serializer_input()
        arbitrators = _arbitrator_ids(data)
        if arbitrators:
            data["arbitrators"] = arbitrators
        if "items" in data:
            data["items"] = [line.strip() for line in data["items"].splitlines() if line.strip()]
        if "interruptions" in data:
            data["interruptions"] = data["interruptions"].split()
        if "suspensions" in data:
            pairs = [line.split() for line in data["suspensions"].splitlines() if line.strip()]
            data["suspensions"] = [dict(zip(("began", "ended"), pair, strict=False)) for pair in pairs]
        if self.claim_rows is not None:
            data["claims"] = [claim_body(row) for row in self.claim_rows.raw()]
        if "party_kind" in data:
            data["party"] = {name: data.pop(f"party_{name}", "") for name in PARTY_FIELDS}
            for number in ("id_number", "credit_code"):
                data["party"][number] = data["party"][number] or None
        return data

    def add_field_errors(self, fields: dict[str, list[str]]) -> None:
        own = {}
        for key, messages in fields.items():
            head, _dot, rest = key.partition(".")
            if self.claim_rows is not None and head == "claims":
                self.claim_rows.add_errors({rest: messages})
            elif head == "party" and rest:
                own[f"party_{rest}"] = messages
            else:
                own[key] = messages
        super().add_field_errors(own)


class ConsentForm(SerializerForm):
    """A party's (or its agent's) own consents on the case page."""

    serializer_class = ConsentsInputSerializer

    async_hearing = forms.BooleanField(label=_("I agree to an asynchronous online hearing"), required=False)
    electronic_service = forms.BooleanField(
        label=_("I agree to electronic service of documents"), required=False
    )

    def serializer_input(self) -> dict[str, Any]:
        return dict(self.cleaned_data)  # an unticked box withdraws that consent


class MandateForm(SerializerForm):
    """Verify or reject an agent's mandate: the party itself, or a clerk who checked the document."""

    serializer_class = MandateDecisionSerializer

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("verified", _("Verify the mandate")), ("rejected", _("Reject the mandate"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What was checked (the signed power of attorney, the agent's ID)"),
        required=False,
        max_length=300,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_mandate_%s")
        super().__init__(*args, **kwargs)


class TribunalForm(SerializerForm):
    """One arbitrator, or three with the first presiding."""

    serializer_class = TribunalSerializer
    error_aliases = {"arbitrators": "arbitrator_1"}

    def __init__(self, *args: Any, arbitrators: list[tuple[Any, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_tribunal_%s")
        super().__init__(*args, **kwargs)
        self.fields.update(_arbitrator_fields(arbitrators, first_required=True))

    def serializer_input(self) -> dict[str, Any]:
        data = super().serializer_input()
        return {"arbitrators": _arbitrator_ids(data)}


# --- filters and the holiday calendar ---------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    """The list pages' GET filters; a value that does not validate is simply not applied."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    procedure = forms.ChoiceField(
        label=_("Procedure"), required=False, choices=[("", _("Any procedure")), *Procedure.choices]
    )
    search = forms.CharField(label=_("Case number or party"), required=False, max_length=100)
    # The docket's: closed cases (mediated, rejected, withdrawn, closed) are hidden unless asked for.
    closed = forms.BooleanField(label=_("Show closed cases"), required=False)

    def __init__(self, *args: Any, statuses: list[tuple[str, Any]], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [("", _("Any status")), *statuses]

    def filters(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        values = self.cleaned_data
        return {
            "status": [values["status"]] if values.get("status") else None,
            "procedure": values.get("procedure") or None,
            "search": values.get("search") or None,
        }

    def show_closed(self) -> bool:
        return self.is_bound and self.is_valid() and bool(self.cleaned_data.get("closed"))


# --- issue 16: the service review and its follow-up -----------------------------------------------------


class ReviewForm(SerializerForm):
    """A party's rating of the service after closure (好差评)."""

    serializer_class = ServiceReviewSerializer

    rating = forms.ChoiceField(
        label=_("How was our service?"), choices=Rating.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowUpForm(SerializerForm):
    """A supervisor's follow-up of a bad rating."""

    serializer_class = FollowUpSerializer

    note = forms.CharField(
        label=_("Follow-up"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who was called, what was found, what was done."),
    )
