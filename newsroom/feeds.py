"""RSS feeds of the newsroom: one per language, and one per topic in each language.

Django's syndication framework does the work; the feed's language is the active one
(`/en/feeds/news/`, `/ka/feeds/news/`), so a Georgian feed lists the Georgian articles under
Georgian titles.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from home.lookups import active_locale
from serving.page_urls import PageURLs
from serving.per_request import public

from .models import NewsIndexPage, Topic, topics_by_article

FEED_LENGTH = 20
# What the feed reads of its newsroom (the title, the introduction, where its articles are) and
# of each article, as plain rows: a Page instance costs more to build than the item.
NEWSROOM_FIELDS = ("title", "intro", "url_path", "path", "depth", "locale")
ITEM_FIELDS = ("pk", "title", "summary", "date", "last_published_at", "url_path")


class NewsFeed(Feed):
    """The latest articles of the active language, optionally of one topic.

    One instance serves every request (the URLconf holds it): what a request needs travels in
    the object `get_object` returns, and in the items, not on the instance."""

    def get_object(self, request, topic=None):
        locale = active_locale()
        news_index = (
            public(NewsIndexPage.objects.live().filter(locale=locale))
            .only(*NEWSROOM_FIELDS)
            .first()
        )
        if news_index is None:
            raise Http404(_("There is no newsroom in this language."))
        topic_obj = get_object_or_404(Topic, locale=locale, slug=topic) if topic else None
        return {
            "locale": locale,
            "news_index": news_index,
            "topic": topic_obj,
            "urls": PageURLs(request),  # as get_url(request): relative on this site
        }

    def title(self, obj):
        # Made of already translated parts: the site's name, the newsroom's page title and
        # the topic's name, so a Georgian feed has a Georgian title.
        parts = [str(_("IOM Georgia")), obj["news_index"].title]
        if obj["topic"]:
            parts.append(obj["topic"].name)
        return " – ".join(parts)

    def description(self, obj):
        return obj["news_index"].intro or self.title(obj)

    def link(self, obj):
        url = obj["urls"].url(obj["news_index"].url_path)
        if obj["topic"]:
            url += f"?topic={obj['topic'].slug}"
        return url

    def items(self, obj):
        # The listing's articles, without what only its cards show (the picture and its
        # renditions): a feed item is a title, a summary, a link, dates and topics.
        articles = obj["news_index"].articles(cards=False)
        if obj["topic"]:
            articles = articles.filter(article_topics__topic=obj["topic"])
        items = list(articles.values(*ITEM_FIELDS)[:FEED_LENGTH])
        topics = topics_by_article([item["pk"] for item in items])
        for item in items:
            item["link"] = obj["urls"].url(item["url_path"])
            item["topics"] = [topic.name for topic in topics.get(item["pk"], [])]
        return items

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return item["summary"]

    def item_link(self, item):
        return item["link"]

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item["date"], datetime.time(9)))

    def item_updateddate(self, item):
        return item["last_published_at"]

    def item_categories(self, item):
        return item["topics"]
