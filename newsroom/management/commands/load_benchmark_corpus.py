"""A synthetic, clearly labelled corpus of news articles for measuring the site at size.

    python manage.py load_benchmark_corpus                 # 10,000 English + 10,000 Georgian
    python manage.py load_benchmark_corpus --articles 200  # a smaller one (the tests use it)

NOT demo content and never loaded by `make run`: every article's title starts with
"Benchmark article" / "სატესტო სტატია", its slug with `benchmark-`, its summary says it is
synthetic, and it is dated before the demo's stories (one a day, backwards from 2019), so the
demo's own news stays on top. Each English article has a Georgian translation (same
translation key, Georgian topics), published in both languages, searchable, with the demo's
picture and two topics. Running it again adds only what is missing, up to `--articles`.

Fast: creating 20,000 pages one by one through Wagtail's `add_child()` and
`copy_for_translation()` takes hours. The pages are the same models, written in bulk the way
treebeard's own `add_child` writes them (the path of the next child, the parent's `numchild`,
the `url_path`), their search index entries in bulk through Wagtail's backend, and the tree is
checked with `Page.find_problems()` afterwards, as the demo loader does.
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from newsroom.models import ArticleTopic, NewsArticlePage, NewsIndexPage, Topic

SLUG_PREFIX = "benchmark-"
NEWEST_DATE = datetime.date(2019, 12, 31)
BATCH = 500

TEXT = {
    "en": {
        "title": "Benchmark article {n}: synthetic text about migration",
        "summary": "Synthetic benchmark article {n}, not real news: generated to measure the "
        "site with many articles.",
        "dateline": "Tbilisi",
        "alt": "Synthetic benchmark picture",
        "paragraphs": [
            "<p>This synthetic text {n} is about migration, mobility and the diaspora in "
            "Georgia, written to fill the newsroom for a benchmark.</p>",
            "<p>Regional offices {n} reported on labour migration, remittances and return, "
            "with figures from the {year} survey.</p>",
            "<p>Partners met in Batumi and Kutaisi to discuss migration governance and the "
            "protection of migrants.</p>",
        ],
    },
    "ka": {
        "title": "სატესტო სტატია {n}: სინთეტიკური ტექსტი მიგრაციის შესახებ",
        "summary": "სინთეტიკური სატესტო სტატია {n}, არა ნამდვილი ამბავი: შექმნილია საიტის "
        "გასაზომად ბევრი სტატიით.",
        "dateline": "თბილისი",
        "alt": "სინთეტიკური სატესტო სურათი",
        "paragraphs": [
            "<p>ეს სინთეტიკური ტექსტი {n} ეხება მიგრაციას, მობილობას და დიასპორას "
            "საქართველოში.</p>",
            "<p>რეგიონულმა ოფისებმა {n} მოამზადეს ანგარიში შრომითი მიგრაციის, ფულადი "
            "გზავნილების და დაბრუნების შესახებ, {year} წლის კვლევის მონაცემებით.</p>",
            "<p>პარტნიორები შეხვდნენ ბათუმსა და ქუთაისში მიგრაციის მართვისა და მიგრანტების "
            "დაცვის საკითხებზე.</p>",
        ],
    },
}


def benchmark_articles(index):
    return NewsArticlePage.objects.child_of(index).filter(slug__startswith=SLUG_PREFIX)


class Command(BaseCommand):
    help = "Add a synthetic, clearly labelled benchmark corpus of articles in both languages."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000, help="articles per language")

    def handle(self, *args, articles, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        indexes = {}
        for code in ("en", "ka"):
            locale = Locale.objects.filter(language_code=code).first()
            index = locale and NewsIndexPage.objects.filter(locale=locale).first()
            if index is None:
                raise CommandError("No newsroom: run `manage.py load_demo_content` first.")
            indexes[code] = index
        existing = benchmark_articles(indexes["en"]).count()
        missing_ka = existing - benchmark_articles(indexes["ka"]).count()
        if missing_ka:
            raise CommandError(
                "The benchmark corpus is incomplete in Georgian; delete the articles whose "
                f"slug starts with {SLUG_PREFIX!r} and run this again."
            )
        image = get_image_model().objects.order_by("pk").first()
        topics = {
            code: list(Topic.objects.filter(locale=indexes[code].locale).order_by("pk"))
            for code in indexes
        }
        numbers = range(existing + 1, articles + 1)
        for start in range(0, len(numbers), BATCH):
            batch = numbers[start : start + BATCH]
            keys = [uuid.uuid4() for _ in batch]
            for code, index in indexes.items():
                self.add_batch(index, code, batch, keys, image, topics)
            self.stdout.write(f"{batch[-1]} of {articles} articles per language")
        problems = [problem for problem in Page.find_problems() if problem]
        if problems:
            raise CommandError(f"The page tree has problems: {problems}")
        total = benchmark_articles(indexes["en"]).count()
        self.stdout.write(f"Benchmark corpus: {total} articles in English and in Georgian.")

    @transaction.atomic
    def add_batch(self, index, code, numbers, keys, image, topics):
        """One batch of articles under `index`, written as treebeard's add_child would."""
        parent = Page.objects.select_for_update().get(pk=index.pk)
        last = parent.get_last_child()
        position = last._get_lastpos_in_path() if last else 0
        content_type = ContentType.objects.get_for_model(NewsArticlePage)
        now = timezone.now()
        text = TEXT[code]
        pages = []
        for offset, (number, key) in enumerate(zip(numbers, keys, strict=True)):
            date = NEWEST_DATE - datetime.timedelta(days=number - 1)
            slug = f"{SLUG_PREFIX}{number:05d}" if code == "en" else f"{SLUG_PREFIX}{number:05d}-ka"
            title = text["title"].format(n=number)
            page = NewsArticlePage(
                path=Page._get_path(parent.path, parent.depth + 1, position + offset + 1),
                depth=parent.depth + 1,
                numchild=0,
                translation_key=key,
                locale_id=parent.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                title=title,
                draft_title=title,
                slug=slug,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                date=date,
                dateline=text["dateline"],
                summary=text["summary"].format(n=number),
                featured_image=image,
                featured_image_alt=text["alt"] if image else "",
                body=[
                    ("paragraph", paragraph.format(n=number, year=date.year))
                    for paragraph in text["paragraphs"]
                ],
            )
            pages.append(page)
        # Multi-table inheritance: Django's bulk_create cannot write both tables, so the page
        # rows go in bulk and each article row is written on its own (raw: no signals, the
        # search index is written in bulk below).
        bases = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
             for page in pages]
        )  # fmt: skip
        for page, base in zip(pages, bases, strict=True):
            page.page_ptr_id = page.pk = base.pk
            page.save_base(raw=True, force_insert=True)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
        chosen = topics[code]
        links = []
        for number, page in zip(numbers, pages, strict=True):
            for sort_order, topic in (
                enumerate({chosen[number % len(chosen)], chosen[(number + 1) % len(chosen)]})
                if chosen
                else []
            ):
                links.append(
                    ArticleTopic(
                        article=page,
                        topic=topic,
                        sort_order=sort_order,
                        locale_id=parent.locale_id,
                        translation_key=uuid.uuid5(
                            page.translation_key, str(topic.translation_key)
                        ),
                    )
                )
        ArticleTopic.objects.bulk_create(links)
        get_search_backend().add_bulk(NewsArticlePage, pages)
