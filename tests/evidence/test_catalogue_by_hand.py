"""The catalogue's page as ``CaseEvidenceView`` reads and writes it (``selectors.catalogue_page`` and
``selectors.opinion_rows``: plain rows, SQL compiled once; ``evidence_rows``) against DRF's field-by-field
``ModelSerializer.to_representation`` of ``EvidenceSerializer``'s and ``OpinionOutSerializer``'s declared
fields over ``case_catalogue``: byte for byte, keys in order, for every kind of reader (each party sees its
own pending declarations), with opinions, a correction and pending items, page by page; and the two
helpers of core.api (``RowsPagination``, ``time_writer``) against what they stand for
(``CountedPagination``, ``api_time``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from django.db.models import Count, Window
from django.utils.timezone import override
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from cases.models import Case
from core.api.pagination import CountedPagination, RowsPagination
from core.api.serializers import api_time, time_writer
from core.errors import ApplicationError
from evidence import selectors
from evidence.api.serializers import (
    EVIDENCE_ROW,
    OPINION_ROW,
    EvidenceSerializer,
    OpinionOutSerializer,
    evidence_rows,
)
from evidence.models import EvidenceItem
from tests.evidence.conftest import PDF, PNG, declare, submit
from tests.helpers import api

pytestmark = pytest.mark.django_db

AGREE_ALL = {"authenticity": "agree", "legality": "agree", "relevance": "agree"}
READERS = ["applicant", "respondent", "arbitrator", "clerk", "supervisor"]


def render(data: Any) -> bytes:
    return JSONRenderer().render(data)


def reference(case: Case, user: Any) -> list[dict[str, Any]]:
    return [
        {
            **serializers.ModelSerializer.to_representation(EvidenceSerializer(), item),
            "opinions": OpinionOutSerializer(item.opinions.order_by("id"), many=True).data,
        }
        for item in selectors.case_catalogue(case, user)
    ]


def by_hand(case: Case, user: Any, start: int, size: int) -> tuple[list[tuple[Any, ...]], bytes]:
    rows = selectors.catalogue_page(case, user, EVIDENCE_ROW, start, size)
    opinions = selectors.opinion_rows([row[0] for row in rows], OPINION_ROW)
    return rows, render(evidence_rows(rows, opinions))


def opine(user, item_id: int, body: dict) -> None:
    answer = api(user).post(f"/api/v1/evidence/{item_id}/opinions/", body, format="json")
    assert answer.status_code == 201, answer.json()


def test_the_catalogue_by_hand_is_what_the_serializer_fields_give(personas, case):
    slip = submit(personas.applicant, case.pk)
    contract = submit(personas.respondent, case.pk, title="劳动合同")
    opine(personas.respondent, slip["id"], {**AGREE_ALL, "legality": "disagree", "reason": "无章"})
    opine(personas.applicant, contract["id"], AGREE_ALL)
    submit(
        personas.applicant,
        case.pk,
        PNG,
        filename="工资条.png",
        content_type="image/png",
        supersedes=slip["id"],
    )
    assert declare(personas.respondent, case.pk, PDF, title="未上传").status_code == 201
    assert declare(personas.applicant, case.pk, PDF, title="申请人未上传").status_code == 201
    counts = {"applicant": 4, "respondent": 4, "arbitrator": 5, "clerk": 5, "supervisor": 5}
    for role in READERS:
        user = getattr(personas, role)
        expected = reference(case, user)
        assert len(expected) == counts[role], role
        rows, whole = by_hand(case, user, 0, 100)
        assert whole == render(expected), role
        one_by_one = [EvidenceSerializer(item).data for item in selectors.case_catalogue(case, user)]
        assert render(one_by_one) == whole, role  # one item (a detail) is written the same way
        assert all(row[-1] == len(expected) for row in rows), role  # the list's count on every row
        for entry in json.loads(whole):  # the keys in the declared order
            assert list(entry) == EvidenceSerializer.Meta.fields
            assert all(list(o) == OpinionOutSerializer.Meta.fields for o in entry["opinions"])
        for start, size in ((0, 1), (1, 2), (3, 3), (len(expected), 5)):
            _rows, part = by_hand(case, user, start, size)
            assert part == render(expected[start : start + size]), (role, start, size)
        answer = api(user).get(f"/api/v1/cases/{case.pk}/evidence/", {"page_size": 3, "page": 2})
        assert answer.status_code == 200, answer.json()
        assert answer.json()["count"] == len(expected)
        assert render(answer.json()["results"]) == render(expected[3:6]), role
    every = reference(case, personas.arbitrator)
    assert [len(row["opinions"]) for row in every] == [1, 0, 0, 1, 0]  # by side, then number
    assert every[0]["superseded_by"] == every[1]["id"] and every[0]["opinions"][0]["author"]["id"]
    assert {row["status"] for row in every} == {"available", "pending"}


@pytest.mark.parametrize(
    "moment",
    [
        None,
        datetime(2026, 3, 2, 1, 0, tzinfo=UTC),
        datetime(2026, 3, 2, 9, 0, 0, 120000, tzinfo=timezone(timedelta(hours=8))),
        datetime(2026, 12, 31, 20, 30, 5, 7, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2026, 3, 2, 9, 0),  # naive
    ],
)
@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC"])
def test_the_time_writer_writes_what_api_time_does(moment, zone):
    with override(zone):
        assert time_writer()(moment) == api_time(moment)


QUERIES = [
    "",
    "page=2",
    "page=3",
    "page=4",
    "page_size=2",
    "page_size=2&page=3",
    "page=abc",
    "page_size=0",
    "page=0",
]


@pytest.mark.parametrize("query", QUERIES)
def test_rows_pagination_answers_what_counted_pagination_does(personas, case, query):
    for n in range(5):
        assert declare(personas.applicant, case.pk, PDF, title=f"证据{n}").status_code == 201
    items = EvidenceItem.objects.filter(case=case).order_by("id")

    def read(start: int, size: int) -> list[tuple[Any, ...]]:
        return list(
            items.annotate(rows_in_list=Window(Count("*"))).values_list("id", "rows_in_list")[
                start : start + size
            ]
        )

    def outcome(paginate: Any, pagination: Any) -> Any:
        request = Request(APIRequestFactory().get(f"/api/v1/cases/{case.pk}/evidence/?{query}"))
        try:
            page = paginate(request)
        except APIException as exc:  # 404 past the last page
            return type(exc), exc.detail
        except ApplicationError as exc:  # 400 for a bad number
            return exc.status_code, exc.code, exc.fields
        response = pagination.get_paginated_response(
            [row if isinstance(row, tuple) else (row.pk,) for row in page]
        )
        return [(row[0],) for row in response.data.pop("results")], response.data

    counted, rows = CountedPagination(), RowsPagination()
    expected = outcome(lambda request: counted.paginate_queryset(items, request), counted)
    assert outcome(lambda request: rows.paginate_rows(request, read), rows) == expected
