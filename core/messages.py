"""Messages stored untranslated and rendered in the reader's language when read.

A notification is written once, by whoever causes it, and read later by people who may speak another
language. So it keeps the message id (the English source text, marked with ``gettext_noop``) and its
parameters, and is rendered with the language active when it is read (or delivered):

    Message(gettext_noop("served on you: %(doc)s"), doc=Message(gettext_noop("award")))

A parameter that is itself a ``Message`` is translated too, and so is each item of a list parameter
(shown joined by the language's own list separator); any other parameter (a case number, a reason someone
typed) is shown as it is.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext

Spec = dict[str, Any]


class Message:
    """A message id with its parameters; ``str()`` renders it in the active language."""

    def __init__(self, msgid: str, **params: Any) -> None:
        self.msgid = str(msgid)
        self.params = params

    def spec(self) -> Spec:
        """The JSON stored in the row."""
        params = {key: _param(value) for key, value in self.params.items()}
        return {"id": self.msgid, "params": params} if params else {"id": self.msgid}

    def __str__(self) -> str:
        return render(self.spec())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and other.spec() == self.spec()

    def __hash__(self) -> int:
        return hash(self.msgid)


def _param(value: Any) -> Any:
    """A parameter as stored: a message (or a lazy label, e.g. a choice's) by its id, a number as it is,
    anything else as its text."""
    if isinstance(value, Promise):
        value = as_message(value)
    if isinstance(value, Message):
        return value.spec()
    if isinstance(value, list | tuple):
        return [_param(item) for item in value]
    return value if isinstance(value, int | float | bool) or value is None else str(value)


def render(spec: Spec) -> str:
    """A stored message in the active language; a parameter missing from the translation is no error."""
    text = gettext(spec["id"])
    params = spec.get("params")
    if not params:
        return text
    values = {key: _shown(value) for key, value in params.items()}
    try:
        return text % values
    except (KeyError, ValueError, TypeError):
        return spec["id"] % values


def _shown(value: Any) -> Any:
    if isinstance(value, dict):
        return render(value)
    if isinstance(value, list):
        # Translators: the separator of a list of items inside a sentence.
        return gettext("; ").join(str(_shown(item)) for item in value)
    return value


def spec_of(text: Any) -> Spec | None:
    """The stored form of a notification's text: a ``Message``'s spec, nothing for literal text."""
    return text.spec() if isinstance(text, Message) else None


def as_message(text: Any) -> Message | str:
    """A ``gettext_lazy`` string as the ``Message`` of its id (rendered for each reader); a ``Message`` or
    literal text as it is."""
    if isinstance(text, Message | str):
        return text
    args = getattr(text, "_args", None)  # django.utils.functional.lazy keeps the call's arguments
    if isinstance(text, Promise) and args and len(args) == 1 and isinstance(args[0], str):
        return Message(args[0])
    return str(text)
