"""Machine translation as a first draft, configured from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from newsroom.models import NewsArticlePage
from translating.roles import TRANSLATORS
from translating.status import status_of

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"
NEW_SUMMARY = "Machine drafts come first"
ROOT = Path(__file__).resolve().parent.parent


def configured_translator(**environment):
    """The WAGTAILLOCALIZE_MACHINE_TRANSLATOR that the base settings build from this
    environment (in a fresh interpreter, so this process's settings stay as they are)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEEPL_API_KEY", "LIBRETRANSLATE_URL", "LIBRETRANSLATE_API_KEY"}
    }
    env.update(environment)
    code = (
        "import config.settings.base as s;"
        "print(getattr(s, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', {}).get('CLASS', 'none'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_no_machine_translator_by_default():
    assert configured_translator() == "none"


def test_deepl_from_its_key():
    assert configured_translator(DEEPL_API_KEY="abc:fx").endswith("deepl.DeepLTranslator")


def test_libretranslate_from_its_url():
    translator = configured_translator(LIBRETRANSLATE_URL="https://translate.example.org")
    assert translator.endswith("libretranslate.LibreTranslator")


@pytest.fixture
def translation(en_locale):
    article = NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)
    article.summary = NEW_SUMMARY
    article.save_revision().publish()
    return Translation.objects.get(source__object_id=article.translation_key)


def test_machine_draft_stays_marked_until_a_person_edits_it(client, translation, ka_locale):
    translator = get_user_model().objects.create_user("mt-translator", "t@example.org", "x")
    translator.groups.add(Group.objects.get(name=TRANSLATORS))
    client.force_login(translator)
    segment = StringSegment.objects.get(source=translation.source, context__path="summary")
    kept = StringTranslation.objects.filter(
        context__object_id=translation.source.object_id, locale=ka_locale
    ).exclude(context=segment.context)
    kept_before = {st.pk: (st.data, st.translation_type) for st in kept}

    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert response.status_code == 302

    draft = StringTranslation.objects.get(
        translation_of=segment.string, context=segment.context, locale=ka_locale
    )
    assert draft.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert draft.data == "first come drafts Machine"  # the dummy translator reverses words
    # The status report counts the machine draft until a person edits it.
    assert status_of(translation.source.get_source_instance(), ka_locale).machine == 1
    report = client.get(reverse("translating_status"), {"state": "out_of_date"})
    assert "Machine drafts not yet reviewed: 1" in report.content.decode()
    # Human translations are never replaced by the machine.
    assert {st.pk: (st.data, st.translation_type) for st in kept} == kept_before

    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(
        url,
        data="value=%E1%83%9B%E1%83%90%E1%83%9C",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
    assert draft.data == "მან"
    assert status_of(translation.source.get_source_instance(), ka_locale).machine == 0


def test_deepl_draft_is_marked_machine(monkeypatch, settings, translation, ka_locale):
    """With DeepL configured, wagtail-localize's DeepL translator drafts the missing strings
    (the HTTP call is replaced here; no network in tests)."""
    from wagtail_localize.machine_translators import deepl
    from wagtail_localize.views.edit_translation import apply_machine_translation

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "test:fx"},
    }
    sent = {}

    class Response:
        def json(self):
            return {"translations": [{"text": "მანქანის მონახაზი"} for _ in sent["text"]]}

    def fake_post(url, data, **kwargs):
        sent.update(url=url, **data)
        return Response()

    monkeypatch.setattr(deepl.requests, "post", fake_post)
    from wagtail_localize.machine_translators import get_machine_translator

    translator = get_machine_translator()
    assert isinstance(translator, deepl.DeepLTranslator)
    user = get_user_model().objects.create_superuser("mt-admin", "m@example.org", "x")
    assert apply_machine_translation(translation.pk, user, translator)

    assert sent["url"] == "https://api-free.deepl.com/v2/translate"
    assert sent["text"] == [NEW_SUMMARY]
    segment = StringSegment.objects.get(source=translation.source, context__path="summary")
    draft = StringTranslation.objects.get(
        translation_of=segment.string, context=segment.context, locale=ka_locale
    )
    assert (draft.data, draft.translation_type) == ("მანქანის მონახაზი", "machine")
    assert draft.tool_name == "DeepL"
