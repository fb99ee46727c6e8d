"""What the system writes on a case's timeline is read in the reader's language (issue 14, point 4): the
clerk accepts in Chinese, and an English reader reads the procedure chosen, and why, in English, on the
page and through the API; text a person typed stays as typed."""

from __future__ import annotations

import pytest

from cases.models import CaseEvent
from tests.cases.test_procedure_rules import claims, step
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db


def accept_event(user, case_id, language):
    timeline = api(user, language=language).get(f"/api/v1/cases/{case_id}/events/").json()
    rows = timeline["results"] if isinstance(timeline, dict) else timeline
    return next(e for e in rows if e["kind"] == "accept")


def test_the_procedure_reason_written_in_chinese_reads_in_english(personas, travel, client):
    case_id = file_case(personas.applicant, claims=claims("9000.00", "3000.00"))
    step(personas.clerk, case_id, "accept", {"facts_clear": True, "reason": "材料齐全，予以受理"})
    stored = CaseEvent.objects.get(case_id=case_id, kind="accept")
    assert stored.data["procedure_reason"].startswith("简易处理")  # written in the clerk's language

    english = accept_event(personas.applicant, case_id, "en")
    assert english["data"]["procedure_reason"] == (
        "Simplified procedure (R Art. 56): the facts and rights are clear with little dispute; "
        "the claims total 12000.00 yuan, within 126000.00."
    )
    assert english["reason"] == "材料齐全，予以受理"  # what a person typed is shown as typed
    chinese = accept_event(personas.applicant, case_id, "zh-hans")
    assert chinese["data"]["procedure_reason"] == stored.data["procedure_reason"]
    assert "；" in chinese["data"]["procedure_reason"]  # the Chinese list separator

    client.force_login(personas.applicant)
    client.cookies["django_language"] = "en"
    page = client.get(f"/cases/{case_id}/").content.decode()
    assert "Simplified procedure (R Art. 56)" in page and "简易处理（" not in page
