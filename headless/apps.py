from django.apps import AppConfig


class HeadlessConfig(AppConfig):
    name = "headless"
    verbose_name = "Headless API"

    def ready(self):
        # Imported here, the usual place for start-up work: Wagtail's v3 modules build their
        # schemas from every app's models on import, so they may load only once apps are
        # ready. The page read schemas come first: Wagtail's routers (imported by .v3)
        # build their unions from them.
        from . import v3_schemas

        v3_schemas.install()
        from . import v3

        v3.extend()
