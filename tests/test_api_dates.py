"""`date_display` (an article's `date_display` in both API versions) keeps each date's text
once it has written it; the text is Django's own date format of the language."""

import datetime

from django.utils import formats, translation

from headless.dates import _formatted, date_display


def test_a_date_reads_as_the_languages_date_format_each_time():
    dates = [datetime.date(2021, 3, 16), datetime.date(2024, 12, 31), datetime.date(2026, 1, 1)]
    for language in ("en", "ka"):
        with translation.override(language):
            expected = [formats.date_format(value, "DATE_FORMAT") for value in dates]
        for _ in range(2):  # written, then kept
            with translation.override("en"):
                assert [date_display(value, language) for value in dates] == expected
    assert date_display(datetime.date(2021, 3, 16), "ka") == "16 მარტი, 2021"
    assert date_display(None, "ka") is None


def test_what_was_kept_is_forgotten_when_a_test_changes_the_formats(settings):
    date_display(datetime.date(2021, 3, 16), "en")
    assert _formatted.cache_info().currsize
    settings.DATE_FORMAT = "Y-m-d"  # Django's own format cache is reset alike
    assert _formatted.cache_info().currsize == 0
