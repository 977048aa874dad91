"""CORS and HTTP caching for the public read API under /api/.

- CORS: a GET/HEAD/OPTIONS under /api/ answers any origin by default, or only the origins in
  `CORS_ALLOWED_ORIGINS` when that setting lists some. Write methods and the admin never
  get CORS headers (so a browser on another origin cannot call them with the API's blessing).
- Caching: every successful GET answer carries a strong ETag (a hash of its body) and
  `Cache-Control` (`HEADLESS_API_CACHE_CONTROL`); `If-None-Match` gives 304. The body may come
  from the response cache below (serving/responsecache.py), which every publish purges, so
  publishing or unpublishing a page changes the very next answer, and its ETag, in both
  languages.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .errors import json_error, problem_400

# The largest offset any endpoint accepts.
OFFSET_MAX = 1_000_000

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
DEFAULT_CACHE_CONTROL = "public, max-age=0, must-revalidate"


def allowed_origin(origin):
    allowed = getattr(settings, "CORS_ALLOWED_ORIGINS", None) or ["*"]
    if "*" in allowed:
        return "*"
    return origin if origin in allowed else None


def is_public_api(request):
    # The v3 write/admin tier answers authenticated requests; CORS is for the public API.
    return request.path_info.startswith(API_PREFIX) and not request.path_info.startswith(
        "/api/v3/schema/"
    )


class HeadlessAPIMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_api(request):
            return self.get_response(request)
        origin = request.headers.get("Origin")
        if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method"):
            response = self.preflight(request)
        else:
            response = self.check_query(request) or self.get_response(request)
        wanted = request.headers.get("Access-Control-Request-Method", "GET").upper()
        if origin and request.method in READ_METHODS and wanted in READ_METHODS:
            self.add_cors(response, origin)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response = self.add_caching(request, response)
        return response

    def check_query(self, request):
        """400s that every endpoint needs before it touches the database.

        A NUL character in a parameter (PostgreSQL refuses it in any string: a 500), and an
        offset past OFFSET_MAX (v3's paginator passes it on, where it overflows: a 500).
        """
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                name = name.replace("\x00", "")
                return self.bad_parameter(
                    request,
                    name,
                    _("Null characters are not allowed in %(name)s.") % {"name": name},
                )
        raw = request.GET.get("offset", "")
        if raw.isascii() and raw.isdigit() and int(raw) > OFFSET_MAX:
            return self.bad_parameter(
                request, "offset", _("offset cannot be higher than %(max)d.") % {"max": OFFSET_MAX}
            )
        return None

    @staticmethod
    def bad_parameter(request, name, message):
        """A 400 naming the parameter, in the error format of the API version asked."""
        if request.path.startswith("/api/v3/"):
            return problem_400(name, detail=message)
        return json_error(400, message, name)

    def preflight(self, request):
        response = HttpResponse(status=204)
        wanted = request.headers.get("Access-Control-Request-Method", "").upper()
        if wanted in READ_METHODS:
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
        return response

    def add_cors(self, response, origin):
        allow = allowed_origin(origin)
        if allow is None:
            return
        response["Access-Control-Allow-Origin"] = allow
        response["Access-Control-Expose-Headers"] = "ETag, Content-Location, Location"
        if allow != "*":
            patch_vary_headers(response, ["Origin"])

    def add_caching(self, request, response):
        if getattr(response, "streaming", False):
            return response
        # A cached answer brings its body's hash (serving/responsecache.py): a large listing is
        # not hashed again on every hit.
        digest = getattr(response, "content_sha256", None)
        if digest is None:
            digest = hashlib.sha256(response.content).hexdigest()
        etag = f'"{digest[:32]}"'
        response["ETag"] = etag
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = getattr(
                settings, "HEADLESS_API_CACHE_CONTROL", DEFAULT_CACHE_CONTROL
            )
        patch_vary_headers(response, ["Accept-Language"])
        if_none_match = request.headers.get("If-None-Match", "")
        candidates = {tag.strip() for tag in if_none_match.split(",")}
        if etag in candidates or "*" in candidates or f"W/{etag}" in candidates:
            not_modified = HttpResponseNotModified()
            for header in (
                "ETag",
                "Cache-Control",
                "Vary",
                "Access-Control-Allow-Origin",
                "Access-Control-Expose-Headers",
            ):
                if response.has_header(header):
                    not_modified[header] = response[header]
            return not_modified
        return response
