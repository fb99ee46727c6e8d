"""The case's live timeline over WebSocket: participants receive it; anyone else is refused like a 404."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from knox.models import AuthToken

from tests.helpers import api, file_case

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = [(b"origin", b"http://127.0.0.1")]


async def _connect(user, case_id):
    from config.asgi import application

    token = await sync_to_async(lambda: AuthToken.objects.create(user=user)[1])()
    socket = WebsocketCommunicator(application, f"/ws/cases/{case_id}/?token={token}", headers=ORIGIN)
    connected, code = await socket.connect()
    return socket, connected, code


async def test_a_participant_receives_each_step(personas):
    case_id = await sync_to_async(file_case)(personas.applicant)
    socket, connected, _ = await _connect(personas.applicant, case_id)
    assert connected
    accepted = await sync_to_async(
        lambda: api(personas.clerk).post(f"/api/v1/cases/{case_id}/transitions/accept/", {}, format="json")
    )()
    assert accepted.status_code == 200
    event = await socket.receive_json_from(timeout=5)
    assert (event["type"], event["kind"], event["status"], event["case"]) == (
        "case.event",
        "accept",
        "accepted",
        case_id,
    )
    await socket.disconnect()
    await sync_to_async(connections.close_all)()


@pytest.mark.parametrize("who", ["outsider", "mediator", "arbitrator2", "respondent"])
async def test_users_who_may_not_see_the_case_are_refused(personas, who):
    case_id = await sync_to_async(file_case)(personas.applicant)  # the respondent named is another employer
    _socket, connected, code = await _connect(getattr(personas, who), case_id)
    assert not connected
    assert code == 4404
    await sync_to_async(connections.close_all)()
