from django import template
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import HeaderButton

from .. import editor, slugs, status
from ..views import submit_for_review_url

register = template.Library()


@register.simple_tag
def review_header_buttons(page, user):
    """The header buttons of the translation editor for `page`: "Submit translation for
    review" where `user` may submit it (see the template that uses it)."""
    url = submit_for_review_url(page, user)
    if url is None:
        return []
    return [HeaderButton(_("Submit translation for review"), url, icon_name="resubmit")]


@register.simple_tag
def editor_props(props):
    """wagtail-localize's editor props without "Delete" and "Convert to alias page" (the
    latter is refused, `views.refuse_alias`); see translating/editor.py."""
    return editor.props_without_footer_actions(props)


@register.simple_tag(takes_context=True)
def editor_footer(context, props, instance):
    request = context["request"]
    return editor.editor_footer(props, instance, request.user, request.get_full_path())


@register.simple_tag
def english_changed_since(page):
    """When the English source of the Georgian `page` changed after `page` was last
    published (None otherwise): the explorer marks such pages."""
    return status.english_changed_since(page)


@register.simple_tag
def slug_follows_title(translation):
    """The title's segment id when saving the title will draft a slug the open editor does
    not know of yet (static/translating/js/slug-follows-title.js), else None."""
    return slugs.slug_waiting_for_title(translation)


@register.simple_tag
def editor_heading(props):
    """(wagtail-localize's English heading of the editor, its translation): see
    translating/editor.py and static/translating/js/editor-heading.js."""
    return editor.heading(props)
