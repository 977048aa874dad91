"""An index on Wagtail's page table for counting a newsroom's live articles (here with the
other page-table indexes of `home/0005`, and after it).

The news index's total (its paginator's page count) counts the live children of the newsroom
that are articles. `home/0005`'s `depth, path, live` index finds the children, but the content
type is only in the page row, so the count read every article's page row (10,000 a language
in the benchmark corpus). With the content type in the index the count reads the index alone,
on SQLite and on PostgreSQL (an index-only scan).

Wagtail's `Page` belongs to another app, so the index is created here in SQL, the same
statement on SQLite and PostgreSQL, and dropped when this migration is reversed.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_chosen_pages_fetched_together"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX newsroom_page_children_type "
            "ON wagtailcore_page (depth, path, live, content_type_id)",
            reverse_sql="DROP INDEX newsroom_page_children_type",
        ),
    ]
