"""Item 7 of the editor's day: snippet listings open in the user's working language, the other
language one click away; an English editor is never offered a Georgian snippet's publish."""

import pytest
from django.urls import reverse

from home.models import Footer
from newsroom.models import Topic
from translating.roles import EDITORS, TRANSLATORS

from .editing import make_user

pytestmark = pytest.mark.django_db


def listing_url(model):
    return reverse(model.snippet_viewset.get_url_name("list"))


@pytest.mark.parametrize(
    "group, language", [(EDITORS, "en"), (TRANSLATORS, "ka")], ids=["editor", "translator"]
)
def test_snippet_listing_opens_in_the_working_language(client, group, language):
    client.force_login(make_user(f"snippets-{language}", group))
    for model in (Footer, Topic):
        response = client.get(listing_url(model))
        assert response.status_code == 302
        assert response["Location"].endswith(f"?locale={language}")
        html = client.get(response["Location"]).content.decode()
        own = model.objects.filter(locale__language_code=language)
        other = model.objects.exclude(locale__language_code=language)
        edit_name = model.snippet_viewset.get_url_name("edit")
        for snippet in own:
            assert f'href="{reverse(edit_name, args=[snippet.pk])}"' in html
        for snippet in other:
            assert f'href="{reverse(edit_name, args=[snippet.pk])}"' not in html
        # The other language, one click away: the listing's own locale filter.
        other_code = "ka" if language == "en" else "en"
        assert 'name="locale"' in html and f'value="{other_code}"' in html


def test_all_languages_stay_available(client):
    client.force_login(make_user("snippets-all", EDITORS))
    html = client.get(listing_url(Footer), {"locale": ""}).content.decode()
    for footer in Footer.objects.all():
        assert reverse("wagtailsnippets_home_footer:edit", args=[footer.pk]) in html


def test_a_georgian_snippet_never_offers_an_english_editor_publish(client):
    client.force_login(make_user("snippets-editor", EDITORS))
    georgian = Footer.objects.get(locale__language_code="ka")
    english = Footer.objects.get(locale__language_code="en")
    url = reverse(georgian.snippet_viewset.get_url_name("edit"), args=[georgian.pk])
    response = client.get(url, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(
        reverse(english.snippet_viewset.get_url_name("edit"), args=[english.pk])
    )
    assert "Publish in" not in html
    assert "here is its English version" in html
    # ...and its Georgian version's state is in the status panel.
    assert "data-language-versions" in html


def test_a_translator_still_translates_the_georgian_snippet(client):
    client.force_login(make_user("snippets-translator", TRANSLATORS))
    georgian = Footer.objects.get(locale__language_code="ka")
    url = reverse(georgian.snippet_viewset.get_url_name("edit"), args=[georgian.pk])
    response = client.get(url)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "localize" in response["Location"] or "translate" in response["Location"]
