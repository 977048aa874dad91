import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# What is loaded now lives as long as the worker: Django, Wagtail, the models and, imported
# here rather than on the first request, the URLconf's views (about 200,000 objects). Python's
# full garbage collection walks every one of them each time it runs: a fifth of the time of a
# 10,000-article sitemap section, measured in process. `gc.freeze()` sets them aside for good
# (after a collection, so that no garbage is kept with them); the collector still sees
# everything a request makes.
import_module(settings.ROOT_URLCONF)
gc.collect()
gc.freeze()
