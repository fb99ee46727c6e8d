"""Parties see their own business (issue 14, point 3): on the case page a party's own deadlines say "you",
the commission's and the tribunal's say whose they are; staff steps are not offered to parties; statute
tags such as ``L 30`` explain themselves on hover (title) and on tap (details)."""

from __future__ import annotations

import pytest
from django.utils import translation

from cases.templatetags.statutes import chinese_number, statutes
from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db


def served_case(personas) -> int:
    case_id = file_case(personas.applicant, personas.respondent.party.credit_code)
    for path, body in (
        ("transitions/accept", {"arbitrators": [personas.arbitrator.pk]}),
        ("actions/serve_application", {}),
    ):
        assert (
            api(personas.clerk).post(f"/api/v1/cases/{case_id}/{path}/", body, format="json").status_code
            == 200
        )
    return case_id


def deadline_row(page: str, kind: str) -> str:
    return page.partition(f'data-kind="{kind}"')[2].partition("</tr>")[0]


def who_acts(page: str, kind: str) -> str:
    return deadline_row(page, kind).partition('data-testid="who-acts">')[2].partition("</td>")[0]


def test_each_party_reads_whose_deadline_it_is(personas, travel, client):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = served_case(personas)
    client.force_login(personas.respondent)
    respondent_page = client.get(f"/cases/{case_id}/").content.decode()
    assert who_acts(respondent_page, "defence") == "<strong>您</strong>"
    client.force_login(personas.applicant)
    applicant_page = client.get(f"/cases/{case_id}/").content.decode()
    assert who_acts(applicant_page, "defence").startswith("被申请人")
    # The commission's 45-day ruling is the tribunal's to meet, shown as such, not as the applicant's.
    ruling = who_acts(applicant_page, "ruling")
    assert "您" not in ruling and "仲裁庭" in ruling and "仅供参考" in ruling
    assert 'class="deadline deadline-open theirs"' in applicant_page


def test_staff_steps_are_not_offered_to_a_party(personas, travel, client):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = served_case(personas)
    client.force_login(personas.respondent)
    page = client.get(f"/cases/{case_id}/").content.decode()
    assert 'data-step="file_defence"' in page
    for staff_step in ("accept", "reject", "serve_application", "suspend", "issue_award"):
        assert f'data-step="{staff_step}"' not in page


def test_the_defence_deadline_explains_its_statute_tag(personas, travel, client):
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = served_case(personas)
    client.force_login(personas.respondent)
    row = deadline_row(client.get(f"/cases/{case_id}/").content.decode(), "defence")
    assert '<abbr title="《劳动争议调解仲裁法》第三十条">L 30</abbr>' in row
    assert '<span class="statute-text">《劳动争议调解仲裁法》第三十条</span>' in row


@pytest.mark.parametrize(
    ("n", "written"), [(9, "九"), (10, "十"), (29, "二十九"), (30, "三十"), (46, "四十六"), (105, "一百零五")]
)
def test_article_numbers_are_written_in_chinese(n, written):
    assert chinese_number(n) == written


def test_tags_with_ranges_and_both_texts_in_each_language():
    with translation.override("zh-hans"):
        html = str(statutes("L 43, R 45-46"))
    assert 'title="《劳动争议调解仲裁法》第四十三条">L 43</abbr>' in html
    assert 'title="《劳动人事争议仲裁办案规则》第四十五条至第四十六条">R 45-46</abbr>' in html
    assert html.count("<details") == 2 and ", <details" in html
    with translation.override("en"):
        html = str(statutes("R 29"))
    assert 'title="Rules for Handling Labour and Personnel Dispute Arbitration Cases, Art. 29"' in html


def test_text_around_tags_is_escaped():
    assert str(statutes("<b>L 2</b>")).startswith("&lt;b&gt;<details")
