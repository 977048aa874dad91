"""Querysets compiled to SQL once per process and shape, then run with other values.

Django builds a queryset and compiles it to SQL anew on every call. For a query with
correlated subqueries, such as an article's related articles, that is about 1.6 ms of
Python (0.75 to build, 0.85 to compile), where SQLite answers in under 0.1 ms: most of
what an API detail spent on it. What Django lacks: a prepared (parameterised) queryset.

`PreparedQuery(build, shape=...)` wraps a function that builds a queryset from its
arguments: numbers, strings or None, or lists of them (ids, tree paths). `shape` is a
function for anything else the builder reads, declared with it: `restricted_paths` for a
builder whose `public()` filter writes the view restrictions into the SQL.
`values_list(fields, **arguments)` builds and compiles the query once per shape (the
database, the fields, the `limit`, the arguments' types, the lengths of the lists, which
values are None, and what `shape()` answers), with stand-ins in place of the other values;
it notes where they land among the SQL's parameters, and from then on runs the same SQL
with the real values, converting the columns as Django would.
`build(**arguments)` gives the queryset itself, as usual.

`instances(model, related, **arguments)` gives the rows as instances of the model, each
with the objects of its foreign keys `related` (as `select_related` would), made with
Django's `Model.from_db`, as its own iterator makes them.

A builder must put its arguments into lookups as they are: a value it derives from one (the
next tree path after a path, say) would be compiled in as a constant. Each shape is
therefore compiled twice, with two sets of stand-ins: a statement is kept only when both
give the same SQL, with the stand-ins at the same places and every other parameter equal.
(That cannot catch a builder that branches on an argument, on its sign say: none may.)
Neither is kept when Django changed a stand-in on its way into the SQL (a `LIKE` pattern, a
UUID's hex) or wrote it into the SQL itself, nor when the query is empty by its arguments
(an empty list): such a query is built and compiled on every call, as before.
"""

import itertools

from django.core.exceptions import EmptyResultSet
from django.db import connections

# Statements kept per query: a shape per page size, say, or per set of view restrictions.
MAX_SHAPES = 256
STAND_IN_NUMBERS = 2_000_000_000  # and up: see _stand_in
_UNCOMPILED = object()


