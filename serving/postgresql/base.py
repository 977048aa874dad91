"""Django's PostgreSQL backend, retrying once what a lost connection made fail.

What Django and psycopg give, and use here: `CONN_HEALTH_CHECKS` tests a reused connection
once per request, before its first query, and opens a new one if the database dropped it (a
restart); Django 5.2's psycopg pool (`OPTIONS["pool"]`) checks a connection when it is taken
from the pool, which is the same guarantee. What they lack, and this module adds:

- A connection that dies after that check (the database restarts, or drops the connection,
  while a request is under way) fails the request's next query, a 500. A query is run again
  once, on a new connection, when that cannot change the outcome: a SELECT (it writes
  nothing), in autocommit outside any transaction (nothing earlier is lost with the old
  connection), and only when the connection really is gone (not for a query the database
  refused). Writes, transactions and server-side cursors are never repeated.
- A connection attempt that fails (the database is still starting after a restart) is tried
  once more after a short pause: nothing was sent, so it is always safe.
"""

import time

import psycopg
from django.db import InterfaceError, OperationalError
from django.db.backends.postgresql import base
from django.db.backends.utils import CursorWrapper

# Long enough for a database that is restarting to accept connections again, short enough
# that a request waiting on it still answers in time.
CONNECT_RETRY_PAUSE_SECONDS = 0.5

CONNECTION_LOST = (OperationalError, InterfaceError)


def is_read_only(sql):
    return isinstance(sql, str) and sql.lstrip().upper().startswith("SELECT")


class RetryOnLostConnection:
    """CursorWrapper.execute, run once more on a new connection where that is safe."""

    def execute(self, sql, params=None):
        try:
            return super().execute(sql, params)
        except CONNECTION_LOST:
            if not self.can_retry(sql):
                raise
            self.reconnect()
            return super().execute(sql, params)

    def can_retry(self, sql):
        db = self.db
        return (
            is_read_only(sql)
            and db.autocommit
            and not db.in_atomic_block
            and getattr(self.cursor, "name", None) is None  # a server-side cursor's rows
            and not db.is_usable()
        )

    def reconnect(self):
        self.db.close()
        self.db.ensure_connection()
        self.cursor = self.db.create_cursor()


class Cursor(RetryOnLostConnection, CursorWrapper):
    pass


class DebugCursor(RetryOnLostConnection, base.CursorDebugWrapper):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    def make_cursor(self, cursor):
        return Cursor(cursor, self)

    def make_debug_cursor(self, cursor):
        return DebugCursor(cursor, self)

    def get_new_connection(self, conn_params):
        try:
            return super().get_new_connection(conn_params)
        except psycopg.OperationalError:
            time.sleep(CONNECT_RETRY_PAUSE_SECONDS)
            return super().get_new_connection(conn_params)
