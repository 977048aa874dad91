from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from headless.declarations import APICollection
from headless.fields import TranslatedAltRenditionField
from headless.mixins import HeadlessPreviewMixin
from serving.fields import StreamField
from serving.per_request import public
from serving.tree import children_q

from . import lookups, phones, renditions
from .blocks import (
    ALT_TEXT_HELP,
    BODY_HELP,
    HomeStreamBlock,
    MissionStreamBlock,
    chosen_pages,
    image_alt,
)
from .embed_warnings import EmbedWarningsPanel
from .lookups import FastViewRestrictionsMixin
from .seo import SeoMixin


class HomePage(SeoMixin, FastViewRestrictionsMixin, HeadlessPreviewMixin, Page):
    """The root of one language's tree: exactly one per locale."""

    hero_title = models.CharField(_("hero title"), max_length=255)
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(HomeStreamBlock(), blank=True, verbose_name=_("body"), help_text=BODY_HELP)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    api_fields = [
        APIField("hero_title"),
        APIField("intro"),
        APIField("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_title"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    page_description = _("The start page of one language: one per language")
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.MissionPage", "newsroom.NewsIndexPage"]

    def get_context(self, request, *args, **kwargs):
        lookups.localize_pages(chosen_pages(self.body))  # every card and button at once
        return super().get_context(request, *args, **kwargs)

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def can_create_at(cls, parent):
        # Wagtail has max_count_per_parent, but every locale's home page shares the one root,
        # so the rule "one per locale" needs a count against the configured locales.
        return super().can_create_at(parent) and cls.objects.count() < Locale.objects.count()

    @classmethod
    def live_by_language(cls):
        """(language code, live home page) for each configured language that has one."""
        homes = {
            home.locale.language_code: home for home in cls.objects.live().select_related("locale")
        }
        return [(code, homes[code]) for code, _name in settings.LANGUAGES if code in homes]

    def clean(self):
        super().clean()
        same_locale = HomePage.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        if same_locale.exists():
            raise ValidationError(_("This language already has a home page."))


class MissionPage(SeoMixin, FastViewRestrictionsMixin, HeadlessPreviewMixin, Page):
    """ "Who We Are", "Our Work" and their sub-pages."""

    intro = models.TextField(_("introduction"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=255,
        blank=True,
        help_text=ALT_TEXT_HELP,
    )
    body = StreamField(
        MissionStreamBlock(), blank=True, verbose_name=_("body"), help_text=BODY_HELP
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Hero image"),
        ),
        EmbedWarningsPanel("body"),
    ]
    api_fields = [
        APIField("intro"),
        APIField(
            "hero_image",
            serializer=TranslatedAltRenditionField(
                renditions.HERO, image_field="hero_image", alt_field="hero_image_alt"
            ),
        ),
        APIField("hero_image_alt"),
        APIField("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    override_translatable_fields = [SynchronizedField("hero_image")]

    def get_context(self, request, *args, **kwargs):
        lookups.localize_pages(chosen_pages(self.body))  # every card and button at once
        # The banner's sizes and the Open Graph image (seo.shared_image) in one query.
        renditions.prefetch(self.hero_image, renditions.FEATURED, *renditions.role_specs("hero"))
        return super().get_context(request, *args, **kwargs)

    serve_select_related = ["hero_image"]  # serving.specific

    page_description = _(
        "A page about the organisation or its work, such as Who We Are or Our Work"
    )
    parent_page_types = ["home.HomePage", "home.MissionPage"]
    subpage_types = ["home.MissionPage"]

    class Meta:
        verbose_name = _("mission page")

    def hero_alt(self):
        return image_alt(self.hero_image, self.hero_image_alt)

    def hero_picture(self):
        """The banner, the first picture on screen: loaded at once, with high priority."""
        return renditions.picture(
            self.hero_image,
            "hero",
            self.hero_alt(),
            first_on_screen=True,
            css_class="hero-image",
        )

    def seo_image(self):
        return (self.hero_image, self.hero_alt())

    def section_pages(self):
        """The live, public pages under this one, for its "In this section" list. Not limited
        to `show_in_menus`, which decides the main menu: a sub-page that is live belongs in
        its section. Its sub-pages are all mission pages (`subpage_types`), so one query
        brings each one's intro."""
        return public(
            MissionPage.objects.filter(children_q(self)).live().select_related("locale")
        ).defer_streamfields()


def by_pk(instance):
    return instance.pk


@register_snippet
class Footer(TranslatableMixin, models.Model):
    """Contact details and social links at the foot of every page, one per locale."""

    organisation = models.CharField(_("organisation"), max_length=255)
    address = models.TextField(_("address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    # A phone number is the same in both languages: synchronised, never a translation segment.
    # (URL and email fields are synchronised by wagtail-localize already.)
    override_translatable_fields = [SynchronizedField("phone")]

    panels = [
        FieldPanel("organisation"),
        FieldPanel("address"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("x_url"), FieldPanel("youtube_url")],
            heading=_("Social links"),
        ),
    ]

    # Served at /api/v2/footer/ and /api/v3/footer/: one per language.
    api_collection = APICollection(
        "footer",
        description="The footer of a language: contact details and social links.",
        fields=(
            "organisation",
            "address",
            "phone",
            "email",
            "facebook_url",
            "x_url",
            "youtube_url",
        ),
        single=True,
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return f"{self.organisation} ({self.locale.language_code})"

    def phone_display(self):
        return phones.display(self.phone)

    def phone_href(self):
        return phones.href(self.phone)

    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]

    @classmethod
    def for_active_language(cls):
        """The active language's footer (the first made, should there be several). Unordered,
        the lowest id picked here: Django's ORDER BY costs more to compile than the query
        takes to run, and a language has one footer."""
        footers = cls.objects.filter(locale__language_code=lookups.active_language())
        return min(footers.order_by(), key=by_pk, default=None)
