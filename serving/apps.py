from django.apps import AppConfig


class ServingConfig(AppConfig):
    """Production serving: the response cache, its purge, the shared Redis cache that survives
    an outage, and the scheduler process. Infrastructure: it discovers content (pages,
    snippets, images, documents) through Wagtail's registries and never imports a content app.
    """

    name = "serving"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import child_relations, per_request, purge

        child_relations.install()
        purge.connect_signals()
        per_request.keep_site_lookups_per_request()
