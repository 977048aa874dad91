"""Errors that name the bad parameter: v2's `{"message", "parameter"}` JSON and v3's
problem+json (RFC 9457), with titles and details in the request's language."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.api.v2.utils import BadRequestError

PROBLEM_JSON = "application/problem+json"
# HTTP's reason phrases, translated (Python's `HTTPStatus` phrases are English only).
TITLES = {
    400: gettext_lazy("Bad Request"),
    401: gettext_lazy("Unauthorized"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not Found"),
    405: gettext_lazy("Method Not Allowed"),
    409: gettext_lazy("Conflict"),
    422: gettext_lazy("Unprocessable Content"),
    500: gettext_lazy("Internal Server Error"),
    503: gettext_lazy("Service Unavailable"),
}


class BadParameter(BadRequestError):
    """A 400 for one query parameter: {"message": ..., "parameter": ...}."""

    def __init__(self, parameter, message):
        super().__init__(str(message))
        self.parameter = parameter
        self.message = str(message)

    def as_data(self):
        return {"message": self.message, "parameter": self.parameter}


def json_error(status, message, parameter=None):
    data = {"message": str(message)}
    if parameter:
        data["parameter"] = parameter
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def problem(status, detail="", parameter=None, errors=None):
    """A v3 problem+json response; `title` and `detail` in the active language."""
    payload = {
        "type": "about:blank",
        "title": str(TITLES.get(status, _("Error"))),
        "status": status,
        "detail": str(detail),
    }
    if parameter:
        payload["parameter"] = parameter
    if errors:
        payload["errors"] = [
            {key: value for key, value in error.items() if key in ("type", "loc", "msg")}
            for error in errors
        ]
    return JsonResponse(
        payload,
        status=status,
        content_type=PROBLEM_JSON,
        json_dumps_params={"ensure_ascii": False, "default": str},
    )


def problem_400(parameter, errors=None, detail=None):
    return problem(
        400,
        detail or _("Bad value for the query parameter %(name)s.") % {"name": parameter},
        parameter=parameter,
        errors=errors,
    )
