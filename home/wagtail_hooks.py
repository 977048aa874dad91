"""Admin hooks for the content apps' pages and blocks (the editor's side of `home`)."""

from wagtail import hooks

from . import content_checks, embed_warnings

hooks.register("construct_wagtail_userbar", content_checks.use_site_content_checker)
hooks.register("after_create_page", embed_warnings.warn_about_unreachable_embeds)
hooks.register("after_edit_page", embed_warnings.warn_about_unreachable_embeds)
