from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslatingConfig(AppConfig):
    name = "translating"
    verbose_name = _("Translation workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import chooser_labels, comment_dates, mtavruli, signals, slugs  # noqa: F401

        chooser_labels.install()
        comment_dates.install()
        mtavruli.install()
        slugs.install()
