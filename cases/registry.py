"""The case's step registry: every step a user can take on a case, whichever app owns it.

A *step* is a transition of the case's state machine (``accept``, ``issue_award``…) or a procedural action
that leaves the status alone (``serve_application``, ``file_defence``…). Each app registers the steps it
owns from its ``AppConfig.ready()`` (in its ``steps.py``); the API, the case page, the event timeline and
"what may I do now" (``cases.options``) all read them from here, so a step's name is written once.

A transition step names a transition declared on ``Case`` (its guards and permission stay on the model);
a transition with no registered step is not offered anywhere. An action step carries its own statuses,
permission and conditions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

if TYPE_CHECKING:
    from rest_framework import serializers

    from accounts.models import User
    from cases.conditions import Condition
    from cases.models import Case, CaseEvent

Label = str | Promise


@dataclass(frozen=True)
class Step:
    """One step, as every layer needs it.

    ``service(case=, user=, **validated_input)`` does the work and returns the case, or a value that
    ``present`` turns into extra fields of the answer (e.g. the access codes printed on served notices).
    ``input`` is the step's input shape (a serializer from the owning app's ``inputs.py``); ``fields`` is
    the order the case page asks for them (default: the shape's own fields). ``describe`` renders the
    event the step records as the timeline's detail lines, beyond its label.
    """

    name: str
    label: Label
    service: Callable[..., Any]
    input: type[serializers.Serializer]
    transition: bool = False
    statuses: tuple[str, ...] = ()
    permission: Callable[[Case, User], bool] | None = None
    conditions: tuple[Condition, ...] = ()
    fields: tuple[str, ...] | None = None
    describe: Callable[[CaseEvent], list[str]] | None = None
    present: Callable[[Any], dict[str, Any]] | None = None
    owner: str = ""

    @classmethod
    def named(cls, kind: Any, **fields: Any) -> Step:
        """A step named and labelled by a member of an event-kind enumeration (``EventKind.ACCEPT``)."""
        return cls(name=kind.value, label=kind.label, **fields)

    def __post_init__(self) -> None:
        if not self.transition and (self.permission is None or not self.statuses):
            raise ValueError(f"action step {self.name!r} needs statuses and a permission")


@dataclass
class StepRegistry:
    _steps: dict[str, Step] = field(default_factory=dict)
    # Labels of events that are not steps (filing, binding…), by kind.
    _event_labels: dict[str, Label] = field(default_factory=dict)

    def register(self, step: Step, *, replace: bool = False) -> Step:
        """Add a step; a second registration of one name is a mistake unless ``replace`` says otherwise."""
        if step.name in self._steps and not replace:
            raise ValueError(f"step {step.name!r} is already registered by {self._steps[step.name].owner!r}")
        if step.transition:
            from cases.models import Case

            names = {t.name for t in Case().get_all_status_transitions()}
            if step.name not in names:
                raise ValueError(f"{step.name!r} is not a transition of Case")
        self._steps[step.name] = step
        return step

    def unregister(self, name: str) -> None:
        """Withdraw a step: it is no longer offered, and the API answers 404 for it."""
        self._steps.pop(name, None)

    def register_event(self, kind: str, label: Label) -> None:
        """Name an event kind that no step records (so the timeline reads it)."""
        self._event_labels[kind] = label

    def get(self, name: str) -> Step | None:
        return self._steps.get(name)

    def transitions(self) -> list[Step]:
        return [s for s in self._steps.values() if s.transition]

    def actions(self) -> list[Step]:
        return [s for s in self._steps.values() if not s.transition]

    def event_label(self, kind: str) -> str:
        step = self._steps.get(kind)
        if step is not None:
            return str(step.label)
        return str(self._event_labels.get(kind, kind))

    @contextmanager
    def scoped(self) -> Iterator[StepRegistry]:
        """Registrations made inside the block are undone after it (for tests that plug in a step)."""
        steps, labels = dict(self._steps), dict(self._event_labels)
        try:
            yield self
        finally:
            self._steps, self._event_labels = steps, labels


STEPS = StepRegistry()


# --- links from the case page to the pages of other apps ---------------------------------------------------


@dataclass(frozen=True)
class CaseLink:
    """A page of another app about one case, linked from the case page under the heading ``section``.

    ``url_name`` is reversed with the case's primary key. ``permission(case, user)`` decides who is shown
    the link (the page itself still checks). ``after_filing`` links are also offered, prominently, to
    whoever has just filed the case online (e.g. "add evidence now").
    """

    name: str
    section: Label
    label: Label
    url_name: str
    permission: Callable[[Case, User], bool] | None = None
    description: Label = ""
    after_filing: bool = False
    position: int = 50
    owner: str = ""


@dataclass(frozen=True)
class ShownLink:
    link: CaseLink
    url: str


@dataclass
class CaseLinkRegistry:
    _links: dict[str, CaseLink] = field(default_factory=dict)

    def register(self, link: CaseLink, *, replace: bool = False) -> CaseLink:
        if link.name in self._links and not replace:
            raise ValueError(
                f"case link {link.name!r} is already registered by {self._links[link.name].owner!r}"
            )
        self._links[link.name] = link
        return link

    def unregister(self, name: str) -> None:
        self._links.pop(name, None)

    def for_case(self, case: Case, user: User, *, after_filing: bool = False) -> list[ShownLink]:
        """The links this user is shown on this case's page (only the ``after_filing`` ones if asked)."""
        shown = []
        for link in sorted(self._links.values(), key=lambda item: item.position):
            if after_filing and not link.after_filing:
                continue
            if link.permission is not None and not link.permission(case, user):
                continue
            try:
                url = reverse(link.url_name, args=[case.pk])
            except NoReverseMatch:  # the app's pages are not installed
                continue
            shown.append(ShownLink(link, url))
        return shown

    @contextmanager
    def scoped(self) -> Iterator[CaseLinkRegistry]:
        """Registrations made inside the block are undone after it (for tests that plug in a link)."""
        saved = dict(self._links)
        try:
            yield self
        finally:
            self._links = saved


CASE_LINKS = CaseLinkRegistry()


# --- documents other apps make about a case -----------------------------------------------------------------


@dataclass(frozen=True)
class SourcedDocument:
    """One finished document of another app: ``key`` names it within its source (e.g. ``session:12``)."""

    key: str
    content: bytes


@dataclass(frozen=True)
class DocumentSource:
    """A kind of formal document another app makes (the hearing record, the 调解书), so the case's document
    list can hold it without its app importing that one.

    After an event of a kind in ``after`` (e.g. ``conclude_hearing``), ``documents(case)`` gives the case's
    documents of this kind that are final by then; ``render(key)`` makes one again, byte for byte (``None``
    when it no longer exists), so its stored fingerprint can be checked.
    """

    kind: str
    title: Label
    after: tuple[str, ...]
    documents: Callable[[Case], list[SourcedDocument]]
    render: Callable[[str], bytes | None]
    owner: str = ""


@dataclass
class DocumentSourceRegistry:
    _sources: dict[str, DocumentSource] = field(default_factory=dict)

    def register(self, source: DocumentSource, *, replace: bool = False) -> DocumentSource:
        if source.kind in self._sources and not replace:
            raise ValueError(
                f"document kind {source.kind!r} is already registered by {self._sources[source.kind].owner!r}"
            )
        self._sources[source.kind] = source
        return source

    def get(self, kind: str) -> DocumentSource | None:
        return self._sources.get(kind)

    def after(self, event_kind: str) -> list[DocumentSource]:
        return [s for s in self._sources.values() if event_kind in s.after]

    def all(self) -> list[DocumentSource]:
        return list(self._sources.values())


DOCUMENT_SOURCES = DocumentSourceRegistry()


# --- what the parties said about their claims (the hearing's statements) ------------------------------------


@dataclass(frozen=True)
class ElementPosition:
    """A side's position on one element of one claim (``claim`` is the claim's id), as a statement gave it."""

    claim: int
    element: str
    position: str


@dataclass(frozen=True)
class PartyStatement:
    """One statement of a party on the case's claims: a statement, defence, final statement or answer of
    the hearing, with the element positions it states (if any). ``ref`` names it within its source."""

    side: str
    kind: str
    kind_label: Label
    text: str
    submitted_at: datetime
    ref: str = ""
    elements: tuple[ElementPosition, ...] = ()


@dataclass
class PartyStatementRegistry:
    """Providers of the parties' statements on a case (the hearings app fills it), so the award drafting
    reads them without importing that app. ``statements(case)`` gives them all, oldest first."""

    _providers: dict[str, Callable[[Case], list[PartyStatement]]] = field(default_factory=dict)

    def register(
        self, name: str, provider: Callable[[Case], list[PartyStatement]], *, replace: bool = False
    ) -> None:
        if name in self._providers and not replace:
            raise ValueError(f"party statements provider {name!r} is already registered")
        self._providers[name] = provider

    def unregister(self, name: str) -> None:
        self._providers.pop(name, None)

    def statements(self, case: Case) -> list[PartyStatement]:
        found = [s for provider in self._providers.values() for s in provider(case)]
        return sorted(found, key=lambda s: s.submitted_at)


PARTY_STATEMENTS = PartyStatementRegistry()


# --- what a party must do, beyond the deadline engine (issue 14, point 2) -------------------------------


@dataclass(frozen=True)
class PartyAction:
    """Something a party must do in a case that another app keeps (a mediation agreement to confirm…),
    listed on the party's home page beside its deadlines. ``url`` is where it is done."""

    case_id: int
    kind: str
    label: Label
    url: str
    due_on: date | None = None


# A source gives the actions due from ``user``, who acts for ``sides`` (the sides it acts for, by case id),
# in a fixed number of queries whatever the number of cases.
PartyActionSource = Callable[["User", dict[int, set[str]]], list[PartyAction]]


@dataclass
class PartyActionRegistry:
    _sources: dict[str, PartyActionSource] = field(default_factory=dict)

    def register(self, name: str, source: PartyActionSource, *, replace: bool = False) -> None:
        if name in self._sources and not replace:
            raise ValueError(f"party action source {name!r} is already registered")
        self._sources[name] = source

    def unregister(self, name: str) -> None:
        self._sources.pop(name, None)

    def actions(self, user: User, sides: dict[int, set[str]]) -> list[PartyAction]:
        return [action for source in self._sources.values() for action in source(user, sides)]


PARTY_ACTIONS = PartyActionRegistry()


# --- steps taken on every member of a group of linked cases (串案) --------------------------------------


@dataclass(frozen=True)
class GroupAction:
    """One step taken on every member of a group of linked cases (``cases.services.groups.group_act``).

    ``run(case=, user=, **input, **prepared)`` is the member's own step (its service records the event on
    the member's timeline); ``prepare(group=, user=, members=, **input)`` runs once before the members and
    gives extra keyword arguments for every ``run`` (e.g. the joint hearing it opens); ``after(group=,
    user=, results=, **input, **prepared)`` once after them. ``permission(group, user)`` says who may ask
    for it on the group at all; each member's service still checks its own case.
    """

    name: str
    label: Label
    input: type[serializers.Serializer]
    run: Callable[..., Any]
    permission: Callable[[Any, User], bool]
    prepare: Callable[..., dict[str, Any]] | None = None
    after: Callable[..., dict[str, Any] | None] | None = None
    present: Callable[[Any], dict[str, Any]] | None = None
    owner: str = ""
    # The group page's form for it, when the owning app gives one: ``page_template`` renders the form's
    # fields with ``form`` = ``page_context(group, members)``, and ``page_body(post)`` reads what was posted
    # into the action's input (which then validates it, as the API's body).
    page_template: str = ""
    page_context: Callable[[Any, list[Any]], dict[str, Any]] | None = None
    page_body: Callable[[Any], dict[str, Any]] | None = None


@dataclass
class GroupActionRegistry:
    _actions: dict[str, GroupAction] = field(default_factory=dict)

    def register(self, action: GroupAction, *, replace: bool = False) -> GroupAction:
        if action.name in self._actions and not replace:
            raise ValueError(f"group action {action.name!r} is already registered")
        self._actions[action.name] = action
        return action

    def get(self, name: str) -> GroupAction | None:
        return self._actions.get(name)

    def all(self) -> list[GroupAction]:
        return list(self._actions.values())


GROUP_ACTIONS = GroupActionRegistry()
