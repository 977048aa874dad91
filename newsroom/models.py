import datetime
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import InvalidPage
from django.db import connection, models
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from typing_extensions import TypedDict
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.images.models import Rendition
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from headless.declarations import APICollection, APIFilter
from headless.fields import DateDisplayField, RelatedPagesField, TranslatedAltRenditionField
from headless.mixins import HeadlessPreviewMixin
from home import lookups, renditions, seo
from home.blocks import ALT_TEXT_HELP, BODY_HELP, image_alt
from home.embed_warnings import EmbedWarningsPanel
from home.lookups import FastViewRestrictionsMixin
from serving.fields import StreamField
from serving.paging import WindowPaginator
from serving.per_request import public, restricted_paths
from serving.prepared import PreparedQuery
from serving.tree import children_of, children_q, next_prefix, range_q

from .blocks import ArticleStreamBlock

ARTICLES_PER_PAGE = 10


def next_year_sql(day):
    """SQL for 1 January of the year after the date `day` (an SQL expression)."""
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('year', {day}) + interval '1 year' AS date)"
    return f"date({day}, 'start of year', '+1 years')"  # SQLite keeps dates as ISO text


@register_snippet
class Topic(TranslatableMixin, models.Model):
    """A news topic such as "Migration governance"; translated like a page."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in addresses; the same in every language")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    # The slug identifies the topic in filter URLs in both languages, so it is synchronised.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale")
        ]

    # Served at /api/v2/topics/ and /api/v3/topics/, with live article counts.
    api_collection = APICollection(
        "topics",
        description="The news topics of a language, with how many live articles each has.",
        fields=("id", "name", "slug"),
        computed={"article_count": int},
        queryset="for_api",
    )

    def __str__(self):
        return self.name

    @classmethod
    def for_api(cls, locale):
        live = Q(article_links__article__in=NewsArticlePage.objects.live().public())
        return (
            cls.objects.filter(locale=locale)
            .annotate(article_count=Count("article_links", filter=live, distinct=True))
            .order_by("name")
        )


# What a listing's card (newsroom/includes/article_card.html) reads of an article besides its
# picture: its title, URL and language (the shell's page fields), date and summary. Django's
# cost of a query grows with each selected column; a field read that is not here costs a
# query per card, which the query budgets would show.
CARD_FIELDS = (*lookups.SHELL_FIELDS, "date", "summary", "featured_image", "featured_image_alt")


class NewsIndexPage(seo.SeoMixin, FastViewRestrictionsMixin, HeadlessPreviewMixin, Page):
    """The newsroom of one language: its articles, newest first, ten to a page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    page_description = _("The newsroom of one language, listing its articles: one per language")
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsroom.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def articles(self, cards=True):
        """The live, public articles, newest first; with `cards`, with what a listing's card
        shows (`for_listing`), else with their locale only (for their URLs)."""
        if cards:
            return children_of(self, NewsArticlePage.objects.for_listing().only(*CARD_FIELDS))
        return children_of(self, NewsArticlePage.objects.newest().defer_streamfields())

    def topics(self):
        """The topics of this newsroom's live articles, in the newsroom's language, by name
        (`topics_in_use`), from SQL compiled once per process (serving/prepared.py)."""
        return TOPICS_IN_USE.instances(
            Topic,
            locale_id=self.locale_id,
            lower=self.path,
            upper=next_prefix(self.path),
            depth=self.depth + 1,
        )

    def live_pages(self):
        """The live, public pages below this newsroom (its articles), as Page rows."""
        return public(Page.objects.filter(children_q(self)).live())

    def archive(self, year=None):
        """(the years that have live articles, newest first; the number of live articles: of
        `year` when given, else of every year), in one query.

        A GROUP BY year over the live articles joins each article row to its page: with 10,000
        articles a language it read 10,000 article rows on every view of the news index.
        Nothing is kept (a stored count can go stale); instead:
        - the years come from a skip scan of the articles' `date, id` index: the newsroom's
          first live article, then its first on or after the next 1 January, and so on; each
          step walks the index from that day and stops at the first article of this newsroom
          (the other language's are interleaved), so a few rows are read per year, whatever the
          number of articles;
        - the total of every year is counted from the page index alone (its depth, path, live
          and content type: migration home/0007), reading no article row;
        - one year's total counts that year's articles, found by the date index.
        Django's ORM has no recursive query, so the statement is written here, around the
        ORM's SQL for "the article's page, if it is a live, public page of this newsroom"
        (compiled once: building querysets costs more than this statement on the demo site).
        That is a scalar subquery, not an EXISTS: PostgreSQL turns an EXISTS into a join and
        then may read every page of the site (a hash join) to count a year's few hundred
        articles, where a lookup by key each is what is wanted."""
        pages = self.live_pages()
        here, here_params = (
            pages.filter(pk=RawSQL("article.page_ptr_id", ()))
            .order_by()
            .values("pk")
            .query.sql_with_params()
        )
        articles = NewsArticlePage._meta.db_table

        def first_from(day):
            return (
                f"SELECT article.date FROM {articles} AS article WHERE article.date >= {day} "
                f"AND ({here}) IS NOT NULL ORDER BY article.date LIMIT 1"
            )

        if year is None:
            article_type = ContentType.objects.get_for_model(NewsArticlePage)
            counted, count_params = (
                pages.filter(content_type=article_type)
                .order_by()
                .values("pk")
                .query.sql_with_params()
            )
        else:
            counted = (
                f"SELECT article.page_ptr_id FROM {articles} AS article "
                f"WHERE article.date >= %s AND article.date < %s AND ({here}) IS NOT NULL"
            )
            count_params = [datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1), *here_params]
        sql = (
            "WITH RECURSIVE start(day) AS ("
            f"SELECT ({first_from('%s')}) UNION ALL "
            f"SELECT ({first_from(next_year_sql('start.day'))}) "
            "FROM start WHERE start.day IS NOT NULL) "
            f"SELECT start.day, (SELECT COUNT(*) FROM ({counted}) AS counted) "
            "FROM start WHERE start.day IS NOT NULL"
        )
        params = [datetime.date.min, *here_params, *here_params, *count_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        # A date on PostgreSQL, its ISO text on SQLite: the year is its first four digits.
        years = sorted({int(str(day)[:4]) for day, _total in rows}, reverse=True)
        return years, (rows[0][1] if rows else 0)

    def years(self):
        """The years that have live articles, newest first."""
        return self.archive()[0]

    def filter_articles(self, params):
        """The articles for the query string's filters, and what the page says about them.

        `?topic=<slug>` (a topic of this language) and `?year=2021`. A year that is not a
        plausible number is ignored with a notice; an unknown topic raises Http404."""
        articles = self.articles()
        topic = year = None
        notice = ""
        topic_slug = params.get("topic", "").strip()
        if topic_slug:
            # The topic of every language in one query: the other languages' tell the language
            # switcher whether they have this topic too.
            same_slug = list(Topic.objects.filter(slug=topic_slug[:100]).select_related("locale"))
            topic = next((t for t in same_slug if t.locale_id == self.locale_id), None)
            if topic is None:
                raise Http404(_("There is no such topic."))
            topic.languages = {t.locale.language_code for t in same_slug}
            articles = articles.filter(article_topics__topic=topic)
        year_value = params.get("year", "").strip()
        if year_value:
            if year_value.isascii() and year_value.isdigit() and 1900 <= int(year_value) <= 2999:
                year = int(year_value)
                articles = articles.filter(date__year=year)
            else:
                notice = _("That is not a year; showing articles from every year.")
        return articles, topic, year, notice

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles, topic, year, notice = self.filter_articles(request.GET)
        years, total = self.archive(year)
        paginator = WindowPaginator(articles, ARTICLES_PER_PAGE)
        if topic is None:
            # The archive's query gives the total too: no COUNT query of its own.
            paginator.count = total
        # A page number that is not a whole number, or past the last page, is a 404: answering
        # with page 1 would give search engines endless copies of it under other addresses.
        try:
            context["articles"] = paginator.page(request.GET.get("page", "1").strip()[:10])
        except InvalidPage as error:
            raise Http404(_("There is no such page of articles.")) from error
        filters = {}
        if topic:
            filters["topic"] = topic.slug
        if year:
            filters["year"] = year
        self.keep_filters_in_other_languages(topic, year)
        context.update(
            {
                "current_topic": topic,
                "current_year": year,
                "filter_notice": notice,
                "filter_query": urlencode(filters),
                "topics": self.topics(),
                "years": years,
            }
        )
        return context

    def keep_filters_in_other_languages(self, topic, year):
        """The query string of this listing in each other language: the year always, the topic
        where that language has a topic with the same slug (slugs are synchronised)."""
        self._alternate_queries = {}
        if not (topic or year):
            return
        for code, _name in settings.LANGUAGES:
            kept = {}
            if topic and code in topic.languages:
                kept["topic"] = topic.slug
            if year:
                kept["year"] = year
            self._alternate_queries[code] = f"?{urlencode(kept)}" if kept else ""

    def alternate_query(self, language_code):
        return getattr(self, "_alternate_queries", {}).get(language_code, "")

    def seo_listing_variant(self, context):
        """Filtered views are `noindex, follow` under the unfiltered index's canonical, with a
        title that names the filters ("News: Diaspora, 2020 - page 2"); later pages of the
        unfiltered index are their own canonical."""
        topic, year = context.get("current_topic"), context.get("current_year")
        articles = context.get("articles")
        number = articles.number if articles is not None else 1
        filters = [str(value) for value in (topic and topic.name, year) if value]
        if not filters and number == 1:
            return seo.ListingVariant()
        title = self.seo_title or self.title
        if filters:
            title = gettext("%(listing)s: %(filters)s") % {
                "listing": title,
                "filters": ", ".join(filters),
            }
        if number > 1:
            title = gettext("%(title)s - page %(number)s") % {"title": title, "number": number}
        return seo.ListingVariant(
            title=title,
            canonical_query="" if filters else f"?page={number}",
            noindex=bool(filters),
        )


def topics_in_use(locale_id, lower, upper, depth):
    """The topics of language `locale_id` that link a live, public page at `depth` with a
    tree path from `lower` up to `upper` (a newsroom's articles). Each topic looks through its
    own links for one to such a page and stops at the first, rather than collecting the
    topics, or the ids, of every article. The tests are scalar subqueries, not EXISTS:
    PostgreSQL turns an EXISTS into a join and then hashes every page of the newsroom
    (10,000) first."""
    pages = public(Page.objects.filter(range_q(lower, upper), depth=depth).live())
    page = pages.filter(pk=OuterRef("article_id")).order_by().values("pk")
    link = (
        ArticleTopic.objects.filter(topic=OuterRef("pk"))
        .alias(page=Subquery(page))
        .filter(page__isnull=False)
        .order_by()
        .values("pk")[:1]
    )
    return (
        Topic.objects.filter(locale_id=locale_id)
        .alias(link=Subquery(link))
        .filter(link__isnull=False)
    )


TOPICS_IN_USE = PreparedQuery(topics_in_use, shape=restricted_paths)


def card_renditions():
    """The prefetch of the card renditions of articles' pictures: the card's responsive sizes
    (`get_renditions()` trusts a prefetch as complete)."""
    return Prefetch(
        "featured_image__renditions",
        queryset=Rendition.objects.filter(filter_spec__in=renditions.role_specs("card")),
    )


class NewsArticleQuerySet(PageQuerySet):
    def public(self):
        # The view restrictions read once per request, not on every listing.
        return public(self)

    def newest(self):
        """Live, public articles, newest first, with their locale (for their URLs). `date, id`
        is indexed (migration 0002)."""
        return self.live().public().order_by("-date", "-pk").select_related("locale")

    def for_listing(self):
        """`newest()`, with what a listing card shows: its picture's card rendition."""
        return self.newest().with_cards()

    def with_cards(self):
        """With what a card shows of each article: its picture and the picture's card
        renditions, without the body."""
        return (
            self.select_related("featured_image")
            .prefetch_related(card_renditions())
            .defer_streamfields()
        )

    def latest_for_language(self, language):
        return self.with_page(locale__language_code=language).for_listing()

    def with_page(self, **filters):
        """Articles whose page row matches `filters` (its language, say), tested by a
        correlated EXISTS: so the database walks the `date, id` index newest first and
        stops at the few a listing shows, where a plain filter on an indexed page column
        (the locale) makes it collect and sort every article of that language first."""
        return self.filter(Exists(Page.objects.filter(pk=OuterRef("pk"), **filters)))


NewsArticleManager = PageManager.from_queryset(NewsArticleQuerySet)


def related_articles_of(locale_id, topic_ids, article_id):
    """Live, public articles in the language `locale_id` that link any of `topic_ids`, but
    `article_id`, newest first."""
    shared = ArticleTopic.objects.filter(article=OuterRef("pk"), topic_id__in=topic_ids)
    return (
        NewsArticlePage.objects.with_page(locale_id=locale_id)
        .filter(Exists(shared))
        .exclude(pk=article_id)
        .newest()
    )


RELATED_ARTICLES = PreparedQuery(related_articles_of, shape=restricted_paths)


class LabelledInlinePanel(InlinePanel):
    """Wagtail's InlinePanel, with each saved row headed by the row itself (a topic's name)
    where Wagtail heads every row "Topics 1", "Topics 2", ..."""

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "newsroom/panels/labelled_inline_panel.html"


class TopicName(TypedDict):
    slug: str
    name: str


class TopicNameField(serializers.Field):
    """Topics of an article as {slug, name} in the article's own language."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def prefetch_listing(self, articles):
        """A v2 listing's articles get their topics in one query (headless/declarations.py)."""
        NewsArticlePage.load_topics(articles)

    def to_representation(self, article) -> list[TopicName]:
        # The article's own list, which its related articles read too: one query in all.
        return [{"slug": topic.slug, "name": topic.name} for topic in article.topics()]


class NewsArticlePage(seo.SeoMixin, FastViewRestrictionsMixin, HeadlessPreviewMixin, Page):
    date = models.DateField(_("publication date"), default=datetime.date.today)
    dateline = models.CharField(
        _("dateline"),
        max_length=100,
        blank=True,
        help_text=_("Where the story was filed, e.g. Tbilisi"),
    )
    summary = models.TextField(_("summary"), help_text=_("The lead, shown in listings"))
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_image_alt = models.CharField(
        _("featured image alternative text"),
        max_length=255,
        blank=True,
        help_text=ALT_TEXT_HELP,
    )
    body = StreamField(ArticleStreamBlock(), verbose_name=_("body"), help_text=BODY_HELP)

    objects = NewsArticleManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("dateline")],
            heading=_("Dateline"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("featured_image"), FieldPanel("featured_image_alt")],
            heading=_("Featured image"),
        ),
        EmbedWarningsPanel("body"),
        # heading given: Wagtail's default, capfirst(label), is made when this module is
        # imported, before translating/mtavruli.py adapts capfirst, and would turn the
        # Georgian "თემები" into Mtavruli.
        LabelledInlinePanel("article_topics", heading=_("Topics"), label=_("Topics")),
    ]
    api_fields = [
        APIField("date"),
        APIField("date_display", serializer=DateDisplayField("date")),
        APIField("dateline"),
        APIField("summary"),
        APIField(
            "featured_image",
            serializer=TranslatedAltRenditionField(
                renditions.FEATURED,
                image_field="featured_image",
                alt_field="featured_image_alt",
            ),
        ),
        APIField("featured_image_alt"),
        APIField("body"),
        APIField("topics", serializer=TopicNameField()),
        APIField("related_articles", serializer=RelatedPagesField("related_article_rows")),
    ]
    api_filters = [
        APIFilter(
            "topic",
            "article_topics__topic__slug",
            "A topic's slug, e.g. `diaspora` (the same in every language).",
            distinct=True,
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("dateline"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    # Dates and images are the same in both languages; text, including the dateline, is
    # translated (wagtail-localize's defaults, spelt out here so the choice is visible).
    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("featured_image"),
    ]

    page_description = _("A news story or press release, with a date, topics and a summary")
    parent_page_types = ["newsroom.NewsIndexPage"]
    subpage_types = []
    serve_select_related = ["featured_image"]  # serving.specific
    sitemap_date_field = "date"  # home.sitemaps: the sitemap's lastmod until a later edit

    class Meta:
        verbose_name = _("news article")
        indexes = [
            # The newsroom lists its articles by date, then id, newest first.
            models.Index(fields=["date", "page_ptr"], name="newsarticle_date_id"),
        ]

    def topics(self):
        """The article's topics in the editor's order, read once however often a page asks.
        Read from the inline rows, not by a query on the link table: in the admin's preview the
        page (new and unsaved, or a draft with other topics) holds its rows in memory only."""
        if not hasattr(self, "_topics"):
            links = self.article_topics.all()
            if isinstance(links, models.QuerySet) and links._result_cache is None:
                # The saved rows, not prefetched by a listing: one prepared query.
                self._topics = topics_by_article([self.pk]).get(self.pk, [])
            else:
                self._topics = [link.topic for link in links if link.topic_id]
        return self._topics

    @classmethod
    def load_topics(cls, articles):
        """Set the `topics()` of saved articles, in one query for all of them
        (`topics_by_article`)."""
        by_article = topics_by_article([article.pk for article in articles])
        for article in articles:
            article._topics = by_article.get(article.pk, [])

    @cached_property
    def topic_list(self):
        """The topics, fetched once per request for the side column and the metadata."""
        return list(self.topics())

    def _related_arguments(self):
        return {
            "locale_id": self.locale_id,
            "topic_ids": [topic.pk for topic in self.topics()],
            "article_id": self.pk,  # None for a new page (in preview)
        }

    def related_articles(self, limit=3):
        """Live articles of the same language that share a topic with this one, newest first
        (without their pictures)."""
        return RELATED_ARTICLES.build(**self._related_arguments())[:limit]

    def related_article_rows(self, fields, limit=3):
        """`related_articles()` as rows of `fields` (the API's summaries), from SQL compiled
        once per process (serving/prepared.py)."""
        return RELATED_ARTICLES.values_list(fields, limit=limit, **self._related_arguments())

    def related_cards(self, limit=3):
        """`related_articles()` as the page's cards show them: CARD_FIELDS, with their
        pictures and the pictures' card renditions, from the same prepared SQL."""
        cards = RELATED_ARTICLES.instances(
            NewsArticlePage,
            ["locale", "featured_image"],
            only=CARD_FIELDS,
            limit=limit,
            **self._related_arguments(),
        )
        prefetch_related_objects(cards, card_renditions())
        return cards

    def featured_alt(self):
        return image_alt(self.featured_image, self.featured_image_alt)

    def featured_picture(self):
        """The picture at the top of the article, the first on screen: loaded at once."""
        return renditions.picture(
            self.featured_image,
            "featured",
            self.featured_alt(),
            first_on_screen=True,
            css_class="featured-image",
        )

    def card_picture(self, first_on_screen=False):
        return renditions.picture(
            self.featured_image, "card", self.featured_alt(), first_on_screen=first_on_screen
        )

    def body_blocks(self):
        """The body as read in the article's column: without the press contacts (they are in
        the side column) and without an image block that repeats the featured image."""
        return [
            block
            for block in self.body
            if block.block_type != "contact"
            and not (
                block.block_type == "image"
                and self.featured_image_id
                and getattr(block.value.get("image"), "pk", None) == self.featured_image_id
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The picture's sizes and the Open Graph image (seo.shared_image) in one query.
        renditions.prefetch(
            self.featured_image, renditions.FEATURED, *renditions.role_specs("featured")
        )
        ancestors = lookups.ancestors(self)
        context["news_index_url"] = ancestors[-1].get_url(request) if ancestors else ""
        context["share_links"] = self.share_links(request.build_absolute_uri(self.get_url(request)))
        return context

    def press_contacts(self):
        return [block for block in self.body if block.block_type == "contact"]

    def share_links(self, url):
        """(network, share URL) for the side column: plain links, no scripts or trackers."""
        quoted, title = quote(url, safe=""), quote(self.title, safe="")
        return [
            ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quoted}"),
            ("X", f"https://x.com/intent/post?url={quoted}&text={title}"),
            ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={quoted}"),
        ]

    # Search engines and social networks (home.seo) ------------------------------------------

    def seo_description_text(self):
        return self.search_description or self.summary

    def seo_image(self):
        return (self.featured_image, self.featured_alt())

    def seo_og_type(self):
        return "article"

    def modified_at(self):
        """When the article last changed: its last publication, or its date if that is later."""
        published = timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))
        last = self.last_published_at
        return last if last and last > published else published

    def seo_article_facts(self):
        section = self.topic_list[0].name if self.topic_list else ""
        return (self.date.isoformat(), self.modified_at().isoformat(), section)

    def seo_structured_data(self, request, metadata):
        """schema.org NewsArticle with what Google's article rich result asks for."""
        article = {
            "@type": "NewsArticle",
            "headline": seo.cut_at_word(self.seo_title or self.title, 110),
            "description": metadata.description,
            "datePublished": self.date.isoformat(),
            "dateModified": self.modified_at().isoformat(),
            "inLanguage": translation.get_language(),
            "mainEntityOfPage": metadata.canonical,
            "url": metadata.canonical,
            "image": [metadata.image.url] if metadata.image else [],
            "author": {"@type": "Organization", "name": seo.site_name()},
            "publisher": seo.publisher(request),
        }
        if self.topic_list:
            article["articleSection"] = self.topic_list[0].name
            article["keywords"] = [topic.name for topic in self.topic_list]
        if self.dateline:
            article["locationCreated"] = {"@type": "Place", "name": self.dateline}
        return [article]


def topics_by_article(article_ids):
    """{article id: its topics, in the editor's order} for these articles, in one query: the
    links as plain rows with their topic's columns, each topic built once for every article
    that has it (a feed's items, an API listing's page), from SQL compiled once per process
    and number of articles (serving/prepared.py). Django's prefetch of
    `article_topics` with their topics builds a link and a topic for each link: 2.9 ms of a
    20-article API listing, where this takes 0.6 ms (README "Speed")."""
    names = [field.attname for field in Topic._meta.concrete_fields]
    key = names.index(Topic._meta.pk.attname)
    columns = ("article_id", *(f"topic__{name}" for name in names))
    topics = {}  # id -> Topic
    by_article = {}
    for article_id, *values in TOPIC_LINKS.values_list(columns, article_ids=list(article_ids)):
        topic = topics.get(values[key])
        if topic is None:
            topic = topics[values[key]] = Topic.from_db("default", names, values)
        by_article.setdefault(article_id, []).append(topic)
    return by_article


def topic_links_of(article_ids):
    """The articles' links to their topics, in the editor's order."""
    return ArticleTopic.objects.filter(article_id__in=article_ids).order_by("sort_order")


TOPIC_LINKS = PreparedQuery(topic_links_of)  # a feed's or a listing's page: one shape each


class ArticleTopic(TranslatableMixin, Orderable):
    """Links an article to a topic.

    An inline model rather than a many-to-many field, because wagtail-localize skips
    many-to-many fields but translates an inline's foreign keys to translatable snippets:
    this way each Georgian article points at the Georgian topic, and submitting an article
    for translation brings its topics along.
    """

    article = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="article_topics")
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="article_links", verbose_name=_("topic")
    )

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("article topic")
        ordering = ["sort_order"]
        unique_together = [("translation_key", "locale"), ("article", "topic")]

    def __str__(self):
        return self.topic.name if self.topic_id else str(self._meta.verbose_name)
