"""Indexes for the API's listing of one language's articles (`/api/v2/pages/?type=newsroom.
NewsArticlePage&locale=ka`, v3 alike), found with EXPLAIN QUERY PLAN at 10,000 articles per
language (issue 9).

The listing counts the language's live public articles (its `total_count`) and takes a window
of their primary keys in tree order (`serving/paging.window`). Before these, both started from
Wagtail's index on `locale_id` alone: every page row of the language was read (for `live` and
`url_path`), and the window sorted all of them by `path` to keep twenty.

- `content_type_id, locale_id, path, live, url_path, id` on Wagtail's page table: one page
  type's pages of a language (the API states the type on the page table too) in tree order,
  with what the public filter tests and the key the join needs, so the window walks the
  index from its end and stops after the rows it needs (no sort), and the count reads the
  index, not the rows. The content type comes first on purpose: led by `locale_id, path`,
  SQLite (without statistics) preferred walking a language's every page in path order to
  sorting the home page's three chosen pages found by translation key (7 ms instead of
  0.02 ms at 10,000 articles).
- On SQLite only, `page_ptr_id` on the article table: there the table is stored in its
  primary key, with every article's StreamField body, so the join that tells an article from
  another page read a body-sized row per page (the Georgian count read tens of megabytes).
  This index holds the key alone. PostgreSQL keeps its primary key as a separate index
  already, so it gets none.
"""

from django.db import migrations

PAGE_INDEX = "newsroom_page_locale_path"
ARTICLE_INDEX = "newsroom_article_page_ptr"


def create_article_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX {ARTICLE_INDEX} ON newsroom_newsarticlepage (page_ptr_id)"
        )


def drop_article_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX {ARTICLE_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_topic_verbose_name"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {PAGE_INDEX} ON wagtailcore_page "
            "(content_type_id, locale_id, path, live, url_path, id)",
            reverse_sql=f"DROP INDEX {PAGE_INDEX}",
        ),
        migrations.RunPython(create_article_index, drop_article_index),
    ]
