"""Tests: fast hashing, plain static storage, no external calls."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "serving.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".test-media"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"

# Translation workflow: wagtail-localize's dummy machine translator (reverses the words; no
# network), whatever the environment says.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}

# The response cache is off here: tests change rows without Wagtail's signals and roll their
# transactions back (so no purge ever commits). tests/test_serving_*.py turn it on.
RESPONSE_CACHE_ENABLED = False

# SQLite: the tests' in-memory database takes plain (deferred) transactions, not development's
# IMMEDIATE ones: with IMMEDIATE the test's open transaction holds the write lock that SQLite's
# online backup (manage.py backup, tests/test_backup.py) waits on for ever.
DATABASES = {  # a copy: development keeps its options
    **DATABASES,  # noqa: F405
    "default": {
        **DATABASES["default"],  # noqa: F405
        "OPTIONS": {
            key: value
            for key, value in DATABASES["default"].get("OPTIONS", {}).items()  # noqa: F405
            if key != "transaction_mode"
        },
    },
}
