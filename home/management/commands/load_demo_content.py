from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from home.demo.loader import DemoLoader, MissingTranslation


class Command(BaseCommand):
    help = (
        "Load the demo site (English pages, news and snippets with their Georgian "
        "translations). Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        try:
            DemoLoader(stdout=self.stdout).load()
        except MissingTranslation as error:
            raise CommandError(str(error)) from error
        problems = [found for found in Page.find_problems() if found]
        if problems:
            raise CommandError(f"The page tree has problems after loading: {problems}")
