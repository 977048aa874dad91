"""The admin's login form with its password label translated.

Wagtail's `LoginForm` redeclares Django's `password` field (to give it a placeholder) without
Django's `label=_("Password")`, so the label falls back to the field's name, "Password", in
every language. Wagtail lets a project name its own login form
(`WAGTAILADMIN_USER_LOGIN_FORM`); this one only gives the label back.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
