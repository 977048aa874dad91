"""Development: a throwaway secret, debug pages and local hosts only."""

from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-never-used-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# `make run` creates demo accounts with random passwords; no other settings allow it.
DEMO_ACCOUNTS_ENABLED = True

# Absolute links (API html_url, admin e-mails) point at the development server's own port.
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = env(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{env('PORT', '8000')}"
)

# E-mail: workflow notifications (submitted, approved, changes requested) are printed on the
# development server's console instead of failing on an SMTP server that is not there.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
