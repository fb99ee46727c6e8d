"""The mediation agreement as a Chinese PDF: what was agreed, who confirmed, the same bytes each time,
and only for those with a part in the mediation."""

from __future__ import annotations

import pytest

from tests.hearings.test_record import flat, pdftotext
from tests.helpers import api
from tests.mediation.conftest import ITEMS, file_dispute, post, refer

pytestmark = pytest.mark.django_db


def test_the_agreement_pdf_holds_the_items_and_the_confirmations(personas, travel):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    refer(personas, case_id)
    travel.move_to("2026-03-05 10:00 +0800")
    agreement = post(
        personas.mediator,
        f"/api/v1/cases/{case_id}/mediation/agreement/",
        {"items": ITEMS, "terms": "双方再无其他争议。"},
        expect=201,
    )
    post(personas.applicant, f"/api/v1/mediation-agreements/{agreement['id']}/confirm/")
    url = f"/api/v1/mediation-agreements/{agreement['id']}/pdf/"

    response = api(personas.respondent).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = flat(pdftotext(response.content))
    for expected in (
        "调解协议书",
        "支付2026年1月、2月工资",
        "7,800.00",
        "2026-03-20",
        "办理工作交接",
        "双方再无其他争议",
    ):
        assert expected in text, expected
    # The applicant confirmed at 2026-03-05 10:00; the respondent not yet (``flat`` drops the spaces).
    assert "申请人：2026-03-0510:00" in text and "被申请人：尚未确认" in text
    assert api(personas.applicant).get(url).content == response.content  # the same bytes for everyone

    for outsider in (personas.outsider, personas.arbitrator2):
        assert api(outsider).get(url).status_code == 404
