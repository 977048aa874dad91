"""v2 views for the site around the pages (headless/site.py): navigation, site settings and
each declared collection, JSON like the rest of v2 (errors `{"message", "parameter"}`)."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from . import registry, site
from .errors import BadParameter, json_error


def _json(data):
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})


def _with_locale(build):
    def view(request):
        try:
            data = build(request, site.locale_parameter(request))
            if data is None:
                return json_error(404, _("Not found."))
            return _json(data)
        except BadParameter as e:
            return json_error(400, e.message, e.parameter)

    return view


navigation_view = _with_locale(site.navigation)
site_view = _with_locale(site.site_settings)


def collection_view(name):
    def build(request, locale):
        data = registry.collection_data(name, locale)
        if isinstance(data, list):
            return {"locale": locale.language_code, "items": data}
        return data

    return _with_locale(build)
