"""Cross-examination (质证), corrections, who sees what, and retention at closure."""

from __future__ import annotations

import json

import pytest
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from cases import services as case_services
from cases.models import Case
from evidence.api.serializers import EvidenceSerializer, OpinionOutSerializer
from evidence.models import EvidenceItem
from tests.evidence.conftest import PDF, PNG, declare, submit
from tests.helpers import api, make_user

pytestmark = pytest.mark.django_db

AGREE_ALL = {"authenticity": "agree", "legality": "agree", "relevance": "agree"}


def opine(user, item_id: int, body: dict):
    return api(user).post(f"/api/v1/evidence/{item_id}/opinions/", body, format="json")


def test_the_other_side_records_its_opinion_once_and_the_tribunal_sees_the_matrix(personas, case):
    slip = submit(personas.applicant, case.pk)
    photo = submit(
        personas.applicant, case.pk, PNG, filename="考勤.png", content_type="image/png", title="考勤照片"
    )
    contract = submit(personas.respondent, case.pk, title="劳动合同")
    assert [slip["number"], photo["number"], contract["number"]] == [1, 2, 1]  # numbered per side

    disagreed = opine(
        personas.respondent,
        slip["id"],
        {"authenticity": "disagree", "legality": "agree", "relevance": "agree", "reason": "工资条无公司盖章"},
    )
    assert disagreed.status_code == 201, disagreed.json()
    assert (disagreed.json()["side"], disagreed.json()["authenticity"]) == ("respondent", "disagree")
    # Once per side per item.
    assert opine(personas.respondent, slip["id"], AGREE_ALL).status_code == 409
    # Not on one's own evidence; a disagreement needs a reason; staff do not cross-examine.
    own = opine(personas.applicant, slip["id"], AGREE_ALL)
    assert own.status_code == 400 and "item" in own.json()["fields"]
    no_reason = opine(personas.applicant, contract["id"], {**AGREE_ALL, "relevance": "disagree"})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["fields"]
    assert opine(personas.arbitrator, contract["id"], AGREE_ALL).status_code == 403
    assert opine(personas.outsider, contract["id"], AGREE_ALL).status_code == 404
    bad = opine(personas.applicant, contract["id"], {**AGREE_ALL, "legality": "maybe"})
    assert bad.status_code == 400 and "legality" in bad.json()["fields"]
    assert opine(personas.applicant, contract["id"], AGREE_ALL).status_code == 201

    # The matrix: every item with the opinions given on it, for the tribunal.
    rows = api(personas.arbitrator).get(f"/api/v1/cases/{case.pk}/evidence/").json()["results"]
    matrix = {
        row["title"]: [(o["side"], o["authenticity"], o["legality"], o["relevance"]) for o in row["opinions"]]
        for row in rows
    }
    assert matrix == {
        "2026年10月工资条": [("respondent", "disagree", "agree", "agree")],
        "考勤照片": [],
        "劳动合同": [("applicant", "agree", "agree", "agree")],
    }
    kinds = list(Case.objects.get(pk=case.pk).events.values_list("kind", flat=True))
    assert kinds.count("evidence_submitted") == 3 and kinds.count("evidence_opinion") == 2


