"""Every word in the reader's language: a notification is stored as its message and parameters and is
rendered when read, in the reader's language, whoever caused it and in whatever language."""

from __future__ import annotations

import logging

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.utils import translation
from django.utils.translation import gettext_noop
from knox.models import AuthToken

from cases.models import Case, ServedDocument
from cases.services.kernel import tell
from core.messages import Message
from core.models import Notification
from core.notify import notify
from tests.helpers import api, file_case, make_user


def _english_reader(username: str):
    user = make_user(username)
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def _serve_award(case: Case, readers: list) -> None:
    """What the delivery step tells a party, run by a Chinese-speaking clerk's request."""
    with translation.override("zh-hans"):
        tell(
            case,
            readers,
            "case.document_served",
            Message(gettext_noop("served on you: %(doc)s"), doc=ServedDocument.AWARD.label),
        )


@pytest.mark.django_db
def test_an_english_reader_reads_in_english_what_a_chinese_actor_caused(
    personas, client, django_capture_on_commit_callbacks, caplog
):
    english = _english_reader("en-worker")
    case = Case.objects.get(pk=file_case(personas.applicant))
    caplog.set_level(logging.INFO, logger="core.notifications")
    with django_capture_on_commit_callbacks(execute=True):
        _serve_award(case, [english, personas.applicant])

    english_title = f"application no. {case.pk}: served on you: Award"
    chinese_title = f"申请编号 {case.pk}：已向您送达：裁决"
    # The API speaks the request's language.
    listing = api(english, language="en").get("/api/v1/notifications/").json()
    assert listing["results"][0]["title"] == english_title
    listing = api(personas.applicant, language="zh-hans").get("/api/v1/notifications/").json()
    assert [n["title"] for n in listing["results"] if n["kind"] == "case.document_served"] == [chinese_title]
    # The inbox page speaks the language switch's choice.
    client.force_login(english)
    client.cookies["django_language"] = "en"
    page = client.get("/notifications/").content.decode()
    assert english_title in page and "已向您送达" not in page
    client.cookies["django_language"] = "zh-hans"
    assert chinese_title in client.get("/notifications/").content.decode()
    # Outside the pages (the delivery channels, the push) each recipient gets their own language.
    assert f"notification to en-worker (no phone): {english_title}" in caplog.text
    assert f"notification to p-applicant (no phone): {chinese_title}" in caplog.text
    stored = Notification.objects.get(user=english, kind="case.document_served")
    assert stored.title == english_title  # the text as sent: what the push carried
    assert stored.message["title"]["params"]["what"]["params"]["doc"] == {"id": "Award"}


@pytest.mark.django_db
def test_a_row_written_before_messages_were_stored_still_shows(personas, client):
    Notification.objects.create(user=personas.applicant, kind="info", title="案件已受理", body="请按时出庭")
    (row,) = api(personas.applicant, language="en").get("/api/v1/notifications/").json()["results"]
    assert (row["title"], row["body"]) == ("案件已受理", "请按时出庭")
    client.force_login(personas.applicant)
    page = client.get("/notifications/").content.decode()
    assert "案件已受理" in page and "请按时出庭" in page


@pytest.mark.django_db
def test_the_language_switch_sets_the_users_language(personas, client):
    assert personas.applicant.language == "zh-hans"
    client.force_login(personas.applicant)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    personas.applicant.refresh_from_db()
    assert personas.applicant.language == "en"
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})  # not offered: ignored
    personas.applicant.refresh_from_db()
    assert personas.applicant.language == "en"


@pytest.mark.django_db
def test_a_typed_reason_is_shown_as_typed_in_either_language(personas):
    english = _english_reader("en-worker2")
    case = Case.objects.get(pk=file_case(personas.applicant))
    with translation.override("zh-hans"):
        suspended = Message(gettext_noop("the case is suspended"))
        tell(case, [english], "case.suspended", suspended, "等待鉴定结论")
    (row,) = api(english, language="en").get("/api/v1/notifications/").json()["results"]
    assert row["title"] == f"application no. {case.pk}: the case is suspended"
    assert row["body"] == "等待鉴定结论"


@pytest.mark.django_db(transaction=True)
async def test_the_push_speaks_the_recipients_language(personas):
    from config.asgi import application

    english = await sync_to_async(_english_reader)("en-pushed")
    token = await sync_to_async(lambda: AuthToken.objects.create(user=english)[1])()
    socket = WebsocketCommunicator(
        application, f"/ws/notifications/?token={token}", headers=[(b"origin", b"http://127.0.0.1")]
    )
    connected, _ = await socket.connect()
    assert connected

    def caused_in_chinese() -> None:
        with translation.override("zh-hans"):
            notify([english], kind="info", title=Message(gettext_noop("you have been assigned to this case")))

    await sync_to_async(caused_in_chinese)()
    event = await socket.receive_json_from(timeout=5)
    assert event["title"] == "you have been assigned to this case"
    await socket.disconnect()
    await sync_to_async(connections.close_all)()
