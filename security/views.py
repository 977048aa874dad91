"""Server errors under /api/ answer in JSON, like every other API answer.

Django's default 500 handler renders the site's HTML error page for every path, so a
database failure inside either API reached a client as HTML. Under /api/ it is a JSON 503
when the database is unreachable (try again shortly) and a JSON 500 otherwise; the public
site keeps its 500 page in the visitor's language.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import server_error as site_server_error

API_PREFIX = "/api/"
UNAVAILABLE = (OperationalError, InterfaceError)


def server_error(request, template_name="500.html"):
    if not request.path_info.startswith(API_PREFIX):
        return site_server_error(request, template_name)
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE):
        response = JsonResponse(
            {"message": _("The service is briefly unavailable. Please try again.")}, status=503
        )
        response["Retry-After"] = "5"
    else:
        response = JsonResponse({"message": _("Server error.")}, status=500)
    response["Cache-Control"] = "no-store"
    return response
