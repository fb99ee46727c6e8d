"""The public search of published awards: Chinese text without word boundaries, in the database.

Why character bigrams. Chinese is written without spaces, so a word-based full-text search needs a
segmenter (jieba…) whose dictionary decides what can be found: a word it splits differently is missed.
pg_trgm (used for the docket's search) indexes three-character grams, so a LIKE on a two-character
word such as 工资 yields no trigram to look up and degrades to reading every row. Instead each published
text is stored with its search terms — every single Han character and every pair of neighbouring Han
characters, plus lower-cased runs of Latin letters and digits — and PostgreSQL keeps a GIN index on
``array_to_tsvector`` of them (migration 0006; built from an array, so no parser or locale is involved).
A query is cut the same way: a two-character word is one bigram, a longer one the AND of its bigrams, a
single character its unigram, a Latin/digit run a prefix. The index narrows the rows to those holding
all the grams; a LIKE on the text then keeps only those holding the words themselves in order.

On SQLite (the embedded profile) there is no tsvector: the LIKE alone answers, reading every row.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet

_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")
_WORD = re.compile("[0-9a-z]+")
_SPLIT = re.compile("([\u3400-\u4dbf\u4e00-\u9fff]+)")
MAX_QUERY = 100


def _grams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def terms(text: str) -> str:
    """The search terms of a text, space-separated (what ``PublishedAward.search_terms`` holds)."""
    found: set[str] = set()
    for run in _HAN_RUN.findall(text):
        found.update(run)  # single characters, for one-character queries
        found.update(_grams(run))
    found.update(_WORD.findall(text.lower()))
    return " ".join(sorted(found))


def tsquery(words: list[str]) -> str:
    """The tsquery (in its input syntax) that every text holding all ``words`` matches. Lexemes are Han
    characters or [0-9a-z] runs only, so they need no quoting beyond the single quotes."""
    lexemes: list[str] = []
    for word in words:
        for part in _SPLIT.split(word.lower()):
            if not part:
                continue
            if _HAN_RUN.fullmatch(part):
                lexemes.extend(f"'{g}'" for g in _grams(part))
            else:
                lexemes.extend(f"'{w}':*" for w in _WORD.findall(part))
    return " & ".join(dict.fromkeys(lexemes))


def words_of(query: str) -> list[str]:
    return [w for w in query.split() if w][:10]


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` (of published awards) narrowed to those whose text holds every word of ``query``."""
    words = words_of(query)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        ts = tsquery(words)
        if ts:
            # The same expression as the index of migration 0006, so the planner uses it.
            queryset = queryset.extra(
                where=["array_to_tsvector(string_to_array(search_terms, ' ')) @@ %s::tsquery"], params=[ts]
            )
    for word in words:
        queryset = queryset.filter(text__icontains=word)
    return queryset
