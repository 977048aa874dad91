"""Build the demo site: English pages and snippets, then their Georgian translations.

The Georgian side is made the way a translator makes it: wagtail-localize's
`TranslationCreator` submits each English object for translation, the Georgian strings from
`ka.po` are entered as `StringTranslation`s, and `Translation.save_target` publishes. Every
Georgian page is therefore a wagtail-localize translation that opens in the translation editor.

Deliberately not wrapped in one outer transaction: `save_target(publish=True)` publishes in
`transaction.on_commit`, and inside an outer atomic block that corrupts the page tree
(DESIGN.md pitfall 1). Each step is idempotent instead, so a run that stopped half-way is
completed by the next one.
"""

import re
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Locale, Page, PageLogEntry, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.models import Footer, HomePage, MissionPage
from newsroom.models import ArticleTopic, NewsArticlePage, NewsIndexPage, Topic

from . import content
from .catalogue import georgian
from .images import create_image

PAGE_LINK = re.compile(r'<a href="\{page:([^}]+)\}">')


class MissingTranslation(Exception):
    pass


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def list_items(values):
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def facts_value(facts):
    return {
        "heading": facts["heading"],
        "facts": list_items([{"figure": f, "label": label} for f, label in facts["facts"]]),
    }


class DemoLoader:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.english = Locale.objects.get(language_code="en")
        self.georgian = Locale.objects.get(language_code="ka")
        self.pages_by_slug = {}

    def log(self, message):
        if self.stdout:
            self.stdout.write(message)

    # English -----------------------------------------------------------------------------

    def load(self):
        if HomePage.objects.filter(locale=self.english).exists():
            self.log("English demo content is already there.")
        else:
            with transaction.atomic():
                self.create_english()
            self.log("Created the English demo content.")
        created = self.translate_all()
        self.log(f"Created {created} Georgian translations.")
        self.log_first_versions()
        return created

    def log_first_versions(self):
        """Each demo page's first revision in its history as an edit, so that History offers
        it to review and restore ("Review this version", then Revert) once the page has been
        edited. The loader saves pages as code does (`save_revision()`, wagtail-localize's
        `save_target`), which logs only the publish, and Wagtail's history offers revision
        actions on edit entries only. Idempotent: a page whose first revision is logged as
        an edit is skipped, so an older demo database is completed by the next run."""
        homes = HomePage.objects.filter(locale__in=[self.english, self.georgian])
        for home in homes:
            for page in home.get_descendants(inclusive=True).specific():
                first = page.revisions.order_by("created_at", "pk").first()
                if first is None or (
                    PageLogEntry.objects.filter(page=page, revision=first)
                    .exclude(action="wagtail.publish")
                    .exists()
                ):
                    continue
                log(
                    page,
                    "wagtail.edit",
                    revision=first,
                    content_changed=True,
                    timestamp=first.created_at,
                )

    def create_english(self):
        self.remove_welcome_page()
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title=content.HOME["title"],
                slug=content.HOME["slug"],
                hero_title=content.HOME["hero_title"],
                intro=content.HOME["intro"],
                locale=self.english,
            )
        )
        self.point_default_site_at(home)

        topics = {
            slug: Topic.objects.create(slug=slug, name=name, locale=self.english)
            for slug, name in content.TOPICS
        }
        Footer.objects.create(locale=self.english, **content.FOOTER)

        mission_pages = [self.add_mission_page(home, page) for page in content.MISSION_PAGES]
        news_index = home.add_child(
            instance=NewsIndexPage(show_in_menus=True, locale=self.english, **content.NEWS_INDEX)
        )
        for article in content.ARTICLES:
            self.add_article(news_index, article, topics)

        # Rich-text links and the home page's blocks point at pages, so they come last.
        for spec in self.walk_missions(content.MISSION_PAGES):
            page = self.pages_by_slug[spec["slug"]]
            page.body = self.body(spec["body"])
        home.body = [
            block(
                "featured_pages",
                {
                    "heading": content.HOME_FEATURED_HEADING,
                    "cards": list_items(
                        [
                            {"page": page.pk, "heading": "", "text": page.intro}
                            for page in mission_pages
                        ]
                    ),
                },
            ),
            block("latest_news", {"heading": content.HOME_LATEST_NEWS_HEADING, "count": 3}),
            block("facts", facts_value(content.HOME_FACTS)),
            block(
                "call_to_action",
                {
                    **{k: v for k, v in content.HOME_CALL_TO_ACTION.items() if k != "page"},
                    "page": self.pages_by_slug[content.HOME_CALL_TO_ACTION["page"]].pk,
                    "url": "",
                },
            ),
        ]
        for page in [home, *self.pages_by_slug.values(), news_index]:
            page.save_revision().publish()

    @staticmethod
    def remove_welcome_page():
        """Wagtail's first migration leaves a bare "Welcome" page (and a site on it) where the
        home page belongs; it has no content."""
        for page in Page.objects.filter(depth=2, numchild=0):
            if page.specific_class is Page:
                Site.objects.filter(root_page=page).delete()
                page.delete()

    @staticmethod
    def point_default_site_at(home):
        """The default site, at the host and port of WAGTAILADMIN_BASE_URL so that absolute
        page URLs (the API's html_url, hreflang) point at this server."""
        base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname = base_url.hostname or "localhost"
        site.port = base_url.port or (443 if base_url.scheme == "https" else 80)
        site.root_page = home
        site.site_name = content.HOME["title"]
        site.save()

    @staticmethod
    def walk_missions(specs):
        for spec in specs:
            yield spec
            yield from DemoLoader.walk_missions(spec.get("children", []))

    def add_mission_page(self, parent, spec):
        # Every mission page is in the menu: the API's navigation tree shows the sub-pages too.
        page = MissionPage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            show_in_menus=True,
            locale=self.english,
        )
        if picture := spec.get("hero_image"):
            page.hero_image = create_image(picture["title"], picture["seed"], picture["alt"])
            page.hero_image_alt = picture["alt"]
        parent.add_child(instance=page)
        self.pages_by_slug[spec["slug"]] = page
        for child in spec.get("children", []):
            self.add_mission_page(page, child)
        return page

    def add_article(self, news_index, spec, topics):
        picture = spec["image"]
        image = create_image(picture["title"], picture["seed"], picture["alt"])
        image_block = {"image": image.pk, "alt_text": picture["alt"], "caption": picture["caption"]}
        article = NewsArticlePage(
            title=spec["title"],
            slug=spec["slug"],
            date=spec["date"],
            dateline=spec["dateline"],
            summary=spec["summary"],
            featured_image=image,
            featured_image_alt=picture["alt"],
            body=self.body(spec["body"], image_block=image_block),
            locale=self.english,
        )
        article.article_topics = [
            ArticleTopic(topic=topics[slug], locale=self.english, sort_order=order)
            for order, slug in enumerate(spec["topics"])
        ]
        news_index.add_child(instance=article)
        article.save_revision().publish()

    def body(self, spec, image_block=None):
        blocks = []
        for block_type, value in spec:
            if block_type == "paragraph":
                value = self.link_pages(value)
            elif block_type == "facts":
                value = facts_value(getattr(content, value))
            elif block_type == "image":
                value = image_block
            blocks.append(block(block_type, value))
        return blocks

    def link_pages(self, html):
        def page_link(match):
            return f'<a linktype="page" id="{self.pages_by_slug[match.group(1)].pk}">'

        return RichText(PAGE_LINK.sub(page_link, html)).source

    # Georgian ----------------------------------------------------------------------------

    def english_objects(self):
        """Everything to translate, parents before children and snippets before the pages
        that refer to them."""
        yield from Topic.objects.filter(locale=self.english)
        yield from Footer.objects.filter(locale=self.english)
        home = HomePage.objects.get(locale=self.english)
        yield from home.get_descendants(inclusive=True).specific().order_by("path")

    def translate_all(self):
        """One TranslationSource and Translation per object, as "Translate this page" makes.

        Not through wagtail-localize's TranslationCreator: it first saves a copy in English
        text, which the Georgian would replace at once (two saves per object, and for a
        snippet English dressed as Georgian for a moment). The Georgian strings go in first,
        and the target is created and published once, in Georgian.
        """
        created = 0
        for instance in self.english_objects():
            if (
                instance.has_translation(self.georgian)
                and Translation.objects.filter(
                    source__object_id=instance.translation_key, target_locale=self.georgian
                ).exists()
            ):
                continue
            source, _ = TranslationSource.get_or_create_from_instance(instance)
            translation, _ = Translation.objects.get_or_create(
                source=source, target_locale=self.georgian
            )
            self.enter_georgian_strings(translation)
            translation.save_target(publish=True)
            created += 1
        return created

    def enter_georgian_strings(self, translation):
        catalogue = georgian()
        segments = StringSegment.objects.filter(source=translation.source).select_related(
            "string", "context"
        )
        missing = []
        for segment in segments:
            if segment.context.path == "slug":
                # Drafted from the Georgian title when that is saved, as for a translator
                # (translating/slugs.py): "vin-vart-chven".
                continue
            text = catalogue.get(segment.string.data)
            if text is None:
                missing.append(segment.string.data)
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=self.georgian,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
        if missing:
            raise MissingTranslation(
                "home/demo/ka.po has no Georgian for: " + "; ".join(repr(m) for m in missing)
            )
