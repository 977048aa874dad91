import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from wagtail.users.models import UserProfile

from translating.roles import EDITORS, MODERATORS, TRANSLATORS, setup_roles

# One account per editorial role (translating/roles.py), beside the admin account: its group,
# its name (Wagtail's account settings refuse to save a profile without one) and the admin
# language it starts in (the translator and the moderator work in the Georgian admin).
ROLE_ACCOUNTS = [
    ("editor", EDITORS, ("Emma", "Editor"), "en"),
    ("translator", TRANSLATORS, ("Nino", "Beridze"), "ka"),
    ("moderator", MODERATORS, ("Giorgi", "Kapanadze"), "ka"),
]
ADMIN_NAME = ("Ada", "Admin")


def complete_profile(user, name, language):
    """Give a demo account its name and admin language where it has none yet."""
    if not (user.first_name and user.last_name):
        user.first_name, user.last_name = name
        user.save(update_fields=["first_name", "last_name"])
    profile = UserProfile.get_for_user(user)
    if language and not profile.preferred_language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])


class Command(BaseCommand):
    help = (
        "Development only: create an admin account and one account per role (editor, "
        "translator, moderator) with random passwords and print them once. Skips accounts "
        "that exist, and refuses outside development settings."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
            self.stderr.write("Demo accounts are made only with development settings; none made.")
            return
        # The roles' page permissions and the Georgian review workflow need the home pages,
        # which exist only after the demo load: make sure they are assigned.
        setup_roles()
        User = get_user_model()
        created = []
        if admin := User.objects.filter(username="admin").first():
            self.stdout.write("The admin account exists already (its password was shown once).")
        else:
            password = secrets.token_urlsafe(12)
            admin = User.objects.create_superuser("admin", "admin@example.org", password)
            created.append(("admin", password))
        complete_profile(admin, ADMIN_NAME, "")  # the admin keeps the default language
        for username, group_name, name, language in ROLE_ACCOUNTS:
            if user := User.objects.filter(username=username).first():
                self.stdout.write(f"The {username} account exists already.")
            else:
                password = secrets.token_urlsafe(12)
                user = User.objects.create_user(username, f"{username}@example.org", password)
                user.groups.add(Group.objects.get(name=group_name))
                created.append((username, password))
            complete_profile(user, name, language)
        if not created:
            return
        lines = "".join(
            f"    username: {username}\n    password: {password}\n\n"
            for username, password in created
        )
        self.stdout.write(
            self.style.SUCCESS(
                "\nCreated these accounts; sign in at /admin/ on the development server.\n"
                f"{lines}These passwords are shown only now.\n"
            )
        )
