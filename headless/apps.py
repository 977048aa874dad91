from django.apps import AppConfig


class HeadlessConfig(AppConfig):
    name = "headless"
    verbose_name = "Headless API"

    def ready(self):
        # Wagtail's v3 API builds its read schemas when its registry is first imported and
        # its routers when the URLconf is loaded (after every app's ready()). Replace the
        # page read schemas here, before the routers read them: typed StreamField bodies,
        # translations in meta, the page's language active while serializing.
        from .v3 import install

        install()
