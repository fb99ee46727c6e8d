"""The transactional outbox: a write's tasks are stored with it, rolled back with it, published after
commit and by the periodic relay until a run is reported; a broker that is down never turns a committed
write into a 500, and each notification reaches the outside channel once."""

from __future__ import annotations

import socket
import time
from collections import Counter
from datetime import timedelta

import pytest
import redis
import time_machine
from celery.signals import task_postrun
from django.db import transaction

from cases.models import Case
from config.celery import app as celery_app
from core import clock, outbox
from core.models import Notification, NotificationDelivery, OutboxMessage
from core.notify import notify
from core.tasks import purge_outbox, relay_outbox
from tests import recording_channel
from tests.helpers import api, application, file_case

RECORDING = "tests.recording_channel.RecordingChannel"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def recorded(settings):
    """Notifications go to the recording channel; returns the ids it sent, in order."""
    settings.NOTIFICATION_CHANNELS = [RECORDING]
    recording_channel.SENT.clear()
    yield recording_channel.SENT
    recording_channel.SENT.clear()


@pytest.fixture
def broker(settings):
    """Celery publishing to the test run's Redis (not eager); a worker is started by ``worker``."""
    if not settings.REDIS_URL:
        pytest.skip("needs Redis as the broker")
    celery_app.conf.task_always_eager = False
    redis.Redis.from_url(celery_app.conf.broker_url).delete("celery")  # no leftovers of other tests
    yield celery_app.conf.broker_url
    celery_app.conf.task_always_eager = True


@pytest.fixture
def broker_down(broker):
    """The broker's address refuses connections (nothing listens there) until ``broker_down.restore()``."""
    real = celery_app.conf.broker_url

    class Down:
        url = f"redis://127.0.0.1:{_free_port()}/0"

        @staticmethod
        def restore() -> None:
            celery_app.conf.broker_url = real

    celery_app.conf.broker_url = Down.url
    yield Down
    celery_app.conf.broker_url = real


def worker():
    """A real Celery worker (in a thread of this process) consuming from the broker now configured."""
    from celery.contrib.testing.worker import start_worker

    return start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10)


@pytest.fixture
def runs():
    """How many times each notification's delivery task has run (in any worker of this process)."""
    counted: Counter[int] = Counter()

    def count(sender=None, task=None, args=None, **kwargs):
        if task is not None and task.name == "core.tasks.deliver_notification":
            counted[args[0]] += 1

    task_postrun.connect(count, weak=False)
    yield counted
    task_postrun.disconnect(count)


