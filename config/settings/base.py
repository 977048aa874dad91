"""Settings shared by every environment.

Everything that differs between machines is read from the environment here (documented in
`.env.example`); `dev.py`, `test.py` and `production.py` override only a few lines.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None, *, required=False):
    """Read a setting from the environment; fail loudly when a required one is missing."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return default


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_choice(name, default, choices):
    value = env(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # headless first: its ready() extends Wagtail's v3 schemas before wagtail.contrib.redirects'
    # ready() imports the v3 routers. translating before Wagtail so that its templates win.
    "headless",
    "translating",
    "security",
    "home",
    "newsroom",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # CORS, ETag and Cache-Control for the public read API (see headless/middleware.py)
    "headless.middleware.HeadlessAPIMiddleware",
    "config.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects, to live and public pages only (security/redirects.py).
    "security.redirects.PublicRedirectMiddleware",
    # NUL characters refused, writes to the v3 API off unless HEADLESS_API_WRITES.
    "security.middleware.BadQueryMiddleware",
    "security.api_writes.APIWriteGateMiddleware",
    # Content-Security-Policy (django-csp) and Permissions-Policy on the public site.
    "csp.middleware.CSPMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    # Failed admin logins throttled and logged (django-axes); last, as axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite next to the checkout unless DATABASE_URL names another database (PostgreSQL in CI
# and production).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared Redis cache when REDIS_URL is set (several app servers); files otherwise.
# A Redis that cannot be reached makes the site slower, never an error (serving/rediscache.py).
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "serving.rediscache.ResilientRedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", ""),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    # Files, not local memory: the scheduler and every gunicorn worker are separate processes,
    # and a purge (serving/purge.py) must reach the cache they all read. One machine only.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source language, Georgian is translated with wagtail-localize.
LANGUAGE_CODE = "en"
# Each language by its own name where a reader or user picks one (the site's language
# switcher, the API's site settings, the admin's language preference).
LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("en", "English"),
    ("ka", "ქართული"),
]
# The names of the content languages, as the admin shows them (Locale.get_display_name():
# breadcrumbs, status panel, the translation editor): in the admin's own language, so a
# Georgian admin says "ინგლისური", not "English".
WAGTAIL_CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("ka", "ქართული"),
]
WAGTAIL_I18N_ENABLED = True
# Wagtail's login form leaves its password label untranslated (translating/login.py).
WAGTAILADMIN_USER_LOGIN_FORM = "translating.login.LoginForm"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Tbilisi"
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "serving.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = _("IOM Georgia")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Headless API. Rich text goes out as HTML with links resolved; no linktype= leaks.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["headless.renderers.JSONRenderer"],
}

WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# A page submitted for translation becomes a Georgian draft, whatever the English page's
# state: it goes live only through the review workflow (wagtail-localize would publish it at
# once, English text and all, when the English page is live).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Translation workflow ----------------------------------------------------------------------
# Roles, the Georgian review workflow, sync on publish, status report and PO exchange live in
# the `translating` app.

# Georgian page slugs: "latin" (default), Georgia's national romanization ("vin-vart-chven"),
# which survives copy and paste anywhere; or "unicode" ("ვინ-ვართ-ჩვენ"). Applied to every slug
# a translator enters or drafts from the title (translating/slugs.py).
GEORGIAN_SLUGS = env_choice("GEORGIAN_SLUGS", "latin", ("latin", "unicode"))

# Machine translation as a first draft, only when configured: DeepL with DEEPL_API_KEY, or
# else a LibreTranslate server at LIBRETRANSLATE_URL (wagtail-localize ships both). None by
# default. Machine-drafted strings keep translation_type "machine" until a person edits them.
if env("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env("DEEPL_API_KEY")},
    }
elif env("LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": env("LIBRETRANSLATE_URL"),
            "API_KEY": env("LIBRETRANSLATE_API_KEY", ""),
        },
    }

# Headless API ------------------------------------------------------------------------------
# The `headless` app extends Wagtail's v2 and v3 APIs (see headless/ and config/api.py).
# CORS for the public read API: any origin unless CORS_ALLOWED_ORIGINS lists some
# (comma-separated, e.g. https://app.example.org). Responses are revalidated by ETag.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
HEADLESS_API_CACHE_CONTROL = env("HEADLESS_API_CACHE_CONTROL", "public, max-age=0, must-revalidate")
# Headless preview: the client app's preview URL (empty: the admin shows Wagtail's own
# preview) and how long a preview token lives, in seconds.
HEADLESS_PREVIEW_CLIENT_URL = env("HEADLESS_PREVIEW_CLIENT_URL", "")
HEADLESS_PREVIEW_MAX_AGE = int(env("HEADLESS_PREVIEW_MAX_AGE", "3600"))

