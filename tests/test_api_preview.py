"""Headless preview (headless/preview.py): the editor's draft reaches the client app by a
signed, expiring token, and never without one."""

import time
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
from django.test import RequestFactory, override_settings

from headless.mixins import HeadlessPreviewMixin
from home.models import MissionPage

pytestmark = pytest.mark.django_db

CLIENT_URL = "https://app.example.org/preview"


@pytest.fixture
def draft(ka_locale):
    page = MissionPage.objects.live().filter(locale=ka_locale).first()
    live_title = page.title
    page.title = "სამუშაო ვერსია"  # the editor's unsaved draft
    return page, live_title


def open_preview(page):
    request = RequestFactory().get("/admin/pages/preview/")
    with override_settings(HEADLESS_PREVIEW_CLIENT_URL=CLIENT_URL):
        response = HeadlessPreviewMixin.serve_preview(page, request, "")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == CLIENT_URL
    query = parse_qs(location.query)
    assert query["content_type"] == ["home.MissionPage"]
    assert query["locale"] == ["ka"]
    return query["token"][0]


def test_preview_goes_to_the_client_and_the_api_gives_the_draft(client, draft):
    page, live_title = draft
    token = open_preview(page)
    response = client.get("/api/v2/preview/", {"token": token})
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == page.pk
    assert data["title"] == "სამუშაო ვერსია"
    assert data["meta"]["locale"] == "ka"
    assert "private" in response["Cache-Control"]
    # The live page is untouched.
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == live_title
    doc = client.get("/api/v2/openapi.json").json()
    schema = doc["paths"]["/api/v2/preview/"]["get"]["responses"]["200"]["content"]
    jsonschema.Draft202012Validator({**doc, **schema["application/json"]["schema"]}).validate(data)
    fields = client.get("/api/v2/preview/", {"token": token, "fields": "_,id,title"}).json()
    # `type` always comes along: the discriminator of the document's page union.
    assert fields == {"id": page.pk, "type": "home.MissionPage", "title": "სამუშაო ვერსია"}


@pytest.mark.parametrize("token", ["", "nonsense", "eyJrZXkiOiJ4In0:1abc:forged"])
def test_no_draft_without_a_valid_token(client, token):
    response = client.get("/api/v2/preview/", {"token": token})
    assert response.status_code == 403
    assert response.json()["parameter"] == "token"


def test_a_tampered_token_is_refused(client, draft):
    token = open_preview(draft[0])
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get("/api/v2/preview/", {"token": tampered}).status_code == 403


def test_tokens_expire(client, draft, settings):
    settings.HEADLESS_PREVIEW_MAX_AGE = 600
    token = open_preview(draft[0])
    assert client.get("/api/v2/preview/", {"token": token}).status_code == 200
    later = time.time() + 601
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.get("/api/v2/preview/", {"token": token}).status_code == 403
