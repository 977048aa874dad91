"""The labels of Wagtail's chooser viewsets, in the admin's language.

`wagtail.admin.viewsets.chooser.ChooserViewSet` declares its labels ("Choose", "Choose
another", "Edit", the modal's "Search" tab, "Create") with `gettext`, not `gettext_lazy`, so
they are translated once, when the module is imported, into the language active then
(English): the image chooser's "Search" tab stays English in a Georgian admin. These are its
documented attributes; `install()` (from `TranslatingConfig.ready()`, before the admin's URLs
and their views are built) gives the base class the same messages, lazily. A viewset that sets
its own label keeps it. tests/test_translation_editor_i18n.py fails when Wagtail makes them
lazy itself.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.chooser import ChooserViewSet

LABELS = {
    "choose_one_text": "Choose",
    "choose_another_text": "Choose another",
    "edit_item_text": "Edit",
    "search_tab_label": "Search",
    "create_action_label": "Create",
}


def eager_labels():
    """The labels Wagtail still translates at import time (plain strings)."""
    return [name for name in LABELS if not isinstance(getattr(ChooserViewSet, name), Promise)]


def install():
    for name in eager_labels():
        setattr(ChooserViewSet, name, gettext_lazy(LABELS[name]))
