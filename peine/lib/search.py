"""German full-text search: one way for every search of the portal to read typed words.

The typed words become one ``to_tsquery`` of PostgreSQL's ``german`` configuration: every
word stemmed and matched as a prefix ("Berat" finds "Beratung", "Sprachkurs" finds
"Sprachkurse"), all words required. Only runs of word characters reach PostgreSQL, so no
input can break the tsquery syntax (``&``, ``|``, ``!``, ``:``, quotes, a lone ``-``).

A model's GIN index and its search must use the same ``german_vector`` expression, or
PostgreSQL reads every row instead of the index: keep the vector in one constant in the
model's module and use that constant in ``Meta.indexes`` and in the search.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import QuerySet

CONFIG = "german"
# A person types a few words; more narrow nothing and only lengthen the query.
MAX_WORDS = 10
_WORD = re.compile(r"\w+")


def german_vector(*fields: str) -> SearchVector:
    """The German full-text document of ``fields`` (for an index and for its search)."""
    return SearchVector(*fields, config=CONFIG)


def search_words(text: str) -> list[str]:
    """The first ``MAX_WORDS`` words of ``text``: runs of letters, digits or underscores."""
    return _WORD.findall(text or "")[:MAX_WORDS]


def german_query(text: str, *, prefix: bool = True) -> SearchQuery | None:
    """A tsquery that every word of ``text`` must match, stemmed (German) and, with
    ``prefix``, as the beginning of a word; ``None`` when ``text`` holds no word.

    Without ``prefix`` only whole words (in any German form) match. Stop words ("und",
    "der") drop out of the query; a query of stop words alone matches nothing.
    """
    words = search_words(text)
    if not words:
        return None
    suffix = ":*" if prefix else ""
    raw = " & ".join(word + suffix for word in words)
    return SearchQuery(raw, config=CONFIG, search_type="raw")


def full_text_filter(queryset: QuerySet, vector: SearchVector, text: str, *, rank: bool = False):
    """``queryset`` narrowed to the rows whose ``vector`` matches every word of ``text``
    as a German prefix; unchanged when ``text`` holds no word.

    ``vector`` is the expression of the model's GIN index, so the index answers the match.
    With ``rank`` every row gets ``rank`` (PostgreSQL's ``ts_rank``) to order by.
    """
    query = german_query(text)
    if query is None:
        return queryset
    queryset = queryset.alias(document=vector).filter(document=query)
    if rank:
        queryset = queryset.annotate(rank=SearchRank(vector, query))
    return queryset
