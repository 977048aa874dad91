"""wagtail-localize's "Translate" and "Sync translated pages" views, made safe for a site
where Georgian readers never see English text and nothing Georgian goes live without review.

What wagtail-localize lacks, and this adds (the views are routed ahead of its own, see
`wagtail_hooks.register_admin_urls`; `WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`
in settings makes every new Georgian page a draft):
- Submitting a page whose parent has no Georgian version makes wagtail-localize copy the
  missing ancestors as *aliases*: live pages showing the English text at Georgian addresses.
  Here the missing ancestors are submitted first, as drafts to translate, so no alias is made.
- After Translate it opens the new Georgian page's editor even for an editor, who may not
  edit it; it pre-selects the target language only when the URL names one. Here the editor
  goes back to the English listing, and a single target language is pre-selected (for pages
  and snippets alike).
- "Sync translated pages" offers "Publish immediately" to anyone who may submit
  translations: translators included, past the review workflow, with English standing in
  for every string not yet translated. Here the sync only updates; publishing goes through
  review (`views.submit_for_review`). A changed string starts from its old translation
  (changed.py), as after the sync on publish.
"""

from django.db import transaction
from wagtail.models import Page
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views import submit_translations, update_translations

from . import changed


def submit_untranslated_ancestors(page, locales, user):
    """Give every ancestor of `page` below the tree's root a (draft) translation into each of
    `locales` that it lacks, top down, so that wagtail-localize finds a translated parent."""
    ancestors = page.get_ancestors().filter(depth__gt=1)
    for locale in locales:
        for ancestor in ancestors:
            if not Page.objects.filter(
                translation_key=ancestor.translation_key, locale=locale
            ).exists():
                TranslationCreator(user, [locale]).create_translations(ancestor.specific)


class OnlyTargetPreselected:
    """With one language left to translate into (Georgian, here), it is ticked already:
    wagtail-localize ticks one only when the URL names it."""

    def get_form(self):
        form = super().get_form()
        if not form.is_bound and not (form.initial or {}).get("locales"):
            choices = list(form.fields["locales"].queryset)
            if len(choices) == 1:
                form.initial = {**(form.initial or {}), "locales": choices}
        return form


class SubmitSnippetTranslationView(
    OnlyTargetPreselected, submit_translations.SubmitSnippetTranslationView
):
    pass


class SubmitPageTranslationView(
    OnlyTargetPreselected, submit_translations.SubmitPageTranslationView
):
    @transaction.atomic
    def form_valid(self, form):
        submit_untranslated_ancestors(self.object, form.cleaned_data["locales"], self.request.user)
        return super().form_valid(form)

    def get_default_success_url(self, translated_page=None):
        """wagtail-localize sends the user to the new Georgian page's editor; an editor may
        not edit the Georgian tree and got "you do not have permission" right after a
        successful Translate. Such a user goes back to the English page's listing."""
        user = self.request.user
        if translated_page and not translated_page.permissions_for_user(user).can_edit():
            translated_page = None
        return super().get_default_success_url(translated_page)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    def get_form(self):
        form = super().get_form()
        del form.fields["publish_translations"]
        return form

    def form_valid(self, form):
        form.cleaned_data["publish_translations"] = False
        before = changed.snapshot(self.object)
        response = super().form_valid(form)
        changed.offer_previous_translations(self.object, before)
        return response
