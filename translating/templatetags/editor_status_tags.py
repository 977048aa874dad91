from django import template

from translating.editor_status import other_language_versions

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context, instance):
    """The other-language versions of `instance` the status panel lists (any user)."""
    request = context.get("request")
    return other_language_versions(instance, request.user) if request else []
