from django.http import JsonResponse
from django.utils.translation import gettext as _


def api_not_found(request, *args, **kwargs):
    return JsonResponse({"message": _("Not found.")}, status=404)
