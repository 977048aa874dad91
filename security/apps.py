from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """What keeps the site safe under attack and failure: only public redirects, documents
    through Wagtail's view, images of restricted collections kept out, the v3 write switch,
    backups. Infrastructure: it never imports a content app."""

    name = "security"
    verbose_name = _("Security")

    def ready(self):
        from . import images, redirects

        redirects.install()
        images.install()
