"""wagtail-factories factories for the project's pages and snippets.

Pages are created with `parent.add_child()` (wagtail-factories' `PageFactory`), so they are live
but have no revision and do not go through the admin's hooks (DESIGN.md pitfall 10).
"""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile
from wagtail_factories.blocks import BlockFactory

from home.blocks import CaptionedImageBlock, ParagraphBlock, QuoteBlock
from home.models import MissionPage
from newsroom.blocks import ArticleStreamBlock, ContactBlock
from newsroom.models import ArticleTopic, NewsArticlePage, NewsIndexPage, Topic


def default_locale():
    return Locale.objects.get(language_code="en")


# Blocks ---------------------------------------------------------------------------------


class ParagraphBlockFactory(BlockFactory):
    value = "<p>IOM has had a presence in Georgia since 1993.</p>"

    class Meta:
        model = ParagraphBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return RichText(kwargs["value"])


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    text = "The pandemic keeps pushing us to rethink the way we operate."
    attribution = "Sanja Celebic-Lukovac"
    role = "IOM Chief of Mission in Georgia"

    class Meta:
        model = QuoteBlock


class ContactBlockFactory(wagtail_factories.StructBlockFactory):
    name = "Joe Lowry"
    office = "IOM Regional Office, Vienna"
    phone = "+43 660 3776404"
    email = "press@example.org"

    class Meta:
        model = ContactBlock


class CaptionedImageBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(wagtail_factories.ImageChooserBlockFactory)
    alt_text = "Abstract illustration: blue circles"
    caption = "Participants of the workshop."

    class Meta:
        model = CaptionedImageBlock


class ArticleStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    paragraph = factory.SubFactory(ParagraphBlockFactory)
    quote = factory.SubFactory(QuoteBlockFactory)
    contact = factory.SubFactory(ContactBlockFactory)
    image = factory.SubFactory(CaptionedImageBlockFactory)

    class Meta:
        model = ArticleStreamBlock


# Snippets -------------------------------------------------------------------------------


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"test-topic-{n}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Topic


# Pages ----------------------------------------------------------------------------------


class MissionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Mission page {n}")
    intro = "IOM works through different areas of intervention."
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = MissionPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Newsroom {n}")
    intro = "News and press releases."
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    """An article whose body is a paragraph, a quote and a press contact (by default).

    Add blocks by index, e.g. `body__3="image", body__3__image__image=picture`; give topics
    with `topics=[topic, ...]`.
    """

    title = factory.Sequence(lambda n: f"News article {n}")
    date = factory.Sequence(lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(days=n))
    dateline = "Tbilisi"
    summary = "IOM Georgia hosted an online conference."
    featured_image_alt = "Abstract illustration"
    locale = factory.LazyFunction(default_locale)
    body = wagtail_factories.StreamFieldFactory(
        ArticleStreamBlockFactory, **{"0": "paragraph", "1": "quote", "2": "contact"}
    )

    class Meta:
        model = NewsArticlePage
        # The topics hook saves its own rows; the page itself needs no second save.
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        for order, topic in enumerate(extracted or []):
            link = ArticleTopic(article=obj, topic=topic, locale=obj.locale, sort_order=order)
            if create:
                link.save()


# Translations ---------------------------------------------------------------------------


def publish_georgian_translation(page, ka_locale, **fields):
    """Copy `page` into Georgian the way Wagtail's "translate" action does
    (`copy_for_translation`), set any translated `fields`, then publish a revision.

    The Georgian parent must exist already. Returns the live Georgian page.
    """
    translated = page.specific.copy_for_translation(ka_locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def georgian_admin_user(username, group_name):
    """A user of `group_name` whose admin is in Georgian (Nino Beridze, as in the walks)."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "x", first_name="Nino", last_name="Beridze"
    )
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ka"
    profile.save()
    return user
