import datetime
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from typing_extensions import TypedDict
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from headless.declarations import APICollection, APIFilter
from headless.fields import DateDisplayField, RelatedPagesField, TranslatedAltRenditionField
from headless.mixins import HeadlessPreviewMixin
from home import renditions

from .blocks import ArticleStreamBlock

ARTICLES_PER_PAGE = 10


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


class NewsIndexPage(HeadlessPreviewMixin, Page):
    """The newsroom of one language: its articles, newest first, ten to a page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsroom.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        return NewsArticlePage.objects.child_of(self).for_listing()

    def topics(self):
        """The topics of this newsroom's live articles, in the newsroom's language."""
        article_ids = NewsArticlePage.objects.child_of(self).live().public().values("pk")
        return Topic.objects.filter(
            locale_id=self.locale_id, article_links__article_id__in=article_ids
        ).distinct()

    def years(self):
        """The years that have live articles, newest first."""
        articles = NewsArticlePage.objects.child_of(self).live().public()
        return [day.year for day in articles.dates("date", "year", order="DESC")]

    def filter_articles(self, params):
        """The articles for the query string's filters, and what the page says about them.

        `?topic=<slug>` (a topic of this language) and `?year=2021`. A year that is not a
        plausible number is ignored with a notice; an unknown topic raises Http404."""
        articles = self.articles()
        topic = year = None
        notice = ""
        topic_slug = params.get("topic", "").strip()
        if topic_slug:
            topic = Topic.objects.filter(locale_id=self.locale_id, slug=topic_slug[:100]).first()
            if topic is None:
                raise Http404(_("There is no such topic."))
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
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        try:
            context["articles"] = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            context["articles"] = paginator.page(1)
        except EmptyPage:
            context["articles"] = paginator.page(paginator.num_pages)
        filters = {}
        if topic:
            filters["topic"] = topic.slug
        if year:
            filters["year"] = year
        context.update(
            {
                "current_topic": topic,
                "current_year": year,
                "filter_notice": notice,
                "filter_query": urlencode(filters),
                "topics": self.topics(),
                "years": self.years(),
            }
        )
        return context


class NewsArticleQuerySet(PageQuerySet):
    def for_listing(self):
        """Live, public articles, newest first, with what a listing card shows prefetched."""
        return (
            self.live()
            .public()
            .order_by("-date", "-pk")
            .select_related("featured_image", "locale")
            .prefetch_related("featured_image__renditions", "article_topics__topic")
        )

    def latest_for_locale(self, locale):
        return self.filter(locale=locale).for_listing()


NewsArticleManager = PageManager.from_queryset(NewsArticleQuerySet)


class TopicName(TypedDict):
    slug: str
    name: str


class TopicNameField(serializers.Field):
    """Topics of an article as {slug, name} in the article's own language."""

    def to_representation(self, article_topics) -> list[TopicName]:
        return [{"slug": link.topic.slug, "name": link.topic.name} for link in article_topics.all()]


class NewsArticlePage(HeadlessPreviewMixin, Page):
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
        help_text=_("Describe the picture for screen readers"),
    )
    body = StreamField(ArticleStreamBlock(), verbose_name=_("body"))

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
        FieldPanel("body"),
        InlinePanel("article_topics", label=_("Topics")),
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
        APIField("topics", serializer=TopicNameField(source="article_topics")),
        APIField("related_articles", serializer=RelatedPagesField("related_articles")),
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

    parent_page_types = ["newsroom.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")

    def topics(self):
        return Topic.objects.filter(article_links__article=self).order_by(
            "article_links__sort_order"
        )

    def related_articles(self, limit=3):
        """Live articles of the same language that share a topic with this one, newest first."""
        shared = ArticleTopic.objects.filter(
            topic__in=Topic.objects.filter(article_links__article=self)
        ).values("article_id")
        return (
            NewsArticlePage.objects.filter(locale_id=self.locale_id, pk__in=shared)
            .exclude(pk=self.pk)
            .for_listing()[:limit]
        )

    def featured_rendition(self):
        if not self.featured_image:
            return None
        return self.featured_image.get_rendition(renditions.FEATURED)


class ArticleTopic(TranslatableMixin, Orderable):
    """Links an article to a topic.

    An inline model rather than a many-to-many field, because wagtail-localize skips
    many-to-many fields but translates an inline's foreign keys to translatable snippets:
    this way each Georgian article points at the Georgian topic, and submitting an article
    for translation brings its topics along.
    """

    article = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="article_topics")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="article_links")

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("article topic")
        ordering = ["sort_order"]
        unique_together = [("translation_key", "locale"), ("article", "topic")]
