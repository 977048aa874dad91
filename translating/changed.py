"""A changed English sentence starts from its old Georgian translation.

When an English source changes, wagtail-localize keeps the translation of every string that
did not change; a string that changed is a new string with no translation, so the translator
retypes the whole sentence for a changed comma. What it lacks, and this adds: after the source
is refreshed (`signals.sync_source` on publish, "Sync translated pages" in
`submission.UpdateTranslationsView`), each changed string gets the translation of the string
it replaced, as a draft marked "English changed: check" with the old English, which the
translation editor shows under the segment next to the new English.

The draft is a `StringTranslation` with `has_error=True` and the mark in `field_error`: that is
how wagtail-localize already keeps a translation that must not reach readers yet. So the
draft counts as untranslated in `Translation.get_progress()` (the status report, the dashboard
and the completeness check before review count it as unfinished), is never used for the page,
and stops being a draft the moment a person saves it in the editor (wagtail-localize's save
clears `has_error`), a PO file or a machine draft replaces it.

Which new string replaced which old one: per translation context (a field, a block), the old
and new strings in order are aligned with `difflib`; in a replaced run, strings are paired in
order when the run kept its length, else each old string with the most alike new one, and a
pair counts only when the two are at least half alike: a rewritten sentence is a new one,
translated afresh (or by machine). A paragraph inserted or removed does not shift the pairs.
"""

from collections import defaultdict
from difflib import SequenceMatcher

from django.conf import settings
from django.db.models import Q
from django.utils import translation as django_translation
from django.utils.translation import gettext, gettext_noop
from wagtail_localize.models import String, StringTranslation
from wagtail_localize.strings import StringValue

MARK = gettext_noop("English changed: check.")  # field_error starts with it, translated


def snapshot(source):
    """The source's strings, per context, in order: taken before the source is refreshed."""
    strings = defaultdict(list)
    for context_id, string_id in source.stringsegment_set.order_by("order").values_list(
        "context_id", "string_id"
    ):
        strings[context_id].append(string_id)
    return strings


SIMILAR = 0.5  # how alike an old and a new string must be to count as one changed sentence


def alike(old_text, new_text):
    return SequenceMatcher(a=old_text, b=new_text).ratio() >= SIMILAR


def replaced_strings(before, after, text_of):
    """(context, old string, new string) for each string that changed in place. `text_of`
    gives a string's text (by id), to pair strings in a run of unequal length."""
    for context_id, new_strings in after.items():
        old_strings = before.get(context_id, [])
        matcher = SequenceMatcher(a=old_strings, b=new_strings, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "replace":
                continue
            olds, news = old_strings[i1:i2], new_strings[j1:j2]
            if len(olds) == len(news):
                for old, new in zip(olds, news, strict=True):
                    if alike(text_of[old], text_of[new]):
                        yield context_id, old, new
                continue
            free = list(news)
            for old in olds:
                scored = [
                    (SequenceMatcher(a=text_of[old], b=text_of[new]).ratio(), new) for new in free
                ]
                if scored and (best := max(scored))[0] >= SIMILAR:
                    free.remove(best[1])
                    yield context_id, old, best[1]


def mark(old_english, language_code):
    """The note the translator reads under the segment, in the translation's language (the
    translator's): a note is stored once, not per reader."""
    with django_translation.override(language_code):
        was = gettext("It was: “%(english)s”") % {"english": old_english}
        return f"{gettext(MARK)} {was}"


def marks():
    """The mark in every language of the site, to find the drafts again."""
    found = set()
    for code, _name in settings.LANGUAGES:
        with django_translation.override(code):
            found.add(gettext(MARK))
    return found


def changed_draft_filter():
    starts = Q()
    for prefix in marks():
        starts |= Q(field_error__startswith=prefix)
    return Q(has_error=True) & starts


def offer_previous_translations(source, before):
    """Give each string of `source` that replaced another the old string's translation, as
    a marked draft, in every enabled translation of `source`. Returns how many were made."""
    after = snapshot(source)
    ids = {string for strings in [*before.values(), *after.values()] for string in strings}
    texts = {
        string.pk: StringValue(string.data).render_text()
        for string in String.objects.filter(pk__in=ids)
    }
    pairs = list(replaced_strings(before, after, texts))
    if not pairs:
        return 0
    made = 0
    for target in source.translations.filter(enabled=True).select_related("target_locale"):
        locale = target.target_locale
        for context_id, old, new in pairs:
            if StringTranslation.objects.filter(
                translation_of_id=new, locale=locale, context_id=context_id
            ).exists():
                continue
            previous = StringTranslation.objects.filter(
                translation_of_id=old, locale=locale, context_id=context_id, has_error=False
            ).first()
            if previous is None:
                continue
            StringTranslation.objects.create(
                translation_of_id=new,
                locale=locale,
                context_id=context_id,
                data=previous.data,
                translation_type=previous.translation_type,
                tool_name=previous.tool_name,
                last_translated_by=previous.last_translated_by,
                has_error=True,
                field_error=mark(texts[old], locale.language_code),
            )
            made += 1
    return made


def changed_drafts(translation):
    """How many of `translation`'s strings are drafts waiting for a person after the English
    changed."""
    source = translation.source
    return StringTranslation.objects.filter(
        changed_draft_filter(),
        locale_id=translation.target_locale_id,
        context__object_id=source.object_id,
        translation_of_id__in=source.stringsegment_set.values("string_id"),
    ).count()
