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
from serving.per_request import public

from .models import NewsIndexPage, Topic, topic_names

FEED_LENGTH = 20


class NewsFeed(Feed):
    """The latest articles of the active language, optionally of one topic."""

    def get_object(self, request, topic=None):
        self.request = request
        locale = active_locale()
        news_index = public(NewsIndexPage.objects.live().filter(locale=locale)).first()
        if news_index is None:
            raise Http404(_("There is no newsroom in this language."))
        topic_obj = get_object_or_404(Topic, locale=locale, slug=topic) if topic else None
        return {"locale": locale, "news_index": news_index, "topic": topic_obj}

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
        url = obj["news_index"].get_url(self.request)
        if obj["topic"]:
            url += f"?topic={obj['topic'].slug}"
        return url

    def items(self, obj):
        # The listing's articles without what only its cards show (the picture and its
        # renditions): a feed item is a title, a summary, a link, dates and topics.
        articles = obj["news_index"].articles(cards=False)
        if obj["topic"]:
            articles = articles.filter(article_topics__topic=obj["topic"])
        articles = list(articles[:FEED_LENGTH])
        names = topic_names([article.pk for article in articles])
        for article in articles:
            article.topic_names = names.get(article.pk, [])
        return articles

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return item.topic_names