def test_the_catalogue_rows_built_by_hand_are_what_the_declared_fields_give(personas, case):
    """EvidenceSerializer builds its rows by hand (a page's Python time); its fields, which the schema
    shows, must give the same, opinions, corrections and pending declarations included."""
    slip = submit(personas.applicant, case.pk)
    contract = submit(personas.respondent, case.pk, title="劳动合同")
    disagreed = {**AGREE_ALL, "legality": "disagree", "reason": "无章"}
    assert opine(personas.respondent, slip["id"], disagreed).status_code == 201
    assert opine(personas.applicant, contract["id"], AGREE_ALL).status_code == 201
    submit(
        personas.applicant,
        case.pk,
        PNG,
        filename="工资条.png",
        content_type="image/png",
        supersedes=slip["id"],
    )
    declare(personas.respondent, case.pk, PDF, title="未上传")
    for user in (personas.respondent, personas.arbitrator):
        rows = api(user).get(f"/api/v1/cases/{case.pk}/evidence/", {"page_size": 3}).json()["results"]
        items = [EvidenceItem.objects.get(pk=row["id"]) for row in rows]
        by_fields = [
            {
                **serializers.ModelSerializer.to_representation(EvidenceSerializer(), item),
                "opinions": OpinionOutSerializer(item.opinions.order_by("id"), many=True).data,
            }
            for item in items
        ]
        assert rows == json.loads(JSONRenderer().render(by_fields)), user.username
    rows = api(personas.arbitrator).get(f"/api/v1/cases/{case.pk}/evidence/").json()["results"]
    assert [len(row["opinions"]) for row in rows] == [1, 0, 1, 0]  # the slip, its correction, the contract
    assert rows[0]["superseded_by"] == rows[1]["id"] and rows[3]["status"] == "pending"


def test_no_opinion_on_an_item_not_yet_available(personas, case):
    pending = declare(personas.applicant, case.pk, PDF).json()
    # The other side does not see it at all yet; the submitter cannot cross-examine it either.
    assert opine(personas.respondent, pending["id"], AGREE_ALL).status_code == 404


def test_a_correction_supersedes_the_old_version_and_both_stay_in_the_history(personas, case):
    first = submit(personas.applicant, case.pk)
    corrected = submit(
        personas.applicant,
        case.pk,
        PNG,
        filename="工资条(清晰版).png",
        content_type="image/png",
        supersedes=first["id"],
    )
    assert corrected["supersedes"] == first["id"]
    rows = {
        row["id"]: row
        for row in api(personas.respondent).get(f"/api/v1/cases/{case.pk}/evidence/").json()["results"]
    }
    assert rows[first["id"]]["superseded_by"] == corrected["id"]
    assert rows[first["id"]]["status"] == "available"  # never deleted
    # Only one correction of one item; never another side's item.
    again = declare(personas.applicant, case.pk, PDF, supersedes=first["id"])
    assert again.status_code == 409
    theirs = declare(personas.respondent, case.pk, PDF, supersedes=corrected["id"])
    assert theirs.status_code == 400 and "supersedes" in theirs.json()["fields"]


def test_who_sees_the_evidence(personas, case):
    item = submit(personas.applicant, case.pk)
    pending = declare(personas.respondent, case.pk, PDF).json()
    expectations = {
        personas.applicant: {item["id"]},
        personas.respondent: {item["id"], pending["id"]},  # its own declaration too
        personas.clerk: {item["id"], pending["id"]},
        personas.arbitrator: {item["id"], pending["id"]},
        personas.supervisor: {item["id"], pending["id"]},
        personas.admin: {item["id"], pending["id"]},
    }
    for user, expected in expectations.items():
        response = api(user).get(f"/api/v1/cases/{case.pk}/evidence/")
        assert response.status_code == 200, user.username
        assert {row["id"] for row in response.json()["results"]} == expected, user.username
    for user in (personas.outsider, personas.arbitrator2, personas.mediator, personas.agent):
        assert api(user).get(f"/api/v1/cases/{case.pk}/evidence/").status_code == 404, user.username
        assert api(user).get(f"/api/v1/evidence/{item['id']}/download/").status_code == 404, user.username


