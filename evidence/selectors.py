"""Evidence reads: the one visibility rule for evidence items, the catalogue, the opinions matrix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.http import Http404

from accounts.roles import PARTY_ROLES, has_role
from cases.models import Case
from cases.selectors import acts_in_case, cases_visible_to, user_key
from core.prepared import AnyOf, prepared_once
from evidence.models import CrossExamination, EvidenceAccess, EvidenceItem, Status


def evidence_visible_to(user: Any) -> QuerySet[EvidenceItem]:
    """Who sees which item:

    - staff: every item of every case they may see (the case visibility rule), in any state;
    - parties and their verified agents: the available items of both sides of their cases (the other
      side's evidence is there to be cross-examined), and their own declarations in any state;
    - an agent whose mandate is not verified, and anyone else: only what it declared itself.
    """
    if not user.is_authenticated or not user.is_active:
        return EvidenceItem.objects.none()
    return _of_parties(EvidenceItem.objects.filter(case__in=cases_visible_to(user).values("pk")), user)


def _of_parties(items: QuerySet[EvidenceItem], user: Any) -> QuerySet[EvidenceItem]:
    """Of the items of cases this user may see, those it may see (the rule above, after the case's)."""
    if not has_role(user, PARTY_ROLES):
        return items
    return items.filter((acts_in_case(user) & Q(status=Status.AVAILABLE)) | Q(submitted_by=user))


def evidence_in_case(case: Case, user: Any) -> QuerySet[EvidenceItem]:
    """``evidence_visible_to`` within a case this user may see (``case_get`` has just said so): the case
    rule, a union of subqueries, is not built and compiled a second time (~0.7 ms of Python a page)."""
    return _of_parties(EvidenceItem.objects.filter(case=case), user)


def evidence_get(user: Any, item_id: int | str) -> EvidenceItem:
    try:
        pk = int(item_id)
    except (TypeError, ValueError):
        raise Http404 from None
    item = evidence_visible_to(user).select_related("case", "submitted_by").filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def catalogue(user: Any, case_id: int) -> QuerySet[EvidenceItem]:
    """The case's evidence catalogue (证据目录) this user may see: by side, in submission order."""
    return (
        evidence_visible_to(user)
        .filter(case_id=case_id)
        .select_related("submitted_by", "superseded_by")
        .prefetch_related(
            Prefetch("opinions", queryset=CrossExamination.objects.select_related("author").order_by("id"))
        )
        .order_by("side", "number", "id")
    )


def case_catalogue(case: Case, user: Any) -> QuerySet[EvidenceItem]:
    """``catalogue`` of a case this user may see (``case_get`` has just said so), without the opinions."""
    return (
        evidence_in_case(case, user)
        .select_related("submitted_by", "superseded_by")
        .order_by("side", "number", "id")
    )


def catalogue_page(
    case: Case, user: Any, columns: tuple[str, ...], start: int, size: int
) -> list[tuple[Any, ...]]:
    """Rows ``start`` to ``start + size`` of ``case_catalogue`` as ``columns``, each followed by the count of
    the whole list (``COUNT(*) OVER ()``, as ``CountedPagination`` reads it), in SQL compiled once per page
    shape and, for a party, per ``user_key`` (the rule reads nothing else of the user; staff's is the same
    for all): building and compiling it was ~1.2 ms of Python a request, several times running it."""
    party = has_role(user, PARTY_ROLES)

    def build(ids: list[Any]) -> QuerySet[Any, Any]:
        items = _of_parties(EvidenceItem.objects.filter(AnyOf(F("case_id"), ids)), user)
        counted = items.order_by("side", "number", "id").annotate(rows_in_list=Window(Count("*")))
        return counted.values_list(*columns, "rows_in_list")[start : start + size]

    key = ("evidence-catalogue", *(user_key(user) if party else ("staff",)), columns, start, size)
    return prepared_once(key, build).rows([case.pk])


def opinion_rows(item_ids: Sequence[int], columns: tuple[str, ...]) -> dict[int, list[tuple[Any, ...]]]:
    """The opinions on these items as rows of ``item_id`` and ``columns``, by item, in the order
    ``catalogue`` gives them (by id): one query compiled once (core.prepared), without the prefetch
    machinery or model instances (~0.5 ms of Python a page of the catalogue before)."""
    found: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in item_ids}
    if item_ids:
        statement = prepared_once(
            ("evidence-opinions", columns),
            lambda ids: (
                CrossExamination.objects.filter(AnyOf(F("item_id"), ids))
                .order_by("id")
                .values_list("item_id", *columns)
            ),
        )
        for row in statement.rows(item_ids):
            found[row[0]].append(row)
    return found


def access_log(item: EvidenceItem) -> QuerySet[EvidenceAccess]:
    return item.accesses.select_related("user").order_by("-at", "-id")


def evidence_with_accesses(user: Any, case_id: int) -> QuerySet[EvidenceItem]:
    """The catalogue with each item's access log, for the tribunal's view (one query per relation)."""
    return catalogue(user, case_id).prefetch_related(
        Prefetch("accesses", queryset=EvidenceAccess.objects.select_related("user").order_by("-at", "-id"))
    )
