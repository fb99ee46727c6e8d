"""The in-app inbox, sending once per key, outside-channel delivery, and the live push."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken

from core.models import Notification, NotificationDelivery
from core.notify import notify, together
from core.tasks import deliver_notification
from tests.helpers import api


@pytest.mark.django_db
def test_a_key_sends_a_notification_once(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify([personas.applicant], kind="reminder", title="期限提醒", dedupe_key="deadline:1:3d")
        second = notify([personas.applicant], kind="reminder", title="期限提醒", dedupe_key="deadline:1:3d")
    assert len(first) == 1 and second == []
    assert Notification.objects.filter(user=personas.applicant).count() == 1
    delivery = NotificationDelivery.objects.get(notification=first[0])
    assert delivery.channel == "console" and delivery.status == "sent" and delivery.attempts == 1


@pytest.mark.django_db
def test_notifications_made_together_are_written_at_the_end_of_the_block(
    personas, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as captured,
        together(),
    ):
        notify([personas.applicant, personas.respondent], kind="info", title="案件已受理")
        notify([personas.arbitrator], kind="assigned", title="您已被指定为本案仲裁员")
        # Nothing written yet: the block writes them when it ends.
        assert not Notification.objects.filter(kind__in=["info", "assigned"]).exists()
    inserts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len([q for q in inserts if "core_notification" in q]) == 1  # three rows, one statement
    assert len([q for q in inserts if "core_outboxmessage" in q]) == 1
    written = Notification.objects.filter(kind__in=["info", "assigned"])
    assert {n.user_id for n in written} == {
        personas.applicant.pk,
        personas.respondent.pk,
        personas.arbitrator.pk,
    }
    # Each delivered once, after the commit, as a notification made alone is.
    assert NotificationDelivery.objects.filter(notification__in=written, status="sent").count() == 3

    # A block that fails writes none of its notifications.
    with pytest.raises(RuntimeError), together():
        notify([personas.applicant], kind="lost", title="不会写入")
        raise RuntimeError("the step failed")
    assert not Notification.objects.filter(kind="lost").exists()


@pytest.mark.django_db
def test_a_retried_delivery_does_not_resend(personas, django_capture_on_commit_callbacks, caplog):
    with django_capture_on_commit_callbacks(execute=True):
        (note,) = notify([personas.applicant], kind="info", title="案件已受理")
    caplog.clear()
    deliver_notification(note.pk)
    assert "案件已受理" not in caplog.text
    assert NotificationDelivery.objects.get(notification=note).attempts == 1


@pytest.mark.django_db
def test_the_inbox_api_lists_and_marks_read(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.applicant], kind="info", title="一")
        notify([personas.applicant], kind="info", title="二")
        notify([personas.respondent], kind="info", title="别人的")
    client = api(personas.applicant)
    listing = client.get("/api/v1/notifications/").json()
    assert [n["title"] for n in listing["results"]] == ["二", "一"]
    assert client.get("/api/v1/me/").json()["unread_notifications"] == 2
    first_id = listing["results"][1]["id"]
    assert client.post("/api/v1/notifications/read/", {"ids": [first_id]}, format="json").json() == {
        "marked": 1,
        "unread": 1,
    }
    assert client.post("/api/v1/notifications/read/", {}, format="json").json() == {"marked": 1, "unread": 0}


@pytest.mark.django_db
def test_the_header_shows_the_unread_count(personas, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.applicant], kind="info", title="新通知")
    client.force_login(personas.applicant)
    page = client.get("/notifications/").content.decode()
    assert 'data-testid="unread-count">1<' in page
    assert "新通知" in page


@pytest.mark.django_db(transaction=True)
async def test_a_new_notification_is_pushed_to_the_users_socket(personas):
    from config.asgi import application

    token = await sync_to_async(lambda: AuthToken.objects.create(user=personas.applicant)[1])()
    socket = WebsocketCommunicator(
        application, f"/ws/notifications/?token={token}", headers=[(b"origin", b"http://127.0.0.1")]
    )
    connected, _ = await socket.connect()
    assert connected
    await sync_to_async(notify)([personas.applicant], kind="info", title="推送测试")
    event = await socket.receive_json_from(timeout=5)
    assert event["type"] == "notification.created" and event["title"] == "推送测试"
    await socket.disconnect()
    await sync_to_async(connections.close_all)()


@pytest.mark.django_db(transaction=True)
async def test_an_anonymous_socket_is_refused(personas):
    from config.asgi import application

    socket = WebsocketCommunicator(
        application, "/ws/notifications/?token=bogus", headers=[(b"origin", b"http://127.0.0.1")]
    )
    connected, _ = await socket.connect()
    assert not connected
    await sync_to_async(connections.close_all)()
