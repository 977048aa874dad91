"""`headless.renderers.JSONRenderer` (orjson) writes the bytes DRF's JSON renderer writes."""

import datetime
import decimal
import uuid
from collections import OrderedDict

import pytest
from django.utils.translation import gettext_lazy
from rest_framework import renderers
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from headless.renderers import JSONRenderer

TBILISI = datetime.timezone(datetime.timedelta(hours=4))
DATA = ReturnList(
    [
        ReturnDict(
            [
                ("id", 7),
                ("title", 'მიგრაციის შესახებ \u2028 \u2029 "quoted" </script>'),
                ("when", datetime.datetime(2021, 3, 16, 9, 30, 1, 123456, tzinfo=TBILISI)),
                ("utc", datetime.datetime(2021, 3, 16, 9, 30, tzinfo=datetime.UTC)),
                ("date", datetime.date(2021, 3, 16)),
                ("time", datetime.time(9, 30, 1, 500)),
                ("lazy", gettext_lazy("Not found.")),
                ("decimal", decimal.Decimal("1.50")),
                ("key", uuid.UUID("12345678-1234-5678-1234-567812345678")),
                ("numbers", [0, -1, 2**62, 1.5, 0.1, True, False, None]),
                ("nested", OrderedDict([("a", {"b": []}), (3, "int key")])),
                ("empty", {}),
            ],
            serializer=None,
        )
    ],
    serializer=None,
)


def both(data, media_type=None, context=None):
    return (
        JSONRenderer().render(data, media_type, context),
        renderers.JSONRenderer().render(data, media_type, context),
    )


def test_the_same_bytes_as_drfs_renderer():
    ours, drfs = both(DATA, "application/json", {"indent": None})
    assert ours == drfs
    assert "მიგრაციის".encode() in ours  # UTF-8, not \u escapes
    assert b"\\u2028" in ours and b"\xe2\x80\xa8" not in ours


def test_indented_answers_and_what_orjson_refuses_are_drfs():
    assert len(set(both(DATA, "application/json; indent=4"))) == 1
    assert len(set(both(DATA, None, {"indent": 2}))) == 1
    big = {"n": 2**70}  # beyond orjson's 64 bits
    assert both(big) == (b'{"n":1180591620717411303424}',) * 2
    assert both(None) == (b"", b"")


@pytest.mark.django_db
def test_the_v2_api_renders_with_it(client):
    response = client.get("/api/v2/pages/?locale=ka")
    assert response.status_code == 200
    assert isinstance(response.accepted_renderer, JSONRenderer)
