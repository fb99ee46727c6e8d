"""Statute tags that explain themselves: ``L 29`` reads 《劳动争议调解仲裁法》第二十九条 on hover and on tap.

The code cites the law (L, 劳动争议调解仲裁法) and the rules (R, 劳动人事争议仲裁办案规则) by short tags in
deadlines' and flags' ``basis``; every page renders them through the ``statutes`` filter, so the
explanation is written once.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

CITATION = re.compile(r"\b([LR]) (\d{1,3})(?:-(\d{1,3}))?\b")
DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–999 as written in article numbers: 29 → 二十九, 10 → 十, 105 → 一百零五."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += DIGITS[ones]
    return out


def explain(code: str, first: int, last: int | None = None) -> str:
    """The citation written out in the reader's language."""
    if (get_language() or "").startswith("zh"):
        title = "《劳动争议调解仲裁法》" if code == "L" else "《劳动人事争议仲裁办案规则》"
        articles = f"第{chinese_number(first)}条"
        if last is not None:
            articles += f"至第{chinese_number(last)}条"
        return title + articles
    title = (
        _("Labour Dispute Mediation and Arbitration Law")
        if code == "L"
        else _("Rules for Handling Labour and Personnel Dispute Arbitration Cases")
    )
    numbers = f"{first}–{last}" if last is not None else str(first)
    return _("%(title)s, Art. %(articles)s") % {"title": title, "articles": numbers}


@register.filter
def statutes(text: object) -> SafeString:
    """Each citation in ``text`` as a tag whose explanation shows on hover (``title``) and on tap."""
    raw = str(text or "")
    out: list[str] = []
    end = 0
    for match in CITATION.finditer(raw):
        code, first, last = match.group(1), int(match.group(2)), match.group(3)
        meaning = explain(code, first, int(last) if last else None)
        out.append(escape(raw[end : match.start()]))
        out.append(
            format_html(
                '<details class="statute"><summary><abbr title="{}">{}</abbr></summary>'
                '<span class="statute-text">{}</span></details>',
                meaning,
                match.group(0),
                meaning,
            )
        )
        end = match.end()
    out.append(escape(raw[end:]))
    return mark_safe("".join(out))  # noqa: S308 — every piece above is escaped or format_html
