"""An accepted case between the personas' worker and employer, and a client that uploads like a phone."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from cases import services
from cases.models import Case
from tests.helpers import api

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + "工资条 2026-10".encode() * 2000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 4000  # a Windows program, named .pdf below


@pytest.fixture
def case(personas) -> Case:
    worker, employer = personas.applicant.party, personas.respondent.party
    case = services.case_file(
        user=personas.applicant,
        respondent={"kind": "organisation", "name": employer.name, "credit_code": employer.credit_code},
        claims=[services.ClaimInput(category="wage_arrears", description="三个月工资")],
        facts="拖欠工资",
    )
    assert worker.pk == case.parties.get(side="applicant").party_id
    services.take_step(case=case, user=personas.clerk, name="accept", data={"procedure": "ordinary"})
    services.case_set_tribunal(
        case=Case.objects.get(pk=case.pk), user=personas.clerk, arbitrators=[personas.arbitrator]
    )
    return Case.objects.get(pk=case.pk)


@dataclass
class Upload:
    declared: Any  # the declare response
    body: dict[str, Any]

    @property
    def id(self) -> int:
        return self.body["id"]


def declare(
    user,
    case_id: int,
    data: bytes,
    *,
    filename: str = "工资条.pdf",
    content_type: str = "application/pdf",
    **extra: Any,
):
    body = {
        "title": extra.pop("title", "2026年10月工资条"),
        "purpose": extra.pop("purpose", "证明申请人月工资为8000元"),
        "filename": filename,
        "content_type": content_type,
        "size": extra.pop("size", len(data)),
        "sha256": extra.pop("sha256", hashlib.sha256(data).hexdigest()),
        **extra,
    }
    return api(user).post(f"/api/v1/cases/{case_id}/evidence/", body, format="json")


def put(declared: dict[str, Any], data: bytes) -> requests.Response:
    """What the phone does: straight to storage, with exactly the headers it was given."""
    upload = declared["upload"]
    return requests.request(upload["method"], upload["url"], data=data, headers=upload["headers"], timeout=30)


def finalize(user, item_id: int):
    return api(user).post(f"/api/v1/evidence/{item_id}/finalize/", {}, format="json")


def submit(user, case_id: int, data: bytes = PDF, **kwargs: Any) -> dict[str, Any]:
    declared = declare(user, case_id, data, **kwargs)
    assert declared.status_code == 201, declared.json()
    assert put(declared.json(), data).status_code == 200
    done = finalize(user, declared.json()["id"])
    assert done.status_code == 200, done.json()
    return done.json()
