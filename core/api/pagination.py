"""Page-number pagination that refuses what it cannot honour: ``page=abc``, ``page_size=true``, ``0``, a
negative or an oversized number answer 400 with the field named, instead of a silently different page.
A well-formed page past the last one is 404 (``not_found``), as DRF has it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from core.errors import field_error

DIGITS = re.compile(r"^[0-9]{1,12}$")
# No list comes near it; the bound keeps the number inside every integer type the database has.
MAX_PAGE = 10_000_000


def _whole_number(request: Request, name: str, default: int, maximum: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    number = int(raw) if DIGITS.match(raw) else 0
    if not 1 <= number <= maximum:
        raise field_error(name, _("Give a whole number from 1 to %(maximum)d.") % {"maximum": maximum})
    return number


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()  # "page=last" is no number: the schema promises integers

    def get_page_size(self, request: Request) -> int:
        assert self.page_size is not None  # PAGE_SIZE is set in settings
        return _whole_number(request, self.page_size_query_param, self.page_size, self.max_page_size)

    def get_page_number(self, request: Request, paginator: Paginator) -> int:
        return _whole_number(request, self.page_query_param, 1, MAX_PAGE)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Which page, from 1. A page past the last one answers 404.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page, 1 to {self.max_page_size} (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


class CountedPagination(Pagination):
    """``Pagination`` whose page query also counts the rows (``COUNT(*) OVER ()``): the separate count
    compiled the same filters (the visibility rule among them) a second time, ~0.4 ms of Python a page.
    The same answers: the same ``count``, links, 400s, and 404 past the last page."""

    def paginate_queryset(
        self, queryset: QuerySet[Any, Any] | Sequence[Any], request: Request, view: Any = None
    ) -> list[Any]:
        assert isinstance(queryset, QuerySet), "counted in the page's query: a queryset only"
        counted = queryset.annotate(rows_in_list=Window(Count("*")))
        return self._page_of(
            request, lambda start, size: list(counted[start : start + size]), _annotated_total
        )

    def _page_of(
        self, request: Request, read: Callable[[int, int], list[Any]], total: Callable[[Any], int]
    ) -> list[Any]:
        """The page the request asks for: ``read(start, size)`` gives its rows, ``total(row)`` the count of
        the whole list that each row carries."""
        self.request = request
        size = self.get_page_size(request)
        number = self.get_page_number(request, None)  # type: ignore[arg-type]  # ours reads no paginator
        rows = read((number - 1) * size, size)
        # A page past the last one has no row to tell the total: none is then as good as any for
        # validate_number, which answers EmptyPage for every page after the first.
        paginator = Paginator(range(total(rows[0]) if rows else 0), size)
        try:
            paginator.validate_number(number)
        except InvalidPage as exc:
            raise NotFound(self.invalid_page_message.format(page_number=number, message=str(exc))) from exc
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        self.page = Page(rows, number, paginator)
        return rows


def _annotated_total(row: Any) -> int:
    return int(row.rows_in_list)


def _last_column(row: tuple[Any, ...]) -> int:
    return int(row[-1])


class RowsPagination(CountedPagination):
    """``CountedPagination`` of a page that the view reads itself, as rows whose last column is the count of
    the whole list (``COUNT(*) OVER ()``): the same 400s for a bad page or size, the same ``count`` and
    links, and 404 past the last page, asked in the same order."""

    def paginate_rows(
        self, request: Request, read: Callable[[int, int], list[tuple[Any, ...]]]
    ) -> list[tuple[Any, ...]]:
        """The page the request asks for: ``read(start, size)`` gives its rows."""
        return self._page_of(request, read, _last_column)
