"""The configured search backend, with quotes in a search read as text on SQLite.

Wagtail's SQLite backend (modelsearch) puts each word of a plain-text search inside FTS5
double quotes without escaping the quotes in it, so `?search="` on /api/v2/pages/,
/api/v3/pages/ or /api/v2/images/ was an "unterminated string" error, a 500; a search of
nothing but spaces left it with no terms at all, another 500. A quote only separates words
for FTS5's tokenizer anyway, so it becomes a space, and a search with no words left finds
nothing, as an empty one does. Other databases take the query as text already and are left
alone.

Settings: `WAGTAILSEARCH_BACKENDS["default"]` names this module as BACKEND and the real one
as WRAPPED_BACKEND (config/settings/base.py).
"""

from django.db import connection
from django.utils.module_loading import import_string
from modelsearch.query import Phrase, PlainText


def without_quotes(query):
    if isinstance(query, str):
        return query.replace('"', " ").strip()
    if isinstance(query, PlainText):
        return PlainText(
            without_quotes(query.query_string), operator=query.operator, boost=query.boost
        )
    if isinstance(query, Phrase):
        return Phrase(without_quotes(query.query_string))
    return query


def SearchBackend(params):  # noqa: N802 (Wagtail looks a backend module's SearchBackend up)
    params = dict(params)
    wrapped = params.pop("WRAPPED_BACKEND", "wagtail.search.backends.database")
    backend = import_string(f"{wrapped}.SearchBackend")(dict(params))
    if connection.vendor != "sqlite":
        return backend
    # Only on SQLite: importing modelsearch's SQLite backend loads its FTS5 index model,
    # which other databases do not have.
    from .search_sqlite import QuoteSafeSQLiteSearchBackend, SQLiteSearchBackend

    if type(backend) is SQLiteSearchBackend:
        return QuoteSafeSQLiteSearchBackend(params)
    return backend
