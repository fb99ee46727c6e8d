"""The timeline is append-only: nobody can edit or delete it through the app (nor in PostgreSQL)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from cases.models import CaseEvent
from tests.helpers import api, credit_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(personas):
    body = {
        "respondent": {"kind": "organisation", "name": "广州记录测试有限公司", "credit_code": credit_code()},
        "claims": [{"category": "wage_arrears", "amount": "100.00", "description": "工资"}],
        "facts": "拖欠工资。",
    }
    case_id = api(personas.applicant).post("/api/v1/cases/", body, format="json").json()["id"]
    return CaseEvent.objects.get(case_id=case_id, kind="filed")


def test_the_model_refuses_edits_and_deletes(event):
    event.reason = "rewritten"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        CaseEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(PermissionDenied):
        CaseEvent.objects.filter(pk=event.pk).delete()
    assert CaseEvent.objects.get(pk=event.pk).reason == ""


def test_the_database_refuses_them_too(event):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE cases_caseevent SET reason = 'x' WHERE id = %s", [event.pk])
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM cases_caseevent WHERE id = %s", [event.pk])


def test_the_api_has_no_way_to_change_it(personas, event):
    url = f"/api/v1/cases/{event.case_id}/events/"
    client = api(personas.supervisor)
    assert client.get(url).status_code == 200
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(url, {}, format="json").status_code == 405
