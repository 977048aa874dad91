"""Dates as an app shows them: "16 მარტი, 2021" in Georgian, "16 March 2021" in English.

Django's own date formats of each language (`config/formats/`) give the text, so the API and
the public site say a date the same way and an app need not rebuild Georgian month names.
"""

from django.utils import formats, translation


def date_display(value, language_code):
    if value is None:
        return None
    if translation.get_language() == language_code:
        # The API serializes each page in its own language already: no switch per date.
        return formats.date_format(value, "DATE_FORMAT")
    with translation.override(language_code):
        return formats.date_format(value, "DATE_FORMAT")
