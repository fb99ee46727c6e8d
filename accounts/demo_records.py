"""The shapes the demo people and organisations are written in (``accounts/demo_data.py``, and the
workers and employers of ``cases/demo_data.py``), apart from the data so that both can import them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.identifiers import credit_code_check_character, ric_check_character
from accounts.models import PartyKind

PERSON, ORG = PartyKind.PERSON, PartyKind.ORGANISATION


def id_number(first17: str) -> str:
    """A resident ID number from its first 17 characters: the data cannot get a check character wrong."""
    return first17 + ric_check_character(first17)


def credit_code(first17: str) -> str:
    """A unified social credit code from its first 17 characters (check character computed)."""
    return first17 + credit_code_check_character(first17)


@dataclass(frozen=True)
class DemoParty:
    kind: str
    name: str
    number17: str
    phone: str = ""
    address: str = ""
    legal_representative: str = ""

    @property
    def number(self) -> str:
        return id_number(self.number17) if self.kind == PartyKind.PERSON else credit_code(self.number17)

    def as_input(self) -> dict[str, Any]:
        """The party as an application names it (``services.case_file``)."""
        data: dict[str, Any] = {
            "kind": self.kind,
            "name": self.name,
            "phone": self.phone,
            "address": self.address,
        }
        if self.kind == PartyKind.PERSON:
            data["id_number"] = self.number
        else:
            data["credit_code"] = self.number
            data["legal_representative"] = self.legal_representative
        return data


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    street: str
    address: str


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    display_name: str
    party: str | None = None  # a key of PARTIES
    phone: str = ""
    organisation: str | None = None  # a key of ORGANISATIONS (a mediator's)
