"""The translation editor's footer, built for the translator's job.

wagtail-localize's React editor draws its own footer and picks its primary button by position:
the last of Stop synced translation, Delete, Lock, Unlock, Unpublish and Publish that the user
may use. A translator may not publish, so their biggest button was "Delete" (or "Stop synced
translation" once the page was live), and their real job, submitting the translation for
review, had no place there. Its footer cannot be configured, so the editor template
(templates/wagtail_localize/admin/edit_translation.html) hides it and shows this one instead:

- primary: "Submit translation for review" where the page is under the review workflow
  (views.submit_for_review saves the translation as a draft revision and starts the workflow),
  otherwise "Publish in <language>" (a snippet, a page without review) when the user may;
- secondary: Publish (for those who may publish a page that is under review), Preview,
  Unpublish, and "Stop synced translation" for everyone but translators;
- never Delete: deleting a page or snippet stays in the explorer and snippet listings.

Everything is taken from the props wagtail-localize computes for its own footer (its
permission checks and URLs), so the two cannot disagree.
"""

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.models import Page

from .roles import is_translator_only
from .views import submit_for_review_url


@dataclass
class Action:
    label: str
    url: str
    icon: str
    method: str = "get"  # "post": a form with the CSRF token
    fields: dict = field(default_factory=dict)
    new_tab: bool = False
    form_id: str = ""  # for "post": the id of its form, rendered outside the dropdown


@dataclass
class Footer:
    primary: Action | None
    secondary: list

    @property
    def post_actions(self):
        return [action for action in [self.primary, *self.secondary] if action and action.form_id]


def editor_footer(props, instance, user, current_url):
    data = json.loads(props)
    perms, links = data.get("perms", {}), data.get("links", {})
    language = data.get("locale", {}).get("displayName", "")
    review_url = submit_for_review_url(instance, user) if isinstance(instance, Page) else None
    publish = None
    if perms.get("canPublish"):
        publish = Action(
            _("Publish in %(language)s") % {"language": language},
            current_url,
            "upload",
            method="post",
            fields={"action": "publish"},
        )
    review = review_url and Action(_("Submit translation for review"), review_url, "resubmit")
    primary = review or publish
    secondary = []
    if publish and primary is not publish:
        secondary.append(publish)
    for mode in data.get("previewModes") or []:
        secondary.append(Action(_("Preview"), mode["url"], "view", new_tab=True))
        break  # the default mode; others are in wagtail's own preview panel
    if perms.get("canUnpublish") and links.get("unpublishUrl"):
        secondary.append(Action(_("Unpublish"), links["unpublishUrl"], "download"))
    if links.get("stopTranslationUrl") and not is_translator_only(user):
        secondary.append(
            Action(
                _("Stop synced translation"),
                links["stopTranslationUrl"],
                "cross",
                method="post",
                fields={"next": current_url},
            )
        )
    if primary is None and secondary:
        primary = secondary.pop(0)
    for number, action in enumerate([primary, *secondary]):
        if action and action.method == "post":
            action.form_id = f"translating-action-{number}"
    return Footer(primary, secondary)


def props_without_footer_actions(props):
    """wagtail-localize's props with Delete and Convert to alias page taken out: its own
    footer is hidden, but nothing it holds should be reachable by accident either."""
    data = json.loads(props)
    data.setdefault("perms", {})["canDelete"] = False
    data.setdefault("links", {})["convertToAliasUrl"] = None
    return json.dumps(data)


# wagtail-localize's editor heading, a JavaScript template string without gettext
# (`${sourceLocale.displayName} to ${locale.displayName} translation`, in its bundle);
# tests/test_translation_editor_i18n.py fails when the bundle no longer has it.
HEADING_TEMPLATE = "{source} to {target} translation"


def heading(props):
    """(the heading wagtail-localize's editor draws, the same in the admin's language):
    static/translating/js/editor-heading.js puts the second in place of the first."""
    data = json.loads(props)
    names = {
        "source": data.get("sourceLocale", {}).get("displayName", ""),
        "target": data.get("locale", {}).get("displayName", ""),
    }
    english = HEADING_TEMPLATE.format(**names)
    # the same words as wagtail-localize's, so that in English nothing changes
    translated = _("%(source)s to %(target)s translation") % names
    return english, translated