class PreparedQuery:
    def __init__(self, build, shape=tuple):
        self.build = build
        self.shape = shape
        # shape -> (sql, [(argument, list index, constant, wrapper) per parameter], converters)
        self.statements = {}

    def values_list(self, fields, *, limit=None, using="default", **arguments):
        """The rows of `fields` of `build(**arguments)[:limit]`, as `values_list(*fields)`."""
        key = (using, tuple(fields), limit, self.shape(), _signature(arguments))
        # Read once: another thread may empty the dict meanwhile (a threaded server).
        statement = self.statements.get(key, _UNCOMPILED)
        if statement is _UNCOMPILED:
            if len(self.statements) >= MAX_SHAPES:  # bounded, whatever the callers ask
                self.statements.clear()
            statement = self.statements[key] = self._compile(fields, limit, using, arguments)
        if statement is None:  # not kept: Django's own way
            return list(self._queryset(fields, limit, using, arguments))
        sql, slots, converters = statement
        params = [
            constant if name is None else _argument(arguments[name], index, wrapper)
            for name, index, constant, wrapper in slots
        ]
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:  # as Django's SQLCompiler.apply_converters
            rows = [_converted(row, converters, connection) for row in rows]
        return rows

    def _queryset(self, fields, limit, using, arguments):
        return self.build(**arguments).values_list(*fields).using(using)[:limit]

    def instances(self, model, related=(), *, only=None, **options):
        """`build(**arguments)` as instances of `model`, each with the objects of its foreign
        keys named in `related` (None where a key is empty), as `select_related(*related)`
        gives them. `only`: the fields to read, named as `QuerySet.only()` names them
        (`"locale__language_code"` for a related object's), the rest deferred; else all."""
        parts = [(None, model, _columns(model, only, prefix=""))]
        for name in related:
            field = model._meta.get_field(name)
            parts.append((field, field.related_model, _columns(field.related_model, only, name)))
        columns = [
            column if field is None else f"{field.name}__{column}"
            for field, _model, names in parts
            for column in names
        ]
        using = options.get("using", "default")
        found = []
        for row in self.values_list(columns, **options):
            start = 0
            for field, part_model, names in parts:
                values = row[start : start + len(names)]
                start += len(names)
                if field is None:
                    instance = part_model.from_db(using, names, values)
                    continue
                pk = values[names.index(part_model._meta.pk.attname)]
                other = None if pk is None else part_model.from_db(using, names, values)
                field.set_cached_value(instance, other)
            found.append(instance)
        return found

    def _compile(self, fields, limit, using, arguments):
        compiled = [self._compile_with(fields, limit, using, arguments, turn) for turn in (0, 1)]
        if None in compiled:
            return None
        (sql, slots, converters), (other_sql, other_slots, _converters) = compiled
        if sql != other_sql or slots != other_slots:  # an argument was not passed as it is
            return None
        return sql, slots, converters

    def _compile_with(self, fields, limit, using, arguments, turn):
        stand_ins, where = {}, {}
        numbers = itertools.count(turn * 10**7)  # each stand-in its own
        for name, value in sorted(arguments.items()):
            if isinstance(value, list | tuple):
                stand_ins[name] = [_stand_in(item, next(numbers)) for item in value]
                places = enumerate(stand_ins[name])
            else:
                stand_ins[name] = _stand_in(value, next(numbers))
                places = [(None, stand_ins[name])]
            # None stays None: part of the shape, in no parameter.
            where.update({s: (name, i) for i, s in places if s is not None})
        compiler = self._queryset(fields, limit, using, stand_ins).query.get_compiler(using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # e.g. an empty list: Django answers without asking
            return None
        slots = [_slot(param, where) for param in params]
        found = {(name, index) for name, index, _constant, _wrapper in slots if name}
        if found != set(where.values()):  # changed on the way, or written into the SQL itself
            return None
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
        return sql, slots, list(converters.items())


def _columns(model, only, prefix):
    """The attnames of `model`'s concrete fields to read, in the model's order (as
    `Model.from_db` takes a subset): those `only` names (under `prefix`, for a related
    object), always with the primary key; all of them without `only`."""
    fields = model._meta.concrete_fields
    if only is None:
        return [field.attname for field in fields]
    start = f"{prefix}__" if prefix else ""
    wanted = {
        name[len(start) :]
        for name in only
        if name.startswith(start) and "__" not in name[len(start) :]
    }
    if prefix and not wanted:  # a related object `only` does not narrow: all its fields
        return [field.attname for field in fields]
    return [
        field.attname
        for field in fields
        if field.primary_key or field.name in wanted or field.attname in wanted
    ]


def _signature(arguments):
    """What of the arguments shapes the SQL: their names and types (None's among them), a
    list's item by item."""
    return tuple(
        (name, tuple(map(type, value)) if isinstance(value, list | tuple) else type(value))
        for name, value in sorted(arguments.items())
    )


def _stand_in(value, number):
    """A value of the argument's type that none of Django's own parameters is (`SELECT 1` in
    an EXISTS, a LIMIT): a number above two thousand million, yet within a 32-bit integer
    column's range (Django 5 drops a lookup whose number lies outside its column's range, as
    an always false or always true condition, so a negative id would never be kept on
    PostgreSQL; a small-integer column's lookups are not kept), or a string no path or slug
    holds; None stays None (part of the shape). A real argument may equal a stand-in: the
    SQL is compiled once from the stand-ins, and the real values go in by place."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(
            f"PreparedQuery takes numbers, strings and None, not {type(value).__name__}"
        )
    if isinstance(value, int):
        return STAND_IN_NUMBERS + number
    return f"\x00stand-in {number}\x00"


def _slot(param, where):
    """(argument name, list index, None, wrapper) for a parameter that is a stand-in, else
    (None, None, the parameter, None). A number may come wrapped in the database driver's
    type (psycopg's `Int4` for a PostgreSQL `integer` column): the real value gets the same."""
    if isinstance(param, bool) or not isinstance(param, int | str):
        return None, None, param, None
    plain = int(param) if isinstance(param, int) else str(param)
    if plain not in where:
        return None, None, param, None
    wrapper = None if type(param) in (int, str) else type(param)
    return (*where[plain], None, wrapper)


def _argument(value, index, wrapper):
    value = value if index is None else value[index]
    return value if wrapper is None else wrapper(value)


def _converted(row, converters, connection):
    row = list(row)
    for position, (functions, expression) in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return tuple(row)
