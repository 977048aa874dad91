"""serving.specific joins a page's own row in the same query, for the types that may stand at
the page's depth (home/routing.py's lookup by path)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage, MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage
from serving.specific import KNOWN_TYPES, models_at_depth, remember_type, specific_relations

pytestmark = pytest.mark.django_db


def test_the_types_at_each_depth_follow_the_models_parent_page_types():
    assert models_at_depth(2) == (HomePage,)
    assert set(models_at_depth(3)) == {MissionPage, NewsIndexPage}
    assert set(models_at_depth(4)) == {MissionPage, NewsArticlePage}
    assert set(models_at_depth(5)) == {MissionPage}
    assert "newsarticlepage__featured_image" in specific_relations(4)
    assert "homepage" not in specific_relations(4)


def lookup_query(queries):
    """The router's one query that finds the page by its url_path."""
    (found,) = [q["sql"] for q in queries if '"url_path" IN ' in q["sql"]]
    return found


def test_an_article_is_found_with_only_the_tables_of_its_depth(client, en_home):
    article = NewsArticlePage.objects.live().filter(locale=en_home.locale).first()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)
    assert response.status_code == 200
    sql = lookup_query(queries)
    assert '"newsroom_newsarticlepage"' in sql
    assert '"home_homepage"' not in sql and '"newsroom_newsindexpage"' not in sql


def test_a_page_where_its_rules_do_not_allow_it_is_still_served(client, en_home):
    # Made outside the admin, which would refuse it: an article directly under the home page.
    stray = en_home.add_child(
        instance=NewsArticlePage(title="Stray article", slug="stray", summary="Made by hand.")
    )
    stray.save_revision().publish()
    response = client.get("/en/stray/")
    assert response.status_code == 200
    assert "Stray article" in response.content.decode()


def api_page_query(queries, pk):
    """The detail's one query that fetches the page by id with its specific row (and the
    article's picture)."""
    (found,) = [
        q["sql"]
        for q in queries
        if f" = {pk}" in q["sql"] and 'LEFT OUTER JOIN "wagtailimages_image"' in q["sql"]
    ]
    return found


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_a_page_fetched_again_by_id_joins_only_its_own_types_row(client, en_home, version):
    """The first detail of a page joins every type's row; once its type is known, the next
    joins that type's alone."""
    article = NewsArticlePage.objects.live().filter(locale=en_home.locale).first()
    KNOWN_TYPES.clear()
    answers = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/{version}/pages/{article.pk}/")
        assert response.status_code == 200
        answers.append((response.json(), api_page_query(queries, article.pk)))
    (first, wide), (second, narrow) = answers
    assert first == second
    assert KNOWN_TYPES[article.pk] is NewsArticlePage
    assert '"home_homepage"' in wide and '"newsroom_newsarticlepage"' in wide
    assert '"home_homepage"' not in narrow and '"newsroom_newsarticlepage"' in narrow


def test_a_wrong_type_hint_still_gives_the_page_as_its_own_type(client, en_home):
    """A hint is never trusted over the page's content type: an id remembered as another
    type (ids are reused after a rollback on SQLite) still answers the right page."""
    mission = MissionPage.objects.live().filter(locale=en_home.locale).first()
    KNOWN_TYPES.clear()
    expected = client.get(f"/api/v2/pages/{mission.pk}/").json()
    KNOWN_TYPES[mission.pk] = NewsArticlePage
    assert client.get(f"/api/v2/pages/{mission.pk}/").json() == expected
    assert KNOWN_TYPES[mission.pk] is MissionPage


def test_the_remembered_types_are_bounded(monkeypatch):
    monkeypatch.setattr("serving.specific.KNOWN_TYPES_MAX", 3)
    KNOWN_TYPES.clear()
    for pk in range(1, 5):
        remember_type(NewsArticlePage(pk=pk))
    assert KNOWN_TYPES == {4: NewsArticlePage}
