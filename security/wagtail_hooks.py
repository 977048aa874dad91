from wagtail import hooks

from .concurrent_edits import refuse_stale_save

hooks.register("before_edit_page", refuse_stale_save)