def test_an_agent_sees_and_submits_only_with_a_verified_mandate(personas):
    worker, employer = personas.applicant.party, personas.respondent.party
    filed = (
        api(personas.agent)
        .post(
            "/api/v1/cases/",
            {
                "applicant": {"kind": "person", "name": worker.name, "id_number": worker.id_number},
                "respondent": {
                    "kind": "organisation",
                    "name": employer.name,
                    "credit_code": employer.credit_code,
                },
                "claims": [{"category": "wage_arrears", "description": "工资"}],
                "facts": "代理申请",
            },
            format="json",
        )
        .json()
    )
    own = submit(personas.applicant, filed["id"])
    assert declare(personas.agent, filed["id"], PDF).status_code == 403
    assert api(personas.agent).get(f"/api/v1/evidence/{own['id']}/").status_code == 404
    agent_id = filed["agents"][0]["id"]
    assert (
        api(personas.applicant)
        .post(
            f"/api/v1/cases/{filed['id']}/agents/{agent_id}/mandate/", {"decision": "verified"}, format="json"
        )
        .status_code
        == 200
    )
    assert api(personas.agent).get(f"/api/v1/evidence/{own['id']}/").status_code == 200
    assert (
        submit(personas.agent, filed["id"], PNG, filename="a.png", content_type="image/png")["side"]
        == "applicant"
    )


def test_a_clerk_records_evidence_handed_in_at_the_counter_for_a_side(personas, case):
    missing = declare(personas.clerk, case.pk, PDF)
    assert missing.status_code == 400 and "side" in missing.json()["fields"]
    item = submit(personas.clerk, case.pk, side="respondent")
    assert item["side"] == "respondent"
    # A party cannot submit for the other side.
    wrong = declare(personas.applicant, case.pk, PDF, side="respondent")
    assert wrong.status_code == 400


def test_closing_the_case_locks_its_evidence_for_the_retention_period(
    personas, case, django_capture_on_commit_callbacks
):
    item = submit(personas.applicant, case.pk)
    with django_capture_on_commit_callbacks(execute=True):
        case_services.take_step(
            case=Case.objects.get(pk=case.pk),
            user=personas.applicant,
            name="withdraw",
            data={"reason": "已和解"},
        )
    closed = Case.objects.get(pk=case.pk)
    stored = EvidenceItem.objects.get(pk=item["id"])
    assert closed.status == "closed" and stored.retained_until is not None
    assert stored.retained_until.year == closed.closed_at.year + 5  # not an award: five years
    # A closed case takes no new evidence.
    assert declare(personas.applicant, case.pk, PDF).status_code == 409
    # The object lock holds: the store refuses to delete that version.
    from core.storage import get_storage

    storage = get_storage()
    with pytest.raises(Exception):  # noqa: B017 - S3Error (AccessDenied) from the store itself
        storage._client.remove_object(storage.bucket, stored.key, version_id=stored.version_id)  # type: ignore[attr-defined]
    assert storage.stat(stored.key) is not None


def test_an_award_case_is_kept_ten_years(personas, case):
    from evidence.services import evidence_retain_case

    item = submit(personas.applicant, case.pk)
    Case.objects.filter(pk=case.pk).update(status="closed", closure_type="award", closed_at=case.accepted_at)
    assert evidence_retain_case(case.pk) == 1
    assert EvidenceItem.objects.get(pk=item["id"]).retained_until.year == case.accepted_at.year + 10
    assert evidence_retain_case(case.pk) == 0  # once


def test_a_user_with_no_part_cannot_declare(personas, case):
    stranger = make_user("stranger-hr", "respondent")
    assert declare(stranger, case.pk, PDF).status_code == 404


def test_the_catalogue_exports_as_a_pdf_with_the_chinese_text_searchable(personas, case):
    import io

    from pypdf import PdfReader

    submit(personas.applicant, case.pk, title="2026年10月工资条", purpose="证明月工资8000元")
    submit(personas.respondent, case.pk, PNG, filename="合同.png", content_type="image/png", title="劳动合同")
    declare(personas.applicant, case.pk, PDF, title="未上传的草稿")  # pending: not in the catalogue
    response = api(personas.arbitrator).get(f"/api/v1/cases/{case.pk}/evidence/catalogue.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "证据目录",
        case.case_number,
        "2026年10月工资条",
        "证明月工资8000元",
        "劳动合同",
        "申请人",
        "被申请人",
    ):
        assert expected in text, expected
    assert "未上传的草稿" not in text
    assert api(personas.outsider).get(f"/api/v1/cases/{case.pk}/evidence/catalogue.pdf").status_code == 404