# Serving: response cache, purge, front caches ----------------------------------------------
# The `serving` app (see README "Deploying"): anonymous GET answers (pages in both languages,
# feeds, sitemap, robots, API v2 and v3) are kept in the default cache and all purged after
# any content change; never for sessions, the admin or previews.
INSTALLED_APPS += ["serving"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("config.middleware.SiteLocaleMiddleware") + 1,
    "serving.responsecache.ResponseCacheMiddleware",
)
RESPONSE_CACHE_ENABLED = env_bool("RESPONSE_CACHE", True)
# How long an answer stays in the response cache (a purge ends it sooner) and how long a shared
# cache in front (Varnish, a CDN) may keep a public page: Cache-Control s-maxage.
RESPONSE_CACHE_SECONDS = int(env("RESPONSE_CACHE_SECONDS", "600"))
SHARED_CACHE_SECONDS = int(env("SHARED_CACHE_SECONDS", "300"))
# Each app process also keeps up to this many MiB of the answers it served in memory, under
# the shared generation (so a purge still reaches them): a hit skips reading and unpickling the
# body from the shared cache. 0 turns it off. Per process: gunicorn's workers each hold one.
RESPONSE_CACHE_MEMORY_BYTES = int(env("RESPONSE_CACHE_MEMORY_MB", "32")) * 1024 * 1024
# Wagtail's frontend_cache backends, purged by serving/purge.py after every content change:
# Varnish (or any cache taking HTTP PURGE, deploy/varnish.vcl), Cloudflare or CloudFront.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", required=True),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }
WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in LANGUAGES]

# Public site: search engines, sharing, pictures (issue 12) ---------------------------------
# Formats of the site's responsive pictures, best first: "webp" (always), or "avif,webp" to
# offer AVIF too where Pillow can write it (home/renditions.py).
SITE_PICTURE_FORMATS = env_list("SITE_PICTURE_FORMATS", "webp")
# The editor's day (issue 14) ----------------------------------------------------------------
# No external avatar service: the admin shows its own initials avatar (works offline, and no
# editor's e-mail hash goes to a third party).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# SQLite: write-ahead log (readers never block the writer) and a busy timeout with writes that
# take their lock up front (IMMEDIATE), so an autosave waits for a concurrent write instead of
# failing with "database is locked". Django 5.1+ options; PostgreSQL is unaffected.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Security ----------------------------------------------------------------------------------
# See README "Security" and the `security` app.
# Documents only through Wagtail's view, which checks their collection's restrictions; never
# as files under MEDIA_URL (DESIGN.md pitfall 15).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Wagtail 8's v3 write endpoints (create, update, publish, copy, move, delete, upload):
# off unless turned on; when on, the admin's translation rules apply (translating/api_rules.py).
HEADLESS_API_WRITES = env_bool("HEADLESS_API_WRITES", False)
# SQLite's FTS5 reads a quote in a search as syntax (a 500); security/search.py makes it text.
WAGTAILSEARCH_BACKENDS["default"] = {
    **WAGTAILSEARCH_BACKENDS["default"],
    "BACKEND": "security.search",
    "WRAPPED_BACKEND": WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
}
# The public site's Content-Security-Policy (django-csp): its own scripts, styles, fonts and
# pictures only, and video embeds from YouTube and Vimeo in frames. The admin and the API
# keep Wagtail's own behaviour.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/api/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "font-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Browser features no page of the site uses (security/middleware.py).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
)
# Repeated failed logins (django-axes): after 5 failures for one username from one address,
# that pair is locked out for an hour (HTTP 429); every failure is logged. Behind a proxy,
# set AXES_IPWARE_PROXY_COUNT / AXES_IPWARE_META_PRECEDENCE_ORDER so the client address is used.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on stderr at start-up (serve's errors are one line)
# Every failed login and lockout in the log (axes says so at INFO and WARNING).
LOGGING.setdefault("loggers", {})["axes"] = {"level": "INFO"}
# Database connections: checked before reuse, so a connection the database dropped (a
# restart) is replaced instead of failing the next request; on PostgreSQL, a read whose
# connection was lost during a request, and a failed connection attempt, are retried once
# (serving/postgresql/base.py says what Django's health checks and pool leave out).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "serving.postgresql"
