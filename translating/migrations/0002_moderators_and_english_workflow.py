"""Moderators lose the image and document rights Wagtail's initial data gave them, and the
English tree leaves Wagtail's default "Moderators approval" workflow (editors publish
directly; DESIGN.md pitfall 13). Idempotent, like 0001."""

from django.db import migrations


def update_roles(apps, schema_editor):
    from translating.roles import setup_roles

    setup_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("translating", "0001_roles")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
