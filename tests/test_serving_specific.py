"""serving.specific joins a page's own row in the same query, for the types that may stand at
the page's depth (home/routing.py's lookup by path)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage, MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage
from serving.specific import models_at_depth, specific_relations

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
