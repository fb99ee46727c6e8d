"""``{% group_mark case %}``: the mark of a linked case (串案) on the docket and the case page.

Staff see the group's label, linking to the group's page; a party sees only that its case is handled
jointly (``cases.selectors.case_group_brief`` decides which)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cases import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def group_mark(context: dict[str, Any], case: Any) -> SafeString | str:
    if getattr(case, "case_group_id", None) is None:
        return ""
    request = context.get("request")
    if request is None:
        return ""
    brief = selectors.case_group_brief(case, request.user)
    if brief is None:
        return ""
    if brief["id"] is None:
        return format_html(
            '<span class="tag group" data-testid="group-mark" title="{}">{}</span>',
            _("This case is handled together with related cases against the same employer."),
            _("Handled jointly"),
        )
    return format_html(
        '<a class="tag group" data-testid="group-mark" href="{}" title="{}">{} {}</a>',
        reverse("case-group", args=[brief["id"]]),
        _("Linked cases (串案)"),
        _("Linked:"),
        brief["label"],
    )
