"""The mediation pages through the Django test client: the mediator's workspace (the queue by days left,
one dispute's thread, the agreement form, the outcome), the party's page (messages, confirming, declining,
ending), the case page's link for each role and 404 for anyone with no part, refusals shown next to
their fields with nothing written, and query counts that do not grow with the thread."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases.models import Case, MediationEpisode
from mediation import services
from mediation.models import AgreementPayment, MediationAgreement, MediationMessage
from tests.mediation.conftest import file_dispute, post, refer

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def dispute(personas, travel) -> Case:
    travel.move_to("2026-03-02 09:00 +0800")
    case_id = file_dispute(personas)
    refer(personas, case_id)
    travel.move_to("2026-03-05 10:00 +0800")
    return Case.objects.get(pk=case_id)


def agreement_rows(**rows: dict[str, str]) -> dict[str, str]:
    data = {"terms": ""}
    for index, row in rows.items():
        for key, value in row.items():
            data[f"item-{index[-1]}-{key}"] = value
    return data


PAYMENT = {
    "obligor": "respondent",
    "kind": "payment",
    "amount": "7800.00",
    "due_on": "2026-03-20",
    "description": "支付2026年1月、2月工资",
}


def test_the_workspace_lists_the_referred_disputes_by_days_left(personas, dispute, travel, other_mediator):
    travel.move_to("2026-03-02 09:00 +0800")
    later_id = file_dispute(personas)
    travel.move_to("2026-03-04 09:00 +0800")
    refer(personas, later_id)  # referred two days later: more days left
    travel.move_to("2026-03-05 10:00 +0800")

    html = page(client_for(personas.mediator), "/mediation/")
    first, second = html.index(f'data-case="{dispute.pk}"'), html.index(f'data-case="{later_id}"')
    assert first < second
    assert "剩 12 天" in html or "12 days left" in html
    assert f'href="/cases/{dispute.pk}/mediation/work/"' in html
    # The menu leads mediators to it; another organisation's mediator has an empty queue.
    assert 'href="/mediation/"' in html
    other = page(client_for(other_mediator), "/mediation/")
    assert 'data-testid="queue-empty"' in other
    assert client_for(personas.applicant).get("/mediation/").status_code == 403


def test_each_role_is_led_to_its_page_and_anyone_without_a_part_gets_404(personas, dispute, other_mediator):
    base = f"/cases/{dispute.pk}/mediation/"
    for user, target in (
        (personas.mediator, "work/"),
        (personas.clerk, "work/"),
        (personas.supervisor, "work/"),
        (personas.applicant, "mine/"),
        (personas.respondent, "mine/"),
    ):
        client = client_for(user)
        assert f'href="{base}"' in page(client, f"/cases/{dispute.pk}/"), user
        response = client.get(base)
        assert response.status_code == 302 and response["Location"] == base + target, user
        page(client, base + target)
    # A party is sent to its own page, staff to the dispute's.
    assert client_for(personas.applicant).get(base + "work/")["Location"] == base + "mine/"
    assert client_for(personas.clerk).get(base + "mine/")["Location"] == base + "work/"
    # Staff read the episode, never the confidential thread.
    assert 'id="thread"' not in page(client_for(personas.clerk), base + "work/")
    for stranger in (other_mediator, personas.outsider, personas.agent, personas.arbitrator):
        client = client_for(stranger)
        for url in (base, base + "work/", base + "mine/"):
            assert client.get(url).status_code == 404, (stranger, url)
        assert client.post(base + "messages/", {"text": "x", "to": "both"}).status_code == 404
    assert not MediationMessage.objects.exists()


def test_the_mediator_writes_to_one_party_and_only_that_party_reads_it(personas, dispute):
    mediator = client_for(personas.mediator)
    base = f"/cases/{dispute.pk}/mediation/"
    sent = mediator.post(base + "messages/", {"to": "applicant", "text": "请提供工资条。"})
    message = MediationMessage.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == f"{base}work/?with=applicant#message-{message.pk}"
    assert (message.author_side, message.to) == ("mediator", "applicant")

    assert "请提供工资条。" in page(client_for(personas.applicant), base + "mine/")
    assert "请提供工资条。" not in page(client_for(personas.respondent), base + "mine/")
    # The applicant answers the mediator; the respondent's thread and the joint one stay without it.
    answer = client_for(personas.applicant).post(base + "messages/", {"text": "工资条已上传。"})
    assert answer.status_code == 302 and answer["Location"].startswith(base + "mine/")
    assert "工资条已上传。" in page(mediator, base + "work/?with=applicant")
    assert "工资条已上传。" not in page(mediator, base + "work/?with=respondent")

    empty = mediator.post(base + "messages/", {"to": "both", "text": ""})
    assert empty.status_code == 400
    assert 'class="field-error"' in empty.content.decode()
    assert MediationMessage.objects.count() == 2


def test_an_agreement_with_bad_items_is_refused_next_to_the_field_and_nothing_is_written(personas, dispute):
    mediator = client_for(personas.mediator)
    url = f"/cases/{dispute.pk}/mediation/agreement/"

    nothing = mediator.post(url, agreement_rows())
    assert nothing.status_code == 400
    assert 'data-testid="agreement-errors"' in nothing.content.decode()

    negative = mediator.post(url, agreement_rows(row0={**PAYMENT, "amount": "-1"}))
    html = negative.content.decode()
    assert negative.status_code == 400
    assert html.index('id="id_item-0-amount"') < html.index('class="field-error"')
    assert "金额不能为负数" in html or "cannot be negative" in html

    past = mediator.post(
        url,
        agreement_rows(row0=PAYMENT, row1={"obligor": "applicant", "kind": "other", "due_on": "2026-03-01"}),
    )
    html = past.content.decode()
    assert past.status_code == 400
    # The error is on the second row's due date (the first row was fine).
    assert html.index('id="id_item-1-due_on"') < html.index('class="field-error"')
    assert html.count('class="field-error"') >= 1
    assert not MediationAgreement.objects.exists()

    # The party may not draw one up.
    assert client_for(personas.applicant).post(url, agreement_rows(row0=PAYMENT)).status_code == 403


def test_both_parties_confirm_through_their_pages_and_the_dispute_is_mediated(personas, dispute):
    mediator = client_for(personas.mediator)
    base = f"/cases/{dispute.pk}/mediation/"
    drafted = mediator.post(
        base + "agreement/",
        {
            **agreement_rows(
                row0=PAYMENT, row2={"obligor": "applicant", "kind": "other", "description": "办理工作交接"}
            ),
            "terms": "双方再无其他争议。",
        },
    )
    assert drafted.status_code == 302 and drafted["Location"] == base + "work/#agreement"
    agreement = MediationAgreement.objects.get()
    assert [(i.kind, i.amount) for i in agreement.items.all()] == [("payment", 7800), ("other", None)]

    applicant = client_for(personas.applicant)
    html = page(applicant, base + "mine/")
    assert 'data-testid="confirm-form"' in html and "办理工作交接" in html
    applicant.post(f"/mediation-agreements/{agreement.pk}/confirm/")
    assert 'data-testid="confirm-form"' not in page(applicant, base + "mine/")
    assert Case.objects.get(pk=dispute.pk).status == "pre_mediation"

    confirmed = client_for(personas.respondent).post(f"/mediation-agreements/{agreement.pk}/confirm/")
    assert confirmed.status_code == 302
    assert Case.objects.get(pk=dispute.pk).status == "mediated"
    again = client_for(personas.respondent).post(f"/mediation-agreements/{agreement.pk}/confirm/")
    assert again.status_code == 409
    outsider = client_for(personas.outsider)
    assert outsider.post(f"/mediation-agreements/{agreement.pk}/confirm/").status_code == 404
    # Once it is over the mediator's page reads only.
    html = page(mediator, base + "work/")
    assert 'data-testid="message-form"' not in html and 'data-testid="agreement-form"' not in html


def test_the_mediator_records_a_failure_and_the_dispute_returns_to_review(personas, dispute):
    mediator = client_for(personas.mediator)
    html = page(mediator, f"/cases/{dispute.pk}/mediation/work/")
    assert 'data-testid="outcome-record_mediation_failure"' in html
    done = mediator.post(
        f"/cases/{dispute.pk}/mediation/outcome/record_mediation_failure/", {"reason": "用人单位不同意"}
    )
    assert done.status_code == 302
    assert Case.objects.get(pk=dispute.pk).status == "submitted"
    assert MediationEpisode.objects.get(case=dispute).outcome == "failed"


def test_the_respondent_declines_and_the_applicant_may_not(personas, dispute):
    base = f"/cases/{dispute.pk}/mediation/"
    assert 'data-testid="leave-form"' in page(client_for(personas.respondent), base + "mine/")
    refused = client_for(personas.applicant).post(base + "outcome/decline/", {"reason": ""})
    assert refused.status_code == 403
    assert 'data-testid="error"' in refused.content.decode()
    assert Case.objects.get(pk=dispute.pk).status == "pre_mediation"
    declined = client_for(personas.respondent).post(base + "outcome/decline/", {"reason": "不同意调解"})
    assert declined.status_code == 302
    episode = MediationEpisode.objects.get(case=dispute)
    assert (episode.outcome, episode.outcome_detail) == ("failed", "declined")
    assert client_for(personas.respondent).post(base + "outcome/nothing/", {}).status_code == 404


def test_the_applicant_ends_mediation_to_go_on_to_arbitration(personas, dispute):
    base = f"/cases/{dispute.pk}/mediation/"
    done = client_for(personas.applicant).post(base + "outcome/end/", {"reason": "要求仲裁"})
    assert done.status_code == 302
    assert Case.objects.get(pk=dispute.pk).status == "submitted"
    assert MediationEpisode.objects.get(case=dispute).outcome == "withdrawn"


def _queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def _write_messages(personas, case: Case, n: int) -> None:
    for i in range(n):
        services.message_post(case=case, user=personas.mediator, text=f"m{i}", to="both")
        services.message_post(case=case, user=personas.applicant, text=f"a{i}")


def test_query_counts_do_not_grow_with_the_thread(personas, dispute):
    services.agreement_draft(
        case=dispute,
        user=personas.mediator,
        items=[{"obligor": "respondent", "kind": "payment", "amount": "100.00", "description": "x"}],
    )
    mediator, applicant = client_for(personas.mediator), client_for(personas.applicant)
    pages = [
        (mediator, f"/cases/{dispute.pk}/mediation/work/"),
        (applicant, f"/cases/{dispute.pk}/mediation/mine/"),
        (mediator, "/mediation/"),
    ]
    _write_messages(personas, dispute, 2)
    before = [_queries(client, url) for client, url in pages]
    _write_messages(personas, dispute, 15)
    refer(personas, file_dispute(personas))  # one more row in the queue
    after = [_queries(client, url) for client, url in pages]
    for (_client, url), old, new in zip(pages, before, after, strict=True):
        assert len(new) == len(old), (url, "\n".join(new))
    # Pinned: the session and user, the case and the caller's part in it, the episodes with their
    # agreements and items, the period's deadline, the thread, the step options (mediator).
    assert [len(q) for q in after] == [11, 10, 7], "\n\n".join("\n".join(q) for q in after)


def test_the_tribunal_never_reads_the_pre_filing_thread_and_mediates_on_its_own_page(personas, dispute):
    base = f"/cases/{dispute.pk}/mediation/"
    services.message_post(case=dispute, user=personas.mediator, text="保密的调解内容", to="both")
    client_for(personas.mediator).post(base + "outcome/record_mediation_failure/", {"reason": ""})
    post(
        personas.clerk,
        f"/api/v1/cases/{dispute.pk}/transitions/accept/",
        {"procedure": "ordinary", "arbitrators": [personas.arbitrator.pk]},
    )
    arbitrator = client_for(personas.arbitrator)
    assert f'href="{base}"' in page(arbitrator, f"/cases/{dispute.pk}/")
    html = page(arbitrator, base + "work/")
    assert "保密的调解内容" not in html and 'data-testid="no-messages"' in html
    assert 'data-testid="message-form"' not in html  # nothing to mediate yet
    assert client_for(personas.arbitrator2).get(base + "work/").status_code == 404

    post(personas.arbitrator, f"/api/v1/cases/{dispute.pk}/transitions/start_mediation/")
    html = page(arbitrator, base + "work/")
    assert "保密的调解内容" not in html
    assert 'data-testid="message-form"' in html and 'data-testid="outcome-end_mediation"' in html
    sent = arbitrator.post(base + "messages/", {"to": "both", "text": "仲裁庭建议双方和解。"})
    assert sent.status_code == 302
    assert "仲裁庭建议双方和解。" in page(client_for(personas.respondent), base + "mine/")
    # The street mediator still reads its own pre-filing thread, but not the tribunal's mediation.
    street = page(client_for(personas.mediator), base + "work/")
    assert "保密的调解内容" in street and "仲裁庭建议双方和解。" not in street
    assert 'data-testid="message-form"' not in street

    ended = arbitrator.post(base + "outcome/end_mediation/", {"reason": "双方分歧较大"})
    assert ended.status_code == 302
    assert Case.objects.get(pk=dispute.pk).status == "accepted"


def test_a_party_refuses_to_sign_and_the_mediator_may_draft_again(personas, dispute):
    agreement = services.agreement_draft(
        case=dispute,
        user=personas.mediator,
        items=[{"obligor": "respondent", "kind": "payment", "amount": "100.00", "description": "x"}],
    )
    respondent = client_for(personas.respondent)
    assert 'data-testid="renege-form"' in page(respondent, f"/cases/{dispute.pk}/mediation/mine/")
    refused = respondent.post(f"/mediation-agreements/{agreement.pk}/renege/", {"reason": "金额太低"})
    assert refused.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "superseded"
    assert Case.objects.get(pk=dispute.pk).status == "pre_mediation"
    html = page(client_for(personas.mediator), f"/cases/{dispute.pk}/mediation/work/")
    assert 'data-testid="no-agreement"' in html and 'data-testid="agreement-form"' in html


def test_a_party_records_a_payment_under_the_confirmed_agreement(personas, dispute, travel):
    agreement = services.agreement_draft(
        case=dispute,
        user=personas.mediator,
        items=[{"obligor": "respondent", "kind": "payment", "amount": "7800.00", "description": "工资"}],
    )
    for user in (personas.applicant, personas.respondent):
        services.agreement_confirm(agreement=agreement, user=user)
    item = agreement.items.get()
    respondent = client_for(personas.respondent)
    assert 'data-testid="payment-form"' in page(respondent, f"/cases/{dispute.pk}/mediation/mine/")

    url = f"/mediation-agreements/{agreement.pk}/payments/"
    future = respondent.post(url, {"item": item.pk, "amount": "7800.00", "paid_on": "2026-03-06"})
    assert future.status_code == 400
    html = future.content.decode()
    assert html.index('id="id_payment_paid_on"') < html.index('class="field-error"')
    assert not AgreementPayment.objects.exists()

    paid = respondent.post(url, {"item": item.pk, "amount": "7800.00", "paid_on": "2026-03-05"})
    assert paid.status_code == 302
    assert AgreementPayment.objects.get().amount == 7800
    assert 'data-testid="payment"' in page(
        client_for(personas.applicant), f"/cases/{dispute.pk}/mediation/mine/"
    )
    assert 'data-testid="payment"' in page(
        client_for(personas.mediator), f"/cases/{dispute.pk}/mediation/work/"
    )
    assert client_for(personas.outsider).post(url, {"item": item.pk}).status_code == 404


def test_each_party_home_lists_the_agreement_until_its_side_confirms(personas, dispute):
    """Issue 14, point 2: the agreement to confirm is on the parties' home pages (the mediation app fills
    the case app's party-action registry), and leaves a party's once it has confirmed."""
    agreement = services.agreement_draft(
        case=dispute,
        user=personas.mediator,
        items=[{"obligor": "respondent", "kind": "payment", "amount": "7800.00", "description": "工资"}],
    )
    link = f'href="/cases/{dispute.pk}/mediation/mine/"'
    for user in (personas.applicant, personas.respondent):
        home = page(client_for(user), "/")
        assert 'data-kind="confirm_agreement"' in home and link in home and "确认调解协议" in home
    services.agreement_confirm(agreement=agreement, user=personas.applicant)
    assert 'data-kind="confirm_agreement"' not in page(client_for(personas.applicant), "/")
    assert 'data-kind="confirm_agreement"' in page(client_for(personas.respondent), "/")
