"""Wagtail's StreamField, reading its rows without building a model field for each.

Wagtail's `StreamField.json_field` is a property that makes a new `models.JSONField` every
time it is read, and `from_db_value` reads it for every row: each article an API listing or
a news page loads constructed a field (its choices normalised, its validators set up) to
decode one JSON column: 13 of the 16 microseconds that reading an article's body cost. The
JSON field it delegates to keeps no state of its own, so one per StreamField does the same
work.
"""

import functools

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from wagtail import fields


class StreamField(fields.StreamField):
    @functools.cached_property
    def json_field(self):
        return models.JSONField(encoder=DjangoJSONEncoder)

    def deconstruct(self):
        # The same column, stored and migrated as Wagtail's own: migrations name Wagtail's.
        name, _path, args, kwargs = super().deconstruct()
        return name, "wagtail.fields.StreamField", args, kwargs
