"""Two indexes on Wagtail's page table, for lookups the site makes on every request.

- `url_path`: `home/routing.py` finds a page in one query by its `url_path`, a column Wagtail
  does not index (its own router walks the tree by slug); without it each page view reads
  every page of the site.
- `depth, path, live`: the menu (`home/lookups.py`: the pages at depth 3), the children of a
  page (`serving/tree.py`: one depth, a range of paths) and the sitemap's count of live pages
  below the root, read from the index alone; Wagtail indexes `path` alone, so each of them
  read every page of the site.

Wagtail's `Page` belongs to another app, so the indexes are created here in SQL, the same
statements on SQLite and PostgreSQL, and dropped when this migration is reversed.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_editor_help_and_alt_text_defaults"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX home_page_url_path ON wagtailcore_page (url_path)",
            reverse_sql="DROP INDEX home_page_url_path",
        ),
        migrations.RunSQL(
            "CREATE INDEX home_page_depth_path_live ON wagtailcore_page (depth, path, live)",
            reverse_sql="DROP INDEX home_page_depth_path_live",
        ),
    ]