def wait_for(condition, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def sent_deliveries() -> Counter[int]:
    return Counter(
        NotificationDelivery.objects.filter(status=NotificationDelivery.Status.SENT).values_list(
            "notification_id", flat=True
        )
    )


# --- written with the write -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_task_is_written_in_the_writes_transaction_and_rolled_back_with_it(personas, recorded):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify([personas.applicant], kind="info", title="不会发出")
        assert OutboxMessage.objects.filter(task="core.tasks.deliver_notification").count() == 1
        raise RuntimeError("the write fails")
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert recorded == []


@pytest.mark.django_db
def test_a_filings_notification_is_written_with_the_case(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        case_id = file_case(personas.applicant)
        # Before commit the inbox notification and its delivery task are already part of the write.
        note = Notification.objects.get(user=personas.applicant, kind="case.filed")
        message = OutboxMessage.objects.get(task="core.tasks.deliver_notification")
    assert Case.objects.filter(pk=case_id).exists()
    assert (message.task, message.args, message.completed_at) == (
        "core.tasks.deliver_notification",
        [note.pk],
        None,
    )


@pytest.mark.django_db
def test_after_commit_the_task_runs_once(personas, recorded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (note,) = notify([personas.applicant], kind="info", title="案件已受理")
        assert recorded == []  # nothing goes out before the commit
    assert recorded == [note.pk]
    message = OutboxMessage.objects.get()
    assert message.completed_at is not None and message.attempts == 1
    assert relay_outbox() == 0  # the periodic relay finds nothing to do
    assert recorded == [note.pk]


# --- the broker is down at commit ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_filing_with_the_broker_down_answers_201_and_the_relay_delivers_later_once(
    personas, recorded, broker_down
):
    client = api(personas.applicant)
    started = time.monotonic()
    response = client.post("/api/v1/cases/", application(), format="json")
    elapsed = time.monotonic() - started
    assert response.status_code == 201, response.content
    assert Case.objects.count() == 1
    assert elapsed < 3, f"a dead broker cost {elapsed:.1f} s"  # kombu's retry loop would take longer
    note = Notification.objects.get(user=personas.applicant, kind="case.filed")
    # The filing's two jobs: the receipt's PDF and the applicant's notification; the relay after the
    # commit stopped at the first, which the broker refused.
    first, second = OutboxMessage.objects.order_by("pk")
    assert (first.task, second.task) == (
        "arbitration.tasks.documents_render",
        "core.tasks.deliver_notification",
    )
    assert second.args == [note.pk]
    assert all(m.relayed_at is None and m.completed_at is None for m in (first, second))
    assert first.attempts == 1 and "111" in first.last_error  # connection refused
    assert recorded == []

    relay_outbox()  # still down, and the refused one not yet due again: nothing goes out
    assert OutboxMessage.objects.get(pk=first.pk).attempts == 1
    assert not OutboxMessage.objects.filter(relayed_at__isnull=False).exists() and recorded == []

    broker_down.restore()
    later = clock.now() + timedelta(seconds=outbox.backoff_seconds(1) + 1)
    with time_machine.travel(later, tick=True), worker():
        assert relay_outbox() == 2
        assert wait_for(lambda: not OutboxMessage.objects.filter(completed_at__isnull=True).exists())
        assert relay_outbox() == 0
    assert recorded == [note.pk]
    assert sent_deliveries() == {note.pk: 1}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("who", "path", "body"),
    [
        ("clerk", "actions/request_supplement/", {"items": ["劳动合同复印件"], "reason": "材料不全"}),
        ("applicant", "transitions/withdraw/", {"reason": "已和解"}),
    ],
)
def test_a_step_with_the_broker_down_answers_200_and_is_committed(personas, broker_down, who, path, body):
    celery_app.conf.task_always_eager = True
    case_id = file_case(personas.applicant)
    celery_app.conf.task_always_eager = False
    response = api(getattr(personas, who)).post(f"/api/v1/cases/{case_id}/{path}", body, format="json")
    assert response.status_code == 200, response.content
    kind = path.split("/")[1]
    assert Case.objects.get(pk=case_id).events.filter(kind=kind).count() == 1
    waiting = OutboxMessage.objects.filter(completed_at__isnull=True)  # the step's notifications
    assert waiting.exists() and not waiting.filter(relayed_at__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_after_a_broker_failure_the_next_commits_leave_their_tasks_to_the_periodic_relay(
    personas, broker_down
):
    notify([personas.applicant], kind="info", title="一")  # tried after commit: refused
    started = time.monotonic()
    notify([personas.applicant], kind="info", title="二")  # not tried: the broker failed a moment ago
    assert time.monotonic() - started < 0.5
    first, second = OutboxMessage.objects.order_by("pk")
    assert (first.attempts, second.attempts) == (1, 0)
    assert relay_outbox() == 0  # the periodic relay tries the one that is due, and is refused too
    assert OutboxMessage.objects.get(pk=second.pk).attempts == 1


# --- published more than once, run once -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_message_published_twice_runs_twice_and_delivers_once(personas, recorded, broker, runs):
    (note,) = notify([personas.applicant], kind="info", title="重复投递")  # autocommit: published at once
    assert OutboxMessage.objects.get().relayed_at is not None
    # The relay crashed between publishing and marking: the row still says "not published".
    OutboxMessage.objects.update(relayed_at=None, available_at=clock.now())
    assert relay_outbox() == 1
    assert redis.Redis.from_url(broker).llen("celery") == 2
    with worker():
        assert wait_for(lambda: runs[note.pk] == 2)
    assert recorded == [note.pk]
    assert sent_deliveries() == {note.pk: 1}
    assert NotificationDelivery.objects.get(notification=note).attempts == 1
    assert OutboxMessage.objects.get().completed_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_message_the_broker_lost_is_published_again(personas, recorded, broker, settings):
    (note,) = notify([personas.applicant], kind="info", title="丢失的消息")
    assert OutboxMessage.objects.get().relayed_at is not None
    redis.Redis.from_url(broker).delete("celery")  # Redis restarted without its data before a worker ran it
    assert relay_outbox() == 0  # published, and its run not yet overdue
    later = clock.now() + timedelta(seconds=settings.OUTBOX_REDELIVER_SECONDS + 1)
    with time_machine.travel(later, tick=True), worker():
        assert relay_outbox() == 1
        assert wait_for(lambda: OutboxMessage.objects.get().completed_at is not None)
    assert recorded == [note.pk]
    assert sent_deliveries() == {note.pk: 1}


# --- backoff and purge ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_failed_publishes_back_off_doubling_up_to_the_cap(personas, broker_down, settings):
    settings.OUTBOX_RETRY_MAX_SECONDS = 30
    notify([personas.applicant], kind="info", title="退避")
    waits = []
    with time_machine.travel(clock.now(), tick=False) as traveller:
        for _ in range(6):
            message = OutboxMessage.objects.get()
            waits.append(round((message.available_at - clock.now()).total_seconds()))
            assert relay_outbox() == 0  # not yet due
            traveller.move_to(message.available_at)
            relay_outbox()
    assert waits == [2, 4, 8, 16, 30, 30]
    assert OutboxMessage.objects.get().attempts == 7


@pytest.mark.django_db
def test_messages_are_purged_only_after_their_task_ran(
    personas, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.applicant], kind="info", title="已送达")
    with transaction.atomic():  # a pending one (its after-commit try never happens here)
        outbox.enqueue("core.tasks.deliver_notification", 0)
    with time_machine.travel(clock.now() + timedelta(days=settings.OUTBOX_KEEP_DAYS, hours=1)):
        assert purge_outbox() == 1
    assert list(OutboxMessage.objects.values_list("completed_at", flat=True)) == [None]
