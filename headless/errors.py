"""Bad-parameter errors that name the parameter, shared by the v2 views and our v3 routes."""

from django.http import JsonResponse
from wagtail.api.v2.utils import BadRequestError


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
