import json

from django import template
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import HeaderButton

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
    """wagtail-localize's editor props without its "Convert to alias page" action, which is
    refused here (`views.refuse_alias`)."""
    data = json.loads(props)
    data.setdefault("links", {})["convertToAliasUrl"] = None
    return json.dumps(data)
