"""The dates in the translation editor's notes ("Translated manually on 25 November 2026"),
in the admin's language.

wagtail-localize writes the date of each string's note with `strftime("%-d %B %Y")`
(`StringTranslation.get_comment`), which names the month in the C locale, English, whatever
the admin's language: "ნათარგმნია ხელით, 25 November 2026". It has no setting for this, and
setting the process's C locale would change every request at once, so `install()` (from
`TranslatingConfig.ready()`) gives `StringTranslation` a `get_comment` that says the same
messages with Django's date format of the active language (config/formats/: "25 ნოემბერი,
2026"). tests/test_translation_editor_i18n.py fails when wagtail-localize changes its own.
"""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail_localize.models import StringTranslation

WAGTAIL_LOCALIZE_GET_COMMENT = StringTranslation.get_comment


def get_comment(self):
    """wagtail-localize's note on how and when the string was translated (its messages,
    from its catalogue), with the date formatted for the active language."""
    date = date_format(localtime(self.updated_at), "DATE_FORMAT")
    if self.tool_name:
        return _("Translated with {tool_name} on {date}").format(
            tool_name=self.tool_name, date=date
        )
    if self.translation_type == self.TRANSLATION_TYPE_MANUAL:
        return _("Translated manually on {date}").format(date=date)
    if self.translation_type == self.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return None


def install():
    StringTranslation.get_comment = get_comment
