"""The mediation pages' live feed (``/ws/cases/<id>/mediation/``): a party's socket receives the events of
messages it may read and nothing of the other party's; agreements reach everyone with a part; outsiders
and mediators of other organisations cannot open it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from knox.models import AuthToken

from core import clock
from mediation.models import MediationMessage
from tests.mediation.conftest import ITEMS, file_dispute, post, refer

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = [(b"origin", b"http://127.0.0.1")]
ITEMS_NOW = [{**ITEMS[0], "due_on": (clock.today() + timedelta(days=10)).isoformat()}, ITEMS[1]]


async def _socket(user, case_id):
    from config.asgi import application

    token = await sync_to_async(lambda: AuthToken.objects.create(user=user)[1])()
    socket = WebsocketCommunicator(
        application, f"/ws/cases/{case_id}/mediation/?token={token}", headers=ORIGIN
    )
    connected, code = await socket.connect()
    return socket, connected, code


def _referred(personas) -> int:
    case_id = file_dispute(personas)
    refer(personas, case_id)
    return case_id


def _say(user, case_id, text, to="both"):
    return post(user, f"/api/v1/cases/{case_id}/mediation/messages/", {"text": text, "to": to}, expect=201)


async def test_a_party_receives_only_the_messages_addressed_to_it(personas, other_mediator):
    case_id = await sync_to_async(_referred)(personas)
    applicant, ok, _ = await _socket(personas.applicant, case_id)
    assert ok
    respondent, ok, _ = await _socket(personas.respondent, case_id)
    assert ok
    mediator, ok, _ = await _socket(personas.mediator, case_id)
    assert ok
    for outsider in (personas.outsider, other_mediator):
        _s, ok, code = await _socket(outsider, case_id)
        assert not ok and code == 4404, outsider.username

    to_respondent = await sync_to_async(_say)(personas.mediator, case_id, "给被申请人的话", to="respondent")
    to_applicant = await sync_to_async(_say)(personas.mediator, case_id, "给申请人的话", to="applicant")
    event = await applicant.receive_json_from(timeout=5)
    assert (event["kind"], event["id"], event["case"]) == ("message", to_applicant["id"], case_id)
    assert await applicant.receive_nothing(timeout=0.5)  # never the message to the other party
    event = await respondent.receive_json_from(timeout=5)
    assert (event["kind"], event["id"]) == ("message", to_respondent["id"])
    assert await respondent.receive_nothing(timeout=0.5)

    # A party's own message reaches the mediator, and not the other party.
    said = await sync_to_async(_say)(personas.applicant, case_id, "我同意分两期")
    assert (await mediator.receive_json_from(timeout=5))["id"] == to_respondent["id"]
    assert (await mediator.receive_json_from(timeout=5))["id"] == to_applicant["id"]
    assert (await mediator.receive_json_from(timeout=5))["id"] == said["id"]
    assert (await applicant.receive_json_from(timeout=5))["id"] == said["id"]
    assert await respondent.receive_nothing(timeout=0.5)

    # The agreement concerns both: drafted, each party's page is told.
    drafted = await sync_to_async(post)(
        personas.mediator,
        f"/api/v1/cases/{case_id}/mediation/agreement/",
        {"items": ITEMS_NOW, "terms": ""},
        201,
    )
    for socket in (applicant, respondent, mediator):
        event = await socket.receive_json_from(timeout=5)
        assert (event["kind"], event["id"]) == ("agreement", drafted["id"])
    for socket in (applicant, respondent, mediator):
        await socket.disconnect()
    await sync_to_async(connections.close_all)()


async def test_the_tribunal_never_receives_a_pre_filing_message(personas):
    """Even sent to the case's mediation group, a pre-filing message's event is dropped for the tribunal."""
    from core.push import push
    from mediation.live import mediation_group

    def setup() -> tuple[int, int]:
        case_id = _referred(personas)
        message = _say(personas.mediator, case_id, "保密的调解内容")
        post(
            personas.mediator,
            f"/api/v1/cases/{case_id}/transitions/record_mediation_failure/",
            {"reason": "不成"},
        )
        post(
            personas.clerk,
            f"/api/v1/cases/{case_id}/transitions/accept/",
            {"procedure": "ordinary", "reason": "受理", "arbitrators": [personas.arbitrator.pk]},
        )
        return case_id, message["id"]

    case_id, message_id = await sync_to_async(setup)()
    assert await sync_to_async(MediationMessage.objects.filter(pk=message_id).exists)()
    judge, ok, _ = await _socket(personas.arbitrator, case_id)
    assert ok  # the tribunal has a part: it reads the episodes and agreements
    event = {"type": "mediation.message", "case": case_id, "kind": "message", "id": message_id}
    await sync_to_async(push)(mediation_group(case_id), event)
    assert await judge.receive_nothing(timeout=1)
    await sync_to_async(push)(mediation_group(case_id), {**event, "kind": "agreement"})
    assert (await asyncio.wait_for(judge.receive_json_from(), 5))["kind"] == "agreement"
    await judge.disconnect()
    await sync_to_async(connections.close_all)()
