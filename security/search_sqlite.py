"""The SQLite (FTS5) backend with quotes read as text (see security/search.py)."""

from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

from .search import without_quotes

__all__ = ["QuoteSafeSQLiteSearchBackend", "SQLiteSearchBackend"]


class QuoteSafeSQLiteSearchBackend(SQLiteSearchBackend):
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(
            query_compiler_class, without_quotes(query), model_or_queryset, **kwargs
        )
