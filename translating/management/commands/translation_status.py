from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from translating import status


class Command(BaseCommand):
    help = (
        "Count the English pages and snippets by Georgian state (not translated, in progress, "
        "up to date, out of date); --list shows each one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--state", choices=list(status.STATES), help="Only this state.")
        parser.add_argument(
            "--section", type=int, help="Id of an English page: only it and the pages below."
        )
        parser.add_argument("--list", action="store_true", help="List every page and snippet.")

    def handle(self, *args, state=None, section=None, list=False, **options):
        section_page = None
        if section is not None:
            section_page = Page.objects.filter(pk=section).first()
            if section_page is None:
                raise CommandError(f"There is no page with id {section}.")
        rows = status.report(state=state, section=section_page)
        if list:
            for row in rows:
                detail = ""
                if row.state in (status.IN_PROGRESS, status.OUT_OF_DATE):
                    detail = f" ({row.translated} of {row.total} segments)"
                if row.machine:
                    detail += f" [{row.machine} machine-drafted]"
                if row.since:
                    detail += f" since {row.since:%Y-%m-%d %H:%M}"
                kind = "page" if row.is_page else "snippet"
                self.stdout.write(f"{row.state}\t{kind}\t{row.instance}{detail}")
        for key, count in status.counts(rows).items():
            self.stdout.write(f"{key}: {count}")
